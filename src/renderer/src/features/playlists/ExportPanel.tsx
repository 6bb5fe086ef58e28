/**
 * Export a playlist as extended M3U: a download in the browser, main's own save dialog in the desktop
 * app. The page never names a path for main to write.
 */
import type { Playlist } from '../../../../shared/domain';
import { api } from '../../api';
import { Icon } from '../../elements/Icon';
import { m3uFileName } from '../../lib/playlist-edit';
import { downloadM3u, saveM3uWithDialog } from './playlist-actions';

export function ExportPanel({ playlist, onClose }: { playlist: Playlist; onClose: () => void }) {
  const desktop = api.transport === 'electron';
  return (
    <div className="pl-panel" data-testid="export-panel">
      <div className="pl-panel-head">
        <strong>Export “{playlist.name}” as an M3U playlist</strong>
        <button type="button" className="icon-btn small" aria-label="Close" onClick={onClose}><Icon name="close" size={14} /></button>
      </div>
      <div className="pl-panel-row">
        <button type="button" className="btn primary" data-testid="playlist-export"
          onClick={() => void (desktop ? saveM3uWithDialog(playlist) : downloadM3u(playlist))}>
          {desktop ? 'Save as…' : `Download ${m3uFileName(playlist.name)}`}
        </button>
        <span className="muted small">Other players (VLC, foobar2000, Rhythmbox…) open it; entries are the songs’ file paths.</span>
      </div>
    </div>
  );
}
