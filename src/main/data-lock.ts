/**
 * One writer per data folder across processes (the app, `soundlike serve`, `soundlike analyze`...): a lock
 * file holding the owner's pid. A lock whose process is gone (a crash, kill -9) is stale and taken over;
 * a live owner makes the second writer fail with DATA_FOLDER_IN_USE naming it. Within one process the
 * lock is counted, not refused: two service sets in one process are this code's own business.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { SoundlikeError } from '../shared/errors';

export const LOCK_FILE_NAME = 'soundlike.lock';

export interface LockOwner {
  pid: number;
  host: string;
  /** What holds it, in the user's words ("soundlike serve", "the Soundlike app"). */
  command: string;
  /** ISO time it was taken. */
  since: string;
  /** The process's start time where the OS tells (Linux), so a reused pid is not mistaken for the owner. */
  started?: string;
}

/** A lock file being written by its owner right now is briefly empty; younger than this it counts as held. */
const FRESH_MS = 5_000;

/** Linux: the process's start time in clock ticks since boot (field 22 of /proc/PID/stat). */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as LockOwner) : null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote `owner` is still running (another computer's: assumed so). */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is alive.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStart(owner.pid);
  return !(owner.started && started && owner.started !== started);
}

/** Who holds the data folder's lock now, or null when nobody live does. */
export function lockHolder(dataDir: string): LockOwner | null {
  const owner = readOwner(join(dataDir, LOCK_FILE_NAME));
  return owner && ownerAlive(owner) && owner.pid !== process.pid ? owner : null;
}

export function describeOwner(owner: LockOwner): string {
  const since = new Date(owner.since);
  const when = Number.isNaN(since.getTime()) ? '' : `, since ${since.toLocaleString()}`;
  return `${owner.command} (process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}${when})`;
}

function inUse(dataDir: string, owner: LockOwner): SoundlikeError {
  return new SoundlikeError(
    'DATA_FOLDER_IN_USE',
    `The data folder ${dataDir} is in use by ${describeOwner(owner)}. Two Soundlikes writing one library would damage it.`,
    `Stop that one first (close the app, or Ctrl+C / kill ${owner.pid}), or use another data folder with --data. ` +
      '`soundlike tracks` can still read the library meanwhile.',
  );
}

let role: string | null = null;

/** How this process is named to a second one refused the lock ("soundlike analyze"); the CLI sets it. */
export function setProcessRole(name: string): void {
  role = name;
}

export function processRole(): string {
  return role ?? `Soundlike (${process.argv.slice(1, 3).map((a) => basename(a)).join(' ')})`;
}

export interface DataFolderLock {
  release(): void;
}

const held = new Map<string, number>();
let exitHookInstalled = false;

function removeIfOurs(file: string): void {
  if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
}

/**
 * Takes the data folder's lock for `command`, or throws DATA_FOLDER_IN_USE naming the live owner.
 * A folder that cannot be created gets no lock: opening the database there fails with its own message.
 */
export function lockDataFolder(dataDir: string, command: string): DataFolderLock {
  const file = join(dataDir, LOCK_FILE_NAME);
  const release = () => {
    const count = (held.get(file) ?? 1) - 1;
    if (count > 0) return void held.set(file, count);
    held.delete(file);
    removeIfOurs(file);
  };
  if (held.has(file)) {
    held.set(file, (held.get(file) ?? 0) + 1);
    return { release: once(release) };
  }
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch {
    return { release: () => undefined };
  }
  const me: LockOwner = { pid: process.pid, host: hostname(), command, since: new Date().toISOString(), started: processStart(process.pid) };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      held.set(file, 1);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        // process.exit() skips dispose(): leave no lock behind for the next start to second-guess.
        process.on('exit', () => [...held.keys()].forEach(removeIfOurs));
      }
      return { release: once(release) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return { release: () => undefined };
    }
    const owner = readOwner(file);
    if (owner ? ownerAlive(owner) : isFresh(file)) {
      if (owner) throw inUse(dataDir, owner);
      continue;
    }
    takeOverStale(file, owner);
  }
  const owner = readOwner(file);
  throw inUse(dataDir, owner ?? { pid: 0, host: hostname(), command: 'another Soundlike', since: '' });
}

function isFresh(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < FRESH_MS;
  } catch {
    return false;
  }
}

/**
 * Moves a dead owner's lock aside. Two starters may race for the same stale lock: whoever moved a lock
 * that is not the stale one (the other's fresh lock) puts it back.
 */
function takeOverStale(file: string, stale: LockOwner | null): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  const moved = readOwner(aside);
  if (stale && moved && (moved.pid !== stale.pid || moved.since !== stale.since) && !existsSync(file)) {
    renameSync(aside, file);
    return;
  }
  rmSync(aside, { force: true });
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
