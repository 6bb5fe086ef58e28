/** What the colours mean (the tag group's labels, most common first) and how to read the map. */
import type { MapModel } from '../../stores/map-store';

export function MapLegend({ model, onHighlight, pathLength, sonicPathSteps = null }: { model: MapModel; onHighlight: (colour: number | null) => void; pathLength: number; sonicPathSteps?: number | null }) {
  const { legend, colours } = model.colouring;
  return (
    <aside className="map-legend" aria-label="Legend" data-testid="map-legend">
      <h3>{model.map.colourGroup ? `Colour: ${model.map.colourGroup}` : 'Not coloured'}</h3>
      {model.map.colourGroup ? (
        <ul>
          {legend.map((entry) => (
            <li key={entry.label} onMouseEnter={() => onHighlight(colours.indexOf(entry.colour))} onMouseLeave={() => onHighlight(null)}
              data-testid="map-legend-entry">
              <span className="swatch" style={{ background: entry.colour }} />
              <span className="legend-label">{entry.label}</span>
              <span className="legend-count">{entry.count.toLocaleString('en-US')}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small" data-testid="map-uncoloured">
          No tag of this sound model is right often enough on real music to colour the map by it.
        </p>
      )}
      <p className="muted small">Songs that sound alike lie close together. Hover a dot to see the song; click it to play it, start a radio from it, or walk a sonic path from or to it. Scroll to zoom, drag to move.</p>
      {pathLength > 0 && sonicPathSteps !== null ? (
        <p className="muted small legend-path" data-testid="legend-sonic-path"><span className="path-swatch" /> The sonic path in your queue: from its start (white ring) through {sonicPathSteps} songs to its end (double ring), numbered by their place in the queue.</p>
      ) : pathLength > 0 ? (
        <p className="muted small legend-path"><span className="path-swatch" /> The radio in your queue: its seed songs (white rings), then its {pathLength} picks, numbered by their place in the queue.</p>
      ) : null}
    </aside>
  );
}
