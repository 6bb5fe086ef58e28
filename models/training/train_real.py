"""Stage 4: teach the encoder real music (real_cache.py) without hand labels, keeping what it knew.

  /usr/bin/python3 models/training/train_real.py --init runs/shipped/last.pt --real runs/cache-real \
      --run runs/real --steps 3000 --max-minutes 40

Each step holds a real-music batch: --packages soundtracks x --tracks-per-package tracks x 2 moments of each
track (>= 5 s apart; the second from its waveform-augmented copy with probability --aug-pair-prob: resampled,
EQ-tilted, noisy or lossy-re-encoded; both with mild gain and tilt in the mel domain). A graded supervised
contrastive loss on the L2-normalised embedding (the vector the radio searches) pulls a track's moments
together (weight 1) and, weaker (--album-weight), the other tracks of its soundtrack; everything else in the
batch is a negative. Next to it, binary cross-entropy on tags that are true on real music: loudness,
brightness and percussion measured on each fragment's own log-mel, local tempo from aubio's beats and mode
from chroma (masked where unknown). The synthetic tags the model started with are kept from drifting by
distillation on real fragments (--distill), or trained for real with --synthetic: synthetic fragments and
their other-soundfont partners in the same steps, with their tags and stage 2's style-family contrastive
loss. Model selection: same-album precision@10 of the app's song radio on the real-music validation
packages only, never a test package (--synthetic-val is reported beside it).
"""
import argparse
import math
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import FRAMES_PER_FRAGMENT, FRAMES_PER_SECOND, read_json, seed_everything, write_json  # noqa: E402
from metrics import song_radio_precision  # noqa: E402
from model import Encoder  # noqa: E402
import signal_tags as ST  # noqa: E402
from train import Split, predict, resolve, spec_augment, supcon_loss, time_freq_masks  # noqa: E402

APP_STEP_FRAMES = 5 * FRAMES_PER_SECOND   # the app analyses a fragment every 5 s


class RealSplit(Split):
    """A real-music split: Split plus per-fragment measured labels and the tracks grouped by package."""

    def __init__(self, cache, split, vocab):
        super().__init__(cache, split, vocab)
        self.lab = np.load(os.path.join(cache, f"{split}_fraglab.npy"))
        clip = self.frag[:, 1]
        self.clip_frags = {}
        for i, c in enumerate(clip):
            self.clip_frags.setdefault(int(c), []).append(i)
        self.clip_frags = {c: np.asarray(v) for c, v in self.clip_frags.items()}
        self.perc_cumulative = ST.cumulative(self._percussion_table(cache, split))
        self.track_clips, self.package_tracks = {}, {}
        for c, info in enumerate(self.clips):
            if c in self.clip_frags:
                self.track_clips.setdefault(info["song"], []).append(c)
        self.track_id = {song: i for i, song in enumerate(self.track_clips)}
        for song, cs in self.track_clips.items():
            self.package_tracks.setdefault(self.clips[cs[0]]["package"], []).append(song)

    def _percussion_table(self, cache, split):
        """Per mel frame (energy, percussive energy), separated clip by clip; computed once, kept in the cache."""
        path = os.path.join(cache, f"{split}_perc.npy")
        if os.path.exists(path):
            return np.load(path)
        table = np.zeros((len(self.mel), 2), dtype=np.float32)
        for idx in self.clip_frags.values():
            lo, hi = int(self.frag[idx[0], 0]), int(self.frag[idx[-1], 0]) + FRAMES_PER_FRAGMENT
            table[lo:hi] = ST.percussive_frames(self.mel[lo:hi])
        np.save(path + ".tmp.npy", table)
        os.replace(path + ".tmp.npy", path)
        return table

    def percussion(self, idx):
        return ST.percussion_of(self.perc_cumulative, self.frag[idx, 0], FRAMES_PER_FRAGMENT)

    def app_fragments(self):
        """Indices of the fragments the app would analyse: clean copies, one every 5 s from the start."""
        keep = []
        for c, idx in self.clip_frags.items():
            if self.clips[c]["aug"] == 0:
                starts = self.frag[idx, 0] - self.frag[idx[0], 0]
                keep.extend(idx[starts % APP_STEP_FRAMES == 0])
        return np.sort(np.asarray(keep))

    def sample(self, rng, n_packages, per_package, aug_pair_prob=0.25):
        """(fragment indices, track id per fragment, package id per fragment): 2 moments per track, the second
        from the track's augmented copy with probability aug_pair_prob."""
        pkgs = [p for p, t in self.package_tracks.items() if len(t) >= 2]
        chosen = rng.choice(len(pkgs), size=min(n_packages, len(pkgs)), replace=False)
        idx, track, package = [], [], []
        for pi in chosen:
            tracks = self.package_tracks[pkgs[pi]]
            for ti in rng.choice(len(tracks), size=min(per_package, len(tracks)), replace=False):
                clips = self.track_clips[tracks[ti]]
                a_frags = self.clip_frags[clips[0]]
                b_frags = self.clip_frags[clips[-1] if rng.random() < aug_pair_prob else clips[0]]
                a = a_frags[rng.integers(len(a_frags))]
                b = b_frags[rng.integers(len(b_frags))]
                pos_a = self.frag[a, 0] - self.frag[a_frags[0], 0]
                for _ in range(4):                            # prefer another moment, >= 5 s away
                    if abs(int(self.frag[b, 0] - self.frag[b_frags[0], 0] - pos_a)) >= APP_STEP_FRAMES:
                        break
                    b = b_frags[rng.integers(len(b_frags))]
                idx += [a, b]
                track += [self.track_id[tracks[ti]]] * 2
                package += [int(pi)] * 2
        return np.asarray(idx), torch.tensor(track), torch.tensor(package)


