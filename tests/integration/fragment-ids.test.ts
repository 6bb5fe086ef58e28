/**
 * The vector index labels its vectors with fragment ids, so a fragment id must name one fragment for
 * good: migration v6 makes SQLite never hand one out again, keeping every existing row, and the index's
 * refresh compares what it holds with SQLite by fragment id, track and analysis time (a restored backup
 * can hand ids out again; a re-analysis keeps a track's id). Real SQLite, the real index worker and
 * faiss; synthetic vectors: every song points its own way, so a radio from one finds it first.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RADIO_TUNABLES } from '../../src/shared/defaults';
import { gaussian, prng } from '../../src/shared/prng';
import { LibraryDb } from '../../src/main/db/library-db';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/main/db/migrations';
import { indexWorkerPath } from '../../src/main/paths';
import type { IndexConfig } from '../../src/main/radio/index-protocol';
import { VectorIndex } from '../../src/main/radio/vector-index';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { ensureBuilt } from '../helpers/model';

const DIMS = 24;
const MOMENTS = 6;
const VERSION = { modelSha: 'f1a9'.padEnd(64, '0'), featureVersion: 1, stepSec: 5 };
const random = prng(11);

/** Unit vectors near `direction` (a song's moments). */
function moments(direction: number[]): Float32Array[] {
  return Array.from({ length: MOMENTS }, () => {
    const v = direction.map((x) => x + 0.05 * gaussian(random));
    const norm = Math.hypot(...v);
    return Float32Array.from(v, (x) => x / norm);
  });
}

const randomDirection = () => Array.from({ length: DIMS }, () => gaussian(random));

function trackFields(name: string) {
  return {
    path: `/ids-test/${name}.mp3`, size: 1000, mtimeMs: 1, title: name, artist: `Artist ${name}`, album: null, albumArtist: null,
    trackNo: null, discNo: null, year: null, genre: null, durationSec: 30, codec: 'MPEG 1 Layer 3', sampleRate: 44100, bitrate: 192000,
    coverId: null, replayGainTrackDb: null, replayGainAlbumDb: null, fingerprint: `f-${name}`,
  };
}

/** Adds a song analysed as `direction` through the app's own queries; returns its track id. */
function addSong(db: LibraryDb, folderId: number, name: string, direction: number[]): number {
  const trackId = db.tracks.insert(folderId, trackFields(name));
  const fragments = moments(direction).map((vector, i) => ({ startSec: i * 5, endSec: i * 5 + 5, vector, tags: [] }));
  db.analysis.storeDone({ trackId, path: `/ids-test/${name}.mp3`, size: 1000, mtimeMs: 1, durationSec: 30 }, VERSION, fragments, 30);
  return trackId;
}

function vectorBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

