#!/usr/bin/env python3
"""Scores `permanence agenda --all --json` against an agenda set's truth.jsonl with the
measures of fixtures/agenda-eval/SOURCE.md (the same ones tests/agenda.rs asserts).

    scripts/agenda-score.py SET/truth.jsonl agenda.jsonl [-v]
"""
import json, sys

truth = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
events = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
verbose = "-v" in sys.argv
by_msg = {}
for e in events:
    by_msg.setdefault("<" + e["message_header_id"] + ">", []).append(e)
def hhmm(e):
    return None if e["all_day"] else e["start"][11:16]
T = {t["message_id"] for t in truth if t["invitation"]}
P = {m for m in by_msg}
tp = T & P
prec = len(tp) / len(P) if P else 0
rec = len(tp) / len(T) if T else 0
R = [t for t in truth if t["message_id"] in tp and not t["events"][0].get("ambiguous")]
amb = [t for t in truth if t["message_id"] in tp and t["events"][0].get("ambiguous")]
dr = sr = cr = 0
fails = []
for t in R:
    te = t["events"][0]
    mine = sorted(by_msg[t["message_id"]], key=lambda e: (e["date"], hhmm(e) or ""))
    me = mine[0]
    d_ok = me["date"] == te["date"]
    s_ok = hhmm(me) == te["start"]
    c_ok = me["commune_code"] == te["commune_code"]
    dr += d_ok; sr += s_ok; cr += c_ok
    if not (d_ok and s_ok and c_ok):
        fails.append((t, me, d_ok, s_ok, c_ok))
print(f"messages {len(truth)}, invitations {len(T)}, read as invitations {len(P)}")
print(f"precision {prec:.3f} ({len(tp)}/{len(P)})  recall {rec:.3f} ({len(tp)}/{len(T)})")
print(f"R = {len(R)} (ambiguous first events left out: {len(amb)}, flagged ambiguous by us: {sum(1 for t in amb if any(e['ambiguous'] for e in by_msg[t['message_id']]))})")
if R:
    print(f"date right {dr/len(R):.3f}  start right {sr/len(R):.3f}  commune right {cr/len(R):.3f}")
if verbose:
    for m in sorted(P - T):
        t = next((x for x in truth if x["message_id"] == m), None)
        print("FALSE POSITIVE", t and t["file"], t and t["category"], t and t.get("notes"))
    for m in sorted(T - P):
        t = next(x for x in truth if x["message_id"] == m)
        print("MISSED", t["file"], t["category"], t["source"], t["features"])
    for t, me, d, s, c in fails:
        te = t["events"][0]
        print("FIELD", t["file"], t["category"], t["source"],
              "" if d else f"date {me['date']} != {te['date']}",
              "" if s else f"start {hhmm(me)} != {te['start']}",
              "" if c else f"commune {me['commune_code']} != {te['commune_code']}")
