/**
 * Library corner cases a real music folder has: odd names, hidden files, link loops, shared covers,
 * files moved between folders, a good file going bad, overlapping scan requests, changes made while
 * the app was closed, and the watchFolders setting.
 */
import { mkdirSync, readdirSync, renameSync, symlinkSync, truncateSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import { generateClipCache, makeClip, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { openServices, waitFor } from '../helpers/services';

describe('library edge cases', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  const open: Services[] = [];
  const start = async (name: string, live = false) => {
    const services = await openServices(tmp.at(name), live);
    open.push(services);
    return services;
  };

  beforeAll(async () => {
    cache = await generateClipCache(1, ['mp3', 'flac']);
    tmp = makeTempDir();
  });

  afterAll(async () => {
    for (const services of open) await services.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('reads upper-case extensions, skips hidden files and folders, and survives a link loop', async () => {
    const music = tmp.at('odd');
    place(cache.tagged.mp3, join(music, 'LOUD.MP3'));
    place(cache.untagged.flac, join(music, '.hidden.flac'));
    place(cache.untagged.flac, join(music, '.sync', 'also-hidden.flac'));
    place(cache.untagged.mp3, join(music, 'sub', 'deep.mp3'));
    symlinkSync(music, join(music, 'sub', 'loop'));
    const services = await start('odd-data');
    const { summary } = await services.api.library.addFolderAndScan(music);
    expect(summary).toMatchObject({ added: 2, failed: 0 });
    expect((await services.api.library.listTracks()).map((t) => t.path).sort()).toEqual([join(music, 'LOUD.MP3'), join(music, 'sub', 'deep.mp3')]);
  });

  it.each(['flac', 'ogg', 'opus', 'mp3'] as const)('reads ReplayGain track and album gain from a %s', async (format) => {
    const music = tmp.at(`rg-${format}`);
    await makeClip(join(music, `loud.${format}`), { format, extraTags: { REPLAYGAIN_TRACK_GAIN: '-6.50 dB', REPLAYGAIN_ALBUM_GAIN: '-7.25 dB' } });
    const services = await start(`rg-${format}-data`);
    await services.api.library.addFolderAndScan(music);
    const [track] = await services.api.library.listTracks();
    expect(track.replayGainTrackDb).toBeCloseTo(-6.5, 2);
    expect(track.replayGainAlbumDb).toBeCloseTo(-7.25, 2);
  });

  it('stores one cover file for tracks sharing a picture', async () => {
    const music = tmp.at('album');
    place(cache.tagged.mp3, join(music, '01.mp3'));
    place(cache.tagged.mp3, join(music, '02.mp3'));
    const services = await start('album-data');
    await services.api.library.addFolderAndScan(music);
    const tracks = await services.api.library.listTracks();
    expect(tracks).toHaveLength(2);
    expect(tracks[0].coverId).toBeTruthy();
    expect(tracks[1].coverId).toBe(tracks[0].coverId);
    expect(readdirSync(services.paths.covers)).toEqual([tracks[0].coverId]);
  });

  it('a file moved from one library folder to another keeps its row when both are rescanned', async () => {
    const a = tmp.at('move-a');
    const b = tmp.at('move-b');
    place(cache.tagged.flac, join(a, 'wanderer.flac'));
    mkdirSync(b);
    const services = await start('move-data');
    await services.api.library.addFolderAndScan(a);
    const { folder: folderB } = await services.api.library.addFolderAndScan(b);
    const [before] = await services.api.library.listTracks();
    renameSync(join(a, 'wanderer.flac'), join(b, 'wanderer.flac'));
    const summary = await services.api.library.rescan();
    expect(summary).toMatchObject({ moved: 1, added: 0, removed: 0 });
    const [after] = await services.api.library.listTracks();
    expect(after).toMatchObject({ id: before.id, path: join(b, 'wanderer.flac'), folderId: folderB.id });
    const counts = Object.fromEntries((await services.api.library.listFolders()).map((f) => [f.path, f.trackCount]));
    expect(counts).toEqual({ [a]: 0, [b]: 1 });
  });

  it('a track that is damaged in place becomes a failure and leaves the library', async () => {
    const music = tmp.at('damage');
    const path = place(cache.untagged.flac, join(music, 'fragile.flac'));
    const services = await start('damage-data');
    const { folder } = await services.api.library.addFolderAndScan(music);
    truncateSync(path, 300);
    const future = new Date(Date.now() + 5000);
    utimesSync(path, future, future);
    const summary = await services.api.library.rescan(folder.id);
    expect(summary.failed).toBe(1);
    expect(summary.failures[0]).toMatchObject({ path, reason: expect.stringMatching(/truncated/i) });
    expect(await services.api.library.listTracks()).toEqual([]);
    expect((await services.api.library.listScanFailures()).map((f) => f.path)).toEqual([path]);
    expect((await services.api.library.listFolders())[0].trackCount).toBe(0);
  });

  it('overlapping rescans run one after the other and agree', async () => {
    const music = tmp.at('overlap');
    for (let i = 0; i < 4; i++) place(i % 2 ? cache.untagged.mp3 : cache.untagged.flac, join(music, `t${i}.${i % 2 ? 'mp3' : 'flac'}`));
    const services = await start('overlap-data');
    const folder = await services.api.library.addFolder(music); // scans in the background
    const [first, second] = await Promise.all([services.api.library.rescan(folder.id), services.api.library.rescan()]);
    // addFolder's own scan ran first, so both of these found everything already there.
    expect(first).toMatchObject({ added: 0, unchanged: 4 });
    expect(second).toMatchObject({ added: 0, unchanged: 4 });
    expect(await services.api.library.listTracks()).toHaveLength(4);
  });

  it('removing a folder while its first scan runs leaves no rows of it behind', async () => {
    const music = tmp.at('race-remove');
    for (let i = 0; i < 6; i++) place(i % 2 ? cache.untagged.mp3 : cache.untagged.flac, join(music, `r${i}.${i % 2 ? 'mp3' : 'flac'}`));
    const services = await start('race-remove-data');
    const folder = await services.api.library.addFolder(music); // its scan starts in the background
    await services.api.library.removeFolder(folder.id);
    expect(await services.api.library.listFolders()).toEqual([]);
    expect(await services.api.library.listTracks()).toEqual([]);
    expect(await services.api.library.listScanFailures()).toEqual([]);
    // The queue of scans is still healthy.
    expect(await services.api.library.rescan()).toMatchObject({ added: 0, failed: 0 });
  });

  it('disposing while a scan runs waits for it and closes cleanly', async () => {
    const music = tmp.at('race-dispose');
    for (let i = 0; i < 6; i++) place(cache.untagged.flac, join(music, `d${i}.flac`));
    const services = await openServices(tmp.at('race-dispose-data'));
    await services.api.library.addFolder(music);
    await services.dispose();
    const reopened = await start('race-dispose-data');
    const [folder] = await reopened.api.library.listFolders();
    expect(folder.path).toBe(music);
    expect(await reopened.api.library.rescan()).toMatchObject({ added: 0, unchanged: 6 });
  });

  it('files added while the app was closed are found by the scan a live start runs', async () => {
    const music = tmp.at('closed');
    place(cache.tagged.mp3, join(music, 'before.mp3'));
    const offline = await openServices(tmp.at('closed-data'));
    await offline.api.library.addFolderAndScan(music);
    await offline.dispose();
    place(cache.untagged.flac, join(music, 'while-closed.flac'));
    const live = await start('closed-data', true);
    // Queued behind the start-up scan: when it resolves, that scan is done.
    const after = await live.api.library.rescan();
    expect(after).toMatchObject({ added: 0, unchanged: 2 });
    expect((await live.api.library.listTracks()).map((t) => t.path).sort()).toEqual([join(music, 'before.mp3'), join(music, 'while-closed.flac')]);
    expect((await live.api.library.listFolders())[0].watching).toBe(true);
  });

  it('a live start with watchFolders off does not watch', async () => {
    const data = 'nowatch-data';
    const first = await openServices(tmp.at(data));
    await first.api.settings.updateSettings({ watchFolders: false });
    await first.dispose();
    const live = await start(data, true);
    mkdirSync(tmp.at('nowatch'));
    const folder = await live.api.library.addFolder(tmp.at('nowatch'));
    expect(folder.watching).toBe(false);
  });

  it('turning watchFolders off while running stops watching, and on again resumes it', async () => {
    const live = await start('toggle-data', true);
    mkdirSync(tmp.at('toggle'));
    const folder = await live.api.library.addFolder(tmp.at('toggle'));
    expect(folder.watching).toBe(true);
    await live.api.settings.updateSettings({ watchFolders: false });
    const [after] = await live.api.library.listFolders();
    expect(after.watching).toBe(false);

    // And back on: watching resumes, and a file added meanwhile is caught up by the rescan it starts.
    place(cache.untagged.mp3, join(tmp.at('toggle'), 'added-while-off.mp3'));
    const resumed = waitFor(live.api.library.onDidChangeFolders, (fs) => fs.every((f) => f.watching), 20_000, 'watching to resume');
    const caughtUp = waitFor(live.api.library.onDidChangeTracks, () => true, 20_000, 'the catch-up rescan');
    await live.api.settings.updateSettings({ watchFolders: true });
    await Promise.all([resumed, caughtUp]);
    expect((await live.api.library.listTracks()).map((t) => t.path)).toEqual([join(tmp.at('toggle'), 'added-while-off.mp3')]);
  });
});
