import { describe, expect, it } from 'vitest';
import type { AnalysisProgress } from '../shared/domain';
import { clock, createAnalysisProgressPrinter, rateText } from './progress-bar';

describe('analysis progress line', () => {
  it('shows the time left as m:ss, and h:mm:ss from an hour', () => {
    expect(clock(null)).toBe('--:--');
    expect(clock(65)).toBe('1:05');
    expect(clock(3599)).toBe('59:59');
    expect(clock(28 * 3600 + 5 * 60 + 9)).toBe('28:05:09');
  });

  it('shows the recent rate with how much faster than real time it is', () => {
    expect(rateText({ tracksPerSec: 2.612, realtimeX: 626.4 })).toBe('2.61 tracks/s (626x real time)');
    expect(rateText({ tracksPerSec: 0, realtimeX: 0 })).toBe('0.00 tracks/s');
  });

  it('prints done/total, the rate and the ETA (a plain line when not a terminal)', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const print = createAnalysisProgressPrinter(stream);
    const p: AnalysisProgress = { phase: 'done', done: 24, total: 24, failed: 0, tracksPerSec: 2.5, realtimeX: 600, etaSec: 0, currentTrackId: null, message: null, final: true };
    print(p);
    expect(lines).toEqual([`[${'#'.repeat(30)}] 24/24 tracks  2.50 tracks/s (600x real time)  ETA 0:00  failed 0\n`]);
  });
});
