/**
 * The log file in the data folder (logs/soundlike.log): what failed and what was recovered, for the user
 * and for bug reports. Bounded: at LOG_LIMITS.maxBytes it rotates to soundlike.1.log .. soundlike.N.log.
 * What main writes to console.error/warn is copied here, so no call site has to know about the file.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { format } from 'node:util';
import { SoundlikeError } from '../shared/errors';

export const LOG_LIMITS = {
  /** One file's size before it rotates. */
  maxBytes: 1024 * 1024,
  /** Rotated files kept (soundlike.1.log is the newest); the oldest beyond this is deleted. */
  keep: 3,
};

function rotatedPath(file: string, n: number): string {
  return file.replace(/\.log$/, `.${n}.log`);
}

/** One log file, appended synchronously (a crash loses nothing already logged) and rotated by size. */
export class LogFile {
  private size: number;
  private broken = false;

  constructor(readonly path: string, private readonly limits = LOG_LIMITS) {
    this.size = existsSync(path) ? statSync(path).size : 0;
  }

  write(level: 'error' | 'warn' | 'info', text: string): void {
    if (this.broken) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase()} [${process.pid}] ${text.replace(/\n/g, '\n    ')}\n`;
    try {
      if (this.size > 0 && this.size + Buffer.byteLength(line) > this.limits.maxBytes) this.rotate();
      mkdirSync(dirname(this.path), { recursive: true });
      appendFileSync(this.path, line);
      this.size += Buffer.byteLength(line);
    } catch {
      // A read-only or full disk must not turn every logged error into a crash; the console still has it.
      this.broken = true;
    }
  }

  private rotate(): void {
    rmSync(rotatedPath(this.path, this.limits.keep), { force: true });
    for (let n = this.limits.keep - 1; n >= 1; n--) {
      if (existsSync(rotatedPath(this.path, n))) renameSync(rotatedPath(this.path, n), rotatedPath(this.path, n + 1));
    }
    if (this.limits.keep > 0) renameSync(this.path, rotatedPath(this.path, 1));
    else rmSync(this.path, { force: true });
    this.size = 0;
  }
}

// Services can be open on more than one data folder in one process (tests, tools): the newest logs.
const active: LogFile[] = [];
let teeInstalled = false;

function installConsoleTee(): void {
  if (teeInstalled) return;
  teeInstalled = true;
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      original(...args);
      active.at(-1)?.write(level, format(...args));
    };
  }
}

/** Starts logging to `file` (and copying console.error/warn there); returns the function that stops it. */
export function startLogging(file: string): { log: LogFile; stop: () => void } {
  installConsoleTee();
  const log = new LogFile(file);
  active.push(log);
  const stop = () => {
    const at = active.indexOf(log);
    if (at >= 0) active.splice(at, 1);
  };
  return { log, stop };
}

/** The file being logged to now, if any. */
export function currentLogFile(): string | null {
  return active.at(-1)?.path ?? null;
}

/**
 * The error with every "the log" in its hint naming the real file, so "see the log" can be followed.
 * Done where errors reach the user (IPC/web dispatch, the CLI), whichever module wrote the hint.
 */
export function pointHintAtLog(error: SoundlikeError, file: string | null = currentLogFile()): SoundlikeError {
  if (!file || !error.hint || error.hint.includes(file) || !/\bthe log\b/i.test(error.hint)) return error;
  return new SoundlikeError(error.code, error.message, error.hint.replace(/\bthe log\b/i, (m) => `${m} (${file})`));
}
