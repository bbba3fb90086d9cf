#!/usr/bin/env python3
"""Regenerate fixtures/agenda-eval/: an independent evaluation set for invitation
recognition and event extraction (date, time, place, organiser, RSVP).

Written from the issue text only, never from the extractor's code.
Python 3.11 standard library only; `pdftoppm`/`pdftotext` (poppler-utils) are
used by the self-check, never to build anything.

    python3 scripts/make_agenda_eval.py            # regenerate and check
    python3 scripts/make_agenda_eval.py --no-check # regenerate only

Deterministic: fixed seed, fixed dates, no clock, explicit MIME boundaries.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import html as htmlmod
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime
from pathlib import Path

SEED = 20260314
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "agenda-eval"

R = random.Random(SEED)


def pick(seq):
    return R.choice(seq)


def chance(p):
    return R.random() < p


# ---------------------------------------------------------------------------
# The office
# ---------------------------------------------------------------------------
SENATOR = "Hélène Brachet"
OFFICE = "permanence@senateur-exemple.fr"
TO_VARIANTS = [
    f"{SENATOR} <{OFFICE}>",
    f"Permanence de Mme Brachet <{OFFICE}>",
    OFFICE,
    f"Madame la Sénatrice <{OFFICE}>",
    f"Permanence parlementaire <{OFFICE}>",
]
STAFF = [
    ("Thomas Lherm", "t.lherm@senateur-exemple.fr", "attaché parlementaire"),
    ("Nadia Ferhat", "n.ferhat@senateur-exemple.fr", "collaboratrice parlementaire"),
]
SENATOR_PERSONAL = ("Hélène Brachet", "helene.brachet@senateur-exemple.fr")

# ---------------------------------------------------------------------------
# Communes (real names, real INSEE codes, real postal codes)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Commune:
    name: str
    code: str
    cp: str
    de: str  # "de Vif", "d'Échirolles", "du Pont-de-Claix"
    a: str  # "à Vif", "au Pont-de-Claix"
    gentile: str  # "Vifois" (habitants)


def _c(name, code, cp, gentile, de=None, a=None):
    if de is None:
        de = ("d'" + name) if name[0] in "AEIOUÉÈYaeiouéè" else ("de " + name)
    if a is None:
        a = "à " + name
    return Commune(name, code, cp, de, a, gentile)


COMMUNES = [
    _c("Grenoble", "38185", "38000", "Grenoblois"),
    _c("Échirolles", "38151", "38130", "Échirollois"),
    _c("Saint-Martin-d'Hères", "38421", "38400", "Martinérois"),
    _c("Fontaine", "38169", "38600", "Fontainois"),
    _c("Voiron", "38563", "38500", "Voironnais"),
    _c("Meylan", "38229", "38240", "Meylanais"),
    _c("Saint-Égrève", "38382", "38120", "Saint-Égrévois"),
    _c("Vienne", "38544", "38200", "Viennois"),
    _c("Bourgoin-Jallieu", "38053", "38300", "Berjalliens"),
    _c("Villefontaine", "38553", "38090", "Villards"),
    _c("Seyssinet-Pariset", "38485", "38170", "Seyssinettois"),
    _c("Crolles", "38140", "38920", "Crollois"),
    _c("Vif", "38545", "38450", "Vifois"),
    _c("Sassenage", "38474", "38360", "Sassenageois"),
    _c("Eybens", "38158", "38320", "Eybinois"),
    _c("Claix", "38111", "38640", "Claixois"),
    _c("Voreppe", "38565", "38340", "Voreppins"),
    _c("Pontcharra", "38314", "38530", "Charrapontains"),
    _c("La Mure", "38269", "38350", "Murons", de="de La Mure", a="à La Mure"),
    _c("Tullins", "38517", "38210", "Tullinois"),
    _c("Vizille", "38562", "38220", "Vizillois"),
    _c("Le Pont-de-Claix", "38317", "38800", "Pontois", de="du Pont-de-Claix", a="au Pont-de-Claix"),
    _c("Domène", "38150", "38420", "Domènois"),
    _c("Moirans", "38239", "38430", "Moirannais"),
    _c("Saint-Marcellin", "38416", "38160", "Saint-Marcellinois"),
    _c("La Tour-du-Pin", "38509", "38110", "Turripinois", de="de La Tour-du-Pin", a="à La Tour-du-Pin"),
    _c("L'Isle-d'Abeau", "38193", "38080", "Lilôts", de="de L'Isle-d'Abeau", a="à L'Isle-d'Abeau"),
    _c("Rives", "38337", "38140", "Rivois"),
    _c("Pont-de-Chéruy", "38316", "38230", "Chéruyssois"),
    _c("Allevard", "38006", "38580", "Allevardins"),
]
BY_NAME = {c.name: c for c in COMMUNES}
PARIS = Commune("Paris", "75056", "75006", "de Paris", "à Paris", "Parisiens")
LYON = Commune("Lyon", "69123", "69002", "de Lyon", "à Lyon", "Lyonnais")
OTHER_COMMUNES = [PARIS, LYON]


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.lower().replace("'", "-").replace("’", "-").replace(" ", "-")
    s = re.sub(r"[^a-z0-9-]", "", s)
    return re.sub(r"-+", "-", s).strip("-")


def cdom(c: Commune) -> str:
    return f"ville-{slug(c.name)}.exemple.fr"


# ---------------------------------------------------------------------------
# People (invented)
# ---------------------------------------------------------------------------
FIRST_F = ["Claire", "Sophie", "Nathalie", "Isabelle", "Martine", "Catherine", "Valérie",
           "Sandrine", "Laurence", "Anne", "Marie", "Christine", "Céline", "Émilie", "Julie",
           "Camille", "Chantal", "Brigitte", "Françoise", "Agnès", "Delphine", "Aurélie",
           "Karine", "Sylvie", "Pascale", "Monique", "Élodie", "Fatima", "Yasmina", "Lucie",
           "Manon", "Amandine", "Odile", "Geneviève", "Josiane", "Corinne", "Noémie", "Inès"]
FIRST_M = ["Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Christophe", "Laurent",
           "Olivier", "Éric", "Frédéric", "Nicolas", "Stéphane", "Thierry", "Bruno", "Didier",
           "Gilles", "Yves", "Marc", "Daniel", "Bernard", "Serge", "Julien", "Sébastien",
           "Guillaume", "Mathieu", "Antoine", "Rachid", "Karim", "Mehdi", "Hervé", "Gérard",
           "Fabrice", "Lionel", "Jacques", "Rémi", "Jean-Paul", "Jean-Marc", "Raymond", "André"]
LAST = ["Allemand", "Arnaud", "Bellin", "Berthet", "Brun", "Buisson", "Chabert", "Charvet",
        "Collomb", "Cottin", "Drevon", "Durand", "Eymard", "Favre", "Ferrand", "Gaillard",
        "Gallet", "Genin", "Guillot", "Jacquet", "Jourdan", "Lagier", "Margaron", "Michallet",
        "Mollard", "Pellet", "Perret", "Pichon", "Poncet", "Revol", "Ribot", "Rostaing",
        "Sibille", "Tournier", "Vallet", "Veyret", "Vial", "Viallet", "Bouvier", "Chapuis",
        "Dupuy", "Gauthier", "Giraud", "Jullien", "Benali", "Haddad", "Nguyen", "Da Silva",
        "Moreira", "Kaya", "Lopez", "Garcia", "Rolland", "Barbier", "Clavel", "Cuynat",
        "Dolle", "Emery", "Ginet", "Hugonnard", "Joubert", "Magnin", "Ollier", "Pinel",
        "Quinon", "Reynaud", "Sestier", "Thévenon", "Vittoz", "Zanetti", "Achard", "Bajard"]

_used_names: set[str] = set()


@dataclass
class Person:
    first: str
    last: str
    fem: bool

    @property
    def full(self):
        return f"{self.first} {self.last}"

    @property
    def civ(self):
        return "Mme" if self.fem else "M."

    @property
    def civ_full(self):
        return f"{self.civ} {self.full}"

    def mail_local(self):
        return f"{slug(self.first)}.{slug(self.last)}"


def person(fem=None) -> Person:
    for _ in range(1000):
        f = chance(0.5) if fem is None else fem
        p = Person(pick(FIRST_F if f else FIRST_M), pick(LAST), f)
        if p.full not in _used_names and p.full != SENATOR:
            _used_names.add(p.full)
            return p
    raise RuntimeError("names exhausted")


def phone(mobile=False) -> str:
    # ARCEP numbers reserved for fiction: 04 65 71 xx xx and 06 39 98 xx xx
    pre = "06 39 98" if mobile else "04 65 71"
    return f"{pre} {R.randint(0, 99):02d} {R.randint(0, 99):02d}"


MAYORS = {c.name: person() for c in COMMUNES}


def maire_title(p: Person) -> str:
    return "Maire" if not p.fem else pick(["Maire", "Maire"])


def le_maire(c: Commune) -> str:
    p = MAYORS[c.name]
    return "Madame la Maire" if p.fem else "Monsieur le Maire"


def le_maire_subj(c: Commune) -> str:
    return "La Maire" if MAYORS[c.name].fem else "Le Maire"


# ---------------------------------------------------------------------------
# Places (invented halls and streets in real communes)
# ---------------------------------------------------------------------------
STREETS = ["place de la Mairie", "rue de la République", "avenue du 8-Mai-1945",
           "rue du 19-Mars-1962", "avenue Jean-Jaurès", "rue Victor-Hugo",
           "place du 11-Novembre-1918", "chemin des Vignes", "rue des Écoles",
           "allée des Tilleuls", "rue du Général-de-Gaulle", "avenue de la Libération",
           "rue Pasteur", "place de l'Église", "rue des Alpes", "boulevard des Diables-Bleus",
           "rue du Stade", "avenue du 8 mai 1945", "rue de la Gare", "route de Lyon",
           "rue Émile-Zola", "place Jean-Moulin", "rue des Tisserands", "rue de Belledonne",
           "chemin du Moulin", "avenue de Chartreuse", "rue du Vercors", "rue Marcel-Paul"]
HALL_NAMES = ["Jean-Moulin", "Aragon", "Paul-Éluard", "Simone-Veil", "Marie-Curie",
              "Olympe-de-Gouges", "Pablo-Neruda", "George-Sand", "Lucie-Aubrac",
              "Joséphine-Baker", "Germaine-Tillion", "Jean-Ferrat", "Louis-Pergaud",
              "Gisèle-Halimi", "Robert-Badinter", "Champollion", "Stendhal", "Berlioz"]


@dataclass
class Place:
    name: str  # "Salle des fêtes"
    a: str  # "à la salle des fêtes"
    street: str | None  # "12 place de la Mairie"
    commune: Commune | None

    def full(self) -> str:
        parts = [self.name]
        if self.street:
            parts.append(self.street)
        if self.commune:
            parts.append(f"{self.commune.cp} {self.commune.name}")
        return ", ".join(parts)


def street_addr() -> str:
    return f"{R.randint(1, 48)} {pick(STREETS)}"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def place_of(kind: str, c: Commune) -> Place:
    """kind: salle_fetes, espace, monument, gymnase, mairie, mediatheque, ecole,
    caserne, parc, college, ehpad, entreprise, halle, eglise"""
    if kind == "salle_fetes":
        return Place("Salle des fêtes", "à la salle des fêtes", street_addr(), c)
    if kind == "salle_poly":
        return Place("Salle polyvalente", "à la salle polyvalente", street_addr(), c)
    if kind == "espace":
        n = pick(HALL_NAMES)
        w = pick(["Espace", "Salle", "Centre culturel", "Maison des associations"])
        art = {"Espace": "à l'", "Salle": "à la ", "Centre culturel": "au ", "Maison des associations": "à la "}[w]
        low = w if w == "Espace" else w[0].lower() + w[1:]
        return Place(f"{w} {n}", f"{art}{low} {n}", street_addr(), c)
    if kind == "monument":
        s = pick(["place du 11-Novembre-1918", "parc de la Mairie", "place de l'Église",
                  "square du Souvenir", "place de la Mairie", "place du 8-Mai-1945"])
        return Place("Monument aux morts", "au monument aux morts", s, c)
    if kind == "gymnase":
        n = pick(["Pierre-de-Coubertin", "Jean-Bouin", "Marcel-Cerdan", "Alain-Mimoun", "des Sablons", "du Lac"])
        return Place(f"Gymnase {n}", f"au gymnase {n}", street_addr(), c)
    if kind == "mairie":
        w = pick(["Hôtel de ville", "Mairie"])
        art = "à l'hôtel de ville" if w == "Hôtel de ville" else "à la mairie"
        return Place(f"{w}, salle du conseil municipal", f"{art}, salle du conseil municipal", f"{R.randint(1, 9)} place de la Mairie", c)
    if kind == "mediatheque":
        n = pick(["Les Mots Passants", "La Passerelle", "Jules-Verne", "L'Envol", "La Source"])
        return Place(f"Médiathèque {n}", f"à la médiathèque {n}", street_addr(), c)
    if kind == "ecole":
        n = pick(["Les Tilleuls", "Jean-Jaurès", "Jules-Ferry", "Le Châtelard", "Les Buclos", "Paul-Bert", "La Fontaine"])
        t = pick(["École élémentaire", "École primaire", "Groupe scolaire"])
        art = "au groupe scolaire" if t == "Groupe scolaire" else "à l'école " + t.split()[1]
        return Place(f"{t} {n}", f"{art} {n}", street_addr(), c)
    if kind == "caserne":
        return Place(f"Centre d'incendie et de secours {c.de}", f"au centre d'incendie et de secours {c.de}", street_addr(), c)
    if kind == "parc":
        n = pick(["parc municipal", "parc de la Mairie", "parc du Château", "plan d'eau", "esplanade des Fêtes"])
        return Place(cap(n), f"au {n}" if n.startswith(("parc", "plan")) else f"sur l'{n}", None, c)
    if kind == "college":
        n = pick(["Jules-Vallès", "Fernand-Léger", "Le Grand-Som", "Henri-Wallon", "Marie-Reynoard", "La Garenne"])
        return Place(f"Collège {n}", f"au collège {n}", street_addr(), c)
    if kind == "ehpad":
        n = pick(["Les Glycines", "Le Bois Fleuri", "Les Écureuils", "La Maison du Lac"])
        return Place(f"EHPAD {n}", f"à l'EHPAD {n}", street_addr(), c)
    if kind == "halle":
        return Place("Halle du marché", "sous la halle du marché", f"place du Marché", c)
    if kind == "eglise":
        return Place("Église Saint-Pierre", "à l'église Saint-Pierre", "place de l'Église", c)
    if kind == "zone":
        n = pick(["ZA des Iles", "ZI des Blanchisseries", "Parc d'activités des Bérauds", "ZA Les Peupliers"])
        return Place(n, f"dans la {n}" if n.startswith("ZA") or n.startswith("ZI") else f"au {n[0].lower() + n[1:]}", f"{R.randint(1, 40)} rue de l'Industrie", c)
    raise ValueError(kind)


def where_phrase(p: Place, style: str) -> str:
    c = p.commune
    if style == "full_cp" and p.street and c:
        return f"{p.a}, {p.street}, {c.cp} {c.name}"
    if style == "full" and p.street and c:
        return f"{p.a}, {p.street} {c.a}"
    if style == "hall_commune" and c and "," in p.a:
        return f"{p.a}, {c.a}"
    if style == "hall_commune" and c:
        return p.a if p.a.endswith(c.de) else f"{p.a} {c.de}"
    if style == "commune_first" and c:
        if p.street:
            return f"{c.a}, {p.a} ({p.street})"
        return f"{c.a}, {p.a}"
    if style == "hall_street" and p.street:
        return f"{p.a} ({p.street})"
    return p.a


# ---------------------------------------------------------------------------
# Dates and times in French
# ---------------------------------------------------------------------------
WD = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MO = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
      "septembre", "octobre", "novembre", "décembre"]
WD_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def dnum(d: date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def fr_date(d: date, wd=True, year=True, wd_name=None) -> str:
    s = f"{dnum(d)} {MO[d.month - 1]}"
    if year:
        s += f" {d.year}"
    if wd:
        s = f"{wd_name or WD[d.weekday()]} " + s
    return s


def fr_num(d: date, year=True, yy=False, sep="/") -> str:
    s = f"{d.day:02d}{sep}{d.month:02d}"
    if year:
        s += sep + (f"{d.year % 100:02d}" if yy else f"{d.year}")
    return s


def tfmt(t, st: str) -> str:
    h, m = t
    if st == "midi" and t == (12, 0):
        return "midi"
    if st == "hmm" or st == "midi":
        return f"{h}h{m:02d}"
    if st == "h":
        return f"{h}h" if m == 0 else f"{h}h{m:02d}"
    if st == "h_sp":
        return f"{h} h" if m == 0 else f"{h} h {m:02d}"
    if st == "heures":
        return f"{h} heures" if m == 0 else f"{h} heures {m:02d}"
    if st == "colon":
        return f"{h:02d}:{m:02d}"
    if st == "H":
        return f"{h}H{m:02d}"
    if st == "0hmm":
        return f"{h:02d}h{m:02d}"
    raise ValueError(st)


TSTYLES = ["hmm", "h", "h_sp", "heures", "colon", "H", "0hmm", "h", "hmm", "h_sp"]


def hm(t) -> str | None:
    return None if t is None else f"{t[0]:02d}:{t[1]:02d}"


def last_sunday(year: int, month: int) -> date:
    d = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    while d.weekday() != 6:
        d -= timedelta(days=1)
    return d


def paris_offset(dt: datetime) -> int:
    """UTC offset in hours of Europe/Paris at local naive datetime dt."""
    start = datetime.combine(last_sunday(dt.year, 3), datetime.min.time()) + timedelta(hours=2)
    end = datetime.combine(last_sunday(dt.year, 10), datetime.min.time()) + timedelta(hours=3)
    return 2 if start <= dt < end else 1


def aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=timezone(timedelta(hours=paris_offset(dt))))


def next_weekday(d: date, wd: int) -> date:
    """first date strictly after d with weekday wd"""
    d = d + timedelta(days=1)
    while d.weekday() != wd:
        d += timedelta(days=1)
    return d


def rand_date(lo: date, hi: date) -> date:
    return lo + timedelta(days=R.randint(0, (hi - lo).days))


def a_(what: str) -> str:
    """'à' + article contraction"""
    if what.startswith("le "):
        return "au " + what[3:]
    if what.startswith("les "):
        return "aux " + what[4:]
    return "à " + what


def org_de(org: str) -> str:
    """'de' + an organisation's name: du Comité, de la Mairie, de l'Association"""
    first = org.split(" ")[0]
    if org.startswith("Le "):
        return "du " + org[3:]
    if org.startswith("La "):
        return "de la " + org[3:]
    if org.startswith("Les "):
        return "des " + org[4:]
    if org[:1] in "AEIOUÉÈYH" and not org.startswith("H"):
        return "de l'" + org
    if first in ("Comité", "Club", "Sou", "Secours", "Syndicat", "SIVOM", "SDIS", "Département", "Groupement", "Groupe", "Centre", "Cabinet"):
        return "du " + org
    if first in ("Mairie", "Ville", "Préfecture", "Sous-préfecture", "Chambre", "Commune", "Permanence", "Fromagerie", "Menuiserie", "Biscuiterie"):
        return "de la " + org
    if first in ("Harmonie",):
        return "de l'" + org
    return "de " + org


def de_(what: str) -> str:
    if what.startswith("le "):
        return "du " + what[3:]
    if what.startswith("les "):
        return "des " + what[4:]
    if what[:1] in "aeiouéèAEIOUÉ" and not what.startswith(("un ", "une ")):
        return "d'" + what
    return "de " + what


# ---------------------------------------------------------------------------
# Senders
# ---------------------------------------------------------------------------
@dataclass
class Sender:
    display: str  # From display name
    email: str
    org: str  # "Mairie de Vif"
    signature: str
    commune: Commune | None  # the commune the sender belongs to (implied place)
    person: Person | None = None
    subject_org: str = ""  # "La municipalité de Vif" (3rd-person invitation subject)
    nous: bool = True  # writes with "nous"
    organiser: str = ""  # truth organiser string
    informal: bool = False

    def from_header(self) -> str:
        d = self.display
        if d and len(d) > 40:  # long encoded display names fold badly
            d = self.person.full if self.person else d[:40].rsplit(" ", 1)[0]
        return f"{d} <{self.email}>" if d else self.email


def sig_addr(c: Commune, what="Hôtel de ville") -> str:
    return f"{what} – {R.randint(1, 12)} place de la Mairie – {c.cp} {c.name}"


def s_mayor(c: Commune) -> Sender:
    p = MAYORS[c.name]
    t = "Maire"
    sig = f"{p.full}\n{t} {c.de}\n{sig_addr(c)}\nTél. {phone()}"
    if chance(0.3):
        sig = f"{p.full}\n{t} {c.de}\nVice-{'présidente' if p.fem else 'président'} de la communauté de communes\n{sig_addr(c)}"
    return Sender(display=f"{p.full}", email=f"{p.mail_local()}@{cdom(c)}", org=f"Mairie {c.de}",
                  signature=sig, commune=c, person=p,
                  subject_org=pick([f"{le_maire_subj(c)} {c.de} et le conseil municipal",
                                    f"La municipalité {c.de}", f"La ville {c.de}"]),
                  nous=False, organiser=f"Mairie {c.de} – {p.civ_full}, maire")


def s_deputy(c: Commune) -> Sender:
    p = person()
    dele = pick(["à la culture", "aux sports", "à la vie associative", "aux affaires scolaires",
                 "au devoir de mémoire", "aux travaux", "à l'urbanisme", "aux solidarités"])
    adj = "Adjointe" if p.fem else "Adjoint"
    sig = f"{p.full}\n{adj} {dele}\nMairie {c.de}\n{c.cp} {c.name}"
    return Sender(display=p.full, email=f"{p.mail_local()}@{cdom(c)}", org=f"Mairie {c.de}",
                  signature=sig, commune=c, person=p, subject_org=f"La municipalité {c.de}",
                  nous=False, organiser=f"Mairie {c.de} – {p.civ_full}, {adj.lower()} {dele}")


def s_secretariat(c: Commune) -> Sender:
    p = person(fem=chance(0.8))
    svc = pick(["Secrétariat du Maire", "Cabinet du Maire", "Service protocole", "Secrétariat général", "Accueil de la mairie"])
    local = pick(["secretariat.maire", "cabinet", "protocole", "accueil", "mairie"])
    sig = f"{p.full}\n{svc}\nMairie {c.de}\n{sig_addr(c, 'Hôtel de ville')}\n{phone()}"
    if chance(0.4):
        sig = f"{svc}\nVille {c.de}\n{phone()} – {local}@{cdom(c)}"
    return Sender(display=pick([f"Mairie {c.de}", f"{svc} – Mairie {c.de}", p.full]),
                  email=f"{local}@{cdom(c)}", org=f"Mairie {c.de}", signature=sig, commune=c, person=p,
                  subject_org=pick([f"{le_maire_subj(c)} {c.de}",
                                    f"La municipalité {c.de}"]),
                  organiser=f"Mairie {c.de} – {MAYORS[c.name].civ_full}, maire")


ASSO_TYPES = [
    ("comite_fetes", "Comité des fêtes {de}", "Le comité des fêtes", "comite-fetes"),
    ("unc", "Union nationale des combattants – section {de}", "La section UNC", "unc"),
    ("fnaca", "Comité FNACA {de}", "Le comité FNACA", "fnaca"),
    ("souvenir", "Le Souvenir français – comité {de}", "Le comité du Souvenir français", "souvenir-francais"),
    ("sou", "Sou des écoles {de}", "Le Sou des écoles", "sou-ecoles"),
    ("amicale_sp", "Amicale des sapeurs-pompiers {de}", "L'amicale des sapeurs-pompiers", "amicale-sp"),
    ("aines", "Club des aînés {de}", "Le club des aînés", "club-aines"),
    ("harmonie", "Harmonie municipale {de}", "L'harmonie municipale", "harmonie"),
    ("admr", "ADMR {de}", "L'association ADMR", "admr"),
    ("commercants", "Union des commerçants {de}", "L'union des commerçants", "commercants"),
    ("sport", "Entente sportive {de}", "L'Entente sportive", "es-club"),
    ("secours", "Secours populaire – comité {de}", "Le comité du Secours populaire", "secours-pop"),
    ("jumelage", "Comité de jumelage {de}", "Le comité de jumelage", "jumelage"),
    ("patrimoine", "Association Patrimoine et Histoire {de}", "L'association Patrimoine et Histoire", "patrimoine"),
    ("apel", "Association des parents d'élèves {de}", "L'association des parents d'élèves", "ape"),
]


def s_asso(c: Commune, typ: str | None = None, informal=False) -> Sender:
    t = [a for a in ASSO_TYPES if typ is None or a[0] == typ]
    key, name_t, subj, loc = pick(t)
    name = name_t.format(de=c.de)
    p = person()
    role = pick(["Président", "Secrétaire", "Trésorier"]) if not p.fem else pick(["Présidente", "Secrétaire", "Trésorière"])
    dom = f"{loc}-{slug(c.name)}.asso-exemple.fr"
    sig = f"{p.full}\n{role} – {name}\n{phone(mobile=True)}"
    if chance(0.5):
        sig += f"\nSiège : {street_addr()}, {c.cp} {c.name}"
    return Sender(display=pick([p.full, name]), email=pick([f"{loc}.{slug(c.name)}@asso-exemple.fr", f"contact@{dom}", f"{p.mail_local()}@mail-exemple.fr"]),
                  org=name, signature=sig, commune=c, person=p, subject_org=f"{subj} {c.de}",
                  organiser=f"{name} – {p.civ_full}, {role.lower()}", informal=informal)


def s_school(c: Commune) -> Sender:
    pl = place_of("ecole", c)
    p = person(fem=chance(0.7))
    role = "Directrice" if p.fem else "Directeur"
    sig = f"{p.full}\n{role} – {pl.name}\n{pl.street}, {c.cp} {c.name}\n{phone()}"
    return Sender(display=p.full, email=f"ce.038{R.randint(1000, 9999)}{pick('ABCDEFGHJKLMNPRSTUVWXYZ')}@ac-grenoble-exemple.fr",
                  org=pl.name + " " + c.de, signature=sig, commune=c, person=p,
                  subject_org=f"L'équipe enseignante de l'é{pl.name[1:]}" if pl.name.startswith("École") else "L'équipe enseignante",
                  organiser=f"{pl.name} ({c.name}) – {p.civ_full}, {role.lower()}"), pl


def s_sdis(c: Commune) -> Sender:
    p = person(fem=chance(0.25))
    grade = pick(["Lieutenant", "Capitaine", "Commandant", "Adjudant-chef"])
    sig = (f"{grade} {p.full}\nChef du centre d'incendie et de secours {c.de}\n"
           f"Service départemental d'incendie et de secours de l'Isère (SDIS 38)\n{phone()}")
    return Sender(display=f"{grade} {p.full}", email=f"{p.mail_local()}@sdis38-exemple.fr",
                  org=f"SDIS de l'Isère – CIS {c.name}", signature=sig, commune=c, person=p,
                  subject_org=f"Le chef de centre et les sapeurs-pompiers {c.de}",
                  organiser=f"SDIS de l'Isère – centre d'incendie et de secours {c.de} ({grade.lower()} {p.full})")


PREF = BY_NAME["Grenoble"]


def s_prefecture(sous: Commune | None = None) -> Sender:
    p = person()
    if sous is None:
        sig = (f"{p.full}\nBureau du cabinet et du protocole\nPréfecture de l'Isère\n"
               f"12 place de Verdun – CS 71046 – 38021 Grenoble Cedex 1\n{phone()}")
        return Sender(display="Préfecture de l'Isère – Protocole", email="pref-protocole@isere-exemple.gouv.fr",
                      org="Préfecture de l'Isère", signature=sig, commune=PREF, person=p,
                      subject_org="Le préfet de l'Isère", nous=False, organiser="Préfecture de l'Isère – cabinet du préfet")
    sig = f"{p.full}\nSous-préfecture {sous.de}\nSecrétariat du sous-préfet\n{phone()}"
    return Sender(display=f"Sous-préfecture {sous.de}", email=f"sp-{slug(sous.name)}@isere-exemple.gouv.fr",
                  org=f"Sous-préfecture {sous.de}", signature=sig, commune=sous, person=p,
                  subject_org=f"Le sous-préfet {sous.de}", nous=False, organiser=f"Sous-préfecture {sous.de}")


def s_chambre() -> Sender:
    p = person()
    sig = (f"{p.full}\n{'Chargée' if p.fem else 'Chargé'} de mission relations institutionnelles\n"
           f"Chambre d'agriculture de l'Isère\n{R.randint(2, 60)} avenue Marcelin-Berthelot – 38100 Grenoble\n{phone()}")
    return Sender(display=f"{p.full} – Chambre d'agriculture de l'Isère", email=f"{p.mail_local()}@isere.chambagri-exemple.fr",
                  org="Chambre d'agriculture de l'Isère", signature=sig, commune=PREF, person=p,
                  subject_org="Le président de la Chambre d'agriculture de l'Isère",
                  organiser="Chambre d'agriculture de l'Isère")


def s_ami() -> Sender:
    p = person()
    sig = f"{p.full}\nAssociation des maires de l'Isère\n{R.randint(2, 30)} rue Casimir-Brenier – 38000 Grenoble\n{phone()}"
    return Sender(display="Association des maires de l'Isère", email="congres@maires-isere-exemple.fr",
                  org="Association des maires de l'Isère", signature=sig, commune=PREF, person=p,
                  subject_org="Le président de l'Association des maires de l'Isère",
                  organiser="Association des maires de l'Isère")


def s_company(c: Commune) -> Sender:
    p = person()
    comp = pick(["Dauphiné Mécanique", "Alpes Laser Industrie", "Fromagerie du Vercors", "Isère Bois Construction",
                 "Chartreuse Emballages", "BelleDonne Énergies", "Transports Gachet", "Menuiserie Sibille et Fils",
                 "Biscuiterie des Coteaux", "Atelier des Micro-Techniques"])
    role = pick(["Directeur général", "Président", "Gérant"]) if not p.fem else pick(["Directrice générale", "Présidente", "Gérante"])
    sig = f"{p.full}\n{role}\n{comp}\n{street_addr()} – {c.cp} {c.name}\n{phone()}"
    return Sender(display=p.full, email=f"{p.mail_local()}@{slug(comp)}-exemple.fr", org=comp, signature=sig, commune=c,
                  person=p, subject_org=f"La direction de {comp}", organiser=f"{comp} – {p.civ_full}, {role.lower()}")


def s_citizen(c: Commune) -> Sender:
    p = person()
    sig = f"{p.full}\n{street_addr()}\n{c.cp} {c.name}" if chance(0.6) else p.full
    return Sender(display=p.full, email=f"{p.mail_local()}{R.randint(1, 99) if chance(0.5) else ''}@{pick(['orange-exemple.fr', 'free-exemple.fr', 'gmail-exemple.com', 'laposte-exemple.net'])}",
                  org=p.full, signature=sig, commune=c, person=p, subject_org=p.full, nous=False,
                  organiser=p.full)


def s_dept() -> Sender:
    p = person()
    sig = f"{p.full}\nCabinet du Président\nDépartement de l'Isère\nHôtel du Département – 7 rue Fantin-Latour – 38000 Grenoble"
    return Sender(display="Département de l'Isère – Cabinet", email="cabinet.president@isere-departement-exemple.fr",
                  org="Département de l'Isère", signature=sig, commune=PREF, person=p,
                  subject_org="Le président du Département de l'Isère", nous=False, organiser="Département de l'Isère")


def s_gendarmerie() -> Sender:
    p = person(fem=chance(0.2))
    sig = f"Colonel {p.full}\nCommandant du groupement de gendarmerie départementale de l'Isère"
    return Sender(display="Groupement de gendarmerie de l'Isère", email="ggd38-cab@gendarmerie-exemple.fr",
                  org="Groupement de gendarmerie départementale de l'Isère", signature=sig, commune=PREF, person=p,
                  subject_org="Le commandant du groupement de gendarmerie départementale de l'Isère",
                  nous=False, organiser="Groupement de gendarmerie départementale de l'Isère")


def s_interco(name: str, seat: Commune) -> Sender:
    p = person()
    role = "Présidente" if p.fem else "Président"
    sig = f"{p.full}\n{role}\n{name}"
    return Sender(display=name, email=f"secretariat@{slug(name)}-exemple.fr", org=name, signature=sig,
                  commune=None, person=p, subject_org=f"Le bureau du {name}" if name.startswith("Syndicat") else f"Le bureau de {name}",
                  organiser=f"{name} – {p.civ_full}, {role.lower()}")


# courtesy formulas shared by invitations and non-invitations
CLOSE_FORMAL = [
    "Je vous prie d'agréer, Madame la Sénatrice, l'expression de ma haute considération.",
    "Veuillez agréer, Madame la Sénatrice, l'expression de mes salutations distinguées.",
    "Je vous prie de croire, Madame la Sénatrice, en l'assurance de ma considération distinguée.",
    "Je vous prie d'agréer, Madame la Sénatrice, l'expression de mes respectueuses salutations.",
    "Recevez, Madame la Sénatrice, mes salutations les plus cordiales.",
    "Dans l'attente de votre réponse, je vous prie d'agréer, Madame la Sénatrice, mes sincères salutations.",
    "Avec mes remerciements anticipés, je vous prie d'agréer, Madame la Sénatrice, l'expression de ma considération distinguée.",
]
CLOSE_SHORT = ["Bien cordialement,", "Cordialement,", "Bien à vous,", "Respectueusement,", "Très cordialement,",
               "Avec mes salutations distinguées,", "Sincères salutations,"]
GREET_FORMAL = ["Madame la Sénatrice,", "Madame la Sénatrice,", "Madame la Sénatrice, chère Hélène,",
                "Madame la Sénatrice, Madame,", "Madame,", "À l'attention de Madame Hélène Brachet, sénatrice de l'Isère\n\nMadame la Sénatrice,"]
GREET_SHORT = ["Bonjour,", "Bonjour Madame la Sénatrice,", "Bonjour Madame Brachet,", "Madame, Monsieur,", "Bonjour à toute l'équipe,"]


def greet(s: Sender) -> str:
    if s.informal:
        return pick(["Chère Hélène,", "Bonjour Hélène,", "Salut Hélène,"])
    return pick(GREET_FORMAL) if chance(0.65) else pick(GREET_SHORT)


def closing(s: Sender, formal=None) -> str:
    if s.informal:
        return pick(["À très vite !", "Amitiés,", "Bises et à bientôt,", "Amicalement,"])
    if formal is None:
        formal = chance(0.55)
    return pick(CLOSE_FORMAL) if formal else pick(CLOSE_SHORT)


# ---------------------------------------------------------------------------
# PDF (text layer, standard 14 fonts, WinAnsiEncoding), written by hand
# ---------------------------------------------------------------------------
PDF_FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Times-Roman",
             "F4": "Times-Italic", "F5": "Times-Bold", "F6": "Helvetica-Oblique"}


def _pdf_str(s: str) -> str:
    out = []
    for b in s.encode("cp1252"):
        if b in (0x28, 0x29, 0x5C):
            out.append("\\" + chr(b))
        elif b < 32 or b > 126:
            out.append("\\%03o" % b)
        else:
            out.append(chr(b))
    return "(" + "".join(out) + ")"


def _approx_width(s: str, size: float, font: str) -> float:
    w = 0
    for ch in s:
        if ch == " ":
            w += 278
        elif ch.isupper():
            w += 680
        elif ch.isdigit():
            w += 556
        elif ch in ".,;:'’!|il":
            w += 260
        elif ch in "mwMW":
            w += 830
        else:
            w += 520
    if font.startswith("Times"):
        w *= 0.9
    return w * size / 1000


def wrap(s: str, size: float, maxw: float, font="Helvetica") -> list[str]:
    words, lines, cur = s.split(" "), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if _approx_width(t, size, font) > maxw and cur:
            lines.append(cur)
            cur = w
        else:
            cur = t
    if cur:
        lines.append(cur)
    return lines


class Card:
    """A page description: list of (font key, size, x or 'c', y, text)."""

    def __init__(self, w=595, h=420, border=True):
        self.w, self.h, self.border = w, h, border
        self.items: list[tuple] = []
        self.y = h - 50

    def line(self, text, font="F3", size=13, gap=None, align="c", x=50):
        maxw = self.w - 2 * x
        for ln in wrap(text, size, maxw, PDF_FONTS[font]):
            self.items.append((font, size, align, x, self.y, ln))
            self.y -= gap or size * 1.45

    def space(self, n=8):
        self.y -= n

    def texts(self) -> list[str]:
        return [it[5] for it in self.items]

    def stream(self) -> bytes:
        ops = []
        if self.border:
            ops.append("0.55 0.45 0.2 RG 1.2 w 18 18 %d %d re S" % (self.w - 36, self.h - 36))
            ops.append("0.5 w 24 24 %d %d re S" % (self.w - 48, self.h - 48))
        ops.append("0 0 0 rg")
        for font, size, align, x, y, text in self.items:
            if align == "c":
                x = max(30, (self.w - _approx_width(text, size, PDF_FONTS[font])) / 2)
            ops.append(f"BT /{font} {size} Tf 1 0 0 1 {x:.1f} {y:.1f} Tm {_pdf_str(text)} Tj ET")
        return ("\n".join(ops) + "\n").encode("latin-1")


def make_pdf(pages: list[Card], title: str, author: str, when: datetime) -> bytes:
    objs: list[bytes] = []

    def add(b: bytes) -> int:
        objs.append(b)
        return len(objs)

    cat = add(b"")  # placeholder 1
    pages_id = add(b"")  # placeholder 2
    font_ids = {}
    for k, base in PDF_FONTS.items():
        font_ids[k] = add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>".encode())
    res = "<< /Font << " + " ".join(f"/{k} {v} 0 R" for k, v in font_ids.items()) + " >> >>"
    kids = []
    for pg in pages:
        data = pg.stream()
        cid = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"endstream")
        pid = add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {pg.w} {pg.h}] /Resources {res} /Contents {cid} 0 R >>".encode())
        kids.append(pid)
    objs[cat - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objs[pages_id - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    stamp = when.strftime("D:%Y%m%d%H%M%S")
    info = add(b"<< /Title " + _pdf_str(title).encode("latin-1") + b" /Author " + _pdf_str(author).encode("latin-1")
               + f" /Producer (agenda-eval generator) /CreationDate ({stamp}) >>".encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, b in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n".encode() + b + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for o in offs:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root {cat} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# ---------------------------------------------------------------------------
# iCalendar
# ---------------------------------------------------------------------------
VTIMEZONE = [
    "BEGIN:VTIMEZONE", "TZID:Europe/Paris", "X-LIC-LOCATION:Europe/Paris",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
    "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
    "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
]


def ics_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line: str) -> bytes:
    out, cur, limit = [], b"", 75
    for ch in line:
        cb = ch.encode("utf-8")
        if len(cur) + len(cb) > limit:
            out.append(cur)
            cur, limit = b"", 74
        cur += cb
    out.append(cur)
    return b"\r\n ".join(out)


def make_ics(events: list[dict], method: str, prodid: str, stamp: datetime) -> bytes:
    """events: dicts with uid, summary, location, description, start (datetime or date),
    end (datetime or date or None), organiser (cn, mail), utc (bool), status"""
    lines = ["BEGIN:VCALENDAR", f"PRODID:{prodid}", "VERSION:2.0", "CALSCALE:GREGORIAN", f"METHOD:{method}"]
    if any(isinstance(e["start"], datetime) and not e.get("utc") for e in events):
        lines += VTIMEZONE
    st_utc = (stamp - timedelta(hours=paris_offset(stamp))).strftime("%Y%m%dT%H%M%SZ")
    for e in events:
        lines += ["BEGIN:VEVENT", f"UID:{e['uid']}", f"DTSTAMP:{st_utc}"]
        for key in ("start", "end"):
            v = e.get(key)
            if v is None:
                continue
            name = "DTSTART" if key == "start" else "DTEND"
            if isinstance(v, datetime):
                if e.get("utc"):
                    u = v - timedelta(hours=paris_offset(v))
                    lines.append(f"{name}:{u.strftime('%Y%m%dT%H%M%SZ')}")
                else:
                    lines.append(f"{name};TZID=Europe/Paris:{v.strftime('%Y%m%dT%H%M%S')}")
            else:
                lines.append(f"{name};VALUE=DATE:{v.strftime('%Y%m%d')}")
        lines.append(f"SUMMARY:{ics_text(e['summary'])}")
        if e.get("location"):
            lines.append(f"LOCATION:{ics_text(e['location'])}")
        if e.get("description"):
            lines.append(f"DESCRIPTION:{ics_text(e['description'])}")
        if e.get("organiser"):
            cn, mail = e["organiser"]
            lines.append(f'ORGANIZER;CN="{cn}":mailto:{mail}')
        if method == "REQUEST":
            lines.append(f'ATTENDEE;CN="{SENATOR}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{OFFICE}')
        if e.get("url"):
            lines.append(f"URL:{e['url']}")
        lines.append(f"STATUS:{e.get('status', 'CONFIRMED')}")
        lines.append(f"SEQUENCE:{e.get('sequence', 0)}")
        lines.append("TRANSP:OPAQUE")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return b"".join(ics_fold(ln) + b"\r\n" for ln in lines)


# ---------------------------------------------------------------------------
# Invitation drafts: what, who, where, when
# ---------------------------------------------------------------------------
EV_LO, EV_HI = date(2025, 2, 3), date(2027, 12, 12)


@dataclass
class Draft:
    kind: str
    sender: Sender
    title: str
    what: str  # with article: "l'inauguration de la médiathèque"
    place: Place | None
    date: date
    start: tuple | None
    end: tuple | None = None
    end_date: date | None = None
    programme: list | None = None  # [(time, label)]
    notes: str | None = None
    context: list = field(default_factory=list)  # callables(msg_date) -> sentence
    organiser: str = ""
    lead: tuple = (10, 40)
    header: str = ""  # for cards
    commune_override: object = "unset"  # force commune_code (None = null)
    second: "Draft | None" = None  # a second, separate event
    ambiguous: bool = False
    weekday_mismatch: bool = False
    wd_name: str | None = None  # the (wrong) weekday written when mismatched
    note: str | None = None  # why (truth notes)


def year_date(month: int, day: int) -> date:
    while True:
        y = pick([2025, 2026, 2027])
        d = date(y, month, day)
        if EV_LO <= d <= EV_HI:
            return d


def weekday_in(months: list[int], wds: list[int], lo=EV_LO, hi=EV_HI, days=None) -> date:
    for _ in range(10000):
        d = rand_date(lo, hi)
        if d.month in months and d.weekday() in wds and (days is None or d.day in days):
            return d
    raise RuntimeError("no date")


def past_phrase(msgd: date, lo=20, hi=400, wd=None) -> str:
    d = msgd - timedelta(days=R.randint(lo, hi))
    return fr_date(d, wd=chance(0.4) if wd is None else wd, year=True)


def ctx_council(msgd: date, c: Commune | None = None) -> str:
    d = msgd - timedelta(days=R.randint(40, 500))
    return pick([
        f"Ce projet, adopté par délibération du conseil municipal du {fr_date(d, wd=False)}, a bénéficié du soutien de l'État au titre de la DETR et du Département de l'Isère.",
        f"Les travaux, engagés le {fr_date(d, wd=False)}, ont été financés avec le concours de l'État, de la Région et du Département.",
        f"Vous aviez soutenu ce dossier dès sa présentation en conseil municipal le {fr_date(d, wd=chance(0.5))} : nous tenons à vous associer à son aboutissement.",
        f"La première pierre avait été posée le {fr_date(d, wd=False)} ; c'est donc avec une grande fierté que nous ouvrons cet équipement au public.",
    ])


def T(h, m=0):
    return (h, m)


def add_min(t, mins):
    x = t[0] * 60 + t[1] + mins
    return (x // 60, x % 60)


def k_inauguration(c: Commune | None = None) -> Draft:
    c = c or pick(COMMUNES)
    s = pick([s_mayor, s_mayor, s_secretariat, s_deputy])(c)
    objs = [
        ("la nouvelle médiathèque", "mediatheque", "Inauguration de la médiathèque"),
        ("le gymnase rénové", "gymnase", "Inauguration du gymnase rénové"),
        ("la maison de santé pluriprofessionnelle", Place("Maison de santé pluriprofessionnelle", "à la maison de santé", street_addr(), c), "Inauguration de la maison de santé"),
        ("le nouveau groupe scolaire", "ecole", "Inauguration du groupe scolaire"),
        ("la salle polyvalente rénovée", "salle_poly", "Inauguration de la salle polyvalente"),
        ("la crèche municipale « Les P'tits Loups »", Place("Crèche municipale Les P'tits Loups", "à la crèche municipale", street_addr(), c), "Inauguration de la crèche municipale"),
        ("le skatepark", "parc", "Inauguration du skatepark"),
        ("la chaufferie bois et le réseau de chaleur", Place("Chaufferie bois", "à la chaufferie bois", f"{R.randint(1, 20)} rue de l'Industrie", c), "Inauguration de la chaufferie bois"),
        ("les nouveaux ateliers municipaux", Place("Centre technique municipal", "au centre technique municipal", f"{R.randint(1, 20)} rue de l'Industrie", c), "Inauguration des ateliers municipaux"),
        ("la halle du marché rénovée", "halle", "Inauguration de la halle du marché"),
        ("la passerelle piétonne", Place("Passerelle piétonne (rive gauche)", "à l'entrée de la passerelle, rive gauche", None, c), "Inauguration de la passerelle"),
        ("la maison France Services", Place("Maison France Services", "à la maison France Services", street_addr(), c), "Inauguration de la maison France Services"),
    ]
    obj, pk, title = pick(objs)
    pl = place_of(pk, c) if isinstance(pk, str) else pk
    if chance(0.6):
        d = weekday_in(list(range(1, 13)), [5])
        st = pick([T(10), T(10, 30), T(11), T(11), T(11, 30)])
    else:
        d = weekday_in(list(range(1, 13)), [3, 4])
        st = pick([T(17, 30), T(18), T(18), T(18, 30)])
    en = (st[0] + pick([1, 2]), st[1]) if chance(0.3) else None
    notes = pick([None, None, None, "Tenue de ville.", "Coupure du ruban en présence des élus ; places réservées aux élus au premier rang.",
                  "Stationnement réservé aux officiels sur le parking de la mairie."])
    return Draft("inauguration", s, title, f"l'inauguration {de_(obj)}", pl, d, st, en, notes=notes,
                 context=[lambda m, c=c: ctx_council(m, c)] if chance(0.5) else [],
                 organiser=s.organiser, header=f"Ville {c.de}".upper() if chance(0.5) else f"Commune {c.de}")


def k_voeux(c: Commune | None = None) -> Draft:
    c = c or pick(COMMUNES)
    if chance(0.2):
        s = s_asso(c, pick(["aines", "comite_fetes", "unc", "fnaca"]))
        d = weekday_in([1], [5, 6], days=range(8, 31))
        st = pick([T(14, 30), T(15), T(11)])
        pl = place_of(pick(["salle_fetes", "espace"]), c)
        return Draft("voeux", s, "Galette des rois", "notre traditionnelle galette des rois", pl, d, st,
                     organiser=s.organiser, header=s.org, lead=(8, 25))
    s = pick([s_mayor, s_secretariat, s_secretariat])(c)
    d = weekday_in([1], [3, 4, 5], days=range(6, 31))
    st = {3: pick([T(18, 30), T(19)]), 4: pick([T(18, 30), T(19)]), 5: pick([T(11), T(10, 30)])}[d.weekday()]
    pl = place_of(pick(["salle_fetes", "espace", "gymnase", "salle_poly"]), c)
    what = pick(["la cérémonie des vœux du maire à la population", "la cérémonie des vœux de la municipalité",
                 "la traditionnelle cérémonie des vœux", "la cérémonie des vœux aux forces vives de la commune"])
    y = d.year
    ctx = [lambda m, y=y: pick([f"Ce sera l'occasion de revenir sur les temps forts de l'année {y - 1} et de présenter les projets de {y}.",
                                f"Cette soirée sera l'occasion de dresser le bilan de l'année {y - 1} et de présenter les grands projets {pick(['à venir', 'de ' + str(y)])}."])]
    en = (st[0] + 2, st[1]) if chance(0.25) else None
    return Draft("voeux", s, "Cérémonie des vœux", what, pl, d, st, en, context=ctx if chance(0.6) else [],
                 organiser=s.organiser, header=f"Ville {c.de}".upper(), lead=(8, 30))


def _memorial(kind, month, day, what, title, year_event, c=None, senders=None) -> Draft:
    c = c or pick(COMMUNES)
    mk = senders or [s_mayor, s_secretariat, lambda c: s_asso(c, "unc"), lambda c: s_asso(c, "souvenir"), s_deputy]
    s = pick(mk)(c)
    d = year_date(month, day)
    mon = place_of("monument", c)
    prog = None
    if chance(0.5):
        t0 = pick([T(9, 45), T(10), T(10, 15), T(10, 30), T(17, 30)]) if kind != "memorial_19mars" else pick([T(17, 30), T(10, 30)])
        t1 = add_min(t0, 15)
        t2 = add_min(t1, pick([45, 60]))
        prog = [(t0, pick(["Rassemblement devant la mairie", "Rassemblement des porte-drapeaux et des élus, parvis de la mairie", "Accueil des personnalités devant l'hôtel de ville"])),
                (t1, pick(["Cérémonie au monument aux morts : lecture des messages, dépôt de gerbes, sonnerie aux morts, minute de silence, Marseillaise",
                           "Défilé jusqu'au monument aux morts puis cérémonie (dépôt de gerbes, lecture du message officiel)",
                           "Cérémonie au monument aux morts avec la participation des enfants des écoles"])),
                (t2, pick(["Vin d'honneur offert par la municipalité à la salle des fêtes", "Verre de l'amitié en mairie", "Apéritif républicain sous la halle"]))]
        st = t0
    else:
        st = pick([T(10, 30), T(11), T(11), T(11, 30), T(10)]) if kind != "memorial_19mars" else pick([T(18), T(11), T(17, 30)])
    notes = pick([None, "Dépôt de gerbe : une gerbe au nom de Madame la Sénatrice peut être prévue, merci de nous l'indiquer.",
                  "Port des décorations souhaité.", "Tenue de ville ; port des décorations pendantes.",
                  "Vous serez invitée à déposer une gerbe au pied du monument.", "Tenue de cérémonie."])
    return Draft(kind, s, title, what, mon, d, st, programme=prog, notes=notes, organiser=s.organiser,
                 header=s.org.upper() if chance(0.4) else s.org, lead=year_event)


def k_11nov(c=None):
    return _memorial("memorial_11nov", 11, 11, pick([
        "la cérémonie commémorative de l'Armistice du 11 novembre 1918",
        "la commémoration du 11 novembre 1918 et l'hommage à tous les morts pour la France",
        "la cérémonie du 11-Novembre"]), "Cérémonie du 11 novembre", (10, 35), c)


def k_8mai(c=None):
    return _memorial("memorial_8mai", 5, 8, pick([
        "la cérémonie commémorative de la Victoire du 8 mai 1945",
        "la commémoration de la capitulation de l'Allemagne nazie le 8 mai 1945",
        "la cérémonie du 8-Mai"]), "Cérémonie du 8 mai 1945", (10, 35), c)


def k_19mars(c=None):
    return _memorial("memorial_19mars", 3, 19, pick([
        "la journée nationale du souvenir et de recueillement à la mémoire des victimes de la guerre d'Algérie et des combats en Tunisie et au Maroc",
        "la commémoration du cessez-le-feu du 19 mars 1962",
        "la cérémonie du 19 mars 1962"]), "Commémoration du 19 mars 1962", (10, 30), c,
        senders=[lambda c: s_asso(c, "fnaca"), lambda c: s_asso(c, "fnaca"), s_mayor])


def k_14juillet(c=None):
    dr = _memorial("memorial_14juillet", 7, 14, pick([
        "la cérémonie de la Fête nationale", "les cérémonies du 14 Juillet", "la célébration de la Fête nationale"]),
        "Fête nationale – cérémonie du 14 Juillet", (10, 30), c, senders=[s_mayor, s_secretariat])
    return dr


def k_18juin(c=None):
    return _memorial("memorial_18juin", 6, 18, pick([
        "la cérémonie commémorative de l'Appel historique du général de Gaulle du 18 juin 1940",
        "la commémoration de l'Appel du 18 juin"]), "Commémoration de l'Appel du 18 juin", (10, 30), c)


def k_deportation(c=None) -> Draft:
    y = pick([2025, 2026, 2027])
    d = last_sunday(y, 4)
    dr = _memorial("memorial_deportation", d.month, d.day, "la journée nationale du souvenir des victimes et des héros de la Déportation",
                   "Journée du souvenir de la Déportation", (10, 30), c)
    dr.date = d
    return dr


def k_ag(c=None, informal=False) -> Draft:
    c = c or pick(COMMUNES)
    s = s_asso(c, informal=informal)
    if chance(0.6):
        d = weekday_in(list(range(1, 7)) + [9, 10, 11, 12], [4])
        st = pick([T(18), T(18, 30), T(19), T(20)])
    else:
        d = weekday_in(list(range(1, 7)) + [9, 10, 11, 12], [5])
        st = pick([T(9, 30), T(10), T(14), T(14, 30)])
    pl = place_of(pick(["espace", "salle_fetes", "mairie", "salle_poly"]), c)
    what = pick(["l'assemblée générale annuelle de notre association", "notre assemblée générale ordinaire",
                 "l'assemblée générale de notre association"])
    y = d.year
    ctx = [lambda m, y=y: pick([f"L'ordre du jour comprendra le rapport moral, le rapport financier de l'exercice {y - 1} et l'élection du bureau.",
                                f"Nous y présenterons le bilan de la saison {y - 1}-{y} et nos projets pour les mois à venir.",
                                "L'assemblée sera suivie d'un apéritif dînatoire."])]
    en = (st[0] + 2, st[1]) if chance(0.3) else None
    return Draft("assemblee_generale", s, f"Assemblée générale – {s.org}", what, pl, d, st, en, context=ctx,
                 organiser=s.organiser, header=s.org, lead=(10, 35))


RURAL = ["La Mure", "Saint-Marcellin", "La Tour-du-Pin", "Allevard", "Pontcharra", "Tullins", "Vif", "Rives", "Moirans", "Vizille"]


def k_comice(two_days=None) -> Draft:
    c = BY_NAME[pick(RURAL)]
    if chance(0.5):
        s = s_chambre()
    else:
        s = s_asso(c, "comite_fetes")
        s.org = f"Comité du comice agricole du canton {c.de}"
        s.organiser = f"Comité du comice agricole du canton {c.de}"
        s.subject_org = "Le comité d'organisation du comice agricole"
    d = weekday_in([8, 9], [5], days=range(20, 31) if chance(0.3) else range(1, 21))
    pl = Place(pick(["Champ de foire", "Parc des sports", "Plaine des fêtes"]), "", None, c)
    pl.a = {"Champ de foire": "sur le champ de foire", "Parc des sports": "au parc des sports", "Plaine des fêtes": "sur la plaine des fêtes"}[pl.name]
    two = chance(0.5) if two_days is None else two_days
    st = pick([T(10, 30), T(11), T(11), T(10)])
    dr = Draft("comice", s, f"Comice agricole du canton {c.de}", f"le comice agricole du canton {c.de}", pl, d, st,
               end_date=d + timedelta(days=1) if two else None, organiser=s.organiser,
               notes=pick([None, "Inauguration officielle suivie du banquet des agriculteurs (participation sur réservation).",
                           "Tenue décontractée conseillée (visite des stands et des concours d'animaux)."]),
               header="COMICE AGRICOLE", lead=(15, 45))
    dr.context = [lambda m, c=c: pick(["Plus de 300 animaux seront présentés au concours, ainsi que les productions des exploitations du territoire.",
                                       f"Le comice réunit chaque année les agriculteurs et les habitants du canton {c.de} autour des concours d'animaux et d'un marché de producteurs."])]
    return dr


def k_congres() -> Draft:
    s = s_ami()
    if chance(0.7):
        pl = Place("Alpexpo", "à Alpexpo", "2 avenue d'Innsbruck", BY_NAME["Grenoble"])
    else:
        pl = Place("Le Vellein, scènes de la CAPI", "au Vellein", "avenue du Driève", BY_NAME["Villefontaine"])
    d = weekday_in([9, 10, 11], [3, 4])
    two = chance(0.3)
    st = pick([T(8, 30), T(9)])
    prog = [(st, "Accueil des participants et café"), ((st[0] + 1, 0), "Ouverture du congrès et discours d'accueil"),
            (T(10, 30), "Table ronde : finances locales et dotations"), (T(12, 30), "Déjeuner")]
    en = pick([T(17), T(16, 30), None])
    return Draft("congres_maires", s, "Congrès des maires de l'Isère", pick(["le congrès annuel des maires de l'Isère", "le congrès départemental des maires et des présidents d'intercommunalité"]),
                 pl, d, st, en, end_date=d + timedelta(days=1) if two else None, programme=prog if chance(0.6) else None,
                 organiser=s.organiser, header="ASSOCIATION DES MAIRES DE L'ISÈRE", lead=(20, 50))


def k_medailles() -> Draft:
    r = R.random()
    if r < 0.4:
        s = s_prefecture()
        pl = Place("Préfecture de l'Isère, salon Lesdiguières" if chance(0.5) else "Préfecture de l'Isère, salle des fêtes",
                   "à la préfecture de l'Isère", "12 place de Verdun", BY_NAME["Grenoble"])
        what = pick(["la cérémonie de remise de la médaille d'honneur régionale, départementale et communale",
                     "la cérémonie de remise des médailles de la sécurité intérieure",
                     "la cérémonie de remise des médailles de la jeunesse, des sports et de l'engagement associatif"])
    elif r < 0.6:
        sp = BY_NAME[pick(["Vienne", "La Tour-du-Pin"])]
        s = s_prefecture(sp)
        pl = Place(f"Sous-préfecture {sp.de}", f"à la sous-préfecture {sp.de}", f"{R.randint(1, 20)} {pick(['rue Victor-Hugo', 'place du Champ-de-Mars', 'rue de la République'])}", sp)
        what = pick(["la cérémonie de remise de la médaille d'honneur régionale, départementale et communale",
                     "la cérémonie d'accueil dans la nationalité française"])
    else:
        c = pick(COMMUNES)
        s = pick([s_mayor, s_secretariat])(c)
        pl = place_of(pick(["mairie", "espace", "salle_fetes"]), c)
        what = pick(["la cérémonie de remise des médailles du travail", "la remise de la médaille d'honneur communale à nos agents",
                     "la remise des médailles de la famille"])
    d = weekday_in(list(range(1, 13)), [0, 1, 2, 3, 4])
    st = pick([T(11), T(17), T(17, 30), T(18), T(18, 30), T(15)])
    en = (st[0] + 1, st[1]) if chance(0.3) else None
    return Draft("medailles", s, cap(what.split(" ", 1)[1]), what, pl, d, st, en,
                 notes=pick([None, "Tenue de ville.", "Merci de vous munir d'une pièce d'identité (contrôle à l'entrée).", "Port des décorations."]),
                 organiser=s.organiser, header=s.org.upper(), lead=(12, 35))


def k_sainte_barbe() -> Draft:
    c = pick(COMMUNES)
    s = s_sdis(c) if chance(0.7) else s_asso(c, "amicale_sp")
    pl = place_of("caserne", c)
    d = weekday_in([11, 12], [5, 4], days=list(range(22, 31)) + list(range(1, 15)))
    prog = None
    if chance(0.5):
        t0 = pick([T(10), T(10, 30), T(17), T(17, 30)])
        prog = [(t0, "Revue des effectifs et des matériels"), (add_min(t0, 30), "Remise de galons, de médailles et de diplômes"),
                (add_min(t0, 75), "Discours et verre de l'amitié")]
        st = t0
    else:
        st = pick([T(10), T(10, 30), T(11), T(17, 30), T(18)])
    return Draft("sainte_barbe", s, "Cérémonie de la Sainte-Barbe", pick(["la cérémonie de la Sainte-Barbe", "notre traditionnelle Sainte-Barbe", "la cérémonie de la Sainte-Barbe du centre de secours"]),
                 pl, d, st, programme=prog, notes=pick([None, "Tenue de ville.", "Les élus sont invités à prendre place à la tribune."]),
                 organiser=s.organiser, header="SAPEURS-POMPIERS DE L'ISÈRE", lead=(12, 35))


def k_conseil_ecole() -> Draft:
    c = pick(COMMUNES)
    s, pl = s_school(c)
    pl = Place(pl.name + ", salle de motricité" if chance(0.5) else pl.name, pl.a, pl.street, c)
    d = weekday_in([11, 2, 3, 6], [1, 3], lo=EV_LO, hi=EV_HI)
    st = pick([T(17, 30), T(18), T(18), T(18, 15)])
    en = (st[0] + 2, st[1]) if chance(0.4) else None
    return Draft("conseil_ecole", s, "Conseil d'école", pick(["le conseil d'école du " + pick(["premier", "deuxième", "troisième"]) + " trimestre", "le prochain conseil d'école"]),
                 pl, d, st, en, organiser=s.organiser, lead=(8, 25),
                 context=[lambda m: pick(["Les questions relatives aux effectifs de la rentrée prochaine et à la carte scolaire y seront abordées.",
                                          "L'ordre du jour portera notamment sur la sécurité aux abords de l'école et le projet d'école."])])


def k_visite_entreprise() -> Draft:
    c = pick(COMMUNES)
    s = s_company(c)
    pl = place_of("zone", c)
    d = weekday_in(list(range(1, 13)), [0, 1, 2, 3, 4])
    st = pick([T(9, 30), T(10), T(14), T(14, 30), T(16)])
    en = (st[0] + 2, st[1]) if chance(0.5) else None
    what = pick(["l'inauguration de notre nouvelle unité de production", "la journée portes ouvertes de notre site",
                 "la visite officielle de notre nouvel atelier", "la célébration des 50 ans de notre entreprise"])
    return Draft("entreprise", s, cap(what.split(" ", 1)[1]), what, pl, d, st, en, organiser=s.organiser, header=s.org, lead=(12, 40),
                 context=[lambda m: pick(["Cet investissement de 4 millions d'euros permettra la création de 25 emplois.",
                                          f"Créée en {R.randint(1960, 1995)}, notre entreprise emploie aujourd'hui 80 salariés."])])


def k_forum() -> Draft:
    c = pick(COMMUNES)
    s = pick([s_mayor, s_deputy, s_secretariat])(c)
    d = weekday_in([9], [5], days=range(1, 15))
    st, en = pick([(T(9), T(17)), (T(10), T(18)), (T(9), T(13)), (T(14), T(18))])
    pl = place_of(pick(["gymnase", "salle_poly", "parc"]), c)
    return Draft("forum_associations", s, "Forum des associations", "le forum des associations", pl, d, st, en,
                 organiser=s.organiser, lead=(10, 30), header=f"Ville {c.de}")


def k_premiere_pierre() -> Draft:
    c = pick(COMMUNES)
    s = pick([s_mayor, s_secretariat])(c)
    d = weekday_in(list(range(1, 13)), [0, 1, 2, 3, 4, 5])
    st = pick([T(11), T(10, 30), T(16), T(17)])
    obj = pick(["la future résidence seniors", "la future gendarmerie", "le futur pôle petite enfance", "la future salle de spectacles", "les 42 logements sociaux du quartier de la Gare"])
    pl = Place("Terrain du futur chantier", f"sur le chantier, {street_addr()}", None, c)
    pl.street = pl.a.split(", ", 1)[1]
    pl.a = "sur le chantier"
    return Draft("premiere_pierre", s, "Pose de la première pierre", f"la pose de la première pierre {de_(obj)}", pl, d, st,
                 organiser=s.organiser, lead=(12, 35), notes=pick([None, "Chaussures adaptées conseillées (terrain en chantier)."]),
                 header=f"Ville {c.de}")


def k_citoyennete() -> Draft:
    c = pick(COMMUNES)
    s = pick([s_mayor, s_secretariat])(c)
    d = weekday_in([3, 4, 5, 11], [5])
    st = pick([T(10), T(11), T(10, 30)])
    return Draft("citoyennete", s, "Cérémonie de citoyenneté", "la cérémonie de citoyenneté et de remise des cartes électorales aux jeunes majeurs",
                 place_of("mairie", c), d, st, organiser=s.organiser, lead=(10, 30), header=f"Ville {c.de}")


def k_jumelage() -> Draft:
    c = pick(COMMUNES)
    s = pick([lambda c: s_asso(c, "jumelage"), s_mayor])(c)
    town = pick(["Bad Oldenbrück (Allemagne)", "Castelnuovo Alto (Italie)", "Villanueva del Campo (Espagne)", "Kirchberg am Lech (Allemagne)"])
    d = weekday_in([5, 6, 9], [4])
    st = pick([T(18), T(18, 30), T(19)])
    pl = place_of(pick(["salle_fetes", "espace"]), c)
    n = pick([20, 25, 30, 40, 50])
    return Draft("jumelage", s, f"{n}e anniversaire du jumelage", f"les festivités du {n}e anniversaire du jumelage avec {town}",
                 pl, d, st, end_date=d + timedelta(days=2), organiser=s.organiser, lead=(20, 45), header=s.org)


def k_salon() -> Draft:
    c = pick(COMMUNES)
    s = pick([s_mayor, lambda c: s_asso(c, "commercants"), lambda c: s_asso(c, "comite_fetes")])(c)
    d = weekday_in([3, 4, 5, 10, 11], [5])
    what = pick(["la Foire de printemps", "le Salon des vins et des produits du terroir", "le Salon du livre jeunesse", "le Marché de Noël", "le Salon de l'habitat"])
    if "Noël" in what:
        d = weekday_in([12], [5], days=range(1, 20))
    st, en = pick([(T(9), T(18)), (T(10), T(19)), (T(10), T(18)), (None, None)])
    pl = place_of(pick(["salle_fetes", "gymnase", "halle", "espace"]), c)
    return Draft("salon", s, cap(what.split(" ", 1)[1]), what, pl, d, st, en, end_date=d + timedelta(days=1),
                 organiser=s.organiser, lead=(12, 35), header=s.org)


def k_centenaire() -> Draft:
    c = pick(COMMUNES)
    s = pick([s_mayor, s_secretariat, s_citizen])(c)
    p = person(fem=chance(0.8))
    d = weekday_in(list(range(1, 13)), [0, 1, 2, 3, 4, 5, 6])
    st = pick([T(15), T(15, 30), T(16), T(11)])
    pl = place_of(pick(["ehpad", "mairie", "salle_fetes"]), c)
    what = f"la réception organisée en l'honneur des 100 ans de {p.civ_full}"
    return Draft("centenaire", s, f"100 ans de {p.civ_full}", what, pl, d, st, organiser=s.organiser, lead=(8, 25),
                 context=[lambda m, p=p: f"{p.civ} {p.last}, née en {d.year - 100} et figure bien connue de la commune, sera entourée de sa famille." if p.fem else f"{p.civ} {p.last}, figure bien connue de la commune, sera entouré de sa famille."])


def k_gendarmerie() -> Draft:
    s = s_gendarmerie()
    c = pick([BY_NAME["Grenoble"], BY_NAME["Voiron"], BY_NAME["Bourgoin-Jallieu"], BY_NAME["Vienne"]])
    pl = Place(f"Caserne de gendarmerie {c.de}", f"à la caserne de gendarmerie {c.de}", street_addr(), c)
    d = weekday_in([6, 7, 8, 9], [0, 1, 2, 3, 4])
    st = pick([T(11), T(10, 30), T(17)])
    return Draft("gendarmerie", s, "Cérémonie de passation de commandement", "la cérémonie de passation de commandement du groupement",
                 pl, d, st, notes=pick(["Tenue de ville.", "Tenue de cérémonie, décorations pendantes.", None]), organiser=s.organiser,
                 lead=(12, 35), header="GENDARMERIE NATIONALE")


def k_colloque() -> Draft:
    c = pick(COMMUNES)
    s = pick([lambda c: s_asso(c, "patrimoine"), lambda c: s_dept(), lambda c: s_mayor(c)])(c)
    if s.commune is not c and s.commune is not None:
        c2 = s.commune if chance(0.3) else c
    else:
        c2 = c
    pl = place_of("espace", c2)
    d = weekday_in(list(range(1, 13)), [0, 1, 2, 3, 4])
    st, en = pick([(T(9), T(12, 30)), (T(14), T(17, 30)), (T(9, 30), T(16)), (T(18), T(20))])
    sub = pick(["l'avenir des services publics en milieu rural", "la ressource en eau en montagne", "la revitalisation des centres-bourgs", "la santé de proximité"])
    return Draft("colloque", s, f"Table ronde : {sub}", f"la table ronde consacrée à {sub}", pl, d, st, en, organiser=s.organiser, lead=(15, 45),
                 context=[lambda m: "Nous serions particulièrement heureux que vous puissiez y intervenir quelques minutes en ouverture."])


def k_vernissage() -> Draft:
    c = pick(COMMUNES)
    s = pick([s_deputy, lambda c: s_asso(c, "patrimoine"), s_secretariat])(c)
    expo = pick(["« Mémoires de l'Isère 1914-1918 »", "« Les Alpes en cartes postales, 1900-1950 »", "« Regards sur la Résistance en Isère »", "de photographies « Le Vercors, terre de mémoire »"])
    d = weekday_in(list(range(1, 13)), [3, 4])
    st = pick([T(18), T(18, 30), T(19)])
    pl = place_of(pick(["mediatheque", "espace", "mairie"]), c)
    return Draft("vernissage", s, f"Vernissage de l'exposition {expo}", f"le vernissage de l'exposition {expo}", pl, d, st,
                 organiser=s.organiser, lead=(8, 30), header=s.org)


def k_concert() -> Draft:
    c = pick(COMMUNES)
    s = s_asso(c, "harmonie")
    d = weekday_in([11], [5, 6])
    st = T(20, 30) if d.weekday() == 5 else pick([T(15), T(16), T(17)])
    pl = place_of(pick(["eglise", "salle_fetes", "espace"]), c)
    return Draft("concert", s, "Concert de la Sainte-Cécile", "notre concert de la Sainte-Cécile", pl, d, st, organiser=s.organiser, lead=(10, 30), header=s.org)


def k_repas_aines() -> Draft:
    c = pick(COMMUNES)
    s = pick([s_mayor, s_secretariat, s_deputy])(c)
    d = weekday_in([10, 11, 12, 1], [6, 5])
    pl = place_of("salle_fetes", c)
    return Draft("repas_aines", s, "Repas des aînés", pick(["le traditionnel repas des aînés offert par le CCAS", "le repas annuel de nos aînés"]), pl, d, T(12),
                 organiser=s.organiser, lead=(10, 30))


def k_paris_lyon() -> Draft:
    if chance(0.5):
        s = s_chambre()
        pl = Place("Palais du Luxembourg, salle Clemenceau", "au Palais du Luxembourg, salle Clemenceau", "15 ter rue de Vaugirard", PARIS)
        what = "la dégustation des produits agricoles de l'Isère organisée au Sénat"
        title = "Dégustation des produits de l'Isère au Sénat"
    else:
        s = s_asso(pick(COMMUNES), "patrimoine")
        pl = Place("Hôtel de Région Auvergne-Rhône-Alpes", "à l'Hôtel de Région", "1 esplanade François-Mitterrand", LYON)
        what = "la remise des prix régionaux du patrimoine"
        title = "Remise des prix régionaux du patrimoine"
    d = weekday_in(list(range(1, 13)), [1, 2, 3])
    st = pick([T(12), T(18), T(18, 30), T(13)])
    return Draft("hors_isere", s, title, what, pl, d, st, organiser=s.organiser, lead=(15, 40), header=s.org)


INTERCO = [
    ("Communauté de communes Le Grésivaudan", ["Crolles", "Pontcharra", "Allevard"]),
    ("Communauté d'agglomération du Pays Voironnais", ["Voiron", "Moirans", "Rives", "Tullins", "Voreppe"]),
    ("Communauté d'agglomération Porte de l'Isère", ["Bourgoin-Jallieu", "Villefontaine", "L'Isle-d'Abeau"]),
    ("Grenoble-Alpes Métropole", ["Échirolles", "Saint-Martin-d'Hères", "Fontaine", "Meylan", "Saint-Égrève", "Seyssinet-Pariset",
                                  "Vif", "Sassenage", "Eybens", "Claix", "Le Pont-de-Claix", "Domène", "Vizille"]),
]


def k_interco() -> Draft:
    name, towns = pick(INTERCO)
    c = BY_NAME[pick(towns)]
    s = s_interco(name, None)
    s.subject_org = f"{'La présidente' if s.person.fem else 'Le président'} et le bureau communautaire"
    obj, pl, title = pick([
        ("la piscine intercommunale", Place("Piscine intercommunale", "à la piscine intercommunale", street_addr(), c), "Inauguration de la piscine intercommunale"),
        ("la nouvelle déchèterie", Place("Déchèterie intercommunale", "à la déchèterie intercommunale", f"{R.randint(1, 30)} rue de l'Industrie", c), "Inauguration de la déchèterie"),
        ("la voie verte", Place("Voie verte, départ du parking de la gare", "au départ de la voie verte (parking de la gare)", None, c), "Inauguration de la voie verte"),
        ("la maison de l'intercommunalité", Place("Maison de l'intercommunalité", "à la maison de l'intercommunalité", street_addr(), c), "Inauguration de la maison de l'intercommunalité"),
    ])
    d = weekday_in(list(range(1, 13)), [0, 1, 2, 3, 4, 5])
    st = pick([T(10), T(10, 30), T(11), T(17, 30), T(18)])
    return Draft("intercommunal", s, title, f"l'inauguration {de_(obj)}", pl, d, st, organiser=s.organiser,
                 lead=(12, 40), header=name)


def k_cantonal() -> Draft:
    a, b = R.sample(COMMUNES, 2)
    typ = pick(["fnaca", "unc"])
    if typ == "fnaca":
        dr = _memorial("memorial_19mars", 3, 19, f"la cérémonie cantonale du 19 mars 1962, organisée cette année {b.a}",
                       "Cérémonie cantonale du 19 mars 1962", (10, 30), b, senders=[lambda _c: s_asso(a, "fnaca")])
    else:
        dr = _memorial("memorial_11nov", 11, 11, f"la cérémonie cantonale du 11-Novembre, organisée cette année {b.a}",
                       "Cérémonie cantonale du 11 novembre", (10, 35), b, senders=[lambda _c: s_asso(a, "unc")])
    dr.programme = [(t, lab.replace("devant la mairie", f"devant la mairie {b.de}")) for t, lab in dr.programme] if dr.programme else None
    return dr


KINDS = [(k_interco, 4), (k_cantonal, 3), 
    (k_inauguration, 16), (k_voeux, 10), (k_11nov, 10), (k_8mai, 9), (k_19mars, 5), (k_14juillet, 4), (k_18juin, 3),
    (k_deportation, 2), (k_ag, 10), (k_comice, 4), (k_congres, 3), (k_medailles, 7), (k_sainte_barbe, 5),
    (k_conseil_ecole, 4), (k_visite_entreprise, 4), (k_forum, 3), (k_premiere_pierre, 3), (k_citoyennete, 3),
    (k_centenaire, 2), (k_gendarmerie, 2), (k_colloque, 3), (k_vernissage, 3), (k_concert, 2), (k_repas_aines, 3),
]


def any_kind() -> Draft:
    fns = [f for f, w in KINDS for _ in range(w)]
    return pick(fns)()


# ---------------------------------------------------------------------------
# Rendering "when"
# ---------------------------------------------------------------------------
def time_phrase(st, en, tstyle, rstyle) -> str:
    if st is None:
        return ""

    def t(x):
        return tfmt(x, tstyle)

    if en is not None:
        if rstyle == "de_a":
            return f"de {t(st)} à {t(en)}"
        if rstyle == "dash":
            ts = tstyle if tstyle in ("h", "hmm", "H", "0hmm") else "h"
            return f"{tfmt(st, ts)}-{tfmt(en, ts)}"
        if rstyle == "entre":
            return f"entre {t(st)} et {t(en)}"
        return f"à {t(st)} (fin prévue à {t(en)})"
    if rstyle == "apartir":
        return f"à partir de {t(st)}"
    if rstyle == "des":
        return f"dès {t(st)}"
    return f"à {t(st)}"


def date_phrase(d: date, dstyle: str, wdn: str | None = None) -> str:
    w = wdn or WD[d.weekday()]
    return {
        "full": "le " + fr_date(d, True, True, w),
        "full_noyear": "le " + fr_date(d, True, False, w),
        "noweekday": "le " + fr_date(d, False, True),
        "noweekday_noyear": "le " + fr_date(d, False, False),
        "numeric": "le " + fr_num(d),
        "numeric_noyear": "le " + fr_num(d, year=False),
        "numeric_yy": "le " + fr_num(d, yy=True),
        "numeric_wd": f"le {w} {fr_num(d)}",
        "next": f"{w} prochain",
        "dayonly": f"{pick(['ce ', 'le ', ''])}{w} {dnum(d)}",
    }[dstyle]


def span_phrase(d1: date, d2: date, dstyle: str) -> str:
    yr = dstyle not in ("full_noyear", "noweekday_noyear", "numeric_noyear")
    wd = not dstyle.startswith("noweekday")
    if dstyle.startswith("numeric"):
        return f"du {fr_num(d1, year=False)} au {fr_num(d2, year=yr)}"
    n = (d2 - d1).days
    if d1.month == d2.month:
        a = f"{WD[d1.weekday()]} {dnum(d1)}" if wd else dnum(d1)
        b = fr_date(d2, wd, yr)
    else:
        a = fr_date(d1, wd, False)
        b = fr_date(d2, wd, yr)
    if n == 1 and chance(0.7):
        return f"{pick(['les ', ''])}{a} et {b}" if wd else f"les {a} et {b}"
    return f"du {a} au {b}"


def when_phrase(dr: Draft, dstyle, tstyle, rstyle) -> str:
    if dr.end_date:
        ds = span_phrase(dr.date, dr.end_date, dstyle)
        if dr.start and dr.end:
            return f"{ds}, {time_phrase(dr.start, dr.end, tstyle, 'de_a')}"
        if dr.start:
            return f"{ds} (ouverture officielle le {WD[dr.date.weekday()]} {time_phrase(dr.start, None, tstyle, 'a')})"
        return ds
    ds = date_phrase(dr.date, dstyle, dr.wd_name)
    ts = time_phrase(dr.start, dr.end, tstyle, rstyle)
    if not ts:
        return ds
    return f"{ds}, {ts}" if rstyle == "dash" else f"{ds} {ts}"


def programme_text(prog, tstyle, bullet=None) -> str:
    b = bullet or pick(["- ", "• ", "", "* "])
    sep = pick([" : ", " – ", " "])
    return "\n".join(f"{b}{tfmt(t, tstyle)}{sep}{lab}" for t, lab in prog)


# ---------------------------------------------------------------------------
# Mail container and truth
# ---------------------------------------------------------------------------
@dataclass
class Mail:
    sender: Sender
    dt: datetime
    subject: str
    body: str | None
    to: str = ""
    html: str | None = None
    html_only: bool = False
    attachments: list = field(default_factory=list)  # (filename, maintype, subtype, bytes)
    calendar: bytes | None = None
    calendar_method: str = "REQUEST"
    headers: list = field(default_factory=list)
    inner: EmailMessage | None = None
    cc: str | None = None
    invitation: bool = False
    events: list = field(default_factory=list)
    source: str | None = None
    category: str = ""
    features: list = field(default_factory=list)
    notes: str | None = None
    texts_extra: list = field(default_factory=list)  # PDF / ICS texts for the weekday check
    in_reply_to: str | None = None


def iso(d):
    return d.isoformat() if d else None


def ev_truth(dr: Draft, rsvp_by=None, rsvp_contact=None) -> dict:
    c = dr.place.commune if dr.place else None
    code = c.code if c else None
    if dr.commune_override != "unset":
        code = dr.commune_override
    return {
        "title": dr.title,
        "date": iso(dr.date),
        "end_date": iso(dr.end_date),
        "start": hm(dr.start),
        "end": hm(dr.end),
        "all_day": dr.start is None and not dr.ambiguous,
        "place": dr.place.full() if dr.place else None,
        "commune_code": code,
        "organiser": dr.organiser or dr.sender.organiser,
        "rsvp_by": iso(rsvp_by),
        "rsvp_contact": rsvp_contact,
        "notes": dr.notes,
        "weekday_mismatch": dr.weekday_mismatch,
        "ambiguous": dr.ambiguous,
    }


def msg_dt_before(d: date, lo: int, hi: int, weekend_ok=False) -> datetime:
    for _ in range(1000):
        md = d - timedelta(days=R.randint(lo, hi))
        if md.weekday() < 5 or weekend_ok or chance(0.15):
            break
    md = max(md, date(2025, 1, 2))
    return datetime(md.year, md.month, md.day, R.randint(7, 19), R.randint(0, 59), R.randint(0, 59))


def rsvp_for(dr: Draft, md: datetime, s: Sender):
    """returns (sentence, rsvp_by, contact) ; contact as written"""
    r = R.random()
    if r < 0.3:
        return None, None, None
    dl = dr.date - timedelta(days=R.randint(3, 10))
    if dl <= md.date() + timedelta(days=1):
        dl = None
    contact_p = s.person or person()
    dom = s.email.split("@")[1]
    inst = dom.startswith("ville-") or "gouv" in dom or "sdis" in dom or "departement" in dom or "maires" in dom
    mail = f"protocole@{dom}" if inst and chance(0.5) else s.email
    tel = phone()
    who = f"{contact_p.civ} {contact_p.full}"
    choices = []
    if dl:
        dl_txt = pick([fr_date(dl, False, False), fr_date(dl, True, False), fr_date(dl, False, True), fr_num(dl, year=False), fr_num(dl)])
        choices += [
            (f"Réponse souhaitée avant le {dl_txt} auprès de {who} ({mail}).", f"{who} – {mail}"),
            (f"RSVP avant le {dl_txt} : {mail} ou {tel}.", f"{mail} / {tel}"),
            (f"Merci de bien vouloir confirmer votre présence auprès de {who} au {tel} avant le {dl_txt}.", f"{who} – {tel}"),
            (f"Afin de faciliter l'organisation, nous vous remercions de nous faire connaître votre réponse avant le {dl_txt}, par retour de mail.", s.email),
            (f"R.S.V.P. au plus tard le {dl_txt} – {tel} – {mail}", f"{tel} / {mail}"),
            (f"Pourriez-vous nous confirmer votre participation d'ici le {dl_txt} ? Contact : {mail}", mail),
        ]
        sent, contact = pick(choices)
        return sent, dl, contact
    choices = [
        (f"Merci de confirmer votre présence auprès de {who} ({tel}).", f"{who} – {tel}"),
        (f"Merci de nous indiquer si vous serez présente, ou représentée, en répondant à {mail}.", mail),
        (f"RSVP : {mail}", mail),
    ]
    sent, contact = pick(choices)
    return sent, None, contact


# ---------------------------------------------------------------------------
# Invitation prose
# ---------------------------------------------------------------------------
def fem_subject(subj: str) -> bool:
    return subj.startswith(("La ", "L'équipe", "L'union", "L'amicale", "L'harmonie", "L'association", "L'Entente"))


def opening(dr: Draft, what: str, when: str, where: str) -> str:
    s = dr.sender
    aw = a_(what)
    plural = " et " in s.subject_org
    subj = s.subject_org

    def v(sg, pl):
        return pl if plural else sg

    w = f" {where}" if where else ""
    fem = s.person.fem if s.person else False
    common = [
        lambda: f"{subj} {v('a', 'ont')} le plaisir de vous inviter {aw} {when}{w}.",
        lambda: f"{subj} vous {v('prie', 'prient')} de bien vouloir {v('lui', 'leur')} faire l'honneur d'assister {aw}, {when}{w}.",
        lambda: f"{subj} vous {v('convie', 'convient')} {aw} {when}{w}.",
        lambda: f"Vous êtes cordialement invitée {aw} {when}{w}.",
        lambda: f"{subj} {v('serait honoré', 'seraient honorés')}{'e' if (not plural and fem_subject(subj)) else ''} de votre présence {aw}, {when}{w}.",
    ]
    je = [
        lambda: f"J'ai le plaisir de vous inviter {aw}, qui aura lieu {when}{w}.",
        lambda: f"Je vous prie de bien vouloir honorer de votre présence {what}, qui se déroulera {when}{w}.",
        lambda: f"J'ai l'honneur de vous convier {aw}, {when}{w}.",
        lambda: f"Je serais {'honorée' if fem else 'honoré'} de votre présence {aw}, {when}{w}.",
        lambda: f"Je souhaiterais vivement vous compter parmi nous pour {what}, {when}{w}.",
        lambda: f"C'est avec un grand plaisir que je vous invite {aw}, {when}{w}.",
    ]
    nous = [
        lambda: f"Nous avons l'honneur de vous convier {aw}, {when}{w}.",
        lambda: f"Nous serions honorés de votre présence {aw}, {when}{w}.",
        lambda: f"Nous comptons sur votre présence {aw}, {when}{w}.",
        lambda: f"C'est avec un grand plaisir que nous vous invitons {aw}, {when}{w}.",
        lambda: f"Nous souhaiterions vivement vous compter parmi nous pour {what}, {when}{w}.",
        lambda: f"Votre présence {aw}, {when}{w}, nous honorerait.",
        lambda: f"Nous avons le plaisir de vous inviter {aw} qui se tiendra {when}{w}.",
        lambda: f"Nous vous prions de bien vouloir honorer de votre présence {what}, {when}{w}.",
    ]
    pool = common + (nous if s.nous else je)
    return pick(pool)()


def informal_opening(what: str, when: str, where: str) -> str:
    w = f" {where}" if where else ""
    return pick([
        f"On organise {what} {when}{w} et ça nous ferait vraiment plaisir que tu viennes !",
        f"Comme chaque année, {what} aura lieu {when}{w}. Tu es bien sûr la bienvenue, on compte sur toi !",
        f"Petit message pour t'inviter {a_(what)} : c'est {when}{w}. Dis-nous si tu peux passer !",
        f"Je me permets de te relancer pour {what} : rendez-vous {when}{w}. Ta présence ferait plaisir à tous les bénévoles.",
    ])


def choose_styles(dr: Draft, force_d=None):
    if force_d:
        dstyle = force_d
    elif dr.end_date:
        dstyle = pick(["full", "full_noyear", "noweekday", "full", "noweekday_noyear"])
    else:
        dstyle = pick(["full"] * 8 + ["full_noyear"] * 4 + ["noweekday"] * 3 + ["noweekday_noyear"] * 2
                      + ["numeric", "numeric_noyear", "numeric_yy", "numeric_wd"])
    tstyle = pick(TSTYLES + (["midi"] if dr.start == (12, 0) else []))
    rstyle = pick(["de_a", "dash", "entre", "a"]) if dr.end else pick(["a"] * 6 + ["apartir", "des"])
    if dr.start is not None and rstyle in ("apartir", "des") and dr.programme:
        rstyle = "a"
    return dstyle, tstyle, rstyle


def where_for(dr: Draft, allow_implied=True) -> tuple[str, list]:
    p = dr.place
    feats = []
    same = dr.sender.commune is not None and p.commune is not None and dr.sender.commune.code == p.commune.code
    styles = ["full_cp", "full", "hall_commune", "commune_first"]
    named = same and re.sub(r"^(Le|La|L') ?", "", p.commune.name) in (dr.sender.signature + " " + dr.sender.org)
    if same and named and allow_implied and not dr.ambiguous:
        styles += ["hall", "hall_street", "hall", "hall_street"]
    if not p.street:
        styles = [x for x in styles if x not in ("full_cp", "full", "hall_street")] or ["hall_commune"]
    st = pick(styles)
    if st in ("hall", "hall_street"):
        feats.append("commune_implied")
    if not same and p.commune is not None:
        feats.append("commune_differs_from_sender")
    return where_phrase(p, st), feats


def subject_for(dr: Draft, with_date=None) -> str:
    d = dr.date
    with_date = chance(0.4) if with_date is None else with_date
    if dr.weekday_mismatch or dr.ambiguous:
        with_date = False
    ds = pick([fr_date(d, True, False), fr_date(d, False, True), fr_num(d, year=False)]) if with_date else ""
    t = dr.title
    opts = [f"Invitation – {t}", f"Invitation : {t}", f"{t}", f"Invitation {t[0].lower() + t[1:]}", "Invitation",
            f"Invitation {org_de(dr.sender.org)}", f"{t} – invitation"]
    s = pick(opts)
    if ds:
        s += pick([f" – {ds}", f" ({ds})", f" – {ds}"])
    return s


def sig_block(s: Sender) -> str:
    return s.signature


def compose_prose(dr: Draft, md: datetime, force_d=None, structured=False, informal=False) -> tuple[str, object, object, list]:
    s = dr.sender
    feats = []
    dstyle, tstyle, rstyle = choose_styles(dr, force_d)
    feats.append(f"date:{dstyle}")
    if dr.start:
        feats.append(f"time:{tstyle}")
    if dr.end:
        feats.append(f"range:{rstyle}")
    where, wf = where_for(dr)
    feats += wf
    paras = [greet(s)]
    if informal:
        when = when_phrase(dr, dstyle, tstyle, rstyle)
        paras.append(informal_opening(dr.what, when, where))
    elif structured:
        feats.append("structured")
        wline = dr.place.full() if chance(0.5) else (f"{dr.place.name}" + (f", {dr.place.street}" if dr.place.street else "")
                                                     + (f" – {dr.place.commune.name}" if dr.place.commune and "commune_implied" not in feats else ""))
        d_txt = date_phrase(dr.date, dstyle, dr.wd_name)[3:] if not dr.end_date else span_phrase(dr.date, dr.end_date, dstyle)
        if dstyle in ("next", "dayonly"):
            d_txt = date_phrase(dr.date, dstyle, dr.wd_name)
        lines = [pick([f"Nous avons le plaisir de vous inviter {a_(dr.what)}.", f"{s.subject_org} {'ont' if ' et ' in s.subject_org else 'a'} le plaisir de vous inviter {a_(dr.what)}.",
                       f"Vous êtes invitée {a_(dr.what)}."]), "",
                 f"{pick(['Date', 'Quand', 'Date'])} : {d_txt}"]
        if dr.start:
            tt = tfmt(dr.start, tstyle) if (rstyle == "a" and not dr.end) else time_phrase(dr.start, dr.end, tstyle, rstyle)
            lines.append(f"{pick(['Heure', 'Horaire', 'Horaires'])} : {tt}")
        lines.append(f"Lieu : {wline}")
        paras.append("\n".join(lines))
        if "commune_implied" in feats and dr.place.commune:
            pass
    elif dr.programme:
        feats.append("programme")
        dp = date_phrase(dr.date, dstyle, dr.wd_name) if not dr.end_date else span_phrase(dr.date, dr.end_date, dstyle)
        paras.append(opening(dr, dr.what, dp, where).rstrip(".") + pick([", selon le programme suivant :", ". Programme :", ". Déroulé de la matinée :" if dr.programme[0][0][0] < 12 else ". Déroulé :"]))
        paras.append(programme_text(dr.programme, tstyle))
        if dr.end:
            paras.append(f"{pick(['Fin prévue à', 'Clôture prévue à', 'Fin des travaux à'])} {tfmt(dr.end, tstyle)}.")
    else:
        when = when_phrase(dr, dstyle, tstyle, rstyle)
        if chance(0.15):
            paras.append(f"{cap(dr.what)} {pick(['aura lieu', 'se tiendra', 'se déroulera'])} {when} {where}.")
            paras.append(pick(["Nous serions très honorés de votre présence.", "Votre présence nous ferait grand plaisir.",
                               "Nous espérons vivement vous compter parmi nous.", ("Je serais heureuse de vous y accueillir." if (s.person and s.person.fem) else "Je serais heureux de vous y accueillir.") if not s.nous else "Nous serions heureux de vous y accueillir."]))
            feats.append("invitation_after_facts")
        else:
            paras.append(opening(dr, dr.what, when, where))
    for cx in dr.context:
        paras.append(cx(md.date()))
    if dr.notes:
        paras.append(dr.notes)
    sent, rb, contact = rsvp_for(dr, md, s)
    if sent:
        paras.append(sent)
        feats.append("rsvp_deadline" if rb else "rsvp_contact")
    paras.append(closing(s))
    paras.append(sig_block(s))
    return "\n\n".join(paras) + "\n", rb, contact, feats


def to_html(text: str) -> str:
    paras = text.strip("\n").split("\n\n")
    out = []
    for p in paras:
        out.append("<p>" + "<br>\n".join(htmlmod.escape(x, quote=False) for x in p.split("\n")) + "</p>")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n<body style=\"font-family: Arial, sans-serif; font-size: 11pt\">\n"
            + "\n".join(out) + "\n</body></html>\n")


def finish_inv(m: Mail, drafts: list[Draft], rb, contact, source: str, category: str, feats: list, notes=None) -> Mail:
    evs = []
    for i, dr in enumerate(drafts):
        evs.append(ev_truth(dr, rb, contact))
    evs.sort(key=lambda e: (e["date"], e["start"] or "00:00"))
    m.invitation = True
    m.events = evs
    m.source = source
    m.category = category
    m.features = sorted(set(feats))
    notes_l = [n for n in [notes] + [d.note for d in drafts] if n]
    m.notes = " ".join(notes_l) if notes_l else None
    return m


def html_variant(m: Mail, p_alt=0.25, p_only=0.05):
    r = R.random()
    if r < p_only:
        m.html = to_html(m.body)
        m.html_only = True
        m.features.append("html_only")
    elif r < p_only + p_alt:
        m.html = to_html(m.body)
        m.features.append("html_alternative")


def inv_prose(dr: Draft, force_d=None, structured=False, informal=False, lead=None, category=None, notes=None, extra_feats=()) -> Mail:
    lo, hi = lead or dr.lead
    md = msg_dt_before(dr.date, lo, hi, weekend_ok=informal)
    body, rb, contact, feats = compose_prose(dr, md, force_d, structured, informal)
    m = Mail(dr.sender, md, subject_for(dr) if not informal else pick([f"{dr.title}", f"Invitation {dr.title.split(' – ')[0].lower()}", "Petite invitation", f"{dr.title.split(' – ')[0]} !"]),
             body, to=pick(TO_VARIANTS))
    if informal:
        feats.append("informal")
    finish_inv(m, [dr], rb, contact, "prose", category or f"inv:{dr.kind}", feats + list(extra_feats), notes)
    html_variant(m)
    return m


# ---------------------------------------------------------------------------
# Cards (PDF)
# ---------------------------------------------------------------------------
def card_for(dr: Draft, md: datetime, s: Sender, with_rsvp=True, second: Draft | None = None, tstyle=None):
    card = Card(595, 420)
    card.line(dr.header or s.org, pick(["F2", "F5"]), 15)
    card.space(12)
    plural = " et " in s.subject_org
    card.line(s.subject_org, "F4", 13)
    verb = pick([("a le plaisir de vous inviter", "ont le plaisir de vous inviter", True),
                 ("vous prie de bien vouloir honorer de votre présence", "vous prient de bien vouloir honorer de votre présence", False),
                 ("vous convie", "vous convient", True),
                 ("a l'honneur de vous inviter", "ont l'honneur de vous inviter", True)])
    card.line(verb[1] if plural else verb[0], "F4", 13)
    card.space(4)
    card.line(a_(dr.what) if verb[2] else dr.what, "F5", 15)
    card.space(8)
    ts = tstyle or pick(["heures", "heures", "hmm", "h", "h_sp"])
    feats = [f"time:{ts}"] if dr.start else []
    if dr.end_date:
        dl = span_phrase(dr.date, dr.end_date, pick(["full", "noweekday"]))
        card.line(cap(dl), "F3", 14)
        if dr.start:
            card.line(time_phrase(dr.start, dr.end, ts, "de_a") if dr.end else f"Ouverture officielle le {WD[dr.date.weekday()]} {time_phrase(dr.start, None, ts, 'a')}", "F3", 13)
    else:
        dstyle = pick(["full", "full", "full_noyear", "noweekday"]) if not dr.weekday_mismatch else "full"
        feats.append(f"date:{dstyle}")
        dl = date_phrase(dr.date, dstyle, dr.wd_name)
        if dr.programme:
            card.line(cap(dl[3:]) if dl.startswith("le ") else cap(dl), "F3", 14)
        elif chance(0.5):
            card.line(f"{dl} {time_phrase(dr.start, dr.end, ts, pick(['a', 'de_a']))}" if dr.start else dl, "F3", 14)
        else:
            card.line(cap(dl[3:]) if dl.startswith("le ") else cap(dl), "F3", 14)
            if dr.start:
                card.line(cap(time_phrase(dr.start, dr.end, ts, "de_a" if dr.end else "a")), "F3", 14)
    p = dr.place
    same = s.commune is not None and p.commune is not None and s.commune.code == p.commune.code
    same = same and re.sub(r"^(Le|La|L') ?", "", p.commune.name) in " ".join([dr.header or "", s.org, s.subject_org])
    card.line(p.name, "F3", 13)
    show = p.commune is not None and (not same or chance(0.7))
    if p.street:
        card.line(p.street + (f" – {p.commune.cp} {p.commune.name}" if show else ""), "F3", 12)
    elif show:
        card.line(p.commune.name, "F3", 12)
    implied_on_card = p.commune is not None and not show
    if second:
        card.space(6)
        card.line("et", "F4", 12)
        card.line(a_(second.what), "F5", 13)
        card.line(f"{date_phrase(second.date, 'full')} {time_phrase(second.start, None, ts, 'a')}", "F3", 13)
        card.line(f"{second.place.name}, {second.place.street or ''} {second.place.commune.name}".replace(",  ", ", "), "F3", 12)
    if dr.programme:
        card.space(4)
        for t, lab in dr.programme:
            card.line(f"{tfmt(t, ts)} – {lab}", "F3", 10.5, align="l", x=70)
        if dr.end:
            card.line(f"Fin prévue à {tfmt(dr.end, ts)}", "F3", 10.5, align="l", x=70)
        feats.append("programme")
    if dr.notes:
        card.space(4)
        card.line(dr.notes, "F6", 9.5)
    rb = contact = None
    if with_rsvp and chance(0.75):
        dl = dr.date - timedelta(days=R.randint(4, 10))
        tel = phone()
        dom = s.email.split("@")[1]
        mail = f"protocole@{dom}" if (dom.startswith("ville-") or "gouv" in dom or "sdis" in dom or "maires" in dom) else s.email
        if dl > md.date() + timedelta(days=1) and chance(0.75):
            rb = dl
            txt = pick([f"R.S.V.P. avant le {fr_date(dl, False, chance(0.5))} – {tel} – {mail}",
                        f"Réponse souhaitée avant le {fr_num(dl, year=chance(0.5))} au {tel} ou à {mail}",
                        f"Merci de confirmer votre présence avant le {fr_date(dl, True, False)} : {mail}"])
            contact = f"{tel} / {mail}" if tel in txt else mail
        else:
            txt = pick([f"R.S.V.P. {tel}", f"Réponse souhaitée : {mail}"])
            contact = tel if tel in txt else mail
        card.space(6)
        card.line(txt, "F1", 9)
        feats.append("rsvp_deadline" if rb else "rsvp_contact")
    if chance(0.3):
        card.line(pick(["Carton strictement personnel, à présenter à l'entrée.", "Invitation personnelle", "Accès par l'entrée principale"]), "F6", 8)
    if implied_on_card:
        feats.append("commune_implied")
    if s.commune is not None and p.commune is not None and s.commune.code != p.commune.code:
        feats.append("commune_differs_from_sender")
    pdf = make_pdf([card], title=f"Invitation – {dr.title}", author=s.org, when=md)
    return pdf, card.texts(), rb, contact, feats


COVER_NOTES = [
    "Madame la Sénatrice, veuillez trouver ci-joint l'invitation de {maire}.",
    "Bonjour, vous trouverez ci-joint notre carton d'invitation.",
    "Ci-joint l'invitation adressée à Madame la Sénatrice.",
    "Bonjour, veuillez trouver en pièce jointe une invitation à l'attention de Mme Brachet.",
    "Madame, je vous prie de trouver ci-joint le carton d'invitation destiné à Madame la Sénatrice.",
    "Bonjour, merci de transmettre l'invitation jointe à Madame la Sénatrice.",
    "Veuillez trouver ci-joint un courrier d'invitation.",
]


def pdf_name(dr: Draft) -> str:
    base = slug(dr.title)[:40]
    return pick([f"Invitation_{base.replace('-', '_')}.pdf", f"carton-invitation-{base}.pdf", "invitation.pdf",
                 f"Invitation {dr.title[:30]}.pdf", f"INV_{dr.date.year}_{R.randint(10, 99)}.pdf", "Carton.pdf"])


def inv_pdf(dr: Draft, category=None) -> Mail:
    s = dr.sender
    md = msg_dt_before(dr.date, *dr.lead)
    pdf, texts, rb, contact, feats = card_for(dr, md, s, second=dr.second)
    note = pick(COVER_NOTES).format(maire=(("Mme la Maire" if MAYORS[s.commune.name].fem else "M. le Maire") if s.org.startswith("Mairie") and s.commune else "notre président"))
    sig = pick([s.person.full if s.person else s.org, f"{s.person.full if s.person else ''}\n{s.org}".strip(), s.org])
    body = f"{note}\n\n{pick(['Cordialement,', 'Bien cordialement,', 'Respectueusement,', ''])}\n{sig}\n".replace("\n\n\n", "\n\n")
    m = Mail(s, md, pick(["Invitation", f"Invitation – {dr.title}", "Carton d'invitation", f"Invitation {org_de(s.org)}", "Courrier d'invitation", f"{dr.title}"]), body, to=pick(TO_VARIANTS))
    m.attachments.append((pdf_name(dr), "application", "pdf", pdf))
    m.texts_extra += texts
    evs = [dr] + ([dr.second] if dr.second else [])
    finish_inv(m, evs, rb, contact, "pdf", category or f"inv:{dr.kind}", feats + ["cover_note_only"])
    return m


# ---------------------------------------------------------------------------
# ICS
# ---------------------------------------------------------------------------
def ics_event_dict(dr: Draft, s: Sender, md: datetime, utc=False, all_day=False, idx=0):
    uid = hashlib.sha1(f"{dr.title}{dr.date}{idx}{md}".encode()).hexdigest()[:20] + "@" + s.email.split("@")[1]
    loc_style = R.random()
    p = dr.place
    if loc_style < 0.6:
        loc = p.full()
    elif loc_style < 0.85:
        loc = f"{p.name}, {p.commune.name}" if p.commune else p.name
    else:
        loc = f"{p.name} – {p.street + ', ' if p.street else ''}{p.commune.cp if p.commune else ''} {p.commune.name if p.commune else ''}".strip()
    desc = f"{cap(dr.what)}.\n{s.org}"
    if dr.notes:
        desc += f"\n{dr.notes}"
    if all_day:
        start = dr.date
        end = (dr.end_date or dr.date) + timedelta(days=1)
    else:
        start = datetime.combine(dr.date, datetime.min.time()).replace(hour=dr.start[0], minute=dr.start[1])
        e = dr.end
        end_day = dr.end_date or dr.date
        end = datetime.combine(end_day, datetime.min.time()).replace(hour=e[0], minute=e[1])
    return {"uid": uid, "summary": dr.title, "location": loc, "description": desc, "start": start, "end": end,
            "organiser": (s.org, s.email), "utc": utc}


def inv_ics(dr: Draft, mode="attach", utc=False, all_day=False, category=None) -> Mail:
    s = dr.sender
    md = msg_dt_before(dr.date, *dr.lead)
    feats = [f"ics:{mode}"]
    if all_day:
        dr.start = dr.end = None
        dr.programme = None
        feats.append("ics_all_day")
    else:
        if dr.start is None:
            dr.start = T(10)
        if dr.end is None:
            dr.end = add_min(dr.start, pick([60, 90, 120]))
        feats.append("ics_utc" if utc else "ics_tzid")
    evd = ics_event_dict(dr, s, md, utc, all_day)
    method = "REQUEST" if mode == "alternative" else pick(["PUBLISH", "REQUEST"])
    ics = make_ics([evd], method, f"-//{s.org}//Agenda//FR" if chance(0.5) else pick(["-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "-//Google Inc//Google Calendar 70.9054//EN", "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN"]), md)
    # the body: either a short note or a full prose
    if chance(0.5):
        body, _, _, f2 = compose_prose(dr, md)
        feats.append("prose_repeats_ics")
    else:
        body = (f"{greet(s)}\n\n" + pick([
            f"Vous trouverez ci-joint l'invitation {a_(dr.what)} au format agenda (fichier .ics).",
            f"Afin de faciliter l'inscription dans votre agenda, nous vous adressons l'invitation {a_(dr.what)} sous forme d'événement.",
            f"{s.subject_org} {'ont' if ' et ' in s.subject_org else 'a'} le plaisir de vous inviter {a_(dr.what)}. Les détails figurent dans l'invitation d'agenda jointe.",
            f"Merci d'accepter ou de décliner l'invitation d'agenda ci-jointe pour {dr.what}.",
        ]) + f"\n\n{closing(s)}\n\n{s.signature}\n")
    m = Mail(s, md, subject_for(dr, False) if chance(0.6) else f"Invitation: {dr.title} @ {fr_date(dr.date, True, True)[:-5]}", body, to=pick(TO_VARIANTS))
    if mode == "alternative":
        m.calendar = ics
        m.calendar_method = method
    else:
        m.attachments.append((pick(["invite.ics", "invitation.ics", f"{slug(dr.title)[:30]}.ics", "evenement.ics"]), "text", "calendar", ics))
    m.texts_extra.append(ics.decode("utf-8"))
    finish_inv(m, [dr], None, None, "ics", category or f"inv:{dr.kind}", feats)
    return m


# ---------------------------------------------------------------------------
# Forwards
# ---------------------------------------------------------------------------
def fwd_header(orig: Mail, style: str) -> str:
    od = orig.dt
    frm = orig.sender.from_header()
    to = orig.to or OFFICE
    if style == "thunderbird":
        return (f"-------- Message transféré --------\nSujet : \t{orig.subject}\nDate : \t{format_datetime(aware(od))}\n"
                f"De : \t{frm}\nPour : \t{to}\n")
    if style == "outlook":
        return (f"De : {frm}\nEnvoyé : {fr_date(od.date(), True, True)} {od.hour:02d}:{od.minute:02d}\nÀ : {to}\n"
                f"Objet : {orig.subject}\n")
    if style == "gmail":
        ab = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."][od.weekday()]
        mo = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."][od.month - 1]
        return (f"---------- Forwarded message ---------\nDe : {frm}\nDate: {ab} {od.day} {mo} {od.year} à {od.hour:02d}:{od.minute:02d}\n"
                f"Subject: {orig.subject}\nTo: {to}\n")
    if style == "apple":
        return (f"Début du message réexpédié :\n\nDe: {frm}\nObjet: {orig.subject}\n"
                f"Date: {od.day} {MO[od.month - 1]} {od.year} à {od.hour:02d}:{od.minute:02d}:{od.second:02d} UTC+{paris_offset(od)}\nÀ: {to}\n")
    raise ValueError(style)


STAFF_NOTES = [
    "Pour l'agenda.",
    "Bonjour,\n\nPour information et pour l'agenda de la sénatrice.\n\nBien cordialement,",
    "À inscrire à l'agenda. La sénatrice ne pourra peut-être pas s'y rendre : voir si quelqu'un peut la représenter.",
    "Transmis pour suite à donner.",
    "Reçu ce matin sur la boîte de la permanence, je le remets ici pour le suivi agenda.",
]
SENATOR_NOTES = ["Pour l'agenda. H.", "Invitation reçue sur ma boîte personnelle, à traiter svp. H.", "Thomas, à noter ! Merci. Hélène",
                 "Pour info et agenda.", "Bonjour Thomas,\n\npeux-tu noter ceci et préparer une réponse ? Merci.\n\nHélène"]
OTHER_OFFICE_NOTES = ["Bonjour,\n\nje vous fais suivre cette invitation qui nous a été adressée par erreur au cabinet du député.\n\nBien à vous,",
                      "Bonjour,\n\nl'invitation ci-dessous concerne aussi Mme la Sénatrice : je vous la transfère.\n\nCordialement,"]


def forwarder(orig_sender: Sender):
    """returns (forwarder, kind, note, original recipient)"""
    r = R.random()
    c = orig_sender.commune
    if r < 0.35:
        n, e, role = pick(STAFF)
        fw = Sender(n, e, "Permanence parlementaire", f"{n}\n{cap(role)} de Mme Hélène Brachet, sénatrice de l'Isère", None, nous=False)
        return fw, "staff", pick(STAFF_NOTES), pick(TO_VARIANTS)
    if r < 0.55:
        fw = Sender(SENATOR_PERSONAL[0], SENATOR_PERSONAL[1], "Hélène Brachet", "H. Brachet", None, nous=False)
        return fw, "senator", pick(SENATOR_NOTES), f"{SENATOR} <{SENATOR_PERSONAL[1]}>"
    if r < 0.8 and c is not None and c in COMMUNES:
        fw = s_secretariat(c)
        if orig_sender.org.startswith("Mairie"):
            note = f"Bonjour,\n\n{le_maire(c).replace('Monsieur', 'M.').replace('Madame', 'Mme')} m'a demandé de vous transmettre l'invitation ci-dessous, adressée aux élus du territoire.\n\nCordialement,"
            return fw, "mairie", note, f"Élus du territoire <elus@{cdom(c)}>"
        note = f"Bonjour,\n\n{orig_sender.org} nous a demandé de vous transmettre son invitation, ci-dessous.\n\nCordialement,"
        return fw, "mairie", note, f"Mairie {c.de} <mairie@{cdom(c)}>"
    p = person()
    fw = Sender(p.full, f"{p.mail_local()}@depute-exemple.fr", "Permanence du député", f"{p.full}\nPermanence de la députée de la 5e circonscription", None, nous=False)
    return fw, "other_office", pick(OTHER_OFFICE_NOTES), f"Permanence de la députée <permanence@depute-exemple.fr>"


def inv_forward(dr: Draft, inner_kind="prose", style=None, rfc822=False, category=None) -> Mail:
    s = dr.sender
    # the original
    if inner_kind == "prose":
        orig = inv_prose(dr)
        orig.html = None
        orig.html_only = False
    else:
        orig = inv_pdf(dr)
    fw, fwk, note, orig.to = forwarder(s)
    fdt = orig.dt + timedelta(hours=R.randint(1, 60), minutes=R.randint(0, 59))
    if fdt.date() >= dr.date:
        fdt = orig.dt + timedelta(minutes=R.randint(5, 90))
    style = style or pick(["thunderbird", "outlook", "gmail", "apple"])
    if fwk in ("staff", "senator") and chance(0.3):
        other = dr.date - timedelta(days=R.randint(1, 3))
        note += f"\n\nAttention : le {fr_date(other, True, False)} nous sommes déjà pris par la réunion de la commission, mais la date de l'invitation est libre."
    pref = pick(["TR : ", "TR: ", "Fwd: ", "Fw: ", "TR : "])
    feats = ([] if rfc822 else [f"forward:{style}"]) + [f"forwarder:{fwk}"] + orig.features
    m = Mail(fw, fdt, pref + orig.subject, None, to=pick(TO_VARIANTS) if fwk != "staff" else f"Permanence <{OFFICE}>")
    if rfc822:
        inner = build_message(orig, "fwd-inner")
        m.body = f"{note}\n\n{fw.signature if fwk not in ('senator',) else ''}\n".replace("\n\n\n", "\n\n")
        m.inner = inner
        feats.append("forward:rfc822")
    else:
        m.body = f"{note}\n\n{fw.signature if fwk not in ('senator', 'staff') or chance(0.3) else ''}\n\n{fwd_header(orig, style)}\n{orig.body}"
        m.body = re.sub(r"\n{3,}", "\n\n", m.body)
        m.attachments = list(orig.attachments)
    m.texts_extra = orig.texts_extra
    evs = [dr] + ([dr.second] if dr.second else [])
    rb = orig.events[0]["rsvp_by"]
    rb = date.fromisoformat(rb) if rb else None
    finish_inv(m, evs, rb, orig.events[0]["rsvp_contact"], "forward", category or f"inv:{dr.kind}", feats)
    return m


# ---------------------------------------------------------------------------
# Special invitations
# ---------------------------------------------------------------------------
def two_event_pair():
    """two separate events on two days (each with its own time/title)"""
    v = R.randrange(6)
    if v == 0:
        dr = k_inauguration()
        while dr.date.weekday() != 5:
            dr = k_inauguration()
        dr.start = pick([T(10, 30), T(11)])
        dr.end = None
        g = place_of("gymnase", dr.place.commune)
        dr.place = g
        dr.what, dr.title = "l'inauguration du gymnase rénové", "Inauguration du gymnase rénové"
        d2 = Draft("inauguration", dr.sender, "Tournoi inaugural et remise des trophées", "le tournoi inaugural et la remise des trophées",
                   g, dr.date + timedelta(days=1), pick([T(15), T(16), T(16, 30)]), organiser=dr.organiser)
        return dr, d2, "aux deux temps forts de l'inauguration de notre gymnase", False
    if v == 1:
        dr = k_11nov()
        dr.programme = None
        dr.start = pick([T(10, 30), T(11)])
        sun = dr.date - timedelta(days=(dr.date.weekday() + 1) % 7 or 7)
        d2 = Draft("memorial_11nov", dr.sender, "Concert commémoratif", "le concert commémoratif donné par l'harmonie", place_of("eglise", dr.place.commune),
                   sun, pick([T(15), T(16), T(17)]), organiser=dr.organiser)
        return dr, d2, "aux commémorations du 11-Novembre", True  # later event mentioned first
    if v == 2:
        dr = k_voeux()
        while dr.date.weekday() != 4 or dr.sender.person is None or "Galette" in dr.title:
            dr = k_voeux()
        c = dr.place.commune
        dr.start = pick([T(18, 30), T(19)])
        dr.end = None
        dr.what, dr.title = "la cérémonie des vœux à la population", "Vœux à la population"
        d2 = Draft("voeux", dr.sender, "Vœux aux acteurs économiques", "les vœux aux acteurs économiques et associatifs", place_of("mairie", c),
                   dr.date + timedelta(days=1), pick([T(11), T(10, 30)]), organiser=dr.organiser)
        return dr, d2, "aux deux cérémonies de vœux de la commune", False
    if v == 3:
        c = pick(COMMUNES)
        s = pick([s_mayor, lambda c: s_asso(c, "comite_fetes")])(c)
        fri = weekday_in([5, 6, 7, 9], [4])
        fest = pick(["du festival « Les Nuits de la Bâtie »", "du festival de musique « Cordes en Isère »", "des Rencontres du cinéma de montagne"])
        d1 = Draft("festival", s, "Soirée d'ouverture du festival", f"la soirée d'ouverture {fest}", place_of("espace", c), fri, pick([T(19), T(19, 30), T(20)]), organiser=s.organiser, lead=(12, 35))
        d2 = Draft("festival", s, "Clôture du festival et remise des prix", "la cérémonie de clôture et la remise des prix", place_of("parc", c), fri + timedelta(days=2), pick([T(17), T(18)]), organiser=s.organiser)
        return d1, d2, f"aux deux temps forts {fest[3:] and ('du festival' if fest.startswith('du') else 'des Rencontres')}", False
    if v == 4:
        c1, c2 = R.sample(COMMUNES, 2)
        s = s_sdis(c1)
        s.subject_org = "Le directeur départemental et les sapeurs-pompiers du groupement"
        sat = weekday_in([11, 12], [5], days=list(range(24, 31)) + list(range(1, 12)))
        d1 = Draft("sainte_barbe", s, f"Sainte-Barbe du CIS {c1.name}", f"la Sainte-Barbe du centre de secours {c1.de}", place_of("caserne", c1), sat, pick([T(10), T(10, 30)]), organiser="SDIS de l'Isère – groupement territorial", lead=(12, 30))
        d2 = Draft("sainte_barbe", s, f"Sainte-Barbe du CIS {c2.name}", f"la Sainte-Barbe du centre de secours {c2.de}", place_of("caserne", c2), sat + timedelta(days=1), pick([T(10), T(11)]), organiser="SDIS de l'Isère – groupement territorial")
        return d1, d2, "aux cérémonies de la Sainte-Barbe de notre groupement", False
    dr = k_comice(two_days=False)
    dr.start = pick([T(10, 30), T(11)])
    d2 = Draft("comice", dr.sender, "Remise des prix des concours", "la remise des prix des concours d'animaux", dr.place, dr.date + timedelta(days=1), pick([T(16), T(16, 30), T(17)]), organiser=dr.organiser)
    dr.title += " – inauguration officielle"
    dr.what = "l'inauguration officielle " + de_(dr.what)
    return dr, d2, "aux deux temps forts " + de_(dr.title.split(" – ")[0][0].lower() + dr.title.split(" – ")[0][1:]).replace("de comice", "du comice"), False


def inv_two_events(source="prose") -> Mail:
    d1, d2, intro, reverse = two_event_pair()
    s = d1.sender
    if source == "pdf":
        d1.second = d2
        m = inv_pdf(d1, category="inv:two_events")
        m.features.append("two_events")
        return m
    md = msg_dt_before(d1.date, 12, 35)
    tst = pick(TSTYLES)
    ds1 = pick(["full", "full_noyear", "noweekday"])
    w1, f1 = where_for(d1)
    w2, f2 = where_for(d2, allow_implied=(d2.place.commune == d1.place.commune))
    first, second = (d2, d1) if reverse else (d1, d2)
    wf = {id(d1): w1, id(d2): w2}
    paras = [greet(s)]
    if chance(0.5):
        plural = " et " in s.subject_org
        paras.append(pick([f"{s.subject_org} {'ont' if plural else 'a'} le plaisir de vous inviter {intro} :",
                           f"Nous avons le plaisir de vous convier {intro} :" if s.nous else f"J'ai le plaisir de vous convier {intro} :"]))
        paras.append("\n".join(f"- {date_phrase(x.date, ds1)[3:]} {time_phrase(x.start, None, tst, 'a')} : {x.what}, {wf[id(x)]} ;" for x in (first, second)).rstrip(" ;") + ".")
    else:
        paras.append(opening(first, first.what, f"{date_phrase(first.date, ds1)} {time_phrase(first.start, None, tst, 'a')}", wf[id(first)]))
        rel = "Le lendemain" if second.date - first.date == timedelta(days=1) else ("La veille" if first.date - second.date == timedelta(days=1) else "Par ailleurs")
        paras.append(f"{rel}, {date_phrase(second.date, ds1)} {time_phrase(second.start, None, tst, 'a')}, nous serions également heureux de vous accueillir pour {second.what}, {wf[id(second)]}.")
    sent, rb, contact = rsvp_for(min(d1, d2, key=lambda x: x.date), md, s)
    if sent:
        paras.append(sent)
    paras += [closing(s), s.signature]
    m = Mail(s, md, subject_for(d1, False), "\n\n".join(paras) + "\n", to=pick(TO_VARIANTS))
    feats = ["two_events", f"date:{ds1}", f"time:{tst}"] + f1 + f2 + (["later_event_mentioned_first"] if reverse else [])
    finish_inv(m, [d1, d2], rb, contact, "prose", "inv:two_events", feats,
               notes="Two separate events (each has its own time); the first event is the earlier one." + (" The earlier event is mentioned second." if reverse else ""))
    html_variant(m)
    return m


def inv_span(source="prose") -> Mail:
    dr = pick([k_comice, k_salon, k_jumelage, k_congres])()
    if dr.kind == "comice" and not dr.end_date:
        dr.end_date = dr.date + timedelta(days=1)
    if dr.kind == "congres_maires" and not dr.end_date:
        dr.end_date = dr.date + timedelta(days=1)
    dr.programme = None
    note = "One event over consecutive days: one event with end_date."
    if source == "prose":
        m = inv_prose(dr, category="inv:span", notes=note, extra_feats=["span"])
    elif source == "pdf":
        m = inv_pdf(dr, category="inv:span")
        m.features.append("span")
        m.notes = note
    else:
        m = inv_ics(dr, mode="attach", all_day=dr.start is None, category="inv:span")
        m.features.append("span")
        m.notes = note
    return m


def inv_postponed() -> Mail:
    dr = pick([k_inauguration, k_ag, k_vernissage, k_citoyennete, k_premiere_pierre])()
    old = dr.date - timedelta(days=7 * R.randint(1, 3))
    md = msg_dt_before(old, 2, 12)
    s = dr.sender
    dst, tst, rst = choose_styles(dr, pick(["full", "full_noyear", "noweekday"]))
    where, wf = where_for(dr)
    reason = pick(["En raison de la tenue d'élections partielles", "En raison d'un retard de chantier",
                   "En raison de l'indisponibilité de M. le Préfet", "En raison des conditions météorologiques annoncées",
                   "Pour des raisons d'organisation"])
    paras = [greet(s),
             f"{reason}, nous avons dû modifier la date {de_(dr.what)}. Initialement fixée au {fr_date(old, True, chance(0.5))}, elle aura finalement lieu {when_phrase(dr, dst, tst, rst)} {where}.",
             pick(["Nous espérons vivement que vous pourrez vous joindre à nous à cette nouvelle date.",
                   "Nous maintenons bien entendu notre invitation et serions très honorés de votre présence.",
                   "Votre présence nous ferait grand plaisir à cette nouvelle date."]),
             closing(s), s.signature]
    body = "\n\n".join(paras) + "\n"
    m = Mail(s, md, pick([f"Report – {dr.title} – nouvelle date", f"Changement de date : {dr.title}", f"NOUVELLE DATE – {dr.title}"]), body, to=pick(TO_VARIANTS))
    finish_inv(m, [dr], None, None, "prose", "inv:postponed", [f"date:{dst}", "postponed"] + wf,
               notes="Postponement that renews the invitation: the event is the new date; the earlier date is cancelled.")
    return m


def inv_relative(kind: str, want_wd=None) -> Mail:
    """kind 'next' (dimanche prochain) or 'dayonly' (samedi 5)"""
    for _ in range(500):
        dr = pick([k_concert, k_repas_aines, lambda: k_ag(informal=True), k_inauguration, k_salon])()
        if dr.date.weekday() >= 5 and not dr.end_date and (want_wd is None or dr.date.weekday() == want_wd):
            break
    dr.programme = None
    if kind == "next":
        mw = R.randint(0, 1)
        md0 = dr.date - timedelta(days=dr.date.weekday() - mw)
        md = datetime(md0.year, md0.month, md0.day, R.randint(8, 18), R.randint(0, 59), R.randint(0, 59))
        note = f"« {WD[dr.date.weekday()]} prochain » written on a {WD[md.weekday()]}: the first {WD[dr.date.weekday()]} after the message date."
    else:
        md = msg_dt_before(dr.date, 4, 20, weekend_ok=True)
        note = "Day number with the month left out: the next such day after the message date."
    informal = dr.sender.informal
    body, rb, contact, feats = compose_prose(dr, md, force_d=kind, informal=informal)
    m = Mail(dr.sender, md, pick([dr.title, f"Invitation – {dr.title}", "Invitation"]), body, to=pick(TO_VARIANTS))
    finish_inv(m, [dr], rb, contact, "prose", "inv:relative_date", feats + ["relative_date"], notes=note)
    return m


def inv_mismatch(source="prose") -> Mail:
    dr = any_kind()
    while dr.end_date or dr.kind.startswith("memorial_11") and False:
        dr = any_kind()
    dr.weekday_mismatch = True
    wdi = dr.date.weekday()
    dr.wd_name = WD[(wdi + pick([1, -1])) % 7]
    dr.note = f"The text says « {dr.wd_name} {dnum(dr.date)} {MO[dr.date.month - 1]} » but {iso(dr.date)} is a {WD[wdi]}: flagged, the numeric date is kept."
    if source == "pdf":
        m = inv_pdf(dr, category="inv:weekday_mismatch")
    else:
        m = inv_prose(dr, force_d=pick(["full", "full", "full_noyear", "numeric_wd"]), category="inv:weekday_mismatch")
    m.features.append("weekday_mismatch")
    return m


def interco_sender():
    name, seat = pick([("Syndicat intercommunal des eaux de la Bourbre", None), ("SIVOM du canton", None),
                       ("Syndicat intercommunal de la vallée du Grésivaudan", None), ("Syndicat intercommunal des écoles de musique", None)])
    return s_interco(name, seat)


def inv_ambiguous(v: int) -> Mail:
    if v == 0:  # time alternatives
        dr = pick([k_11nov, k_8mai, k_14juillet])()
        dr.programme = None
        md = msg_dt_before(dr.date, *dr.lead)
        t1 = pick([T(10), T(10, 30)])
        t2 = add_min(t1, pick([30, 60]))
        tst = pick(TSTYLES)
        where, wf = where_for(dr, allow_implied=False)
        dr.start = None
        dr.ambiguous = True
        dr.note = f"Ambiguous time: {hm(t1)} or {hm(t2)}, to be confirmed; start is null."
        when = f"{date_phrase(dr.date, 'full')}, à {tfmt(t1, tst)} ou à {tfmt(t2, tst)} (l'horaire définitif dépend de l'agenda de M. le Préfet et vous sera confirmé)"
        body = "\n\n".join([greet(dr.sender), opening(dr, dr.what, when, where), closing(dr.sender), dr.sender.signature]) + "\n"
        m = Mail(dr.sender, md, subject_for(dr, False), body, to=pick(TO_VARIANTS))
        return finish_inv(m, [dr], None, None, "prose", "inv:ambiguous", ["ambiguous_time"] + wf)
    if v == 1:  # date alternatives
        dr = pick([k_ag, k_inauguration, k_vernissage])()
        dr.end = None
        d2 = dr.date + timedelta(days=7)
        md = msg_dt_before(dr.date, 15, 30)
        tst = pick(TSTYLES)
        where, wf = where_for(dr, allow_implied=False)
        dr.ambiguous = True
        dr.note = f"Ambiguous date: {iso(dr.date)} or {iso(d2)}, to be decided; the first candidate is recorded."
        when = f"le {fr_date(dr.date, True, False)} ou le {fr_date(d2, True, chance(0.5))} {time_phrase(dr.start, None, tst, 'a')} (la date définitive sera arrêtée en fonction de la disponibilité de la salle)"
        body = "\n\n".join([greet(dr.sender), opening(dr, dr.what, when, where), closing(dr.sender), dr.sender.signature]) + "\n"
        m = Mail(dr.sender, md, subject_for(dr, False), body, to=pick(TO_VARIANTS))
        return finish_inv(m, [dr], None, None, "prose", "inv:ambiguous", ["ambiguous_date"] + wf)
    if v == 2:  # subject and body disagree
        dr = k_voeux()
        while "Galette" in dr.title:
            dr = k_voeux()
        other = dr.date + timedelta(days=pick([-7, 7]))
        md = msg_dt_before(min(dr.date, other), 10, 20)
        body, rb, contact, feats = compose_prose(dr, md, force_d="full_noyear")
        dr.ambiguous = True
        dr.note = f"Ambiguous date: the subject says {iso(other)}, the body {iso(dr.date)}; the body's date is recorded."
        m = Mail(dr.sender, md, f"{dr.title} – {fr_date(other, True, False)}", body, to=pick(TO_VARIANTS))
        return finish_inv(m, [dr], rb, contact, "prose", "inv:ambiguous", feats + ["ambiguous_subject_body"])
    if v == 3:  # place without commune from an intercommunal sender
        s = interco_sender()
        d = weekday_in(list(range(1, 13)), [4])
        st = pick([T(18), T(18, 30)])
        dr = Draft("assemblee_generale", s, f"Assemblée générale – {s.org}", "l'assemblée générale annuelle du syndicat",
                   Place("Salle des fêtes", "à la salle des fêtes", None, None), d, st, organiser=s.organiser)
        dr.ambiguous = True
        dr.commune_override = None
        dr.note = "Ambiguous place: « salle des fêtes » from an intercommunal body with no commune named; commune is null."
        md = msg_dt_before(d, 12, 30)
        tst = pick(TSTYLES)
        body = "\n\n".join([greet(s), opening(dr, dr.what, when_phrase(dr, "full", tst, "a"), "à la salle des fêtes"),
                            "L'ordre du jour comprendra le vote du budget et le rapport d'activité.", closing(s), s.signature]) + "\n"
        m = Mail(s, md, subject_for(dr), body, to=pick(TO_VARIANTS))
        return finish_inv(m, [dr], None, None, "prose", "inv:ambiguous", ["ambiguous_place"])
    # v == 4: body and card disagree on the time
    dr = pick([k_inauguration, k_medailles, k_vernissage])()
    dr.end = None
    md = msg_dt_before(dr.date, *dr.lead)
    other = add_min(dr.start, pick([30, -30, 60]))
    pdf, texts, rb, contact, feats = card_for(dr, md, dr.sender)
    s = dr.sender
    body = (f"{greet(s)}\n\nVeuillez trouver ci-joint l'invitation {a_(dr.what)}, {date_phrase(dr.date, 'full_noyear')} à {tfmt(other, 'h')}.\n\n{closing(s)}\n\n{s.signature}\n")
    truth_start = dr.start
    dr.start = None
    dr.ambiguous = True
    dr.note = f"Ambiguous time: the mail says {hm(other)}, the card {hm(truth_start)}; start is null."
    m = Mail(s, md, subject_for(dr, False), body, to=pick(TO_VARIANTS))
    m.attachments.append((pdf_name(dr), "application", "pdf", pdf))
    m.texts_extra += texts
    return finish_inv(m, [dr], rb, contact, "mixed", "inv:ambiguous", feats + ["ambiguous_time_mail_vs_card"])


def inv_mixed(v: int) -> Mail:
    dr = any_kind()
    while dr.end_date:
        dr = any_kind()
    s = dr.sender
    md = msg_dt_before(dr.date, *dr.lead)
    pdf, texts, rb, contact, feats = card_for(dr, md, s)
    if v == 0:  # date in the mail, time and place only on the card
        dst = pick(["full", "full_noyear", "noweekday"])
        body = (f"{greet(s)}\n\n" + opening(dr, dr.what, date_phrase(dr.date, dst), "").rstrip(".")
                + pick([". Vous trouverez le détail (horaire et lieu) sur le carton ci-joint.", ". Le programme détaillé figure sur le carton joint."])
                + f"\n\n{closing(s)}\n\n{s.signature}\n")
        feats += [f"date:{dst}", "details_only_in_attachment"]
    else:  # full prose and the card repeats it
        body, rb2, c2, f2 = compose_prose(dr, md)
        body = body.replace(s.signature, "Vous trouverez également le carton d'invitation en pièce jointe.\n\n" + s.signature, 1) if chance(0.5) else body
        feats += f2 + ["card_repeats_prose"]
        rb, contact = rb or rb2, contact or c2
    m = Mail(s, md, subject_for(dr), body, to=pick(TO_VARIANTS))
    m.attachments.append((pdf_name(dr), "application", "pdf", pdf))
    m.texts_extra += texts
    return finish_inv(m, [dr], rb, contact, "mixed", f"inv:{dr.kind}", feats)


def inv_programme_two_days() -> Mail:
    """mail prose + a two-page PDF (card + programme over two days): one event with end_date"""
    dr = pick([k_jumelage, k_salon, k_comice])()
    if not dr.end_date:
        dr.end_date = dr.date + timedelta(days=1)
    if dr.start is None:
        dr.start = T(pick([9, 10]))
    s = dr.sender
    md = msg_dt_before(dr.date, 15, 40)
    _pdf1, texts, rb, contact, feats = card_for(dr, md, s)
    prog = Card(420, 595, border=False)
    prog.line("PROGRAMME", "F2", 16)
    prog.space(10)
    days = [dr.date + timedelta(days=i) for i in range((dr.end_date - dr.date).days + 1)]
    for i, dd in enumerate(days):
        prog.line(cap(fr_date(dd, True, True)), "F2", 12, align="l", x=40)
        t = dr.start if i == 0 else T(pick([9, 10]))
        if t >= T(13):
            items = [(t, "Accueil des officiels et inauguration"), (add_min(t, 90), "Dîner officiel")]
        else:
            items = [(t, "Accueil des officiels et inauguration" if i == 0 else "Ouverture au public"),
                     (add_min(t, 120), "Animations, visites des stands"), (T(pick([15, 16])), pick(["Remise des prix", "Concert de l'harmonie", "Démonstrations"]))]
        for tt, lab in items:
            prog.line(f"{tfmt(tt, 'h')} : {lab}", "F3", 11, align="l", x=60)
        prog.space(8)
    two = make_pdf([_card_from_texts(texts), prog], f"Programme – {dr.title}", s.org, md)
    dst, tst, rst = choose_styles(dr)
    where, wf = where_for(dr)
    body = "\n\n".join([greet(s), opening(dr, dr.what, span_phrase(dr.date, dr.end_date, dst), where),
                        "Vous trouverez ci-joint l'invitation et le programme détaillé des journées.", closing(s), s.signature]) + "\n"
    m = Mail(s, md, subject_for(dr), body, to=pick(TO_VARIANTS))
    m.attachments.append((pick(["programme.pdf", f"Programme {dr.title[:25]}.pdf", "invitation-et-programme.pdf"]), "application", "pdf", two))
    m.texts_extra += texts + prog.texts()
    return finish_inv(m, [dr], rb, contact, "mixed", "inv:span", feats + wf + ["span", "programme_two_days", f"date:{dst}"],
                      notes="One event over consecutive days (end_date); the card and the programme give the first day's first time (start).")


def _card_from_texts(texts: list[str]) -> Card:
    c = Card(595, 420)
    for i, t in enumerate(texts):
        c.line(t, "F5" if i == 0 else "F3", 14 if i == 0 else 12)
    return c


# ---------------------------------------------------------------------------
# Non-invitations
# ---------------------------------------------------------------------------
MSG_LO, MSG_HI = date(2025, 1, 6), date(2027, 11, 26)


def rand_md(weekend_ok=False) -> datetime:
    while True:
        d = rand_date(MSG_LO, MSG_HI)
        if d.weekday() < 5 or weekend_ok or chance(0.1):
            return datetime(d.year, d.month, d.day, R.randint(7, 19), R.randint(0, 59), R.randint(0, 59))


class RDate(date):
    """a date that remembers the message date it was drawn from"""
    ref: date | None = None


def _rd(d: date, ref: date) -> RDate:
    x = RDate(d.year, d.month, d.day)
    x.ref = ref
    return x


def fut(md, lo, hi, wds=None) -> date:
    for _ in range(500):
        d = md.date() + timedelta(days=R.randint(lo, hi))
        if wds is None or d.weekday() in wds:
            break
    return _rd(d, md.date())


def past(md, lo, hi, wds=None) -> date:
    for _ in range(500):
        d = md.date() - timedelta(days=R.randint(lo, hi))
        if wds is None or d.weekday() in wds:
            break
    return _rd(d, md.date())


def fd(d, wd=None, year=None) -> str:
    """a date as people write it in running text; the year is only left out
    when the date is within five months of the message date"""
    wd = chance(0.45) if wd is None else wd
    year = chance(0.6) if year is None else year
    ref = getattr(d, "ref", None)
    if ref is not None and abs((d - ref).days) > 150:
        year = True
    return fr_date(d, wd, year)


def any_sender(c=None):
    c = c or pick(COMMUNES)
    return pick([s_mayor, s_mayor, s_secretariat, s_deputy, s_asso, s_citizen, s_citizen, s_company])(c)


def letter(s: Sender, paras: list[str], formal=None) -> str:
    return "\n\n".join([greet(s)] + paras + [closing(s, formal), s.signature]) + "\n"


def non(s: Sender, md: datetime, subject: str, body: str, category: str, feats=(), notes=None, source="prose") -> Mail:
    m = Mail(s, md, subject, body, to=pick(TO_VARIANTS))
    m.invitation = False
    m.events = []
    m.category = "non:" + category
    m.features = list(feats)
    m.notes = notes
    m.source = source
    return m


PROJECTS = ["la rénovation thermique de l'école élémentaire", "l'extension de la maison de santé", "la réfection du pont de la Gare",
            "la création d'une voie verte", "la mise aux normes de la salle des fêtes", "la construction d'un réservoir d'eau potable",
            "la rénovation du gymnase", "l'aménagement du centre-bourg", "la vidéoprotection des abords des écoles"]
SUBJECTS = ["la désertification médicale", "la fermeture du bureau de poste", "la réforme de la dotation globale de fonctionnement",
            "l'avenir de la ligne ferroviaire Grenoble–Veynes", "la gestion de l'eau et de l'assainissement", "le zéro artificialisation nette",
            "la sécurité des sapeurs-pompiers volontaires", "la prolifération du loup dans les alpages", "le statut de l'élu local",
            "la fermeture de classes en milieu rural", "le coût de l'énergie pour les communes"]


def n_deadline() -> Mail:
    md = rand_md()
    v = R.randrange(6)
    dl = fut(md, 8, 60)
    c = pick(COMMUNES)
    if v == 0:
        s = pick([s_mayor, s_secretariat])(c)
        prog = pick(PROJECTS)
        paras = [f"Par courrier du {fd(past(md, 5, 40), year=False)}, les services de la préfecture nous ont demandé de compléter notre dossier de demande de {pick(['DETR', 'DSIL'])} relatif à {prog}. Les pièces manquantes doivent être transmises avant le {fd(dl)}{pick(['', ' à 12h', ', délai de rigueur'])}.",
                 "Compte tenu de ce délai très court, je me permets de solliciter votre appui auprès de M. le Préfet afin que notre dossier puisse être examiné lors de la prochaine commission.",
                 "Je reste à votre disposition pour tout complément."]
        subj = pick([f"Dossier {pick(['DETR', 'DSIL'])} – pièces à fournir avant le {fr_date(dl, False, False)}", "Demande d'appui – dossier de subvention", "Dossier de subvention : délai"])
    elif v == 1:
        s = s_asso(c)
        ap = pick(["Vivre ensemble en Isère", "Initiatives rurales", "Sport pour tous", "Patrimoine de proximité"])
        paras = [f"Nous vous informons que l'appel à projets « {ap} » est ouvert jusqu'au {fd(dl)}. Les dossiers sont à déposer en ligne ; les lauréats seront connus {pick(['courant ' + MO[(dl.month) % 12], 'avant l’été', 'à l’automne'])}.",
                 "Nous vous invitons à relayer cette information auprès des communes et des associations de votre territoire.",
                 "Nous vous remercions par avance de votre aide."]
        subj = f"Appel à projets « {ap} » – date limite {fr_num(dl)}"
    elif v == 2:
        s = s_citizen(c)
        paras = [f"Je me permets de vous écrire car je dois déposer mon dossier de {pick(['renouvellement de titre de séjour', 'demande de retraite', 'permis de construire', 'demande de logement social'])} avant le {fd(dl)}, mais je n'arrive pas à obtenir de rendez-vous {pick(['en préfecture', 'auprès de la caisse', 'au service urbanisme'])} depuis le {fd(past(md, 10, 60), year=False)}.",
                 "Pourriez-vous m'aider ou m'indiquer à qui m'adresser ?", "Je vous remercie par avance de votre aide."]
        subj = pick(["Demande d'aide", "Dossier bloqué – date limite", "Besoin d'aide pour un rendez-vous"])
    elif v == 3:
        s = s_prefecture()
        t = pick([T(12), T(16), T(17)])
        paras = [f"Dans le cadre de la campagne {dl.year} de la dotation d'équipement des territoires ruraux, les demandes de subvention doivent parvenir à la préfecture au plus tard le {fr_date(dl, True, True)} à {tfmt(t, pick(TSTYLES))}, au bureau du développement local, 12 place de Verdun à Grenoble, ou par voie dématérialisée.",
                 f"La commission d'élus se réunira ensuite le {fd(fut(md, 70, 110))} pour examiner les dossiers.",
                 "Je vous remercie de bien vouloir relayer cette information auprès des maires de votre connaissance."]
        subj = f"Campagne DETR {dl.year} – calendrier"
    elif v == 4:
        s = s_dept()
        paras = [f"Le Département de l'Isère lance le dispositif « {pick(['Isère Rando', 'Plan montagne', 'Isère Attractivité', 'Cœur de village'])} ». Date limite de dépôt des candidatures : {fr_date(dl, chance(0.5), True)}.",
                 f"Le jury se réunira le {fd(fut(md, 70, 120))} et les résultats seront communiqués aux communes dans la foulée.",
                 "Nous restons à votre disposition pour toute précision."]
        subj = "Nouveau dispositif départemental – date limite de candidature"
    else:
        s = s_school(c)[0]
        paras = [f"Les familles ont jusqu'au {fd(dl)} pour inscrire leurs enfants à l'école pour la rentrée. Nous constatons une baisse inquiétante des effectifs et craignons une fermeture de classe.",
                 "Nous souhaitions vous alerter dès à présent sur cette situation."]
        subj = "Inscriptions scolaires et effectifs"
    return non(s, md, subj, letter(s, paras), "deadline", ["deadline"])


def n_council_past() -> Mail:
    md = rand_md()
    c = pick(COMMUNES)
    s = pick([s_mayor, s_secretariat, s_deputy])(c)
    d0 = past(md, 3, 25, wds=[0, 1, 2, 3])
    sub = pick(SUBJECTS)
    v = R.randrange(4)
    if v == 0:
        paras = [f"Lors de sa séance du {fd(d0, year=chance(0.5))}, le conseil municipal {c.de} a adopté à l'unanimité une motion relative à {sub}. Vous la trouverez ci-dessous.",
                 f"« Le conseil municipal, réuni le {fr_date(d0, False, True)} sous la présidence de {MAYORS[c.name].civ_full}, demande à l'État de prendre toute la mesure de la situation... »",
                 "Nous vous remercions de bien vouloir porter notre position auprès du Gouvernement."]
        subj = f"Motion du conseil municipal – {sub}"
    elif v == 1:
        nd = fut(md, 10, 40, wds=[0, 1, 2, 3])
        t = pick([T(18, 30), T(19), T(20)])
        paras = [f"Comme évoqué lors du conseil municipal du {fd(d0)}, la question de {sub} reste pour nous une priorité.",
                 f"Ce point sera de nouveau inscrit à l'ordre du jour du conseil municipal du {fr_date(nd, True, chance(0.5))} à {tfmt(t, pick(TSTYLES))}, en séance publique.",
                 "Je vous tiendrai informée des suites données."]
        subj = f"Suite du conseil municipal du {fr_date(d0, False, False)}"
    elif v == 2:
        fz = fut(md, 10, 60)
        paras = [f"Je vous informe que, lors du conseil municipal du {fd(d0)}, nous avons voté la fermeture temporaire de {pick(['la piscine municipale', 'la bibliothèque', 'la salle des fêtes', 'la crèche'])} à compter du {fd(fz)}, faute de moyens.",
                 f"Cette décision difficile est directement liée à {sub}. Je souhaitais que vous en soyez informée."]
        subj = "Décision du conseil municipal"
    else:
        paras = [f"Le conseil communautaire réuni le {fd(d0)} a rendu un avis défavorable sur le projet de {pick(['schéma régional', 'plan de prévention des risques', 'SCoT', 'PLUi'])}.",
                 f"Vous trouverez ci-joint l'extrait du registre des délibérations (séance du {fr_num(d0)}).",
                 "Nous comptons sur votre soutien dans ce dossier."]
        subj = "Avis du conseil communautaire"
        m = non(s, md, subj, letter(s, paras), "council_past", ["past_meeting", "pdf_attachment"], source="pdf")
        pg = Card(595, 842, border=False)
        pg.y = 780
        pg.line("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", "F2", 13)
        pg.line(f"Séance du {fr_date(d0, True, True)}", "F1", 11)
        pg.line(f"Date de convocation : {fr_num(d0 - timedelta(days=7))} – Date d'affichage : {fr_num(d0 - timedelta(days=6))}", "F1", 9)
        pg.space(10)
        pg.line(f"L'an {d0.year}, le {fr_date(d0, False, False)}, à {d0.weekday() and '18h30' or '19h00'}, le conseil communautaire, régulièrement convoqué, s'est réuni en séance publique.", "F3", 11, align="l", x=60)
        pg.line(f"Objet : avis sur {sub}.", "F3", 11, align="l", x=60)
        pg.line("Après en avoir délibéré, le conseil émet un avis défavorable. Adopté à l'unanimité.", "F3", 11, align="l", x=60)
        m.attachments.append(("extrait-deliberation.pdf", "application", "pdf", make_pdf([pg], "Extrait du registre", s.org, md)))
        m.texts_extra += pg.texts()
        return m
    return non(s, md, subj, letter(s, paras), "council_past", ["past_meeting"])


def n_decree() -> Mail:
    md = rand_md()
    c = pick(COMMUNES)
    dd = past(md, 20, 500)
    num = f"{dd.year}-{R.randint(100, 1999)}"
    eff = fut(md, 10, 200)
    v = R.randrange(4)
    if v == 0:
        s = pick([s_mayor, s_secretariat])(c)
        paras = [f"Le décret n° {num} du {fr_date(dd, False, True)} relatif à {pick(['la défense extérieure contre l’incendie', 'la qualité de l’air intérieur dans les établissements recevant des enfants', 'la tarification des services d’eau', 'la publicité des actes des collectivités'])} impose aux communes de nouvelles obligations à compter du {fd(eff, wd=False)}.",
                 "Pour une commune de notre taille, ces obligations représentent une charge considérable. Une évolution réglementaire est-elle envisagée ?",
                 "Je vous remercie de l'attention que vous porterez à cette question."]
        subj = f"Décret n° {num} – difficultés d'application"
    elif v == 1:
        s = s_asso(c)
        paras = [f"La loi du {fr_date(dd, False, True)} a profondément modifié les règles applicables à nos activités. L'arrêté du {fr_date(dd + timedelta(days=R.randint(20, 90)), False, True)} en précise les modalités, qui entreront en vigueur le {fd(eff, wd=False)}.",
                 "Nos bénévoles s'inquiètent de ces nouvelles contraintes. Pourriez-vous interroger le ministère ?"]
        subj = "Nouvelle réglementation – inquiétude des associations"
    elif v == 2:
        s = s_prefecture()
        nn = f"38-{dd.year}-{dd.month:02d}-{dd.day:02d}-{R.randint(1, 99999):05d}"
        paras = [f"Pour votre parfaite information, je vous transmets l'arrêté préfectoral n° {nn} du {fr_date(dd, False, True)} portant {pick(['limitation provisoire des usages de l’eau', 'réglementation de l’emploi du feu', 'mesures de restriction de la circulation des poids lourds'])}.",
                 f"Ces mesures s'appliquent du {fr_date(eff, True, False)} au {fr_date(eff + timedelta(days=R.randint(10, 60)), True, True)}, sauf levée anticipée."]
        subj = "Transmission d'un arrêté préfectoral"
    else:
        s = s_citizen(c)
        paras = [f"Depuis le décret du {fr_date(dd, False, True)}, {pick(['ma pension d’invalidité', 'mon allocation', 'le montant de ma retraite'])} a été réduite sans que je comprenne pourquoi. La caisse m'a répondu le {fd(past(md, 3, 15), year=False)} qu'elle ne faisait qu'appliquer le texte.",
                 "Je vous serais reconnaissant de bien vouloir examiner ma situation."]
        subj = "Question sur un décret"
    return non(s, md, subj, letter(s, paras), "decree_law", ["decree"])


def n_appointment() -> Mail:
    md = rand_md()
    c = pick(COMMUNES)
    v = R.randrange(6)
    d1 = fut(md, 5, 30, wds=[0, 1, 2, 3, 4])
    d2 = fut(md, 5, 30, wds=[0, 1, 2, 3, 4])
    t = pick([T(9), T(10), T(14), T(14, 30), T(16), T(17, 30)])
    ts = pick(TSTYLES)
    if v == 0:
        s = pick([s_asso, s_citizen, s_company])(c)
        paras = [f"Je souhaiterais solliciter un rendez-vous avec Madame la Sénatrice afin de lui présenter {pick(['notre projet associatif', 'la situation de notre entreprise', 'ma situation personnelle', 'nos difficultés de recrutement'])}.",
                 f"Je suis disponible le {fr_date(d1, True, False)} après-midi ou le {fr_date(d2, True, False)} à partir de {tfmt(t, ts)}."]
        subj = "Demande de rendez-vous"
    elif v == 1:
        s = s_citizen(c)
        paras = [f"Serait-il possible de rencontrer Mme Brachet lors de sa permanence du {fr_date(d1, True, False)} {c.a} ? Je souhaiterais lui parler de {pick(SUBJECTS)}.",
                 "Merci de me dire si un créneau est disponible."]
        subj = "Permanence – demande de créneau"
    elif v == 2:
        s = s_mayor(c)
        pl = place_of("mairie", c)
        paras = [f"Je souhaiterais vous rencontrer afin d'évoquer {pick(PROJECTS)} et les difficultés de financement que nous rencontrons.",
                 f"Je vous propose un rendez-vous en mairie le {fr_date(d1, True, chance(0.5))} à {tfmt(t, ts)}, ou à votre permanence selon votre convenance."]
        subj = "Proposition de rendez-vous"
    elif v == 3:
        s = s_asso(c)
        paras = [f"Les membres du bureau de notre association sollicitent une audience auprès de Madame la Sénatrice, si possible dans la semaine du {fr_date(d1 - timedelta(days=d1.weekday()), False, False)}, au sujet de {pick(SUBJECTS)}.",
                 "Nous nous adapterons bien entendu à son agenda."]
        subj = "Demande d'audience"
    elif v == 4:
        s = s_company(c)
        paras = [f"Nous aimerions vous présenter notre projet d'extension et ses enjeux pour l'emploi local. Un entretien le {fr_date(d1, True, False)} à {tfmt(t, ts)} dans nos locaux ({street_addr()}, {c.cp} {c.name}) vous conviendrait-il ?",
                 "Une rencontre à votre permanence est bien sûr possible si vous le préférez."]
        subj = "Demande d'entretien"
    else:
        s = pick([s_mayor, s_deputy])(c)
        paras = [f"Suite à notre échange du {fr_date(past(md, 2, 15), True, False)}, je vous confirme mon souhait de faire le point avec vous sur {pick(PROJECTS)}.",
                 f"Pourriez-vous me proposer un créneau d'une heure, par exemple le {fr_date(d1, True, False)} entre {tfmt(T(14), ts)} et {tfmt(T(17), ts)} ?"]
        subj = "Rendez-vous – point d'étape"
    return non(s, md, subj, letter(s, paras), "appointment_request", ["appointment"],
               notes="A request for a meeting with the senator is not an invitation to an event.")


def n_thanks() -> Mail:
    dr = any_kind()
    dr.programme = None
    md = datetime.combine(dr.date + timedelta(days=R.randint(1, 18)), datetime.min.time()).replace(hour=R.randint(8, 19), minute=R.randint(0, 59))
    s = dr.sender
    ds = pick([fr_date(dr.date, True, False), fr_date(dr.date, False, False), fr_date(dr.date, False, True)])
    v = R.randrange(4)
    if v == 0:
        paras = [f"Je tenais à vous remercier très sincèrement pour votre présence {a_(dr.what)}, le {ds}.",
                 "Votre intervention a été très appréciée par l'assistance et nous a beaucoup touchés."]
    elif v == 1:
        paras = [f"Merci d'avoir honoré de votre présence {dr.what} le {ds} dernier.",
                 "Vous trouverez ci-joint quelques photographies de cette belle journée."]
    elif v == 2:
        paras = [f"Au nom de tous, je vous remercie d'avoir bien voulu être des nôtres le {ds} pour {dr.what}.",
                 "Nous espérons avoir le plaisir de vous accueillir de nouveau très prochainement."]
    else:
        paras = [f"Bien que vous n'ayez pu être présente {a_(dr.what)} du {ds}, nous tenions à vous remercier pour le message que vous nous avez fait parvenir et qui a été lu lors de la cérémonie.",
                 "Nous savons pouvoir compter sur votre soutien."]
    subj = pick(["Remerciements", f"Merci ! – {dr.title}", f"Remerciements – {dr.title}", f"Re: {subject_for(dr, False)}"])
    m = non(s, md, subj, letter(s, paras), "thanks_after_event", ["past_event", "thanks"],
            notes="Thank-you letter after the event.")
    if subj.startswith("Re:"):
        m.features.append("re_subject_of_invitation")
    return m


def n_newsletter() -> Mail:
    md = rand_md(weekend_ok=True)
    c = pick(COMMUNES)
    s = Sender(f"Ville {c.de}", f"newsletter@{cdom(c)}", f"Ville {c.de}", f"Ville {c.de} – service communication\nHôtel de ville, {c.cp} {c.name}", c)
    n = R.randint(20, 180)
    items = []
    ts = pick(TSTYLES)
    used = set()
    for _ in range(R.randint(3, 6)):
        d = fut(md, 2, 40)
        if d in used:
            continue
        used.add(d)
        ev = pick([("inauguration du skatepark", "parc municipal"), ("conseil municipal (séance publique)", "salle du conseil"),
                   ("loto du Sou des écoles", "salle des fêtes"), ("marché de producteurs", "place du Marché"),
                   ("conférence d'histoire locale", "médiathèque"), ("réunion publique sur le PLU", "espace Aragon"),
                   ("don du sang", "salle polyvalente"), ("atelier numérique pour les seniors", "maison France Services"),
                   ("vide-greniers", "parking du stade"), ("permanence de l'architecte-conseil", "mairie")])
        t = pick([T(9), T(10), T(14), T(18), T(18, 30), T(20), T(20, 30)])
        items.append((d, t, ev))
    items.sort()
    agenda = "\n".join(f"• {cap(fr_date(d, True, False))}, {tfmt(t, ts)} : {e[0]}, {e[1]}" for d, t, e in items)
    v = R.randrange(3)
    m_to = None
    greeting = pick([f"Chers {c.gentile},", "Chers habitants,", "Madame, Monsieur,", "Bonjour à toutes et à tous,"])
    if v == 0:
        body = (f"LETTRE D'INFORMATION N° {n} – {MO[md.month - 1].upper()} {md.year}\n\n{greeting}\n\n"
                f"Voici les prochains rendez-vous de la commune :\n\n{agenda}\n\n"
                f"TRAVAUX\nLa réfection de la {pick(['rue de la République', 'place de la Mairie', 'route de Lyon'])} se poursuivra jusqu'au {fd(fut(md, 20, 60))}.\n\n"
                f"Vous recevez cette lettre car vous êtes inscrit(e) à la lettre d'information de la ville {c.de}.\n"
                f"Pour vous désinscrire : https://{cdom(c)}/newsletter/desinscription\n")
    elif v == 1:
        d, t, e = items[0]
        body = (f"{greeting}\n\nLa municipalité a le plaisir de vous inviter à la {pick(['fête de quartier', 'fête du village', 'soirée d’été'])} qui aura lieu le {fr_date(d, True, False)} à partir de {tfmt(t, ts)}, {pick(['parc municipal', 'place de la Mairie', 'esplanade des Fêtes'])}. "
                f"Venez nombreux, en famille ou entre amis : animations, buvette et feu d'artifice !\n\n"
                f"Retrouvez aussi l'agenda du mois :\n\n{agenda}\n\n"
                f"Cet e-mail vous est envoyé par la ville {c.de}. Se désabonner : https://{cdom(c)}/desabonnement\n")
    else:
        sa = s_asso(c)
        s = Sender(sa.org, f"info@{slug(sa.org)[:30]}.asso-exemple.fr", sa.org, sa.signature, c, sa.person)
        m_to = f"Adhérents <adherents@{slug(sa.org)[:30]}.asso-exemple.fr>"
        body = (f"À tous nos adhérents, partenaires et amis,\n\n{pick(['Nous vous invitons', 'Nous avons le plaisir de vous inviter'])} à notre {pick(['loto annuel', 'concours de belote', 'vide-greniers', 'repas dansant'])} le {fr_date(items[0][0], True, True)} à {tfmt(items[0][1], ts)}, salle des fêtes {c.de}. "
                f"Entrée libre, ouvert à tous.\n\nN'hésitez pas à faire circuler l'information autour de vous !\n\nLe bureau\n\n"
                f"Vous recevez ce message car vous figurez dans la liste de diffusion de l'association. Pour ne plus recevoir nos messages, répondez « STOP ».\n")
    subj = pick([f"{s.org} – à vos agendas !", "Invitation à tous nos adhérents", f"Infos {s.org}"]) if v == 2 else pick([f"Lettre d'information n° {n}", f"L'agenda {c.de} – {MO[md.month - 1]} {md.year}", "Les rendez-vous du mois", f"Invitation : {pick(['fête de quartier', 'loto', 'soirée d’été'])} – venez nombreux !"])
    m = Mail(s, md, subj, body, to=m_to if v == 2 else pick(["undisclosed-recipients:;", f"abonnes@{cdom(c)}", f"Liste de diffusion <liste@{cdom(c)}>"]))
    m.headers += [("List-Id", f"<newsletter.{cdom(c)}>"), ("List-Unsubscribe", f"<https://{cdom(c)}/newsletter/desinscription>"), ("Precedence", "bulk")]
    m.invitation, m.events, m.category, m.source = False, [], "non:newsletter_public", "prose"
    m.features = ["mass_mailing", "public_events"] + (["invitation_wording_to_public"] if v >= 1 else [])
    m.notes = "Mass mailing to the public or to members (list headers, no personal address): not an invitation addressed to the office."
    if chance(0.4):
        m.html = to_html(body)
        m.features.append("html_alternative")
    return m


def n_cancellation() -> Mail:
    dr = any_kind()
    while dr.end_date:
        dr = any_kind()
    dr.programme = None
    md = msg_dt_before(dr.date, 1, 10, weekend_ok=True)
    s = dr.sender
    ts = pick(TSTYLES)
    when = when_phrase(dr, pick(["full", "full_noyear", "noweekday_noyear"]), ts, "a")
    where, _ = where_for(dr)
    reason = pick(["en raison des conditions météorologiques (vigilance orange)", "en raison du deuil qui frappe notre commune",
                   "pour des raisons de sécurité", "en raison de l'indisponibilité de la salle", "à la suite du décès de notre président d'honneur"])
    v = R.randrange(3)
    if v == 0:
        paras = [f"Nous sommes au regret de vous informer que nous devons annuler {dr.what}, {reason}. Pour mémoire, l'événement devait se tenir {when} {where}.",
                 pick(["Une nouvelle date vous sera communiquée ultérieurement.", "Nous vous prions de bien vouloir nous excuser pour ce contretemps.", "Nous ne manquerons pas de vous tenir informée."])]
    elif v == 1:
        paras = [f"{reason[0].upper() + reason[1:]}, {dr.what} du {fr_date(dr.date, True, False)} n'aura pas lieu.",
                 "Nous remercions toutes les personnes qui avaient prévu de se joindre à nous."]
    else:
        paras = [f"ANNULATION – {dr.title}", f"{cap(dr.what)} prévu(e) {when} est annulé(e) {reason}.", "Merci de votre compréhension."]
    subj = pick([f"ANNULATION – {dr.title}", f"Annulation : {dr.title}", f"{dr.title} annulé(e)", f"Re: Invitation – {dr.title}"])
    m = non(s, md, subj, letter(s, paras), "cancellation", ["cancellation"], notes="Cancellation without a new date: no event to attend.")
    return m


def n_cancellation_ics() -> Mail:
    dr = any_kind()
    while dr.end_date:
        dr = any_kind()
    s = dr.sender
    md = msg_dt_before(dr.date, 1, 8)
    if dr.end is None:
        dr.end = add_min(dr.start, 90)
    evd = ics_event_dict(dr, s, md)
    evd["status"] = "CANCELLED"
    evd["sequence"] = 1
    evd["summary"] = "Annulé : " + dr.title
    ics = make_ics([evd], "CANCEL", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", md)
    body = letter(s, [f"Nous sommes au regret de vous informer que {dr.what}, prévu(e) le {fr_date(dr.date, True, False)}, est annulé(e).", "L'événement a été retiré de votre agenda."])
    m = non(s, md, f"Annulé : {dr.title}", body, "cancellation", ["cancellation", "ics:cancel"], notes="iCalendar METHOD:CANCEL / STATUS:CANCELLED.", source="ics")
    m.calendar = ics
    m.calendar_method = "CANCEL"
    m.texts_extra.append(ics.decode())
    return m


def n_press() -> Mail:
    md = rand_md()
    c = pick(COMMUNES)
    s = Sender(f"Service presse – Ville {c.de}", f"presse@{cdom(c)}", f"Ville {c.de}", f"Contact presse : {person().full} – {phone(True)}", c)
    d = fut(md, 3, 30)
    t = pick([T(10), T(11), T(14, 30), T(18)])
    ts = pick(TSTYLES)
    v = R.randrange(3)
    if v == 0:
        body = (f"COMMUNIQUÉ DE PRESSE\n{c.name}, le {fr_date(md.date(), False, True)}\n\n"
                f"{pick(['Ouverture de la nouvelle médiathèque', 'Lancement du budget participatif', 'La commune labellisée « Ville active et sportive »', 'Travaux du centre-ville : une nouvelle étape'])}\n\n"
                f"La ville {c.de} annonce {pick(['l’ouverture au public', 'le lancement officiel', 'la présentation'])} le {fr_date(d, True, True)}. "
                f"Ce projet, engagé en {md.year - 1}, a mobilisé {R.randint(2, 9)} millions d'euros d'investissement.\n\n"
                f"« {pick(['C’est une fierté pour toute la commune', 'Nous tenons nos engagements', 'Ce projet change le quotidien des habitants'])} », souligne {MAYORS[c.name].civ_full}, maire {c.de}.\n\n"
                f"Contact presse : {person().full} – {phone(True)}\n")
        subj = "Communiqué de presse"
    elif v == 1:
        body = (f"INVITATION PRESSE\n\nLes représentants des médias sont conviés au point presse organisé le {fr_date(d, True, chance(0.5))} à {tfmt(t, ts)} en mairie {c.de} ({place_of('mairie', c).street}), "
                f"en présence de {MAYORS[c.name].civ_full}, à l'occasion de {pick(['la présentation du budget', 'la signature du contrat de ville', 'l’annonce du programme estival'])}.\n\n"
                f"Merci de confirmer votre venue auprès du service communication : presse@{cdom(c)}.\n")
        subj = f"Invitation presse – {fr_date(d, True, False)}"
    else:
        body = (f"COMMUNIQUÉ\n\nLe {fr_date(past(md, 1, 8, wds=[0, 1, 2, 3]), True, False)}, le conseil municipal {c.de} a adopté à l'unanimité un vœu demandant {pick(['le maintien de la trésorerie', 'la réouverture du guichet SNCF', 'le renforcement des effectifs de gendarmerie'])}. "
                f"Une réunion publique d'information se tiendra le {fr_date(d, True, False)} à {tfmt(t, ts)}, salle des fêtes.\n\nContact : presse@{cdom(c)}\n")
        subj = f"Communiqué – vœu du conseil municipal"
    m = Mail(s, md, subj, body, to=pick([f"Rédactions <redactions@{cdom(c)}>", "undisclosed-recipients:;", pick(TO_VARIANTS)]))
    m.invitation, m.events, m.category, m.source = False, [], "non:press_release", "prose"
    m.features = ["press"] + (["press_invitation_to_media"] if v == 1 else [])
    m.notes = "Press release / press invitation addressed to the media: not an invitation addressed to the office."
    return m


def n_subsidy() -> Mail:
    md = rand_md()
    c = pick(COMMUNES)
    v = R.randrange(4)
    fest = pick(["festival de théâtre amateur", "tournoi international de rugby des moins de 14 ans", "salon du livre", "festival de musique baroque", "rallye automobile historique"])
    if v == 0:
        s = s_asso(c)
        d = fut(md, 40, 150)
        paras = [f"Notre association organise le {fd(d)} la {R.randint(2, 30)}e édition de son {fest} {c.a}. Pour boucler son budget, elle sollicite votre soutien pour obtenir une aide de l'État.",
                 f"Le dossier a été déposé auprès de la DRAJES le {fd(past(md, 5, 30), year=False)} ; la commission se réunira le {fd(fut(md, 15, 40))}.",
                 "Nous vous remercions par avance de l'attention que vous porterez à notre demande."]
        subj = "Demande de soutien – subvention"
    elif v == 1:
        s = pick([s_mayor, s_secretariat])(c)
        paras = [f"Le dossier de demande de subvention au titre du fonds vert pour {pick(PROJECTS)} doit être déposé avant le {fd(fut(md, 10, 40))}. La commission de programmation statuera le {fd(fut(md, 45, 90))}.",
                 "Un courrier de soutien de votre part renforcerait considérablement notre dossier."]
        subj = "Fonds vert – demande de courrier de soutien"
    elif v == 2:
        s = s_asso(c)
        paras = [f"Nous avons bien reçu le {fd(past(md, 3, 20), year=False)} la notification de la subvention de {R.randint(2, 20) * 500} euros accordée à notre association. Le versement doit intervenir le {fd(fut(md, 10, 60), wd=False)}.",
                 "Nous tenions à vous remercier pour votre appui décisif."]
        subj = "Subvention accordée – merci"
    else:
        s = pick([s_mayor, s_secretariat])(c)
        paras = [f"Vous trouverez ci-joint le dossier de demande de subvention pour {pick(PROJECTS)}, tel que transmis à la préfecture le {fd(past(md, 2, 20))}.",
                 "Le calendrier prévisionnel figure en page 2."]
        subj = "Dossier de subvention – transmission"
        m = non(s, md, subj, letter(s, paras), "subsidy_file", ["subsidy", "pdf_attachment"], source="pdf")
        pg = Card(595, 842, border=False)
        pg.y = 780
        pg.line("DOSSIER DE DEMANDE DE SUBVENTION", "F2", 14)
        pg.line(s.org, "F1", 11)
        pg.space(10)
        st = fut(md, 60, 200)
        rows = [f"Dépôt du dossier : {fr_date(past(md, 2, 20), True, True)}",
                f"Démarrage prévisionnel des travaux : {fr_date(st, False, True)}",
                f"Réception des travaux : {fr_date(st + timedelta(days=R.randint(90, 300)), False, True)}",
                f"Réunion de chantier hebdomadaire : le {WD[R.randint(0, 4)]} à 9h00, en mairie",
                f"Montant total HT : {R.randint(100, 3000)} 000 euros"]
        for r in rows:
            pg.line(r, "F3", 11, align="l", x=60)
        m.attachments.append(("dossier-subvention.pdf", "application", "pdf", make_pdf([pg], "Dossier de subvention", s.org, md)))
        m.texts_extra += pg.texts()
        return m
    return non(s, md, subj, letter(s, paras), "subsidy_file", ["subsidy"])


def n_school() -> Mail:
    md = rand_md()
    c = pick(COMMUNES)
    v = R.randrange(4)
    rentree = date(md.year if md.month < 8 else md.year + 1, 9, pick([1, 2]))
    if v == 0:
        s = pick([s_mayor, s_asso])(c) if chance(0.5) else s_asso(c, "apel")
        paras = [f"Lors du CDEN du {fd(past(md, 3, 30))}, la fermeture d'une classe à l'école {pick(['Jean-Jaurès', 'Les Tilleuls', 'Paul-Bert'])} a été actée pour la rentrée du {fr_date(rentree, True, True)}.",
                 "Cette décision, prise sans concertation, va porter les effectifs à 29 élèves par classe. Nous vous demandons d'intervenir auprès du directeur académique."]
        subj = "Fermeture de classe – demande d'intervention"
    elif v == 1:
        s, pl = s_school(c)
        d1 = fut(md, 5, 30, wds=[0])
        d2 = d1 + timedelta(days=4)
        paras = [f"Pour votre information, l'école sera fermée du {fr_date(d1, True, False)} au {fr_date(d2, True, True)} pour des travaux de désamiantage. Les élèves seront accueillis pendant cette période à la salle polyvalente.",
                 "Les familles ont été prévenues par courrier."]
        subj = "Fermeture de l'école pour travaux"
    elif v == 2:
        s = s_asso(c, "apel")
        d = fut(md, 3, 15, wds=[0, 1, 3, 4])
        paras = [f"Un rassemblement des parents aura lieu devant l'école le {fr_date(d, True, False)} à 8h15 pour protester contre la fermeture annoncée de la classe de CE1.",
                 "Nous souhaitions vous en informer et vous remercions pour votre soutien dans ce dossier."]
        subj = "Mobilisation des parents"
    else:
        s = pick([s_mayor, s_secretariat])(c)
        d = fut(md, 3, 20, wds=[1, 3])
        paras = [f"En raison du mouvement de grève annoncé pour le {fr_date(d, True, False)}, la commune mettra en place un service minimum d'accueil de 7h30 à 18h00 dans les écoles {c.de}.",
                 "Les parents ont été informés par le portail famille."]
        subj = "Service minimum d'accueil"
    return non(s, md, subj, letter(s, paras), "school_closure", ["school"])


ROADS = ["RD 1075", "RD 1090", "RD 520", "RD 1085", "RD 523", "RD 1006", "RD 592", "RD 1532"]


def n_roadworks() -> Mail:
    md = rand_md()
    c1, c2 = R.sample(COMMUNES, 2)
    d1 = fut(md, 4, 40, wds=[0])
    d2 = d1 + timedelta(days=R.choice([4, 11, 18]))
    t1, t2 = pick([(T(8, 30), T(16, 30)), (T(9), T(17)), (T(21), T(6)), (T(7, 30), T(18))])
    ts = pick(TSTYLES)
    road = pick(ROADS)
    v = R.randrange(3)
    if v == 0:
        s = s_dept()
        s.signature = f"{person().full}\nDirection des mobilités – Territoire {pick(['du Grésivaudan', 'du Voironnais', 'de l’Oisans', 'de la Matheysine', 'du Sud-Grésivaudan'])}\nDépartement de l'Isère"
        paras = [f"Avis de travaux : {road} – réfection de chaussée du {fr_date(d1, True, False)} au {fr_date(d2, True, True)}, de {tfmt(t1, ts)} à {tfmt(t2, ts)}.",
                 f"La circulation sera alternée par feux entre {c1.name} et {c2.name}. Une déviation sera mise en place pour les poids lourds par {pick(ROADS)}.",
                 "Nous vous remercions de bien vouloir relayer cette information."]
        m = non(s, md, f"Travaux {road} – {c1.name}/{c2.name}", letter(s, paras, formal=False), "roadworks", ["roadworks"])
    elif v == 1:
        s = pick([s_mayor, s_secretariat])(c1)
        d = fut(md, 3, 20, wds=[1, 2, 3])
        paras = [f"Le gestionnaire du réseau de distribution nous informe d'une coupure d'électricité le {fr_date(d, True, False)} de {tfmt(T(9), ts)} à {tfmt(T(12), ts)}, {pick(['rue de la République', 'quartier de la Gare', 'route de Lyon'])} {c1.a}.",
                 "Les riverains ont été avisés par affichage."]
        m = non(s, md, "Coupure d'électricité programmée", letter(s, paras, formal=False), "roadworks", ["roadworks", "power_cut"])
    else:
        s = pick([s_mayor, s_secretariat])(c1)
        paras = [f"Vous trouverez ci-joint l'arrêté municipal réglementant la circulation {pick(['rue de la République', 'avenue Jean-Jaurès', 'place de la Mairie'])} pendant les travaux de réseaux.", "Pour information."]
        m = non(s, md, "Arrêté de circulation – travaux", letter(s, paras, formal=False), "roadworks", ["roadworks", "pdf_attachment"], source="pdf")
        pg = Card(595, 842, border=False)
        pg.y = 780
        pg.line(f"COMMUNE {c1.de.upper()}", "F2", 13)
        pg.line(f"ARRÊTÉ MUNICIPAL N° {md.year}-{R.randint(10, 400):03d}", "F2", 12)
        pg.line("portant réglementation temporaire de la circulation et du stationnement", "F3", 11)
        pg.space(10)
        for r in [f"Le Maire {c1.de},", "Vu le code général des collectivités territoriales ;",
                  f"Vu la demande de l'entreprise {pick(['Sibille TP', 'Alpes Réseaux', 'Dauphiné Canalisations'])} en date du {fr_date(past(md, 3, 20), False, True)} ;",
                  "ARRÊTE",
                  f"Article 1 : du {fr_date(d1, True, True)} au {fr_date(d2, True, True)}, de {tfmt(t1, 'h')} à {tfmt(t2, 'h')}, la circulation sera interdite {pick(['rue de la République', 'avenue Jean-Jaurès', 'place de la Mairie'])}, sauf riverains et secours.",
                  "Article 2 : une déviation sera mise en place par les rues adjacentes.",
                  f"Fait {c1.a}, le {fr_date(md.date(), False, True)}"]:
            pg.line(r, "F3", 11, align="l", x=60)
        m.attachments.append((f"arrete-circulation-{md.year}.pdf", "application", "pdf", make_pdf([pg], "Arrêté de circulation", s.org, md)))
        m.texts_extra += pg.texts()
    return m


def n_report() -> Mail:
    dr = any_kind()
    dr.programme = None
    md = datetime.combine(dr.date + timedelta(days=R.randint(2, 30)), datetime.min.time()).replace(hour=R.randint(8, 19), minute=R.randint(0, 59))
    s = dr.sender
    v = R.randrange(3) if dr.kind in ("assemblee_generale", "colloque", "congres_maires", "conseil_ecole") else pick([0, 2])
    ds = fr_date(dr.date, chance(0.5), chance(0.5))
    if v == 0:
        paras = [f"Retour sur {dr.what} du {ds} : plus de {R.randint(5, 40) * 10} personnes étaient présentes {where_for(dr)[0]}.",
                 "Les élus présents ont salué l'engagement des bénévoles et des services. Vous trouverez le diaporama sur notre site."]
    elif v == 1:
        paras = [f"Vous trouverez ci-joint le compte rendu {de_(dr.what)}, qui s'est tenu(e) le {ds}.",
                 f"Le prochain bureau se réunira en {MO[(md.month) % 12]}."]
    else:
        paras = [f"Comme chaque année, {dr.what} s'est déroulé(e) le {ds} dans une ambiance chaleureuse, malgré une météo capricieuse.",
                 "Merci à toutes celles et ceux qui ont contribué à ce succès."]
    subj = pick([f"Retour sur {dr.title}", f"Compte rendu – {dr.title}", f"{dr.title} : bilan"])
    m = non(s, md, subj, letter(s, paras, formal=False), "past_event_report", ["past_event"])
    if v == 1:
        pg = Card(595, 842, border=False)
        pg.y = 780
        pg.line(f"COMPTE RENDU – {dr.title.upper()}", "F2", 12)
        pg.line(f"{cap(fr_date(dr.date, True, True))}", "F1", 11)
        for r in [f"Présents : {R.randint(20, 90)} personnes.", "1. Rapport moral : adopté à l'unanimité.", "2. Rapport financier : adopté.",
                  f"3. Prochaine réunion : en {MO[(dr.date.month + 2) % 12]} (date à fixer)."]:
            pg.line(r, "F3", 11, align="l", x=60)
        m.attachments.append(("compte-rendu.pdf", "application", "pdf", make_pdf([pg], "Compte rendu", s.org, md)))
        m.texts_extra += pg.texts()
        m.source = "pdf"
        m.features.append("pdf_attachment")
    return m


def n_survey() -> Mail:
    md = rand_md()
    c = pick(COMMUNES)
    v = R.randrange(3)
    dl = fut(md, 10, 45)
    if v == 0:
        s = pick([s_asso, lambda c: s_chambre(), lambda c: s_ami()])(c)
        paras = [f"Dans le cadre de notre étude sur {pick(SUBJECTS)}, nous vous invitons à répondre à notre questionnaire en ligne avant le {fd(dl)} : https://enquete.exemple.fr/{R.randint(1000, 9999)}",
                 "Les résultats seront présentés à l'automne et vous seront communiqués."]
        subj = pick(["Invitation à participer à notre enquête", "Questionnaire – votre avis compte", "Enquête en ligne"])
    elif v == 1:
        s = s_prefecture()
        d1 = fut(md, 5, 20)
        d2 = d1 + timedelta(days=31)
        p1, p2 = fut(md, 6, 15, wds=[0, 1, 2, 3, 4]), fut(md, 16, 35, wds=[0, 1, 2, 3, 4])
        paras = [f"L'enquête publique relative au projet de {pick(['centrale photovoltaïque au sol', 'carrière de granulats', 'contournement routier'])} sur la commune {c.de} se déroulera du {fr_date(d1, True, False)} au {fr_date(d2, True, True)}.",
                 f"Le commissaire enquêteur tiendra des permanences en mairie {c.de} le {fr_date(p1, True, False)} de 9h à 12h et le {fr_date(p2, True, False)} de 14h à 17h.",
                 "Le public pourra consigner ses observations sur le registre papier ou dématérialisé."]
        subj = "Avis d'enquête publique"
    else:
        s = s_asso(c)
        paras = [f"Nous vous invitons à soutenir notre pétition pour {pick(['le maintien du bureau de poste', 'la réouverture de la maternité', 'la sauvegarde de la ligne de bus'])}, déjà signée par plus de {R.randint(2, 15)} 000 personnes. Elle sera remise au préfet le {fd(fut(md, 10, 40))}.",
                 "Vous pouvez la signer en ligne : https://petition.exemple.fr/"]
        subj = "Pétition – nous vous invitons à la signer"
    return non(s, md, subj, letter(s, paras), "survey_or_petition", ["survey"])


def n_webinar() -> Mail:
    md = rand_md()
    d = fut(md, 5, 35, wds=[0, 1, 2, 3, 4])
    t1 = pick([T(9, 30), T(11), T(14), T(17, 30), T(18)])
    t2 = add_min(t1, pick([60, 90, 120]))
    ts = pick(TSTYLES)
    sub = pick(["zéro artificialisation nette", "la réforme de la DETR", "la responsabilité des élus", "la transition énergétique des bâtiments communaux", "le fonds vert"])
    org = pick([s_ami(), s_dept(), s_chambre(), s_prefecture()])
    v = R.randrange(3)
    if v == 0:
        paras = [f"Nous avons le plaisir de vous inviter à notre webinaire « {sub} » le {fr_date(d, True, chance(0.5))} de {tfmt(t1, ts)} à {tfmt(t2, ts)}.",
                 f"Inscription obligatoire avant le {fr_date(d - timedelta(days=2), False, False)} : https://webinaire.exemple.fr/{R.randint(100, 999)}. Le lien de connexion vous sera envoyé la veille."]
        subj = f"Invitation webinaire – {sub}"
    elif v == 1:
        paras = [f"Une réunion en visioconférence (Microsoft Teams) sur {sub} est programmée le {fr_date(d, True, False)} à {tfmt(t1, ts)}.",
                 f"Lien de connexion : https://teams.exemple.com/l/meetup-join/{R.randint(10 ** 8, 10 ** 9)}",
                 "Merci de vous connecter cinq minutes avant le début."]
        subj = f"Visio – {sub} – {fr_date(d, False, False)}"
    else:
        paras = [f"Les parlementaires du département sont conviés à une réunion d'information en visioconférence sur {sub}, le {fr_date(d, True, True)} de {tfmt(t1, ts)} à {tfmt(t2, ts)}.",
                 "Le lien Zoom vous sera communiqué après inscription."]
        subj = f"Réunion d'information à distance – {sub}"
    m = non(org, md, subj, letter(org, paras, formal=False), "webinar_visio", ["online_only"],
            notes="Online-only event (webinar / visio): not an invitation in this set (no place to attend).")
    if chance(0.35):
        dt1 = datetime.combine(d, datetime.min.time()).replace(hour=t1[0], minute=t1[1])
        evd = {"uid": hashlib.sha1(f"web{d}{sub}".encode()).hexdigest()[:16] + "@visio-exemple.fr", "summary": f"Webinaire – {sub}",
               "location": pick(["Microsoft Teams", "Visioconférence (Zoom)", "En ligne"]), "description": f"Lien : https://visio.exemple.fr/{R.randint(1000, 9999)}",
               "start": dt1, "end": datetime.combine(d, datetime.min.time()).replace(hour=t2[0], minute=t2[1]), "organiser": (org.org, org.email)}
        ics = make_ics([evd], "REQUEST", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", md)
        m.calendar = ics
        m.features.append("ics:alternative")
        m.source = "ics"
        m.texts_extra.append(ics.decode())
    return m


def n_ordinary() -> Mail:
    md = rand_md(weekend_ok=True)
    c = pick(COMMUNES)
    v = R.randrange(8)
    if v == 0:
        s = s_citizen(c)
        paras = [f"Mon fils a déposé sa demande de naturalisation le {fd(past(md, 100, 500))}. Son entretien en préfecture est fixé au {fr_date(fut(md, 10, 60), True, True)} à {tfmt(pick([T(9), T(10, 30), T(14)]), pick(TSTYLES))}, mais il sera en stage à l'étranger à cette date.",
                 "Est-il possible de faire décaler ce rendez-vous ?"]
        subj = "Naturalisation – report d'entretien"
    elif v == 1:
        s = s_citizen(c)
        paras = [f"La réunion publique organisée par la mairie le {fd(past(md, 3, 20))} au sujet du projet d'antenne-relais m'a laissé un goût amer : aucune réponse n'a été apportée aux riverains.",
                 "Je me permets donc de vous solliciter directement."]
        subj = "Antenne-relais – inquiétude des riverains"
    elif v == 2:
        s = s_asso(c)
        d = fut(md, 30, 120)
        paras = [f"Notre association organise son congrès régional le {fd(d)} et recherche une salle de 300 places. Auriez-vous connaissance d'une salle disponible dans l'agglomération ?",
                 "Merci par avance pour vos conseils."]
        subj = "Recherche de salle"
    elif v == 3:
        s = pick([s_mayor, s_deputy])(c)
        paras = [f"La proposition de loi sur {pick(SUBJECTS)} doit être examinée en séance au Sénat le {fd(fut(md, 5, 40))}. Pourriez-vous me dire quelle sera votre position ?",
                 "Les maires de notre intercommunalité suivent ce texte de près."]
        subj = "Proposition de loi – votre position"
    elif v == 4:
        s = s_citizen(c)
        paras = [f"Depuis le {fd(past(md, 20, 200))}, nous n'avons plus de médecin traitant dans la commune. Le prochain rendez-vous disponible chez un généraliste est le {fd(fut(md, 20, 70), year=False)}, à 30 km.",
                 "Que comptez-vous faire pour les territoires comme le nôtre ?"]
        subj = "Déserts médicaux"
    elif v == 5:
        s = s_citizen(c)
        paras = [f"Ma fille passe ses examens à partir du {fd(fut(md, 10, 80), wd=False)} et le bus scolaire a été supprimé le {fd(past(md, 3, 20), year=False)}.",
                 "Pourriez-vous intervenir auprès de la Région ?"]
        subj = "Suppression de la ligne de bus scolaire"
    elif v == 6:
        s = s_asso(c, "unc")
        paras = [f"Notre section a été créée le {fr_date(date(R.randint(1950, 1985), R.randint(1, 12), R.randint(1, 28)), False, True)} et compte aujourd'hui {R.randint(20, 90)} adhérents. Nous souhaiterions obtenir un drapeau neuf pour nos porte-drapeaux.",
                 "Existe-t-il une aide de l'ONaCVG pour ce type d'achat ?"]
        subj = "Question – financement d'un drapeau"
    else:
        s = pick([s_mayor, s_secretariat])(c)
        paras = [f"Nous avons bien reçu votre courrier du {fd(past(md, 3, 25), year=False)} concernant {pick(SUBJECTS)} et vous en remercions.",
                 f"Nous vous adresserons les éléments demandés d'ici le {fd(fut(md, 7, 30), year=False)}."]
        subj = "Re: votre courrier"
    return non(s, md, subj, letter(s, paras), "ordinary_request", ["date_in_passing"])


def n_reply_to_office() -> Mail:
    md = rand_md()
    c = pick(COMMUNES)
    c2 = pick(COMMUNES)
    d = fut(md, 3, 25, wds=[0, 1, 2, 3, 4, 5])
    t = pick([T(18), T(18, 30), T(19), T(10)])
    ts = pick(TSTYLES)
    pl = place_of(pick(["espace", "salle_fetes", "mairie"]), c2)
    ev = pick(["la réunion des maires du canton", "votre réunion publique sur le budget de l'État", "la réunion de restitution de votre mandat", "votre réunion d'échange avec les élus ruraux"])
    v = R.randrange(3)
    s = s_secretariat(c) if v == 0 else s_mayor(c)
    fem = MAYORS[c.name].fem
    if v == 0:
        paras = [f"En réponse à votre invitation à {ev} du {fr_date(d, True, False)} à {tfmt(t, ts)}, {where_phrase(pl, 'full')}, {le_maire(c).replace('Monsieur', 'M.').replace('Madame', 'Mme')} vous prie de bien vouloir excuser son absence ; il sera représenté par son premier adjoint.".replace("il sera", "il sera" if not MAYORS[c.name].fem else "elle sera")]
        subj = pick(["Re: Invitation", "Excuses", f"Réponse à votre invitation du {fr_date(d, False, False)}"])
    elif v == 1:
        paras = [f"Je vous confirme ma présence à {ev}, le {fr_date(d, True, False)} à {tfmt(t, ts)}.", f"Je serai {'accompagnée' if fem else 'accompagné'} de deux adjoints."]
        subj = "Re: Invitation – confirmation de présence"
    else:
        paras = [f"Merci pour votre invitation à {ev} ({fr_num(d, year=False)}, {tfmt(t, ts)}). Malheureusement, le conseil municipal se réunit le même soir ; je ne pourrai donc pas être {'présente' if fem else 'présent'}."]
        subj = "Re: votre invitation"
    m = non(s, md, subj, letter(s, paras, formal=False), "reply_to_office_event", ["reply_to_office_invitation"],
            notes="A reply to the office's own invitation (acceptance or apology): the office is the organiser, not the invitee.")
    m.in_reply_to = f"<{hashlib.sha1(subj.encode() + str(md).encode()).hexdigest()[:16]}@senateur-exemple.fr>"
    return m


def n_forward(gen) -> Mail:
    inner = gen()
    fw, fwk, _note, _to = forwarder(inner.sender)
    fdt = inner.dt + timedelta(hours=R.randint(1, 48))
    style = pick(["thunderbird", "outlook", "gmail", "apple"])
    note = pick(["Pour information.", "Pour info, pas d'action de notre part je pense.", "Bonjour,\n\nje vous transmets ce message pour information.\n\nCordialement,", "À classer. H."])
    body = re.sub(r"\n{3,}", "\n\n", f"{note}\n\n{fwd_header(inner, style)}\n{inner.body or ''}")
    m = Mail(fw, fdt, pick(["TR : ", "Fwd: ", "TR: "]) + inner.subject, body, to=pick(TO_VARIANTS))
    m.attachments = list(inner.attachments)
    m.texts_extra = inner.texts_extra
    m.invitation, m.events, m.category, m.source = False, [], inner.category, "forward"
    m.features = inner.features + [f"forward:{style}"]
    m.notes = inner.notes
    return m


# ---------------------------------------------------------------------------
# Serialisation
# ---------------------------------------------------------------------------
GEN_POLICY = policy.default.clone(max_line_length=998)
RE_EW = re.compile(rb"=\?[^?]+\?[bqBQ]\?[^?]*\?=")


def enc_words(text: str, maxlen: int = 75) -> list[str]:
    """RFC 2047 base64 encoded words of at most maxlen characters, cut between characters"""
    pre, post = "=?utf-8?b?", "?="
    out, cur = [], ""
    for ch in text:
        if cur and len(pre) + len(base64.b64encode((cur + ch).encode())) + len(post) > maxlen:
            out.append(cur)
            cur = ""
        cur += ch
    out.append(cur)
    return [pre + base64.b64encode(x.encode()).decode() + post for x in out]


def refold_subjects(data: bytes) -> bytes:
    """Generated with no folding (see GEN_POLICY), a long Subject is one encoded word longer than
    RFC 2047's 75 characters: rewrite it as several adjacent encoded words on folded lines."""
    out = []
    for line in data.split(b"\n"):
        if line.startswith(b"Subject: ") and any(len(w) > 75 for w in RE_EW.findall(line)):
            val = str(policy.default.header_factory("Subject", line[9:].decode("ascii")))
            line = b"Subject: " + "\n ".join(enc_words(val)).encode("ascii")
        out.append(line)
    return b"\n".join(out)


