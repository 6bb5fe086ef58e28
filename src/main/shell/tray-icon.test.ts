import { describe, expect, it } from 'vitest';
import { trayIconBitmap } from './tray-icon';

function alphaAt(pixels: Buffer, size: number, x: number, y: number): number {
  return pixels[(y * size + x) * 4 + 3];
}

describe('trayIconBitmap', () => {
  it('is size x size pixels of 4 bytes, transparent at the edges, with opaque white bars inside', () => {
    for (const size of [16, 22, 32, 64]) {
      const pixels = trayIconBitmap(size);
      expect(pixels.length).toBe(size * size * 4);
      for (const [x, y] of [[0, 0], [size - 1, 0], [0, size - 1], [size - 1, size - 1]]) expect(alphaAt(pixels, size, x, y)).toBe(0);
      let opaque = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] === 0) continue;
        opaque++;
        expect([pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]]).toEqual([255, 255, 255, 255]);
      }
      // Bars cover a fair share of the icon: visible, not a filled square.
      expect(opaque / (size * size)).toBeGreaterThan(0.15);
      expect(opaque / (size * size)).toBeLessThan(0.6);
    }
  });

  it('has four separate bars along a row near the bottom', () => {
    const size = 32;
    const pixels = trayIconBitmap(size);
    let runs = 0;
    let inBar = false;
    for (let x = 0; x < size; x++) {
      const on = alphaAt(pixels, size, x, size - 6) === 255;
      if (on && !inBar) runs++;
      inBar = on;
    }
    expect(runs).toBe(4);
  });

  it('refuses sizes no tray uses', () => {
    expect(() => trayIconBitmap(4)).toThrow(RangeError);
    expect(() => trayIconBitmap(16.5)).toThrow(RangeError);
  });
});
