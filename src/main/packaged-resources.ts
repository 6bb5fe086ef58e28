/**
 * Files the packaged app carries beside app.asar (electron-builder's extraResources: the model, ffmpeg,
 * the demo library). They are real files, so onnxruntime and child processes can open them, which
 * paths inside app.asar are not. Outside a packaged app (source, tests, the CLI) there are none.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Electron's resources folder, or undefined under plain Node. */
function resourcesPath(): string | undefined {
  return (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
}

/** The packaged resource at these path segments when it exists, else null (then use the source tree's). */
export function packagedResource(...segments: string[]): string | null {
  const base = resourcesPath();
  if (!base) return null;
  const path = join(base, ...segments);
  return existsSync(path) ? path : null;
}
