"""Evaluate checkpoints on real music (real_cache.py) and on the synthetic held-out songs, in one run.

  /usr/bin/python3 models/training/evaluate_real.py --ckpt runs/two-branch/best.pt runs/shipped/last.pt \
      --real runs/cache-real --synthetic runs/cache-syn-eval --split test --out runs/two-branch/eval_real.json

Real music: the app's song radio: every track of the split is the seed once; the fragment vectors of all the
split's tracks (the clean copy, at the app's 5-s step) are mapped by a 16-dimensional label-free LDA fitted on
those same fragments with tracks as the classes (metrics.lda_map: the app fits it on the user's library), then
each other track is scored by symmetric Chamfer similarity to the seed (metrics.library_radio_precision);
precision@10 of picks from the seed's soundtrack (album) is `model`. The previous app rule (the seed's fragments
summed into one query, each other track scored by its best fragment; metrics.song_radio_precision) is
`model_sum_query_best_fragment`. Baselines on the same tracks: 20 MFCCs (DCT-II of the same log-mel in dB) mean+std
over each whole track, z-scored with the real training split's statistics, cosine (the classic track-level
baseline); the same MFCC mean+std per 5-s fragment ranked like the previous app rule
(`mfcc_fragments_app_ranking`) and by the model's own rule, LDA + Chamfer (`mfcc_fragments_same_ranking`);
random vectors under the model's rule; chance (exact expectation of random picks). `model_minus_best_mfcc` is
`model` minus the best of the MFCC variants. Tags: per measured group (loudness, brightness, percussion, tempo,
mode), accuracy of the model's most probable class against the measurement, with the majority-class rate
beside it; `source` says whether the model predicts the group or measures it in its own graph (model.MeasuredRows:
then it equals the measurement by construction). Synthetic: fragment-radio precision@10 by style family, as
evaluate.py measures it.
"""
import argparse
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import read_json, seed_everything, write_json  # noqa: E402
from evaluate import mfcc_stats  # noqa: E402
from metrics import LIBRARY_LDA_DIMS, library_radio_precision, radio_precision, song_radio_precision  # noqa: E402
from model import encoder_from_checkpoint  # noqa: E402
from train import Split, predict, resolve  # noqa: E402
from train_real import RealSplit, group_accuracy  # noqa: E402


def track_mfcc(split, clips, n_mfcc=20):
    """Per clip: 20-MFCC mean+std over all of its frames."""
    from scipy.fft import dct
    out = []
    for c in clips:
        idx = split.clip_frags[c]
        lo, hi = int(split.frag[idx[0], 0]), int(split.frag[idx[-1], 0]) + 248
        db = 10.0 / np.log(10.0) * split.mel[lo:hi].astype(np.float32)          # [T, M]
        cc = dct(db, type=2, axis=1, norm="ortho")[:, :n_mfcc]
        out.append(np.r_[cc.mean(0), cc.std(0)])
    return np.asarray(out)


