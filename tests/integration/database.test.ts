/**
 * The library database file going wrong: damaged (with and without a backup), written by a newer
 * Soundlike, or not writable. Real SQLite files on disk every time.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClipCache, isRoot, makeTempDir, place, pseudoRandomBytes, type ClipCache, type TempDir } from '../helpers/audio';
import { DB_CHECK_TUNABLES } from '../../src/main/db/client';
import { expectCode, openServices } from '../helpers/services';

describe('library database', () => {
  let cache: ClipCache;
  let tmp: TempDir;

  beforeAll(async () => {
    cache = await generateClipCache(1, ['flac']);
    tmp = makeTempDir();
    place(cache.tagged.flac, tmp.at('music', 'one.flac'));
    place(cache.untagged.flac, tmp.at('music', 'two.flac'));
  });

  afterAll(() => {
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('creates a fresh database with the schema applied', async () => {
    const data = tmp.at('fresh');
    const services = await openServices(data);
    try {
      expect(services.notices).toEqual([]);
      expect(existsSync(join(data, 'library.db'))).toBe(true);
      expect(await services.api.library.listFolders()).toEqual([]);
    } finally {
      await services.dispose();
    }
    const db = new Database(join(data, 'library.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    db.close();
  });

  it('starts with a new library when library.db is garbage, keeping the damaged file beside it', async () => {
    const data = tmp.at('garbage');
    mkdirSync(data);
    const garbage = pseudoRandomBytes(64 * 1024, 7);
    writeFileSync(join(data, 'library.db'), garbage);
    const services = await openServices(data);
    try {
      expect(await services.api.library.listFolders()).toEqual([]);
      const damaged = readdirSync(data).filter((name) => name.startsWith('library.db.damaged-'));
      expect(damaged).toHaveLength(1);
      expect(readFileSync(join(data, damaged[0])).equals(garbage)).toBe(true);
      expect(services.notices).toHaveLength(1);
      expect(services.notices[0]).toMatch(/damaged/);
      expect(services.notices[0]).toContain(damaged[0]);
      expect(services.notices[0]).toMatch(/new library/i);
      // And the new database works.
      const { summary } = await services.api.library.addFolderAndScan(tmp.at('music'));
      expect(summary.added).toBe(2);
    } finally {
      await services.dispose();
    }
  });

  it('restores the library from library.db.backup when library.db is damaged', async () => {
    const data = tmp.at('with-backup');
    const first = await openServices(data);
    const { summary } = await first.api.library.addFolderAndScan(tmp.at('music'));
    const titles = (await first.api.library.listTracks()).map((t) => t.title).sort();
    await first.dispose();
    expect(summary.added).toBe(2);
    expect(existsSync(join(data, 'library.db.backup'))).toBe(true);

    for (const suffix of ['-wal', '-shm']) rmSync(join(data, `library.db${suffix}`), { force: true });
    writeFileSync(join(data, 'library.db'), Buffer.from('this is not a database, it was overwritten by mistake'.repeat(200)));
    const second = await openServices(data);
    try {
      expect(second.notices).toHaveLength(1);
      expect(second.notices[0]).toMatch(/damaged/);
      expect(second.notices[0]).toMatch(/backup .* restored/);
      expect(readdirSync(data).some((name) => name.startsWith('library.db.damaged-'))).toBe(true);
      expect((await second.api.library.listTracks()).map((t) => t.title).sort()).toEqual(titles);
      expect((await second.api.library.listFolders()).map((f) => f.path)).toEqual([tmp.at('music')]);
    } finally {
      await second.dispose();
    }
  });

  it('starts a new library (keeping both files) when library.db and its backup are both damaged', async () => {
    const data = tmp.at('both-damaged');
    mkdirSync(data);
    writeFileSync(join(data, 'library.db'), pseudoRandomBytes(8192, 1));
    writeFileSync(join(data, 'library.db.backup'), pseudoRandomBytes(8192, 2));
    const services = await openServices(data);
    try {
      expect(await services.api.library.listFolders()).toEqual([]);
      expect(services.notices.join(' ')).toMatch(/damaged/);
      expect(readdirSync(data).filter((n) => n.includes('damaged')).length).toBeGreaterThanOrEqual(1);
    } finally {
      await services.dispose();
    }
    // And the next start is clean.
    const again = await openServices(data);
    expect(again.notices).toEqual([]);
    await again.dispose();
  });

  /** A data folder with a scanned library, its backup (made by the scan) and a clean exit. */
  async function scannedLibrary(name: string): Promise<{ data: string; db: string; titles: string[] }> {
    const data = tmp.at(name);
    const services = await openServices(data);
    await services.api.library.addFolderAndScan(tmp.at('music'));
    const titles = (await services.api.library.listTracks()).map((t) => t.title).sort();
    await services.dispose();
    expect(existsSync(join(data, 'library.db.backup'))).toBe(true);
    return { data, db: join(data, 'library.db'), titles };
  }

  /** Overwrites the tracks table's root page with noise: the header and schema stay whole. */
  function damageTracksPage(dbPath: string): void {
    const db = new Database(dbPath, { readonly: true });
    const { rootpage } = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'tracks'`).get() as { rootpage: number };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = openSync(dbPath, 'r+');
    writeSync(fd, pseudoRandomBytes(pageSize, 11), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);
  }

  async function expectRestored(data: string, titles: string[], reason: RegExp): Promise<void> {
    const services = await openServices(data);
    try {
      expect(services.notices).toHaveLength(1);
      expect(services.notices[0]).toMatch(reason);
      expect(services.notices[0]).toMatch(/backup of .* was restored: 1 folder, 2 songs/);
      expect((await services.api.library.listTracks()).map((t) => t.title).sort()).toEqual(titles);
    } finally {
      await services.dispose();
    }
  }

  it('does not open an emptied (0-byte) library.db as an empty library while a backup sits beside it', async () => {
    const { data, db, titles } = await scannedLibrary('emptied');
    writeFileSync(db, '');
    await expectRestored(data, titles, /damaged \(the file is empty \(0 bytes\)\)/);
    expect(readdirSync(data).filter((n) => n.startsWith('library.db.damaged-'))).toHaveLength(1);
  });

  it('restores from the backup when library.db was cut short (truncated)', async () => {
    const { data, db, titles } = await scannedLibrary('truncated');
    truncateSync(db, Math.floor(statSync(db).size / 2));
    await expectRestored(data, titles, /cut short/);
  });

  it('restores when library.db is missing but its backup is there', async () => {
    const { data, db, titles } = await scannedLibrary('missing');
    rmSync(db);
    await expectRestored(data, titles, /the file is missing/);
  });

  it('finds a damaged data page after a clean exit with quick_check on open (a small library)', async () => {
    const { data, db, titles } = await scannedLibrary('bad-page');
    damageTracksPage(db);
    await expectRestored(data, titles, /quick_check found/);
  });

  it('on the first "malformed" error at run time (a library too big to check on open) says what to do, then restores', async () => {
    const { data, db, titles } = await scannedLibrary('bad-page-big');
    damageTracksPage(db);
    const saved = DB_CHECK_TUNABLES.quickCheckMaxBytes;
    DB_CHECK_TUNABLES.quickCheckMaxBytes = 0; // as if the file were bigger than is cheap to check on every open
    try {
      const services = await openServices(data);
      try {
        expect(services.notices).toEqual([]);
        const error = await expectCode(services.api.library.listTracks(), 'DATABASE_CORRUPT');
        expect(error.message).toMatch(/damaged .*malformed/);
        expect(error.hint).toMatch(/Restart Soundlike .*restores the last backup/);
        expect(existsSync(`${db}.check`)).toBe(true);
      } finally {
        await services.dispose();
      }
      // The next open runs the full check because of the marker, and restores.
      await expectRestored(data, titles, /integrity_check found/);
      expect(existsSync(`${db}.check`)).toBe(false);
    } finally {
      DB_CHECK_TUNABLES.quickCheckMaxBytes = saved;
    }
  });

  it('refuses a database written by a newer schema with DATABASE_TOO_NEW and a hint, leaving it untouched', async () => {
    const data = tmp.at('too-new');
    await (await openServices(data)).dispose();
    const db = new Database(join(data, 'library.db'));
    db.pragma('user_version = 999');
    db.close();
    const error = await expectCode(openServices(data), 'DATABASE_TOO_NEW');
    expect(error.message).toMatch(/999/);
    expect(error.hint).toMatch(/update soundlike|--data/i);
    const check = new Database(join(data, 'library.db'), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    check.close();
    expect(readdirSync(data).some((name) => name.includes('damaged'))).toBe(false);
  });

  it('reports DATABASE_READ_ONLY when the data folder cannot be created (a file is in the way)', async () => {
    writeFileSync(tmp.at('a-file'), 'x');
    const error = await expectCode(openServices(tmp.at('a-file', 'data')), 'DATABASE_READ_ONLY');
    expect(error.hint).toMatch(/writable|--data/);
  });

  it.skipIf(isRoot)('reports DATABASE_READ_ONLY for a read-only data folder (skipped as root: root ignores chmod 555)', async () => {
    const data = tmp.at('read-only');
    await (await openServices(data)).dispose();
    for (const suffix of ['-wal', '-shm']) rmSync(join(data, `library.db${suffix}`), { force: true });
    chmodSync(join(data, 'library.db'), 0o444);
    chmodSync(data, 0o555);
    try {
      const error = await expectCode(openServices(data), 'DATABASE_READ_ONLY');
      expect(error.hint).toMatch(/writable/);
    } finally {
      chmodSync(data, 0o755);
      chmodSync(join(data, 'library.db'), 0o644);
    }
  });
});
