/**
 * RadioService: "play similar sounding". Songs are compared as sets of moments: the index worker finds
 * candidate songs (the summed seed, as the design ranks fragments, plus one query per spread seed moment)
 * and re-ranks them exactly by the symmetric Chamfer similarity of their fragments with the seed's, in a
 * sound space fitted to this library (index-worker.ts); skipped and "less like this" songs count against
 * what resembles them. Then: the queue rules (rank.ts), the explanation of each pick (explain.ts), the
 * queue. The radio extends itself as its queue drains, and comes back after a restart (active-radio.ts).
 */
import type { RadioService } from '../../shared/contract';
import { RADIO_DEFAULTS, RADIO_TUNABLES, SONIC_PATH } from '../../shared/defaults';
import type {
  ArtistUnblocked, QueueItem, QueueState, RadioFeedbackKind, RadioOptions, RadioPick, RadioSeed, RadioSession, RadioSteer, SonicMap, SonicPath, SonicPathOptions, Track,
} from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { AnalysisServiceImpl } from '../analysis/analysis-service';
import type { LibraryDb } from '../db/library-db';
import { Emitter } from '../events';
import type { PlaybackServiceImpl } from '../playback/playback-service';
import { clearActiveRadio, remainingSeedTracks, restoreActiveRadio, saveActiveRadio, type ActiveRadio } from './active-radio';
import { explainPick, matchedMoments } from './explain';
import { resolveSeedTracks, seedFragments } from './seeds';
import { explainPath, validPathRequest } from './sonic-path-explain';
import type { IndexConfig, IndexStats } from './index-protocol';
import { selectPicks, selectPicksRelaxing, songKey, type Candidate, type RelaxableRule } from './rank';
import { changedPicks, takeOut, type TakenOutEntry } from './steer';
import type { VectorIndex } from './vector-index';

export interface RadioDeps {
  db: LibraryDb;
  /** Fires when tracks leave or join the library (their fragments go or come with them). */
  onDidChangeTracks?: (listener: () => void) => () => void;
  analysis: AnalysisServiceImpl;
  playback: PlaybackServiceImpl;
  index: VectorIndex;
  vectorsDir: string;
  /** Overrides of the index tunables (benchmarks: an exact index, an exhaustive re-rank, no library map). */
  indexTunables?: { exactLimit?: number; nprobe?: number; libraryMap?: IndexConfig['libraryMap']; exhaustive?: boolean };
  /** The data folder is open read-only (another process owns it): the stored radio is read, never cleared. */
  readOnly?: boolean;
}

function validOptions(input: Partial<RadioOptions> | undefined): RadioOptions {
  const given = Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== undefined));
  const o = { ...RADIO_DEFAULTS, ...given } as RadioOptions;
  if (!Number.isInteger(o.count) || o.count < 1 || o.count > 200) throw new SoundlikeError('INVALID_ARGUMENT', 'count must be a whole number from 1 to 200.');
  if (typeof o.adventure !== 'number' || !(o.adventure >= 0 && o.adventure <= 1)) throw new SoundlikeError('INVALID_ARGUMENT', 'adventure must be a number from 0 (close) to 1 (varied).');
  if (!Number.isInteger(o.artistGap) || o.artistGap < 0 || o.artistGap > 50) throw new SoundlikeError('INVALID_ARGUMENT', 'artistGap must be a whole number from 0 to 50.');
  return { count: o.count, adventure: o.adventure, artistGap: o.artistGap };
}

