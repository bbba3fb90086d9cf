#!/usr/bin/env python3
"""Generate the synthetic French office mailbox used as Permanence test fixtures.

Writes ``fixtures/mail/office/NNN-slug.eml`` and ``fixtures/mail/office/SOURCE.md``.

* Python 3.11, standard library only.
* Deterministic: no randomness, no clock, no network. Running it twice gives
  byte-identical files.
* Messages are assembled by hand as bytes (not with the ``email`` generator) so
  that charsets, transfer encodings, line endings and the deliberately broken
  cases come out exactly as written.

All people, messages and most addresses are invented. The office itself uses
the ``senateur-exemple.fr`` domain. Phone numbers use ranges reserved for
fiction (04 65 71 xx xx, 06 39 98 xx xx, +44 20 7946 0xxx) and IP addresses
are documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24).

Usage::

    python3 scripts/make_office_fixtures.py
"""
from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import io
import quopri
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "mail" / "office"

OFFICE = "permanence@senateur-exemple.fr"
MX = "mx1.senateur-exemple.fr"

MESSAGES: list[tuple[str, str, list[str], bytes]] = []


def add(num: int, slug: str, data: bytes, covers: list[str], eol: str = "crlf") -> None:
    """Register one message. ``data`` is written with LF; converted here."""
    assert isinstance(data, bytes)
    assert eol in ("crlf", "lf")
    data = data.replace(b"\r\n", b"\n")
    if eol == "crlf":
        data = data.replace(b"\n", b"\r\n")
    MESSAGES.append((f"{num:03d}-{slug}.eml", eol, covers, data))


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------
_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _last_sunday(y: int, m: int) -> _dt.date:
    d = _dt.date(y, m, 31)
    while d.weekday() != 6:
        d -= _dt.timedelta(days=1)
    return d


def paris_off(y: int, m: int, d: int) -> int:
    day = _dt.date(y, m, d)
    return 120 if _last_sunday(y, 3) <= day < _last_sunday(y, 10) else 60


def D(y, m, d, H, Mi, S=0, off=None) -> _dt.datetime:
    """Aware datetime; default offset is Paris local time (CET/CEST)."""
    if off is None:
        off = paris_off(y, m, d)
    return _dt.datetime(y, m, d, H, Mi, S,
                        tzinfo=_dt.timezone(_dt.timedelta(minutes=off)))


def to_paris(t: _dt.datetime) -> _dt.datetime:
    u = t.astimezone(_dt.timezone.utc)
    off = paris_off(u.year, u.month, u.day)
    return u.astimezone(_dt.timezone(_dt.timedelta(minutes=off)))


def fmt(t: _dt.datetime, comment: str | None = None, pad: bool = False) -> str:
    off = int(t.utcoffset().total_seconds() // 60)
    sign = "+" if off >= 0 else "-"
    off = abs(off)
    day = f"{t.day:02d}" if pad else f"{t.day}"
    s = (f"{_DAYS[t.weekday()]}, {day} {_MONTHS[t.month - 1]} {t.year} "
         f"{t:%H:%M:%S} {sign}{off // 60:02d}{off % 60:02d}")
    if comment:
        s += f" ({comment})"
    return s


def qid(n: int) -> str:
    """Postfix-looking queue id, deterministic."""
    return hashlib.sha1(f"permanence-{n}".encode()).hexdigest()[:10].upper()


def rcv(t, helo, ip, n, rcpt=OFFICE, delay=2, via="ESMTPS") -> str:
    r = to_paris(t + _dt.timedelta(seconds=delay))
    tz = "CEST" if r.utcoffset() == _dt.timedelta(hours=2) else "CET"
    return (f"Received: from {helo} ({helo} [{ip}])\n"
            f"\tby {MX} (Postfix) with {via} id {qid(n)}\n"
            f"\tfor <{rcpt}>; {fmt(r, tz)}")


def inbound(t, helo, ip, n, return_path, rcpt=OFFICE, auth="pass",
            extra: str | None = None) -> str:
    dom = return_path.split("@")[-1] if return_path else helo.split(".", 1)[-1]
    lines = [f"Return-Path: <{return_path}>", f"Delivered-To: {rcpt}",
             rcv(t, helo, ip, n, rcpt=rcpt)]
    if extra:
        lines.append(extra)
    lines.append(f"Authentication-Results: {MX};\n"
                 f"\tspf={auth} smtp.mailfrom={dom};\n"
                 f"\tdkim={'pass' if auth == 'pass' else 'none'} header.d={dom}")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Encoders
# --------------------------------------------------------------------------
_CODECS = {"utf-8": "utf-8", "iso-8859-1": "latin-1", "iso-8859-15": "iso8859_15",
           "windows-1252": "cp1252", "us-ascii": "ascii"}
_ALNUM = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_Q_PHRASE_SAFE = set(_ALNUM + b"!*+-/")
_Q_TEXT_SAFE = set(range(0x21, 0x7F)) - set(b"=?_")


def _q(raw: bytes, phrase: bool) -> str:
    safe = _Q_PHRASE_SAFE if phrase else _Q_TEXT_SAFE
    out = []
    for b in raw:
        if b == 0x20:
            out.append("_")
        elif b in safe:
            out.append(chr(b))
        else:
            out.append(f"={b:02X}")
    return "".join(out)


def ew(text: str, charset: str = "UTF-8", enc: str = "Q", phrase: bool = False,
       limit: int = 68) -> str:
    """RFC 2047 encoded word(s); long texts are split at character boundaries
    into several words on folded lines."""
    codec = _CODECS[charset.lower()]
    prefix, suffix = f"=?{charset}?{enc}?", "?="

    def encode(s: str) -> str:
        raw = s.encode(codec)
        return _q(raw, phrase) if enc == "Q" else base64.b64encode(raw).decode()

    words, cur = [], ""
    for ch in text:
        cand = cur + ch
        if cur and len(prefix) + len(encode(cand)) + len(suffix) > limit:
            # Prefer to break after a space (keeps words whole; some decoders,
            # e.g. CPython's address parser, add a space between words).
            cut = cur.rfind(" ") + 1
            if cut <= 0:
                cut = len(cur)
            words.append(prefix + encode(cur[:cut]) + suffix)
            cur = cur[cut:] + ch
        else:
            cur = cand
    if cur:
        words.append(prefix + encode(cur) + suffix)
    return "\n ".join(words)


def addr(name: str, email: str, charset="UTF-8", enc="Q") -> str:
    try:
        name.encode("ascii")
        if any(c in name for c in ",.;:()<>@\"'"):
            return f'"{name}" <{email}>'
        return f"{name} <{email}>"
    except UnicodeEncodeError:
        return f"{ew(name, charset, enc, phrase=True)} <{email}>"


def qp(text: str, codec: str) -> bytes:
    return quopri.encodestring(text.encode(codec))


def b64(data: bytes) -> bytes:
    return base64.encodebytes(data)


def wrap(text: str, width: int = 72) -> str:
    out = []
    for line in text.split("\n"):
        if len(line) <= width or line.startswith(">"):
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width=width, break_long_words=False,
                                     break_on_hyphens=False))
    return "\n".join(out)


def flow(text: str, width: int = 72) -> str:
    """format=flowed (RFC 3676): soft line breaks end with a space."""
    out = []
    for p in text.rstrip("\n").split("\n"):
        if len(p) <= width:
            out.append(p)
            continue
        ws = textwrap.wrap(p, width, break_long_words=False, break_on_hyphens=False)
        out.extend(w + " " for w in ws[:-1])
        out.append(ws[-1])
    return "\n".join(out) + "\n"


def quote(text: str) -> str:
    return "\n".join(("> " + l) if l else ">" for l in text.rstrip("\n").split("\n")) + "\n"


def T(s: str) -> str:
    """Strip the leading newline of a triple-quoted block."""
    return s[1:] if s.startswith("\n") else s


def H(*items) -> str:
    """Header block. Items are (name, value) tuples (skipped if value is None)
    or raw strings (may contain folded lines). Returns text ending with LF."""
    lines = []
    for it in items:
        if it is None:
            continue
        if isinstance(it, tuple):
            name, val = it
            if val is None:
                continue
            lines.append(f"{name}: {val}")
        else:
            lines.append(it)
    text = "\n".join(lines) + "\n"
    text.encode("ascii")  # headers built here must be pure ASCII
    return text


def msg(headers: str | bytes, body: bytes) -> bytes:
    hb = headers.encode("ascii") if isinstance(headers, str) else headers
    if not body.endswith(b"\n"):
        body += b"\n"
    return hb + b"\n" + body


def part(headers: str, body: bytes) -> bytes:
    if not body.endswith(b"\n"):
        body += b"\n"
    return headers.encode("ascii") + b"\n" + body


def multipart(boundary: str, parts: list[bytes],
              preamble: str | None = "This is a multi-part message in MIME format.") -> bytes:
    bnd = boundary.encode("ascii")
    out = (preamble.encode("ascii") + b"\n\n") if preamble else b""
    for p in parts:
        out += b"--" + bnd + b"\n" + p
        if not p.endswith(b"\n"):
            out += b"\n"
    out += b"--" + bnd + b"--\n"
    return out


# --------------------------------------------------------------------------
# Tiny binary attachments
# --------------------------------------------------------------------------
def make_pdf(lines: list[str]) -> bytes:
    """Minimal one-page PDF with correct xref offsets (WinAnsi text)."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = ("BT /F1 11 Tf 72 780 Td 15 TL\n"
               + "".join(f"({esc(l)}) Tj T*\n" for l in lines) + "ET")
    cb = content.encode("cp1252")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(cb) + cb + b"\nendstream",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objs) + 1)
    out += b"0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    return out


def make_jpeg(comment: str) -> bytes:
    """A valid 8x8 mid-grey baseline JPEG built by hand (one DC, one EOB)."""
    def seg(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload

    out = b"\xff\xd8"
    out += seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00")
    out += seg(0xFE, comment.encode("ascii"))
    out += seg(0xDB, b"\x00" + b"\x01" * 64)                      # DQT
    out += seg(0xC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00")      # SOF0 8x8 grey
    one_code = b"\x01" + b"\x00" * 15 + b"\x00"                    # 1 code of len 1
    out += seg(0xC4, b"\x00" + one_code)                           # DHT DC0
    out += seg(0xC4, b"\x10" + one_code)                           # DHT AC0 (EOB)
    out += seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")                  # SOS
    out += b"\x3f"                                                 # DC=0, EOB, pad
    out += b"\xff\xd9"
    return out


def make_docx(paragraphs: list[str]) -> bytes:
    """Tiny but real .docx (stored zip, fixed timestamps)."""
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"
                   for p in paragraphs)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f'<w:body>{body}</w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, data in (("[Content_Types].xml", ct), ("_rels/.rels", rels),
                           ("word/document.xml", doc)):
            zi = zipfile.ZipInfo(name, date_time=(2024, 11, 22, 9, 30, 0))
            zi.create_system = 0
            zi.external_attr = 0
            zi.compress_type = zipfile.ZIP_STORED
            z.writestr(zi, data.encode("utf-8"))
    return buf.getvalue()


# --------------------------------------------------------------------------
# Shared text
# --------------------------------------------------------------------------
OFFICE_DN = "Permanence de la sénatrice H. Marchal"
OFFICE_FROM = addr(OFFICE_DN, OFFICE)

SIG_REYNAUD = T("""
-- 
Thomas Reynaud
Attaché parlementaire
Permanence de Mme Hélène Marchal, sénatrice de l'Isère
14, boulevard Gambetta – 38000 Grenoble
Tél. 04 65 71 20 14
""")

SIG_BENALI = T("""
-- 
Nadia Benali
Collaboratrice parlementaire
Permanence de Mme Hélène Marchal, sénatrice de l'Isère
14, boulevard Gambetta – 38000 Grenoble
Tél. 04 65 71 20 15
""")


# ==========================================================================
# Thread 1: Vif, DETR, école Jean-Moulin  (001 -> 002 -> 003 -> 004, 030, 036)
# ==========================================================================
S_VIF = "Demande de soutien – dossier DETR 2025 école Jean-Moulin"
M001 = "<a3f1c2d4-6b7e-4f21-9c0d-5e8a7b1c2d3e@mairie-vif.fr>"
M002 = "<e1b94f0c2a7d4c3b8f1e6a5d9c0b7e21@senateur-exemple.fr>"
M003 = "<PAXP193MB20716C1B3E4D5F60718293A4B5C6D7E8F@PAXP193MB2071.EURP193.PROD.OUTLOOK.COM>"

B001 = T("""
Madame la Sénatrice,

Par la présente, je me permets de solliciter votre soutien pour le dossier de demande de subvention au titre de la dotation d'équipement des territoires ruraux (DETR) 2025 que la commune de Vif a déposé auprès des services de la préfecture le 28 février dernier.

Ce projet porte sur la rénovation thermique et la mise en accessibilité de l'école élémentaire Jean-Moulin : remplacement des menuiseries, isolation des combles, création d'un ascenseur et mise aux normes des sanitaires. Le coût total est estimé à 1 240 000 € HT. Nous sollicitons une aide DETR à hauteur de 35 %, soit 434 000 €.

Le conseil municipal a approuvé le plan de financement par délibération du 17 février 2025. Les écoles de la commune accueillent aujourd'hui plus de 700 élèves et ce bâtiment, construit en 1972, n'est plus adapté ni au confort des enfants ni aux exigences énergétiques actuelles.

Je tiens à votre disposition l'ensemble des pièces du dossier.

Je vous remercie par avance de l'attention que vous porterez à cette demande et vous prie d'agréer, Madame la Sénatrice, l'expression de ma haute considération.

Jean-Marc DUFRESNE
Maire de Vif
Mairie de Vif – 1, place de la Mairie – 38450 VIF
""")


def m001():
    t = D(2025, 3, 12, 10, 14, 23)
    h = H(
        inbound(t, "smtp.mairie-vif.fr", "198.51.100.23", 1, "maire@mairie-vif.fr",
                extra=("Received: from [192.168.10.42] (unknown [198.51.100.77])\n"
                       "\tby smtp.mairie-vif.fr (Postfix) with ESMTPSA id 9C2B4A01F3\n"
                       f"\tfor <{OFFICE}>; {fmt(t, 'CET')}")),
        ("Message-ID", M001),
        ("Date", fmt(t)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "fr"),
        ("To", addr("Permanence H. Marchal", OFFICE)),
        ("From", "Jean-Marc Dufresne <maire@mairie-vif.fr>"),
        ("Subject", ew(S_VIF)),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    )
    add(1, "maire-vif-detr", msg(h, wrap(B001).encode("utf-8")),
        ["text/plain UTF-8 8bit", "RFC 2047 =?UTF-8?Q? subject (folded)",
         "thread root (DETR Vif)", "signature 'Maire de Vif' + 38450 VIF",
         "search: école, écoles, subvention"])


B002_MAIN = T("""
Monsieur le Maire,

Nous accusons bonne réception de votre courriel et vous en remercions.

Mme Marchal a bien pris connaissance de votre demande. Elle a saisi M. le Préfet de l'Isère afin d'appuyer le dossier DETR déposé par la commune de Vif pour la rénovation de l'école élémentaire Jean-Moulin. Nous ne manquerons pas de vous tenir informé des suites qui y seront données.

Afin de compléter notre dossier, pourriez-vous nous transmettre une copie de la délibération du 17 février ainsi que le plan de financement prévisionnel ?

Bien cordialement,
""")


def m002():
    t = D(2025, 3, 14, 16, 2, 11)
    body = (B002_MAIN + "\n" + SIG_REYNAUD + "\n"
            + "Le 12 mars 2025 à 10:14, Jean-Marc Dufresne <maire@mairie-vif.fr> a écrit :\n"
            + quote(wrap(B001)))
    h = H(
        f"Return-Path: <{OFFICE}>",
        f"Delivered-To: {OFFICE}",
        ("Received", "from webmail.senateur-exemple.fr (localhost [127.0.0.1])\n"
                     f"\tby {MX} (Postfix) with ESMTPSA id {qid(2)};\n"
                     f"\t{fmt(t, 'CET')}"),
        ("MIME-Version", "1.0"),
        ("Date", fmt(t)),
        ("From", OFFICE_FROM),
        ("To", "Jean-Marc Dufresne <maire@mairie-vif.fr>"),
        ("Subject", ew("RE: " + S_VIF)),
        ("In-Reply-To", M001),
        ("References", M001),
        ("Message-ID", M002),
        ("X-Sender", OFFICE),
        ("User-Agent", "Roundcube Webmail/1.6.9"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    )
    add(2, "permanence-re-vif-detr", msg(h, qp(body, "utf-8")),
        ["text/plain UTF-8 quoted-printable", "reply sent by the office (From office address)",
         "In-Reply-To/References", "'RE:' prefix",
         "'Le 12 mars 2025 à 10:14, … a écrit :' + '> ' quoted lines"])


B003_MAIN = T("""
Monsieur Reynaud,

Merci pour votre retour rapide et pour l’appui de Mme la Sénatrice.

Comme convenu, voici les éléments demandés :
– délibération n° 2025-014 du 17 février 2025 : je vous l’adresse par courrier, notre scanner est en panne depuis jeudi…
– plan de financement prévisionnel : DETR 434 000 € (35 %), Département de l’Isère 310 000 € (25 %), autofinancement 496 000 € (40 %).

Nous mettons tout en œuvre pour que les travaux démarrent à l’été 2026, pendant les vacances scolaires, afin de ne pas perturber le fonctionnement de l’école.

Bien à vous,

