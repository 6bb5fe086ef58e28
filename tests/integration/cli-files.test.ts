/**
 * The CLI is where paths may be named (the web host and the app's pages no longer can): import and
 * export M3U at the paths given, set the ffmpeg program; and `serve` refuses an empty --host and warns
 * loudly when other computers can reach it.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClipCache, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { BIN, ensureCliBundle, ROOT, soundlike } from '../helpers/cli';

describe('soundlike import, export, ffmpeg and serve --host', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let data: string;
  let song: string;

  beforeAll(async () => {
    await ensureCliBundle();
    cache = await generateClipCache(1, ['mp3']);
    tmp = makeTempDir();
    data = tmp.at('data');
    song = tmp.at('music', 'album', 'song.mp3');
    place(cache.tagged.mp3, song);
    expect((await soundlike(['scan', tmp.at('music'), '--data', data])).code).toBe(0);
  }, 180_000);

  afterAll(() => {
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('import makes a playlist from the file named, listing entries not in the library', async () => {
    const file = tmp.at('music', 'Road trip.m3u8');
    writeFileSync(file, '#EXTM3U\nalbum/song.mp3\n/nowhere/lost.mp3\n');
    const run = await soundlike(['import', file, '--data', data]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Imported "Road trip" \(playlist \d+\) with 1 song\./);
    expect(run.stdout).toMatch(/1 entry is not in the library:\n {2}\/nowhere\/lost\.mp3/);
  });

  it('import refuses a file that is not a playlist, saying what to choose', async () => {
    const run = await soundlike(['import', '/etc/passwd', '--data', data]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/“passwd” is not a playlist file/);
    expect(run.stderr).toMatch(/\.m3u8/);
    expect(run.stdout).not.toMatch(/root:/);
    expect((await soundlike(['import', '--data', data])).stderr).toMatch(/import needs a playlist file/);
  });

  it('export writes the playlist to the path given, or prints it', async () => {
    const target = tmp.at('music', 'out.m3u8');
    const run = await soundlike(['export', 'Road trip', target, '--data', data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Wrote ${target}\n`);
    expect(readFileSync(target, 'utf8')).toMatch(/^#EXTM3U\n#EXTINF:\d+,.+\nalbum\/song\.mp3\n$/);
    const printed = await soundlike(['export', 'Road trip', '--data', data]);
    expect(printed.stdout).toContain(song);
    const unknown = await soundlike(['export', 'No such list', '--data', data]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No playlist is named "No such list"/);
    expect(unknown.stderr).toMatch(/Road trip/);
  });

  it('ffmpeg shows, sets (only a program that answers as ffmpeg) and resets the program analysis runs', async () => {
    const shown = await soundlike(['ffmpeg', '--data', data]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^ffmpeg: .+ \(version .+, found by itself\)$/m);
    const system = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'ffmpeg')).find((f) => existsSync(f)) as string;
    const set = await soundlike(['ffmpeg', system, '--data', data]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`ffmpeg: ${system} (version`);
    expect(set.stdout).toContain('set with soundlike ffmpeg');
    const script = tmp.at('fake-ffmpeg.sh');
    writeFileSync(script, '#!/bin/sh\necho hello\n');
    chmodSync(script, 0o755);
    const refused = await soundlike(['ffmpeg', script, '--data', data]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${script} is not an ffmpeg program`);
    const reset = await soundlike(['ffmpeg', '--reset', '--data', data]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/found by itself/);
  });

  it('serve refuses an empty --host (it would listen on every interface) before opening anything', async () => {
    for (const host of ['', ' ']) {
      const run = await soundlike(['serve', '--host', host, '--port', '0', '--data', data]);
      expect(run.code, JSON.stringify(host)).toBe(2);
      expect(run.stderr).toMatch(/address to listen on is empty/);
      expect(run.stderr).toMatch(/--host/);
      expect(run.stdout).not.toMatch(/Open:/);
    }
  });

  it('serve --host 0.0.0.0 warns loudly that the token is then the only protection', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--host', '0.0.0.0', '--port', '0', '--data', data], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve printed no URL in 30 s: ${stdout}${stderr}`)), 30_000);
        child.stdout?.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/Open: /.test(stdout)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      expect(stderr).toMatch(/WARNING: Soundlike is listening on every network interface \(0\.0\.0\.0\)/);
      expect(stderr).toMatch(/token in the link is now the ONLY protection/);
    } finally {
      const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
      // A SIGTERM while a worker thread is still loading onnxruntime-node ends the process by the signal
      // (reproduced with a bare Worker that requires it: 6 of 15), whatever handler is installed: the
      // clean stop is checked once start-up has settled.
      await new Promise((settle) => setTimeout(settle, 1500));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
