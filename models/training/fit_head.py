"""Refit the measured tags' rows of the tag layer on the frozen fragment vectors (a linear probe).

The tag layer is one dense layer on the embedding (the design), trained jointly with the contrastive loss,
whose gradients dominate; fitted on its own, on the same frozen vectors, each measured class gets the best
one-vs-rest logistic regression the embedding allows. The embedding, and so the radio, does not change.
Rows are kept only for groups where the probe beats the jointly trained head on the validation packages.

  /usr/bin/python3 models/training/fit_head.py --ckpt runs/real-main/best.pt --out runs/real-probe/best.pt
"""
import argparse
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import write_json  # noqa: E402
from model import encoder_from_checkpoint  # noqa: E402
from train import predict, resolve  # noqa: E402
from train_real import RealSplit, group_accuracy, real_tag_targets  # noqa: E402
import signal_tags as ST  # noqa: E402


def measured_groups(vocab):
    index = {t: i for i, t in enumerate(vocab)}
    return {g: [index[t] for t in tags] for g, tags in ST.measured_groups().items() if all(t in index for t in tags)}


def vectors_and_targets(model, split, vocab, every=1):
    idx = split.app_fragments()[::every]
    emb, _ = predict(model, split, idx)
    y, m = [], []
    index = {t: i for i, t in enumerate(vocab)}
    for i in range(0, len(idx), 512):
        x, _ = split.batch(idx[i:i + 512])
        yy, mm = real_tag_targets(split, idx[i:i + 512], x, index)
        y.append(yy); m.append(mm)
    return idx, torch.from_numpy(emb), torch.cat(y), torch.cat(m)


def fit_rows(e, y, m, cols, l2=1e-3, iters=200):
    """One-vs-rest logistic regressions for the classes `cols` on the rows where the group is known."""
    known = m[:, cols[0]] > 0
    X, Y = e[known], y[known][:, cols]
    W = torch.zeros(len(cols), X.shape[1], requires_grad=True)
    b = torch.zeros(len(cols), requires_grad=True)
    opt = torch.optim.LBFGS([W, b], max_iter=iters, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(X @ W.T + b, Y) + l2 * (W * W).sum()
        loss.backward()
        return loss
    opt.step(closure)
    return W.detach(), b.detach()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    ck = torch.load(resolve(a.ckpt))
    vocab = ck["vocab"]
    model = encoder_from_checkpoint(ck).eval()
    train = RealSplit(ck["cache"], "train", vocab)
    val = RealSplit(ck["cache"], "val", vocab)
    _, e, y, m = vectors_and_targets(model, train, vocab)
    val_idx = val.app_fragments()
    _, val_prob = predict(model, val, val_idx)
    before = group_accuracy(val, val_idx, val_prob, vocab)
    state = {k: v.clone() for k, v in ck["model"].items()}
    probe = encoder_from_checkpoint(dict(ck, model=state)).eval()
    report = {}
    for g, cols in measured_groups(vocab).items():
        W, b = fit_rows(e, y, m, cols)
        trial = {k: v.clone() for k, v in state.items()}
        trial["head.weight"][cols] = W
        trial["head.bias"][cols] = b
        # identity BatchNorm on these rows: the exported tags are sigmoid(W e + b), the probe's own probabilities
        trial["head_bn.weight"][cols] = 1.0
        trial["head_bn.bias"][cols] = 0.0
        trial["head_bn.running_mean"][cols] = 0.0
        trial["head_bn.running_var"][cols] = 1.0 - probe.head_bn.eps
        probe.load_state_dict(trial)
        _, p = predict(probe, val, val_idx)
        after = group_accuracy(val, val_idx, p, vocab).get(g)
        keep = after is not None and after["accuracy"] > before[g]["accuracy"]
        report[g] = dict(joint=before[g]["accuracy"], probe=after["accuracy"] if after else None, kept=keep)
        if keep:
            state = trial
        print(f"[probe] {g}: validation accuracy joint head {before[g]['accuracy']:.3f}, probe "
              f"{after['accuracy'] if after else float('nan'):.3f} -> {'probe' if keep else 'joint'}", flush=True)
    out = resolve(a.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    torch.save(dict(ck, model=state, probe=dict(source=resolve(a.ckpt), groups=report)), out)
    write_json(os.path.join(os.path.dirname(out), "probe.json"), report)
    print(f"[probe] -> {out}")


if __name__ == "__main__":
    main()
