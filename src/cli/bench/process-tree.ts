/**
 * Memory and CPU of this process and the programs it started (the ffmpeg decoders), read from /proc:
 * the analysis benchmark's peak RSS of the whole tree, and the CPU its decoders used. Linux only; other
 * systems get nulls, and the report says "not measured".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpuMsFromStat } from '../../engine/thread-cpu';

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended meanwhile
  }
}

/** The pids of `pid`'s children, from every thread's children list (a worker thread spawns too). */
function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((tid) => (read(`/proc/${pid}/task/${tid}/children`) ?? '').split(' ').filter(Boolean).map(Number));
}

/** Resident memory of `pid` and all its descendants now, in bytes; null where /proc is missing. */
export function treeRssBytes(pid = process.pid): number | null {
  const status = read(`/proc/${pid}/status`);
  if (status === null) return pid === process.pid ? null : 0;
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024 + childrenOf(pid).reduce((sum, child) => sum + (treeRssBytes(child) ?? 0), 0);
}

/** CPU ms of this process's finished (waited-for) child processes: the decoders; null off Linux. */
export function childrenCpuMs(): number | null {
  const stat = read('/proc/self/stat');
  return stat === null ? null : cpuMsFromStat(stat, true);
}

/** Samples the tree's RSS every `intervalMs` until stopped; resolves with the peak seen (bytes). */
export function watchPeakRss(intervalMs = 50): { stop(): number | null } {
  let peak: number | null = treeRssBytes();
  const timer = setInterval(() => {
    const now = treeRssBytes();
    if (now !== null) peak = Math.max(peak ?? 0, now);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
