"""Tags measured from the signal itself, so they are true on any music, real or rendered.

Two kinds:
- from the log-mel (the model's own input): loudness (mean mel-band energy, dB re full scale) and brightness
  (spectral centroid, Hz) of each fragment as it is fed to the model, so they follow every augmentation;
  percussion (share of energy that a median-filter harmonic/percussive separation gives to the percussive
  part), separated once per clip and summed per fragment, since the median filters are the costly part;
- from the whole track's audio (real music only; the synthetic corpus knows its tempo and mode): local
  tempo from aubio's beat tracker and mode from chroma against the Krumhansl-Kessler key profiles.

Class thresholds (training-set tertiles, rounded) live in THRESHOLDS below and are copied into the manifest,
so "bright" means one stated thing everywhere.
"""
import numpy as np
import torch
import torch.nn.functional as F

from common import FFT_SIZE, FMAX, FMIN, HOP, MEL_BANDS, SAMPLE_RATE
from model import _hz_to_mel_slaney, _mel_to_hz_slaney

# group -> (measure, unit, class names low..high, thresholds between them). Thresholds: tertiles of the
# real-music training fragments (`signal_tags.py CACHE` prints them: -13.4/-9.1 dB, 1404/2254 Hz, 0.447/0.612), rounded;
# the manifest states them.
THRESHOLDS = {
    "loudness": ("mean mel-band energy", "dB", ["quiet", "moderate", "loud"], [-13.0, -9.0]),
    "brightness": ("spectral centroid of the magnitude spectrum", "Hz", ["dark", "balanced", "bright"], [1400.0, 2250.0]),
    "percussion": ("percussive share of the energy", "", ["soft", "moderate", "strong"], [0.45, 0.6]),
}
TEMPO_CLASSES = (("slow", 90.0), ("medium", 130.0), ("fast", float("inf")))  # same bins as the synthetic corpus

_edges = _mel_to_hz_slaney(np.linspace(_hz_to_mel_slaney(FMIN), _hz_to_mel_slaney(FMAX), MEL_BANDS + 2))
MEL_CENTRES = torch.tensor(_edges[1:-1], dtype=torch.float32)
# Slaney-normalised mel bands hold power per Hz: times its width, a band's value becomes its energy.
MEL_WIDTHS = torch.tensor((_edges[2:] - _edges[:-2]) / 2, dtype=torch.float32)
MEL_CENTRE_LOG2 = torch.log2(MEL_CENTRES / 1000.0)   # octaves from 1 kHz, for spectral-tilt augmentation


_FULL_SCALE = []


def full_scale_db():
    """The loudness measure of a full-scale 1 kHz sine, so loudness reads in dB relative to full scale."""
    if not _FULL_SCALE:
        from model import MelFrontend
        t = torch.arange(int(5 * SAMPLE_RATE), dtype=torch.float32) / SAMPLE_RATE
        with torch.no_grad():
            mel = MelFrontend()(torch.sin(2 * np.pi * 1000.0 * t)[None])
        p = torch.exp(mel) * MEL_WIDTHS[None, :, None]
        _FULL_SCALE.append(float(10.0 * torch.log10(p.sum(1).mean())))
    return _FULL_SCALE[0]


def tempo_class(bpm):
    """Class index in TEMPO_CLASSES of a beat tracker's tempo. Trackers often lock to half the tempo (aubio did so
    on most rendered songs faster than 110 bpm), so a tempo under 80 bpm is read as its double."""
    bpm = bpm * 2 if bpm < 80 else bpm
    return next(j for j, (_, hi) in enumerate(TEMPO_CLASSES) if bpm < hi)


