"""Train the tag-predicting encoder on a feature cache; checkpoints every few minutes; --resume continues.

  /usr/bin/python3 models/training/train.py --cache runs/cache-main --run runs/main --max-minutes 55
  /usr/bin/python3 models/training/train.py --cache runs/cache-main --run runs/main --resume

Fragments (5 s, 1-s step) are sliced from the cached log-mels; per step we add a random log-gain
offset and small time/frequency masks. Model selection uses validation macro ROC-AUC only
(never the test songs, never the unseen soundfont).
"""
import argparse
import json
import math
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads collapse on a shared 2-core box
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import FRAMES_PER_FRAGMENT, HERE, read_json, seed_everything, write_json  # noqa: E402
from model import Encoder  # noqa: E402


def resolve(p):
    return p if os.path.isabs(p) else os.path.join(HERE, p)


class Split:
    """Fragments of one split of a cache: mel frames in one float16 array + (start, clip) table."""

    def __init__(self, cache, split, vocab):
        self.mel = np.load(os.path.join(cache, f"{split}_mel.npy"), mmap_mode="r")
        self.mel = np.ascontiguousarray(self.mel)
        self.frag = np.load(os.path.join(cache, f"{split}_frag.npy"))
        self.clips = read_json(os.path.join(cache, f"{split}_clips.json"))
        index = {t: i for i, t in enumerate(vocab)}
        self.clip_y = np.zeros((len(self.clips), len(vocab)), dtype=np.float32)
        for c, clip in enumerate(self.clips):
            for t in clip["tags"]:
                if t in index:
                    self.clip_y[c, index[t]] = 1.0

    def __len__(self):
        return len(self.frag)

    def batch(self, idx):
        starts = self.frag[idx, 0]
        x = np.stack([self.mel[s:s + FRAMES_PER_FRAGMENT] for s in starts]).astype(np.float32)
        return torch.from_numpy(x).transpose(1, 2).contiguous(), torch.from_numpy(self.clip_y[self.frag[idx, 1]])


def spec_augment(x, g):
    B, M, T = x.shape
    x = x + (torch.rand(B, 1, 1, generator=g) * 2.0 - 1.0) * 1.5          # log-gain +-1.5 (~ +-6.5 dB)
    for b in range(B):
        f0 = int(torch.randint(0, M - 8, (1,), generator=g)); fw = int(torch.randint(0, 9, (1,), generator=g))
        t0 = int(torch.randint(0, T - 25, (1,), generator=g)); tw = int(torch.randint(0, 25, (1,), generator=g))
        fill = x[b].mean()
        x[b, f0:f0 + fw, :] = fill
        x[b, :, t0:t0 + tw] = fill
    return x