def build_message(m: Mail, uid: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = m.sender.from_header()
    msg["To"] = m.to or TO_VARIANTS[0]
    if m.cc:
        msg["Cc"] = m.cc
    msg["Subject"] = m.subject
    msg["Date"] = format_datetime(aware(m.dt))
    dom = ".".join(m.sender.email.split("@")[1].split(".")[-2:])
    msg["Message-ID"] = f"<{uid}@{dom}>"
    if m.in_reply_to:
        msg["In-Reply-To"] = m.in_reply_to
        msg["References"] = m.in_reply_to
    for k, v in m.headers:
        msg[k] = v
    if m.html_only:
        msg.set_content(m.html, subtype="html")
    else:
        msg.set_content(m.body)
        if m.html:
            msg.add_alternative(m.html, subtype="html")
    if m.calendar:
        if not msg.is_multipart():
            msg.make_alternative()
        part = EmailMessage()
        part.set_content(m.calendar, maintype="text", subtype="calendar", cte="base64",
                         params={"method": m.calendar_method, "charset": "utf-8"})
        del part["MIME-Version"]
        msg.attach(part)
    for fn, mt, st, data in m.attachments:
        msg.add_attachment(data, maintype=mt, subtype=st, filename=fn, cte="base64")
    if m.inner is not None:
        msg.add_attachment(m.inner)
    for i, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_agenda_{uid[:12]}_{i}")
    return msg


def plan() -> list[Mail]:
    mails: list[Mail] = []
    inv = []
    # prose, standard
    for _ in range(45):
        inv.append(inv_prose(any_kind()))
    for _ in range(6):
        inv.append(inv_prose(any_kind(), structured=True))
    for _ in range(8):
        dr = k_ag(informal=True) if chance(0.7) else k_voeux()
        dr.sender.informal = True
        inv.append(inv_prose(dr, informal=True))
    for _ in range(6):
        inv.append(inv_prose(any_kind(), force_d=pick(["numeric_noyear", "numeric_noyear", "numeric", "numeric_yy"]), extra_feats=["numeric_date"]))
    for i in range(6):
        if i < 2:
            dr = pick([k_8mai, k_11nov])()
            dr.programme = None
            m = inv_prose(dr, force_d="noweekday_noyear", lead=(100, 170), extra_feats=["year_omitted", "early_invitation"],
                          notes="Year left out, message sent months before: the next occurrence after the message date.")
        else:
            m = inv_prose(any_kind(), force_d=pick(["noweekday_noyear", "full_noyear"]), extra_feats=["year_omitted"])
        inv.append(m)
    for _ in range(5):
        inv.append(inv_two_events("prose"))
    for _ in range(4):
        inv.append(inv_span("prose"))
    for _ in range(3):
        inv.append(inv_postponed())
    for k, w in [("next", 6), ("next", 6), ("next", 5), ("dayonly", None), ("dayonly", None), ("dayonly", None)]:
        inv.append(inv_relative(k, w))
    for _ in range(5):
        inv.append(inv_mismatch("prose"))
    for v in range(5):
        inv.append(inv_ambiguous(v))
    for _ in range(2):
        inv.append(inv_prose(k_paris_lyon()))
    for _ in range(2):
        dr = pick([k_ag, k_colloque])()
        dr.context.append(lambda m: "Pour celles et ceux qui ne pourraient pas se déplacer, la réunion sera également retransmise en visioconférence.")
        inv.append(inv_prose(dr, category="inv:hybrid", extra_feats=["hybrid_in_person_and_visio"],
                             notes="In person with an optional video link: an invitation (there is a place)."))
    # PDF cards
    for _ in range(24):
        inv.append(inv_pdf(any_kind()))
    for _ in range(2):
        inv.append(inv_two_events("pdf"))
    inv.append(inv_span("pdf"))
    inv.append(inv_mismatch("pdf"))
    # ICS
    for i in range(12):
        inv.append(inv_ics(any_kind(), mode="attach"))
    for i in range(10):
        inv.append(inv_ics(any_kind(), mode="alternative"))
    for i in range(2):
        inv.append(inv_ics(any_kind(), mode=pick(["attach", "alternative"]), utc=True))
    dr = any_kind()
    while dr.end_date:
        dr = any_kind()
    inv.append(inv_ics(dr, mode="attach", all_day=True))
    inv.append(inv_span("ics"))
    # forwards
    for i in range(12):
        inv.append(inv_forward(any_kind(), "prose", style=["thunderbird", "outlook", "gmail", "apple"][i % 4]))
    for i in range(4):
        inv.append(inv_forward(any_kind(), "pdf"))
    for i in range(2):
        inv.append(inv_forward(any_kind(), pick(["prose", "pdf"]), rfc822=True))
    # mixed
    for v in [0, 0, 0, 0, 1, 1, 1]:
        inv.append(inv_mixed(v))
    for _ in range(2):
        inv.append(inv_programme_two_days())
    mails += inv
    # non-invitations
    for fn, n in [(n_deadline, 22), (n_council_past, 20), (n_decree, 20), (n_appointment, 25), (n_thanks, 24),
                  (n_newsletter, 24), (n_cancellation, 13), (n_cancellation_ics, 3), (n_press, 16), (n_subsidy, 20),
                  (n_school, 15), (n_roadworks, 20), (n_report, 18), (n_survey, 15), (n_webinar, 16),
                  (n_ordinary, 25), (n_reply_to_office, 10)]:
        for _ in range(n):
            mails.append(fn())
    for gen in [n_thanks, n_thanks, n_newsletter, n_roadworks, n_cancellation, n_press, n_decree, n_report, n_appointment, n_school]:
        mails.append(n_forward(gen))
    return mails


def write_all(mails: list[Mail], out: Path) -> list[dict]:
    if out.exists():
        for sub in ("cur", "new", "tmp"):
            if (out / sub).exists():
                shutil.rmtree(out / sub)
        for f in ("truth.jsonl", "SOURCE.md"):
            if (out / f).exists():
                (out / f).unlink()
    for sub in ("cur", "new", "tmp"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    # stable order by date, then by subject
    order = sorted(range(len(mails)), key=lambda i: (mails[i].dt, mails[i].subject, i))
    truth = []
    seen_names = set()
    for n, i in enumerate(order, 1):
        m = mails[i]
        uid = hashlib.sha1(f"agenda-eval-{SEED}-{n}".encode()).hexdigest()[:20]
        msg = build_message(m, uid)
        epoch = int(aware(m.dt).timestamp())
        flags = "S" if (n * 7) % 10 < 7 else ""
        name = f"{epoch}.M{n:04d}P7331.agenda-eval:2,{flags}"
        assert name not in seen_names
        seen_names.add(name)
        # no header folding: CPython's folder loses the space between an encoded word
        # and the next one; unfolded encoded words round-trip exactly
        data = refold_subjects(msg.as_bytes(policy=GEN_POLICY))
        back = BytesParser(policy=policy.default).parsebytes(data)
        assert str(back["Subject"]) == m.subject, (back["Subject"], m.subject)
        if m.inner is not None:
            nested = [p for p in back.walk() if p.get_content_type() == "message/rfc822"][0].get_content()
            assert str(nested["Subject"]) == str(m.inner["Subject"]), (nested["Subject"], m.inner["Subject"])
        assert str(back["From"]) == m.sender.from_header(), (str(back["From"]), m.sender.from_header())
        (out / "cur" / name).write_bytes(data)
        truth.append({
            "file": f"cur/{name}",
            "message_id": msg["Message-ID"],
            "invitation": m.invitation,
            "events": m.events,
            "source": m.source,
            "notes": m.notes,
            "category": m.category,
            "features": sorted(set(m.features)),
        })
    with open(out / "truth.jsonl", "w", encoding="utf-8") as f:
        for t in truth:
            f.write(json.dumps(t, ensure_ascii=False, sort_keys=False) + "\n")
    return truth


# ---------------------------------------------------------------------------
# Self-checks
# ---------------------------------------------------------------------------
WDPAT = "|".join(WD)
MOPAT = "|".join(MO)
RE_WD = re.compile(rf"\b({WDPAT})\s+(\d{{1,2}})(?:er)?\b", re.I)
RE_CHAIN = re.compile(rf"(?:\s*(?:,|et|au|ou)\s+(?:le\s+)?(?:(?:{WDPAT})\s+)?\d{{1,2}}(?:er)?)*\s+({MOPAT})\b(?:\s+(\d{{4}}))?", re.I)
RE_NUM = re.compile(r"/(\d{1,2})(?:/(\d{2,4}))?")


def _safe_date(y, mo, d):
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def weekday_problems(text: str, ref: date) -> list[str]:
    probs = []
    for mt in RE_WD.finditer(text):
        name, day = mt.group(1).lower(), int(mt.group(2))
        rest = text[mt.end():mt.end() + 90]
        year = month = None
        n = RE_NUM.match(rest)
        ch = RE_CHAIN.match(rest)
        if n:
            month = int(n.group(1))
            if n.group(2):
                year = int(n.group(2)) + (2000 if len(n.group(2)) == 2 else 0)
        elif ch:
            month = MO.index(ch.group(1).lower()) + 1
            if ch.group(2):
                year = int(ch.group(2))
        if month and year:
            d = _safe_date(year, month, day)
        elif month:
            cands = [x for x in (_safe_date(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1)) if x]
            d = min(cands, key=lambda x: abs((x - ref).days))
        else:
            cands = []
            for k in range(0, 3):
                mm = (ref.month - 1 + k) % 12 + 1
                yy = ref.year + (ref.month - 1 + k) // 12
                x = _safe_date(yy, mm, day)
                if x and x > ref:
                    cands.append(x)
            d = cands[0] if cands else None
        if d is None or WD[d.weekday()] != name:
            probs.append(f"{mt.group(0)!r} -> {d} ({WD[d.weekday()] if d else '?'})")
    return probs


def strip_html(h: str) -> str:
    h = re.sub(r"<br\s*/?>", "\n", h)
    h = re.sub(r"</p>", "\n\n", h)
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", h))


def check(out: Path, truth: list[dict]) -> bool:
    ok = True
    errors: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="agenda-eval-check-"))
    have_poppler = shutil.which("pdftoppm") and shutil.which("pdftotext")
    n_pdf = n_ics = n_tzid = n_loc = 0
    mism_found = 0
    valid_codes = {c.code for c in COMMUNES + OTHER_COMMUNES}
    try:
        for t in truth:
            path = out / t["file"]
            raw = path.read_bytes()
            msg = BytesParser(policy=policy.default).parsebytes(raw)
            for part in msg.walk():
                if part.defects:
                    errors.append(f"{t['file']}: MIME defects {part.defects}")
            for w in RE_EW.findall(raw.split(b"\n\n", 1)[0]):
                if len(w) > 75:
                    errors.append(f"{t['file']}: encoded word over 75 characters")
            for h in ("From", "To", "Date", "Subject", "Message-ID"):
                if msg[h] is None:
                    errors.append(f"{t['file']}: missing {h}")
            if str(msg["Message-ID"]).strip() != t["message_id"]:
                errors.append(f"{t['file']}: message-id mismatch")
            dt = msg["Date"].datetime
            ref = dt.date()
            texts = [str(msg["Subject"])]
            for part in msg.walk():
                ct = part.get_content_type()
                if part.is_multipart() or ct == "message/rfc822":
                    continue
                payload = part.get_payload(decode=True) or b""
                if ct == "text/plain" and not part.get_filename():
                    texts.append(part.get_content())
                elif ct == "text/html":
                    texts.append(strip_html(part.get_content()))
                elif ct == "application/pdf":
                    n_pdf += 1
                    if not payload.startswith(b"%PDF-") or b"%%EOF" not in payload[-20:]:
                        errors.append(f"{t['file']}: malformed PDF")
                    if have_poppler:
                        pf = tmp / f"p{n_pdf}.pdf"
                        pf.write_bytes(payload)
                        r = subprocess.run(["pdftoppm", "-r", "24", "-png", str(pf), str(tmp / f"p{n_pdf}")], capture_output=True)
                        pngs = list(tmp.glob(f"p{n_pdf}-*.png")) + list(tmp.glob(f"p{n_pdf}.png"))
                        if r.returncode != 0 or r.stderr or not pngs:
                            errors.append(f"{t['file']}: pdftoppm failed rc={r.returncode} {r.stderr[:200]!r}")
                        for pp in pngs:
                            pp.unlink()
                        r = subprocess.run(["pdftotext", "-layout", str(pf), "-"], capture_output=True)
                        if r.returncode != 0 or len(r.stdout.strip()) < 20:
                            errors.append(f"{t['file']}: pdftotext gave no text")
                        texts.append(r.stdout.decode("utf-8", "replace"))
                elif ct == "text/calendar":
                    n_ics += 1
                    if not payload.endswith(b"\r\n") or re.search(rb"(?<!\r)\n", payload):
                        errors.append(f"{t['file']}: ICS without CRLF line ends")
                    for ln in payload.split(b"\r\n"):
                        if len(ln) > 75:
                            errors.append(f"{t['file']}: ICS line over 75 octets ({len(ln)})")
                    if re.search(rb"^DTSTART;TZID=Europe/Paris:", payload, re.M):
                        n_tzid += 1
                        if re.search(rb"^LOCATION:", payload, re.M):
                            n_loc += 1
                    unf = payload.replace(b"\r\n ", b"").decode("utf-8")
                    texts.append(unf.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";"))
            probs = []
            for tx in texts:
                probs += weekday_problems(tx, ref)
            labelled = any(e["weekday_mismatch"] for e in t["events"])
            if probs and not labelled:
                errors.append(f"{t['file']}: weekday disagrees with date: {probs}")
            if labelled:
                if not probs:
                    errors.append(f"{t['file']}: labelled weekday_mismatch but none found")
                mism_found += 1
            # truth sanity
            if t["invitation"]:
                if not t["events"]:
                    errors.append(f"{t['file']}: invitation without events")
                first = t["events"][0]
                if date.fromisoformat(first["date"]) <= ref:
                    errors.append(f"{t['file']}: Date header not before the event")
                if (date.fromisoformat(first["date"]) - ref).days >= 300:
                    errors.append(f"{t['file']}: event 300 days or more after the Date header")
                for e in t["events"]:
                    if e["commune_code"] is not None and e["commune_code"] not in valid_codes:
                        errors.append(f"{t['file']}: unknown commune code {e['commune_code']}")
                    for k in ("start", "end"):
                        if e[k] is not None and not re.fullmatch(r"[0-2]\d:[0-5]\d", e[k]):
                            errors.append(f"{t['file']}: bad {k} {e[k]}")
                    if e["rsvp_by"] and e["rsvp_by"] >= e["date"]:
                        errors.append(f"{t['file']}: rsvp_by not before the event")
                # the truth's day and time are written somewhere
                blob = "\n".join(texts)
                d = date.fromisoformat(first["date"])
                day_pat = rf"(?<!\d){d.day}(?:er)?\b[^.\n]{{0,30}}?{MO[d.month - 1]}|(?<!\d)0?{d.day}[/.]0?{d.month}(?!\d)|{d.strftime('%Y%m%d')}"
                if not re.search(day_pat, blob, re.I) and "relative_date" not in t["features"]:
                    errors.append(f"{t['file']}: first event date {d} not found in the text")
                if first["start"] and "ics_utc" not in t["features"]:
                    h, mi = map(int, first["start"].split(":"))
                    tp = rf"(?<!\d)0?{h}\s*(?:h|H|:|heures)\s*{mi:02d}" if mi else rf"(?<!\d)0?{h}\s*(?:h|H|:|heures)(?!\s*(?:[1-5]\d|0[1-9]))|midi" if h == 12 else rf"(?<!\d)0?{h}\s*(?:h|H|:|heures)(?!\s*(?:[1-5]\d|0[1-9]))"
                    if not re.search(tp, blob) and f"T{h:02d}{mi:02d}00" not in blob:
                        errors.append(f"{t['file']}: start {first['start']} not found in the text")
                if first["end"] and "ics_utc" not in t["features"]:
                    h, mi = map(int, first["end"].split(":"))
                    tp = rf"(?<!\d)0?{h}\s*(?:h|H|:|heures)\s*{mi:02d}" if mi else rf"(?<!\d)0?{h}\s*(?:h|H|:|heures)(?!\s*(?:[1-5]\d|0[1-9]))"
                    if not re.search(tp, blob) and f"T{h:02d}{mi:02d}00" not in blob:
                        errors.append(f"{t['file']}: end {first['end']} not found in the text")
                if first["commune_code"]:
                    cname = [c.name for c in COMMUNES + OTHER_COMMUNES if c.code == first["commune_code"]][0]
                    if re.sub(r"^(Le|La|Les) ", "", cname).lower() not in blob.lower().replace("’", "'"):
                        errors.append(f"{t['file']}: commune {cname} not named anywhere")
            elif t["events"]:
                errors.append(f"{t['file']}: non-invitation with events")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for e in errors[:60]:
        print("CHECK:", e, file=sys.stderr)
    if errors:
        print(f"CHECK: {len(errors)} problem(s)", file=sys.stderr)
        ok = False
    print(f"check: {len(truth)} messages parsed; {n_pdf} PDF parts rendered with pdftoppm{'' if have_poppler else ' (SKIPPED: poppler missing)'}; "
          f"{n_ics} iCalendar parts (CRLF, folded <= 75 octets); {n_tzid} with DTSTART;TZID=Europe/Paris ({n_loc} with LOCATION); "
          f"{mism_found} labelled weekday mismatches found; {'OK' if ok else 'FAILED'}")
    return ok


