"""Write models/manifest.json: model id + sha256, every preprocessing constant, I/O contract, tags, training, metrics, speed.

  /usr/bin/python3 models/training/manifest.py --run runs/main --onnx models/soundlike-encoder.onnx \
      --bench runs/main/bench.json --out models/manifest.json
  # a model trained on real music (train_real.py, wise.py, fit_head.py or two_branch.py):
  /usr/bin/python3 models/training/manifest.py --run runs/two-branch --onnx models/soundlike-encoder.onnx \
      --bench models/training/runs/two-branch/bench.json --eval-real runs/two-branch/eval_real.json \
      --previous PREVIOUS_MANIFEST --out models/manifest.json
"""
import argparse
import datetime
import os
import re
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads collapse on a shared 2-core box
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from manifest_real import real_corpus_section, tag_definitions, tag_quality_and_display  # noqa: E402
from model import encoder_flops  # noqa: E402
from train import resolve  # noqa: E402


def recipe_path(path):
    """A path under models/training as the recipe's commands write it (runs/...); others stay absolute."""
    rel = os.path.relpath(path, C.HERE)
    return path if rel.startswith("..") else rel


def loss_text(args):
    terms = ["binary cross-entropy per tag"]
    for key, classes in (("supcon", "style family"), ("song_con", "song")):
        w = float(args.get(key, 0.0) or 0.0)
        if w > 0:
            terms.append(f"{w} x supervised contrastive loss with {classes} as classes")
    if len(terms) == 1:
        return terms[0]
    return (" + ".join(terms) + f" (temperature {args.get('supcon_temp')}, on the L2-normalised embedding; every "
            "fragment is paired with the time-aligned fragment of another soundfont's rendering of the same song)")


# The branches of a two-branch model keep their own (one-row) tag layers in the checkpoint; the graph never uses them.
UNUSED_IN_GRAPH = ("first.head.", "first.head_bn.", "second.head.", "second.head_bn.")


def architecture_text(cfg):
    """family / embedding / tags descriptions of the checkpoint's architecture."""
    if cfg.get("kind") != "two_branch":
        return dict(family="log-mel -> Conv1d(kernel 2, left pad 1)+ReLU x4 -> MaxPool1d -> LSTM -> embedding -> Linear -> "
                           "BatchNorm -> Sigmoid",
                    embedding="fragment vector: temporal mean of the top LSTM layer, L2-normalised",
                    tags="sigmoid tag probabilities, order = tags")
    b, w = cfg["branch"], cfg["weight"]
    n_conv = len(b["pools"])
    out = dict(
        family=(f"log-mel -> two branches side by side, each Conv1d(kernel 2, left pad 1)+ReLU x{n_conv} -> MaxPool1d -> "
                f"LSTM ({b['layers']} layers, {b['hidden']}) -> temporal mean -> L2-normalised; fragment vector = "
                f"[sqrt({w:g}) x first, sqrt({1 - w:g}) x second] ({cfg['hidden']} values, unit length) -> one Linear tag "
                "layer on it -> Sigmoid" + ("; the measured_rows groups are computed from the log-mel in the graph, not by "
                                            "the tag layer" if cfg.get("measured_rows") else "")),
        embedding=(f"fragment vector: the two branches' L2-normalised temporal means of their top LSTM layer side by side, "
                   f"weighted sqrt({w:g}) and sqrt({1 - w:g}), so it is unit length and its cosine is {w:g} x the first "
                   f"branch's + {1 - w:g} x the second's"),
        tags="sigmoid tag probabilities, order = tags" + (
            f"; the {' and '.join(cfg['measured_rows'])} groups are measured from the log-mel in the graph (see "
            "architecture.measured_tags), every other tag is predicted" if cfg.get("measured_rows") else ""))
    if cfg.get("measured_rows"):
        out["measured"] = dict(
            groups=cfg["measured_rows"], thresholds=cfg["measured_thresholds"], scales=cfg["measured_scales"],
            rule=("per group with classes low/mid/high, thresholds t1 < t2, measured value v (tag_definitions: loudness in "
                  "dB re full scale, brightness = energy-weighted spectral centroid in Hz) and scale s: p(low) = "
                  "sigmoid((t1 - v) / s), p(high) = sigmoid((v - t2) / s), p(mid) = sigmoid(min(v - t1, t2 - v) / s); "
                  "the most probable class is the measured one (the lower class on a tie at a threshold)"))
    return out


