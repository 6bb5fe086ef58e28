"""Decode + augment audio and cache log-mel features (the exact in-graph front end) as .npy.

Inputs: a rendered corpus (items.json from corpus.py) or your own folder of audio + tags CSV
(`path,tag1;tag2;...`, paths relative to the folder; the first tag of a row is its "family" for the
retrieval metric). Training items get --aug-copies augmented versions (resample +-4 % = pitch+tempo,
gain, spectral tilt EQ, noise, lossy MP3/Opus re-encode, p=0.4); validation/test items are cached clean.

  /usr/bin/python3 models/training/build_cache.py --corpus main --out runs/cache-main
  /usr/bin/python3 models/training/build_cache.py --audio-dir ~/Music --tags-csv tags.csv --out runs/cache-mine
"""
import argparse
import csv
import hashlib
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads collapse on a shared 2-core box
import subprocess
import sys
import tempfile
from multiprocessing import Pool

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (CORPUS_ROOT, FFT_SIZE, FRAMES_PER_FRAGMENT, FRAMES_PER_SECOND, HERE, SAMPLE_RATE,  # noqa
                    TRAIN_STEP_SECONDS, read_json, seed_everything, write_json)


def decode(path):
    """Any audio file -> mono float32 at SAMPLE_RATE (ffmpeg; same command the app uses)."""
    r = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-i", path, "-ac", "1", "-ar", str(SAMPLE_RATE),
                        "-f", "f32le", "-"], capture_output=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.decode(errors="replace")[-300:])
    return np.frombuffer(r.stdout, dtype=np.float32).copy()


def trim_tail(x, rel=1e-3):
    peak = float(np.abs(x).max()) if len(x) else 0.0
    if peak <= 0:
        return x
    idx = np.nonzero(np.abs(x) > rel * peak)[0]
    return x[: idx[-1] + 1] if len(idx) else x


def lossy(x, rng):
    codec = rng.choice(["mp3", "opus"])
    with tempfile.TemporaryDirectory() as td:
        src, enc = os.path.join(td, "a.f32"), os.path.join(td, "b." + ("mp3" if codec == "mp3" else "ogg"))
        x.astype(np.float32).tofile(src)
        br = f"{rng.choice([48, 64, 96, 128])}k"
        args = (["-c:a", "libmp3lame", "-compression_level", "7"] if codec == "mp3"
                else ["-c:a", "libopus", "-compression_level", "3"])
        r = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-f", "f32le", "-ar", str(SAMPLE_RATE), "-ac", "1",
                            "-i", src, *args, "-b:a", br, enc], capture_output=True)
        if r.returncode != 0:
            return x
        y = decode(enc)
    n = min(len(x), len(y))
    return y[:n] if n > 0 else x


def augment(x, rng):
    from scipy.signal import resample_poly
    # small pitch+tempo change by resampling (ratio 96/100 .. 104/100)
    up = int(rng.integers(96, 105))
    if up != 100:
        x = resample_poly(x, 100, up).astype(np.float32)
    # spectral tilt EQ: gain slope in dB per octave around 1 kHz, applied in the frequency domain
    slope = rng.uniform(-3.0, 3.0)
    X = np.fft.rfft(x)
    f = np.fft.rfftfreq(len(x), 1.0 / SAMPLE_RATE)
    g_db = slope * np.log2(np.maximum(f, 30.0) / 1000.0)
    x = np.fft.irfft(X * 10 ** (g_db / 20.0), n=len(x)).astype(np.float32)
    # gain
    x = x * np.float32(10 ** (rng.uniform(-12.0, 4.0) / 20.0))
    # noise (white or pink-ish) at 15-40 dB SNR
    if rng.random() < 0.5:
        n = rng.standard_normal(len(x)).astype(np.float32)
        if rng.random() < 0.5:
            n = np.cumsum(n) * 0.02
            n -= np.convolve(n, np.ones(441) / 441, mode="same")
        snr = rng.uniform(15.0, 40.0)
        p = float(np.mean(x ** 2)) + 1e-12
        x = x + n * np.float32(np.sqrt(p / (np.mean(n ** 2) + 1e-12) / 10 ** (snr / 10)))
    if rng.random() < 0.4:
        x = lossy(x, rng)
    return np.clip(x, -1.0, 1.0).astype(np.float32)


def work(job):
    idx, path, n_aug, seed = job
    import torch
    torch.set_num_threads(1)
    from model import MelFrontend
    front = work.front if hasattr(work, "front") else MelFrontend().eval()
    work.front = front
    try:
        x = trim_tail(decode(path))
    except Exception as e:  # one bad file never aborts the batch
        return idx, [], str(e)
    rng = np.random.default_rng(seed)
    out = []
    for k in range(1 + n_aug):
        y = x if k == 0 else augment(x, rng)
        if len(y) < FFT_SIZE + FRAMES_PER_FRAGMENT:  # too short for even one fragment after padding
            y = np.pad(y, (0, max(0, int(5.0 * SAMPLE_RATE) - len(y))))
        with torch.no_grad():
            mel = front(torch.from_numpy(y)[None])[0].T.numpy()  # [frames, M]
        out.append(mel.astype(np.float16))
    return idx, out, None


