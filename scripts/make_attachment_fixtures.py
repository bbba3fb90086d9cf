#!/usr/bin/env python3
"""Generate the attachment-extraction fixtures of Permanence.

Writes everything in ``fixtures/attachments/``: the documents themselves (text
PDF, scanned PDF and images with their OCR ground truth, DOCX, ODT, XLSX, ODS,
RTF, iCalendar, TNEF ``winmail.dat``), five hostile files, the ``.eml`` mails
that carry them (``mail/``, ``mail/campaign/``, ``mail/campaign-controls/``),
``manifest.json`` and ``SOURCE.md``.

* Python 3.11, standard library only, plus ``pdftoppm`` (Debian package
  poppler-utils) to rasterise the two "scanned" letters.
* Deterministic: no clock, no network, fixed seeds, fixed timestamps inside the
  zip files. Running it twice gives byte-identical files on the same machine
  (the raster files depend on the poppler version and on the font that
  fontconfig substitutes for Helvetica; see SOURCE.md).
* Written for this project by a helper agent from the issue text, not from the
  code that extracts attachments.

All people, addresses, figures and events are invented; only the commune names
(Isère) are real.

Usage::

    python3 scripts/make_attachment_fixtures.py           # (re)generate
    python3 scripts/make_attachment_fixtures.py --check   # and check the output
                                                          # (needs pdftotext too)
"""
from __future__ import annotations

import base64
import datetime as _dt
import json
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "attachments"
MAIL = OUT / "mail"
CAMPAIGN = MAIL / "campaign"
CONTROLS = MAIL / "campaign-controls"

OFFICE_NAME = "Permanence du sénateur"
OFFICE = "permanence@senateur-exemple.fr"

ZIP_TIME = (2026, 3, 2, 9, 0, 0)

# --------------------------------------------------------------------------
# Helvetica metrics (AFM widths, 1/1000 em) for line wrapping
# --------------------------------------------------------------------------

_W = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191,
    "(": 333, ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278,
    ":": 278, ";": 278, "<": 584, "=": 584, ">": 584, "?": 556, "@": 1015,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722,
    "I": 278, "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667,
    "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667,
    "Y": 667, "Z": 611, "[": 278, "]": 278, "_": 556,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556,
    "i": 222, "j": 222, "k": 500, "l": 222, "m": 833, "n": 556, "o": 556, "p": 556,
    "q": 556, "r": 333, "s": 500, "t": 278, "u": 556, "v": 500, "w": 722, "x": 500,
    "y": 500, "z": 500,
    "é": 556, "è": 556, "ê": 556, "ë": 556, "à": 556, "â": 556, "ç": 500, "ô": 556,
    "î": 278, "ï": 278, "ù": 556, "û": 556, "ü": 556, "É": 667, "È": 667, "Ê": 667,
    "À": 667, "Â": 667, "Ç": 722, "Ô": 778, "Î": 278, "Ù": 722, "Û": 722,
    "«": 556, "»": 556, "’": 222, "œ": 944, "Œ": 1000, "—": 1000, "–": 556,
    "€": 556, "°": 400, "…": 1000, "\u00a0": 278,
}
for _d in "0123456789":
    _W[_d] = 556


