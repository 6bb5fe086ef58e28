/** PlaylistService: playlists in SQLite, M3U import and export, and saving the queue (a radio) as one. */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { PlaylistService } from '../../shared/contract';
import type { M3uImport, Playlist, PlaylistSummary } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { LibraryDb } from '../db/library-db';
import { requireIds, requireKnownTracks } from '../db/known-tracks';
import { Emitter } from '../events';
import { formatM3u, parseM3u } from './m3u';

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

  async importM3u(path: string): Promise<M3uImport> {
    if (typeof path !== 'string' || path.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'Give the path of an .m3u or .m3u8 file.');
    const file = resolve(path.trim());
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new SoundlikeError('INVALID_ARGUMENT', `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, 'Check the path of the playlist file.');
    }
    const byPath = new Map(this.db.tracks.all().map((t) => [t.path, t.id]));
    const trackIds: number[] = [];
    const missing: string[] = [];
    for (const { entry, path: target } of parseM3u(text, file)) {
      const id = target ? byPath.get(target) : undefined;
      if (id === undefined) missing.push(entry);
      else trackIds.push(id);
    }
    const playlist = await this.createPlaylist(basename(file, extname(file)), trackIds);
    return { playlist, missing };
  }

  /** The playlist as extended M3U text; also written to `path` when one is given. */
  async exportM3u(playlistId: number, path?: string): Promise<string> {
    const playlist = await this.getPlaylist(playlistId);
    const entries = playlist.trackIds.flatMap((id) => {
      const t = this.db.tracks.byId(id);
      return t ? [{ path: t.path, durationSec: t.durationSec, artist: t.artist, title: t.title }] : [];
    });
    const target = path ? resolve(path) : null;
    const text = formatM3u(entries, target);
    if (target) {
      try {
        await writeFile(target, text, 'utf8');
      } catch (error) {
        throw new SoundlikeError('INVALID_ARGUMENT', `Cannot write ${target} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, 'Choose a folder you may write to.');
      }
    }
    return text;
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

  private changed(): void {
    this.emitter.fire(this.db.playlists.list());
  }
}
