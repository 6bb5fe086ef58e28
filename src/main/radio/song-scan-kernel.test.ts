import { describe, expect, it } from 'vitest';
import { gaussian, prng } from '../../shared/prng';
import { dotEach } from './set-similarity';
import { createSongScan, songScanModuleBytes } from './song-scan-kernel';

function randomRows(n: number, dims: number, random: () => number): Float32Array {
  return Float32Array.from({ length: n * dims }, () => gaussian(random));
}

describe('the WebAssembly song-mean scan', () => {
  it('is valid WebAssembly (SIMD) and runs here', () => {
    expect(WebAssembly.validate(songScanModuleBytes(16))).toBe(true);
    expect(createSongScan(new Float32Array(16), 1, 16).simd).toBe(true);
  });

  for (const [count, dims] of [[1, 16], [3, 16], [4, 16], [1001, 16], [37, 5], [64, 64]]) {
    it(`scores every song as dotEach does, bit for bit (${count} songs, ${dims} dimensions)`, () => {
      const random = prng(count * 100 + dims);
      const means = randomRows(count, dims, random);
      const scan = createSongScan(means, count, dims);
      expect(scan.simd).toBe(true);
      for (let q = 0; q < 3; q++) {
        const query = randomRows(1, dims, random);
        expect(scan.scan(query, new Float32Array(count))).toEqual(dotEach(means, count, query, dims, new Float32Array(count)));
      }
    });
  }

  it('answers nothing for no songs, and falls back to dotEach for wide spaces', () => {
    expect(createSongScan(new Float32Array(0), 0, 16).scan(new Float32Array(16), new Float32Array(0))).toEqual(new Float32Array(0));
    const means = randomRows(10, 256, prng(4));
    const query = randomRows(1, 256, prng(5));
    const wide = createSongScan(means, 10, 256);
    expect(wide.simd).toBe(false);
    expect(wide.scan(query, new Float32Array(10))).toEqual(dotEach(means, 10, query, 256, new Float32Array(10)));
  });
});
