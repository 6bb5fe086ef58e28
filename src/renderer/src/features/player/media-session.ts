/**
 * OS media keys and the system "now playing" panel, through the MediaSession API: metadata (title,
 * artist, album, the cover with its size), playback state, position, and every transport action.
 * In the desktop app on Linux this is also MPRIS: Chromium's own MPRIS service (org.mpris.MediaPlayer2.
 * chromium.*) publishes the active MediaSession over D-Bus, and media keys reach it through Chromium's
 * HardwareMediaKeyHandling; nothing else is needed in main. Main must therefore never disable the
 * 'HardwareMediaKeyHandling' or 'MediaSessionService' features (app.commandLine.appendSwitch
 * ('disable-features', ...)), or keys, MPRIS, macOS Now Playing and Windows SMTC all go silent.
 */
import { api } from '../../api';
import { coverArtwork } from '../../lib/media-artwork';
import { useLibraryStore } from '../../stores/library-store';
import { usePlayerStore } from '../../stores/player-store';
import { useQueueStore } from '../../stores/queue-store';
import { currentPosition, seek, seekBy } from './audio-engine';
import { runMediaCommand } from './media-commands';

const DEFAULT_SKIP_SEC = 10;

/** The cover whose size is being measured, so a late load for an earlier track is ignored. */
let measuring: string | null = null;

function updateMetadata(): void {
  const { items, currentIndex } = useQueueStore.getState();
  const item = items[currentIndex];
  const track = item ? useLibraryStore.getState().byId.get(item.trackId) : undefined;
  if (!track) {
    navigator.mediaSession.metadata = null;
    measuring = null;
    return;
  }
  const base = { title: track.title, artist: track.artist ?? track.albumArtist ?? '', album: track.album ?? '' };
  const coverId = track.coverId;
  if (!coverId) {
    navigator.mediaSession.metadata = new MediaMetadata({ ...base, artwork: [] });
    measuring = null;
    return;
  }
  const src = new URL(api.media.coverUrl(coverId), location.href).href;
  const current = navigator.mediaSession.metadata;
  // Same song, same cover: keep what is there (it may already carry the measured size).
  if (current && current.title === base.title && current.artist === base.artist && current.album === base.album && current.artwork[0]?.src === src) return;
  navigator.mediaSession.metadata = new MediaMetadata({ ...base, artwork: coverArtwork(src, coverId) });
  measuring = src;
  const image = new Image();
  image.onload = () => {
    const metadata = navigator.mediaSession.metadata;
    if (measuring !== src || !metadata || metadata.artwork[0]?.src !== src) return;
    metadata.artwork = coverArtwork(src, coverId, { width: image.naturalWidth, height: image.naturalHeight });
  };
  image.src = src;
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

function updatePlaybackState(): void {
  const { loadedItemId, playing } = usePlayerStore.getState();
  navigator.mediaSession.playbackState = loadedItemId === null ? 'none' : playing ? 'playing' : 'paused';
  if (loadedItemId === null) {
    try {
      navigator.mediaSession.setPositionState();
    } catch {
      // Older engines lack the no-argument reset; the stale position goes with the next track.
    }
  }
}

let started = false;

export function startMediaSession(): void {
  if (started || !('mediaSession' in navigator)) return;
  started = true;
  const session = navigator.mediaSession;
  const handlers: Array<[MediaSessionAction, MediaSessionActionHandler]> = [
    ['play', () => runMediaCommand('play')],
    ['pause', () => runMediaCommand('pause')],
    ['stop', () => runMediaCommand('stop')],
    ['previoustrack', () => runMediaCommand('previous')],
    ['nexttrack', () => runMediaCommand('next')],
    ['seekto', (d) => { if (d.seekTime !== undefined && Number.isFinite(d.seekTime)) seek(d.seekTime); }],
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
    if (s.playing !== prev.playing || s.loadedItemId !== prev.loadedItemId) updatePlaybackState();
    // Position state is cheap but need not follow every timeupdate; whole seconds are enough.
    if (Math.floor(s.position) !== Math.floor(prev.position) || s.duration !== prev.duration) updatePosition();
  });
  updateMetadata();
  updatePlaybackState();
}
