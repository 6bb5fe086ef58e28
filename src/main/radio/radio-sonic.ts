/**
 * The radio's other views of the sound space: the library as a 2-D map, and a sonic path, a walk from one
 * song to another (sonic-path.ts) explained step by step (sonic-path-explain.ts) and, unless previewed, queued.
 */
import { RADIO_TUNABLES, SONIC_PATH } from '../../shared/defaults';
import type { SonicMap, SonicPath, SonicPathOptions } from '../../shared/domain';
import { blockedArtistKeys } from './artist-blocks';
import type { RadioContext } from './radio-deps';
import { explainPath, validPathRequest } from './sonic-path-explain';

/** The library's sound as a 2-D map (computed in the index worker, cached there until analysis changes). */
export async function sonicMap({ deps, gate }: RadioContext): Promise<SonicMap> {
  await gate.open();
  // The manifest decides which tag group may colour the map (older ones: 'family'); its class order is the legend's.
  const { group: colourGroup, classes: colourClasses } = await deps.analysis.mapColouring();
  const map = await deps.index.sonicMap(colourGroup);
  return {
    points: Array.from(map.trackIds, (trackId, i) => ({
      trackId, x: Math.round(map.xy[i * 2] * 1e4) / 1e4, y: Math.round(map.xy[i * 2 + 1] * 1e4) / 1e4, tag: map.tags[i],
    })),
    method: 'principal components of each track\'s mean fragment vector',
    explainedVariance: Math.round(map.explainedVariance * 1000) / 1000,
    colourGroup,
    colourClasses,
  };
}

/** A walk from one song to another, explained and, unless previewed, queued in place of the queue (any radio stops). */
export async function sonicPath({ deps, gate, state }: RadioContext, fromTrackId: number, toTrackId: number, options?: Partial<SonicPathOptions>): Promise<SonicPath> {
  const { db, analysis, index, playback } = deps;
  const opts = validPathRequest(db, fromTrackId, toTrackId, options);
  await analysis.analyseNow([fromTrackId, toTrackId]); // the two ends must be heard; a clear error if one cannot be
  const facts = await analysis.modelFacts();
  await gate.open(facts);
  // Songs on a missing drive and blocked artists' songs are not walked through.
  const blocked = blockedArtistKeys(db);
  const excludeTrackIds = db.tracks.all().filter((t) => !t.available || (t.artist !== null && blocked.has(t.artist.toLowerCase()))).map((t) => t.id);
  const result = await index.sonicPath({ fromTrackId, toTrackId, count: opts.count, excludeTrackIds, poolPerStep: SONIC_PATH.poolPerStep, wholeLibrary: SONIC_PATH.wholeLibrary });
  const scale = (await index.pairScale(RADIO_TUNABLES.closeness.pairs)).scores;
  const { steps, arrival } = explainPath(db, fromTrackId, toTrackId, result, { groups: facts.shownTagGroups, measured: facts.measuredTagGroups }, scale);
  if (!opts.play) return { fromTrackId, toTrackId, steps, arrival, options: opts, radioId: 0 };
  // The walk's entries carry a radio id of their own (their explanations show as a radio pick's); it never extends itself.
  const radioId = db.radio.create({ kind: 'tracks', trackIds: [fromTrackId, toTrackId] }, { count: opts.count, adventure: 0, artistGap: 0 });
  if (state.active) await state.stop();
  await playback.replaceQueueWith([
    { trackId: fromTrackId, origin: { kind: 'user' as const } },
    ...steps.map((s) => ({ trackId: s.trackId, origin: { kind: 'radio' as const, radioId, explanation: s.explanation } })),
    { trackId: toTrackId, origin: arrival ? { kind: 'radio' as const, radioId, explanation: arrival } : { kind: 'user' as const } },
  ], 0);
  return { fromTrackId, toTrackId, steps, arrival, options: opts, radioId };
}
