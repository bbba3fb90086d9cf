#!/usr/bin/env python3
"""Which top-level module of the crate uses which (from `crate::X` paths and `use crate::{X, …}`),
and the cycles among them.

usage: scripts/module-graph.py [--check] [SRC_DIR]

Prints one line per module: `module -> used, …`, then the cycles (strongly connected groups of
more than one module). With --check, exits 1 when there is a cycle: CI keeps the crate acyclic
(ARCHITECTURE.md, « Layers »).
"""
import os, re, sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
check = "--check" in sys.argv
src = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "src")
modules = sorted(
    f[:-3] for f in os.listdir(src) if f.endswith(".rs") and f not in ("lib.rs", "main.rs")
)
uses = {}
for m in modules:
    files = [os.path.join(src, m + ".rs")]
    sub = os.path.join(src, m)
    for root, _, names in os.walk(sub):
        files += [os.path.join(root, n) for n in names if n.endswith(".rs")]
    text = ""
    for f in files:
        with open(f, encoding="utf-8") as fh:
            # Tests may use anything.
            text += fh.read().split("#[cfg(test)]")[0]
    found = set(re.findall(r"crate::([a-z_]+)", text))
    for group in re.findall(r"use crate::\{([^}]*)\}", text):
        found |= set(re.findall(r"(?:^|,)\s*([a-z_]+)", group))
    uses[m] = sorted(x for x in found if x in modules and x != m)

# Tarjan's strongly connected components.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in uses[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(sorted(comp))
sys.setrecursionlimit(10000)
for m in modules:
    if m not in index: visit(m)

for m in modules:
    print(f"{m:12} -> {', '.join(uses[m]) or '(nothing)'}")
if sccs:
    print("cycles:")
    for c in sccs:
        print("  " + " <-> ".join(c))
else:
    print("no cycles")
sys.exit(1 if check and sccs else 0)
