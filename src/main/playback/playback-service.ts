/**
 * PlaybackService: the play queue, persisted in SQLite so it survives restarts, and listening history.
 * The audio itself plays in the renderer; it reports where it is with setCurrentIndex and recordPlay.
 * A track change writes one kv row and announces a QueuePosition, so it costs the same at any queue length;
 * other edits announce only what changed (a QueueEdit) across process boundaries, and the whole queue
 * only when it was replaced. In-process listeners (the radio) get the whole state on every change.
 */
import type { PlaybackService } from '../../shared/contract';
import type { PlayRecord, QueueEdit, QueueItem, QueueItemOrigin, QueuePosition, QueueState } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { LibraryDb } from '../db/library-db';
import { requireIds, requireKnownTracks } from '../db/known-tracks';
import { Emitter } from '../events';
import { placeBack, type PlaceBackEntry } from './place-back';
import { diffQueue, sameEntries } from './queue-diff';

/** The current entry, kept by id and position so deleting tracks around it cannot shift it. */
const CURRENT_KEY = 'queue.current';
const NEXT_ITEM_KEY = 'queue.nextItemId';

interface StoredCurrent {
  itemId: number;
  position: number;
}

/** An edit's outcome: the whole state for main-side callers, the edit for clients across a boundary. */
interface Saved {
  state: QueueState;
  edit: QueueEdit | null;
}

function requireInteger(value: unknown, what: string): number {
  if (!Number.isInteger(value)) throw new SoundlikeError('INVALID_ARGUMENT', `${what} must be a whole number.`);
  return value as number;
}

export class PlaybackServiceImpl implements PlaybackService {
  private readonly queueEmitter = new Emitter<QueueState>();
  private readonly replaceEmitter = new Emitter<QueueState>();
  private readonly editEmitter = new Emitter<QueueEdit>();
  private readonly positionEmitter = new Emitter<QueuePosition>();
  private readonly playEmitter = new Emitter<PlayRecord>();
  /** Counts every announced change (edits, replacements, track changes): an edit applies onto version - 1. */
  private version = 1;
  /**
   * The entries as last announced: edits are told against them (a library change may already have taken
   * entries out of the database unannounced), and a library change is announced only if it touched them.
   * Null until the first announcement.
   */
  private announced: readonly QueueItem[] | null = null;
  /**
   * Main-side (the radio extends itself on it): the whole state after every change. In process it costs
   * nothing to hand over; the contract view (playback-contract.ts) sends onDidReplaceQueue and
   * onDidEditQueue across process boundaries instead.
   */
  readonly onDidChangeQueue = this.queueEmitter.event;
  /** The queue was replaced: the whole state (the contract's onDidChangeQueue). */
  readonly onDidReplaceQueue = this.replaceEmitter.event;
  readonly onDidEditQueue = this.editEmitter.event;
  readonly onDidChangeQueuePosition = this.positionEmitter.event;
  /** Main-side only (not in the contract): a play was recorded; the radio reads skips from it. */
  readonly onDidRecordPlay = this.playEmitter.event;

  constructor(private readonly db: LibraryDb) {}

  async getQueue(): Promise<QueueState> {
    const state = this.state();
    // Before any announcement, what a client fetched is what it holds: the next edit is told against it.
    this.announced ??= state.items.slice();
    return state;
  }

  async replaceQueue(trackIds: number[], startIndex: number): Promise<QueueState> {
    const ids = this.existingTracks(requireIds(trackIds, 'trackIds must be a list of whole-number ids.'));
    requireInteger(startIndex, 'startIndex');
    const firstId = this.takeItemIds(ids.length);
    const items = ids.map((trackId, i) => ({ id: firstId + i, trackId, origin: { kind: 'user' as const } }));
    const current = items.length === 0 ? -1 : Math.min(Math.max(0, startIndex), items.length - 1);
    return this.save(items, current, null).state;
  }

  async enqueue(trackIds: number[], position: 'next' | 'end'): Promise<QueueEdit> {
    if (position !== 'next' && position !== 'end') {
      throw new SoundlikeError('INVALID_ARGUMENT', `position must be 'next' or 'end', not ${JSON.stringify(position)}.`);
    }
    const ids = this.existingTracks(requireIds(trackIds, 'trackIds must be a list of whole-number ids.'));
    if (position === 'end') return editOf(this.append(ids.map((trackId) => ({ trackId, origin: { kind: 'user' } }))));
    const { items, currentIndex } = this.state();
    let nextId = this.takeItemIds(ids.length);
    const added: QueueItem[] = ids.map((trackId) => ({ id: nextId++, trackId, origin: { kind: 'user' } }));
    const at = currentIndex >= 0 ? currentIndex + 1 : items.length;
    const merged = [...items.slice(0, at), ...added, ...items.slice(at)];
    return editOf(this.save(merged, currentIndex === -1 && merged.length > 0 ? 0 : currentIndex, this.announced ?? items));
  }

  async removeFromQueue(itemIds: number[]): Promise<QueueEdit> {
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
    return editOf(this.save(kept, kept.length === 0 ? -1 : index, this.announced ?? items));
  }

