import { describe, expect, it } from 'vitest';
import { isInside } from './validate-folder';

describe('isInside', () => {
  it('is true for the folder itself and anything below it', () => {
    expect(isInside('/music', '/music')).toBe(true);
    expect(isInside('/music', '/music/')).toBe(true);
    expect(isInside('/music', '/music/a.mp3')).toBe(true);
    expect(isInside('/music', '/music/deep/er/a.flac')).toBe(true);
    expect(isInside('/music/', '/music/a.mp3')).toBe(true);
  });

  it('is false for parents, siblings and folders that merely share a prefix', () => {
    expect(isInside('/music', '/')).toBe(false);
    expect(isInside('/music/rock', '/music')).toBe(false);
    expect(isInside('/music', '/music2/a.mp3')).toBe(false);
    expect(isInside('/music', '/musical/a.mp3')).toBe(false);
    expect(isInside('/music', '/other/a.mp3')).toBe(false);
  });

  it('is false for paths that climb out with ..', () => {
    expect(isInside('/music', '/music/../etc/passwd')).toBe(false);
    expect(isInside('/music', '/music/a/../../secret.mp3')).toBe(false);
  });

  it('is true for names inside that start with two dots ("..Live" is a name, not a parent)', () => {
    expect(isInside('/music', '/music/..Live/track.mp3')).toBe(true);
    expect(isInside('/music', '/music/...mp3')).toBe(true);
  });
});
