import { describe, expect, it } from 'vitest';
import { clipFromPoint, closeness, closenessClass, closenessLine, closenessTip, distanceTip, momentOnBar, momentSpan, percent, pickCloseness, seedMomentsBySong, tagPlain, tagText } from './why-text';

describe('closeness', () => {
  it('puts distances into words at 0.15 and 0.35', () => {
    expect(closeness(0)).toBe('very close');
    expect(closeness(0.1499)).toBe('very close');
    expect(closeness(0.15)).toBe('close');
    expect(closeness(0.3499)).toBe('close');
    expect(closeness(0.35)).toBe('related');
    expect(closeness(1.4)).toBe('related');
  });
  it('keeps the number, to three decimals, for the tooltip', () => {
    expect(distanceTip(0.0024)).toContain('0.002');
    expect(distanceTip(0.12345)).toContain('0.123');
  });
});

describe('tagText', () => {
  it('splits the prefix into a label and spaces out dashes', () => {
    expect(tagText('family:rock')).toEqual({ kind: 'style', text: 'rock' });
    expect(tagText('inst:electric-guitar')).toEqual({ kind: 'instrument', text: 'electric guitar' });
    expect(tagText('tempo:fast')).toEqual({ kind: 'tempo', text: 'fast' });
    expect(tagText('mode:minor')).toEqual({ kind: 'mode', text: 'minor' });
    expect(tagText('loudness:quiet')).toEqual({ kind: 'loudness', text: 'quiet' });
    expect(tagText('brightness:balanced')).toEqual({ kind: 'brightness', text: 'balanced' });
    expect(tagText('percussion:strong')).toEqual({ kind: 'percussion', text: 'strong' });
    expect(tagPlain('tempo:slow')).toBe('tempo: slow');
    expect(tagText('meter:3')).toEqual({ kind: 'meter', text: '3/4' });
    expect(tagText('weird-kind:x')).toEqual({ kind: 'weird kind', text: 'x' });
  });
  it('leaves tags without a prefix as they are', () => {
    expect(tagText('t17')).toEqual({ kind: null, text: 't17' });
    expect(tagPlain('t17')).toBe('t17');
    expect(tagPlain('inst:piano')).toBe('instrument: piano');
  });
  it('shows probabilities as whole percents', () => {
    expect(percent(0.531)).toBe('53%');
    expect(percent(1.2)).toBe('100%');
  });
});

describe('moments', () => {
  it('formats a span in m:ss', () => {
    expect(momentSpan({ startSec: 30, endSec: 35 })).toBe('0:30–0:35');
    expect(momentSpan({ startSec: 62.5, endSec: 67.5 })).toBe('1:02–1:07');
  });
  it('places a span on the song bar', () => {
    expect(momentOnBar({ startSec: 30, endSec: 35 }, 100)).toEqual({ left: 30, width: 5 });
    // Unknown length: the moment's end is the song's end.
    expect(momentOnBar({ startSec: 10, endSec: 20 }, null)).toEqual({ left: 50, width: 50 });
    // A moment past the known length (a stale duration) is clamped onto the bar, still visible.
    const late = momentOnBar({ startSec: 200, endSec: 205 }, 100);
    expect(late.left + late.width).toBeLessThanOrEqual(100.0001);
    expect(momentOnBar({ startSec: 0, endSec: 0.01 }, 3600).width).toBe(1);
  });
  it('groups seed moments by song, closest song first', () => {
    const groups = seedMomentsBySong([{ trackId: 2, startSec: 5 }, { trackId: 1, startSec: 0 }, { trackId: 2, startSec: 10 }]);
    expect(groups.map((g) => g.trackId)).toEqual([2, 1]);
    expect(groups[0].moments.map((m) => m.startSec)).toEqual([5, 10]);
  });
});

describe('pickCloseness and closenessLine', () => {
  it('use the library-relative closeness when main told it, the raw distance for older explanations', () => {
    const told = { distance: 0.5, closeness: { percentile: 97.5, words: 'very close' as const, pairs: 240 } };
    expect(pickCloseness(told)).toBe('very close');
    expect(closenessLine(told)).toBe('closer than 97.5% of song pairs in your library');
    expect(closenessTip(told)).toContain('240 pairs');
    expect(pickCloseness({ distance: 0.05, closeness: { percentile: 12, words: 'far', pairs: 240 } })).toBe('far');
    expect(pickCloseness({ distance: 0.5 })).toBe('related');
    expect(closenessLine({ distance: 0.5 })).toBeNull();
    expect(closenessTip({ distance: 0.5 })).toContain('0.500');
    expect(closenessClass('very close')).toBe('very-close');
  });
});

describe('clipFromPoint', () => {
  it('plays a fragment length from the clicked point, cut at the song end', () => {
    expect(clipFromPoint(0.5, 200, 5)).toEqual({ startSec: 100, endSec: 105 });
    expect(clipFromPoint(0, 200, 5)).toEqual({ startSec: 0, endSec: 5 });
    expect(clipFromPoint(0.99, 200, 5)).toEqual({ startSec: 198, endSec: 200 });
    expect(clipFromPoint(1.5, 200, 5)).toEqual({ startSec: 199.5, endSec: 200 });
    expect(clipFromPoint(-1, 200, 5)).toEqual({ startSec: 0, endSec: 5 });
  });
});
