/**
 * The window: sidebar | main view | side panel (details or a radio pick's why-panel, + queue or up-next),
 * scan progress, the radio being built and the player bar below.
 */
import { Suspense, useEffect } from 'react';
import { ErrorBoundary } from './elements/ErrorBoundary';
import { Sidebar } from './features/layout/Sidebar';
import { SideBackdrop, SideDrawerHead } from './features/layout/SideDrawer';
import { AlbumsView, ArtistsView, FoldersView, LikedView, PlaylistView, SonicMapView } from './features/layout/lazy-views';
import { LibraryView } from './features/library/LibraryView';
import { Toasts } from './features/notifications/Toasts';
import { startAudioEngine } from './features/player/audio-engine';
import { startDesktopLink } from './features/player/desktop-link';
import { startMediaSession } from './features/player/media-session';
import { NowPlayingBar } from './features/player/NowPlayingBar';
import { startVolumeSync } from './features/player/volume';
import { QueuePanel } from './features/queue/QueuePanel';
import { RadioStarting } from './features/radio/RadioStarting';
import { SideCard } from './features/radio/SideCard';
import { UpNext } from './features/queue/UpNext';
import { ScanProgressBar } from './features/scan/ScanProgressBar';
import { HelpOverlay } from './features/shortcuts/HelpOverlay';
import { AboutDialog } from './features/about/AboutDialog';
import { useShortcuts } from './hooks/useShortcuts';
import { startStores } from './stores/bootstrap';
import { useQueueOpen, useView } from './stores/ui-store';
import { useSideOpen } from './stores/layout-store';

export function App() {
  const view = useView();
  const queueOpen = useQueueOpen();
  const sideOpen = useSideOpen();
  useShortcuts();
  useEffect(() => {
    startAudioEngine();
    startVolumeSync();
    startMediaSession();
    startDesktopLink();
    startStores();
  }, []);

  return (
    <div className={`app ${sideOpen ? 'side-open' : ''}`}>
      <ErrorBoundary area="The sidebar"><Sidebar /></ErrorBoundary>
      <main className="main">
        <ErrorBoundary area={view === 'albums' ? 'The albums' : view === 'artists' ? 'The artists' : view === 'library' ? 'The library' : view === 'playlist' ? 'The playlist' : view === 'map' ? 'The sonic map' : view === 'liked' ? 'The liked songs' : 'Folders & settings'}>
          <Suspense fallback={<div className="placeholder">Loading…</div>}>
            {view === 'albums' ? <AlbumsView /> : view === 'artists' ? <ArtistsView /> : view === 'library' ? <LibraryView /> : view === 'playlist' ? <PlaylistView /> : view === 'map' ? <SonicMapView /> : view === 'liked' ? <LikedView /> : <FoldersView />}
          </Suspense>
        </ErrorBoundary>
        <Toasts />
      </main>
      <SideBackdrop />
      <aside className="side" id="side-panel" aria-label="Now playing and queue">
        <SideDrawerHead />
        <ErrorBoundary area="The track details"><SideCard large={!queueOpen} /></ErrorBoundary>
        <ErrorBoundary area="The queue">{queueOpen ? <QueuePanel /> : <UpNext />}</ErrorBoundary>
      </aside>
      <div className="bottom">
        <ErrorBoundary area="The scan progress"><ScanProgressBar /></ErrorBoundary>
        <ErrorBoundary area="The radio"><RadioStarting /></ErrorBoundary>
        <ErrorBoundary area="The player"><NowPlayingBar /></ErrorBoundary>
      </div>
      <HelpOverlay />
      <AboutDialog />
    </div>
  );
}
