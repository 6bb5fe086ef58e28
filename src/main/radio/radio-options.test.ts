import { describe, expect, it } from 'vitest';
import { RADIO_DEFAULTS } from '../../shared/defaults';
import { SoundlikeError } from '../../shared/errors';
import { assertOptionsObject, steeredRadioOptions, validRadioOptions } from './radio-options';

describe('validRadioOptions', () => {
  it('fills what is not given (or given as undefined) with the defaults', () => {
    expect(validRadioOptions(undefined)).toEqual(RADIO_DEFAULTS);
    expect(validRadioOptions({ count: 5, adventure: undefined })).toEqual({ ...RADIO_DEFAULTS, count: 5 });
  });

  it('keeps only the three options', () => {
    expect(validRadioOptions({ count: 3, adventure: 1, artistGap: 0, extra: 'x' } as never)).toEqual({ count: 3, adventure: 1, artistGap: 0 });
  });

  it('says which option is out of range', () => {
    for (const count of [0, 201, 2.5, Number.NaN]) expect(() => validRadioOptions({ count })).toThrow(/count must be a whole number from 1 to 200/);
    for (const adventure of [-0.1, 1.1, Number.NaN, '0.5' as never]) expect(() => validRadioOptions({ adventure })).toThrow(/adventure must be a number from 0/);
    for (const artistGap of [-1, 51, 1.5]) expect(() => validRadioOptions({ artistGap })).toThrow(/artistGap must be a whole number from 0 to 50/);
    expect(() => validRadioOptions({ count: 0 })).toThrow(SoundlikeError);
  });
});

describe('assertOptionsObject', () => {
  it('takes an object, and nothing else', () => {
    expect(() => assertOptionsObject({ adventure: 0.5 })).not.toThrow();
    for (const bad of [null, undefined, 3, 'adventure', [0.5]]) expect(() => assertOptionsObject(bad)).toThrow(/must be an object/);
  });
});

describe('steeredRadioOptions', () => {
  const playing = { count: 7, adventure: 0.1, artistGap: 2 };

  it('changes what is given, keeps the rest of the playing radio', () => {
    expect(steeredRadioOptions(playing, { adventure: 0.9 })).toEqual({ ...playing, adventure: 0.9 });
    expect(steeredRadioOptions(playing, {})).toEqual(playing);
  });

  it('ignores unknown fields, and one given as undefined goes back to its default', () => {
    expect(steeredRadioOptions(playing, { volume: 3 } as never)).toEqual(playing);
    expect(steeredRadioOptions(playing, { adventure: undefined })).toEqual({ ...playing, adventure: RADIO_DEFAULTS.adventure });
  });

  it('checks the new values as a new radio would', () => {
    expect(() => steeredRadioOptions(playing, { artistGap: 99 })).toThrow(/artistGap/);
  });
});
