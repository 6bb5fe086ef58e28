/**
 * The sound space fitted to the library (radio/library-map.ts) inside the real index worker, over real
 * SQLite and faiss: fitted once the library is big enough, persisted next to the index and read back,
 * refitted from SQLite when its file is damaged or the library changed enough, and worth having: songs
 * of one album find each other where the model's own space mixes them up. The vectors are synthetic:
 * albums differ along a few directions, every moment swings widely along the others.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RADIO_TUNABLES } from '../../src/shared/defaults';
import { gaussian, prng } from '../../src/shared/prng';
import { LibraryDb } from '../../src/main/db/library-db';
import { indexWorkerPath } from '../../src/main/paths';
import type { IndexConfig, SimilarRequest } from '../../src/main/radio/index-protocol';
import { VectorIndex } from '../../src/main/radio/vector-index';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { ensureBuilt } from '../helpers/model';

const DIMS = 24;
const SIGNAL = 4;
const VERSION = { modelSha: 'c0ffee'.padEnd(64, '0'), featureVersion: 1, stepSec: 5 };

const random = prng(5);
const gauss = () => gaussian(random);
const albumCentres = Array.from({ length: 10 }, () => Array.from({ length: SIGNAL }, gauss));

/** Adds `count` songs (album = index mod 10) of 12 moments each; returns their ids and albums. */
function addSongs(db: LibraryDb, folderId: number, first: number, count: number, album: Map<number, number>): void {
  db.transaction(() => {
    for (let n = first; n < first + count; n++) {
      const path = `/space-test/${n}.mp3`;
      const trackId = db.tracks.insert(folderId, {
        path, size: 1000 + n, mtimeMs: 1, title: `Song ${n}`, artist: `Artist ${n}`, album: null, albumArtist: null, trackNo: null, discNo: null,
        year: null, genre: null, durationSec: 60, codec: 'MPEG 1 Layer 3', sampleRate: 44100, bitrate: 192000, coverId: null,
        replayGainTrackDb: null, replayGainAlbumDb: null, fingerprint: `f${n}`,
      });
      album.set(trackId, n % 10);
      const own = albumCentres[n % 10].map((c) => c + 0.15 * gauss());
      const fragments = Array.from({ length: 12 }, (_, i) => {
        const v = Array.from({ length: DIMS }, (_, d) => (d < SIGNAL ? own[d] + 0.05 * gauss() : 1.2 * gauss()));
        const norm = Math.hypot(...v);
        return { startSec: i * 5, endSec: i * 5 + 5, vector: Float32Array.from(v, (x) => x / norm), tags: [] };
      });
      db.analysis.storeDone({ trackId, path, size: 1000 + n, mtimeMs: 1, durationSec: 60 }, VERSION, fragments, 60);
    }
  });
}

