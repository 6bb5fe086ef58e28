import { describe, expect, it } from 'vitest';
import { parseStoredActiveRadio, type StoredActiveRadio } from './active-radio';

const good: StoredActiveRadio = { radioId: 7, seedTrackIds: [3, 9], relaxed: ['artist-gap'], coverage: { analysed: 12, total: 158 } };

describe('parseStoredActiveRadio', () => {
  it('reads back what was stored, through JSON as kv keeps it', () => {
    expect(parseStoredActiveRadio(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(parseStoredActiveRadio({ ...good, relaxed: [] })).toEqual({ ...good, relaxed: [] });
  });

  it('keeps only the known fields', () => {
    expect(parseStoredActiveRadio({ ...good, extra: 'x', coverage: { ...good.coverage, more: 1 } })).toEqual(good);
  });

  it('takes a damaged or foreign value for no radio', () => {
    const damaged: unknown[] = [
      null, undefined, 42, 'radio', [good],
      { ...good, radioId: 0 }, { ...good, radioId: '7' }, { ...good, radioId: 1.5 },
      { ...good, seedTrackIds: [] }, { ...good, seedTrackIds: [3, -1] }, { ...good, seedTrackIds: '3' },
      { ...good, relaxed: ['everything'] }, { ...good, relaxed: 'artist-gap' },
      { ...good, coverage: null }, { ...good, coverage: { analysed: -1, total: 3 } }, { ...good, coverage: { analysed: 1 } },
    ];
    for (const value of damaged) expect(parseStoredActiveRadio(value), JSON.stringify(value)).toBeNull();
  });
});
