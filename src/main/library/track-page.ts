/** Checks a listTrackPage request from a client (a page or the web host may send anything). */
import type { TrackPageRequest } from '../../shared/contract';
import { SoundlikeError } from '../../shared/errors';

/** The largest page: a first screen needs ~40 rows; more than this is what listTracks is for. */
export const MAX_TRACK_PAGE = 1000;

export function validPage(page: unknown): TrackPageRequest {
  const { offset, limit } = (typeof page === 'object' && page !== null ? page : {}) as Record<string, unknown>;
  if (!Number.isSafeInteger(offset) || (offset as number) < 0) {
    throw new SoundlikeError('INVALID_ARGUMENT', 'A track page offset is a whole number, 0 or more.');
  }
  if (!Number.isSafeInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_TRACK_PAGE) {
    throw new SoundlikeError('INVALID_ARGUMENT', `A track page holds 1 to ${MAX_TRACK_PAGE} tracks.`);
  }
  return { offset: offset as number, limit: limit as number };
}
