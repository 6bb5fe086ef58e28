/**
 * PlaybackService: the play queue, persisted in SQLite so it survives restarts, and listening history.
 * The audio itself plays in the renderer; it reports where it is with setCurrentIndex and recordPlay.
 * A track change writes one kv row and announces a QueuePosition, so it costs the same at any queue length.
 */
import type { PlaybackService } from '../../shared/contract';
import type { PlayRecord, QueueItem, QueueItemOrigin, QueuePosition, QueueState } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { LibraryDb } from '../db/library-db';
import { requireIds, requireKnownTracks } from '../db/known-tracks';
import { Emitter } from '../events';
import { placeBack, type PlaceBackEntry } from './place-back';

/** The current entry, kept by id and position so deleting tracks around it cannot shift it. */
const CURRENT_KEY = 'queue.current';
const NEXT_ITEM_KEY = 'queue.nextItemId';

interface StoredCurrent {
  itemId: number;
  position: number;
}

function requireInteger(value: unknown, what: string): number {
  if (!Number.isInteger(value)) throw new SoundlikeError('INVALID_ARGUMENT', `${what} must be a whole number.`);
  return value as number;
}

export class PlaybackServiceImpl implements PlaybackService {
  private readonly queueEmitter = new Emitter<QueueState>();
  private readonly positionEmitter = new Emitter<QueuePosition>();
  private readonly playEmitter = new Emitter<PlayRecord>();
  private version = 1;
  /** Entry ids of the last announced queue (to tell whether a library change touched it). */
  private lastAnnounced = '';
  readonly onDidChangeQueue = this.queueEmitter.event;
  readonly onDidChangeQueuePosition = this.positionEmitter.event;
  /** Main-side only (not in the contract): a play was recorded; the radio reads skips from it. */
  readonly onDidRecordPlay = this.playEmitter.event;

  constructor(private readonly db: LibraryDb) {}

  async getQueue(): Promise<QueueState> {
    return this.state();
  }

  async replaceQueue(trackIds: number[], startIndex: number): Promise<QueueState> {
    const ids = this.existingTracks(requireIds(trackIds, 'trackIds must be a list of whole-number ids.'));
    requireInteger(startIndex, 'startIndex');
    const firstId = this.takeItemIds(ids.length);
    const items = ids.map((trackId, i) => ({ id: firstId + i, trackId, origin: { kind: 'user' as const } }));
    const current = items.length === 0 ? -1 : Math.min(Math.max(0, startIndex), items.length - 1);
    return this.save(items, current);
  }

  async enqueue(trackIds: number[], position: 'next' | 'end'): Promise<QueueState> {
    if (position !== 'next' && position !== 'end') {
      throw new SoundlikeError('INVALID_ARGUMENT', `position must be 'next' or 'end', not ${JSON.stringify(position)}.`);
    }
    const ids = this.existingTracks(requireIds(trackIds, 'trackIds must be a list of whole-number ids.'));
    if (position === 'end') return this.append(ids.map((trackId) => ({ trackId, origin: { kind: 'user' } })));
    const { items, currentIndex } = this.state();
    let nextId = this.takeItemIds(ids.length);
    const added: QueueItem[] = ids.map((trackId) => ({ id: nextId++, trackId, origin: { kind: 'user' } }));
    const at = currentIndex >= 0 ? currentIndex + 1 : items.length;
    const merged = [...items.slice(0, at), ...added, ...items.slice(at)];
    return this.save(merged, currentIndex === -1 && merged.length > 0 ? 0 : currentIndex);
  }

  async removeFromQueue(itemIds: number[]): Promise<QueueState> {
    const remove = new Set(requireIds(itemIds, 'itemIds must be a list of whole-number ids.'));
    const { items, currentIndex } = this.state();
    const current = items[currentIndex];
    const kept = items.filter((item) => !remove.has(item.id));
    let index = current ? kept.findIndex((item) => item.id === current.id) : -1;
    if (current && index === -1) {
      // The playing entry was removed: what followed it becomes current.
      const removedBefore = items.slice(0, currentIndex).filter((item) => remove.has(item.id)).length;
      index = Math.min(currentIndex - removedBefore, kept.length - 1);
    }
    return this.save(kept, kept.length === 0 ? -1 : index);
  }

