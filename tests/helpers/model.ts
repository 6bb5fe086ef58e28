/**
 * The sound model the analysis and radio suites run against, and the built worker bundles they need.
 * The model is the shipped models/manifest.json unless $SOUNDLIKE_TEST_MODEL names another (a stand-in
 * while the real encoder is being trained); suites that need it skip, saying why, when it is absent.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ModelManifest } from '../../src/engine/manifest';
import { createServices, type Services } from '../../src/main/services';

const exec = promisify(execFile);

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI_BIN = join(ROOT, 'bin', 'soundlike.js');

/** The manifest the model-backed suites use. */
export function testModelPath(): string {
  return resolve(ROOT, process.env.SOUNDLIKE_TEST_MODEL ?? 'models/manifest.json');
}

/** True when the test model's manifest exists (the suites that need it skip otherwise). */
export function hasTestModel(): boolean {
  return existsSync(testModelPath());
}

/** The model-backed suites read the same manifest shape the engine checks. */
export type TestManifest = ModelManifest;

export function readTestManifest(): TestManifest {
  return JSON.parse(readFileSync(testModelPath(), 'utf8')) as TestManifest;
}

/**
 * True for the trained, shipped encoder (its id starts soundlike-encoder-); false for an untrained
 * stand-in, whose vectors say nothing about how music sounds.
 */
export function isTrainedModel(): boolean {
  return hasTestModel() && readTestManifest().id.startsWith('soundlike-encoder-');
}

function newestSource(): number {
  let newest = 0;
  for (const dir of ['src/main', 'src/engine', 'src/cli', 'src/shared']) {
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * The analysis and index workers (and the CLI) run from out/main bundles: build them when they are
 * missing or older than src/ (electron-vite takes a few seconds).
 */
export async function ensureBuilt(): Promise<void> {
  const bundles = ['analysis-worker.js', 'analysis-encoder.js', 'index-worker.js', 'cli.js'].map((f) => join(ROOT, 'out', 'main', f));
  const oldest = Math.min(...bundles.map((b) => (existsSync(b) ? statSync(b).mtimeMs : 0)));
  if (oldest > 0 && oldest >= newestSource()) return;
  await exec('npx', ['electron-vite', 'build'], { cwd: ROOT, timeout: 170_000 });
}

/** The real services on a data folder, with the test model (or the manifest given). */
export function openModelServices(dataDir: string, manifestPath: string = testModelPath(), live = false): Promise<Services> {
  return createServices({ dataDir, transport: 'web', live, manifestPath });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/soundlike.js ...` and returns its exit code and output (never throws on exit != 0). */
export async function runCli(args: string[], timeoutMs = 90_000): Promise<CliRun> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI_BIN, ...args], { cwd: ROOT, timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