Jean-Marc Dufresne
Maire de Vif
Mairie de Vif – 1, place de la Mairie – 38450 VIF
""")


def outlook_block(frm, sent, to, subject, nbsp=False, cc=None):
    sp = "\u00a0" if nbsp else " "
    lines = [f"De{sp}: {frm}", f"Envoyé{sp}: {sent}", f"À{sp}: {to}"]
    if cc:
        lines.append(f"Cc{sp}: {cc}")
    lines.append(f"Objet{sp}: {subject}")
    return "\n".join(lines) + "\n"


def m003():
    t = D(2025, 3, 17, 8, 47, 55, off=0)
    body = (B003_MAIN + "\n"
            + outlook_block(f"{OFFICE_DN} <{OFFICE}>", "vendredi 14 mars 2025 16:02",
                            "Dufresne Jean-Marc <maire@mairie-vif.fr>", "RE: " + S_VIF)
            + "\n" + B002_MAIN + "\n" + SIG_REYNAUD.replace("-- \n", ""))
    h = H(
        inbound(t, "mail-am6eur05on2071.outbound.protection.outlook.com", "203.0.113.71", 3,
                "maire@mairie-vif.fr"),
        ("From", addr("Dufresne Jean-Marc", "maire@mairie-vif.fr")),
        ("To", f"{ew(OFFICE_DN, 'windows-1252', 'Q', phrase=True)}\n <{OFFICE}>"),
        ("Subject", ew("RE: RE: " + S_VIF, "windows-1252", "Q")),
        ("Thread-Topic", ew("RE: " + S_VIF, "windows-1252", "Q")),
        ("Thread-Index", "AQHbkzKxq0c7l2kPjU6r8mVvZ3yNqbN1aBcD"),
        ("Date", fmt(t)),
        ("Message-ID", M003),
        ("References", f"{M001}\n {M002}"),
        ("In-Reply-To", M002),
        ("Accept-Language", "fr-FR, en-US"),
        ("Content-Language", "fr-FR"),
        "X-MS-Has-Attach:",
        "X-MS-TNEF-Correlator:",
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Content-Type", "text/plain; charset=\"Windows-1252\""),
        ("Content-Transfer-Encoding", "8bit"),
        ("MIME-Version", "1.0"),
    )
    add(3, "vif-re-re-detr-cp1252", msg(h, body.encode("cp1252")),
        ["windows-1252 8bit body (’ 0x92, œ 0x9C, € 0x80, … 0x85, – 0x96)",
         "RFC 2047 =?windows-1252?Q? subject and display name",
         "Outlook FR quoted header block 'De : / Envoyé : / À : / Objet :'",
         "'RE: RE:' subject", "References with two ids (folded)"])


def m004():
    t = D(2025, 6, 3, 11, 20, 40)
    b = T("""
Bonjour Monsieur Reynaud,

À la demande de M. le Maire, je vous transfère nos échanges du mois de mars concernant le dossier DETR de l'école Jean-Moulin.

La commission départementale des élus pour la DETR s'est réunie le 22 mai dernier mais la commune n'a toujours reçu aucune notification de la préfecture. Or nous devons lancer la consultation des entreprises avant le 30 juin pour tenir le calendrier des travaux.

Auriez-vous des informations sur l'avancement du dossier ?

Cordialement,

Martine CHOLAT
Directrice générale des services
Mairie de Vif
38450 VIF
Tél. 04 65 71 45 02

""")
    body = (b
            + outlook_block("Dufresne Jean-Marc <maire@mairie-vif.fr>", "lundi 17 mars 2025 09:47",
                            f"{OFFICE_DN} <{OFFICE}>", "RE: RE: " + S_VIF, nbsp=True)
            + "\n" + B003_MAIN + "\n"
            + outlook_block(f"{OFFICE_DN} <{OFFICE}>", "vendredi 14 mars 2025 16:02",
                            "Dufresne Jean-Marc <maire@mairie-vif.fr>", "RE: " + S_VIF, nbsp=True)
            + "\n" + B002_MAIN + "\n" + SIG_REYNAUD.replace("-- \n", "") + "\n"
            + outlook_block("Jean-Marc Dufresne <maire@mairie-vif.fr>", "mercredi 12 mars 2025 10:14",
                            OFFICE, S_VIF, nbsp=True)
            + "\n" + B001)
    h = H(
        inbound(t, "mail-am6eur05on2072.outbound.protection.outlook.com", "203.0.113.72", 4,
                "dgs@mairie-vif.fr"),
        ("From", "CHOLAT Martine <dgs@mairie-vif.fr>"),
        ("To", OFFICE),
        ("Subject", ew("TR: RE: RE: " + S_VIF, "UTF-8", "B")),
        ("Thread-Index", "AdvUXk0aF3b2c9QkR0mH1p6y8eQwZg=="),
        ("Date", fmt(t)),
        ("Message-ID", "<PAXP193MB2071D0E1F2A3B4C5D6E7F8091A2B3C4D@PAXP193MB2071.EURP193.PROD.OUTLOOK.COM>"),
        ("Accept-Language", "fr-FR"),
        ("Content-Language", "fr-FR"),
        "X-MS-Has-Attach:",
        ("Content-Type", "text/plain; charset=\"utf-8\""),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("MIME-Version", "1.0"),
    )
    add(4, "dgs-vif-tr-sans-references", msg(h, qp(body, "utf-8")),
        ["Outlook forward 'TR: RE: RE:' with NO In-Reply-To/References (thread headers lost)",
         "three nested Outlook FR header blocks using NBSP before ':'",
         "RFC 2047 =?UTF-8?B? subject split over folded lines", "UTF-8 QP",
         "search: élus, école"])


# ==========================================================================
# Thread 2: Meylan, fermeture de classe (005 -> 006 -> 007, bounce 027)
# ==========================================================================
S_MEY = "Fermeture d'une classe à l'école des Béalières"
M005 = "<000a01db7665$3e2f1c80$ba8d5580$@ville-meylan.fr>"
M006 = "<7c2d0f9e41ab4e5f9d3a2b1c0e8f7a64@senateur-exemple.fr>"
B005 = T("""
Madame la Sénatrice,

Je me permets de vous alerter, au nom de la municipalité de Meylan, sur le projet de carte scolaire pour la rentrée 2025 présenté la semaine dernière par la direction académique de l'Isère.

Ce projet prévoit la fermeture d'une classe à l'école élémentaire des Béalières, alors que les effectifs prévisionnels (142 élèves pour 6 classes) restent stables et que deux programmes de logements seront livrés dans le quartier d'ici la rentrée 2026.

Une fermeture porterait la moyenne à plus de 28 élèves par classe, avec la création de cours doubles. Les parents d'élèves, l'équipe enseignante et les élus sont très inquiets. Nos écoles ont déjà subi deux fermetures de classe depuis 2022.

Nous sollicitons votre appui auprès de Madame la Directrice académique afin que cette mesure soit réexaminée avant le comité social d'administration du 13 février.

Je reste à votre disposition pour tout complément d'information.

Avec mes respectueuses salutations,

Cécile Garnier
Adjointe au maire de Meylan, chargée des écoles et de la petite enfance
Hôtel de ville - 38240 MEYLAN
""")


def m005():
    t = D(2025, 2, 3, 17, 35, 2)
    h = H(
        inbound(t, "mx.ville-meylan.fr", "198.51.100.40", 5, "c.garnier@ville-meylan.fr"),
        ("From", f"{ew('Cécile Garnier', 'ISO-8859-1', 'B', phrase=True)} <c.garnier@ville-meylan.fr>"),
        ("To", addr("Mme Hélène Marchal", OFFICE, "ISO-8859-1", "Q")),
        ("Subject", ew(S_MEY, "ISO-8859-1", "Q")),
        ("Date", fmt(t)),
        ("Message-ID", M005),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain;\n\tcharset=\"iso-8859-1\""),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AdtmZT4bPzLz7x6VSaqYw0YkBv2Xqg=="),
        ("Content-Language", "fr"),
    )
    add(5, "meylan-fermeture-classe", msg(h, qp(B005, "latin-1")),
        ["ISO-8859-1 quoted-printable body", "RFC 2047 =?ISO-8859-1?B? display name",
         "RFC 2047 =?ISO-8859-1?Q? subject", "thread root (Meylan)",
         "signature 'Adjointe au maire de Meylan, chargée des écoles'", "search: école, écoles"])


def m006():
    t = D(2025, 2, 5, 11, 2, 14)
    b = T("""
Madame l'Adjointe,

Mme la Sénatrice vous remercie pour votre message. Elle partage pleinement votre inquiétude concernant la fermeture envisagée à l'école des Béalières.

Elle a écrit ce jour à Mme la Directrice académique des services de l'Éducation nationale de l'Isère pour lui demander de reconsidérer cette mesure au regard des livraisons de logements prévues dans le quartier. À sa demande, nous mettons en copie la directrice de l'école.

Nous vous tiendrons informée de la réponse.

Bien cordialement,

""")
    body = (b + SIG_BENALI + "\n"
            + "Le 3 févr. 2025 à 17:35, Cécile Garnier <c.garnier@ville-meylan.fr> a écrit :\n"
            + quote(wrap(B005)))
    h = H(
        f"Return-Path: <{OFFICE}>",
        f"Delivered-To: {OFFICE}",
        ("Received", "from webmail.senateur-exemple.fr (localhost [127.0.0.1])\n"
                     f"\tby {MX} (Postfix) with ESMTPSA id {qid(6)};\n"
                     f"\t{fmt(t, 'CET')}"),
        ("MIME-Version", "1.0"),
        ("Date", fmt(t)),
        ("From", OFFICE_FROM),
        ("To", addr("Cécile Garnier", "c.garnier@ville-meylan.fr")),
        ("Cc", f"{ew('Direction école des Béalières', phrase=True)}\n <ce.0380999z@ac-grenobel.fr>"),
        ("Subject", ew("RE: " + S_MEY)),
        ("In-Reply-To", M005),
        ("References", M005),
        ("Message-ID", M006),
        ("User-Agent", "Roundcube Webmail/1.6.9"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    )
    add(6, "permanence-re-meylan", msg(h, wrap(body).encode("utf-8")),
        ["reply sent by the office (From office address)", "UTF-8 8bit",
         "Cc to a mistyped domain (bounced, see 027)", "'Le 3 févr. 2025 à 17:35, … a écrit :' quoting",
         "In-Reply-To/References"])
    return h


def m007():
    t = D(2025, 3, 21, 9, 5, 40)
    b = T("""
Madame, Monsieur,

Suite à votre intervention, je vous informe que la direction académique a finalement décidé de placer la classe de l'école des Béalières "sous surveillance" plutôt que de la fermer : la décision définitive sera prise à la rentrée, après comptage des effectifs.

C'est une première victoire pour les familles. Merci à Madame la Sénatrice pour son soutien.

Nous restons mobilisés et ne manquerons pas de vous tenir informés.

Cordialement,

Cécile Garnier
Adjointe au maire de Meylan, chargée des écoles
""")
    h = H(
        inbound(t, "mx.ville-meylan.fr", "198.51.100.40", 7, "c.garnier@ville-meylan.fr"),
        ("From", addr("Cécile Garnier", "c.garnier@ville-meylan.fr", "ISO-8859-1", "Q")),
        ("To", OFFICE),
        ("Subject", ew("Réf : votre courriel du 5 février - carte scolaire de Meylan",
                       "ISO-8859-1", "Q")),
        ("Date", fmt(t)),
        ("Message-ID", "<001b01db9a2c$5d6e7f80$18a97e80$@ville-meylan.fr>"),
        ("In-Reply-To", M006),
        ("References", f"{M005}\n {M006}"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=ISO-8859-1"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    )
    add(7, "meylan-ref-carte-scolaire", msg(h, wrap(b).encode("latin-1")),
        ["'Réf :' subject prefix", "ISO-8859-1 8bit body", "RFC 2047 =?ISO-8859-1?Q? subject/name",
         "In-Reply-To an office message"])


# ==========================================================================
# Quincieu: fibre / zones blanches (008, 009)
# ==========================================================================
M009_OFFICE = "<3d9a0b7e5c1f4e2a8b6d4c0f1e2a3b4c@senateur-exemple.fr>"


def m008():
    t = D(2024, 10, 10, 14, 5, 31)
    b = T("""
Madame la Sénatrice,

Monsieur le Maire m'a chargée de vous faire part des difficultés rencontrées par les habitants de notre commune en matière de téléphonie mobile et d'accès à internet.

Les hameaux du Mollard et de la Combe sont toujours en zone blanche : aucun opérateur ne capte à l'intérieur des habitations, et il faut monter sur la place de l'église pour pouvoir téléphoner. En cas d'urgence, c'est un vrai problème, notamment pour nos aînés.

Par ailleurs, le raccordement à la fibre, annoncé pour fin 2023, n'est toujours pas réalisé pour 37 foyers. L'opérateur nous indique désormais un surcoût de 4 800 € par foyer pour les maisons isolées (raccordements dits "complexes"), dont une partie serait à la charge de la commune. Pour une commune de moins de 500 habitants, avec un budget de fonctionnement d'environ 310 000 €, c'est tout simplement impossible.

Plusieurs habitants en télétravail et un artisan menuisier ont dû louer un bureau à Tullins. Les élus mettent tout en œuvre pour maintenir la vie dans nos hameaux, mais sans réseau, les jeunes ménages ne s'installent plus.

Pourriez-vous intervenir auprès du Département et des opérateurs afin que ces hameaux ne soient pas oubliés ?

Vous remerciant par avance de votre aide, je vous prie d'agréer, Madame la Sénatrice, l'expression de nos salutations distinguées.

Pour le maire, la secrétaire de mairie,
Sandrine Bouvier

Mairie de Quincieu
Place de la Mairie
38470 QUINCIEU
Tél. 04 65 71 38 47
Secrétariat ouvert le mardi et le jeudi de 14 h à 18 h
""")
    h = H(
        inbound(t, "smtp-13.smtpout.orange.fr", "203.0.113.13", 8, "mairie.quincieu@wanadoo.fr"),
        ("Message-ID", "<5f0c3e2a-9b1d-4c7e-8a6f-2d4b1e0c9a37@wanadoo.fr>"),
        ("Date", fmt(t)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:102.0) Gecko/20100101\n"
                       " Thunderbird/102.15.1"),
        ("Content-Language", "fr"),
        ("To", OFFICE),
        ("From", "Mairie de Quincieu <mairie.quincieu@wanadoo.fr>"),
        ("Subject", ew("Zones blanches et raccordement à la fibre - Quincieu", "ISO-8859-15", "Q")),
        ("Content-Type", "text/plain; charset=ISO-8859-15"),
        ("Content-Transfer-Encoding", "8bit"),
    )
    add(8, "quincieu-fibre-zones-blanches", msg(h, wrap(b).encode("iso8859_15")),
        ["ISO-8859-15 8bit body (€ = 0xA4, œ = 0xBD)", "RFC 2047 =?ISO-8859-15?Q? subject",
         "'Pour le maire, la secrétaire de mairie' + 38470 QUINCIEU", "wanadoo.fr sender"])


def m009():
    t = D(2024, 11, 5, 9, 12, 44, off=0)
    b = T("""
Monsieur Reynaud,

Suite à notre échange téléphonique de vendredi, je vous confirme que les 37 prises restant à raccorder sur la commune de Quincieu (hameaux du Mollard et de la Combe) ont été intégrées au programme de raccordements complexes du premier semestre 2025.

Aucun surcoût ne sera facturé à la commune ni aux habitants : les travaux de génie civil seront pris en charge dans le cadre de la délégation de service public.

Je reste à votre disposition et ne manquerai pas d'informer la mairie du calendrier précis dès qu'il sera arrêté.

Cordialement,

Lucas Mercier
Responsable relations collectivités – Isère Nord et Sud-Grésivaudan
Isère Fibre Réseau
06 39 98 41 27

From: Thomas Reynaud <t.reynaud@senateur-exemple.fr>
Sent: Wednesday, October 23, 2024 6:41 PM
To: Lucas Mercier <l.mercier@isere-fibre-reseau.fr>
Cc: Mairie de Quincieu <mairie.quincieu@wanadoo.fr>
Subject: Raccordement fibre des hameaux de Quincieu

Monsieur,

Mme Hélène Marchal, sénatrice de l'Isère, a été saisie par la commune de Quincieu (38470) au sujet du raccordement à la fibre des hameaux du Mollard et de la Combe, toujours en attente pour 37 foyers.

La commune nous indique qu'un surcoût de 4 800 € par foyer lui aurait été annoncé pour ces raccordements. Pourriez-vous nous préciser le calendrier prévu et les modalités de prise en charge de ces travaux ?

Je vous remercie par avance de votre retour.

Bien cordialement,

Thomas Reynaud
Attaché parlementaire
Permanence de Mme Hélène Marchal, sénatrice de l'Isère
""")
    h = H(
        inbound(t, "mail-db8eur05on2110.outbound.protection.outlook.com", "203.0.113.110", 9,
                "l.mercier@isere-fibre-reseau.fr"),
        ("From", "Lucas Mercier <l.mercier@isere-fibre-reseau.fr>"),
        ("To", "Thomas Reynaud <t.reynaud@senateur-exemple.fr>"),
        ("CC", "Mairie de Quincieu <mairie.quincieu@wanadoo.fr>,\n\t"
               f"{OFFICE_FROM}"),
        ("Subject", "RE: Raccordement fibre des hameaux de Quincieu"),
        ("Thread-Topic", "Raccordement fibre des hameaux de Quincieu"),
        ("Thread-Index", "AQHbJXb1cQ0kqH5u3UeW1mE2m3l9Jg=="),
        ("Date", fmt(t)),
        ("Message-ID", "<DB9PR02MB7321A4B5C6D7E8F90A1B2C3D4E5F6A7B@DB9PR02MB7321.eurprd02.prod.outlook.com>"),
        ("References", M009_OFFICE),
        ("In-Reply-To", M009_OFFICE),
        ("Accept-Language", "en-US, fr-FR"),
        ("Content-Language", "en-US"),
        "X-MS-Has-Attach:",
        ("Content-Type", "text/plain; charset=\"utf-8\""),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("MIME-Version", "1.0"),
    )
    add(9, "operateur-re-quincieu-fibre", msg(h, qp(b, "utf-8")),
        ["Outlook EN quoted header block 'From: / Sent: / To: / Cc: / Subject:' in a French mail",
         "UTF-8 QP", "In-Reply-To an office message not in the mailbox", "Cc containing the office"])


# ==========================================================================
# Mens: loup (010), désert médical (047); Trièves (050, 051)
# ==========================================================================
def m010():
    t = D(2024, 9, 16, 18, 22, 7)
    b = T("""
