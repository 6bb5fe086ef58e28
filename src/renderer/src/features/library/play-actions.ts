/** What the library's rows do: play from here (the visible rows become the queue), play next, enqueue. */
import { enqueueTracks, playTracks } from '../../stores/queue-store';
import { useBrowseStore, visibleTrackIds } from '../../stores/browse-store';

/** Queues every row on screen in its current order and starts at `trackId`. */
export function playFromVisible(trackId: number): void {
  const ids = visibleTrackIds();
  const index = ids.indexOf(trackId);
  if (index === -1) void playTracks([trackId], 0);
  else void playTracks(ids, index);
}

export function playSelected(): void {
  const id = useBrowseStore.getState().selectedTrackId;
  if (id !== null) playFromVisible(id);
}

export function playNext(trackId: number): void {
  void enqueueTracks([trackId], 'next');
}

export function addToQueue(trackId: number): void {
  void enqueueTracks([trackId], 'end');
}