  async moveInQueue(itemId: number, toIndex: number): Promise<QueueEdit> {
    requireInteger(itemId, 'itemId');
    requireInteger(toIndex, 'toIndex');
    const { items, currentIndex } = this.state();
    const from = items.findIndex((item) => item.id === itemId);
    if (from === -1) throw new SoundlikeError('INVALID_ARGUMENT', `The queue has no entry ${itemId}.`, 'The queue changed; try again.');
    const current = items[currentIndex];
    const moved = [...items];
    const [item] = moved.splice(from, 1);
    moved.splice(Math.min(Math.max(0, toIndex), moved.length), 0, item);
    return editOf(this.save(moved, current ? moved.findIndex((i) => i.id === current.id) : currentIndex, this.announced ?? items));
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

  /** Answers with the (empty) state; clients across a boundary get it as an edit that takes every entry out. */
  async clearQueue(): Promise<QueueState> {
    return this.save([], -1, this.baseItems()).state;
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
    if (this.announced && sameEntries(this.announced, state.items)) return;
    this.version++;
    this.announce({ ...state, version: this.version }, this.announced);
  }

  /** Replaces the queue with entries that carry their origin (a radio's picks and explanations). */
  async replaceQueueWith(entries: { trackId: number; origin: QueueItemOrigin }[], startIndex: number): Promise<QueueState> {
    this.existingTracks(entries.map((e) => e.trackId));
    const firstId = this.takeItemIds(entries.length);
    const items = entries.map((e, i) => ({ id: firstId + i, trackId: e.trackId, origin: e.origin }));
    return this.save(items, items.length === 0 ? -1 : Math.min(Math.max(0, startIndex), items.length - 1), null).state;
  }

  /** Appends entries that carry their origin. */
  async enqueueWith(entries: { trackId: number; origin: QueueItemOrigin }[]): Promise<QueueState> {
    this.existingTracks(entries.map((e) => e.trackId));
    return this.append(entries).state;
  }

  /** Main-side: puts entries taken out earlier back where they stood (undoing a block); see place-back.ts. */
  async placeBackWith(entries: PlaceBackEntry[]): Promise<QueueState> {
    // A track that left the library meanwhile is not put back (the rest still are).
    const gone = new Set(this.db.tracks.missing([...new Set(entries.map((e) => e.trackId))]));
    const { items, currentIndex } = this.state();
    const placed = placeBack(items, currentIndex, entries.filter((e) => !gone.has(e.trackId)), this.takeItemIds(entries.length));
    const current = items[currentIndex];
    return this.save(placed, current ? placed.findIndex((i) => i.id === current.id) : currentIndex, this.announced ?? items).state;
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
    this.replaceEmitter.dispose();
    this.editEmitter.dispose();
    this.positionEmitter.dispose();
    this.playEmitter.dispose();
  }

  /** Adds entries at the end, writing only their rows; an empty queue's first entry becomes current. */
  private append(entries: { trackId: number; origin: QueueItemOrigin }[]): Saved {
    const before = this.baseItems();
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
    return { state, edit: this.announce(state, before) };
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

  /** The entries clients were last told of (read from the database when nothing was announced yet). */
  private baseItems(): readonly QueueItem[] {
    return this.announced ?? this.state().items;
  }

  /** Stores the queue; `before` is what it was (an edit is announced) or null (replaced: the whole state). */
  private save(items: QueueItem[], currentIndex: number, before: readonly QueueItem[] | null): Saved {
    const current: StoredCurrent | null = currentIndex >= 0 && items[currentIndex] ? { itemId: items[currentIndex].id, position: currentIndex } : null;
    this.db.transaction(() => {
      this.db.queue.replace(items);
      this.db.kv.set(CURRENT_KEY, current);
    });
    this.version++;
    // What was just written, not read back (a read of a 200k-entry queue costs a few hundred ms).
    const state: QueueState = { items, currentIndex: current ? currentIndex : -1, version: this.version };
    return { state, edit: this.announce(state, before) };
  }

  /**
   * Tells clients what changed since `before` (the whole state when null), then in-process listeners.
   * Clients first: a listener that edits the queue at once must not get its edit out ahead of this one.
   */
  private announce(state: QueueState, before: readonly QueueItem[] | null): QueueEdit | null {
    // A copy: the state itself goes to callers and listeners, and what they do with it is theirs.
    this.announced = state.items.slice();
    let edit: QueueEdit | null = null;
    if (before === null) {
      this.replaceEmitter.fire(state);
    } else {
      const { items, currentIndex, version } = state;
      edit = { baseVersion: version - 1, version, ops: diffQueue(before, items), currentIndex, length: items.length };
      this.editEmitter.fire(edit);
    }
    this.queueEmitter.fire(state);
    return edit;
  }
}

function editOf(saved: Saved): QueueEdit {
  // Every edit path passes the queue it started from, so an edit is always announced.
  if (!saved.edit) throw new SoundlikeError('INTERNAL', 'A queue edit was stored without announcing what changed.');
  return saved.edit;
}