Madame la Sénatrice,

Je me fais le porte-parole des éleveurs de notre commune et du Trièves, durement touchés cet été par la prédation du loup.

Depuis le début du mois de juin, 14 attaques ont été constatées sur Mens et les communes voisines, pour un total de 63 brebis tuées ou disparues, et ce malgré les chiens de protection, les parcs électrifiés et le gardiennage renforcé. Deux exploitations envisagent d'arrêter l'élevage ovin à la fin de la saison.

Les tirs de défense autorisés par arrêté préfectoral restent très difficiles à mettre en place, faute de louvetiers disponibles, et les indemnisations arrivent avec plusieurs mois de retard.

Le conseil municipal a adopté le 9 septembre une motion demandant l'assouplissement des conditions de tir et une meilleure prise en compte de la détresse des éleveurs. Je vous la transmettrai par courrier.

Je souhaiterais vous rencontrer, avec une délégation d'éleveurs et un représentant de la chambre d'agriculture, lors de votre prochaine venue dans le Trièves.

Dans l'attente, je vous prie de croire, Madame la Sénatrice, à l'assurance de mes sentiments les meilleurs.

Le maire,
Pierre-Yves Achard

Mairie de Mens
38710 MENS
""")
    h = H(
        inbound(t, "smtp.mairie-mens.fr", "198.51.100.71", 10, "accueil@mairie-mens.fr"),
        ("Message-ID", "<000801db0853$a1b2c3d4$e5f60718$@mairie-mens.fr>"),
        ("From", "\"Mairie de Mens\" <accueil@mairie-mens.fr>"),
        ("To", "<permanence@senateur-exemple.fr>"),
        ("Subject", ew("Attaques de loup dans le Trièves - demande de rendez-vous",
                       "ISO-8859-1", "B")),
        ("Date", fmt(t, "CEST")),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain;\n\tcharset=\"iso-8859-1\""),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Priority", "3"),
        ("X-MSMail-Priority", "Normal"),
        ("X-Mailer", "Microsoft Outlook Express 6.00.2900.5512"),
        ("X-MimeOLE", "Produced By Microsoft MimeOLE V6.00.2900.5512"),
    )
    add(10, "mens-loup-eleveurs", msg(h, wrap(b, 76).encode("latin-1")),
        ["ISO-8859-1 8bit body", "RFC 2047 =?ISO-8859-1?B? subject", "Date with '(CEST)' comment",
         "topic: loup et éleveurs", "accueil@mairie-mens.fr, 38710 MENS"])


def m047():
    t = D(2025, 3, 27, 11, 51, 30)
    b = T("""
Madame la Sénatrice,

Je reviens vers vous au sujet de l'accès aux soins dans le Trièves. Notre dernier médecin généraliste en activité sur la commune prendra sa retraite le 30 juin prochain. Malgré nos annonces et la mise à disposition gratuite d'un cabinet et d'un logement, aucun successeur ne s'est manifesté.

Au 1er juillet, près de 2 300 habitants de Mens et des communes voisines n'auront plus de médecin à moins de 35 minutes de route, et davantage l'hiver quand le col est enneigé. La pharmacie risque à son tour de fermer.

Le projet de maison de santé pluriprofessionnelle porté par la communauté de communes du Trièves est prêt (infirmières, kinésithérapeutes et une orthophoniste sont partants), mais sans médecin il ne peut pas voir le jour. Nous sommes devenus un véritable désert médical.

Nous vous demandons d'appuyer notre demande auprès de l'ARS pour le classement en zone d'intervention prioritaire et l'affectation d'un docteur junior ou d'un médecin salarié du centre de santé départemental.

Le maire,
Pierre-Yves Achard

Mairie de Mens
38710 MENS
Tél. 04 65 71 38 71
""")
    h = H(
        inbound(t, "smtp.mairie-mens.fr", "198.51.100.71", 47, "accueil@mairie-mens.fr"),
        ("Message-ID", "<001201db9ef1$0c1d2e3f$24354657$@mairie-mens.fr>"),
        ("From", "\"Mairie de Mens\" <accueil@mairie-mens.fr>"),
        ("To", "<permanence@senateur-exemple.fr>"),
        ("Subject", ew("Départ du dernier médecin généraliste de Mens", "ISO-8859-1", "Q")),
        ("Date", fmt(t)),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain;\n\tcharset=\"iso-8859-1\""),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    )
    add(47, "mens-desert-medical", msg(h, qp(b, "latin-1")),
        ["ISO-8859-1 QP body", "RFC 2047 =?ISO-8859-1?Q? subject",
         "topic: désert médical / maison de santé"])


# ==========================================================================
# Citizens without charset labels (011, 012)
# ==========================================================================
def m011():
    t = D(2024, 6, 8, 21, 47, 12)
    b = T("""
Madame la Sénatrice,

Je me permets de vous écrire car je ne sais plus vers qui me tourner.

J'habite chemin des Vignes à Saint-Sauveur depuis 1987. Depuis 2019, on nous promet le raccordement de notre quartier au réseau d'assainissement collectif. Les travaux ont été reportés trois fois. En attendant, le SPANC nous impose la mise aux normes de notre fosse septique, pour un devis de 11 400 euros, alors que le raccordement doit se faire "dans les prochaines années".

Je suis retraité, ma femme et moi ne pouvons pas payer deux fois. Est-il normal de devoir refaire une installation qui sera abandonnée dans quelques années ? Existe-t-il des aides ?

J'ai écrit à la mairie et à la communauté de communes sans obtenir de réponse claire.

Je vous remercie de votre attention.

Bernard Faure
12 chemin des Vignes
38160 Saint-Sauveur
""")
    h = H(
        inbound(t, "smtp.free.fr", "203.0.113.212", 11, "b.faure38@free.fr"),
        ("Date", fmt(t)),
        ("From", "Bernard Faure <b.faure38@free.fr>"),
        ("To", OFFICE),
        ("Subject", "Assainissement collectif - Saint-Sauveur"),
        ("Message-ID", "<20240608214712.3f7c1a2b@pc-bernard>"),
        ("X-Mailer", "Claws Mail 3.7.6 (GTK+ 2.24.10; i486-pc-linux-gnu)"),
        ("Mime-Version", "1.0"),
        ("Content-Type", "text/plain"),
        ("Content-Transfer-Encoding", "8bit"),
    )
    add(11, "citoyen-assainissement-sans-charset", msg(h, wrap(b).encode("latin-1")),
        ["8-bit Latin-1 body with Content-Type: text/plain and NO charset parameter",
         "LF line endings", "search: assainissement"], eol="lf")


def m012():
    t = D(2025, 4, 22, 8, 3, 50)
    b = T("""
Bonjour Madame la Sénatrice,

Je suis présidente de l'association "Les Amis de l'Église de La Rivière". Le clocher de notre église, qui date du XIXe siècle, menace de s'effondrer : la mairie a dû fermer l'édifice au public en janvier après une chute de pierres.

Le devis de restauration s'élève à 380 000 euros HT. La commune, qui compte à peine 800 habitants, ne peut pas porter seule une telle dépense. Nous avons lancé une souscription avec la Fondation du patrimoine, mais il nous faudrait aussi une subvention de l'État (DRAC) et du Département.

Pourriez-vous nous conseiller sur les démarches, et éventuellement appuyer notre demande ?

Avec mes remerciements,

Monique Perrin
Les Amis de l'Église de La Rivière
38210 La Rivière
""")
    h = H(
        inbound(t, "smtp-21.smtpout.orange.fr", "203.0.113.21", 12, "monique.perrin@orange.fr"),
        ("Message-Id", "<6.2.5.6.2.20250422080350.01c3e8a0@orange.fr>"),
        ("X-Mailer", "QUALCOMM Windows Eudora Version 7.1.0.9"),
        ("Date", fmt(t)),
        ("To", OFFICE),
        ("From", "Monique Perrin <monique.perrin@orange.fr>"),
        ("Subject", "Clocher de l'eglise de La Riviere"),
    )
    add(12, "citoyenne-eglise-sans-content-type", msg(h, wrap(b).encode("latin-1")),
        ["NO MIME-Version and NO Content-Type header, 8-bit Latin-1 body",
         "search: l'Église (ASCII apostrophe), subvention"])


# ==========================================================================
# Invitations: HTML only (013), multipart/alternative (014)
# ==========================================================================
def m013():
    t = D(2025, 12, 15, 9, 30, 0)
    html = T("""
