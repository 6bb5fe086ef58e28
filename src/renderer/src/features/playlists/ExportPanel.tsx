/** Export a playlist as extended M3U: download it, or have Soundlike write it to a path on this computer. */
import type { Playlist } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { m3uFileName } from '../../lib/playlist-edit';
import { downloadM3u, exportM3uToPath } from './playlist-actions';
import { PathForm } from '../../elements/PathForm';

export function ExportPanel({ playlist, onClose }: { playlist: Playlist; onClose: () => void }) {
  return (
    <div className="pl-panel" data-testid="export-panel">
      <div className="pl-panel-head">
        <strong>Export “{playlist.name}” as an M3U playlist</strong>
        <button type="button" className="icon-btn small" aria-label="Close" onClick={onClose}><Icon name="close" size={14} /></button>
      </div>
      <div className="pl-panel-row">
        <button type="button" className="btn primary" data-testid="playlist-export" onClick={() => void downloadM3u(playlist)}>
          Download {m3uFileName(playlist.name)}
        </button>
        <span className="muted small">Other players (VLC, foobar2000, Rhythmbox…) open it; entries are the songs’ file paths.</span>
      </div>
      <PathForm label="Save to this path" placeholder="/home/you/Music/playlist.m3u8" button="Save to path" busyButton="Saving…"
        emptyMessage="Type the full path of the .m3u8 file to write." testId="export-path"
        onSubmit={(path) => exportM3uToPath(playlist, path)} />
    </div>
  );
}
