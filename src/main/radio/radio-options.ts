/**
 * A radio's options as the listener may give them: checked against their ranges (a clear message for each),
 * and merged over the playing radio's when it is steered. Pure: no database, no queue.
 */
import { RADIO_DEFAULTS } from '../../shared/defaults';
import type { RadioOptions } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';

const OPTION_NAMES: readonly (keyof RadioOptions)[] = ['count', 'adventure', 'artistGap'];

/** The defaults with what was given over them (undefined fields left out), or a clear error for a value out of range. */
export function validRadioOptions(input: Partial<RadioOptions> | undefined): RadioOptions {
  const given = Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== undefined));
  const o = { ...RADIO_DEFAULTS, ...given } as RadioOptions;
  if (!Number.isInteger(o.count) || o.count < 1 || o.count > 200) throw new SoundlikeError('INVALID_ARGUMENT', 'count must be a whole number from 1 to 200.');
  if (typeof o.adventure !== 'number' || !(o.adventure >= 0 && o.adventure <= 1)) throw new SoundlikeError('INVALID_ARGUMENT', 'adventure must be a number from 0 (close) to 1 (varied).');
  if (!Number.isInteger(o.artistGap) || o.artistGap < 0 || o.artistGap > 50) throw new SoundlikeError('INVALID_ARGUMENT', 'artistGap must be a whole number from 0 to 50.');
  return { count: o.count, adventure: o.adventure, artistGap: o.artistGap };
}

/** A clear error unless `value` (from a page or the CLI: anything) is an options object. */
export function assertOptionsObject(value: unknown): asserts value is Partial<RadioOptions> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SoundlikeError('INVALID_ARGUMENT', 'Radio options must be an object such as {"adventure": 0.5}.');
  }
}

/**
 * The playing radio's options with the known fields of `change` over them: other fields are ignored, and
 * a field present but undefined falls back to its default (as validRadioOptions treats it).
 */
export function steeredRadioOptions(current: RadioOptions, change: Partial<RadioOptions>): RadioOptions {
  const given = Object.fromEntries(OPTION_NAMES.filter((k) => Object.hasOwn(change, k)).map((k) => [k, change[k]]));
  return validRadioOptions({ ...current, ...given });
}
