/**
 * Links in a music folder (issue 11, item 3). A link is followed, but media is served only while the
 * file behind it is the one the scan read as audio: a link re-pointed at a secret or at another song is
 * 404 over the web host until a rescan reads it. A link to a big folder with no music (like /etc) is
 * given up after a bounded look: not scanned, not watched; a linked album is scanned and watched.
 */
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_TUNABLES } from '../../src/shared/defaults';
import type { Track } from '../../src/shared/domain';
import { walkAudioFiles } from '../../src/main/library/walk';
import { FolderWatcher } from '../../src/main/library/watcher';
import type { Services } from '../../src/main/services';
import { startWebHost, type WebHost } from '../../src/main/web/web-host';
import { trackMediaPath } from '../../src/shared/web-protocol';
import { generateClipCache, makeClip, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { httpRequest } from '../helpers/http';
import { expectCode, openServices } from '../helpers/services';

const TOKEN = 'links-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

/** Re-points a link the way `ln -sfn` does. */
function repoint(link: string, target: string): void {
  unlinkSync(link);
  symlinkSync(target, link);
}

/** A folder tree with `count` files and no audio, spread over nested folders (a stand-in for /etc). */
function makeNonMusicTree(root: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const dir = join(root, `d${i % 40}`, `e${i % 7}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `conf${i}.txt`), `setting=${i}\n`);
  }
}

describe('links inside a music folder', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let services: Services;
  let host: WebHost;

  beforeAll(async () => {
    cache = await generateClipCache(1, ['mp3', 'flac']);
    tmp = makeTempDir();
    services = await openServices(tmp.at('data'));
    host = await startWebHost({ services, rendererDir: null, port: 0, token: TOKEN });
  });

  afterAll(async () => {
    await host?.close();
    await services?.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  const media = (track: Track) => httpRequest(`${host.origin}${trackMediaPath(track.id)}`, { headers: auth });

  it('serves a linked song only while the link still points at the file that was scanned', async () => {
    const elsewhere = tmp.at('other-drive');
    const song = place(cache.tagged.mp3, join(elsewhere, 'song.mp3'));
    const secret = join(elsewhere, 'shadow');
    writeFileSync(secret, 'root:$6$not-for-the-browser:19000:0:99999:7:::\n');
    const music = tmp.at('music-swap');
    mkdirSync(music, { recursive: true });
    const link = join(music, 'linked.mp3');
    symlinkSync(song, link);
    const { folder } = await services.api.library.addFolderAndScan(music);
    const [track] = await services.api.library.listTracks();
    expect(track.path).toBe(link);
    expect((await media(track)).status).toBe(200);

    repoint(link, secret);
    const swapped = await media(track);
    expect(swapped.status).toBe(404);
    expect(swapped.body.toString()).not.toContain('not-for-the-browser');
    expect(swapped.json()).toMatchObject({ ok: false, error: { code: 'TRACK_FILE_MISSING', message: expect.stringMatching(/not the one the library read/) } });
    // The Electron protocol resolves through the same MediaFiles.
    await expectCode(services.media.track(track.id), 'TRACK_FILE_MISSING');

    // A rescan reads the new target: it is no audio, so the track goes and the failure says why.
    const summary = await services.api.library.rescan(folder.id);
    expect(summary.failures.map((f) => f.path)).toContain(link);
    expect(await services.api.library.listTracks()).toEqual([]);

    // Pointed back at the song, the next scan lists it again and it plays.
    repoint(link, song);
    await services.api.library.rescan(folder.id);
    const [back] = await services.api.library.listTracks();
    expect((await media(back)).status).toBe(200);
    await services.api.library.removeFolder(folder.id);
  });

  it('does not serve another song behind a re-pointed link until a rescan has read it', async () => {
    const elsewhere = tmp.at('other-drive-2');
    const first = place(cache.tagged.mp3, join(elsewhere, 'first.mp3'));
    const second = await makeClip(join(elsewhere, 'second.mp3'), { format: 'mp3', seconds: 2, frequency: 660 });
    const music = tmp.at('music-song-swap');
    mkdirSync(music, { recursive: true });
    const link = join(music, 'linked.mp3');
    symlinkSync(first, link);
    const { folder } = await services.api.library.addFolderAndScan(music);
    const [track] = await services.api.library.listTracks();

    repoint(link, second);
    expect((await media(track)).status).toBe(404);
    const summary = await services.api.library.rescan(folder.id);
    expect(summary.updated).toBe(1);
    const [reread] = await services.api.library.listTracks();
    expect(reread.id).toBe(track.id);
    expect(reread.durationSec).toBeGreaterThan(1.5);
    const served = await media(reread);
    expect(served.status).toBe(200);
    expect(served.body.length).toBe(reread.size);
    await services.api.library.removeFolder(folder.id);
  });

  it('skips a link to a big folder without music (not scanned, not watched) and watches a linked album', async () => {
    const system = tmp.at('system-like');
    makeNonMusicTree(system, LIBRARY_TUNABLES.noAudioLookLimit + 500);
    const album = tmp.at('usb-drive', 'Album');
    place(cache.tagged.flac, join(album, '01.flac'));
    const music = tmp.at('music-links');
    place(cache.tagged.mp3, join(music, 'own.mp3'));
    symlinkSync(system, join(music, 'etc'));
    symlinkSync(album, join(music, 'Linked Album'));

    const walked = await walkAudioFiles(music);
    expect(walked.files.map((f) => f.path).sort()).toEqual([join(music, 'Linked Album', '01.flac'), join(music, 'own.mp3')]);
    expect(walked.skippedDirs).toEqual([system]);
    expect(walked.linkedMusicDirs).toEqual([album]);
    expect(walked.problems).toEqual([{ path: join(music, 'etc'), reason: expect.stringMatching(/^Skipped: no audio among the first \d+ entries/) }]);

    const { summary } = await services.api.library.addFolderAndScan(music);
    expect(summary.added).toBe(2);
    expect((await services.api.library.listScanFailures()).find((f) => f.path === join(music, 'etc'))?.reason).toMatch(/neither scanned nor watched/);

    // The watcher: the root and the linked album, nothing of the linked system folder.
    const changes: number[] = [];
    const watcher = new FolderWatcher({ onChange: (id) => changes.push(id), onWatchFailed: () => undefined });
    try {
      await watcher.add(7, music);
      watcher.setLayout(7, walked);
      await new Promise((resolve) => setTimeout(resolve, 300)); // chokidar adds the linked folder asynchronously
      const watched = watcher.watchedDirs(7);
      expect(watched).toContain(music);
      expect(watched).toContain(album);
      expect(watched.filter((dir) => dir.startsWith(system))).toEqual([]);
      place(cache.untagged.mp3, join(album, '02.mp3'));
      await expect.poll(() => changes.length, { timeout: 5000 }).toBeGreaterThan(0);
    } finally {
      await watcher.close();
      rmSync(join(album, '02.mp3'), { force: true });
    }
  });
});
