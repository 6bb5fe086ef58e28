/** Drawing a song's loudness outline (peaks 0..1) as one SVG path of mirrored bars; pure. */

/** `peaks` reduced to `count` bars, each the loudest of its slice (so short loud hits stay visible). */
export function barsOf(peaks: readonly number[], count: number): number[] {
  if (peaks.length === 0 || count <= 0) return [];
  if (peaks.length <= count) return [...peaks];
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * peaks.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / count));
    let top = 0;
    for (let j = from; j < to; j++) if (peaks[j] > top) top = peaks[j];
    out.push(top);
  }
  return out;
}

/**
 * An SVG path of bars centred on the middle line, in a 0..100 x 0..height box: bar i covers
 * [i, i+1) * 100/n with a small gap; silence keeps a hairline so the song's extent stays visible.
 */
export function waveformPath(bars: readonly number[], height: number): string {
  const n = bars.length;
  if (n === 0) return '';
  const step = 100 / n;
  const width = step * 0.7;
  const mid = height / 2;
  const min = height * 0.04;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const h = Math.max(min, Math.min(1, Math.max(0, bars[i])) * height * 0.96);
    const x = i * step;
    parts.push(`M${round(x)} ${round(mid - h / 2)}h${round(width)}v${round(h)}h${round(-width)}z`);
  }
  return parts.join('');
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
