#!/usr/bin/env node
// `npm run demo`: the main job on the built-in demo library (resources/demo-library): scan it into a
// library of its own (.soundlike-demo/, so your real library is untouched), list what was found, and say
// how to open it in the player.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, '.soundlike-demo');
const library = join(root, 'resources', 'demo-library');
const cli = (...args) => {
  const run = spawnSync(process.execPath, [join(root, 'bin/soundlike.js'), ...args, '--data', data], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
};

if (!existsSync(join(root, 'out/main/cli.js'))) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
console.log(`Scanning the demo library ${library}`);
cli('scan', library);
console.log('\nThe library now holds:');
cli('tracks');
console.log(`\nOpen it in the player:  npm start -- --data ${data}`);
