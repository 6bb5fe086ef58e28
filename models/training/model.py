"""The Soundlike encoder: PCM -> log-mel (in-graph) -> Conv1d stack -> max-pool -> LSTM -> embedding -> tags.

MelFrontend is the ONE definition of the features: the training cache and evaluation call it. Its STFT is
a strided Conv1d whose fixed weights are the Hann-windowed DFT basis. The exported ONNX graph computes the
same features as FactorisedMelFrontend (the DFT split into two small MatMuls, ~7x fewer multiply-adds),
checked against MelFrontend by test_real_recipe.py and by the parity fixture.
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


class FactorisedMelFrontend(nn.Module):
    """The same function as MelFrontend, computed in ~7x fewer multiply-adds: what the exported graph runs.

    MelFrontend's DFT-as-Conv1d is a dense [frames x 512] x [512 x 514] product per fragment, half of the
    encoder's CPU in onnxruntime. Here the 512-point DFT is split Cooley-Tukey style into 32 x 16
    (n = 16 n_out + n_in, bin = k_out + 32 k_in): a 32-point real DFT over n_out for every n_in (17 complex
    outputs, Hermitian), then per k_out a 16-point DFT over n_in with the twiddles folded into its matrix.
    Bins that fall in the unused half come from their conjugate twin (|X[512 - b]| = |X[b]|), so the mel
    matrix reads each needed bin where it was computed. Framing is a reshape: FRAGMENT_SAMPLES is a whole
    number of hops, and a frame is one hop-block plus the head of the next. Plain MatMul/Reshape/Slice/Concat
    in ONNX; test_real_recipe.py (FactorisedFrontEnd) checks it against MelFrontend and a float64 FFT."""

    N_IN = 16

    def __init__(self, n_samples=None):
        super().__init__()
        from common import FRAGMENT_SAMPLES
        n_samples = FRAGMENT_SAMPLES if n_samples is None else n_samples
        n_in, n_out = self.N_IN, FFT_SIZE // self.N_IN
        if FFT_SIZE % self.N_IN or n_out % 2 or n_samples % HOP or not HOP < FFT_SIZE <= 2 * HOP:
            raise ValueError("FactorisedMelFrontend needs FFT_SIZE = 16 x even, HOP < FFT_SIZE <= 2 HOP and whole hops")
        self.n_in, self.n_out, self.k_out = n_in, n_out, n_out // 2 + 1
        self.blocks = n_samples // HOP
        self.frames = (n_samples - FFT_SIZE) // HOP + 1
        self.tail = FFT_SIZE - HOP
        n = np.arange(FFT_SIZE)
        window = 0.5 - 0.5 * np.cos(2 * np.pi * n / FFT_SIZE)                          # periodic Hann
        k_out, n_o, n_i, k_in = np.arange(self.k_out), np.arange(n_out), np.arange(n_in), np.arange(n_in)
        ang = 2 * np.pi * np.outer(k_out, n_o) / n_out
        first = np.concatenate([np.cos(ang), -np.sin(ang)], 0)                          # [2 k_out, n_out]
        second = np.zeros((self.k_out, 2 * n_in, 2 * n_in))                             # [k_out, (re|im) n_in, (re|im) k_in]
        for a in range(self.k_out):
            ang = 2 * np.pi * np.outer(n_i, a + n_out * k_in) / FFT_SIZE                  # twiddle and DFT in one
            cr, ci = np.cos(ang), -np.sin(ang)
            second[a] = np.block([[cr, ci], [-ci, cr]])
        melfb = mel_filterbank().astype(np.float64)                                     # [M, FFT/2 + 1]
        mel = np.zeros((self.k_out, n_in, melfb.shape[0]))
        for b in range(FFT_SIZE // 2 + 1):
            twin = b if b % n_out <= n_out // 2 else FFT_SIZE - b
            mel[twin % n_out, twin // n_out] += melfb[:, b]
        f32 = lambda x: torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32))     # noqa: E731
        self.register_buffer("window", f32(window))
        self.register_buffer("first", f32(first))
        self.register_buffer("second", f32(second))
        self.register_buffer("mel", f32(mel.reshape(self.k_out * n_in, -1)))

    def forward(self, pcm):
        blocks = pcm.reshape(-1, self.blocks, HOP)
        frames = torch.cat([blocks[:, :self.frames], blocks[:, 1:self.frames + 1, :self.tail]], 2) * self.window
        y = torch.matmul(self.first, frames.reshape(-1, self.n_out, self.n_in))         # [B*T, 2 k_out, n_in]
        y = y.reshape(-1, 2, self.k_out, self.n_in).permute(2, 0, 1, 3).reshape(self.k_out, -1, 2 * self.n_in)
        z = torch.matmul(y, self.second)                                                # [k_out, B*T, (re|im) k_in]
        z = z * z
        power = (z[:, :, :self.n_in] + z[:, :, self.n_in:]).permute(1, 0, 2).reshape(-1, self.k_out * self.n_in)
        mel = torch.matmul(power, self.mel).reshape(-1, self.frames, self.mel.shape[1])
        return torch.log(mel.transpose(1, 2) + LOG_EPS)


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

    def embed(self, mel):
        x = self.in_norm(mel)
        for conv, p in zip(self.convs, self.pools):
            x = F.relu(conv(F.pad(x, (1, 0))))       # kernel 2, left pad 1: causal, keeps length
            if p > 1:
                x = F.max_pool1d(x, p)               # pooling early keeps the later convs and LSTM cheap
        out, _ = self.lstm(x.transpose(1, 2))         # [B, T', H]
        return out.mean(dim=1)                        # temporal mean of the top LSTM layer

    def forward(self, mel):
        emb = self.embed(mel)
        logits = self.head_bn(self.head(self.drop(emb)))
        return emb, logits


class TwoBranchEncoder(nn.Module):
    """The design's encoder grown sideways: two conv+LSTM branches read the same log-mel, the fragment vector is
    their unit vectors side by side, weighted so that cosine = weight x cos(first) + (1 - weight) x cos(second),
    and one dense tag layer reads that vector.

    Why two branches and not one retrained encoder: the first branch keeps the synthetic-music weights as they
    are (their style structure survives, the synthetic splits do not fall), the second is the real-music stage
    (train_real.py); fine-tuning one encoder on real music overwrote the synthetic structure (0.60 -> 0.27).
    Equivalent to one encoder of twice the width whose weights are block-diagonal.

    measured_rows (e.g. ["loudness", "brightness"], with measured_cols: their columns of the tag output, low to
    high): those groups are measurements of the signal, so MeasuredRows computes them from the same log-mel in
    the graph instead of the tag layer predicting them."""

    def __init__(self, n_tags, branch, weight, measured_rows=(), measured_cols=(), measured_scales=None,
                 measured_thresholds=None):
        super().__init__()
        self.cfg = dict(kind="two_branch", n_tags=n_tags, branch=dict(branch), weight=float(weight),
                        hidden=2 * branch["hidden"], pools=list(branch["pools"]))
        b = {k: v for k, v in branch.items() if k not in ("n_conv", "n_tags")}
        self.first = Encoder(branch["n_tags"], **b)
        self.second = Encoder(branch["n_tags"], **b)
        self.register_buffer("scale", torch.tensor([math.sqrt(weight), math.sqrt(1.0 - weight)]))
        self.head = nn.Linear(2 * branch["hidden"], n_tags)
        self.measured = MeasuredRows(n_tags, measured_rows, measured_cols, measured_scales, measured_thresholds) \
            if measured_rows else None
        if self.measured is not None:
            self.cfg.update(self.measured.cfg)

    def forward(self, mel):
        a, b = self.first.embed(mel), self.second.embed(mel)
        a = a / torch.sqrt((a * a).sum(dim=1, keepdim=True) + 1e-12)
        b = b / torch.sqrt((b * b).sum(dim=1, keepdim=True) + 1e-12)
        emb = torch.cat([a * self.scale[0], b * self.scale[1]], dim=1)      # unit length by construction
        logits = self.head(emb)
        if self.measured is not None:
            logits = self.measured(mel, logits)
        return emb, logits


class MeasuredRows(nn.Module):
    """Tag groups that are measurements of the signal (signal_tags.measures), computed in the graph from the
    log-mel instead of predicted: their rows of the tag output are replaced by logits whose argmax is the
    measured class (signal_tags.classes with signal_tags.THRESHOLDS, ties as torch.bucketize breaks them).

    For a group with classes low/mid/high, thresholds t1 < t2, measured value v and scale s (the group's unit):
      logit(low) = (t1 - v) / s,  logit(high) = (v - t2) / s,  logit(mid) = min((v - t1) / s, (t2 - v) / s),
    so sigmoid gives p(low) = sigmoid((t1 - v) / s) etc.: above 0.5 for the measured class only, 0.5 on a
    threshold (the lower class is listed first and wins the tie, as bucketize puts v == t1 in the lower class).
    The same arithmetic as signal_tags.measures, in the same order, so PyTorch gives the very same classes."""

    SUPPORTED = ("loudness", "brightness")     # percussion needs a median filter: it stays predicted
    DEFAULT_SCALES = dict(loudness=1.0, brightness=100.0)   # 1 dB, 100 Hz: 3 units inside a class -> p 0.95

    def __init__(self, n_tags, rows, cols, scales=None, thresholds=None):
        super().__init__()
        import signal_tags as ST      # signal_tags imports this module: import here, not at the top
        rows = [str(g) for g in rows]
        for g in rows:
            if g not in self.SUPPORTED:
                raise ValueError(f"measured row group {g!r}: only {self.SUPPORTED} can be measured in the graph")
        if len(cols) != len(rows) or any(len(c) != len(ST.THRESHOLDS[g][2]) for g, c in zip(rows, cols)):
            raise ValueError("measured_cols: one list of column indices (low to high) per measured group")
        scales = [float(s) for s in (scales or [self.DEFAULT_SCALES[g] for g in rows])]
        thresholds = [[float(t) for t in th] for th in (thresholds or [ST.THRESHOLDS[g][3] for g in rows])]
        self.rows, self.scales, self.thresholds = rows, scales, thresholds
        self.cfg = dict(measured_rows=rows, measured_cols=[[int(i) for i in c] for c in cols],
                        measured_scales=scales, measured_thresholds=thresholds)
        # a Python float: the loudness of a full-scale 1 kHz sine through the same front end
        self.full_scale = float(ST.full_scale_db())
        self.register_buffer("mel_widths", ST.MEL_WIDTHS.clone()[None, :, None], persistent=False)
        self.register_buffer("mel_centres", ST.MEL_CENTRES.clone()[None, :, None], persistent=False)
        flat = [i for c in cols for i in c]
        place = torch.zeros(len(flat), n_tags)
        place[torch.arange(len(flat)), torch.tensor(flat)] = 1.0
        keep = torch.ones(n_tags)
        keep[torch.tensor(flat)] = 0.0
        self.register_buffer("place", place, persistent=False)     # measured logits -> their columns
        self.register_buffer("keep", keep, persistent=False)       # 0 on the measured columns

    def measures(self, mel):
        """log-mel [B, M, T] -> {group: [B]}: signal_tags.measures' loudness (dB re full scale) and brightness (Hz)."""
        p = torch.exp(mel) * self.mel_widths                       # energy per mel band
        frame_e = p.sum(1)                                         # [B, T]
        out = {}
        if "loudness" in self.rows:
            out["loudness"] = 10.0 * torch.log10(frame_e.mean(1) + 1e-10) - self.full_scale
        if "brightness" in self.rows:
            mag = torch.exp(0.5 * mel) * self.mel_widths           # magnitude, as librosa's centroid
            cent = (mag * self.mel_centres).sum(1) / (mag.sum(1) + 1e-10)
            out["brightness"] = (cent * frame_e).sum(1) / (frame_e.sum(1) + 1e-10)
        return out

    def logits(self, mel):
        """[B, sum of the groups' classes]: each group's class logits, low to high, groups in `rows` order."""
        v = self.measures(mel)
        parts = []
        for g, s, (t1, t2) in zip(self.rows, self.scales, self.thresholds):
            x = v[g]
            low, high = (t1 - x) / s, (x - t2) / s
            mid = torch.min((x - t1) / s, (t2 - x) / s)
            parts.append(torch.stack([low, mid, high], dim=1))
        return torch.cat(parts, dim=1)

    def forward(self, mel, logits):
        # exact: the measured columns get 0 x head + 1 x measured, the others head x 1 + 0
        return logits * self.keep + torch.matmul(self.logits(mel), self.place)


def encoder_from_checkpoint(ck):
    """The Encoder a training checkpoint (train.py / wise.py) describes, with its weights loaded."""
    cfg = dict(ck["cfg"])
    if cfg.get("kind") == "two_branch":
        enc = TwoBranchEncoder(cfg["n_tags"], cfg["branch"], cfg["weight"], cfg.get("measured_rows", ()),
                               cfg.get("measured_cols", ()), cfg.get("measured_scales"), cfg.get("measured_thresholds"))
        enc.load_state_dict(ck["model"])
        return enc
    enc = Encoder(cfg.pop("n_tags"), **{k: v for k, v in cfg.items() if k != "n_conv"})
    enc.load_state_dict(ck["model"])
    return enc


class ExportModel(nn.Module):
    """What ships: pcm [B, FRAGMENT_SAMPLES] -> (embedding L2-normalised [B, H], tags sigmoid [B, T])."""

    def __init__(self, encoder: Encoder, reference_front=False):
        super().__init__()
        # The graph runs the factorised DFT; reference_front=True computes the same with MelFrontend's Conv1d
        # (export.py writes the parity fixture's expected outputs with it).
        self.front = MelFrontend() if reference_front else FactorisedMelFrontend()
        self.encoder = encoder

    def forward(self, pcm):
        emb, logits = self.encoder(self.front(pcm))
        emb = emb / torch.sqrt((emb * emb).sum(dim=1, keepdim=True) + 1e-12)
        return emb, torch.sigmoid(logits)


def encoder_flops(cfg, frames):
    """Multiply-adds x2 of the front end + encoder for one fragment (dominant terms only)."""
    if cfg.get("kind") == "two_branch":          # one shared front end, two branches, one head on both
        one = encoder_flops(dict(cfg["branch"], n_tags=0), frames)
        fl = {k: one[k] for k in ("dft", "power+mel")}
        fl.update(conv1d=2 * one["conv1d"], lstm=2 * one["lstm"], head=2 * cfg["hidden"] * cfg["n_tags"])
        fl["total"] = sum(fl.values())
        return fl
    # The front end as the graph runs it (FactorisedMelFrontend): a 32-point real DFT for each of 16 phases,
    # then a 16-point complex DFT (twiddles folded in) for each of 17 bins, then the mel matrix over 17 x 16
    # computed positions. (MelFrontend's DFT-as-Conv1d was 2 x 514 x 512 per frame: 131 M at 249 frames.)
    n_in, n_out = FactorisedMelFrontend.N_IN, FFT_SIZE // FactorisedMelFrontend.N_IN
    k_out = n_out // 2 + 1
    fl = {}
    fl["dft"] = 2 * (n_in * n_out * 2 * k_out + k_out * (2 * n_in) ** 2) * frames
    fl["power+mel"] = 3 * k_out * 2 * n_in * frames + 2 * MEL_BANDS * k_out * n_in * frames
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
