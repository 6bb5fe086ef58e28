/**
 * Decodes an audio file to mono float32 PCM at the model's sample rate with ffmpeg, streamed over a
 * pipe (no temporary WAV). Failures carry ffmpeg's own last words, which name the problem.
 */
import { spawn } from 'node:child_process';

export interface DecodeOptions {
  ffmpeg: string;
  sampleRate: number;
  signal?: AbortSignal;
}

export class DecodeError extends Error {
  /**
   * @param transient true when ffmpeg was stopped by a signal (the out-of-memory killer, someone's kill):
   * nothing is wrong with the file, so decoding it again may well work.
   */
  constructor(message: string, readonly transient = false) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** ffmpeg's last non-empty stderr line after `prefix`, or '' when it said nothing. */
function lastLine(stderr: string, prefix: string): string {
  const line = stderr.trim().split('\n').pop()?.trim() ?? '';
  return line ? `${prefix}${line}` : '';
}

/** Yields PCM in chunks as ffmpeg produces it. */
export async function* decodePcmStream(path: string, options: DecodeOptions): AsyncGenerator<Float32Array> {
  const child = spawn(options.ffmpeg, [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-threads', '1',
    '-i', path, '-map', '0:a:0', '-vn', '-ac', '1', '-ar', String(options.sampleRate), '-f', 'f32le', 'pipe:1',
  ], { stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-2000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  // Chunks can split a 4-byte sample: carry the remainder into the next chunk.
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const whole = data.length - (data.length % 4);
    carry = data.subarray(whole);
    if (whole > 0) {
      // Copy into an aligned buffer: a Float32Array view needs a 4-byte-aligned offset.
      const samples = new Float32Array(whole / 4);
      new Uint8Array(samples.buffer).set(data.subarray(0, whole));
      yield samples;
    }
  }
  const { code, signal } = await exited.catch((error: Error) => {
    throw new DecodeError(`ffmpeg could not be run (${error.message}).`);
  });
  // A killed ffmpeg has no exit code and usually no last words: say what stopped it, never an empty reason.
  if (signal) throw new DecodeError(`ffmpeg was stopped by signal ${signal} while decoding${lastLine(stderr, ': ')}.`, true);
  if (code !== 0) throw new DecodeError(`ffmpeg could not decode the file: ${lastLine(stderr, '') || `it exited with code ${code}`}`);
}

/**
 * Decodes a whole file into one buffer. A decoder killed by a signal is started again, at most `retries`
 * times; the error that finally stands says how many tries it took.
 */
export async function decodePcm(path: string, options: DecodeOptions & { retries?: number }): Promise<Float32Array> {
  const retries = options.retries ?? 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await decodeOnce(path, options);
    } catch (error) {
      if (!(error instanceof DecodeError && error.transient) || options.signal?.aborted) throw error;
      if (attempt >= retries) {
        throw attempt === 0 ? error : new DecodeError(`${error.message.replace(/\.$/, '')} (${attempt + 1} tries).`, true);
      }
    }
  }
}

async function decodeOnce(path: string, options: DecodeOptions): Promise<Float32Array> {
  const chunks: Float32Array[] = [];
  let length = 0;
  for await (const chunk of decodePcmStream(path, options)) {
    chunks.push(chunk);
    length += chunk.length;
  }
  const pcm = new Float32Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    pcm.set(chunk, offset);
    offset += chunk.length;
  }
  return pcm;
}
