/**
 * The library as main reports it: tracks (with their search haystacks and sort keys, built once per
 * load), folders and scan failures. Refetches tracks when onDidChangeTracks announces a newer version.
 */
import { create } from 'zustand';
import type { MusicFolder, ScanFailure, Track } from '../../../shared/domain';
import { api } from '../api';
import { buildHaystack } from '../lib/search';
import { sortKeysFor, type SortKeys } from '../lib/sort';
import { attempt } from './notify-store';

interface LibraryState {
  tracks: Track[];
  byId: Map<number, Track>;
  haystacks: string[];
  sortKeys: SortKeys;
  /** Library version of `tracks`; -1 before the first load. */
  version: number;
  tracksLoaded: boolean;
  folders: MusicFolder[];
  foldersLoaded: boolean;
  failures: ScanFailure[];
}

export const useLibraryStore = create<LibraryState>(() => ({
  tracks: [],
  byId: new Map(),
  haystacks: [],
  sortKeys: sortKeysFor([]),
  version: -1,
  tracksLoaded: false,
  folders: [],
  foldersLoaded: false,
  failures: [],
}));

let tracksRequest = 0;

/** Loads every track and rebuilds the derived search/sort data in one pass. */
export async function loadTracks(version?: number): Promise<void> {
  const request = ++tracksRequest;
  const tracks = await attempt(() => api.library.listTracks(), 'Loading the library failed');
  // A later refetch may have overtaken this one; keep only the newest answer.
  if (!tracks || request !== tracksRequest) return;
  useLibraryStore.setState((s) => ({
    tracks,
    byId: new Map(tracks.map((t) => [t.id, t])),
    haystacks: tracks.map(buildHaystack),
    sortKeys: sortKeysFor(tracks),
    version: version ?? s.version,
    tracksLoaded: true,
  }));
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
export const useTrack = (id: number | null): Track | undefined =>
  useLibraryStore((s) => (id === null ? undefined : s.byId.get(id)));
export const useFolders = (): MusicFolder[] => useLibraryStore((s) => s.folders);
export const useFailures = (): ScanFailure[] => useLibraryStore((s) => s.failures);
