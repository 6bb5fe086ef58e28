"""Grow the encoder sideways: the shipped (synthetic) weights and a real-music stage side by side, one tag layer.

  /usr/bin/python3 models/training/two_branch.py --base runs/shipped/last.pt --tuned runs/real-joint/best.pt \
      --weight 0.7 --synthetic runs/cache-syn-train --out runs/two-branch/best.pt

The fragment vector is [sqrt(w) a/|a|, sqrt(1-w) b/|b|] (model.TwoBranchEncoder): cosine between two fragments
is w x the synthetic branch's cosine + (1 - w) x the real branch's. Neither branch is retrained here. The one
dense tag layer on that vector is fitted as linear probes on frozen vectors: the measured groups that the graph
cannot measure itself (percussion, tempo, mode) on the real training packages' measurements, every other tag on
the synthetic training songs' labels. The --measured-rows groups (default loudness and brightness) are not
predicted at all: model.MeasuredRows computes them in the graph from the fragment's log-mel exactly as
signal_tags.measures does (no predicted group reached the display bar; these two are measurements anyway).
Validation numbers (evaluate_real.py --split val) choose w.
"""
import argparse
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import write_json  # noqa: E402
from fit_head import fit_rows, measured_groups, vectors_and_targets  # noqa: E402
from metrics import macro_auc  # noqa: E402
from model import Encoder, TwoBranchEncoder  # noqa: E402
from train import Split, predict, resolve  # noqa: E402
from train_real import RealSplit, group_accuracy  # noqa: E402


def trunk(state):
    """An Encoder's weights without its tag layer (the branches' own heads are not used)."""
    return {k: v for k, v in state.items() if not k.startswith(("head.", "head_bn."))}


def build(base, tuned, weight, measured_rows=()):
    cfg = {k: v for k, v in base["cfg"].items() if k != "n_conv"}
    if {k: v for k, v in tuned["cfg"].items() if k not in ("n_conv", "n_tags")} != {k: v for k, v in cfg.items() if k != "n_tags"}:
        raise SystemExit("the two checkpoints must have the same branch shape")
    branch = dict(cfg, n_tags=1)
    vocab = tuned["vocab"]
    groups = measured_groups(vocab)
    missing = [g for g in measured_rows if g not in groups]
    if missing:
        raise SystemExit(f"--measured-rows {missing}: not tag groups of the tuned checkpoint's vocabulary")
    model = TwoBranchEncoder(len(vocab), branch, weight, list(measured_rows), [groups[g] for g in measured_rows])
    state = model.state_dict()
    for prefix, ck in (("first.", base), ("second.", tuned)):
        for k, v in trunk(ck["model"]).items():
            state[prefix + k] = v.clone()
    torch.nn.init.zeros_(state["head.weight"]); torch.nn.init.zeros_(state["head.bias"])
    model.load_state_dict(state)
    return model.eval()


def fit_synthetic_rows(model, vocab, cache, cols, n, seed):
    s = Split(cache, "train", vocab)
    idx = np.sort(np.random.RandomState(seed).choice(len(s), min(n, len(s)), replace=False))
    e, _ = predict(model, s, idx)
    y = torch.from_numpy(s.clip_y[s.frag[idx, 1]])
    return fit_rows(torch.from_numpy(e), y, torch.ones_like(y), cols)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the synthetic-music weights (from_onnx.py of the shipped model)")
    ap.add_argument("--tuned", required=True, help="the real-music stage (train_real.py), same branch shape")
    ap.add_argument("--weight", type=float, default=0.5, help="share of the first (synthetic) branch in the cosine")
    ap.add_argument("--synthetic", required=True, help="synthetic training cache: labels for the non-measured tags")
    ap.add_argument("--synthetic-fragments", type=int, default=20000)
    ap.add_argument("--synthetic-val", default="", help="synthetic cache with a val split for the report (default: "
                    "the --synthetic path with cache-syn-train -> cache-syn-eval, when it exists)")
    ap.add_argument("--measured-rows", default="loudness,brightness",
                    help="tag groups computed in the graph from the log-mel instead of predicted ('' for none)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    base, tuned = torch.load(resolve(a.base)), torch.load(resolve(a.tuned))
    vocab = tuned["vocab"]
    in_graph = [g for g in a.measured_rows.split(",") if g]
    model = build(base, tuned, a.weight, in_graph)
    state = model.state_dict()
    groups = {g: cols for g, cols in measured_groups(vocab).items() if g not in in_graph}
    measured = sorted({c for cols in measured_groups(vocab).values() for c in cols})   # their rows stay zero in-graph
    other = [i for i in range(len(vocab)) if i not in set(measured)]

    _, e, y, m = vectors_and_targets(model, RealSplit(tuned["cache"], "train", vocab), vocab)
    for g, cols in list(groups.items()):
        if not (m[:, cols[0]] > 0).any():          # never measured on these tracks (a tiny corpus): row stays zero
            del groups[g]
            continue
        W, b = fit_rows(e, y, m, cols)
        state["head.weight"][cols], state["head.bias"][cols] = W, b
    W, b = fit_synthetic_rows(model, vocab, resolve(a.synthetic), other, a.synthetic_fragments, a.seed)
    state["head.weight"][other], state["head.bias"][other] = W, b
    model.load_state_dict(state)

    val = RealSplit(tuned["cache"], "val", vocab)
    val_idx = val.app_fragments()
    _, p = predict(model, val, val_idx)
    report = dict(real_validation_tags=group_accuracy(val, val_idx, p, vocab), measured_in_graph=in_graph,
                  probed_on_real=sorted(groups), probed_on_synthetic=len(other))
    syn_val_cache = resolve(a.synthetic_val) if a.synthetic_val else resolve(a.synthetic).replace("cache-syn-train", "cache-syn-eval")
    syn_val = Split(syn_val_cache, "val", vocab) if os.path.exists(os.path.join(syn_val_cache, "val_frag.npy")) else None
    if syn_val is not None:
        _, sp = predict(model, syn_val, np.arange(len(syn_val)))
        y = syn_val.clip_y[syn_val.frag[:, 1]]
        report["synthetic_validation_macro_auc"] = macro_auc(y[:, other], sp[:, other])[0]
    print("[two-branch]", {g: round(v["accuracy"], 3) for g, v in report["real_validation_tags"].items()},
          "synthetic val AUC", report.get("synthetic_validation_macro_auc"), flush=True)
    out = resolve(a.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    keep = {k: tuned[k] for k in ("step", "best", "history", "args", "cache", "caches", "select", "init_vocab",
                                  "thresholds") if k in tuned}
    torch.save(dict(keep, model=model.state_dict(), cfg=model.cfg, vocab=vocab,
                    two_branch=dict(base=resolve(a.base), tuned=resolve(a.tuned), weight=a.weight,
                                    synthetic=resolve(a.synthetic), synthetic_fragments=a.synthetic_fragments,
                                    measured_rows=in_graph),
                    probe=report), out)
    write_json(os.path.join(os.path.dirname(out), "two_branch.json"), report)
    print(f"[two-branch] -> {out}")


if __name__ == "__main__":
    main()
