/**
 * Runs `npm run demo` (scripts/demo.mjs, forced to the web host) on a fresh data folder until it prints
 * the player's address, as a user would see it: the whole terminal output so far, the address, the time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningDemo {
  /** What the demo printed (stdout) before and with the address. */
  stdout: string;
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Seconds from start to the printed address. */
  seconds: number;
  /** Stops it like Ctrl+C; resolves with its exit code, and removes the data folder. */
  stop(): Promise<number | null>;
}

export async function startDemo(timeoutMs = 120_000): Promise<RunningDemo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'soundlike-demo-'));
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['scripts/demo.mjs', '--web', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`the demo printed no address in ${timeoutMs / 1000} s:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Open: (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) before printing an address:\n${stdout}\n${stderr}`));
    });
  });
  const seconds = (Date.now() - started) / 1000;
  const parsed = new URL(url);
  return {
    stdout, url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', dataDir, seconds,
    async stop() {
      const code = await new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (c) => resolve(c));
        child.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
