"""The Soundlike encoder: PCM -> log-mel (in-graph) -> Conv1d stack -> max-pool -> LSTM -> embedding -> tags.

MelFrontend is the ONE definition of the features: the training cache, evaluation and the exported
ONNX graph all call it. The STFT is a strided Conv1d whose fixed weights are the Hann-windowed DFT
basis (exports to a plain ONNX Conv, fast in onnxruntime, identical in PyTorch).
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import FFT_SIZE, FMAX, FMIN, HOP, LOG_EPS, MEL_BANDS, SAMPLE_RATE


def _hz_to_mel_slaney(f):
    f = np.asarray(f, dtype=np.float64)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz, min_log_mel, logstep = 1000.0, 1000.0 / f_sp, math.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-10) / min_log_hz) / logstep, mels)


def _mel_to_hz_slaney(m):
    m = np.asarray(m, dtype=np.float64)
    f_sp = 200.0 / 3
    freqs = f_sp * m
    min_log_hz, min_log_mel, logstep = 1000.0, 1000.0 / f_sp, math.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), freqs)


def mel_filterbank(sr=SAMPLE_RATE, n_fft=FFT_SIZE, n_mels=MEL_BANDS, fmin=FMIN, fmax=FMAX):
    """Slaney-style triangular mel filters with area normalisation (same maths as librosa.filters.mel)."""
    fft_freqs = np.linspace(0, sr / 2, n_fft // 2 + 1)
    mel_pts = _mel_to_hz_slaney(np.linspace(_hz_to_mel_slaney(fmin), _hz_to_mel_slaney(fmax), n_mels + 2))
    fdiff = np.diff(mel_pts)
    ramps = mel_pts[:, None] - fft_freqs[None, :]
    w = np.zeros((n_mels, len(fft_freqs)))
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        w[i] = np.maximum(0, np.minimum(lower, upper))
    w *= (2.0 / (mel_pts[2:n_mels + 2] - mel_pts[:n_mels]))[:, None]
    return w.astype(np.float32)  # [n_mels, n_fft//2+1]


class MelFrontend(nn.Module):
    """float32 PCM [B, N] -> natural-log mel power [B, MEL_BANDS, frames], frames = (N - FFT)//HOP + 1."""

    def __init__(self):
        super().__init__()
        n = torch.arange(FFT_SIZE, dtype=torch.float64)
        window = 0.5 - 0.5 * torch.cos(2 * math.pi * n / FFT_SIZE)  # periodic Hann
        k = torch.arange(FFT_SIZE // 2 + 1, dtype=torch.float64)
        ang = 2 * math.pi * k[:, None] * n[None, :] / FFT_SIZE
        basis = torch.cat([torch.cos(ang) * window, -torch.sin(ang) * window], 0)  # [2K, FFT]
        self.register_buffer("basis", basis.float().unsqueeze(1))               # [2K, 1, FFT]
        self.register_buffer("melfb", torch.from_numpy(mel_filterbank()))        # [M, K]
        self.n_bins = FFT_SIZE // 2 + 1

    def forward(self, pcm):
        spec = F.conv1d(pcm.unsqueeze(1), self.basis, stride=HOP)              # [B, 2K, T]
        re, im = spec[:, :self.n_bins], spec[:, self.n_bins:]
        power = re * re + im * im                                               # [B, K, T]
        mel = torch.matmul(self.melfb, power)                                   # [B, M, T]
        return torch.log(mel + LOG_EPS)


class Encoder(nn.Module):
    """log-mel [B, M, T] -> (embedding [B, H], logits [B, tags]). Conv1d family of the design doc."""

    def __init__(self, n_tags, n_mels=MEL_BANDS, conv_ch=128, pools=(2, 2, 1, 1), hidden=128, layers=2,
                 dropout=0.3):
        super().__init__()
        pools = tuple(int(p) for p in pools)
        n_conv = len(pools)
        self.cfg = dict(n_tags=n_tags, n_mels=n_mels, conv_ch=conv_ch, n_conv=n_conv, pools=list(pools),
                        hidden=hidden, layers=layers, dropout=dropout)
        self.in_norm = nn.BatchNorm1d(n_mels)
        convs, c = [], n_mels
        for _ in range(n_conv):
            convs.append(nn.Conv1d(c, conv_ch, kernel_size=2))
            c = conv_ch
        self.convs = nn.ModuleList(convs)
        self.pools = pools  # MaxPool1d factor after each conv (1 = none); product shortens the LSTM sequence
        self.lstm = nn.LSTM(conv_ch, hidden, num_layers=layers, batch_first=True,
                            dropout=dropout if layers > 1 else 0.0)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, n_tags)
        self.head_bn = nn.BatchNorm1d(n_tags)

    def forward(self, mel):
        x = self.in_norm(mel)
        for conv, p in zip(self.convs, self.pools):
            x = F.relu(conv(F.pad(x, (1, 0))))       # kernel 2, left pad 1: causal, keeps length
            if p > 1:
                x = F.max_pool1d(x, p)               # pooling early keeps the later convs and LSTM cheap
        out, _ = self.lstm(x.transpose(1, 2))         # [B, T', H]
        emb = out.mean(dim=1)                         # temporal mean of the top LSTM layer
        logits = self.head_bn(self.head(self.drop(emb)))
        return emb, logits


def encoder_from_checkpoint(ck):
    """The Encoder a training checkpoint (train.py / wise.py) describes, with its weights loaded."""
    cfg = dict(ck["cfg"])
    enc = Encoder(cfg.pop("n_tags"), **{k: v for k, v in cfg.items() if k != "n_conv"})
    enc.load_state_dict(ck["model"])
    return enc


class ExportModel(nn.Module):
    """What ships: pcm [B, FRAGMENT_SAMPLES] -> (embedding L2-normalised [B, H], tags sigmoid [B, T])."""

    def __init__(self, encoder: Encoder):
        super().__init__()
        self.front = MelFrontend()
        self.encoder = encoder

    def forward(self, pcm):
        emb, logits = self.encoder(self.front(pcm))
        emb = emb / torch.sqrt((emb * emb).sum(dim=1, keepdim=True) + 1e-12)
        return emb, torch.sigmoid(logits)


def encoder_flops(cfg, frames):
    """Multiply-adds x2 of the front end + encoder for one fragment (dominant terms only)."""
    K = FFT_SIZE // 2 + 1
    fl = {}
    fl["stft_conv"] = 2 * (2 * K) * FFT_SIZE * frames
    fl["power+mel"] = 3 * K * frames + 2 * MEL_BANDS * K * frames
    c, conv, steps = cfg["n_mels"], 0, frames
    for p in cfg["pools"]:
        conv += 2 * c * cfg["conv_ch"] * 2 * steps
        c = cfg["conv_ch"]
        steps //= p
    fl["conv1d"] = conv
    lstm, inp = 0, cfg["conv_ch"]
    for _ in range(cfg["layers"]):
        lstm += steps * 2 * 4 * cfg["hidden"] * (inp + cfg["hidden"])
        inp = cfg["hidden"]
    fl["lstm"] = lstm
    fl["head"] = 2 * cfg["hidden"] * cfg["n_tags"]
    fl["total"] = sum(fl.values())
    return fl
