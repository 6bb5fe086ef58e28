/** What the album and artist pages do: play in album order, start a radio seeded by all of an album's songs, queue. */
import { seedFor } from '../../lib/radio-seed';
import type { Album } from '../../lib/albums';
import { notify } from '../../stores/notify-store';
import { enqueueTracks, playTracks } from '../../stores/queue-store';
import { startRadio } from '../radio/radio-actions';

/** Plays `trackIds` in their order, starting at `startTrackId` (the first when absent). */
export function playInOrder(trackIds: readonly number[], startTrackId?: number): void {
  if (trackIds.length === 0) return;
  const index = startTrackId === undefined ? 0 : Math.max(0, trackIds.indexOf(startTrackId));
  void playTracks([...trackIds], index);
}

/** "Play similar sounding" seeded by every song of the album (a multi-track seed). */
export function albumRadio(album: Album): void {
  const seed = seedFor(album.trackIds);
  if (seed) void startRadio(seed, album.trackIds, `the album “${album.title}”`);
}

export async function queueTracks(trackIds: readonly number[], what: string, position: 'next' | 'end' = 'end'): Promise<void> {
  if (trackIds.length === 0) return;
  await enqueueTracks([...trackIds], position);
  notify('info', position === 'next' ? `${what} plays next.` : `${what} added to the queue.`);
}
