/**
 * RadioService: "play similar sounding". The design's score for a candidate fragment is the sum of its
 * cosine distances to the seed fragments, d(c) = sum_s (1 - c.s) = |S| - c.(sum_s s) for unit vectors,
 * so ranking every fragment by d is exactly one inner-product search with the sum of the seed vectors
 * (negative feedback subtracts the skipped songs' vectors). Then: drop the seed songs, keep each song's
 * best fragment, apply the queue rules (rank.ts), explain each pick (explain.ts), queue it. The radio
 * extends itself as its queue drains, and skips count against what resembles them.
 */
import type { RadioService } from '../../shared/contract';
import { RADIO_DEFAULTS, RADIO_TUNABLES } from '../../shared/defaults';
import type { QueueItem, QueueState, RadioFeedbackKind, RadioOptions, RadioPick, RadioSeed, RadioSession, SonicMap, Track } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { AnalysisServiceImpl } from '../analysis/analysis-service';
import type { LibraryDb } from '../db/library-db';
import { Emitter } from '../events';
import type { PlaybackServiceImpl } from '../playback/playback-service';
import { explainPick } from './explain';
import { resolveSeedTracks, seedFragments } from './seeds';
import type { IndexStats } from './index-protocol';
import { bestPerTrack, selectPicks, spreadSample, titleKey, type Candidate, type Hit } from './rank';
import type { VectorIndex } from './vector-index';

export interface RadioDeps {
  db: LibraryDb;
  /** Fires when tracks leave or join the library (their fragments go or come with them). */
  onDidChangeTracks?: (listener: () => void) => () => void;
  analysis: AnalysisServiceImpl;
  playback: PlaybackServiceImpl;
  index: VectorIndex;
  vectorsDir: string;
  /** Overrides of the index tunables (the benchmark builds an exact index for ground truth). */
  indexTunables?: { exactLimit?: number; nprobe?: number };
}

interface ActiveRadio {
  radioId: number;
  seed: RadioSeed;
  seedTrackIds: number[];
  options: RadioOptions;
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
  readonly onDidChangeRadio = this.changeEmitter.event;

  constructor(private readonly deps: RadioDeps) {
    const markDirty = () => {
      this.indexDirty = true;
    };
    this.subscriptions = [
      deps.analysis.onDidAnalyseTrack(markDirty),
      deps.onDidChangeTracks?.(markDirty) ?? (() => undefined),
      deps.playback.onDidChangeQueue((state) => this.maybeExtend(state)),
      deps.playback.onDidRecordPlay((play) => {
        // Leaving a radio pick in its first half minute is a skip: less like that, for this radio.
        if (!play.completed && play.listenedSec < 30) this.noteSkip(play.trackId);
      }),
    ];
  }

  async previewRadio(seed: RadioSeed, options?: Partial<RadioOptions>): Promise<RadioSession> {
    const opts = validOptions(options);
    const seedTrackIds = resolveSeedTracks(this.deps.db, seed);
    const picks = await this.compute(seedTrackIds, opts, new Set(), []);
    return { radioId: 0, seed, seedTrackIds, options: opts, picks };
  }

  async playSimilar(seed: RadioSeed, options?: Partial<RadioOptions>): Promise<RadioSession> {
    const opts = validOptions(options);
    const seedTrackIds = resolveSeedTracks(this.deps.db, seed);
    const picks = await this.compute(seedTrackIds, opts, new Set(), []);
    const radioId = this.deps.db.radio.create(seed, opts);
    this.active = { radioId, seed, seedTrackIds, options: opts };
    // A radio from one song starts with that song; from several, with the picks.
    const lead = seed.kind === 'track' ? [seed.trackId] : [];
    await this.deps.playback.replaceQueueWith([
      ...lead.map((trackId) => ({ trackId, origin: { kind: 'user' as const } })),
      ...picks.map((p) => ({ trackId: p.trackId, origin: { kind: 'radio' as const, radioId, explanation: p.explanation } })),
    ], 0);
    const session = { radioId, seed, seedTrackIds, options: opts, picks };
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
    const picks = await this.compute(active.seedTrackIds, { ...active.options, count: count ?? active.options.count }, queued, recentArtists, active.radioId);
    return this.deps.playback.enqueueWith(picks.map((p) => ({ trackId: p.trackId, origin: { kind: 'radio' as const, radioId: active.radioId, explanation: p.explanation } })));
  }

