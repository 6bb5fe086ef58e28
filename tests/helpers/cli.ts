/** Runs the built `soundlike` command as a user would (node bin/soundlike.js over out/main/cli.js). */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'soundlike.js');
const BUNDLE = join(ROOT, 'out', 'main', 'cli.js');
const exec = promisify(execFile);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Builds the bundle when it is missing; warns when it is older than the sources it is built from. */
export async function ensureCliBundle(): Promise<void> {
  if (!existsSync(BUNDLE)) {
    await exec('npx', ['electron-vite', 'build'], { cwd: ROOT, timeout: 170_000 });
    return;
  }
  let newest = 0;
  for (const dir of ['src/main', 'src/cli', 'src/shared']) {
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  if (newest > statSync(BUNDLE).mtimeMs) console.warn('[cli] out/main/cli.js is older than src/: these tests run the old bundle; run `npm run build` first.');
}

export async function soundlike(args: string[], cwd = ROOT): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
