import { describe, expect, it } from 'vitest';
import { projectPca } from './projection';

describe('projectPca', () => {
  it('finds the axes along which the points spread, scaled to -1..1', () => {
    // Points on a line along (1, 1, 0) with a little spread along (0, 0, 1): the first axis carries it.
    const rows: number[][] = [];
    for (let k = -5; k <= 5; k++) rows.push([k, k, (k % 2) * 0.1]);
    const { xy, explainedVariance } = projectPca(Float32Array.from(rows.flat()), rows.length, 3);
    const xs = Array.from({ length: rows.length }, (_, r) => xy[r * 2]);
    expect(Math.max(...xs.map(Math.abs))).toBeCloseTo(1, 5);
    // Monotone along the line (the sign is fixed, so the order is stable).
    const sorted = [...xs].sort((a, b) => a - b);
    expect(xs.join()).toBe(sorted.join());
    expect(explainedVariance).toBeGreaterThan(0.99);
  });

  it('is deterministic', () => {
    const data = Float32Array.from({ length: 40 * 8 }, (_, i) => Math.sin(i * 1.7) + ((i * 7) % 5));
    expect(Array.from(projectPca(data, 40, 8).xy)).toEqual(Array.from(projectPca(data, 40, 8).xy));
  });
});
