/**
 * What the radio buttons do: "play similar sounding" from songs or the liked songs, listening to a
 * pick's or a seed's matched moment, and feedback (skip, less like this). Main builds and extends the
 * radio; here we only call it, show progress and errors, and steer the player.
 */
import { ADVENTURE_STEPS } from '../../../../shared/defaults';
import type { RadioSeed, RadioSteer } from '../../../../shared/domain';
import { api } from '../../api';
import { seedFor, seedLabel } from '../../lib/radio-seed';
import { trackAnalysis } from '../../stores/analysis-store';
import { selectedTrackIds, selectTrack } from '../../stores/browse-store';
import { useLibraryStore } from '../../stores/library-store';
import { useLikesStore } from '../../stores/likes-store';
import { attempt, dismissToast, notify, notifyError, notifyWithAction } from '../../stores/notify-store';
import { requestAutoplay, takeAutoplay } from '../../stores/player-store';
import { currentItem } from '../../stores/queue-store';
import { applyRadio, followPlaying, setStarting, useRadioStore } from '../../stores/radio-store';
import { openQueue } from '../../stores/ui-store';
import { next } from '../player/audio-engine';

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

/** Moves on; a pick of the playing radio skipped counts against songs like it. */
export function skipCurrent(): void {
  const item = currentItem();
  next();
  // Picks of a radio that has stopped (or of an earlier one) have nobody to tell.
  if (item?.origin.kind === 'radio' && item.origin.radioId === useRadioStore.getState().session?.radioId) {
    void attempt(() => api.radio.radioFeedback(item.trackId, 'skip'), 'Could not tell the radio about the skip');
  }
}

/** "N upcoming picks changed", or that none did (the library may have nothing else to offer). */
export function steerText(steer: RadioSteer): string {
  if (steer.changed === 0) return steer.upcoming ? 'the upcoming picks stay as they were' : 'no picks are left to change';
  return `${steer.changed} upcoming ${steer.changed === 1 ? 'pick' : 'picks'} changed`;
}

/**
 * "Less like this": the radio drops it and chooses its unplayed picks again, away from it, and says how
 * many changed. Skips it if playing.
 */
export async function lessLikeThis(trackId: number): Promise<void> {
  if (currentItem()?.trackId === trackId) next();
  let steer: RadioSteer;
  try {
    steer = await api.radio.radioFeedback(trackId, 'less');
  } catch (err) {
    notifyError(err, 'Could not tell the radio');
    return;
  }
  if (steer.session) applyRadio(steer.session);
  const title = useLibraryStore.getState().byId.get(trackId)?.title;
  notify('info', `Fewer songs like ${title ? `“${title}”` : 'that one'}: ${steerText(steer)}.`);
}

/** The adventure control: the playing radio re-ranks its unplayed picks (close 0 .. varied 1) and says how many changed. */
export async function setAdventure(adventure: number): Promise<void> {
  const steer = await attempt(() => api.radio.setRadioOptions({ adventure }), 'Could not steer the radio');
  if (!steer) return;
  if (steer.session) applyRadio(steer.session);
  const step = ADVENTURE_STEPS.find((s) => s.value === adventure);
  // Stepping through the settings shows the latest outcome, not a pile of toasts.
  if (adventureToast !== null) dismissToast(adventureToast);
  adventureToast = notify('info', `${step ? step.label : 'Adventure changed'}: ${steerText(steer)}.`);
}

/** The toast of the last adventure change. */
let adventureToast: number | null = null;

/** Blocks an artist from every radio; the radio drops its queued picks by them. The toast can undo it. */
export async function blockArtist(artist: string): Promise<void> {
  try {
    await api.radio.setArtistBlocked(artist, true);
  } catch (err) {
    notifyError(err, 'Could not block the artist');
    return;
  }
  notifyWithAction(`${artist} will not be picked by the radio.`, { label: 'Undo', run: () => void undoBlock(artist) });
}

/** Lets the artist back in and puts the picks the block took out back in the queue. */
async function undoBlock(artist: string): Promise<void> {
  const result = await attempt(() => api.radio.undoBlockArtist(artist), `Could not let ${artist} back in`);
  if (!result) return;
  const back = result.restored ? `: ${result.restored} ${result.restored === 1 ? 'pick is' : 'picks are'} back in the queue` : '';
  notify('info', `${artist} can be picked again${back}.`);
}
