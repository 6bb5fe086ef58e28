/**
 * Playback: two HTMLAudioElements driven by main's queue. The active one plays; the standby one preloads
 * the next entry shortly before the end and takes over on 'ended' without a gap (then main is told via
 * setCurrentIndex). Listening history is recorded whenever a track ends or is left.
 */
import type { Track } from '../../../../shared/domain';
import { api } from '../../api';
import { nextIndex, previousAction } from '../../lib/queue-math';
import { elementVolume, replayGainFactor } from '../../lib/replaygain';
import { useLibraryStore } from '../../stores/library-store';
import { notify } from '../../stores/notify-store';
import { patchPlayer, takeAutoplay, usePlayerStore } from '../../stores/player-store';
import { currentItem, setCurrentIndex, useQueueStore } from '../../stores/queue-store';
import { useSettingsStore } from '../../stores/settings-store';
import { describeMediaError } from './media-errors';

/** Start loading the next track when this many seconds are left. */
const PRELOAD_BEFORE_END_SEC = 15;
/** Plays shorter than this (a skip right after starting) are not worth a history row. */
const MIN_RECORDED_SEC = 1;

interface Slot {
  el: HTMLAudioElement;
  itemId: number | null;
  trackId: number | null;
}

let active: Slot;
let standby: Slot;
/** Seconds actually heard of the active track (seeking does not count). */
let listened = 0;
let lastTime = 0;
/** True while the user wants sound: an error then skips ahead instead of just stopping. */
let wantPlay = false;
let errorsInARow = 0;
/** A queue entry whose preload failed: not preloaded again (it gets one normal load, which reports the error). */
let failedPreloadItemId: number | null = null;

function trackOf(trackId: number | null): Track | undefined {
  return trackId === null ? undefined : useLibraryStore.getState().byId.get(trackId);
}

function createElement(): HTMLAudioElement {
  const el = document.createElement('audio');
  el.preload = 'auto';
  el.hidden = true;
  document.body.appendChild(el);
  return el;
}

/** Tests read the playing element's currentTime through this test id, so it follows the active slot. */
function markActive(): void {
  active.el.dataset.testid = 'audio-player';
  standby.el.dataset.testid = 'audio-standby';
}

export function applyVolume(): void {
  const { volume, muted } = usePlayerStore.getState();
  const mode = useSettingsStore.getState().settings.replayGain;
  const track = trackOf(active.trackId);
  const factor = track ? replayGainFactor(mode, track.replayGainTrackDb, track.replayGainAlbumDb) : 1;
  active.el.volume = elementVolume(volume, muted, factor);
}

function recordLeave(completed: boolean): void {
  const trackId = active.trackId;
  const heard = Math.round(listened * 10) / 10;
  listened = 0;
  if (trackId === null || (!completed && heard < MIN_RECORDED_SEC)) return;
  api.playback.recordPlay({ trackId, listenedSec: heard, completed }).catch((err: unknown) => {
    console.warn('soundlike: recordPlay failed', err);
  });
}

function load(slot: Slot, itemId: number, trackId: number): void {
  slot.itemId = itemId;
  slot.trackId = trackId;
  slot.el.src = api.media.trackUrl(trackId);
  slot.el.load();
}

function unload(slot: Slot): void {
  slot.itemId = null;
  slot.trackId = null;
  slot.el.removeAttribute('src');
  slot.el.load();
}

function play(): void {
  wantPlay = true;
  active.el.play().catch((err: unknown) => {
    // AbortError: a newer load replaced this one; the newer play() call takes over.
    if (err instanceof DOMException && err.name === 'AbortError') return;
    if (err instanceof DOMException && err.name === 'NotAllowedError') {
      wantPlay = false;
      notify('info', 'Press play to start: the browser blocked automatic playback.');
    }
  });
}