def weighted_supcon(emb, track, package, album_weight, temperature):
    """Contrastive loss with graded positives: same track weight 1, same soundtrack album_weight, else 0."""
    z = F.normalize(emb, dim=1)
    n = len(z)
    eye = torch.eye(n, dtype=torch.bool)
    sim = (z @ z.T / temperature).masked_fill(eye, -1e9)
    same_track = (track[:, None] == track[None, :]) & ~eye
    same_pkg = (package[:, None] == package[None, :]) & ~eye & ~same_track
    w = same_track.float() + album_weight * same_pkg.float()
    log_prob = sim - torch.logsumexp(sim, dim=1, keepdim=True)
    return (-(log_prob * w).sum(1) / w.sum(1).clamp(min=1e-6))[w.sum(1) > 0].mean()


def mel_augment(x, g, gain_db, tilt_db):
    """Per-fragment gain and spectral tilt (labels are measured after these). Kept mild: a soundtrack's
    mastering (its level and spectral balance) is part of what makes its tracks sound alike."""
    B, M, T = x.shape
    x = x + (torch.rand(B, 1, 1, generator=g) * 2 - 1) * gain_db * (math.log(10) / 10)
    tilt = (torch.rand(B, 1, 1, generator=g) * 2 - 1) * tilt_db                      # dB per octave
    x = x + tilt * ST.MEL_CENTRE_LOG2[None, :, None] * (math.log(10) / 10)
    return x


def real_tag_targets(split, idx, logmel, vocab_index):
    """Targets + mask over the whole vocabulary: signal groups always, tempo/mode where measured."""
    y, m = ST.signal_targets(logmel, vocab_index, split.percussion(idx))
    lab = split.lab[idx]
    for k, (bpm, mode) in enumerate(lab):
        if np.isfinite(bpm) and "tempo:slow" in vocab_index:
            cols = [vocab_index[f"tempo:{c}"] for c, _ in ST.TEMPO_CLASSES]
            m[k, cols] = 1.0
            y[k, cols[ST.tempo_class(bpm)]] = 1.0
        if mode >= 0 and "mode:major" in vocab_index:
            cols = [vocab_index["mode:major"], vocab_index["mode:minor"]]
            m[k, cols] = 1.0
            y[k, cols[int(mode)]] = 1.0
    return y, m


def extend_vocab(model, old_vocab, new_tags):
    """The same encoder with extra tag outputs (new head rows start small and random)."""
    vocab = list(old_vocab) + [t for t in new_tags if t not in old_vocab]
    cfg = dict(model.cfg)
    bigger = Encoder(len(vocab), n_mels=cfg["n_mels"], conv_ch=cfg["conv_ch"], pools=cfg["pools"],
                     hidden=cfg["hidden"], layers=cfg["layers"], dropout=cfg["dropout"])
    state = model.state_dict()
    new_state = bigger.state_dict()
    n = len(old_vocab)
    for k, v in state.items():
        if k.startswith("head") and v.shape != new_state[k].shape:
            new_state[k][:n] = v
        else:
            new_state[k] = v
    bigger.load_state_dict(new_state)
    return bigger, vocab


