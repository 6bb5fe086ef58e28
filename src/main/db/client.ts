/**
 * Opens the library database: one owner, one writer (WAL). Applies migrations, keeps a rolling backup,
 * and turns the ways a database file goes wrong (damaged, emptied, read-only, newer than this build) into
 * clear SoundlikeErrors or a recovery. A damaged file is never deleted: it is moved aside and the last
 * backup restored (the caller then brings the user's own data back from user-data.json).
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SoundlikeError } from '../../shared/errors';
import { fileProblem, missingSchema } from './integrity';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Sqlite = Database.Database;

/** What opening had to do because the file was damaged, emptied or missing. */
export interface Recovery {
  /** What was wrong, in plain words. */
  reason: string;
  /** Where the damaged file went (null: there was no file). */
  keptAs: string | null;
  /** When the restored backup was taken (ms), or null: a new library was started. */
  backupFrom: number | null;
  /** Why the backup could not be used either, and where it went. */
  backupProblem?: string;
  backupKeptAs?: string;
}

export interface OpenedDatabase {
  db: Sqlite;
  recovery: Recovery | null;
}

const BACKUP_SUFFIX = '.backup';
export const DB_CHECK_TUNABLES = {
  /**
   * Up to this size every open runs quick_check (about 1 GB/s from cache: tens of ms). Bigger files get
   * it after a crash or a run-time "malformed" error only; the header and schema checks always run.
   */
  quickCheckMaxBytes: 64 * 1024 * 1024,
};

/** The marker a run-time "malformed" error leaves, so the next open runs the full check. */
export function checkMarkerPath(path: string): string {
  return `${path}.check`;
}

function sqliteCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

export function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

function isReadOnly(error: unknown): boolean {
  const code = sqliteCode(error);
  return code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM';
}

/** A damaged-file error carrying a plain reason (the same code SQLite's own would have). */
function damage(reason: string): Error {
  const error = new Error(reason) as Error & { code: string };
  error.code = 'SQLITE_CORRUPT';
  return error;
}

function migrate(db: Sqlite): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new SoundlikeError(
      'DATABASE_TOO_NEW',
      `The library database was written by a newer Soundlike (schema ${current}; this build knows ${SCHEMA_VERSION}).`,
      'Update Soundlike, or use another data folder (--data).',
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    // foreign_keys cannot change inside a transaction: it is switched off before and back on after.
    const keysOff = migration.rebuildsReferencedTable === true;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (keysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`migration ${migration.version} (${migration.description}) would break ${broken.length} references`);
        }
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (keysOff) db.pragma('foreign_keys = ON');
    }
  }
}

interface CheckOptions {
  /** A missing or empty database is a new library (nothing to lose); otherwise it is damage. */
  allowNew: boolean;
  /** Check every page whatever the size (a freshly restored backup). */
  deep?: boolean;
}

