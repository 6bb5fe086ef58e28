/**
 * Start-up: subscribe to every event first (so nothing is missed between load and subscribe), then load
 * initial state. After the web transport reconnects, everything is refetched since events were missed.
 */
import { api, onTransportReconnect } from '../api';
import { loadFailures, loadFolders, loadTracks, handleTracksChanged, setFolders } from './library-store';
import { applyQueue, loadQueue } from './queue-store';
import { handleScanProgress, loadScanProgress } from './scan-store';
import { applySettings, loadSettings } from './settings-store';

async function loadAll(): Promise<void> {
  await Promise.all([loadSettings(), loadFolders(), loadTracks(), loadQueue(), loadScanProgress(), loadFailures()]);
}

let started = false;

/** Idempotent: React's StrictMode may call effects twice. */
export function startStores(): void {
  if (started) return;
  started = true;
  api.library.onDidChangeTracks(({ version }) => handleTracksChanged(version));
  api.library.onDidChangeFolders((folders) => setFolders(folders));
  api.library.onDidScanProgress((progress) => {
    handleScanProgress(progress);
    // A finished job may have left new failures behind.
    if (progress.final) void loadFailures();
  });
  api.playback.onDidChangeQueue((queue) => applyQueue(queue));
  api.settings.onDidChangeSettings((settings) => applySettings(settings));
  onTransportReconnect(() => void loadAll());
  void loadAll();
}
