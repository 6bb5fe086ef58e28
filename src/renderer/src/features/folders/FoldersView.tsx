/** The folders & settings tab: library folders (add, rescan, remove), scan failures, settings. */
import { rescanAllLabel } from '../../lib/folder-text';
import { rescan, useFolders } from '../../stores/library-store';
import { useScanRunning } from '../../stores/scan-store';
import { AddFolderForm } from './AddFolderForm';
import { FolderRow } from './FolderRow';
import { ScanFailures } from './ScanFailures';
import { SettingsPanel } from './SettingsPanel';
import { AnalysisSettings } from '../analysis/AnalysisSettings';
import { BlockedArtists } from '../radio/BlockedArtists';

export function FoldersView() {
  const folders = useFolders();
  const scanning = useScanRunning();
  return (
    <section className="folders-view" aria-label="Folders and settings">
      <section className="panel-section">
        <div className="section-head">
          <h3>Music folders</h3>
          {folders.length > 0 ? (
            <button type="button" className="btn" data-testid="rescan-all" disabled={scanning} onClick={() => void rescan()}>
              {scanning ? 'Scanning…' : rescanAllLabel(folders.map((f) => f.kind))}
            </button>
          ) : null}
        </div>
        <AddFolderForm />
        {folders.length === 0
          ? <p className="muted">No folders yet. Add the folder where your music lives; sub-folders are included.</p>
          : <ul className="folder-list">{folders.map((f) => <FolderRow key={f.id} folder={f} scanning={scanning} />)}</ul>}
      </section>
      <ScanFailures />
      <AnalysisSettings />
      <BlockedArtists />
      <SettingsPanel />
    </section>
  );
}
