#!/usr/bin/env node
// `npm run dist`: the installable app for this platform (Linux: AppImage + .deb; macOS: dmg; Windows:
// nsis), from electron-builder.yml. Builds with electron-vite, checks what electron-builder cannot
// fetch or make here, then packs (native modules are rebuilt for Electron's ABI on the way).
// Anything missing ends the run with one line naming it and what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = { linux: ['--linux', 'AppImage', 'deb'], darwin: ['--mac', 'dmg'], win32: ['--win', 'nsis'] };

function fail(line) {
  console.error(`npm run dist: ${line}`);
  process.exit(1);
}

/** What the host lacks for packing, as one sentence, or null. Checked before the slow build. */
function missingForDist(platform = process.platform) {
  if (!TARGETS[platform]) return `no installer target for ${platform}; electron-builder.yml describes Linux, macOS and Windows.`;
  // electron-builder copies the installed Electron (electronDist) rather than downloading it from GitHub.
  if (!electronBinary(root)) {
    return "Electron's binary is not installed (node_modules/electron/dist is missing), and electron-builder packs that binary: "
      + 'run `npx install-electron` (or `npm rebuild electron`) where GitHub is reachable, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45, then run `npm run dist` again.';
  }
  const ffmpegName = platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  if (!existsSync(join(root, 'node_modules', 'ffmpeg-static', ffmpegName))) {
    return "ffmpeg-static's binary is missing (its install script downloads it from GitHub), so the app would ship without ffmpeg: "
      + 'run `npm rebuild ffmpeg-static` where GitHub is reachable, then `npm run dist` again.';
  }
  return null;
}

const missing = missingForDist();
if (missing) fail(missing);

const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
const build = run('npm', ['run', 'build']);
if (build.status !== 0) fail(`the build (electron-vite) failed with exit code ${build.status}; see its output above.`);

const electronDist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(root, 'node_modules', 'electron', 'dist');
const pack = run('npx', ['electron-builder', ...TARGETS[process.platform], `-c.electronDist=${electronDist}`, '--publish', 'never', ...process.argv.slice(2)]);
if (pack.status !== 0) fail(`electron-builder failed with exit code ${pack.status}; see its output above.`);
console.log(`npm run dist: the installers are in ${join(root, 'dist')}`);
