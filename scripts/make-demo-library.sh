#!/usr/bin/env bash
# make-demo-library.sh - regenerate Soundlike's built-in demo library.
#
# Renders 16 short songs from fixed chord charts (below) with MMA -> MIDI ->
# FluidSynth -> ffmpeg, tags them, embeds generated album art and lays them
# out as resources/demo-library/<Artist>/<Album>/<NN - Title>.<ext>.
#
# Deterministic: fixed charts, fixed MMA random seed (RndSeed), bitexact
# ffmpeg muxing/encoding. Needs (Debian packages): mma, fluidsynth,
# fluid-soundfont-gm, timgm6mb-soundfont, ffmpeg (libmp3lame, libvorbis,
# libopus), fonts-dejavu-core (optional, for the text on the covers).
#
# Usage: scripts/make-demo-library.sh            (writes resources/demo-library)
#        DEMO_OUT=/some/dir scripts/make-demo-library.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${DEMO_OUT:-"$ROOT/resources/demo-library"}
SF_FLUID=${SF_FLUID:-/usr/share/sounds/sf2/FluidR3_GM.sf2}
SF_TIM=${SF_TIM:-/usr/share/sounds/sf2/TimGM6mb.sf2}
FONT=${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf}
RATE=44100 # render rate; lossless files are downmixed to mono 22050 Hz
TAIL=1.5   # seconds kept after the last bar (faded out)