function publishLoaded(): void {
  const track = trackOf(active.trackId);
  patchPlayer({
    loadedItemId: active.itemId,
    position: active.el.currentTime || 0,
    duration: Number.isFinite(active.el.duration) ? active.el.duration : (track?.durationSec ?? 0),
    playing: !active.el.paused,
  });
}

/** Makes the preloaded standby element the active one and starts it. */
function swap(): void {
  [active, standby] = [standby, active];
  markActive();
  standby.el.pause();
  lastTime = active.el.currentTime;
  applyVolume();
  publishLoaded();
}

/** Brings the elements in line with main's queue after any change to it. */
function syncToQueue(): void {
  const item = currentItem();
  if (!item) {
    if (active.itemId !== null) {
      recordLeave(false);
      unload(active);
      wantPlay = false;
      patchPlayer({ loadedItemId: null, playing: false, position: 0, duration: 0 });
    }
    takeAutoplay();
    return;
  }
  if (item.id === active.itemId) {
    if (takeAutoplay() && active.el.paused) play();
    return;
  }
  const shouldPlay = takeAutoplay() || wantPlay;
  recordLeave(false);
  if (standby.itemId === item.id) {
    swap();
    active.el.currentTime = 0;
  } else {
    active.el.pause();
    load(active, item.id, item.trackId);
    lastTime = 0;
    applyVolume();
    publishLoaded();
  }
  patchPlayer({ error: null, position: 0 });
  if (shouldPlay) play();
  else wantPlay = false;
}

/** Loads the queue's next entry into the standby element once the active one nears its end. */
function maybePreload(): void {
  const { items, currentIndex } = useQueueStore.getState();
  const next = items[nextIndex(currentIndex, items.length)];
  if (!next || next.id === standby.itemId || next.id === failedPreloadItemId) return;
  const remaining = active.el.duration - active.el.currentTime;
  if (Number.isFinite(remaining) && remaining <= PRELOAD_BEFORE_END_SEC) load(standby, next.id, next.trackId);
}

function onEnded(): void {
  recordLeave(true);
  errorsInARow = 0;
  const { items, currentIndex } = useQueueStore.getState();
  const next = nextIndex(currentIndex, items.length);
  if (next === -1) {
    wantPlay = false;
    patchPlayer({ playing: false, position: 0 });
    active.el.currentTime = 0;
    return;
  }
  if (standby.itemId === items[next].id) {
    // Gapless: start the preloaded element first, tell main afterwards.
    swap();
    play();
  }
  void setCurrentIndex(next, true);
}

async function onError(slot: Slot): Promise<void> {
  if (slot !== active || slot.trackId === null) {
    if (slot === standby) {
      failedPreloadItemId = standby.itemId;
      unload(standby);
    }
    return;
  }
  const track = trackOf(slot.trackId);
  const failedItemId = slot.itemId;
  const message = await describeMediaError(slot.el, api.media.trackUrl(slot.trackId), track);
  // The user may have moved on while we asked the server why; then this error is old news.
  if (active.itemId !== failedItemId) return;
  patchPlayer({ error: message, playing: false });
  notify('error', message, 'Skipping to the next track. Rescan the folder if files were moved.');
  const { items, currentIndex } = useQueueStore.getState();
  const next = nextIndex(currentIndex, items.length);
  errorsInARow += 1;
  // Stop once every entry has failed in a row, instead of cycling through a dead queue forever.
  if (wantPlay && next !== -1 && errorsInARow < items.length) void setCurrentIndex(next, true);
  else wantPlay = false;
}

