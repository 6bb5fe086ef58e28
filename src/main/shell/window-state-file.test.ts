import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state-file';

describe('window state file', () => {
  let dir: string;
  let file: string;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'soundlike-window-'));
    file = join(dir, 'nested', WINDOW_STATE_FILE);
    lines.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips a saved state, leaving no temp file behind', () => {
    const state = { bounds: { x: 40, y: 30, width: 1100, height: 720 }, maximized: false, fullScreen: true };
    saveWindowState(file, state);
    expect(loadWindowState(file, log)).toEqual(state);
    expect(readdirSync(join(dir, 'nested'))).toEqual([WINDOW_STATE_FILE]);
    expect(lines).toEqual([]);
  });

  it('treats a missing file as the first run, silently', () => {
    expect(loadWindowState(file, log)).toBeNull();
    expect(lines).toEqual([]);
  });

  it('ignores a damaged file with one log line naming it and why', () => {
    saveWindowState(file, { bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: false, fullScreen: false });
    writeFileSync(file, '{"bounds": {"x": 0, "y"');
    expect(loadWindowState(file, log)).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(/damaged \(not JSON/);
    writeFileSync(file, '{"bounds": {"x": 0, "y": 0, "width": "wide", "height": 600}}');
    expect(loadWindowState(file, log)).toBeNull();
    expect(lines[1]).toMatch(/no usable bounds/);
  });

  it('logs, and does not throw, when the path cannot be read as a file', () => {
    expect(loadWindowState(dir, log)).toBeNull();
    expect(lines[0]).toMatch(/cannot read .*EISDIR/);
  });
});