  async moveInQueue(itemId: number, toIndex: number): Promise<QueueState> {
    requireInteger(itemId, 'itemId');
    requireInteger(toIndex, 'toIndex');
    const { items, currentIndex } = this.state();
    const from = items.findIndex((item) => item.id === itemId);
    if (from === -1) throw new SoundlikeError('INVALID_ARGUMENT', `The queue has no entry ${itemId}.`, 'The queue changed; try again.');
    const current = items[currentIndex];
    const moved = [...items];
    const [item] = moved.splice(from, 1);
    moved.splice(Math.min(Math.max(0, toIndex), moved.length), 0, item);
    return this.save(moved, current ? moved.findIndex((i) => i.id === current.id) : currentIndex);
  }

  async setCurrentIndex(index: number): Promise<QueuePosition> {
    const slot = Number.isInteger(index) && index >= 0 ? this.db.queue.atIndex(index) : null;
    if (!Number.isInteger(index) || index < -1 || (index >= 0 && !slot)) {
      throw new SoundlikeError('INVALID_ARGUMENT', `Queue position ${index} does not exist (the queue has ${this.db.queue.count()} entries).`,
        'The queue changed meanwhile; pick the track again.');
    }
    const current: StoredCurrent | null = slot ? { itemId: slot.id, position: slot.position } : null;
    this.db.kv.set(CURRENT_KEY, current);
    this.version++;
    const position: QueuePosition = { currentIndex: index, itemId: slot?.id ?? null, version: this.version };
    this.positionEmitter.fire(position);
    return position;
  }

  async clearQueue(): Promise<QueueState> {
    return this.save([], -1);
  }

  async recordPlay(record: PlayRecord): Promise<void> {
    if (!record || !Number.isInteger(record.trackId) || !(record.listenedSec >= 0)) {
      throw new SoundlikeError('INVALID_ARGUMENT', 'A play record needs a track id and the seconds listened.');
    }
    if (!this.db.tracks.byId(record.trackId)) return; // the track was removed meanwhile: nothing to keep
    const play = { trackId: record.trackId, listenedSec: record.listenedSec, completed: Boolean(record.completed) };
    this.db.plays.record(play);
    this.playEmitter.fire(play);
  }

  /**
   * The library changed (tracks removed cascade out of the queue): announce the queue if its entries
   * changed, so players stop showing entries that are gone.
   */
  libraryChanged(): void {
    const state = this.state();
    const key = state.items.map((i) => i.id).join(',');
    if (key === this.lastAnnounced) return;
    this.version++;
    this.announce({ ...state, version: this.version });
  }

  /** Replaces the queue with entries that carry their origin (a radio's picks and explanations). */
  async replaceQueueWith(entries: { trackId: number; origin: QueueItemOrigin }[], startIndex: number): Promise<QueueState> {
    this.existingTracks(entries.map((e) => e.trackId));
    const firstId = this.takeItemIds(entries.length);
    const items = entries.map((e, i) => ({ id: firstId + i, trackId: e.trackId, origin: e.origin }));
    return this.save(items, items.length === 0 ? -1 : Math.min(Math.max(0, startIndex), items.length - 1));
  }

  /** Appends entries that carry their origin. */
  async enqueueWith(entries: { trackId: number; origin: QueueItemOrigin }[]): Promise<QueueState> {
    this.existingTracks(entries.map((e) => e.trackId));
    return this.append(entries);
  }

