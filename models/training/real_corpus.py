"""The real-music corpus: game soundtracks from Debian's archive, fetched without installing anything.

Only the packages listed in PACKAGES may be used (the rest of the archive's music is how Soundlike's
quality is judged independently: never train, tune or select on it). Per package: `apt-get download`,
`dpkg-deb -x`, then the music files under its music folders (ogg, opus, mp3, flac, wav, and tracker
modules that ffmpeg's libopenmpt decodes) of at least 30 s, identical files once. Fret's on Fire songs
are stored as stems and are mixed with ffmpeg `amix`. Per track: package, path, duration, the file's
own tags (title, artist, album, genre), content hash; per package: version and licences from its
`copyright` file. The split is BY PACKAGE (a soundtrack is an album), fixed in PACKAGES below and chosen
for variety before any model was evaluated on it. Cached and resumable: every step skips what is done.

  /usr/bin/python3 models/training/real_corpus.py                 # all packages -> corpus/real/items.json
  /usr/bin/python3 models/training/real_corpus.py --packages amoebax-data --max-tracks 3 --name real-tiny
"""
import argparse
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CORPUS_ROOT, write_json  # noqa: E402

MIN_SECONDS = 30.0
AUDIO_EXT = (".ogg", ".oga", ".opus", ".mp3", ".flac", ".wav", ".mod", ".xm", ".s3m", ".it")
# A path is music when one of its folders is named like a music folder (sounds, voices, ambience are not).
MUSIC_DIR = re.compile(r"^(music|musics|mus|songs|soundtrack|sound-tracks|bgm|music\.ocg)$", re.I)

# package -> (split, style in a few words). Validation and test hold whole packages of varied styles:
# orchestral, electronic/ambient, rock, tracker/chiptune each appear in every split.
PACKAGES = {
    # train
    "naev-data": ("train", "orchestral / electronic space score"),
    "supertuxkart-data": ("train", "many composers: pop, rock, electronic, orchestral"),
    "widelands-data": ("train", "orchestral / folk"),
    "berusky2-data": ("train", "electronic / ambient"),
    "colobot-common-sounds": ("train", "electronic / orchestral"),
    "unknown-horizons": ("train", "orchestral / folk"),
    "ardentryst": ("train", "orchestral / rock fantasy"),
    "marsshooter-data": ("train", "electronic / orchestral"),
    "starfighter-data": ("train", "electronic / rock"),
    "trackballs-data": ("train", "electronic"),
    "plee-the-bear-data": ("train", "pop / rock"),
    "megaglest-data": ("train", "orchestral / rock"),
    "wizznic-data": ("train", "electronic"),
    "lordsawar-data": ("train", "orchestral"),
    "fillets-ng-data": ("train", "ambient / jazz / pop"),
    "warmux-data": ("train", "rock / electronic"),
    "pekka-kana-2-data": ("train", "tracker modules"),
    "davegnukem-data": ("train", "chiptune / rock"),
    "redeclipse-data": ("train", "electronic / rock / metal"),
    "openclonk-data": ("train", "orchestral / folk"),
    "fretsonfire-songs-sectoid": ("train", "rock songs (stems)"),
    # validation
    "hyperrogue-music": ("val", "ambient / orchestral"),
    "drascula-music": ("val", "adventure-game score"),
    "tecnoballz-data": ("val", "tracker modules"),
    "seahorse-adventures": ("val", "chiptune / pop"),
    "gl-117-data": ("val", "rock / electronic"),
    "neverball-common": ("val", "electronic / ambient"),
    # test (no choice of any kind is made on these)
    "flare-game": ("test", "orchestral fantasy"),
    "singularity-music": ("test", "electronic / ambient"),
    "pingus-data": ("test", "tracker modules"),
    "fretsonfire-songs-muldjord": ("test", "rock songs (stems)"),
    "planetblupi-music-ogg": ("test", "pop / jazz"),
    "amoebax-data": ("test", "electronic / pop"),
    "heroes-sound-tracks": ("test", "rock / electronic"),
    "enigma-data": ("test", "ambient / electronic"),
}
# Packages that hold nothing but music: every audio file of them counts.
MUSIC_ONLY = {"drascula-music", "singularity-music", "hyperrogue-music", "planetblupi-music-ogg", "heroes-sound-tracks",
              "fretsonfire-songs-sectoid", "fretsonfire-songs-muldjord"}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])}...: {r.stderr.strip()[-400:]}")
    return r.stdout


