// Where Electron's binary is, if it is installed (shared by `npm start` and `npm run demo`), found
// without requiring the electron package, whose require downloads the binary from GitHub.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron binary under `root`'s node_modules (or $ELECTRON_OVERRIDE_DIST_PATH), or null. */
export function electronBinary(root) {
  const dir = join(root, 'node_modules', 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
