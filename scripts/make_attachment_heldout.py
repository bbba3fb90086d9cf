#!/usr/bin/env python3
"""Regenerate fixtures/attachments-heldout/: a held-out evaluation set for the
extraction of mail-attachment text (text-layer PDFs, scanned PDFs and images
read by French OCR, DOCX, ODT, RTF) and for the detection of a campaign of
identical council motions sent as PDF attachments.

Everything is written by hand from the texts below: no network, no current
date, fixed random seeds, fixed zip timestamps. Only the Python 3.11 standard
library and poppler's `pdftoppm` (Debian package poppler-utils) are used;
`pdftotext` is used by --check only. The committed images were drawn with the
URW base-35 fonts installed (Debian package fonts-urw-base35), which poppler
uses for the non-embedded Helvetica, Times and Courier; with other fonts the
images differ but the texts and truths do not.

    python3 scripts/make_attachment_heldout.py          # regenerate
    python3 scripts/make_attachment_heldout.py --check  # regenerate, then verify

The ground truth of every scan is the text that was rendered, one line per
rendered line; it was never adjusted to any OCR output.
"""
from __future__ import annotations

import argparse
import base64
import binascii
import datetime as dt
import hashlib
import json
import math
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "fixtures" / "attachments-heldout"
PAGE_W, PAGE_H = 595.28, 841.89          # A4 in points
TZ = dt.timezone(dt.timedelta(hours=1))   # CET (all dates are before the DST switch)
RECIPIENT = "permanence@senateur-exemple.fr"
ZIP_TIME = (2026, 2, 16, 10, 30, 0)

# Advance widths (1/1000 em) of the base-14 fonts for WinAnsiEncoding codes
# 32..255 (index = code - 32), taken from the Adobe AFM metrics (as shipped in
# groff's devps font files). 0 = no glyph: such characters are refused.
WIDTHS = {
    'Helvetica': [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
        556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
        0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
        278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
        400, 584, 333, 333, 333, 578, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
        667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
        556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
    ],
    'Helvetica-Bold': [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
        556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
        0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
        278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
        400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
        722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
        556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
        611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
    ],
    'Times-Roman': [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
        921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
        333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 0,
        500, 0, 333, 500, 444, 1000, 500, 500, 333, 1000, 556, 333, 889, 0, 611, 0,
        0, 333, 333, 444, 444, 350, 500, 1000, 333, 980, 389, 333, 722, 0, 444, 722,
        250, 333, 500, 500, 500, 500, 200, 500, 333, 760, 276, 500, 564, 333, 760, 333,
        400, 564, 300, 300, 333, 510, 453, 250, 333, 300, 310, 500, 750, 750, 750, 444,
        722, 722, 722, 722, 722, 722, 889, 667, 611, 611, 611, 611, 333, 333, 333, 333,
        722, 722, 722, 722, 722, 722, 722, 564, 722, 722, 722, 722, 722, 722, 556, 500,
        444, 444, 444, 444, 444, 444, 667, 444, 444, 444, 444, 444, 278, 278, 278, 278,
        500, 500, 500, 500, 500, 500, 500, 564, 500, 500, 500, 500, 500, 500, 500, 500,
    ],
    'Times-Bold': [
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
        930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
        611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
        333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
        556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520, 0,
        500, 0, 333, 500, 500, 1000, 500, 500, 333, 1000, 556, 333, 1000, 0, 667, 0,
        0, 333, 333, 500, 500, 350, 500, 1000, 333, 1000, 389, 333, 722, 0, 444, 722,
        250, 333, 500, 500, 500, 500, 220, 500, 333, 747, 300, 500, 570, 333, 747, 333,
        400, 570, 300, 300, 333, 601, 540, 250, 333, 300, 330, 500, 750, 750, 750, 500,
        722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 389, 389, 389, 389,
        722, 722, 778, 778, 778, 778, 778, 570, 778, 722, 722, 722, 722, 722, 611, 556,
        500, 500, 500, 500, 500, 500, 722, 444, 444, 444, 444, 444, 278, 278, 278, 278,
        500, 556, 500, 500, 500, 500, 500, 570, 500, 556, 556, 556, 556, 500, 556, 500,
    ],
    'Courier': [
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 0,
        600, 0, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 0, 600, 0,
        0, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 0, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
    ],
    'Courier-Bold': [
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 0,
        600, 0, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 0, 600, 0,
        0, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 0, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600,
    ],
}

FAMILY = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times-Roman": ("Times-Roman", "Times-Bold"),
    "Courier": ("Courier", "Courier-Bold"),
}

# --------------------------------------------------------------------------
# Text layout
# --------------------------------------------------------------------------
GLUE = "\x01"      # a space at which a line may not be broken


def cp1252(s: str) -> bytes:
    return s.encode("cp1252")


def text_width(s: str, font: str, size: float) -> float:
    table = WIDTHS[font]
    total = 0
    for b in cp1252(s.replace(GLUE, " ")):
        w = table[b - 32] if b >= 32 else 0
        if w == 0:
            raise ValueError(f"no glyph for byte {b:#x} in {font}: {s!r}")
        total += w
    return total * size / 1000.0


def protect(text: str, phrases: list[str]) -> str:
    """Glue the spaces that must not become line breaks: inside phrases, before
    French high punctuation, inside numbers, after « n° »."""
    for ph in sorted(phrases, key=len, reverse=True):
        text = text.replace(ph, ph.replace(" ", GLUE))
    text = re.sub(r" (?=[:;?!»])", GLUE, text)
    text = re.sub(r"« ", "«" + GLUE, text)
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", GLUE, text)
    text = re.sub(r"\b([nN]°) ", "\\1" + GLUE, text)
    text = re.sub(r" (?=[€%])", GLUE, text)
    return text


def wrap(text: str, font: str, size: float, maxw: float, phrases: list[str]) -> list[str]:
    words = protect(text, phrases).split(" ")
    lines: list[str] = []
    cur = ""
    for word in words:
        cand = word if not cur else cur + " " + word
        if cur and text_width(cand, font, size) > maxw:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    if cur:
        lines.append(cur)
    out = [ln.replace(GLUE, " ") for ln in lines]
    for ln in out:
        if text_width(ln, font, size) > maxw + 0.01:
            raise ValueError(f"line too long even after wrapping: {ln!r}")
    return out


# style: bold, size delta, space before (pt at 11 pt), alignment, x position
STYLES = {
    "head":   dict(bold=True, ds=3, before=0),
    "sub":    dict(ds=-1, before=3),
    "rule":   dict(before=8),
    "addr1":  dict(x="addr", before=34),
    "addr":   dict(x="addr", before=2),
    "date":   dict(x="addr", before=20),
    "obj":    dict(bold=True, before=30),
    "salut":  dict(before=18),
    "p":      dict(before=8),
    "sig1":   dict(x="addr", before=22),
    "sig":    dict(x="addr", before=2),
    "ctitle": dict(bold=True, ds=1, align="center", before=4),
    "center": dict(align="center", before=4),
    "title":  dict(bold=True, ds=1, align="center", before=18),
    "h":      dict(bold=True, before=14),
    "left":   dict(before=3),
    "item":   dict(indent=18, before=3),
    "small":  dict(ds=-2, before=14),
}
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 70.0, 70.0, 62.0, 64.0
ADDR_X = 318.0


def layout(blocks, family: str, size: float, phrases: list[str], footer: str | None = None):
    """Lay out blocks [(style, text[, before])] on A4 pages.
    Returns pages: list of lists of items ('text', x, y, font, size, str) or
    ('rule', x0, x1, y)."""
    pages: list[list[tuple]] = [[]]
    lead = 1.24
    y = PAGE_H - MARGIN_T
    first = True
    for blk in blocks:
        style, text = blk[0], blk[1]
        if style == "pagebreak":
            pages.append([])
            y = PAGE_H - MARGIN_T
            first = True
            continue
        st = STYLES[style]
        before = (blk[2] if len(blk) > 2 else st.get("before", 0)) * size / 11.0
        if style == "rule":
            y -= before
            pages[-1].append(("rule", MARGIN_L, PAGE_W - MARGIN_R, y))
            continue
        font = FAMILY[family][1 if st.get("bold") else 0]
        sz = size + st.get("ds", 0)
        x0 = ADDR_X if st.get("x") == "addr" else MARGIN_L + st.get("indent", 0)
        maxw = PAGE_W - MARGIN_R - x0
        lines = wrap(text, font, sz, maxw, phrases)
        if not first:
            y -= before
        for ln in lines:
            y -= sz * (1.0 if first else lead)
            first = False
            if y < MARGIN_B:
                pages.append([])
                y = PAGE_H - MARGIN_T - sz
            w = text_width(ln, font, sz)
            if st.get("align") == "center":
                x = (PAGE_W - w) / 2
            elif st.get("align") == "right":
                x = PAGE_W - MARGIN_R - w
            else:
                x = x0
            pages[-1].append(("text", x, y, font, sz, ln))
    if footer:
        n = len(pages)
        for i, page in enumerate(pages, 1):
            ft = footer.format(page=i, pages=n)
            fnt = FAMILY[family][0]
            w = text_width(ft, fnt, size - 2)
            page.append(("text", (PAGE_W - w) / 2, 34.0, fnt, size - 2, ft))
    return pages


def page_lines(pages) -> list[str]:
    return [it[5] for page in pages for it in page if it[0] == "text"]


# --------------------------------------------------------------------------
# PDF writing
# --------------------------------------------------------------------------
def pdf_string(data: bytes) -> bytes:
    out = bytearray(b"(")
    for b in data:
        if b in (0x28, 0x29, 0x5C):
            out += b"\\" + bytes([b])
        elif 32 <= b < 127:
            out.append(b)
        else:
            out += b"\\%03o" % b
    return bytes(out) + b")"


def pdf_text_string(s: str) -> bytes:
    if all(32 <= ord(c) < 127 for c in s):
        return pdf_string(s.encode("ascii"))
    return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"


class Pdf:
    def __init__(self):
        self.objs: list[bytes | None] = []

    def reserve(self) -> int:
        self.objs.append(None)
        return len(self.objs)

    def put(self, num: int, body: bytes) -> int:
        self.objs[num - 1] = body
        return num

    def add(self, body: bytes) -> int:
        return self.put(self.reserve(), body)

    def add_stream(self, entries: bytes, data: bytes, compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, 9)
            entries = entries + b" /Filter /FlateDecode"
        return self.add(b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")

    def tobytes(self, root: int, info: int) -> bytes:
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objs, 1):
            assert body is not None, f"object {i} never written"
            offsets.append(len(out))
            out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n" % (len(self.objs) + 1)
        out += b"0000000000 65535 f \n"
        for off in offsets:
            out += b"%010d 00000 n \n" % off
        fid = hashlib.md5(bytes(out)).hexdigest().encode()
        out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n"
                % (len(self.objs) + 1, root, info, fid, fid))
        out += b"startxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


def pdf_date(when: dt.datetime) -> bytes:
    return when.strftime("D:%Y%m%d%H%M%S+01'00'").encode()


def info_dict(pdf: Pdf, title: str, author: str, creator: str, when: dt.datetime) -> int:
    return pdf.add(b"<< /Title " + pdf_text_string(title) + b" /Author " + pdf_text_string(author)
                   + b" /Creator " + pdf_text_string(creator)
                   + b" /Producer (make_attachment_heldout.py) /CreationDate (" + pdf_date(when)
                   + b") /ModDate (" + pdf_date(when) + b") >>")


