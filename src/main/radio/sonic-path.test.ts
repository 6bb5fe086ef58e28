import { describe, expect, it } from 'vitest';
import { sonicPath, type PathSpace } from './sonic-path';

/**
 * Songs on a quarter circle in 2-D, each of three moments around its angle: song k at angle k * 10 degrees.
 * A walk from 0 to 90 degrees must pass the songs between in order.
 */
function arcSpace(angles: number[], extra: { id: number; angle: number }[] = []): PathSpace {
  const songs = [...angles.map((a, i) => ({ id: i + 1, angle: a })), ...extra];
  const dims = 2;
  const store = new Float32Array(songs.length * 3 * dims);
  const means = new Float32Array(songs.length * dims);
  songs.forEach((s, t) => {
    for (let m = 0; m < 3; m++) {
      const a = ((s.angle + (m - 1) * 2) * Math.PI) / 180;
      store.set([Math.cos(a), Math.sin(a)], (t * 3 + m) * dims);
    }
    const a = (s.angle * Math.PI) / 180;
    means.set([Math.cos(a), Math.sin(a)], t * dims);
  });
  const slot = new Map(songs.map((s, t) => [s.id, t]));
  return {
    dims, ids: songs.map((s) => s.id), means, slot, store,
    rowsOf: (id) => {
      const t = slot.get(id);
      return t === undefined ? null : Int32Array.from([t * 3, t * 3 + 1, t * 3 + 2]);
    },
  };
}

const base = { excludeTrackIds: [], poolPerStep: 4, wholeLibrary: 400 };

describe('sonicPath', () => {
  const angles = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90];

  it('walks from A to B through the songs between, each nearer B than the one before', () => {
    const result = sonicPath(arcSpace(angles), { ...base, fromTrackId: 1, toTrackId: 10, count: 8 });
    expect(result.steps.map((s) => s.trackId)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    for (let k = 1; k < result.steps.length; k++) expect(result.steps[k].toEnd).toBeGreaterThan(result.steps[k - 1].toEnd);
    expect(result.steps[0].pairs.every((p) => p.seedRow < 3)).toBe(true); // the first step is matched with A's moments
    expect(result.arrival.pairs.length).toBeGreaterThan(0);
  });

  it('takes the songs nearest each waypoint when asked for fewer, and the candidate pool when the library is big', () => {
    const few = sonicPath(arcSpace(angles), { ...base, fromTrackId: 1, toTrackId: 10, count: 2 });
    expect(few.steps.map((s) => s.trackId)).toEqual([4, 7]); // waypoints at 30 and 60 degrees
    const pooled = sonicPath(arcSpace(angles), { ...base, wholeLibrary: 0, poolPerStep: 1, fromTrackId: 1, toTrackId: 10, count: 2 });
    expect(pooled.candidates).toBe(2);
    expect(pooled.steps.map((s) => s.trackId)).toEqual([4, 7]);
  });

  it('never uses a song twice, an end, or an excluded song, and stops when the library runs out', () => {
    const result = sonicPath(arcSpace(angles), { ...base, excludeTrackIds: [5, 6], fromTrackId: 1, toTrackId: 10, count: 20 });
    const ids = result.steps.map((s) => s.trackId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    for (const id of [1, 10, 5, 6]) expect(ids).not.toContain(id);
  });

  it('refuses an end with no moments', () => {
    expect(() => sonicPath(arcSpace(angles), { ...base, fromTrackId: 1, toTrackId: 99, count: 3 })).toThrow(/analysed/);
  });
});
