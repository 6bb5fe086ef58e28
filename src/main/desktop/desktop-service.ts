/**
 * DesktopService: file and program choices made in native dialogs that main runs, so what is read,
 * written or executed is what the user picked, never a path from a page. The dialogs themselves are
 * Electron's (ipc/native-dialogs.ts, given by the IPC transport); without them (CLI, web host) every
 * command says where to do it instead.
 */
import type { DesktopHostCommands, DesktopService, Event } from '../../shared/contract';
import { MEDIA_COMMANDS, type AppEnvironment, type M3uImport, type MediaCommand, type MusicFolder, type NowPlaying, type NowPlayingReport, type OpenedFiles, type ServicesRestart } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import { m3uFileName } from '../../shared/playlist-file';
import { Emitter } from '../events';
import type { LibraryServiceImpl } from '../library/library-service';
import type { PlaybackServiceImpl } from '../playback/playback-service';
import type { PlaylistServiceImpl } from '../playlists/playlist-service';
import type { SettingsServiceImpl } from '../settings/settings-service';
import { openAudioFiles } from './open-files';

export type FfmpegChoice = { kind: 'auto' } | { kind: 'path'; path: string };

/** The native dialogs main shows; each resolves to null when the user cancels. */
export interface NativeDialogs {
  openPlaylistFile(): Promise<string | null>;
  savePlaylistFile(defaultName: string): Promise<string | null>;
  chooseFfmpeg(current: string | null): Promise<FfmpegChoice | null>;
  /** A folder to add to the library. */
  chooseMusicFolder(): Promise<string | null>;
}

/** What the desktop service plays through: the library (tracks, folders) and the queue. */
export interface DesktopPlayerDeps {
  library: LibraryServiceImpl;
  playback: PlaybackServiceImpl;
}

/** The answer where no native dialog can be shown (the web host, the CLI): where to do it instead. */
export function desktopOnly(): SoundlikeError {
  return new SoundlikeError('INVALID_ARGUMENT', 'File dialogs are only in the desktop app.',
    'In the browser, import with the file picker and export with the download; on the command line use soundlike import, export and ffmpeg.');
}

export class DesktopServiceImpl implements DesktopService, DesktopHostCommands {
  private dialogs: NativeDialogs | null = null;
  private readonly nowPlayingEmitter = new Emitter<NowPlaying | null>();
  private readonly mediaCommandEmitter = new Emitter<MediaCommand>();

  readonly onDidChangeNowPlaying = this.nowPlayingEmitter.event;
  readonly onDidRequestMediaCommand = this.mediaCommandEmitter.event;

  constructor(private readonly playlists: PlaylistServiceImpl, private readonly settings: SettingsServiceImpl, private readonly player: DesktopPlayerDeps) {}

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

  /** Services never restart themselves: the supervisor of a service host sends this (service-host/). */
  onDidRestartServices: Event<ServicesRestart> = () => () => undefined;

  async chooseMusicFolder(): Promise<MusicFolder | null> {
    if (!this.dialogs) {
      throw new SoundlikeError('INVALID_ARGUMENT', 'The folder dialog is only in the desktop app.', 'Type or paste the folder\'s full path in the form instead.');
    }
    const path = await this.dialogs.chooseMusicFolder();
    return path === null ? null : this.player.library.addFolder(path);
  }

  /** Only an id and a flag cross from the page; the title and artist come from the library. */
  async reportNowPlaying(report: NowPlayingReport): Promise<void> {
    const { trackId, playing } = (report ?? {}) as Partial<NowPlayingReport>;
    if (typeof playing !== 'boolean' || (trackId !== null && !Number.isInteger(trackId))) {
      throw new SoundlikeError('INVALID_ARGUMENT', 'Now playing is { trackId: a whole number or null, playing: true or false }.');
    }
    if (trackId === null || trackId === undefined) {
      this.nowPlayingEmitter.fire(null);
      return;
    }
    const track = await this.player.library.getTrack(trackId);
    this.nowPlayingEmitter.fire({ trackId, title: track.title, artist: track.artist ?? track.albumArtist ?? null, playing });
  }

  async requestMediaCommand(command: MediaCommand): Promise<void> {
    if (!MEDIA_COMMANDS.includes(command)) {
      throw new SoundlikeError('INVALID_ARGUMENT', `There is no media command ${JSON.stringify(command)}; there are ${MEDIA_COMMANDS.join(', ')}.`);
    }
    this.mediaCommandEmitter.fire(command);
  }

  /** Plays the opened files (see open-files.ts), then asks the player to start. */
  async openFiles(paths: string[]): Promise<OpenedFiles> {
    const opened = await openAudioFiles(paths, this.player.library, this.player.playback);
    if (opened.trackIds.length > 0) this.mediaCommandEmitter.fire('play');
    return opened;
  }

  private native(): NativeDialogs {
    if (!this.dialogs) throw desktopOnly();
    return this.dialogs;
  }
}
