/**
 * The sonic map: fetched from main on first view, refetched (debounced) when an analysis run ends, with
 * what drawing and hovering need (colours, legend, the bucket grid) worked out once per fetch, not per frame.
 */
import { create } from 'zustand';
import type { SonicMap } from '../../../shared/domain';
import { api, asSoundlikeError } from '../api';
import { buildGrid, colourByTag, type Colouring, type PointGrid } from '../lib/sonic-map';

export interface MapModel {
  map: SonicMap;
  colouring: Colouring;
  grid: PointGrid;
  /** trackId -> index into map.points. */
  indexOf: Map<number, number>;
}

export type MapStatus =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; model: MapModel }
  /** No model, nothing analysed, or no points: what is needed, in words. */
  | { kind: 'unavailable'; needs: 'model' | 'analysis'; message: string; hint: string | null }
  | { kind: 'error'; message: string; hint: string | null };

interface MapState {
  status: MapStatus;
}

export const useMapStore = create<MapState>(() => ({ status: { kind: 'idle' } }));

const NO_POINTS_MESSAGE = 'No songs have been analysed yet.';
const NO_POINTS_HINT = 'The map shows every analysed song. Add a music folder and let the analysis run (see the sidebar); the map fills in when it is done.';
/** Analysis ends in bursts (one run per batch of new files): wait for the dust to settle. */
const REFRESH_DEBOUNCE_MS = 1500;

export function modelOf(map: SonicMap): MapModel {
  return {
    map,
    colouring: colourByTag(map.points, map.colourClasses),
    grid: buildGrid(map.points),
    indexOf: new Map(map.points.map((p, i) => [p.trackId, i])),
  };
}

let request = 0;

/** Fetches the map; a refetch keeps the old map on screen until the new one is in. */
export async function loadMap(): Promise<void> {
  const mine = ++request;
  if (useMapStore.getState().status.kind !== 'ready') useMapStore.setState({ status: { kind: 'loading' } });
  let status: MapStatus;
  try {
    const map = await api.radio.getSonicMap();
    status = map.points.length === 0
      ? { kind: 'unavailable', needs: 'analysis', message: NO_POINTS_MESSAGE, hint: NO_POINTS_HINT }
      : { kind: 'ready', model: modelOf(map) };
  } catch (err) {
    const e = asSoundlikeError(err);
    const hint = e.hint ?? null;
    if (e.code === 'MODEL_UNAVAILABLE') status = { kind: 'unavailable', needs: 'model', message: e.message, hint };
    else if (e.code === 'NOT_ANALYSED') status = { kind: 'unavailable', needs: 'analysis', message: e.message, hint };
    else status = { kind: 'error', message: e.message, hint };
  }
  if (mine === request) useMapStore.setState({ status });
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** After an analysis run: refetch once things are quiet, but only if the map was ever looked at. */
export function scheduleMapRefresh(): void {
  if (useMapStore.getState().status.kind === 'idle') return;
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void loadMap();
  }, REFRESH_DEBOUNCE_MS);
}

/** First view: fetch. Later views show what is there (refreshes follow analysis). */
export function ensureMap(): void {
  const { kind } = useMapStore.getState().status;
  if (kind === 'idle' || kind === 'error' || kind === 'unavailable') void loadMap();
}

export const useMapStatus = (): MapStatus => useMapStore((s) => s.status);
