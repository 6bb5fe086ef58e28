#!/usr/bin/env node
// `npm start`: the desktop app when Electron's binary is installed, else the same app in the browser
// through the web host (Electron fetches its binary from GitHub on first use, which some machines cannot).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const binary = electronBinary(root);
const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : (console.log("Electron's binary is not installed here (run `npx install-electron` where GitHub is reachable); starting the web host instead."),
    spawn(process.execPath, [join(root, 'bin/soundlike.js'), 'serve', ...args], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
