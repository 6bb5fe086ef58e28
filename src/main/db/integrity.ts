/**
 * Cheap checks that a database file is whole, run on every open: the 100-byte header against the file's
 * size (an emptied or cut-short file), then the schema against what the migrations make. SQLite itself
 * would open an empty file as a new, empty library, and a cut-short one fails only when a query reaches it.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

const MAGIC = 'SQLite format 3\0';

/**
 * What is wrong with a database file judging by its header and size, or null when nothing is.
 * `walBytes`: the size of its -wal file; pages still in the WAL make the main file legitimately short.
 */
export function headerProblem(header: Buffer, fileSize: number, walBytes: number): string | null {
  if (fileSize === 0) return 'the file is empty (0 bytes)';
  if (fileSize < 100 || header.length < 100 || header.toString('latin1', 0, 16) !== MAGIC) {
    return 'the file does not start with an SQLite header';
  }
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return `its header names an impossible page size (${raw})`;
  if (fileSize % pageSize !== 0) return `the file is cut short (${fileSize} bytes is not a whole number of ${pageSize}-byte pages)`;
  const pages = header.readUInt32BE(28);
  // The header's page count is valid only when written by the same change as the counter (offset 92 == 24).
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (walBytes === 0 && countValid && pages > fileSize / pageSize) {
    return `the file is cut short (its header counts ${pages} pages, it holds ${fileSize / pageSize})`;
  }
  return null;
}

/** headerProblem for the file at `path` (which must exist). */
export function fileProblem(path: string): string | null {
  const size = statSync(path).size;
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  const wal = `${path}-wal`;
  return headerProblem(header, size, existsSync(wal) ? statSync(wal).size : 0);
}

const expected = new Map<number, string[]>();

/** The tables and indexes the migrations up to `version` create (worked out once, in memory). */
function expectedObjects(version: number): string[] {
  let names = expected.get(version);
  if (!names) {
    const db = new Database(':memory:');
    try {
      for (const m of MIGRATIONS) if (m.version <= version) db.exec(m.sql);
      names = objectNames(db);
    } finally {
      db.close();
    }
    expected.set(version, names);
  }
  return names;
}

function objectNames(db: Database.Database): string[] {
  return (db.prepare(`SELECT type || ' ' || name AS n FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'`)
    .all() as { n: string }[]).map((r) => r.n);
}

/** The schema objects a database at its user_version should have and has not (empty: all there). */
export function missingSchema(db: Database.Database): string[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  const have = new Set(objectNames(db));
  return expectedObjects(version).filter((n) => !have.has(n));
}
