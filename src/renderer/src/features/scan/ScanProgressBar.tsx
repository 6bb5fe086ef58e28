/** Visible while a scan runs (phase, counts, current file); after the final tick it shows a short summary, then hides. */
import { plural } from '../../lib/format';
import { useScanProgress, useScanVisible } from '../../stores/scan-store';

const PHASE_TEXT = { idle: 'Waiting', listing: 'Looking for files', reading: 'Reading tags', done: 'Finished' } as const;

export function ScanProgressBar() {
  const visible = useScanVisible();
  const p = useScanProgress();
  if (!visible || !p) return null;
  const finished = p.final;
  const pct = p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
  const counts = `${p.added} added · ${p.updated} updated · ${p.removed} removed · ${p.failed} failed`;
  return (
    <div className={`scan-progress ${finished ? 'finished' : ''}`} data-testid="scan-progress" role="status"
      aria-live="polite" data-phase={p.phase} data-final={finished ? 'true' : 'false'}>
      <div className="scan-line">
        <strong>{finished ? 'Scan finished' : PHASE_TEXT[p.phase]}</strong>
        {p.total > 0 ? <span data-testid="scan-count">{p.done.toLocaleString('en-US')} / {plural(p.total, 'file')}</span> : null}
        <span className="scan-counts" data-testid="scan-counts">{counts}</span>
        {!finished && p.currentPath ? <span className="scan-current mono start-ellipsis" title={p.currentPath}><bdi>{p.currentPath}</bdi></span> : null}
      </div>
      <div className={`progress ${p.total === 0 && !finished ? 'indeterminate' : ''}`}
        role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={finished ? 100 : pct}>
        <div className="progress-fill" style={{ width: `${finished ? 100 : pct}%` }} />
      </div>
    </div>
  );
}