<!DOCTYPE html>
<html lang="fr">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Cérémonie des vœux 2026</title>
<style type="text/css">
  body { font-family: Arial, Helvetica, sans-serif; color: #1d1d1b; background: #f4f1ec; }
  .carte { width: 600px; margin: 0 auto; background: #ffffff; border-top: 6px solid #c8102e; padding: 20px; }
  h1 { font-size: 22px; color: #c8102e; text-align: center; }
  td.label { font-weight: bold; width: 140px; vertical-align: top; }
  .rsvp { font-size: 12px; color: #555555; }
</style>
</head>
<body>
<div class="carte">
<h1>C&eacute;r&eacute;monie des v&oelig;ux 2026</h1>
<p>Madame la S&eacute;natrice,</p>
<p>Le Maire de Saint-Martin-d'H&egrave;res et le conseil municipal ont le plaisir de vous convier &agrave; la c&eacute;r&eacute;monie des v&oelig;ux &agrave; la population.</p>
<table cellpadding="6" cellspacing="0" border="0">
<tr><td class="label">Date&nbsp;:</td><td>vendredi 16&nbsp;janvier&nbsp;2026 à 18&nbsp;h&nbsp;30</td></tr>
<tr><td class="label">Lieu&nbsp;:</td><td>Espace culturel René-Proby<br>2, place Édith-Piaf<br>38400 Saint-Martin-d'Hères</td></tr>
<tr><td class="label">Contact&nbsp;:</td><td>Service du protocole &ndash; 04&nbsp;65&nbsp;71&nbsp;84&nbsp;00</td></tr>
</table>
<p>Un moment convivial suivra les discours.</p>
<p class="rsvp">R&eacute;ponse souhait&eacute;e avant le 9&nbsp;janvier&nbsp;2026&nbsp;: <a href="mailto:protocole@ville-saintmartindheres.fr">protocole@ville-saintmartindheres.fr</a><br>
Merci de vous munir de ce carton d'invitation.</p>
</div>
</body>
</html>
""")
    h = H(
        inbound(t, "smtp.ville-saintmartindheres.fr", "198.51.100.84", 13,
                "protocole@ville-saintmartindheres.fr"),
        ("From", f"{ew('Ville de Saint-Martin-d’Hères – Protocole', phrase=True)}\n"
                 " <protocole@ville-saintmartindheres.fr>"),
        ("To", OFFICE),
        ("Subject", ew("Invitation – Cérémonie des vœux 2026")),
        ("Date", fmt(t)),
        ("Message-ID", "<b71e0c4a9d2f3e58@ville-saintmartindheres.fr>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/html; charset=\"utf-8\""),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("X-Mailer", "Zimbra 9.0.0_GA_4546 (ZimbraWebClient - FF133 (Win)/9.0.0_GA_4546)"),
    )
    add(13, "smh-voeux-html-seul", msg(h, qp(html, "utf-8")),
        ["HTML-only (text/html, no text part) with <style>, <table>, <br>, &eacute; &nbsp; &oelig;",
         "UTF-8 QP", "invitation: cérémonie des vœux", "search: Saint-Martin-d'Hères (entity and literal)"])


def m014():
    t = D(2025, 9, 4, 10, 30, 0)
    text = T("""
Madame la Sénatrice,

Le Maire de Grenoble et l'adjointe en charge de la santé ont le plaisir de vous inviter à l'inauguration de la maison de santé pluriprofessionnelle Abbaye-Jouhaux,

le samedi 27 septembre 2025 à 10 h 30
Quartier Abbaye-Jouhaux – 38100 Grenoble

Cette structure, portée par la Ville avec le soutien de l'État (DSIL), de la Région et de l'Agence régionale de santé, accueille six médecins généralistes, deux infirmières en pratique avancée, un kinésithérapeute et une sage-femme, dans un quartier longtemps confronté à la désertification médicale.

Merci de confirmer votre présence avant le 19 septembre :
https://evenements.ville-grenoble.fr/inauguration-mps-abbaye

Service du protocole
Ville de Grenoble
""")
    html = T("""
<html><head><meta charset="utf-8">
<style>p{font-family:Georgia,serif;font-size:15px} .date{font-weight:bold;color:#0b5394}</style>
</head><body>
<p>Madame la S&eacute;natrice,</p>
<p>Le Maire de Grenoble et l'adjointe en charge de la santé ont le plaisir de vous inviter à l'inauguration de la <b>maison de santé pluriprofessionnelle Abbaye-Jouhaux</b>,</p>
<p class="date">le samedi 27&nbsp;septembre&nbsp;2025 à 10&nbsp;h&nbsp;30<br>Quartier Abbaye-Jouhaux &ndash; 38100 Grenoble</p>
<p>Cette structure, portée par la Ville avec le soutien de l'État (DSIL), de la Région et de l'Agence régionale de santé, accueille six médecins généralistes, deux infirmières en pratique avancée, un kinésithérapeute et une sage-femme, dans un quartier longtemps confronté à la désertification médicale.</p>
<p><a href="https://evenements.ville-grenoble.fr/inauguration-mps-abbaye">Confirmer ma présence</a> avant le 19&nbsp;septembre.</p>
<p>Service du protocole<br>Ville de Grenoble</p>
</body></html>
""")
    bnd = "----=_Part_48213_1190288342.1756974600000"
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain; charset=UTF-8"),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(text, "utf-8")),
        part(H(("Content-Type", "text/html; charset=UTF-8"),
               ("Content-Transfer-Encoding", "base64")), b64(html.encode("utf-8"))),
    ], preamble=None)
    h = H(
        inbound(t, "mailout.ville-grenoble.fr", "198.51.100.38", 14, "cabinet@ville-grenoble.fr"),
        ("Date", fmt(t)),
        ("From", "Ville de Grenoble - Protocole <cabinet@ville-grenoble.fr>"),
        ("To", OFFICE),
        ("Message-ID", "<1093817245.48214.1756974600000@ville-grenoble.fr>"),
        # Deliberately split in the middle of "santé" across two encoded words.
        ("Subject", "=?UTF-8?Q?Invitation_=C3=A0_l'inauguration_de_la_maison_de_sant?=\n"
                    " =?UTF-8?Q?=C3=A9_pluriprofessionnelle_Abbaye-Jouhaux?="),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/alternative;\n\tboundary=\"{bnd}\""),
    )
    add(14, "grenoble-inauguration-alternative", msg(h, body),
        ["multipart/alternative (text QP + html base64)",
         "RFC 2047 subject split across folded lines in the middle of a word (sant|é)",
         "invitation à une inauguration (maison de santé)"])


# ==========================================================================
# Voiron (015 base64, 023 auto-reply)
# ==========================================================================
def m015():
    t = D(2024, 11, 28, 19, 5, 33)
    b = T("""
Madame la Sénatrice,

En tant qu'adjoint au maire de Voiron délégué à la santé, je souhaite attirer votre attention sur la situation de l'offre de soins dans notre bassin de vie.

Trois médecins généralistes partent à la retraite d'ici l'été 2025 sans successeur. Près de 4 500 Voironnais se retrouveront sans médecin traitant, s'ajoutant aux 6 000 qui en sont déjà dépourvus. Les urgences du centre hospitalier sont saturées par des consultations qui relèvent de la médecine de ville.

La Ville travaille à la création d'un centre de santé municipal avec des médecins salariés, sur le modèle d'autres communes de l'Isère. Le coût d'investissement est estimé à 1,8 million d'euros. Nous allons solliciter la DSIL et l'ARS Auvergne-Rhône-Alpes.

Nous serions très reconnaissants que vous puissiez soutenir ce projet et, plus largement, porter au Sénat la question de la régulation de l'installation des médecins, qui touche aussi bien les zones rurales que les villes moyennes.

Je vous prie d'agréer, Madame la Sénatrice, l'expression de ma haute considération.

Olivier Chabert
Adjoint au maire de Voiron, délégué à la santé et aux solidarités
Hôtel de ville – 38500 VOIRON
""")
    h = H(
        inbound(t, "mx1.ville-voiron.fr", "198.51.100.55", 15, "o.chabert@ville-voiron.fr"),
        ("Date", fmt(t)),
        ("From", "Olivier Chabert <o.chabert@ville-voiron.fr>"),
        ("To", addr("Hélène Marchal", OFFICE)),
        ("Subject", ew("Désert médical à Voiron : projet de centre de santé municipal", "UTF-8", "B")),
        ("Message-ID", "<1732817133.4412.voiron@ville-voiron.fr>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "base64"),
        ("X-Mailer", "Zimbra 10.0.6_GA_4601 (ZimbraWebClient - GC131 (Win)/10.0.6_GA_4601)"),
    )
    add(15, "voiron-desert-medical-base64", msg(h, b64(b.encode("utf-8"))),
        ["text/plain UTF-8 base64", "RFC 2047 =?UTF-8?B? subject", "topic: désert médical"])


def m023():
    t = D(2024, 12, 27, 10, 0, 5)
    b = T("""
Bonjour,

Je suis absent jusqu'au lundi 6 janvier 2025 inclus, avec un accès limité à ma messagerie.

Pour toute urgence, vous pouvez contacter le cabinet du maire au 04 65 71 55 00 ou à l'adresse cabinet@ville-voiron.fr.

Cordialement,

Olivier Chabert
Adjoint au maire de Voiron, délégué à la santé et aux solidarités
""")
    h = H(
        inbound(t, "mx1.ville-voiron.fr", "198.51.100.55", 23, ""),
        ("Date", fmt(t)),
        ("From", "Olivier Chabert <o.chabert@ville-voiron.fr>"),
        ("To", OFFICE_FROM),
        ("Subject", ew("Réponse automatique : Réunion sur l'accès aux soins dans le Voironnais")),
        ("Message-ID", "<1735290005.9921.autoreply@ville-voiron.fr>"),
        ("In-Reply-To", "<9e4b2c1d0a7f4e6b8c3d2e1f0a9b8c7d@senateur-exemple.fr>"),
        ("Auto-Submitted", "auto-replied (vacation)"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    )
    add(23, "reponse-automatique-voiron", msg(h, qp(b, "utf-8")),
        ["French auto-reply 'Réponse automatique :' with Auto-Submitted: auto-replied",
         "empty Return-Path <> (null sender)"])


# ==========================================================================
# L'Isle-d'Abeau: PLU/ZAN + PDF with RFC 2231 filename (016)
# ==========================================================================
def m016():
    t = D(2025, 1, 20, 15, 47, 9)
    text = T("""
Madame la Sénatrice,

Comme suite à notre échange lors de l’assemblée générale de l’Association des maires, je vous adresse ci-joint la délibération n°12 du conseil municipal de L’Isle-d’Abeau du 16 décembre 2024 prescrivant la révision générale de notre plan local d’urbanisme (PLU).

L’Isle-d’Abeau, ancienne ville nouvelle, a une histoire particulière : l’urbanisation y a été en grande partie décidée par l’État dans les années 1970-1980. Aujourd’hui, la trajectoire « zéro artificialisation nette » (ZAN) déclinée dans le SRADDET et le SCoT Nord-Isère nous laisse une enveloppe de 6,5 hectares pour la décennie 2021-2031, alors que nous devons construire des logements, un groupe scolaire et accueillir des entreprises sur le parc d’activités.

Nous souhaiterions que les spécificités des anciennes villes nouvelles soient prises en compte dans les travaux du Sénat sur l’assouplissement du ZAN.

Restant à votre disposition,

Hervé Jacquemet
Adjoint au maire, chargé de l’urbanisme et de l’aménagement
Mairie de L’Isle-d’Abeau – 38080 L’ISLE-D’ABEAU
""")
    pdf = make_pdf(["Commune de L'Isle-d'Abeau (Isère)",
                    "Extrait du registre des délibérations du conseil municipal",
                    "Séance du 16 décembre 2024 - Délibération n°12",
                    "Objet : prescription de la révision générale du PLU",
                    "Le conseil municipal, après en avoir délibéré, à la majorité,",
                    "PRESCRIT la révision générale du plan local d'urbanisme."])
    fn = "UTF-8''D%C3%A9lib%C3%A9ration%20n%C2%B012.pdf"
    bnd = "------------9kV1hO0dQ2g7mYtP5cR3aZ8B"
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain; charset=windows-1252"),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(text, "cp1252")),
        part(H(("Content-Type", f"application/pdf; name*={fn}"),
               ("Content-Disposition", f"attachment; filename*={fn}"),
               ("Content-Transfer-Encoding", "base64")), b64(pdf)),
    ])
    h = H(
        inbound(t, "smtp.mairie-isledabeau.fr", "198.51.100.80", 16, "h.jacquemet@mairie-isledabeau.fr"),
        ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\""),
        ("Message-ID", "<c2e5a8f1-7d3b-4e90-b6a4-1f0e9d8c7b6a@mairie-isledabeau.fr>"),
        ("Date", fmt(t)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "fr"),
        ("To", OFFICE),
        ("From", addr("Hervé Jacquemet", "h.jacquemet@mairie-isledabeau.fr", "windows-1252", "Q")),
        ("Subject", ew("Révision du PLU et trajectoire ZAN – délibération n°12", "windows-1252", "Q")),
    )
    add(16, "isle-dabeau-plu-zan-pdf", msg(h, body),
        ["multipart/mixed with PDF attachment",
         "RFC 2231 filename*=UTF-8''D%C3%A9lib%C3%A9ration%20n%C2%B012.pdf",
         "windows-1252 QP text part (’ « »)", "RFC 2047 =?windows-1252?Q? subject and name",
         "topic: PLU / ZAN"])


# ==========================================================================
# Motion ZAN sent by three communes (017, 018, 019)
# ==========================================================================
def motion(commune_de: str, commune_a: str, date: str, pres: str, vote: str, charge: str,
           strong: bool, grands_projets: bool, montagne: bool, latin1: bool) -> str:
    oe = "OE" if latin1 else "Œ"
    txt = f"""MOTION RELATIVE À LA MISE EN {oe}UVRE DU « ZÉRO ARTIFICIALISATION NETTE » (ZAN)

Le conseil municipal {commune_de}, régulièrement convoqué, s'est réuni le {date} sous la présidence de {pres}, maire.

Considérant que la loi n° 2021-1104 du 22 août 2021 dite « Climat et résilience » fixe un objectif de zéro artificialisation nette des sols à l'horizon 2050, avec une réduction de moitié de la consommation d'espaces naturels, agricoles et forestiers sur la période 2021-2031 par rapport à la décennie précédente ;

Considérant que les communes rurales, qui ont peu consommé d'espace au cours de la décennie 2011-2021, se trouvent {'fortement ' if strong else ''}pénalisées par une règle de réduction uniforme qui ne tient pas compte de leurs besoins en logements, en équipements publics et en activités économiques ;

Considérant que la garantie communale d'un hectare prévue par la loi du 20 juillet 2023 ne permet pas de répondre aux projets de la commune (logements pour les jeunes ménages, extension de l'école, atelier des services techniques) ;
"""
    if grands_projets:
        txt += """
Considérant que les projets d'envergure nationale ou européenne ne doivent pas être décomptés des enveloppes attribuées aux territoires ;
"""
    txt += f"""
Après en avoir délibéré, le conseil municipal, {vote} :

- DEMANDE que la trajectoire ZAN soit adaptée aux réalités des territoires ruraux{' et de montagne' if montagne else ''} ;
- DEMANDE que les élus locaux restent décisionnaires de l'aménagement de leur commune ;
- DEMANDE le report de l'échéance intermédiaire de 2031 ;
- CHARGE {charge} de transmettre la présente motion aux parlementaires de l'Isère, à Monsieur le Préfet de l'Isère et au président de l'Association des maires de l'Isère.

Fait et délibéré {commune_a}, les jour, mois et an susdits.
"""
    return txt


def m017():
    t = D(2024, 11, 18, 11, 26, 44)
    b = T("""
Madame la Sénatrice,

Veuillez trouver ci-dessous le texte de la motion adoptée par le conseil municipal de La Rivière lors de sa séance du 14 novembre 2024.

Restant à votre disposition,

Pour le maire, la secrétaire de mairie,
Laetitia Roux

----------------------------------------------------------------------

""") + motion("de La Rivière", "à La Rivière", "14 novembre 2024", "M. Gilles Rey",
              "à l'unanimité des membres présents et représentés (15 voix pour)",
              "Monsieur le Maire", strong=False, grands_projets=True, montagne=True,
              latin1=False) + T("""
Le Maire, G. Rey

Mairie de La Rivière – Le Village – 38210 LA RIVIÈRE
""")
    h = H(
        inbound(t, "smtp.lariviere38.fr", "198.51.100.121", 17, "mairie@lariviere38.fr"),
        ("Message-ID", "<6e2f1d0c-5b4a-4938-8271-6f5e4d3c2b1a@lariviere38.fr>"),
        ("Date", fmt(t)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("From", addr("Mairie de La Rivière", "mairie@lariviere38.fr")),
        ("To", f"{OFFICE},\n pref-courrier@isere.gouv.fr"),
        ("Subject", "Motion du conseil municipal - ZAN"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    )
    add(17, "la-riviere-motion-zan", msg(h, wrap(b).encode("utf-8")),
        ["motion du conseil municipal (1/3, near-identical text)", "UTF-8 8bit",
         "'Le Maire, G. Rey' signature", "two To recipients", "search: élus, école"])


def m018():
    t = D(2024, 11, 25, 9, 41, 3)
    mot = motion("de Saint-Sauveur", "à Saint-Sauveur", "21 novembre 2024",
                 "Mme Françoise Vallet",
                 "par 18 voix pour et 1 abstention", "Madame le Maire",
                 strong=True, grands_projets=True, montagne=True, latin1=True)
    b = T("""
Bonjour,

Vous trouverez ci-dessous et en pièce jointe la motion relative au ZAN adoptée par le conseil municipal de Saint-Sauveur le 21 novembre 2024.

Bien cordialement,

Le secrétariat de mairie
Mairie de Saint-Sauveur
38160 SAINT-SAUVEUR

""") + mot + T("""
Pour extrait certifié conforme,
Le Maire, F. Vallet
""")
    docx = make_docx([p for p in mot.split("\n") if p.strip()] + ["Le Maire, F. Vallet"])
    bnd = "----=_NextPart_000_0017_01DB3F1A.6C2E5B80"
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain;\n\tcharset=\"iso-8859-1\""),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(b, "latin-1")),
        part(H(("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document;\n"
                                "\tname=\"Motion ZAN - Saint-Sauveur.docx\""),
               ("Content-Transfer-Encoding", "base64"),
               ("Content-Disposition", "attachment;\n\tfilename=\"Motion ZAN - Saint-Sauveur.docx\"")),
             b64(docx)),
    ])
    h = H(
        inbound(t, "smtp.mairie-saintsauveur38.fr", "198.51.100.160", 18,
                "secretariat@mairie-saintsauveur38.fr"),
        ("From", "\"Mairie de Saint-Sauveur\" <secretariat@mairie-saintsauveur38.fr>"),
        ("To", OFFICE),
        ("Subject", "Transmission motion ZAN - Commune de Saint-Sauveur"),
        ("Date", fmt(t, pad=True)),
        ("Message-ID", "<001701db3f1a$6c2e5b80$448b1280$@mairie-saintsauveur38.fr>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/mixed;\n\tboundary=\"{bnd}\""),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Content-Language", "fr"),
    )
    add(18, "saint-sauveur-motion-zan-docx", msg(h, body),
        ["motion du conseil municipal (2/3, near-identical text)", "ISO-8859-1 QP text part",
         ".docx attachment (application/vnd.openxmlformats-officedocument.wordprocessingml.document)",
         "Date with zero-padded day"])


def m019():
    t = D(2024, 12, 9, 17, 3, 58)
    b = T("""
Madame la Sénatrice,

Le conseil municipal du Passage a adopté, lors de sa séance du 5 décembre 2024, la motion ci-dessous relative à l'application du ZAN dans nos communes rurales. Je vous remercie de l'attention que vous voudrez bien lui porter et de relayer nos préoccupations au Sénat.

Bien cordialement,

Alain Bonnardel
Maire du Passage
Mairie – 38490 LE PASSAGE

""") + motion("du Passage", "au Passage", "5 décembre 2024", "M. Alain Bonnardel",
              "par 14 voix pour et 1 voix contre", "Monsieur le Maire",
              strong=False, grands_projets=False, montagne=False, latin1=False)
    h = H(
        inbound(t, "smtp.lepassage38.fr", "198.51.100.149", 19, "maire@lepassage38.fr"),
        ("Date", fmt(t)),
        ("From", "Alain Bonnardel <maire@lepassage38.fr>"),
        ("To", OFFICE),
        ("Subject", ew("Motion relative au ZAN adoptée par le conseil municipal du Passage")),
        ("Message-ID", "<20241209170358.GA4121@lepassage38.fr>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("User-Agent", "Mutt/2.2.12 (2023-09-09)"),
    )
    add(19, "le-passage-motion-zan", msg(h, qp(b, "utf-8")),
        ["motion du conseil municipal (3/3, near-identical text)", "UTF-8 QP",
         "LF line endings"], eol="lf")


# ==========================================================================
# Rives: forward as attachment (020)
# ==========================================================================
def m020():
    t = D(2025, 5, 13, 8, 15, 2)
    ti = D(2025, 5, 12, 16, 44, 10)
    inner_body = T("""
Monsieur le Maire,

Nous vous informons que des travaux de confortement du mur de soutènement de la RD 519, au lieu-dit Les Gorges, nécessiteront la fermeture totale de la route entre Rives et Renage du lundi 2 juin au vendredi 26 septembre 2025.

Une déviation sera mise en place par la RD 1085 et le centre-ville de Rives. Un arrêté de circulation vous sera transmis prochainement.

Nous restons à votre disposition pour tout renseignement.

Le chef du service aménagement
Direction territoriale Voironnais-Chartreuse
Département de l'Isère
""")
    inner = msg(H(
        inbound(ti, "mx.isere.fr", "198.51.100.200", 2000, "territoire.voironnais@isere.fr",
                rcpt="maire@ville-rives.fr").replace(MX, "mx.ville-rives.fr"),
        ("From", addr("Département de l'Isère – Direction territoriale Voironnais-Chartreuse",
                      "territoire.voironnais@isere.fr")),
        ("To", "maire@ville-rives.fr"),
        ("Subject", ew("Information : fermeture de la RD 519 du 2 juin au 26 septembre 2025")),
        ("Date", fmt(ti)),
        ("Message-ID", "<8a7b6c5d4e3f2a1b@isere.fr>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ), qp(inner_body, "utf-8"))
    outer_text = T("""
Madame la Sénatrice,

Je vous transfère en pièce jointe le courriel reçu hier du Département. La fermeture totale de la RD 519 entre Rives et Renage pendant quatre mois, sans concertation préalable avec les communes, va obliger plus de 9 000 véhicules par jour, dont de nombreux poids lourds, à traverser le centre-ville de Rives, devant deux écoles.

Nous demandons au minimum un alternat par feux, ou une déviation des poids lourds par l'A48. Je sollicite votre appui auprès du président du Département.

Julien Perrotin
Maire de Rives
38140 RIVES
""")
    bnd = "_004_PR3P195MB0862A1B2C3D4E5F6PR3P195MB0862EURP_"
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain; charset=\"utf-8\""),
               ("Content-Transfer-Encoding", "8bit")), outer_text.encode("utf-8")),
        part(H(("Content-Type", "message/rfc822"),
               ("Content-Disposition", "attachment;\n\tfilename=\"Information fermeture RD 519.eml\"")),
             inner),
    ], preamble=None)
    h = H(
        inbound(t, "mail-pr3eur02on2051.outbound.protection.outlook.com", "203.0.113.51", 20,
                "maire@ville-rives.fr"),
        ("From", "Julien Perrotin <maire@ville-rives.fr>"),
        ("To", OFFICE),
        ("Subject", "TR: Information : fermeture de la RD 519"),
        ("Date", fmt(t)),
        ("Message-ID", "<PR3P195MB0862A1B2C3D4E5F6@PR3P195MB0862.EURP195.PROD.OUTLOOK.COM>"),
        ("Content-Language", "fr-FR"),
        "X-MS-Has-Attach: yes",
        ("Content-Type", f"multipart/mixed;\n\tboundary=\"{bnd}\""),
        ("MIME-Version", "1.0"),
    )
    add(20, "rives-tr-rd519-piece-jointe-eml", msg(h, body),
        ["forward as attachment: multipart/mixed with a message/rfc822 part (own French subject/body)",
         "'TR:' subject", "topic: route départementale", "search: écoles"])


# ==========================================================================
# Vienne: inondations + JPEG with RFC 2047 name (021), office reply (049),
# senator forward (046), absence (025)
# ==========================================================================
M021 = "<1906312744.10423.1729317501234@wwinf2245.orange.fr>"
S_VIE = "Inondations quartier d'Estressin – photos de ce matin"
B021 = T("""
Madame la Sénatrice,

Je vous envoie quelques photos prises ce matin dans notre rue, à Vienne, quartier d'Estressin. Pour la deuxième fois en trois ans, la Gère et le ruisseau ont débordé cette nuit et l'eau est montée à 60 cm dans les garages et les caves. Plusieurs voitures sont hors d'usage.

Les riverains ont l'impression que rien n'a été fait depuis 2021 : le bassin de rétention promis n'est toujours pas construit et les fossés ne sont plus entretenus.

Pourriez-vous nous aider à savoir si la commune va être reconnue en état de catastrophe naturelle ? Nos assurances nous demandent l'arrêté.

Merci d'avance.

Karim Haddad
14, chemin de la Gère
38200 Vienne
""")


def m021():
    t = D(2024, 10, 19, 7, 58, 21)
    jpg = make_jpeg("Photo rue inondee - Vienne 19/10/2024")
    name = "=?UTF-8?Q?rue_inond=C3=A9e_1.jpg?="
    bnd = "----=_Part_10422_1563098251.1729317501234"
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain; charset=UTF-8"),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(B021, "utf-8")),
        part(H(("Content-Type", f"image/jpeg; name=\"{name}\""),
               ("Content-Transfer-Encoding", "base64"),
               ("Content-Disposition", f"attachment; filename=\"{name}\"")), b64(jpg)),
    ], preamble=None)
    h = H(
        inbound(t, "smtp-32.smtpout.orange.fr", "203.0.113.32", 21, "k.haddad@orange.fr"),
        ("Date", fmt(t)),
        ("From", "Karim Haddad <k.haddad@orange.fr>"),
        ("To", OFFICE),
        ("Message-ID", M021),
        ("Subject", ew(S_VIE)),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/mixed;\n\tboundary=\"{bnd}\""),
        ("X-Originating-IP", "[203.0.113.99]"),
        ("X-WUM-FROM", "|~|"),
        ("X-WUM-TO", "|~|"),
    )
    add(21, "vienne-inondations-photo", msg(h, body),
        ["image/jpeg attachment (valid 8x8 JPEG)", "RFC 2047 encoded attachment name (rue_inondée_1.jpg)",
         "topic: inondations", "orange.fr citizen", "thread root (see 049)"])


def m049():
    t = D(2024, 10, 21, 10, 17, 55)
    b = T("""
Monsieur,

Merci pour votre message et vos photos. Mme la Sénatrice est en contact avec la mairie de Vienne et la sous-préfecture.

La commune dépose ce jour sa demande de reconnaissance de l'état de catastrophe naturelle. L'arrêté interministériel sera publié au Journal officiel après examen par la commission interministérielle ; nous vous conseillons de déclarer dès maintenant le sinistre à votre assureur sans attendre l'arrêté, en conservant photos et factures.

Nous restons à votre écoute.

Bien cordialement,

""") + SIG_BENALI + "\nLe 19 oct. 2024 à 07:58, Karim Haddad <k.haddad@orange.fr> a écrit :\n" + quote(B021)
    h = H(
        f"Return-Path: <{OFFICE}>",
        f"Delivered-To: {OFFICE}",
        ("Received", "from webmail.senateur-exemple.fr (localhost [127.0.0.1])\n"
                     f"\tby {MX} (Postfix) with ESMTPSA id {qid(49)};\n"
                     f"\t{fmt(t, 'CEST')}"),
        ("MIME-Version", "1.0"),
        ("Date", fmt(t)),
        ("From", OFFICE_FROM),
        ("To", "Karim Haddad <k.haddad@orange.fr>"),
        ("Subject", ew("RE: " + S_VIE)),
        ("In-Reply-To", M021),
        ("References", M021),
        ("Message-ID", "<0f1e2d3c4b5a69788796a5b4c3d2e1f0@senateur-exemple.fr>"),
        ("User-Agent", "Roundcube Webmail/1.6.9"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    )
    add(49, "permanence-re-vienne-inondations", msg(h, qp(b, "utf-8")),
        ["reply sent by the office (From office address)", "quoted unwrapped long '> ' lines (QP soft breaks)",
         "'Le 19 oct. 2024 à 07:58, … a écrit :'"])


def m046():
    t = D(2024, 10, 20, 9, 3, 11)
    b = T("""
Thomas, peux-tu voir avec la sous-préfecture où en est la demande de reconnaissance de catastrophe naturelle pour Vienne et me faire un point lundi ? Merci.
H.M.

---------- Message transféré ---------
De : Sophie Perret-Gentil <s.perret@mairie-vienne.fr>
Date : sam. 19 oct. 2024 à 22:47
Objet : Inondations à Vienne – demande d'appui
À : Hélène Marchal <h.marchal@senateur-exemple.fr>


Chère Hélène,

Comme tu l'as vu, la nuit de jeudi à vendredi a été très difficile à Vienne : la Gère est sortie de son lit à Estressin et dans la vallée, plus de 200 habitations ont été inondées et 60 personnes évacuées. Les services municipaux sont mobilisés depuis 48 heures.

Nous déposons lundi la demande communale de reconnaissance de l'état de catastrophe naturelle. Ton appui auprès du ministère de l'Intérieur pour une instruction rapide serait précieux : les sinistrés en ont besoin pour être indemnisés.

Amitiés,

Sophie Perret-Gentil
Première adjointe au maire de Vienne
""")
    h = H(
        f"Return-Path: <h.marchal@senateur-exemple.fr>",
        f"Delivered-To: {OFFICE}",
        ("Received", "from [10.20.1.17] (unknown [203.0.113.140])\n"
                     f"\tby {MX} (Postfix) with ESMTPSA id {qid(46)};\n"
                     f"\t{fmt(t, 'CEST')}"),
        ("MIME-Version", "1.0"),
        ("Date", fmt(t)),
        ("From", addr("Hélène Marchal", "h.marchal@senateur-exemple.fr")),
        ("To", "Thomas Reynaud <t.reynaud@senateur-exemple.fr>"),
        ("Cc", OFFICE),
        ("Subject", ew("Fwd: Inondations à Vienne – demande d'appui")),
        ("Message-ID", "<CAF7x2Lq9w3Rz+Q0mB8k1YtH4dE6gN5vS2pU7oJc3aXr1@mail.gmail.com>"),
        ("Content-Type", "text/plain; charset=\"UTF-8\""),
        ("Content-Transfer-Encoding", "8bit"),
    )
    add(46, "senatrice-fwd-vienne-inondations", msg(h, b.encode("utf-8")),
        ["internal forward 'Fwd:' with '---------- Message transféré ---------' block (De/Date/Objet/À)",
         "UTF-8 8bit, unwrapped long lines", "sender is the senator (office domain, not the office address)"])


def m025():
    t = D(2024, 10, 25, 17, 31, 48)
    b = T("""
Bonjour,

Je suis absente jusqu'au lundi 4 novembre 2024 inclus.

Pour toute question relative à la gestion des inondations et aux demandes de reconnaissance de l'état de catastrophe naturelle, merci de vous adresser à la cellule de crise de la sous-préfecture de Vienne : sp-vienne-crise@isere.gouv.fr.

Cordialement,

Isabelle Roche
Secrétaire générale de la sous-préfecture de Vienne
""")
    h = H(
        inbound(t, "smtp.isere.gouv.fr", "198.51.100.250", 25, "isabelle.roche@isere.gouv.fr"),
        ("Date", fmt(t)),
        ("From", "ROCHE Isabelle <isabelle.roche@isere.gouv.fr>"),
        ("To", OFFICE),
        ("Subject", ew("Absence du bureau – inondations à Vienne")),
        ("Message-ID", "<2034819877.1122.1729870308@isere.gouv.fr>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    )
    add(25, "absence-du-bureau-sans-entetes", msg(h, wrap(b).encode("utf-8")),
        ["French 'Absence du bureau' with NO auto-reply headers (only subject/body say 'Je suis absente jusqu'au…')",
         "prefecture sender (isere.gouv.fr)"])


# ==========================================================================
# Fontaine: DSIL + PDF (022), councillor with unknown charset (039)
# ==========================================================================
def m022():
    t = D(2025, 2, 26, 12, 8, 37)
    text = T("""
Madame la Sénatrice,

La Ville de Fontaine a déposé le 14 février une demande de subvention au titre de la dotation de soutien à l'investissement local (DSIL) 2025 pour la rénovation énergétique du gymnase Jean-Ferrat, utilisé chaque semaine par 1 200 élèves des écoles et du collège ainsi que par douze associations sportives.

Le projet (isolation par l'extérieur, remplacement de la chaufferie gaz par un raccordement au réseau de chaleur urbain, éclairage LED) permettra de réduire de 55 % la consommation d'énergie du bâtiment. Son coût est de 2,1 millions d'euros HT ; nous sollicitons 630 000 € au titre de la DSIL.

Vous trouverez en pièce jointe le plan de financement. Votre soutien auprès du préfet de région serait précieux.

Avec mes remerciements,

Yannick Fabre
Adjoint au maire de Fontaine, chargé des finances et du patrimoine bâti
Hôtel de ville – 38600 FONTAINE
""")
    pdf = make_pdf(["Ville de Fontaine - DSIL 2025",
                    "Rénovation énergétique du gymnase Jean-Ferrat",
                    "Plan de financement prévisionnel (HT)",
                    "DSIL 2025 : 630 000 EUR (30 %)",
                    "Département de l'Isère : 420 000 EUR (20 %)",
                    "Grenoble-Alpes Métropole : 315 000 EUR (15 %)",
                    "Autofinancement : 735 000 EUR (35 %)",
                    "Total : 2 100 000 EUR"])
    bnd = "------------Zq8Lm2Xv0Pc4Rt6Yb1Nf3Kd"
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain; charset=UTF-8"),
               ("Content-Transfer-Encoding", "8bit")), wrap(text).encode("utf-8")),
        part(H(("Content-Type", "application/pdf; name=\"Plan_financement_DSIL_gymnase.pdf\""),
               ("Content-Disposition", "attachment; filename=\"Plan_financement_DSIL_gymnase.pdf\""),
               ("Content-Transfer-Encoding", "base64")), b64(pdf)),
    ])
    h = H(
        inbound(t, "smtp.ville-fontaine.fr", "198.51.100.66", 22, "y.fabre@ville-fontaine.fr"),
        ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\""),
        ("Message-ID", "<4b3a2918-0f7e-4d6c-9b5a-8e7d6c5b4a39@ville-fontaine.fr>"),
        ("Date", fmt(t)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "fr"),
        ("To", OFFICE),
        ("From", "Yannick Fabre <y.fabre@ville-fontaine.fr>"),
        ("Subject", ew("Dossier DSIL 2025 – rénovation énergétique du gymnase Jean-Ferrat")),
    )
    add(22, "fontaine-dsil-gymnase-pdf", msg(h, body),
        ["PDF attachment with plain ASCII filename", "UTF-8 8bit text part", "topic: DSIL",
         "search: subvention, écoles"])


def m039():
    t = D(2024, 11, 12, 23, 5, 51)
    b = T("""
Madame la Sénatrice,

En tant qu'élu municipal de Fontaine (groupe minoritaire), je souhaite vous interroger sur le programme de confortement des digues du Drac.

Le nouveau plan de prévention du risque inondation (PPRI) classe une grande partie de notre commune en zone d'aléa fort en cas de rupture de digue. Cela gèle de nombreux projets, y compris la reconstruction d'une école. Les habitants s'inquiètent aussi de la hausse de leurs primes d'assurance.

Pouvez-vous m'indiquer le calendrier des travaux portés par le syndicat mixte et les financements de l'État mobilisés (fonds Barnier) ?

Merci de votre retour.

Marc Olivier
Conseiller municipal de Fontaine
""")
    h = H(
        inbound(t, "smtp.laposte.net", "203.0.113.160", 39, "marc.olivier.fontaine@laposte.net"),
        ("Date", fmt(t)),
        ("From", "Marc Olivier <marc.olivier.fontaine@laposte.net>"),
        ("To", OFFICE),
        ("Subject", "Digues du Drac et PPRI - question d'un conseiller municipal de Fontaine"),
        ("Message-ID", "<20241112230551.7d1e@laposte.net>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=\"x-unknown-8bit\""),
        ("Content-Transfer-Encoding", "8bit"),
    )
    add(39, "fontaine-digues-charset-inconnu", msg(h, wrap(b).encode("latin-1")),
        ["unknown charset label charset=\"x-unknown-8bit\" (body is really Latin-1)",
         "topic: inondations", "search: élu, école"])


# ==========================================================================
# Auto-replies and machine mail (024, 026, 027, 028, 029, 030)
# ==========================================================================
M033 = "<5E2B7A1C-93D4-4F0E-8A6B-2C1D0E9F8A7B@alpine-observer.co.uk>"
M033_OFFICE = "<a7c3e5f1b2d44e6f8a9b0c1d2e3f4a5b@senateur-exemple.fr>"


def m024():
    t = D(2025, 4, 8, 14, 21, 3, off=60)
    b = T("""
Hello,

Thank you for your email. I am currently travelling on assignment with limited access to email and will be back in the office on Tuesday 15 April.

For urgent matters, please contact the news desk at newsdesk@alpine-observer.co.uk.

Kind regards,
Sarah Whitfield
""")
    h = H(
        inbound(t, "mail-lo2gbr01on2095.outbound.protection.outlook.com", "203.0.113.95", 24, ""),
        ("From", "Sarah Whitfield <sarah.whitfield@alpine-observer.co.uk>"),
        ("To", OFFICE_FROM),
        ("Subject", "Automatic reply: RE: Interview request - wolves and livestock farming in Isere"),
        ("Thread-Topic", "RE: Interview request - wolves and livestock farming in Isere"),
        ("Thread-Index", "AQHbqFOu0sQH4v2Dk0yN5d1YpR4l7bOcZ2kA"),
        ("Date", fmt(t)),
        ("Message-ID", "<LO2P265MB5432B9C8D7E6F5A4B3C2D1E0F9A8B7C6@LO2P265MB5432.GBRP265.PROD.OUTLOOK.COM>"),
        ("References", f"{M033}\n {M033_OFFICE}"),
        ("In-Reply-To", M033_OFFICE),
        ("Content-Language", "en-GB"),
        "X-MS-Has-Attach:",
        "X-MS-Exchange-Organization-SCL: -1",
        "X-MS-TNEF-Correlator:",
        "X-MS-Exchange-Organization-RecordReviewCfmType: 0",
        ("x-ms-exchange-parent-message-id", M033_OFFICE),
        ("x-ms-exchange-generated-message-source", "Mailbox Rules Agent"),
        ("X-Auto-Response-Suppress", "All"),
        ("X-MS-Exchange-Transport-CrossTenantHeadersStamped", "LO2P265MB5432"),
        ("Content-Type", "text/plain; charset=\"us-ascii\""),
        ("Content-Transfer-Encoding", "7bit"),
        ("MIME-Version", "1.0"),
    )
    add(24, "automatic-reply-en-exchange", msg(h, b.encode("ascii")),
        ["English 'Automatic reply:' with X-Auto-Response-Suppress: All and X-MS-Exchange-* headers (no Auto-Submitted)",
         "us-ascii 7bit", "empty Return-Path <>"])


def m026():
    t = D(2025, 6, 19, 7, 0, 0, off=0)
    text = T("""
LA LETTRE DES MAIRES DE L'ISÈRE – n°214 – juin 2025

ÉDITO
Le congrès départemental se tiendra le 10 octobre à L'Isle-d'Abeau. Les inscriptions sont ouvertes.

ZAN : CE QUI CHANGE
La proposition de loi sénatoriale relative à la trajectoire de sobriété foncière poursuit son parcours parlementaire. Notre note de synthèse est disponible sur l'espace adhérents.

DETR / DSIL 2025
La commission départementale des élus s'est réunie le 22 mai. Les notifications seront adressées aux communes d'ici fin juin.

SÉCURITÉ DES ÉLUS
Une formation « Gérer les situations d'incivilité en mairie » est proposée le 3 juillet à Grenoble.

Vous recevez cette lettre car vous êtes inscrit(e) à la liste de diffusion de l'Association des maires de l'Isère.
Se désinscrire : https://maires-isere.info/desabonnement?c=214&u=7f3a9b2c
""")
    html = T("""
<!DOCTYPE html><html><head><meta charset="utf-8"><title>La Lettre des maires de l'Isère</title>
<style>
 body{margin:0;background:#eeeeee;font-family:Verdana,sans-serif}
 .wrap{max-width:640px;margin:0 auto;background:#fff}
 .bandeau{background:#00488d;color:#fff;padding:16px;font-size:20px}
 h2{color:#00488d;font-size:16px;border-bottom:1px solid #ccc}
 .pied{font-size:11px;color:#777;padding:12px}
</style></head><body>
<div class="wrap">
<div class="bandeau">La Lettre des maires de l'Is&egrave;re &ndash; n&deg;214 &ndash; juin 2025</div>
<div style="padding:16px">
<h2>&Eacute;dito</h2>
<p>Le congrès départemental se tiendra le 10&nbsp;octobre à L'Isle-d'Abeau. <a href="https://maires-isere.info/congres-2025">Les inscriptions sont ouvertes.</a></p>
<h2>ZAN&nbsp;: ce qui change</h2>
<p>La proposition de loi sénatoriale relative à la trajectoire de sobriété foncière poursuit son parcours parlementaire. Notre note de synthèse est disponible sur l'espace adhérents.</p>
<h2>DETR / DSIL 2025</h2>
<p>La commission départementale des élus s'est réunie le 22&nbsp;mai. Les notifications seront adressées aux communes d'ici fin juin.</p>
<h2>Sécurité des élus</h2>
<p>Une formation &laquo;&nbsp;Gérer les situations d'incivilité en mairie&nbsp;&raquo; est proposée le 3&nbsp;juillet à Grenoble.</p>
</div>
<div class="pied">Vous recevez cette lettre car vous êtes inscrit(e) à la liste de diffusion de l'Association des maires de l'Isère.<br>
<a href="https://maires-isere.info/desabonnement?c=214&amp;u=7f3a9b2c">Se désinscrire</a></div>
<img src="https://t.maires-isere.info/o/214/7f3a9b2c.gif" width="1" height="1" alt="">
</div></body></html>
""")
    bnd = "b1_7d2c9e4f0a1b3c5d6e7f8091a2b3c4d5"
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain; charset=utf-8"),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(text, "utf-8")),
        part(H(("Content-Type", "text/html; charset=utf-8"),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(html, "utf-8")),
    ], preamble=None)
    h = H(
        inbound(t, "m214-7.mailout.maires-isere.info", "198.51.100.214", 26,
                "bounces-214-7f3a9b2c@mailout.maires-isere.info"),
        ("Date", fmt(t, "UTC")),
        ("From", addr("Association des maires de l'Isère", "lettre@maires-isere.info")),
        ("Reply-To", "contact@maires-isere.info"),
        ("To", OFFICE),
        ("Subject", ew("La Lettre des maires de l'Isère n°214 – juin 2025")),
        ("Message-ID", "<202506190700.214.7f3a9b2c@mailout.maires-isere.info>"),
        ("List-Id", "\"La Lettre des maires de l'Isere\" <lettre.maires-isere.info>"),
        ("List-Unsubscribe", "<https://maires-isere.info/desabonnement?c=214&u=7f3a9b2c>,\n"
                             " <mailto:desabonnement@maires-isere.info?subject=unsubscribe-7f3a9b2c>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("Precedence", "bulk"),
        ("X-Mailer", "Brevo"),
        ("Feedback-ID", "214:7f3a9b2c:newsletter:brevo"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/alternative; boundary=\"{bnd}\""),
    )
    add(26, "newsletter-maires-isere", msg(h, body),
        ["newsletter/bulk: List-Id, List-Unsubscribe(-Post), Precedence: bulk",
         "multipart/alternative with styled HTML (&laquo; &deg; &Eacute; tracking pixel)",
         "Date in +0000 with (UTC) comment", "search: élus"])


def m027(h006: str):
    t = D(2025, 2, 5, 11, 2, 17)
    qid6 = qid(6)
    bnd = f"{qid6}.1738749737/{MX}"
    notice = T(f"""
This is the mail system at host {MX}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<ce.0380999z@ac-grenobel.fr>: Host or domain name not found. Name service error
    for name=ac-grenobel.fr type=A: Host not found
""")
    status = T(f"""
Reporting-MTA: dns; {MX}
X-Postfix-Queue-ID: {qid6}
X-Postfix-Sender: rfc822; {OFFICE}
Arrival-Date: {fmt(D(2025, 2, 5, 11, 2, 14), 'CET')}

Final-Recipient: rfc822; ce.0380999z@ac-grenobel.fr
Original-Recipient: rfc822;ce.0380999z@ac-grenobel.fr
Action: failed
Status: 5.4.4
Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error
    for name=ac-grenobel.fr type=A: Host not found
""")
    # Original headers as they left the office (without the local delivery lines).
    orig = "\n".join(l for l in h006.rstrip("\n").split("\n")
                     if not l.startswith(("Return-Path", "Delivered-To"))) + "\n"
    body = multipart(bnd, [
        part(H(("Content-Description", "Notification"),
               ("Content-Type", "text/plain; charset=us-ascii")), notice.encode("ascii")),
        part(H(("Content-Description", "Delivery report"),
               ("Content-Type", "message/delivery-status")), status.encode("ascii")),
        part(H(("Content-Description", "Undelivered Message Headers"),
               ("Content-Type", "text/rfc822-headers")), orig.encode("ascii")),
    ], preamble="This is a MIME-encapsulated message.")
    h = H(
        f"Return-Path: <>",
        f"Delivered-To: {OFFICE}",
        ("Received", f"by {MX} (Postfix)\n\tid 7E41C2C0981; {fmt(t, 'CET')}"),
        ("Date", fmt(t, "CET")),
        ("From", f"MAILER-DAEMON@{MX} (Mail Delivery System)"),
        ("Subject", "Undelivered Mail Returned to Sender"),
        ("To", OFFICE),
        ("Auto-Submitted", "auto-replied"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/report; report-type=delivery-status;\n\tboundary=\"{bnd}\""),
        ("Content-Transfer-Encoding", "8bit"),
        ("Message-Id", f"<20250205100217.7E41C2C0981@{MX}>"),
    )
    add(27, "bounce-mailer-daemon", msg(h, body),
        ["bounce: multipart/report; report-type=delivery-status from MAILER-DAEMON",
         "message/delivery-status part", f"text/rfc822-headers part with the office's original Message-ID {M006} (file 006)"])


def m028():
    t = D(2026, 2, 2, 3, 14, 55, off=-300)
    b = T("""
Madame, Monsieur le Maire,

Nous avons le plaisir de vous informer que votre commune a été sélectionnée pour bénéficier d'une SUBVENTION EUROPÉENNE EXCEPTIONNELLE de 250 000 € destinée à la rénovation des bâtiments publics.

Pour débloquer les fonds, il vous suffit de régler les frais de dossier de 490 € et de nous retourner le formulaire ci-dessous avant 48 heures.

>>> https://feac-subventions.top/dossier?id=38-2026 <<<

Attention : passé ce délai, l'enveloppe sera attribuée à une autre commune.

Service Attribution
Fonds Européen d'Aide aux Communes
""")
    h = H(
        inbound(t, "vps-4471.hosting-cheap.top", "203.0.113.244", 28, "contact@feac-subventions.top",
                auth="fail"),
        ("X-Spam-Checker-Version", f"SpamAssassin 4.0.0 (2022-12-13) on {MX}"),
        ("X-Spam-Flag", "YES"),
        ("X-Spam-Level", "**************"),
        ("X-Spam-Status", "Yes, score=14.2 required=5.0 tests=BAYES_99,BAYES_999,\n"
                          "\tFREEMAIL_FORGED_REPLYTO,MONEY_FRAUD_5,RCVD_IN_SBL,SPF_FAIL,\n"
                          "\tURIBL_ABUSE_SURBL autolearn=spam autolearn_force=no version=4.0.0"),
        ("Date", fmt(t)),
        ("From", "\"Fonds Europeen d'Aide aux Communes\" <contact@feac-subventions.top>"),
        ("Reply-To", "feac.dossiers2025@gmail.com"),
        ("To", OFFICE),
        ("Subject", "[SPAM] " + ew("Votre commune est éligible à une subvention de 250 000 €",
                                   "UTF-8", "B")),
        ("Message-ID", "<20260202081455.5521.qmail@vps-4471.hosting-cheap.top>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=\"utf-8\""),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Priority", "1 (Highest)"),
    )
    add(28, "spam-subvention-europeenne", msg(h, wrap(b).encode("utf-8")),
        ["spam flagged by the server: X-Spam-Flag: YES, X-Spam-Status, '[SPAM]' prefix",
         "Date in -0500", "spf=fail", "search: subvention"])


def m029():
    t = D(2025, 5, 27, 22, 41, 9)
    b = T("""
Nouveau message reçu depuis le formulaire de contact du site.

Nom : MARTIN
Prénom : Lucie
Courriel : lucie.martin.smh@gmail.com
Téléphone : 06 39 98 12 05
Commune : Saint-Martin-d'Hères (38400)
Objet : Question / demande d'information

Message :
Bonjour, je suis responsable d'une petite association d'aide aux devoirs à Saint-Martin-d'Hères (40 enfants, tous les encadrants sont bénévoles). La subvention de la CAF que nous recevions a été divisée par deux cette année et nous risquons de fermer à la rentrée. Un élu municipal m'a conseillé de vous écrire. Existe-t-il des fonds de l'État (FDVA ?) que nous pourrions solliciter ? Merci beaucoup pour votre aide.

--
Envoyé le 27/05/2025 à 22:41 depuis https://www.senateur-exemple.fr/contact
Adresse IP : 203.0.113.54
""")
    h = H(
        f"Return-Path: <noreply@senateur-exemple.fr>",
        f"Delivered-To: {OFFICE}",
        ("Received", "from www.senateur-exemple.fr (www.senateur-exemple.fr [192.0.2.80])\n"
                     f"\tby {MX} (Postfix) with ESMTP id {qid(29)}\n"
                     f"\tfor <{OFFICE}>; {fmt(t, 'CEST')}"),
        ("Date", fmt(t)),
        ("To", OFFICE),
        ("From", addr("Site senateur-exemple.fr", "noreply@senateur-exemple.fr")),
        ("Reply-To", "Lucie Martin <lucie.martin.smh@gmail.com>"),
        ("Subject", ew("[Contact] Nouveau message de Lucie Martin (Saint-Martin-d'Hères)")),
        ("X-Mailer", "PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    )
    add(29, "formulaire-contact-sans-message-id", msg(h, qp(b, "utf-8")),
        ["NO Message-ID header", "web contact form with Reply-To (real sender) different from From",
         "search: élu, subvention, Saint-Martin-d'Hères"])


def m030():
    t = D(2025, 3, 24, 13, 45, 2)
    pdf = make_pdf(["REPUBLIQUE FRANCAISE - Commune de Vif",
                    "Extrait du registre des délibérations",
                    "Délibération n° 2025-014 du 17 février 2025",
                    "Objet : DETR 2025 - rénovation de l'école Jean-Moulin",
                    "Plan de financement approuvé à l'unanimité."])
    bnd = "KM_C300i_0a1b2c3d4e5f"
    text = ("Envoi de la part de M. le Maire : deliberation n 2025-014 (DETR ecole Jean-Moulin).\n"
            "\n"
            "Nom du peripherique : KM_C300i - Mairie de Vif, accueil\n"
            "Fichier joint : SKM_C300i25032413450.pdf\n")
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain; charset=US-ASCII"),
               ("Content-Transfer-Encoding", "7bit")), text.encode("ascii")),
        part(H(("Content-Type", "application/pdf; name=\"SKM_C300i25032413450.pdf\""),
               ("Content-Transfer-Encoding", "base64"),
               ("Content-Disposition", "attachment; filename=\"SKM_C300i25032413450.pdf\"")), b64(pdf)),
    ], preamble=None)
    h = H(
        inbound(t, "smtp.mairie-vif.fr", "198.51.100.23", 30, "scan@mairie-vif.fr"),
        ("Message-ID", "<KM_C300i-0017283945@mairie-vif.fr>"),
        ("From", "\"Copieur Mairie Vif\" <scan@mairie-vif.fr>"),
        ("To", OFFICE),
        ("Subject", "Numerisation - deliberation 2025-014"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/mixed; boundary=\"{bnd}\""),
        ("X-Mailer", "KONICA MINOLTA bizhub C300i"),
    )
    add(30, "copieur-vif-sans-date", msg(h, body),
        ["NO Date header (only the Received line carries a date)", "PDF attachment from a copier",
         "us-ascii 7bit text part"])


# ==========================================================================
# La Rivière: same Message-ID twice (031, 032)
# ==========================================================================
M031 = "<8d41c7e2-3f5a-4b9e-a0c1-2e7f6d5b4a39@lariviere38.fr>"


def riviere_invite(n: int, t, hour_line: str, note: str | None):
    b = T(f"""
Madame la Sénatrice,

J'ai le plaisir de vous inviter à l'inauguration des travaux de rénovation et d'agrandissement de l'école de La Rivière, financés avec le concours de l'État (DETR 2023), du Département de l'Isère et de la Région.

{hour_line}
""")
    if note:
        b += "\n" + note + "\n"
    b += T("""
Votre présence nous honorerait.

Gilles Rey
Maire de La Rivière
38210 LA RIVIÈRE
""")
    h = H(
        inbound(t, "smtp.lariviere38.fr", "198.51.100.121", n, "maire@lariviere38.fr"),
        ("Message-ID", M031),
        ("Date", fmt(t)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("From", "Gilles Rey <maire@lariviere38.fr>"),
        ("To", OFFICE),
        ("Subject", ew("Invitation – inauguration de l'école rénovée de La Rivière")),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    )
    return msg(h, wrap(b).encode("utf-8"))


def m031():
    add(31, "la-riviere-invitation-v1", riviere_invite(
        31, D(2025, 5, 20, 14, 12, 5),
        "La cérémonie aura lieu le samedi 14 juin 2025 à 10 h, dans la cour de l'école, en présence des enfants et des enseignants. Elle sera suivie d'un apéritif offert par la municipalité.",
        None),
        [f"same Message-ID as 032 ({M031}), first version", "invitation à une inauguration",
         "search: école"])


def m032():
    add(32, "la-riviere-invitation-v2-meme-message-id", riviere_invite(
        32, D(2025, 5, 20, 16, 40, 31),
        "La cérémonie aura lieu le samedi 14 juin 2025 à 11 h (et non 10 h comme indiqué par erreur dans mon précédent envoi), dans la cour de l'école, en présence des enfants et des enseignants. Elle sera suivie d'un apéritif offert par la municipalité.",
        "Je vous prie de bien vouloir excuser cette erreur."),
        [f"same Message-ID as 031 ({M031}) but a DIFFERENT body and Date (corrected resend)"])


# ==========================================================================
# Other languages and short message (033, 034, 035, 036)
# ==========================================================================
def m033():
    t = D(2025, 4, 3, 16, 5, 12, off=60)
    b = T("""
Dear Senator Marchal,

I am a correspondent for The Alpine Observer, a UK-based magazine covering mountain communities across Europe. I am currently preparing a long-form feature on the return of the wolf to the French Alps and its impact on sheep farmers, particularly in the Trièves area.

I understand that several mayors in your constituency have raised concerns about livestock losses and compensation delays. I would be very grateful for the opportunity to interview you, in person or by video call, at some point during the week of 14 April. The interview could be conducted in French if you prefer.

Please let me know whether this might be possible, and whom I should contact to arrange it.

Best regards,

Sarah Whitfield
Correspondent, The Alpine Observer
+44 20 7946 0321
""")
    h = H(
        inbound(t, "mail-lo2gbr01on2095.outbound.protection.outlook.com", "203.0.113.95", 33,
                "sarah.whitfield@alpine-observer.co.uk"),
        ("From", "Sarah Whitfield <sarah.whitfield@alpine-observer.co.uk>"),
        ("Content-Type", "text/plain;\n\tcharset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("Mime-Version", "1.0 (Mac OS X Mail 16.0 \\(3774.500.171.1.1\\))"),
        ("Subject", "Interview request - wolves and livestock farming in Isere"),
        ("Message-Id", M033),
        ("Date", fmt(t)),
        ("To", OFFICE),
        ("X-Mailer", "Apple Mail (2.3774.500.171.1.1)"),
    )
    add(33, "journaliste-anglaise-loup", msg(h, qp(b, "utf-8")),
        ["message in English (language detection)", "UTF-8 QP", "Date in +0100 (London BST)",
         "Apple Mail 'Mime-Version: 1.0 (Mac OS X Mail …)' comment", "journalist"])


def m034():
    t = D(2024, 9, 30, 11, 40, 27)
    b = T("""
Gentile Senatrice Marchal,

mi permetto di scriverLe in qualità di sindaco di Oulx, in Alta Val di Susa, a nome di un gruppo di comuni alpini piemontesi confrontati, come i comuni del Trièves e dell'Oisans, alla presenza sempre più numerosa del lupo.

I nostri allevatori vivono le stesse difficoltà dei vostri: attacchi ripetuti alle greggi, costi elevati per i cani da guardiania e le recinzioni, indennizzi tardivi. Il lupo non conosce frontiere e riteniamo che una risposta coordinata tra Francia e Italia sia indispensabile.

Le proponiamo quindi di organizzare un incontro transfrontaliero tra eletti, allevatori e servizi tecnici, eventualmente a Briançon o a Oulx, nella primavera del 2025.

Resto a disposizione per qualsiasi chiarimento e La ringrazio per l'attenzione.

Cordiali saluti,

Marco Bellini
Sindaco di Oulx
""")
    h = H(
        inbound(t, "smtp.comune.oulx.to.it", "198.51.100.177", 34, "sindaco@comune.oulx.to.it"),
        ("Date", fmt(t)),
        ("From", "\"Comune di Oulx - Il Sindaco\" <sindaco@comune.oulx.to.it>"),
        ("To", OFFICE),
        ("Subject", "Proposta di incontro transfrontaliero sul lupo"),
        ("Message-ID", "<3c1f0e2d-b4a5-4c6d-9e8f-7a6b5c4d3e2f@comune.oulx.to.it>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
        ("Content-Transfer-Encoding", "8bit"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "it-IT"),
    )
    # format=flowed: wrapped lines keep a trailing space (soft break)
    flowed = flow(b)
    add(34, "sindaco-oulx-lupo-italien", msg(h, flowed.encode("utf-8")),
        ["message in Italian (language detection)", "UTF-8 8bit format=flowed (trailing-space soft breaks)",
         "LF line endings", "topic: loup"], eol="lf")


def m035():
    t = D(2025, 2, 11, 9, 17, 44)
    b = T("""
Sehr geehrte Frau Senatorin Marchal,

im Rahmen der langjährigen Städtepartnerschaft zwischen Esslingen am Neckar und Vienne plant unser Freundeskreis im Oktober 2025 eine Bürgerreise nach Frankreich. Neben einem Aufenthalt in Vienne würden wir gerne einen Tag in Paris verbringen.

Wäre es möglich, mit einer Gruppe von etwa 25 Personen den Senat im Palais du Luxembourg zu besichtigen? Hätten Sie eventuell Zeit für ein kurzes Gespräch über die deutsch-französische Zusammenarbeit auf kommunaler Ebene?

Für Ihre Rückmeldung danke ich Ihnen im Voraus herzlich.

Mit freundlichen Grüßen

Ursula Kächele
Vorsitzende
Freundeskreis Esslingen–Vienne e. V.
""")
    h = H(
        inbound(t, "mout.kundenserver.example.de", "198.51.100.199", 35,
                "u.kaechele@freundeskreis-esslingen-vienne.de"),
        ("Date", fmt(t)),
        ("From", addr("Ursula Kächele", "u.kaechele@freundeskreis-esslingen-vienne.de", "ISO-8859-1", "Q")),
        ("To", OFFICE),
        ("Subject", ew("Anfrage: Besuch einer Gruppe im französischen Senat", "ISO-8859-1", "Q")),
        ("Message-ID", "<trinity-4f2a9c1e-7b3d-4e5f-a6b7-c8d9e0f1a2b3-1739261864123@3c-app-gmx-bap21>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("Importance", "normal"),
        ("Sensitivity", "Normal"),
        ("X-Priority", "3"),
    )
    add(35, "freundeskreis-esslingen-allemand", msg(h, qp(b, "utf-8")),
        ["message in German (language detection)", "UTF-8 QP body with ISO-8859-1 Q subject/name (mixed)",
         "ß, ä, ü characters"])


def m036():
    t = D(2025, 7, 10, 18, 52, 3)
    h = H(
        inbound(t, "smtp.mairie-vif.fr", "198.51.100.23", 36, "maire@mairie-vif.fr"),
        ("Content-Type", "text/plain; charset=us-ascii"),
        ("Content-Transfer-Encoding", "7bit"),
        ("From", "Jean-Marc Dufresne <maire@mairie-vif.fr>"),
        ("Mime-Version", "1.0 (1.0)"),
        ("Subject", ew("Re: Notification DETR 2025 – école Jean-Moulin")),
        ("Date", fmt(t)),
        ("Message-Id", "<E4B2C9A1-7F3D-4E6B-9A0C-1D2E3F4A5B6C@mairie-vif.fr>"),
        ("References", f"{M001}\n <51c0d9e8f7a64b3c2d1e0f9a8b7c6d5e@senateur-exemple.fr>"),
        ("In-Reply-To", "<51c0d9e8f7a64b3c2d1e0f9a8b7c6d5e@senateur-exemple.fr>"),
        ("To", OFFICE_FROM),
        ("X-Mailer", "iPhone Mail (22F76)"),
    )
    add(36, "vif-merci-court", msg(h, b"Merci !\n"),
        ["very short message ('Merci !')", "us-ascii 7bit", "'Re:' reply from iPhone, References to thread 001"])


# ==========================================================================
# Malformed headers / charsets (037, 038, 040)
# ==========================================================================
def m037():
    t = D(2025, 3, 3, 13, 2, 40)
    b = T("""
Bonjour,

Je souhaiterais rencontrer Mme la Sénatrice ou un de ses collaborateurs lors d'une permanence à Saint-Martin-d'Hères. Je suis locataire dans une résidence du bailleur social de la commune et nous avons depuis deux ans des problèmes d'humidité et de moisissures que personne ne règle. L'élu de quartier nous renvoie vers le bailleur, le bailleur vers la métropole.

Quelles sont vos prochaines dates de permanence ?

Merci,
René Blanc
""")
    h = H(
        inbound(t, "mail-ej1-f54.google.com", "203.0.113.154", 37, "rene.blanc38@gmail.com"),
        ("MIME-Version", "1.0"),
        ("From", "=?UTF-8?Q?Ren=C3=A9_Blanc?= <rene.blanc38@gmail.com>"),
        ("Date", fmt(t)),
        ("Message-ID", "<CAH9kPq3nT0vXw8Yz2b4R1mL6sD7fG5hJ3kA9cE0uV2xN4oQ@mail.gmail.com>"),
        # MALFORMED: encoded word never terminated (no closing "?=").
        ("Subject", "=?UTF-8?Q?Demande_de_rendez-vous_avec_un_=C3=A9lu_-_Saint-Martin-d'H=C3=A8res"),
        ("To", OFFICE),
        ("Content-Type", "text/plain; charset=\"UTF-8\""),
        ("Content-Transfer-Encoding", "quoted-printable"),
    )
    add(37, "malforme-encoded-word-sans-fin", msg(h, qp(b, "utf-8")),
        ["MALFORMED RFC 2047 subject: encoded word missing its terminating '?='",
         "search: élu, Saint-Martin-d'Hères"])


def m038():
    t = D(2025, 1, 8, 10, 44, 18)
    b = T("""
Bonjour,

Je me permets de relancer notre demande du mois de novembre concernant une subvention pour l'organisation de la fête de la Saint-Jean 2025 à Rives (concerts, feu d'artifice, 3 000 visiteurs attendus).

La mairie nous verse déjà 4 500 €, mais avec la hausse des coûts de sécurité nous avons un déficit prévisionnel de 6 000 €. Nous avons bien compris que la réserve parlementaire n'existe plus ; pourriez-vous nous indiquer vers quels dispositifs nous tourner (FDVA, Département, Région) ?

Bien à vous,

Hélène Dubois-Côte
Présidente du Comité des fêtes de Rives
38140 Rives
""")
    top = H(
        inbound(t, "smtp-07.smtpout.orange.fr", "203.0.113.7", 38, "helene.dubois-cote@orange.fr"),
        ("Date", fmt(t)),
    ).encode("ascii")
    # MALFORMED: raw UTF-8 in the display name, and raw UTF-8 bytes inside an
    # encoded word that claims ISO-8859-1.
    raw = ("From: Hélène Dubois-Côte <helene.dubois-cote@orange.fr>\n".encode("utf-8")
           + b"Subject: =?ISO-8859-1?Q?Relance_=96_subvention_Comit" + "é".encode("utf-8")
           + b"_des_f=EAtes_de_Rives?=\n")
    rest = H(
        ("To", OFFICE),
        ("Message-ID", "<1480239311.2213.1736329458871.JavaMail.open-xchange@opme11oxm12nd1.rouen.francetelecom.fr>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Priority", "3"),
        ("Importance", "Normal"),
        ("X-Mailer", "Open-Xchange Mailer v7.10.6-Rev63"),
    ).encode("ascii")
    add(38, "malforme-8bit-dans-encoded-word", msg(top + raw + rest, wrap(b).encode("utf-8")),
        ["MALFORMED: raw 8-bit UTF-8 inside an =?ISO-8859-1?Q? encoded word (also a bogus =96 in Latin-1)",
         "raw unencoded UTF-8 display name in From", "search: subvention"])


def m040():
    t = D(2025, 10, 6, 8, 31, 2)
    b = T("""
Madame la Sénatrice,

Au nom de la section UNC de Vif – Le Genevrey, j’ai l’honneur de vous inviter à la cérémonie commémorative du 11 novembre 2025.

Programme :
– 10 h 15 : rassemblement place de la Mairie
– 10 h 30 : défilé jusqu’au monument aux morts, dépôt de gerbes, lecture du message de l’UFAC
– 11 h 15 : vin d’honneur offert par la municipalité, salle des fêtes

Les enfants des écoles de la commune liront des lettres de « poilus ». Votre présence serait un grand honneur pour nos anciens… et pour les porte-drapeaux.

Veuillez agréer, Madame la Sénatrice, l’expression de nos sentiments respectueux.

Le président,
Raymond Chevallier
UNC Vif – Le Genevrey
""")
    h = H(
        inbound(t, "smtp-15.smtpout.orange.fr", "203.0.113.15", 40, "unc.vif@orange.fr"),
        ("From", "\"UNC Vif - Le Genevrey\" <unc.vif@orange.fr>"),
        ("To", OFFICE),
        ("Subject", "Commemoration du 11 novembre 2025 - Vif"),
        ("Date", fmt(t)),
        ("Message-ID", "<000c01dc3688$9a8b7c6d$5e4f3a2b$@orange.fr>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=\"iso-8859-99\""),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Mailer", "Microsoft Windows Live Mail 16.4.3528.331"),
    )
    add(40, "unc-vif-11-novembre-iso-8859-99", msg(h, wrap(b).encode("cp1252")),
        ["unknown charset label charset=\"iso-8859-99\" (body bytes are really windows-1252: 0x92, 0x96, 0x85, 0xAB/0xBB)",
         "invitation (cérémonie)", "search: écoles"])


# ==========================================================================
# Press, prefecture, associations, citizens (041-045, 048, 050, 051)
# ==========================================================================
def m041():
    t = D(2025, 2, 12, 17, 48, 26)
    b = T("""
Bonjour,

Je suis journaliste au Dauphiné Libéré (rédaction de Grenoble). Je prépare pour l'édition de vendredi un article sur la carte scolaire 2025 en Isère : plusieurs dizaines de fermetures de classes sont annoncées dans le département, dont plusieurs dans des écoles rurales du Trièves et une à Meylan.

Mme Marchal souhaiterait-elle réagir ? Quelques lignes suffiront, ou un court entretien téléphonique demain avant 16 h.

Mon numéro : 06 39 98 73 10.

Merci d'avance,

Pauline Charvet
Le Dauphiné Libéré – Rédaction de Grenoble
""")
    h = H(
        inbound(t, "mx.ledauphine.com", "198.51.100.90", 41, "pauline.charvet@ledauphine.com"),
        ("Date", fmt(t)),
        ("From", "Pauline Charvet <pauline.charvet@ledauphine.com>"),
        ("To", OFFICE),
        ("Subject", "Carte scolaire en Isere : demande de reaction de la senatrice"),
        ("Message-ID", "<CAJ4nR8t2Yq+w0pZ3vX7mK1bL5cD9eF6gH2iJ0kA4sQ8uW3@mail.gmail.com>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=\"UTF-8\""),
        ("Content-Transfer-Encoding", "8bit"),
    )
    add(41, "journaliste-dauphine-carte-scolaire", msg(h, b.encode("utf-8")),
        ["journalist request", "UTF-8 8bit, unwrapped long lines", "ASCII subject without accents",
         "topic: fermeture de classe", "search: écoles"])


def m042():
    t = D(2025, 7, 8, 15, 3, 12)
    b = T("""
Mesdames et Messieurs les parlementaires,

En application de l'article L. 2334-37 du code général des collectivités territoriales, j'ai l'honneur de vous transmettre la liste des opérations retenues au titre de la dotation d'équipement des territoires ruraux (DETR) pour l'exercice 2025 dans l'arrondissement de Grenoble.

Parmi les principales opérations :
- Vif : rénovation thermique et mise en accessibilité de l'école élémentaire Jean-Moulin – 380 000 €
- Mens : création d'une maison de santé pluriprofessionnelle – 250 000 €
- La Rivière : restauration du clocher de l'église – 95 000 €
- Quincieu : mise aux normes de la salle polyvalente – 48 000 €

La liste complète figure dans le document joint.

Je vous prie d'agréer, Mesdames et Messieurs les parlementaires, l'expression de ma considération distinguée.

Pour le préfet et par délégation,
Le secrétaire général

Bureau des concours financiers de l'État
Direction de la citoyenneté et de la légalité
Préfecture de l'Isère
""")
    pdf = make_pdf(["Préfecture de l'Isère - DETR 2025",
                    "Arrondissement de Grenoble - opérations retenues",
                    "Vif - école élémentaire Jean-Moulin - 380 000 EUR",
                    "Mens - maison de santé pluriprofessionnelle - 250 000 EUR",
                    "La Rivière - clocher de l'église - 95 000 EUR",
                    "Quincieu - salle polyvalente - 48 000 EUR"])
    bnd = "=_a4c19f2e7b8d3a6c5e1f0b9d"
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain; charset=UTF-8"),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(b, "utf-8")),
        part(H(("Content-Type", "application/pdf;\n name=Programmation_DETR_2025_arr_Grenoble.pdf"),
               ("Content-Transfer-Encoding", "base64"),
               ("Content-Disposition", "attachment;\n filename=Programmation_DETR_2025_arr_Grenoble.pdf;\n"
                                       " size=%d" % len(pdf))), b64(pdf)),
    ], preamble=None)
    h = H(
        inbound(t, "smtp.isere.gouv.fr", "198.51.100.250", 42, "pref-dotations@isere.gouv.fr"),
        ("MIME-Version", "1.0"),
        ("Date", fmt(t)),
        ("From", "PREF38/DCL/BCFE <pref-dotations@isere.gouv.fr>"),
        ("To", "undisclosed-recipients:;"),
        ("Subject", ew("Programmation DETR 2025 – arrondissement de Grenoble – information des parlementaires")),
        ("Message-ID", "<b8f3d2c1a0e94f7d@isere.gouv.fr>"),
        ("X-Sender", "pref-dotations@isere.gouv.fr"),
        ("User-Agent", "Roundcube Webmail/1.6.6"),
        ("Content-Type", f"multipart/mixed;\n boundary=\"{bnd}\""),
    )
    add(42, "prefecture-programmation-detr", msg(h, body),
        ["prefecture sender", "To: undisclosed-recipients:; (office was Bcc)",
         "unquoted attachment filename parameter + size parameter", "UTF-8 QP",
         "topic: DETR (closes thread 001)", "search: école, l'église (lower case)"])


def m043():
    t = D(2025, 1, 30, 20, 14, 55)
    text = T("""
Madame la Sénatrice,

Nous, parents d'élèves de l'école primaire de Mens, avons appris avec consternation que l'inspection académique envisage la fermeture d'une classe à la rentrée 2025.

Notre école accueille 97 enfants venus de Mens et de six communes voisines du Trièves. Certains font déjà plus de 30 minutes de car chaque matin. Une fermeture entraînerait des classes à trois niveaux et fragiliserait encore l'attractivité de notre territoire rural, qui peine déjà à attirer des médecins et des familles.

Une pétition a recueilli 842 signatures en une semaine. Vous la trouverez en ligne : https://petition.example.org/ecole-mens

Nous vous demandons de soutenir notre mobilisation auprès de la DASEN.

Pour l'APE,
Camille Jullien, présidente
Association des parents d'élèves de l'école de Mens
""")
    paras = text.rstrip("\n").split("\n\n")
    html_paras = []
    for p in paras:
        p = (p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
             .replace("\n", "<br>"))
        p = p.replace("https://petition.example.org/ecole-mens",
                      '<a href="https://petition.example.org/ecole-mens">https://petition.example.org/ecole-mens</a>')
        html_paras.append(f"<div>{p}</div><div><br></div>")
    html = '<div dir="ltr">' + "".join(html_paras) + "</div>\n"
    bnd = "000000000000b4a1c2062d9f3e1a"
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain; charset=\"UTF-8\""),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(text, "utf-8")),
        part(H(("Content-Type", "text/html; charset=\"UTF-8\""),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(html, "utf-8")),
    ], preamble=None)
    h = H(
        inbound(t, "mail-wm1-f43.google.com", "203.0.113.143", 43, "ape.ecole.mens@gmail.com"),
        ("MIME-Version", "1.0"),
        ("From", addr("APE École de Mens", "ape.ecole.mens@gmail.com")),
        ("Date", fmt(t)),
        ("Message-ID", "<CAGx1mPn5Lr7Tq2Ws9Ye0Ua3Io6Pd8Fk4Gj1Hl7Zx2Cv5Bn@mail.gmail.com>"),
        ("Subject", ew("Fermeture de classe à l'école de Mens : pétition des parents")),
        ("To", OFFICE),
        ("Content-Type", f"multipart/alternative; boundary=\"{bnd}\""),
    )
    add(43, "ape-mens-fermeture-classe-gmail", msg(h, body),
        ["multipart/alternative Gmail style (text QP + html QP)", "association (parents d'élèves)",
         "topic: fermeture de classe", "search: école"])


def m044():
    t = D(2026, 1, 20, 9, 26, 40)
    b = T("""
Madame la Sénatrice,

Je suis conseillère municipale de Saint-Martin-d'Hères. Je me permets de vous solliciter au sujet de la piscine du centre-ville, fermée depuis 2023 pour des raisons de sécurité et toujours pas rouverte en ce début d'année 2026.

Sa réhabilitation est estimée à 9 millions d'euros. La commune a sollicité une subvention de l'Agence nationale du sport ainsi que la DSIL, sans réponse à ce jour. Pendant ce temps, les élèves des écoles de la commune n'ont plus accès à l'apprentissage de la natation, alors que le « savoir-nager » est une priorité nationale.

Pourriez-vous vous renseigner sur l'état d'avancement de ces demandes ?

Respectueusement,

Nathalie Ferrand
Conseillère municipale de Saint-Martin-d'Hères
""")
    h = H(
        inbound(t, "mail-am7eur03olkn0811.outbound.protection.outlook.com", "203.0.113.81", 44,
                "nathalie.ferrand38@hotmail.fr"),
        ("From", "Nathalie Ferrand <nathalie.ferrand38@hotmail.fr>"),
        ("To", addr("Sénatrice Hélène Marchal", OFFICE)),
        ("Subject", ew("Subvention piscine – Saint-Martin-d'Hères", "UTF-8", "B")),
        ("Thread-Topic", ew("Subvention piscine – Saint-Martin-d'Hères", "UTF-8", "B")),
        ("Thread-Index", "AQHcidB8k0m2x5L1t9V3b7N6y4R2wQ=="),
        ("Date", fmt(t)),
        ("Message-ID", "<AM7P189MB0801E5F4A3B2C1D0@AM7P189MB0801.EURP189.PROD.OUTLOOK.COM>"),
        ("Accept-Language", "fr-FR, en-US"),
        ("Content-Language", "fr-FR"),
        "X-MS-Has-Attach:",
        ("Content-Type", "text/plain; charset=\"utf-8\""),
        ("Content-Transfer-Encoding", "base64"),
        ("MIME-Version", "1.0"),
    )
    add(44, "conseillere-smh-piscine-base64", msg(h, b64(b.encode("utf-8"))),
        ["text/plain UTF-8 base64 (Outlook.com)", "RFC 2047 =?UTF-8?B? subject",
         "municipal councillor", "search: subvention, écoles, Saint-Martin-d'Hères"])


def m045():
    t = D(2025, 8, 28, 10, 12, 0)
    b = T("""
Madame la Sénatrice,

L’association « Mémoire et patrimoine du Passage », que je préside, œuvre depuis 2012 à la sauvegarde de l’Église du Passage et de son mobilier.

Une étude de l’architecte du patrimoine a mis en évidence d’importants désordres : infiltrations dans la nef, fissures du chœur, dégradation des vitraux du XIXe siècle… Le montant des travaux est évalué à 420 000 € HT, que la commune ne peut assumer seule.

Une souscription a été ouverte avec la Fondation du patrimoine (18 500 € collectés à ce jour). La commune a sollicité une subvention au titre de la DETR et du Département ; nous souhaiterions savoir si d’autres fonds pourraient également être mobilisés.

Nous serions très honorés si vous acceptiez de visiter l’édifice lors d’un de vos déplacements dans le Nord-Isère.

Avec nos respectueuses salutations,

Jacqueline Mollier
Présidente de l’association « Mémoire et patrimoine du Passage »
Le Bourg – 38490 LE PASSAGE
""")
    h = H(
        inbound(t, "smtp-19.smtpout.orange.fr", "203.0.113.19", 45, "patrimoine.lepassage@orange.fr"),
        ("From", addr("Mémoire et patrimoine du Passage", "patrimoine.lepassage@orange.fr",
                      "windows-1252", "Q")),
        ("To", OFFICE),
        ("Subject", ew("Restauration de l’Église du Passage – demande de soutien", "windows-1252", "Q")),
        ("Date", fmt(t)),
        ("Message-ID", "<001d01dc17f5$2b3c4d5e$6f708192$@orange.fr>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain;\n\tcharset=\"windows-1252\""),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    )
    add(45, "patrimoine-le-passage-eglise-cp1252", msg(h, qp(b, "cp1252")),
        ["windows-1252 QP body (=92 ’, =9C œ, =80 €, =85 …, =AB/=BB « »)",
         "RFC 2047 =?windows-1252?Q? subject and name", "association",
         "search: l’Église (curly apostrophe), subvention"])


def m048():
    t = D(2025, 9, 15, 7, 12, 48)
    b = T("""
Madame la Sénatrice,

Je vous écris en tant que maman de deux enfants scolarisés à l'école du Genevrey, à Vif. Chaque matin, nous devons traverser la RD 1075 à pied pour rejoindre l'arrêt de car et l'école. Les véhicules y roulent très vite malgré la limitation à 50 km/h et il n'existe aucun passage piéton protégé ni feu.

Il y a eu deux accidents graves depuis janvier. La mairie dit que c'est au Département de décider, le Département dit que c'est à la mairie de financer l'aménagement.

Est-ce que vous pourriez intervenir pour qu'un plateau ralentisseur ou un feu soit installé avant qu'un enfant se fasse renverser ?

Merci beaucoup,
Julie Moreau
Le Genevrey, 38450 Vif
""")
    h = H(
        inbound(t, "mail-wr1-f51.google.com", "203.0.113.151", 48, "julie.moreau.vif@gmail.com"),
        ("Date", fmt(t)),
        ("From", "Julie Moreau <julie.moreau.vif@gmail.com>"),
        ("To", OFFICE),
        ("Message-ID", "<7b2e9c41-0d3f-4a5b-8c6d-e7f8a9b0c1d2@gmail.com>"),
        ("Subject", ew("Sécurité RD 1075 au Genevrey")),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("User-Agent", "K-9 Mail for Android"),
    )
    add(48, "citoyenne-vif-rd1075", msg(h, wrap(b).encode("utf-8")),
        ["UTF-8 8bit", "LF line endings", "gmail citizen", "topic: route départementale",
         "search: école"], eol="lf")


def m050():
    t = D(2025, 5, 5, 14, 33, 21)
    text = T("""
Madame la Sénatrice,

Le président de la communauté de communes du Trièves et les élus du conseil communautaire ont le plaisir de vous convier à l’inauguration de la nouvelle station d’épuration intercommunale de Mens.

Vendredi 23 mai 2025 à 11 h
Station d’épuration – route de Saint-Baudille – 38710 Mens

Cet équipement de 3 000 équivalents-habitants, d’un coût de 4,2 M€, a bénéficié du soutien de l’Agence de l’eau, de l’État (DETR) et du Département. Il permettra la mise en conformité de l’assainissement collectif de Mens et de trois communes voisines.

Une visite des installations sera proposée à l’issue des discours.

Merci de confirmer votre présence avant le 16 mai.

Service communication
Communauté de communes du Trièves
""")
    html = T("""
<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;}
span.EmailStyle17
	{mso-style-type:personal-compose;
	font-family:"Calibri",sans-serif;
	color:windowtext;}
--></style>
</head>
<body lang="FR" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
<p class="MsoNormal">Madame la S&eacute;natrice,<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Le pr&eacute;sident de la communaut&eacute; de communes du Tri&egrave;ves et les &eacute;lus du conseil communautaire ont le plaisir de vous convier &agrave; l&#8217;inauguration de la nouvelle station d&#8217;&eacute;puration intercommunale de Mens.<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal"><b>Vendredi 23 mai 2025 &agrave; 11 h<br>
Station d’épuration – route de Saint-Baudille – 38710 Mens</b><o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Cet équipement de 3&nbsp;000 équivalents-habitants, d’un coût de 4,2&nbsp;M€, a bénéficié du soutien de l’Agence de l’eau, de l’État (DETR) et du Département. Il permettra la mise en conformité de l’assainissement collectif de Mens et de trois communes voisines.<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Une visite des installations sera propos&eacute;e &agrave; l&#8217;issue des discours.<o:p></o:p></p>
<p class="MsoNormal">Merci de confirmer votre pr&eacute;sence avant le 16&nbsp;mai.<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal"><span style="color:#1F4E79">Service communication<br>
Communaut&eacute; de communes du Tri&egrave;ves</span><o:p></o:p></p>
</div>
</body>
</html>
""")
    bnd = "_000_PR1P191MB1234C5D6E7F8A9B0PR1P191MB1234EURP_"
    body = multipart(bnd, [
        part(H(("Content-Type", "text/plain; charset=\"Windows-1252\""),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(text, "cp1252")),
        part(H(("Content-Type", "text/html; charset=\"Windows-1252\""),
               ("Content-Transfer-Encoding", "quoted-printable")), qp(html, "cp1252")),
    ], preamble=None)
    h = H(
        inbound(t, "mail-pr1eur02on2111.outbound.protection.outlook.com", "203.0.113.111", 50,
                "communication@cc-trieves.fr"),
        ("From", "Communication CC Trieves <communication@cc-trieves.fr>"),
        ("To", OFFICE),
        ("Subject", ew("Invitation : inauguration de la station d’épuration de Mens",
                       "windows-1252", "Q")),
        ("Thread-Topic", ew("Invitation : inauguration de la station d’épuration de Mens",
                            "windows-1252", "Q")),
        ("Thread-Index", "Adu9kR3x8bPw0Tq1S2mZ4vK7yN5cUw=="),
        ("Date", fmt(t)),
        ("Message-ID", "<PR1P191MB1234C5D6E7F8A9B0@PR1P191MB1234.EURP191.PROD.OUTLOOK.COM>"),
        ("Accept-Language", "fr-FR"),
        ("Content-Language", "fr-FR"),
        "X-MS-Has-Attach:",
        ("Content-Type", f"multipart/alternative;\n\tboundary=\"{bnd}\""),
        ("MIME-Version", "1.0"),
    )
    add(50, "cc-trieves-inauguration-step-outlook", msg(h, body),
        ["multipart/alternative Outlook style (windows-1252 QP text + Word HTML with MsoNormal, &#8217;)",
         "invitation à une inauguration", "search: assainissement, élus"])


def m051():
    t = D(2024, 10, 2, 21, 8, 33)
    b = T("""
Mesdames et Messieurs les parlementaires,

Les maires du Trièves soussignés souhaitent vous alerter solennellement sur la situation de nos éleveurs face à la prédation du loup.

En 2024, plus de 400 animaux ont été tués sur notre territoire. Derrière ces chiffres, ce sont des familles épuisées, qui passent leurs nuits auprès de leurs troupeaux, et une activité pastorale qui façonne nos paysages depuis des siècles qui est menacée.

Nous demandons :
1. la simplification des tirs de défense et le renforcement des moyens de la brigade loup ;
2. le versement des indemnisations dans un délai de deux mois ;
3. la prise en charge intégrale des moyens de protection (chiens, clôtures, bergers) ;
4. la reconnaissance du préjudice moral et des pertes indirectes.

Nous comptons sur vous pour porter cette voix au Parlement et auprès du Gouvernement.

Les maires de Mens, Clelles, Monestier-de-Clermont, Chichilianne, Lalley, Saint-Baudille-et-Pipet, Cordéac et Tréminis
""")
    h = H(
        inbound(t, "mail-ed1-f47.google.com", "203.0.113.147", 51, "collectif.maires.trieves@gmail.com"),
        ("MIME-Version", "1.0"),
        ("From", "Collectif des maires du Trieves <collectif.maires.trieves@gmail.com>"),
        ("Date", fmt(t)),
        ("Message-ID", "<CAB3wLq8Ht5Nm2Xr0Ks7Vd4Jf1Gp9Ya6Ec3Zu8Ti5Ro2Wn7@mail.gmail.com>"),
        ("Subject", ew("Loup : lettre ouverte des maires du Trièves aux parlementaires")),
        ("To", "undisclosed-recipients:;"),
        ("Bcc", OFFICE),
        ("Content-Type", "text/plain; charset=\"UTF-8\""),
        ("Content-Transfer-Encoding", "quoted-printable"),
    )
    add(51, "collectif-maires-trieves-loup", msg(h, qp(b, "utf-8")),
        ["To: undisclosed-recipients:; with Bcc to the office", "collective letter from several mayors",
         "topic: loup et éleveurs"])


# ==========================================================================
# Build
# ==========================================================================
def build() -> None:
    m001(); m002(); m003(); m004(); m005()
    h006 = m006()
    m007(); m008(); m009(); m010(); m011(); m012(); m013(); m014(); m015()
    m016(); m017(); m018(); m019(); m020(); m021(); m022(); m023(); m024()
    m025(); m026(); m027(h006); m028(); m029(); m030(); m031(); m032()
    m033(); m034(); m035(); m036(); m037(); m038(); m039(); m040(); m041()
    m042(); m043(); m044(); m045(); m046(); m047(); m048(); m049(); m050()
    m051()
    MESSAGES.sort(key=lambda m: m[0])


COVERAGE = [
    ("text/plain UTF-8 8bit", "001, 006, 017, 022 (part), 025, 028, 041, 046, 048"),
    ("text/plain UTF-8 quoted-printable", "002, 004, 009, 019, 023, 029, 033, 035, 037, 042, 049, 051"),
    ("text/plain UTF-8 base64", "015, 044"),
    ("ISO-8859-1 quoted-printable", "005, 018 (part), 047"),
    ("ISO-8859-1 8bit", "007, 010"),
    ("ISO-8859-15 8bit with € (0xA4) and œ (0xBD)", "008"),
    ("windows-1252 8bit (0x92 ’, 0x9C œ, 0x80 €, 0x85 …, 0x96 –)", "003"),
    ("windows-1252 quoted-printable", "016 (part), 045, 050 (both parts)"),
    ("8-bit Latin-1 with no charset label", "011 (text/plain without charset), 012 (no Content-Type, no MIME-Version)"),
    ("unknown charset label", "039 (x-unknown-8bit, Latin-1 bytes), 040 (iso-8859-99, windows-1252 bytes)"),
    ("RFC 2047 =?UTF-8?Q?", "001, 002, 006, 013, 014, 019, 021, 023, 026, 029, 031/032, 043, 046, 048, 049, 051"),
    ("RFC 2047 =?UTF-8?B?", "004, 015, 028, 044"),
    ("RFC 2047 =?ISO-8859-1?B?", "005 (display name), 010 (subject)"),
    ("RFC 2047 =?ISO-8859-1?Q?", "005, 007, 035, 047"),
    ("RFC 2047 =?ISO-8859-15?Q?", "008"),
    ("RFC 2047 =?windows-1252?Q?", "003, 016, 045, 050"),
    ("encoded word split across folded lines", "014 (split inside the word 'santé'), also 001, 004, 042 and others"),
    ("MALFORMED encoded word", "037 (no terminating ?=), 038 (raw 8-bit UTF-8 inside =?ISO-8859-1?Q?, raw UTF-8 display name)"),
    ("HTML-only mail", "013"),
    ("multipart/alternative", "014, 026, 043, 050"),
    ("Outlook FR quoted header block (De : / Envoyé : / À : / Objet :)", "003, 004 (NBSP before colons, 3 nested blocks)"),
    ("Outlook EN quoted header block (From: / Sent: / To: / Subject:)", "009"),
    ("'Le … à HH:MM, X <addr> a écrit :' + '> ' quotes", "002, 006, 049"),
    ("Gmail-style forward ('---------- Message transféré ---------')", "046"),
    ("thread with In-Reply-To/References", "001 → 002 → 003 (→ 036); 005 → 006 → 007; 021 → 049"),
    ("reply sent by the office itself (From permanence@)", "002, 006, 049"),
    ("subject prefixes RE: / TR: / Réf : / Fwd: / Re:", "RE: 002, 003, 006, 009, 049; TR: 004, 020; Réf : 007; Fwd: 046; Re: 036"),
    ("thread whose headers were lost (Outlook forward, no References)", "004"),
    ("forward as attachment (message/rfc822)", "020"),
    ("PDF attachment", "016, 022, 030, 042"),
    (".docx attachment", "018"),
    ("image/jpeg attachment", "021"),
    ("RFC 2231 filename*", "016"),
    ("RFC 2047 encoded attachment name", "021"),
    ("auto-reply FR with Auto-Submitted: auto-replied", "023"),
    ("auto-reply EN with X-Auto-Response-Suppress: All + X-MS-Exchange-*", "024"),
    ("'Absence du bureau' with no special headers", "025"),
    ("newsletter / bulk (List-Id, List-Unsubscribe, Precedence: bulk)", "026"),
    ("bounce (multipart/report delivery-status, text/rfc822-headers with office Message-ID of 006)", "027"),
    ("spam flagged (X-Spam-Flag: YES)", "028"),
    ("no Message-ID", "029"),
    ("no Date", "030"),
    ("two different messages sharing one Message-ID", "031, 032"),
    ("same motion du conseil municipal from 3 communes", "017 (La Rivière), 018 (Saint-Sauveur), 019 (Le Passage)"),
    ("English message", "033 (also 024)"),
    ("Italian message", "034"),
    ("German message", "035"),
    ("very short message ('Merci !')", "036"),
    ("undisclosed-recipients / Bcc", "042, 051"),
    ("search words: l'Église", "012 (ASCII '), 045 (curly ’)"),
    ("search words: école / écoles", "001, 005, 017, 020, 022, 031, 040, 041, 043, 044, 048 …"),
    ("search words: Saint-Martin-d'Hères", "013, 029, 037 (malformed subject), 044"),
    ("search words: élu", "029, 037, 039 (plus 'élus' in 004, 005, 017, 026, 050)"),
    ("search words: assainissement", "011, 050"),
    ("search words: subvention", "001, 012, 022, 028, 029, 038, 044, 045"),
]


def source_md() -> str:
    lf = [m[0] for m in MESSAGES if m[1] == "lf"]
    lines = [
        "# Office mailbox fixtures",
        "",
        "Original synthetic messages written for **Permanence** as test fixtures. "
        "They are released under **CC0 1.0** (public domain dedication).",
        "",
        "Every `.eml` file in this directory is generated by "
        "`scripts/make_office_fixtures.py` (Python 3.11, standard library only, deterministic). "
        "Edit the script and re-run it rather than editing the files by hand:",
        "",
        "```",
        "python3 scripts/make_office_fixtures.py",
        "```",
        "",
        "The mailbox is that of the (fictional) parliamentary office of Mme Hélène Marchal, "
        "sénatrice de l'Isère: `permanence@senateur-exemple.fr`. All people and messages are "
        "invented; communes are real Isère communes. Phone numbers use ranges reserved for "
        "fiction and IP addresses use documentation ranges.",
        "",
        "Files are raw bytes written exactly as intended, including deliberately malformed "
        "cases (037, 038) and mislabelled charsets (011, 012, 039, 040). Do not \"fix\" them.",
        "",
        "Dates span 2024-2026 with offsets +0100, +0200, +0000 and -0500; one message (030) "
        "has no Date header.",
        "",
        "## Notes for test authors",
        "",
        "- 012 has no Content-Type at all and 011 has no charset parameter: a strict MIME "
        "decoder treats them as US-ASCII, but the bytes are Latin-1 (`l'\\xC9glise`).",
        "- 037's subject is an unterminated encoded word; most decoders (CPython included) "
        "leave it as literal `=?UTF-8?Q?...` text.",
        "- 038 has raw UTF-8 bytes in From and inside an `=?ISO-8859-1?Q?` word; "
        "decoding as declared gives mojibake (`ComitÃ©`).",
        "- 039/040 use charset labels that no decoder knows; the real bytes are Latin-1 and "
        "windows-1252 respectively.",
        "- 031 and 032 share one Message-ID but differ in Date and body.",
        "- 027 bounces 006: its text/rfc822-headers part carries 006's Message-ID.",
        "",
        "## Line endings",
        "",
        "All files use CRLF line endings except these, which use LF only: "
        + ", ".join(f"`{n}`" for n in lf) + ".",
        "",
        "## Coverage",
        "",
        "| Case | Files |",
        "|---|---|",
    ]
    for case, files in COVERAGE:
        lines.append(f"| {case} | {files} |")
    lines += ["", "## Files", "", "| File | EOL | Covers |", "|---|---|---|"]
    for name, eol, covers, _ in MESSAGES:
        lines.append(f"| `{name}` | {eol.upper()} | {'; '.join(covers).replace('|', '/')} |")
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    build()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.eml"):
        old.unlink()
    for name, _eol, _covers, data in MESSAGES:
        assert len(data) < 20_000, (name, len(data))
        with open(OUT / name, "wb") as f:
            f.write(data)
    with open(OUT / "SOURCE.md", "wb") as f:
        f.write(source_md().encode("utf-8"))
    print(f"wrote {len(MESSAGES)} messages to {OUT}")


if __name__ == "__main__":
    main()
