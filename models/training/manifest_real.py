"""The manifest's real-music sections: the corpus and its licences, what each measured tag means, how
right each tag group is on held-out real music, and which groups the app may show as facts."""
import os

from common import CORPUS_ROOT, read_json
import signal_tags as ST

# A group is shown as a fact only when its most probable class is right at least three times in four on
# held-out real music AND beats always answering the commonest class by 0.15: below that a chip in the
# why-panel would mislead often, or say nothing the base rate does not. Decided on the validation packages,
# and the test packages must confirm it (a group that passes one and fails the other is not shown).
BAR = dict(accuracy=0.75, over_majority=0.15)
MAP_PREFERENCE = ("brightness", "percussion", "loudness", "tempo", "mode")


def tag_definitions():
    out = {g: dict(measure=m, unit=u, classes=names, thresholds=th,
                   rule=f"{names[0]} below {th[0]:g} {u}".strip() + f"; {names[-1]} from {th[-1]:g} {u}".rstrip(),
                   measured_on="the fragment's own log-mel (the model's input)")
           for g, (m, u, names, th) in ST.THRESHOLDS.items()}
    out["loudness"]["note"] = "dB relative to a full-scale 1 kHz sine"
    out["tempo"] = dict(measure="local tempo of aubio's beat tracker (median inter-beat interval within +-6 s)",
                        unit="bpm", classes=[c for c, _ in ST.TEMPO_CLASSES], thresholds=[90, 130],
                        note="tempos under 80 bpm are read as their double (beat trackers lock to half tempo); "
                             "unknown where there is no steady beat; the synthetic corpus gives its true tempo")
    out["mode"] = dict(measure="chroma over +-10 s against the Krumhansl-Kessler major/minor key profiles", unit="",
                       classes=["major", "minor"], note="unknown where the major/minor margin is small")
    return out


def passes(q):
    return q["accuracy"] >= BAR["accuracy"] and q["accuracy"] - q["majority"] >= BAR["over_majority"]


MEASURED_NOTE = "measured in the graph from the fragment's log-mel (not predicted)"


def tag_quality_and_display(val_groups, test_groups, measured=()):
    """Per group: its accuracy on the test packages (validation beside it), `source` ("measured": the model
    computes the group in its graph from the log-mel, model.MeasuredRows; "predicted": the tag layer guesses it)
    and whether it is shown. The bar is the same for both: a measured group passes on its numbers."""
    quality = {}
    for g, t in test_groups.items():
        v = val_groups.get(g)
        shown = bool(v and passes(v) and passes(t))
        quality[g] = dict(accuracy=round(t["accuracy"], 4), majority=round(t["majority"], 4), fragments=t["fragments"],
                          validation_accuracy=round(v["accuracy"], 4) if v else None, shown=shown,
                          source="measured" if g in measured else "predicted")
        if g in measured:
            quality[g]["note"] = MEASURED_NOTE
    for g in ("family", "groove", "inst", "meter"):
        quality[g] = dict(shown=False, source="predicted", note="synthetic style tags: no truth exists for them on real music, so they "
                                           "cannot be shown as facts")
    shown = [g for g in ("tempo", "loudness", "brightness", "percussion", "mode") if quality.get(g, {}).get("shown")]
    display = dict(groups=shown, map_colour_group=next((g for g in MAP_PREFERENCE if g in shown), None),
                   rule="each shown group's tags are exclusive classes: a fragment shows its group's most probable class",
                   bar=dict(BAR, where="real-music validation packages to decide, test packages to confirm"))
    return quality, display


def real_corpus_section(source):
    name = source[len("real corpus "):]
    d = read_json(os.path.join(CORPUS_ROOT, name, "items.json"))
    return dict(
        description=("game soundtracks from Debian's archive (apt-get download + dpkg-deb -x, nothing installed), music "
                     f"folders only, tracks of at least {d['min_seconds']:g} s, identical files once, Fret's on Fire "
                     "stems mixed with ffmpeg amix; split by package (a soundtrack is an album), fixed before any "
                     "evaluation"),
        splits=d["splits"],
        packages={p: dict(split=v["split"], style=v["style"], tracks=v["tracks"], hours=v["hours"], deb=v["deb"],
                          licences=v["licences"], copyright_file=v["copyright_file"]) for p, v in d["packages"].items()})
