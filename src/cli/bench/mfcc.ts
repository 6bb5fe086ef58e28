/**
 * The classic baseline of music similarity: 20 MFCCs, mean and standard deviation over a whole track
 * (one 40-number vector per track, compared by cosine after z-scoring over the library). Computed here
 * from the same decode the app uses (mono, 22050 Hz) with the model's own spectrogram settings: 512-point
 * periodic Hann FFT, hop 441, 80 Slaney mel bands 30-11025 Hz, power in dB, DCT-II (orthonormal).
 */

const SAMPLE_RATE = 22050;
const FFT = 512;
const HOP = 441;
const BANDS = 80;
const FMIN = 30;
const FMAX = 11025;

function hzToMel(f: number): number {
  const fsp = 200 / 3;
  const minLogHz = 1000;
  const minLogMel = minLogHz / fsp;
  const logstep = Math.log(6.4) / 27;
  return f >= minLogHz ? minLogMel + Math.log(f / minLogHz) / logstep : f / fsp;
}

function melToHz(m: number): number {
  const fsp = 200 / 3;
  const minLogHz = 1000;
  const minLogMel = minLogHz / fsp;
  const logstep = Math.log(6.4) / 27;
  return m >= minLogMel ? minLogHz * Math.exp(logstep * (m - minLogMel)) : fsp * m;
}

/** Slaney-style triangular filters with area normalisation (librosa.filters.mel's maths). */
function melFilterbank(): Float64Array[] {
  const bins = FFT / 2 + 1;
  const fftFreqs = Array.from({ length: bins }, (_, k) => (k * SAMPLE_RATE) / FFT);
  const lo = hzToMel(FMIN);
  const hi = hzToMel(FMAX);
  const points = Array.from({ length: BANDS + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (BANDS + 1)));
  return Array.from({ length: BANDS }, (_, m) => {
    const w = new Float64Array(bins);
    const enorm = 2 / (points[m + 2] - points[m]);
    for (let k = 0; k < bins; k++) {
      const lower = (fftFreqs[k] - points[m]) / (points[m + 1] - points[m]);
      const upper = (points[m + 2] - fftFreqs[k]) / (points[m + 2] - points[m + 1]);
      w[k] = Math.max(0, Math.min(lower, upper)) * enorm;
    }
    return w;
  });
}

/** In-place radix-2 FFT of (re, im), length a power of two. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const ar = re[i + k + len / 2] * cr - im[i + k + len / 2] * ci;
        const ai = re[i + k + len / 2] * ci + im[i + k + len / 2] * cr;
        re[i + k + len / 2] = re[i + k] - ar;
        im[i + k + len / 2] = im[i + k] - ai;
        re[i + k] += ar;
        im[i + k] += ai;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
}

let filters: Float64Array[] | null = null;

/** 20-MFCC mean + std (40 numbers) of mono PCM at 22050 Hz; null when shorter than one frame. */
export function mfccMeanStd(pcm: Float32Array, coefficients = 20): Float64Array | null {
  const frames = Math.floor((pcm.length - FFT) / HOP) + 1;
  if (frames < 1) return null;
  filters ??= melFilterbank();
  const window = Float64Array.from({ length: FFT }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / FFT));
  const dct = Array.from({ length: coefficients }, (_, k) => Float64Array.from({ length: BANDS }, (_, m) => Math.cos((Math.PI * k * (2 * m + 1)) / (2 * BANDS)) * Math.sqrt((k === 0 ? 1 : 2) / BANDS)));
  const sum = new Float64Array(coefficients);
  const sumSq = new Float64Array(coefficients);
  const re = new Float64Array(FFT);
  const im = new Float64Array(FFT);
  const db = new Float64Array(BANDS);
  const bins = FFT / 2 + 1;
  for (let f = 0; f < frames; f++) {
    for (let n = 0; n < FFT; n++) {
      re[n] = pcm[f * HOP + n] * window[n];
      im[n] = 0;
    }
    fft(re, im);
    for (let m = 0; m < BANDS; m++) {
      let e = 0;
      const w = filters[m];
      for (let k = 0; k < bins; k++) if (w[k] > 0) e += w[k] * (re[k] * re[k] + im[k] * im[k]);
      db[m] = 10 * Math.log10(e + 1e-6);
    }
    for (let k = 0; k < coefficients; k++) {
      let c = 0;
      for (let m = 0; m < BANDS; m++) c += dct[k][m] * db[m];
      sum[k] += c;
      sumSq[k] += c * c;
    }
  }
  const out = new Float64Array(2 * coefficients);
  for (let k = 0; k < coefficients; k++) {
    const mean = sum[k] / frames;
    out[k] = mean;
    out[coefficients + k] = Math.sqrt(Math.max(0, sumSq[k] / frames - mean * mean));
  }
  return out;
}
