"""Evaluate a checkpoint on held-out songs: tag metrics + fragment-radio precision@10, with baselines.

  /usr/bin/python3 models/training/evaluate.py --run runs/main [--ckpt best.pt]

Splits: "test" = held-out songs rendered with the training soundfonts; "test-unseen" = the same
held-out songs rendered with a soundfont never used in training. Fragment radio (as in the app):
for a query fragment, every other song's distance is the distance of its closest fragment (the
query's own song, in any soundfont, is excluded); the 10 closest songs are the queue; precision@10 =
share of them in the query's style family (tag group `family:` or the first CSV tag).
Baselines on exactly the same fragments: 20 MFCCs (DCT-II of the same log-mel), mean+std over the
fragment's frames, z-scored with training statistics, cosine; and random vectors / random scores.
"""
import argparse
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads collapse on a shared 2-core box
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import read_json, seed_everything, write_json  # noqa: E402
from model import encoder_from_checkpoint  # noqa: E402
from metrics import macro_auc, radio_precision  # noqa: E402
from train import Split, predict, resolve  # noqa: E402


def mfcc_stats(split, idx, n_mfcc=20, bs=512):
    from scipy.fft import dct
    out = []
    for i in range(0, len(idx), bs):
        x, _ = split.batch(idx[i:i + bs])                      # [B, M, T] natural-log mel
        db = 10.0 / np.log(10.0) * x.numpy()                    # -> dB like librosa.power_to_db
        c = dct(db, type=2, axis=1, norm="ortho")[:, :n_mfcc]   # [B, 20, T]
        out.append(np.concatenate([c.mean(2), c.std(2)], 1))
    return np.concatenate(out)


def pick_distance_summary(d):
    """Quantiles of the cosine distance of a radio's first and tenth pick: what "close" means for this model
    (to check the app's closeness words, src/renderer/src/lib/why-text.ts, against a new model)."""
    qs = (0.1, 0.25, 0.5, 0.75, 0.9)
    return {f"rank{r + 1}": {f"q{int(q * 100)}": float(np.quantile(d[:, r], q)) for q in qs}
            for r in (0, d.shape[1] - 1)}


def tag_metrics(y, p):
    auc, n = macro_auc(y, p)
    pred = p >= 0.5
    return dict(macro_roc_auc=auc, auc_tags=n, hamming_accuracy=float((pred == (y > 0.5)).mean()),
                exact_match=float((pred == (y > 0.5)).all(1).mean()))


def evaluate(run, ckpt_name="best.pt", max_queries=4000, seed=1234, splits=("test", "test-unseen"), out_name="eval.json"):
    seed_everything(seed)
    ck = torch.load(os.path.join(run, ckpt_name))
    model = encoder_from_checkpoint(ck).eval()
    vocab, cache = ck["vocab"], ck["cache"]
    meta = read_json(os.path.join(cache, "meta.json"))
    fam_index = [i for i, t in enumerate(vocab) if t.startswith("family:")]
    train = Split(cache, "train", vocab)
    tr_idx = np.random.RandomState(seed).choice(len(train), min(4000, len(train)), replace=False)
    tr_mf = mfcc_stats(train, tr_idx)
    mu, sd = tr_mf.mean(0), tr_mf.std(0) + 1e-6
    res = {}
    names = {"test": "overall", "test-unseen": "unseen_soundfont", "val": "validation"}
    for split in splits:
        if not os.path.exists(os.path.join(cache, f"{split}_frag.npy")):
            continue
        s = Split(cache, split, vocab)
        idx = np.arange(len(s))
        clip = s.frag[:, 1]
        song = np.array([s.clips[c]["song"] for c in clip])
        family = np.array([s.clips[c]["family"] for c in clip])
        emb, prob = predict(model, s, idx)
        y = s.clip_y[clip]
        mf = (mfcc_stats(s, idx) - mu) / sd
        rnd = np.random.RandomState(seed)
        r = dict(fragments=int(len(idx)), songs=int(len(set(song))), clips=len(s.clips))
        r["tags"] = tag_metrics(y, prob)
        if fam_index:
            fy, fp = y[:, fam_index], prob[:, fam_index]
            r["family_top1_accuracy"] = float((fy[np.arange(len(fy)), fp.argmax(1)] > 0.5).mean())
        r["tags_random"] = tag_metrics(y, rnd.rand(*prob.shape).astype(np.float32))
        r["precision_at_10"] = {}
        for name, vec in (("model", emb), ("mfcc_baseline", mf), ("random", rnd.randn(len(idx), 32))):
            rp = radio_precision(vec, song, family, max_queries=max_queries, seed=seed)
            r["precision_at_10"][name] = rp["precision"]
            if name == "model":
                r["pick_distances"] = pick_distance_summary(rp["pick_distances"])
        r["precision_at_10"]["queries"], r["precision_at_10"]["candidate_songs"] = rp["queries"], rp["songs"]
        r["precision_at_10"]["model_minus_mfcc"] = r["precision_at_10"]["model"] - r["precision_at_10"]["mfcc_baseline"]
        res[names.get(split, split)] = r
        print(f"[eval] {split}: {r}", flush=True)
    res["protocol"] = ("fragment radio on held-out songs: 5-s fragments at 1-s step; per candidate song the "
                       "closest fragment (cosine); query's own song excluded in every soundfont; precision@10 = "
                       "share of the 10 closest songs with the query's style family; MFCC baseline = 20 MFCC "
                       "(DCT-II of the same 80-band log-mel in dB) mean+std per fragment, z-scored with training "
                       "statistics, cosine; random = Gaussian vectors; tag metrics per fragment at threshold 0.5")
    res["checkpoint"] = dict(file=ckpt_name, step=ck["step"], best_val_auc=ck["best"])
    res["cache"] = dict(source=meta["source"], splits=meta["splits"])
    write_json(os.path.join(run, out_name), res)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True)
    ap.add_argument("--ckpt", default="best.pt")
    ap.add_argument("--max-queries", type=int, default=4000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--splits", default="test,test-unseen", help="'val' for model selection (never test)")
    ap.add_argument("--out-name", default="eval.json")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    evaluate(resolve(a.run), a.ckpt, a.max_queries, splits=tuple(a.splits.split(",")), out_name=a.out_name)


if __name__ == "__main__":
    main()
