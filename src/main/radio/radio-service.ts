/**
 * RadioService: "play similar sounding". Songs are compared as sets of moments: the index worker finds
 * candidate songs and re-ranks them by the symmetric Chamfer similarity of their fragments with the seed's
 * (index-worker.ts); the queue rules (rank.ts) and the explanations (explain.ts) make the picks
 * (radio-picks.ts). This class is the facade the app uses; the work is in its parts: starting a radio
 * (radio-start.ts), keeping it filled (radio-refill.ts), steering it (radio-steering.ts, artist-blocks.ts),
 * the playing radio and its return after a restart (radio-state.ts, active-radio.ts), the index
 * (radio-index-gate.ts), and the sonic map and paths (radio-sonic.ts).
 */
import type { RadioService } from '../../shared/contract';
import type {
  ArtistUnblocked, QueueState, RadioFeedbackKind, RadioOptions, RadioSeed, RadioSession, RadioSteer, SonicMap, SonicPath, SonicPathOptions,
} from '../../shared/domain';
import { ArtistBlocks } from './artist-blocks';
import type { IndexStats } from './index-protocol';
import type { RadioContext, RadioDeps } from './radio-deps';
import { RadioIndexGate } from './radio-index-gate';
import { computePicks, type ComputedPicks } from './radio-picks';
import { RadioRefill } from './radio-refill';
import { sonicMap, sonicPath } from './radio-sonic';
import { playSimilar, previewRadio } from './radio-start';
import { RadioState } from './radio-state';
import { RadioSteering } from './radio-steering';

export type { RadioDeps } from './radio-deps';

export class RadioServiceImpl implements RadioService {
  private readonly ctx: RadioContext;
  private readonly refill: RadioRefill;
  private readonly steering: RadioSteering;
  private readonly blocks: ArtistBlocks;
  private readonly subscriptions: (() => void)[];
  readonly onDidChangeRadio: RadioService['onDidChangeRadio'];

  constructor(private readonly deps: RadioDeps) {
    const gate = new RadioIndexGate(deps);
    const state = new RadioState(deps);
    this.ctx = { deps, gate, state };
    this.refill = new RadioRefill(this.ctx);
    this.steering = new RadioSteering(this.ctx, this.refill);
    this.blocks = new ArtistBlocks(this.ctx);
    this.onDidChangeRadio = state.onDidChangeRadio;
    const markDirty = () => gate.markDirty();
    this.subscriptions = [
      deps.analysis.onDidAnalyseTrack(markDirty),
      deps.analysis.onDidAnalyseTrack((analysed) => {
        if (analysed.status === 'done') this.refill.noteAnalysed();
      }),
      deps.onDidChangeTracks?.(markDirty) ?? (() => undefined),
      deps.onDidChangeTracks?.(() => state.endIfSeedGone()) ?? (() => undefined),
      deps.playback.onDidChangeQueue((queue) => this.refill.maybeExtend(queue.currentIndex, queue.items.length, queue.items[queue.items.length - 1])),
      // A track change carries no entries: read the queue's length and last entry, not the whole queue.
      deps.playback.onDidChangeQueuePosition((position) => {
        const { length, last } = deps.playback.tail();
        this.refill.maybeExtend(position.currentIndex, length, last ?? undefined);
      }),
      deps.playback.onDidRecordPlay((play) => this.steering.notePlay(play)),
    ];
  }

  previewRadio(seed: RadioSeed, options?: Partial<RadioOptions>): Promise<RadioSession> {
    return previewRadio(this.ctx, seed, options);
  }

  playSimilar(seed: RadioSeed, options?: Partial<RadioOptions>): Promise<RadioSession> {
    return playSimilar(this.ctx, seed, options);
  }

  /** Extensions run one at a time, each reading the queue the previous one left (no duplicates). */
  extendRadio(count?: number): Promise<QueueState> {
    return this.refill.extend(count);
  }

  radioFeedback(trackId: number, kind: RadioFeedbackKind): Promise<RadioSteer> {
    return this.steering.feedback(trackId, kind);
  }

  setRadioOptions(options: Partial<RadioOptions>): Promise<RadioSteer> {
    return this.steering.setOptions(options);
  }

  setArtistBlocked(artist: string, blocked: boolean): Promise<string[]> {
    return this.blocks.setBlocked(artist, blocked);
  }

  undoBlockArtist(artist: string): Promise<ArtistUnblocked> {
    return this.blocks.undoBlock(artist);
  }

  listBlockedArtists(): Promise<string[]> {
    return this.blocks.list();
  }

  getActiveRadio(): Promise<RadioSession | null> {
    return this.ctx.state.session();
  }

  stopRadio(): Promise<void> {
    return this.ctx.state.stop();
  }

  getSonicMap(): Promise<SonicMap> {
    return sonicMap(this.ctx);
  }

  /** A walk from one song to another (sonic-path.ts), explained (sonic-path-explain.ts) and, unless previewed, queued. */
  playSonicPath(fromTrackId: number, toTrackId: number, options?: Partial<SonicPathOptions>): Promise<SonicPath> {
    return sonicPath(this.ctx, fromTrackId, toTrackId, options);
  }

  /** Index facts (kind, size, bytes per vector) for status and benchmarks. */
  async indexStats(): Promise<IndexStats | null> {
    return this.deps.index.stats();
  }

  /** The radio's ranked picks: the search, the rules (and which had to be relaxed), the explanations. */
  compute(seedTrackIds: number[], options: RadioOptions, exclude: Set<number>, recentArtists: (string | null)[], radioId?: number): Promise<ComputedPicks> {
    return computePicks(this.deps, this.ctx.gate, { seedTrackIds, options, exclude, recentArtists, radioId });
  }

  /** Chooses the active radio's unplayed picks again with every song analysed so far (radio-refill.ts). */
  rerankUpcoming(): Promise<QueueState | null> {
    return this.refill.rerankUpcoming();
  }

  /** Closing forgets the radio here only: the stored one comes back with the next start. */
  dispose(): void {
    this.refill.clearRerank();
    this.subscriptions.forEach((unsubscribe) => unsubscribe());
    this.ctx.state.dispose();
  }
}
