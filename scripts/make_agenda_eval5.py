#!/usr/bin/env python3
"""Generate the held-out agenda evaluation set `fixtures/agenda-eval5`.

Written by a helper agent from the issue text and the label spec only (no access to the
extractor code nor to other labelled sets).  Standard library only, deterministic:
fixed seed, fixed dates, no clock.  CC0.

    python3 scripts/make_agenda_eval5.py [OUTDIR]

Writes OUTDIR/cur (Maildir, plus empty new/ and tmp/), OUTDIR/truth.jsonl and OUTDIR/SOURCE.md,
then re-reads every message with Python's email package and checks the labels against the text.
"""
import base64
import datetime as dt
import hashlib
import json
import os
import quopri
import random
import re
import shutil
import sys
import unicodedata
from email import message_from_bytes, policy
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import formataddr, format_datetime

R = random.Random(20250520)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "fixtures", "agenda-eval5")

OFFICE = "permanence@deputee-larrouy-exemple.fr"
OFFICE_TO = [
    formataddr(("Madame la Députée", OFFICE), "utf-8"),
    OFFICE,
    formataddr(("Sophie Larrouy", OFFICE), "utf-8"),
    formataddr(("Permanence parlementaire de Sophie Larrouy", OFFICE), "utf-8"),
    formataddr(("Mme Sophie LARROUY - Députée de la Gironde", OFFICE), "utf-8"),
]

# --------------------------------------------------------------------------------------------
# Gazetteer: real communes, real INSEE codes and postal codes, verified against
# @etalab/decoupage-administratif (data/communes.json, type "commune-actuelle").
# name: (code, postal code, "de" form, "à" form, aliases used in letters)
C = {}
def _c(name, code, cp, de=None, a=None, aliases=()):
    C[name] = dict(name=name, code=code, cp=cp, de=de or f"de {name}", a=a or f"à {name}",
                   aliases=list(aliases))
for _n, _code, _cp in [
    ("Bordeaux", "33063", "33000"), ("Mérignac", "33281", "33700"), ("Pessac", "33318", "33600"),
    ("Talence", "33522", "33400"), ("Gradignan", "33192", "33170"), ("Libourne", "33243", "33500"),
    ("Cenon", "33119", "33150"), ("Lormont", "33249", "33310"), ("Eysines", "33162", "33320"),
    ("Blanquefort", "33056", "33290"), ("Bruges", "33075", "33520"), ("Pauillac", "33314", "33250"),
    ("Langon", "33227", "33210"), ("Cestas", "33122", "33610"), ("Canéjan", "33090", "33610"),
    ("Léognan", "33238", "33850"), ("Floirac", "33167", "33270"), ("Bassens", "33032", "33530"),
    ("Carbon-Blanc", "33096", "33560"), ("Audenge", "33019", "33980"), ("Blaye", "33058", "33390"),
    ("Coutras", "33138", "33230"), ("Bazas", "33036", "33430"), ("Créon", "33140", "33670"),
    ("Hourtin", "33203", "33990"), ("Lacanau", "33214", "33680"), ("Izon", "33207", "33450"),
    ("Podensac", "33327", "33720"), ("Salles", "33498", "33770"), ("Mios", "33284", "33380"),
    ("Biganos", "33051", "33380"), ("Parempuyre", "33312", "33290"), ("Latresne", "33234", "33360"),
    ("Cavignac", "33114", "33620"), ("Monségur", "33289", "33580"), ("Captieux", "33095", "33840"),
    ("Sauternes", "33504", "33210"), ("Cérons", "33120", "33720"), ("Portets", "33334", "33640"),
    ("Martillac", "33274", "33650"), ("Saucats", "33501", "33650"), ("Vayres", "33539", "33870"),
    ("Arcachon", "33009", "33120"), ("Bègles", "33039", "33130"), ("Guîtres", "33198", "33230"),
    ("Gujan-Mestras", "33199", "33470"), ("Belin-Béliet", "33042", "33830"),
    ("Andernos-les-Bains", "33005", "33510"), ("Lège-Cap-Ferret", "33236", "33950"),
    ("Ambarès-et-Lagrave", "33003", "33440"), ("Martignas-sur-Jalle", "33273", "33127"),
    ("Soulac-sur-Mer", "33514", "33780"), ("Castelnau-de-Médoc", "33104", "33480"),
    ("Sauveterre-de-Guyenne", "33506", "33540"), ("Artigues-près-Bordeaux", "33013", "33370"),
    ("Margaux-Cantenac", "33268", "33460"), ("Castillon-la-Bataille", "33108", "33350"),
    ("Lesparre-Médoc", "33240", "33340"),
]:
    _c(_n, _code, _cp)
C["Bordeaux"]["aliases"] = []
C["Mérignac"]["aliases"] = ["Merignac"]
C["Lesparre-Médoc"]["aliases"] = ["Lesparre"]
C["Castillon-la-Bataille"]["aliases"] = ["Castillon"]
_c("Villenave-d'Ornon", "33550", "33140", de="de Villenave-d'Ornon", aliases=["Villenave d'Ornon", "Villenave"])
_c("Saint-Médard-en-Jalles", "33449", "33160", aliases=["St-Médard-en-Jalles", "St Médard en Jalles"])
_c("La Teste-de-Buch", "33529", "33260", de="de La Teste-de-Buch", a="à La Teste-de-Buch", aliases=["La Teste"])
_c("Le Bouscat", "33069", "33110", de="du Bouscat", a="au Bouscat", aliases=["Bouscat"])
_c("Saint-Émilion", "33394", "33330", aliases=["St-Émilion", "St Emilion", "Saint-Emilion"])
_c("Le Haillan", "33200", "33185", de="du Haillan", a="au Haillan", aliases=["Haillan"])
_c("Saint-André-de-Cubzac", "33366", "33240", aliases=["St-André-de-Cubzac"])
_c("Le Taillan-Médoc", "33519", "33320", de="du Taillan-Médoc", a="au Taillan-Médoc", aliases=["Taillan-Médoc"])
_c("Saint-Jean-d'Illac", "33422", "33127", aliases=["St-Jean-d'Illac"])
_c("Sainte-Foy-la-Grande", "33402", "33220", aliases=["Ste-Foy-la-Grande"])
_c("La Réole", "33352", "33190", de="de La Réole", a="à La Réole")
_c("Saint-Loubès", "33433", "33450", aliases=["St-Loubès"])
_c("Le Teich", "33527", "33470", de="du Teich", a="au Teich", aliases=["Teich"])
_c("Saint-Ciers-sur-Gironde", "33389", "33820")
_c("Le Pian-Médoc", "33322", "33290", de="du Pian-Médoc", a="au Pian-Médoc", aliases=["Pian-Médoc"])
_c("Saint-Laurent-Médoc", "33424", "33112")
_c("La Brède", "33213", "33650", de="de La Brède", a="à La Brède")
_c("Saint-Seurin-sur-l'Isle", "33478", "33660")
# outside the département
_c("Paris", "75056", "75007")
_c("Périgueux", "24322", "24000")
_c("Agen", "47001", "47000", de="d'Agen")
_c("Bayonne", "64102", "64100")
_c("Mont-de-Marsan", "40192", "40000")
_c("Arcachon", "33009", "33120", de="d'Arcachon", a="à Arcachon")
_c("Audenge", "33019", "33980", de="d'Audenge")
_c("Eysines", "33162", "33320", de="d'Eysines")
_c("Izon", "33207", "33450", de="d'Izon")
_c("Ambarès-et-Lagrave", "33003", "33440", de="d'Ambarès-et-Lagrave")
_c("Andernos-les-Bains", "33005", "33510", de="d'Andernos-les-Bains")
_c("Artigues-près-Bordeaux", "33013", "33370", de="d'Artigues-près-Bordeaux")

GIRONDE = [n for n in C if C[n]["code"].startswith("33")]
OUTSIDE = ["Paris", "Périgueux", "Agen", "Bayonne", "Mont-de-Marsan"]


def verify_gazetteer():
    """Optional: check the table against the npm package when it is installed."""
    for p in ["/tmp/cog5/node_modules/@etalab/decoupage-administratif/data/communes.json",
              os.path.join(HERE, "..", "node_modules/@etalab/decoupage-administratif/data/communes.json")]:
        if os.path.exists(p):
            data = json.load(open(p, encoding="utf-8"))
            byc = {d["code"]: d for d in data if d.get("type") == "commune-actuelle"}
            for n, c in C.items():
                d = byc.get(c["code"])
                assert d and d["nom"] == n, (n, c["code"])
                assert c["cp"] in d.get("codesPostaux", []), (n, c["cp"])
            return True
    return False

# --------------------------------------------------------------------------------------------
# Dates, times

WD = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MO = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
      "octobre", "novembre", "décembre"]
D = dt.date


