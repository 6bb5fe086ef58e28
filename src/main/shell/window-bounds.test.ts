import { describe, expect, it } from 'vitest';
import { fitToDisplays, parseWindowState, serializeWindowState, type Rectangle } from './window-bounds';

const laptop: Rectangle = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: Rectangle = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('reads what serializeWindowState wrote', () => {
    const state = { bounds: { x: 10, y: 20, width: 1200, height: 700 }, maximized: true, fullScreen: false };
    expect(parseWindowState(serializeWindowState(state))).toEqual({ ok: true, state });
  });

  it('rejects damaged JSON and garbage with a reason', () => {
    const cases = ['{"bounds": {"x": 1', '', 'null', '[1,2]', '"text"', '{}', '{"bounds": null}',
      '{"bounds": {"x": 0, "y": 0, "width": 0, "height": 500}}',
      '{"bounds": {"x": 0, "y": 0, "width": -5, "height": 500}}',
      '{"bounds": {"x": "0", "y": 0, "width": 900, "height": 500}}',
      '{"bounds": {"x": 1e308, "y": 0, "width": 900, "height": 500}}',
      '{"bounds": {"x": 0, "y": 0, "width": 900}}'];
    for (const text of cases) {
      const result = parseWindowState(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
    }
  });

  it('rounds fractional pixels and reads anything but true as false for the flags', () => {
    expect(parseWindowState('{"bounds": {"x": 1.4, "y": 2.6, "width": 900.5, "height": 600}, "maximized": "yes", "fullScreen": 1}'))
      .toEqual({ ok: true, state: { bounds: { x: 1, y: 3, width: 901, height: 600 }, maximized: false, fullScreen: false } });
  });
});

describe('fitToDisplays', () => {
  it('keeps bounds that lie on a connected display, including a second monitor', () => {
    expect(fitToDisplays({ x: 100, y: 80, width: 1280, height: 800 }, [laptop])).toEqual({ x: 100, y: 80, width: 1280, height: 800 });
    expect(fitToDisplays({ x: 2100, y: 50, width: 1600, height: 1000 }, [laptop, rightMonitor])).toEqual({ x: 2100, y: 50, width: 1600, height: 1000 });
  });

  it('brings a window saved on an unplugged monitor back onto the primary display', () => {
    expect(fitToDisplays({ x: 2100, y: 50, width: 1600, height: 1000 }, [laptop])).toEqual({ x: 320, y: 50, width: 1600, height: 1000 });
    expect(fitToDisplays({ x: -3000, y: -2000, width: 1000, height: 600 }, [laptop])).toEqual({ x: 0, y: 0, width: 1000, height: 600 });
  });

  it('moves a window whose title bar is off the top or bottom back to where it can be grabbed', () => {
    expect(fitToDisplays({ x: 100, y: -700, width: 1000, height: 800 }, [laptop])).toEqual({ x: 100, y: 0, width: 1000, height: 800 });
    expect(fitToDisplays({ x: 100, y: 1040, width: 1000, height: 800 }, [laptop])).toEqual({ x: 100, y: 250, width: 1000, height: 800 });
  });

  it('shrinks a window larger than the display it lands on, not below the minimum size the display allows', () => {
    expect(fitToDisplays({ x: 0, y: 0, width: 2500, height: 1400 }, [laptop])).toEqual({ x: 0, y: 0, width: 1920, height: 1050 });
    const tiny: Rectangle = { x: 0, y: 0, width: 640, height: 480 };
    expect(fitToDisplays({ x: 0, y: 0, width: 1280, height: 800 }, [tiny])).toEqual({ x: 0, y: 0, width: 640, height: 480 });
  });

  it('prefers the display the window overlaps most, and a work area that does not start at 0', () => {
    const leftOfPrimary: Rectangle = { x: -1280, y: 24, width: 1280, height: 776 };
    expect(fitToDisplays({ x: -1200, y: 780, width: 1000, height: 700 }, [laptop, leftOfPrimary])).toEqual({ x: -1200, y: 100, width: 1000, height: 700 });
    // Partly past the edge but with its title bar in reach: left where the user put it.
    expect(fitToDisplays({ x: -1400, y: 100, width: 1000, height: 600 }, [laptop, leftOfPrimary])).toEqual({ x: -1400, y: 100, width: 1000, height: 600 });
  });

  it('has nothing to fit to without displays', () => {
    expect(fitToDisplays({ x: 0, y: 0, width: 900, height: 600 }, [])).toBeNull();
  });
});
