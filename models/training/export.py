"""Export a checkpoint to ONNX (mel front end inside the graph, as the factorised DFT) and write the parity fixture.

  /usr/bin/python3 models/training/export.py --run runs/main --out-dir models --parity-dir models/parity

Graph: pcm float32 [batch, 110250] (mono, 22050 Hz, 5 s) -> embedding [batch, H] (L2-normalised) and
tags [batch, T] (sigmoid). The fixture is a few fragments of real rendered audio stored as int16
(float = int16 / 32768, exact in both runtimes) plus PyTorch's outputs as raw little-endian float32.
"""
import argparse
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads collapse on a shared 2-core box
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import FRAGMENT_SAMPLES, SAMPLE_RATE, read_json, seed_everything, sha256_file, write_json  # noqa
from model import ExportModel, encoder_from_checkpoint  # noqa: E402
from train import resolve  # noqa: E402

ONNX_NAME = "soundlike-encoder.onnx"


def load_export_model(run, ckpt_name="best.pt"):
    ck = torch.load(os.path.join(run, ckpt_name))
    m = ExportModel(encoder_from_checkpoint(ck)).eval()
    return m, ck


def parity_input(cache_meta_source, n=3, seed=1234):
    """A few fragments of real audio: from a held-out rendered song when available, else noise+tones."""
    from build_cache import decode
    from common import CORPUS_ROOT
    frags = []
    if cache_meta_source.startswith("mma corpus "):
        d = read_json(os.path.join(CORPUS_ROOT, cache_meta_source[len("mma corpus "):], "items.json"))
        pick = [it for it in d["items"] if it["split"] in ("test-unseen", "test")][:n]
        for k, it in enumerate(pick):
            x = decode(os.path.join(d["root"], it["path"]))
            off = min(len(x) - FRAGMENT_SAMPLES, SAMPLE_RATE * (1 + 3 * k)) if len(x) > FRAGMENT_SAMPLES else 0
            frags.append(np.pad(x[off:off + FRAGMENT_SAMPLES], (0, max(0, FRAGMENT_SAMPLES - len(x) + off))))
    if cache_meta_source.startswith("real corpus "):
        d = read_json(os.path.join(CORPUS_ROOT, cache_meta_source[len("real corpus "):], "items.json"))
        for k, it in enumerate([it for it in d["items"] if it["split"] == "test"][:n]):
            x = decode(os.path.join(d["root"], it["path"]))
            off = min(max(0, len(x) - FRAGMENT_SAMPLES), SAMPLE_RATE * (10 + 7 * k))
            frags.append(np.pad(x[off:off + FRAGMENT_SAMPLES], (0, max(0, FRAGMENT_SAMPLES - len(x) + off))))
    rng = np.random.default_rng(seed)
    while len(frags) < n:
        t = np.arange(FRAGMENT_SAMPLES) / SAMPLE_RATE
        frags.append((0.3 * np.sin(2 * np.pi * 220 * t) + 0.05 * rng.standard_normal(len(t))).astype(np.float32))
    x = np.stack(frags)[:, :FRAGMENT_SAMPLES]
    q = np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2")
    return q


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True)
    ap.add_argument("--ckpt", default="best.pt")
    ap.add_argument("--out-dir", required=True, help="where soundlike-encoder.onnx goes")
    ap.add_argument("--parity-dir", required=True)
    ap.add_argument("--parity-n", type=int, default=3)
    a = ap.parse_args()
    seed_everything(1234)
    torch.set_num_threads(2)
    run = resolve(a.run)
    out_dir = a.out_dir if os.path.isabs(a.out_dir) else os.path.abspath(a.out_dir)
    par_dir = a.parity_dir if os.path.isabs(a.parity_dir) else os.path.abspath(a.parity_dir)
    os.makedirs(out_dir, exist_ok=True); os.makedirs(par_dir, exist_ok=True)
    m, ck = load_export_model(run, a.ckpt)
    onnx_path = os.path.join(out_dir, ONNX_NAME)
    dummy = torch.zeros(2, FRAGMENT_SAMPLES)
    torch.onnx.export(m, (dummy,), onnx_path, input_names=["pcm"], output_names=["embedding", "tags"],
                      dynamic_axes={"pcm": {0: "batch"}, "embedding": {0: "batch"}, "tags": {0: "batch"}},
                      opset_version=17, do_constant_folding=True)
    import onnx
    onnx.checker.check_model(onnx.load(onnx_path))
    meta = read_json(os.path.join(ck["cache"], "meta.json"))
    q = parity_input(meta["source"], a.parity_n)
    x = torch.from_numpy(q.astype(np.float32) / 32768.0)
    # Expected outputs from the reference front end (MelFrontend, the one definition of the features), so
    # the fixture also proves the graph's factorised DFT computes the same features.
    reference = ExportModel(m.encoder, reference_front=True).eval()
    with torch.no_grad():
        emb, tags = reference(x)
    q.tofile(os.path.join(par_dir, "input_pcm_s16le.raw"))
    emb.numpy().astype("<f4").tofile(os.path.join(par_dir, "expected_embedding_f32le.raw"))
    tags.numpy().astype("<f4").tofile(os.path.join(par_dir, "expected_tags_f32le.raw"))
    write_json(os.path.join(par_dir, "parity.json"), dict(
        model_file=ONNX_NAME, model_sha256=sha256_file(onnx_path), batch=int(q.shape[0]), samples=int(q.shape[1]),
        input="input_pcm_s16le.raw (int16 little-endian; float32 input = int16 / 32768)",
        input_scale=1.0 / 32768.0,
        outputs=dict(embedding=dict(file="expected_embedding_f32le.raw", shape=list(emb.shape)),
                     tags=dict(file="expected_tags_f32le.raw", shape=list(tags.shape))),
        tolerance=1e-4, produced_by="PyTorch " + torch.__version__ + " (models/training/export.py)"))
    write_json(os.path.join(run, "export.json"), dict(onnx=onnx_path, sha256=sha256_file(onnx_path),
                                                      bytes=os.path.getsize(onnx_path), parity_dir=par_dir))
    print(f"[export] {onnx_path} ({os.path.getsize(onnx_path)} bytes), parity fixture -> {par_dir}")


if __name__ == "__main__":
    main()
