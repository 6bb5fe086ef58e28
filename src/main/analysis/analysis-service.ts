/**
 * AnalysisService: which tracks need analysing (new, changed, or analysed by another model or step),
 * in what order (a track asked for by a radio jumps the queue), and storing each result atomically.
 * The work itself runs in the analysis worker (EngineClient); this only orchestrates. Pausing keeps
 * nothing in memory that the database does not have: pending work is derived from it, so a killed
 * app resumes where it stopped.
 */
import type { AnalysisService } from '../../shared/contract';
import { ANALYSIS_TUNABLES } from '../../shared/defaults';
import type { AnalysisProgress, AnalysisStatus, TrackAnalysisState } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import { ModelError, type MapColouring, type ModelFacts } from '../../engine/manifest';
import type { ModelInfo } from '../../engine/protocol';
import { cudaAvailable } from '../../engine/encoder';
import type { LibraryDb } from '../db/library-db';
import type { AnalysisVersion, PendingTrack, StoredFragment } from '../db/queries/analysis';
import { Emitter, ThrottledProgress } from '../events';
import { AudioLeft } from './audio-left';
import { EngineStoppedError, TransientAnalysisError, type AnalysedTrack, type EngineClient } from './engine-client';
import { RateMeter } from './rate-meter';

/** How one job ended: stopped jobs (pause, settings change, quit) are neither done nor failed; they stay pending. */
type JobOutcome = 'done' | 'failed' | 'stopped';

const IDLE: AnalysisProgress = { phase: 'idle', done: 0, total: 0, failed: 0, tracksPerSec: 0, realtimeX: 0, etaSec: null, currentTrackId: null, message: null, final: true };

function toStored(result: AnalysedTrack, embeddingSize: number): StoredFragment[] {
  const { starts, ends, vectors, tags } = result.fragments;
  return Array.from(starts, (start, i) => ({
    startSec: start,
    endSec: ends[i],
    vector: vectors.subarray(i * embeddingSize, (i + 1) * embeddingSize),
    tags: tags[i],
  }));
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim() || 'The analysis failed without saying why (see the log).';
}

/** What a transient failure's reason adds: whether another run tries it, or no run will. */
function retryNote(reason: string, attempts: number): string {
  const max = ANALYSIS_TUNABLES.transientAttempts;
  return attempts < max
    ? `${reason} This is usually a lack of memory or another program; it is tried again at the next analysis run (${attempts} of ${max} runs so far).`
    : `${reason} It failed this way in ${max} analysis runs, so it is not tried again until the file changes. Free some memory, then touch or rescan the file.`;
}

export class AnalysisServiceImpl implements AnalysisService {
  private readonly progressEmitter = new Emitter<AnalysisProgress>();
  private readonly trackEmitter = new Emitter<TrackAnalysisState>();
  private readonly throttle = new ThrottledProgress<AnalysisProgress>((p) => this.progressEmitter.fire(p), ANALYSIS_TUNABLES.progressIntervalMs);
  private progress: AnalysisProgress = IDLE;
  private model: ModelInfo | null = null;
  private loop: Promise<void> | null = null;
  private paused = false;
  /** Track ids asked for first, most recent request first. */
  private priority: number[] = [];
  /** Set when the pending list a run holds may be out of date (library or priorities changed). */
  private queueStale = true;
  /**
   * A kick that came while a run was going, after the run's last look at what is pending: the run may
   * have missed the tracks it was about, so another run starts when this one ends.
   */
  private missedKick = false;
  /** Wakes a run waiting for its jobs: a kick (a seed asked for) must not wait for a long track to end. */
  private wakeRun: (() => void) | null = null;
  /** Waiters for specific tracks (a radio seeded from a track not analysed yet). */
  private readonly waiters = new Map<number, ((state: TrackAnalysisState) => void)[]>();

  readonly onDidAnalysisProgress = this.progressEmitter.event;
  readonly onDidAnalyseTrack = this.trackEmitter.event;

  constructor(
    private readonly db: LibraryDb,
    private readonly engine: EngineClient,
    private readonly stepSec: () => Promise<number>,
    /** The model's identity from its manifest, so status is right before the worker has started. */
    private readonly manifestIdentity: () => Promise<{ sha256: string; featureVersion: number } | null> = async () => null,
    /** The model's checked manifest facts, for using analysed vectors without starting the encoder. */
    private readonly readFacts: () => Promise<ModelFacts> = async () => {
      throw new SoundlikeError('MODEL_UNAVAILABLE', 'No sound model manifest was given.');
    },
  ) {}

  private facts: Promise<ModelFacts> | null = null;

