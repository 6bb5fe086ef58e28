/** The committed demo library (rendered from MIDI by scripts/make-demo-library.sh) and its size. */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isAudioPath } from '../../../src/shared/audio-formats';

export const DEMO_LIBRARY = resolve('resources/demo-library');

export function demoAudioFiles(dir = DEMO_LIBRARY): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return demoAudioFiles(path);
    return isAudioPath(path) ? [path] : [];
  });
}
