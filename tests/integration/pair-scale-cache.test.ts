/**
 * Main keeps the library's pair scale (radio/pair-scale.ts) between radios while the index worker says
 * the indexed songs are the same (index-protocol.ts's generation), and asks again once they change:
 * the real worker over real SQLite and faiss.
 */
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

const DIMS = 16;
const VERSION = { modelSha: '5ca1e'.padEnd(64, '0'), featureVersion: 1, stepSec: 5 };
const random = prng(21);

/** Adds `count` songs of 8 random unit moments each. */
function addSongs(db: LibraryDb, folderId: number, first: number, count: number): void {
  db.transaction(() => {
    for (let n = first; n < first + count; n++) {
      const path = `/scale-test/${n}.mp3`;
      const trackId = db.tracks.insert(folderId, {
        path, size: 1000 + n, mtimeMs: 1, title: `Song ${n}`, artist: `Artist ${n}`, album: null, albumArtist: null, trackNo: null, discNo: null,
        year: null, genre: null, durationSec: 40, codec: 'MPEG 1 Layer 3', sampleRate: 44100, bitrate: 192000, coverId: null,
        replayGainTrackDb: null, replayGainAlbumDb: null, fingerprint: `f${n}`,
      });
      const fragments = Array.from({ length: 8 }, (_, i) => {
        const v = Array.from({ length: DIMS }, () => gaussian(random));
        const norm = Math.hypot(...v);
        return { startSec: i * 5, endSec: i * 5 + 5, vector: Float32Array.from(v, (x) => x / norm), tags: [] };
      });
      db.analysis.storeDone({ trackId, path, size: 1000 + n, mtimeMs: 1, durationSec: 40 }, VERSION, fragments, 40);
    }
  });
}

describe('the pair scale kept by main between radios', () => {
  let tmp: TempDir;
  let db: LibraryDb;
  let folderId: number;
  let index: VectorIndex;
  const request: SimilarRequest = { seedTrackIds: [1], negativeTrackIds: [], excludeTrackIds: [], limit: 5, negativeWeight: 0.5 };

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-scale-');
    db = LibraryDb.open(join(tmp.path, 'library.db'));
    folderId = db.folders.insert('/scale-test');
    addSongs(db, folderId, 0, 20);
    index = new VectorIndex(indexWorkerPath());
    const config: IndexConfig = {
      databasePath: join(tmp.path, 'library.db'), dir: join(tmp.path, 'vectors'), ...VERSION, embeddingSize: DIMS, exactLimit: 1_000_000, nprobe: 8,
      rebuildTombstoneShare: 0.15, libraryMap: null, rerank: { ...RADIO_TUNABLES.rerank },
    };
    await index.open(config);
  });

  afterAll(async () => {
    await index?.close();
    db?.close();
    tmp?.cleanup();
  });

  it('is the same scale, not asked again, while the songs stay; a new one once they change', async () => {
    await index.similar(request);
    const first = await index.pairScale(500);
    expect(first.songs).toBe(20);
    await index.similar(request);
    // The very object main holds: no round trip to the worker.
    expect(await index.pairScale(500)).toBe(first);
    // Another size is another scale.
    expect((await index.pairScale(50)).scores.length).toBe(50);

    addSongs(db, folderId, 20, 5);
    expect(await index.refresh()).toEqual({ added: 40, removed: 0 });
    await index.similar(request);
    const after = await index.pairScale(500);
    expect(after).not.toBe(first);
    expect(after.songs).toBe(25);
  });

  it('is asked again after an answer that does not say which songs stand (a refresh)', async () => {
    await index.similar(request);
    const before = await index.pairScale(500);
    await index.refresh();
    const again = await index.pairScale(500);
    expect(again).not.toBe(before);
    expect(again.scores).toEqual(before.scores);
  });
});
