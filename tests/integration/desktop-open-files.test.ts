/**
 * "Open with Soundlike" and the tray's channel over real services, real SQLite and real audio files:
 * opened files become playable (only themselves, never their neighbours), the first plays after what
 * is playing and the rest follow; host-only commands are out of every transport's reach.
 */
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_ONLY } from '../../src/shared/contract';
import type { MediaCommand, NowPlaying } from '../../src/shared/domain';
import { invokeCommand } from '../../src/main/ipc/dispatch';
import type { Services } from '../../src/main/services';
import { generateClipCache, makeTempDir, place, pseudoRandomBytes, type ClipCache, type TempDir } from '../helpers/audio';
import { expectCode, openServices, record } from '../helpers/services';

describe('open with Soundlike', () => {
  let clips: ClipCache;
  let tmp: TempDir;
  let services: Services;
  let libraryTrack: number;

  beforeAll(async () => {
    clips = await generateClipCache(1, ['mp3', 'flac', 'ogg']);
    tmp = makeTempDir();
    place(clips.tagged.mp3, tmp.at('music', 'in-library.mp3'));
    services = await openServices(tmp.at('data'));
    await services.api.library.addFolderAndScan(tmp.at('music'));
    libraryTrack = (await services.api.library.listTracks())[0].id;
    await services.api.playback.replaceQueue([libraryTrack], 0);
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    clips?.cleanup();
  });

  it('plays opened files next (first one current), keeps the queue behind them, and asks the player to play', async () => {
    const newInLibrary = place(clips.untagged.ogg, tmp.at('music', 'new', 'arrived.ogg')); // not scanned yet
    const outside = place(clips.tagged.flac, tmp.at('downloads', 'single.flac'));
    place(clips.untagged.mp3, tmp.at('downloads', 'neighbour.mp3')); // never opened: must stay unreachable
    const commands = record<MediaCommand>(services.api.desktop.onDidRequestMediaCommand);
    const opened = await services.api.desktop.openFiles([outside, newInLibrary, tmp.at('music', 'in-library.mp3')]);
    commands.stop();
    expect(opened.failed).toEqual([]);
    expect(opened.trackIds).toHaveLength(3);
    expect(opened.trackIds[2]).toBe(libraryTrack);
    expect(commands.payloads).toEqual(['play']);
    const queue = await services.api.playback.getQueue();
    expect(queue.items.map((i) => i.trackId)).toEqual([libraryTrack, ...opened.trackIds]);
    expect(queue.currentIndex).toBe(1);

    const tracks = await services.api.library.listTracks();
    const byPath = new Map(tracks.map((t) => [t.path, t]));
    expect(byPath.get(outside)?.title).toBe('Title flac');
    expect(byPath.get(newInLibrary)?.id).toBe(opened.trackIds[1]);
    expect(byPath.has(tmp.at('downloads', 'neighbour.mp3'))).toBe(false);
    // Served like any library track, through the same checks.
    const media = await services.media.track(opened.trackIds[0]);
    expect(media.path).toBe(outside);
    media.close();
    // The single-file entry is listed (and removable) like a folder; the library folder is not duplicated.
    const folders = await services.api.library.listFolders();
    expect(folders.map((f) => f.path).sort()).toEqual([outside, tmp.at('music')].sort());
    expect(folders.find((f) => f.path === outside)).toMatchObject({ trackCount: 1, status: 'ok' });
  });

  it('opens the same file again as the same track, and a rescan keeps the single-file entry as it is', async () => {
    const outside = tmp.at('downloads', 'single.flac');
    const first = (await services.api.library.listTracks()).find((t) => t.path === outside);
    const again = await services.api.desktop.openFiles([outside]);
    expect(again.trackIds).toEqual([first?.id]);
    const summary = await services.api.library.rescan();
    expect(summary.removed).toBe(0);
    expect(summary.failed).toBe(0);
    expect((await services.api.library.listFolders()).find((f) => f.path === outside)).toMatchObject({ trackCount: 1, status: 'ok' });
    expect((await services.api.library.listTracks()).filter((t) => t.path === outside)).toHaveLength(1);
  });

  it('speaks of a single-file entry whose file is gone as the file, keeps its track, and recognises it moved', async () => {
    const path = place(clips.tagged.mp3, tmp.at('away', 'gone-soon.mp3'));
    const [trackId] = (await services.api.desktop.openFiles([path])).trackIds;
    const entry = (await services.api.library.listFolders()).find((f) => f.path === path);
    expect(entry).toMatchObject({ kind: 'file', status: 'ok', trackCount: 1 });
    expect((await services.api.library.listFolders()).find((f) => f.path === tmp.at('music'))?.kind).toBe('folder');

    rmSync(path);
    const summary = await services.api.library.rescan(entry?.id);
    expect(summary.removed).toBe(0); // the drive may just be unplugged: the track stays
    const missing = (await services.api.library.listFolders()).find((f) => f.id === entry?.id);
    expect(missing).toMatchObject({ kind: 'file', status: 'missing', trackCount: 1 });
    expect(missing?.statusMessage).toMatch(/^This file is gone \(deleted, moved, or its drive unplugged\)\./);
    expect(missing?.statusMessage).toMatch(/put the file back/);
    expect(missing?.statusMessage).not.toMatch(/folder/i);
    expect((await services.api.library.getTrack(trackId)).path).toBe(path);

    // Put back: the entry is well again, the same track.
    place(clips.tagged.mp3, path);
    await services.api.library.rescan(entry?.id);
    expect((await services.api.library.listFolders()).find((f) => f.id === entry?.id)).toMatchObject({ kind: 'file', status: 'ok', statusMessage: null, trackCount: 1 });

    // Moved, then opened from its new place (what the advice says): the same track, history kept; the old
    // entry is still a file, missing, and holds no track.
    const moved = tmp.at('away', 'elsewhere', 'gone-soon.mp3');
    place(clips.tagged.mp3, moved);
    rmSync(path);
    await services.api.library.rescan(entry?.id);
    const reopened = await services.api.desktop.openFiles([moved]);
    expect(reopened.trackIds).toEqual([trackId]);
    expect((await services.api.library.getTrack(trackId)).path).toBe(moved);
    expect((await services.api.library.listFolders()).find((f) => f.id === entry?.id)).toMatchObject({ kind: 'file', status: 'missing', trackCount: 0 });
    await services.api.library.removeFolder(entry?.id as number);
  });

  it('opens a link to an audio file as the file it points to', async () => {
    place(clips.tagged.flac, tmp.at('elsewhere', 'target.flac'));
    symlinkSync(tmp.at('elsewhere', 'target.flac'), tmp.at('linked.flac'));
    const opened = await services.api.desktop.openFiles([tmp.at('linked.flac')]);
    expect(opened.failed).toEqual([]);
    const track = await services.api.library.getTrack(opened.trackIds[0]);
    expect(track.path).toBe(tmp.at('elsewhere', 'target.flac'));
    // Only the file itself became an entry, not the folder it (or the link) sits in.
    const paths = (await services.api.library.listFolders()).map((f) => f.path);
    expect(paths).toContain(tmp.at('elsewhere', 'target.flac'));
    expect(paths).not.toContain(tmp.at('elsewhere'));
    expect(paths).not.toContain(tmp.path);
  });

  it('says why each file that cannot play was left out, keeps nothing of it, and still plays the rest', async () => {
    const noise = tmp.at('downloads', 'noise.mp3');
    writeFileSync(noise, pseudoRandomBytes(8192, 7));
    const good = place(clips.tagged.mp3, tmp.at('downloads', 'good.mp3'));
    const foldersBefore = (await services.api.library.listFolders()).length;
    const commands = record<MediaCommand>(services.api.desktop.onDidRequestMediaCommand);
    const opened = await services.api.desktop.openFiles([noise, tmp.at('downloads', 'gone.mp3'), '/etc/passwd', 'relative.mp3', tmp.at('downloads'), 42 as unknown as string, good]);
    commands.stop();
    expect(opened.trackIds).toHaveLength(1);
    expect(opened.failed.map((f) => f.path)).toEqual([noise, tmp.at('downloads', 'gone.mp3'), '/etc/passwd', 'relative.mp3', tmp.at('downloads'), '42']);
    const reasons = opened.failed.map((f) => f.reason);
    expect(reasons[0]).toMatch(/could not be read as music/);
    expect(reasons[1]).toMatch(/no file at/);
    expect(reasons[2]).toMatch(/not an audio file/);
    expect(reasons[3]).toMatch(/full path/);
    expect(reasons[4]).toMatch(/not an audio file/);
    expect(reasons[5]).toMatch(/full path/);
    expect(commands.payloads).toEqual(['play']);
    // The unreadable file left no single-file entry behind; the good one added exactly one.
    const folders = await services.api.library.listFolders();
    expect(folders).toHaveLength(foldersBefore + 1);
    expect(folders.some((f) => f.path === noise)).toBe(false);

    const none = await services.api.desktop.openFiles([tmp.at('downloads', 'gone.mp3')]);
    expect(none.trackIds).toEqual([]);
    await expectCode(services.api.desktop.openFiles('not a list' as unknown as string[]), 'INVALID_ARGUMENT');
  });

  it('keeps openFiles and requestMediaCommand out of the transports (HOST_ONLY, not CONTRACT)', async () => {
    for (const member of Object.keys(HOST_ONLY.desktop)) {
      const answer = await invokeCommand(services.api, 'desktop', member, [[tmp.at('downloads', 'good.mp3')]]);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.message).toMatch(/There is no command desktop\./);
    }
  });

  it('turns a now-playing report into the library title and artist, and passes tray commands to the player', async () => {
    const seen = record<NowPlaying | null>(services.api.desktop.onDidChangeNowPlaying);
    await services.api.desktop.reportNowPlaying({ trackId: libraryTrack, playing: true });
    await services.api.desktop.reportNowPlaying({ trackId: null, playing: false });
    await expectCode(services.api.desktop.reportNowPlaying({ trackId: 'x' as unknown as number, playing: true }), 'INVALID_ARGUMENT');
    await expectCode(services.api.desktop.reportNowPlaying({ trackId: libraryTrack } as unknown as { trackId: number; playing: boolean }), 'INVALID_ARGUMENT');
    await expectCode(services.api.desktop.reportNowPlaying({ trackId: 987654, playing: true }), 'UNKNOWN_TRACK');
    seen.stop();
    expect(seen.payloads).toEqual([{ trackId: libraryTrack, title: 'Title mp3', artist: 'Artist mp3', playing: true }, null]);

    const commands = record<MediaCommand>(services.api.desktop.onDidRequestMediaCommand);
    await services.api.desktop.requestMediaCommand('next');
    await services.api.desktop.requestMediaCommand('togglePlay');
    await expectCode(services.api.desktop.requestMediaCommand('format-disk' as MediaCommand), 'INVALID_ARGUMENT');
    commands.stop();
    expect(commands.payloads).toEqual(['next', 'togglePlay']);
  });

  it('folds single-file entries into a folder added later that holds them, keeping their tracks, likes and ids', async () => {
    const single = tmp.at('downloads', 'single.flac');
    const track = (await services.api.library.listTracks()).find((t) => t.path === single);
    expect(track).toBeDefined();
    await services.api.library.setLiked(track?.id as number, true);
    const { folder, summary } = await services.api.library.addFolderAndScan(tmp.at('downloads'));
    expect(summary.failed).toBe(1); // noise.mp3, reported again as part of the folder
    const folders = await services.api.library.listFolders();
    expect(folders.filter((f) => f.path.startsWith(tmp.at('downloads')))).toEqual([expect.objectContaining({ id: folder.id, path: tmp.at('downloads') })]);
    const tracks = await services.api.library.listTracks();
    expect(tracks.find((t) => t.path === single)?.id).toBe(track?.id);
    expect(await services.api.library.listLiked()).toContain(track?.id);
    // Now the user added the whole folder, its other files are in the library too.
    expect(tracks.some((t) => t.path === tmp.at('downloads', 'neighbour.mp3'))).toBe(true);
    expect(tracks.filter((t) => t.path === tmp.at('downloads', 'good.mp3'))).toHaveLength(1);
  });
});
