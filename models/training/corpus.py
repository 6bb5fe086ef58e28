"""Generate a reproducible, tagged training corpus from Debian's mma grooves + GM soundfonts.

Songs are chord charts generated per style family (key, tempo in the style's range, major/minor
progression, groove variant), turned into MIDI by `mma` and rendered by `fluidsynth` once per
soundfont. Tags come only from what we chose (family, groove, tempo, meter, mode) or read back from
the MIDI file (GM instrument families that actually play notes). Split is by song.

  /usr/bin/python3 models/training/corpus.py --name main --songs 500 --jobs 2
"""
import argparse
import os
import random
import re
import struct
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CORPUS_ROOT, SOUNDFONTS, SAMPLE_RATE, seed_everything, write_json  # noqa: E402

MMA_LIB = "/usr/share/mma/lib/stdlib"

# style family -> (grooves in mma's stdlib, tempo range in beats per minute)
FAMILIES = {
    "rock": (["50srock", "60srock", "8beat", "basicrock", "bubblerock", "folkrock", "rock-128",
              "softrock", "twist", "jazzrock"], (96, 152)),
    "ballad": (["ballad", "ballad128", "ballad68", "folkballad", "guitarballad", "pianoballad",
                "popballad", "rb-ballad", "rockballad", "stringballad", "lullaby"], (56, 88)),
    "swing": (["68swing", "bigband", "swing", "easyswing", "fastswing", "jive", "foxtrot",
               "quickstep", "strut"], (110, 200)),
    "jazz": (["bebop", "jazzcombo", "jazzguitar", "modernjazz", "mellowjazz", "nitejazz", "slowjazz",
              "descendingjazz", "evansish", "folkyjazz", "gypsyjazz", "lfusion"], (90, 190)),
    "dixie-ragtime": (["dixie", "charleston", "ragtime", "softshoe"], (100, 180)),
    "latin": (["afro-cuban", "beguine", "bolero", "slowbolero", "bossanova", "chacha", "mambo",
               "merengue", "rhumba", "jazzrhumba", "salsa", "samba", "son", "cubanguitar"], (90, 160)),
    "tango": (["tango", "lighttango"], (110, 130)),
    "waltz": (["waltz", "fastwaltz", "vienesewaltz", "frenchwaltz", "broadwaywaltz", "countrywaltz",
               "jazzwaltz", "fastjazzwaltz", "modernjazzwaltz", "latinwaltz", "rockwaltz"], (90, 180)),
    "march": (["march", "68march", "bwmarch", "dixiemarch"], (100, 132)),
    "polka": (["polka"], (100, 140)),
    "country-folk": (["bluegrass", "folk", "hillcountry", "slowcountry", "countryswing",
                      "westernswing", "bluefolk", "zydeco"], (80, 160)),
    "blues": (["blues", "blues128", "blues68", "fastblues", "slowblues", "boggiewoggie",
               "shuffleboggie", "countryblues"], (66, 150)),
    "funk-soul": (["bvfunk", "dsoul", "rb", "boneym"], (88, 124)),
    "ska-caribbean": (["ska", "calypso"], (110, 170)),
    "gospel": (["hymn", "spiritual", "slowspiritual", "popspiritual"], (60, 110)),
    "showtune": (["broadway", "slowbroadway", "showtune"], (90, 160)),
    "electronic": (["trance"], (124, 140)),
}

NOTE_NAMES = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"]
# Progressions as (semitones above tonic, chord suffix) per bar; two chords in a bar as a tuple.
MAJOR_PROGS = [
    [(0, ""), (9, "m"), (5, ""), (7, "7")],
    [(0, ""), (5, ""), (7, "7"), (0, "")],
    [(2, "m7"), (7, "7"), (0, "M7"), (0, "M7")],
    [(0, ""), (7, ""), (9, "m"), (5, "")],
    [(0, ""), (4, "m"), (5, ""), (7, "7")],
    [(0, "7"), (5, "7"), (0, "7"), (0, "7"), (5, "7"), (5, "7"), (0, "7"), (0, "7"), (7, "7"),
     (5, "7"), (0, "7"), (7, "7")],  # 12-bar blues
    [(0, "M7"), (9, "m7"), (2, "m7"), (7, "7")],
    [(0, ""), (0, ""), (5, ""), (7, "")],
]
MINOR_PROGS = [
    [(0, "m"), (5, "m"), (7, "7"), (0, "m")],
    [(0, "m"), (8, ""), (3, ""), (10, "")],
    [(0, "m"), (5, "m"), (10, ""), (3, "")],
    [(2, "m7b5"), (7, "7"), (0, "m"), (0, "m")],
    [(0, "m"), (10, ""), (8, ""), (7, "7")],
    [(0, "m7"), (5, "m7"), (0, "m7"), (7, "7")],
]

