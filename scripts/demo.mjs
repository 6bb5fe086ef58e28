#!/usr/bin/env node
// `npm run demo`: the main job on the built-in demo library (resources/demo-library), in a data folder of
// its own (.soundlike-demo/, so your real library is untouched): scan it, analyse its sound, print one
// radio with why each song was picked, then open the player on that library with the radio queued:
// the desktop app where Electron's binary is installed, else the web host (its address is printed).
// Options (after `npm run demo --`): --data DIR, --port N (web host; default 7878, or a free one if
// taken), --seed <song path or id>, --web (the web host even where Electron is installed).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const library = join(root, 'resources', 'demo-library');
// A blues song whose radio crosses the demo's styles (a waltz, a bossa nova, jazz); any song would do.
const DEFAULT_SEED = join(library, 'Muddy Creek Slim', 'Delta Demos', '01 - Creek Bed Shuffle.mp3');

let options;
try {
  ({ values: options } = parseArgs({
    args: process.argv.slice(2),
    options: { data: { type: 'string' }, port: { type: 'string' }, seed: { type: 'string' }, web: { type: 'boolean' } },
  }));
} catch (error) {
  console.error(`npm run demo: ${error.message}\nOptions: --data DIR, --port N, --seed <song path or id>, --web`);
  process.exit(2);
}
const data = resolve(options.data ?? join(root, '.soundlike-demo'));
const seed = options.seed ?? (existsSync(DEFAULT_SEED) ? DEFAULT_SEED : undefined);

if (!existsSync(join(root, 'out/main/cli.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const demoArgs = ['demo', library, '--data', data, ...(seed ? ['--seed', seed] : [])];
const binary = options.web ? null : electronBinary(root);
if (binary) {
  // The desktop app opens the data folder itself: queue the radio first, then hand over.
  const prepare = spawnSync(process.execPath, [join(root, 'bin/soundlike.js'), ...demoArgs, '--no-serve'], { stdio: 'inherit' });
  if (prepare.status !== 0) process.exit(prepare.status ?? 1);
  console.log('Opening the desktop app on the demo library, with that radio queued.');
}
if (!binary && !options.web) console.log("Electron's binary is not installed here (run `npx install-electron` where GitHub is reachable); the player opens in the browser.");
// One process scans, analyses, queues and serves, so the page opens on the radio just printed.
const child = binary
  ? spawn(binary, [root, '--data', data], { stdio: 'inherit' })
  : spawn(process.execPath, [join(root, 'bin/soundlike.js'), ...demoArgs, ...(options.port ? ['--port', options.port] : [])], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
