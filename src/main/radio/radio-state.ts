/**
 * The playing radio, as every part of the radio service sees it: which one plays (restored after a
 * restart, active-radio.ts), its session as the queue shows it, starting and stopping it, and the event
 * that tells the windows. Parts that keep something per radio (a pending re-rank, a block's undo) hook in.
 */
import type { RadioSession } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import { Emitter } from '../events';
import { clearActiveRadio, remainingSeedTracks, restoreActiveRadio, saveActiveRadio, type ActiveRadio } from './active-radio';
import type { RadioDeps } from './radio-deps';
import { sessionPicks } from './radio-queue';

export class RadioState {
  active: ActiveRadio | null;
  /** Closed: failures of work still in flight are not worth a log line any more. */
  disposed = false;
  private readonly changeEmitter = new Emitter<RadioSession | null>();
  private readonly beginHooks: (() => void)[] = [];
  private readonly stopHooks: (() => void)[] = [];
  readonly onDidChangeRadio = this.changeEmitter.event;

  constructor(private readonly deps: Pick<RadioDeps, 'db' | 'playback' | 'readOnly'>) {
    this.active = restoreActiveRadio(deps.db, !deps.readOnly);
  }

  /** `hook` runs when a new radio starts (before its queue is written): what was kept for the last one goes. */
  onBegin(hook: () => void): void {
    this.beginHooks.push(hook);
  }

  /** `hook` runs when the radio stops, before the windows are told. */
  onStop(hook: () => void): void {
    this.stopHooks.push(hook);
  }

  /** `active` plays from now on (stored, so it comes back after a restart). */
  begin(active: ActiveRadio): void {
    this.active = active;
    saveActiveRadio(this.deps.db, active);
    this.beginHooks.forEach((hook) => hook());
  }

  /** Stores what changed in the playing radio (relaxed rules, coverage). */
  save(active: ActiveRadio): void {
    saveActiveRadio(this.deps.db, active);
  }

  requireActive(): ActiveRadio {
    if (!this.active) throw new SoundlikeError('INVALID_ARGUMENT', 'No radio is playing.', 'Start one with "play similar sounding".');
    return this.active;
  }

  /** The playing radio with its explained picks as the queue holds them now; null when none plays. */
  async session(): Promise<RadioSession | null> {
    if (!this.active) return null;
    const queue = await this.deps.playback.getQueue();
    // Read after the await: the radio may have stopped or changed meanwhile, and its picks are the current one's.
    const picks = sessionPicks(queue.items, this.active?.radioId ?? 0);
    return { ...this.active, picks };
  }

  fire(session: RadioSession | null): void {
    this.changeEmitter.fire(session);
  }

  /** No radio plays any more (a folder open read-only keeps the stored one: its owner clears it). */
  async stop(): Promise<void> {
    this.active = null;
    if (!this.deps.readOnly) clearActiveRadio(this.deps.db);
    this.stopHooks.forEach((hook) => hook());
    this.fire(null);
  }

  /** Every seed song left the library: the radio has nothing to sound like, so it ends (its banner goes). */
  endIfSeedGone(): void {
    const active = this.active;
    if (!active || this.deps.readOnly) return;
    if (remainingSeedTracks(this.deps.db, active.seedTrackIds).length === 0) void this.stop();
  }

  /** Closing forgets the radio here only: the stored one comes back with the next start. */
  dispose(): void {
    this.disposed = true;
    this.active = null;
    this.changeEmitter.dispose();
  }
}
