/**
 * Keeping the playing radio's queue filled: it extends itself as the queue drains (or when asked), and
 * while it could not hear the whole library, it chooses its unplayed picks again as more songs are
 * analysed. Extensions and re-ranks run one at a time, each reading the queue the previous one left.
 */
import { RADIO_TUNABLES } from '../../shared/defaults';
import type { QueueItem, QueueState } from '../../shared/domain';
import type { RadioContext } from './radio-deps';
import { computePicks } from './radio-picks';
import { artistGapTail, radioEntries, rerankSplit, wantsExtension } from './radio-queue';

export class RadioRefill {
  private extending: Promise<unknown> | null = null;
  private extensionChain: Promise<unknown> = Promise.resolve();
  /** Songs analysed since the active radio last chose, and the timer that re-ranks its unplayed picks. */
  private analysedSince = 0;
  private rerankTimer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: RadioContext) {
    ctx.state.onBegin(() => {
      this.analysedSince = 0;
    });
    ctx.state.onStop(() => this.clearRerank());
  }

  /** Extensions run one at a time, each reading the queue the previous one left (no duplicates). */
  extend(count?: number): Promise<QueueState> {
    const run = this.extensionChain.catch(() => undefined).then(() => this.extendNow(count));
    this.extensionChain = run;
    return run;
  }

  private async extendNow(count?: number): Promise<QueueState> {
    const { deps, state } = this.ctx;
    const active = state.requireActive();
    const queue = await deps.playback.getQueue();
    const queued = new Set(queue.items.map((i) => i.trackId));
    const recentArtists = artistGapTail(queue.items, active.options.artistGap).map((i) => deps.db.tracks.byId(i.trackId)?.artist ?? null);
    const { picks, relaxed, coverage } = await computePicks(deps, this.ctx.gate, {
      seedTrackIds: active.seedTrackIds, options: { ...active.options, count: count ?? active.options.count }, exclude: queued, recentArtists, radioId: active.radioId,
    });
    const newlyRelaxed = relaxed.filter((r) => !active.relaxed.includes(r));
    if (state.active === active && (newlyRelaxed.length || coverage.analysed !== active.coverage.analysed)) {
      active.relaxed = [...active.relaxed, ...newlyRelaxed];
      active.coverage = coverage;
      state.save(active);
      state.fire(await state.session());
    }
    return deps.playback.enqueueWith(radioEntries(picks, active.radioId));
  }

  /**
   * Re-ranks the active radio's picks not played yet with every song analysed so far: the ones heard (and
   * the one playing) stay, the rest are chosen again, as many as there were (at least the radio's count).
   * Runs in the extension chain, so it never races an extension.
   */
  rerankUpcoming(): Promise<QueueState | null> {
    const run = this.extensionChain.catch(() => undefined).then(async () => {
      const { deps, state } = this.ctx;
      const active = state.active;
      this.analysedSince = 0;
      if (!active) return null;
      const split = rerankSplit(await deps.playback.getQueue(), active.radioId);
      // The user took the queue over (no pick of this radio left in a queue of other songs): leave it be.
      if (!split) return null;
      const { played, upcoming, kept } = split;
      const recentArtists = artistGapTail(played, active.options.artistGap).map((i) => deps.db.tracks.byId(i.trackId)?.artist ?? null);
      const count = Math.max(upcoming.length, active.options.count);
      const { picks, relaxed, coverage } = await computePicks(deps, this.ctx.gate, {
        seedTrackIds: active.seedTrackIds, options: { ...active.options, count }, exclude: new Set(kept.map((i) => i.trackId)), recentArtists, radioId: active.radioId,
      });
      if (state.active !== active) return null;
      active.relaxed = [...new Set([...active.relaxed, ...relaxed])];
      active.coverage = coverage;
      state.save(active);
      if (upcoming.length) await deps.playback.removeFromQueue(upcoming.map((i) => i.id));
      const queue = await deps.playback.enqueueWith(radioEntries(picks, active.radioId));
      state.fire(await state.session());
      return queue;
    });
    this.extensionChain = run;
    return run;
  }

  /** The queue moved or changed: extend the playing radio when few of its picks are left. */
  maybeExtend(currentIndex: number, length: number, last: QueueItem | undefined): void {
    const active = this.ctx.state.active;
    if (!active || this.extending) return;
    if (!wantsExtension(active.radioId, currentIndex, length, last, RADIO_TUNABLES.extendWhenLeft)) return;
    this.extending = this.extend().catch((error) => this.logFailure('extension', error)).finally(() => {
      this.extending = null;
    });
  }

  /** A song was analysed: while the active radio could not hear the whole library, re-rank its unplayed picks soon. */
  noteAnalysed(): void {
    const active = this.ctx.state.active;
    if (!active || active.coverage.analysed >= active.coverage.total) return;
    this.analysedSince++;
    if (this.analysedSince >= RADIO_TUNABLES.rerankAfterAnalysed) {
      this.clearRerank();
      void this.rerankUpcoming().catch((error) => this.logFailure('re-rank', error));
    } else {
      this.rerankTimer ??= setTimeout(() => {
        this.rerankTimer = null;
        void this.rerankUpcoming().catch((error) => this.logFailure('re-rank', error));
      }, RADIO_TUNABLES.rerankAfterMs);
    }
  }

  clearRerank(): void {
    if (this.rerankTimer) clearTimeout(this.rerankTimer);
    this.rerankTimer = null;
  }

  private logFailure(what: 'extension' | 're-rank', error: unknown): void {
    if (!this.ctx.state.disposed) console.error(`[soundlike] radio ${what} failed:`, error);
  }
}
