/** Words for the sound analysis: the progress line, the rate and time left, a track's badge. */
import type { AnalysisCounts, AnalysisProgress, TrackAnalysisState } from '../../../shared/domain';
import { formatClock, plural } from './format';

/** True while a run is working (not idle, paused, finished or failed). */
export function isRunning(p: AnalysisProgress | null): boolean {
  return p !== null && (p.phase === 'starting' || p.phase === 'analysing') && !p.final;
}

/** "2.6 tracks/s", or "14 s per track" when slower than one a second. */
export function formatRate(tracksPerSec: number): string {
  if (!(tracksPerSec > 0)) return '';
  if (tracksPerSec >= 1) return `${tracksPerSec.toFixed(1)} tracks/s`;
  return `${Math.round(1 / tracksPerSec)} s per track`;
}

/** "3:05 left" (m:ss; h:mm:ss past an hour), or '' while there is no rate yet. */
export function formatEta(etaSec: number | null): string {
  return etaSec === null || !Number.isFinite(etaSec) ? '' : `${formatClock(etaSec)} left`;
}

/**
 * The detail line's tooltip while a run goes: what the rate and the time left are measured from, so a
 * number that moves is understood (it is the recent rate, by audio, not an average since the start).
 */
export function analysisRateTip(p: AnalysisProgress | null): string {
  if (!p || !isRunning(p) || !(p.tracksPerSec > 0)) return '';
  const speed = p.realtimeX > 0 ? `${Math.round(p.realtimeX).toLocaleString('en-US')}× faster than real time, ` : '';
  return `Analysing ${speed}measured over the last few tracks; the time left is the audio still to analyse at that speed.`;
}

/** The one-line headline of the indicator. */
export function analysisHeadline(p: AnalysisProgress | null, counts: AnalysisCounts | null): string {
  const phase = p?.phase ?? 'idle';
  switch (phase) {
    case 'starting':
      return 'Loading the sound model…';
    case 'analysing':
      return 'Analysing your music';
    case 'paused':
      return 'Analysis paused';
    case 'error':
      return 'Analysis stopped';
    default:
      if (counts && counts.total > 0 && counts.pending === 0) return `All ${plural(counts.total, 'track')} analysed`;
      if (counts && counts.total === 0) return 'Nothing to analyse yet';
      return 'Sound analysis';
  }
}

/** The counts line under the headline. */
export function analysisDetail(p: AnalysisProgress | null, counts: AnalysisCounts | null): string {
  if (p && isRunning(p) && p.total > 0) {
    return [`${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')}`, formatRate(p.tracksPerSec), formatEta(p.etaSec)]
      .filter(Boolean).join(' · ');
  }
  if (!counts) return '';
  const parts = [`${counts.done.toLocaleString('en-US')} of ${plural(counts.total, 'track')} analysed`];
  if (counts.pending > 0) parts.push(`${counts.pending.toLocaleString('en-US')} waiting`);
  return parts.join(' · ');
}

/** Why tracks analysed before are waiting again (a model update or a new step), or '' when none are. */
export function analysisNote(counts: AnalysisCounts | null): string {
  if (!counts || counts.outdated <= 0) return '';
  return `${plural(counts.outdated, 'track')} analysed with an earlier sound model or fragment step `
    + `${counts.outdated === 1 ? 'is' : 'are'} being analysed again; radios use the tracks already redone.`;
}

/** Failed tracks: of this run while it runs, else of the library. */
export function failedCount(p: AnalysisProgress | null, counts: AnalysisCounts | null): number {
  return p && isRunning(p) ? p.failed : (counts?.failed ?? p?.failed ?? 0);
}

/** The 0..100 fill of the bar. */
export function analysisPercent(p: AnalysisProgress | null, counts: AnalysisCounts | null): number {
  if (p && isRunning(p) && p.total > 0) return Math.min(100, (p.done / p.total) * 100);
  if (counts && counts.total > 0) return Math.min(100, ((counts.done + counts.failed) / counts.total) * 100);
  return 0;
}

export interface Badge {
  status: TrackAnalysisState['status'];
  /** Short text for screen readers. */
  label: string;
  tip: string;
}

/** A library row's badge; a track main has not reported yet is pending. */
export function analysisBadge(state: TrackAnalysisState | undefined): Badge {
  if (!state || state.status === 'pending') {
    return { status: 'pending', label: 'Not analysed yet', tip: 'Not analysed yet: "play similar" will listen to it first.' };
  }
  if (state.status === 'done') return { status: 'done', label: 'Analysed', tip: 'Analysed: ready for "play similar sounding".' };
  return { status: 'failed', label: 'Analysis failed', tip: `Analysis failed: ${state.error ?? 'no reason was given'}` };
}