def percussive_frames(logmel_frames):
    """Median-filter harmonic/percussive separation of one clip's mel energy [T, M] (17 frames along time keep
    sustained partials, 9 bands along frequency keep broadband hits): per frame (energy, percussive energy)."""
    from scipy.ndimage import median_filter
    p = np.exp(np.asarray(logmel_frames, dtype=np.float32)) * MEL_WIDTHS.numpy()[None, :]
    harm = median_filter(p, size=(17, 1), mode="nearest")
    perc = median_filter(p, size=(1, 9), mode="nearest")
    mask = perc ** 2 / (harm ** 2 + perc ** 2 + 1e-20)
    return np.stack([p.sum(1), (mask * p).sum(1)], 1).astype(np.float32)


def percussion_of(cumulative, starts, length):
    """Percussive share of each fragment [start, start + length) from the running sums (np.cumsum with a leading
    zero row) of a percussive_frames table."""
    tot = cumulative[starts + length] - cumulative[starts]
    return (tot[:, 1] / np.maximum(tot[:, 0], 1e-10)).astype(np.float32)


def cumulative(frames_table):
    return np.concatenate([np.zeros((1, 2), np.float64), np.cumsum(frames_table, 0, dtype=np.float64)])


@torch.no_grad()
def measures(logmel, percussion=None):
    """log-mel [B, M, T] -> dict of [B] tensors: loudness (dB), brightness (Hz), percussion (0..1).
    percussion: the fragments' shares when already known (from a clip-wise table), else separated here."""
    p = torch.exp(logmel.float()) * MEL_WIDTHS[None, :, None]      # energy per mel band
    frame_e = p.sum(1)                                              # [B, T]
    loud = 10.0 * torch.log10(frame_e.mean(1) + 1e-10) - full_scale_db()
    mag = torch.exp(0.5 * logmel.float()) * MEL_WIDTHS[None, :, None]   # magnitude, as librosa's centroid
    cent = (mag * MEL_CENTRES[None, :, None]).sum(1) / (mag.sum(1) + 1e-10)
    bright = (cent * frame_e).sum(1) / (frame_e.sum(1) + 1e-10)
    if percussion is None:
        percussion = [percussion_of(cumulative(percussive_frames(m.T.numpy())), np.array([0]), m.shape[1])[0] for m in logmel]
    return dict(loudness=loud, brightness=bright, percussion=torch.as_tensor(np.asarray(percussion, dtype=np.float32)))


def classes(values, group):
    """Measured values -> class index per fragment (0 = low)."""
    th = torch.tensor(THRESHOLDS[group][3], dtype=values.dtype)
    return torch.bucketize(values, th)


def measured_groups():
    """Every measured group -> its tags, low to high: the log-mel groups, tempo and mode."""
    groups = {g: [f"{g}:{c}" for c in names] for g, (_, _, names, _) in THRESHOLDS.items()}
    groups["tempo"] = [f"tempo:{c}" for c, _ in TEMPO_CLASSES]
    groups["mode"] = ["mode:major", "mode:minor"]
    return groups


def signal_tag_names():
    return [f"{g}:{c}" for g, (_, _, names, _) in THRESHOLDS.items() for c in names]


def signal_targets(logmel, vocab_index, percussion=None):
    """[B, len(vocab)] one-hot targets of the log-mel groups + [B, len(vocab)] mask (1 where known)."""
    B = logmel.shape[0]
    n = len(vocab_index)
    y, m = torch.zeros(B, n), torch.zeros(B, n)
    for g, v in measures(logmel, percussion).items():
        names = THRESHOLDS[g][2]
        if f"{g}:{names[0]}" not in vocab_index:   # a model without this group (e.g. the shipped one)
            continue
        cols = [vocab_index[f"{g}:{c}"] for c in names]
        cls = classes(v, g)
        m[:, cols] = 1.0
        y[torch.arange(B), torch.tensor(cols)[cls]] = 1.0
    return y, m


# ---- track-level measures (numpy, whole track audio) ----

KK_MAJOR = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
KK_MINOR = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])


