"""Weight-space ensemble of a fine-tuned checkpoint with the checkpoint it started from (WiSE-FT,
Wortsman et al. 2022): theta = (1 - alpha) * base + alpha * tuned, then validation metrics.

Fine-tuning with the contrastive losses sharpens the style-family clusters (big precision@10 gains) but
can pull a song deep into the wrong cluster; interpolating towards the tags-only model keeps most of the
gain and more of the within-family structure. Chosen on validation songs only.

  /usr/bin/python3 models/training/wise.py --base runs/main/last.pt --tuned runs/supcon/best.pt \
      --alphas 0.3,0.5,0.7 --out-dir runs/wise
"""
import argparse
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads collapse on a shared 2-core box
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import seed_everything, write_json  # noqa: E402
from model import encoder_from_checkpoint  # noqa: E402
from train import Split, resolve, validation_scores  # noqa: E402


def interpolate(base, tuned, alpha):
    out = {}
    for k, v in tuned.items():
        if v.is_floating_point():
            out[k] = (1.0 - alpha) * base[k] + alpha * v
        else:  # BatchNorm's num_batches_tracked
            out[k] = v.clone()
    return out


def pad_head(base, tuned, n_base):
    """A base checkpoint whose tag head lacks the tuned model's extra tags (train_real.py adds measured tags):
    those rows take the tuned values, so they are kept as learnt and only the shared weights interpolate."""
    out = dict(base)
    for k, v in tuned.items():
        if k in base and base[k].shape != v.shape:
            out[k] = v.clone()
            out[k][:n_base] = base[k]
    return out


def real_validation(ck, alpha_model, synthetic):
    """Real-music validation (train_real.py's selection metric) and, when given, synthetic validation radio."""
    from train_real import RealSplit, validate
    val = RealSplit(ck["cache"], "val", ck["vocab"])
    radio, acc = validate(alpha_model, val, ck["vocab"], val.app_fragments())
    syn = None
    if synthetic:
        from evaluate_real import synthetic_metrics
        syn = synthetic_metrics(alpha_model, ck["vocab"], resolve(synthetic)).get("validation")
    return radio, acc, syn


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--tuned", required=True)
    ap.add_argument("--alphas", default="0.3,0.5,0.7")
    ap.add_argument("--out-dir", required=True, help="one run folder per alpha: <out-dir>/a<alpha>/best.pt")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--synthetic", default="", help="real-music stage: also report synthetic validation radio")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    seed_everything(a.seed)
    base, tuned = torch.load(resolve(a.base)), torch.load(resolve(a.tuned))
    real = tuned.get("select") == "val_real_radio"
    extends = tuned["vocab"][:len(base["vocab"])] == base["vocab"]
    if base["cfg"].get("hidden") != tuned["cfg"].get("hidden") or not (base["vocab"] == tuned["vocab"] or (real and extends)):
        sys.exit("[wise] the two checkpoints differ in architecture or tag vocabulary")
    base_model = pad_head(base["model"], tuned["model"], len(base["vocab"]))
    if not real:
        val = Split(tuned["caches"] if "caches" in tuned else tuned["cache"], "val", tuned["vocab"])
        rs = np.random.RandomState(tuned["args"]["seed"] + 7)  # the same validation fragments as train.py
        val_idx = np.sort(rs.choice(len(val), min(tuned["args"]["val_fragments"], len(val)), replace=False))
    results = []
    for alpha in [float(x) for x in a.alphas.split(",")]:
        ck = dict(tuned, model=interpolate(base_model, tuned["model"], alpha),
                  wise=dict(base=resolve(a.base), tuned=resolve(a.tuned), alpha=alpha))
        model = encoder_from_checkpoint(ck)
        run = os.path.join(resolve(a.out_dir), f"a{alpha:g}")
        os.makedirs(run, exist_ok=True)
        if real:
            radio, acc, syn = real_validation(ck, model, a.synthetic)
            ck["best"] = radio
            results.append(dict(alpha=alpha, val_real_radio=radio, val_tags=acc, val_synthetic_radio=syn, run=run))
            print(f"[wise] alpha {alpha:g}: val real radio p@10 {radio:.4f}, synthetic val radio {syn}, tags "
                  f"{ {g: round(v['accuracy'], 3) for g, v in acc.items()} } -> {run}/best.pt", flush=True)
        else:
            radio, auc, _ = validation_scores(model, val, val_idx)
            ck["best"] = radio if ck.get("select", "val_auc") == "val_radio" else auc
            results.append(dict(alpha=alpha, val_radio=radio, val_auc=auc, run=run))
            print(f"[wise] alpha {alpha:g}: val radio p@10 {radio:.4f}, val macro AUC {auc:.4f} -> {run}/best.pt",
                  flush=True)
        torch.save(ck, os.path.join(run, "best.pt"))
    write_json(os.path.join(resolve(a.out_dir), "wise.json"), results)


if __name__ == "__main__":
    main()
