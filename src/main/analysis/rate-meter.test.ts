import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

describe('RateMeter', () => {
  it('has no rate and no time left to tell before the first track', () => {
    const c = clock();
    const meter = new RateMeter(4, c.now);
    c.advance(1000);
    expect(meter.rate()).toEqual({ tracksPerSec: 0, audioSecPerSec: 0 });
    expect(meter.etaSec(600)).toBeNull();
  });

  it('measures from the run start until enough tracks fill the window', () => {
    const c = clock();
    const meter = new RateMeter(4, c.now);
    c.advance(2000);
    meter.record(240);
    expect(meter.rate().tracksPerSec).toBeCloseTo(0.5);
    expect(meter.rate().audioSecPerSec).toBeCloseTo(120);
    expect(meter.etaSec(1200)).toBeCloseTo(10);
  });

  it('follows the recent rate, not the average since the start', () => {
    const c = clock();
    const meter = new RateMeter(4, c.now);
    for (let i = 0; i < 4; i++) {
      c.advance(10_000); // slow start: 10 s a track
      meter.record(100);
    }
    for (let i = 0; i < 5; i++) {
      c.advance(1000); // then 1 s a track
      meter.record(100);
    }
    expect(meter.rate().tracksPerSec).toBeCloseTo(1);
    expect(meter.etaSec(500)).toBeCloseTo(5);
  });

  it('counts time by audio: long tracks left take longer than short ones', () => {
    const c = clock();
    const meter = new RateMeter(8, c.now);
    for (let i = 0; i < 8; i++) {
      c.advance(500);
      meter.record(60); // 120 s of audio per second
    }
    expect(meter.etaSec(3 * 3600)).toBeCloseTo(90); // one 3-hour mix left
    expect(meter.etaSec(60)).toBeCloseTo(0.5);
    expect(meter.etaSec(0)).toBe(0);
  });

  it('shows a stall as a falling rate', () => {
    const c = clock();
    const meter = new RateMeter(2, c.now);
    for (let i = 0; i < 3; i++) {
      c.advance(1000);
      meter.record(100);
    }
    const before = meter.rate().tracksPerSec;
    c.advance(60_000);
    expect(meter.rate().tracksPerSec).toBeLessThan(before / 10);
  });
});
