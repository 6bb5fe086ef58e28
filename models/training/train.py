"""Train the tag-predicting encoder on a feature cache; checkpoints every few minutes; --resume continues.

  /usr/bin/python3 models/training/train.py --cache runs/cache-main --run runs/main --max-minutes 55
  /usr/bin/python3 models/training/train.py --cache runs/cache-main --run runs/main --resume

Fragments (5 s, 1-s step) are sliced from the cached log-mels; per step we add a random log-gain
offset and small time/frequency masks. With --supcon / --song-con, each batch also holds every
fragment's aligned partner from another soundfont, and supervised contrastive losses over style families
and over songs shape the embedding the radio searches. Model selection uses validation songs only (fragment-radio precision@10
or macro ROC-AUC; never the test songs, never the unseen soundfont).
"""
import argparse
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
from metrics import macro_auc, radio_precision  # noqa: E402
from model import Encoder  # noqa: E402


def resolve(p):
    return p if os.path.isabs(p) else os.path.join(HERE, p)


class Split:
    """Fragments of one split over one or more caches: mel frames in one float16 array + (start, clip)
    table. Several caches (e.g. a new soundfont cached on its own) are concatenated in order."""

    def __init__(self, caches, split, vocab):
        caches = [caches] if isinstance(caches, str) else list(caches)
        mels, frags, self.clips, base = [], [], [], 0
        for cache in caches:
            if not os.path.exists(os.path.join(cache, f"{split}_frag.npy")):
                continue
            mel = np.load(os.path.join(cache, f"{split}_mel.npy"), mmap_mode="r")
            frag = np.load(os.path.join(cache, f"{split}_frag.npy")).copy()
            frag[:, 0] += base
            frag[:, 1] += len(self.clips)
            mels.append(mel); frags.append(frag)
            self.clips += read_json(os.path.join(cache, f"{split}_clips.json"))
            base += mel.shape[0]
        if not mels:
            raise FileNotFoundError(f"no '{split}' split in {', '.join(caches)}")
        self.mel = np.ascontiguousarray(np.concatenate(mels, 0) if len(mels) > 1 else mels[0])
        self.frag = np.concatenate(frags, 0)
        index = {t: i for i, t in enumerate(vocab)}
        self.clip_y = np.zeros((len(self.clips), len(vocab)), dtype=np.float32)
        for c, clip in enumerate(self.clips):
            for t in clip["tags"]:
                if t in index:
                    self.clip_y[c, index[t]] = 1.0
        self._pairing = None
        self._clip_class = {}  # key -> class index per clip, built on first use

    def __len__(self):
        return len(self.frag)

    def batch(self, idx):
        starts = self.frag[idx, 0]
        x = np.stack([self.mel[s:s + FRAMES_PER_FRAGMENT] for s in starts]).astype(np.float32)
        return torch.from_numpy(x).transpose(1, 2).contiguous(), torch.from_numpy(self.clip_y[self.frag[idx, 1]])

    def aligned_partners(self, idx, rng):
        """For each fragment, the fragment at the same position of another rendering of the same song,
        preferably in another soundfont. Renderings of one MIDI file are time-aligned (augmented copies
        drift by at most the +-4 % resampling), so the pair is the same music played by other instruments."""
        if self._pairing is None:
            clip = self.frag[:, 1]
            first = np.full(len(self.clips), -1, dtype=np.int64)
            count = np.bincount(clip, minlength=len(self.clips))
            first[clip[::-1]] = np.arange(len(clip))[::-1]  # fragments of a clip are contiguous
            by_song = {}
            for c, info in enumerate(self.clips):
                if count[c]:
                    by_song.setdefault(info["song"], []).append(c)
            other_sf, any_other = [], []
            for c, info in enumerate(self.clips):
                mates = by_song.get(info["song"], [])
                other_sf.append([m for m in mates if self.clips[m]["soundfont"] != info["soundfont"]])
                any_other.append([m for m in mates if m != c])
            self._pairing = (first, count, other_sf, any_other)
        first, count, other_sf, any_other = self._pairing
        out = np.empty(len(idx), dtype=np.int64)
        for k, i in enumerate(idx):
            c = int(self.frag[i, 1])
            mates = other_sf[c] or any_other[c]
            if not mates:
                out[k] = i
                continue
            m = mates[int(rng.integers(len(mates)))]
            out[k] = first[m] + min(int(i - first[c]), int(count[m]) - 1)
        return out

    def class_ids(self, idx, key):
        """Integer class per fragment from its clip's `key` ("family" or "song"), for the contrastive loss."""
        if key not in self._clip_class:
            names = sorted({c[key] for c in self.clips})
            lookup = {n: j for j, n in enumerate(names)}
            self._clip_class[key] = np.array([lookup[c[key]] for c in self.clips], dtype=np.int64)
        return torch.from_numpy(self._clip_class[key][self.frag[idx, 1]])