for tool in mma fluidsynth ffmpeg ffprobe awk; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
for sf in "$SF_FLUID" "$SF_TIM"; do
  [[ -f $sf ]] || { echo "missing soundfont: $sf" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundlike-demo.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LIB="$WORK/lib"
mkdir -p "$LIB"

FF=(ffmpeg -hide_banner -nostdin -loglevel error -y -threads 1)
EXACT=(-fflags +bitexact -flags +bitexact)
START=$(date +%s)

HAVE_DRAWTEXT=0
FILTERS=$(ffmpeg -hide_banner -filters 2>/dev/null || true)
if [[ -f $FONT && $FILTERS == *" drawtext "* ]]; then
  HAVE_DRAWTEXT=1
fi

# ---------------------------------------------------------------- albums ---
# album ARTIST ALBUM ALBUM_ARTIST GENRE YEAR COLOR0 COLOR1
album() {
  A_ARTIST=$1 A_ALBUM=$2 A_ALBUM_ARTIST=$3 A_GENRE=$4 A_YEAR=$5
  A_DIR="$LIB/$A_ALBUM_ARTIST/$A_ALBUM"
  mkdir -p "$A_DIR"
  A_COVER="$WORK/cover-$(printf '%s' "$A_ALBUM" | tr -c 'A-Za-z0-9' '_').jpg"
  local vf="null"
  if ((HAVE_DRAWTEXT)); then
    printf '%s' "$A_ALBUM" >"$WORK/t1.txt"
    printf '%s' "$A_ALBUM_ARTIST" >"$WORK/t2.txt"
    printf '%s' "$A_GENRE" >"$WORK/t3.txt"
    # shrink long names so that they fit the 200 px width (bold glyph ~0.65 em)
    local fs1 fs2
    fs1=$(awk -v n="${#A_ALBUM}" 'BEGIN{s=int(290/n); print (s>17?17:s)}')
    fs2=$(awk -v n="${#A_ALBUM_ARTIST}" 'BEGIN{s=int(290/n); print (s>12?12:s)}')
    vf="drawtext=fontfile=$FONT:textfile=$WORK/t3.txt:fontcolor=white@0.35:fontsize=34:x=(w-text_w)/2:y=40"
    vf+=",drawbox=x=0:y=128:w=200:h=72:color=black@0.45:t=fill"
    vf+=",drawtext=fontfile=$FONT:textfile=$WORK/t1.txt:fontcolor=white:fontsize=$fs1:x=(w-text_w)/2:y=140"
    vf+=",drawtext=fontfile=$FONT:textfile=$WORK/t2.txt:fontcolor=white@0.85:fontsize=$fs2:x=(w-text_w)/2:y=170"
  fi
  "${FF[@]}" -f lavfi \
    -i "gradients=s=200x200:c0=$6:c1=$7:x0=0:y0=0:x1=199:y1=199:seed=1:speed=0.00001" \
    -frames:v 1 -vf "$vf" -q:v 4 "${EXACT[@]}" "$A_COVER"
}

# Albums whose files cannot carry embedded art (ogg/opus with ffmpeg 5.1,
# wav) also get a folder image, like many real collections have.
folder_cover() { cp "$A_COVER" "$A_DIR/cover.jpg"; }

# ----------------------------------------------------------------- songs ---
# song ID FORMAT SOUNDFONT TEMPO BEATS_PER_BAR TRACK TOTAL TITLE [ARTIST] [GENRE] <<chart
# FORMAT: mp3 | mp3vbr | mp3-untagged | flac | ogg | opus | m4a | wav
LISTING=()
song() {
  local id=$1 fmt=$2 sfkey=$3 tempo=$4 beats=$5 track=$6 total=$7 title=$8
  local artist=${9:-$A_ARTIST} genre=${10:-$A_GENRE}
  local sf=$SF_FLUID
  [[ $sfkey == tim ]] && sf=$SF_TIM
  local chart="$WORK/$id.mma" mid="$WORK/$id.mid" raw="$WORK/$id.raw.wav" cut="$WORK/$id.cut.wav"

  { printf '// %s - %s (Soundlike demo chart)\nRndSeed %d\nTempo %s\n' "$artist" "$title" "$((10#$track + 100))" "$tempo"
    cat; } >"$chart"
  local grooves
  grooves=$(awk 'tolower($1)=="groove"{print $2}' "$chart" | awk '!s[$0]++' | paste -sd, -)

  local log bars
  log=$(mma -w -f "$mid" "$chart" 2>&1) || { echo "mma failed for $id:" >&2; echo "$log" >&2; exit 1; }
  bars=$(grep -o '([0-9]* bars' <<<"$log" | tr -dc '0-9')
  [[ -n $bars ]] || { echo "mma printed no bar count for $id:" >&2; echo "$log" >&2; exit 1; }
  fluidsynth -ni -q -F "$raw" -r "$RATE" "$sf" "$mid" >"$WORK/fluidsynth.log" 2>&1 ||
    { echo "fluidsynth failed for $id:" >&2; cat "$WORK/fluidsynth.log" >&2; exit 1; }

  # Cut the long synth release after the last bar, fade it, then level:
  # aim for -18 dB mean volume without letting peaks exceed -2 dBFS (lossy
  # encoders overshoot by up to ~1 dB).
  local len fade
  len=$(awk -v b="$bars" -v n="$beats" -v t="$tempo" -v tail="$TAIL" 'BEGIN{printf "%.3f", b*n*60/t+tail}')
  fade=$(awk -v l="$len" 'BEGIN{printf "%.3f", l-2.0}')
  "${FF[@]}" -i "$raw" -af "atrim=end=$len,afade=t=out:st=$fade:d=2.0" -c:a pcm_f32le "$cut"
  local vd mean peak gain
  vd=$(ffmpeg -hide_banner -nostdin -i "$cut" -af volumedetect -f null - 2>&1)
  mean=$(awk '/mean_volume/{print $(NF-1)}' <<<"$vd")
  peak=$(awk '/max_volume/{print $(NF-1)}' <<<"$vd")
  gain=$(awk -v m="$mean" -v p="$peak" 'BEGIN{g=-18-m; h=-2-p; if (h<g) g=h; printf "%.2f", g}')

  local nn base
  nn=$(printf '%02d' "$track")
  base="$A_DIR/$nn - $title"
  local meta=(-metadata "title=$title" -metadata "artist=$artist" -metadata "album=$A_ALBUM"
    -metadata "album_artist=$A_ALBUM_ARTIST" -metadata "track=$track/$total" -metadata "disc=1/1"
    -metadata "date=$A_YEAR" -metadata "genre=$genre")
  [[ $A_ALBUM_ARTIST == "Various Artists" ]] && meta+=(-metadata "compilation=1")
  local pic=(-map 0:a -map 1:v -c:v copy -disposition:v attached_pic
    -metadata:s:v "title=Album cover" -metadata:s:v "comment=Cover (front)")
  local in=(-i "$cut") af="volume=${gain}dB" mono=(-ac 1 -ar 22050) out

  case $fmt in
    mp3)  out="$base.mp3"
          "${FF[@]}" "${in[@]}" -i "$A_COVER" "${pic[@]}" -af "$af" -c:a libmp3lame -b:a 80k \
            -id3v2_version 3 "${meta[@]}" "${EXACT[@]}" "$out" ;;
    mp3vbr) out="$base.mp3"
          "${FF[@]}" "${in[@]}" -i "$A_COVER" "${pic[@]}" -af "$af" -ac 1 -c:a libmp3lame -q:a 9 \
            "${meta[@]}" "${EXACT[@]}" "$out" ;;
    mp3-untagged) out="$base.mp3" # deliberately no tags at all: no ID3v2, no ID3v1
          "${FF[@]}" "${in[@]}" -af "$af" -ac 1 -c:a libmp3lame -q:a 9 -map_metadata -1 \
            -id3v2_version 0 -write_id3v1 0 "${EXACT[@]}" "$out" ;;
    flac) out="$base.flac"
          "${FF[@]}" "${in[@]}" -i "$A_COVER" "${pic[@]}" -af "$af" "${mono[@]}" -sample_fmt s16 \
            -c:a flac -compression_level 12 "${meta[@]}" "${EXACT[@]}" "$out" ;;
    ogg)  out="$base.ogg"
          "${FF[@]}" "${in[@]}" -af "$af" -c:a libvorbis -q:a 0 "${meta[@]}" "${EXACT[@]}" "$out" ;;
    opus) out="$base.opus"
          "${FF[@]}" "${in[@]}" -af "$af" -c:a libopus -b:a 32k "${meta[@]}" "${EXACT[@]}" "$out" ;;
    m4a)  out="$base.m4a"
          "${FF[@]}" "${in[@]}" -i "$A_COVER" "${pic[@]}" -af "$af" -c:a aac -b:a 48k \
            -movflags +faststart "${meta[@]}" "${EXACT[@]}" "$out" ;;
    wav)  out="$base.wav" # RIFF INFO tags only: title/artist/album/genre/date/track
          "${FF[@]}" "${in[@]}" -af "$af" "${mono[@]}" -c:a pcm_s16le "${meta[@]}" "${EXACT[@]}" "$out" ;;
    *) echo "unknown format $fmt" >&2; exit 1 ;;
  esac
  local sfname
  sfname=$(basename "$sf")
  local key
  key=$(awk 'tolower($1)=="keysig"{$1=""; sub(/^ /,""); print; exit}' "$chart")
  LISTING+=("| ${out#"$LIB/"} | $fmt | $sfname | $key | $tempo | $grooves |")
  rm -f "$raw" "$cut" "$mid"
  printf '  %-62s %s\n' "${out#"$LIB/"}" "gain ${gain} dB"
}

