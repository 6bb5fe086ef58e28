/**
 * Steering the playing radio: a skip or "less like this" counts against what resembles the song, and new
 * options (the adventure setting) re-rank the unplayed picks at once; each says how many picks changed.
 */
import type { PlayRecord, QueueItem, RadioFeedbackKind, RadioOptions, RadioSteer } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { ActiveRadio } from './active-radio';
import type { RadioContext } from './radio-deps';
import { assertOptionsObject, steeredRadioOptions } from './radio-options';
import { isPickOf, upcomingPicksOf, upcomingRadioEntries } from './radio-queue';
import type { RadioRefill } from './radio-refill';
import { changedPicks } from './steer';

export class RadioSteering {
  constructor(private readonly ctx: RadioContext, private readonly refill: RadioRefill) {}

  async feedback(trackId: number, kind: RadioFeedbackKind): Promise<RadioSteer> {
    const { db, playback } = this.ctx.deps;
    if (kind !== 'skip' && kind !== 'less') throw new SoundlikeError('INVALID_ARGUMENT', "Feedback is 'skip' or 'less'.");
    const active = this.ctx.state.requireActive();
    if (!Number.isInteger(trackId) || !db.tracks.byId(trackId)) throw new SoundlikeError('UNKNOWN_TRACK', `No track has id ${String(trackId)}.`);
    db.radio.addFeedback(active.radioId, trackId, kind);
    if (kind === 'skip') return { session: await this.ctx.state.session(), changed: 0, upcoming: (await this.upcomingPicks(active)).length };
    // "Less like this": the song leaves what is queued, and the unplayed picks (chosen before the listener
    // said so) are chosen again with it counting against what resembles it.
    return this.steer(active, trackId, async () => {
      const upcoming = upcomingRadioEntries(await playback.getQueue(), (i) => i.trackId === trackId);
      if (upcoming.length) await playback.removeFromQueue(upcoming.map((i) => i.id));
    });
  }

  async setOptions(options: Partial<RadioOptions>): Promise<RadioSteer> {
    assertOptionsObject(options);
    const active = this.ctx.state.requireActive();
    const next = steeredRadioOptions(active.options, options);
    return this.steer(active, null, async () => {
      active.options = next;
      this.ctx.deps.db.radio.setOptions(active.radioId, next);
    });
  }

  /** A play ended: leaving a radio pick in its first half minute is a skip (less like that, for this radio). */
  notePlay(play: PlayRecord): void {
    const active = this.ctx.state.active;
    if (!active || play.completed || !(play.listenedSec < 30)) return;
    // Only this track's entries are read: a skip is a track change, which must not cost the whole queue.
    if (this.ctx.deps.playback.entriesOfTrack(play.trackId).some((i) => isPickOf(active.radioId, i))) {
      this.ctx.deps.db.radio.addFeedback(active.radioId, play.trackId, 'skip');
    }
  }

  /** Runs `change`, re-ranks the unplayed picks, and counts how many of them changed. */
  private async steer(active: ActiveRadio, takenOut: number | null, change: () => Promise<void>): Promise<RadioSteer> {
    const before = (await this.upcomingPicks(active)).map((i) => i.trackId);
    await change();
    await this.refill.rerankUpcoming();
    const after = (await this.upcomingPicks(active)).map((i) => i.trackId);
    return { session: await this.ctx.state.session(), changed: changedPicks(before, after, new Set(takenOut === null ? [] : [takenOut])), upcoming: after.length };
  }

  /** The radio's picks after the playing entry. */
  private async upcomingPicks(active: ActiveRadio): Promise<QueueItem[]> {
    return upcomingPicksOf(await this.ctx.deps.playback.getQueue(), active.radioId);
  }
}
