import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './restart-policy';

const options = { maxCrashes: 4, windowMs: 60_000, baseDelayMs: 250, maxDelayMs: 600 };

describe('RestartPolicy', () => {
  it('restarts at once, then with a doubling delay capped at the maximum', () => {
    const policy = new RestartPolicy(options);
    expect(policy.recordCrash(0)).toEqual({ restart: true, delayMs: 0, crashes: 1 });
    expect(policy.recordCrash(1_000)).toEqual({ restart: true, delayMs: 250, crashes: 2 });
    expect(policy.recordCrash(2_000)).toEqual({ restart: true, delayMs: 500, crashes: 3 });
  });

  it('gives up at the maximum number of crashes within the window', () => {
    const policy = new RestartPolicy(options);
    for (const at of [0, 10_000, 20_000]) expect(policy.recordCrash(at).restart).toBe(true);
    expect(policy.recordCrash(30_000)).toEqual({ restart: false, crashes: 4 });
  });

  it('forgets crashes older than the window', () => {
    const policy = new RestartPolicy(options);
    for (const at of [0, 10_000, 20_000]) policy.recordCrash(at);
    // The first two fall out of the window: this is the second crash in it, not the fourth.
    expect(policy.recordCrash(70_001)).toEqual({ restart: true, delayMs: 250, crashes: 2 });
  });

  it('caps the delay', () => {
    const policy = new RestartPolicy({ ...options, maxCrashes: 10 });
    const delays = [0, 1, 2, 3, 4, 5].map((at) => (policy.recordCrash(at) as { delayMs: number }).delayMs);
    expect(delays).toEqual([0, 250, 500, 600, 600, 600]);
  });
});
