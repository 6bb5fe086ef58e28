"""Checks of the real-music stage's own logic: the exported graph's factorised mel front end against the
definition (MelFrontend) and a float64 FFT, the measured tags on signals whose answer is known, the tags
measured inside the graph (model.MeasuredRows) against signal_tags on real fragments, the graded contrastive loss,
the batch sampler and the song-radio metrics on a real (tiny) real-music cache.

  /usr/bin/python3 models/training/test_real_recipe.py REAL_CACHE_DIR      (ci_tiny.sh runs it)
"""
import os
import sys
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import FRAGMENT_SAMPLES, SAMPLE_RATE  # noqa: E402
from metrics import library_radio_precision, song_radio_precision  # noqa: E402
from model import ExportModel, FactorisedMelFrontend, MelFrontend, TwoBranchEncoder, mel_filterbank  # noqa: E402
import signal_tags as ST  # noqa: E402
from train_real import RealSplit, weighted_supcon  # noqa: E402

CACHE = None
FRONT = MelFrontend().eval()
T = np.arange(FRAGMENT_SAMPLES) / SAMPLE_RATE


def mel(x):
    with torch.no_grad():
        return FRONT(torch.from_numpy(np.asarray(x, dtype=np.float32))[None])


def tone(freqs, amp=0.3):
    return sum(amp / len(freqs) * np.sin(2 * np.pi * f * T) for f in freqs)


