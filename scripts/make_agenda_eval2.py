#!/usr/bin/env python3
"""Generate the held-out agenda evaluation set `fixtures/agenda-eval2`.

Written by a helper agent from the text of issue 20 and the label specification only,
without reading the extractor's code nor any other labelled set.

Python 3 standard library only; deterministic (fixed seed, fixed dates, no clock).

    python3 scripts/make_agenda_eval2.py [--out fixtures/agenda-eval2] [--verify-cog communes.json]

Writes a Maildir (cur/, new/, tmp/), truth.jsonl (one object per message, file-name order)
and SOURCE.md, then re-reads every message with the `email` package and checks the labels.
"""

import argparse
import base64
import datetime as dt
import html
import json
import os
import quopri
import random
import re
import shutil
import sys
import unicodedata
import zlib
from email.header import Header
from html.parser import HTMLParser

SEED = 20260220
R = random.Random(SEED)

OFFICE_ADDR = "contact@senatrice-fougerolle-exemple.fr"
OFFICE_DOMAIN = "senatrice-fougerolle-exemple.fr"
SENATOR = "Claire Fougerolle"
SENATOR_TO = [
    ("Madame Claire Fougerolle", OFFICE_ADDR),
    ("Mme la Sénatrice", OFFICE_ADDR),
    ("Permanence parlementaire de Claire Fougerolle", OFFICE_ADDR),
    ("Claire FOUGEROLLE", OFFICE_ADDR),
    ("", OFFICE_ADDR),
    ("Sénatrice du Puy-de-Dôme", OFFICE_ADDR),
]
STAFF = [
    ("Julien Marchand", "julien.marchand@" + OFFICE_DOMAIN, "attaché parlementaire"),
    ("Sophie Bertrand", "sophie.bertrand@" + OFFICE_DOMAIN, "collaboratrice parlementaire"),
    ("Nadia Benali", "nadia.benali@" + OFFICE_DOMAIN, "assistante parlementaire"),
]
SENATOR_PERSONAL = ("Claire Fougerolle", "c.fougerolle@senat-exemple.fr")

# ---------------------------------------------------------------------------
# Gazetteer: real communes, INSEE codes checked against @etalab/decoupage-administratif
# (communes.json, type "commune-actuelle").  name -> (code, postal code)
# ---------------------------------------------------------------------------
COMMUNES = {
    "Clermont-Ferrand": ("63113", "63000"),
    "Riom": ("63300", "63200"),
    "Issoire": ("63178", "63500"),
    "Thiers": ("63430", "63300"),
    "Cournon-d'Auvergne": ("63124", "63800"),
    "Chamalières": ("63075", "63400"),
    "Ambert": ("63003", "63600"),
    "Aubière": ("63014", "63170"),
    "Beaumont": ("63032", "63110"),
    "Lempdes": ("63193", "63370"),
    "Gerzat": ("63164", "63360"),
    "Pont-du-Château": ("63284", "63430"),
    "Mont-Dore": ("63236", "63240"),
    "Volvic": ("63470", "63530"),
    "Billom": ("63040", "63160"),
    "Châtel-Guyon": ("63103", "63140"),
    "Saint-Éloy-les-Mines": ("63338", "63700"),
    "Cébazat": ("63063", "63118"),
    "Romagnat": ("63307", "63540"),
    "Ceyrat": ("63070", "63122"),
    "Lezoux": ("63195", "63190"),
    "Le Cendre": ("63069", "63670"),
    "Vic-le-Comte": ("63457", "63270"),
    "Royat": ("63308", "63130"),
    "Courpière": ("63125", "63120"),
    "Aulnat": ("63019", "63510"),
    "Saint-Genès-Champanelle": ("63345", "63122"),
    "Mozac": ("63245", "63200"),
    "Les Martres-de-Veyre": ("63214", "63730"),
    "Veyre-Monton": ("63455", "63960"),
    "Blanzat": ("63042", "63112"),
    "Orcines": ("63263", "63870"),
    "Brassac-les-Mines": ("63050", "63570"),
    "La Roche-Blanche": ("63302", "63670"),
    "Maringues": ("63210", "63350"),
    "Aigueperse": ("63001", "63260"),
    "Puy-Guillaume": ("63291", "63290"),
    "Aydat": ("63026", "63970"),
    "Sayat": ("63417", "63530"),
    "Ennezat": ("63148", "63720"),
    "Combronde": ("63116", "63460"),
    "Saint-Germain-Lembron": ("63352", "63340"),
    "Arlanc": ("63010", "63220"),
    "La Bourboule": ("63047", "63150"),
    "Saint-Ours": ("63381", "63230"),
    "Les Ancizes-Comps": ("63004", "63770"),
    "Randan": ("63295", "63310"),
    "Besse-et-Saint-Anastaise": ("63038", "63610"),
    "Manzat": ("63206", "63410"),
    "Champeix": ("63080", "63320"),
    "Sauxillanges": ("63415", "63490"),
    "Le Crest": ("63126", "63450"),
    "Cunlhat": ("63132", "63590"),
    "Saint-Gervais-d'Auvergne": ("63354", "63390"),
    "Joze": ("63180", "63350"),
    "Effiat": ("63143", "63260"),
    "Pionsat": ("63281", "63330"),
    "Job": ("63179", "63990"),
    "Saint-Nectaire": ("63380", "63710"),
    "Murol": ("63247", "63790"),
    "Orcival": ("63264", "63210"),
    "Pontgibaud": ("63285", "63230"),
    "Rochefort-Montagne": ("63305", "63210"),
    "Tauves": ("63426", "63690"),
    "La Tour-d'Auvergne": ("63192", "63680"),
    "Olliergues": ("63258", "63880"),
    "Saint-Anthème": ("63319", "63660"),
    "Viverols": ("63465", "63840"),
    "Herment": ("63175", "63470"),
    "Bourg-Lastic": ("63048", "63760"),
    "Saint-Dier-d'Auvergne": ("63334", "63520"),
    "Saint-Germain-l'Herm": ("63353", "63630"),
    "Le Vernet-Chaméane": ("63448", "63580"),
    "Chambon-sur-Lac": ("63077", "63790"),
    "Picherande": ("63279", "63113"),
    "Saint-Rémy-sur-Durolle": ("63393", "63550"),
    "Orcet": ("63262", "63670"),
    "Saint-Maurice": ("63378", "63270"),
    "Châteldon": ("63102", "63290"),
    "Giat": ("63165", "63620"),
    "Marsac-en-Livradois": ("63211", "63940"),
    "Saint-Julien-de-Coppel": ("63368", "63160"),
    "Les Martres-d'Artière": ("63213", "63430"),
    "Beauregard-l'Évêque": ("63034", "63116"),
    "Saint-Sauves-d'Auvergne": ("63397", "63950"),
    "Montaigut-en-Combraille": ("63233", "63700"),
    "Le Breuil-sur-Couze": ("63052", "63340"),
    "Saint-Bonnet-près-Riom": ("63327", "63200"),
    "Marsat": ("63212", "63200"),
    "Chambaron sur Morge": ("63244", "63200"),
    "Mur-sur-Allier": ("63226", "63115"),
    "Lussat": ("63200", "63360"),
    "Chappes": ("63089", "63720"),
    "Aubiat": ("63013", "63260"),
    "Messeix": ("63225", "63750"),
    # outside the département
    "Paris": ("75056", "75006"),
    "Vichy": ("03310", "03200"),
    "Lyon": ("69123", "69002"),
    "Moulins": ("03190", "03000"),
}
OUTSIDE = {"Paris", "Vichy", "Lyon", "Moulins"}
CODE = {n: c for n, (c, _) in COMMUNES.items()}

# Written forms people use; every alias resolves to one commune.
ALIASES = {
    "Mont-Dore": ["Le Mont-Dore", "Mont-Dore", "Le Mont Dore"],
    "Clermont-Ferrand": ["Clermont-Ferrand", "Clermont-Fd", "Clermont Ferrand"],
    "Cournon-d'Auvergne": ["Cournon-d'Auvergne", "Cournon d'Auvergne", "Cournon"],
    "Saint-Éloy-les-Mines": ["Saint-Éloy-les-Mines", "St-Éloy-les-Mines", "St Eloy les Mines"],
    "Saint-Genès-Champanelle": ["Saint-Genès-Champanelle", "St-Genès-Champanelle"],
    "Châtel-Guyon": ["Châtel-Guyon", "Chatel-Guyon", "Châtelguyon"],
    "Chamalières": ["Chamalières", "Chamalieres"],
    "Pont-du-Château": ["Pont-du-Château", "Pont du Château"],
    "Besse-et-Saint-Anastaise": ["Besse-et-Saint-Anastaise", "Besse"],
    "Chambaron sur Morge": ["Chambaron sur Morge", "Chambaron-sur-Morge"],
    "Mur-sur-Allier": ["Mur-sur-Allier"],
}


def alias_list(name):
    return ALIASES.get(name, [name])


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


SMALL = [n for n in COMMUNES if n not in OUTSIDE]
BIG = ["Clermont-Ferrand", "Riom", "Issoire", "Thiers", "Cournon-d'Auvergne", "Chamalières",
       "Ambert", "Aubière", "Beaumont", "Lempdes", "Gerzat", "Pont-du-Château", "Volvic",
       "Billom", "Châtel-Guyon", "Saint-Éloy-les-Mines", "Mont-Dore", "Lezoux", "Courpière"]


def de_commune(name):
    """« de Riom », « du Cendre », « des Martres-de-Veyre », « de La Bourboule »."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name.startswith("La "):
        return "de La " + name[3:]
    if name[0] in "AEIOUÉÈaeiouéè":
        return "d'" + name
    return "de " + name


def a_commune(name):
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


# ---------------------------------------------------------------------------
# People (invented).  Common French names, so homonyms occur.
# ---------------------------------------------------------------------------
PRENOMS_H = ["Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe",
             "Daniel", "Bernard", "Éric", "Frédéric", "Laurent", "Stéphane", "Olivier", "Thierry",
             "Jean-Marc", "Jean-Luc", "Jean-Pierre", "Gérard", "Didier", "Pascal", "Sébastien",
             "Julien", "David", "Bruno", "Serge", "Guy", "Marcel", "Hervé", "Yves", "François",
             "Rémi", "Lucas", "Thomas", "Antoine", "Mathieu", "Fabrice", "Cédric", "Denis"]
PRENOMS_F = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Valérie",
             "Christine", "Sandrine", "Véronique", "Céline", "Sophie", "Martine", "Brigitte",
             "Anne", "Monique", "Chantal", "Laurence", "Élodie", "Aurélie", "Émilie", "Julie",
             "Hélène", "Claire", "Agnès", "Corinne", "Patricia", "Delphine", "Marion", "Camille",
             "Josiane", "Michèle", "Annie", "Odile", "Pauline", "Léa", "Manon", "Fabienne"]
NOMS = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
        "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
        "François", "Martinez", "Faure", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel",
        "Chassaing", "Bouchet", "Vidal", "Pradier", "Chabrier", "Vernet", "Monier", "Tixier",
        "Bonnefoy", "Gauthier", "Brun", "Roche", "Chomette", "Peyronnet", "Maisonneuve", "Dumas",
        "Pélissier", "Bardin", "Cohadon", "Fayolle", "Bourdier", "Chauvet", "Gidon", "Besson",
        "Sauvat", "Goigoux", "Mallet", "Aubert", "Bony", "Chanet", "Delorme", "Rougier", "Barthélemy"]


def person(sex=None):
    sex = sex or R.choice("HF")
    p = R.choice(PRENOMS_H if sex == "H" else PRENOMS_F)
    return {"prenom": p, "nom": R.choice(NOMS), "sex": sex}


def pname(p, upper=False):
    return p["prenom"] + " " + (p["nom"].upper() if upper else p["nom"])


def email_local(p):
    s = strip_accents(p["prenom"] + "." + p["nom"]).lower().replace(" ", "-")
    return s


def slug(s):
    s = strip_accents(s).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


FREEMAIL = ["orange.fr", "wanadoo.fr", "gmail.com", "laposte.net", "free.fr", "sfr.fr", "hotmail.fr", "yahoo.fr"]


def phone():
    return "04 73 " + " ".join("%02d" % R.randint(0, 99) for _ in range(3))


def mobile():
    return "0" + R.choice("67") + " " + " ".join("%02d" % R.randint(0, 99) for _ in range(4))


def mairie_addr(commune):
    return "mairie@" + slug(commune) + "-exemple.fr"


def maire_title(p):
    return "Maire" if p["sex"] == "H" else R.choice(["Maire", "Maire", "Mairesse"])


# ---------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------
WD = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
WD_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MO = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
      "octobre", "novembre", "décembre"]
MO_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MO_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
WD_ABBR = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]


def last_sunday(year, month):
    d = dt.date(year, month, 30 if month in (4, 6, 9, 11) else 31)
    while d.weekday() != 6:
        d -= dt.timedelta(days=1)
    return d


def paris_offset_hours(local):
    """+2 in summer time, +1 otherwise (EU rule, change at 02:00/03:00 local)."""
    start = dt.datetime.combine(last_sunday(local.year, 3), dt.time(2, 0))
    end = dt.datetime.combine(last_sunday(local.year, 10), dt.time(3, 0))
    return 2 if start <= local < end else 1


def rfc2822(local):
    off = paris_offset_hours(local)
    return "%s, %02d %s %d %02d:%02d:%02d +0%d00" % (
        WD_EN[local.weekday()], local.day, MO_EN[local.month - 1], local.year,
        local.hour, local.minute, local.second, off)


def epoch(local):
    off = paris_offset_hours(local)
    utc = local - dt.timedelta(hours=off)
    return int((utc - dt.datetime(1970, 1, 1)).total_seconds())


def day_str(d):
    return "1er" if d.day == 1 else str(d.day)


def fmt_date(d, style, wd_written=None):
    """Render a date as people write it.  Returns the string (no leading « le »)."""
    wd = WD[wd_written if wd_written is not None else d.weekday()]
    mo = MO[d.month - 1]
    if style == "full":
        return "%s %s %s %d" % (wd, day_str(d), mo, d.year)
    if style == "Full":
        return "%s %s %s %d" % (wd.capitalize(), day_str(d), mo, d.year)
    if style == "upper":
        return ("%s %s %s %d" % (wd, day_str(d), mo, d.year)).upper()
    if style == "noyear":
        return "%s %s %s" % (wd, day_str(d), mo)
    if style == "nowd":
        return "%s %s %d" % (day_str(d), mo, d.year)
    if style == "nowd_noyear":
        return "%s %s" % (day_str(d), mo)
    if style == "num":
        return "%02d/%02d" % (d.day, d.month)
    if style == "num_y":
        return "%02d/%02d/%d" % (d.day, d.month, d.year)
    if style == "num_short":
        return "%d/%d" % (d.day, d.month)
    if style == "wd_num":
        return "%s %02d/%02d" % (wd, d.day, d.month)
    if style == "wd_num_y":
        return "%s %02d/%02d/%d" % (wd, d.day, d.month, d.year)
    if style == "noaccent":
        return strip_accents("%s %s %s %d" % (wd, day_str(d), mo, d.year))
    if style == "noaccent_noyear":
        return strip_accents("%s %s %s" % (wd, day_str(d), mo))
    if style == "prochain":
        return "%s prochain" % wd
    if style == "nomonth":
        return "%s %s" % (wd, day_str(d))
    raise ValueError(style)


def fmt_time(t, style):
    h, m = t
    if style == "midi" and (h, m) == (12, 0):
        return "midi"
    if style == "h":
        return "%dh" % h if m == 0 else "%dh%02d" % (h, m)
    if style == "h00":
        return "%dh%02d" % (h, m)
    if style == "H":
        return "%dH%02d" % (h, m) if m else "%dH" % h
    if style == "h_sp":
        return "%d h %02d" % (h, m) if m else "%d h" % h
    if style == "heures":
        return "%d heures" % h if m == 0 else "%d heures %02d" % (h, m)
    if style == "colon":
        return "%02d:%02d" % (h, m)
    if style == "colon1":
        return "%d:%02d" % (h, m)
    if style == "hh":
        return "%02dh%02d" % (h, m)
    return "%dh%02d" % (h, m)


TIME_STYLES = ["h", "h", "h00", "h00", "H", "h_sp", "heures", "colon", "hh", "colon1"]


def hhmm(t):
    return None if t is None else "%02d:%02d" % t


def a_time(ts):
    return "à midi" if ts == "midi" else "à " + ts


def next_weekday_after(ref, wd):
    d = ref + dt.timedelta(days=1)
    while d.weekday() != wd:
        d += dt.timedelta(days=1)
    return d


WINDOW_START = dt.date(2025, 1, 6)
WINDOW_END = dt.date(2027, 12, 18)


def rand_date(a=WINDOW_START, b=WINDOW_END):
    return a + dt.timedelta(days=R.randint(0, (b - a).days))


def header_time(d, office_hours=True):
    if office_hours and R.random() < 0.85:
        h = R.randint(8, 18)
    else:
        h = R.choice([6, 7, 19, 20, 21, 22, 23])
    return dt.datetime.combine(d, dt.time(h, R.randint(0, 59), R.randint(0, 59)))


def fixed_date_event(month, day, years=(2025, 2026, 2027)):
    """An event on a fixed calendar day (8 mai, 11 novembre…) and a header date before it."""
    y = R.choice(years)
    return dt.date(y, month, day)


def pick_header_before(ev_date, lo=6, hi=60):
    for _ in range(200):
        h = ev_date - dt.timedelta(days=R.randint(lo, hi))
        if WINDOW_START <= h <= WINDOW_END:
            return h
    return max(WINDOW_START, ev_date - dt.timedelta(days=lo))


def typo(s, p=0.5):
    """Introduce one plausible typo in a filler sentence (never in dates, times, places)."""
    if R.random() > p:
        return s
    words = s.split(" ")
    cands = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
    if not cands:
        return s
    i = R.choice(cands)
    w = words[i]
    k = R.randint(1, len(w) - 3)
    kind = R.choice(["swap", "drop", "double", "accent"])
    if kind == "swap":
        w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    elif kind == "drop":
        w = w[:k] + w[k + 1:]
    elif kind == "double":
        w = w[:k] + w[k] + w[k:]
    else:
        w = strip_accents(w) if strip_accents(w) != w else w[:k] + w[k + 1] + w[k] + w[k + 2:]
    words[i] = w
    return " ".join(words)

# ---------------------------------------------------------------------------
# MIME serialisation (written by hand so that charsets and encodings are exactly as chosen)
# ---------------------------------------------------------------------------
DOWNGRADE = {"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "€": "EUR",
             "–": "-", "—": "-", "\u202f": " ", "•": "-", "→": "->"}


def fit_charset(text, charset):
    if charset.lower() in ("utf-8",):
        return text
    out = []
    for ch in text:
        try:
            ch.encode(charset)
            out.append(ch)
        except UnicodeEncodeError:
            if ch in DOWNGRADE:
                try:
                    DOWNGRADE[ch].encode(charset)
                    out.append(DOWNGRADE[ch])
                    continue
                except UnicodeEncodeError:
                    pass
            if ord(ch) > 0xFFFF or unicodedata.category(ch) == "So":
                continue  # emoji and pictographs dropped
            out.append(strip_accents(ch) or "?")
    return "".join(out)


class Part:
    def __init__(self, ctype, params=None, headers=None, body=b"", parts=None, preamble=None):
        self.ctype = ctype
        self.params = params or []
        self.headers = headers or []
        self.body = body
        self.parts = parts
        self.preamble = preamble


_boundary_counter = [0]


def new_boundary():
    _boundary_counter[0] += 1
    return "----=_Part_%d_%08X" % (_boundary_counter[0], R.getrandbits(32))


def encode_body(raw, cte):
    if cte == "base64":
        return base64.encodebytes(raw)
    if cte == "quoted-printable":
        return quopri.encodestring(raw)
    return raw


def text_part(text, subtype="plain", charset="utf-8", cte="quoted-printable", extra_params=None,
              disposition=None):
    text = fit_charset(text, charset)
    raw = text.encode(charset)
    if cte == "7bit" and any(b > 127 for b in raw):
        cte = "quoted-printable"
    params = [("charset", charset)] + (extra_params or [])
    headers = [("Content-Transfer-Encoding", cte)]
    if disposition:
        headers.append(("Content-Disposition", disposition))
    return Part("text/" + subtype, params, headers, encode_body(raw, cte))


def filename_params(name, key="filename"):
    try:
        name.encode("ascii")
        return '%s="%s"' % (key, name)
    except UnicodeEncodeError:
        from urllib.parse import quote
        return "%s*=utf-8''%s" % (key, quote(name.encode("utf-8")))


def binary_part(data, ctype, filename, inline=False):
    disp = ("inline; " if inline else "attachment; ") + filename_params(filename)
    p = Part(ctype, [], [("Content-Transfer-Encoding", "base64"), ("Content-Disposition", disp)],
             base64.encodebytes(data))
    p.name_param = filename_params(filename, "name")
    return p


def multipart(sub, parts):
    return Part("multipart/" + sub, [], [], parts=parts)


def render_params(part):
    out = part.ctype
    for k, v in part.params:
        out += '; %s="%s"' % (k, v) if any(c in v for c in " ;/=") else "; %s=%s" % (k, v)
    if getattr(part, "name_param", None):
        out += ";\n\t" + part.name_param
    return out


def serialize_part(part):
    lines = []
    if part.parts is not None:
        b = new_boundary()
        lines.append(("Content-Type", render_params(part) + ';\n\tboundary="%s"' % b))
        for k, v in part.headers:
            lines.append((k, v))
        head = "".join("%s: %s\n" % kv for kv in lines).encode("ascii")
        body = b"\n"
        if part.preamble:
            body = (part.preamble + "\n").encode("ascii")
        for sp in part.parts:
            body += b"--" + b.encode() + b"\n" + serialize_part(sp) + b"\n"
        body += b"--" + b.encode() + b"--\n"
        return head + body
    lines.append(("Content-Type", render_params(part)))
    for k, v in part.headers:
        lines.append((k, v))
    head = "".join("%s: %s\n" % kv for kv in lines).encode("utf-8")
    body = part.body
    if not body.endswith(b"\n"):
        body += b"\n"
    return head + b"\n" + body


def enc_header(value, charset="utf-8"):
    try:
        value.encode("ascii")
        if len(value) < 900:
            return value
    except UnicodeEncodeError:
        pass
    return Header(fit_charset(value, charset), charset).encode(maxlinelen=76).replace("\r\n", "\n")


def enc_addr(name, addr, charset="utf-8"):
    if not name:
        return addr
    try:
        name.encode("ascii")
        if any(c in name for c in ',.;:()"'):
            return '"%s" <%s>' % (name.replace('"', ""), addr)
        return "%s <%s>" % (name, addr)
    except UnicodeEncodeError:
        return "%s <%s>" % (Header(fit_charset(name, charset), charset).encode(), addr)


MAILERS = [
    ("X-Mailer", "Microsoft Outlook 16.0"),
    ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0"),
    ("X-Mailer", "iPhone Mail (21D61)"),
    ("X-Mailer", "Apple Mail (2.3774.300.61.1.2)"),
    ("User-Agent", "Roundcube Webmail/1.6.5"),
    ("X-Mailer", "Zimbra 9.0.0_GA_4546 (ZimbraWebClient - FF115 (Win)/9.0.0_GA_4546)"),
    ("X-Mailer", "Orange Messagerie"),
    (None, None),
]


def build_bytes(m):
    """m: message spec dict -> bytes."""
    h = []
    if m.get("received", True):
        h.append(("Return-Path", "<%s>" % m["from"][1]))
    h.append(("Date", rfc2822(m["date"])))
    h.append(("From", enc_addr(m["from"][0], m["from"][1], m.get("hcharset", "utf-8"))))
    if m.get("to_raw"):
        h.append(("To", m["to_raw"]))
    else:
        h.append(("To", ", ".join(enc_addr(n, a) for n, a in m["to"])))
    if m.get("cc"):
        h.append(("Cc", ", ".join(enc_addr(n, a) for n, a in m["cc"])))
    h.append(("Subject", enc_header(m["subject"], m.get("hcharset", "utf-8"))))
    h.append(("Message-ID", m["message_id"]))
    if m.get("in_reply_to"):
        h.append(("In-Reply-To", m["in_reply_to"]))
        h.append(("References", m["in_reply_to"]))
    for k, v in m.get("extra_headers", []):
        h.append((k, v))
    mk, mv = m.get("mailer", (None, None))
    if mk:
        h.append((mk, mv))
    h.append(("MIME-Version", "1.0"))
    head = "".join("%s: %s\n" % kv for kv in h).encode("utf-8")
    return head + serialize_part(m["mime"])


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------
def to_html_entities(s):
    out = []
    for ch in s:
        if ord(ch) > 127 and ord(ch) in html.entities.codepoint2name and R.random() < 0.9:
            out.append("&%s;" % html.entities.codepoint2name[ord(ch)])
        else:
            out.append(ch)
    return "".join(out)


import html.entities  # noqa: E402


def text_to_html(text, emphasis=(), style=0, entities=False):
    paras = text.split("\n\n")
    body = []
    for p in paras:
        e = html.escape(p, quote=False)
        for em in emphasis:
            if em:
                ee = html.escape(em, quote=False)
                tag = "strong" if style % 2 == 0 else "b"
                e = e.replace(ee, "<%s>%s</%s>" % (tag, ee, tag), 1)
        e = e.replace("\n", "<br>\n")
        if style == 2:
            body.append('<div style="font-family:Calibri,sans-serif;font-size:11pt">%s</div>\n<div><br></div>' % e)
        else:
            body.append("<p>%s</p>" % e)
    inner = "\n".join(body)
    if style == 3:
        inner = ('<table width="600" cellpadding="0" cellspacing="0" border="0" align="center">'
                 '<tr><td style="padding:20px;font-family:Arial">\n%s\n</td></tr></table>' % inner)
    doc = ('<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
           "</head>\n<body>\n%s\n</body></html>\n" % inner)
    if entities:
        doc = to_html_entities(doc)
    return doc


class _Strip(HTMLParser):
    BLOCK = {"p", "br", "div", "tr", "li", "table", "h1", "h2", "h3", "td"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        self.out.append(data)


def html_to_text(s):
    p = _Strip()
    p.feed(s)
    return "".join(p.out)


# ---------------------------------------------------------------------------
# PDF (hand written, Helvetica, WinAnsiEncoding, text layer)
# ---------------------------------------------------------------------------
def pdf_escape(s):
    raw = s.replace("\u202f", " ").encode("cp1252")
    out = []
    for b in raw:
        if b in b"()\\":
            out.append("\\" + chr(b))
        elif b < 32 or b > 126:
            out.append("\\%03o" % b)
        else:
            out.append(chr(b))
    return "".join(out)


def wrap(text, width):
    words = text.split()
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    if cur:
        lines.append(cur)
    return lines


def make_pdf(items, page="A5", compress=False, title="Invitation"):
    """items: list of (text, size, bold, align) ; text '' = blank line."""
    W, H = {"A5": (420, 595), "A4": (595, 842), "card": (595, 420)}[page]
    y = H - 60
    ops = []
    for text, size, bold, align in items:
        if text == "":
            y -= size
            continue
        maxchars = int((W - 70) / (size * 0.52))
        for line in wrap(text, maxchars) if align != "keep" else [text]:
            width = len(line) * size * 0.5
            x = (W - width) / 2 if align == "c" else 40
            ops.append("BT /%s %d Tf %.1f %.1f Td (%s) Tj ET" % ("F2" if bold else "F1", size, max(x, 20), y, pdf_escape(line)))
            y -= size * 1.35
    content = ("0.1 0.1 0.3 rg\n" + "\n".join(ops) + "\n").encode("latin-1")
    if compress:
        data = zlib.compress(content)
        stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    else:
        stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>" % (W, H),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        stream,
        b"<< /Producer (make_agenda_eval2.py) /Title (" + pdf_escape(strip_accents(title)).encode("latin-1") + b") >>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def pdf_text(data):
    """Read back the text layer of the PDFs written above (self-check only)."""
    m = re.search(rb"stream\n(.*?)\n?endstream", data, re.S)
    if not m:
        return ""
    s = m.group(1)
    if b"/FlateDecode" in data[:m.start()].split(b"obj")[-1]:
        s = zlib.decompress(s)
    lines = []
    for mm in re.finditer(rb"\((.*?)(?<!\\)\) Tj", s):
        raw = mm.group(1)
        raw = re.sub(rb"\\([0-7]{3})", lambda x: bytes([int(x.group(1), 8)]), raw)
        raw = re.sub(rb"\\([()\\])", lambda x: x.group(1), raw)
        lines.append(raw.decode("cp1252"))
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# iCalendar
# ---------------------------------------------------------------------------
VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:STANDARD
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
END:DAYLIGHT
END:VTIMEZONE"""


def ics_escape(s):
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line):
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    out, cur = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > (75 if not out else 74):
            out.append(cur.decode("utf-8"))
            cur = b""
        cur += b
    out.append(cur.decode("utf-8"))
    return "\r\n ".join(out)


def ics_dt(d, t, mode):
    local = dt.datetime.combine(d, dt.time(*t))
    if mode == "utc":
        u = local - dt.timedelta(hours=paris_offset_hours(local))
        return ":" + u.strftime("%Y%m%dT%H%M%SZ")
    return ";TZID=Europe/Paris:" + local.strftime("%Y%m%dT%H%M%S")


