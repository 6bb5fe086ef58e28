/** What a radio starts from: the seed's tracks, and the fragments that stand for them. */
import { RADIO_TUNABLES } from '../../shared/defaults';
import type { RadioSeed } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import { requireKnownTracks } from '../db/known-tracks';
import type { LibraryDb } from '../db/library-db';
import type { FragmentRow } from '../db/queries/analysis';
import { spreadSample } from './rank';

/** The seed's track ids (deduplicated), or a clear error for an empty or unknown seed. */
export function resolveSeedTracks(db: LibraryDb, seed: RadioSeed): number[] {
  let ids: number[];
  if (seed?.kind === 'track' && Number.isInteger(seed.trackId)) ids = [seed.trackId];
  else if (seed?.kind === 'tracks' && Array.isArray(seed.trackIds) && seed.trackIds.every(Number.isInteger) && seed.trackIds.length > 0) ids = [...new Set(seed.trackIds)];
  else if (seed?.kind === 'playlist' && Number.isInteger(seed.playlistId)) {
    if (!db.playlists.summary(seed.playlistId)) throw new SoundlikeError('UNKNOWN_PLAYLIST', `No playlist has id ${seed.playlistId}.`, 'Refresh the playlist list.');
    ids = [...new Set(db.playlists.trackIds(seed.playlistId))];
    if (ids.length === 0) throw new SoundlikeError('INVALID_ARGUMENT', 'That playlist is empty.', 'Add songs to it first.');
  } else if (seed?.kind === 'liked') {
    ids = db.radio.likedTrackIds();
    if (ids.length === 0) throw new SoundlikeError('INVALID_ARGUMENT', 'You have no liked songs yet.', 'Like a few songs, then start the liked-songs radio.');
  } else {
    throw new SoundlikeError('INVALID_ARGUMENT', 'A radio needs a seed: one track, several tracks, a playlist, or the liked songs.');
  }
  return requireKnownTracks(db, ids);
}

/** The seed songs' fragments: all of them, or an even spread when there are many. */
export function seedFragments(db: LibraryDb, trackIds: number[]): FragmentRow[] {
  const perTrack = Math.max(4, Math.floor(RADIO_TUNABLES.maxSeedFragments / trackIds.length));
  const all = trackIds.flatMap((id) => spreadSample(db.analysis.fragmentsOfTrack(id), perTrack));
  return spreadSample(all, RADIO_TUNABLES.maxSeedFragments);
}