echo "Rendering demo library into $OUT"

# ====================================================================== 1 ===
album "The Demo Rockers" "Garage Hours" "The Demo Rockers" "Rock" 2019 0x8b1e3f 0x1b1b3a

song open_road mp3 fluid 132 4 1 2 "Open Road" <<'EOF'
KeySig E
Groove 60sRockIntro
E
Groove 60sRock
E
E
A
E
B
A
E
E
Groove 60sRockPlus
A
A
E
C#m
A
B
E
E
Groove 60sRock
E
A
E
A
B
A / B /
Groove 60sRockEnd
E
EOF

song static_heart mp3 fluid 120 4 2 2 "Static Heart" <<'EOF'
KeySig A minor
Groove BasicRockIntro
Am
Groove BasicRock
Am
Am
F
G
Am
Am
F
E7
Groove BasicRock4
C
G
Am
F
C
G
F
E7
Groove BasicRock
Am
F
G
E7
Groove BasicRockEnd
Am
EOF

# ====================================================================== 2 ===
album "The Blue Lantern Quintet" "After Hours" "The Blue Lantern Quintet" "Jazz" 2016 0x0d2b52 0xd4a017

song lantern_light m4a fluid 144 4 1 2 "Lantern Light" <<'EOF'
KeySig Bb
Groove SwingIntro
Bb6 / F7 /
Groove Swing
Bb6 / Gm7 /
Cm7 / F7 /
Bb6 / Gm7 /
Cm7 / F7 /
Fm7 / Bb7 /
EbM7 / Ebm6 /
Bb6 / F7 /
Bb6
Groove SwingPlus
Bb6 / Gm7 /
Cm7 / F7 /
Bb6 / Gm7 /
Cm7 / F7 /
Fm7 / Bb7 /
EbM7 / Ebm6 /
Bb6 / F7 /
Bb6
Groove SwingWalk
D7
D7
G7
G7
C7
C7
F7
F7
Groove SwingEnd
Bb6
EOF

