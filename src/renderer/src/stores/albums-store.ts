/**
 * Browsing by album and artist: the album index (derived from the library's tracks once per track list,
 * only when a browse view asks for it) and which album or artist page is open.
 */
import { create } from 'zustand';
import { buildAlbumIndex, type AlbumIndex, type AlbumSort } from '../lib/albums';
import { useLibraryStore } from './library-store';
import { showView } from './ui-store';

interface AlbumsState {
  /** The open album page (null: the grid). */
  albumKey: string | null;
  /** The open artist page (null: the artist list). */
  artistKey: string | null;
  query: string;
  sort: AlbumSort;
}

export const useAlbumsStore = create<AlbumsState>(() => ({ albumKey: null, artistKey: null, query: '', sort: 'artist' }));

let cached: { tracks: unknown; index: AlbumIndex } | null = null;

/** The index for the current track list, built on first use after each change. */
export function albumIndex(): AlbumIndex {
  const { tracks } = useLibraryStore.getState();
  if (cached?.tracks !== tracks) cached = { tracks, index: buildAlbumIndex(tracks) };
  return cached.index;
}

/** Re-renders with the new index when the tracks change. */
export function useAlbumIndex(): AlbumIndex {
  useLibraryStore((s) => s.tracks);
  return albumIndex();
}

/** Shows the album's page (null: the grid, as the sidebar's "Albums" does). */
export function openAlbum(key: string | null): void {
  useAlbumsStore.setState({ albumKey: key });
  showView('albums');
}

/** Shows the artist's page (null: the list of artists). */
export function openArtist(key: string | null): void {
  useAlbumsStore.setState({ artistKey: key });
  showView('artists');
}

/** The album of a track (the library's album cell); false when it has none. */
export function openAlbumOfTrack(trackId: number): boolean {
  const key = albumIndex().albumOfTrack.get(trackId);
  if (key) openAlbum(key);
  return Boolean(key);
}

export const setAlbumQuery = (query: string): void => useAlbumsStore.setState({ query });
export const setAlbumSort = (sort: AlbumSort): void => useAlbumsStore.setState({ sort });

export const useOpenAlbumKey = (): string | null => useAlbumsStore((s) => s.albumKey);
export const useOpenArtistKey = (): string | null => useAlbumsStore((s) => s.artistKey);
export const useAlbumQuery = (): string => useAlbumsStore((s) => s.query);
export const useAlbumSort = (): AlbumSort => useAlbumsStore((s) => s.sort);
