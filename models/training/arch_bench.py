"""Size the encoder: analytic FLOPs, PyTorch training throughput and ONNX export of family members.

  /usr/bin/python3 models/training/arch_bench.py --out runs/arch   # then bench_onnx.mjs on runs/arch/*.onnx
"""
import argparse
import json
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads collapse on a shared 2-core box
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import FRAGMENT_SAMPLES, FRAMES_PER_FRAGMENT, MEL_BANDS  # noqa: E402
from model import Encoder, ExportModel, encoder_flops  # noqa: E402
from train import resolve  # noqa: E402

VARIANTS = {
    "reference_h256x4_pool2": dict(conv_ch=128, pools=(1, 1, 1, 2), hidden=256, layers=4),
    "h128x2_pool2": dict(conv_ch=128, pools=(1, 1, 1, 2), hidden=128, layers=2),
    "chosen_h128x2_pool2x2": dict(conv_ch=128, pools=(2, 2, 1, 1), hidden=128, layers=2),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="runs/arch")
    ap.add_argument("--n-tags", type=int, default=160)
    ap.add_argument("--train-seconds", type=float, default=8)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    out = resolve(a.out)
    os.makedirs(out, exist_ok=True)
    res = {}
    for name, kw in VARIANTS.items():
        torch.manual_seed(0)
        enc = Encoder(a.n_tags, dropout=0.3, **kw)
        fl = encoder_flops(enc.cfg, FRAMES_PER_FRAGMENT)
        opt = torch.optim.AdamW(enc.parameters())
        x = torch.randn(64, MEL_BANDS, FRAMES_PER_FRAGMENT)
        y = (torch.rand(64, a.n_tags) > 0.9).float()
        n, t0 = 0, None
        for i in range(1000):
            if i == 1:
                t0 = time.time()
            _, logit = enc(x)
            loss = F.binary_cross_entropy_with_logits(logit, y)
            opt.zero_grad(); loss.backward(); opt.step()
            if i >= 1:
                n += 64
            if t0 and time.time() - t0 > a.train_seconds:
                break
        rate = n / (time.time() - t0)
        m = ExportModel(enc).eval()
        torch.onnx.export(m, (torch.zeros(1, FRAGMENT_SAMPLES),), os.path.join(out, name + ".onnx"),
                          input_names=["pcm"], output_names=["embedding", "tags"],
                          dynamic_axes={"pcm": {0: "batch"}, "embedding": {0: "batch"}, "tags": {0: "batch"}},
                          opset_version=17)
        res[name] = dict(cfg=enc.cfg, flops=fl, params=sum(p.numel() for p in enc.parameters()),
                         train_fragments_per_s=rate, threads=a.threads)
        print(name, json.dumps(res[name]), flush=True)
    with open(os.path.join(out, "arch.json"), "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
