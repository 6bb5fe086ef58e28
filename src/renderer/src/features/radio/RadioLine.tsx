/**
 * Above the queue while a radio plays: what it is built from, how close it stays (the adventure control
 * re-ranks its unplayed picks), and a button to stop it extending itself.
 */
import { Icon } from '../../elements/Icon';
import { coverageText, relaxedRulesText, seedLabel } from '../../lib/radio-seed';
import { useLibraryStore } from '../../stores/library-store';
import { stopRadio, useRadioSession } from '../../stores/radio-store';
import { AdventureControl } from './AdventureControl';

export function RadioLine() {
  const session = useRadioSession();
  const byId = useLibraryStore((s) => s.byId);
  if (!session) return null;
  const label = session.seed.kind === 'liked' ? 'your liked songs'
    : session.seed.kind === 'playlist' ? 'a playlist'
      : seedLabel(session.seedTrackIds.map((id) => byId.get(id)?.title ?? `track ${id}`));
  return (
    <div className="radio-line" data-testid="radio-line">
      <Icon name="similar" size={14} />
      <span className="radio-line-text" title={`Radio: songs that sound like ${label}. It adds more as the queue runs out.`}>
        Radio · sounds like {label}
      </span>
      {coverageText(session.coverage) ? (
        <span className="radio-line-note muted small" data-testid="radio-coverage">{coverageText(session.coverage)}</span>
      ) : null}
      {session.relaxed?.length ? (
        <span className="radio-line-note muted small" data-testid="radio-relaxed" title="When the library has too few other songs, the radio relaxes its rules (the artist gap first) rather than stop.">
          {relaxedRulesText(session.relaxed)}
        </span>
      ) : null}
      <AdventureControl adventure={session.options.adventure} />
      <button type="button" className="btn small" data-testid="stop-radio" onClick={() => void stopRadio()}
        title="Stop adding songs (the queue stays)">Stop</button>
    </div>
  );
}
