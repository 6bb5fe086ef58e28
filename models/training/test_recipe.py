"""Checks of the training recipe's own logic on a real (tiny) feature cache; ci_tiny.sh runs them.

  /usr/bin/python3 models/training/test_recipe.py CACHE_DIR
"""
import os
import sys
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import read_json  # noqa: E402
from train import Split, supcon_loss  # noqa: E402
from wise import interpolate  # noqa: E402

CACHE = None


class AlignedPartners(unittest.TestCase):
    def setUp(self):
        self.vocab = read_json(os.path.join(CACHE, "meta.json"))["vocab"]
        self.split = Split(CACHE, "train", self.vocab)

    def clip_start(self, c):
        return int(self.split.frag[self.split.frag[:, 1] == c][:, 0].min())

    def test_partner_is_the_same_moment_of_the_same_song_in_another_soundfont(self):
        s = self.split
        idx = np.arange(len(s))
        partners = s.aligned_partners(idx, np.random.default_rng(0))
        same_offset = 0
        for i, j in zip(idx, partners):
            a, b = s.clips[s.frag[i, 1]], s.clips[s.frag[j, 1]]
            self.assertEqual(a["song"], b["song"])
            self.assertNotEqual(a["soundfont"], b["soundfont"], "every tiny-corpus song has two training soundfonts")
            off_a = s.frag[i, 0] - self.clip_start(s.frag[i, 1])
            off_b = s.frag[j, 0] - self.clip_start(s.frag[j, 1])
            if off_a == off_b:
                same_offset += 1
            else:  # only when the partner rendering is shorter: then its last fragment
                last_b = s.frag[s.frag[:, 1] == s.frag[j, 1]][:, 0].max()
                self.assertEqual(s.frag[j, 0], last_b)
                self.assertGreater(off_a, off_b)
        self.assertGreater(same_offset, 0.9 * len(idx))

    def test_partners_are_reproducible_per_step(self):
        idx = np.arange(len(self.split))
        a = self.split.aligned_partners(idx, np.random.default_rng(5))
        b = self.split.aligned_partners(idx, np.random.default_rng(5))
        np.testing.assert_array_equal(a, b)

    def test_two_caches_concatenate(self):
        double = Split([CACHE, CACHE], "train", self.vocab)
        n = len(self.split)
        self.assertEqual(len(double), 2 * n)
        x1, y1 = self.split.batch(np.array([0, n - 1]))
        x2, y2 = double.batch(np.array([n, 2 * n - 1]))
        torch.testing.assert_close(x1, x2)
        torch.testing.assert_close(y1, y2)


class SupCon(unittest.TestCase):
    def test_clustered_embeddings_score_better_than_random_ones(self):
        g = torch.Generator().manual_seed(0)
        labels = torch.arange(4).repeat_interleave(8)
        centres = torch.eye(16)[:4]
        clustered = centres[labels] + 0.05 * torch.randn(32, 16, generator=g)
        scattered = torch.randn(32, 16, generator=g)
        mislabelled = centres[labels[torch.randperm(32, generator=g)]]  # tight clusters, wrong members
        lc, lr, ls = (float(supcon_loss(e, labels, 0.1)) for e in (clustered, scattered, mislabelled))
        self.assertLess(lc, lr)
        self.assertLess(lc, ls)
        self.assertTrue(np.isfinite([lc, lr, ls]).all())

    def test_gradient_pulls_same_class_together(self):
        labels = torch.tensor([0, 0, 1, 1])
        emb = torch.tensor([[1.0, 0.2], [0.2, 1.0], [-1.0, 0.1], [0.1, -1.0]], requires_grad=True)
        supcon_loss(emb, labels, 0.5).backward()
        step = emb.detach() - 0.1 * emb.grad
        cos = torch.nn.functional.cosine_similarity
        self.assertGreater(float(cos(step[0:1], step[1:2])), float(cos(emb[0:1], emb[1:2]).detach()))

    def test_a_batch_without_positives_costs_nothing(self):
        emb = torch.randn(3, 8, requires_grad=True)
        loss = supcon_loss(emb, torch.tensor([0, 1, 2]), 0.1)
        self.assertEqual(float(loss), 0.0)
        loss.backward()  # still part of the graph


class WiseInterpolation(unittest.TestCase):
    def test_endpoints_and_midpoint(self):
        base = {"w": torch.zeros(3), "n": torch.tensor(4)}
        tuned = {"w": torch.ones(3) * 2, "n": torch.tensor(9)}
        torch.testing.assert_close(interpolate(base, tuned, 0.0)["w"], base["w"])
        torch.testing.assert_close(interpolate(base, tuned, 1.0)["w"], tuned["w"])
        torch.testing.assert_close(interpolate(base, tuned, 0.5)["w"], torch.ones(3))
        self.assertEqual(int(interpolate(base, tuned, 0.5)["n"]), 9)  # counters are not averaged


if __name__ == "__main__":
    CACHE = sys.argv.pop(1)
    unittest.main(verbosity=1)
