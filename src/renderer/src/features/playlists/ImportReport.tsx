/** After an M3U import: the entries of the file that are not in the library, in plain words, with the list. */
import { useState } from 'react';
import { Icon } from '../../elements/Icon';
import { missingSummary } from '../../lib/playlist-edit';
import { dismissImportReport, useImportReport } from '../../stores/playlists-store';

const SHOWN = 50;

export function ImportReport({ playlistId }: { playlistId: number }) {
  const missing = useImportReport(playlistId);
  const [all, setAll] = useState(false);
  if (!missing || missing.length === 0) return null;
  const shown = all ? missing : missing.slice(0, SHOWN);
  return (
    <div className="pl-panel import-report" role="status" data-testid="import-missing">
      <div className="pl-panel-head">
        <strong><Icon name="warning" size={14} /> {missingSummary(missing.length)}</strong>
        <button type="button" className="icon-btn small" aria-label="Dismiss" onClick={dismissImportReport}><Icon name="close" size={14} /></button>
      </div>
      <ul className="missing-list">
        {shown.map((entry, i) => <li key={i} className="mono" data-testid="import-missing-entry">{entry}</li>)}
      </ul>
      {missing.length > shown.length ? (
        <button type="button" className="btn small" onClick={() => setAll(true)}>Show all {missing.length}</button>
      ) : null}
      <span className="hint small">
        These were left out of the playlist. To include them, add the folders they are in to your library and import the file again.
      </span>
    </div>
  );
}
