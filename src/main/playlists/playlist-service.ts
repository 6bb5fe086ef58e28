/** PlaylistService: playlists in SQLite, M3U import and export, and saving the queue (a radio) as one. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PlaylistService } from '../../shared/contract';
import type { M3uImport, Playlist, PlaylistFile, PlaylistSummary } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import { checkPlaylistFile } from '../../shared/playlist-file';
import type { LibraryDb } from '../db/library-db';
import { requireIds, requireKnownTracks } from '../db/known-tracks';
import { Emitter } from '../events';
import { formatM3u, parseM3u } from './m3u';
import { matchEntries, readPlaylistPath } from './m3u-import';

function requireName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'A playlist needs a name.');
  return name.trim().slice(0, 200);
}

export class PlaylistServiceImpl implements PlaylistService {
  private readonly emitter = new Emitter<PlaylistSummary[]>();
  readonly onDidChangePlaylists = this.emitter.event;

  constructor(private readonly db: LibraryDb) {}

  async listPlaylists(): Promise<PlaylistSummary[]> {
    return this.db.playlists.list();
  }

  async getPlaylist(playlistId: number): Promise<Playlist> {
    if (!Number.isInteger(playlistId)) throw new SoundlikeError('INVALID_ARGUMENT', 'A playlist id is a whole number.');
    const summary = this.db.playlists.summary(playlistId);
    if (!summary) throw new SoundlikeError('UNKNOWN_PLAYLIST', `No playlist has id ${playlistId}.`, 'Refresh the playlist list.');
    return { ...summary, trackIds: this.db.playlists.trackIds(playlistId) };
  }

  async createPlaylist(name: string, trackIds: number[] = []): Promise<Playlist> {
    const id = this.db.playlists.create(requireName(name), this.existing(trackIds));
    this.changed();
    return this.getPlaylist(id);
  }

  async renamePlaylist(playlistId: number, name: string): Promise<Playlist> {
    await this.getPlaylist(playlistId);
    this.db.playlists.rename(playlistId, requireName(name));
    this.changed();
    return this.getPlaylist(playlistId);
  }

  async setPlaylistTracks(playlistId: number, trackIds: number[]): Promise<Playlist> {
    await this.getPlaylist(playlistId);
    this.db.playlists.setTracks(playlistId, this.existing(trackIds));
    this.changed();
    return this.getPlaylist(playlistId);
  }

  async addToPlaylist(playlistId: number, trackIds: number[]): Promise<Playlist> {
    const playlist = await this.getPlaylist(playlistId);
    return this.setPlaylistTracks(playlistId, [...playlist.trackIds, ...this.existing(trackIds)]);
  }

  async deletePlaylist(playlistId: number): Promise<void> {
    await this.getPlaylist(playlistId);
    this.db.playlists.delete(playlistId);
    this.changed();
  }

  /** A playlist file picked in a page: only its name and text arrive, both checked again here. */
  async importM3u(file: PlaylistFile): Promise<M3uImport> {
    return this.importChecked(checkPlaylistFile(file), null);
  }

  /**
   * Not in the contract: a playlist file at a path the user named themselves (the CLI's argument, the
   * desktop open dialog's answer). Relative entries resolve against its folder.
   */
  async importM3uFromPath(path: string): Promise<M3uImport> {
    const file = await readPlaylistPath(path);
    return this.importChecked(file, file.path);
  }

  /** The playlist as extended M3U text; no file is written, whatever else a caller passes. */
  async exportM3u(playlistId: number): Promise<string> {
    return this.m3uText(playlistId, null);
  }

  /**
   * Not in the contract: writes the playlist to a path the user chose themselves (the CLI's argument,
   * the desktop save dialog's answer), with entries relative to its folder where they lie below it.
   */
  async writeM3u(playlistId: number, path: string): Promise<string> {
    if (typeof path !== 'string' || path.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'Give the path of the .m3u8 file to write.');
    const target = resolve(path.trim());
    const text = await this.m3uText(playlistId, target);
    try {
      await writeFile(target, text, 'utf8');
    } catch (error) {
      throw new SoundlikeError('INVALID_ARGUMENT', `Cannot write ${target} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, 'Choose a folder you may write to.');
    }
    return target;
  }

  async saveQueueAsPlaylist(name: string): Promise<Playlist> {
    return this.createPlaylist(name, this.db.queue.list().map((item) => item.trackId));
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private existing(trackIds: unknown): number[] {
    return requireKnownTracks(this.db, requireIds(trackIds, 'trackIds must be a list of track ids.'));
  }

  private async importChecked(file: PlaylistFile, playlistPath: string | null): Promise<M3uImport> {
    const { trackIds, missing } = matchEntries(parseM3u(file.text, playlistPath), this.db.tracks.all());
    const playlist = await this.createPlaylist(file.name.replace(/\.m3u8?$/i, ''), trackIds);
    return { playlist, missing };
  }

  private async m3uText(playlistId: number, playlistPath: string | null): Promise<string> {
    const playlist = await this.getPlaylist(playlistId);
    const entries = playlist.trackIds.flatMap((id) => {
      const t = this.db.tracks.byId(id);
      return t ? [{ path: t.path, durationSec: t.durationSec, artist: t.artist, title: t.title }] : [];
    });
    return formatM3u(entries, playlistPath);
  }

  private changed(): void {
    this.emitter.fire(this.db.playlists.list());
  }
}
