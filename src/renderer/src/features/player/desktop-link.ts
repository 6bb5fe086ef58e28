/**
 * The player's side of the desktop shell: the tray's commands arrive as desktop events and run like
 * media keys; in the desktop app the player reports what it has loaded and whether it plays, so the
 * tray can show the song (main looks up title and artist from the id; the page sends nothing else).
 */
import { api } from '../../api';
import { usePlayerStore } from '../../stores/player-store';
import { useQueueStore } from '../../stores/queue-store';
import { runMediaCommand } from './media-commands';

function loadedTrackId(): number | null {
  const loaded = usePlayerStore.getState().loadedItemId;
  if (loaded === null) return null;
  return useQueueStore.getState().items.find((item) => item.id === loaded)?.trackId ?? null;
}

let started = false;

export function startDesktopLink(): void {
  if (started) return;
  started = true;
  api.desktop.onDidRequestMediaCommand(runMediaCommand);
  // A browser tab has no tray; only the desktop app reports.
  if (api.transport !== 'electron') return;
  let last = '';
  const report = (): void => {
    const now = { trackId: loadedTrackId(), playing: usePlayerStore.getState().playing };
    const key = `${now.trackId}/${now.playing}`;
    if (key === last) return;
    last = key;
    api.desktop.reportNowPlaying(now).catch((error: unknown) => console.warn('soundlike: reportNowPlaying failed', error));
  };
  usePlayerStore.subscribe((s, prev) => {
    if (s.loadedItemId !== prev.loadedItemId || s.playing !== prev.playing) report();
  });
  // The first report tells main the player is listening (files opened with Soundlike wait for it), so it
  // goes once the queue has loaded: a "play" sent then finds something to play.
  if (useQueueStore.getState().version !== -1) {
    report();
    return;
  }
  const stop = useQueueStore.subscribe((s) => {
    if (s.version === -1) return;
    stop();
    report();
  });
}
