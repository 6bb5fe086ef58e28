/**
 * The analysis rate as it is now, not as it was on average since the start: tracks and audio seconds
 * finished over the last few tracks, divided by the time from just before them until now (so a stall
 * shows as a falling rate, not a frozen one). The time left is the audio left at the audio rate: a
 * queue of long tracks is not promised the time of short ones.
 */

export interface Rate {
  tracksPerSec: number;
  /** Seconds of audio analysed per second of wall time. */
  audioSecPerSec: number;
}

export class RateMeter {
  /** Finish times and audio lengths of the recent tracks, oldest first (at most window + 1). */
  private readonly finished: { at: number; audioSec: number }[] = [];
  private readonly startedAt: number;

  constructor(private readonly window: number, private readonly now: () => number = Date.now) {
    if (!(window >= 1)) throw new Error('the rate window must hold at least one track');
    this.startedAt = now();
  }

  /** One track finished (analysed or failed: a failure costs time too; its audio may be 0). */
  record(audioSec: number): void {
    this.finished.push({ at: this.now(), audioSec: Math.max(0, audioSec) });
    if (this.finished.length > this.window + 1) this.finished.shift();
  }

  rate(): Rate {
    // The window's tracks are the last `window`; the one before them (or the run's start) marks its beginning.
    const inWindow = this.finished.length > this.window ? this.finished.slice(1) : this.finished;
    const since = this.finished.length > this.window ? this.finished[0].at : this.startedAt;
    const seconds = (this.now() - since) / 1000;
    if (inWindow.length === 0 || seconds <= 0) return { tracksPerSec: 0, audioSecPerSec: 0 };
    const audio = inWindow.reduce((sum, t) => sum + t.audioSec, 0);
    return { tracksPerSec: inWindow.length / seconds, audioSecPerSec: audio / seconds };
  }

  /** Seconds until `audioSecLeft` of audio is analysed at the current rate; null until there is one. */
  etaSec(audioSecLeft: number): number | null {
    const { audioSecPerSec } = this.rate();
    if (audioSecLeft <= 0) return 0;
    return audioSecPerSec > 0 ? audioSecLeft / audioSecPerSec : null;
  }
}
