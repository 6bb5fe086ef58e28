/**
 * The sonic path's request checked and its answer explained: each step like a radio pick (explain.ts),
 * with the song before it on the walk as its seed, so the user reads which moment leads to which.
 */
import { SONIC_PATH } from '../../shared/defaults';
import type { PickExplanation, SonicPathOptions, SonicPathStep } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { TagDisplay } from '../../engine/manifest';
import type { LibraryDb } from '../db/library-db';
import type { FragmentRow } from '../db/queries/analysis';
import { explainPick, matchedMoments } from './explain';
import type { PathFragmentPair, PathResultMessage } from './index-protocol';
import { seedFragments } from './seeds';

/** The two songs and the options, or a clear error (every argument comes from a page or a terminal). */
export function validPathRequest(db: LibraryDb, fromTrackId: unknown, toTrackId: unknown, options: Partial<SonicPathOptions> | undefined): SonicPathOptions {
  for (const id of [fromTrackId, toTrackId]) {
    if (!Number.isInteger(id)) throw new SoundlikeError('INVALID_ARGUMENT', 'A sonic path needs two track ids.');
    if (!db.tracks.byId(id as number)) throw new SoundlikeError('UNKNOWN_TRACK', `No track has id ${String(id)}.`, 'Refresh the library.');
  }
  if (fromTrackId === toTrackId) throw new SoundlikeError('INVALID_ARGUMENT', 'A sonic path needs two different songs.', 'Choose another song to walk to.');
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new SoundlikeError('INVALID_ARGUMENT', 'options must be an object.');
  const count = options?.count ?? SONIC_PATH.count;
  if (!Number.isInteger(count) || count < 1 || count > SONIC_PATH.maxCount) {
    throw new SoundlikeError('INVALID_ARGUMENT', `count must be a whole number from 1 to ${SONIC_PATH.maxCount}.`);
  }
  const play = options?.play ?? true;
  if (typeof play !== 'boolean') throw new SoundlikeError('INVALID_ARGUMENT', 'play must be true or false.');
  return { count, play };
}

/**
 * `pick` explained against `seedTrackId`: the matched pairs the worker found, the explanation standing
 * on the closest of them. Null when the fragments are gone (a re-analysis between the two reads).
 */
function explainLink(db: LibraryDb, seedTrackId: number, pickTrackId: number, pairs: PathFragmentPair[], songSimilarity: number, display: TagDisplay,
  seedsOf: (trackId: number) => FragmentRow[], scale?: ArrayLike<number>): PickExplanation | null {
  const seeds = seedsOf(seedTrackId);
  const known = new Map(seeds.map((f) => [f.id, f]));
  const { matches, closestPick } = matchedMoments(db, pairs, display, known);
  const fragment = closestPick ?? db.analysis.fragmentsOfTrack(pickTrackId)[0] ?? null;
  return fragment && seeds.length ? explainPick(fragment, seeds, display, { matches, songSimilarity, scale }) : null;
}

/**
 * The worker's walk as steps and arrival, each explained against the song before it; with the library's
 * scale of song-pair scores (closeness.ts), each step's closeness reads as a radio pick's does.
 */
export function explainPath(db: LibraryDb, fromTrackId: number, toTrackId: number, result: PathResultMessage, display: TagDisplay,
  scale?: ArrayLike<number>): { steps: SonicPathStep[]; arrival: PickExplanation | null } {
  const cache = new Map<number, FragmentRow[]>();
  const seedsOf = (trackId: number) => {
    let rows = cache.get(trackId);
    if (!rows) cache.set(trackId, (rows = seedFragments(db, [trackId])));
    return rows;
  };
  const steps: SonicPathStep[] = [];
  let previous = fromTrackId;
  for (const step of result.steps) {
    const explanation = explainLink(db, previous, step.trackId, step.pairs, step.fromPrevious, display, seedsOf, scale);
    if (!explanation) continue;
    steps.push({ trackId: step.trackId, explanation, toStart: step.toStart, toEnd: step.toEnd });
    previous = step.trackId;
  }
  // A step left out above breaks the chain the arrival was measured on: it is explained on its own then.
  const lastWorkerStep = result.steps.length ? result.steps[result.steps.length - 1].trackId : fromTrackId;
  const arrival = previous === lastWorkerStep ? explainLink(db, previous, toTrackId, result.arrival.pairs, result.arrival.fromPrevious, display, seedsOf, scale) : null;
  return { steps, arrival };
}
