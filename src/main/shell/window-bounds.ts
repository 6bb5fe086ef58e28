/**
 * The main window's remembered size and place: parsing the saved JSON (garbage is rejected, never
 * trusted) and fitting it to the displays connected now, so a window saved on an unplugged monitor
 * comes back on one that is there. Electron-free and unit-tested; shell/window-state.ts is the glue.
 */

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  bounds: Rectangle;
  maximized: boolean;
  fullScreen: boolean;
}

/** What the window may shrink to (BrowserWindow's minWidth/minHeight) and grow from. */
export const WINDOW_LIMITS = { minWidth: 800, minHeight: 500 } as const;

/** Coordinates beyond this are not a real desktop (and keep arithmetic far from overflow). */
const MAX_COORDINATE = 100_000;
/** How much of the title bar must lie on a display for the user to grab the window. */
const MIN_VISIBLE = 64;

function isCoordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_COORDINATE;
}

function rectangleOf(value: unknown): Rectangle | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (!isCoordinate(x) || !isCoordinate(y) || !isCoordinate(width) || !isCoordinate(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

/** The saved state, or a reason it cannot be used (the caller logs it and opens the default window). */
export function parseWindowState(text: string): { ok: true; state: SavedWindowState } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not an object' };
  const record = value as Record<string, unknown>;
  const bounds = rectangleOf(record.bounds);
  if (!bounds) return { ok: false, reason: 'no usable bounds (x, y, width, height as finite numbers, size above 0)' };
  return { ok: true, state: { bounds, maximized: record.maximized === true, fullScreen: record.fullScreen === true } };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/**
 * The saved bounds fitted to the displays' work areas: kept as they are when the title bar is reachable
 * on a display; otherwise moved onto the display it overlaps most (or the primary one, the first given),
 * shrunk to fit it (not below the window's minimum unless the display itself is smaller). Null when
 * there is no display to fit to.
 */
export function fitToDisplays(bounds: Rectangle, workAreas: readonly Rectangle[]): Rectangle | null {
  if (workAreas.length === 0) return null;
  const titleBar: Rectangle = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, MIN_VISIBLE) };
  const reachable = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(MIN_VISIBLE, bounds.width) && o.height >= Math.min(MIN_VISIBLE / 2, titleBar.height);
  });
  const fitsSomewhere = workAreas.some((area) => bounds.width <= area.width && bounds.height <= area.height);
  if (reachable && fitsSomewhere) return { ...bounds };
  let target = workAreas[0];
  let best = 0;
  for (const area of workAreas) {
    const o = overlap(bounds, area);
    if (o.width * o.height > best) {
      best = o.width * o.height;
      target = area;
    }
  }
  const width = Math.max(Math.min(bounds.width, target.width), Math.min(WINDOW_LIMITS.minWidth, target.width));
  const height = Math.max(Math.min(bounds.height, target.height), Math.min(WINDOW_LIMITS.minHeight, target.height));
  return {
    x: clamp(bounds.x, target.x, target.x + target.width - width),
    y: clamp(bounds.y, target.y, target.y + target.height - height),
    width,
    height,
  };
}

export function serializeWindowState(state: SavedWindowState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}
