/**
 * The map itself: points on one canvas, the radio's path on a second above it, hover through the bucket
 * grid (a tooltip naming the song), click for a small popover to play it or play similar songs.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { fitViewport, nearestPoint, NO_ZOOM, radioPath, tagLabel, toMap, toScreen, zoomAround, zoomed, type Zoom } from '../../lib/sonic-map';
import { useLibraryStore } from '../../stores/library-store';
import type { MapModel } from '../../stores/map-store';
import { useCurrentIndex, useQueueItems } from '../../stores/queue-store';
import { useRadioSession } from '../../stores/radio-store';
import { useSonicPath } from '../../stores/sonic-path-store';
import { byColour, drawPoints, drawRadioPath, prepareCanvas } from './draw';
import { MapLegend } from './MapLegend';
import { MapPopover } from './MapPopover';

const PADDING = 28;
/** How close (CSS px) the pointer must be to a point to pick it. */
const HOVER_PX = 12;
/** A press that moves further than this (CSS px) pans instead of clicking. */
const DRAG_PX = 4;

function useBoxSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize((s) => (s.width === el.clientWidth && s.height === el.clientHeight ? s : { width: el.clientWidth, height: el.clientHeight }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** Bumps when the device pixel ratio changes (browser zoom, a move to another screen), to redraw sharp. */
function useDevicePixelRatio(): number {
  const [dpr, setDpr] = useState(() => window.devicePixelRatio || 1);
  useEffect(() => {
    const query = window.matchMedia(`(resolution: ${dpr}dppx)`);
    const onChange = () => setDpr(window.devicePixelRatio || 1);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [dpr]);
  return dpr;
}

export function MapCanvas({ model }: { model: MapModel }) {
  const wrap = useRef<HTMLDivElement>(null);
  const base = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const { width, height } = useBoxSize(wrap);
  const dpr = useDevicePixelRatio();
  const fitted = useMemo(() => fitViewport(width, height, PADDING), [width, height]);
  const [zoom, setZoom] = useState<Zoom>(NO_ZOOM);
  const viewport = useMemo(() => zoomed(fitted, zoom), [fitted, zoom]);
  const drag = useRef<{ x: number; y: number; zoom: Zoom; moved: boolean } | null>(null);
  const groups = useMemo(() => byColour(model), [model]);
  const [hover, setHover] = useState<number | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [dim, setDim] = useState<number | null>(null);
  const closePopover = useCallback(() => setPicked(null), []);
  const byId = useLibraryStore((s) => s.byId);

  const items = useQueueItems();
  const current = useCurrentIndex();
  const seedIds = useRadioSession()?.seedTrackIds;
  const path = useMemo(() => radioPath(items, seedIds ?? [], model.indexOf), [items, seedIds, model]);
  // A queued sonic path ends at a song of its own: ringed like its start (the radio path rings only seeds).
  const sonicPath = useSonicPath();
  const pathEnd = sonicPath && items.some((i) => i.origin.kind === 'radio' && i.origin.radioId === sonicPath.radioId)
    ? (model.indexOf.get(sonicPath.toTrackId) ?? null) : null;
  const playingItem = items[current];
  const playing = playingItem && playingItem.origin.kind === 'radio' ? (model.indexOf.get(playingItem.trackId) ?? null) : null;

  useEffect(() => {
    if (!base.current || width === 0 || height === 0) return;
    const ctx = prepareCanvas(base.current, width, height);
    if (ctx) drawPoints(ctx, model, groups, viewport, dim, zoom.k, width, height);
  }, [model, groups, viewport, width, height, dpr, dim, zoom.k]);

  useEffect(() => {
    if (!overlay.current || width === 0 || height === 0) return;
    const ctx = prepareCanvas(overlay.current, width, height);
    if (ctx) drawRadioPath(ctx, model, path, viewport, playing, pathEnd);
  }, [model, path, viewport, width, height, dpr, playing, pathEnd]);

  // A new map (after analysis) may no longer hold the hovered or picked index.
  useEffect(() => {
    setHover(null);
    setPicked(null);
  }, [model]);

  function local(clientX: number, clientY: number): [number, number] {
    const box = wrap.current?.getBoundingClientRect();
    return box ? [clientX - box.left, clientY - box.top] : [0, 0];
  }

  function pointAt(clientX: number, clientY: number): number | null {
    const [x, y] = toMap(viewport, ...local(clientX, clientY));
    const index = nearestPoint(model.grid, x, y, HOVER_PX / viewport.scale);
    return index === -1 ? null : index;
  }

  const shown = hover ?? null;
  const point = shown === null ? null : model.map.points[shown];
  const track = point ? byId.get(point.trackId) : undefined;
  const [hx, hy] = shown === null ? [0, 0] : toScreen(viewport, model.grid.xs[shown], model.grid.ys[shown]);
  // The tooltip goes on the side of the point with more room, and never wider than that room.
  const roomRight = width - hx - 20;
  const roomLeft = hx - 20;
  const flip = roomRight < 240 && roomLeft > roomRight;
  const tipWidth = Math.max(120, Math.min(320, flip ? roomLeft : roomRight));

  return (
    <div className="map-body">
      <div ref={wrap} className={`map-canvas-wrap ${hover !== null ? 'pointing' : ''}`} data-testid="sonic-map-canvas"
        data-radio-picks={path.picks.length}
        data-path-end={pathEnd === null ? undefined : model.map.points[pathEnd]?.trackId}
        data-zoom={zoom.k.toFixed(2)}
        onMouseMove={(e) => {
          const d = drag.current;
          if (d && (e.buttons & 1) === 1) {
            const dx = e.clientX - d.x;
            const dy = e.clientY - d.y;
            if (d.moved || Math.hypot(dx, dy) > DRAG_PX) {
              d.moved = true;
              if (zoom.k > 1) setZoom({ ...d.zoom, dx: d.zoom.dx + dx, dy: d.zoom.dy + dy });
              if (hover !== null) setHover(null);
              return;
            }
          }
          const index = pointAt(e.clientX, e.clientY);
          if (index !== hover) setHover(index);
        }}
        onMouseDown={(e) => { if (e.button === 0) drag.current = { x: e.clientX, y: e.clientY, zoom, moved: false }; }}
        onMouseLeave={() => setHover(null)}
        onWheel={(e) => {
          const [sx, sy] = local(e.clientX, e.clientY);
          setZoom(zoomAround(fitted, zoom, sx, sy, Math.exp(-e.deltaY * 0.0015)));
          setPicked(null);
        }}
        onClick={(e) => {
          const panned = drag.current?.moved ?? false;
          drag.current = null;
          if (!panned) setPicked(pointAt(e.clientX, e.clientY));
        }}>
        <canvas ref={base} className="map-canvas" style={{ width, height }} role="img"
          aria-label={`A map of ${model.map.points.length} songs: songs that sound alike lie close together`} />
        <canvas ref={overlay} className="map-canvas map-canvas-top" style={{ width, height }} aria-hidden="true" />
        {point && picked !== shown ? (
          <>
            <div className="map-ring" style={{ left: hx, top: hy }} />
            <div className={`map-tooltip ${flip ? 'flip' : ''}`} role="tooltip" data-testid="map-tooltip"
              style={flip ? { right: width - hx + 12, top: hy, maxWidth: tipWidth } : { left: hx + 12, top: hy, maxWidth: tipWidth }}>
              <span className="map-tooltip-line">
                <strong>{track?.title ?? `Track ${point.trackId}`}</strong>
                {track ? ` — ${track.artist ?? track.albumArtist ?? 'Unknown artist'}` : null}
              </span>
              <span className="map-tooltip-tag">{tagLabel(point.tag)}</span>
            </div>
          </>
        ) : null}
        {zoom.k > 1 ? (
          <button type="button" className="btn small map-reset-zoom" data-testid="map-reset-zoom"
            onClick={(e) => { e.stopPropagation(); setZoom(NO_ZOOM); }}>
            Show all ({zoom.k.toFixed(1)}×)
          </button>
        ) : null}
        {picked !== null && model.map.points[picked] ? (
          <MapPopover point={model.map.points[picked]} track={byId.get(model.map.points[picked].trackId)}
            at={toScreen(viewport, model.grid.xs[picked], model.grid.ys[picked])} width={width} height={height}
            onClose={closePopover} />
        ) : null}
      </div>
      <MapLegend model={model} onHighlight={setDim} pathLength={path.picks.length} sonicPathSteps={pathEnd !== null && sonicPath ? sonicPath.steps.length : null} />
    </div>
  );
}