def text_pdf(pages, title: str, author: str, when: dt.datetime, creator: str = "Bureautique") -> bytes:
    pdf = Pdf()
    catalog = pdf.reserve()
    pages_obj = pdf.reserve()
    fonts_used = sorted({it[3] for page in pages for it in page if it[0] == "text"})
    font_ids = {}
    for i, name in enumerate(fonts_used, 1):
        num = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name.encode())
        font_ids[name] = (b"F%d" % i, num)
    fres = b" ".join(b"/%s %d 0 R" % (tag, num) for tag, num in font_ids.values())
    kids = []
    for page in pages:
        ops = []
        for it in page:
            if it[0] == "rule":
                _, x0, x1, y = it
                ops.append(b"q 0.6 w 0 G %.2f %.2f m %.2f %.2f l S Q" % (x0, y, x1, y))
            else:
                _, x, y, font, sz, s = it
                ops.append(b"BT /%s %.1f Tf %.2f %.2f Td %s Tj ET"
                           % (font_ids[font][0], sz, x, y, pdf_string(cp1252(s))))
        content = pdf.add_stream(b"", b"\n".join(ops) + b"\n")
        kids.append(pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] "
                            b"/Resources << /Font << %s >> /ProcSet [/PDF /Text] >> /Contents %d 0 R >>"
                            % (pages_obj, PAGE_W, PAGE_H, fres, content)))
    pdf.put(pages_obj, b"<< /Type /Pages /Kids [%s] /Count %d >>"
            % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    pdf.put(catalog, b"<< /Type /Catalog /Pages %d 0 R /Lang (fr-FR) >>" % pages_obj)
    info = info_dict(pdf, title, author, creator, when)
    return pdf.tobytes(catalog, info)


def image_pdf(raw: bytes, w: int, h: int, dpi: int, when: dt.datetime, creator: str) -> bytes:
    """A scanned page: one 8-bit DeviceGray image, Flate-compressed, no text."""
    pdf = Pdf()
    catalog = pdf.reserve()
    pages_obj = pdf.reserve()
    img = pdf.add_stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                         b"/BitsPerComponent 8" % (w, h), raw)
    pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
    content = pdf.add_stream(b"", b"q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q\n" % (pw, ph))
    page = pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.4f %.4f] "
                   b"/Resources << /XObject << /Im0 %d 0 R >> /ProcSet [/PDF /ImageB] >> /Contents %d 0 R >>"
                   % (pages_obj, pw, ph, img, content))
    pdf.put(pages_obj, b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    pdf.put(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj)
    pdf_info = pdf.add(b"<< /Creator " + pdf_text_string(creator) + b" /Producer (make_attachment_heldout.py)"
                       b" /CreationDate (" + pdf_date(when) + b") >>")
    return pdf.tobytes(catalog, pdf_info)


# --------------------------------------------------------------------------
# Raster: render, degrade, encode
# --------------------------------------------------------------------------
def render_gray(pdf_bytes: bytes, dpi: int, tmp: Path) -> tuple[int, int, bytes]:
    src = tmp / "render-src.pdf"
    src.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-singlefile", str(src), str(tmp / "render")],
                   check=True)
    data = (tmp / "render.pgm").read_bytes()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert m and m.group(3) == b"255", "unexpected PGM header"
    w, h = int(m.group(1)), int(m.group(2))
    raw = data[m.end():m.end() + w * h]
    assert len(raw) == w * h
    return w, h, raw


def rotate_small(pix: bytes, w: int, h: int, angle_deg: float) -> bytearray:
    """Rotate by a small angle with two integer shears (as a slightly skewed
    sheet on a flatbed scanner). Uncovered areas are white."""
    t = math.tan(math.radians(angle_deg))
    white = b"\xff" * w
    rows = []
    for y in range(h):
        dx = int(round(-(y - h / 2) * t))
        r = pix[y * w:(y + 1) * w]
        if dx > 0:
            r = white[:dx] + r[:w - dx]
        elif dx < 0:
            r = r[-dx:] + white[:-dx]
        rows.append(r)
    bands = []
    x = 0
    while x < w:
        dy = int(round((x - w / 2) * t))
        x1 = x + 1
        while x1 < w and int(round((x1 - w / 2) * t)) == dy:
            x1 += 1
        bands.append((x, x1, dy))
        x = x1
    out = bytearray()
    for y in range(h):
        parts = []
        for x0, x1, dy in bands:
            sy = y - dy
            parts.append(rows[sy][x0:x1] if 0 <= sy < h else white[x0:x1])
        out += b"".join(parts)
    return out


