/** Starts the real web host (the built CLI) on a free port over a fresh data folder, for one test file. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Stops the host and removes its data folder; `keepData`: leaves it, for a host started on it again (a restart). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * `dataDir`: serve an existing data folder (removed on stop like a fresh one); `port`: a fixed one (default:
 * free); `serveArgs`: more `soundlike serve` options (e.g. --service-host).
 */
export async function startHost(options: { dataDir?: string; port?: number; serveArgs?: string[] } = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'soundlike-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/soundlike.js', 'serve', '--port', String(options.port ?? 0), '--data', dataDir, ...(options.serveArgs ?? [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`web host exited (${code}):\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    async stop(stopOptions = {}) {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      if (!stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
