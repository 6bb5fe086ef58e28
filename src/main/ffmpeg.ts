/**
 * Finds ffmpeg: the user's setting, then $SOUNDLIKE_FFMPEG, then the packaged app's own copy
 * (resources/ffmpeg), then the ffmpeg-static package when its binary was installed, then `ffmpeg` on
 * PATH (e.g. Debian's ffmpeg). Null when none runs.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagedResource } from './packaged-resources';

export interface FfmpegInfo {
  path: string;
  version: string;
}

function ffmpegStaticPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const path = require('ffmpeg-static') as string | null;
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Runs `path -version`: the program's facts when it answers, else null. */
function probe(path: string): Promise<FfmpegInfo | null> {
  return new Promise((resolve) => {
    execFile(path, ['-hide_banner', '-version'], { timeout: 10_000 }, (error, stdout) => {
      if (error) return resolve(null);
      const match = /ffmpeg version (\S+)/.exec(stdout);
      resolve({ path, version: match ? match[1] : 'unknown' });
    });
  });
}

/** The program at `path` when it is a file that answers `-version` as ffmpeg does; else null. */
export async function probeFfmpeg(path: string): Promise<FfmpegInfo | null> {
  const info = existsSync(path) ? await probe(path) : null;
  return info && info.version !== 'unknown' ? info : null;
}

export async function resolveFfmpeg(setting: string | null, env: NodeJS.ProcessEnv = process.env): Promise<FfmpegInfo | null> {
  const packaged = packagedResource('ffmpeg', process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
  const candidates = [setting, env.SOUNDLIKE_FFMPEG, packaged, ffmpegStaticPath(), 'ffmpeg'].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    const info = await probe(candidate);
    if (info) return info;
  }
  return null;
}