def degrade(pix: bytes, w: int, h: int, dpi: int, p: dict) -> bytes:
    """Mild, realistic scan defects with a fixed seed: skew, greyish uneven
    paper, slightly heavier ink, sparse sensor noise, dust specks placed on
    blank paper only, and optionally a faint streak, fold marks or an edge
    shadow."""
    rng = random.Random(p["seed"])
    k = dpi / 300.0
    clean = rotate_small(pix, w, h, p["angle"])

    # 1. tone: ink not quite black, paper greyish, uneven lighting (by bands)
    ink, paper, gamma = p["ink"], p["paper"], p["gamma"]
    luts = {}

    def lut(off: int) -> bytes:
        # the lighting offset moves the blank paper only, so that identical
        # glyphs keep identical pixels (and the page stays compressible)
        if off not in luts:
            table = [max(0, min(255, round(ink + (paper - ink) * (v / 255.0) ** gamma))) for v in range(256)]
            table[255] = max(0, min(255, paper + off))
            table[254] = max(0, min(255, (table[253] + table[255]) // 2))
            luts[off] = bytes(table)
        return luts[off]

    ax, ay, vig = p.get("light", (4.0, -3.0, 7.0))
    band = 128
    out = bytearray(w * h)
    for y in range(h):
        yc = y / h - 0.5
        base = y * w
        for x0 in range(0, w, band):
            x1 = min(w, x0 + band)
            xc = (x0 + x1) / 2 / w - 0.5
            off = int(round(ax * xc + ay * yc - vig * (xc * xc + yc * yc)))
            out[base + x0:base + x1] = clean[base + x0:base + x1].translate(lut(off))

    def darken(i: int, d: int) -> None:
        out[i] = max(0, out[i] - d)

    # 2. edge shadow (lid not quite closed)
    if p.get("shadow"):
        side, width, depth = p["shadow"]
        width = int(width * k)
        for i in range(width):
            d = int(depth * (1 - i / width) ** 2)
            if d <= 0:
                continue
            if side == "left":
                for y in range(h):
                    darken(y * w + i, d)
            else:
                for x in range(w):
                    darken(i * w + x, d)

    # 3. fold marks of a letter folded in three
    for fy in p.get("folds", []):
        yy = int(fy * h)
        for dy, d in ((-1, 5), (0, 14), (1, 9), (2, -6), (3, -4)):
            row = (yy + dy) * w
            for x in range(w):
                v = out[row + x] - d
                out[row + x] = max(0, min(255, v))

    # 4. a faint vertical streak of the scanner bar
    if p.get("streak"):
        sx, d = p["streak"]
        x = int(sx * w)
        for y in range(h):
            darken(y * w + x, d)
            darken(y * w + x + 1, d // 2)

    # 5. sparse sensor noise
    n = int(w * h * p.get("noise", 0.003))
    amp = p.get("amp", 10)
    for _ in range(n):
        i = rng.randrange(w * h)
        out[i] = max(0, min(255, out[i] + rng.randint(-amp, amp)))

    # 6. dust specks, only on blank paper (never touching a glyph)
    def blank(cx: int, cy: int, r: int) -> bool:
        if cx - r < 0 or cy - r < 0 or cx + r >= w or cy + r >= h:
            return False
        for yy in range(cy - r, cy + r + 1, 2):
            if min(clean[yy * w + cx - r:yy * w + cx + r + 1]) < 250:
                return False
        return True

    placed = 0
    tries = 0
    while placed < p.get("specks", 60) and tries < 20000:
        tries += 1
        cx, cy = rng.randrange(w), rng.randrange(h)
        rad = rng.uniform(0.5, 2.0) * k
        if not blank(cx, cy, int(14 * k)):
            continue
        depth = rng.randint(50, 150)
        ir = int(math.ceil(rad)) + 1
        for yy in range(cy - ir, cy + ir + 1):
            for xx in range(cx - ir, cx + ir + 1):
                dd = math.hypot(xx - cx, yy - cy)
                if dd <= rad + 0.5:
                    f = 1.0 if dd <= rad - 0.5 else (rad + 0.5 - dd)
                    darken(yy * w + xx, int(depth * f))
        placed += 1

    # 7. a hair on the glass, in a blank area
    for _ in range(p.get("hairs", 0)):
        for _try in range(2000):
            cx, cy = rng.randrange(w), rng.randrange(h)
            length = int(rng.uniform(80, 160) * k)
            if blank(cx, cy, int(length * 0.6)):
                break
        else:
            continue
        ang = rng.uniform(0, math.pi)
        x, y = float(cx), float(cy)
        for _s in range(length):
            ang += rng.uniform(-0.05, 0.05)
            x += math.cos(ang)
            y += math.sin(ang)
            if 0 <= int(x) < w and 0 <= int(y) < h:
                darken(int(y) * w + int(x), 70)
    return bytes(out)


def png_gray(raw: bytes, w: int, h: int, dpi: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ppm = round(dpi / 0.0254)
    rows = b"".join(b"\x00" + raw[y * w:(y + 1) * w] for y in range(h))
    z = zlib.compress(rows, 9)
    idat = b"".join(chunk(b"IDAT", z[i:i + 65536]) for i in range(0, len(z), 65536))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)) + idat + chunk(b"IEND", b""))


def jpeg_via_pdftoppm(raw: bytes, w: int, h: int, dpi: int, when, tmp: Path) -> bytes:
    src = tmp / "jpeg-src.pdf"
    src.write_bytes(image_pdf(raw, w, h, dpi, when, "scan"))
    subprocess.run(["pdftoppm", "-jpeg", "-jpegopt", "quality=75", "-r", str(dpi), "-singlefile",
                    str(src), str(tmp / "jpeg-out")], check=True)
    return (tmp / "jpeg-out.jpg").read_bytes()


# --------------------------------------------------------------------------
# Office documents
# --------------------------------------------------------------------------
def zip_bytes(entries: list[tuple[str, bytes, bool]]) -> bytes:
    """entries: (name, data, compress). Fixed timestamps and attributes."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data, compress in entries:
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            zi.create_system = 0
            zi.external_attr = 0
            zf.writestr(zi, data, compresslevel=9 if compress else None)
    return buf.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(doc: dict) -> bytes:
    """doc['body']: list of ('p', style|None, align|None, [(text, props)]) or
    ('table', [[cell, ...], ...]). props: set of 'b', 'i', 'noproof'."""
    def run(text: str, props) -> str:
        rpr = ""
        if props:
            rpr = "<w:rPr>" + ("<w:b/>" if "b" in props else "") + ("<w:i/>" if "i" in props else "") \
                + ("<w:noProof/>" if "noproof" in props else "") + "</w:rPr>"
        parts = text.split("\t")
        inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{xml_escape(t)}</w:t>' for t in parts)
        return f"<w:r>{rpr}{inner}</w:r>"

    def para(style, align, runs) -> str:
        ppr = ""
        if style or align:
            ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") \
                + (f'<w:jc w:val="{align}"/>' if align else "") + "</w:pPr>"
        return f"<w:p>{ppr}{''.join(run(t, pr) for t, pr in runs)}</w:p>"

    body = []
    for item in doc["body"]:
        if item[0] == "p":
            body.append(para(item[1], item[2], item[3]))
        else:
            rows = item[1]
            ncol = len(rows[0])
            grid = "".join('<w:gridCol w:w="%d"/>' % (9000 // ncol) for _ in range(ncol))
            trs = []
            for r_i, row in enumerate(rows):
                tcs = "".join(
                    f'<w:tc><w:tcPr><w:tcW w:w="{9000 // ncol}" w:type="dxa"/></w:tcPr>'
                    + para(None, None if c_i == 0 else "right", [(cell, {"b"} if r_i == 0 else set())]) + "</w:tc>"
                    for c_i, cell in enumerate(row))
                trs.append(f"<w:tr>{tcs}</w:tr>")
            body.append('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="9000" w:type="dxa"/>'
                        '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr>'
                        f'<w:tblGrid>{grid}</w:tblGrid>{"".join(trs)}</w:tbl>')
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document xmlns:w="{W_NS}" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                "<w:body>" + "".join(body)
                + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" '
                  'w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
                  "</w:body></w:document>")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<w:styles xmlns:w="{W_NS}">'
              '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>'
              '<w:sz w:val="22"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault>'
              '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
              '</w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
              '<w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/></w:pPr>'
              '<w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>'
              '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
              '</w:styles>')
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                     '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
                     '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                     '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '</Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                '</Relationships>')
    when = doc["when"].strftime("%Y-%m-%dT%H:%M:%SZ")
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{xml_escape(doc["title"])}</dc:title><dc:creator>{xml_escape(doc["author"])}</dc:creator>'
            f'<dc:language>fr-FR</dc:language>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            '</cp:coreProperties>')
    return zip_bytes([
        ("[Content_Types].xml", content_types.encode(), True),
        ("_rels/.rels", rels.encode(), True),
        ("word/document.xml", document.encode(), True),
        ("word/_rels/document.xml.rels", doc_rels.encode(), True),
        ("word/styles.xml", styles.encode(), True),
        ("docProps/core.xml", core.encode(), True),
    ])


def docx_plain(doc: dict) -> str:
    lines = []
    for item in doc["body"]:
        if item[0] == "p":
            lines.append("".join(t for t, _ in item[3]))
        else:
            lines.extend("\t".join(row) for row in item[1])
    return "\n".join(lines)


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')


def odt_inline(segs) -> str:
    """segs: list of (text, kind) with kind in None, 'b' (bold span), 's'
    (extra space: text:s), 'br' (line break), 'tab'."""
    out = []
    for text, kind in segs:
        if kind == "b":
            out.append(f'<text:span text:style-name="T1">{xml_escape(text)}</text:span>')
        elif kind == "s":
            out.append("<text:s/>")
        elif kind == "br":
            out.append("<text:line-break/>")
        elif kind == "tab":
            out.append("<text:tab/>")
        else:
            out.append(xml_escape(text))
    return "".join(out)


def odt_bytes(doc: dict) -> bytes:
    body = []
    for style, segs in doc["body"]:
        tag = "text:h" if style == "h" else "text:p"
        extra = ' text:outline-level="1"' if style == "h" else ""
        sname = {"h": "Heading_20_1", "right": "P1", None: "Text_20_body"}[style]
        body.append(f'<{tag} text:style-name="{sname}"{extra}>{odt_inline(segs)}</{tag}>')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               f'<office:document-content {ODF_NS} office:version="1.3">'
               '<office:font-face-decls><style:font-face style:name="Liberation Serif" '
               'svg:font-family="&apos;Liberation Serif&apos;" style:font-family-generic="roman"/></office:font-face-decls>'
               '<office:automatic-styles>'
               '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body">'
               '<style:paragraph-properties fo:text-align="end"/></style:style>'
               '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
               '</office:automatic-styles>'
               '<office:body><office:text>' + "".join(body) + '</office:text></office:body></office:document-content>')
    styles = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              f'<office:document-styles {ODF_NS} office:version="1.3">'
              '<office:font-face-decls><style:font-face style:name="Liberation Serif" '
              'svg:font-family="&apos;Liberation Serif&apos;" style:font-family-generic="roman"/></office:font-face-decls>'
              '<office:styles>'
              '<style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" '
              'fo:font-size="12pt" fo:language="fr" fo:country="FR"/></style:default-style>'
              '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
              '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" '
              'style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-bottom="0.247cm"/></style:style>'
              '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" '
              'style:parent-style-name="Standard" style:class="text"><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>'
              '</office:styles>'
              '<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties '
              'fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" '
              'fo:margin-left="2.5cm" fo:margin-right="2.5cm"/></style:page-layout></office:automatic-styles>'
              '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>'
              '</office:document-styles>')
    when = doc["when"].strftime("%Y-%m-%dT%H:%M:%S")
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document-meta {ODF_NS} office:version="1.3"><office:meta>'
            f'<dc:title>{xml_escape(doc["title"])}</dc:title><dc:creator>{xml_escape(doc["author"])}</dc:creator>'
            f'<meta:creation-date>{when}</meta:creation-date><dc:date>{when}</dc:date><dc:language>fr-FR</dc:language>'
            '</office:meta></office:document-meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    return zip_bytes([
        ("mimetype", b"application/vnd.oasis.opendocument.text", False),
        ("content.xml", content.encode(), True),
        ("styles.xml", styles.encode(), True),
        ("meta.xml", meta.encode(), True),
        ("META-INF/manifest.xml", manifest.encode(), True),
    ])


def odt_plain(doc: dict) -> str:
    lines = []
    for _, segs in doc["body"]:
        lines.append("".join({"s": " ", "br": "\n", "tab": "\t"}.get(kind, text) for text, kind in segs))
    return "\n".join(lines)


RTF_UNI = "\x02"   # marks the one character written as \uN? (œ, U+0153)


def rtf_escape(s: str) -> str:
    out = []
    for ch in s:
        if ch == RTF_UNI:
            out.append("\\u339?")
        elif ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                out.append("\\'%02x" % ch.encode("cp1252")[0])
            except UnicodeEncodeError:
                code = ord(ch)
                out.append("\\u%d?" % (code - 65536 if code > 32767 else code))
    return "".join(out)


def rtf_bytes(doc: dict) -> bytes:
    w = doc["when"]
    parts = ["{\\rtf1\\ansi\\ansicpg1252\\deff0\\deflang1036",
             "{\\fonttbl{\\f0\\froman\\fprq2\\fcharset0 Times New Roman;}}",
             "{\\info{\\title " + rtf_escape(doc["title"]) + "}{\\author " + rtf_escape(doc["author"])
             + "}{\\creatim\\yr%d\\mo%d\\dy%d\\hr%d\\min%d}}" % (w.year, w.month, w.day, w.hour, w.minute),
             "\\paperw11906\\paperh16838\\margl1418\\margr1418\\margt1418\\margb1418",
             "\\viewkind4\\uc1"]
    for style, text in doc["body"]:
        fmt = {"b": "\\pard\\sa200\\b ", "right": "\\pard\\qr\\sa200 ", None: "\\pard\\sa200 "}[style]
        tail = "\\b0\\par" if style == "b" else "\\par"
        parts.append(fmt + "\\f0\\fs24 " + rtf_escape(text) + tail)
    parts.append("}")
    return ("\r\n".join(parts) + "\r\n").encode("ascii")


def rtf_plain(doc: dict) -> str:
    return "\n".join(t.replace(RTF_UNI, "\u0153") for _, t in doc["body"])


# --------------------------------------------------------------------------
# Mail
# --------------------------------------------------------------------------
def qp_body(text: str) -> bytes:
    lines = []
    for ln in text.split("\n"):
        enc = binascii.b2a_qp(ln.encode("utf-8"), quotetabs=False, istext=True, header=False)
        lines.append(enc.replace(b"\n", b"\r\n"))
    return b"\r\n".join(lines)


def b64_lines(data: bytes) -> bytes:
    s = base64.b64encode(data)
    return b"\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def encode_header(value: str) -> str:
    if all(ord(c) < 128 for c in value):
        return value
    return Header(value, "utf-8", maxlinelen=76).encode(linesep="\r\n")


def make_eml(m: dict, attachments: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    when: dt.datetime = m["date"]
    domain = m["from"][1].split("@")[1]
    token = hashlib.sha1((m["from"][1] + when.isoformat()).encode()).hexdigest()
    msgid = f"<{when:%Y%m%d%H%M%S}.{token[:12]}@{domain}>"
    boundary = f"=_Part_{token[12:28]}"
    head = [
        "From: " + formataddr((m["from"][0], m["from"][1]), charset="utf-8"),
        "To: " + RECIPIENT,
        "Subject: " + encode_header(m["subject"]),
        "Date: " + format_datetime(when),
        "Message-ID: " + msgid,
        "MIME-Version: 1.0",
        "Content-Language: fr",
    ]
    if m.get("mailer"):
        head.append("X-Mailer: " + m["mailer"])
    head.append(f'Content-Type: multipart/mixed; boundary="{boundary}"')
    out = ("\r\n".join(head) + "\r\n\r\nThis is a multi-part message in MIME format.\r\n").encode()
    out += (f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n").encode()
    out += qp_body(m["body"]) + b"\r\n"
    for name, mime, data in attachments:
        out += (f'--{boundary}\r\nContent-Type: {mime}; name="{name}"\r\n'
                f"Content-Transfer-Encoding: base64\r\n"
                f'Content-Disposition: attachment; filename="{name}"\r\n\r\n').encode()
        out += b64_lines(data) + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, msgid


# --------------------------------------------------------------------------
# Content. Communes are real communes of Isère; every person, address detail,
# reference number, figure and e-mail domain is invented.
# --------------------------------------------------------------------------
def d(y, mo, da, h=9, mi=0, s=0) -> dt.datetime:
    return dt.datetime(y, mo, da, h, mi, s, tzinfo=TZ)


def letter(head, subs, place_date, obj, paras, sig):
    blocks = [("head", head)] + [("sub", s) for s in subs] + [("rule", "")]
    blocks += [("addr1", "Monsieur le Sénateur"), ("addr", "Permanence parlementaire"), ("addr", "38000 Grenoble")]
    blocks += [("date", place_date), ("obj", obj), ("salut", "Monsieur le Sénateur,")]
    blocks += [("p", t) for t in paras]
    blocks += [("sig1", sig[0])] + [("sig", s) for s in sig[1:]]
    return blocks


SCANS = [
    dict(
        name="scan-sassenage-ecole", kind="scan-pdf", dpi=300, family="Helvetica", size=11, commune="Sassenage",
        when=d(2026, 1, 14, 10, 5),
        blocks=letter(
            "MAIRIE DE SASSENAGE",
            ["Direction générale des services", "Hôtel de ville – 38360 Sassenage", "Réf. : DGS/OF/2026-007"],
            "Sassenage, le 14 janvier 2026",
            "Objet : rénovation de l'École maternelle des Îles",
            ["Par la présente, je souhaite appeler votre attention sur le projet de rénovation énergétique de "
             "l'École maternelle des Îles, construite en 1974 et fréquentée aujourd'hui par 118 enfants. Les "
             "diagnostics réalisés cet automne ont confirmé la nécessité de reprendre l'isolation thermique des "
             "combles et de remplacer l'ensemble des menuiseries extérieures.",
             "Le coût prévisionnel des travaux s'élève à 412 000 euros hors taxes. La commune a déposé un dossier "
             "au titre de la dotation de soutien à l'investissement local, mais le calendrier d'instruction reste "
             "incertain. Ça nous inquiète, car le chantier doit impérativement se dérouler pendant les vacances "
             "d'été.",
             "Une partie des élèves habite le quartier voisin partagé avec Seyssinet-Pariset, ce qui donne à ce "
             "projet une portée intercommunale.",
             "Je vous serais reconnaissante de bien vouloir soutenir notre demande auprès des services de l'État.",
             "Je vous prie d'agréer, Monsieur le Sénateur, l'expression de ma haute considération."],
            ["La Maire,", "Odile Ferrandier"]),
        phrases=["École maternelle des Îles", "isolation thermique des combles",
                 "quartier voisin partagé avec Seyssinet-Pariset", "Ça nous inquiète"],
        degrade=dict(seed=1101, angle=0.35, paper=233, ink=38, gamma=1.15, noise=0.002, amp=10, specks=90,
                     light=(5.0, -3.0, 8.0)),
        mail=dict(from_=("Mairie de Sassenage – Secrétariat général", "secretariat.general@mairie-sassenage.fr"),
                  subject="Courrier de Mme la Maire", date=d(2026, 1, 14, 10, 12, 5), mailer="Microsoft Outlook 16.0",
                  body="Monsieur le Sénateur,\n\nVeuillez trouver ci-joint un courrier signé de Mme la Maire.\n\n"
                       "Bien cordialement,\n\nLe secrétariat général\nMairie de Sassenage"),
    ),
    dict(
        name="scan-bourgoin-jallieu-titres", kind="scan-pdf", dpi=300, family="Times-Roman", size=12,
        commune="Bourgoin-Jallieu", when=d(2026, 1, 27, 15, 30),
        blocks=letter(
            "VILLE DE BOURGOIN-JALLIEU",
            ["Service population – État civil", "Réf. : POP/TP/2026-018"],
            "Bourgoin-Jallieu, le 27 janvier 2026",
            "Objet : délais de délivrance des titres d'identité",
            ["Depuis l'automne, le service État civil de la mairie de Bourgoin-Jallieu fait face à une forte "
             "hausse des demandes de cartes nationales d'identité et de passeports. Des habitants de tout le "
             "Nord-Isère se présentent chez nous, faute de rendez-vous disponibles dans leur propre commune.",
             "Nos deux dispositifs de recueil fonctionnent à plein régime. Le délai moyen pour obtenir un "
             "rendez-vous atteint désormais sept semaines, contre trois l'an dernier. Plusieurs lycéens inscrits "
             "aux examens de juin craignent de ne pas disposer de leur titre à temps.",
             "Nous avons sollicité la préfecture pour l'attribution d'une troisième station biométrique, sans "
             "réponse à ce jour. À compter du 2 mars 2026, la Ville est prête à y affecter un agent "
             "supplémentaire et à élargir les horaires d'ouverture le samedi matin.",
             "Je vous remercie par avance de l'appui que vous pourrez apporter à cette démarche et vous prie de "
             "croire, Monsieur le Sénateur, à l'assurance de mes sentiments distingués."],
            ["Pour le Maire et par délégation,", "L'adjoint chargé de la population,", "Thierry Pellissard"]),
        phrases=["service État civil", "mairie de Bourgoin-Jallieu", "troisième station biométrique",
                 "À compter du 2 mars 2026", "tout le Nord-Isère"],
        degrade=dict(seed=2202, angle=-0.22, paper=229, ink=30, gamma=1.1, noise=0.002, amp=10, specks=60,
                     folds=[0.336, 0.668], shadow=("top", 28, 40), light=(-4.0, 3.0, 6.0)),
        mail=dict(from_=("Ville de Bourgoin-Jallieu", "population@mairie-bourgoinjallieu.fr"),
                  subject="Transmission d'un courrier", date=d(2026, 1, 27, 15, 40, 51),
                  body="Bonjour,\n\nNous vous transmettons le courrier ci-joint, dont l'original suit par voie "
                       "postale.\n\nCordialement,\n\nLe service population"),
    ),
    dict(
        name="scan-varces-passerelle", kind="scan-pdf", dpi=300, family="Courier", size=11,
        commune="Varces-Allières-et-Risset", when=d(2026, 1, 8, 15, 50),
        blocks=letter(
            "COMMUNE DE VARCES-ALLIÈRES-ET-RISSET",
            ["Services techniques", "Réf. : ST/2026/004"],
            "Varces, le 8 janvier 2026",
            "Objet : passerelle piétonne sur la Gresse",
            ["Lors de la crue du 11 décembre dernier, la passerelle piétonne qui franchit la Gresse entre le "
             "hameau du Pont-Rouge et le centre-bourg a été gravement endommagée. Élus et techniciens se sont "
             "rendus sur place dès le lendemain matin ; l'ouvrage est fermé au public depuis le 13 décembre 2025.",
             "Cette fermeture impose aux collégiens un détour de près de deux kilomètres le long de la route "
             "départementale, sur une portion dépourvue de trottoir. Plusieurs familles nous ont fait part de "
             "leur inquiétude.",
             "Le bureau d'études estime la reconstruction à 265 000 euros. Nous avons sollicité le fonds vert "
             "ainsi que le Département, mais le reste à charge demeure très lourd pour la commune de "
             "Varces-Allières-et-Risset.",
             "Nous souhaiterions pouvoir vous présenter ce dossier lors de votre prochaine permanence.",
             "Veuillez agréer, Monsieur le Sénateur, l'expression de nos salutations respectueuses."],
            ["Le Maire,", "Bernard Chabuel"]),
        phrases=["passerelle piétonne sur la Gresse", "Élus et techniciens",
                 "commune de Varces-Allières-et-Risset", "détour de près de deux kilomètres"],
        degrade=dict(seed=3303, angle=0.5, paper=236, ink=45, gamma=1.25, noise=0.002, amp=12, specks=120,
                     streak=(0.712, 16), hairs=1, light=(3.0, -5.0, 7.0)),
        mail=dict(from_=("Accueil mairie de Varces", "accueil@mairie-varces.fr"),
                  subject="Courrier de M. le Maire", date=d(2026, 1, 8, 16, 5, 33), mailer="Zimbra",
                  body="Bonjour,\n\nVous trouverez en pièce jointe le courrier numérisé de M. le Maire.\n\n"
                       "Services techniques"),
    ),
    dict(
        name="scan-saint-ismier-retable", kind="scan-pdf", dpi=200, family="Times-Roman", size=11,
        commune="Saint-Ismier", when=d(2026, 2, 3, 11, 10),
        blocks=letter(
            "MAIRIE DE SAINT-ISMIER",
            ["Cabinet du Maire", "Réf. : CAB/JLA/2026-011"],
            "Saint-Ismier, le 3 février 2026",
            "Objet : restauration du retable de l'église Saint-Philibert",
            ["Œuvre majeure du patrimoine du Grésivaudan, le retable en bois doré de l'église Saint-Philibert "
             "présente des désordres importants : soulèvements de la dorure, attaques d'insectes xylophages et "
             "fissures dans la prédelle.",
             "Le conseil municipal a approuvé en décembre un programme de restauration estimé à 186 000 euros. "
             "La Conservation régionale des monuments historiques a validé le diagnostic et nous encourage à "
             "solliciter le mécénat, ce que nous avons engagé avec l'appui d'une fondation locale.",
             "Les habitants de Saint-Ismier sont très attachés à cet ensemble, qui accueille chaque année "
             "plusieurs concerts. Une souscription publique sera lancée au printemps.",
             "Votre soutien auprès du ministère de la Culture serait précieux pour compléter le plan de "
             "financement.",
             "Je vous prie de croire, Monsieur le Sénateur, à l'expression de mes sentiments les meilleurs."],
            ["Le Maire,", "Jean-Luc Aubanel"]),
        phrases=["Œuvre majeure du patrimoine", "retable en bois doré",
                 "Conservation régionale des monuments historiques", "habitants de Saint-Ismier"],
        degrade=dict(seed=4404, angle=-0.4, paper=231, ink=35, gamma=1.1, noise=0.002, amp=10, specks=70,
                     shadow=("left", 36, 55), light=(6.0, 2.0, 6.0)),
        mail=dict(from_=("Cabinet du Maire de Saint-Ismier", "cabinet@mairie-saint-ismier.fr"),
                  subject="Envoi d'un courrier", date=d(2026, 2, 3, 11, 20, 0),
                  body="Monsieur le Sénateur,\n\nÀ la demande de M. le Maire, je vous adresse le courrier joint."
                       "\n\nRespectueusement,\n\nLe cabinet du Maire"),
    ),
    dict(
        name="scan-domene-digues", kind="image", fmt="png", dpi=300, family="Helvetica", size=10,
        commune="Domène", when=d(2026, 2, 19, 14, 0),
        blocks=letter(
            "MAIRIE DE DOMÈNE",
            ["Pôle aménagement et cadre de vie", "Réf. : PACV/2026-023"],
            "Domène, le 19 février 2026",
            "Objet : travaux sur les digues de l'Isère",
            ["Les travaux de confortement des digues engagés en 2024 dans le cadre du programme d'actions de "
             "prévention des inondations devaient s'achever à l'été 2026 sur le territoire de notre commune.",
             "Or le syndicat mixte nous a informés d'un nouveau report, lié à des difficultés d'acquisition "
             "foncière avec la commune de Villard-Bonnot et à la hausse du coût des enrochements. À ce stade, "
             "aucun calendrier précis ne nous a été communiqué.",
             "Ce retard bloque la révision de notre plan local d'urbanisme et l'extension de la zone artisanale "
             "des Écureuils, pour laquelle deux entreprises attendent une réponse depuis plus d'un an.",
             "Nous vous saurions gré d'interroger les services de l'État sur l'échéancier retenu et sur les "
             "moyens prévus pour tenir les engagements pris auprès des riverains.",
             "Veuillez agréer, Monsieur le Sénateur, l'assurance de ma considération distinguée."],
            ["La Maire,", "Pascale Monteremand"]),
        phrases=["confortement des digues", "commune de Villard-Bonnot", "À ce stade, aucun calendrier",
                 "zone artisanale des Écureuils"],
        degrade=dict(seed=5505, angle=0.15, paper=234, ink=28, gamma=1.2, noise=0.002, amp=10, specks=80,
                     streak=(0.183, 12), light=(-3.0, -4.0, 8.0)),
        mail=dict(from_=("Mairie de Domène", "amenagement@mairie-domene.fr"),
                  subject="Numérisation courrier", date=d(2026, 2, 19, 14, 22, 41), mailer="Microsoft Outlook 16.0",
                  body="Bonjour,\n\nCi-joint la copie du courrier envoyé ce jour.\n\nCordialement,\n\n"
                       "Pôle aménagement et cadre de vie"),
    ),
    dict(
        name="scan-vizille-medecins", kind="image", fmt="jpeg", dpi=300, family="Helvetica", size=12,
        commune="Vizille", when=d(2026, 3, 5, 9, 30),
        blocks=letter(
            "VILLE DE VIZILLE",
            ["Pôle solidarités", "Réf. : SOL/GT/2026-006"],
            "Vizille, le 5 mars 2026",
            "Objet : accès aux soins dans le sud de l'agglomération",
            ["Deux médecins généralistes de notre centre de santé partiront à la retraite en juin, sans "
             "successeur identifié. Près de 2 300 patients, dont beaucoup viennent de Notre-Dame-de-Mésage et "
             "des communes voisines, risquent de se retrouver sans médecin traitant.",
             "Nous avons pris contact avec plusieurs médecins formés en Île-de-France et proposons un logement "
             "temporaire ainsi qu'une aide à l'installation. Les candidats nous interrogent toutefois sur la "
             "pérennité du zonage actuel, qui conditionne les aides de l'assurance maladie.",
             "Nous souhaiterions connaître votre position sur l'évolution de ce zonage et sur les dispositifs "
             "envisagés par le Gouvernement.",
             "Je vous prie d'agréer, Monsieur le Sénateur, l'expression de mes sentiments dévoués."],
            ["Le Maire,", "Gérard Tournoud"]),
        phrases=["viennent de Notre-Dame-de-Mésage", "médecins formés en Île-de-France",
                 "Deux médecins généralistes", "pérennité du zonage actuel"],
        degrade=dict(seed=6606, angle=-0.3, paper=227, ink=33, gamma=1.1, noise=0.002, amp=10, specks=70,
                     folds=[0.333, 0.666], light=(4.0, 4.0, 7.0)),
        mail=dict(from_=("Ville de Vizille", "solidarites@ville-vizille.fr"),
                  subject="Courrier de la Ville", date=d(2026, 3, 5, 9, 47, 12), mailer="Thunderbird",
                  body="Bonjour,\n\nVeuillez trouver ci-joint une copie du courrier signé ; l'original vous "
                       "parviendra par la poste.\n\nBien à vous,\n\nPôle solidarités"),
    ),
]

TEXT_PDFS = [
    dict(
        name="deliberation-claix-gymnase", kind="pdf", family="Times-Roman", size=11, commune="Claix",
        when=d(2026, 1, 23, 16, 0), title="Délibération n° 2026-004", author="Mairie de Claix",
        footer="Délibération n° 2026-004 – page {page}/{pages}",
        blocks=[
            ("ctitle", "DÉPARTEMENT DE L'ISÈRE", 0),
            ("ctitle", "COMMUNE DE CLAIX"),
            ("center", "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL", 10),
            ("rule", ""),
            ("left", "Séance du 20 janvier 2026", 14),
            ("left", "Nombre de conseillers en exercice : 29 – présents : 24 – votants : 27"),
            ("left", "Date de convocation : 13 janvier 2026"),
            ("p", "L'an deux mille vingt-six, le vingt janvier à dix-neuf heures, le conseil municipal de la "
                  "commune de Claix, régulièrement convoqué, s'est réuni en séance publique à l'Hôtel de ville, "
                  "sous la présidence de Mme Anne-Sophie Brachet, Maire.", 14),
            ("p", "Secrétaire de séance : M. Julien Chevrot."),
            ("h", "Délibération n° 2026-004 – Réhabilitation du gymnase des Pérelles : approbation du plan de "
                  "financement"),
            ("p", "Rapporteur : M. Éric Lambertin, adjoint chargé des sports et de la vie associative."),
            ("p", "Vu le Code général des collectivités territoriales, et notamment son article L. 2121-29 ;"),
            ("p", "Vu la délibération n° 2025-087 du 16 décembre 2025 approuvant le programme pluriannuel "
                  "d'investissement ;"),
            ("p", "Considérant que le gymnase des Pérelles, construit en 1981, ne répond plus aux normes "
                  "d'accessibilité ni aux exigences de performance énergétique ;"),
            ("p", "Considérant que l'équipement accueille chaque semaine les élèves du collège et onze "
                  "associations sportives ;"),
            ("p", "Considérant que le projet comprend la réfection complète de la toiture, le remplacement de "
                  "l'éclairage par des luminaires à LED, la création d'un ascenseur et la rénovation des "
                  "vestiaires ;"),
            ("p", "Considérant que ces travaux sont éligibles aux concours financiers de l'État, de la Région et "
                  "du Département ;"),
            ("pagebreak", ""),
            ("p", "Le conseil municipal, après en avoir délibéré, par 23 voix pour et 4 abstentions :", 0),
            ("item", "– APPROUVE le plan de financement prévisionnel ci-dessous, pour un montant total de "
                     "1 840 000 euros hors taxes :", 8),
            ("item", "État – dotation de soutien à l'investissement local : 460 000 €", 6),
            ("item", "Région Auvergne-Rhône-Alpes : 368 000 €"),
            ("item", "Département de l'Isère : 552 000 €"),
            ("item", "Autofinancement communal : 460 000 €"),
            ("item", "– AUTORISE Mme la Maire à solliciter les subventions correspondantes et à signer tout "
                     "document s'y rapportant ;", 8),
            ("item", "– DIT que les crédits nécessaires sont inscrits au budget primitif 2026."),
            ("p", "Fait et délibéré les jour, mois et an susdits.", 14),
            ("p", "Pour extrait certifié conforme,"),
            ("sig1", "La Maire,"),
            ("sig", "Anne-Sophie Brachet"),
            ("small", "Acte rendu exécutoire après transmission en préfecture le 23 janvier 2026 et publication "
                      "le 23 janvier 2026.", 40),
        ],
        phrases=["gymnase des Pérelles", "onze associations sportives", "luminaires à LED",
                 "Région Auvergne-Rhône-Alpes"],
        mail=dict(from_=("Mairie de Claix – Service des assemblées", "assemblees@mairie-claix.fr"),
                  subject="Délibération du 20 janvier 2026", date=d(2026, 1, 26, 8, 55, 2),
                  mailer="Microsoft Outlook 16.0",
                  body="Bonjour,\n\nPour information, vous trouverez ci-joint une délibération adoptée lors de "
                       "la dernière séance du conseil municipal.\n\nCordialement,\n\nService des assemblées"),
    ),
    dict(
        name="compte-rendu-eybens-quartier", kind="pdf", family="Helvetica", size=10, commune="Eybens",
        when=d(2026, 2, 12, 17, 0), title="Compte rendu – conseil de quartier", author="Ville d'Eybens",
        footer=None,
        blocks=[
            ("head", "VILLE D'EYBENS", 0),
            ("sub", "Démocratie locale – Conseils de quartier"),
            ("rule", ""),
            ("title", "Compte rendu de la réunion du conseil de quartier Maisons-Neuves"),
            ("center", "Mardi 10 février 2026, 18 h 30 – Maison des habitants"),
            ("h", "Présents"),
            ("p", "Élus : Mme Laurence Dutrièvoz, adjointe à la démocratie locale ; M. Karim Belhadj, conseiller "
                  "municipal délégué.", 4),
            ("p", "Habitants : 14 personnes (liste d'émargement jointe). Services : M. Olivier Jacquemet, service "
                  "voirie ; Mme Inès Roussel, police municipale.", 4),
            ("h", "1. Sécurité aux abords du groupe scolaire"),
            ("p", "Les parents signalent des vitesses excessives avenue de Poisat aux heures d'entrée et de sortie "
                  "des classes. La police municipale propose des contrôles renforcés pendant six semaines. Le "
                  "service voirie étudiera la pose de coussins berlinois avant l'été.", 4),
            ("h", "2. Jardins partagés"),
            ("p", "Le collectif des jardins partagés demande l'installation d'un récupérateur d'eau de pluie de "
                  "3 000 litres. Accord de principe de la Ville ; le devis sera présenté au prochain comité "
                  "technique.", 4),
            ("h", "3. Éclairage public"),
            ("p", "Plusieurs habitants constatent des pannes répétées rue des Javaux. Un diagnostic du réseau est "
                  "programmé la semaine du 2 mars.", 4),
            ("h", "Relevé de décisions"),
            ("item", "– Contrôles de vitesse : police municipale, de février à mars.", 4),
            ("item", "– Étude des coussins berlinois : service voirie, avant le 30 avril."),
            ("item", "– Devis du récupérateur d'eau : direction des espaces verts, prochain comité."),
            ("p", "Prochaine réunion : mardi 14 avril 2026 à 18 h 30, même lieu.", 14),
            ("small", "Compte rendu rédigé par Mme Inès Roussel, validé par Mme Laurence Dutrièvoz."),
        ],
        phrases=["conseil de quartier Maisons-Neuves", "coussins berlinois", "collectif des jardins partagés",
                 "pannes répétées rue des Javaux", "Éclairage public"],
        mail=dict(from_=("Ville d'Eybens – Démocratie locale", "democratie.locale@mairie-eybens.fr"),
                  subject="Compte rendu de la réunion de mardi", date=d(2026, 2, 13, 9, 31, 44),
                  body="Bonjour,\n\nComme convenu, voici le document de la réunion de mardi soir.\n\n"
                       "Bonne journée,\n\nService démocratie locale"),
    ),
    dict(
        name="arrete-tullins-foire", kind="pdf", family="Helvetica", size=11, commune="Tullins",
        when=d(2026, 3, 9, 16, 30), title="Arrêté municipal n° 2026-031", author="Mairie de Tullins",
        footer=None,
        blocks=[
            ("ctitle", "RÉPUBLIQUE FRANÇAISE", 0),
            ("center", "Département de l'Isère"),
            ("ctitle", "COMMUNE DE TULLINS", 8),
            ("rule", ""),
            ("title", "ARRÊTÉ MUNICIPAL N° 2026-031"),
            ("center", "portant réglementation temporaire du stationnement et de la circulation à l'occasion de "
                       "la foire de printemps"),
            ("p", "Le Maire de la commune de Tullins,", 18),
            ("p", "Vu le Code général des collectivités territoriales, notamment ses articles L. 2212-1, L. 2212-2 "
                  "et L. 2213-1 ;", 6),
            ("p", "Vu le Code de la route ;", 6),
            ("p", "Vu la demande présentée par le comité des fêtes le 2 février 2026 ;", 6),
            ("p", "Considérant que le déroulement de la foire de printemps, le dimanche 22 mars 2026, nécessite de "
                  "réglementer le stationnement et la circulation afin d'assurer la sécurité des exposants et du "
                  "public ;", 6),
            ("ctitle", "ARRÊTE", 14),
            ("p", "Article 1er – Le stationnement est interdit sur la place Jean-Jaurès et sur le parking du "
                  "Champ-de-Mars du samedi 21 mars 2026 à 20 heures au dimanche 22 mars 2026 à 21 heures.", 10),
            ("p", "Article 2 – La circulation est interdite rue de la République et rue du Faubourg-Saint-Jean le "
                  "dimanche 22 mars 2026 de 6 heures à 20 heures, sauf pour les véhicules de secours et "
                  "d'incendie."),
            ("p", "Article 3 – Une déviation sera mise en place par l'avenue de la Gare et le boulevard des "
                  "Tilleuls."),
            ("p", "Article 4 – Les véhicules en infraction feront l'objet d'une mise en fourrière aux frais de "
                  "leur propriétaire."),
            ("p", "Article 5 – Le présent arrêté peut faire l'objet d'un recours devant le tribunal administratif "
                  "de Grenoble dans un délai de deux mois à compter de sa publication."),
            ("p", "Article 6 – Le directeur général des services, le chef de la police municipale et le commandant "
                  "de la brigade de gendarmerie sont chargés, chacun en ce qui le concerne, de l'exécution du "
                  "présent arrêté."),
            ("p", "Fait à Tullins, le 9 mars 2026", 14),
            ("sig1", "Le Maire,"),
            ("sig", "Christophe Ravanat"),
            ("small", "Affiché en mairie le 10 mars 2026.", 30),
        ],
        phrases=["ARRÊTÉ MUNICIPAL N° 2026-031", "parking du Champ-de-Mars", "rue du Faubourg-Saint-Jean",
                 "mise en fourrière", "foire de printemps"],
        mail=dict(from_=("Police municipale de Tullins", "police.municipale@mairie-tullins.fr"),
                  subject="Arrêté municipal", date=d(2026, 3, 10, 11, 3, 27),
                  body="Bonjour,\n\nPour votre information, veuillez trouver le document joint, affiché ce jour."
                       "\n\nCordialement,\n\nPolice municipale"),
    ),
]

DOCX = dict(
    name="note-la-mure-france-services", kind="docx", commune="La Mure", font="Calibri 11pt",
    when=d(2026, 2, 16, 8, 45), title="Note – Maison France services", author="DGS La Mure",
    body=[
        ("p", "Titre1", None, [("Commune de La Mure", set())]),
        ("p", None, None, [("Direction générale des services", set())]),
        ("p", None, "right", [("La Mure, le 16 février 2026", set())]),
        ("p", None, None, [("Note à l'attention de Monsieur le Sénateur", {"b"})]),
        ("p", None, None, [("Objet : ", {"b"}), ("avenir de la Maison France services", set())]),
        ("p", None, None, [("La Maison France services installée depuis 2021 dans l'ancienne trésorerie accueille "
                            "en moyenne 420 usagers par mois, venus de tout le plateau ", set()),
                           ("matheysin", {"noproof"}),
                           (". Elle constitue souvent le seul point d'accès aux démarches en ligne pour les "
                            "personnes âgées et les demandeurs d'emploi.", set())]),
        ("p", None, None, [("La convention de financement arrive à échéance le 30 juin 2026. Les partenaires "
                            "nationaux ont annoncé une baisse de leur participation forfaitaire, alors que la "
                            "commune assume déjà la charge de deux agents à temps plein.", set())]),
        ("table", [["Fréquentation", "2024", "2025"],
                   ["Démarches fiscales", "1 140", "1 310"],
                   ["Retraite et santé", "960", "1 085"],
                   ["Emploi", "730", "802"]]),
        ("p", None, None, [("À la demande du conseil municipal, nous sollicitons votre appui pour obtenir le "
                            "maintien du forfait annuel et l'ouverture d'une permanence de la caisse "
                            "d'allocations familiales ", set()), ("deux jours par semaine", set()), (".", set())]),
        ("p", None, None, [("Élus et agents restent à votre disposition pour une visite du site.", set())]),
        ("p", None, "right", [("Le Directeur général des services,", set())]),
        ("p", None, "right", [("Yannick Berthollet", set())]),
    ],
    phrases=["Maison France services", "plateau matheysin", "420 usagers par mois", "deux jours par semaine",
             "Élus et agents"],
    mail=dict(from_=("Direction générale des services – La Mure", "dgs@mairie-lamure.fr"),
              subject="Note à l'attention de M. le Sénateur", date=d(2026, 2, 16, 9, 2, 18),
              mailer="Microsoft Outlook 16.0",
              body="Monsieur le Sénateur,\n\nJe vous prie de trouver ci-joint une note préparée à votre intention."
                   "\n\nRespectueusement,\n\nLe Directeur général des services"),
)

ODT = dict(
    name="courrier-le-versoud-aerodrome", kind="odt", commune="Le Versoud", font="Liberation Serif 12pt",
    when=d(2026, 2, 24, 10, 15), title="Courrier – aérodrome", author="Mairie du Versoud",
    body=[
        ("h", [("MAIRIE DU VERSOUD", None)]),
        (None, [("Secrétariat du Maire", None), ("", "br"), ("Réf. : ", None), ("", "s"), ("SM/FS/2026-009", None)]),
        ("right", [("Le Versoud, le 24 février 2026", None)]),
        (None, [("Monsieur le Sénateur", None), ("", "br"), ("Permanence parlementaire", None), ("", "br"),
                ("38000 Grenoble", None)]),
        (None, [("Objet : nuisances sonores liées à l'aérodrome", "b")]),
        (None, [("Monsieur le Sénateur,", None)]),
        (None, [("Depuis le printemps dernier, les riverains de l'aérodrome se plaignent d'une multiplication des "
                 "tours de piste le week-end. Notre service accueil a enregistré ", None),
                ("87 réclamations", "b"), (" écrites en 2025, contre 31 l'année précédente.", None)]),
        (None, [("Une charte de bonne conduite avait été signée en 2019 avec les aéroclubs, mais elle n'est plus "
                 "respectée depuis l'arrivée d'une école de pilotage extérieure au département.", None)]),
        (None, [("Nous demandons la réunion rapide de la commission consultative de l'environnement, ainsi qu'une "
                 "limitation des vols d'entraînement le dimanche après-midi.", None)]),
        (None, [("Je vous prie d'agréer, Monsieur le Sénateur, l'expression de ma considération distinguée.", None)]),
        ("right", [("La Maire,", None), ("", "br"), ("Frédérique Sauvajon", None)]),
    ],
    phrases=["tours de piste le week-end", "charte de bonne conduite", "87 réclamations écrites",
             "école de pilotage extérieure"],
    mail=dict(from_=("Mairie du Versoud", "secretariat@mairie-leversoud.fr"),
              subject="Courrier de Mme la Maire", date=d(2026, 2, 24, 10, 40, 9), mailer="Thunderbird",
              body="Bonjour,\n\nVeuillez trouver ci-joint un courrier à l'attention de M. le Sénateur.\n\n"
                   "Cordialement,\n\nSecrétariat du Maire"),
)

RTF = dict(
    name="courrier-saint-martin-dheres-residence", kind="rtf", commune="Saint-Martin-d'Hères",
    font="Times New Roman 12pt", when=d(2026, 3, 2, 9, 15), title="Courrier – résidence", author="Cabinet de la Maire",
    body=[
        ("b", "VILLE DE SAINT-MARTIN-D'HÈRES"),
        (None, "Cabinet de la Maire"),
        ("right", "Saint-Martin-d'Hères, le 2 mars 2026"),
        ("b", "Objet : réhabilitation de la résidence Paul-Éluard"),
        (None, "Monsieur le Sénateur,"),
        (None, "Le bailleur social a annoncé le report sine die de la réhabilitation de la résidence "
               "Paul-Éluard, qui compte 212 logements. Les locataires subissent depuis plusieurs hivers des "
               "infiltrations et des pannes de chauffage à répétition."),
        (None, "Ce programme est pourtant au c" + RTF_UNI + "ur du projet de renouvellement urbain engagé avec "
               "les habitants depuis 2022. Son report remet en cause l'ensemble du calendrier, y compris la "
               "reconstruction de l'École élémentaire voisine."),
        (None, "Nous vous demandons d'intervenir auprès du ministère chargé du Logement afin que les crédits de "
               "l'Agence nationale pour la rénovation urbaine soient confirmés dès cette année."),
        (None, "Je vous prie de croire, Monsieur le Sénateur, à l'assurance de ma considération distinguée."),
        ("right", "La Maire,"),
        ("right", "Nathalie Cordonnier"),
    ],
    phrases=["résidence Paul-Éluard", "212 logements", "au cœur du projet", "pannes de chauffage à répétition"],
    mail=dict(from_=("Ville de Saint-Martin-d'Hères – Cabinet", "cabinet@ville-smh.fr"),
              subject="Courrier de Mme la Maire", date=d(2026, 3, 2, 9, 38, 55),
              body="Monsieur le Sénateur,\n\nVous trouverez ci-joint un courrier de Mme la Maire.\n\n"
                   "Respectueusement,\n\nLe cabinet"),
)

# ---- the campaign: one motion adopted by five councils, sent as a PDF only ----
MOTION_TITLE = "Motion pour le maintien d'un réseau postal de proximité en zone rurale"
MOTION_BODY = [
    "Considérant que La Poste a engagé la transformation de nombreux bureaux de plein exercice en agences "
    "postales communales ou en relais commerçants, transférant de fait aux communes et aux commerçants une "
    "mission de service public ;",
    "Considérant que les horaires d'ouverture des bureaux maintenus ont été réduits à plusieurs reprises depuis "
    "2023, au détriment des usagers les plus fragiles et des entreprises locales ;",
    "Considérant que la présence postale constitue, pour les habitants des territoires de montagne, un service "
    "essentiel d'accès aux prestations bancaires, à l'envoi de colis et aux démarches administratives ;",
    "Considérant que le contrat de présence postale territoriale 2023-2025 arrive à échéance et que sa "
    "renégociation doit garantir un financement à la hauteur des besoins ;",
]
MOTION_DECISION = [
    "DEMANDE le maintien des bureaux de poste de plein exercice existants dans les communes rurales du "
    "département ;",
    "DEMANDE que toute évolution des horaires ou des services fasse l'objet d'une concertation préalable avec "
    "les maires concernés ;",
    "DEMANDE à l'État de garantir, dans le futur contrat de présence postale, les moyens du fonds postal "
    "national de péréquation territoriale ;",
    "CHARGE le Maire de transmettre la présente motion à la direction régionale de La Poste, au préfet de "
    "l'Isère, aux parlementaires du département et à l'Association des maires de l'Isère.",
]
MOTION_PHRASES = ["réseau postal de proximité", "agences postales communales", "relais commerçants",
                  "fonds postal national de péréquation territoriale", "contrat de présence postale territoriale"]

FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]


def fr_date(x: dt.date) -> str:
    return f"{'1er' if x.day == 1 else x.day} {FR_MONTHS[x.month - 1]} {x.year}"


def motion_blocks(commune: str, seance: dt.date, counts, title: str, body: list[str], decision: list[str]):
    exercice, presents, votants, pour, contre, abst = counts
    assert pour + contre + abst == votants
    return [
        ("ctitle", "DÉPARTEMENT DE L'ISÈRE", 0),
        ("ctitle", "COMMUNE DE " + commune.upper()),
        ("center", "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL", 10),
        ("rule", ""),
        ("left", f"Séance du {fr_date(seance)}", 14),
        ("left", f"Conseillers en exercice : {exercice} – présents : {presents} – votants : {votants}"),
        ("title", title),
        ("p", "Le conseil municipal,", 14),
    ] + [("p", t) for t in body] + [("p", "Après en avoir délibéré,", 10)] + [("item", t, 6) for t in decision] + [
        ("p", f"Adoptée par {pour} voix pour, {contre} voix contre et {abst} "
              f"abstention{'s' if abst > 1 else ''}.", 12),
        ("p", f"Fait à {commune}, le {fr_date(seance)}.", 10),
        ("sig1", "Pour extrait certifié conforme,"),
        ("sig", "Le Maire"),
    ]


CAMPAIGN = [
    dict(commune="Mens", file="2026-02-03_Mens_deliberation.pdf", seance=dt.date(2026, 2, 3),
         counts=(15, 12, 14, 14, 0, 0),
         mail=dict(from_=("Mairie de Mens", "secretariat@mairie-mens.fr"),
                   subject="Délibération du conseil municipal", date=d(2026, 2, 9, 14, 12, 40),
                   body="Bonjour,\n\nVous trouverez en pièce jointe une délibération de notre conseil municipal du "
                        "3 février.\n\nCordialement,\nSecrétariat de mairie")),
    dict(commune="Monestier-de-Clermont", file="DCM-2026-07-Monestier.pdf", seance=dt.date(2026, 2, 5),
         counts=(15, 11, 13, 12, 0, 1),
         mail=dict(from_=("Mairie de Monestier-de-Clermont", "mairie@monestier-de-clermont-mairie.fr"),
                   subject="Transmission", date=d(2026, 2, 11, 17, 48, 3), mailer="Microsoft Outlook 16.0",
                   body="Monsieur le Sénateur,\n\nLe conseil municipal a souhaité vous transmettre le document "
                        "ci-joint, adopté lors de sa séance de jeudi.\n\nRespectueusement,\nLa mairie")),
    dict(commune="Allevard", file="Allevard_CM_09-02-2026_delib09.pdf", seance=dt.date(2026, 2, 9),
         counts=(27, 21, 25, 22, 1, 2),
         mail=dict(from_=("Accueil - Mairie d'Allevard", "accueil@mairie-allevard.fr"),
                   subject="Envoi document CM du 9 février", date=d(2026, 2, 13, 10, 5, 59), mailer="Zimbra",
                   body="Bonjour,\n\nPour information, transmission de la délibération n° 09 adoptée lundi soir."
                        "\n\nBonne réception.")),
    dict(commune="Saint-Laurent-du-Pont", file="extrait-deliberation-SLDP.pdf", seance=dt.date(2026, 2, 10),
         counts=(27, 23, 26, 26, 0, 0),
         mail=dict(from_=("Mairie de Saint-Laurent-du-Pont", "dgs@mairie-stlaurentdupont.fr"),
                   subject="Extrait de délibération", date=d(2026, 2, 17, 8, 31, 16),
                   body="Madame, Monsieur,\n\nÀ la demande de M. le Maire, nous vous adressons l'extrait joint, "
                        "pour suite à donner.\n\nSalutations distinguées,\nDirection générale des services")),
    dict(commune="Pontcharra", file="Pontcharra-motion-CM-12022026.pdf", seance=dt.date(2026, 2, 12),
         counts=(29, 24, 27, 21, 3, 3),
         mail=dict(from_=("Ville de Pontcharra", "secretariat.general@ville-pontcharra.fr"),
                   subject="Motion adoptée en conseil", date=d(2026, 2, 20, 16, 20, 7), mailer="Thunderbird",
                   body="Bonjour,\n\nCi-joint le texte voté par notre assemblée le 12 février.\n\nCordialement,\n"
                        "Le secrétariat général")),
]

CONTROL_ROAD_TITLE = "Motion pour le financement de la réfection de la route départementale 1090"
CONTROLS = [
    dict(commune="Crolles", file="Crolles_motion_RD1090.pdf", subject_kind="motion-same-layout",
         seance=dt.date(2026, 2, 10), counts=(29, 25, 28, 28, 0, 0),
         title=CONTROL_ROAD_TITLE,
         body=["Considérant que la route départementale 1090 supporte chaque jour plus de 18 000 véhicules entre "
               "Crolles et Bernin, dont une part importante de poids lourds ;",
               "Considérant que la chaussée présente sur plusieurs tronçons des ornières et des fissures qui "
               "compromettent la sécurité des cyclistes et des deux-roues motorisés ;",
               "Considérant que les travaux de réfection annoncés en 2024 ont été reportés faute de crédits "
               "suffisants ;"],
         decision=["DEMANDE au Département de l'Isère d'inscrire la réfection complète de la chaussée au budget "
                   "2026 ;",
                   "DEMANDE à l'État d'accompagner le Département par une aide exceptionnelle au titre de la "
                   "sécurité routière ;",
                   "CHARGE le Maire de transmettre la présente motion au président du Département et aux "
                   "parlementaires de l'Isère."],
         mail=dict(from_=("Mairie de Crolles", "assemblees@mairie-crolles.fr"),
                   subject="Délibération du 10 février", date=d(2026, 2, 16, 11, 44, 30),
                   mailer="Microsoft Outlook 16.0",
                   body="Bonjour,\n\nVeuillez trouver ci-joint une délibération de notre conseil municipal.\n\n"
                        "Cordialement,\nService des assemblées")),
    dict(commune="Vif", file="Vif-avis-reunion-publique-PLU.pdf", subject_kind="notice",
         family="Helvetica", size=11,
         blocks=[
             ("head", "COMMUNE DE VIF", 0),
             ("sub", "Service urbanisme"),
             ("rule", ""),
             ("title", "AVIS DE RÉUNION PUBLIQUE"),
             ("center", "Révision générale du plan local d'urbanisme"),
             ("p", "Dans le cadre de la concertation préalable à la révision du plan local d'urbanisme, la commune "
                   "de Vif organise une réunion publique consacrée au projet d'aménagement et de développement "
                   "durables.", 20),
             ("p", "Date : jeudi 5 mars 2026 à 19 heures", 12),
             ("p", "Lieu : salle des fêtes, place de la Libération", 4),
             ("p", "Les habitants pourront y découvrir les orientations retenues pour le logement, les mobilités "
                   "et la préservation des terres agricoles, puis échanger avec les élus et le bureau d'études.",
              12),
             ("p", "Un registre de concertation est ouvert à l'accueil de la mairie aux heures habituelles "
                   "d'ouverture.", 8),
             ("sig1", "Le Maire", 24),
         ],
         mail=dict(from_=("Mairie de Vif – Urbanisme", "urbanisme@mairie-vif.fr"),
                   subject="Avis de réunion publique", date=d(2026, 2, 12, 15, 2, 11),
                   body="Bonjour,\n\nPour information, voici l'avis qui sera affiché la semaine prochaine.\n\n"
                        "Bien cordialement,\nService urbanisme")),
    dict(commune="Voreppe", file="Voreppe_invitation_mediatheque.pdf", subject_kind="invitation",
         family="Times-Roman", size=12,
         blocks=[
             ("ctitle", "VILLE DE VOREPPE", 0),
             ("rule", ""),
             ("title", "Invitation"),
             ("p", "Le Maire et le conseil municipal ont le plaisir de vous convier à l'inauguration de la "
                   "médiathèque rénovée, le samedi 14 mars 2026 à 11 heures.", 20),
             ("p", "Au programme : visite des nouveaux espaces jeunesse, présentation du fonds patrimonial et "
                   "lecture par les élèves de l'école de musique."),
             ("p", "Un apéritif sera servi à l'issue de la cérémonie."),
             ("p", "Réponse souhaitée avant le 6 mars auprès du service culturel.", 14),
         ],
         mail=dict(from_=("Ville de Voreppe – Protocole", "protocole@ville-voreppe.fr"),
                   subject="Invitation", date=d(2026, 2, 18, 9, 12, 48), mailer="Microsoft Outlook 16.0",
                   body="Monsieur le Sénateur,\n\nM. le Maire serait heureux de vous compter parmi nous.\n\n"
                        "Le service du protocole")),
]

SOURCE_MD = """\
# attachments-heldout

A held-out evaluation set for the extraction of mail-attachment text
(text-layer PDFs through pdftotext; scanned PDFs and images through French
OCR; DOCX, ODT, RTF) and for the detection of a campaign of identical council
motions sent as PDF attachments only.

## Provenance

Written by a helper agent from the task text only. That agent never saw the
program's code (`src/`, `tests/`), its scripts other than the generator below,
nor the other attachment fixture set; nothing here was tuned to the program.
The ground truth of every scan is the text that was rendered; it was never
adjusted to any OCR output (`tesseract -l fra` was run once on the scans, only
to confirm that they are legible).

All content is invented: French administrative mail of Isère town halls.
The communes are real communes of Isère (Saint-Égrève is not used); every
person, address detail, reference number, figure, e-mail address and domain
is invented.

Licence: CC0 1.0 Universal (public domain dedication).

## Regenerate

    python3 scripts/make_attachment_heldout.py           # rewrites this folder
    python3 scripts/make_attachment_heldout.py --check   # then verifies it

Python 3.11 standard library only, plus poppler-utils (`pdftoppm`; `pdftotext`
for `--check`). Deterministic: fixed seeds, fixed dates, fixed zip timestamps,
content-derived PDF IDs and Message-IDs. The committed images were rasterised
by poppler 22.12 with the URW base-35 fonts installed (Debian package
`fonts-urw-base35`: Nimbus Sans, Nimbus Roman and Nimbus Mono PS stand in for
the non-embedded Helvetica, Times and Courier). Without that package poppler
substitutes DejaVu and the regenerated images differ; the texts, truths,
phrases and manifest do not.

## Files

| file | kind | how it was made |
| --- | --- | --- |
| `scan-sassenage-ecole.pdf` | scan-pdf, 300 dpi | letter, Helvetica 11 pt |
| `scan-bourgoin-jallieu-titres.pdf` | scan-pdf, 300 dpi | letter, Times-Roman 12 pt; fold marks, top edge shadow |
| `scan-varces-passerelle.pdf` | scan-pdf, 300 dpi | letter, Courier 11 pt; faint vertical streak, a hair |
| `scan-saint-ismier-retable.pdf` | scan-pdf, 200 dpi | letter, Times-Roman 11 pt; left edge shadow |
| `scan-domene-digues.png` | image, 300 dpi | letter, Helvetica 10 pt; faint vertical streak |
| `scan-vizille-medecins.jpg` | image, 300 dpi | letter, Helvetica 12 pt; fold marks |
| `deliberation-claix-gymnase.pdf` | pdf, 2 pages | délibération, Times-Roman 11 pt |
| `compte-rendu-eybens-quartier.pdf` | pdf, 1 page | compte rendu de réunion, Helvetica 10 pt |
| `arrete-tullins-foire.pdf` | pdf, 1 page | arrêté municipal, Helvetica 11 pt |
| `note-la-mure-france-services.docx` | docx | note with a table; one phrase split across two runs |
| `courrier-le-versoud-aerodrome.odt` | odt | letter; one phrase split by a bold span |
| `courrier-saint-martin-dheres-residence.rtf` | rtf | letter; cp1252 `\\'e9` escapes and one `\\u339?` (the œ of a phrase) |
| `*.txt` | truth | the rendered lines of each scan |
| `mail/NN-*.eml` | mail | one mail per file above |
| `mail/campaign/*.eml` | mail | the campaign: five motions |
| `mail/campaign-controls/*.eml` | mail | three controls |
| `campaign-pdf/*.pdf` | pdf | the attachments of the campaign and control mails |
| `manifest.json` | index | see below |

### Scans

Each letter (120–250 words, counted in `manifest.json`) is first written as a
one-page text PDF by hand: base-14 fonts, not embedded, `/WinAnsiEncoding`,
left-aligned lines, no hyphenation. It is rasterised with
`pdftoppm -gray -r DPI`, then degraded with a fixed seed, mildly:

- skew of 0.15–0.5° (two integer shears, as a sheet laid askew on a flatbed);
- ink not quite black, greyish paper (227–236), slightly heavier strokes;
- uneven lighting across the page (a few grey levels);
- sparse sensor noise (0.2 % of the pixels, ±10–12 levels);
- 60–120 small dust specks, placed only on blank paper so that no speck can
  become an accent or a dot;
- on some pages: fold marks of a letter folded in three, a faint vertical
  streak of the scanner bar, an edge shadow, a hair on the glass.

Then it is stored as:

- scan-pdf: a PDF whose only content is one `/Image` XObject,
  `/DeviceGray`, 8 bits per component, `/FlateDecode`, drawn over the whole
  A4 page; no font, no text layer (`pdftotext` gives nothing);
- image, PNG: an 8-bit greyscale PNG written with zlib, with a `pHYs` chunk
  of 300 dpi;
- image, JPEG: the degraded page wrapped as a scan-pdf, then rendered with
  `pdftoppm -jpeg -jpegopt quality=75 -r 300` (JFIF, 300 dpi; poppler writes
  three colour components, all grey).

Truth (`NAME.txt`, UTF-8, LF): one line per rendered line, top to bottom, the
exact characters drawn, no blank lines (paragraph gaps and the rule under the
letterhead are not text). Typography as drawn: straight apostrophe `'`, en
dash `–`, ordinary spaces only (also before `:` and `;` and inside numbers
such as `412 000`), « n° », `€`, capitals with accents (É, È, Ê, À, Ç, Î, Œ).

### Text-layer PDFs and campaign PDFs

Hand-written PDF 1.4 objects, base-14 fonts with `/WinAnsiEncoding`, one `Tj`
per line, Flate-compressed content streams. Every phrase lies on one line.

### Office documents

Minimal valid packages written with `zipfile` (fixed timestamps): the DOCX has
`[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, its rels,
`word/styles.xml`, `docProps/core.xml`; the ODT has `mimetype` first and
stored, `content.xml`, `styles.xml`, `meta.xml`, `META-INF/manifest.xml`. The
RTF is `\\ansicpg1252` with `\\'hh` escapes and one `\\uN?`.

## Phrases

Each file has 3–5 phrases of 2–6 words that appear in it exactly as a reader
sees them (accents, capitals, hyphens, case), each on a single line of the
rendered page, and that appear in no other document of this folder, in no
cover note and in no subject (compared case-insensitively). Each scan has at
least one phrase with an accented capital (« École maternelle des Îles »,
« service État civil », « Élus et techniciens », « Œuvre majeure du
patrimoine », « zone artisanale des Écureuils », « médecins formés en
Île-de-France ») and one with a hyphenated commune name.

## Mails

RFC 5322, CRLF line ends, `multipart/mixed`: a short neutral cover note
(`text/plain; charset=utf-8`, quoted-printable) that quotes no phrase, then the
attachment in base64 with the Content-Type of its kind (`application/pdf`,
`image/png`, `image/jpeg`,
`application/vnd.openxmlformats-officedocument.wordprocessingml.document`,
`application/vnd.oasis.opendocument.text`, `application/rtf`). Fixed dates of
January–March 2026 (+0100), senders at invented town-hall domains, `To:
permanence@senateur-exemple.fr`, unique Message-IDs. The attachment's file
name in the mail is the base name of the stored file.

## Campaign

`mail/campaign/`: the « Motion pour le maintien d'un réseau postal de
proximité en zone rurale », adopted by the councils of Mens,
Monestier-de-Clermont, Allevard, Saint-Laurent-du-Pont and Pontcharra, each
sent from its own town hall on a different day from 9 to 20 February 2026,
as a text-layer PDF attachment only, with a different 2–4-line cover note that
does not quote it. The five PDFs have the same text and layout except the
commune, the meeting date and the vote counts (the generator asserts it).

`mail/campaign-controls/`: three other town halls in the same period, each
with a PDF on another subject: Crolles (another motion, same layout, on the
repair funding of a departmental road), Vif (notice of a public meeting on the
local urban plan), Voreppe (an invitation).

## manifest.json

    {
      "files": [{"file", "mime", "kind": "pdf|scan-pdf|image|docx|odt|rtf",
                 "phrases": [...], "font", "commune",
                 scans only: "truth": "NAME.txt", "dpi", "pixels": [w, h],
                             "lines", "words";
                 text PDFs: "pages"}],
      "mails": [{"file": "mail/NN-....eml", "attachments": ["<file>"]}],
      "campaign": {
        "mails": [{"file", "attachments": ["campaign-pdf/..."], "commune",
                   "meeting_date", "sent", "votes": {...}}],
        "controls": [{"file", "attachments", "commune", "kind", "sent"}],
        "motion_phrases": [...], "motion_title": "..."}
    }

Every path is relative to this folder. `motion_phrases` appear on one line in
each of the five campaign PDFs and nowhere else (not in the controls, not in
any cover note).
"""


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------
MIME = {
    "pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text", "rtf": "application/rtf",
}


def words(text: str) -> int:
    return sum(1 for t in text.split() if re.search(r"\w", t))


def fold(s: str) -> str:
    return " ".join(s.lower().split())


def one_line(phrase: str, lines: list[str]) -> bool:
    return any(phrase in ln for ln in lines)


def build(out: Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    for sub in ("mail/campaign", "mail/campaign-controls", "campaign-pdf"):
        (out / sub).mkdir(parents=True)

    files = []          # manifest entries
    texts = {}          # attachment file -> plain text (for the uniqueness checks)
    line_texts = {}     # attachment file -> rendered lines (PDFs and scans)
    mails = []          # (relative eml path, mail spec, [(attachment path, mime, data)])

    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        # ---- scans ----
        for sc in SCANS:
            pages = layout(sc["blocks"], sc["family"], sc["size"], sc["phrases"])
            assert len(pages) == 1, sc["name"]
            lines = page_lines(pages)
            src = text_pdf(pages, sc["name"], "Mairie de " + sc["commune"], sc["when"])
            w, h, raw = render_gray(src, sc["dpi"], tmp)
            img = degrade(raw, w, h, sc["dpi"], sc["degrade"])
            if sc["kind"] == "scan-pdf":
                fname, mime = sc["name"] + ".pdf", MIME["pdf"]
                data = image_pdf(img, w, h, sc["dpi"], sc["when"], "Numérisation – copieur de l'accueil")
            elif sc["fmt"] == "png":
                fname, mime = sc["name"] + ".png", MIME["png"]
                data = png_gray(img, w, h, sc["dpi"])
            else:
                fname, mime = sc["name"] + ".jpg", MIME["jpeg"]
                data = jpeg_via_pdftoppm(img, w, h, sc["dpi"], sc["when"], tmp)
            (out / fname).write_bytes(data)
            truth = sc["name"] + ".txt"
            (out / truth).write_text("\n".join(lines) + "\n", encoding="utf-8")
            texts[fname] = "\n".join(lines)
            line_texts[fname] = lines
            n = words(texts[fname])
            assert 120 <= n <= 250, (fname, n)
            files.append({"file": fname, "mime": mime, "kind": sc["kind"], "phrases": sc["phrases"],
                          "truth": truth, "dpi": sc["dpi"], "font": f"{sc['family']} {sc['size']}pt",
                          "commune": sc["commune"], "pixels": [w, h], "lines": len(lines), "words": n})
            mails.append((fname, sc["mail"], [(fname, mime, data)]))

        # ---- text-layer PDFs ----
        for tp in TEXT_PDFS:
            pages = layout(tp["blocks"], tp["family"], tp["size"], tp["phrases"], tp["footer"])
            assert 1 <= len(pages) <= 2, (tp["name"], len(pages))
            fname = tp["name"] + ".pdf"
            data = text_pdf(pages, tp["title"], tp["author"], tp["when"])
            (out / fname).write_bytes(data)
            lines = page_lines(pages)
            texts[fname] = "\n".join(lines)
            line_texts[fname] = lines
            files.append({"file": fname, "mime": MIME["pdf"], "kind": "pdf", "phrases": tp["phrases"],
                          "font": f"{tp['family']} {tp['size']}pt", "commune": tp["commune"],
                          "pages": len(pages)})
            mails.append((fname, tp["mail"], [(fname, MIME["pdf"], data)]))

        # ---- office documents ----
        for doc, ext, maker, plain in ((DOCX, "docx", docx_bytes, docx_plain), (ODT, "odt", odt_bytes, odt_plain),
                                       (RTF, "rtf", rtf_bytes, rtf_plain)):
            fname = doc["name"] + "." + ext
            data = maker(doc)
            (out / fname).write_bytes(data)
            texts[fname] = plain(doc)
            line_texts[fname] = texts[fname].split("\n")
            files.append({"file": fname, "mime": MIME[ext], "kind": ext, "phrases": doc["phrases"],
                          "font": doc["font"], "commune": doc["commune"]})
            mails.append((fname, doc["mail"], [(fname, MIME[ext], data)]))

        # ---- campaign and controls ----
        campaign_texts = {}
        campaign_entries = []
        for i, c in enumerate(CAMPAIGN, 1):
            blocks = motion_blocks(c["commune"], c["seance"], c["counts"], MOTION_TITLE, MOTION_BODY,
                                   MOTION_DECISION)
            pages = layout(blocks, "Times-Roman", 11, MOTION_PHRASES)
            assert len(pages) == 1
            data = text_pdf(pages, "Extrait du registre des délibérations", "Mairie",
                            dt.datetime.combine(c["seance"], dt.time(18, 0), tzinfo=TZ))
            rel = "campaign-pdf/" + c["file"]
            (out / rel).write_bytes(data)
            campaign_texts[rel] = page_lines(pages)
            eml = f"mail/campaign/{i:02d}-{slug(c['commune'])}.eml"
            mails.append((eml, c["mail"], [(rel, MIME["pdf"], data)]))
            ex, pr, vo, po, co, ab = c["counts"]
            campaign_entries.append({"file": eml, "attachments": [rel], "commune": c["commune"],
                                     "meeting_date": c["seance"].isoformat(),
                                     "sent": c["mail"]["date"].isoformat(),
                                     "votes": {"members": ex, "present": pr, "voting": vo, "for": po,
                                               "against": co, "abstentions": ab}})
        control_texts = {}
        control_entries = []
        for i, c in enumerate(CONTROLS, 1):
            if "blocks" in c:
                pages = layout(c["blocks"], c["family"], c["size"], [])
                font = f"{c['family']} {c['size']}pt"
            else:
                pages = layout(motion_blocks(c["commune"], c["seance"], c["counts"], c["title"], c["body"],
                                             c["decision"]), "Times-Roman", 11, [])
            assert len(pages) == 1
            data = text_pdf(pages, c["file"].rsplit(".", 1)[0], "Mairie de " + c["commune"],
                            c["mail"]["date"] - dt.timedelta(hours=2))
            rel = "campaign-pdf/" + c["file"]
            (out / rel).write_bytes(data)
            control_texts[rel] = page_lines(pages)
            eml = f"mail/campaign-controls/{i:02d}-{slug(c['commune'])}.eml"
            mails.append((eml, c["mail"], [(rel, MIME["pdf"], data)]))
            control_entries.append({"file": eml, "attachments": [rel], "commune": c["commune"],
                                    "kind": c["subject_kind"], "sent": c["mail"]["date"].isoformat()})

    # ---- mails ----
    top_mails = []
    seen_ids = set()
    for n, (key, spec, atts) in enumerate(mails, 1):
        spec = dict(spec, **{"from": spec["from_"]})
        if key.startswith("mail/"):
            eml = key
        else:
            eml = f"mail/{n:02d}-{key.rsplit('.', 1)[0]}.eml"
        data, msgid = make_eml(spec, [(Path(p).name, mime, blob) for p, mime, blob in atts])
        assert msgid not in seen_ids
        seen_ids.add(msgid)
        (out / eml).write_bytes(data)
        if not key.startswith("mail/"):
            top_mails.append({"file": eml, "attachments": [p for p, _, _ in atts]})

    # ---- consistency checks on the texts themselves ----
    all_docs = dict(texts)
    all_docs.update({k: "\n".join(v) for k, v in campaign_texts.items()})
    all_docs.update({k: "\n".join(v) for k, v in control_texts.items()})
    covers = [s["subject"] + "\n" + s["body"] for _, s, _ in mails]
    for entry in files:
        f = entry["file"]
        assert 3 <= len(entry["phrases"]) <= 5, f
        for ph in entry["phrases"]:
            assert 2 <= len(ph.split()) <= 6, ph
            assert one_line(ph, line_texts[f]), (f, ph)
            for other, txt in all_docs.items():
                if other != f:
                    assert fold(ph) not in fold(txt), (ph, "also in", other)
            for cv in covers:
                assert fold(ph) not in fold(cv), (ph, "in a cover note")
    for ph in MOTION_PHRASES:
        assert 2 <= len(ph.split()) <= 6, ph
        for rel, lines in campaign_texts.items():
            assert one_line(ph, lines), (rel, ph)
        for other, txt in all_docs.items():
            if other not in campaign_texts:
                assert fold(ph) not in fold(txt), (ph, "also in", other)
        for cv in covers:
            assert fold(ph) not in fold(cv), (ph, "in a cover note")
    # the five motions differ only by commune, meeting date and vote counts
    normalised = set()
    for c in CAMPAIGN:
        txt = "\n".join(campaign_texts["campaign-pdf/" + c["file"]])
        txt = txt.replace(c["commune"].upper(), "<COMMUNE>").replace(c["commune"], "<COMMUNE>")
        txt = txt.replace(fr_date(c["seance"]), "<DATE>")
        txt = re.sub(r"Conseillers en exercice : .*", "<COUNTS>", txt)
        txt = re.sub(r"Adoptée par .*", "<VOTE>", txt)
        normalised.add(txt)
    assert len(normalised) == 1, "campaign texts differ beyond commune/date/votes"
    sent = sorted(c["mail"]["date"] for c in CAMPAIGN)
    assert (sent[-1].date() - sent[0].date()).days < 12
    assert len({c["mail"]["from_"][1].split("@")[1] for c in CAMPAIGN + CONTROLS}) == len(CAMPAIGN) + len(CONTROLS)
    for c in CAMPAIGN:
        assert 2 <= len([ln for ln in c["mail"]["body"].split("\n") if ln.strip()]) <= 4, c["commune"]

    manifest = {
        "description": "Held-out attachment-extraction set (see SOURCE.md). Paths are relative to this folder.",
        "files": files,
        "mails": top_mails,
        "campaign": {"mails": campaign_entries, "controls": control_entries, "motion_phrases": MOTION_PHRASES,
                     "motion_title": MOTION_TITLE},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "SOURCE.md").write_text(SOURCE_MD, encoding="utf-8")
    return manifest


def slug(s: str) -> str:
    import unicodedata
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


# --------------------------------------------------------------------------
# Verification (--check)
# --------------------------------------------------------------------------
def xml_parts_ok(zf: zipfile.ZipFile) -> None:
    import xml.dom.minidom
    for name in zf.namelist():
        if name.endswith((".xml", ".rels")):
            xml.dom.minidom.parseString(zf.read(name))


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as zf:
        assert zf.testzip() is None
        xml_parts_ok(zf)
        xml = zf.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        p = p.replace("<w:tab/>", "<w:t>\t</w:t>")
        paras.append("".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)))
    return "\n".join(html_unescape(p) for p in paras)


def odt_text(data: bytes) -> str:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert zf.infolist()[0].filename == "mimetype" and zf.infolist()[0].compress_type == zipfile.ZIP_STORED
        xml_parts_ok(zf)
        xml = zf.read("content.xml").decode("utf-8")
    xml = re.sub(r"<text:s/>", " ", xml)
    xml = re.sub(r"<text:line-break/>", "\n", xml)
    xml = re.sub(r"<text:tab/>", "\t", xml)
    xml = re.sub(r"</text:(p|h)>", "\n", xml)
    return html_unescape(re.sub(r"<[^>]+>", "", xml.split("<office:text>")[1]))


def rtf_text(data: bytes) -> str:
    s = data.decode("ascii")
    out, i, skip_depth, depth, uc_skip = [], 0, None, 0, 0
    while i < len(s):
        ch = s[i]
        if ch == "{":
            depth += 1
            if s.startswith("{\\fonttbl", i) or s.startswith("{\\info", i):
                skip_depth = depth if skip_depth is None else skip_depth
            i += 1
        elif ch == "}":
            if skip_depth == depth:
                skip_depth = None
            depth -= 1
            i += 1
        elif ch == "\\":
            m = re.match(r"\\'([0-9a-f]{2})|\\u(-?\d+)\??|\\([a-z]+)(-?\d+)? ?|\\([\\{}])", s[i:])
            i += m.end()
            if skip_depth is not None:
                continue
            if m.group(1):
                out.append(bytes([int(m.group(1), 16)]).decode("cp1252"))
            elif m.group(2):
                out.append(chr(int(m.group(2)) % 65536))
            elif m.group(3) == "par":
                out.append("\n")
            elif m.group(5):
                out.append(m.group(5))
        elif ch in "\r\n":
            i += 1
        else:
            if skip_depth is None:
                out.append(ch)
            i += 1
    return "".join(out)


def html_unescape(s: str) -> str:
    import html
    return html.unescape(s)


def check(out: Path, manifest: dict) -> None:
    import email
    from email import policy
    problems = []
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        pdfs = [e["file"] for e in manifest["files"] if e["file"].endswith(".pdf")]
        pdfs += sorted(str(p.relative_to(out)) for p in (out / "campaign-pdf").glob("*.pdf"))
        for rel in pdfs:
            r = subprocess.run(["pdftoppm", "-r", "20", "-singlefile", "-png", str(out / rel), str(tmp / "x")],
                               capture_output=True)
            if r.returncode != 0 or not (tmp / "x.png").exists():
                problems.append(f"pdftoppm cannot render {rel}: {r.stderr[-200:]!r}")
            (tmp / "x.png").unlink(missing_ok=True)
        for e in manifest["files"]:
            path = out / e["file"]
            if e["kind"] in ("pdf", "scan-pdf"):
                txt = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                     check=True).stdout.decode("utf-8")
                if e["kind"] == "scan-pdf":
                    if txt.strip():
                        problems.append(f"{e['file']}: pdftotext found text {txt[:60]!r}")
                    continue
            elif e["kind"] == "docx":
                txt = docx_text(path.read_bytes())
            elif e["kind"] == "odt":
                txt = odt_text(path.read_bytes())
            elif e["kind"] == "rtf":
                txt = rtf_text(path.read_bytes())
            else:
                continue
            norm = " ".join(txt.split())
            for ph in e["phrases"]:
                if ph not in norm:
                    problems.append(f"{e['file']}: phrase not extracted: {ph!r}")
        for m in manifest["campaign"]["mails"]:
            txt = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out / m["attachments"][0]), "-"],
                                 capture_output=True, check=True).stdout.decode("utf-8")
            for ph in manifest["campaign"]["motion_phrases"]:
                if ph not in " ".join(txt.split()):
                    problems.append(f"{m['file']}: motion phrase not extracted: {ph!r}")
        for m in manifest["campaign"]["controls"]:
            txt = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out / m["attachments"][0]), "-"],
                                 capture_output=True, check=True).stdout.decode("utf-8")
            for ph in manifest["campaign"]["motion_phrases"]:
                if ph.lower() in " ".join(txt.split()).lower():
                    problems.append(f"{m['file']}: control contains motion phrase {ph!r}")
    all_phrases = [p for e in manifest["files"] for p in e["phrases"]] + manifest["campaign"]["motion_phrases"]
    ids = set()
    for m in manifest["mails"] + manifest["campaign"]["mails"] + manifest["campaign"]["controls"]:
        raw = (out / m["file"]).read_bytes()
        if b"\n" in raw.replace(b"\r\n", b""):
            problems.append(f"{m['file']}: bare LF")
        msg = email.message_from_bytes(raw, policy=policy.default)
        ids.add(msg["Message-ID"])
        if msg["To"] != RECIPIENT or not msg["Date"] or msg.get_content_type() != "multipart/mixed":
            problems.append(f"{m['file']}: bad headers")
        body = msg.get_body(preferencelist=("plain",)).get_content()
        for ph in all_phrases:
            if fold(ph) in fold(body) or fold(ph) in fold(str(msg["Subject"])):
                problems.append(f"{m['file']}: cover note contains {ph!r}")
        atts = list(msg.iter_attachments())
        if [a.get_filename() for a in atts] != [Path(p).name for p in m["attachments"]]:
            problems.append(f"{m['file']}: attachment names differ")
        for a, p in zip(atts, m["attachments"]):
            if a.get_content() != (out / p).read_bytes():
                problems.append(f"{m['file']}: attachment {p} differs from the stored file")
    if len(ids) != len(manifest["mails"]) + len(manifest["campaign"]["mails"]) + len(manifest["campaign"]["controls"]):
        problems.append("Message-IDs are not unique")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    if size >= 4 * 1024 * 1024:
        problems.append(f"folder is {size} bytes, over 4 MiB")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"check passed: {len(manifest['files'])} files, "
          f"{len(manifest['mails']) + len(manifest['campaign']['mails']) + len(manifest['campaign']['controls'])} "
          f"mails, {size} bytes")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="verify the result with pdftotext/pdftoppm/zipfile")
    args = ap.parse_args()
    if not shutil.which("pdftoppm"):
        sys.exit("pdftoppm is needed (Debian package poppler-utils)")
    if shutil.which("fc-match"):
        subst = subprocess.run(["fc-match", "Helvetica"], capture_output=True, text=True).stdout
        if "Nimbus" not in subst:
            print("warning: poppler will draw Helvetica/Times/Courier with " + subst.strip()
                  + "; the committed scans were drawn with the URW base-35 fonts (Debian package "
                    "fonts-urw-base35), so the regenerated images will differ (texts and truths will not)",
                  file=sys.stderr)
    manifest = build(args.out)
    print(f"wrote {args.out}")
    if args.check:
        check(args.out, manifest)


if __name__ == "__main__":
    main()
