/**
 * Pure geometry and colour for the sonic map: fitting the -1..1 map into a canvas, a grid of buckets for
 * a fast nearest-point lookup at 50k points, colours per tag from a fixed palette, and the radio's path.
 * No DOM here, so all of it is unit-tested.
 */
import type { QueueItem, SonicMapPoint } from '../../../shared/domain';

/** The colour of points whose tag is null, and of tags beyond the palette. */
export const UNTAGGED_COLOUR = '#6b707a';
export const OTHER_COLOUR = '#9a9ea8';

/** Hues that read well on the dark theme, most distinct first (a map with few tags uses the first ones). */
export const PALETTE: readonly string[] = [
  '#e0a84a', '#5fa8e8', '#e5636b', '#6cc287', '#b58ce6', '#e887c4', '#4fc7c1', '#d9d36a', '#f28e4a',
  '#8fa4ff', '#a5d66c', '#c97a5a', '#66e0a0', '#ff6fa0', '#9fd1ff', '#d4a6ff', '#c2b280', '#ff9f80',
];

/** "brightness:dark" -> "dark"; a tag without a group is shown as it is. */
export function tagLabel(tag: string | null): string {
  if (tag === null) return 'no tag';
  const colon = tag.indexOf(':');
  return colon === -1 ? tag : tag.slice(colon + 1);
}

export interface LegendEntry {
  tag: string | null;
  label: string;
  colour: string;
  count: number;
}

export interface Colouring {
  /** Palette index per point into `colours` (a Uint8Array: one byte per point at 50k points). */
  colourOf: Uint8Array;
  colours: string[];
  /** In the group's class order when it has one, else most common first; "other" and untagged last. */
  legend: LegendEntry[];
}

/**
 * Colours by tag. The coloured tags take palette colours in the group's class order (the manifest's,
 * `classes`; tags it does not list, and all tags without one, alphabetically after), so a tag's colour
 * depends only on which tags the map has (a refetch keeps colours put unless a new tag appears), a few
 * tags get the palette's first, most distinct colours, and a graded group (dark, balanced, bright) reads
 * as a scale in the legend. Tags beyond the palette (the least common) share OTHER_COLOUR; null is grey.
 */
export function colourByTag(points: readonly Pick<SonicMapPoint, 'tag'>[], classes: readonly string[] = []): Colouring {
  const counts = new Map<string | null, number>();
  for (const p of points) counts.set(p.tag, (counts.get(p.tag) ?? 0) + 1);
  const tags = [...counts.keys()].filter((t): t is string => t !== null);
  // The most common tags get palette colours; the rest are "other".
  const byCount = [...tags].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b));
  const rank = new Map(classes.map((tag, i) => [tag, i]));
  const classOrder = (a: string, b: string) => (rank.get(a) ?? classes.length) - (rank.get(b) ?? classes.length) || a.localeCompare(b);
  const coloured = byCount.slice(0, PALETTE.length).sort(classOrder);
  const slotOf = new Map(coloured.map((tag, slot) => [tag, slot]));
  const colours = [...PALETTE, OTHER_COLOUR, UNTAGGED_COLOUR];
  const otherIndex = PALETTE.length;
  const untaggedIndex = PALETTE.length + 1;
  const indexOf = (tag: string | null): number => (tag === null ? untaggedIndex : (slotOf.get(tag) ?? otherIndex));
  const colourOf = new Uint8Array(points.length);
  for (let i = 0; i < points.length; i++) colourOf[i] = indexOf(points[i].tag);

  const legend: LegendEntry[] = (classes.length > 0 ? coloured : byCount.slice(0, PALETTE.length)).map((tag) => ({
    tag, label: tagLabel(tag), colour: colours[indexOf(tag)], count: counts.get(tag) ?? 0,
  }));
  const others = byCount.slice(PALETTE.length).reduce((sum, tag) => sum + (counts.get(tag) ?? 0), 0);
  if (others > 0) legend.push({ tag: '', label: 'other tags', colour: OTHER_COLOUR, count: others });
  const untagged = counts.get(null) ?? 0;
  if (untagged > 0) legend.push({ tag: null, label: 'no tag', colour: UNTAGGED_COLOUR, count: untagged });
  return { colourOf, colours, legend };
}

/** Maps -1..1 map space onto a canvas, the same scale on both axes (distances stay honest), y up. */
export interface Viewport {
  scale: number;
  cx: number;
  cy: number;
}

export function fitViewport(width: number, height: number, padding: number): Viewport {
  const half = Math.max(1, Math.min(width, height) / 2 - padding);
  return { scale: half, cx: width / 2, cy: height / 2 };
}

export function toScreen(v: Viewport, x: number, y: number): [number, number] {
  return [v.cx + x * v.scale, v.cy - y * v.scale];
}

export function toMap(v: Viewport, sx: number, sy: number): [number, number] {
  return [(sx - v.cx) / v.scale, (v.cy - sy) / v.scale];
}

/** The user's zoom and pan over the fitted view: a magnification and a screen offset of the centre. */
export interface Zoom {
  k: number;
  dx: number;
  dy: number;
}

export const NO_ZOOM: Zoom = { k: 1, dx: 0, dy: 0 };
export const MAX_ZOOM = 64;

