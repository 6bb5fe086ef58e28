/** Checks a list of track ids sent by a client: whole numbers, all in the library. */
import { SoundlikeError } from '../../shared/errors';
import type { LibraryDb } from './library-db';

export function requireIds(ids: unknown, message: string): number[] {
  if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id))) throw new SoundlikeError('INVALID_ARGUMENT', message);
  return ids as number[];
}

/** The ids, unchanged, or UNKNOWN_TRACK naming the first few that are not in the library. */
export function requireKnownTracks(db: LibraryDb, ids: number[]): number[] {
  // Each distinct id once (a queue may hold a few tracks many times over), all in one statement.
  const missing = db.tracks.missing([...new Set(ids)]);
  if (missing.length > 0) {
    throw new SoundlikeError('UNKNOWN_TRACK', `Unknown track id(s): ${missing.slice(0, 5).join(', ')}.`, 'The library changed; refresh it.');
  }
  return ids;
}
