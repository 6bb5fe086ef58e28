import { describe, it, expect } from 'vitest';
import { formatAgo, formatClock, formatDuration, formatTotalDuration, plural } from './format';

describe('formatDuration', () => {
  it('formats m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5.9)).toBe('0:05');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
  it('is empty for unknown durations, and the clock shows 0:00 instead', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
    expect(formatClock(Number.POSITIVE_INFINITY)).toBe('0:00');
    expect(formatDuration(-3)).toBe('0:00');
  });
});

describe('plural / formatAgo / formatTotalDuration', () => {
  it('pluralises', () => {
    expect(plural(1, 'track')).toBe('1 track');
    expect(plural(12000, 'track')).toBe('12,000 tracks');
  });
  it('describes elapsed time', () => {
    const now = 1_000_000_000;
    expect(formatAgo(null, now)).toBe('never');
    expect(formatAgo(now - 10_000, now)).toBe('just now');
    expect(formatAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAgo(now - 3 * 86_400_000, now)).toBe('3 days ago');
  });
  it('sums play time', () => {
    expect(formatTotalDuration(42 * 60)).toBe('42 min');
    expect(formatTotalDuration(3 * 3600 + 12 * 60)).toBe('3 h 12 min');
    expect(formatTotalDuration(3740 * 3600)).toBe('155 days 20 h');
  });
});