  /**
   * What using already analysed vectors needs (version, vector size, display rules), from the loaded model
   * or else its checked manifest: a radio over analysed songs never waits for the encoder to load.
   */
  async modelFacts(): Promise<ModelFacts & { version: AnalysisVersion }> {
    if (this.model) {
      const { sha256, featureVersion, embeddingSize, mapColouring, shownTagGroups, measuredTagGroups, stepSec } = this.model;
      return { sha256, featureVersion, embeddingSize, mapColouring, shownTagGroups, measuredTagGroups, version: { modelSha: sha256, featureVersion, stepSec } };
    }
    this.facts ??= this.readFacts().catch((error: unknown) => {
      this.facts = null;
      if (error instanceof ModelError) throw new SoundlikeError('MODEL_UNAVAILABLE', error.message, error.hint);
      throw error;
    });
    const facts = await this.facts;
    return { ...facts, version: { modelSha: facts.sha256, featureVersion: facts.featureVersion, stepSec: await this.stepSec() } };
  }

  /** The version current results must carry; null until the model is loaded. */
  async version(): Promise<AnalysisVersion | null> {
    // Once loaded, the worker's own step is the truth: results are cut with it.
    if (this.model) return { modelSha: this.model.sha256, featureVersion: this.model.featureVersion, stepSec: this.model.stepSec };
    const identity = await this.manifestIdentity().catch(() => null);
    return identity ? { modelSha: identity.sha256, featureVersion: identity.featureVersion, stepSec: await this.stepSec() } : null;
  }

  /**
   * Loads the model (once) and returns the version; throws MODEL_UNAVAILABLE. A run starting (and only
   * a run: nothing is in flight then) reloads it when the step setting moved since.
   */
  async ensureModel(options: { atRunStart?: boolean } = {}): Promise<AnalysisVersion> {
    if (options.atRunStart && this.model && this.model.stepSec !== (await this.stepSec())) {
      await this.engine.stop();
      this.model = null;
    }
    this.model ??= await this.engine.start();
    return (await this.version()) as AnalysisVersion;
  }

  /** How the model's manifest colours the sonic map (MODEL_UNAVAILABLE when it cannot be read). */
  async mapColouring(): Promise<MapColouring> {
    return (await this.modelFacts()).mapColouring;
  }

  async getAnalysisStatus(): Promise<AnalysisStatus> {
    const version = await this.version();
    const counts = version ? this.db.analysis.counts(version) : { total: this.db.tracks.count(), done: 0, failed: 0, pending: this.db.tracks.count(), fragments: 0, outdated: 0 };
    return {
      progress: this.progress,
      counts,
      model: this.model ? { id: this.model.id, device: this.model.device } : null,
      cudaAvailable: cudaAvailable(),
    };
  }

  async startAnalysis(): Promise<AnalysisStatus> {
    this.paused = false;
    this.kick();
    return this.getAnalysisStatus();
  }

  async pauseAnalysis(): Promise<AnalysisStatus> {
    this.paused = true;
    await this.loop?.catch(() => undefined);
    return this.getAnalysisStatus();
  }

  async prioritizeAnalysis(trackIds: number[]): Promise<void> {
    if (!Array.isArray(trackIds) || !trackIds.every(Number.isInteger)) throw new SoundlikeError('INVALID_ARGUMENT', 'trackIds must be a list of track ids.');
    this.priority = [...trackIds, ...this.priority.filter((id) => !trackIds.includes(id))];
    this.queueStale = true;
    this.paused = false;
    this.kick();
  }

  async listTrackAnalysis(): Promise<TrackAnalysisState[]> {
    const version = await this.version().catch(() => null);
    if (!version) return this.db.tracks.all().map((t) => ({ trackId: t.id, status: 'pending', error: null }));
    return this.db.analysis.statuses(version);
  }

  async listAnalysisFailures() {
    const version = await this.version();
    return version ? this.db.analysis.failures(version) : [];
  }

  /**
   * Analyses these tracks first and resolves when each is done; rejects (NOT_ANALYSED) naming the ones
   * that failed. Tracks already analysed resolve at once.
   */
  async analyseNow(trackIds: number[]): Promise<void> {
    const results = await this.analyseSeeds(trackIds);
    const failed = results.filter((r) => r.status !== 'done');
    if (failed.length > 0) {
      throw new SoundlikeError('NOT_ANALYSED', `The sound of ${failed.length === 1 ? 'this track' : `${failed.length} tracks`} could not be analysed: ${failed[0].error}`,
        'Try another track; the file may be damaged or in a format ffmpeg cannot read.');
    }
  }

  /** Stops the run and the worker (whose settings changed), then starts again if asked. */
  async restart(resume: boolean): Promise<void> {
    const wasPaused = this.paused;
    this.paused = true;
    await this.engine.stop();
    await this.idle();
    this.model = null;
    this.paused = wasPaused;
    if (resume) this.kick();
  }