def macro_auc(y, p):
    """Mean ROC-AUC over tags having both positives and negatives (rank formulation, ties averaged)."""
    from scipy.stats import rankdata
    aucs = []
    for j in range(y.shape[1]):
        pos = y[:, j] > 0.5
        n_pos, n_neg = int(pos.sum()), int((~pos).sum())
        if n_pos == 0 or n_neg == 0:
            continue
        r = rankdata(p[:, j])
        aucs.append((r[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
    return float(np.mean(aucs)) if aucs else float("nan"), len(aucs)


@torch.no_grad()
def predict(model, split, idx, bs=256):
    model.eval()
    embs, probs = [], []
    for i in range(0, len(idx), bs):
        x, _ = split.batch(idx[i:i + bs])
        e, logit = model(x)
        embs.append(e.numpy()); probs.append(torch.sigmoid(logit).numpy())
    return np.concatenate(embs), np.concatenate(probs)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--run", required=True)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--steps", type=int, default=12000, help="total optimisation steps (cosine schedule length)")
    ap.add_argument("--max-minutes", type=float, default=0, help="stop (with a checkpoint) after this wall time")
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--conv-ch", type=int, default=128)
    ap.add_argument("--pools", default="2,2,1,1", help="max-pool factor after each conv")
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--val-fragments", type=int, default=3000)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    seed_everything(a.seed)
    cache, run = resolve(a.cache), resolve(a.run)
    os.makedirs(run, exist_ok=True)
    meta = read_json(os.path.join(cache, "meta.json"))
    vocab = meta["vocab"]
    train = Split(cache, "train", vocab)
    val_name = "val" if os.path.exists(os.path.join(cache, "val_frag.npy")) else "train"
    val = Split(cache, val_name, vocab)
    rs = np.random.RandomState(a.seed + 7)
    val_idx = np.sort(rs.choice(len(val), min(a.val_fragments, len(val)), replace=False))

    model = Encoder(len(vocab), conv_ch=a.conv_ch, pools=[int(p) for p in a.pools.split(",")], hidden=a.hidden, layers=a.layers, dropout=a.dropout)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    warm = min(300, a.steps // 10 + 1)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * 0.5 * (1 + math.cos(math.pi * min(1.0, s / a.steps))))
    g = torch.Generator().manual_seed(a.seed)
    step, best, history = 0, -1.0, []
    order, pos, epoch = None, 0, 0
    last = os.path.join(run, "last.pt")
    if a.resume and os.path.exists(last):
        ck = torch.load(last)
        model.load_state_dict(ck["model"]); opt.load_state_dict(ck["opt"]); sched.load_state_dict(ck["sched"])
        g.set_state(ck["gen"]); step, best, history = ck["step"], ck["best"], ck["history"]
        order, pos, epoch = ck["order"], ck["pos"], ck["epoch"]
        print(f"[train] resumed at step {step} (best val AUC {best:.4f})", flush=True)

    def save(path, extra=None):
        ck = dict(model=model.state_dict(), opt=opt.state_dict(), sched=sched.state_dict(), gen=g.get_state(),
                  step=step, best=best, history=history, order=order, pos=pos, epoch=epoch, cfg=model.cfg,
                  vocab=vocab, args=vars(a), cache=cache, **(extra or {}))
        torch.save(ck, path + ".tmp"); os.replace(path + ".tmp", path)

    print(f"[train] {len(train)} train fragments, {len(val_idx)} {val_name} fragments, {len(vocab)} tags, "
          f"{sum(p.numel() for p in model.parameters())} params", flush=True)
    t0, t_ck, seen, t_rate = time.time(), time.time(), 0, time.time()
    stop_reason = "steps"
    while step < a.steps:
        if order is None or pos + a.batch > len(order):
            order = torch.randperm(len(train), generator=g).numpy(); pos = 0; epoch += 1
        idx = order[pos:pos + a.batch]; pos += a.batch
        model.train()
        x, y = train.batch(idx)
        x = spec_augment(x, g)
        _, logits = model(x)
        loss = F.binary_cross_entropy_with_logits(logits, y)
        opt.zero_grad(); loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step(); sched.step(); step += 1; seen += len(idx)
        if step % 50 == 0:
            rate = seen / (time.time() - t_rate)
            print(f"[train] step {step} epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e} "
                  f"{rate:.0f} frag/s", flush=True)
        if step % a.eval_every == 0 or step == a.steps:
            _, p = predict(model, val, val_idx)
            auc, n = macro_auc(val.clip_y[val.frag[val_idx, 1]], p)
            history.append(dict(step=step, epoch=epoch, loss=float(loss.item()), val_auc=auc,
                                minutes=(time.time() - t0) / 60))
            print(f"[train] step {step} val macro AUC {auc:.4f} over {n} tags", flush=True)
            if auc > best:
                best = auc
                save(os.path.join(run, "best.pt"))
            save(last); t_ck = time.time()
        elif time.time() - t_ck > 300:
            save(last); t_ck = time.time()
        if a.max_minutes and time.time() - t0 > a.max_minutes * 60:
            stop_reason = "time"
            break
    if not os.path.exists(os.path.join(run, "best.pt")):
        save(os.path.join(run, "best.pt"))
    save(last)
    write_json(os.path.join(run, "train_summary.json"), dict(steps=step, epochs=epoch, best_val_auc=best,
               stop=stop_reason, minutes=(time.time() - t0) / 60, history=history, args=vars(a),
               train_fragments=len(train), cfg=model.cfg))
    print(f"[train] done: {step} steps, best val AUC {best:.4f}, stop={stop_reason}", flush=True)


if __name__ == "__main__":
    main()