export class RadioServiceImpl implements RadioService {
  private readonly changeEmitter = new Emitter<RadioSession | null>();
  private active: ActiveRadio | null = null;
  private indexDirty = true;
  private extending: Promise<unknown> | null = null;
  private extensionChain: Promise<unknown> = Promise.resolve();
  private readonly subscriptions: (() => void)[];
  /** Songs analysed since the active radio last chose, and the timer that re-ranks its unplayed picks. */
  private analysedSince = 0;
  /** How much of the library is analysed (a count over every track: kept until a track is analysed or changes). */
  private coverageCache: { key: string; value: { analysed: number; total: number } } | null = null;
  private disposed = false;
  /** The index was found damaged and rebuilt: told once, with the next radio (and in the log now). */
  private indexNotice: string | null = null;
  private rerankTimer: NodeJS.Timeout | null = null;
  /** What each block took out of the playing radio's queue, by artist (lower case), for its undo. */
  private blockUndo = new Map<string, { radioId: number; entries: TakenOutEntry[] }>();
  readonly onDidChangeRadio = this.changeEmitter.event;

  constructor(private readonly deps: RadioDeps) {
    const markDirty = () => {
      this.indexDirty = true;
      this.coverageCache = null;
    };
    this.active = restoreActiveRadio(deps.db, !deps.readOnly);
    this.subscriptions = [
      deps.analysis.onDidAnalyseTrack(markDirty),
      deps.analysis.onDidAnalyseTrack((state) => {
        if (state.status === 'done') this.noteAnalysed();
      }),
      deps.onDidChangeTracks?.(markDirty) ?? (() => undefined),
      deps.onDidChangeTracks?.(() => this.endIfSeedGone()) ?? (() => undefined),
      deps.playback.onDidChangeQueue((state) => this.maybeExtend(state.currentIndex, state.items.length, state.items[state.items.length - 1])),
      // A track change carries no entries: read the queue's length and last entry, not the whole queue.
      deps.playback.onDidChangeQueuePosition((position) => {
        const { length, last } = deps.playback.tail();
        this.maybeExtend(position.currentIndex, length, last ?? undefined);
      }),
      deps.playback.onDidRecordPlay((play) => {
        // Leaving a radio pick in its first half minute is a skip: less like that, for this radio.
        if (!play.completed && play.listenedSec < 30) this.noteSkip(play.trackId);
      }),
    ];
  }

  async previewRadio(seed: RadioSeed, options?: Partial<RadioOptions>): Promise<RadioSession> {
    const opts = validOptions(options);
    const seedTrackIds = resolveSeedTracks(this.deps.db, seed);
    const { picks, relaxed, coverage } = await this.compute(seedTrackIds, opts, new Set(), []);
    return { radioId: 0, seed, seedTrackIds, options: opts, picks, relaxed, coverage, ...this.takeIndexNotice() };
  }

  async playSimilar(seed: RadioSeed, options?: Partial<RadioOptions>): Promise<RadioSession> {
    const opts = validOptions(options);
    const seedTrackIds = resolveSeedTracks(this.deps.db, seed);
    const { picks, relaxed, coverage } = await this.compute(seedTrackIds, opts, new Set(), []);
    const radioId = this.deps.db.radio.create(seed, opts);
    this.active = { radioId, seed, seedTrackIds, options: opts, relaxed, coverage };
    saveActiveRadio(this.deps.db, this.active);
    this.analysedSince = 0;
    this.blockUndo.clear();
    // A radio from one song starts with that song; from several, with the picks.
    const lead = seed.kind === 'track' ? [seed.trackId] : [];
    await this.deps.playback.replaceQueueWith([
      ...lead.map((trackId) => ({ trackId, origin: { kind: 'user' as const } })),
      ...picks.map((p) => ({ trackId: p.trackId, origin: { kind: 'radio' as const, radioId, explanation: p.explanation } })),
    ], 0);
    const session = { radioId, seed, seedTrackIds, options: opts, picks, relaxed, coverage, ...this.takeIndexNotice() };
    this.changeEmitter.fire(session);
    return session;
  }

  /** Extensions run one at a time, each reading the queue the previous one left (no duplicates). */
  extendRadio(count?: number): Promise<QueueState> {
    const run = this.extensionChain.catch(() => undefined).then(() => this.extendNow(count));
    this.extensionChain = run;
    return run;
  }

