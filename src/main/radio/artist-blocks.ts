/**
 * Keeping an artist out of every radio, and letting them back: a block also takes the artist's upcoming
 * radio picks out of the queue, remembered with their places so that an undo puts them back.
 */
import type { ArtistUnblocked } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { LibraryDb } from '../db/library-db';
import type { RadioContext } from './radio-deps';
import { upcomingRadioEntries } from './radio-queue';
import { takeOut, type TakenOutEntry } from './steer';

/** The blocked artists' names in lower case (a block holds whatever the spelling). */
export function blockedArtistKeys(db: LibraryDb): Set<string> {
  return new Set(db.radio.blockedArtists().map((a) => a.toLowerCase()));
}

export class ArtistBlocks {
  /** What each block took out of the playing radio's queue, by artist (lower case), for its undo. */
  private readonly blockUndo = new Map<string, { radioId: number; entries: TakenOutEntry[] }>();

  constructor(private readonly ctx: RadioContext) {
    // A new radio has nothing of the last one's queue to put back.
    ctx.state.onBegin(() => this.blockUndo.clear());
  }

  async setBlocked(artist: string, blocked: boolean): Promise<string[]> {
    const { db, playback } = this.ctx.deps;
    if (typeof artist !== 'string' || artist.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'Name the artist to block.');
    if (typeof blocked !== 'boolean') throw new SoundlikeError('INVALID_ARGUMENT', 'blocked must be true or false.');
    db.radio.setArtistBlocked(artist.trim(), blocked);
    const key = artist.trim().toLowerCase();
    this.blockUndo.delete(key);
    if (blocked) {
      // Take the artist's upcoming picks out of the queue too (kept, with their places, for an undo).
      const queue = await playback.getQueue();
      const upcoming = upcomingRadioEntries(queue, (i) => db.tracks.byId(i.trackId)?.artist?.toLowerCase() === key);
      if (upcoming.length) {
        const active = this.ctx.state.active;
        if (active) this.blockUndo.set(key, { radioId: active.radioId, entries: takeOut(queue.items, new Set(upcoming.map((i) => i.id))) });
        await playback.removeFromQueue(upcoming.map((i) => i.id));
      }
    }
    return db.radio.blockedArtists();
  }

  async undoBlock(artist: string): Promise<ArtistUnblocked> {
    const { db, playback } = this.ctx.deps;
    if (typeof artist !== 'string' || artist.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'Name the artist to let back in.');
    const key = artist.trim().toLowerCase();
    const undo = this.blockUndo.get(key);
    this.blockUndo.delete(key);
    // Blocked names are kept as typed: let back in whichever spelling blocked this artist.
    for (const name of db.radio.blockedArtists().filter((a) => a.toLowerCase() === key)) db.radio.setArtistBlocked(name, false);
    let restored = 0;
    if (undo && this.ctx.state.active?.radioId === undo.radioId) {
      // Put back only what is not queued again since (an extension may have picked a song meanwhile).
      const queue = await playback.getQueue();
      const queued = new Set(queue.items.slice(queue.currentIndex + 1).map((i) => i.trackId));
      const entries = undo.entries.filter((e) => !queued.has(e.trackId));
      if (entries.length) {
        const state = await playback.placeBackWith(entries);
        const back = new Set(entries.map((e) => e.trackId));
        restored = state.items.slice(state.currentIndex + 1).filter((i) => back.has(i.trackId)).length;
      }
    }
    return { blocked: db.radio.blockedArtists(), restored };
  }

  async list(): Promise<string[]> {
    return this.ctx.deps.db.radio.blockedArtists();
  }
}
