/**
 * The global sound-analysis indicator (sidebar): phase, done/total, rate, time left, failures, and
 * pause/resume. When the run stopped on an error (e.g. no model, no ffmpeg) its message and what to do
 * are shown in full, not hidden in a tooltip.
 */
import { Icon } from '../../elements/Icon';
import { analysisDetail, analysisHeadline, analysisNote, analysisPercent, analysisRateTip, failedCount, isRunning } from '../../lib/analysis-text';
import { plural } from '../../lib/format';
import { pauseAnalysis, resumeAnalysis, useAnalysisProgress, useAnalysisStatus } from '../../stores/analysis-store';
import { showView } from '../../stores/ui-store';

export function AnalysisProgress() {
  const status = useAnalysisStatus();
  const progress = useAnalysisProgress();
  if (!status && !progress) return null;
  const counts = status?.counts ?? null;
  const phase = progress?.phase ?? 'idle';
  const running = isRunning(progress);
  const failed = failedCount(progress, counts);
  const pct = analysisPercent(progress, counts);
  const waiting = (counts?.pending ?? 0) > 0;
  const complete = !running && phase !== 'error' && counts !== null && counts.total > 0 && counts.pending === 0;
  // An empty library has nothing to report (the empty state already says to add a folder).
  if (!running && phase !== 'error' && (counts?.total ?? 0) === 0) return null;

  return (
    <section className={`analysis-progress phase-${phase} ${complete ? 'complete' : ''}`} data-testid="analysis-progress"
      data-phase={phase} data-complete={complete ? 'true' : 'false'} role="status" aria-live="polite" aria-label="Sound analysis">
      <div className="analysis-head">
        {complete ? <Icon name="check" size={14} /> : <Icon name="similar" size={14} />}
        <strong data-testid="analysis-headline">{analysisHeadline(progress, counts)}</strong>
      </div>
      {phase === 'error' ? (
        <div className="analysis-error" role="alert" data-testid="analysis-error">
          <span>{progress?.message ?? 'The analysis stopped.'}</span>
          <span className="hint">Fix that, then press Retry. Settings are under Folders &amp; settings.</span>
        </div>
      ) : null}
      <div className={`progress ${phase === 'starting' ? 'indeterminate' : ''}`} role="progressbar" aria-valuemin={0}
        aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="analysis-detail" data-testid="analysis-detail" title={analysisRateTip(progress) || undefined}>
        {/* Each part keeps together ("0:09 left" never splits over two lines in a narrow sidebar). */}
        {analysisDetail(progress, counts).split(' · ').map((part, i) => (
          <span key={i}>{i > 0 ? ' · ' : ''}<span className="nowrap">{part}</span></span>
        ))}
      </div>
      {analysisNote(counts) ? <div className="analysis-note" data-testid="analysis-note">{analysisNote(counts)}</div> : null}
      {failed > 0 ? (
        <button type="button" className="analysis-failed" data-testid="analysis-failed" onClick={() => showView('folders')}
          title="See which tracks failed and why (Folders & settings)">
          {plural(failed, 'track')} failed
        </button>
      ) : null}
      <div className="analysis-actions">
        {running ? (
          <button type="button" className="btn small" data-testid="pause-analysis" onClick={() => void pauseAnalysis()}>
            <Icon name="pause" size={12} /> Pause
          </button>
        ) : phase === 'error' || waiting || phase === 'paused' ? (
          <button type="button" className="btn small" data-testid="resume-analysis" onClick={() => void resumeAnalysis()}>
            <Icon name="play" size={12} /> {phase === 'error' ? 'Retry' : 'Resume'}
          </button>
        ) : null}
      </div>
    </section>
  );
}
