import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/domain';
import {
  buildGrid, colourByTag, fitViewport, MAX_ZOOM, nearestPoint, NO_ZOOM, OTHER_COLOUR, PALETTE, pathStart, radioPath, tagLabel, toMap,
  toScreen, UNTAGGED_COLOUR, zoomAround, zoomed,
} from './sonic-map';

function bruteNearest(points: { x: number; y: number }[], x: number, y: number, maxDist: number): number {
  let best = -1;
  let bestD = maxDist * maxDist;
  points.forEach((p, i) => {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** A small seeded generator, so the random test is the same every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('tagLabel', () => {
  it('drops the group prefix', () => {
    expect(tagLabel('family:rock')).toBe('rock');
    expect(tagLabel('brightness:dark')).toBe('dark');
    expect(tagLabel('t12')).toBe('t12');
    expect(tagLabel(null)).toBe('no tag');
  });
});

describe('colourByTag', () => {
  it('gives each tag its own colour, grey for null, legend most common first', () => {
    const points = [{ tag: 'family:rock' }, { tag: 'family:jazz' }, { tag: 'family:rock' }, { tag: null }];
    const c = colourByTag(points);
    expect(c.colours[c.colourOf[0]]).toBe(c.colours[c.colourOf[2]]);
    expect(c.colours[c.colourOf[0]]).not.toBe(c.colours[c.colourOf[1]]);
    expect(c.colours[c.colourOf[3]]).toBe(UNTAGGED_COLOUR);
    expect(c.legend.map((l) => [l.label, l.count])).toEqual([['rock', 2], ['jazz', 1], ['no tag', 1]]);
  });

  it('gives a few tags the first, most distinct colours', () => {
    const c = colourByTag([{ tag: 'family:tango' }, { tag: 'family:blues' }, { tag: 'family:funk-soul' }]);
    expect([0, 1, 2].map((i) => c.colours[c.colourOf[i]])).toEqual([PALETTE[2], PALETTE[0], PALETTE[1]]);
  });

  it('is stable: the same tags keep their colours whatever the order and counts of points', () => {
    const a = colourByTag([{ tag: 'family:rock' }, { tag: 'family:jazz' }]);
    const b = colourByTag([{ tag: 'family:jazz' }, { tag: 'family:rock' }, { tag: 'family:rock' }]);
    expect(a.colours[a.colourOf[0]]).toBe(b.colours[b.colourOf[1]]);
    expect(a.colours[a.colourOf[1]]).toBe(b.colours[b.colourOf[0]]);
  });

  it('follows the group\'s class order when it has one, so a graded group reads as a scale', () => {
    const classes = ['brightness:dark', 'brightness:balanced', 'brightness:bright'];
    const points = [{ tag: 'brightness:bright' }, { tag: 'brightness:bright' }, { tag: 'brightness:dark' }, { tag: null }, { tag: 'brightness:balanced' }, { tag: 'brightness:bright' }];
    const c = colourByTag(points, classes);
    expect(c.legend.map((l) => [l.label, l.count])).toEqual([['dark', 1], ['balanced', 1], ['bright', 3], ['no tag', 1]]);
    expect(c.legend.slice(0, 3).map((l) => l.colour)).toEqual([PALETTE[0], PALETTE[1], PALETTE[2]]);
    // Only the classes the map has take colours, still in order; a tag the manifest does not list comes after.
    const d = colourByTag([{ tag: 'brightness:bright' }, { tag: 'brightness:dark' }, { tag: 'brightness:weird' }], classes);
    expect(d.legend.map((l) => l.label)).toEqual(['dark', 'bright', 'weird']);
    expect([1, 0, 2].map((i) => d.colours[d.colourOf[i]])).toEqual([PALETTE[0], PALETTE[1], PALETTE[2]]);
  });

  it('shares one colour among tags beyond the palette, least common first to go', () => {
    const points = Array.from({ length: PALETTE.length + 3 }, (_, i) => Array.from({ length: 50 - i }, () => ({ tag: `g:t${i}` }))).flat();
    const c = colourByTag(points);
    const used = new Set(points.map((_, i) => c.colours[c.colourOf[i]]));
    expect(used.size).toBe(PALETTE.length + 1);
    expect(c.legend.at(-1)).toMatchObject({ label: 'other tags', colour: OTHER_COLOUR, count: (50 - 18) + (50 - 19) + (50 - 20) });
  });
});

describe('viewport', () => {
  it('fits -1..1 into the smaller side with padding, y up, and inverts', () => {
    const v = fitViewport(400, 200, 10);
    expect(toScreen(v, 0, 0)).toEqual([200, 100]);
    expect(toScreen(v, 1, 1)).toEqual([290, 10]);
    expect(toScreen(v, -1, -1)).toEqual([110, 190]);
    const [x, y] = toMap(v, 123, 45);
    const [sx, sy] = toScreen(v, x, y);
    expect(sx).toBeCloseTo(123, 9);
    expect(sy).toBeCloseTo(45, 9);
  });
});

describe('zoom', () => {
  it('keeps the spot under the pointer in place, and clamps', () => {
    const v = fitViewport(400, 300, 10);
    const before = toMap(v, 300, 80);
    const z = zoomAround(v, NO_ZOOM, 300, 80, 3);
    expect(z.k).toBe(3);
    const after = toMap(zoomed(v, z), 300, 80);
    expect(after[0]).toBeCloseTo(before[0], 9);
    expect(after[1]).toBeCloseTo(before[1], 9);
    const again = zoomAround(v, z, 120, 200, 2);
    const spot = toMap(zoomed(v, z), 120, 200);
    const [sx, sy] = toScreen(zoomed(v, again), spot[0], spot[1]);
    expect(sx).toBeCloseTo(120, 9);
    expect(sy).toBeCloseTo(200, 9);
    expect(zoomAround(v, z, 0, 0, 1000).k).toBe(MAX_ZOOM);
    expect(zoomAround(v, z, 0, 0, 0.01)).toEqual(NO_ZOOM);
  });
});

describe('nearestPoint', () => {
  it('agrees with a brute-force search on random points', () => {
    const rand = rng(7);
    const points = Array.from({ length: 5000 }, () => ({ x: rand() * 2 - 1, y: rand() * 2 - 1 }));
    points.push({ x: 1, y: 1 }, { x: -1, y: -1 });
    const grid = buildGrid(points, 32);
    for (let q = 0; q < 300; q++) {
      const x = rand() * 2.2 - 1.1;
      const y = rand() * 2.2 - 1.1;
      const r = rand() * 0.08;
      const got = nearestPoint(grid, x, y, r);
      const want = bruteNearest(points, x, y, r);
      if (want === -1) expect(got).toBe(-1);
      else expect((points[got].x - x) ** 2 + (points[got].y - y) ** 2).toBeCloseTo((points[want].x - x) ** 2 + (points[want].y - y) ** 2, 6);
    }
  });

  it('finds nothing in an empty map and nothing beyond the radius', () => {
    expect(nearestPoint(buildGrid([]), 0, 0, 1)).toBe(-1);
    expect(nearestPoint(buildGrid([{ x: 0.5, y: 0.5 }]), 0, 0, 0.1)).toBe(-1);
    expect(nearestPoint(buildGrid([{ x: 0.5, y: 0.5 }]), 0.45, 0.5, 0.1)).toBe(0);
  });

  it('answers a hover at 50k points quickly', () => {
    const rand = rng(3);
    const points = Array.from({ length: 50_000 }, () => ({ x: rand() * 2 - 1, y: rand() * 2 - 1 }));
    const grid = buildGrid(points);
    const t0 = performance.now();
    for (let q = 0; q < 1000; q++) nearestPoint(grid, rand() * 2 - 1, rand() * 2 - 1, 0.02);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('radioPath', () => {
  const user = (id: number, trackId: number): QueueItem => ({ id, trackId, origin: { kind: 'user' } });
  const pick = (id: number, trackId: number): QueueItem => ({ id, trackId, origin: { kind: 'radio', radioId: 1, explanation: null } });
  const index = new Map([[10, 0], [11, 1], [12, 2], [13, 3]]);

  it('is the seed then the picks in queue order, skipping songs not on the map', () => {
    expect(radioPath([user(1, 10), pick(2, 12), pick(3, 99), pick(4, 11)], [], index)).toEqual({ seeds: [0], picks: [2, 1], positions: [2, 4] });
    expect(radioPath([pick(2, 12)], [13, 10], index)).toEqual({ seeds: [3, 0], picks: [2], positions: [1] });
  });

  it('is empty without radio picks', () => {
    expect(radioPath([user(1, 10), user(2, 11)], [10], index)).toEqual({ seeds: [], picks: [], positions: [] });
  });

  it('starts in the middle of several seeds', () => {
    expect(pathStart([0, 1], [0, 1], [1, 0])).toEqual([0.5, 0.5]);
    expect(pathStart([], [], [])).toBeNull();
  });
});
