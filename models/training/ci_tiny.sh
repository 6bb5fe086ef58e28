#!/usr/bin/env bash
# The whole encoder recipe on a tiny configuration (render -> cache -> train -> evaluate -> export ->
# manifest -> onnxruntime-node parity), so it cannot rot. ~1-2 min on 2 cores. Exit non-zero on failure.
# usage: bash models/training/ci_tiny.sh [workdir]   (default: a fresh temp dir, removed on success)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3
WORK="${1:-$(mktemp -d -t soundlike-ci-tiny-XXXXXX)}"
mkdir -p "$WORK"
CORPUS=ci-tiny-$$
REAL=ci-real-$$
cleanup() { rm -rf "$HERE/corpus/$CORPUS" "$HERE/corpus/$REAL"; }
trap cleanup EXIT
echo "[ci_tiny] work dir $WORK"
T0=$(date +%s)
$PY "$HERE/corpus.py" --name "$CORPUS" --songs 8 --families rock,waltz --min-seconds 7 --max-seconds 9 \
  --train-soundfonts timgm6mb,opl3 --unseen-soundfont csoundgm --jobs 2 --seed 7
$PY "$HERE/build_cache.py" --corpus "$CORPUS" --out "$WORK/cache" --aug-copies 1 --jobs 2 --seed 7
# the recipe's own logic (aligned cross-soundfont pairs, two caches, contrastive loss, WiSE) on this cache
$PY "$HERE/test_recipe.py" "$WORK/cache"
# stage 1: tags only, then the resume path (continue the same run for a few more steps)
$PY "$HERE/train.py" --cache "$WORK/cache" --run "$WORK/run" --steps 6 --eval-every 3 --batch 8 --seed 7 --val-fragments 64
$PY "$HERE/train.py" --cache "$WORK/cache" --run "$WORK/run" --steps 8 --eval-every 4 --batch 8 --seed 7 --val-fragments 64 --resume
# stage 2: contrastive fine-tune on aligned cross-soundfont pairs; stage 3: WiSE-FT interpolation
$PY "$HERE/train.py" --cache "$WORK/cache" --run "$WORK/ft" --init "$WORK/run/last.pt" --supcon 0.3 --song-con 0.2 \
  --steps 4 --eval-every 2 --batch 8 --seed 7 --val-fragments 64
$PY "$HERE/wise.py" --base "$WORK/run/last.pt" --tuned "$WORK/ft/best.pt" --alphas 0.5 --out-dir "$WORK/wise"
$PY "$HERE/evaluate.py" --run "$WORK/wise/a0.5" --max-queries 200
# stage 4, real music: two small soundtracks from Debian's archive (a few tracks dealt into train/val/test),
# measured tags, contrastive fine-tune on real moments, WiSE, the two-branch model, real + synthetic evaluation
$PY "$HERE/real_corpus.py" --name "$REAL" --packages heroes-sound-tracks,tecnoballz-data --max-tracks 6 --split-by-track
$PY "$HERE/real_cache.py" --corpus "$REAL" --out "$WORK/real-cache" --aug-copies 1 --jobs 2
$PY "$HERE/test_real_recipe.py" "$WORK/real-cache"
$PY "$HERE/train_real.py" --init "$WORK/wise/a0.5/best.pt" --real "$WORK/real-cache" --run "$WORK/real" \
  --steps 4 --eval-every 2 --packages 2 --tracks-per-package 2 --synthetic "$WORK/cache" --synthetic-batch 4 \
  --synthetic-val "$WORK/cache"
$PY "$HERE/train_real.py" --init "$WORK/wise/a0.5/best.pt" --real "$WORK/real-cache" --run "$WORK/real" \
  --steps 6 --eval-every 3 --packages 2 --tracks-per-package 2 --synthetic "$WORK/cache" --synthetic-batch 4 \
  --synthetic-val "$WORK/cache" --resume
$PY "$HERE/wise.py" --base "$WORK/wise/a0.5/best.pt" --tuned "$WORK/real/best.pt" --alphas 0.5 --out-dir "$WORK/real-wise" \
  --synthetic "$WORK/cache"
$PY "$HERE/fit_head.py" --ckpt "$WORK/real-wise/a0.5/best.pt" --out "$WORK/real-probe/best.pt"
# what ships: the synthetic weights and the real-music stage side by side (two branches, one tag layer; loudness
# and brightness measured in the graph), evaluated, exported and described from here on
$PY "$HERE/two_branch.py" --base "$WORK/wise/a0.5/best.pt" --tuned "$WORK/real/best.pt" --weight 0.7 \
  --synthetic "$WORK/cache" --synthetic-val "$WORK/cache" --synthetic-fragments 256 --out "$WORK/two-branch/best.pt"
RUN="$WORK/two-branch"
# the validation run decides which tag groups the manifest shows; the test run confirms and reports
$PY "$HERE/evaluate_real.py" --ckpt "$RUN/best.pt" "$WORK/wise/a0.5/best.pt" --real "$WORK/real-cache" \
  --synthetic "$WORK/cache" --split val --out "$RUN/eval_real.val.json"
$PY "$HERE/evaluate_real.py" --ckpt "$RUN/best.pt" "$WORK/wise/a0.5/best.pt" --real "$WORK/real-cache" \
  --synthetic "$WORK/cache" --split test --out "$RUN/eval_real.json"
$PY "$HERE/export.py" --run "$RUN" --out-dir "$WORK/export" --parity-dir "$WORK/export/parity" --parity-n 2 \
  2> "$WORK/export.stderr" || { cat "$WORK/export.stderr"; exit 1; }
test -s "$WORK/export/soundlike-encoder.onnx"
$PY "$HERE/manifest.py" --run "$RUN" --onnx "$WORK/export/soundlike-encoder.onnx" --out "$WORK/export/manifest.json" \
  --eval-real "$RUN/eval_real.json" --previous "$HERE/../manifest.json"
$PY -c "import json,sys; m=json.load(open(sys.argv[1])); assert 'display' in m and m['training']['real_corpus']['packages'], m.keys(); \
assert m['architecture']['kind'] == 'two_branch' and m['embedding_size'] == m['outputs'][0]['shape'][1] == 2 * m['architecture']['branch']['hidden']; \
assert m['training']['two_branch']['weight'] == 0.7 and m['tag_quality']['loudness']['source'] == 'measured', m['tag_quality']" \
  "$WORK/export/manifest.json"
node "$HERE/parity_check.mjs" "$WORK/export/soundlike-encoder.onnx" "$WORK/export/parity"
echo "[ci_tiny] OK in $(( $(date +%s) - T0 )) s"
if [ -z "${1:-}" ]; then rm -rf "$WORK"; fi
