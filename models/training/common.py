"""Shared constants and small helpers for the Soundlike encoder recipe.

Every preprocessing constant lives here once; model.py builds the mel front end from them and
export.py copies them into models/manifest.json, so training and the app read one definition.
"""
import hashlib
import json
import os
import random

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.dirname(HERE)
CORPUS_ROOT = os.path.join(HERE, "corpus")
RUNS_ROOT = os.path.join(HERE, "runs")

# Canonical audio + feature constants (copied verbatim into the manifest).
SAMPLE_RATE = 22050
FFT_SIZE = 512 
HOP = 441                      # 50 frames/s: 1-s steps land exactly on frame boundaries
WINDOW = "hann"                # periodic Hann, length FFT_SIZE, no centering / padding
MEL_BANDS = 80
MEL_SCALE = "slaney"           # librosa default (linear < 1 kHz, log above), Slaney area norm
FMIN = 30.0
FMAX = 11025.0
LOG_EPS = 1e-6                 # log(mel_power + 1e-6), natural log
FRAGMENT_SECONDS = 5.0
FRAGMENT_SAMPLES = int(FRAGMENT_SECONDS * SAMPLE_RATE)          # 110250
FRAMES_PER_FRAGMENT = (FRAGMENT_SAMPLES - FFT_SIZE) // HOP + 1  # 248
FRAMES_PER_SECOND = SAMPLE_RATE // HOP                           # 50
TRAIN_STEP_SECONDS = 1.0

SOUNDFONTS = {
    # name: (path, role). "unseen" is never used for training or model selection.
    "fluidr3": ("/usr/share/sounds/sf2/FluidR3_GM.sf2", "train"),
    "timgm6mb": ("/usr/share/sounds/sf2/TimGM6mb.sf2", "train"),
    "csoundgm": ("/usr/share/sounds/sf2/sf_GMbank.sf2", "train"),
    # FM synthesis (Debian opl3-soundfont): a timbre family unlike the sample-based fonts, so the
    # aligned cross-soundfont pairs in training teach "same music, different instruments".
    "opl3": ("/usr/share/sounds/sf2/OPL-3_FM_128M.sf2", "train"),
    "musescore": ("/usr/share/sounds/sf3/MuseScore_General_Lite.sf3", "unseen"),
}


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    try:
        import torch
        torch.manual_seed(seed)
    except ImportError:  # corpus generation does not need torch
        pass


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_json(path):
    with open(path) as f:
        return json.load(f)


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1)
    os.replace(tmp, path)
