/** OS media keys and the system "now playing" panel, through the MediaSession API where it exists. */
import { api } from '../../api';
import { useLibraryStore } from '../../stores/library-store';
import { usePlayerStore } from '../../stores/player-store';
import { useQueueStore } from '../../stores/queue-store';
import { currentPosition, next, previous, seek, seekBy, togglePlay } from './audio-engine';

const DEFAULT_SKIP_SEC = 10;

function updateMetadata(): void {
  const { items, currentIndex } = useQueueStore.getState();
  const item = items[currentIndex];
  const track = item ? useLibraryStore.getState().byId.get(item.trackId) : undefined;
  if (!track) {
    navigator.mediaSession.metadata = null;
    return;
  }
  const artwork = track.coverId ? [{ src: new URL(api.media.coverUrl(track.coverId), location.href).href }] : [];
  navigator.mediaSession.metadata = new MediaMetadata({
    title: track.title,
    artist: track.artist ?? track.albumArtist ?? '',
    album: track.album ?? '',
    artwork,
  });
}

function updatePosition(): void {
  const { position, duration } = currentPosition();
  if (duration <= 0) return;
  try {
    navigator.mediaSession.setPositionState({ duration, position: Math.min(position, duration), playbackRate: 1 });
  } catch {
    // setPositionState throws on inconsistent values during a track switch; the next tick fixes it.
  }
}

let started = false;

export function startMediaSession(): void {
  if (started || !('mediaSession' in navigator)) return;
  started = true;
  const session = navigator.mediaSession;
  const handlers: Array<[MediaSessionAction, MediaSessionActionHandler]> = [
    ['play', () => { if (!usePlayerStore.getState().playing) togglePlay(); }],
    ['pause', () => { if (usePlayerStore.getState().playing) togglePlay(); }],
    ['previoustrack', () => previous()],
    ['nexttrack', () => next()],
    ['seekto', (d) => { if (d.seekTime !== undefined) seek(d.seekTime); }],
    ['seekbackward', (d) => seekBy(-(d.seekOffset ?? DEFAULT_SKIP_SEC))],
    ['seekforward', (d) => seekBy(d.seekOffset ?? DEFAULT_SKIP_SEC)],
  ];
  for (const [action, handler] of handlers) {
    try {
      session.setActionHandler(action, handler);
    } catch {
      // Not every browser knows every action.
    }
  }
  useQueueStore.subscribe(updateMetadata);
  useLibraryStore.subscribe((s, prev) => { if (s.byId !== prev.byId) updateMetadata(); });
  usePlayerStore.subscribe((s, prev) => {
    if (s.playing !== prev.playing) session.playbackState = s.playing ? 'playing' : 'paused';
    // Position state is cheap but need not follow every timeupdate; whole seconds are enough.
    if (Math.floor(s.position) !== Math.floor(prev.position) || s.duration !== prev.duration) updatePosition();
  });
  updateMetadata();
}
