#!/usr/bin/env python3
"""Measures case filing on a labelled set (shared/EVALUATION.md): ingest SET/maildir with BINARY
into a fresh data directory (office address and département given), export, and compare with
SET/truth.jsonl.

usage: scripts/eval-cases.py BINARY SET_DIR OFFICE_ADDRESS DEPARTEMENT [--show N] [--set KEY=VALUE]…

--set replaces a key's value in permanence.toml (e.g. --set campaign_similarity=0.4).

Prints automatic-mail precision/recall (positive class: auto_reply, bulk, bounce), pairwise case
precision/recall over personal messages with a case label, automatic messages put in a case, and
predicted cases whose members carry more than one label (with examples when --show is given).
"""
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

AUTOMATIC = {"auto_reply", "bulk", "bounce"}


def main() -> int:
    args = sys.argv[1:]
    show = 0
    if "--show" in args:
        i = args.index("--show")
        show = int(args[i + 1])
        del args[i : i + 2]
    settings = []
    while "--set" in args:
        i = args.index("--set")
        settings.append(args[i + 1].split("=", 1))
        del args[i : i + 2]
    if len(args) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    binary, set_dir, office, dept = args
    set_dir = Path(set_dir)
    truth = [json.loads(l) for l in (set_dir / "truth.jsonl").read_text().splitlines() if l.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        run = lambda *a: subprocess.run([binary, "--data", str(data), "-q", *a], check=True, capture_output=True, text=True).stdout
        run("init")
        config = data / "permanence.toml"
        text = config.read_text()
        text = text.replace("departements = []", f'departements = ["{dept}"]')
        text = text.replace("addresses = []", f'addresses = ["{office}"]')
        for key, value in settings:
            lines = [f"{key} = {value}" if l.startswith(f"{key} =") else l for l in text.splitlines()]
            text = "\n".join(lines) + "\n"
        config.write_text(text)
        run("ingest", "--maildir", str(set_dir / "maildir"))
        exported = [json.loads(l) for l in run("export", "--format", "jsonl").splitlines() if l.strip()]
    by_id = {}
    for m in exported:
        by_id.setdefault(m["message_id"], m)
    missing = [t["message_id"] for t in truth if t["message_id"] not in by_id]
    # Automatic mail.
    tp = fp = fn = 0
    auto_in_case = 0
    for t in truth:
        m = by_id.get(t["message_id"])
        if m is None:
            continue
        truly, said = t["kind"] in AUTOMATIC, m["kind"] in AUTOMATIC
        tp += truly and said
        fp += said and not truly
        fn += truly and not said
        if t["kind"] != "personal" and m.get("case_id") is not None:
            auto_in_case += 1
    # Pairwise case grouping.
    items = []
    for t in truth:
        m = by_id.get(t["message_id"])
        if m is None or t["kind"] != "personal" or not t.get("case"):
            continue
        got = m.get("case_id")
        items.append((t["case"], f"case{got}" if got is not None else f"alone:{t['message_id']}", t["message_id"], m.get("subject", "")))
    by_truth = collections.Counter(i[0] for i in items)
    by_got = collections.Counter(i[1] for i in items)
    both = collections.Counter((i[0], i[1]) for i in items)
    pairs = lambda c: sum(n * (n - 1) // 2 for n in c.values())
    truth_pairs, got_pairs, both_pairs = pairs(by_truth), pairs(by_got), pairs(both)
    precision = both_pairs / got_pairs if got_pairs else 1.0
    recall = both_pairs / truth_pairs if truth_pairs else 1.0
    mixed = collections.defaultdict(set)
    for i in items:
        mixed[i[1]].add(i[0])
    mixing = {g: ls for g, ls in mixed.items() if len(ls) > 1}
    print(f"set {set_dir.name}: {len(truth)} labelled messages, {len(missing)} not found after ingest")
    print(f"automatic mail: precision {tp / max(tp + fp, 1):.3f}, recall {tp / max(tp + fn, 1):.3f} ({tp} found, {fp} false, {fn} missed); automatic messages in a case: {auto_in_case}")
    print(f"cases: {len(items)} messages in {len(by_truth)} labelled cases; pairwise precision {precision:.3f}, recall {recall:.3f}; predicted cases mixing labels: {len(mixing)}")
    if show:
        worst = sorted(mixing.items(), key=lambda kv: -by_got[kv[0]])[:show]
        for g, ls in worst:
            print(f"  {g} ({by_got[g]} messages) mixes {sorted(ls)[:8]}")
        split = collections.defaultdict(set)
        for i in items:
            split[i[0]].add(i[1])
        worst = sorted(((t, gs) for t, gs in split.items() if len(gs) > 1), key=lambda kv: -by_truth[kv[0]])[:show]
        for t, gs in worst:
            print(f"  {t} ({by_truth[t]} messages) split over {len(gs)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
