"""Rebuild a training checkpoint from a shipped ONNX model + its manifest, so a new stage can start from
the weights that ship (training runs are not committed; the model is). Checked against the parity fixture.

  /usr/bin/python3 models/training/from_onnx.py --onnx models/soundlike-encoder.onnx --manifest models/manifest.json \
      --out runs/shipped/last.pt
"""
import argparse
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import read_json  # noqa: E402
from model import Encoder, ExportModel  # noqa: E402
from train import resolve  # noqa: E402


def onnx_gates_to_torch(w, hidden):
    """ONNX LSTM gate blocks are (i, o, f, c); PyTorch's are (i, f, g=c, o)."""
    i, o, f, c = (w[k * hidden:(k + 1) * hidden] for k in range(4))
    return np.concatenate([i, f, c, o], 0)


def state_from_onnx(onnx_path, cfg):
    import onnx
    from onnx import numpy_helper
    graph = onnx.load(onnx_path).graph
    init = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    state = {k[len("encoder."):]: torch.from_numpy(v.copy()) for k, v in init.items() if k.startswith("encoder.")}
    lstm_nodes = [n for n in graph.node if n.op_type == "LSTM"]
    h = cfg["hidden"]
    for layer, node in enumerate(lstm_nodes):
        W, R, B = (init[name][0] for name in node.input[1:4])
        state[f"lstm.weight_ih_l{layer}"] = torch.from_numpy(onnx_gates_to_torch(W, h))
        state[f"lstm.weight_hh_l{layer}"] = torch.from_numpy(onnx_gates_to_torch(R, h))
        state[f"lstm.bias_ih_l{layer}"] = torch.from_numpy(onnx_gates_to_torch(B[:4 * h], h))
        state[f"lstm.bias_hh_l{layer}"] = torch.from_numpy(onnx_gates_to_torch(B[4 * h:], h))
    for bn in ("in_norm", "head_bn"):
        state.setdefault(f"{bn}.num_batches_tracked", torch.tensor(0))
    return state


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--parity-dir", default="")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    man = read_json(a.manifest)
    arch = man["architecture"]
    cfg = dict(n_tags=len(man["tags"]), n_mels=arch["n_mels"], conv_ch=arch["conv_ch"], n_conv=arch["n_conv"],
               pools=arch["pools"], hidden=arch["hidden"], layers=arch["layers"], dropout=arch["dropout"])
    enc = Encoder(cfg["n_tags"], n_mels=cfg["n_mels"], conv_ch=cfg["conv_ch"], pools=cfg["pools"], hidden=cfg["hidden"],
                  layers=cfg["layers"], dropout=cfg["dropout"])
    enc.load_state_dict(state_from_onnx(a.onnx, cfg))
    par = a.parity_dir or os.path.join(os.path.dirname(a.onnx), "parity")
    pcm = np.fromfile(os.path.join(par, "input_pcm_s16le.raw"), dtype="<i2").astype(np.float32) / 32768.0
    pcm = pcm.reshape(-1, man["fragment_samples"])
    with torch.no_grad():
        emb, tags = ExportModel(enc).eval()(torch.from_numpy(pcm))
    want = np.fromfile(os.path.join(par, "expected_embedding_f32le.raw"), dtype="<f4").reshape(emb.shape)
    diff = float(np.abs(emb.numpy() - want).max())
    if diff > 1e-4:
        sys.exit(f"[from_onnx] rebuilt weights differ from the parity fixture by {diff:.2e}")
    out = resolve(a.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    torch.save(dict(model=enc.state_dict(), cfg=enc.cfg, vocab=man["tags"], step=0, best=-1.0, history=[],
                    args=dict(seed=1234, batch=64, lr=0.0, init=None), cache=None, caches=[],
                    from_onnx=dict(id=man["id"], sha256=man["sha256"])), out)
    print(f"[from_onnx] {man['id']} -> {out} (parity max diff {diff:.1e})")


if __name__ == "__main__":
    main()