def fetch(pkg, root):
    """apt-get download + dpkg-deb -x into root/pkgs/PKG (skipped when done). Returns (deb path, tree)."""
    debs = os.path.join(root, "debs")
    os.makedirs(debs, exist_ok=True)
    found = glob.glob(os.path.join(debs, f"{pkg}_*.deb"))
    if not found:
        try:
            run(["apt-get", "download", pkg], cwd=debs)
        except RuntimeError:  # a fresh machine may have no package lists yet
            run(["apt-get", "update", "-qq"])
            run(["apt-get", "download", pkg], cwd=debs)
        found = glob.glob(os.path.join(debs, f"{pkg}_*.deb"))
    deb = sorted(found)[-1]
    tree = os.path.join(root, "pkgs", pkg)
    if not os.path.exists(tree + ".extracted"):
        os.makedirs(tree, exist_ok=True)
        run(["dpkg-deb", "-x", deb, tree])
        open(tree + ".extracted", "w").close()
    return deb, tree


FREE_FORM = [  # (pattern in a free-form copyright file, licence id), checked in this order
    (r"Attribution[- ]?Share[- ]?Alike|by-sa/3\.0|paternity share alike", "CC-BY-SA-3.0"),
    (r"Creative Commons Attribution 3\.0", "CC-BY-3.0"),
    (r"GNU General Public License[^.]*?version 3|common-licenses/GPL-3", "GPL-3+"),
    (r"GNU General Public License[^.]*?version 2|common-licenses/GPL-2", "GPL-2+"),
    (r"GNU General Public License|common-licenses/GPL\b|licensed under the GPL", "GPL"),
    (r"\bISC license", "ISC"),
    (r"\bMIT license", "MIT"),
    (r"\bBSD licensed|BSD license", "BSD"),
]


def licences(tree, pkg):
    """The licence names of the package's copyright file: its License: fields (machine-readable format), else
    the licences a free-form file names (FREE_FORM), in order of appearance."""
    path = os.path.join(tree, "usr/share/doc", pkg, "copyright")
    if not os.path.exists(path):
        return dict(licences=[], copyright_file=None)
    text = open(path, errors="replace").read()
    names = []
    if re.search(r"^Format:", text, re.M):
        for m in re.finditer(r"^License:\s*(.+)$", text, re.M):
            n = m.group(1).strip()
            if n and n not in names:
                names.append(n)
    else:
        found = []
        flat = " ".join(text.split())
        for pattern, name in FREE_FORM:
            m = re.search(pattern, flat, re.I)
            if m and not (name == "GPL" and any(n.startswith("GPL-") for _, n in found)):
                found.append((m.start(), name))
        names = [n + " (free-form copyright file)" for _, n in sorted(found)]
    return dict(licences=names, copyright_file=f"/usr/share/doc/{pkg}/copyright")


def is_music(rel, pkg):
    parts = rel.split("/")[:-1]
    return pkg in MUSIC_ONLY or any(MUSIC_DIR.match(p) for p in parts)


def probe(path):
    out = json.loads(run(["ffprobe", "-v", "error", "-show_entries", "format=duration:format_tags", "-of", "json", path]))
    fmt = out.get("format", {})
    tags = {k.lower(): v for k, v in (fmt.get("tags") or {}).items()}
    dur = float(fmt.get("duration") or 0.0)
    return dur, {k: tags.get(k) for k in ("title", "artist", "album", "genre")}


def mix_stems(song_dir, out_path):
    """A Fret's on Fire song: its stems (song.ogg, guitar.ogg, rhythm.ogg, ...) mixed into one file."""
    stems = sorted(p for p in glob.glob(os.path.join(song_dir, "*.ogg")) if os.path.basename(p) != "preview.ogg")
    if not os.path.exists(out_path):
        inputs = sum((["-i", s] for s in stems), [])
        run(["ffmpeg", "-v", "error", "-nostdin", "-y", *inputs, "-filter_complex",
             f"amix=inputs={len(stems)}:duration=longest:normalize=0", "-c:a", "flac", out_path + ".tmp.flac"])
        os.replace(out_path + ".tmp.flac", out_path)
    ini = os.path.join(song_dir, "song.ini")
    meta = {}
    if os.path.exists(ini):
        for ln in open(ini, errors="replace"):
            k, _, v = ln.partition("=")
            meta[k.strip().lower()] = v.strip()
    return meta