def load_items(a):
    if a.audio_dir:
        items = []
        with open(a.tags_csv, newline="") as f:
            for row in csv.reader(f):
                if not row or row[0].startswith("#") or row[0] == "path":
                    continue
                tags = [t.strip() for t in (row[1] if len(row) > 1 else "").split(";") if t.strip()]
                h = int(hashlib.sha1(row[0].encode()).hexdigest(), 16) % 100
                split = "train" if h < 70 else ("val" if h < 80 else "test")
                items.append(dict(path=os.path.join(a.audio_dir, row[0]), song=row[0], soundfont="user",
                                  split=split, tags=tags, family=tags[0] if tags else "untagged"))
        return items, "user folder " + os.path.abspath(a.audio_dir)
    d = read_json(os.path.join(CORPUS_ROOT, a.corpus, "items.json"))
    for it in d["items"]:
        it["path"] = os.path.join(d["root"], it["path"])
    return d["items"], "mma corpus " + a.corpus


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="main")
    ap.add_argument("--audio-dir")
    ap.add_argument("--tags-csv")
    ap.add_argument("--out", required=True, help="cache folder (relative paths are under models/training)")
    ap.add_argument("--aug-copies", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--soundfonts", default="", help="only renderings with these soundfonts (comma list; default all)")
    ap.add_argument("--splits", default="", help="only these splits (comma list; default all), e.g. train,val")
    a = ap.parse_args()
    seed_everything(a.seed)
    out = a.out if os.path.isabs(a.out) else os.path.join(HERE, a.out)
    os.makedirs(out, exist_ok=True)
    items, source = load_items(a)
    # Filters let a new soundfont be cached on its own and trained alongside an existing cache
    # (train.py --cache A,B) instead of re-caching every rendering.
    keep_sf = {x for x in a.soundfonts.split(",") if x}
    keep_split = {x for x in a.splits.split(",") if x}
    items = [it for it in items if (not keep_sf or it["soundfont"] in keep_sf)
             and (not keep_split or it["split"] in keep_split)]
    if keep_sf or keep_split:
        source += f" (soundfonts {','.join(sorted(keep_sf)) or 'all'}; splits {','.join(sorted(keep_split)) or 'all'})"
    train_tags = sorted({t for it in items if it["split"] == "train" for t in it["tags"]})
    jobs = [(i, it["path"], a.aug_copies if it["split"] == "train" else 0, a.seed * 100003 + i)
            for i, it in enumerate(items)]
    per_split = {}
    failed = []
    step = int(TRAIN_STEP_SECONDS * FRAMES_PER_SECOND)
    with Pool(a.jobs) as pool:
        for n_done, (i, mels, err) in enumerate(pool.imap(work, jobs, chunksize=4)):
            it = items[i]
            if err:
                failed.append(dict(path=it["path"], error=err))
                continue
            s = per_split.setdefault(it["split"], dict(mels=[], frag=[], items=[]))
            for copy, mel in enumerate(mels):
                base = sum(m.shape[0] for m in s["mels"])
                clip_id = len(s["items"])
                s["items"].append(dict(item=i, song=it["song"], soundfont=it["soundfont"], family=it["family"],
                                       tags=it["tags"], aug=copy))
                s["mels"].append(mel)
                for st in range(0, max(1, mel.shape[0] - FRAMES_PER_FRAGMENT + 1), step):
                    if st + FRAMES_PER_FRAGMENT <= mel.shape[0]:
                        s["frag"].append((base + st, clip_id))
            if (n_done + 1) % 100 == 0:
                print(f"[cache] {n_done + 1}/{len(jobs)}", flush=True)
    summary = {}
    for split, s in per_split.items():
        np.save(os.path.join(out, f"{split}_mel.npy"), np.concatenate(s["mels"], 0))
        np.save(os.path.join(out, f"{split}_frag.npy"), np.asarray(s["frag"], dtype=np.int64))
        write_json(os.path.join(out, f"{split}_clips.json"), s["items"])
        summary[split] = dict(clips=len(s["items"]), fragments=len(s["frag"]),
                              songs=len({c["song"] for c in s["items"]}))
    write_json(os.path.join(out, "meta.json"), dict(source=source, vocab=train_tags, splits=summary,
                                                    aug_copies=a.aug_copies, seed=a.seed, failed=failed))
    print(f"[cache] {summary}; {len(failed)} failed -> {out}")


if __name__ == "__main__":
    main()