def real_metrics(model, vocab, cache, split_name, stats):
    s = RealSplit(cache, split_name, vocab)
    idx = s.app_fragments()
    clips = s.frag[idx, 1]
    song = np.array([s.clips[c]["song"] for c in clips])
    album = np.array([s.clips[c]["package"] for c in clips])
    emb, prob = predict(model, s, idx)
    res = dict(tracks=int(len(set(song))), packages=sorted(set(album.tolist())), fragments=int(len(idx)),
               ranking=f"chamfer after a {LIBRARY_LDA_DIMS}-dim library LDA (metrics.library_radio_precision)")
    model_r = library_radio_precision(emb, song, album)
    model_old = song_radio_precision(emb, song, album)
    frag_mfcc = (mfcc_stats(s, idx) - stats["frag_mu"]) / stats["frag_sd"]
    mf_frag = song_radio_precision(frag_mfcc, song, album)
    mf_frag_same = library_radio_precision(frag_mfcc, song, album)
    clean = [c for c in s.clip_frags if s.clips[c]["aug"] == 0]
    tm = (track_mfcc(s, clean) - stats["track_mu"]) / stats["track_sd"]
    t_song = np.array([s.clips[c]["song"] for c in clean])
    t_album = np.array([s.clips[c]["package"] for c in clean])
    mf_track = song_radio_precision(tm, t_song, t_album)     # one vector per track: its best "fragment" is itself
    rnd = library_radio_precision(np.random.RandomState(0).randn(len(idx), 32), song, album)
    p10 = dict(model=model_r["precision"], model_sum_query_best_fragment=model_old["precision"],
               mfcc_track_mean_std=mf_track["precision"], mfcc_fragments_app_ranking=mf_frag["precision"],
               mfcc_fragments_same_ranking=mf_frag_same["precision"],
               random_vectors=rnd["precision"], chance=model_r["chance"])
    p10["model_minus_best_mfcc"] = model_r["precision"] - max(v for k, v in p10.items() if k.startswith("mfcc_"))
    res["precision_at_10"] = p10
    seed_package = np.array([s_.split("/", 1)[0] for s_ in np.unique(song)])   # per_seed follows np.unique order
    res["per_package"] = {p: dict(tracks=int((t_album == p).sum()), model=float(model_r["per_seed"][seed_package == p].mean()),
                                  model_sum_query_best_fragment=float(model_old["per_seed"][seed_package == p].mean()))
                          for p in sorted(set(album.tolist()))}
    res["tag_groups"] = group_accuracy(s, idx, prob, vocab)
    in_graph = set(getattr(model, "cfg", {}).get("measured_rows", []))
    for g, q in res["tag_groups"].items():
        q["source"] = "measured" if g in in_graph else "predicted"
    return res


def mfcc_stats_of_train(cache, vocab):
    tr = RealSplit(cache, "train", vocab)
    rs = np.random.RandomState(1234)
    idx = np.sort(rs.choice(len(tr), min(4000, len(tr)), replace=False))
    fm = mfcc_stats(tr, idx)
    clean = [c for c in tr.clip_frags if tr.clips[c]["aug"] == 0]
    tm = track_mfcc(tr, clean)
    return dict(frag_mu=fm.mean(0), frag_sd=fm.std(0) + 1e-6, track_mu=tm.mean(0), track_sd=tm.std(0) + 1e-6)


def synthetic_metrics(model, vocab, cache, splits=("test", "test-unseen", "val")):
    out = {}
    for split, name in (("test", "overall"), ("test-unseen", "unseen_soundfont"), ("val", "validation")):
        if split not in splits or not os.path.exists(os.path.join(cache, f"{split}_frag.npy")):
            continue
        s = Split(cache, split, vocab)
        idx = np.arange(len(s))
        emb, _ = predict(model, s, idx)
        song = np.array([s.clips[c]["song"] for c in s.frag[:, 1]])
        family = np.array([s.clips[c]["family"] for c in s.frag[:, 1]])
        out[name] = radio_precision(emb, song, family, max_queries=4000, seed=1234)["precision"]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", nargs="+", required=True)
    ap.add_argument("--real", required=True)
    ap.add_argument("--synthetic", default="", help="synthetic cache with test / test-unseen / val splits")
    ap.add_argument("--split", default="val", help="real split: 'val' for choices, 'test' once for the chosen model")
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    seed_everything(1234)
    cache = resolve(a.real)
    results = {}
    stats = None
    for path in a.ckpt:
        ck = torch.load(resolve(path))
        model = encoder_from_checkpoint(ck).eval()
        vocab = ck["vocab"]
        if stats is None:
            stats = mfcc_stats_of_train(cache, vocab)
        r = dict(real=real_metrics(model, vocab, cache, a.split, stats))
        if a.synthetic:
            r["synthetic_precision_at_10"] = synthetic_metrics(model, vocab, resolve(a.synthetic))
        results[path] = r
        print(f"[eval-real] {path}: {r['real']['precision_at_10']} tags "
              f"{ {g: round(v['accuracy'], 3) for g, v in r['real']['tag_groups'].items()} } "
              f"synthetic {r.get('synthetic_precision_at_10')}", flush=True)
    write_json(resolve(a.out), dict(split=a.split, cache=cache, results=results,
                                    protocol=__doc__.split("\n\n")[1].replace("\n", " ")))


if __name__ == "__main__":
    main()
