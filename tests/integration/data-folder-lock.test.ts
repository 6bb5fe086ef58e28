/**
 * One writer per data folder: a real `soundlike serve` (the built CLI, a second process) holds the lock;
 * a second writer (the services in this process, `soundlike scan`, `soundlike analyze`) is refused naming
 * it, `soundlike tracks` still reads, and a lock left by a killed process is taken over.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/main/data-lock';
import { generateClipCache, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { expectCode, openServices } from '../helpers/services';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'soundlike.js');
const exec = promisify(execFile);

async function soundlike(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Starts `soundlike serve` on the folder and resolves once it listens (it holds the lock by then). */
function serve(data: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', data], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 30 s: ${out}`)), 30_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (/Open: http/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('one writer per data folder', () => {
  let cache: ClipCache;
  let tmp: TempDir;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) await exec('npx', ['electron-vite', 'build'], { cwd: ROOT, timeout: 170_000 });
    cache = await generateClipCache(1, ['mp3']);
    tmp = makeTempDir();
    place(cache.tagged.mp3, tmp.at('music', 'song.mp3'));
  }, 180_000);

  afterAll(() => {
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('refuses a second writer while `soundlike serve` runs, naming it; `tracks` still reads; the lock goes when serve stops', async () => {
    const data = tmp.at('served');
    expect((await soundlike(['scan', tmp.at('music'), '--data', data])).code).toBe(0);
    const server = await serve(data);
    try {
      const lock = JSON.parse(readFileSync(join(data, LOCK_FILE_NAME), 'utf8')) as { pid: number; command: string };
      expect(lock).toMatchObject({ pid: server.pid, command: 'soundlike serve' });

      const error = await expectCode(openServices(data), 'DATA_FOLDER_IN_USE');
      expect(error.message).toContain(`in use by soundlike serve (process ${server.pid}`);
      expect(error.hint).toMatch(/Stop that one first .*kill \d+.*--data/);

      for (const args of [['scan', tmp.at('music')], ['analyze'], ['radio', '1']]) {
        const run = await soundlike([...args, '--data', data]);
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
        expect(run.stderr).toContain(`in use by soundlike serve (process ${server.pid}`);
      }

      const tracks = await soundlike(['tracks', '--data', data]);
      expect(tracks.code).toBe(0);
      expect(tracks.stdout).toContain('Title mp3');
      expect(tracks.stderr).toMatch(/soundlike serve \(process \d+.*only read/);
      // The reader left the writer's lock alone.
      expect(JSON.parse(readFileSync(join(data, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: server.pid });
    } finally {
      server.kill('SIGINT');
      await exited(server);
    }
    expect(existsSync(join(data, LOCK_FILE_NAME))).toBe(false);
    const after = await openServices(data);
    await after.dispose();
  });

  it('takes over the lock of a process that was killed (kill -9 leaves it behind)', async () => {
    const data = tmp.at('killed');
    const server = await serve(data);
    server.kill('SIGKILL');
    await exited(server);
    expect(JSON.parse(readFileSync(join(data, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: server.pid });
    const services = await openServices(data);
    try {
      expect(JSON.parse(readFileSync(join(data, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    } finally {
      await services.dispose();
    }
    expect(existsSync(join(data, LOCK_FILE_NAME))).toBe(false);
  });
});