  async radioFeedback(trackId: number, kind: RadioFeedbackKind): Promise<void> {
    if (kind !== 'skip' && kind !== 'less') throw new SoundlikeError('INVALID_ARGUMENT', "Feedback is 'skip' or 'less'.");
    const active = this.requireActive();
    if (!this.deps.db.tracks.byId(trackId)) throw new SoundlikeError('UNKNOWN_TRACK', `No track has id ${trackId}.`);
    this.deps.db.radio.addFeedback(active.radioId, trackId, kind);
    if (kind === 'less') {
      // "Less like this": also take out the upcoming picks that resemble it most (they were chosen before).
      const queue = await this.deps.playback.getQueue();
      const upcoming = queue.items.slice(queue.currentIndex + 1).filter((i) => i.origin.kind === 'radio' && i.trackId === trackId);
      if (upcoming.length) await this.deps.playback.removeFromQueue(upcoming.map((i) => i.id));
    }
  }

  async setArtistBlocked(artist: string, blocked: boolean): Promise<string[]> {
    if (typeof artist !== 'string' || artist.trim() === '') throw new SoundlikeError('INVALID_ARGUMENT', 'Name the artist to block.');
    if (typeof blocked !== 'boolean') throw new SoundlikeError('INVALID_ARGUMENT', 'blocked must be true or false.');
    this.deps.db.radio.setArtistBlocked(artist.trim(), blocked);
    if (blocked) {
      // Take the artist's upcoming picks out of the queue too.
      const queue = await this.deps.playback.getQueue();
      const key = artist.trim().toLowerCase();
      const upcoming = queue.items.slice(queue.currentIndex + 1)
        .filter((i) => i.origin.kind === 'radio' && this.deps.db.tracks.byId(i.trackId)?.artist?.toLowerCase() === key);
      if (upcoming.length) await this.deps.playback.removeFromQueue(upcoming.map((i) => i.id));
    }
    return this.deps.db.radio.blockedArtists();
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

  /** Index facts (kind, size, bytes per vector) for status and benchmarks. */
  async indexStats(): Promise<IndexStats | null> {
    return this.deps.index.stats();
  }

  dispose(): void {
    this.subscriptions.forEach((unsubscribe) => unsubscribe());
    this.changeEmitter.dispose();
  }

  /** The radio's ranked picks: the search, the rules, the explanations. */
  async compute(seedTrackIds: number[], options: RadioOptions, exclude: Set<number>, recentArtists: (string | null)[], radioId?: number): Promise<RadioPick[]> {
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
    await this.openIndex();
    const seeds = seedFragments(this.deps.db, seedTrackIds);
    if (seeds.length === 0) throw new SoundlikeError('NOT_ANALYSED', 'The seed songs have no analysed sound yet.', 'Let the analysis finish, then try again.');
    const feedback = radioId ? db.radio.feedback(radioId) : [];
    const negatives = feedback.flatMap((f) => spreadSample(db.analysis.fragmentsOfTrack(f.trackId), 8));
    const query = new Float32Array(seeds[0].vector.length);
    for (const s of seeds) for (let i = 0; i < query.length; i++) query[i] += s.vector[i];
    if (negatives.length) {
      const weight = (RADIO_TUNABLES.negativeWeight * seeds.length) / negatives.length;
      for (const n of negatives) for (let i = 0; i < query.length; i++) query[i] -= weight * n.vector[i];
    }
    const excluded = new Set([...seedTrackIds, ...exclude, ...feedback.map((f) => f.trackId), ...db.radio.playedSince(Date.now() - RADIO_TUNABLES.recentPlayMs)]);
    seedTrackIds.forEach((id) => excluded.add(id));
    const seedTracks = seedTrackIds.map((id) => db.tracks.byId(id)).filter((t): t is Track => t !== null);
    const usedTitleKeys = new Set(seedTracks.map((t) => titleKey(t.title, t.artist)));
    for (const id of exclude) {
      const t = db.tracks.byId(id);
      if (t) usedTitleKeys.add(titleKey(t.title, t.artist));
    }
    const artistsBefore = recentArtists.length ? recentArtists : seedTracks.map((t) => t.artist);

    const blocked = new Set(db.radio.blockedArtists().map((a) => a.toLowerCase()));
    let k = Math.max(RADIO_TUNABLES.minHits, options.count * RADIO_TUNABLES.hitsPerPick);
    let picks: Candidate[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const hits = await index.search(query, k);
      const list: Hit[] = Array.from(hits.fragmentIds, (fragmentId, i) => ({ fragmentId, trackId: hits.trackIds[i], score: hits.scores[i] }));
      // A hit whose track left the library (the index not refreshed yet), sits on a missing drive, or is
      // by a blocked artist is skipped.
      const candidates = bestPerTrack(list, excluded).flatMap((h): Candidate[] => {
        const track = db.tracks.byId(h.trackId);
        if (!track?.available || (track.artist && blocked.has(track.artist.toLowerCase()))) return [];
        return [{ ...h, artist: track.artist, titleKey: titleKey(track.title, track.artist) }];
      });
      if (options.adventure > 0) {
        for (const c of candidates.slice(0, options.count * 6)) c.vector = db.analysis.fragment(c.fragmentId)?.vector;
      }
      picks = selectPicks(candidates, { count: options.count, adventure: options.adventure, artistGap: options.artistGap, recentArtists: artistsBefore, usedTitleKeys });
      // Enough picks, or the index has nothing more to give.
      if (picks.length >= options.count || hits.fragmentIds.length < k) break;
      k *= 4;
    }
    const tagGroups = await analysis.shownTagGroups();
    return picks.flatMap((c) => {
      const fragment = db.analysis.fragment(c.fragmentId);
      return fragment ? [{ trackId: c.trackId, explanation: explainPick(fragment, seeds, tagGroups) }] : [];
    });
  }

  private async openIndex(): Promise<void> {
    const version = await this.deps.analysis.ensureModel();
    const embeddingSize = this.seedEmbeddingSize();
    const wasOpen = this.deps.index.isOpen;
    await this.deps.index.open({
      databasePath: this.deps.db.file, dir: this.deps.vectorsDir, modelSha: version.modelSha, featureVersion: version.featureVersion,
      stepSec: version.stepSec, embeddingSize,
      exactLimit: this.deps.indexTunables?.exactLimit ?? RADIO_TUNABLES.exactLimit,
      nprobe: this.deps.indexTunables?.nprobe ?? RADIO_TUNABLES.nprobe,
      rebuildTombstoneShare: RADIO_TUNABLES.rebuildTombstoneShare,
    });
    // Opening compares the saved index with SQLite and brings it up to date: no refresh needed then.
    if (!wasOpen) this.indexDirty = false;
    if (this.indexDirty) {
      this.indexDirty = false;
      await this.deps.index.refresh();
    }
  }

  private seedEmbeddingSize(): number {
    const status = this.deps.analysis.embeddingSize;
    if (!status) throw new SoundlikeError('MODEL_UNAVAILABLE', 'The sound model is not loaded.', 'Start the analysis first.');
    return status;
  }

  private requireActive(): ActiveRadio {
    if (!this.active) throw new SoundlikeError('INVALID_ARGUMENT', 'No radio is playing.', 'Start one with "play similar sounding".');
    return this.active;
  }

  private noteSkip(trackId: number): void {
    const active = this.active;
    if (!active) return;
    void this.deps.playback.getQueue().then((queue) => {
      if (queue.items.some((i) => i.trackId === trackId && i.origin.kind === 'radio' && i.origin.radioId === active.radioId)) {
        this.deps.db.radio.addFeedback(active.radioId, trackId, 'skip');
      }
    });
  }

  private maybeExtend(state: QueueState): void {
    const active = this.active;
    if (!active || this.extending || state.currentIndex < 0) return;
    const after = state.items.slice(state.currentIndex + 1);
    const last = state.items[state.items.length - 1];
    if (!last || last.origin.kind !== 'radio' || last.origin.radioId !== active.radioId) return; // the user took over the queue
    if (after.length > RADIO_TUNABLES.extendWhenLeft) return;
    this.extending = this.extendRadio().catch((error) => console.error('[soundlike] radio extension failed:', error)).finally(() => {
      this.extending = null;
    });
  }
}