function wire(slot: Slot): void {
  const { el } = slot;
  const isActive = (): boolean => el === active.el;
  el.addEventListener('timeupdate', () => {
    if (!isActive()) return;
    const t = el.currentTime;
    const delta = t - lastTime;
    if (delta > 0 && delta < 2) listened += delta; // larger jumps are seeks
    lastTime = t;
    patchPlayer({ position: t });
    maybePreload();
  });
  el.addEventListener('seeked', () => {
    if (isActive()) lastTime = el.currentTime;
  });
  el.addEventListener('playing', () => {
    if (!isActive()) return;
    errorsInARow = 0;
    patchPlayer({ playing: true, error: null });
  });
  el.addEventListener('pause', () => {
    if (isActive()) patchPlayer({ playing: false });
  });
  el.addEventListener('durationchange', () => {
    if (isActive() && Number.isFinite(el.duration)) patchPlayer({ duration: el.duration });
  });
  el.addEventListener('ended', () => {
    if (isActive()) onEnded();
  });
  el.addEventListener('error', () => void onError(el === active.el ? active : standby));
}

let started = false;

/** Creates the elements and follows the stores. Idempotent. */
export function startAudioEngine(): void {
  if (started) return;
  started = true;
  active = { el: createElement(), itemId: null, trackId: null };
  standby = { el: createElement(), itemId: null, trackId: null };
  markActive();
  wire(active);
  wire(standby);
  useQueueStore.subscribe(syncToQueue);
  // Closing the window mid-track still counts what was heard (best effort: the call may not finish).
  window.addEventListener('pagehide', () => recordLeave(false));
  useLibraryStore.subscribe((s, prev) => {
    if (s.byId !== prev.byId) applyVolume();
  });
  useSettingsStore.subscribe((s, prev) => {
    if (s.settings.replayGain !== prev.settings.replayGain) applyVolume();
  });
  syncToQueue();
}

/** Play/pause; with nothing loaded it starts the queue (or does nothing when that is empty). */
export function togglePlay(): void {
  if (active.itemId === null) {
    const { items, currentIndex } = useQueueStore.getState();
    if (items.length > 0) void setCurrentIndex(Math.max(0, currentIndex), true);
    return;
  }
  if (active.el.paused) play();
  else {
    wantPlay = false;
    active.el.pause();
  }
}

/**
 * Plays or pauses by what the player is doing now: the element, or a track still loading that is meant to
 * play (wantPlay). Media keys and the tray ask for a state, not a toggle, and the store's `playing` flag
 * can lag a track change by a moment.
 */
export function setPlaying(want: boolean): void {
  const playingNow = active.itemId !== null && (!active.el.paused || wantPlay);
  if (want === playingNow) return;
  if (want) togglePlay();
  else {
    wantPlay = false;
    active.el.pause();
  }
}

export function seek(seconds: number): void {
  if (active.itemId === null) return;
  const max = Number.isFinite(active.el.duration) ? active.el.duration : seconds;
  active.el.currentTime = Math.max(0, Math.min(seconds, max));
  lastTime = active.el.currentTime;
  patchPlayer({ position: active.el.currentTime });
}

export function seekBy(delta: number): void {
  seek(active.el.currentTime + delta);
}

export function next(): void {
  const { items, currentIndex } = useQueueStore.getState();
  const i = nextIndex(currentIndex, items.length);
  if (i !== -1) void setCurrentIndex(i, wantPlay || !active.el.paused);
}

export function previous(): void {
  const action = previousAction(useQueueStore.getState().currentIndex, active.el.currentTime);
  if (action.kind === 'restart') seek(0);
  else void setCurrentIndex(action.index, wantPlay || !active.el.paused);
}

/**
 * Pauses the main playback for the why-panel's preview, leaving the track and its position as they are;
 * true when it was playing (the preview then resumes it).
 */
export function pauseForPreview(): boolean {
  if (!started || active.itemId === null || active.el.paused) return false;
  wantPlay = false;
  active.el.pause();
  return true;
}

/** Resumes the main playback after a preview, from where it was paused. */
export function resumeAfterPreview(): void {
  if (started && active.itemId !== null && active.el.paused) play();
}

/** Position of the active element, for MediaSession. */
export function currentPosition(): { position: number; duration: number } {
  return { position: active.el.currentTime || 0, duration: Number.isFinite(active.el.duration) ? active.el.duration : 0 };
}
