/**
 * Media keys, MPRIS (Linux), Now Playing (macOS) and SMTC (Windows) come from Chromium's MediaSession
 * service in the desktop app; they vanish if main disables its features. This guards main's sources.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN_DIR = fileURLToPath(new URL('..', import.meta.url));
const PROTECTED_FEATURES = ['HardwareMediaKeyHandling', 'MediaSessionService', 'GlobalMediaControls'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('media session features', () => {
  it('are never disabled by the Electron main process', () => {
    const offenders = sources(MAIN_DIR).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /disable-features|disableFeatures/.test(text) && PROTECTED_FEATURES.some((feature) => text.includes(feature));
    });
    expect(offenders).toEqual([]);
    expect(sources(MAIN_DIR).length).toBeGreaterThan(20); // the walk really saw main's files
  });
});
