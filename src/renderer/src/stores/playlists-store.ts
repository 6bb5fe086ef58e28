/**
 * Playlists as main reports them: the summaries for the sidebar (kept fresh by onDidChangePlaylists) and
 * the one playlist that is open, with its track ids. Edits go to main, whose answer replaces the open
 * playlist; the last M3U import's missing entries are kept so the playlist view can list them.
 */
import { create } from 'zustand';
import type { M3uImport, Playlist, PlaylistFile, PlaylistSummary } from '../../../shared/domain';
import { api } from '../api';
import { attempt, notify } from './notify-store';

interface PlaylistsState {
  summaries: PlaylistSummary[];
  loaded: boolean;
  /** The playlist the playlist view shows; null when none is open. */
  openId: number | null;
  open: Playlist | null;
  /** Entries of the last imported file that are not in the library, for that playlist's view. */
  lastImport: { playlistId: number; missing: string[] } | null;
}

export const usePlaylistsStore = create<PlaylistsState>(() => ({ summaries: [], loaded: false, openId: null, open: null, lastImport: null }));

export function applySummaries(summaries: PlaylistSummary[]): void {
  const { openId, open } = usePlaylistsStore.getState();
  usePlaylistsStore.setState({ summaries, loaded: true });
  if (openId === null) return;
  const summary = summaries.find((s) => s.id === openId);
  // Deleted elsewhere (another window): close it. Changed elsewhere: refetch its tracks.
  if (!summary) usePlaylistsStore.setState({ openId: null, open: null });
  else if (!open || summary.updatedAt !== open.updatedAt || summary.trackCount !== open.trackCount || summary.name !== open.name) void loadOpen();
}

export async function loadPlaylists(): Promise<void> {
  const summaries = await attempt(() => api.playlists.listPlaylists(), 'Loading playlists failed');
  if (summaries) applySummaries(summaries);
}

let openRequest = 0;

async function loadOpen(): Promise<void> {
  const id = usePlaylistsStore.getState().openId;
  if (id === null) return;
  const request = ++openRequest;
  const playlist = await attempt(() => api.playlists.getPlaylist(id), 'Loading the playlist failed');
  if (request !== openRequest || usePlaylistsStore.getState().openId !== id) return;
  usePlaylistsStore.setState(playlist ? { open: playlist } : { openId: null, open: null });
}

/** Opens a playlist in the playlist view (the caller switches the view). */
export function openPlaylist(playlistId: number): void {
  const { open } = usePlaylistsStore.getState();
  usePlaylistsStore.setState({ openId: playlistId, open: open?.id === playlistId ? open : null });
  void loadOpen();
}

/** Takes main's answer to an edit as the open playlist when it is the one open. */
function applyPlaylist(playlist: Playlist): void {
  if (usePlaylistsStore.getState().openId === playlist.id) {
    openRequest++; // an older load in flight must not overwrite this answer
    usePlaylistsStore.setState({ open: playlist });
  }
}

/** Creates a playlist; resolves to it, or undefined after a toast. */
export async function createPlaylist(name: string, trackIds: number[] = []): Promise<Playlist | undefined> {
  const playlist = await attempt(() => api.playlists.createPlaylist(name, trackIds), 'Could not create the playlist');
  if (playlist) await loadPlaylists();
  return playlist;
}

export async function renamePlaylist(playlistId: number, name: string): Promise<void> {
  const playlist = await attempt(() => api.playlists.renamePlaylist(playlistId, name), 'Could not rename the playlist');
  if (playlist) applyPlaylist(playlist);
}

/** Replaces the open playlist's tracks (reorder, remove). Shows the new order at once; main's answer confirms it. */
export async function setPlaylistTracks(playlistId: number, trackIds: number[]): Promise<void> {
  const { open } = usePlaylistsStore.getState();
  if (open?.id === playlistId) usePlaylistsStore.setState({ open: { ...open, trackIds } });
  const playlist = await attempt(() => api.playlists.setPlaylistTracks(playlistId, trackIds), 'Could not change the playlist');
  if (playlist) applyPlaylist(playlist);
  else await loadOpen(); // undo the optimistic order
}

export async function addToPlaylist(playlistId: number, trackIds: number[]): Promise<void> {
  const playlist = await attempt(() => api.playlists.addToPlaylist(playlistId, trackIds), 'Could not add to the playlist');
  if (!playlist) return;
  applyPlaylist(playlist);
  notify('info', `Added ${trackIds.length === 1 ? 'the song' : `${trackIds.length} songs`} to “${playlist.name}”.`);
}

export async function deletePlaylist(playlistId: number): Promise<void> {
  const done = await attempt(() => api.playlists.deletePlaylist(playlistId).then(() => true), 'Could not delete the playlist');
  if (!done) return;
  if (usePlaylistsStore.getState().openId === playlistId) usePlaylistsStore.setState({ openId: null, open: null });
  await loadPlaylists();
}

export async function saveQueueAsPlaylist(name: string): Promise<Playlist | undefined> {
  const playlist = await attempt(() => api.playlists.saveQueueAsPlaylist(name), 'Could not save the queue');
  if (playlist) await loadPlaylists();
  return playlist;
}

/**
 * Imports the M3U file the user picked: in a browser its name and text (read by the page), in the
 * desktop app main's own open dialog. Null when the dialog was cancelled; throws (for the dialog to
 * show inline) when the file is not a playlist.
 */
export async function importM3u(file: PlaylistFile | 'dialog'): Promise<M3uImport | null> {
  const result = file === 'dialog' ? await api.desktop.importM3uWithDialog() : await api.playlists.importM3u(file);
  if (!result) return null;
  usePlaylistsStore.setState({ lastImport: { playlistId: result.playlist.id, missing: result.missing } });
  await loadPlaylists();
  return result;
}

export function dismissImportReport(): void {
  usePlaylistsStore.setState({ lastImport: null });
}

export const usePlaylistSummaries = (): PlaylistSummary[] => usePlaylistsStore((s) => s.summaries);
export const useOpenPlaylistId = (): number | null => usePlaylistsStore((s) => s.openId);
export const useOpenPlaylist = (): Playlist | null => usePlaylistsStore((s) => s.open);
export const useImportReport = (playlistId: number | null): string[] | null =>
  usePlaylistsStore((s) => (s.lastImport && s.lastImport.playlistId === playlistId ? s.lastImport.missing : null));
