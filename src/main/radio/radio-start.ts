/**
 * Starting a radio from a seed: its first picks, previewed (the queue untouched) or played (the queue
 * replaced: a one-song seed first, then the picks), which makes it the playing radio.
 */
import type { RadioOptions, RadioSeed, RadioSession } from '../../shared/domain';
import type { RadioContext } from './radio-deps';
import { validRadioOptions } from './radio-options';
import { computePicks } from './radio-picks';
import { radioEntries } from './radio-queue';
import { resolveSeedTracks } from './seeds';

/** The radio the seed would start, without touching the queue (radio id 0). */
export async function previewRadio(ctx: RadioContext, seed: RadioSeed, options?: Partial<RadioOptions>): Promise<RadioSession> {
  const opts = validRadioOptions(options);
  const seedTrackIds = resolveSeedTracks(ctx.deps.db, seed);
  const { picks, relaxed, coverage } = await computePicks(ctx.deps, ctx.gate, { seedTrackIds, options: opts, exclude: new Set(), recentArtists: [] });
  return { radioId: 0, seed, seedTrackIds, options: opts, picks, relaxed, coverage, ...ctx.gate.takeNotice() };
}

/** Starts the radio: it plays from now on, in place of the queue, and the windows are told. */
export async function playSimilar(ctx: RadioContext, seed: RadioSeed, options?: Partial<RadioOptions>): Promise<RadioSession> {
  const { deps, gate, state } = ctx;
  const opts = validRadioOptions(options);
  const seedTrackIds = resolveSeedTracks(deps.db, seed);
  const { picks, relaxed, coverage } = await computePicks(deps, gate, { seedTrackIds, options: opts, exclude: new Set(), recentArtists: [] });
  const radioId = deps.db.radio.create(seed, opts);
  state.begin({ radioId, seed, seedTrackIds, options: opts, relaxed, coverage });
  // A radio from one song starts with that song; from several, with the picks.
  const lead = seed.kind === 'track' ? [seed.trackId] : [];
  await deps.playback.replaceQueueWith([
    ...lead.map((trackId) => ({ trackId, origin: { kind: 'user' as const } })),
    ...radioEntries(picks, radioId),
  ], 0);
  const session = { radioId, seed, seedTrackIds, options: opts, picks, relaxed, coverage, ...gate.takeNotice() };
  state.fire(session);
  return session;
}
