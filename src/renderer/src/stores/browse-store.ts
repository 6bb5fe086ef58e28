/**
 * What the library view shows: the sort, the search query and the resulting row order, plus the selected
 * row. Sorting runs only when the tracks or the sort change; typing only re-filters, and when the new
 * query narrows the old one it filters the previous result instead of the whole library.
 */
import { create } from 'zustand';
import { filterOrder, isRefinement, parseQuery } from '../lib/search';
import { clickSelection, EMPTY_SELECTION, selectedInOrder, single, type ClickMods, type Selection } from '../lib/selection';
import { DEFAULT_SORT, nextSort, sortOrder, type SortColumn, type SortSpec } from '../lib/sort';
import { useLibraryStore } from './library-store';

interface BrowseState {
  query: string;
  terms: string[];
  sort: SortSpec;
  /** Indices into the library's track array, sorted, before filtering. */
  order: number[];
  /** `order` filtered by the query: the rows on screen. */
  visible: number[];
  /** The focused row: the last one clicked (what Enter plays and the details card shows). */
  selectedTrackId: number | null;
  /** Every selected row (Ctrl/⌘-click and Shift-click select several). */
  selection: Selection;
  /** Bumped to ask the table to scroll the selected row into view. */
  revealRequest: number;
}

export const useBrowseStore = create<BrowseState>(() => ({
  query: '',
  terms: [],
  sort: DEFAULT_SORT,
  order: [],
  visible: [],
  selectedTrackId: null,
  selection: EMPTY_SELECTION,
  revealRequest: 0,
}));

function resort(): void {
  const { tracks, sortKeys, haystacks } = useLibraryStore.getState();
  const { sort, terms } = useBrowseStore.getState();
  const order = sortOrder(tracks, sortKeys, sort);
  useBrowseStore.setState({ order, visible: filterOrder(order, haystacks, terms) });
}

// Re-derive rows whenever a new track list arrives (load, rescan, watcher).
useLibraryStore.subscribe((state, prev) => {
  if (state.tracks !== prev.tracks) resort();
});

export function setQuery(query: string): void {
  const { terms: prevTerms, order, visible } = useBrowseStore.getState();
  const terms = parseQuery(query);
  const same = terms.length === prevTerms.length && terms.every((t, i) => t === prevTerms[i]);
  if (same) {
    useBrowseStore.setState({ query });
    return;
  }
  const { haystacks } = useLibraryStore.getState();
  const base = isRefinement(prevTerms, terms) ? visible : order;
  useBrowseStore.setState({ query, terms, visible: filterOrder(base, haystacks, terms) });
}

export function sortBy(column: SortColumn): void {
  useBrowseStore.setState((s) => ({ sort: nextSort(s.sort, column) }));
  resort();
}

export function selectTrack(trackId: number | null): void {
  useBrowseStore.setState({ selectedTrackId: trackId, selection: single(trackId) });
}

/** A click on a row, with Ctrl/⌘ (toggle) or Shift (range) held or not. */
export function clickTrack(trackId: number, mods: ClickMods): void {
  const selection = clickSelection(useBrowseStore.getState().selection, trackId, visibleTrackIds(), mods);
  useBrowseStore.setState({ selection, selectedTrackId: selection.focus });
}

/** Right-click keeps a multi-selection that holds the row (its menu acts on all of them), else selects it. */
export function selectForMenu(trackId: number): void {
  if (!useBrowseStore.getState().selection.ids.has(trackId)) selectTrack(trackId);
}

/** The selected track ids in row order. */
export function selectedTrackIds(): number[] {
  return selectedInOrder(useBrowseStore.getState().selection, visibleTrackIds());
}

/** Selects a track and scrolls the table to it (e.g. clicking the playing title). */
export function revealTrack(trackId: number): void {
  useBrowseStore.setState((s) => ({ selectedTrackId: trackId, selection: single(trackId), revealRequest: s.revealRequest + 1 }));
}

/** Track ids of the rows on screen, in their current order (what "play" queues). */
export function visibleTrackIds(): number[] {
  const { tracks } = useLibraryStore.getState();
  return useBrowseStore.getState().visible.map((i) => tracks[i].id);
}

export const useQuery = (): string => useBrowseStore((s) => s.query);
export const useSort = (): SortSpec => useBrowseStore((s) => s.sort);
export const useVisibleRows = (): number[] => useBrowseStore((s) => s.visible);
export const useSelectedTrackId = (): number | null => useBrowseStore((s) => s.selectedTrackId);
export const useSelectedIds = (): ReadonlySet<number> => useBrowseStore((s) => s.selection.ids);
export const useSelectionSize = (): number => useBrowseStore((s) => s.selection.ids.size);