def beat_times(x):
    """aubio's default beat tracker over the track -> beat times (s)."""
    import aubio
    win, hop = 1024, 512
    t = aubio.tempo("default", win, hop, SAMPLE_RATE)
    beats = []
    n = len(x) // hop
    xs = np.ascontiguousarray(x[: n * hop], dtype=np.float32)
    for i in range(n):
        if t(xs[i * hop:(i + 1) * hop]):
            beats.append(t.get_last_s())
    return np.asarray(beats, dtype=np.float64)


def local_tempo(beats, centre, half=6.0):
    """Median tempo (bpm) of the beats within +-half s of centre, or nan when there is no steady beat there."""
    b = beats[(beats >= centre - half) & (beats <= centre + half)]
    if len(b) < 6:
        return float("nan")
    ibi = np.diff(b)
    med = float(np.median(ibi))
    if med <= 0 or np.std(ibi) / med > 0.25:   # irregular: no steady beat to name a tempo
        return float("nan")
    return 60.0 / med


def chroma_per_second(x):
    """12-bin chroma per second (log-magnitude STFT 4096, 80-2000 Hz)."""
    n_fft, hop = 4096, SAMPLE_RATE // 10
    freqs = np.fft.rfftfreq(n_fft, 1.0 / SAMPLE_RATE)
    band = (freqs >= 80) & (freqs <= 2000)
    pc = (np.round(12 * np.log2(freqs[band] / 440.0)) + 9) % 12
    win = np.hanning(n_fft).astype(np.float32)
    frames = max(0, (len(x) - n_fft) // hop + 1)
    out = np.zeros((int(np.ceil(len(x) / SAMPLE_RATE)) + 1, 12))
    for s in range(0, frames, 512):
        idx = np.arange(s, min(frames, s + 512))
        seg = np.stack([x[i * hop:i * hop + n_fft] for i in idx]) * win
        mag = np.log1p(100.0 * np.abs(np.fft.rfft(seg, axis=1))[:, band])
        ch = np.zeros((len(idx), 12))
        for k in range(12):
            ch[:, k] = mag[:, pc == k].sum(1)
        np.add.at(out, (idx * hop + n_fft // 2) // SAMPLE_RATE, ch)
    return out


def mode_of(chroma):
    """(0 major / 1 minor, margin) from summed chroma against the 24 rotated key profiles."""
    if chroma.sum() <= 0:
        return -1, 0.0
    c = (chroma - chroma.mean()) / (chroma.std() + 1e-9)
    best = []
    for prof in (KK_MAJOR, KK_MINOR):
        p = (prof - prof.mean()) / prof.std()
        best.append(max(float(np.dot(c, np.roll(p, k))) / 12.0 for k in range(12)))
    return (0 if best[0] >= best[1] else 1), abs(best[0] - best[1])


def tertiles(cache, n=6000, seed=0):
    """Tertiles of each log-mel measure over the clean fragments of a real cache's training split: where THRESHOLDS
    come from (rounded by hand, then fixed in code so that a tag means one stated thing)."""
    import json
    import os
    mel = np.load(os.path.join(cache, "train_mel.npy"), mmap_mode="r")
    frag = np.load(os.path.join(cache, "train_frag.npy"))
    clips = json.load(open(os.path.join(cache, "train_clips.json")))
    clean = frag[[clips[c]["aug"] == 0 for c in frag[:, 1]]]
    pick = np.random.default_rng(seed).choice(len(clean), min(n, len(clean)), replace=False)
    out = {k: [] for k in THRESHOLDS}
    for i in range(0, len(pick), 256):
        x = np.stack([mel[s:s + 248] for s in clean[pick[i:i + 256], 0]]).astype(np.float32)
        for k, v in measures(torch.from_numpy(x).transpose(1, 2)).items():
            out[k].append(v.numpy())
    return {k: np.percentile(np.concatenate(v), [100 / 3, 200 / 3]).round(3).tolist() for k, v in out.items()}


if __name__ == "__main__":
    import sys
    print(tertiles(sys.argv[1]))
