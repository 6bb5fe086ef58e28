/**
 * Decodes an audio file to mono float32 PCM at the model's sample rate with ffmpeg, streamed over a
 * pipe (no temporary WAV). Failures carry ffmpeg's own last words, which name the problem. The analysis
 * reads the same pipe in track-decoder.ts, straight into fragments; this chunked form is for the waveform.
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

/**
 * ffmpeg's arguments for decoding `path` to mono f32le at `sampleRate` into `output` (the pipe; the
 * benchmark gives /dev/null to time the same decode with nothing reading it). One thread: the analysis
 * runs one decoder per core instead. `-flush_packets 0`: into a pipe ffmpeg otherwise writes every
 * decoded frame by itself (~9,000 writes of 2 KB for a 4-minute MP3, each waking the reader); with it,
 * 32 KB writes (~650), as it does into a file.
 */
export function decodeArgs(path: string, sampleRate: number, output = 'pipe:1'): string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-threads', '1',
    '-i', path, '-map', '0:a:0', '-vn', '-ac', '1', '-ar', String(sampleRate), '-f', 'f32le', '-flush_packets', '0',
    ...(output === 'pipe:1' ? [] : ['-y']), output,
  ];
}

/** The reason a finished ffmpeg failed, or null when it decoded the file (exit 0). */
export function decodeFailure(code: number | null, signal: NodeJS.Signals | null, stderr: string): DecodeError | null {
  // A killed ffmpeg has no exit code and usually no last words: say what stopped it, never an empty reason.
  if (signal) return new DecodeError(`ffmpeg was stopped by signal ${signal} while decoding${lastLine(stderr, ': ')}.`, true);
  if (code !== 0) return new DecodeError(`ffmpeg could not decode the file: ${lastLine(stderr, '') || `it exited with code ${code}`}`);
  return null;
}

/** ffmpeg's last non-empty stderr line after `prefix`, or '' when it said nothing. */
function lastLine(stderr: string, prefix: string): string {
  const line = stderr.trim().split('\n').pop()?.trim() ?? '';
  return line ? `${prefix}${line}` : '';
}

/** Yields PCM in chunks as ffmpeg produces it. */
export async function* decodePcmStream(path: string, options: DecodeOptions): AsyncGenerator<Float32Array> {
  const child = spawn(options.ffmpeg, decodeArgs(path, options.sampleRate), { stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
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
  const failure = decodeFailure(code, signal, stderr);
  if (failure) throw failure;
}
