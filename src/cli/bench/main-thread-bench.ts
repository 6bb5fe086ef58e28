/**
 * `soundlike bench main-thread`: how long the front end's main thread stalls while the library scans N
 * generated files and then analyses, with the services in this process (as Electron main ran them before)
 * and behind the service host's supervisor (the same code Electron main runs now), side by side. A 1 ms
 * interval timer and monitorEventLoopDelay measure the stalls; the front end also does what a window makes
 * main do: refetch the track list whenever the library changes. Each run is a fresh process, so one
 * variant's garbage is never collected during the other's measurement.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SoundlikeApi } from '../../shared/contract';
import { resolveFfmpeg } from '../../main/ffmpeg';
import { inProcessRelay, type JsonRelay } from '../../main/ipc/json-relay';
import { createServices } from '../../main/services';
import { forkNodeHost } from '../../main/service-host/node-host-process';
import { startSupervisor } from '../../main/service-host/supervisor';
import { benchDir, renderClip } from './bench-common';

const SEED_FORMATS = ['mp3', 'flac', 'ogg', 'm4a'];
const SEEDS = 24;

export interface MainThreadOptions {
  files: number;
  /** Seconds of analysis measured after the scan (the whole library would take hours). */
  analyseSeconds: number;
  rounds: number;
}

export interface StallFigures {
  variant: 'in-process' | 'service-host';
  /**
   * The longest main-thread task, ms: of each late tick of the 1 ms timer, the time the event loop was
   * busy (eventLoopUtilization's active time) rather than waiting for a core the other processes held.
   */
  longestTaskMs: number;
  /** Longest gap of the 1 ms timer beyond its period, ms, busy or not (on a loaded machine, CPU contention). */
  longestGapMs: number;
  /** Event-loop delay percentiles from monitorEventLoopDelay, ms. */
  p99Ms: number;
  maxDelayMs: number;
  /** Main-thread tasks over 50 ms. */
  stallsOver50ms: number;
  scanSec: number;
  scanned: number;
  analysed: number;
}

/** Seeds with distinct tags and sounds, copied to N files in artist/album folders. */
async function makeLibrary(ffmpeg: string, root: string, files: number): Promise<string> {
  const seeds: string[] = [];
  await mkdir(join(root, '_seeds'), { recursive: true });
  for (let i = 0; i < SEEDS; i++) {
    const path = join(root, '_seeds', `seed${i}.${SEED_FORMATS[i % SEED_FORMATS.length]}`);
    await renderClip(ffmpeg, path, 1, { title: `Song ${i}`, artist: `Artist ${i % 8}`, album: `Album ${i % 12}`, track: String(i + 1), date: '2021', genre: 'Test' }, 200 + i * 37);
    seeds.push(path);
  }
  const music = join(root, 'music');
  for (let i = 0; i < files; i++) {
    const dir = join(music, `artist-${Math.floor(i / 500)}`, `album-${Math.floor(i / 20)}`);
    if (i % 20 === 0) await mkdir(dir, { recursive: true });
    const seed = seeds[i % seeds.length];
    await copyFile(seed, join(dir, `${String(i).padStart(6, '0')}.${seed.split('.').pop()}`));
  }
  return music;
}

/** Measures main-thread stalls from start() until stop(). */
function stallMeter(): { stop(): Pick<StallFigures, 'longestTaskMs' | 'longestGapMs' | 'p99Ms' | 'maxDelayMs' | 'stallsOver50ms'> } {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let last = performance.now();
  let lastUtilization = performance.eventLoopUtilization();
  let longestGap = 0;
  let longest = 0;
  let over50 = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const utilization = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(utilization, lastUtilization).active;
    const gap = now - last - 1;
    if (gap > longestGap) longestGap = gap;
    if (busy > longest) longest = busy;
    if (busy > 50) over50++;
    last = now;
    lastUtilization = utilization;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      histogram.disable();
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      return { longestTaskMs: Math.round(longest * 10) / 10, longestGapMs: Math.round(longestGap * 10) / 10, p99Ms: ms(histogram.percentile(99)), maxDelayMs: ms(histogram.max), stallsOver50ms: over50 };
    },
  };
}

/**
 * What a window makes main do, through the same relay Electron's IPC uses: every event passed on, and the
 * whole track list fetched after every library change (one fetch at a time).
 */
