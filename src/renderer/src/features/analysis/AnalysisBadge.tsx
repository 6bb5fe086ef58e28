/** A library row's analysis state: a small mark before the title (analysed / pending / failed, why on hover). */
import { analysisBadge } from '../../lib/analysis-text';
import { useTrackAnalysis } from '../../stores/analysis-store';

export function AnalysisBadge({ trackId }: { trackId: number }) {
  const badge = analysisBadge(useTrackAnalysis(trackId));
  return (
    <span className={`analysis-badge ${badge.status}`} data-testid="analysis-badge" data-status={badge.status}
      title={badge.tip} role="img" aria-label={badge.label} />
  );
}