/** The page check worth its cost now: full after a run-time error, quick after a crash or when small. */
function pageCheck(db: Sqlite, path: string, deep: boolean): 'integrity_check' | 'quick_check' | null {
  if (existsSync(checkMarkerPath(path))) return 'integrity_check';
  const unclean = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'kv'`).get() !== undefined
    && db.prepare(`SELECT 1 FROM kv WHERE key = 'session_open'`).get() !== undefined;
  return deep || unclean || statSync(path).size <= DB_CHECK_TUNABLES.quickCheckMaxBytes ? 'quick_check' : null;
}

function openAndCheck(path: string, options: CheckOptions): Sqlite {
  // Before SQLite sees it: SQLite opens an empty file as a new, empty library without a word.
  if (existsSync(path)) {
    const problem = fileProblem(path);
    if (problem) throw damage(problem);
  } else if (!options.allowNew) {
    throw damage('the file is missing');
  }
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0 && !options.allowNew) throw damage('it holds no library (an empty database)');
    const missing = missingSchema(db);
    if (missing.length > 0) throw damage(`parts of it are gone (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''})`);
    const check = pageCheck(db, path, options.deep ?? false);
    const result = check ? String(db.pragma(check, { simple: true })) : 'ok';
    if (result !== 'ok') throw damage(`${check} found: ${checkSummary(result)}`);
    migrate(db);
    // A real write, so a read-only file or folder is found now rather than in the middle of a scan.
    db.prepare(`INSERT INTO kv(key, value) VALUES ('session_open', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run(String(Date.now()));
    rmSync(checkMarkerPath(path), { force: true });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function readOnlyError(path: string, error: unknown): SoundlikeError {
  return new SoundlikeError(
    'DATABASE_READ_ONLY',
    `Soundlike cannot write its library database ${path} (${error instanceof Error ? error.message : String(error)}).`,
    `Make ${dirname(path)} and the file writable, or choose another data folder with --data.`,
  );
}

/** Moves the file and its -wal/-shm to `aside`; returns aside, or null when there was no file. */
function moveAside(path: string, aside: string): string | null {
  let moved = false;
  try {
    for (const suffix of ['', '-wal', '-shm']) {
      if (!existsSync(path + suffix)) continue;
      renameSync(path + suffix, aside + suffix);
      moved ||= suffix === '';
    }
  } catch (moveError) {
    throw new SoundlikeError(
      'DATABASE_CORRUPT',
      `The library database ${path} is damaged and could not be moved aside (${String(moveError)}).`,
      'Move the file away by hand (keep it) and start Soundlike again.',
    );
  }
  return moved ? aside : null;
}

/** The first findings of quick_check/integrity_check on one line (they can list thousands). */
export function checkSummary(result: string): string {
  const lines = result.split('\n').filter((l) => l.trim() && !l.startsWith('***'));
  return `${lines.slice(0, 2).join('; ')}${lines.length > 2 ? `; and ${lines.length - 2} more` : ''}` || result;
}

function reasonOf(error: unknown): string {
  return sqliteCode(error) === 'SQLITE_NOTADB' ? 'it is not a database file' : error instanceof Error ? error.message : String(error);
}

/**
 * Opens (creating if needed) the database at `path`. `userDataExists`: a user-data.json sits beside it,
 * so an empty or missing database would lose something and counts as damage, not as a new library.
 */
export function openDatabase(path: string, options: { userDataExists: boolean } = { userDataExists: false }): OpenedDatabase {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw readOnlyError(path, error);
  }
  const backup = path + BACKUP_SUFFIX;
  try {
    return { db: openAndCheck(path, { allowNew: !existsSync(backup) && !options.userDataExists }), recovery: null };
  } catch (error) {
    if (error instanceof SoundlikeError) throw error;
    if (isReadOnly(error)) throw readOnlyError(path, error);
    if (!isCorruption(error)) throw error;

    const base = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const recovery: Recovery = { reason: reasonOf(error), keptAs: moveAside(path, base), backupFrom: null };
    rmSync(checkMarkerPath(path), { force: true });
    if (existsSync(backup)) {
      const problem = fileProblem(backup);
      if (!problem) {
        copyFileSync(backup, path);
        try {
          return { db: openAndCheck(path, { allowNew: false, deep: true }), recovery: { ...recovery, backupFrom: statSync(backup).mtimeMs } };
        } catch (retryError) {
          if (!isCorruption(retryError)) throw retryError;
          recovery.backupProblem = reasonOf(retryError);
          moveAside(path, `${base}.from-backup`);
        }
      } else {
        recovery.backupProblem = problem;
      }
      // The backup is damaged too: keep it aside and start a new library rather than never starting.
      renameSync(backup, `${base}.backup`);
      recovery.backupKeptAs = `${base}.backup`;
    }
    return { db: openAndCheck(path, { allowNew: true }), recovery };
  }
}

/**
 * Opens the database for reading only, while another process owns it (see data-lock): no migration,
 * no check, no recovery (all of those write, and the owner does them).
 */
export function openDatabaseReadOnly(path: string): Sqlite {
  if (!existsSync(path)) {
    throw new SoundlikeError('DATABASE_CORRUPT', `There is no library database at ${path} yet.`, 'Scan a folder first (soundlike scan <folder>).');
  }
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new SoundlikeError('DATABASE_TOO_NEW',
      `The library database is at schema ${version} and this build reads ${SCHEMA_VERSION}; the Soundlike using it now is another version.`,
      'Stop the other Soundlike first, then run the command again.');
  }
  return db;
}

/**
 * Records a run-time "malformed" error: checks the pages now, and leaves a marker so the next open runs
 * the full check and restores. Returns what quick_check found ('ok' when it found nothing).
 */
export function noteRuntimeDamage(db: Sqlite, path: string, error: unknown): string {
  let found: string;
  try {
    found = String(db.pragma('quick_check', { simple: true }));
  } catch (checkError) {
    found = reasonOf(checkError);
  }
  try {
    writeFileSync(checkMarkerPath(path), `${new Date().toISOString()} ${reasonOf(error)}; quick_check: ${found}\n`);
  } catch {
    // a read-only folder: the error the user sees still says what to do
  }
  return found;
}

/**
 * Refreshes the rolling backup (a consistent online copy) when the last is older than maxAgeMs.
 * Called after scans: cheap for a library database, and it is what a damaged file is restored from.
 */
export async function refreshBackup(db: Sqlite, path: string, maxAgeMs = 6 * 3600_000): Promise<boolean> {
  const backup = path + BACKUP_SUFFIX;
  if (existsSync(backup) && Date.now() - statSync(backup).mtimeMs < maxAgeMs) return false;
  await db.backup(`${backup}.tmp`);
  renameSync(`${backup}.tmp`, backup);
  return true;
}

/** Marks a clean shutdown (the next open skips the full page check), then closes. */
export function closeDatabase(db: Sqlite): void {
  if (!db.open) return;
  if (db.readonly) return void db.close();
  try {
    db.prepare(`DELETE FROM kv WHERE key = 'session_open'`).run();
  } catch {
    // read-only or damaged: the next open runs the full check, as it should
  }
  db.close();
}
