/**
 * One library entry: a folder (path, health in plain words, counts, watch state) or a single file opened
 * with Soundlike (its name, then its path; spoken of as a file); rescan and (confirmed) remove.
 */
import { useState } from 'react';
import type { MusicFolder } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { formatAgo } from '../../lib/format';
import { entryContentsText, entryName, entryParent, entryStatusText, removalWarning } from '../../lib/folder-text';
import { removeFolder, rescan } from '../../stores/library-store';
import './folder-row.css';

export function FolderRow({ folder, scanning }: { folder: MusicFolder; scanning: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const status = entryStatusText(folder.kind, folder.status);
  const isFile = folder.kind === 'file';

  async function doRescan() {
    setBusy(true);
    await rescan(folder.id);
    setBusy(false);
  }

  return (
    <li className={`folder-row status-${folder.status}`} data-testid="folder-row" data-folder-id={folder.id}>
      <div className="folder-main">
        {isFile ? (
          <div className="folder-path" title={folder.path}>
            <Icon name="note" size={16} /> <span className="entry-file-name" data-testid="entry-file-name">{entryName(folder.path)}</span>
            <span className="entry-file-dir">in {entryParent(folder.path)}</span>
          </div>
        ) : (
          <div className="folder-path" title={folder.path}><Icon name="folder" size={16} /> {folder.path}</div>
        )}
        <div className="folder-meta">
          <span className={`badge ${folder.status}`} data-testid="folder-status">{status.label}</span>
          <span data-testid="entry-contents">{entryContentsText(folder.kind, folder.trackCount)}</span>
          <span>Scanned {formatAgo(folder.lastScanAt, Date.now())}</span>
          {isFile ? null : (
            <span title={folder.watching ? 'Changes on disk are picked up automatically.' : 'Not watched: use Rescan after changing files.'}>
              {folder.watching ? 'Watching for changes' : 'Not watching'}
            </span>
          )}
        </div>
        {folder.status !== 'ok' ? (
          <div className="folder-problem" role="status" data-testid="folder-problem">
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
            {removalWarning(folder.trackCount, folder.kind)}
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