def last_sunday(y, m):
    d = (D(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
    while d.weekday() != 6:
        d -= dt.timedelta(days=1)
    return d


def paris_offset(d):
    """Hours east of UTC for a Paris local date (daytime)."""
    return 2 if last_sunday(d.year, 3) <= d < last_sunday(d.year, 10) else 1


def hdr_dt(d, h=None, m=None):
    h = R.randint(7, 21) if h is None else h
    m = R.randint(0, 59) if m is None else m
    tz = dt.timezone(dt.timedelta(hours=paris_offset(d)))
    return dt.datetime(d.year, d.month, d.day, h, m, R.randint(0, 59), tzinfo=tz)


def dnum(d):
    return "1er" if d.day == 1 else str(d.day)


def fdate(d, style, wd=None):
    w = wd or WD[d.weekday()]
    mo = MO[d.month - 1]
    return {
        "full": f"{w} {dnum(d)} {mo} {d.year}",
        "fullcap": f"{w.capitalize()} {dnum(d)} {mo.capitalize()} {d.year}",
        "noyear": f"{w} {dnum(d)} {mo}",
        "nowd": f"{dnum(d)} {mo} {d.year}",
        "nowd_noyear": f"{dnum(d)} {mo}",
        "numeric": f"{d:%d/%m/%Y}",
        "numshort": f"{d.day:02d}/{d.month:02d}",
        "numwd": f"{w} {d:%d/%m/%Y}",
        "numwd_short": f"{w} {d.day:02d}/{d.month:02d}",
        "daynum": f"{w} {d.day}",
        "prochain": f"{w} prochain",
        "upper": f"{w.upper()} {dnum(d).upper()} {mo.upper()} {d.year}",
        "dotted": f"{d:%d.%m.%Y}",
    }[style]


def le_date(d, style, wd=None):
    s = fdate(d, style, wd)
    if style == "prochain":
        return s
    return "le " + s


def fh(t, style="h"):
    h, m = t
    if style == "h":
        return f"{h}h{m:02d}" if m else f"{h}h"
    if style == "h00":
        return f"{h}h{m:02d}"
    if style == "hsp":
        return f"{h} h {m:02d}" if m else f"{h} h"
    if style == "colon":
        return f"{h:02d}:{m:02d}"
    if style == "H":
        return f"{h}H{m:02d}" if m else f"{h}H"
    if style == "heures":
        return f"{h} heures {m}" if m else f"{h} heures"
    raise KeyError(style)


def hhmm(t):
    return None if t is None else f"{t[0]:02d}:{t[1]:02d}"


def ftime(start, end, form, style="h"):
    """Returns (text, end_kept)."""
    s = fh(start, style)
    if form == "at":
        if start == (12, 0) and R.random() < 0.5:
            return "à midi", None
        return f"à {s}", None
    if form == "precises":
        return f"à {fh(start, 'heures')} précises", None
    if form == "de_a":
        return f"de {s} à {fh(end, style)}", end
    if form == "dash":
        return f"{s}-{fh(end, style)}", end
    if form == "ndash":
        return f"{s} – {fh(end, style)}", end
    if form == "entre":
        return f"entre {s} et {fh(end, style)}", end
    if form == "apartir":
        return f"à partir de {s}", None
    if form == "des":
        return f"dès {s}", None
    if form == "fin":
        return f"à {s} (fin prévue vers {fh(end, style)})", end
    if form == "comma":
        return s, None
    raise KeyError(form)


def cap(s):
    return s[:1].upper() + s[1:]


def norm(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    return re.sub(r"\s+", " ", s.lower())

# --------------------------------------------------------------------------------------------
# MIME helpers


LATIN1_FIX = str.maketrans({"œ": "oe", "Œ": "OE", "–": "-", "—": "-", "’": "'", "…": "...", "€": "EUR", "\u202f": " "})


def text_part(text, subtype="plain", charset="utf-8", cte=None):
    if charset == "iso-8859-1":
        text = text.translate(LATIN1_FIX)
    raw = text.encode(charset)
    if cte is None:
        cte = "7bit" if all(b < 128 for b in raw) else R.choice(["quoted-printable", "base64"])
    p = MIMENonMultipart("text", subtype, charset=charset)
    if cte == "quoted-printable":
        payload = quopri.encodestring(raw).decode("ascii")
    elif cte == "base64":
        payload = base64.encodebytes(raw).decode("ascii")
    else:
        payload = raw.decode("ascii")
    p.set_payload(payload)
    p["Content-Transfer-Encoding"] = cte
    return p


def to_html(text, fancy=False):
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    paras = esc.split("\n\n")
    out = []
    for para in paras:
        out.append("<p>" + para.replace("\n", "<br>\n") + "</p>")
    style = ' style="font-family:Calibri,Arial,sans-serif;font-size:11pt"' if fancy else ""
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body{style}>\n"
            + "\n".join(out) + "\n</body></html>\n")


def body_parts(text, mode="plain", charset="utf-8", html=None):
    """mode: plain | html | alt"""
    if mode == "plain":
        return text_part(text, "plain", charset)
    if html is None:
        html = to_html(text, fancy=R.random() < 0.5)
        if charset != "utf-8":
            html = html.replace('charset="utf-8"', f'charset="{charset}"')
    if mode == "html":
        return text_part(html, "html", charset)
    alt = MIMEMultipart("alternative")
    alt.attach(text_part(text, "plain", charset))
    alt.attach(text_part(html, "html", charset))
    return alt


def attach_bytes(maintype, subtype, data, filename):
    p = MIMEBase(maintype, subtype, name=filename)
    p.set_payload(base64.encodebytes(data).decode("ascii"))
    p["Content-Transfer-Encoding"] = "base64"
    p["Content-Disposition"] = f'attachment; filename="{filename}"'
    return p


def enc_header(s):
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        return Header(s, "utf-8").encode()


def addr(name, email):
    return formataddr((name, email), "utf-8") if name else email


def finish(msg, frm, to, subject, date, mid, extra=None, cc=None):
    msg["From"] = frm
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = enc_header(subject)
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = mid
    for k, v in (extra or {}).items():
        msg[k] = v
    if "MIME-Version" not in msg:
        msg["MIME-Version"] = "1.0"
    return msg

# --------------------------------------------------------------------------------------------
# PDF cards: one page, Helvetica, WinAnsiEncoding, a text line per item.


def pdf_escape(text):
    out = []
    for b in text.encode("cp1252"):
        if b in (0x28, 0x29, 0x5C):
            out.append("\\" + chr(b))
        elif b < 32 or b > 126:
            out.append("\\%03o" % b)
        else:
            out.append(chr(b))
    return "".join(out)


def make_pdf(lines, title="Invitation"):
    ops = ["BT"]
    y = 790
    for item in lines:
        size, text = item if isinstance(item, tuple) else (12, item)
        if text == "":
            y -= 12
            continue
        x = 297 - int(len(text) * size * 0.25)
        x = max(40, x)
        ops.append(f"/F1 {size} Tf 1 0 0 1 {x} {y} Tm ({pdf_escape(text)}) Tj")
        y -= size + 9
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + pdf_escape(title).encode("ascii") + b") /Producer (make_agenda_eval5) >>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def pdf_text(data):
    """Tiny extractor for the PDFs written above (self-check only)."""
    lines = []
    for m in re.finditer(rb"\(((?:\\.|[^\\)])*)\) Tj", data):
        s = m.group(1)
        out = bytearray()
        i = 0
        while i < len(s):
            if s[i] == 0x5C:
                if s[i + 1:i + 2].isdigit():
                    out.append(int(s[i + 1:i + 4], 8))
                    i += 4
                else:
                    out.append(s[i + 1])
                    i += 2
            else:
                out.append(s[i])
                i += 1
        lines.append(out.decode("cp1252"))
    return "\n".join(lines)

# --------------------------------------------------------------------------------------------
# iCalendar


def ics_escape(s):
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line):
    out, cur, n = [], "", 0
    for ch in line:
        b = len(ch.encode("utf-8"))
        if n + b > 73:
            out.append(cur)
            cur, n = " ", 1
        cur += ch
        n += b
    out.append(cur)
    return "\r\n".join(out)


VTZ = """BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


def ics_dt(d, t, mode):
    if mode == "utc":
        local = dt.datetime(d.year, d.month, d.day, t[0], t[1])
        u = local - dt.timedelta(hours=paris_offset(d))
        return f":{u:%Y%m%dT%H%M%S}Z"
    if mode == "floating":
        return f":{d:%Y%m%dT}{t[0]:02d}{t[1]:02d}00"
    return f";TZID=Europe/Paris:{d:%Y%m%dT}{t[0]:02d}{t[1]:02d}00"


def make_ics(uid, stamp, summary, d, start, end, location, org_name, org_mail, mode="tz",
             method="REQUEST", description=None, end_date=None, prodid=None, status=None, seq=0):
    L = ["BEGIN:VCALENDAR", f"PRODID:{prodid or '-//Microsoft Corporation//Outlook 16.0 MIMEDIR//FR'}",
         "VERSION:2.0", f"METHOD:{method}"]
    if mode == "tz" and start is not None:
        L += VTZ.split("\n")
    L += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp:%Y%m%dT%H%M%S}Z"]
    if start is None:
        L.append(f"DTSTART;VALUE=DATE:{d:%Y%m%d}")
        last = (end_date or d) + dt.timedelta(days=1)
        L.append(f"DTEND;VALUE=DATE:{last:%Y%m%d}")
    else:
        L.append("DTSTART" + ics_dt(d, start, mode))
        if end is not None:
            L.append("DTEND" + ics_dt(end_date or d, end, mode))
    L.append("SUMMARY:" + ics_escape(summary))
    if location:
        L.append("LOCATION:" + ics_escape(location))
    if description:
        L.append("DESCRIPTION:" + ics_escape(description))
    L.append(f"ORGANIZER;CN={org_name}:mailto:{org_mail}")
    L.append(f"ATTENDEE;CN=Sophie Larrouy;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{OFFICE}")
    L.append(f"SEQUENCE:{seq}")
    if status:
        L.append(f"STATUS:{status}")
    L += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(ics_fold(x) for x in L) + "\r\n"


def ics_part(ics, as_attachment, method="REQUEST", filename="invitation.ics"):
    if as_attachment:
        p = MIMEBase("text", "calendar", method=method, charset="utf-8", name=filename)
        p.set_payload(base64.encodebytes(ics.encode("utf-8")).decode("ascii"))
        p["Content-Transfer-Encoding"] = "base64"
        p["Content-Disposition"] = f'attachment; filename="{filename}"'
        return p
    p = MIMENonMultipart("text", "calendar", method=method, charset="utf-8")
    p.set_payload(base64.encodebytes(ics.encode("utf-8")).decode("ascii"))
    p["Content-Transfer-Encoding"] = "base64"
    return p

# --------------------------------------------------------------------------------------------
# People

PRENOMS_H = ["Jean-Marc", "Philippe", "Alain", "Patrick", "Thierry", "Laurent", "Christophe", "Pascal",
             "Éric", "Bernard", "Didier", "Michel", "Olivier", "Stéphane", "Jean-Pierre", "Serge",
             "Frédéric", "Hervé", "Guillaume", "Nicolas", "Julien", "Francis", "Gérard", "Joël"]
PRENOMS_F = ["Isabelle", "Nathalie", "Sylvie", "Catherine", "Christine", "Valérie", "Sandrine",
             "Véronique", "Martine", "Florence", "Céline", "Anne-Marie", "Corinne", "Hélène",
             "Marie-Claude", "Laurence", "Karine", "Émilie", "Brigitte", "Delphine", "Aurélie", "Josiane"]
NOMS = ["Duprat", "Lafargue", "Darriet", "Labat", "Castaing", "Dubos", "Lalanne", "Ducasse", "Barrère",
        "Dupuy", "Lacoste", "Faure", "Bernadet", "Martin", "Bernard", "Dubois", "Moreau", "Laurent",
        "Garcia", "Roux", "Fournier", "Girard", "Mercier", "Lafon", "Dufau", "Cazenave", "Larrieu",
        "Laporte", "Brun", "Gaillard", "Mouton", "Despujols", "Bordes", "Sarrazin", "Lamothe", "Peyrot",
        "Rivière", "Tastet", "Sabourin", "Boyer", "Chaigne", "Ferrand", "Guérin", "Lacaze", "Massé",
        "Pujol", "Arnaud", "Delage", "Courrèges", "Bouchet", "Nadal", "Castets", "Gombeaud", "Ducos"]


def person(sex=None):
    sex = sex or R.choice("HF")
    p = R.choice(PRENOMS_H if sex == "H" else PRENOMS_F)
    return dict(prenom=p, nom=R.choice(NOMS), sex=sex)


def slug(s):
    s = norm(s).replace("'", "-").replace(" ", "-")
    return re.sub(r"[^a-z0-9-]", "", s)


def pmail(p, dom=None):
    dom = dom or R.choice(["orange.fr", "gmail.com", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr",
                           "hotmail.fr", "yahoo.fr", "outlook.fr"])
    f = slug(p["prenom"]).replace("-", "")
    n = slug(p["nom"]).replace("-", "")
    pat = R.choice(["{f}.{n}", "{f}{n}", "{n}.{f}", "{f0}{n}", "{f}.{n}33", "{n}{f0}"])
    return pat.format(f=f, n=n, f0=f[0]) + "@" + dom


def full(p, upper=False):
    return f"{p['prenom']} {p['nom'].upper() if upper else p['nom']}"


def mairie_dom(com):
    return R.choice(["mairie-", "ville-", ""]) + slug(com).replace("-", "") + R.choice([".fr", ".fr", "-gironde.fr"])


def phone():
    return "05 " + " ".join(f"{R.randint(0, 99):02d}" for _ in range(4)).replace("00 ", "10 ", 1)


def phone56():
    return "05 56 " + " ".join(f"{R.randint(10, 99):02d}" for _ in range(3))


def mobile():
    return R.choice(["06", "07"]) + " " + " ".join(f"{R.randint(10, 99):02d}" for _ in range(4))

# --------------------------------------------------------------------------------------------
# Places

def H(bare, a):
    return dict(bare=bare, a=a)

HALLS_GEN = [
    H("salle des fêtes", "à la salle des fêtes"), H("salle polyvalente", "à la salle polyvalente"),
    H("espace culturel", "à l'espace culturel"), H("foyer municipal", "au foyer municipal"),
    H("salle Jean-Moulin", "à la salle Jean-Moulin"), H("salle Simone-Veil", "à la salle Simone-Veil"),
    H("espace Georges-Brassens", "à l'espace Georges-Brassens"), H("hôtel de ville", "à l'hôtel de ville"),
    H("halle du marché", "sous la halle du marché"), H("parc du château", "au parc du château"),
    H("salle du conseil municipal", "en salle du conseil municipal"),
    H("salle des mariages de la mairie", "en salle des mariages de la mairie"),
    H("salle Lucie-Aubrac", "à la salle Lucie-Aubrac"), H("centre culturel", "au centre culturel"),
    H("maison des associations", "à la maison des associations"), H("salle de l'Orangerie", "à la salle de l'Orangerie"),
]
HALLS_SPORT = [H("gymnase municipal", "au gymnase municipal"), H("complexe sportif", "au complexe sportif"),
               H("stade municipal", "au stade municipal"), H("club-house du stade", "au club-house du stade")]
HALLS_CEREMONY = [H("monument aux morts", "au monument aux morts"), H("place de la Mairie", "place de la Mairie"),
                  H("monument aux morts, parvis de l'église", "au monument aux morts, sur le parvis de l'église"),
                  H("square du Souvenir", "au square du Souvenir")]
HALLS_SHOW = [H("théâtre municipal", "au théâtre municipal"), H("salle de spectacle Le Galet", "à la salle de spectacle Le Galet"),
              H("auditorium de l'école de musique", "à l'auditorium de l'école de musique"),
              H("église Saint-Martin", "en l'église Saint-Martin"), H("cinéma municipal", "au cinéma municipal")]

STREETS = ["avenue de la République", "rue Jean-Jaurès", "place de la Mairie", "avenue du Général-de-Gaulle",
           "rue Victor-Hugo", "allée des Platanes", "avenue de Paris", "route de Libourne", "rue de Pessac",
           "avenue de Saint-Médard", "cours du Médoc", "route de Toulouse", "rue d'Arcachon", "chemin de Léognan",
           "avenue de Mérignac", "rue de Bègles", "place du 8-Mai-1945", "rue du 11-Novembre", "avenue Pasteur",
           "rue des Écoles", "route de Bazas", "avenue de Lattre-de-Tassigny", "rue Gambetta",
           "cours de la Libération", "route de Bordeaux", "avenue de Blanquefort", "rue de Langon",
           "chemin de Cadaujac", "allée de Tourny", "rue du Port"]


def street():
    return f"{R.randint(1, 120)} {R.choice(STREETS)}"


def make_place(hall, com, form):
    """Return (text for prose, truth place string, features)."""
    c = C[com]
    st = street()
    cname = c["name"]
    if form == "hall_de":
        return f"{hall['a']} {c['de']}", f"{cap(hall['bare'])}, {cname}", ["place_hall_commune"]
    if form == "hall_comma":
        return f"{hall['a']}, {c['a']}", f"{cap(hall['bare'])}, {cname}", ["place_hall_commune"]
    if form == "hall_paren":
        return f"{hall['a']} ({cname})", f"{cap(hall['bare'])}, {cname}", ["place_hall_commune"]
    if form == "address":
        cn = R.choice([cname, cname, cname.upper(), norm(cname).upper()])
        feats = ["place_address_cp"]
        if re.search(r"de (Paris|Libourne|Pessac|Saint-Médard|Toulouse|Léognan|Mérignac|Bègles|Bazas|Bordeaux|Blanquefort|Langon|Cadaujac)|d'Arcachon", st):
            feats.append("street_named_after_town")
        return (f"{hall['a']}, {st}, {c['cp']} {cn}", f"{cap(hall['bare'])}, {st}, {c['cp']} {cname}", feats)
    if form == "address_only":
        return (f"au {st}, {c['cp']} {cname}" if st[0].isdigit() else f"{st}, {c['cp']} {cname}",
                f"{st}, {c['cp']} {cname}", ["place_address_cp"])
    if form == "implied":
        return f"{hall['a']}", f"{cap(hall['bare'])}, {cname}", ["commune_implied"]
    if form == "com_only":
        return c["a"], cname, ["place_commune_only"]
    raise KeyError(form)


def card_place_lines(hall, com, form):
    c = C[com]
    if form == "lines_cp":
        st = street()
        return [cap(hall["bare"]), st, f"{c['cp']} {c['name']}"], f"{cap(hall['bare'])}, {st}, {c['cp']} {c['name']}"
    if form == "lines_upper":
        return [cap(hall["bare"]), c["name"].upper()], f"{cap(hall['bare'])}, {c['name']}"
    return [f"{cap(hall['bare'])} – {c['name']}"], f"{cap(hall['bare'])}, {c['name']}"


def art(phr, prep):
    """phr starts with an article: l', la, le, les. prep: 'a' or 'de'."""
    for a, A, DE in [("l'", "à l'", "de l'"), ("la ", "à la ", "de la "), ("le ", "au ", "du "),
                     ("les ", "aux ", "des "), ("un ", "à un ", "d'un "), ("une ", "à une ", "d'une ")]:
        if phr.startswith(a):
            return (A if prep == "a" else DE) + phr[len(a):]
    return ("à " if prep == "a" else "de ") + phr

# --------------------------------------------------------------------------------------------
# Kinds of invitations

K = {}
def kind(key, events, orgs, halls, times, rule, contexts, notes=(), cat=None):
    K[key] = dict(key=key, events=events, orgs=orgs, halls=halls, times=times, rule=rule,
                  contexts=contexts, notes=list(notes), cat=cat or key)

kind("inauguration",
     [("l'inauguration de la nouvelle médiathèque", "Inauguration de la médiathèque"),
      ("l'inauguration du groupe scolaire Jules-Ferry", "Inauguration du groupe scolaire"),
      ("l'inauguration de la maison de santé pluriprofessionnelle", "Inauguration de la maison de santé"),
      ("l'inauguration du city-stade", "Inauguration du city-stade"),
      ("l'inauguration de la piste cyclable reliant le bourg à la gare", "Inauguration de la piste cyclable"),
      ("l'inauguration des vestiaires rénovés du stade", "Inauguration des vestiaires"),
      ("l'inauguration de la nouvelle crèche « Les P'tits Loups »", "Inauguration de la crèche"),
      ("l'inauguration de la halle gourmande", "Inauguration de la halle"),
      ("l'inauguration du tiers-lieu", "Inauguration du tiers-lieu"),
      ("l'inauguration de la résidence seniors", "Inauguration de la résidence seniors")],
     ["mairie", "mairie", "mairie", "entreprise"], HALLS_GEN, [(11, 0), (10, 30), (18, 0), (11, 30), (17, 30), (10, 0)],
     "sat_or_fri",
     ["Après de longs mois de chantier, l'équipement est enfin prêt à accueillir le public.",
      "Ce projet, que vous avez soutenu dès son origine, arrive aujourd'hui à son terme.",
      "Cette réalisation a bénéficié du soutien de l'État au titre de la DETR et du Département.",
      "C'est une étape importante pour notre commune et pour ses habitants.",
      "Les travaux se sont achevés dans les délais, et nous tenons à marquer l'événement."],
     ["Un vin d'honneur clôturera la matinée.", "Stationnement réservé aux officiels devant la mairie."])
kind("voeux",
     [("la cérémonie des vœux du maire à la population", "Vœux du maire"),
      ("les vœux de la municipalité", "Vœux de la municipalité"),
      ("la cérémonie des vœux aux forces vives et aux acteurs économiques", "Vœux aux forces vives"),
      ("les vœux du Président de la communauté de communes", "Vœux de la communauté de communes"),
      ("la traditionnelle cérémonie des vœux", "Cérémonie des vœux")],
     ["mairie", "mairie", "mairie"], HALLS_GEN, [(18, 30), (19, 0), (18, 0), (11, 0), (19, 30)], "jan",
     ["À l'aube de cette nouvelle année, je souhaite réunir les habitants, les associations et les acteurs de notre territoire.",
      "Ce moment convivial sera l'occasion de dresser le bilan de l'année écoulée et de présenter nos projets.",
      "Comme chaque année, nous aurons plaisir à partager la galette avec les habitants."],
     ["La cérémonie sera suivie d'un cocktail."])
kind("armistice",
     [("la cérémonie commémorative du 11 Novembre", "Commémoration du 11 Novembre"),
      ("la commémoration de l'Armistice du 11 novembre 1918", "Armistice 1918"),
      ("la cérémonie du 11-Novembre", "Cérémonie du 11-Novembre")],
     ["mairie", "asso_ac"], HALLS_CEREMONY, [(11, 0), (10, 30), (11, 15), (10, 45)], "11-11",
     ["Nous rendrons hommage aux morts pour la France de tous les conflits.",
      "Les enfants des écoles liront les noms des soldats inscrits sur le monument.",
      "Cette année encore, le devoir de mémoire réunira anciens combattants, élus et jeunes générations."],
     ["Dépôt de gerbe par les autorités.", "Port des décorations.", "Les élus sont invités à porter leur écharpe."])
kind("victoire",
     [("la cérémonie commémorative du 8 Mai 1945", "Commémoration du 8 Mai"),
      ("la commémoration de la Victoire du 8 mai 1945", "Victoire 1945"),
      ("la cérémonie du 8-Mai", "Cérémonie du 8-Mai")],
     ["mairie", "asso_ac"], HALLS_CEREMONY, [(11, 0), (10, 30), (11, 30), (10, 0)], "05-08",
     ["Nous célébrerons la victoire des Alliés et la fin de la Seconde Guerre mondiale en Europe.",
      "La population est associée à ce moment de recueillement."],
     ["Dépôt de gerbe.", "Port des décorations.", "Tenue de ville."])
kind("appel18",
     [("la cérémonie commémorative de l'Appel du 18 Juin 1940", "Appel du 18 Juin")],
     ["mairie", "asso_ac"], HALLS_CEREMONY, [(18, 0), (18, 30), (11, 0)], "06-18",
     ["Nous commémorerons l'Appel lancé depuis Londres par le général de Gaulle."], ["Dépôt de gerbe."])
kind("ag",
     [("l'assemblée générale annuelle de notre association", "Assemblée générale"),
      ("notre assemblée générale ordinaire", "AG ordinaire"),
      ("l'assemblée générale de la section locale", "Assemblée générale de la section"),
      ("l'assemblée générale de l'Union départementale", "AG de l'Union départementale")],
     ["asso", "asso", "asso_ac", "asso_sport"], HALLS_GEN, [(14, 30), (18, 30), (10, 0), (9, 30), (15, 0)], "any",
     ["L'année écoulée a été riche pour nos bénévoles et nos adhérents.",
      "Nous ferons le point sur nos actions et sur les difficultés que rencontre notre secteur.",
      "Ce sera l'occasion de vous présenter notre nouveau bureau."],
     ["L'assemblée sera suivie d'un repas.", "Un apéritif clôturera la séance."])
kind("comice",
     [("le comice agricole du canton", "Comice agricole"),
      ("le comice agricole", "Comice agricole"),
      ("la fête du comice agricole", "Comice agricole")],
     ["comice"], [H("site du comice, au parc des sports", "sur le site du comice, au parc des sports"),
                  H("parc des expositions", "au parc des expositions"), H("prairie du Moulin", "à la prairie du Moulin")],
     [(10, 0), (10, 30), (11, 0), (9, 30)], "sep",
     ["Éleveurs, viticulteurs et artisans seront réunis pour présenter le meilleur de notre agriculture.",
      "Le concours de bovins de race bazadaise sera suivi d'une démonstration de chiens de troupeau."],
     ["Inauguration officielle et visite des stands.", "Repas des officiels sous chapiteau."])
kind("congres",
     [("le congrès départemental des maires de la Gironde", "Congrès des maires de la Gironde"),
      ("le congrès annuel des maires et présidents d'intercommunalité de la Gironde", "Congrès des maires"),
      ("l'assemblée générale de l'Association des maires ruraux de la Gironde", "AG des maires ruraux")],
     ["amg"], [H("Palais des congrès", "au Palais des congrès"), H("parc des expositions", "au parc des expositions"),
               H("salle du Vigean", "à la salle du Vigean")], [(9, 0), (8, 30), (9, 30)], "oct",
     ["Les élus locaux y débattront des finances des collectivités et de la ruralité.",
      "Nos travaux porteront cette année sur l'eau, le logement et la sécurité civile."],
     [])
kind("saintebarbe",
     [("la cérémonie de la Sainte-Barbe", "Sainte-Barbe"),
      ("la Sainte-Barbe de notre centre d'incendie et de secours", "Sainte-Barbe du CIS"),
      ("la célébration de la Sainte-Barbe, patronne des sapeurs-pompiers", "Sainte-Barbe")],
     ["sdis"], [H("centre d'incendie et de secours", "au centre d'incendie et de secours"),
                H("caserne des sapeurs-pompiers", "à la caserne des sapeurs-pompiers")],
     [(17, 0), (18, 0), (10, 30), (11, 0), (17, 30)], "dec",
     ["Nous honorerons l'engagement des sapeurs-pompiers volontaires et professionnels du centre.",
      "Cette cérémonie sera marquée par des remises de galons, de médailles et de diplômes.",
      "L'année a été marquée par les feux de forêt de l'été et une activité opérationnelle en hausse."],
     ["Revue des personnels et remise de médailles.", "Tenue de ville.", "Un pot de l'amitié suivra."])
kind("medailles",
     [("la cérémonie de remise des médailles d'honneur du travail", "Médailles du travail"),
      ("la remise des insignes de chevalier de l'ordre national du Mérite à M. Lafargue", "Remise de l'ordre national du Mérite"),
      ("la remise de la médaille de la famille", "Médaille de la famille"),
      ("la cérémonie de remise des médailles de la jeunesse, des sports et de l'engagement associatif", "Médailles JSEA"),
      ("la cérémonie d'accueil dans la citoyenneté française", "Cérémonie de naturalisation")],
     ["mairie", "etat", "mairie"], HALLS_GEN, [(18, 0), (18, 30), (11, 0), (17, 0)], "any",
     ["Plusieurs habitants seront distingués pour leur engagement au service des autres.",
      "Votre présence honorerait les récipiendaires et leurs familles."],
     ["Port des décorations.", "Tenue de ville."])
kind("portesouvertes",
     [("la journée portes ouvertes du lycée professionnel", "Portes ouvertes du lycée"),
      ("les portes ouvertes de notre site de production", "Portes ouvertes de l'usine"),
      ("la journée portes ouvertes du centre de secours", "Portes ouvertes du CIS"),
      ("les portes ouvertes de l'IME", "Portes ouvertes de l'IME")],
     ["ecole", "entreprise", "asso"], [H("site", "sur le site"), H("établissement", "dans l'établissement")],
     [(9, 0), (10, 0), (14, 0), (9, 30)], "sat",
     ["Élèves et enseignants présenteront les formations et les plateaux techniques.",
      "Nous serions heureux de vous faire découvrir nos métiers et nos projets de recrutement."],
     [])
kind("fete",
     [("la fête locale", "Fête locale"), ("la fête de quartier", "Fête de quartier"),
      ("la fête des vendanges", "Fête des vendanges"), ("la fête du port", "Fête du port"),
      ("la fête de l'huître", "Fête de l'huître"), ("la fête du vin nouveau", "Fête du vin nouveau"),
      ("le repas annuel des aînés", "Repas des aînés"), ("la fête de la Bastide", "Fête de la Bastide")],
     ["mairie", "asso"], HALLS_GEN, [(19, 0), (11, 0), (12, 0), (18, 30), (20, 0)], "sat",
     ["Cette fête réunit chaque année plusieurs milliers de visiteurs.",
      "Bénévoles et commerçants se mobilisent depuis des semaines.",
      "C'est le grand rendez-vous populaire de la commune."],
     ["Le verre de l'amitié sera servi à l'issue de l'ouverture officielle."])
kind("salon",
     [("l'inauguration du salon de l'habitat et de l'artisanat", "Salon de l'habitat"),
      ("l'ouverture officielle du salon du livre jeunesse", "Salon du livre jeunesse"),
      ("le salon des métiers et de l'apprentissage", "Salon des métiers"),
      ("le salon des vins et de la gastronomie", "Salon des vins")],
     ["mairie", "cci", "asso"], [H("parc des expositions", "au parc des expositions"), H("salle polyvalente", "à la salle polyvalente"),
                                 H("halle des sports", "à la halle des sports")], [(10, 0), (11, 0), (18, 0), (10, 30)], "sat",
     ["Plus de quatre-vingts exposants sont attendus.", "Le salon accueille chaque année un public nombreux."],
     [])
kind("jumelage",
     [("la célébration du 30e anniversaire de notre jumelage", "30 ans du jumelage"),
      ("la réception de la délégation de notre ville jumelle", "Réception de la délégation jumelle"),
      ("la signature de la charte de jumelage", "Signature de la charte de jumelage")],
     ["mairie", "asso_jum"], HALLS_GEN, [(11, 0), (18, 30), (17, 0)], "sat",
     ["Une délégation d'une quarantaine de personnes sera accueillie par les familles.",
      "Ces échanges font vivre l'amitié européenne depuis des années."],
     [])
kind("spectacle",
     [("le gala de fin d'année de l'école de danse", "Gala de danse"), ("le concert de printemps de l'harmonie", "Concert de l'harmonie"),
      ("la représentation théâtrale des ateliers seniors", "Théâtre des seniors"),
      ("le spectacle de Noël des écoles", "Spectacle de Noël"), ("le concert caritatif au profit du Téléthon", "Concert du Téléthon")],
     ["asso", "asso", "mairie"], HALLS_SHOW, [(20, 30), (20, 0), (15, 0), (18, 0), (20, 45)], "sat",
     ["Nos musiciens préparent ce rendez-vous depuis le mois de septembre.",
      "Toute la recette sera reversée à l'association."],
     [])
kind("premierepierre",
     [("la pose de la première pierre du futur collège", "Première pierre du collège"),
      ("la pose de la première pierre de la future gendarmerie", "Première pierre de la gendarmerie"),
      ("la pose de la première pierre des logements sociaux de la ZAC", "Première pierre des logements")],
     ["mairie", "bailleur"], [H("chantier, entrée rue des Écoles", "sur le chantier, entrée rue des Écoles"),
                              H("terrain du futur équipement", "sur le terrain du futur équipement")],
     [(11, 0), (10, 30), (15, 0)], "wd",
     ["Ce chantier de dix-huit mois marque une étape attendue par les familles."], ["Chaussures adaptées conseillées."])
kind("forum",
     [("le forum des associations", "Forum des associations"), ("le forum de l'emploi saisonnier", "Forum emploi"),
      ("les Assises de la ruralité", "Assises de la ruralité")],
     ["mairie", "mairie"], HALLS_GEN + HALLS_SPORT, [(9, 30), (10, 0), (14, 0)], "sat",
     ["Une cinquantaine de structures tiendront un stand."], [])
kind("anniversaire",
     [("la célébration des 50 ans de notre club", "50 ans du club"), ("les 20 ans de l'association", "20 ans de l'association"),
      ("le centenaire de notre société musicale", "Centenaire de la société musicale")],
     ["asso_sport", "asso"], HALLS_GEN + HALLS_SPORT, [(18, 0), (11, 0), (19, 0)], "sat",
     ["Anciens joueurs, dirigeants et bénévoles seront réunis pour l'occasion."], [])
kind("vernissage",
     [("le vernissage de l'exposition « Regards sur l'estuaire »", "Vernissage de l'exposition"),
      ("le vernissage de l'exposition consacrée aux cent ans de l'école", "Vernissage")],
     ["mairie", "asso"], HALLS_GEN, [(18, 30), (18, 0), (19, 0)], "fri",
     ["L'exposition restera ouverte au public pendant trois semaines."], [])
kind("souvenir_deportation",
     [("la Journée nationale du souvenir des victimes et héros de la Déportation", "Souvenir de la Déportation")],
     ["mairie", "asso_ac"], HALLS_CEREMONY, [(11, 0), (10, 30)], "lastsunapr", ["Nous nous recueillerons devant la stèle."],
     ["Dépôt de gerbe."])

# organisers

ASSO_NAMES = {
    "asso": ["Comité des fêtes {de}", "Association Les Amis du patrimoine {de}", "Harmonie municipale {de}",
             "Club des aînés {de}", "Association des commerçants {de}", "Association Culture et Loisirs {de}",
             "École de danse {de}", "Foyer rural {de}", "Association des parents d'élèves {de}"],
    "asso_ac": ["UNC – section {de}", "Comité FNACA {de}", "Amicale des anciens combattants {de}",
                "Le Souvenir français – comité {de}"],
    "asso_sport": ["Union sportive {de} rugby", "Football club {de}", "Tennis club {de}", "Judo club {de}",
                   "Entente cycliste {de}"],
    "asso_jum": ["Comité de jumelage {de}", "Association {de} – Europe jumelages"],
}


def make_org(otype, com):
    c = C[com]
    p = person()
    if otype == "mairie":
        long = R.choice([f"Mairie {c['de']}", f"Ville {c['de']}", f"Commune {c['de']}"])
        maire = "Maire" if p["sex"] == "H" else R.choice(["Maire", "Maire"])
        title = f"{maire} {c['de']}"
        dom = mairie_dom(com)
        box = R.choice(["cabinet", "protocole", "secretariat.maire", "accueil", "cabinet.maire"])
        sec = person("F")
        sender = R.choice([("maire", full(p), f"{slug(p['prenom'])}.{slug(p['nom'])}@{dom}"),
                           ("cab", f"Cabinet du Maire {c['de']}", f"{box}@{dom}"),
                           ("sec", full(sec), f"{box}@{dom}")])
        return dict(type=otype, long=long, person=p, title=title, dom=dom, sender=sender, secretary=sec,
                    subject=R.choice([f"Le Maire {c['de']}", f"{p['prenom']} {p['nom']}, Maire {c['de']},",
                                      f"La Municipalité {c['de']}", f"Le Maire et le Conseil municipal {c['de']}"]),
                    organiser=f"{long} – {full(p)}, maire", com=com)
    if otype in ASSO_NAMES:
        long = R.choice(ASSO_NAMES[otype]).format(de=c["de"])
        role = R.choice(["Président", "Présidente"]) if True else ""
        role = "Président" if p["sex"] == "H" else "Présidente"
        mail = pmail(p)
        return dict(type=otype, long=long, person=p, title=f"{role} – {long}", dom=mail.split("@")[1],
                    sender=("pres", full(p), mail), subject=R.choice([long, f"Le bureau de l'association", f"Le conseil d'administration"]),
                    organiser=f"{long} – {full(p)}, {role.lower()}", com=com)
    if otype == "sdis":
        grade = R.choice(["Capitaine", "Lieutenant", "Commandant", "Adjudant-chef"])
        long = f"Centre d'incendie et de secours {c['de']}"
        mail = f"{slug(p['prenom'])}.{slug(p['nom'])}@sdis33.fr"
        return dict(type=otype, long=long, person=p, title=f"{grade} {p['nom'].upper()}, chef du centre d'incendie et de secours {c['de']}",
                    dom="sdis33.fr", sender=("chef", f"{grade} {full(p)}", mail),
                    subject=R.choice([f"Le chef de centre et les sapeurs-pompiers {c['de']}", "L'Amicale des sapeurs-pompiers et le chef de centre"]),
                    organiser=f"{long} – {grade.lower()} {full(p)}", com=com)
    if otype == "comice":
        long = f"Comice agricole {c['de']}"
        mail = pmail(p)
        return dict(type=otype, long=long, person=p, title=f"Président du Comice agricole {c['de']}", dom=mail.split("@")[1],
                    sender=("pres", full(p), mail), subject=f"Le Comité d'organisation du comice agricole",
                    organiser=f"{long} – {full(p)}", com=com)
    if otype == "amg":
        long = R.choice(["Association des maires de la Gironde", "Association des maires ruraux de la Gironde"])
        return dict(type=otype, long=long, person=p, title=f"{'Président' if p['sex'] == 'H' else 'Présidente'}, {long}",
                    dom="maires33-exemple.fr", sender=("amg", long, "contact@maires33-exemple.fr"),
                    subject=f"Le Président et le Conseil d'administration de l'{long[0].lower()}{long[1:]}" if long.startswith("A") else long,
                    organiser=f"{long} – {full(p)}", com=com)
    if otype == "etat":
        long = R.choice(["Sous-préfecture de Libourne", "Sous-préfecture de Langon", "Préfecture de la Gironde"])
        dom = "gironde.gouv.fr"
        return dict(type=otype, long=long, person=p, title=R.choice(["Le Sous-Préfet", "La Sous-Préfète", "Le Directeur de cabinet"]),
                    dom=dom, sender=("bcp", "Bureau du cabinet et du protocole", "pref-protocole@gironde.gouv.fr"),
                    subject=f"{'La Sous-Préfète' if p['sex']=='F' else 'Le Sous-Préfet'}", organiser=f"{long} – bureau du protocole", com=com)
    if otype == "entreprise":
        long = R.choice(["Aquitaine Composites", "Gironde Emballages", "Menuiseries Duprat & Fils", "Océane Biotech",
                         "Transports Castaing", "Vignobles Lafon", "Atelier Mécanique du Médoc", "SudOuest Logistique"])
        role = R.choice(["Directeur général", "Président", "Directeur du site", "Gérant"] if p["sex"] == "H" else
                        ["Directrice générale", "Présidente", "Directrice du site", "Gérante"])
        mail = f"{slug(p['prenom'])}.{slug(p['nom'])}@{slug(long).replace('-', '')}.fr"
        return dict(type=otype, long=long, person=p, title=f"{role}, {long}", dom=mail.split("@")[1],
                    sender=("dg", full(p), mail), subject=f"La direction de {long}", organiser=f"{long} – {full(p)}, {role.lower()}", com=com)
    if otype == "ecole":
        long = R.choice([f"Lycée professionnel Jean-Monnet", f"Lycée des métiers de l'hôtellerie", "Collège Montesquieu",
                         "Lycée agricole", "Maison familiale rurale"]) + f" {c['de']}"
        mail = f"ce.0330{R.randint(100, 999)}x@ac-bordeaux.fr"
        return dict(type=otype, long=long, person=p, title=f"{'Proviseur' if p['sex']=='H' else 'Proviseure'}, {long}", dom="ac-bordeaux.fr",
                    sender=("pro", full(p), mail), subject=f"Le proviseur, l'équipe pédagogique et les élèves", organiser=f"{long} – {full(p)}", com=com)
    if otype == "cci":
        long = "CCI Bordeaux Gironde"
        return dict(type=otype, long=long, person=p, title=f"Président, {long}", dom="bordeauxgironde.cci.fr",
                    sender=("cci", "CCI Bordeaux Gironde – Protocole", "protocole@bordeauxgironde-cci-exemple.fr"),
                    subject="Le Président de la CCI Bordeaux Gironde", organiser=f"{long} – {full(p)}", com=com)
    if otype == "bailleur":
        long = R.choice(["Gironde Habitat", "Domofrance", "Aquitanis"])
        mail = f"communication@{slug(long).replace('-', '')}-exemple.fr"
        return dict(type=otype, long=long, person=p, title=f"Directeur général, {long}", dom=mail.split("@")[1],
                    sender=("bail", f"{long} – Communication", mail), subject=f"{long} et la commune", organiser=f"{long} – {full(p)}", com=com)
    raise KeyError(otype)


def signature(org, com_in_sig=True):
    p = org["person"]
    c = C[org["com"]]
    t = org["type"]
    lines = []
    if t == "mairie":
        lines = R.choice([
            [full(p), f"Maire {c['de']}"],
            [f"{full(p, True)}", f"Maire {c['de']}", f"Conseiller départemental" if p["sex"] == "H" else "Conseillère départementale"],
            [f"Le Maire,", full(p)] + ([f"Hôtel de ville – {c['cp']} {c['name']}"] if com_in_sig else []),
            [full(p), f"Maire {c['de']}", f"Tél. {phone56()}"],
        ])
        if org["sender"][0] == "sec":
            lines = [full(org["secretary"]), f"Secrétariat du Maire", f"Mairie {c['de']}", f"{phone56()}"]
        elif org["sender"][0] == "cab":
            lines = R.choice([[f"Cabinet du Maire", f"Mairie {c['de']}", phone56()],
                              [f"Le Cabinet du Maire {c['de']}"]])
    elif t in ASSO_NAMES or t == "comice":
        role = "Le Président" if p["sex"] == "H" else "La Présidente"
        lines = R.choice([[role, full(p), org["long"]],
                          [full(p), role[3:], org["long"], mobile()],
                          [f"{full(p)} – {role[3:].lower()}", org["long"], f"{street()}, {c['cp']} {c['name']}"]])
    elif t == "sdis":
        lines = [org["sender"][1], f"Chef du centre d'incendie et de secours {c['de']}", "SDIS de la Gironde"]
    elif t == "entreprise":
        lines = [full(p), org["title"], f"ZA du Pont, {c['cp']} {c['name']}", phone56()]
    elif t == "ecole":
        lines = [full(p), org["title"]]
    elif t == "etat":
        lines = ["Bureau du cabinet et du protocole", org["long"]]
    elif t == "amg":
        lines = [full(p), org["title"]]
    elif t == "cci":
        lines = ["Service Protocole", "CCI Bordeaux Gironde", "17 place de la Bourse – 33076 Bordeaux Cedex"]
    elif t == "bailleur":
        lines = ["Direction de la communication", org["long"]]
    return "\n".join(lines)


def sig_has_commune(org):
    return norm(C[org["com"]]["name"]) in norm(signature_cache.get(id(org), ""))

signature_cache = {}


EVT_BY = {
    ("inauguration", "entreprise"): [("l'inauguration de notre nouvelle unité de production", "Inauguration de l'unité de production"),
                                     ("l'inauguration de nos nouveaux locaux", "Inauguration des nouveaux locaux"),
                                     ("l'inauguration de notre plateforme logistique", "Inauguration de la plateforme logistique")],
    ("portesouvertes", "ecole"): [("la journée portes ouvertes de l'établissement", "Portes ouvertes du lycée"),
                                  ("les portes ouvertes de notre lycée", "Portes ouvertes du lycée")],
    ("portesouvertes", "entreprise"): [("les portes ouvertes de notre site de production", "Portes ouvertes de l'usine"),
                                       ("la journée découverte de nos métiers", "Journée découverte des métiers")],
    ("portesouvertes", "asso"): [("les portes ouvertes de l'IME", "Portes ouvertes de l'IME"),
                                 ("la journée portes ouvertes de notre foyer d'accueil", "Portes ouvertes du foyer")],
    ("anniversaire", "asso"): [("la célébration des 20 ans de l'association", "20 ans de l'association"),
                               ("les 40 ans de notre association", "40 ans de l'association")],
    ("anniversaire", "asso_sport"): [("la célébration des 50 ans de notre club", "50 ans du club"), ("le centenaire du club", "Centenaire du club")],
    ("premierepierre", "bailleur"): [("la pose de la première pierre de la résidence « Les Jardins de l'Estey »", "Première pierre de la résidence"),
                                     ("la pose de la première pierre des logements sociaux de la ZAC", "Première pierre des logements")],
    ("premierepierre", "mairie"): [("la pose de la première pierre du futur collège", "Première pierre du collège"),
                                   ("la pose de la première pierre de la future gendarmerie", "Première pierre de la gendarmerie")],
    ("salon", "cci"): [("l'inauguration du salon des métiers et de l'apprentissage", "Salon des métiers")],
    ("medailles", "etat"): [("la cérémonie d'accueil dans la citoyenneté française", "Cérémonie de naturalisation"),
                            ("la cérémonie de remise des médailles d'honneur agricoles", "Médailles agricoles")],
    ("ag", "asso_ac"): [("l'assemblée générale de notre section", "Assemblée générale de la section"),
                        ("notre assemblée générale annuelle", "Assemblée générale")],
    ("ag", "asso_sport"): [("l'assemblée générale du club", "AG du club")],
}

NEIGHBOURS = [("Cestas", "Canéjan"), ("Le Bouscat", "Bordeaux"), ("Bègles", "Villenave-d'Ornon"), ("Cenon", "Lormont"),
              ("Eysines", "Le Haillan"), ("Gujan-Mestras", "Le Teich"), ("Biganos", "Audenge"), ("Izon", "Vayres"),
              ("Blanquefort", "Parempuyre"), ("Martillac", "La Brède"), ("Saucats", "La Brède"), ("Langon", "Sauternes"),
              ("Podensac", "Cérons"), ("Talence", "Pessac"), ("Mérignac", "Saint-Jean-d'Illac"), ("Libourne", "Saint-Émilion"),
              ("Pauillac", "Saint-Laurent-Médoc"), ("Floirac", "Bordeaux"), ("Le Pian-Médoc", "Blanquefort"), ("Arcachon", "La Teste-de-Buch")]

# --------------------------------------------------------------------------------------------
# Invitations

LO, HI = D(2025, 1, 3), D(2027, 12, 28)


def shift_to(d, wds):
    while d.weekday() not in wds:
        d += dt.timedelta(days=1)
    return d


def pick_event_date(rule):
    while True:
        y = R.choice([2025, 2026, 2027, 2026, 2027])
        if rule == "11-11":
            d = D(y, 11, 11)
        elif rule == "05-08":
            d = D(y, 5, 8)
        elif rule == "06-18":
            d = D(y, 6, 18)
        elif rule == "lastsunapr":
            d = last_sunday(y, 4)
        elif rule == "jan":
            d = shift_to(D(y, 1, R.randint(6, 22)), [3, 4, 5])
        elif rule == "dec":
            d = shift_to(D(y, 11, R.randint(28, 30)) + dt.timedelta(days=R.randint(0, 10)), [4, 5, 6])
        elif rule == "sep":
            d = shift_to(D(y, 8, R.randint(20, 31)) + dt.timedelta(days=R.randint(0, 20)), [5])
        elif rule == "oct":
            d = shift_to(D(y, 10, R.randint(1, 25)), [3, 4])
        else:
            d = D(2025, 2, 10) + dt.timedelta(days=R.randint(0, 1000))
            wds = {"sat": [5], "fri": [4], "sun": [6], "wd": [0, 1, 2, 3, 4], "sat_or_fri": [4, 5],
                   "any": [0, 1, 2, 3, 4, 5, 6]}[rule]
            d = shift_to(d, wds)
        if D(2025, 2, 1) <= d <= D(2027, 12, 31):
            return d


def pick_header_date(ev, dstyle):
    for _ in range(200):
        if dstyle == "prochain":
            off = ev.weekday() - R.choice([0, 1])
        elif dstyle == "daynum":
            off = R.randint(3, 24)
        else:
            off = R.choice([R.randint(6, 30), R.randint(10, 60), R.randint(20, 120), R.randint(30, 200)])
        h = ev - dt.timedelta(days=off)
        if LO <= h <= HI and off >= 1:
            return h
    raise RuntimeError("no header date")


def add_time(t, minutes):
    m = t[0] * 60 + t[1] + minutes
    return (m // 60, m % 60)


PROTO = re.compile(r"gerbe|décoration|tenue|écharpe|chaussures", re.I)

SAL_FORMAL = ["Madame la Députée,", "Madame la Députée,", "Madame la Députée, chère Sophie,",
              "Madame la Députée,\nChère Madame,", "Madame,", "Madame la Députée de la Gironde,",
              "Madame Sophie Larrouy,\nDéputée de la Gironde,", "Madame la Députée, Chère Amie,"]
SAL_SEC = ["Bonjour,", "Bonjour Madame,", "Madame, Monsieur,", "Bonjour à l'équipe de la permanence,"]
SAL_TU = ["Chère Sophie,", "Salut Sophie !", "Bonjour Sophie,", "Sophie,", "Coucou Sophie,"]

INV_FORMAL = [
    "{Subj} a le plaisir de vous inviter {a_evt}, qui se déroulera {when} {where}.",
    "J'ai l'honneur de vous convier {a_evt}, {when}, {where}.",
    "Je serais très honoré{e} de votre présence {a_evt}, {when} {where}.",
    "Nous serions honorés de vous compter parmi nous lors {de_evt}, {when} {where}.",
    "Aussi ai-je le plaisir de vous inviter {a_evt}, qui aura lieu {when} {where}.",
    "C'est avec un grand plaisir que nous vous convions {a_evt}, {where}, {when}.",
    "Je vous prie de bien vouloir nous faire l'honneur de votre présence {a_evt}, prévue {when} {where}.",
    "Vous êtes cordialement invitée {a_evt}, {when}, {where}.",
    "Il me serait particulièrement agréable de vous accueillir {where} {when} pour {evt}.",
    "Je me permets de vous solliciter afin que vous honoriez de votre présence {evt}, {when} {where}.",
    "Nous souhaiterions vivement que vous puissiez assister {a_evt}, {when} {where}.",
    "Votre présence {a_evt}, {when} {where}, serait pour nous un grand honneur.",
    "{Subj} vous prie de lui faire l'honneur d'assister {a_evt} {when} {where}.",
    "Accepteriez-vous de vous joindre à nous {when} {where} pour {evt} ?",
    "Nous aurions grand plaisir à vous accueillir {where} {when}, à l'occasion {de_evt}.",
    "{Subj} vous convie {a_evt} {when}, {where}.",
    "Nous comptons sur votre présence {a_evt} {when} {where}.",
    "J'ai le plaisir de vous faire part de l'organisation {de_evt} {when} {where} et serais heureux de vous y accueillir.",
    "Dans ce cadre, {subj} serait honoré de votre présence {when} {where}, pour {evt}.",
    "Je tenais à vous associer personnellement {a_evt}, {when} {where}.",
]
INV_SEC = [
    "De la part de {signer}, je vous transmets son invitation {a_evt} {when} {where}.",
    "{Signer} souhaite vous inviter {a_evt} ; l'événement aura lieu {when} {where}.",
    "Je vous écris au nom de {signer}, qui serait ravi{e} que Mme la Députée puisse assister {a_evt} {when} {where}.",
    "Pourriez-vous transmettre à Mme Larrouy l'invitation de {signer} {a_evt}, {when} {where} ?",
]
INV_TU = [
    "Je me permets de t'inviter {a_evt} : c'est {when} {where}.",
    "On serait vraiment contents de te voir {a_evt}, {when} {where}.",
    "Tu es bien sûr la bienvenue {a_evt} {when}, {where} — ça nous ferait très plaisir.",
    "Petit mot pour te dire qu'on compte sur toi pour {evt}, {when} {where} !",
    "Comme promis au marché l'autre jour, je t'envoie l'invitation : {evt}, {when} {where}. Passe quand tu veux, même en coup de vent.",
]
CLOSE_FORMAL = [
    "Je vous prie d'agréer, Madame la Députée, l'expression de ma haute considération.",
    "Veuillez agréer, Madame la Députée, l'assurance de mes sentiments respectueux.",
    "Dans l'attente du plaisir de vous accueillir, je vous prie de croire, Madame la Députée, en l'expression de mes salutations distinguées.",
    "Dans l'attente du plaisir de vous accueillir, veuillez recevoir, Madame la Députée, mes respectueuses salutations.",
    "Avec mes remerciements anticipés, je vous prie d'agréer, Madame, mes salutations les meilleures.",
    "Espérant vivement vous compter parmi nous, je vous adresse mes cordiales salutations.",
    "Bien respectueusement,", "Respectueusement,", "Avec mes sentiments les plus cordiaux,",
    "Je vous prie de croire, Madame la Députée, à l'assurance de ma considération distinguée.",
]
CLOSE_SEC = ["Bien cordialement,", "Cordialement,", "Belle journée,", "Bien à vous,", "Très cordialement,"]
CLOSE_TU = ["Bises,", "Amitiés,", "À très vite !", "Bien à toi,", "Je t'embrasse,", "Amicalement,"]

DSTYLES = ["full", "full", "full", "noyear", "noyear", "nowd", "numeric", "numshort", "numwd", "fullcap",
           "nowd_noyear", "daynum", "prochain", "numwd_short", "full", "noyear"]
TFORMS = ["at", "at", "at", "at", "precises", "de_a", "dash", "entre", "apartir", "des", "fin", "comma", "ndash"]
TSTYLES = ["h", "h", "h00", "hsp", "colon", "H", "heures", "h"]
PFORMS = ["hall_de", "hall_de", "hall_comma", "hall_paren", "address", "address", "implied", "com_only"]


def when_text(d, dstyle, start, end, tform, tstyle, wd=None):
    ds = le_date(d, dstyle, wd)
    if start is None:
        return ds, None
    ts, end_kept = ftime(start, end, tform, tstyle)
    if tform in ("dash", "ndash", "comma"):
        return f"{ds}, {ts}", end_kept
    return f"{ds} {ts}", end_kept


def rsvp_text(ev_date, hdr_date, org, reg):
    if R.random() < 0.35:
        return None, None, None
    by = ev_date - dt.timedelta(days=R.randint(4, 15))
    if by <= hdr_date:
        by = None
    contact = R.choice([f"{org['sender'][2]}", phone56(), f"{full(person('F'))} au {phone56()}"] +
                       ([f"protocole@{org['dom']}"] if org["type"] == "mairie" else []))
    if by is None:
        t = R.choice([f"Merci de bien vouloir confirmer votre présence auprès de {contact}.",
                      f"Réponse souhaitée : {contact}.", f"R.S.V.P. : {contact}"])
    else:
        bs = R.choice([fdate(by, "noyear"), fdate(by, "nowd_noyear"), fdate(by, "numshort"), fdate(by, "full")])
        t = R.choice([f"Merci de confirmer votre présence avant le {bs} auprès de {contact}.",
                      f"R.S.V.P. avant le {bs} : {contact}",
                      f"Réponse souhaitée avant le {bs} ({contact}).",
                      f"Afin de faciliter l'organisation, je vous remercie de nous faire connaître votre réponse avant le {bs}, par courriel à {contact}."
                      if "@" in contact else f"Merci de nous indiquer votre présence d'ici le {bs} au {contact}."])
        if reg == "tu":
            t = f"Dis-moi avant le {bs} si tu peux venir ({contact})."
    return t, (by.isoformat() if by else None), contact


def ev_obj(title, d, start, end, place, code, organiser, rsvp_by=None, rsvp_contact=None, notes=None,
           end_date=None, mismatch=False, ambiguous=False):
    return dict(title=title, date=d.isoformat(), end_date=end_date.isoformat() if end_date else None,
                start=hhmm(start), end=hhmm(end), all_day=(start is None and not ambiguous),
                place=place, commune_code=code, organiser=organiser, rsvp_by=rsvp_by, rsvp_contact=rsvp_contact,
                notes=notes, weekday_mismatch=mismatch, ambiguous=ambiguous)


def choose_commune(org_type):
    if org_type in ("amg",):
        return R.choice(["Bordeaux", "Mérignac", "Libourne", "Langon", "Lacanau"])
    if org_type == "cci":
        return "Bordeaux"
    if org_type == "etat":
        return R.choice(["Libourne", "Langon", "Bordeaux", "Blaye", "Lesparre-Médoc", "Arcachon"])
    return R.choice(GIRONDE)


def programme(kind_key, start, place_where):
    """Returns programme lines (first item = start)."""
    t0 = start
    t1 = add_time(t0, R.choice([15, 20, 30]))
    t2 = add_time(t1, R.choice([15, 30, 45]))
    t3 = add_time(t2, R.choice([30, 45, 60]))
    f = R.choice(["h", "h", "colon", "hsp"])
    sep = R.choice([" : ", " – ", "  ", " > "])
    if kind_key in ("armistice", "victoire", "appel18", "souvenir_deportation"):
        items = [(t0, "Rassemblement des autorités et des porte-drapeaux devant la mairie"), (t1, "Défilé jusqu'au monument aux morts"),
                 (t2, "Lecture des messages officiels, dépôt de gerbes, minute de silence"), (t3, "Vin d'honneur à la salle des fêtes")]
    elif kind_key == "saintebarbe":
        items = [(t0, "Accueil des autorités"), (t1, "Revue des personnels et présentation des engins"),
                 (t2, "Remise de galons et de médailles, allocutions"), (t3, "Verre de l'amitié")]
    elif kind_key == "comice":
        items = [(t0, "Accueil des officiels"), (t1, "Inauguration et visite des stands"),
                 (t2, "Remise des prix du concours"), (t3, "Repas sous chapiteau")]
    else:
        items = [(t0, "Accueil des invités"), (t1, "Visite des lieux"), (t2, "Allocutions et coupure du ruban"), (t3, "Cocktail")]
    return [f"{fh(t, f)}{sep}{txt}" for t, txt in items]


class Ctx:
    pass


def build_inv_prose(x, reg, shape):
    """x: Ctx with kind, org, evt, d, when, where, notes_txt, rsvp_txt, prog (or None). Returns body text."""
    org = x.org
    Subj = org["subject"]
    signer = R.choice(["M. le Maire", "Monsieur le Maire", f"M. {org['person']['nom']}"]) if org["person"]["sex"] == "H" \
        else R.choice(["Mme la Maire", "Madame le Maire", f"Mme {org['person']['nom']}"])
    if org["type"] != "mairie":
        signer = f"{'M.' if org['person']['sex']=='H' else 'Mme'} {full(org['person'])}"
    fmt = dict(Subj=Subj, subj=Subj[0].lower() + Subj[1:] if Subj.startswith(("Le ", "La ", "L'")) else Subj,
               a_evt=art(x.evt, "a"), de_evt=art(x.evt, "de"), evt=x.evt, when=x.when, where=x.where,
               signer=signer, Signer=signer[0].upper() + signer[1:], e="e" if org["person"]["sex"] == "F" else "")
    parts = []
    if reg == "formal":
        parts.append(R.choice(SAL_FORMAL))
    elif reg == "sec":
        parts.append(R.choice(SAL_SEC))
    else:
        parts.append(R.choice(SAL_TU))
    ctxs = list(x.kind["contexts"])
    R.shuffle(ctxs)
    if shape == "block":
        intro = R.choice([f"{Subj} a le plaisir de vous inviter {art(x.evt, 'a')}." if reg != "tu" else f"Je t'invite {art(x.evt, 'a')} !",
                          f"J'ai l'honneur de vous convier {art(x.evt, 'a')}." if reg != "tu" else f"On organise {x.evt} et tu es invitée.",
                          f"Nous serions heureux de vous accueillir pour {x.evt}."])
        parts.append((ctxs[0] + " " if R.random() < 0.6 else "") + intro)
        parts.append(x.block)
    elif shape == "programme" and x.prog:
        intro = R.choice(INV_FORMAL if reg == "formal" else INV_SEC if reg == "sec" else INV_TU).format(**fmt)
        parts.append(ctxs[0])
        parts.append(intro)
        parts.append(R.choice(["Programme :", "Déroulé de la cérémonie :", "Le programme sera le suivant :", "PROGRAMME"]) + "\n" + "\n".join(x.prog))
    else:
        tmpl = R.choice(INV_FORMAL if reg == "formal" else INV_SEC if reg == "sec" else INV_TU)
        s = tmpl.format(**fmt)
        if R.random() < 0.7:
            parts.append(ctxs[0])
        parts.append(s)
        if len(ctxs) > 1 and R.random() < 0.4:
            parts.append(ctxs[1])
    if x.notes_txt:
        parts.append(x.notes_txt)
    if x.rsvp_txt:
        parts.append(x.rsvp_txt)
    parts.append(R.choice(CLOSE_FORMAL if reg == "formal" else CLOSE_SEC if reg == "sec" else CLOSE_TU))
    parts.append(x.sig)
    return "\n\n".join(parts)


SUBJ_INV = ["Invitation – {t}", "Invitation : {t}", "{t}", "Invitation {t}", "INVITATION – {T}", "{t} – invitation de Mme la Députée",
            "Votre présence {a}", "Invitation", "{t} ({ds})", "Invitation officielle – {t}", "{t} : vous êtes invitée"]


def subj_for(title, d, dstyle):
    s = R.choice(SUBJ_INV)
    ds = fdate(d, "numshort") if dstyle in ("numshort", "numeric", "numwd", "numwd_short") else fdate(d, "nowd_noyear")
    return s.format(t=title, T=title.upper(), a="– " + title, ds=ds)


def card_lines(x, card_date_style=None, card_time=True):
    org = x.org
    lines = [(14, org["long"]), ""]
    plural = " et " in org["subject"]
    verb = R.choice(["ont l'honneur de vous convier", "vous prient de leur faire l'honneur d'assister", "vous invitent"] if plural else
                    ["a le plaisir de vous inviter", "a l'honneur de vous convier", "serait honoré de votre présence", "vous invite"])
    lines += [org["subject"].rstrip(","), verb]
    lines.append(art(x.evt, "a") if not verb.startswith("serait") else art(x.evt, "a"))
    lines.append("")
    ds = fdate(x.d, card_date_style or R.choice(["fullcap", "upper", "full", "numwd"]), x.wd_written)
    if x.start is not None and card_time:
        tl = x.time_card
        if R.random() < 0.5:
            lines.append(f"{ds} à {tl}" if not tl.startswith(("de ", "à ", "dès", "entre")) else f"{ds} {tl}")
        else:
            lines.append(ds)
            lines.append(tl if tl.startswith(("de ", "à ", "dès", "entre")) else f"à {tl}")
    else:
        lines.append(ds)
    lines += x.card_place
    if x.prog_card:
        lines.append("")
        lines += x.prog_card
    if x.notes_txt:
        lines.append("")
        lines.append(x.notes_txt)
    if x.rsvp_txt:
        lines.append("")
        lines.append(x.rsvp_txt)
    return lines


COVER = ["Veuillez trouver ci-joint l'invitation de {who}.", "Madame la Députée,\n\nVous trouverez en pièce jointe notre carton d'invitation.",
         "Bonjour,\n\nci-joint une invitation à l'attention de Mme Larrouy.\n\nCordialement", "Invitation en PJ.",
         "Madame,\n\nJe vous prie de trouver ci-joint le carton d'invitation que {who} m'a chargé de vous adresser.\n\nRespectueusement,",
         "Bonjour,\n\nVeuillez trouver en pièce jointe l'invitation officielle.\n\nBien cordialement,",
         "Madame la Députée,\n\nCi-joint, l'invitation de {who}. Nous espérons vivement vous compter parmi nous.\n\nCordialement,"]


FWD_NOTES = ["Pour info, reçu à la mairie de circonscription.", "Bonjour Claire, invitation reçue sur ma boîte perso, à mettre à l'agenda. Sophie",
             "À caler dans l'agenda si possible.", "Transféré à votre demande.", "Fyi — invitation reçue hier, je n'ai pas encore répondu.",
             "Bonjour,\nJe vous transfère l'invitation ci-dessous que Mme la Députée a reçue sur son adresse de l'Assemblée.\nBonne journée,\nMarion",
             "Vu avec Sophie : elle aimerait y aller. Peux-tu répondre ? Merci, Julien", "Doublon ? Je ne la vois pas dans l'agenda.",
             "Pour l'agenda de la députée. Merci !", "Bonjour Madame, je me permets de vous faire suivre l'invitation de notre maire. Bien à vous."]
STAFF = [("Claire Dufau", "claire.dufau@deputee-larrouy-exemple.fr"), ("Julien Castets", "julien.castets@deputee-larrouy-exemple.fr"),
         ("Marion Lacaze", "marion.lacaze@deputee-larrouy-exemple.fr"), ("Sophie Larrouy", "sophie.larrouy@assemblee-nationale-exemple.fr")]


def fwd_block(style, ofrom, oto, odate, osubj, obody):
    jours = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
    mab = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
    if style == "outlook":
        head = (f"-----Message d'origine-----\nDe : {ofrom}\nEnvoyé : {WD[odate.weekday()]} {odate.day} {MO[odate.month-1]} {odate.year} {odate:%H:%M}\n"
                f"À : {oto}\nObjet : {osubj}")
    elif style == "outlook2":
        head = (f"________________________________\nDe : {ofrom}\nEnvoyé : {odate:%d/%m/%Y %H:%M}\nÀ : {oto}\nObjet : {osubj}")
    elif style == "gmail":
        head = (f"---------- Forwarded message ---------\nDe : {ofrom}\nDate: {jours[odate.weekday()]} {odate.day} {mab[odate.month-1]} {odate.year} à {odate:%H:%M}\n"
                f"Subject: {osubj}\nTo: {oto}")
    elif style == "thunderbird":
        head = (f"-------- Message transféré --------\nSujet : \t{osubj}\nDate : \t{format_datetime(odate)}\nDe : \t{ofrom}\nPour : \t{oto}")
    else:  # apple
        head = (f"Début du message réexpédié :\n\nDe: {ofrom}\nObjet: {osubj}\nDate: {odate.day} {MO[odate.month-1]} {odate.year} à {odate:%H:%M:%S} UTC{odate:%z}"[:-2] +
                f"\nÀ: {oto}")
    if style == "apple":
        head = head.replace("UTC+0", "UTC+").replace("UTC+", "UTC+")
    return head + "\n\n" + obody


def build_invitation(idx, kind_key, source, opts=None):
    o = dict(opts or {})
    k = K[kind_key]
    otype = o.get("otype") or R.choice(k["orgs"])
    sender_com = o.get("sender_com") or choose_commune(otype)
    org = make_org(otype, sender_com)
    ev_com = o.get("ev_com") or sender_com
    feats = []
    if ev_com != sender_com:
        feats.append("commune_differs_from_sender")
    if not C[ev_com]["code"].startswith("33"):
        feats.append("outside_departement")
    evt, title = R.choice(EVT_BY.get((kind_key, otype), k["events"]))
    if "evt" in o:
        evt, title = o["evt"]
    d = o.get("date") or pick_event_date(k["rule"])
    dstyle = o.get("dstyle") or R.choice(DSTYLES)
    if source == "forward" and dstyle == "prochain":
        dstyle = "noyear"
    if dstyle == "prochain" and d.weekday() < 3:
        dstyle = "full"
    hd = o.get("hdr") or pick_header_date(d, dstyle)
    start = o["start"] if "start" in o else R.choice(k["times"])
    tform = o.get("tform") or R.choice(TFORMS)
    tstyle = o.get("tstyle") or R.choice(TSTYLES)
    end = add_time(start, R.choice([60, 90, 120, 150, 180])) if start else None
    wd_written = o.get("wd_written")
    when, end_kept = when_text(d, dstyle, start, end, tform, tstyle, wd_written)
    if "when" in o:
        when, end_kept = o["when"], o.get("end_kept")
    if start is None:
        end_kept = None
        feats.append("no_time")
    pform = o.get("pform") or R.choice(PFORMS)
    if otype in ("etat", "amg", "cci", "bailleur", "ecole") and pform == "implied":
        pform = "hall_de"
    if ev_com != sender_com and pform == "implied":
        pform = "address"
    hall = o.get("hall") or R.choice(k["halls"])
    where, place_truth, pf = make_place(hall, ev_com, pform)
    feats += pf
    sig = signature(org)
    if pform == "implied" and norm(C[sender_com]["name"]) not in norm(sig + org["long"]):
        sig += f"\n{org['long']}"
    reg = o.get("reg") or R.choice(["formal"] * 6 + ["sec"] * 2 + ["tu"])
    if otype in ("etat", "cci", "amg", "bailleur", "ecole", "sdis") and reg == "tu":
        reg = "formal"
    rs_txt, rs_by, rs_contact = rsvp_text(d, hd, org, reg)
    note = R.choice(k["notes"]) if k["notes"] and R.random() < 0.55 else None
    truth_notes = note if note and PROTO.search(note) else None
    x = Ctx()
    x.kind, x.org, x.evt, x.d, x.when, x.where, x.sig = k, org, evt, d, when, where, sig
    x.notes_txt, x.rsvp_txt, x.start, x.wd_written = note, rs_txt, start, wd_written
    x.prog = None
    shape = o.get("shape") or R.choice(["plain"] * 5 + ["block"] * 2 + ["programme"])
    if shape == "programme" and kind_key not in ("inauguration", "armistice", "victoire", "appel18", "souvenir_deportation",
                                                 "saintebarbe", "comice", "premierepierre"):
        shape = "block"
    if shape == "programme" and start is not None:
        x.prog = programme(kind_key, start, where)
        end_kept = None
        feats.append("programme")
        x.when = le_date(d, dstyle, wd_written)
    elif shape == "programme":
        shape = "plain"
    # block form
    dl = R.choice(["Date", "Quand", "Le", "Date de l'événement"])
    tl = R.choice(["Heure", "Horaire", "À", "Accueil"])
    ll = R.choice(["Lieu", "Où", "Adresse", "Rendez-vous"])
    date_line = fdate(d, dstyle if dstyle not in ("prochain",) else "full", wd_written)
    if start is not None:
        ts, _ = ftime(start, end, tform if tform not in ("comma",) else "at", tstyle)
        ts = ts[2:] if ts.startswith("à ") else ts
        x.block = f"{dl} : {date_line}\n{tl} : {ts}\n{ll} : {where[0].upper() + where[1:] if not where.startswith(('à ', 'au ', 'en ', 'sous', 'sur', 'place')) else re.sub(r'^(à |au |en |sous |sur )', '', where)}"
    else:
        x.block = f"{dl} : {date_line}\n{ll} : {re.sub(r'^(à |au |en |sous |sur )', '', where)}"
    if dstyle == "prochain":
        x.block = x.block.replace(date_line, fdate(d, "prochain"))
    feats.append("date_" + dstyle)
    if start is not None:
        feats.append("time_" + tform + "_" + tstyle)
    feats.append("reg_" + reg)
    if rs_by:
        feats.append("rsvp_date")
    if wd_written:
        feats.append("weekday_mismatch")
    organiser = org["organiser"]
    ev = ev_obj(title, d, start, end_kept, place_truth, C[ev_com]["code"], organiser, rs_by, rs_contact if rs_txt else None,
                truth_notes, end_date=o.get("end_date"), mismatch=bool(wd_written))
    events = [ev]
    # ----- per source
    frm = addr(org["sender"][1], org["sender"][2])
    mid = f"<{hashlib.sha1(f'inv{idx}'.encode()).hexdigest()[:16]}.{idx}@{org['sender'][2].split('@')[1]}>"
    subject = o.get("subject") or subj_for(title, d, dstyle)
    date = hdr_dt(hd)
    charset = R.choice(["utf-8"] * 6 + ["iso-8859-1", "windows-1252"])
    mode = R.choice(["plain"] * 4 + ["alt"] * 3 + ["html"] * 2)
    feats.append(f"body_{mode}")
    if charset != "utf-8":
        feats.append("charset_" + charset)
    body = o.get("body") or build_inv_prose(x, reg, shape)
    if charset == "iso-8859-1":
        body = body.translate(LATIN1_FIX)
    body = body.encode(charset, "replace").decode(charset) if charset != "utf-8" else body
    msg = None
    if source == "prose":
        msg = body_parts(body, mode, charset)
    elif source in ("pdf", "mixed"):
        x.time_card = ftime(start, end, R.choice(["at", "at", "de_a", "comma"]), R.choice(["h", "h00", "heures"]))[0].removeprefix("à ") if start else None
        if start and x.prog is None and tform in ("de_a",) and R.random() < 0.5:
            pass
        x.card_place = card_place_lines(hall, ev_com, R.choice(["lines_cp", "lines_upper", "dash"]))[0] if pform != "implied" else [cap(hall["bare"])]
        x.prog_card = x.prog
        if source == "pdf":
            who = R.choice([f"M. le Maire {C[sender_com]['de']}", org["long"], "notre Président", "Monsieur le Maire"])
            if otype != "mairie":
                who = R.choice([org["long"], "notre président" if org["person"]["sex"] == "H" else "notre présidente"])
            body = R.choice(COVER).format(who=who)
            body += "\n\n" + (f"{org['sender'][1]}" if pform != "implied" else f"{org['sender'][1]}\n{org['long']}")
            if pform == "implied" and norm(C[sender_com]["name"]) not in norm(body + org["long"]):
                body += f"\n{C[sender_com]['name']}"
            tl_place = x.card_place
        # card
        cl = card_lines(x)
        pdf = make_pdf(cl, title)
        if source == "pdf":
            ev["end"] = None if not (start and " à " in (x.time_card or "") and x.time_card.startswith("de ")) else ev["end"]
            ev["end"] = hhmm(end) if (start and x.time_card.startswith("de ")) else None
            if x.prog:
                ev["end"] = None
        else:
            # mixed: prose body + card repeating it
            if x.time_card and x.time_card.startswith("de ") and ev["end"] is None and not x.prog:
                ev["end"] = hhmm(end)
        m = MIMEMultipart("mixed")
        m.attach(body_parts(body, mode if source == "mixed" else R.choice(["plain", "html", "alt"]), charset))
        m.attach(attach_bytes("application", "pdf", pdf, R.choice(["invitation.pdf", "Carton_invitation.pdf", f"{slug(title)}.pdf",
                                                                       "INVITATION 2.pdf", "invit.pdf"])))
        msg = m
        feats.append("pdf_card")
    elif source == "ics":
        imode = o.get("ics_mode") or R.choice(["tz", "tz", "utc"])
        loc = place_truth
        ics_start = start
        ics_end = end if start else None
        ics = make_ics(f"{hashlib.md5(str(idx).encode()).hexdigest()}@{org['dom']}", hdr_dt(hd).astimezone(dt.timezone.utc),
                       title, d, ics_start, ics_end, loc, org["sender"][1], org["sender"][2], mode=imode,
                       description=None if R.random() < 0.5 else f"{title} – {org['long']}")
        ev["end"] = hhmm(ics_end)
        ev["place"] = loc
        feats.append("ics_" + imode if start else "ics_allday")
        if R.random() < 0.5:
            alt = MIMEMultipart("alternative")
            alt.attach(text_part(body, "plain", "utf-8"))
            alt.attach(text_part(to_html(body), "html", "utf-8"))
            alt.attach(ics_part(ics, False))
            msg = alt
            feats.append("ics_alternative")
        else:
            m = MIMEMultipart("mixed")
            m.attach(body_parts(body, R.choice(["plain", "alt"]), "utf-8"))
            m.attach(ics_part(ics, True, filename=R.choice(["invite.ics", "invitation.ics", f"{slug(title)}.ics"])))
            msg = m
            feats.append("ics_attachment")
    elif source == "forward":
        fstyle = o.get("fstyle") or R.choice(["outlook", "outlook2", "gmail", "thunderbird", "apple", "rfc822", "rfc822"])
        odate = date
        fwd_date_d = hd + dt.timedelta(days=R.randint(0, 12))
        if (d - fwd_date_d).days < 1 or (rs_by and fwd_date_d >= D.fromisoformat(rs_by)):
            fwd_date_d = hd
        fdate_ = hdr_dt(fwd_date_d)
        if fdate_ <= odate:
            fdate_ = odate + dt.timedelta(hours=R.randint(1, 20))
        staff = R.choice(STAFF)
        note = R.choice(FWD_NOTES)
        feats.append("fwd_" + fstyle)
        oto = R.choice(["Sophie Larrouy <sophie.larrouy@assemblee-nationale-exemple.fr>", "mairie-annexe@exemple.fr",
                        OFFICE, "Madame la Députée <sophie.larrouy@assemblee-nationale-exemple.fr>"])
        with_pdf = o.get("fwd_pdf", R.random() < 0.3)
        if fstyle == "rfc822":
            inner = MIMEMultipart("mixed") if with_pdf else None
            if with_pdf:
                x.time_card = ftime(start, end, "at", "h")[0].removeprefix("à ") if start else None
                x.card_place = card_place_lines(hall, ev_com, "lines_cp")[0] if pform != "implied" else [cap(hall["bare"])]
                x.prog_card = None
                inner.attach(body_parts(body, "plain", charset))
                inner.attach(attach_bytes("application", "pdf", make_pdf(card_lines(x), title), "invitation.pdf"))
                feats.append("pdf_in_forward")
            else:
                inner = body_parts(body, mode, charset)
            finish(inner, frm, oto, subject, odate, mid)
            m = MIMEMultipart("mixed")
            m.attach(text_part(note + "\n", "plain", "utf-8"))
            m.attach(MIMEMessage(inner))
            msg = m
        else:
            blk = fwd_block(fstyle, f"{org['sender'][1]} <{org['sender'][2]}>" if R.random() < 0.6 else
                            f"{org['sender'][1]} [mailto:{org['sender'][2]}]" if fstyle.startswith("outlook") else org["sender"][2], oto, odate, subject, body)
            ftext = note + "\n\n" + blk
            if with_pdf:
                x.time_card = ftime(start, end, "at", "h")[0].removeprefix("à ") if start else None
                x.card_place = card_place_lines(hall, ev_com, "lines_upper")[0] if pform != "implied" else [cap(hall["bare"])]
                x.prog_card = None
                m = MIMEMultipart("mixed")
                m.attach(body_parts(ftext, R.choice(["plain", "alt"]), "utf-8"))
                m.attach(attach_bytes("application", "pdf", make_pdf(card_lines(x), title), "invitation.pdf"))
                msg = m
                feats.append("pdf_in_forward")
            else:
                msg = body_parts(ftext, R.choice(["plain", "alt", "html"]), "utf-8")
        frm = addr(*staff)
        subject = R.choice(["TR: ", "Fwd: ", "Tr : ", "TR : ", "Fw: "]) + subject
        date = fdate_
        mid = f"<{hashlib.sha1(f'fwd{idx}'.encode()).hexdigest()[:20]}@deputee-larrouy-exemple.fr>"
    extra_events = o.get("extra_events") or []
    events += extra_events
    events.sort(key=lambda e: (e["date"], e["start"] or ""))
    finish(msg, frm, R.choice(OFFICE_TO) if source != "forward" else OFFICE, subject, date, mid)
    return msg, dict(invitation=True, events=events, source=source, notes=o.get("notes_msg"),
                     category=f"inv:{k['cat']}", features=sorted(set(feats + o.get("feats", []))))

# --------------------------------------------------------------------------------------------
# Hand-written special invitations (two events, spans, ambiguity, postponements, outside 33)


def mk(body, frm, subject, date, mid, mode="plain", charset="utf-8", atts=(), to=None, extra=None):
    if atts:
        m = MIMEMultipart("mixed")
        m.attach(body_parts(body, mode, charset))
        for a in atts:
            m.attach(a)
    else:
        m = body_parts(body, mode, charset)
    return finish(m, frm, to or R.choice(OFFICE_TO), subject, date, mid, extra)


def mid_for(tag, dom):
    return f"<{hashlib.sha1(tag.encode()).hexdigest()[:18]}@{dom}>"


def T(kind, **kw):
    return dict(invitation=True, category=f"inv:{kind}", **kw)


def specials():
    out = []
    # 1. inauguration Saturday + tournament Sunday (two events)
    d1 = D(2026, 5, 30); d2 = D(2026, 5, 31); hd = D(2026, 4, 27)
    p = person("H")
    body = f"""Madame la Députée,

Le Stade Créonnais Rugby fête cette année la rénovation complète de ses installations, rendue possible grâce au soutien de la commune et de la Région.

Nous avons le plaisir de vous inviter à l'inauguration du nouveau club-house le samedi 30 mai 2026 à 10h30, au stade Pierre-Lacoste, avenue de l'Entre-deux-Mers à Créon.

Le lendemain, dimanche 31 mai, se tiendra à 16h la finale du tournoi régional des moins de 15 ans : nous serions également très heureux de vous y accueillir pour la remise des trophées.

Merci de nous indiquer votre présence avant le 20 mai auprès de notre secrétaire, Mme Bordes, au 06 12 48 33 90.

Sportivement et respectueusement,

{full(p)}
Président du Stade Créonnais Rugby
Créon"""
    ev = [ev_obj("Inauguration du club-house", d1, (10, 30), None, "Stade Pierre-Lacoste, avenue de l'Entre-deux-Mers, Créon", "33140",
                 f"Stade Créonnais Rugby – {full(p)}", "2026-05-20", "Mme Bordes, 06 12 48 33 90"),
          ev_obj("Finale du tournoi U15", d2, (16, 0), None, "Stade Pierre-Lacoste, Créon", "33140", f"Stade Créonnais Rugby – {full(p)}",
                 "2026-05-20", "Mme Bordes, 06 12 48 33 90")]
    out.append((mk(body, addr(full(p), pmail(p)), "Inauguration club-house + finale tournoi", hdr_dt(hd), mid_for("sp1", "orange.fr")),
                T("inauguration", events=ev, source="prose", notes="two events, two days", features=["two_events", "date_full", "date_noyear"])))

    # 2. two Sainte-Barbe, the later one mentioned first
    hd = D(2025, 11, 12); da = D(2025, 12, 5); db = D(2025, 12, 6)
    p = person("H")
    body = f"""Madame la Députée,

Les sapeurs-pompiers du groupement Sud célébreront cette année la Sainte-Barbe dans deux de nos centres.

• Centre d'incendie et de secours de Langon, 12 rue du Docteur-Roux, 33210 Langon : samedi 6 décembre à 11 heures, revue des personnels puis remise de médailles.
• Centre d'incendie et de secours de Bazas : vendredi 5 décembre à 18h30, cérémonie suivie d'un apéritif dînatoire.

Vous seriez la bienvenue à l'une comme à l'autre de ces cérémonies, auxquelles sont conviés les élus du territoire.
Tenue de ville ; port des décorations.

Merci de confirmer avant le 28 novembre auprès du secrétariat du groupement : gpt-sud@sdis33.fr

Commandant {full(p)}
Chef du groupement Sud – SDIS de la Gironde"""
    org = f"SDIS de la Gironde, groupement Sud – commandant {full(p)}"
    ev = [ev_obj("Sainte-Barbe du CIS de Bazas", da, (18, 30), None, "Centre d'incendie et de secours, Bazas", "33036", org, "2025-11-28",
                 "gpt-sud@sdis33.fr", "Tenue de ville ; port des décorations"),
          ev_obj("Sainte-Barbe du CIS de Langon", db, (11, 0), None, "Centre d'incendie et de secours, 12 rue du Docteur-Roux, 33210 Langon",
                 "33227", org, "2025-11-28", "gpt-sud@sdis33.fr", "Tenue de ville ; port des décorations")]
    out.append((mk(body, addr(f"Cdt {full(p)}", "gpt-sud@sdis33.fr"), "Sainte-Barbe 2025 – groupement Sud", hdr_dt(hd), mid_for("sp2", "sdis33.fr"), mode="alt"),
                T("saintebarbe", events=ev, source="prose", notes="two events; the earlier one is mentioned second",
                  features=["two_events", "earlier_event_second", "date_noyear", "time_heures"])))

    # 3. 11-Novembre + concert the Sunday before (earlier mentioned second), PDF mixed
    hd = D(2026, 10, 13); dcer = D(2026, 11, 11); dcon = D(2026, 11, 8)
    p = person("F")
    body = f"""Madame la Députée,

Cette année, la commune de Gujan-Mestras associe la commémoration de l'Armistice à un hommage musical.

Je serais honorée de votre présence à la cérémonie du mercredi 11 novembre 2026 à 11h00 au monument aux morts, place de la Mairie, ainsi qu'au concert « Chants de la Grande Guerre » donné par l'harmonie municipale le dimanche précédent, 8 novembre, à 17h à l'église Saint-Maurice.

Vous trouverez le programme détaillé en pièce jointe.

Je vous prie d'agréer, Madame la Députée, l'expression de mes sentiments les meilleurs.

{full(p)}
Maire de Gujan-Mestras"""
    card = make_pdf([(14, "Ville de Gujan-Mestras"), "", "Commémoration de l'Armistice de 1918", "",
                     "Dimanche 8 novembre 2026 – 17h", "Concert « Chants de la Grande Guerre »", "Église Saint-Maurice", "",
                     "Mercredi 11 novembre 2026", "10h45 : rassemblement place de la Mairie", "11h00 : cérémonie au monument aux morts",
                     "11h45 : vin d'honneur, salle des fêtes", "", "Dépôt de gerbe – port des décorations"], "11 novembre")
    org = f"Mairie de Gujan-Mestras – {full(p)}, maire"
    ev = [ev_obj("Concert « Chants de la Grande Guerre »", dcon, (17, 0), None, "Église Saint-Maurice, Gujan-Mestras", "33199", org),
          ev_obj("Commémoration du 11 Novembre", dcer, (10, 45), None, "Monument aux morts, place de la Mairie, Gujan-Mestras", "33199", org,
                 notes="Dépôt de gerbe – port des décorations")]
    out.append((mk(body, addr(full(p), "cabinet@villegujanmestras.fr"), "Invitation – 11 Novembre et concert", hdr_dt(hd), mid_for("sp3", "villegujanmestras.fr"),
                   atts=[attach_bytes("application", "pdf", card, "programme_11_novembre.pdf")]),
                T("armistice", events=ev, source="mixed", notes="two events, earlier one (concert) mentioned second; card gives a 10h45 gathering but the mail invites to the 11h ceremony",
                  features=["two_events", "earlier_event_second", "pdf_card", "commune_in_signature"])))

    # 4. comice over two days (one event with end_date)
    hd = D(2027, 7, 2); d = D(2027, 9, 4)
    p = person("H")
    body = f"""Madame la Députée,

Le Comice agricole du Bazadais se tiendra cette année les samedi 4 et dimanche 5 septembre 2027 sur la place de la Cathédrale à Bazas.

Le comité d'organisation serait très honoré de votre présence à l'inauguration officielle, le samedi à 10h30, suivie de la visite des stands et du concours de la race bovine bazadaise.

Un repas des officiels sera servi sous chapiteau à partir de 12h30. Merci de nous faire connaître votre réponse avant le 25 août.

Avec nos respectueuses salutations,

{full(p)}
Président du Comice agricole du Bazadais
Tél. 06 71 22 09 48"""
    ev = [ev_obj("Comice agricole du Bazadais", d, (10, 30), None, "Place de la Cathédrale, Bazas", "33036",
                 f"Comice agricole du Bazadais – {full(p)}", "2027-08-25", "06 71 22 09 48", end_date=D(2027, 9, 5))]
    out.append((mk(body, addr(full(p), pmail(p)), "Comice agricole 2027 – invitation", hdr_dt(hd), mid_for("sp4", "comice")),
                T("comice", events=ev, source="prose", notes="one event over two days", features=["span_two_days", "date_span_et"])))

    # 5. salon from Friday to Sunday, official opening on Friday 18h; iso-8859-1 html
    hd = D(2026, 4, 20); d = D(2026, 6, 5)
    body = """Madame la Députée,

Le 12e Salon de l'habitat et du jardin du Libournais aura lieu du vendredi 5 au dimanche 7 juin à la salle des fêtes du Verdet, à Libourne (allées Robert-Boulin).

Nous serions heureux de vous accueillir pour son ouverture officielle, le vendredi 5 juin à 18h, en présence des exposants et des partenaires.

Dans l'attente du plaisir de vous accueillir, veuillez recevoir, Madame la Députée, nos respectueuses salutations.

Le comité d'organisation
Libourne Expo Événements"""
    ev = [ev_obj("Salon de l'habitat et du jardin", d, (18, 0), None, "Salle des fêtes du Verdet, allées Robert-Boulin, Libourne", "33243",
                 "Libourne Expo Événements", end_date=D(2026, 6, 7))]
    out.append((mk(body, addr("Libourne Expo Événements", "contact@libourne-expo-exemple.fr"), "Salon de l'habitat – ouverture officielle",
                   hdr_dt(hd), mid_for("sp5", "libourne-expo"), mode="html", charset="iso-8859-1"),
                T("salon", events=ev, source="prose", notes="one event over three days, opening on the first day",
                  features=["span_three_days", "date_span_du_au", "year_left_out", "charset_iso-8859-1", "body_html"])))

    # 6. two-day congress as all-day ICS (UTC DTSTAMP, VALUE=DATE)
    hd = D(2025, 9, 1); d = D(2025, 10, 16)
    ics = make_ics("congres2025-amg@maires33-exemple.fr", hdr_dt(hd).astimezone(dt.timezone.utc), "Congrès des maires de la Gironde",
                   d, None, None, "Parc des expositions, cours Jules-Ladoumègue, 33300 Bordeaux", "Association des maires de la Gironde",
                   "contact@maires33-exemple.fr", end_date=D(2025, 10, 17))
    body = """Madame la Députée,

Le congrès départemental des maires de la Gironde se tiendra les jeudi 16 et vendredi 17 octobre 2025 au Parc des expositions de Bordeaux. Les parlementaires du département y sont conviés ; vous trouverez ci-joint l'invitation pour votre agenda.

Le programme détaillé des tables rondes vous parviendra prochainement.

Le Président de l'Association des maires de la Gironde"""
    ev = [ev_obj("Congrès des maires de la Gironde", d, None, None, "Parc des expositions, cours Jules-Ladoumègue, 33300 Bordeaux", "33063",
                 "Association des maires de la Gironde", end_date=D(2025, 10, 17))]
    m = MIMEMultipart("mixed")
    m.attach(text_part(body))
    m.attach(ics_part(ics, True, filename="congres_maires_2025.ics"))
    out.append((finish(m, addr("Association des maires de la Gironde", "contact@maires33-exemple.fr"), OFFICE, "Congrès des maires 2025",
                       hdr_dt(hd), mid_for("sp6", "maires33")),
                T("congres", events=ev, source="ics", notes="all-day two-day iCalendar event", features=["ics_allday", "span_two_days", "ics_attachment"])))

    # 7. jumelage: reception Friday evening + ceremony Saturday morning; Paris-born homonym street
    hd = D(2027, 3, 2); d1 = D(2027, 4, 16); d2 = D(2027, 4, 17)
    p = person("F")
    body = f"""Chère Sophie,

Nos amis de Bad Saulgau arrivent à Andernos pour les 40 ans du jumelage !

Deux temps forts auxquels nous serions ravis que tu participes :
- vendredi 16 avril, 19h : réception de la délégation à la salle du Broustic, 24 avenue de Paris ;
- samedi 17 avril, 11h : cérémonie officielle et signature du renouvellement de la charte, en mairie.

Fais-moi signe pour l'un, l'autre ou les deux.

Amitiés,
{full(p)}
Présidente du comité de jumelage d'Andernos-les-Bains"""
    org = f"Comité de jumelage d'Andernos-les-Bains – {full(p)}, présidente"
    ev = [ev_obj("Réception de la délégation de Bad Saulgau", d1, (19, 0), None, "Salle du Broustic, 24 avenue de Paris, Andernos-les-Bains", "33005", org),
          ev_obj("40 ans du jumelage – cérémonie officielle", d2, (11, 0), None, "Mairie d'Andernos-les-Bains", "33005", org)]
    out.append((mk(body, addr(full(p), pmail(p)), "40 ans du jumelage 🇩🇪", hdr_dt(hd), mid_for("sp7", "jum")),
                T("jumelage", events=ev, source="prose", notes="two events; tutoiement; street named after Paris",
                  features=["two_events", "reg_tu", "street_named_after_town", "commune_implied", "year_left_out"])))

    # 8. mixed: two-day programme on the card (festival), body without times
    hd = D(2025, 5, 12); d = D(2025, 7, 12)
    body = """Madame la Députée,

L'association Jazz en Médoc a le plaisir de vous inviter à la soirée d'ouverture de sa 15e édition, sur la place du marché de Lesparre-Médoc.

Le programme des deux journées figure sur le carton joint. Une place vous est réservée au premier rang.

Bien respectueusement,
Pour le bureau, Hervé Tastet"""
    card = make_pdf([(16, "Jazz en Médoc – 15e édition"), "", "Samedi 12 juillet 2025", "19h00 : ouverture officielle et cocktail",
                     "21h00 : concert du Big Band de l'estuaire", "", "Dimanche 13 juillet 2025", "11h00 : fanfares dans les rues",
                     "17h00 : concert de clôture", "", "Place du marché", "33340 LESPARRE-MÉDOC"], "Jazz en Médoc")
    ev = [ev_obj("Festival Jazz en Médoc – ouverture", d, (19, 0), None, "Place du marché, 33340 Lesparre-Médoc", "33240",
                 "Association Jazz en Médoc – Hervé Tastet", end_date=D(2025, 7, 13))]
    out.append((mk(body, addr("Jazz en Médoc", "jazzenmedoc@gmail.com"), "Invitation soirée d'ouverture – Jazz en Médoc", hdr_dt(hd), mid_for("sp8", "jazz"),
                   atts=[attach_bytes("application", "pdf", card, "carton_JEM2025.pdf")]),
                T("spectacle", events=ev, source="mixed", notes="two-day festival programme on the card; body gives place only",
                  features=["pdf_card", "span_two_days", "programme", "details_on_card"])))

    # 9. postponement with a new date (renewed invitation)
    hd = D(2026, 2, 23); d = D(2026, 3, 21)
    p = person("H")
    body = f"""Madame la Députée,

En raison des intempéries, l'inauguration de la passerelle de la Jalle, initialement prévue le samedi 28 février, a dû être reportée.

J'ai le plaisir de vous confirmer qu'elle aura lieu le samedi 21 mars 2026 à 11h, au départ de la rue du Moulin (parking de la Jalle), à Blanquefort.

J'espère vivement que ce nouveau rendez-vous vous conviendra.

Bien cordialement,
{full(p)}
Maire de Blanquefort"""
    ev = [ev_obj("Inauguration de la passerelle de la Jalle", d, (11, 0), None, "Parking de la Jalle, rue du Moulin, Blanquefort", "33056",
                 f"Mairie de Blanquefort – {full(p)}, maire")]
    out.append((mk(body, addr(full(p), "cabinet@ville-blanquefort.fr"), "Report – inauguration de la passerelle : nouvelle date", hdr_dt(hd),
                   mid_for("sp9", "blanquefort")),
                T("inauguration", events=ev, source="prose", notes="postponement renewing the invitation: the new date is the event",
                  features=["postponed_new_date", "old_date_mentioned"])))

    # 10. postponement via ICS update (SEQUENCE 1), UTC times
    hd = D(2027, 1, 11); d = D(2027, 2, 5)
    ics = make_ics("ag-udaf-2027@udaf33-exemple.fr", hdr_dt(hd).astimezone(dt.timezone.utc), "AG de l'UDAF de la Gironde – nouvelle date",
                   d, (14, 0), (17, 0), "Maison des associations, 12 rue de Gironde, 33310 Lormont", "UDAF 33", "direction@udaf33-exemple.fr",
                   mode="utc", seq=1)
    body = """Madame la Députée,

Notre assemblée générale, d'abord annoncée pour le 22 janvier, est déplacée au vendredi 5 février 2027, de 14h à 17h, à la Maison des associations de Lormont. L'invitation de votre agenda est mise à jour par le fichier joint.

Nous serions très honorés de votre présence.

La direction de l'UDAF de la Gironde"""
    m = MIMEMultipart("alternative")
    m.attach(text_part(body))
    m.attach(ics_part(ics, False))
    out.append((finish(m, addr("UDAF de la Gironde", "direction@udaf33-exemple.fr"), OFFICE, "Mise à jour : AG UDAF 33 (nouvelle date)", hdr_dt(hd),
                       mid_for("sp10", "udaf")),
                T("ag", events=[ev_obj("AG de l'UDAF de la Gironde", d, (14, 0), (17, 0), "Maison des associations, 12 rue de Gironde, 33310 Lormont",
                                         "33249", "UDAF de la Gironde")],
                  source="ics", notes="postponement renewing the invitation; iCalendar in UTC", features=["postponed_new_date", "ics_utc", "ics_alternative", "street_named_after_town"])))

    # 11. in person + video
    hd = D(2025, 3, 3); d = D(2025, 3, 27)
    body = """Madame la Députée,

Le Conseil de développement du Pays Médoc organise une réunion publique sur l'avenir des services de santé, le jeudi 27 mars 2025 de 18h30 à 20h30, à la salle des fêtes de Castelnau-de-Médoc (route de Lacanau).

Vous y êtes cordialement invitée. Pour les personnes éloignées, la réunion pourra aussi être suivie en visioconférence (lien envoyé sur demande).

Cordialement,
Agnès Peyrot, chargée de mission"""
    out.append((mk(body, addr("Agnès Peyrot", "a.peyrot@pays-medoc-exemple.fr"), "Réunion publique santé – 27 mars", hdr_dt(hd), mid_for("sp11", "medoc"), mode="alt"),
                T("forum", events=[ev_obj("Réunion publique sur les services de santé", d, (18, 30), (20, 30), "Salle des fêtes, route de Lacanau, Castelnau-de-Médoc",
                                            "33104", "Conseil de développement du Pays Médoc – Agnès Peyrot")],
                  source="prose", notes="in person, can also be followed by video", features=["hybrid", "street_named_after_town", "time_de_a"])))

    # ----- ambiguous
    # A1 two candidate times
    hd = D(2026, 6, 8); d = D(2026, 7, 4)
    p = person("H")
    body = f"""Madame la Députée,

La commune de Saint-Ciers-sur-Gironde inaugurera son nouveau marché couvert le samedi 4 juillet 2026, sur la place du Champ-de-Foire.

L'heure de la cérémonie dépend encore de la disponibilité de M. le Sous-Préfet : ce sera à 10h ou à 10h30, je vous le confirmerai dès que possible.

Nous serions très heureux que vous puissiez y assister.

Cordialement,
{full(p)}, maire"""
    out.append((mk(body, addr(full(p), "mairie@saint-ciers-sur-gironde-exemple.fr"), "Inauguration du marché couvert", hdr_dt(hd), mid_for("a1", "stciers")),
                T("inauguration", events=[ev_obj("Inauguration du marché couvert", d, None, None, "Place du Champ-de-Foire, Saint-Ciers-sur-Gironde", "33389",
                                                 f"Mairie de Saint-Ciers-sur-Gironde – {full(p)}", ambiguous=True)],
                  source="prose", notes="ambiguous: two candidate times (10h or 10h30)", features=["ambiguous_time"])))
    # A2 two candidate dates
    hd = D(2025, 4, 14); d = D(2025, 6, 14)
    body = """Bonjour,

Le comité des fêtes de Vayres organise sa grande fête de la Dordogne et serait honoré de la présence de Mme la Députée pour le lancement du feu d'artifice, sur les bords de Dordogne, port de Vayres.

La date dépendra du calendrier des marées : samedi 14 ou samedi 21 juin 2025, à 22h30. Nous vous confirmerons la date retenue début juin.

Bien cordialement,
Le comité des fêtes de Vayres"""
    out.append((mk(body, addr("Comité des fêtes de Vayres", "cdf.vayres@laposte.net"), "Fête de la Dordogne – feu d'artifice", hdr_dt(hd), mid_for("a2", "vayres")),
                T("fete", events=[ev_obj("Fête de la Dordogne – feu d'artifice", d, (22, 30), None, "Port de Vayres", "33539", "Comité des fêtes de Vayres",
                                         ambiguous=True)],
                  source="prose", notes="ambiguous: two candidate dates (14 or 21 June); first candidate recorded", features=["ambiguous_date"])))
    # A3 subject and body disagree
    hd = D(2026, 8, 3); d = D(2026, 9, 19)
    p = person("F")
    body = f"""Madame la Députée,

La présidente et les membres du Club des aînés de Martignas ont le plaisir de vous convier au repas dansant de rentrée, le samedi 19 septembre 2026 à 12h, à la salle Gérard-Philipe de Martignas-sur-Jalle.

Réponse souhaitée avant le 10 septembre.

Bien respectueusement,
{full(p)}"""
    out.append((mk(body, addr(full(p), pmail(p)), "Invitation repas des aînés samedi 12 septembre", hdr_dt(hd), mid_for("a3", "aines")),
                T("fete", events=[ev_obj("Repas dansant du Club des aînés", d, (12, 0), None, "Salle Gérard-Philipe, Martignas-sur-Jalle", "33273",
                                         f"Club des aînés de Martignas – {full(p)}", rsvp_by="2026-09-10", ambiguous=True)],
                  source="prose", notes="ambiguous: subject says 12 September, body 19 September (body's date recorded)", features=["ambiguous_subject_body"])))
    # A4 mail and card disagree on time
    hd = D(2027, 5, 3); d = D(2027, 6, 11)
    p = person("H")
    body = f"""Madame la Députée,

J'ai l'honneur de vous inviter au vernissage de l'exposition « Pierres de l'Entre-deux-Mers », le vendredi 11 juin 2027 à 18h, à la maison du patrimoine de Sauveterre-de-Guyenne.

Vous trouverez le carton officiel ci-joint.

Respectueusement,
{full(p)}, président des Amis de la bastide"""
    card = make_pdf([(14, "Les Amis de la bastide de Sauveterre"), "", "vous convient au vernissage de l'exposition", "« Pierres de l'Entre-deux-Mers »",
                     "", "Vendredi 11 juin 2027 à 18h30", "Maison du patrimoine", "33540 Sauveterre-de-Guyenne"], "Vernissage")
    out.append((mk(body, addr(full(p), pmail(p)), "Vernissage 11 juin", hdr_dt(hd), mid_for("a4", "bastide"),
                   atts=[attach_bytes("application", "pdf", card, "carton_vernissage.pdf")]),
                T("vernissage", events=[ev_obj("Vernissage « Pierres de l'Entre-deux-Mers »", d, None, None, "Maison du patrimoine, 33540 Sauveterre-de-Guyenne",
                                               "33506", f"Les Amis de la bastide – {full(p)}", ambiguous=True)],
                  source="mixed", notes="ambiguous: mail says 18h, card says 18h30", features=["ambiguous_mail_card", "pdf_card"])))
    # A5 intercommunal body, hall without commune
    hd = D(2025, 8, 25); d = D(2025, 10, 3)
    body = """Madame la Députée,

Le Président du Syndicat mixte des Rives de l'Estuaire et les membres du comité syndical ont le plaisir de vous inviter à la présentation du nouveau schéma de randonnée, le vendredi 3 octobre 2025 à 17h30, à la salle culturelle.

Un pot convivial suivra.

Syndicat mixte des Rives de l'Estuaire
Service communication"""
    out.append((mk(body, addr("SM Rives de l'Estuaire", "communication@rives-estuaire-exemple.fr"), "Invitation – schéma de randonnée", hdr_dt(hd), mid_for("a5", "rives")),
                T("forum", events=[ev_obj("Présentation du schéma de randonnée", d, (17, 30), None, "Salle culturelle", None,
                                          "Syndicat mixte des Rives de l'Estuaire", ambiguous=True)],
                  source="prose", notes="ambiguous: intercommunal body, hall with no commune", features=["ambiguous_commune"])))
    # A6 forwarded, two candidate times
    hd = D(2026, 10, 5); d = D(2026, 11, 14)
    p = person("H")
    inner = f"""Madame la Députée,

Le Tennis club de Gradignan vous invite à l'inauguration de ses deux nouveaux courts couverts le samedi 14 novembre 2026, au complexe sportif de Mandavit, à Gradignan.
Horaire : 11h (ou 11h30 si la ligue maintient son tournoi le matin, nous vous tiendrons informée).

Sportivement,
{full(p)}, président"""
    odate = hdr_dt(hd)
    blk = fwd_block("gmail", f"{full(p)} <{pmail(p)}>", "sophie.larrouy@assemblee-nationale-exemple.fr", odate, "Inauguration courts couverts", inner)
    fd = hdr_dt(hd + dt.timedelta(days=2))
    out.append((mk("Pour l'agenda — horaire à reconfirmer.\n\n" + blk, addr(*STAFF[0]), "Fwd: Inauguration courts couverts", fd, mid_for("a6", "fwd"), to=OFFICE),
                T("inauguration", events=[ev_obj("Inauguration des courts couverts", d, None, None, "Complexe sportif de Mandavit, Gradignan", "33192",
                                                 f"Tennis club de Gradignan – {full(p)}", ambiguous=True)],
                  source="forward", notes="ambiguous: two candidate times (11h or 11h30)", features=["ambiguous_time", "fwd_gmail"])))

    # ----- outside the département
    hd = D(2026, 1, 12); d = D(2026, 2, 10)
    body = """Madame la Députée,

À l'occasion de la remise du rapport annuel de l'Observatoire national de la forêt cultivée, le Président de la Fédération forestière du Sud-Ouest serait honoré de votre présence au petit-déjeuner parlementaire qu'il organise le mardi 10 février 2026 à 8h30, à la Maison de la Nouvelle-Aquitaine, 21 rue des Pyramides, 75001 Paris.

Inscription indispensable avant le 5 février auprès de Mme Nadal : n.nadal@foret-sudouest-exemple.fr

Je vous prie d'agréer, Madame la Députée, l'expression de ma haute considération.

Fédération forestière du Sud-Ouest
6 parvis des Chartrons – 33000 Bordeaux"""
    out.append((mk(body, addr("Fédération forestière du Sud-Ouest", "presidence@foret-sudouest-exemple.fr"), "Petit-déjeuner parlementaire – 10 février",
                   hdr_dt(hd), mid_for("o1", "foret")),
                T("forum", events=[ev_obj("Petit-déjeuner parlementaire forêt", d, (8, 30), None, "Maison de la Nouvelle-Aquitaine, 21 rue des Pyramides, 75001 Paris",
                                          "75056", "Fédération forestière du Sud-Ouest", "2026-02-05", "n.nadal@foret-sudouest-exemple.fr")],
                  source="prose", features=["outside_departement", "commune_differs_from_sender", "place_address_cp"])))
    hd = D(2025, 9, 15); d = D(2025, 10, 24)
    p = person("F")
    body = f"""Madame la Députée,

La Chambre régionale d'agriculture organise à Périgueux ses Rencontres de la fraise et de la noix, le vendredi 24 octobre 2025, au Palais des congrès (5 rue Pierre-Magne). Les élus de Gironde et de Dordogne y sont conviés : accueil à 9h15, table ronde à 10h.

Votre présence serait un signal fort pour nos producteurs.

{full(p)}
Chargée des relations institutionnelles"""
    out.append((mk(body, addr(full(p), pmail(p, "na.chambagri-exemple.fr")), "Rencontres de la fraise et de la noix", hdr_dt(hd), mid_for("o2", "cra"), mode="html"),
                T("forum", events=[ev_obj("Rencontres de la fraise et de la noix", d, (9, 15), None, "Palais des congrès, 5 rue Pierre-Magne, Périgueux", "24322",
                                          f"Chambre régionale d'agriculture – {full(p)}")],
                  source="prose", features=["outside_departement", "programme", "date_full"])))
    hd = D(2027, 2, 8); d = D(2027, 3, 20)
    body = """Madame la Députée,

Le conseil d'administration de la Fédération des CUMA du Sud-Ouest a l'honneur de vous convier à son assemblée générale, samedi 20 mars 2027 à 9h30, au Centre des congrès d'Agen (boulevard Carnot). Les parlementaires girondins ont été particulièrement sollicités cette année sur la question de la main-d'œuvre saisonnière.

Bien respectueusement,
FD CUMA Sud-Ouest – 47000 Agen"""
    out.append((mk(body, addr("FD CUMA Sud-Ouest", "fdcuma.so@orange.fr"), "AG 2027", hdr_dt(hd), mid_for("o3", "cuma"), charset="windows-1252"),
                T("ag", events=[ev_obj("AG de la Fédération des CUMA du Sud-Ouest", d, (9, 30), None, "Centre des congrès, boulevard Carnot, Agen", "47001",
                                       "FD CUMA Sud-Ouest")], source="prose", features=["outside_departement", "charset_windows-1252"])))
    hd = D(2025, 5, 5); d = D(2025, 6, 27)
    p = person("H")
    inner = f"""Madame la Députée,

L'Association des élus du littoral atlantique tiendra son congrès annuel à Bayonne, le vendredi 27 juin 2025 à 14h, au Lycée Saint-Louis... pardon : à la salle Lauga, avenue Paul-Pras. Nous serions honorés de vous y accueillir.

{full(p)}, secrétaire général"""
    out.append((mk("Reçu à l'Assemblée. À voir avec le bassin d'Arcachon.\n\n" + fwd_block("outlook", f"{full(p)} [mailto:{pmail(p)}]", "Sophie Larrouy",
                                                                                                   hdr_dt(hd), "Congrès des élus du littoral", inner),
                   addr(*STAFF[3]), "TR: Congrès des élus du littoral", hdr_dt(hd + dt.timedelta(days=3)), mid_for("o4", "fwd"), to=OFFICE),
                T("congres", events=[ev_obj("Congrès des élus du littoral atlantique", d, (14, 0), None, "Salle Lauga, avenue Paul-Pras, Bayonne", "64102",
                                            f"Association des élus du littoral atlantique – {full(p)}")],
                  source="forward", notes="a self-correction in the place sentence", features=["outside_departement", "fwd_outlook", "typo_correction"])))
    return out

# --------------------------------------------------------------------------------------------
# Generic invitations plan

KIND_CYCLE = ["inauguration", "voeux", "armistice", "victoire", "ag", "comice", "congres", "saintebarbe", "medailles",
              "portesouvertes", "fete", "salon", "jumelage", "spectacle", "premierepierre", "forum", "anniversaire",
              "vernissage", "inauguration", "fete", "ag", "spectacle", "medailles", "voeux", "armistice", "appel18",
              "souvenir_deportation", "inauguration", "saintebarbe", "victoire"]


def invitations():
    res = specials()
    n = 150
    sources = ["prose"] * 60 + ["pdf"] * 24 + ["ics"] * 22 + ["forward"] * 28 + ["mixed"] * 16
    R.shuffle(sources)
    forced = {}
    idxs = list(range(n))
    R.shuffle(idxs)
    it = iter(idxs)
    for _ in range(3):
        forced[next(it)] = {"mismatch": True}
    for _ in range(4):
        forced[next(it)] = {"dstyle": "daynum"}
    for _ in range(4):
        forced[next(it)] = {"dstyle": "prochain"}
    for _ in range(4):
        forced[next(it)] = {"dstyle": "numshort"}
    for _ in range(8):
        forced[next(it)] = {"differs": True}
    for _ in range(3):
        forced[next(it)] = {"notime": True}
    forced[next(it)] = {"mdm": True}
    for i in range(n):
        kk = KIND_CYCLE[i % len(KIND_CYCLE)]
        src = sources[i]
        f = forced.get(i, {})
        o = {}
        if f.get("dstyle") == "prochain" and src == "forward":
            src = "prose"
        if f.get("dstyle"):
            o["dstyle"] = f["dstyle"]
            if f["dstyle"] == "prochain" and K[kk]["rule"] in ("11-11", "05-08", "06-18", "oct", "jan"):
                kk = "fete"
        if f.get("mismatch"):
            d = pick_event_date(K[kk]["rule"])
            o["date"] = d
            o["wd_written"] = WD[(d.weekday() + R.choice([1, 6])) % 7]
            o["dstyle"] = R.choice(["full", "noyear", "numwd"])
            o["shape"] = "plain"
            o["notes_msg"] = "written weekday disagrees with the date; numeric date kept"
            o["feats"] = ["weekday_mismatch"]
        if f.get("differs"):
            otype = R.choice(["asso", "asso_ac", "asso_sport", "comice"])
            if "asso" not in K[kk]["orgs"] and otype not in K[kk]["orgs"]:
                kk = R.choice(["ag", "fete", "spectacle", "anniversaire"])
                otype = R.choice(K[kk]["orgs"])
                if otype not in ASSO_NAMES:
                    otype = "asso"
            o["otype"] = otype
            sc, ec = R.choice(NEIGHBOURS)
            if R.random() < 0.5:
                sc, ec = ec, sc
            o["sender_com"], o["ev_com"] = sc, ec
            o["pform"] = R.choice(["hall_de", "address", "hall_comma"])
        if f.get("notime"):
            o["start"] = None
            kk = R.choice(["portesouvertes", "salon", "fete"])
        if f.get("mdm"):
            kk = "ag"
            o.update(otype="asso", sender_com="Mont-de-Marsan", ev_com="Mont-de-Marsan", pform="address",
                     evt=("l'assemblée générale de l'Union régionale des sylviculteurs", "AG de l'Union régionale des sylviculteurs"))
        if src == "pdf" and o.get("shape") == "plain":
            pass
        res.append(build_invitation(i, kk, src, o))
    return res

# --------------------------------------------------------------------------------------------
# Non-invitations

def hday():
    return D(2025, 1, 6) + dt.timedelta(days=R.randint(0, 1070))


def NT(cat, source="prose", notes=None, feats=()):
    return dict(invitation=False, events=[], source=source, notes=notes, category=f"non:{cat}", features=sorted(set(feats)))


def later(h, a, b):
    return h + dt.timedelta(days=R.randint(a, b))


def earlier(h, a, b):
    return h - dt.timedelta(days=R.randint(a, b))


def anyds(d):
    return fdate(d, R.choice(["full", "noyear", "nowd", "numeric", "numwd", "nowd_noyear"]))


def ftim(t=None):
    t = t or (R.randint(8, 20), R.choice([0, 0, 15, 30, 30, 45]))
    return fh(t, R.choice(["h", "h00", "hsp", "colon"]))


def com():
    return R.choice(GIRONDE)


def bulk_headers(list_name, dom):
    return {"List-Id": f"{list_name} <{slug(list_name)}.{dom}>",
            "List-Unsubscribe": f"<mailto:desinscription@{dom}?subject=unsubscribe>, <https://{dom}/desinscription>",
            "Precedence": "bulk"}


UNSUB = ["Vous recevez cette lettre car vous êtes inscrit à la lettre d'information. Se désinscrire : https://{dom}/desinscription",
         "Pour ne plus recevoir nos messages, cliquez ici.", "Désabonnement : répondez STOP à ce message.",
         "Conformément au RGPD, vous pouvez vous désinscrire à tout moment via le lien en bas de ce courriel."]


def g_newsletter(i):
    h = hday(); c = com(); cc = C[c]; dom = mairie_dom(c)
    d1, d2, d3 = later(h, 5, 20), shift_to(later(h, 21, 40), [0, 1, 2, 3]), shift_to(later(h, 41, 70), [0, 1, 2, 3, 4])
    inviting = R.random() < 0.5
    ev1 = R.choice(["la fête de la musique", "le marché de Noël", "le vide-greniers du printemps", "la cérémonie des vœux",
                    "l'inauguration du nouveau parc", "le forum des associations", "la nuit des étoiles"])
    lines = [R.choice(["Chers habitants,", "Chères Bouscataises, chers Bouscatais,".replace("Bouscat", "Bouscat") if c == "Le Bouscat" else "Chers concitoyens,",
                       "Madame, Monsieur,", f"Chers habitants {cc['de']},"])]
    if inviting:
        lines.append(R.choice([f"La municipalité a le plaisir de vous inviter à {ev1} {le_date(d1, 'full')} à {ftim()} {R.choice(HALLS_GEN)['a']}. Venez nombreux !",
                               f"Le maire et le conseil municipal ont le plaisir de vous convier à {ev1}, {le_date(d1, 'noyear')}, dès {ftim()}. Entrée libre, venez en famille !",
                               f"Vous êtes tous invités {art(ev1, 'a')} : rendez-vous {le_date(d1, 'numwd')} à {ftim()} sur la place de la mairie."]))
    lines.append(R.choice(["AU SOMMAIRE CE MOIS-CI", "Les rendez-vous du mois", "En bref"]))
    lines.append(f"- Conseil municipal : {fdate(d2, 'full')} à 19h, salle du conseil (séance publique).")
    lines.append(f"- Collecte des encombrants : {fdate(d3, 'numwd')} ; inscription en mairie.")
    lines.append(f"- Permanence du conciliateur de justice : {fdate(later(h, 3, 30), 'noyear')} de 9h à 12h.")
    lines.append(R.choice(UNSUB).format(dom=dom))
    body = "\n\n".join(lines)
    subj = R.choice([f"La lettre d'info {cc['de']} – {MO[h.month-1]} {h.year}", f"Newsletter #{R.randint(12, 140)} – l'actu de votre ville",
                     f"{c} Infos : les rendez-vous de {MO[d1.month-1]}", "Votre lettre municipale"])
    m = mk(body, addr(f"Ville {cc['de']}", f"newsletter@{dom}"), subj, hdr_dt(h), mid_for(f"nl{i}", dom), mode=R.choice(["html", "alt"]),
           to=R.choice(["undisclosed-recipients:;", OFFICE, f"abonnes@{dom}"]), extra=bulk_headers(f"Lettre d'information {cc['de']}", dom))
    return m, NT("newsletter", notes="mass mailing to residents" + (" worded as an invitation" if inviting else ""),
                 feats=["list_headers", "unsubscribe"] + (["inviting_words"] if inviting else []))


def g_agenda(i):
    h = hday(); c = com(); cc = C[c]; dom = mairie_dom(c)
    items = []
    for k in range(R.randint(3, 6)):
        d = later(h, 3 + 7 * k, 9 + 7 * k)
        e = R.choice(["Concert de l'harmonie", "Exposition photo « Nos quartiers »", "Lecture contée pour les 3-6 ans",
                      "Ciné-débat", "Loto du club de foot", "Atelier compostage", "Bal country", "Théâtre : « Le Dîner de cons »",
                      "Marché des producteurs", "Balade nature commentée", "Braderie du Secours populaire"])
        items.append(f"{fdate(d, R.choice(['fullcap', 'numwd_short', 'noyear']))} – {ftim()} – {e} – {R.choice(HALLS_GEN + HALLS_SHOW)['bare']}")
    body = (R.choice(["AGENDA CULTUREL", f"Sortir {cc['a']} – l'agenda du mois", "Vos sorties ce mois-ci"]) + "\n\n" + "\n".join(items) +
            "\n\nEntrée libre sauf mention contraire. Renseignements : service culturel, " + phone56() + "\n\n" + R.choice(UNSUB).format(dom=dom))
    m = mk(body, addr(f"Service culturel {cc['de']}", f"culture@{dom}"), f"Agenda culturel – {MO[later(h,3,9).month-1]}", hdr_dt(h),
           mid_for(f"ag{i}", dom), mode=R.choice(["html", "alt", "plain"]), to="undisclosed-recipients:;", extra=bulk_headers("Agenda culturel", dom))
    return m, NT("municipal_agenda", notes="municipal agenda sent to a list", feats=["list_headers", "several_dates"])


def g_members(i):
    h = hday(); c = com(); p = person()
    asso = R.choice(ASSO_NAMES["asso"] + ASSO_NAMES["asso_ac"] + ASSO_NAMES["asso_sport"]).format(de=C[c]["de"])
    d = later(h, 15, 50)
    body = R.choice([
        f"À tous nos adhérents,\n\nVous êtes convoqués à l'assemblée générale ordinaire de {asso}, le {fdate(d, 'full')} à {ftim()}, {R.choice(HALLS_GEN)['a']} {C[c]['de']}.\n\nOrdre du jour : rapport moral, rapport financier, renouvellement du bureau, questions diverses.\n\nPensez à régler votre cotisation {d.year} (20 €). Les pouvoirs sont à retourner avant le {fdate(earlier(d, 2, 5), 'nowd_noyear')}.\n\nLe secrétaire",
        f"Chers adhérents, chers amis,\n\nNotre traditionnel repas de fin de saison aura lieu {le_date(d, 'noyear')} à {ftim()}. Nous avons le plaisir de vous y inviter avec vos conjoints ! Inscription auprès de {full(p)} avant le {fdate(earlier(d, 3, 8), 'numshort')}.\n\nSportivement,\nLe bureau de {asso}",
        f"Bonjour à toutes et à tous,\n\nPetit rappel : la sortie annuelle est fixée au {fdate(d, 'nowd')}. Départ du car à {ftim()} devant la mairie. Il reste 6 places.\n\nÀ bientôt,\n{full(p)}\n{asso}\n\nVous recevez ce message en tant que membre de l'association.",
    ])
    m = mk(body, addr(asso, pmail(p)), R.choice(["Convocation AG", "Infos adhérents", f"Repas de fin de saison {d.year}", "[Adhérents] Rappel"]),
           hdr_dt(h), mid_for(f"mb{i}", "asso"), to=R.choice(["undisclosed-recipients:;", f"adherents-{slug(c)}@googlegroups.com"]),
           extra={"Precedence": "list", "List-Id": f"<adherents-{slug(c)}.googlegroups.com>"} if R.random() < 0.6 else None)
    return m, NT("members_mailing", notes="association mailing to all its members", feats=["to_members"])


def g_press(i):
    h = hday(); c = com(); cc = C[c]; dom = mairie_dom(c); d = later(h, 3, 20)
    body = R.choice([
        f"INVITATION PRESSE\n\nÀ l'attention des rédactions\n\nLa Ville {cc['de']} a le plaisir de convier les journalistes à la présentation de la saison culturelle, le {fdate(d, 'full')} à {ftim()}, {R.choice(HALLS_GEN)['a']}.\n\nUn point presse suivra avec le maire et l'adjointe à la culture.\n\nContact presse : {full(person('F'))} – {mobile()}",
        f"Mesdames, Messieurs les journalistes,\n\nNous avons le plaisir de vous inviter à la conférence de presse de lancement de la Fête du fleuve, {le_date(d, 'noyear')} à {ftim()} à la capitainerie {cc['de']}.\n\nMerci de confirmer votre venue au service communication.\n\nService communication – Ville {cc['de']}",
        f"Invitation presse – visite de chantier\n\nLes médias sont invités à la visite du chantier de la future piscine intercommunale, {le_date(d, 'numwd')} à {ftim()}. Port des chaussures de sécurité obligatoire. Accréditation : presse@{dom}",
    ])
    m = mk(body, addr(f"Communication – Ville {cc['de']}", f"presse@{dom}"), R.choice(["Invitation presse", "[PRESSE] Invitation", "Point presse", "Conférence de presse – invitation"]),
           hdr_dt(h), mid_for(f"pr{i}", dom), to=R.choice(["redactions@liste-presse-exemple.fr", "undisclosed-recipients:;"]),
           extra={"Bcc": OFFICE} if False else None, mode=R.choice(["plain", "alt"]))
    return m, NT("press_invitation", notes="invitation addressed to the media", feats=["press", "inviting_words"])


def g_communique(i):
    h = hday(); c = com(); d = earlier(h, 1, 6)
    body = R.choice([
        f"COMMUNIQUÉ DE PRESSE\n{C[c]['name']}, le {fdate(h, 'nowd')}\n\nLe conseil municipal réuni le {fdate(d, 'full')} a adopté à l'unanimité le plan local de mobilité. Les premiers aménagements débuteront {R.choice(['à l’automne', 'au printemps prochain', 'en janvier'])}.\n\nContact presse : {mobile()}",
        f"Communiqué\n\nSuite aux inondations du {fdate(d, 'nowd_noyear')}, la commune {C[c]['de']} a sollicité la reconnaissance de l'état de catastrophe naturelle. Les sinistrés sont invités à déclarer leurs dommages en mairie avant le {fdate(later(h, 10, 30), 'full')}.",
    ])
    m = mk(body, addr(f"Mairie {C[c]['de']}", f"communication@{mairie_dom(c)}"), R.choice(["Communiqué de presse", "CP – " + C[c]["name"], "Communiqué"]),
           hdr_dt(h), mid_for(f"cp{i}", "cp"), to="undisclosed-recipients:;")
    return m, NT("press_release", feats=["press"])


def g_webinar(i):
    h = hday(); d = later(h, 5, 30); t = R.choice([(10, 0), (11, 0), (14, 0), (17, 30), (18, 0), (12, 30)])
    org = R.choice(["France Urbaine", "l'Agence régionale de santé Nouvelle-Aquitaine", "Cerema Sud-Ouest", "la Banque des Territoires",
                    "le réseau Territoires zéro chômeur", "l'ADEME Nouvelle-Aquitaine", "Gironde Numérique"])
    topic = R.choice(["la rénovation énergétique des bâtiments publics", "le zéro artificialisation nette", "les nouvelles aides à l'installation des médecins",
                      "la cybersécurité des petites communes", "le fonds vert", "la gestion du trait de côte"])
    body = R.choice([
        f"Madame la Députée,\n\nNous avons le plaisir de vous inviter à notre webinaire consacré à {topic}, le {fdate(d, 'full')} de {fh(t)} à {fh(add_time(t, 90))}.\n\nLe lien de connexion Zoom vous sera adressé la veille.\n\nL'équipe de {org}",
        f"Bonjour,\n\n{org[0].upper() + org[1:]} vous convie à une visioconférence d'information sur {topic} : {le_date(d, 'noyear')} à {fh(t)} (1 heure).\nRejoindre la réunion Microsoft Teams : https://teams.microsoft.com/l/meetup-join/19%3ameeting_{hashlib.md5(str(i).encode()).hexdigest()[:20]}\n\nCordialement",
        f"Madame la Députée,\n\nDans le cadre du cycle « Élus et transitions », un temps d'échange en ligne est organisé {le_date(d, 'numwd')} à {fh(t)} sur {topic}. Inscription : https://webikeo.fr/webinar/{R.randint(1000, 9999)}\n\nBien cordialement",
    ])
    feats = ["online_only"]
    if R.random() < 0.5:
        ics = make_ics(f"web{i}@webinar-exemple.fr", hdr_dt(h).astimezone(dt.timezone.utc), f"Webinaire – {topic}", d, t, add_time(t, 90),
                       "Réunion Microsoft Teams", "Organisation", "events@webinar-exemple.fr", mode=R.choice(["tz", "utc"]))
        m = MIMEMultipart("alternative")
        m.attach(text_part(body))
        m.attach(ics_part(ics, False))
        finish(m, addr(org[0].upper() + org[1:], "events@webinar-exemple.fr"), OFFICE, f"Webinaire : {topic}", hdr_dt(h), mid_for(f"wb{i}", "web"))
        return m, NT("webinar", "ics", "online only, iCalendar REQUEST with an online location", feats + ["ics_request"])
    m = mk(body, addr(org[0].upper() + org[1:], "events@webinar-exemple.fr"), R.choice([f"[Webinaire] {topic}", "Invitation webinaire", "Visio d'information"]),
           hdr_dt(h), mid_for(f"wb{i}", "web"))
    return m, NT("webinar", notes="online only", feats=feats)


def g_visio(i):
    h = hday(); d = later(h, 2, 15); t = (R.randint(9, 17), R.choice([0, 30]))
    p = person()
    body = f"""Bonjour,

Comme convenu avec votre collaborateur, je vous propose un point en visio sur le dossier de la maison de santé, {le_date(d, 'full')} à {fh(t)} (30 minutes).

Lien Google Meet : https://meet.google.com/{''.join(R.choice('abcdefghijk') for _ in range(3))}-{''.join(R.choice('mnopqrstuv') for _ in range(4))}-abc

Cordialement,
{full(p)}"""
    ics = make_ics(f"visio{i}@meet-exemple.fr", hdr_dt(h).astimezone(dt.timezone.utc), "Point visio – maison de santé", d, t, add_time(t, 30),
                   "Google Meet", full(p), pmail(p), mode=R.choice(["tz", "utc"]), prodid="-//Google Inc//Google Calendar 70.9054//EN")
    m = MIMEMultipart("mixed")
    alt = MIMEMultipart("alternative"); alt.attach(text_part(body)); alt.attach(ics_part(ics, False))
    m.attach(alt); m.attach(ics_part(ics, True, filename="invite.ics"))
    finish(m, addr(full(p), pmail(p)), OFFICE, f"Invitation: Point visio maison de santé @ {fdate(d, 'numwd')} {fh(t, 'colon')}", hdr_dt(h), mid_for(f"vi{i}", "meet"))
    return m, NT("video_meeting", "ics", "video meeting, no place", ["online_only", "ics_request"])


APPT = [
    "Madame la Députée,\n\nJe me permets de solliciter un rendez-vous à votre permanence au sujet de la situation de mon fils, en attente d'une place en IME depuis deux ans. Je suis disponible le {d1} ou le {d2}, de préférence le matin.\n\nRespectueusement,\n{name}\n{adr}",
    "Madame la Députée,\n\nL'association des riverains de la zone d'activités souhaiterait vous rencontrer pour vous exposer les nuisances liées au trafic de poids lourds. Nous serions heureux de vous recevoir pour échanger sur ce dossier, par exemple le {d1} à {t} au local de l'association ({adr}).\n\nDans l'attente de votre réponse, veuillez agréer nos salutations respectueuses.\n\n{name}, président",
    "Bonjour,\n\nSerait-il possible d'obtenir un rendez-vous avec Mme Larrouy le {d1} vers {t} ? Je serai de passage à la permanence de Libourne ce jour-là. C'est au sujet de mon dossier de retraite bloqué à la CARSAT.\n\nMerci d'avance,\n{name}",
    "Madame la Députée,\n\nNous serions heureux de vous recevoir dans nos locaux pour échanger sur les difficultés de recrutement de notre filière. Nous vous proposons le {d1} à {t}, ou toute autre date à votre convenance.\n\nBien respectueusement,\n{name}\nDirecteur, {co}\n{adr}",
    "Madame,\n\nJe sollicite un entretien pour évoquer la fermeture annoncée de la classe de CE1 de notre école. Les parents d'élèves peuvent se rendre disponibles le {d1} après 17h ou le {d2}.\n\nCordialement,\n{name}\nReprésentante des parents d'élèves",
    "Madame la Députée,\n\nÀ la suite de notre échange téléphonique, je vous confirme ma demande de rendez-vous. M. le Maire pourrait vous rencontrer en mairie le {d1} à {t} pour faire le point sur le dossier de la déviation.\n\nBien cordialement,\n{name}\nDirectrice générale des services",
]


def g_appointment(i):
    h = hday(); c = com(); p = person()
    d1, d2 = later(h, 4, 20), later(h, 21, 35)
    body = R.choice(APPT).format(d1=fdate(d1, R.choice(["full", "noyear", "numwd"])), d2=fdate(d2, R.choice(["full", "noyear"])),
                                 t=ftim(), name=full(p), adr=f"{street()}, {C[c]['cp']} {C[c]['name']}",
                                 co=R.choice(["Aquitaine Composites", "Gironde Emballages", "Océane Biotech", "Transports Castaing"]))
    m = mk(body, addr(full(p), pmail(p)), R.choice(["Demande de rendez-vous", "Rendez-vous", "Sollicitation d'un entretien", "Demande de RDV – permanence",
                                                     "Proposition de rencontre"]), hdr_dt(h), mid_for(f"ap{i}", "appt"), mode=R.choice(["plain", "plain", "alt"]))
    inv = "recevoir" in body
    return m, NT("appointment_request", notes="appointment request / proposal to meet" + (" using inviting words" if inv else ""),
                 feats=["proposal_to_meet"] + (["inviting_words"] if inv else []))


def g_company_meet(i):
    h = hday(); c = com(); p = person(); d = later(h, 7, 40)
    co = R.choice(["Aquitaine Composites", "Vignobles Lafon", "Atelier Mécanique du Médoc", "SudOuest Logistique", "Boulangerie industrielle Gascogne"])
    body = R.choice([
        f"Madame la Députée,\n\nNotre entreprise de {R.randint(40, 300)} salariés, implantée {C[c]['a']} depuis 1987, traverse une période charnière. Je vous propose de venir visiter notre site et de rencontrer nos équipes le {fdate(d, 'full')} à {ftim()}, afin d'échanger sur nos besoins en foncier.\n\nDans l'attente de votre retour, je reste à votre disposition.\n\n{full(p)}\nPrésident, {co}\nZI de la Gare – {C[c]['cp']} {C[c]['name']}",
        f"Bonjour,\n\nSuite au courrier de notre fédération, nous serions heureux de vous accueillir pour une rencontre de travail sur l'apprentissage, le {fdate(d, 'numwd')} de {fh((9, 0))} à {fh((11, 0))} dans nos locaux {C[c]['de']}. Pourriez-vous nous dire si ce créneau convient ?\n\n{full(p)} – {co}",
    ])
    m = mk(body, addr(full(p), f"contact@{slug(co).replace('-', '')}.fr"), R.choice(["Proposition de visite", "Rencontre de travail", "Demande de rencontre"]),
           hdr_dt(h), mid_for(f"cm{i}", "co"))
    return m, NT("proposal_to_meet", notes="proposal to meet at a company", feats=["proposal_to_meet", "inviting_words"])


def g_thanks(i):
    h = hday(); c = com(); p = person(); d = earlier(h, 2, 12)
    what = R.choice(["l'inauguration de la médiathèque", "notre assemblée générale", "la cérémonie du 11 Novembre", "la Sainte-Barbe",
                     "la fête du club", "notre forum de l'emploi", "la remise des médailles du travail", "le repas des aînés"])
    end = R.choice(["Au plaisir de vous accueillir à nouveau dans notre commune.", "Au plaisir de vous accueillir à nouveau très bientôt !",
                    "Nous espérons vous revoir l'an prochain.", "Encore merci, et à bientôt.", "Avec toute notre gratitude,"])
    body = R.choice([
        f"Madame la Députée,\n\nAu nom de toute l'équipe, je tiens à vous remercier chaleureusement pour votre présence à {what}, le {fdate(d, R.choice(['full', 'noyear', 'nowd_noyear']))}. Vos mots ont beaucoup touché les bénévoles.\n\n{end}\n\n{full(p)}",
        f"Chère Sophie,\n\nMerci d'être venue samedi ! Les photos de {what} sont en ligne sur notre page Facebook.\n\n{end}\n\nAmitiés,\n{p['prenom']}",
        f"Madame,\n\nLe conseil d'administration vous remercie pour votre participation à {what} du {fdate(d, 'numeric')} à {C[c]['name']}. Vous trouverez ci-joint quelques photos souvenirs.\n\n{end}\n\nLe Président",
    ])
    m = mk(body, addr(full(p), pmail(p)), R.choice(["Merci !", "Remerciements", f"Merci pour votre présence", "Suite à " + what]), hdr_dt(h),
           mid_for(f"th{i}", "thanks"), mode=R.choice(["plain", "alt", "html"]))
    return m, NT("thanks", notes="thank-you letter after the event", feats=["after_event"] + (["inviting_words"] if "accueillir" in body else []))


def g_report(i):
    h = hday(); c = com(); d = earlier(h, 3, 20)
    body = f"""Compte rendu – {R.choice(['assemblée générale', 'réunion du comité de pilotage', 'comice agricole', 'forum des associations'])} du {fdate(d, 'full')}

Présents : 34 adhérents, M. le Maire {C[c]['de']}, Mme la conseillère départementale.
La séance s'est ouverte à {ftim()} {R.choice(HALLS_GEN)['a']} {C[c]['de']}.

1. Rapport moral : adopté à l'unanimité.
2. Rapport financier : excédent de 2 340 €.
3. Élection du bureau.

La prochaine réunion sera fixée ultérieurement.

Le secrétaire de séance"""
    m = mk(body, addr("Secrétariat", f"secretariat@{slug(c)}-asso.fr"), f"Compte rendu du {fdate(d, 'numeric')}", hdr_dt(h), mid_for(f"rp{i}", "rp"))
    return m, NT("report", notes="report after the event", feats=["after_event"])


def g_cancel(i):
    h = hday(); c = com(); d = later(h, 2, 25); p = person()
    what = R.choice(["l'inauguration du skatepark", "la cérémonie des vœux", "notre assemblée générale", "le concert de l'harmonie", "la fête locale",
                     "la Sainte-Barbe", "le comice agricole"])
    body = R.choice([
        f"Madame la Députée,\n\nNous avons le regret de vous informer que {what}, prévue le {fdate(d, 'full')} à {ftim()}, est annulée en raison des conditions météorologiques.\n\nVeuillez nous en excuser.\n\n{full(p)}",
        f"Bonjour,\n\nSuite au deuil qui frappe notre commune, {what} du {fdate(d, 'noyear')} est annulé(e). Nous ne manquerons pas de revenir vers vous.\n\nCordialement,\nLe secrétariat de la mairie {C[c]['de']}",
        f"ANNULATION\n\n{what[0].upper() + what[1:]} prévu(e) {le_date(d, 'numwd')} {C[c]['a']} ne pourra avoir lieu. Nous vous remercions de votre compréhension.",
    ])
    if R.random() < 0.4:
        ics = make_ics(f"cancel{i}@{mairie_dom(c)}", hdr_dt(h).astimezone(dt.timezone.utc), what[0].upper() + what[1:], d, (11, 0), (12, 30),
                       f"Salle des fêtes, {C[c]['name']}", full(p), pmail(p), method="CANCEL", status="CANCELLED", seq=1)
        m = MIMEMultipart("alternative"); m.attach(text_part(body)); m.attach(ics_part(ics, False, method="CANCEL"))
        finish(m, addr(full(p), pmail(p)), OFFICE, "Annulé : " + what, hdr_dt(h), mid_for(f"cn{i}", "cancel"))
        return m, NT("cancellation", "ics", "cancellation, iCalendar METHOD:CANCEL", ["cancel", "ics_cancel"])
    m = mk(body, addr(full(p), pmail(p)), R.choice(["Annulation", "ANNULATION – " + what, "Annulation de " + what]), hdr_dt(h), mid_for(f"cn{i}", "cancel"))
    return m, NT("cancellation", notes="cancellation without a new date", feats=["cancel"])


def g_postpone(i):
    h = hday(); c = com(); d = later(h, 2, 25)
    what = R.choice(["l'inauguration de la crèche", "la pose de la première pierre", "notre assemblée générale", "la fête du port"])
    body = R.choice([
        f"Madame la Députée,\n\nPour des raisons indépendantes de notre volonté, {what} initialement prévue le {fdate(d, 'full')} est reportée à une date ultérieure. Nous vous tiendrons informée de la nouvelle date dès que possible.\n\nAvec nos excuses,\nLa mairie {C[c]['de']}",
        f"Bonjour,\n\nReport de {what} ({fdate(d, 'numeric')}) : les travaux ayant pris du retard, l'événement est repoussé à l'automne. Une nouvelle invitation vous parviendra.\n\nCordialement",
    ])
    m = mk(body, addr(f"Mairie {C[c]['de']}", f"accueil@{mairie_dom(c)}"), R.choice(["Report", "Report de l'événement", "Changement de date – à suivre"]),
           hdr_dt(h), mid_for(f"po{i}", "report"))
    return m, NT("postponement", notes="postponed without a new date", feats=["postponed_no_date"])


def g_reply_own(i):
    h = hday(); c = com(); p = person(); d = later(h, 3, 20)
    what = R.choice(["la réunion publique sur la ligne TER Bordeaux–Arcachon", "le petit-déjeuner des maires de la circonscription",
                     "la cérémonie de remise des prix du concours des écoles", "la réunion d'information sur le fonds vert", "la visite de l'Assemblée nationale"])
    body = R.choice([
        f"Madame la Députée,\n\nJe vous remercie pour votre invitation à {what} du {fdate(d, 'full')}. J'y participerai avec plaisir, accompagné de mon adjoint.\n\nBien cordialement,\n{full(p)}\nMaire {C[c]['de']}",
        f"Bonjour,\n\nMalheureusement, M. le Maire ne pourra pas se rendre à {what} le {fdate(d, 'noyear')} à {ftim()}, étant retenu par un conseil communautaire. Il vous prie de l'excuser.\n\nCordialement,\nSecrétariat du maire {C[c]['de']}",
        f"Madame,\n\nJ'accuse réception de votre aimable invitation pour le {fdate(d, 'numeric')}. Je serai présente.\n\n{full(p)}",
    ])
    subj = "RE: Invitation – " + what
    if R.random() < 0.35:
        st = R.choice(STAFF[:3])
        body = f"Pour info : réponse à notre invitation du {fdate(d, 'numshort')}.\n\n" + fwd_block(R.choice(["outlook", "gmail"]), f"{full(p)} <{pmail(p)}>", OFFICE, hdr_dt(h), subj, body)
        m = mk(body, addr(*st), "TR: " + subj, hdr_dt(later(h, 0, 1)), mid_for(f"ro{i}", "fwd"), to=OFFICE)
        return m, NT("reply_to_office_invitation", "forward", "reply to the office's own invitation, forwarded by staff", ["reply", "fwd"])
    m = mk(body, addr(full(p), pmail(p)), subj, hdr_dt(h), mid_for(f"ro{i}", "reply"),
           extra={"In-Reply-To": f"<inv{i}@deputee-larrouy-exemple.fr>"} if R.random() < 0.5 else None)
    return m, NT("reply_to_office_invitation", notes="the office organises", feats=["reply"])


def g_petition(i):
    h = hday(); d = later(h, 10, 60); p = person()
    body = R.choice([
        f"Madame la Députée,\n\nNous vous invitons à signer et à relayer notre pétition contre la fermeture de la maternité, avant le {fdate(d, 'full')}, date à laquelle elle sera remise à l'ARS : https://www.change.org/p/maternite-{R.randint(100, 999)}\n\nLe collectif de défense",
        f"Bonjour,\n\nUne pétition pour la réouverture du guichet SNCF circule depuis le {fdate(earlier(h, 5, 20), 'nowd_noyear')} ; plus de 2 000 signatures. Pouvez-vous la soutenir publiquement ?\n\n{full(p)}",
    ])
    m = mk(body, addr(full(p), pmail(p)), R.choice(["Pétition", "Signez la pétition !", "Soutien à notre pétition"]), hdr_dt(h), mid_for(f"pe{i}", "pet"))
    return m, NT("petition", notes="invitation to sign a petition", feats=["inviting_words"])


def g_survey(i):
    h = hday(); d = later(h, 7, 30)
    org = R.choice(["l'Association des maires de France", "Cap Sciences", "l'Observatoire régional de la santé", "l'INSEE", "la CCI"])
    body = f"""Madame la Députée,

{org[0].upper() + org[1:]} vous invite à répondre à son enquête annuelle sur les besoins des territoires, avant le {fdate(d, R.choice(['full', 'numeric', 'noyear']))}.
Le questionnaire prend 10 minutes : https://enquetes-exemple.fr/s/{R.randint(10000, 99999)}

Merci pour votre participation !"""
    m = mk(body, addr(org, "enquete@enquetes-exemple.fr"), R.choice(["Enquête – votre avis compte", "Questionnaire", "Dernier rappel : enquête"]),
           hdr_dt(h), mid_for(f"sv{i}", "survey"), to="undisclosed-recipients:;" if R.random() < 0.5 else OFFICE)
    return m, NT("survey", notes="invitation to answer a survey", feats=["deadline", "inviting_words"])


def g_subsidy(i):
    h = hday(); c = com(); p = person(); d = later(h, 40, 150)
    fest = R.choice(["festival de musiques du monde", "festival du court-métrage", "fête médiévale", "festival de théâtre de rue", "festival des jeux"])
    body = f"""Madame la Députée,

L'association {R.choice(['Les Tréteaux', 'Musiques en Jalle', 'Ciné-Passion', 'La Compagnie du Bord de l’eau', 'Ludik'])} organisera la {R.randint(2, 18)}e édition de son {fest} du {fdate(d, 'nowd_noyear')} au {fdate(later(d, 1, 2), 'nowd')}, {R.choice(HALLS_GEN)['a']} {C[c]['de']}. Nous attendons près de 3 000 spectateurs.

Afin de boucler notre budget, nous sollicitons votre soutien pour une subvention de 3 000 €. Vous trouverez ci-joint notre dossier et notre budget prévisionnel.

Avec nos remerciements,
{full(p)}, trésorier"""
    m = mk(body, addr(full(p), pmail(p)), R.choice(["Demande de subvention", "Sollicitation de soutien financier", f"Dossier de subvention – {fest}"]),
           hdr_dt(h), mid_for(f"sb{i}", "sub"))
    return m, NT("subsidy_request", notes="association describing its own future festival to ask for money", feats=["future_festival"])


def g_deadline(i):
    h = hday(); d = later(h, 5, 60)
    body = R.choice([
        f"Madame, Monsieur,\n\nNous vous rappelons que les dossiers de candidature au Fonds de soutien aux associations doivent être déposés au plus tard le {fdate(d, 'full')} à minuit sur la plateforme.\n\nLa préfecture de la Gironde",
        f"Bonjour,\n\nDate limite de dépôt des amendements pour le projet de loi : {fdate(d, 'numwd')}, {ftim()}.\n\nLe secrétariat du groupe",
        f"Madame la Députée,\n\nPour mémoire, la réserve ministérielle n'existant plus, les demandes DETR {d.year} sont à transmettre avant le {fdate(d, 'nowd')}.\n\nBien à vous",
        f"Rappel : le rapport d'activité de la permanence est attendu pour le {fdate(d, 'noyear')} au plus tard.",
    ])
    m = mk(body, addr("Secrétariat", R.choice(["pref-subventions@gironde.gouv.fr", "secretariat-groupe@assemblee-exemple.fr"])),
           R.choice(["Date limite", "Rappel échéance", "Échéance", "Dépôt des dossiers"]), hdr_dt(h), mid_for(f"dl{i}", "dl"))
    return m, NT("deadline", feats=["deadline"])


def g_council_past(i):
    h = hday(); c = com(); d = earlier(h, 2, 14)
    body = f"""Madame la Députée,

Vous trouverez ci-joint le procès-verbal du conseil municipal {C[c]['de']} qui s'est tenu le {fdate(d, R.choice(['full', 'noyear', 'numeric']))} à {ftim((19, 0))}. Le conseil y a adopté la motion relative au maintien du bureau de poste.

Cordialement,
Le Directeur général des services"""
    m = mk(body, addr("DGS", f"dgs@{mairie_dom(c)}"), R.choice(["PV du conseil municipal", "Conseil municipal – procès-verbal", "Motion adoptée en conseil"]),
           hdr_dt(h), mid_for(f"cc{i}", "cm"))
    return m, NT("council_past", notes="council meeting held earlier", feats=["past_date"])


def g_decree(i):
    h = hday(); d = earlier(h, 2, 30); d2 = later(h, 5, 40)
    body = R.choice([
        f"Madame la Députée,\n\nPour information, l'arrêté préfectoral n° 33-{d.year}-{R.randint(100, 999)} du {fdate(d, 'nowd')} portant restriction des usages de l'eau s'applique jusqu'au {fdate(d2, 'nowd')} inclus.\n\nCabinet du préfet",
        f"Le décret n° {d.year}-{R.randint(100, 1500)} du {fdate(d, 'nowd')} relatif aux conditions d'attribution de la dotation de solidarité rurale entrera en vigueur le {fdate(d2, 'nowd')}. Une note d'analyse est jointe.",
        f"Bonjour,\n\nLa loi du {fdate(d, 'nowd')} prévoit une entrée en vigueur des nouvelles règles au {fdate(d2, 'numeric')}. Notre fédération s'interroge sur les décrets d'application.\n\nCordialement",
    ])
    m = mk(body, addr("Veille juridique", "veille@juri-exemple.fr"), R.choice(["Arrêté préfectoral", "Publication d'un décret", "Veille juridique"]),
           hdr_dt(h), mid_for(f"dc{i}", "dc"))
    return m, NT("decree", feats=["past_date"])


def g_roadworks(i):
    h = hday(); c = com(); d = later(h, 3, 30); d2 = later(d, 3, 25)
    body = R.choice([
        f"Information travaux\n\nDes travaux de réfection de chaussée seront réalisés {R.choice(STREETS)} {C[c]['a']} du {fdate(d, 'full')} au {fdate(d2, 'full')}, de {fh((8, 0))} à {fh((17, 0))}. La circulation sera alternée.\n\nBordeaux Métropole – Pôle territorial",
        f"Madame, Monsieur,\n\nLa RD {R.randint(1, 1300)} sera fermée à la circulation entre {C[c]['name']} et {C[com()]['name']} la nuit du {fdate(d, 'numeric')} de 21h à 6h. Une déviation sera mise en place.\n\nDépartement de la Gironde – Centre routier",
    ])
    m = mk(body, addr("Info travaux", "infotravaux@routes-exemple.fr"), R.choice(["Travaux", "Info travaux – fermeture de route", "Avis de travaux"]),
           hdr_dt(h), mid_for(f"rw{i}", "rw"))
    return m, NT("roadworks", feats=["dates_and_hours"])


def g_cut(i):
    h = hday(); c = com(); d = later(h, 3, 20)
    if R.random() < 0.55:
        body = f"""Coupure d'électricité pour travaux

Afin d'améliorer la qualité de la distribution, Enedis réalisera des travaux sur le réseau électrique qui alimente votre commune. Une ou plusieurs coupures auront lieu le {fdate(d, 'full')} entre {fh((8, 30))} et {fh((12, 0))}.
Communes concernées : {C[c]['name']} (secteurs {R.choice(STREETS)}, {R.choice(STREETS)}).

Enedis – Direction régionale Aquitaine Nord"""
        sub, cat = "Avis de coupure pour travaux", "power_cut"
    else:
        body = f"""Madame, Monsieur,

En raison d'une intervention sur le réseau d'eau potable, l'alimentation sera interrompue {le_date(d, 'numwd')} de {fh((9, 0))} à {fh((16, 0))} {C[c]['a']}. Nous vous recommandons de constituer une petite réserve d'eau.

Le service de l'eau"""
        sub, cat = "Coupure d'eau programmée", "water_cut"
    m = mk(body, addr("Service clients", "noreply@reseaux-exemple.fr"), sub, hdr_dt(h), mid_for(f"ct{i}", "cut"),
           to="undisclosed-recipients:;" if R.random() < 0.5 else OFFICE)
    return m, NT(cat, feats=["dates_and_hours"])


def g_school(i):
    h = hday(); d = later(h, 5, 60)
    body = R.choice([
        f"Calendrier scolaire {d.year}-{d.year + 1} – zone A\n\nRentrée des enseignants : {fdate(d, 'full')}\nVacances de la Toussaint : du {fdate(shift_to(D(d.year, 10, 17), [5]), 'full')} au {fdate(shift_to(D(d.year, 10, 17), [5]) + dt.timedelta(days=16), 'full')}\nVacances de Noël : du {fdate(shift_to(D(d.year, 12, 18), [5]), 'full')} au {fdate(shift_to(D(d.year, 12, 18), [5]) + dt.timedelta(days=16), 'full')}\n\nRectorat de Bordeaux",
        f"Madame, Monsieur,\n\nEn raison d'un mouvement de grève, l'école élémentaire Jean-Moulin sera fermée {le_date(d, 'full')}. Un service minimum d'accueil sera organisé de {fh((7, 30))} à {fh((18, 0))} au centre de loisirs.\n\nLa mairie",
        f"Bonjour,\n\nLa fermeture de la classe de CM2 a été confirmée par le DASEN ; elle sera effective à la rentrée du {fdate(d, 'nowd')}. Les parents se mobilisent.\n\nCordialement",
    ])
    m = mk(body, addr("Information écoles", "ecoles@edu-exemple.fr"), R.choice(["Calendrier scolaire", "Fermeture de l'école", "Carte scolaire"]),
           hdr_dt(h), mid_for(f"sc{i}", "sc"))
    return m, NT("school", feats=["dates"])


def g_job(i):
    h = hday(); p = person(); d = later(h, 3, 15)
    body = R.choice([
        f"Madame la Députée,\n\nJe suis convoqué à un entretien d'embauche chez Airbus à Mérignac le {fdate(d, 'full')} à {ftim()}, mais je n'ai toujours pas reçu ma carte de séjour renouvelée. Pourriez-vous intervenir auprès de la préfecture ?\n\nRespectueusement,\n{full(p)}",
        f"Bonjour,\n\nSuite à votre offre de collaborateur parlementaire, je vous confirme ma disponibilité pour un entretien le {fdate(d, 'noyear')} à {ftim()} à la permanence.\n\nCordialement,\n{full(p)}",
        f"Madame,\n\nVous avez bien voulu me recevoir en entretien le {fdate(earlier(h, 2, 9), 'full')} pour le poste d'assistant. Je me permets de vous relancer.\n\n{full(p)}",
    ])
    m = mk(body, addr(full(p), pmail(p)), R.choice(["Entretien", "Candidature – entretien", "Demande d'aide – entretien d'embauche"]),
           hdr_dt(h), mid_for(f"jb{i}", "job"))
    return m, NT("job_interview", feats=["date_in_passing"])


def g_hospital(i):
    h = hday(); p = person(); d = later(h, 3, 40)
    hosp = R.choice(["CHU Pellegrin", "l'hôpital Haut-Lévêque à Pessac", "l'hôpital de Libourne", "la clinique de Mérignac", "l'Institut Bergonié"])
    body = f"""Madame la Députée,

Mon épouse a un rendez-vous pour une chimiothérapie à {hosp} le {fdate(d, R.choice(['full', 'noyear', 'numeric']))} à {ftim()}, mais la CPAM refuse toujours la prise en charge du transport en taxi conventionné. Nous habitons à 40 km et je ne conduis plus.

Pouvez-vous nous aider ? Je vous joins la prescription.

Avec mes remerciements,
{full(p)}"""
    m = mk(body, addr(full(p), pmail(p)), R.choice(["Demande d'aide", "Transport médical", "Au secours CPAM"]), hdr_dt(h), mid_for(f"hs{i}", "hosp"))
    return m, NT("hospital_appointment", notes="citizen's hospital appointment in a request for help", feats=["date_in_passing"])


def g_product(i):
    h = hday(); d = later(h, 5, 25); t = (R.choice([10, 11, 14, 16]), 0)
    co = R.choice(["CivicSoft", "MairieConnect", "ElusPlus", "Territoria Cloud", "GestCourrier Pro"])
    body = f"""Bonjour Madame la Députée,

{co} a le plaisir de vous inviter au lancement en ligne de sa nouvelle solution de gestion du courrier des élus !
Webinaire de lancement : {fdate(d, 'full')} à {fh(t)} – 45 min de démonstration, suivies de questions.

Inscrivez-vous : https://{slug(co)}.example/webinar

L'équipe {co}
Se désinscrire"""
    m = mk(body, addr(co, f"marketing@{slug(co)}.example"), R.choice([f"Lancement {co} – webinaire", "Découvrez notre nouvelle solution", "[Webinaire] Lancement produit"]),
           hdr_dt(h), mid_for(f"pd{i}", "prod"), mode=R.choice(["html", "alt"]), extra=bulk_headers(co, f"{slug(co)}.example"))
    return m, NT("product_launch_webinar", notes="company product launch webinar", feats=["online_only", "commercial", "inviting_words"])


def g_tradefair(i):
    h = hday(); d = later(h, 20, 120)
    fair = R.choice(["Salon des maires et des collectivités locales", "Salon Vinitech-Sifel", "Salon de l'agriculture de Nouvelle-Aquitaine",
                     "Foire internationale de Bordeaux", "Salon des achats publics"])
    body = f"""{fair} – {d.year}

Du {fdate(d, 'nowd_noyear')} au {fdate(later(d, 2, 3), 'nowd')} – Parc des expositions de Bordeaux-Lac

Réservez dès maintenant votre stand : tarifs préférentiels jusqu'au {fdate(earlier(d, 10, 18), 'nowd')} !
Demandez votre badge visiteur gratuit avec le code ELU{d.year}.

Offre réservée aux professionnels. Se désinscrire : https://salon-exemple.fr/unsubscribe"""
    m = mk(body, addr(fair, "info@salon-exemple.fr"), R.choice(["Réservez votre stand", f"{fair} : votre badge gratuit", "Dernières places exposants"]),
           hdr_dt(h), mid_for(f"tf{i}", "fair"), mode=R.choice(["html", "alt"]), extra=bulk_headers(fair, "salon-exemple.fr"),
           to="undisclosed-recipients:;")
    return m, NT("trade_fair_commercial", notes="trade fair commercial mailing", feats=["commercial", "list_headers"])


def g_strike(i):
    h = hday(); d = later(h, 2, 15)
    body = R.choice([
        f"Préavis de grève\n\nL'intersyndicale appelle à la grève dans les services hospitaliers le {fdate(d, 'full')} ; rassemblement devant l'ARS à {ftim()}.\n\nCGT – FO – SUD Santé",
        f"Info trafic TBM : en raison d'un mouvement social, le réseau sera perturbé le {fdate(d, 'noyear')} de {fh((5, 0))} à {fh((21, 0))}.",
    ])
    m = mk(body, addr("Intersyndicale", "contact@syndicat-exemple.fr"), R.choice(["Grève", "Préavis de grève", "Mouvement social"]), hdr_dt(h),
           mid_for(f"st{i}", "strike"), to="undisclosed-recipients:;")
    return m, NT("strike", feats=["dates_and_hours"])


def g_inquiry(i):
    h = hday(); c = com(); d = later(h, 5, 20); d2 = later(d, 25, 35)
    body = f"""AVIS D'ENQUÊTE PUBLIQUE

Projet de parc photovoltaïque au sol – commune {C[c]['de']}

L'enquête publique se déroulera du {fdate(d, 'full')} au {fdate(d2, 'full')} inclus. Le commissaire enquêteur tiendra ses permanences en mairie {C[c]['de']} :
- {fdate(later(d, 1, 3), 'full')} de 9h à 12h ;
- {fdate(later(d, 10, 15), 'full')} de 14h à 17h.

Le dossier est consultable aux heures d'ouverture de la mairie."""
    m = mk(body, addr("Préfecture de la Gironde", "pref-enquetes@gironde.gouv.fr"), "Avis d'enquête publique", hdr_dt(h), mid_for(f"iq{i}", "iq"))
    return m, NT("public_inquiry", notes="public inquiry with hours of permanence", feats=["dates_and_hours"])


def g_rally(i):
    h = hday(); c = com(); d = later(h, 2, 10); p = person("F")
    body = f"""Madame la Députée,

Pour votre information, les parents d'élèves de l'école {R.choice(['Jules-Ferry', 'Pasteur', 'Marie-Curie'])} {C[c]['de']} organisent un rassemblement devant l'école le {fdate(d, 'full')} à {ftim((8, 15))} pour protester contre la suppression d'un poste. Nous vous tiendrons au courant des suites.

{full(p)}, FCPE"""
    m = mk(body, addr(full(p), pmail(p)), "Rassemblement des parents", hdr_dt(h), mid_for(f"ra{i}", "rally"))
    return m, NT("parents_rally_info", notes="parents' rally mentioned for information", feats=["for_information"])


def g_council_future(i):
    h = hday(); c = com(); d = later(h, 5, 20); p = person()
    body = f"""Madame la Députée,

Je vous informe que la question de l'implantation de l'antenne relais sera inscrite à l'ordre du jour du prochain conseil municipal, le {fdate(d, 'full')} à {ftim((19, 0))} (séance publique). Je ne manquerai pas de vous tenir informée de la décision.

Bien cordialement,
{full(p)}, maire {C[c]['de']}"""
    m = mk(body, addr(full(p), f"maire@{mairie_dom(c)}"), "Antenne relais – conseil municipal", hdr_dt(h), mid_for(f"cf{i}", "cf"))
    return m, NT("future_council_info", notes="future public council session mentioned for information", feats=["for_information"])


def g_ordinary(i):
    h = hday(); c = com(); p = person()
    d = R.choice([earlier(h, 2, 40), later(h, 2, 40)])
    body = R.choice([
        f"Bonjour,\n\nJ'ai déposé mon dossier MDPH le {fdate(d, 'nowd')} et je n'ai aucune nouvelle. Pouvez-vous relancer ?\n\n{full(p)}\n{C[c]['name']}",
        f"Madame la Députée,\n\nMon fils passe le baccalauréat le {fdate(d, 'full')} et son convocation mentionne un centre d'examen à 60 km. Est-il possible d'obtenir un changement ?\n\n{full(p)}",
        f"Madame,\n\nMon permis de conduire a été suspendu le {fdate(d, 'nowd_noyear')} à la suite d'une erreur de l'ANTS. Je dois reprendre le travail le {fdate(later(h, 3, 20), 'noyear')}. Merci de votre aide.\n\n{full(p)}",
        f"Bonjour,\n\nJe vous écris au sujet de la ligne de bus 601 supprimée depuis le {fdate(d, 'numeric')}. Nous sommes nombreux à {C[c]['name']} à ne plus pouvoir aller travailler.\n\nCordialement,\n{full(p)}",
        f"Madame la Députée,\n\nMon dossier de naturalisation est en attente depuis le {fdate(d, 'full')}. La cérémonie d'accueil à laquelle mes amis ont été invités s'est tenue sans moi... Pouvez-vous vous renseigner ?\n\n{full(p)}",
        f"Bonjour Madame,\n\nSuite à la tempête du {fdate(earlier(h, 3, 20), 'nowd_noyear')}, notre toiture est endommagée et l'assurance traîne. L'expert doit passer le {fdate(later(h, 3, 15), 'noyear')} entre {fh((8, 0))} et {fh((12, 0))}.\n\n{full(p)}",
    ])
    m = mk(body, addr(full(p), pmail(p)), R.choice(["Demande d'aide", "Ma situation", "Besoin de votre aide", "Réclamation", "Question"]),
           hdr_dt(h), mid_for(f"or{i}", "ord"), mode=R.choice(["plain", "plain", "alt"]), charset=R.choice(["utf-8", "utf-8", "iso-8859-1"]))
    return m, NT("ordinary_request", notes="request mentioning a date in passing", feats=["date_in_passing"])


def g_relay(i):
    h = hday(); c = com(); d = later(h, 10, 50); p = person()
    body = f"""Madame la Députée,

Notre association organise {R.choice(['une collecte de sang', 'une course solidaire', 'une journée de dépistage gratuit', 'un troc de plantes'])} le {fdate(d, 'full')} de {fh((9, 0))} à {fh((17, 0))} {R.choice(HALLS_GEN)['a']} {C[c]['de']}.

Pourriez-vous relayer l'information sur vos réseaux sociaux et dans votre lettre d'information ? L'affiche est en pièce jointe.

Merci d'avance,
{full(p)}"""
    m = mk(body, addr(full(p), pmail(p)), R.choice(["Demande de relais", "Pouvez-vous relayer ?", "Diffusion de notre événement"]), hdr_dt(h), mid_for(f"rl{i}", "relay"))
    return m, NT("relay_request", notes="invitation to relay information, not to attend", feats=["relay"])


def g_fwd_non(i):
    h = hday(); c = com(); d = later(h, 5, 30); st = R.choice(STAFF[:3])
    inner = R.choice([
        f"Chers habitants,\n\nLa municipalité a le plaisir de vous inviter au grand bal populaire du {fdate(d, 'full')} à 21h sur la place {C[c]['de']}. Venez nombreux !\n\nLa mairie {C[c]['de']}\n\nSe désinscrire de la newsletter",
        f"Bonjour à tous,\n\nLe webinaire « Élus et sobriété foncière » aura lieu le {fdate(d, 'noyear')} à 18h sur Zoom. Inscription obligatoire.\n\nL'équipe Cerema",
        f"Madame la Députée,\n\nNous vous remercions pour votre présence à notre gala du {fdate(earlier(h, 2, 8), 'nowd_noyear')}. Au plaisir de vous accueillir à nouveau !\n\nL'école de danse",
    ])
    body = R.choice(["Pour info.", "À classer.", "Rien à faire, juste pour info.", "Vu passer, je ne pense pas que ce soit pour nous."]) + "\n\n" + \
        fwd_block(R.choice(["outlook", "gmail", "thunderbird"]), f"Expéditeur <contact@{mairie_dom(c)}>", "sophie.larrouy@assemblee-nationale-exemple.fr",
                  hdr_dt(earlier(h, 0, 2)), "Information", inner)
    m = mk(body, addr(*st), "TR: Information", hdr_dt(h), mid_for(f"fn{i}", "fwdnon"), to=OFFICE)
    return m, NT("forwarded_non_invitation", "forward", "forward of a mailing, a webinar or a thank-you", ["fwd"])


NON_PLAN = [(g_newsletter, 16), (g_agenda, 12), (g_members, 14), (g_press, 12), (g_communique, 8), (g_webinar, 14), (g_visio, 8),
            (g_appointment, 16), (g_company_meet, 10), (g_thanks, 14), (g_report, 6), (g_cancel, 12), (g_postpone, 8), (g_reply_own, 14),
            (g_petition, 8), (g_survey, 8), (g_subsidy, 10), (g_deadline, 10), (g_council_past, 8), (g_decree, 8), (g_roadworks, 10),
            (g_cut, 14), (g_school, 8), (g_job, 8), (g_hospital, 6), (g_product, 6), (g_tradefair, 8), (g_strike, 5), (g_inquiry, 6),
            (g_rally, 4), (g_council_future, 5), (g_ordinary, 12), (g_relay, 5), (g_fwd_non, 6)]


def non_invitations():
    out = []
    for g, n in NON_PLAN:
        for k in range(n):
            out.append(g(len(out)))
    return out

# --------------------------------------------------------------------------------------------
# Output and self-check


def strip_html(s):
    s = re.sub(r"(?is)<(script|style).*?</\1>", " ", s)
    s = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</tr>", "\n", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")


def message_text(msg):
    out = []
    for part in msg.walk():
        ct = part.get_content_type()
        if part.is_multipart() or ct == "message/rfc822":
            continue
        try:
            if ct == "text/html":
                out.append(strip_html(part.get_content()))
            elif ct.startswith("text/"):
                out.append(part.get_content())
            elif ct == "application/pdf":
                data = part.get_payload(decode=True)
                assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
                out.append(pdf_text(data))
        except (LookupError, UnicodeError) as e:
            raise AssertionError(f"cannot decode part {ct}: {e}")
    return "\n".join(out)


MONTHS_N = [norm(m) for m in MO]
WD_RE = re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(1er|\d{1,2})\s+(" + "|".join(MONTHS_N) + r")\b(?:\s+(\d{4}))?")
WDN_RE = re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(\d{2})/(\d{2})(?:/(\d{4}))?")


def resolve_year(day, month, hdr, future):
    cands = []
    for y in (hdr.year - 1, hdr.year, hdr.year + 1):
        try:
            cands.append(D(y, month, day))
        except ValueError:
            pass
    if future:
        c = [x for x in cands if x >= hdr]
        return min(c) if c else None
    return min(cands, key=lambda x: abs((x - hdr).days))


def check_weekdays(text, hdr, future):
    bad = []
    t = norm(text)
    for m in WD_RE.finditer(t):
        w, dd, mo, yy = m.groups()
        day = 1 if dd == "1er" else int(dd)
        month = MONTHS_N.index(mo) + 1
        try:
            d = D(int(yy), month, day) if yy else resolve_year(day, month, hdr, future)
        except ValueError:
            bad.append(m.group(0)); continue
        if d is None or WD[d.weekday()] != w:
            bad.append(m.group(0))
    for m in WDN_RE.finditer(t):
        w, dd, mm, yy = m.groups()
        try:
            d = D(int(yy), int(mm), int(dd)) if yy else resolve_year(int(dd), int(mm), hdr, future)
        except ValueError:
            bad.append(m.group(0)); continue
        if d is None or WD[d.weekday()] != w:
            bad.append(m.group(0))
    return bad


def commune_names(code):
    names = []
    for c in C.values():
        if c["code"] == code:
            names += [c["name"]] + c["aliases"]
            if c["name"].startswith(("Le ", "La ")):
                names.append(c["name"][3:])
    return [norm(n) for n in names]


def self_check(folder, truth):
    problems = []
    for t in truth:
        raw = open(os.path.join(folder, t["file"]), "rb").read()
        msg = message_from_bytes(raw, policy=policy.default)
        hd = msg["Date"].datetime
        hdr = hd.date()
        for k in ("From", "To", "Subject", "Message-ID", "Date"):
            if msg[k] is None:
                problems.append((t["file"], f"missing {k}"))
        if msg["Message-ID"].strip() != t["message_id"]:
            problems.append((t["file"], "message-id differs"))
        text = message_text(msg)
        n = norm(text)
        mismatch = any(e["weekday_mismatch"] for e in t["events"])
        bad = check_weekdays(text, hdr, future=t["invitation"])
        if mismatch:
            if not bad:
                problems.append((t["file"], "mismatch labelled but all weekdays agree"))
        elif bad:
            problems.append((t["file"], f"weekday disagrees: {bad}"))
        if not t["invitation"]:
            if t["events"]:
                problems.append((t["file"], "non-invitation with events"))
            continue
        ev = t["events"]
        if not ev:
            problems.append((t["file"], "invitation without events")); continue
        if ev != sorted(ev, key=lambda e: (e["date"], e["start"] or "")):
            problems.append((t["file"], "events not sorted"))
        e = ev[0]
        d = D.fromisoformat(e["date"])
        delta = (d - hdr).days
        if not (0 < delta < 300):
            problems.append((t["file"], f"event {delta} days after Date header"))
        dcands = [f"{'1er' if d.day == 1 else d.day} {MONTHS_N[d.month-1]}", f"{d.day} {MONTHS_N[d.month-1]}", f"{d.day:02d}/{d.month:02d}",
                  f"{d:%Y%m%d}", f"{WD[d.weekday()]} prochain", f"{d.day:02d}.{d.month:02d}."]
        ok = any(x in n for x in dcands) or re.search(rf"\b{WD[d.weekday()]} {d.day}\b", n)
        if not ok:
            problems.append((t["file"], f"date {d} not found in text"))
        if "prochain" in n and f"{WD[d.weekday()]} prochain" in n:
            if hdr.weekday() not in (0, 1) or (d - hdr).days > 6:
                problems.append((t["file"], "« prochain » not sent on Monday/Tuesday of the same week"))
        if e["start"]:
            h, mi = map(int, e["start"].split(":"))
            tc = [f"{h}h{mi:02d}", f"{h} h {mi:02d}", f"{h:02d}:{mi:02d}", f"{h}:{mi:02d}", f"t{h:02d}{mi:02d}00"]
            if mi == 0:
                tc += [f"{h}h", f"{h} h", f"{h} heures"] + (["midi"] if h == 12 else [])
            else:
                tc += [f"{h} heures {mi}"]
            off = paris_offset(d)
            u = (h - off) % 24
            tc.append(f"t{u:02d}{mi:02d}00z")
            if not any(re.search(r"(?<![0-9])" + re.escape(x) + r"(?![0-9])", n) for x in tc):
                problems.append((t["file"], f"start {e['start']} not found"))
        elif not e["ambiguous"] and not e["all_day"]:
            problems.append((t["file"], "start null but not all_day nor ambiguous"))
        if e["all_day"] and (e["start"] or e["ambiguous"]):
            problems.append((t["file"], "all_day inconsistent"))
        if e["commune_code"]:
            if not any(re.search(r"(?<![a-z])" + re.escape(x) + r"(?![a-z])", n) for x in commune_names(e["commune_code"])):
                problems.append((t["file"], f"commune {e['commune_code']} not written"))
        elif not e["ambiguous"]:
            problems.append((t["file"], "null commune not labelled ambiguous"))
        for k in ("title", "date", "end_date", "start", "end", "all_day", "place", "commune_code", "organiser", "rsvp_by",
                  "rsvp_contact", "notes", "weekday_mismatch", "ambiguous"):
            if k not in e:
                problems.append((t["file"], f"event key {k} missing"))
    return problems


def main():
    verified = verify_gazetteer()
    items = invitations() + non_invitations()
    if os.path.isdir(OUT):
        for sub in ("cur", "new", "tmp"):
            shutil.rmtree(os.path.join(OUT, sub), ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)
    truth = []
    seen = set()
    for n, (msg, lab) in enumerate(items):
        for k, part in enumerate(msg.walk()):
            if part.get_content_maintype() == "multipart":
                part.set_boundary(f"----=_Part_{n:04d}_{k}_{hashlib.md5(f'{n}/{k}'.encode()).hexdigest()[:12]}")
        raw = msg.as_bytes()
        parsed = message_from_bytes(raw, policy=policy.default)
        epoch = int(parsed["Date"].datetime.timestamp())
        name = f"{epoch}.M{n:04d}P8484.agenda-eval5:2,S"
        mid = parsed["Message-ID"].strip()
        assert mid not in seen, mid
        seen.add(mid)
        with open(os.path.join(OUT, "cur", name), "wb") as f:
            f.write(raw)
        row = dict(file=f"cur/{name}", message_id=mid, invitation=lab["invitation"], events=lab["events"], source=lab["source"],
                   notes=lab.get("notes"), category=lab["category"], features=lab.get("features", []))
        truth.append(row)
    truth.sort(key=lambda r: r["file"])
    with open(os.path.join(OUT, "truth.jsonl"), "w", encoding="utf-8") as f:
        for r in truth:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    problems = self_check(OUT, truth)
    inv = [t for t in truth if t["invitation"]]
    non = [t for t in truth if not t["invitation"]]
    from collections import Counter
    by_src_inv = Counter(t["source"] for t in inv)
    by_src_non = Counter(t["source"] for t in non)
    by_cat = Counter(t["category"] for t in truth)
    amb = sum(1 for t in inv if t["events"][0]["ambiguous"])
    mism = sum(1 for t in inv if any(e["weekday_mismatch"] for e in t["events"]))
    two = sum(1 for t in inv if len(t["events"]) > 1)
    years = Counter(dt.datetime.fromtimestamp(int(t["file"][4:14]), dt.timezone.utc).year for t in truth)
    outside = sum(1 for t in inv if t["events"][0]["commune_code"] and not t["events"][0]["commune_code"].startswith("33"))
    lines = [
        "# agenda-eval5 — held-out evaluation set for invitation recognition and event extraction",
        "",
        "**Held-out: not used for tuning.** Measure once and report that figure (see docs on evaluation).",
        "",
        "- Written by: a helper agent (subagent) from the issue text (issue 20), the label spec (`agenda-label-spec.md`) and the",
        "  general evaluation advice only. It never saw the extractor's code, its tests or fixtures, nor any other labelled set.",
        "- Licence: CC0 1.0 (public domain dedication). All people, associations, companies, e-mail addresses and phone numbers",
        "  are invented; the deputy « Sophie Larrouy » (Gironde) is fictitious. Communes are real, with their real INSEE codes"
        " and postal codes, verified against the npm package @etalab/decoupage-administratif (communes.json, type"
        " « commune-actuelle ») when the set was written; the generator re-checks them when that package is installed.",
        "- Generator: `python3 scripts/make_agenda_eval5.py` (standard library only, fixed seed, fixed dates, no clock).",
        "  It rewrites `cur/`, `new/`, `tmp/`, `truth.jsonl` and this file, then parses every message with Python's email",
        "  package and checks that the first event's day, start time and commune are written in the message (body, PDF text",
        "  layer, iCalendar part or signature) and that written weekdays agree with dates except labelled mismatches.",
        "- Office mailbox: permanence@deputee-larrouy-exemple.fr.",
        "- `truth.jsonl`: one object per message in file-name order; `message_id` is written with its angle brackets.",
        "  Labels follow `agenda-label-spec.md`. Conventions worth knowing: a programme's first item is `start`; a PDF card",
        "  or an iCalendar part that states an end time gives `end`; in forwards the organiser is the original sender;",
        "  `category` and `features` are for error analysis only.",
        "- Known limits: written by one author with a generator, so phrasings, while varied (about 40 invitation sentence",
        "  shapes, protocol letters, secretaries' notes, tutoiement, cards, calendars, forwards), are fewer than in a real year.",
        "",
        "## Counts",
        "",
        f"- Messages: {len(truth)} — invitations: {len(inv)}, non-invitations: {len(non)}",
        f"- Invitations by source: " + ", ".join(f"{k} {v}" for k, v in sorted(by_src_inv.items())),
        f"- Non-invitations by source: " + ", ".join(f"{k} {v}" for k, v in sorted(by_src_non.items())),
        f"- Invitations whose first event is ambiguous: {amb}; with a weekday mismatch: {mism}; with two events: {two};"
        f" first event outside Gironde: {outside}",
        f"- Date headers by year: " + ", ".join(f"{k} {v}" for k, v in sorted(years.items())),
        "",
        "## By category",
        "",
    ] + [f"- `{k}`: {v}" for k, v in sorted(by_cat.items())] + [
        "",
        "## Self-check",
        "",
        f"- Problems found by the generator's self-check: {len(problems)}",
        "",
    ]
    with open(os.path.join(OUT, "SOURCE.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    for p in problems:
        print("PROBLEM", *p)
    print(f"{len(truth)} messages ({len(inv)} invitations, {len(non)} non-invitations), {len(problems)} problems; gazetteer verified: {verified}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