class MeasuredTags(unittest.TestCase):
    def test_loudness_is_db_relative_to_full_scale(self):
        full = ST.measures(mel(np.sin(2 * np.pi * 1000 * T)))["loudness"].item()
        quieter = ST.measures(mel(0.1 * np.sin(2 * np.pi * 1000 * T)))["loudness"].item()
        self.assertAlmostEqual(full, 0.0, delta=0.5)
        self.assertAlmostEqual(quieter, -20.0, delta=0.5)

    def test_brightness_follows_the_spectral_centroid(self):
        low = ST.measures(mel(tone([200, 300])))["brightness"].item()
        high = ST.measures(mel(tone([3000, 5000])))["brightness"].item()
        self.assertLess(low, 600)
        self.assertGreater(high, 2500)

    def test_clicks_are_percussive_and_a_held_chord_is_not(self):
        clicks = np.zeros(FRAGMENT_SAMPLES)
        rng = np.random.default_rng(0)
        for start in range(0, FRAGMENT_SAMPLES - 400, SAMPLE_RATE // 4):
            clicks[start:start + 400] = rng.standard_normal(400) * np.exp(-np.arange(400) / 60)
        chord = tone([262, 330, 392])
        self.assertGreater(ST.measures(mel(clicks))["percussion"].item(), 0.6)
        self.assertLess(ST.measures(mel(chord))["percussion"].item(), 0.3)

    def test_targets_are_one_class_per_group(self):
        vocab = ST.signal_tag_names()
        y, m = ST.signal_targets(mel(tone([440])), {t: i for i, t in enumerate(vocab)})
        self.assertEqual(float(m.sum()), len(vocab))
        self.assertEqual(float(y.sum()), len(ST.THRESHOLDS))

    def test_tempo_reads_half_tempo_as_double(self):
        self.assertEqual(ST.TEMPO_CLASSES[ST.tempo_class(62.0)][0], "medium")   # a tracker's half of 124
        self.assertEqual(ST.TEMPO_CLASSES[ST.tempo_class(85.0)][0], "slow")
        self.assertEqual(ST.TEMPO_CLASSES[ST.tempo_class(140.0)][0], "fast")

    def test_beat_tracker_names_a_drum_track_tempo(self):
        rng = np.random.default_rng(0)
        x = 0.05 * rng.standard_normal(SAMPLE_RATE * 20).astype(np.float32)
        for start in np.arange(0, 20, 0.5):                                  # a noise hit every beat at 120 bpm
            i = int(start * SAMPLE_RATE)
            x[i:i + 1500] += (rng.standard_normal(1500) * np.exp(-np.arange(1500) / 300)).astype(np.float32)
        bpm = ST.local_tempo(ST.beat_times(x), 10.0)
        self.assertTrue(abs(bpm - 120) < 3 or abs(bpm - 60) < 2, f"{bpm} bpm (aubio locks to 120 or its half)")
        self.assertEqual(ST.TEMPO_CLASSES[ST.tempo_class(bpm)][0], "medium")

    def test_mode_of_major_and_minor_triads(self):
        c_major = np.zeros(12); c_major[[0, 4, 7]] = 1.0; c_major[[2, 5, 9, 11]] = 0.3
        a_minor_h = np.zeros(12); a_minor_h[[9, 0, 4]] = 1.0; a_minor_h[[8, 11, 2]] = 0.4   # harmonic minor's G#
        self.assertEqual(ST.mode_of(c_major)[0], 0)
        self.assertEqual(ST.mode_of(a_minor_h)[0], 1)


def in_graph_model(vocab, rows=("loudness", "brightness")):
    """A small random two-branch encoder whose `rows` groups are measured in the graph."""
    torch.manual_seed(0)
    index = {t: i for i, t in enumerate(vocab)}
    cols = [[index[f"{g}:{c}"] for c in ST.THRESHOLDS[g][2]] for g in rows]
    branch = dict(n_tags=1, n_mels=80, conv_ch=8, pools=[2, 2, 1, 1], hidden=8, layers=1, dropout=0.0)
    return TwoBranchEncoder(len(vocab), branch, 0.7, list(rows), cols).eval(), cols


class InGraphMeasuredTags(unittest.TestCase):
    """The loudness and brightness rows of a two-branch model are measurements computed in its graph: their argmax
    must be signal_tags' class of the same log-mel, fragment for fragment."""

    def setUp(self):
        self.vocab = ["family:x"] + ST.signal_tag_names()[::-1]     # columns out of order on purpose
        self.model, self.cols = in_graph_model(self.vocab)

    def check(self, logmel, logits):
        values = ST.measures(logmel, percussion=np.zeros(len(logmel)))
        for g, cols in zip(self.model.cfg["measured_rows"], self.cols):
            want = ST.classes(values[g], g).numpy()
            got = logits[:, cols].numpy().argmax(1)
            self.assertTrue(np.array_equal(got, want), f"{g}: {int((got != want).sum())} of {len(want)} differ")
        return values

    def test_classes_equal_signal_tags_on_real_fragments(self):
        split = RealSplit(CACHE, "train", self.vocab)
        idx = split.app_fragments()[:3000]
        seen = {g: set() for g in self.model.cfg["measured_rows"]}
        for i in range(0, len(idx), 256):                   # the batch size the evaluation predicts with
            x, _ = split.batch(idx[i:i + 256])
            with torch.no_grad():
                _, logits = self.model(x)
            values = self.check(x, logits)
            for g in seen:
                seen[g] |= set(ST.classes(values[g], g).tolist())
        self.assertGreater(len(idx), 10)
        self.assertTrue(all(len(c) >= 2 for c in seen.values()), f"classes met: {seen}")

    def test_classes_equal_signal_tags_from_pcm_through_the_export_model(self):
        rng = np.random.default_rng(0)
        pcm = []
        for gain in (0.02, 0.1, 0.3, 0.6, 1.0):             # across the loudness thresholds
            for freqs in ([150, 300], [800, 1600], [2500, 4000]):   # across the brightness thresholds
                pcm.append(tone(freqs, gain) + 0.01 * gain * rng.standard_normal(len(T)))
        x = torch.from_numpy(np.asarray(pcm, dtype=np.float32))
        export = ExportModel(self.model).eval()
        with torch.no_grad():
            _, probs = export(x)
            logmel = export.front(x)
        self.check(logmel, probs)

    def test_other_rows_are_the_tag_layer(self):
        x = torch.randn(3, 80, 248) - 6
        with torch.no_grad():
            emb, logits = self.model(x)
        other = [i for i in range(len(self.vocab)) if i not in {c for cols in self.cols for c in cols}]
        self.assertTrue(torch.allclose(logits[:, other], self.model.head(emb)[:, other]))

    def test_a_value_on_a_threshold_goes_to_the_lower_class_as_bucketize(self):
        m = self.model.measured
        t = {g: th for g, th in zip(m.rows, m.thresholds)}
        for k in (0, 1):
            v = {g: torch.tensor([t[g][k]]) for g in m.rows}
            m_measures, m.measures = m.measures, (lambda mel, v=v: v)
            try:
                logits = m.logits(None)
            finally:
                m.measures = m_measures
            for j, g in enumerate(m.rows):
                self.assertEqual(int(logits[0, 3 * j:3 * j + 3].argmax()), int(ST.classes(v[g], g)[0]))

    def test_exports_to_onnx(self):
        import tempfile
        import onnx
        export = ExportModel(self.model).eval()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.onnx")
            torch.onnx.export(export, (torch.zeros(1, FRAGMENT_SAMPLES),), path, input_names=["pcm"],
                              output_names=["embedding", "tags"], opset_version=17)
            onnx.checker.check_model(onnx.load(path))

    def test_checkpoint_round_trip_keeps_the_measured_rows(self):
        from model import encoder_from_checkpoint
        again = encoder_from_checkpoint(dict(cfg=self.model.cfg, model=self.model.state_dict())).eval()
        x = torch.randn(2, 80, 248) - 6
        with torch.no_grad():
            self.assertTrue(torch.equal(self.model(x)[1], again(x)[1]))


class FactorisedFrontEnd(unittest.TestCase):
    """The graph's front end (FactorisedMelFrontend) must compute MelFrontend's features: both are compared
    with the same log-mel computed in float64 with numpy's FFT, on signals from silence to clipping."""

    def signals(self):
        rng = np.random.default_rng(3)
        square = np.sign(np.sin(2 * np.pi * 110 * T))
        return np.asarray([0.3 * rng.standard_normal(len(T)), 1e-4 * rng.standard_normal(len(T)), tone([440, 3520], 0.8),
                           np.zeros(len(T)), np.clip(1.5 * square, -1, 1), np.where(T < 2.5, 0.0, 0.5 * rng.standard_normal(len(T)))],
                          dtype=np.float32)

    def float64_logmel(self, x):
        window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(512) / 512)
        frames = np.stack([x[:, t * 441:t * 441 + 512].astype(np.float64) * window for t in range(249)], 1)
        power = np.abs(np.fft.rfft(frames, axis=-1)) ** 2
        return np.log(np.einsum("mk,btk->bmt", mel_filterbank().astype(np.float64), power) + 1e-6)

    def test_same_features_as_the_definition_and_as_float64(self):
        x = self.signals()
        with torch.no_grad():
            conv = MelFrontend()(torch.from_numpy(x)).double().numpy()
            fact = FactorisedMelFrontend()(torch.from_numpy(x)).double().numpy()
        truth = self.float64_logmel(x)
        self.assertEqual(fact.shape, truth.shape)
        conv_err, fact_err = np.abs(conv - truth).max(), np.abs(fact - truth).max()
        # Both are float32 computations of the same sums: errors of a few 1e-4 in ln(mel) are rounding in the
        # deepest spectral valleys (the square wave's), the same order for both.
        self.assertLess(conv_err, 5e-4)
        self.assertLess(fact_err, 5e-4, f"factorised {fact_err} vs conv {conv_err}")
        self.assertLess(np.abs(fact - conv).max(), 1e-3)

    def test_the_exported_graph_has_no_dft_convolution(self):
        import tempfile
        import onnx
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "front.onnx")
            torch.onnx.export(FactorisedMelFrontend().eval(), (torch.zeros(2, FRAGMENT_SAMPLES),), path, input_names=["pcm"],
                              output_names=["logmel"], dynamic_axes={"pcm": {0: "batch"}}, opset_version=17)
            ops = [n.op_type for n in onnx.load(path).graph.node]
        self.assertNotIn("Conv", ops)
        self.assertEqual(ops.count("MatMul"), 3)


