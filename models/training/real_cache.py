"""Feature cache of the real-music corpus (real_corpus.py): log-mel of every track (the in-graph front end)
plus the labels measured on its audio, in the layout train.py's Split reads.

Per split, one float16 mel array of all clips, a fragment table (5-s fragments at a 1-s step), the clips
(clip = one track, or an augmented copy of a training track: resample 0.96-1.04 = pitch+tempo, spectral
tilt, gain, noise, lossy MP3/Opus re-encode), and per fragment the local tempo (aubio beats, nan where
there is no steady beat) and mode (chroma against key profiles over +-10 s; -1 where undecided). A clip's
"song" is its track, its "family" its package (album), which is what the real-music radio metric scores.

  /usr/bin/python3 models/training/real_cache.py --corpus real --out runs/cache-real --aug-copies 1 --jobs 2
"""
import argparse
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import sys
from multiprocessing import Pool

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_cache import augment, decode  # noqa: E402
from common import (CORPUS_ROOT, FRAMES_PER_FRAGMENT, FRAMES_PER_SECOND, HERE, SAMPLE_RATE,  # noqa: E402
                    TRAIN_STEP_SECONDS, read_json, write_json)
import signal_tags as ST  # noqa: E402

MODE_WINDOW_S = 10.0
MODE_MIN_MARGIN = 0.04


def mel_of(front, x):
    import torch
    with torch.no_grad():
        return front(torch.from_numpy(x)[None])[0].T.numpy().astype(np.float16)   # [frames, M]


def second_labels(x):
    """Per whole second s of the track: (local tempo bpm at s + 2.5, mode of [s+2.5 +- 10 s], its margin)."""
    beats = ST.beat_times(x)
    chroma = ST.chroma_per_second(x)
    n = int(len(x) // SAMPLE_RATE) + 1
    cs = np.r_[np.zeros((1, 12)), np.cumsum(chroma, 0)]
    out = np.full((n, 3), np.nan, dtype=np.float32)
    for s in range(n):
        c = s + 2.5
        out[s, 0] = ST.local_tempo(beats, c)
        lo, hi = int(max(0, c - MODE_WINDOW_S)), int(min(len(chroma), c + MODE_WINDOW_S))
        mode, margin = ST.mode_of(cs[hi] - cs[lo]) if hi > lo else (-1, 0.0)
        out[s, 1] = mode if margin >= MODE_MIN_MARGIN else -1
        out[s, 2] = margin
    return out


def work(job):
    i, path, n_aug, seed = job
    import torch
    torch.set_num_threads(1)
    from model import MelFrontend
    if not hasattr(work, "front"):
        work.front = MelFrontend().eval()
    try:
        x = decode(path)
        if len(x) < SAMPLE_RATE * 6:
            raise RuntimeError(f"only {len(x) / SAMPLE_RATE:.1f} s of audio")
        labels = second_labels(x)
        rng = np.random.default_rng(seed)
        mels = [mel_of(work.front, x)] + [mel_of(work.front, augment(x, rng)) for _ in range(n_aug)]
    except Exception as e:  # one bad file never aborts the batch
        return i, None, None, str(e)
    return i, mels, labels, None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="real")
    ap.add_argument("--out", required=True)
    ap.add_argument("--aug-copies", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--splits", default="", help="only these splits (comma list)")
    a = ap.parse_args()
    out = a.out if os.path.isabs(a.out) else os.path.join(HERE, a.out)
    os.makedirs(out, exist_ok=True)
    corpus = read_json(os.path.join(CORPUS_ROOT, a.corpus, "items.json"))
    keep = {s for s in a.splits.split(",") if s}
    items = [it for it in corpus["items"] if not keep or it["split"] in keep]
    # longest first: the pool's last job is a short one, not a 10-minute track
    order = sorted(range(len(items)), key=lambda k: -items[k]["duration"])
    jobs = [(k, os.path.join(corpus["root"], items[k]["path"]), a.aug_copies if items[k]["split"] == "train" else 0,
             a.seed * 100003 + k) for k in order]
    results, failed = {}, []
    with Pool(a.jobs) as pool:
        for n, (k, mels, labels, err) in enumerate(pool.imap_unordered(work, jobs)):
            if err:
                failed.append(dict(path=items[k]["path"], error=err))
            else:
                results[k] = (mels, labels)
            if (n + 1) % 25 == 0:
                print(f"[real-cache] {n + 1}/{len(jobs)}", flush=True)
    step = int(TRAIN_STEP_SECONDS * FRAMES_PER_SECOND)
    summary = {}
    for split in sorted({it["split"] for it in items}):
        mels, frags, labs, clips, base = [], [], [], [], 0
        for k in sorted(results):
            it = items[k]
            if it["split"] != split:
                continue
            track_mels, sec = results[k]
            for copy, mel in enumerate(track_mels):
                clip_id = len(clips)
                clips.append(dict(item=k, song=f"{it['package']}/{it['path']}", soundfont="real" if copy == 0 else f"real-aug{copy}",
                                  family=it["package"], package=it["package"], tags=[], aug=copy))
                for st in range(0, mel.shape[0] - FRAMES_PER_FRAGMENT + 1, step):
                    frags.append((base + st, clip_id))
                    labs.append(sec[min(st // FRAMES_PER_SECOND, len(sec) - 1), :2])
                mels.append(mel)
                base += mel.shape[0]
        np.save(os.path.join(out, f"{split}_mel.npy"), np.concatenate(mels, 0))
        np.save(os.path.join(out, f"{split}_frag.npy"), np.asarray(frags, dtype=np.int64))
        np.save(os.path.join(out, f"{split}_fraglab.npy"), np.asarray(labs, dtype=np.float32))
        write_json(os.path.join(out, f"{split}_clips.json"), clips)
        lab = np.asarray(labs)
        summary[split] = dict(clips=len(clips), fragments=len(frags), songs=len({c["song"] for c in clips}),
                              packages=len({c["package"] for c in clips}),
                              tempo_known=float(np.isfinite(lab[:, 0]).mean()), mode_known=float((lab[:, 1] >= 0).mean()))
    write_json(os.path.join(out, "meta.json"), dict(
        source=f"real corpus {a.corpus}", vocab=[], splits=summary, aug_copies=a.aug_copies, seed=a.seed,
        failed=failed, labels=dict(tempo="aubio 'default' beat tracker, median inter-beat interval of the beats within "
                                         "+-6 s of the fragment's centre; unknown when < 6 beats or IBI CV > 0.25",
                                   mode=f"chroma (STFT 4096, 80-2000 Hz) over +-{MODE_WINDOW_S:.0f} s against the "
                                        f"Krumhansl-Kessler profiles; unknown when the major/minor margin < {MODE_MIN_MARGIN}")))
    print(f"[real-cache] {summary}; {len(failed)} failed -> {out}")


if __name__ == "__main__":
    main()