def text_width(text: str, size: float, bold: bool = False) -> float:
    w = sum(_W.get(ch, 600) for ch in text) * size / 1000.0
    return w * (1.1 if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap on spaces, never inside a word."""
    words = text.split(" ")
    lines: list[str] = []
    cur = ""
    for w in words:
        cand = w if not cur else cur + " " + w
        if cur and text_width(cand, size, bold) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


# --------------------------------------------------------------------------
# PDF writing (hand-made objects)
# --------------------------------------------------------------------------

PDF_HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + raw + b")"


def pdf_stream(entries: bytes, data: bytes) -> bytes:
    return (b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data
            + b"\nendstream")


def pdf_assemble(objects: list[bytes], root: int = 1, info: int | None = None) -> bytes:
    out = bytearray(PDF_HEADER)
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


A4 = (595, 842)
A5 = (420, 595)


class Doc:
    """A tiny flow layout: blocks of text placed top-down, line by line."""

    def __init__(self, size=A4, margin=64, top=64):
        self.w, self.h = size
        self.margin = margin
        self.top = top
        self.pages: list[list[tuple]] = [[]]
        self.y = self.h - top
        self.lines: list[str] = []  # every line as laid out (for ground truth)

    def _room(self, lead):
        if self.y - lead < self.margin:
            self.new_page()

    def new_page(self):
        self.pages.append([])
        self.y = self.h - self.top

    def gap(self, h=8):
        self.y -= h

    def line(self, text, size=10.5, bold=False, x=None, lead=None):
        lead = lead or size * 1.32
        text = text.replace("\u00a0", " ")  # non-breaking for wrap(), plain space on the page
        self._room(lead)
        self.y -= lead
        self.pages[-1].append((x if x is not None else self.margin, self.y,
                               "F2" if bold else "F1", size, text))
        self.lines.append(text)

    def para(self, text, size=10.5, bold=False, x=None, after=5, right=None):
        x0 = x if x is not None else self.margin
        width = (right if right is not None else self.w - self.margin) - x0
        for ln in wrap(text, width, size, bold):
            self.line(ln, size, bold, x0)
        self.gap(after)

    def content_streams(self) -> list[bytes]:
        out = []
        for page in self.pages:
            ops = [b"BT"]
            for x, y, font, size, text in page:
                ops.append(b"/%s %s Tf 1 0 0 1 %s %s Tm %s Tj" % (
                    font.encode(), _num(size), _num(x), _num(y), pdf_string(text)))
            ops.append(b"ET")
            out.append(b"\n".join(ops) + b"\n")
        return out


def _num(v: float) -> bytes:
    s = ("%.2f" % v).rstrip("0").rstrip(".")
    return s.encode()


FONT_F1 = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
FONT_F2 = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"


def pdf_info(title: str, date: str) -> bytes:
    # Title kept ASCII (PDFDocEncoding) and free of the documents' searchable phrases.
    return (b"<< /Producer (Permanence fixtures) /Title " + pdf_string(title)
            + b" /CreationDate (D:" + date.encode() + b") >>")


def text_pdf(doc: Doc, title: str, date: str, compress: bool = True) -> bytes:
    streams = doc.content_streams()
    n = len(streams)
    # 1 catalog, 2 pages, 3 F1, 4 F2, 5 info, then (page, content) pairs
    kids = [6 + 2 * i for i in range(n)]
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
        + b"] /Count %d >>" % n,
        FONT_F1,
        FONT_F2,
        pdf_info(title, date),
    ]
    for i, data in enumerate(streams):
        page_no = 6 + 2 * i
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (doc.w, doc.h, page_no + 1))
        if compress:
            objs.append(pdf_stream(b"/Filter /FlateDecode", zlib.compress(data, 9)))
        else:
            objs.append(pdf_stream(b"", data))
    return pdf_assemble(objs, info=5)


def image_pdf(gray: bytes, width: int, height: int, dpi: int, title: str, date: str) -> bytes:
    """A one-page PDF whose only content is an 8-bit DeviceGray image."""
    pw, ph = width * 72.0 / dpi, height * 72.0 / dpi
    content = b"q %s 0 0 %s 0 0 cm /Im0 Do Q\n" % (_num(pw), _num(ph))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] "
        b"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>"
        % (_num(pw), _num(ph)),
        pdf_stream(b"", content),
        pdf_stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d "
                   b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"
                   % (width, height), zlib.compress(gray, 9)),
        pdf_info(title, date),
    ]
    return pdf_assemble(objs, info=6)


# --------------------------------------------------------------------------
# Raster helpers (PGM from pdftoppm, PNG writer)
# --------------------------------------------------------------------------

def rasterise(pdf: bytes, dpi: int = 300) -> tuple[int, int, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile",
                        str(src), str(Path(tmp) / "out")], check=True)
        data = (Path(tmp) / "out.pgm").read_bytes()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not m or m.group(3) != b"255":
        raise SystemExit("unexpected pdftoppm output")
    w, h = int(m.group(1)), int(m.group(2))
    pix = data[m.end():]
    assert len(pix) == w * h
    return w, h, pix


def pdftoppm_file(pdf: bytes, fmt_args: list[str], ext: str, dpi: int = 300) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", *fmt_args,
                        str(src), str(Path(tmp) / "out")], check=True)
        return (Path(tmp) / ("out." + ext)).read_bytes()


def degrade(w: int, h: int, pix: bytes, seed: int) -> bytes:
    """Mild scan look: greyish paper, ink not quite black, dust specks, a faint
    vertical line from the scanner glass. Deterministic (fixed seed)."""
    # Tone curve: 0 -> 28, 255 -> 236.
    table = bytes(28 + (v * (236 - 28) + 127) // 255 for v in range(256))
    out = bytearray(pix.translate(table))
    rng = random.Random(seed)
    specks = w * h // 25000
    for _ in range(specks):
        x, y = rng.randrange(w - 3), rng.randrange(h - 3)
        r = rng.choice((1, 1, 1, 2, 2, 3))
        v = rng.randrange(70, 200)
        for dy in range(r):
            row = (y + dy) * w + x
            for dx in range(r):
                if out[row + dx] > v:
                    out[row + dx] = v
    col = rng.randrange(w // 5, 4 * w // 5)
    for y in range(h):
        i = y * w + col
        out[i] = max(0, out[i] - 14)
    return bytes(out)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def write_png_gray(w: int, h: int, pix: bytes, dpi: int = 300) -> bytes:
    raw = bytearray()
    for y in range(h):
        raw.append(0)  # filter type None
        raw += pix[y * w:(y + 1) * w]
    ppm = round(dpi / 0.0254)
    return (b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + png_chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
            + png_chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + png_chunk(b"IEND", b""))


# --------------------------------------------------------------------------
# Zip helpers (deterministic)
# --------------------------------------------------------------------------

def _zinfo(name: str, stored: bool = False) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    zi.create_system = 0
    zi.external_attr = 0
    return zi


def make_zip(path: Path, members: list[tuple[str, bytes, bool]]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data, stored in members:
            zf.writestr(_zinfo(name, stored), data, compresslevel=None if stored else 9)


def x(text: str) -> str:
    """XML-escape text content (&, <, >)."""
    return _xml_escape(text)


XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# --------------------------------------------------------------------------
# Mail helpers
# --------------------------------------------------------------------------

CRLF = b"\r\n"


def hdr_encode(value: str) -> str:
    """RFC 2047 B-encode a header value if it is not plain ASCII."""
    if all(ord(c) < 128 for c in value):
        return value
    b = base64.b64encode(value.encode("utf-8")).decode()
    return "=?UTF-8?B?" + b + "?="


def addr(name: str, email: str) -> str:
    if all(ord(c) < 128 for c in name):
        return '"%s" <%s>' % (name, email)
    return "%s <%s>" % (hdr_encode(name), email)


PARIS_DST_2026 = (_dt.datetime(2026, 3, 29, 1, 0), _dt.datetime(2026, 10, 25, 1, 0))


def mail_date(y, mo, d, h, mi, s=0) -> str:
    local = _dt.datetime(y, mo, d, h, mi, s)
    off = 2 if PARIS_DST_2026[0] <= local < PARIS_DST_2026[1] else 1
    tz = _dt.timezone(_dt.timedelta(hours=off))
    return local.replace(tzinfo=tz).strftime("%a, %d %b %Y %H:%M:%S %z")


def b64_lines(data: bytes) -> bytes:
    enc = base64.b64encode(data)
    return CRLF.join(enc[i:i + 76] for i in range(0, len(enc), 76)) + CRLF


MIME_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".tiff": "image/tiff",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".rtf": "application/rtf",
    ".ics": "text/calendar",
    ".dat": "application/ms-tnef",
}


def mime_of(name: str) -> str:
    return MIME_TYPES[Path(name).suffix.lower()]


def build_eml(*, sender: tuple[str, str], subject: str, date: str, msgid: str,
              body: str, attachments: list[tuple[str, bytes]], boundary: str,
              mailer: str | None = None) -> bytes:
    h = [
        "From: " + addr(*sender),
        "To: " + addr(OFFICE_NAME, OFFICE),
        "Subject: " + hdr_encode(subject),
        "Date: " + date,
        "Message-ID: <" + msgid + ">",
        "MIME-Version: 1.0",
    ]
    if mailer:
        h.append("X-Mailer: " + mailer)
    h.append('Content-Type: multipart/mixed; boundary="%s"' % boundary)
    out = bytearray(CRLF.join(s.encode("ascii") for s in h) + CRLF + CRLF)
    out += b"This is a multi-part message in MIME format." + CRLF + CRLF
    out += b"--" + boundary.encode() + CRLF
    out += b"Content-Type: text/plain; charset=utf-8" + CRLF
    out += b"Content-Transfer-Encoding: 8bit" + CRLF + CRLF
    out += CRLF.join(l.encode("utf-8") for l in body.split("\n")) + CRLF
    for name, data in attachments:
        ctype = mime_of(name)
        if name.endswith(".ics"):
            ctype += '; charset=utf-8; method=REQUEST'
        out += CRLF + b"--" + boundary.encode() + CRLF
        out += ('Content-Type: %s; name="%s"' % (ctype, name)).encode() + CRLF
        out += ('Content-Disposition: attachment; filename="%s"' % name).encode() + CRLF
        out += b"Content-Transfer-Encoding: base64" + CRLF + CRLF
        out += b64_lines(data)
    out += CRLF + b"--" + boundary.encode() + b"--" + CRLF
    return bytes(out)


# ==========================================================================
# Documents
# ==========================================================================

def doc_deliberation() -> Doc:
    d = Doc()
    d.line("RÉPUBLIQUE FRANÇAISE", 9, True)
    d.line("DÉPARTEMENT DE L’ISÈRE — ARRONDISSEMENT DE GRENOBLE", 9)
    d.line("COMMUNE DE SAINT-ÉGRÈVE", 9, True)
    d.gap(14)
    d.para("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL", 12, True, after=2)
    d.line("Séance du lundi 9 février 2026", 10.5)
    d.line("Délibération n° 2026-031", 10.5, True)
    d.gap(8)
    d.para("Objet : acquisition amiable d’un terrain situé au lieu-dit Le Pré-Ferrand "
           "en vue de la création d’un jardin partagé", 10.5, True, after=10)
    d.para("L’an deux mille vingt-six, le neuf février à dix-neuf heures, le Conseil "
           "municipal de la commune de Saint-Égrève, légalement convoqué le 3 février 2026, "
           "s’est réuni en séance publique à l’hôtel de ville, sous la présidence de "
           "Mme Hélène Maréchal-Coste, maire.")
    d.para("Présents : 27. Représentés : 6. Absents : 0. Secrétaire de séance : "
           "M. Julien Ravanel.")
    d.para("Rapporteur : Mme Odile Chabert-Vial, adjointe chargée de l’urbanisme et du "
           "cadre de vie.", after=10)
    d.para("Exposé des motifs", 10.5, True, after=3)
    d.para("Mme l’adjointe rappelle que le plan local d’urbanisme intercommunal classe le "
           "secteur du Pré-Ferrand en zone naturelle de loisirs. Le terrain concerné, "
           "cadastré section\u00a0AK\u00a0n°\u00a0214, d’une contenance de 1\u00a0842 mètres carrés, "
           "appartient aux consorts Giraud-Mollard, qui ont fait savoir qu’ils acceptaient "
           "de le céder à la commune.")
    d.para("Cette acquisition permettrait d’aménager une trentaine de parcelles "
           "individuelles de culture, un abri à outils et un récupérateur d’eau de pluie, "
           "ouverts aux habitants du quartier et aux classes des écoles voisines.")
    d.para("Le pôle d’évaluation domaniale a estimé la valeur vénale du terrain à "
           "quarante-huit mille cinq cents euros (48\u00a0500 €) par un avis du 14 janvier 2026.")
    d.gap(4)
    d.para("Vu le Code général des collectivités territoriales, et notamment son "
           "article L. 2241-1 ;", after=2)
    d.para("Vu l’avis de la commission Urbanisme et Cadre de vie du 26 janvier 2026 ;", after=2)
    d.para("Considérant l’intérêt de développer les jardins familiaux et les espaces de "
           "nature en ville ;", after=2)
    d.new_page()
    d.line("Délibération n° 2026-031 — page 2", 9)
    d.gap(10)
    d.para("Le Conseil municipal, après en avoir délibéré, DÉCIDE :", 10.5, True, after=8)
    d.para("Article 1er : d’approuver l’acquisition amiable du terrain cadastré "
           "section\u00a0AK\u00a0n°\u00a0214 au prix de quarante-huit mille cinq cents euros, frais de "
           "notaire en sus.")
    d.para("Article 2 : d’autoriser Madame le Maire à signer l’acte authentique et tout "
           "document s’y rapportant, l’acte étant reçu par Maître Lucie Bouvard-Ressy, "
           "notaire.")
    d.para("Article 3 : de dire que les crédits nécessaires sont inscrits au budget "
           "primitif 2026, chapitre 21, article 2111.")
    d.para("Article 4 : de confier l’animation du futur jardin à l’association "
           "« Les Semeurs du Néron » par une convention d’occupation précaire d’une durée "
           "de trois ans.")
    d.para("Article 5 : la présente délibération peut faire l’objet d’un recours devant "
           "le tribunal administratif dans un délai de deux mois à compter de sa "
           "publication.", after=12)
    d.line("Résultat du vote", 10.5, True)
    d.line("Votants : 33 — Pour : 29 — Contre : 2 — Abstentions : 2")
    d.line("Adoptée par 29 voix pour, 2 voix contre et 2 abstentions.")
    d.gap(12)
    d.para("Fait et délibéré les jour, mois et an susdits. Pour extrait certifié conforme.")
    d.line("Le maire,", x=340)
    d.line("Hélène Maréchal-Coste", x=340)
    return d


DELIBERATION_PHRASES = [
    "lieu-dit Le Pré-Ferrand",
    "section AK n° 214",
    "quarante-huit mille cinq cents euros",
    "Les Semeurs du Néron",
    "29 voix pour",
    "valeur vénale du terrain",
]


def doc_courrier() -> Doc:
    """The mayor's letter that is then 'scanned' (about 200 words)."""
    d = Doc(margin=70, top=60)
    d.line("Mairie de Saint-Égrève", 11, True)
    d.line("Cabinet du maire", 10.5)
    d.line("12, avenue des Sources-Vives", 10.5)
    d.line("38120 Saint-Égrève", 10.5)
    d.gap(18)
    for t in ("Monsieur Gérald Vautrin", "Sénateur de l’Isère", "Permanence parlementaire",
              "38000 Grenoble"):
        d.line(t, 10.5, x=330)
    d.gap(18)
    d.line("Saint-Égrève, le 16 février 2026", 10.5, x=330)
    d.gap(14)
    d.line("Objet : protections acoustiques le long de l’autoroute A48", 10.5, True)
    d.line("Réf. : HMC/JR/2026-118", 10.5)
    d.gap(16)
    d.line("Monsieur le Sénateur,", 11)
    d.gap(6)
    body = [
        "Le Conseil\u00a0municipal\u00a0de\u00a0Saint-Égrève a demandé, par une délibération "
        "adoptée à l’unanimité le 26 janvier dernier, que des écrans acoustiques soient enfin "
        "installés le long de l’autoroute A48, entre l’échangeur nord et le pont de la "
        "Monta. Plus de quatre cents logements du quartier des Tilleuls subissent, de jour "
        "comme de nuit, un bruit qui dépasse largement les seuils réglementaires.",
        "Les mesures réalisées en novembre par un bureau d’études indépendant font "
        "apparaître des niveaux sonores de 71 décibels en façade, alors que la "
        "réglementation fixe le seuil de gêne à 65 décibels. Les familles concernées nous "
        "sollicitent chaque semaine.",
        "La commune est prête à participer au financement des études complémentaires, mais "
        "la décision relève de l’État et du concessionnaire. Je me permets donc de "
        "solliciter votre appui auprès du ministère chargé des transports afin que ce "
        "dossier soit inscrit au prochain programme de résorption des points noirs du bruit.",
        "Je vous prie d’agréer, Monsieur le Sénateur, l’expression de ma haute considération.",
    ]
    for p in body:
        d.para(p, 11, after=8)
    d.gap(20)
    d.line("Hélène Maréchal-Coste", 11, x=330)
    d.line("Maire de Saint-Égrève", 10.5, x=330)
    return d


COURRIER_PHRASES = [
    "Conseil municipal de Saint-Égrève",
    "écrans acoustiques",
    "71 décibels en façade",
    "quartier des Tilleuls",
    "points noirs du bruit",
]


def doc_scan_page() -> Doc:
    """A short letter on A5 (about 110 words), delivered as PNG, JPEG and TIFF."""
    d = Doc(size=A5, margin=42, top=44)
    d.line("Mairie de Vif — Services techniques", 10.5, True)
    d.line("Vif, le 2 mars 2026", 10, x=250)
    d.gap(10)
    d.line("Objet : digue de la Gresse", 10.5, True)
    d.gap(8)
    d.line("Madame, Monsieur,", 10.5)
    d.gap(4)
    body = [
        "Les crues de décembre ont fragilisé la digue de la Gresse en amont du pont de la "
        "Rivoire. Nos agents ont relevé trois brèches et un affaissement de la berge sur "
        "près de quatre-vingts mètres.",
        "Nous sollicitons une rencontre avec les services de l’État afin d’engager au plus "
        "vite les travaux de confortement, dont le coût est estimé à 310\u00a0000 euros. Le "
        "syndicat de rivière a déjà donné son accord de principe.",
        "Nous vous remercions de l’attention que vous porterez à cette demande, qui "
        "concerne la sécurité de cent vingt foyers.",
    ]
    for p in body:
        d.para(p, 10.5, after=7)
    d.gap(10)
    d.line("François Dumolard", 10.5, x=230)
    d.line("Directeur des services techniques", 9.5, x=230)
    return d


SCAN_PAGE_PHRASES = [
    "digue de la Gresse",
    "pont de la Rivoire",
    "trois brèches",
    "travaux de confortement",
    "cent vingt foyers",
]


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def w_run(text: str, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, x(text))


def w_par(*runs: str, style: str | None = None) -> str:
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    return "<w:p>" + ppr + "".join(runs) + "</w:p>"


W_TAB = "<w:r><w:tab/></w:r>"
W_BR = "<w:r><w:br/></w:r>"


def docx_document_xml(body: str) -> bytes:
    return (XML_DECL + '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>' % (W_NS, R_NS)
            + body
            + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
              '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" '
              'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
            + "</w:body></w:document>").encode("utf-8")


def docx_package(document_xml: bytes) -> list[tuple[str, bytes, bool]]:
    content_types = (
        XML_DECL + '<Types xmlns="%s">' % CT_NS
        + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          "</Types>").encode()
    rels = (XML_DECL + '<Relationships xmlns="%s">' % PKG_REL_NS
            + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
              "</Relationships>").encode()
    doc_rels = (XML_DECL + '<Relationships xmlns="%s">' % PKG_REL_NS
                + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                  "</Relationships>").encode()
    styles = (XML_DECL + '<w:styles xmlns:w="%s">' % W_NS
              + '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>'
                '<w:sz w:val="22"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault></w:docDefaults>'
                '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
                '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
                '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
                '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
                '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>'
                '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
                "</w:styles>").encode()
    return [
        ("[Content_Types].xml", content_types, False),
        ("_rels/.rels", rels, False),
        ("word/document.xml", document_xml, False),
        ("word/_rels/document.xml.rels", doc_rels, False),
        ("word/styles.xml", styles, False),
    ]


def docx_convention() -> bytes:
    cell = ('<w:tc><w:tcPr><w:tcW w:w="4536" w:type="dxa"/></w:tcPr>%s</w:tc>')
    border = ''.join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % b
                     for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    table = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="9072" w:type="dxa"/>'
             '<w:tblBorders>' + border + '</w:tblBorders></w:tblPr>'
             '<w:tblGrid><w:gridCol w:w="4536"/><w:gridCol w:w="4536"/></w:tblGrid><w:tr>'
             + cell % w_par(w_run("Subvention de fonctionnement"))
             + cell % w_par(w_run("4 750 euros par an"))
             + "</w:tr></w:tbl>")
    body = "".join([
        w_par(w_run("Convention de partenariat 2026"), style="Title"),
        w_par(w_run("Entre la commune de Meylan, représentée par son maire, M. Thierry "
                    "Achard-Picot, d’une part,")),
        w_par(w_run("et l’association « Cercle Culture & Patrimoine », représentée par sa "
                    "présidente, Mme Anne-Sophie Dérobert, d’autre part,")),
        w_par(w_run("il est convenu ce qui suit.")),
        w_par(w_run("Article 1"), W_TAB, w_run("Objet de la convention"), style="Heading1"),
        w_par(w_run("La présente convention fixe les conditions dans lesquelles l’association "
                    "anime les "), w_run("visites", bold=True),
              w_run(" commentées du hameau de Maupertuis et l’exposition « Mémoires du "
                    "Grésivaudan » présentée à la maison des associations.")),
        w_par(w_run("Les visites ont lieu le premier samedi de chaque mois."), W_BR,
              w_run("Elles sont gratuites pour les élèves des écoles élémentaires.")),
        w_par(w_run("Article 2"), W_TAB, w_run("Engagements de la commune"), style="Heading1"),
        w_par(w_run("La commune verse à l’association la somme indiquée ci-dessous et met à sa "
                    "disposition une salle d’exposition chauffée & éclairée.")),
        table,
        w_par(w_run("Article 3"), W_TAB, w_run("Durée"), style="Heading1"),
        w_par(w_run("La convention est conclue pour une durée de trois ans à compter du "
                    "1er avril 2026. Elle peut être dénoncée par l’une ou l’autre des parties "
                    "avec un préavis de trois mois.")),
        w_par(w_run("Fait à Meylan, le 4 mars 2026, en deux exemplaires originaux.")),
    ])
    return docx_document_xml(body)


CONVENTION_PHRASES = [
    "Cercle Culture & Patrimoine",
    "visites commentées du hameau de Maupertuis",
    "Mémoires du Grésivaudan",
    "Subvention de fonctionnement",
    "élèves des écoles élémentaires",
    "chauffée & éclairée",
]


def docx_bomb_write(path: Path, size: int) -> None:
    """A DOCX whose word/document.xml inflates to `size` bytes, mostly spaces."""
    head = (XML_DECL + '<w:document xmlns:w="%s" xmlns:r="%s"><w:body><w:p><w:r>'
            '<w:t xml:space="preserve">Note de synthèse' % (W_NS, R_NS)).encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    filler = size - len(head) - len(tail)
    members = docx_package(b"")
    with zipfile.ZipFile(path, "w") as zf:
        for name, data, stored in members:
            if name == "word/document.xml":
                zi = _zinfo(name)
                with zf.open(zi, "w") as fh:
                    _feed(fh.write, head, filler, tail)
            else:
                zf.writestr(_zinfo(name, stored), data, compresslevel=9)


