import { describe, it, expect } from 'vitest';
import { elementVolume, replayGainFactor, stepVolume } from './replaygain';

describe('replayGainFactor', () => {
  it('converts dB to a linear factor for the chosen mode', () => {
    expect(replayGainFactor('track', -6, -3)).toBeCloseTo(0.501, 3);
    expect(replayGainFactor('album', -6, -20)).toBeCloseTo(0.1, 5);
  });
  it('is 1 when off or when no gain is tagged, and falls back to the other gain', () => {
    expect(replayGainFactor('off', -6, -6)).toBe(1);
    expect(replayGainFactor('track', null, null)).toBe(1);
    expect(replayGainFactor('track', null, -20)).toBeCloseTo(0.1, 5);
    expect(replayGainFactor('album', -20, null)).toBeCloseTo(0.1, 5);
  });
  it('never amplifies', () => {
    expect(replayGainFactor('track', 6, null)).toBe(1);
  });
});

describe('elementVolume / stepVolume', () => {
  it('scales the user volume and honours mute', () => {
    expect(elementVolume(0.8, false, 0.5)).toBeCloseTo(0.4);
    expect(elementVolume(0.8, true, 0.5)).toBe(0);
    expect(elementVolume(2, false, 1)).toBe(1);
  });
  it('steps in 0..1 without float drift', () => {
    expect(stepVolume(0.25, 0.05)).toBe(0.3);
    expect(stepVolume(0.98, 0.05)).toBe(1);
    expect(stepVolume(0.02, -0.05)).toBe(0);
  });
});