class GradedContrastive(unittest.TestCase):
    def test_same_track_pairs_beat_album_pairs_beat_strangers(self):
        track = torch.tensor([0, 0, 1, 1, 2, 2])
        package = torch.tensor([0, 0, 0, 0, 1, 1])
        base = torch.randn(3, 16)
        tight = base[track] + 0.01 * torch.randn(6, 16)
        shuffled = tight[torch.tensor([0, 2, 1, 4, 3, 5])]
        self.assertLess(weighted_supcon(tight, track, package, 0.3, 0.1).item(),
                        weighted_supcon(shuffled, track, package, 0.3, 0.1).item())

    def test_album_weight_rewards_keeping_a_soundtrack_together(self):
        torch.manual_seed(0)
        track = torch.tensor([0, 0, 1, 1, 2, 2, 3, 3])
        package = torch.tensor([0, 0, 0, 0, 1, 1, 1, 1])
        albums = torch.randn(2, 16) * 3
        together = (albums[package] + 0.3 * torch.randn(4, 16)[track]) + 0.05 * torch.randn(8, 16)
        apart = torch.randn(4, 16)[track] * 3 + 0.05 * torch.randn(8, 16)
        gap = {w: weighted_supcon(apart, track, package, w, 0.5).item() - weighted_supcon(together, track, package, w, 0.5).item()
               for w in (0.0, 1.0)}
        self.assertGreater(gap[1.0], gap[0.0])
        self.assertGreater(gap[1.0], 0.0)