def make_ics(method, uid, summary, d, start, end, location, organiser, description="", mode="tz",
             end_date=None, status=None, sequence=0, stamp=None, url=None, prodid=None, attendee=True):
    L = ["BEGIN:VCALENDAR",
         "PRODID:" + (prodid or R.choice(["-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
                                          "-//Google Inc//Google Calendar 70.9054//EN",
                                          "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
                                          "-//Apple Inc.//macOS 14.3//EN"])),
         "VERSION:2.0", "CALSCALE:GREGORIAN"]
    if method:
        L.append("METHOD:" + method)
    if mode == "tz" and start is not None:
        L += VTIMEZONE.split("\n")
    L.append("BEGIN:VEVENT")
    L.append("UID:" + uid)
    L.append("DTSTAMP:" + (stamp or dt.datetime(2025, 1, 1)).strftime("%Y%m%dT%H%M%SZ"))
    if start is None:
        L.append("DTSTART;VALUE=DATE:" + d.strftime("%Y%m%d"))
        L.append("DTEND;VALUE=DATE:" + ((end_date or d) + dt.timedelta(days=1)).strftime("%Y%m%d"))
    else:
        L.append("DTSTART" + ics_dt(d, start, mode))
        if end is not None:
            L.append("DTEND" + ics_dt(end_date or d, end, mode))
        else:
            e = (start[0] + 2, start[1]) if start[0] < 22 else (23, 59)
            L.append("DTEND" + ics_dt(d, e, mode))
    L.append("SUMMARY:" + ics_escape(summary))
    if location is not None:
        L.append("LOCATION:" + ics_escape(location))
    if description:
        L.append("DESCRIPTION:" + ics_escape(description))
    if url:
        L.append("URL:" + url)
    if organiser:
        L.append('ORGANIZER;CN="%s":mailto:%s' % (organiser[0], organiser[1]))
    if attendee:
        L.append("ATTENDEE;CN=\"Claire Fougerolle\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + OFFICE_ADDR)
    L.append("SEQUENCE:%d" % sequence)
    L.append("STATUS:" + (status or "CONFIRMED"))
    L.append("TRANSP:OPAQUE")
    L.append("END:VEVENT")
    L.append("END:VCALENDAR")
    return "\r\n".join(ics_fold(x) for x in L) + "\r\n"


def ics_part(ics, method=None, attach=False, name="invitation.ics"):
    params = [("charset", "utf-8")]
    if method:
        params.append(("method", method))
    raw = ics.encode("utf-8")
    cte = R.choice(["base64", "quoted-printable", "8bit"]) if not attach else "base64"
    headers = [("Content-Transfer-Encoding", cte)]
    if attach:
        headers.append(("Content-Disposition", "attachment; filename=\"%s\"" % name))
        params.append(("name", name))
    ctype = "text/calendar" if (not attach or R.random() < 0.6) else "application/ics"
    if ctype == "application/ics":
        params = [("name", name)]
    return Part(ctype, params, headers, encode_body(raw, cte))


# ---------------------------------------------------------------------------
# Forward header blocks
# ---------------------------------------------------------------------------
def outlook_sent(local):
    return "%s %s %s %d %02d:%02d" % (WD[local.weekday()], day_str(local.date()), MO[local.month - 1],
                                      local.year, local.hour, local.minute)


def fwd_block(style, orig, body):
    fn, fa = orig["from"]
    to = orig.get("to_display", OFFICE_ADDR)
    d = orig["date"]
    subj = orig["subject"]
    if style == "outlook":
        head = ("________________________________\nDe : %s <%s>\nEnvoyé : %s\nÀ : %s\nObjet : %s\n"
                % (fn, fa, outlook_sent(d), to, subj))
        return head + "\n" + body
    if style == "outlook2":
        head = ("-----Message d'origine-----\nDe : %s [mailto:%s]\nEnvoyé : %s\nÀ : %s\nObjet : %s\n"
                % (fn, fa, outlook_sent(d), to, subj))
        return head + "\n" + body
    if style == "gmail":
        head = ("---------- Forwarded message ---------\nDe : %s <%s>\nDate: %s %d %s %d à %02d:%02d\nSubject: %s\nTo: <%s>\n"
                % (fn, fa, WD_ABBR[d.weekday()], d.day, MO_ABBR[d.month - 1], d.year, d.hour, d.minute, subj, to))
        return head + "\n\n" + body
    if style == "thunderbird":
        head = ("-------- Message transféré --------\nSujet : \t%s\nDate : \t%s\nDe : \t%s <%s>\nPour : \t%s\n"
                % (subj, rfc2822(d), fn, fa, to))
        return head + "\n\n\n" + body
    if style == "apple":
        off = paris_offset_hours(d)
        head = ("Début du message réexpédié :\n\nDe: %s <%s>\nObjet: %s\nDate: %d %s %d à %02d:%02d:%02d UTC+%d\nÀ: %s\n"
                % (fn, fa, subj, d.day, MO[d.month - 1], d.year, d.hour, d.minute, d.second, off, to))
        return head + "\n" + body
    if style == "quoted":
        head = ("-------- Message original --------\nDe : %s <%s>\nDate : %s\nObjet : %s\n"
                % (fn, fa, outlook_sent(d), subj))
        return head + "\n" + "\n".join(("> " + l) if l else ">" for l in body.split("\n"))
    raise ValueError(style)


def reply_quote(orig_from, orig_date, subject, body):
    d = orig_date
    hdr = R.choice([
        "Le %s %d %s %d à %02d:%02d, %s <%s> a écrit :" % (WD_ABBR[d.weekday()], d.day, MO[d.month - 1], d.year, d.hour, d.minute, orig_from[0], orig_from[1]),
        "Le %02d/%02d/%d à %02d:%02d, %s a écrit :" % (d.day, d.month, d.year, d.hour, d.minute, orig_from[0]),
        "De : %s <%s>\nEnvoyé : %s\nÀ : %s\nObjet : %s\n" % (orig_from[0], orig_from[1], outlook_sent(d), OFFICE_ADDR, subject),
    ])
    return hdr + "\n" + "\n".join(("> " + l) if l else ">" for l in body.split("\n"))

# ---------------------------------------------------------------------------
# Senders
# ---------------------------------------------------------------------------
STREETS = ["rue de la République", "avenue Jean-Jaurès", "place de l'Église", "rue du 8-Mai-1945",
           "rue Pasteur", "route de Clermont", "avenue du 11-Novembre-1918", "place du 14-Juillet",
           "boulevard Gambetta", "rue des Écoles", "impasse des Tilleuls", "chemin des Vignes",
           "allée des Sports", "rue Victor-Hugo", "place de la Mairie", "rue du 19-Mars-1962",
           "avenue de la Libération", "rue du 4-Septembre", "place du 8 mai 1945", "rue Jules-Ferry",
           "rue du Stade", "Grande Rue", "rue de l'Industrie", "ZA des Littes", "route de Thiers",
           "rue du 1er-Mai", "place du Marché", "rue des Frères-Lumière", "rue Saint-Jean"]

HALLS = ["la salle des fêtes", "la salle polyvalente", "l'espace culturel", "le foyer rural",
         "la maison des associations", "la salle du conseil municipal", "le gymnase municipal",
         "la salle Jean-Moulin", "l'Espace Lucie-Aubrac", "le centre culturel", "la salle d'animation rurale",
         "la halle du marché", "la salle Louis-Aragon", "le complexe sportif", "la salle de l'Arrosoir",
         "la grange de la Monnerie", "l'Espace des Volcans", "la salle des Dômes"]

NAMED_VENUES = {
    "Clermont-Ferrand": [("le Polydôme", "place du 1er-Mai"), ("l'Hôtel du Département", "24 rue Saint-Esprit"),
                         ("la Préfecture du Puy-de-Dôme", "18 boulevard Desaix"), ("la Maison des sports", "place des Bughes"),
                         ("l'Hôtel de Ville", "10 rue Philippe-Marcombes")],
    "Cournon-d'Auvergne": [("la Grande Halle d'Auvergne", "rue du Pont-de-Longues"), ("le Zénith d'Auvergne", "rue du Pont-de-Longues")],
    "Vichy": [("le Palais des Congrès-Opéra", "1 rue du Casino")],
    "Paris": [("le Palais du Luxembourg, salle Clemenceau", "15 rue de Vaugirard", "75006"),
              ("Paris Expo Porte de Versailles", "1 place de la Porte-de-Versailles", "75015")],
    "Lyon": [("l'Hôtel de Région", "1 esplanade François-Mitterrand")],
    "Moulins": [("le Centre national du costume de scène", "route de Montilly")],
}


def prep_a(np):
    if np.startswith("le "):
        return "au " + np[3:]
    if np.startswith("les "):
        return "aux " + np[4:]
    return "à " + np


def prep_de(np):
    if np.startswith("le "):
        return "du " + np[3:]
    if np.startswith("les "):
        return "des " + np[4:]
    return "de " + np


def cap1(s):
    return s[:1].upper() + s[1:]


def addr_line():
    st = R.choice(STREETS)
    if st.startswith(("place", "Grande", "ZA", "route")) and R.random() < 0.5:
        return st
    return "%d %s" % (R.randint(1, 48), st)


VERB = {
    "a": ("a", "ont"), "sera": ("sera", "seront"), "serait": ("serait", "seraient"),
    "prie": ("prie", "prient"), "convie": ("convie", "convient"), "souhaite": ("souhaite", "souhaitent"),
    "invite": ("invite", "invitent"), "fait": ("se fait", "se font"), "sollicite": ("sollicite", "sollicitent"),
}


def agree(word, plural, fem):
    forms = {"honoré": ("honoré", "honorée", "honorés", "honorées"),
             "heureux": ("heureux", "heureuse", "heureux", "heureuses"),
             "ravi": ("ravi", "ravie", "ravis", "ravies")}[word]
    return forms[(2 if plural else 0) + (1 if fem else 0)]


def make_org(kind, commune, p=None, pool=None):
    p = p or person()
    o = {"type": kind, "commune": commune, "person": p, "names_commune": True}
    dc = de_commune(commune) if commune else ""
    adr = addr_line()
    cp = COMMUNES[commune][1] if commune else ""
    if kind == "mairie":
        o["role"] = "%s %s" % (maire_title(p), dc)
        o["name"] = "Mairie " + dc
        o["subj"] = [("Le Maire %s et le Conseil municipal" % dc, True, False),
                     ("La municipalité %s" % dc, False, True),
                     ("%s, %s %s," % (pname(p), maire_title(p), dc), False, p["sex"] == "F"),
                     ("Le Conseil municipal %s" % dc, False, False)]
        o["from"] = R.choice([("Mairie " + dc, mairie_addr(commune)),
                              (pname(p), "%s@%s-exemple.fr" % (email_local(p), slug(commune))),
                              ("Secrétariat de mairie", "secretariat@mairie-%s-exemple.fr" % slug(commune)),
                              ("Cabinet du Maire", "cabinet.maire@ville-%s-exemple.fr" % slug(commune))])
        o["sig"] = [pname(p, R.random() < 0.4), "%s %s" % (maire_title(p), dc)]
        if R.random() < 0.5:
            o["sig"].append(R.choice(["Vice-président%s de la communauté de communes" % ("e" if p["sex"] == "F" else ""),
                                      "Conseill%s départemental%s" % (("ère", "e") if p["sex"] == "F" else ("er", "")), ""]).strip()
                            if R.random() < 0.3 else "")
        if R.random() < 0.6:
            o["sig"] += ["Mairie " + dc, adr, "%s %s" % (cp, commune.upper() if R.random() < 0.3 else commune),
                         "Tél. " + phone()]
        o["organiser"] = "Mairie %s — %s, %s" % (dc, pname(p), maire_title(p).lower())
        o["je"] = True
    elif kind == "asso":
        art, a = R.choice(pool or ASSOS)
        name = a + " " + dc
        o["role"] = R.choice(["Président", "Président", "Secrétaire"]) if p["sex"] == "H" else R.choice(["Présidente", "Présidente", "Secrétaire"])
        o["name"] = name
        de_name = {"le": "du ", "la": "de la ", "l'": "de l'"}[art] + name
        o["subj"] = [("Le Président et les membres du bureau " + de_name if p["sex"] == "H" else "La Présidente et les membres du bureau " + de_name, True, False),
                     ("Le Conseil d'administration " + de_name, False, False),
                     ({"le": "Le ", "la": "La ", "l'": "L'"}[art] + name, False, art != "le")]
        o["from"] = R.choice([(name, "%s.%s@%s" % (slug(a)[:18], slug(commune)[:12], R.choice(FREEMAIL))),
                              (pname(p), "%s@%s" % (email_local(p), R.choice(FREEMAIL))),
                              (name, "contact@%s-%s-exemple.fr" % (slug(a)[:14], slug(commune)[:12]))])
        o["sig"] = [pname(p), "%s %s" % (o["role"], de_name) if R.random() < 0.5 else o["role"] + " — " + name]
        if R.random() < 0.5:
            o["sig"] += [adr + " – " + cp + " " + commune, mobile()]
        o["organiser"] = "%s — %s, %s" % (name, pname(p), o["role"].lower())
        o["je"] = True
    elif kind == "company":
        co = R.choice(COMPANIES)
        o["role"] = R.choice(["Directeur général", "Président", "Directeur du site", "Gérant"]) if p["sex"] == "H" else R.choice(["Directrice générale", "Présidente", "Directrice du site", "Gérante"])
        o["name"] = co
        o["subj"] = [("La direction et l'ensemble des collaborateurs de %s" % co, False, True),
                     ("%s, %s de %s," % (pname(p), o["role"], co), False, p["sex"] == "F")]
        o["from"] = R.choice([(pname(p), "%s@%s-exemple.fr" % (email_local(p), slug(co)[:16])),
                              ("Communication " + co, "communication@%s-exemple.fr" % slug(co)[:16])])
        o["sig"] = [pname(p), o["role"], co, adr, "%s %s" % (cp, commune), "www.%s-exemple.fr" % slug(co)[:16]]
        o["organiser"] = "%s — %s, %s" % (co, pname(p), o["role"].lower())
        o["je"] = True
    elif kind == "pompiers":
        o["role"] = R.choice(["Chef de centre", "Président de l'amicale", "Lieutenant, chef de centre", "Capitaine, chef de centre"])
        o["name"] = "Centre d'incendie et de secours " + dc
        o["subj"] = [("Le Chef de centre et les sapeurs-pompiers du centre d'incendie et de secours %s" % dc, True, False),
                     ("L'Amicale des sapeurs-pompiers %s" % dc, False, True)]
        o["from"] = R.choice([("Amicale SP " + commune, "amicale.sp.%s@%s" % (slug(commune)[:12], R.choice(FREEMAIL))),
                              (pname(p), "%s@sdis63-exemple.fr" % email_local(p))])
        o["sig"] = [pname(p), o["role"], "CIS " + commune, "SDIS du Puy-de-Dôme"]
        o["organiser"] = "CIS %s — %s, %s" % (commune, pname(p), o["role"].lower())
        o["je"] = True
    elif kind == "school":
        sch = R.choice(["Collège Jules-Ferry", "Collège Lucie-Aubrac", "Lycée agricole", "Lycée professionnel",
                        "École élémentaire Jean-Zay", "Collège Victor-Hugo", "Lycée polyvalent Marie-Curie"])
        o["role"] = R.choice(["Principal", "Proviseur", "Directeur"]) if p["sex"] == "H" else R.choice(["Principale", "Proviseure", "Directrice"])
        o["name"] = "%s %s" % (sch, dc)
        o["subj"] = [("%s, %s, et l'équipe éducative" % (pname(p), o["role"]), True, False),
                     ("L'équipe du %s" % o["name"] if sch.startswith(("Coll", "Lyc")) else "L'équipe de l'%s" % o["name"], False, True)]
        o["from"] = (o["role"] + " " + sch, "ce.063%04dX@ac-clermont-exemple.fr" % R.randint(1000, 9999))
        o["sig"] = [pname(p), o["role"], o["name"]]
        o["organiser"] = "%s — %s, %s" % (o["name"], pname(p), o["role"].lower())
        o["je"] = True
    elif kind == "interco":
        ic, ic_c = R.choice(INTERCOS)
        o["commune"] = ic_c
        commune = ic_c
        o["role"] = "Président" if p["sex"] == "H" else "Présidente"
        o["name"] = ic
        o["subj"] = [("Le Président et les élus communautaires de %s" % ic if p["sex"] == "H" else "La Présidente et les élus communautaires de %s" % ic, True, False),
                     ("%s, %s de %s," % (pname(p), o["role"], ic), False, p["sex"] == "F")]
        o["from"] = (ic, "accueil@%s-exemple.fr" % slug(ic)[:20])
        o["sig"] = [pname(p), "%s de %s" % (o["role"], ic)]
        if ic_c:
            o["sig"] += ["Siège : " + addr_line() + ", " + COMMUNES[ic_c][1] + " " + ic_c]
        else:
            o["names_commune"] = False
        o["organiser"] = "%s — %s, %s" % (ic, pname(p), o["role"].lower())
        o["je"] = True
    elif kind == "prefecture":
        sp = commune if commune in ("Riom", "Issoire", "Thiers", "Ambert") else None
        if sp:
            o["name"] = "Sous-préfecture " + dc
            o["subj"] = [("Le Sous-Préfet %s" % dc if p["sex"] == "H" else "La Sous-Préfète %s" % dc, False, p["sex"] == "F")]
        else:
            o["commune"] = commune = "Clermont-Ferrand"
            o["name"] = "Préfecture du Puy-de-Dôme"
            o["subj"] = [("Le Préfet du Puy-de-Dôme" if p["sex"] == "H" else "La Préfète du Puy-de-Dôme", False, p["sex"] == "F")]
        o["role"] = "Bureau du cabinet et du protocole"
        o["from"] = ("Protocole " + o["name"], "pref-protocole@puy-de-dome.gouv-exemple.fr")
        o["sig"] = ["Bureau du cabinet", o["name"], "18 boulevard Desaix – 63033 Clermont-Ferrand cedex 1" if not sp else commune]
        o["organiser"] = o["name"] + " — cabinet"
        o["je"] = False
    elif kind == "dept":
        o["commune"] = commune = "Clermont-Ferrand"
        o["name"] = "Conseil départemental du Puy-de-Dôme"
        o["role"] = "Président" if p["sex"] == "H" else "Présidente"
        o["subj"] = [("Le Président du Conseil départemental du Puy-de-Dôme" if p["sex"] == "H" else "La Présidente du Conseil départemental du Puy-de-Dôme", False, p["sex"] == "F")]
        o["from"] = ("Protocole – Conseil départemental 63", "protocole@puydedome-exemple.fr")
        o["sig"] = ["Service du protocole", "Hôtel du Département – 24 rue Saint-Esprit – 63033 Clermont-Ferrand cedex 1"]
        o["organiser"] = "Conseil départemental du Puy-de-Dôme — protocole"
        o["je"] = False
    elif kind == "chambre":
        o["commune"] = commune = R.choice(["Aubière", "Clermont-Ferrand"])
        ch = "Chambre d'agriculture du Puy-de-Dôme" if R.random() < 0.5 else "CCI Puy-de-Dôme"
        o["name"] = ch
        o["role"] = "Président" if p["sex"] == "H" else "Présidente"
        o["subj"] = [("%s, %s de la %s," % (pname(p), o["role"], ch), False, p["sex"] == "F"),
                     ("La " + ch, False, True)]
        o["from"] = (ch, "protocole@%s-exemple.fr" % slug(ch)[:18])
        o["sig"] = ["Service communication", ch, addr_line() + " – " + COMMUNES[commune][1] + " " + commune]
        o["organiser"] = ch + " — " + pname(p)
        o["je"] = True
    else:
        raise ValueError(kind)
    o["sig"] = [l for l in o["sig"] if l]
    return o


ASSO_BY_KIND = {
    "ceremonie": [("l'", "Union nationale des combattants, section"), ("le", "Comité FNACA"), ("le", "Souvenir français, comité"),
                  ("l'", "Association des anciens combattants et victimes de guerre")],
    "repas": [("le", "Club des aînés ruraux"), ("le", "Comité des fêtes"), ("le", "Club de l'amitié"), ("l'", "ADMR"), ("le", "Comité FNACA")],
    "voeux": [("le", "Comité des fêtes"), ("l'", "Amicale laïque"), ("le", "Club de l'amitié"), ("le", "Foyer rural"), ("l'", "Harmonie municipale")],
    "comice": [("le", "Comité du comice agricole"), ("le", "Syndicat des Jeunes Agriculteurs")],
    "fete": [("le", "Comité des fêtes"), ("le", "Foyer rural"), ("l'", "Association Patrimoine et Histoire")],
    "jumelage": [("le", "Comité de jumelage")],
    "decoration": [("l'", "Union nationale des combattants, section"), ("le", "Comité FNACA"), ("l'", "Amicale des donneurs de sang"), ("le", "Club de football")],
    "colloque": [("l'", "Association Santé Ruralité"), ("le", "Conseil de développement"), ("le", "Collectif Vivre au pays"), ("l'", "Université populaire")],
}
ASSOS = [("le", "Comité des fêtes"), ("le", "Club de l'amitié"), ("l'", "Amicale laïque"),
         ("l'", "Association des parents d'élèves"), ("l'", "Union nationale des combattants, section"),
         ("l'", "Harmonie municipale"), ("la", "Société de chasse"), ("le", "Club de football"), ("le", "Foyer rural"),
         ("l'", "Association Patrimoine et Histoire"), ("le", "Comité de jumelage"), ("l'", "Amicale des donneurs de sang"),
         ("le", "Club des aînés ruraux"), ("l'", "ADMR"), ("le", "Comité FNACA"), ("l'", "Association Les Amis de l'orgue"),
         ("l'", "Union musicale"), ("le", "Club de rugby"), ("la", "Société de pêche La Truite"), ("le", "Souvenir français, comité")]
COMPANIES = ["Auvergne Plasturgie", "Laiterie des Combrailles", "Menuiseries Chassaing", "Transports Bony",
             "Scierie du Livradois", "Coutellerie Delorme", "Dômes Énergies", "Biscuiterie des Volcans",
             "Fromagerie Tixier", "Ateliers Mécaniques de la Dore", "Imprimerie Fayolle", "Sancy Bois Construction"]
INTERCOS = [("Riom Limagne et Volcans", "Riom"), ("Thiers Dore et Montagne", "Thiers"),
            ("Agglo Pays d'Issoire", "Issoire"), ("Billom Communauté", "Billom"),
            ("Ambert Livradois Forez", "Ambert"), ("Combrailles Sioule et Morge", "Manzat"),
            ("Massif du Sancy", "Mont-Dore"), ("Plaine Limagne", "Aigueperse"),
            ("Entre Dore et Allier", "Lezoux")]
INTERCOS_NO_COMMUNE = [("Dômes Sancy Artense", None), ("Mond'Arverne Communauté", None),
                       ("Chavanon Combrailles et Volcans", None)]

# ---------------------------------------------------------------------------
# Kinds of invitation: nominal phrase, preferred days and times, halls, extras
# ---------------------------------------------------------------------------
INAUG_OBJ = ["la nouvelle école maternelle", "la maison de santé pluriprofessionnelle", "le gymnase rénové",
             "la médiathèque", "la nouvelle station d'épuration", "le city-stade", "la chaufferie bois",
             "le pôle enfance-jeunesse", "la salle des fêtes entièrement rénovée", "le nouveau centre technique municipal",
             "la voie verte", "l'extension du groupe scolaire", "le boulodrome couvert", "la place de l'Église réaménagée",
             "le terrain de football synthétique", "la maison des associations", "les nouveaux vestiaires du stade",
             "le restaurant scolaire", "la résidence seniors", "le tiers-lieu", "la micro-crèche",
             "l'espace France Services", "le skate-park", "la passerelle sur l'Allier", "le jardin partagé",
             "les logements communaux réhabilités", "la bibliothèque intercommunale", "la centrale photovoltaïque"]

SHORT = {}


def k_inauguration(org, commune):
    obj = R.choice(INAUG_OBJ)
    hall = None if R.random() < 0.5 else R.choice(HALLS)
    return {"np": "l'inauguration " + prep_de(obj).replace("de l'", "de l'"), "short": "Inauguration " + obj.split(" ", 1)[1],
            "days": [5, 5, 5, 4, 2, 0], "times": [(10, 0), (10, 30), (11, 0), (11, 30), (17, 0), (18, 0), (18, 30)],
            "hall": hall, "site": obj if hall is None else None,
            "extras": ["La cérémonie sera suivie d'un vin d'honneur.", "Les discours seront suivis d'une visite des lieux.",
                       "Un verre de l'amitié clôturera cette matinée.", "", "Un buffet sera servi à l'issue de la cérémonie."],
            "notes": [None, None, None, "Tenue de ville", "Coupure du ruban tricolore en présence des financeurs"]}


def k_premiere_pierre(org, commune):
    obj = R.choice(["la future maison de santé", "du nouveau groupe scolaire", "de la caserne des pompiers",
                    "de l'EHPAD", "des logements sociaux de la rue des Écoles", "du centre aquatique"])
    obj = obj if obj.startswith("la ") else obj
    np = "la pose de la première pierre " + (prep_de(obj) if obj.startswith("la ") else obj)
    return {"np": np, "short": "Première pierre", "days": [5, 4, 3], "times": [(10, 30), (11, 0), (15, 0), (16, 0)],
            "hall": None, "site": "le chantier", "extras": ["Un verre de l'amitié sera servi sur place.", ""],
            "notes": [None, "Chaussures adaptées au chantier recommandées"]}


def k_voeux(org, commune):
    who = {"mairie": "la cérémonie des vœux du Maire", "interco": "la cérémonie des vœux communautaires",
           "prefecture": "la cérémonie des vœux aux autorités", "pompiers": "la cérémonie des vœux du centre de secours",
           "chambre": "la soirée des vœux", "dept": "la cérémonie des vœux du Département",
           "asso": "la galette des rois et les vœux de l'association", "company": "la soirée des vœux de l'entreprise",
           "school": "les vœux de l'établissement"}[org["type"]]
    if org["type"] == "mairie" and R.random() < 0.4:
        who = "la cérémonie des vœux à la population"
    return {"np": who, "short": "Vœux", "days": [4, 4, 5, 3, 0], "times": [(18, 0), (18, 30), (19, 0), (11, 0), (18, 30)],
            "months": [1], "hall": R.choice(HALLS), "extras": ["Un buffet clôturera la soirée.", "La soirée se poursuivra autour du verre de l'amitié.", ""],
            "notes": [None, None, "Tenue de ville"]}


def k_ceremonie(org, commune, which=None):
    which = which or R.choice(["8mai", "8mai", "11nov", "11nov", "14juil", "19mars", "deport", "18juin"])
    info = {
        "8mai": ("la cérémonie commémorative du 8 mai 1945", "Cérémonie du 8 Mai", (5, 8)),
        "11nov": ("la commémoration de l'Armistice du 11 novembre 1918", "Cérémonie du 11 Novembre", (11, 11)),
        "14juil": ("la cérémonie de la Fête nationale", "14 Juillet", (7, 14)),
        "19mars": ("la Journée nationale du souvenir et de recueillement à la mémoire des victimes de la guerre d'Algérie", "19 mars 1962", (3, 19)),
        "deport": ("la Journée nationale du souvenir des victimes et des héros de la Déportation", "Souvenir de la Déportation", None),
        "18juin": ("la commémoration de l'Appel du 18 juin 1940", "Appel du 18 Juin", (6, 18)),
    }[which]
    return {"np": info[0], "short": info[1], "fixed": info[2], "which": which,
            "times": [(10, 0), (10, 30), (11, 0), (11, 15), (9, 45), (18, 0) if which == "18juin" else (11, 0)],
            "hall": None, "site": R.choice(["le monument aux morts", "le monument aux morts", "la stèle du Souvenir", "le carré militaire du cimetière"]),
            "extras": ["La cérémonie sera suivie d'un vin d'honneur servi à la salle des fêtes.", "",
                       "Les enfants des écoles participeront à la lecture des messages."],
            "notes": ["Port des décorations", "Dépôt de gerbe", None, "Port des décorations pendantes", "Dépôt de gerbes"],
            "programme_ok": True}


def k_ag(org, commune):
    what = {"asso": "notre assemblée générale annuelle", "company": "l'assemblée générale des actionnaires salariés",
            "chambre": "la session plénière de la Chambre", "pompiers": "l'assemblée générale de l'amicale",
            "interco": "l'assemblée générale du syndicat intercommunal", "mairie": "l'assemblée générale du comité des fêtes",
            "school": "l'assemblée générale de l'association sportive", "prefecture": "l'assemblée générale de l'Union départementale",
            "dept": "l'assemblée générale de l'Agence départementale"}[org["type"]]
    return {"np": what, "short": "Assemblée générale", "days": [4, 5, 5, 2, 3], "times": [(18, 0), (18, 30), (20, 0), (9, 30), (10, 0), (14, 30), (14, 0)],
            "hall": R.choice(HALLS), "extras": ["Elle sera suivie du verre de l'amitié.", "Un repas suivra ; participation de 20 €.", "",
                                                 "L'ordre du jour sera adressé aux adhérents."],
            "notes": [None, None, None], "programme_ok": True}


def k_comice(org, commune):
    return {"np": "le comice agricole cantonal", "short": "Comice agricole", "days": [5], "months": [8, 9],
            "times": [(10, 0), (10, 30), (11, 0), (9, 30)], "hall": None, "site": R.choice(["le champ de foire", "le stade municipal", "la place du Marché"]),
            "extras": ["Concours de bovins, marché de producteurs et repas champêtre sont au programme.",
                       "Plus de 200 animaux seront présentés.", ""],
            "notes": [None, None, "Bottes conseillées !"], "span_ok": True}


def k_congres(org, commune):
    return {"np": R.choice(["le congrès départemental des maires et présidents d'intercommunalité",
                            "le congrès annuel des maires du Puy-de-Dôme", "l'assemblée générale des maires ruraux du Puy-de-Dôme"]),
            "short": "Congrès des maires", "days": [5, 4, 3], "months": [9, 10, 11],
            "times": [(8, 30), (9, 0), (9, 30)], "hall": None, "site": None,
            "extras": ["Le ministre en charge des collectivités est attendu en clôture.", "Déjeuner sur place.", ""],
            "notes": [None, None], "programme_ok": True}


def k_sainte_barbe(org, commune):
    return {"np": "la cérémonie de la Sainte-Barbe", "short": "Sainte-Barbe", "days": [5, 5, 4, 6], "months": [11, 12],
            "times": [(10, 30), (11, 0), (17, 0), (18, 0), (18, 30)], "hall": None,
            "site": R.choice(["le centre d'incendie et de secours", "la caserne", "le centre de secours"]),
            "extras": ["Remise de galons et de médailles, suivie d'un apéritif.", "La cérémonie sera suivie du traditionnel repas.", ""],
            "notes": ["Tenue de ville", "Port des décorations", None], "programme_ok": True, "day_min": 22}


def k_decoration(org, commune):
    rec = person()
    dist = R.choice(["les insignes de chevalier de la Légion d'honneur", "les insignes de chevalier dans l'ordre national du Mérite",
                     "la médaille d'honneur régionale, départementale et communale", "la médaille de la Famille",
                     "la médaille d'honneur agricole", "les palmes académiques"])
    return {"np": "la cérémonie au cours de laquelle seront remis %s à %s %s" % (dist, "M." if rec["sex"] == "H" else "Mme", pname(rec)),
            "short": "Remise de décoration", "days": [4, 4, 5, 2], "times": [(18, 0), (18, 30), (11, 0), (17, 30)],
            "hall": R.choice(["la salle du conseil municipal", "la salle des mariages", "la salle d'honneur de la mairie", "la salle des fêtes"]),
            "extras": ["La cérémonie sera suivie d'un cocktail.", ""], "notes": ["Port des décorations", "Tenue de ville", None]}


def k_fete(org, commune):
    what, months = R.choice([("la fête patronale", [6, 7, 8, 9]), ("la fête de la châtaigne", [10]), ("la foire de la Saint-Martin", [11]),
                             ("la fête du pain", [5, 6]), ("le marché de Noël", [12]), ("le festival des Arts de la rue", [7, 8]),
                             ("la fête de la myrtille", [7, 8]), ("la fête médiévale", [6, 7, 8]), ("la foire aux fromages", [4, 5, 9, 10]),
                             ("le salon des vins et de la gastronomie", [2, 3, 10, 11])])
    return {"np": "l'ouverture officielle %s" % prep_de(what), "short": cap1(what.split(" ", 1)[1]), "days": [5, 6, 4], "months": months,
            "times": [(10, 0), (11, 0), (14, 0), (17, 30), (18, 0)], "hall": R.choice([None, "la place du Marché", "la salle polyvalente"]),
            "site": "le centre-bourg", "extras": ["Animations, marché de producteurs et spectacle pour les enfants.", ""],
            "notes": [None, None], "span_ok": True, "what": what}


def k_entreprise(org, commune):
    what = R.choice(["les 50 ans de notre entreprise", "l'inauguration de notre nouvelle ligne de production",
                     "l'inauguration de notre nouveau site", "la soirée anniversaire des 30 ans de la société",
                     "l'inauguration de l'extension de notre atelier", "la journée portes ouvertes de notre usine"])
    return {"np": what, "short": "Entreprise " + org["name"], "days": [4, 3, 5, 1], "times": [(11, 0), (17, 0), (18, 0), (18, 30), (10, 0)],
            "hall": None, "site": R.choice(["notre site", "nos locaux", "l'usine"]), "extras": ["Une visite des ateliers sera proposée.", "Cocktail dînatoire.", ""],
            "notes": [None, None, "Chaussures de sécurité fournies pour la visite"]}


def short_title(what, n=40):
    t = cap1(what.split(" ", 1)[1])
    if len(t) <= n:
        return t
    return t[:n].rsplit(" ", 1)[0]


CULTURE_ITEMS = [
    ("le concert de gala de l'harmonie", [("l'", "Harmonie municipale"), ("l'", "Union musicale")]),
    ("la remise des prix du concours des maisons fleuries", [("le", "Comité des fêtes")]),
    ("le vernissage de l'exposition « Mémoires de mineurs »", [("l'", "Association Patrimoine et Histoire")]),
    ("la finale de la coupe du Puy-de-Dôme", [("le", "Club de football"), ("le", "Club de rugby")]),
    ("le gala annuel de l'école de danse", [("l'", "École de danse")]),
    ("la remise des prix du concours de la Résistance", [("l'", "Union nationale des combattants, section"), ("le", "Souvenir français, comité")]),
    ("le spectacle de fin d'année des écoles", [("l'", "Amicale laïque"), ("l'", "Association des parents d'élèves")]),
    ("le tournoi international de pétanque", [("le", "Club de pétanque")]),
    ("la soirée des sportifs méritants", [("l'", "Office municipal des sports")]),
    ("le vernissage du salon de peinture", [("le", "Foyer rural"), ("l'", "Association Patrimoine et Histoire")]),
    ("le concert de l'ensemble vocal à l'église", [("l'", "Association Les Amis de l'orgue")]),
]


def k_culture(org, commune, item=None):
    what = (item or R.choice(CULTURE_ITEMS))[0]
    return {"np": what, "short": short_title(what), "days": [5, 4, 6], "times": [(15, 0), (17, 0), (18, 0), (18, 30), (20, 0), (20, 30)],
            "hall": R.choice(HALLS + ["l'église Saint-Pierre", "le stade municipal"]), "extras": ["", "Entrée libre pour le public."],
            "notes": [None, None]}


def k_ecole(org, commune):
    if "Collège" in org["name"]:
        opts = ["la cérémonie républicaine de remise des diplômes du brevet", "l'inauguration du nouveau foyer des élèves", "la journée portes ouvertes du collège"]
    elif "Lycée" in org["name"]:
        opts = ["la remise des diplômes de nos élèves", "la journée portes ouvertes de l'établissement", "la cérémonie de remise des diplômes du BTS",
                "l'inauguration du nouveau foyer des élèves"]
    else:
        opts = ["la fête de l'école et l'inauguration de la nouvelle cour", "l'inauguration du jardin pédagogique"]
    what = R.choice(opts)
    return {"np": what, "short": "Cérémonie — établissement", "days": [4, 2, 5, 0, 1], "times": [(17, 0), (17, 30), (18, 0), (9, 0), (10, 0)],
            "months": [6, 9, 10, 11, 3], "hall": R.choice([None, "le self", "la salle polyvalente", "le gymnase"]), "site": "l'établissement",
            "extras": ["", "Un pot clôturera la cérémonie."], "notes": [None]}


def k_repas(org, commune):
    what = R.choice(["le repas des aînés", "le banquet républicain", "le traditionnel repas des anciens",
                     "le banquet annuel des anciens combattants", "le goûter de Noël des aînés"])
    return {"np": what, "short": cap1(what.split(" ", 1)[1]), "days": [6, 5, 6], "times": [(12, 0), (12, 0), (12, 30), (12, 0), (14, 30)],
            "hall": R.choice(HALLS), "extras": ["Le repas sera animé par un orchestre.", ""], "notes": [None]}


def k_jumelage(org, commune):
    town = R.choice(["Bad Dürkheim", "Castelnuovo", "Ploiești", "Castro Daire", "Oberkirch", "Bury"])
    return {"np": "les festivités du %de anniversaire du jumelage avec %s" % (R.choice([10, 20, 25, 30, 40, 50]), town), "short": "Jumelage",
            "days": [5, 4], "times": [(11, 0), (18, 0), (18, 30)], "hall": R.choice(HALLS), "extras": ["Une délégation de nos amis sera présente.", ""],
            "notes": [None], "span_ok": True}


def k_visite(org, commune):
    if org["type"] == "chambre":
        opts = ["la visite de l'exploitation organisée pour les élus du canton", "la visite de la nouvelle unité de méthanisation"]
    elif org["type"] == "interco":
        opts = ["la visite du chantier de la future médiathèque", "la visite de la nouvelle unité de méthanisation", "la visite de terrain consacrée aux dégâts des crues"]
    else:
        opts = ["la visite du chantier de la future médiathèque", "la visite de terrain consacrée aux dégâts des crues", "la visite des travaux de la traversée du bourg"]
    what = R.choice(opts)
    return {"np": what, "short": "Visite", "days": [0, 1, 2, 3, 4], "times": [(9, 30), (10, 0), (14, 0), (14, 30), (15, 0)],
            "hall": None, "site": R.choice(["l'exploitation"] if "exploitation" in what else ["le chantier", "le parking de la mairie", "l'entrée du site"]),
            "extras": ["Prévoir des bottes.", ""], "notes": [None, "Équipements de protection fournis"]}


def k_colloque(org, commune):
    what = R.choice(["la table ronde « Déserts médicaux : quelles solutions pour nos territoires ? »",
                     "la conférence-débat sur l'avenir du thermalisme", "la réunion publique consacrée au projet de contournement",
                     "les Rencontres de l'économie sociale et solidaire", "la journée d'échanges sur la ressource en eau",
                     "le forum de l'emploi et de l'apprentissage"])
    return {"np": what, "short": "Table ronde / conférence", "days": [0, 1, 2, 3, 4, 5], "times": [(9, 0), (14, 0), (18, 0), (18, 30), (20, 0)],
            "hall": R.choice(HALLS), "extras": ["", "Les échanges pourront aussi être suivis en visioconférence."], "notes": [None]}


KIND_FN = {"inauguration": k_inauguration, "premiere-pierre": k_premiere_pierre, "voeux": k_voeux,
           "ceremonie": k_ceremonie, "ag": k_ag, "comice": k_comice, "congres-maires": k_congres,
           "sainte-barbe": k_sainte_barbe, "decoration": k_decoration, "fete": k_fete, "entreprise": k_entreprise,
           "culture": k_culture, "ecole": k_ecole, "repas": k_repas, "jumelage": k_jumelage, "visite": k_visite,
           "colloque": k_colloque}

KIND_SENDERS = {"inauguration": ["mairie"] * 6 + ["interco", "interco", "company"],
                "premiere-pierre": ["mairie", "mairie", "interco", "dept"], "voeux": ["mairie"] * 5 + ["interco", "prefecture", "chambre", "pompiers", "asso", "dept"],
                "ceremonie": ["mairie"] * 4 + ["asso", "prefecture"], "ag": ["asso"] * 5 + ["pompiers", "chambre"],
                "comice": ["mairie", "asso"], "congres-maires": ["asso"], "sainte-barbe": ["pompiers"] * 3 + ["mairie"],
                "decoration": ["mairie", "mairie", "company", "asso", "prefecture"], "fete": ["mairie", "asso", "asso"],
                "entreprise": ["company"], "culture": ["asso", "mairie", "asso"], "ecole": ["school"], "repas": ["mairie", "asso"],
                "jumelage": ["asso", "mairie"], "visite": ["interco", "mairie", "mairie", "chambre"], "colloque": ["asso", "mairie", "chambre", "interco"]}

# ---------------------------------------------------------------------------
# Invitation scenarios
# ---------------------------------------------------------------------------
NEAR = {  # a few neighbouring communes (for events held elsewhere and names in passing)
    "Clermont-Ferrand": ["Aubière", "Chamalières", "Cournon-d'Auvergne", "Beaumont", "Cébazat", "Royat"],
    "Riom": ["Mozac", "Châtel-Guyon", "Marsat", "Saint-Bonnet-près-Riom", "Ennezat", "Volvic"],
    "Issoire": ["Le Breuil-sur-Couze", "Champeix", "Sauxillanges", "Saint-Germain-Lembron", "Brassac-les-Mines"],
    "Thiers": ["Courpière", "Saint-Rémy-sur-Durolle", "Puy-Guillaume", "Châteldon"],
    "Billom": ["Saint-Julien-de-Coppel", "Saint-Dier-d'Auvergne", "Vertaizon" if False else "Beauregard-l'Évêque"],
    "Ambert": ["Arlanc", "Marsac-en-Livradois", "Saint-Anthème", "Viverols", "Cunlhat"],
    "Mont-Dore": ["La Bourboule", "Murol", "Chambon-sur-Lac", "Saint-Nectaire", "Picherande", "La Tour-d'Auvergne"],
    "Lezoux": ["Joze", "Maringues", "Courpière"],
    "Pont-du-Château": ["Lempdes", "Les Martres-d'Artière", "Mur-sur-Allier", "Aulnat"],
    "Gerzat": ["Lussat", "Aulnat", "Cébazat", "Chappes"],
    "Manzat": ["Combronde", "Les Ancizes-Comps", "Saint-Ours", "Pontgibaud"],
    "Aigueperse": ["Aubiat", "Effiat", "Randan"],
}

INTERCO_MEMBERS = {"Riom": ["Mozac", "Châtel-Guyon", "Volvic", "Ennezat", "Marsat"],
                   "Thiers": ["Courpière", "Puy-Guillaume", "Saint-Rémy-sur-Durolle", "Olliergues"],
                   "Issoire": ["Brassac-les-Mines", "Champeix", "Sauxillanges", "Le Breuil-sur-Couze"],
                   "Billom": ["Saint-Julien-de-Coppel", "Saint-Dier-d'Auvergne"],
                   "Ambert": ["Arlanc", "Saint-Anthème", "Viverols", "Cunlhat"],
                   "Manzat": ["Combronde", "Les Ancizes-Comps"], "Mont-Dore": ["La Bourboule", "Murol", "Besse-et-Saint-Anastaise"],
                   "Aigueperse": ["Aubiat", "Effiat", "Randan"], "Lezoux": ["Joze", "Maringues"]}

DATE_STYLES = ["full"] * 30 + ["Full"] * 4 + ["noyear"] * 20 + ["nowd"] * 9 + ["nowd_noyear"] * 4 + ["num"] * 5 + \
    ["num_y"] * 4 + ["wd_num"] * 3 + ["noaccent"] * 2 + ["noaccent_noyear"] * 1 + ["num_short"] * 1


HOLIDAYS = {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25), (12, 24), (12, 31)}


