/**
 * DesktopService over real services and real files, with the native dialogs answered by the test (as
 * the user would): the file read, written or run as ffmpeg is only ever the one the dialog returned.
 * Electron's own dialogs are in ipc/native-dialogs.ts; the Electron e2e suite drives the app itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FfmpegChoice, NativeDialogs } from '../../src/main/desktop/desktop-service';
import type { Services } from '../../src/main/services';
import { generateClipCache, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { expectCode, openServices, waitFor } from '../helpers/services';

describe('desktop dialogs', () => {
  let clips: ClipCache;
  let tmp: TempDir;
  let services: Services;
  let song: number;
  /** What the "user" answers next; null is Cancel. */
  const answers: { open: string | null; save: string | null; ffmpeg: FfmpegChoice | null; folder: string | null; savedAs: string[] } = { open: null, save: null, ffmpeg: null, folder: null, savedAs: [] };
  const dialogs: NativeDialogs = {
    openPlaylistFile: async () => answers.open,
    savePlaylistFile: async (defaultName) => {
      answers.savedAs.push(defaultName);
      return answers.save;
    },
    chooseFfmpeg: async () => answers.ffmpeg,
    chooseMusicFolder: async () => answers.folder,
  };

  beforeAll(async () => {
    clips = await generateClipCache(1, ['mp3']);
    tmp = makeTempDir();
    place(clips.tagged.mp3, tmp.at('music', 'album', 'song.mp3'));
    services = await openServices(tmp.at('data'));
    await services.api.library.addFolderAndScan(tmp.at('music'));
    song = (await services.api.library.listTracks())[0].id;
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
    clips?.cleanup();
  });

  it('without native dialogs (CLI, web host) says where to do it instead', async () => {
    const error = await expectCode(services.api.desktop.importM3uWithDialog(), 'INVALID_ARGUMENT');
    expect(error.message).toMatch(/only in the desktop app/);
    expect(error.hint).toMatch(/file picker/);
    const folderError = await expectCode(services.api.desktop.chooseMusicFolder(), 'INVALID_ARGUMENT');
    expect(folderError.message).toMatch(/only in the desktop app/);
    expect(folderError.hint).toMatch(/full path/);
  });

  it('adds the folder chosen in the folder dialog and scans it, nothing on Cancel, and refuses a bad pick as addFolder does', async () => {
    services.api.desktop.useDialogs(dialogs);
    place(clips.tagged.mp3, tmp.at('picked', 'one.mp3'));
    answers.folder = tmp.at('picked');
    const scanned = waitFor(services.api.library.onDidScanProgress, (p) => p.final && p.phase === 'done', 20_000, 'the picked folder scanned');
    const folder = await services.api.desktop.chooseMusicFolder();
    expect(folder).toMatchObject({ path: tmp.at('picked') });
    await scanned;
    const tracks = await services.api.library.listTracks();
    expect(tracks.filter((t) => t.path === tmp.at('picked', 'one.mp3'))).toHaveLength(1);
    answers.folder = tmp.at('picked');
    await expectCode(services.api.desktop.chooseMusicFolder(), 'FOLDER_ALREADY_ADDED');
    answers.folder = null;
    const before = await services.api.library.listFolders();
    expect(await services.api.desktop.chooseMusicFolder()).toBeNull();
    expect(await services.api.library.listFolders()).toEqual(before);
    await services.api.library.removeFolder((folder as { id: number }).id);
    services.api.desktop.useDialogs(null);
  });

  it('imports the file picked in the open dialog (relative entries from its folder), and nothing on Cancel', async () => {
    services.api.desktop.useDialogs(dialogs);
    const file = tmp.at('music', 'Picked.m3u8');
    writeFileSync(file, '#EXTM3U\nalbum/song.mp3\n../elsewhere.mp3\n');
    answers.open = file;
    const imported = await services.api.desktop.importM3uWithDialog();
    expect(imported).toMatchObject({ playlist: { name: 'Picked', trackIds: [song] }, missing: ['../elsewhere.mp3'] });
    answers.open = '/etc/passwd'; // even a dialog's answer must be a playlist file
    await expectCode(services.api.desktop.importM3uWithDialog(), 'INVALID_ARGUMENT');
    answers.open = null;
    expect(await services.api.desktop.importM3uWithDialog()).toBeNull();
  });

  it('writes the playlist where the save dialog was answered, offering a safe default name', async () => {
    const list = await services.api.playlists.createPlaylist('AC/DC: live?', [song]);
    const target = tmp.at('music', 'saved.m3u8');
    answers.save = target;
    expect(await services.api.desktop.exportM3uWithDialog(list.id)).toBe(target);
    expect(answers.savedAs.at(-1)).toBe('AC DC live.m3u8');
    expect(readFileSync(target, 'utf8')).toMatch(/^#EXTM3U\n#EXTINF:\d+,.+\nalbum\/song\.mp3\n$/);
    answers.save = null;
    expect(await services.api.desktop.exportM3uWithDialog(list.id)).toBeNull();
  });

  it('sets ffmpeg from its dialog: a program that answers as ffmpeg, or back to automatic', async () => {
    const found = (await services.api.settings.getEnvironment()).ffmpeg;
    expect(found).not.toBeNull();
    answers.ffmpeg = { kind: 'path', path: tmp.at('music', 'album', 'song.mp3') };
    await expectCode(services.api.desktop.chooseFfmpegWithDialog(), 'FFMPEG_MISSING');
    answers.ffmpeg = { kind: 'auto' };
    expect((await services.api.desktop.chooseFfmpegWithDialog())?.ffmpeg).toEqual(found);
    expect((await services.api.settings.getSettings()).ffmpegPath).toBeNull();
    answers.ffmpeg = null;
    expect(await services.api.desktop.chooseFfmpegWithDialog()).toBeNull();
    services.api.desktop.useDialogs(null);
  });
});
