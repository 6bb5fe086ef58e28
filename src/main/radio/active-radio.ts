/**
 * The playing radio, kept in the database so it outlives a restart of the app, the web host or the
 * service host: the queue comes back from SQLite, and so must the radio that refills it and its banner.
 * Its seed, options (the adventure setting) and feedback ("less like this") already live in the radios
 * tables; kv 'radio.active' says which radio plays, the seed's songs as they were resolved when it
 * started (a playlist or the liked songs may have changed since), and what the banner says.
 * Not part of user-data.json: without the queue (which that file does not keep either) a radio is nothing
 * to come back to, and its steering is there already as the radio's feedback.
 */
import type { RadioOptions, RadioSeed } from '../../shared/domain';
import type { LibraryDb } from '../db/library-db';
import type { RelaxableRule } from './rank';

export const ACTIVE_RADIO_KEY = 'radio.active';

/** The radio that plays, as the radio service holds it. */
export interface ActiveRadio {
  radioId: number;
  seed: RadioSeed;
  seedTrackIds: number[];
  options: RadioOptions;
  /** Rules relaxed to fill the queue so far (the banner says so). */
  relaxed: RelaxableRule[];
  /** Songs analysed / all songs when the radio last chose (the banner says how much it could hear). */
  coverage: { analysed: number; total: number };
}

/** What kv keeps: the rest of an ActiveRadio is read from its row in `radios`. */
export interface StoredActiveRadio {
  radioId: number;
  seedTrackIds: number[];
  relaxed: RelaxableRule[];
  coverage: { analysed: number; total: number };
}

const RULES: readonly RelaxableRule[] = ['artist-gap', 'same-song'];
const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** The stored value if it has the shape written by saveActiveRadio, else null (a damaged row is no radio). */
export function parseStoredActiveRadio(value: unknown): StoredActiveRadio | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const coverage = v.coverage as Record<string, unknown> | null | undefined;
  if (!isId(v.radioId) || !Array.isArray(v.seedTrackIds) || v.seedTrackIds.length === 0 || !v.seedTrackIds.every(isId)) return null;
  if (!Array.isArray(v.relaxed) || !v.relaxed.every((r) => RULES.includes(r as RelaxableRule))) return null;
  if (typeof coverage !== 'object' || coverage === null || !isCount(coverage.analysed) || !isCount(coverage.total)) return null;
  return { radioId: v.radioId, seedTrackIds: v.seedTrackIds, relaxed: v.relaxed as RelaxableRule[], coverage: { analysed: coverage.analysed, total: coverage.total } };
}

export function saveActiveRadio(db: LibraryDb, active: ActiveRadio): void {
  const stored: StoredActiveRadio = { radioId: active.radioId, seedTrackIds: active.seedTrackIds, relaxed: active.relaxed, coverage: active.coverage };
  db.kv.set(ACTIVE_RADIO_KEY, stored);
}

export function clearActiveRadio(db: LibraryDb): void {
  db.kv.set(ACTIVE_RADIO_KEY, null);
}

/** The seed songs still in the library (none: the radio has nothing left to sound like). */
export function remainingSeedTracks(db: LibraryDb, seedTrackIds: readonly number[]): number[] {
  const gone = new Set(db.tracks.missing(seedTrackIds));
  return seedTrackIds.filter((id) => !gone.has(id));
}

/**
 * The radio that played when the services last stopped, if it can go on: its row is there, a seed song is
 * still in the library and the queue still holds its picks. Otherwise the stored one is cleared, quietly
 * (the user sees a plain queue, as they left it, or another one they chose since).
 */
export function restoreActiveRadio(db: LibraryDb, canWrite: boolean): ActiveRadio | null {
  const raw = db.kv.get<unknown>(ACTIVE_RADIO_KEY);
  if (raw === undefined || raw === null) return null;
  const stored = parseStoredActiveRadio(raw);
  const row = stored ? db.radio.get(stored.radioId) : null;
  const seedTrackIds = stored ? remainingSeedTracks(db, stored.seedTrackIds) : [];
  if (!stored || !row || seedTrackIds.length === 0 || !db.queue.holdsRadio(stored.radioId)) {
    // A folder opened read-only (another process owns it) is not written; its owner clears it.
    if (canWrite) clearActiveRadio(db);
    return null;
  }
  return { radioId: stored.radioId, seed: row.seed, seedTrackIds, options: row.options, relaxed: stored.relaxed, coverage: stored.coverage };
}