  /** Main-side: puts entries taken out earlier back where they stood (undoing a block); see place-back.ts. */
  async placeBackWith(entries: PlaceBackEntry[]): Promise<QueueState> {
    // A track that left the library meanwhile is not put back (the rest still are).
    const gone = new Set(this.db.tracks.missing([...new Set(entries.map((e) => e.trackId))]));
    const { items, currentIndex } = this.state();
    const placed = placeBack(items, currentIndex, entries.filter((e) => !gone.has(e.trackId)), this.takeItemIds(entries.length));
    const current = items[currentIndex];
    return this.save(placed, current ? placed.findIndex((i) => i.id === current.id) : currentIndex);
  }

  /** Main-side: how long the queue is and its last entry, without reading the rest (the radio extends on it). */
  tail(): { length: number; last: QueueItem | null } {
    return { length: this.db.queue.count(), last: this.db.queue.last() };
  }

  /** Main-side: the entries that play this track. */
  entriesOfTrack(trackId: number): QueueItem[] {
    return this.db.queue.ofTrack(trackId);
  }

  dispose(): void {
    this.queueEmitter.dispose();
    this.positionEmitter.dispose();
    this.playEmitter.dispose();
  }

  /** Adds entries at the end, writing only their rows; an empty queue's first entry becomes current. */
  private append(entries: { trackId: number; origin: QueueItemOrigin }[]): QueueState {
    const firstId = this.takeItemIds(entries.length);
    const added = entries.map((e, i) => ({ id: firstId + i, trackId: e.trackId, origin: e.origin }));
    this.db.transaction(() => {
      // An empty queue may still name the entry it last played (its track left the library): start afresh.
      const hadCurrent = (this.db.kv.get<StoredCurrent | null>(CURRENT_KEY) ?? null) !== null && this.db.queue.count() > 0;
      this.db.queue.append(added);
      const first = this.db.queue.atIndex(0);
      if (!hadCurrent && first) this.db.kv.set(CURRENT_KEY, { itemId: first.id, position: first.position });
    });
    this.version++;
    const state = this.state();
    this.announce(state);
    return state;
  }

  private existingTracks(ids: number[]): number[] {
    return requireKnownTracks(this.db, ids);
  }

  /**
   * Reserves `count` entry ids. Ids never repeat, even across a replaced queue: a player that keys the
   * playing entry by id must see a new queue's first entry as new, not as the old one.
   */
  private takeItemIds(count: number): number {
    const stored = this.db.kv.get<number>(NEXT_ITEM_KEY) ?? 0;
    // MAX in SQL, not Math.max(...ids): spreading a big queue into arguments overflows the stack.
    const first = Math.max(stored, this.db.queue.maxId() + 1, 1);
    this.db.kv.set(NEXT_ITEM_KEY, first + count);
    return first;
  }

  private state(): QueueState {
    const rows = this.db.queue.listWithPositions();
    const items = rows.map((r) => r.item);
    const stored = this.db.kv.get<StoredCurrent | null>(CURRENT_KEY) ?? null;
    let currentIndex = -1;
    if (stored) {
      currentIndex = rows.findIndex((r) => r.item.id === stored.itemId);
      // The current entry's track left the library: what stood after it becomes current.
      if (currentIndex === -1) currentIndex = rows.findIndex((r) => r.position > stored.position);
      if (currentIndex === -1) currentIndex = items.length - 1;
    }
    return { items, currentIndex, version: this.version };
  }

  private save(items: QueueItem[], currentIndex: number): QueueState {
    const current: StoredCurrent | null = currentIndex >= 0 && items[currentIndex] ? { itemId: items[currentIndex].id, position: currentIndex } : null;
    this.db.transaction(() => {
      this.db.queue.replace(items);
      this.db.kv.set(CURRENT_KEY, current);
    });
    this.version++;
    const state = this.state();
    this.announce(state);
    return state;
  }

  private announce(state: QueueState): void {
    this.lastAnnounced = state.items.map((i) => i.id).join(',');
    this.queueEmitter.fire(state);
  }
}
