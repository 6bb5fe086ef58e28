/**
 * The library database file going wrong: damaged (with and without a backup), written by a newer
 * Soundlike, or not writable. Real SQLite files on disk every time.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClipCache, isRoot, makeTempDir, place, pseudoRandomBytes, type ClipCache, type TempDir } from '../helpers/audio';
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
