/**
 * The play queue, owned by main. Queues hold up to a whole library, so only a replaced queue comes whole
 * (onDidChangeQueue); an edit answers and announces what changed (a QueueEdit, applied onto the version it
 * names) and a track change only the position. `version` decides which is newer so an old answer never
 * overwrites a fresh event, and a gap (a missed event) refetches the queue.
 */
import { create } from 'zustand';
import type { QueueEdit, QueueItem, QueuePosition, QueueState } from '../../../shared/domain';
import { applyQueueEdit } from '../../../shared/queue-edit';
import { api } from '../api';
import { applyPosition } from '../lib/queue-math';
import { attempt } from './notify-store';
import { requestAutoplay } from './player-store';
import { stopRadio, useRadioStore } from './radio-store';

export const useQueueStore = create<QueueState>(() => ({ items: [], currentIndex: -1, version: -1 }));

/** `force` takes a full reload as truth even if its version is lower (main restarted, counter reset). */
export function applyQueue(state: QueueState, force = false): void {
  if (force || state.version >= useQueueStore.getState().version) useQueueStore.setState(state, true);
}

/** A track change from main: moves the current entry, or refetches the queue if this copy is behind. */
export function applyQueuePosition(position: QueuePosition): void {
  const next = applyPosition(useQueueStore.getState(), position);
  if (next === 'reload') void loadQueue();
  else if (next !== 'stale') useQueueStore.setState(next, true);
}

/** An edit from main (its event, or the answer to a command here): applied once, or the queue is refetched. */
export function applyQueueChange(edit: QueueEdit): void {
  const next = applyQueueEdit(useQueueStore.getState(), edit);
  if (next === 'reload') void loadQueue();
  else if (next !== 'stale') useQueueStore.setState(next, true);
}

async function run(call: () => Promise<QueueState>, context: string): Promise<void> {
  const state = await attempt(call, context);
  if (state) applyQueue(state);
}

async function runEdit(call: () => Promise<QueueEdit>, context: string): Promise<void> {
  const edit = await attempt(call, context);
  if (edit) applyQueueChange(edit);
}

export async function loadQueue(): Promise<void> {
  const state = await attempt(() => api.playback.getQueue(), 'Loading the queue failed');
  if (state) applyQueue(state, true);
}

/** Replaces the queue with `trackIds` and plays the one at `startIndex`. */
export async function playTracks(trackIds: number[], startIndex: number): Promise<void> {
  if (trackIds.length === 0) return;
  requestAutoplay();
  // A new queue ends the radio (its banner goes): it would otherwise keep extending the new queue with its picks.
  if (useRadioStore.getState().session) await stopRadio();
  await run(() => api.playback.replaceQueue(trackIds, startIndex), 'Could not start playback');
}

export async function enqueueTracks(trackIds: number[], position: 'next' | 'end'): Promise<void> {
  await runEdit(() => api.playback.enqueue(trackIds, position), 'Could not add to the queue');
}

export async function removeFromQueue(itemIds: number[]): Promise<void> {
  await runEdit(() => api.playback.removeFromQueue(itemIds), 'Could not remove from the queue');
}

export async function moveInQueue(itemId: number, toIndex: number): Promise<void> {
  await runEdit(() => api.playback.moveInQueue(itemId, toIndex), 'Could not move the queue entry');
}

/** Jumps to queue entry `index`; `play` starts it (a click), false just moves (e.g. end of queue). */
export async function setCurrentIndex(index: number, play = true): Promise<void> {
  if (play) requestAutoplay();
  // Optimistic: the player switches at once, and a gapless hand-over is not undone by the old index
  // while main's answer is in flight. Main's answer (a newer version) then replaces this.
  if (index >= 0 && index < useQueueStore.getState().items.length) useQueueStore.setState({ currentIndex: index });
  const position = await attempt(() => api.playback.setCurrentIndex(index), 'Could not change track');
  if (position) applyQueuePosition(position);
  else await loadQueue(); // undo the optimistic index
}

export async function clearQueue(): Promise<void> {
  await run(() => api.playback.clearQueue(), 'Could not clear the queue');
}

export function currentItem(): QueueItem | null {
  const { items, currentIndex } = useQueueStore.getState();
  return items[currentIndex] ?? null;
}

export const useQueueItems = (): QueueItem[] => useQueueStore((s) => s.items);
export const useCurrentIndex = (): number => useQueueStore((s) => s.currentIndex);
export const useCurrentTrackId = (): number | null =>
  useQueueStore((s) => s.items[s.currentIndex]?.trackId ?? null);