song blue_hour m4a fluid 140 4 2 2 "Blue Hour" <<'EOF'
KeySig F minor
Groove JazzComboIntro
Fm7 / C7 /
Groove JazzCombo
Fm7
Fm7
Fm7
Fm7
Bbm7
Bbm7
Fm7
Fm7
Db7
C7
Fm7 / Db7 /
Gm7b5 / C7 /
Groove JazzCombo1
Fm7
Bbm7
Fm7
Fm7
Bbm7
Bbm7
Fm7
Ab7
Db7
C7
Fm7 / Db7 /
Gm7b5 / C7 /
Groove JazzComboEnd
Fm7
EOF

# ====================================================================== 3 ===
album "Trio Maré" "Ondas" "Trio Maré" "Bossa Nova" 2021 0x0f7b6c 0xf2c14e
folder_cover

song ondas opus fluid 132 4 1 2 "Ondas" <<'EOF'
KeySig D minor
Groove BossaNovaIntro
Dm7
Groove BossaNova
Dm7
Dm7
Em7b5
A7
Dm7
Dm7
Gm7
C7
FM7
BbM7
Em7b5
A7
Dm7
Bbm6
Em7b5 / A7 /
Dm7
Groove BossaNovaPlus
Gm7
C7
FM7
BbM7
Em7b5
A7
Dm7
A7
Groove BossaNovaEnd
Dm7
EOF

song areia_branca opus fluid 140 4 2 2 "Areia Branca" <<'EOF'
KeySig G
Groove BossaNovaIntro1
GM7
Groove BossaNovaSus
GM7
GM7
Am7
D7
Bm7
E7
Am7
D7
CM7
Cm6
Bm7
E7
Am7
D7
GM7
GM7
Groove BossaNovaSusPlus
CM7
Cm6
Bm7
E7
Am7
D7
GM7
Am7 / D7 /
Groove BossaNova1End
GM7
EOF

# ====================================================================== 4 ===
album "Hank Dewitt & the Tumbleweeds" "Dust on the Dial" "Hank Dewitt & the Tumbleweeds" "Country" 2018 0xb5651d 0x3b2314
folder_cover

song dust_on_the_dial ogg fluid 168 4 1 2 "Dust on the Dial" <<'EOF'
KeySig G
Groove CountrySwingIntro
G / D7 /
Groove CountrySwing
G
G
C
G
G
G
D7
D7
G
G7
C
C
G
D7
G
G
Groove CountrySwing1
G
G
C
G
G
G
D7
D7
G
G7
C
Cm
G
D7
G
G
Groove CountrySwingEnd
G
EOF

song tumbleweed_two_step ogg tim 150 4 2 2 "Tumbleweed Two-Step" <<'EOF'
KeySig D
Groove CountrySwingIntro
D / A7 /
Groove CountrySwing2
D
D
G
D
A7
A7
D
D
G
G
D
B7
E7
A7
D
D
Groove CountrySwing
D
D
G
D
A7
A7
D
B7
E7
A7
D
D
Groove CountrySwingEnd
D
EOF

# ====================================================================== 5 ===
album "Muddy Creek Slim" "Delta Demos" "Muddy Creek Slim" "Blues" 2015 0x1f3b73 0x0a0a12

song creek_bed_shuffle mp3vbr fluid 126 4 1 2 "Creek Bed Shuffle" <<'EOF'
KeySig E
Groove BluesIntro
B7
Groove Blues
E7
A7
E7
E7
A7
A7
E7
E7
B7
A7
E7
B7
Groove BluesTriple
E7
A7
E7
E7
A7
A7
E7
E7
B7
A7
E7
B7
Groove BluesEnd
E7
EOF

# The one deliberately untagged file: players must fall back to the path.
song low_lamp_blues mp3-untagged fluid 66 4 2 2 "Low Lamp Blues" <<'EOF'
KeySig G
Groove SlowBlues
G7
C7
G7
G7
C7
C7
G7
E7
Am7
D7
G7 / C7 /
G7 / D7 /
Groove SlowBluesEnd
G7
EOF

