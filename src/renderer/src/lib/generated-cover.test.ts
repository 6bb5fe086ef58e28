import { describe, expect, it } from 'vitest';
import { generatedCover, hashText, wrapTitle } from './generated-cover';

describe('generatedCover', () => {
  it('is the same for the same album and differs between albums', () => {
    expect(generatedCover('Delta Demos', 'Muddy Creek Slim')).toEqual(generatedCover('Delta Demos', 'Muddy Creek Slim'));
    expect(generatedCover('Delta Demos', 'Muddy Creek Slim').from).not.toBe(generatedCover('Garage Hours', 'The Demo Rockers').from);
    expect(hashText('abc')).toBe(hashText('abc'));
  });

  it('wraps the title into at most three lines, marking a cut', () => {
    expect(wrapTitle('Low Lamp Blues', 12, 3)).toEqual(['Low Lamp', 'Blues']);
    expect(wrapTitle('One Two Three Four Five Six Seven Eight Nine Ten', 12, 3)).toEqual(['One Two', 'Three Four', 'Five Six…']);
    expect(wrapTitle('Supercalifragilistic', 12, 3)).toEqual(['Supercalifr…']);
    expect(wrapTitle('', 12, 3)).toEqual([]);
    expect(generatedCover('', 'x').lines).toEqual(['Untitled']);
  });
});
