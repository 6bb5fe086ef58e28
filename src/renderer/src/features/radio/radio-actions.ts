/**
 * What the radio buttons do: "play similar sounding" from songs or the liked songs, listening to a
 * pick's or a seed's matched moment, and feedback (skip, less like this). Main builds and extends the
 * radio; here we only call it, show progress and errors, and steer the player.
 */
import type { RadioSeed } from '../../../../shared/domain';
import { api } from '../../api';
import { seedFor, seedLabel } from '../../lib/radio-seed';
import { trackAnalysis } from '../../stores/analysis-store';
import { selectedTrackIds, selectTrack } from '../../stores/browse-store';
import { useLibraryStore } from '../../stores/library-store';
import { useLikesStore } from '../../stores/likes-store';
import { attempt, notify, notifyError } from '../../stores/notify-store';
import { requestAutoplay, takeAutoplay } from '../../stores/player-store';
import { applyQueue, currentItem, setCurrentIndex, useQueueStore } from '../../stores/queue-store';
import { applyRadio, followPlaying, setStarting, useRadioStore } from '../../stores/radio-store';
import { openQueue } from '../../stores/ui-store';
import { next, playItemFrom } from '../player/audio-engine';

function titlesOf(trackIds: readonly number[]): string[] {
  const { byId } = useLibraryStore.getState();
  return trackIds.map((id) => byId.get(id)?.title ?? `track ${id}`);
}

/** Builds a radio from `seed` and plays it; `seedIds` are its songs (to tell whether they need analysing). */
export async function startRadio(seed: RadioSeed, seedIds: readonly number[], label: string): Promise<void> {
  if (useRadioStore.getState().starting) return; // one at a time: the first one is still being built
  const listening = seedIds.some((id) => trackAnalysis(id)?.status !== 'done');
  setStarting({ label, listening });
  requestAutoplay();
  try {
    const session = await api.radio.playSimilar(seed);
    applyRadio(session);
    // Follow the radio: the side panel explains each pick as it plays (a selected row would hide it).
    selectTrack(null);
    followPlaying();
    openQueue();
    if (session.picks.length === 0) notify('info', `No other analysed songs sound like ${label} yet.`, 'Let the analysis finish, then try again.');
    if (session.notice) notify('info', session.notice);
  } catch (err) {
    takeAutoplay(); // nothing new to start
    notifyError(err, `Could not start a radio from ${label}`);
  } finally {
    setStarting(null);
  }
}

/** "Play similar sounding" to one or several songs. */
export function playSimilar(trackIds: readonly number[]): void {
  const seed = seedFor(trackIds);
  if (seed) void startRadio(seed, trackIds, seedLabel(titlesOf(trackIds)));
}

/** The S key: the selected rows, else the playing song. */
export function playSimilarToSelection(): void {
  const ids = selectedTrackIds();
  if (ids.length > 0) return playSimilar(ids);
  const playing = currentItem();
  if (playing) return playSimilar([playing.trackId]);
  notify('info', 'Select a song first, then press S to play songs that sound like it.');
}

export function playLikedRadio(): void {
  const liked = [...useLikesStore.getState().liked];
  if (liked.length === 0) {
    notify('info', 'You have no liked songs yet.', 'Like songs with the heart in the player bar, then start the liked-songs radio.');
    return;
  }
  void startRadio({ kind: 'liked' }, liked, 'your liked songs');
}

/** Plays the queue entry `itemId` from `sec` (a pick's matched moment). */
export async function listenFrom(itemId: number, sec: number): Promise<void> {
  const index = useQueueStore.getState().items.findIndex((i) => i.id === itemId);
  if (index === -1) {
    notify('info', 'That song is no longer in the queue.');
    return;
  }
  playItemFrom(itemId, sec);
  if (index !== useQueueStore.getState().currentIndex) await setCurrentIndex(index, true);
}

/**
 * Plays a seed song from its matched moment: its entry in the queue when it has one (a one-song radio
 * starts with its seed), else it is inserted after the playing entry.
 */
export async function listenToSeed(trackId: number, sec: number): Promise<void> {
  const { items, currentIndex } = useQueueStore.getState();
  const queued = items[currentIndex]?.trackId === trackId ? items[currentIndex] : items.find((i) => i.trackId === trackId);
  if (queued) return listenFrom(queued.id, sec);
  const state = await attempt(() => api.playback.enqueue([trackId], 'next'), 'Could not play the seed song');
  if (!state) return;
  applyQueue(state);
  const inserted = state.items[state.currentIndex + 1];
  if (inserted?.trackId === trackId) await listenFrom(inserted.id, sec);
}

/** Moves on; a pick of the playing radio skipped counts against songs like it. */
export function skipCurrent(): void {
  const item = currentItem();
  next();
  // Picks of a radio that has stopped (or of an earlier one) have nobody to tell.
  if (item?.origin.kind === 'radio' && item.origin.radioId === useRadioStore.getState().session?.radioId) {
    void attempt(() => api.radio.radioFeedback(item.trackId, 'skip'), 'Could not tell the radio about the skip');
  }
}

/** "Less like this": the radio steers away from it (and drops it from what is queued). Skips it if playing. */
export async function lessLikeThis(trackId: number): Promise<void> {
  if (currentItem()?.trackId === trackId) next();
  try {
    await api.radio.radioFeedback(trackId, 'less');
  } catch (err) {
    notifyError(err, 'Could not tell the radio');
    return;
  }
  const title = useLibraryStore.getState().byId.get(trackId)?.title;
  notify('info', `Fewer songs like ${title ? `“${title}”` : 'that one'} on this radio.`);
}

/** Blocks an artist from every radio; the radio drops its queued picks by them. */
export async function blockArtist(artist: string): Promise<void> {
  try {
    await api.radio.setArtistBlocked(artist, true);
  } catch (err) {
    notifyError(err, 'Could not block the artist');
    return;
  }
  notify('info', `${artist} will not be picked by the radio.`);
}