# ====================================================================== 6 ===
album "Orchestre du Parc" "Valses" "Orchestre du Parc" "Waltz" 2012 0x5b2a86 0xf5e6c8

song valse_du_parc flac fluid 132 3 1 2 "Valse du Parc" <<'EOF'
KeySig F
Groove WaltzIntro
F
Groove Waltz
F
F
C7
C7
C7
C7
F
F
F
F7
Bb
Bb
F
C7
F
F
Groove WaltzWalk
Dm
Dm
A7
A7
Bb
Bbm
F
D7
Gm
C7
F
F
Groove WaltzEnd
F
EOF

song danube_demo m4a fluid 180 3 2 2 "Danube Demo" <<'EOF'
KeySig D
Groove VieneseWaltzIntro
D
Groove VieneseWaltz
D
D
D
A7
A7
A7
A7
D
D
D
D
G
G
D
A7
D
Groove VieneseWaltz1
A7
A7
A7
D
D
D
D
A7
E7
E7
A7
A7
D
B7
E7
A7
Groove VieneseWaltz2
D
D
D
G
G
D
A7
D
Groove VieneseWaltzEnd
D
EOF

# ====================================================================== 7 ===
# A compilation: album artist "Various Artists", one artist per track.
album "" "Street Parade" "Various Artists" "Sampler" 2023 0xc0392b 0x16a085
folder_cover

song bassline_avenue m4a fluid 104 4 1 4 "Bassline Avenue" "Funkatron Five" "Funk" <<'EOF'
KeySig E minor
Groove BVFunkIntro
Em7
Groove BVFunk
Em7
Em7
Em7
Em7
A9
A9
Em7
Em7
C9
B7#9
Em7
Em7
Groove BVFunkHorns
A9
A9
Em7
Em7
C9
B7#9
Groove BVFunkEnd
Em7
EOF

song skank_street ogg tim 220 4 2 4 "Skank Street" "The Offbeat Orchestra" "Ska" <<'EOF'
KeySig C
Groove Ska
C
C
F
G
C
C
F
G
Am
Am
F
F
C
G
C
C
Groove Ska1
F
F
C
C
F
F
G
G
C
C
F
G
Am
F
C / G /
C
Groove SkaClap
F
G
C
C
Groove SkaEnd
C
EOF

song tango_de_prueba opus fluid 120 4 3 4 "Tango de Prueba" "Cuarteto Prueba" "Tango" <<'EOF'
KeySig A minor
Groove TangoIntro
Am / E7 /
Groove Tango
Am
Am
E7
E7
E7
E7
Am
Am
Dm
Dm
Am
Am
E7
E7
Am
Am
Groove Tango1
F
F
E7
E7
Dm
E7
Am
Groove TangoEnd
Am
EOF

song little_demo_polka wav fluid 240 4 4 4 "Little Demo Polka" "Oompah Demo Kapelle" "Polka" <<'EOF'
KeySig Bb
Groove PolkaIntro
Bb / F7 /
Groove Polka
Bb
Bb
F7
F7
F7
F7
Bb
Bb
Groove PolkaArp
Eb
Eb
Bb
F7
Bb
Groove PolkaEnd
Bb
EOF

