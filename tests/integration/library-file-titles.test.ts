/**
 * Untagged files are named from their file names at scan time: "02 - Low Lamp Blues.ogg" in "Delta Demos"
 * is track 2, "Low Lamp Blues", of the album "Delta Demos". A library scanned by an older reader (raw file
 * names as titles) is named again once, on its next scan, and never again after. Real ffmpeg clips,
 * real SQLite, real music-metadata.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import type { Track } from '../../src/shared/domain';
import { generateClipCache, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { openServices } from '../helpers/services';

describe('titles of untagged files', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let services: Services;
  let folderId: number;
  let music: string;
  const byName = async (name: string): Promise<Track> => {
    const track = (await services.api.library.listTracks()).find((t) => t.path.endsWith(name));
    if (!track) throw new Error(`${name} was not listed`);
    return track;
  };

  beforeAll(async () => {
    cache = await generateClipCache(1, ['ogg', 'mp3']);
    tmp = makeTempDir();
    music = tmp.at('music');
    place(cache.untagged.ogg, join(music, 'Muddy Creek Slim', 'Delta Demos', '02 - Low Lamp Blues.ogg'));
    place(cache.untagged.mp3, join(music, 'Muddy Creek Slim', 'Delta Demos', '[www.free-tunes.net] 01_creek_bed_shuffle.mp3'));
    place(cache.untagged.ogg, join(music, 'Singles', 'Trio Maré - Areia Branca.ogg'));
    place(cache.tagged.mp3, join(music, 'Singles', '07 - Not This Name.mp3'));
    services = await openServices(tmp.at('data'));
    folderId = (await services.api.library.addFolderAndScan(music)).folder.id;
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('cleans the track number and separators off, and takes the folder as album', async () => {
    expect(await byName('02 - Low Lamp Blues.ogg')).toMatchObject({ title: 'Low Lamp Blues', trackNo: 2, album: 'Delta Demos', artist: null });
  });

  it('drops a download-site prefix and reads underscores as spaces', async () => {
    expect(await byName('01_creek_bed_shuffle.mp3')).toMatchObject({ title: 'creek bed shuffle', trackNo: 1, album: 'Delta Demos' });
  });

  it('reads "Artist - Title"', async () => {
    expect(await byName('Areia Branca.ogg')).toMatchObject({ title: 'Areia Branca', artist: 'Trio Maré', album: 'Singles', trackNo: null });
  });

  it('leaves tagged files as their tags say', async () => {
    const tagged = await byName('07 - Not This Name.mp3');
    expect(tagged.title).not.toBe('Not This Name');
    expect(tagged.trackNo).not.toBe(7);
    expect(tagged.album).not.toBe('Singles');
  });

  it('names again, once, untagged files an older reader titled by their raw file name', async () => {
    // What an older reader stored: the raw file name as title, no album, no track number.
    const old = await byName('02 - Low Lamp Blues.ogg');
    services.db.tracks.update(old.id, folderId, {
      ...old, title: '02 - Low Lamp Blues', album: null, trackNo: null, fingerprint: 'stale', fileId: null,
    });
    services.db.kv.set('library.fileTitleRules', {});
    expect((await byName('02 - Low Lamp Blues.ogg')).title).toBe('02 - Low Lamp Blues');

    const upgrade = await services.api.library.rescan(folderId);
    expect(upgrade).toMatchObject({ added: 0, removed: 0, failed: 0 });
    expect(upgrade.updated).toBeGreaterThanOrEqual(1);
    expect(await byName('02 - Low Lamp Blues.ogg')).toMatchObject({ id: old.id, title: 'Low Lamp Blues', trackNo: 2, album: 'Delta Demos' });

    const again = await services.api.library.rescan(folderId);
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, failed: 0 });
  });
});