GM_FAMILIES = ["piano", "chromatic-perc", "organ", "guitar", "bass", "strings", "ensemble", "brass",
               "reed", "pipe", "synth-lead", "synth-pad", "synth-fx", "ethnic", "percussive", "sfx"]


def tempo_class(bpm: int) -> str:
    return "slow" if bpm < 90 else ("medium" if bpm <= 130 else "fast")


def groove_info(name: str):
    """Return (meter, [playable groove variant names]) parsed from the groove file."""
    text = open(os.path.join(MMA_LIB, name + ".mma"), errors="replace").read()
    m = re.search(r"^\s*Time\s+(\d+)", text, re.M | re.I)
    meter = int(m.group(1)) if m else 4
    variants = []
    for g in re.findall(r"^\s*DefGroove\s+(\S+)", text, re.M | re.I):
        if re.search(r"intro|fill|break|metronome|(end|ending)\d*$", g, re.I):
            continue
        if g not in variants:
            variants.append(g)
    return meter, variants


def read_varlen(data: bytes, pos: int):
    """A MIDI variable-length quantity at pos -> (value, position after it)."""
    value = 0
    while True:
        c = data[pos]
        pos += 1
        value = (value << 7) | (c & 0x7F)
        if not c & 0x80:
            return value, pos


def midi_instruments(path: str, min_notes: int = 8):
    """GM instrument families (and 'drums') that play at least min_notes notes in a MIDI file."""
    data = open(path, "rb").read()
    pos, counts = 14, {}
    while pos + 8 <= len(data):
        tag, ln = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        pos += 8
        end = pos + ln
        if tag != b"MTrk":
            pos = end
            continue
        program, status = {}, 0
        while pos < end:
            while data[pos] & 0x80:  # delta time (varlen)
                pos += 1
            pos += 1
            b = data[pos]
            if b == 0xFF or b in (0xF0, 0xF7):  # meta event (FF type len data) or sysex (F0/F7 len data)
                ln2, pos = read_varlen(data, pos + (2 if b == 0xFF else 1))
                pos += ln2
                continue
            if b & 0x80:
                status = b
                pos += 1
            kind, ch = status & 0xF0, status & 0x0F
            nbytes = 1 if kind in (0xC0, 0xD0) else 2
            args = data[pos:pos + nbytes]
            pos += nbytes
            if kind == 0xC0:
                program[ch] = args[0]
            elif kind == 0x90 and args[1] > 0:
                key = "drums" if ch == 9 else GM_FAMILIES[program.get(ch, 0) // 8]
                counts[key] = counts.get(key, 0) + 1
        pos = end
    return sorted(k for k, v in counts.items() if v >= min_notes)


def make_songs(n_songs: int, seed: int, seconds=(24, 34), split=(0.6, 0.1, 0.3), families=None):
    rng = random.Random(seed)
    fams = sorted(families or FAMILIES)
    info = {g: groove_info(g) for f in fams for g in FAMILIES[f][0]}
    songs = []
    for i in range(n_songs):
        fam = fams[i % len(fams)]
        grooves, (lo, hi) = FAMILIES[fam]
        groove = grooves[(i // len(fams)) % len(grooves)] if rng.random() < 0.5 else rng.choice(grooves)
        meter, variants = info[groove]
        variant = rng.choice(variants)
        bpm = rng.randint(lo, hi)
        mode = "minor" if rng.random() < 0.4 else "major"
        prog = rng.choice(MINOR_PROGS if mode == "minor" else MAJOR_PROGS)
        tonic = rng.randrange(12)
        bars = max(4, round(rng.uniform(*seconds) * bpm / 60.0 / meter))
        songs.append(dict(id=f"s{i:04d}", family=fam, groove=groove, variant=variant, meter=meter,
                          bpm=bpm, mode=mode, key=NOTE_NAMES[tonic], tonic=tonic, prog=prog, bars=bars))
    # split by song, stratified by family
    by_fam = {}
    for s in songs:
        by_fam.setdefault(s["family"], []).append(s)
    for fam in fams:
        lst = by_fam.get(fam, [])
        rng.shuffle(lst)
        n = len(lst)
        n_tr = max(1, round(n * split[0]))
        n_va = max(1, round(n * split[1])) if n >= 3 else 0
        for j, s in enumerate(lst):
            s["split"] = "train" if j < n_tr else ("val" if j < n_tr + n_va else "test")
    return songs


def chart(song) -> str:
    lines = [f"// Soundlike corpus song {song['id']}", f"Tempo {song['bpm']}", f"Groove {song['variant']}"]
    prog, t = song["prog"], song["tonic"]
    for b in range(song["bars"]):
        semis, suf = prog[b % len(prog)]
        lines.append(f"{b + 1} {NOTE_NAMES[(t + semis) % 12]}{suf}")
    return "\n".join(lines) + "\n"


def render_one(args):
    song, out_dir, sf_names = args
    mid = os.path.join(out_dir, "midi", song["id"] + ".mid")
    mma_path = os.path.join(out_dir, "midi", song["id"] + ".mma")
    if not os.path.exists(mid):
        with open(mma_path, "w") as f:
            f.write(chart(song))
        r = subprocess.run(["mma", "-f", mid, mma_path], capture_output=True, text=True)
        if r.returncode != 0 or not os.path.exists(mid):
            return song["id"], None, "mma failed: " + r.stdout[-300:] + r.stderr[-300:]
    inst = midi_instruments(mid)
    for sf in sf_names:
        wav = os.path.join(out_dir, "wav", f"{song['id']}__{sf}.wav")
        if os.path.exists(wav):
            continue
        tmp = wav + ".part.wav"
        r = subprocess.run(["fluidsynth", "-ni", "-q", "-F", tmp, "-r", str(SAMPLE_RATE), "-g", "0.6",
                            SOUNDFONTS[sf][0], mid], capture_output=True, text=True)
        if r.returncode != 0 or not os.path.exists(tmp):
            return song["id"], None, "fluidsynth failed: " + r.stderr[-300:]
        os.replace(tmp, wav)
    return song["id"], inst, None


def tags_for(song, inst):
    t = [f"family:{song['family']}", f"groove:{song['groove']}", f"tempo:{tempo_class(song['bpm'])}",
         f"meter:{song['meter']}", f"mode:{song['mode']}"]
    t += [f"inst:{i}" for i in inst]
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", default="main", help="corpus name (folder under models/training/corpus)")
    ap.add_argument("--songs", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--min-seconds", type=float, default=24)
    ap.add_argument("--max-seconds", type=float, default=34)
    ap.add_argument("--train-soundfonts", default="fluidr3,timgm6mb,csoundgm,opl3")
    ap.add_argument("--unseen-soundfont", default="musescore", help="rendered for test songs only ('' = none)")
    ap.add_argument("--families", default="", help="comma-separated subset of style families (default: all)")
    ap.add_argument("--splits", default="", help="render only songs of these splits (comma list, e.g. test,val); "
                    "the songs and their split are the same as in a full run")
    a = ap.parse_args()
    seed_everything(a.seed)
    out = os.path.join(CORPUS_ROOT, a.name)
    os.makedirs(os.path.join(out, "midi"), exist_ok=True)
    os.makedirs(os.path.join(out, "wav"), exist_ok=True)
    fams = [f for f in a.families.split(",") if f] or None
    songs = make_songs(a.songs, a.seed, (a.min_seconds, a.max_seconds), families=fams)
    train_sfs = [s for s in a.train_soundfonts.split(",") if s]
    if a.splits:
        songs = [s for s in songs if s["split"] in a.splits.split(",")]
    jobs = []
    for s in songs:
        sfs = list(train_sfs)
        if a.unseen_soundfont and s["split"] == "test":
            sfs.append(a.unseen_soundfont)
        jobs.append((s, out, sfs))
    results = {}
    with ProcessPoolExecutor(max_workers=a.jobs) as ex:
        for k, (sid, inst, err) in enumerate(ex.map(render_one, jobs, chunksize=2)):
            results[sid] = (inst, err)
            if err:
                print(f"[corpus] {sid}: {err}", file=sys.stderr)
            if (k + 1) % 25 == 0:
                print(f"[corpus] rendered {k + 1}/{len(jobs)}", flush=True)
    items = []
    for s, (_, _, sfs) in zip(songs, jobs):
        inst, err = results[s["id"]]
        if err:
            continue
        for sf in sfs:
            items.append(dict(path=os.path.join("wav", f"{s['id']}__{sf}.wav"), song=s["id"], soundfont=sf,
                              split=s["split"] if sf in train_sfs else "test-unseen",
                              tags=tags_for(s, inst), family=s["family"]))
    write_json(os.path.join(out, "songs.json"), dict(seed=a.seed, train_soundfonts=train_sfs,
                                                     unseen_soundfont=a.unseen_soundfont, songs=songs))
    write_json(os.path.join(out, "items.json"), dict(root=out, items=items))
    n_fail = sum(1 for v in results.values() if v[1])
    print(f"[corpus] {len(songs)} songs, {len(items)} renderings, {n_fail} failed -> {out}")
    return 1 if n_fail == len(songs) else 0


if __name__ == "__main__":
    sys.exit(main())
