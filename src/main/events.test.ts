import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Emitter, ThrottledProgress } from './events';

describe('Emitter', () => {
  it('delivers to every listener and stops after unsubscribe', () => {
    const emitter = new Emitter<number>();
    const a: number[] = [];
    const b: number[] = [];
    const offA = emitter.event((n) => a.push(n));
    emitter.event((n) => b.push(n));
    emitter.fire(1);
    offA();
    emitter.fire(2);
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
    expect(emitter.size).toBe(1);
  });

  it('unsubscribing twice is harmless, and a listener may unsubscribe while being called', () => {
    const emitter = new Emitter<string>();
    const seen: string[] = [];
    const off = emitter.event((s) => {
      seen.push(s);
      off();
    });
    const other: string[] = [];
    emitter.event((s) => other.push(s));
    emitter.fire('x');
    emitter.fire('y');
    off();
    expect(seen).toEqual(['x']);
    expect(other).toEqual(['x', 'y']);
  });

  it('one throwing listener does not starve the others', () => {
    const emitter = new Emitter<number>();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: number[] = [];
    emitter.event(() => {
      throw new Error('broken subscriber');
    });
    emitter.event((n) => seen.push(n));
    emitter.fire(7);
    expect(seen).toEqual([7]);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it('dispose drops every listener', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    emitter.event((n) => seen.push(n));
    emitter.dispose();
    emitter.fire(1);
    expect(seen).toEqual([]);
    expect(emitter.size).toBe(0);
  });
});

describe('ThrottledProgress', () => {
  interface P {
    n: number;
    final: boolean;
  }

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('delivers the first value at once and throttles the rest to one per interval, keeping the latest', () => {
    const seen: number[] = [];
    const throttle = new ThrottledProgress<P>((p) => seen.push(p.n), 100);
    throttle.push({ n: 1, final: false });
    for (let n = 2; n <= 10; n++) {
      vi.advanceTimersByTime(5);
      throttle.push({ n, final: false });
    }
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(100);
    expect(seen).toEqual([1, 10]);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([1, 10]);
  });

  it('always delivers the final tick immediately, and nothing pending after it', () => {
    const seen: P[] = [];
    const throttle = new ThrottledProgress<P>((p) => seen.push(p), 100);
    throttle.push({ n: 1, final: false });
    throttle.push({ n: 2, final: false });
    throttle.push({ n: 3, final: true });
    expect(seen.map((p) => p.n)).toEqual([1, 3]);
    vi.advanceTimersByTime(500);
    expect(seen.at(-1)).toEqual({ n: 3, final: true });
    expect(seen).toHaveLength(2);
  });

  it('a final tick right after another event is not throttled', () => {
    const seen: number[] = [];
    const throttle = new ThrottledProgress<P>((p) => seen.push(p.n), 1000);
    throttle.push({ n: 1, final: false });
    throttle.push({ n: 2, final: true });
    expect(seen).toEqual([1, 2]);
  });

  it('values spaced wider than the interval all arrive', () => {
    const seen: number[] = [];
    const throttle = new ThrottledProgress<P>((p) => seen.push(p.n), 100);
    for (let n = 1; n <= 4; n++) {
      throttle.push({ n, final: false });
      vi.advanceTimersByTime(150);
    }
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