describe('migration v6: fragment ids are never reused', () => {
  let tmp: TempDir;
  beforeAll(() => {
    tmp = makeTempDir('soundlike-ids-migration-');
  });
  afterAll(() => tmp?.cleanup());

  it('rebuilds fragments with AUTOINCREMENT, keeping every row, its id, its index and its foreign key', () => {
    const path = join(tmp.path, 'library.db');
    // A library written by the schema before v6, with fragments whose newest ids were deleted once.
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((x) => x.version < 6)) old.exec(m.sql);
    old.pragma('user_version = 5');
    old.exec(`INSERT INTO folders(id, path, added_at) VALUES (1, '/m', 0);
      INSERT INTO tracks(id, folder_id, path, size, mtime_ms, title, added_at, updated_at) VALUES (1, 1, '/m/a.mp3', 1, 1, 'a', 0, 0), (2, 1, '/m/b.mp3', 1, 1, 'b', 0, 0);
      INSERT INTO likes(track_id, at) VALUES (2, 5);`);
    const insert = old.prepare(`INSERT INTO fragments(track_id, start_sec, end_sec, vector, tags) VALUES (?, ?, ?, ?, '[]')`);
    for (let i = 0; i < 4; i++) insert.run(1, i * 5, i * 5 + 5, vectorBlob(Float32Array.of(i, 1, 2)));
    for (let i = 0; i < 4; i++) insert.run(2, i * 5, i * 5 + 5, vectorBlob(Float32Array.of(i, 3, 4)));
    old.exec(`DELETE FROM fragments WHERE id > 6`);
    const before = old.prepare(`SELECT id, track_id, start_sec, end_sec, vector, tags FROM fragments ORDER BY id`).all();
    old.close();

    LibraryDb.open(path).close();

    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare(`SELECT id, track_id, start_sec, end_sec, vector, tags FROM fragments ORDER BY id`).all()).toEqual(before);
      expect((db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'fragments'`).get() as { sql: string }).sql).toMatch(/AUTOINCREMENT/);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'fragments'`).all()).toEqual([{ name: 'fragments_by_track' }]);
      expect(db.pragma('foreign_key_list(fragments)')).toMatchObject([{ table: 'tracks', from: 'track_id', to: 'id', on_delete: 'CASCADE' }]);
      expect(db.prepare(`SELECT COUNT(*) AS n FROM likes`).get()).toEqual({ n: 1 });
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }

    // The newest fragments deleted, the next ones still take new ids; a deleted track's fragments go with it.
    const rw = new Database(path);
    try {
      rw.pragma('foreign_keys = ON');
      rw.exec(`DELETE FROM fragments WHERE id >= 5`);
      const id = Number(rw.prepare(`INSERT INTO fragments(track_id, start_sec, end_sec, vector, tags) VALUES (1, 99, 100, x'00000000', '[]')`).run().lastInsertRowid);
      expect(id).toBe(7);
      rw.exec(`DELETE FROM tracks WHERE id = 1`);
      expect(rw.prepare(`SELECT COUNT(*) AS n FROM fragments`).get()).toEqual({ n: 0 });
    } finally {
      rw.close();
    }
  });
});

