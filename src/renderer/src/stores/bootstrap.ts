/**
 * Start-up: subscribe to every event first (so nothing is missed between load and subscribe), then load
 * initial state. After the web transport reconnects, everything is refetched since events were missed.
 */
import { api, onTransportReconnect } from '../api';
import { loadFailures, loadFolders, loadTracks, handleTracksChanged, setFolders } from './library-store';
import { applyQueue, applyQueueChange, applyQueuePosition, loadQueue } from './queue-store';
import { handleScanProgress, loadScanProgress } from './scan-store';
import { applySettings, loadSettings, useSettingsStore } from './settings-store';
import { handleAnalysisProgress, handleTrackAnalysed, loadAnalysisStatus, loadTrackStates } from './analysis-store';
import { useBrowseStore } from './browse-store';
import { loadLikes } from './likes-store';
import { applyRadio, followPlaying, loadRadio, useRadioStore } from './radio-store';
import { applySummaries, loadPlaylists } from './playlists-store';
import { scheduleMapRefresh } from './map-store';
import { notify, notifyLasting } from './notify-store';
import { openQueue } from './ui-store';

async function loadAll(): Promise<void> {
  await Promise.all([loadSettings(), loadFolders(), loadTracks(), loadQueue(), loadScanProgress(), loadFailures(),
    loadAnalysisStatus(), loadTrackStates(), loadLikes(), loadRadio(), loadPlaylists()]);
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
  api.playback.onDidEditQueue((edit) => applyQueueChange(edit));
  api.playback.onDidChangeQueuePosition((position) => applyQueuePosition(position));
  api.settings.onDidChangeSettings((settings) => applySettings(settings));
  api.analysis.onDidAnalysisProgress((progress) => {
    handleAnalysisProgress(progress);
    if (progress.final) scheduleMapRefresh(); // a finished run moves and adds points
  });
  api.playlists.onDidChangePlaylists((summaries) => applySummaries(summaries));
  api.analysis.onDidAnalyseTrack((state) => handleTrackAnalysed(state));
  api.radio.onDidChangeRadio((session) => applyRadio(session));
  // New analysis settings restart the analysis, and a new step or model makes every result stale.
  useSettingsStore.subscribe((s, prev) => {
    const a = s.settings;
    const b = prev.settings;
    if (prev.loaded && (a.fragmentStepSec !== b.fragmentStepSec || a.analysisDevice !== b.analysisDevice || a.analysisThreads !== b.analysisThreads)) {
      void loadAnalysisStatus();
      void loadTrackStates();
    }
  });
  // Picking a library row hands the side panel back to that row's details.
  useBrowseStore.subscribe((s, prev) => {
    if (s.selectedTrackId !== null && s.selectedTrackId !== prev.selectedTrackId) followPlaying();
  });
  // The service host crashed: say so; once restarted, refetch (events were missed meanwhile).
  api.desktop.onDidRestartServices((news) => {
    if (news.state === 'restarting') return void notify('info', news.message);
    notifyLasting(news.state === 'stopped' ? 'error' : 'info', news.message, news.hint, 'SERVICES_STOPPED');
    if (news.state === 'restarted') void loadAll();
  });
  onTransportReconnect(() => void loadAll());
  // A radio still playing from before a reload or restart shows as when it started: its banner tops the open queue.
  void loadAll().then(() => {
    if (useRadioStore.getState().session) openQueue();
  });
}
