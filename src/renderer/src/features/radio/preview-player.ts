/**
 * The why-panel's preview player: its own audio element plays short clips (a matched moment, exactly its
 * start..end, or an A/B pair of them, one after the other) and leaves the queue alone. The main playback
 * pauses while a preview plays and resumes afterwards from the same position; pressing play on the main
 * player, Escape, or closing the panel stops the preview.
 */
import { api } from '../../api';
import { setPreview, usePreviewStore, type PreviewClip } from '../../stores/preview-store';
import { usePlayerStore } from '../../stores/player-store';
import { notify } from '../../stores/notify-store';
import { pauseForPreview, resumeAfterPreview } from '../player/audio-engine';

/** How often the clip's end is checked while it plays ('timeupdate' comes only every ~250 ms). */
const END_CHECK_MS = 20;
/** Silence between A and B, so the ear hears two moments rather than one splice. */
const GAP_MS = 400;

let el: HTMLAudioElement | null = null;
let clips: PreviewClip[] = [];
let at = 0;
/** The main playback was playing when the preview took over: resume it when the preview ends. */
let resumeMain = false;
let timer: ReturnType<typeof setInterval> | null = null;
/** The pause between A and B (cancelled by a stop or a new preview). */
let gap: ReturnType<typeof setTimeout> | null = null;

function element(): HTMLAudioElement {
  if (el) return el;
  const audio = document.createElement('audio');
  audio.preload = 'auto';
  audio.hidden = true;
  audio.dataset.testid = 'audio-preview';
  audio.addEventListener('timeupdate', checkEnd);
  audio.addEventListener('ended', () => advance());
  audio.addEventListener('error', () => {
    if (!clips.length) return;
    notify('error', 'Could not play the preview of that moment.', 'The file may have moved: rescan its folder.');
    stopPreview();
  });
  document.body.appendChild(audio);
  // Pressing play on the main player takes the sound back: the preview stops without resuming anything.
  usePlayerStore.subscribe((s, prev) => {
    if (s.playing && !prev.playing && clips.length) stopPreview(false);
  });
  el = audio;
  return audio;
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.key !== 'Escape' || !clips.length) return;
  // Escape stops the preview and nothing else (the global shortcut would also clear the search).
  e.preventDefault();
  stopPreview();
}

/** Plays `sequence` (one clip, or A then B) in the preview element, pausing the main playback meanwhile. */
export function playPreview(sequence: PreviewClip[]): void {
  const valid = sequence.filter((c) => Number.isFinite(c.startSec) && c.endSec > c.startSec);
  if (valid.length === 0) return;
  const audio = element();
  if (clips.length === 0) {
    resumeMain = pauseForPreview();
    window.addEventListener('keydown', onKeyDown, true);
  }
  clearGap();
  clips = valid;
  at = 0;
  startClip(audio);
}

function startClip(audio: HTMLAudioElement): void {
  const clip = clips[at];
  audio.pause();
  const url = api.media.trackUrl(clip.trackId);
  // The same song (both moments of one track, or a second click) is not loaded again, only moved.
  if (audio.dataset.trackId !== String(clip.trackId)) {
    audio.src = url;
    audio.dataset.trackId = String(clip.trackId);
  }
  // Before the metadata arrives this is the element's default start position: playback begins there.
  audio.currentTime = clip.startSec;
  setPreview({ clip, position: clip.startSec });
  audio.play().catch((err: unknown) => {
    // AbortError: the next clip (or a stop) replaced this one.
    if (err instanceof DOMException && err.name === 'AbortError') return;
    if (err instanceof DOMException && err.name === 'NotAllowedError') notify('info', 'Press the button again: the browser blocked the preview.');
    stopPreview();
  });
  if (timer === null) timer = setInterval(checkEnd, END_CHECK_MS);
}

/** Ends the clip at its end second exactly (within one check), then plays the next or stops. */
function checkEnd(): void {
  const clip = clips[at];
  if (!el || !clip) return;
  const t = el.currentTime;
  if (t >= clip.endSec) {
    advance();
    return;
  }
  if (!el.paused || t !== usePreviewStore.getState().position) setPreview({ position: t });
}

function advance(): void {
  if (!el || !clips.length || gap !== null) return;
  el.pause();
  if (at + 1 < clips.length) {
    const audio = el;
    gap = setTimeout(() => {
      gap = null;
      at++;
      startClip(audio);
    }, GAP_MS);
  } else {
    stopPreview();
  }
}

function clearGap(): void {
  if (gap !== null) clearTimeout(gap);
  gap = null;
}

/** Stops the preview; the main playback resumes where it was unless `resume` is false (the user took it back). */
export function stopPreview(resume = true): void {
  if (!clips.length) return;
  clips = [];
  at = 0;
  clearGap();
  if (timer !== null) clearInterval(timer);
  timer = null;
  window.removeEventListener('keydown', onKeyDown, true);
  el?.pause();
  setPreview({ clip: null, position: 0 });
  const wasPlaying = resumeMain;
  resumeMain = false;
  if (resume && wasPlaying) resumeAfterPreview();
}