  private async extendNow(count?: number): Promise<QueueState> {
    const active = this.requireActive();
    const queue = await this.deps.playback.getQueue();
    const queued = new Set(queue.items.map((i) => i.trackId));
    const recentArtists = (active.options.artistGap > 0 ? queue.items.slice(-active.options.artistGap) : []).map((i) => this.deps.db.tracks.byId(i.trackId)?.artist ?? null);
    const { picks, relaxed, coverage } = await this.compute(active.seedTrackIds, { ...active.options, count: count ?? active.options.count }, queued, recentArtists, active.radioId);
    const newlyRelaxed = relaxed.filter((r) => !active.relaxed.includes(r));
    if (this.active === active && (newlyRelaxed.length || coverage.analysed !== active.coverage.analysed)) {
      active.relaxed = [...active.relaxed, ...newlyRelaxed];
      active.coverage = coverage;
      saveActiveRadio(this.deps.db, active);
      this.changeEmitter.fire(await this.getActiveRadio());
    }
    return this.deps.playback.enqueueWith(picks.map((p) => ({ trackId: p.trackId, origin: { kind: 'radio' as const, radioId: active.radioId, explanation: p.explanation } })));
  }

  async radioFeedback(trackId: number, kind: RadioFeedbackKind): Promise<RadioSteer> {
    if (kind !== 'skip' && kind !== 'less') throw new SoundlikeError('INVALID_ARGUMENT', "Feedback is 'skip' or 'less'.");
    const active = this.requireActive();
    if (!Number.isInteger(trackId) || !this.deps.db.tracks.byId(trackId)) throw new SoundlikeError('UNKNOWN_TRACK', `No track has id ${String(trackId)}.`);
    this.deps.db.radio.addFeedback(active.radioId, trackId, kind);
    if (kind === 'skip') return { session: await this.getActiveRadio(), changed: 0, upcoming: (await this.upcomingPicks(active)).length };
    // "Less like this": the song leaves what is queued, and the unplayed picks (chosen before the listener
    // said so) are chosen again with it counting against what resembles it.
    return this.steer(active, trackId, async () => {
      const queue = await this.deps.playback.getQueue();
      const upcoming = queue.items.slice(queue.currentIndex + 1).filter((i) => i.origin.kind === 'radio' && i.trackId === trackId);
      if (upcoming.length) await this.deps.playback.removeFromQueue(upcoming.map((i) => i.id));
    });
  }

