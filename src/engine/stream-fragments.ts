/**
 * Cuts fragments out of PCM as it streams from the decoder, with the same windows as planFragments()
 * on the whole track, while holding at most about two fragments of audio whatever the track's length.
 * Bytes go in as the pipe delivers them (a chunk may split a 4-byte sample); each finished window is
 * handed to `emit`, which copies it where the encoder wants it (the one copy PCM needs).
 */

/** A window of samples; `samples` is only valid during the call (the buffer is reused). */
export type EmitFragment = (startSample: number, samples: Float32Array) => void;

export class StreamFragmenter {
  /** Holds the audio not yet cut, from absolute sample `bufferStart` on (bytes, for split samples). */
  private readonly buffer: Float32Array;
  private readonly bytes: Uint8Array;
  private bufferStart = 0;
  private filledBytes = 0;
  private nextStart = 0;
  private lastEnd = 0;
  private emitted = 0;

  constructor(private readonly fragmentSamples: number, private readonly stepSamples: number, private readonly emit: EmitFragment) {
    if (!(fragmentSamples > 0) || !(stepSamples > 0) || stepSamples > fragmentSamples) {
      throw new Error('fragment length must be positive and the step between 1 sample and one fragment');
    }
    this.buffer = new Float32Array(fragmentSamples * 2);
    this.bytes = new Uint8Array(this.buffer.buffer);
  }

  /** Samples received so far (whole samples). */
  get totalSamples(): number {
    return this.bufferStart + Math.floor(this.filledBytes / 4);
  }

  /** Fragments handed out so far. */
  get fragmentCount(): number {
    return this.emitted;
  }

  /** Takes the next piece of the decoder's f32le output. */
  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.filledBytes === this.bytes.length) this.compact();
      const take = Math.min(chunk.length - offset, this.bytes.length - this.filledBytes);
      this.bytes.set(chunk.subarray(offset, offset + take), this.filledBytes);
      this.filledBytes += take;
      offset += take;
      this.cutReady();
    }
  }

  /**
   * The stream ended: cuts the end-aligned tail window (more than half a fragment left over) or, for a
   * track shorter than one fragment, the single zero-padded one. Returns the total samples decoded.
   */
  finish(): number {
    const total = this.totalSamples;
    if (total === 0) return 0;
    const F = this.fragmentSamples;
    if (this.emitted === 0) {
      // Shorter than one fragment: everything is still in the buffer (it holds two fragments).
      this.emitFrom(0, this.buffer.subarray(0, total));
    } else if (total - this.lastEnd > F / 2) {
      this.emitFrom(total - F, this.window(total - F));
    }
    return total;
  }

  private cutReady(): void {
    const end = this.totalSamples;
    while (this.nextStart + this.fragmentSamples <= end) {
      this.emitFrom(this.nextStart, this.window(this.nextStart));
      this.lastEnd = this.nextStart + this.fragmentSamples;
      this.nextStart += this.stepSamples;
    }
  }

  private emitFrom(start: number, samples: Float32Array): void {
    this.emitted++;
    this.emit(start, samples);
  }

  /** The fragment starting at absolute sample `start` (must be inside the buffer). */
  private window(start: number): Float32Array {
    const at = start - this.bufferStart;
    return this.buffer.subarray(at, at + this.fragmentSamples);
  }

  /**
   * Drops what no window can need any more: before the next window's start, and before the last
   * fragment's worth (the end-aligned tail may need it). Runs once per fragment or so of input.
   */
  private compact(): void {
    const end = this.totalSamples;
    const keepFrom = Math.max(this.bufferStart, Math.min(this.nextStart, end - this.fragmentSamples));
    const dropBytes = (keepFrom - this.bufferStart) * 4;
    if (dropBytes <= 0) throw new Error('fragment buffer overflow'); // cannot happen: it holds two fragments
    this.bytes.copyWithin(0, dropBytes, this.filledBytes);
    this.filledBytes -= dropBytes;
    this.bufferStart = keepFrom;
  }
}
