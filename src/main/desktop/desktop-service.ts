/**
 * DesktopService: file and program choices made in native dialogs that main runs, so what is read,
 * written or executed is what the user picked, never a path from a page. The dialogs themselves are
 * Electron's (ipc/native-dialogs.ts, given by the IPC transport); without them (CLI, web host) every
 * command says where to do it instead.
 */
import type { DesktopService } from '../../shared/contract';
import type { AppEnvironment, M3uImport } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import { m3uFileName } from '../../shared/playlist-file';
import type { PlaylistServiceImpl } from '../playlists/playlist-service';
import type { SettingsServiceImpl } from '../settings/settings-service';

export type FfmpegChoice = { kind: 'auto' } | { kind: 'path'; path: string };

/** The native dialogs main shows; each resolves to null when the user cancels. */
export interface NativeDialogs {
  openPlaylistFile(): Promise<string | null>;
  savePlaylistFile(defaultName: string): Promise<string | null>;
  chooseFfmpeg(current: string | null): Promise<FfmpegChoice | null>;
}

/** The answer where no native dialog can be shown (the web host, the CLI): where to do it instead. */
export function desktopOnly(): SoundlikeError {
  return new SoundlikeError('INVALID_ARGUMENT', 'File dialogs are only in the desktop app.',
    'In the browser, import with the file picker and export with the download; on the command line use soundlike import, export and ffmpeg.');
}

export class DesktopServiceImpl implements DesktopService {
  private dialogs: NativeDialogs | null = null;

  constructor(private readonly playlists: PlaylistServiceImpl, private readonly settings: SettingsServiceImpl) {}

  /** The Electron transport hands its dialogs over while it serves (null when it stops). */
  useDialogs(dialogs: NativeDialogs | null): void {
    this.dialogs = dialogs;
  }

  async importM3uWithDialog(): Promise<M3uImport | null> {
    const path = await this.native().openPlaylistFile();
    return path === null ? null : this.playlists.importM3uFromPath(path);
  }

  async exportM3uWithDialog(playlistId: number): Promise<string | null> {
    const playlist = await this.playlists.getPlaylist(playlistId);
    const path = await this.native().savePlaylistFile(m3uFileName(playlist.name));
    return path === null ? null : this.playlists.writeM3u(playlistId, path);
  }

  async chooseFfmpegWithDialog(): Promise<AppEnvironment | null> {
    const choice = await this.native().chooseFfmpeg((await this.settings.getSettings()).ffmpegPath);
    if (choice === null) return null;
    return this.settings.setFfmpegPath(choice.kind === 'auto' ? null : choice.path);
  }

  private native(): NativeDialogs {
    if (!this.dialogs) throw desktopOnly();
    return this.dialogs;
  }
}
