/**
 * Opens the library database: one owner, one writer (WAL). Applies migrations, keeps a rolling backup,
 * and turns the ways a database file goes wrong (damaged, read-only, newer than this build) into clear
 * SoundlikeErrors. A damaged file is never deleted: it is moved aside and the last backup restored.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SoundlikeError } from '../../shared/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Sqlite = Database.Database;

export interface OpenedDatabase {
  db: Sqlite;
  /** Things the user should be told about opening (a recovery, say). */
  notices: string[];
}

const BACKUP_SUFFIX = '.backup';

function sqliteCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT');
}

function isReadOnly(error: unknown): boolean {
  const code = sqliteCode(error);
  return code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM';
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
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

function openAndCheck(path: string): Sqlite {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A damaged header fails the first statement (SQLITE_NOTADB). The full page check costs seconds on a
    // big library, so it runs only when the last session did not close cleanly (a crash, a kill).
    const tables = db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'kv'`).get() as { n: number };
    const unclean = tables.n > 0 && db.prepare(`SELECT 1 FROM kv WHERE key = 'session_open'`).get() !== undefined;
    const check = unclean ? db.pragma('quick_check', { simple: true }) : 'ok';
    if (check !== 'ok') {
      const error = new Error(`integrity check: ${String(check)}`) as Error & { code: string };
      error.code = 'SQLITE_CORRUPT';
      throw error;
    }
    migrate(db);
    // A real write, so a read-only file or folder is found now rather than in the middle of a scan.
    db.prepare(`INSERT INTO kv(key, value) VALUES ('session_open', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run(String(Date.now()));
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

/** Opens (creating if needed) the database at `path`. */
export function openDatabase(path: string): OpenedDatabase {
  const notices: string[] = [];
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw readOnlyError(path, error);
  }
  try {
    return { db: openAndCheck(path), notices };
  } catch (error) {
    if (error instanceof SoundlikeError) throw error;
    if (isReadOnly(error)) throw readOnlyError(path, error);
    if (!isCorruption(error)) throw error;

    const aside = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
      }
    } catch (moveError) {
      throw new SoundlikeError(
        'DATABASE_CORRUPT',
        `The library database ${path} is damaged and could not be moved aside (${String(moveError)}).`,
        'Move the file away by hand (keep it) and start Soundlike again.',
      );
    }
    const backup = path + BACKUP_SUFFIX;
    if (existsSync(backup)) {
      copyFileSync(backup, path);
      notices.push(
        `The library database was damaged. It was kept as ${aside} and the backup of ` +
          `${statSync(backup).mtime.toLocaleString()} was restored; rescan to pick up later changes.`,
      );
    } else {
      notices.push(`The library database was damaged. It was kept as ${aside}; a new library was started. Add your folders again.`);
    }
    try {
      return { db: openAndCheck(path), notices };
    } catch (retryError) {
      if (!existsSync(backup) || !isCorruption(retryError)) throw retryError;
      // The backup is damaged too: keep both aside and start a new library rather than never starting.
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(path + suffix)) renameSync(path + suffix, `${aside}.from-backup${suffix}`);
      }
      renameSync(backup, `${aside}.backup`);
      notices.length = 0;
      notices.push(`The library database and its backup were both damaged. They were kept as ${aside} and ${aside}.backup; ` +
        'a new library was started. Add your folders again.');
      return { db: openAndCheck(path), notices };
    }
  }
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
  try {
    db.prepare(`DELETE FROM kv WHERE key = 'session_open'`).run();
  } catch {
    // read-only or damaged: the next open runs the full check, as it should
  }
  db.close();
}
