#!/usr/bin/env python3
"""Generate fixtures/agenda-eval4: a held-out, independently written evaluation set of
e-mails received by the office of a (fictitious) senator of Bas-Rhin, labelled for the
invitation / agenda extraction of issue 20 (labels per agenda-label-spec).

Python 3 standard library only.  Deterministic: fixed seed, fixed dates, no clock.

    python3 scripts/make_agenda_eval4.py    # writes fixtures/agenda-eval4/, then runs its self-check

Written by a helper agent from the issue text and the label spec only (it never saw the
extractor's code nor the other labelled sets).  CC0.
"""
import base64
import datetime as dt
import html
import json
import os
import quopri
import re
import random
import shutil
import subprocess
import sys
import unicodedata
import zlib
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "agenda-eval4")
SEED = 67_2046_4
R = random.Random(SEED)

OFFICE = "secretariat@senatrice-hertzog-exemple.fr"
OFFICE_NAME = "Secrétariat de la Sénatrice Odile Hertzog"
SENATOR = "Odile Hertzog"
SENATOR_ADDR = "o.hertzog@senatrice-hertzog-exemple.fr"

# ---------------------------------------------------------------------------
# calendar helpers
# ---------------------------------------------------------------------------
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre"]
MOIS_NOACC = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
              "septembre", "octobre", "novembre", "decembre"]
EN_WD = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
D = dt.date
TD = dt.timedelta


def last_sunday(y, m):
    d = (D(y, m + 1, 1) if m < 12 else D(y + 1, 1, 1)) - TD(days=1)
    while d.weekday() != 6:
        d -= TD(days=1)
    return d


def paris_offset(ldt):
    """UTC offset in hours of a naive Europe/Paris local datetime (EU rules)."""
    y = ldt.year
    start = dt.datetime.combine(last_sunday(y, 3), dt.time(2, 0))
    end = dt.datetime.combine(last_sunday(y, 10), dt.time(3, 0))
    return 2 if start <= ldt < end else 1


def rfc2822(ldt):
    off = paris_offset(ldt)
    return "%s, %02d %s %d %02d:%02d:%02d +0%d00" % (
        EN_WD[ldt.weekday()], ldt.day, EN_MON[ldt.month - 1], ldt.year,
        ldt.hour, ldt.minute, ldt.second, off)


def epoch(ldt):
    u = ldt - TD(hours=paris_offset(ldt))
    return int((u - dt.datetime(1970, 1, 1)).total_seconds())


def next_weekday_after(d, wd):
    x = d + TD(days=1)
    while x.weekday() != wd:
        x += TD(days=1)
    return x


def nth_weekday(y, m, wd, n):
    d = D(y, m, 1)
    while d.weekday() != wd:
        d += TD(days=1)
    return d + TD(days=7 * (n - 1))


def day_str(d, er=True):
    return "1er" if (d.day == 1 and er) else str(d.day)


def render_date(d, style, wd=None, noacc=False):
    """Date as written, without article.  wd forces the written weekday (mismatch)."""
    w = JOURS[d.weekday() if wd is None else wd]
    mo = (MOIS_NOACC if noacc else MOIS)[d.month - 1]
    ds = day_str(d)
    if style == "full":
        return f"{w} {ds} {mo} {d.year}"
    if style == "cap":
        return f"{w.capitalize()} {ds} {mo} {d.year}"
    if style == "capmonth":
        return f"{w.capitalize()} {ds} {mo.capitalize()} {d.year}"
    if style == "noyear":
        return f"{w} {ds} {mo}"
    if style == "cap_noyear":
        return f"{w.capitalize()} {ds} {mo}"
    if style == "nowd":
        return f"{ds} {mo} {d.year}"
    if style == "nowd_noyear":
        return f"{ds} {mo}"
    if style == "num":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "num_wd":
        return f"{w} {d.day:02d}/{d.month:02d}/{d.year}"
    if style == "num_short":
        return f"{d.day:02d}/{d.month:02d}"
    if style == "num_short_wd":
        return f"{w} {d.day}/{d.month}"
    if style == "num_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "num_2y":
        return f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}"
    if style == "abbr":
        return f"{w[:3]}. {ds} {mo} {d.year}"
    if style == "upper":
        return f"{w} {ds} {mo} {d.year}".upper()
    if style == "upper_noyear":
        return f"{w} {ds} {mo}".upper()
    raise ValueError(style)


YEARLESS = {"noyear", "cap_noyear", "nowd_noyear", "num_short", "num_short_wd", "upper_noyear"}
NUMERIC = {"num", "num_wd", "num_short", "num_short_wd", "num_dot", "num_2y"}


def fmt_time(h, m, style):
    if h == 12 and m == 0 and style == "midi":
        return "midi"
    if style == "midi":
        style = "h"
    if style == "h":
        return f"{h}h" if m == 0 else f"{h}h{m:02d}"
    if style == "h00":
        return f"{h}h{m:02d}"
    if style == "sp":
        return f"{h} h" if m == 0 else f"{h} h {m:02d}"
    if style == "sp00":
        return f"{h} h {m:02d}"
    if style == "heures":
        return f"{h} heures" if m == 0 else f"{h} heures {m:02d}"
    if style == "colon":
        return f"{h:02d}:{m:02d}" if R.random() < 0.5 else f"{h}:{m:02d}"
    if style == "H":
        return f"{h}H" if m == 0 else f"{h}H{m:02d}"
    if style == "H00":
        return f"{h}H{m:02d}"
    if style == "hpt":
        return f"{h}h" if m == 0 else f"{h}h{m:02d}"
    raise ValueError(style)


TIME_STYLES = ["h", "h", "h00", "h00", "sp", "heures", "colon", "H", "H00", "sp00"]


def hm(t):
    return None if t is None else "%02d:%02d" % t


# ---------------------------------------------------------------------------
# communes (codes verified against @etalab/decoupage-administratif, communes.json,
# type "commune-actuelle")
# ---------------------------------------------------------------------------
class C:
    def __init__(self, name, code, cp, w=None, alts=()):
        self.name, self.code, self.cp = name, code, cp
        self.w = w or name          # the usual written form
        self.alts = list(alts)


COMMUNES = {}


def _c(key, name, code, cp, w=None, alts=()):
    COMMUNES[key] = C(name, code, cp, w, alts)


_c("strasbourg", "Strasbourg", "67482", "67000")
_c("haguenau", "Haguenau", "67180", "67500")
_c("schiltigheim", "Schiltigheim", "67447", "67300")
_c("illkirch", "Illkirch-Graffenstaden", "67218", "67400", alts=("Illkirch",))
_c("selestat", "Sélestat", "67462", "67600", alts=("Selestat",))
_c("lingolsheim", "Lingolsheim", "67267", "67380")
_c("bischheim", "Bischheim", "67043", "67800")
_c("obernai", "Obernai", "67348", "67210")
_c("saverne", "Saverne", "67437", "67700")
_c("molsheim", "Molsheim", "67300", "67120")
_c("bischwiller", "Bischwiller", "67046", "67240")
_c("wissembourg", "Wissembourg", "67544", "67160")
_c("erstein", "Erstein", "67130", "67150")
_c("brumath", "Brumath", "67067", "67170")
_c("hoenheim", "Hœnheim", "67204", "67800", w="Hoenheim", alts=("Hœnheim",))
_c("ostwald", "Ostwald", "67365", "67540")
_c("geispolsheim", "Geispolsheim", "67152", "67118")
_c("mutzig", "Mutzig", "67313", "67190")
_c("barr", "Barr", "67021", "67140")
_c("benfeld", "Benfeld", "67028", "67230")
_c("dorlisheim", "Dorlisheim", "67101", "67120")
_c("duttlenheim", "Duttlenheim", "67112", "67120")
_c("rosheim", "Rosheim", "67411", "67560")
_c("boersch", "Bœrsch", "67052", "67530", w="Boersch", alts=("Bœrsch",))
_c("ottrott", "Ottrott", "67368", "67530")
_c("wasselonne", "Wasselonne", "67520", "67310")
_c("marlenheim", "Marlenheim", "67282", "67520")
_c("truchtersheim", "Truchtersheim", "67495", "67370")
_c("hochfelden", "Hochfelden", "67202", "67270")
_c("ingwiller", "Ingwiller", "67222", "67340")
_c("bouxwiller", "Bouxwiller", "67061", "67330")
_c("niederbronn", "Niederbronn-les-Bains", "67324", "67110")
_c("reichshoffen", "Reichshoffen", "67388", "67110")
_c("schweighouse", "Schweighouse-sur-Moder", "67458", "67590")
_c("oberhoffen", "Oberhoffen-sur-Moder", "67345", "67240")
_c("dinsheim", "Dinsheim-sur-Bruche", "67098", "67190")
_c("ernolsheim", "Ernolsheim-lès-Saverne", "67129", "67330")
_c("neuwiller", "Neuwiller-lès-Saverne", "67322", "67330")
_c("soultzbains", "Soultz-les-Bains", "67473", "67120")
_c("gambsheim", "Gambsheim", "67151", "67760")
_c("wantzenau", "La Wantzenau", "67519", "67610")
_c("vendenheim", "Vendenheim", "67506", "67550")
_c("eckbolsheim", "Eckbolsheim", "67118", "67201")
_c("wolfisheim", "Wolfisheim", "67551", "67202")
_c("entzheim", "Entzheim", "67124", "67960")
_c("fegersheim", "Fegersheim", "67137", "67640")
_c("eschau", "Eschau", "67131", "67114")
_c("plobsheim", "Plobsheim", "67378", "67115")
_c("souffelweyersheim", "Souffelweyersheim", "67471", "67460")
_c("reichstett", "Reichstett", "67389", "67116")
_c("marckolsheim", "Marckolsheim", "67281", "67390")
_c("dambachlaville", "Dambach-la-Ville", "67084", "67650")
_c("epfig", "Epfig", "67125", "67680")
_c("ville", "Villé", "67507", "67220")
_c("schirmeck", "Schirmeck", "67448", "67130")
_c("saales", "Saales", "67421", "67420")
_c("sarreunion", "Sarre-Union", "67434", "67260")
_c("drusenheim", "Drusenheim", "67106", "67410")
_c("soufflenheim", "Soufflenheim", "67472", "67620")
_c("seltz", "Seltz", "67463", "67470")
_c("lauterbourg", "Lauterbourg", "67261", "67630")
_c("betschdorf", "Betschdorf", "67339", "67660")
_c("hatten", "Hatten", "67184", "67690")
_c("krautergersheim", "Krautergersheim", "67248", "67880")
_c("gerstheim", "Gerstheim", "67154", "67150")
_c("rhinau", "Rhinau", "67397", "67860")
_c("kilstett", "Kilstett", "67237", "67840")
_c("hoerdt", "Hœrdt", "67205", "67720", w="Hoerdt", alts=("Hœrdt",))
_c("weyersheim", "Weyersheim", "67529", "67720")
_c("geudertheim", "Geudertheim", "67156", "67170")
_c("dettwiller", "Dettwiller", "67089", "67490")
_c("andlau", "Andlau", "67010", "67140")
_c("kaltenhouse", "Kaltenhouse", "67230", "67240")
_c("mundolsheim", "Mundolsheim", "67309", "67450")
_c("lampertheim", "Lampertheim", "67256", "67450")
_c("holtzheim", "Holtzheim", "67212", "67810")
_c("achenheim", "Achenheim", "67001", "67204")
_c("oberhausbergen", "Oberhausbergen", "67343", "67205")
_c("griesheimsouffel", "Griesheim-sur-Souffel", "67173", "67370")
_c("kuttolsheim", "Kuttolsheim", "67253", "67520")
_c("westhoffen", "Westhoffen", "67525", "67310")
_c("blaesheim", "Blaesheim", "67049", "67113")
_c("innenheim", "Innenheim", "67223", "67880")
_c("lipsheim", "Lipsheim", "67268", "67640")
_c("bischoffsheim", "Bischoffsheim", "67045", "67870")
_c("dachstein", "Dachstein", "67080", "67120")
_c("sessenheim", "Sessenheim", "67465", "67770")
_c("herrlisheim", "Herrlisheim", "67194", "67850")
_c("wangen", "Wangen", "67517", "67520")
_c("gries", "Gries", "67169", "67240")
# outside the département
_c("paris", "Paris", "75056", "75015")
_c("colmar", "Colmar", "68066", "68000")
_c("metz", "Metz", "57463", "57000")
_c("mulhouse", "Mulhouse", "68224", "68100")

QUARTERS = {  # Strasbourg quarters: the label is the commune itself
    "Neudorf": "67100", "Koenigshoffen": "67200", "Cronenbourg": "67200",
    "Robertsau": "67000", "Meinau": "67100", "Hautepierre": "67200",
    "Neuhof": "67100", "Montagne-Verte": "67200", "Krutenau": "67000", "Esplanade": "67000",
}

BASRHIN = [k for k in COMMUNES if COMMUNES[k].code.startswith("67")]
BIG = ["strasbourg", "haguenau", "schiltigheim", "illkirch", "selestat", "lingolsheim",
       "bischheim", "obernai", "saverne", "molsheim", "bischwiller", "wissembourg", "erstein",
       "brumath", "hoenheim", "ostwald", "geispolsheim", "mutzig", "barr", "benfeld"]
SMALL = [k for k in BASRHIN if k not in BIG]


def fold(s):
    s = s.replace("œ", "oe").replace("Œ", "OE").replace("’", "'")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower()


ALIASES = {}
for _k, _cc in COMMUNES.items():
    for _n in [_cc.name, _cc.w] + _cc.alts:
        ALIASES[fold(_n)] = _cc.code
for _q in QUARTERS:
    ALIASES[fold(_q)] = "67482"
    ALIASES[fold("Strasbourg-" + _q)] = "67482"


def de(cname):
    """'de Brumath' / "d'Obernai" """
    if cname.startswith("La "):
        return "de " + cname
    return ("d'" if fold(cname)[0] in "aeiouy" else "de ") + cname


def a_commune(cname):
    if cname.startswith("La "):
        return "à " + cname
    return "à " + cname


# ---------------------------------------------------------------------------
# people
# ---------------------------------------------------------------------------
PRENOMS_M = ["Jean", "Pierre", "Michel", "Philippe", "Marc", "Thierry", "Bernard", "Claude",
             "Patrick", "Francis", "Hubert", "Gérard", "Yves", "Denis", "Laurent", "Jean-Marc",
             "Jean-Luc", "Rémy", "Joseph", "Alphonse", "Lucas", "Karim", "Mehmet", "Christophe",
             "Frédéric", "Jean-Paul", "Étienne", "Raymond", "Antoine", "Julien", "Sébastien",
             "Vincent", "Olivier", "Jacques", "Daniel", "André", "Guy", "Marcel", "Éric", "Charles",
             "Roland", "Fabien", "Jean-Claude", "Didier", "Paul", "Aloyse", "René", "Benoît"]
PRENOMS_F = ["Marie", "Anne", "Christine", "Sylvie", "Catherine", "Nathalie", "Isabelle",
             "Martine", "Valérie", "Monique", "Brigitte", "Fabienne", "Sandrine", "Véronique",
             "Céline", "Marie-Odile", "Marie-Thérèse", "Justine", "Léa", "Fatima", "Élodie",
             "Claire", "Françoise", "Agnès", "Danielle", "Laurence", "Pascale", "Hélène",
             "Caroline", "Audrey", "Emilie", "Josiane", "Marthe", "Annick", "Béatrice",
             "Corinne", "Évelyne", "Odile", "Stéphanie", "Aurélie", "Chantal", "Nadia"]
NOMS = ["Muller", "Schmitt", "Meyer", "Weber", "Klein", "Wolff", "Fischer", "Roth", "Hoffmann",
        "Schneider", "Koch", "Bauer", "Zimmermann", "Kieffer", "Heitz", "Ehrhart", "Stoeckel",
        "Ritter", "Hummel", "Kuntz", "Walter", "Stempfel", "Jung", "Lang", "Spitz", "Burger",
        "Wendling", "Fuchs", "Haegel", "Ott", "Herrmann", "Scheer", "Gross", "Strub", "Loeffler",
        "Baumann", "Engel", "Freyermuth", "Dietrich", "Siegel", "Obrecht", "Wagner", "Kempf",
        "Beck", "Oberlé", "Schaeffer", "Geiger", "Heckel", "Martin", "Bernard", "Dubois",
        "Thomas", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel",
        "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Girard", "Mercier",
        "Lambert", "Bonnet", "François", "Benali", "Nguyen", "Haddad", "Yilmaz", "Öztürk",
        "Hertzog", "Schwartz", "Kern", "Keller", "Huber", "Frey", "Metz", "Sutter", "Ruch",
        "Goetz", "Rohmer", "Wurtz", "Kauffmann", "Eberhardt", "Bastian", "Brucker", "Vogel",
        "Reibel", "Mathis", "Lutz", "Jaeg", "Haas", "Schott", "Zind"]


class P:
    def __init__(self, prenom, nom, f):
        self.prenom, self.nom, self.f = prenom, nom, f

    @property
    def full(self):
        return f"{self.prenom} {self.nom}"

    @property
    def FULL(self):
        return f"{self.prenom} {self.nom.upper()}"

    @property
    def civ(self):
        return "Mme" if self.f else "M."

    def e(self, masc, fem):
        return fem if self.f else masc


def person(f=None):
    if f is None:
        f = R.random() < 0.45
    return P(R.choice(PRENOMS_F if f else PRENOMS_M), R.choice(NOMS), f)


def slug(s):
    s = fold(s)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def email_of(p, domain):
    style = R.choice(["pn", "p.n", "pn", "n"])
    pr, no = slug(p.prenom).replace("-", ""), slug(p.nom).replace("-", "")
    if style == "p.n":
        return f"{pr}.{no}@{domain}"
    if style == "n":
        return f"{pr[0]}{no}@{domain}"
    return f"{pr}.{no}@{domain}"


def phone():
    return "03 88 %02d %02d %02d" % (R.randint(10, 99), R.randint(0, 99), R.randint(0, 99))


def mobile():
    return "06 %02d %02d %02d %02d" % (R.randint(10, 99), R.randint(0, 99), R.randint(0, 99), R.randint(0, 99))


STREETS = ["rue de l'Église", "rue Principale", "place de la Mairie", "rue des Écoles",
           "rue du Général-de-Gaulle", "Grand'Rue", "rue du Moulin", "rue des Vergers",
           "rue des Tilleuls", "rue de la Gare", "rue du Stade", "rue des Jardins",
           "rue de la Paix", "rue des Champs", "rue Saint-Michel", "rue des Fleurs",
           "rue du Château", "rue de la Forêt", "rue des Prés", "rue de la Liberté",
           "place de l'Hôtel-de-Ville", "rue du Maréchal-Leclerc", "rue Sainte-Odile",
           "rue des Artisans", "rue du Canal", "quai des Pêcheurs"]
DATE_STREETS = ["rue du 22 Novembre", "place du 18 Juin 1940", "rue du 8 Mai 1945",
                "rue du 11 Novembre", "place du 14 Juillet", "rue du 1er Mai",
                "avenue du 23 Novembre", "rue du 19 Mars 1962"]
TOWN_STREETS = ["route de Colmar", "route de Bischwiller", "route de Strasbourg",
                "rue de Haguenau", "route de Saverne", "route de Lyon", "rue de Molsheim",
                "route d'Obernai", "rue de Sélestat", "route de Brumath", "avenue de Colmar",
                "route de Mulhouse", "rue de Metz"]


# ---------------------------------------------------------------------------
# MIME building (by hand, to control encodings the way real clients write them)
# ---------------------------------------------------------------------------
def latin_safe(t, cs="iso-8859-1"):
    t = t.replace("\u202f", " ").replace("\u2009", " ")
    if cs.lower() in ("iso-8859-1", "latin-1", "iso-8859-15"):
        for a, b in (("œ", "oe"), ("Œ", "OE"), ("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'),
                     ("…", "..."), ("–", "-"), ("—", "-"), ("€", "EUR"), ("•", "-")):
            t = t.replace(a, b)
    if cs.lower() != "utf-8":
        t = "".join(ch for ch in t if ch.encode(cs, errors="ignore"))
    return t


def _encw(s, cs, mode):
    raw = s.encode(cs)
    if mode == "b":
        return "=?%s?B?%s?=" % (cs, base64.b64encode(raw).decode())
    out = []
    for x in raw:
        c = chr(x)
        if c.isascii() and (c.isalnum() or c in "!*+-/"):
            out.append(c)
        elif c == " ":
            out.append("_")
        else:
            out.append("=%02X" % x)
    return "=?%s?Q?%s?=" % (cs, "".join(out))


def enc_word(s, cs="utf-8", mode=None):
    if all(ord(c) < 128 for c in s):
        return s
    if cs != "utf-8":
        s = latin_safe(s, cs)
    mode = mode or ("b" if (cs == "utf-8" and R.random() < 0.5) else "q")
    words, cur = [], ""
    for ch in s:
        if cur and len(_encw(cur + ch, cs, mode)) > 72:
            k = cur.rfind(" ")
            if k > 0:   # break after a space, as mail clients do
                words.append(cur[:k + 1])
                cur = cur[k + 1:] + ch
            else:
                words.append(cur)
                cur = ch
        else:
            cur += ch
    words.append(cur)
    return "\n ".join(_encw(w, cs, mode) for w in words)


def addr(name, email, cs="utf-8"):
    if not name:
        return email
    if all(ord(c) < 128 for c in name):
        if re.search(r'[(),.:;<>@\[\]"\']', name):
            return '"%s" <%s>' % (name.replace('"', ''), email)
        return "%s <%s>" % (name, email)
    return "%s <%s>" % (enc_word(name, cs), email)


class Part:
    def __init__(self, headers, body):
        self.headers, self.body = headers, body

    def bytes(self):
        h = "".join("%s: %s\n" % kv for kv in self.headers).encode("ascii")
        return h + b"\n" + self.body


def tpart(text, sub="plain", cs="utf-8", cte="quoted-printable", flowed=False, quote_cs=True):
    if cs != "utf-8":
        text = latin_safe(text, cs)
    raw = text.encode(cs)
    if cte == "quoted-printable":
        body = quopri.encodestring(raw)
    elif cte == "base64":
        body = base64.encodebytes(raw)
    else:
        body = raw
    if not body.endswith(b"\n"):
        body += b"\n"
    ct = 'text/%s; charset="%s"' % (sub, cs) if quote_cs else "text/%s; charset=%s" % (sub, cs)
    if flowed:
        ct += "; format=flowed"
    return Part([("Content-Type", ct), ("Content-Transfer-Encoding", cte)], body)


_bcount = [0]


def boundary():
    _bcount[0] += 1
    st = R.choice(["----=_Part_%d_%d.%d", "_000_%06dPR3P%dMB%d_", "000000000000%06x%d%d",
                   "------------%012d%d%d", "Apple-Mail=_%08X-%d-%d"])
    n = R.randint(100000, 999999)
    try:
        return st % (n, R.randint(100, 999), _bcount[0])
    except TypeError:
        return "b%d_%d" % (n, _bcount[0])


def mpart(sub, parts, extra=""):
    b = boundary()
    body = b""
    if R.random() < 0.4:
        body += b"This is a multi-part message in MIME format.\n"
    for p in parts:
        body += ("\n--%s\n" % b).encode() + p.bytes()
    body += ("\n--%s--\n" % b).encode()
    return Part([("Content-Type", 'multipart/%s;%s boundary="%s"' % (sub, extra, b))], body)


def fname_params(fn):
    if all(ord(c) < 128 for c in fn):
        return 'name="%s"' % fn, 'filename="%s"' % fn
    st = R.random()
    if st < 0.5:
        q = "".join(c if (c.isascii() and (c.isalnum() or c in "._-")) else
                    "".join("%%%02X" % x for x in c.encode("utf-8")) for c in fn)
        return 'name="%s"' % enc_word(fn, "utf-8", "q").replace("\n ", ""), "filename*=utf-8''%s" % q
    e = enc_word(fn, "utf-8", "b").replace("\n ", "")
    return 'name="%s"' % e, 'filename="%s"' % e


def apart(data, ctype, fn, extra_ct=""):
    n, f = fname_params(fn)
    return Part([("Content-Type", "%s;%s %s" % (ctype, extra_ct, n)),
                 ("Content-Disposition", "attachment; %s" % f),
                 ("Content-Transfer-Encoding", "base64")], base64.encodebytes(data))


def rfc822part(raw, fn="message.eml"):
    return Part([("Content-Type", 'message/rfc822; name="%s"' % fn),
                 ("Content-Disposition", 'attachment; filename="%s"' % fn)], raw)


def html_of(text, style=None, entities=False):
    """Plain text -> HTML as mail clients write it.  ⟦..⟧ marks bold."""
    style = style or R.choice(["outlook", "gmail", "plain", "thunder"])
    paras = re.split(r"\n\s*\n", text.strip("\n"))

    def esc(s):
        s = html.escape(s, quote=False)
        if entities:
            s = "".join("&%s;" % html.entities.codepoint2name[ord(c)]
                        if ord(c) > 127 and ord(c) in html.entities.codepoint2name else c for c in s)
        s = s.replace("⟦", "<b>").replace("⟧", "</b>")
        return s

    if style == "outlook":
        out = ['<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
               '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
               '<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;} --></style>'
               '</head><body lang="FR" link="#0563C1"><div class="WordSection1">']
        for p in paras:
            for line in p.split("\n"):
                out.append('<p class="MsoNormal">%s<o:p></o:p></p>' % esc(line))
            out.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>')
        out.append("</div></body></html>")
        return "\n".join(out)
    if style == "gmail":
        out = ['<div dir="ltr">']
        for p in paras:
            out.append("<div>%s</div><div><br></div>" % "<br>".join(esc(l) for l in p.split("\n")))
        out.append("</div>")
        return "".join(out)
    if style == "thunder":
        out = ['<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="content-type" content="text/html; charset=UTF-8">\n  </head>\n  <body>']
        for p in paras:
            out.append("    <p>%s</p>" % "<br>\n      ".join(esc(l) for l in p.split("\n")))
        out.append("  </body>\n</html>")
        return "\n".join(out)
    out = ["<html><body>"]
    for p in paras:
        out.append("<p>%s</p>" % "<br>".join(esc(l) for l in p.split("\n")))
    out.append("</body></html>")
    return "\n".join(out)


import html.entities  # noqa: E402


def plain(text):
    return text.replace("⟦", "").replace("⟧", "")


def wrap(text, width=74):
    out = []
    for line in text.split("\n"):
        if len(line) <= width or line.startswith(">"):
            out.append(line)
            continue
        cur = ""
        for w in line.split(" "):
            if cur and len(cur) + 1 + len(w) > width:
                out.append(cur)
                cur = w
            else:
                cur = (cur + " " + w) if cur else w
        out.append(cur)
    return "\n".join(out)


def body_part(text, fmt=None, cs=None, cte=None):
    """A text body as plain, html-only or alternative; returns (Part, features)."""
    feats = []
    fmt = fmt or R.choices(["text", "alt", "html"], [55, 33, 12])[0]
    cs = cs or R.choices(["utf-8", "iso-8859-1", "windows-1252"], [78, 12, 10])[0]
    cte = cte or R.choices(["quoted-printable", "base64", "8bit"], [62, 20, 18])[0]
    if cs != "utf-8":
        feats.append("charset:" + cs)
    feats.append("cte:" + cte)
    if fmt == "text":
        t = plain(text)
        if cte == "8bit" or R.random() < 0.3:
            t = wrap(t)
        feats.append("body:text")
        return tpart(t, "plain", cs, cte), feats
    h = html_of(text, entities=(R.random() < 0.25))
    if fmt == "html":
        if cte == "8bit":
            feats[-1] = "cte:quoted-printable"
        feats.append("body:html_only")
        return tpart(h, "html", cs, cte if cte != "8bit" else "quoted-printable"), feats
    feats.append("body:html+text")
    return mpart("alternative", [tpart(plain(text), "plain", cs, cte),
                                 tpart(h, "html", cs, "quoted-printable")]), feats


# ---------------------------------------------------------------------------
# PDF cards, written by hand: Helvetica, WinAnsiEncoding, one text line per item
# ---------------------------------------------------------------------------
def pdf_escape(s):
    out = []
    for x in s.encode("cp1252"):
        c = chr(x)
        if c in "()\\":
            out.append("\\" + c)
        elif x < 32 or x > 126:
            out.append("\\%03o" % x)
        else:
            out.append(c)
    return "".join(out)


def make_pdf(lines, compress=False, title="Invitation", width=420, height=595):
    """lines: list of str or (str, size, bold, align)."""
    norm = []
    for ln in lines:
        if isinstance(ln, str):
            ln = (ln, 12, False, "c")
        norm.append(ln)
    total = sum(s * 1.45 for _, s, _, _ in norm)
    scale = min(1.0, (height - 90) / max(total, 1))
    y = height - 55
    ops = []
    for text, size, bold, align in norm:
        size = max(7, round(size * scale, 1))
        if text:
            size = min(size, round((width - 44) / (0.56 * max(len(text), 1)), 1))
            wguess = 0.52 * size * len(text)
            x = max(20, (width - wguess) / 2) if align == "c" else 40
            ops.append("BT /%s %s Tf %.1f %.1f Td (%s) Tj ET" % ("F2" if bold else "F1", size, x, y, pdf_escape(text)))
        y -= size * 1.45
    content = ("\n".join(ops) + "\n").encode("latin-1")
    if compress:
        data = zlib.compress(content)
        sdict = "<< /Length %d /Filter /FlateDecode >>" % len(data)
    else:
        data = content
        sdict = "<< /Length %d >>" % len(data)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>" % (width, height)).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        sdict.encode() + b"\nstream\n" + data + b"\nendstream",
        ("<< /Title (%s) /Producer (Carton) /CreationDate (D:20250101090000+01'00') >>" % pdf_escape(title)).encode(),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def pdf_text(data):
    """Extract the text layer of a PDF written by make_pdf (for the self-check)."""
    m = re.search(rb"<< /Length (\d+)( /Filter /FlateDecode)? >>\nstream\n", data)
    n = int(m.group(1))
    s = data[m.end():m.end() + n]
    if m.group(2):
        s = zlib.decompress(s)
    lines = []
    for sm in re.finditer(rb"\(((?:\\.|[^\\)])*)\) Tj", s):
        raw = sm.group(1)
        b = bytearray()
        i = 0
        while i < len(raw):
            c = raw[i]
            if c == 0x5C:
                nx = raw[i + 1:i + 4]
                if re.match(rb"[0-7]{3}", nx):
                    b.append(int(nx, 8))
                    i += 4
                    continue
                b.append(raw[i + 1])
                i += 2
                continue
            b.append(c)
            i += 1
        lines.append(bytes(b).decode("cp1252"))
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# iCalendar
# ---------------------------------------------------------------------------
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

PRODIDS = ["-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
           "-//Google Inc//Google Calendar 70.9054//EN",
           "-//Apple Inc.//macOS 14.4//EN",
           "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
           "-//Nextcloud calendar v4.6//FR",
           "-//Zimbra//Zimbra Calendar//FR"]


def ics_esc(s):
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line):
    b = line.encode("utf-8")
    if len(b) <= 75:
        return line
    out, cur, lim = [], "", 75
    for ch in line:
        if len((cur + ch).encode("utf-8")) > lim:
            out.append(cur)
            cur = " " + ch
            lim = 75
        else:
            cur += ch
    out.append(cur)
    return "\r\n".join(out)


def ics_dt(ldt, mode):
    if mode == "utc":
        u = ldt - TD(hours=paris_offset(ldt))
        return ":" + u.strftime("%Y%m%dT%H%M%SZ")
    return ";TZID=Europe/Paris:" + ldt.strftime("%Y%m%dT%H%M%S")


def make_ics(method, uid, summary, start, end, location, org_name, org_mail, mode="tz",
             description=None, status=None, seq=0, stamp=None, attendees=(OFFICE,), url=None):
    L = ["BEGIN:VCALENDAR", "PRODID:" + R.choice(PRODIDS), "VERSION:2.0", "CALSCALE:GREGORIAN",
         "METHOD:" + method]
    if mode == "tz":
        L += VTZ.split("\n")
    L += ["BEGIN:VEVENT", "UID:" + uid,
          "DTSTAMP:" + (stamp or dt.datetime(2025, 1, 1)).strftime("%Y%m%dT%H%M%SZ")]
    if mode == "date":
        L.append("DTSTART;VALUE=DATE:" + start.strftime("%Y%m%d"))
        L.append("DTEND;VALUE=DATE:" + (end or (start + TD(days=1))).strftime("%Y%m%d"))
    else:
        L.append("DTSTART" + ics_dt(start, mode))
        if end:
            L.append("DTEND" + ics_dt(end, mode))
    L.append("SUMMARY:" + ics_esc(summary))
    if location:
        L.append("LOCATION:" + ics_esc(location))
    if description:
        L.append("DESCRIPTION:" + ics_esc(description))
    if url:
        L.append("URL:" + url)
    L.append('ORGANIZER;CN="%s":mailto:%s' % (org_name.replace('"', ''), org_mail))
    for a in attendees:
        L.append("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + a)
    L.append("SEQUENCE:%d" % seq)
    L.append("STATUS:" + (status or ("CANCELLED" if method == "CANCEL" else "CONFIRMED")))
    L.append("TRANSP:OPAQUE")
    L += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(ics_fold(x) for x in L) + "\r\n").encode("utf-8")


def ics_alt_part(ics, method):
    return Part([("Content-Type", 'text/calendar; charset="utf-8"; method=%s' % method),
                 ("Content-Transfer-Encoding", "base64")],
                base64.encodebytes(ics))


def ics_file_part(ics, method, fn="invite.ics"):
    ct = R.choice(["text/calendar", "application/ics"])
    extra = ' method=%s;' % method if ct == "text/calendar" else ""
    return apart(ics, ct, fn, extra)


# ---------------------------------------------------------------------------
# headers, message ids, the message itself
# ---------------------------------------------------------------------------
_mid = [0]


