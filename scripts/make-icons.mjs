#!/usr/bin/env node
// `npm run icons`: every app icon from the one source image, build/icon.svg. Debian's Chromium (through
// playwright-core, already a dev dependency) renders the SVG at each size, so small sizes are drawn
// sharp rather than scaled down; the ICO and ICNS containers are written here (both are a header and
// a list of PNGs). The results are committed, so `npm run dist` never needs this script.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'build');
const iconsDir = join(buildDir, 'icons');
/** Linux wants a set of NxN.png files (electron-builder installs them under hicolor); 16 to 1024. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Windows: PNG entries up to 256 (the largest size an ICO directory entry can state). */
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** macOS: the PNG element types of an .icns file and the pixel size each holds. */
const ICNS_TYPES = [
  ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
];

/** An ICO file: ICONDIR, one ICONDIRENTRY per image, then the PNGs themselves (Vista+ reads PNG entries). */
function encodeIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** An ICNS file: 'icns' + total length, then elements of a 4-byte type, a length and the PNG data. */
function encodeIcns(elements) {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

async function renderSizes(svg, sizes) {
  const browser = await chromium.launch({
    executablePath: process.env.SOUNDLIKE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const rendered = new Map();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${dataUrl}" width="${size}" height="${size}" style="display:block"></body></html>`);
      await page.waitForFunction(() => document.images[0]?.complete);
      rendered.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return rendered;
  } finally {
    await browser.close();
  }
}

async function main() {
  const svg = readFileSync(join(buildDir, 'icon.svg'), 'utf8');
  let pngs;
  try {
    pngs = await renderSizes(svg, ICON_SIZES);
  } catch (error) {
    console.error(`npm run icons: Chromium could not render build/icon.svg (${error.message.split('\n')[0]}). Install Debian's chromium (apt-get install chromium) or set SOUNDLIKE_CHROMIUM to a Chromium binary.`);
    process.exit(1);
  }
  mkdirSync(iconsDir, { recursive: true });
  for (const [size, png] of pngs) writeFileSync(join(iconsDir, `${size}x${size}.png`), png);
  writeFileSync(join(buildDir, 'icon.png'), pngs.get(1024));
  writeFileSync(join(buildDir, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  writeFileSync(join(buildDir, 'icon.icns'), encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size) }))));
  console.log(`npm run icons: wrote build/icons/{${ICON_SIZES.map((s) => `${s}x${s}`).join(',')}}.png, build/icon.png, build/icon.ico, build/icon.icns`);
}

await main();
