/**
 * Canvas drawing for the sonic map. Points are drawn one colour at a time (one fillStyle change and one
 * path per colour), which keeps a 50k-point redraw to a few milliseconds; the radio path goes on a
 * second canvas above so hover and queue changes never redraw the points.
 */
import type { MapModel } from '../../stores/map-store';
import { pathStart, toScreen, type RadioPath, type Viewport } from '../../lib/sonic-map';

/** Sizes a canvas's backing store to its CSS box at the device pixel ratio; returns a context in CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** Point radius in CSS pixels: big dots for a small library, fine grain for a big one. */
export function pointRadius(count: number): number {
  if (count > 20_000) return 1.3;
  if (count > 5_000) return 1.8;
  if (count > 500) return 2.6;
  return 4.5;
}

/** Point indices grouped by colour, untagged and "other" first so tagged points are drawn on top. */
export function byColour(model: MapModel): Uint32Array[] {
  const { colourOf, colours } = model.colouring;
  const counts = new Uint32Array(colours.length);
  for (let i = 0; i < colourOf.length; i++) counts[colourOf[i]]++;
  const groups = Array.from(counts, (n) => new Uint32Array(n));
  const fill = new Uint32Array(colours.length);
  for (let i = 0; i < colourOf.length; i++) groups[colourOf[i]][fill[colourOf[i]]++] = i;
  return groups;
}

/**
 * `zoom` (1 = fitted) grows the dots a little as they spread apart; points outside width x height are
 * skipped, and dots are round once few enough are on screen (squares are cheaper in bulk).
 */
export function drawPoints(ctx: CanvasRenderingContext2D, model: MapModel, groups: Uint32Array[], v: Viewport, dimOthers: number | null,
  zoom: number, width: number, height: number): void {
  const { xs, ys } = model.grid;
  const { colours } = model.colouring;
  const r = pointRadius(xs.length) * Math.min(2.5, Math.sqrt(zoom));
  const round = xs.length / (zoom * zoom) <= 5_000;
  // Draw order: the grey groups (last two colours) first.
  const order = [colours.length - 1, colours.length - 2, ...colours.slice(0, -2).map((_, i) => i)];
  for (const c of order) {
    const group = groups[c];
    if (!group || group.length === 0) continue;
    ctx.globalAlpha = dimOthers === null || dimOthers === c ? 0.9 : 0.12;
    ctx.fillStyle = colours[c];
    ctx.beginPath();
    for (let k = 0; k < group.length; k++) {
      const i = group[k];
      const x = v.cx + xs[i] * v.scale; // toScreen, inlined: this loop runs 50k times
      const y = v.cy - ys[i] * v.scale;
      if (x < -r || y < -r || x > width + r || y > height + r) continue;
      if (round) {
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, Math.PI * 2);
      } else {
        ctx.rect(x - r, y - r, r * 2, r * 2);
      }
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

function arrowHead(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len < 18) return; // too short to carry an arrow
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const a = Math.atan2(y1 - y0, x1 - x0);
  const s = 6;
  ctx.beginPath();
  ctx.moveTo(mx + Math.cos(a) * s, my + Math.sin(a) * s);
  ctx.lineTo(mx + Math.cos(a + 2.5) * s, my + Math.sin(a + 2.5) * s);
  ctx.lineTo(mx + Math.cos(a - 2.5) * s, my + Math.sin(a - 2.5) * s);
  ctx.closePath();
  ctx.fill();
}

/**
 * The radio's path: seed rings, then a line from the seed (or the middle of several) through the picks in
 * queue order, an arrow on each leg, and dots numbered by queue position as in the queue panel (the playing pick larger).
 * A sonic path is drawn the same way (its start is the seed, its end its last pick), `end` ringed twice.
 */
export function drawRadioPath(ctx: CanvasRenderingContext2D, model: MapModel, path: RadioPath, v: Viewport, playing: number | null, end: number | null = null): void {
  const { xs, ys } = model.grid;
  const accent = '#f2bb5c';
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  // A sonic path's end song: a double ring, so the walk reads from the single-ringed start to it.
  if (end !== null) {
    const [x, y] = toScreen(v, xs[end], ys[end]);
    for (const [r, colour] of [[13, accent], [9, '#fff']] as const) {
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2.5;
      ctx.stroke();
    }
  }
  for (const i of path.seeds) {
    const [x, y] = toScreen(v, xs[i], ys[i]);
    ctx.beginPath();
    ctx.arc(x, y, 9, 0, Math.PI * 2);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2.5;
    ctx.stroke();
  }
  const start = pathStart(path.seeds, xs, ys);
  const stops: [number, number][] = [];
  if (start) stops.push(toScreen(v, start[0], start[1]));
  // Several seeds (a playlist radio): the path starts in their middle, tied to each by a dashed line.
  if (start && path.seeds.length > 1) {
    const [sx, sy] = stops[0];
    ctx.setLineDash([3, 4]);
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const i of path.seeds) {
      const [x, y] = toScreen(v, xs[i], ys[i]);
      ctx.moveTo(sx, sy);
      ctx.lineTo(x, y);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(sx, sy, 4, 0, Math.PI * 2);
    ctx.fillStyle = '#fff';
    ctx.fill();
  }
  for (const i of path.picks) stops.push(toScreen(v, xs[i], ys[i]));
  if (stops.length >= 2) {
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.55)';
    ctx.lineWidth = 4;
    ctx.beginPath();
    stops.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.stroke();
    ctx.strokeStyle = accent;
    ctx.lineWidth = 1.8;
    ctx.stroke();
    ctx.fillStyle = accent;
    for (let k = 1; k < stops.length; k++) arrowHead(ctx, stops[k - 1][0], stops[k - 1][1], stops[k][0], stops[k][1]);
  }
  const numbered = path.picks.length <= 60;
  ctx.font = '600 9px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  path.picks.forEach((i, k) => {
    const [x, y] = toScreen(v, xs[i], ys[i]);
    const big = i === playing;
    ctx.beginPath();
    ctx.arc(x, y, big ? 10 : numbered ? 7.5 : 3.5, 0, Math.PI * 2);
    ctx.fillStyle = big ? '#fff' : accent;
    ctx.fill();
    ctx.strokeStyle = '#121316';
    ctx.lineWidth = 1.5;
    ctx.stroke();
    if (numbered) {
      ctx.fillStyle = '#1b1406';
      ctx.fillText(String(path.positions[k] ?? k + 1), x, y + 0.5);
    }
  });
}