function followLikeAWindow(relay: JsonRelay): () => void {
  let busy = false;
  let again = false;
  const fetch = async () => {
    if (busy) return void (again = true);
    busy = true;
    try {
      do {
        again = false;
        await relay.invokeJson('library', 'listTracks', []);
      } while (again);
    } finally {
      busy = false;
    }
  };
  return relay.onEventJson((channel) => {
    if (channel === 'library:onDidChangeTracks') void fetch().catch(() => undefined);
  });
}

async function measure(variant: StallFigures['variant'], api: SoundlikeApi, relay: JsonRelay, music: string, options: MainThreadOptions): Promise<Omit<StallFigures, 'variant'>> {
  const stopFollowing = followLikeAWindow(relay);
  let scanned = 0;
  let analysed = 0;
  const scanDone = new Promise<void>((resolve) => {
    const off = api.library.onDidScanProgress((p) => {
      scanned = p.done;
      if (p.final) {
        off();
        resolve();
      }
    });
  });
  const stopAnalysis = api.analysis.onDidAnalysisProgress((p) => {
    analysed = p.done;
  });
  const meter = stallMeter();
  const started = performance.now();
  await api.library.addFolder(music);
  await scanDone;
  const scanSec = Math.round((performance.now() - started) / 100) / 10;
  // Analysis starts by itself after the scan (autoAnalyse); measure a stretch of it.
  await new Promise((resolve) => setTimeout(resolve, options.analyseSeconds * 1000));
  const stalls = meter.stop();
  stopAnalysis();
  stopFollowing();
  return { ...stalls, scanSec, scanned, analysed };
}

export type MainThreadVariant = StallFigures['variant'];

/** Child-process side: one variant over a fresh data folder, its figures printed as one JSON line. */
export async function mainThreadProbe(variant: string, music: string, dataDir: string, analyseSeconds: number): Promise<void> {
  const options = { files: 0, analyseSeconds, rounds: 1 };
  let figures: StallFigures;
  if (variant === 'in-process') {
    const services = await createServices({ dataDir, transport: 'web', live: true });
    try {
      figures = { variant, ...await measure(variant, services.api, inProcessRelay(services.api), music, options) };
    } finally {
      await services.dispose();
    }
  } else if (variant === 'service-host') {
    const host = await startSupervisor({ spawn: () => forkNodeHost(), start: { dataDir, transport: 'web', live: true, owner: 'soundlike bench main-thread' } });
    try {
      figures = { variant, ...await measure(variant, host.api, host, music, options) };
    } finally {
      await host.dispose();
    }
  } else {
    throw new Error(`No main-thread variant "${variant}": in-process or service-host.`);
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function runProbe(variant: MainThreadVariant, music: string, dataDir: string, analyseSeconds: number): Promise<StallFigures> {
  const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'bench', 'main-thread-probe', variant, music, dataDir, String(analyseSeconds)],
    { maxBuffer: 1 << 20, timeout: 3_600_000 });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as StallFigures;
}

export async function benchMainThread(options: MainThreadOptions): Promise<{ files: number; rounds: StallFigures[][] }> {
  const ffmpeg = await resolveFfmpeg(null);
  if (!ffmpeg) throw new Error('ffmpeg is needed to generate the benchmark library (apt-get install ffmpeg).');
  const root = benchDir('main-thread');
  process.stderr.write(`Generating ${options.files} audio files in ${root} ...\n`);
  const music = await makeLibrary(ffmpeg.path, root, options.files);
  const rounds: StallFigures[][] = [];
  for (let round = 0; round < options.rounds; round++) {
    process.stderr.write(`Round ${round + 1} of ${options.rounds}:\n`);
    const figures: StallFigures[] = [];
    // Alternate which goes first, so neither always meets a warmer disk cache.
    const order: StallFigures['variant'][] = round % 2 === 0 ? ['in-process', 'service-host'] : ['service-host', 'in-process'];
    for (const variant of order) {
      const figure = await runProbe(variant, music, join(root, `data-${variant}-${round}`), options.analyseSeconds);
      process.stderr.write(`  ${variant}: scan ${figure.scanSec} s, longest task ${figure.longestTaskMs} ms (gap ${figure.longestGapMs} ms), p99 ${figure.p99Ms} ms, ${figure.analysed} analysed\n`);
      figures.push(figure);
    }
    rounds.push(figures);
  }
  return { files: options.files, rounds };
}
