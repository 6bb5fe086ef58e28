/**
 * listTrackPage's pages (the library view's first screen) come in the order the view sorts the whole list
 * by default, so the first screen does not reshuffle when the rest arrives. Real SQLite through the app's
 * own queries; the expected order is the renderer's own sort over the whole list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { LibraryDb } from '../../src/main/db/library-db';
import { TRACK_PAGE_SQL } from '../../src/main/db/queries/tracks';
import { prng } from '../../src/shared/prng';
import { DEFAULT_SORT, sortKeysFor, sortOrder } from '../../src/renderer/src/lib/sort';
import { makeTempDir, type TempDir } from '../helpers/audio';

const WORDS = ['velvet', 'Velvet', 'anna', 'Blue', 'blue', 'river', 'Night', 'zed', 'echo', 'Echo Park', 'moon'];

describe('track pages', () => {
  let tmp: TempDir;
  let db: LibraryDb;
  beforeAll(() => {
    tmp = makeTempDir('soundlike-track-page-');
    db = LibraryDb.open(tmp.at('library.db'));
    const folderId = db.folders.insert('/page-test');
    const random = prng(7);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const maybe = <T>(x: T, nullShare: number): T | null => (random() < nullShare ? null : x);
    for (let i = 0; i < 260; i++) {
      // Mixed case, missing artists (album artist stands in, or neither), missing albums, discs and numbers.
      db.tracks.insert(folderId, {
        path: `/page-test/${i}.mp3`, size: 1000 + i, mtimeMs: 1, title: `${pick(WORDS)} ${pick(WORDS)}`,
        artist: maybe(pick(WORDS), 0.15), album: maybe(pick(WORDS), 0.2), albumArtist: maybe(pick(WORDS), 0.5),
        trackNo: maybe(Math.floor(random() * 12) + 1, 0.2), discNo: maybe(Math.floor(random() * 2) + 1, 0.6), year: null, genre: null,
        durationSec: 100, codec: 'MPEG 1 Layer 3', sampleRate: 44100, bitrate: 192000, coverId: null,
        replayGainTrackDb: null, replayGainAlbumDb: null, fingerprint: `fp-${i}`,
      });
    }
  });
  afterAll(() => {
    db?.close();
    tmp?.cleanup();
  });

  it('pages through the whole library in the view default order, with the total', () => {
    const all = db.tracks.all();
    const expected = sortOrder(all, sortKeysFor(all), DEFAULT_SORT).map((i) => all[i].id);
    const paged = [0, 100, 200].flatMap((offset) => db.tracks.page(offset, 100).map((t) => t.id));
    expect(paged).toEqual(expected);
    expect(db.tracks.page(260, 100)).toEqual([]);
    expect(db.tracks.count()).toBe(260);
    // A page's tracks are the same objects listTracks sends, field for field.
    const byId = new Map(all.map((t) => [t.id, t]));
    for (const t of db.tracks.page(0, 100)) expect(t).toEqual(byId.get(t.id));
  });

  it('reads a page through the view-order index instead of sorting the whole table', () => {
    // The first screen of a 50k-track library must not sort 50k rows (migration v9's index).
    const raw = new Database(db.file, { readonly: true });
    try {
      const plan = raw.prepare(`EXPLAIN QUERY PLAN ${TRACK_PAGE_SQL}`).all(0, 50) as { detail: string }[];
      const details = plan.map((p) => p.detail);
      expect(details).toEqual(expect.arrayContaining([expect.stringContaining('USING INDEX tracks_by_view_order')]));
      expect(details.some((d) => d.includes('TEMP B-TREE'))).toBe(false);
    } finally {
      raw.close();
    }
  });
});
