#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for Soundlike: system packages, npm dependencies, the build.
# Needs only Debian's package archive and the npm registry (nothing is downloaded from GitHub).
set -euo pipefail
cd "$(dirname "$0")/.."

# ffmpeg: decoding. libfaiss-dev + libopenblas0-pthread: faiss-node is built against them.
# chromium: the browser the end-to-end tests drive. python3-*: training recipe and model parity tests
# (python3-aubio: the beat tracker behind the real-music tempo labels).
# mma, fluidsynth and soundfonts: the training corpus and the demo library are rendered from MIDI.
# build-essential/python3: node-gyp builds better-sqlite3 and faiss-node.
# desktop-file-utils: the packaging test validates the Linux desktop entry with desktop-file-validate.
PACKAGES=(ffmpeg libfaiss-dev libopenblas0-pthread chromium build-essential python3 desktop-file-utils \
  python3-torch python3-numpy python3-scipy python3-soundfile python3-onnx python3-aubio \
  mma fluidsynth fluid-soundfont-gm timgm6mb-soundfont csound-soundfont opl3-soundfont musescore-general-soundfont-small)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund
npm run build