def supcon_loss(emb, labels, temperature):
    """Supervised contrastive loss (Khosla et al. 2020) on the L2-normalised embedding: fragments of the
    same class (style family, or song; a fragment's aligned other-soundfont partner is always one) are
    pulled together, the rest of the batch pushed apart. Acts on the very vector the radio searches."""
    z = F.normalize(emb, dim=1)
    n = len(z)
    self_mask = torch.eye(n, dtype=torch.bool)
    sim = (z @ z.T / temperature).masked_fill(self_mask, -1e9)
    pos = (labels[:, None] == labels[None, :]) & ~self_mask
    log_prob = sim - torch.logsumexp(sim, dim=1, keepdim=True)
    per_anchor = -(log_prob * pos).sum(1) / pos.sum(1).clamp(min=1)
    has_pos = pos.any(1)
    return per_anchor[has_pos].mean() if has_pos.any() else emb.sum() * 0.0


def time_freq_masks(x, g):
    """One random band of up to 8 mel bins and one stretch of up to 24 frames per fragment, set to its mean."""
    B, M, T = x.shape
    for b in range(B):
        f0 = int(torch.randint(0, M - 8, (1,), generator=g)); fw = int(torch.randint(0, 9, (1,), generator=g))
        t0 = int(torch.randint(0, T - 25, (1,), generator=g)); tw = int(torch.randint(0, 25, (1,), generator=g))
        fill = x[b].mean()
        x[b, f0:f0 + fw, :] = fill
        x[b, :, t0:t0 + tw] = fill
    return x


def spec_augment(x, g):
    B = x.shape[0]
    x = x + (torch.rand(B, 1, 1, generator=g) * 2.0 - 1.0) * 1.5          # log-gain +-1.5 (~ +-6.5 dB)
    return time_freq_masks(x, g)


@torch.no_grad()
def predict(model, split, idx, bs=256):
    model.eval()
    embs, probs = [], []
    for i in range(0, len(idx), bs):
        x, _ = split.batch(idx[i:i + bs])
        e, logit = model(x)
        embs.append(e.numpy()); probs.append(torch.sigmoid(logit).numpy())
    return np.concatenate(embs), np.concatenate(probs)


