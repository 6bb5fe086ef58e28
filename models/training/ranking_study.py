"""Song-radio ranking rules compared on the same fragment vectors (real-music split), one run.

  /usr/bin/python3 models/training/ranking_study.py --ckpt runs/shipped/last.pt --real runs/cache-real --split val \
      --out runs/ranking-val.json

Rules (every track of the split as the seed, precision@10 of picks from the seed's soundtrack):
  app_sum_best   today's app: seed fragments summed into one query, each song scored by its best fragment
  song_mean      one averaged unit vector per song, cosine
  chamfer        symmetric Chamfer: mean over seed moments of their best match in the candidate, and the reverse
  chamfer_lda_D  the same after a label-free linear map fitted on the split's own fragments (tracks as classes,
                 within- vs between-track scatter), D dimensions, as the app fits it on the user's library
                 (chamfer_lda_16 was chosen here on val: it is metrics.library_radio_precision, the app's rule).
Baselines on the same tracks: 20-MFCC mean/std per track (z-scored with the training split's statistics).
"""
import argparse
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import seed_everything, write_json  # noqa: E402
from evaluate_real import mfcc_stats_of_train, track_mfcc  # noqa: E402
from metrics import chamfer_scores, l2n, lda_map, precision_from_scores, song_radio_precision  # noqa: E402
from model import encoder_from_checkpoint  # noqa: E402
from train import predict, resolve  # noqa: E402
from train_real import RealSplit  # noqa: E402


def rules(emb, song, album):
    songs, song_idx = np.unique(song, return_inverse=True)
    album_of = np.empty(len(songs), dtype=object)
    album_of[song_idx] = np.asarray(album)
    out = dict(app_sum_best=song_radio_precision(emb, song, album)["precision"])
    e = l2n(emb.astype(np.float32))
    means = np.zeros((len(songs), e.shape[1]), dtype=np.float32)
    np.add.at(means, song_idx, e)
    means = l2n(means)
    out["song_mean"] = precision_from_scores(means @ means.T, album_of)[0]
    out["chamfer"] = precision_from_scores(chamfer_scores(emb, song_idx, len(songs)), album_of)[0]
    for d in (16, 32, 64):
        if d >= emb.shape[1]:
            continue
        mu, p = lda_map(emb, song_idx, d)
        z = ((l2n(emb.astype(np.float64)) - mu) @ p).astype(np.float32)
        out[f"chamfer_lda_{d}"] = precision_from_scores(chamfer_scores(z, song_idx, len(songs)), album_of)[0]
        out[f"app_sum_best_lda_{d}"] = song_radio_precision(z, song, album)["precision"]
        zn = l2n(z)
        zm = np.zeros((len(songs), d), dtype=np.float32)
        np.add.at(zm, song_idx, zn)
        zm = l2n(zm)
        out[f"song_mean_lda_{d}"] = precision_from_scores(zm @ zm.T, album_of)[0]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", nargs="+", required=True)
    ap.add_argument("--real", required=True)
    ap.add_argument("--split", default="val")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.set_num_threads(2)
    seed_everything(1234)
    cache = resolve(a.real)
    res = {}
    stats = None
    for path in a.ckpt:
        ck = torch.load(resolve(path))
        model = encoder_from_checkpoint(ck).eval()
        s = RealSplit(cache, a.split, ck["vocab"])
        if stats is None:
            stats = mfcc_stats_of_train(cache, ck["vocab"])
            clean = [c for c in s.clip_frags if s.clips[c]["aug"] == 0]
            tm = (track_mfcc(s, clean) - stats["track_mu"]) / stats["track_sd"]
            res["mfcc_track_mean_std"] = song_radio_precision(
                tm, np.array([s.clips[c]["song"] for c in clean]), np.array([s.clips[c]["package"] for c in clean]))["precision"]
        idx = s.app_fragments()
        clips = s.frag[idx, 1]
        song = np.array([s.clips[c]["song"] for c in clips])
        album = np.array([s.clips[c]["package"] for c in clips])
        emb, _ = predict(model, s, idx)
        res[path] = rules(emb, song, album)
        print(path, {k: round(v, 3) for k, v in res[path].items()}, "mfcc", round(res["mfcc_track_mean_std"], 3), flush=True)
    write_json(resolve(a.out), dict(split=a.split, results=res, protocol=__doc__))


if __name__ == "__main__":
    main()