def _feed(write, head: bytes, filler: int, tail: bytes, byte: bytes = b" ") -> None:
    chunk = byte * (16 << 20)
    write(head)
    left = filler
    while left > 0:
        n = min(left, len(chunk))
        write(chunk[:n])
        left -= n
    write(tail)


# --------------------------------------------------------------------------
# ODF (text and spreadsheet)
# --------------------------------------------------------------------------

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'office:version="1.3"'
)


def odf_package(mimetype: str, content_xml: str, styles_xml: str) -> list[tuple[str, bytes, bool]]:
    manifest = (
        XML_DECL.replace(' standalone="yes"', "")
        + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
          'manifest:version="1.3">'
          '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
          'manifest:media-type="%s"/>'
          '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
          '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
          "</manifest:manifest>" % mimetype)
    return [
        ("mimetype", mimetype.encode(), True),
        ("META-INF/manifest.xml", manifest.encode(), False),
        ("content.xml", content_xml.encode("utf-8"), False),
        ("styles.xml", styles_xml.encode("utf-8"), False),
    ]


ODT_STYLES = (
    XML_DECL.replace(' standalone="yes"', "")
    + "<office:document-styles " + ODF_NS + "><office:styles>"
    '<style:style style:name="Standard" style:family="paragraph"/>'
    '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" '
    'style:parent-style-name="Standard" style:default-outline-level="1">'
    '<style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>'
    '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" '
    'style:parent-style-name="Standard" style:default-outline-level="2">'
    '<style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>'
    "</office:styles></office:document-styles>"
)


def odt_compte_rendu() -> str:
    def h(level, text):
        return ('<text:h text:style-name="Heading_20_%d" text:outline-level="%d">%s</text:h>'
                % (level, level, text))

    def p(inner):
        return '<text:p text:style-name="Standard">%s</text:p>' % inner

    body = "".join([
        h(1, x("Compte rendu de la réunion publique du 5 mars 2026")),
        h(2, x("Quartier des Floralies — plan de circulation")),
        p(x("Présents :") + "<text:s/>" + x("43 habitants, Mme Karima Belkacem-Roche, adjointe "
          "au maire chargée des déplacements, et M. Yves Trouilloud, responsable du service "
          "voirie de la ville de Fontaine.")),
        p(x("La réunion s’est ouverte à 18 h 30 dans la salle polyvalente des Acacias.")),
        h(2, x("Points abordés")),
        p(x("Premier point :") + "<text:tab/>" + x("mise en sens unique de la rue des Glycines "
          "entre l’avenue du Vercors et la place du Marché.")),
        p(x("Deuxième point :") + "<text:tab/>" + x("les habitants ont demandé la réfection")
          + "<text:s/>" + x("des trottoirs et l’installation de ralentisseurs devant l’école "
          "maternelle Les Coquelicots.")),
        p(x("Troisième point :") + "<text:tab/>" + x("le stationnement") + '<text:s text:c="3"/>'
          + x("des camping-cars sur le parking du gymnase sera limité à quarante-huit heures.")),
        h(2, x("Décisions")),
        p(x("La ville lancera une expérimentation de ") + '<text:span text:style-name="T1">'
          + x("six mois") + "</text:span>" + x(" avant toute décision définitive.")
          + "<text:line-break/>" + x("Un bilan sera présenté aux habitants à l’automne.")),
        p(x("Prochaine réunion : jeudi 9 avril 2026") + "<text:line-break/>"
          + x("Lieu : salle polyvalente des Acacias")),
    ])
    return (XML_DECL.replace(' standalone="yes"', "")
            + "<office:document-content " + ODF_NS + ">"
            + '<office:automatic-styles><style:style style:name="T1" style:family="text">'
              '<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>'
            + "<office:body><office:text>" + body + "</office:text></office:body>"
            + "</office:document-content>")


COMPTE_RENDU_PHRASES = [
    "Quartier des Floralies",
    "rue des Glycines",
    "réfection des trottoirs",
    "école maternelle Les Coquelicots",
    "salle polyvalente des Acacias",
    "expérimentation de six mois",
]

# Budget: the XLSX holds the expenditure side, the ODS the revenue side of the
# same (invented) budget, in the same layout, so that each file has phrases of
# its own.
BUDGET_TITLE = "Ville d’Échirolles — budget primitif 2026"
BUDGET_HEADER = ["Chapitre", "Libellé", "Montant (€)", "Observations"]
BUDGET_XLSX = {
    "sheet": "Dépenses 2026",
    "section": "Section de fonctionnement — dépenses",
    "rows": [
        ("011", "Charges à caractère général", 8412300, "Hausse des fluides et de l’énergie"),
        ("012", "Charges de personnel et frais assimilés", 21905000,
         "Revalorisation du point d’indice"),
        ("65", "Autres charges de gestion courante", 3187450,
         "Dont subventions aux clubs sportifs"),
        ("66", "Charges financières", 642000, ""),
    ],
    "total": "Total des dépenses réelles",
}
BUDGET_ODS = {
    "sheet": "Recettes 2026",
    "section": "Section de fonctionnement — recettes",
    "rows": [
        ("70", "Produits des services et du domaine", 2954000,
         "Restauration scolaire et droits de place"),
        ("73", "Impôts et taxes", 23480000, "Taux de foncier bâti inchangés"),
        ("74", "Dotations et participations", 9210500,
         "Baisse de la dotation globale de fonctionnement"),
        ("75", "Autres produits de gestion courante", 418000, "Loyers des logements communaux"),
    ],
    "total": "Total des recettes réelles",
}
BUDGET_XLSX_PHRASES = [
    "Charges à caractère général",
    "Charges de personnel et frais assimilés",
    "Hausse des fluides et de l’énergie",
    "subventions aux clubs sportifs",
    "Total des dépenses réelles",
]
BUDGET_ODS_PHRASES = [
    "Produits des services et du domaine",
    "Taux de foncier bâti inchangés",
    "Baisse de la dotation globale",
    "Loyers des logements communaux",
    "Total des recettes réelles",
]


