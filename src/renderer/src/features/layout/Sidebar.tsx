/** Left navigation: library and folders/settings, the liked-songs radio, the analysis indicator, the shortcut help. */
import { Icon, type IconName } from '../../elements/Icon';
import { openAlbum, openArtist } from '../../stores/albums-store';
import { useLibraryStore } from '../../stores/library-store';
import { setHelpOpen, showView, useView, type View } from '../../stores/ui-store';
import { useLikedCount } from '../../stores/likes-store';
import { useRadioStarting } from '../../stores/radio-store';
import { AnalysisProgress } from '../analysis/AnalysisProgress';
import { playLikedRadio } from '../radio/radio-actions';
import { PlaylistsNav } from '../playlists/PlaylistsNav';
import { SideDrawerToggle } from './SideDrawer';

function NavButton({ view, icon, label, detail, onSelect }: { view: View; icon: IconName; label: string; detail?: string; onSelect?: () => void }) {
  const current = useView();
  return (
    <button type="button" className={`nav-btn ${current === view ? 'active' : ''}`} data-testid={`nav-${view}`}
      aria-current={current === view ? 'page' : undefined} onClick={onSelect ?? (() => showView(view))}>
      <Icon name={icon} />
      <span className="nav-label">{label}</span>
      {detail ? <span className="nav-detail">{detail}</span> : null}
    </button>
  );
}

function LikedRadioButton() {
  const liked = useLikedCount();
  const busy = useRadioStarting() !== null;
  return (
    <button type="button" className="nav-btn" data-testid="liked-radio" disabled={busy}
      title={liked ? 'Play songs that sound like your liked songs' : 'Like songs (the heart in the player bar) to start this radio'}
      onClick={playLikedRadio}>
      <Icon name="heart" />
      <span className="nav-label">Liked songs radio</span>
      <span className="nav-detail">{liked ? liked.toLocaleString('en-US') : ''}</span>
    </button>
  );
}

export function Sidebar() {
  const trackCount = useLibraryStore((s) => s.tracks.length);
  const folderProblems = useLibraryStore((s) => s.folders.filter((f) => f.status !== 'ok').length);
  const likedCount = useLikedCount();
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand"><Icon name="note" size={20} /> Soundlike</div>
      <SideDrawerToggle />
      <NavButton view="library" icon="library" label="Library" detail={trackCount ? trackCount.toLocaleString('en-US') : undefined} />
      <NavButton view="albums" icon="album" label="Albums" onSelect={() => openAlbum(null)} />
      <NavButton view="artists" icon="artist" label="Artists" onSelect={() => openArtist(null)} />
      <NavButton view="liked" icon="heart" label="Liked songs" detail={likedCount ? likedCount.toLocaleString('en-US') : undefined} />
      <NavButton view="folders" icon="folder" label="Folders & settings"
        detail={folderProblems ? `⚠ ${folderProblems}` : undefined} />
      <div className="nav-group-label">Radio</div>
      <LikedRadioButton />
      <NavButton view="map" icon="similar" label="Sonic map" />
      <PlaylistsNav />
      <div className="sidebar-spacer" />
      <AnalysisProgress />
      <button type="button" className="nav-btn subtle" data-testid="show-shortcuts" onClick={() => setHelpOpen(true)}>
        <Icon name="keyboard" />
        <span className="nav-label">Shortcuts</span>
        <kbd>?</kbd>
      </button>
    </nav>
  );
}