describe('migration v8: track ids are never reused', () => {
  let tmp: TempDir;
  beforeAll(() => {
    tmp = makeTempDir('soundlike-track-ids-migration-');
  });
  afterAll(() => tmp?.cleanup());

  it('rebuilds tracks with AUTOINCREMENT, keeping every row and every row that references one', () => {
    const path = join(tmp.path, 'library.db');
    // A library written by the schema before v8: two songs liked, queued, in a playlist, analysed.
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((x) => x.version < 8)) old.exec(m.sql);
    old.pragma('user_version = 7');
    old.exec(`INSERT INTO folders(id, path, added_at) VALUES (1, '/m', 0);
      INSERT INTO tracks(id, folder_id, path, size, mtime_ms, title, added_at, updated_at, file_id, decoded_sec)
        VALUES (1, 1, '/m/a.mp3', 1, 1, 'a', 0, 0, '1:2', 30.5), (2, 1, '/m/b.mp3', 1, 1, 'b', 0, 0, NULL, NULL), (3, 1, '/m/c.mp3', 1, 1, 'c', 0, 0, NULL, NULL);
      DELETE FROM tracks WHERE id = 3;
      INSERT INTO likes(track_id, at) VALUES (2, 5);
      INSERT INTO playlists(id, name, created_at, updated_at) VALUES (1, 'p', 0, 0);
      INSERT INTO playlist_items(playlist_id, position, track_id) VALUES (1, 0, 2), (1, 1, 1);
      INSERT INTO fragments(track_id, start_sec, end_sec, vector, tags) VALUES (1, 0, 5, x'00000000', '[]');`);
    const tables = ['tracks', 'likes', 'playlist_items', 'fragments'];
    const before = Object.fromEntries(tables.map((t) => [t, old.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
    old.close();

    LibraryDb.open(path).close();

    const db = new Database(path);
    try {
      db.pragma('foreign_keys = ON');
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      for (const t of tables) expect(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()).toEqual(before[t]);
      expect((db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'tracks'`).get() as { sql: string }).sql).toMatch(/AUTOINCREMENT/);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tracks' AND name NOT LIKE 'sqlite_%'`).all()).toEqual(
        // v8's rebuild keeps the folder index; v9 adds the view-order index.
        expect.arrayContaining([{ name: 'tracks_by_folder' }, { name: 'tracks_by_view_order' }]));
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // The newest track removed, the next one takes a new id; a removed track's rows still go with it.
      db.exec(`DELETE FROM tracks WHERE id = 2`);
      expect(db.prepare(`SELECT COUNT(*) AS n FROM likes`).get()).toEqual({ n: 0 });
      const id = Number(db.prepare(`INSERT INTO tracks(folder_id, path, size, mtime_ms, title, added_at, updated_at) VALUES (1, '/m/d.mp3', 1, 1, 'd', 0, 0)`).run().lastInsertRowid);
      expect(id).toBe(3);
      db.exec(`DELETE FROM folders WHERE id = 1`);
      expect(db.prepare(`SELECT COUNT(*) AS n FROM fragments`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('the library never gives a removed song\'s id to a new one', () => {
    const db = LibraryDb.open(join(tmp.path, 'fresh.db'));
    try {
      const folderId = db.folders.insert('/ids-test');
      const first = db.tracks.insert(folderId, trackFields('one'));
      const last = db.tracks.insert(folderId, trackFields('two'));
      db.tracks.delete(last);
      const next = db.tracks.insert(folderId, trackFields('three'));
      expect(next).toBeGreaterThan(last);
      expect(db.tracks.byIds([first, last, next]).size).toBe(2);
    } finally {
      db.close();
    }
  });
});

describe('the index refresh compares what changed, not how much', () => {
  let tmp: TempDir;
  let db: LibraryDb;
  let folderId: number;
  const directions = new Map<number, number[]>();
  const open: VectorIndex[] = [];
  let dir: string;

  const config = (): IndexConfig => ({
    databasePath: join(tmp.path, 'library.db'), dir, ...VERSION, embeddingSize: DIMS, exactLimit: 1_000_000, nprobe: 8,
    rebuildTombstoneShare: 0.15, libraryMap: null, rerank: { ...RADIO_TUNABLES.rerank },
  });
  const index = () => {
    const i = new VectorIndex(indexWorkerPath());
    open.push(i);
    return i;
  };
  /** The song a radio from `seedTrackId` ranks first. */
  async function closestTo(vi: VectorIndex, seedTrackId: number): Promise<number | undefined> {
    const { tracks } = await vi.similar({ seedTrackIds: [seedTrackId], negativeTrackIds: [], excludeTrackIds: [], limit: 3, negativeWeight: 0.5 });
    return tracks[0]?.trackId;
  }
  /** A raw connection, as a restored backup or another writer leaves the file. */
  function raw<T>(fn: (w: Database.Database) => T): T {
    const w = new Database(join(tmp.path, 'library.db'));
    try {
      w.pragma('busy_timeout = 5000');
      return w.transaction(() => fn(w))();
    } finally {
      w.close();
    }
  }
  const fragmentIds = (trackId: number) => raw((w) => (w.prepare(`SELECT id FROM fragments WHERE track_id = ? ORDER BY id`).all(trackId) as { id: number }[]).map((r) => r.id));
  const fragmentCount = () => raw((w) => (w.prepare(`SELECT COUNT(*) AS n FROM fragments`).get() as { n: number }).n);

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-ids-refresh-');
    dir = join(tmp.path, 'vectors');
    db = LibraryDb.open(join(tmp.path, 'library.db'));
    folderId = db.folders.insert('/ids-test');
    for (let n = 0; n < 8; n++) {
      const direction = randomDirection();
      directions.set(addSong(db, folderId, `song-${n}`, direction), direction);
    }
  });

  afterAll(async () => {
    await Promise.all(open.map((i) => i.close()));
    db?.close();
    tmp?.cleanup();
  });

  it('removing the last-analysed song and analysing another: the new song is picked, the old vectors are gone', async () => {
    const vi = index();
    await vi.open(config());
    const newest = Math.max(...directions.keys());
    const oldIds = fragmentIds(newest);
    db.tracks.delete(newest);
    directions.delete(newest);
    // The new song sounds like the first; the removed one sounded like something else.
    const twin = [...directions.keys()][0];
    const added = addSong(db, folderId, 'late', directions.get(twin) as number[]);
    directions.set(added, directions.get(twin) as number[]);
    expect(Math.min(...fragmentIds(added))).toBeGreaterThan(Math.max(...oldIds));
    expect(await vi.refresh()).toEqual({ added: MOMENTS, removed: MOMENTS });
    expect(await closestTo(vi, twin)).toBe(added);
    expect((await vi.stats())?.count).toBe(fragmentCount());
  });

  it('a fragment id handed out again (a restored backup) is read as the new fragment it is', async () => {
    const vi = index();
    await vi.open(config());
    const [seed, gone] = [...directions.keys()].slice(1, 3);
    const reused = fragmentIds(gone);
    // What a restore and a new analysis can leave: the same ids, now another song's moments.
    const newcomer = db.tracks.insert(folderId, trackFields('newcomer'));
    raw((w) => {
      w.prepare(`DELETE FROM fragments WHERE track_id = ?`).run(gone);
      const insert = w.prepare(`INSERT INTO fragments(id, track_id, start_sec, end_sec, vector, tags) VALUES (?, ?, ?, ?, ?, '[]')`);
      moments(directions.get(seed) as number[]).forEach((v, i) => insert.run(reused[i], newcomer, i * 5, i * 5 + 5, vectorBlob(v)));
      w.prepare(`INSERT INTO analyses(track_id, model_sha, feature_version, step_sec, source_size, source_mtime_ms, status, fragment_count, audio_sec, analysed_at)
        VALUES (?, ?, ?, ?, 1000, 1, 'done', ?, 30, ?)`).run(newcomer, VERSION.modelSha, VERSION.featureVersion, VERSION.stepSec, MOMENTS, Date.now());
    });
    expect(await vi.refresh()).toEqual({ added: MOMENTS, removed: MOMENTS });
    expect(await closestTo(vi, seed)).toBe(newcomer);
    const { tracks } = await vi.similar({ seedTrackIds: [seed], negativeTrackIds: [], excludeTrackIds: [], limit: 50, negativeWeight: 0.5 });
    expect(tracks.map((t) => t.trackId)).not.toContain(gone);
    directions.delete(gone);
    directions.set(newcomer, directions.get(seed) as number[]);
  });

  it('a song analysed again under the same fragment ids gets its new vectors, read back from disk too', async () => {
    const vi = index();
    await vi.open(config());
    const [target, changed] = [...directions.keys()].slice(3, 5);
    // The index is saved; then the song is re-analysed (new moments, same ids, a later analysis time).
    await vi.close();
    raw((w) => {
      const update = w.prepare(`UPDATE fragments SET vector = ? WHERE id = ?`);
      const ids = (w.prepare(`SELECT id FROM fragments WHERE track_id = ? ORDER BY id`).all(changed) as { id: number }[]).map((r) => r.id);
      moments(directions.get(target) as number[]).forEach((v, i) => update.run(vectorBlob(v), ids[i]));
      w.prepare(`UPDATE analyses SET analysed_at = analysed_at + 1000 WHERE track_id = ?`).run(changed);
    });
    const reopened = index();
    const stats = await reopened.open(config());
    expect(stats.origin).toBe(`read from disk, then brought up to date (+${MOMENTS} -${MOMENTS})`);
    expect(stats.damage).toBeNull();
    expect(await closestTo(reopened, target)).toBe(changed);
    expect(stats.count).toBe(fragmentCount());
  });
});