def msgid(domain):
    _mid[0] += 1
    k = R.random()
    if k < 0.25:
        return "<%s%04d@%s>" % ("".join(R.choice("0123456789abcdef") for _ in range(20)), _mid[0], domain)
    if k < 0.45:
        return "<CA+%s%03d@mail.gmail.com>" % ("".join(R.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789") for _ in range(26)), _mid[0])
    if k < 0.65:
        s = "".join(R.choice("0123456789ABCDEF") for _ in range(24))
        return "<PR3P193MB%s%03d@PR3P193MB0871.EURP193.PROD.OUTLOOK.COM>" % (s, _mid[0])
    if k < 0.8:
        return "<%d.%d.%d.JavaMail.root@%s>" % (R.randint(10 ** 8, 10 ** 9), _mid[0], R.randint(1000, 9999), domain)
    return "<%08X-%04X-%04d@%s>" % (R.getrandbits(32), R.getrandbits(16), _mid[0], domain)


MAILERS = ["Microsoft Outlook 16.0", "Mozilla Thunderbird", "Apple Mail (2.3774.500.171.1.1)",
           "Zimbra 9.0.0_GA_4558", "Roundcube Webmail/1.6.6", "iPhone Mail (21E236)", None, None, None]


def build(frm, to, subject, ldt, part, cc=(), domain=None, extra=(), cs="utf-8", mid=None):
    domain = domain or frm[1].split("@")[1]
    mid = mid or msgid(domain)
    hs = [("Return-Path", "<%s>" % frm[1]),
          ("From", addr(frm[0], frm[1], cs)),
          ("To", ", ".join(addr(n, a, cs) for n, a in to) if to else "undisclosed-recipients:;")]
    if cc:
        hs.append(("Cc", ", ".join(addr(n, a, cs) for n, a in cc)))
    hs += [("Subject", enc_word(subject, cs)), ("Date", rfc2822(ldt)), ("Message-ID", mid)]
    m = R.choice(MAILERS)
    if m:
        hs.append(("X-Mailer", m))
    hs += list(extra)
    hs.append(("MIME-Version", "1.0"))
    hs += part.headers
    raw = "".join("%s: %s\n" % kv for kv in hs).encode("ascii") + b"\n" + part.body
    return raw, mid


def to_office():
    k = R.random()
    if k < 0.55:
        return [("Secrétariat Sénatrice Hertzog", OFFICE)] if R.random() < 0.5 else [(None, OFFICE)]
    if k < 0.8:
        return [("Madame la Sénatrice Odile Hertzog", OFFICE)]
    if k < 0.9:
        return [("Odile Hertzog", SENATOR_ADDR)]
    return [(None, OFFICE)]


# ---------------------------------------------------------------------------
# senders
# ---------------------------------------------------------------------------
WEBMAIL = ["gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "hotmail.fr",
           "outlook.fr", "sfr.fr", "yahoo.fr", "estvideo.fr", "evc.net"]


class Org:
    """The sender.  `c` is the sender's commune (None for an intercommunal body without
    one); `in_sender` is True when the commune is named by the From name or the signature."""

    def __init__(self, kind, name, c, p, role, email, subj, plural=False, sig=None, in_sender=True):
        self.kind, self.name, self.c, self.p, self.role = kind, name, c, p, role
        self.email, self.subj, self.plural = email, subj, plural
        self.sig = sig or [p.full, role]
        self.in_sender = in_sender

    @property
    def organiser(self):
        if self.p is None:
            return self.name
        return "%s — %s, %s" % (self.name, self.p.full, self.role[0].lower() + self.role[1:] if self.role else "")

    def v(self, sg, pl):
        return pl if self.plural else sg


def sig_address_line(c, street=None, num=None, sep=None):
    street = street or R.choice(STREETS + DATE_STREETS[:3])
    num = num if num is not None else R.randint(1, 40)
    sep = sep or R.choice([" – ", " - ", ", ", " | "])
    return "%s %s%s%s %s" % (num, street, sep, c.cp, c.w.upper() if R.random() < 0.4 else c.w), street


def org_mairie(c, sig_style=None, secretary=None):
    p = person()
    sl = slug(c.w)
    email = R.choice(["contact@mairie-%s.fr" % sl, "accueil@mairie-%s.fr" % sl, "mairie.%s@wanadoo.fr" % sl.replace("-", ""),
                      "secretariat@ville-%s.fr" % sl, "mairie-%s@orange.fr" % sl, "cabinet.maire@%s.alsace" % sl])
    name = R.choice(["Mairie %s" % de(c.w), "Ville %s" % de(c.w), "Commune %s" % de(c.w), "Mairie %s" % de(c.w)])
    role = "%s %s" % (p.e("Maire", "Maire"), de(c.w))
    subj, plural = R.choice([("La Municipalité %s" % de(c.w), False), ("Le Maire et le Conseil municipal %s" % de(c.w), True),
                             ("La Ville %s" % de(c.w), False), ("La commune %s" % de(c.w), False),
                             ("%s, %s, et le Conseil municipal" % (p.full, role), True)])
    st = sig_style or R.choice(["short", "role", "address", "address", "secretary", "upper"])
    if secretary is None:
        secretary = st == "secretary"
    if st == "short":
        sig = [p.e("Le Maire,", "La Maire,"), p.FULL]
    elif st == "role":
        sig = [p.full, role]
    elif st == "upper":
        sig = [p.FULL, "Maire %s" % de(c.w.upper()), "Conseill%s départementa%s" % (p.e("er", "ère"), p.e("l", "le")) if R.random() < 0.3 else "Vice-président%s de la communauté de communes" % p.e("", "e")]
    elif st == "address":
        line, _ = sig_address_line(c, R.choice(["place de la Mairie", "rue du Général-de-Gaulle", "place de l'Hôtel-de-Ville", "rue de l'Église", "Grand'Rue", "rue du 8 Mai 1945"]))
        sig = [p.full, role, "", "Mairie %s" % de(c.w), line, "Tél. " + phone()]
    else:
        s = person(True)
        sig = ["Pour le Maire, par délégation,", s.full, "Secrétariat général – Mairie %s" % de(c.w), "Tél. " + phone()]
        if R.random() < 0.5:
            sig.append(R.choice(["Accueil ouvert du lundi au vendredi de 8h30 à 12h et de 14h à 17h30",
                                 "Horaires : lundi-vendredi 8h-12h / mardi 14h-18h"]))
    if st == "short" and not name.lower().startswith(("mairie", "ville", "commune")):
        name = "Mairie %s" % de(c.w)
    return Org("mairie", name, c, p, role, email, subj, plural, sig, True)


ASSOCS = [  # (key, name pattern, 'de' or 'plain', role)
    ("unc", "UNC – Section %s", "plain", "Président%s de la section UNC"),
    ("souvenir", "Le Souvenir Français – Comité %s", "de", "Président%s du comité"),
    ("pompiers_amicale", "Amicale des sapeurs-pompiers %s", "de", "Président%s de l'Amicale"),
    ("arbo", "Société d'arboriculture %s et environs", "de", "Président%s"),
    ("harmonie", "Harmonie municipale %s", "de", "Président%s de l'Harmonie"),
    ("foot", "Football Club %s", "plain", "Président%s du FC"),
    ("dons", "Amicale des donneurs de sang bénévoles %s", "de", "Président%s"),
    ("patrimoine", "Les Amis du patrimoine %s", "de", "Président%s"),
    ("aines", "Club des aînés %s", "de", "Président%s du club"),
    ("chorale", "Chorale Sainte-Cécile %s", "de", "Président%s"),
    ("histoire", "Cercle d'histoire %s", "de", "Président%s du Cercle"),
    ("jumelage", "Comité de jumelage %s", "de", "Président%s du comité de jumelage"),
    ("restos", "Les Restos du cœur – centre %s", "de", "Responsable du centre"),
    ("croixrouge", "Croix-Rouge française – unité locale %s", "de", "Président%s de l'unité locale"),
    ("fetes", "Comité des fêtes %s", "de", "Président%s du comité des fêtes"),
    ("tennis", "Tennis Club %s", "plain", "Président%s"),
    ("gym", "Société de gymnastique Concordia %s", "plain", "Président%s"),
    ("chasse", "Association des chasseurs %s", "de", "Président%s"),
    ("peche", "AAPPMA %s", "de", "Président%s de l'AAPPMA"),
    ("viticole", "Syndicat viticole %s", "de", "Président%s du syndicat viticole"),
    ("apei", "Association des parents d'élèves %s", "de", "Président%s"),
    ("theatre", "Théâtre alsacien %s", "de", "Président%s du TA"),
]


def org_assoc(c, akind=None):
    akind = akind or R.choice([a[0] for a in ASSOCS])
    _, nm, mode, role = next(a for a in ASSOCS if a[0] == akind)
    p = person()
    name = nm % (de(c.w) if mode == "de" else c.w)
    role = role % ("e" if p.f else "") if "%s" in role else role
    email = email_of(p, R.choice(WEBMAIL)) if R.random() < 0.6 else "contact@%s.fr" % slug(name)[:28].strip("-")
    subj = R.choice(["Le comité et %s" % ("la présidente" if p.f else "le président"), with_article(name), "Notre association"])
    plural = subj.startswith(("Le comité et", "Les "))
    sig_st = R.choice(["a", "b", "c"])
    if sig_st == "a":
        sig = [p.full, role, name]
    elif sig_st == "b":
        line, _ = sig_address_line(c)
        sig = ["Pour le comité,", p.full, role + " – " + name, "Siège : " + line]
    else:
        sig = [p.FULL, name, mobile()]
    return Org("assoc:" + akind, name, c, p, role, email, subj, plural, sig, True)


ARTICLES = [("Comité", "Le "), ("Amicale", "L'"), ("Association", "L'"), ("Harmonie", "L'"), ("Société", "La "), ("Chorale", "La "),
            ("Cercle", "Le "), ("Club", "Le "), ("Football", "Le "), ("Tennis", "Le "), ("Croix-Rouge", "La "), ("UNC", "L'"),
            ("Syndicat", "Le "), ("AAPPMA", "L'"), ("Théâtre", "Le "), ("Centre", "Le "), ("Union", "L'"), ("Comice", "Le "),
            ("Collège", "Le "), ("Lycée", "Le "), ("École", "L'"), ("Mairie", "La "), ("Ville", "La "), ("Commune", "La "),
            ("Paroisse", "La "), ("Communauté", "La "), ("Brasserie", "La "), ("Menuiserie", "La "), ("Laiterie", "La "),
            ("Imprimerie", "L'"), ("Scierie", "La "), ("Jardinerie", "La "), ("Boulangerie", "La "), ("Préfecture", "La "),
            ("Collectivité", "La "), ("Eurométropole", "L'"), ("Chambre", "La "), ("CCI", "La "), ("Région", "La "), ("SDIS", "Le ")]


def with_article(name):
    for w, a in ARTICLES:
        if name.startswith(w):
            return a + name
    return name


def de_org(name):
    n = with_article(name)
    if n.startswith(("Le ", "La ", "Les ", "L'")):
        n = n[0].lower() + n[1:]
    return de_nom(n)


def org_pompiers(c):
    p = person(R.random() < 0.2)
    grade = R.choice(["Lieutenant", "Capitaine", "Adjudant-chef", "Commandant", "Lieutenant"])
    name = "Centre d'incendie et de secours %s" % de(c.w)
    role = "Chef du centre d'incendie et de secours %s" % de(c.w)
    email = "cis.%s@sdis67-exemple.fr" % slug(c.w)
    sig = ["%s %s" % (grade, p.FULL), "Chef de centre", "CIS %s – SDIS 67" % c.w]
    subj = R.choice(["Le chef de centre et l'ensemble des sapeurs-pompiers %s" % de(c.w), "Le Centre d'incendie et de secours %s" % de(c.w)])
    return Org("pompiers", name, c, p, role, email, subj, subj.startswith("Le chef"), sig, True)


SCHOOL_NAMES = ["Jean-Monnet", "Robert-Schuman", "Albert-Schweitzer", "Marcel-Pagnol", "Jules-Verne",
                "Louise-Weiss", "Tomi-Ungerer", "Sainte-Odile", "Marie-Curie", "Victor-Hugo", "Les Tilleuls"]


def org_school(c, level=None):
    level = level or R.choice(["collège", "lycée", "école élémentaire", "lycée professionnel"])
    sn = R.choice(SCHOOL_NAMES)
    p = person()
    name = "%s %s" % (level.capitalize(), sn)
    role = {"collège": p.e("Principal", "Principale"), "lycée": p.e("Proviseur", "Proviseure"),
            "lycée professionnel": p.e("Proviseur", "Proviseure"), "école élémentaire": p.e("Directeur", "Directrice")}[level]
    email = "ce.067%04d%s@ac-strasbourg-exemple.fr" % (R.randint(0, 9999), R.choice("ABCDEFGHJK"))
    line, _ = sig_address_line(c)
    if R.random() < 0.6:
        sig = [p.full, role, "%s – %s" % (name, c.w), line]
    else:
        sig = [p.full, role, name, "%s %s" % (c.cp, c.w)]
    o = Org("school", name, c, p, role, email, "L'équipe de direction et les élèves du %s %s" % (level, sn) if level != "école élémentaire" else "L'équipe de l'%s %s" % (level, sn), True, sig, True)
    o.level, o.sn = level, sn
    return o


COMPANIES = [("Brasserie Kieffer & Fils", "brasserie"), ("Menuiserie Ritter SAS", "menuiserie"),
             ("Transports Heckel", "transports"), ("Alsace Méthanisation Nord", "méthaniseur"),
             ("Boulangerie industrielle du Ried", "boulangerie"), ("Imprimerie Stoeckel", "imprimerie"),
             ("Laiterie coopérative de l'Outre-Forêt", "laiterie"), ("Hummel Mécanique de précision", "usine"),
             ("Jardinerie Wolff", "jardinerie"), ("Caves Ehrhart", "cave"), ("Solaire Rhin SAS", "centrale"),
             ("Scierie Walter", "scierie"), ("Garage Fuchs", "garage"), ("Moulins Engel", "moulin")]


def org_company(c):
    cn, ck = R.choice(COMPANIES)
    p = person()
    role = R.choice([p.e("Directeur général", "Directrice générale"), p.e("Gérant", "Gérante"), p.e("Président", "Présidente")])
    email = email_of(p, slug(cn).split("-")[0] + "-" + slug(cn).split("-")[1] + ".fr")
    line, _ = sig_address_line(c, R.choice(["rue des Artisans", "rue de l'Industrie", "ZA du Ried", "rue du Commerce", "ZI Nord, rue de la Forge"]))
    sig = [p.full, role, cn, line, "Tél. " + phone()]
    o = Org("company", cn, c, p, role, email, "%s et toute l'équipe %s" % (p.full, de(cn)), True, sig, True)
    o.ck = ck
    return o


def org_inst(which):
    p = person()
    s = COMMUNES["strasbourg"]
    if which == "prefecture":
        return Org("prefecture", "Préfecture du Bas-Rhin", s, p, "Directeur de cabinet" if not p.f else "Directrice de cabinet",
                   "pref-protocole@bas-rhin.gouv-exemple.fr", "La Préfète de la région Grand Est, Préfète du Bas-Rhin", False,
                   ["Bureau du cabinet – protocole", "Préfecture du Bas-Rhin", "5 place de la République – 67073 Strasbourg Cedex"], True)
    if which == "cea":
        return Org("cea", "Collectivité européenne d'Alsace", s, p, p.e("Président", "Présidente") + " de la Collectivité européenne d'Alsace",
                   "protocole@alsace-cea-exemple.eu", "%s, %s de la Collectivité européenne d'Alsace" % (p.full, p.e("Président", "Présidente")), False,
                   ["Service du protocole", "Collectivité européenne d'Alsace", "Place du Quartier Blanc – 67964 Strasbourg Cedex 9"], True)
    if which == "ems":
        return Org("ems", "Eurométropole de Strasbourg", s, p, p.e("Président", "Présidente") + " de l'Eurométropole",
                   "protocole@strasbourg-eu-exemple.fr", "%s de l'Eurométropole de Strasbourg" % p.e("Le Président", "La Présidente"), False,
                   ["Direction de la communication – Protocole", "Eurométropole de Strasbourg", "1 parc de l'Étoile, 67076 Strasbourg Cedex"], True)
    if which == "amf67":
        return Org("amf67", "Association des maires du Bas-Rhin", s, p, p.e("Président", "Présidente") + " de l'Association des maires du Bas-Rhin",
                   "contact@maires67-exemple.fr", "L'Association des maires du Bas-Rhin", False,
                   [p.full, p.e("Président", "Présidente") + " de l'Association des maires du Bas-Rhin", "Maire de " + COMMUNES[R.choice(SMALL)].w], True)
    if which == "chambre_agri":
        return Org("chambre", "Chambre d'agriculture Alsace", s, p, p.e("Président", "Présidente"),
                   "presidence@alsace.chambagri-exemple.fr", "La Chambre d'agriculture Alsace", False,
                   [p.full, p.e("Président", "Présidente") + " de la Chambre d'agriculture Alsace", "2 rue de Rome – 67300 Schiltigheim"], True)
    if which == "cci":
        return Org("cci", "CCI Alsace Eurométropole", s, p, p.e("Président", "Présidente"),
                   "evenements@alsace-cci-exemple.fr", "La CCI Alsace Eurométropole", False,
                   ["Service événements", "CCI Alsace Eurométropole", "10 place Gutenberg – 67000 Strasbourg"], True)
    raise ValueError(which)


EPCI_NO_COMMUNE = ["Communauté de communes du Kochersberg et de l'Ackerland",
                   "Communauté de communes de l'Alsace Bossue",
                   "Communauté de communes Sauer-Pechelbronn",
                   "Communauté de communes de la Vallée de la Bruche",
                   "Communauté de communes du Pays Rhénan"]


def org_epci(name=None):
    name = name or R.choice(EPCI_NO_COMMUNE)
    p = person()
    return Org("epci", name, None, p, p.e("Président", "Présidente") + " de la communauté de communes",
               "communication@cc-%s-exemple.fr" % slug(name.split(" ")[-1]), "La %s" % name[0].lower() + name[1:], False,
               [p.full, p.e("Président", "Présidente"), name, "Service communication – tél. " + phone()], False)


# ---------------------------------------------------------------------------
# places
# ---------------------------------------------------------------------------
HALLS = [("la", "salle des fêtes"), ("la", "salle polyvalente"), ("le", "foyer Saint-Joseph"),
         ("le", "foyer paroissial"), ("l'", "Espace culturel"), ("le", "centre socioculturel"),
         ("la", "salle Jean-Moulin"), ("le", "complexe sportif Pierre-de-Coubertin"),
         ("le", "gymnase Léo-Lagrange"), ("la", "maison des associations"), ("la", "salle Marcel-Rudloff"),
         ("la", "salle Albert-Schweitzer"), ("le", "centre culturel Robert-Schuman"), ("la", "salle Sainte-Odile"),
         ("la", "salle du Cercle"), ("l'", "Espace Apollo"), ("la", "Maison du temps libre"),
         ("le", "Relais culturel"), ("la", "salle des sports"), ("la", "salle Georges-Brassens"),
         ("la", "salle Marie-Curie"), ("la", "salle Tomi-Ungerer"), ("le", "foyer Saint-Martin"),
         ("la", "salle Saint-Nicolas"), ("l'", "espace Marguerite-Yourcenar"), ("la", "halle aux Houblons"),
         ("le", "caveau de la Dîme"), ("la", "salle de la Dîme"), ("la", "salle du Brühl"),
         ("la", "salle Charles-de-Foucauld"), ("l'", "Espace Vogel"), ("la", "salle Mozart"),
         ("la", "grange aux Dîmes"), ("la", "salle de l'Union"), ("le", "Cosec Jean-Jaurès")]
PERSON_HALLS = [h for h in HALLS if re.search(r"[A-Z][a-zé]+-[A-Z]", h[1]) or h[1] in ("salle Mozart",)]


def a_(art, name):
    if art == "le":
        return "au " + name
    if art == "les":
        return "aux " + name
    if art == "la":
        return "à la " + name
    if art == "l'":
        return "à l'" + name
    return "à " + name


def the(art, name):
    if art == "l'":
        return "l'" + name
    if not art:
        return name
    return art + " " + name


def de_(art, name):
    if art == "le":
        return "du " + name
    if art == "les":
        return "des " + name
    if art == "la":
        return "de la " + name
    if art == "l'":
        return "de l'" + name
    return "de " + name


def cap1(s):
    return s[:1].upper() + s[1:]


class Place:
    def __init__(self, c, hall=None, street=None, num=None, quarter=None, extra=None):
        self.c, self.hall, self.street, self.num, self.quarter = c, hall, street, num, quarter
        self.extra = extra   # e.g. "cour d'honneur"

    @property
    def addr(self):
        if not self.street:
            return None
        return ("%s %s" % (self.num, self.street)) if self.num else self.street

    def label(self):
        sh = getattr(self, "shown", None) or {"hall", "addr", "cp"}
        parts = []
        if self.hall and "hall" in sh:
            parts.append(cap1(self.hall[1]))
        if self.addr and "addr" in sh:
            parts.append(self.addr)
        if self.c:
            cn = self.c.name if not self.quarter else "%s (%s)" % (self.c.name, self.quarter)
            withcp = self.addr and "addr" in sh and "cp" in sh
            parts.append(("%s %s" % (self.c.cp if not self.quarter else QUARTERS[self.quarter], cn)) if withcp else cn)
        return ", ".join(parts)

    def prose(self, style):
        """-> (text with preposition, commune evidence string or None)"""
        c, h = self.c, self.hall
        cw = c.w if c else None
        hall_a = a_(*h) if h else None
        self.shown = {"hall", "addr", "cp"}
        if style in ("hall_de", "paren"):
            self.shown = {"hall"}
        elif style == "address_a":
            self.shown = {"hall", "addr"}
        elif style == "hall_only" or style == "quarter" or style == "a_commune_paren":
            self.shown = {"hall", "addr"}
        if style == "hall_de":
            return "%s %s" % (hall_a, de(cw)), cw
        if style == "address":
            cp = c.cp
            town = cw if R.random() < 0.75 else cw.upper()
            if h:
                return "%s, %s, %s %s" % (hall_a, self.addr, cp, town), town
            return "%s, %s %s" % (self.addr, cp, town), town
        if style == "address_a":
            return "%s, %s à %s" % (hall_a, self.addr, cw), cw
        if style == "paren":
            return "%s (%s)" % (hall_a, cw), cw
        if style == "commune_first":
            if self.addr and (not h or R.random() < 0.5):
                self.shown = {"addr"}
                return "à %s, %s" % (cw, self.addr), cw
            self.shown = {"hall"}
            return "à %s, %s" % (cw, the(*h)), cw
        if style == "a_commune_paren":
            inner = the(*h) if h else self.addr
            if h and self.addr:
                inner += ", " + self.addr
            return "à %s (%s)" % (cw, inner), cw
        if style == "hall_only" and not h:
            self.shown = {"addr"}
            return "%s, %s" % (R.choice(["sur notre site", "dans nos locaux", "chez nous"]), self.addr), None
        if style == "hall_only":
            if self.addr and R.random() < 0.6:
                return "%s, %s" % (hall_a, self.addr), None
            self.shown = {"hall"}
            return hall_a, None
        if style == "quarter":
            q = self.quarter
            k = R.random()
            if k < 0.4:
                return "%s, %s, Strasbourg-%s" % (hall_a, self.addr, q), "Strasbourg-" + q
            if k < 0.7:
                self.shown = {"hall"}
                return "%s %s" % (hall_a, ("du " + q) if q in ("Neudorf", "Neuhof") else ("de la " + q) if q in ("Robertsau", "Meinau", "Krutenau", "Montagne-Verte") else ("de " + q)), q
            return "%s, %s à %s (Strasbourg)" % (hall_a, self.addr, q), q
        raise ValueError(style)

    def card(self, style):
        """Card lines: hall on its line, address line, commune on its own line."""
        c, h = self.c, self.hall
        L = []
        self.shown = {"hall"}
        if h:
            L.append(cap1(h[1]) if R.random() < 0.7 else cap1(h[1]).upper())
        if self.quarter:
            self.shown = {"hall", "addr"}
            if self.addr:
                L.append(self.addr)
            L.append("Strasbourg-%s" % self.quarter if R.random() < 0.6 else "%s %s" % (QUARTERS[self.quarter], "STRASBOURG"))
            return L, L[-1].split(" ")[-1] if not L[-1].startswith("Strasbourg-") else L[-1]
        if style == "hall_only":
            if self.addr:
                L.append(self.addr)
                self.shown = {"hall", "addr"}
            return L, None
        if self.addr and R.random() < 0.8:
            L.append(self.addr)
            self.shown = {"hall", "addr"}
            if R.random() < 0.5:
                self.shown = {"hall", "addr", "cp"}
                L.append("%s %s" % (c.cp, c.w.upper() if R.random() < 0.5 else c.w))
                return L, L[-1][6:]
        town = c.w if R.random() < 0.6 else c.w.upper()
        L.append(town)
        return L, town


def mk_place(c, hall=None, addr_kind=None, quarter=None):
    hall = hall if hall is not None else R.choice(HALLS)
    ak = addr_kind or R.choices(["plain", "date", "town", "none"], [60, 10, 10, 20])[0]
    street = None
    if ak == "plain":
        street = R.choice(STREETS)
    elif ak == "date":
        street = R.choice(DATE_STREETS)
    elif ak == "town":
        street = R.choice([t for t in TOWN_STREETS if fold(c.w) not in fold(t)])
    num = R.choice([None] + list(range(1, 48))) if street and not street.startswith("place") else None
    if street and not num and R.random() < 0.5 and not street.startswith("place"):
        num = R.randint(1, 30)
    return Place(c, hall, street, num, quarter)


# ---------------------------------------------------------------------------
# events: what is being invited to
# ---------------------------------------------------------------------------
class Ev:
    def __init__(self, **kw):
        self.end_date = None
        self.end = None
        self.programme = None
        self.notes = None
        self.extras = []
        self.subjects = []
        self.all_day_ok = False
        self.__dict__.update(kw)


LO, HI = D(2025, 1, 22), D(2027, 12, 12)


def rand_date(wds=(5,), months=None, lo=LO, hi=HI):
    for _ in range(10000):
        d = lo + TD(days=R.randint(0, (hi - lo).days))
        if d.weekday() in wds and (months is None or d.month in months):
            return d
    raise RuntimeError("no date")


def add_min(t, mins):
    x = t[0] * 60 + t[1] + mins
    return (x // 60, x % 60)


FORCE_C = []


def pick_commune(big=0.5, exclude=()):
    if FORCE_C:
        return FORCE_C.pop()
    pool = BIG if R.random() < big else SMALL
    k = R.choice([x for x in pool if x not in exclude])
    return COMMUNES[k]


NOTES = {
    "decor": ("Le port des décorations est souhaité.", "Port des décorations"),
    "decor2": ("Décorations pendantes.", "Décorations pendantes"),
    "ville": ("Tenue de ville.", "Tenue de ville"),
    "gerbe": ("Les élus qui le souhaitent pourront procéder à un dépôt de gerbe ; merci de nous le signaler.", "dépôt de gerbe"),
    "gerbe2": ("Un dépôt de gerbe par les parlementaires est prévu au programme.", "dépôt de gerbe"),
    "carton": ("Merci de vous munir du présent carton, qui vous sera demandé à l'entrée.", "carton demandé à l'entrée"),
    "parking": ("Un stationnement réservé aux élus sera fléché depuis la rue principale.", "stationnement réservé aux élus"),
    "casque": ("Chaussures fermées recommandées (visite de chantier).", "chaussures fermées"),
    "correcte": ("Tenue correcte exigée.", "Tenue correcte exigée"),
    "ceremonie": ("Tenue de cérémonie pour les élus (écharpe tricolore).", "écharpe tricolore"),
}


def monument_place(c):
    street = R.choice(["place de la Mairie", "place du 11 Novembre", "rue de l'Église", "square du Souvenir",
                       "place du 8 Mai 1945", "cimetière communal", "place de l'Église", "parvis de l'église"])
    return Place(c, ("le", "monument aux morts"), street, None)


def ceremony_prog(start, c, with_office=False):
    t0 = add_min(start, -R.choice([15, 20, 30]))
    prog = []
    if with_office:
        t_off = add_min(start, -60)
        prog.append((t_off, R.choice(["office religieux en l'église Saint-Martin", "culte à l'église protestante",
                                      "messe du souvenir en l'église paroissiale"])))
    prog.append((t0, R.choice(["rassemblement des personnalités et des porte-drapeaux devant la mairie",
                               "accueil des autorités sur le parvis de la mairie",
                               "mise en place des délégations et des sapeurs-pompiers",
                               "formation du cortège devant l'hôtel de ville"])))
    prog.append((start, R.choice(["cérémonie au monument aux morts : lecture des messages officiels, dépôt de gerbes, sonnerie aux morts, minute de silence, Marseillaise",
                                  "cérémonie patriotique et dépôt de gerbes au monument aux morts",
                                  "levée des couleurs, lecture du message, appel des morts et dépôt de gerbes"])))
    prog.append((add_min(start, R.choice([40, 45, 60])), R.choice(["verre de l'amitié offert par la municipalité à la salle des fêtes",
                                                                  "vin d'honneur au foyer", "réception à la mairie"])))
    return prog


def k_armistice():
    y = R.choice([2025, 2026, 2027])
    d = D(y, 11, 11)
    c = pick_commune(0.4)
    ok = R.random()
    org = org_mairie(c) if ok < 0.7 else org_assoc(c, "unc" if ok < 0.88 else "souvenir")
    start = R.choice([(10, 0), (10, 30), (11, 0), (11, 0), (11, 15), (9, 45), (11, 30), (10, 45)])
    pl = monument_place(c)
    title, nominal = R.choice([("Cérémonie du 11 Novembre", "la cérémonie commémorative du 11 Novembre"),
                               ("Commémoration de l'Armistice", "la commémoration de l'Armistice du 11 novembre 1918"),
                               ("Cérémonie patriotique du 11 Novembre", "la cérémonie patriotique du 11 Novembre"),
                               ("Armistice de 1918", "la cérémonie de l'Armistice de 1918")])
    return Ev(kind="armistice", title=title, nominal=nominal, date=d, start=start, place=pl, org=org,
              programme=ceremony_prog(start, c, R.random() < 0.3) if R.random() < 0.45 else None,
              notes=NOTES[R.choice(["decor", "decor2", "gerbe", "gerbe2", "ville"])] if R.random() < 0.55 else None,
              extras=[R.choice(["La cérémonie sera suivie d'un vin d'honneur.", "Les élèves de l'école élémentaire liront des lettres de poilus.",
                                "L'harmonie municipale accompagnera la cérémonie.", "Les noms des morts pour la France de la commune seront lus par les enfants du conseil municipal des jeunes."])],
              subjects=["Cérémonie du 11 novembre", "Invitation 11 Novembre %d" % y, "Commémoration du 11 novembre", "Armistice – invitation", "11 novembre : cérémonie"])


def k_8mai():
    y = R.choice([2025, 2026, 2027])
    d = D(y, 5, 8)
    c = pick_commune(0.4)
    org = org_mairie(c) if R.random() < 0.75 else org_assoc(c, "unc")
    start = R.choice([(10, 0), (10, 30), (11, 0), (11, 0), (18, 0), (9, 30)])
    anniv = {2025: "du 80e anniversaire de la Victoire", 2026: "du 81e anniversaire de la Victoire", 2027: "du 82e anniversaire de la Victoire"}[y]
    title, nominal = R.choice([("Commémoration du 8 Mai 1945", "la commémoration du 8 Mai 1945"),
                               ("Victoire 1945", "la cérémonie commémorative %s" % anniv),
                               ("Cérémonie du 8 mai", "la cérémonie du 8 Mai")])
    return Ev(kind="8mai", title=title, nominal=nominal, date=d, start=start, place=monument_place(c), org=org,
              programme=ceremony_prog(start, c) if R.random() < 0.35 else None,
              notes=NOTES[R.choice(["decor", "gerbe", "ville"])] if R.random() < 0.5 else None,
              extras=[R.choice(["Un apéritif sera servi à l'issue de la cérémonie.", "Les porte-drapeaux des associations patriotiques seront présents.", ""])],
              subjects=["Cérémonie du 8 mai", "8 mai %d – invitation" % y, "Commémoration Victoire 1945", "Invitation cérémonie 8 Mai"])


def k_14juillet():
    y = R.choice([2025, 2026, 2027])
    d = D(y, 7, 14)
    c = pick_commune(0.5)
    org = org_mairie(c)
    start = R.choice([(10, 30), (11, 0), (10, 0), (9, 45)])
    pl = R.choice([monument_place(c), Place(c, ("la", "place de la Mairie")), Place(c, ("la", "cour d'honneur de l'hôtel de ville"))])
    return Ev(kind="14juillet", title="Fête nationale", nominal=R.choice(["la cérémonie de la Fête nationale", "la cérémonie officielle du 14 Juillet", "la prise d'armes du 14 Juillet"]),
              date=d, start=start, place=pl, org=org,
              notes=NOTES["ville"] if R.random() < 0.3 else None,
              extras=[R.choice(["Un défilé des sapeurs-pompiers et des jeunes sapeurs-pompiers clôturera la cérémonie.", "La remise des diplômes aux sapeurs-pompiers méritants aura lieu à cette occasion."])],
              subjects=["Fête nationale", "14 juillet – cérémonie officielle", "Invitation Fête nationale %d" % y])


def k_deportation():
    y = R.choice([2025, 2026, 2027])
    d = last_sunday(y, 4)
    c = pick_commune(0.6)
    org = org_mairie(c) if R.random() < 0.6 else org_assoc(c, "souvenir")
    return Ev(kind="deportation", title="Souvenir de la Déportation",
              nominal="la Journée nationale du souvenir des victimes et héros de la Déportation",
              date=d, start=R.choice([(10, 0), (11, 0), (10, 30), (17, 0)]), place=monument_place(c), org=org,
              notes=NOTES["decor"] if R.random() < 0.4 else None,
              subjects=["Journée du souvenir de la Déportation", "Cérémonie Déportation %d" % y])


def k_18juin():
    y = R.choice([2025, 2026, 2027])
    d = D(y, 6, 18)
    c = pick_commune(0.6)
    org = org_mairie(c) if R.random() < 0.5 else org_assoc(c, "souvenir")
    pl = Place(c, ("la", "stèle du Général-de-Gaulle"), R.choice(["place du 18 Juin 1940", "place Charles-de-Gaulle", "rue du Général-de-Gaulle"]))
    return Ev(kind="18juin", title="Appel du 18 Juin", nominal="la commémoration de l'Appel historique du Général de Gaulle du 18 juin 1940",
              date=d, start=R.choice([(18, 0), (18, 30), (11, 0), (17, 45)]), place=pl, org=org,
              notes=NOTES["decor"] if R.random() < 0.3 else None,
              subjects=["Appel du 18 juin", "Commémoration 18 Juin", "Invitation – Appel du 18 juin 1940"])


def k_voeux():
    y = R.choice([2025, 2026, 2026, 2027, 2027])
    lo = D(y, 1, 8) if y > 2025 else D(2025, 1, 22)
    which = R.random()
    if which < 0.62:
        c = pick_commune(0.5)
        org = org_mairie(c)
        nominal = R.choice(["la cérémonie des vœux %s" % ("à la population" if R.random() < 0.5 else "du Maire"),
                            "la réception des vœux de la municipalité", "la traditionnelle cérémonie des vœux",
                            "la soirée des vœux aux forces vives de la commune"])
    elif which < 0.72:
        org = org_inst("cea")
        c = pick_commune(0.8)
        nominal = "la cérémonie des vœux de la Collectivité européenne d'Alsace"
    elif which < 0.80:
        org = org_inst("ems")
        c = COMMUNES["strasbourg"]
        nominal = "la réception des vœux de l'Eurométropole"
    elif which < 0.88:
        org = org_inst("cci")
        c = COMMUNES[R.choice(["strasbourg", "haguenau", "selestat", "saverne", "molsheim"])]
        nominal = "la soirée des vœux de la CCI aux acteurs économiques"
    else:
        org = org_pompiers(pick_commune(0.5))
        c = org.c
        nominal = "la cérémonie des vœux des sapeurs-pompiers"
    wd = R.choice([4, 4, 4, 6, 5, 0, 3])
    d = rand_date((wd,), (1,), lo, D(y, 1, 31))
    start = {4: R.choice([(19, 0), (18, 30), (19, 30), (18, 0)]), 6: R.choice([(11, 0), (10, 30), (17, 0)]),
             5: R.choice([(17, 0), (18, 0), (11, 0)]), 0: (18, 30), 3: R.choice([(18, 0), (19, 0)])}[wd]
    hall = R.choice([("la", "salle des fêtes"), ("le", "centre culturel Robert-Schuman"), ("l'", "Espace culturel"),
                     ("la", "salle polyvalente"), ("le", "complexe sportif Pierre-de-Coubertin"), ("la", "salle Jean-Moulin"),
                     ("la", "halle aux Houblons"), ("le", "Relais culturel"), ("l'", "Espace Vogel"), ("la", "Maison du temps libre")])
    if org.kind == "ems":
        pl = Place(c, ("le", "Palais de la musique et des congrès"), "place de Bordeaux", None)
    elif org.kind == "cea":
        pl = mk_place(c, hall)
    else:
        pl = mk_place(c, hall)
    return Ev(kind="voeux", title="Vœux " + str(y), nominal=nominal, date=d, start=start, place=pl, org=org,
              extras=[R.choice(["Le verre de l'amitié prolongera ce moment de convivialité.", "La cérémonie sera suivie d'une réception.",
                                "Les bénévoles et les nouveaux habitants seront mis à l'honneur.", "Un buffet sera servi à l'issue des discours.", ""])],
              subjects=["Vœux %d" % y, "Invitation cérémonie des vœux", "Cérémonie des voeux %d" % y, "Réception des vœux – invitation", "Vœux de la municipalité"])


INAUG_OBJ = [
    ("la", "nouvelle école maternelle des Tilleuls", "école"), ("le", "nouveau périscolaire", "périscolaire"),
    ("la", "médiathèque rénovée", "médiathèque"), ("la", "maison de santé pluriprofessionnelle", "maison de santé"),
    ("le", "city-stade", "city-stade"), ("le", "terrain synthétique du stade municipal", "terrain synthétique"),
    ("la", "nouvelle caserne des sapeurs-pompiers", "caserne"), ("le", "pôle petite enfance", "crèche"),
    ("la", "salle multi-activités", "salle"), ("l'", "extension de l'EHPAD Les Tilleuls", "EHPAD"),
    ("la", "piste cyclable entre les deux villages", "piste cyclable"), ("le", "nouveau groupe scolaire", "groupe scolaire"),
    ("la", "place du village réaménagée", "place"), ("le", "nouvel atelier technique municipal", "atelier"),
    ("la", "nouvelle chaufferie biomasse", "chaufferie"), ("le", "parcours de santé", "parcours"),
    ("la", "salle des fêtes rénovée", "salle des fêtes"), ("le", "jardin du souvenir", "jardin"),
    ("la", "passerelle sur la Moder", "passerelle"), ("le", "nouveau club-house", "club-house"),
]


def k_inauguration(pierre=False):
    c = pick_commune(0.5)
    k = R.random()
    if k < 0.62:
        org = org_mairie(c)
    elif k < 0.77:
        org = org_company(c)
    elif k < 0.87:
        org = org_school(c)
    else:
        org = org_assoc(c, R.choice(["foot", "tennis", "pompiers_amicale", "aines"]))
    if org.kind == "company":
        obj = ("le", R.choice(["nouveau site de production", "nouvel entrepôt", "nouveau bâtiment", "atelier agrandi"]), "site")
    elif org.kind == "school":
        obj = ("le", R.choice(["nouveau bâtiment", "nouveau CDI", "plateau sportif rénové", "internat rénové"]), "bâtiment")
    elif org.kind.startswith("assoc"):
        obj = ("le", "nouveau club-house", "club-house")
    else:
        obj = R.choice(INAUG_OBJ)
    wd = R.choice([5, 5, 5, 4, 2, 0, 6, 3])
    d = rand_date((wd,), (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12))
    start = R.choice([(10, 0), (10, 30), (11, 0), (11, 0), (12, 0)]) if wd in (5, 6) else R.choice([(17, 0), (17, 30), (18, 0), (18, 30), (11, 0), (16, 0), (12, 0)])
    what = ("la pose de la première pierre %s" % de_(obj[0], obj[1])) if pierre else ("l'inauguration %s" % de_(obj[0], obj[1]))
    hall = obj[:2] if obj[2] not in ("piste cyclable", "parcours", "place", "passerelle") else None
    pl = mk_place(c, hall, addr_kind=R.choice(["plain", "plain", "date", "town"]))
    if pierre:
        pl = mk_place(c, ("le", "chantier %s" % de_(obj[0], obj[1]).replace("de la ", "de la ").replace("du ", "du ")), addr_kind="plain")
    if hall is None and not pierre:
        pl = Place(c, ("le", "départ %s" % de_(obj[0], obj[1])) if obj[2] in ("piste cyclable", "parcours") else obj[:2], R.choice(STREETS), None)
    prog = None
    if R.random() < 0.3:
        prog = [(start, "accueil des invités"), (add_min(start, 15), "allocutions"),
                (add_min(start, 45), "coupure du ruban et visite des lieux" if not pierre else "pose symbolique de la première pierre"),
                (add_min(start, 75), "verre de l'amitié")]
    return Ev(kind="premiere_pierre" if pierre else "inauguration",
              title=("Première pierre – " if pierre else "Inauguration – ") + obj[1], nominal=what, date=d, start=start,
              place=pl, org=org, programme=prog,
              notes=NOTES[R.choice(["casque", "parking", "carton"] if pierre else ["parking", "carton", "ville"])] if (pierre or R.random() < 0.2) else None,
              extras=[R.choice(["Après deux ans de travaux, nous sommes fiers de vous présenter cet équipement.",
                                "Ce projet a bénéficié du soutien de l'État (DETR) et de la Collectivité européenne d'Alsace.",
                                "La visite sera suivie d'un moment convivial.", "Les entreprises ayant participé au chantier seront présentes.",
                                "Votre soutien lors de l'instruction du dossier de subvention a été déterminant."])],
              subjects=["Inauguration %s" % obj[1] if not pierre else "Pose de la première pierre", "Invitation inauguration",
                        "Invitation – %s" % what, "Carton d'invitation", "Inauguration le %d/%02d" % (d.day, d.month)])


def k_ag():
    c = pick_commune(0.4)
    org = org_assoc(c)
    wd = R.choice([4, 4, 5, 5, 6, 3, 1])
    d = rand_date((wd,), (1, 2, 3, 4, 5, 6, 9, 10, 11))
    start = {4: R.choice([(19, 0), (20, 0), (19, 30), (20, 15)]), 5: R.choice([(14, 30), (17, 0), (15, 0), (10, 0)]),
             6: R.choice([(10, 0), (10, 30)]), 3: R.choice([(19, 0), (20, 0)]), 1: (19, 30)}[wd]
    return Ev(kind="ag", title="Assemblée générale – " + org.name,
              nominal=R.choice(["l'assemblée générale annuelle de notre association", "notre assemblée générale ordinaire",
                                "l'assemblée générale de notre association",
                                "notre assemblée générale, suivie du repas des membres"]),
              date=d, start=start, place=mk_place(c), org=org,
              extras=[R.choice(["L'ordre du jour comprend le rapport moral, le rapport financier et le renouvellement du comité.",
                                "À l'issue de l'assemblée, nous mettrons à l'honneur nos membres les plus fidèles.",
                                "Un repas sera servi à l'issue de l'assemblée (participation de 15 €).",
                                "Nous présenterons notre bilan et nos projets, notamment la rénovation de notre local.", ""])],
              subjects=["Assemblée générale", "Invitation AG", "AG %d" % d.year, "Invitation à notre assemblée générale", "AG annuelle – invitation"])


def k_comice():
    y = R.choice([2025, 2026, 2027])
    d = rand_date((5,), (8, 9), D(y, 8, 20), D(y, 9, 25))
    c = COMMUNES[R.choice(SMALL)]
    canton = COMMUNES[R.choice(["wasselonne", "truchtersheim", "hochfelden", "bouxwiller", "rosheim", "ville", "marckolsheim", "seltz", "brumath"])]
    p = person()
    name = "Comice agricole du canton %s" % de(canton.w)
    org = Org("comice", name, canton, p, p.e("Président", "Présidente") + " du comice", email_of(p, R.choice(WEBMAIL)),
              "Le comité d'organisation du comice agricole", False, [p.full, p.e("Président", "Présidente") + " du " + name], True)
    pl = Place(c, ("le", "site du comice"), R.choice(["route de Saverne", "terrain de football, rue du Stade", "pré communal, rue des Prés", "route de Strasbourg"]), None)
    return Ev(kind="comice", title="Comice agricole %d" % y, nominal="le comice agricole %d" % y, date=d, end_date=d + TD(days=1),
              start=R.choice([(10, 0), (10, 30), (11, 0), (9, 30)]), place=pl, org=org,
              extras=["L'inauguration officielle et la visite des stands auront lieu le samedi matin, suivies du déjeuner des officiels.",
                      R.choice(["Plus de 200 animaux seront présentés.", "Le concours de bovins se tiendra le dimanche.", ""])],
              subjects=["Comice agricole %d" % y, "Invitation comice", "Comice agricole – inauguration officielle"])


def k_congres(national=False):
    if national:
        y = R.choice([2025, 2026, 2027])
        d = nth_weekday(y, 11, 1, 3)  # third Tuesday of November
        p = person()
        org = org_inst("amf67")
        pl = Place(COMMUNES["paris"], ("le", "Paris Expo Porte de Versailles"), "1 place de la Porte de Versailles", None)
        return Ev(kind="congres_national", title="Congrès des maires de France %d" % y,
                  nominal="le déplacement de la délégation bas-rhinoise au Congrès des maires et des présidents d'intercommunalité de France",
                  date=d, end_date=d + TD(days=2), start=R.choice([(9, 0), (9, 30)]), place=pl, org=org,
                  extras=["Un temps d'échange avec les parlementaires du Bas-Rhin est prévu sur le stand de l'association."],
                  subjects=["Congrès des maires de France – délégation du Bas-Rhin", "Congrès AMF %d" % y])
    y = R.choice([2025, 2026, 2027])
    d = rand_date((5, 4), (9, 10), D(y, 9, 15), D(y, 10, 25))
    org = org_inst("amf67")
    c = COMMUNES[R.choice(["haguenau", "selestat", "obernai", "saverne", "molsheim", "strasbourg", "erstein", "illkirch"])]
    hall = {"haguenau": ("le", "Centre de conférences"), "selestat": ("les", "Tanzmatten"), "obernai": ("la", "Halle aux Blés"),
            "illkirch": ("l'", "Illiade"), "strasbourg": ("le", "Palais de la musique et des congrès")}.get([k for k, v in COMMUNES.items() if v is c][0], R.choice(HALLS))
    return Ev(kind="congres", title="Congrès des maires du Bas-Rhin %d" % y, nominal="le congrès départemental des maires du Bas-Rhin",
              date=d, start=R.choice([(9, 0), (8, 30), (9, 30)]), end=R.choice([None, (17, 0), (16, 30)]),
              place=mk_place(c, hall), org=org,
              extras=["La matinée sera consacrée aux finances locales ; l'après-midi, une table ronde réunira les parlementaires du département."],
              subjects=["Congrès départemental des maires %d" % y, "Invitation Congrès des maires du Bas-Rhin"])


def k_sainte_barbe():
    y = R.choice([2025, 2026, 2027])
    wd = R.choice([5, 5, 4, 6])
    d = rand_date((wd,), (11, 12), D(y, 11, 22), D(y, 12, 14))
    c = pick_commune(0.5)
    org = org_pompiers(c) if R.random() < 0.6 else org_assoc(c, "pompiers_amicale")
    start = {5: R.choice([(17, 0), (18, 0), (16, 30), (10, 30)]), 4: R.choice([(19, 0), (18, 30)]), 6: R.choice([(10, 0), (10, 30)])}[wd]
    pl = mk_place(c, R.choice([("le", "centre d'incendie et de secours"), ("la", "caserne des sapeurs-pompiers"), ("le", "centre de secours")]), addr_kind="plain")
    prog = None
    if R.random() < 0.5:
        prog = [(start, "rassemblement et revue des personnels"), (add_min(start, 20), "remise de médailles, de galons et de diplômes"),
                (add_min(start, 50), "dépôt de gerbe à la mémoire des sapeurs-pompiers morts en service"),
                (add_min(start, 75), "allocutions puis verre de l'amitié")]
    return Ev(kind="sainte_barbe", title="Sainte-Barbe – CIS " + c.w, nominal=R.choice(["la cérémonie de la Sainte-Barbe", "notre traditionnelle Sainte-Barbe", "la fête de la Sainte-Barbe de notre centre"]),
              date=d, start=start, place=pl, org=org, programme=prog,
              notes=NOTES[R.choice(["ville", "ville", "decor"])] if R.random() < 0.5 else None,
              extras=[R.choice(["Nous honorerons à cette occasion nos sapeurs-pompiers ayant 25 et 30 ans de service.",
                                "La soirée se poursuivra par le repas de corps (sur inscription).", ""])],
              subjects=["Sainte-Barbe %d" % y, "Invitation Sainte Barbe", "Ste Barbe – CIS %s" % c.w, "Cérémonie de la Sainte-Barbe"])


def k_medailles():
    c = pick_commune(0.5)
    k = R.random()
    if k < 0.6:
        org = org_mairie(c)
        what = R.choice(["la remise des médailles d'honneur régionale, départementale et communale",
                         "la cérémonie de remise des médailles du travail", "la remise de la médaille de la Famille"])
    elif k < 0.8:
        org = org_assoc(c, R.choice(["unc", "souvenir", "harmonie", "dons"]))
        hon = person()
        what = "la remise des insignes de chevali%s de l'ordre national du Mérite à %s %s" % (hon.e("er", "ère"), hon.civ, hon.full)
    else:
        org = org_pompiers(c)
        what = "la remise de la médaille d'honneur des sapeurs-pompiers"
    wd = R.choice([4, 4, 5, 0, 2])
    d = rand_date((wd,))
    start = R.choice([(18, 0), (18, 30), (19, 0), (17, 30)]) if wd != 5 else R.choice([(11, 0), (10, 30)])
    return Ev(kind="medailles", title="Remise de médailles", nominal=what, date=d, start=start, place=mk_place(c), org=org,
              notes=NOTES[R.choice(["decor", "decor2", "ville"])] if R.random() < 0.4 else None,
              subjects=["Remise de médailles", "Invitation – remise de décorations", "Cérémonie de remise des médailles"])


def k_portes_ouvertes():
    c = pick_commune(0.5)
    k = R.random()
    if k < 0.4:
        org = org_company(c)
        what = "la journée portes ouvertes de notre entreprise"
    elif k < 0.7:
        org = org_school(c, R.choice(["lycée", "lycée professionnel", "collège"]))
        what = "la journée portes ouvertes de l'établissement"
    else:
        org = org_pompiers(c)
        what = "la journée portes ouvertes du centre de secours"
    wd = R.choice([5, 5, 6, 4])
    d = rand_date((wd,), (2, 3, 4, 5, 6, 9, 10))
    start, end = R.choice([((9, 0), (12, 0)), ((10, 0), (17, 0)), ((14, 0), (18, 0)), ((9, 30), (16, 30)), ((10, 0), (18, 0))])
    span = R.random() < 0.3 and wd == 5
    if org.kind == "company":
        pl = mk_place(c, ("le", "site"), addr_kind="plain")
        pl.hall = None
    elif org.kind == "school":
        pl = mk_place(c, ("le", "%s %s" % (org.level, org.sn)), addr_kind="plain")
    else:
        pl = mk_place(c, ("le", "centre de secours"), addr_kind="plain")
    ev = Ev(kind="portes_ouvertes", title="Portes ouvertes – " + org.name, nominal=what, date=d, start=start, end=end,
            end_date=(d + TD(days=1)) if span else None, place=pl, org=org,
            extras=[R.choice(["Un moment officiel avec les élus est prévu en fin de matinée.", "Démonstrations et visites guidées toute la journée.",
                              "Nous serions heureux de vous présenter nos installations et nos apprentis.", ""])],
            subjects=["Portes ouvertes", "Journée portes ouvertes", "Invitation portes ouvertes %d" % d.year])
    return ev


FETES = [
    ("Messti", "le Messti", None), ("Fête de la bière", "la Fête de la bière", "schiltigheim"),
    ("Fête des vendanges", "la Fête des vendanges", "barr"), ("Fête de la choucroute", "la Fête de la choucroute", "krautergersheim"),
    ("Corso fleuri", "le Corso fleuri", "selestat"), ("Fête du houblon", "la Fête du houblon", "haguenau"),
    ("Fête du village", "la fête du village", None), ("Fête de l'été", "la fête de l'été", None),
    ("Fête de la musique", "la Fête de la musique", None), ("Fête des associations", "la fête des associations", None),
    ("Marché de Noël", "l'ouverture officielle du marché de Noël", None), ("Fête de la carpe frite", "la fête de la carpe frite", None),
]


def k_fete():
    t, nom, where = R.choice(FETES)
    c = COMMUNES[where] if where else pick_commune(0.4)
    if t == "Fête de la musique":
        y = R.choice([2025, 2026, 2027])
        d = D(y, 6, 21)
    elif t == "Marché de Noël":
        y = R.choice([2025, 2026, 2027])
        d = rand_date((4, 5), (11, 12), D(y, 11, 21), D(y, 12, 5))
    elif t == "Fête des vendanges":
        y = R.choice([2025, 2026, 2027])
        d = rand_date((5,), (9, 10), D(y, 9, 28), D(y, 10, 10))
    elif t in ("Corso fleuri", "Fête du houblon"):
        y = R.choice([2025, 2026, 2027])
        d = rand_date((5, 6), (8,), D(y, 8, 8), D(y, 8, 28))
    else:
        d = rand_date((5, 6), (5, 6, 7, 8, 9, 10))
    org = org_mairie(c) if R.random() < 0.55 else org_assoc(c, "fetes")
    start = R.choice([(11, 0), (10, 30), (18, 0), (18, 30), (19, 0), (17, 0), (12, 0)])
    span = R.random() < 0.4 and d.weekday() == 5 and t != "Fête de la musique"
    pl = R.choice([Place(c, ("la", "place de la Mairie")), Place(c, ("le", "parc municipal"), R.choice(STREETS)), mk_place(c),
                   Place(c, ("la", "place du Marché"))])
    return Ev(kind="fete", title=t, nominal=nom if not nom.startswith("l'ouverture") else nom, date=d,
              end_date=(d + TD(days=1)) if span else None, start=start, place=pl, org=org,
              extras=[R.choice(["L'ouverture officielle sera suivie d'un apéritif-concert.", "Le défilé partira de la gare et traversera le centre-ville.",
                                "Les élus sont conviés au moment officiel, avant l'ouverture au public.", ""])],
              subjects=["Invitation %s" % t.lower(), t + " %d" % d.year, "%s – ouverture officielle" % t, "Invitation"])


PARTNERS = ["Oberkirch", "Lahr", "Bühl", "Achern", "Rastatt", "Gengenbach", "Ettenheim", "Kappelrodeck"]


def k_jumelage():
    c = pick_commune(0.5)
    org = org_mairie(c) if R.random() < 0.5 else org_assoc(c, "jumelage")
    partner = R.choice(PARTNERS)
    n = R.choice([20, 25, 30, 40, 50, 60])
    d = rand_date((5,), (4, 5, 6, 9, 10))
    return Ev(kind="jumelage", title="%de anniversaire du jumelage avec %s" % (n, partner),
              nominal="la célébration du %de anniversaire du jumelage avec notre ville amie %s" % (n, de(partner)),
              date=d, end_date=(d + TD(days=1)) if R.random() < 0.4 else None,
              start=R.choice([(11, 0), (10, 30), (17, 0), (18, 0)]), place=mk_place(c), org=org,
              extras=["Une délégation de %s, conduite par son Bürgermeister, sera reçue à cette occasion." % partner,
                      "La signature d'une charte renouvelée de jumelage aura lieu en présence des deux conseils municipaux."],
              subjects=["Jumelage %s – %de anniversaire" % (partner, n), "Invitation anniversaire du jumelage", "%d ans de jumelage" % n])


def k_anniv():
    c = pick_commune(0.4)
    akind = R.choice(["harmonie", "foot", "chorale", "gym", "dons", "tennis", "theatre", "aines"])
    org = org_assoc(c, akind)
    n = R.choice([25, 50, 75, 100, 120, 150])
    d = rand_date((5, 6))
    start = R.choice([(18, 0), (19, 0), (11, 0), (17, 30), (10, 30), (12, 0)])
    return Ev(kind="anniversaire", title="%d ans – %s" % (n, org.name),
              nominal=R.choice(["la soirée anniversaire des %d ans de notre association" % n, "la célébration de notre %de anniversaire" % n,
                                "la fête des %d ans de notre société" % n]),
              date=d, start=start, place=mk_place(c), org=org,
              extras=[R.choice(["Fondée en %d, notre association compte aujourd'hui %d membres." % (2025 - n if d.year == 2025 else d.year - n, R.randint(40, 300)),
                                "Une exposition retraçant notre histoire sera présentée.", "La soirée se poursuivra par un dîner dansant."])],
              subjects=["%d ans !" % n, "Invitation – %de anniversaire" % n, "Notre jubilé"])


def k_concert():
    c = pick_commune(0.4)
    org = org_assoc(c, R.choice(["harmonie", "chorale"]))
    d = rand_date((5, 6), (3, 4, 5, 6, 10, 11, 12))
    start = (20, 0) if d.weekday() == 5 else R.choice([(16, 0), (17, 0), (15, 0)])
    pl = R.choice([mk_place(c, ("l'", "église Saint-Martin"), addr_kind="none"), mk_place(c, ("le", "temple protestant"), addr_kind="none"), mk_place(c)])
    return Ev(kind="concert", title="Concert de gala", nominal=R.choice(["notre concert de gala annuel", "le concert de printemps", "le concert de l'Avent"]),
              date=d, start=start, place=pl, org=org,
              extras=[R.choice(["Deux places vous sont réservées au premier rang.", "Entrée libre, plateau au profit de la restauration de l'orgue.", ""])],
              subjects=["Concert de gala", "Invitation concert", "Concert – places réservées"])


def k_prix():
    c = pick_commune(0.5)
    org = org_mairie(c)
    what = R.choice(["la remise des prix du concours des maisons fleuries", "la soirée de remise des prix du concours des illuminations",
                     "la cérémonie de remise des diplômes du brevet", "la réception des sportifs méritants"])
    d = rand_date((4, 2, 0), (1, 2, 3, 10, 11))
    return Ev(kind="remise_prix", title="Remise des prix", nominal=what, date=d, start=R.choice([(18, 30), (19, 0), (18, 0), (20, 0)]),
              place=mk_place(c), org=org, subjects=["Invitation remise des prix", "Soirée des lauréats", "Remise des prix %d" % d.year])


def k_forum():
    k = R.random()
    if k < 0.5:
        org = org_inst("chambre_agri")
        c = COMMUNES[R.choice(["schiltigheim", "obernai", "saverne", "haguenau"])]
        what = R.choice(["la journée technique consacrée à l'eau et à l'irrigation", "le forum « Installation des jeunes agriculteurs »"])
    else:
        org = org_inst("cci")
        c = COMMUNES[R.choice(["strasbourg", "haguenau", "selestat", "molsheim"])]
        what = R.choice(["le forum de l'emploi et de l'apprentissage", "la rencontre annuelle de l'industrie du Bas-Rhin"])
    d = rand_date((1, 2, 3))
    start, end = R.choice([((14, 0), (17, 0)), ((9, 0), (12, 30)), ((9, 30), (16, 0)), ((14, 30), (18, 0))])
    return Ev(kind="forum", title=what[3:] if what.startswith("la ") else what, nominal=what, date=d, start=start, end=end,
              place=mk_place(c), org=org, subjects=["Invitation – " + what, "Save the date", "Forum %d" % d.year])


def k_citoyennete():
    if R.random() < 0.5:
        org = org_inst("prefecture")
        c = COMMUNES["strasbourg"]
        pl = Place(c, ("la", "préfecture du Bas-Rhin, salon d'honneur"), "5 place de la République", None)
        what = "la cérémonie d'accueil dans la nationalité française"
    else:
        c = pick_commune(0.5)
        org = org_mairie(c)
        pl = mk_place(c, ("la", "salle du conseil municipal"), addr_kind="none")
        what = "la cérémonie de citoyenneté et de remise des cartes d'électeur aux jeunes majeurs"
    d = rand_date((0, 1, 2, 3, 4, 5))
    return Ev(kind="citoyennete", title="Cérémonie de citoyenneté", nominal=what, date=d,
              start=R.choice([(10, 0), (10, 30), (11, 0), (18, 0)]), place=pl, org=org,
              notes=NOTES["ceremonie"] if R.random() < 0.3 else None,
              subjects=["Invitation cérémonie de citoyenneté", "Cérémonie citoyenneté"])


def k_culte():
    c = pick_commune(0.4)
    p = person()
    paroisse = R.choice(["Paroisse protestante", "Communauté de paroisses catholiques", "Paroisse catholique Saint-Martin"])
    org = Org("paroisse", "%s %s" % (paroisse, de(c.w)), c, p, R.choice(["Président du conseil presbytéral", "Curé", "Pasteur"]),
              email_of(p, R.choice(WEBMAIL)), "Le conseil de fabrique et la communauté paroissiale", True,
              [p.full, "%s %s" % (paroisse, de(c.w))], True)
    what = R.choice(["le culte d'installation de notre nouvelle pasteure", "la messe solennelle du 250e anniversaire de l'église",
                     "la bénédiction de l'orgue restauré"])
    d = rand_date((6,))
    return Ev(kind="culte", title=what.split(" de ")[0].replace("le ", "").replace("la ", "").capitalize(), nominal=what, date=d,
              start=R.choice([(10, 0), (10, 30), (15, 0)]), place=mk_place(c, R.choice([("l'", "église Saint-Martin"), ("le", "temple"), ("l'", "église protestante")]), addr_kind="plain"),
              org=org, subjects=["Invitation", "Invitation à notre fête paroissiale", "Culte festif"])


KINDS = [(k_armistice, 13), (k_8mai, 10), (k_14juillet, 5), (k_deportation, 3), (k_18juin, 3), (k_voeux, 16),
         (k_inauguration, 20), (lambda: k_inauguration(True), 5), (k_ag, 14), (k_comice, 5), (k_congres, 5),
         (k_sainte_barbe, 10), (k_medailles, 7), (k_portes_ouvertes, 7), (k_fete, 11), (k_jumelage, 4), (k_anniv, 5),
         (k_concert, 4), (k_prix, 4), (k_forum, 3), (k_citoyennete, 3), (k_culte, 3)]


def pick_kind():
    fns, ws = zip(*KINDS)
    return R.choices(fns, ws)[0]()


# ---------------------------------------------------------------------------
# writing an invitation
# ---------------------------------------------------------------------------
SALUTS = ["Madame la Sénatrice,", "Madame la Sénatrice, chère Odile,", "Chère Madame Hertzog,", "Madame,", "Bonjour,",
          "Madame la Sénatrice,\nMadame,", "Bonjour Madame la Sénatrice,", "Chère Odile,", "Madame la Sénatrice, Madame,",
          "Madame la Sénatrice,", "Madame la Sénatrice,", "Mesdames et Messieurs les élus,", "Madame la Sénatrice,\nMesdames, Messieurs,",
          "Madame la Sénatrice, Chère Madame,", "Bonjour Madame,"]
GENERIC_CLOSINGS = [
    "Je vous prie d'agréer, Madame la Sénatrice, l'expression de ma haute considération.",
    "Veuillez agréer, Madame la Sénatrice, l'expression de mes salutations distinguées.",
    "Bien cordialement,", "Avec mes respectueuses salutations,", "Recevez, Madame la Sénatrice, mes salutations respectueuses.",
    "Cordialement,",
    "Je vous prie de croire, Madame la Sénatrice, chère Odile, à l'expression de mes sentiments les plus cordiaux.",
    "Bien à vous,", "Salutations distinguées", "Très cordialement,", "Avec nos remerciements anticipés et nos salutations respectueuses,",
    "Veuillez croire, Madame la Sénatrice, en l'assurance de ma considération distinguée.", "Meilleures salutations,",
    "Je vous prie d'agréer, Madame la Sénatrice, l'assurance de ma respectueuse considération.",
    "Restant à votre disposition, je vous prie d'agréer, Madame la Sénatrice, mes salutations les meilleures.",
]
CLOSINGS = GENERIC_CLOSINGS + [
    "Dans l'attente du plaisir de vous accueillir, je vous prie de croire, Madame la Sénatrice, à l'assurance de mes sentiments les meilleurs.",
    "En espérant vous compter parmi nous, je vous adresse mes très cordiales salutations.",
    "Au plaisir de vous y retrouver, bien cordialement,",
]


def a_nom(n):
    if n.startswith("le "):
        return "au " + n[3:]
    if n.startswith("les "):
        return "aux " + n[4:]
    return "à " + n


def de_nom(n):
    if n.startswith("le "):
        return "du " + n[3:]
    if n.startswith("les "):
        return "des " + n[4:]
    return "de " + n


def header_dt(ev_date, mode="normal", lo=D(2025, 1, 2)):
    if mode == "prochain":
        monday = ev_date - TD(days=ev_date.weekday())
        hd = monday + TD(days=R.choice([0, 1]))
    elif mode == "month_omitted":
        hd = ev_date - TD(days=R.randint(4, 20))
    else:
        k = R.random()
        lead = R.randint(12, 50) if k < 0.6 else R.randint(50, 120) if k < 0.85 else R.randint(4, 11) if k < 0.95 else R.randint(120, 270)
        hd = ev_date - TD(days=lead)
        if hd < lo:
            hd = lo + TD(days=R.randint(0, max(0, (ev_date - lo).days - 5)))
    h = R.choices([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22], [2, 6, 10, 10, 9, 4, 4, 8, 8, 7, 6, 4, 3, 2, 2, 1])[0]
    return dt.datetime(hd.year, hd.month, hd.day, h, R.randint(0, 59), R.randint(0, 59))


DSTYLES = [("full", 30), ("cap", 4), ("noyear", 17), ("nowd", 8), ("nowd_noyear", 4), ("num", 6), ("num_wd", 3),
           ("num_short", 4), ("num_short_wd", 2), ("num_dot", 2), ("abbr", 2), ("capmonth", 2), ("num_2y", 1)]
WD_STYLES = ["full", "cap", "noyear", "num_wd", "abbr", "num_short_wd", "capmonth"]


def pick_dstyle(mismatch=False):
    if mismatch:
        return R.choice(WD_STYLES)
    s, w = zip(*DSTYLES)
    return R.choices(s, w)[0]


def date_text(d, style, wd=None, hd=None):
    """-> (phrase with article, bare text (evidence))."""
    if style == "prochain":
        t = "%s prochain" % JOURS[d.weekday()]
        return t, t
    if style == "month_omitted":
        t = "%s %s" % (JOURS[d.weekday()], day_str(d))
        return R.choice(["ce ", "le "]) + t, t
    t = render_date(d, style, wd, noacc=(R.random() < 0.06))
    return "le " + t, t


def time_text(st, en, tstyle, form=None):
    """-> (phrase with preposition, start evidence, end text or None)."""
    midi = st == (12, 0) and R.random() < 0.7
    s = fmt_time(*st, "midi" if midi else tstyle)
    if en:
        e = fmt_time(*en, tstyle if tstyle != "midi" else "h")
        form = form or R.choice(["de", "de", "entre", "dash", "de"])
        if form == "de":
            return "de %s à %s" % (s, e), s, e
        if form == "entre":
            return "entre %s et %s" % (s, e), s, e
        return "(%s-%s)" % (s, e), s, e
    pre = R.choices(["à", "dès", "à partir de"], [80, 10, 10])[0]
    if s == "midi":
        pre = "à"
    return "%s %s" % (pre, s), s, None


def span_text(d1, d2, yearless=False):
    y = "" if yearless else " %d" % d2.year
    m1, m2 = MOIS[d1.month - 1], MOIS[d2.month - 1]
    same = d1.month == d2.month
    k = R.random()
    if (d2 - d1).days == 1 and k < 0.55:
        if same:
            t = "%s %s et %s %s %s%s" % (JOURS[d1.weekday()], day_str(d1), JOURS[d2.weekday()], day_str(d2), m2, y)
        else:
            t = "%s %s %s et %s %s %s%s" % (JOURS[d1.weekday()], day_str(d1), m1, JOURS[d2.weekday()], day_str(d2), m2, y)
        return ("les " if R.random() < 0.6 else "") + t, t
    if same:
        t = "du %s %s au %s %s %s%s" % (JOURS[d1.weekday()], day_str(d1), JOURS[d2.weekday()], day_str(d2), m2, y)
    else:
        t = "du %s %s %s au %s %s %s%s" % (JOURS[d1.weekday()], day_str(d1), m1, JOURS[d2.weekday()], day_str(d2), m2, y)
    return t, t


T_TIME = [
    "{S} {V} le plaisir de vous inviter {A}, qui aura lieu {D} {T} {P}.",
    "{S} {V} l'honneur de vous convier {A} {D} {T} {P}.",
    "J'ai le plaisir de vous inviter {A} qui se déroulera {D}, {T}, {P}.",
    "Nous serions honorés de votre présence {LORS}, {D} {T} {P}.",
    "{Nc} se tiendra {D} {P}. Le rendez-vous est fixé {Tat}.",
    "Je me permets de vous inviter {A} que nous organisons {D} {P}, {T}.",
    "Pourriez-vous nous faire l'honneur de participer {A} ? Nous vous attendons {D} {T} {P}.",
    "Nous vous convions {A} {P}, {D}, {T}.",
    "C'est avec un grand plaisir que nous vous invitons {A}. Rendez-vous {D} {T} {P} !",
    "Vous êtes cordialement invitée {A}, {D} {T}, {P}.",
    "À l'occasion {DE}, je serais {heureux} de vous accueillir {D} {T} {P}.",
    "Je vous serais {reconnaissant} de bien vouloir honorer de votre présence {N}, {D} {T} {P}.",
    "{Nc} aura lieu cette année {P}. Nous vous y attendons {D} {T} et votre présence serait pour nous un grand honneur.",
    "{Dc}, {T}, {P}, se déroulera {N}. Nous serions très heureux de vous compter parmi nous.",
    "J'ai le plaisir de vous informer que {N} aura lieu {D} {T} {P}. Je serais très {honore} de votre présence.",
    "Vous êtes invitée à nous rejoindre {D} {T} {P} pour {N}.",
    "Nous aurions l'honneur de vous accueillir {D} {T} {P} à l'occasion {DE}.",
    "Votre présence {LORS} nous ferait grand plaisir. Rendez-vous {D} {T} {P}.",
    "Comme chaque année, nous organisons {N} et serions heureux de vous y accueillir {D} {T} {P}.",
    "Permettez-moi de vous inviter {A}, {D} {T} {P}.",
    "Nous serions ravis de vous voir {LORS} {D} {T} {P}.",
    "Je me permets de vous solliciter pour participer {A}, {D} {T} {P}, et serais {ravi} que vous puissiez y prendre la parole.",
    "{S} vous {prient} de bien vouloir honorer de votre présence {N} qui aura lieu {P}, {D} {T}.",
    "Nous serions très heureux que vous puissiez être des nôtres {D} {T} {P} pour {N}.",
]
T_NOTIME = [
    "{S} {V} le plaisir de vous inviter {A}, qui aura lieu {D} {P}.",
    "J'ai l'honneur de vous convier {A} {D} {P}.",
    "Nous serions honorés de votre présence {LORS}, {D} {P}.",
    "{Nc} se déroulera {D} {P}, et nous serions heureux de vous y accueillir.",
    "Nous vous convions {A} {P}, {D}.",
    "Je vous serais {reconnaissant} de bien vouloir honorer de votre présence {N} {D} {P}.",
    "Comme chaque année, nous organisons {N} {D} {P} et serions heureux de vous y accueillir.",
]
FORM_INTROS = ["{S} {V} le plaisir de vous inviter {A}.", "Nous avons le plaisir de vous convier {A} :",
               "Vous êtes cordialement invitée {A}.", "Je vous invite {A}, dont voici les informations pratiques :"]
FORM_LABELS = [("Date : ", "Heure : ", "Lieu : "), ("Quand : ", "À quelle heure : ", "Où : "),
               ("📅 ", "🕚 ", "📍 "), ("- Date : ", "- Horaire : ", "- Adresse : "), ("Jour : ", "Heure : ", "Lieu : ")]
PROG_HEADS = ["Programme :", "Déroulement :", "Au programme :", "Le programme sera le suivant :", "Déroulé de la cérémonie :", "PROGRAMME"]


def prog_lines(prog, tstyle):
    st = R.choice(["- {t} : {x}", "{t} – {x}", "• {t} : {x}", "{t}  {x}", "{t} : {x}"])
    out = []
    for t, x in prog:
        out.append(st.format(t=fmt_time(*t, tstyle), x=x))
    return out


def fill(tpl, sl):
    out = tpl.format(**sl)
    out = re.sub(r" +", " ", out).replace(" ,", ",").replace(" .", ".")
    return out[0].upper() + out[1:]


def slots(ev, dph, tph, pph, signer, tat=None):
    n = ev.nominal
    org = ev.org
    return dict(S=org.subj, V=org.v("a", "ont"), prient=org.v("prie", "prient"), A=a_nom(n), N=n, Nc=cap1(n),
                LORS="lors " + de_nom(n), DE=de_nom(n), D=dph, Dc=cap1(dph), T=tph, Tat=tat or tph, P=pph,
                heureux=signer.e("heureux", "heureuse"), reconnaissant=signer.e("reconnaissant", "reconnaissante"),
                honore=signer.e("honoré", "honorée"), ravi=signer.e("ravi", "ravie"))


RSVP_T = ["Merci de bien vouloir confirmer votre présence avant le {R} au {PH}.",
          "RSVP avant le {R} : {EM}", "Réponse souhaitée pour le {R} auprès de {PERS} ({PH}).",
          "Vous voudrez bien nous faire part de votre réponse par retour de courriel avant le {R}.",
          "Inscription souhaitée avant le {R} par mail à {EM}.",
          "Merci de nous indiquer avant le {R} si vous serez présente ou représentée.",
          "Pour la bonne organisation, merci de confirmer votre participation au secrétariat ({PH}) avant le {R}.",
          "R.S.V.P. au {PH} jusqu'au {R}."]
RSVP_NODATE = ["Merci de nous confirmer votre présence au {PH}.", "Merci de bien vouloir nous informer de votre présence par retour de mail.",
               "Réponse souhaitée auprès de {PERS} au {PH}.", "Pour tout renseignement : {PERS}, {PH}."]


def rsvp_block(ev, hd):
    """-> (sentence or None, rsvp_by date or None, contact or None)"""
    k = R.random()
    ph = phone() if R.random() < 0.7 else mobile()
    em = ev.org.email
    pers = person()
    pers_s = "%s %s" % (pers.civ, pers.full) if R.random() < 0.5 else pers.full
    if k < 0.5:
        lo = hd.date() + TD(days=2)
        hi = ev.date - TD(days=2)
        if hi <= lo:
            return None, None, None
        rd = hi - TD(days=R.randint(0, min(14, (hi - lo).days)))
        rs = render_date(rd, R.choice(["nowd_noyear", "nowd_noyear", "noyear", "num_short", "full", "nowd"]))
        t = R.choice(RSVP_T)
        contact = ph if "{PH}" in t else em if "{EM}" in t else None
        if "{PERS}" in t:
            contact = "%s (%s)" % (pers_s, ph)
        return t.format(R=rs, PH=ph, EM=em, PERS=pers_s), rd, contact
    if k < 0.75:
        t = R.choice(RSVP_NODATE)
        contact = ph if "{PH}" in t else None
        if "{PERS}" in t:
            contact = "%s (%s)" % (pers_s, ph)
        if "retour de mail" in t:
            contact = em
        return t.format(PH=ph, EM=em, PERS=pers_s), None, contact
    return None, None, None


def distractor(hd):
    """A sentence with a past date (not an event to attend)."""
    past = hd.date() - TD(days=R.randint(20, 260))
    k = R.random()
    if k < 0.3:
        return "Lors de sa séance du %s, le conseil municipal a approuvé ce projet à l'unanimité." % render_date(past, R.choice(["nowd", "num", "full"]))
    if k < 0.5:
        return "Les travaux, commencés le %s, sont désormais achevés." % render_date(past, R.choice(["nowd", "num"]))
    if k < 0.65:
        return "Notre association, fondée le %s %s %d, n'a cessé de grandir." % (day_str(past), MOIS[past.month - 1], R.randint(1920, 1990))
    if k < 0.8:
        return "Comme vous le savez, notre dossier a été déposé en préfecture le %s." % render_date(past, "nowd")
    return "Je vous remercie encore pour votre soutien lors de notre rencontre du %s." % render_date(past, R.choice(["full", "nowd_noyear", "noyear"]))


def from_name(org, sig):
    sig_has = org.c is not None and any(fold(org.c.w) in fold(x) for x in sig)
    if not sig_has:
        return org.name
    return R.choice([org.name, org.name, org.p.full if org.p else org.name])


def sender_names_commune(org, minimal=False):
    if org.c is None or not org.in_sender:
        return False
    names = [org.name] + sig_lines(org, minimal)
    return any(fold(org.c.w) in fold(x) for x in names)


def sig_lines(org, minimal=False):
    if minimal:
        return [x for x in org.sig if not re.search(r"\d|\bh\b", x)]
    return list(org.sig)


def choose_pstyle(ev, allow_implied=True):
    c = ev.place.c
    if ev.place.quarter:
        return "quarter"
    choices = [("hall_de", 20), ("address", 25), ("address_a", 8), ("paren", 8), ("commune_first", 8), ("a_commune_paren", 5)]
    if allow_implied and ev.org.c is c and sender_names_commune(ev.org):
        choices.append(("hall_only", 22))
    if ev.place.hall is None:
        choices = [("commune_first", 5), ("address", 5)] + ([("hall_only", 3)] if ("hall_only", 22) in choices else [])
        if not ev.place.street:
            ev.place.street = R.choice(STREETS)
    if not ev.place.street:
        choices = [x for x in choices if x[0] not in ("address", "address_a")]
    s, w = zip(*choices)
    return R.choices(s, w)[0]


class Built:
    """What a writer returns: the message text and its labels."""

    def __init__(self, **kw):
        self.attach = []
        self.feats = []
        self.__dict__.update(kw)


def truth_event(ev, start, end, date, mismatch=False, ambiguous=False, commune_code="__", rsvp_by=None, rsvp_contact=None, all_day=None):
    return {
        "title": ev.title,
        "date": date.isoformat(),
        "end_date": ev.end_date.isoformat() if ev.end_date else None,
        "start": hm(start),
        "end": hm(end),
        "all_day": (start is None and not ambiguous) if all_day is None else all_day,
        "place": ev.place.label(),
        "commune_code": ev.place.c.code if commune_code == "__" and ev.place.c else (None if commune_code == "__" else commune_code),
        "organiser": ev.org.organiser,
        "rsvp_by": rsvp_by.isoformat() if rsvp_by else None,
        "rsvp_contact": rsvp_contact,
        "notes": ev.notes[1] if ev.notes else None,
        "weekday_mismatch": mismatch,
        "ambiguous": ambiguous,
    }


def write_prose(ev, hd, date_mode="normal", pstyle=None, tstyle=None, for_card=False, allday=False):
    """Compose a prose invitation.  Returns Built with text, evidence and truth event."""
    feats = []
    signer = ev.org.p or person()
    mismatch = date_mode == "mismatch"
    if ev.end_date:
        dph, dev = span_text(ev.date, ev.end_date, yearless=R.random() < 0.3)
        dstyle = "span"
        feats.append("date:span")
    else:
        dstyle = date_mode if date_mode in ("prochain", "month_omitted") else pick_dstyle(mismatch)
        wd = None
        if mismatch:
            wd = (ev.date.weekday() + R.choice([1, -1, 1])) % 7
        dph, dev = date_text(ev.date, dstyle, wd)
        feats.append("date:" + dstyle)
        if mismatch:
            feats.append("weekday_mismatch")
    tstyle = tstyle or R.choice(TIME_STYLES)
    pstyle = pstyle or choose_pstyle(ev)
    pph, cev = ev.place.prose(pstyle)
    feats.append("place:" + pstyle)
    if pstyle == "hall_only":
        feats.append("commune_implied")
        cev = ev.org.c.w
    if ev.org.c is not None and ev.place.c is not None and ev.org.c is not ev.place.c:
        feats.append("commune_differs_from_sender")
    if ev.place.street and ev.place.street in TOWN_STREETS:
        feats.append("street_named_after_town")
    if ev.place.street and ev.place.street in DATE_STREETS:
        feats.append("street_looks_like_date")
    if ev.place.hall and ev.place.hall in PERSON_HALLS:
        feats.append("hall_named_after_person")
    if ev.place.c and ("-sur-" in ev.place.c.name or "-lès-" in ev.place.c.name or "-les-" in ev.place.c.name):
        feats.append("commune_sur_les")
    start, end = ev.start, ev.end
    paras = []
    tev = None
    if allday:
        start, end = None, None
        tpl = R.choice(T_NOTIME)
        paras.append(fill(tpl, slots(ev, dph, "", pph, signer)))
        feats.append("time:none")
    elif ev.end_date and not ev.programme:
        tph, tev, eend = time_text(start, None, tstyle)
        tpl = R.choice(T_NOTIME)
        paras.append(fill(tpl, slots(ev, dph, "", pph, signer)))
        paras.append(R.choice(["L'ouverture officielle, en présence des élus, aura lieu le {w} {t}.",
                               "Le moment officiel est prévu le {w} {t}.",
                               "Nous vous attendons pour l'inauguration officielle le {w} {t}."]).format(w=JOURS[ev.date.weekday()], t=tph))
        feats.append("time:" + tstyle)
    elif ev.programme:
        tpl = R.choice(T_NOTIME)
        paras.append(fill(tpl, slots(ev, dph, "", pph, signer)))
        paras.append(R.choice(PROG_HEADS) + "\n" + "\n".join(prog_lines(ev.programme, tstyle)))
        start = ev.programme[0][0]
        end = None
        tev = fmt_time(*start, tstyle)
        feats.append("time:programme")
    else:
        tph, tev, eend = time_text(start, end, tstyle)
        if end is None and R.random() < 0.08:
            end = add_min(start, R.choice([90, 120, 150]))
            eend = fmt_time(*end, tstyle)
            tph_end = "Fin prévue à %s." % eend
        else:
            tph_end = None
        if end:
            feats.append("time:range")
        feats.append("time:" + ("midi" if tev == "midi" else tstyle))
        if R.random() < 0.12:
            lab = R.choice(FORM_LABELS)
            intro = fill(R.choice(FORM_INTROS), slots(ev, dph, tph, pph, signer))
            bare_t = tph if end else tev
            paras.append(intro + "\n\n" + "%s%s\n%s%s\n%s%s" % (lab[0], cap1(dph[3:] if dph.startswith("le ") else dph), lab[1], bare_t,
                                                                   lab[2], cap1(re.sub(r"^(à la |au |à l'|à |aux )", "", pph))))
            feats.append("layout:form")
        else:
            tpl = R.choice(T_TIME if not end else [t for t in T_TIME if "{Tat}" not in t])
            paras.append(fill(tpl, slots(ev, dph, tph, pph, signer, tat="à " + tev)))
        if tph_end:
            paras[-1] += " " + tph_end
    return paras, dict(date=dev, time=tev, commune=cev, dstyle=dstyle), feats, start, end, mismatch


def assemble(ev, hd, paras, rs_sentence=None, distract=None, minimal_sig=False, salut=None, closing=None):
    org = ev.org
    parts = [salut or R.choice(SALUTS)]
    if R.random() < 0.25:
        parts.append(R.choice(["J'espère que vous allez bien.", "Je me permets de vous écrire au nom %s." % de_org(org.name),
                               "Nous espérons que vous vous portez bien.", "Au nom %s, permettez-moi de vous adresser ce message." % de_org(org.name)]))
    if distract and distract.startswith("Notre association") and not org.kind.startswith("assoc"):
        distract = None
    if distract and distract.startswith("Lors de sa séance") and org.kind != "mairie":
        distract = None
    if distract and R.random() < 0.5:
        parts.append(distract)
        distract = None
    parts += paras
    ex = [x for x in ev.extras if x]
    if ex and R.random() < 0.7:
        parts.append(R.choice(ex))
    if distract:
        parts.append(distract)
    if ev.notes:
        parts.append(ev.notes[0])
    if rs_sentence:
        parts.append(rs_sentence)
    parts.append(closing or R.choice(CLOSINGS))
    sig = sig_lines(org, minimal_sig)
    parts.append("\n".join(sig))
    return "\n\n".join(parts), sig


def split_line(t, n=46):
    words, out, cur = t.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > n:
            out.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    out.append(cur)
    return out


def card_head(org):
    if org.kind == "mairie":
        if R.random() < 0.6:
            return ["%s %s" % (org.p.e("Le Maire", "La Maire"), de(org.c.w)), "et le Conseil municipal"], "ont le plaisir de vous inviter"
        return [org.p.full, "Maire %s" % de(org.c.w)], R.choice(["a l'honneur de vous convier", "vous prie de bien vouloir honorer de votre présence"])
    if org.kind == "pompiers":
        return ["Le Chef de centre", "et les sapeurs-pompiers %s" % de(org.c.w)], "vous invitent"
    return [org.name], R.choice(["a le plaisir de vous inviter", "vous invite", "a l'honneur de vous convier"])


CARD_DSTYLES = ["cap", "capmonth", "upper", "full", "nowd", "num_dot", "cap_noyear", "num"]


def card_time(t, style):
    k = R.random()
    s = fmt_time(*t, style)
    if k < 0.5:
        return "à " + s, s
    return s, s


def write_card(ev, hd, date_mode="normal", pstyle=None, variant=None, mismatch=False):
    """-> (lines, evidence, feats, start, end, mismatch, rsvp_by, contact)"""
    feats = ["card"]
    variant = variant or R.choice(["A", "A", "B", "C", "D"])
    feats.append("card:" + variant)
    tstyle = R.choice(["heures", "h00", "H00", "h", "sp", "H"])
    wd = None
    if ev.end_date:
        dline, dev = span_text(ev.date, ev.end_date)
        dline = cap1(dline)
        feats.append("date:span")
    else:
        ds = date_mode if date_mode in ("prochain", "month_omitted") else (R.choice(WD_STYLES[:3]) if mismatch else R.choice(CARD_DSTYLES))
        if mismatch:
            wd = (ev.date.weekday() + R.choice([1, -1])) % 7
            feats.append("weekday_mismatch")
        _, dev = date_text(ev.date, ds, wd)
        dline = cap1(dev) if ds != "upper" else dev
        feats.append("date:" + ds)
    pstyle = pstyle or ("hall_only" if (ev.org.c is ev.place.c and sender_names_commune(ev.org, True) and R.random() < 0.2 and ev.place.hall) else "full")
    plines, cev = ev.place.card(pstyle)
    if pstyle == "hall_only":
        feats.append("commune_implied")
        cev = ev.org.c.w
    else:
        feats.append("place:card_lines")
    if ev.org.c is not None and ev.place.c is not None and ev.org.c is not ev.place.c:
        feats.append("commune_differs_from_sender")
    if ev.place.street in TOWN_STREETS:
        feats.append("street_named_after_town")
    if ev.place.street in DATE_STREETS:
        feats.append("street_looks_like_date")
    if ev.place.hall in PERSON_HALLS:
        feats.append("hall_named_after_person")
    start, end = ev.start, ev.end
    tlines = []
    if ev.programme:
        tlines = ["Programme"] + prog_lines(ev.programme, tstyle)
        start, end = ev.programme[0][0], None
        tev = fmt_time(*start, tstyle)
        feats.append("time:programme")
    elif start is None:
        tev = None
        feats.append("time:none")
    else:
        if end:
            s1, e1 = fmt_time(*start, tstyle), fmt_time(*end, tstyle)
            tlines = [R.choice(["de %s à %s" % (s1, e1), "%s – %s" % (s1, e1), "de %s à %s" % (s1, e1)])]
            tev = s1
            feats.append("time:range")
        else:
            tl, tev = card_time(start, tstyle)
            if ev.end_date:
                tl = "Inauguration officielle le %s %s" % (JOURS[ev.date.weekday()], tl if tl.startswith("à") else "à " + tl)
            tlines = [tl]
        feats.append("time:" + tstyle)
    rs, rby, contact = None, None, None
    if R.random() < 0.6:
        ph = phone()
        lo, hi = hd.date() + TD(days=2), ev.date - TD(days=2)
        if hi > lo:
            rby = hi - TD(days=R.randint(0, min(12, (hi - lo).days)))
            rs = R.choice(["R.S.V.P. avant le %s – %s", "Réponse souhaitée avant le %s au %s", "Merci de confirmer votre présence avant le %s : %s"]) % (
                render_date(rby, R.choice(["nowd_noyear", "nowd", "num", "num_short"])), ph)
            contact = ph
        else:
            rs = "R.S.V.P. – %s" % ph
            contact = ph
    head, verb = card_head(ev.org)
    nom = split_line(a_nom(ev.nominal) if variant in ("A",) else cap1(ev.nominal))
    L = []
    if variant == "A":
        L += [(x, 13, True, "c") for x in head] + [(verb, 11, False, "c")] + [(x, 14, True, "c") for x in nom] + [""]
        if date_mode != "combined" and R.random() < 0.5 and tlines and not ev.programme and not ev.end_date:
            L.append((dline + " " + (tlines[0] if tlines[0].startswith(("à", "de")) else "à " + tlines[0]), 13, True, "c"))
        else:
            L.append((dline, 13, True, "c"))
            L += [(x, 12, False, "c") for x in tlines]
        L += [""] + [(x, 12, False, "c") for x in plines]
    elif variant == "B":
        L += [("INVITATION", 22, True, "c"), "", ("Madame la Sénatrice Odile Hertzog", 12, False, "c"), ""]
        L += [(x, 14, True, "c") for x in nom] + ["", (dline.upper() if R.random() < 0.5 else dline, 13, True, "c")]
        L += [(x, 12, True, "c") for x in tlines] + [""] + [(x, 12, False, "c") for x in plines] + ["", (ev.org.name, 11, False, "c")]
    elif variant == "C":
        L += [(ev.org.name, 12, True, "l"), "", ("Invitation", 18, True, "l")] + [(x, 13, False, "l") for x in nom] + [""]
        L.append(("Date : " + dline, 12, False, "l"))
        if tlines and not ev.programme:
            L.append(("Heure : " + re.sub(r"^à ", "", tlines[0]), 12, False, "l"))
        L.append(("Lieu : " + (plines[0] if plines else ""), 12, False, "l"))
        L += [("        " + x, 12, False, "l") for x in plines[1:]]
        if ev.programme:
            L += [""] + [(x, 11, False, "l") for x in tlines]
    else:
        L += [(x, 12, False, "c") for x in head] + [(verb, 11, False, "c"), ""] + [(x, 15, True, "c") for x in nom] + [""]
        L += [(dline, 12, True, "c")] + [(x, 12, True, "c") for x in tlines] + [(" – ".join(plines), 11, False, "c")]
    if ev.notes:
        L += ["", (ev.notes[1], 10, False, "c" if variant != "C" else "l")]
    if rs:
        L += ["", (rs, 9, False, "c" if variant != "C" else "l")]
    return L, dict(date=dev, time=tev, commune=cev), feats, start, end, mismatch, rby, contact


def pdf_name(ev):
    return R.choice(["Invitation.pdf", "invitation_%s.pdf" % slug(ev.title)[:24], "Carton d'invitation.pdf",
                     "INVIT_%s.pdf" % slug(ev.kind).upper(), "carton_%d.pdf" % ev.date.year, "Invitation Madame la Sénatrice.pdf",
                     "invitation-%s.pdf" % slug(ev.org.name)[:20], "Scan_%04d.pdf" % R.randint(1, 9999)])


COVERS = ["{SAL}\n\nVeuillez trouver ci-joint notre invitation.\n\n{CL}\n\n{SIG}",
          "Bonjour,\n\nJe vous prie de bien vouloir trouver en pièce jointe le carton d'invitation {DE_WHO}.\n\nCordialement,\n{SIG}",
          "{SAL}\nci-joint une invitation à votre attention.\nBien cordialement\n{SIG}",
          "Bonjour, vous trouverez en PJ notre invitation. Au plaisir de vous y accueillir !\n\n{SIG}",
          "{SAL}\n\nNous avons l'honneur de vous faire parvenir l'invitation ci-jointe.\n\n{CL}\n\n{SIG}",
          "{SAL}\n\nPJ : carton d'invitation.\n\n{SIG}",
          "{SAL}\n\nJ'ai le plaisir de vous adresser l'invitation jointe, en espérant vivement votre présence.\n\n{CL}\n\n{SIG}"]


def cover_note(org):
    sig = sig_lines(org, minimal=True)
    who = "de Monsieur le Maire" if org.kind == "mairie" and not org.p.f else "de Madame la Maire" if org.kind == "mairie" else "de notre président" if not (org.p and org.p.f) else "de notre présidente"
    t = R.choice(COVERS).format(SAL=R.choice(SALUTS), CL=R.choice(CLOSINGS), SIG="\n".join(sig), DE_WHO=who)
    t = typo(t)
    return t, sig


TYPOS = [("Sénatrice", "Sénatrcie"), ("invitation", "invitaiton"), ("cérémonie", "cérémonnie"), ("présence", "présense"),
         ("salutations", "salutatoins"), ("cordialement", "cordialemnt"), ("honneur", "honeur"), ("plaisir", "plasir"),
         ("Sénatrice", "Senatrice"), ("cérémonie", "ceremonie"), ("fêtes", "fetes"), ("général", "generale"), ("vous", "vosu"),
         ("accueillir", "acceuillir"), ("inauguration", "innauguration"), ("rendez-vous", "rdv"), ("Madame", "Mme"),
         ("remercier", "remerçier"), ("association", "assocation"), ("participation", "particpation")]


def typo(text, p=0.14):
    if R.random() >= p:
        return text
    for a, b in R.sample(TYPOS, R.randint(1, 3)):
        i = text.find(a, 20)
        if i >= 0:
            text = text[:i] + b + text[i + len(a):]
    return text


def fin(ev, hd, text, sig, subject, evid, feats, events, source, attach=(), fmt=None, mixed_sub=None):
    t2 = typo(text)
    if t2 != text:
        feats = feats + ["typo"]
        text = t2
    part, bf = body_part(text, fmt=fmt)
    if attach:
        part = mpart("mixed", [part] + list(attach))
    return Built(hd=hd, part=part, subject=subject, text=text, evid=evid, feats=feats + bf, events=events,
                 frm=(from_name(ev.org, sig), ev.org.email), source=source, org=ev.org, attach=list(attach), ev_kind=ev.kind)


def inv_prose(ev, date_mode="normal", pstyle=None, allday=False, hd=None, add=None):
    hd = hd or header_dt(ev.date, date_mode if date_mode in ("prochain", "month_omitted") else "normal")
    paras, evid, feats, start, end, mismatch = write_prose(ev, hd, date_mode, pstyle, allday=allday)
    if add:
        paras.append(add)
    rs, rby, rc = rsvp_block(ev, hd)
    dis = distractor(hd) if R.random() < 0.25 else None
    if dis:
        feats.append("distractor_date")
    text, sig = assemble(ev, hd, paras, rs, dis)
    if rby:
        feats.append("rsvp:date")
    truth = truth_event(ev, start, end, ev.date, mismatch, rsvp_by=rby, rsvp_contact=rc)
    if allday:
        truth["all_day"] = True
    return fin(ev, hd, text, sig, R.choice(ev.subjects), evid, feats, [truth], "prose")


def inv_pdf(ev, date_mode="normal", pstyle=None, hd=None):
    hd = hd or header_dt(ev.date, date_mode if date_mode in ("prochain", "month_omitted") else "normal")
    L, evid, feats, start, end, mismatch, rby, rc = write_card(ev, hd, date_mode, pstyle, mismatch=(date_mode == "mismatch"))
    comp = R.random() < 0.4
    pdf = make_pdf(L, compress=comp, title=ev.title)
    feats.append("pdf:flate" if comp else "pdf:plain")
    text, sig = cover_note(ev.org)
    truth = truth_event(ev, start, end, ev.date, mismatch, rsvp_by=rby, rsvp_contact=rc)
    subj = R.choice(["Invitation", "Invitation", "Carton d'invitation", "Invitation " + ev.title, "Invitation – " + ev.org.name, "PJ invitation"])
    return fin(ev, hd, text, sig, subj, evid, feats, [truth], "pdf", attach=[apart(pdf, "application/pdf", pdf_name(ev))],
               fmt=R.choice(["text", "text", "html", "alt"]))


def inv_mixed_two_day(ev, hd=None):
    """Body announces a two-day event; the card carries the day-by-day programme."""
    hd = hd or header_dt(ev.date)
    signer = ev.org.p
    dph, dev = span_text(ev.date, ev.end_date)
    ps = choose_pstyle(ev)
    pph, cev = ev.place.prose(ps)
    if ps == "hall_only":
        cev = ev.org.c.w
    para = fill(R.choice(T_NOTIME), slots(ev, dph, "", pph, signer)) + " " + R.choice([
        "Le programme détaillé des deux journées figure sur le carton joint.", "Vous trouverez le déroulé des deux journées en pièce jointe.",
        "Le carton ci-joint précise les horaires de chaque journée."])
    ts = R.choice(["h", "h00", "H", "sp"])
    d1, d2 = ev.date, ev.end_date
    s1 = ev.start
    L = [(ev.org.name, 12, True, "c"), (cap1(ev.nominal), 14, True, "c"), "",
         (cap1(render_date(d1, R.choice(["full", "noyear"]))), 12, True, "l"),
         ("%s : %s" % (fmt_time(*s1, ts), R.choice(["inauguration officielle en présence des élus", "ouverture officielle et visite des stands", "accueil des personnalités"])), 11, False, "l"),
         ("%s : %s" % (fmt_time(*add_min(s1, 90), ts), R.choice(["déjeuner des officiels", "vin d'honneur", "concert de l'harmonie"])), 11, False, "l"), "",
         (cap1(render_date(d2, R.choice(["full", "noyear"]))), 12, True, "l"),
         ("%s : %s" % (fmt_time(*R.choice([(10, 0), (9, 30)]), ts), R.choice(["messe en plein air", "concours et animations", "marché du terroir"])), 11, False, "l"),
         ("%s : %s" % (fmt_time(*R.choice([(14, 0), (15, 0)]), ts), R.choice(["défilé", "remise des prix", "spectacle des enfants"])), 11, False, "l")]
    pdf = make_pdf(L, compress=R.random() < 0.5, title=ev.title)
    rs, rby, rc = rsvp_block(ev, hd)
    text, sig = assemble(ev, hd, [para], rs)
    truth = truth_event(ev, s1, None, ev.date, rsvp_by=rby, rsvp_contact=rc)
    evid = dict(date=dev, time=fmt_time(*s1, ts), commune=cev)
    return fin(ev, hd, text, sig, R.choice(ev.subjects), evid, ["mixed:two_day_programme", "date:span", "place:" + ps, "card"] + (["commune_implied"] if ps == "hall_only" else []),
               [truth], "mixed", attach=[apart(pdf, "application/pdf", pdf_name(ev))])


def inv_mixed(ev, variant=None, hd=None):
    hd = hd or header_dt(ev.date)
    variant = variant or R.choice(["details_card", "details_card", "repeat", "repeat"])
    L, evid, feats, start, end, mismatch, rby, rc = write_card(ev, hd)
    pdf = make_pdf(L, compress=R.random() < 0.4, title=ev.title)
    signer = ev.org.p
    if variant == "details_card":
        paras = [R.choice(["{S} {V} le plaisir de vous inviter {A}. Vous trouverez ci-joint le carton d'invitation avec toutes les informations pratiques.",
                           "Nous serions très honorés de votre présence {LORS}. Le carton joint à ce message précise le jour, l'heure et le lieu.",
                           "J'ai le plaisir de vous transmettre l'invitation {DE} (voir pièce jointe).",
                           "Je me permets de vous adresser, en pièce jointe, notre invitation {A}. Nous serions {heureux} de vous y accueillir."]).format(
            **slots(ev, "", "", "", signer))]
        paras[0] = paras[0].replace("{heureux}", signer.e("heureux", "heureuse"))
        rs = None
        feats.append("mixed:details_on_card")
    else:
        paras2, evid2, feats2, start2, end2, mm2 = write_prose(ev, hd, "normal", tstyle=None)
        paras = paras2 + [R.choice(["Vous trouverez également le carton d'invitation en pièce jointe.", "Le carton officiel est joint à ce message.", "(carton en pièce jointe)"])]
        # the prose is the reference; the card repeats it
        if start2 != start:
            start2 = start2
        evid, start, end = evid2, start2, end2
        feats = feats2 + ["mixed:card_repeats"]
        rs = None
    text, sig = assemble(ev, hd, paras, rs)
    truth = truth_event(ev, start, end, ev.date, mismatch, rsvp_by=rby, rsvp_contact=rc)
    return fin(ev, hd, text, sig, R.choice(ev.subjects), evid, feats + ["pdf"], [truth], "mixed",
               attach=[apart(pdf, "application/pdf", pdf_name(ev))])


def ics_when_fr(sdt, edt):
    return "%s %d %s %d %02d:%02d-%02d:%02d" % (JOURS[sdt.weekday()], sdt.day, MOIS[sdt.month - 1], sdt.year, sdt.hour, sdt.minute, edt.hour, edt.minute)


def inv_ics(ev, variant=None, mode=None, hd=None, allday=False):
    hd = hd or header_dt(ev.date)
    variant = variant or R.choice(["outlook", "google", "attach_prose", "attach_short", "outlook"])
    mode = mode or ("date" if allday else R.choice(["tz", "tz", "utc"]))
    feats = ["ics:" + mode, "ics:" + variant]
    start = None if allday else ev.start
    sdt = dt.datetime.combine(ev.date, dt.time(*start)) if start else None
    end = None
    if allday:
        edt = None
    else:
        end = ev.end or add_min(start, R.choice([60, 90, 120, 150]))
        edt = dt.datetime.combine(ev.date, dt.time(*end))
    implied = ev.org.c is ev.place.c and sender_names_commune(ev.org, variant == "attach_short") and variant != "google" and R.random() < 0.2
    if implied:
        loc = cap1(ev.place.hall[1]) if ev.place.hall else ev.place.addr
        if ev.place.addr and ev.place.hall:
            loc += ", " + ev.place.addr
        feats.append("commune_implied")
        cev = ev.org.c.w
        ev.place.shown = {"hall", "addr"}
    else:
        ev.place.shown = {"hall", "addr", "cp"}
        loc = ev.place.label()
        cev = ev.place.c.name if not ev.place.quarter else ev.place.c.name
    if ev.org.c is not None and ev.org.c is not ev.place.c:
        feats.append("commune_differs_from_sender")
    pre = None
    if variant == "attach_prose" or allday:
        if allday:
            pre = write_prose(ev, hd, "normal", allday=True)
        else:
            saved = ev.programme
            ev.programme = None
            pre = write_prose(ev, hd, "normal")
            ev.programme = saved
            if pre[4] is not None:
                end = pre[4]
                edt = dt.datetime.combine(ev.date, dt.time(*end))
    uid = "%032x@%s" % (R.getrandbits(128), ev.org.email.split("@")[1])
    summary = ev.title if R.random() < 0.6 else cap1(ev.nominal)
    stamp = (hd - TD(hours=paris_offset(hd)))
    if allday:
        ics = make_ics("REQUEST", uid, summary, ev.date, (ev.end_date or ev.date) + TD(days=1), loc, ev.org.name, ev.org.email, "date", stamp=stamp)
    else:
        ics = make_ics("REQUEST", uid, summary, sdt, edt, loc, ev.org.name, ev.org.email, mode, stamp=stamp,
                       description=("Invitation de %s." % ev.org.name) if R.random() < 0.5 else None)
    signer = ev.org.p
    sig = sig_lines(ev.org)
    if variant == "outlook" and not allday:
        off = paris_offset(sdt)
        head = "Quand : %s (UTC+01:00) Bruxelles, Copenhague, Madrid, Paris.\nOù : %s\n\n*~*~*~*~*~*~*~*~*~*\n\n" % (ics_when_fr(sdt, edt), loc)
        body = head + "\n\n".join([R.choice(SALUTS), "%s %s le plaisir de vous inviter %s." % (ev.org.subj, ev.org.v("a", "ont"), a_nom(ev.nominal)),
                                   R.choice(CLOSINGS), "\n".join(sig)])
        part = mpart("alternative", [tpart(body, "plain", "utf-8", "quoted-printable"), tpart(html_of(body, "outlook"), "html", "utf-8", "quoted-printable"),
                                     ics_alt_part(ics, "REQUEST")])
        subject = summary
        feats.append("body:outlook_meeting")
    elif variant == "google" and not allday:
        tzname = "heure d’été d’Europe centrale - Paris" if paris_offset(sdt) == 2 else "heure normale d’Europe centrale - Paris"
        body = ("Vous avez été invité(e) à l'événement suivant.\n\nTitre : %s\nQuand : %s. %d %s %d %02d:%02d – %02d:%02d (%s)\nOù : %s\nCalendrier : %s\nOrganisateur : %s\n\n"
                "Invitation de Google Agenda.\nVous recevez ce courriel à l'adresse %s car vous êtes un invité de cet événement.") % (
            summary, JOURS[sdt.weekday()][:3], sdt.day, MOIS[sdt.month - 1], sdt.year, sdt.hour, sdt.minute, edt.hour, edt.minute, tzname,
            loc, OFFICE, ev.org.email, OFFICE)
        alt = mpart("alternative", [tpart(body, "plain", "utf-8", "quoted-printable"), tpart(html_of(body, "gmail"), "html", "utf-8", "quoted-printable"),
                                    ics_alt_part(ics, "REQUEST")])
        part = mpart("mixed", [alt, ics_file_part(ics, "REQUEST", "invite.ics")])
        subject = "Invitation : %s - %s %d %s %d %02d:%02d - %02d:%02d (%s)" % (summary, JOURS[sdt.weekday()][:3] + ".", sdt.day, MOIS[sdt.month - 1], sdt.year,
                                                                             sdt.hour, sdt.minute, edt.hour, edt.minute, OFFICE)
        feats.append("body:google_invite")
        sig = [ev.org.email]
    elif variant == "attach_prose" or allday:
        ev2 = ev
        paras, evid, f2, s2, e2, mm = pre
        feats += [x for x in f2 if x.startswith(("date:", "place:"))]
        text, sig = assemble(ev2, hd, paras + [R.choice(["Une invitation au format agenda (.ics) est jointe à ce message.", "Vous pouvez ajouter l'événement à votre agenda grâce au fichier joint."])])
        bp, bf = body_part(text)
        feats += bf
        part = mpart("mixed", [bp, ics_file_part(ics, "REQUEST", R.choice(["invitation.ics", "evenement.ics", "invite.ics", "%s.ics" % slug(ev.title)[:20]]))])
        subject = R.choice(ev.subjects)
    else:
        text, sig = cover_note(ev.org)
        text = text.replace("notre invitation", "notre invitation (fichier agenda)")
        bp, bf = body_part(text)
        feats += bf
        part = mpart("mixed", [bp, ics_file_part(ics, "REQUEST", "invitation.ics")])
        subject = R.choice(["Invitation", "Invitation agenda", summary])
    evid = dict(date="ICS", time="ICS" if start else None, commune=cev)
    truth = truth_event(ev, start, end, ev.date, False)
    if allday:
        truth["all_day"] = True
        truth["end"] = None
    b = Built(hd=hd, part=part, subject=subject, text="", evid=evid, feats=feats, events=[truth],
              frm=(from_name(ev.org, sig), ev.org.email), source="ics", org=ev.org, ev_kind=ev.kind)
    return b


# ---------------------------------------------------------------------------
# forwards
# ---------------------------------------------------------------------------
GMAIL_MON = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
FORWARDERS = [
    ("Odile Hertzog", SENATOR_ADDR, ["Pour l'agenda, merci ! OH", "À caler svp, je pense pouvoir y aller.", "Claire, peux-tu répondre que je serai présente ? Merci. Odile",
                                      "Pour info – à mettre dans l'agenda (à confirmer).", "Vu avec le maire au téléphone, je devrais y être."]),
    ("Odile Hertzog", "odile.hertzog67@gmail.com", ["Reçu sur ma boîte perso. À inscrire à l'agenda. Bises, Odile", "Pour l'agenda svp", "Transféré depuis mon téléphone – à enregistrer."]),
    ("Claire Weber", "c.weber@senatrice-hertzog-exemple.fr", ["Bonjour,\n\nje vous transfère l'invitation reçue ce matin à la permanence.\n\nBonne journée,\nClaire Weber\nCollaboratrice parlementaire",
                                                              "Pour le secrétariat : invitation à enregistrer.\nClaire"]),
    ("Permanence de Haguenau", "permanence.haguenau@senatrice-hertzog-exemple.fr", ["Invitation reçue par courrier à la permanence, transmise pour l'agenda.\n\nLa permanence de Haguenau",
                                                                                    "Bonjour, ci-dessous une invitation arrivée à la permanence. Cordialement, Aurélie"]),
    ("Thomas Ritter", "t.ritter@senatrice-hertzog-exemple.fr", ["FYI – invitation à traiter.\nThomas Ritter, assistant parlementaire", "Pour l'agenda de la Sénatrice.\nThomas"]),
]


def fwd_block(style, ofrom, ohd, osubj, oto):
    name, email = ofrom
    if style == "outlook":
        return "________________________________\nDe : %s <%s>\nEnvoyé : %s %d %s %d %02d:%02d\nÀ : %s\nObjet : %s\n\n" % (
            name, email, JOURS[ohd.weekday()], ohd.day, MOIS[ohd.month - 1], ohd.year, ohd.hour, ohd.minute, oto, osubj)
    if style == "outlook_old":
        return "-----Message d'origine-----\nDe : %s [mailto:%s]\nEnvoyé : %s %d %s %d %02d:%02d\nÀ : %s\nObjet : %s\n\n" % (
            name, email, JOURS[ohd.weekday()], ohd.day, MOIS[ohd.month - 1], ohd.year, ohd.hour, ohd.minute, oto, osubj)
    if style == "gmail":
        return "---------- Forwarded message ---------\nDe : %s <%s>\nDate: %s. %d %s %d à %02d:%02d\nSubject: %s\nTo: <%s>\n\n" % (
            name, email, JOURS[ohd.weekday()][:3], ohd.day, GMAIL_MON[ohd.month - 1], ohd.year, ohd.hour, ohd.minute, osubj, oto)
    if style == "thunderbird":
        return "-------- Message transféré --------\nSujet : \t%s\nDate : \t%s\nDe : \t%s <%s>\nPour : \t%s\n\n" % (osubj, rfc2822(ohd), name, email, oto)
    if style == "apple":
        return "Début du message réexpédié :\n\nDe: %s <%s>\nObjet: %s\nDate: %d %s %d à %02d:%02d:%02d UTC+%d\nÀ: %s\n\n" % (
            name, email, osubj, ohd.day, MOIS[ohd.month - 1], ohd.year, ohd.hour, ohd.minute, ohd.second, paris_offset(ohd), oto)
    if style == "german":
        return "-----Ursprüngliche Nachricht-----\nVon: %s <%s>\nGesendet: %s, %d. %s %d %02d:%02d\nAn: %s\nBetreff: %s\n\n" % (
            name, email, ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"][ohd.weekday()], ohd.day,
            ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"][ohd.month - 1],
            ohd.year, ohd.hour, ohd.minute, oto, osubj)
    raise ValueError(style)


def inv_forward(ev, inner="prose", style=None, date_mode="normal"):
    ohd = header_dt(ev.date, "normal")
    if inner == "prose":
        b = inv_prose(ev, date_mode, hd=ohd)
    elif inner == "pdf":
        b = inv_pdf(ev, date_mode, hd=ohd)
    else:
        b = inv_mixed(ev, hd=ohd)
    gap = TD(hours=R.randint(1, 120))
    hd = ohd + gap
    if hd.date() >= ev.date - TD(days=1):
        hd = ohd + TD(minutes=R.randint(20, 300))
    fname, faddr, comments = R.choice(FORWARDERS)
    comment = R.choice(comments)
    style = style or R.choice(["outlook", "outlook", "gmail", "thunderbird", "apple", "outlook_old", "rfc822", "rfc822", "german", "quote"])
    oto = R.choice([SENATOR_ADDR, "Odile Hertzog <%s>" % SENATOR_ADDR, OFFICE, "permanence.haguenau@senatrice-hertzog-exemple.fr"])
    feats = b.feats + ["forward:" + style, "forward_of:" + inner]
    prefix = R.choice(["TR: ", "Fwd: ", "TR : ", "Fw: ", "WG: " if style == "german" else "TR: "])
    if style == "rfc822":
        inner_raw, _ = build(b.frm, [("Odile Hertzog", SENATOR_ADDR)], b.subject, ohd, b.part)
        outer_text = comment + "\n\n" + R.choice(["(message d'origine en pièce jointe)", "", "Voir le message joint."])
        bp, bf = body_part(outer_text, fmt=R.choice(["text", "alt"]))
        part = mpart("mixed", [bp, rfc822part(inner_raw, R.choice(["Invitation.eml", "message.eml", "%s.eml" % slug(b.subject)[:30] or "fwd.eml"]))])
        feats = [f for f in feats if not f.startswith(("body:", "cte:", "charset:"))] + bf
    else:
        orig = plain(b.text) if b.text else ""
        if inner != "prose":
            orig = plain(b.text)
        if style == "quote":
            hdr = "Le %02d/%02d/%d à %02d:%02d, %s a écrit :\n" % (ohd.day, ohd.month, ohd.year, ohd.hour, ohd.minute, b.frm[0] or b.frm[1])
            body = "\n".join("> " + x if x else ">" for x in orig.split("\n"))
            outer_text = comment + "\n\n-------- Message transféré --------\n" + hdr + body
        else:
            outer_text = comment + "\n\n" + fwd_block(style, (b.frm[0] or b.org.name, b.frm[1]), ohd, b.subject, oto) + orig
        bp, bf = body_part(outer_text, cs="utf-8" if R.random() < 0.8 else "windows-1252")
        part = mpart("mixed", [bp] + b.attach) if b.attach else bp
        feats = [f for f in feats if not f.startswith(("body:", "cte:", "charset:"))] + bf
    frm = (fname, faddr)
    nb = Built(hd=hd, part=part, subject=prefix + b.subject, text="", evid=b.evid, feats=feats, events=b.events,
               frm=frm, source="forward", org=b.org, orig_hd=ohd, ev_kind=b.ev_kind)
    return nb


# ---------------------------------------------------------------------------
# invitations with two dates, postponements, hybrid events, places out of the
# département, and genuinely ambiguous ones
# ---------------------------------------------------------------------------
E2_FIRST = ["{Nc} aura lieu {D} {T} {P}.", "{S} {V} le plaisir de vous inviter {A}, {D} {T} {P}.",
            "Nous serions honorés de votre présence {LORS} {D} {T} {P}.", "{Dc}, {T}, {N} se déroulera {P}."]
E2_THEN_LATER = ["Le lendemain, nous vous invitons également {A} : rendez-vous {D} {T} {P}.",
                 "Nous vous convions par ailleurs {A}, {D} {T} {P}.", "Enfin, {N} se tiendra {D} {T} {P}.",
                 "Par ailleurs, {N} aura lieu {D} {T} {P} ; votre présence y serait également très appréciée."]
E2_THEN_EARLIER = ["Auparavant, {D} {T}, {N} se tiendra {P}, et vous y êtes bien entendu également conviée.",
                   "Nous vous invitons aussi {A}, qui aura lieu quelques jours plus tôt, {D} {T} {P}.",
                   "En amont, {N} se déroulera {D} {T} {P} : nous serions heureux de vous y voir également.",
                   "Je me permets de vous signaler que {N} est programmé{e} {D} {T} {P}, et que vous y êtes la bienvenue."]


def two_scenario():
    k = R.choice(["armistice_concert", "14juillet", "inaug_tournoi", "two_barbe", "jumelage", "ag_fete", "voeux", "ecole"])
    if k == "armistice_concert":
        ev2 = k_armistice()
        ev2.programme = None
        d1 = ev2.date - TD(days=(ev2.date.weekday() + 1) % 7 or 7)   # the Sunday before
        pl = mk_place(ev2.place.c, R.choice([("l'", "église Saint-Martin"), ("le", "temple protestant"), ("la", "salle des fêtes")]), addr_kind="none")
        ev1 = Ev(kind="concert", title="Concert du souvenir", nominal="le concert du souvenir donné par l'harmonie municipale", date=d1,
                 start=R.choice([(16, 0), (17, 0), (15, 30)]), place=pl, org=ev2.org)
    elif k == "14juillet":
        ev2 = k_14juillet()
        d1 = ev2.date - TD(days=1)
        ev1 = Ev(kind="14juillet", title="Retraite aux flambeaux et feu d'artifice", nominal="la retraite aux flambeaux suivie du feu d'artifice",
                 date=d1, start=R.choice([(21, 30), (22, 0), (21, 45)]), place=Place(ev2.place.c, ("le", "stade municipal"), R.choice(STREETS)), org=ev2.org)
    elif k == "inaug_tournoi":
        ev1 = k_inauguration()
        while ev1.date.weekday() != 5:
            ev1 = k_inauguration()
        ev1.programme = None
        ev1.start = R.choice([(10, 30), (11, 0), (10, 0)])
        ev2 = Ev(kind="tournoi", title="Tournoi inaugural", nominal="le tournoi inaugural", date=ev1.date + TD(days=1),
                 start=R.choice([(14, 0), (16, 0), (15, 0)]), place=Place(ev1.place.c, ("le", "complexe sportif Pierre-de-Coubertin"), None), org=ev1.org)
    elif k == "two_barbe":
        y = R.choice([2025, 2026, 2027])
        c1, c2 = COMMUNES[R.choice(["haguenau", "bischwiller", "brumath", "wissembourg"])], COMMUNES[R.choice(["hochfelden", "soufflenheim", "betschdorf", "drusenheim", "seltz"])]
        p = person(False)
        org = Org("sdis", "SDIS 67 – Compagnie de Haguenau-Nord", c1, p, "Commandant de compagnie", "cie.haguenau-nord@sdis67-exemple.fr",
                  "Le commandant de compagnie et les chefs de centre", True, ["Commandant %s" % p.FULL, "Commandant de la compagnie Haguenau-Nord", "SDIS du Bas-Rhin"], False)
        d1 = rand_date((4,), (11, 12), D(y, 11, 24), D(y, 12, 6))
        d2 = d1 + TD(days=R.choice([1, 8]))
        ev1 = Ev(kind="sainte_barbe", title="Sainte-Barbe CIS " + c1.w, nominal="la Sainte-Barbe du centre d'incendie et de secours %s" % de(c1.w), date=d1,
                 start=(19, 0), place=mk_place(c1, ("le", "centre d'incendie et de secours"), addr_kind="plain"), org=org)
        ev2 = Ev(kind="sainte_barbe", title="Sainte-Barbe CIS " + c2.w, nominal="la Sainte-Barbe du centre %s" % de(c2.w), date=d2,
                 start=(17, 30) if d2.weekday() == 5 else (19, 0), place=mk_place(c2, ("la", "salle des fêtes")), org=org)
    elif k == "jumelage":
        ev1 = k_jumelage()
        ev1.end_date = None
        ev1.start = (11, 0)
        ev2 = Ev(kind="jumelage", title="Concert franco-allemand", nominal="le concert franco-allemand des deux harmonies", date=ev1.date + TD(days=1),
                 start=(16, 0), place=mk_place(ev1.place.c, ("l'", "église protestante"), addr_kind="none"), org=ev1.org)
    elif k == "ag_fete":
        c = pick_commune(0.3)
        org = org_assoc(c, R.choice(["arbo", "foot", "fetes", "gym"]))
        d1 = rand_date((4,), (3, 4, 5, 6, 9))
        ev1 = Ev(kind="ag", title="Assemblée générale", nominal="notre assemblée générale", date=d1, start=R.choice([(19, 30), (20, 0)]), place=mk_place(c), org=org)
        ev2 = Ev(kind="fete", title="Fête annuelle", nominal="notre fête annuelle", date=d1 + TD(days=2), start=(11, 0),
                 place=Place(c, ("le", "terrain de l'association"), R.choice(STREETS)), org=org)
    elif k == "voeux":
        ev1 = k_voeux()
        while ev1.org.kind != "mairie" or ev1.date.weekday() != 4 or ev1.date.day > 24:
            ev1 = k_voeux()
        ev2 = Ev(kind="voeux", title="Vœux aux aînés", nominal="la fête des aînés", date=ev1.date + TD(days=2), start=(14, 30),
                 place=mk_place(ev1.place.c, ("la", "salle polyvalente")), org=ev1.org)
    else:
        c = pick_commune(0.6)
        org = org_school(c, "lycée")
        d1 = rand_date((3,), (6,))
        ev1 = Ev(kind="remise_prix", title="Remise des diplômes", nominal="la cérémonie de remise des diplômes", date=d1, start=(18, 0),
                 place=mk_place(c, ("le", "lycée %s" % org.sn), addr_kind="plain"), org=org)
        ev2 = Ev(kind="portes_ouvertes", title="Fête de fin d'année", nominal="la fête de fin d'année du lycée", date=d1 + TD(days=2),
                 start=(9, 0), end=(12, 0), place=ev1.place, org=org)
    return k, ev1, ev2


def inv_two(earlier_second=None, source="prose"):
    k, ev1, ev2 = two_scenario()
    org = ev1.org
    earlier_second = (R.random() < 0.4) if earlier_second is None else earlier_second
    hd = header_dt(ev1.date)
    signer = org.p or person()
    yearless = R.random() < 0.35
    feats = ["two_events", "scenario:" + k]
    texts, evs = {}, {}
    for i, ev in ((1, ev1), (2, ev2)):
        st = ("noyear" if yearless else "full")
        dph, dev = date_text(ev.date, st)
        tph, tev, tend = time_text(ev.start, ev.end, R.choice(TIME_STYLES))
        ps = "hall_de" if ev.place.c is not org.c or not ev.place.hall else R.choice(["hall_de", "address", "paren"])
        if not ev.place.street and ps == "address":
            ps = "hall_de"
        if not ev.place.hall:
            ps = "commune_first"
        pph, cev = ev.place.prose(ps)
        texts[i] = (dph, tph, pph)
        evs[i] = dict(date=dev, time=tev, commune=cev)
    if source == "pdf":
        L = [(org.name, 13, True, "c"), ("a le plaisir de vous inviter", 11, False, "c"), ""]
        for i, ev in ((1, ev1), (2, ev2)):
            dph, tph, pph = texts[i]
            L += [(cap1(ev.nominal), 13, True, "c"), (cap1(dph[3:] if dph.startswith("le ") else dph) + " " + tph, 12, False, "c"), (cap1(pph), 11, False, "c"), ""]
        pdf = make_pdf(L, compress=R.random() < 0.5, title=ev1.title)
        text, sig = cover_note(org)
        b = fin(ev1, hd, text, sig, "Invitations", evs[1], feats + ["card"], [], "pdf", attach=[apart(pdf, "application/pdf", "invitations.pdf")])
    else:
        order = [(2, ev2), (1, ev1)] if earlier_second else [(1, ev1), (2, ev2)]
        paras = []
        for j, (i, ev) in enumerate(order):
            dph, tph, pph = texts[i]
            if j == 0:
                tpl = R.choice(E2_FIRST)
            else:
                tpl = R.choice(E2_THEN_EARLIER if earlier_second else E2_THEN_LATER)
            sl = slots(ev, dph, tph, pph, signer)
            sl["e"] = "e" if ev.nominal.startswith(("la ", "l'in", "notre fête", "notre assemblée")) else ""
            paras.append(fill(tpl.replace("{e}", sl["e"]), sl))
        if earlier_second:
            feats.append("earlier_event_mentioned_second")
        rs, rby, rc = rsvp_block(ev1, hd)
        text, sig = assemble(ev1, hd, paras, rs)
        b = fin(ev1, hd, text, sig, R.choice(ev1.subjects + ["Invitations", "Deux rendez-vous", "Invitation(s)"]), evs[1], feats, [], "prose")
    t1 = truth_event(ev1, ev1.start, ev1.end, ev1.date)
    t2 = truth_event(ev2, ev2.start, ev2.end, ev2.date)
    b.events = [t1, t2]
    return b


def inv_postponed():
    c = pick_commune(0.5)
    k = R.random()
    if k < 0.4:
        org = org_mairie(c)
        nominal = "l'inauguration de la nouvelle aire de jeux"
        title = "Inauguration de l'aire de jeux"
    elif k < 0.7:
        org = org_assoc(c)
        nominal = "l'assemblée générale de notre association"
        title = "Assemblée générale"
    else:
        org = org_mairie(c)
        nominal = "la cérémonie de remise des médailles"
        title = "Remise des médailles"
    new = rand_date((5, 4))
    old = new - TD(days=R.choice([7, 14, 21, 28]))
    ev = Ev(kind="report", title=title, nominal=nominal, date=new, start=R.choice([(10, 30), (11, 0), (18, 30), (19, 0)]), place=mk_place(c), org=org)
    hd = header_dt(old)
    if hd.date() >= old:
        hd = dt.datetime.combine(old - TD(days=3), dt.time(10, 12))
    signer = org.p
    dold = render_date(old, R.choice(["full", "noyear", "nowd"]))
    dstyle = R.choice(["full", "noyear", "full", "nowd"])
    dnew = render_date(new, dstyle)
    tstyle = R.choice(TIME_STYLES)
    tph, tev, _ = time_text(ev.start, None, tstyle)
    ps = choose_pstyle(ev)
    pph, cev = ev.place.prose(ps)
    if ps == "hall_only":
        cev = org.c.w
    reason = R.choice(["En raison des prévisions météorologiques défavorables", "Pour des raisons d'organisation indépendantes de notre volonté",
                       "Le chantier ayant pris un peu de retard", "En raison d'un deuil qui touche notre commune"])
    para = R.choice([
        "{r}, {n} initialement prévue le {o} est reportée au {d}, {t}, {p}. Nous espérons vivement que vous pourrez être des nôtres à cette nouvelle date.",
        "{r}, nous avons dû décaler {n}, qui était annoncée pour le {o}. Elle aura finalement lieu le {d} {t} {p}, et nous serions très heureux de vous y accueillir.",
        "Je vous informe que {n} ne pourra pas se tenir le {o} comme prévu. {r2}, elle est reportée au {d} {t} {p}. Votre invitation reste bien entendu valable."]).format(
        r=reason, r2=reason, n=nominal, o=dold, d=dnew, t=tph, p=pph)
    para = cap1(para)
    text, sig = assemble(ev, hd, [para])
    evid = dict(date=dnew, time=tev, commune=cev)
    b = fin(ev, hd, text, sig, R.choice(["Report – " + title, "Nouvelle date : " + title, "Changement de date", "REPORT " + title]), evid,
            ["postponed_new_date", "date:" + dstyle, "place:" + ps] + (["commune_implied"] if ps == "hall_only" else []),
            [truth_event(ev, ev.start, None, new)], "prose")
    b.msg_notes = "report avec nouvelle date : l'invitation est renouvelée (ancienne date %s)" % old.isoformat()
    return b


def inv_hybrid():
    ev = R.choice([k_ag, k_forum, k_congres])()
    ev.programme = None
    link = R.choice(["https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjA5", "https://zoom.us/j/8123456789", "https://visio.exemple-asso.fr/ag"])
    add = R.choice(["Pour les personnes ne pouvant se déplacer, la réunion pourra également être suivie en visioconférence : %s",
                    "Les échanges seront retransmis en direct (lien de connexion : %s) pour ceux qui ne pourraient pas être présents sur place.",
                    "Il sera possible d'y assister à distance via le lien suivant : %s – mais nous espérons vous accueillir en personne !"]) % link
    b = inv_prose(ev, add=add)
    b.feats.append("hybrid_video")
    b.msg_notes = "événement en présentiel, également diffusé en visioconférence : c'est une invitation (il y a un lieu)"
    return b


def inv_outside(which):
    if which == "paris":
        ev = k_congres(national=True)
        src = "prose"
    elif which == "colmar":
        p = person()
        c = COMMUNES["colmar"]
        org = Org("assoc", "Association des viticulteurs d'Alsace", c, p, p.e("Président", "Présidente"), "contact@viticulteurs-alsace-exemple.fr",
                  "L'Association des viticulteurs d'Alsace", False, [p.full, p.e("Président", "Présidente"), "Association des viticulteurs d'Alsace", "12 avenue de la Foire-aux-Vins – 68000 Colmar"], True)
        y = R.choice([2025, 2026, 2027])
        d = rand_date((4,), (7, 8), D(y, 7, 24), D(y, 8, 1))
        ev = Ev(kind="foire", title="Journée officielle de la Foire aux vins", nominal="la journée officielle de la Foire aux vins d'Alsace",
                date=d, start=(10, 30), place=Place(c, ("le", "Parc des expositions"), "avenue de la Foire-aux-Vins", None), org=org,
                subjects=["Foire aux vins – journée officielle", "Invitation Foire aux vins %d" % y])
        src = "pdf"
    elif which == "metz":
        p = person()
        c = COMMUNES["metz"]
        org = Org("region", "Région Grand Est", COMMUNES["strasbourg"], p, p.e("Président", "Présidente") + " de la Région Grand Est",
                  "protocole@grandest-exemple.fr", "%s de la Région Grand Est" % p.e("Le Président", "La Présidente"), False,
                  ["Service du protocole", "Région Grand Est", "1 place Adrien-Zeller – 67070 Strasbourg Cedex"], True)
        d = rand_date((0, 1, 2, 3, 4), (3, 4, 5, 6, 9, 10))
        ev = Ev(kind="remise_prix", title="Trophées de l'innovation rurale", nominal="la cérémonie de remise des Trophées de l'innovation rurale",
                date=d, start=(18, 30), place=Place(c, ("l'", "Hôtel de Région"), "place Gabriel-Hocquard", None), org=org,
                subjects=["Trophées de l'innovation rurale", "Invitation Région Grand Est"])
        src = "ics"
    else:
        p = person()
        c = COMMUNES["mulhouse"]
        org = Org("assoc", "Union régionale des sapeurs-pompiers d'Alsace", COMMUNES["selestat"], p, p.e("Président", "Présidente"),
                  "urspa@pompiers-alsace-exemple.fr", "L'Union régionale des sapeurs-pompiers d'Alsace", False,
                  [p.full, p.e("Président", "Présidente") + " de l'URSPA", "Siège : 3 rue du 22 Novembre, 67600 Sélestat"], True)
        d = rand_date((5,), (5, 6, 9))
        ev = Ev(kind="congres", title="Congrès régional des sapeurs-pompiers", nominal="le congrès régional des sapeurs-pompiers d'Alsace",
                date=d, start=(9, 30), place=Place(c, ("le", "Parc Expo"), "120 rue Lefebvre", None), org=org,
                subjects=["Congrès régional des sapeurs-pompiers", "Invitation congrès URSPA"])
        src = "forward"
    if src == "prose":
        b = inv_prose(ev, pstyle="address")
    elif src == "pdf":
        b = inv_pdf(ev)
    elif src == "ics":
        b = inv_ics(ev, variant="attach_prose")
    else:
        b = inv_forward(ev, "prose")
    b.feats.append("outside_departement")
    return b


def amb_base():
    ev = R.choice([k_inauguration, k_medailles, k_fete, k_ag, k_anniv])()
    ev.programme = None
    ev.end_date = None
    ev.end = None
    return ev


def inv_ambiguous(kind):
    ev = amb_base()
    org = ev.org
    hd = header_dt(ev.date)
    signer = org.p
    feats = ["ambiguous:" + kind]
    dstyle = R.choice(["full", "noyear"])
    dph, dev = date_text(ev.date, dstyle)
    ps = "hall_de" if ev.place.hall else "commune_first"
    pph, cev = ev.place.prose(ps)
    start, cc, note = None, "__", ""
    subject = R.choice(ev.subjects)
    attach = []
    source = "prose"
    if kind == "two_times":
        t1 = ev.start
        t2 = add_min(t1, 30)
        ts = R.choice(TIME_STYLES)
        para = R.choice(["{S} {V} le plaisir de vous inviter {A}, {D} {P}, à {t1} ou à {t2} : l'horaire exact vous sera confirmé dans les prochains jours.",
                         "Nous vous convions {A} {D} {P}. L'heure n'est pas encore arrêtée (vraisemblablement {t1}, peut-être {t2} selon la disponibilité de M. le Sous-Préfet)."]).format(
            t1=fmt_time(*t1, ts), t2=fmt_time(*t2, ts), **slots(ev, dph, "", pph, signer))
        paras = [cap1(para)]
        note = "deux horaires candidats (%s / %s) : start null" % (hm(t1), hm(t2))
        tev = None
    elif kind == "two_times_b":
        t1 = ev.start
        t2 = add_min(t1, 30)
        ts = R.choice(TIME_STYLES)
        para = "{Nc} aura lieu {D} {P}, en fin de matinée : {t1} ou {t2}, nous vous le confirmerons dès que le programme sera validé.".format(
            t1=fmt_time(*t1, ts), t2=fmt_time(*t2, ts), **slots(ev, dph, "", pph, signer))
        paras = [cap1(para)]
        note = "horaire hésitant entre %s et %s : start null" % (hm(t1), hm(t2))
        tev = None
    elif kind == "two_dates":
        d2 = ev.date + TD(days=7)
        dph2, _ = date_text(d2, dstyle)
        tph, tev, _ = time_text(ev.start, None, R.choice(TIME_STYLES))
        para = "{S} {V} le plaisir de vous inviter {A}, qui se tiendra {D} ou {D2} (la date définitive dépendra de la livraison du chantier), {T} {P}.".format(
            D2=dph2, **slots(ev, dph, tph, pph, signer))
        paras = [cap1(para)]
        start = ev.start
        note = "deux dates candidates (%s ou %s) : la première est retenue" % (ev.date.isoformat(), d2.isoformat())
    elif kind == "subject_body":
        wrong = ev.date - TD(days=7)
        subject = "Invitation – %s %s" % (render_date(wrong, R.choice(["num", "nowd", "full"])), ev.title)
        tph, tev, _ = time_text(ev.start, None, R.choice(TIME_STYLES))
        paras = [fill(R.choice(T_TIME), slots(ev, dph, tph, pph, signer))]
        start = ev.start
        note = "l'objet annonce le %s, le corps le %s : date du corps retenue" % (wrong.isoformat(), ev.date.isoformat())
    elif kind == "card_mail":
        tph, tev, _ = time_text(ev.start, None, "h")
        paras = [fill(R.choice(T_TIME), slots(ev, dph, tph, pph, signer)), "Vous trouverez le carton officiel en pièce jointe."]
        other = add_min(ev.start, R.choice([30, -30, 60]))
        L = [(org.name, 13, True, "c"), ("vous invite", 11, False, "c"), (a_nom(ev.nominal), 13, True, "c"), "",
             (cap1(render_date(ev.date, "full")) + " à " + fmt_time(*other, "heures"), 12, True, "c"), ""] + [(x, 11, False, "c") for x in ev.place.card("full")[0]]
        attach = [apart(make_pdf(L, title=ev.title), "application/pdf", "carton.pdf")]
        source = "mixed"
        note = "le mail dit %s, le carton %s : start null" % (hm(ev.start), hm(other))
        tev = None
    elif kind in ("epci", "epci_pdf"):
        o = org_epci()
        ev.org = o
        ev.kind = "intercommunal"
        ev.notes = None
        ev.place = Place(None, R.choice([("la", "salle polyvalente"), ("la", "salle des fêtes"), ("le", "foyer")]), None, None)
        org = o
        tph, tev, _ = time_text(ev.start, None, R.choice(TIME_STYLES))
        ev.nominal = R.choice(["la cérémonie d'inauguration du réseau de pistes cyclables intercommunales", "le lancement du plan climat intercommunal",
                               "la rencontre annuelle des élus du territoire"])
        ev.title = cap1(ev.nominal.split(" ", 1)[1])
        subject = R.choice(["Invitation", "Invitation – " + ev.title, ev.title])
        pph = a_(*ev.place.hall)
        cev = None
        cc = None
        start = ev.start
        note = "salle sans commune, envoyée par une communauté de communes : commune indéterminée"
        if kind == "epci_pdf":
            L = [(o.name, 12, True, "c"), ("a le plaisir de vous inviter", 11, False, "c"), (a_nom(ev.nominal), 13, True, "c"), "",
                 (cap1(render_date(ev.date, "full")), 12, True, "c"), (fmt_time(*ev.start, "h00"), 12, True, "c"), (cap1(ev.place.hall[1]), 12, False, "c")]
            attach = [apart(make_pdf(L, title=ev.title), "application/pdf", "invitation.pdf")]
            source = "pdf"
            paras = None
            tev = fmt_time(*ev.start, "h00")
        else:
            paras = [fill(R.choice(T_TIME), slots(ev, dph, tph, pph, org.p))]
    else:
        raise ValueError(kind)
    if paras is None:
        text, sig = cover_note(org)
    else:
        text, sig = assemble(ev, hd, paras)
    evid = dict(date=dev, time=tev, commune=cev)
    t = truth_event(ev, start, None, ev.date, ambiguous=True, commune_code=cc, all_day=False)
    b = fin(ev, hd, text, sig, subject, evid, feats, [t], source, attach=attach)
    b.msg_notes = "ambigu : " + note
    return b


# ---------------------------------------------------------------------------
# non-invitations that mention dates
# ---------------------------------------------------------------------------
def rand_hd(lo=D(2025, 1, 3), hi=D(2027, 12, 10), wd_bias=True):
    while True:
        d = lo + TD(days=R.randint(0, (hi - lo).days))
        if wd_bias and d.weekday() >= 5 and R.random() < 0.75:
            continue
        h = R.choices([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23], [2, 6, 10, 10, 9, 4, 4, 8, 8, 7, 6, 4, 3, 3, 2, 2, 1])[0]
        return dt.datetime(d.year, d.month, d.day, h, R.randint(0, 59), R.randint(0, 59))


def fut(hd, a, b, wds=None):
    for _ in range(1000):
        d = hd.date() + TD(days=R.randint(a, b))
        if wds is None or d.weekday() in wds:
            return d
    return hd.date() + TD(days=a)


def past(hd, a, b, wds=None):
    for _ in range(1000):
        d = hd.date() - TD(days=R.randint(a, b))
        if wds is None or d.weekday() in wds:
            return d
    return hd.date() - TD(days=a)


def rd(d, styles=("full", "full", "noyear", "nowd", "num", "nowd_noyear")):
    return render_date(d, R.choice(styles))


def tm(t, style=None):
    return fmt_time(*t, style or R.choice(TIME_STYLES))


def citizen(c=None):
    p = person()
    c = c or pick_commune(0.5)
    email = email_of(p, R.choice(WEBMAIL))
    k = R.random()
    if k < 0.35:
        sig = [p.full]
    elif k < 0.7:
        line, st = sig_address_line(c, sep="\n")
        sig = [p.full] + line.split("\n")
    elif k < 0.85:
        sig = [p.full, mobile()]
    else:
        sig = ["%s %s" % (p.civ, p.FULL), c.w]
    return Org("citizen", p.full, c, p, "", email, p.full, False, sig, True)


def non(org, subject, hd, text, category, notes, source="prose", attach=(), extra=(), to=None, fmt=None, frm=None, cc=(), feats=()):
    t2 = typo(text)
    if t2 != text:
        feats = list(feats) + ["typo"]
        text = t2
    part, bf = body_part(text, fmt=fmt)
    if attach:
        part = mpart("mixed", [part] + list(attach))
    b = Built(hd=hd, part=part, subject=subject, text=text, evid=None, feats=list(feats) + bf, events=[],
              frm=frm or ((org.name if org.kind != "citizen" else org.p.full), org.email), source=source, org=org)
    b.category, b.msg_notes, b.extra, b.to, b.cc = category, notes, list(extra), to, list(cc)
    return b


def bulk_headers(domain, listname=None):
    h = [("List-Unsubscribe", "<mailto:desinscription@%s?subject=unsubscribe>, <https://%s/desinscription?u=%06d>" % (domain, domain, R.randint(0, 999999))),
         ("Precedence", "bulk")]
    if listname:
        h.append(("List-Id", "%s <%s.%s>" % (enc_word(listname, "utf-8", "q"), slug(listname)[:20], domain)))
    return h


def closing_sig(org):
    return R.choice(GENERIC_CLOSINGS) + "\n\n" + "\n".join(org.sig)


# --- appointment requests -------------------------------------------------
APPT_SUBJECTS = ["Demande de rendez-vous", "Demande de RDV", "Sollicitation d'un entretien", "Rendez-vous", "Rencontre", "Demande d'audience"]
APPT_TOPICS = ["la fermeture annoncée de la classe de CM1 de notre village", "mon dossier bloqué depuis des mois à la MDPH",
               "un litige avec mon bailleur social", "le projet d'éoliennes sur les hauteurs de notre commune",
               "la situation de mon fils, toujours sans affectation en lycée", "le stationnement illicite de caravanes sur le terrain communal",
               "les nuisances de la nouvelle plateforme logistique", "la fermeture du bureau de poste", "le contournement routier de notre commune",
               "les difficultés de recrutement de notre EHPAD", "le prix de l'énergie pour notre boulangerie"]


def n_appointment():
    hd = rand_hd()
    k = R.random()
    d1 = fut(hd, 4, 30, (0, 1, 2, 3, 4))
    t1 = R.choice([(9, 0), (10, 0), (10, 30), (14, 0), (15, 30), (17, 0), (11, 0)])
    perm = R.choice(["Haguenau", "Sélestat", "Saverne", "Molsheim", "Strasbourg"])
    if k < 0.3:
        org = citizen()
        d2 = fut(hd, 4, 30, (0, 1, 2, 3, 4))
        text = "{sal}\n\nJe me permets de vous solliciter pour un rendez-vous au sujet de {topic}. {det}\n\nSerait-il possible de vous rencontrer lors de votre permanence de {perm} ? Je suis disponible le {d1} à partir de {t1}, ou le {d2} dans la matinée.\n\n{cs}".format(
            sal=R.choice(SALUTS[:9]), topic=R.choice(APPT_TOPICS), perm=perm, d1=rd(d1, ("full", "noyear")), t1=tm(t1), d2=rd(d2, ("full", "noyear", "num_wd")),
            det=R.choice(["J'ai déjà écrit à la préfecture le %s, sans réponse." % rd(past(hd, 20, 120), ("nowd", "num")), "La situation devient urgente.", ""]),
            cs=closing_sig(org))
        notes = "demande de rendez-vous d'un particulier"
    elif k < 0.52:
        org = org_mairie(pick_commune(0.4))
        text = "{sal}\n\nComme convenu au téléphone, je te propose de nous retrouver en mairie {de} le {d1} à {t1} pour faire le point sur {dossier}. {extra}\n\nDis-moi si cela te convient, sinon nous trouverons un autre créneau.\n\nAmitiés,\n{sig}".format(
            sal=R.choice(["Chère Odile,", "Bonjour Odile,", "Odile,"]), de=de(org.c.w), d1=rd(d1, ("full", "noyear", "num_wd")), t1=tm(t1),
            dossier=R.choice(["le dossier de la déviation", "le financement de notre école", "la réhabilitation du gymnase", "le dossier DETR de la salle des fêtes", "l'implantation de la gendarmerie"]),
            extra=R.choice(["Notre DGS sera présent.", "Les deux adjoints concernés se joindront à nous.", ""]), sig="\n".join(org.sig))
        notes = "proposition de rendez-vous en mairie (pas un événement)"
    elif k < 0.7:
        org = org_company(pick_commune(0.5))
        addr_ = [x for x in org.sig if re.match(r"\d", x)][0]
        text = ("{sal}\n\nNotre entreprise, implantée {a} depuis {y}, traverse une période difficile ({why}). Nous souhaiterions vous présenter notre situation "
                "et vous proposons de vous recevoir sur notre site, {addr}, le {d1} à {t1}, ou à toute autre date à votre convenance.\n\n"
                "Nous serions honorés de pouvoir échanger avec vous sur ces sujets.\n\n{cs}").format(
            sal=R.choice(SALUTS[:6]), a=a_commune(org.c.w), y=R.randint(1952, 2012),
            why=R.choice(["hausse du coût de l'énergie", "concurrence des importations", "difficultés de recrutement", "retards de paiement d'un grand donneur d'ordre"]),
            addr=addr_, d1=rd(d1, ("full", "noyear")), t1=tm(t1), cs=closing_sig(org))
        notes = "proposition de rencontre dans une entreprise : rendez-vous, pas un événement"
    elif k < 0.82:
        org = org_assoc(pick_commune(0.5))
        text = ("{sal}\n\nUne délégation de notre association souhaiterait être reçue par vous afin d'évoquer {topic}. "
                "Nous pourrions venir à votre permanence de {perm} le {d1} vers {t1}, si cela vous convient.\n\n{cs}").format(
            sal=R.choice(SALUTS[:6]), topic=R.choice(APPT_TOPICS), perm=perm, d1=rd(d1, ("full", "noyear", "nowd")), t1=tm(t1), cs=closing_sig(org))
        notes = "demande d'audience"
    else:
        # an appointment sent as an iCalendar request by a town hall's secretariat
        org = org_mairie(pick_commune(0.5), sig_style="secretary")
        sdt = dt.datetime.combine(d1, dt.time(*t1))
        ics = make_ics("REQUEST", "%032x@mairie" % R.getrandbits(128), "RDV Mme la Sénatrice / M. le Maire – %s" % R.choice(["dossier école", "voirie", "périscolaire"]),
                       sdt, sdt + TD(hours=1), "Mairie %s – bureau du maire" % de(org.c.w), org.name, org.email,
                       R.choice(["tz", "utc"]), stamp=hd - TD(hours=1))
        text = ("Bonjour,\n\nSuite à votre demande, je vous confirme le rendez-vous de M. le Maire avec Mme la Sénatrice le {d1} à {t1}, en mairie. "
                "Vous trouverez ci-joint l'invitation pour votre agenda.\n\nCordialement,\n{sig}").format(d1=rd(d1, ("full", "noyear")), t1=tm(t1, "h00"), sig="\n".join(org.sig))
        b = non(org, "RDV Sénatrice – confirmation", hd, text, "non:appointment", "rendez-vous (iCalendar REQUEST) : pas un événement", source="ics",
                attach=[ics_file_part(ics, "REQUEST", "rdv.ics")])
        return b
    return non(org, R.choice(APPT_SUBJECTS), hd, text, "non:appointment", notes)


def n_appointment_confirm():
    hd = rand_hd()
    org = citizen()
    d1 = fut(hd, 2, 20, (0, 1, 2, 3, 4))
    t1 = R.choice([(9, 30), (10, 0), (11, 15), (14, 30), (16, 0)])
    perm = R.choice(["Haguenau", "Sélestat", "Saverne", "Molsheim"])
    text = ("{sal}\n\nSuite à notre échange téléphonique de ce matin, je vous confirme ma venue à la permanence de {perm} le {d1} à {t1}, "
            "accompagné{e} de {who}. J'apporterai les copies des courriers échangés avec la caisse de retraite.\n\n{cs}").format(
        sal=R.choice(["Bonjour,", "Madame,", "Bonjour Madame,"]), perm=perm, d1=rd(d1, ("full", "noyear", "num_wd")), t1=tm(t1),
        e=org.p.e("", "e"), who=R.choice(["mon épouse", "mon fils", "ma voisine, également concernée", "mon avocat"]), cs=closing_sig(org))
    return non(org, R.choice(["Confirmation RDV", "RE: votre rendez-vous", "Rendez-vous permanence"]), hd, text, "non:appointment", "confirmation d'un rendez-vous à la permanence")


# --- thank-you letters and reports after an event --------------------------
def n_thanks():
    hd = rand_hd()
    k = R.random()
    ev_d = past(hd, 2, 25, (4, 5, 6))
    c = pick_commune(0.5)
    what = R.choice(["l'inauguration de notre nouveau périscolaire", "notre assemblée générale", "la cérémonie des vœux", "la Sainte-Barbe de notre centre",
                     "la cérémonie du 11 Novembre", "notre concert de gala", "la remise des médailles", "la fête de la choucroute", "nos portes ouvertes"])
    if k < 0.45:
        org = org_mairie(c) if R.random() < 0.5 else org_assoc(c)
        dd = R.choice(["%s dernier, le %s" % (JOURS[ev_d.weekday()], render_date(ev_d, "nowd_noyear")), "le %s" % rd(ev_d, ("full", "noyear", "nowd_noyear")),
                       "le week-end dernier (%s)" % render_date(ev_d, "num"), "le %s" % rd(ev_d, ("num",))])
        text = ("{sal}\n\n{open} pour votre présence lors de {w} {dd} {p}. {tail}\n\n{photos}\n\n{cs}").format(
            sal=R.choice(SALUTS), open=R.choice(["Au nom du Conseil municipal, je tiens à vous remercier chaleureusement", "Un grand merci",
                                                 "Je souhaitais vous remercier très sincèrement", "Toute l'équipe se joint à moi pour vous remercier"]),
            w=what, dd=dd, p=R.choice(["à la salle des fêtes", "%s %s" % ("à", c.w), ""]),
            tail=R.choice(["Vos mots ont beaucoup touché nos bénévoles.", "Votre soutien constant nous honore.", "La présence de nombreux élus a donné à ce moment un relief particulier.", ""]),
            photos=R.choice(["Vous trouverez ci-dessous le lien vers quelques photos de cette belle journée.", "L'article paru dans les DNA le %s en témoigne." % rd(hd.date() - TD(days=1), ("nowd_noyear",)), ""]),
            cs=closing_sig(org))
        return non(org, R.choice(["Remerciements", "Merci !", "Merci pour votre présence", "Remerciements – " + what.split(" de ")[0].replace("l'", "").replace("la ", "").replace("notre ", "")]),
                   hd, text, "non:thanks", "remerciements après l'événement (Date postérieure à l'événement)")
    if k < 0.7:
        org = org_assoc(c)
        t0 = R.choice([(19, 0), (20, 0), (14, 30)])
        L = [(org.name, 12, True, "l"), "", ("Compte rendu de l'assemblée générale", 15, True, "l"),
             ("Séance du %s à %s" % (render_date(ev_d, "full"), tm(t0, "h00")), 11, False, "l"),
             ("%s %s" % (cap1(R.choice(HALLS)[1]), de(c.w)), 11, False, "l"), "",
             ("Présents : %d membres – Représentés : %d" % (R.randint(20, 90), R.randint(2, 15)), 10, False, "l"),
             ("1. Rapport moral du président", 10, False, "l"), ("2. Rapport financier – approuvé à l'unanimité", 10, False, "l"),
             ("3. Élection du comité", 10, False, "l"), ("La séance est levée à %s." % tm(add_min(t0, 110), "h00"), 10, False, "l")]
        pdf = make_pdf(L, compress=R.random() < 0.5, title="Compte rendu AG")
        text = ("{sal}\n\nMerci d'avoir honoré de votre présence notre assemblée générale. Comme promis, je vous adresse ci-joint le compte rendu, "
                "ainsi que notre rapport d'activité.\n\n{cs}").format(sal=R.choice(SALUTS), cs=closing_sig(org))
        return non(org, R.choice(["Compte rendu AG", "CR assemblée générale", "Suite à notre AG"]), hd, text, "non:report", "compte rendu d'une AG passée (PDF)",
                   source="pdf", attach=[apart(pdf, "application/pdf", "CR_AG_%d.pdf" % ev_d.year)])
    if k < 0.85:
        org = org_school(c)
        visit = past(hd, 5, 40, (0, 1, 2, 3))
        text = ("{sal}\n\nLes élèves de la classe de {cl} et leurs enseignants tiennent à vous remercier pour l'accueil que vous leur avez réservé au Sénat le {d}. "
                "La visite du Palais du Luxembourg et l'échange dans la salle des conférences resteront un souvenir marquant.\n\nNous vous adressons ci-dessous quelques réactions d'élèves.\n\n{cs}").format(
            sal=R.choice(SALUTS), cl=R.choice(["3e B", "1re STMG", "4e A", "terminale générale"]), d=rd(visit, ("full", "noyear", "nowd")), cs=closing_sig(org))
        return non(org, "Merci pour la visite du Sénat", hd, text, "non:thanks", "remerciements après une visite du Sénat")
    org = org_mairie(c)
    text = ("{sal}\n\nJe tiens à vous informer que, grâce à votre appui, notre dossier de subvention au titre de la DETR a été retenu lors du comité du {d}. "
            "Les travaux de la salle polyvalente pourront ainsi débuter au printemps.\n\nAvec toute ma gratitude,\n\n{sig}").format(
        sal=R.choice(SALUTS), d=rd(past(hd, 3, 30), ("full", "nowd", "num")), sig="\n".join(org.sig))
    return non(org, "Merci pour votre soutien", hd, text, "non:thanks", "remerciement pour un appui, date passée")


# --- cancellations ---------------------------------------------------------
def n_cancel():
    hd = rand_hd()
    c = pick_commune(0.5)
    org = R.choice([org_mairie, org_assoc])(c)
    d = fut(hd, 3, 40, (4, 5, 6))
    t = R.choice([(10, 30), (11, 0), (18, 0), (19, 0), (20, 0)])
    what = R.choice(["la cérémonie de remise des médailles", "l'inauguration de la médiathèque", "notre assemblée générale", "la fête du village", "le concert de printemps", "la remise des prix"])
    hall = R.choice(HALLS)
    k = R.random()
    if k < 0.7:
        text = "{sal}\n\n{body}\n\n{cs}".format(
            sal=R.choice(SALUTS), cs=closing_sig(org),
            body=R.choice([
                "Nous avons le regret de vous informer que {w}, prévue le {d} à {t} {p}, est annulée en raison {r}. Nous ne manquerons pas de revenir vers vous.",
                "En raison {r}, {w} du {d} n'aura pas lieu. Nous vous prions de bien vouloir nous en excuser.",
                "Je suis au regret de devoir annuler {w} qui devait se tenir le {d} {p}. {w_c} est reportée à une date ultérieure, qui vous sera communiquée.",
                "ANNULATION : compte tenu {r}, {w} initialement programmée le {d} à {t} est annulée."]).format(
                w=what, w_c=cap1(what), d=rd(d, ("full", "noyear", "nowd")), t=tm(t), p=a_(*hall) + " " + de(c.w),
                r=R.choice(["de l'alerte météorologique", "du décès de notre ancien maire", "de la situation sanitaire", "d'un nombre insuffisant d'inscrits", "des travaux de mise en sécurité du bâtiment"])))
        return non(org, R.choice(["ANNULATION", "Annulation – " + what, "Information importante : annulation", "Annulé : " + what]), hd, text, "non:cancellation",
                   "annulation sans nouvelle date")
    sdt = dt.datetime.combine(d, dt.time(*t))
    ics = make_ics("CANCEL", "%032x@%s" % (R.getrandbits(128), org.email.split("@")[1]), cap1(what), sdt, sdt + TD(hours=2),
                   "%s, %s" % (cap1(hall[1]), c.name), org.name, org.email, R.choice(["tz", "utc"]), stamp=hd, seq=1)
    text = "Cet événement a été annulé.\n\n{w} – {d}\n\n{sig}".format(w=cap1(what), d=rd(d, ("full",)), sig="\n".join(org.sig[:2]))
    part_alt = mpart("alternative", [tpart(text, "plain", "utf-8", "quoted-printable"), ics_alt_part(ics, "CANCEL")])
    b = non(org, "Annulé : " + cap1(what), hd, text, "non:cancellation", "annulation iCalendar (METHOD:CANCEL)", source="ics")
    b.part = part_alt
    b.feats = ["ics:cancel"]
    return b


# --- newsletters and municipal agendas to the public -----------------------
def agenda_items(hd, c, n=4):
    items = []
    for _ in range(n):
        d = fut(hd, 3, 45, (2, 4, 5, 6))
        t = R.choice([(14, 0), (15, 0), (20, 0), (20, 30), (10, 0), (17, 0), (19, 30), (9, 0)])
        what = R.choice(["Concert de l'harmonie", "Bourse aux vêtements", "Marché aux puces", "Conférence du cercle d'histoire", "Don du sang",
                         "Thé dansant du club des aînés", "Soirée tartes flambées de l'amicale des pompiers", "Loto du FC", "Théâtre alsacien",
                         "Sortie nature", "Atelier numérique pour les seniors", "Heure du conte à la médiathèque", "Nettoyage de printemps (Osterputz)"])
        items.append((d, t, what, R.choice(HALLS)))
    items.sort(key=lambda x: x[0])
    st = R.choice(["{D} – {T} – {W} – {H}", "• {D}, {T} : {W} ({H})", "{D} à {T}\n{W}\n{H}\n", "{W} : {D} à {T}, {H}"])
    return "\n".join(st.format(D=cap1(render_date(d, R.choice(["full", "noyear", "cap_noyear"]))), T=fmt_time(*t, "h"), W=w, H=cap1(h[1])) for d, t, w, h in items)


def n_newsletter():
    hd = rand_hd()
    c = pick_commune(0.6)
    org = org_mairie(c)
    dom = org.email.split("@")[1]
    k = R.random()
    greet = R.choice(["Chers habitants,", "Chères concitoyennes, chers concitoyens,", "Bonjour à tous,", "Madame, Monsieur,", "Chers amis,"])
    if k < 0.45:
        d = fut(hd, 5, 40, (4, 5, 6))
        t = R.choice([(11, 0), (18, 30), (19, 0), (10, 30)])
        what = R.choice(["la cérémonie des vœux", "l'inauguration du nouveau city-stade", "la fête de la musique", "la cérémonie du 8 Mai", "la fête du village",
                         "la réunion publique de présentation du PLU"])
        body = ("{g}\n\nLa municipalité a le plaisir de vous inviter à {w} qui aura lieu le {d} à {t} {p}. Venez nombreux !\n\n"
                "Au programme également ce mois-ci :\n{agenda}\n\n"
                "Retrouvez toute l'actualité de la commune sur notre site internet.\n\n--\nVous recevez cette lettre d'information car vous êtes inscrit(e) à la liste de diffusion de la mairie %s.\n"
                "Se désinscrire : https://%s/desinscription") % (de(c.w), dom)
        body = body.format(g=greet, w=what, d=rd(d, ("full", "noyear")), t=tm(t), p=a_(*R.choice(HALLS)), agenda=agenda_items(hd, c, R.randint(2, 4)))
        notes = "lettre d'information au public (« venez nombreux », liste de diffusion)"
    else:
        body = ("{g}\n\nVoici l'agenda des manifestations des prochaines semaines {de} :\n\n{agenda}\n\n{info}\n\n"
                "Pour ne plus recevoir cette lettre, cliquez ici : https://%s/newsletter/stop") % dom
        body = body.format(g=greet, de=de(c.w), agenda=agenda_items(hd, c, R.randint(3, 6)),
                           info=R.choice(["Rappel : la mairie sera fermée le %s." % rd(fut(hd, 3, 30), ("full", "noyear")),
                                          "Inscriptions scolaires jusqu'au %s." % rd(fut(hd, 5, 40), ("nowd", "nowd_noyear")),
                                          "Collecte des encombrants le %s." % rd(fut(hd, 3, 30), ("full", "noyear"))]))
        notes = "agenda municipal envoyé au public"
    b = non(org, R.choice(["Lettre d'information – %s %d" % (MOIS[hd.month - 1], hd.year), "Agenda de %s" % c.w, "Infos %s" % c.w, "Newsletter n° %d" % R.randint(12, 140),
                           "L'actu de votre commune"]), hd, body, "non:newsletter", notes,
            extra=bulk_headers(dom, "Infos %s" % c.w), to=[] if R.random() < 0.6 else [("Abonnés lettre d'information", "newsletter@" + dom)],
            fmt=R.choice(["html", "alt", "alt"]), frm=("Ville %s" % de(c.w), "newsletter@" + dom))
    return b


def n_newsletter_inst():
    hd = rand_hd()
    who = R.choice([("Collectivité européenne d'Alsace", "alsace-cea-exemple.eu", "Alsace Actu"), ("Association des maires du Bas-Rhin", "maires67-exemple.fr", "La lettre des maires"),
                    ("Eurométropole de Strasbourg", "strasbourg-eu-exemple.fr", "Eurométropole Infos"), ("Chambre d'agriculture Alsace", "alsace.chambagri-exemple.fr", "Agri-Infos")])
    d1, d2 = fut(hd, 5, 50, (0, 1, 2, 3, 4)), fut(hd, 10, 60, (5,))
    body = ("{name} – {lst}\n\nÀ LA UNE\n{une}\n\nÀ NOTER\n• {d1} : {x1}\n• {d2} à {t2} : {x2}, {pl}\n\n"
            "Vous recevez cette lettre en tant qu'élu(e) ou partenaire. Gérer mes abonnements | Se désinscrire").format(
        name=who[0], lst=who[2], une=R.choice(["Le budget %d a été adopté lors de la séance plénière du %s." % (hd.year, rd(past(hd, 5, 30), ("nowd", "full"))),
                                               "Nouveau dispositif d'aide aux communes rurales : dépôt des dossiers jusqu'au %s." % rd(fut(hd, 20, 90), ("nowd",))]),
        d1=cap1(rd(d1, ("full", "noyear"))), x1=R.choice(["date limite de candidature au label « Villes et villages fleuris »", "ouverture de la plateforme de subventions", "webinaire sur la sobriété énergétique"]),
        d2=cap1(rd(d2, ("full", "noyear"))), t2=tm(R.choice([(9, 0), (14, 0), (10, 0)])), x2=R.choice(["journée des élus", "forum des associations", "salon de l'agriculture alsacienne"]),
        pl=R.choice(["Parc des expositions de Colmar", "Palais de la musique et des congrès, Strasbourg", "Haguenau, Espace Sorgues"]))
    return non(Org("inst", who[0], None, person(), "", "lettre@" + who[1], who[0], False, [who[0]], False), who[2] + " – n° %d" % R.randint(30, 300),
               hd, body, "non:newsletter", "lettre d'information institutionnelle (liste)", extra=bulk_headers(who[1], who[2]), to=[], fmt="html")


# --- mass mailings of associations to their members -------------------------
def n_assoc_mass():
    hd = rand_hd()
    c = pick_commune(0.4)
    org = org_assoc(c)
    d = fut(hd, 10, 40, (4, 5, 6))
    t = R.choice([(19, 30), (20, 0), (14, 30), (10, 0), (7, 0)])
    k = R.random()
    greet = R.choice(["À tous nos adhérents,", "Chers membres,", "Chères amies, chers amis,", "Bonjour à toutes et à tous,", "Chers adhérents,"])
    if k < 0.45:
        body = ("{g}\n\nVous êtes convoqués à l'assemblée générale ordinaire de {n}, qui se tiendra le {d} à {t} {p}.\n\nOrdre du jour :\n1. Rapport moral\n2. Rapport financier\n"
                "3. Cotisation {y}\n4. Élections\n5. Divers\n\nEn cas d'empêchement, merci de remettre le pouvoir ci-joint à un autre membre.\n\nLe comité").format(
            g=greet, n=org.name, d=rd(d, ("full", "noyear", "num")), t=tm(t), p=a_(*R.choice(HALLS)) + " " + de(c.w), y=d.year + 1)
        notes = "convocation d'AG envoyée à tous les adhérents"
    elif k < 0.75:
        body = ("{g}\n\nNotre sortie annuelle aura lieu le {d} : {dest}. Départ à {t} précises, {pl}. Retour prévu vers 20h.\n\nInscriptions auprès de {pers} avant le {lim}.\n\nAmicalement,\nLe comité").format(
            g=greet, d=rd(d, ("full", "noyear")), dest=R.choice(["visite de Fribourg-en-Brisgau", "journée à Europa-Park", "excursion au Hartmannswillerkopf", "croisière sur le Rhin"]),
            t=tm(R.choice([(7, 0), (7, 30), (8, 0)])), pl=R.choice(["place de la Mairie", "parking de la salle des fêtes", "devant l'église"]),
            pers=person().full, lim=rd(fut(hd, 3, 9), ("nowd_noyear", "num_short")))
        notes = "sortie associative annoncée aux membres"
    else:
        body = ("{g}\n\nLa prochaine collecte de sang aura lieu le {d} de {t1} à {t2} {p}. Parlez-en autour de vous !\n\nMerci pour votre fidélité.\n{n}").format(
            g=greet, d=rd(d, ("full", "noyear")), t1=tm((16, 30), "h"), t2=tm((20, 0), "h"), p=a_(*R.choice(HALLS)) + " " + de(c.w), n=org.name)
        notes = "appel aux adhérents / au public"
    return non(org, R.choice(["Convocation AG", "Infos adhérents", "Sortie annuelle", "À tous les membres", "Collecte de sang", "[%s] Information" % org.name[:20]]),
               hd, body, "non:mass_mailing", notes, to=[] if R.random() < 0.6 else [(org.name + " – membres", "membres@liste-" + slug(org.name)[:15] + ".fr")],
               extra=bulk_headers("liste-" + slug(org.name)[:15] + ".fr", org.name) if R.random() < 0.6 else [("Precedence", "list")])


# --- webinars and video meetings ----------------------------------------------
def n_webinar():
    hd = rand_hd()
    d = fut(hd, 3, 40, (0, 1, 2, 3, 4))
    t1 = R.choice([(9, 30), (10, 0), (14, 0), (17, 30), (18, 0), (11, 0)])
    t2 = add_min(t1, R.choice([60, 90, 120]))
    who = R.choice([org_inst("amf67"), org_inst("cea"), org_inst("prefecture"), org_inst("chambre_agri"), org_assoc(pick_commune(0.5), "restos")])
    topic = R.choice(["la réforme de la taxe d'aménagement", "le zéro artificialisation nette", "la sécurité des établissements recevant du public",
                      "le plan grand froid", "la gestion des risques d'inondation", "les aides à la rénovation énergétique"])
    link = R.choice(["https://teams.microsoft.com/l/meetup-join/19%%3ameeting_%06d" % R.randint(0, 999999), "https://us02web.zoom.us/j/%d" % R.randint(10 ** 9, 10 ** 10),
                     "https://webinaire.exemple-gouv.fr/%d" % R.randint(1000, 9999)])
    k = R.random()
    if k < 0.55:
        text = ("{sal}\n\n{intro} un webinaire consacré {topic}, le {d} de {t1} à {t2}.\n\nLien de connexion : {link}\n\n{extra}\n\n{cs}").format(
            sal=R.choice(SALUTS), intro=R.choice(["Nous avons le plaisir de vous inviter à", "Vous êtes conviée à", "Je vous invite à suivre"]), topic=a_nom(topic),
            d=rd(d, ("full", "noyear")), t1=tm(t1), t2=tm(t2), link=link, extra=R.choice(["Aucune inscription préalable n'est nécessaire.", "Le support sera transmis aux participants.", "Les questions peuvent être posées par écrit dans le fil de discussion."]),
            cs=closing_sig(who))
        return non(who, R.choice(["Webinaire – " + topic, "Invitation webinaire", "Visioconférence : " + topic]), hd, text, "non:webinar", "webinaire en ligne, pas de lieu")
    sdt = dt.datetime.combine(d, dt.time(*t1))
    ics = make_ics("REQUEST", "%032x@visio" % R.getrandbits(128), "Visio – " + topic, sdt, dt.datetime.combine(d, dt.time(*t2)),
                   R.choice(["Réunion Microsoft Teams", "Zoom", "Visioconférence"]), who.name, who.email, R.choice(["tz", "utc"]), stamp=hd, url=link)
    text = ("Réunion Microsoft Teams\nRejoindre sur votre ordinateur ou application mobile\nCliquez ici pour participer à la réunion <{link}>\n"
            "ID de la réunion : {id1} {id2} {id3}\nCode secret : {code}\n\n{sig}").format(link=link, id1=R.randint(100, 999), id2=R.randint(100, 999), id3=R.randint(100, 999),
                                                                                        code="".join(R.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(6)), sig="\n".join(who.sig[:2]))
    b = non(who, "Visio – " + topic, hd, text, "non:webinar", "réunion en visioconférence (iCalendar REQUEST, pas de lieu)", source="ics")
    b.part = mpart("alternative", [tpart(text, "plain", "utf-8", "quoted-printable"), tpart(html_of(text, "outlook"), "html"), ics_alt_part(ics, "REQUEST")])
    b.feats = ["ics:tz", "visio"]
    return b


# --- press releases and press invitations -----------------------------------
MEDIA = [("Rédaction DNA", "redaction@dna-exemple.fr"), ("France 3 Alsace", "redaction.alsace@france3-exemple.fr"),
         ("L'Alsace", "redaction@lalsace-exemple.fr"), ("Radio Bleu Alsace", "alsace@radiobleu-exemple.fr"), ("Rue89 Strasbourg", "redaction@rue89-exemple.fr")]


def n_press():
    hd = rand_hd()
    c = pick_commune(0.5)
    org = R.choice([org_mairie, org_company, org_assoc])(c)
    d = fut(hd, 2, 20, (0, 1, 2, 3, 4, 5))
    t = R.choice([(10, 0), (11, 0), (14, 30), (17, 0)])
    k = R.random()
    if k < 0.5:
        text = ("INVITATION PRESSE\n\n{n}\n\nMesdames et Messieurs les journalistes,\n\nVous êtes cordialement invités à la conférence de presse de présentation de {w}, "
                "le {d} à {t} {p}.\n\nEn présence de {who}.\n\nContact presse : {pers} – {ph}").format(
            n=org.name, w=R.choice({"mairie": ["la saison culturelle", "la candidature de la commune au label Petites villes de demain"],
                                     "company": ["notre nouveau projet d'usine", "notre plan d'investissement"]}.get(org.kind, ["la programmation du festival", "notre saison %d" % d.year])),
            d=rd(d, ("full", "noyear")), t=tm(t), p=a_(*R.choice(HALLS)) + " " + de(c.w), who=R.choice(["M. le Maire", "la direction", "notre président"]), pers=person().full, ph=mobile())
        notes = "invitation presse adressée aux médias"
    else:
        text = ("COMMUNIQUÉ DE PRESSE\n{place}, le {today}\n\n{title}\n\n{body}\n\nContact presse : {pers} – {ph}").format(
            place=c.w, today=render_date(hd.date(), "nowd"), title=R.choice(["Record de fréquentation pour la fête de la bière", "L'usine annonce 40 embauches", "Fermeture de la piscine pour travaux"]),
            body=R.choice(["Du %s au %s, plus de 25 000 visiteurs ont été accueillis." % (rd(past(hd, 10, 12), ("nowd_noyear",)), rd(past(hd, 6, 8), ("nowd",))),
                           "Les travaux débuteront le %s et dureront six mois." % rd(fut(hd, 10, 60), ("full", "nowd")),
                           "Le conseil d'administration réuni le %s a validé le projet." % rd(past(hd, 2, 15), ("full", "nowd"))]),
            pers=person().full, ph=mobile())
        notes = "communiqué de presse"
    to = R.sample(MEDIA, R.randint(2, 4))
    return non(org, R.choice(["INVITATION PRESSE", "Communiqué de presse", "CP – " + org.name, "Invitation presse – conférence"]) if k < 0.5 else R.choice(["Communiqué de presse", "CP – " + org.name]),
               hd, text, "non:press", notes, to=to, cc=[(None, OFFICE)] if R.random() < 0.5 else ())


# --- surveys, petitions, relays ------------------------------------------------
def n_survey():
    hd = rand_hd()
    k = R.random()
    org = R.choice([org_assoc(pick_commune(0.5)), citizen(), org_inst("amf67")])
    lim = fut(hd, 7, 45)
    if k < 0.4:
        text = ("{sal}\n\nDans le cadre de notre étude sur {t}, nous vous remercions de bien vouloir répondre à notre questionnaire en ligne avant le {d} : https://enquete.exemple.fr/{n}\n\n"
                "Cela ne vous prendra que 10 minutes.\n\n{cs}").format(sal=R.choice(SALUTS), t=R.choice(["la mobilité rurale", "l'accès aux soins", "les attentes des élus locaux"]),
                                                                    d=rd(lim, ("full", "nowd", "num")), n=R.randint(100, 999), cs=closing_sig(org))
        notes = "invitation à répondre à une enquête"
    elif k < 0.75:
        text = ("{sal}\n\nNous avons lancé une pétition contre {t}. Elle a déjà recueilli {n} signatures. Le conseil communautaire doit se prononcer le {d} : "
                "nous vous invitons à la signer et à la relayer : https://petition.exemple.org/{n}\n\n{cs}").format(
            sal=R.choice(SALUTS), t=R.choice(["la fermeture de la maternité", "la suppression de la ligne de bus 230", "le projet de carrière"]), n=R.randint(300, 5000),
            d=rd(lim, ("full", "noyear")), cs=closing_sig(org))
        notes = "pétition à signer"
    else:
        text = ("{sal}\n\nPourriez-vous relayer auprès de vos réseaux la collecte nationale des {o}, les {d1} et {d2}, dans les supermarchés du secteur ? Merci d'avance !\n\n{cs}").format(
            sal=R.choice(SALUTS), o=R.choice(["Restos du cœur", "Banques alimentaires"]), d1=render_date(lim, "nowd_noyear"), d2=render_date(lim + TD(days=1), "nowd"), cs=closing_sig(org))
        notes = "demande de relais d'information"
    subj = {"invitation à répondre à une enquête": ["Questionnaire", "Enquête élus", "Votre avis compte"], "pétition à signer": ["Pétition", "Signez et partagez"],
            "demande de relais d'information": ["Merci de relayer", "Collecte – à diffuser"]}[notes]
    return non(org, R.choice(subj), hd, text, "non:survey_petition", notes)


# --- replies to the office's own invitations --------------------------------------
OFFICE_EVENTS = ["la réunion d'information des maires de la circonscription", "la rencontre-débat sur l'avenir de l'agriculture",
                 "la visite du Sénat organisée pour les élus du Bas-Rhin", "la réunion publique sur la sécurité routière",
                 "le petit-déjeuner des entrepreneurs", "la remise des prix du concours d'éloquence des lycéens"]


def n_reply_office():
    hd = rand_hd()
    ev_d = fut(hd, 4, 30, (0, 1, 2, 3, 4, 5))
    t = R.choice([(18, 0), (18, 30), (9, 0), (10, 0), (19, 0)])
    c = pick_commune(0.5)
    what = R.choice(OFFICE_EVENTS)
    ohd = hd - TD(days=R.randint(3, 15), hours=R.randint(0, 5))
    place_c = COMMUNES[R.choice(["haguenau", "brumath", "selestat", "saverne", "molsheim"])]
    orig = ("Madame Odile Hertzog, Sénatrice du Bas-Rhin, a le plaisir de vous inviter {w}, le {d} à {t} {p}.\n\nMerci de confirmer votre présence au secrétariat.").format(
        w=a_nom(what), d=rd(ev_d, ("full",)), t=tm(t), p=a_(*R.choice(HALLS)) + " " + de(place_c.w))
    org = org_mairie(c) if R.random() < 0.7 else citizen(c)
    k = R.random()
    if k < 0.4:
        ans = R.choice(["Je serai présent%s, avec plaisir." % org.p.e("", "e"), "J'ai bien reçu votre invitation et je serai des vôtres.",
                        "Je confirme ma participation, accompagné%s de mon premier adjoint." % org.p.e("", "e")])
        notes = "réponse (acceptation) à une invitation de la Sénatrice : l'office organise"
    elif k < 0.8:
        ans = R.choice(["Retenu%s par le conseil municipal ce soir-là, je ne pourrai malheureusement pas être présent%s. Je vous prie de bien vouloir m'en excuser." % (org.p.e("", "e"), org.p.e("", "e")),
                        "Je suis au regret de ne pouvoir répondre favorablement à votre invitation du %s." % rd(ev_d, ("nowd_noyear", "num_short")),
                        "Excusez-moi pour le %s, je serai en déplacement." % rd(ev_d, ("nowd_noyear", "noyear"))])
        notes = "réponse (excuse) à une invitation de la Sénatrice"
    else:
        ans = "Je serai représenté%s par %s, adjoint%s au maire." % (org.p.e("", "e"), person().full, R.choice(["", "e"]))
        notes = "réponse (représentation) à une invitation de la Sénatrice"
    quote = "\n".join("> " + x if x else ">" for x in orig.split("\n"))
    text = "{sal}\n\n{a}\n\n{cs}\n\nLe {od} à {oh}, Secrétariat Sénatrice Hertzog <{off}> a écrit :\n{q}".format(
        sal=R.choice(["Madame la Sénatrice,", "Bonjour,", "Chère Odile,", "Madame,"]), a=ans, cs=closing_sig(org),
        od=render_date(ohd.date(), "num"), oh="%02d:%02d" % (ohd.hour, ohd.minute), off=OFFICE, q=quote)
    omid = "<%08x.%d@senatrice-hertzog-exemple.fr>" % (R.getrandbits(32), R.randint(1, 999))
    b = non(org, R.choice(["RE: Invitation – ", "Re: ", "RE : "]) + cap1(what), hd, text, "non:reply_to_office", notes,
            extra=[("In-Reply-To", omid), ("References", omid)] if R.random() < 0.7 else [])
    return b


# --- deadlines ---------------------------------------------------------------------
def n_deadline():
    hd = rand_hd()
    lim = fut(hd, 5, 80)
    k = R.random()
    if k < 0.3:
        org = org_inst("prefecture")
        text = ("{sal}\n\nJ'ai l'honneur de vous rappeler que la date limite de dépôt des dossiers de demande de subvention au titre de la DETR et de la DSIL "
                "est fixée au {d} à minuit. Les dossiers incomplets ne pourront être instruits.\n\nLa commission d'élus se réunira ensuite le {d2}.\n\n{cs}").format(
            sal="Madame la Sénatrice,", d=rd(lim, ("full", "nowd")), d2=rd(lim + TD(days=R.randint(20, 40)), ("nowd", "full")), cs=closing_sig(org))
        notes = "date limite de dépôt"
    elif k < 0.55:
        org = org_mairie(pick_commune(0.3))
        text = ("{sal}\n\nNous devons déposer notre dossier {x} avant le {d}, et il nous manque encore l'avis de {y}. Pourriez-vous appuyer notre demande auprès des services de l'État ?\n\n{cs}").format(
            sal=R.choice(SALUTS), x=R.choice(["de fonds vert", "de DETR pour la rénovation de l'école", "d'appel à projets « Petites villes de demain »"]),
            d=rd(lim, ("full", "nowd", "num")), y=R.choice(["l'architecte des bâtiments de France", "la DDT", "l'Agence de l'eau"]), cs=closing_sig(org))
        notes = "demande d'appui avant une échéance"
    elif k < 0.8:
        org = citizen()
        text = ("{sal}\n\nJ'ai reçu un avis de la caisse d'allocations familiales m'indiquant que je dois rembourser {m} € avant le {d}. Je ne comprends pas cette décision, "
                "mes revenus n'ayant pas changé depuis le {p}. Pouvez-vous m'aider ?\n\n{cs}").format(
            sal=R.choice(SALUTS[:9]), m=R.randint(300, 4000), d=rd(lim, ("nowd", "num", "full")), p=rd(past(hd, 60, 400), ("nowd", "num")), cs=closing_sig(org))
        notes = "échéance personnelle"
    else:
        org = org_inst("cea")
        text = ("Madame la Sénatrice,\n\nL'appel à projets « Fonds d'attractivité des territoires » est ouvert jusqu'au {d} à 12h00. Les communes de moins de 3 500 habitants sont éligibles.\n\n{cs}").format(
            d=rd(lim, ("full", "nowd")), cs=closing_sig(org))
        notes = "appel à projets avec date limite"
    return non(org, R.choice(["Date limite", "Rappel échéance", "URGENT – dossier à déposer", "Appel à projets", "Demande d'appui"]), hd, text, "non:deadline", notes)


# --- council meetings held earlier ------------------------------------------------
def n_council_past():
    hd = rand_hd()
    c = pick_commune(0.4)
    org = org_mairie(c)
    sd = past(hd, 2, 30, (0, 1, 2, 3, 4))
    t = R.choice([(19, 0), (20, 0), (20, 30), (18, 30)])
    motion = R.choice(["le maintien du bureau de poste", "le refus de la fermeture d'une classe", "le financement des routes départementales", "la défense de la gendarmerie de proximité",
                       "le soutien aux agriculteurs touchés par la grêle"])
    if R.random() < 0.45:
        L = [("COMMUNE %s" % de(c.w.upper()), 12, True, "l"), ("Extrait du registre des délibérations du conseil municipal", 11, False, "l"), "",
             ("Séance du %s à %s" % (render_date(sd, "full"), tm(t, "h00")), 11, True, "l"), ("Salle du conseil de la mairie %s" % de(c.w), 11, False, "l"), "",
             ("Membres en exercice : %d – Présents : %d" % (R.randint(15, 29), R.randint(11, 15)), 10, False, "l"), "",
             ("Objet : motion pour %s" % motion, 11, True, "l"), ("Le conseil municipal, après en avoir délibéré, adopte la motion à l'unanimité.", 10, False, "l"),
             "", ("Fait %s, le %s" % (a_commune(c.w), render_date(sd + TD(days=1), "nowd")), 10, False, "l")]
        pdf = make_pdf(L, compress=R.random() < 0.5, title="Délibération")
        text = ("{sal}\n\nVeuillez trouver ci-joint la motion adoptée par notre conseil municipal, que je vous remercie de bien vouloir soutenir.\n\n{cs}").format(sal=R.choice(SALUTS), cs=closing_sig(org))
        return non(org, "Motion du conseil municipal", hd, text, "non:council_past", "délibération d'une séance passée (PDF)", source="pdf",
                   attach=[apart(pdf, "application/pdf", "deliberation_%s.pdf" % sd.strftime("%Y%m%d"))])
    text = ("{sal}\n\nLors de sa séance du {d}, le conseil municipal {de} a adopté à l'unanimité une motion pour {m}. Je vous en transmets le texte ci-dessous et sollicite votre soutien.\n\n"
            "« Le conseil municipal, réuni le {d2} à {t} en mairie, ... »\n\n{cs}").format(
        sal=R.choice(SALUTS), d=rd(sd, ("full", "nowd", "num", "noyear")), de=de(c.w), m=motion, d2=render_date(sd, "nowd"), t=tm(t), cs=closing_sig(org))
    return non(org, R.choice(["Motion", "Motion adoptée par le conseil municipal", "Soutien demandé – motion"]), hd, text, "non:council_past", "séance de conseil passée")


# --- decrees and laws --------------------------------------------------------------
def n_decree():
    hd = rand_hd()
    org = R.choice([org_mairie(pick_commune(0.4)), org_assoc(pick_commune(0.5)), citizen(), org_company(pick_commune(0.5))])
    dd = past(hd, 10, 300)
    eff = fut(hd, 10, 200) if R.random() < 0.6 else past(hd, 1, 9)
    k = R.random()
    if k < 0.5:
        ref = "le décret n° %d-%d du %s" % (dd.year, R.randint(100, 1900), render_date(dd, "nowd"))
    elif k < 0.75:
        ref = "la loi n° %d-%d du %s" % (dd.year, R.randint(100, 1500), render_date(dd, "nowd"))
    else:
        ref = "l'arrêté préfectoral du %s" % render_date(dd, "nowd")
    text = ("{sal}\n\n{intro} {ref}, {what}, qui entrera en vigueur le {eff}. {consequence}\n\nNous sollicitons votre intervention {how}.\n\n{cs}").format(
        sal=R.choice(SALUTS), intro=R.choice(["Je me permets d'attirer votre attention sur", "Nous souhaitons vous alerter sur les conséquences de", "Vous n'êtes pas sans savoir que"]),
        ref=ref, what=R.choice(["relatif aux normes d'accessibilité", "portant réforme de la dotation de solidarité rurale", "relatif à l'interdiction des chaudières au fioul",
                                "modifiant les règles d'urbanisme en zone inondable"]),
        eff=rd(eff, ("nowd", "full")), consequence=R.choice(["Pour notre commune, le surcoût est estimé à 80 000 €.", "Nos adhérents ne pourront pas s'y conformer dans les délais.", ""]),
        how=R.choice(["auprès du ministère", "lors de l'examen du prochain projet de loi de finances", "par une question écrite"]), cs=closing_sig(org))
    return non(org, R.choice(["Décret – demande d'intervention", "Question sur la loi", "Arrêté préfectoral", "Alerte réglementaire"]), hd, text, "non:decree_law", "référence à un texte daté")


# --- roadworks ---------------------------------------------------------------------
def n_roadworks():
    hd = rand_hd()
    c = pick_commune(0.5)
    if R.random() < 0.6:
        org = org_mairie(c)
    else:
        org = org_inst("cea")
        org.sig = ["Direction des routes – Centre d'entretien de " + R.choice(["Haguenau", "Saverne", "Molsheim", "Sélestat"]), "Collectivité européenne d'Alsace"]
    d1 = fut(hd, 3, 30, (0,))
    d2 = d1 + TD(days=R.choice([4, 11, 18, 25]))
    t1, t2 = R.choice([((7, 30), (17, 0)), ((8, 0), (16, 30)), ((8, 30), (12, 0)), ((20, 0), (6, 0))])
    street = R.choice(STREETS + TOWN_STREETS)
    rtext = R.choice(["Des travaux de {w} auront lieu {street} {de} du {d1} au {d2}, de {t1} à {t2}. La circulation sera {how}. Une déviation sera mise en place par la {dev}.",
                      "Nous vous informons que la {rd} sera fermée à la circulation entre {c} et {c2} du {d1} au {d2} inclus ({w}). Les travaux seront réalisés {night}."])
    text = "{sal}\n\n{body}\n\n{cs}".format(
        sal=R.choice(["Madame la Sénatrice,", "Mesdames et Messieurs les élus,", "Madame, Monsieur,", "Bonjour,"]),
        body=rtext.format(w=R.choice(["renouvellement du réseau d'eau potable", "réfection de la chaussée", "pose de la fibre optique", "enfouissement des réseaux secs"]),
                          street=("rue" in street and "dans la " or "sur la ") + street if not street.startswith(("Grand", "quai", "avenue", "place")) else "sur " + street,
                          de=de(c.w), d1=render_date(d1, R.choice(["full", "noyear", "nowd_noyear"])), d2=render_date(d2, R.choice(["full", "nowd", "noyear"])),
                          t1=tm(t1, "h"), t2=tm(t2, "h"), how=R.choice(["alternée par feux tricolores", "interdite sauf riverains", "maintenue sur une voie"]),
                          dev=R.choice(["route de Strasbourg", "rue de la Gare", "RD 263", "route de Colmar"]), rd=R.choice(["RD 1083", "RD 421", "RD 500", "RD 263", "RD 1420"]),
                          c=c.w, c2=COMMUNES[R.choice(SMALL)].w, night=R.choice(["de nuit, entre 20h et 6h", "en journée de 8h à 17h", "par demi-chaussée"])),
        cs=closing_sig(org))
    if R.random() < 0.3:
        L = [("ARRÊTÉ %s N° %d-%03d" % ("MUNICIPAL" if org.kind == "mairie" else "", d1.year, R.randint(1, 300)), 12, True, "l"),
             ("portant réglementation temporaire de la circulation", 11, False, "l"), "",
             ("Article 1 : du %s au %s, de %s à %s, la circulation sera alternée." % (render_date(d1, "num"), render_date(d2, "num"), tm(t1, "h00"), tm(t2, "h00")), 10, False, "l"),
             ("Article 2 : le stationnement sera interdit au droit du chantier.", 10, False, "l"), "", ("Fait %s, le %s" % (a_commune(c.w), render_date(hd.date(), "nowd")), 10, False, "l")]
        return non(org, "Arrêté de circulation – travaux", hd, text, "non:roadworks", "travaux avec dates et horaires (arrêté PDF)", source="pdf",
                   attach=[apart(make_pdf(L, title="Arrêté"), "application/pdf", "arrete_circulation.pdf")])
    return non(org, R.choice(["Travaux", "Information travaux", "Fermeture de route", "Avis de travaux – " + c.w]), hd, text, "non:roadworks", "travaux avec dates et horaires")


def n_cut():
    hd = rand_hd()
    c = pick_commune(0.4)
    d = fut(hd, 3, 25, (0, 1, 2, 3, 4))
    t1, t2 = R.choice([((8, 30), (12, 0)), ((9, 0), (11, 30)), ((13, 30), (16, 0)), ((8, 0), (17, 0))])
    k = R.random()
    if k < 0.6:
        who = R.choice([("Électricité du Ried – Réseaux", "coupures@elec-ried-exemple.fr"), ("Syndicat des eaux de la plaine du Rhin", "exploitation@eaux-plaine-exemple.fr")])
        org = Org("inst", who[0], None, person(), "", who[1], who[0], False, [who[0], "Service exploitation"], False)
        text = ("Madame, Monsieur,\n\nAfin d'améliorer la qualité de la distribution, nous réaliserons des travaux qui nécessitent une coupure {w} le {d} de {t1} à {t2} "
                "sur la commune {de} ({streets}).\n\nNous vous prions de nous excuser pour la gêne occasionnée.\n\n{sig}").format(
            w="d'électricité" if "Élec" in who[0] else "d'eau", d=rd(d, ("full", "noyear")), t1=tm(t1), t2=tm(t2), de=de(c.w),
            streets=", ".join(R.sample(STREETS, 3)), sig="\n".join(org.sig))
        return non(org, R.choice(["Avis de coupure", "Coupure pour travaux – " + c.w, "Information coupure"]), hd, text, "non:utility_cut", "coupure programmée avec horaires",
                   to=[], extra=[("Precedence", "bulk")])
    org = citizen(c)
    p1 = past(hd, 1, 10)
    text = ("{sal}\n\nNous avons été privés d'eau du {d1} au {d2}, sans aucune information préalable. Plusieurs personnes âgées de notre rue se sont retrouvées en grande difficulté. "
            "Une nouvelle coupure est annoncée pour le {d3} entre {t1} et {t2}. Est-ce normal ?\n\n{cs}").format(
        sal=R.choice(SALUTS[:9]), d1=render_date(p1 - TD(days=2), "full"), d2=render_date(p1, "noyear"), d3=rd(d, ("full", "noyear")), t1=tm(t1), t2=tm(t2), cs=closing_sig(org))
    return non(org, "Coupures d'eau à répétition", hd, text, "non:utility_cut", "plainte sur des coupures")


# --- subsidy requests describing a future festival ---------------------------------
def n_subsidy():
    hd = rand_hd()
    c = pick_commune(0.4)
    org = org_assoc(c, R.choice(["fetes", "harmonie", "theatre", "foot", "patrimoine", "jumelage"]))
    d = fut(hd, 40, 200, (5,))
    fest = R.choice(["le festival Rock'n'Ried", "les Rencontres de la marionnette", "la Fête médiévale", "le Tournoi international des jeunes", "le Festival de théâtre alsacien",
                     "les Journées du patrimoine rural"])
    budget = R.randint(8, 60) * 1000
    text = ("{sal}\n\n{org} organise la {n}e édition {de_fest}, qui se tiendra {span} {p}. {prog}\n\n"
            "Le budget prévisionnel s'élève à {b} €. Afin de boucler notre plan de financement, nous sollicitons votre soutien financier à hauteur de {s} €. "
            "Vous trouverez ci-joint notre dossier de présentation.\n\n{cs}").format(
        sal=R.choice(SALUTS), org=with_article(org.name), n=R.randint(2, 30), de_fest=de_nom(fest), span=span_text(d, d + TD(days=1))[0], p=a_(*R.choice([("le", "parc du château"), ("la", "place du Marché"), ("le", "complexe sportif Pierre-de-Coubertin")])) + " " + de(c.w),
        prog=R.choice(["Les concerts débuteront chaque soir à 19h.", "Ouverture au public le samedi à 14h, clôture le dimanche vers 18h.", "Plus de 3 000 visiteurs sont attendus."]),
        b="{:,}".format(budget).replace(",", " "), s="{:,}".format(R.choice([1000, 1500, 2000, 3000, 5000])).replace(",", " "), cs=closing_sig(org))
    att = ()
    src = "prose"
    if R.random() < 0.4:
        L = [(org.name, 13, True, "c"), ("Dossier de demande de subvention", 14, True, "c"), "", (cap1(fest), 13, False, "c"),
             (render_date(d, "cap") + " et " + render_date(d + TD(days=1), "full"), 12, False, "c"), "", ("Budget prévisionnel : %d €" % budget, 11, False, "c")]
        att = [apart(make_pdf(L, title="Dossier subvention"), "application/pdf", "dossier_subvention.pdf")]
        src = "prose"
    return non(org, R.choice(["Demande de subvention", "Sollicitation – réserve", "Demande de soutien – " + fest[3:] if fest.startswith("le ") else "Demande de soutien", "Dossier de subvention"]),
               hd, text, "non:subsidy_request", "demande de subvention décrivant le futur festival de l'association", source=src, attach=att)


# --- public inquiries ---------------------------------------------------------------
def n_inquiry():
    hd = rand_hd()
    c = pick_commune(0.5)
    org = org_mairie(c) if R.random() < 0.6 else org_inst("prefecture")
    d1 = fut(hd, 7, 30, (0,))
    d2 = d1 + TD(days=R.choice([25, 32, 39]))
    perms = sorted(set([d1] + [fut(dt.datetime.combine(d1, dt.time(9)), 2, 20, (1, 2, 3)) for _ in range(2)] + [d2]))
    ph = []
    for p in perms:
        t1, t2 = R.choice([((9, 0), (12, 0)), ((14, 0), (17, 0)), ((15, 0), (18, 0))])
        ph.append("- le %s de %s à %s" % (render_date(p, "full"), tm(t1, "h"), tm(t2, "h")))
    obj = R.choice(["la révision du plan local d'urbanisme", "l'autorisation environnementale d'une unité de méthanisation", "le projet de parc photovoltaïque au sol"])
    text = ("AVIS D'ENQUÊTE PUBLIQUE\n\nPar arrêté du {ad}, une enquête publique portant sur {o} est ouverte du {d1} au {d2} inclus.\n\n"
            "Le commissaire enquêteur recevra le public en mairie {de} :\n{ph}\n\nLe dossier peut être consulté aux heures d'ouverture de la mairie.\n\n{sig}").format(
        ad=render_date(past(hd, 5, 30), "nowd"), o=obj, d1=render_date(d1, "full"), d2=render_date(d2, "full"), de=de(c.w), ph="\n".join(ph), sig="\n".join(org.sig))
    return non(org, R.choice(["Avis d'enquête publique", "Enquête publique – " + c.w, "Information : enquête publique"]), hd, text, "non:public_inquiry",
               "enquête publique avec permanences du commissaire enquêteur")


# --- school calendars, closures, parents' rallies, strikes -------------------------
def n_school():
    hd = rand_hd()
    c = pick_commune(0.5)
    k = R.random()
    if k < 0.3:
        org = org_assoc(c, "apei")
        d = fut(hd, 2, 12, (0, 1, 3, 4))
        text = ("{sal}\n\nPour votre information, les parents d'élèves de l'école {de} organisent un rassemblement devant l'école le {d} à {t}, pour protester contre la fermeture "
                "d'une classe annoncée pour la rentrée du {r}. Nous vous serions reconnaissants de porter notre voix auprès de la DASEN.\n\n{cs}").format(
            sal=R.choice(SALUTS), de=de(c.w), d=rd(d, ("full", "noyear")), t=tm(R.choice([(8, 0), (7, 45), (16, 30)])), r=render_date(D(hd.year if hd.month < 9 else hd.year + 1, 9, 1), "nowd"),
            cs=closing_sig(org))
        notes = "rassemblement de parents mentionné pour information"
    elif k < 0.55:
        org = org_mairie(c)
        y = hd.year if hd.month < 8 else hd.year + 1
        text = ("{sal}\n\nL'inspection académique nous a notifié le {d} la fermeture d'une classe à l'école élémentaire à la rentrée de septembre {y}. "
                "Cette décision, prise sans concertation, porterait les effectifs à 29 élèves par classe. Nous sollicitons votre appui.\n\n{cs}").format(
            sal=R.choice(SALUTS), d=rd(past(hd, 2, 20), ("full", "nowd")), y=y, cs=closing_sig(org))
        notes = "fermeture de classe"
    elif k < 0.8:
        org = citizen(c)
        d = fut(hd, 3, 20, (0, 1, 3, 4))
        text = ("{sal}\n\nLa cantine de l'école de mes enfants sera fermée le {d} en raison d'un mouvement de grève, et aucun accueil n'est prévu. C'est la troisième fois depuis le {p}. "
                "Le service minimum d'accueil n'est-il pas obligatoire ?\n\n{cs}").format(
            sal=R.choice(SALUTS[:9]), d=rd(d, ("full", "noyear")), p=rd(past(hd, 30, 120), ("nowd_noyear", "nowd")), cs=closing_sig(org))
        notes = "grève / fermeture de cantine"
    else:
        org = org_school(c, "collège")
        y = hd.year if hd.month < 7 else hd.year + 1
        text = ("Madame, Monsieur,\n\nVoici les dates à retenir pour l'année scolaire : rentrée des élèves le {r}, conseils de classe du {c1} au {c2}, épreuves du brevet les {b1} et {b2}.\n\n"
                "Bien cordialement,\n{sig}").format(r=render_date(D(y, 9, 1) + TD(days=(1 - D(y, 9, 1).weekday()) % 7), "full"), c1=render_date(D(y, 12, 1), "nowd_noyear"),
                                                     c2=render_date(D(y, 12, 12), "nowd"), b1=render_date(D(y + 1, 6, 25), "nowd_noyear"), b2=render_date(D(y + 1, 6, 26), "nowd"),
                                                     sig="\n".join(org.sig))
        notes = "calendrier scolaire (liste de parents)"
        return non(org, "Calendrier de l'année scolaire", hd, text, "non:school", notes, to=[], extra=[("Precedence", "bulk")])
    return non(org, R.choice(["Fermeture de classe", "Rassemblement des parents", "École – information", "Grève et cantine"]), hd, text, "non:school", notes)


def n_strike():
    hd = rand_hd()
    d = fut(hd, 3, 20, (0, 1, 2, 3, 4))
    org = Org("union", "Intersyndicale du centre hospitalier", None, person(), "", "intersyndicale.ch@%s" % R.choice(WEBMAIL), "L'intersyndicale", True,
              ["L'intersyndicale CGT – CFDT – FO", "Centre hospitalier de " + R.choice(["Saverne", "Haguenau", "Sélestat", "Wissembourg"])], False)
    text = ("Madame la Sénatrice,\n\nNous vous informons qu'un préavis de grève a été déposé pour le {d}, de 0h à 23h59. Un rassemblement aura lieu devant l'entrée principale de l'hôpital à {t}. "
            "Nous dénonçons la fermeture de {n} lits de médecine depuis le {p}.\n\n{sig}").format(
        d=rd(d, ("full", "noyear")), t=tm(R.choice([(11, 0), (12, 0), (14, 0)])), n=R.randint(8, 30), p=rd(past(hd, 20, 100), ("nowd", "nowd_noyear")), sig="\n".join(org.sig))
    return non(org, "Préavis de grève", hd, text, "non:strike", "préavis de grève et rassemblement (information)")


def n_council_future():
    hd = rand_hd()
    c = pick_commune(0.5)
    org = org_mairie(c)
    d = fut(hd, 4, 20, (0, 1, 2, 3, 4))
    text = ("{sal}\n\nPour votre information, le conseil municipal se réunira le {d} à {t} en mairie (séance publique). À l'ordre du jour figure notamment {o}, "
            "dossier pour lequel votre soutien nous a été précieux.\n\n{cs}").format(
        sal=R.choice(SALUTS), d=rd(d, ("full", "noyear")), t=tm(R.choice([(19, 0), (20, 0), (20, 30)])),
        o=R.choice(["le projet de maison de santé", "l'avenant au marché de la salle polyvalente", "le budget primitif"]), cs=closing_sig(org))
    return non(org, R.choice(["Pour info – conseil municipal", "Prochain conseil municipal", "Information"]), hd, text, "non:council_future", "séance publique future mentionnée pour information")


# --- job interviews, hospital appointments, ordinary requests -----------------------
def n_job():
    hd = rand_hd()
    org = citizen()
    d = fut(hd, 3, 25, (0, 1, 2, 3, 4))
    t = R.choice([(9, 0), (10, 0), (14, 15), (15, 30)])
    k = R.random()
    if k < 0.5:
        cn = R.choice(COMPANIES)[0]
        text = ("{sal}\n\nJe suis à la recherche d'un emploi depuis le {p}. J'ai un entretien d'embauche le {d} à {t} chez {cn} à {c} pour un poste de {poste}. "
                "Me permettriez-vous de mentionner votre soutien ?\n\n{cs}").format(
            sal=R.choice(SALUTS[:9]), p=rd(past(hd, 60, 400), ("nowd", "num")), d=rd(d, ("full", "noyear", "num")), t=tm(t), cn=cn, c=pick_commune(0.5).w,
            poste=R.choice(["magasinier", "comptable", "technicien de maintenance", "assistante de direction"]), cs=closing_sig(org))
        notes = "entretien d'embauche mentionné"
    else:
        s1 = fut(hd, 30, 150)
        text = ("{sal}\n\nÉtudiant{e} en master de droit public à l'Université de Strasbourg, je souhaiterais effectuer un stage au sein de votre équipe du {d1} au {d2}. "
                "Je reste disponible pour un entretien, y compris en visioconférence.\n\nVous trouverez mon CV ci-joint.\n\n{cs}").format(
            sal=R.choice(SALUTS[:9]), e=org.p.e("", "e"), d1=render_date(s1, "nowd"), d2=render_date(s1 + TD(days=R.choice([56, 63, 84])), "nowd"), cs=closing_sig(org))
        notes = "candidature de stage"
    return non(org, R.choice(["Candidature", "Demande de soutien – emploi", "Candidature stage", "Entretien"]), hd, text, "non:job", notes)


def n_hospital():
    hd = rand_hd()
    org = citizen()
    d = fut(hd, 5, 60, (0, 1, 2, 3, 4))
    t = R.choice([(8, 0), (9, 15), (10, 30), (14, 0)])
    hosp = R.choice(["l'hôpital de Hautepierre", "le Nouvel Hôpital Civil de Strasbourg", "le centre hospitalier de Haguenau", "la clinique Sainte-Odile", "le centre hospitalier de Saverne"])
    who, e = R.choice([("Ma mère", "e"), ("Mon mari", ""), ("Mon père", ""), ("Ma fille", "e"), ("Mon fils", "")])
    text = ("{sal}\n\n{who} devait être opéré{e} le {p} {hosp}. L'intervention a été annulée la veille, et on nous propose maintenant un rendez-vous le {d} à {t}, "
            "soit {n} mois plus tard. {pain} Pourriez-vous intervenir ?\n\n{cs}").format(
        sal=R.choice(SALUTS[:9]), who=who, e=e, p=rd(past(hd, 2, 20), ("full", "noyear")), hosp=a_nom(hosp),
        d=rd(d, ("full", "noyear", "num")), t=tm(t), n=R.randint(2, 6), pain=R.choice(["La douleur est permanente.", "Son état se dégrade.", ""]), cs=closing_sig(org))
    return non(org, R.choice(["Demande d'aide", "Report d'une opération", "Urgent – hôpital", "Rendez-vous médical"]), hd, text, "non:hospital", "rendez-vous médical dans une demande d'aide")


ORDINARY = [
    "Depuis le {p}, mon dossier de naturalisation est en attente à la préfecture. J'ai été reçu{e} en entretien le {p2} et n'ai plus aucune nouvelle.",
    "J'ai déposé ma demande de retraite le {p} ; la caisse m'annonce un premier versement au plus tôt le {f}. Comment vais-je vivre d'ici là ?",
    "Notre permis de construire, déposé le {p}, a été refusé le {p2} au motif d'une zone humide. Nous contestons cette décision.",
    "Mon fils doit partir en Erasmus le {f} et son passeport n'est toujours pas prêt. Le rendez-vous en mairie n'est possible qu'à partir du {f2}.",
    "Nous sommes menacés d'expulsion à compter du {f}. Nous avons toujours payé notre loyer jusqu'au {p}.",
    "Je vous écris au sujet de la ligne de bus supprimée depuis le {p}. Les lycéens doivent désormais partir à 6h20.",
    "La vitesse excessive dans notre rue est un danger. Un accident a encore eu lieu le {p} vers 17h30.",
    "Je sollicite votre aide pour obtenir un logement social : ma demande date du {p} et mon bail prend fin le {f}.",
    "Notre association a reçu le {p} un courrier des impôts nous réclamant la TVA sur notre fête. Pouvez-vous nous éclairer ?",
    "Ma carte grise est bloquée sur l'ANTS depuis le {p}. Je dois reprendre le travail le {f} et ne peux pas utiliser mon véhicule.",
]


def n_ordinary():
    hd = rand_hd()
    org = citizen() if R.random() < 0.8 else org_assoc(pick_commune(0.5))
    p1 = past(hd, 30, 300)
    p2 = past(hd, 2, 29)
    f1 = fut(hd, 5, 120)
    f2 = f1 + TD(days=R.randint(5, 30))
    body = R.choice(ORDINARY).format(p=rd(p1, ("nowd", "num", "full", "nowd_noyear")), p2=rd(p2, ("nowd", "num", "full")), f=rd(f1, ("nowd", "full", "num")),
                                     f2=rd(f2, ("nowd", "full")), e=org.p.e("", "e") if org.p else "")
    text = "{sal}\n\n{b}\n\n{cs}".format(sal=R.choice(SALUTS[:9]), b=body, cs=closing_sig(org))
    return non(org, R.choice(["Demande d'aide", "Sollicitation", "Ma situation", "Besoin de votre aide", "Question", "Réclamation", "Dossier en attente"]),
               hd, text, "non:ordinary_request", "demande ordinaire avec dates en passant")


# --- automatic replies -----------------------------------------------------------------
def n_autoreply():
    hd = rand_hd()
    c = pick_commune(0.5)
    org = org_mairie(c) if R.random() < 0.6 else citizen(c)
    d1 = hd.date() - TD(days=R.randint(0, 3))
    d2 = d1 + TD(days=R.randint(4, 20))
    text = R.choice(["Bonjour,\n\nJe suis absent{e} du {d1} au {d2} inclus. En cas d'urgence, vous pouvez contacter le secrétariat de mairie au {ph}.\n\nCordialement",
                     "Je suis actuellement en congés et serai de retour le {d3}. Votre message ne sera pas transféré.",
                     "Réponse automatique : la mairie est fermée du {d1} au {d2}. Permanence téléphonique le mardi de 9h à 11h."]).format(
        e=org.p.e("", "e") if org.p else "", d1=render_date(d1, R.choice(["full", "nowd", "num"])), d2=render_date(d2, R.choice(["full", "nowd", "num"])),
        d3=render_date(d2 + TD(days=1), R.choice(["full", "noyear"])), ph=phone())
    return non(org, R.choice(["Réponse automatique : ", "Absence du bureau : ", "Automatic reply: ", "Absent(e) : "]) + R.choice(["Invitation", "Vœux de la Sénatrice", "Votre courrier", "Réunion des maires"]),
               hd, text, "non:auto_reply", "réponse automatique d'absence", extra=[("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes")], fmt="text")


# --- after-event bulletins ------------------------------------------------------------------
def n_report_bulletin():
    hd = rand_hd()
    c = pick_commune(0.5)
    org = org_mairie(c)
    d = past(hd, 3, 20, (5, 6))
    what = R.choice(["la fête du village", "la cérémonie du 11 Novembre", "le marché de Noël", "la journée citoyenne", "l'inauguration du city-stade"])
    text = ("RETOUR EN IMAGES\n\n{w_c} s'est déroulé{e} le {d} {p} en présence de nombreux élus, dont Mme la Sénatrice Odile Hertzog. {x}\n\n"
            "Prochain rendez-vous : {nx}.\n\n---\nSe désinscrire de la lettre d'information").format(
        w_c=cap1(what), e="e" if what.startswith(("la", "l'in")) else "", d=rd(d, ("full", "noyear", "nowd_noyear")), p=a_(*R.choice(HALLS)),
        x=R.choice(["Plus de 400 visiteurs ont répondu présent.", "Merci aux bénévoles !", "Les photos sont disponibles sur le site de la commune."]),
        nx=R.choice(["la fête de la musique le %s" % rd(fut(hd, 20, 100), ("nowd_noyear",)), "le conseil municipal du %s" % rd(fut(hd, 5, 30), ("nowd_noyear", "full")), "le 14 Juillet"]))
    return non(org, "Retour en images – " + what, hd, text, "non:newsletter", "bulletin après l'événement, liste de diffusion",
               to=[], extra=bulk_headers(org.email.split("@")[1], "Infos " + c.w), fmt=R.choice(["html", "alt"]))


# --- forwarded non-invitations ------------------------------------------------------------------
def n_forwarded():
    inner = R.choice([n_deadline, n_decree, n_thanks, n_press, n_roadworks, n_newsletter, n_inquiry, n_council_past])()
    ohd = inner.hd
    hd = ohd + TD(hours=R.randint(2, 72))
    fname, faddr, _ = R.choice(FORWARDERS)
    comment = R.choice(["Pour info.", "Pour le dossier, merci.", "À classer.", "Voir ci-dessous – à traiter par Thomas ?", "FYI", "Pour suite à donner."])
    style = R.choice(["outlook", "gmail", "thunderbird", "apple", "rfc822"])
    if style == "rfc822":
        raw, _ = build(inner.frm, inner.to if inner.to else [("Odile Hertzog", SENATOR_ADDR)], inner.subject, ohd, inner.part)
        bp, bf = body_part(comment, fmt="text")
        part = mpart("mixed", [bp, rfc822part(raw, "message.eml")])
    else:
        outer = comment + "\n\n" + fwd_block(style, (inner.frm[0] or inner.org.name, inner.frm[1]), ohd, inner.subject, SENATOR_ADDR) + plain(inner.text)
        bp, bf = body_part(outer)
        part = mpart("mixed", [bp] + inner_attachments(inner)) if inner_attachments(inner) else bp
    b = Built(hd=hd, part=part, subject=R.choice(["TR: ", "Fwd: ", "TR : "]) + inner.subject, text="", evid=None, feats=["forward:" + style] + bf, events=[],
              frm=(fname, faddr), source="forward", org=inner.org)
    b.category, b.msg_notes, b.extra, b.to, b.cc = inner.category, "transfert d'un message non-invitation : " + inner.msg_notes, [], None, []
    return b


def inner_attachments(b):
    """Attachment parts of a built message (for inline forwards)."""
    p = b.part
    if not p.headers[0][1].startswith("multipart/mixed"):
        return []
    out = []
    bnd = re.search(r'boundary="([^"]+)"', p.headers[0][1]).group(1)
    for chunk in p.body.split(("--%s" % bnd).encode())[1:]:
        if b"Content-Disposition: attachment" in chunk:
            head, _, body = chunk.lstrip(b"\n").partition(b"\n\n")
            hs = [tuple(x.split(": ", 1)) for x in head.decode().split("\n") if ": " in x]
            out.append(Part(hs, body.rstrip(b"\n-") + b"\n"))
    return out


# ---------------------------------------------------------------------------
# the plan
# ---------------------------------------------------------------------------
SUR = ["schweighouse", "oberhoffen", "dinsheim", "ernolsheim", "neuwiller", "soultzbains", "niederbronn", "griesheimsouffel"]


def gen_ev(need=None):
    """An event from the weighted kinds, re-drawn until `need(ev)` holds."""
    for _ in range(500):
        ev = pick_kind()
        if need is None or need(ev):
            return ev
    raise RuntimeError("no event")


def quarter_ev():
    q = R.choice(list(QUARTERS))
    s_ = COMMUNES["strasbourg"]
    ev = gen_ev(lambda e: e.kind in ("armistice", "8mai", "ag", "fete", "anniversaire", "concert"))
    p = person()
    if ev.kind in ("armistice", "8mai"):
        name = "UNC – Section Strasbourg-%s" % q
    else:
        name = R.choice(["Association des habitants %s" % ("du " + q if q in ("Neudorf", "Neuhof") else "de la " + q if q in ("Robertsau", "Meinau", "Krutenau", "Montagne-Verte") else "de " + q),
                         "Centre socioculturel %s" % q, "Amicale des retraités de %s" % q])
    ev.org = Org("assoc", name, s_, p, p.e("Président", "Présidente"), email_of(p, R.choice(WEBMAIL)), name, False,
                 [p.full, p.e("Président", "Présidente"), name, "Strasbourg"], True)
    hall = ev.place.hall if ev.place.hall and ev.place.hall[1] != "monument aux morts" else R.choice(HALLS)
    ev.place = Place(s_, hall, R.choice(STREETS + ["route de Colmar", "route des Romains", "route de Bischwiller"]), R.randint(1, 120), quarter=q)
    ev.programme = None
    return ev


def sur_ev():
    k = SUR[:]
    FORCE_C.append(COMMUNES[R.choice(k)])
    ev = gen_ev(lambda e: e.place.c is not None and ("-sur-" in e.place.c.name or "-lès-" in e.place.c.name or "-les-" in e.place.c.name))
    FORCE_C.clear()
    return ev


NEIGHBOURS = {"brumath": ["geudertheim", "mundolsheim", "vendenheim"], "haguenau": ["kaltenhouse", "schweighouse", "bischwiller"],
              "obernai": ["boersch", "krautergersheim", "innenheim", "bischoffsheim"], "molsheim": ["dorlisheim", "dachstein", "mutzig"],
              "erstein": ["gerstheim", "benfeld"], "saverne": ["dettwiller", "ernolsheim", "neuwiller"], "wasselonne": ["westhoffen", "marlenheim", "wangen"],
              "selestat": ["marckolsheim", "dambachlaville", "epfig"], "bischwiller": ["oberhoffen", "gries", "kaltenhouse"],
              "illkirch": ["ostwald", "geispolsheim", "fegersheim"], "truchtersheim": ["kuttolsheim", "griesheimsouffel"]}


def other_ev():
    base = R.choice(list(NEIGHBOURS))
    FORCE_C.append(COMMUNES[base])
    ev = gen_ev(lambda e: e.org.c is COMMUNES[base] and e.org.kind != "mairie" and e.kind not in ("fete",))
    FORCE_C.clear()
    other = COMMUNES[R.choice(NEIGHBOURS[base])]
    hall = ev.place.hall if ev.place.hall and "monument" not in ev.place.hall[1] else R.choice(HALLS)
    ev.place = mk_place(other, hall)
    ev.programme = None
    ev.extras = [R.choice(["Cette année, c'est la commune %s qui nous accueille." % de(other.w),
                           "Notre local étant en travaux, la manifestation se tiendra exceptionnellement %s." % a_commune(other.w),
                           "La salle %s étant trop petite, nous avons choisi un lieu plus spacieux." % de(COMMUNES[base].w)])]
    return ev


def plan():
    P = []
    # generic invitations, by source
    for i in range(72):
        P.append(("prose", {}))
    for m in ["prochain"] * 5 + ["month_omitted"] * 4 + ["mismatch"] * 4:
        P.append(("prose", {"date_mode": m}))
    for i in range(4):
        P.append(("prose_allday", {}))
    for i in range(20):
        P.append(("pdf", {}))
    P += [("pdf", {"date_mode": "mismatch"})] * 2
    for i in range(19):
        P.append(("ics", {}))
    P.append(("ics_allday", {}))
    for inner in ["prose"] * 15 + ["pdf"] * 6 + ["mixed"] * 3:
        P.append(("forward", {"inner": inner}))
    P.append(("forward", {"inner": "prose", "date_mode": "mismatch"}))
    for i in range(10):
        P.append(("mixed", {}))
    P += [("mixed_two_day", {})] * 3
    for i in range(10):
        P.append(("two", {"earlier_second": i % 3 == 0}))
    P += [("two_pdf", {})] * 2
    P += [("postponed", {})] * 3 + [("hybrid", {})] * 3
    P += [("outside", {"which": w}) for w in ("paris", "colmar", "metz", "mulhouse")]
    P += [("ambiguous", {"kind": k}) for k in ("two_times", "two_times_b", "two_dates", "subject_body", "subject_body", "card_mail", "epci", "epci_pdf")]
    # forced place features (applied to generic prose/pdf/ics entries)
    idx = [i for i, (k, _) in enumerate(P) if k in ("prose", "pdf", "ics", "forward") and not P[i][1]]
    R.shuffle(idx)
    for j in idx[:6]:
        P[j][1]["force"] = "quarter"
    for j in idx[6:12]:
        P[j][1]["force"] = "sur"
    for j in idx[12:24]:
        P[j][1]["force"] = "other"
    N = []
    N += [n_appointment] * 24 + [n_appointment_confirm] * 5 + [n_thanks] * 26 + [n_cancel] * 17 + [n_newsletter] * 20 + [n_newsletter_inst] * 6
    N += [n_assoc_mass] * 18 + [n_webinar] * 18 + [n_press] * 14 + [n_survey] * 12 + [n_reply_office] * 17 + [n_deadline] * 20
    N += [n_council_past] * 14 + [n_decree] * 12 + [n_roadworks] * 14 + [n_cut] * 10 + [n_subsidy] * 14 + [n_inquiry] * 10
    N += [n_school] * 10 + [n_strike] * 5 + [n_council_future] * 5 + [n_job] * 6 + [n_hospital] * 6 + [n_ordinary] * 20
    N += [n_autoreply] * 8 + [n_report_bulletin] * 6 + [n_forwarded] * 9
    return P, N


def make_inv(kind, o):
    f = o.get("force")
    dm = o.get("date_mode", "normal")

    def ev_for():
        if f == "quarter":
            return quarter_ev()
        if f == "sur":
            return sur_ev()
        if f == "other":
            return other_ev()
        if dm == "prochain":
            return gen_ev(lambda e: e.date.weekday() in (5, 6) and not e.end_date)
        if dm in ("month_omitted", "mismatch"):
            return gen_ev(lambda e: not e.end_date)
        return gen_ev()

    if kind == "prose":
        ev = ev_for()
        b = inv_prose(ev, dm)
    elif kind == "prose_allday":
        ev = gen_ev(lambda e: e.kind in ("fete", "portes_ouvertes", "comice", "jumelage"))
        ev.programme = None
        ev.end = None
        b = inv_prose(ev, allday=True)
    elif kind == "pdf":
        ev = ev_for()
        b = inv_pdf(ev, dm)
    elif kind == "ics":
        ev = ev_for()
        b = inv_ics(ev)
    elif kind == "ics_allday":
        ev = gen_ev(lambda e: e.kind in ("portes_ouvertes", "fete"))
        ev.programme = None
        b = inv_ics(ev, allday=True)
    elif kind == "forward":
        ev = ev_for()
        b = inv_forward(ev, o["inner"], date_mode=dm if dm == "mismatch" else "normal")
    elif kind == "mixed":
        ev = ev_for()
        b = inv_mixed(ev)
    elif kind == "mixed_two_day":
        ev = gen_ev(lambda e: e.kind in ("comice", "fete", "jumelage") and e.end_date is not None and e.start[0] < 12)
        ev.programme = None
        b = inv_mixed_two_day(ev)
    elif kind == "two":
        b = inv_two(o["earlier_second"])
    elif kind == "two_pdf":
        b = inv_two(False, source="pdf")
    elif kind == "postponed":
        b = inv_postponed()
    elif kind == "hybrid":
        b = inv_hybrid()
    elif kind == "outside":
        b = inv_outside(o["which"])
    elif kind == "ambiguous":
        b = inv_ambiguous(o["kind"])
    else:
        raise ValueError(kind)
    if f:
        b.feats.append("forced:" + f)
    return b


# ---------------------------------------------------------------------------
# self-check helpers
# ---------------------------------------------------------------------------
WD_RE = r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun\.|mar\.|mer\.|jeu\.|ven\.|sam\.|dim\.)"
MON_RE = r"(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|janv\.|fevr\.|avr\.|juil\.|sept\.|oct\.|nov\.|dec\.)"
MONS = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"]
MON_AB = {"janv.": 1, "fevr.": 2, "avr.": 4, "juil.": 7, "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12}


def wd_of(w):
    w = w.rstrip(".")
    for i, j in enumerate(JOURS):
        if j.startswith(w):
            return i
    raise ValueError(w)


def mon_of(m):
    return MON_AB[m] if m in MON_AB else MONS.index(m) + 1


def next_occ(day, month, ref):
    for y in (ref.year, ref.year + 1):
        try:
            d = D(y, month, day)
        except ValueError:
            continue
        if d > ref:
            return d
    raise ValueError("no occurrence")


def parse_date_ev(s, ref):
    """Resolve a written date (as the spec says) -> (date, written weekday or None)."""
    f = re.sub(r"\s+", " ", fold(s)).strip()
    f = re.sub(r"^(les|le|du|ce) ", "", f)
    m = re.match(rf"^{WD_RE} prochain$", f)
    if m:
        return next_weekday_after(ref, wd_of(m.group(1))), None
    m = re.match(rf"^{WD_RE} (\d{{1,2}})(?:er)?(?: {MON_RE})? (?:et|au) {WD_RE} (\d{{1,2}})(?:er)? {MON_RE}(?: (\d{{4}}))?$", f)
    if m:
        w1, d1, m1, _, _, m2, y = m.groups()
        mo = mon_of(m1 or m2)
        d = D(int(y), mo, int(d1)) if y and (m1 is None or mon_of(m1) <= mon_of(m2)) else next_occ(int(d1), mo, ref)
        return d, wd_of(w1)
    m = re.match(rf"^(?:{WD_RE} )?(\d{{1,2}})(?:er)? {MON_RE}(?: (\d{{4}}))?$", f)
    if m:
        w, d_, mo, y = m.groups()
        d = D(int(y), mon_of(mo), int(d_)) if y else next_occ(int(d_), mon_of(mo), ref)
        return d, (wd_of(w) if w else None)
    m = re.match(rf"^(?:{WD_RE} )?(\d{{1,2}})[/.](\d{{1,2}})(?:[/.](\d{{2,4}}))?$", f)
    if m:
        w, d_, mo, y = m.groups()
        if y:
            y = int(y) + (2000 if len(y) == 2 else 0)
            d = D(y, int(mo), int(d_))
        else:
            d = next_occ(int(d_), int(mo), ref)
        return d, (wd_of(w) if w else None)
    m = re.match(rf"^{WD_RE} (\d{{1,2}})(?:er)?$", f)
    if m:
        x = ref + TD(days=1)
        while x.day != int(m.group(2)):
            x += TD(days=1)
        return x, wd_of(m.group(1))
    raise ValueError("unparsed date evidence %r" % s)


def parse_time_ev(s):
    f = fold(s).strip()
    if f == "midi":
        return (12, 0)
    m = re.match(r"^(\d{1,2}) ?(?:h|:|heures?) ?(\d{2})?$", f)
    if not m:
        raise ValueError("unparsed time %r" % s)
    return (int(m.group(1)), int(m.group(2) or 0))


def norm(s):
    return re.sub(r"\s+", " ", fold(html.unescape(s)))


def html_text(h):
    h = re.sub(r"(?is)<(style|head)[^>]*>.*?</\1>", " ", h)
    h = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", h)
    return html.unescape(re.sub(r"<[^>]+>", " ", h))


def all_text(msg, acc, ics):
    for part in msg.walk():
        ct = part.get_content_type()
        if part.is_multipart():
            continue
        if ct == "message/rfc822":
            inner = part.get_content()
            acc.append(str(inner.get("From", "")) + "\n" + str(inner.get("Subject", "")))
            all_text(inner, acc, ics)
            continue
        fn = part.get_filename() or ""
        if ct == "text/calendar" or fn.endswith(".ics") or ct == "application/ics":
            data = part.get_payload(decode=True).decode("utf-8")
            ics.append(data)
            acc.append(data.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";"))
        elif ct == "application/pdf":
            data = part.get_payload(decode=True)
            acc.append(pdf_text(data))
        elif ct == "text/plain":
            acc.append(part.get_content())
        elif ct == "text/html":
            acc.append(html_text(part.get_content()))
    return acc


def ics_start(ics):
    un = ics.replace("\r\n ", "")
    un = un[un.index("BEGIN:VEVENT"):]
    m = re.search(r"^DTSTART(;TZID=Europe/Paris|;VALUE=DATE)?:(\d{8})(T(\d{6})(Z?))?", un, re.M)
    tz, ds, _, ts, z = m.groups()
    d = D(int(ds[:4]), int(ds[4:6]), int(ds[6:8]))
    if not ts:
        return d, None
    ldt = dt.datetime(d.year, d.month, d.day, int(ts[:2]), int(ts[2:4]))
    if z:
        # UTC -> Paris
        for off in (1, 2):
            cand = ldt + TD(hours=off)
            if paris_offset(cand) == off:
                ldt = cand
                break
    return ldt.date(), (ldt.hour, ldt.minute)


DATE_SCAN = [
    re.compile(rf"\b{WD_RE} (\d{{1,2}})(?:er)? {MON_RE}(?: (\d{{4}}))?"),
    re.compile(rf"\b{WD_RE} (\d{{1,2}})/(\d{{1,2}})(?:/(\d{{2,4}}))?"),
    re.compile(rf"\b{WD_RE} (\d{{1,2}})(?:er)? (?:et|au) {WD_RE} (\d{{1,2}})(?:er)? {MON_RE}(?: (\d{{4}}))?"),
]


def weekday_problems(text, ref, allowed):
    """Written weekday+date pairs that disagree (year left out: next or previous occurrence)."""
    bad = []
    t = re.sub(r"\s+", " ", fold(text))
    for rx in DATE_SCAN:
        for m in rx.finditer(t):
            g = m.groups()
            try:
                if rx is DATE_SCAN[2]:
                    w, d_, _, _, mo, y = g
                    mo = mon_of(mo)
                elif rx is DATE_SCAN[1]:
                    w, d_, mo, y = g
                    mo = int(mo)
                    if y and len(y) == 2:
                        y = str(2000 + int(y))
                else:
                    w, d_, mo, y = g
                    mo = mon_of(mo)
                wd = wd_of(w)
                day = int(d_)
                if y:
                    ok = D(int(y), mo, day).weekday() == wd
                else:
                    ok = False
                    for yy in (ref.year - 1, ref.year, ref.year + 1):
                        try:
                            if D(yy, mo, day).weekday() == wd and abs((D(yy, mo, day) - ref).days) < 370:
                                ok = True
                        except ValueError:
                            pass
            except ValueError:
                ok = False
            if not ok and not any(norm(a) in m.group(0) or m.group(0) in norm(a) for a in allowed):
                bad.append(m.group(0))
    return bad


DATE_ANY = re.compile(rf"\b\d{{1,2}}(?:er)? {MON_RE}|\b\d{{1,2}}[/.]\d{{1,2}}\b|{WD_RE} prochain|DTSTART")


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------
def finalize(b, inv):
    to = getattr(b, "to", None)
    if to is None:
        to = to_office()
        if inv and b.source == "prose" and R.random() < 0.08:
            to = to + [(None, "mairie@%s.fr" % slug(COMMUNES[k].w)) for k in R.sample(SMALL, R.randint(2, 4))]
    raw, mid = build(b.frm, to, b.subject, b.hd, b.part, cc=getattr(b, "cc", ()), extra=getattr(b, "extra", ()))
    return raw, mid


def event_key(e):
    return (e["date"], e["start"] or "")


def generate():
    P, N = plan()
    recs = []
    for kind, o in P:
        b = make_inv(kind, o)
        raw, mid = finalize(b, True)
        evs = sorted(b.events, key=lambda e: (e["date"], e["start"] is not None, e["start"] or ""))
        recs.append(dict(raw=raw, hd=b.hd, ref=getattr(b, "orig_hd", b.hd), mid=mid, inv=True, events=evs, source=b.source,
                         notes=getattr(b, "msg_notes", None), category=None, feats=sorted(set(b.feats)), evid=b.evid, built=b, plan=(kind, o)))
    for fn in N:
        b = fn()
        raw, mid = finalize(b, False)
        recs.append(dict(raw=raw, hd=b.hd, ref=b.hd, mid=mid, inv=False, events=[], source=b.source, notes=b.msg_notes,
                         category=b.category, feats=sorted(set(b.feats)), evid=None, built=b, plan=(fn.__name__, {})))
    return recs


INV_CAT = {"armistice": "ceremonie_11_novembre", "8mai": "ceremonie_8_mai", "14juillet": "fete_nationale", "deportation": "ceremonie_deportation",
           "18juin": "ceremonie_18_juin", "voeux": "voeux", "inauguration": "inauguration", "premiere_pierre": "premiere_pierre", "ag": "assemblee_generale",
           "comice": "comice", "congres": "congres_maires", "congres_national": "congres_maires", "sainte_barbe": "sainte_barbe", "medailles": "remise_medailles",
           "portes_ouvertes": "portes_ouvertes", "fete": "fete", "jumelage": "jumelage", "anniversaire": "anniversaire", "concert": "concert",
           "remise_prix": "remise_prix", "forum": "forum", "citoyennete": "citoyennete", "culte": "culte", "report": "report_nouvelle_date",
           "tournoi": "tournoi", "foire": "foire"}


def write(recs):
    if os.path.isdir(OUT):
        for sub in ("cur", "new", "tmp"):
            shutil.rmtree(os.path.join(OUT, sub), ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)
    recs.sort(key=lambda r: (epoch(r["hd"]), r["mid"]))
    lines = []
    for i, r in enumerate(recs, 1):
        fn = "%d.M%04dP7373.agenda-eval4:2,S" % (epoch(r["hd"]), i)
        r["file"] = "cur/" + fn
        with open(os.path.join(OUT, "cur", fn), "wb") as f:
            f.write(r["raw"])
        if r["inv"]:
            ev_kind = r["built"].ev_kind
            r["category"] = "inv:" + INV_CAT.get(ev_kind, ev_kind)
        lines.append(json.dumps(dict(file=r["file"], message_id=r["mid"], invitation=r["inv"], events=r["events"], source=r["source"],
                                     notes=r["notes"], category=r["category"], features=r["feats"]), ensure_ascii=False))
    with open(os.path.join(OUT, "truth.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return recs


def check(recs):
    errs = []
    ids = set()
    have_pdftotext = shutil.which("pdftotext") is not None
    for r in recs:
        path = os.path.join(OUT, r["file"])
        raw = open(path, "rb").read()
        msg = message_from_bytes(raw, policy=policy.default)
        where = r["file"]
        mid = str(msg["Message-ID"]).strip()
        if mid != r["mid"] or mid in ids:
            errs.append("%s: message-id %s" % (where, mid))
        ids.add(mid)
        hd = parsedate_to_datetime(str(msg["Date"]))
        if not (2025 <= hd.year <= 2027):
            errs.append("%s: date header year %d" % (where, hd.year))
        hdl = hd.replace(tzinfo=None)
        if hdl != r["hd"]:
            errs.append("%s: date header mismatch" % where)
        ics = []
        acc = [str(msg.get("From", "")), str(msg.get("Subject", ""))]
        try:
            all_text(msg, acc, ics)
        except Exception as e:  # noqa
            errs.append("%s: parse error %r" % (where, e))
            continue
        text = "\n".join(acc)
        nt = norm(text)
        ref = r["ref"].date()
        allowed = []
        if have_pdftotext:
            for part in msg.walk():
                if part.get_content_type() == "application/pdf":
                    out = subprocess.run(["pdftotext", "-q", "-", "-"], input=part.get_payload(decode=True), capture_output=True).stdout.decode("utf-8", "replace")
                    if norm(out).strip() != norm(pdf_text(part.get_payload(decode=True))).strip() and not all(
                            w in norm(out) for w in norm(pdf_text(part.get_payload(decode=True))).split()):
                        errs.append("%s: pdftotext disagrees with the text layer" % where)
        if r["inv"]:
            if not r["events"]:
                errs.append("%s: invitation without events" % where)
                continue
            e0 = r["events"][0]
            ev = r["evid"]
            d0 = D.fromisoformat(e0["date"])
            if not (ref < d0 and (d0 - ref).days < 300 and hd.date() <= d0 and (d0 - hd.date()).days < 300):
                errs.append("%s: first event %s not within 300 days after %s" % (where, d0, ref))
            if ev["date"] == "ICS":
                if not ics:
                    errs.append("%s: no ics" % where)
                    continue
                sd, st = ics_start(ics[0])
                if sd != d0 or hm(st) != e0["start"]:
                    errs.append("%s: ics start %s %s vs truth %s %s" % (where, sd, st, d0, e0["start"]))
            else:
                if norm(ev["date"]) not in nt:
                    errs.append("%s: date evidence %r not in message" % (where, ev["date"]))
                try:
                    pd, pw = parse_date_ev(ev["date"], ref)
                except ValueError as x:
                    errs.append("%s: %s" % (where, x))
                    continue
                if pd != d0:
                    errs.append("%s: evidence %r -> %s, truth %s" % (where, ev["date"], pd, d0))
                mm = pw is not None and pw != pd.weekday()
                if mm != e0["weekday_mismatch"]:
                    errs.append("%s: weekday_mismatch label %s vs evidence %s" % (where, e0["weekday_mismatch"], mm))
                if mm:
                    allowed.append(ev["date"])
                if ev["time"] is not None:
                    if norm(ev["time"]) not in nt:
                        errs.append("%s: time evidence %r not in message" % (where, ev["time"]))
                    if hm(parse_time_ev(ev["time"])) != e0["start"]:
                        errs.append("%s: time evidence %r vs truth %s" % (where, ev["time"], e0["start"]))
                elif e0["start"] is not None:
                    errs.append("%s: truth start without evidence" % where)
            if e0["commune_code"] is None:
                if not e0["ambiguous"]:
                    errs.append("%s: null commune not ambiguous" % where)
            else:
                cev = ev["commune"]
                if cev is None or norm(cev) not in nt:
                    errs.append("%s: commune evidence %r not in message" % (where, cev))
                elif ALIASES.get(fold(cev).strip()) != e0["commune_code"]:
                    errs.append("%s: commune evidence %r -> %s, truth %s" % (where, cev, ALIASES.get(fold(cev)), e0["commune_code"]))
            if e0["all_day"] and e0["start"] is not None:
                errs.append("%s: all_day with a start" % where)
            for e in r["events"]:
                if e["rsvp_by"] and not (hd.date() < D.fromisoformat(e["rsvp_by"]) <= D.fromisoformat(e["date"])):
                    errs.append("%s: rsvp_by out of range" % where)
        else:
            if r["events"]:
                errs.append("%s: non-invitation with events" % where)
            if not DATE_ANY.search(nt):
                errs.append("%s: non-invitation mentions no date" % where)
        for bad in weekday_problems(text, ref, allowed):
            errs.append("%s: weekday disagrees: %r" % (where, bad))
    return errs


def source_md(recs):
    from collections import Counter
    inv = [r for r in recs if r["inv"]]
    non_ = [r for r in recs if not r["inv"]]
    cs = Counter((r["inv"], r["source"]) for r in recs)
    cc = Counter(r["category"] for r in recs)
    amb = sum(1 for r in inv if r["events"][0]["ambiguous"])
    two = sum(1 for r in inv if len(r["events"]) > 1)
    fe = Counter(f for r in inv for f in r["feats"])
    L = ["# agenda-eval4 — held-out evaluation set for invitations and the agenda (issue 20)", "",
         "**Held-out: not used for tuning.** Measure once and report that figure (see shared/EVALUATION.md).", "",
         "## Who wrote it, from what", "",
         "Written by a helper agent started by a session of the project, from the text of issue 20, the label",
         "specification (`agenda-label-spec.md`) and `shared/EVALUATION.md` only. The helper never opened the",
         "extractor's code (`src/`), the tests, nor any other labelled set or their generators. All phrasings,",
         "templates and scenarios are its own.", "",
         "Licence: CC0 1.0 (public domain dedication). Every person, address, phone number and mailbox is invented;",
         "the senator « Odile Hertzog » and her office `%s` are fictitious. Commune names and INSEE codes are real" % OFFICE,
         "(Bas-Rhin, plus Paris, Colmar, Metz, Mulhouse) and were checked against the npm package",
         "`@etalab/decoupage-administratif` (`data/communes.json`, entries of type `commune-actuelle`).", "",
         "## Regenerate", "", "```", "python3 scripts/make_agenda_eval4.py", "```", "",
         "Python 3 standard library only; fixed seed (%d), fixed dates, no clock: the output is identical on every run." % SEED,
         "The script ends with a self-check (every message parsed with Python's `email` package; the first event's",
         "day, start time and commune are found written in the message, its attachment or the sender's signature and",
         "resolve to the label; written weekdays agree with dates except the labelled mismatches; PDFs compared with",
         "`pdftotext` when installed).", "",
         "## Counts", "",
         "- messages: %d" % len(recs),
         "- invitations: %d (two events: %d; first event ambiguous: %d; weekday mismatches: %d)" % (len(inv), two, amb, sum(1 for r in inv if r["events"][0]["weekday_mismatch"])),
         "- non-invitations mentioning dates: %d" % len(non_), "", "### By source", "", "| invitation | source | n |", "| --- | --- | --- |"]
    for (i, s_), n in sorted(cs.items(), key=lambda x: (not x[0][0], x[0][1])):
        L.append("| %s | %s | %d |" % ("yes" if i else "no", s_, n))
    L += ["", "### By category", "", "| category | n |", "| --- | --- |"]
    for c_, n in sorted(cc.items()):
        L.append("| %s | %d |" % (c_, n))
    L += ["", "### Some features of the invitations", "", "| feature | n |", "| --- | --- |"]
    for f_ in ["commune_implied", "commune_differs_from_sender", "outside_departement", "commune_sur_les", "hall_named_after_person",
               "street_named_after_town", "street_looks_like_date", "place:quarter", "date:prochain", "date:month_omitted", "date:span",
               "earlier_event_mentioned_second", "time:programme", "time:range", "time:midi", "ics:utc", "ics:date", "hybrid_video", "postponed_new_date",
               "body:html_only", "body:html+text", "charset:iso-8859-1", "charset:windows-1252", "cte:base64"]:
        L.append("| %s | %d |" % (f_, fe.get(f_, 0)))
    for f_ in sorted(x for x in fe if x.startswith("forward:")):
        L.append("| %s | %d |" % (f_, fe[f_]))
    L += ["", "## Notes", "",
          "- `truth.jsonl`: one object per message in file-name order; `message_id` is written with its angle brackets.",
          "- Year left out, « dimanche prochain » and « samedi 5 » are resolved from the Date header (from the original's",
          "  Date for forwards), as the spec says. Strasbourg quarters (Neudorf, Koenigshoffen…) are labelled 67482.",
          "- Non-invitations include look-alikes on purpose: public newsletters worded « la municipalité a le plaisir de vous",
          "  inviter… venez nombreux », press invitations, webinars with an iCalendar REQUEST, appointment requests with",
          "  date, time and place (one as an iCalendar REQUEST), replies to the office's own invitations quoting it,",
          "  thank-you letters, iCalendar CANCEL, subsidy requests describing a future festival, council deliberations in PDF.",
          "- `category` and `features` are for error analysis only.", ""]
    with open(os.path.join(OUT, "SOURCE.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L))


def main():
    recs = generate()
    recs = write(recs)
    errs = check(recs)
    source_md(recs)
    ninv = sum(1 for r in recs if r["inv"])
    print("agenda-eval4: %d messages, %d invitations, %d non-invitations -> %s" % (len(recs), ninv, len(recs) - ninv, OUT))
    if errs:
        print("SELF-CHECK FAILED (%d):" % len(errs))
        for e in errs:
            print("  " + e)
        sys.exit(1)
    print("self-check: ok")


if __name__ == "__main__":
    main()
