#!/usr/bin/env python3
"""Generate the labelled kind / case-threading fixtures of Permanence.

Writes
* ``fixtures/cases/messages/NNN-slug.eml``: about 350 messages of the mailbox of the
  (fictional) permanence of « Mme Hélène Marchal, sénatrice de l'Isère »
  (``permanence@senateur-exemple.fr``): inbound mail and the office's own replies, numbered
  by date (2026-01 .. 2026-10);
* ``fixtures/cases/labels.csv`` (``file,kind,case,outgoing,note``): the true kind of each
  message (personal, auto_reply, bulk, bounce, spam), the request case (« dossier ») it
  belongs to (personal mail only), whether the office wrote it, and what it tests;
* ``fixtures/cases/SOURCE.md``: what these are, how to regenerate, what the labels mean.

Then it validates what it wrote: every file parses with Python's ``email``, has From, Date
and (unless deliberately not) a unique Message-ID; every In-Reply-To / References either
points at a message of the set or is listed as deliberately dangling; the labels are
consistent with the case rules (replies by header or quoted block join the case of what
they answer; same correspondent + same normalised subject within 60 days share a case;
campaign messages share one label); DSN bounces name their original, which is an
outgoing message of the set; the counts meet the minimums.

* Python 3.11, standard library only.
* Deterministic: a fixed seed, no clock, no network; running it twice gives
  byte-identical files.

All messages, people, addresses and texts are invented (CC0). Communes are real Isère
communes; their mayors, secretaries and citizens here are invented people. Phone numbers use
the 04 65 71 xx xx / 06 39 98 xx xx ranges reserved for fiction, IP addresses the
documentation ranges.

Usage::

    python3 scripts/make_case_fixtures.py
"""
from __future__ import annotations

import base64
import csv
import datetime as dt
import email
import email.policy
import email.utils
import hashlib
import html as _html
import io
import quopri
import random
import re
import shutil
import sys
import textwrap
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "cases"
SEED = 20260338
R = random.Random(SEED)

OFFICE_ADDR = "permanence@senateur-exemple.fr"
OFFICE_NAME = "Permanence de la sénatrice H. Marchal"
MX = "mx1.senateur-exemple.fr"

# --------------------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------------------

FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
FR_DAYS_ABBR = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
DE_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
DE_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember"]


def D(s: str) -> dt.datetime:
    """'2026-03-03 10:12' (Paris local time) -> aware datetime (+01:00 / +02:00 in 2026)."""
    naive = dt.datetime.strptime(s, "%Y-%m-%d %H:%M")
    summer = dt.datetime(2026, 3, 29, 2) <= naive < dt.datetime(2026, 10, 25, 3)
    return naive.replace(tzinfo=dt.timezone(dt.timedelta(hours=2 if summer else 1)))


def plus(d: dt.datetime, days: float = 0, minutes: float = 0) -> dt.datetime:
    """Adds a delay and re-applies the Paris offset of the new local time."""
    n = (d.replace(tzinfo=None) + dt.timedelta(days=days, minutes=minutes))
    return D(n.strftime("%Y-%m-%d %H:%M"))


def fr_long(d):  # mardi 3 mars 2026 10:12
    return f"{FR_DAYS[d.weekday()]} {d.day} {FR_MONTHS[d.month - 1]} {d.year} {d:%H:%M}"


FR_MONTHS_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def fr_gmail(d):  # mar. 3 mars 2026 à 10:12
    return f"{FR_DAYS_ABBR[d.weekday()]} {d.day} {FR_MONTHS_ABBR[d.month - 1]} {d.year} à {d:%H:%M}"


def fr_text(d):  # 3 mars 2026
    return f"{d.day}{'er' if d.day == 1 else ''} {FR_MONTHS[d.month - 1]} {d.year}"


def en_outlook(d):  # Tuesday, March 3, 2026 10:12 AM
    h = d.hour % 12 or 12
    return f"{EN_DAYS[d.weekday()]}, {EN_MONTHS[d.month - 1]} {d.day}, {d.year} {h}:{d:%M} {'AM' if d.hour < 12 else 'PM'}"


def de_outlook(d):  # Dienstag, 3. März 2026 10:12
    return f"{DE_DAYS[d.weekday()]}, {d.day}. {DE_MONTHS[d.month - 1]} {d.year} {d:%H:%M}"


def rfc_date(d):
    return email.utils.format_datetime(d)


def tzname(d):
    return "CEST" if d.utcoffset() == dt.timedelta(hours=2) else "CET"


# --------------------------------------------------------------------------------------
# people
# --------------------------------------------------------------------------------------

@dataclass
class Person:
    key: str
    name: str            # natural form, « Jean-Marc Dufresne »
    addr: str
    client: str = "outlook"
    sig: str = ""
    display: str | None = None   # what the client writes in From (default: name)

    @property
    def disp(self) -> str:
        return self.name if self.display is None else self.display

    @property
    def domain(self) -> str:
        return self.addr.split("@", 1)[1]


PEOPLE: dict[str, Person] = {}


def person(key, name, addr, client="outlook", sig="", display=None) -> Person:
    assert key not in PEOPLE, key
    p = Person(key, name, addr, client, sig, display)
    PEOPLE[key] = p
    return p


OFFICE = Person("office", OFFICE_NAME, OFFICE_ADDR, "roundcube")

_ADDR_OFFICE = "Permanence parlementaire de Mme Hélène Marchal\nSénatrice de l'Isère\n14 rue Lesdiguières – 38000 Grenoble"
STAFF = {
    "TR": "Thomas Reynaud\nCollaborateur parlementaire\n" + _ADDR_OFFICE + "\nTél. 04 65 71 20 10",
    "NB": "Nadia Benali\nCollaboratrice parlementaire\n" + _ADDR_OFFICE + "\nTél. 04 65 71 20 11",
    "LG": "Lucie Garnier\nAssistante parlementaire – accueil et courrier\n" + _ADDR_OFFICE + "\nTél. 04 65 71 20 12",
}


def slugify(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


_TEL_USED: set[str] = set()


def tel(mobile: bool = False) -> str:
    while True:
        t = (f"06 39 98 {R.randint(10, 99):02d} {R.randint(0, 99):02d}" if mobile
             else f"04 65 71 {R.randint(21, 99):02d} {R.randint(0, 99):02d}")
        if t not in _TEL_USED:
            _TEL_USED.add(t)
            return t


# --------------------------------------------------------------------------------------
# messages
# --------------------------------------------------------------------------------------

@dataclass
class Msg:
    slug: str
    date: dt.datetime
    frm: Person
    to: list
    subject: str | None
    text: str
    kind: str = "personal"
    case: str = ""
    note: str = ""
    cc: list = field(default_factory=list)
    reply_to: Person | None = None
    sender: Person | None = None
    fmt: str | None = None
    client: str | None = None
    quote: "Msg | None" = None
    quote_style: str | None = None
    irt: object = None            # Msg, str (dangling id) or None
    refs: list = field(default_factory=list)
    extra: list = field(default_factory=list)     # client / tool headers
    mx_extra: list = field(default_factory=list)  # headers added by our MX (spam verdict)
    attachments: list = field(default_factory=list)
    msgid: str | None = "auto"
    crlf: bool = True
    mime: Callable | None = None  # custom body builder -> (content headers, body bytes)
    html_own: str | None = None   # explicit HTML for the own text
    dangling_ok: bool = False
    campaign: str = ""
    bounce_of: "Msg | None" = None
    seq: int = 0
    file: str = ""
    received_from: str | None = None

    @property
    def outgoing(self) -> bool:
        return self.frm.addr == OFFICE_ADDR

    @property
    def cl(self) -> str:
        return self.client or self.frm.client

    @property
    def mid(self) -> str:
        return self.msgid


ALL: list[Msg] = []


def add(m: Msg) -> Msg:
    m.seq = len(ALL)
    m.date = m.date.replace(second=int(_h("s", m.seq, m.slug)[:2], 16) % 60)
    if m.msgid == "auto":
        m.msgid = make_msgid(m)
    ALL.append(m)
    return m


def _h(*parts) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def make_msgid(m: Msg) -> str:
    h = _h(m.slug, m.seq, m.date.isoformat(), m.frm.addr)
    cl = m.cl
    dom = m.frm.domain
    if cl == "roundcube":
        return f"<{h[:32]}@senateur-exemple.fr>"
    if cl in ("outlook", "outlook_en", "outlook_de", "outlook_html"):
        pre = ["PAXP193MB", "PR3P193MB", "AM0PR03MB", "DB9PR02MB", "PA4P190MB", "AS8P189MB"][int(h[0], 16) % 6]
        host = pre + str(1000 + int(h[1:4], 16) % 9000)
        return f"<{host}{h[4:36].upper()}@{host}.EURP{pre[4:7]}.PROD.OUTLOOK.COM>"
    if cl == "outlook_cp1252":
        return f"<000001dc{h[:4]}${h[4:12]}${h[12:20]}$@{dom}>"
    if cl in ("gmail", "gmail_html"):
        raw = base64.b64encode(bytes.fromhex(h[:60])).decode().replace("/", "_")
        return f"<CA{raw[:46]}@mail.gmail.com>"
    if cl == "apple":
        u = h[:32].upper()
        return f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:32]}@{dom}>"
    if cl == "orange":
        return f"<{int(h[:8], 16)}.{int(h[8:12], 16)}.{1767000000000 + int(h[12:20], 16) % 30000000000}.JavaMail.open-xchange@opme11oxm{int(h[20:22], 16) % 40:02d}nd1.rouen.francetelecom.fr>"
    if cl == "android":
        return f"<{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}@email.android.com>"
    if cl == "thunderbird":
        return f"<{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16:20]}-{h[20:32]}@{dom}>"
    if cl == "zimbra":
        return f"<{int(h[:6], 16)}.{int(h[6:12], 16)}.{1767000000000 + int(h[12:20], 16) % 30000000000}.JavaMail.zimbra@{dom}>"
    # tools, lists, daemons
    return f"<{m.date:%Y%m%d%H%M%S}.{h[:12].upper()}@{dom}>"


# --------------------------------------------------------------------------------------
# header encoding
# --------------------------------------------------------------------------------------

_Q_SAFE = re.compile(r"[A-Za-z0-9!*+\-/]")


def _q(ch: str, charset: str) -> str:
    if ch == " ":
        return "_"
    if _Q_SAFE.fullmatch(ch):
        return ch
    return "".join(f"={b:02X}" for b in ch.encode(charset))


def encoded_words(s: str, charset: str = "utf-8", enc: str = "Q", csname: str | None = None) -> list[str]:
    csname = csname or charset.upper()
    prefix, suffix = f"=?{csname}?{enc}?", "?="

    def encode(chunk):
        if enc == "B":
            return base64.b64encode(chunk.encode(charset)).decode()
        return "".join(_q(c, charset) for c in chunk)

    words, cur = [], ""
    for ch in s:
        if cur and len(prefix) + len(encode(cur + ch)) + len(suffix) > 75:
            words.append(prefix + encode(cur) + suffix)
            cur = ch
        else:
            cur += ch
    if cur:
        words.append(prefix + encode(cur) + suffix)
    return words


HDR_STYLE = {
    "outlook": ("utf-8", "B", "utf-8"), "outlook_html": ("utf-8", "B", "utf-8"),
    "outlook_en": ("utf-8", "B", "utf-8"), "outlook_de": ("utf-8", "B", "utf-8"),
    "outlook_cp1252": ("windows-1252", "Q", "windows-1252"),
    "gmail": ("utf-8", "B", "UTF-8"), "gmail_html": ("utf-8", "Q", "UTF-8"),
    "roundcube": ("utf-8", "Q", "UTF-8"), "thunderbird": ("utf-8", "Q", "UTF-8"),
    "apple": ("utf-8", "Q", "utf-8"), "android": ("utf-8", "B", "UTF-8"),
    "orange": ("utf-8", "Q", "UTF-8"), "zimbra": ("utf-8", "Q", "utf-8"),
    "latin1": ("iso-8859-1", "Q", "ISO-8859-1"), "cp1252": ("windows-1252", "Q", "windows-1252"),
}


def latin1_safe(s: str) -> str:
    table = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "€": "euros",
             "œ": "oe", "Œ": "OE", "\u202f": "\xa0", "•": "-", "→": "->", "‑": "-"}
    return "".join(table.get(c, c) for c in s)


def cp1252_safe(s: str) -> str:
    table = {"\u202f": "\xa0", "→": "->", "‑": "-"}
    return "".join(table.get(c, c) for c in s)


def hdr_text(value: str, cl: str) -> str:
    """Unstructured header value: raw if ASCII, else encoded words (folded)."""
    charset, enc, csname = HDR_STYLE.get(cl, ("utf-8", "Q", "UTF-8"))
    if charset == "iso-8859-1":
        value = latin1_safe(value)
    elif charset == "windows-1252":
        value = cp1252_safe(value)
    if all(ord(c) < 128 for c in value):
        return fold_ascii(value)
    return "\n ".join(encoded_words(value, charset, enc, csname))


def fold_ascii(value: str, width: int = 66) -> str:
    if len(value) <= width:
        return value
    words, lines, cur = value.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return "\n ".join(lines)


def hdr_addr(p, cl: str, bare: bool = False) -> str:
    if isinstance(p, str):
        return p
    if bare or not p.disp:
        return p.addr if not bare else f"<{p.addr}>" if bare == "angle" else p.addr
    name = p.disp
    charset, _, _ = HDR_STYLE.get(cl, ("utf-8", "Q", "UTF-8"))
    if charset == "iso-8859-1":
        name = latin1_safe(name)
    if all(ord(c) < 128 for c in name):
        if re.search(r"[()<>@,;:\\\".\[\]]", name):
            name = '"' + name.replace('"', '\\"') + '"'
        return f"{name} <{p.addr}>"
    return f"{hdr_text(name, cl)} <{p.addr}>"


def hdr_addrs(ps, cl: str) -> str:
    return ",\n ".join(hdr_addr(p, cl) for p in ps)


# --------------------------------------------------------------------------------------
# bodies
# --------------------------------------------------------------------------------------

def disp_addr(p) -> str:
    return f"{p.disp} <{p.addr}>"


def quote_header_block(prev: Msg, style: str) -> list[tuple[str, str]]:
    """(label, value) rows of an Outlook-style quoted header block."""
    to = "; ".join(disp_addr(p) if style != "outlook_fr_short" else p.disp for p in prev.to)
    rows = []
    if style in ("outlook_fr", "outlook365_fr", "outlook_fr_short"):
        rows = [("De", disp_addr(prev.frm)), ("Envoyé", fr_long(prev.date)), ("À", to)]
        if prev.cc:
            rows.append(("Cc", "; ".join(disp_addr(p) for p in prev.cc)))
        rows.append(("Objet", prev.subject or ""))
    elif style == "outlook_en":
        rows = [("From", disp_addr(prev.frm)), ("Sent", en_outlook(prev.date)), ("To", to)]
        if prev.cc:
            rows.append(("Cc", "; ".join(disp_addr(p) for p in prev.cc)))
        rows.append(("Subject", prev.subject or ""))
    elif style == "outlook_de":
        rows = [("Von", disp_addr(prev.frm)), ("Gesendet", de_outlook(prev.date)), ("An", to),
                ("Betreff", prev.subject or "")]
    elif style == "samsung":
        rows = [("De", disp_addr(prev.frm)),
                ("Date", f"{prev.date:%d/%m/%Y %H:%M} (GMT{'+02:00' if tzname(prev.date) == 'CEST' else '+01:00'})"),
                ("À", to), ("Objet", prev.subject or "")]
    elif style == "fwd_gmail":
        rows = [("De", disp_addr(prev.frm)), ("Date", fr_gmail(prev.date)),
                ("Subject", prev.subject or ""), ("To", to)]
    elif style == "zimbra":
        d = prev.date
        rows = [("De", f'"{prev.frm.disp}" <{prev.frm.addr}>'),
                ("À", ", ".join(f'"{p.disp}" <{p.addr}>' for p in prev.to)),
                ("Envoyé", f"{FR_DAYS[d.weekday()].capitalize()} {d.day} {FR_MONTHS[d.month - 1].capitalize()} {d.year} {d:%H:%M:%S}"),
                ("Objet", prev.subject or "")]
    elif style == "wlm":
        d = prev.date
        h = d.hour % 12 or 12
        rows = [("From", prev.frm.disp), ("To", ", ".join(p.addr for p in prev.to)),
                ("Sent", f"{EN_DAYS[d.weekday()]}, {EN_MONTHS[d.month - 1]} {d.day:02d}, {d.year} {h}:{d:%M} {'AM' if d.hour < 12 else 'PM'}"),
                ("Subject", prev.subject or "")]
    return rows


def quote_intro(prev: Msg, style: str) -> str:
    if style == "gmail":
        return f"Le {fr_gmail(prev.date)}, {disp_addr(prev.frm)} a écrit :"
    if style == "ios":
        return f"Le {prev.date.day} {FR_MONTHS_ABBR[prev.date.month - 1]} {prev.date.year} à {prev.date:%H:%M}, {disp_addr(prev.frm)} a écrit :"
    if style == "tb":
        return f"Le {prev.date:%d/%m/%Y} à {prev.date:%H:%M}, {prev.frm.disp} a écrit :"
    if style == "roundcube":
        return f"Le {prev.date:%Y-%m-%d} {prev.date:%H:%M}, {prev.frm.disp} a écrit :"
    if style == "tb_en":
        return f"On {prev.date:%d/%m/%Y} {prev.date:%H:%M}, {prev.frm.disp} wrote:"
    raise ValueError(style)


SEP_LINE = {"outlook_fr": "-----Message d'origine-----", "outlook365_fr": "________________________________",
            "outlook_fr_short": "________________________________",
            "outlook_en": "________________________________", "outlook_de": "-----Ursprüngliche Nachricht-----",
            "samsung": "-------- Message d'origine --------", "fwd_gmail": "---------- Forwarded message ---------",
            "zimbra": "----- Mail original -----", "wlm": "----- Original Message ----- "}

BLOCK_STYLES = set(SEP_LINE)
INTRO_STYLES = {"gmail", "ios", "tb", "roundcube", "tb_en"}


def plain_full(m: Msg, depth: int = 0) -> str:
    """The plain text of a message: own text, then the quoted message (2 levels at most)."""
    if m.quote is None or depth >= 2:
        return m.text
    return m.text + "\n\n" + plain_quote(m.quote, m.quote_style, depth + 1)


def plain_quote(prev: Msg, style: str, depth: int) -> str:
    inner = plain_full(prev, depth)
    if style in BLOCK_STYLES:
        rows = quote_header_block(prev, style)
        sep = "\u00a0:" if style in ("outlook_fr", "outlook365_fr", "outlook_fr_short", "samsung") else ":"
        if style == "fwd_gmail":
            head = [SEP_LINE[style]] + [f"{k}{' :' if k == 'De' else ':'} {v}" for k, v in rows]
        else:
            head = ([SEP_LINE[style]] if style != "outlook_fr_short" else []) + [f"{k}{sep} {v}" for k, v in rows]
        return "\n".join(head) + "\n\n" + inner
    if style in INTRO_STYLES:
        q = "\n".join(("> " + ln) if ln else ">" for ln in inner.split("\n"))
        return quote_intro(prev, style) + "\n\n" + q
    raise ValueError(style)


def _esc(s: str) -> str:
    return _html.escape(s, quote=False)


def html_paras(text: str, cl: str) -> str:
    out = []
    for para in text.split("\n\n"):
        lines = [_esc(x) for x in para.split("\n")]
        if cl in ("outlook", "outlook_html", "outlook_en", "outlook_de", "outlook_cp1252"):
            out.append('<p class="MsoNormal">' + "<br>\n".join(lines) + "<o:p></o:p></p>")
        elif cl in ("gmail", "gmail_html"):
            out.append("<div>" + "<br>\n".join(lines) + "</div><div><br></div>")
        else:
            out.append("<p>" + "<br>\n".join(lines) + "</p>")
    return "\n".join(out)


def html_full(m: Msg, depth: int = 0) -> str:
    cl = m.cl
    own = m.html_own if m.html_own is not None else html_paras(m.text, cl)
    if m.quote is None or depth >= 2:
        return own
    prev, style = m.quote, m.quote_style
    inner = html_full(prev, depth + 1)
    if style in BLOCK_STYLES:
        rows = quote_header_block(prev, style)
        nb = "&nbsp;" if style in ("outlook_fr", "outlook365_fr", "outlook_fr_short", "samsung") else ""
        head = "<br>\n".join(f"<b>{_esc(k)}{nb}:</b> {_esc(v)}" for k, v in rows)
        if style == "zimbra":
            head = '<hr id="zwchr">' + head
        elif style not in ("outlook365_fr", "outlook_fr_short", "outlook_en"):
            head = _esc(SEP_LINE[style].strip()) + "<br>\n" + head
        q = ('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">\n'
             f'<p class="MsoNormal">{head}</p>\n</div>\n{inner}')
    else:
        q = (f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">{_esc(quote_intro(prev, style))}<br></div>\n'
             f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">\n{inner}\n</blockquote></div>')
    return own + "\n" + q


def html_doc(body: str, cl: str) -> str:
    if cl in ("outlook", "outlook_html", "outlook_en", "outlook_de", "outlook_cp1252"):
        return ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns="http://www.w3.org/TR/REC-html40">\n'
                '<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
                '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n'
                '<style><!--\np.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}\n--></style>\n'
                '</head>\n<body lang="FR" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">\n'
                f'<div class="WordSection1">\n{body}\n</div>\n</body>\n</html>\n')
    if cl in ("gmail", "gmail_html"):
        return f'<div dir="ltr">{body}</div>\n'
    return ('<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head>\n'
            f'<body style="font-family: Arial, sans-serif; font-size: 12pt;">\n{body}\n</body></html>\n')


def wrap_plain(text: str, flowed: bool, width: int = 76) -> str:
    out = []
    for line in text.split("\n"):
        if len(line) <= width or line.startswith(">"):
            out.append(line)
            continue
        parts = textwrap.wrap(line, width=width - 4, break_long_words=False, break_on_hyphens=False)
        if flowed:
            parts = [p + " " for p in parts[:-1]] + parts[-1:]
        out.extend(parts)
    return "\n".join(out)


def qp(data: bytes) -> bytes:
    return quopri.encodestring(data, quotetabs=False)


def b64(data: bytes) -> bytes:
    return base64.encodebytes(data)


def leaf(ctype: str, charset: str | None, cte: str, text: str, flowed: bool = False, wrap: bool = True) -> tuple[list, bytes]:
    if charset in ("iso-8859-1",):
        text = latin1_safe(text)
    elif charset == "windows-1252":
        text = cp1252_safe(text)
    if cte == "8bit" and ctype == "text/plain" and wrap:
        text = wrap_plain(text, flowed)
    if cte == "7bit":
        assert all(ord(c) < 128 for c in text), text[:80]
    data = text.encode(charset or "ascii")
    if not data.endswith(b"\n"):
        data += b"\n"
    ct = ctype + (f'; charset="{charset}"' if charset and ctype.startswith("text/") else "")
    if flowed:
        ct = f"{ctype}; charset={charset.upper()}; format=flowed"
    hdrs = [("Content-Type", ct), ("Content-Transfer-Encoding", cte)]
    if cte == "quoted-printable":
        body = qp(data)
    elif cte == "base64":
        body = b64(data)
    else:
        body = data
    return hdrs, body


def boundary(m: Msg, n: int = 0) -> str:
    h = _h("b", m.seq, m.slug, n)
    cl = m.cl
    if cl.startswith("outlook"):
        return f"_00{n}_{h[:20].upper()}EURP_"
    if cl.startswith("gmail"):
        return f"000000000000{h[:12]}"
    if cl == "apple":
        return f"Apple-Mail-{h[:8].upper()}-{h[8:12].upper()}"
    return f"=_{h[:24]}"


def multipart(subtype: str, bnd: str, parts: list[tuple[list, bytes]], extra_params: str = "") -> tuple[list, bytes]:
    out = io.BytesIO()
    for hdrs, body in parts:
        out.write(f"--{bnd}\n".encode())
        for k, v in hdrs:
            out.write(f"{k}: {v}\n".encode())
        out.write(b"\n")
        out.write(body)
        if not body.endswith(b"\n"):
            out.write(b"\n")
    out.write(f"--{bnd}--\n".encode())
    return [("Content-Type", f'multipart/{subtype};{extra_params}\n boundary="{bnd}"')], out.getvalue()


# default body format per client
CLIENT_FMT = {
    "outlook": "alt-qp", "outlook_en": "alt-b64", "outlook_de": "alt-qp", "outlook_html": "html-qp",
    "outlook_cp1252": "plain-cp1252-qp", "gmail": "alt-qp", "gmail_html": "html-qp",
    "roundcube": "plain-qp", "thunderbird": "plain-flowed", "apple": "plain-qp",
    "android": "plain-b64", "orange": "alt-qp", "zimbra": "html-b64",
    "latin1": "plain-latin1-qp", "cp1252": "plain-cp1252-8bit", "tool": "plain-qp",
}


def build_body(m: Msg) -> tuple[list, bytes]:
    if m.mime is not None:
        return m.mime(m)
    fmt = m.fmt or CLIENT_FMT.get(m.cl, "plain-qp")
    plain = plain_full(m)
    cl = m.cl
    if fmt == "plain-qp":
        ent = leaf("text/plain", "utf-8", "quoted-printable", plain)
    elif fmt == "plain-8bit":
        ent = leaf("text/plain", "utf-8", "8bit", plain)
    elif fmt == "plain-8bit-nowrap":
        ent = leaf("text/plain", "utf-8", "8bit", plain, wrap=False)
    elif fmt == "plain-flowed":
        ent = leaf("text/plain", "utf-8", "8bit", plain, flowed=True)
    elif fmt == "plain-b64":
        ent = leaf("text/plain", "utf-8", "base64", plain)
    elif fmt == "plain-7bit":
        ent = leaf("text/plain", "us-ascii", "7bit", plain)
    elif fmt == "plain-latin1-qp":
        ent = leaf("text/plain", "iso-8859-1", "quoted-printable", plain)
    elif fmt == "plain-latin1-8bit":
        ent = leaf("text/plain", "iso-8859-1", "8bit", plain)
    elif fmt == "plain-cp1252-qp":
        ent = leaf("text/plain", "windows-1252", "quoted-printable", plain)
    elif fmt == "plain-cp1252-8bit":
        ent = leaf("text/plain", "windows-1252", "8bit", plain)
    elif fmt in ("html-qp", "html-b64", "html-latin1"):
        doc = html_doc(html_full(m), cl)
        if fmt == "html-latin1":
            doc = doc.replace("charset=utf-8", "charset=iso-8859-1").replace("charset=UTF-8", "charset=iso-8859-1")
            ent = leaf("text/html", "iso-8859-1", "quoted-printable", doc)
        else:
            ent = leaf("text/html", "utf-8", "quoted-printable" if fmt == "html-qp" else "base64", doc)
    elif fmt in ("alt-qp", "alt-b64", "alt-cp1252"):
        doc = html_doc(html_full(m), cl)
        if fmt == "alt-cp1252":
            doc = doc.replace("charset=utf-8", "charset=windows-1252")
            p1 = leaf("text/plain", "windows-1252", "quoted-printable", plain)
            p2 = leaf("text/html", "windows-1252", "quoted-printable", doc)
        else:
            cte = "quoted-printable" if fmt == "alt-qp" else "base64"
            p1 = leaf("text/plain", "utf-8", cte, plain)
            p2 = leaf("text/html", "utf-8", cte, doc)
        ent = multipart("alternative", boundary(m, 1), [p1, p2])
    else:
        raise ValueError(fmt)
    if m.attachments:
        parts = [ent]
        for fname, ctype, data in m.attachments:
            if all(ord(c) < 128 for c in fname):
                disp = f'attachment;\n filename="{fname}"'
                ctp = f'{ctype};\n name="{fname}"'
            else:
                enc = "".join(c if re.fullmatch(r"[A-Za-z0-9._-]", c) else "".join(f"%{b:02X}" for b in c.encode()) for c in fname)
                disp = f"attachment;\n filename*=UTF-8''{enc}"
                ctp = f'{ctype};\n name="{hdr_text(fname, "roundcube")}"'
            parts.append(([("Content-Type", ctp), ("Content-Description", fname if all(ord(c) < 128 for c in fname) else hdr_text(fname, "roundcube")),
                           ("Content-Disposition", disp), ("Content-Transfer-Encoding", "base64")], b64(data)))
        ent = multipart("mixed", boundary(m, 2), parts)
    return ent