  /**
   * Analyses these tracks first and resolves with each one's state (never rejects for a track that
   * fails; it comes back 'failed' with why). A track on a missing drive fails at once.
   */
  async analyseSeeds(trackIds: number[]): Promise<TrackAnalysisState[]> {
    if (!Array.isArray(trackIds) || !trackIds.every(Number.isInteger)) throw new SoundlikeError('INVALID_ARGUMENT', 'trackIds must be a list of track ids.');
    // Seeds already analysed need no encoder: it is loaded only when one must be analysed (the run does).
    const { version } = await this.modelFacts();
    const states = new Map<number, TrackAnalysisState | Promise<TrackAnalysisState>>();
    const waiting: number[] = [];
    for (const id of trackIds) {
      const state = this.db.analysis.statusOf(id, version);
      const track = this.db.tracks.byId(id);
      if (!state || !track) states.set(id, { trackId: id, status: 'failed', error: 'It is not in the library.' });
      else if (state.status !== 'pending') states.set(id, state);
      else if (!track.available) states.set(id, { trackId: id, status: 'failed', error: 'Its folder is missing (an unplugged drive?).' });
      else {
        waiting.push(id);
        states.set(id, new Promise<TrackAnalysisState>((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve])));
      }
    }
    // Only wake the queue when there is something to wait for: a radio from analysed songs costs nothing here.
    // Something must be analysed: the encoder must load (MODEL_UNAVAILABLE, saying why, when it cannot).
    if (waiting.length > 0) {
      await this.ensureModel();
      await this.prioritizeAnalysis(waiting);
    }
    return Promise.all(trackIds.map((id) => states.get(id) as TrackAnalysisState | Promise<TrackAnalysisState>));
  }

  /** Resolves when the current run (if any) ends. */
  async idle(): Promise<void> {
    while (this.loop) await this.loop.catch(() => undefined);
  }

  async dispose(): Promise<void> {
    this.paused = true;
    await this.engine.stop();
    await this.loop?.catch(() => undefined);
    this.progressEmitter.dispose();
    this.trackEmitter.dispose();
  }

  /** Tracks were added, changed or removed: the running queue re-reads what is pending before its next track. */
  libraryChanged(): void {
    this.queueStale = true;
  }

  /** Starts a run unless one is going; a run picks up tracks added while it works. */
  kick(): void {
    if (this.paused) return;
    if (this.loop) {
      this.missedKick = true;
      this.wakeRun?.();
      return;
    }
    this.missedKick = false;
    this.loop = this.run().finally(() => {
      this.loop = null;
      if (this.missedKick) this.kick();
    });
  }

  private emit(patch: Partial<AnalysisProgress>): void {
    this.progress = { ...this.progress, ...patch };
    this.throttle.push(this.progress);
  }

  private async run(): Promise<void> {
    this.emit({ phase: 'starting', done: 0, total: 0, failed: 0, tracksPerSec: 0, realtimeX: 0, etaSec: null, currentTrackId: null, message: null, final: false });
    let version: AnalysisVersion;
    try {
      version = await this.ensureModel({ atRunStart: true });
    } catch (error) {
      const e = SoundlikeError.from(error);
      this.emit({ phase: 'error', message: `${e.message}${e.hint ? ` ${e.hint}` : ''}`, final: true });
      for (const [trackId, resolvers] of this.waiters) resolvers.forEach((r) => r({ trackId, status: 'failed', error: e.message }));
      this.waiters.clear();
      return;
    }
    const meter = new RateMeter(ANALYSIS_TUNABLES.rateWindowTracks);
    let done = 0;
    let failed = 0;
    const inFlight = new Set<Promise<void>>();
    /** Tracks sent to the engine and not finished, by id (a seed asked for among them is hurried). */
    const sent = new Map<number, PendingTrack>();
    const taken = new Set<number>();
    let queue: PendingTrack[] = [];
    let readAt = 0;
    const audio = new AudioLeft();
    // Waits for a job to end, or for a kick (a seed asked for while every slot is busy).
    const settle = () => Promise.race([...inFlight, new Promise<void>((resolve) => { this.wakeRun = resolve; })]);
    const window = Math.max(ANALYSIS_TUNABLES.inFlight, (this.model?.decoders ?? 1) + 1);
    for (;;) {
      if (this.queueStale || queue.length === 0 || Date.now() - readAt > ANALYSIS_TUNABLES.queueRefreshMs) {
        this.queueStale = false;
        this.missedKick = false; // this read sees every track kicked for so far
        readAt = Date.now();
        queue = this.db.analysis.pending(version).filter((t) => !taken.has(t.trackId));
        // Asked-for tracks that are no longer pending (done meanwhile, or gone) need no place in line.
        const pendingIds = new Set(queue.map((t) => t.trackId));
        // Asked-for tracks already with the engine are hurried there instead.
        const hurried = this.priority.flatMap((id) => sent.get(id)?.path ?? []);
        if (hurried.length > 0) this.engine.prioritise(hurried);
        this.priority = this.priority.filter((id) => pendingIds.has(id));
        audio.reset([...queue, ...sent.values()]);
      }
      queue = this.ordered(queue);
      if (queue.length === 0 || this.paused) {
        // Finish the jobs in hand, then look again: tracks that arrived meanwhile are this run's, not
        // left pending until the next change. The run ends only after a look that finds nothing.
        if (inFlight.size === 0) break;
        await settle();
        continue;
      }
      const total = done + inFlight.size + queue.length;
      this.emit({ phase: 'analysing', total });
      // Hand the worker as many tracks as it decodes at once and one more (a finished decoder starts the
      // next at once), then refill (re-reading the queue when the library or the priorities changed).
      // A track asked for goes to the engine at once, whatever is in flight: it decodes ahead of the others.
      while (queue.length > 0 && !this.paused && (inFlight.size < window || this.priority.includes(queue[0].trackId))) {
        const priority = this.priority.includes(queue[0].trackId);
        const track = this.takeNext(queue);
        taken.add(track.trackId);
        sent.set(track.trackId, track);
        const job = this.analyseOne(track, version, priority).then(({ outcome, audioSec }) => {
          sent.delete(track.trackId);
          audio.finished(track);
          if (outcome === 'stopped') return; // it stays pending: neither done nor failed
          done++;
          if (outcome === 'failed') failed++;
          meter.record(audioSec);
          const rate = meter.rate();
          const eta = meter.etaSec(audio.left);
          this.emit({
            done, failed, tracksPerSec: Math.round(rate.tracksPerSec * 100) / 100, realtimeX: Math.round(rate.audioSecPerSec),
            etaSec: eta === null ? null : Math.round(eta), currentTrackId: track.trackId, total: Math.max(total, done),
          });
        });
        inFlight.add(job);
        void job.finally(() => inFlight.delete(job));
      }
      if (inFlight.size > 0) await settle();
    }
    await Promise.all(inFlight);
    this.wakeRun = null;
    this.emit({ phase: this.paused ? 'paused' : 'done', currentTrackId: null, etaSec: this.paused ? null : 0, final: true });
    // Anyone still waiting asked for a track this run could not take (paused, or it left the queue): answer now.
    for (const [trackId, resolvers] of this.waiters) {
      const state = this.db.analysis.statusOf(trackId, version) ?? { trackId, status: 'failed' as const, error: 'It is not in the library.' };
      const answer = state.status === 'pending' ? { trackId, status: 'failed' as const, error: this.paused ? 'Analysis is paused.' : 'It could not be analysed now.' } : state;
      resolvers.forEach((resolve) => resolve(answer));
    }
    this.waiters.clear();
  }

  private ordered(queue: PendingTrack[]): PendingTrack[] {
    if (this.priority.length === 0) return queue;
    const rank = new Map(this.priority.map((id, i) => [id, i]));
    return [...queue].sort((a, b) => (rank.get(a.trackId) ?? Infinity) - (rank.get(b.trackId) ?? Infinity));
  }

  private takeNext(queue: PendingTrack[]): PendingTrack {
    const track = queue.shift() as PendingTrack;
    this.priority = this.priority.filter((id) => id !== track.trackId);
    return track;
  }

  /** Analyses and stores one track; says how it ended and how much audio it had (0 when it failed). */
  private async analyseOne(track: PendingTrack, version: AnalysisVersion, priority: boolean): Promise<{ outcome: JobOutcome; audioSec: number }> {
    let state: TrackAnalysisState;
    let audioSec = 0;
    try {
      const result = await this.engine.analyse(track.path, { priority });
      audioSec = result.audioSec;
      const fragments = toStored(result, this.model?.embeddingSize ?? result.fragments.vectors.length / Math.max(1, result.fragments.starts.length));
      this.db.analysis.storeDone(track, version, fragments, result.audioSec);
      state = { trackId: track.trackId, status: 'done', error: null };
    } catch (error) {
      if (error instanceof EngineStoppedError) return { outcome: 'stopped', audioSec }; // still pending: it runs again next time
      const transient = error instanceof TransientAnalysisError;
      const attempts = (track.attempts ?? 0) + 1;
      const reason = transient ? retryNote(errorText(error), attempts) : errorText(error);
      try {
        this.db.analysis.storeFailed(track, version, reason, { transient, attempts });
      } catch {
        // the track left the library meanwhile (foreign key): nothing to record
      }
      state = { trackId: track.trackId, status: 'failed', error: reason };
    }
    this.trackEmitter.fire(state);
    const resolvers = this.waiters.get(track.trackId);
    this.waiters.delete(track.trackId);
    resolvers?.forEach((resolve) => resolve(state));
    return { outcome: state.status === 'done' ? 'done' : 'failed', audioSec };
  }
}
