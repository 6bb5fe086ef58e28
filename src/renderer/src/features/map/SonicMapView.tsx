/**
 * The sonic map view: every analysed song as a dot, placed so that songs that sound alike lie close,
 * coloured by tag; or, until there is something to draw, what is needed for it.
 */
import { useEffect } from 'react';
import { Icon } from '../../elements/Icon';
import { plural } from '../../lib/format';
import { useAnalysisProgress } from '../../stores/analysis-store';
import { ensureMap, loadMap, useMapStatus } from '../../stores/map-store';
import { MapCanvas } from './MapCanvas';
import { PathStatus } from './PathStatus';
import './map.css';

function AnalysisLine() {
  const progress = useAnalysisProgress();
  if (!progress || progress.final || progress.total === 0 || (progress.phase !== 'analysing' && progress.phase !== 'starting')) return null;
  return (
    <p className="muted" data-testid="map-analysing">
      Analysing now: {progress.done.toLocaleString('en-US')} of {plural(progress.total, 'song')}. The map refreshes by itself when it is done.
    </p>
  );
}

export function SonicMapView() {
  const status = useMapStatus();
  useEffect(() => ensureMap(), []);

  const model = status.kind === 'ready' ? status.model : null;
  let body;
  if (model) body = <MapCanvas model={model} />;
  else if (status.kind === 'unavailable' || status.kind === 'error') {
    body = (
      <div className="empty-state map-empty" data-testid="sonic-map-empty">
        <Icon name="similar" size={32} />
        <h2>{status.kind === 'error' ? 'The map could not be drawn'
          : status.needs === 'model' ? 'The sonic map needs the sound model' : 'The sonic map needs analysed songs'}</h2>
        <p>{status.message}</p>
        {status.hint ? <p className="hint">{status.hint}</p> : null}
        <AnalysisLine />
        <button type="button" className="btn" onClick={() => void loadMap()}>Try again</button>
      </div>
    );
  } else body = <div className="placeholder">Drawing the map…</div>;

  return (
    <section className="map-view" aria-label="Sonic map" data-testid="sonic-map" data-state={status.kind}
      data-point-count={model ? model.map.points.length : 0}>
      <div className="toolbar map-toolbar">
        <h2>Sonic map</h2>
        {model ? (
          <span className="muted small map-facts" title={model.map.method}>
            {plural(model.map.points.length, 'song')} · the two axes show {Math.round(model.map.explainedVariance * 100)}% of how the songs differ
          </span>
        ) : <span className="muted small map-facts" />}
        <PathStatus />
        <button type="button" className="icon-btn small" title="Redraw the map" aria-label="Redraw the map" data-testid="map-refresh"
          onClick={() => void loadMap()}>
          <Icon name="refresh" size={15} />
        </button>
      </div>
      {body}
    </section>
  );
}