class RealSplitSampling(unittest.TestCase):
    def setUp(self):
        self.split = RealSplit(CACHE, "train", ST.signal_tag_names())

    def test_batch_pairs_two_moments_of_one_track(self):
        idx, track, package = self.split.sample(np.random.default_rng(1), 2, 2, aug_pair_prob=1.0)
        self.assertEqual(len(idx), len(track))
        for k in range(0, len(idx), 2):
            a, b = self.split.clips[self.split.frag[idx[k], 1]], self.split.clips[self.split.frag[idx[k + 1], 1]]
            self.assertEqual(a["song"], b["song"])
            self.assertEqual(track[k], track[k + 1])
            self.assertEqual(a["aug"], 0)
            self.assertEqual(b["aug"], 1, "the second moment comes from the augmented copy")

    def test_app_fragments_are_the_clean_copy_every_5_s(self):
        idx = self.split.app_fragments()
        for c in {int(c) for c in self.split.frag[idx, 1]}:
            self.assertEqual(self.split.clips[c]["aug"], 0)
            starts = np.sort(self.split.frag[idx][self.split.frag[idx, 1] == c][:, 0])
            self.assertTrue(np.all(np.diff(starts) == 250))


class SongRadio(unittest.TestCase):
    def test_album_mates_found_by_summed_query(self):
        rng = np.random.default_rng(0)
        centres = rng.standard_normal((2, 8))
        emb, song, album = [], [], []
        for s in range(6):
            for _ in range(4):
                emb.append(centres[s // 3] + 0.1 * rng.standard_normal(8)); song.append(f"s{s}"); album.append(s // 3)
        r = song_radio_precision(np.asarray(emb), np.asarray(song), np.asarray(album), k=2)
        self.assertEqual(r["precision"], 1.0)
        self.assertAlmostEqual(r["chance"], 2 / 5)

    def test_library_ranking_finds_album_mates_after_its_lda(self):
        rng = np.random.default_rng(0)
        centres = rng.standard_normal((2, 24))
        emb, song, album = [], [], []
        for s in range(8):
            track = centres[s // 4] + 0.3 * rng.standard_normal(24)
            for _ in range(5):
                emb.append(track + 0.1 * rng.standard_normal(24)); song.append(f"s{s}"); album.append(s // 4)
        r = library_radio_precision(np.asarray(emb), np.asarray(song), np.asarray(album), k=3, dims=4)
        self.assertEqual(r["precision"], 1.0)
        self.assertAlmostEqual(r["chance"], 3 / 7)
        self.assertEqual(len(r["per_seed"]), 8)


if __name__ == "__main__":
    CACHE = sys.argv.pop(1)
    unittest.main(verbosity=1)
