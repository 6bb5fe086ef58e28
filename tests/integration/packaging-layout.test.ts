/**
 * What electron-builder.yml packs, checked by packing for real (electron-builder's `dir` target, Linux
 * x64) in a copy of the project. Electron's binary cannot be fetched here, so a placeholder file stands
 * in for it: electron-builder only copies and renames that file, and fuses (which need the real binary)
 * and the native rebuild (which needs Electron's headers) are left out of this run. Everything else is
 * electron-builder's own work: the asar, what it unpacks, the extra resources, the excluded binaries.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../src/main/paths';

const root = appRoot();
// Under test-results (git-ignored), on the same disk as node_modules, so it can be hard-linked, not copied.
const project = join(root, 'test-results', 'packaging-layout');
const unpacked = join(project, 'dist', 'linux-unpacked');
const resources = join(unpacked, 'resources');
const haveBuild = existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/renderer/index.html'));
let packOutput = '';
let asarFiles: string[] = [];

/** The project files electron-builder reads; not models/training (many GB electron-builder would walk). */
function copyProject(): void {
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, 'models'), { recursive: true });
  for (const path of ['package.json', 'package-lock.json', 'LICENSE', 'build', 'out', 'resources/licenses', 'resources/demo-library',
    'models/manifest.json', 'models/soundlike-encoder.onnx', 'models/README.md']) {
    cpSync(join(root, path), join(project, path), { recursive: true });
  }
  // Hard links: electron-builder resolves each dependency's real path, which a symlinked node_modules hides.
  const link = spawnSync('cp', ['-al', join(root, 'node_modules'), join(project, 'node_modules')]);
  if (link.status !== 0) cpSync(join(root, 'node_modules'), join(project, 'node_modules'), { recursive: true });
  // The fuses need Electron's real binary (they are checked in packaging.test.ts from the same file).
  const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8').replace(/^electronFuses:\n(?: {2}.*\n)+/m, '');
  writeFileSync(join(project, 'electron-builder.yml'), config);
  const electron = join(project, 'fake-electron');
  mkdirSync(electron);
  writeFileSync(join(electron, 'electron'), '#!/bin/sh\necho "placeholder for Electron\'s binary"\n');
  chmodSync(join(electron, 'electron'), 0o755);
}

describe.skipIf(!haveBuild || process.platform !== 'linux')('the packed Linux app (electron-builder dir target)', () => {
  beforeAll(() => {
    copyProject();
    const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
    const run = spawnSync(process.execPath, [join(project, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', '--x64',
      `-c.electronDist=${join(project, 'fake-electron')}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false', '--publish', 'never'],
    { cwd: project, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 240_000 });
    packOutput = `${run.stdout}${run.stderr}`;
    if (run.status !== 0) throw new Error(`electron-builder failed (${run.status}):\n${packOutput.slice(-3000)}`);
    asarFiles = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
  }, 300_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('puts the bundles, package.json and the licences the About box reads into app.asar', () => {
    for (const file of ['/package.json', '/LICENSE', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html',
      '/resources/licenses/about.json', '/resources/licenses/THIRD-PARTY.md', '/node_modules/better-sqlite3/package.json', '/node_modules/music-metadata/package.json']) {
      expect(asarFiles, file).toContain(file);
    }
    // Not the source tree, the tests or the training corpus.
    expect(asarFiles.filter((f) => /^\/(src|tests|models|scripts)\//.test(f))).toEqual([]);
    expect(asarFiles.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('unpacks the native modules with the libraries they load, for this platform and architecture only', () => {
    const unpackedDir = join(resources, 'app.asar.unpacked', 'node_modules');
    for (const file of ['better-sqlite3/build/Release/better_sqlite3.node', 'onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
      'onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1']) {
      expect(existsSync(join(unpackedDir, file)), file).toBe(true);
    }
    if (existsSync(join(root, 'node_modules/faiss-node/build/Release/faiss-node.node'))) {
      expect(existsSync(join(unpackedDir, 'faiss-node/build/Release/faiss-node.node'))).toBe(true);
    }
    for (const other of ['linux/arm64', 'darwin', 'win32']) expect(existsSync(join(unpackedDir, 'onnxruntime-node/bin/napi-v6', other)), other).toBe(false);
    expect(existsSync(join(unpackedDir, 'better-sqlite3/deps'))).toBe(false);
    expect(existsSync(join(unpackedDir, 'better-sqlite3/build/Release/test_extension.node'))).toBe(false);
  });

  it('ships the model and the demo library beside app.asar, where packagedResource finds them', () => {
    for (const file of ['models/manifest.json', 'models/soundlike-encoder.onnx', 'demo-library/LICENSE.md', 'demo-library/COPYING.GPL-2']) {
      expect(existsSync(join(resources, file)), file).toBe(true);
    }
    expect(readFileSync(join(resources, 'models/soundlike-encoder.onnx')).equals(readFileSync(join(root, 'models/soundlike-encoder.onnx')))).toBe(true);
    // ffmpeg-static's binary goes to resources/ffmpeg when it is installed (`npm run dist` refuses to pack without it).
    expect(existsSync(join(resources, 'ffmpeg/ffmpeg'))).toBe(existsSync(join(root, 'node_modules/ffmpeg-static/ffmpeg')));
  });
});
