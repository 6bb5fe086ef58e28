/** The library list is read as raw rows for speed: it must say exactly what the keyed per-track read says. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import { generateClipCache, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { openServices } from '../helpers/services';

describe('track rows', () => {
  let clips: ClipCache;
  let tmp: TempDir;
  let services: Services;

  beforeAll(async () => {
    clips = await generateClipCache(1, ['mp3', 'flac']);
    tmp = makeTempDir();
    place(clips.tagged.mp3, tmp.at('music', 'a.mp3'));
    place(clips.untagged.flac, tmp.at('music', 'b.flac'));
    services = await openServices(tmp.at('data'));
    await services.api.library.addFolderAndScan(tmp.at('music'));
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    clips?.cleanup();
  });

  it('listTracks and getTrack agree on every field of every track', async () => {
    const all = await services.api.library.listTracks();
    expect(all).toHaveLength(2);
    for (const track of all) expect(track).toEqual(await services.api.library.getTrack(track.id));
    expect(all.find((t) => t.path.endsWith('a.mp3'))).toMatchObject({ available: true, codec: expect.any(String), durationSec: expect.any(Number) });
  });
});
