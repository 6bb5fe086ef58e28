/**
 * Cover pictures: embedded ones, and the cover.jpg / folder.jpg files players keep beside an album's
 * tracks. A picture is stored once per data folder, content-addressed, and served from there.
 */
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import { generateClipCache, makeImage, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { openServices } from '../helpers/services';

describe('cover pictures', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  const open: Services[] = [];
  const start = async (name: string) => {
    const services = await openServices(tmp.at(name));
    open.push(services);
    return services;
  };
  const coverBytes = (services: Services, coverId: string | null) => {
    if (!coverId) throw new Error('no cover id');
    return readFileSync(join(services.paths.covers, coverId));
  };

  beforeAll(async () => {
    cache = await generateClipCache(1, ['mp3', 'ogg']);
    tmp = makeTempDir();
  });

  afterAll(async () => {
    for (const services of open) await services.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('uses cover.jpg beside a track that embeds no picture, and the embedded picture over it', async () => {
    const album = tmp.at('album');
    const jpg = await makeImage(join(album, 'cover.jpg'), 'green');
    place(cache.untagged.ogg, join(album, 'plain.ogg'));
    place(cache.tagged.mp3, join(album, 'embedded.mp3'));
    const services = await start('album-data');
    await services.api.library.addFolderAndScan(album);
    const tracks = await services.api.library.listTracks();
    const plain = tracks.find((t) => t.path.endsWith('plain.ogg'));
    const embedded = tracks.find((t) => t.path.endsWith('embedded.mp3'));
    expect(plain?.coverId).toMatch(/\.jpg$/);
    expect(coverBytes(services, plain?.coverId ?? null).equals(readFileSync(jpg))).toBe(true);
    expect(embedded?.coverId).toBeTruthy();
    expect(embedded?.coverId).not.toBe(plain?.coverId);
  });

  it('stores the folder cover in each data folder that scans it', async () => {
    const album = tmp.at('shared-album');
    await makeImage(join(album, 'folder.png'), 'yellow');
    place(cache.untagged.ogg, join(album, 'song.ogg'));
    const first = await start('shared-1');
    await first.api.library.addFolderAndScan(album);
    const second = await start('shared-2');
    await second.api.library.addFolderAndScan(album);
    for (const services of [first, second]) {
      const [track] = await services.api.library.listTracks();
      expect(track.coverId).toBeTruthy();
      expect(existsSync(join(services.paths.covers, track.coverId as string)), services.paths.covers).toBe(true);
      await expect(services.media.cover(track.coverId as string)).resolves.toMatchObject({ mimeType: 'image/png' });
    }
  });

  it('picks up a cover.jpg added to the album later, once its tracks are read again', async () => {
    const album = tmp.at('late-album');
    const song = place(cache.untagged.ogg, join(album, 'song.ogg'));
    const services = await start('late-data');
    const { folder } = await services.api.library.addFolderAndScan(album);
    expect((await services.api.library.listTracks())[0].coverId).toBeNull();
    await makeImage(join(album, 'cover.jpg'), 'purple');
    const future = new Date(Date.now() + 5000);
    utimesSync(song, future, future); // make sure the track itself is re-read
    const summary = await services.api.library.rescan(folder.id);
    expect(summary.updated).toBe(1);
    const [track] = await services.api.library.listTracks();
    expect(track.coverId, 'the re-read track still has no cover').not.toBeNull();
    expect(track.coverId).toMatch(/\.jpg$/);
  });
});
