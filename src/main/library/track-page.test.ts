import { describe, expect, it } from 'vitest';
import { MAX_TRACK_PAGE, validPage } from './track-page';

describe('validPage', () => {
  it('accepts whole numbers in range', () => {
    expect(validPage({ offset: 0, limit: 1 })).toEqual({ offset: 0, limit: 1 });
    expect(validPage({ offset: 5000, limit: MAX_TRACK_PAGE, extra: 'ignored' })).toEqual({ offset: 5000, limit: MAX_TRACK_PAGE });
  });

  it.each([
    [undefined, /offset/], [null, /offset/], ['0,10', /offset/], [{ limit: 10 }, /offset/],
    [{ offset: -1, limit: 10 }, /offset/], [{ offset: 1.5, limit: 10 }, /offset/], [{ offset: '0', limit: 10 }, /offset/],
    [{ offset: 0 }, /1 to 1000/], [{ offset: 0, limit: 0 }, /1 to 1000/], [{ offset: 0, limit: MAX_TRACK_PAGE + 1 }, /1 to 1000/],
    [{ offset: 0, limit: Number.NaN }, /1 to 1000/],
  ])('rejects %j with a clear message', (page, message) => {
    expect(() => validPage(page)).toThrow(message);
  });
});
