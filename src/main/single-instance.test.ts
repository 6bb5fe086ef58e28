import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopDataDir } from './single-instance';

const DEFAULT = '/home/u/.config/Soundlike';

describe('desktopDataDir', () => {
  it('is Electron\'s userData folder unless told otherwise', () => {
    expect(desktopDataDir(['/opt/Soundlike/soundlike'], {}, DEFAULT)).toBe(DEFAULT);
  });

  it('takes --data over $SOUNDLIKE_DATA, resolved against the working folder', () => {
    expect(desktopDataDir(['soundlike', '--data', 'libs/jazz'], { SOUNDLIKE_DATA: '/srv/other' }, DEFAULT)).toBe(resolve('libs/jazz'));
    expect(desktopDataDir(['soundlike'], { SOUNDLIKE_DATA: '/srv/other' }, DEFAULT)).toBe('/srv/other');
  });

  it('ignores a --data with no folder after it, or an empty $SOUNDLIKE_DATA', () => {
    expect(desktopDataDir(['soundlike', '--data'], {}, DEFAULT)).toBe(DEFAULT);
    expect(desktopDataDir(['soundlike', '--data', '--inspect'], { SOUNDLIKE_DATA: '' }, DEFAULT)).toBe(DEFAULT);
  });
});
