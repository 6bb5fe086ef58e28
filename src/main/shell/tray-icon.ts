/**
 * The tray icon drawn in code, for when the app icon (build/icons) is not at hand: four bars of a level meter in
 * white on transparent, which reads on dark and mid-grey panels. Raw 32-bit pixels for Electron's
 * nativeImage.createFromBitmap; white and transparent are the same in BGRA and RGBA, so byte order
 * does not matter. Electron-free and unit-tested.
 */

/** Heights of the bars as a share of the icon, left to right. */
const BAR_HEIGHTS = [0.45, 0.8, 0.6, 0.95];

export function trayIconBitmap(size: number): Buffer {
  if (!Number.isInteger(size) || size < 8 || size > 512) throw new RangeError(`A tray icon is 8 to 512 pixels, not ${size}.`);
  const pixels = Buffer.alloc(size * size * 4); // all transparent
  const margin = Math.round(size / 8);
  const slot = (size - 2 * margin) / BAR_HEIGHTS.length;
  const barWidth = Math.max(1, Math.round(slot * 0.65));
  BAR_HEIGHTS.forEach((share, bar) => {
    const left = Math.round(margin + bar * slot + (slot - barWidth) / 2);
    const top = Math.round(size - margin - share * (size - 2 * margin));
    for (let y = top; y < size - margin; y++) {
      for (let x = left; x < left + barWidth; x++) pixels.fill(255, (y * size + x) * 4, (y * size + x) * 4 + 4);
    }
  });
  return pixels;
}