def validation_scores(model, val, val_idx):
    """(fragment-radio precision@10, macro ROC-AUC, tags counted) on the given validation fragments."""
    e, p = predict(model, val, val_idx)
    auc, n = macro_auc(val.clip_y[val.frag[val_idx, 1]], p)
    clips = [val.clips[c] for c in val.frag[val_idx, 1]]
    radio = radio_precision(e, np.array([c["song"] for c in clips]), np.array([c["family"] for c in clips]),
                            max_queries=len(val_idx))["precision"]
    return radio, auc, n


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
    ap.add_argument("--init", default="", help="start from this checkpoint's weights (same architecture and vocab)")
    ap.add_argument("--warmup", type=int, default=300, help="linear learning-rate warm-up steps")
    ap.add_argument("--supcon", type=float, default=0.0,
                    help="weight of the supervised contrastive loss on the embedding (0 = tags only). When on, "
                         "each batch is --batch fragments plus their aligned partners from other soundfonts")
    ap.add_argument("--supcon-temp", type=float, default=0.1)
    ap.add_argument("--song-con", type=float, default=0.0,
                    help="weight of the same loss with songs as classes: a fragment's positives are its own song's "
                         "fragments (its aligned other-soundfont partner); keeps songs apart within a family")
    ap.add_argument("--select", choices=["val_radio", "val_auc"], default="val_radio",
                    help="validation metric that picks best.pt: fragment-radio precision@10 or macro tag AUC")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    seed_everything(a.seed)
    caches, run = [resolve(c) for c in a.cache.split(",") if c], resolve(a.run)
    cache = caches[0]  # the primary cache: its vocabulary and its test splits define the evaluation
    os.makedirs(run, exist_ok=True)
    meta = read_json(os.path.join(cache, "meta.json"))
    vocab = meta["vocab"]
    for extra in caches[1:]:
        unknown = set(read_json(os.path.join(extra, "meta.json"))["vocab"]) - set(vocab)
        if unknown:
            print(f"[train] note: {len(unknown)} tags of {extra} are not in the primary vocabulary and are ignored: "
                  f"{sorted(unknown)[:5]}", flush=True)
    train = Split(caches, "train", vocab)
    val_name = "val" if os.path.exists(os.path.join(cache, "val_frag.npy")) else "train"
    val = Split(caches, val_name, vocab)
    rs = np.random.RandomState(a.seed + 7)
    val_idx = np.sort(rs.choice(len(val), min(a.val_fragments, len(val)), replace=False))

    model = Encoder(len(vocab), conv_ch=a.conv_ch, pools=[int(p) for p in a.pools.split(",")], hidden=a.hidden, layers=a.layers, dropout=a.dropout)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    if a.init and not a.resume:
        init = torch.load(resolve(a.init))
        if init["vocab"] != vocab:
            sys.exit(f"[train] --init {a.init}: its tag vocabulary differs from this cache's")
        model.load_state_dict(init["model"])
        print(f"[train] initialised from {a.init} (step {init['step']})", flush=True)
    warm = min(a.warmup, a.steps // 10 + 1)
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
        print(f"[train] resumed at step {step} (best {a.select} {best:.4f})", flush=True)

    def save(path, extra=None):
        ck = dict(model=model.state_dict(), opt=opt.state_dict(), sched=sched.state_dict(), gen=g.get_state(),
                  step=step, best=best, history=history, order=order, pos=pos, epoch=epoch, cfg=model.cfg,
                  vocab=vocab, args=vars(a), cache=cache, caches=caches, select=a.select,
                  **(extra or {}))
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
        paired = a.supcon > 0 or a.song_con > 0
        if paired:
            # per-step generator: the same partners after --resume
            partners = train.aligned_partners(idx, np.random.default_rng(a.seed * 1000003 + step))
            idx = np.concatenate([idx, partners])
        x, y = train.batch(idx)
        x = spec_augment(x, g)
        emb, logits = model(x)
        bce = F.binary_cross_entropy_with_logits(logits, y)
        loss = bce
        if paired:
            con = emb.sum() * 0.0
            if a.supcon > 0:
                con = con + a.supcon * supcon_loss(emb, train.class_ids(idx, "family"), a.supcon_temp)
            if a.song_con > 0:
                con = con + a.song_con * supcon_loss(emb, train.class_ids(idx, "song"), a.supcon_temp)
            loss = bce + con
        opt.zero_grad(); loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step(); sched.step(); step += 1; seen += len(idx)
        if step % 50 == 0:
            rate = seen / (time.time() - t_rate)
            con_txt = f" (tags {bce.item():.4f}, contrastive {con.item():.4f})" if paired else ""
            print(f"[train] step {step} epoch {epoch} loss {loss.item():.4f}{con_txt} "
                  f"lr {sched.get_last_lr()[0]:.2e} {rate:.0f} frag/s", flush=True)
        if step % a.eval_every == 0 or step == a.steps:
            radio, auc, n = validation_scores(model, val, val_idx)
            history.append(dict(step=step, epoch=epoch, loss=float(loss.item()), val_auc=auc, val_radio=radio,
                                minutes=(time.time() - t0) / 60))
            print(f"[train] step {step} val macro AUC {auc:.4f} over {n} tags, val radio p@10 {radio:.4f}",
                  flush=True)
            score = radio if a.select == "val_radio" else auc
            if score > best:
                best = score
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
    write_json(os.path.join(run, "train_summary.json"), dict(steps=step, epochs=epoch, select=a.select, best=best,
               stop=stop_reason, minutes=(time.time() - t0) / 60, history=history, args=vars(a),
               train_fragments=len(train), cfg=model.cfg))
    print(f"[train] done: {step} steps, best {a.select} {best:.4f}, stop={stop_reason}", flush=True)


if __name__ == "__main__":
    main()
