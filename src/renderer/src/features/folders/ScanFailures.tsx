/** Files the last scans could not read, with the reason, so the user can fix or ignore them. */
import { useFailures } from '../../stores/library-store';

/** Long failure lists are capped; the rest are counted. */
const MAX_SHOWN = 200;

export function ScanFailures() {
  const failures = useFailures();
  if (failures.length === 0) return null;
  return (
    <section className="panel-section">
      <h3>Files that could not be read ({failures.length.toLocaleString('en-US')})</h3>
      <p className="muted">These are skipped until they change. Damaged or unsupported files usually need re-ripping or converting.</p>
      <ul className="failures">
        {failures.slice(0, MAX_SHOWN).map((f) => (
          <li key={f.path} className="scan-failure" data-testid="scan-failure">
            <span className="failure-path start-ellipsis" title={f.path}><bdi>{f.path}</bdi></span>
            <span className="failure-reason">{f.reason}</span>
          </li>
        ))}
      </ul>
      {failures.length > MAX_SHOWN ? <p className="muted">…and {failures.length - MAX_SHOWN} more.</p> : null}
    </section>
  );
}