def pick_event_date(k, lo=dt.date(2025, 1, 25), hi=dt.date(2028, 2, 20)):
    """Event date from the kind's calendar habits."""
    if k.get("fixed"):
        m, d = k["fixed"]
        y = R.choice([2025, 2026, 2027]) if (m, d) > (1, 20) else R.choice([2026, 2027])
        return dt.date(y, m, d)
    if k.get("which") == "deport":
        y = R.choice([2025, 2026, 2027])
        return last_sunday(y, 4)
    months = k.get("months")
    days = k.get("days", [5])
    for _ in range(1000):
        d = rand_date(lo, hi)
        if months and d.month not in months:
            continue
        if k.get("day_min") and d.month == 11 and d.day < k["day_min"]:
            continue
        if months == [1] and d.day < 6:
            continue
        if (d.month, d.day) in HOLIDAYS:
            continue
        if d.weekday() in days:
            return d
    raise RuntimeError("no date")


def time_add(t, minutes):
    m = t[0] * 60 + t[1] + minutes
    return (m // 60, m % 60)


def programme_for(kind, start, site=None):
    site = site or "le monument aux morts"
    if kind == "ceremonie":
        steps = [(0, R.choice(["rassemblement devant la mairie", "rassemblement place de la Mairie", "accueil des autorités devant l'hôtel de ville"])),
                 (15, R.choice(["défilé jusqu'%s" % prep_a(site), "départ du cortège vers " + site])),
                 (25, R.choice(["dépôt de gerbes et lecture des messages officiels", "cérémonie %s, dépôt de gerbe" % prep_a(site), "lecture du message de la ministre, minute de silence"])),
                 (60, R.choice(["vin d'honneur à la salle des fêtes", "verre de l'amitié offert par la municipalité"]))]
    elif kind == "congres-maires":
        steps = [(0, "accueil des participants et visite des stands"), (45, "ouverture officielle du congrès"),
                 (150, "table ronde : finances locales"), (240, "déjeuner"), (330, "ateliers thématiques"), (450, "clôture")]
    elif kind == "sainte-barbe":
        steps = [(0, "revue des personnels"), (20, "remise de galons et de médailles"), (45, "discours des autorités"),
                 (75, "vin d'honneur")]
    elif kind == "ag":
        steps = [(0, "accueil et émargement"), (30, "assemblée générale (rapports moral et financier)"),
                 (120, "intervention des élus"), (150, "verre de l'amitié")]
    else:
        steps = [(0, "accueil"), (30, "discours"), (60, "visite"), (90, "cocktail")]
    n = R.choice([3, 4]) if len(steps) > 3 else len(steps)
    return [(time_add(start, off), label) for off, label in steps[:n]]


def choose_place(kind_info, commune, mode, org, allow_named=True):
    """Return dict(hall_np, address, commune, label)."""
    venue = kind_info.get("venue")
    if venue is None and allow_named and commune in NAMED_VENUES and (R.random() < 0.6 or commune in OUTSIDE):
        venue = R.choice(NAMED_VENUES[commune])
    if venue:
        hall, address = venue[0], venue[1]
    else:
        hall = kind_info.get("hall") or kind_info.get("site") or R.choice(HALLS)
        address = addr_line() if R.random() < 0.55 else None
        if mode == "implied" and address:
            while any(a in address for a in ("Clermont", "Thiers")):
                address = addr_line()
    cp = COMMUNES[commune][1] if commune else ""
    if venue and len(venue) > 2:
        cp = venue[2]
    label = cap1(hall)
    if address:
        label += ", " + address
    if commune:
        label += ", " + (cp + " " if address else "") + commune
    return {"hall": hall, "address": address, "commune": commune, "label": label, "cp": cp}


def written_commune(commune, informal=False):
    al = alias_list(commune)
    if len(al) > 1 and R.random() < (0.45 if informal else 0.25):
        return R.choice(al[1:])
    return commune


def where_phrase(pl, mode, informal=False):
    """Place phrase and the commune string written (evidence)."""
    hall = pl["hall"]
    c = pl["commune"]
    ph = prep_a(hall)
    if mode == "implied" or c is None:
        if pl["address"] and R.random() < 0.6:
            return "%s, %s" % (ph, pl["address"]), None
        return ph, None
    cw = written_commune(c, informal)
    opts = []
    if pl["address"]:
        opts += ["%s, %s, %s %s" % (ph, pl["address"], pl["cp"], cw),
                 "%s, %s %s" % (ph, pl["address"], a_commune(cw)),
                 "%s (%s, %s)" % (ph, pl["address"], cw)]
    opts += ["%s %s" % (ph, de_commune(cw)), "%s, %s" % (a_commune(cw), ph), "%s (%s)" % (ph, cw)]
    s = R.choice(opts)
    ev = cw
    if cw.startswith(("Le ", "Les ")) and (("du " + cw[3:]) in s or ("des " + cw[4:]) in s or ("au " + cw[3:]) in s or ("aux " + cw[4:]) in s):
        ev = cw.split(" ", 1)[1]
    return s, ev


def when_phrase(e, ds, with_time=True):
    """« le samedi 14 mars 2026 à 11h » with the time range written as chosen."""
    style = e["date_style"]
    if style == "prochain":
        dpart = ds
    elif style == "nomonth":
        dpart = R.choice(["ce ", "le "]) + ds
    else:
        dpart = "le " + ds
    if not with_time or e["start"] is None:
        return dpart, None
    ts = fmt_time(e["start"], e["time_style"])
    rng = e.get("range")
    if rng and e["end"]:
        te = fmt_time(e["end"], e["time_style"] if e["time_style"] != "midi" else "h")
        if rng == "de_a":
            tp = "de %s à %s" % (ts, te)
        elif rng == "dash":
            tp = "%s-%s" % (ts, te) if R.random() < 0.5 else "%s – %s" % (ts, te)
            return (dpart + ", " + tp), ts
        elif rng == "entre":
            tp = "entre %s et %s" % (ts, te)
        else:
            tp = "%s (fin prévue à %s)" % (a_time(ts), te)
    elif rng == "partir":
        tp = "à partir de %s" % ts
    elif rng == "des":
        tp = "dès %s" % ts
    else:
        tp = a_time(ts)
    if R.random() < 0.15 and not tp.startswith(("de ", "entre", "dès")):
        return "%s, %s" % (tp, dpart), ts
    sep = R.choice([" ", " ", ", "])
    return dpart + sep + tp, ts


GREET_FORMAL = ["Madame la Sénatrice,", "Madame la Sénatrice,", "Madame la Sénatrice,", "Madame la Sénatrice, chère Claire,",
                "Madame la Sénatrice du Puy-de-Dôme,", "Madame,", "Bonjour Madame la Sénatrice,", "Madame la Sénatrice,\nChère Madame,",
                "Madame la Senatrice,", "Bonjour,", "Madame la Sénatrice, Madame,"]
GREET_GROUP = ["Mesdames et Messieurs les élus,", "Madame la Sénatrice, Mesdames et Messieurs les élus,",
               "Mesdames, Messieurs les parlementaires et élus du territoire,"]
GREET_TU = ["Chère Claire,", "Bonjour Claire,", "Salut Claire,", "Claire,"]
CLOSE_FORMAL = [
    "Je vous prie d'agréer, Madame la Sénatrice, l'expression de ma haute considération.",
    "Veuillez agréer, Madame la Sénatrice, l'assurance de mes sentiments respectueux.",
    "Dans l'attente du plaisir de vous accueillir, je vous prie de croire, Madame la Sénatrice, à l'assurance de ma considération distinguée.",
    "Avec mes salutations distinguées,", "Bien cordialement,", "Respectueusement,", "Cordialement",
    "Recevez, Madame la Sénatrice, mes salutations les plus cordiales.",
    "Je vous prie de croire, Madame la Sénatrice, en l'expression de mes sentiments les meilleurs.",
    "Dans l'espoir de vous compter parmi nous, veuillez recevoir, Madame, mes respectueuses salutations.",
    "Très cordialement,", "Bien à vous,", "En vous remerciant par avance,\nCordialement,",
    "Veuillez croire, Madame la Sénatrice, en mes sentiments dévoués.",
]
CLOSE_TU = ["Amitiés,", "Bises,", "À très vite,", "Amicalement,", "Je t'embrasse,", "Bien amicalement,"]

CONTEXT = {
    "inauguration": ["Après dix-huit mois de travaux, ce chantier arrive enfin à son terme.",
                     "Ce projet, soutenu par l'État au titre de la DETR et par le Département, est aujourd'hui achevé.",
                     "Vous aviez suivi ce dossier depuis ses débuts ; il nous tient donc à cœur de vous associer à son aboutissement.",
                     "C'est une étape importante pour notre commune et pour les familles du secteur."],
    "premiere-pierre": ["Le chantier démarre enfin, après trois années de procédures.", "Ce projet structurant verra le jour d'ici deux ans."],
    "voeux": ["À l'aube de cette nouvelle année, nous souhaitons réunir celles et ceux qui font vivre notre territoire.",
              "Comme chaque année, ce moment convivial sera l'occasion de dresser le bilan et de présenter les projets."],
    "ceremonie": ["Comme chaque année, notre commune rendra hommage à celles et ceux qui sont morts pour la France.",
                  "Le devoir de mémoire reste plus que jamais d'actualité.", "Nos anciens combattants seront, comme toujours, au premier rang."],
    "ag": ["Notre association compte aujourd'hui plus de cent quarante adhérents.", "L'année écoulée a été riche en activités.",
           "Cette assemblée sera l'occasion de renouveler une partie du bureau."],
    "comice": ["Cette année, c'est notre commune qui a l'honneur d'accueillir le comice.", "Le comice reste la grande fête de l'agriculture du canton."],
    "congres-maires": ["Ce rendez-vous annuel réunit plus de quatre cents élus.", "Les finances locales seront au cœur des échanges cette année."],
    "sainte-barbe": ["Nos sapeurs-pompiers volontaires ont assuré cette année plus de 600 interventions.", "La Sainte-Barbe est un moment fort pour nos personnels."],
    "decoration": ["Cette distinction vient récompenser un engagement de plus de trente ans au service des autres."],
    "fete": ["Cette manifestation attire chaque année plusieurs milliers de visiteurs.", "Les bénévoles sont mobilisés depuis des mois."],
    "entreprise": ["Implantée sur le territoire depuis 1975, notre entreprise emploie aujourd'hui 85 salariés.",
                   "Cet investissement de 4 millions d'euros a permis de créer douze emplois."],
    "culture": ["Cet événement est devenu un rendez-vous incontournable.", "Plus de 80 participants sont attendus."],
    "ecole": ["Nos élèves ont obtenu d'excellents résultats cette année.", "L'établissement accueille aujourd'hui 520 élèves."],
    "repas": ["Ce moment de convivialité est très attendu de nos aînés.", "Près de deux cents convives sont attendus."],
    "jumelage": ["Depuis des années, nos deux communes entretiennent des liens d'amitié très forts."],
    "visite": ["Les élus du secteur ont souhaité constater sur place l'avancement du projet.", "Cette visite permettra de mesurer concrètement les enjeux."],
    "colloque": ["Élus, professionnels et habitants débattront des solutions concrètes.", "Plusieurs intervenants nationaux ont confirmé leur venue."],
}

T3 = [
    "{S} {a} l'honneur de vous convier {NPa}, qui se tiendra {W} {L}.",
    "{S} vous {prie} de bien vouloir honorer de votre présence {NP}, {W}, {L}.",
    "{S} {serait} très {heureux} de vous accueillir {W} {L} à l'occasion {NPde}.",
    "{S} {serait} {honore} de votre présence {NPa}, qui aura lieu {W} {L}.",
    "{S} {a} le plaisir de vous inviter {NPa} {W} {L}.",
    "{S} vous {convie} {NPa}, {W}, {L}.",
    "{S} {souhaite} vivement vous compter parmi les invités {NPde}, {W} {L}.",
    "{S} {fait} une joie de vous recevoir {W} {L} pour {NP}.",
    "{NPcap} se déroulera {W} {L}. {S} {serait} {honore} que vous puissiez y assister.",
    "{NPcap} aura lieu {W} {L} : {s} {serait} {honore} de votre présence.",
]
TJ = [
    "J'ai l'honneur de vous inviter {NPa} {W} {L}.",
    "Je serais très {me_honore} que vous puissiez assister {NPa}, {W}, {L}.",
    "Je me permets de vous solliciter afin que vous nous fassiez l'honneur de votre présence lors {NPde}, {W} {L}.",
    "Il me serait agréable de vous compter parmi nous {W} {L} pour {NP}.",
    "J'ai le plaisir de vous convier {NPa}, {W} {L}.",
    "C'est avec un grand plaisir que je vous invite {NPa}, qui se tiendra {W} {L}.",
    "Je souhaiterais vous associer {NPa} : rendez-vous {W} {L}.",
    "Accepteriez-vous de nous faire l'honneur de votre présence {NPa} ? Le rendez-vous est fixé {W} {L}.",
    "Pourriez-vous nous faire l'honneur de participer {NPa} ? Nous vous y attendrions {W} {L}.",
    "Je me réjouirais de vous voir {NPa}, {W} {L}.",
]
TN = [
    "Nous avons le plaisir de vous inviter {NPa}, {W} {L}.",
    "Nous serions {nous_honores} de votre présence {NPa} {W} {L}.",
    "Nous comptons sur votre présence {W} {L}, à l'occasion {NPde}.",
    "Nous aurions grand plaisir à vous compter parmi nous {NPa}, qui se déroulera {W} {L}.",
    "Nous vous convions {NPa} {W} {L}.",
    "Votre présence {NPa} nous ferait grand honneur. Rendez-vous {W} {L}.",
    "{NPcap} se tiendra {W} {L}, et nous espérons vivement vous y voir.",
    "Nous serions très heureux de vous accueillir {W} {L} pour {NP}.",
]
TT = [
    "Je t'écris pour t'inviter {NPa} : c'est {W} {L}. Ce serait vraiment bien que tu sois là !",
    "On organise {NP} {W} {L}. Tu es bien sûr la bienvenue, ça ferait plaisir à toute l'équipe.",
    "Petit message pour te dire qu'on fait {NP} {W} {L}. Si ton agenda le permet, passe nous voir !",
    "Comme promis, je te confirme la date : {NP}, {W}, {L}. Je compte sur toi !",
    "Tu es invitée {NPa}, {W} {L}. Dis-moi si tu peux venir, je te garde une place au premier rang.",
]


def fill(tpl, d):
    out = tpl
    for k, v in d.items():
        out = out.replace("{" + k + "}", v)
    out = re.sub(r" +", " ", out).replace(" ,", ",").replace(" .", ".")
    return out


def subject_forms(o):
    s, plural, fem = R.choice(o["subj"])
    return {"S": s, "s": (s[0].lower() + s[1:]) if s.startswith(("Le ", "La ", "L'")) else s,
            "a": VERB["a"][plural], "serait": VERB["serait"][plural], "prie": VERB["prie"][plural],
            "convie": VERB["convie"][plural], "souhaite": VERB["souhaite"][plural], "fait": VERB["fait"][plural],
            "honore": agree("honoré", plural, fem), "heureux": agree("heureux", plural, fem)}


def ev_dict(e, org):
    return {"title": e["title"], "date": e["date"].isoformat(),
            "end_date": e["end_date"].isoformat() if e.get("end_date") else None,
            "start": hhmm(e["start"]), "end": hhmm(e.get("end")) if e["start"] else None,
            "all_day": e["start"] is None and not e.get("ambiguous") and not e.get("time_stated"),
            "place": e["place"]["label"], "commune_code": CODE[e["place"]["commune"]] if e["place"]["commune"] else None,
            "organiser": org["organiser"], "rsvp_by": e.get("rsvp_by").isoformat() if e.get("rsvp_by") else None,
            "rsvp_contact": e.get("rsvp_contact"), "notes": e.get("notes"),
            "weekday_mismatch": bool(e.get("wd_written") is not None), "ambiguous": bool(e.get("ambiguous"))}


def rsvp_sentence(rsvp_by, contact, header_date):
    if rsvp_by is None:
        return R.choice(["Pour des raisons d'organisation, merci de nous indiquer si vous pourrez être présente : %s." % contact,
                         "Merci de confirmer votre présence auprès de %s." % contact,
                         "Réponse souhaitée : %s" % contact])
    st = R.choice(["nowd_noyear", "nowd_noyear", "noyear", "num", "nowd", "full"])
    rs = fmt_date(rsvp_by, st)
    return R.choice([
        "Merci de bien vouloir confirmer votre présence avant le %s auprès de %s." % (rs, contact),
        "Réponse souhaitée avant le %s : %s." % (rs, contact),
        "R.S.V.P. avant le %s – %s" % (rs, contact),
        "Afin de faciliter l'organisation, je vous remercie de faire connaître votre réponse (%s) pour le %s." % (contact, rs),
        "Inscription souhaitée avant le %s par retour de mail ou au %s." % (rs, contact),
        "Merci de nous retourner votre réponse au plus tard le %s (%s)." % (rs, contact),
    ])


def pick_contact(org):
    r = R.random()
    if r < 0.35:
        return org["from"][1]
    if r < 0.65:
        return phone()
    p = person()
    return "%s %s au %s" % ("M." if p["sex"] == "H" else "Mme", pname(p), phone())

# ---------------------------------------------------------------------------
# Building one invitation
# ---------------------------------------------------------------------------
SECOND_TITLES = {
    "inauguration": [("le match de gala", (16, 0)), ("les portes ouvertes au public", (14, 0)), ("le concert d'inauguration", (17, 0)),
                     ("le tournoi inaugural", (15, 0))],
    "fete": [("le grand défilé de chars", (15, 0)), ("le concours de labour", (14, 0)), ("le feu d'artifice", (22, 30))],
    "ag": [("le banquet annuel", (12, 0)), ("le repas dansant", (19, 30))],
    "culture": [("la remise des trophées", (18, 0)), ("le concert de clôture", (17, 0))],
    "repas": [("le thé dansant", (14, 30))],
    "entreprise": [("la journée portes ouvertes pour les familles", (10, 0))],
}


def style_for(fl):
    if "prochain" in fl:
        return "prochain"
    if "nomonth" in fl:
        return "nomonth"
    if "numeric" in fl:
        return R.choice(["num", "num_y", "wd_num", "num_short", "wd_num_y"])
    if "yearless" in fl:
        return R.choice(["noyear", "nowd_noyear", "noaccent_noyear", "num"])
    return R.choice(DATE_STYLES)


def date_string(e):
    return fmt_date(e["date"], e["date_style"], e.get("wd_written"))


def span_phrase(e):
    d1, d2 = e["date"], e["end_date"]
    y = (" %d" % d2.year) if e["date_style"] not in ("noyear", "nowd_noyear", "noaccent_noyear", "num") else ""
    mo = MO[d2.month - 1]
    if (d2 - d1).days == 1 and R.random() < 0.6:
        if R.random() < 0.7:
            s = "les %s %s et %s %s %s%s" % (WD[d1.weekday()], day_str(d1), WD[d2.weekday()], day_str(d2), mo, y)
        else:
            s = "les %s et %s %s%s" % (day_str(d1), day_str(d2), mo, y)
    else:
        s = "du %s %s au %s %s %s%s" % (WD[d1.weekday()], day_str(d1), WD[d2.weekday()], day_str(d2), mo, y)
    return s


def features_of_event(e, fl):
    f = []
    st = e["date_style"]
    if st in ("noyear", "nowd_noyear", "noaccent_noyear", "num", "num_short", "wd_num", "prochain", "nomonth") or "title_date" in fl:
        f.append("year_omitted")
    if st.startswith("num") or st.startswith("wd_num"):
        f.append("numeric_date")
    if st.startswith("noaccent"):
        f.append("no_accents")
    if st == "prochain":
        f.append("prochain")
    if st == "nomonth":
        f.append("month_omitted")
    return f


def make_invitation(spec):
    kind, src, fl = spec["kind"], spec["source"], set(spec.get("flags", ()))
    feats = set()
    notes_msg = []
    # ---- sender and communes -------------------------------------------------
    stype = spec.get("stype") or R.choice(KIND_SENDERS[kind])
    if "ambig_commune" in fl:
        stype = "interco"
    if ({"informal", "implied"} & fl) and stype not in ("mairie", "asso", "pompiers", "company", "school"):
        stype = "mairie" if "mairie" in KIND_SENDERS[kind] else "asso"
    s_commune = spec.get("commune") or (R.choice(BIG) if R.random() < 0.55 else R.choice(SMALL))
    if stype == "interco":
        ic = R.choice(INTERCOS_NO_COMMUNE if "ambig_commune" in fl else INTERCOS)
    cult_item = R.choice(CULTURE_ITEMS) if kind == "culture" else None
    pool = None
    if stype == "asso":
        pool = spec.get("pool") or (ASSOS if spec.get("np") else (cult_item[1] if cult_item else ASSO_BY_KIND.get(kind)))
    org = make_org(stype, s_commune, pool=pool)
    if stype == "interco":
        p = org["person"]
        org["name"] = ic[0]
        org["commune"] = ic[1]
        org["subj"] = [(("Le Président et les élus communautaires de %s" if p["sex"] == "H" else "La Présidente et les élus communautaires de %s") % ic[0], True, False),
                       ("%s, %s %s," % (pname(p), org["role"], ("d'" if ic[0][0] in "AEIOUÉ" else "de ") + ic[0]), False, p["sex"] == "F")]
        org["from"] = (ic[0], "accueil@%s-exemple.fr" % slug(ic[0])[:20])
        org["sig"] = [pname(p), "%s %s" % (org["role"], ("d'" if ic[0][0] in "AEIOUÉ" else "de ") + ic[0])]
        if ic[1]:
            org["sig"].append("Siège : %s, %s %s" % (addr_line(), COMMUNES[ic[1]][1], ic[1]))
        else:
            org["sig"].append("Tél. " + phone())
            org["names_commune"] = False
        org["organiser"] = "%s — %s, %s" % (ic[0], pname(p), org["role"].lower())
    if kind == "congres-maires":
        p = org["person"]
        org.update({"name": "Association des maires et présidents d'intercommunalité du Puy-de-Dôme", "commune": "Clermont-Ferrand",
                    "subj": [("%s, %s de l'Association des maires du Puy-de-Dôme," % (pname(p), org["role"]), False, p["sex"] == "F"),
                             ("L'Association des maires et présidents d'intercommunalité du Puy-de-Dôme", False, True)],
                    "from": ("AMPI 63", "contact@maires63-exemple.fr"),
                    "sig": [pname(p), org["role"] + " de l'Association des maires du Puy-de-Dôme", "Maison des communes – 15 rue Saint-Esprit – 63000 Clermont-Ferrand"],
                    "organiser": "Association des maires du Puy-de-Dôme — %s" % pname(p)})
    ev_commune = org["commune"]
    if "outside" in fl:
        ev_commune = spec["outside"]
        feats.add("outside_63")
        feats.add("commune_differs_from_sender")
    elif "differs" in fl:
        base = org["commune"]
        cands = INTERCO_MEMBERS.get(base) or NEAR.get(base) or [c for c in BIG if c != base]
        if kind == "congres-maires":
            cands = ["Cournon-d'Auvergne"]
        ev_commune = R.choice([c for c in cands if c != base])
        feats.add("commune_differs_from_sender")
    elif kind == "congres-maires" and R.random() < 0.5:
        ev_commune = "Cournon-d'Auvergne"
        feats.add("commune_differs_from_sender")
    if "ambig_commune" in fl:
        ev_commune = None
    mode = "implied" if ("implied" in fl and org["names_commune"] and ev_commune == org["commune"]) else "explicit"
    if ev_commune is None:
        mode = "implied"
    if mode == "implied" and ev_commune:
        feats.add("commune_implied")
    if kind == "ceremonie":
        k = k_ceremonie(org, ev_commune, spec.get("which"))
    elif kind == "culture":
        k = k_culture(org, ev_commune, cult_item)
    else:
        k = KIND_FN[kind](org, ev_commune)
    if spec.get("venue"):
        k["venue"] = spec["venue"]
    if spec.get("times"):
        k["times"] = spec["times"]
    if spec.get("months"):
        k["months"] = spec["months"]
    if spec.get("np"):
        k["programme_ok"] = False
    if spec.get("days"):
        k["days"] = spec["days"]
        k["days_override"] = spec["days"]
    # ---- dates ----------------------------------------------------------------
    for _ in range(500):
        d = pick_event_date(k)
        if "prochain" in fl:
            if d.weekday() not in (3, 4, 5, 6):
                continue
            hdr = d - dt.timedelta(days=d.weekday() - R.choice([0, 1]))
        elif "nomonth" in fl:
            hdr = d - dt.timedelta(days=R.randint(3, 20))
        else:
            lo, hi = spec.get("lead", (7, 70))
            hdr = d - dt.timedelta(days=R.randint(lo, hi))
        if ({"two", "two_rev"} & fl) and kind not in ("ceremonie", "sainte-barbe", "voeux") and d.weekday() not in (4, 5):
            continue
        if k.get("days_override") and d.weekday() not in k["days_override"]:
            continue
        if WINDOW_START <= hdr <= WINDOW_END and (d - hdr).days < 290:
            break
    else:
        raise RuntimeError("no date for %r" % spec)
    e = {"date": d, "end_date": None, "title": k["short"], "np": k["np"]}
    e["date_style"] = style_for(fl)
    if "mismatch" in fl:
        e["date_style"] = R.choice(["full", "noyear", "Full"])
        e["wd_written"] = (d.weekday() + R.choice([-1, 1, 1])) % 7
        feats.add("weekday_mismatch")
    if "title_date" in fl:
        e["date_style"] = "title"
        e["np"] = R.choice(["la cérémonie", "la commémoration", "la cérémonie officielle"]) + {"8mai": " du 8 Mai", "11nov": " du 11 Novembre", "14juil": " du 14 Juillet"}[k["which"]]
        feats.add("date_in_title")
    # ---- time -----------------------------------------------------------------
    e["start"] = R.choice(k["times"])
    e["end"] = None
    e["time_style"] = R.choice(TIME_STYLES)
    if e["start"] == (12, 0) and R.random() < 0.7:
        e["time_style"] = "midi"
    e["range"] = None
    e["programme"] = None
    if "programme" in fl or (k.get("programme_ok") and R.random() < 0.3 and not ({"two", "two_rev", "span"} & fl)):
        if "title_date" not in fl:
            e["programme"] = programme_for(kind, e["start"], k.get("site") if not k.get("hall") else None)
            feats.add("programme")
    if e["programme"] is None and R.random() < 0.3 and kind not in ("ceremonie",):
        e["range"] = R.choice(["de_a", "de_a", "dash", "entre", "fin", "partir", "des"])
        if e["range"] in ("de_a", "dash", "entre", "fin"):
            e["end"] = time_add(e["start"], R.choice([60, 90, 120, 180]))
            if e["end"][0] > 23:
                e["end"] = None
                e["range"] = None
            else:
                feats.add("time_range")
    if "save_the_date" in fl or "no_time" in fl:
        e["start"] = None
        e["end"] = None
        e["range"] = None
        e["programme"] = None
        feats.add("no_time")
    if "ambig_time" in fl:
        e["ambiguous"] = True
        e["programme"] = None
        e["range"] = None
        e["end"] = None
        notes_msg.append("two candidate times: start left null")
    if "ambig_date" in fl:
        e["ambiguous"] = True
        notes_msg.append("two candidate dates: first candidate recorded")
    if "ambig_commune" in fl:
        e["ambiguous"] = True
        notes_msg.append("hall named without commune by an intercommunal body: commune null")
    # ---- place ----------------------------------------------------------------
    allow_named = mode != "implied"
    e["place"] = choose_place(k, ev_commune, mode, org, allow_named)
    if ev_commune is None:
        e["place"]["label"] = cap1(e["place"]["hall"]) + (", " + e["place"]["address"] if e["place"]["address"] else "")
    if mode == "implied":
        e["place"]["label"] += "" if ev_commune is None or ev_commune in e["place"]["label"] else ", " + ev_commune
    # ---- span / second event ---------------------------------------------------
    events = [e]
    if "span" in fl:
        e["end_date"] = d + dt.timedelta(days=R.choice([1, 1, 2]) if d.weekday() < 6 else 1)
        if e["end_date"].month != d.month:
            e["end_date"] = d + dt.timedelta(days=1) if (d + dt.timedelta(days=1)).month == d.month else None
        if e["end_date"] is None:
            fl.discard("span")
        else:
            feats.add("span")
            if R.random() < 0.35:
                e["start"] = None
                e["end"] = None
                e["range"] = None
                e["programme"] = None
    if "two" in fl or "two_rev" in fl:
        feats.add("two_events")
        if kind == "ceremonie":
            # concert the Sunday before the ceremony, written second
            d2 = d - dt.timedelta(days=(d.weekday() + 1) % 7 or 7)
            e2 = {"date": d2, "end_date": None, "title": "Concert du Souvenir", "np": R.choice(["le concert du Souvenir", "le concert de l'Harmonie en hommage aux Poilus"]),
                  "start": R.choice([(16, 0), (17, 0), (15, 30)]), "end": None, "range": None, "programme": None,
                  "time_style": R.choice(TIME_STYLES), "date_style": R.choice(["full", "noyear", "nowd_noyear"])}
            e2["place"] = choose_place({"hall": "l'église Saint-Martin"}, ev_commune, mode, org, False)
        elif kind in ("sainte-barbe", "voeux"):
            d2 = d + dt.timedelta(days=7 if kind == "sainte-barbe" else 1)
            c2 = R.choice(INTERCO_MEMBERS.get(org["commune"]) or NEAR.get(org["commune"]) or ["Saint-Ours", "Pontgibaud"])
            e2 = {"date": d2, "end_date": None, "title": k["short"] + " (" + c2 + ")", "np": k["np"],
                  "start": R.choice(k["times"]), "end": None, "range": None, "programme": None,
                  "time_style": R.choice(TIME_STYLES), "date_style": R.choice(["full", "noyear", "nowd_noyear"])}
            e2["place"] = choose_place(k, c2, "explicit", org, True)
            e2["other_commune"] = True
        else:
            t2, tm2 = R.choice(SECOND_TITLES.get(kind, [("la soirée festive", (19, 0))]))
            d2 = d + dt.timedelta(days=1)
            e2 = {"date": d2, "end_date": None, "title": cap1(t2.split(" ", 1)[1]), "np": t2, "start": tm2, "end": None, "range": None,
                  "programme": None, "time_style": R.choice(TIME_STYLES), "date_style": R.choice(["full", "noyear", "nowd_noyear", "Full"])}
            e2["place"] = choose_place(k, ev_commune, mode, org, False) if R.random() < 0.5 else e["place"]
        if e2["date_style"] == "nowd_noyear" or e["date_style"] in ("noyear", "nowd_noyear", "num", "noaccent_noyear"):
            e2["date_style"] = R.choice(["noyear", "nowd_noyear"])
        events.append(e2)
        if "two_rev" in fl:
            feats.add("earlier_event_second")
    # ---- RSVP / notes --------------------------------------------------------------
    first = min(events, key=lambda x: (x["date"], x["start"] or (-1, 0)))
    rsvp_by, contact = None, None
    if R.random() < 0.55 and "save_the_date" not in fl:
        contact = pick_contact(org)
        if R.random() < 0.8:
            rb = first["date"] - dt.timedelta(days=R.randint(4, 15))
            if rb > hdr:
                rsvp_by = rb
        feats.add("rsvp")
    for x in events:
        x["rsvp_by"] = rsvp_by
        x["rsvp_contact"] = contact
        x["notes"] = None
    e["notes"] = R.choice(k["notes"]) if k.get("notes") else None
    hdr_dt = header_time(hdr)
    if "informal" in fl:
        feats.add("informal")
    ctx = {"org": org, "k": k, "kind": kind, "events": events, "e": e, "fl": fl, "mode": mode, "hdr": hdr_dt,
           "feats": feats, "notes_msg": notes_msg, "src": src, "spec": spec}
    for f in features_of_event(first, fl):
        feats.add(f)
    return ctx


def event_sentence(ctx, x, pronoun="3", first=True):
    """One invitation sentence for event x; returns (text, date_ev, time_ev, commune_ev)."""
    org, fl = ctx["org"], ctx["fl"]
    if x.get("end_date"):
        ds = span_phrase(x)
        w = ds
        ts = None
        if x["start"]:
            ts = fmt_time(x["start"], x["time_style"])
            w = ds + R.choice([", avec une ouverture officielle le %s %s" % (WD[x["date"].weekday()], a_time(ts)),
                               " (inauguration officielle le %s %s)" % (WD[x["date"].weekday()], a_time(ts)),
                               ", accueil dès %s le premier jour" % ts])
        dev = ds
    elif x["date_style"] == "title":
        ts = fmt_time(x["start"], x["time_style"])
        w = a_time(ts)
        dev = {"8mai": "8 Mai", "11nov": "11 Novembre", "14juil": "14 Juillet", "19mars": "19 Mars", "18juin": "18 Juin"}[ctx["k"]["which"]]
    else:
        ds = date_string(x)
        w, ts = when_phrase(x, ds, with_time=not x.get("programme") and not x.get("ambiguous_time_text"))
        dev = ds
        if "ambig_time" in fl and first:
            t1 = x["amb_times"]
            w = w + " " + R.choice(["à %s ou à %s (l'horaire exact vous sera confirmé)" % t1,
                                    "vers %s ou %s — l'horaire définitif n'est pas encore arrêté" % t1,
                                    "(à %s ou %s, selon la disponibilité de M. le Préfet)" % t1])
            ts = None
        if "ambig_date" in fl and first:
            alt = x["alt_date"]
            w = w.replace("le " + ds, "le %s ou le %s" % (ds, fmt_date(alt, x["date_style"])), 1)
            if " ou le " not in w:
                w = w + " (ou le %s, date encore à confirmer)" % fmt_date(alt, x["date_style"])
            else:
                w = w + R.choice([" (date à confirmer)", ", selon la météo", ""])
    L, cev = where_phrase(x["place"], ctx["mode"] if not x.get("other_commune") else "explicit", "informal" in fl)
    np = x["np"]
    subj = subject_forms(org)
    d = dict(subj)
    d.update({"NP": np, "NPa": prep_a(np), "NPde": prep_de(np), "NPcap": cap1(np), "W": w, "L": L,
              "me_honore": agree("honoré", False, org["person"]["sex"] == "F"),
              "nous_honores": "honorés"})
    if pronoun == "tu":
        tpl = R.choice(TT)
    elif pronoun == "je":
        tpl = R.choice(TJ)
    elif pronoun == "nous":
        tpl = R.choice(TN)
    else:
        tpl = R.choice(T3)
    return fill(tpl, d), dev, ts, cev


def programme_text(x):
    st = x["time_style"] if x["time_style"] != "midi" else "h"
    items = [(fmt_time(t, st), lab) for t, lab in x["programme"]]
    form = R.choice(["list", "list", "inline", "colon"])
    if form == "list":
        txt = "Programme :\n" + "\n".join("- %s : %s" % (t, lab) for t, lab in items)
    elif form == "colon":
        txt = "\n".join("%s  %s" % (t, lab[0].upper() + lab[1:]) for t, lab in items)
    else:
        txt = "Au programme : " + " ; ".join("%s %s" % (t, lab) for t, lab in items) + "."
    return txt, items[0][0]


def compose_prose(ctx, pronoun=None, for_forward=False):
    """The mail body of an invitation written in prose. Returns (text, evidence, emphasis)."""
    org, fl, events, e = ctx["org"], ctx["fl"], ctx["events"], ctx["e"]
    informal = "informal" in fl
    if pronoun is None:
        if informal:
            pronoun = "tu"
        elif org.get("je") and R.random() < 0.45:
            pronoun = "je" if org["type"] in ("mairie", "company", "interco", "chambre") or R.random() < 0.5 else "nous"
        else:
            pronoun = "3"
    paras = []
    if "multi_guest" in fl:
        paras.append(R.choice(GREET_GROUP))
    else:
        paras.append(R.choice(GREET_TU) if pronoun == "tu" else R.choice(GREET_FORMAL))
    if "report" in fl:
        old = ctx["old_date"]
        paras.append(R.choice([
            "En raison des intempéries annoncées, nous sommes contraints de reporter %s (date initiale : le %s)." % (e["np"], fmt_date(old, "noyear")),
            "Pour des raisons indépendantes de notre volonté, nous avons dû décaler %s, qui devait avoir lieu le %s." % (e["np"], fmt_date(old, "full")),
        ]))
    elif R.random() < 0.55:
        paras.append(typo(R.choice(CONTEXT[ctx["kind"]]), 0.2))
    evid = {}
    emph = []
    block = R.random() < 0.14 and not e.get("end_date") and not e.get("programme") and len(events) == 1 \
        and not ({"ambig_time", "ambig_date", "title_date", "report", "prochain", "nomonth"} & fl) and pronoun != "tu"
    if block:
        subj = subject_forms(org)
        intro = R.choice(["%s %s le plaisir de vous inviter %s." % (subj["S"], subj["a"], prep_a(e["np"])),
                          "Nous avons le plaisir de vous convier %s." % prep_a(e["np"]),
                          "Vous êtes cordialement invitée %s." % prep_a(e["np"])])
        ds = date_string(e)
        L, cev = where_phrase(e["place"], ctx["mode"])
        L = L[2:] if L.startswith("à ") else L[3:] if L.startswith("au ") else L
        emo = R.random() < 0.35
        lines = []
        lines.append(("📅 " if emo else "Date : ") + cap1(ds))
        ds = cap1(ds)
        ts = None
        if e["start"]:
            ts = fmt_time(e["start"], e["time_style"] if e["time_style"] != "midi" else "h")
            tl = ts if not e.get("end") else ("%s - %s" % (ts, fmt_time(e["end"], e["time_style"] if e["time_style"] != "midi" else "h")))
            lines.append(("🕚 " if emo else "Heure : ") + tl)
        lines.append(("📍 " if emo else "Lieu : ") + cap1(L))
        paras.append(intro + "\n\n" + "\n".join(lines))
        evid = {"date": ds, "time": ts, "commune": cev}
        feats_add(ctx, "block_layout")
    else:
        order = list(events)
        if "two_rev" in fl:
            order = sorted(events, key=lambda x: x["date"], reverse=True)
        for i, x in enumerate(order):
            if i == 0:
                s, dev, ts, cev = event_sentence(ctx, x, pronoun, first=(x is min(events, key=lambda y: y["date"])))
                paras.append(s)
            else:
                ds = date_string(x)
                w, ts = when_phrase(x, ds)
                L, cev = where_phrase(x["place"], "explicit" if x.get("other_commune") else ctx["mode"])
                if "two_rev" in fl and ctx["kind"] == "ceremonie":
                    s = R.choice(["En prélude à cette commémoration, %s sera donné %s %s ; vous y êtes également la bienvenue." % (x["np"], w, L),
                                  "Le dimanche précédent, %s, nous vous attendons aussi pour %s %s." % (w, x["np"], L),
                                  "Par ailleurs, %s aura lieu %s %s, et nous serions heureux de vous y voir également." % (x["np"], w, L)])
                elif "two_rev" in fl:
                    s = R.choice(["La veille, %s, nous vous attendons aussi pour %s %s." % (w, x["np"], L),
                                  "Par ailleurs, %s aura lieu %s %s, et nous serions heureux de vous y voir également." % (x["np"], w, L),
                                  "Auparavant, %s se tiendra %s %s ; vous y êtes bien entendu conviée." % (x["np"], w, L)])
                else:
                    s = R.choice(["Le lendemain, %s, nous vous attendons également pour %s %s." % (w, x["np"], L),
                                  "Vous êtes également conviée à %s, %s %s." % (x["np"], w, L) if not x["np"].startswith(("le ", "les ")) else
                                  "Vous êtes également conviée %s, %s %s." % (prep_a(x["np"]), w, L),
                                  "Nous serions également très heureux de vous retrouver %s %s pour %s." % (w, L, x["np"])])
                    if x.get("other_commune"):
                        s = "Une seconde cérémonie se tiendra %s %s." % (w, L)
                paras.append(s)
            if x is min(events, key=lambda y: (y["date"], y["start"] or (-1, 0))):
                evid = {"date": dev if i == 0 else ds, "time": ts, "commune": cev}
            if x.get("programme"):
                pt, t0 = programme_text(x)
                paras.append(pt)
                if x is min(events, key=lambda y: y["date"]):
                    evid["time"] = t0
        if e.get("end_date") and e["start"] is None:
            pass
    for x in events[:1]:
        ex = R.choice(ctx["k"].get("extras", [""]))
        if ex:
            paras.append(ex)
    if e.get("notes"):
        paras.append(R.choice(["%s." % e["notes"], "%s souhaité." % e["notes"] if e["notes"].startswith("Port") else
                               "%s de rigueur." % e["notes"] if e["notes"].startswith("Tenue") else "%s." % e["notes"],
                               "Protocole : %s." % (e["notes"][0].lower() + e["notes"][1:])]))
    if events[0].get("rsvp_contact"):
        paras.append(rsvp_sentence(events[0]["rsvp_by"], events[0]["rsvp_contact"], ctx["hdr"].date()))
    if "visio_too" in fl:
        paras.append("Pour celles et ceux qui ne pourraient se déplacer, la rencontre sera également retransmise en visioconférence (lien communiqué sur demande).")
    if "save_the_date" in fl:
        paras.append(R.choice(["Le programme détaillé et le carton d'invitation officiel vous parviendront prochainement.",
                               "Une invitation officielle suivra ; nous tenions à vous prévenir suffisamment tôt."]))
    # neighbouring communes named in passing
    if R.random() < 0.2 and ctx["mode"] == "explicit" and e["place"]["commune"] in NEAR:
        nb = R.sample(NEAR[e["place"]["commune"]], 2)
        paras.append("Les maires %s et %s ont d'ores et déjà confirmé leur présence." % (de_commune(nb[0]), de_commune(nb[1])))
        feats_add(ctx, "other_communes_named")
    close = R.choice(CLOSE_TU) if pronoun == "tu" else typo(R.choice(CLOSE_FORMAL), 0.15)
    paras.append(close)
    if pronoun == "tu":
        paras.append(org["person"]["prenom"] + ("\n" + "\n".join(org["sig"][1:]) if ctx["mode"] == "implied" or R.random() < 0.4 else ""))
    else:
        paras.append("\n".join(org["sig"]))
    text = "\n\n".join(p for p in paras if p)
    if evid.get("date"):
        emph.append(evid["date"])
    return text, evid, emph


def feats_add(ctx, f):
    ctx["feats"].add(f)


def card_items(ctx, time_override=None):
    """Lines of a printed invitation card."""
    org, e, events = ctx["org"], ctx["e"], ctx["events"]
    it = []
    it.append((org["name"].upper() if R.random() < 0.6 else org["name"], 11, True, "c"))
    it.append(("", 18, False, "c"))
    p = org["person"]
    if org["type"] == "mairie":
        it.append((pname(p, True), 13, True, "c"))
        it.append(("%s %s" % (maire_title(p), de_commune(org["commune"])), 11, False, "c"))
        it.append(("et le Conseil municipal", 11, False, "c"))
        verb = R.choice(["ont l'honneur de vous inviter", "ont le plaisir de vous convier", "vous prient de leur faire l'honneur d'assister"])
    elif org["type"] in ("prefecture", "dept"):
        it.append((org["subj"][0][0], 12, True, "c"))
        verb = R.choice(["a l'honneur de vous inviter", "vous prie de lui faire l'honneur d'assister"])
    else:
        it.append((pname(p), 13, True, "c"))
        it.append((org["role"] + (", " + org["name"] if org["type"] != "interco" else " de " + org["name"]), 11, False, "c"))
        verb = R.choice(["a le plaisir de vous inviter", "a l'honneur de vous convier",
                         "serait %s de vous accueillir pour" % agree("heureux", False, p["sex"] == "F")])
    it.append(("", 10, False, "c"))
    it.append((verb, 12, False, "c"))
    np = e["np"]
    it.append((cap1(prep_a(np)) if verb.endswith(("inviter", "convier", "assister")) else cap1(np), 14, True, "c"))
    it.append(("", 10, False, "c"))
    evid = {}
    if e.get("end_date"):
        ds = span_phrase(e)
        it.append((cap1(ds), 13, True, "c"))
    else:
        st = R.choice(["Full", "Full", "upper", "full"]) if e["date_style"] not in ("prochain", "nomonth", "title") else "Full"
        if e.get("wd_written") is not None:
            st = "Full"
        ds = fmt_date(e["date"], st, e.get("wd_written"))
        it.append((("Le " if R.random() < 0.5 else "") + ds, 13, True, "c"))
    evid["date"] = ds
    ts = None
    start = time_override if time_override is not None else e["start"]
    if start and not e.get("programme"):
        ts = fmt_time(start, R.choice(["h", "h00", "heures", "heures", "h_sp"]))
        if e.get("end") and time_override is None:
            te = fmt_time(e["end"], "h")
            it.append(("de %s à %s" % (ts, te), 12, False, "c"))
        else:
            it.append((a_time(ts), 12, False, "c"))
    evid["time"] = ts
    pl = e["place"]
    it.append((cap1(pl["hall"]), 12, False, "c"))
    if pl["address"]:
        it.append((pl["address"], 11, False, "c"))
    cev = None
    if pl["commune"] and ctx["mode"] == "explicit":
        cw = written_commune(pl["commune"])
        it.append((("%s %s" % (pl["cp"], cw)) if R.random() < 0.6 else cw.upper() if R.random() < 0.3 else cw, 11, False, "c"))
        cev = cw
    evid["commune"] = cev
    if e.get("programme"):
        it.append(("", 8, False, "c"))
        for t, lab in e["programme"]:
            it.append(("%s  –  %s" % (fmt_time(t, "h"), cap1(lab)), 10, False, "c"))
        evid["time"] = fmt_time(e["programme"][0][0], "h")
    for x in events[1:]:
        it.append(("", 8, False, "c"))
        dsx = fmt_date(x["date"], "Full")
        it.append(("et %s, %s : %s" % (dsx, a_time(fmt_time(x["start"], "h")), x["np"]) if x["start"] else "et %s : %s" % (dsx, x["np"]), 11, False, "c"))
        if x["place"] is not e["place"]:
            it.append((x["place"]["label"], 10, False, "c"))
    ex = R.choice(ctx["k"].get("extras", [""]))
    if ex:
        it.append(("", 8, False, "c"))
        it.append((ex, 10, False, "c"))
    if e.get("rsvp_contact"):
        it.append(("", 14, False, "c"))
        rb = e.get("rsvp_by")
        it.append(("R.S.V.P. %s: %s" % (("avant le " + fmt_date(rb, "nowd_noyear") + " ") if rb else "", e["rsvp_contact"]), 9, False, "c"))
    if e.get("notes"):
        it.append((e["notes"], 9, False, "c"))
    if ctx["mode"] == "implied" and org.get("sig"):
        it.append(("", 14, False, "c"))
        it.append((" – ".join(org["sig"][2:] or org["sig"]), 8, False, "c"))
    return it, evid

# ---------------------------------------------------------------------------
# Message assembly for invitations
# ---------------------------------------------------------------------------
_mid_counter = [0]


def message_id(addr, local):
    _mid_counter[0] += 1
    dom = addr.split("@")[1]
    r = R.random()
    if r < 0.2:
        return "<%s%06X@%s.EURP%03d.PROD.OUTLOOK.COM>" % ("PR3P%03dMB%04d" % (R.randint(100, 999), R.randint(1000, 9999)), R.getrandbits(24),
                                                         "PAXP%03dMB%04d" % (R.randint(100, 999), R.randint(1000, 9999)), R.randint(100, 299))
    if r < 0.35 and dom.endswith("gmail.com"):
        return "<CA+%s@mail.gmail.com>" % base64.b32encode(R.getrandbits(160).to_bytes(20, "big")).decode().rstrip("=").lower()
    return "<%s.%04d.%08x@%s>" % (local.strftime("%Y%m%d%H%M%S"), _mid_counter[0], R.getrandbits(32), dom)


def body_mime(text, emph=(), html_mode=None, charset=None, cte=None, extra_alt=None):
    """text/plain, text/html, or multipart/alternative; extra_alt appended to alternative (text/calendar)."""
    html_mode = html_mode or R.choice(["plain"] * 11 + ["alt"] * 6 + ["html"] * 3)
    charset = charset or R.choice(["utf-8"] * 7 + ["iso-8859-1", "windows-1252", "iso-8859-15"])
    cte = cte or R.choice(["quoted-printable"] * 5 + ["base64"] * 2 + ["8bit"] * 3)
    feats = []
    if charset != "utf-8":
        feats.append("charset_" + charset)
    feats.append("cte_" + cte)
    if html_mode == "plain":
        p = text_part(text, "plain", charset, cte)
        if extra_alt is not None:
            p = multipart("alternative", [p, extra_alt])
    else:
        h = text_to_html(text, emph, R.randint(0, 3), entities=R.random() < 0.3)
        hp = text_part(h, "html", charset, cte)
        if html_mode == "html":
            feats.append("html_only")
            p = hp if extra_alt is None else multipart("alternative", [hp, extra_alt])
        else:
            feats.append("html_and_text")
            parts = [text_part(text, "plain", charset, cte), hp]
            if extra_alt is not None:
                parts.append(extra_alt)
            p = multipart("alternative", parts)
    return p, feats


def inv_subject(ctx):
    e, k = ctx["e"], ctx["k"]
    short = e["title"]
    ds = None
    if not e.get("end_date") and e["date_style"] not in ("prochain", "nomonth", "title") and R.random() < 0.35:
        ds = fmt_date(e["date"], R.choice(["num", "nowd_noyear", "num_y"]))
    opts = ["Invitation", "Invitation – %s" % short, "%s : invitation" % short, "Invitation %s" % ctx["org"]["name"],
            "Carton d'invitation", "%s" % short, "INVITATION", "Invitation - %s" % short.lower(), "Votre présence – %s" % short,
            "Invitation officielle", "%s %s" % (short, ctx["org"]["commune"] or "")]
    s = R.choice(opts).strip()
    if ds:
        s += R.choice([" – %s" % ds, " du %s" % ds, " (%s)" % ds])
    if "save_the_date" in ctx["fl"]:
        s = "Save the date – " + short
    if "report" in ctx["fl"]:
        s = R.choice(["Report – ", "Nouvelle date : ", "REPORT "]) + short
    return s


COVER = ["Veuillez trouver ci-joint l'invitation de {who}.", "Vous trouverez en pièce jointe le carton d'invitation.",
         "Je vous prie de trouver ci-joint une invitation à votre attention.", "Ci-joint notre invitation, en espérant vous compter parmi nous.",
         "{who} m'a chargé(e) de vous transmettre l'invitation jointe.", "Je vous adresse ci-joint, de la part de {who}, le carton d'invitation.",
         "Nous vous faisons parvenir le carton ci-joint."]


def cover_note(ctx, who):
    org = ctx["org"]
    sec = person()
    lines = [R.choice(GREET_FORMAL), fill(R.choice(COVER), {"who": who}),
             typo(R.choice(CLOSE_FORMAL), 0.1),
             "%s\n%s" % (pname(sec), R.choice(["Secrétariat", "Assistante de direction", "Chargée de communication", "Secrétariat général"]) + " – " + org["name"])]
    return "\n\n".join(lines)


def who_of(org):
    p = org["person"]
    if org["type"] == "mairie":
        return "M. le Maire" if p["sex"] == "H" else "Mme le Maire"
    if org["type"] in ("prefecture", "dept"):
        return org["subj"][0][0][0].lower() + org["subj"][0][0][1:]
    return ("M. " if p["sex"] == "H" else "Mme ") + pname(p)


def pdf_name(ctx):
    return R.choice(["Invitation.pdf", "carton_invitation.pdf", "invitation_%s.pdf" % slug(ctx["k"]["short"])[:20],
                     "INVITATION %s.pdf" % ctx["org"]["name"].upper()[:24], "Carton %s.pdf" % ctx["k"]["short"][:20], "scan0001.pdf"])


def ics_for(ctx, mode, method):
    e, org = ctx["e"], ctx["org"]
    loc = e["place"]["label"]
    uid = "%08x-%04x-%04x@%s" % (R.getrandbits(32), R.getrandbits(16), R.getrandbits(16), org["from"][1].split("@")[1])
    return make_ics(method, uid, cap1(e["np"]) if R.random() < 0.5 else e["title"], e["date"], e["start"], e.get("end"), loc,
                    (org["organiser"].split(" — ")[0], org["from"][1]), description=R.choice(["", cap1(e["np"]) + "."]),
                    mode=mode, end_date=e.get("end_date"), stamp=dt.datetime.combine(ctx["hdr"].date(), dt.time(8, 0)))


def outlook_when(e, ics_mode):
    d = e["date"]
    s = "%s %s %s %d" % (WD[d.weekday()], day_str(d), MO[d.month - 1], d.year)
    if e["start"]:
        end = e.get("end") or time_add(e["start"], 120)
        s += " %02d:%02d-%02d:%02d (UTC+01:00) Bruxelles, Copenhague, Madrid, Paris." % (e["start"] + end)
    else:
        s += " (toute la journée)"
    return s, s.split(" %02d" % e["start"][0])[0] if e["start"] else s


def add_evidence_from_card(evid, cev):
    out = dict(evid)
    for k2, v in cev.items():
        if not out.get(k2):
            out[k2] = v
    return out


def finalize_invitation(ctx):
    org, e, src, fl = ctx["org"], ctx["e"], ctx["src"], ctx["fl"]
    feats = ctx["feats"]
    to = [R.choice(SENATOR_TO)]
    cc = []
    if "multi_guest" in fl:
        for _ in range(R.randint(2, 4)):
            p = person()
            cc.append((pname(p), "%s@%s" % (email_local(p), R.choice(["assemblee-nationale-exemple.fr", "puydedome-exemple.fr", "orange.fr"]))))
        feats.add("multi_guest")
    attachments = []
    alt = None
    evid = {}
    text = None
    emph = []
    hmode = None
    mailer = R.choice(MAILERS)
    subject = inv_subject(ctx)
    from_ = org["from"]
    date = ctx["hdr"]
    extra_headers = []
    if src == "prose":
        text, evid, emph = compose_prose(ctx)
    elif src == "pdf":
        items, evid = card_items(ctx)
        pdf = make_pdf(items, R.choice(["A5", "A4", "card"]), compress=R.random() < 0.4, title=e["title"])
        attachments.append(binary_part(pdf, "application/pdf", pdf_name(ctx)))
        text = cover_note(ctx, who_of(org))
        feats.add("pdf_card")
    elif src == "ics":
        if e["start"] and not e.get("end"):
            e["end"] = time_add(e["start"], 120) if e["start"][0] < 21 else (23, 30)
        method = R.choice(["REQUEST", "REQUEST", "PUBLISH"])
        ics_mode = "utc" if ("ics_utc" in fl) else "tz"
        if ics_mode == "utc":
            feats.add("ics_utc")
        if e["start"] is None:
            feats.add("ics_all_day")
        ics = ics_for(ctx, ics_mode, method)
        evid = {"ics": True}
        style = R.choice(["outlook", "prose_attach", "short_attach"])
        if style == "outlook":
            when, _ = outlook_when(e, ics_mode)
            prose, pev, emph = compose_prose(ctx)
            text = "Quand : %s\nOù : %s\n\n*~*~*~*~*~*~*~*~*~*\n\n%s" % (when, e["place"]["label"], prose)
            alt = ics_part(ics, method)
            mailer = ("X-Mailer", "Microsoft Outlook 16.0")
            feats.add("ics_alternative")
        elif style == "prose_attach":
            text, pev, emph = compose_prose(ctx)
            attachments.append(ics_part(ics, method, attach=True, name=R.choice(["invitation.ics", "invite.ics", "evenement.ics", "%s.ics" % slug(e["title"])[:20]])))
            feats.add("ics_attachment")
        else:
            text = "\n\n".join([R.choice(GREET_FORMAL), R.choice([
                "Veuillez trouver ci-joint l'invitation au format agenda (fichier .ics) : il vous suffit de l'ouvrir pour l'ajouter à votre calendrier.",
                "Je vous transmets ci-joint l'invitation, à importer directement dans votre agenda.",
                "Pour faciliter la tâche de votre secrétariat, l'invitation est jointe au format calendrier."]),
                "%(S)s %(serait)s %(honore)s de votre présence." % subject_forms(org),
                R.choice(CLOSE_FORMAL), "\n".join(org["sig"])])
            attachments.append(ics_part(ics, method, attach=True))
            feats.add("ics_attachment")
            feats.add("ics_only_details")
    elif src == "mixed":
        variant = ctx["spec"].get("mixed") or R.choice(["repeat", "details_on_card", "programme"])
        feats.add("mixed_" + variant)
        if variant == "disagree":
            tcard = ctx["card_time"]
            items, cev = card_items(ctx, time_override=tcard)
            text, evid, emph = compose_prose(ctx)
            ctx["notes_msg"].append("mail and card disagree on the time: start left null")
        elif variant == "details_on_card":
            items, evid = card_items(ctx)
            text = "\n\n".join([R.choice(GREET_FORMAL), typo(R.choice(CONTEXT[ctx["kind"]])),
                                R.choice(["À cette occasion, nous serions très honorés de votre présence %s. Vous trouverez toutes les informations pratiques sur le carton joint." % prep_a(e["np"]),
                                          "Nous souhaitons vous associer %s ; le carton d'invitation ci-joint en précise la date, l'heure et le lieu." % prep_a(e["np"])]),
                                R.choice(CLOSE_FORMAL), "\n".join(org["sig"])])
        else:
            items, cev = card_items(ctx)
            text, evid, emph = compose_prose(ctx)
            evid = add_evidence_from_card(evid, cev)
        pdf = make_pdf(items, R.choice(["A5", "A4", "card"]), compress=R.random() < 0.4, title=e["title"])
        attachments.append(binary_part(pdf, "application/pdf", pdf_name(ctx)))
        feats.add("pdf_card")
    elif src == "forward":
        return finalize_forward(ctx)
    body, bf = body_mime(text, emph, hmode, extra_alt=alt)
    feats.update(bf)
    mime = body if not attachments else multipart("mixed", [body] + attachments)
    if ctx["spec"].get("subject_override"):
        subject = ctx["spec"]["subject_override"]
    return {"date": date, "from": from_, "to": to, "cc": cc, "subject": subject, "mime": mime, "mailer": mailer,
            "extra_headers": extra_headers, "evid": evid, "ctx": ctx}


FWD_COMMENTS_STAFF = ["Pour info, invitation reçue à la permanence. On la met à l'agenda ?",
                      "Claire, invitation reçue ce matin — je te laisse me dire si tu souhaites y aller.",
                      "Bonjour,\nVoir ci-dessous. À inscrire dans l'agenda de la Sénatrice.",
                      "Transféré depuis la boîte de Riom. Réponse à faire avant la date indiquée.",
                      "Invitation reçue par courrier électronique sur mon adresse perso, je te la fais suivre.",
                      "FYI. Je n'ai pas encore répondu.", ""]
FWD_COMMENTS_OTHER = ["Madame la Sénatrice,\n\nJe me permets de vous transférer l'invitation ci-dessous, au cas où elle ne vous serait pas parvenue directement.\n\nBien respectueusement,",
                      "Chère Claire,\n\nL'association m'a demandé de te faire suivre ce message. Ce serait bien que tu puisses passer.\n\nAmitiés,",
                      "Bonjour,\n\nÀ la demande du président, je vous transfère son invitation.\n\nCordialement,",
                      "Madame la Sénatrice,\n\nSuite à notre conversation téléphonique, voici l'invitation dont je vous parlais.\n\nCordialement,"]


def finalize_forward(ctx):
    """The invitation is inside a forwarded message."""
    org, e, fl, feats = ctx["org"], ctx["e"], ctx["fl"], ctx["feats"]
    orig_date = ctx["hdr"]
    fwd_date = orig_date + dt.timedelta(days=R.choice([0, 0, 1, 1, 2, 3, 5]), hours=R.randint(0, 5), minutes=R.randint(1, 50))
    if fwd_date.date() > WINDOW_END or fwd_date.date() >= e["date"] - dt.timedelta(days=1):
        fwd_date = orig_date + dt.timedelta(minutes=R.randint(5, 200))
    inner_pdf = ctx["spec"].get("inner") == "pdf"
    if inner_pdf:
        items, evid = card_items(ctx)
        pdf = make_pdf(items, R.choice(["A5", "A4", "card"]), compress=R.random() < 0.4, title=e["title"])
        otext = cover_note(ctx, who_of(org))
        feats.add("pdf_card")
    else:
        otext, evid, emph = compose_prose(ctx)
    orig_subject = inv_subject(ctx)
    forwarder_kind = R.choice(["staff", "staff", "senator", "other"])
    if forwarder_kind == "staff":
        n, a, role = R.choice(STAFF)
        fwd_from = (n, a)
        comment = R.choice(FWD_COMMENTS_STAFF)
        sig = n.split()[0] if R.random() < 0.6 else "%s\n%s de Claire Fougerolle, Sénatrice du Puy-de-Dôme" % (n, cap1(role))
        orig_to = R.choice([OFFICE_ADDR, "permanence.riom@" + OFFICE_DOMAIN, a])
    elif forwarder_kind == "senator":
        fwd_from = SENATOR_PERSONAL
        comment = R.choice(["Julien, peux-tu noter ceci et répondre que je viendrai ?", "À mettre dans l'agenda svp. Je confirme moi-même.",
                            "Reçu sur ma boîte du Sénat. À traiter.", "Pour l'agenda. Merci !"])
        sig = R.choice(["Claire", "C.F.", "Claire Fougerolle\nSénatrice du Puy-de-Dôme"])
        orig_to = SENATOR_PERSONAL[1]
    else:
        p = person()
        fwd_from = (pname(p), "%s@%s" % (email_local(p), R.choice(FREEMAIL)))
        comment = R.choice(FWD_COMMENTS_OTHER)
        f = p["sex"] == "F"
        sig = pname(p) + R.choice(["", "\nConseill%s municipal%s" % (("ère", "e") if f else ("er", "")), "\nAdjoint%s au maire" % ("e" if f else ""),
                                   "\nDélégué%s départemental%s" % (("e", "e") if f else ("", ""))])
        orig_to = fwd_from[1]
    orig = {"from": org["from"], "date": orig_date, "subject": orig_subject, "to_display": orig_to}
    prefix = R.choice(["TR: ", "TR : ", "Fwd: ", "Fw: ", "Tr : ", "RE: TR: "])
    subject = prefix + orig_subject
    style = ctx["spec"].get("fwd") or R.choice(["outlook", "outlook2", "gmail", "thunderbird", "apple", "quoted", "rfc822"])
    feats.add("forward_" + style)
    attachments = []
    if style == "rfc822":
        inner_body, bf = body_mime(otext, (), None)
        inner_mime = inner_body if not inner_pdf else multipart("mixed", [inner_body, binary_part(pdf, "application/pdf", pdf_name(ctx))])
        inner = {"date": orig_date, "from": org["from"], "to": [("", orig_to)], "subject": orig_subject,
                 "message_id": message_id(org["from"][1], orig_date), "mime": inner_mime, "received": False,
                 "mailer": R.choice(MAILERS)}
        raw = build_bytes(inner)
        att = Part("message/rfc822", [], [("Content-Disposition", "attachment; filename=\"%s.eml\"" % slug(orig_subject)[:30])], raw)
        attachments.append(att)
        text = "\n\n".join(x for x in [comment, sig] if x)
    else:
        block = fwd_block(style if style != "rfc822" else "outlook", orig, otext)
        text = "\n\n".join(x for x in [comment, sig] if x) + "\n\n" + block
        if inner_pdf:
            attachments.append(binary_part(pdf, "application/pdf", pdf_name(ctx)))
    body, bf = body_mime(text, (), R.choice(["plain", "plain", "alt", "html"]))
    feats.update(bf)
    mime = body if not attachments else multipart("mixed", [body] + attachments)
    ctx["orig_date"] = orig_date
    ctx["hdr"] = fwd_date
    return {"date": fwd_date, "from": fwd_from, "to": [(R.choice(["", "Permanence", "Contact"]), OFFICE_ADDR)], "cc": [],
            "subject": subject, "mime": mime, "mailer": R.choice(MAILERS), "extra_headers": [], "evid": evid, "ctx": ctx}

# ---------------------------------------------------------------------------
# Non-invitations that mention dates
# ---------------------------------------------------------------------------
def nonmsg(cat, date, from_, subject, text, source="prose", feats=(), notes=None, to=None, cc=None, attachments=(),
           extra_headers=(), html_mode=None, emph=(), alt=None, in_reply_to=None, to_raw=None, charset=None, cte=None):
    body, bf = body_mime(text, emph, html_mode, charset=charset, cte=cte, extra_alt=alt)
    mime = body if not attachments else multipart("mixed", [body] + list(attachments))
    f = set(feats) | set(bf)
    return {"date": date, "from": from_, "to": to or [R.choice(SENATOR_TO)], "cc": cc or [], "subject": subject, "mime": mime,
            "mailer": R.choice(MAILERS), "extra_headers": list(extra_headers), "in_reply_to": in_reply_to, "to_raw": to_raw,
            "truth": {"invitation": False, "events": [], "source": source, "notes": notes, "category": "non:" + cat,
                      "features": sorted(f)}}


def hdr_any(lo=WINDOW_START, hi=WINDOW_END):
    return header_time(rand_date(lo, hi))


def citizen():
    p = person()
    c = R.choice(SMALL)
    return p, c, (pname(p), "%s%s@%s" % (email_local(p), R.choice(["", "", str(R.randint(1, 99))]), R.choice(FREEMAIL)))


def citizen_sig(p, c, full=False):
    if full or R.random() < 0.4:
        return "%s\n%s\n%s %s\n%s" % (pname(p), addr_line(), COMMUNES[c][1], c, mobile())
    return pname(p)


def d_str(d, ref=None):
    return fmt_date(d, R.choice(["full", "full", "nowd", "noyear", "nowd_noyear", "num_y"]))


def t_str(t):
    return fmt_time(t, R.choice(TIME_STYLES))


def rt():
    return (R.choice([8, 9, 10, 14, 15, 17, 18, 20]), R.choice([0, 0, 30, 15]))


def greet():
    return R.choice(GREET_FORMAL)


NON_CLOSE = [c for c in CLOSE_FORMAL if "accueillir" not in c and "parmi nous" not in c]


def close():
    return typo(R.choice(NON_CLOSE), 0.15)


def workday(d, days=(0, 1, 2, 3, 4)):
    while d.weekday() not in days:
        d += dt.timedelta(days=1)
    return d


def workday_back(d, days=(0, 1, 2, 3, 4)):
    while d.weekday() not in days:
        d -= dt.timedelta(days=1)
    return d


# --- deadlines ---------------------------------------------------------------
def n_deadline():
    h = hdr_any()
    dl = h.date() + dt.timedelta(days=R.randint(8, 60))
    tdl = R.choice([None, (12, 0), (23, 59), (17, 0)])
    dls = d_str(dl)
    tl = (" à " + t_str(tdl)) if tdl else ""
    v = R.randint(0, 6)
    if v == 0:
        fr = ("Préfecture du Puy-de-Dôme – DCL", "pref-dcl-subventions@puy-de-dome.gouv-exemple.fr")
        subj = "Appel à projets DETR/DSIL %d – date limite de dépôt" % (dl.year)
        text = ("%s\n\nJ'ai l'honneur de vous informer que l'appel à projets au titre de la dotation d'équipement des territoires ruraux (DETR) "
                "et de la dotation de soutien à l'investissement local (DSIL) est ouvert.\n\nLes dossiers devront être déposés sur la plateforme "
                "dématérialisée avant le %s%s, délai de rigueur. Tout dossier incomplet à cette date ne pourra être instruit.\n\n"
                "Je vous remercie de bien vouloir relayer cette information auprès des maires de votre circonscription.\n\n"
                "Pour le Préfet et par délégation,\nLe Secrétaire général\nPréfecture du Puy-de-Dôme, 18 boulevard Desaix, 63033 Clermont-Ferrand cedex 1") % (greet(), dls, tl)
    elif v == 1:
        p, c, fr = citizen()
        subj = R.choice(["Demande de soutien – dossier bourse", "Urgent : dossier à rendre", "Aide pour mon dossier MDPH"])
        text = ("%s\n\nJe me permets de vous écrire car je dois déposer mon dossier complet avant le %s auprès de la MDPH, et il me manque "
                "toujours l'attestation de l'employeur de mon fils. J'ai relancé trois fois depuis le %s sans réponse.\n\nPourriez-vous "
                "intervenir ? Je suis à bout.\n\n%s\n%s") % (greet(), dls, fmt_date(h.date() - dt.timedelta(days=R.randint(10, 40)), "nowd_noyear"), close(), citizen_sig(p, c))
    elif v == 2:
        fr = ("Service de la Séance – Sénat", "seance@senat-exemple.fr")
        subj = "Délai limite de dépôt des amendements – projet de loi %s" % R.choice(["de finances", "relatif à l'agriculture", "sur la fin de vie", "relatif à la simplification"])
        text = ("Madame la Sénatrice,\n\nLe délai limite pour le dépôt des amendements de séance sur ce texte est fixé au %s à %s.\n\n"
                "La discussion en séance publique est prévue à compter du %s.\n\nLe Service de la Séance") % (
            fmt_date(dl, "full"), t_str(R.choice([(11, 0), (12, 0), (15, 0)])), fmt_date(dl + dt.timedelta(days=R.randint(3, 8)), "full"))
    elif v == 3:
        org = make_org("asso", R.choice(SMALL))
        fr = org["from"]
        subj = "Demande de lettre de soutien"
        text = ("%s\n\nNotre association candidate à l'appel à projets de la Fondation du patrimoine pour la restauration de la chapelle. "
                "La clôture des candidatures est fixée au %s%s.\n\nUne lettre de soutien de votre part renforcerait considérablement notre dossier. "
                "Serait-il possible de nous la faire parvenir d'ici là ?\n\n%s\n%s") % (greet(), dls, tl, close(), "\n".join(org["sig"]))
    elif v == 4:
        fr = ("Conseil départemental du Puy-de-Dôme", "aap-territoires@puydedome-exemple.fr")
        subj = "Appel à projets « Territoires solidaires » – clôture le %s" % fmt_date(dl, "num")
        text = ("Madame la Sénatrice,\n\nNous vous informons que le Département lance son appel à projets annuel « Territoires solidaires ». "
                "Les candidatures sont à déposer en ligne jusqu'au %s%s.\n\nUne réunion d'information en visioconférence sera proposée aux porteurs de projets.\n\n"
                "Direction de l'attractivité et des territoires") % (dls, tl)
    elif v == 5:
        p = person()
        m = R.choice(SMALL)
        fr = (pname(p), "%s@%s-exemple.fr" % (email_local(p), slug(m)))
        subj = "Dossier DSIL – école – échéance"
        text = ("%s\n\nNotre dossier de demande de DSIL pour la rénovation thermique de l'école doit être déposé avant le %s. "
                "Le conseil municipal en a délibéré le %s. Nous aurions besoin de votre appui auprès des services de l'État, "
                "le montant demandé étant important pour une commune de notre taille.\n\n%s\n%s\nMaire %s") % (
            greet(), dls, fmt_date(h.date() - dt.timedelta(days=R.randint(5, 30)), "full"), close(), pname(p), de_commune(m))
    else:
        fr = ("Association des maires du Puy-de-Dôme", "contact@maires63-exemple.fr")
        subj = "Questionnaire sur les finances locales – retour souhaité avant le %s" % fmt_date(dl, "nowd_noyear")
        text = ("Madame la Sénatrice,\n\nPour information, nous avons adressé aux maires un questionnaire sur l'évolution de leurs "
                "dotations. Les réponses sont attendues avant le %s ; nous vous en communiquerons la synthèse.\n\nBien cordialement,\nLe secrétariat") % dls
    return nonmsg("deadline", h, fr, subj, text, feats=["deadline"])


# --- council meetings held earlier ----------------------------------------------
def n_conseil_passe():
    h = hdr_any()
    d = workday_back(h.date() - dt.timedelta(days=R.randint(2, 30)))
    t = R.choice([(18, 30), (19, 0), (20, 0), (20, 30)])
    c = R.choice(SMALL)
    p = person()
    fr = (pname(p), mairie_addr(c))
    motion = R.choice(["contre la fermeture de la trésorerie", "pour le maintien du service des urgences de nuit", "relative à la fermeture d'une classe",
                       "demandant la réouverture de la ligne ferroviaire", "sur la hausse des tarifs de l'énergie", "contre la suppression du bureau de poste"])
    v = R.randint(0, 3)
    ds = fmt_date(d, R.choice(["full", "nowd", "full"]))
    if v == 0:
        text = ("%s\n\nLors de sa séance du %s à %s, le conseil municipal %s a adopté à l'unanimité une motion %s. "
                "Vous la trouverez ci-dessous.\n\nNous comptons sur votre soutien pour porter cette question au niveau national.\n\n%s\n%s\nMaire %s") % (
            greet(), ds, t_str(t), de_commune(c), motion, close(), pname(p), de_commune(c))
    elif v == 1:
        text = ("%s\n\nLe conseil communautaire, réuni le %s à %s, %s, a voté une motion %s.\n\nJe vous en transmets le texte "
                "et reste à votre disposition.\n\n%s\n%s") % (greet(), ds, t_str(t), prep_a(R.choice(HALLS)) + " " + de_commune(c), motion, close(), pname(p))
    elif v == 2:
        text = ("%s\n\nComme évoqué au téléphone, le conseil municipal s'est réuni %s (le %s) et a approuvé le projet de "
                "lotissement communal. La délibération a été transmise au contrôle de légalité le %s.\n\nBien cordialement,\n%s, maire %s") % (
            greet(), R.choice(["jeudi dernier", "la semaine dernière", "lundi soir"]), fmt_date(d, "nowd_noyear"),
            fmt_date(min(h.date(), d + dt.timedelta(days=2)), "nowd_noyear"), pname(p), de_commune(c))
    else:
        text = ("%s\n\nJe vous adresse l'extrait du registre des délibérations de la séance du %s.\n\nLe conseil y a notamment décidé "
                "de solliciter l'État pour la réfection du pont de la RD %d, dont l'état nous inquiète.\n\n%s\n%s\nMaire %s") % (
            greet(), ds, R.randint(1, 999), close(), pname(p), de_commune(c))
    atts = []
    feats = ["past_meeting"]
    src = "prose"
    if R.random() < 0.3:
        items = [("COMMUNE %s" % de_commune(c).upper(), 12, True, "c"), ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", 12, True, "c"), ("", 10, False, "c"),
                 ("Séance du %s" % fmt_date(d, "full"), 11, False, "l"),
                 ("L'an %d, le %s, à %s, le conseil municipal, régulièrement convoqué, s'est réuni en séance publique à la mairie, sous la présidence de %s, maire." % (
                     d.year, fmt_date(d, "nowd_noyear"), t_str(t), pname(p)), 10, False, "l"),
                 ("Objet : motion %s" % motion, 10, True, "l"), ("Adoptée à l'unanimité.", 10, False, "l")]
        atts.append(binary_part(make_pdf(items, "A4", compress=R.random() < 0.5, title="Deliberation"), "application/pdf", "deliberation_%s.pdf" % d.strftime("%Y%m%d")))
        src = "mixed"
        feats.append("pdf")
    return nonmsg("conseil-passe", h, fr, R.choice(["Motion du conseil municipal", "Délibération du %s" % fmt_date(d, "num"), "Motion – " + c, "Conseil municipal du %s" % fmt_date(d, "nowd_noyear")]),
                  text, source=src, feats=feats, attachments=atts, notes="council meeting held before the message")


# --- decrees and laws -----------------------------------------------------------
def n_decret():
    h = hdr_any()
    d = h.date() - dt.timedelta(days=R.randint(10, 400))
    num = "%d-%d" % (d.year, R.randint(100, 1900))
    p, c, fr = citizen()
    v = R.randint(0, 4)
    if v == 0:
        text = ("%s\n\nLe décret n° %s du %s relatif aux %s pénalise lourdement les petites communes rurales comme la nôtre. "
                "Son entrée en vigueur, fixée au %s, ne laisse aucun délai d'adaptation.\n\nPourriez-vous interroger le Gouvernement par une question écrite ?\n\n%s\n%s") % (
            greet(), num, fmt_date(d, "nowd"), R.choice(["modalités de calcul de la dotation de solidarité rurale", "normes d'accessibilité des ERP", "zones de non-traitement"]),
            fmt_date(d + dt.timedelta(days=R.randint(30, 120)), "nowd"), close(), citizen_sig(p, c))
    elif v == 1:
        text = ("%s\n\nDepuis l'arrêté préfectoral du %s portant restriction des usages de l'eau, notre exploitation ne peut plus irriguer. "
                "Nous avons perdu la moitié de la récolte de maïs.\n\nQue peut-on faire ?\n\n%s\n%s") % (greet(), fmt_date(d, R.choice(["nowd", "full"])), close(), citizen_sig(p, c, True))
    elif v == 2:
        text = ("%s\n\nLa loi n° %s du %s impose aux communes de plus de 3 500 habitants de nouvelles obligations. Le maire de %s nous dit "
                "qu'il n'a pas les moyens de les appliquer avant le 1er janvier %d.\n\nQu'en pensez-vous ?\n\n%s\n%s") % (
            greet(), num, fmt_date(d, "nowd"), c, d.year + 2, close(), citizen_sig(p, c))
    elif v == 3:
        pp = person()
        m = R.choice(SMALL)
        fr = (pname(pp), mairie_addr(m))
        text = ("%s\n\nL'ordonnance du %s et son décret d'application publié au Journal officiel du %s modifient les règles de la "
                "commande publique. Mes services ont besoin d'éclaircissements.\n\n%s\n%s, maire %s") % (
            greet(), fmt_date(d, "nowd"), fmt_date(d + dt.timedelta(days=R.randint(1, 20)), "nowd"), close(), pname(pp), de_commune(m))
    else:
        text = ("Bonjour,\n\nJe fais suite à la circulaire du %s sur les élections municipales : pouvez-vous me confirmer que les "
                "listes doivent être déposées en préfecture avant le %s à 18h ?\n\nMerci,\n%s") % (
            fmt_date(d, "nowd"), fmt_date(h.date() + dt.timedelta(days=R.randint(10, 50)), "full"), citizen_sig(p, c))
    return nonmsg("decret", h, fr, R.choice(["Décret n° " + num, "Question sur un arrêté", "Loi " + str(d.year), "Demande d'intervention", "Question réglementaire"]),
                  text, feats=["decree_date"])


# --- road works ---------------------------------------------------------------------
def n_travaux():
    h = hdr_any()
    d1 = workday(h.date() + dt.timedelta(days=R.randint(3, 40)))
    d2 = workday(d1 + dt.timedelta(days=R.randint(2, 20)))
    c1 = R.choice(SMALL)
    c2 = R.choice(NEAR.get(c1, SMALL))
    rd = "RD %d" % R.choice([2089, 906, 996, 2009, 943, 978, 212, 15, 118])
    t1, t2 = R.choice([((8, 30), (17, 0)), ((7, 30), (18, 0)), ((9, 0), (16, 30)), ((21, 0), (6, 0))])
    v = R.randint(0, 3)
    if v == 0:
        fr = ("Conseil départemental – Routes", "routes-infos@puydedome-exemple.fr")
        text = ("Madame la Sénatrice,\n\nPour votre information, des travaux de réfection de chaussée seront réalisés sur la %s entre %s et %s "
                "du %s au %s, de %s à %s. La circulation sera alternée par feux tricolores ; une déviation sera mise en place la nuit.\n\n"
                "Division routière Agglomération") % (rd, c1, c2, fmt_date(d1, "full"), fmt_date(d2, "full"), t_str(t1), t_str(t2))
        src = "prose"
    elif v == 1:
        p = person()
        fr = (pname(p), mairie_addr(c1))
        text = ("%s\n\nJe vous informe que la traversée du bourg sera fermée à toute circulation le %s de %s à %s pour le remplacement "
                "de la conduite d'eau, rue du 8-Mai-1945 et place de la Mairie. Les riverains ont été prévenus.\n\nNous vous tiendrons informée.\n\n%s, maire %s") % (
            greet(), fmt_date(d1, "full"), t_str(t1), t_str(t2), pname(p), de_commune(c1))
        src = "prose"
    elif v == 2:
        p, c, fr = citizen()
        text = ("%s\n\nLes travaux sur la %s devaient durer du %s au %s. Nous sommes le %s et rien n'est terminé ; les commerces de %s "
                "perdent leurs clients. Pouvez-vous faire quelque chose ?\n\n%s\n%s") % (
            greet(), rd, fmt_date(d1 - dt.timedelta(days=60), "nowd_noyear"), fmt_date(d1 - dt.timedelta(days=20), "nowd_noyear"),
            fmt_date(h.date(), "nowd_noyear"), c1, close(), citizen_sig(p, c))
        d1 = d1 - dt.timedelta(days=60)
        src = "prose"
    else:
        p = person()
        fr = (pname(p), mairie_addr(c1))
        text = "%s\n\nVeuillez trouver ci-joint l'arrêté municipal de circulation relatif aux travaux à venir.\n\nCordialement,\n%s\nMairie %s" % (greet(), pname(p), de_commune(c1))
        items = [("MAIRIE %s" % de_commune(c1).upper(), 12, True, "c"), ("ARRÊTÉ MUNICIPAL N° %d-%03d" % (h.year, R.randint(1, 300)), 12, True, "c"), ("", 10, False, "c"),
                 ("Portant réglementation temporaire de la circulation", 11, False, "c"), ("", 10, False, "c"),
                 ("Article 1 : Du %s au %s, de %s à %s, la circulation sera interdite rue du 11-Novembre et avenue de la Libération." % (
                     fmt_date(d1, "full"), fmt_date(d2, "full"), t_str(t1), t_str(t2)), 10, False, "l"),
                 ("Article 2 : Une déviation sera mise en place par la route de %s." % c2, 10, False, "l"),
                 ("Fait à %s, le %s" % (c1, fmt_date(h.date(), "nowd")), 10, False, "l"), ("Le Maire, %s" % pname(p), 10, False, "l")]
        pdf = make_pdf(items, "A4", compress=R.random() < 0.5, title="Arrete")
        return nonmsg("travaux", h, fr, "Arrêté de circulation – travaux", text, source="pdf", feats=["roadworks", "pdf"],
                      attachments=[binary_part(pdf, "application/pdf", "arrete_circulation.pdf")])
    return nonmsg("travaux", h, fr, R.choice(["Travaux %s" % rd, "Information travaux", "Fermeture de la traversée du bourg", "Chantier " + c1]),
                  text, source=src, feats=["roadworks", "date_range"])


# --- power / water cuts -----------------------------------------------------------------
def n_coupure():
    h = hdr_any()
    d = workday(h.date() + dt.timedelta(days=R.randint(2, 20)))
    c = R.choice(SMALL)
    t1 = R.choice([(8, 0), (8, 30), (9, 0), (13, 30)])
    t2 = time_add(t1, R.choice([120, 180, 240, 210]))
    what = R.choice(["coupure d'électricité", "coupure d'eau", "interruption de la distribution d'électricité"])
    v = R.randint(0, 2)
    if v == 0:
        p = person()
        fr = (pname(p), mairie_addr(c))
        text = ("%s\n\nPour information, Enedis nous annonce une %s pour travaux le %s de %s à %s dans les rues suivantes : "
                "rue du 8-Mai-1945, impasse des Tilleuls, place du 14-Juillet (%s). Plusieurs personnes sous assistance respiratoire "
                "sont concernées ; nous avons demandé un groupe électrogène.\n\n%s\n%s, maire") % (
            greet(), what, fmt_date(d, R.choice(["full", "num_y", "noyear"])), t_str(t1), t_str(t2), c, close(), pname(p))
    elif v == 1:
        fr = ("Enedis – Info coupure", "ne-pas-repondre@enedis-infos-exemple.fr")
        text = ("Bonjour,\n\nAfin d'améliorer la qualité de la distribution d'électricité, nous réalisons des travaux qui entraîneront "
                "une ou plusieurs coupures d'électricité sur la commune %s.\n\nDate : %s\nHoraires : %s - %s\nAdresses concernées : %s\n\n"
                "Ce courriel est envoyé automatiquement, merci de ne pas y répondre.") % (
            de_commune(c), fmt_date(d, "Full"), t_str(t1), t_str(t2), "%d %s" % (R.randint(1, 40), R.choice(STREETS)))
        return nonmsg("coupure", h, fr, "Avis de coupure pour travaux", text, feats=["power_cut", "automatic"],
                      extra_headers=[("Auto-Submitted", "auto-generated")])
    else:
        p, cc, fr = citizen()
        text = ("%s\n\nTroisième %s en un mois à %s : le %s de %s à %s, puis encore hier soir. Mon congélateur est fichu. "
                "Le fournisseur ne répond pas.\n\n%s\n%s") % (greet(), what, c, fmt_date(h.date() - dt.timedelta(days=R.randint(5, 15)), "noyear"),
                                                         t_str(t1), t_str(t2), close(), citizen_sig(p, cc))
    return nonmsg("coupure", h, fr, R.choice(["Coupure", "Coupure de courant " + c, "Information coupure d'eau", "Encore une coupure !"]), text, feats=["power_cut"])


# --- appointment requests ----------------------------------------------------------
def n_rdv():
    h = hdr_any()
    d = h.date() + dt.timedelta(days=R.randint(3, 30))
    while d.weekday() > 4:
        d += dt.timedelta(days=1)
    t = R.choice([(9, 0), (9, 30), (10, 0), (10, 30), (11, 0), (14, 0), (14, 30), (15, 0), (16, 0), (17, 30)])
    c = R.choice(BIG)
    ds = fmt_date(d, R.choice(["full", "noyear", "noyear", "num", "Full"]))
    ts = t_str(t)
    v = R.randint(0, 7)
    if v == 0:
        p, cc, fr = citizen()
        text = ("%s\n\nJe souhaiterais être reçu(e) à votre permanence au sujet de la situation de ma mère en EHPAD. "
                "Je suis disponible le %s à partir de %s, ou à une autre date qui vous conviendrait.\n\n%s\n%s") % (greet(), ds, ts, close(), citizen_sig(p, cc))
        subj = "Demande de rendez-vous"
    elif v == 1:
        p = person()
        m = R.choice(SMALL)
        fr = (pname(p), mairie_addr(m))
        text = ("%s\n\nJe souhaiterais vous rencontrer pour évoquer le dossier de la déviation, qui bloque depuis deux ans. "
                "Je vous propose de nous retrouver en mairie %s le %s à %s, si votre agenda le permet. Nous pourrions ensuite aller sur le terrain.\n\n"
                "%s\n%s, maire %s") % (greet(), de_commune(m), ds, ts, close(), pname(p), de_commune(m))
        subj = R.choice(["Proposition de rencontre", "Rendez-vous – déviation", "Demande d'entretien"])
    elif v == 2:
        co = R.choice(COMPANIES)
        p = person()
        fr = (pname(p), "%s@%s-exemple.fr" % (email_local(p), slug(co)[:16]))
        text = ("%s\n\nNotre entreprise traverse des difficultés d'approvisionnement liées à la réglementation européenne. "
                "Nous souhaiterions vous rencontrer dans nos locaux %s le %s à %s afin de vous exposer la situation et nos propositions.\n\n"
                "%s\n%s\n%s\n%s") % (greet(), a_commune(c), ds, ts, close(), pname(p), R.choice(["Directeur général", "Présidente", "DRH"]), co)
        subj = "Demande de rendez-vous – " + co
    elif v == 3:
        org = make_org("asso", c)
        fr = org["from"]
        text = ("%s\n\nUne délégation de notre association souhaiterait être reçue à votre permanence de %s le %s vers %s, "
                "pour vous présenter nos inquiétudes concernant la baisse des subventions.\n\nNous serions quatre.\n\n%s\n%s") % (
            greet(), R.choice(["Clermont-Ferrand", "Riom", "Issoire"]), ds, ts, close(), "\n".join(org["sig"]))
        subj = "Demande d'audience"
    elif v == 4:
        p = person()
        fr = (pname(p), "%s@chu-clermont-exemple.fr" % email_local(p))
        text = ("Madame la Sénatrice,\n\nJe vous confirme notre rendez-vous du %s à %s dans mon bureau (bâtiment administratif, 58 rue Montalembert, "
                "Clermont-Ferrand). Nous ferons le point sur le projet de centre de santé.\n\nBien cordialement,\n%s\nDirecteur général adjoint") % (ds, ts, pname(p))
        subj = "Confirmation rendez-vous du %s" % fmt_date(d, "num")
    elif v == 5:
        p, cc, fr = citizen()
        text = ("Bonjour,\n\nSerait-il possible de vous voir lors de votre prochaine permanence à %s ? On m'a dit que vous y seriez le %s. "
                "Je voudrais vous parler du permis de construire de mon fils.\n\nMerci d'avance\n%s") % (c, ds, citizen_sig(p, cc))
        subj = "RDV permanence"
    elif v == 6:
        p = person()
        fr = (pname(p), "%s@%s" % (email_local(p), R.choice(FREEMAIL)))
        d2 = d + dt.timedelta(days=7)
        text = ("%s\n\nUn empêchement m'oblige à vous demander de décaler notre entretien du %s. Le %s à la même heure (%s) vous conviendrait-il ? "
                "Le lieu reste inchangé : votre permanence, %s.\n\nToutes mes excuses,\n%s") % (
            greet(), fmt_date(d, "nowd_noyear"), fmt_date(d2, "full"), ts, R.choice(["12 rue Blatin, Clermont-Ferrand", "Riom", "place de la Halle à Issoire"]), pname(p))
        subj = "Report de notre rendez-vous"
    else:
        p = person()
        m = R.choice(SMALL)
        fr = (pname(p), mairie_addr(m))
        text = ("Chère Claire,\n\nTu passes à %s le %s, m'a dit ton attaché. Si tu as un créneau vers %s, j'aimerais te montrer le dossier "
                "de l'école et prendre un café à la mairie. Dis-moi.\n\nAmitiés,\n%s\nMaire %s") % (m, ds, ts, pname(p), de_commune(m))
        subj = "Un café ?"
    return nonmsg("rdv", h, fr, subj, text, feats=["appointment_request", "date_time_place"], notes="appointment request / proposal, not an event")


# --- thank-you letters and reports after events -------------------------------------------
AFTER_EVENTS = ["l'inauguration de la médiathèque", "la cérémonie du 8 Mai", "notre assemblée générale", "le comice agricole",
                "la cérémonie de la Sainte-Barbe", "le repas des aînés", "les vœux de la municipalité", "la remise des prix du concours",
                "l'inauguration de notre nouvelle ligne de production", "la commémoration du 11 Novembre", "le congrès des maires",
                "la pose de la première pierre de la maison de santé", "la fête patronale"]


def n_remerciement():
    h = hdr_any()
    d = h.date() - dt.timedelta(days=R.randint(1, 20))
    ev = R.choice(AFTER_EVENTS)
    c = R.choice(SMALL)
    t = R.choice([(10, 30), (11, 0), (18, 0), (18, 30)])
    v = R.randint(0, 5)
    p = person()
    if v == 0:
        fr = (pname(p), mairie_addr(c))
        text = ("%s\n\nJe tenais à vous remercier très chaleureusement pour votre présence, le %s, %s. Vos mots ont beaucoup touché les habitants.\n\n"
                "Au plaisir de vous accueillir de nouveau %s.\n\n%s\n%s\nMaire %s") % (
            greet(), fmt_date(d, R.choice(["full", "noyear", "nowd_noyear"])), prep_a(ev), a_commune(c), close(), pname(p), de_commune(c))
    elif v == 1:
        org = make_org("asso", c)
        fr = org["from"]
        text = ("%s\n\nAu nom de tout le bureau, merci d'avoir honoré de votre présence %s le %s à %s. Nous avons été sensibles à votre soutien.\n\n"
                "Vous trouverez ci-joint quelques photos de la journée.\n\n%s\n%s") % (greet(), ev, fmt_date(d, R.choice(["full", "noyear"])), t_str(t), close(), "\n".join(org["sig"]))
    elif v == 2:
        fr = (pname(p), "%s@%s" % (email_local(p), R.choice(FREEMAIL)))
        text = ("Chère Claire,\n\nMerci d'être passée %s. Tout le monde était ravi de te voir. La salle était pleine et la météo avec nous !\n\n"
                "À bientôt,\n%s") % (prep_a(ev) + ", " + R.choice(["vendredi", "samedi", "ce week-end"]) + " (le " + fmt_date(d, "nowd_noyear") + ")", p["prenom"])
    elif v == 3:
        org = make_org(R.choice(["mairie", "asso", "pompiers"]), c)
        fr = org["from"]
        text = ("%s\n\nRetour sur %s du %s : plus de %d personnes se sont déplacées, %d bénévoles mobilisés. Le bilan financier sera présenté en fin d'année.\n\n"
                "Merci encore pour votre présence et votre discours.\n\n%s\n%s") % (
            greet(), ev, fmt_date(d, "nowd_noyear"), R.choice([150, 300, 800, 2000, 4000]), R.randint(10, 60), close(), "\n".join(org["sig"]))
    elif v == 4:
        co = R.choice(COMPANIES)
        fr = (pname(p), "%s@%s-exemple.fr" % (email_local(p), slug(co)[:16]))
        text = ("%s\n\nToute l'équipe de %s vous remercie d'avoir pris le temps de venir le %s. Votre visite a beaucoup compté pour nos salariés.\n\n"
                "%s\n%s") % (greet(), co, fmt_date(d, "full"), close(), pname(p))
    else:
        fr = (pname(p), mairie_addr(c))
        text = ("%s\n\nVous n'avez pu être des nôtres le %s pour %s ; je vous adresse néanmoins le discours que j'ai prononcé et le dossier de presse.\n\n"
                "%s\n%s") % (greet(), fmt_date(d, "noyear"), ev, close(), pname(p))
    atts = []
    if v == 1 and R.random() < 0.6:
        atts.append(binary_part(bytes(R.getrandbits(8) for _ in range(600)), "image/jpeg", "IMG_%04d.jpg" % R.randint(1000, 9999)))
    return nonmsg("remerciement", h, fr, R.choice(["Merci !", "Remerciements", "Merci pour votre présence", "Retour sur " + ev, "Re: invitation", "Merci"]),
                  text, feats=["after_event"], attachments=atts, notes="thank-you / report after the event (Date header after it)")


# --- cancellations ------------------------------------------------------------------------
def n_annulation():
    h = hdr_any()
    d = h.date() + dt.timedelta(days=R.randint(3, 40))
    while d.weekday() not in (4, 5):
        d += dt.timedelta(days=1)
    c = R.choice(SMALL)
    kind = R.choice(["inauguration", "ag", "culture", "voeux", "fete"])
    org = make_org(R.choice(["mairie", "asso"]), c)
    k = KIND_FN[kind](org, c)
    t = R.choice(k["times"])
    ev = k["np"]
    v = R.randint(0, 3)
    if v == 3:
        uid = "%08x@%s" % (R.getrandbits(32), org["from"][1].split("@")[1])
        ics = make_ics("CANCEL", uid, cap1(ev), d, t, None, "Salle des fêtes, " + c, (org["organiser"].split(" — ")[0], org["from"][1]),
                       status="CANCELLED", sequence=1, stamp=dt.datetime.combine(h.date(), dt.time(9, 0)))
        text = "Cet événement a été annulé.\n\n%s\n\nMerci de le retirer de votre agenda." % cap1(ev)
        return nonmsg("annulation", h, org["from"], "Annulé : " + cap1(ev), text, source="ics", feats=["cancel", "ics_cancel"],
                      alt=ics_part(ics, "CANCEL"), notes="METHOD:CANCEL without a new date")
    text = ("%s\n\n%s\n\n%s\n%s") % (greet(), R.choice([
        "Nous avons le regret de vous informer que %s, prévue le %s à %s %s, est annulée en raison des intempéries." % (ev, fmt_date(d, "full"), t_str(t), a_commune(c)),
        "Suite au décès de notre président, %s initialement programmée le %s est annulée. Une nouvelle date vous sera communiquée ultérieurement." % (ev, fmt_date(d, "noyear")),
        "Je suis au regret de devoir annuler %s du %s (%s, %s). Les conditions de sécurité ne sont pas réunies." % (ev, fmt_date(d, "nowd_noyear"), t_str(t), R.choice(HALLS)),
        "Vous aviez été conviée à %s le %s. En raison du deuil national, celle-ci n'aura pas lieu et ne sera pas reportée." % (ev, fmt_date(d, "full")),
    ]), close(), "\n".join(org["sig"]))
    return nonmsg("annulation", h, org["from"], R.choice(["ANNULATION", "Annulation – " + k["short"], "Annulé", "Information importante : annulation"]),
                  text, feats=["cancel"], notes="cancellation without a new date")


# --- newsletters and municipal agendas (mass mailings) -------------------------------------
def list_headers(name, dom):
    return [("List-Id", "%s <%s.lists.%s>" % (name, slug(name)[:20], dom)),
            ("List-Unsubscribe", "<mailto:unsubscribe@%s?subject=unsubscribe>, <https://%s/desinscription>" % (dom, dom)),
            ("Precedence", "bulk")]


def n_newsletter():
    h = hdr_any()
    c = R.choice(SMALL + BIG)
    v = R.randint(0, 5)
    d = h.date() + dt.timedelta(days=R.randint(4, 30))
    while d.weekday() not in (4, 5, 6):
        d += dt.timedelta(days=1)
    t = R.choice([(11, 0), (18, 30), (19, 0), (14, 0), (10, 0)])
    dom = "%s-exemple.fr" % slug(c)
    if v == 0:
        fr = ("Ville " + de_commune(c), "newsletter@" + dom)
        text = ("Chers habitants,\n\nLa municipalité a le plaisir de vous inviter à %s, le %s à %s, %s. Venez nombreux !\n\n"
                "AU PROGRAMME CE MOIS-CI\n- %s : marché de producteurs, place de l'Église, de 8h à 12h30\n- %s : conseil municipal, %s, salle du conseil\n"
                "- Collecte des encombrants : %s\n\nVous recevez cette lettre car vous êtes inscrit(e) sur la liste de diffusion de la commune.\n"
                "Se désinscrire : https://%s/desinscription") % (
            R.choice((["la cérémonie des vœux"] if d.month == 1 else []) + ["l'inauguration du nouveau city-stade", "la soirée de présentation de la saison culturelle",
                      "la réunion publique sur le PLU", "l'inauguration de la nouvelle aire de jeux"]),
            fmt_date(d, "full"), t_str(t), prep_a(R.choice(HALLS)), fmt_date(d + dt.timedelta(days=3), "Full"),
            fmt_date(d + dt.timedelta(days=6), "Full"), t_str((20, 30)), fmt_date(d + dt.timedelta(days=9), "nowd_noyear"), dom)
        subj = "Lettre d'information %s – %s %d" % (de_commune(c), MO[d.month - 1], d.year)
    elif v == 1:
        org = make_org("asso", c)
        fr = (org["name"], "infos@%s" % dom)
        text = ("À tous nos adhérents,\n\nNotre assemblée générale se tiendra le %s à %s %s %s. Nous comptons sur votre présence !\n\n"
                "Pensez à renouveler votre cotisation (15 €).\n\nLe bureau\n\n--\nPour ne plus recevoir nos messages, répondez STOP.") % (
            fmt_date(d, "full"), t_str(t), prep_a(R.choice(HALLS)), de_commune(c))
        subj = "AG " + str(d.year) + " – convocation des adhérents"
    elif v == 2:
        fr = ("Agenda de l'agglo", "agenda@%s-exemple.fr" % slug(R.choice(INTERCOS)[0])[:20])
        lines = []
        dd = d
        for i in range(R.randint(3, 5)):
            cc = R.choice(SMALL)
            lines.append("%s – %s – %s\n%s" % (fmt_date(dd, "Full"), t_str(R.choice([(10, 0), (15, 0), (20, 30), (18, 0)])), cc,
                                            R.choice(["Concert de l'harmonie", "Loto des écoles", "Marché de producteurs", "Exposition photo", "Randonnée des Puys", "Théâtre amateur", "Bourse aux vêtements", "Conférence à la médiathèque"])))
            dd += dt.timedelta(days=R.randint(1, 5))
        text = "Bonjour,\n\nVoici les sorties du mois sur notre territoire :\n\n" + "\n\n".join(lines) + "\n\nVenez nombreux !\n\nGérer mes préférences | Se désabonner"
        subj = "Vos sorties de %s" % MO[d.month - 1]
    elif v == 3:
        fr = ("Mairie " + de_commune(c), "mairie@" + dom)
        text = ("Madame, Monsieur,\n\nLe maire et le conseil municipal ont le plaisir de vous convier, ainsi que toute la population, %s "
                "le %s à %s %s.\n\nCe message est envoyé à l'ensemble des abonnés de la lettre municipale.") % (
            prep_a(R.choice((["la cérémonie des vœux"] if d.month == 1 else []) + ["l'inauguration de la place rénovée", "la réunion publique de quartier"])), fmt_date(d, "noyear"), t_str(t),
            prep_a(R.choice(HALLS)))
        subj = "Invitation à la population"
    elif v == 4:
        d = workday(d, (5,))
        fr = ("Comité des fêtes " + c, "comitedesfetes.%s@%s" % (slug(c)[:10], R.choice(FREEMAIL)))
        text = ("Salut à tous !\n\nLe comité des fêtes vous attend nombreux pour la fête patronale %s les %s %s et %s %s %s : "
                "vide-greniers, bal le samedi à 21h, feu d'artifice le dimanche à 22h30.\n\nFaites tourner !") % (
            de_commune(c), WD[d.weekday()], day_str(d), WD[(d + dt.timedelta(days=1)).weekday()], day_str(d + dt.timedelta(days=1)), MO[(d + dt.timedelta(days=1)).month - 1])
        subj = "Fête patronale !!"
    else:
        fr = ("Office de tourisme", "contact@ot-%s-exemple.fr" % slug(c)[:14])
        text = ("Chers partenaires,\n\nL'office de tourisme vous invite à sa soirée de lancement de la saison le %s à %s. Inscription en ligne.\n\n"
                "Vous recevez ce courriel en tant que partenaire de l'office. Désinscription : lien ci-dessous.") % (fmt_date(d, "full"), t_str(t))
        subj = "Lancement de saison"
    eh = list_headers(fr[0], fr[1].split("@")[1])
    to_raw = R.choice(["undisclosed-recipients:;", "Destinataires inconnus:;", "abonnes@" + fr[1].split("@")[1], "adherents@" + fr[1].split("@")[1]])
    if fr[1].split("@")[1] in FREEMAIL:
        to_raw = R.choice(["undisclosed-recipients:;", "Destinataires inconnus:;"])
    if R.random() < 0.3:
        eh = eh[1:]
    return nonmsg("newsletter", h, fr, subj, text, feats=["mass_mailing", "list_headers"], extra_headers=eh, to_raw=to_raw,
                  html_mode=R.choice(["alt", "html", "alt", "plain"]), notes="mass mailing to the public or members")


# --- webinars and video meetings ----------------------------------------------------------
def n_webinaire():
    h = hdr_any()
    d = h.date() + dt.timedelta(days=R.randint(3, 30))
    while d.weekday() > 4:
        d += dt.timedelta(days=1)
    t = R.choice([(9, 30), (11, 0), (14, 0), (17, 30), (18, 0)])
    te = time_add(t, R.choice([60, 90]))
    topic = R.choice(["la réforme de la DGF", "le zéro artificialisation nette", "les fonds européens LEADER", "la sécurité des élus",
                      "la protection sociale des élus locaux", "l'eau et l'assainissement : transfert de compétence", "France Ruralités"])
    org_name, dom = R.choice([("ANCT", "anct-exemple.fr"), ("Association des maires ruraux", "amrf-exemple.fr"), ("Banque des Territoires", "bdt-exemple.fr"),
                              ("Préfecture du Puy-de-Dôme", "puy-de-dome.gouv-exemple.fr"), ("Groupe parlementaire", "senat-exemple.fr")])
    fr = (org_name, "webinaires@" + dom)
    v = R.randint(0, 3)
    if v < 2:
        text = ("%s\n\nNous avons le plaisir de vous inviter au webinaire consacré à %s, le %s de %s à %s.\n\n"
                "Lien de connexion : https://teams.microsoft.com/l/meetup-join/19%%3ameeting_%08x\nID de réunion : %d %d %d\n\n"
                "Aucune inscription préalable n'est nécessaire.") % (greet(), topic, fmt_date(d, "full"), t_str(t), t_str(te), R.getrandbits(32),
                                                                    R.randint(100, 999), R.randint(100, 999), R.randint(100, 999))
        alt = None
        src = "prose"
        if v == 1:
            ics = make_ics("REQUEST", "%08x@%s" % (R.getrandbits(32), dom), "Webinaire – " + topic, d, t, te, "Réunion Microsoft Teams",
                           (org_name, fr[1]), description="Rejoindre : https://teams.microsoft.com/l/meetup-join/", mode=R.choice(["tz", "utc"]),
                           stamp=dt.datetime.combine(h.date(), dt.time(8, 0)))
            alt = ics_part(ics, "REQUEST")
            src = "ics"
        return nonmsg("webinaire", h, fr, "Webinaire : " + topic, text, source=src, feats=["online_only"], alt=alt, notes="online only, no place")
    p = person()
    fr = (pname(p), "%s@%s" % (email_local(p), dom))
    text = ("%s\n\nJe vous propose une réunion en visioconférence avec les parlementaires du Puy-de-Dôme sur %s le %s à %s (durée 1h). "
            "Le lien Zoom vous sera adressé la veille.\n\n%s\n%s") % (greet(), topic, fmt_date(d, R.choice(["noyear", "full", "num"])), t_str(t), close(), pname(p))
    alt = None
    if v == 3:
        ics = make_ics("REQUEST", "%08x@%s" % (R.getrandbits(32), dom), "Visio parlementaires 63", d, t, te, "Zoom (lien envoyé la veille)",
                       (pname(p), fr[1]), mode="tz", stamp=dt.datetime.combine(h.date(), dt.time(8, 0)))
        alt = ics_part(ics, "REQUEST")
    return nonmsg("webinaire", h, fr, R.choice(["Visio parlementaires", "Réunion en visioconférence", "Visio – " + topic]), text,
                  source="ics" if alt else "prose", feats=["online_only"], alt=alt, notes="video meeting, no place")


# --- press releases and press invitations ----------------------------------------------------
def n_presse():
    h = hdr_any()
    c = R.choice(BIG)
    d = h.date() + dt.timedelta(days=R.randint(1, 15))
    d = workday(d)
    t = R.choice([(10, 0), (11, 0), (14, 30), (17, 0)])
    p = person()
    fr = ("Service communication – Ville " + de_commune(c), "presse@ville-%s-exemple.fr" % slug(c))
    to_raw = "Rédactions <redactions@presse63-exemple.fr>"
    v = R.randint(0, 2)
    if v == 0:
        text = ("INVITATION PRESSE\n\nMesdames et Messieurs les journalistes,\n\n%s, maire %s, tiendra un point presse le %s à %s en mairie "
                "(salle des mariages) pour présenter le budget %d.\n\nContact presse : %s – %s") % (
            pname(p), de_commune(c), fmt_date(d, "full"), t_str(t), d.year, pname(person()), mobile())
        subj = "Invitation presse – point presse du %s" % fmt_date(d, "nowd_noyear")
    elif v == 1:
        text = ("COMMUNIQUÉ DE PRESSE\n%s, le %s\n\nLa ville %s inaugurera le %s à %s son nouveau pôle culturel, en présence des partenaires financeurs. "
                "Les journalistes sont invités à se présenter à l'accueil à %s.\n\nContact presse : %s") % (
            c, fmt_date(h.date(), "nowd"), de_commune(c), fmt_date(d, "full"), t_str(t), t_str(time_add(t, -15)), mobile())
        subj = "CP – inauguration du pôle culturel"
    else:
        org = make_org("company", c)
        fr = org["from"]
        text = ("COMMUNIQUÉ DE PRESSE – pour diffusion immédiate\n\n%s annonce la création de %d emplois sur son site %s d'ici le %s. "
                "Une conférence de presse se tiendra le %s à %s.\n\nContact presse : %s") % (
            org["name"], R.randint(10, 80), de_commune(c), fmt_date(d + dt.timedelta(days=200), "nowd"), fmt_date(d, "full"), t_str(t), org["from"][1])
        subj = "Communiqué de presse – " + org["name"]
    return nonmsg("presse", h, fr, subj, text, feats=["press"], to_raw=to_raw, cc=[("", OFFICE_ADDR)], notes="addressed to the media")


# --- surveys, petitions, relays --------------------------------------------------------------
def n_sondage():
    h = hdr_any()
    dl = h.date() + dt.timedelta(days=R.randint(7, 45))
    v = R.randint(0, 3)
    if v == 0:
        fr = ("Observatoire des territoires", "enquete@observatoire-exemple.fr")
        text = ("%s\n\nDans le cadre de notre étude nationale sur l'engagement des élus, nous vous invitons à répondre à un questionnaire en ligne "
                "(10 minutes) avant le %s.\n\nhttps://enquete-exemple.fr/elus\n\nMerci de votre participation.") % (greet(), fmt_date(dl, "full"))
        subj = "Enquête – engagement des élus"
    elif v == 1:
        p, c, fr = citizen()
        text = ("%s\n\nNous avons lancé une pétition contre la fermeture de la maternité. Le conseil de surveillance se réunira le %s ; "
                "nous voulons remettre les signatures avant. Pouvez-vous la signer et la relayer ?\n\nhttps://petition-exemple.fr/maternite\n\n%s") % (
            greet(), fmt_date(dl, "full"), citizen_sig(p, c))
        subj = "Pétition maternité"
    elif v == 2:
        fr = ("Collectif des usagers du train", "collectif.train63@" + R.choice(FREEMAIL))
        text = ("%s\n\nNous vous invitons à relayer notre appel à témoignages sur les retards de la ligne Clermont-Paris. Les témoignages seront recueillis "
                "jusqu'au %s, puis remis au ministre.\n\nMerci pour votre soutien.") % (greet(), fmt_date(dl, "nowd"))
        subj = "Appel à témoignages"
    else:
        fr = ("Sénat – consultation", "consultation@senat-exemple.fr")
        text = ("Madame la Sénatrice,\n\nLa consultation en ligne des élus locaux sur la simplification des normes est ouverte jusqu'au %s à minuit. "
                "Nous vous remercions de bien vouloir la relayer auprès des maires de votre département.\n\nDivision des études") % fmt_date(dl, "full")
        subj = "Consultation des élus locaux – à relayer"
    return nonmsg("sondage", h, fr, subj, text, feats=["survey_petition"], notes="invitation to reply / sign / relay")


# --- replies to the office's own events ------------------------------------------------------
OFFICE_EVENTS = ["la réunion d'information des maires sur la loi de finances", "les vœux de la Sénatrice", "la rencontre avec les élus du Livradois",
                 "la réunion publique sur la santé", "l'inauguration de la nouvelle permanence parlementaire", "le petit-déjeuner des maires ruraux"]


def n_reponse_office():
    h = hdr_any()
    d = h.date() + dt.timedelta(days=R.randint(2, 25))
    t = R.choice([(9, 0), (11, 0), (18, 0), (18, 30)])
    ev = R.choice(OFFICE_EVENTS)
    c = R.choice(BIG)
    place = "%s %s" % (prep_a(R.choice(HALLS)), de_commune(c))
    office_text = ("Madame, Monsieur le Maire,\n\nClaire Fougerolle, Sénatrice du Puy-de-Dôme, a le plaisir de vous inviter %s qui se tiendra le %s à %s %s.\n\n"
                   "Merci de confirmer votre présence.\n\nLe secrétariat de la permanence") % (prep_a(ev), fmt_date(d, "full"), t_str(t), place)
    odate = h - dt.timedelta(days=R.randint(1, 6), hours=R.randint(0, 5))
    m = R.choice(SMALL)
    p = person()
    fr = (pname(p), mairie_addr(m))
    v = R.randint(0, 4)
    if v == 0:
        rep = "Bonjour,\n\n%s le %s. Merci pour l'invitation.\n\n%s" % (R.choice(["M. le Maire sera présent", "Mme le Maire sera présente", "Je serai présent", "Nous serons présents"]), fmt_date(d, "nowd_noyear"), pname(p))
    elif v == 1:
        rep = "Madame la Sénatrice,\n\nJe vous remercie pour votre invitation mais je ne pourrai malheureusement pas être présent(e) le %s ; je serai représenté(e) par mon premier adjoint.\n\n%s\n%s, maire %s" % (
            fmt_date(d, "noyear"), close(), pname(p), de_commune(m))
    elif v == 2:
        rep = "Bonjour,\n\nNous serons deux (le maire et la secrétaire de mairie). Parking possible à proximité ?\n\nCordialement,\nMairie %s" % de_commune(m)
    elif v == 3:
        rep = "Excusé. Bonne réunion.\n%s" % p["prenom"]
    else:
        uid = "%08x@%s" % (R.getrandbits(32), OFFICE_DOMAIN)
        ics = make_ics("REPLY", uid, cap1(ev), d, t, None, cap1(place[2:]) if place.startswith("à ") else place, ("Claire Fougerolle", OFFICE_ADDR),
                       stamp=dt.datetime.combine(h.date(), dt.time(9, 0)), attendee=False).replace("END:VEVENT", "ATTENDEE;PARTSTAT=ACCEPTED;CN=\"%s\":mailto:%s\r\nEND:VEVENT" % (pname(p), fr[1]))
        text = "%s a accepté votre invitation." % pname(p)
        return nonmsg("reponse-office", h, fr, "Accepté : " + cap1(ev), text, source="ics", feats=["reply_to_office", "ics_reply"],
                      alt=ics_part(ics, "REPLY"), notes="reply to the office's own invitation")
    text = rep + "\n\n" + reply_quote(("Permanence de Claire Fougerolle", OFFICE_ADDR), odate, "Invitation – " + ev, office_text)
    return nonmsg("reponse-office", h, fr, R.choice(["RE: Invitation – ", "Re: ", "RE : "]) + cap1(ev), text, feats=["reply_to_office", "quoted_invitation"],
                  in_reply_to="<%08x.perm@%s>" % (R.getrandbits(32), OFFICE_DOMAIN), notes="reply to the office's own invitation")


# --- subsidy requests describing a future event -----------------------------------------------
def n_subvention():
    h = hdr_any()
    c = R.choice(SMALL)
    d = h.date() + dt.timedelta(days=R.randint(40, 200))
    while d.weekday() != 5:
        d += dt.timedelta(days=1)
    fest = R.choice(["le festival de musique traditionnelle", "le festival du court-métrage", "le salon du livre jeunesse", "le trail des Volcans",
                     "la fête de la transhumance", "le festival de théâtre de rue", "les rencontres de la photographie"])
    org = make_org("asso", c, pool=ASSO_BY_KIND["fete"] + [("l'", "Harmonie municipale"), ("l'", "Amicale laïque"), ("le", "Comité de jumelage")])
    n = R.randint(3, 25)
    text = ("%s\n\nNotre association organise la %de édition %s les %s %s et %s %s %s %s, %s. Plus de %d spectateurs sont attendus.\n\n"
            "Le budget prévisionnel s'élève à %s €. Nous sollicitons votre appui pour obtenir une aide du Département et de la Région, "
            "les dossiers devant être déposés avant le %s.\n\nVous trouverez ci-joint le dossier de présentation.\n\n%s\n%s") % (
        greet(), n, prep_de(fest), WD[d.weekday()], day_str(d), WD[(d + dt.timedelta(days=1)).weekday()], day_str(d + dt.timedelta(days=1)), MO[(d + dt.timedelta(days=1)).month - 1],
        d.year, a_commune(c), R.choice([500, 1500, 3000, 8000]), R.choice(["12 000", "25 000", "48 000", "90 000", "7 500"]),
        fmt_date(h.date() + dt.timedelta(days=R.randint(10, 35)), "nowd"), close(), "\n".join(org["sig"]))
    atts = []
    src = "prose"
    if R.random() < 0.4:
        items = [("%s – DOSSIER DE PRÉSENTATION" % fest.split(" ", 1)[1].upper(), 13, True, "c"), (org["name"], 11, False, "c"), ("", 12, False, "c"),
                 ("Dates : %s et %s" % (fmt_date(d, "Full"), fmt_date(d + dt.timedelta(days=1), "full")), 11, False, "l"),
                 ("Lieu : %s, %s" % (R.choice(HALLS), c), 11, False, "l"), ("Budget prévisionnel et plan de financement en annexe.", 10, False, "l")]
        atts.append(binary_part(make_pdf(items, "A4", title="Dossier"), "application/pdf", "dossier_subvention.pdf"))
        src = "mixed"
    return nonmsg("subvention", h, org["from"], R.choice(["Demande de soutien – " + fest.split(" ", 1)[1], "Sollicitation de subvention", "%de édition %s" % (n, prep_de(fest))]),
                  text, source=src, feats=["subsidy_future_event"], attachments=atts, notes="subsidy request describing its own future event")


# --- public inquiries ---------------------------------------------------------------------------
def n_enquete():
    h = hdr_any()
    c = R.choice(SMALL)
    d1 = workday(h.date() + dt.timedelta(days=R.randint(5, 30)))
    d2 = workday(d1 + dt.timedelta(days=R.randint(28, 35)))
    proj = R.choice(["projet de parc éolien", "révision du plan local d'urbanisme", "projet de carrière", "élaboration du PLUi", "projet de centrale photovoltaïque au sol"])
    perms = []
    dd = d1
    for i in range(3):
        t1 = R.choice([(9, 0), (14, 0)])
        perms.append("- le %s de %s à %s" % (fmt_date(dd, "full"), t_str(t1), t_str(time_add(t1, 180))))
        dd = workday(dd + dt.timedelta(days=R.randint(7, 12)), (0, 1, 2, 3, 4, 5))
    p, cc, fr = citizen()
    v = R.randint(0, 1)
    if v == 0:
        text = ("%s\n\nJe vous signale l'enquête publique sur le %s %s, du %s au %s. Le commissaire enquêteur tiendra des permanences en mairie :\n%s\n\n"
                "Les habitants sont très inquiets. Pouvez-vous nous aider à faire entendre notre voix ?\n\n%s\n%s") % (
            greet(), proj, a_commune(c), fmt_date(d1, "full"), fmt_date(d2, "full"), "\n".join(perms), close(), citizen_sig(p, cc))
        return nonmsg("enquete-publique", h, fr, "Enquête publique – " + proj, text, feats=["public_inquiry"], notes="public inquiry hours")
    fr = ("Mairie " + de_commune(c), mairie_addr(c))
    text = "%s\n\nVeuillez trouver ci-joint l'avis d'enquête publique, pour information.\n\nLe secrétariat de mairie" % greet()
    items = [("AVIS D'ENQUÊTE PUBLIQUE", 14, True, "c"), (cap1(proj) + " – commune " + de_commune(c), 11, False, "c"), ("", 10, False, "c"),
             ("L'enquête se déroulera du %s au %s inclus." % (fmt_date(d1, "full"), fmt_date(d2, "full")), 10, False, "l"),
             ("Le commissaire enquêteur recevra le public en mairie :", 10, False, "l")] + [(x, 10, False, "l") for x in perms]
    return nonmsg("enquete-publique", h, fr, "Avis d'enquête publique", text, source="pdf", feats=["public_inquiry", "pdf"],
                  attachments=[binary_part(make_pdf(items, "A4", compress=True, title="Avis"), "application/pdf", "avis_enquete.pdf")], notes="public inquiry hours")


# --- school closures, strikes, parents' rally, council sessions mentioned for information ----------
def n_ecole():
    h = hdr_any()
    c = R.choice(SMALL)
    d = h.date() + dt.timedelta(days=R.randint(2, 20))
    p, cc, fr = citizen()
    v = R.randint(0, 2)
    if v == 0:
        text = ("%s\n\nL'inspection académique vient de nous annoncer la fermeture d'une classe à l'école %s à la rentrée de septembre %d. "
                "Le conseil d'école s'est réuni le %s et s'y oppose unanimement.\n\n%s\n%s\nParent d'élève élu") % (
            greet(), de_commune(c), d.year if d.month < 9 else d.year + 1, fmt_date(h.date() - dt.timedelta(days=R.randint(2, 10)), "full"), close(), citizen_sig(p, cc))
    elif v == 1:
        d = workday(d)
        text = ("%s\n\nPour information, l'école %s sera fermée le %s en raison d'un mouvement de grève des enseignants ; aucun service minimum "
                "ne pourra être assuré.\n\nCordialement,\nMairie %s") % (greet(), de_commune(c), fmt_date(d, "full"), de_commune(c))
        fr = ("Mairie " + de_commune(c), mairie_addr(c))
    else:
        text = ("%s\n\nLe collège de %s sera fermé du %s au %s pour désamiantage. Les élèves seront accueillis dans des bâtiments modulaires "
                "à partir du %s à 8h.\n\n%s\n%s") % (greet(), c, fmt_date(d, "nowd_noyear"), fmt_date(d + dt.timedelta(days=12), "nowd_noyear"),
                                                    fmt_date(d + dt.timedelta(days=13), "full"), close(), citizen_sig(p, cc))
    return nonmsg("fermeture-ecole", h, fr, R.choice(["Fermeture de classe", "École fermée", "Collège – fermeture"]), text, feats=["school_closure"])


def n_greve():
    h = hdr_any()
    d = h.date() + dt.timedelta(days=R.randint(2, 20))
    t = R.choice([(10, 0), (14, 0), (10, 30)])
    d = workday(d)
    fr = (R.choice(["Intersyndicale 63", "Syndicat CGT Santé 63", "FO Territoriaux", "SNUipp-FSU 63", "CFDT Interco 63"]), "contact@syndicat63-exemple.fr")
    v = R.randint(0, 1)
    if v == 0:
        text = ("%s\n\nNous vous informons du dépôt d'un préavis de grève pour le %s concernant les agents du centre hospitalier de %s. "
                "Une manifestation partira à %s de la place de Jaude à Clermont-Ferrand.\n\nNous vous adressons ci-dessous nos revendications.\n\nLe bureau départemental") % (
            greet(), fmt_date(d, "full"), R.choice(["Thiers", "Riom", "Issoire", "Ambert"]), t_str(t))
    else:
        text = ("%s\n\nLes agents du bureau de poste de %s seront en grève du %s au %s contre la réduction des horaires d'ouverture. "
                "Nous souhaitions que vous en soyez informée.\n\nSalutations syndicales") % (greet(), R.choice(BIG), fmt_date(d, "full"), fmt_date(d + dt.timedelta(days=2), "full"))
    return nonmsg("greve", h, fr, R.choice(["Préavis de grève", "Mouvement de grève du %s" % fmt_date(d, "num"), "Information grève"]), text, feats=["strike"])


def n_parents():
    h = hdr_any()
    c = R.choice(SMALL)
    d = h.date() + dt.timedelta(days=R.randint(2, 12))
    while d.weekday() > 4:
        d += dt.timedelta(days=1)
    p, cc, fr = citizen()
    text = ("%s\n\nPour votre information, les parents d'élèves de l'école %s organisent un rassemblement devant l'établissement le %s à 8h15, "
            "contre la fermeture de la classe de CM1. La presse locale a été prévenue.\n\nNous tenions à ce que vous en soyez informée.\n\n%s\n%s\nFCPE %s") % (
        greet(), de_commune(c), fmt_date(d, "full"), close(), pname(p), c)
    return nonmsg("rassemblement-parents", h, fr, "Mobilisation des parents – école " + de_commune(c), text, feats=["rally_info"], notes="parents' rally mentioned for information")


def n_seance():
    h = hdr_any()
    c = R.choice(SMALL)
    d = workday(h.date() + dt.timedelta(days=R.randint(3, 25)))
    t = R.choice([(18, 30), (20, 0), (20, 30)])
    p = person()
    fr = (pname(p), mairie_addr(c))
    v = R.randint(0, 1)
    if v == 0:
        text = ("%s\n\nPour information, le prochain conseil municipal se tiendra le %s à %s en salle du conseil. L'ordre du jour comprend le vote "
                "du budget primitif et la demande de subvention pour la réfection de l'église, dossier sur lequel nous sollicitons votre appui.\n\n"
                "%s\n%s, maire %s") % (greet(), fmt_date(d, "full"), t_str(t), close(), pname(p), de_commune(c))
    else:
        fr = ("Conseil départemental du Puy-de-Dôme", "assemblee@puydedome-exemple.fr")
        text = ("Madame la Sénatrice,\n\nNous vous informons que la prochaine session de l'Assemblée départementale aura lieu le %s à %s à l'Hôtel du Département. "
                "Les débats seront retransmis en direct sur le site internet du Département.\n\nLe service de l'Assemblée") % (fmt_date(d, "full"), t_str((9, 30)))
    return nonmsg("seance-publique", h, fr, R.choice(["Prochain conseil municipal", "Session de l'Assemblée départementale", "Pour information – conseil du %s" % fmt_date(d, "num")]),
                  text, feats=["future_session_info"], notes="future public council session mentioned for information")


# --- ordinary requests mentioning a date in passing ------------------------------------------------
def n_demande():
    h = hdr_any()
    p, c, fr = citizen()
    d_past = h.date() - dt.timedelta(days=R.randint(5, 300))
    d_fut = h.date() + dt.timedelta(days=R.randint(5, 120))
    v = R.randint(0, 7)
    texts = [
        "Mon fils est convoqué devant le tribunal administratif le %s à 14h pour son titre de séjour. Pouvez-vous appuyer son dossier auprès de la préfecture ?" % fmt_date(d_fut, "full"),
        "Depuis le %s, ma pension de réversion n'est plus versée. J'ai appelé la caisse dix fois. Je n'ai plus de quoi payer mon loyer." % fmt_date(d_past, "nowd"),
        "J'ai rendez-vous à l'hôpital le %s pour une opération, mais le transport sanitaire m'est refusé. Pouvez-vous m'aider ?" % fmt_date(d_fut, "noyear"),
        "Nous avons assisté à la réunion publique du %s %s sur le projet de carrière et nous sommes très inquiets." % (fmt_date(d_past, "nowd_noyear"), a_commune(c)),
        "Ma fille passe le concours d'infirmière le %s et n'a toujours pas reçu sa convocation. Qui contacter ?" % fmt_date(d_fut, "full"),
        "Nous emménageons %s le %s et l'école refuse d'inscrire nos enfants avant cette date. Est-ce normal ?" % (a_commune(R.choice(BIG)), fmt_date(d_fut, "nowd")),
        "Le permis de construire déposé le %s n'a toujours pas été instruit. Le délai légal est dépassé." % fmt_date(d_past, "nowd"),
        "Mon père, ancien combattant d'Algérie, est décédé le %s. Les obsèques ont eu lieu %s. La carte de combattant ne lui a jamais été remise ; la famille voudrait au moins le diplôme." % (
            fmt_date(d_past, "nowd"), a_commune(c)),
    ]
    text = "%s\n\n%s\n\n%s\n%s" % (greet(), texts[v], close(), citizen_sig(p, c))
    return nonmsg("demande", h, fr, R.choice(["Demande d'aide", "Sollicitation", "Mon dossier", "Besoin d'aide svp", "Question", "Intervention"]),
                  text, feats=["date_in_passing"])


def n_compte_rendu():
    h = hdr_any()
    d = workday_back(h.date() - dt.timedelta(days=R.randint(2, 25)))
    t = R.choice([(9, 30), (14, 0), (18, 0)])
    fr = (R.choice(["Sous-préfecture de Thiers", "Sous-préfecture d'Issoire", "Sous-préfecture de Riom", "Sous-préfecture d'Ambert"]), "sp-secretariat@puy-de-dome.gouv-exemple.fr")
    text = ("Madame la Sénatrice,\n\nVous trouverez ci-joint le relevé de décisions de la réunion du %s (%s, salle de réunion de la sous-préfecture) "
            "consacrée au plan de prévention des inondations.\n\nLa prochaine réunion sera programmée ultérieurement.\n\nLe secrétariat") % (fmt_date(d, "full"), t_str(t))
    items = [("RELEVÉ DE DÉCISIONS", 14, True, "c"), ("Réunion du %s – %s" % (fmt_date(d, "full"), t_str(t)), 11, False, "c"), ("", 10, False, "c"),
             ("Présents : les maires des communes riveraines, les services de l'État, la DDT.", 10, False, "l"),
             ("1. Le calendrier des travaux est validé : début prévu le %s." % fmt_date(h.date() + dt.timedelta(days=R.randint(30, 90)), "nowd"), 10, False, "l"),
             ("2. Les prochaines réunions publiques seront annoncées par voie de presse.", 10, False, "l")]
    return nonmsg("compte-rendu", h, fr, "Relevé de décisions – réunion du %s" % fmt_date(d, "num"), text, source="mixed", feats=["report_after_meeting", "pdf"],
                  attachments=[binary_part(make_pdf(items, "A4", compress=R.random() < 0.5, title="Releve"), "application/pdf", "releve_decisions.pdf")],
                  notes="report after a meeting")


def n_relance():
    h = hdr_any()
    d = h.date() - dt.timedelta(days=R.randint(20, 120))
    p, c, fr = citizen()
    text = ("%s\n\nJe me permets de revenir vers vous suite à mon courrier du %s, resté sans réponse à ce jour. La situation ne s'est pas améliorée "
            "depuis et la date d'expulsion est fixée au %s.\n\n%s\n%s") % (greet(), fmt_date(d, R.choice(["nowd", "full"])),
                                                                        fmt_date(h.date() + dt.timedelta(days=R.randint(10, 60)), "nowd"), close(), citizen_sig(p, c, True))
    return nonmsg("relance", h, fr, R.choice(["Relance", "2e relance – mon courrier du %s" % fmt_date(d, "num"), "Toujours sans réponse"]), text, feats=["follow_up"])


def n_agenda_interne():
    h = hdr_any()
    while h.weekday() != 4:
        h += dt.timedelta(days=1)
    n, a, role = R.choice(STAFF)
    mon = h.date() + dt.timedelta(days=3)
    lines = []
    for i in range(R.randint(3, 6)):
        d = mon + dt.timedelta(days=R.randint(0, 5))
        lines.append("%s – %s : %s (%s)" % (fmt_date(d, "Full").rsplit(" ", 1)[0], t_str(rt()), R.choice(["RDV maire", "Inauguration", "Commission", "Permanence", "AG", "Visite"]), R.choice(BIG)))
    lines.sort()
    text = "Claire,\n\nVoici ton agenda de la semaine prochaine (confirmé) :\n\n" + "\n".join(lines) + "\n\nBon week-end,\n" + n.split()[0]
    return nonmsg("agenda-interne", header_time(h.date()), (n, a), "Agenda semaine du %s" % fmt_date(mon, "num"), text, feats=["internal_schedule"],
                  to=[SENATOR_PERSONAL], notes="the office's own weekly schedule, nobody invites")


NON_GENERATORS = {
    "deadline": (n_deadline, 24), "conseil-passe": (n_conseil_passe, 20), "decret": (n_decret, 16), "travaux": (n_travaux, 20),
    "coupure": (n_coupure, 12), "rdv": (n_rdv, 32), "remerciement": (n_remerciement, 26), "annulation": (n_annulation, 16),
    "newsletter": (n_newsletter, 32), "webinaire": (n_webinaire, 18), "presse": (n_presse, 14), "sondage": (n_sondage, 12),
    "reponse-office": (n_reponse_office, 18), "subvention": (n_subvention, 15), "enquete-publique": (n_enquete, 10),
    "fermeture-ecole": (n_ecole, 8), "greve": (n_greve, 8), "rassemblement-parents": (n_parents, 6), "seance-publique": (n_seance, 8),
    "demande": (n_demande, 24), "compte-rendu": (n_compte_rendu, 8), "relance": (n_relance, 8), "agenda-interne": (n_agenda_interne, 3),
}


def forward_non(m):
    """Wrap a non-invitation into a forward (the dates then sit in the forwarded part)."""
    n, a, role = R.choice(STAFF)
    fwd_date = m["date"] + dt.timedelta(hours=R.randint(1, 72))
    if fwd_date.date() > WINDOW_END:
        fwd_date = m["date"] + dt.timedelta(minutes=30)
    # recover the original plain text from the spec's mime
    txt = mime_plain(m["mime"])
    style = R.choice(["outlook", "gmail", "thunderbird", "apple"])
    orig = {"from": m["from"], "date": m["date"], "subject": m["subject"], "to_display": OFFICE_ADDR}
    comment = R.choice(["Pour info.", "Claire, pour information — rien à faire de notre côté je pense.", "À classer.", "Vu ce matin, je te le transmets.", ""])
    text = "\n\n".join(x for x in [comment, n.split()[0]] if x) + "\n\n" + fwd_block(style, orig, txt)
    body, bf = body_mime(text, ())
    m2 = dict(m)
    m2.update({"date": fwd_date, "from": (n, a), "to": [("", OFFICE_ADDR)], "subject": "TR: " + m["subject"], "mime": body,
               "extra_headers": [], "to_raw": None, "cc": [], "in_reply_to": None})
    m2["truth"] = dict(m["truth"])
    m2["truth"]["source"] = "forward"
    m2["truth"]["features"] = sorted(set(m["truth"]["features"]) | {"forward_" + style})
    return m2


def mime_plain(p):
    if p.parts is not None:
        for sp in p.parts:
            t = mime_plain(sp)
            if t:
                return t
        return ""
    if p.ctype == "text/plain":
        cte = dict(p.headers).get("Content-Transfer-Encoding")
        raw = p.body
        if cte == "base64":
            raw = base64.decodebytes(raw)
        elif cte == "quoted-printable":
            raw = quopri.decodestring(raw)
        return raw.decode(dict(p.params)["charset"])
    if p.ctype == "text/html":
        cte = dict(p.headers).get("Content-Transfer-Encoding")
        raw = p.body
        if cte == "base64":
            raw = base64.decodebytes(raw)
        elif cte == "quoted-printable":
            raw = quopri.decodestring(raw)
        return html_to_text(raw.decode(dict(p.params)["charset"])).strip()
    return ""

# ---------------------------------------------------------------------------
# The plan of invitations
# ---------------------------------------------------------------------------
KIND_WEIGHTS = {"inauguration": 22, "premiere-pierre": 5, "voeux": 14, "ceremonie": 20, "ag": 15, "comice": 5, "congres-maires": 4,
                "sainte-barbe": 8, "decoration": 7, "fete": 9, "entreprise": 8, "culture": 10, "ecole": 6, "repas": 6, "jumelage": 3,
                "visite": 5, "colloque": 6}
FLAG_KINDS = {
    "title_date": ["ceremonie"], "two_rev": ["ceremonie", "ceremonie", "ag"], "two": ["inauguration", "fete", "ag", "culture", "sainte-barbe", "voeux", "repas"],
    "span": ["comice", "fete", "jumelage", "colloque", "comice", "fete"], "ambig_commune": ["colloque", "ag", "voeux"],
    "save_the_date": ["congres-maires", "comice", "fete", "jumelage"], "report": ["inauguration", "ag", "culture", "fete", "decoration"],
    "multi_guest": ["inauguration", "premiere-pierre", "voeux", "ceremonie", "visite"], "visio_too": ["colloque"],
    "informal": ["inauguration", "fete", "repas", "ag", "culture", "voeux"], "programme": ["ceremonie", "congres-maires", "sainte-barbe", "ag"],
    "no_time": ["fete", "culture", "entreprise", "ecole"],
    "prochain": ["inauguration", "ag", "culture", "repas", "fete", "decoration", "entreprise", "visite"],
}
OUTSIDE_SPECS = [
    {"outside": "Paris", "kind": "congres-maires", "np": "la soirée des élus du Puy-de-Dôme organisée en marge du Congrès des maires de France",
     "short": "Soirée des élus 63 – Paris", "lead": (20, 80), "venue": ("la brasserie Le Cantal", "12 rue de la Convention", "75015"),
     "times": [(19, 0), (19, 30)], "days": [1, 2], "months": [11]},
    {"outside": "Paris", "kind": "culture", "stype": "asso", "np": "la remise du prix de l'Engagement associatif au Sénat", "short": "Prix – Palais du Luxembourg", "times": [(18, 0), (18, 30)], "days": [0, 1, 2, 3],
     "venue": ("le Palais du Luxembourg, salle Clemenceau", "15 rue de Vaugirard", "75006")},
    {"outside": "Vichy", "kind": "colloque", "stype": "asso", "np": "les Rencontres du thermalisme Auvergne-Rhône-Alpes", "short": "Rencontres du thermalisme", "times": [(9, 0), (9, 30), (14, 0)], "days": [3, 4],
     "pool": [("l'", "Association des curistes"), ("l'", "Association Santé Ruralité")]},
    {"outside": "Lyon", "kind": "culture", "stype": "chambre", "np": "la cérémonie régionale des Trophées de l'agriculture", "short": "Trophées – Lyon",
     "times": [(18, 0), (18, 30)], "days": [2, 3, 4]},
    {"outside": "Moulins", "kind": "culture", "stype": "asso", "np": "le vernissage de l'exposition « Costumes d'Auvergne »", "short": "Vernissage – Moulins", "times": [(18, 0), (18, 30)], "days": [4, 5],
     "pool": [("l'", "Association Patrimoine et Histoire")]},
]


def date_features(s):
    """How the first event's date is written (from the evidence string actually used)."""
    if not s:
        return set()
    f = set()
    s0 = s.lower()
    has_year = re.search(r"\d{4}|/\d{2}$", s0) is not None
    if "prochain" in s0:
        f |= {"prochain", "year_omitted"}
    elif re.fullmatch(r"[a-z]+ \d{1,2}(er)?", strip_accents(s0)):
        f |= {"month_omitted", "year_omitted"}
    elif "/" in s0:
        f.add("numeric_date")
        if not has_year:
            f.add("year_omitted")
    elif not has_year:
        f.add("year_omitted")
    for mo in ("février", "août", "décembre"):
        if strip_accents(mo) in s0 and mo not in s0:
            f.add("no_accents")
    return f


def build_plan():
    slots = []

    def add(source, flags, n=1, **kw):
        for _ in range(n):
            slots.append(dict(source=source, flags=list(flags), **kw))
    # forced features
    add("prose", ["prochain"], 4)
    add("prose", ["nomonth"], 3)
    add("forward", ["nomonth"], 1)
    add("prose", ["numeric"], 9)
    add("forward", ["numeric"], 2)
    add("pdf", ["yearless"], 3)
    add("prose", ["yearless"], 10)
    add("ics", ["yearless"], 2)
    add("prose", ["mismatch"], 4)
    add("pdf", ["mismatch"], 1)
    add("forward", ["mismatch"], 1)
    add("prose", ["title_date"], 3)
    add("prose", ["two"], 7)
    add("forward", ["two"], 1)
    add("mixed", ["two"], 2, mixed="programme")
    add("prose", ["two_rev"], 3)
    add("forward", ["two_rev"], 1)
    add("prose", ["span"], 6)
    add("pdf", ["span"], 2)
    add("ics", ["span"], 2)
    add("mixed", ["span"], 1, mixed="repeat")
    add("forward", ["span"], 1)
    add("prose", ["programme"], 5)
    add("pdf", ["programme"], 2)
    add("forward", ["programme"], 1)
    add("prose", ["implied"], 13)
    add("pdf", ["implied"], 4)
    add("mixed", ["implied"], 2)
    add("forward", ["implied"], 2)
    add("ics", ["implied"], 1)
    add("prose", ["differs"], 9)
    add("pdf", ["differs"], 2)
    add("ics", ["differs"], 2)
    add("forward", ["differs"], 2)
    add("mixed", ["differs"], 1)
    add("prose", ["informal"], 6)
    add("forward", ["informal"], 2)
    add("prose", ["multi_guest"], 5)
    add("prose", ["report"], 3)
    add("forward", ["report"], 1)
    add("prose", ["save_the_date"], 3)
    add("prose", ["visio_too"], 2)
    add("prose", ["no_time"], 3)
    add("ics", ["no_time"], 2)
    add("ics", ["ics_utc"], 7)
    add("ics", ["ics_utc", "differs"], 1)
    add("prose", ["ambig_time"], 2)
    add("prose", ["ambig_date"], 1)
    add("forward", ["ambig_date"], 1)
    add("prose", ["ambig_subject"], 1)
    add("mixed", ["ambig_card"], 1, mixed="disagree")
    add("prose", ["ambig_commune"], 1)
    for o in OUTSIDE_SPECS:
        s = dict(o)
        slots.append(dict(source=R.choice(["prose", "prose", "pdf", "ics", "forward"]), flags=["outside"], **s))
    # plain ones to reach the target per source
    target = {"prose": 100, "pdf": 30, "ics": 25, "forward": 30, "mixed": 17}
    have = {}
    for s in slots:
        have[s["source"]] = have.get(s["source"], 0) + 1
    for src, n in target.items():
        for _ in range(max(0, n - have.get(src, 0))):
            slots.append(dict(source=src, flags=[]))
    kinds = list(KIND_WEIGHTS)
    weights = [KIND_WEIGHTS[k] for k in kinds]
    for s in slots:
        if "kind" in s:
            continue
        fk = [f for f in s["flags"] if f in FLAG_KINDS]
        if fk:
            s["kind"] = R.choice(FLAG_KINDS[fk[0]])
        else:
            s["kind"] = R.choices(kinds, weights)[0]
        if s["kind"] == "ceremonie" and "two_rev" in s["flags"]:
            s["which"] = "11nov"
            s["lead"] = (14, 60)
        if s["kind"] == "ceremonie" and "title_date" in s["flags"]:
            s["which"] = R.choice(["8mai", "11nov", "14juil"])
        if "two_rev" in s["flags"]:
            s.setdefault("lead", (14, 60))
        if s["source"] == "forward":
            s["inner"] = "pdf" if R.random() < 0.3 and not ({"informal", "ambig_date", "two", "two_rev", "report", "nomonth", "numeric", "mismatch"} & set(s["flags"])) else "prose"
        if s["source"] == "mixed" and "mixed" not in s:
            s["mixed"] = R.choice(["repeat", "details_on_card", "repeat"])
        if "save_the_date" in s["flags"]:
            s["lead"] = (60, 200)
        if s["kind"] == "congres-maires":
            s.setdefault("lead", (20, 90))
    R.shuffle(slots)
    styles = ["outlook", "outlook2", "gmail", "thunderbird", "apple", "quoted", "rfc822", "rfc822"]
    i = 0
    for s in slots:
        if s["source"] == "forward":
            s["fwd"] = styles[i % len(styles)]
            i += 1
    return slots


def make_invitation_message(spec):
    fl = set(spec["flags"])
    ctx = make_invitation(spec)
    e = ctx["e"]
    k = ctx["k"]
    if spec.get("np"):
        e["np"] = spec["np"]
        e["title"] = spec.get("short", e["title"])
    if "ambig_time" in fl:
        t1 = e["start"] or (10, 0)
        t2 = time_add(t1, 30)
        e["amb_times"] = (fmt_time(t1, "h"), fmt_time(t2, "h"))
        e["start"] = None
        e["time_stated"] = True
    if "ambig_date" in fl:
        e["alt_date"] = e["date"] + dt.timedelta(days=7)
        if e["date_style"] in ("prochain", "nomonth", "title"):
            e["date_style"] = "full"
    if "report" in fl:
        ctx["old_date"] = e["date"] - dt.timedelta(days=7 * R.randint(1, 3))
        nh = ctx["old_date"] - dt.timedelta(days=R.randint(2, 12))
        if nh < WINDOW_START:
            nh = WINDOW_START
        ctx["hdr"] = header_time(nh)
        ctx["feats"].add("postponement_new_date")
    if "ambig_card" in fl:
        if e["start"] is None or e.get("programme"):
            e["start"] = (11, 0)
            e["programme"] = None
        ctx["card_time"] = time_add(e["start"], 30)
    m = finalize_invitation(ctx)
    ctx = m["ctx"]
    notes = list(ctx["notes_msg"])
    if "ambig_subject" in fl:
        wrong = e["date"] - dt.timedelta(days=7)
        m["subject"] = "Invitation – %s – %s" % (e["title"], fmt_date(wrong, "nowd_noyear"))
        e["ambiguous"] = True
        notes.append("subject and body disagree on the date: body's date recorded")
    if "ambig_card" in fl:
        e["ambiguous"] = True
        e["label_start_null"] = True
    events = []
    for x in ctx["events"]:
        dd = ev_dict(x, ctx["org"])
        if x.get("label_start_null"):
            dd["start"] = None
            dd["end"] = None
            dd["all_day"] = False
        events.append(dd)
    events.sort(key=lambda y: (y["date"], y["start"] or ""))
    feats = set(ctx["feats"]) - {"year_omitted", "numeric_date", "no_accents", "prochain", "month_omitted"}
    feats |= date_features(m["evid"].get("date"))
    if "ics_only_details" in feats:
        feats -= {"time_range", "block_layout", "programme", "date_in_title"}
    if e.get("ambiguous"):
        feats.add("ambiguous")
    m["truth"] = {"invitation": True, "events": events, "source": spec["source"], "notes": "; ".join(notes) or None,
                  "category": "inv:" + ctx["kind"], "features": sorted(feats)}
    m["check"] = {"evid": m["evid"], "mode": ctx["mode"], "orig_date": ctx.get("orig_date"), "mismatch": e.get("wd_written") is not None}
    return m


# ---------------------------------------------------------------------------
# Self-check: re-read every file with the email package
# ---------------------------------------------------------------------------
import email  # noqa: E402
import email.policy  # noqa: E402
import email.utils  # noqa: E402

MONTHS_NA = [strip_accents(x) for x in MO]
WD_RE = "|".join(WD)


def collect_text(msg):
    out = [str(msg["subject"] or "")]
    for part in msg.walk():
        ct = part.get_content_type()
        if ct == "message/rfc822":
            inner = part.get_payload(0)
            out.append(str(inner["subject"] or ""))
            continue
        if part.is_multipart():
            continue
        if ct == "text/plain":
            out.append(part.get_content())
        elif ct == "text/html":
            out.append(html_to_text(part.get_content()))
        elif ct in ("text/calendar", "application/ics"):
            c = part.get_payload(decode=True).decode("utf-8")
            out.append(re.sub(r"\r?\n[ \t]", "", c).replace("\r\n", "\n"))
        elif ct == "application/pdf":
            out.append(pdf_text(part.get_payload(decode=True)))
    return "\n".join(out)


def norm(s):
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ").replace("\u202f", " "))


def next_dm(day, month, ref):
    for y in (ref.year, ref.year + 1):
        try:
            c = dt.date(y, month, day)
        except ValueError:
            continue
        if c > ref:
            return c
    return None


def resolve_date(s, ref):
    s0 = strip_accents(s.lower())
    m = re.search(r"(%s) prochain" % WD_RE, s0)
    if m:
        return next_weekday_after(ref, WD.index(m.group(1)))
    m = re.search(r"(\d{1,2})(?:er)?\s+(?:(?:et|au)\s+(?:[a-z]+\s+)?\d{1,2}(?:er)?\s+)?(%s)(?:\s+(\d{4}))?" % "|".join(MONTHS_NA), s0)
    if m:
        day, mo = int(m.group(1)), MONTHS_NA.index(m.group(2)) + 1
        if m.group(3):
            return dt.date(int(m.group(3)), mo, day)
        return next_dm(day, mo, ref)
    m = re.search(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?", s0)
    if m:
        day, mo = int(m.group(1)), int(m.group(2))
        if m.group(3):
            y = int(m.group(3))
            return dt.date(y if y > 100 else 2000 + y, mo, day)
        return next_dm(day, mo, ref)
    m = re.fullmatch(r"(%s) (\d{1,2})(?:er)?" % WD_RE, s0.strip())
    if m:
        day = int(m.group(2))
        c = ref + dt.timedelta(days=1)
        while c.day != day:
            c += dt.timedelta(days=1)
        return c
    return None


def resolve_time(s):
    s0 = s.lower()
    if "midi" in s0:
        return (12, 0)
    m = re.search(r"(\d{1,2})\s*(?:heures?|h|:)\s*(\d{2})?", s0)
    if m:
        return (int(m.group(1)), int(m.group(2) or 0))
    return None


def commune_of(s):
    key = strip_accents(s).lower().replace("-", " ").replace("'", " ").strip()
    key = re.sub(r"^(le|la|les) ", "", key)
    for name in COMMUNES:
        for a in alias_list(name) + [name]:
            k2 = re.sub(r"^(le|la|les) ", "", strip_accents(a).lower().replace("-", " ").replace("'", " "))
            if k2 == key:
                return CODE[name]
    return None


def alias_in_text(code, text):
    t = strip_accents(text).lower()
    for name, c in CODE.items():
        if c == code:
            for a in alias_list(name) + [name]:
                a2 = re.sub(r"^(Le|La|Les) ", "", a)
                if strip_accents(a).lower() in t or strip_accents(a2).lower() in t:
                    return True
    return False


def ics_first(text):
    m = re.search(r"BEGIN:VEVENT.*?DTSTART(;TZID=Europe/Paris)?(;VALUE=DATE)?:(\d{8})(T(\d{2})(\d{2})\d{2}(Z)?)?", text, re.S)
    if not m:
        return None
    d = dt.datetime.strptime(m.group(3), "%Y%m%d").date()
    if not m.group(4):
        return d, None
    t = (int(m.group(5)), int(m.group(6)))
    if m.group(7):
        u = dt.datetime.combine(d, dt.time(*t))
        for off in (1, 2):
            loc = u + dt.timedelta(hours=off)
            if paris_offset_hours(loc) == off:
                return loc.date(), (loc.hour, loc.minute)
    return d, t


def weekday_errors(text, ref):
    """Written weekday + date pairs that disagree with the calendar."""
    t = strip_accents(norm(text).lower())
    errs = []
    for m in re.finditer(r"\b(%s)\s+(?:le\s+)?(\d{1,2})(?:er)?\s+(%s)(?:\s+(\d{4}))?" % (WD_RE, "|".join(MONTHS_NA)), t):
        wd, day, mo = WD.index(m.group(1)), int(m.group(2)), MONTHS_NA.index(m.group(3)) + 1
        years = [int(m.group(4))] if m.group(4) else [ref.year - 1, ref.year, ref.year + 1]
        ok = False
        for y in years:
            try:
                c = dt.date(y, mo, day)
            except ValueError:
                continue
            if c.weekday() == wd and (m.group(4) or abs((c - ref).days) < 330):
                ok = True
        if not ok:
            errs.append(m.group(0))
    for m in re.finditer(r"\b(%s)\s+(\d{1,2})/(\d{1,2})(?:/(\d{4}))?" % WD_RE, t):
        wd, day, mo = WD.index(m.group(1)), int(m.group(2)), int(m.group(3))
        years = [int(m.group(4))] if m.group(4) else [ref.year, ref.year + 1]
        if not any(dt.date(y, mo, day).weekday() == wd for y in years):
            errs.append(m.group(0))
    return errs


def self_check(outdir, records):
    problems = []
    for rec in records:
        path = os.path.join(outdir, "cur", rec["truth"]["file"])
        with open(path, "rb") as f:
            raw = f.read()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        tr = rec["truth"]
        if msg["Message-ID"] != tr["message_id"]:
            problems.append((tr["file"], "message-id"))
        hd = email.utils.parsedate_to_datetime(msg["Date"])
        local = (hd.astimezone(dt.timezone.utc).replace(tzinfo=None))
        local = local + dt.timedelta(hours=paris_offset_hours(local + dt.timedelta(hours=1)))
        ref = local.date()
        if not (WINDOW_START <= ref <= WINDOW_END):
            problems.append((tr["file"], "date header out of window %s" % ref))
        text = collect_text(msg)
        ntext = norm(text)
        errs = weekday_errors(text, ref)
        if tr["invitation"]:
            evs = tr["events"]
            first = evs[0]
            if [(x["date"], x["start"] or "") for x in evs] != sorted((x["date"], x["start"] or "") for x in evs):
                problems.append((tr["file"], "events not sorted"))
            fd = dt.date.fromisoformat(first["date"])
            if not (0 < (fd - ref).days < 300):
                problems.append((tr["file"], "first event %s not within 300 days after header %s" % (fd, ref)))
            od = rec["check"].get("orig_date")
            if od and not (0 < (fd - od.date()).days < 300):
                problems.append((tr["file"], "first event vs forwarded original date"))
            for x in evs:
                if x["all_day"] and (x["start"] is not None or x["ambiguous"]):
                    problems.append((tr["file"], "all_day inconsistent"))
                if x["start"] is None and not x["ambiguous"] and not x["all_day"]:
                    problems.append((tr["file"], "no start, not ambiguous, not all_day"))
            if first["ambiguous"] and not tr["notes"]:
                problems.append((tr["file"], "ambiguous without notes"))
            ev = rec["check"]["evid"]
            if ev.get("ics"):
                got = ics_first(text)
                if got is None or got[0] != fd or hhmm(got[1]) != first["start"]:
                    problems.append((tr["file"], "ics DTSTART %s vs label %s %s" % (got, fd, first["start"])))
                loc = re.search(r"LOCATION:(.*)", text)
                if first["commune_code"] and not (loc and alias_in_text(first["commune_code"], loc.group(1)) or alias_in_text(first["commune_code"], text)):
                    problems.append((tr["file"], "ics location commune"))
            elif not first["ambiguous"] or "subject and body" in (tr["notes"] or ""):
                ds = ev.get("date")
                if not ds or norm(ds).lower() not in ntext.lower():
                    problems.append((tr["file"], "date evidence %r not in text" % ds))
                else:
                    rd = resolve_date(ds, ref)
                    if rd != fd:
                        problems.append((tr["file"], "date evidence %r resolves to %s, label %s" % (ds, rd, fd)))
                ts = ev.get("time")
                if first["start"] is None:
                    if ts and not first["ambiguous"]:
                        problems.append((tr["file"], "time evidence but label null"))
                elif not ts or norm(ts).lower() not in ntext.lower() or hhmm(resolve_time(ts)) != first["start"]:
                    problems.append((tr["file"], "time evidence %r vs label %s" % (ts, first["start"])))
            if first["commune_code"] and not ev.get("ics"):
                cs = ev.get("commune")
                if cs:
                    if norm(cs).lower() not in ntext.lower() or commune_of(cs) != first["commune_code"]:
                        problems.append((tr["file"], "commune evidence %r vs %s" % (cs, first["commune_code"])))
                elif not alias_in_text(first["commune_code"], text):
                    problems.append((tr["file"], "implied commune %s not named anywhere" % first["commune_code"]))
            mism = any(x["weekday_mismatch"] for x in evs)
            if mism and not errs:
                problems.append((tr["file"], "labelled weekday mismatch not found in text"))
            if not mism and errs:
                problems.append((tr["file"], "weekday disagreement %r" % errs))
        else:
            if tr["events"]:
                problems.append((tr["file"], "non-invitation with events"))
            if errs:
                problems.append((tr["file"], "weekday disagreement %r" % errs))
            if not re.search(r"\d{1,2}(er)?\s+(%s)|\d{1,2}/\d{1,2}|DTSTART" % "|".join(MO + MONTHS_NA), ntext, re.I):
                problems.append((tr["file"], "non-invitation without a date"))
        for key in ("file", "message_id", "invitation", "events", "source", "notes", "category", "features"):
            if key not in tr:
                problems.append((tr["file"], "missing key " + key))
    return problems


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "fixtures", "agenda-eval2"))
    ap.add_argument("--verify-cog", help="communes.json of @etalab/decoupage-administratif: check every INSEE code")
    args = ap.parse_args()
    out = os.path.normpath(args.out)

    if args.verify_cog:
        with open(args.verify_cog, encoding="utf-8") as f:
            cog = json.load(f)
        by = {(x["nom"], x["code"]) for x in cog if x.get("type") == "commune-actuelle"}
        bad = [(n, c) for n, (c, _) in COMMUNES.items() if (n, c) not in by]
        if bad:
            sys.exit("INSEE codes not found in COG: %r" % bad)
        print("all %d commune codes verified against %s" % (len(COMMUNES), args.verify_cog))

    msgs = []
    for spec in build_plan():
        msgs.append(make_invitation_message(spec))
    for cat, (fn, n) in NON_GENERATORS.items():
        for _ in range(n):
            m = fn()
            if R.random() < 0.08 and m["truth"]["source"] == "prose" and cat not in ("newsletter", "reponse-office", "agenda-interne"):
                m = forward_non(m)
            msgs.append(m)
    # file names in chronological order
    msgs.sort(key=lambda m: (epoch(m["date"]), m["subject"]))
    if os.path.isdir(out):
        for sub in ("cur", "new", "tmp"):
            shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    records = []
    for i, m in enumerate(msgs, 1):
        m["message_id"] = message_id(m["from"][1], m["date"])
        fname = "%d.M%04dP5151.agenda-eval2:2,S" % (epoch(m["date"]), i)
        data = build_bytes(m)
        with open(os.path.join(out, "cur", fname), "wb") as f:
            f.write(data)
        t = m["truth"]
        truth = {"file": fname, "message_id": m["message_id"], "invitation": t["invitation"], "events": t["events"],
                 "source": t["source"], "notes": t["notes"], "category": t["category"], "features": t["features"]}
        records.append({"truth": truth, "check": m.get("check", {})})
    with open(os.path.join(out, "truth.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r["truth"], ensure_ascii=False) + "\n")
    write_source_md(out, records)
    problems = self_check(out, records)
    n_inv = sum(1 for r in records if r["truth"]["invitation"])
    print("%d messages: %d invitations, %d non-invitations -> %s" % (len(records), n_inv, len(records) - n_inv, out))
    if problems:
        for p in problems:
            print("SELF-CHECK:", *p)
        sys.exit("%d self-check problems" % len(problems))
    print("self-check passed")


def write_source_md(out, records):
    from collections import Counter
    inv = [r["truth"] for r in records if r["truth"]["invitation"]]
    non = [r["truth"] for r in records if not r["truth"]["invitation"]]
    src_i = Counter(t["source"] for t in inv)
    src_n = Counter(t["source"] for t in non)
    cat = Counter(r["truth"]["category"] for r in records)
    feats = Counter(f for t in inv for f in t["features"])
    amb = sum(1 for t in inv if t["events"][0]["ambiguous"])
    two = sum(1 for t in inv if len(t["events"]) > 1)
    outside = sum(1 for t in inv if (t["events"][0]["commune_code"] or "63")[:2] != "63")
    L = []
    L.append("# agenda-eval2 — held-out evaluation set for invitation recognition and event extraction (issue 20)\n")
    L.append("**Held-out: not used for tuning.** Measure once and report that figure (see `/work/shared/EVALUATION.md`).\n")
    L.append("## Who wrote it\n")
    L.append("Written by a helper agent (subagent) from the text of issue 20, the agenda label specification and the general "
             "evaluation advice only. The author never saw the extractor's code, its tests, nor any other labelled set "
             "(in particular not `fixtures/agenda-eval`). Every message is invented: the senator « Claire Fougerolle », "
             "sénatrice du Puy-de-Dôme (contact@senatrice-fougerolle-exemple.fr), her staff, mayors, associations, companies "
             "and citizens are fictitious; communes are real, with INSEE codes checked against "
             "`@etalab/decoupage-administratif` (`communes.json`, type `commune-actuelle`). Paris and Lyon are coded with the "
             "commune codes 75056 and 69123 (not arrondissement codes). « Le Mont-Dore » is written as people write it; its "
             "official name in the COG is « Mont-Dore » (63236).\n")
    L.append("Licence: CC0 1.0 (public domain dedication).\n")
    L.append("## How to regenerate\n")
    L.append("```\npython3 scripts/make_agenda_eval2.py            # writes fixtures/agenda-eval2/{cur,new,tmp}, truth.jsonl, SOURCE.md\n"
             "python3 scripts/make_agenda_eval2.py --verify-cog node_modules/@etalab/decoupage-administratif/data/communes.json\n```\n")
    L.append("Standard library only, fixed seed %d, no clock: the output is identical on every run. The script re-reads every "
             "message with Python's `email` package and checks that the first event's day, start time and commune are written in "
             "the message (body, HTML, PDF text layer or iCalendar part), that written weekdays agree with dates except the "
             "labelled mismatches, and that every invitation's first event falls less than 300 days after the Date header.\n" % SEED)
    L.append("## Counts\n")
    eps = [int(r["truth"]["file"].split(".")[0]) for r in records]
    first_d = (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=min(eps))).date()
    last_d = (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=max(eps))).date()
    L.append("- messages: %d (Date headers from %s to %s)" % (len(records), first_d, last_d))
    L.append("- invitations: %d — by source: %s" % (len(inv), ", ".join("%s %d" % kv for kv in sorted(src_i.items()))))
    L.append("- non-invitations (all mention dates): %d — by source: %s" % (len(non), ", ".join("%s %d" % kv for kv in sorted(src_n.items()))))
    L.append("- invitations whose first event is ambiguous (recognition only): %d" % amb)
    L.append("- invitations with two events: %d; events outside the Puy-de-Dôme: %d" % (two, outside))
    L.append("")
    L.append("### By category\n")
    L.append("| category | n |\n|---|---|")
    for k, v in sorted(cat.items()):
        L.append("| %s | %d |" % (k, v))
    L.append("")
    L.append("### Invitation features (how dates, times, places and RSVP are written)\n")
    L.append("| feature | n |\n|---|---|")
    for k, v in sorted(feats.items()):
        L.append("| %s | %d |" % (k, v))
    L.append("")
    L.append("## Notes for the measurer\n")
    L.append("- `truth.jsonl` follows the agenda label spec; `category` and `features` are for error analysis only.")
    L.append("- The Date header's local time is Europe/Paris (offsets +0100/+0200); year-less dates resolve to the next occurrence after it.")
    L.append("- Two events: the earlier one is sometimes written second (feature `earlier_event_second`).")
    L.append("- Hard negatives include replies quoting the office's own invitation, newsletters worded « a le plaisir de vous inviter… venez nombreux », "
             "appointment proposals with date, time and place, thank-you letters, cancellations (one `METHOD:CANCEL`), webinars with iCalendar requests, "
             "press invitations, subsidy requests describing a future festival, and the office's own weekly schedule.")
    with open(os.path.join(out, "SOURCE.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