  async setRadioOptions(options: Partial<RadioOptions>): Promise<RadioSteer> {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new SoundlikeError('INVALID_ARGUMENT', 'Radio options must be an object such as {"adventure": 0.5}.');
    }
    const active = this.requireActive();
    const known: (keyof RadioOptions)[] = ['count', 'adventure', 'artistGap'];
    const given = Object.fromEntries(known.filter((k) => Object.hasOwn(options, k)).map((k) => [k, options[k]]));
    const next = validOptions({ ...active.options, ...given });
    return this.steer(active, null, async () => {
      active.options = next;
      this.deps.db.radio.setOptions(active.radioId, next);
    });
  }

  /** Runs `change`, re-ranks the unplayed picks, and counts how many of them changed. */
  private async steer(active: ActiveRadio, takenOut: number | null, change: () => Promise<void>): Promise<RadioSteer> {
    const before = (await this.upcomingPicks(active)).map((i) => i.trackId);
    await change();
    await this.rerankUpcoming();
    const after = (await this.upcomingPicks(active)).map((i) => i.trackId);
    return { session: await this.getActiveRadio(), changed: changedPicks(before, after, new Set(takenOut === null ? [] : [takenOut])), upcoming: after.length };
  }

  /** The radio's picks after the playing entry. */
  private async upcomingPicks(active: ActiveRadio): Promise<QueueItem[]> {
    const queue = await this.deps.playback.getQueue();
    return queue.items.slice(queue.currentIndex + 1).filter((i) => i.origin.kind === 'radio' && i.origin.radioId === active.radioId);
  }

  async setArtistBlocked(artist: string, blocked: boolean): Promise<string[]> {
    if (typeof artist !== 'string' || artist.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'Name the artist to block.');
    if (typeof blocked !== 'boolean') throw new SoundlikeError('INVALID_ARGUMENT', 'blocked must be true or false.');
    this.deps.db.radio.setArtistBlocked(artist.trim(), blocked);
    const key = artist.trim().toLowerCase();
    this.blockUndo.delete(key);
    if (blocked) {
      // Take the artist's upcoming picks out of the queue too (kept, with their places, for an undo).
      const queue = await this.deps.playback.getQueue();
      const upcoming = queue.items.slice(queue.currentIndex + 1)
        .filter((i) => i.origin.kind === 'radio' && this.deps.db.tracks.byId(i.trackId)?.artist?.toLowerCase() === key);
      if (upcoming.length) {
        if (this.active) this.blockUndo.set(key, { radioId: this.active.radioId, entries: takeOut(queue.items, new Set(upcoming.map((i) => i.id))) });
        await this.deps.playback.removeFromQueue(upcoming.map((i) => i.id));
      }
    }
    return this.deps.db.radio.blockedArtists();
  }

  async undoBlockArtist(artist: string): Promise<ArtistUnblocked> {
    if (typeof artist !== 'string' || artist.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'Name the artist to let back in.');
    const key = artist.trim().toLowerCase();
    const undo = this.blockUndo.get(key);
    this.blockUndo.delete(key);
    // Blocked names are kept as typed: let back in whichever spelling blocked this artist.
    for (const name of this.deps.db.radio.blockedArtists().filter((a) => a.toLowerCase() === key)) this.deps.db.radio.setArtistBlocked(name, false);
    let restored = 0;
    if (undo && this.active?.radioId === undo.radioId) {
      // Put back only what is not queued again since (an extension may have picked a song meanwhile).
      const queue = await this.deps.playback.getQueue();
      const queued = new Set(queue.items.slice(queue.currentIndex + 1).map((i) => i.trackId));
      const entries = undo.entries.filter((e) => !queued.has(e.trackId));
      if (entries.length) {
        const state = await this.deps.playback.placeBackWith(entries);
        const back = new Set(entries.map((e) => e.trackId));
        restored = state.items.slice(state.currentIndex + 1).filter((i) => back.has(i.trackId)).length;
      }
    }
    return { blocked: this.deps.db.radio.blockedArtists(), restored };
  }

  async listBlockedArtists(): Promise<string[]> {
    return this.deps.db.radio.blockedArtists();
  }

  async getActiveRadio(): Promise<RadioSession | null> {
    if (!this.active) return null;
    const queue = await this.deps.playback.getQueue();
    const picks: RadioPick[] = queue.items
      .filter((i): i is QueueItem & { origin: { kind: 'radio'; radioId: number; explanation: RadioPick['explanation'] } } => i.origin.kind === 'radio' && i.origin.radioId === this.active?.radioId && i.origin.explanation !== null)
      .map((i) => ({ trackId: i.trackId, explanation: i.origin.explanation }));
    return { ...this.active, picks };
  }

  async stopRadio(): Promise<void> {
    this.active = null;
    if (!this.deps.readOnly) clearActiveRadio(this.deps.db);
    this.clearRerank();
    this.changeEmitter.fire(null);
  }

  async getSonicMap(): Promise<SonicMap> {
    await this.openIndex();
    // The manifest decides which tag group may colour the map (older ones: 'family'); its class order is the legend's.
    const { group: colourGroup, classes: colourClasses } = await this.deps.analysis.mapColouring();
    const map = await this.deps.index.sonicMap(colourGroup);
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

  /** A walk from one song to another (sonic-path.ts), explained (sonic-path-explain.ts) and, unless previewed, queued. */
  async playSonicPath(fromTrackId: number, toTrackId: number, options?: Partial<SonicPathOptions>): Promise<SonicPath> {
    const { db, analysis, index, playback } = this.deps;
    const opts = validPathRequest(db, fromTrackId, toTrackId, options);
    await analysis.analyseNow([fromTrackId, toTrackId]); // the two ends must be heard; a clear error if one cannot be
    const facts = await analysis.modelFacts();
    await this.openIndex(facts);
    // Songs on a missing drive and blocked artists' songs are not walked through.
    const blocked = new Set(db.radio.blockedArtists().map((a) => a.toLowerCase()));
    const excludeTrackIds = db.tracks.all().filter((t) => !t.available || (t.artist !== null && blocked.has(t.artist.toLowerCase()))).map((t) => t.id);
    const result = await index.sonicPath({ fromTrackId, toTrackId, count: opts.count, excludeTrackIds, poolPerStep: SONIC_PATH.poolPerStep, wholeLibrary: SONIC_PATH.wholeLibrary });
    const scale = (await index.pairScale(RADIO_TUNABLES.closeness.pairs)).scores;
    const { steps, arrival } = explainPath(db, fromTrackId, toTrackId, result, { groups: facts.shownTagGroups, measured: facts.measuredTagGroups }, scale);
    if (!opts.play) return { fromTrackId, toTrackId, steps, arrival, options: opts, radioId: 0 };
    // The walk's entries carry a radio id of their own (their explanations show as a radio pick's); it never extends itself.
    const radioId = db.radio.create({ kind: 'tracks', trackIds: [fromTrackId, toTrackId] }, { count: opts.count, adventure: 0, artistGap: 0 });
    if (this.active) await this.stopRadio();
    await playback.replaceQueueWith([
      { trackId: fromTrackId, origin: { kind: 'user' as const } },
      ...steps.map((s) => ({ trackId: s.trackId, origin: { kind: 'radio' as const, radioId, explanation: s.explanation } })),
      { trackId: toTrackId, origin: arrival ? { kind: 'radio' as const, radioId, explanation: arrival } : { kind: 'user' as const } },
    ], 0);
    return { fromTrackId, toTrackId, steps, arrival, options: opts, radioId };
  }

  /** Index facts (kind, size, bytes per vector) for status and benchmarks. */
  async indexStats(): Promise<IndexStats | null> {
    return this.deps.index.stats();
  }

  /** Closing forgets the radio here only: the stored one comes back with the next start. */
  dispose(): void {
    this.disposed = true;
    this.active = null;
    this.clearRerank();
    this.subscriptions.forEach((unsubscribe) => unsubscribe());
    this.changeEmitter.dispose();
  }

  /** The radio's ranked picks: the search, the rules (and which had to be relaxed), the explanations. */
  async compute(seedTrackIds: number[], options: RadioOptions, exclude: Set<number>, recentArtists: (string | null)[], radioId?: number): Promise<{ picks: RadioPick[]; relaxed: RelaxableRule[]; coverage: { analysed: number; total: number } }> {
    const { db, analysis, index } = this.deps;
    // A song that cannot be analysed spoils a one-song radio, but only drops out of a bigger seed.
    const states = await analysis.analyseSeeds(seedTrackIds);
    const usable = states.filter((s) => s.status === 'done').map((s) => s.trackId);
    if (usable.length === 0) {
      const failed = states.find((s) => s.status !== 'done');
      throw new SoundlikeError('NOT_ANALYSED', `The sound of ${seedTrackIds.length === 1 ? 'this track' : 'the seed songs'} could not be analysed: ${failed?.error ?? 'unknown reason'}`,
        'Try another track; the file may be damaged, missing, or in a format ffmpeg cannot read.');
    }
    seedTrackIds = usable;
    // The model's facts once per radio: the index's version, the tags shown, the coverage all come from them.
    const facts = await analysis.modelFacts();
    await this.openIndex(facts);
    const feedback = radioId ? db.radio.feedback(radioId) : [];
    const excluded = new Set([...seedTrackIds, ...exclude, ...feedback.map((f) => f.trackId), ...db.radio.playedSince(Date.now() - RADIO_TUNABLES.recentPlayMs)]);
    const search = (limit: number, attempt: number) => index.similar({
      seedTrackIds, negativeTrackIds: feedback.map((f) => f.trackId), excludeTrackIds: [...excluded], limit,
      negativeWeight: RADIO_TUNABLES.negativeWeight, breadth: 4 ** attempt, exhaustive: this.deps.indexTunables?.exhaustive,
    });
    let limit = Math.max(RADIO_TUNABLES.minPicksRanked, options.count * RADIO_TUNABLES.rankedPerPick);
    // The index worker searches while this thread reads what the rules and the explanations need.
    let searching = search(limit, 0);
    searching.catch(() => undefined); // awaited below; not an unhandled rejection if this thread throws first
    const seeds = seedFragments(this.deps.db, seedTrackIds);
    if (seeds.length === 0) throw new SoundlikeError('NOT_ANALYSED', 'The seed songs have no analysed sound yet.', 'Let the analysis finish, then try again.');
    const seedTracks = seedTrackIds.map((id) => db.tracks.byId(id)).filter((t): t is Track => t !== null);
    const usedTitleKeys = new Set(seedTracks.map(songKey));
    for (const t of db.tracks.byIds([...exclude]).values()) usedTitleKeys.add(songKey(t));
    const artistsBefore = recentArtists.length ? recentArtists : seedTracks.map((t) => t.artist);

    const blocked = new Set(db.radio.blockedArtists().map((a) => a.toLowerCase()));
    let picks: Candidate[] = [];
    let candidates: Candidate[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) searching = search(limit, attempt);
      const result = await searching;
      // A song that left the library (the index not refreshed yet), sits on a missing drive, or is by a
      // blocked artist is skipped.
      const trackOf = db.tracks.byIds(result.tracks.map((s) => s.trackId));
      candidates = result.tracks.flatMap((s): Candidate[] => {
        const track = trackOf.get(s.trackId);
        const best = s.pairs[0];
        if (!best || !track?.available || (track.artist && blocked.has(track.artist.toLowerCase()))) return [];
        return [{ trackId: s.trackId, fragmentId: best.pickFragmentId, score: s.score, artist: track.artist, titleKey: songKey(track), pairs: s.pairs }];
      });
      if (options.adventure > 0) {
        for (const c of candidates.slice(0, options.count * 6)) c.vector = db.analysis.fragment(c.fragmentId)?.vector;
      }
      picks = selectPicks(candidates, { count: options.count, adventure: options.adventure, artistGap: options.artistGap, recentArtists: artistsBefore, usedTitleKeys });
      // Enough picks, or the library has nothing more to give.
      if (picks.length >= options.count || result.tracks.length < limit) break;
      limit *= 4;
    }
    // The rules could not fill the queue from every candidate there is: relax them, in order, and say so.
    let relaxed: RelaxableRule[] = [];
    if (picks.length < options.count) {
      ({ picks, relaxed } = selectPicksRelaxing(candidates, { count: options.count, adventure: options.adventure, artistGap: options.artistGap, recentArtists: artistsBefore, usedTitleKeys }));
    }
    const display = { groups: facts.shownTagGroups, measured: facts.measuredTagGroups };
    // The library's own scale for each pick's closeness (closeness.ts; cached in the worker until the index changes).
    const scale = (await index.pairScale(RADIO_TUNABLES.closeness.pairs)).scores;
    // Seed fragments already in hand are not read again for the explanations; the picks' are read in one query.
    const known = new Map(seeds.map((f) => [f.id, f]));
    const wanted = new Set(picks.flatMap((c) => [c.fragmentId, ...(c.pairs ?? []).flatMap((p) => [p.seedFragmentId, p.pickFragmentId])]).filter((id) => !known.has(id)));
    for (const [id, fragment] of db.analysis.fragmentsByIds([...wanted])) known.set(id, fragment);
    return {
      relaxed,
      coverage: this.coverage(facts.version),
      picks: picks.flatMap((c) => {
        // The explanation stands on the closest matched pair (distances in the model's own space).
        const { matches, closestPick } = matchedMoments(db, c.pairs ?? [], display, known);
        const fragment = closestPick ?? known.get(c.fragmentId) ?? db.analysis.fragment(c.fragmentId);
        return fragment ? [{ trackId: c.trackId, explanation: explainPick(fragment, seeds, display, { matches, songSimilarity: c.score, scale }) }] : [];
      }),
    };
  }

  private coverage(version: { modelSha: string; featureVersion: number; stepSec: number }): { analysed: number; total: number } {
    const key = `${version.modelSha}/${version.featureVersion}/${version.stepSec}`;
    if (this.coverageCache?.key !== key) this.coverageCache = { key, value: this.deps.db.analysis.coverage(version) };
    return this.coverageCache.value;
  }

  /** A song was analysed: while the active radio could not hear the whole library, re-rank its unplayed picks soon. */
  private noteAnalysed(): void {
    const active = this.active;
    if (!active || active.coverage.analysed >= active.coverage.total) return;
    this.analysedSince++;
    if (this.analysedSince >= RADIO_TUNABLES.rerankAfterAnalysed) {
      this.clearRerank();
      void this.rerankUpcoming().catch((error) => {
        if (!this.disposed) console.error('[soundlike] radio re-rank failed:', error);
      });
    } else {
      this.rerankTimer ??= setTimeout(() => {
        this.rerankTimer = null;
        void this.rerankUpcoming().catch((error) => {
          if (!this.disposed) console.error('[soundlike] radio re-rank failed:', error);
        });
      }, RADIO_TUNABLES.rerankAfterMs);
    }
  }

  private clearRerank(): void {
    if (this.rerankTimer) clearTimeout(this.rerankTimer);
    this.rerankTimer = null;
  }

  /**
   * Re-ranks the active radio's picks not played yet with every song analysed so far: the ones heard (and
   * the one playing) stay, the rest are chosen again, as many as there were (at least the radio's count).
   * Runs in the extension chain, so it never races an extension.
   */
  rerankUpcoming(): Promise<QueueState | null> {
    const run = this.extensionChain.catch(() => undefined).then(async () => {
      const active = this.active;
      this.analysedSince = 0;
      if (!active) return null;
      const queue = await this.deps.playback.getQueue();
      const cut = queue.currentIndex + 1;
      const mine = (i: QueueItem) => i.origin.kind === 'radio' && i.origin.radioId === active.radioId;
      // The user took the queue over (no pick of this radio left in a queue of other songs): leave it be.
      if (!queue.items.some(mine) && queue.items.length > 1) return null;
      const upcoming = queue.items.slice(cut).filter(mine);
      const kept = queue.items.filter((i, at) => at < cut || !mine(i));
      const recentArtists = (active.options.artistGap > 0 ? queue.items.slice(0, cut).slice(-active.options.artistGap) : []).map((i) => this.deps.db.tracks.byId(i.trackId)?.artist ?? null);
      const count = Math.max(upcoming.length, active.options.count);
      const { picks, relaxed, coverage } = await this.compute(active.seedTrackIds, { ...active.options, count }, new Set(kept.map((i) => i.trackId)), recentArtists, active.radioId);
      if (this.active !== active) return null;
      active.relaxed = [...new Set([...active.relaxed, ...relaxed])];
      active.coverage = coverage;
      saveActiveRadio(this.deps.db, active);
      if (upcoming.length) await this.deps.playback.removeFromQueue(upcoming.map((i) => i.id));
      const state = await this.deps.playback.enqueueWith(picks.map((p) => ({ trackId: p.trackId, origin: { kind: 'radio' as const, radioId: active.radioId, explanation: p.explanation } })));
      this.changeEmitter.fire(await this.getActiveRadio());
      return state;
    });
    this.extensionChain = run;
    return run;
  }

  /** `facts` when the caller has them already; the manifest's facts are enough (no encoder is loaded). */
  private async openIndex(facts?: { version: { modelSha: string; featureVersion: number; stepSec: number }; embeddingSize: number }): Promise<void> {
    const { version, embeddingSize } = facts ?? await this.deps.analysis.modelFacts();
    const wasOpen = this.deps.index.isOpen;
    const stats = await this.deps.index.open({
      databasePath: this.deps.db.file, dir: this.deps.vectorsDir, modelSha: version.modelSha, featureVersion: version.featureVersion,
      stepSec: version.stepSec, embeddingSize,
      exactLimit: this.deps.indexTunables?.exactLimit ?? RADIO_TUNABLES.exactLimit,
      nprobe: this.deps.indexTunables?.nprobe ?? RADIO_TUNABLES.nprobe,
      rebuildTombstoneShare: RADIO_TUNABLES.rebuildTombstoneShare,
      libraryMap: this.deps.indexTunables?.libraryMap === undefined ? { ...RADIO_TUNABLES.libraryMap } : this.deps.indexTunables.libraryMap,
      rerank: { ...RADIO_TUNABLES.rerank },
    });
    // Opening compares the saved index with SQLite and brings it up to date: no refresh needed then.
    if (!wasOpen) this.indexDirty = false;
    if (!wasOpen && stats.damage) {
      this.indexNotice = `The radio's saved index was damaged (${stats.damage}), so it was rebuilt from the library database. ` +
        'Nothing was lost: the radio is as it was.';
      console.warn(`[soundlike] ${this.indexNotice}`);
    }
    if (this.indexDirty) {
      this.indexDirty = false;
      await this.deps.index.refresh();
    }
  }

  /** The pending index notice, as a session field, once. */
  private takeIndexNotice(): { notice?: string } {
    const notice = this.indexNotice;
    this.indexNotice = null;
    return notice ? { notice } : {};
  }

  private requireActive(): ActiveRadio {
    if (!this.active) throw new SoundlikeError('INVALID_ARGUMENT', 'No radio is playing.', 'Start one with "play similar sounding".');
    return this.active;
  }

  /** Every seed song left the library: the radio has nothing to sound like, so it ends (its banner goes). */
  private endIfSeedGone(): void {
    const active = this.active;
    if (!active || this.deps.readOnly) return;
    if (remainingSeedTracks(this.deps.db, active.seedTrackIds).length === 0) void this.stopRadio();
  }

  private noteSkip(trackId: number): void {
    const active = this.active;
    if (!active) return;
    // Only this track's entries are read: a skip is a track change, which must not cost the whole queue.
    if (this.deps.playback.entriesOfTrack(trackId).some((i) => i.origin.kind === 'radio' && i.origin.radioId === active.radioId)) {
      this.deps.db.radio.addFeedback(active.radioId, trackId, 'skip');
    }
  }

  private maybeExtend(currentIndex: number, length: number, last: QueueItem | undefined): void {
    const active = this.active;
    if (!active || this.extending || currentIndex < 0) return;
    if (!last || last.origin.kind !== 'radio' || last.origin.radioId !== active.radioId) return; // the user took over the queue
    if (length - currentIndex - 1 > RADIO_TUNABLES.extendWhenLeft) return;
    this.extending = this.extendRadio().catch((error) => {
      if (!this.disposed) console.error('[soundlike] radio extension failed:', error);
    }).finally(() => {
      this.extending = null;
    });
  }
}
