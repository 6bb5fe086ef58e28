/** Left navigation: library and folders/settings, plus the shortcut help. */
import { Icon, type IconName } from '../../elements/Icon';
import { useLibraryStore } from '../../stores/library-store';
import { setHelpOpen, showView, useView, type View } from '../../stores/ui-store';

function NavButton({ view, icon, label, detail }: { view: View; icon: IconName; label: string; detail?: string }) {
  const current = useView();
  return (
    <button type="button" className={`nav-btn ${current === view ? 'active' : ''}`} data-testid={`nav-${view}`}
      aria-current={current === view ? 'page' : undefined} onClick={() => showView(view)}>
      <Icon name={icon} />
      <span className="nav-label">{label}</span>
      {detail ? <span className="nav-detail">{detail}</span> : null}
    </button>
  );
}

export function Sidebar() {
  const trackCount = useLibraryStore((s) => s.tracks.length);
  const folderProblems = useLibraryStore((s) => s.folders.filter((f) => f.status !== 'ok').length);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand"><Icon name="note" size={20} /> Soundlike</div>
      <NavButton view="library" icon="library" label="Library" detail={trackCount ? trackCount.toLocaleString('en-US') : undefined} />
      <NavButton view="folders" icon="folder" label="Folders & settings"
        detail={folderProblems ? `⚠ ${folderProblems}` : undefined} />
      <div className="sidebar-spacer" />
      <button type="button" className="nav-btn subtle" data-testid="show-shortcuts" onClick={() => setHelpOpen(true)}>
        <Icon name="keyboard" />
        <span className="nav-label">Shortcuts</span>
        <kbd>?</kbd>
      </button>
    </nav>
  );
}
