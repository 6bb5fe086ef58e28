/**
 * A song whose tags hold terminal escape sequences (clear the screen, colours, a window title, an 8-bit
 * CSI, a bidi override) reaches the terminal through `soundlike` as harmless text: the real command over
 * the built bundle (see cli.test.ts), a real mp3 tagged by ffmpeg.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Track } from '../../src/shared/domain';
import { makeClip, makeTempDir, tagsFor, type TempDir } from '../helpers/audio';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'soundlike.js');
const BUNDLE = join(ROOT, 'out', 'main', 'cli.js');
const exec = promisify(execFile);

const TITLE = '\x1b[2J\x1b[H\x1b[31mRed Song\x1b[0m\x1b]0;owned\x07';
const ARTIST = 'Artist\u009b2J \u202Eeman';
/** C0 but newline, DEL, C1 and bidi controls: what must never reach the terminal raw. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function soundlike(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('soundlike prints tags without their control characters', () => {
  let tmp: TempDir;
  let data: string;

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) await exec('npx', ['electron-vite', 'build'], { cwd: ROOT, timeout: 170_000 });
    else if (statSync(BUNDLE).mtimeMs < statSync(join(ROOT, 'src', 'cli', 'terminal-text.ts')).mtimeMs) {
      console.warn('[cli-terminal-safety.test] out/main/cli.js is older than src/cli: run `npm run build` first.');
    }
    tmp = makeTempDir();
    data = tmp.at('data');
    await makeClip(tmp.at('music', 'evil.mp3'), { format: 'mp3', tags: tagsFor('mp3', { title: TITLE, artist: ARTIST, album: 'Album\x1b[1A' }) });
    const scan = await soundlike(['scan', tmp.at('music'), '--data', data]);
    expect(scan.stdout).toMatch(/1 added/);
  }, 180_000);

  afterAll(() => tmp?.cleanup());

  it('tracks shows the tags with each control as "?" and bidi overrides dropped', async () => {
    const run = await soundlike(['tracks', '--data', data]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(run.stdout).toContain('?[2J?[H?[31mRed Song?[0m?]0;ow');
    expect(run.stdout).toContain('Artist?2J eman');
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(3); // header, the track, the count
  });

  it('tracks --json keeps the exact tags (escaped) and leaves nothing raw', async () => {
    const run = await soundlike(['tracks', '--data', data, '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(UNSAFE);
    const [track] = JSON.parse(run.stdout) as Track[];
    expect(track.title).toBe(TITLE);
    expect(track.artist).toBe(ARTIST);
  });

  it('an error naming a path with escapes prints it harmlessly', async () => {
    const run = await soundlike(['radio', tmp.at('music', 'missing\x1b[2J.mp3'), '--data', data]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(UNSAFE);
    expect(run.stderr).toContain('missing?[2J.mp3');
  });
});