def two_branch_record(two, probe):
    return dict(
        method="two_branch.py: two conv+LSTM branches on the same log-mel, neither retrained; fragment vector = "
               "[sqrt(w) a/|a|, sqrt(1-w) b/|b|], one tag layer fitted by linear probes on it",
        base=recipe_path(two["base"]), tuned=recipe_path(two["tuned"]), weight=two["weight"],
        why=("the first branch keeps the synthetic-music weights (base) unchanged, so the style structure the synthetic "
             "task built survives and the synthetic held-out splits do not fall; the second is the real-music stage "
             "(tuned: train_real.py). Fine-tuning one encoder on real music overwrote the synthetic structure "
             "(synthetic held-out precision@10 0.60 -> 0.27); WiSE interpolation kept only part of it. The weight w "
             "(the first branch's share of the cosine) was chosen on the real and synthetic validation splits "
             "(models/README.md, 'Real music')"),
        synthetic_tag_labels=recipe_path(two["synthetic"]), synthetic_fragments=two.get("synthetic_fragments"),
        measured_rows=two.get("measured_rows", []), tag_layer=tag_layer_record(probe))


REAL_LOSS = ("{contrastive} x graded supervised contrastive loss on the L2-normalised embedding (temperature {temperature}; "
             "positives: another moment of the same track, from its augmented copy, weight 1; other tracks of the same "
             "soundtrack, weight {album_weight}) + {tags} x binary cross-entropy on measured tags (masked where unknown) "
             "+ {distill} x distillation of the initial model's synthetic tags (not tempo/mode)")
SELECTION = {
    "val_radio": "best validation fragment-radio precision@10 (validation songs, training soundfonts)",
    "val_auc": "best validation macro ROC-AUC (validation songs, training soundfonts)",
    "val_real_radio": "best same-album precision@10 of the app's song radio on the real-music validation packages",
}


def stage_summary(run_dir):
    """A training run's train_summary.json; for a run ended before its last step (no summary written), the same
    record read from its last.pt, saying so."""
    path = os.path.join(run_dir, "train_summary.json")
    if os.path.exists(path):
        return C.read_json(path)
    last = os.path.join(run_dir, "last.pt")
    if not os.path.exists(last):
        return {}
    ck = torch.load(last)
    history = ck.get("history") or []
    minutes = [h["minutes"] for h in history if h.get("minutes") is not None]
    return dict(steps=ck["step"], select=ck.get("select"), best=ck.get("best"), minutes=minutes[-1] if minutes else None,
                stop=f"stopped at step {ck['step']} of --steps {ck.get('args', {}).get('steps')} before its "
                     "train_summary.json was written (this record is read from the run's last.pt)",
                history=history, args=ck.get("args"), cfg=ck.get("cfg"))


def tag_layer_record(probe):
    """How the tag layer's measured rows were fitted: fit_head.py's probe or two_branch.py's."""
    if not probe:
        return None
    if "groups" in probe:
        return dict(method="fit_head.py: one-vs-rest logistic regressions of each measured class on the frozen fragment "
                           "vectors; kept per group where it beat the joint head on the validation packages",
                    groups=probe["groups"])
    return dict(method="two_branch.py: one-vs-rest logistic regressions on the frozen two-branch fragment vectors: the "
                       "measured groups the graph does not measure itself on the real training packages' measurements, "
                       "every synthetic tag on the synthetic training songs' labels; the groups measured in the graph "
                       "have no fitted row (model.MeasuredRows computes them from the log-mel)",
                probed_on_real=probe.get("probed_on_real"), measured_in_graph=probe.get("measured_in_graph"),
                validation_accuracy={g: round(q["accuracy"], 4) for g, q in probe.get("real_validation_tags", {}).items()},
                synthetic_validation_macro_auc=probe.get("synthetic_validation_macro_auc"))


