/**
 * When to restart a crashed service host: at once the first time, then with a doubling delay, and not
 * at all after too many crashes within a minute (a host that dies on start-up would otherwise spin).
 */

export interface RestartPolicyOptions {
  /** Crashes within windowMs after which the supervisor gives up. */
  maxCrashes: number;
  windowMs: number;
  /** Delay before the second restart in a window; doubles after each crash, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const RESTART_POLICY: RestartPolicyOptions = { maxCrashes: 5, windowMs: 60_000, baseDelayMs: 250, maxDelayMs: 4_000 };

export type RestartDecision = { restart: true; delayMs: number; crashes: number } | { restart: false; crashes: number };

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(private readonly options: RestartPolicyOptions = RESTART_POLICY) {}

  /** Records a crash at `now` (ms) and says whether, and after how long, to start the host again. */
  recordCrash(now: number): RestartDecision {
    this.crashes = [...this.crashes.filter((at) => now - at < this.options.windowMs), now];
    const crashes = this.crashes.length;
    if (crashes >= this.options.maxCrashes) return { restart: false, crashes };
    const delayMs = crashes === 1 ? 0 : Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (crashes - 2));
    return { restart: true, delayMs, crashes };
  }
}
