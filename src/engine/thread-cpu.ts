/**
 * CPU time of the calling thread, for the analysis's per-stage figures (reader, encoder). Linux only
 * (/proc/thread-self); elsewhere null, and the figures say "not measured" rather than guess.
 */
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc times (USER_HZ, 100 on every Linux this runs on). */
const TICKS_PER_SEC = 100;

/** User + system CPU milliseconds this thread has used, or null where /proc/thread-self is missing. */
export function threadCpuMs(): number | null {
  try {
    return cpuMsFromStat(readFileSync('/proc/thread-self/stat', 'utf8'));
  } catch {
    return null;
  }
}

/**
 * utime + stime (fields 14 and 15) of a /proc/.../stat line, in ms; with `children`, cutime + cstime
 * (16 and 17): the CPU of waited-for child processes (the ffmpeg decoders).
 */
export function cpuMsFromStat(stat: string, children = false): number {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [a, b] = children ? [fields[13], fields[14]] : [fields[11], fields[12]];
  return ((Number(a) + Number(b)) * 1000) / TICKS_PER_SEC;
}