def candidates(pkg, tree, root):
    """(absolute path, tags override) of every music file of a package (stems mixed first)."""
    out = []
    if pkg.startswith("fretsonfire-songs"):
        mixed = os.path.join(root, "mixed", pkg)
        os.makedirs(mixed, exist_ok=True)
        for ini in sorted(glob.glob(os.path.join(tree, "**", "song.ini"), recursive=True)):
            d = os.path.dirname(ini)
            dst = os.path.join(mixed, os.path.basename(d) + ".flac")
            meta = mix_stems(d, dst)
            out.append((dst, dict(title=meta.get("name"), artist=meta.get("artist"), album=None, genre=meta.get("genre"))))
        return out
    for dirpath, _, files in os.walk(tree):
        for f in sorted(files):
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, tree)
            if f.lower().endswith(AUDIO_EXT) and is_music(rel, pkg) and not os.path.islink(full):
                out.append((full, None))
    return sorted(out)


def sha1(path):
    h = hashlib.sha1()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def package_tracks(pkg, root, max_tracks):
    cache = os.path.join(root, "pkgs", pkg + ".json")
    if os.path.exists(cache) and max_tracks == 0:
        with open(cache) as f:
            info = json.load(f)
        return dict(info, **licences(os.path.join(root, "pkgs", pkg), pkg))
    deb, tree = fetch(pkg, root)
    info = dict(package=pkg, deb=os.path.basename(deb), split=PACKAGES[pkg][0], style=PACKAGES[pkg][1],
                **licences(tree, pkg), tracks=[], skipped=[])
    seen = set()
    for path, override in candidates(pkg, tree, root):
        rel = os.path.relpath(path, root)
        try:
            dur, tags = probe(path)
        except RuntimeError as e:
            info["skipped"].append(dict(path=rel, reason=f"unreadable: {e}"))
            continue
        if override:
            tags = {k: override.get(k) or tags.get(k) for k in tags}
        if dur < MIN_SECONDS:
            info["skipped"].append(dict(path=rel, reason=f"{dur:.1f} s < {MIN_SECONDS:.0f} s"))
            continue
        digest = sha1(path)
        if digest in seen:
            info["skipped"].append(dict(path=rel, reason="duplicate of another file"))
            continue
        seen.add(digest)
        info["tracks"].append(dict(path=rel, duration=round(dur, 2), sha1=digest, **tags))
        if max_tracks and len(info["tracks"]) >= max_tracks:
            break
    if max_tracks == 0:
        write_json(cache, info)
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", default="real", help="corpus folder under models/training/corpus")
    ap.add_argument("--packages", default="", help="comma list (default: every package of PACKAGES)")
    ap.add_argument("--max-tracks", type=int, default=0, help="at most this many tracks per package (0 = all)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--split-by-track", action="store_true",
                    help="CI plumbing only: deal the chosen packages' tracks into train/val/test (real numbers never do)")
    a = ap.parse_args()
    root = os.path.join(CORPUS_ROOT, a.name)
    pkgs = [p for p in a.packages.split(",") if p] or list(PACKAGES)
    unknown = [p for p in pkgs if p not in PACKAGES]
    if unknown:
        sys.exit(f"[real] not in the allowed list (models/training/real_corpus.py PACKAGES): {', '.join(unknown)}")
    with ThreadPoolExecutor(a.jobs) as pool:
        infos = list(pool.map(lambda p: package_tracks(p, root, a.max_tracks), pkgs))
    items, packages = [], {}
    for info in infos:
        packages[info["package"]] = {k: v for k, v in info.items() if k not in ("tracks", "skipped")} | dict(
            tracks=len(info["tracks"]), hours=round(sum(t["duration"] for t in info["tracks"]) / 3600, 3),
            skipped=len(info["skipped"]))
        for k, t in enumerate(info["tracks"]):
            split = ("train", "train", "val", "test")[k % 4] if a.split_by_track else info["split"]
            items.append(dict(t, package=info["package"], split=split))
    split_sum = {}
    for it in items:
        s = split_sum.setdefault(it["split"], dict(packages=set(), tracks=0, hours=0.0))
        s["packages"].add(it["package"]); s["tracks"] += 1; s["hours"] += it["duration"] / 3600
    splits = {k: dict(packages=sorted(v["packages"]), tracks=v["tracks"], hours=round(v["hours"], 2)) for k, v in split_sum.items()}
    write_json(os.path.join(root, "items.json"), dict(root=root, min_seconds=MIN_SECONDS, packages=packages,
                                                      splits=splits, items=items))
    for k, v in splits.items():
        print(f"[real] {k}: {v['tracks']} tracks, {v['hours']} h, {len(v['packages'])} packages")
    print(f"[real] {len(items)} tracks -> {os.path.join(root, 'items.json')}")


if __name__ == "__main__":
    main()
