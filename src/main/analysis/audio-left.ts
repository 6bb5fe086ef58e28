/**
 * How much audio a run has left, for its time-left estimate: the tracks' lengths from their tags, and
 * for a track whose length is unknown the mean of the known ones (or a typical song's, when none is).
 */
import type { PendingTrack } from '../db/queries/analysis';

/** A typical song's length, for a library whose tags give no length at all. */
const TYPICAL_TRACK_SEC = 240;

export class AudioLeft {
  private sec = 0;
  private meanSec = TYPICAL_TRACK_SEC;

  /** The tracks still to finish (queued and in flight): the estimate starts over from them. */
  reset(tracks: Iterable<Pick<PendingTrack, 'durationSec'>>): void {
    const list = [...tracks];
    const known = list.flatMap((t) => (t.durationSec !== null && t.durationSec > 0 ? [t.durationSec] : []));
    this.meanSec = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : TYPICAL_TRACK_SEC;
    this.sec = list.reduce((sum, t) => sum + this.lengthOf(t), 0);
  }

  /** A track left the run (finished, failed or stopped). */
  finished(track: Pick<PendingTrack, 'durationSec'>): void {
    this.sec = Math.max(0, this.sec - this.lengthOf(track));
  }

  get left(): number {
    return this.sec;
  }

  private lengthOf(track: Pick<PendingTrack, 'durationSec'>): number {
    return track.durationSec !== null && track.durationSec > 0 ? track.durationSec : this.meanSec;
  }
}
