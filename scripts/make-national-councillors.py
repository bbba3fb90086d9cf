#!/usr/bin/env python3
"""A national-size municipal-councillors file for the benchmarks.

usage: scripts/make-national-councillors.py SOURCE ROWS OUT

Repeats the real excerpt SOURCE (the published 16-column layout, `;`-separated) until ROWS
rows: each copy moves the communes to another département (1 to 95: the département column and
the INSEE code's first two digits) and renames the people (their surname gets the copy's number),
so the file has ROWS distinct officials. Used by scripts/bench-officials.sh and
scripts/bench-vs-mu.sh. Every commune name of the excerpt then exists in up to 95 départements,
which is far more homonymy than the real national file has.
"""
import sys

src, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = open(src, encoding="utf-8").read().splitlines()
header, body = lines[0], lines[1:]
with open(out, "w", encoding="utf-8") as f:
    f.write(header + "\n")
    n = copy = 0
    while n < rows:
        dep = 1 + copy % 95
        for line in body:
            if n >= rows:
                break
            c = line.split(";")
            c[0] = f"{dep:02d}"
            c[4] = f"{dep:02d}{c[4][2:]}"
            c[6] = f"{c[6]}{copy}" if copy else c[6]
            f.write(";".join(c) + "\n")
            n += 1
        copy += 1