describe('the sound space fitted to the library', () => {
  let tmp: TempDir;
  let db: LibraryDb;
  let folderId: number;
  const album = new Map<number, number>();
  const open: VectorIndex[] = [];

  const config = (dir: string, libraryMap: IndexConfig['libraryMap']): IndexConfig => ({
    databasePath: join(tmp.path, 'library.db'), dir, ...VERSION, embeddingSize: DIMS, exactLimit: 1_000_000, nprobe: 8,
    rebuildTombstoneShare: 0.15, libraryMap, rerank: { ...RADIO_TUNABLES.rerank },
  });
  const MAP = { dims: 8, minTracks: 40, refitChange: 0.25, maxFragments: 5000 };
  const index = () => {
    const i = new VectorIndex(indexWorkerPath());
    open.push(i);
    return i;
  };
  const request = (seedTrackId: number): SimilarRequest => ({ seedTrackIds: [seedTrackId], negativeTrackIds: [], excludeTrackIds: [], limit: 5, negativeWeight: 0.5 });
  /** Same-album precision@5 of every song as a seed. */
  async function precision(vi: VectorIndex): Promise<number> {
    let hits = 0;
    let total = 0;
    for (const trackId of album.keys()) {
      const { tracks } = await vi.similar(request(trackId));
      hits += tracks.filter((t) => album.get(t.trackId) === album.get(trackId)).length;
      total += tracks.length;
    }
    return hits / total;
  }
  const spaceFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.space.json')) : []);

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-space-');
    db = LibraryDb.open(join(tmp.path, 'library.db'));
    folderId = db.folders.insert('/space-test');
    addSongs(db, folderId, 0, 30, album);
  });

  afterAll(async () => {
    await Promise.all(open.map((i) => i.close()));
    db?.close();
    tmp?.cleanup();
  });

  it('is not fitted on a library smaller than minTracks: the model\'s own space', async () => {
    const dir = join(tmp.path, 'small');
    const stats = await index().open(config(dir, MAP));
    expect(stats.space).toEqual({ dims: DIMS, libraryMap: null });
    expect(spaceFiles(dir)).toEqual([]);
  });

  it('is fitted once the library is big enough, and finds albums the model\'s own space mixes up', async () => {
    addSongs(db, folderId, 30, 30, album);
    const fitted = index();
    const stats = await fitted.open(config(join(tmp.path, 'vectors'), MAP));
    expect(stats.space.dims).toBe(8);
    expect(stats.space.libraryMap).toMatchObject({ tracks: 60, fragments: 720, dims: 8 });
    expect(stats.origin).toMatch(/sound space fitted on the library's 60 songs/);
    expect(spaceFiles(join(tmp.path, 'vectors'))).toHaveLength(1);
    const raw = index();
    await raw.open(config(join(tmp.path, 'vectors-raw'), null));
    const [withMap, without] = [await precision(fitted), await precision(raw)];
    expect(withMap).toBeGreaterThan(0.9);
    expect(without).toBeLessThan(withMap - 0.2);
  });

  it('two stages give what an exhaustive re-rank of every song gives (small library)', async () => {
    const vi = index();
    await vi.open(config(join(tmp.path, 'vectors'), MAP));
    for (const trackId of [...album.keys()].slice(0, 10)) {
      const fast = await vi.similar(request(trackId));
      const all = await vi.similar({ ...request(trackId), exhaustive: true });
      expect(fast.tracks).toEqual(all.tracks);
      expect(all.candidates).toBe(album.size - 1);
    }
  });

  it('is read back from disk with the index, and a damaged one is refitted from SQLite to the same picks', async () => {
    const dir = join(tmp.path, 'vectors');
    const first = index();
    await first.open(config(dir, MAP));
    const seed = [...album.keys()][3];
    const before = await first.similar(request(seed));
    await first.close();
    const again = index();
    expect((await again.open(config(dir, MAP))).origin).toBe('read from disk');
    expect(await again.similar(request(seed))).toEqual(before);
    await again.close();
    writeFileSync(join(dir, spaceFiles(dir)[0]), '{"dims": 8, "mean": [1, 2');
    const repaired = index();
    const stats = await repaired.open(config(dir, MAP));
    expect(stats.origin).toMatch(/rebuilt/);
    expect(stats.damage).toMatch(/sound space file is not readable JSON/);
    expect(stats.space.libraryMap?.tracks).toBe(60);
    expect(await repaired.similar(request(seed))).toEqual(before);
    await repaired.close();
  });

  it('random bytes in the middle of the space file (its size unchanged) are found by its checksum: refitted, the same picks, reported', async () => {
    const dir = join(tmp.path, 'vectors');
    const first = index();
    await first.open(config(dir, MAP));
    const seed = [...album.keys()][5];
    const before = await first.similar(request(seed));
    await first.close();
    const file = join(dir, spaceFiles(dir)[0]);
    const text = readFileSync(file);
    // Digits for digits: the file still parses as a sound space, only its numbers are wrong.
    const middle = text.indexOf('projection') + 40;
    const digit = text.findIndex((c, i) => i >= middle && c >= 0x31 && c <= 0x38);
    text[digit] += 1;
    writeFileSync(file, text);
    expect(() => JSON.parse(text.toString('utf8'))).not.toThrow();
    const repaired = index();
    const stats = await repaired.open(config(dir, MAP));
    expect(stats.origin).toMatch(/rebuilt from SQLite: the sound space file does not match its checksum/);
    expect(stats.damage).toMatch(/sound space file does not match its checksum/);
    expect(await repaired.similar(request(seed))).toEqual(before);
    await repaired.close();
    const again = index();
    expect(await again.open(config(dir, MAP))).toMatchObject({ origin: 'read from disk', damage: null });
    await again.close();
  });

  it('a space file written without a checksum (an earlier Soundlike) is refitted without calling it damage', async () => {
    const dir = join(tmp.path, 'vectors');
    const file = join(dir, spaceFiles(dir)[0]);
    const sealed = JSON.parse(readFileSync(file, 'utf8')) as { data: unknown };
    writeFileSync(file, JSON.stringify(sealed.data));
    const vi = index();
    const stats = await vi.open(config(dir, MAP));
    expect(stats.origin).toMatch(/rebuilt from SQLite: the sound space file was saved without a checksum/);
    expect(stats.damage).toBeNull();
    await vi.close();
  });

  it('takes in a few new songs in the same space, and is refitted when the library changed enough', async () => {
    const dir = join(tmp.path, 'vectors');
    const vi = index();
    await vi.open(config(dir, MAP));
    addSongs(db, folderId, 60, 10, album);
    expect(await vi.refresh()).toEqual({ added: 120, removed: 0 });
    let stats = await vi.stats();
    expect(stats?.space.libraryMap?.tracks).toBe(60);
    expect(stats?.count).toBe(70 * 12);
    addSongs(db, folderId, 70, 10, album);
    await vi.refresh();
    stats = await vi.stats();
    expect(stats?.space.libraryMap?.tracks).toBe(80);
    expect(stats?.origin).toMatch(/library changed \(60 -> 80 songs\)/);
    expect(await precision(vi)).toBeGreaterThan(0.9);
  });
});