def group_accuracy(split, idx, prob, vocab):
    """Accuracy of the argmax of each measured group against the measurement, on the given fragments."""
    index = {t: i for i, t in enumerate(vocab)}
    x, _ = split.batch(idx)
    y, m = real_tag_targets(split, idx, x, index)
    out = {}
    for g, tags in ST.measured_groups().items():
        if any(t not in index for t in tags):
            continue
        cols = [index[t] for t in tags]
        known = m[:, cols[0]].numpy() > 0
        if known.sum() == 0:
            continue
        truth = y[:, cols].numpy().argmax(1)[known]
        pred = prob[:, cols][known].argmax(1)
        base = np.bincount(truth, minlength=len(cols)).max() / len(truth)
        out[g] = dict(accuracy=float((pred == truth).mean()), majority=float(base), fragments=int(known.sum()))
    return out


def validate(model, val, vocab, val_idx):
    e, p = predict(model, val, val_idx)
    clips = val.frag[val_idx, 1]
    song = np.array([val.clips[c]["song"] for c in clips])
    album = np.array([val.clips[c]["package"] for c in clips])
    radio = song_radio_precision(e, song, album)["precision"]
    return radio, group_accuracy(val, val_idx, p, vocab)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--init", required=True, help="checkpoint to start from (e.g. from_onnx.py of the shipped model)")
    ap.add_argument("--real", required=True, help="real-music cache (real_cache.py)")
    ap.add_argument("--run", required=True)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--max-minutes", type=float, default=0)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--packages", type=int, default=8)
    ap.add_argument("--tracks-per-package", type=int, default=4)
    ap.add_argument("--album-weight", type=float, default=0.3)
    ap.add_argument("--temperature", type=float, default=0.1)
    ap.add_argument("--contrastive", type=float, default=1.0)
    ap.add_argument("--tags", type=float, default=1.0, help="weight of the measured-tag loss")
    ap.add_argument("--distill", type=float, default=1.0, help="weight of keeping the initial tags' outputs")
    ap.add_argument("--aug-pair-prob", type=float, default=0.25,
                    help="share of pairs whose second moment comes from the waveform-augmented copy")
    ap.add_argument("--gain-db", type=float, default=3.0, help="per-fragment gain augmentation, +- dB")
    ap.add_argument("--tilt-db", type=float, default=1.0, help="per-fragment spectral tilt augmentation, +- dB/octave")
    ap.add_argument("--synthetic", default="", help="synthetic feature caches (comma list, build_cache.py) trained in the "
                    "same steps: their tags, and stage 2's contrastive loss over style families on aligned "
                    "cross-soundfont pairs, so the synthetic structure is kept rather than overwritten")
    ap.add_argument("--synthetic-batch", type=int, default=16, help="synthetic fragments per step (plus their partners)")
    ap.add_argument("--supcon", type=float, default=0.3, help="weight of the synthetic style-family contrastive loss")
    ap.add_argument("--synthetic-val", default="", help="synthetic cache with a 'val' split, reported at each evaluation")
    ap.add_argument("--eval-every", type=int, default=250)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    seed_everything(a.seed)
    run = resolve(a.run)
    os.makedirs(run, exist_ok=True)
    init = torch.load(resolve(a.init))
    from model import encoder_from_checkpoint
    teacher = encoder_from_checkpoint(init).eval()
    for p_ in teacher.parameters():
        p_.requires_grad_(False)
    n_old = len(init["vocab"])
    model, vocab = extend_vocab(encoder_from_checkpoint(init), init["vocab"], ST.signal_tag_names())
    index = {t: i for i, t in enumerate(vocab)}
    # distillation keeps the synthetic tags; tempo and mode are learnt anew from real measurements
    kept = [i for i, t in enumerate(init["vocab"]) if not t.startswith(("tempo:", "mode:"))]
    cache = resolve(a.real)
    train = RealSplit(cache, "train", vocab)
    val = RealSplit(cache, "val", vocab)
    val_idx = val.app_fragments()
    syn = Split([resolve(c) for c in a.synthetic.split(",")], "train", vocab) if a.synthetic else None
    syn_cols = None
    if syn is not None:
        syn_vocab = set(read_json(os.path.join(resolve(a.synthetic.split(",")[0]), "meta.json"))["vocab"])
        syn_cols = [i for i, t in enumerate(vocab) if t in syn_vocab]
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / a.warmup) * 0.5 * (1 + math.cos(math.pi * min(1.0, s / a.steps))))
    g = torch.Generator().manual_seed(a.seed)
    step, best, history = 0, -1.0, []
    last = os.path.join(run, "last.pt")
    if a.resume and os.path.exists(last):
        ck = torch.load(last)
        model.load_state_dict(ck["model"]); opt.load_state_dict(ck["opt"]); sched.load_state_dict(ck["sched"])
        g.set_state(ck["gen"]); step, best, history = ck["step"], ck["best"], ck["history"]
        print(f"[real] resumed at step {step} (best {best:.4f})", flush=True)

    def save(path):
        ck = dict(model=model.state_dict(), opt=opt.state_dict(), sched=sched.state_dict(), gen=g.get_state(),
                  step=step, best=best, history=history, cfg=model.cfg, vocab=vocab, args=vars(a), cache=cache,
                  caches=[cache], select="val_real_radio", init_vocab=n_old, thresholds=ST.THRESHOLDS)
        torch.save(ck, path + ".tmp"); os.replace(path + ".tmp", path)

    if step == 0:
        r0, acc0 = validate(model, val, vocab, val_idx)
        print(f"[real] start: val real radio p@10 {r0:.4f}; {acc0}", flush=True)
        history.append(dict(step=0, val_real_radio=r0, val_tags=acc0))
    print(f"[real] {len(train)} train fragments in {len(train.track_clips)} tracks / {len(train.package_tracks)} packages; "
          f"{len(val_idx)} validation fragments; {len(vocab)} tags", flush=True)
    t0, t_ck, seen, t_rate = time.time(), time.time(), 0, time.time()
    stop = "steps"
    while step < a.steps:
        rng = np.random.default_rng(a.seed * 1000003 + step)   # the same batches after --resume
        idx, track, package = train.sample(rng, a.packages, a.tracks_per_package, a.aug_pair_prob)
        x, _ = train.batch(idx)
        x = mel_augment(x, g, a.gain_db, a.tilt_db)
        y, m = real_tag_targets(train, idx, x, index)
        x = time_freq_masks(x, g)
        model.train()
        emb, logits = model(x)
        with torch.no_grad():
            _, t_logits = teacher(x)
        con = weighted_supcon(emb, track, package, a.album_weight, a.temperature)
        tag = (F.binary_cross_entropy_with_logits(logits, y, reduction="none") * m).sum() / m.sum().clamp(min=1)
        keep = F.binary_cross_entropy_with_logits(logits[:, kept], torch.sigmoid(t_logits[:, kept]))
        loss = a.contrastive * con + a.tags * tag + a.distill * keep
        if syn is not None:
            sidx = rng.choice(len(syn), a.synthetic_batch, replace=False)
            sidx = np.concatenate([sidx, syn.aligned_partners(sidx, rng)])
            sx, sy = syn.batch(sidx)
            semb, slogits = model(spec_augment(sx, g))
            syn_loss = (F.binary_cross_entropy_with_logits(slogits[:, syn_cols], sy[:, syn_cols])
                        + a.supcon * supcon_loss(semb, syn.class_ids(sidx, "family"), 0.1))
            loss = loss + syn_loss
            seen += len(sidx)
        opt.zero_grad(); loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step(); sched.step(); step += 1; seen += len(idx)
        if step % 50 == 0:
            print(f"[real] step {step} loss {loss.item():.4f} (contrastive {con.item():.4f}, tags {tag.item():.4f}, "
                  f"keep {keep.item():.4f}) lr {sched.get_last_lr()[0]:.2e} {seen / (time.time() - t_rate):.0f} frag/s", flush=True)
        if step % a.eval_every == 0 or step == a.steps:
            radio, acc = validate(model, val, vocab, val_idx)
            syn_val = None
            if a.synthetic_val:
                from evaluate_real import synthetic_metrics
                syn_val = synthetic_metrics(model.eval(), vocab, resolve(a.synthetic_val), splits=("val",)).get("validation")
            history.append(dict(step=step, loss=float(loss.item()), val_real_radio=radio, val_tags=acc,
                                val_synthetic_radio=syn_val, minutes=(time.time() - t0) / 60))
            print(f"[real] step {step} val real radio p@10 {radio:.4f}; synthetic val {syn_val}; " +
                  ", ".join(f"{k} {v['accuracy']:.3f}" for k, v in acc.items()), flush=True)
            save(os.path.join(run, f"step-{step}.pt"))   # every evaluated step, for a choice on both validations
            if radio > best:
                best = radio
                save(os.path.join(run, "best.pt"))
            save(last); t_ck = time.time()
        elif time.time() - t_ck > 300:
            save(last); t_ck = time.time()
        if a.max_minutes and time.time() - t0 > a.max_minutes * 60:
            stop = "time"
            break
    save(last)
    if not os.path.exists(os.path.join(run, "best.pt")):
        save(os.path.join(run, "best.pt"))
    write_json(os.path.join(run, "train_summary.json"), dict(steps=step, select="val_real_radio", best=best, stop=stop,
               minutes=(time.time() - t0) / 60, history=history, args=vars(a), cfg=model.cfg))
    print(f"[real] done: {step} steps, best val real radio p@10 {best:.4f}, stop={stop}", flush=True)


if __name__ == "__main__":
    main()
