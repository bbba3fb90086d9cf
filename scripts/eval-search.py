#!/usr/bin/env python3
"""Recall of the search on a labelled list of French queries (issue 17).

usage: scripts/eval-search.py BINARY [SET] [--show N]

Builds the demo data directory (`demo --no-serve`: the bundled office mail, the public test
corpora, the Isère officials) in a scratch directory, runs every query of SET (default
fixtures/search-eval/queries.jsonl: one {"query", "expect": [message-id…]} per line) with
`search --json --limit 1000`, and prints the recall over all expected (query, message) pairs,
the share of queries that found everything they expect, and (--show N) the N worst queries.
A query the search refuses counts as finding nothing.
"""
import json, os, subprocess, sys, tempfile

args = [a for a in sys.argv[1:] if not a.startswith("--")]
show = 0
if "--show" in sys.argv:
    show = int(sys.argv[sys.argv.index("--show") + 1])
    args = [a for a in args if a != str(show)]
binary = os.path.realpath(args[0])
path = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "..", "fixtures", "search-eval", "queries.jsonl")
queries = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]

with tempfile.TemporaryDirectory() as tmp:
    data = os.path.join(tmp, "demo")
    subprocess.run([binary, "--data", data, "-q", "demo", "--no-serve"], check=True,
                   stdout=subprocess.DEVNULL, cwd=os.path.join(os.path.dirname(__file__), ".."))
    exported = subprocess.run([binary, "--data", data, "-q", "export", "--format", "jsonl"],
                              check=True, capture_output=True, text=True).stdout
    message_id = {}
    for line in exported.splitlines():
        m = json.loads(line)
        message_id[m["id"]] = m["message_id"]
    found_pairs = expected_pairs = complete = 0
    rows = []
    for q in queries:
        out = subprocess.run([binary, "--data", data, "-q", "search", "--json", "--limit", "1000", q["query"]],
                             capture_output=True, text=True)
        got = set()
        if out.returncode == 0:
            try:
                result = json.loads(out.stdout)
            except json.JSONDecodeError:
                result = {}
            for h in result.get("hits", []):
                got.add(message_id.get(h.get("id"), ""))
        expect = set(q["expect"])
        hit = len(expect & got)
        found_pairs += hit
        expected_pairs += len(expect)
        complete += hit == len(expect)
        rows.append((hit / len(expect) if expect else 1.0, q["query"], hit, len(expect), out.returncode, out.stderr.strip()[:120]))
    print(f"{os.path.basename(path)}: {len(queries)} queries, recall {found_pairs / max(1, expected_pairs):.3f} "
          f"({found_pairs}/{expected_pairs} expected messages found), "
          f"{complete}/{len(queries)} queries found everything they expect")
    for r in sorted(rows)[:show]:
        print(f"  {r[0]:.2f} {r[2]}/{r[3]}  {r[1]!r}" + (f"  refused: {r[5]}" if r[4] else ""))
