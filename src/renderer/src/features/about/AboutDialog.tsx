/**
 * The About box: version and licence, the sound model and the licences of the data it learned from,
 * the demo library's licence and the open-source components the app ships (issue 13, item 6).
 */
import { useEffect, useRef } from 'react';
import type { AboutInfo, LicensedSource } from '../../../../shared/domain';
import { closeAbout, useAbout, useAboutOpen } from '../../stores/about-store';
import './about.css';

function TrainingTable({ sources }: { sources: LicensedSource[] }) {
  return (
    <table className="about-table" data-testid="about-training">
      <thead><tr><th>Source</th><th>Used to</th><th>Licences</th></tr></thead>
      <tbody>
        {sources.map((s) => (
          <tr key={s.name}>
            <td><span className="mono">{s.name}</span><span className="muted small about-kind">{s.kind}</span></td>
            <td>{s.role}</td>
            <td>{s.licences.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AboutBody({ about }: { about: AboutInfo }) {
  return (
    <div className="about-body">
      <p data-testid="about-summary">
        <strong>{about.name} {about.version}</strong> · {about.licence} licence · {about.copyright}
      </p>
      <h3>The sound model</h3>
      <p><span className="mono" data-testid="about-model">{about.model.id}</span> <span className="muted">(trained {about.model.created.slice(0, 10)})</span></p>
      <p className="muted small">{about.model.note}</p>
      <TrainingTable sources={about.trainingData} />
      <h3>The demo library</h3>
      <p data-testid="about-demo"><strong>{about.demoLibrary.licence}</strong>. {about.demoLibrary.summary}</p>
      <h3>Open-source components</h3>
      <table className="about-table" data-testid="about-components">
        <thead><tr><th>Component</th><th>Licence</th><th>In Soundlike</th></tr></thead>
        <tbody>
          {about.components.map((c) => (
            <tr key={c.name}><td><span className="mono">{c.name}</span> <span className="muted small">{c.version}</span></td><td>{c.licence}</td><td>{c.role}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AboutDialog() {
  const open = useAboutOpen();
  const about = useAbout();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      // Captured first, so Escape closes this box rather than reaching the player's shortcuts.
      e.stopPropagation();
      closeAbout();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" role="presentation" onClick={closeAbout}>
      <div className="dialog about-dialog" role="dialog" aria-modal="true" aria-labelledby="about-title" data-testid="about"
        onClick={(e) => e.stopPropagation()}>
        <h2 id="about-title">About Soundlike</h2>
        {about ? <AboutBody about={about} /> : <p className="muted">Loading…</p>}
        <button ref={closeButton} type="button" className="btn" data-testid="about-close" onClick={closeAbout}>Close</button>
      </div>
    </div>
  );
}