def fake_pdf(title: str) -> bytes:
    """A small, well-formed one-page PDF carrying a title line."""
    t = latin1_safe(title).encode("latin-1", "replace").decode("latin-1")
    t = t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 56 780 Td ({t}) Tj ET".encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + o + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for o in offs:
        out.write(f"{o:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def tiny_png(seed: str) -> bytes:
    h = _h("png", seed)
    r, g, b = int(h[:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    raw = b"".join(b"\x00" + bytes([r, g, b]) * 8 for _ in range(8))

    def chunk(t, d):
        return len(d).to_bytes(4, "big") + t + d + zlib.crc32(t + d).to_bytes(4, "big")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", (8).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00")
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------------------
# rendering
# --------------------------------------------------------------------------------------

def ip_for(s: str, net: str = "203.0.113") -> str:
    return f"{net}.{int(_h('ip', s)[:4], 16) % 250 + 3}"


def mx_host(p: Person) -> str:
    dom = p.domain
    if dom == "gmail.com":
        return "mail-wr1-f" + str(int(_h(p.addr)[:2], 16) % 60 + 10) + ".google.com"
    if dom in ("orange.fr", "wanadoo.fr"):
        return "smtp-" + str(int(_h(p.addr)[:2], 16) % 30 + 10) + ".smtp.orange.fr"
    if dom in ("free.fr",):
        return "smtp" + str(int(_h(p.addr)[:2], 16) % 9 + 1) + "-g21.free.fr"
    if dom in ("laposte.net",):
        return "smtp-out.laposte.net"
    if dom in ("sfr.fr", "neuf.fr"):
        return "smtp-out.sfr.fr"
    if dom in ("yahoo.fr", "yahoo.com"):
        return "sonic3" + str(int(_h(p.addr)[:2], 16) % 40) + "-1.consmr.mail.ir2.yahoo.com"
    if dom in ("hotmail.fr", "outlook.fr", "hotmail.com"):
        return "EUR05-AM6-obe.outbound.protection.outlook.com"
    return "mail." + dom


def queue_id(m: Msg, n: int = 0) -> str:
    return _h("q", m.seq, m.slug, n)[:10].upper()


def render(m: Msg) -> bytes:
    """The message as bytes with LF line ends (converted to CRLF by the writer)."""
    cl = m.cl
    H: list[tuple[str, str]] = []
    recv_date = m.date + dt.timedelta(seconds=3 + int(_h("rd", m.seq)[:2], 16) % 40)
    rdate = f"{rfc_date(recv_date)} ({tzname(recv_date)})"
    if m.outgoing:
        H.append(("Return-Path", f"<{OFFICE_ADDR}>"))
        H.append(("Received", f"from webmail.senateur-exemple.fr (localhost [127.0.0.1])\n\tby {MX} (Postfix) with ESMTPSA id {queue_id(m)};\n\t{rdate}"))
    else:
        env = m.sender.addr if m.sender else m.frm.addr
        if m.kind == "bounce":
            H.append(("Return-Path", "<>"))
        else:
            H.append(("Return-Path", f"<{env}>"))
        H.append(("Delivered-To", OFFICE_ADDR))
        if m.received_from != "local":
            host = m.received_from or mx_host(m.frm)
            H.append(("Received", f"from {host} ({host} [{ip_for(host)}])\n\tby {MX} (Postfix) with ESMTPS id {queue_id(m)}\n\tfor <{OFFICE_ADDR}>; {rdate}"))
        else:
            H.append(("Received", f"by {MX} (Postfix)\n\tid {queue_id(m)}; {rdate}"))
        H.extend(m.mx_extra)
    H.append(("From", hdr_addr(m.frm, cl)))
    if m.sender:
        H.append(("Sender", hdr_addr(m.sender, cl)))
    if m.to:
        H.append(("To", hdr_addrs(m.to, cl)))
    if m.cc:
        H.append(("Cc", hdr_addrs(m.cc, cl)))
    if m.reply_to:
        H.append(("Reply-To", hdr_addr(m.reply_to, cl)))
    if m.subject is not None:
        H.append(("Subject", hdr_text(m.subject, cl) if m.subject else ""))
    H.append(("Date", rfc_date(m.date)))
    if m.msgid:
        H.append(("Message-ID", m.msgid))
    if m.irt is not None:
        H.append(("In-Reply-To", m.irt if isinstance(m.irt, str) else m.irt.mid))
    if m.refs:
        ids = [r if isinstance(r, str) else r.mid for r in m.refs]
        H.append(("References", "\n ".join(ids)))
    if cl.startswith("outlook") and m.subject is not None and cl != "outlook_cp1252":
        topic = re.sub(r"^((RE|TR|AW|WG|Fw|FW|Re)\s?:\s*)+", "", m.subject)
        H.append(("Thread-Topic", hdr_text(topic, cl) if topic else ""))
        H.append(("Thread-Index", base64.b64encode(bytes.fromhex(_h("ti", m.seq)[:44])).decode()))
        H.append(("Accept-Language", "fr-FR, en-US" if cl != "outlook_de" else "de-DE, fr-FR"))
        H.append(("Content-Language", "fr-FR" if cl != "outlook_de" else "de-DE"))
        H.append(("X-MS-Has-Attach", "yes" if m.attachments else ""))
        H.append(("X-MS-TNEF-Correlator", ""))
    elif cl == "outlook_cp1252":
        H.append(("X-Mailer", "Microsoft Outlook 14.0"))
        H.append(("Thread-Index", base64.b64encode(bytes.fromhex(_h("ti", m.seq)[:44])).decode()))
        H.append(("Content-Language", "fr"))
    elif cl == "roundcube":
        H.append(("X-Sender", OFFICE_ADDR))
        H.append(("User-Agent", "Roundcube Webmail/1.6.9"))
    elif cl == "thunderbird":
        H.append(("User-Agent", "Mozilla Thunderbird"))
        H.append(("Content-Language", "fr"))
    elif cl == "apple":
        H.append(("X-Mailer", "iPhone Mail (22D72)"))
    elif cl == "orange":
        H.append(("X-Mailer", "Open-Xchange Mailer v7.10.6-Rev71"))
        H.append(("X-Originating-Client", "open-xchange-appsuite"))
    elif cl == "zimbra":
        H.append(("X-Mailer", "Zimbra 10.0.7_GA_0132 (ZimbraWebClient - FF133 (Win)/10.0.7_GA_0132)"))
        H.append(("Thread-Index", base64.b64encode(bytes.fromhex(_h("zi", m.seq)[:20])).decode()))
    elif cl == "android":
        H.append(("X-Mailer", "Samsung Email 6.1.91.1"))
    elif cl == "latin1":
        H.append(("X-Mailer", "Microsoft Windows Live Mail 16.4.3528.331"))
    H.extend(m.extra)
    ctype_hdrs, body = build_body(m)
    H.append(("MIME-Version", "1.0"))
    H.extend(ctype_hdrs)
    out = io.StringIO()
    for k, v in H:
        out.write(f"{k}: {v}\n" if v != "" else f"{k}:\n")
    head = out.getvalue()
    assert all(ord(c) < 128 for c in head), (m.slug, [c for c in head if ord(c) >= 128][:5])
    return head.encode("ascii") + b"\n" + body


def crlf(data: bytes) -> bytes:
    assert b"\r" not in data
    return data.replace(b"\n", b"\r\n")


# --------------------------------------------------------------------------------------
# message helpers
# --------------------------------------------------------------------------------------

REPLY_PREFIX = {"outlook": "RE: ", "outlook_en": "RE: ", "outlook_cp1252": "RE: ", "outlook_html": "RE: ",
                "outlook_de": "AW: ", "apple": "Re: ", "latin1": "Re: ", "cp1252": "Re : ",
                "zimbra": "RE: ", "orange": "Re: "}
FWD_PREFIX = {"outlook": "TR: ", "outlook_html": "TR: ", "outlook_cp1252": "TR: ", "outlook_en": "FW: ",
              "outlook_de": "WG: ", "zimbra": "TR: "}
DEFAULT_QUOTE = {"outlook": "outlook365_fr", "outlook_html": "outlook365_fr", "outlook_cp1252": "outlook_fr",
                 "outlook_en": "outlook_en", "outlook_de": "outlook_de", "gmail": "gmail", "gmail_html": "gmail",
                 "roundcube": "roundcube", "thunderbird": "tb", "apple": "ios", "android": "samsung",
                 "orange": "tb", "zimbra": "zimbra", "latin1": "wlm", "cp1252": "outlook_fr"}
_ANY_PREFIX = re.compile(r"^\s*((re|tr|fwd?|aw|wg|réf)\s?:\s*)+", re.I)


def reply_subject(prev_subject: str | None, cl: str) -> str:
    s = prev_subject or ""
    pre = REPLY_PREFIX.get(cl, "Re: ")
    if s.startswith(pre):
        return s
    if _ANY_PREFIX.match(s) and not cl.startswith("outlook"):
        return s
    return pre + s


def fwd_subject(prev_subject: str | None, cl: str) -> str:
    return FWD_PREFIX.get(cl, "Fwd: ") + (prev_subject or "")


def signed(p: Person, text: str) -> str:
    text = text.strip("\n")
    return text + ("\n\n" + p.sig if p.sig else "")


def office_signed(text: str, staff: str) -> str:
    return text.strip("\n") + "\n\n-- \n" + STAFF[staff]


def when(x) -> dt.datetime:
    return D(x) if isinstance(x, str) else x


def new(slug, date, frm, subject, text, *, to=None, case="", note="", sign=True, **kw) -> Msg:
    """A message that starts something (no In-Reply-To)."""
    if to is None:
        to = [OFFICE]
    if sign and frm is not OFFICE:
        text = signed(frm, text)
    return add(Msg(slug, when(date), frm, to, subject, text, case=case, note=note, **kw))


def office_new(slug, date, to, subject, text, staff, *, case="", note="", **kw) -> Msg:
    return add(Msg(slug, when(date), OFFICE, to, subject, office_signed(text, staff), case=case, note=note, **kw))


def reply(prev: Msg, frm: Person, date, text, *, slug, staff=None, quote=True, lost=False,
          to=None, subject=None, note="", case=None, sign=True, fwd=False, **kw) -> Msg:
    """A reply to (or forward of) prev. lost=True drops In-Reply-To/References."""
    cl = kw.get("client") or frm.client
    if subject is None:
        subject = fwd_subject(prev.subject, cl) if fwd else reply_subject(prev.subject, cl)
    if frm is OFFICE:
        text = office_signed(text, staff or "TR")
        if to is None:
            to = [prev.reply_to or prev.frm]
    else:
        if sign:
            text = signed(frm, text)
        if to is None:
            to = [OFFICE]
    m = Msg(slug, when(date), frm, to, subject, text, case=prev.case if case is None else case, note=note, **kw)
    if not lost and prev.msgid:
        m.irt = prev
        m.refs = ([r for r in prev.refs] + [prev])[-10:]
        m.dangling_ok = any(isinstance(r, str) for r in m.refs)
    if quote:
        m.quote = prev
        m.quote_style = quote if isinstance(quote, str) else DEFAULT_QUOTE.get(cl, "gmail")
    return add(m)


def spam_no(score: float) -> list[tuple[str, str]]:
    """The verdict our MX adds to ham."""
    return [("X-Spam-Flag", "NO"), ("X-Spam-Score", f"{score:.1f}"),
            ("X-Spam-Status", f"No, score={score:.1f} required=5.0 tests=BAYES_00,DKIM_SIGNED,\n\tDKIM_VALID,SPF_PASS autolearn=ham autolearn_force=no version=3.4.6")]


# registry of messages other sections refer to (auto-replies, bounces, quoted blocks)
K: dict[str, Msg] = {}


def pdf_att(name: str, title: str):
    return (name, "application/pdf", fake_pdf(title))


# ======================================================================================
# 1. threads that keep their headers
# ======================================================================================

def build_kept():
    # --- T1 Vif, DETR -------------------------------------------------------------------
    vif = person("vif_maire", "Jean-Marc Dufresne", "maire@mairie-vif.fr", "outlook",
                 sig=f"Jean-Marc Dufresne\nMaire de Vif\nHôtel de ville – 1 place de la Libération – 38450 Vif\nTél. {tel()}",
                 display="DUFRESNE Jean-Marc")
    c = "vif-detr-2026"
    m = new("maire-vif-detr-ecole", "2026-01-12 09:41", vif,
            "Demande de soutien – dossier DETR 2026 école Jean-Moulin", """Madame la Sénatrice,

La commune de Vif a déposé le 8 janvier, sur la plateforme de la préfecture, une demande de dotation d'équipement des territoires ruraux (DETR) pour la rénovation énergétique de l'école élémentaire Jean-Moulin : isolation par l'extérieur, remplacement des menuiseries et raccordement au réseau de chaleur.

Le coût des travaux est estimé à 1 240 000 € HT. Nous sollicitons 434 000 € au titre de la DETR, soit 35 %. Le Département a déjà été saisi pour la part restante.

Ce projet est prioritaire pour le conseil municipal : les salles de classe dépassent 30 °C dès le mois de juin et la facture de gaz a doublé en trois ans. Je me permets de solliciter votre appui auprès de M. le Préfet lors de l'examen des dossiers par la commission des élus.

Je vous prie d'agréer, Madame la Sénatrice, l'expression de ma haute considération.""",
            case=c, note="thread start: mayor asks support for a DETR file (Outlook, multipart/alternative QP)")
    m = reply(m, OFFICE, "2026-01-14 16:02", """Monsieur le Maire,

Nous accusons bonne réception de votre courriel et vous en remercions.

Mme Marchal a bien pris connaissance de votre demande et appuiera le dossier de rénovation de l'école Jean-Moulin auprès de M. le Préfet. Afin de compléter notre propre dossier, pourriez-vous nous transmettre la délibération du conseil municipal approuvant le projet ainsi que le plan de financement prévisionnel ?

Nous restons à votre disposition.

Bien cordialement,""", slug="permanence-re-vif-detr", staff="TR", note="office reply (In-Reply-To + References)")
    K["vif_r1"] = m
    m = reply(m, vif, "2026-01-19 11:27", """Monsieur Reynaud,

Merci pour votre retour rapide et pour l'appui de Mme la Sénatrice.

Vous trouverez ci-joint la délibération n° 2026-004 du 15 janvier 2026 et le plan de financement : DETR 434 000 € (35 %), Département de l'Isère 310 000 € (25 %), autofinancement 496 000 € (40 %).

La commission des élus devrait se réunir fin mars. Je reste joignable sur mon portable si besoin.

Bien cordialement,""", slug="maire-vif-re-re-detr-pieces", attachments=[pdf_att("Deliberation_2026-004_DETR_ecole.pdf", "Commune de Vif - Deliberation 2026-004")],
              note="follow-up after the office reply, headers kept, PDF attachment (multipart/mixed)")
    K["vif_f1"] = m
    m = reply(m, OFFICE, "2026-01-21 10:05", """Monsieur le Maire,

Merci pour ces pièces. Mme Marchal a écrit ce jour à M. le Préfet pour soutenir la demande de la commune ; nous vous ferons suivre copie du courrier.

Bien cordialement,""", slug="permanence-re-vif-detr-transmis", staff="TR", quote=False,
              note="second office reply in the same thread")
    K["vif_r2"] = m

    # --- T2 Meylan, fermeture de classe ------------------------------------------------------
    mey = person("meylan_adj", "Sophie Lambert-Carrel", "s.lambert-carrel@meylan.fr", "outlook",
                 sig=f"Sophie Lambert-Carrel\nAdjointe à l'éducation et à la petite enfance\nVille de Meylan\n{tel()}")
    c = "meylan-classe-buclos-2026"
    m = new("meylan-adjointe-fermeture-classe", "2026-02-02 08:54", mey,
            "Carte scolaire 2026 : fermeture d'une classe à l'école des Buclos", """Madame la Sénatrice,

Le projet de carte scolaire présenté vendredi par la direction académique prévoit la fermeture d'une classe à l'école élémentaire des Buclos à la rentrée 2026.

Les effectifs prévisionnels (142 élèves pour 6 classes) sont pourtant stables, et l'école accueille deux dispositifs ULIS qui justifient des classes moins chargées. La fermeture porterait la moyenne à 28 élèves par classe dans un quartier prioritaire.

Les parents d'élèves se mobilisent et le conseil municipal adoptera un vœu le 12 février. Pourriez-vous intervenir auprès de M. le Directeur académique avant le CDEN ?

Avec mes remerciements,
Bien cordialement,""", case=c, note="thread start: deputy mayor, class closure")
    m = reply(m, OFFICE, "2026-02-04 14:37", """Madame l'Adjointe,

Nous vous remercions pour votre message. Mme Marchal a adressé ce jour un courrier à M. le Directeur académique des services de l'Éducation nationale pour lui faire part de son soutien au maintien de la classe, en insistant sur la présence des dispositifs ULIS.

Nous ne manquerons pas de vous transmettre sa réponse.

Bien cordialement,""", slug="permanence-re-meylan-classe", staff="NB", note="office reply")
    K["meylan_r1"] = m
    m = reply(m, mey, "2026-02-20 17:12", """Madame Benali,

Le CDEN s'est réuni hier et a malheureusement confirmé la fermeture. La direction académique évoque un possible « réexamen en juin » au vu des inscriptions.

Nous comptons sur Mme la Sénatrice pour relayer la position de la commune lors de ce réexamen. Je vous tiens informée des chiffres d'inscription.

Bien cordialement,""", slug="meylan-adjointe-re-cden", note="follow-up after office reply, headers kept")
    K["meylan_f1"] = m

    # --- T3 Quincieu, fibre -------------------------------------------------------------------
    qui = person("quincieu_maire", "Gérard Bouvier", "mairie.quincieu@wanadoo.fr", "orange",
                 sig=f"Gérard Bouvier\nMaire de Quincieu\nTél. mairie : {tel()}", display="Mairie de Quincieu")
    c = "quincieu-fibre-2026"
    m = new("quincieu-maire-fibre", "2026-01-26 18:20", qui, "Fibre optique – hameaux toujours non raccordables", """Madame la Sénatrice,

Je me permets de vous alerter sur la situation de la commune de Quincieu au regard du déploiement de la fibre optique.

Alors que le réseau public devait couvrir l'ensemble de la commune fin 2025, les hameaux des Rivoires et de la Croix-Bayard (une quarantaine de foyers) sont toujours signalés « non raccordables » sur le site de l'opérateur. Les habitants, dont plusieurs artisans et deux personnes en télétravail, n'ont qu'une connexion ADSL à 2 Mbit/s. L'opérateur évoque des poteaux à remplacer mais ne donne aucune date.

Pourriez-vous interroger le Département et l'opérateur sur le calendrier ?

Avec mes salutations respectueuses,""", case=c, note="thread start: small commune via Orange webmail, display name 'Mairie de Quincieu'")
    m = reply(m, OFFICE, "2026-01-28 11:46", """Monsieur le Maire,

Nous avons bien reçu votre message et avons interrogé le service en charge du très haut débit au Département, ainsi que le délégataire. Nous reviendrons vers vous dès que nous aurons une réponse précise sur le remplacement des poteaux.

Bien cordialement,""", slug="permanence-re-quincieu-fibre", staff="LG", note="office reply")
    K["quincieu_r1"] = m
    m = reply(m, qui, "2026-03-02 09:03", """Bonjour,

Je me permets de revenir vers vous : depuis votre message du 28 janvier, aucun poteau n'a été changé aux Rivoires et les habitants s'impatientent. Avez-vous eu un retour du Département ?

Merci d'avance,""", slug="quincieu-maire-relance-fibre", note="follow-up five weeks later, headers kept")

    # --- T4 Mens, loup ---------------------------------------------------------------------
    mens = person("mens_maire", "Anne-Sophie Rey", "maire@mairie-mens.fr", "thunderbird",
                  sig=f"-- \nAnne-Sophie Rey\nMaire de Mens\nPrésidente de la commission agriculture de la communauté de communes du Trièves\n{tel(True)}")
    c = "mens-loup-2026"
    m = new("mens-maire-loup-attaques", "2026-06-08 21:14", mens, "Attaques de loup sur le plateau – demande d'appui", """Madame la Sénatrice,

Depuis le 20 mai, quatre attaques de loup ont eu lieu sur les alpages de la commune : 23 brebis tuées et une dizaine blessées, malgré les chiens de protection et les parcs électrifiés. Deux éleveurs ont déjà annoncé qu'ils ne remonteraient pas l'an prochain.

Les éleveurs demandent que des tirs de défense renforcée soient autorisés sans délai et que l'indemnisation des pertes indirectes soit enfin prise en compte. Le lieutenant de louveterie du secteur est débordé.

La profession attend un signe de l'État avant l'estive. Je vous serais reconnaissante de porter ce message auprès de M. le Préfet et du ministère.

Bien à vous,""", case=c, note="thread start: Thunderbird, format=flowed 8bit")
    m = reply(m, OFFICE, "2026-06-10 10:31", """Madame le Maire,

Merci pour votre alerte. Mme Marchal a saisi M. le Préfet dès hier soir et posera une question écrite au ministre de l'Agriculture sur l'indemnisation des pertes indirectes.

Elle se rendra dans le Trièves le 19 juin et souhaiterait rencontrer les éleveurs concernés. Pourriez-vous nous indiquer un lieu et un horaire qui conviendraient ?

Bien cordialement,""", slug="permanence-re-mens-loup", staff="NB", note="office reply")
    K["mens_r1"] = m
    m = reply(m, mens, "2026-06-22 07:48", """Bonjour Madame Benali,

Merci encore pour la venue de Mme la Sénatrice vendredi, les éleveurs y ont été sensibles.

Malheureusement une nouvelle attaque a eu lieu cette nuit au col de Menée : 6 brebis tuées. L'arrêté de tir de défense renforcée n'est toujours pas signé. Pouvez-vous relancer la préfecture ?

Bien à vous,""", slug="mens-maire-re-nouvelle-attaque", note="follow-up after office reply, headers kept")
    m = reply(m, OFFICE, "2026-06-24 15:20", """Madame le Maire,

Nous avons relancé le cabinet du Préfet ce matin. L'arrêté devrait être signé d'ici la fin de semaine ; nous vous préviendrons dès que nous en aurons confirmation.

Bien cordialement,""", slug="permanence-re-mens-relance-prefet", staff="NB", quote=False, note="second office reply")
    K["mens_r2"] = m

    # --- T5 Voiron, DSIL ---------------------------------------------------------------------
    voi = person("voiron_dgs", "Karim Mansouri", "k.mansouri@ville-voiron.fr", "outlook_en",
                 sig=f"Karim Mansouri\nDirecteur général des services\nVille de Voiron\nTél. {tel()}", display="MANSOURI Karim")
    c = "voiron-dsil-gymnase-2026"
    m = new("voiron-dgs-dsil-gymnase", "2026-03-09 10:22", voi, "DSIL 2026 – rénovation du gymnase Pierre-de-Coubertin", """Madame la Sénatrice,

À la demande de M. le Maire, je vous informe que la Ville de Voiron a déposé une demande de dotation de soutien à l'investissement local (DSIL) pour la rénovation thermique du gymnase Pierre-de-Coubertin (montant des travaux : 2,1 M€ HT ; DSIL sollicitée : 630 000 €).

Le gymnase accueille quatre établissements scolaires et douze associations. La toiture fuit et la chaudière, qui date de 1987, a été arrêtée deux fois cet hiver.

Nous vous serions reconnaissants de bien vouloir soutenir ce dossier auprès de la préfecture de région. Le dossier complet est à votre disposition.

Bien cordialement,""", case=c, note="thread start: DGS with English Outlook (base64 alternative)")
    m = reply(m, OFFICE, "2026-03-12 12:09", """Monsieur le Directeur général,

Nous vous remercions pour votre message. Mme Marchal soutiendra volontiers le dossier du gymnase Pierre-de-Coubertin ; un courrier part aujourd'hui à l'attention de M. le Préfet de région.

Bien cordialement,""", slug="permanence-re-voiron-dsil", staff="TR", note="office reply")
    K["voiron_r1"] = m

    # --- T6 Le Touvet, digue --------------------------------------------------------------------
    tou = person("touvet_maire", "Michel Pellissier", "maire@letouvet.fr", "zimbra",
                 sig=f"Michel Pellissier\nMaire du Touvet\n{tel()}")
    c = "touvet-crue-digue-2026"
    m = new("touvet-maire-crue-digue", "2026-02-16 19:05", tou, "Crue de l'Isère du 12 février – digue et reconnaissance CatNat", """Madame la Sénatrice,

La crue de l'Isère des 11 et 12 février a fortement sollicité la digue entre Le Touvet et La Terrasse. Une brèche a été évitée de justesse dans la nuit grâce aux agents du syndicat de rivière ; une quinzaine de caves et deux exploitations ont été inondées par remontée de nappe.

La commune a déposé le 14 février une demande de reconnaissance de l'état de catastrophe naturelle. Par ailleurs, les travaux de confortement de la digue, prévus depuis 2021 dans le programme d'actions de prévention des inondations, sont toujours en attente de financement.

Je sollicite votre appui sur ces deux points.

Respectueusement,""", case=c, note="thread start: Zimbra HTML-only (base64)")
    m = reply(m, OFFICE, "2026-02-18 09:40", """Monsieur le Maire,

Mme Marchal a bien reçu votre message et s'est entretenue hier avec le sous-préfet. La demande de reconnaissance de l'état de catastrophe naturelle sera examinée par la commission interministérielle du 24 mars. S'agissant de la digue, elle interroge le syndicat et la DDT sur le plan de financement.

Bien cordialement,""", slug="permanence-re-touvet-digue", staff="TR", note="office reply")
    K["touvet_r1"] = m
    m = reply(m, tou, "2026-03-30 11:18", """Bonjour,

L'arrêté de reconnaissance est paru au Journal officiel de ce matin : merci pour votre aide.

Reste la digue : le syndicat nous dit que le Fonds Barnier ne couvrira que 40 %. Mme la Sénatrice pourrait-elle appuyer une demande complémentaire ?

Cordialement,""", slug="touvet-maire-re-catnat-paru", note="follow-up after office reply, Zimbra HTML with quoted Zimbra block")

    # --- T7 Corps, médecin -------------------------------------------------------------------------
    jos = person("corps_citoyenne", "Josiane Arnaud", "josiane.arnaud38@orange.fr", "orange",
                 sig="Josiane Arnaud\n12 rue des Écrins\n38970 Corps")
    c = "corps-medecin-2026"
    m = new("corps-citoyenne-desert-medical", "2026-04-07 15:33", jos, "Plus de médecin à Corps", """Madame la Sénatrice,

Je me permets de vous écrire parce que depuis le départ en retraite du Dr Faure en janvier, il n'y a plus aucun médecin généraliste à Corps. Le plus proche est à La Mure, à 40 minutes, et il ne prend plus de nouveaux patients.

J'ai 78 ans, je ne conduis plus, et mon mari est diabétique. Nous avons dû aller aux urgences de Grenoble pour un simple renouvellement d'ordonnance. Beaucoup de personnes âgées du canton sont dans notre cas.

Est-ce que l'État peut faire quelque chose pour envoyer un médecin dans notre village ?

Je vous remercie de m'avoir lue.""", case=c, note="thread start: elderly citizen")
    m = reply(m, OFFICE, "2026-04-10 10:02", """Madame,

Nous vous remercions pour votre message, que Mme Marchal a lu avec attention.

Elle a saisi l'Agence régionale de santé afin de connaître les solutions envisagées pour le canton de Corps (maison de santé, médecin salarié, téléconsultation assistée en pharmacie). Elle défend par ailleurs au Sénat une meilleure régulation de l'installation des médecins.

Nous ne manquerons pas de vous tenir informée.

Bien cordialement,""", slug="permanence-re-corps-medecin", staff="LG", note="office reply")
    K["corps_r1"] = m
    m = reply(m, jos, "2026-04-11 08:26", """Merci beaucoup Madame, c'est gentil de m'avoir répondu si vite. J'attends de vos nouvelles.""",
              slug="corps-citoyenne-re-merci", note="short thank-you follow-up, headers kept")

    # --- T8 Monestier-de-Clermont, RD1075 ---------------------------------------------------------
    mon = person("monestier_adj", "Patrick Gonnet", "p.gonnet@monestier-de-clermont.fr", "gmail",
                 sig=f"--\nPatrick Gonnet\nAdjoint à la voirie et aux mobilités\nMairie de Monestier-de-Clermont\n{tel(True)}")
    c = "monestier-rd1075-2026"
    m = new("monestier-adjoint-rd1075", "2026-05-05 13:47", mon, "Sécurisation de la traversée du bourg par la RD1075", """Madame la Sénatrice,

La RD1075 traverse le bourg de Monestier-de-Clermont sur près de deux kilomètres. Depuis la mise en place de la déviation des poids lourds par l'A51 pendant les travaux du viaduc, le trafic a augmenté de 30 % et deux accidents ont eu lieu devant l'école en avril.

Le conseil municipal demande au Département un plateau ralentisseur et un feu piéton, mais le dossier n'avance pas. Nous souhaiterions que Mme la Sénatrice appuie notre demande auprès du Président du Département.

Bien cordialement,""", case=c, note="thread start: deputy mayor, custom domain on Gmail")
    m = reply(m, OFFICE, "2026-05-07 17:30", """Monsieur l'Adjoint,

Merci pour votre message. Mme Marchal a écrit au vice-président du Département chargé des routes pour soutenir l'aménagement de sécurité devant l'école. Pourriez-vous nous adresser les comptages et, si possible, quelques photos du carrefour ?

Bien cordialement,""", slug="permanence-re-monestier-rd1075", staff="NB", note="office reply")
    K["monestier_r1"] = m
    m = reply(m, mon, "2026-05-26 08:15", """Bonjour Madame Benali,

Voici deux photos prises aux heures d'entrée de l'école, ainsi que les comptages du Département de mars (9 800 véhicules/jour dont 11 % de poids lourds).

Merci pour votre aide,""", slug="monestier-adjoint-re-photos", attachments=[
        ("IMG_20260525_082144.png", "image/png", tiny_png("monestier1")),
        ("IMG_20260525_082310.png", "image/png", tiny_png("monestier2")),
        pdf_att("Comptages RD1075 mars 2026.pdf", "Comptages RD1075 - mars 2026")],
        note="follow-up with two image attachments and a PDF")

    # --- T9 Saint-Marcellin, PLU / ZAN ----------------------------------------------------------------
    stm = person("stmarcellin_maire", "Valérie Chabert", "v.chabert@saint-marcellin.fr", "outlook",
                 sig=f"Valérie Chabert\nMaire de Saint-Marcellin\nVice-présidente de Saint-Marcellin Vercors Isère Communauté\nTél. {tel()}",
                 display="Valérie CHABERT")
    c = "stmarcellin-plu-zan-2026"
    m = new("stmarcellin-maire-plu-zan", "2026-03-03 09:12", stm, "Révision du PLU et enveloppe foncière ZAN", """Madame la Sénatrice,

Notre commune a engagé la révision de son plan local d'urbanisme en 2024. Les services de l'État viennent de nous indiquer que l'enveloppe de consommation foncière attribuée par le SCoT pour 2021-2031 serait réduite de moitié, ce qui remet en cause la zone artisanale des Echavagnes et une opération de logements sociaux déjà engagée.

Nous ne contestons pas l'objectif de sobriété foncière, mais la commune a déjà beaucoup densifié son centre. Pourriez-vous nous aider à obtenir un rendez-vous avec la DDT pour examiner la situation ?

Bien à vous,""", case=c, note="thread start: mayor, PLU and ZAN")
    m = reply(m, OFFICE, "2026-03-06 11:55", """Madame le Maire,

Nous avons bien reçu votre message. Mme Marchal a demandé un rendez-vous au directeur départemental des territoires ; nous vous proposerons plusieurs dates dès que possible.

Bien cordialement,""", slug="permanence-re-stmarcellin-plu", staff="TR", note="office reply")
    K["stm_r1"] = m
    m = reply(K["stm_r1"], OFFICE, "2026-03-20 16:44", """Madame le Maire,

Suite à notre message du 6 mars, le directeur départemental des territoires peut vous recevoir avec Mme Marchal le jeudi 2 avril à 14 h 30, à la DDT (17 boulevard Joseph-Vallier à Grenoble). Pouvez-vous nous confirmer votre présence ?

Bien cordialement,""", slug="permanence-stmarcellin-rdv-ddt", staff="TR", to=[stm],
              note="second office message replying to its own earlier reply (office follow-up, same case)")
    K["stm_r2"] = m
    m = reply(m, stm, "2026-03-21 08:03", """C'est noté, je serai présente avec notre directrice de l'urbanisme. Merci.""",
              slug="stmarcellin-maire-re-rdv-confirme", client="apple", fmt="plain-qp", note="short confirmation sent from an iPhone (Apple Mail headers, same address)")

    # --- T10 Allevard, eau --------------------------------------------------------------------------
    all_ = person("allevard_siea", "Bernard Mollard", "president@siea-allevard.fr", "thunderbird",
                  sig=f"Bernard Mollard\nPrésident du syndicat intercommunal des eaux d'Allevard\n{tel()}")
    c = "allevard-eau-secheresse-2026"
    m = new("allevard-syndicat-eau-secheresse", "2026-08-10 18:40", all_, "Sécheresse : captages en difficulté, besoin d'une interconnexion", """Madame la Sénatrice,

Pour la troisième année consécutive, les deux captages qui alimentent Allevard et trois communes voisines sont au plus bas. Nous avons dû faire livrer de l'eau par camion-citerne aux hameaux de la Ferrière pendant dix jours.

Le syndicat étudie une interconnexion avec le réseau de Pontcharra (4,5 km de canalisation, 1,8 M€). L'Agence de l'eau nous oriente vers un appel à projets qui ne s'ouvrira qu'en 2027.

Nous aurions besoin d'un appui pour avancer ce calendrier ou trouver un financement d'urgence.

Bien cordialement,""", case=c, note="thread start: syndicate president, August")
    m = reply(m, OFFICE, "2026-08-12 10:10", """Monsieur le Président,

Merci pour votre message. Mme Marchal a saisi le directeur de l'Agence de l'eau Rhône-Méditerranée-Corse et la préfecture sur la possibilité d'un financement anticipé au titre du plan eau. Nous revenons vers vous à la rentrée.

Bien cordialement,""", slug="permanence-re-allevard-eau", staff="LG", note="office reply")
    K["allevard_r1"] = m

    # --- T11 Pontcharra, pont -----------------------------------------------------------------------
    pon = person("pontcharra_cab", "Christophe Vial", "cabinet.maire@pontcharra.fr", "outlook_cp1252",
                 sig=f"Christophe Vial\nMaire de Pontcharra\nTél. {tel()}", display="Cabinet du Maire - Pontcharra")
    c = "pontcharra-pont-breda-2026"
    m = new("pontcharra-maire-pont-breda", "2026-09-07 11:02", pon, "Pont sur le Bréda – fermeture et financement", """Madame la Sénatrice,

À la suite de l'inspection réalisée dans le cadre du programme national Ponts, le pont communal sur le Bréda (rue du Moulin) a été classé en catégorie 3U et nous avons dû le fermer à la circulation le 1er septembre. Les riverains et les bus scolaires font désormais un détour de 6 km.

Le coût de la réparation est évalué à 780 000 €, soit plus du double de notre budget annuel d'investissement. Existe-t-il un dispositif de l'État pour accompagner les petites communes dans cette situation ?

Recevez, Madame la Sénatrice, mes salutations distinguées.""", case=c,
            note="thread start: old Outlook, windows-1252 quoted-printable")
    m = reply(m, OFFICE, "2026-09-09 14:25", """Monsieur le Maire,

Le programme national Ponts a pris fin mais la DETR peut financer ce type de travaux. Mme Marchal a demandé à la sous-préfecture d'examiner le dossier en priorité. Nous vous conseillons de déposer une demande avant le 15 octobre.

Bien cordialement,""", slug="permanence-re-pontcharra-pont", staff="TR", note="office reply")
    K["pontcharra_r1"] = m
    m = reply(m, pon, "2026-09-28 09:37", """Monsieur Reynaud,

Le dossier DETR a été déposé vendredi. La sous-préfecture nous indique que la commission ne se réunira qu'en février. Pourrait-on obtenir une avance ou une autorisation de commencer les travaux avant ?

Merci,""", slug="pontcharra-maire-re-re-detr-deposee", note="follow-up after office reply, windows-1252, Outlook 'Message d'origine' block")

    # --- T12 La Mure, permis -------------------------------------------------------------------------
    kev = person("lamure_citoyen", "Kevin Dos Santos", "kevin.dossantos@gmail.com", "gmail", sig="Kevin Dos Santos\nLa Mure")
    c = "lamure-permis-ants-2026"
    m = new("lamure-citoyen-permis-ants", "2026-01-20 22:41", kev, "Permis de conduire bloqué depuis 5 mois", """Bonjour Madame la Sénatrice,

J'ai obtenu mon permis le 12 août 2025 et ma demande de titre sur le site de l'ANTS est toujours « en cours d'instruction ». J'ai un CDI qui m'attend chez un transporteur à Vizille mais sans le permis définitif l'employeur ne peut pas me faire conduire.

J'ai appelé plusieurs fois, envoyé trois messages par le formulaire, personne ne répond. Mon numéro de demande est 2025-08-AX44719.

Pouvez-vous m'aider ?

Merci d'avance""", case=c, note="thread start: citizen, Gmail")
    m = reply(m, OFFICE, "2026-01-22 09:58", """Monsieur,

Nous avons signalé votre dossier au correspondant de l'ANTS en préfecture, qui s'est engagé à le débloquer rapidement. N'hésitez pas à nous tenir informés.

Bien cordialement,""", slug="permanence-re-lamure-permis", staff="LG", note="office reply")
    K["lamure_r1"] = m

    # --- T13 Fontaine, logement ------------------------------------------------------------------------
    fat = person("fontaine_citoyenne", "Fatima Bensaïd", "fatima.bensaid@laposte.net", "latin1",
                 sig="Fatima Bensaïd\n8 rue Jean-Jaurès, 38600 Fontaine\n" + tel(True))
    c = "fontaine-logement-2026"
    m = new("fontaine-citoyenne-logement-social", "2026-02-24 20:17", fat, "Demande de logement social depuis 4 ans", """Madame la Sénatrice,

Je vous écris car j'ai déposé une demande de logement social en 2022 (numéro unique 038-220-xxxx) et je n'ai eu aucune proposition. J'habite avec mes trois enfants dans un T2 de 38 m² à Fontaine. Mon fils aîné a de l'asthme et le logement est humide.

J'ai été reconnue prioritaire DALO en octobre dernier mais rien ne bouge. L'assistante sociale m'a conseillé de vous écrire.

Je vous remercie de votre aide.""", case=c, note="thread start: citizen, ISO-8859-1 quoted-printable (Windows Live Mail)")
    m = reply(m, OFFICE, "2026-02-26 15:11", """Madame,

Nous avons bien reçu votre message. Mme Marchal est intervenue auprès des services de l'État chargés du contingent préfectoral pour que votre situation, reconnue prioritaire, soit examinée lors des prochaines commissions d'attribution.

Bien cordialement,""", slug="permanence-re-fontaine-logement", staff="LG", note="office reply")
    K["fontaine_r1"] = m
    m = reply(m, fat, "2026-04-03 19:02", """Bonjour,

Je voulais vous dire que j'ai reçu une proposition de Grenoble Habitat pour un T4 à Seyssinet. La visite est lundi. Merci beaucoup pour votre intervention.""", slug="fontaine-citoyenne-re-proposition",
              note="follow-up five weeks after office reply, ISO-8859-1, quoted 'Original Message' block")

    # --- T14 Rives, poste -----------------------------------------------------------------------------
    ucr = person("rives_ucr", "Alain Perrin", "ucr.rives@free.fr", "zimbra",
                 sig=f"Alain Perrin\nPrésident de l'Union commerciale de Rives\n{tel(True)}", display="UCR Rives")
    c = "rives-bureau-poste-2026"
    m = new("rives-commercants-bureau-poste", "2026-05-19 12:30", ucr, "Réduction des horaires du bureau de poste de Rives", """Madame la Sénatrice,

La Poste nous a annoncé que le bureau de Rives ne serait plus ouvert que trois matinées par semaine à partir de septembre. Pour les commerçants du centre-ville, qui y déposent chaque jour colis et fonds, c'est une très mauvaise nouvelle.

Nous demandons le maintien d'une ouverture quotidienne, ou à défaut une agence postale communale avec des horaires adaptés. La mairie partage notre position.

Merci de votre soutien,""", case=c, note="thread start: shopkeepers' association, Free Zimbra HTML-only")
    m = reply(m, OFFICE, "2026-05-21 10:48", """Monsieur le Président,

Merci pour votre message. Mme Marchal a interrogé la direction régionale de La Poste et la commission départementale de présence postale territoriale. Nous vous tiendrons informé de leur réponse.

Bien cordialement,""", slug="permanence-re-rives-poste", staff="NB", note="office reply")
    K["rives_r1"] = m

    # --- T15 Tullins, gendarmerie --------------------------------------------------------------------------
    tul = person("tullins_maire", "Nicole Faure", "maire@ville-tullins.fr", "outlook",
                 sig=f"Nicole Faure\nMaire de Tullins\nTél. {tel()}", display="FAURE Nicole")
    c = "tullins-gendarmerie-2026"
    m = new("tullins-maire-gendarmerie", "2026-06-15 08:36", tul, "Effectifs de la brigade de gendarmerie de Tullins", """Madame la Sénatrice,

La brigade de gendarmerie de Tullins fonctionne depuis le début de l'année avec 11 militaires au lieu des 16 prévus. Les patrouilles de nuit ne sont plus assurées que deux fois par semaine, alors que nous avons connu une série de cambriolages dans la zone d'activités.

Le commandant de compagnie nous dit attendre des affectations à l'été. Pourriez-vous relayer notre inquiétude auprès du commandement du groupement et du ministère de l'Intérieur ?

Très cordialement,""", case=c, note="thread start: mayor, Outlook")
    m = reply(m, OFFICE, "2026-06-17 11:03", """Madame le Maire,

Mme Marchal a écrit au commandant du groupement de gendarmerie de l'Isère et posera la question lors de l'audition du directeur général de la gendarmerie nationale au Sénat.

Bien cordialement,""", slug="permanence-re-tullins-gendarmerie", staff="TR", note="office reply")
    K["tullins_r1"] = m
    m = reply(m, tul, "2026-07-02 13:51", """Monsieur Reynaud,

Pour information, trois gendarmes adjoints volontaires ont été affectés hier. Merci pour votre intervention. Nous restons vigilants pour les effectifs de sous-officiers.

Très cordialement,""", slug="tullins-maire-re-affectations", note="follow-up after office reply")

    # --- T16 Villard-de-Lans, neige -------------------------------------------------------------------------
    vil = person("villard_maire", "Laurent Jacquier", "l.jacquier@villard-de-lans.fr", "apple",
                 sig=f"Laurent Jacquier\nMaire de Villard-de-Lans\n{tel(True)}\n\nEnvoyé de mon iPhone")
    c = "villard-station-2026"
    m = new("villard-maire-station-neige", "2026-02-09 07:12", vil, "Station : fin de saison anticipée et diversification", """Madame la Sénatrice,

Faute de neige, nous allons fermer le domaine alpin trois semaines plus tôt que prévu. Les socioprofessionnels sont très inquiets : c'est la deuxième saison difficile.

Nous travaillons à un projet de diversification quatre saisons (VTT, luge sur rail, parcours nature) mais les financements « Avenir Montagnes » sont épuisés. Je souhaiterais vous en parler lors de votre prochain passage dans le Vercors.

Bien à vous,""", case=c, note="thread start: iPhone, plain QP")
    m = reply(m, OFFICE, "2026-02-11 16:20", """Monsieur le Maire,

Mme Marchal sera dans le Vercors le vendredi 27 février et pourra vous rencontrer en mairie à 10 h. Nous vous remercions de nous confirmer ce créneau.

Bien cordialement,""", slug="permanence-re-villard-station", staff="NB", note="office reply")
    K["villard_r1"] = m

    # --- T17 Bourgoin-Jallieu, grêle -----------------------------------------------------------------------------
    gir = person("bourgoin_agri", "Damien Girerd", "earl.girerd@orange.fr", "android",
                 sig="Damien Girerd\nEARL Girerd – Bourgoin-Jallieu\n" + tel(True))
    c = "bourgoin-grele-2026"
    m = new("bourgoin-agriculteur-grele", "2026-07-06 21:55", gir, "Orage de grêle du 4 juillet – récoltes perdues", """Bonjour Madame la Sénatrice,

L'orage de grêle de samedi a détruit 80 % de nos cultures de maïs et de tournesol sur la plaine de la Bourbre. Plusieurs voisins sont dans le même cas. Nos contrats d'assurance récolte ne couvrent qu'une partie des pertes et la franchise est énorme.

Est-ce que la reconnaissance en calamité agricole est possible pour ce type de sinistre ? Qui faut-il contacter ?

Merci""", case=c, note="thread start: farmer, Samsung Email (plain base64)")
    m = reply(m, OFFICE, "2026-07-08 09:15", """Monsieur,

Les pertes de récolte assurables relèvent désormais de l'assurance récolte, avec l'intervention de l'État au-delà d'un seuil de pertes. Nous avons transmis votre message à la DDT pour qu'elle vous indique la marche à suivre et vous conseillons de vous rapprocher de la chambre d'agriculture.

Bien cordialement,""", slug="permanence-re-bourgoin-grele", staff="NB", note="office reply")
    K["bourgoin_r1"] = m
    m = reply(m, gir, "2026-07-09 06:48", """Merci pour la réponse rapide, je contacte la chambre aujourd'hui.""",
              slug="bourgoin-agriculteur-re-merci", note="short follow-up from a phone, Samsung 'Message d'origine' block, headers kept")

    # --- T18 Morestel, fonds vert ----------------------------------------------------------------------------------
    mor = person("morestel_dgs", "Élodie Brun", "dgs@morestel.fr", "outlook",
                 sig=f"Élodie Brun\nDirectrice générale des services\nMairie de Morestel\n{tel()}", display="Élodie BRUN")
    c = "morestel-fonds-vert-2026"
    m = new("morestel-dgs-fonds-vert", "2026-04-21 14:02", mor, "Fonds vert – rénovation de l'éclairage public", """Madame la Sénatrice,

La commune de Morestel a déposé un dossier au titre du fonds vert pour le remplacement de 420 points lumineux par des LED et l'extinction nocturne (coût 390 000 € HT, aide sollicitée 156 000 €). Le dossier est complet depuis le 2 mars mais aucun accusé de réception ne nous a été délivré.

Pourriez-vous vous renseigner sur son état d'avancement ?

Cordialement,""", case=c, note="thread start: DGS")
    m = reply(m, OFFICE, "2026-04-23 10:37", """Madame la Directrice générale,

Renseignement pris auprès de la préfecture, votre dossier est en cours d'instruction et sera présenté au comité de programmation de mai. Nous restons à votre disposition.

Bien cordialement,""", slug="permanence-re-morestel-fonds-vert", staff="TR", note="office reply")
    K["morestel_r1"] = m

    # --- T19 Heyrieux, A43 ------------------------------------------------------------------------------------
    del_ = person("heyrieux_citoyen", "Marc Delorme", "marc.delorme@free.fr", "thunderbird",
                  sig="Marc Delorme\n14 chemin des Vignes, 38540 Heyrieux")
    c = "heyrieux-bruit-2026"
    m = new("heyrieux-citoyen-bruit-autoroute", "2026-10-05 20:33", del_, "Nuisances sonores de l'autoroute – lotissement des Vignes", """Madame la Sénatrice,

Le lotissement des Vignes à Heyrieux est situé à 150 mètres de l'autoroute. Depuis l'élargissement, le bruit est devenu insupportable la nuit : nous avons mesuré plus de 65 dB à 2 heures du matin. Les riverains demandent depuis trois ans la construction d'un écran acoustique, promise lors de l'enquête publique.

Le concessionnaire renvoie vers l'État, l'État vers le concessionnaire. Pouvez-vous nous aider à obtenir une réponse ?

Avec mes remerciements,""", case=c, note="thread start: citizen, Thunderbird")
    m = reply(m, OFFICE, "2026-10-07 14:18", """Monsieur,

Mme Marchal a interrogé la direction interdépartementale des routes et le concessionnaire sur les engagements pris lors de l'enquête publique. Nous vous transmettrons leurs réponses.

Bien cordialement,""", slug="permanence-re-heyrieux-bruit", staff="LG", note="office reply")
    K["heyrieux_r1"] = m

    # --- T20 Roussillon, PPRT -----------------------------------------------------------------------------------
    rou = person("roussillon_maire", "Pierre-Yves Chambon", "maire@ville-roussillon.fr", "outlook",
                 sig=f"Pierre-Yves Chambon\nMaire de Roussillon\n{tel()}", display="CHAMBON Pierre-Yves")
    c = "roussillon-pprt-2026"
    m = new("roussillon-maire-pprt", "2026-03-17 10:45", rou, "PPRT de la plateforme chimique – travaux chez les riverains", """Madame la Sénatrice,

Le plan de prévention des risques technologiques de la plateforme chimique impose à 310 logements de Roussillon des travaux de renforcement (vitrages, confinement). Le reste à charge, après les aides, atteint encore 2 000 à 4 000 € par ménage, ce que beaucoup de familles modestes ne peuvent pas payer.

Le délai pour réaliser ces travaux expire en 2027. Je souhaiterais que Mme la Sénatrice porte la question d'une prise en charge intégrale, comme le prévoyait la proposition de loi discutée l'an dernier.

Respectueusement,""", case=c, note="thread start: mayor")
    m = reply(m, OFFICE, "2026-03-19 12:20", """Monsieur le Maire,

Merci pour votre message. Mme Marchal a déposé un amendement en ce sens lors de l'examen du projet de loi de finances et interrogera à nouveau le Gouvernement. Elle souhaiterait visiter un logement concerné : seriez-vous disponible le 10 avril ?

Bien cordialement,""", slug="permanence-re-roussillon-pprt", staff="TR", note="office reply")
    K["roussillon_r1"] = m
    m = reply(m, rou, "2026-04-14 16:05", """Monsieur Reynaud,

Merci pour la visite de vendredi. Comme convenu, je vous adresse le tableau des restes à charge par ménage (anonymisé) et le courrier du collectif des riverains.

Respectueusement,""", slug="roussillon-maire-re-tableau", attachments=[pdf_att("Restes_a_charge_PPRT_Roussillon.pdf", "PPRT Roussillon - restes a charge")],
              note="follow-up after office reply, PDF attachment")
    m = reply(m, OFFICE, "2026-04-16 09:30", """Monsieur le Maire,

Bien reçu, merci. Ces éléments seront joints à la question écrite que Mme Marchal déposera la semaine prochaine.

Bien cordialement,""", slug="permanence-re-roussillon-tableau", staff="TR", quote=False, note="second office reply")
    K["roussillon_r2"] = m

    # --- T21 Beaurepaire, EHPAD ------------------------------------------------------------------------------------
    bea = person("beaurepaire_maire", "Sylvie Bonnard", "s.bonnard@beaurepaire.fr", "gmail",
                 sig=f"Sylvie Bonnard\nMaire de Beaurepaire\nPrésidente du conseil d'administration de l'EHPAD\n{tel()}")
    c = "beaurepaire-ehpad-2026"
    m = new("beaurepaire-maire-ehpad", "2026-09-14 11:28", bea, "EHPAD public de Beaurepaire – déficit et personnel", """Madame la Sénatrice,

L'EHPAD public de Beaurepaire (92 lits) termine l'année avec un déficit prévisionnel de 480 000 €. Nous avons dû recourir à l'intérim pour remplacer six aides-soignantes, et la dotation soins n'a pas suivi la hausse des salaires.

Le conseil d'administration refuse d'augmenter encore le prix de journée, déjà supérieur à la moyenne départementale. Je sollicite votre soutien auprès de l'ARS et du Département pour une aide exceptionnelle.

Bien cordialement,""", case=c, note="thread start: mayor as EHPAD board chair, Gmail")
    m = reply(m, OFFICE, "2026-09-16 15:02", """Madame le Maire,

Mme Marchal a relayé votre demande auprès du directeur général de l'ARS et du vice-président du Département chargé de l'autonomie. Elle abordera aussi la situation des EHPAD publics lors du prochain débat budgétaire au Sénat.

Bien cordialement,""", slug="permanence-re-beaurepaire-ehpad", staff="NB", note="office reply")
    K["beaurepaire_r1"] = m

    # --- T22 La Tour-du-Pin, collège ----------------------------------------------------------------------------------
    col = person("latour_principal", "Frédéric Moine", "ce.0380042x@ac-grenoble.fr", "zimbra",
                 display="Frederic Moine")
    col.sig = f"Frédéric Moine\nPrincipal du collège\nLa Tour-du-Pin\n{tel()}"
    c = "latourdupin-college-2026"
    m = new("latourdupin-principal-college", "2026-01-29 17:40", col, "Moyens de remplacement au collège", """Madame la Sénatrice,

Je me permets de vous solliciter en tant que principal d'un collège de 640 élèves à La Tour-du-Pin. Depuis la rentrée, 410 heures de cours n'ont pas été remplacées faute de contractuels, principalement en mathématiques et en allemand.

Les familles sont légitimement inquiètes à l'approche du brevet. Les démarches auprès du rectorat n'ont pas abouti. Tout appui serait le bienvenu.

Respectueusement,""", case=c, note="thread start: head teacher, academic Zimbra")
    m = reply(m, OFFICE, "2026-02-02 10:12", """Monsieur le Principal,

Mme Marchal a saisi Mme la Rectrice de la situation de votre établissement. Elle rappelle régulièrement au ministre l'urgence du remplacement des enseignants absents dans les territoires ruraux.

Bien cordialement,""", slug="permanence-re-latourdupin-college", staff="NB", note="office reply")
    K["latour_r1"] = m

    # --- T23 Le Bourg-d'Oisans, RD1091 ------------------------------------------------------------------------------------
    boi = person("oisans_maire", "Hervé Paquier", "maire@bourgdoisans.fr", "outlook",
                 sig=f"Hervé Paquier\nMaire du Bourg-d'Oisans\n{tel()}", display="PAQUIER Hervé")
    c = "oisans-rd1091-2026"
    m = new("bourgdoisans-maire-eboulement", "2026-04-27 07:55", boi, "Éboulement RD1091 – vallée coupée", """Madame la Sénatrice,

Un éboulement important s'est produit cette nuit au-dessus de la RD1091, entre Livet-et-Gavet et Le Bourg-d'Oisans. La route est fermée et la vallée n'est plus accessible depuis Grenoble que par des itinéraires de montagne impraticables pour les poids lourds.

Au-delà de l'urgence, qui est gérée par le Département et la préfecture, nous aurons besoin d'un soutien de l'État pour les entreprises et les commerces de la vallée, à quelques semaines de la saison.

Merci de votre attention,""", case=c, note="thread start: mayor, emergency")
    m = reply(m, OFFICE, "2026-04-28 08:20", """Monsieur le Maire,

Mme Marchal est en contact avec le préfet et le président du Département. Elle sera présente à la réunion de crise de jeudi en sous-préfecture. Nous relayons votre demande d'accompagnement des entreprises auprès du ministère de l'Économie.

Bien cordialement,""", slug="permanence-re-oisans-eboulement", staff="TR", note="office reply")
    K["oisans_r1"] = m
    m = reply(m, boi, "2026-05-12 18:22", """Monsieur Reynaud,

La route a rouvert en alternat ce matin mais avec des fermetures nocturnes jusqu'en juillet. Les commerçants ont perdu 40 % de leur chiffre d'affaires en avril. Avez-vous des nouvelles de Bercy ?

Merci,""", slug="bourgdoisans-maire-re-reouverture", note="follow-up after office reply")
    m = reply(m, OFFICE, "2026-05-13 11:47", """Monsieur le Maire,

Le ministère confirme l'ouverture d'une cellule d'accompagnement des entreprises (étalement des charges sociales et fiscales). La DDFiP prendra contact avec la CCI ; nous vous faisons suivre le courrier dès réception.

Bien cordialement,""", slug="permanence-re-oisans-bercy", staff="TR", note="second office reply")
    K["oisans_r2"] = m

    # --- T24 Vienne, patrimoine ------------------------------------------------------------------------------------
    pat = person("vienne_assoc", "Colette Bernard", "patrimoine.viennois@gmail.com", "gmail",
                 sig=f"Colette Bernard\nPrésidente de l'association Patrimoine viennois\n{tel()}", display="Patrimoine viennois")
    c = "vienne-chapelle-2026"
    m = new("vienne-association-chapelle", "2026-06-02 10:05", pat, "Restauration de la chapelle Saint-Théodore – Vienne", """Madame la Sénatrice,

Notre association se mobilise depuis 2019 pour la restauration de la chapelle Saint-Théodore, petit édifice du XVIIe siècle inscrit à l'inventaire supplémentaire des monuments historiques. La toiture menace de s'effondrer.

Nous avons candidaté à la mission Patrimoine et lancé une souscription avec la Fondation du patrimoine (38 000 € collectés sur 120 000 €). Pourriez-vous soutenir notre candidature et, pourquoi pas, venir visiter le chantier ?

Avec nos remerciements,""", case=c, note="thread start: heritage association, Gmail display name is the association")
    m = reply(m, OFFICE, "2026-06-04 14:30", """Madame la Présidente,

Merci pour votre message. Mme Marchal soutiendra votre candidature par un courrier à la Fondation du patrimoine et visitera volontiers la chapelle lors des Journées du patrimoine.

Bien cordialement,""", slug="permanence-re-vienne-chapelle", staff="LG", note="office reply")
    K["vienne_r1"] = m
    m = reply(m, pat, "2026-06-30 09:12", """Bonjour Madame Garnier,

Bonne nouvelle : la chapelle a été retenue parmi les projets départementaux de la mission Patrimoine ! Nous serions honorés d'accueillir Mme la Sénatrice le samedi 19 septembre à 11 h.

Bien cordialement,""", slug="vienne-association-re-retenue", note="follow-up after office reply")

    # --- T25 Crolles, apprentissage --------------------------------------------------------------------------------------
    roc = person("crolles_drh", "Isabelle Roche", "i.roche@microtech-alpes.fr", "outlook",
                 sig=f"Isabelle Roche\nResponsable des ressources humaines\nMicrotech Alpes – ZI de Crolles\n{tel()}", display="ROCHE Isabelle")
    c = "crolles-apprentissage-2026"
    m = new("crolles-entreprise-apprentissage", "2026-10-12 09:50", roc, "Aide à l'embauche d'apprentis – baisse annoncée", """Madame la Sénatrice,

Notre entreprise de 85 salariés, installée à Crolles, forme chaque année 8 à 10 apprentis en électronique et en maintenance. La baisse annoncée de l'aide exceptionnelle à l'embauche nous obligerait à réduire ce nombre de moitié.

Les entreprises industrielles du Grésivaudan peinent à recruter et l'apprentissage est notre meilleure filière. Pouvez-vous relayer cette inquiétude lors de l'examen du budget ?

Cordialement,""", case=c, note="thread start: company HR")
    m = reply(m, OFFICE, "2026-10-14 11:00", """Madame,

Merci pour votre message. Mme Marchal défendra le maintien de l'aide pour les entreprises de moins de 250 salariés lors de l'examen du projet de loi de finances en novembre.

Bien cordialement,""", slug="permanence-re-crolles-apprentissage", staff="NB", note="office reply")
    K["crolles_r1"] = m

    # --- T26 Clelles, gare -----------------------------------------------------------------------------------------------
    cle = person("clelles_maire", "Robert Maurel", "mairie.clelles@orange.fr", "orange",
                 sig=f"Robert Maurel\nMaire de Clelles\n{tel()}", display="Mairie de Clelles")
    c = "clelles-ligne-veynes-2026"
    m = new("clelles-maire-ligne-veynes", "2026-03-24 14:14", cle, "Ligne Grenoble–Veynes : avenir de la halte de Clelles", """Madame la Sénatrice,

Les travaux de régénération de la ligne Grenoble–Gap entraîneront une interruption des circulations entre Vif et Veynes de septembre à décembre. Les cars de substitution ne desserviront pas la halte de Clelles-Mens mais seulement la RD1075.

Les lycéens du Trièves et les salariés qui prennent le train chaque jour sont inquiets. Nous demandons un arrêt des cars au village et la garantie que la halte sera maintenue après les travaux.

Merci de votre soutien,""", case=c, note="thread start: mayor via Orange webmail")
    m = reply(m, OFFICE, "2026-03-26 10:31", """Monsieur le Maire,

Mme Marchal a interrogé la Région et SNCF Réseau sur le plan de transport de substitution et sur le maintien de la halte. Nous vous tiendrons informé.

Bien cordialement,""", slug="permanence-re-clelles-ligne", staff="TR", note="office reply")
    K["clelles_r1"] = m
    m = reply(m, cle, "2026-04-20 16:40", """Bonjour,

Merci. La Région nous a répondu que les cars marqueront l'arrêt à Clelles aux heures scolaires. Reste la question du maintien de la halte après 2026 : sans réponse.

Cordialement,""", slug="clelles-maire-re-cars", note="follow-up after office reply")

    # --- T27 Saint-Égrève, naturalisation ------------------------------------------------------------------------------------
    aic = person("stegreve_citoyenne", "Aïcha Mebarki", "aicha.mebarki@hotmail.fr", "outlook",
                 sig="Aïcha Mebarki\nSaint-Égrève\n" + tel(True))
    c = "stegreve-naturalisation-2026"
    m = new("stegreve-citoyenne-naturalisation", "2026-05-11 12:12", aic, "Dossier de naturalisation sans nouvelles", """Madame la Sénatrice,

J'ai déposé ma demande de naturalisation en novembre 2023. J'ai passé l'entretien d'assimilation en mai 2024 et depuis je n'ai plus aucune nouvelle. Je travaille comme infirmière au CHU depuis 9 ans et mes enfants sont français.

Sur la plateforme, le statut n'a pas changé depuis deux ans. Pourriez-vous vous renseigner ?

Respectueusement,""", case=c, note="thread start: citizen, Hotmail (Outlook web)")
    m = reply(m, OFFICE, "2026-05-13 09:41", """Madame,

Nous avons interrogé le service des naturalisations de la préfecture au sujet de votre dossier et ne manquerons pas de vous transmettre leur réponse.

Bien cordialement,""", slug="permanence-re-stegreve-naturalisation", staff="LG", note="office reply")
    K["stegreve_r1"] = m
    m = reply(m, aic, "2026-07-20 18:55", """Bonjour Madame,

Je voulais vous annoncer que j'ai reçu hier ma convocation à la cérémonie d'accueil dans la nationalité française. Merci infiniment pour votre aide.""", slug="stegreve-citoyenne-re-ceremonie",
              note="follow-up 68 days after the office reply: only the headers (In-Reply-To) tie it to the case")

    # --- T28 Échirolles, AESH -------------------------------------------------------------------------------------------
    aes = person("aesh_collectif", "Nathalie Perret", "contact@collectif-aesh38.fr", "gmail",
                 sig="Nathalie Perret\nCollectif des parents AESH 38\n" + tel(True), display="Collectif AESH 38")
    c = "aesh-rentree-2026"
    m = new("echirolles-collectif-aesh", "2026-09-03 20:08", aes, "Rentrée : 37 enfants sans AESH en Isère", """Madame la Sénatrice,

Notre collectif recense, deux jours après la rentrée, 37 enfants en situation de handicap scolarisés en Isère dont la notification MDPH prévoit un accompagnant (AESH) et qui n'en ont pas. À Échirolles, une petite fille de 7 ans ne peut aller à l'école que le matin.

Nous demandons un recrutement d'urgence et une revalorisation des contrats, qui restent à temps partiel imposé.

Merci de relayer cette situation au ministère.""", case=c, note="thread start: parents' collective, contact@ address")
    m = reply(m, OFFICE, "2026-09-07 11:25", """Madame,

Mme Marchal a interrogé la direction académique sur ces 37 situations et posera une question d'actualité au Gouvernement mercredi.

Bien cordialement,""", slug="permanence-re-aesh-rentree", staff="NB", note="office reply")
    K["aesh_r1"] = m
    f = reply(m, aes, "2026-09-21 21:10", """Bonjour,

Merci pour la question au Gouvernement, que nous avons suivie. Il reste à ce jour 19 enfants sans accompagnant. Nous vous transmettons la liste anonymisée par circonscription.

Bien cordialement,""", slug="aesh-collectif-re-liste", note="follow-up with References only (no In-Reply-To)")
    f.irt = None

    # --- T29 Sassenage: In-Reply-To to a 2025 office message that is not in the set --------------------------------------
    sas = person("sassenage_maire", "Christian Coste", "c.coste@sassenage.fr", "outlook",
                 sig=f"Christian Coste\nMaire de Sassenage\n{tel()}", display="COSTE Christian")
    c = "sassenage-rencontre-2026"
    missing = "<7c1e0a9d4b2f45e8a3d6c9b0f1e2d3c4@senateur-exemple.fr>"
    m = new("sassenage-maire-re-suivi-rencontre", "2026-01-06 09:02", sas, "RE: Suivi de notre rencontre du 18 décembre", """Monsieur Reynaud,

Meilleurs vœux à vous et à toute l'équipe de Mme la Sénatrice.

Comme évoqué lors de notre rencontre du 18 décembre, je vous confirme que la commune souhaite être accompagnée pour son projet de maison de santé pluriprofessionnelle. Le plan de financement sera prêt fin janvier.

Bien cordialement,""", case=c, irt=missing, refs=[missing], dangling_ok=True,
            note="In-Reply-To/References point to a December 2025 office message NOT in the set (deliberately dangling): opens a new case")
    m = reply(m, OFFICE, "2026-01-08 10:40", """Monsieur le Maire,

Meilleurs vœux également. Nous attendons le plan de financement et le présenterons à Mme Marchal dès réception.

Bien cordialement,""", slug="permanence-re-sassenage-suivi", staff="TR", note="office reply to a message whose own parent is missing")
    K["sassenage_r1"] = m

    # --- T30 Vizille: In-Reply-To to an internal mail (missing), References include the office reply ---------------------------
    viz = person("vizille_maire", "Gilles Roux", "g.roux@ville-vizille.fr", "outlook",
                 sig=f"Gilles Roux\nMaire de Vizille\n{tel()}", display="ROUX Gilles")
    vizdgs = person("vizille_dgs", "Sandrine Mottet", "s.mottet@ville-vizille.fr", "outlook",
                    sig=f"Sandrine Mottet\nDirectrice générale des services\nVille de Vizille\n{tel()}", display="MOTTET Sandrine")
    c = "vizille-videoprotection-2026"
    m = m_first = new("vizille-maire-videoprotection", "2026-02-03 15:20", viz, "Subvention FIPD pour la vidéoprotection", """Madame la Sénatrice,

La Ville de Vizille a sollicité le fonds interministériel de prévention de la délinquance pour l'installation de 12 caméras aux abords de la gare routière et du parc du château (coût 145 000 € HT). La demande a été déposée le 15 décembre.

Je vous serais reconnaissant d'appuyer ce dossier auprès de M. le Préfet.

Bien cordialement,""", case=c, note="thread start: mayor")
    m = reply(m, OFFICE, "2026-02-05 09:25", """Monsieur le Maire,

Mme Marchal soutiendra volontiers la demande de la Ville ; un courrier part aujourd'hui à la préfecture.

Bien cordialement,""", slug="permanence-re-vizille-fipd", staff="TR", note="office reply")
    K["vizille_r1"] = m
    internal = "<PAXP193MB4410C2B7E1A94F2D83C6@PAXP193MB4410.EURP193.PROD.OUTLOOK.COM>"
    f = reply(m, viz, "2026-02-27 12:04", """Monsieur Reynaud,

Ma DGS me signale que la préfecture a accordé 58 000 € au titre du FIPD. Merci pour votre soutien. Je mets Mme Mottet en copie pour la suite administrative.

Bien cordialement,""", slug="vizille-maire-re-fipd-accorde", cc=[vizdgs], quote=False,
              note="In-Reply-To points to an internal mail of the town hall (not in the set, deliberate) but References contain the office reply")
    f.irt = internal
    f.refs = [m_first, m, internal]
    f.dangling_ok = True


# ======================================================================================
# 2. threads whose headers were lost
# ======================================================================================

def build_lost():
    # --- L1 Saint-Ismier: old Outlook, « -----Message d'origine----- », no headers --------------------
    sti = person("stismier_maire", "Bruno Collomb", "maire@saint-ismier.fr", "outlook_cp1252",
                 sig=f"Bruno Collomb\nMaire de Saint-Ismier\nTél. {tel()}", display="Bruno COLLOMB")
    c = "stismier-groupe-scolaire-2026"
    m = new("stismier-maire-groupe-scolaire", "2026-03-10 10:05", sti, "Extension du groupe scolaire des Vergers", """Madame la Sénatrice,

La commune de Saint-Ismier doit agrandir le groupe scolaire des Vergers (4 classes supplémentaires et un restaurant scolaire) pour accueillir les enfants des 180 logements livrés en 2027. Le coût est estimé à 3,6 M€.

Nous préparons des demandes de DETR et de DSIL. Je souhaiterais savoir si Mme la Sénatrice pourrait appuyer ces demandes et nous conseiller sur le calendrier.

Recevez, Madame la Sénatrice, mes respectueuses salutations.""", case=c, note="thread start (headers kept), windows-1252")
    r = reply(m, OFFICE, "2026-03-12 09:44", """Monsieur le Maire,

Mme Marchal appuiera volontiers les demandes de la commune. Le dépôt DETR pour 2027 ouvrira en octobre ; nous vous conseillons de faire délibérer le conseil municipal avant l'été. Nous pouvons organiser un point téléphonique la semaine prochaine.

Bien cordialement,""", slug="permanence-re-stismier-groupe-scolaire", staff="TR", note="office reply")
    K["stismier_r1"] = r
    reply(r, sti, "2026-03-16 11:31", """Monsieur Reynaud,

Merci. Je suis disponible jeudi 19 mars à partir de 14 h ; notre DGS participera à l'échange. Je vous appelle au numéro de la permanence.

Cordialement,""", slug="stismier-maire-re-sans-entetes", lost=True, quote="outlook_fr",
          note="LOST HEADERS: no In-Reply-To/References; Outlook « -----Message d'origine----- » block quoting the office reply (De/Envoyé/À/Objet)")

    # --- L2 Goncelin: Outlook 365 separator line, no headers --------------------------------------------
    gon = person("goncelin_dgs", "Laetitia Savoye", "dgs@goncelin.fr", "outlook",
                 sig=f"Laetitia Savoye\nDirectrice générale des services\nMairie de Goncelin\n{tel()}", display="SAVOYE Laetitia")
    c = "goncelin-france-services-2026"
    m = new("goncelin-dgs-france-services", "2026-02-12 14:48", gon, "Maison France services de Goncelin – financement 2026", """Madame la Sénatrice,

La maison France services de Goncelin, labellisée en 2021, accueille plus de 6 000 usagers par an. La subvention forfaitaire de l'État n'a pas été revalorisée alors que nous avons dû recruter un troisième conseiller.

La commune supporte désormais 62 % du coût de fonctionnement. Pourriez-vous appuyer notre demande de revalorisation auprès de la préfecture ?

Cordialement,""", case=c, note="thread start (headers kept)")
    r = reply(m, OFFICE, "2026-02-16 16:06", """Madame la Directrice générale,

Mme Marchal a relayé votre demande auprès de la préfète déléguée et de l'ANCT. Pourriez-vous nous communiquer le budget 2025 de la structure ?

Bien cordialement,""", slug="permanence-re-goncelin-france-services", staff="NB", note="office reply")
    K["goncelin_r1"] = r
    reply(r, gon, "2026-02-18 08:59", """Bonjour Madame Benali,

Vous trouverez ci-joint le budget 2025 et le bilan d'activité de la maison France services.

Cordialement,""", slug="goncelin-dgs-re-budget-sans-entetes", lost=True, quote="outlook365_fr",
          attachments=[pdf_att("Budget_2025_MFS_Goncelin.pdf", "Maison France services Goncelin - budget 2025")],
          note="LOST HEADERS: Outlook 365 quoted block (line of underscores, De/Envoyé/À/Objet) quoting the office reply; PDF attachment")

    # --- L3 Froges: English Outlook block --------------------------------------------------------------
    fro = person("froges_secr", "Martine Guillot", "secretariat@froges.fr", "outlook_en",
                 sig=f"Martine Guillot\nSecrétaire générale de mairie\nFroges\n{tel()}", display="Secretariat Mairie de Froges")
    c = "froges-tresorerie-2026"
    m = new("froges-secretaire-tresorerie", "2026-01-15 11:20", fro, "Paiement de proximité et fermeture de la trésorerie", """Madame la Sénatrice,

Depuis la fermeture de la trésorerie de Domène, les habitants de Froges qui souhaitent payer en espèces leurs factures de cantine ou d'eau doivent se rendre dans un bureau de tabac agréé à Brignoud, souvent fermé. Les personnes âgées nous sollicitent chaque semaine.

Le conseil municipal souhaite qu'un point de paiement soit ouvert à la mairie. Est-ce possible ?

Bien cordialement,""", case=c, note="thread start (headers kept), English Outlook")
    r = reply(m, OFFICE, "2026-01-19 10:28", """Madame,

Nous avons interrogé la direction départementale des finances publiques sur la possibilité d'ouvrir un point de paiement en mairie ou d'agréer un second buraliste. Nous revenons vers vous.

Bien cordialement,""", slug="permanence-re-froges-tresorerie", staff="LG", note="office reply")
    K["froges_r1"] = r
    reply(r, fro, "2026-02-09 15:02", """Bonjour,

Avez-vous pu obtenir une réponse de la DDFiP ? Le conseil municipal en parlera le 16 février.

Merci,""", slug="froges-secretaire-re-relance-en", lost=True, quote="outlook_en",
          note="LOST HEADERS: English Outlook quoted block (From/Sent/To/Subject) quoting the office reply")

    # --- L4 Vinay: Gmail « Le … a écrit : », no headers ---------------------------------------------------
    vin = person("vinay_citoyen", "Lucas Fayolle", "lucas.fayolle.vinay@gmail.com", "gmail",
                 sig="Lucas Fayolle\nVinay")
    c = "vinay-mdph-2026"
    m = new("vinay-citoyen-mdph", "2026-06-29 13:02", vin, "Dossier MDPH de mon fils – 8 mois d'attente", """Bonjour Madame la Sénatrice,

Nous avons déposé en octobre 2025 une demande auprès de la MDPH pour notre fils Noé, 9 ans, qui est autiste. Huit mois plus tard, le dossier n'a pas été examiné. Sans notification, il n'aura pas d'AESH à la rentrée de septembre.

La MDPH nous répond que les délais sont de dix mois en moyenne. Pouvez-vous nous aider ?

Merci beaucoup""", case=c, note="thread start (headers kept), Gmail")
    r = reply(m, OFFICE, "2026-07-01 10:12", """Monsieur,

Nous avons signalé la situation de Noé à la direction de la MDPH de l'Isère en insistant sur l'échéance de la rentrée. Nous vous tenons informé.

Bien cordialement,""", slug="permanence-re-vinay-mdph", staff="NB", note="office reply")
    K["vinay_r1"] = r
    reply(r, vin, "2026-07-16 22:03", """Bonjour,

La MDPH nous a appelés : le dossier passe en commission le 23 juillet. Merci pour votre aide, on croise les doigts.""",
          slug="vinay-citoyen-re-gmail-sans-entetes", lost=True, quote="gmail",
          note="LOST HEADERS: Gmail « Le mer. 1 juil. 2026 à 10:12, Permanence … <permanence@…> a écrit : » + '>' quote")

    # --- L5 Vif: the DGS forwards what the mayor wrote (same case as T1) --------------------------------------
    vifdgs = person("vif_dgs", "Martine Cholat", "dgs@mairie-vif.fr", "outlook",
                    sig=f"Martine Cholat\nDirectrice générale des services\nMairie de Vif\n38450 VIF\nTél. {tel()}", display="CHOLAT Martine")
    reply(K["vif_f1"], vifdgs, "2026-05-28 11:20", """Bonjour Monsieur Reynaud,

À la demande de M. le Maire, je vous transfère nos échanges de janvier concernant le dossier DETR de l'école Jean-Moulin.

La commission départementale des élus s'est réunie le 20 mai mais la commune n'a toujours reçu aucune notification de la préfecture. Or nous devons lancer la consultation des entreprises avant le 30 juin pour tenir le calendrier des travaux de l'été 2027.

Auriez-vous des informations sur l'avancement du dossier ?

Cordialement,""", slug="dgs-vif-tr-sans-references", lost=True, fwd=True, quote="outlook_fr",
          note="LOST HEADERS: 'TR: RE:' forward by the DGS (other address, same town-hall domain); the quoted block names the mayor's message (sender maire@mairie-vif.fr, subject RE: …) → joins vif-detr-2026")

    # --- L6 Le Versoud: the secretary forwards the mayor's original request -------------------------------------
    ver = person("versoud_maire", "Jean-Louis Bret", "maire@mairie-leversoud.fr", "outlook",
                 sig=f"Jean-Louis Bret\nMaire du Versoud\n{tel()}", display="BRET Jean-Louis")
    versec = person("versoud_secr", "Chantal Ravix", "secretariat@mairie-leversoud.fr", "outlook",
                    sig=f"Chantal Ravix\nSecrétariat du Maire\nMairie du Versoud\n{tel()}", display="Secrétariat mairie Le Versoud")
    c = "versoud-creche-2026"
    m = new("versoud-maire-creche", "2026-04-02 17:25", ver, "Demande d'appui – extension de la crèche Les Lutins", """Madame la Sénatrice,

La commune du Versoud porte un projet d'extension de la crèche Les Lutins (de 24 à 36 berceaux), pour répondre à une liste d'attente de 41 familles. La CAF a été sollicitée au titre du plan crèches, mais son comité d'engagement n'a pas encore statué.

Je me permets de solliciter votre appui auprès de la CAF de l'Isère.

Bien cordialement,""", case=c, note="thread start (headers kept)")
    K["versoud_m1"] = m
    r = reply(m, OFFICE, "2026-04-06 11:02", """Monsieur le Maire,

Mme Marchal a écrit au directeur de la CAF de l'Isère pour soutenir l'extension de la crèche. Nous vous tiendrons informé.

Bien cordialement,""", slug="permanence-re-versoud-creche", staff="NB", note="office reply")
    K["versoud_r1"] = r
    reply(m, versec, "2026-05-04 09:14", """Madame, Monsieur,

M. le Maire me demande de vous renvoyer son message ci-dessous : la CAF vient de nous informer que le dossier est ajourné à l'automne faute de crédits. M. le Maire souhaiterait en parler avec Mme la Sénatrice.

Cordialement,""", slug="versoud-secretariat-tr-demande-appui", lost=True, fwd=True, quote="outlook_fr",
          note="LOST HEADERS: 'TR:' forward by the mayor's secretary (other address, same domain) of the mayor's ORIGINAL request; quoted block names maire@ and the original subject")

    # --- L7 Lumbin: subject-only continuation « Re : Fermeture de classe » -----------------------------------------
    lum = person("lumbin_maire", "Thierry Gaillard", "mairie@lumbin.fr", "cp1252",
                 sig=f"Thierry Gaillard\nMaire de Lumbin\n{tel()}", display="Mairie de Lumbin")
    c = "lumbin-classe-2026"
    m = new("lumbin-maire-fermeture-classe", "2026-02-09 12:10", lum, "Fermeture de classe", """Madame la Sénatrice,

L'inspection nous a informés de la fermeture envisagée d'une des quatre classes de l'école primaire de Lumbin à la rentrée prochaine. Avec 87 élèves attendus, les classes passeraient à près de 30 élèves, dont des triples niveaux.

Nous sollicitons votre soutien pour le maintien de ce poste.

Avec mes salutations distinguées,""", case=c, note="thread start: generic-looking subject, windows-1252 8bit")
    m2 = new("lumbin-maire-re-fermeture-classe", "2026-02-23 08:40", lum, "Re : Fermeture de classe", """Madame la Sénatrice,

Je me permets de revenir vers vous au sujet de l'école : le CDEN se réunit jeudi. Les parents ont recueilli 400 signatures. Avez-vous pu intervenir ?

Avec mes salutations distinguées,""", case=c,
             note="SUBJECT-ONLY continuation: 'Re : Fermeture de classe' from the same address, no headers, no quote (same case by sender+subject, 14 days)")
    reply(m2, OFFICE, "2026-02-24 10:30", """Monsieur le Maire,

Veuillez excuser ce délai. Mme Marchal est intervenue auprès du directeur académique le 20 février ; elle lui a rappelé la situation de Lumbin hier encore. Nous vous tiendrons informé de la décision du CDEN.

Bien cordialement,""", slug="permanence-re-lumbin-classe", staff="NB", quote=False, note="office reply to the continuation")

    # --- L8 Tréminis: tag + accents lost -------------------------------------------------------------------------------
    tre = person("treminis_maire", "Odile Pellat", "mairie.treminis@orange.fr", "orange",
                 sig=f"Odile Pellat\nMaire de Tréminis\n{tel()}", display="Mairie de Tréminis")
    c = "treminis-eglise-2026"
    new("treminis-maire-toiture-eglise", "2026-07-07 16:00", tre, "[Mairie de Tréminis] Réfection de la toiture de l'église", """Madame la Sénatrice,

La toiture en bardeaux de l'église de Tréminis laisse passer l'eau depuis l'hiver. Le devis s'élève à 96 000 € HT, pour un budget communal d'investissement de 60 000 €. Nous avons sollicité le Département et la Fondation du patrimoine.

Pourriez-vous nous indiquer les autres financements mobilisables et appuyer nos demandes ?

Bien cordialement,""", case=c, note="thread start: subject with a [tag]")
    new("treminis-maire-re-toiture-sans-accents", "2026-08-19 10:25", tre, "RE: [Mairie de Treminis] refection de la toiture de l'eglise", """Bonjour,

Je reviens vers vous concernant la toiture de l'église : le Département nous accorde 30 %. Il manque encore 40 000 €. Avez-vous pu regarder les autres possibilités ?

Cordialement,""", case=c, note="SUBJECT-ONLY continuation 43 days later: 'RE: [tag]' prefix, accents and capitals lost — same case after normalisation")

    # --- L9 Villard-Bonnot: same subject, > 60 days, new matter → two cases ---------------------------------------------------
    vbo = person("villardbonnot_maire", "Serge Turc", "maire@villard-bonnot.fr", "outlook",
                 sig=f"Serge Turc\nMaire de Villard-Bonnot\n{tel()}", display="TURC Serge")
    c1, c2 = "villardbonnot-voirie-chemin-iles-2026", "villardbonnot-voirie-glissement-2026"
    m = new("villardbonnot-maire-dossier-voirie", "2026-02-04 09:15", vbo, "Dossier voirie", """Madame la Sénatrice,

Après les pluies de janvier, le chemin des Îles, qui dessert la station d'épuration et une dizaine d'habitations, est très dégradé (affaissement de chaussée sur 80 mètres). La réparation est estimée à 120 000 €.

Existe-t-il une aide de l'État pour ces dégâts d'intempéries non couverts par l'arrêté de catastrophe naturelle ?

Bien cordialement,""", case=c1, note="first 'Dossier voirie' case (chemin des Îles)")
    reply(m, OFFICE, "2026-02-06 14:40", """Monsieur le Maire,

La dotation de solidarité en faveur de l'équipement des collectivités touchées par des événements climatiques (DSEC) peut être sollicitée auprès de la préfecture dans les deux mois. Mme Marchal appuiera votre demande.

Bien cordialement,""", slug="permanence-re-villardbonnot-voirie", staff="TR", note="office reply, case 1")
    m = new("villardbonnot-maire-dossier-voirie-glissement", "2026-06-10 08:50", vbo, "Dossier voirie", """Madame la Sénatrice,

Un glissement de terrain s'est produit dimanche sur la route de Brignoud-le-Haut, qui est coupée. Quatre familles ne peuvent plus accéder à leur domicile en voiture. Les premières études géotechniques chiffrent le confortement à 450 000 €.

Je sollicite à nouveau votre soutien pour obtenir une aide exceptionnelle de l'État.

Bien cordialement,""", case=c2,
            note="SAME sender and SAME subject 'Dossier voirie' 126 days after the first: a new matter → a NEW case")
    reply(m, OFFICE, "2026-06-11 17:15", """Monsieur le Maire,

Nous avons pris note du glissement de terrain de la route de Brignoud-le-Haut. Mme Marchal a alerté le préfet et demandé l'intervention du service de restauration des terrains en montagne.

Bien cordialement,""", slug="permanence-re-villardbonnot-glissement", staff="TR", note="office reply, case 2")

    # --- L10 Pont-en-Royans: Thunderbird « Le … a écrit : » -----------------------------------------------------------------
    pry = person("pontenroyans_assoc", "Hélène Brochier", "bourne.vivante@gmx.fr", "thunderbird",
                 sig="Hélène Brochier\nPrésidente de l'association Bourne vivante\n" + tel(True))
    c = "pontenroyans-baignade-2026"
    m = new("pontenroyans-association-baignade", "2026-06-16 19:30", pry, "Interdiction de baignade dans la Bourne", """Madame la Sénatrice,

Un arrêté interdit cette année la baignade dans la Bourne à Pont-en-Royans, en raison de la qualité de l'eau mesurée l'été dernier. Notre association demande depuis deux ans la mise aux normes de la station d'épuration en amont, responsable de ces pollutions.

Pourriez-vous intervenir auprès de la communauté de communes et de l'Agence de l'eau ?

Cordialement,""", case=c, note="thread start (headers kept), GMX via Thunderbird")
    r = reply(m, OFFICE, "2026-06-18 09:05", """Madame la Présidente,

Mme Marchal a interrogé la communauté de communes et l'Agence de l'eau sur le calendrier de mise aux normes de la station. Nous vous tiendrons informée.

Bien cordialement,""", slug="permanence-re-pontenroyans-baignade", staff="LG", note="office reply")
    K["pry_r1"] = r
    reply(r, pry, "2026-07-03 08:12", """Merci. La communauté de communes nous annonce des travaux en 2028 seulement, ce qui est bien tard. L'association organisera une réunion publique le 11 juillet : Mme la Sénatrice y serait la bienvenue.

Cordialement,""", slug="pontenroyans-association-re-tb-sans-entetes", lost=True, quote="tb",
          note="LOST HEADERS: Thunderbird « Le 18/06/2026 à 09:05, Permanence … a écrit : » (no address in the intro line)")

    # --- L11 Chamrousse: iPhone quote, no headers ------------------------------------------------------------------------------
    cha = person("chamrousse_restau", "Yannick Blanc-Tailleur", "yannick.bt@icloud.com", "apple",
                 sig="Yannick Blanc-Tailleur\nRestaurant Le Schuss, Chamrousse\n\nEnvoyé de mon iPhone")
    c = "chamrousse-saisonniers-2026"
    m = new("chamrousse-restaurateur-saisonniers", "2026-10-01 23:10", cha, "Logement des saisonniers à Chamrousse", """Bonjour Madame la Sénatrice,

Je suis restaurateur à Chamrousse. Chaque hiver je dois recruter 9 saisonniers et je n'arrive plus à les loger : les appartements sont tous loués aux touristes. Cette année deux cuisiniers ont renoncé au dernier moment.

Les professionnels de la station demandent une résidence pour saisonniers. Est-ce que l'État aide ce genre de projet ?

Merci""", case=c, note="thread start (headers kept), iCloud")
    r = reply(m, OFFICE, "2026-10-05 11:38", """Monsieur,

Le logement des travailleurs saisonniers peut bénéficier d'aides de l'État et de la Région, notamment dans le cadre des conventions signées par les communes touristiques. Mme Marchal a saisi le maire de Chamrousse et la préfecture pour connaître l'état du projet de résidence.

Bien cordialement,""", slug="permanence-re-chamrousse-saisonniers", staff="NB", note="office reply")
    K["chamrousse_r1"] = r
    reply(r, cha, "2026-10-06 07:41", """Merci pour votre réponse. Je vais en parler au maire à la réunion des socioprofessionnels jeudi.""",
          slug="chamrousse-restaurateur-re-ios-sans-entetes", lost=True, quote="ios",
          note="LOST HEADERS: iPhone « Le 5 oct. 2026 à 11:38, Permanence … <permanence@…> a écrit : » + '>' quote")

    # --- L12 Saint-Martin-d'Uriage: HTML-only Outlook reply, no headers -----------------------------------------------------------
    uri = person("uriage_maire", "Agnès Villard", "a.villard@saint-martin-uriage.fr", "outlook_html",
                 sig=f"Agnès Villard\nMaire de Saint-Martin-d'Uriage\n{tel()}", display="VILLARD Agnès")
    c = "uriage-thermes-2026"
    m = new("uriage-maire-thermes", "2026-05-04 10:20", uri, "Thermes d'Uriage : déremboursement des cures", """Madame la Sénatrice,

Les rumeurs d'un déremboursement des cures thermales inquiètent fortement notre commune : l'établissement thermal emploie 240 personnes et fait vivre les hôtels et commerces du village.

Le conseil municipal souhaiterait connaître la position du Gouvernement et celle de Mme la Sénatrice.

Bien cordialement,""", case=c, note="thread start (headers kept), Outlook HTML-only")
    r = reply(m, OFFICE, "2026-05-06 15:15", """Madame le Maire,

Aucune mesure de déremboursement n'est à ce jour inscrite dans le projet de loi de financement de la sécurité sociale. Mme Marchal, membre du groupe d'études sur le thermalisme, s'y opposerait fermement et a interrogé la ministre de la Santé.

Bien cordialement,""", slug="permanence-re-uriage-thermes", staff="TR", note="office reply")
    K["uriage_r1"] = r
    reply(r, uri, "2026-05-07 09:02", """Merci pour cette réponse rassurante, que je partagerai au conseil municipal du 18 mai.

Bien cordialement,""", slug="uriage-maire-re-html-sans-entetes", lost=True, quote="outlook_fr",
          note="LOST HEADERS, HTML ONLY: the Outlook quoted block is in HTML (<b>De&nbsp;:</b> … <b>Objet&nbsp;:</b>) — needs HTML-to-text first")

    # --- L13 Salaise-sur-Sanne: German Outlook « AW: », no headers ---------------------------------------------------------------
    sal = person("salaise_logistique", "Julien Marchetti", "julien.marchetti@alpenrhein-logistik.de", "outlook_de",
                 sig=f"Julien Marchetti\nDirecteur du site de Salaise-sur-Sanne\nAlpenrhein Logistik France\n{tel()}",
                 display="Marchetti, Julien")
    c = "salaise-embranchement-2026"
    m = new("salaise-entreprise-embranchement", "2026-09-22 08:30", sal, "Embranchement ferroviaire de la zone Inspira", """Madame la Sénatrice,

Notre entreprise de logistique, installée sur la zone Inspira à Salaise-sur-Sanne, souhaite transférer vers le rail 40 % de ses flux routiers. L'embranchement ferroviaire existant n'est plus entretenu et SNCF Réseau évoque sa fermeture.

Une rénovation permettrait d'éviter 6 000 camions par an sur la vallée du Rhône. Pourriez-vous nous aider à réunir les financeurs ?

Cordialement,""", case=c, note="thread start (headers kept), German-configured Outlook")
    r = reply(m, OFFICE, "2026-09-24 14:00", """Monsieur le Directeur,

Mme Marchal soutient le report modal et a saisi SNCF Réseau, la Région et le syndicat mixte de la zone Inspira afin d'organiser une réunion des financeurs.

Bien cordialement,""", slug="permanence-re-salaise-embranchement", staff="TR", note="office reply")
    K["salaise_r1"] = r
    reply(r, sal, "2026-09-25 10:11", """Merci beaucoup. Nous sommes disponibles pour cette réunion à partir du 12 octobre.

Cordialement,""", slug="salaise-entreprise-aw-sans-entetes", lost=True, quote="outlook_de",
          note="LOST HEADERS: 'AW: Re:' subject and a German Outlook block (Von/Gesendet/An/Betreff) — matches by sender + normalised subject")

    # --- L14 Saint-Chef: « Réf : » continuation -------------------------------------------------------------------------------------
    sch = person("saintchef_citoyen", "Roger Vachon", "roger.vachon@sfr.fr", "latin1",
                 sig="Roger Vachon\n5 impasse des Tilleuls\n38890 Saint-Chef")
    c = "saintchef-secheresse-maison-2026"
    m = new("saintchef-citoyen-maison-fissuree", "2026-08-03 17:48", sch, "Indemnisation sécheresse – maison fissurée", """Madame la Sénatrice,

Ma maison, construite en 1978 sur un terrain argileux, présente depuis l'été 2025 des fissures de plusieurs centimètres. La commune de Saint-Chef n'a pas été reconnue en état de catastrophe naturelle pour la sécheresse de 2025 alors que les communes voisines l'ont été.

Mon assurance refuse donc toute prise en charge. Que puis-je faire ?

Salutations distinguées""", case=c, note="thread start (headers kept), ISO-8859-1")
    reply(m, OFFICE, "2026-08-05 10:00", """Monsieur,

La commune peut déposer une nouvelle demande de reconnaissance si de nouveaux éléments météorologiques le justifient. Mme Marchal a demandé à la préfecture les motifs du refus et a pris contact avec M. le Maire.

Bien cordialement,""", slug="permanence-re-saintchef-secheresse", staff="LG", note="office reply")
    new("saintchef-citoyen-ref-secheresse", "2026-09-01 18:30", sch, "Réf : Indemnisation sécheresse – maison fissurée", """Madame, Monsieur,

Suite à votre réponse, le maire m'a confirmé qu'une nouvelle demande serait déposée. En attendant, les fissures s'agrandissent et une porte ne ferme plus. Avez-vous eu la réponse de la préfecture ?

Salutations distinguées""", case=c, fmt="plain-latin1-8bit",
        note="SUBJECT-ONLY continuation with the 'Réf :' prefix, no headers, no quote, ISO-8859-1 8bit")

    # --- L15 Crémieu: the mayor's assistant answers from her own address --------------------------------------------------------------------
    cre = person("cremieu_maire", "Paul Berthier", "maire@mairie-cremieu.fr", "outlook",
                 sig=f"Paul Berthier\nMaire de Crémieu\n{tel()}", display="BERTHIER Paul")
    creass = person("cremieu_assistante", "Sabrina Lopes", "assistante.maire@mairie-cremieu.fr", "outlook",
                    sig=f"Sabrina Lopes\nAssistante du Maire\nMairie de Crémieu\n{tel()}", display="LOPES Sabrina")
    c = "cremieu-halles-2026"
    m = new("cremieu-maire-halles", "2026-05-18 11:11", cre, "Restauration des halles médiévales", """Madame la Sénatrice,

Les halles de Crémieu, classées monument historique, nécessitent une restauration complète de la charpente (1,9 M€). La DRAC a inscrit l'opération à sa programmation, mais pour 2029 seulement, alors que des étais ont dû être posés.

Je sollicite votre appui pour avancer ce calendrier.

Bien cordialement,""", case=c, note="thread start (headers kept)")
    r = reply(m, OFFICE, "2026-05-20 09:30", """Monsieur le Maire,

Mme Marchal a écrit à la directrice régionale des affaires culturelles et souhaiterait visiter les halles. Pourriez-vous nous proposer des dates en juin ?

Bien cordialement,""", slug="permanence-re-cremieu-halles", staff="NB", note="office reply")
    K["cremieu_r1"] = r
    reply(r, creass, "2026-05-22 14:25", """Bonjour Madame Benali,

M. le Maire est disponible le 12 juin en matinée ou le 19 juin après-midi pour accueillir Mme la Sénatrice aux halles.

Bien cordialement,""", slug="cremieu-assistante-re-dates-sans-entetes", lost=True, quote="outlook365_fr",
          note="LOST HEADERS and a DIFFERENT sender (the mayor's assistant): the quoted block names the office reply (sender + subject)")

    # --- L16 Mizoën: Samsung « -------- Message d'origine -------- », no headers -------------------------------------------------------------
    miz = person("mizoen_maire", "Daniel Faure-Brac", "danielfb.mizoen@gmail.com", "android",
                 sig="Daniel Faure-Brac\nMaire de Mizoën\n" + tel(True))
    c = "mizoen-avalanche-2026"
    m = new("mizoen-maire-paravalanches", "2026-01-23 18:05", miz, "Protection paravalanche du hameau du Chazelet", """Madame la Sénatrice,

Le couloir d'avalanche qui menace le hameau du Chazelet, sur la commune de Mizoën, s'est déclenché deux fois en janvier. Le service RTM recommande des ouvrages paravalanches estimés à 700 000 €, hors de portée d'une commune de 180 habitants.

Je sollicite votre appui pour un financement au titre du fonds de prévention des risques naturels majeurs.

Cordialement,""", case=c, note="thread start (headers kept), mayor writing from his personal Gmail with Samsung Email")
    r = reply(m, OFFICE, "2026-01-26 09:50", """Monsieur le Maire,

Mme Marchal a saisi le préfet et la DDT pour que le dossier soit inscrit au fonds de prévention des risques naturels majeurs. Nous vous tiendrons informé.

Bien cordialement,""", slug="permanence-re-mizoen-paravalanches", staff="TR", note="office reply")
    K["mizoen_r1"] = r
    reply(r, miz, "2026-02-13 07:30", """Bonjour, la DDT nous a contactés et finance l'étude à 80 %. Merci à Mme la Sénatrice.""",
          slug="mizoen-maire-re-samsung-sans-entetes", lost=True, quote="samsung",
          note="LOST HEADERS: Samsung « -------- Message d'origine -------- » block (De/Date/À/Objet)")

    # --- L17 Gresse-en-Vercors: Zimbra « ----- Mail original ----- », no headers ----------------------------------------------------------
    gre = person("gresse_secr", "Coralie Achard", "mairie@gresse-en-vercors.fr", "zimbra",
                 sig=f"Coralie Achard\nSecrétaire de mairie\nGresse-en-Vercors\n{tel()}", display="Mairie de Gresse-en-Vercors")
    c = "gresse-accessibilite-2026"
    m = new("gresse-mairie-accessibilite", "2026-03-05 10:45", gre, "Mise en accessibilité de la mairie et de l'école", """Madame la Sénatrice,

La commune de Gresse-en-Vercors doit réaliser la mise en accessibilité de la mairie et de l'école, prévue par son agenda d'accessibilité programmée (ascenseur, sanitaires, rampe). Le coût est de 210 000 € pour un budget de fonctionnement de 900 000 €.

M. le Maire souhaiterait savoir si un report de l'échéance est envisageable et quelles aides peuvent être sollicitées.

Cordialement,""", case=c, note="thread start (headers kept), Zimbra")
    r = reply(m, OFFICE, "2026-03-09 16:20", """Madame,

Les travaux d'accessibilité sont éligibles à la DETR, au taux maximal pour les petites communes. Une prorogation de l'Ad'AP peut être demandée au préfet. Nous pouvons accompagner la commune dans ces deux démarches.

Bien cordialement,""", slug="permanence-re-gresse-accessibilite", staff="LG", note="office reply")
    K["gresse_r1"] = r
    reply(r, gre, "2026-03-11 11:02", """Bonjour,

Merci pour ces informations. M. le Maire souhaite effectivement être accompagné pour la demande de prorogation. Je vous adresse le dossier d'Ad'AP par courrier.

Cordialement,""", slug="gresse-mairie-re-zimbra-sans-entetes", lost=True, quote="zimbra",
          note="LOST HEADERS: Zimbra « ----- Mail original ----- » block (De/À/Envoyé/Objet, other order), HTML-only base64")

    # --- L18 Trept: Windows Live Mail « ----- Original Message ----- », no headers -----------------------------------------------------------
    tpt = person("trept_retraitee", "Gisèle Mermet", "gisele.mermet@wanadoo.fr", "latin1",
                 sig="Gisèle Mermet\nTrept")
    c = "trept-reversion-2026"
    m = new("trept-retraitee-pension-reversion", "2026-04-14 09:30", tpt, "Pension de réversion bloquée depuis le décès de mon mari", """Madame la Sénatrice,

Mon mari est décédé en septembre 2025. J'ai déposé ma demande de pension de réversion en octobre auprès de la caisse de retraite et je n'ai toujours rien perçu. Je vis avec 780 euros par mois et je n'arrive plus à payer mes factures.

La caisse me répond que le dossier est « en cours ». Pouvez-vous m'aider ?

Merci beaucoup""", case=c, note="thread start (headers kept), Windows Live Mail ISO-8859-1")
    r = reply(m, OFFICE, "2026-04-16 11:00", """Madame,

Nous avons saisi le service « relations parlementaires » de la caisse de retraite en lui demandant de traiter votre dossier en priorité. Nous vous tiendrons informée.

Bien cordialement,""", slug="permanence-re-trept-reversion", staff="LG", note="office reply")
    K["trept_r1"] = r
    reply(r, tpt, "2026-05-05 14:10", """Bonjour,

J'ai reçu le premier versement hier avec le rappel depuis octobre. Je vous remercie du fond du coeur.""",
          slug="trept-retraitee-re-wlm-sans-entetes", lost=True, quote="wlm",
          note="LOST HEADERS: Windows Live Mail « ----- Original Message ----- » block (From: display name only, To, Sent, Subject)")

    # --- L19 Chasse-sur-Rhône: the husband forwards his wife's exchange with the office -----------------------------------------------------
    chw = person("chasse_epouse", "Marion Guichard", "marion.guichard69@gmail.com", "gmail", sig="Marion Guichard\nChasse-sur-Rhône")
    chh = person("chasse_mari", "Olivier Guichard", "o.guichard@gmail.com", "gmail", sig="Olivier Guichard")
    c = "chasse-inondation-assurance-2026"
    m = new("chasse-citoyenne-inondation-assurance", "2026-10-09 12:40", chw, "Inondation de notre sous-sol – litige avec l'assurance", """Bonjour,

Notre sous-sol a été inondé lors de l'orage du 24 septembre à Chasse-sur-Rhône (40 cm d'eau). L'assurance refuse de nous indemniser au motif que la commune n'est pas (encore) reconnue en catastrophe naturelle, et nous avons déjà jeté tout le mobilier.

La mairie dit avoir déposé la demande. Combien de temps cela prend-il ?

Merci""", case=c, note="thread start (headers kept), Gmail")
    r = reply(m, OFFICE, "2026-10-12 10:25", """Madame,

La commission interministérielle examine les demandes en moyenne deux à trois mois après leur dépôt. Nous avons demandé à la préfecture que le dossier de Chasse-sur-Rhône soit présenté à la séance de novembre.

Bien cordialement,""", slug="permanence-re-chasse-inondation", staff="NB", note="office reply")
    K["chasse_r1"] = r
    reply(r, chh, "2026-10-20 19:45", """Bonjour,

Je suis le mari de Mme Guichard. Je vous transfère votre réponse : l'assurance nous demande maintenant un justificatif de la date de dépôt de la demande communale. Pourriez-vous nous aider à l'obtenir ?

Cordialement""", slug="chasse-mari-fwd-gmail", lost=True, fwd=True, quote="fwd_gmail",
          note="LOST HEADERS: 'Fwd:' from the spouse's own Gmail (different address); Gmail « ---------- Forwarded message --------- » block names the office reply")


# ======================================================================================
# 3. same generic subject, different senders → different cases
# ======================================================================================

def build_generic():
    # --- « Demande de rendez-vous » ------------------------------------------------------------
    a = person("smh_citoyenne", "Laura Ferrand", "laura.ferrand@gmail.com", "gmail", sig="Laura Ferrand\nSaint-Martin-d'Hères\n" + tel(True))
    m = new("smh-citoyenne-demande-rdv", "2026-03-02 12:15", a, "Demande de rendez-vous", """Bonjour,

Je souhaiterais rencontrer Mme la Sénatrice ou l'un de ses collaborateurs au sujet de la reprise de l'entreprise de menuiserie de mon père, qui part à la retraite. Nous rencontrons des difficultés avec la banque pour le prêt de transmission et je voudrais savoir s'il existe des dispositifs d'accompagnement.

Je suis disponible les lundis et mercredis.

Merci d'avance,""", case="rdv-smh-transmission-2026", note="generic subject 'Demande de rendez-vous' (1/4): citizen")
    reply(m, OFFICE, "2026-03-04 10:05", """Madame,

Nadia Benali, collaboratrice de Mme Marchal, peut vous recevoir à la permanence le lundi 16 mars à 10 h. Merci de nous confirmer votre venue.

Bien cordialement,""", slug="permanence-re-smh-demande-rdv", staff="LG", note="office reply 'Re: Demande de rendez-vous' (joins only this sender's case)")
    b = person("grenoble_assoc_migrants", "Étienne Lacroix", "contact@solidarite-exil-grenoble.org", "thunderbird",
               sig="Étienne Lacroix\nCoordinateur – Solidarité exil Grenoble\n" + tel())
    new("grenoble-association-demande-rdv", "2026-03-18 16:40", b, "Demande de rendez-vous", """Madame la Sénatrice,

Notre association accompagne chaque semaine une soixantaine de personnes exilées dans leurs démarches de titre de séjour. Les délais de rendez-vous en préfecture se sont encore allongés et de nombreuses personnes perdent leur emploi faute de récépissé.

Nous souhaiterions vous présenter ces situations lors d'un rendez-vous à votre convenance.

Respectueusement,""", case="rdv-grenoble-exil-2026", note="generic subject 'Demande de rendez-vous' (2/4): association")
    oz = person("oz_maire", "Frédéric Balme", "maire@oz-en-oisans.fr", "outlook",
                sig=f"Frédéric Balme\nMaire d'Oz\n{tel()}", display="BALME Frédéric")
    new("oz-maire-demande-rdv", "2026-04-01 09:30", oz, "Demande de rendez-vous", """Madame la Sénatrice,

Je souhaiterais vous rencontrer, avec le maire de Vaujany, au sujet du projet de liaison câblée entre nos deux stations et l'Alpe d'Huez, dont l'étude d'impact vient d'être rendue. Nous avons besoin de l'appui de l'État pour la procédure d'unité touristique nouvelle.

Je reste à votre disposition pour convenir d'une date.

Bien cordialement,""", case="rdv-oz-liaison-cablee-2026", note="generic subject 'Demande de rendez-vous' (3/4): mayor")
    ozd = person("oz_dgs", "Céline Roussel", "dgs@oz-en-oisans.fr", "outlook",
                 sig=f"Céline Roussel\nDirectrice générale des services\nMairie d'Oz\n{tel()}", display="ROUSSEL Céline")
    new("oz-dgs-demande-rdv", "2026-04-20 14:10", ozd, "Demande de rendez-vous", """Madame, Monsieur,

La commune d'Oz souhaiterait obtenir un rendez-vous avec un collaborateur de Mme la Sénatrice au sujet du calcul de sa dotation globale de fonctionnement : la population touristique (résidences secondaires) n'a pas été mise à jour depuis 2019, ce qui prive la commune d'environ 45 000 € par an.

Je vous remercie de m'indiquer vos disponibilités.

Cordialement,""", case="rdv-oz-dgf-2026",
        note="generic subject 'Demande de rendez-vous' (4/4): DGS at the SAME town-hall domain as 3/4, 19 days later, different address and different matter → own case")

    # --- « Demande de subvention » -----------------------------------------------------------------
    a = person("marcollin_club", "Sébastien Jullien", "as.marcollin@laposte.net", "latin1", sig="Sébastien Jullien\nPrésident de l'AS Marcollin\n" + tel(True))
    new("marcollin-club-demande-subvention", "2026-05-04 21:10", a, "Demande de subvention", """Bonjour Madame la Sénatrice,

Notre club de football de Marcollin compte 110 licenciés dont 70 jeunes. Les vestiaires datent de 1982 et ne sont plus aux normes. Nous avons un devis de 18 000 € pour leur rénovation. La commune nous aide mais nous cherchons d'autres financements.

Est-ce que vous pouvez nous accorder une subvention ?

Sportivement,""", case="subvention-marcollin-club-2026", note="generic subject 'Demande de subvention' (1/3): sports club, ISO-8859-1")
    b = person("pajay_maire", "Yves Bonnet", "mairie.pajay@wanadoo.fr", "orange", sig=f"Yves Bonnet\nMaire de Pajay\n{tel()}", display="Mairie de Pajay")
    m = new("pajay-maire-demande-subvention", "2026-05-19 10:00", b, "Demande de subvention", """Madame la Sénatrice,

La commune de Pajay souhaite aménager un city-stade à côté de l'école (coût : 65 000 € HT). Je me permets de solliciter une subvention au titre de votre réserve parlementaire, comme l'avait fait mon prédécesseur pour la salle des fêtes.

Veuillez agréer, Madame la Sénatrice, l'expression de mes salutations distinguées.""", case="subvention-pajay-citystade-2026",
            note="generic subject 'Demande de subvention' (2/3): mayor")
    reply(m, OFFICE, "2026-05-21 15:30", """Monsieur le Maire,

La réserve parlementaire a été supprimée en 2017. Ce type d'équipement peut en revanche être financé par la DETR, par l'Agence nationale du sport (plan « 5 000 terrains ») et par le Département. Mme Marchal appuiera volontiers vos demandes ; nous pouvons vous aider à constituer le dossier.

Bien cordialement,""", slug="permanence-re-pajay-subvention", staff="TR", note="office reply 'Re: Demande de subvention'")
    c_ = person("stclair_comite", "Ghislaine Roche", "comitedesfetes.stclair@gmail.com", "gmail",
                sig="Ghislaine Roche\nPrésidente du comité des fêtes de Saint-Clair-du-Rhône", display="Comité des fêtes St Clair")
    new("stclair-comite-demande-subvention", "2026-06-08 18:22", c_, "Demande de subvention", """Madame la Sénatrice,

Le comité des fêtes de Saint-Clair-du-Rhône organise le 12 juillet une fête du Rhône avec feu d'artifice et bal. Nous sollicitons une aide de 1 500 € pour financer la sécurité (agents et secouristes) rendue obligatoire par la préfecture.

Avec nos remerciements,""", case="subvention-stclair-fete-2026", note="generic subject 'Demande de subvention' (3/3): festival committee")

    # --- « Invitation » ------------------------------------------------------------------------------
    a = person("peage_maire", "Muriel Giraud", "cabinet@ville-lepeagederoussillon.fr", "outlook",
               sig=f"Muriel Giraud\nMaire du Péage-de-Roussillon\n{tel()}", display="Cabinet du Maire – Le Péage-de-Roussillon")
    m = new("peage-maire-invitation", "2026-06-01 11:00", a, "Invitation", """Madame la Sénatrice,

J'ai le plaisir de vous inviter à l'inauguration de la nouvelle médiathèque Simone-Veil, le samedi 27 juin à 11 heures, en présence des partenaires qui ont permis sa réalisation.

Votre présence nous honorerait. Un déjeuner sera servi à l'issue de la cérémonie.

Je vous prie d'agréer, Madame la Sénatrice, l'expression de ma considération distinguée.""", case="invitation-peage-mediatheque-2026",
            note="generic subject 'Invitation' (1/3): mayor's personal invitation")
    reply(m, OFFICE, "2026-06-03 09:20", """Madame le Maire,

Mme Marchal vous remercie de votre invitation et sera présente à l'inauguration le 27 juin. Elle sera accompagnée de Thomas Reynaud.

Bien cordialement,""", slug="permanence-re-peage-invitation", staff="TR", note="office reply 'Re: Invitation'")
    b = person("tignieu_fnaca", "René Perrier", "rene.perrier38@orange.fr", "orange", sig="René Perrier\nPrésident du comité FNACA de Tignieu-Jameyzieu")
    new("tignieu-anciens-combattants-invitation", "2026-06-15 17:45", b, "Invitation", """Madame la Sénatrice,

Le comité local des anciens combattants de Tignieu-Jameyzieu organise le 4 juillet une cérémonie pour le 60e anniversaire de son drapeau, suivie d'un vin d'honneur à la salle polyvalente.

Nous serions très honorés de votre présence.

Avec mes respectueuses salutations,""", case="invitation-tignieu-drapeau-2026", note="generic subject 'Invitation' (2/3): veterans' association")
    c_ = person("avenieres_ecole", "Claire Mathieu", "ce.0381187t@ac-grenoble.fr", "zimbra", sig="Claire Mathieu\nDirectrice de l'école primaire des Avenières", display="Ecole primaire Les Avenieres")
    new("avenieres-ecole-invitation", "2026-06-22 13:05", c_, "Invitation", """Madame la Sénatrice,

Les élèves de CM2 de l'école des Avenières ont travaillé toute l'année sur le fonctionnement du Parlement et ont rédigé leur propre « proposition de loi » sur la protection des haies. Ils seraient ravis de vous la présenter le vendredi 3 juillet à 14 h dans leur classe.

Bien cordialement,""", case="invitation-avenieres-ecole-2026", note="generic subject 'Invitation' (3/3): primary school head, HTML-only")

    # --- « Question » -------------------------------------------------------------------------------------
    a = person("grenoble_etudiant", "Hugo Marin", "hugo.marin@etu.univ-grenoble-alpes.fr", "zimbra", sig="Hugo Marin\nMaster 2 droit public, Université Grenoble Alpes")
    new("grenoble-etudiant-question", "2026-01-27 18:30", a, "Question", """Madame la Sénatrice,

Je rédige un mémoire sur le rôle du Sénat dans la représentation des collectivités territoriales. Accepteriez-vous de répondre à quelques questions, par écrit ou lors d'un court entretien, sur la manière dont vous traitez les sollicitations des maires ?

Je vous remercie par avance,""", case="question-grenoble-memoire-2026", note="generic subject 'Question' (1/3): student")
    b = person("varces_retraite", "Jacqueline Blanc", "jacqueline.blanc@free.fr", "thunderbird", sig="Jacqueline Blanc\nVarces-Allières-et-Risset")
    new("varces-retraitee-question", "2026-02-17 10:02", b, "Question", """Bonjour,

Je n'ai pas reçu cette année le chèque énergie alors que mes revenus n'ont pas changé. On m'a dit que la réforme obligeait maintenant à faire une demande sur internet mais je n'ai pas d'ordinateur. Comment faire ?

Merci de votre réponse""", case="question-varces-cheque-energie-2026", note="generic subject 'Question' (2/3): retiree")
    c_ = person("autrans_apiculteur", "Julien Rochas", "rucher.du.vercors@gmail.com", "gmail", sig="Julien Rochas\nApiculteur – Autrans-Méaudre en Vercors", display="Rucher du Vercors")
    new("autrans-apiculteur-question", "2026-03-13 07:55", c_, "Question", """Bonjour Madame la Sénatrice,

Quelle sera votre position lors du vote sur la réautorisation de certains néonicotinoïdes ? Les apiculteurs du Vercors ont perdu 30 % de leurs colonies l'hiver dernier.

Cordialement,""", case="question-autrans-neonicotinoides-2026", note="generic subject 'Question' (3/3): beekeeper")

    # --- « Urgent » --------------------------------------------------------------------------------------------
    a = person("smh_locataire", "Mohamed Haddad", "m.haddad.smh@gmail.com", "gmail", sig="Mohamed Haddad\n" + tel(True))
    m = new("smh-locataire-urgent", "2026-09-28 07:20", a, "Urgent", """Madame,

Je dois être expulsé de mon logement jeudi avec ma femme et mes deux enfants. J'ai repris le paiement du loyer depuis 6 mois et j'ai un plan d'apurement de la dette avec la CAF mais le bailleur maintient l'expulsion. Nous n'avons nulle part où aller.

Aidez-nous s'il vous plaît""", case="urgent-smh-expulsion-2026", note="generic subject 'Urgent' (1/3): citizen facing eviction")
    reply(m, OFFICE, "2026-09-28 11:05", """Monsieur,

Nous avons immédiatement saisi le service de la préfecture chargé du concours de la force publique et le service social du Département. Merci de nous transmettre au plus vite le jugement et le plan d'apurement.

Bien cordialement,""", slug="permanence-re-smh-urgent", staff="NB", note="office reply 'Re: Urgent'")
    b = person("livet_maire", "Didier Bourgeat", "maire@livet-et-gavet.fr", "outlook", sig=f"Didier Bourgeat\nMaire de Livet-et-Gavet\n{tel()}", display="BOURGEAT Didier")
    new("livet-maire-urgent", "2026-10-03 19:40", b, "Urgent", """Madame la Sénatrice,

Les analyses de l'ARS ont détecté une contamination bactérienne sur le réseau d'eau du hameau des Clavaux. Nous avons diffusé une interdiction de consommation mais nous avons besoin de 2 000 litres d'eau en bouteille par jour et la commune n'a pas les moyens logistiques.

Pouvez-vous alerter la préfecture ?""", case="urgent-livet-eau-2026", note="generic subject 'Urgent' (2/3): mayor, 5 days after 1/3")
    c_ = person("varces_parent", "Amandine Rey", "amandine.rey.38@yahoo.fr", "thunderbird", sig="Amandine Rey")
    new("varces-parent-urgent", "2026-10-19 06:58", c_, "Urgent", """Bonjour,

Le car scolaire qui emmène mon fils au lycée de Vif ne passe plus depuis lundi, la compagnie dit manquer de chauffeurs. Les élèves du hameau doivent marcher 3 km sur la route sans trottoir. Qui peut agir ?

Merci""", case="urgent-varces-car-scolaire-2026", note="generic subject 'Urgent' (3/3): parent, Yahoo")

    # --- « Courrier » ------------------------------------------------------------------------------------------------
    a = person("avenieres_secr", "Nadine Chapuis", "accueil@mairie-lesavenieres.fr", "outlook", sig=f"Nadine Chapuis\nAccueil – Mairie des Avenières Veyrins-Thuellin\n{tel()}", display="Accueil Mairie")
    new("avenieres-mairie-courrier", "2026-07-15 14:20", a, "Courrier", """Bonjour,

Veuillez trouver ci-joint un courrier de M. le Maire concernant la demande de classement en zone de revitalisation rurale de la commune.

Bonne réception,""", case="courrier-avenieres-zrr-2026", attachments=[pdf_att("Courrier Maire - ZRR.pdf", "Les Avenieres Veyrins-Thuellin - courrier du Maire")],
        note="generic subject 'Courrier' (1/3): cover note + scanned letter as PDF")
    b = person("tignieu_citoyen", "Bernard Allemand", "b.allemand@orange.fr", "orange", sig="B. Allemand")
    new("tignieu-citoyen-courrier", "2026-07-28 09:15", b, "Courrier", """Bonjour,

Je vous envoie par mail le courrier que j'ai posté la semaine dernière, au cas où il serait perdu. Il concerne le refus de ma demande de carte de stationnement pour personne handicapée.

Cordialement""", case="courrier-tignieu-cmi-2026", attachments=[pdf_att("scan0042.pdf", "Scan 0042")],
        note="generic subject 'Courrier' (2/3): citizen, scanned letter")
    c_ = person("tignieu_mairie", "Secrétariat général", "secretariat.general@tignieu-jameyzieu.fr", "outlook_cp1252",
                sig=f"Secrétariat général\nMairie de Tignieu-Jameyzieu\n{tel()}", display="Secretariat general Tignieu-Jameyzieu")
    new("tignieu-mairie-courrier", "2026-08-20 11:00", c_, "Courrier", """Madame la Sénatrice,

Nous vous prions de trouver ci-joint le courrier de Mme le Maire relatif au projet de contournement routier de Tignieu-Jameyzieu.

Avec nos salutations respectueuses,""", case="courrier-tignieu-contournement-2026",
        attachments=[pdf_att("2026-08-19_Courrier_Senatrice_contournement.pdf", "Tignieu-Jameyzieu - contournement")],
        note="generic subject 'Courrier' (3/3): town hall of the SAME commune as 2/3 (different sender), 23 days later")

    # --- « Sollicitation » ------------------------------------------------------------------------------------------------
    a = person("autrans_festival", "Pauline Gerin", "prog@festival-vercors-musiques.fr", "gmail", sig="Pauline Gerin\nFestival Vercors Musiques", display="Festival Vercors Musiques")
    new("autrans-festival-sollicitation", "2026-04-08 11:11", a, "Sollicitation", """Madame la Sénatrice,

Le festival Vercors Musiques fêtera sa 20e édition du 24 au 26 juillet. Nous aimerions que vous acceptiez d'en être la marraine, et que vous preniez la parole lors de l'ouverture.

Bien cordialement,""", case="sollicitation-festival-vercors-2026", note="generic subject 'Sollicitation' (1/3): festival")
    b = person("journaliste_echo", "Vincent Morel", "v.morel@echo-dauphine.fr", "outlook", sig=f"Vincent Morel\nJournaliste – L'Écho du Dauphiné (édition Isère)\n{tel(True)}", display="MOREL Vincent")
    new("journaliste-sollicitation", "2026-04-21 16:02", b, "Sollicitation", """Bonjour,

Je prépare un article sur les déserts médicaux dans le sud Isère et souhaiterais recueillir le point de vue de Mme la Sénatrice, qui a déposé une proposition de loi sur le sujet. Un entretien téléphonique de 15 minutes serait possible cette semaine ?

Bien à vous,""", case="sollicitation-presse-deserts-medicaux-2026", note="generic subject 'Sollicitation' (2/3): journalist")
    c_ = person("lycee_cvl", "Inès Garcia", "cvl.lycee.vienne@gmail.com", "gmail", sig="Inès Garcia, élue au CVL\nLycée de Vienne", display="CVL Lycée")
    new("vienne-lyceens-sollicitation", "2026-05-05 13:30", c_, "Sollicitation", """Bonjour Madame la Sénatrice,

Nous sommes élus au conseil de la vie lycéenne de notre lycée à Vienne. Nous aimerions organiser une visite du Sénat pour une classe de terminale en février prochain. Est-ce possible ?

Merci beaucoup !""", case="sollicitation-lyceens-visite-senat-2026", note="generic subject 'Sollicitation' (3/3): high-school pupils")

    # --- no subject ------------------------------------------------------------------------------------------------------------
    a = person("salaise_citoyen", "Mickaël Roux", "mick.roux@gmail.com", "gmail", sig="Mickaël Roux, Salaise-sur-Sanne")
    new("salaise-citoyen-sans-objet-absent", "2026-08-24 22:30", a, None, """Bonjour madame,

Mon fils a été refusé en BTS partout sur Parcoursup alors qu'il a eu son bac avec mention. Il n'a aucune formation pour la rentrée. Est-ce que quelqu'un peut nous aider ?

Merci""", case="sans-objet-salaise-parcoursup-2026", note="NO Subject header at all (1/3)")
    b = person("stgeoirs_citoyenne", "Sylvie Pellet", "sylvie.pellet@sfr.fr", "latin1", sig="Sylvie Pellet\nSaint-Geoirs")
    new("stgeoirs-citoyenne-sans-objet", "2026-09-02 15:45", b, "", """Bonjour,

Je voudrais savoir comment obtenir une aide pour adapter la salle de bain de ma mère, qui a 91 ans et vit seule à Saint-Geoirs. On m'a parlé de MaPrimeAdapt' mais je ne comprends pas le dossier.

Merci""", case="sans-objet-stgeoirs-adaptation-2026", note="EMPTY Subject (2/3), ISO-8859-1")
    c_ = person("autrans_citoyen", "Pierre Gauthier", "pierre.gauthier.vercors@orange.fr", "orange", sig="Pierre Gauthier")
    new("autrans-citoyen-sans-objet", "2026-09-20 20:00", c_, "", """Madame la Sénatrice,

Je vous écris au sujet du projet d'extension de la carrière des Narces, qui inquiète beaucoup les habitants d'Autrans. Les camions passent déjà devant l'école. Une enquête publique est-elle prévue ?

Respectueusement""", case="sans-objet-autrans-carriere-2026", note="EMPTY Subject (3/3), 27 days after 2/3")

    # --- « Bonjour » -----------------------------------------------------------------------------------------------------------
    a = person("grenoble_citoyen_bonjour", "Thomas Petit", "thomas.petit.38@gmail.com", "gmail", sig="Thomas Petit")
    new("grenoble-citoyen-bonjour", "2026-02-05 21:12", a, "Bonjour", """Bonjour,

Je suis auto-entrepreneur et l'URSSAF me réclame 4 200 € de cotisations pour 2023 alors que j'avais déclaré un chiffre d'affaires nul. Je n'arrive pas à avoir quelqu'un au téléphone. Pouvez-vous m'aider ?

Merci""", case="bonjour-grenoble-urssaf-2026", note="generic subject 'Bonjour' (1/2)")
    b = person("pontdeclaix_citoyenne", "Emma Costa", "emma.costa@laposte.net", "apple", sig="Emma Costa\n\nEnvoyé de mon iPhone")
    new("varces-citoyenne-bonjour", "2026-02-26 08:05", b, "Bonjour", """Bonjour Madame la Sénatrice,

Ma fille de 15 ans est harcelée sur les réseaux sociaux par des élèves de son collège. Nous avons porté plainte mais rien ne se passe et elle ne veut plus aller en cours. Que pouvons-nous faire ?

Merci de votre aide""", case="bonjour-harcelement-2026", note="generic subject 'Bonjour' (2/2), 21 days later")


# ======================================================================================
# 5. newsletters and other bulk mail
# ======================================================================================

def nl_html(title: str, items: list[tuple[str, str]], footer: str, color: str = "#1d4e89") -> str:
    rows = "\n".join(
        f'<tr><td style="padding:12px 24px;border-bottom:1px solid #ddd"><h2 style="font-size:17px;color:{color};margin:0 0 6px 0">{_esc(t)}</h2>'
        f'<p style="margin:0;font-size:14px;line-height:1.5">{_esc(b)}</p>'
        f'<p style="margin:6px 0 0 0"><a href="https://lien.exemple.fr/r/{_h(t)[:10]}" style="color:{color}">Lire la suite</a></p></td></tr>'
        for t, b in items)
    return (f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;margin:0 auto;font-family:Arial,sans-serif">\n'
            f'<tr><td style="background:{color};color:#fff;padding:20px 24px;font-size:22px;font-weight:bold">{_esc(title)}</td></tr>\n{rows}\n'
            f'<tr><td style="padding:16px 24px;font-size:11px;color:#777">{_esc(footer).replace(chr(10), "<br>")}</td></tr>\n</table>')


def nl_text(title: str, items: list[tuple[str, str]], footer: str) -> str:
    out = [title, "=" * min(len(title), 60), ""]
    for t, b in items:
        out += [t.upper(), b, "Lire la suite : https://lien.exemple.fr/r/" + _h(t)[:10], ""]
    out += ["--", footer]
    return "\n".join(out)


def bulk(slug, date, frm, subject, title, items, footer, *, list_headers=(), note="", color="#1d4e89", fmt="alt-qp", to=None):
    m = Msg(slug, when(date), frm, to or [OFFICE], subject, nl_text(title, items, footer), kind="bulk",
            note=note, fmt=fmt, extra=list(list_headers))
    m.html_own = nl_html(title, items, footer, color)
    return add(m)


def list_hdrs(list_id: str, unsub_mail: str, unsub_url: str, precedence: str | None = "bulk", one_click=True, extra=()):
    h = [("List-Id", list_id), ("List-Unsubscribe", f"<mailto:{unsub_mail}>,\n <{unsub_url}>")]
    if one_click:
        h.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
    if precedence:
        h.append(("Precedence", precedence))
    h.extend(extra)
    return h


def build_bulk():
    amf38 = person("amf38_nl", "AMF 38", "newsletter@amf38.fr", "tool", display="Association des maires de l'Isère")
    issues = [
        ("2026-01-08 08:00", 142, [("Vœux : la présidente s'adresse aux maires", "Retrouvez le message de la présidente de l'association et le calendrier des assemblées de secteur du premier trimestre."),
                                   ("DETR 2026 : la circulaire est parue", "Les dossiers doivent être déposés avant le 31 janvier. Taux, catégories d'opérations éligibles et pièces à fournir."),
                                   ("Formation des élus", "Inscrivez-vous aux sessions « Budget communal : les fondamentaux » des 22 et 29 janvier à Grenoble.")]),
        ("2026-03-05 08:00", 144, [("ZAN : note juridique", "Le service juridique a mis à jour sa note sur la garantie communale d'un hectare et les modalités de mutualisation."),
                                   ("Assurance des communes", "Résultats de l'enquête sur la résiliation des contrats d'assurance dommages aux biens."),
                                   ("Agenda", "Assemblée générale le 28 mars à Voiron ; congrès départemental le 10 octobre.")]),
        ("2026-05-07 08:00", 146, [("Élections : le nouveau bureau", "Composition du bureau élu lors de l'assemblée générale du 28 mars."),
                                   ("Eau et assainissement", "Transfert de compétence : ce qui change au 1er janvier 2027 pour les communes de montagne."),
                                   ("Sécurité des manifestations", "Guide pratique à l'usage des organisateurs de fêtes de village.")]),
        ("2026-07-09 08:00", 148, [("Canicule : plan d'alerte", "Rappel des obligations des communes pour le registre des personnes vulnérables."),
                                   ("Dotations 2026", "Les montants individuels de la DGF sont en ligne : comment les vérifier ?"),
                                   ("Numérique", "Cybersécurité : un kit gratuit pour les petites communes.")]),
        ("2026-09-10 08:00", 150, [("Congrès départemental", "Programme du congrès du 10 octobre à Villefontaine et inscriptions."),
                                   ("Loi de finances", "Les premières orientations du projet de loi de finances pour 2027 et leurs effets sur les communes."),
                                   ("Transition énergétique", "Appel à projets pour l'éclairage public sobre : clôture le 15 novembre.")]),
    ]
    for i, (d, n, items) in enumerate(issues):
        m = bulk(f"amf38-lettre-information-{n}", d, amf38, f"Lettre d'information AMF 38 – n°{n}", f"Lettre d'information n°{n}",
                 items, "Association des maires et adjoints de l'Isère – 5 rue exemple, 38000 Grenoble\nPour vous désinscrire, répondez STOP à ce message.",
                 note="newsletter@ sender, NO List-Id / List-Unsubscribe / Precedence" + (" (forwarded later by a mayor)" if n == 144 else ""))
        K[f"amf38_{n}"] = m

    mi = person("maire_info", "Maire info", "maire-info@amf-exemple.fr", "tool", display="Maire info")
    for d, n, t in [("2026-02-11 06:30", 7421, "Budget : les communes face à la hausse des cotisations CNRACL"),
                    ("2026-06-03 06:30", 7498, "Eau potable : le Gouvernement présente son plan sécheresse"),
                    ("2026-10-14 06:30", 7589, "PLF 2027 : ce que contient le texte pour les collectivités")]:
        bulk(f"maire-info-{n}", d, mi, f"Maire info n°{n} – {t}", f"Maire info – édition du jour", [(t, "Le quotidien d'information des élus locaux revient sur les principales annonces de la veille et leurs conséquences pour les communes."),
                                                                                                     ("Journal officiel", "Les textes parus ce matin qui intéressent les collectivités.")],
             "Vous recevez ce message car vous êtes abonné à Maire info.\nSe désabonner : https://www.maire-info-exemple.fr/desabonnement",
             list_headers=list_hdrs("Maire info <maire-info.amf-exemple.fr>", "unsubscribe-maireinfo@amf-exemple.fr", "https://www.maire-info-exemple.fr/desabonnement?u=" + _h(n)[:12]),
             note="daily press letter with List-Id, List-Unsubscribe(-Post), Precedence: bulk", color="#c0392b")

    dep = person("dep_lettre", "Département de l'Isère", "lettre-info@isere-departement-exemple.fr", "tool", display="Le Département de l'Isère")
    for d, t in [("2026-03-26 10:00", "Isère Mag élus – mars 2026"), ("2026-09-24 10:00", "Isère Mag élus – septembre 2026")]:
        bulk("departement-lettre-info-" + slugify(t.split("–")[1]), d, dep, t, t,
             [("Plan montagne", "Le Département mobilise 40 M€ pour les stations de moyenne montagne."),
              ("Routes départementales", "Le programme de travaux de l'été sur les routes départementales."),
              ("Aide aux communes", "Le nouveau dispositif d'aide aux communes rurales est ouvert.")],
             "Département de l'Isère – Service communication\nDésinscription : https://www.isere-departement-exemple.fr/desinscription",
             list_headers=[("List-Unsubscribe", "<https://www.isere-departement-exemple.fr/desinscription?id=" + _h(t)[:10] + ">"), ("Precedence", "bulk"),
                           ("X-Mailer", "Sarbacane Mailer 4.2")],
             note="lettre-info@ sender with List-Unsubscribe and Precedence: bulk (no List-Id)", color="#0b7a75")

    amrf = person("amrf38", "Maires ruraux de l'Isère", "info-lettre@maires-ruraux-isere.fr", "tool")
    for d, n in [("2026-02-19 18:00", 31), ("2026-06-25 18:00", 35)]:
        bulk(f"maires-ruraux-info-lettre-{n}", d, amrf, f"Info-lettre des maires ruraux n°{n}", f"Info-lettre n°{n}",
             [("Ruralité", "Les maires ruraux demandent un agenda rural renforcé et une DGF plus juste."),
              ("Écoles", "Carte scolaire : le moratoire sur les fermetures de classes en zone rurale.")],
             "Association des maires ruraux de l'Isère", fmt="html-qp",
             note="info-lettre@ sender, HTML only, no list header")

    argus = person("revue_presse", "Revue de presse Isère", "revue-presse@veille-medias-exemple.fr", "tool", display="Veille Médias – Revue de presse")
    for d, tags in [("2026-01-30 07:15", "janvier"), ("2026-04-30 07:15", "avril"), ("2026-08-28 07:15", "août")]:
        bulk(f"revue-de-presse-{tags}", d, argus, f"Votre revue de presse Isère – semaine du {d[8:10]} {tags}", "Revue de presse hebdomadaire",
             [("Politique locale", "Les articles de la semaine mentionnant les parlementaires de l'Isère."),
              ("Économie", "Industrie dans le Grésivaudan : les carnets de commandes se regarnissent."),
              ("Montagne", "Les stations de l'Isère dressent le bilan de la saison.")],
             "Service réservé aux abonnés – Veille Médias",
             list_headers=list_hdrs("Revue de presse Isere <revue-isere.veille-medias-exemple.fr>", "leave-revue-isere@veille-medias-exemple.fr",
                                    "https://veille-medias-exemple.fr/u/" + _h(d)[:8], precedence=None, one_click=False),
             note="press review with List-Id and List-Unsubscribe, no Precedence", color="#555555")

    cuma = person("fdcuma", "FD CUMA Isère", "fdcuma38@mail-exemple-mc.fr", "tool", display="Fédération des CUMA de l'Isère")
    bulk("fdcuma-newsletter-mailchimp", "2026-04-02 09:30", cuma, "Les actus des CUMA – avril 2026", "Les actus des CUMA",
         [("Matériel partagé", "Témoignages de trois CUMA du Trièves sur le désherbage mécanique."),
          ("Assemblée générale", "Rendez-vous le 24 avril à Beaurepaire.")],
         "Copyright © 2026 FD CUMA Isère, tous droits réservés.\nSe désinscrire : https://exemple.us21.list-manage.com/unsubscribe",
         list_headers=list_hdrs("<a1b2c3d4e5f6.fdcuma38.list-id.mcsv.net>", "unsubscribe-mc.us21_a1b2c3@mailchimp-exemple.net",
                                "https://exemple.us21.list-manage.com/unsubscribe?u=a1b2c3&id=d4e5f6", precedence="bulk",
                                extra=[("X-Mailer", "Mailchimp Mailer - **CIDd4e5f6a7b8c9**"), ("X-Campaign", "mailchimpd4e5f6a7b8c9.0a1b2c3d4e")]),
         note="Mailchimp newsletter (all list headers)", color="#3a7d44")

    salon = person("salon_maires", "Salon des maires de l'Isère", "evenements@salon-maires-isere-exemple.fr", "tool")
    bulk("salon-des-maires-invitation", "2026-09-03 11:00", salon, "Invitation", "Salon des maires et des collectivités de l'Isère",
         [("Votre badge gratuit", "Le salon ouvre ses portes les 9 et 10 octobre à Alpexpo. Inscrivez-vous en ligne pour recevoir votre badge."),
          ("Conférences", "Transition énergétique, commande publique, sécurité : le programme des 20 conférences.")],
         "Vous recevez ce message en tant qu'élu ou agent territorial.\nSe désinscrire : https://salon-maires-isere-exemple.fr/optout",
         list_headers=[("List-Unsubscribe", "<https://salon-maires-isere-exemple.fr/optout?e=" + _h("salon")[:10] + ">"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                       ("X-Mailer", "Brevo"), ("Feedback-ID", "42:1234567:campaign:brevo")],
         note="bulk with the GENERIC subject 'Invitation' (same as personal invitations)", color="#8e44ad")

    anem = person("anem_liste", "Liste élus montagne", "elus-montagne@listes.anem-exemple.fr", "tool")
    for d, (who, subj, body) in [("2026-02-24 13:40", ("Maire de Saint-Véran (05)", "[elus-montagne] Saisonniers : qui a une résidence dédiée ?", "Bonjour à tous, nous cherchons des retours d'expérience sur les résidences pour saisonniers. Merci !")),
                                 ("2026-10-20 09:10", ("Adjoint de Bessans (73)", "[elus-montagne] Re: Déneigement et DGF", "Chez nous, la dotation neige a été revue à la baisse. Avez-vous le même constat ?"))]:
        m = Msg("liste-elus-montagne-" + slugify(subj)[14:40], D(d), anem, [anem], subj,
                f"{body}\n\n{who}\n\n_______________________________________________\nelus-montagne mailing list\nhttps://listes.anem-exemple.fr/sympa/info/elus-montagne",
                kind="bulk", fmt="plain-qp",
                extra=[("List-Id", "<elus-montagne.listes.anem-exemple.fr>"), ("List-Post", "<mailto:elus-montagne@listes.anem-exemple.fr>"),
                       ("List-Unsubscribe", "<mailto:sympa@listes.anem-exemple.fr?subject=unsubscribe%20elus-montagne>"),
                       ("List-Archive", "<https://listes.anem-exemple.fr/sympa/arc/elus-montagne>"), ("Precedence", "list")],
                note="Sympa discussion list (List-Id, List-Post, Precedence: list); To is the list, not the office")
        add(m)

    pref = person("pref_presse", "Préfecture de l'Isère", "communication@isere-prefecture-exemple.fr", "tool", display="Préfecture de l'Isère – Communication")
    for d, t in [("2026-04-16 17:05", "Communiqué de presse – Vigilance sécheresse : restrictions d'usage de l'eau"),
                 ("2026-07-22 17:05", "Communiqué de presse – Feux de forêt : accès aux massifs réglementé")]:
        add(Msg("prefecture-communique-" + ("secheresse" if "sécheresse" in t else "feux-de-foret"), D(d), pref, [pref], t,
                f"{t}\n\nLa préfète de l'Isère informe la population des mesures prises ce jour. Le détail des mesures est disponible sur le site internet des services de l'État.\n\nContact presse : 04 65 71 00 00\n\nCe message vous est adressé en copie cachée.",
                kind="bulk", fmt="plain-qp", extra=[("Precedence", "bulk")],
                note="press release sent in Bcc: only Precedence: bulk (To is the sender)"))

    mey = person("meylan_lettre", "Ville de Meylan", "lettre-info@meylan.fr", "tool")
    for d, n in [("2026-02-27 12:00", 88), ("2026-06-26 12:00", 92)]:
        bulk(f"meylan-lettre-info-{n}", d, mey, f"Meylan Actus n°{n}", f"Meylan Actus n°{n}",
             [("Travaux", "Les travaux de la rue ont commencé."), ("Culture", "Le programme de la saison culturelle.")],
             "Ville de Meylan – se désabonner : https://www.meylan.fr/newsletter",
             list_headers=[("List-Unsubscribe", "<https://www.meylan.fr/newsletter/unsubscribe?id=" + str(n) + ">")],
             note="town newsletter from the SAME domain as a correspondent (s.lambert-carrel@meylan.fr)", color="#e67e22")

    echo = person("echo_infolettre", "L'Écho du Dauphiné", "infolettre@echo-dauphine.fr", "tool")
    bulk("echo-dauphine-infolettre", "2026-05-28 06:00", echo, "L'essentiel de l'Isère ce jeudi", "L'essentiel de l'Isère",
         [("Grenoble", "Le tram E prolongé : ce qui change."), ("Sud Isère", "Le plateau matheysin se mobilise pour son hôpital.")],
         "Se désinscrire de l'infolettre", list_headers=[("List-Unsubscribe", "<mailto:desinscription@echo-dauphine.fr>")],
         note="newspaper infolettre (same domain as a journalist who writes personally)")

    fib = person("fibre_lettre", "Isère Fibre", "contact@isere-fibre-exemple.fr", "tool", display="Isère Fibre – réseau d'initiative publique")
    bulk("isere-fibre-lettre-deploiement", "2026-03-19 15:00", fib, "Point d'étape du déploiement – lettre aux élus n°12", "Lettre aux élus n°12",
         [("Avancement", "93 % des locaux sont désormais raccordables sur le réseau d'initiative publique."),
          ("Raccordements complexes", "La procédure pour les raccordements en aérien sur poteaux à remplacer.")],
         "Isère Fibre – lettre adressée aux élus du département.",
         note="HARD bulk: contact@ sender, no list header, no Precedence — only the content says newsletter")

    cdg = person("cdg_lettre", "Centre de gestion", "communication@cdg38-exemple.fr", "tool", display="CDG 38")
    bulk("cdg-lettre-rh", "2026-05-21 14:30", cdg, "La lettre RH des collectivités – mai 2026", "La lettre RH",
         [("Protection sociale complémentaire", "Le calendrier de mise en œuvre de la participation obligatoire."),
          ("Concours", "Ouverture des inscriptions au concours d'adjoint administratif.")],
         "Centre de gestion de la fonction publique territoriale de l'Isère", fmt="html-b64",
         note="HARD bulk: communication@ sender, no list header, HTML only (base64)")

    senat = person("agenda_senat", "Agenda du Sénat", "agenda@senat-exemple.fr", "tool")
    bulk("agenda-senat-semaine", "2026-01-23 18:00", senat, "Agenda de la semaine au Sénat – du 26 au 30 janvier", "Agenda de la semaine",
         [("Séance publique", "Projet de loi relatif à la simplification de l'action publique locale."),
          ("Commissions", "Audition du directeur général de la gendarmerie nationale.")],
         "Service de la communication – se désabonner : https://www.senat-exemple.fr/abonnements",
         list_headers=list_hdrs("<agenda.senat-exemple.fr>", "desabonnement@senat-exemple.fr", "https://www.senat-exemple.fr/abonnements", precedence="bulk", one_click=False),
         note="institutional agenda with List-Id")

    gg = person("gg_trieves", "Maires du Trièves (Google Groupes)", "maires-trieves@googlegroups.com", "tool")
    add(Msg("google-groupe-maires-trieves-resume", D("2026-07-30 04:10"), gg, [OFFICE], "Résumé des messages – 3 mises à jour dans 2 sujets",
            "maires-trieves@googlegroups.com\nRésumé des messages\n\n— Transport scolaire : horaires de rentrée (2 messages)\n— Fête du Trièves : besoin de barrières (1 message)\n\nVous recevez ce message, car vous êtes abonné au groupe Google Groupes « Maires du Trièves ».\nPour vous désabonner de ce groupe, envoyez un e-mail à maires-trieves+unsubscribe@googlegroups.com.",
            kind="bulk", fmt="plain-qp", note="Google Groups digest (List-Id, Precedence: list)",
            extra=[("List-Id", "<maires-trieves.googlegroups.com>"), ("Precedence", "list"), ("Mailing-list", "list maires-trieves@googlegroups.com; contact maires-trieves+owners@googlegroups.com"),
                   ("List-Unsubscribe", "<mailto:googlegroups-manage+123456789012+unsubscribe@googlegroups.com>,\n <https://groups.google.com/g/maires-trieves/unsubscribe>")]))


# ======================================================================================
# 8. hard personal negatives
# ======================================================================================

HARD: list[tuple[Msg, str]] = []   # (message, what it tests) for the report


def hard(m: Msg, what: str) -> Msg:
    HARD.append((m, what))
    return m


def contact_form(slug, date, name, addr, commune, subject, text, case, note, msgid=True):
    relay = PEOPLE.get("site_relay") or person("site_relay", "Site de la sénatrice H. Marchal", "noreply@senateur-exemple.fr", "tool")
    cit = Person("cf_" + slugify(name), name, addr, "tool")
    body = (f"Nouveau message reçu depuis le formulaire de contact de senateur-exemple.fr\n\n"
            f"Nom : {name}\nCourriel : {addr}\nCommune : {commune}\n" + (f"Objet : {subject}\n" if subject else "") + f"\nMessage :\n{text}\n\n--\n"
            "Cet e-mail a été envoyé via le formulaire de contact de https://www.senateur-exemple.fr")
    m = Msg(slug, when(date), relay, [OFFICE], f"[senateur-exemple.fr] {subject}" if subject else "Nouveau message depuis le site senateur-exemple.fr",
            body, case=case, note=note, reply_to=cit, fmt="plain-qp", received_from="local",
            extra=[("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)")], msgid="auto" if msgid else None)
    return add(m)


def build_hard():
    # citizen: « j'ai reçu une réponse automatique, personne ne me répond »
    cit = person("grenoble_apl", "Samia Khelifi", "samia.khelifi@gmail.com", "gmail", sig="Samia Khelifi\nGrenoble\n" + tel(True))
    c = "grenoble-apl-2026"
    m1 = new("grenoble-citoyenne-apl", "2026-03-25 21:40", cit, "Demande d'aide – dossier APL bloqué", """Bonjour Madame la Sénatrice,

Mes APL sont suspendues depuis janvier parce que la CAF dit qu'il manque un document que j'ai envoyé trois fois. Je suis étudiante et je travaille à mi-temps, je ne peux plus payer mon loyer.

Pouvez-vous m'aider ?""", case=c, note="thread start: citizen")
    m2 = hard(reply(m1, cit, "2026-04-08 19:02", """Bonjour,

Je me permets de vous relancer : j'ai reçu une réponse automatique le 25 mars, mais personne ne me répond depuis. Est-ce que mon message a bien été lu ? La CAF m'a envoyé un avis d'indu entre-temps.

Merci""", slug="grenoble-citoyenne-re-personne-ne-repond", quote="gmail",
        note="HARD personal: 'j'ai reçu une réponse automatique, personne ne me répond' — a reminder to her own message (In-Reply-To to it)"),
        "citizen writes « j'ai reçu une réponse automatique, personne ne me répond » (personal, same case as her first message)")
    reply(m2, OFFICE, "2026-04-09 10:15", """Madame,

Veuillez nous excuser pour ce délai. Nous avons saisi ce matin le service des relations parlementaires de la CAF de l'Isère pour qu'il examine votre dossier en urgence.

Bien cordialement,""", slug="permanence-re-grenoble-apl", staff="LG", note="office reply")

    cit2 = person("fontaine_auto", "Georges Lambert", "georges.lambert@orange.fr", "orange", sig="Georges Lambert\nFontaine")
    hard(new("fontaine-citoyen-reponse-automatique-sujet", "2026-05-12 08:45", cit2, "Réponse automatique ? Personne ne lit donc mes messages", """Madame la Sénatrice,

C'est la troisième fois que je vous écris au sujet du bruit du chantier du tramway devant chez moi et je ne reçois qu'une réponse automatique. Est-ce qu'un être humain lit ce courrier ? Les travaux commencent à 6 h du matin, y compris le samedi.

Je demande simplement que les horaires réglementaires soient respectés.

Salutations""", case="fontaine-chantier-bruit-2026",
        note="HARD personal: subject starts with 'Réponse automatique' but it is a citizen's complaint"),
        "subject begins « Réponse automatique ? » — a citizen's angry complaint, not an auto-reply")

    # mayors who will be away, inside a real request
    mont = person("montbonnot_maire", "François Rivoire", "maire@montbonnot.fr", "outlook", sig=f"François Rivoire\nMaire de Montbonnot-Saint-Martin\n{tel()}", display="RIVOIRE François")
    hard(new("montbonnot-maire-transport-college", "2026-06-04 18:10", mont, "Transport scolaire vers le collège de secteur", """Madame la Sénatrice,

La suppression de la ligne de car directe entre Montbonnot et le collège de secteur oblige 74 élèves à une correspondance à Saint-Ismier, avec des temps de trajet qui atteignent 55 minutes. La Région nous renvoie vers l'autorité organisatrice locale, qui nous renvoie vers la Région.

Je serai absent la semaine prochaine : voyez avec ma DGS, Mme Carole Vidal (04 65 71 40 12), qui connaît parfaitement le dossier.

Bien cordialement,""", case="montbonnot-transport-college-2026",
        note="HARD personal: « je serai absent la semaine prochaine, voyez avec ma DGS » inside a real request"),
        "mayor writes « je serai absent la semaine prochaine, voyez avec ma DGS » inside a real request")
    ber = person("bernin_maire", "Danièle Cuynat", "mairie@bernin.fr", "thunderbird", sig=f"Danièle Cuynat\nMaire de Bernin\n{tel()}")
    hard(new("bernin-maire-gendarmerie-absente", "2026-04-09 17:55", ber, "Projet de gendarmerie intercommunale", """Madame la Sénatrice,

Je serai absente du 14 au 18 avril (congrès des maires de montagne), mais je tenais à vous écrire avant mon départ au sujet du projet de nouvelle caserne de gendarmerie pour les communes de Bernin, Crolles et Saint-Nazaire-les-Eymes.

Le foncier est réservé, le programme validé par la direction générale de la gendarmerie, mais le montage financier (bail emphytéotique avec un bailleur social) reste bloqué au ministère depuis six mois. Pourriez-vous vous renseigner ?

En mon absence, mon premier adjoint, M. Perrin, peut vous répondre.

Bien cordialement,""", case="bernin-gendarmerie-2026",
        note="HARD personal: starts « Je serai absente du 14 au 18 avril » (auto-reply wording) but is a real request, short plain text"),
        "« Je serai absente du 14 au 18 avril » opens a real request (matches auto-reply wording)")

    # mayor forwards a newsletter with his own question on top
    cor = person("corenc_maire", "Philippe Dusser", "maire@corenc.fr", "outlook", sig=f"Philippe Dusser\nMaire de Corenc\n{tel()}", display="DUSSER Philippe")
    nl = K["amf38_144"]
    hard(reply(nl, cor, "2026-03-09 09:20", """Bonjour,

Je vous transfère la lettre de l'AMF reçue la semaine dernière. La note sur la garantie d'un hectare m'interroge : Corenc peut-elle mutualiser sa garantie avec une commune voisine au sein de la métropole ? Mme la Sénatrice a-t-elle un avis sur la question ?

Merci,""", slug="corenc-maire-tr-lettre-amf", fwd=True, lost=True, quote="outlook_fr", case="corenc-zan-garantie-2026", fmt="plain-qp",
        note="HARD personal: 'TR: Lettre d'information AMF 38' — a mayor forwards a newsletter (unsubscribe text included) with his own question on top"),
        "mayor forwards « TR: Lettre d'information AMF 38 » with his own question above the newsletter")

    # contact form relayed by noreply@
    cf1 = hard(contact_form("site-contact-formulaire-marchand", "2026-02-13 14:02", "Jeanne Marchand", "jeanne.marchand@free.fr", "Voiron", "",
                            "Bonjour, ma mère de 86 ans attend une place en EHPAD depuis un an à Voiron. Toutes les demandes sont refusées faute de place. Que pouvons-nous faire ?",
                            "site-ehpad-voiron-2026", "HARD personal: website contact form relayed by noreply@senateur-exemple.fr, Reply-To = citizen"),
               "website contact form relayed by noreply@senateur-exemple.fr (the citizen is in Reply-To and in the body)")
    reply(cf1, OFFICE, "2026-02-16 09:40", """Madame,

Nous avons bien reçu votre message déposé sur le site de Mme Marchal. Nous avons pris contact avec la plateforme départementale ViaTrajectoire et l'ARS afin de connaître les délais pour les EHPAD du Pays voironnais.

Bien cordialement,""", slug="permanence-re-site-ehpad", staff="LG", quote="roundcube",
          note="office reply to a contact-form message: goes to the Reply-To address, In-Reply-To the relay message")
    hard(contact_form("site-contact-formulaire-kaci", "2026-03-05 10:30", "Ahmed Kaci", "ahmed.kaci38@gmail.com", "Échirolles", "",
                      "Bonjour, je suis chauffeur de taxi et la CPAM a modifié la convention de transport de patients. Je perds 30 % de mon activité. Pouvez-vous interpeller le ministre ?",
                      "site-taxis-cpam-2026",
                      "HARD personal: contact form, SAME relay sender and SAME subject as the 13 Feb form 20 days earlier, different citizen (Reply-To) → different case"),
         "second contact-form relay: same From (noreply@) and same subject as another one 20 days earlier, but a different citizen → different case (rule 3 must use Reply-To)")
    hard(contact_form("site-contact-formulaire-rendez-vous", "2026-07-21 20:15", "Lucie Bernard-Henry", "lucie.bh@laposte.net", "Vizille", "Demande de rendez-vous",
                      "Madame la Sénatrice, je suis infirmière libérale à Vizille et je souhaite vous rencontrer au sujet des indemnités kilométriques des soins à domicile en zone de montagne.",
                      "site-infirmiere-vizille-2026", "HARD personal: contact form with a subject and no Message-ID header", msgid=False),
         "contact-form relay without any Message-ID")

    # association's personal invitation (HTML with an inline image)
    fam = person("chatte_famillesrurales", "Monique Blanchet", "famillesrurales.chatte@orange.fr", "orange", sig="Monique Blanchet\nPrésidente de Familles rurales – Chatte", display="Familles Rurales Chatte")
    hard(new("chatte-association-invitation-ag", "2026-05-27 15:12", fam, "Invitation à notre assemblée générale – 30 ans de l'association", """Madame la Sénatrice,

À l'occasion des 30 ans de notre association, qui gère l'accueil de loisirs et le transport solidaire de Chatte, nous serions très heureux de vous accueillir à notre assemblée générale le vendredi 26 juin à 18 h 30, salle des fêtes.

Nous souhaiterions aussi vous présenter nos difficultés à recruter des bénévoles chauffeurs.

Bien amicalement,""", case="chatte-famillesrurales-ag-2026", attachments=[("invitation-30ans.png", "image/png", tiny_png("chatte"))],
        note="HARD personal: an association's personal invitation, HTML + image, looks like a mailing"),
         "an association's personal invitation (multipart, image) that looks like a mailing")

    # subjects with « Absence » / « Absentéisme »
    pev = person("pontevque_maire", "Alain Séguier", "maire@pont-eveque.fr", "outlook", sig=f"Alain Séguier\nMaire de Pont-Évêque\n{tel()}", display="SEGUIER Alain")
    hard(new("pontevque-maire-absenteisme-college", "2026-01-21 11:40", pev, "Absentéisme au collège : demande de médiateurs", """Madame la Sénatrice,

Le principal du collège qui accueille les élèves de Pont-Évêque nous alerte sur la hausse de l'absentéisme : 12 % des élèves de 4e et de 3e manquent plus de quatre demi-journées par mois. La commune finance déjà un éducateur de rue.

Nous souhaiterions que l'État renouvelle les deux postes de médiateurs scolaires supprimés l'an dernier. Pouvez-vous appuyer cette demande auprès de la préfecture ?

Bien cordialement,""", case="pontevque-absenteisme-2026", note="HARD personal: subject 'Absentéisme au collège' (school absenteeism)"),
         "subject « Absentéisme au collège » (school absenteeism, not an out-of-office)")
    vau = person("vaujany_parents", "Céline Jouffrey", "ape.vaujany@gmail.com", "gmail", sig="Céline Jouffrey\nAssociation des parents d'élèves de Vaujany", display="APE Vaujany")
    hard(new("vaujany-parents-absence-remplacant", "2026-10-06 08:10", vau, "Absence de remplaçant : trois semaines sans enseignante", """Madame la Sénatrice,

L'enseignante de la classe unique de Vaujany est en arrêt maladie depuis le 14 septembre et n'a pas été remplacée. Les 14 élèves sont répartis chaque jour dans d'autres communes, à 25 minutes de route, ou restent chez eux.

Nous vous demandons d'intervenir auprès de la direction académique pour qu'un remplaçant soit nommé.

Les parents d'élèves""", case="vaujany-remplacant-2026", note="HARD personal: subject starts with 'Absence de' (a teacher not replaced)"),
         "subject « Absence de remplaçant … » (starts like an absence notice)")
    sch = person("lamure_dgs", "Isabelle Garcin", "dgs@mairie-lamure.fr", "outlook", sig=f"Isabelle Garcin\nDirectrice générale des services\nMairie de La Mure\n{tel()}", display="GARCIN Isabelle")
    hard(new("lamure-dgs-absence-du-maire", "2026-08-17 09:05", sch, "Absence du maire : qui contacter pour le dossier de la piscine ?", """Bonjour,

M. le Maire est hospitalisé pour trois semaines. Il m'a demandé de suivre avec vous le dossier de la rénovation de la piscine intercommunale, pour lequel la commission DSIL doit se prononcer en septembre.

Pourriez-vous m'indiquer qui, à la permanence, suit ce dossier et si des pièces complémentaires sont attendues ?

Cordialement,""", case="lamure-piscine-2026", note="HARD personal: subject starts 'Absence du maire' (close to 'Absence du bureau')"),
         "subject « Absence du maire : … » (close to « Absence du bureau »)")

    # a prefecture's real letter
    pref = person("prefecture_cabinet", "Cabinet du Préfet de l'Isère", "pref-cabinet@isere-prefecture-exemple.fr", "outlook",
                  sig="Pour le Préfet et par délégation,\nLe directeur de cabinet\n\nPréfecture de l'Isère – 12 place de Verdun – 38000 Grenoble")
    hard(new("prefecture-reponse-a-votre-courrier", "2026-02-24 16:30", pref, "Réponse à votre courrier du 2 février 2026", """Madame la Sénatrice,

Par courrier du 2 février 2026, vous avez appelé mon attention sur la situation de M. Youssef Benali, ressortissant tunisien domicilié à Échirolles, dont la demande de renouvellement de titre de séjour est en cours d'instruction.

J'ai l'honneur de vous informer que l'intéressé a été convoqué le 9 mars pour la remise d'un titre de séjour pluriannuel. Un récépissé lui a été délivré dans l'attente.

Je vous prie d'agréer, Madame la Sénatrice, l'expression de ma haute considération.""", case="prefecture-titre-sejour-benali-2026",
        attachments=[pdf_att("2026-02-24_reponse_senatrice_Marchal.pdf", "Prefecture de l'Isere - reponse")],
        note="HARD personal: 'Réponse à votre courrier' from a prefecture — a real letter answering a postal letter (not in the set)"),
         "« Réponse à votre courrier du 2 février 2026 » from the prefecture: a real letter, not an acknowledgement")

    # info@ of a small association asking for a meeting
    rando = person("info_rando", "Association Chartreuse Rando", "info@chartreuse-rando.fr", "thunderbird", sig="Jean-Pierre Guinet\nPrésident – Chartreuse Rando\n" + tel(True))
    hard(new("info-association-rando-rencontre", "2026-03-31 20:50", rando, "Sentiers de randonnée et coupes forestières – demande de rencontre", """Madame la Sénatrice,

Je suis le président (bénévole) d'une petite association qui entretient 120 km de sentiers en Chartreuse, autour de Saint-Pierre-d'Entremont et du Sappey-en-Chartreuse. Les coupes forestières de cet hiver ont détruit une partie du balisage et rendu plusieurs sentiers impraticables, sans concertation.

Nous aimerions vous rencontrer pour parler de la cohabitation entre exploitation forestière et randonnée, avec l'ONF et le parc naturel régional.

Avec mes salutations,""", case="chartreuse-sentiers-2026", note="HARD personal: sender info@ of a small association asking for a meeting"),
         "sender address info@… of a small association asking for a meeting")

    # explicit « Auto-Submitted: no » and Outlook meeting request with X-Auto-Response-Suppress
    biv = person("biviers_maire", "Catherine Mollier", "maire@biviers.fr", "zimbra", sig=f"Catherine Mollier\nMaire de Biviers\n{tel()}")
    hard(new("biviers-maire-auto-submitted-no", "2026-09-09 10:10", biv, "Éboulement sur le chemin du Charmeyran", """Madame la Sénatrice,

Un bloc de 20 tonnes s'est détaché au-dessus du chemin du Charmeyran la semaine dernière. Le service RTM préconise une purge et un filet de protection (85 000 €). La commune sollicite le fonds de prévention des risques naturels majeurs. Votre appui serait précieux.

Bien cordialement,""", case="biviers-eboulement-2026", extra=[("Auto-Submitted", "no")],
        note="HARD personal: carries 'Auto-Submitted: no' (explicitly NOT automatic)"),
         "personal message carrying « Auto-Submitted: no »")
    bur = person("bourgoin_dgs", "Stéphane Giroud", "s.giroud@bourgoinjallieu.fr", "outlook", sig=f"Stéphane Giroud\nDirecteur général des services\nVille de Bourgoin-Jallieu\n{tel()}", display="GIROUD Stéphane")
    ics = ("BEGIN:VCALENDAR\nMETHOD:REQUEST\nPRODID:Microsoft Exchange Server 2010\nVERSION:2.0\nBEGIN:VEVENT\n"
           "ORGANIZER;CN=GIROUD Stéphane:mailto:s.giroud@bourgoinjallieu.fr\nATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:permanence@senateur-exemple.fr\n"
           "SUMMARY;LANGUAGE=fr-FR:Point d'étape – quartier de Champaret (NPNRU)\nDTSTART;TZID=Romance Standard Time:20261104T100000\n"
           "DTEND;TZID=Romance Standard Time:20261104T113000\nLOCATION;LANGUAGE=fr-FR:Hôtel de ville de Bourgoin-Jallieu\nUID:" + _h("ics")[:40] + "\nEND:VEVENT\nEND:VCALENDAR\n").encode()
    hard(new("bourgoin-dgs-invitation-reunion-outlook", "2026-10-13 14:35", bur, "Point d'étape – quartier de Champaret (NPNRU)", """Madame la Sénatrice,

À la demande de M. le Maire, je vous propose un point d'étape sur le projet de renouvellement urbain du quartier de Champaret, le mercredi 4 novembre à 10 h en mairie, avec l'ANRU et le bailleur.

Cordialement,""", case="bourgoin-npnru-2026", extra=[("X-Auto-Response-Suppress", "All"), ("Content-Class", "urn:content-classes:calendarmessage")],
        attachments=[("invite.ics", "text/calendar; method=REQUEST; charset=\"utf-8\"", ics)],
        note="HARD personal: Outlook meeting request with 'X-Auto-Response-Suppress: All' (an Exchange auto-reply marker)"),
         "Outlook meeting request carrying « X-Auto-Response-Suppress: All »")

    # a mayor forwards a bounce he received
    alm = person("allemond_maire", "Jacques Ougier", "maire@allemond.fr", "outlook", sig=f"Jacques Ougier\nMaire d'Allemond\n{tel()}", display="OUGIER Jacques")
    hard(new("allemond-maire-tr-non-remis", "2026-05-15 12:00", alm, "TR: Non remis : Dossier école – demande d'entretien", """Bonjour,

J'ai écrit à l'inspection de l'Éducation nationale de la circonscription au sujet du regroupement pédagogique Allemond – Oz – Vaujany, et mon message m'est revenu (voir ci-dessous). Auriez-vous la bonne adresse de l'inspectrice, ou pourriez-vous lui transmettre ma demande d'entretien ?

Merci,

________________________________
De : Microsoft Outlook <postmaster@allemond.fr>
Envoyé : jeudi 14 mai 2026 17:02
À : OUGIER Jacques <maire@allemond.fr>
Objet : Non remis : Dossier école – demande d'entretien

Impossible de remettre votre message à ien.oisans@ac-grenoble-exemple.fr. L'adresse de messagerie est introuvable.

Serveur de diagnostic : mx.ac-grenoble-exemple.fr
Remote Server returned '550 5.1.1 <ien.oisans@ac-grenoble-exemple.fr>: Recipient address rejected'""", case="allemond-rpi-ecole-2026",
        note="HARD personal: 'TR: Non remis : …' — a mayor forwards a bounce he received, with his own request"),
         "mayor forwards a bounce (« TR: Non remis : … ») with his own request on top")

    # bulletin.municipal@ local part
    bul = person("smh_bulletin", "Bulletin municipal de Saint-Martin-d'Hères", "bulletin.municipal@saintmartindheres-exemple.fr", "outlook",
                 sig=f"Anne Doucet\nRédactrice en chef du bulletin municipal\nVille de Saint-Martin-d'Hères\n{tel()}", display="Bulletin municipal SMH")
    hard(new("smh-bulletin-municipal-tribune", "2026-09-15 11:25", bul, "Tribune pour le bulletin municipal de novembre", """Madame la Sénatrice,

Le bulletin municipal de novembre consacrera un dossier au logement étudiant. M. le Maire souhaiterait que vous y signiez une courte tribune (1 500 signes) sur votre proposition de loi relative aux résidences universitaires.

Le texte serait à nous transmettre avant le 10 octobre. Pouvez-vous nous confirmer votre accord ?

Bien cordialement,""", case="smh-bulletin-tribune-2026",
        note="HARD personal: sender local part 'bulletin.municipal@' (looks like a newsletter sender) writing personally"),
         "sender local part « bulletin.municipal@ » writing a personal request")

    # « I'm away until » in a real request
    eng = person("entremont_resident", "James Whitaker", "james.whitaker@btinternet-exemple.com", "apple", sig="James Whitaker\nSaint-Pierre-d'Entremont\n\nSent from my iPhone")
    hard(new("entremont-resident-titre-sejour-en", "2026-04-28 09:40", eng, "Residence card renewal – help needed", """Dear Senator,

I am a British citizen living in Saint-Pierre-d'Entremont since 2015. My Withdrawal Agreement residence card expires on 30 June and I have not been able to book an appointment at the prefecture: the online system shows no slots.

I'm away until 15 May (family reasons in the UK), but I wanted to ask before I leave whether your office could help me get an appointment.

Many thanks,""", case="entremont-carte-sejour-2026",
        note="HARD personal: English « I'm away until 15 May » inside a real request"),
         "English « I'm away until 15 May » inside a real request")

    # replies that start like an out-of-office, inside existing threads
    hard(reply(K["morestel_r1"], PEOPLE["morestel_dgs"], "2026-04-23 18:05", """Je serai absente du 27 avril au 4 mai, mais je tenais à vous remercier pour ce retour rapide. Je transmets l'information à M. le Maire.

Cordialement,""", slug="morestel-dgs-re-absente-merci", quote=False,
        note="HARD personal: a real reply (In-Reply-To) that starts « Je serai absente du 27 avril au 4 mai »"),
         "real reply in a thread that starts « Je serai absente du 27 avril au 4 mai … »")
    hard(reply(K["rives_r1"], PEOPLE["rives_ucr"], "2026-05-21 19:30", """Je suis absent jusqu'au 2 juin (salon professionnel), mais merci pour votre réponse rapide. Je vous tiens au courant de la réunion avec La Poste.

Alain Perrin""", slug="rives-commercants-re-absent-merci", quote=False, sign=False,
        note="HARD personal: a real reply that starts « Je suis absent jusqu'au 2 juin »"),
         "real reply in a thread that starts « Je suis absent jusqu'au 2 juin … »")

    # spam verdict « No » with a high score
    sv = person("citoyen_facture_eau", "Raymond Bellet", "r.bellet@yahoo.fr", "thunderbird", sig="Raymond Bellet")
    hard(new("citoyen-urgent-majuscules-spam-no", "2026-06-30 23:05", sv, "URGENT !!! AIDE POUR MA FACTURE D'EAU", """MADAME LA SENATRICE

JE SUIS RETRAITE ET JE VIENS DE RECEVOIR UNE FACTURE D'EAU DE 1 870 EUROS A CAUSE D'UNE FUITE APRES COMPTEUR QUE JE NE POUVAIS PAS VOIR. LE SYNDICAT REFUSE LE PLAFONNEMENT PREVU PAR LA LOI. JE NE PEUX PAS PAYER.

MERCI DE M'AIDER !!!""", case="facture-eau-fuite-2026", mx_extra=spam_no(4.8),
        note="HARD personal: all caps, '!!!', X-Spam-Status: No with a high score 4.8"),
         "all-caps « URGENT !!! » message with « X-Spam-Status: No, score=4.8 »")

    # « Congés bonifiés »
    cb = person("chu_agent", "Marie-Laure Hoarau", "ml.hoarau@gmail.com", "gmail", sig="Marie-Laure Hoarau\nAide-soignante, Grenoble")
    hard(new("grenoble-agent-conges-bonifies", "2026-02-03 20:20", cb, "Congés bonifiés refusés", """Bonjour Madame la Sénatrice,

Je suis originaire de La Réunion et aide-soignante dans un hôpital public de Grenoble depuis 11 ans. Ma demande de congés bonifiés pour l'été 2026 a été refusée au motif que mon « centre des intérêts moraux et matériels » ne serait plus à La Réunion, alors que mes parents et ma maison y sont.

Pouvez-vous m'aider à contester cette décision ?

Merci beaucoup""", case="conges-bonifies-2026", note="HARD personal: subject 'Congés …' (vacation wording) about a civil servant's right"),
         "subject « Congés bonifiés refusés » (holiday wording, real request)")

    # « Accusé de réception » written by a human
    brie = person("brie_maire", "Gérald Chalvin", "mairie@brie-et-angonnes.fr", "latin1", sig=f"Gérald Chalvin\nMaire de Brié-et-Angonnes\n{tel()}")
    hard(new("brie-maire-accuse-reception-question", "2026-07-01 11:45", brie, "Accusé de réception de votre courrier et demande de précision", """Madame la Sénatrice,

J'accuse réception de votre courrier du 24 juin relatif à la réforme de la taxe d'aménagement, dont je vous remercie.

Une précision : la part départementale sera-t-elle toujours reversée aux communes pour les équipements scolaires rendus nécessaires par les nouveaux lotissements ? C'est essentiel pour notre projet de groupe scolaire.

Veuillez agréer, Madame la Sénatrice, mes salutations respectueuses.""", case="brie-taxe-amenagement-2026",
        note="HARD personal: subject begins 'Accusé de réception' (like an automatic acknowledgement) but is a mayor's question"),
         "subject « Accusé de réception de votre courrier … » written by a mayor with a real question")


# ======================================================================================
# 9. campaigns: a 40-council motion, a 12-citizen form letter, and 3 look-alikes
# ======================================================================================

CAMPAIGN_COMMUNES = [
    "Saint-Laurent-du-Pont", "Voreppe", "Domène", "Le Pont-de-Claix", "Eybens", "Seyssinet-Pariset",
    "Saint-Jean-de-Bournay", "Charvieu-Chavagneux", "Pont-de-Chéruy", "Villefontaine", "Saint-Quentin-Fallavier",
    "Chanas", "Saint-Étienne-de-Saint-Geoirs", "Renage", "Moirans", "Coublevie", "La Côte-Saint-André",
    "Lans-en-Vercors", "Chichilianne", "Lalley", "Seyssins", "Claix", "Jarrie", "Notre-Dame-de-Mésage",
    "Laffrey", "Susville", "Valbonnais", "Entraigues", "La Motte-d'Aveillans", "Saint-Pierre-de-Chartreuse",
    "Entre-deux-Guiers", "Saint-Geoire-en-Valdaine", "Chirens", "Apprieu", "Le Grand-Lemps", "Brézins",
    "Sillans", "Izeaux", "Saint-Siméon-de-Bressieux", "Viriville",
]
FIRST_M = ["Jean-Paul", "Bernard", "Christian", "Didier", "Éric", "Gilbert", "Hubert", "Jacques", "Lionel", "Marc",
           "Noël", "Olivier", "Pascal", "Raphaël", "Serge", "Thierry", "Vincent", "Yves", "Alain", "Benoît", "Cédric", "Denis"]
FIRST_F = ["Annie", "Brigitte", "Chantal", "Dominique", "Évelyne", "Françoise", "Hélène", "Isabelle", "Josette",
           "Karine", "Laurence", "Martine", "Nathalie", "Odile", "Patricia", "Sandrine", "Véronique", "Agnès"]
SURNAMES = ["Allemand", "Arnaud", "Baffert", "Barnier", "Berthet", "Blanc", "Bouvier", "Brunet", "Buisson", "Chabert",
            "Charvet", "Chevallier", "Cottin", "Drevet", "Durand", "Eymard", "Faure", "Gachet", "Gallin", "Gerin",
            "Girard", "Giraud", "Guillaud", "Jacquet", "Jullien", "Lambert", "Magnin", "Martinon", "Michallon",
            "Mollard", "Mounier", "Pellet", "Perrin", "Pichon", "Reynaud-Bayle", "Revol", "Rostaing", "Sibille",
            "Tournier", "Vallet", "Vernay", "Villard", "Vuillermoz", "Gonnet-Vial"]

MOTION_TITLE = "Motion relative à l'application de l'objectif « zéro artificialisation nette » dans les communes rurales et de montagne"
CONSIDERANTS = [
    "Considérant que la loi Climat et résilience du 22 août 2021 fixe l'objectif d'atteindre le « zéro artificialisation nette » des sols en 2050, avec une réduction de moitié de la consommation d'espaces naturels, agricoles et forestiers entre 2021 et 2031 par rapport à la décennie précédente ;",
    "Considérant que la déclinaison de cet objectif par le schéma régional puis par les schémas de cohérence territoriale conduit à attribuer à de nombreuses communes rurales des enveloppes foncières dérisoires, parfois inférieures à un hectare pour dix ans ;",
    "Considérant que les communes qui ont été sobres au cours de la décennie passée sont pénalisées, puisque la réduction s'applique à une consommation déjà faible ;",
    "Considérant que des projets d'intérêt général – logements pour les jeunes ménages, équipements scolaires, zones artisanales, bâtiments agricoles – ne peuvent plus être réalisés ;",
    "Considérant que les communes de montagne, contraintes par la loi Montagne et par les risques naturels, disposent déjà de très peu de terrains constructibles ;",
    "Considérant que la garantie d'un hectare par commune prévue par la loi du 20 juillet 2023 reste insuffisante et difficile à mobiliser ;",
]
DEMANDES = [
    "DEMANDE que la trajectoire de réduction de l'artificialisation soit différenciée selon les territoires et tienne compte des efforts de sobriété déjà accomplis ;",
    "DEMANDE que les équipements publics et les logements sociaux des communes rurales soient exclus du décompte de la consommation foncière ;",
    "DEMANDE que les maires soient pleinement associés à la répartition des enveloppes foncières au sein du SCoT ;",
    "DEMANDE que l'État accompagne financièrement la réhabilitation des friches et la renaturation ;",
]


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def motion_text(commune: str, date_cm: dt.datetime, mayor: str, fem: bool, r: random.Random) -> str:
    cons = list(CONSIDERANTS)
    dem = list(DEMANDES)
    if r.random() < 0.3:
        cons.pop(4)                       # not a mountain commune
    if r.random() < 0.25:
        dem.pop(3)
    if r.random() < 0.3:
        ha = f"{r.randint(8, 45) / 10:.1f}".replace(".", ",")
        cons.insert(3, f"Considérant que la commune de {commune} n'a consommé que {ha} hectares entre 2011 et 2021 ;")
    vote = r.choice(["à l'unanimité", "à l'unanimité des membres présents et représentés",
                     f"par {r.randint(11, 23)} voix pour et {plural(r.randint(1, 3), 'abstention')}",
                     f"à la majorité ({r.randint(10, 19)} pour, {r.randint(1, 3)} contre, {plural(r.randint(0, 2), 'abstention')})"])
    pres = f"{'Mme' if fem else 'M.'} {mayor}, {'Maire' if r.random() < 0.7 else 'maire'}"
    title = MOTION_TITLE if r.random() < 0.8 else MOTION_TITLE.replace("Motion relative à", "Motion concernant")
    body = [title.upper() if r.random() < 0.4 else title, "",
            f"Le conseil municipal de {commune}, réuni le {fr_text(date_cm)} sous la présidence de {pres},", ""]
    body += [c + "\n" for c in cons]
    body += [f"Après en avoir délibéré, le conseil municipal, {vote},", ""]
    body += [d + "\n" for d in dem]
    body += ["CHARGE " + ("Mme le Maire" if fem else "M. le Maire") + " de transmettre la présente motion à M. le Préfet de l'Isère, aux parlementaires de l'Isère et à l'Association des maires de l'Isère."]
    return "\n".join(body).replace("\n\n\n", "\n\n")


def build_campaigns():
    r = random.Random(SEED + 1)
    used = set()
    c = "motion-zan-communes-2026"
    start = dt.datetime(2026, 4, 7)
    clients = ["outlook", "outlook", "outlook", "zimbra", "orange", "orange", "thunderbird", "cp1252", "latin1",
               "gmail", "outlook_html", "outlook_cp1252", "outlook", "zimbra"]
    subjects = ["Motion du conseil municipal", "Motion ZAN – conseil municipal de {c}", "Délibération – motion ZAN",
                "Motion de soutien aux communes rurales – ZAN", "Transmission d'une motion", "Motion relative au ZAN",
                "Motion adoptée le {d}", "MOTION ZAN - {C}", "Motion « zéro artificialisation nette »", "Motion du conseil municipal de {c}"]
    motions = []
    for i, commune in enumerate(CAMPAIGN_COMMUNES):
        fem = r.random() < 0.4
        while True:
            first = r.choice(FIRST_F if fem else FIRST_M)
            last = r.choice(SURNAMES)
            if (first, last) not in used:
                used.add((first, last))
                break
        mayor = f"{first} {last}"
        slug = slugify(commune)
        pat = r.randrange(7)
        addr = [f"mairie@{slug}.fr", f"accueil@mairie-{slug}.fr", f"secretariat@mairie-{slug}.fr", f"mairie.{slug.replace('-', '')}@wanadoo.fr",
                f"contact@{slug}.fr", f"maire@mairie-{slug}.fr", f"dgs@ville-{slug}.fr"][pat]
        cl = clients[i % len(clients)] if pat != 3 else "orange"
        by_secretary = pat in (1, 2, 6) and r.random() < 0.6
        sent = start + dt.timedelta(days=r.randint(0, 20), hours=r.randint(8, 18), minutes=r.randint(0, 59))
        sent = D(sent.strftime("%Y-%m-%d %H:%M"))
        cm = sent - dt.timedelta(days=r.randint(2, 12))
        tel_ = tel()
        mayor_sig = r.choice([f"{mayor}\nMaire de {commune}", f"Le Maire,\n{mayor}", f"{'La' if fem else 'Le'} Maire de {commune}\n{mayor.upper()}",
                              f"Fait et délibéré à {commune}, les jour, mois et an susdits.\nPour extrait conforme,\n{'La' if fem else 'Le'} Maire,\n{mayor}"])
        greeting = r.choice(["Madame la Sénatrice,", "Madame la Sénatrice,", "Madame la Sénatrice, chère Hélène,", "Bonjour,", "Madame,"])
        if by_secretary:
            cover = r.choice([f"À la demande de {'Mme' if fem else 'M.'} le Maire, nous vous prions de trouver ci-dessous la motion adoptée par le conseil municipal de {commune} lors de sa séance du {fr_text(cm)}.",
                              f"Veuillez trouver ci-après, de la part de {'Mme' if fem else 'M.'} le Maire, le texte de la motion votée par le conseil municipal le {fr_text(cm)}."])
            sec = r.choice(["Le secrétariat de mairie", "Service accueil – secrétariat", "Direction générale des services"])
            closing = f"Bien cordialement,\n\n{sec}\nMairie de {commune}\nTél. {tel_}"
            display = f"Mairie de {commune}"
        else:
            cover = r.choice([f"Je vous prie de trouver ci-dessous la motion adoptée par le conseil municipal de {commune} lors de sa séance du {fr_text(cm)}.",
                              f"Le conseil municipal de {commune} a adopté le {fr_text(cm)} la motion ci-dessous relative au ZAN, que je vous remercie de bien vouloir soutenir.",
                              f"Comme de nombreuses communes de l'Isère, notre conseil municipal a voté le {fr_text(cm)} une motion sur le ZAN. Je vous en adresse le texte en vous remerciant de relayer nos préoccupations au Sénat.",
                              ""])
            closing = r.choice(["Je vous prie d'agréer, Madame la Sénatrice, l'expression de mes salutations respectueuses.",
                                "Bien cordialement,", "Avec mes remerciements et mes sincères salutations,", "Respectueusement,"]) + f"\n\n{mayor}\nMaire de {commune}\nTél. {tel_}"
            display = r.choice([mayor, f"Mairie de {commune}", f"{last.upper()} {first}"])
        motion = motion_text(commune, cm, mayor, fem, r)
        if r.random() >= 0.2:
            motion += "\n\n" + mayor_sig
        if cover:
            sep = r.choice(["", "* * *\n\n", "-------------------------------------------\n\n", "Texte de la motion :\n\n"])
            text = greeting + "\n\n" + cover + "\n\n" + closing + "\n\n" + sep + motion
        else:
            text = greeting + "\n\n" + motion + "\n\n" + closing
        p = person(f"motion_{slug}", mayor if not by_secretary else f"Secrétariat {commune}", addr, cl, display=display)
        subj = subjects[r.randrange(len(subjects))].format(c=commune, C=commune.upper(), d=f"{cm:%d/%m/%Y}")
        att = [pdf_att(f"Motion_ZAN_{slug}.pdf", f"Motion ZAN - {commune}")] if r.random() < 0.2 else []
        m = new(f"motion-zan-{slug}", sent, p, subj, text, sign=False, case=c, attachments=att, campaign=c,
                note=f"CAMPAIGN motion ZAN ({i + 1}/40): {commune}, {'secretariat' if by_secretary else 'mayor'}, client {cl}")
        motions.append(m)
    K["motion_first"] = motions[0]
    # the office answers one of them: the reply joins the campaign case
    tgt = sorted(motions, key=lambda x: x.date)[5]
    K["motion_reply"] = reply(tgt, OFFICE, plus(tgt.date, days=3, minutes=95), """Bonjour,

Nous accusons réception de la motion adoptée par votre conseil municipal et vous en remercions. Mme Marchal partage vos préoccupations : elle a cosigné la proposition de loi visant à adapter la trajectoire du ZAN aux réalités des communes rurales, qui sera examinée en séance publique le 19 mai.

Bien cordialement,""", slug="permanence-re-motion-zan", staff="TR", quote=False,
        note="office reply to one motion: joins the campaign case")

    # --- three mayors writing about the ZAN in their own words (separate cases) --------------------------------------------
    z1 = person("zan_stsavin", "Noëlle Berger", "maire@saint-savin.fr", "outlook", sig=f"Noëlle Berger\nMaire de Saint-Savin\n{tel()}", display="BERGER Noëlle")
    new("saintsavin-maire-zan-ecole", "2026-04-10 10:30", z1, "ZAN : notre projet d'école bloqué", """Madame la Sénatrice,

Je ne vous écris pas pour vous adresser une motion de plus, mais pour vous exposer un cas concret. Saint-Savin doit reconstruire son école, dont le bâtiment actuel est en zone inondable. Le seul terrain disponible, 0,9 hectare, est classé en zone agricole, et notre SCoT ne nous laisse que 1,2 hectare de consommation foncière jusqu'en 2031, logements compris.

Si nous construisons l'école, nous ne pourrons plus rien faire d'autre pendant six ans. La DDT nous suggère de « densifier l'existant », mais l'existant est inondable.

Pourriez-vous porter ce cas auprès du ministre ? Je peux vous fournir toutes les pièces.

Bien cordialement,""", case="saintsavin-zan-ecole-2026",
        note="same TOPIC as the ZAN campaign, during it, but a mayor's own text → its own case (must not be swallowed)")
    z2 = person("zan_chatte", "Pierre-Henri Vallier", "mairie@chatte.fr", "zimbra", sig=f"Pierre-Henri Vallier\nMaire de Chatte\n{tel()}")
    new("chatte-maire-zan-garantie-hectare", "2026-04-15 16:20", z2, "Garantie communale d'un hectare : comment la mobiliser ?", """Madame la Sénatrice,

Le conseil communautaire a voté hier la répartition des enveloppes foncières et notre commune se voit attribuer la seule « garantie communale » d'un hectare. Je ne comprends pas comment cet hectare se combine avec les projets d'envergure nationale décomptés à part, ni si nous pouvons le mutualiser avec Saint-Marcellin.

Votre équipe pourrait-elle m'éclairer sur ces règles ? Une note de vos services me serait très utile avant notre prochain conseil.

Avec mes remerciements,""", case="chatte-zan-garantie-2026",
        note="same topic as the ZAN campaign, genuinely different text (a technical question) → own case")
    z3 = person("zan_proveysieux", "Aurélie Chapuis", "maire@proveysieux.fr", "gmail", sig=f"Aurélie Chapuis\nMaire de Proveysieux\n{tel()}")
    new("proveysieux-maire-zan-hameaux", "2026-04-22 21:05", z3, "ZAN et hameaux de montagne", """Madame la Sénatrice,

Proveysieux compte onze hameaux et aucun vrai bourg. Avec les règles du ZAN et de la loi Montagne cumulées, les jeunes du village ne peuvent plus construire nulle part, même sur les dents creuses des hameaux, qui sont désormais comptées comme extension.

Nous n'avons pas adopté la motion qui circule, car nous la trouvons trop générale. Ce que nous demandons, c'est que les dents creuses des hameaux de montagne ne soient pas décomptées. Pourriez-vous porter un amendement en ce sens ?

Bien à vous,""", case="proveysieux-zan-hameaux-2026",
        note="same topic as the ZAN campaign, mentions the motion but has its own text → own case")

    # --- a form letter from 12 citizens ---------------------------------------------------------------------------------------------
    c = "petition-dimanche-sans-chasse-2026"
    citizens = [("Sophie Marchetti", "sophie.marchetti@gmail.com", "Meylan", "gmail"), ("Daniel Rivière", "daniel.riviere38@orange.fr", "Vif", "orange"),
                ("Agathe Lemoine", "agathe.lemoine@free.fr", "Crolles", "thunderbird"), ("Karim Belkacem", "k.belkacem@hotmail.fr", "Échirolles", "outlook"),
                ("Jeanne Favre", "jeanne.favre@laposte.net", "Mens", "latin1"), ("Nicolas Bret", "nicolas.bret@gmail.com", "Voiron", "gmail"),
                ("Claire Dumas", "claire.dumas.38@yahoo.fr", "Vizille", "thunderbird"), ("Hervé Odin", "herve.odin@sfr.fr", "Tullins", "cp1252"),
                ("Manon Petitjean", "manon.petitjean@gmail.com", "Villard-de-Lans", "apple"), ("Louis Garnier-Ray", "louis.garnierray@orange.fr", "Bourgoin-Jallieu", "orange"),
                ("Élise Perrot", "elise.perrot@protonmail.com", "Saint-Égrève", "thunderbird"), ("Bruno Tissot", "bruno.tissot@free.fr", "Pontcharra", "zimbra")]
    subj = ["Pour un dimanche sans chasse", "Un jour sans chasse le dimanche", "Sécurité à la chasse – proposition de loi", "Pour un dimanche sans chasse",
            "Demande de soutien : dimanche sans chasse", "Pour un dimanche sans chasse"]
    extra_sentences = ["Je suis moi-même randonneur et j'ai entendu des balles siffler près d'un chemin balisé en novembre dernier.",
                       "Mes enfants ne peuvent plus aller à vélo dans les bois derrière chez nous le week-end.",
                       "J'élève des chevaux et deux de mes juments ont été affolées par une battue l'an dernier."]
    base = D("2026-09-28 08:00")
    for i, (name, addr, commune, cl) in enumerate(citizens):
        p = person(f"petition_{i}", name, addr, cl)
        lines = [f"Madame la Sénatrice,", "",
                 f"Je me permets de vous écrire en tant qu'{'habitante' if name.split()[0] in ('Sophie', 'Agathe', 'Jeanne', 'Claire', 'Manon', 'Élise') else 'habitant'} de {commune} et usager des espaces naturels. Chaque automne, les promeneurs, les cyclistes et les familles doivent partager les chemins avec des battues, parfois à quelques mètres des habitations. Plusieurs accidents, dont certains mortels, ont eu lieu ces dernières années en France.",
                 ""]
        if i % 4 == 1:
            lines += [extra_sentences[(i // 4) % 3], ""]
        lines += ["Je vous demande de soutenir la proposition de loi instaurant un jour sans chasse, le dimanche, ainsi qu'un renforcement de la formation et des règles de sécurité pour les chasseurs. Il ne s'agit pas d'opposer les usagers de la nature, mais de permettre à chacun de profiter sereinement de nos forêts.", "",
                  "Je vous remercie de l'attention que vous porterez à ma demande et vous prie d'agréer, Madame la Sénatrice, l'expression de mes salutations distinguées.", "",
                  name, commune]
        if cl == "apple":
            lines += ["", "Envoyé de mon iPhone"]
        d = plus(base, days=r.randint(0, 12), minutes=r.randint(0, 14 * 60))
        new(f"petition-chasse-{slugify(name)}", d, p, subj[i % len(subj)], "\n".join(lines), sign=False, case=c, campaign=c,
            note=f"CAMPAIGN form letter ({i + 1}/12): same text, citizen of {commune}")


def S(slug: str) -> Msg:
    found = [m for m in ALL if m.slug == slug]
    assert len(found) == 1, slug
    return found[0]


# ======================================================================================
# office-initiated messages: an invitation to many mayors (Bcc), a letter to a dead address
# ======================================================================================

INVITEES = {
    "charavines": ("Charavines", "mairie@charavines.fr"), "labuisse": ("La Buisse", "maire.labuisse@gmail.com"),
    "paladru": ("Villages du Lac de Paladru", "dgs@villagesdulacdepaladru.fr"), "montferrat": ("Montferrat", "maire@montferrat38.fr"),
    "massieu": ("Massieu", "mairie@massieu.fr"), "saintaupre": ("Saint-Aupre", "mairie@saint-aupre.fr"),
    "stnicolas": ("Saint-Nicolas-de-Macherin", "mairie@st-nicolas-de-macherin.fr"), "bilieu": ("Bilieu", "accueil@mairie-bilieu.fr"),
    "oyeu": ("Oyeu", "maire@oyeu.fr"), "burcin": ("Burcin", "mairie.burcin@mail-ovh-exemple.net"),
    "crossey": ("Saint-Étienne-de-Crossey", "maire@saintetiennedecrossey.fr"), "stjean": ("Saint-Jean-de-Moirans", "mairie@st-jean-de-moiran.fr"),
    "murette": ("La Murette", "mairie@lamurette.fr"),
}


def build_office_initiated():
    c = "reunion-zan-voiron-2026"
    inv = office_new("permanence-invitation-reunion-zan", "2026-05-26 17:30", [OFFICE],
                     "Invitation – réunion d'information sur le ZAN, vendredi 12 juin à Voiron", """Mesdames et Messieurs les Maires,

Mme Hélène Marchal, sénatrice de l'Isère, a le plaisir de vous convier à une réunion d'information et d'échanges sur la mise en œuvre de l'objectif « zéro artificialisation nette », le vendredi 12 juin 2026 à 18 h, salle des fêtes de Voiron.

Seront présents le directeur départemental des territoires et le président du syndicat mixte du SCoT. La réunion sera l'occasion de faire le point sur la proposition de loi adoptée par le Sénat le 19 mai et sur la répartition des enveloppes foncières.

Merci de bien vouloir confirmer votre présence avant le 8 juin.

Bien cordialement,""", "NB", case=c, note="OFFICE-INITIATED mailing to 13 mayors in Bcc (opens its own case); answered, auto-replied and bounced below",
                     extra=[("Bcc", ",\n ".join(a for _, a in INVITEES.values()))])
    K["invitation"] = inv
    lb = person("labuisse_maire", "Gilles Perrin", "maire.labuisse@gmail.com", "gmail", sig=f"Gilles Perrin\nMaire de La Buisse\n{tel(True)}")
    reply(inv, lb, "2026-05-27 07:42", """Bonjour,

Je serai présent le 12 juin, accompagné de mon adjoint à l'urbanisme. Merci pour cette initiative.

Bien cordialement,""", slug="labuisse-maire-re-invitation-zan", to=[OFFICE], note="a mayor answers the office's Bcc invitation (In-Reply-To) → joins the invitation case")
    ch = person("charavines_maire", "Murielle Cholat", "mairie@charavines.fr", "outlook", sig=f"Murielle Cholat\nMaire de Charavines\n{tel()}", display="Mairie de Charavines")
    hard(reply(inv, ch, "2026-05-29 14:10", """Madame la Sénatrice,

Je vous remercie pour votre invitation. Retenue par le conseil communautaire ce soir-là, je me ferai représenter par M. Didier Vallet, premier adjoint.

Je souhaiterais par ailleurs que la question des lacs et des zones humides, qui réduisent encore nos surfaces constructibles, soit abordée.

Bien respectueusement,""", slug="charavines-maire-reponse-invitation", subject="Réponse à l'invitation du 12 juin", to=[OFFICE],
        note="HARD personal: subject 'Réponse à l'invitation du 12 juin' (starts like 'Réponse automatique'), In-Reply-To the invitation → invitation case"),
         "subject « Réponse à l'invitation du 12 juin » (starts « Réponse … ») — a mayor's real answer, joins the invitation case by In-Reply-To")
    pal = person("paladru_dgs", "Fabienne Rolland", "dgs@villagesdulacdepaladru.fr", "zimbra", sig=f"Fabienne Rolland\nDGS – Villages du Lac de Paladru\n{tel()}", display="DGS Villages du Lac de Paladru")
    reply(inv, pal, "2026-06-02 09:35", """Bonjour,

M. le Maire sera représenté par Mme Bouchet, adjointe à l'urbanisme. Pourriez-vous nous transmettre à l'avance le support de présentation de la DDT ?

Cordialement,""", slug="paladru-dgs-re-invitation-zan", to=[OFFICE], note="DGS answers the invitation, Zimbra quote, headers kept → invitation case")

    sc = person("saintcassien_maire_old", "Maire de Saint-Cassien", "maire@saint-cassien.fr", "outlook", display="M. le Maire de Saint-Cassien")
    K["saintcassien"] = office_new("permanence-saintcassien-suite-entretien", "2026-06-15 11:20", [sc],
                                   "Suite à notre entretien – dossier de l'école de Saint-Cassien", """Monsieur le Maire,

Suite à notre entretien téléphonique de ce matin, je vous confirme que Mme Marchal appuiera la demande de DETR de la commune pour la rénovation de l'école. Pourriez-vous nous adresser le plan de financement et la délibération ?

Bien cordialement,""", "TR", case="saintcassien-ecole-2026",
                                   note="OFFICE-INITIATED letter to an address that no longer exists (bounced, see DSN); its own case")


# ======================================================================================
# 4. auto-replies
# ======================================================================================

EXCH = [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All")]


def auto(slug, date, frm, subject, text, *, target=None, keep=True, headers=(), quote=None, note="", fmt=None, client=None, to=None):
    m = Msg(slug, when(date), frm, to or [OFFICE], subject, text, kind="auto_reply", note=note, fmt=fmt, client=client,
            extra=list(headers))
    if target is not None and keep:
        m.irt = target
        m.refs = [target]
    if quote is not None and target is not None:
        m.quote = target
        m.quote_style = quote
    return add(m)


def build_autos():
    P = PEOPLE
    # --- auto-replies to office replies in threads ------------------------------------------------------------
    t = K["vif_r2"]
    auto("vif-maire-reponse-automatique", plus(t.date, minutes=1), P["vif_maire"], "Réponse automatique : " + t.subject,
         "Bonjour,\n\nJe suis absent jusqu'au lundi 26 janvier inclus. Pour toute urgence, vous pouvez contacter Mme Martine Cholat, directrice générale des services, au 04 65 71 45 02.\n\nJean-Marc Dufresne\nMaire de Vif",
         target=t, headers=EXCH, note="Exchange OOF (Auto-Submitted + X-Auto-Response-Suppress), In-Reply-To the office reply, FROM THE SAME ADDRESS as the case correspondent — must not join vif-detr-2026")
    t = K["meylan_r1"]
    auto("meylan-adjointe-reponse-automatique", plus(t.date, minutes=1), P["meylan_adj"], "Réponse automatique : " + t.subject,
         "Bonjour,\n\nJe suis absente du bureau jusqu'au 9 février. Votre message sera traité à mon retour.\n\nSophie Lambert-Carrel",
         target=t, headers=[("X-Auto-Response-Suppress", "All")], note="Exchange OOF with only X-Auto-Response-Suppress + 'Réponse automatique :' subject, In-Reply-To")
    t = K["voiron_r1"]
    auto("voiron-dgs-automatic-reply", plus(t.date, minutes=2), P["voiron_dgs"], "Automatic reply: " + t.subject,
         "Bonjour,\n\nJe suis absent du bureau jusqu'au 16 mars.\n\nI am out of the office until March 16 with limited access to email.\n\nKarim Mansouri",
         target=t, headers=EXCH, note="English Exchange 'Automatic reply:' with a bilingual body, In-Reply-To")
    t = K["monestier_r1"]
    auto("monestier-adjoint-vacances-gmail", plus(t.date, minutes=3), P["monestier_adj"], t.subject,
         "Bonjour,\n\nJe suis absent jusqu'au 18 mai et je n'aurai qu'un accès limité à ma messagerie. Pour toute urgence concernant la voirie, contactez la mairie au 04 65 71 33 00.\n\nPatrick Gonnet",
         target=t, headers=[("Auto-Submitted", "auto-replied")],
         note="Gmail vacation responder: subject 'Re: <case subject>' from the case correspondent, Auto-Submitted: auto-replied, In-Reply-To — must not join the case")
    t = K["mens_r2"]
    auto("mens-maire-absence-du-bureau-sieve", plus(t.date, minutes=1), P["mens_maire"], "Absence du bureau",
         "Bonjour,\n\nJe suis absente du 24 juin au 5 juillet. En cas d'urgence, vous pouvez joindre le secrétariat de mairie au 04 65 71 52 10.\n\nAnne-Sophie Rey",
         target=t, headers=[("Auto-Submitted", "auto-replied (vacation)"), ("X-Sieve", "Pigeonhole Sieve 0.5.21")],
         note="Sieve vacation: 'Absence du bureau', Auto-Submitted: auto-replied (vacation), In-Reply-To", client="roundcube", fmt="plain-qp")
    t = K["allevard_r1"]
    auto("allevard-president-absent-sans-entete", plus(t.date, minutes=4), P["allevard_siea"], "Re: " + t.subject.replace("Re: ", ""),
         "Je suis absent du bureau du 12 au 20 août inclus.\nPour toute urgence concernant la distribution d'eau, contactez l'astreinte du syndicat au 06 39 98 12 40.\n\nBernard Mollard",
         target=t, keep=False, fmt="plain-8bit", client="tool",
         note="HARD auto_reply: NO auto header, NO In-Reply-To, subject 'Re: <case subject>' from the case correspondent; only the body says it is an absence notice")
    t = S("permanence-re-pajay-subvention")
    auto("pajay-mairie-fermeture-sans-entete", plus(t.date, minutes=2), P["pajay_maire"], "Fermeture de la mairie",
         "Bonjour,\n\nLa mairie sera fermée du jeudi 21 au lundi 25 mai inclus. Votre message sera traité à la réouverture.\nEn cas d'urgence : M. le Maire, 06 39 98 31 07.\n\nLe secrétariat",
         target=t, keep=False, note="HARD auto_reply: no header, no In-Reply-To, subject 'Fermeture de la mairie', body matches no usual absence phrase")
    t = K["salaise_r1"]
    auto("salaise-abwesenheitsnotiz", plus(t.date, minutes=1), P["salaise_logistique"], "Abwesenheitsnotiz: " + t.subject,
         "Vielen Dank für Ihre Nachricht. Ich bin bis zum 25.09.2026 auf Dienstreise und habe nur eingeschränkten Zugriff auf meine E-Mails.\n\nMerci pour votre message. Je suis en déplacement jusqu'au 25 septembre.\n\nJulien Marchetti",
         target=t, headers=EXCH, note="German Exchange OOF 'Abwesenheitsnotiz:', In-Reply-To")
    t = K["quincieu_r1"]
    auto("quincieu-mairie-message-absence-orange", plus(t.date, minutes=1), P["quincieu_maire"], "Message d'absence",
         "Le secrétariat de mairie est fermé jusqu'au lundi 2 février.\nPour l'état civil, merci de contacter la mairie de Vourey.",
         target=t, keep=False, headers=[("X-Autoreply", "yes")], note="Orange webmail responder: X-Autoreply: yes, no In-Reply-To")
    t = K["touvet_r1"]
    auto("touvet-maire-absent-zimbra", plus(t.date, minutes=1), P["touvet_maire"], "Absent",
         "Je suis absent du 18 au 22 février. Pour toute urgence : astreinte des élus au 06 39 98 44 20.",
         target=t, headers=[("Auto-Submitted", "auto-replied (zimbra; vacation)")], note="Zimbra vacation, subject 'Absent', In-Reply-To")
    t = K["tullins_r1"]
    auto("tullins-maire-reponse-automatique-citee", plus(t.date, minutes=1), P["tullins_maire"], "Réponse automatique : " + t.subject,
         "Bonjour,\n\nJe suis absente jusqu'au 22 juin. Votre message a bien été reçu.\n\nNicole Faure\nMaire de Tullins",
         target=t, headers=EXCH, quote="outlook_fr", note="Exchange OOF that QUOTES the office message (Message d'origine block) and has In-Reply-To — must not join the case")
    t = K["roussillon_r1"]
    auto("roussillon-maire-reponse-automatique-citee", plus(t.date, minutes=1), P["roussillon_maire"], "Réponse automatique : " + t.subject,
         "Bonjour,\n\nJe suis en déplacement jusqu'au 23 mars. Pour toute demande urgente, merci de contacter mon cabinet au 04 65 71 60 00.",
         target=t, headers=EXCH, quote="outlook365_fr", note="Exchange OOF quoting the office message (Outlook 365 block) with In-Reply-To")
    t = K["stegreve_r1"]
    auto("stegreve-citoyenne-reponse-automatique", plus(t.date, minutes=1), P["stegreve_citoyenne"], "Réponse automatique : " + t.subject,
         "Bonjour, je suis en vacances jusqu'au 20 mai. Je vous répondrai à mon retour.",
         target=t, headers=[("X-Auto-Response-Suppress", "All")],
         note="Outlook.com OOF of a citizen, In-Reply-To")
    t = K["aesh_r1"]
    auto("aesh-collectif-accuse-reception-gmail", plus(t.date, minutes=2), P["aesh_collectif"], "Collectif AESH 38 – message automatique",
         "Merci pour votre message. Le collectif est animé par des parents bénévoles : nous vous répondrons dès que possible.\n\nL'équipe du collectif",
         target=t, headers=[("Auto-Submitted", "auto-replied")], note="automatic acknowledgement (not an absence), Gmail vacation responder with a custom subject")
    t = K["goncelin_r1"]
    auto("goncelin-dgs-reponse-automatique", plus(t.date, minutes=1), P["goncelin_dgs"], "Réponse automatique : " + t.subject,
         "Bonjour,\n\nJe suis absente jusqu'au mardi 17 février inclus.\n\nLaetitia Savoye",
         target=t, headers=EXCH, note="Exchange OOF, In-Reply-To (the DGS answers for real two days later, without headers)")
    t = K["froges_r1"]
    auto("froges-secretariat-automatic-reply-fr", plus(t.date, minutes=1), P["froges_secr"], "Automatic reply: " + t.subject,
         "Bonjour,\n\nLe secrétariat est fermé jusqu'au 26 janvier. Pour les urgences d'état civil, merci de vous adresser à la mairie de Villard-Bonnot.",
         target=t, headers=EXCH, note="'Automatic reply:' subject (English Outlook) with a French body, In-Reply-To")
    t = K["vinay_r1"]
    auto("vinay-citoyen-vacances-gmail", plus(t.date, minutes=1), P["vinay_citoyen"], "Vacances",
         "Nous sommes en vacances jusqu'au 15 juillet, réponse à notre retour.\nLucas",
         target=t, headers=[("Auto-Submitted", "auto-replied")], note="Gmail vacation responder with subject 'Vacances' (no absence keyword), Auto-Submitted only")
    t = K["cremieu_r1"]
    auto("cremieu-maire-reponse-automatique", plus(t.date, minutes=1), P["cremieu_maire"], "Réponse automatique : " + t.subject,
         "Bonjour,\n\nJe suis absent jusqu'au 25 mai. Pour toute demande, vous pouvez contacter mon assistante, Mme Sabrina Lopes (assistante.maire@mairie-cremieu.fr).\n\nPaul Berthier",
         target=t, headers=EXCH, note="mayor's OOF pointing to his assistant (who then answers without headers)")
    t = K["gresse_r1"]
    auto("gresse-secretaire-absence-zimbra", plus(t.date, minutes=1), P["gresse_secr"], "Absence du bureau",
         "Bonjour,\nLe secrétariat de mairie est fermé jusqu'au 11 mars. Votre message sera traité à la réouverture.",
         target=t, headers=[("Auto-Submitted", "auto-replied (zimbra; vacation)")], note="Zimbra vacation 'Absence du bureau', In-Reply-To")
    t = K["uriage_r1"]
    auto("uriage-maire-absent-du-bureau-html", plus(t.date, minutes=1), P["uriage_maire"], "Absent du bureau : " + t.subject,
         "Je suis absente du bureau jusqu'au 7 mai au matin. Je prendrai connaissance de votre message à mon retour.",
         target=t, headers=[("X-Auto-Response-Suppress", "All")], note="older Exchange 'Absent du bureau :' subject, HTML only, In-Reply-To")
    t = K["stismier_r1"]
    auto("stismier-maire-regle-absence-sans-entete", plus(t.date, minutes=2), P["stismier_maire"], "RE: " + t.subject,
         "Bonjour,\n\nJe suis absent du bureau jusqu'au 13 mars. Votre message sera traité à mon retour.\n\nBruno Collomb",
         target=t, keep=False, note="HARD auto_reply: old Outlook client-side rule: no header, no In-Reply-To, subject 'RE: <case subject>' from the case correspondent")
    t = K["vizille_r1"]
    auto("vizille-maire-reponse-automatique", plus(t.date, minutes=1), P["vizille_maire"], "Réponse automatique : " + t.subject,
         "Bonjour,\n\nJe suis absent jusqu'au 9 février. En cas d'urgence, contactez Mme Mottet, directrice générale des services.",
         target=t, headers=EXCH, note="Exchange OOF, In-Reply-To")
    t = K["oisans_r2"]
    ne = person("oisans_noreply", "Mairie du Bourg-d'Oisans", "ne-pas-repondre@bourgdoisans.fr", "tool")
    auto("bourgdoisans-accuse-reception-automatique", plus(t.date, minutes=1), ne, "Accusé de réception de votre message",
         "Madame, Monsieur,\n\nVotre message a bien été reçu par les services de la mairie du Bourg-d'Oisans. Il sera traité dans les meilleurs délais.\n\nCeci est un message automatique, merci de ne pas y répondre.",
         target=t, headers=[("Auto-Submitted", "auto-generated")], note="town-hall automatic acknowledgement from ne-pas-repondre@, Auto-Submitted: auto-generated, In-Reply-To")
    t = K["mizoen_r1"]
    auto("mizoen-maire-vacances-gmail", plus(t.date, minutes=1), P["mizoen_maire"], "Re: " + t.subject.replace("Re: ", ""),
         "Bonjour, je suis absent jusqu'au 1er février. En cas d'urgence appelez le 06 39 98 77 15.\nDaniel",
         target=t, headers=[("Auto-Submitted", "auto-replied")], client="gmail",
         note="Gmail vacation from the mayor's own Gmail, subject = 'Re: <case subject>', In-Reply-To")
    t = K["motion_reply"]
    auto("motion-commune-reponse-automatique", plus(t.date, minutes=1), t.to[0], "Réponse automatique : " + t.subject,
         "Bonjour,\n\nJe suis absent(e) jusqu'au 4 mai. Votre message sera traité à mon retour.",
         target=t, headers=EXCH, client="outlook", note="OOF from a campaign commune after the office's reply to its motion — must not join the campaign case")

    # --- auto-replies to the office's invitation (Bcc mailing) -----------------------------------------------------------------------
    inv = K["invitation"]

    def inv_p(key, name, client="outlook"):
        commune, addr = INVITEES[key]
        return person(f"inv_{key}", name, addr, client, display=f"Mairie de {commune}")
    auto("montferrat-reponse-automatique-invitation", plus(inv.date, minutes=1), inv_p("montferrat", "Mairie de Montferrat"), "Réponse automatique : " + inv.subject,
         "Bonjour,\n\nJe suis absente jusqu'au 1er juin. Pour toute urgence, contactez le secrétariat au 04 65 71 81 20.",
         target=inv, headers=EXCH, note="Exchange OOF to the office's Bcc invitation (In-Reply-To the invitation) — must not join its case")
    auto("massieu-absence-sieve-invitation", plus(inv.date, minutes=2), inv_p("massieu", "Mairie de Massieu", "roundcube"), "Absence",
         "Bonjour,\n\nLa mairie est fermée pour congés du 25 mai au 7 juin. Je suis absente pendant cette période.\n\nLa secrétaire de mairie",
         target=inv, headers=[("Auto-Submitted", "auto-replied (vacation)"), ("Precedence", "bulk")],
         note="Sieve vacation with BOTH 'Auto-Submitted: auto-replied' and 'Precedence: bulk' (auto_reply, not bulk)")
    auto("saintaupre-xautoreply-invitation", plus(inv.date, minutes=1), inv_p("saintaupre", "Mairie de Saint-Aupre", "orange"), "Re: " + inv.subject,
         "Je suis absente jusqu'au 8 juin inclus.\nMartine, secrétariat de mairie",
         target=inv, headers=[("X-Autoreply", "yes"), ("Precedence", "bulk")], note="X-Autoreply: yes + Precedence: bulk, subject 'Re: <invitation subject>'")
    auto("stnicolas-absente-sans-entete-invitation", plus(inv.date, minutes=3), inv_p("stnicolas", "Mairie de Saint-Nicolas-de-Macherin", "latin1"), "Re: " + inv.subject,
         "Bonjour,\n\nJe suis absente jusqu'au 8 juin inclus. Votre message sera transmis à M. le Maire à mon retour.\n\nSecrétariat de mairie",
         target=inv, keep=False, note="HARD auto_reply: no auto header, no In-Reply-To, subject 'Re: <invitation subject>', body only, ISO-8859-1")
    auto("bilieu-accuse-reception-ticket", plus(inv.date, minutes=1), inv_p("bilieu", "Mairie de Bilieu", "tool"), "[Demande #20260526-0412] Accusé de réception",
         "Bonjour,\n\nVotre demande a bien été enregistrée sous le numéro 20260526-0412. Elle sera traitée par nos services dans les meilleurs délais.\n\nCe message est généré automatiquement.",
         target=inv, headers=[("Auto-Submitted", "auto-generated"), ("X-Mailer", "GLPI")], note="ticketing acknowledgement, Auto-Submitted: auto-generated")
    auto("oyeu-automatic-reply-en", plus(inv.date, minutes=1), inv_p("oyeu", "Mairie d'Oyeu", "outlook_en"), "Automatic reply: " + inv.subject,
         "I am out of the office until June 2. For urgent matters please call the town hall.\n\nJe suis absent jusqu'au 2 juin.",
         target=inv, headers=EXCH, note="English 'Automatic reply:' / 'I am out of the office until'")
    auto("crossey-reponse-automatique-citee", plus(inv.date, minutes=1), inv_p("crossey", "Mairie de Saint-Étienne-de-Crossey", "outlook_cp1252"), "Réponse automatique : " + inv.subject,
         "Bonjour,\n\nJe suis absent jusqu'au 1er juin.\n\nLe Maire",
         target=inv, headers=EXCH, quote="outlook_fr", note="OOF quoting the whole invitation (Message d'origine), In-Reply-To, windows-1252")

    # --- auto-replies to the New Year greetings (the greeting itself is not in the set: dangling) ---------------------------------------
    voeux = "<voeux2026.5f3c9e1a7b@senateur-exemple.fr>"
    vs = "Meilleurs vœux pour 2026"
    rows = [
        ("2026-01-02 09:01", ("voeux_chonas", "Mairie de Chonas-l'Amballan", "mairie@chonas-lamballan.fr", "outlook"), "Réponse automatique : " + vs,
         "Bonjour,\n\nLa mairie est fermée jusqu'au lundi 5 janvier. Je suis absente jusqu'au 5 janvier.\n\nLe secrétariat", EXCH, "Exchange OOF to the New Year greeting, In-Reply-To to an office message NOT in the set (deliberately dangling)"),
        ("2026-01-02 09:01", ("voeux_sonnay", "Mairie de Sonnay", "mairie@sonnay.fr", "outlook_en"), "Automatic reply: " + vs,
         "I am out of the office until January 5.\nJe suis absent jusqu'au 5 janvier.", EXCH, "English Exchange OOF, dangling In-Reply-To (greeting not in the set)"),
        ("2026-01-02 09:02", ("voeux_agnin", "Mairie d'Agnin", "mairie@agnin.fr", "outlook_cp1252"), "Absence du bureau : " + vs,
         "Je suis absent du bureau jusqu'au 4 janvier.", [("X-Auto-Response-Suppress", "All")], "'Absence du bureau :' subject, dangling In-Reply-To"),
        ("2026-01-02 09:03", ("voeux_jardin", "Maire de Jardin", "maire.jardin38@gmail.com", "gmail"), "Re: " + vs,
         "Bonjour, je suis absent jusqu'au 6 janvier, je vous répondrai à mon retour. Bonne année !", [("Auto-Submitted", "auto-replied")],
         "Gmail vacation, subject 'Re: Meilleurs vœux pour 2026', dangling In-Reply-To"),
        ("2026-01-02 09:05", ("voeux_anjou", "Mairie d'Anjou", "mairie.anjou38@wanadoo.fr", "orange"), "Message d'absence",
         "La mairie est fermée du 24 décembre au 4 janvier inclus. Réouverture le lundi 5 janvier à 8 h 30.", [("X-Autoreply", "yes")], "X-Autoreply, dangling In-Reply-To"),
        ("2026-01-02 09:06", ("voeux_reventin", "Mairie de Reventin-Vaugris", "accueil@reventin-vaugris.fr", "latin1"), "Congés",
         "Bonjour,\n\nLa mairie est fermée pour les fêtes jusqu'au 4 janvier inclus. Bonne année à tous !", [], "HARD auto_reply: subject 'Congés', no header, no In-Reply-To, no absence phrase"),
        ("2026-01-02 09:10", ("voeux_italie", "Comune di Borgo San Dalmazzo (gemellaggio)", "sindaco@comune-gemellato-exemple.it", "outlook"), "Risposta automatica: " + vs,
         "Sono fuori ufficio fino al 7 gennaio con accesso limitato alla posta elettronica.\nJe suis absent jusqu'au 7 janvier.", EXCH, "Italian 'Risposta automatica:', dangling In-Reply-To"),
    ]
    for d, (key, name, addr, cl), subj, body, hdrs, note in rows:
        p = person(key, name, addr, cl)
        m = Msg("voeux-" + key.split("_")[1] + "-auto", D(d), p, [OFFICE], subj, body, kind="auto_reply", note=note, extra=list(hdrs))
        if hdrs:
            m.irt, m.refs, m.dangling_ok = voeux, [voeux], True
        add(m)


# ======================================================================================
# 6. bounces
# ======================================================================================

DAEMON = Person("daemon", "Mail Delivery System", "MAILER-DAEMON@" + MX, "tool")


def strip_bcc(raw: bytes) -> bytes:
    head, body = raw.split(b"\n\n", 1)
    out, skip = [], False
    for ln in head.split(b"\n"):
        if ln.lower().startswith(b"bcc:"):
            skip = True
            continue
        if skip and ln[:1] in (b" ", b"\t"):
            continue
        skip = False
        out.append(ln)
    return b"\n".join(out) + b"\n\n" + body


def dsn(slug, orig: Msg, rcpt: str, status: str, diag: str, *, minutes=1, mode="headers", action="failed", remote=None,
        frm: Person | None = None, subject="Undelivered Mail Returned to Sender", exchange=False, note="", irt=False):
    remote = remote or ("mx." + rcpt.split("@")[1])

    def build(m: Msg):
        bnd = boundary(m, 7)
        if exchange:
            txt = (f"Votre message n'a pas pu être remis à {rcpt}.\n\n"
                   f"La boîte aux lettres du destinataire est pleine ou n'accepte pas de messages pour le moment.\n\n"
                   f"Serveur de diagnostic : {remote}\n\nRemote Server returned '{diag}'\n")
            human = multipart("alternative", boundary(m, 8), [leaf("text/plain", "utf-8", "quoted-printable", txt),
                                                                leaf("text/html", "utf-8", "quoted-printable", html_doc(html_paras(txt, "outlook"), "outlook"))])
        else:
            txt = (f"This is the mail system at host {MX}.\n\n"
                   + ("####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\n"
                      "Your message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n\n" if action == "delayed" else
                      "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n\n")
                   + "For further assistance, please send mail to postmaster.\n\n"
                   "If you do so, please include this problem report. You can\ndelete your own text from the attached returned message.\n\n"
                   "                   The mail system\n\n"
                   f"<{rcpt}>: host {remote}[{ip_for(remote, '198.51.100')}] said: {diag} (in reply to RCPT TO command)\n")
            human = ([("Content-Description", "Notification"), ("Content-Type", "text/plain; charset=us-ascii")], txt.encode())
        ds = (f"Reporting-MTA: dns; {MX if not exchange else remote}\n"
              + (f"X-Postfix-Queue-ID: {queue_id(orig)}\nX-Postfix-Sender: rfc822; {OFFICE_ADDR}\n" if not exchange else "")
              + f"Arrival-Date: {rfc_date(orig.date)}\n\n"
              f"Final-Recipient: rfc822; {rcpt}\nOriginal-Recipient: rfc822;{rcpt}\nAction: {action}\nStatus: {status}\n"
              f"Remote-MTA: dns; {remote}\nDiagnostic-Code: smtp; {diag}\n"
              + (f"Will-Retry-Until: {rfc_date(plus(orig.date, days=5))}\n" if action == "delayed" else ""))
        dsp = ([("Content-Description", "Delivery report"), ("Content-Type", "message/delivery-status")], ds.encode())
        raw = strip_bcc(render(orig))
        if mode == "headers":
            op = ([("Content-Description", "Undelivered Message Headers"), ("Content-Type", "text/rfc822-headers")], raw.split(b"\n\n", 1)[0] + b"\n")
        else:
            op = ([("Content-Description", "Undelivered Message"), ("Content-Type", "message/rfc822"), ("Content-Transfer-Encoding", "8bit")], raw)
        return multipart("report", bnd, [human, dsp, op], extra_params=" report-type=delivery-status;")

    extra = [("Auto-Submitted", "auto-replied")]
    if exchange:
        extra = [("X-MS-Exchange-Message-Is-Ndr", ""), ("Auto-Submitted", "auto-replied")]
        if irt:
            extra += [("Thread-Topic", hdr_text(orig.subject, "outlook"))]
    m = Msg(slug, plus(orig.date, minutes=minutes), frm or DAEMON, [OFFICE], subject, "", kind="bounce", mime=build,
            note=note, received_from="local" if frm is None else ("EUR03-PR3-obe.outbound.protection.outlook.com" if exchange else None),
            extra=extra, client="tool", bounce_of=orig)
    if irt:
        m.irt, m.refs = orig, [orig]
    return add(m)


def plain_bounce(slug, orig: Msg, frm: Person, subject: str, text: str, *, minutes=2, note=""):
    raw = strip_bcc(render(orig)).decode("utf-8", "replace")
    head = raw.split("\n\n", 1)[0]
    body = text + "\n\n" + head + "\n"
    m = Msg(slug, plus(orig.date, minutes=minutes), frm, [OFFICE], subject, body, kind="bounce", fmt="plain-8bit-nowrap",
            note=note, client="tool", bounce_of=orig)
    return add(m)


def build_bounces():
    dsn("bounce-saintcassien-user-unknown", K["saintcassien"], "maire@saint-cassien.fr", "5.1.1",
        "550 5.1.1 <maire@saint-cassien.fr>: Recipient address rejected: User unknown in virtual mailbox table",
        note="Postfix DSN (text/rfc822-headers) of an office-initiated letter; Auto-Submitted: auto-replied")
    dsn("bounce-invitation-domaine-introuvable", K["invitation"], INVITEES["stjean"][1], "5.4.4",
        "Host or domain name not found. Name service error for name=st-jean-de-moiran.fr type=MX: Host not found", remote="st-jean-de-moiran.fr",
        note="Postfix DSN for one Bcc recipient of the invitation (misspelt domain), rfc822-headers")
    dsn("bounce-lamure-boite-pleine-rfc822", K["lamure_r1"], "kevin.dossantos@gmail.com", "5.2.2",
        "552-5.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm",
        remote="gmail-smtp-in.l.google.com", mode="full", note="Postfix DSN with the FULL original as message/rfc822")
    dsn("bounce-crolles-exchange-non-remis", K["crolles_r1"], "i.roche@microtech-alpes.fr", "5.2.2",
        "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded",
        remote="PA4P190MB1122.EURP190.PROD.OUTLOOK.COM", exchange=True, irt=True,
        frm=Person("exch_crolles", "Microsoft Outlook", "postmaster@microtechalpes.onmicrosoft.com", "tool"),
        subject="Non remis : " + K["crolles_r1"].subject,
        note="Exchange NDR 'Non remis :' from postmaster@…onmicrosoft.com WITH In-Reply-To/References to the office reply — must not join the case")
    dsn("bounce-roussillon-exchange-rfc822", K["roussillon_r2"], "maire@ville-roussillon.fr", "5.4.1",
        "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [PR3P193MB0876.EURP193.PROD.OUTLOOK.COM]",
        remote="ville-roussillon-fr.mail.protection.outlook.com", exchange=True, irt=True, mode="full",
        frm=Person("exch_rouss", "Microsoft Outlook", "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@villeroussillon.onmicrosoft.com", "tool"),
        subject="Non remis : " + K["roussillon_r2"].subject,
        note="Exchange NDR from MicrosoftExchange…@ (not mailer-daemon/postmaster), message/rfc822, In-Reply-To to the office reply")
    dsn("bounce-heyrieux-delai", K["heyrieux_r1"], "marc.delorme@free.fr", "4.4.1",
        "451 4.4.1 Temporary local problem - please try later", remote="mx1.free.fr", action="delayed",
        subject="Delayed Mail (still being retried)", minutes=245,
        note="Postfix DELAY warning (Action: delayed, 4.4.1): still a bounce-kind DSN")
    dsn("bounce-beaurepaire-google-boite-pleine", K["beaurepaire_r1"], "s.bonnard@beaurepaire.fr", "5.2.2",
        "552-5.2.2 The recipient's inbox is out of storage space and inactive.", remote="aspmx.l.google.com", mode="full",
        note="Postfix DSN, full message/rfc822")
    dsn("bounce-latourdupin-utilisateur-inconnu", K["latour_r1"], "ce.0380042x@ac-grenoble.fr", "5.1.1",
        "550 5.1.1 <ce.0380042x@ac-grenoble.fr>: Recipient address rejected: User unknown", remote="smtp.ac-grenoble.fr",
        note="Postfix DSN, rfc822-headers")
    dsn("bounce-villard-bloque-spamhaus", K["villard_r1"], "l.jacquier@villard-de-lans.fr", "5.7.1",
        "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org", remote="mx.villard-de-lans.fr",
        note="Postfix DSN, policy rejection 5.7.1")
    dsn("bounce-sassenage-exchange-introuvable", K["sassenage_r1"], "c.coste@sassenage.fr", "5.1.10",
        "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", remote="sassenage-fr.mail.protection.outlook.com",
        exchange=True, frm=Person("exch_sass", "Microsoft Outlook", "postmaster@sassenage.onmicrosoft.com", "tool"),
        subject="Non remis : " + K["sassenage_r1"].subject, note="Exchange NDR without In-Reply-To, rfc822-headers")
    dsn("bounce-formulaire-adresse-erronee", S("permanence-re-site-ehpad"), "jeanne.marchand@free.fr", "5.1.1",
        "550 5.1.1 <jeanne.marchand@free.fr>: Recipient address rejected: User unknown in local recipient table", remote="mx2.free.fr",
        note="Postfix DSN: the citizen typed a wrong address in the website form")
    # plain-text bounces, no DSN structure
    q = Person("qmail", "", "MAILER-DAEMON@mx3.mail-ovh-exemple.net", "tool")
    plain_bounce("bounce-qmail-failure-notice-invitation", K["invitation"], q, "failure notice",
                 "Hi. This is the qmail-send program at mx3.mail-ovh-exemple.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n"
                 "This is a permanent error; I've given up. Sorry it didn't work out.\n\n<mairie.burcin@mail-ovh-exemple.net>:\nThis address no longer accepts mail.\n\n--- Below this line is a copy of the message.",
                 note="qmail 'failure notice' (plain text, no DSN) from MAILER-DAEMON@ of the remote host, for the invitation")
    pm = Person("pm_vb", "Postmaster", "postmaster@villard-bonnot.fr", "tool")
    plain_bounce("bounce-echec-remise-villardbonnot", S("permanence-re-villardbonnot-voirie"), pm, "Échec de la remise du message",
                 "Votre message n'a pas pu être remis au destinataire suivant :\n\n    maire@villard-bonnot.fr\n    Raison : la boîte aux lettres du destinataire est pleine (quota dépassé).\n\n"
                 "Le message d'origine est retourné ci-dessous.\n\n------ Entêtes du message d'origine ------", minutes=6,
                 note="'Échec de la remise du message' from postmaster@ (plain text, headers of the original inlined)")
    pm2 = Person("pm_murette", "Administrateur système", "postmaster@lamurette.fr", "tool")
    plain_bounce("bounce-non-remis-invitation-murette", K["invitation"], pm2, "Non remis : " + K["invitation"].subject,
                 "Impossible de remettre ce message aux destinataires suivants :\n\n      mairie@lamurette.fr\n\nLe destinataire n'existe pas ou sa boîte aux lettres a été désactivée.",
                 minutes=3, note="'Non remis : …' plain text from postmaster@ (old Exchange), for the invitation")
    md = Person("md_peage", "Mail Delivery System", "MAILER-DAEMON@mail.ville-lepeagederoussillon.fr", "tool")
    plain_bounce("bounce-undelivered-peage-texte", S("permanence-re-peage-invitation"), md, "Undelivered Mail Returned to Sender",
                 "This is the mail system at host mail.ville-lepeagederoussillon.fr.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
                 "<cabinet@ville-lepeagederoussillon.fr> (expanded from <cabinet@ville-lepeagederoussillon.fr>): mailbox renamed, please use cabinet.maire@ville-lepeagederoussillon.fr\n\n"
                 "Headers of the returned message follow:", minutes=9,
                 note="'Undelivered Mail Returned to Sender' from MAILER-DAEMON@ of the town's relay, plain text (no multipart/report)")


# ======================================================================================
# 7. spam
# ======================================================================================

def spam_hdrs(score: float, flag=True, status=True, tests="HTML_MESSAGE,MIME_HTML_ONLY,RDNS_NONE,URIBL_BLACK,BAYES_99"):
    h = []
    if flag:
        h.append(("X-Spam-Flag", "YES"))
    h.append(("X-Spam-Score", f"{score:.1f}"))
    h.append(("X-Spam-Level", "*" * int(score)))
    if status:
        h.append(("X-Spam-Status", f"Yes, score={score:.1f} required=5.0 tests={tests}\n\tautolearn=spam version=3.4.6"))
    return h


def build_spam():
    rows = [
        ("spam-quota-messagerie", "2026-02-10 03:12", ("Service Messagerie", "support@webmail-verif-exemple.top"), "Votre boîte mail est presque pleine (98 %)",
         "Cher utilisateur,\n\nVotre boîte de réception a atteint 98 % de sa capacité. Les nouveaux messages seront rejetés sous 24 heures.\nCliquez ici pour augmenter gratuitement votre quota : http://webmail-verif-exemple.top/permanence\n\nL'équipe technique", 14.2, True, True, "html-qp"),
        ("spam-facture-impayee", "2026-03-17 05:40", ("Comptabilité", "compta@facturation-rapide-exemple.xyz"), "Facture impayée n° 2026-4471 – dernier rappel",
         "Bonjour,\n\nSauf erreur de notre part, la facture n° 2026-4471 d'un montant de 1 284,00 € reste impayée. Consultez-la ici : http://facturation-rapide-exemple.xyz/f/2026-4471\n\nService recouvrement", 9.8, False, True, "alt-qp"),
        ("spam-referencement-seo", "2026-04-23 11:02", ("Kevin – Agence Top Référencement", "kevin@top-referencement-exemple.biz"), "Votre site en première page de Google",
         "Bonjour,\n\nJ'ai remarqué que le site senateur-exemple.fr n'apparaît pas en première page. Notre agence vous garantit la première position en 30 jours. Répondez OUI pour un audit gratuit.\n\nKevin", 6.1, True, False, "plain-qp"),
        ("spam-panneaux-solaires-mairie", "2026-06-09 14:30", ("Programme Énergie Communes", "contact@energie-communes-exemple.info"), "Votre commune éligible : panneaux solaires 100 % financés",
         "Madame, Monsieur le Maire,\n\nVotre commune est éligible au programme national d'équipement photovoltaïque 100 % financé. Dernier délai : vendredi. Réservez votre étude : http://energie-communes-exemple.info\n", 7.4, False, True, "html-qp"),
        ("spam-crypto-en", "2026-07-14 02:55", ("Investment Desk", "desk@crypto-yield-exemple.io"), "Your investment profit of 14,820 EUR is ready for withdrawal",
         "Dear client,\n\nYour account has generated a profit of 14,820 EUR. To withdraw, confirm your identity within 48 hours: http://crypto-yield-exemple.io/withdraw\n", 18.5, True, True, "plain-qp"),
        ("spam-faux-rapport-non-distribue", "2026-08-04 04:20", ("Mail Delivery System", "MAILER-DAEMON@relay-exemple.ru"), "Undelivered Mail Returned to Sender",
         "Your message could not be delivered. Open the attached report to see the undelivered message:\nhttp://relay-exemple.ru/report.php?id=permanence\n", 11.3, True, True, "plain-qp"),
        ("spam-fausse-newsletter", "2026-09-16 16:45", ("Actu Collectivités", "news@actu-collectivites-exemple.club"), "Dernière chance : -70 % sur le mobilier urbain",
         "Profitez de -70 % sur les bancs, jardinières et abribus jusqu'à dimanche minuit.\nSe désinscrire : http://actu-collectivites-exemple.club/unsub", 8.9, False, True, "html-qp"),
        ("spam-colis-en-attente", "2026-10-08 07:07", ("Suivi Colis", "notification@colis-suivi-exemple.shop"), "Votre colis est en attente : frais de douane 1,99 €",
         "Votre colis n° FR8847201 est en attente de livraison. Réglez les frais de 1,99 € pour le recevoir : http://colis-suivi-exemple.shop/pay\n", 12.6, True, True, "alt-qp"),
    ]
    for slug, d, (name, addr), subj, text, score, flag, status, fmt in rows:
        p = person("spam_" + slug, name, addr, "tool")
        extra = []
        if slug == "spam-fausse-newsletter":
            extra = [("List-Unsubscribe", "<http://actu-collectivites-exemple.club/unsub>"), ("Precedence", "bulk")]
        what = ("X-Spam-Flag: YES" if flag else "") + (" + " if flag and status else "") + ("X-Spam-Status: Yes" if status else "")
        trick = {"spam-faux-rapport-non-distribue": "; looks like a bounce (MAILER-DAEMON@, 'Undelivered Mail…') but is spam",
                 "spam-fausse-newsletter": "; carries List-Unsubscribe + Precedence: bulk but is spam"}.get(slug, "")
        tests = ("HTML_MESSAGE,MIME_HTML_ONLY,RDNS_NONE,URIBL_BLACK,BAYES_99" if fmt.startswith("html") else
                 "HTML_MESSAGE,MIME_QP_LONG_LINE,URIBL_ABUSE_SURBL,BAYES_95" if fmt.startswith("alt") else "RDNS_NONE,URIBL_BLACK,BAYES_99,FROM_SUSPICIOUS_NTLD")
        add(Msg(slug, D(d), p, [OFFICE], subj, text, kind="spam", fmt=fmt, mx_extra=spam_hdrs(score, flag, status, tests), extra=extra,
                note=f"spam: {what}, score {score}{trick}"))


# ======================================================================================
# writing, labels, validation
# ======================================================================================

_PREFIX = re.compile(r"^\s*((re|tr|fwd?|aw|wg|ref|sv|antw)\s*:\s*|\[[^\]]*\]\s*)+", re.I)


def norm_subject(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    prev = None
    while prev != s:
        prev = s
        s = _PREFIX.sub("", s)
    return re.sub(r"\s+", " ", s).strip()


def correspondent(m: Msg) -> str:
    if m.outgoing:
        return (m.to[0].addr if m.to else "").lower()
    if m.reply_to is not None and m.frm.addr.startswith("noreply@"):
        return m.reply_to.addr.lower()
    return m.frm.addr.lower()


def finalize():
    # our MX adds a ham verdict to about a third of the inbound mail
    for m in ALL:
        if not m.outgoing and m.kind != "spam" and not m.mx_extra and m.received_from != "local" \
                and int(_h("ham", m.slug)[:2], 16) % 100 < 35:
            m.mx_extra = spam_no(round(-2.5 + int(_h("score", m.slug)[:2], 16) / 60, 1))
    ALL.sort(key=lambda m: (m.date, m.seq))
    for i, m in enumerate(ALL, 1):
        m.file = f"{i:03d}-{slugify(m.slug)[:60].strip('-')}.eml"
        m.crlf = int(_h("eol", m.slug)[:2], 16) % 100 >= 8


def label_note(m: Msg) -> str:
    note = m.note
    if m.dangling_ok and "dangling" not in note.lower() and "not in the set" not in note.lower():
        note += " (In-Reply-To/References deliberately point outside the set)"
    if m.bounce_of is not None:
        note += f"; bounce_of={m.bounce_of.file}"
    return note


def write_all() -> dict[str, bytes]:
    msgdir = OUT / "messages"
    if msgdir.exists():
        shutil.rmtree(msgdir)
    msgdir.mkdir(parents=True)
    blobs = {}
    for m in ALL:
        raw = render(m)
        data = crlf(raw) if m.crlf else raw
        (msgdir / m.file).write_bytes(data)
        blobs[m.file] = data
    with open(OUT / "labels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "kind", "case", "outgoing", "note"])
        for m in ALL:
            w.writerow([m.file, m.kind, m.case if m.kind == "personal" else "", 1 if m.outgoing else 0, label_note(m)])
    return blobs


def validate(blobs: dict[str, bytes]) -> dict:
    errors: list[str] = []
    by_id: dict[str, Msg] = {}
    for m in ALL:
        if m.msgid:
            if m.msgid in by_id:
                errors.append(f"duplicate Message-ID {m.msgid}: {m.file} / {by_id[m.msgid].file}")
            by_id[m.msgid] = m
    # 1. parsing
    for m in ALL:
        data = blobs[m.file]
        if b"\r" in data and data.count(b"\r\n") != data.count(b"\n"):
            errors.append(f"{m.file}: mixed line endings")
        msg = email.message_from_bytes(data, policy=email.policy.default)
        for h in ("From", "Date"):
            if not msg[h]:
                errors.append(f"{m.file}: no {h}")
        if m.msgid and msg["Message-ID"] != m.msgid:
            errors.append(f"{m.file}: Message-ID does not round-trip")
        if m.subject and str(msg["Subject"]).replace("\n", "") != (latin1_safe(m.subject) if HDR_STYLE.get(m.cl, ("utf-8",))[0] == "iso-8859-1" else m.subject):
            errors.append(f"{m.file}: Subject does not round-trip: {msg['Subject']!r} != {m.subject!r}")
        for part in msg.walk():
            for d in part.defects:
                errors.append(f"{m.file}: defect {type(d).__name__}")
            if part.get_content_maintype() == "text":
                try:
                    part.get_content()
                except Exception as e:  # noqa: BLE001
                    errors.append(f"{m.file}: cannot decode a {part.get_content_type()} part: {e}")
        if not msg.get_body(preferencelist=("plain", "html")) and m.kind != "bounce":
            errors.append(f"{m.file}: no text body")
        # 2. In-Reply-To / References resolve (or are deliberately dangling)
        ids = re.findall(r"<[^>]+>", (msg["In-Reply-To"] or "") + " " + (msg["References"] or ""))
        for i in ids:
            if i not in by_id and not m.dangling_ok:
                errors.append(f"{m.file}: In-Reply-To/References {i} not in the set and not declared dangling")
    # 3. labels follow the case rules
    personal = [m for m in ALL if m.kind == "personal"]
    for m in ALL:
        if m.kind != "personal" and m.case:
            errors.append(f"{m.file}: non-personal message with a case label")
        if m.kind == "personal" and not m.case:
            errors.append(f"{m.file}: personal message without a case label")
    first_of_case: dict[str, Msg] = {}
    for m in personal:
        if m.case not in first_of_case:
            first_of_case[m.case] = m
            # a new case must not be reachable from an earlier case by rules 1-3
            for r in ([m.irt] if isinstance(m.irt, Msg) else []) + [x for x in m.refs if isinstance(x, Msg)]:
                if r.kind == "personal" and r.case != m.case:
                    errors.append(f"{m.file}: opens {m.case} but its headers point at {r.file} ({r.case})")
            if m.quote is not None and m.irt is None and m.quote.kind == "personal" and m.quote.case != m.case:
                errors.append(f"{m.file}: opens {m.case} but quotes {m.quote.file} ({m.quote.case})")
            continue
        linked = m.campaign != ""
        for r in ([m.irt] if isinstance(m.irt, Msg) else []) + [x for x in m.refs if isinstance(x, Msg)]:
            linked |= r.case == m.case
        if m.quote is not None and m.quote.case == m.case:
            linked = True
        for o in personal:
            if o is m or o.date >= m.date or o.case != m.case:
                continue
            if correspondent(o) == correspondent(m) and norm_subject(o.subject) == norm_subject(m.subject) \
                    and (m.date - o.date) <= dt.timedelta(days=60):
                linked = True
        if not linked:
            errors.append(f"{m.file}: label {m.case} not reachable by the case rules")
    for i, a in enumerate(personal):
        for b in personal[i + 1:]:
            if a.case != b.case and not (a.campaign and a.campaign == b.campaign) and correspondent(a) == correspondent(b) \
                    and norm_subject(a.subject) == norm_subject(b.subject) and abs(b.date - a.date) <= dt.timedelta(days=60):
                errors.append(f"rule 3 would merge {a.file} ({a.case}) and {b.file} ({b.case})")
    # 4. bounces
    for m in ALL:
        if m.kind == "bounce":
            if m.bounce_of is None or not m.bounce_of.outgoing:
                errors.append(f"{m.file}: bounce without an outgoing original")
            elif m.bounce_of.msgid.encode() not in blobs[m.file]:
                errors.append(f"{m.file}: original Message-ID not in the bounce")
    counts = Counter(m.kind for m in ALL)
    mins = {"auto_reply": 35, "bulk": 25, "bounce": 12, "spam": 6}
    for k, n in mins.items():
        if counts[k] < n:
            errors.append(f"only {counts[k]} {k}")
    if len(HARD) < 20:
        errors.append(f"only {len(HARD)} hard personal negatives")
    total = sum(len(b) for b in blobs.values())
    if total > 3_000_000:
        errors.append(f"total size {total} > 3 MB")
    return {"errors": errors, "counts": counts, "total": total}


def stats():
    personal = [m for m in ALL if m.kind == "personal"]
    cases = defaultdict(list)
    for m in personal:
        cases[m.case].append(m)
    kept = [c for c, ms in cases.items() if any(isinstance(x.irt, Msg) or any(isinstance(r, Msg) for r in x.refs) for x in ms)
            and not any(x.campaign for x in ms) and len(ms) >= 2]
    lost = [c for c, ms in cases.items() if any(("LOST HEADERS" in x.note or "SUBJECT-ONLY" in x.note) for x in ms)]
    return cases, kept, lost


def write_source(res, cases, kept, lost):
    counts = res["counts"]
    campaign = Counter(m.campaign for m in ALL if m.campaign)
    camp_cases = Counter(m.case for m in ALL if m.kind == "personal" and m.case in campaign)
    lf = [m.file for m in ALL if not m.crlf]
    nomid = [m.file for m in ALL if not m.msgid]
    dangling = [m.file for m in ALL if m.dangling_ok]
    fmts = Counter()
    for m in ALL:
        raw = render(m).lower()
        for k, pat in [("quoted-printable", b"quoted-printable"), ("base64", b"content-transfer-encoding: base64"),
                       ("ISO-8859-1", b"iso-8859-1"), ("windows-1252", b"windows-1252"),
                       ("multipart/alternative", b"multipart/alternative"), ("multipart/mixed (attachments)", b"multipart/mixed"),
                       ("multipart/report", b"multipart/report")]:
            if pat in raw:
                fmts[k] += 1
        ct = re.search(rb"^content-type: ([^;\n]+)", raw.split(b"\n\n", 1)[0], re.M)
        if ct and ct.group(1).strip() == b"text/html":
            fmts["HTML only"] += 1
    hard_lines = "\n".join(f"- `{m.file}` — {what}" for m, what in sorted(HARD, key=lambda x: x[0].file))
    text = f"""# Labelled kind and case-threading fixtures

Generated by `scripts/make_case_fixtures.py` — do not edit by hand; change the script and rerun:

```
python3 scripts/make_case_fixtures.py
```

(Python 3.11, standard library only, fixed seed, no clock or network: running it twice gives
byte-identical files. The script also validates what it writes and exits non-zero on any error.)

**What these are.** Synthetic messages written for Permanence to measure (a) automatic-mail
detection (`kind`) and (b) threading of personal mail into request cases (« dossiers »). No real
person's mail is used. The mailbox is that of the fictional parliamentary office of « Mme Hélène
Marchal, sénatrice de l'Isère » (`permanence@senateur-exemple.fr`, display name « Permanence de
la sénatrice H. Marchal »), as in `fixtures/mail/office/`. Communes are real Isère communes; every
mayor, secretary, citizen, company, association and all texts are invented (CC0 1.0). Phone numbers
use the 04 65 71 xx xx / 06 39 98 xx xx ranges reserved for fiction, IP addresses the documentation
ranges; most organisation domains are invented (many end in `-exemple`).

## Files

- `messages/NNN-slug.eml` — {len(ALL)} messages, numbered by date (2026-01 … 2026-10), each with a
  Date and (except {len(nomid)}) a unique Message-ID. CRLF line endings except {len(lf)} files that use
  LF only (each file is consistent). Encodings: quoted-printable ({fmts['quoted-printable']}), base64
  ({fmts['base64']}), ISO-8859-1 ({fmts['ISO-8859-1']}), windows-1252 ({fmts['windows-1252']}),
  multipart/alternative ({fmts['multipart/alternative']}), HTML only ({fmts['HTML only']}), attachments
  ({fmts['multipart/mixed (attachments)']}: small PDFs, PNGs, an .ics), multipart/report ({fmts['multipart/report']}).
  Size {res['total'] / 1e6:.1f} MB.
- `labels.csv` — `file,kind,case,outgoing,note` (comma-separated, UTF-8), one row per message.

## Labels

- `kind` — the truth: `personal`, `auto_reply` (out-of-office, vacation responders, automatic
  acknowledgements), `bulk` (newsletters, mailing lists, press releases), `bounce` (DSNs, NDRs and
  plain-text delivery failures, including a delay warning) or `spam` (what a reader would call spam;
  all carry our MX's `X-Spam-Flag: YES` and/or `X-Spam-Status: Yes`).
- `case` — a label shared by every message of one request case; empty for every non-personal
  message. Labels follow these rules, in order:
  1. `In-Reply-To`/`References` pointing at a message already in a case → same case;
  2. a quoted header block in the body (« De : … Envoyé : … À : … Objet : … », « From: … Sent: … »,
     « Le … a écrit : », Zimbra « ----- Mail original ----- », Samsung/Gmail forward blocks) whose
     sender and subject match a message of an open case → same case;
  3. same correspondent (same sender address; for the website form relayed by
     `noreply@senateur-exemple.fr`, the citizen in `Reply-To`) + same normalised subject (without
     `RE:`, `Re :`, `TR:`, `Fwd:`, `Réf :`, `AW:`, `WG:`, `[tags]`, case and accents) within 60 days
     → same case;
  otherwise a new case. The office's own messages join the case of the message they answer;
  office-initiated messages (an invitation to 13 mayors in Bcc, a letter to a dead address) open their
  own case, and the mayors' answers join it. Campaigns — many different senders sending nearly the
  same text within 30 days — are ONE case.
- `outgoing` — 1 when the office wrote the message (From `permanence@senateur-exemple.fr`), else 0.
- `note` — what the message tests. DSN and plain-text bounces end with `bounce_of=<file>`, the office
  message they return (its Message-ID is in the bounce).

## Counts

- kinds: {", ".join(f"{k} {counts[k]}" for k in ("personal", "auto_reply", "bulk", "bounce", "spam"))}
  (outgoing: {sum(1 for m in ALL if m.outgoing)});
- {len(cases)} distinct case labels; {len(kept)} multi-message cases linked by headers, {len(lost)} cases
  with a continuation whose headers were lost (quoted block or subject only);
- campaigns: {"; ".join(f"`{c}` {camp_cases[c]} messages ({campaign[c]} different senders" + (f" + {camp_cases[c] - campaign[c]} office reply" if camp_cases[c] > campaign[c] else "") + ")" for c in sorted(campaign))};
  three mayors writing about the ZAN in their own words during the motion campaign are separate cases.

## Deliberate oddities

- No Message-ID: {", ".join(f"`{f}`" for f in nomid)}.
- In-Reply-To/References deliberately pointing outside the set: {", ".join(f"`{f}`" for f in dangling)}
  (a 2025 office message, a town hall's internal mail, the office's New Year greeting).
- LF-only files: {", ".join(f"`{f}`" for f in lf)}.

## Hard personal negatives (kind `personal`)

{hard_lines}
"""
    (OUT / "SOURCE.md").write_text(text, encoding="utf-8")


def main() -> int:
    build_kept()
    build_lost()
    build_generic()
    build_bulk()
    build_hard()
    build_campaigns()
    build_office_initiated()
    build_autos()
    build_bounces()
    build_spam()
    finalize()
    blobs = write_all()
    res = validate(blobs)
    cases, kept, lost = stats()
    write_source(res, cases, kept, lost)
    c = res["counts"]
    print(f"{len(ALL)} messages: " + ", ".join(f"{k} {c[k]}" for k in ("personal", "auto_reply", "bulk", "bounce", "spam")))
    print(f"{len(cases)} cases, {len(kept)} header-linked threads, {len(lost)} with lost headers, {len(HARD)} hard negatives, {res['total']} bytes")
    for e in res["errors"]:
        print("ERROR:", e, file=sys.stderr)
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
