/**
 * The library as main reports it: tracks (with their search haystacks and sort keys, built once per
 * load), folders and scan failures. Refetches tracks when onDidChangeTracks announces a newer version.
 */
import { create } from 'zustand';
import type { TrackPage } from '../../../shared/contract';
import type { MusicFolder, ScanFailure, Track } from '../../../shared/domain';
import { api } from '../api';
import { buildHaystack } from '../lib/search';
import { sortKeysFor, type SortKeys } from '../lib/sort';
import { attempt } from './notify-store';

interface LibraryState {
  tracks: Track[];
  byId: Map<number, Track>;
  haystacks: string[];
  /** durationSec per track (0 when unknown), aligned with `tracks`: totals over 50,000 rows in a tight loop. */
  durations: Float64Array;
  sortKeys: SortKeys;
  /** Library version of `tracks`; -1 before the first load. */
  version: number;
  /**
   * The whole list has arrived. Before that `tracks` may hold just the first page (the library view paints
   * it); views that need every track (albums, playlists) wait for this.
   */
  tracksLoaded: boolean;
  /** The library's size: tracks.length once loaded, the server's count while only the first page is in. */
  totalTracks: number;
  folders: MusicFolder[];
  foldersLoaded: boolean;
  failures: ScanFailure[];
}

export const useLibraryStore = create<LibraryState>(() => ({
  tracks: [],
  byId: new Map(),
  haystacks: [],
  durations: new Float64Array(0),
  sortKeys: sortKeysFor([]),
  version: -1,
  tracksLoaded: false,
  totalTracks: 0,
  folders: [],
  foldersLoaded: false,
  failures: [],
}));

let tracksRequest = 0;

/**
 * The first page: a tall window's screenful (~30 rows) plus the list's overscan, small enough to arrive and
 * paint at once from a 50,000-track library.
 */
export const FIRST_PAGE_SIZE = 100;

/** The derived search/sort data for a track list, built in one pass. */
function derived(tracks: Track[]): Pick<LibraryState, 'tracks' | 'byId' | 'haystacks' | 'durations' | 'sortKeys'> {
  return {
    tracks, byId: new Map(tracks.map((t) => [t.id, t])), haystacks: tracks.map(buildHaystack),
    durations: Float64Array.from(tracks, (t) => t.durationSec ?? 0), sortKeys: sortKeysFor(tracks),
  };
}

/**
 * Loads every track. On the first load it first fetches the first page (already in the default order), so
 * the view paints its first screen while the whole list is still on its way; a refetch keeps showing the
 * previous complete list instead. The page goes first, not alongside: main answers requests in turn, and
 * writing out 50,000 tracks would hold the page (and every other startup request) back by a second.
 */
export async function loadTracks(version?: number): Promise<void> {
  const request = ++tracksRequest;
  if (!useLibraryStore.getState().tracksLoaded) await showFirstPage(request);
  const tracks = await attempt(() => api.library.listTracks(), 'Loading the library failed');
  // A later refetch may have overtaken this one; keep only the newest answer.
  if (!tracks || request !== tracksRequest) return;
  useLibraryStore.setState((s) => ({
    ...derived(tracks),
    version: version ?? s.version,
    tracksLoaded: true,
    totalTracks: tracks.length,
  }));
}

let firstPage: Promise<TrackPage | null> | null = null;

/**
 * Starts fetching the first page now. The renderer entry calls it before React's first render, so the
 * request overlaps that render instead of waiting for the start-up effect after it; loadTracks takes it up.
 */
export function prefetchFirstPage(): void {
  // Quietly: if the page fails, the whole list (and its error message) follows anyway.
  firstPage ??= api.library.listTrackPage({ offset: 0, limit: FIRST_PAGE_SIZE }).catch(() => null);
}

async function showFirstPage(request: number): Promise<void> {
  prefetchFirstPage();
  const pending = firstPage;
  firstPage = null; // used once: a later load (after a reconnect) asks again
  const page = await pending;
  if (!page || request !== tracksRequest || useLibraryStore.getState().tracksLoaded) return;
  useLibraryStore.setState({ ...derived(page.tracks), totalTracks: page.total });
}

export function handleTracksChanged(version: number): void {
  if (version > useLibraryStore.getState().version) void loadTracks(version);
}

export async function loadFolders(): Promise<void> {
  const folders = await attempt(() => api.library.listFolders(), 'Loading folders failed');
  if (folders) setFolders(folders);
}

export function setFolders(folders: MusicFolder[]): void {
  useLibraryStore.setState({ folders, foldersLoaded: true });
}

export async function loadFailures(): Promise<void> {
  const failures = await attempt(() => api.library.listScanFailures());
  if (failures) useLibraryStore.setState({ failures });
}

/** Adds a folder; throws so the form can show the error (with its hint) next to the input. */
export async function addFolder(path: string): Promise<MusicFolder> {
  const folder = await api.library.addFolder(path);
  await loadFolders();
  return folder;
}

export async function removeFolder(folderId: number): Promise<void> {
  await attempt(() => api.library.removeFolder(folderId), 'Removing the folder failed');
  await loadFolders();
}

/** Rescans one folder or all; resolves when the scan is over. */
export async function rescan(folderId?: number): Promise<void> {
  await attempt(() => api.library.rescan(folderId), 'The rescan failed');
  await Promise.all([loadFolders(), loadFailures()]);
}

export const useTracks = (): Track[] => useLibraryStore((s) => s.tracks);
export const useDurations = (): Float64Array => useLibraryStore((s) => s.durations);
export const useTotalTracks = (): number => useLibraryStore((s) => s.totalTracks);
export const useTrack = (id: number | null): Track | undefined =>
  useLibraryStore((s) => (id === null ? undefined : s.byId.get(id)));
export const useFolders = (): MusicFolder[] => useLibraryStore((s) => s.folders);
export const useFailures = (): ScanFailure[] => useLibraryStore((s) => s.failures);
