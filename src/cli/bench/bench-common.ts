/** Shared bits of the benchmarks: temp folders, ffmpeg clips, result files. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

export function benchDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `soundlike-bench-${name}-`));
}

/** Writes results as JSON under bench-results/ and returns the path. */
export function saveResults(name: string, results: unknown): string {
  mkdirSync('bench-results', { recursive: true });
  const file = join('bench-results', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

/** Renders a short tagged clip with ffmpeg. */
export async function renderClip(ffmpeg: string, path: string, seconds: number, tags: Record<string, string>, frequency = 440): Promise<void> {
  const metadata = Object.entries(tags).flatMap(([k, v]) => ['-metadata', `${k}=${v}`]);
  await run(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=${seconds}`, '-ac', '1', ...metadata, path]);
}

export function rate(count: number, ms: number): number {
  return Math.round((count / (ms / 1000)) * 10) / 10;
}

export function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
