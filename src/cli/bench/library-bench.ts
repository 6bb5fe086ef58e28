/**
 * `soundlike bench library`: first scan and no-change rescan of N small generated audio files
 * (files/s), and the watcher's start time and memory at 10k and 100k files (stub files for the big
 * tree), each watcher measured in a fresh child process so its memory is its own.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { resolveFfmpeg } from '../../main/ffmpeg';
import { createServices } from '../../main/services';
import { FolderWatcher } from '../../main/library/watcher';
import { benchDir, mb, rate, renderClip, saveResults } from './bench-common';

const FORMATS = ['mp3', 'flac', 'ogg', 'opus', 'm4a', 'wav'];

async function makeLibrary(ffmpeg: string, root: string, files: number): Promise<void> {
  const seeds = join(root, '_seeds');
  await mkdir(seeds, { recursive: true });
  const seedFiles: string[] = [];
  for (let i = 0; i < 18; i++) {
    const ext = FORMATS[i % FORMATS.length];
    const path = join(seeds, `seed${i}.${ext}`);
    await renderClip(ffmpeg, path, 2, { title: `Seed ${i}`, artist: `Artist ${i % 6}`, album: `Album ${i % 9}`, track: String(i + 1), date: '2020', genre: 'Test' }, 220 + i * 30);
    seedFiles.push(path);
  }
  const music = join(root, 'music');
  for (let i = 0; i < files; i++) {
    const dir = join(music, `artist-${Math.floor(i / 500)}`, `album-${Math.floor(i / 20)}`);
    if (i % 20 === 0) await mkdir(dir, { recursive: true });
    const seed = seedFiles[i % seedFiles.length];
    await copyFile(seed, join(dir, `${String(i).padStart(6, '0')}.${seed.split('.').pop()}`));
  }
}

async function makeStubTree(root: string, files: number): Promise<void> {
  for (let i = 0; i < files; i += 50) {
    const dir = join(root, `a${Math.floor(i / 1000)}`, `b${Math.floor(i / 50)}`);
    await mkdir(dir, { recursive: true });
    await Promise.all(Array.from({ length: Math.min(50, files - i) }, (_, j) => writeFile(join(dir, `${i + j}.mp3`), '')));
  }
}

/** Child-process side: watch `dir`, report start time and memory as one JSON line. */
export async function watchProbe(dir: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let failure: string | null = null;
  const watcher = new FolderWatcher({ onChange: () => undefined, onWatchFailed: (_id, message) => { failure = message; } });
  const started = performance.now();
  await watcher.add(1, dir);
  const readyMs = performance.now() - started;
  gc?.();
  const after = process.memoryUsage();
  await watcher.close();
  process.stdout.write(`${JSON.stringify({ readyMs: Math.round(readyMs), rssMB: mb(after.rss), rssDeltaMB: mb(after.rss - before.rss), heapDeltaMB: mb(after.heapUsed - before.heapUsed), failure })}\n`);
}

async function measureWatcher(dir: string): Promise<Record<string, unknown>> {
  const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', cli, 'bench', 'watch-probe', dir], { maxBuffer: 1 << 20, timeout: 600_000 });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as Record<string, unknown>;
}

export async function benchLibrary(options: { files: number; bigTree: number }): Promise<void> {
  const ffmpeg = await resolveFfmpeg(null);
  if (!ffmpeg) throw new Error('ffmpeg is needed to generate the benchmark library.');
  const root = benchDir('library');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log(`Generating ${options.files} audio files in ${root} ...`);
  await makeLibrary(ffmpeg.path, root, options.files);

  const services = await createServices({ dataDir: join(root, 'data'), transport: 'web', live: false });
  let t = performance.now();
  const first = await services.api.library.addFolderAndScan(join(root, 'music'));
  const firstMs = performance.now() - t;
  t = performance.now();
  const again = await services.api.library.rescan();
  const rescanMs = performance.now() - t;
  await services.dispose();
  log(`first scan: ${first.summary.added} added in ${Math.round(firstMs)} ms; rescan: ${again.unchanged} unchanged in ${Math.round(rescanMs)} ms`);

  log('Watcher at the generated library ...');
  const watchSmall = await measureWatcher(join(root, 'music'));
  log(`Building a ${options.bigTree}-file stub tree ...`);
  const big = join(root, 'stubs');
  await makeStubTree(big, options.bigTree);
  const watchBig = await measureWatcher(big);

  const results = {
    machine: `${process.platform}-${process.arch}, node ${process.version}`,
    files: options.files,
    firstScan: { ms: Math.round(firstMs), filesPerSec: rate(options.files, firstMs), added: first.summary.added, failed: first.summary.failed },
    noChangeRescan: { ms: Math.round(rescanMs), filesPerSec: rate(options.files, rescanMs) },
    watcher: { [`${options.files} files`]: watchSmall, [`${options.bigTree} stub files`]: watchBig },
  };
  const file = saveResults('library', results);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\nSaved ${file}\n`);
}
