/**
 * Sound analysis as main reports it: the status (counts, model, CUDA), the live progress, and every
 * track's state for the library badges. Per-track events update one entry of the Map in place and bump
 * `statesVersion`, so a big library is never copied or refetched per event; selectors read one entry,
 * so only the row whose state changed re-renders. A full reload happens at start-up, after a run ends
 * and when the analysis settings change (all results may then be stale).
 */
import { create } from 'zustand';
import type { AnalysisProgress, AnalysisStatus, TrackAnalysisState } from '../../../shared/domain';
import { api } from '../api';
import { attempt } from './notify-store';

interface AnalysisState {
  status: AnalysisStatus | null;
  progress: AnalysisProgress | null;
  states: Map<number, TrackAnalysisState>;
  statesVersion: number;
}

export const useAnalysisStore = create<AnalysisState>(() => ({ status: null, progress: null, states: new Map(), statesVersion: 0 }));

export function applyStatus(status: AnalysisStatus): void {
  useAnalysisStore.setState({ status, progress: status.progress });
}

export async function loadAnalysisStatus(): Promise<void> {
  const status = await attempt(() => api.analysis.getAnalysisStatus(), 'Loading the analysis status failed');
  if (status) applyStatus(status);
}

let statesRequest = 0;

export async function loadTrackStates(): Promise<void> {
  const request = ++statesRequest;
  const list = await attempt(() => api.analysis.listTrackAnalysis());
  if (!list || request !== statesRequest) return;
  useAnalysisStore.setState((s) => ({ states: new Map(list.map((t) => [t.trackId, t])), statesVersion: s.statesVersion + 1 }));
}

export function handleAnalysisProgress(progress: AnalysisProgress): void {
  useAnalysisStore.setState({ progress });
  // Counts change at the ends of a run; the model appears once a run has loaded it.
  const modelUnknown = useAnalysisStore.getState().status?.model == null;
  if (progress.final || (progress.phase === 'analysing' && modelUnknown)) void loadAnalysisStatus();
  if (progress.final) void loadTrackStates();
}

export function handleTrackAnalysed(state: TrackAnalysisState): void {
  const { states } = useAnalysisStore.getState();
  states.set(state.trackId, state);
  useAnalysisStore.setState((s) => ({ statesVersion: s.statesVersion + 1 }));
}

export async function pauseAnalysis(): Promise<void> {
  const status = await attempt(() => api.analysis.pauseAnalysis(), 'Could not pause the analysis');
  if (status) applyStatus(status);
}

export async function resumeAnalysis(): Promise<void> {
  const status = await attempt(() => api.analysis.startAnalysis(), 'Could not start the analysis');
  if (status) applyStatus(status);
}

export function trackAnalysis(trackId: number): TrackAnalysisState | undefined {
  return useAnalysisStore.getState().states.get(trackId);
}

export const useAnalysisStatus = (): AnalysisStatus | null => useAnalysisStore((s) => s.status);
export const useAnalysisProgress = (): AnalysisProgress | null => useAnalysisStore((s) => s.progress);
/** One track's state; re-renders only when that entry changes. */
export const useTrackAnalysis = (trackId: number): TrackAnalysisState | undefined =>
  useAnalysisStore((s) => s.states.get(trackId));
