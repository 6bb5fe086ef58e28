import { describe, expect, it } from 'vitest';
import { barsOf, waveformPath } from './waveform';

describe('barsOf', () => {
  it('keeps the loudest peak of each slice', () => {
    expect(barsOf([0.1, 0.9, 0.2, 0.3, 0.5, 0.4], 3)).toEqual([0.9, 0.3, 0.5]);
    expect(barsOf([0.1, 0.2], 5)).toEqual([0.1, 0.2]);
    expect(barsOf([], 5)).toEqual([]);
  });
  it('covers every peak even when the counts do not divide', () => {
    const bars = barsOf(Array.from({ length: 601 }, (_, i) => (i === 600 ? 1 : 0)), 120);
    expect(bars).toHaveLength(120);
    expect(bars[119]).toBe(1);
  });
});

describe('waveformPath', () => {
  it('draws one centred bar per value, silence as a hairline', () => {
    const d = waveformPath([1, 0], 20);
    const bars = d.split('M').filter(Boolean);
    expect(bars).toHaveLength(2);
    expect(bars[0]).toMatch(/^0 0\.4h35v19\.2h-35z$/);
    expect(bars[1]).toMatch(/^50 9\.6h35v0\.8h-35z$/);
    expect(waveformPath([], 20)).toBe('');
  });
});
