/** One library folder: path, health in plain words, counts, watch state; rescan and (confirmed) remove. */
import { useState } from 'react';
import type { MusicFolder } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { formatAgo, plural } from '../../lib/format';
import { removalWarning } from '../../lib/folder-text';
import { removeFolder, rescan } from '../../stores/library-store';

const STATUS_TEXT: Record<MusicFolder['status'], { label: string; advice: string }> = {
  ok: { label: 'OK', advice: '' },
  missing: {
    label: 'Missing',
    advice: 'If it is on a drive that is unplugged, plug it back in and rescan; its tracks are kept meanwhile. If you moved it, add the new location first: its songs are recognised there and keep their history, likes and playlists. Then remove this entry.',
  },
  unreadable: {
    label: 'Unreadable',
    advice: 'Check that your user may read it (its permissions), then rescan.',
  },
};

export function FolderRow({ folder, scanning }: { folder: MusicFolder; scanning: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const status = STATUS_TEXT[folder.status];

  async function doRescan() {
    setBusy(true);
    await rescan(folder.id);
    setBusy(false);
  }

  return (
    <li className={`folder-row status-${folder.status}`} data-testid="folder-row" data-folder-id={folder.id}>
      <div className="folder-main">
        <div className="folder-path" title={folder.path}><Icon name="folder" size={16} /> {folder.path}</div>
        <div className="folder-meta">
          <span className={`badge ${folder.status}`} data-testid="folder-status">{status.label}</span>
          <span>{plural(folder.trackCount, 'track')}</span>
          <span>Scanned {formatAgo(folder.lastScanAt, Date.now())}</span>
          <span title={folder.watching ? 'Changes on disk are picked up automatically.' : 'Not watched: use Rescan after changing files.'}>
            {folder.watching ? 'Watching for changes' : 'Not watching'}
          </span>
        </div>
        {folder.status !== 'ok' ? (
          <div className="folder-problem" role="status">
            <Icon name="warning" size={14} />
            <span>{folder.statusMessage ? `${folder.statusMessage} ` : ''}{status.advice}</span>
          </div>
        ) : null}
      </div>
      <div className="folder-actions">
        <button type="button" className="btn" data-testid="rescan-folder" disabled={busy || scanning} onClick={() => void doRescan()}>
          <Icon name="refresh" size={14} /> {busy ? 'Rescanning…' : 'Rescan'}
        </button>
        {confirming ? (
          <span className="confirm">
            {removalWarning(folder.trackCount)}
            <button type="button" className="btn danger" data-testid="confirm-remove-folder"
              onClick={() => { setConfirming(false); void removeFolder(folder.id); }}>Remove</button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>Cancel</button>
          </span>
        ) : (
          <button type="button" className="btn" data-testid="remove-folder" onClick={() => setConfirming(true)}>
            <Icon name="trash" size={14} /> Remove
          </button>
        )}
      </div>
    </li>
  );
}
