import { describe, expect, it } from 'vitest';
import { removalWarning } from './folder-text';

describe('removalWarning', () => {
  it('says what leaves with the tracks, counted', () => {
    expect(removalWarning(1234)).toBe(
      'Remove from library? Files stay on disk, but its 1,234 tracks leave the library, with their history, likes and playlist entries.',
    );
    expect(removalWarning(1)).toBe('Remove from library? Files stay on disk, but its track leaves the library, with their history, likes and playlist entries.');
  });

  it('is short for an empty folder', () => {
    expect(removalWarning(0)).toBe('Remove from library? Files stay on disk.');
  });
});
