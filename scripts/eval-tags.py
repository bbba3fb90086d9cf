#!/usr/bin/env python3
"""Measures who wrote each message and what it is about on a labelled set, as
shared/EVALUATION.md defines it: ingest SET/maildir with BINARY into a fresh data directory
(office address and département given, RNE files and an address book imported first), export,
and compare with SET/truth.jsonl.

usage: scripts/eval-tags.py BINARY SET_DIR OFFICE_ADDRESS DEPARTEMENT [--rne FILE]…
                            [--contacts FILE] [--show N] [--data DIR]

--national adds the national directory: the full national mayors file and a national-size
municipal-councillors file (examples/national_directory.rs, built once under target/).

Prints, over personal messages: officials right person (label has an official), false-match rate
(label has none, but an official was exported), calibration (share right among exported
officials at confidence >= 0.9, and below), communes and themes micro precision/recall, primary
theme accuracy.
"""
import json
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())


def national_files():
    shared = ROOT.parent / "shared" / "data" / "rne"
    mayors = shared / "2026-04-28" / "elus-maires-mai.csv"
    cm = ROOT / "target" / "national-cm.csv"
    if not cm.exists():
        subprocess.run(["cargo", "build", "--release", "--example", "national_directory"], check=True, cwd=ROOT)
        subprocess.run([str(ROOT / "target" / "release" / "examples" / "national_directory"), str(cm), str(mayors),
                        str(shared / "elus-conseillers-municipaux-cm.32-44.csv"), "--skip", "32,44"], check=True)
    return [str(mayors), str(shared / "elus-conseillers-municipaux-cm.32-44.csv"), str(cm)]


def main() -> int:
    args = sys.argv[1:]
    opts = {"--rne": [], "--contacts": [], "--show": ["0"], "--data": []}
    national = "--national" in args
    if national:
        args.remove("--national")
    rest = []
    i = 0
    while i < len(args):
        if args[i] in opts:
            opts[args[i]].append(args[i + 1])
            i += 2
        else:
            rest.append(args[i])
            i += 1
    if len(rest) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    binary, set_dir, office, dept = rest
    set_dir = Path(set_dir)
    show = int(opts["--show"][-1])
    rne = opts["--rne"] + (national_files() if national else [])
    truth = [json.loads(l) for l in (set_dir / "truth.jsonl").read_text().splitlines() if l.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(opts["--data"][0]) if opts["--data"] else Path(tmp) / "data"
        run = lambda *a: subprocess.run([binary, "--data", str(data), "-q", *a], check=True, capture_output=True, text=True).stdout
        run("init")
        config = data / "permanence.toml"
        text = config.read_text()
        text = text.replace("departements = []", f'departements = ["{dept}"]')
        text = text.replace("addresses = []", f'addresses = ["{office}"]')
        config.write_text(text)
        if rne:
            run("officials", "import", *rne)
        for book in opts["--contacts"]:
            run("contacts", "import", book)
        run("ingest", "--maildir", str(set_dir / "maildir"))
        exported = [json.loads(l) for l in run("export", "--format", "jsonl").splitlines() if l.strip()]
    by_id = {}
    for m in exported:
        by_id.setdefault(m["message_id"], m)
    # Personal mail: `personal`, or a set's finer labels for people (citizen, association…).
    automatic = {"auto_reply", "bulk", "bounce", "spam", "automatic"}
    personal = [t for t in truth if t["kind"] not in automatic and t["message_id"] in by_id]
    # Officials.
    right = with_official = false = citizens = 0
    calib = {"high": [0, 0], "low": [0, 0]}
    misses = []
    for t in personal:
        m = by_id[t["message_id"]]
        got = m.get("official")
        want = t.get("official")
        got_key = (fold(got["nom"]), fold(got["prenom"]), got.get("commune_code")) if got else None
        want_key = (fold(want["nom"]), fold(want["prenom"]), want.get("commune_code")) if want else None
        if want:
            with_official += 1
            right += got_key == want_key
            if got_key != want_key:
                misses.append(f"official: {t['message_id']} want {want_key} got {got_key} ({got and got['method']})")
        else:
            citizens += 1
            if got:
                false += 1
                misses.append(f"false match: {t['message_id']} got {got_key} ({got['method']}, {got['confidence']})")
        if got:
            band = "high" if got["confidence"] >= 0.9 else "low"
            calib[band][1] += 1
            calib[band][0] += got_key == want_key
    # Communes and themes, micro-averaged.
    def micro(field):
        tp = fp = fn = 0
        for t in personal:
            want, got = set(t.get(field) or []), set(by_id[t["message_id"]].get(field) or [])
            tp += len(want & got)
            fp += len(got - want)
            fn += len(want - got)
        return tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    primary_total = primary_right = 0
    for t in personal:
        want = (t.get("themes") or [None])[0]
        got = by_id[t["message_id"]].get("primary_theme")
        primary_total += 1
        primary_right += want == got
    print(f"set {set_dir.name}: {len(truth)} labelled messages, {len(personal)} personal; directory: {len(rne)} RNE files{' (national)' if national else ''}")
    print(f"officials: right person {right}/{with_official} = {right / max(with_official, 1):.3f}; "
          f"false-match rate {false}/{citizens} = {false / max(citizens, 1):.4f}")
    for band, (ok, n) in calib.items():
        print(f"  confidence {'>=' if band == 'high' else '<'} 0.9: {ok}/{n} right = {ok / max(n, 1):.3f}")
    cp, cr = micro("communes")
    tp_, tr = micro("themes")
    print(f"communes: precision {cp:.3f}, recall {cr:.3f}")
    print(f"themes: precision {tp_:.3f}, recall {tr:.3f}; primary theme right {primary_right}/{primary_total} = {primary_right / max(primary_total, 1):.3f}")
    for line in misses[:show]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