def real_sections(eval_real_path, run, ts, probe, measured=()):
    """Metrics, tag quality and display rules of a model trained on real music (train_real.py)."""
    eval_real_path = resolve(eval_real_path)
    test = C.read_json(eval_real_path)
    val_path = eval_real_path[:-len(".json")] + ".val.json"
    val = C.read_json(val_path)
    key = next(k for k in test["results"] if os.path.abspath(resolve(k)).startswith(os.path.abspath(run)))
    t, v = test["results"][key], val["results"][key]
    quality, display = tag_quality_and_display(v["real"]["tag_groups"], t["real"]["tag_groups"], measured)
    others = {k: r["real"]["precision_at_10"]["model"] for k, r in test["results"].items() if k != key}
    return dict(
        display=display, tag_quality=quality, tag_definitions=tag_definitions(),
        metrics=dict(test_packages=t["real"], validation_packages=v["real"], protocol=test["protocol"],
                     other_checkpoints_on_test=others or None),
        synthetic=dict(this_model=t.get("synthetic_precision_at_10"),
                       initial_model={k: r.get("synthetic_precision_at_10") for k, r in test["results"].items() if k != key}),
        stage=dict(script="train_real.py", args=ts.get("args"), steps=ts.get("steps"), minutes=ts.get("minutes"),
                   stopped_by=ts.get("stop"), history=ts.get("history"), tag_layer_probe=tag_layer_record(probe)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True)
    ap.add_argument("--ckpt", default="best.pt")
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--bench")
    ap.add_argument("--out", required=True)
    ap.add_argument("--training-note", default="", help="free text recorded under training.note")
    ap.add_argument("--eval-real", default="", help="evaluate_real.py output for the test packages (real-music metrics, "
                    "tag quality); its validation twin <name>.val.json decides which tag groups are shown")
    ap.add_argument("--previous", default="", help="the manifest of the model this one was initialised from: its "
                    "training record is kept under training.initial_model")
    ap.add_argument("--analysis-sha256", default="", help="sha256 of an earlier export of the same weights whose "
                    "outputs this file reproduces (its parity fixture, written from the same checkpoint, passes): the "
                    "app keys analyses by it, so a library analysed with that file is not analysed again")
    a = ap.parse_args()
    if a.analysis_sha256 and not re.fullmatch(r"[0-9a-f]{64}", a.analysis_sha256):
        ap.error("--analysis-sha256 must be a sha256 (64 lowercase hex digits)")
    previous = C.read_json(a.previous) if a.previous else None
    run = resolve(a.run)
    ck = torch.load(os.path.join(run, a.ckpt))
    cfg, vocab = ck["cfg"], ck["vocab"]
    sha = C.sha256_file(a.onnx)
    meta = C.read_json(os.path.join(ck["cache"], "meta.json"))
    extra_metas = [C.read_json(os.path.join(c, "meta.json")) for c in ck.get("caches", [ck["cache"]])[1:]]
    args = ck["args"]
    select = ck.get("select", "val_auc")
    ev = C.read_json(os.path.join(run, "eval.json")) if os.path.exists(os.path.join(run, "eval.json")) else None
    wise = ck.get("wise")
    two = ck.get("two_branch")
    # A weight-space ensemble (wise.py) or a two-branch model (two_branch.py) has no training run of its own: its
    # numbers are those of the fine-tune / the real-music stage it was built from.
    summary_dir = os.path.dirname(wise["tuned"]) if wise else os.path.dirname(two["tuned"]) if two else run
    ts = stage_summary(summary_dir)
    measured = list(cfg.get("measured_rows", []))
    groups = {}
    for i, t in enumerate(vocab):
        groups.setdefault(t.split(":", 1)[0] if ":" in t else "tag", []).append(i)
    for g, d in tag_definitions().items():   # measured groups read low -> high (slow, medium, fast), not a-z
        if g in groups:
            order = {f"{g}:{c}": k for k, c in enumerate(d["classes"])}
            groups[g].sort(key=lambda i: order.get(vocab[i], len(order)))
    corpus = None
    if meta["source"].startswith("mma corpus "):
        songs = C.read_json(os.path.join(C.CORPUS_ROOT, meta["source"][len("mma corpus "):], "songs.json"))
        n_split = {}
        for s in songs["songs"]:
            n_split[s["split"]] = n_split.get(s["split"], 0) + 1
        corpus = dict(
            description=("synthetic songs: chord charts generated per style family (random key, tempo within the "
                         "style's range, major/minor progression, groove variant, 24-34 s) -> mma "
                         "(Musical MIDI Accompaniment, stdlib grooves) -> fluidsynth at 22050 Hz"),
            songs=len(songs["songs"]), songs_per_split=n_split, seed=songs["seed"],
            train_soundfonts={k: os.path.basename(C.SOUNDFONTS[k][0]) for k in songs["train_soundfonts"]},
            unseen_soundfont={songs["unseen_soundfont"]: os.path.basename(C.SOUNDFONTS[songs["unseen_soundfont"]][0])}
            if songs["unseen_soundfont"] else None,
            split="by song (stratified by style family); the unseen soundfont renders only test songs",
            licenses=dict(mma_grooves="GPL-2+ (Debian package mma)",
                          FluidR3_GM="MIT (fluid-soundfont-gm)", TimGM6mb="GPL-2 (timgm6mb-soundfont)",
                          sf_GMbank="public domain (csound-soundfont; its copyright file: 'Public Domain in its license field')",
                          OPL3_FM_128M="GPL-3+ (opl3-soundfont)",
                          MuseScore_General_Lite="MIT (musescore-general-soundfont-small)"))
    real = None
    if meta["source"].startswith("real corpus "):
        real = real_sections(a.eval_real, run, ts, ck.get("probe"), measured)
        real["corpus"] = real_corpus_section(meta["source"])
    onnx_id = "soundlike-encoder-" + sha[:12]
    bench = C.read_json(a.bench) if a.bench and os.path.exists(a.bench) else None
    fl = encoder_flops(cfg, C.FRAMES_PER_FRAGMENT)
    arch = architecture_text(cfg)
    man = dict(
        id=onnx_id, sha256=sha, file=os.path.basename(a.onnx), bytes=os.path.getsize(a.onnx),
        **({"analysis_sha256": a.analysis_sha256} if a.analysis_sha256 else {}),
        created=datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        feature_version=1,
        sample_rate=C.SAMPLE_RATE, channels=1,
        decode_hint="ffmpeg -i FILE -ac 1 -ar 22050 -f f32le -",
        fft_size=C.FFT_SIZE, hop=C.HOP, window="hann (periodic, length fft_size)", center=False, padding="none",
        frames_per_fragment=C.FRAMES_PER_FRAGMENT,
        mel_bands=C.MEL_BANDS, mel_scale="slaney (librosa default, htk=False), slaney area-normalised filters",
        fmin=C.FMIN, fmax=C.FMAX, power=2.0,
        log_scaling=f"natural log: ln(mel_power + {C.LOG_EPS})", log_eps=C.LOG_EPS,
        mel_frontend="inside the ONNX graph: model.MelFrontend's features (Hann-windowed DFT -> power -> mel matmul -> "
                     "ln), computed as model.FactorisedMelFrontend (the 512-point DFT split 32 x 16 into two small "
                     "MatMuls, framing by reshape); the app feeds PCM and never computes mel itself",
        fragment_seconds=C.FRAGMENT_SECONDS, fragment_samples=C.FRAGMENT_SAMPLES,
        train_step_seconds=C.TRAIN_STEP_SECONDS,
        inputs=[dict(name="pcm", dtype="float32", shape=["batch", C.FRAGMENT_SAMPLES],
                     description="mono PCM in [-1, 1] at sample_rate, exactly fragment_samples per row")],
        outputs=[dict(name="embedding", dtype="float32", shape=["batch", cfg["hidden"]], description=arch["embedding"]),
                 dict(name="tags", dtype="float32", shape=["batch", len(vocab)], description=arch["tags"])],
        embedding_size=cfg["hidden"], embedding_normalized=True, distance="cosine = 1 - dot (vectors are unit length)",
        tags=vocab, tag_groups={k: [vocab[i] for i in v] for k, v in groups.items()},
        **({k: real[k] for k in ("display", "tag_quality", "tag_definitions")} if real else {}),
        architecture=dict(
            family=arch["family"], **cfg,
            **({"measured_tags": arch["measured"]} if arch.get("measured") else {}),
            input_norm="BatchNorm1d over mel bands (frozen affine at inference)" + (", one per branch" if two else ""),
            lstm_steps=C.FRAMES_PER_FRAGMENT // int(torch.tensor(cfg["pools"]).prod()),
            parameters=sum(v.numel() for k, v in ck["model"].items()
                           if not k.endswith(("running_mean", "running_var", "num_batches_tracked"))
                           and not k.startswith(UNUSED_IN_GRAPH)),
            flops_per_fragment=fl),
        training=dict(corpus=corpus, real_corpus=real["corpus"] if real else None,
                      initial_model=dict(id=previous["id"], training=previous["training"]) if previous else None,
                      real_music_stage=real["stage"] if real else None,
                      source=meta["source"], cache_splits=meta["splits"], aug_copies=meta["aug_copies"],
                      extra_caches=[dict(source=m["source"], cache_splits=m["splits"]) for m in extra_metas] or None,
                      initialised_from=args.get("init") or None,
                      weight_ensemble=dict(
                          method="WiSE-FT (Wortsman et al. 2022): weights = (1 - alpha) x initial + alpha x fine-tuned",
                          alpha=wise["alpha"], initial=recipe_path(wise["base"]),
                          fine_tuned=recipe_path(wise["tuned"])) if wise else None,
                      two_branch=two_branch_record(two, ck.get("probe")) if two else None,
                      augmentation=("per training rendering, augmented copies with: resample 0.96-1.04 (pitch+tempo), "
                                    "spectral tilt +-3 dB/octave, gain -12..+4 dB, white/pink noise at 15-40 dB SNR "
                                    "(p=0.5), MP3/Opus re-encode at 48-128 kb/s (p=0.4); per step: log-gain offset, "
                                    "time and frequency masks"),
                      steps=ts.get("steps", ck["step"]), epochs=ts.get("epochs"), minutes=ts.get("minutes"),
                      stopped_by=ts.get("stop"), best_validation=dict(metric=select, value=ck["best"]), checkpoint_step=ck["step"],
                      seed=args["seed"], batch=args.get("batch") or 2 * args["packages"] * args["tracks_per_package"],
                      lr=args["lr"], optimizer="AdamW (wd 1e-4), warm-up + cosine",
                      loss=REAL_LOSS.format(**args) if real else loss_text(args),
                      selection=SELECTION[select],
                      torch=torch.__version__, hardware="2 CPU cores, no GPU", note=a.training_note or None),
        metrics=dict(real_music=real["metrics"], synthetic=real["synthetic"]) if real else ev, speed=bench)
    C.write_json(a.out, man)
    print(f"[manifest] {a.out}: id {onnx_id}")


if __name__ == "__main__":
    main()