export function zoomed(v: Viewport, z: Zoom): Viewport {
  return { scale: v.scale * z.k, cx: v.cx + z.dx, cy: v.cy + z.dy };
}

/** Zooms by `factor` keeping the map spot under (sx, sy) where it is; k stays within 1..MAX_ZOOM. */
export function zoomAround(v: Viewport, z: Zoom, sx: number, sy: number, factor: number): Zoom {
  const k = Math.min(MAX_ZOOM, Math.max(1, z.k * factor));
  if (k === 1) return NO_ZOOM;
  const [mx, my] = toMap(zoomed(v, z), sx, sy);
  const scale = v.scale * k;
  return { k, dx: sx - mx * scale - v.cx, dy: sy + my * scale - v.cy };
}

/** Points bucketed into a cells x cells grid over -1..1 (a point on the edge goes in the last cell). */
export interface PointGrid {
  cells: number;
  /** Point indices, bucket by bucket (counting sort: two flat arrays, no per-cell allocation). */
  order: Uint32Array;
  /** Bucket b holds order[start[b] .. start[b + 1]). */
  start: Uint32Array;
  xs: Float32Array;
  ys: Float32Array;
}

function cellOf(value: number, cells: number): number {
  const c = Math.floor(((value + 1) / 2) * cells);
  return c < 0 ? 0 : c >= cells ? cells - 1 : c;
}

export function buildGrid(points: readonly Pick<SonicMapPoint, 'x' | 'y'>[], cells = 64): PointGrid {
  const n = points.length;
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  const bucket = new Uint32Array(n);
  const start = new Uint32Array(cells * cells + 1);
  for (let i = 0; i < n; i++) {
    xs[i] = points[i].x;
    ys[i] = points[i].y;
    bucket[i] = cellOf(ys[i], cells) * cells + cellOf(xs[i], cells);
    start[bucket[i] + 1]++;
  }
  for (let b = 0; b < cells * cells; b++) start[b + 1] += start[b];
  const fill = start.slice(0, cells * cells);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[fill[bucket[i]]++] = i;
  return { cells, order, start, xs, ys };
}

/**
 * The index of the point nearest (x, y) within `maxDist` (map units), or -1. Looks only at the buckets the
 * search circle touches, so a hover costs a handful of points, not 50k.
 */
export function nearestPoint(grid: PointGrid, x: number, y: number, maxDist: number): number {
  const { cells, order, start, xs, ys } = grid;
  const x0 = cellOf(x - maxDist, cells);
  const x1 = cellOf(x + maxDist, cells);
  const y0 = cellOf(y - maxDist, cells);
  const y1 = cellOf(y + maxDist, cells);
  let best = -1;
  let bestD = maxDist * maxDist;
  for (let cy = y0; cy <= y1; cy++) {
    for (let cx = x0; cx <= x1; cx++) {
      const b = cy * cells + cx;
      for (let k = start[b]; k < start[b + 1]; k++) {
        const i = order[k];
        const dx = xs[i] - x;
        const dy = ys[i] - y;
        const d = dx * dx + dy * dy;
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      }
    }
  }
  return best;
}

export interface RadioPath {
  /** Map point indices of the seed songs (a one-song radio has one). */
  seeds: number[];
  /** Map point indices of the radio picks in the queue, in queue order. */
  picks: number[];
  /** Each pick's position in the queue (1-based), to number its dot as the queue panel does. */
  positions: number[];
}

/**
 * The radio's path through the map: its seeds (from the session; without one, the user entry just
 * before the first pick, since a one-song radio queues its seed first) and the radio picks in queue
 * order. Entries with no point on the map (not analysed) are left out; no picks, no path.
 */
export function radioPath(items: readonly QueueItem[], seedTrackIds: readonly number[], pointIndex: ReadonlyMap<number, number>): RadioPath {
  const path: RadioPath = { seeds: [], picks: [], positions: [] };
  items.forEach((item, position) => {
    const index = item.origin.kind === 'radio' ? pointIndex.get(item.trackId) : undefined;
    if (index === undefined) return;
    path.picks.push(index);
    path.positions.push(position + 1);
  });
  if (!items.some((i) => i.origin.kind === 'radio')) return path;
  const seeds = seedTrackIds.length > 0 ? seedTrackIds : seedBefore(items);
  path.seeds = [...new Set(seeds.flatMap((id) => {
    const index = pointIndex.get(id);
    return index === undefined ? [] : [index];
  }))];
  return path;
}

function seedBefore(items: readonly QueueItem[]): number[] {
  const first = items.findIndex((i) => i.origin.kind === 'radio');
  const before = first > 0 ? items[first - 1] : undefined;
  return before && before.origin.kind === 'user' ? [before.trackId] : [];
}

/** Where the path starts: the one seed, or the middle of several (a playlist radio). */
export function pathStart(seeds: readonly number[], xs: ArrayLike<number>, ys: ArrayLike<number>): [number, number] | null {
  if (seeds.length === 0) return null;
  let x = 0;
  let y = 0;
  for (const i of seeds) {
    x += xs[i];
    y += ys[i];
  }
  return [x / seeds.length, y / seeds.length];
}