# ---------------------------------------------------------------- license ---
{
  cat <<'EOF'
# Soundlike demo library: origin and license

Everything in this folder (audio files and `cover.jpg` images) is generated
by `scripts/make-demo-library.sh`. Nothing was recorded or downloaded: the
script writes the chord charts, renders them and encodes them. Run it again
to regenerate the folder byte-for-byte from the same tool versions.

## How it is made

* **Chord charts**: written for Soundlike; they are the text blocks inside
  `scripts/make-demo-library.sh`. The song, band and album names are
  fictitious.
* **Accompaniment patterns**: the "grooves" of MMA (Musical MIDI
  Accompaniment) 21.09 by Bob van der Poel, from its standard library
  (`/usr/share/mma/lib/stdlib`). MMA and its library files are
  Copyright 2003-2021 Bob van der Poel, licensed GPL-2.0-or-later.
* **Instruments**: MIDI rendered by FluidSynth with
  * *FluidR3_GM.sf2* (Debian `fluid-soundfont-gm`), Copyright 2000-2002, 2008
    Frank Wen, 2008 Toby Smithe, MIT license (notice below);
  * *TimGM6mb.sf2* (Debian `timgm6mb-soundfont`), Copyright 2004 Tim
    Brechbill, 2010 David Bolton, GPL-2.0 (only). Used for the tracks marked
    TimGM6mb in the table below.
* **Encoding, tags and cover art**: ffmpeg. Covers are a gradient plus text
  drawn with the DejaVu Sans Bold font (DejaVu fonts license; the font itself
  is not included).

## License of this demo content

It is not settled whether audio rendered from GPL-licensed patterns and
samples is a derivative work of them, so we do not rely on it not being one.
The demo audio and cover images in this folder are offered under the
**GNU General Public License, version 2** (GPL-2.0-only; `COPYING.GPL-2`),
which satisfies every input above: GPL-2.0-or-later (MMA grooves),
GPL-2.0-only (TimGM6mb) and MIT (FluidR3_GM). Tracks rendered only with
FluidR3_GM may also be used under GPL-2.0-or-later. The "source" of these
files, in the GPL sense, is `scripts/make-demo-library.sh` together with MMA,
FluidSynth, ffmpeg and the two soundfonts named above, all freely available.

This folder's license differs from the MIT license of the Soundlike code; the
demo files are data shipped alongside the program, not part of it.

The MIT notice of FluidR3_GM, as its license requires:

> Copyright (c) 2000-2002, 2008 Frank Wen; (c) 2008 Toby Smithe
>
> Permission is hereby granted, free of charge, to any person obtaining a
> copy of this software and associated documentation files (the "Software"),
> to deal in the Software without restriction, including without limitation
> the rights to use, copy, modify, merge, publish, distribute, sublicense,
> and/or sell copies of the Software, and to permit persons to whom the
> Software is furnished to do so, subject to the following conditions:
>
> The above copyright notice and this permission notice shall be included in
> all copies or substantial portions of the Software.
>
> THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
> IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
> FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
> AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
> LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
> FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
> DEALINGS IN THE SOFTWARE.

## Contents

`Muddy Creek Slim/Delta Demos/02 - Low Lamp Blues.mp3` is deliberately
untagged (no ID3 at all) to exercise the filename/folder fallback.

| File | Encoding | Soundfont | Key | MMA tempo | MMA grooves |
|---|---|---|---|---|---|
EOF
  printf '%s\n' "${LISTING[@]}" | sed -e 's/| mp3 |/| MP3 80 kbit\/s CBR |/' \
    -e 's/| mp3vbr |/| MP3 mono VBR (-q 9) |/' -e 's/| mp3-untagged |/| MP3 mono VBR (-q 9), untagged |/' \
    -e 's/| flac |/| FLAC mono 22.05 kHz |/' -e 's/| ogg |/| Ogg Vorbis q0 |/' \
    -e 's/| opus |/| Opus 32 kbit\/s |/' -e 's/| m4a |/| AAC-LC 48 kbit\/s (M4A) |/' \
    -e 's/| wav |/| WAV PCM 16-bit mono 22.05 kHz |/'
} >"$LIB/LICENSE.md"
if [[ -f /usr/share/common-licenses/GPL-2 ]]; then
  cp /usr/share/common-licenses/GPL-2 "$LIB/COPYING.GPL-2"
else
  echo "warning: /usr/share/common-licenses/GPL-2 not found; COPYING.GPL-2 not written" >&2
fi

# ---------------------------------------------------------------- install ---
# Replace only what this script generates; leave anything else in $OUT alone.
mkdir -p "$OUT"
find "$OUT" -type f \( -name '*.mp3' -o -name '*.flac' -o -name '*.ogg' -o -name '*.opus' \
  -o -name '*.m4a' -o -name '*.wav' -o -name 'cover.jpg' -o -name 'LICENSE.md' \
  -o -name 'COPYING.GPL-2' \) -delete
find "$OUT" -mindepth 1 -type d -empty -delete
cp -R "$LIB/." "$OUT/"

echo "Done in $(($(date +%s) - START)) s: $(find "$OUT" -type f | wc -l) files, $(du -sh "$OUT" | cut -f1)"
