/**
 * Choosing a radio's picks: the seed analysed, the index searched (wider each time the rules leave the
 * queue short), the candidates filtered and ranked by the queue rules (rank.ts, relaxed in order when they
 * cannot fill it), and each pick explained (explain.ts) on the library's own closeness scale.
 */
import { RADIO_TUNABLES } from '../../shared/defaults';
import type { RadioOptions, RadioPick, Track } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import { blockedArtistKeys } from './artist-blocks';
import { explainPick, matchedMoments } from './explain';
import type { SimilarTrack } from './index-protocol';
import type { RadioDeps } from './radio-deps';
import type { RadioIndexGate } from './radio-index-gate';
import { selectPicks, selectPicksRelaxing, songKey, type Candidate, type RelaxableRule } from './rank';
import { seedFragments } from './seeds';

/** A radio's ranked, explained picks, the rules relaxed to find them, and how much of the library it heard. */
export interface ComputedPicks {
  picks: RadioPick[];
  relaxed: RelaxableRule[];
  coverage: { analysed: number; total: number };
}

/** What the choice is asked for, besides the seed and the options. */
export interface PickRequest {
  seedTrackIds: number[];
  options: RadioOptions;
  /** Songs queued already (or kept by a re-rank): never picked again. */
  exclude: Set<number>;
  /** Artists heard just before the first pick, most recent last; empty: the seed's. */
  recentArtists: (string | null)[];
  /** The playing radio, whose feedback counts; absent for a new radio. */
  radioId?: number;
}

/**
 * The index's answer as rank.ts candidates: a song that left the library (the index not refreshed yet),
 * sits on a missing drive, is by a blocked artist (lower-case names), or has no matched moment is skipped.
 */
export function candidatesFrom(
  tracks: readonly SimilarTrack[],
  trackOf: ReadonlyMap<number, Pick<Track, 'id' | 'title' | 'artist' | 'available'>>,
  blockedArtists: ReadonlySet<string>,
): Candidate[] {
  return tracks.flatMap((s): Candidate[] => {
    const track = trackOf.get(s.trackId);
    const best = s.pairs[0];
    if (!best || !track?.available || (track.artist && blockedArtists.has(track.artist.toLowerCase()))) return [];
    return [{ trackId: s.trackId, fragmentId: best.pickFragmentId, score: s.score, artist: track.artist, titleKey: songKey(track), pairs: s.pairs }];
  });
}

/** The radio's ranked picks: the search, the rules (and which had to be relaxed), the explanations. */
export async function computePicks(deps: RadioDeps, gate: RadioIndexGate, request: PickRequest): Promise<ComputedPicks> {
  const { db, analysis, index } = deps;
  const { options, exclude, recentArtists, radioId } = request;
  // A song that cannot be analysed spoils a one-song radio, but only drops out of a bigger seed.
  const states = await analysis.analyseSeeds(request.seedTrackIds);
  const seedTrackIds = states.filter((s) => s.status === 'done').map((s) => s.trackId);
  if (seedTrackIds.length === 0) {
    const failed = states.find((s) => s.status !== 'done');
    throw new SoundlikeError('NOT_ANALYSED', `The sound of ${request.seedTrackIds.length === 1 ? 'this track' : 'the seed songs'} could not be analysed: ${failed?.error ?? 'unknown reason'}`,
      'Try another track; the file may be damaged, missing, or in a format ffmpeg cannot read.');
  }
  // The model's facts once per radio: the index's version, the tags shown, the coverage all come from them.
  const facts = await analysis.modelFacts();
  await gate.open(facts);
  const feedback = radioId ? db.radio.feedback(radioId) : [];
  const excluded = new Set([...seedTrackIds, ...exclude, ...feedback.map((f) => f.trackId), ...db.radio.playedSince(Date.now() - RADIO_TUNABLES.recentPlayMs)]);
  const search = (limit: number, attempt: number) => index.similar({
    seedTrackIds, negativeTrackIds: feedback.map((f) => f.trackId), excludeTrackIds: [...excluded], limit,
    negativeWeight: RADIO_TUNABLES.negativeWeight, breadth: 4 ** attempt, exhaustive: deps.indexTunables?.exhaustive,
  });
  let limit = Math.max(RADIO_TUNABLES.minPicksRanked, options.count * RADIO_TUNABLES.rankedPerPick);
  // The index worker searches while this thread reads what the rules and the explanations need.
  let searching = search(limit, 0);
  searching.catch(() => undefined); // awaited below; not an unhandled rejection if this thread throws first
  const seeds = seedFragments(db, seedTrackIds);
  if (seeds.length === 0) throw new SoundlikeError('NOT_ANALYSED', 'The seed songs have no analysed sound yet.', 'Let the analysis finish, then try again.');
  const seedTracks = seedTrackIds.map((id) => db.tracks.byId(id)).filter((t): t is Track => t !== null);
  const usedTitleKeys = new Set(seedTracks.map(songKey));
  for (const t of db.tracks.byIds([...exclude]).values()) usedTitleKeys.add(songKey(t));
  const rules = { count: options.count, adventure: options.adventure, artistGap: options.artistGap, recentArtists: recentArtists.length ? recentArtists : seedTracks.map((t) => t.artist), usedTitleKeys };

  const blocked = blockedArtistKeys(db);
  let picks: Candidate[] = [];
  let candidates: Candidate[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt > 0) searching = search(limit, attempt);
    const result = await searching;
    candidates = candidatesFrom(result.tracks, db.tracks.byIds(result.tracks.map((s) => s.trackId)), blocked);
    if (options.adventure > 0) {
      for (const c of candidates.slice(0, options.count * 6)) c.vector = db.analysis.fragment(c.fragmentId)?.vector;
    }
    picks = selectPicks(candidates, rules);
    // Enough picks, or the library has nothing more to give.
    if (picks.length >= options.count || result.tracks.length < limit) break;
    limit *= 4;
  }
  // The rules could not fill the queue from every candidate there is: relax them, in order, and say so.
  let relaxed: RelaxableRule[] = [];
  if (picks.length < options.count) ({ picks, relaxed } = selectPicksRelaxing(candidates, rules));
  const display = { groups: facts.shownTagGroups, measured: facts.measuredTagGroups };
  // The library's own scale for each pick's closeness (closeness.ts; cached in the worker until the index changes).
  const scale = (await index.pairScale(RADIO_TUNABLES.closeness.pairs)).scores;
  // Seed fragments already in hand are not read again for the explanations; the picks' are read in one query.
  const known = new Map(seeds.map((f) => [f.id, f]));
  const wanted = new Set(picks.flatMap((c) => [c.fragmentId, ...(c.pairs ?? []).flatMap((p) => [p.seedFragmentId, p.pickFragmentId])]).filter((id) => !known.has(id)));
  for (const [id, fragment] of db.analysis.fragmentsByIds([...wanted])) known.set(id, fragment);
  return {
    relaxed,
    coverage: gate.coverage(facts.version),
    picks: picks.flatMap((c) => {
      // The explanation stands on the closest matched pair (distances in the model's own space).
      const { matches, closestPick } = matchedMoments(db, c.pairs ?? [], display, known);
      const fragment = closestPick ?? known.get(c.fragmentId) ?? db.analysis.fragment(c.fragmentId);
      return fragment ? [{ trackId: c.trackId, explanation: explainPick(fragment, seeds, display, { matches, songSimilarity: c.score, scale }) }] : [];
    }),
  };
}
