/**
 * Electron's native dialogs for DesktopService: the open and save dialogs for playlists, and the
 * ffmpeg choice. They run in main, so the path that comes back is the user's pick, not a page's.
 */
import { BrowserWindow, dialog } from 'electron';
import type { FfmpegChoice, NativeDialogs } from '../desktop/desktop-service';

const PLAYLIST_FILTERS = [{ name: 'Playlists (.m3u, .m3u8)', extensions: ['m3u8', 'm3u'] }];

/** The window the dialog belongs to (modal to it), when there is one. */
function owner(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
}

async function openFile(options: Electron.OpenDialogOptions): Promise<string | null> {
  const parent = owner();
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

export const nativeDialogs: NativeDialogs = {
  openPlaylistFile: () => openFile({ title: 'Import a playlist', properties: ['openFile'], filters: PLAYLIST_FILTERS }),

  async savePlaylistFile(defaultName) {
    const options: Electron.SaveDialogOptions = { title: 'Export the playlist', defaultPath: defaultName, filters: PLAYLIST_FILTERS, properties: ['showOverwriteConfirmation'] };
    const parent = owner();
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },

  chooseMusicFolder: () => openFile({ title: 'Add a music folder', buttonLabel: 'Add folder', properties: ['openDirectory'] }),

  async chooseFfmpeg(current): Promise<FfmpegChoice | null> {
    const options: Electron.MessageBoxOptions = {
      type: 'question',
      title: 'ffmpeg',
      message: 'Which ffmpeg should Soundlike use to decode music for analysis?',
      detail: current ? `Now: ${current}` : 'Now: the one Soundlike finds by itself (bundled, or ffmpeg on PATH).',
      buttons: ['Choose the program…', 'Find it by itself', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
    };
    const parent = owner();
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    if (response === 1) return { kind: 'auto' };
    if (response !== 0) return null;
    const path = await openFile({ title: 'Choose the ffmpeg program', properties: ['openFile'] });
    return path === null ? null : { kind: 'path', path };
  },
};
