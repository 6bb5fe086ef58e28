"""Rate a shipped model's tags on real music and write what the app may show into its manifest, in place.

The weights and the model's id do not change: the manifest gains the real-music evaluation (evaluate_real.py
on the validation and the test packages), each tag group's measured accuracy, and the display rule: only
groups that pass manifest_real.BAR on both are shown as facts; the style families, grooves, instruments and
meters of the synthetic corpus have no truth on real music and are never shown.

  /usr/bin/python3 models/training/rate_tags.py --manifest models/manifest.json --key runs/shipped/last.pt \
      --eval-val runs/eval-session-val.json --eval-test runs/eval-session-test.json
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import read_json, write_json  # noqa: E402
from manifest_real import real_corpus_section, tag_definitions, tag_quality_and_display  # noqa: E402
from train import resolve  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--key", required=True, help="the checkpoint of this model as named in the evaluation files")
    ap.add_argument("--eval-val", required=True)
    ap.add_argument("--eval-test", required=True)
    ap.add_argument("--corpus", default="real")
    a = ap.parse_args()
    man = read_json(a.manifest)
    val, test = read_json(resolve(a.eval_val)), read_json(resolve(a.eval_test))
    v, t = val["results"][a.key], test["results"][a.key]
    quality, display = tag_quality_and_display(v["real"]["tag_groups"], t["real"]["tag_groups"])
    groups = set(man["tag_groups"])
    man["tag_quality"] = {g: q for g, q in quality.items() if g in groups}
    man["display"] = display
    man["tag_definitions"] = {g: d for g, d in tag_definitions().items() if g in groups}
    man["tag_definitions"]["note"] = ("tempo and mode here are the synthetic corpus's known tempo classes and modes; on "
                                     "real music they are scored against the measurements above")
    synthetic = man["metrics"] if "overall" in man["metrics"] else man["metrics"].get("synthetic")
    man["metrics"] = dict(
        synthetic=synthetic,
        real_music=dict(test_packages=t["real"], validation_packages=v["real"], protocol=test["protocol"],
                        synthetic_same_run={k: r.get("synthetic_precision_at_10") for k, r in test["results"].items()},
                        other_checkpoints_on_test={k: r["real"]["precision_at_10"] for k, r in test["results"].items() if k != a.key}))
    man["real_music_evaluation"] = real_corpus_section(f"real corpus {a.corpus}")
    write_json(a.manifest, man)
    print(f"[rate] {a.manifest}: shown groups {display['groups'] or 'none'}; "
          + ", ".join(f"{g} {q.get('accuracy')}" for g, q in quality.items() if "accuracy" in q))


if __name__ == "__main__":
    main()
