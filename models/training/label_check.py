"""How right are the real-music tempo and mode labels? The estimators (signal_tags.py: aubio beats + the
octave rule, chroma + key profiles) run on rendered corpus songs whose tempo and mode are known, exactly as
real_cache.py runs them on real tracks (local tempo at each 5-s fragment, mode over +-10 s).

  /usr/bin/python3 models/training/label_check.py --corpus main --soundfont fluidr3 --out runs/label_check.json
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_cache import decode  # noqa: E402
from common import CORPUS_ROOT, read_json, write_json  # noqa: E402
from corpus import tempo_class  # noqa: E402
from real_cache import second_labels  # noqa: E402
from train import resolve  # noqa: E402
import signal_tags as ST  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="main")
    ap.add_argument("--soundfont", default="fluidr3")
    ap.add_argument("--max-songs", type=int, default=120)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    corpus = read_json(os.path.join(CORPUS_ROOT, a.corpus, "songs.json"))
    songs = corpus["songs"][: a.max_songs]
    root = os.path.join(CORPUS_ROOT, a.corpus)
    tempo_hits = tempo_n = mode_hits = mode_n = 0
    tempo_unknown = mode_unknown = total = 0
    for s in songs:
        wav = os.path.join(root, "wav", f"{s['id']}__{a.soundfont}.wav")
        if not os.path.exists(wav):
            continue
        sec = second_labels(decode(wav))[::5][:-1]          # the fragments the app would analyse
        total += len(sec)
        truth_tempo = tempo_class(s["bpm"])
        for bpm, mode, _ in sec:
            if np.isfinite(bpm):
                tempo_n += 1
                tempo_hits += ST.TEMPO_CLASSES[ST.tempo_class(bpm)][0] == truth_tempo
            else:
                tempo_unknown += 1
            if mode >= 0:
                mode_n += 1
                mode_hits += ("major", "minor")[int(mode)] == s["mode"]
            else:
                mode_unknown += 1
    res = dict(songs=len(songs), soundfont=a.soundfont, fragments=total,
               tempo_class_accuracy=tempo_hits / max(1, tempo_n), tempo_unknown_share=tempo_unknown / max(1, total),
               mode_accuracy=mode_hits / max(1, mode_n), mode_unknown_share=mode_unknown / max(1, total),
               note="labels measured as on real music, scored against the rendered songs' known tempo class and mode")
    write_json(resolve(a.out), res)
    print(f"[labels] {res}")


if __name__ == "__main__":
    main()