# ---------------------------------------------------------------------------
# SOURCE.md
# ---------------------------------------------------------------------------
def table(rows, head):
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]
    return "\n".join(out)


def count_by(items, key):
    d = {}
    for it in items:
        k = key(it)
        d[k] = d.get(k, 0) + 1
    return sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))


def write_source_md(out: Path, truth: list[dict]):
    inv = [t for t in truth if t["invitation"]]
    non_ = [t for t in truth if not t["invitation"]]
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    feat_of = lambda t, f: f in t["features"]
    n_two = sum(1 for t in inv if len(t["events"]) > 1 or t["events"][0]["end_date"])
    n_two_events = sum(1 for t in inv if len(t["events"]) > 1)
    n_span = sum(1 for t in inv if any(e["end_date"] for e in t["events"]))
    n_noyear = sum(1 for t in inv if any(f in t["features"] for f in ("date:full_noyear", "date:noweekday_noyear", "date:numeric_noyear", "year_omitted")))
    n_numeric = sum(1 for t in inv if any(f.startswith("date:numeric") for f in t["features"]))
    sel = ["commune_implied", "commune_differs_from_sender", "rsvp_deadline", "rsvp_contact", "programme", "structured", "informal",
           "relative_date", "weekday_mismatch", "postponed", "html_alternative", "html_only", "cover_note_only",
           "details_only_in_attachment", "ics:attach", "ics:alternative", "ics_tzid", "ics_utc", "ics_all_day", "forward:rfc822",
           "forward:thunderbird", "forward:outlook", "forward:gmail", "forward:apple", "hybrid_in_person_and_visio"]
    feat_rows = [(f, sum(1 for t in inv if f in t["features"])) for f in sel]
    tfeat = count_by([f for t in inv for f in t["features"] if f.startswith(("time:", "range:"))], lambda x: x)
    dfeat = count_by([f for t in inv for f in t["features"] if f.startswith("date:")], lambda x: x)
    amb = sum(1 for t in inv if t["events"][0]["ambiguous"])
    mism = sum(1 for t in inv if t["events"][0]["weekday_mismatch"])
    ncommunes = ", ".join(f"{c.name} {c.code} ({c.cp})" for c in COMMUNES)
    txt = f"""# agenda-eval — invitations in the office mail: recognition and event extraction

An evaluation set for the future agenda feature of Permanence: recognise the invitations in the
inbound mail of a senator's office and read the event out of them (date or dates, start and end
time, place and commune, organiser, RSVP deadline and contact, dress or protocol notes).

## Provenance and independence

Written by a helper agent **from the text of the issue only**. The agent never read the
extractor's code: nothing under `src/`, `tests/` or `fixtures/` was opened (file names were
listed only to avoid a clash), `cargo` was not run. Labels were decided when each message was
generated, from the generator's own event description, never from any extractor's output.

Everything is generated by `scripts/make_agenda_eval.py` (Python 3.11 standard library only;
the self-check also calls `pdftoppm` and `pdftotext` from poppler-utils). It is deterministic:
fixed seed ({SEED}), fixed calendar, no clock, explicit MIME boundaries, Message-IDs and
Maildir names derived from the seed. Regenerate (and self-check) with

    python3 scripts/make_agenda_eval.py

`--no-check` skips the self-check. The self-check parses every message with Python's `email`
package (no MIME defect allowed), renders every PDF part with `pdftoppm` and extracts its text
with `pdftotext`, checks every iCalendar part (CRLF line ends, folded lines of at most 75
octets), checks that every written weekday agrees with its date (year left out: the occurrence
nearest the message date; month left out: the next such day after it) except in the messages
labelled `weekday_mismatch`, and checks that the first event's day, start time and commune of
each invitation are actually written somewhere in the message.

**Licence: CC0 1.0** (public domain dedication). All people, e-mail domains (`*.exemple.fr`,
`*-exemple.fr`, `*.exemple.com`), street numbers, halls and telephone numbers are invented; the
telephone numbers are in the ranges ARCEP reserves for fiction (04 65 71 xx xx, 06 39 98 xx xx).
Public bodies (préfecture de l'Isère, SDIS, Chambre d'agriculture, Département…) are named by
their function only, with invented people. The senator is the fictitious « Hélène Brachet,
sénatrice de l'Isère », mailbox `{OFFICE}`.

## Layout

- `cur/` — {len(truth)} messages (Maildir names `EPOCH.MNNNNP7331.agenda-eval:2,FLAGS`, ordered
  by date); `new/` and `tmp/` are created empty by the generator. Git does not keep empty
  folders, so a fresh checkout may lack them: no placeholder file is put there, because a reader
  would count it as a (broken) message; `mkdir -p new tmp` or a regeneration restores them.
- `truth.jsonl` — one JSON object per message, in file-name order.
- `SOURCE.md` — this file. Size of the folder: {size / 1e6:.2f} MB of file contents (before this
  file), more on disk with 4 kB blocks.

## Communes

Real Isère communes with their real INSEE codes (and postal codes, used in addresses). The codes
are the ones listed in the issue brief, checked against the agent's knowledge of the Code
officiel géographique and, for several (Tullins 38517, Seyssinet-Pariset 38485, La Mure 38269,
Fontaine 38169, Échirolles 38151, Saint-Égrève 38382, Grenoble 38185, Claix 38111,
Bourgoin-Jallieu 38053), against Base Adresse Nationale geocoder outputs quoted in public
repositories. No code was invented.

{ncommunes}.

Outside Isère (two invitations): Paris 75056 (Palais du Luxembourg), Lyon 69123 (Hôtel de Région).

Traps kept on purpose: the postal code 38140 is Rives (INSEE 38337) while the INSEE code 38140 is
Crolles; signatures often carry the sender's own address (a Grenoble address for the Chambre
d'agriculture inviting to a comice in La Mure); street names that look like dates (« avenue du
8-Mai-1945 », « rue du 19-Mars-1962 », « place du 11-Novembre-1918 »); commemorations whose title
holds another date (« la cérémonie commémorative de l'Armistice du 11 novembre 1918 »); forward
header blocks with their own dates (« Envoyé : mardi 3 février 2026 10:12 »).

## Labels

### `invitation`

`true` when the message invites the senator or her office — by name, by title (« Madame la
Sénatrice »), or as one of the named guests (« Mesdames et Messieurs les élus ») — to attend an
event **at a physical place** on a stated date or dates. The invitation may be in the prose, in a
PDF card, in an iCalendar part, or inside a forwarded message (a forward of an invitation is an
invitation: the event is the original's, the organiser is the original sender). Also `true`:

- a postponement that renews the invitation with a new date (the event is the new date);
- an event in person that can also be followed by video (it has a place);
- a genuinely ambiguous invitation (labelled `ambiguous`, see below).

`false` (with the reason in `notes` when useful):

- **appointment requests** — a request for a meeting with the senator, or a proposal to meet her
  (at the permanence, in a town hall, at a company), even with date, time and place, is not an
  invitation to an event;
- **thank-you letters** and **reports** after an event (the Date header is then after the event);
- **cancellations** without a new date (including an iCalendar `METHOD:CANCEL`);
- **mass mailings to the public or to members**: newsletters, municipal agendas, association
  mailings « à tous nos adhérents », including those worded « la municipalité a le plaisir de vous
  inviter… venez nombreux » — rule: a message sent to a list or to the public (list headers,
  `undisclosed-recipients`, « Chers habitants », unsubscribe footer) is not an invitation
  addressed to the office, whatever its wording;
- **press releases and press invitations** addressed to the media;
- **webinars and video meetings** (online only): not invitations in this set — the feature reads
  a place to attend; a webinar has none, even when it comes with an iCalendar request;
- **invitations to reply** to a survey, to sign a petition, to relay information;
- **replies to the office's own invitations** (acceptances, apologies): the office organises;
- deadlines, council meetings held earlier, decrees and laws, subsidy files (including an
  association describing its own future festival to ask for money), school closures, strikes,
  road works and power cuts with dates and hours, public inquiries with hours of permanence, a
  parents' rally or a future public council session mentioned for information, ordinary
  requests mentioning a date in passing.

### `events`

Empty for non-invitations. For invitations, one object per event, sorted by (`date`, `start`
with null first); **the first event is the earliest**.

- **One event or two.** One event over consecutive days announced as a span with one title (a
  comice « les samedi 5 et dimanche 6 septembre », a fair « du vendredi 5 au dimanche 7 juin », a
  two-day congress) is **one event** with `end_date` = the last day. Two occasions on different
  days, each with its own time or title (an inauguration on Saturday at 10h30 and a tournament on
  Sunday at 16h; a ceremony on 11 November and a concert the Sunday before; two fire-station
  Sainte-Barbe on two days) are **two events**. The set has some invitations where the earlier
  event is mentioned second.
- `date` — ISO date of the (first day of the) event. Year left out: the next occurrence after the
  message's Date header (« le 8 mai » written in December is next May). Month left out (« samedi
  5 »): the next such day after the Date header. « dimanche prochain », « samedi prochain »: the
  first such day after the Date header (these messages are sent on the Monday or Tuesday of the
  same week). Numeric dates are day/month (« le 14/03 à 11h »). Every invitation's first event
  is less than 300 days after the Date header (and after the forwarded original's date), so each
  of these readings gives one date.
- `weekday_mismatch` — `true` when the written weekday disagrees with the written date (« le
  samedi 15 mars 2026 » when the 15th is a Sunday); the **numeric date is kept** as `date`.
- `start` — « HH:MM », Europe/Paris local time: the first time at which the invitee is expected.
  When the invitation gives a programme (« 10h15 rassemblement devant la mairie ; 10h30
  cérémonie… »), `start` is its first item. From an iCalendar part: DTSTART converted to Paris
  time (some parts use UTC « Z » times). `null` when no time is stated, or when the time is
  ambiguous. « à midi » is 12:00.
- `end` — the stated end time (« de 18h à 20h », « 10h30-12h », « entre 14h et 17h », « fin prévue
  à 20h », DTEND), else `null`. The last item of a programme is not an end.
- `all_day` — `true` when no time is stated at all (and the event is not ambiguous).
- `place` — the place as a readable string (hall, address, postal code, commune).
- `commune_code` — the INSEE code of the commune where the event takes place. When only a hall is
  named (« à la salle des fêtes »), the commune is **implied by the sender**: the town hall that
  writes, or an association, school, fire station or company whose name or signature gives its
  commune (feature `commune_implied`; the generator only leaves the commune out when the
  sender's name or signature names it). Several invitations hold the event in another commune
  than the sender's (feature `commune_differs_from_sender`). `null` only when no commune can be determined (one
  invitation, labelled ambiguous).
- `organiser` — the inviting body and person (the original sender in a forward).
- `rsvp_by` — the reply deadline as an ISO date (year left out: next occurrence), else `null`;
  `rsvp_contact` — the contact written (e-mail, telephone, person) or `null`.
- `notes` — dress or protocol notes when stated (« Tenue de ville », « Port des décorations »,
  « dépôt de gerbe »…), else `null`.
- `ambiguous` — `true` when the message does not let a careful reader decide: two candidate
  times (« à 10h ou à 10h30, horaire confirmé plus tard »: `start` null), two candidate dates
  (first candidate recorded), subject and body disagreeing on the date (body's date recorded),
  mail and card disagreeing on the time (`start` null), a hall with no commune from an
  intercommunal body (`commune_code` null). The message-level `notes` says which.
- `title` — a short human title (not measured).

### `source`

Where the invitation is read: `prose` (the mail body), `pdf` (a PDF card with a one-line cover
note; the body holds no date, time or place), `ics` (an iCalendar attachment or `text/calendar`
alternative part; the body may repeat it), `forward` (the invitation is inside a forwarded
message: quoted under a header block, or attached as `message/rfc822`, possibly with its PDF
card), `mixed` (the body and a PDF attachment together: details only on the card, the card
repeating the prose, a two-day programme, or the two disagreeing). For non-invitations the same
word names where the dates sit (prose, pdf, ics, forward).

### Extra keys (not part of the measured schema)

`category` (`inv:<kind>` or `non:<kind>`) and `features` (how dates, times, places and RSVP are
written) are there for error analysis; ignore them when measuring.

## Measures (apply exactly)

Let T be the set of messages with `invitation` = true in `truth.jsonl`, P the set the extractor
marks as invitations.

- **Precision** = |T ∩ P| / |P|; **recall** = |T ∩ P| / |T|. Bars: precision ≥ 0.98, recall ≥ 0.95.
- The three field measures are computed on **R = T ∩ P minus the messages whose first truth event
  is `ambiguous`** (those count for recognition only; report separately how many of them the
  extractor flags as ambiguous). The extractor's first event is its earliest event by (date,
  start with null first).
- **Date right**: the extractor's first event `date` equals the truth's first event `date`
  (weekday-mismatched dates included: the truth keeps the numeric date). Bar ≥ 0.95 of R.
- **Start time right**: equal « HH:MM »; when the truth `start` is null, right only if the
  extractor's is null too; when the truth has a time, a null answer is wrong. Bar ≥ 0.95 of R.
- **Place commune right**: equal INSEE code; when the truth `commune_code` is null, right only if
  the extractor's is null. Bar ≥ 0.95 of R.
- `end`, `end_date`, `rsvp_by`, organiser and notes are labelled for information; they are not
  part of the bars.

## Counts

Messages: **{len(truth)}** — invitations **{len(inv)}**, non-invitations **{len(non_)}**.

By source:

{table([(k, sum(1 for t in inv if t['source'] == k), sum(1 for t in non_ if t['source'] == k)) for k in ['prose', 'pdf', 'ics', 'forward', 'mixed']], ['source', 'invitations', 'non-invitations'])}

Invitations by category:

{table(count_by(inv, lambda t: t['category']), ['category', 'messages'])}

Non-invitations by category (forwarded ones keep their inner category):

{table(count_by(non_, lambda t: t['category']), ['category', 'messages'])}

Invitations with two dates: **{n_two}** ({n_two_events} with two separate events, {n_span} with one
event spanning several days). Year left out: {n_noyear}. Numeric dates: {n_numeric}. Weekday and
date disagreeing (labelled): {mism}. Ambiguous (first event): {amb}.

Invitation features:

{table(feat_rows, ['feature', 'invitations'])}

Date styles in invitations (`full` = « le samedi 14 mars 2026 », `full_noyear` = « le samedi 14
mars », `noweekday` = « le 14 mars 2026 », `noweekday_noyear` = « le 8 mai », `numeric*` = « le
14/03/2026 », « le 14/03 », « le 14/03/26 », « le samedi 14/03/2026 », `next` = « dimanche
prochain », `dayonly` = « samedi 5 »):

{table(dfeat, ['style', 'invitations'])}

Time and range styles (`hmm` 11h00, `h` 11h / 11h30, `h_sp` 11 h 30, `heures` 18 heures, `colon`
18:30, `H` 18H30, `0hmm` 09h30, `midi`; ranges `de_a` « de 18h à 20h », `dash` « 10h30-12h »,
`entre` « entre 14h et 17h », `a` « à 18h (fin prévue à 20h) »):

{table(tfeat, ['style', 'invitations'])}

## Not included

- No scanned (image-only) cards: every PDF has a text layer (Helvetica/Times, WinAnsiEncoding).
- No Word/ODT attachments, no winmail.dat, no mail in other languages.
- Events held abroad are absent; two events outside Isère (Paris, Lyon) are present.
"""
    (out / "SOURCE.md").write_text(txt, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-check", action="store_true")
    a = ap.parse_args()
    mails = plan()
    truth = write_all(mails, a.out)
    write_source_md(a.out, truth)
    inv = sum(1 for t in truth if t["invitation"])
    print(f"wrote {len(truth)} messages ({inv} invitations, {len(truth) - inv} non-invitations) to {a.out}")
    if not a.no_check:
        if not check(a.out, truth):
            sys.exit(1)


if __name__ == "__main__":
    main()