def xlsx_budget() -> list[tuple[str, bytes, bool]]:
    b = BUDGET_XLSX
    strings: list[str] = []

    def s(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    rows = []

    def srow(r, cells):
        out = []
        for col, val in cells:
            ref = "%s%d" % (col, r)
            if isinstance(val, str):
                out.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, s(val)))
            elif isinstance(val, tuple):  # (formula, cached value)
                out.append('<c r="%s" s="1"><f>%s</f><v>%d</v></c>' % (ref, val[0], val[1]))
            else:
                out.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, val))
        rows.append('<row r="%d">%s</row>' % (r, "".join(out)))

    srow(1, [("A", BUDGET_TITLE)])
    srow(2, [("A", b["section"])])
    srow(3, list(zip("ABCD", BUDGET_HEADER)))
    r = 4
    for chap, label, amount, note in b["rows"]:
        cells = [("A", chap), ("B", label), ("C", amount)]
        if note:
            cells.append(("D", note))
        srow(r, cells)
        r += 1
    total = sum(row[2] for row in b["rows"])
    srow(r, [("B", b["total"]), ("C", ("SUM(C4:C%d)" % (r - 1), total))])

    ss_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (XML_DECL + '<worksheet xmlns="%s" xmlns:r="%s">' % (ss_ns, R_NS)
             + '<cols><col min="1" max="1" width="10" customWidth="1"/>'
               '<col min="2" max="2" width="42" customWidth="1"/>'
               '<col min="3" max="3" width="14" customWidth="1"/>'
               '<col min="4" max="4" width="48" customWidth="1"/></cols>'
             + "<sheetData>" + "".join(rows) + "</sheetData></worksheet>")
    shared = (XML_DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">' % (ss_ns, len(strings), len(strings))
              + "".join("<si><t>%s</t></si>" % x(t) for t in strings) + "</sst>")
    workbook = (XML_DECL + '<workbook xmlns="%s" xmlns:r="%s"><sheets>' % (ss_ns, R_NS)
                + '<sheet name="%s" sheetId="1" r:id="rId1"/>' % x(b["sheet"])
                + "</sheets></workbook>")
    wb_rels = (XML_DECL + '<Relationships xmlns="%s">' % PKG_REL_NS
               + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                 '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                 "</Relationships>")
    styles = (XML_DECL + '<styleSheet xmlns="%s">' % ss_ns
              + '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0"/></numFmts>'
                '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
                '<fills count="2"><fill><patternFill patternType="none"/></fill>'
                '<fill><patternFill patternType="gray125"/></fill></fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
                '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                "</styleSheet>")
    content_types = (
        XML_DECL + '<Types xmlns="%s">' % CT_NS
        + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          "</Types>")
    rels = (XML_DECL + '<Relationships xmlns="%s">' % PKG_REL_NS
            + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
              "</Relationships>")
    return [
        ("[Content_Types].xml", content_types.encode(), False),
        ("_rels/.rels", rels.encode(), False),
        ("xl/workbook.xml", workbook.encode(), False),
        ("xl/_rels/workbook.xml.rels", wb_rels.encode(), False),
        ("xl/worksheets/sheet1.xml", sheet.encode(), False),
        ("xl/sharedStrings.xml", shared.encode(), False),
        ("xl/styles.xml", styles.encode(), False),
    ]


def ods_budget() -> str:
    b = BUDGET_ODS

    def sc(text):
        return ('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
                % x(text))

    def nc(v, formula=None):
        f = ' table:formula="%s"' % formula if formula else ""
        return ('<table:table-cell%s office:value-type="float" office:value="%d"><text:p>%d</text:p>'
                '</table:table-cell>' % (f, v, v))

    empty = "<table:table-cell/>"

    def row(*cells):
        return "<table:table-row>" + "".join(cells) + "</table:table-row>"

    rows = [row(sc(BUDGET_TITLE)), row(sc(b["section"])), row(*[sc(h) for h in BUDGET_HEADER])]
    for chap, label, amount, note in b["rows"]:
        rows.append(row(sc(chap), sc(label), nc(amount), sc(note) if note else empty))
    total = sum(r[2] for r in b["rows"])
    rows.append(row(empty, sc(b["total"]),
                    nc(total, "of:=SUM([.C4:.C%d])" % (3 + len(b["rows"])))))
    return (XML_DECL.replace(' standalone="yes"', "")
            + "<office:document-content " + ODF_NS + ">"
            + "<office:body><office:spreadsheet>"
            + '<table:table table:name="%s">' % x(b["sheet"])
            + '<table:table-column table:number-columns-repeated="4"/>'
            + "".join(rows)
            + "</table:table></office:spreadsheet></office:body></office:document-content>")


ODS_STYLES = (XML_DECL.replace(' standalone="yes"', "")
              + "<office:document-styles " + ODF_NS + "><office:styles/></office:document-styles>")


# --------------------------------------------------------------------------
# RTF
# --------------------------------------------------------------------------

def rtf_text(text: str, force_u: str = "œ") -> str:
    """Escape text for RTF: ASCII as is, cp1252 as \\'hh, the rest (and the
    characters in force_u) as \\uN? with a '?' fallback (\\uc1)."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif 32 <= o < 128:
            out.append(ch)
        elif ch == "\u2019" and force_u == "’":
            out.append("\\u8217?")
        elif ch in force_u or not _in_cp1252(ch):
            n = o if o < 32768 else o - 65536
            out.append("\\u%d?" % n)
        else:
            out.append("\\'%02x" % ch.encode("cp1252")[0])
    return "".join(out)


def _in_cp1252(ch: str) -> bool:
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


RTF_LETTER = [
    ("head", "Mairie de Seyssinet-Pariset"),
    ("p", "Service de la vie des quartiers"),
    ("p", "Seyssinet-Pariset, le 11 mars 2026"),
    ("p", ""),
    ("bold", "Objet : fermeture estivale du bureau de poste"),
    ("p", ""),
    ("p", "Monsieur le Sénateur,"),
    ("p", "La direction régionale de La Poste nous a informés de la fermeture du bureau de "
          "poste du quartier de Pariset du 13 juillet au 21 août 2026."),
    ("p", "Cette décision prive les habitants âgés d’un service de proximité essentiel, alors "
          "que la navette intercommunale « Proxibus » ne dessert plus le plateau pendant l’été."),
    ("pu", "Nous demandons la mise en œuvre d’une solution provisoire, par exemple une agence "
           "postale installée dans les locaux de la mairie annexe du Vieux-Pariset."),
    ("p", "Veuillez agréer, Monsieur le Sénateur, l’expression de nos salutations distinguées."),
    ("p", ""),
    ("p", "Martine Chevallier-Gros"),
    ("p", "Adjointe au maire chargée de la vie des quartiers"),
]
RTF_PHRASES = [
    "fermeture estivale du bureau de poste",
    "13 juillet au 21 août",
    "navette intercommunale « Proxibus »",
    "mise en œuvre d’une solution provisoire",
    "mairie annexe du Vieux-Pariset",
]
RTF_ABSENT = ["Riched20", "Times New Roman", "Arial", "generator"]


def rtf_lettre() -> bytes:
    parts = [
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1036",
        "{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\froman\\fcharset0 Times New Roman;}}",
        "{\\colortbl ;\\red0\\green0\\blue0;\\red31\\green73\\blue125;}",
        "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 ",
        "\\pard\\sa120\\sl276\\slmult1\\f0\\fs22\\lang1036 ",
    ]
    for kind, text in RTF_LETTER:
        if kind == "head":
            parts.append("{\\cf2\\b\\fs28 " + rtf_text(text) + "}\\par")
        elif kind == "bold":
            parts.append("\\b " + rtf_text(text) + "\\b0\\par")
        elif kind == "pu":  # this paragraph's apostrophes are written as \u8217?
            parts.append(rtf_text(text, force_u="’").replace("\\'9c", "\\u339?")
                         .replace("œ", "\\u339?") + "\\par")
        else:
            parts.append(rtf_text(text) + "\\par")
    parts.append("}")
    return ("\r\n".join(parts) + "\r\n").encode("ascii")


# --------------------------------------------------------------------------
# iCalendar
# --------------------------------------------------------------------------

def ics_fold(line: str) -> bytes:
    """RFC 5545 folding: lines of at most 75 octets, continuation lines start
    with a space; folds fall between characters, never inside a UTF-8 sequence."""
    out = []
    cur = b""
    limit = 75
    for ch in line:
        enc = ch.encode("utf-8")
        if len(cur) + len(enc) > limit:
            out.append(cur)
            cur = b" "
            limit = 75
        cur += enc
    out.append(cur)
    return b"\r\n".join(out) + b"\r\n"


def ics_escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


ICS_SUMMARY = "Inauguration de la médiathèque du Moulin-Vieux"
ICS_LOCATION = "Médiathèque du Moulin-Vieux, 4 place des Écrins, 38800 Le Pont-de-Claix"
ICS_ORGANIZER = "Sandrine Pellegrin-Roux"
ICS_DESCRIPTION = (
    "Madame la Maire a le plaisir de vous convier à l’inauguration de la nouvelle "
    "médiathèque, en présence des partenaires du projet.\n"
    "Programme : accueil sur le parvis, visite des nouveaux espaces, lecture par les élèves "
    "du conservatoire, puis vin d’honneur.\n"
    "Merci de confirmer votre présence avant le 10 avril."
)
ICS_PHRASES = [
    ICS_SUMMARY,
    "Le Pont-de-Claix",
    ICS_ORGANIZER,
    "visite des nouveaux espaces",
    "lecture par les élèves du conservatoire",
]


def ics_invitation() -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Ville du Pont-de-Claix//Agenda municipal 2026//FR",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:20260418T110000-mediatheque@ville-pontdeclaix.fr",
        "DTSTAMP:20260320T090000Z",
        "DTSTART;TZID=Europe/Paris:20260418T110000",
        "DTEND;TZID=Europe/Paris:20260418T130000",
        "SUMMARY:" + ics_escape(ICS_SUMMARY),
        "LOCATION:" + ics_escape(ICS_LOCATION),
        "ORGANIZER;CN=" + ICS_ORGANIZER + ":mailto:cabinet@ville-pontdeclaix.fr",
        "ATTENDEE;CN=" + OFFICE_NAME + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
        "RSVP=TRUE:mailto:" + OFFICE,
        "DESCRIPTION:" + ics_escape(ICS_DESCRIPTION),
        "SEQUENCE:0",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return b"".join(ics_fold(l) for l in lines)


# --------------------------------------------------------------------------
# TNEF (winmail.dat)
# --------------------------------------------------------------------------

TNEF_SIGNATURE = 0x223E9F78
LVL_MESSAGE, LVL_ATTACHMENT = 0x01, 0x02
ATT = {  # full 32-bit attribute ids: high word = type, low word = id (MS-OXTNEF 2.1.3.3)
    "attTnefVersion": 0x00089006,
    "attOemCodepage": 0x00069007,
    "attMessageClass": 0x00078008,
    "attSubject": 0x00018004,
    "attDateSent": 0x00038005,
    "attPriority": 0x0004800D,
    "attBody": 0x0002800C,
    "attAttachRendData": 0x00069002,
    "attAttachTitle": 0x00018010,
    "attAttachCreateDate": 0x00038012,
    "attAttachModifyDate": 0x00038013,
    "attAttachData": 0x0006800F,
}

TNEF_SUBJECT = "Chemin de la Croix-Bayard"
TNEF_BODY = (
    "Monsieur le Sénateur,\r\n\r\n"
    "Comme suite à notre entretien téléphonique de mardi, je vous adresse la note de nos "
    "services sur l’état du chemin de la Croix-Bayard après les éboulements de janvier.\r\n\r\n"
    "Le Département n’a toujours pas programmé la purge de la falaise, et le car de ramassage "
    "scolaire emprunte depuis six semaines un itinéraire de délestage de onze kilomètres.\r\n\r\n"
    "Bien cordialement,\r\n\r\n"
    "Jean-Marc Cottavoz\r\n"
    "Directeur général des services\r\n"
)
TNEF_BODY_PHRASES = [
    "entretien téléphonique de mardi",
    "purge de la falaise",
    "itinéraire de délestage de onze kilomètres",
    "éboulements de janvier",
]
TNEF_ATTACH_NAME = "note-voirie.txt"
TNEF_ATTACH_TEXT = (
    "NOTE TECHNIQUE — chemin de la Croix-Bayard\n"
    "\n"
    "Linéaire concerné : 850 mètres, du hameau des Gorgets au carrefour de la Sure.\n"
    "Dégâts constatés : chute de blocs de deux à trois mètres cubes, glissière de sécurité "
    "arrachée, fissuration de la chaussée sur toute la largeur.\n"
    "Estimation des travaux : 185 000 euros hors taxes, dont 60 000 euros pour la pose d’un "
    "filet pare-blocs.\n"
    "Délai prévisible : quatre mois après l’accord de financement.\n"
    "\n"
    "Rédigé par le bureau d’études de la régie voirie.\n"
)
TNEF_ATTACH_PHRASES = [
    "hameau des Gorgets",
    "glissière de sécurité arrachée",
    "185 000 euros hors taxes",
    "filet pare-blocs",
]


def tnef_date(y, mo, d, h, mi, s) -> bytes:
    dow = (_dt.date(y, mo, d).isoweekday()) % 7  # 0 = Sunday
    return struct.pack("<7H", y, mo, d, h, mi, s, dow)


def tnef_attr(level: int, name: str, data: bytes) -> bytes:
    return (struct.pack("<BII", level, ATT[name], len(data)) + data
            + struct.pack("<H", sum(data) & 0xFFFF))


def tnef_winmail() -> bytes:
    when = tnef_date(2026, 3, 12, 17, 47, 12)
    out = bytearray(struct.pack("<IH", TNEF_SIGNATURE, 0x5A31))  # signature, legacy key
    out += tnef_attr(LVL_MESSAGE, "attTnefVersion", struct.pack("<I", 0x00010000))
    out += tnef_attr(LVL_MESSAGE, "attOemCodepage", struct.pack("<II", 1252, 0))
    out += tnef_attr(LVL_MESSAGE, "attMessageClass", b"IPM.Microsoft Mail.Note\x00")
    out += tnef_attr(LVL_MESSAGE, "attSubject", TNEF_SUBJECT.encode("cp1252") + b"\x00")
    out += tnef_attr(LVL_MESSAGE, "attDateSent", when)
    out += tnef_attr(LVL_MESSAGE, "attPriority", struct.pack("<H", 2))
    out += tnef_attr(LVL_MESSAGE, "attBody", TNEF_BODY.encode("cp1252"))
    # The attachment: attAttachRendData first (MS-OXTNEF), then its other attributes.
    rend = struct.pack("<HIHHI", 0x0001, 0xFFFFFFFF, 32, 32, 0)  # file, no position, 32x32, no flags
    out += tnef_attr(LVL_ATTACHMENT, "attAttachRendData", rend)
    out += tnef_attr(LVL_ATTACHMENT, "attAttachTitle", TNEF_ATTACH_NAME.encode("cp1252") + b"\x00")
    out += tnef_attr(LVL_ATTACHMENT, "attAttachCreateDate", tnef_date(2026, 3, 12, 16, 5, 0))
    out += tnef_attr(LVL_ATTACHMENT, "attAttachModifyDate", tnef_date(2026, 3, 12, 17, 30, 0))
    out += tnef_attr(LVL_ATTACHMENT, "attAttachData", TNEF_ATTACH_TEXT.encode("utf-8"))
    return bytes(out)


# --------------------------------------------------------------------------
# Hostile files
# --------------------------------------------------------------------------

BOMB_SIZE = 1 << 30          # 1 GiB of decoded data for the PDF and DOCX bombs
NEST_DEPTH = 200_000
PNG_BOMB_SIDE = 50_000
PNG_BOMB_ROWS = 1_000        # rows actually present in the (unfinished) IDAT stream


def doc_truncated() -> Doc:
    d = Doc()
    d.line("Police municipale — rapport d’activité 2025", 13, True)
    d.gap(10)
    d.para("Au cours de l’année écoulée, la brigade cycliste a effectué 412 patrouilles dans "
           "les quartiers résidentiels et aux abords des parcs, principalement en soirée.")
    d.para("Les opérations de contrôle aux abords des groupes scolaires ont donné lieu à "
           "96 avertissements et à 31 verbalisations pour stationnement dangereux.")
    d.para("Le dispositif de vidéoprotection compte désormais dix-huit caméras, dont quatre "
           "installées en 2025 sur le parvis de la gare routière et le long du mail piéton.")
    d.para("Les objets trouvés déposés au poste ont été restitués à leurs propriétaires dans "
           "sept cas sur dix, un taux en nette progression.")
    return d


TRUNCATED_RECOVERABLE = ["brigade cycliste", "412 patrouilles"]
TRUNCATED_CUT_AFTER = "(Le dispositif de vid"   # the cut falls inside this string operand


def hostile_truncated() -> bytes:
    d = doc_truncated()
    content = d.content_streams()[0]
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        FONT_F1,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R /F2 3 0 R >> >> /Contents 5 0 R >>",
        pdf_stream(b"", content),
    ]
    whole = pdf_assemble(objs)
    # Cut inside the content stream: no endstream, no xref, no trailer, no %%EOF.
    marker = TRUNCATED_CUT_AFTER.encode("cp1252")
    cut = whole.index(marker) + len(marker)
    return whole[:cut]


def hostile_bomb_pdf() -> tuple[bytes, int]:
    """Page content = 1 GiB (a short text operator, then spaces), deflated twice
    (/Filter [/FlateDecode /FlateDecode]) so that the file stays tiny."""
    head = b"BT /F1 12 Tf 72 770 Td (Note de service) Tj ET\n"
    inner = bytearray()
    comp = zlib.compressobj(9)
    _feed(lambda b: inner.extend(comp.compress(b)), head, BOMB_SIZE - len(head), b"")
    inner += comp.flush()
    outer = zlib.compress(bytes(inner), 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT_F1,
        pdf_stream(b"/Filter [/FlateDecode /FlateDecode]", outer),
    ]
    return pdf_assemble(objs), len(inner)


def hostile_nested_pdf() -> bytes:
    """The page dictionary holds an array nested NEST_DEPTH levels deep (/Annots),
    placed before /Contents, so a parser must get through it to reach the page text."""
    nest = b"[" * NEST_DEPTH + b"]" * NEST_DEPTH
    content = b"BT /F1 12 Tf 72 770 Td (Ordre du jour) Tj ET\n"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots " + nest
        + b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT_F1,
        pdf_stream(b"", content),
    ]
    return pdf_assemble(objs)


def hostile_bomb_png() -> bytes:
    """IHDR claims 50,000 x 50,000 8-bit gray (2.5 GB of pixels); IDAT holds a
    zlib stream of zero rows that is valid as far as it goes but unfinished
    (flushed, not ended), covering only the first PNG_BOMB_ROWS rows."""
    comp = zlib.compressobj(9)
    row = b"\x00" * (PNG_BOMB_SIDE + 1)   # filter byte 0 + 50,000 black pixels
    data = bytearray()
    for _ in range(PNG_BOMB_ROWS):
        data += comp.compress(row)
    data += comp.flush(zlib.Z_SYNC_FLUSH)
    return (b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", struct.pack(">IIBBBBB", PNG_BOMB_SIDE, PNG_BOMB_SIDE, 8, 0, 0, 0, 0))
            + png_chunk(b"IDAT", bytes(data))
            + png_chunk(b"IEND", b""))


# --------------------------------------------------------------------------
# Campaign: one motion adopted by six councils, plus three control documents
# --------------------------------------------------------------------------

MOTION_TITLE = ("MOTION POUR LE MAINTIEN DE LA MATERNITÉ DU CENTRE HOSPITALIER "
                "DE BELLEDONNE-SUD")
MOTION_BODY = [
    "Considérant que l’agence régionale de santé envisage de suspendre, à compter du "
    "1er juin 2026, l’activité d’accouchement de la maternité du centre hospitalier de "
    "Belledonne-Sud ;",
    "Considérant que cette maternité assure chaque année près de neuf cents naissances et "
    "qu’elle est la seule structure de niveau 2 à moins de quarante-cinq minutes pour les "
    "familles des vallées ;",
    "Considérant que la fermeture obligerait les futures mères à parcourir jusqu’à "
    "soixante-dix kilomètres, souvent par des routes de montagne enneigées l’hiver ;",
    "Considérant que les difficultés de recrutement de sages-femmes et d’anesthésistes ne "
    "sauraient justifier la disparition d’un service public de proximité ;",
    "Demande le maintien de l’ensemble des activités de la maternité de Belledonne-Sud et "
    "l’ouverture d’une concertation avec les élus du territoire ;",
    "Demande à l’État de financer un plan de recrutement et de fidélisation des personnels "
    "médicaux et paramédicaux ;",
    "Charge le maire de transmettre la présente motion au ministre chargé de la santé, au "
    "directeur général de l’agence régionale de santé et aux parlementaires de l’Isère.",
]
MOTION_PHRASES = [
    "maternité de Belledonne-Sud",
    "neuf cents naissances",
    "routes de montagne enneigées",
    "structure de niveau 2",
    "plan de recrutement et de fidélisation",
]

CAMPAIGN_MAILS = [
    dict(commune="Crolles", header="COMMUNE DE CROLLES", meeting="mardi 10 mars 2026",
         votes=(29, 27, 0, 2), date=(2026, 3, 16, 9, 5),
         sender=("Secrétariat du maire de Crolles", "secretariat.maire@mairie-crolles.fr"),
         subject="Motion du conseil municipal", attachment="motion-maternite-crolles.pdf",
         note="Monsieur le Sénateur,\nVous trouverez en pièce jointe le texte voté par notre "
              "conseil municipal le 10 mars.\nAvec mes salutations respectueuses,\n"
              "Le secrétariat du maire"),
    dict(commune="Meylan", header="VILLE DE MEYLAN", meeting="lundi 9 mars 2026",
         votes=(33, 33, 0, 0), date=(2026, 3, 17, 14, 32),
         sender=("Service des assemblées - Meylan", "assemblees@ville-meylan.fr"),
         subject="Séance du 9 mars", attachment="CM-2026-03-09-motion.pdf",
         note="Bonjour,\nPour information et suite à donner, ci-joint la délibération adoptée "
              "lors de notre séance du 9 mars.\nBien à vous,\nService des assemblées"),
    dict(commune="Échirolles", header="VILLE D’ÉCHIROLLES", meeting="jeudi 12 mars 2026",
         votes=(39, 35, 0, 4), date=(2026, 3, 19, 11, 47),
         sender=("Direction des affaires juridiques", "affaires.juridiques@ville-echirolles.fr"),
         subject="Extrait du registre - séance du 12 mars", attachment="deliberation-2026-044.pdf",
         note="Madame, Monsieur,\nVeuillez trouver ci-joint l’extrait du registre correspondant "
              "à la séance du 12 mars dernier.\nSincères salutations,\n"
              "Direction des affaires juridiques"),
    dict(commune="Fontaine", header="VILLE DE FONTAINE", meeting="lundi 16 mars 2026",
         votes=(35, 35, 0, 0), date=(2026, 3, 20, 8, 21),
         sender=("Nadia Ferrero", "n.ferrero@ville-fontaine.fr"),
         subject="Document voté lundi", attachment="Motion_maternite_Fontaine.pdf",
         note="Monsieur le Sénateur,\nLe maire m’a chargée de vous adresser le document joint, "
              "adopté lundi soir par nos élus.\nTrès cordialement,\n"
              "Nadia Ferrero, assistante de direction"),
    dict(commune="Seyssinet-Pariset", header="COMMUNE DE SEYSSINET-PARISET",
         meeting="mardi 17 mars 2026", votes=(29, 26, 1, 2), date=(2026, 3, 23, 16, 9),
         sender=("Accueil mairie", "accueil@mairie-seyssinet-pariset.fr"),
         subject="Pour information", attachment="motion.pdf",
         note="Bonjour,\nCi-joint, pour votre parfaite information, le texte adopté mardi "
              "dernier en conseil.\nCordialement,\nL’accueil de la mairie"),
    dict(commune="Vif", header="COMMUNE DE VIF", meeting="jeudi 19 mars 2026",
         votes=(27, 25, 0, 2), date=(2026, 3, 25, 10, 40),
         sender=("Cabinet du maire de Vif", "cabinet@mairie-vif.fr"),
         subject="Délibération du conseil municipal", attachment="2026-03-19_motion_CM_Vif.pdf",
         note="Monsieur le Sénateur,\nNous nous permettons de vous faire parvenir la "
              "délibération jointe, en espérant pouvoir compter sur votre soutien.\n"
              "Respectueusement,\nLe cabinet du maire"),
]


def doc_motion(c: dict) -> Doc:
    d = Doc()
    d.line(c["header"], 12, True)
    d.line("Département de l’Isère", 10)
    d.gap(10)
    d.line("Extrait du registre des délibérations du Conseil municipal", 11, True)
    d.line("Séance du " + c["meeting"], 10.5)
    d.gap(10)
    d.para(MOTION_TITLE, 11, True, after=10)
    d.line("Le Conseil municipal,", 10.5)
    d.gap(4)
    for p in MOTION_BODY:
        d.para(p)
    d.gap(6)
    v = c["votes"]
    d.line("Votants : %d — Pour : %d — Contre : %d — Abstentions : %d" % v)
    d.line("La motion est adoptée.")
    d.gap(10)
    d.line("Pour extrait conforme,", x=340)
    d.line("Le maire", x=340)
    return d


CONTROL_MAILS = [
    dict(commune="Grenoble", date=(2026, 3, 18, 15, 12),
         sender=("Mission politique de la ville", "politique.ville@ville-grenoble.fr"),
         subject="Relevé de décisions", attachment="releve-decisions-copil.pdf",
         note="Monsieur le Sénateur,\nVeuillez trouver ci-joint le relevé de décisions de notre "
              "dernier comité de pilotage.\nBien cordialement,\nMission politique de la ville"),
    dict(commune="Sassenage", date=(2026, 3, 19, 16, 55),
         sender=("Service du protocole", "protocole@mairie-sassenage.fr"),
         subject="Cérémonie du 8 mai", attachment="programme-8-mai.pdf",
         note="Madame, Monsieur,\nVous trouverez en pièce jointe le programme de la cérémonie "
              "à laquelle le sénateur est convié.\nAvec nos salutations distinguées,\n"
              "Le service du protocole"),
    dict(commune="Voiron", date=(2026, 3, 24, 9, 33),
         sender=("Secrétariat général - Voiron", "secretariat.general@mairie-voiron.fr"),
         subject="Motion adoptée le 16 mars", attachment="motion-transport-scolaire.pdf",
         note="Bonjour,\nComme convenu avec votre collaboratrice, je vous adresse le texte "
              "voté par notre assemblée.\nCordialement,\nLe secrétariat général"),
]


def doc_control(commune: str) -> Doc:
    d = Doc()
    if commune == "Grenoble":
        d.line("VILLE DE GRENOBLE — Mission politique de la ville", 12, True)
        d.gap(10)
        d.line("Comité de pilotage du contrat de ville", 11, True)
        d.line("Relevé de décisions de la réunion du 11 mars 2026", 10.5)
        d.gap(10)
        d.para("Le comité, réuni sous la coprésidence du sous-préfet chargé de l’égalité des "
               "chances et de l’adjoint au maire, a examiné le bilan de la programmation 2025 "
               "et les orientations de l’appel à projets 2026.")
        d.para("1. Bilan de la programmation 2025", bold=True, after=3)
        d.para("Quatre-vingt-quatre actions ont été financées pour un montant total de "
               "1,9 million d’euros, dont un tiers consacré à l’insertion professionnelle des "
               "jeunes de seize à vingt-cinq ans.")
        d.para("2. Appel à projets 2026", bold=True, after=3)
        d.para("Les dossiers devront être déposés avant le 30 avril 2026 sur la plateforme "
               "dématérialisée. Les actions de soutien scolaire, d’accès aux droits et de "
               "médiation numérique restent prioritaires.")
        d.para("3. Calendrier", bold=True, after=3)
        d.para("Le prochain comité se réunira au mois de juin pour arrêter la programmation "
               "définitive. Les porteurs de projets seront informés par courrier.")
    elif commune == "Sassenage":
        d.line("MAIRIE DE SASSENAGE — Service du protocole", 12, True)
        d.gap(10)
        d.line("Commémoration de la victoire du 8 mai 1945", 11, True)
        d.line("Programme de la cérémonie", 10.5)
        d.gap(10)
        for t in (
            "10 h 15 : rassemblement des personnalités et des porte-drapeaux devant l’hôtel "
            "de ville.",
            "10 h 30 : défilé jusqu’au monument aux morts, accompagné par l’harmonie municipale.",
            "10 h 45 : lecture du message officiel par une élève du collège, dépôt de gerbes "
            "et minute de silence.",
            "11 h 15 : allocution du maire, puis vin d’honneur servi dans la salle des fêtes.",
            "Les élus qui souhaitent déposer une gerbe sont priés de se faire connaître auprès "
            "du service du protocole avant le 30 avril. Des places sont réservées aux anciens "
            "combattants et aux familles des déportés.",
        ):
            d.para(t)
    elif commune == "Voiron":
        d.line("COMMUNE DE VOIRON", 12, True)
        d.line("Département de l’Isère", 10)
        d.gap(10)
        d.line("Extrait du registre des délibérations du Conseil municipal", 11, True)
        d.line("Séance du lundi 16 mars 2026", 10.5)
        d.gap(10)
        d.para("MOTION RELATIVE AU FINANCEMENT DU TRANSPORT SCOLAIRE EN ZONE RURALE", 11, True,
               after=10)
        d.line("Le Conseil municipal,", 10.5)
        d.gap(4)
        for t in (
            "Considérant que la révision des circuits de ramassage annoncée pour la rentrée "
            "2026 supprimerait plusieurs arrêts desservant les hameaux ;",
            "Considérant que le coût de l’abonnement scolaire a augmenté de dix-huit pour cent "
            "en deux ans ;",
            "Demande le maintien de la gratuité du transport pour les élèves domiciliés à plus "
            "de trois kilomètres de leur établissement ;",
            "Demande à la région d’associer les communes à la définition des nouveaux circuits.",
        ):
            d.para(t)
        d.gap(6)
        d.line("Votants : 35 — Pour : 30 — Contre : 3 — Abstentions : 2")
        d.line("La motion est adoptée.")
        d.gap(10)
        d.line("Pour extrait conforme,", x=340)
        d.line("Le maire", x=340)
    return d


# ==========================================================================
# Mails
# ==========================================================================

MAIN_MAILS = [
    dict(file="01-deliberation.eml", attachments=["deliberation.pdf"], date=(2026, 2, 10, 9, 14),
         sender=("Secrétariat général - Mairie de Saint-Égrève",
                 "secretariat.general@mairie-saint-egreve.fr"),
         subject="Transmission d’un acte",
         note="Bonjour,\n\nVeuillez trouver ci-joint l’acte demandé par votre collaboratrice lors "
              "de son appel de ce matin.\n\nBien cordialement,\n\nLe secrétariat général"),
    dict(file="02-courrier-scanne.eml", attachments=["courrier-scanne.pdf"],
         date=(2026, 2, 16, 16, 2),
         sender=("Accueil - Mairie de Saint-Égrève", "accueil@mairie-saint-egreve.fr"),
         subject="Courrier de Mme le Maire",
         note="Madame, Monsieur,\n\nVeuillez trouver ci-joint, numérisé, le courrier signé ce "
              "jour par Mme le Maire. L’original suit par voie postale.\n\nCordialement,\n\n"
              "L’accueil de la mairie"),
    dict(file="03-scan-page-png.eml", attachments=["scan-page.png"], date=(2026, 3, 2, 11, 40),
         sender=("Services techniques de Vif", "services.techniques@mairie-vif.fr"),
         subject="Courrier numérisé",
         note="Bonjour,\n\nVeuillez trouver ci-joint notre courrier, numérisé par le copieur du "
              "service.\n\nCordialement,\nLes services techniques"),
    dict(file="04-scan-page-jpg.eml", attachments=["scan-page.jpg"], date=(2026, 3, 3, 8, 55),
         sender=("Services techniques de Vif", "services.techniques@mairie-vif.fr"),
         subject="Courrier numérisé (JPEG)",
         note="Bonjour,\n\nVeuillez trouver ci-joint le même courrier au format JPEG, le premier "
              "envoi ne s’ouvrant pas sur certains postes.\n\nCordialement,\n"
              "Les services techniques"),
    dict(file="05-scan-page-tiff.eml", attachments=["scan-page.tiff"], date=(2026, 3, 3, 9, 6),
         sender=("Services techniques de Vif", "services.techniques@mairie-vif.fr"),
         subject="Courrier numérisé (TIFF)",
         note="Bonjour,\n\nVeuillez trouver ci-joint une nouvelle copie, en TIFF cette fois, à la "
              "demande de votre secrétariat.\n\nCordialement,\nLes services techniques"),
    dict(file="06-convention.eml", attachments=["convention.docx"], date=(2026, 3, 4, 14, 20),
         sender=("Vie associative - Ville de Meylan", "vie.associative@ville-meylan.fr"),
         subject="Document pour relecture",
         note="Bonjour,\n\nVeuillez trouver ci-joint le projet de document, pour relecture avant "
              "la signature prévue le mois prochain.\n\nBien à vous,\n"
              "Le service de la vie associative"),
    dict(file="07-compte-rendu.eml", attachments=["compte-rendu.odt"], date=(2026, 3, 6, 10, 3),
         sender=("Démocratie locale - Ville de Fontaine", "democratie.locale@ville-fontaine.fr"),
         subject="Compte rendu",
         note="Bonjour,\n\nVeuillez trouver ci-joint le compte rendu rédigé par nos services.\n\n"
              "Cordialement,\nLe service de la démocratie locale"),
    dict(file="08-budget-xlsx.eml", attachments=["budget.xlsx"], date=(2026, 3, 9, 15, 30),
         sender=("Direction des finances - Échirolles", "finances@ville-echirolles.fr"),
         subject="Tableau demandé",
         note="Bonjour,\n\nVeuillez trouver ci-joint le tableau demandé.\n\nCordialement,\n"
              "La direction des finances"),
    dict(file="09-budget-ods.eml", attachments=["budget.ods"], date=(2026, 3, 9, 15, 42),
         sender=("Direction des finances - Échirolles", "finances@ville-echirolles.fr"),
         subject="Second tableau",
         note="Bonjour,\n\nVeuillez trouver ci-joint le second tableau, au format LibreOffice.\n\n"
              "Cordialement,\nLa direction des finances"),
    dict(file="10-lettre-rtf.eml", attachments=["lettre.rtf"], date=(2026, 3, 11, 11, 11),
         sender=("Mairie de Seyssinet-Pariset", "vie.quartiers@mairie-seyssinet-pariset.fr"),
         subject="Courrier à l’attention du sénateur",
         note="Monsieur le Sénateur,\n\nVeuillez trouver ci-joint un courrier de Mme l’adjointe "
              "au maire.\n\nRespectueusement,\nLe secrétariat"),
    dict(file="11-invitation-ics.eml", attachments=["invitation.ics"], date=(2026, 3, 20, 10, 0),
         sender=("Cabinet du maire", "cabinet@ville-pontdeclaix.fr"),
         subject="Invitation",
         note="Bonjour,\n\nVeuillez trouver ci-joint une invitation ; merci de bien vouloir "
              "l’ajouter à l’agenda du sénateur.\n\nLe cabinet du maire"),
    dict(file="12-winmail-dat.eml", attachments=["winmail.dat"], date=(2026, 3, 12, 17, 48),
         sender=("Jean-Marc Cottavoz", "dgs@mairie-voiron.fr"),
         subject="Note des services", mailer="Microsoft Outlook 16.0",
         note="Bonjour,\n\nVeuillez trouver ci-joint la note évoquée au téléphone.\n\n"
              "Cordialement,\nJ.-M. C."),
    dict(file="13-hostile-truncated.eml", attachments=["hostile-truncated.pdf"],
         date=(2026, 3, 13, 9, 30),
         sender=("Secrétariat - Mairie de Crolles", "secretariat@mairie-crolles.fr"),
         subject="Document annoncé",
         note="Bonjour,\n\nVeuillez trouver ci-joint le document annoncé.\n\nCordialement,\n"
              "Le secrétariat"),
    dict(file="14-hostile-bomb-pdf.eml", attachments=["hostile-bomb.pdf"],
         date=(2026, 3, 13, 10, 2),
         sender=("Service communication", "communication@ville-meylan.fr"),
         subject="Note interne",
         note="Bonjour,\n\nVeuillez trouver ci-joint notre dernière note.\n\nBien à vous,\n"
              "Le service communication"),
    dict(file="15-hostile-nested.eml", attachments=["hostile-nested.pdf"],
         date=(2026, 3, 13, 11, 45),
         sender=("Direction générale des services", "dgs@ville-fontaine.fr"),
         subject="Prochaine réunion",
         note="Madame, Monsieur,\n\nVeuillez trouver ci-joint le document préparatoire de la "
              "prochaine réunion.\n\nCordialement,\nLa direction générale des services"),
    dict(file="16-hostile-bomb-png.eml", attachments=["hostile-bomb.png"],
         date=(2026, 3, 13, 14, 15),
         sender=("Urbanisme - Mairie de Vif", "urbanisme@mairie-vif.fr"),
         subject="Plan", note="Bonjour,\n\nVeuillez trouver ci-joint le plan demandé.\n\n"
                              "Cordialement,\nLe service urbanisme"),
    dict(file="17-hostile-bomb-docx.eml", attachments=["hostile-bomb.docx"],
         date=(2026, 3, 13, 15, 50),
         sender=("Secrétariat - Ville d’Échirolles", "secretariat@ville-echirolles.fr"),
         subject="Synthèse", note="Bonjour,\n\nVeuillez trouver ci-joint la synthèse.\n\n"
                                  "Cordialement,\nLe secrétariat"),
    dict(file="18-several-attachments.eml",
         attachments=["deliberation.pdf", "convention.docx", "hostile-bomb.pdf"],
         date=(2026, 3, 16, 8, 10),
         sender=("Secrétariat des élus - Saint-Égrève", "secretariat.elus@mairie-saint-egreve.fr"),
         subject="Documents pour la réunion de lundi",
         note="Bonjour,\n\nVeuillez trouver ci-joint les trois documents pour la réunion de "
              "lundi.\n\nCordialement,\nLe secrétariat des élus"),
]


def _token(*parts) -> str:
    import hashlib
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()


def write_mail(path: Path, spec: dict, files: dict[str, bytes]) -> dict:
    y, mo, d, h, mi = spec["date"]
    domain = spec["sender"][1].split("@")[1]
    tok = _token(path.name, spec["subject"])
    msgid = "%04d%02d%02d%02d%02d.%s@%s" % (y, mo, d, h, mi, tok[:12], domain)
    body = spec["note"]
    names = spec.get("attachments") or [spec["attachment"]]
    data = build_eml(sender=spec["sender"], subject=spec["subject"],
                     date=mail_date(y, mo, d, h, mi, int(tok[12:14], 16) % 60), msgid=msgid,
                     body=body, attachments=[(n, files[n]) for n in names],
                     boundary="=_Part_" + tok[14:30], mailer=spec.get("mailer"))
    path.write_bytes(data)
    return {"file": str(path.relative_to(OUT)), "attachments": names,
            "from": spec["sender"][1], "date": "%04d-%02d-%02d" % (y, mo, d),
            "message_id": msgid}


# ==========================================================================
# Main
# ==========================================================================

def main() -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    for folder in (MAIL, CAMPAIGN, CONTROLS):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.eml"):
            old.unlink()
    files: dict[str, bytes] = {}
    manifest_files: list[dict] = []

    def put(name: str, data: bytes, kind: str, phrases: list[str], expect="ok", **extra):
        (OUT / name).write_bytes(data)
        files[name] = data
        entry = {"file": name, "mime": mime_of(name), "kind": kind, "phrases": phrases}
        entry.update(extra)
        entry["expect"] = expect
        manifest_files.append(entry)

    # Text PDF
    put("deliberation.pdf", text_pdf(doc_deliberation(), "Deliberation 2026-031",
                                     "20260209211500+01'00'"), "pdf", DELIBERATION_PHRASES)

    # Scanned PDF: text PDF -> 300 dpi gray raster -> degraded -> image-only PDF
    cd = doc_courrier()
    w, h, pix = rasterise(text_pdf(cd, "Courrier", "20260216100000+01'00'"))
    scan = degrade(w, h, pix, seed=20260216)
    put("courrier-scanne.pdf", image_pdf(scan, w, h, 300, "Scan 0001", "20260216160000+01'00'"),
        "scan-pdf", COURRIER_PHRASES, truth="courrier-scanne.txt")
    (OUT / "courrier-scanne.txt").write_text("\n".join(cd.lines) + "\n", encoding="utf-8")

    # Scanned page as PNG (written here, degraded), JPEG and TIFF (written by pdftoppm)
    sd = doc_scan_page()
    spdf = text_pdf(sd, "Courrier", "20260302100000+01'00'")
    w, h, pix = rasterise(spdf)
    put("scan-page.png", write_png_gray(w, h, degrade(w, h, pix, seed=20260302)), "image",
        SCAN_PAGE_PHRASES, truth="scan-page.txt",
        same_text_as=["scan-page.jpg", "scan-page.tiff"])
    put("scan-page.jpg", pdftoppm_file(spdf, ["-jpeg", "-jpegopt", "quality=75"], "jpg"),
        "image", SCAN_PAGE_PHRASES, truth="scan-page.txt",
        same_text_as=["scan-page.png", "scan-page.tiff"])
    put("scan-page.tiff", pdftoppm_file(spdf, ["-tiff", "-tiffcompression", "lzw"], "tif"),
        "image", SCAN_PAGE_PHRASES, truth="scan-page.txt",
        same_text_as=["scan-page.png", "scan-page.jpg"])
    (OUT / "scan-page.txt").write_text("\n".join(sd.lines) + "\n", encoding="utf-8")

    # Office documents
    tmp = OUT / ".tmp.zip"
    for name, members, kind, phrases in (
        ("convention.docx", docx_package(docx_convention()), "docx", CONVENTION_PHRASES),
        ("compte-rendu.odt", odf_package("application/vnd.oasis.opendocument.text",
                                         odt_compte_rendu(), ODT_STYLES), "odt",
         COMPTE_RENDU_PHRASES),
        ("budget.xlsx", xlsx_budget(), "xlsx", BUDGET_XLSX_PHRASES),
        ("budget.ods", odf_package("application/vnd.oasis.opendocument.spreadsheet",
                                   ods_budget(), ODS_STYLES), "ods", BUDGET_ODS_PHRASES),
    ):
        make_zip(tmp, members)
        put(name, tmp.read_bytes(), kind, phrases)
    tmp.unlink()

    put("lettre.rtf", rtf_lettre(), "rtf", RTF_PHRASES, absent=RTF_ABSENT, charset="cp1252")
    put("invitation.ics", ics_invitation(), "ics", ICS_PHRASES, summary=ICS_SUMMARY,
        commune="Le Pont-de-Claix", organizer=ICS_ORGANIZER,
        start="2026-04-18T11:00:00+02:00", end="2026-04-18T13:00:00+02:00")
    put("winmail.dat", tnef_winmail(), "tnef", TNEF_BODY_PHRASES,
        body_charset="cp1252", subject=TNEF_SUBJECT,
        attachments=[{"name": TNEF_ATTACH_NAME, "charset": "utf-8",
                      "phrases": TNEF_ATTACH_PHRASES}])

    # Hostile files
    put("hostile-truncated.pdf", hostile_truncated(), "hostile", [], expect=["crashed"],
        format="pdf", recoverable_phrases=TRUNCATED_RECOVERABLE,
        note="Cut inside the page's content stream; no endstream, xref, trailer or %EOF. "
             "A tolerant extractor may instead recover the text before the cut: then only "
             "recoverable_phrases can be found, and the call must end quickly.")
    bomb, inner_len = hostile_bomb_pdf()
    put("hostile-bomb.pdf", bomb, "hostile", [], expect=["too_large", "timeout", "crashed"],
        format="pdf", decoded_size=BOMB_SIZE, first_layer_size=inner_len,
        note="/Filter [/FlateDecode /FlateDecode]: the stream inflates to first_layer_size "
             "bytes of zlib data, which inflate to decoded_size bytes of page content "
             "(one text operator, then spaces).")
    put("hostile-nested.pdf", hostile_nested_pdf(), "hostile", [], expect=["crashed", "timeout"],
        format="pdf", depth=NEST_DEPTH,
        note="The page dictionary's /Annots value is an array nested %d levels deep." % NEST_DEPTH)
    put("hostile-bomb.png", hostile_bomb_png(), "hostile", [],
        expect=["too_large", "crashed", "timeout"], format="png",
        width=PNG_BOMB_SIDE, height=PNG_BOMB_SIDE,
        note="IHDR claims 50,000 x 50,000 8-bit gray; the IDAT zlib stream holds %d zero rows "
             "and is flushed but never finished." % PNG_BOMB_ROWS)
    docx_bomb_write(OUT / "hostile-bomb.docx", BOMB_SIZE)
    files["hostile-bomb.docx"] = (OUT / "hostile-bomb.docx").read_bytes()
    manifest_files.append({
        "file": "hostile-bomb.docx", "mime": mime_of("hostile-bomb.docx"), "kind": "hostile",
        "phrases": [], "format": "docx", "decoded_size": BOMB_SIZE,
        "note": "word/document.xml inflates to decoded_size bytes (a short run, then spaces).",
        "expect": ["too_large", "timeout", "crashed"]})

    # Mails
    mails = [write_mail(MAIL / m["file"], m, files) for m in MAIN_MAILS]

    campaign_details = []
    campaign_files = []
    for i, c in enumerate(CAMPAIGN_MAILS, start=1):
        pdf = text_pdf(doc_motion(c), "Motion", "202603%02d180000+01'00'" % c["date"][2])
        name = "%02d-%s.eml" % (i, _slug(c["commune"]))
        info = write_mail(CAMPAIGN / name, c, {c["attachment"]: pdf})
        mails.append(info)
        campaign_files.append(info["file"])
        campaign_details.append({
            "file": info["file"], "commune": c["commune"], "attachment": c["attachment"],
            "meeting": c["meeting"],
            "votes": dict(zip(("votants", "pour", "contre", "abstentions"), c["votes"]))})
    control_files = []
    for i, c in enumerate(CONTROL_MAILS, start=1):
        pdf = text_pdf(doc_control(c["commune"]), "Document", "202603%02d120000+01'00'" % c["date"][2])
        name = "%02d-%s.eml" % (i, _slug(c["commune"]))
        info = write_mail(CONTROLS / name, c, {c["attachment"]: pdf})
        mails.append(info)
        control_files.append(info["file"])

    manifest = {
        "generator": "scripts/make_attachment_fixtures.py",
        "files": manifest_files,
        "mails": mails,
        "campaign": {
            "mails": campaign_files,
            "controls": control_files,
            "motion_phrases": MOTION_PHRASES,
            "details": campaign_details,
            "note": "The six campaign PDFs have the same text except the commune in the "
                    "header, the date of the meeting and the vote count; the controls are "
                    "PDFs on other subjects (one of them a motion on another subject).",
        },
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    (OUT / "SOURCE.md").write_text(SOURCE_MD, encoding="utf-8")
    return manifest


def _slug(commune: str) -> str:
    import unicodedata
    s = unicodedata.normalize("NFKD", commune).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


SOURCE_MD = """\
# fixtures/attachments — attachment text extraction fixtures

Written for this project by a helper agent from the issue text, not from the code
(the extraction code was neither read nor run while these files were made). Everything
here is generated by `scripts/make_attachment_fixtures.py`; do not edit the files by
hand, change the generator and run it again.

Licence: CC0 1.0 (public domain dedication) — the project's own test material. All
people, addresses, figures, events and institutions are invented; only the commune
names (Isère) are real. The office address is `permanence@senateur-exemple.fr`, the
fictional domain the other mail fixtures of the project use.

## Regenerate

    python3 scripts/make_attachment_fixtures.py            # writes everything below
    python3 scripts/make_attachment_fixtures.py --check    # ... then checks it

Needs Python 3.11 (standard library only) and `pdftoppm` (Debian package
poppler-utils); `--check` also uses `pdftotext` from the same package. About 20 s.
No clock, no network, fixed seeds, fixed zip timestamps (2026-03-02 09:00): two runs
give byte-identical files. The raster files (`courrier-scanne.pdf`, `scan-page.*`)
depend on the poppler version (made with 22.12.0, Debian 12) and on the font
fontconfig substitutes for the non-embedded Helvetica (DejaVu Sans here); on another
machine they may differ in pixels, not in text.

## Files

| file | kind | how it was made |
| --- | --- | --- |
| `deliberation.pdf` | pdf | Hand-written PDF 1.4 objects, 2 pages, Helvetica and Helvetica-Bold (standard Type1, not embedded) with `/Encoding /WinAnsiEncoding`, strings in cp1252 so accents, « », ’ and € are real text; content streams FlateDecode. A deliberation of the town council of Saint-Égrève (articles 1er to 5, vote count). |
| `courrier-scanne.pdf` | scan-pdf | A text PDF of the mayor's letter (209 words) rasterised with `pdftoppm -r 300 -gray`, then degraded (paper tone 236, ink 28, dust specks, one faint vertical scanner line; seed 20260216), then wrapped as the only content of a new PDF: one `/Image` XObject, 2480 x 3509, 8-bit `/DeviceGray`, `/FlateDecode` of the raw samples. No font, no text layer: `pdftotext` gives nothing. |
| `courrier-scanne.txt` | truth | The words of that letter exactly as rendered, one line per line of the letter (UTF-8). |
| `scan-page.png` | image | A short letter from Vif (117 words, A5) rasterised with `pdftoppm -r 300 -gray`, degraded like the scan above (seed 20260302), written as PNG by the generator (zlib; 8-bit gray, filter 0 on every row, pHYs 300 dpi). |
| `scan-page.jpg` | image | The same letter written by `pdftoppm -r 300 -gray -jpeg -jpegopt quality=75` (clean, no degradation). |
| `scan-page.tiff` | image | The same letter written by `pdftoppm -r 300 -gray -tiff -tiffcompression lzw` (clean). |
| `scan-page.txt` | truth | The words of that letter as rendered, one line per line. |
| `convention.docx` | docx | Zip of `[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, `word/_rels/document.xml.rels`, `word/styles.xml`. Title, headings, paragraphs, one table row of two cells, `<w:tab/>` in the headings, one `<w:br/>`, a phrase split over two runs (bold + plain), `&amp;` twice. |
| `compte-rendu.odt` | odt | Zip with `mimetype` first and stored, `META-INF/manifest.xml`, `content.xml`, `styles.xml`. `text:h` headings, paragraphs, `<text:s/>` (the only space inside the phrase « réfection des trottoirs »), `<text:s text:c="3"/>`, `<text:tab/>`, `<text:line-break/>`, a `text:span`. |
| `budget.xlsx` | xlsx | Workbook, one sheet « Dépenses 2026 », shared strings (French labels), integer amounts, one `SUM` formula with its cached value, a number style. The expenditure side of an invented budget. |
| `budget.ods` | ods | The same layout as an ODF spreadsheet (`office:value-type="float"` cells, one `of:=SUM` formula): the revenue side of the same budget, so each file has phrases of its own. |
| `lettre.rtf` | rtf | Hand-written RTF (`\\ansicpg1252`), font table, colour table, `{\\*\\generator Riched20 …}` (must not reach the text: see `absent`), `\\'e9`-style escapes, `\\u339?` (œ) and `\\u8217?` (’) with `\\uc1`, `\\par` paragraphs, bold and colour. |
| `invitation.ics` | ics | VCALENDAR, `METHOD:REQUEST`, a VTIMEZONE for Europe/Paris, one VEVENT with `DTSTART;TZID=Europe/Paris` / `DTEND`, SUMMARY, LOCATION, ORGANIZER;CN=…:mailto:…, DESCRIPTION with `\\,` and `\\n`. CRLF lines folded at 75 octets (continuation lines start with a space; folds fall between characters, never inside a UTF-8 sequence). The commune « Le Pont-de-Claix » and the phrase « lecture par les élèves du conservatoire » straddle folds. |
| `winmail.dat` | tnef | TNEF as Outlook sends it (see below): a plain-text body (attBody, cp1252) and one attachment `note-voirie.txt` whose bytes are **UTF-8** text. |
| `hostile-truncated.pdf` | hostile | A valid one-page text PDF (uncompressed content) cut inside its content stream, in the middle of a string operand: no `endstream`, no xref, no trailer, no `%EOF`. |
| `hostile-bomb.pdf` | hostile | One page whose content stream is `/Filter [/FlateDecode /FlateDecode]`: it inflates to about 1 MB of zlib data, which inflates to 1 GiB (1,073,741,824 bytes) of page content (one text operator, then spaces). Compressed with zlib level 9 in 16 MiB chunks. |
| `hostile-nested.pdf` | hostile | The page dictionary's `/Annots` value is an array nested 200,000 levels deep (`[[[…]]]`), placed before `/Contents`, so a parser must go through it to reach the page's text. |
| `hostile-bomb.png` | hostile | IHDR claims 50,000 x 50,000 pixels, 8-bit gray (2.5 GB decoded). The single IDAT holds a zlib stream of 1,000 zero rows, flushed (`Z_SYNC_FLUSH`) but never finished: valid as far as it goes. Chunk CRCs are correct; IEND follows. |
| `hostile-bomb.docx` | hostile | A DOCX (same parts as above) whose `word/document.xml` inflates to 1 GiB: a short run of text, then spaces; deflate level 9, written in 16 MiB chunks. |

Why the PDF bomb is deflated twice: deflate cannot compress better than about 1032:1,
so 1 GiB in a single FlateDecode layer takes at least 1.04 MB, and every mail carrying
it 1.43 MB more in base64. With the DOCX bomb (which cannot avoid it) and the mail
carrying several attachments, a single-layer PDF bomb would take the folder past the
6 MB budget. Two FlateDecode layers keep it at 2.5 KB and the decoded size at 1 GiB.

## TNEF attributes used (MS-OXTNEF)

Stream: signature `0x223E9F78`, legacy key `0x5A31`, then attributes, each
`level (u8) | id (u32) | length (u32) | data | checksum (u16 = sum of the data bytes mod 65536)`,
little-endian. Level 1 = message, 2 = attachment. Ids are the full 32-bit values
(high word = type, low word = attribute).

| level | attribute | id | data |
| --- | --- | --- | --- |
| 1 | attTnefVersion | `0x00089006` | `0x00010000` |
| 1 | attOemCodepage | `0x00069007` | 1252, 0 |
| 1 | attMessageClass | `0x00078008` | `IPM.Microsoft Mail.Note\\0` |
| 1 | attSubject | `0x00018004` | cp1252, NUL-terminated |
| 1 | attDateSent | `0x00038005` | 7 x u16: 2026-03-12 17:47:12, day of week |
| 1 | attPriority | `0x0004800D` | 2 (normal) |
| 1 | attBody | `0x0002800C` | the body, cp1252, CRLF, no NUL |
| 2 | attAttachRendData | `0x00069002` | type 1 (file), position 0xFFFFFFFF, 32 x 32, flags 0 — first attribute of the attachment |
| 2 | attAttachTitle | `0x00018010` | `note-voirie.txt\\0` |
| 2 | attAttachCreateDate | `0x00038012` | date |
| 2 | attAttachModifyDate | `0x00038013` | date |
| 2 | attAttachData | `0x0006800F` | the file's bytes (UTF-8 text) |

No attMsgProps / attAttachment (MAPI property blocks) and no RTF body.

## Mails (`mail/`)

RFC 5322 messages, CRLF throughout, `multipart/mixed`, a `text/plain; charset=utf-8`
cover note (8bit) first, then each attachment in base64 (76-character lines) with its
real Content-Type and `Content-Disposition: attachment; filename="…"`; the .ics part is
`text/calendar; charset=utf-8; method=REQUEST`, winmail.dat is `application/ms-tnef`.
Non-ASCII headers are RFC 2047 B-encoded. Dates are fixed, in 2026 (Europe/Paris
offsets); Message-IDs are unique and derived from the file name.

* `01`–`17`: one mail per fixture file (hostile ones included), from town-hall style
  domains, each with a short neutral cover note (« Veuillez trouver ci-joint… »)
  that contains none of the attachment's phrases.
* `18-several-attachments.eml`: `deliberation.pdf`, `convention.docx` and
  `hostile-bomb.pdf` together, to check that a hostile part does not stop the others.
* `campaign/`: six mails from six town halls (Crolles, Meylan, Échirolles, Fontaine,
  Seyssinet-Pariset, Vif), 16 to 25 March 2026, each with a different 4-line cover
  note that does not quote the motion, each carrying the same « motion pour le
  maintien de la maternité du centre hospitalier de Belledonne-Sud » as a text PDF
  whose text differs only by the commune in the header, the date of the meeting and
  the vote count (file names differ too).
* `campaign-controls/`: three mails from other town halls (Grenoble, Sassenage,
  Voiron) in the same days, cover notes of the same length, each with a PDF on
  another subject; Voiron's is a motion too (rural school transport), in the same
  layout, as a decoy.

## manifest.json

* `files`: one entry per fixture file (not the mails, not the .txt truths):
  `file`, `mime`, `kind` (`pdf|scan-pdf|image|docx|odt|xlsx|ods|rtf|ics|tnef|hostile`),
  `phrases` (2–6 words each, exactly as a reader sees them, accents and ’ included),
  `truth` (scans), `expect` (`"ok"`, or for hostile files the acceptable outcomes among
  `timeout`, `crashed`, `too_large`). Extra keys: `same_text_as` (the three
  `scan-page.*` files are one letter and share their phrases), `absent` (RTF: words of
  the font table and generator that must not appear), `summary`/`commune`/`organizer`
  (ics), `attachments` (tnef: the unpacked file, its charset and phrases; the entry's
  own `phrases` are the body's), `decoded_size`, `depth`, `width`/`height`, `note`
  (hostile). For `hostile-truncated.pdf` an extractor that recovers the text before the
  cut instead of failing is also acceptable; only its `recoverable_phrases` can then be
  found.
* `mails`: every .eml with its attachments' file names (in order), sender, date,
  Message-ID.
* `campaign`: `mails` (the six), `controls` (the three), `motion_phrases` (in all six
  PDFs and nowhere else), `details` (commune, attachment name, meeting, votes).

Every phrase occurs in its own document and in no other document of this folder (the
`scan-page.*` trio excepted), in no cover note and in no Subject; `--check` verifies
it (case-insensitively) with its own readers for each format. The other fixture sets
of the project were not read and so were not checked against.

## OCR ground truth

The `.txt` files are the text that was rendered, not an OCR output, and were never
edited to match one. They keep the typographic apostrophe ’ (U+2019), which OCR
usually returns as '; normalise apostrophes (and whitespace) before comparing words.
To make sure the scans are legible at all, `tesseract 5.3.0 -l fra` was run once on
them: plain whitespace-token match against the truth gave 0.94 (courrier-scanne.pdf,
rendered at 300 dpi), 0.96 (scan-page.png, degraded) and 0.97 (scan-page.jpg and
.tiff) — a check of legibility, not a target.
"""


# ==========================================================================
# Checks (--check): independent readers for every format, then the phrases
# ==========================================================================

def _pdftotext(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "f.pdf"
        p.write_bytes(data)
        r = subprocess.run(["pdftotext", "-enc", "UTF-8", str(p), "-"], capture_output=True)
        return r.stdout.decode("utf-8")


def _renders(data: bytes) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "f.pdf"
        p.write_bytes(data)
        r = subprocess.run(["pdftoppm", "-r", "20", "-gray", str(p), str(Path(tmp) / "o")],
                           capture_output=True)
        return r.returncode == 0 and not r.stderr and any(Path(tmp).glob("o*.pgm"))


def _docx_text(data: bytes) -> str:
    import xml.etree.ElementTree as ET
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as zf:
        root = ET.fromstring(zf.read("word/document.xml"))
    w = "{%s}" % W_NS
    out = []

    def walk(el):
        if el.tag == w + "t":
            out.append(el.text or "")
        elif el.tag == w + "tab":
            out.append("\t")
        elif el.tag == w + "br":
            out.append("\n")
        for ch in el:
            walk(ch)
        if el.tag == w + "p":
            out.append("\n")
        elif el.tag == w + "tc":
            out.append("\t")

    walk(root)
    return "".join(out)


def _odf_text(data: bytes) -> str:
    import xml.etree.ElementTree as ET
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as zf:
        names = zf.namelist()
        assert names[0] == "mimetype" and zf.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        root = ET.fromstring(zf.read("content.xml"))
    t = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    out = []

    def walk(el):
        if el.tag == t + "s":
            out.append(" " * int(el.get(t + "c", "1")))
        elif el.tag == t + "tab":
            out.append("\t")
        elif el.tag == t + "line-break":
            out.append("\n")
        elif el.text:
            out.append(el.text)
        for ch in el:
            walk(ch)
            if ch.tail:
                out.append(ch.tail)
        if el.tag in (t + "p", t + "h"):
            out.append("\n")

    walk(root)
    return "".join(out)


def _xlsx_text(data: bytes) -> str:
    import xml.etree.ElementTree as ET
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as zf:
        sst = ET.fromstring(zf.read("xl/sharedStrings.xml"))
        sheet = ET.fromstring(zf.read("xl/worksheets/sheet1.xml"))
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    strings = ["".join(t.text or "" for t in si.iter(ns + "t")) for si in sst]
    cells = []
    for c in sheet.iter(ns + "c"):
        v = c.find(ns + "v")
        cells.append(strings[int(v.text)] if c.get("t") == "s" else v.text)
    return "\n".join(cells)


def _rtf_text(data: bytes) -> str:
    """A small RTF reader: groups, \\* destinations, font/colour tables skipped,
    \\'hh as cp1252, \\uN with \\uc1 fallback skipping, \\par and \\line."""
    s = data.decode("ascii")
    out = []
    stack = []
    skip = False
    uc_skip = 0
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "{":
            stack.append(skip)
            if s.startswith("{\\*", i) or s.startswith("{\\fonttbl", i) or s.startswith("{\\colortbl", i):
                skip = True
            i += 1
        elif ch == "}":
            skip = stack.pop()
            i += 1
        elif ch == "\\":
            m = re.match(r"\\([a-z]+)(-?\d+)? ?|\\'([0-9a-f]{2})|\\([\\{}])", s[i:])
            if not m:
                i += 2
                continue
            i += m.end()
            if skip:
                continue
            if m.group(3):
                if uc_skip:
                    uc_skip -= 1
                else:
                    out.append(bytes([int(m.group(3), 16)]).decode("cp1252"))
            elif m.group(4):
                out.append(m.group(4))
            elif m.group(1) == "u":
                n = int(m.group(2))
                out.append(chr(n + 65536 if n < 0 else n))
                if i < len(s) and s[i] not in "\\{}":
                    i += 1  # the one fallback character (\uc1)
            elif m.group(1) in ("par", "line"):
                out.append("\n")
        elif ch in "\r\n":
            i += 1
        else:
            if not skip:
                out.append(ch)
            i += 1
    return "".join(out)


def _ics_text(data: bytes) -> str:
    assert b"\n" not in data.replace(b"\r\n", b""), "bare LF in .ics"
    physical = data.split(b"\r\n")[:-1]
    for line in physical:
        assert len(line) <= 75, line
        line.decode("utf-8")  # every physical line is valid UTF-8: no fold inside a character
    assert any(l.startswith(b" ") for l in physical), "no folded line"
    unfolded = data.decode("utf-8").replace("\r\n ", "")
    out = []
    for line in unfolded.split("\r\n"):
        if ":" not in line:
            continue
        name, _, value = line.partition(":")
        if name.startswith(("SUMMARY", "LOCATION", "DESCRIPTION")):
            value = (value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
                     .replace("\\\\", "\\"))
            out.append(value)
        elif name.startswith("ORGANIZER"):
            out.append(re.search(r"CN=([^;:]+)", name).group(1))
    return "\n".join(out)


def _tnef_parse(data: bytes) -> dict:
    sig, _key = struct.unpack_from("<IH", data, 0)
    assert sig == TNEF_SIGNATURE
    pos = 6
    res = {"attachments": []}
    while pos < len(data):
        level, attr, length = struct.unpack_from("<BII", data, pos)
        pos += 9
        body = data[pos:pos + length]
        pos += length
        (cks,) = struct.unpack_from("<H", data, pos)
        pos += 2
        assert cks == sum(body) & 0xFFFF, "bad checksum for %08x" % attr
        if level == LVL_MESSAGE and attr == ATT["attBody"]:
            res["body"] = body.decode("cp1252")
        elif level == LVL_MESSAGE and attr == ATT["attSubject"]:
            res["subject"] = body.rstrip(b"\0").decode("cp1252")
        elif level == LVL_ATTACHMENT and attr == ATT["attAttachRendData"]:
            res["attachments"].append({})
        elif level == LVL_ATTACHMENT and attr == ATT["attAttachTitle"]:
            res["attachments"][-1]["name"] = body.rstrip(b"\0").decode("cp1252")
        elif level == LVL_ATTACHMENT and attr == ATT["attAttachData"]:
            res["attachments"][-1]["data"] = body
    assert pos == len(data)
    return res


def _png_check(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        (n,) = struct.unpack_from(">I", data, pos)
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack_from(">I", data, pos + 8 + n)
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    return ihdr, idat


def check() -> None:
    import email
    import email.policy
    manifest = json.loads((OUT / "manifest.json").read_text(encoding="utf-8"))
    problems: list[str] = []

    def need(cond, msg):
        if not cond:
            problems.append(msg)

    texts: dict[str, str] = {}
    for e in manifest["files"]:
        name, kind = e["file"], e["kind"]
        data = (OUT / name).read_bytes()
        if kind == "pdf":
            texts[name] = _pdftotext(data)
            need(_renders(data), name + ": pdftoppm does not render it cleanly")
        elif kind == "scan-pdf":
            need(_pdftotext(data).strip() == "", name + ": has a text layer")
            need(_renders(data), name + ": pdftoppm does not render it cleanly")
            texts[name] = (OUT / e["truth"]).read_text(encoding="utf-8")
        elif kind == "image":
            texts[name] = (OUT / e["truth"]).read_text(encoding="utf-8")
            if name.endswith(".png"):
                ihdr, idat = _png_check(data)
                raw = zlib.decompress(idat)
                w, h = ihdr[0], ihdr[1]
                need(ihdr[2:] == (8, 0, 0, 0, 0) and len(raw) == (w + 1) * h
                     and all(raw[y * (w + 1)] == 0 for y in range(h)), name + ": bad PNG")
            elif name.endswith(".jpg"):
                need(data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9", name + ": not a JPEG")
            elif name.endswith(".tiff"):
                need(data[:4] in (b"II*\0", b"MM\0*"), name + ": not a TIFF")
        elif kind == "docx":
            texts[name] = _docx_text(data)
        elif kind in ("odt", "ods"):
            texts[name] = _odf_text(data)
        elif kind == "xlsx":
            texts[name] = _xlsx_text(data)
        elif kind == "rtf":
            texts[name] = _rtf_text(data)
            for a in e["absent"]:
                need(a not in texts[name], name + ": %r leaks into the text" % a)
        elif kind == "ics":
            texts[name] = _ics_text(data)
            for key in ("summary", "commune", "organizer"):
                need(e[key] in texts[name], name + ": " + key)
        elif kind == "tnef":
            t = _tnef_parse(data)
            texts[name] = t["body"]
            for a in e["attachments"]:
                att = [x for x in t["attachments"] if x.get("name") == a["name"]]
                need(len(att) == 1, name + ": attachment " + a["name"])
                atext = att[0]["data"].decode(a["charset"])
                texts[name + "/" + a["name"]] = atext
                for ph in a["phrases"]:
                    need(ph in atext, "%s/%s: phrase %r missing" % (name, a["name"], ph))
        if kind in ("docx", "odt", "xlsx", "ods"):
            with zipfile.ZipFile(OUT / name) as zf:
                need(zf.testzip() is None, name + ": zip CRC error")
        for ph in e["phrases"]:
            need(ph in texts.get(name, ""), "%s: phrase %r missing" % (name, ph))
            need(2 <= len(ph.split()) <= 6, "%s: phrase %r is not 2-6 words" % (name, ph))

    # Hostile files
    for e in manifest["files"]:
        if e["kind"] != "hostile":
            continue
        data = (OUT / e["file"]).read_bytes()
        need(len(data) < 2_000_000, e["file"] + ": not small")
        if e["file"] == "hostile-truncated.pdf":
            need(b"xref" not in data and b"trailer" not in data and b"endstream" not in data
                 and data.endswith(TRUNCATED_CUT_AFTER.encode()), "truncated: not cut as said")
        elif e["file"] == "hostile-bomb.pdf":
            raw = data[data.index(b"stream\n") + 7:data.rindex(b"\nendstream")]
            first = zlib.decompress(raw)
            d = zlib.decompressobj()
            total = 0
            buf = first
            while buf:
                total += len(d.decompress(buf, 64 << 20))
                buf = d.unconsumed_tail
            total += len(d.flush())
            need(total == e["decoded_size"] >= 10 ** 9, "bomb pdf: decodes to %d" % total)
        elif e["file"] == "hostile-nested.pdf":
            depth = best = 0
            for b in data:
                if b == 0x5B:
                    depth += 1
                    best = max(best, depth)
                elif b == 0x5D:
                    depth -= 1
            need(best >= 200_000, "nested: depth %d" % best)
        elif e["file"] == "hostile-bomb.png":
            ihdr, idat = _png_check(data)
            d = zlib.decompressobj()
            got = len(d.decompress(idat))
            need(ihdr[:2] == (50_000, 50_000) and not d.eof and got > 0, "png bomb")
        elif e["file"] == "hostile-bomb.docx":
            with zipfile.ZipFile(OUT / e["file"]) as zf:
                need(zf.getinfo("word/document.xml").file_size >= 10 ** 9, "docx bomb size")

    # Mails
    notes: dict[str, str] = {}
    campaign_pdf_text: dict[str, str] = {}
    ids = set()
    for m in manifest["mails"]:
        raw = (OUT / m["file"]).read_bytes()
        need(b"\n" not in raw.replace(b"\r\n", b""), m["file"] + ": mixed line endings")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        ids.add(msg["Message-ID"])
        body = msg.get_body(("plain",)).get_content()
        notes[m["file"]] = str(msg["Subject"]) + "\n" + body
        names = []
        for part in msg.iter_attachments():
            fn = part.get_filename()
            names.append(fn)
            payload = part.get_payload(decode=True)
            need(part.get_content_type() == mime_of(fn), "%s: %s has type %s"
                 % (m["file"], fn, part.get_content_type()))
            if fn.endswith(".ics"):
                need(part.get_param("method") == "REQUEST", m["file"] + ": no method=REQUEST")
            if (OUT / fn).exists() and "/campaign" not in m["file"]:
                need(payload == (OUT / fn).read_bytes(), "%s: %s differs" % (m["file"], fn))
            if "/campaign" in m["file"]:
                campaign_pdf_text[m["file"]] = _pdftotext(payload)
                need(_renders(payload), m["file"] + ": attachment does not render")
        need(names == m["attachments"], m["file"] + ": attachments %r" % names)
    need(len(ids) == len(manifest["mails"]), "Message-IDs are not unique")

    camp = manifest["campaign"]
    for f in camp["mails"]:
        for ph in camp["motion_phrases"]:
            need(ph in campaign_pdf_text[f], "%s: motion phrase %r missing" % (f, ph))
    for det in camp["details"]:
        t = campaign_pdf_text[det["file"]]
        v = det["votes"]
        need("Votants : %(votants)d — Pour : %(pour)d — Contre : %(contre)d — Abstentions : "
             "%(abstentions)d" % v in t, det["file"] + ": vote line")
    for f in camp["controls"]:
        for ph in camp["motion_phrases"]:
            need(ph.casefold() not in campaign_pdf_text[f].casefold(),
                 "%s: control has motion phrase %r" % (f, ph))

    # Uniqueness of every phrase
    def owners(ph):
        p = ph.casefold()
        found = [k for k, t in texts.items() if p in t.casefold()]
        found += ["note:" + k for k, t in notes.items() if p in t.casefold()]
        found += ["pdf:" + k for k, t in campaign_pdf_text.items() if p in t.casefold()]
        return found

    for e in manifest["files"]:
        allowed = {e["file"], *e.get("same_text_as", [])}
        groups = [(e["phrases"], allowed)]
        for a in e.get("attachments", []):
            groups = [(e["phrases"], {e["file"]}),
                      (a["phrases"], {e["file"] + "/" + a["name"]})]
        for phrases, ok in groups:
            for ph in phrases:
                extra = [o for o in owners(ph) if o not in ok]
                need(not extra, "%s: phrase %r also in %s" % (e["file"], ph, extra))
    for ph in camp["motion_phrases"]:
        extra = [o for o in owners(ph) if not (o.startswith("pdf:") and o[4:] in camp["mails"])]
        need(not extra, "motion phrase %r also in %s" % (ph, extra))

    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    need(total < 6 * 1024 * 1024, "folder is %d bytes" % total)
    if problems:
        print("\n".join("FAIL " + p for p in problems))
        raise SystemExit(1)
    print("check: %d files, %d mails, %d bytes in all: OK"
          % (len(manifest["files"]), len(manifest["mails"]), total))


if __name__ == "__main__":
    main()
    if "--check" in sys.argv[1:]:
        check()
