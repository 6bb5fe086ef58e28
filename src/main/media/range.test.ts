import { describe, expect, it } from 'vitest';
import { parseRange } from './range';

describe('parseRange', () => {
  const size = 1000;

  it('returns null (serve the whole file) without a usable header', () => {
    expect(parseRange(undefined, size)).toBeNull();
    expect(parseRange(null, size)).toBeNull();
    expect(parseRange('', size)).toBeNull();
    expect(parseRange('bytes=-', size)).toBeNull();
    expect(parseRange('items=0-10', size)).toBeNull();
    expect(parseRange('bytes=abc-def', size)).toBeNull();
    // Several ranges: players ask for one; answering with the whole file is allowed.
    expect(parseRange('bytes=0-10,20-30', size)).toBeNull();
  });

  it('parses a closed range, inclusive of its end', () => {
    expect(parseRange('bytes=0-99', size)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=500-500', size)).toEqual({ start: 500, end: 500 });
    expect(parseRange(' bytes=10-20 ', size)).toEqual({ start: 10, end: 20 });
  });

  it('clamps an end past the file to the last byte', () => {
    expect(parseRange('bytes=900-5000', size)).toEqual({ start: 900, end: 999 });
  });

  it('parses an open-ended range to the end of the file', () => {
    expect(parseRange('bytes=0-', size)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=999-', size)).toEqual({ start: 999, end: 999 });
  });

  it('parses a suffix range as the last N bytes, and the whole file when N exceeds it', () => {
    expect(parseRange('bytes=-100', size)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-1', size)).toEqual({ start: 999, end: 999 });
    expect(parseRange('bytes=-5000', size)).toEqual({ start: 0, end: 999 });
  });

  it('answers unsatisfiable for a start at or past the end and for an empty suffix', () => {
    expect(parseRange('bytes=1000-', size)).toBe('unsatisfiable');
    expect(parseRange('bytes=1000-1001', size)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', size)).toBe('unsatisfiable');
  });

  it('never returns a range for an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=-10', 0)).toBe('unsatisfiable');
  });

  it('does not serve a backwards range as a range', () => {
    expect(parseRange('bytes=50-10', size)).not.toEqual(expect.objectContaining({ start: 50 }));
  });
});
