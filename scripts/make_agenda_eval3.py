#!/usr/bin/env python3
"""Generate the held-out invitation/agenda evaluation set ``fixtures/agenda-eval3``.

Written by a helper agent from the issue text (#20) and the label spec only,
without having seen the extractor's code nor the other labelled sets.

Python 3 standard library only; deterministic (fixed seed, fixed dates, no clock).

    python3 scripts/make_agenda_eval3.py            # writes fixtures/agenda-eval3/
    python3 scripts/make_agenda_eval3.py --check    # re-parses and self-checks only

Output: a Maildir (cur/ new/ tmp/), truth.jsonl (one object per message, in file-name
order) and SOURCE.md.  The script ends with a self-check: every message parses with the
``email`` package, every invitation's first event day, time and commune are written in the
message (or its attachment), written weekdays agree with dates except labelled mismatches,
and each first event is less than 300 days after the Date header.
"""
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
from email.header import Header
from email.utils import formataddr

SEED = 20263
R = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "fixtures", "agenda-eval3")
SET = "agenda-eval3"

OFFICE = "permanence@depute-legall-exemple.fr"
OFFICE_NAME = "Permanence parlementaire de Yann Le Gall"
DEPUTY_AN = "yann.legall@assemblee-exemple.fr"
ATTACHEE = ("Gaëlle", "Morvan", "g.morvan@depute-legall-exemple.fr")

# ---------------------------------------------------------------------------
# Communes: REAL names and INSEE codes (checked against @etalab/decoupage-administratif,
# data/communes.json, type "commune-actuelle").  name -> (code, postal code)
# ---------------------------------------------------------------------------
COMMUNES = {
    "Brest": ("29019", "29200"), "Quimper": ("29232", "29000"), "Morlaix": ("29151", "29600"),
    "Concarneau": ("29039", "29900"), "Landerneau": ("29103", "29800"),
    "Douarnenez": ("29046", "29100"), "Quimperlé": ("29233", "29300"),
    "Guipavas": ("29075", "29490"), "Plougastel-Daoulas": ("29189", "29470"),
    "Le Relecq-Kerhuon": ("29235", "29480"), "Crozon": ("29042", "29160"),
    "Carhaix-Plouguer": ("29024", "29270"), "Pont-l'Abbé": ("29220", "29120"),
    "Saint-Pol-de-Léon": ("29259", "29250"), "Landivisiau": ("29105", "29400"),
    "Fouesnant": ("29058", "29170"), "Rosporden": ("29241", "29140"),
    "Plouzané": ("29212", "29280"), "Lesneven": ("29124", "29260"),
    "Châteaulin": ("29026", "29150"), "Plabennec": ("29160", "29860"),
    "Ergué-Gabéric": ("29051", "29500"), "Saint-Renan": ("29260", "29290"),
    "Guilers": ("29069", "29820"), "Plouguerneau": ("29195", "29880"),
    "Moëlan-sur-Mer": ("29150", "29350"), "Gouesnou": ("29061", "29850"),
    "Locmaria-Plouzané": ("29130", "29280"), "Saint-Martin-des-Champs": ("29254", "29600"),
    "Plourin-lès-Morlaix": ("29207", "29600"), "Plougonvelin": ("29190", "29217"),
    "Riec-sur-Bélon": ("29236", "29340"), "Le Folgoët": ("29055", "29260"),
    "La Forêt-Fouesnant": ("29057", "29940"), "Le Conquet": ("29040", "29217"),
    "Roscoff": ("29239", "29680"), "Pont-Aven": ("29217", "29930"),
    "Bénodet": ("29006", "29950"), "Audierne": ("29003", "29770"),
    "Penmarch": ("29158", "29760"), "Scaër": ("29274", "29390"),
    "Châteauneuf-du-Faou": ("29027", "29520"),
    "Pont-de-Buis-lès-Quimerch": ("29302", "29590"),
    "Saint-Thégonnec Loc-Eguiner": ("29266", "29410"),
    "Plobannalec-Lesconil": ("29165", "29740"), "Clohars-Carnoët": ("29031", "29360"),
    "Milizac-Guipronvel": ("29076", "29290"), "Pleyben": ("29162", "29190"),
    "Landéda": ("29101", "29870"), "Lannilis": ("29117", "29870"),
    "Plouescat": ("29185", "29430"), "Briec": ("29020", "29510"),
    "Trégunc": ("29293", "29910"), "Carantec": ("29023", "29660"),
    "Pleyber-Christ": ("29163", "29410"), "Daoulas": ("29043", "29460"),
    "Sizun": ("29277", "29450"), "Huelgoat": ("29081", "29690"),
    "Locronan": ("29134", "29180"), "Kerlouan": ("29091", "29890"),
    "Camaret-sur-Mer": ("29022", "29570"), "Telgruc-sur-Mer": ("29280", "29560"),
    "Ouessant": ("29155", "29242"), "Île-Tudy": ("29085", "29980"),
    "Le Faou": ("29053", "29590"), "Lanmeur": ("29113", "29620"),
    "Saint-Évarzec": ("29247", "29170"), "Guilvinec": ("29072", "29730"),
    "Lanvéoc": ("29120", "29160"), "Dirinon": ("29045", "29460"),
    "La Roche-Maurice": ("29237", "29800"), "Spézet": ("29278", "29540"),
    "Bourg-Blanc": ("29015", "29860"), "Plouvien": ("29209", "29860"),
    "Pont-Croix": ("29218", "29790"), "Mellac": ("29147", "29300"),
    "Plouarzel": ("29177", "29810"), "Bohars": ("29011", "29820"),
    "Loperhet": ("29140", "29470"), "Pluguffan": ("29216", "29700"),
    "Loctudy": ("29135", "29750"), "Combrit": ("29037", "29120"),
    "Bannalec": ("29004", "29380"), "Ploudalmézeau": ("29178", "29830"),
    "Névez": ("29153", "29920"), "Elliant": ("29049", "29370"),
    "Ploudaniel": ("29179", "29260"), "Plonéour-Lanvern": ("29174", "29720"),
    "Cléder": ("29030", "29233"), "Taulé": ("29279", "29670"),
    "Plougasnou": ("29188", "29630"), "Lampaul-Guimiliau": ("29097", "29400"),
    "Plouédern": ("29181", "29800"), "Irvillac": ("29086", "29460"),
    "Hanvec": ("29078", "29460"), "Plomelin": ("29170", "29700"),
    # outside the département
    "Paris": ("75056", "75015"), "Rennes": ("35238", "35000"), "Lorient": ("56121", "56100"),
    "Vannes": ("56260", "56000"), "Nantes": ("44109", "44000"),
}
OUTSIDE = {"Paris", "Rennes", "Lorient", "Vannes", "Nantes"}
FINI = [c for c in COMMUNES if c not in OUTSIDE]
BIG = ["Brest", "Quimper", "Morlaix", "Concarneau", "Landerneau", "Douarnenez", "Quimperlé",
       "Guipavas", "Plougastel-Daoulas", "Le Relecq-Kerhuon", "Crozon", "Carhaix-Plouguer",
       "Pont-l'Abbé", "Saint-Pol-de-Léon", "Landivisiau", "Fouesnant", "Rosporden", "Plouzané",
       "Lesneven", "Châteaulin"]
# communes whose names contain another word or commune: used more often
TRICKY = ["Le Relecq-Kerhuon", "Le Folgoët", "Le Conquet", "Le Faou", "La Forêt-Fouesnant",
          "Saint-Pol-de-Léon", "Saint-Renan", "Saint-Martin-des-Champs", "Saint-Évarzec",
          "Carhaix-Plouguer", "Locmaria-Plouzané", "Plourin-lès-Morlaix", "Plougastel-Daoulas",
          "Pont-de-Buis-lès-Quimerch", "Saint-Thégonnec Loc-Eguiner", "Moëlan-sur-Mer",
          "Milizac-Guipronvel", "La Roche-Maurice", "Plobannalec-Lesconil", "Pont-l'Abbé",
          "Châteauneuf-du-Faou", "Riec-sur-Bélon", "Île-Tudy", "Camaret-sur-Mer"]

# Breton / named halls by commune (hall name, street)
HALLS = {
    "Brest": [("Le Quartz", "60 rue du Château"), ("salle de conférences de l'hôtel de ville", "2 rue Frézier"),
              ("Maison de quartier de Lambézellec", "rue Pierre-Corre"), ("Espace Vauban", "17 avenue Georges-Clemenceau"),
              ("Ti ar Vro Bro Brest", "rue de Gascogne")],
    "Quimper": [("Théâtre de Cornouaille", "1 esplanade François-Mitterrand"), ("salle Ti an Holl de Kerfeunteun", "rue de Kerfeunteun"),
                ("parc des expositions de Penvillers", "route de Brest"), ("Centre des congrès du Chapeau Rouge", "rue du Chapeau-Rouge")],
    "Plougonvelin": [("Espace Kéraudy", "rue du Stade")],
    "Plabennec": [("salle Marcel-Bouguen", "rue Pierre-Jestin"), ("salle Ti an Holl", "3 rue de Kerzu")],
    "Carhaix-Plouguer": [("Espace Glenmor", "rue Jean-Monnet"), ("salle des fêtes de Plouguer", "rue de Plouguer")],
    "Saint-Martin-des-Champs": [("Espace du Roudour", "rue de Morlaix")],
    "Landerneau": [("salle Saint-Ernel", "rue de Brest"), ("Espace Ti Kreiz Kêr", "place du Général-de-Gaulle")],
    "Lesneven": [("salle Kerjézéquel", "rue de Kerjézéquel"), ("L'Atelier", "rue Jeanne-d'Arc")],
    "Plouguerneau": [("Espace Armorica", "rue Jean-Sébastien-Bach")],
    "Le Relecq-Kerhuon": [("Centre Henri-Queffélec", "rue Vincent-Jézéquel"), ("salle Ti Kerhor", "rue du 8-Mai-1945")],
    "Plougastel-Daoulas": [("Espace Avel Vor", "boulevard Gourmelon"), ("salle Ar Stivell", "rue du 19-Mars-1962")],
    "Crozon": [("salle Nominoë", "rue Alsace-Lorraine"), ("Espace Améthyste", "route de Camaret")],
    "Douarnenez": [("salle des fêtes de Tréboul", "rue Louis-Pasteur"), ("Auditorium Ti Kanevedenn", "rue du Port-Rhu")],
    "Concarneau": [("salle du Porzou", "rue du Porzou"), ("Centre des arts", "9 rue Laënnec")],
    "Châteaulin": [("salle Ti an Oll", "route de Pleyben"), ("Run ar Puñs", "route de Pleyben")],
    "Guipavas": [("L'Alizé", "90 rue Commandant-Challe"), ("salle Jean-Monnet", "rue de Kerivin")],
    "Morlaix": [("salle du Pouliet", "rue de Brest"), ("Auditorium du Langolvas", "rue Joseph-Le-Bris")],
    "Quimperlé": [("Espace Benoîte-Groult", "rue Jacques-Cartier"), ("salle Isole", "quai Brizeux")],
    "Fouesnant": [("L'Archipel", "rue des Onze-Martyrs")],
    "Landivisiau": [("salle Ti Kreiz Ker", "rue du Général-de-Gaulle")],
    "Pont-l'Abbé": [("salle Kerzeval", "rue du 11-Novembre-1918")],
    "Saint-Renan": [("Espace culturel Ti Lanvenec", "rue de Brest")],
    "Ergué-Gabéric": [("Espace Déguignet", "place Jean-Marie-Déguignet")],
    "Rosporden": [("salle Ar Ménez", "rue de Quimper")],
    "Le Folgoët": [("salle Yves-Bleunven", "rue de Lesneven")],
    "Plouzané": [("salle Ar Vouden", "rue de la Trinité")],
    "Saint-Pol-de-Léon": [("salle Ar Brug", "rue de Morlaix")],
    "Sizun": [("salle An Dour Meur", "rue de Landivisiau")],
}
GENERIC_HALLS = ["salle des fêtes", "salle polyvalente", "salle omnisports", "salle du conseil municipal",
                 "salle des mariages de la mairie", "médiathèque", "maison des associations",
                 "salle multifonctions", "espace culturel", "halle des sports", "salle socioculturelle"]
STREETS = ["rue de Brest", "rue Jean-Jaurès", "rue de la Gare", "place de l'Église", "rue du 8-Mai-1945",
           "place du 19-Mars-1962", "rue du 11-Novembre-1918", "avenue du 14-Juillet", "rue de Kervéguen",
           "route de Ploudalmézeau", "allée des Tilleuls", "rue du Général-de-Gaulle", "rue de la Libération",
           "rue Émile-Zola", "rue Victor-Hugo", "impasse de Kerlann", "rue de Pen ar Créac'h",
           "rue des Écoles", "rue de Quimper", "place de la Mairie", "rue du Stade", "rue de Kerzu",
           "rue Saint-Yves", "rue du 4-Septembre", "rue Anatole-Le-Braz", "rue Per-Jakez-Hélias",
           "route de Morlaix", "rue de Verdun", "rue de la Paix", "quai de l'Odet", "rue des Martyrs"]
ZONES = ["ZA de Kerbriant", "ZI de Lospars", "ZA de Kerozar", "ZA du Vern", "parc d'activités de Prat Pip",
         "ZA de Kergaradec", "ZA de Keriven", "ZAC de Kerlaurent", "ZA de Bel Air"]

PRENOMS_M = ["Yann", "Erwan", "Gwenaël", "Loïc", "Ronan", "Tanguy", "Goulven", "Maël", "Corentin", "Hervé",
             "Jean-Yves", "Pierre", "Philippe", "Christophe", "Stéphane", "Bernard", "Michel", "Alain",
             "François", "Thierry", "Laurent", "Julien", "Maxime", "Romain", "Mathieu", "Tristan", "Ewen",
             "Riwal", "Jean-François", "Patrick", "Jean-Claude", "Yves", "Gilles", "Denis", "Olivier",
             "Nicolas", "Sébastien", "Fañch", "Mikaël", "Jean-Paul", "Daniel", "Jacques", "Guénolé"]
PRENOMS_F = ["Nolwenn", "Gwenola", "Soizic", "Anne-Marie", "Maïwenn", "Katell", "Morgane", "Armelle", "Marie",
             "Sophie", "Nathalie", "Isabelle", "Catherine", "Sylvie", "Martine", "Jacqueline", "Élodie",
             "Camille", "Léa", "Gaëlle", "Solenn", "Anaïg", "Klervi", "Marie-Thérèse", "Françoise",
             "Annick", "Brigitte", "Valérie", "Christine", "Sandrine", "Véronique", "Delphine", "Aurélie",
             "Maryvonne", "Rozenn", "Enora", "Lena", "Chantal", "Josiane", "Marie-Claude", "Hélène"]
NOMS = ["Le Bihan", "Le Goff", "Le Roux", "Le Floch", "Le Corre", "Kerhervé", "Quéré", "Tanguy", "Guillou",
        "Le Berre", "Le Meur", "Caroff", "Cariou", "Abgrall", "Le Bras", "Salaün", "Jézéquel", "Le Guen",
        "Le Borgne", "Nédélec", "Kervella", "Le Hir", "Podeur", "Pennec", "Thomas", "Martin", "Bernard",
        "Petit", "Durand", "Moreau", "Lefebvre", "Garnier", "Fournier", "Le Du", "Hascoët", "Péron",
        "Le Moal", "Prigent", "Floc'h", "Derrien", "Le Lann", "Calvez", "Bothorel", "Madec", "Le Saout",
        "Gourmelon", "Stéphan", "Mével", "Bescond", "Lozac'h", "Kerdraon", "Le Fur", "Rolland", "Paugam",
        "Le Gall", "Ollivier", "Roudaut", "Cabon", "Le Gac", "Riou", "Le Menn", "Glémarec", "Huon",
        "Castel", "Bourhis", "Le Quéau", "Jaouen", "Mérour", "Créac'h", "Gouriou", "Le Dréau"]


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-").lower()
    return s


def person(rng, sex=None):
    sex = sex or rng.choice("MF")
    return (rng.choice(PRENOMS_M if sex == "M" else PRENOMS_F), rng.choice(NOMS), sex)


def de(c):
    """'de Brest', 'du Relecq-Kerhuon', "d'Ergué-Gabéric"."""
    if c.startswith("Le "):
        return "du " + c[3:]
    if c.startswith("Les "):
        return "des " + c[4:]
    if c[0] in "AEIOUYÉÈÎ":
        return "d'" + c
    return "de " + c


def a(c):
    """'à Brest', 'au Conquet'."""
    if c.startswith("Le "):
        return "au " + c[3:]
    if c.startswith("Les "):
        return "aux " + c[4:]
    return "à " + c


def np_a(np):
    """à + noun phrase with contraction."""
    if np.startswith("le "):
        return "au " + np[3:]
    if np.startswith("les "):
        return "aux " + np[4:]
    return "à " + np


def np_de(np):
    if np.startswith("le "):
        return "du " + np[3:]
    if np.startswith("les "):
        return "des " + np[4:]
    if np[0] in "aeiouéèêAEIOUÉ" and not np.startswith("un") and not np.startswith("une"):
        return "d'" + np if not np.startswith("l'") else "de " + np
    return "de " + np


ORG_ART = {"Comité": "le", "Club": "le", "Cercle": "le", "Bagad": "le", "Chantier": "le", "Secours": "le", "Centre": "le",
           "Lycée": "le", "Collège": "le", "Football": "le", "Hand-ball": "le", "Souvenir": "le", "Conseil": "le",
           "Amicale": "l'", "Association": "l'", "Union": "l'", "Étoile": "l'", "École": "l'", "ADMR": "l'", "EHPAD": "l'",
           "UNC": "l'", "Hôpital": "l'", "Banque": "la", "Résidence": "la", "Chambre": "la", "CCI": "la", "Communauté": "la",
           "Conserverie": "la", "Laiterie": "la", "Brasserie": "la", "Biscuiterie": "la", "Imprimerie": "la", "Crêperie": "la",
           "Mairie": "la", "Ville": "la", "Commune": "la", "Serres": "les", "Ateliers": "les", "Menuiseries": "les",
           "Transports": "les"}


def org_de(name):
    if name.startswith("Les "):
        return "des " + name[4:]
    art = ORG_ART.get(name.split()[0])
    if art == "le":
        return "du " + name
    if art == "la":
        return "de la " + name
    if art == "les":
        return "des " + name
    if art == "l'":
        return "de l'" + name
    return ("d'" if name[0] in "AEIOUÉÈÎY" else "de ") + name


def org_the(name):
    """The organisation's name with its article, as a sentence subject."""
    if name.startswith("Les "):
        return name
    art = ORG_ART.get(name.split()[0])
    if art == "l'":
        return "L'" + name
    if art in ("le", "la", "les"):
        return cap(art) + " " + name
    return name


def cap(s):
    return s[:1].upper() + s[1:]


# ---------------------------------------------------------------------------
# Dates and times
# ---------------------------------------------------------------------------
WD = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
WD_ABBR = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
MO = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
      "octobre", "novembre", "décembre"]
EN_WD = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_MO = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
D0 = dt.date(2025, 1, 3)
D1 = dt.date(2027, 12, 18)


def last_sunday(y, m):
    d = dt.date(y, m + 1, 1) - dt.timedelta(days=1) if m < 12 else dt.date(y, 12, 31)
    return d - dt.timedelta(days=(d.weekday() - 6) % 7)


def paris_offset(local):
    """UTC offset in hours for a naive Europe/Paris local datetime."""
    y = local.year
    start = dt.datetime.combine(last_sunday(y, 3), dt.time(2, 0))
    end = dt.datetime.combine(last_sunday(y, 10), dt.time(3, 0))
    return 2 if start <= local < end else 1


def to_utc(local):
    return local - dt.timedelta(hours=paris_offset(local))


def hdr_date(local):
    off = paris_offset(local)
    return "%s, %02d %s %d %02d:%02d:%02d +0%d00" % (
        EN_WD[local.weekday()], local.day, EN_MO[local.month - 1], local.year,
        local.hour, local.minute, local.second, off)


def dnum(d):
    return "1er" if d.day == 1 else str(d.day)


def fdate(d, style, wd=None, rng=None):
    """French surface of a date. wd: override weekday index (mismatch)."""
    w = WD[d.weekday() if wd is None else wd]
    m = MO[d.month - 1]
    if style == "full":
        return "%s %s %s %d" % (w, dnum(d), m, d.year)
    if style == "Full":
        return "%s %s %s %d" % (cap(w), dnum(d), m, d.year)
    if style == "FullM":
        return "%s %s %s %d" % (cap(w), dnum(d), cap(m), d.year)
    if style == "upper":
        return ("%s %s %s %d" % (w, dnum(d), m, d.year)).upper()
    if style == "noyear":
        return "%s %s %s" % (w, dnum(d), m)
    if style == "dm":
        return "%s %s" % (dnum(d), m)
    if style == "dmy":
        return "%d %s %d" % (d.day, m, d.year)
    if style == "num":
        return "%02d/%02d" % (d.day, d.month)
    if style == "wnum":
        return "%s %02d/%02d" % (w, d.day, d.month)
    if style == "numy":
        return "%02d/%02d/%d" % (d.day, d.month, d.year)
    if style == "wnumy":
        return "%s %02d/%02d/%d" % (w, d.day, d.month, d.year)
    if style == "abbr":
        return "%s %d %s" % ((WD_ABBR[d.weekday() if wd is None else wd]), d.day, m)
    if style == "month_omitted":
        return "%s %s" % (w, dnum(d))
    raise ValueError(style)


DATE_HAS_YEAR = {"full": True, "Full": True, "FullM": True, "upper": True, "dmy": True, "numy": True,
                 "wnumy": True, "noyear": False, "dm": False, "num": False, "wnum": False, "abbr": False,
                 "month_omitted": False}
DATE_HAS_WD = {"full", "Full", "FullM", "upper", "noyear", "wnum", "wnumy", "abbr", "month_omitted"}


def ftime(t, style):
    h, m = t
    if (h, m) == (12, 0) and style == "midi":
        return "midi"
    if style == "midi":
        style = "h"
    if style == "h":
        return "%dh" % h if m == 0 else "%dh%02d" % (h, m)
    if style == "h00":
        return "%dh%02d" % (h, m)
    if style == "sp":
        return "%d h" % h if m == 0 else "%d h %02d" % (h, m)
    if style == "heures":
        return "%d heures" % h if m == 0 else "%d heures %02d" % (h, m)
    if style == "colon":
        return "%d:%02d" % (h, m)
    if style == "H":
        return "%dH%02d" % (h, m) if m else "%dH" % h
    raise ValueError(style)


def hhmm(t):
    return None if t is None else "%02d:%02d" % t


TIME_STYLES = ["h", "h", "h00", "h00", "sp", "heures", "colon", "H"]


def rand_dt(rng, lo=D0, hi=D1, hours=(7, 22)):
    days = (hi - lo).days
    d = lo + dt.timedelta(days=rng.randrange(days))
    return dt.datetime.combine(d, dt.time(rng.randrange(*hours), rng.randrange(60), rng.randrange(60)))


def next_weekday(d, wd):
    """first date strictly after d with weekday wd"""
    k = (wd - d.weekday()) % 7
    return d + dt.timedelta(days=k or 7)


def at_hour(d, rng, lo=8, hi=19):
    return dt.datetime.combine(d, dt.time(rng.randrange(lo, hi), rng.randrange(60), rng.randrange(60)))


def phone(rng, mobile=False):
    if mobile:
        return "0%d %02d %02d %02d %02d" % (rng.choice([6, 7]), rng.randrange(100), rng.randrange(100),
                                             rng.randrange(100), rng.randrange(100))
    return "02 98 %02d %02d %02d" % (rng.randrange(100), rng.randrange(100), rng.randrange(100))


def strip_accents(s):
    s = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


# ---------------------------------------------------------------------------
# MIME building (by hand, so that charsets and transfer encodings are controlled)
# ---------------------------------------------------------------------------
LATIN1_FIX = {"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "…": "...", "–": "-", "—": "-", "€": "EUR",
              "“": '"', "”": '"', "\u202f": " ", "\u2009": " "}


def fit_charset(text, charset):
    if charset.lower() in ("iso-8859-1", "latin-1", "iso-8859-15"):
        for k, v in LATIN1_FIX.items():
            if charset.lower() == "iso-8859-15" and k in "œŒ€":
                continue
            text = text.replace(k, v)
    if charset.lower() == "windows-1252":
        text = text.replace("\u202f", " ").replace("\u2009", " ")
    if charset.lower() in ("us-ascii",):
        text = strip_accents(text)
    # anything else that cannot be encoded: strip
    out = []
    for ch in text:
        try:
            ch.encode(charset)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(strip_accents(ch) if strip_accents(ch).isascii() else "?")
    return "".join(out)


class Part:
    def __init__(self, ctype, body=None, charset=None, cte=None, filename=None, disposition=None,
                 params=None, parts=None, extra=None):
        self.ctype, self.body, self.charset, self.cte = ctype, body, charset, cte
        self.filename, self.disposition, self.params = filename, disposition, params or {}
        self.parts, self.extra = parts, extra or []


def text_part(text, ctype="text/plain", charset="utf-8", cte="8bit", **kw):
    return Part(ctype, fit_charset(text, charset), charset=charset, cte=cte, **kw)


def multi(sub, parts, **kw):
    return Part("multipart/" + sub, parts=parts, **kw)


def encode_filename(fn):
    if fn.isascii():
        return 'filename="%s"' % fn
    from urllib.parse import quote
    return "filename*=utf-8''%s" % quote(fn)


def ser_part(p, rng):
    """Return bytes (headers + body) of a part."""
    h = []
    if p.parts is not None:
        b = "=_%s_%08x" % (rng.choice(["Part", "NextPart", "mbox", "b1", "alt"]), rng.getrandbits(32))
        params = "".join('; %s="%s"' % kv for kv in p.params.items())
        h.append('Content-Type: %s;%s boundary="%s"' % (p.ctype, params, b) if params else
                 'Content-Type: %s; boundary="%s"' % (p.ctype, b))
        h.extend(p.extra)
        out = ("\n".join(h) + "\n\n").encode()
        if rng.random() < 0.5:
            out += b"This is a multi-part message in MIME format.\n"
        for sp in p.parts:
            out += ("\n--%s\n" % b).encode() + ser_part(sp, rng)
        out += ("\n--%s--\n" % b).encode()
        return out
    ct = p.ctype
    if p.charset:
        ct += "; charset=%s" % (p.charset if rng.random() < 0.6 else '"%s"' % p.charset)
    for k, v in p.params.items():
        ct += "; %s=%s" % (k, v)
    if p.filename and p.ctype.startswith(("application", "text/calendar")):
        ct += '; name="%s"' % (p.filename if p.filename.isascii() else strip_accents(p.filename))
    h.append("Content-Type: " + ct)
    if isinstance(p.body, bytes):
        data = p.body
    else:
        data = p.body.encode(p.charset or "utf-8")
    cte = p.cte or ("7bit" if data.isascii() else "8bit")
    if cte == "quoted-printable":
        payload = quopri.encodestring(data)
    elif cte == "base64":
        payload = base64.encodebytes(data)
    else:
        payload = data
        if not payload.endswith(b"\n"):
            payload += b"\n"
    h.append("Content-Transfer-Encoding: " + cte)
    if p.disposition:
        d = p.disposition
        if p.filename:
            d += "; " + encode_filename(p.filename)
        h.append("Content-Disposition: " + d)
    h.extend(p.extra)
    return ("\n".join(h) + "\n\n").encode() + payload


def enc_hdr(v, charset="utf-8"):
    if v.isascii():
        return v
    return Header(fit_charset(v, charset), charset).encode()


def addr(name, mail, charset="utf-8"):
    if not name:
        return mail
    if name.isascii():
        return formataddr((name, mail))
    return formataddr((fit_charset(name, charset), mail), charset=charset)


def build_message(frm, to, date, subject, msgid, body, cc=None, extra=None, hcharset="utf-8", rng=None,
                  xmailer=None, in_reply_to=None):
    rng = rng or R
    h = []
    if rng.random() < 0.3:
        h.append("Return-Path: <%s>" % frm[1])
    h.append("From: " + addr(frm[0], frm[1], hcharset))
    if isinstance(to, str):
        if to.isascii():
            h.append("To: " + to)
        else:
            from email.utils import parseaddr
            h.append("To: " + addr(*parseaddr(to), charset=hcharset))
    else:
        h.append("To: " + ", ".join(addr(n, m, hcharset) for n, m in to))
    if cc:
        h.append("Cc: " + ", ".join(addr(n, m, hcharset) for n, m in cc))
    h.append("Subject: " + enc_hdr(subject, hcharset))
    h.append("Date: " + hdr_date(date))
    h.append("Message-ID: " + msgid)
    if in_reply_to:
        h.append("In-Reply-To: " + in_reply_to)
        h.append("References: " + in_reply_to)
    if xmailer:
        h.append(xmailer)
    h.extend(extra or [])
    h.append("MIME-Version: 1.0")
    return ("\n".join(h) + "\n").encode() + ser_part(body, rng)


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------
ENT = {"é": "&eacute;", "è": "&egrave;", "ê": "&ecirc;", "à": "&agrave;", "ç": "&ccedil;", "ô": "&ocirc;",
       "î": "&icirc;", "û": "&ucirc;", "ù": "&ugrave;", "ë": "&euml;", "ï": "&iuml;", "É": "&Eacute;",
       "«": "&laquo;", "»": "&raquo;", "œ": "&oelig;", "’": "&rsquo;", "â": "&acirc;"}


def to_html(text, rng, entities=None, style=None):
    entities = rng.random() < 0.3 if entities is None else entities
    paras = re.split(r"\n\s*\n", text.strip("\n"))
    out = []
    for para in paras:
        lines = [html.escape(l, quote=False) for l in para.split("\n")]
        inner = "<br>\n".join(lines)
        out.append("<p>%s</p>" % inner if rng.random() < 0.7 else "<div>%s</div><div><br></div>" % inner)
    body = "\n".join(out)
    if entities:
        body = "".join(ENT.get(ch, ch) for ch in body)
    font = style or rng.choice(["font-family: Calibri, sans-serif; font-size: 11pt;",
                                "font-family: Arial, Helvetica, sans-serif;",
                                "font-family:'Segoe UI',Tahoma; font-size:10.5pt; color:#222",
                                "font-family: Georgia, serif;"])
    head = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
    return '%s\n<body><div style="%s">\n%s\n</div></body></html>\n' % (head, font, body)


# ---------------------------------------------------------------------------
# PDF (hand written, text layer in Helvetica / WinAnsiEncoding)
# ---------------------------------------------------------------------------
def pdf_str(s):
    b = fit_charset(s, "windows-1252").encode("cp1252")
    out = []
    for c in b:
        if c in b"()\\":
            out.append("\\" + chr(c))
        elif c < 32 or c > 126:
            out.append("\\%03o" % c)
        else:
            out.append(chr(c))
    return "(" + "".join(out) + ")"


def make_pdf(lines, title="Invitation", landscape=False):
    """lines: list of (text, size, bold) or '' for a blank line; centred card layout."""
    W, H = (842, 595) if landscape else (595, 842)
    y = H - 90
    ops = []
    for ln in lines:
        if ln == "" or ln is None:
            y -= 12
            continue
        text, size, bold = ln
        k = 0.58 if bold else 0.54
        maxc = int((W - 90) / (size * k))
        for chunk in (wrap(text, maxc) if len(text) > maxc else [text]):
            width = len(chunk) * size * k
            x = max(40, (W - width) / 2)
            ops.append("BT /%s %d Tf %.1f %.1f Td %s Tj ET" % ("F2" if bold else "F1", size, x, y, pdf_str(chunk)))
            y -= size * 1.55
    content = ("\n".join(ops) + "\n").encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> "
         "/Contents 6 0 R >>" % (W, H)).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        ("<< /Title %s /Producer (make_agenda_eval3) >>" % pdf_str(title)).encode("latin-1"),
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
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def pdf_text(data):
    """Minimal text extraction of the PDFs written above (for the self-check)."""
    out = []
    for m in re.finditer(rb"\((.*?)(?<!\\)\) Tj", data):
        s = m.group(1)
        b = bytearray()
        i = 0
        while i < len(s):
            c = s[i]
            if c == 0x5C:
                nxt = s[i + 1:i + 4]
                if re.match(rb"[0-7]{3}", nxt):
                    b.append(int(nxt, 8))
                    i += 4
                    continue
                b.append(s[i + 1])
                i += 2
                continue
            b.append(c)
            i += 1
        out.append(bytes(b).decode("cp1252"))
    return "\n".join(out)


# ---------------------------------------------------------------------------
# iCalendar
# ---------------------------------------------------------------------------
VTZ_PARIS = """BEGIN:VTIMEZONE
TZID:Europe/Paris
X-LIC-LOCATION:Europe/Paris
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
VTZ_WIN = VTZ_PARIS.replace("TZID:Europe/Paris\nX-LIC-LOCATION:Europe/Paris", "TZID:Romance Standard Time")


def ics_esc(s):
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line):
    b = line.encode("utf-8")
    if len(b) <= 75:
        return line
    out, cur, limit = [], b"", 75
    for ch in line:
        cb = ch.encode("utf-8")
        if len(cur) + len(cb) > limit:
            out.append(cur.decode("utf-8"))
            cur, limit = b"", 74
        cur += cb
    out.append(cur.decode("utf-8"))
    return "\r\n ".join(out)


def ics_dt(v, mode):
    if mode == "allday":
        return ";VALUE=DATE:%s" % v.strftime("%Y%m%d")
    if mode == "utc":
        return ":" + to_utc(v).strftime("%Y%m%dT%H%M%SZ")
    tz = "Romance Standard Time" if mode == "tzwin" else "Europe/Paris"
    return ';TZID=%s:%s' % ('"%s"' % tz if " " in tz else tz, v.strftime("%Y%m%dT%H%M%S"))


def make_ics(method, uid, summary, start, end, location, description, org_cn, org_mail, mode, stamp,
             attendees=(), status=None, sequence=0, prodid=None, partstat=None):
    L = ["BEGIN:VCALENDAR",
         "PRODID:" + (prodid or "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"),
         "VERSION:2.0"]
    if method:
        L.append("METHOD:" + method)
    if mode in ("tzid", "tzwin"):
        L.extend((VTZ_WIN if mode == "tzwin" else VTZ_PARIS).split("\n"))
    L.append("BEGIN:VEVENT")
    L.append("UID:" + uid)
    L.append("DTSTAMP:" + to_utc(stamp).strftime("%Y%m%dT%H%M%SZ"))
    L.append("DTSTART" + ics_dt(start, mode))
    if end is not None:
        L.append("DTEND" + ics_dt(end, mode))
    L.append("SUMMARY:" + ics_esc(summary))
    if location:
        L.append("LOCATION:" + ics_esc(location))
    if description:
        L.append("DESCRIPTION:" + ics_esc(description))
    L.append('ORGANIZER;CN="%s":mailto:%s' % (org_cn, org_mail))
    for cn, mail in attendees:
        ps = partstat or "NEEDS-ACTION"
        L.append('ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=%s;RSVP=%s;CN="%s":mailto:%s'
                 % (ps, "TRUE" if not partstat else "FALSE", cn, mail))
    L.append("SEQUENCE:%d" % sequence)
    if status:
        L.append("STATUS:" + status)
    L.append("TRANSP:OPAQUE")
    L.append("END:VEVENT")
    L.append("END:VCALENDAR")
    return "\r\n".join(ics_fold(l) for l in L) + "\r\n"


# ---------------------------------------------------------------------------
# Organisations (senders)
# ---------------------------------------------------------------------------
INTERCOS = [
    ("Communauté de communes du Pays des Abers", "Plabennec", ["Lannilis", "Landéda", "Plouguerneau", "Bourg-Blanc", "Plouvien"]),
    ("Concarneau Cornouaille Agglomération", "Concarneau", ["Trégunc", "Rosporden", "Névez", "Elliant", "Pont-Aven"]),
    ("Quimperlé Communauté", "Quimperlé", ["Mellac", "Moëlan-sur-Mer", "Clohars-Carnoët", "Bannalec", "Scaër", "Riec-sur-Bélon"]),
    ("Morlaix Communauté", "Morlaix", ["Saint-Martin-des-Champs", "Plourin-lès-Morlaix", "Taulé", "Carantec", "Plougasnou", "Lanmeur"]),
    ("Poher Communauté", "Carhaix-Plouguer", ["Spézet", "Huelgoat"]),
    ("Haut-Léon Communauté", "Saint-Pol-de-Léon", ["Roscoff", "Cléder", "Plouescat"]),
    ("Communauté Lesneven Côte des Légendes", "Lesneven", ["Le Folgoët", "Kerlouan", "Ploudaniel"]),
    ("Communauté d'agglomération du Pays de Landerneau-Daoulas", "Landerneau", ["Daoulas", "Dirinon", "La Roche-Maurice", "Plouédern", "Irvillac", "Hanvec"]),
    ("Communauté de communes Presqu'île de Crozon-Aulne maritime", "Crozon", ["Camaret-sur-Mer", "Telgruc-sur-Mer", "Lanvéoc", "Pont-de-Buis-lès-Quimerch", "Le Faou"]),
    ("Communauté de communes du Pays Fouesnantais", "Fouesnant", ["La Forêt-Fouesnant", "Bénodet", "Saint-Évarzec"]),
    ("Brest métropole", "Brest", ["Guipavas", "Plougastel-Daoulas", "Le Relecq-Kerhuon", "Plouzané", "Gouesnou", "Guilers", "Bohars"]),
    ("Quimper Bretagne Occidentale", "Quimper", ["Ergué-Gabéric", "Pluguffan", "Briec", "Plomelin"]),
    ("Communauté de communes du Pays Bigouden Sud", "Pont-l'Abbé", ["Loctudy", "Combrit", "Île-Tudy", "Penmarch", "Guilvinec", "Plobannalec-Lesconil"]),
]
COMPANIES = [
    ("Armor Composites", "composites pour la construction navale"), ("Conserverie Kerlann", "conserverie de poissons"),
    ("Laiterie de l'Aulne", "transformation laitière"), ("Menuiseries Quéré & Fils", "menuiserie industrielle"),
    ("Celtic Câbles", "câblerie"), ("Biscuiterie de l'Odet", "biscuiterie artisanale"),
    ("Iroise Marine Services", "maintenance navale"), ("Penn ar Bed Logistique", "logistique"),
    ("Ateliers Kerjean", "chaudronnerie"), ("Brasserie du Léon", "brasserie artisanale"),
    ("Serres de Kerhuel", "production de tomates sous serre"), ("Breizh Algues", "valorisation des algues"),
    ("Océane Électronique", "sous-traitance électronique"), ("Transports Le Dréau", "transport routier"),
    ("Imprimerie Abgrall", "imprimerie"), ("Kerbio Énergie", "méthanisation agricole"),
    ("Crêperie industrielle Ty Billig", "agroalimentaire"), ("Chantier naval du Moros", "construction navale"),
]
PROVIDERS = ["orange.fr", "wanadoo.fr", "gmail.com", "laposte.net", "free.fr", "sfr.fr", "yahoo.fr", "hotmail.fr"]


def personal_mail(rng, p):
    f, n = slug(p[0]), slug(p[1]).replace("-", "")
    pat = rng.choice(["{f}.{n}", "{f}{n}", "{fi}.{n}", "{n}.{f}", "{f}.{n}29", "{fi}{n}", "{n}{fi}"])
    return pat.format(f=f, n=n, fi=f[0]) + "@" + rng.choice(PROVIDERS)


def mf(p, m, f):
    return m if p[2] == "M" else f


def make_org(rng, ok, c, sub=None):
    """A sending organisation located in commune c."""
    p = person(rng)
    s = slug(c) if c else ""
    street = "%d %s" % (rng.randrange(1, 60), rng.choice(STREETS))
    o = dict(ok=ok, c=c, p=p, street=street, phone=phone(rng), names_commune=True, sub=sub)
    title_p = "%s %s" % (p[0], p[1])
    if ok == "mairie":
        o["name"] = rng.choice(["Mairie", "Ville", "Commune"]) + " " + de(c)
        o["role"] = "Maire " + de(c)
        o["email"] = rng.choice(["cabinet", "accueil", "secretariat.maire", "mairie", "protocole", "communication"]) \
            + "@" + rng.choice(["mairie-", "ville-", ""]) + s + ".exemple.fr"
        o["addr"] = "Hôtel de ville, %s, %s %s" % (street, COMMUNES[c][1], c)
        o["subj3"] = rng.choice(["Le Maire %s et le Conseil municipal" % de(c),
                                 "%s, Maire %s, et le Conseil municipal" % (title_p, de(c)),
                                 "La municipalité %s" % de(c)])
        o["plural3"] = not o["subj3"].startswith("La municipalité")
    elif ok == "veterans":
        base = rng.choice(["Union nationale des combattants – section %s" % de(c),
                           "Comité FNACA %s" % de(c), "Souvenir Français – comité %s" % de(c),
                           "Association des anciens combattants et victimes de guerre %s" % de(c),
                           "UNC %s" % c])
        o["name"] = base
        o["role"] = mf(p, "Président", "Présidente")
        o["email"] = personal_mail(rng, p)
        o["addr"] = "Siège : mairie %s, %s %s" % (de(c), COMMUNES[c][1], c)
        o["subj3"] = "Le %s et les membres du bureau de l'%s" % ("Président" if p[2] == "M" else "La Présidente", base) \
            if base.startswith(("Union", "Association", "UNC")) else "Le bureau du %s" % base
        o["subj3"] = o["subj3"].replace("Le La Présidente", "La Présidente")
        o["plural3"] = not o["subj3"].startswith("Le bureau")
    elif ok == "asso":
        base = rng.choice(["Comité des fêtes %s" % de(c), "Amicale laïque %s" % de(c),
                           "Cercle celtique Bleuniadur %s" % de(c), "Bagad %s" % core_name(c),
                           "ADMR %s" % de(c), "Association Ar Vag %s" % de(c), "Club des aînés Ti Kreiz %s" % de(c),
                           "Banque alimentaire – antenne %s" % de(c), "Les Amis du patrimoine %s" % de(c),
                           "Association des commerçants %s" % de(c), "Secours populaire – comité %s" % de(c)])
        o["name"] = base
        o["role"] = rng.choice([mf(p, "Président", "Présidente"), mf(p, "Secrétaire", "Secrétaire"),
                                mf(p, "Co-président", "Co-présidente")])
        o["email"] = rng.choice([personal_mail(rng, p), slug(base)[:24] + "@" + rng.choice(PROVIDERS)])
        o["addr"] = "%s, %s %s" % (street, COMMUNES[c][1], c)
        o["subj3"] = "Le Conseil d'administration de l'association" if rng.random() < 0.5 else "Les bénévoles du %s" % base
        o["plural3"] = o["subj3"].startswith("Les")
    elif ok == "company":
        name, act = sub or rng.choice(COMPANIES)
        o["name"] = name
        o["activity"] = act
        o["role"] = rng.choice([mf(p, "Directeur général", "Directrice générale"), mf(p, "Président", "Présidente"),
                                mf(p, "Gérant", "Gérante"), mf(p, "Directeur du site", "Directrice du site"),
                                "Responsable communication"])
        o["email"] = "%s.%s@%s.exemple.fr" % (slug(p[0]), slug(p[1]).replace("-", ""), slug(name)[:20])
        zone = rng.choice(ZONES)
        o["street"] = "%s, %d rue %s" % (zone, rng.randrange(1, 40), rng.choice(["des Entrepreneurs", "Gustave-Eiffel", "de l'Industrie", "Denis-Papin", "Ampère", "des Artisans"]))
        o["addr"] = "%s – %s %s" % (o["street"], COMMUNES[c][1], c)
        o["names_commune"] = False
        o["subj3"] = "La direction et l'ensemble des salariés de %s" % name
        o["plural3"] = True
    elif ok == "school":
        base = rng.choice(["École publique Jules-Ferry", "École Diwan", "École Sainte-Anne", "École publique de Kerzu",
                           "Collège Saint-Joseph", "Collège public Jean-Moulin", "Lycée professionnel de l'Aulne",
                           "Lycée agricole", "École maternelle et élémentaire Paul-Éluard", "Collège Pierre-Stéphan"])
        o["name"] = "%s %s" % (base, de(c))
        o["role"] = rng.choice([mf(p, "Directeur", "Directrice"), mf(p, "Principal", "Principale"),
                                mf(p, "Proviseur", "Proviseure")]) if not base.startswith("École") else mf(p, "Directeur", "Directrice")
        o["email"] = "ec.%s.%s@ac-rennes-exemple.fr" % (slug(base.split()[-1])[:10], s[:12])
        o["addr"] = "%s, %s %s" % (street, COMMUNES[c][1], c)
        o["subj3"] = "Les élèves et l'équipe pédagogique de l'%s" % o["name"] if o["name"].startswith("École") else \
            "L'équipe de direction du %s" % o["name"]
        o["plural3"] = o["subj3"].startswith("Les")
    elif ok == "sdis":
        o["name"] = rng.choice(["Amicale des sapeurs-pompiers %s" % de(c), "Centre d'incendie et de secours %s" % de(c)])
        o["role"] = rng.choice([mf(p, "Président de l'amicale", "Présidente de l'amicale"), "Chef de centre",
                                "Lieutenant, chef de centre", "Capitaine, chef de centre"])
        o["email"] = rng.choice(["amicale.sp.%s@%s" % (s[:14], rng.choice(PROVIDERS)),
                                 "cis.%s@sdis29-exemple.fr" % s[:14]])
        o["addr"] = "Centre de secours, %s, %s %s" % (street, COMMUNES[c][1], c)
        o["subj3"] = "Le Chef de centre et les sapeurs-pompiers %s" % de(c)
        o["plural3"] = True
    elif ok == "comice":
        o["name"] = "Comice agricole du canton %s" % de(c)
        o["role"] = mf(p, "Président du comice", "Présidente du comice")
        o["email"] = "comice.%s@%s" % (s[:14], rng.choice(PROVIDERS))
        o["addr"] = "%s %s" % (COMMUNES[c][1], c)
        o["subj3"] = "Le Président et les membres du comice agricole du canton %s" % de(c)
        o["plural3"] = True
    elif ok == "interco":
        name, seat, members = sub
        o["c"] = c = seat
        o["members"] = members
        o["name"] = name
        o["role"] = mf(p, "Président", "Présidente") + " de " + name
        o["email"] = rng.choice(["cabinet", "communication", "secretariat.president"]) + "@" + slug(name)[:22] + ".exemple.fr"
        o["addr"] = "Hôtel communautaire, %s, %s %s" % (street, COMMUNES[seat][1], seat)
        o["subj3"] = "Le Président et les élus de %s" % name if p[2] == "M" else "La Présidente et les élus de %s" % name
        o["plural3"] = True
        o["names_commune"] = False
    elif ok == "chambre":
        o["name"] = rng.choice(["Chambre d'agriculture du Finistère", "Chambre de métiers et de l'artisanat du Finistère",
                                "CCI métropolitaine Bretagne ouest – délégation de %s" % c])
        o["role"] = rng.choice([mf(p, "Président", "Présidente"), mf(p, "Président", "Présidente") + " de la délégation"])
        o["email"] = "protocole@%s.exemple.fr" % slug(o["name"])[:18]
        o["addr"] = "%s, %s %s" % (street, COMMUNES[c][1], c)
        o["subj3"] = "Le Président et les élus de la %s" % o["name"].split(" –")[0]
        o["plural3"] = True
        o["names_commune"] = "–" in o["name"]
    elif ok == "ehpad":
        o["name"] = rng.choice(["EHPAD Ker Héol", "Résidence Ty Marhic", "EHPAD Les Hortensias", "Résidence Kerlaouen"]) + " " + de(c)
        o["role"] = mf(p, "Directeur", "Directrice")
        o["email"] = "direction@%s.exemple.fr" % slug(o["name"])[:20]
        o["addr"] = "%s, %s %s" % (street, COMMUNES[c][1], c)
        o["subj3"] = "La direction, les résidents et le personnel de l'%s" % o["name"] if o["name"].startswith("EHPAD") else \
            "La direction, les résidents et le personnel de la %s" % o["name"]
        o["plural3"] = True
    elif ok == "club":
        o["name"] = rng.choice(["Union sportive %s" % de(c), "Hand-ball club %s" % de(c), "Cercle nautique %s" % de(c),
                                "Étoile sportive %s" % de(c), "Football club %s" % de(c), "Avel Vor Sport %s" % c])
        o["role"] = mf(p, "Président", "Présidente")
        o["email"] = personal_mail(rng, p)
        o["addr"] = "%s, %s %s" % (street, COMMUNES[c][1], c)
        o["subj3"] = "Le bureau et les licenciés du club"
        o["plural3"] = True
    elif ok == "amf":
        o["name"] = "Association des maires et présidents d'intercommunalité du Finistère"
        o["role"] = mf(p, "Président", "Présidente") + " de l'AMF 29"
        o["email"] = "contact@amf29-exemple.fr"
        o["addr"] = "%s, %s %s" % (street, COMMUNES[c][1], c)
        o["subj3"] = "Le Président et le bureau de l'Association des maires du Finistère"
        o["plural3"] = True
        o["names_commune"] = False
    elif ok == "prefecture":
        o["name"] = rng.choice(["Préfecture du Finistère", "Sous-préfecture de Morlaix", "Sous-préfecture de Brest",
                                "Sous-préfecture de Châteaulin", "Sous-préfecture de Quimper"])
        o["c"] = c = {"Préfecture du Finistère": "Quimper", "Sous-préfecture de Quimper": "Quimper"}.get(o["name"], o["name"].split(" de ")[-1])
        o["role"] = "Cabinet du préfet – Bureau du protocole"
        o["email"] = "pref-protocole@finistere-exemple.gouv.fr"
        o["addr"] = "%s %s" % (COMMUNES[c][1], c)
        o["subj3"] = "Le Préfet du Finistère" if o["name"].startswith("Préfecture") else "Le Sous-préfet"
        o["plural3"] = False
    elif ok == "hospital":
        o["name"] = rng.choice(["Centre hospitalier %s" % de(c), "Hôpital local %s" % de(c)])
        o["role"] = mf(p, "Directeur", "Directrice")
        o["email"] = "direction@ch-%s.exemple.fr" % s[:16]
        o["addr"] = "%s, %s %s" % (street, COMMUNES[c][1], c)
        o["subj3"] = "La direction et la communauté médicale du %s" % o["name"]
        o["plural3"] = False
    else:
        raise ValueError(ok)
    o["label"] = "%s — %s %s, %s" % (o["name"], p[0], p[1], o["role"])
    return o


def signature(o, rng, with_addr=True, with_commune=True, short=False):
    p = o["p"]
    lines = ["%s %s" % (p[0], p[1]) if rng.random() < 0.85 else "%s %s" % (p[0], p[1].upper())]
    if o["ok"] == "mairie":
        lines.append(o["role"])
        if rng.random() < 0.25:
            lines.append(mf(p, "Conseiller départemental du Finistère", "Conseillère départementale du Finistère"))
    else:
        lines.append(o["role"])
        if o["name"] not in o["role"]:
            lines.append(o["name"])
    if short:
        return "\n".join(lines)
    if with_addr:
        if with_commune:
            lines.append(o["addr"])
        else:
            lines.append(o["street"])
    if rng.random() < 0.8:
        lines.append(rng.choice(["Tél. ", "Tel : ", "☎ ", "T. ", ""]) + o["phone"])
    if rng.random() < 0.4:
        lines.append(o["email"])
    sep = rng.choice(["--\n", "-- \n", "", "", "___\n"])
    return sep + "\n".join(lines)


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------
FEM_HEADS = ("salle", "médiathèque", "maison", "halle", "place", "chapelle", "cale", "caserne", "ferme",
             "école", "mairie", "résidence", "cour", "esplanade", "église", "base", "piscine", "Maison", "Halle",
             "Cité", "cité", "Chapelle", "voie", "station", "déchèterie", "pépinière", "agence")


def hall_np(h):
    """noun phrase with article for a hall name."""
    if h.startswith("Le "):
        return "le " + h[3:]
    if h.startswith("La "):
        return "la " + h[3:]
    if h.startswith("L'"):
        return "l'" + h[2:]
    first = h.split()[0]
    low = first.lower()
    if low in ("vestiaires", "locaux", "ateliers", "jardins"):
        return "les " + h
    if low[0] in "aeiouéèêîh" and low not in ("halle", "hôtel"):
        return "l'" + h
    if first in FEM_HEADS or low in FEM_HEADS:
        return "la " + h
    return "le " + h


class Ev:
    def __init__(self, title, date, start=None, end=None, end_date=None, hall=None, street=None, commune=None,
                 notes=None, mismatch=False, ambiguous=False, time_stated=None, place_override=None):
        self.title, self.date, self.start, self.end, self.end_date = title, date, start, end, end_date
        self.hall, self.street, self.commune, self.notes = hall, street, commune, notes
        self.mismatch, self.ambiguous = mismatch, ambiguous
        self.time_stated = (start is not None) if time_stated is None else time_stated
        self.place_override = place_override
        self.ds = self.ds_pre = self.tp = self.ts = self.wp = None
        self.dkind = None
        self.wd_written = None

    def place_str(self):
        if self.place_override:
            return self.place_override
        parts = [cap(self.hall)] if self.hall else []
        if self.street:
            parts.append(self.street)
        if self.commune:
            parts.append("%s %s" % (COMMUNES[self.commune][1], self.commune))
        return ", ".join(parts)

    def truth(self, organiser, rsvp_by=None, rsvp_contact=None):
        return dict(title=self.title, date=self.date.isoformat(),
                    end_date=self.end_date.isoformat() if self.end_date else None,
                    start=hhmm(self.start), end=hhmm(self.end),
                    all_day=(not self.time_stated) and not self.ambiguous,
                    place=self.place_str(),
                    commune_code=COMMUNES[self.commune][0] if self.commune else None,
                    organiser=organiser, rsvp_by=rsvp_by.isoformat() if rsvp_by else None,
                    rsvp_contact=rsvp_contact, notes=self.notes, weekday_mismatch=self.mismatch,
                    ambiguous=self.ambiguous)


def set_date_surface(ev, mode, rng):
    d = ev.date
    wd = None
    if mode == "prochain":
        ev.ds, ev.ds_pre, ev.dkind = WD[d.weekday()] + " prochain", "", "prochain"
        return
    if mode == "full":
        st = rng.choice(["full", "full", "full", "Full", "dmy", "FullM", "full"])
    elif mode == "noyear":
        st = rng.choice(["noyear", "noyear", "noyear", "dm", "abbr"])
    elif mode == "num":
        st = rng.choice(["num", "wnum", "num"])
    elif mode == "numy":
        st = rng.choice(["numy", "wnumy"])
    elif mode == "month_omitted":
        st = "month_omitted"
    elif mode == "mismatch":
        st = rng.choice(["full", "Full", "noyear", "full"])
        wd = (d.weekday() + rng.choice([1, -1, 1, 2])) % 7
        ev.mismatch = True
    else:
        raise ValueError(mode)
    ev.ds = fdate(d, st, wd)
    ev.wd_written = wd
    ev.dkind = {"num": "num", "wnum": "num", "numy": "numy", "wnumy": "numy",
                "month_omitted": "month_omitted"}.get(st, "full" if DATE_HAS_YEAR[st] else "noyear")
    ev.ds_pre = "ce " if (st == "month_omitted" and rng.random() < 0.4) else ("" if st == "month_omitted" and rng.random() < 0.5 else "le ")


def set_time_phrase(ev, rng, tstyle=None, form=None):
    if ev.start is None:
        ev.tp, ev.ts = "", None
        return
    tstyle = tstyle or rng.choice(TIME_STYLES)
    if ev.start == (12, 0) and rng.random() < 0.7:
        tstyle = "midi"
    ts = ftime(ev.start, tstyle)
    ev.ts = ts
    if ev.end:
        te = ftime(ev.end, tstyle if tstyle != "midi" else "h")
        form = form or rng.choice(["de", "de", "dash", "entre", "fin", "jusqu"])
        if form == "dash" and tstyle in ("heures", "sp"):
            form = "de"
        ev.tp = {"de": "de %s à %s" % (ts, te), "dash": "%s-%s" % (ts, te), "entre": "entre %s et %s" % (ts, te),
                 "fin": "à %s (fin prévue à %s)" % (ts, te), "jusqu": "de %s jusqu'à %s" % (ts, te)}[form]
    else:
        form = form or rng.choice(["à", "à", "à", "à", "dès", "à partir de"])
        ev.tp = "%s %s" % (form, ts)


def set_where(ev, rng, mode="full"):
    """mode: full | implied | commune_only"""
    hn = hall_np(ev.hall)
    c = ev.commune
    if mode == "implied":
        ev.wp = np_a(hn) if rng.random() < 0.5 or not ev.street else "%s, %s" % (np_a(hn), ev.street)
        return
    cp = COMMUNES[c][1]
    if not ev.street:
        ev.wp = rng.choice(["%s, %s %s" % (np_a(hn), cp, c), "%s %s" % (np_a(hn), a(c)), "%s – %s" % (np_a(hn), c)])
        return
    forms = ["%s, %s, %s %s" % (np_a(hn), ev.street, cp, c),
             "%s (%s) %s" % (np_a(hn), ev.street, a(c)),
             "%s %s" % (np_a(hn), de(c)) if not ev.hall[0].isupper() else "%s %s" % (np_a(hn), a(c)),
             "%s, %s %s" % (np_a(hn), ev.street, a(c)),
             "%s – %s – %s" % (np_a(hn), ev.street, c)]
    ev.wp = rng.choice(forms)


def core_name(c):
    return c[3:] if c.startswith("Le ") else c


# kinds: (org kinds, weight)
KINDS = {
    "inauguration": (["mairie", "mairie", "mairie", "company", "company", "interco", "ehpad", "school", "sdis", "club", "asso", "hospital"], 26),
    "premiere_pierre": (["mairie", "company", "interco", "ehpad", "hospital"], 6),
    "voeux": (["mairie", "mairie", "interco", "chambre", "sdis", "asso", "company"], 14),
    "11nov": (["mairie", "veterans"], 10), "8mai": (["mairie", "veterans"], 8), "19mars": (["veterans"], 2),
    "18juin": (["veterans", "mairie"], 2), "14juillet": (["mairie"], 2), "deportation": (["veterans"], 2),
    "ag": (["asso", "asso", "club", "comice", "chambre"], 15),
    "comice": (["comice"], 8), "congres": (["amf"], 5), "sainte_barbe": (["sdis"], 9),
    "medailles": (["mairie", "prefecture", "company", "asso", "sdis"], 8),
    "portes_ouvertes": (["company", "school", "sdis", "ehpad", "school"], 9),
    "anniversaire": (["company", "asso", "club", "ehpad", "school"], 8), "jumelage": (["mairie"], 3),
    "festival": (["asso", "mairie"], 6), "salon": (["chambre", "asso", "mairie", "company"], 6),
    "pardon": (["asso", "mairie"], 3), "remise_prix": (["chambre", "school", "mairie", "asso"], 5),
    "soiree_benevoles": (["mairie", "asso"], 4), "repas_aines": (["mairie", "ehpad"], 5),
    "marche_noel": (["mairie", "asso"], 3), "visite_chantier": (["company", "interco", "mairie", "hospital"], 4),
    "ecole": (["school"], 5), "citoyennete": (["mairie"], 3), "regate": (["club"], 3),
}

JUMEAUX = ["Penryn (Cornouailles)", "Dingle (Irlande)", "Llandeilo (pays de Galles)", "Tavistock (Devon)",
           "Carnoustie (Écosse)", "Bantry (Irlande)", "Saint-Ives (Cornouailles)", "Nordkirchen (Allemagne)"]
CHAPELLES = ["Notre-Dame de Rumengol", "Notre-Dame du Folgoët", "Saint-Tugen", "Notre-Dame de Kergoat",
             "Saint-Herbot", "Notre-Dame de la Clarté", "Saint-Gildas", "Notre-Dame de Callot"]
PROJ_MAIRIE = ["la nouvelle médiathèque « Ti ar Geriou »", "la salle omnisports rénovée", "la maison de santé pluridisciplinaire",
               "le nouveau groupe scolaire", "la place de la Mairie réaménagée", "le pôle enfance-jeunesse",
               "la cale de mise à l'eau de Porz Gwenn", "l'aire de jeux du bourg", "la voie verte du Vern",
               "les vestiaires du stade", "la halle du marché", "le centre-bourg rénové", "le local jeunes « Ti ar Yaouankiz »",
               "l'espace intergénérationnel", "la nouvelle station d'épuration"]
PROJ_COMPANY = ["notre nouvelle unité de production", "notre nouveau siège social", "l'extension de notre site",
                "notre nouvelle ligne de conditionnement", "notre plateforme logistique", "notre nouvel atelier"]
PROJ_INTERCO = ["le nouveau centre aquatique communautaire", "la déchèterie intercommunale rénovée",
                "l'espace France services", "la maison de l'emploi et de la formation", "la pépinière d'entreprises",
                "le pôle d'échanges multimodal"]


def past_date_phrase(rng, ref):
    d = ref - dt.timedelta(days=rng.randrange(40, 500))
    return rng.choice(["en %s %d" % (MO[d.month - 1], d.year), "le %s" % fdate(d, "dmy"),
                       "depuis %s %d" % (MO[d.month - 1], d.year)])


def lead_days(rng):
    x = rng.random()
    if x < 0.6:
        return rng.randrange(8, 36)
    if x < 0.85:
        return rng.randrange(36, 91)
    if x < 0.96:
        return rng.randrange(91, 201)
    return rng.randrange(201, 285)


def rule_date(rng, kind, y):
    """A plausible date for the kind in year y (may return None)."""
    def window(m1, d1, m2, d2, wds):
        a0, b0 = dt.date(y, m1, d1), dt.date(y, m2, d2)
        cands = [a0 + dt.timedelta(days=k) for k in range((b0 - a0).days + 1)]
        cands = [c for c in cands if c.weekday() in wds]
        return rng.choice(cands) if cands else None
    if kind == "out_congres":
        return window(11, 17, 11, 27, {1, 2})
    if kind == "out_sia":
        return window(2, 22, 3, 3, {0, 1, 2, 3, 4})
    if kind == "out_week":
        return window(1, 10, 12, 10, {0, 1, 2, 3, 4})
    if kind == "11nov":
        return dt.date(y, 11, 11)
    if kind == "8mai":
        return dt.date(y, 5, 8)
    if kind == "19mars":
        return dt.date(y, 3, 19)
    if kind == "18juin":
        return dt.date(y, 6, 18)
    if kind == "14juillet":
        return dt.date(y, 7, 14)
    if kind == "deportation":
        return last_sunday(y, 4)
    if kind == "voeux":
        return window(1, 5, 1, 31, {0, 1, 2, 3, 4, 5, 6} if rng.random() < 0.3 else {4, 5})
    if kind == "comice":
        return window(8, 20, 9, 14, {5})
    if kind == "congres":
        return window(10, 1, 10, 31, {4, 5})
    if kind == "sainte_barbe":
        return window(11, 28, 12, 14, {4, 5})
    if kind in ("jumelage", "festival", "pardon", "regate"):
        return window(6, 1, 9, 10, {5, 6} if kind != "festival" else {4, 5})
    if kind == "repas_aines":
        return window(10, 1, 12, 14, {5, 6})
    if kind == "marche_noel":
        return window(11, 29, 12, 14, {4, 5})
    if kind == "ecole":
        return window(5, 20, 7, 3, {0, 1, 3, 4})
    if kind == "citoyennete":
        return window(3, 1, 5, 31, {5})
    if kind in ("visite_chantier", "premiere_pierre"):
        return window(1, 15, 12, 10, {0, 1, 2, 3, 4})
    if kind == "portes_ouvertes":
        return window(1, 15, 11, 30, {5})
    if kind in ("soiree_benevoles",):
        return window(1, 15, 12, 15, {4})
    if kind == "ag":
        return window(1, 20, 11, 30, {4, 5} if rng.random() < 0.7 else {0, 1, 2, 3})
    if kind == "salon":
        return window(2, 1, 11, 20, {4})
    return window(1, 10, 12, 15, {5} if rng.random() < 0.55 else {0, 1, 2, 3, 4, 5})


def pick_dates(rng, kind, mode, force_wd=None, lead=None):
    """returns (event date, header datetime)."""
    for _ in range(500):
        y = rng.choice([2025, 2025, 2026, 2026, 2027, 2027, 2028])
        d = rule_date(rng, kind, y)
        if d is None:
            continue
        if force_wd is not None and d.weekday() not in force_wd:
            continue
        if mode == "prochain":
            if d.weekday() not in (5, 6):
                continue
            back = rng.choice([d.weekday(), d.weekday() - 1])  # Monday or Tuesday of the same week
            hd = d - dt.timedelta(days=back)
        elif mode == "month_omitted":
            prev = (d.replace(day=1) - dt.timedelta(days=1))
            try:
                prev_same = prev.replace(day=d.day)
            except ValueError:
                continue
            gap = (d - prev_same).days
            if d.day > 28:
                continue
            k = rng.randrange(3, min(20, gap - 1))
            hd = d - dt.timedelta(days=k)
        else:
            ld = lead if lead else (rng.randrange(8, 46) if kind in ("11nov", "8mai", "19mars", "18juin", "14juillet", "deportation", "sainte_barbe", "voeux", "marche_noel") else lead_days(rng))
            hd = d - dt.timedelta(days=ld)
        if not (D0 <= hd <= D1):
            continue
        if (d - hd).days >= 295 or (d - hd).days < 2:
            continue
        return d, at_hour(hd, rng, 7, 21)
    raise RuntimeError("no date for " + kind)


def pick_commune(rng):
    x = rng.random()
    if x < 0.45:
        return rng.choice(BIG)
    if x < 0.7:
        return rng.choice(TRICKY)
    return rng.choice(FINI)


def default_hall(rng, kind, c, o):
    """(hall, street) for an event of this kind in commune c."""
    st = o["street"] if o["ok"] in ("company",) else "%d %s" % (rng.randrange(1, 40), rng.choice(STREETS))
    if kind in ("11nov", "8mai", "19mars", "18juin", "14juillet", "deportation"):
        return "monument aux morts", rng.choice(["place de la Mairie", "place du 8-Mai-1945", "rue du 11-Novembre-1918",
                                                 "place de l'Église", "place du 19-Mars-1962", "square du Souvenir"])
    if o["ok"] == "company":
        if kind in ("inauguration", "portes_ouvertes", "anniversaire", "visite_chantier", "premiere_pierre", "medailles"):
            return "site de %s" % o["name"], o["street"]
        return rng.choice(["salle de réception de l'entreprise", "showroom", "atelier principal", "restaurant d'entreprise"]), o["street"]
    if o["ok"] == "sdis":
        return "centre d'incendie et de secours", st
    if o["ok"] == "school":
        return rng.choice(["cour de l'école", "salle de motricité", "self du collège", "préau", "CDI", "gymnase de l'établissement"]) \
            if kind != "portes_ouvertes" else "établissement", o["street"]
    if o["ok"] == "ehpad":
        return rng.choice(["salle d'animation de la résidence", "jardin de la résidence", "résidence"]), o["street"]
    if kind == "comice":
        return "exploitation de la famille %s, lieu-dit %s" % (rng.choice(NOMS), rng.choice(["Kerhuel", "Kervennec", "Lannuzel", "Penhoat", "Kerhoas", "Kerscao", "Trévarez"])), None
    if kind == "pardon":
        return "chapelle " + rng.choice(CHAPELLES), None
    if kind == "regate":
        return rng.choice(["port de plaisance", "cale du Cercle nautique", "base nautique"]), st
    if c in HALLS and rng.random() < 0.55:
        return rng.choice(HALLS[c])
    if kind == "repas_aines":
        return rng.choice(["salle des fêtes", "salle polyvalente", "restaurant scolaire"]), st
    if kind == "inauguration" and o["ok"] == "mairie":
        return None, st  # the project itself
    return rng.choice(GENERIC_HALLS), st


def describe(rng, kind, o, c):
    """title, what (noun phrase), times, notes options, programme maker."""
    ok = o["ok"]
    nm = o["name"]
    times = [(10, 30), (11, 0), (11, 30), (17, 0), (18, 0), (18, 30)]
    notes = [None, None, None]
    if kind == "inauguration":
        proj = {"mairie": PROJ_MAIRIE, "company": PROJ_COMPANY, "interco": PROJ_INTERCO,
                "ehpad": ["la nouvelle aile de la résidence", "le pôle d'activités et de soins adaptés"],
                "school": ["les nouveaux locaux de l'établissement", "le nouveau restaurant scolaire", "l'espace numérique"],
                "sdis": ["le nouveau centre d'incendie et de secours"], "club": ["le terrain synthétique", "le nouveau club-house"],
                "asso": ["l'épicerie solidaire", "le local rénové de l'association"],
                "hospital": ["le nouveau service des urgences", "l'unité de soins palliatifs"]}[ok]
        p = rng.choice(proj)
        what = "l'inauguration " + np_de(p)
        title = "Inauguration " + np_de(p.replace("notre ", "la ").replace("nos ", "les ").replace("la nouvel ", "le nouvel "))
        notes = [None, None, "Un verre de l'amitié clôturera la cérémonie.", None]
        times += [(15, 0), (17, 30), (10, 0), (12, 0)]
    elif kind == "premiere_pierre":
        p = rng.choice({"mairie": PROJ_MAIRIE, "company": PROJ_COMPANY, "interco": PROJ_INTERCO,
                        "ehpad": ["la future résidence autonomie"], "hospital": ["le futur pôle mère-enfant"]}[ok])
        what = "la pose de la première pierre " + np_de(p)
        title = "Pose de la première pierre – " + p.replace("notre ", "").replace("la ", "", 1)
        times = [(10, 0), (11, 0), (15, 0), (16, 30), (17, 0)]
        notes = [None, "Prévoir des chaussures adaptées (chantier).", None]
    elif kind == "voeux":
        what = rng.choice({"mairie": ["la cérémonie des vœux de la municipalité", "la cérémonie des vœux aux forces vives de la commune",
                                      "les vœux du Maire aux personnalités et aux acteurs locaux"],
                           "interco": ["la cérémonie des vœux communautaires", "les vœux de l'exécutif aux acteurs du territoire"],
                           "chambre": ["la soirée des vœux de la Chambre", "la cérémonie des vœux aux partenaires"],
                           "sdis": ["la cérémonie des vœux du centre de secours"],
                           "asso": ["la galette des rois et les vœux de l'association"],
                           "company": ["la soirée des vœux de l'entreprise à ses partenaires"]}[ok])
        title = cap(what.replace("la cérémonie des", "Cérémonie des").replace("les vœux", "Vœux"))
        times = [(18, 0), (18, 30), (19, 0), (11, 0), (18, 0), (17, 30)]
    elif kind in ("11nov", "8mai", "19mars", "18juin", "14juillet", "deportation"):
        what, title = {
            "11nov": ("la cérémonie commémorative de l'Armistice du 11 novembre 1918", "Commémoration du 11 Novembre"),
            "8mai": ("la cérémonie commémorative de la Victoire du 8 mai 1945", "Cérémonie du 8 Mai"),
            "19mars": ("la journée nationale du souvenir et de recueillement à la mémoire des victimes de la guerre d'Algérie (19 mars 1962)", "Cérémonie du 19 Mars"),
            "18juin": ("la commémoration de l'Appel du 18 juin 1940", "Appel du 18 Juin"),
            "14juillet": ("les cérémonies de la Fête nationale", "Fête nationale – cérémonie"),
            "deportation": ("la journée nationale du souvenir des victimes et des héros de la Déportation", "Souvenir de la Déportation"),
        }[kind]
        times = [(10, 30), (11, 0), (11, 15), (10, 0), (18, 0), (11, 30)] if kind != "18juin" else [(18, 0), (18, 30), (11, 0)]
        notes = ["Port des décorations.", "Dépôt de gerbe.", "Port des décorations pendantes souhaité.",
                 "Les élus sont invités à porter leur écharpe.", None, None]
    elif kind == "ag":
        what = rng.choice(["notre assemblée générale", "l'assemblée générale annuelle de l'association",
                           "notre assemblée générale ordinaire", "l'assemblée générale de notre association, suivie du pot de l'amitié"])
        if ok == "comice":
            what = "l'assemblée générale du comice agricole"
        if ok == "chambre":
            what = "la session plénière de la Chambre"
        title = "Assemblée générale – " + nm
        times = [(18, 0), (18, 30), (20, 0), (20, 30), (10, 0), (14, 30), (17, 30)]
    elif kind == "comice":
        what = rng.choice(["le comice agricole", "le comice agricole cantonal", "notre comice agricole annuel"])
        title = "Comice agricole du canton " + de(o["c"])
        times = [(9, 0), (10, 0), (11, 0), (11, 30), (12, 0)]
        notes = ["Prévoir des bottes.", None, None]
    elif kind == "congres":
        what = "le congrès départemental des maires et présidents d'intercommunalité du Finistère"
        title = "Congrès des maires du Finistère"
        times = [(8, 30), (9, 0), (9, 30)]
    elif kind == "sainte_barbe":
        what = rng.choice(["la cérémonie de la Sainte-Barbe", "notre Sainte-Barbe", "la traditionnelle cérémonie de la Sainte-Barbe"])
        title = "Sainte-Barbe – " + nm
        times = [(17, 0), (17, 30), (18, 0), (10, 30), (11, 0), (18, 30)]
        notes = ["Tenue de ville.", None, "Port des décorations."]
    elif kind == "medailles":
        person2 = person(rng)
        what = rng.choice(["la remise des médailles d'honneur du travail",
                           "la cérémonie de remise de la médaille de la Famille",
                           "la remise de la médaille de la Ville à %s %s" % (person2[0], person2[1]),
                           "la remise des insignes de chevalier dans l'ordre national du Mérite à %s %s" % (mf(person2, "M.", "Mme"), person2[1]),
                           "la remise des médailles de la sécurité intérieure",
                           "la remise de la médaille d'honneur régionale, départementale et communale aux élus et agents"])
        title = cap(what.split(" à ")[0])
        times = [(11, 0), (17, 0), (18, 0), (18, 30), (11, 30)]
        notes = [None, "Tenue de ville.", None]
    elif kind == "portes_ouvertes":
        what = rng.choice(["notre journée portes ouvertes", "la journée portes ouvertes de l'établissement",
                           "nos portes ouvertes"])
        title = "Portes ouvertes – " + nm
        times = [(14, 0), (9, 30), (10, 0), (9, 0)]
    elif kind == "anniversaire":
        n = rng.choice([10, 20, 25, 30, 40, 50, 60, 100])
        what = rng.choice(["la soirée anniversaire des %d ans %s" % (n, org_de(nm)), "la célébration des %d ans %s" % (n, org_de(nm))])
        if n == 100:
            what = "la célébration du centenaire " + org_de(nm)
        title = "%d ans %s" % (n, org_de(nm))
        times = [(18, 30), (19, 0), (11, 0), (18, 0), (12, 0)]
    elif kind == "jumelage":
        j = rng.choice(JUMEAUX)
        what = "la cérémonie officielle du %de anniversaire du jumelage avec %s" % (rng.choice([20, 25, 30, 40, 50]), j)
        title = "Anniversaire du jumelage avec " + j.split(" (")[0]
        times = [(11, 0), (18, 0), (17, 30)]
    elif kind == "festival":
        f = rng.choice(["du festival Gouel an Aod", "de la Fête du cidre", "du festival Kanomp Breizh", "de la Fête de la mer",
                        "du festival des Abers", "de la Fête du pain", "des Rencontres celtiques"])
        what = "l'inauguration officielle " + f
        title = cap(what.replace("l'inauguration officielle", "Inauguration"))
        times = [(18, 0), (18, 30), (11, 0), (17, 0)]
    elif kind == "salon":
        sname = rng.choice(["le Salon de l'habitat", "le Forum de l'emploi et de la formation", "le Salon du livre jeunesse",
                            "le Salon Terre & Mer", "le Salon des métiers d'art", "la Foire aux vins et à la gastronomie"])
        what = "l'inauguration " + np_de(sname)[0:] if rng.random() < 0.5 else sname
        what = what.replace("l'inauguration de le", "l'inauguration du")
        title = cap(sname)
        times = [(10, 0), (18, 0), (11, 0), (17, 30)]
    elif kind == "pardon":
        what = "le Grand Pardon de la " + "chapelle " + rng.choice(CHAPELLES)
        title = "Grand Pardon"
        times = [(10, 30), (10, 0), (15, 0)]
    elif kind == "remise_prix":
        what = {"school": "la cérémonie de remise des diplômes", "chambre": "la soirée des Trophées de l'artisanat",
                "mairie": "la remise des prix du concours des maisons fleuries"}.get(
            ok, rng.choice(["la remise des prix du concours de nouvelles", "la remise des prix du concours photo"]))
        title = cap(what)
        times = [(18, 0), (18, 30), (20, 0), (17, 30)]
    elif kind == "soiree_benevoles":
        what = "la soirée de remerciement des bénévoles"
        title = "Soirée des bénévoles"
        times = [(19, 0), (19, 30), (18, 30)]
    elif kind == "repas_aines":
        what = rng.choice(["le repas des aînés", "le traditionnel repas des anciens", "le goûter des aînés"])
        title = cap(what)
        times = [(12, 0), (12, 0), (12, 0), (12, 30), (14, 30)] if "goûter" not in what else [(14, 30), (15, 0)]
    elif kind == "marche_noel":
        what = "l'inauguration du marché de Noël"
        title = "Inauguration du marché de Noël"
        times = [(18, 0), (17, 30), (11, 0)]
    elif kind == "visite_chantier":
        p = rng.choice({"company": PROJ_COMPANY, "interco": PROJ_INTERCO, "mairie": PROJ_MAIRIE,
                        "hospital": ["le futur bâtiment des consultations"]}[ok])
        what = "la visite du chantier " + np_de(p.replace("notre ", "la future ").replace("nos ", "les futurs "))
        title = "Visite de chantier"
        times = [(9, 30), (10, 0), (14, 30), (15, 0)]
        notes = ["Casques et gilets fournis sur place ; prévoir des chaussures de sécurité.", None]
    elif kind == "ecole":
        what = rng.choice(["le spectacle de fin d'année des élèves", "l'exposition des travaux des élèves",
                           "la restitution du projet « Parlement des enfants »", "la présentation du projet « Classe de mer »"])
        title = cap(what)
        times = [(17, 0), (18, 0), (18, 30), (14, 0), (10, 0)]
    elif kind == "citoyennete":
        what = "la cérémonie de citoyenneté et de remise des cartes électorales aux jeunes majeurs"
        title = "Cérémonie de citoyenneté"
        times = [(11, 0), (10, 30), (11, 30)]
    elif kind == "regate":
        what = rng.choice(["le départ de la régate du Tour des îles", "la remise des prix de la Semaine nautique",
                           "le baptême de notre nouveau voilier d'entraînement"])
        title = cap(what)
        times = [(14, 0), (17, 0), (11, 0), (18, 0)]
    else:
        raise ValueError(kind)
    return title, what, times, notes


def programme(rng, kind, ev, o, tstyle):
    """Programme lines for commemorations and Sainte-Barbe; returns (lines, start)."""
    h, m = ev.start
    t0 = dt.datetime(2000, 1, 1, h, m)
    def t(x):
        return ftime(((t0 + dt.timedelta(minutes=x)).hour, (t0 + dt.timedelta(minutes=x)).minute), tstyle)
    if kind == "sainte_barbe":
        items = [(0, "rassemblement et revue des personnels dans la cour du centre"),
                 (30, "remise des galons, diplômes et médailles"),
                 (60, "allocutions puis verre de l'amitié")]
    elif kind == "pardon":
        items = [(0, "messe solennelle en la chapelle"), (150, "repas champêtre"), (270, "procession et vêpres")]
    else:
        hall2 = rng.choice(["salle des fêtes", "salle du conseil municipal", "salle polyvalente", "mairie"])
        items = [(0, "rassemblement devant la mairie" if rng.random() < 0.6 else "rassemblement place de l'Église"),
                 (15, "cérémonie au monument aux morts : dépôt de gerbes, lecture des messages"),
                 (45, "vin d'honneur offert par la municipalité, " + hall2)]
        if rng.random() < 0.35:
            items.insert(0, (-60, "messe du souvenir en l'église paroissiale"))
    first = min(x for x, _ in items)
    lines = []
    sep = rng.choice([" : ", " – ", " ", " : "])
    for x, label in items:
        lines.append("%s%s%s" % (t(x), sep, label))
    st = ((t0 + dt.timedelta(minutes=first)).hour, (t0 + dt.timedelta(minutes=first)).minute)
    return lines, st, t(first)


NEIGH = {
    "Lesneven": ["Le Folgoët", "Kerlouan", "Ploudaniel"], "Landerneau": ["La Roche-Maurice", "Plouédern", "Dirinon"],
    "Landivisiau": ["Lampaul-Guimiliau", "Sizun"], "Châteaulin": ["Pleyben", "Pont-de-Buis-lès-Quimerch"],
    "Crozon": ["Lanvéoc", "Telgruc-sur-Mer", "Camaret-sur-Mer"], "Quimperlé": ["Mellac", "Bannalec"],
    "Morlaix": ["Plourin-lès-Morlaix", "Saint-Martin-des-Champs", "Taulé"],
    "Brest": ["Guipavas", "Le Relecq-Kerhuon", "Plouzané", "Bohars"], "Quimper": ["Ergué-Gabéric", "Pluguffan", "Plomelin"],
    "Carhaix-Plouguer": ["Spézet", "Huelgoat"], "Pont-l'Abbé": ["Loctudy", "Combrit", "Plonéour-Lanvern"],
    "Plabennec": ["Bourg-Blanc", "Plouvien"], "Saint-Renan": ["Milizac-Guipronvel", "Plouarzel"],
    "Fouesnant": ["La Forêt-Fouesnant", "Bénodet", "Saint-Évarzec"], "Concarneau": ["Trégunc", "Névez"],
    "Saint-Pol-de-Léon": ["Roscoff", "Cléder"], "Douarnenez": ["Locronan", "Pont-Croix"], "Rosporden": ["Elliant"],
    "Daoulas": ["Irvillac", "Hanvec", "Loperhet"], "Plougastel-Daoulas": ["Loperhet", "Daoulas"],
}

REGISTERS = {"mairie": ["formal3", "letter1", "letter1", "short", "informal", "block", "collective", "formal3", "we"],
             "veterans": ["veterans", "veterans", "letter1", "formal3"],
             "asso": ["we", "we", "letter1", "block", "informal", "formal3"],
             "company": ["marketing", "we", "letter1", "block", "formal3", "marketing"],
             "school": ["school", "school", "we"], "sdis": ["formal3", "we", "letter1", "veterans"],
             "comice": ["we", "formal3", "letter1"], "interco": ["formal3", "letter1", "short", "block", "collective"],
             "chambre": ["formal3", "we", "block"], "ehpad": ["we", "letter1", "formal3"],
             "club": ["we", "informal", "letter1"], "amf": ["formal3", "collective", "we"],
             "prefecture": ["protocol"], "hospital": ["formal3", "letter1"]}

SALUT = ["Monsieur le Député,", "Monsieur le Député,", "Monsieur le Député,", "Monsieur le Député, cher Yann,",
         "Bonjour Monsieur le Député,", "Monsieur le Député, Cher ami,", "Madame, Monsieur,", "Bonjour,",
         "Monsieur Le Gall,", "Monsieur le député,"]
CLOSE_F = ["Je vous prie d'agréer, Monsieur le Député, l'expression de ma haute considération.",
           "Veuillez agréer, Monsieur le Député, l'expression de mes salutations distinguées.",
           "Dans l'attente du plaisir de vous accueillir, je vous prie de croire, Monsieur le Député, en l'assurance de mes sentiments les meilleurs.",
           "Je vous prie de croire, Monsieur le Député, à l'assurance de ma considération distinguée.",
           "Recevez, Monsieur le Député, mes salutations respectueuses.",
           "Avec mes remerciements anticipés, je vous prie d'agréer, Monsieur le Député, mes sincères salutations.",
           "Veuillez agréer, Monsieur le Député, l'expression de mes salutations distinguées."]
CLOSE_L = ["Bien cordialement,", "Cordialement,", "Bien à vous,", "Très cordialement,", "Avec nos salutations distinguées,",
           "Sincères salutations,", "Kenavo,", "Bonne journée,", "Bien cordialement,", "Cordialement,"]
CLOSE_WE = ["Dans l'attente du plaisir de vous accueillir, nous vous prions d'agréer, Monsieur le Député, l'expression de nos salutations distinguées.",
            "Nous vous prions de croire, Monsieur le Député, en l'assurance de notre haute considération.",
            "Avec nos remerciements, recevez, Monsieur le Député, nos salutations respectueuses."]

TYPOS = [("invitation", "invitaiton"), ("présence", "présnece"), ("plaisir", "plaisr"), ("honneur", "honeur"),
         ("cérémonie", "cérémonnie"), ("Monsieur", "Monsieru"), ("assemblée", "assemblé"), ("accueillir", "acceuillir"),
         ("remerciements", "remerciments"), ("cordialement", "cordialment"), ("souhaiterions", "souhaiterons"),
         ("programme", "programe"), ("salutations", "salutaions"), ("bénévoles", "bénévolles")]


def add_typos(text, rng):
    cands = [(a_, b_) for a_, b_ in TYPOS if a_ in text]
    rng.shuffle(cands)
    for a_, b_ in cands[:rng.randint(1, 2)]:
        text = text.replace(a_, b_, 1)
    return text


def when_of(ev):
    return (ev.ds_pre + ev.ds + (" " + ev.tp if ev.tp else "")).strip()


def place_plain(ev, implied=False):
    if ev.place_override:
        return ev.place_override
    parts = [cap(ev.hall)]
    if ev.street:
        parts.append(ev.street)
    if not implied and ev.commune:
        parts.append("%s %s" % (COMMUNES[ev.commune][1], ev.commune))
    return ", ".join(parts)


def intro_of(reg, P, rng):
    o, what = P["o"], P["what"]
    p = o["p"]
    hon = mf(p, "honoré", "honorée")
    if reg == "formal3":
        s3, pl = o["subj3"], o["plural3"]
        return rng.choice([
            "%s %s le plaisir de vous inviter %s" % (s3, "ont" if pl else "a", np_a(what)),
            "%s %s l'honneur de vous convier %s" % (s3, "ont" if pl else "a", np_a(what)),
            "%s %s Monsieur le Député de bien vouloir %s faire l'honneur d'assister %s" % (s3, "prient" if pl else "prie", "leur" if pl else "lui", np_a(what)),
            "%s %s honorés de votre présence %s" % (s3, "seraient" if pl else "serait", np_a(what)),
            "%s vous %s %s" % (s3, "convient" if pl else "convie", np_a(what)),
        ])
    if reg == "letter1":
        return rng.choice([
            "J'ai le plaisir de vous inviter %s" % np_a(what),
            "J'ai l'honneur de vous convier %s" % np_a(what),
            "Je serais très %s de votre présence %s" % (hon, np_a(what)),
            "Permettez-moi de vous convier %s" % np_a(what),
            "C'est avec un grand plaisir que je vous invite %s" % np_a(what),
            "Je me permets de vous solliciter afin que vous honoriez de votre présence %s" % what,
        ])
    if reg in ("we", "school", "collective"):
        return rng.choice([
            "Nous avons le plaisir de vous inviter %s" % np_a(what),
            "Nous serions heureux de vous compter parmi nous à l'occasion %s" % np_de(what),
            "Nous serions très honorés de votre présence %s" % np_a(what),
            "C'est avec un grand plaisir que nous vous convions %s" % np_a(what),
            "Vous êtes cordialement invité %s" % np_a(what),
            "Nous avons l'honneur de vous convier %s" % np_a(what),
            "Nous aurions grand plaisir à vous accueillir pour %s" % what,
        ])
    if reg == "protocol":
        return "%s prie Monsieur Yann Le Gall, Député du Finistère, de bien vouloir lui faire l'honneur d'assister %s" % (o["subj3"], np_a(what))
    raise ValueError(reg)


CONTEXT = {
    "inauguration": ["Ce projet, engagé {past}, a bénéficié du soutien de l'État au titre de la DETR, ainsi que de la Région et du Département.",
                     "Après de longs mois de travaux, nous sommes heureux de pouvoir enfin ouvrir ce nouvel équipement à tous.",
                     "Votre appui lors de notre rencontre {past} avait été déterminant pour boucler le plan de financement.",
                     "Cet investissement de {money} permettra de créer {n} emplois sur notre territoire."],
    "ag": ["L'année écoulée a été riche : {n} familles accompagnées et de nombreux projets menés à bien.",
           "Nous présenterons à cette occasion nos projets pour les deux prochaines années.",
           "Notre association compte aujourd'hui {n} adhérents et une trentaine de bénévoles actifs."],
    "11nov": ["Cette année, les élèves de l'école liront des lettres de Poilus de la commune.",
              "Un hommage particulier sera rendu aux soldats de la commune morts pour la France."],
    "voeux": ["Ce sera l'occasion de revenir sur les réalisations de l'année écoulée et de présenter les projets à venir.",
              "Cette cérémonie sera suivie d'un moment convivial."],
    "company": ["Créée en {year}, notre entreprise emploie aujourd'hui {n} salariés.",
                "Cette étape marque un tournant dans le développement de notre activité de {act}."],
    "generic": ["Votre présence serait pour nous un grand encouragement.",
                "Ce moment de convivialité sera l'occasion d'échanger avec les habitants et les acteurs locaux.",
                "Nous serions particulièrement heureux de pouvoir compter sur votre présence."],
}


def context_par(rng, P, ref):
    kind, o = P["kind"], P["o"]
    pool = list(CONTEXT.get(kind, [])) + CONTEXT["generic"]
    if o["ok"] == "company":
        pool += CONTEXT["company"]
    if kind == "8mai":
        pool += CONTEXT["11nov"][1:]
    s = rng.choice(pool)
    return s.format(past=past_date_phrase(rng, ref), money=rng.choice(["1,2 million d'euros", "850 000 €", "3,5 M€", "420 000 euros"]),
                    n=rng.choice([12, 25, 40, 85, 120, 240, 310]), year=rng.choice([1962, 1978, 1985, 1994, 2003, 2011]),
                    act=o.get("activity", "production"))


def rsvp_make(rng, P, hd, ev0):
    """returns (text or None, rsvp_by date or None, contact or None)"""
    o = P["o"]
    if rng.random() < 0.22:
        return None, None, None
    p2 = person(rng, "F") if rng.random() < 0.7 else person(rng, "M")
    contact = rng.choice([o["phone"], o["email"], "%s %s %s, %s" % (mf(p2, "M.", "Mme"), p2[0], p2[1], o["phone"]),
                          "%s %s au %s" % (mf(p2, "M.", "Mme"), p2[1], o["phone"]), o["email"], None])
    by = ev0.date - dt.timedelta(days=rng.randrange(3, 16))
    if by <= hd.date() + dt.timedelta(days=1) or rng.random() < 0.3:
        by = None
    bys = None
    if by:
        bys = fdate(by, rng.choice(["dm", "dm", "noyear", "full", "num", "dmy"]))
    forms = []
    if by and contact:
        forms = ["Merci de bien vouloir confirmer votre présence avant le %s auprès de %s." % (bys, contact),
                 "Réponse souhaitée avant le %s : %s" % (bys, contact),
                 "R.S.V.P. avant le %s – %s" % (bys, contact),
                 "Pour l'organisation, merci de nous indiquer avant le %s si vous serez présent ou représenté (%s)." % (bys, contact)]
    elif by:
        forms = ["Merci de nous faire part de votre réponse avant le %s." % bys,
                 "Réponse souhaitée pour le %s au plus tard, par retour de mail." % bys]
    elif contact:
        forms = ["Merci de confirmer votre présence auprès de %s." % contact,
                 "Contact pour toute question : %s." % contact,
                 "Merci de nous faire savoir si vous pourrez être des nôtres (%s)." % contact]
    else:
        forms = ["Merci de nous faire savoir si vous pourrez être des nôtres.",
                 "Merci de nous confirmer votre présence par retour de mail."]
    return rng.choice(forms), by, contact


CEREMONIAL = {"voeux", "11nov", "8mai", "19mars", "18juin", "14juillet", "deportation", "medailles", "citoyennete",
              "inauguration", "premiere_pierre", "sainte_barbe", "jumelage", "remise_prix"}


def compose_prose(P, rng, hd):
    """Body text of an invitation in the chosen register. Uses P['evs'] (mention order)."""
    o, reg, evs = P["o"], P["reg"], P["mention"]
    p = o["p"]
    implied = P["implied"]
    out = []
    ev = evs[0]
    # --- details
    if P["layout"] == "programme":
        head = "%s %s" % (ev.ds_pre + ev.ds, ("" if implied else a(ev.commune)) if rng.random() < 0.6 else "")
        dash = rng.choice(["- ", "", "• ", ""])
        prog = "\n".join(dash + l for l in P["prog"])
        det_sep = "\n\nProgramme %s :\n%s" % (head.strip(), prog)
        if rng.random() < 0.5:
            det_sep = "\n\n%s se déroulera %s selon le programme suivant :\n\n%s" % ("La cérémonie" if P["kind"] != "pardon" else "Le pardon", head.strip(), prog)
        det_inline = None
    elif P["layout"] == "two":
        e1, e2 = evs
        pat = rng.choice(["list", "prose"])
        if pat == "list":
            det_sep = "\n\nAu programme :\n- %s : %s, %s\n- %s : %s, %s" % (
                cap(when_of(e1)), e1.label, e1.wp, cap(when_of(e2)), e2.label, e2.wp)
        else:
            det_sep = "\n\n%s aura lieu %s %s, et %s %s %s." % (cap(e1.label), when_of(e1), e1.wp, e2.label, when_of(e2), e2.wp)
        det_inline = None
    elif P["layout"] == "span":
        det_inline = "%s %s" % (P["span_phrase"], ev.wp)
        det_sep = "\n\n%s se tiendra %s %s." % (cap(P["what"]), P["span_phrase"], ev.wp)
    elif P["layout"] == "block":
        tline = ev.tp if ev.tp else "toute la journée"
        det_sep = "\n\nDate : %s\nHeure : %s\nLieu : %s" % (cap(ev.ds), tline, place_plain(ev, implied))
        det_inline = None
    else:
        w = when_of(ev)
        det_inline = rng.choice(["%s, %s" % (w, ev.wp), ", qui aura lieu %s %s" % (w, ev.wp), "%s %s" % (ev.wp, w),
                                 ", qui se tiendra %s %s" % (ev.wp, w), "%s %s" % (w, ev.wp)])
        det_sep = rng.choice(["\n\nRendez-vous est donné %s %s." % (w, ev.wp),
                              "\n\nLa cérémonie se déroulera %s %s." % (w, ev.wp) if P["kind"] in CEREMONIAL else
                              "\n\nCe rendez-vous aura lieu %s %s." % (w, ev.wp),
                              "\n\nCe moment aura lieu %s %s." % (w, ev.wp)])
    if P.get("amb_text"):
        det_inline, det_sep = None, P["amb_text"]

    def inv_sentence():
        intro = intro_of(reg if reg in ("formal3", "letter1", "we", "school", "collective", "protocol") else "we", P, rng)
        if det_inline and rng.random() < 0.65:
            if det_inline.startswith(","):
                return intro + det_inline + "."
            return intro + " " + det_inline + "."
        return intro + "." + det_sep

    ctx = context_par(rng, P, hd) if rng.random() < 0.6 else None
    close_f = rng.choice(CLOSE_F)
    if reg in ("formal3", "letter1", "we", "collective", "protocol"):
        if reg == "collective":
            out.append("Mesdames et Messieurs les élus,")
        elif reg == "protocol":
            pass
        else:
            out.append(rng.choice(SALUT))
        out.append(inv_sentence())
        if ctx:
            out.append(ctx)
        for extra in P["extras"]:
            out.append(extra)
        if P["notes_text"]:
            out.append(P["notes_text"])
        if P["rsvp_text"]:
            out.append(P["rsvp_text"])
        if reg == "we":
            out.append(rng.choice(CLOSE_WE + CLOSE_L))
        elif reg == "protocol":
            out.append("Le Bureau du protocole")
        else:
            out.append(rng.choice([close_f] + CLOSE_L))
        out.append(P["sig"])
    elif reg == "short":
        sec = person(rng, "F")
        boss = mf(p, "M. le Maire", "Mme le Maire") if o["ok"] == "mairie" else mf(p, "M. le Président", "Mme la Présidente")
        out.append(rng.choice(["Bonjour,", "Bonjour Madame, Monsieur,", "Bonjour à l'équipe de la permanence,"]))
        w = det_inline.lstrip(", ").replace("qui aura lieu ", "").replace("qui se tiendra ", "") if det_inline else None
        if w:
            out.append("%s souhaiterait inviter M. le Député %s, %s." % (boss, np_a(P["what"]), w))
        else:
            out.append("%s souhaiterait inviter M. le Député %s.%s" % (boss, np_a(P["what"]), det_sep))
        out.append(rng.choice(["Pourriez-vous nous indiquer s'il pourra être présent ?",
                               "Pouvez-vous nous dire si M. Le Gall sera disponible ?",
                               "Merci de nous dire si cela peut rentrer dans son agenda."]))
        for extra in P["extras"]:
            out.append(extra)
        if P["rsvp_text"]:
            out.append(P["rsvp_text"])
        out.append(rng.choice(CLOSE_L))
        out.append("%s %s\nSecrétariat %s\n%s" % (sec[0], sec[1], "du Maire" if o["ok"] == "mairie" else "de la Présidence", o["name"])
                   + ("\n" + o["addr"] if not implied or rng.random() < 0.5 else "") + "\n" + o["phone"])
    elif reg == "informal":
        fn = p[0]
        out.append(rng.choice(["Salut Yann,", "Bonjour Yann,", "Yann,", "Cher Yann,"]))
        w = when_of(ev) if P["layout"] not in ("two", "programme", "span", "block") else None
        obj = P["what"]
        if w and not P.get("amb_text"):
            out.append(rng.choice([
                "Comme je te l'avais dit au téléphone, on organise %s %s %s. Ça me ferait vraiment plaisir que tu sois là, même en coup de vent." % (obj, w, ev.wp),
                "Petit mot pour t'inviter %s, %s %s. Tu es évidemment le bienvenu, et les habitants seraient contents de te voir." % (np_a(obj), w, ev.wp),
                "On y est enfin : %s, c'est %s %s ! Je compte sur toi ?" % (obj, w, ev.wp),
                "Je me permets de t'inviter %s %s %s. Passe quand tu peux, on sera entre nous." % (np_a(obj), w, ev.wp),
            ]))
        else:
            out.append("Je t'invite %s.%s" % (np_a(obj), det_sep if not P.get("amb_text") else P["amb_text"]))
        if P["extras"]:
            out.extend(P["extras"])
        out.append(rng.choice(["Dis-moi si tu peux venir.", "Tiens-moi au courant !", "Réponds-moi quand tu peux.",
                               "Un petit mot pour me dire si c'est bon ?", "Je te laisse voir avec ton agenda."]))
        out.append(rng.choice(["A+", "Amitiés,", "Bises,", "À bientôt,", "Bien amicalement,", "Kenavo,"]) + "\n" + fn
                   + ("\n" + o["role"].replace("Maire", "maire").replace("Président", "président").replace("Présidente", "présidente") if True else "")
                   + ("\n" + o["name"] if o["ok"] != "mairie" else "")
                   + ("\n" + phone(rng, True) if rng.random() < 0.6 else ""))
    elif reg == "marketing":
        out.append(rng.choice(["Monsieur le Député,", "Cher Monsieur Le Gall,", "Monsieur le Député, cher Yann Le Gall,"]))
        out.append(rng.choice(["Quelle aventure ! ", "Une étape importante pour nous : ", ""]) +
                   "%s a le plaisir de vous convier %s." % (org_the(o["name"]), np_a(P["what"])))
        if P["layout"] in ("inline", "block"):
            out.append("📅 %s\n🕕 %s\n📍 %s" % (cap(ev.ds), ev.tp or "toute la journée", place_plain(ev, implied)))
        else:
            out.append(det_sep.strip())
        out.append(rng.choice(["Au programme : visite des ateliers, démonstrations et cocktail dînatoire.",
                               "Au menu : découverte de nos nouveaux équipements, rencontres avec nos équipes et moment convivial.",
                               "Visites guidées, témoignages de nos clients et partenaires, et un cocktail pour finir en beauté !"]))
        for extra in P["extras"]:
            out.append(extra)
        if P["rsvp_text"]:
            out.append(P["rsvp_text"])
        out.append(rng.choice(["Au plaisir de vous y retrouver !", "Nous comptons sur vous !", "À très bientôt,"]))
        out.append(P["sig"])
    elif reg == "school":
        lvl = rng.choice(["CM1-CM2", "CE2", "6e B", "4e", "CP-CE1", "terminale"])
        out.append(rng.choice(["Monsieur le Député,", "Bonjour Monsieur le Député,"]))
        out.append(rng.choice([
            "Cette année, les élèves de %s ont travaillé sur le fonctionnement de nos institutions. Ils seraient très fiers de vous présenter leur travail." % lvl,
            "Les élèves de %s préparent depuis plusieurs semaines un projet dont ils aimeraient beaucoup vous parler." % lvl,
            "Toute l'équipe de l'établissement se mobilise pour ce rendez-vous important de l'année."]))
        out.append(inv_sentence())
        out.append(rng.choice(["Les enfants ont préparé quelques questions à vous poser.", "Un goûter préparé par les parents clôturera l'après-midi.",
                               "Votre venue serait un vrai moment de fierté pour les élèves.", ""]))
        if P["rsvp_text"]:
            out.append(P["rsvp_text"])
        out.append(rng.choice(CLOSE_L))
        out.append(P["sig"])
    elif reg == "veterans":
        out.append(rng.choice(["Monsieur le Député,", "Monsieur le Député,", "Monsieur le Député et cher ami,"]))
        s = rng.choice(["%s organise %s." % (org_the(o["name"]), P["what"]),
                        "Comme chaque année, %s organise %s." % ("notre section" if o["ok"] == "veterans" else "le centre", P["what"])])
        out.append(s + " " + rng.choice(["Nous vous serions reconnaissants de bien vouloir l'honorer de votre présence.",
                                         "Votre présence à nos côtés serait un honneur pour nos anciens.",
                                         "Nous avons l'honneur de vous y inviter."]) + (det_sep if not det_inline or P["layout"] == "programme" else "\n\nElle aura lieu %s." % det_inline.lstrip(", ").replace("qui aura lieu ", "").replace("qui se tiendra ", "")))
        for extra in P["extras"]:
            out.append(extra)
        if P["notes_text"]:
            out.append(P["notes_text"])
        if P["rsvp_text"]:
            out.append(P["rsvp_text"])
        out.append(rng.choice(["Avec nos sentiments respectueux et dévoués,", "Respectueusement,", rng.choice(CLOSE_F)]))
        out.append(P["sig"])
    elif reg == "block":
        out.append(rng.choice(SALUT))
        intro = intro_of("we" if o["ok"] != "mairie" else "letter1", P, rng)
        if P["layout"] == "inline":
            out.append(intro + "." + "\n\nDate : %s\nHeure : %s\nLieu : %s" % (cap(ev.ds), ev.tp or "toute la journée", place_plain(ev, implied)))
        else:
            out.append(intro + "." + det_sep)
        for extra in P["extras"]:
            out.append(extra)
        if P["notes_text"]:
            out.append(P["notes_text"])
        if P["rsvp_text"]:
            out.append(P["rsvp_text"])
        out.append(rng.choice(CLOSE_L))
        out.append(P["sig"])
    else:
        raise ValueError(reg)
    text = "\n\n".join(x for x in out if x)
    return text


def card_lines(P, rng, time_override=None):
    o = P["o"]
    L = []
    if o["ok"] == "mairie" and rng.random() < 0.5:
        L.append(("RÉPUBLIQUE FRANÇAISE", 9, False))
    L.append((o["name"], 15, True))
    L.append("")
    subj = o["subj3"]
    for chunk in wrap(subj, 46):
        L.append((chunk, 12, False))
    pl = o["plural3"]
    L.append((rng.choice(["ont le plaisir de vous inviter" if pl else "a le plaisir de vous inviter",
                          "ont l'honneur de vous convier" if pl else "a l'honneur de vous convier",
                          "vous prient de leur faire l'honneur d'assister" if pl else "vous prie de lui faire l'honneur d'assister"]), 12, False))
    for chunk in wrap(np_a(P["what"]), 44):
        L.append((chunk, 13, True))
    L.append("")
    for ev in P["mention"]:
        if len(P["mention"]) > 1:
            L.append((cap(ev.label), 12, True))
        if P["layout"] == "span":
            L.append((cap(P["span_phrase"]), 14, True))
        else:
            L.append((cap(ev.ds_pre + ev.ds) if rng.random() < 0.5 or ev.ds_pre == "" else cap(ev.ds), 14, True))
        tp = time_override if time_override is not None else ev.tp
        if P["layout"] == "programme":
            for l in P["prog"]:
                L.append((l, 11, False))
        elif tp:
            L.append((tp, 13, False))
        if ev.place_override:
            L.append((ev.place_override, 12, False))
        else:
            L.append((cap(ev.hall), 12, False))
            addr_ = ev.street or ""
            if not P["implied"] and ev.commune:
                addr_ = (addr_ + " – " if addr_ else "") + "%s %s" % (COMMUNES[ev.commune][1], ev.commune)
            if addr_:
                L.append((addr_, 11, False))
        L.append("")
    if P["notes_text"]:
        L.append((P["notes_text"], 10, False))
    if P["rsvp_text"]:
        L.append((P["rsvp_text"], 9, False))
    return L


def wrap(s, n):
    words, out, cur = s.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > n:
            out.append(cur)
            cur = w
        else:
            cur = (cur + " " + w).strip()
    if cur:
        out.append(cur)
    return out


# ---------------------------------------------------------------------------
# Message assembly helpers
# ---------------------------------------------------------------------------
XMAILERS = [None, None, "X-Mailer: Microsoft Outlook 16.0", "User-Agent: Mozilla Thunderbird",
            "X-Mailer: iPhone Mail (21D61)", "X-Mailer: Zimbra 9.0.0_GA_4546 (ZimbraWebClient - FF128)",
            "X-Mailer: Open-Xchange Mailer v7.10.6", "User-Agent: Roundcube Webmail/1.6.5",
            "X-Mailer: Apple Mail (2.3774)", "X-Mailer: Microsoft Outlook 15.0"]
TO_FORMS = [[("Yann Le Gall", OFFICE)], [("Permanence parlementaire", OFFICE)], [(None, OFFICE)],
            [("Monsieur le Député Yann Le Gall", OFFICE)], [("Permanence Le Gall", OFFICE)],
            [("Yann LE GALL - Député du Finistère", OFFICE)]]
ELUS = [("Sénatrice du Finistère", "senatrice.finistere@senat-exemple.fr"), ("Conseiller départemental", "cd.canton@finistere-exemple.fr"),
        ("Député de la 3e circonscription", "depute.3e@assemblee-exemple.fr"), ("Vice-présidente de la Région", "vp.region@bretagne-exemple.bzh"),
        ("Cabinet du Préfet", "cabinet@finistere-exemple.gouv.fr")]


def choose_enc(rng):
    cs = rng.choices(["utf-8", "iso-8859-1", "windows-1252", "iso-8859-15"], [74, 13, 9, 4])[0]
    cte = rng.choices(["8bit", "quoted-printable", "base64"], [38, 44, 18])[0]
    fmt = rng.choices(["text", "alt", "html"], [47, 35, 18])[0]
    return cs, cte, fmt


def body_part(text, rng, enc, html_text=None):
    cs, cte, fmt = enc
    if fmt == "text":
        return text_part(text, charset=cs, cte=cte)
    h = html_text or to_html(text, rng)
    h = h.replace("charset=utf-8", "charset=" + cs)
    if fmt == "html":
        return text_part(h, "text/html", charset=cs, cte=cte)
    cte2 = cte if rng.random() < 0.7 else rng.choice(["quoted-printable", "base64", "8bit"])
    return multi("alternative", [text_part(text, charset=cs, cte=cte), text_part(h, "text/html", charset=cs, cte=cte2)])


def enc_feats(enc):
    cs, cte, fmt = enc
    f = ["fmt_" + fmt]
    if cs != "utf-8":
        f.append("charset_" + cs)
    if cte != "8bit":
        f.append("cte_" + ("qp" if cte == "quoted-printable" else "base64"))
    return f


def new_msgid(rng, domain):
    return "<%s.%08x@%s>" % (rng.choice(["", "CAF", "AM0P", "PR3P", "DB9P", "5f2a", "mx"]) + "%06x" % rng.getrandbits(24),
                             rng.getrandbits(32), domain)


def domain_of(mail):
    return mail.split("@", 1)[1]


def pdf_attachment(data, fn):
    return Part("application/pdf", data, cte="base64", filename=fn, disposition="attachment")


def fwd_header_block(style, rng, frm, to, date, subject):
    """Return the header block introducing a forwarded message inline."""
    n, m = frm
    who = "%s <%s>" % (n, m) if n else m
    hm = "%02d:%02d" % (date.hour, date.minute)
    if style == "outlook":
        return ("\n\n________________________________\n" if rng.random() < 0.6 else "\n\n-----Message d'origine-----\n") + \
            "De : %s\nEnvoyé : %s %s\nÀ : %s\nObjet : %s\n\n" % (who, fdate(date.date(), "full"), hm, to, subject)
    if style == "gmail":
        if rng.random() < 0.5:
            return "\n\n---------- Forwarded message ---------\nFrom: %s\nDate: %s %d %s %d à %s\nSubject: %s\nTo: <%s>\n\n\n" % (
                who, WD_ABBR[date.weekday()], date.day, MO[date.month - 1], date.year, hm, subject, to.split("<")[-1].rstrip(">"))
        return "\n\n---------- Message transféré ---------\nDe : %s\nDate : %s %d %s %d à %s\nObjet : %s\nÀ : %s\n\n\n" % (
            who, WD_ABBR[date.weekday()], date.day, MO[date.month - 1], date.year, hm, subject, to)
    if style == "thunderbird":
        return "\n\n\n-------- Message transféré --------\nSujet : \t%s\nDate : \t%s\nDe : \t%s\nPour : \t%s\n\n\n" % (
            subject, hdr_date(date), who, to)
    if style == "apple":
        return "\n\n\nDébut du message réexpédié :\n\nDe: %s\nObjet: %s\nDate: %d %s %d à %s:%02d UTC+%d\nÀ: %s\n\n" % (
            who, subject, date.day, MO[date.month - 1], date.year, hm, date.second, paris_offset(date), to)
    raise ValueError(style)


FORWARDERS = [
    ("deputy", "Yann Le Gall", DEPUTY_AN),
    ("deputy", "Yann LE GALL", DEPUTY_AN),
    ("attachee", "Gaëlle Morvan", ATTACHEE[2]),
    ("collab", "Erwan Kerdraon", "e.kerdraon@depute-legall-exemple.fr"),
    ("deputy_perso", "Yann Le Gall", "yann.legall29@orange.fr"),
    ("secretariat", None, None),
]


def fwd_cover(kind, rng, o=None):
    if kind.startswith("deputy"):
        return rng.choice(["Pour l'agenda.", "À noter. Je pense pouvoir y aller.", "Gaëlle, tu peux confirmer ma présence stp ?",
                           "Voir si Erwan peut me représenter.", "", "Invitation reçue sur ma boîte AN.", "À caler si possible.",
                           "Pour info et suite à donner.\n\nYann\n\nEnvoyé de mon iPhone"])
    if kind == "attachee":
        return rng.choice(["Bonjour,\n\nReçu sur ma boîte, je le mets ici pour l'agenda.\n\nGaëlle",
                           "Pour mémoire, invitation reçue ce matin.\n\nGaëlle Morvan\nAttachée parlementaire"])
    if kind == "collab":
        return rng.choice(["Transmis pour l'agenda du député.\n\nErwan", "Yann, ci-dessous une invitation arrivée à la permanence de Morlaix.\nErwan"])
    return "Bonjour,\n\nÀ la demande de %s, je vous transfère l'invitation ci-dessous.\n\nBien cordialement,\n%s %s\nSecrétariat\n%s" % (
        "M. le Maire" if o and o["ok"] == "mairie" else "notre président", *person(rng, "F")[:2], o["name"] if o else "")


def subject_of(P, rng, ev0):
    t = P["title"]
    o = P["o"]
    opts = ["Invitation – " + t, "Invitation : " + t, t, "[Invitation] " + t, "Invitation " + org_de(o["name"]),
            "Invitation", "INVITATION " + t.upper(), "Invitation M. le Député", "Invitation " + t[0].lower() + t[1:]]
    if not ev0.mismatch:
        opts += [t + " – " + fdate(ev0.date, "dm"), "Invitation – %s le %s" % (t, fdate(ev0.date, rng.choice(["dm", "num", "noyear"])))]
    if P["reg"] == "informal":
        opts = ["Petite invitation", t, "Tu es libre ?", "Invitation (perso)", "%s !" % t]
    if P["reg"] == "marketing":
        opts = ["🎉 " + t, "Save the date : " + t, "Vous êtes invité ! " + t, "Invitation exclusive – " + t]
    return rng.choice(opts)


# ---------------------------------------------------------------------------
# Invitations
# ---------------------------------------------------------------------------
OUTSIDE_SCEN = [
    dict(ok="amf", c="Quimper", ec="Paris", rule="out_congres", hall="Pavillon 7, Paris Expo Porte de Versailles",
         street="1 place de la Porte-de-Versailles", times=[(18, 30), (18, 0)],
         what="la réception des maires du Finistère organisée à l'occasion du Congrès des maires de France",
         title="Réception des maires du Finistère – Congrès des maires de France"),
    dict(ok="chambre", c="Quimper", ec="Paris", rule="out_sia", name="Chambre d'agriculture du Finistère", hall="stand de la Bretagne, hall 1, Paris Expo Porte de Versailles",
         street="1 place de la Porte-de-Versailles", times=[(11, 0), (10, 30)],
         what="la rencontre des éleveurs finistériens au Salon international de l'agriculture",
         title="Rencontre des éleveurs finistériens – Salon de l'agriculture"),
    dict(ok="company", c="Quimper", ec="Rennes", rule="out_week", hall="agence rennaise", street="12 boulevard de la Liberté",
         times=[(18, 0), (18, 30)], what="l'inauguration de notre nouvelle agence rennaise", title="Inauguration de l'agence de Rennes"),
    dict(ok="asso", c="Concarneau", ec="Lorient", rule="out_week", hall="Cité de la voile Éric-Tabarly", street="rue Roland-Morillot",
         times=[(9, 30), (9, 0)], what="le colloque « Pêche et énergies marines : quel partage de l'espace ? »",
         title="Colloque pêche et énergies marines"),
    dict(ok="chambre", c="Brest", ec="Vannes", rule="out_week", hall="Palais des arts et des congrès", street="place de Bretagne",
         times=[(18, 30), (19, 0)], what="la soirée des Trophées de l'économie bretonne", title="Trophées de l'économie bretonne"),
]

IMPL_OK = {"mairie", "veterans", "sdis", "school", "club", "asso", "ehpad"}
DIFF_OK = {"interco", "comice", "company", "asso", "amf", "chambre", "veterans"}
FIXED_KINDS = {"11nov", "8mai", "19mars", "18juin", "14juillet", "deportation"}
PROG_KINDS = FIXED_KINDS | {"sainte_barbe", "pardon"}
NOTE_TRUTH = ("Port", "Dépôt", "Tenue", "Les élus", "Prévoir", "Casques")


def add_minutes(t, mins):
    x = dt.datetime(2000, 1, 1, *t) + dt.timedelta(minutes=mins)
    return (x.hour, x.minute)


def span_phrase(d1, d2, with_year, rng):
    y = (" %d" % d2.year) if with_year else ""
    if (d2 - d1).days == 1 and rng.random() < 0.6:
        if d1.month == d2.month:
            return "les %s %s et %s %s %s%s" % (WD[d1.weekday()], dnum(d1), WD[d2.weekday()], dnum(d2), MO[d2.month - 1], y)
        return "les %s %s %s et %s %s %s%s" % (WD[d1.weekday()], dnum(d1), MO[d1.month - 1], WD[d2.weekday()], dnum(d2), MO[d2.month - 1], y)
    if d1.month == d2.month:
        return "du %s %s au %s %s %s%s" % (WD[d1.weekday()], dnum(d1), WD[d2.weekday()], dnum(d2), MO[d2.month - 1], y)
    return "du %s %s %s au %s %s %s%s" % (WD[d1.weekday()], dnum(d1), MO[d1.month - 1], WD[d2.weekday()], dnum(d2), MO[d2.month - 1], y)


def second_event(rng, kind, ev, o, ec, dmode):
    """(label1, label2, ev2) for a two-event invitation."""
    d = ev.date
    if kind in ("11nov", "8mai"):
        prev_sun = d - dt.timedelta(days=(d.weekday() + 1) % 7 or 7)
        e2 = Ev("Concert du souvenir", prev_sun, rng.choice([(15, 0), (17, 0), (20, 30)]), None, None,
                "église " + rng.choice(["Saint-Pierre", "Notre-Dame", "Saint-Houardon", "Saint-Yves", "Saint-Mathieu"]), None, ec)
        return "la cérémonie officielle", "le concert du souvenir donné par l'harmonie municipale", e2
    if kind == "inauguration":
        e2 = Ev("Journée d'ouverture au public", d + dt.timedelta(days=1), rng.choice([(14, 0), (16, 0), (10, 0)]), None, None,
                ev.hall, ev.street, ec)
        return "l'inauguration officielle", rng.choice(["le tournoi inaugural", "la journée d'ouverture au public", "le concert d'ouverture"]), e2
    if kind == "sainte_barbe":
        ec2 = rng.choice(NEIGH.get(ec, [ec]))
        e2 = Ev("Sainte-Barbe – centre " + de(ec2), d + dt.timedelta(days=1), rng.choice([(10, 30), (11, 0), (17, 0)]), None, None,
                "centre d'incendie et de secours", "%d %s" % (rng.randrange(1, 30), rng.choice(STREETS)), ec2)
        return "la Sainte-Barbe du centre " + de(ec), "celle du centre " + de(ec2), e2
    if kind == "voeux":
        ec2 = rng.choice(o.get("members") or NEIGH.get(ec, [ec]))
        e2 = Ev("Vœux – " + ec2, d + dt.timedelta(days=rng.choice([1, 2, 7])), rng.choice([(11, 0), (18, 30), (19, 0)]), None, None,
                rng.choice(GENERIC_HALLS[:3]), "%d %s" % (rng.randrange(1, 30), rng.choice(STREETS)), ec2)
        if ec2 == ec:
            return "les vœux aux acteurs économiques", "les vœux aux associations", e2
        return "la cérémonie " + a(ec), "celle " + a(ec2), e2
    if kind == "portes_ouvertes":
        e2 = Ev("Portes ouvertes (samedi)", d + dt.timedelta(days=1), (9, 0), (12, 30), None, ev.hall, ev.street, ec)
        return "la première session", "la seconde", e2
    if kind == "festival":
        e2 = Ev("Grand défilé", d + dt.timedelta(days=1), rng.choice([(11, 0), (14, 30), (15, 0)]), None, None,
                rng.choice(["place de la Mairie", "port de plaisance", "quai du Styvel"]), None, ec)
        return "l'inauguration officielle", "le grand défilé", e2
    # ag and others: a later dinner
    e2 = Ev("Dîner anniversaire", d + dt.timedelta(days=rng.randrange(14, 40)), (19, 30), None, None,
            rng.choice(GENERIC_HALLS[:3]), "%d %s" % (rng.randrange(1, 30), rng.choice(STREETS)), ec)
    return cap(ev.title.split(" –")[0]).lower().replace("assemblée", "l'assemblée") if False else "l'assemblée générale", "le dîner des 30 ans de l'association", e2


def build_invitation(spec, rng):
    kind, pm, amb, src = spec["kind"], spec["place"], spec.get("amb"), spec["source"]
    dmode, multi, special = spec["dmode"], spec.get("multi"), spec.get("special")
    feats, mnotes = [], []
    okinds = list(KINDS[kind][0])
    if pm == "implied":
        okinds = [k for k in okinds if k in IMPL_OK]
    if pm == "differs":
        okinds = [k for k in okinds if k in DIFF_OK]
    if amb == "null_commune":
        okinds = ["interco"]
    ok = rng.choice(okinds)
    sc = OUTSIDE_SCEN[spec["outside"]] if pm == "outside" else None
    if sc:
        ok = sc["ok"]
    sub = None
    if ok == "interco":
        pool = INTERCOS if amb != "null_commune" else [x for x in INTERCOS if x[0] in (
            "Communauté de communes du Pays des Abers", "Haut-Léon Communauté", "Poher Communauté")]
        sub = rng.choice(pool)
        c = sub[1]
    elif sc:
        c = sc["c"]
    elif ok == "amf":
        c = "Quimper"
    elif pm == "differs":
        c = rng.choice(list(NEIGH))
    else:
        c = pick_commune(rng)
    if ok == "company":
        sub = rng.choice(COMPANIES)
    o = make_org(rng, ok, c, sub)
    c = o["c"]
    if sc and sc.get("name"):
        o["name"] = sc["name"]
        o["subj3"] = "Le Président et les élus de la " + sc["name"]
        o["label"] = "%s — %s %s, %s" % (o["name"], o["p"][0], o["p"][1], o["role"])
    if sc:
        ec = sc["ec"]
    elif pm == "differs":
        if ok == "interco":
            ec = rng.choice(o["members"])
        elif ok == "amf":
            ec = rng.choice(["Brest", "Landerneau", "Morlaix", "Carhaix-Plouguer", "Châteaulin", "Concarneau"])
        elif ok == "chambre":
            ec = rng.choice([x for x in BIG if x != c])
        else:
            ec = rng.choice(NEIGH[c])
    elif ok == "amf":
        ec = rng.choice(["Brest", "Quimper", "Landerneau", "Morlaix"])
    else:
        ec = c
    if amb == "null_commune":
        ec = None
        spec["reg"] = rng.choice(["we", "letter1", "formal3"])
    title, what, times, notes_opts = describe(rng, kind, o, ec or c)
    if sc:
        title, what, times, notes_opts = sc["title"], sc["what"], sc["times"], [None]
    # ---- dates
    pick_mode = dmode if dmode in ("prochain", "month_omitted") else "normal"
    lead = None
    if special == "postponed":
        lead = rng.randrange(25, 80)
    d, hd = pick_dates(rng, sc["rule"] if sc else kind, pick_mode, lead=lead)
    # ---- place
    hall, street = default_hall(rng, kind, ec or c, o)
    if amb == "null_commune":
        hall, street = rng.choice(["salle polyvalente", "salle des fêtes", "salle omnisports", "espace culturel"]), None
    if hall is None:
        hall = rng.choice(["parvis de la mairie", "entrée du bâtiment", "place de la Mairie", "parvis du nouvel équipement"])
    if sc:
        hall, street = sc["hall"], sc["street"]
    elif ok == "company" and ec != c:
        hall, street = "nouveau site de " + o["name"], "%s, %d rue %s" % (rng.choice(ZONES), rng.randrange(1, 30), rng.choice(["des Genêts", "Marie-Curie", "du Commerce"]))
    if ok == "interco" and hall.startswith(("nouveau centre", "déchèterie", "espace France", "maison de l'emploi", "pépinière", "pôle d'échanges")):
        pass
    start = rng.choice(times)
    end = None
    if kind == "portes_ouvertes":
        end = add_minutes(start, rng.choice([180, 210, 240, 300, 480]))
    elif rng.random() < 0.17 and start[0] < 20:
        end = add_minutes(start, rng.choice([90, 120, 150, 180]))
    note = rng.choice(notes_opts)
    extras = []
    if note and not note.startswith(NOTE_TRUTH):
        extras.append(note)
        note = None
    ev = Ev(title, d, start, end, None, hall, street, ec, notes=note.rstrip(".") if note else None)
    implied = pm == "implied" or amb == "null_commune"
    P = dict(o=o, kind=kind, title=title, what=what, implied=implied, extras=extras,
             notes_text=note, prog=None, layout="inline")
    # ---- programme
    tstyle = rng.choice(TIME_STYLES)
    use_prog = (kind in PROG_KINDS and (spec.get("prog") or rng.random() < 0.45)) and multi is None and amb is None
    if use_prog:
        lines, st, tsurf = programme(rng, kind, ev, o, tstyle)
        ev.start, ev.end = st, None
        P["prog"], P["layout"] = lines, "programme"
        feats.append("programme")
    # ---- date surface
    set_date_surface(ev, dmode if dmode in ("full", "noyear", "num", "numy", "month_omitted", "prochain", "mismatch") else "full", rng)
    if use_prog:
        ev.ts, ev.tp = tsurf, ""
    else:
        set_time_phrase(ev, rng, tstyle)
    set_where(ev, rng, "implied" if implied else "full")
    evs = [ev]
    mention = [ev]
    reg = spec.get("reg") or rng.choice(REGISTERS[ok])
    if kind == "ecole" and reg != "school":
        reg = "school"
    if reg == "informal" and ok not in ("mairie", "asso", "club"):
        reg = "letter1"
    if reg == "collective" and ok not in ("mairie", "interco", "amf"):
        reg = "formal3"
    if use_prog and reg in ("block",):
        reg = "formal3"
    if multi == "span":
        if kind == "festival":
            what = re.sub(r"^l'inauguration officielle (du|de la|des) ", lambda m: {"du": "le ", "de la": "la ", "des": "les "}[m.group(1)], what)
            title = cap(what)
            P.update(what=what, title=title)
            ev.title = title
        if kind == "salon" and what.startswith("l'inauguration"):
            what = re.sub(r"^l'inauguration (du|de la) ", lambda m: {"du": "le ", "de la": "la "}[m.group(1)], what)
            P.update(what=what)
        k = {"comice": 1, "salon": 2, "congres": 1, "festival": 2}.get(kind, 1)
        ev.end_date = d + dt.timedelta(days=k)
        with_year = dmode in ("full", "numy")
        sp = span_phrase(d, ev.end_date, with_year, rng)
        if rng.random() < 0.35:
            ev.start, ev.end, ev.time_stated, ev.ts, ev.tp = None, None, False, None, ""
        P["span_phrase"] = sp + ((", " + ev.tp) if ev.tp else "")
        ev.ds, ev.ds_pre = sp, ""
        ev.dkind = "full" if with_year else "noyear"
        P["layout"] = "span"
        feats.append("span_days")
        if reg == "block":
            reg = "we"
    elif multi in ("two", "two_rev"):
        l1, l2, e2 = second_event(rng, kind, ev, o, ec, dmode)
        set_date_surface(e2, dmode if dmode in ("full", "noyear", "num", "numy") else "full", rng)
        set_time_phrase(e2, rng, tstyle)
        set_where(e2, rng, "implied" if (implied and e2.commune == ec) else "full")
        ev.label, e2.label = l1, l2
        if e2.date < ev.date:   # the later-mentioned event comes first in time
            evs = [e2, ev]
            mention = [ev, e2] if multi == "two_rev" else [e2, ev]
            if mention[0] is ev:
                e2.label, ev.label = l2, l1
        else:
            evs = [ev, e2]
            mention = [e2, ev] if multi == "two_rev" else [ev, e2]
        if multi == "two_rev" or mention[0] is not evs[0]:
            feats.append("earlier_event_second")
        P["layout"] = "two"
        feats.append("two_events")
        if reg in ("block", "informal", "short"):
            reg = "we"
    elif reg == "block":
        P["layout"] = "block"
    P["reg"] = reg
    P["evs"], P["mention"] = evs, mention
    ev0 = evs[0]
    # ---- ambiguity
    if amb == "two_times":
        t2 = add_minutes(ev.start, rng.choice([30, 60]))
        s1, s2 = ftime(ev.start, tstyle), ftime(t2, tstyle)
        P["amb_text"] = "\n\n%s aura lieu %s à %s ou à %s (l'horaire définitif vous sera confirmé %s), %s." % (
            cap(what), ev.ds_pre + ev.ds, s1, s2, rng.choice(["prochainement", "dans les prochains jours", "dès que possible"]), ev.wp)
        ev.start, ev.end, ev.ambiguous, ev.time_stated, ev.ts = None, None, True, True, None
        mnotes.append("ambiguous: two candidate times (%s or %s); start null" % (s1, s2))
    elif amb == "two_dates":
        d2 = d + dt.timedelta(days=rng.choice([1, 7]))
        ds2 = fdate(d2, "noyear" if ev.dkind != "full" else "full")
        P["amb_text"] = "\n\n%s aura lieu le %s ou le %s%s, %s : la date définitive dépendra %s et vous sera communiquée rapidement." % (
            cap(what), ev.ds, ds2, (" " + ev.tp) if ev.tp else "", ev.wp,
            rng.choice(["du calendrier du ministre", "de la météo", "de la livraison du bâtiment", "de la disponibilité du préfet"]))
        ev.ambiguous = True
        mnotes.append("ambiguous: two candidate dates (%s or %s); first candidate recorded" % (ev.ds, ds2))
    elif amb == "null_commune":
        ev.ambiguous = True
        mnotes.append("ambiguous: hall named without commune by an intercommunal body; commune_code null")
    elif amb == "card_mail_time":
        ev.ambiguous = True
        P["mail_time"] = ev.start
        mnotes.append("ambiguous: the mail and the card give different times; start null")
    elif amb == "subject_body":
        ev.ambiguous = True
    if reg == "informal" and P.get("amb_text"):
        pass
    # ---- rsvp & signature
    rtext, rby, rcontact = rsvp_make(rng, P, hd, ev0)
    P["rsvp_text"] = rtext
    if special == "hybrid":
        P["extras"].append(rng.choice(["Pour celles et ceux qui ne pourraient pas se déplacer, la séance sera également retransmise en visioconférence (lien communiqué sur demande).",
                                       "La réunion pourra aussi être suivie à distance via Teams ; le lien sera envoyé la veille aux personnes inscrites."]))
        feats.append("hybrid_in_person_and_video")
    if pm not in ("implied",) and amb != "null_commune" and rng.random() < 0.25 and ok != "interco":
        other = rng.choice([x for x in (NEIGH.get(ec) or NEIGH.get(c) or BIG) if x != ec and x != c] or [x for x in BIG if x != ec and x != c])
        P["extras"].append(rng.choice(["Un parking est disponible à proximité ; pour ceux qui viennent %s, prévoir une trentaine de minutes." % ("de " + other if not other.startswith("Le ") else "du " + other[3:]),
                                       "En présence de M. le Sous-préfet et des élus du territoire.",
                                       "Des navettes partiront de la gare %s pour les invités qui le souhaitent." % de(other)]))
        if "gare" in P["extras"][-1] or "viennent" in P["extras"][-1]:
            feats.append("other_commune_mentioned")
    with_addr = True
    if amb == "null_commune":
        P["sig"] = "%s %s\n%s\nService communication\n%s" % (o["p"][0], o["p"][1], mf(o["p"], "Chargé de mission", "Chargée de mission"), o["name"])
    else:
        P["sig"] = signature(o, rng, with_addr=with_addr, with_commune=True)
    if implied and o["name"].find(core_name(c)) < 0 and core_name(c) not in P["sig"]:
        P["sig"] += "\n" + o["addr"]
    # ---- organiser label
    organiser = o["label"]
    # ---- features
    if implied and amb != "null_commune":
        feats.append("commune_implied")
    if ec and ec != c:
        feats.append("commune_differs_from_sender")
    if hall and any(w in hall for w in ("Ti ", "Kéraudy", "Ar ", "An ", "Kêr", "Kerjézéquel", "Glenmor", "Avel", "Run ar", "Kanevedenn", "Roudour", "Kerzeval", "Lanvenec", "Porzou")):
        feats.append("breton_hall_name")
    if street and re.search(r"\d+-(Mai|Novembre|Mars|Juillet|Septembre)", street or "") or re.search(r"\d+-(Mai|Novembre|Mars)", ev.hall + " ".join(P["prog"] or [])):
        feats.append("street_name_looks_like_date")
    feats.append("date_" + (ev0.dkind or "none"))
    if any(e.mismatch for e in evs):
        feats.append("weekday_mismatch")
    if ev0.end:
        feats.append("time_range")
    if ev0.start == (12, 0) and ev0.ts == "midi":
        feats.append("time_midi")
    if ev0.ts:
        feats.append("time_style_" + tstyle)
    if rby:
        feats.append("rsvp_deadline")
    feats.append("register_" + reg)
    feats.append("org_" + ok)
    # ---- truth
    truth_evs = [e.truth(organiser, rby, rcontact) for e in evs]
    if amb == "card_mail_time":
        truth_evs[0].update(start=None, end=None, all_day=False)
    chk = dict(date=ev0.ds, dkind=ev0.dkind, time=ev0.ts, commune=core_name(ev0.commune) if ev0.commune else None,
               mismatch=ev0.ds if ev0.mismatch else None)
    P.update(hd=hd, feats=feats, mnotes=mnotes, truth=truth_evs, chk=chk, ev0=ev0, organiser=organiser,
             rby=rby, rcontact=rcontact, amb=amb, special=special)
    if special == "postponed":
        old = hd.date() + dt.timedelta(days=rng.randrange(3, max(4, (d - hd.date()).days - 7)))
        if old >= d:
            old = d - dt.timedelta(days=7)
        P["postponed_old"] = old
        feats.append("postponed_new_date")
        mnotes.append("postponement renewing the invitation: the event is the new date")
    return P


def render_source(P, spec, rng):
    """Produce (frm, to, cc, subject, body Part, date, extra headers, in_reply_to) and update P feats/chk/source."""
    o, hd, ev0 = P["o"], P["hd"], P["ev0"]
    src = spec["source"]
    feats = P["feats"]
    enc = choose_enc(rng)
    frm = (None, o["email"])
    pname = "%s %s" % (o["p"][0], o["p"][1])
    frm = rng.choice([(pname, o["email"]), (o["name"], o["email"]), (pname + " - " + o["name"], o["email"]), (None, o["email"])])
    to = rng.choice(TO_FORMS)
    cc = None
    if P["reg"] == "collective":
        others = rng.sample(ELUS, rng.randint(2, 4))
        to = [(n, m) for n, m in others] + to
        feats.append("several_named_recipients")
    elif rng.random() < 0.12:
        cc = [(ATTACHEE[0] + " " + ATTACHEE[1], ATTACHEE[2])]
    subject = subject_of(P, rng, ev0)
    if P["amb"] == "subject_body":
        wrong = ev0.date + dt.timedelta(days=rng.choice([-7, 7, -1, 1, 14]))
        subject = "Invitation – %s le %s" % (P["title"], fdate(wrong, "noyear"))
        P["mnotes"].append("ambiguous: the subject gives %s, the body %s; the body's date is recorded" % (fdate(wrong, "noyear"), ev0.ds))
    if P.get("special") == "postponed":
        subject = rng.choice(["Report – ", "NOUVELLE DATE – ", "Changement de date : "]) + P["title"]
    xm = rng.choice(XMAILERS)
    hcs = enc[0] if rng.random() < 0.5 else "utf-8"

    def prose_text():
        t = compose_prose(P, rng, hd)
        if P.get("special") == "postponed":
            old = P["postponed_old"]
            e = ev0
            t = t.split("\n\n", 1)
            t = t[0] + "\n\n" + rng.choice([
                "En raison d'un retard de chantier, %s initialement prévue le %s est reportée. Nous avons le plaisir de vous confirmer la nouvelle date :" % (P["what"], fdate(old, "full")),
                "Nous sommes contraints de décaler %s, qui devait se tenir le %s. Elle aura finalement lieu à la date indiquée ci-dessous, et nous espérons vivement que vous pourrez être des nôtres." % (P["what"], fdate(old, "noyear")),
            ]) + "\n\n" + t[1]
        if rng.random() < 0.09:
            t = add_typos(t, rng)
            feats.append("typo")
        if P["reg"] in ("informal", "short") and rng.random() < 0.3:
            t = strip_accents(t)
            feats.append("no_accents")
        return t

    source = src
    if src == "prose":
        text = prose_text()
        html_text = None
        if P["reg"] == "marketing" and enc[2] != "text":
            html_text = marketing_html(text, o, rng)
        body = body_part(text, rng, enc, html_text)
        feats.extend(enc_feats(enc))
    elif src == "pdf":
        cover = pdf_cover(P, rng)
        pdf = make_pdf(card_lines(P, rng), title="Invitation – " + P["title"], landscape=rng.random() < 0.3)
        fn = rng.choice(["Invitation.pdf", "invitation_%s.pdf" % slug(P["title"])[:30], "carton d'invitation.pdf", "INVIT_%s.pdf" % P["kind"].upper(),
                         "scan_%04d.pdf" % rng.randrange(10000), "Invitation élus.pdf", "carton_%d.pdf" % ev0.date.year])
        body = multi("mixed", [body_part(cover, rng, (enc[0], enc[1], "text" if enc[2] == "html" else enc[2])), pdf_attachment(pdf, fn)])
        feats.append("pdf_card")
    elif src == "mixed":
        mode = spec.get("mixed_mode") or rng.choice(["repeat", "card_details", "repeat"])
        if P["amb"] == "card_mail_time":
            mode = "disagree"
        if mode == "card_details":
            text = pdf_cover(P, rng, longer=True)
        else:
            text = prose_text()
        override = None
        if mode == "disagree":
            # the mail's time is the one composed in the prose; the card shows another
            t_mail = P["mail_time"]
            override = "à " + ftime(add_minutes(t_mail, rng.choice([30, -30, 60])), "h00")
        pdf = make_pdf(card_lines(P, rng, time_override=override), title=P["title"])
        fn = rng.choice(["Invitation.pdf", "carton_invitation.pdf", "Programme.pdf", "invitation-%s.pdf" % slug(P["o"]["c"])])
        body = multi("mixed", [body_part(text, rng, enc), pdf_attachment(pdf, fn)])
        feats.extend(enc_feats(enc))
        feats.append("mixed_" + mode)
    elif src == "ics":
        body = render_ics(P, spec, rng, enc)
        feats.extend(enc_feats(enc))
    elif src == "forward":
        return render_forward(P, spec, rng, enc, prose_text, subject)
    else:
        raise ValueError(src)
    P["source"] = source
    return dict(frm=frm, to=to, cc=cc, subject=subject, body=body, date=hd, xm=xm, hcs=hcs, extra=[])


def pdf_cover(P, rng, longer=False):
    o = P["o"]
    sec = person(rng, "F")
    boss = {"mairie": "M. le Maire", "veterans": "notre Président", "sdis": "notre chef de centre"}.get(o["ok"], "notre Président")
    if o["p"][2] == "F" and o["ok"] == "mairie":
        boss = "Mme le Maire"
    if longer:
        kindword = {"inauguration": "l'inauguration", "voeux": "la cérémonie des vœux", "ag": "notre assemblée générale",
                    "sainte_barbe": "la Sainte-Barbe", "comice": "le comice agricole", "medailles": "la remise de médailles",
                    "anniversaire": "notre anniversaire"}.get(P["kind"], "cette manifestation")
        first = rng.choice(SALUT)
        return "%s\n\n%s\n\nVous trouverez ci-joint le carton d'invitation pour %s. Nous serions très heureux de vous y accueillir.\n\n%s\n\n%s %s\n%s" % (
            first, rng.choice(["C'est une étape importante pour notre commune et pour tous ceux qui se sont mobilisés autour de ce projet.",
                               "Nous tenions à vous associer à ce moment, tant votre soutien a compté.",
                               "Ce rendez-vous est l'occasion de réunir tous nos partenaires."]),
            kindword, rng.choice(CLOSE_L), sec[0], sec[1], o["name"])
    return rng.choice([
        "Monsieur le Député,\n\nVeuillez trouver ci-joint l'invitation de %s.\n\nBien cordialement,\n\n%s %s\n%s" % (boss, sec[0], sec[1], o["name"]),
        "Bonjour,\n\nCi-joint une invitation à l'attention de M. le Député.\n\nCordialement,\n%s %s\nSecrétariat – %s" % (sec[0], sec[1], o["name"]),
        "Monsieur le Député,\n\nJ'ai le plaisir de vous adresser le carton d'invitation en pièce jointe.\n\n%s\n%s %s\n%s" % (rng.choice(CLOSE_L), o["p"][0], o["p"][1], o["name"]),
        "Bonjour,\n\nVeuillez trouver en PJ notre invitation.\n\nBonne réception,\n%s" % o["name"],
        "Madame, Monsieur,\n\nVous trouverez ci-joint une invitation destinée à Monsieur Yann Le Gall.\n\nSalutations distinguées.\n\n%s %s\n%s" % (sec[0], sec[1], o["name"]),
    ])


def marketing_html(text, o, rng):
    paras = [html.escape(p).replace("\n", "<br>") for p in text.split("\n\n")]
    color = rng.choice(["#0b5394", "#c0392b", "#1e824c", "#6c3483"])
    rows = "\n".join('<tr><td style="padding:8px 24px;font-size:15px;line-height:1.5">%s</td></tr>' % p for p in paras)
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head><body style="margin:0;background:#f2f2f2">'
            '<table width="600" align="center" cellpadding="0" cellspacing="0" style="background:#fff;font-family:Arial">'
            '<tr><td style="background:%s;color:#fff;padding:24px;font-size:22px;font-weight:bold">%s</td></tr>\n%s\n'
            '<tr><td style="padding:16px 24px;font-size:11px;color:#888">%s – %s</td></tr></table></body></html>\n') % (
        html.escape(o["name"]), color, html.escape(o["name"]), rows, html.escape(o["name"]), html.escape(o["addr"]))


def render_ics(P, spec, rng, enc):
    o, hd, ev = P["o"], P["hd"], P["ev0"]
    mode = spec.get("ics_mode", "tzid")
    uid = "%08X-%04X-%04X-%012X@%s" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(48), domain_of(o["email"]))
    loc = ev.place_str()
    if mode == "allday":
        ev.start, ev.end, ev.time_stated = None, None, False
        ev.ts, ev.tp = None, ""
        s = ev.date
        e = (ev.end_date or ev.date) + dt.timedelta(days=1)
        P["truth"][0].update(start=None, end=None, all_day=True)
        P["chk"].update(date="VALUE=DATE:" + s.strftime("%Y%m%d"), dkind="ics", time=None)
        P["feats"].append("ics_all_day")
    else:
        if ev.start is None:
            ev.start = (18, 0)
        s = dt.datetime.combine(ev.date, dt.time(*ev.start))
        if ev.end is None:
            ev.end = add_minutes(ev.start, rng.choice([60, 90, 120, 150]))
        e = dt.datetime.combine(ev.date, dt.time(*ev.end))
        P["truth"][0].update(start=hhmm(ev.start), end=hhmm(ev.end), all_day=False)
        val = ics_dt(s, mode).split(":", 1)[1]
        P["chk"].update(date=val, dkind="ics_utc" if mode == "utc" else "ics", time=val)
        P["feats"].append({"tzid": "ics_tzid_paris", "utc": "ics_utc_z", "tzwin": "ics_tzid_windows"}[mode])
    method = "REQUEST" if rng.random() < 0.8 else "PUBLISH"
    desc = rng.choice(["%s vous invite %s." % (o["name"], np_a(P["what"])),
                       "Invitation %s.\n%s" % (np_a(P["what"]), P["rsvp_text"] or ""), ""])
    ics = make_ics(method, uid, P["title"], s, e, loc, desc.strip(), "%s %s" % (o["p"][0], o["p"][1]), o["email"],
                   mode if mode != "allday" else "allday", hd, attendees=[("Yann Le Gall", OFFICE)],
                   prodid=rng.choice([None, "-//Google Inc//Google Calendar 70.9054//EN", "-//Apple Inc.//macOS 14.4//EN",
                                      "-//Zimbra//Zimbra 9.0//FR", "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN"]))
    # body
    bmode = rng.choice(["outlook", "prose", "short", "prose"])
    if bmode == "outlook" and mode != "allday":
        when = "%s %s-%s (UTC+01:00) Bruxelles, Copenhague, Madrid, Paris." % (fdate(ev.date, "full"), hhmm(ev.start), hhmm(ev.end))
        text = "%s\n\nQuand : %s\nOù : %s\n\n%s\n\n%s" % (P["title"], when, loc, desc.strip() or "Invitation", P["sig"])
    elif bmode == "prose":
        text = compose_prose(P, rng, hd) if mode != "allday" else "%s\n\n%s %s.\n\n%s\n\n%s" % (
            rng.choice(SALUT), intro_of("we", P, rng), "(voir l'invitation jointe à ajouter à votre agenda)", rng.choice(CLOSE_L), P["sig"])
    else:
        text = "%s\n\nVous trouverez ci-joint une invitation %s, à ajouter directement à votre agenda.\n\n%s\n%s" % (
            rng.choice(SALUT), np_a(P["what"]) if P["kind"] not in FIXED_KINDS else "à notre cérémonie", rng.choice(CLOSE_L), P["sig"])
    as_alt = rng.random() < 0.55
    cs = enc[0]
    if as_alt:
        cal = Part("text/calendar", ics.replace("\r\n", "\n"), charset="utf-8", cte=rng.choice(["8bit", "quoted-printable", "base64"]),
                   params={"method": method})
        parts = [text_part(text, charset=cs, cte=enc[1])]
        if rng.random() < 0.5:
            parts.append(text_part(to_html(text, rng).replace("charset=utf-8", "charset=" + cs), "text/html", charset=cs, cte=enc[1]))
        parts.append(cal)
        P["feats"].append("ics_alternative_part")
        return multi("alternative", parts)
    fn = rng.choice(["invite.ics", "invitation.ics", "evenement.ics", "%s.ics" % slug(P["title"])[:25]])
    att = Part(rng.choice(["text/calendar", "application/ics"]), ics.encode("utf-8"), cte="base64", filename=fn,
               disposition="attachment", params={"method": method} if rng.random() < 0.3 else None)
    P["feats"].append("ics_attachment")
    return multi("mixed", [body_part(text, rng, enc), att])


def render_forward(P, spec, rng, enc, prose_text, subject):
    o, hd = P["o"], P["hd"]
    style = spec["fwd"]
    feats = P["feats"]
    fk, fname, fmail = rng.choice(FORWARDERS)
    if fk == "secretariat":
        fname, fmail = "Secrétariat " + o["name"], "secretariat@" + domain_of(o["email"])
    orig_date = hd - dt.timedelta(days=rng.randrange(0, 5), hours=rng.randrange(0, 9), minutes=rng.randrange(60))
    if orig_date.date() < D0:
        orig_date = hd - dt.timedelta(hours=2)
    outer_date = hd
    orig_to = "Yann Le Gall <%s>" % DEPUTY_AN if fk.startswith("deputy") else ("%s <%s>" % (o["name"], o["email"]) if fk == "secretariat" else "Permanence <%s>" % OFFICE)
    if fk == "attachee":
        orig_to = "Gaëlle Morvan <%s>" % ATTACHEE[2]
    if fk == "collab":
        orig_to = "Permanence de Morlaix <morlaix@depute-legall-exemple.fr>"
    with_pdf = spec.get("fwd_pdf")
    if with_pdf:
        inner_text = pdf_cover(P, rng)
        pdf = make_pdf(card_lines(P, rng), title=P["title"])
        pdf_fn = rng.choice(["Invitation.pdf", "carton.pdf", "invitation_%s.pdf" % slug(P["kind"])])
        feats.append("pdf_card_in_forward")
    else:
        inner_text = prose_text()
    ofrm = ("%s %s" % (o["p"][0], o["p"][1]), o["email"])
    cover = fwd_cover(fk, rng, o)
    prefix = rng.choice(["TR: ", "Fwd: ", "Fw: ", "TR : ", "FW: "])
    out_subject = prefix + subject
    feats.append("fwd_" + style)
    if style == "rfc822":
        inner_enc = (enc[0], rng.choice(["quoted-printable", "base64"]), enc[2])
        ib = body_part(inner_text, rng, inner_enc)
        if with_pdf:
            ib = multi("mixed", [ib, pdf_attachment(pdf, pdf_fn)])
        inner = build_message(ofrm, orig_to, orig_date, subject, new_msgid(rng, domain_of(o["email"])), ib, rng=rng)
        att = Part("message/rfc822", inner, cte="7bit" if inner.isascii() else "8bit",
                   disposition=rng.choice(["attachment", "inline"]), filename=None)
        body = multi("mixed", [text_part(cover or "Voir ci-joint.", charset="utf-8", cte="quoted-printable"), att])
        P["source"] = "forward"
        return dict(frm=(fname, fmail), to=rng.choice(TO_FORMS), cc=None, subject=out_subject, body=body, date=outer_date,
                    xm=rng.choice(XMAILERS), hcs="utf-8", extra=[])
    block = fwd_header_block(style, rng, ofrm, orig_to, orig_date, subject)
    if style == "apple" and not cover:
        cover = "Envoyé de mon iPad"
    text = (cover or "") + block + inner_text
    if rng.random() < 0.15 and style in ("gmail", "thunderbird"):
        text = (cover or "") + block + "\n".join("> " + l if l else ">" for l in inner_text.split("\n"))
        feats.append("quoted_with_gt")
    b = body_part(text, rng, enc)
    if with_pdf:
        b = multi("mixed", [b, pdf_attachment(pdf, pdf_fn)])
    feats.extend(enc_feats(enc))
    P["source"] = "forward"
    return dict(frm=(fname, fmail), to=rng.choice(TO_FORMS), cc=None, subject=out_subject, body=b, date=outer_date,
                xm=rng.choice(XMAILERS), hcs=enc[0] if rng.random() < 0.5 else "utf-8", extra=[])


# ---------------------------------------------------------------------------
# Non-invitations
# ---------------------------------------------------------------------------
def dsay(d, rng, styles=("full", "full", "noyear", "dm", "dmy", "Full")):
    return fdate(d, rng.choice(styles))


def tsay(t, rng):
    return ftime(t, rng.choice(TIME_STYLES))


def fut(hd, rng, lo=3, hi=60):
    return hd.date() + dt.timedelta(days=rng.randrange(lo, hi))


def past(hd, rng, lo=2, hi=40):
    return hd.date() - dt.timedelta(days=rng.randrange(lo, hi))


def wd_date(base, wd, rng, lo=3, hi=50):
    d = base + dt.timedelta(days=rng.randrange(lo, hi))
    while d.weekday() != wd:
        d += dt.timedelta(days=1)
    return d


def citizen(rng):
    p = person(rng)
    c = pick_commune(rng)
    return p, c, personal_mail(rng, p)


def cit_sig(p, c, rng):
    lines = ["%s %s" % (p[0], p[1])]
    if rng.random() < 0.6:
        lines.append("%d %s" % (rng.randrange(1, 80), rng.choice(STREETS)))
        lines.append("%s %s" % (COMMUNES[c][1], c.upper() if rng.random() < 0.3 else c))
    if rng.random() < 0.5:
        lines.append(phone(rng, True))
    return "\n".join(lines)


def NI(frm, subject, text, hd, cat, source="prose", notes=None, feats=None, to=None, extra=None, enc=None, rng=None,
       html_text=None, attach=None, cc=None, in_reply_to=None):
    rng = rng or R
    enc = enc or choose_enc(rng)
    b = body_part(text, rng, enc, html_text)
    if attach:
        b = multi("mixed", [b] + attach)
    f = list(feats or []) + enc_feats(enc)
    return dict(frm=frm, to=to or rng.choice(TO_FORMS), cc=cc, subject=subject, body=b, date=hd, xm=rng.choice(XMAILERS),
                hcs="utf-8", extra=extra or [], in_reply_to=in_reply_to, text=text if not attach else None,
                rec=dict(invitation=False, events=[], source=source, notes=notes, category="non:" + cat, features=f))


def list_headers(rng, listaddr, dom):
    h = ["List-Id: <%s>" % listaddr.replace("@", "."), "List-Unsubscribe: <mailto:unsubscribe@%s>, <https://%s/desinscription>" % (dom, dom),
         "Precedence: bulk"]
    if rng.random() < 0.5:
        h.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    return h


def n_deadline(rng):
    hd = rand_dt(rng)
    k = rng.randrange(6)
    d = fut(hd, rng, 10, 90)
    if k == 0:
        o = make_org(rng, "prefecture", None)
        text = ("Monsieur le Député,\n\nJ'ai l'honneur de vous informer de l'ouverture de la campagne %d de la dotation d'équipement des territoires ruraux (DETR) "
                "et de la dotation de soutien à l'investissement local (DSIL).\n\nLes dossiers devront être déposés sur la plateforme Démarches simplifiées "
                "au plus tard le %s à minuit. Aucun dossier ne sera accepté au-delà de cette date.\n\nLa circulaire est jointe ; mes services restent à la disposition "
                "des collectivités.\n\nJe vous prie d'agréer, Monsieur le Député, l'expression de ma considération distinguée.\n\nPour le Préfet,\nLe Secrétaire général") % (
            d.year, dsay(d, rng))
        return NI(("Préfecture du Finistère", o["email"]), "Campagne DETR/DSIL %d – date limite de dépôt" % d.year, text, hd, "deadline",
                  notes="deadline for subsidy files", rng=rng)
    if k == 1:
        o = make_org(rng, "mairie", pick_commune(rng))
        text = ("%s\n\nLe dossier de demande de subvention pour la rénovation thermique de notre école doit être complet avant le %s. "
                "Il nous manque encore l'avis de la commission, attendu depuis le %s.\n\nPourriez-vous appuyer notre demande auprès des services de l'État ?\n\n%s\n\n%s") % (
            rng.choice(SALUT), dsay(d, rng), dsay(past(hd, rng, 20, 90), rng), rng.choice(CLOSE_F + CLOSE_L), signature(o, rng))
        return NI((o["p"][0] + " " + o["p"][1], o["email"]), "Dossier de subvention – école", text, hd, "deadline", rng=rng,
                  notes="deadline mentioned in a request for support")
    if k == 2:
        p, c, m = citizen(rng)
        text = ("Bonjour,\n\nJe me permets de vous écrire car je dois renvoyer mon dossier de retraite complet avant le %s, mais la caisse ne répond plus "
                "à mes courriers depuis le %s. J'ai appelé plusieurs fois, sans succès.\n\nPourriez-vous m'aider ?\n\nMerci d'avance,\n%s") % (
            dsay(d, rng), dsay(past(hd, rng, 20, 120), rng), cit_sig(p, c, rng))
        return NI(("%s %s" % (p[0], p[1]), m), rng.choice(["Dossier retraite", "demande d'aide", "Retraite - urgent"]), text, hd, "deadline", rng=rng)
    if k == 3:
        t = rng.choice([(12, 0), (17, 0), (18, 0), (10, 0)])
        text = ("Madame, Monsieur,\n\nNous vous rappelons que le délai de dépôt des amendements en commission sur le projet de loi relatif à l'orientation agricole "
                "est fixé au %s à %s.\n\nLes amendements doivent être déposés via l'application Eloi.\n\nLe secrétariat de la commission") % (dsay(d, rng), tsay(t, rng))
        return NI(("Secrétariat de la commission des affaires économiques", "commission.affeco@assemblee-exemple.fr"), "Délai de dépôt des amendements",
                  text, hd, "deadline", rng=rng, to=[(None, DEPUTY_AN)], cc=[(None, OFFICE)])
    if k == 4:
        text = ("Bonjour,\n\nPour rappel, la date limite de télédéclaration des aides PAC est fixée au %s. Après cette date, une pénalité de 1 %% par jour ouvré "
                "sera appliquée.\n\nLes conseillers de la Chambre tiennent des permanences pour vous aider.\n\nService communication\nChambre d'agriculture") % dsay(d, rng)
        return NI(("Chambre d'agriculture", "info@chambre-agri-exemple.fr"), "Rappel : télédéclaration PAC", text, hd, "deadline", rng=rng,
                  to="undisclosed-recipients:;", extra=list_headers(rng, "infos@chambre-agri-exemple.fr", "chambre-agri-exemple.fr"),
                  notes="deadline in a mass mailing")
    o = make_org(rng, "asso", pick_commune(rng))
    text = ("%s\n\nL'appel à projets « Vie associative » du Fonds pour le développement de la vie associative se clôture le %s. Notre association souhaite "
            "y présenter un projet de jardin partagé. Pourriez-vous nous indiquer si une lettre de soutien de votre part est possible avant cette date ?\n\n%s\n%s") % (
        rng.choice(SALUT), dsay(d, rng), rng.choice(CLOSE_L), signature(o, rng))
    return NI((o["p"][0] + " " + o["p"][1], o["email"]), "Appel à projets FDVA – lettre de soutien", text, hd, "deadline", rng=rng)


def n_council_past(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    k = rng.randrange(5)
    d = past(hd, rng, 2, 25)
    t = rng.choice([(18, 30), (20, 0), (20, 30), (19, 0), (18, 0)])
    if k in (0, 1):
        o = make_org(rng, "mairie", c)
        motion = rng.choice(["le maintien des urgences de nuit à l'hôpital", "la desserte ferroviaire du territoire", "le maintien du bureau de poste",
                             "la fermeture d'une classe à l'école publique", "la défense de la pêche côtière"])
        text = ("%s\n\nLors de sa séance du %s, à %s en mairie, le conseil municipal %s a adopté à l'unanimité une motion pour %s.\n\n"
                "Vous trouverez le texte de cette motion ci-joint. Je compte sur votre soutien pour porter ce dossier.\n\n%s\n\n%s") % (
            rng.choice(SALUT), dsay(d, rng), tsay(t, rng), de(c), motion, rng.choice(CLOSE_F), signature(o, rng))
        att = None
        src = "prose"
        if k == 1:
            pdf = make_pdf([("Extrait du registre des délibérations", 13, True), (o["name"], 12, False), "",
                            ("Séance du %s" % fdate(d, "full"), 11, False), ("L'an %d, le %s, à %s, le conseil municipal s'est réuni" % (d.year, fdate(d, "dm"), ftime(t, "h00")), 10, False),
                            ("en session ordinaire, sous la présidence de %s %s, Maire." % (o["p"][0], o["p"][1]), 10, False), "",
                            ("Objet : motion pour %s" % motion, 10, True), ("Adoptée à l'unanimité.", 10, False)], title="Délibération")
            att = [pdf_attachment(pdf, "deliberation_%s.pdf" % d.strftime("%Y%m%d"))]
            src = "mixed"
        return NI((o["name"], o["email"]), "Motion du conseil municipal – " + motion, text, hd, "council_past", source=src, attach=att, rng=rng,
                  notes="council meeting held earlier")
    if k == 2:
        o = make_org(rng, "interco", None, rng.choice(INTERCOS))
        text = ("Bonjour,\n\nVeuillez trouver ci-dessous le relevé de décisions du conseil communautaire du %s.\n\n"
                "1. Approbation du procès-verbal de la séance du %s\n2. Budget annexe « déchets » : décision modificative n° 1\n"
                "3. Convention avec la Région pour le transport scolaire\n4. Questions diverses\n\nLe compte rendu intégral sera mis en ligne "
                "sur le site internet.\n\nCordialement,\nDirection générale des services\n%s") % (
            dsay(d, rng), dsay(d - dt.timedelta(days=rng.randrange(25, 60)), rng), o["name"])
        return NI(("DGS " + o["name"], o["email"]), "Relevé de décisions – conseil communautaire", text, hd, "council_past", rng=rng)
    if k == 3:
        p, cc_, m = citizen(rng)
        text = ("Monsieur le Député,\n\nJ'ai assisté le %s à la réunion publique organisée par la mairie %s au sujet du projet de lotissement. "
                "Les riverains n'ont obtenu aucune réponse sur l'évacuation des eaux pluviales.\n\nPouvez-vous nous aider à obtenir des informations ?\n\n"
                "Respectueusement,\n%s") % (dsay(d, rng), de(c), cit_sig(p, cc_, rng))
        return NI(("%s %s" % (p[0], p[1]), m), "Projet de lotissement – réunion du " + fdate(d, "dm"), text, hd, "council_past", rng=rng,
                  notes="public meeting already held")
    o = make_org(rng, "mairie", c)
    text = ("%s\n\nSuite à notre échange téléphonique, je vous confirme que le conseil municipal, réuni le %s, a voté le lancement des études pour "
            "la nouvelle salle de sports. Le coût prévisionnel est de 2,4 M€.\n\nJe reviendrai vers vous pour le plan de financement.\n\n%s\n%s") % (
        rng.choice(SALUT), dsay(d, rng), rng.choice(CLOSE_L), signature(o, rng, short=True))
    return NI((o["p"][0] + " " + o["p"][1], o["email"]), "Salle de sports – délibération", text, hd, "council_past", rng=rng)


def n_decree(rng):
    hd = rand_dt(rng)
    k = rng.randrange(5)
    d = past(hd, rng, 10, 300)
    num = "%d-%d" % (d.year, rng.randrange(100, 1900))
    if k == 0:
        p, c, m = citizen(rng)
        text = ("Monsieur le Député,\n\nLe décret n° %s du %s relatif aux conditions d'attribution de l'allocation aux adultes handicapés "
                "a eu pour conséquence la suppression de mon allocation depuis le %s.\n\nJe ne comprends pas comment ce texte s'applique à ma situation. "
                "Pouvez-vous intervenir ?\n\nAvec mes remerciements,\n%s") % (num, dsay(d, rng, ("dmy",)), dsay(past(hd, rng, 5, 40), rng, ("dm", "dmy")), cit_sig(p, c, rng))
        return NI(("%s %s" % (p[0], p[1]), m), "AAH - décret", text, hd, "decree", rng=rng)
    if k == 1:
        e = hd.date().replace(month=1, day=1) + dt.timedelta(days=366)
        e = e.replace(day=1, month=1)
        o = make_org(rng, "amf", "Quimper")
        text = ("Mesdames et Messieurs les parlementaires,\n\nL'arrêté du %s fixant les nouvelles modalités de la redevance d'eau entrera en vigueur le "
                "%s. Les communes rurales du Finistère en seront fortement pénalisées.\n\nNous souhaitons attirer votre attention sur ce point lors de "
                "l'examen du projet de loi de finances.\n\nLe Président de l'AMF 29") % (dsay(d, rng, ("dmy",)), fdate(e, "dmy"))
        return NI((o["name"], o["email"]), "Arrêté redevance eau – entrée en vigueur", text, hd, "decree", rng=rng,
                  notes="date of entry into force, not an event")
    if k == 2:
        o = make_org(rng, "company", pick_commune(rng))
        text = ("Monsieur le Député,\n\nLa loi n° 2023-973 du 23 octobre 2023 relative à l'industrie verte, puis le décret n° %s du %s, imposent à notre "
                "site de nouvelles obligations de reporting. Nous estimons leur coût à 80 000 € par an.\n\nNous aimerions vous exposer nos difficultés "
                "à l'occasion d'un prochain échange.\n\n%s\n%s") % (num, dsay(d, rng, ("dmy",)), rng.choice(CLOSE_L), signature(o, rng))
        return NI((o["p"][0] + " " + o["p"][1], o["email"]), "Décret n° " + num, text, hd, "decree", rng=rng)
    if k == 3:
        text = ("Bonjour,\n\nPour information, le Journal officiel du %s publie le décret n° %s portant diverses dispositions relatives à la pêche "
                "maritime de loisir. Il s'appliquera à compter du %s.\n\nBien cordialement,\nComité départemental des pêches") % (
            dsay(d, rng, ("full", "dmy")), num, dsay(fut(hd, rng, 20, 120), rng, ("dmy", "dm")))
        return NI(("Comité départemental des pêches", "contact@cdpmem29-exemple.fr"), "JO – décret pêche de loisir", text, hd, "decree", rng=rng)
    text = ("Monsieur le Député,\n\nL'arrêté préfectoral du %s portant restriction des usages de l'eau place notre commune en alerte renforcée jusqu'au %s. "
            "Les agriculteurs s'inquiètent pour l'irrigation.\n\nCordialement,\n%s") % (dsay(d, rng, ("dmy", "dm")), dsay(fut(hd, rng, 10, 60), rng, ("dmy", "dm")),
                                                                                        signature(make_org(rng, "mairie", pick_commune(rng)), rng, short=True))
    return NI(("Mairie", "mairie@%s.exemple.fr" % slug(pick_commune(rng))), "Arrêté sécheresse", text, hd, "decree", rng=rng)


def n_roadworks(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    k = rng.randrange(5)
    d1 = wd_date(hd.date(), 0, rng, 3, 40)
    d2 = d1 + dt.timedelta(days=rng.choice([4, 11, 18]))
    st = rng.choice(STREETS)
    t1, t2 = rng.choice([((8, 0), (17, 0)), ((7, 30), (18, 0)), ((21, 0), (6, 0)), ((9, 0), (16, 30))])
    if k == 0:
        o = make_org(rng, "mairie", c)
        text = ("Bonjour,\n\nPour information, des travaux de réfection de la chaussée auront lieu %s du %s au %s, de %s à %s. La circulation sera alternée "
                "et le stationnement interdit au droit du chantier. Une déviation sera mise en place par la %s.\n\nServices techniques\n%s") % (
            st, dsay(d1, rng, ("full", "noyear")), dsay(d2, rng, ("full", "noyear")), ftime(t1, "h"), ftime(t2, "h"), rng.choice(STREETS), o["name"])
        return NI(("Services techniques – " + o["name"], "st@" + domain_of(o["email"])), "Travaux " + st, text, hd, "roadworks", rng=rng)
    if k == 1:
        text = ("Madame, Monsieur,\n\nLa Direction interdépartementale des routes Ouest vous informe que la RN 165 sera fermée dans le sens Brest → Quimper "
                "entre les échangeurs de %s et de %s les nuits du %s au %s, de %s à %s, pour des travaux de renouvellement des enrobés.\n\n"
                "Une déviation sera mise en place. Merci de relayer cette information auprès de vos administrés.\n\nDIR Ouest – District de Brest") % (
            rng.choice(["Daoulas", "Le Faou", "Landerneau", "Kerhuon"]), rng.choice(["Châteaulin", "Pont-de-Buis", "Irvillac"]),
            dsay(d1, rng, ("full", "noyear")), dsay(d1 + dt.timedelta(days=3), rng, ("full", "noyear")), ftime((21, 0), rng.choice(["h", "h00", "sp"])), ftime((6, 0), "h"))
        return NI(("DIR Ouest", "communication.diro@developpement-durable-exemple.gouv.fr"), "RN165 – fermetures nocturnes", text, hd, "roadworks", rng=rng,
                  to="undisclosed-recipients:;")
    if k == 2:
        p, cc_, m = citizen(rng)
        text = ("Bonjour Monsieur le Député,\n\nNous venons d'apprendre que la route de notre hameau sera fermée à partir du %s et pour trois semaines. "
                "Aucune solution n'est prévue pour le ramassage scolaire ni pour l'infirmière qui passe chez ma mère tous les matins à %s.\n\n"
                "La mairie nous renvoie vers le Département. Pouvez-vous faire quelque chose ?\n\n%s") % (
            dsay(d1, rng), tsay((8, 0), rng), cit_sig(p, c, rng))
        return NI(("%s %s" % (p[0], p[1]), m), "Fermeture de route", text, hd, "roadworks", rng=rng)
    if k == 3:
        o = make_org(rng, "mairie", c)
        pdf = make_pdf([("ARRÊTÉ MUNICIPAL", 14, True), ("portant réglementation temporaire de la circulation", 11, False), "",
                        (o["name"], 12, True), "", ("Article 1 : du %s au %s, de %s à %s," % (fdate(d1, "full"), fdate(d2, "full"), ftime(t1, "h00"), ftime(t2, "h00")), 10, False),
                        ("la circulation sera interdite %s, entre le n° 2 et le n° 40." % st, 10, False),
                        ("Article 2 : une déviation sera mise en place par la %s." % rng.choice(STREETS), 10, False), "",
                        ("Fait à %s, le %s" % (c, fdate(hd.date(), "dmy")), 10, False)], title="Arrêté")
        text = "Bonjour,\n\nVeuillez trouver ci-joint l'arrêté de circulation pour les travaux de la %s.\n\nCordialement,\nSecrétariat de mairie\n%s" % (st.split(" ", 1)[-1], o["name"])
        return NI((o["name"], o["email"]), "Arrêté de circulation", text, hd, "roadworks", source="pdf", rng=rng,
                  attach=[pdf_attachment(pdf, "arrete_circulation_%s.pdf" % d1.strftime("%d%m"))], enc=("utf-8", "8bit", "text"))
    text = ("Bonjour,\n\nLe chantier de la fibre optique se poursuit : des interventions sur les poteaux auront lieu %s, le %s entre %s et %s. "
            "Des coupures ponctuelles de la circulation sont à prévoir.\n\nCordialement,\nService déploiement – Finistère THD") % (
        a(c), dsay(d1, rng), ftime((8, 30), "h"), ftime((16, 30), "h"))
    return NI(("Finistère THD – déploiement", "deploiement@thd29-exemple.fr"), "Travaux fibre – " + c, text, hd, "roadworks", rng=rng,
              to="undisclosed-recipients:;")


def n_power_cut(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    d = wd_date(hd.date(), rng.randrange(5), rng, 4, 30)
    t1, t2 = rng.choice([((8, 30), (12, 0)), ((9, 0), (16, 0)), ((13, 30), (16, 30)), ((8, 0), (11, 30))])
    notice = ("Afin d'améliorer la qualité de la distribution électrique, Enedis réalisera des travaux sur le réseau qui nécessiteront une coupure "
              "d'électricité le %s de %s à %s.\n\nCommune : %s\nAdresses concernées : %s, %s\n\nNous vous prions de nous excuser pour la gêne occasionnée.") % (
        fdate(d, "full"), ftime(t1, rng.choice(["h", "h00", "colon"])), ftime(t2, "h00"), c, rng.choice(STREETS), rng.choice(STREETS))
    k = rng.randrange(3)
    if k == 0:
        return NI(("Enedis – Coupures pour travaux", "no-reply@enedis-exemple.fr"), "Coupure d'électricité pour travaux – " + c, notice, hd, "power_cut",
                  rng=rng, to="undisclosed-recipients:;", notes="power cut notice")
    if k == 1:
        p, cc_, m = citizen(rng)
        text = ("Bonjour,\n\nC'est la troisième coupure programmée depuis le %s. Ma mère est sous concentrateur d'oxygène et personne ne nous prévient "
                "à temps. Voici l'avis reçu hier :\n\n%s\n\nMerci de votre aide,\n%s") % (dsay(past(hd, rng, 30, 90), rng, ("dm",)), notice, cit_sig(p, c, rng))
        return NI(("%s %s" % (p[0], p[1]), m), "Coupures d'électricité à répétition", text, hd, "power_cut", rng=rng)
    o = make_org(rng, "mairie", c)
    text = ("%s\n\nJe vous transmets pour information l'avis de coupure reçu d'Enedis. Plusieurs commerces du centre-bourg seront privés d'électricité "
            "une journée entière, en pleine saison.\n\n« %s »\n\n%s\n%s") % (rng.choice(SALUT), notice.replace("\n\n", " "), rng.choice(CLOSE_L), signature(o, rng, short=True))
    return NI((o["p"][0] + " " + o["p"][1], o["email"]), "Coupure Enedis " + fdate(d, "num"), text, hd, "power_cut", rng=rng)


def n_water_cut(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    d = wd_date(hd.date(), rng.randrange(5), rng, 2, 25)
    t1, t2 = rng.choice([((9, 0), (16, 0)), ((8, 30), (12, 30)), ((13, 0), (17, 0))])
    reg = rng.choice(["Régie des eaux %s" % de(c), "Syndicat intercommunal des eaux de la Penzé", "Eau de la Pointe – service clients"])
    text = ("Madame, Monsieur,\n\nEn raison de travaux de renouvellement de canalisation, la distribution d'eau potable sera interrompue le %s de %s à %s "
            "dans les rues suivantes : %s, %s (%s).\n\nÀ la remise en eau, l'eau pourra être légèrement colorée : laissez couler quelques instants.\n\n%s") % (
        dsay(d, rng, ("full", "Full", "wnumy")), ftime(t1, rng.choice(TIME_STYLES)), ftime(t2, "h"), rng.choice(STREETS), rng.choice(STREETS), c, reg)
    if rng.random() < 0.4:
        p, cc_, m = citizen(rng)
        text2 = "Bonjour,\n\nEncore une coupure d'eau, sans préavis suffisant pour les personnes âgées du quartier. Voici le message :\n\n" + text + "\n\n" + cit_sig(p, c, rng)
        return NI(("%s %s" % (p[0], p[1]), m), "TR: coupure d'eau", text2, hd, "water_cut", rng=rng)
    return NI((reg, "info@%s.exemple.fr" % slug(reg)[:20]), "Interruption de la distribution d'eau – " + c, text, hd, "water_cut", rng=rng,
              to="undisclosed-recipients:;")


def n_appointment(rng, locaux=False):
    hd = rand_dt(rng)
    d = wd_date(hd.date(), rng.randrange(5), rng, 3, 30)
    t = rng.choice([(9, 30), (10, 0), (11, 0), (14, 0), (14, 30), (16, 0), (17, 30)])
    if locaux:
        o = make_org(rng, "company", pick_commune(rng))
        text = ("%s\n\n%s (%s) connaît une forte croissance et prévoit de recruter une vingtaine de personnes d'ici %d.\n\n"
                "Nous serions heureux de vous recevoir dans nos locaux pour échanger sur nos projets et sur les difficultés que nous rencontrons "
                "(logement des salariés, foncier). %s\n\n%s\n\n%s") % (
            rng.choice(SALUT), org_the(o["name"]), o["activity"], d.year + 1,
            rng.choice(["Seriez-vous disponible le %s à %s ?" % (dsay(d, rng, ("full", "noyear")), tsay(t, rng)),
                        "Nous pourrions vous proposer le %s à %s, ou une autre date à votre convenance." % (dsay(d, rng, ("full", "noyear")), tsay(t, rng)),
                        "Une date comme le %s, à %s, vous conviendrait-elle ?" % (dsay(d, rng, ("noyear", "num")), tsay(t, rng))]),
            rng.choice(CLOSE_L + CLOSE_F), signature(o, rng))
        return NI((o["p"][0] + " " + o["p"][1], o["email"]), rng.choice(["Demande de rencontre", "Proposition de visite – " + o["name"], "Échange sur nos projets"]),
                  text, hd, "appointment", rng=rng, notes="appointment request: proposal to meet at the company", feats=["recevoir_dans_nos_locaux"])
    k = rng.randrange(5)
    if k == 0:
        p, c, m = citizen(rng)
        perm = rng.choice(["Morlaix", "Landivisiau", "Saint-Pol-de-Léon", "Carhaix-Plouguer"])
        text = ("Bonjour,\n\nJe souhaiterais obtenir un rendez-vous avec Monsieur le Député au sujet de mon dossier de permis de construire, bloqué depuis "
                "le %s.\n\nJe serai disponible le %s à partir de %s, à votre permanence %s si possible.\n\nCordialement,\n%s") % (
            dsay(past(hd, rng, 30, 200), rng, ("dm", "dmy")), dsay(d, rng, ("full", "noyear", "wnum")), tsay(t, rng), de(perm), cit_sig(p, c, rng))
        return NI(("%s %s" % (p[0], p[1]), m), "Demande de rendez-vous", text, hd, "appointment", rng=rng, notes="appointment request")
    if k == 1:
        c = pick_commune(rng)
        o = make_org(rng, "mairie", c)
        text = ("%s\n\nJe souhaiterais vous rencontrer pour évoquer le dossier de la maison de santé et les difficultés de recrutement de médecins. "
                "Je vous propose de nous retrouver en mairie %s le %s à %s, si votre agenda le permet.\n\n%s\n\n%s") % (
            rng.choice(SALUT), de(c), dsay(d, rng), tsay(t, rng), rng.choice(CLOSE_F + CLOSE_L), signature(o, rng))
        return NI((o["p"][0] + " " + o["p"][1], o["email"]), "Rencontre – maison de santé", text, hd, "appointment", rng=rng,
                  notes="proposal to meet in a town hall")
    if k == 2:
        o = make_org(rng, "asso", pick_commune(rng))
        text = ("Monsieur le Député,\n\nLes Jeunes Agriculteurs du canton souhaitent vous rencontrer afin de vous présenter la situation de la filière laitière. "
                "Nous vous proposons un échange sur l'exploitation de l'un de nos adhérents, au lieu-dit Kerhuel, le %s à %s.\n\n"
                "Merci de nous indiquer si ce créneau vous convient.\n\n%s\n%s") % (dsay(d, rng), tsay(t, rng), rng.choice(CLOSE_L), signature(o, rng))
        return NI((o["p"][0] + " " + o["p"][1], o["email"]), "Demande de rencontre JA", text, hd, "appointment", rng=rng,
                  notes="proposal to meet on a farm")
    if k == 3:
        p, c, m = citizen(rng)
        text = ("Monsieur,\n\nSuite à notre appel de ce matin, je vous confirme notre rendez-vous du %s à %s à la permanence %s.\n"
                "Je viendrai avec mon épouse et les documents de la MDPH.\n\nBien à vous,\n%s") % (
            dsay(d, rng, ("full", "noyear", "num")), tsay(t, rng), de(rng.choice(["Morlaix", "Landivisiau"])), cit_sig(p, c, rng))
        return NI(("%s %s" % (p[0], p[1]), m), "Confirmation rendez-vous", text, hd, "appointment", rng=rng)
    o = make_org(rng, "company", pick_commune(rng))
    text = ("Monsieur le Député,\n\nL'intersyndicale de %s sollicite une audience au sujet du projet de restructuration annoncé le %s. "
            "Nous proposons le %s à %s à votre permanence, ou par téléphone.\n\nPour l'intersyndicale,\n%s %s") % (
        o["name"], dsay(past(hd, rng, 3, 20), rng, ("dm",)), dsay(d, rng), tsay(t, rng), *person(rng)[:2])
    return NI(("Intersyndicale " + o["name"], "intersyndicale.%s@%s" % (slug(o["name"])[:12], rng.choice(PROVIDERS))), "Demande d'audience", text, hd,
              "appointment", rng=rng)


def n_thanks(rng, again=False):
    hd = rand_dt(rng)
    k = rng.randrange(5)
    d = past(hd, rng, 1, 12)
    c = pick_commune(rng)
    ok = rng.choice(["mairie", "asso", "company", "sdis", "veterans", "school", "club"])
    o = make_org(rng, ok, c)
    what = rng.choice(["l'inauguration de notre nouvelle salle", "notre assemblée générale", "notre soirée des bénévoles", "nos portes ouvertes",
                       "la cérémonie commémorative", "notre fest-noz de soutien", "la remise des médailles", "notre soirée anniversaire"])
    lines = [rng.choice(SALUT)]
    lines.append(rng.choice([
        "Au nom de toute l'équipe, je tenais à vous remercier chaleureusement pour votre présence %s, le %s." % (np_a(what), dsay(d, rng, ("full", "noyear", "dm"))),
        "Nous tenions à vous remercier d'avoir honoré de votre présence %s du %s. Vos mots ont beaucoup touché nos bénévoles." % (what, dsay(d, rng, ("dm", "noyear"))),
        "Merci encore d'être venu samedi %s ! Les habitants ont apprécié de pouvoir échanger avec vous." % np_a(what),
        "Un grand merci pour votre présence %s. Vous trouverez en pièce jointe quelques photos de ce beau moment." % np_a(what)]))
    if again:
        lines.append(rng.choice(["Nous espérons avoir le plaisir de vous accueillir à nouveau l'an prochain.",
                                 "Nous espérons avoir le plaisir de vous accueillir à nouveau très bientôt.",
                                 "Au plaisir de vous accueillir à nouveau lors de nos prochaines manifestations."]))
    if rng.random() < 0.35:
        nd = hd.date() + dt.timedelta(days=rng.randrange(200, 400))
        lines.append("Pour information, la prochaine édition est d'ores et déjà prévue le %s." % dsay(nd, rng, ("full", "dmy")))
    lines.append(rng.choice(CLOSE_L + CLOSE_F))
    lines.append(signature(o, rng))
    text = "\n\n".join(lines)
    f = ["accueillir_a_nouveau"] if again else []
    return NI((o["p"][0] + " " + o["p"][1], o["email"]), rng.choice(["Merci !", "Remerciements", "Merci pour votre présence", "Retour sur " + what]),
              text, hd, "thanks", rng=rng, notes="thank-you letter after the event", feats=f)


def n_cancel(rng, later=False, ics=False):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    ok = rng.choice(["mairie", "asso", "company", "sdis", "interco" if not ics else "mairie"])
    o = make_org(rng, ok, c, rng.choice(INTERCOS) if ok == "interco" else None)
    d = fut(hd, rng, 2, 30)
    t = rng.choice([(11, 0), (18, 0), (18, 30), (10, 30)])
    what = rng.choice(["l'inauguration de la médiathèque", "notre soirée de gala", "notre assemblée générale", "la remise des prix",
                       "la visite du chantier", "la journée portes ouvertes"])
    reason = rng.choice(["en raison de l'alerte météo (tempête) annoncée", "en raison d'un deuil qui frappe notre commune",
                         "pour des raisons indépendantes de notre volonté", "en raison d'un retard de livraison du bâtiment"])
    if ics:
        s = dt.datetime.combine(d, dt.time(*t))
        e = s + dt.timedelta(hours=2)
        uid = "%08X@%s" % (rng.getrandbits(32), domain_of(o["email"]))
        icst = make_ics("CANCEL", uid, "ANNULÉ : " + cap(what), s, e, "Salle des fêtes, %s" % c, "Événement annulé", "%s %s" % o["p"][:2], o["email"],
                        rng.choice(["tzid", "utc"]), hd, attendees=[("Yann Le Gall", OFFICE)], status="CANCELLED", sequence=1)
        text = "L'événement suivant a été annulé : %s\n\nQuand : %s %s\n\n%s" % (cap(what), fdate(d, "full"), hhmm(t), reason.capitalize() + ".")
        body = multi("alternative", [text_part(text, cte="quoted-printable"), Part("text/calendar", icst.replace("\r\n", "\n"), charset="utf-8",
                                                                                      cte="8bit", params={"method": "CANCEL"})])
        return dict(frm=(o["p"][0] + " " + o["p"][1], o["email"]), to=rng.choice(TO_FORMS), cc=None, subject="Annulé : " + cap(what), body=body, date=hd,
                    xm="X-Mailer: Microsoft Outlook 16.0", hcs="utf-8", extra=[],
                    rec=dict(invitation=False, events=[], source="ics", notes="iCalendar METHOD:CANCEL", category="non:cancel", features=["ics_cancel"]))
    lines = [rng.choice(SALUT)]
    if later:
        lines.append("Nous sommes au regret de vous informer que %s, prévue le %s à %s, est reportée à une date ultérieure %s." % (
            what, dsay(d, rng, ("full", "noyear")), tsay(t, rng), reason))
        lines.append("Nous ne manquerons pas de vous communiquer la nouvelle date dès qu'elle sera fixée.")
    else:
        lines.append("%s %s, prévue le %s, est annulée %s." % (rng.choice(["Nous sommes au regret de vous informer que", "Je vous informe que"]),
                                                                  what, dsay(d, rng, ("full", "noyear", "num")), reason))
        lines.append(rng.choice(["Nous vous prions de bien vouloir nous en excuser.", "Merci de votre compréhension.", ""]))
    lines.append(rng.choice(CLOSE_L))
    lines.append(signature(o, rng, short=True))
    return NI((o["p"][0] + " " + o["p"][1], o["email"]), rng.choice(["ANNULATION – ", "Report – ", "Annulation : "]) + what, "\n\n".join(l for l in lines if l), hd,
              "cancel", rng=rng, notes="cancellation" + (" (postponed to a later, unspecified date)" if later else ""),
              feats=["reportee_date_ulterieure"] if later else [])


def n_newsletter(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    o = make_org(rng, "mairie", c)
    items = []
    base = hd.date()
    for _ in range(rng.randint(3, 6)):
        d = base + dt.timedelta(days=rng.randrange(2, 30))
        t = rng.choice([(14, 0), (20, 30), (10, 0), (18, 0), (15, 0), (21, 0)])
        what = rng.choice(["Fest-noz au profit du Téléthon", "Loto de l'amicale laïque", "Conférence « Histoire du bourg »", "Marché bio",
                           "Concert du bagad", "Atelier compostage", "Randonnée des Abers", "Théâtre en breton", "Braderie du Secours populaire",
                           "Troc'plantes", "Séance de cinéma plein air", "Conseil municipal (séance publique)"])
        hall = rng.choice(HALLS.get(c, [(h, "") for h in GENERIC_HALLS]))[0]
        items.append((d, "%s – %s à %s – %s" % (cap(fdate(d, rng.choice(["full", "noyear", "wnum"]))), what, ftime(t, rng.choice(TIME_STYLES)), hall)))
    items.sort()
    vd = base + dt.timedelta(days=rng.randrange(5, 25))
    special = rng.random() < 0.5
    lines = [rng.choice(["Chers habitants,", "Bonjour à toutes et à tous,", "Chères Crozonnaises, chers Crozonnais," if c == "Crozon" else "Chers concitoyens,"])]
    if special:
        lines.append("La municipalité a le plaisir de vous inviter à %s le %s à %s, %s. Venez nombreux !" % (
            rng.choice(["la cérémonie des vœux", "l'inauguration du nouveau skatepark", "la fête du quartier", "la soirée des associations"]),
            dsay(vd, rng, ("full", "noyear")), tsay((18, 30), rng), np_a(hall_np(rng.choice(GENERIC_HALLS)))))
    lines.append("AGENDA DES PROCHAINES SEMAINES\n\n" + "\n".join("• " + x for _, x in items))
    lines.append("Retrouvez toutes les informations sur le site de la commune.")
    lines.append("—\nVous recevez cette lettre car vous êtes inscrit à la lettre d'information %s.\nSe désinscrire : https://%s/desinscription" % (
        np_de("la " + o["name"].lower()) if False else de(c), domain_of(o["email"])))
    text = "\n\n".join(lines)
    listaddr = "lettre-info@" + domain_of(o["email"])
    return NI((o["name"], "lettre-info@" + domain_of(o["email"])), rng.choice(["Lettre d'information – ", "L'agenda de la semaine – ", "Infos municipales – "]) + c,
              text, hd, "newsletter", rng=rng, to=rng.choice(["undisclosed-recipients:;", listaddr]),
              extra=list_headers(rng, listaddr, domain_of(o["email"])), notes="mass mailing to the public (list headers, unsubscribe footer)",
              feats=["municipalite_vous_invite_venez_nombreux"] if special else [])


def n_asso_members(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    o = make_org(rng, rng.choice(["asso", "club", "veterans"]), c)
    d = fut(hd, rng, 10, 45)
    t = rng.choice([(18, 0), (20, 30), (10, 0), (14, 30)])
    hall = rng.choice(HALLS.get(c, [(h, "") for h in GENERIC_HALLS]))[0]
    text = ("%s\n\nNotre assemblée générale annuelle se tiendra le %s à %s, %s %s.\n\nOrdre du jour :\n1. Rapport moral du président\n2. Rapport financier\n"
            "3. Renouvellement du tiers sortant\n4. Projets pour l'année à venir\n5. Questions diverses\n\nSi vous ne pouvez pas être présent, merci de "
            "retourner le pouvoir ci-dessous avant le %s.\n\nLa cotisation annuelle (15 €) pourra être réglée sur place.\n\nVenez nombreux !\n\nLe bureau\n%s") % (
        rng.choice(["Chers adhérents,", "À tous nos adhérents,", "Chères adhérentes, chers adhérents,", "Bonjour à tous,"]),
        dsay(d, rng), tsay(t, rng), np_a(hall_np(hall)), a(c), dsay(d - dt.timedelta(days=3), rng, ("dm",)), o["name"])
    return NI((o["name"], o["email"]), rng.choice(["Convocation AG", "Assemblée générale – convocation", "AG " + str(d.year)]), text, hd, "asso_members",
              rng=rng, to=rng.choice(["undisclosed-recipients:;", "%s <%s>" % (o["name"], o["email"])]),
              notes="mailing to the association's members")


def n_webinar(rng, ics=False):
    hd = rand_dt(rng)
    d = wd_date(hd.date(), rng.randrange(5), rng, 3, 40)
    t = rng.choice([(9, 0), (11, 0), (12, 30), (14, 0), (17, 30), (8, 30)])
    t2 = add_minutes(t, rng.choice([60, 90]))
    org, mail = rng.choice([("Banque des Territoires – Bretagne", "webinaires@bdt-exemple.fr"), ("ADEME Bretagne", "evenements@ademe-exemple.fr"),
                            ("Préfecture de la région Bretagne", "sgar@bretagne-exemple.gouv.fr"), ("AMF 29", "contact@amf29-exemple.fr"),
                            ("Région Bretagne – service des relations parlementaires", "parlementaires@bretagne-exemple.bzh"),
                            ("France Travail Bretagne", "partenariats@francetravail-exemple.fr")])
    topic = rng.choice(["le financement de la rénovation énergétique des bâtiments publics", "la réforme du financement de l'apprentissage",
                        "le plan de prévention des submersions marines", "la stratégie régionale de l'eau", "l'avenir de la ligne TER Brest–Quimper"])
    if ics:
        s = dt.datetime.combine(d, dt.time(*t))
        e = dt.datetime.combine(d, dt.time(*t2))
        loc = rng.choice(["Réunion Microsoft Teams", "https://zoom.us/j/8%09d" % rng.randrange(10 ** 9), "Visioconférence (lien dans la description)"])
        icst = make_ics("REQUEST", "%08X@%s" % (rng.getrandbits(32), domain_of(mail)), "Visio – " + topic[:50], s, e, loc,
                        "Rejoindre la réunion : https://teams.microsoft.com/l/meetup-join/19%%3ameeting_%06x" % rng.getrandbits(24), org, mail,
                        rng.choice(["tzid", "utc"]), hd, attendees=[("Yann Le Gall", OFFICE)])
        text = ("Bonjour,\n\nVous êtes invité à une réunion en visioconférence sur %s.\n\n%s\nRéunion Microsoft Teams\nRejoindre sur votre ordinateur ou "
                "application mobile\nCliquez ici pour participer à la réunion\nID de la réunion : %d %d %d\n________________") % (
            topic, "_" * 30, rng.randrange(100, 999), rng.randrange(100, 999), rng.randrange(100, 999))
        body = multi("alternative", [text_part(text, cte="quoted-printable"),
                                     Part("text/calendar", icst.replace("\r\n", "\n"), charset="utf-8", cte="base64", params={"method": "REQUEST"})])
        return dict(frm=(org, mail), to=rng.choice(TO_FORMS), cc=None, subject="Visio : " + topic[:60], body=body, date=hd,
                    xm="X-Mailer: Microsoft Outlook 16.0", hcs="utf-8", extra=[],
                    rec=dict(invitation=False, events=[], source="ics", notes="online meeting with an iCalendar REQUEST: no place to attend",
                             category="non:webinar", features=["ics_request_online"]))
    text = ("%s\n\n%s organise un webinaire consacré %s le %s de %s à %s.\n\nInscription gratuite mais obligatoire : https://%s/inscription\n"
            "Le lien de connexion vous sera envoyé la veille.\n\n%s") % (
        rng.choice(["Madame, Monsieur,", "Mesdames et Messieurs les élus,", "Bonjour,"]), org_the(org), np_a(topic), dsay(d, rng), tsay(t, rng), ftime(t2, "h"),
        domain_of(mail), rng.choice(["L'équipe " + org, "Cordialement,\n" + org]))
    return NI((org, mail), rng.choice(["Webinaire – ", "[Webinaire] ", "Invitation webinaire : "]) + topic[:60], text, hd, "webinar", rng=rng,
              notes="webinar (online only)", to=rng.choice(["undisclosed-recipients:;", OFFICE]))


def n_press(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    o = make_org(rng, rng.choice(["mairie", "asso", "company"]), c)
    d = fut(hd, rng, 5, 50)
    t = rng.choice([(10, 0), (11, 0), (14, 30), (17, 0)])
    hall = rng.choice(HALLS.get(c, [(h, "") for h in GENERIC_HALLS]))[0]
    if rng.random() < 0.5:
        text = ("INVITATION PRESSE\n\nMesdames et Messieurs les journalistes,\n\n%s vous invite à une conférence de presse de présentation %s "
                "le %s à %s, %s %s.\n\nContact presse : %s %s – %s\n") % (
            org_the(o["name"]), rng.choice(["du programme de la saison culturelle", "du projet de rénovation du port", "de la nouvelle ligne de production",
                                   "du festival d'été"]), dsay(d, rng), tsay(t, rng), np_a(hall_np(hall)), a(c), *person(rng)[:2], phone(rng, True))
        subj = "Invitation presse – " + o["name"]
        notes = "press invitation addressed to the media"
    else:
        d2 = d + dt.timedelta(days=2)
        text = ("COMMUNIQUÉ DE PRESSE\n%s, le %s\n\n%s annonce la %de édition de son festival, qui se tiendra %s %s. Plus de 40 artistes sont attendus "
                "et 15 000 visiteurs espérés.\n\nLa billetterie ouvrira le %s à %s.\n\nContact presse : %s") % (
            c, fdate(hd.date(), "dmy"), org_the(o["name"]), rng.randrange(2, 30), span_phrase(d, d2, True, rng), a(c),
            dsay(fut(hd, rng, 1, 5), rng, ("full", "noyear")), tsay((10, 0), rng), o["email"])
        subj = "CP – " + o["name"]
        notes = "press release"
    return NI((o["name"] + " – presse", o["email"]), subj, text, hd, "press", rng=rng,
              to=rng.choice(["Rédactions <redactions@%s>" % domain_of(o["email"]), "undisclosed-recipients:;"]), notes=notes)


def n_petition(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    d = fut(hd, rng, 5, 40)
    k = rng.randrange(4)
    org = rng.choice(["Collectif de défense de l'hôpital %s" % de(c), "Comité de soutien à la maternité %s" % de(c), "Association Eau et Rivières – antenne %s" % de(c),
                      "Collectif des usagers de la ligne Brest–Quimper"])
    mail = "collectif.%s@%s" % (slug(c)[:10], rng.choice(PROVIDERS))
    if k == 0:
        text = ("Bonjour,\n\nNous vous invitons à signer la pétition « Non à la fermeture des urgences de nuit » et à la relayer autour de vous : "
                "https://petition-exemple.fr/urgences-%s\n\nLa pétition sera remise à l'ARS le %s.\n\n%s") % (slug(c), dsay(d, rng), org)
    elif k == 1:
        text = ("Madame, Monsieur,\n\nDans le cadre de notre étude sur la mobilité en zone rurale, nous vous invitons à répondre à notre questionnaire en ligne "
                "avant le %s. Il ne vous prendra que dix minutes.\n\nMerci d'avance,\n%s") % (dsay(d, rng), org)
    elif k == 2:
        t = rng.choice([(11, 0), (10, 30), (14, 0)])
        text = ("Bonjour,\n\nMerci de relayer l'information : un rassemblement aura lieu le %s à %s devant la sous-préfecture pour défendre la maternité. "
                "Nous vous invitons aussi à signer notre pétition en ligne.\n\n%s") % (dsay(d, rng, ("full", "noyear")), tsay(t, rng), org)
    else:
        text = ("Bonjour,\n\nNous vous invitons à soutenir notre cagnotte et à partager notre appel avant le %s, date du passage du dossier en commission.\n\n%s") % (
            dsay(d, rng), org)
    subj = [rng.choice(["Pétition", "Signez la pétition !"]), "Questionnaire mobilité", "Merci de relayer", "Appel à soutien"][k]
    return NI((org, mail), subj, text, hd, "petition", rng=rng,
              to=rng.choice(["undisclosed-recipients:;", OFFICE]), notes="invitation to sign / reply / relay, not to attend")


def n_reply_office(rng):
    hd0 = rand_dt(rng)
    d = fut(hd0, rng, 10, 40)
    c = pick_commune(rng)
    t = rng.choice([(18, 0), (18, 30), (20, 0), (11, 0)])
    hall = rng.choice(HALLS.get(c, [(h, "x") for h in GENERIC_HALLS]))[0]
    topic = rng.choice(["une réunion publique sur l'avenir de l'hôpital", "ses vœux aux élus de la circonscription", "une rencontre avec les maires du territoire",
                        "un temps d'échange sur la loi d'orientation agricole", "une réunion d'information sur le logement des saisonniers"])
    orig = ("Madame, Monsieur le Maire,\n\nYann Le Gall, Député du Finistère, a le plaisir de vous inviter à %s, le %s à %s, %s %s.\n\n"
            "Merci de confirmer votre présence à %s.\n\nLa permanence parlementaire") % (topic, fdate(d, "full"), ftime(t, "h"), np_a(hall_np(hall)), a(c), OFFICE)
    hd = hd0 + dt.timedelta(days=rng.randrange(1, min(8, (d - hd0.date()).days)), hours=rng.randrange(0, 5))
    o = make_org(rng, "mairie", pick_commune(rng))
    ans = rng.choice(["Bonjour,\n\nJe serai présent. Merci pour l'invitation.", "Bonjour,\n\nJe vous prie d'excuser mon absence : le conseil municipal se réunit le même soir.",
                      "Bonjour,\n\nJe serai représenté par mon premier adjoint, %s %s." % person(rng)[:2],
                      "Merci, c'est noté, je viendrai avec deux conseillers.", "Bonjour,\n\nMme le Maire sera bien présente.\n\nLe secrétariat"])
    quoted = "\n".join("> " + l if l else ">" for l in orig.split("\n"))
    style = rng.choice(["gt", "outlook"])
    if style == "gt":
        text = "%s\n\n%s\n\nLe %s, Permanence parlementaire <%s> a écrit :\n%s" % (ans, signature(o, rng, short=True), fdate(hd0.date(), "abbr") + " " + str(hd0.year), OFFICE, quoted)
    else:
        text = "%s\n\n%s\n\n________________________________\nDe : Permanence parlementaire <%s>\nEnvoyé : %s %02d:%02d\nÀ : %s\nObjet : Invitation du Député\n\n%s" % (
            ans, signature(o, rng, short=True), OFFICE, fdate(hd0.date(), "full"), hd0.hour, hd0.minute, o["email"], orig)
    irt = "<%08x.perm@depute-legall-exemple.fr>" % rng.getrandbits(32) if rng.random() < 0.7 else None
    return NI((o["p"][0] + " " + o["p"][1], o["email"]), rng.choice(["RE: Invitation du Député", "Re: Invitation du Député", "RE : Invitation – " + topic]),
              text, hd, "reply_office", rng=rng, in_reply_to=irt, notes="reply to the office's own invitation",
              feats=["office_invitation_quoted"] + (["no_thread_headers"] if not irt else []))


def n_subsidy(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    o = make_org(rng, "asso", c)
    d = fut(hd, rng, 40, 200)
    d2 = d + dt.timedelta(days=rng.choice([1, 2]))
    fest = rng.choice(["Festival Gouel an Aod", "Fête du cidre", "Festival Kanomp", "Rencontres de la harpe celtique", "Festival des Abers en fête"])
    text = ("%s\n\nNotre association organise la %de édition du %s, qui se tiendra %s %s. Nous attendons plus de 3 000 visiteurs.\n\n"
            "Le budget prévisionnel s'élève à 48 000 € ; la Région et le Département ont été sollicités. Nous nous permettons de solliciter votre soutien "
            "(aide financière ou appui de notre demande auprès du FDVA).\n\nVous trouverez ci-joint notre dossier de présentation.\n\n%s\n\n%s") % (
        rng.choice(SALUT), rng.randrange(2, 25), fest, span_phrase(d, d2, rng.random() < 0.6, rng), a(c), rng.choice(CLOSE_F + CLOSE_L), signature(o, rng))
    att = None
    src = "prose"
    if rng.random() < 0.4:
        pdf = make_pdf([(fest, 16, True), ("Dossier de demande de soutien", 12, False), "", (cap(span_phrase(d, d2, True, rng)), 12, True),
                        ("Budget prévisionnel : 48 000 €", 10, False), ("Contact : " + o["email"], 10, False)], title="Dossier " + fest)
        att = [pdf_attachment(pdf, "dossier_%s.pdf" % slug(fest)[:20])]
        src = "mixed"
    return NI((o["p"][0] + " " + o["p"][1], o["email"]), "Demande de soutien – " + fest, text, hd, "subsidy", source=src, attach=att, rng=rng,
              notes="association describing its own future festival to ask for money")


def n_inquiry(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    d1 = wd_date(hd.date(), 0, rng, 5, 30)
    d2 = d1 + dt.timedelta(days=32)
    perms = []
    for k in (0, 9, 18, 31):
        dd = d1 + dt.timedelta(days=k)
        t1, t2 = rng.choice([((9, 0), (12, 0)), ((14, 0), (17, 0)), ((13, 30), (17, 30))])
        perms.append("- le %s de %s à %s" % (fdate(dd, "full"), ftime(t1, "h"), ftime(t2, "h")))
    proj = rng.choice(["de parc éolien", "de révision du plan local d'urbanisme intercommunal", "d'extension d'un élevage porcin", "de carrière"])
    text = ("AVIS D'ENQUÊTE PUBLIQUE\n\nProjet %s – commune %s\n\nL'enquête publique se déroulera du %s au %s inclus. Le dossier est consultable en mairie %s "
            "aux heures d'ouverture.\n\nLe commissaire enquêteur recevra le public en mairie :\n%s\n\nLes observations peuvent aussi être adressées par courriel.") % (
        proj, de(c), fdate(d1, "full"), fdate(d2, "full"), de(c), "\n".join(perms))
    if rng.random() < 0.5:
        p, cc_, m = citizen(rng)
        text = "Monsieur le Député,\n\nJe vous fais suivre l'avis ci-dessous : les riverains sont très inquiets.\n\n" + text + "\n\n" + cit_sig(p, c, rng)
        return NI(("%s %s" % (p[0], p[1]), m), "Enquête publique " + proj, text, hd, "public_inquiry", rng=rng)
    return NI(("Préfecture du Finistère – DCPPAT", "pref-enquetes@finistere-exemple.gouv.fr"), "Avis d'enquête publique – " + c, text, hd, "public_inquiry",
              rng=rng, to="undisclosed-recipients:;", notes="public inquiry hours")


def n_school(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    k = rng.randrange(4)
    if k == 0:
        d = wd_date(hd.date(), 3, rng, 2, 20)
        text = ("Madame, Monsieur,\n\nEn raison d'un mouvement de grève le %s, un service minimum d'accueil sera organisé par la mairie de %s à %s, "
                "de %s à %s.\n\nLes familles sont invitées à s'inscrire auprès du service enfance.\n\nLe service enfance-jeunesse") % (
            fdate(d, rng.choice(["full", "noyear"])), ftime((8, 30), "h"), "l'école " + rng.choice(["Jules-Ferry", "du Bourg", "de Kerzu"]), ftime((8, 30), "h"), ftime((16, 30), "h"))
        text = text.replace("la mairie de %s à" % ftime((8, 30), "h"), "la mairie %s à" % de(c))
        return NI(("Mairie %s – service enfance" % de(c), "enfance@%s.exemple.fr" % slug(c)), "Grève – service minimum d'accueil", text, hd, "school", rng=rng,
                  to="undisclosed-recipients:;")
    if k == 1:
        y = hd.year if hd.month < 8 else hd.year + 1
        a1 = last_sunday(y, 4) - dt.timedelta(days=rng.choice([15, 8]))
        a2 = a1 + dt.timedelta(days=16)
        text = ("Chers parents,\n\nPour rappel, les vacances de printemps débuteront le %s après la classe. La reprise des cours aura lieu le %s.\n\n"
                "Le conseil d'école s'est réuni le %s : le compte rendu est affiché à l'entrée.\n\nLa directrice") % (
            fdate(a1 - dt.timedelta(days=1), "full"), fdate(a2, "full"), dsay(past(hd, rng, 3, 20), rng, ("dm",)))
        return NI(("École publique %s" % de(c), "ec.%s@ac-rennes-exemple.fr" % slug(c)[:12]), "Calendrier – vacances de printemps", text, hd, "school",
                  rng=rng, to="undisclosed-recipients:;", notes="school calendar notice")
    if k == 2:
        d = wd_date(hd.date(), 5, rng, 2, 20)
        p, cc_, m = citizen(rng)
        text = ("Monsieur le Député,\n\nL'inspection académique a annoncé le %s la fermeture d'une classe à l'école %s à la rentrée de septembre. Les parents "
                "organisent un rassemblement devant l'école le %s à %s. Nous voulions vous en informer et vous demander d'intervenir auprès du DASEN.\n\n"
                "Pour les parents d'élèves,\n%s") % (dsay(past(hd, rng, 3, 20), rng, ("dm",)), de(c), dsay(d, rng, ("full", "noyear")), tsay((10, 30), rng), cit_sig(p, c, rng))
        return NI(("%s %s" % (p[0], p[1]), m), "Fermeture de classe – école " + de(c), text, hd, "school", rng=rng,
                  notes="parents' rally mentioned for information, not an invitation")
    d = fut(hd, rng, 3, 30)
    text = ("Bonjour,\n\nSuite aux intempéries, le collège sera fermé le %s. Les cours reprendront normalement le lendemain.\n\nLa Principale") % fdate(d, "full")
    return NI(("Collège %s" % de(c), "ce.029%04d@ac-rennes-exemple.fr" % rng.randrange(10000)), "Fermeture exceptionnelle", text, hd, "school", rng=rng,
              to="undisclosed-recipients:;")


def n_tender(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    d = fut(hd, rng, 20, 45)
    v = wd_date(hd.date(), rng.randrange(5), rng, 5, (d - hd.date()).days - 2)
    text = ("AVIS D'APPEL PUBLIC À LA CONCURRENCE\n\nPouvoir adjudicateur : commune %s\nObjet : %s\nProcédure adaptée (article R2123-1 du code de la commande publique)\n\n"
            "Visite de site obligatoire : le %s à %s, rendez-vous devant la mairie.\nDate limite de réception des offres : %s à %s.\n\nDossier de consultation "
            "téléchargeable sur la plateforme Mégalis Bretagne.") % (
        de(c), rng.choice(["travaux de rénovation de la salle des fêtes", "extension du restaurant scolaire", "aménagement du centre-bourg – lot 2 voirie"]),
        fdate(v, "full"), ftime((10, 0), rng.choice(["h", "h00"])), fdate(d, "full"), ftime((12, 0), "h00"))
    return NI(("Alerte marchés publics", "alertes@marches-exemple.fr"), "Nouvel avis : " + c, text, hd, "tender", rng=rng, to="undisclosed-recipients:;",
              extra=list_headers(rng, "alertes@marches-exemple.fr", "marches-exemple.fr"), notes="invitation to tender")


def n_job(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    d = fut(hd, rng, 10, 25)
    e = d + dt.timedelta(days=rng.randrange(5, 15))
    if rng.random() < 0.5:
        o = make_org(rng, "mairie", c)
        text = ("Bonjour,\n\nLa commune %s recrute un(e) agent(e) d'accueil polyvalent(e). Merci de diffuser l'offre autour de vous.\n\nCandidatures avant le %s. "
                "Les entretiens se dérouleront le %s en mairie.\n\nService RH\n%s") % (de(c), dsay(d, rng), dsay(e, rng, ("full", "noyear")), o["name"])
        return NI(("Service RH – " + o["name"], "rh@" + domain_of(o["email"])), "Offre d'emploi à diffuser", text, hd, "job", rng=rng,
                  notes="job offer with interview dates")
    p, cc_, m = citizen(rng)
    t = rng.choice([(9, 30), (14, 0), (15, 30)])
    text = ("Madame, Monsieur,\n\nSuite à votre annonce pour le poste d'assistant(e) parlementaire en circonscription, je vous confirme ma disponibilité pour "
            "l'entretien du %s à %s à la permanence.\n\nBien cordialement,\n%s") % (dsay(d, rng, ("full", "noyear")), tsay(t, rng), cit_sig(p, cc_, rng))
    return NI(("%s %s" % (p[0], p[1]), m), "Candidature – entretien", text, hd, "job", rng=rng, notes="job interview confirmation")


def n_hospital(rng):
    hd = rand_dt(rng)
    p, c, m = citizen(rng)
    d = fut(hd, rng, 3, 120)
    t = rng.choice([(8, 30), (9, 15), (10, 45), (14, 0), (15, 30)])
    hosp = rng.choice(["au CHU de Brest (hôpital de la Cavale Blanche)", "à l'hôpital Morvan à Brest", "au centre hospitalier de Quimper",
                       "à l'hôpital de Landerneau", "au centre hospitalier des Pays de Morlaix", "au CHU de Rennes"])
    rel = rng.choice(["Ma mère", "Mon mari", "Mon fils", "Mon père", "Ma fille"])
    text = ("Monsieur le Député,\n\n%s a enfin obtenu un rendez-vous %s le %s à %s pour %s, après huit mois d'attente. Nous n'avons pas de voiture et le "
            "transport sanitaire nous a été refusé.\n\nPourriez-vous nous aider à obtenir une prise en charge ?\n\nMerci infiniment,\n%s") % (
        rel, hosp, dsay(d, rng, ("full", "noyear", "num", "dm")), tsay(t, rng), rng.choice(["une IRM", "une consultation en cardiologie", "une opération de la hanche",
                                                                                            "un bilan neurologique"]), cit_sig(p, c, rng))
    return NI(("%s %s" % (p[0], p[1]), m), rng.choice(["Demande d'aide", "transport hôpital", "Aide SVP", "Rendez-vous médical - transport"]), text, hd,
              "hospital", rng=rng, notes="a constituent's hospital appointment mentioned in a request for help")


def n_misc(rng):
    hd = rand_dt(rng)
    c = pick_commune(rng)
    k = rng.randrange(6)
    d = fut(hd, rng, 3, 30)
    if k == 0:
        o = make_org(rng, "mairie", c)
        text = ("%s\n\nPour votre information, le prochain conseil municipal se tiendra le %s à %s. L'ordre du jour comporte la vente du presbytère, sur laquelle "
                "plusieurs habitants vous ont sans doute sollicité.\n\n%s\n%s") % (rng.choice(SALUT), dsay(d, rng), tsay((20, 0), rng), rng.choice(CLOSE_L), signature(o, rng, short=True))
        return NI((o["p"][0] + " " + o["p"][1], o["email"]), "Conseil municipal – vente du presbytère", text, hd, "misc", rng=rng,
                  notes="future public council session mentioned for information")
    if k == 1:
        text = ("Bonjour,\n\nUn mouvement social est annoncé sur le réseau TER Bretagne le %s. Des suppressions de trains sont à prévoir entre Brest et Quimper, "
                "notamment le départ de %s.\n\nSNCF Voyageurs – Direction régionale") % (fdate(d, "full"), ftime((7, 12), "h"))
        return NI(("SNCF TER Bretagne", "info-elus@ter-exemple.fr"), "Prévisions de trafic – mouvement social", text, hd, "misc", rng=rng,
                  to="undisclosed-recipients:;", notes="strike notice")
    if k == 2:
        p, cc_, m = citizen(rng)
        text = ("Bonjour,\n\nDepuis le %s, notre rue n'est plus desservie par le car scolaire. Mes deux enfants doivent marcher 3 km le long de la départementale. "
                "Le Département ne répond pas.\n\nMerci de votre aide,\n%s") % (dsay(past(hd, rng, 10, 60), rng, ("dm", "full")), cit_sig(p, c, rng))
        return NI(("%s %s" % (p[0], p[1]), m), "Transport scolaire", text, hd, "misc", rng=rng)
    if k == 3:
        o = make_org(rng, "asso", c)
        text = ("%s\n\nPour information, les agriculteurs du département se mobiliseront le %s à partir de %s devant la préfecture de Quimper. Nous souhaitions "
                "vous en informer et vous transmettre nos revendications, jointes à ce courriel.\n\n%s\n%s") % (
            rng.choice(SALUT), dsay(d, rng, ("full", "noyear")), tsay((10, 0), rng), rng.choice(CLOSE_L), signature(o, rng, short=True))
        return NI((o["p"][0] + " " + o["p"][1], o["email"]), "Mobilisation agricole", text, hd, "misc", rng=rng, notes="demonstration mentioned for information")
    if k == 4:
        p, cc_, m = citizen(rng)
        text = ("Monsieur le Député,\n\nMon fils part le %s effectuer une mission de service civique au Sénégal, mais son passeport n'est toujours pas arrivé. "
                "La demande a été déposée en mairie %s le %s.\n\nPouvez-vous intervenir ?\n\n%s") % (
            dsay(d, rng), de(cc_), dsay(past(hd, rng, 30, 70), rng, ("dm", "dmy")), cit_sig(p, cc_, rng))
        return NI(("%s %s" % (p[0], p[1]), m), "Passeport urgent", text, hd, "misc", rng=rng)
    o = make_org(rng, "company", c)
    text = ("%s\n\nNous vous informons que notre site %s sera fermé du %s au %s pour congés annuels. Nos équipes restent joignables par mail.\n\n%s\n%s") % (
        rng.choice(SALUT), a(c), dsay(d, rng, ("dm", "dmy")), dsay(d + dt.timedelta(days=14), rng, ("dm", "dmy")), rng.choice(CLOSE_L), signature(o, rng, short=True))
    return NI((o["name"], o["email"]), "Fermeture estivale", text, hd, "misc", rng=rng)


NON_GENS = [
    ("deadline", 16, lambda r: n_deadline(r)), ("council_past", 15, lambda r: n_council_past(r)), ("decree", 12, lambda r: n_decree(r)),
    ("roadworks", 15, lambda r: n_roadworks(r)), ("power_cut", 12, lambda r: n_power_cut(r)), ("water_cut", 10, lambda r: n_water_cut(r)),
    ("appointment", 17, lambda r: n_appointment(r)), ("appointment_locaux", 9, lambda r: n_appointment(r, locaux=True)),
    ("thanks", 12, lambda r: n_thanks(r)), ("thanks_again", 9, lambda r: n_thanks(r, again=True)),
    ("cancel", 8, lambda r: n_cancel(r)), ("cancel_later", 5, lambda r: n_cancel(r, later=True)), ("cancel_ics", 4, lambda r: n_cancel(r, ics=True)),
    ("newsletter", 22, lambda r: n_newsletter(r)), ("asso_members", 15, lambda r: n_asso_members(r)),
    ("webinar", 12, lambda r: n_webinar(r)), ("webinar_ics", 7, lambda r: n_webinar(r, ics=True)),
    ("press", 15, lambda r: n_press(r)), ("petition", 12, lambda r: n_petition(r)), ("reply_office", 15, lambda r: n_reply_office(r)),
    ("subsidy", 12, lambda r: n_subsidy(r)), ("public_inquiry", 10, lambda r: n_inquiry(r)), ("school", 10, lambda r: n_school(r)),
    ("tender", 8, lambda r: n_tender(r)), ("job", 8, lambda r: n_job(r)), ("hospital", 8, lambda r: n_hospital(r)),
    ("misc", 21, lambda r: n_misc(r)),
]


# ---------------------------------------------------------------------------
# Specifications of the invitations (quotas), forwards of non-invitations
# ---------------------------------------------------------------------------
SPAN_KINDS = ["comice", "salon", "congres", "festival"]
TWO_KINDS = ["inauguration", "sainte_barbe", "voeux", "festival", "ag", "11nov", "8mai"]
REV_KINDS = ["11nov", "8mai", "11nov", "inauguration", "sainte_barbe"]
OUTSIDE_KINDS = ["congres", "salon", "inauguration", "ag", "remise_prix"]


def kinds_for(pred):
    return [k for k in KINDS if pred(k)]


def sample_kind(rng, allowed):
    ks = [k for k in allowed]
    w = [KINDS[k][1] for k in ks]
    return rng.choices(ks, w)[0]


def make_specs(rng):
    specs = []

    def add(n, **kw):
        for _ in range(n):
            specs.append(dict(kw))
    for mode, n in [("tzid", 15), ("utc", 7), ("allday", 3), ("tzwin", 1)]:
        add(n, source="ics", ics_mode=mode, dmode="full")
    add(24, source="pdf")
    add(22, source="mixed")
    for style, n in [("outlook", 9), ("gmail", 9), ("thunderbird", 8), ("apple", 7), ("rfc822", 7)]:
        add(n, source="forward", fwd=style)
    add(70, source="prose")
    # outside the département
    for i, (srcx, extra) in enumerate([("prose", {}), ("pdf", {}), ("ics", {"ics_mode": "tzid", "dmode": "full"}), ("prose", {}),
                                       ("forward", {"fwd": "gmail"})]):
        sp = dict(source=srcx, place="outside", outside=i, kind=OUTSIDE_KINDS[i])
        sp.update(extra)
        specs.append(sp)
    by = lambda src: [s for s in specs if s["source"] == src and "place" not in s]
    pool = lambda src: [s for s in by(src) if "amb" not in s and "multi" not in s and "special" not in s and "dmode" not in s]
    rng.shuffle(specs)

    def take(src, n, **kw):
        cands = pool(src)
        assert len(cands) >= n, (src, n, kw)
        for s in cands[:n]:
            s.update(kw)
    # ambiguity
    take("prose", 1, amb="two_times")
    take("forward", 1, amb="two_times")
    take("prose", 1, amb="two_dates")
    take("forward", 1, amb="two_dates")
    take("prose", 1, amb="subject_body")
    take("mixed", 1, amb="card_mail_time")
    take("prose", 1, amb="null_commune")
    # several events
    for src, n in [("prose", 4), ("pdf", 1), ("mixed", 2), ("forward", 1)]:
        take(src, n, multi="two")
    for src, n in [("prose", 3), ("forward", 1), ("mixed", 1)]:
        take(src, n, multi="two_rev")
    for src, n in [("prose", 3), ("pdf", 2), ("mixed", 2), ("forward", 1)]:
        take(src, n, multi="span")
    # specials
    take("prose", 3, special="postponed")
    take("prose", 1, special="hybrid")
    # date modes
    take("prose", 3, dmode="mismatch")
    take("pdf", 1, dmode="mismatch")
    take("forward", 1, dmode="mismatch")
    take("mixed", 1, dmode="mismatch")
    take("prose", 5, dmode="prochain")
    take("prose", 5, dmode="month_omitted")
    for s in specs:
        if s["source"] == "ics" and "place" not in s:
            s.setdefault("dmode", "full")
            continue
        if "dmode" not in s:
            s["dmode"] = rng.choices(["full", "noyear", "num", "numy"], [52, 31, 11, 6])[0]
        if s.get("amb") == "subject_body":
            s["dmode"] = "full"
    # ICS span all-day and hybrid ICS
    alld = [s for s in specs if s.get("ics_mode") == "allday"]
    alld[0]["multi"] = "span"
    [s for s in specs if s.get("ics_mode") == "tzid" and "place" not in s][0]["special"] = "hybrid"
    # forwards with the PDF card inside
    fw = [s for s in specs if s["source"] == "forward" and "amb" not in s]
    for s in fw[:10]:
        s["fwd_pdf"] = True
    # place modes
    impl_kinds = kinds_for(lambda k: set(KINDS[k][0]) & IMPL_OK)
    diff_kinds = kinds_for(lambda k: set(KINDS[k][0]) & DIFF_OK)
    cands = [s for s in specs if "place" not in s and s["source"] != "ics" and "amb" not in s and s.get("multi") != "span"]
    rng.shuffle(cands)
    for s in cands[:30]:
        s["place"] = "implied"
    for s in cands[30:46]:
        s["place"] = "differs"
    ics_c = [s for s in specs if s["source"] == "ics" and "place" not in s]
    for s in ics_c[:3]:
        s["place"] = "differs"
    for s in specs:
        s.setdefault("place", "normal")
    # kinds
    for s in specs:
        if "kind" in s:
            continue
        allowed = list(KINDS)
        if s.get("multi") == "span":
            allowed = SPAN_KINDS
        elif s.get("multi") == "two":
            allowed = TWO_KINDS
        elif s.get("multi") == "two_rev":
            allowed = REV_KINDS
        if s["dmode"] in ("prochain", "month_omitted"):
            allowed = [k for k in allowed if k in ("inauguration", "ag", "comice", "jumelage", "pardon", "repas_aines", "regate",
                                                   "citoyennete", "portes_ouvertes", "anniversaire", "medailles", "remise_prix")]
        if s["place"] == "implied":
            allowed = [k for k in allowed if k in impl_kinds]
        if s["place"] == "differs":
            allowed = [k for k in allowed if k in diff_kinds]
        if s.get("amb") == "null_commune":
            allowed = ["inauguration", "voeux", "premiere_pierre", "visite_chantier"]
        if s.get("special") == "hybrid":
            allowed = ["ag"]
        if s.get("special") == "postponed":
            allowed = ["inauguration", "premiere_pierre", "remise_prix", "anniversaire"]
        if s["dmode"] in ("prochain", "month_omitted"):
            s["reg"] = rng.choice(["informal", "short", "letter1", "we", "informal"])
        s["kind"] = sample_kind(rng, allowed)
        if s["kind"] in PROG_KINDS and rng.random() < 0.4 and s["source"] != "ics":
            s["prog"] = True
        if s["source"] == "ics":
            s["noprog"] = True
    return specs


def forward_non(res, rng):
    """Wrap a non-invitation into a forward (inline when its text is known, else as message/rfc822)."""
    fk, fname, fmail = rng.choice(FORWARDERS[:5])
    orig_date = res["date"]
    out_date = orig_date + dt.timedelta(hours=rng.randrange(1, 30))
    cover = rng.choice(["Pour info.", "Pour information, rien à caler.", "Vu ce matin, à classer.", "FYI", "Pour info et suite à donner éventuelle."])
    ofrm = res["frm"]
    to = "Yann Le Gall <%s>" % DEPUTY_AN
    subj = res["subject"]
    if res.get("text") and rng.random() < 0.6:
        style = rng.choice(["outlook", "gmail", "thunderbird", "apple"])
        text = cover + fwd_header_block(style, rng, (ofrm[0] or "", ofrm[1]), to, orig_date, subj) + res["text"]
        body = text_part(text, charset="utf-8", cte=rng.choice(["8bit", "quoted-printable"]))
        feat = "fwd_" + style
    else:
        inner = build_message(ofrm, to, orig_date, subj, new_msgid(rng, domain_of(ofrm[1])), res["body"], rng=rng, extra=res.get("extra"))
        body = multi("mixed", [text_part(cover, charset="utf-8"), Part("message/rfc822", inner, cte="7bit" if inner.isascii() else "8bit",
                                                                        disposition="attachment")])
        feat = "fwd_rfc822"
    res = dict(res)
    res.update(frm=(fname, fmail), to=rng.choice(TO_FORMS), cc=None, subject=rng.choice(["TR: ", "Fwd: ", "Fw: "]) + subj, body=body,
               date=out_date, extra=[], in_reply_to=None)
    rec = dict(res["rec"])
    rec["source"] = "forward"
    rec["features"] = rec["features"] + [feat, "forwarded_non_invitation"]
    res["rec"] = rec
    return res


# ---------------------------------------------------------------------------
# Self-check (independent parsing of what was written)
# ---------------------------------------------------------------------------
def norm(s):
    s = unicodedata.normalize("NFC", s).replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    return re.sub(r"\s+", " ", strip_accents(s).lower())


MON_N = {strip_accents(m): i + 1 for i, m in enumerate(MO)}
WD_N = {w: i for i, w in enumerate(WD)}


def resolve_date(surface, kind, hdr):
    s = norm(surface)
    if kind in ("ics", "ics_utc"):
        m = re.search(r"(\d{8})(?:t(\d{6})(z)?)?", s)
        d = dt.datetime.strptime(m.group(1) + (m.group(2) or "000000"), "%Y%m%d%H%M%S")
        if m.group(3):
            # UTC -> Paris
            for off in (1, 2):
                loc = d + dt.timedelta(hours=off)
                if paris_offset(loc) == off:
                    d = loc
                    break
        return d.date(), ("%02d:%02d" % (d.hour, d.minute) if m.group(2) else None)
    if kind == "prochain":
        return next_weekday(hdr, WD_N[s.split()[0]]), None
    if kind == "month_omitted":
        day = int(re.search(r"(\d{1,2})", s).group(1))
        d = hdr + dt.timedelta(days=1)
        while d.day != day:
            d += dt.timedelta(days=1)
        return d, None
    m = re.search(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", s)
    if m:
        day, mon, year = int(m.group(1)), int(m.group(2)), m.group(3)
    else:
        m = re.search(r"\b(\d{1,2})(?:er)?\b", s)
        day = int(m.group(1))
        mon = None
        for tok in re.findall(r"[a-z]+", s[m.end():]):
            if tok in MON_N:
                mon = MON_N[tok]
                break
        ym = re.search(r"\b(\d{4})\b", s)
        year = ym.group(1) if ym else None
    if year:
        return dt.date(int(year), mon, day), None
    d = dt.date(hdr.year, mon, day)
    if d <= hdr:
        d = dt.date(hdr.year + 1, mon, day)
    return d, None


def parse_time(s):
    s = norm(s)
    if s == "midi":
        return "12:00"
    m = re.match(r"(\d{1,2})\s*(?:heures|h|:)\s*(\d{2})?", s)
    return "%02d:%02d" % (int(m.group(1)), int(m.group(2) or 0))


def message_text(msg):
    from email.message import Message  # noqa
    out = [str(msg.get("Subject", ""))]
    for part in msg.walk():
        ct = part.get_content_type()
        if part.is_multipart():
            if ct == "message/rfc822":
                continue
            continue
        if part.get("Subject") is not None:
            out.append(str(part.get("Subject")))
        payload = part.get_payload(decode=True)
        if payload is None:
            continue
        if ct == "application/pdf":
            out.append(pdf_text(payload))
        elif ct.startswith("text/") or ct == "application/ics":
            t = payload.decode(part.get_content_charset() or "utf-8", errors="strict")
            if ct == "text/html":
                t = html.unescape(re.sub(r"<[^>]+>", " ", t))
            if ct in ("text/calendar", "application/ics"):
                t = t.replace("\r\n ", "").replace("\n ", "")
            out.append(t)
    for part in msg.walk():
        if part.get_content_type() == "message/rfc822":
            for sub in part.get_payload():
                out.append(str(sub.get("Subject", "")))
    return "\n".join(out)


WD_RE = re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(\d{1,2})(?:er)?\s+(" + "|".join(MON_N) + r")(?:\s+(\d{4}))?")
WDN_RE = re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")


def self_check(rows, chks, datas):
    import email
    from email import policy
    from email.utils import parsedate_to_datetime
    errors = []
    seen_ids = set()
    for row, chk, data in zip(rows, chks, datas):
        f = row["file"]
        try:
            msg = email.message_from_bytes(data, policy=policy.default)
            text = message_text(msg)
        except Exception as e:  # noqa
            errors.append("%s: parse error %r" % (f, e))
            continue
        if msg["Message-ID"] != row["message_id"] or row["message_id"] in seen_ids:
            errors.append("%s: message-id" % f)
        seen_ids.add(row["message_id"])
        hdr = parsedate_to_datetime(msg["Date"]).replace(tzinfo=None)
        nt = norm(text)
        # weekday agreement everywhere
        mism = norm(chk["mismatch"]) if chk and chk.get("mismatch") else None
        for m in WD_RE.finditer(nt):
            wd, day, mon, year = WD_N[m.group(1)], int(m.group(2)), MON_N[m.group(3)], m.group(4)
            ys = [int(year)] if year else [hdr.year - 1, hdr.year, hdr.year + 1]
            ok_ = any(dt.date(y, mon, day).weekday() == wd for y in ys if not (mon == 2 and day == 29))
            if not ok_ and not (mism and m.group(0).startswith(mism[:len(m.group(0))]) and mism.startswith(m.group(0)[:len(mism)])):
                errors.append("%s: weekday disagrees: %s" % (f, m.group(0)))
        for m in WDN_RE.finditer(nt):
            wd, day, mon, year = WD_N[m.group(1)], int(m.group(2)), int(m.group(3)), m.group(4)
            ys = [int(year)] if year else [hdr.year - 1, hdr.year, hdr.year + 1]
            if not any(dt.date(y, mon, day).weekday() == wd for y in ys) and not (mism and mism in m.group(0) or (mism and m.group(0) in mism)):
                errors.append("%s: weekday disagrees: %s" % (f, m.group(0)))
        if not row["invitation"]:
            if row["events"]:
                errors.append("%s: non-invitation with events" % f)
            continue
        evs = row["events"]
        if not evs:
            errors.append("%s: invitation without events" % f)
            continue
        keys = [(e["date"], e["start"] or "") for e in evs]
        if keys != sorted(keys):
            errors.append("%s: events not sorted" % f)
        e0 = evs[0]
        d0 = dt.date.fromisoformat(e0["date"])
        if not (0 < (d0 - hdr.date()).days < 300):
            errors.append("%s: first event %s not within 300 days after %s" % (f, d0, hdr.date()))
        # date written and resolvable
        if norm(chk["date"]) not in nt:
            errors.append("%s: date surface %r not in message" % (f, chk["date"]))
        else:
            rd, rt = resolve_date(chk["date"], chk["dkind"], hdr.date())
            if rd != d0:
                errors.append("%s: date %r resolves to %s, truth %s" % (f, chk["date"], rd, d0))
            if chk["dkind"] == "month_omitted" and not e0["weekday_mismatch"] and WD_N[norm(chk["date"]).split()[0]] != rd.weekday():
                errors.append("%s: %r is not a %s" % (f, chk["date"], rd))
            if chk["dkind"] in ("ics", "ics_utc") and rt != e0["start"]:
                errors.append("%s: ICS start %s vs truth %s" % (f, rt, e0["start"]))
        if e0["start"] is not None and chk["dkind"] not in ("ics", "ics_utc"):
            if not chk["time"] or norm(chk["time"]) not in nt:
                errors.append("%s: time surface %r not in message" % (f, chk["time"]))
            elif parse_time(chk["time"]) != e0["start"]:
                errors.append("%s: time %r != %s" % (f, chk["time"], e0["start"]))
        if e0["start"] is None and not e0["ambiguous"] and not e0["all_day"]:
            errors.append("%s: no start but not all_day" % f)
        if e0["commune_code"]:
            name = [n for n, v in COMMUNES.items() if v[0] == e0["commune_code"]][0]
            if norm(core_name(name)) not in nt:
                errors.append("%s: commune %s not written" % (f, name))
        elif not e0["ambiguous"]:
            errors.append("%s: null commune but not ambiguous" % f)
        if e0["weekday_mismatch"]:
            mm = WD_RE.search(norm(chk["mismatch"]))
            if not mm:
                errors.append("%s: mismatch surface unparsable" % f)
            elif WD_N[mm.group(1)] == d0.weekday():
                errors.append("%s: labelled mismatch but weekday agrees" % f)
    return errors


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
def epoch(local):
    return int((to_utc(local) - dt.datetime(1970, 1, 1)).total_seconds())


def main():
    rng = R
    items = []   # (result dict, chk or None)
    specs = make_specs(rng)
    for sp in specs:
        P = build_invitation(sp, rng)
        res = render_source(P, sp, rng)
        feats = P["feats"]
        src = P["source"]
        notes = "; ".join(P["mnotes"]) or None
        rec = dict(invitation=True, events=P["truth"], source=src, notes=notes, category="inv:" + P["kind"],
                   features=sorted(set(feats)))
        res["rec"] = rec
        res.setdefault("in_reply_to", None)
        items.append((res, P["chk"]))
    items.extend(hand_invitations(rng))
    for cat, n, fn in NON_GENS:
        for _ in range(n):
            res = fn(rng)
            if res["rec"]["source"] != "ics" and rng.random() < 0.08:
                res = forward_non(res, rng)
            items.append((res, None))
    items.sort(key=lambda it: (it[0]["date"], it[0]["subject"]))
    if os.path.isdir(OUT):
        for sub in ("cur", "new", "tmp"):
            shutil.rmtree(os.path.join(OUT, sub), ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)
    rows, chks, datas = [], [], []
    for i, (res, chk) in enumerate(items, 1):
        mid = new_msgid(rng, domain_of(res["frm"][1]))
        data = build_message(res["frm"], res["to"], res["date"], res["subject"], mid, res["body"], cc=res.get("cc"),
                             extra=res.get("extra"), hcharset=res.get("hcs", "utf-8"), rng=rng, xmailer=res.get("xm"),
                             in_reply_to=res.get("in_reply_to"))
        fn = "cur/%d.M%04dP6262.%s:2,S" % (epoch(res["date"]), i, SET)
        with open(os.path.join(OUT, fn), "wb") as fh:
            fh.write(data)
        row = dict(file=fn, message_id=mid)
        row.update(res["rec"])
        rows.append(row)
        chks.append(chk)
        datas.append(data)
    order = sorted(range(len(rows)), key=lambda k: rows[k]["file"])
    rows = [rows[k] for k in order]
    chks = [chks[k] for k in order]
    datas = [datas[k] for k in order]
    with open(os.path.join(OUT, "truth.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    errors = self_check(rows, chks, datas)
    write_source_md(rows)
    n_inv = sum(r["invitation"] for r in rows)
    print("%d messages: %d invitations, %d non-invitations" % (len(rows), n_inv, len(rows) - n_inv))
    if errors:
        print("SELF-CHECK FAILED (%d):" % len(errors))
        for e in errors[:60]:
            print("  " + e)
        sys.exit(1)
    print("self-check OK")


def write_source_md(rows):
    from collections import Counter
    src = Counter((r["invitation"], r["source"]) for r in rows)
    cat = Counter(r["category"] for r in rows)
    feat = Counter(f for r in rows for f in r["features"])
    amb = sum(1 for r in rows if r["invitation"] and r["events"][0]["ambiguous"])
    two = sum(1 for r in rows if r["invitation"] and len(r["events"]) > 1)
    n_inv = sum(r["invitation"] for r in rows)
    L = ["# agenda-eval3 — held-out evaluation set for invitations and the agenda (issue 20)", "",
         "**Held-out: not used for tuning.** Measure once and report that figure; if code is later changed while looking at this set's "
         "failures, it has become a development set.", "",
         "- Written by: a helper agent started by a project session, from the issue text (#20), the label spec (`agenda-label-spec.md`) "
         "and `EVALUATION.md` only. It never opened the extractor's code (`src/`, `tests/`), the other fixture sets, nor the other "
         "generators or scorers.",
         "- Licence: CC0 1.0 (public domain dedication). All people, organisations, e-mail addresses and events are invented; commune "
         "names and INSEE codes are real (checked against the npm package `@etalab/decoupage-administratif`, `data/communes.json`, "
         "type `commune-actuelle`).",
         "- The office: fictitious deputy of Finistère (29) « Monsieur le Député » Yann Le Gall, mailbox `%s`." % OFFICE,
         "- Generator: `python3 scripts/make_agenda_eval3.py` (standard library only, fixed seed %d, no clock; rewrites `cur/`, `new/`, "
         "`tmp/`, `truth.jsonl` and this file, then self-checks every message)." % SEED,
         "- Labels: `truth.jsonl`, one object per message in file-name order, keys `file`, `message_id` (with `<>`), `invitation`, "
         "`events`, `source`, `notes`, `category`, `features` (the last two for error analysis only).", "",
         "## Counts", "",
         "- Messages: %d — invitations: %d, non-invitations: %d" % (len(rows), n_inv, len(rows) - n_inv),
         "- Invitations whose first event is ambiguous (count for recognition only): %d" % amb,
         "- Invitations with two events: %d" % two, "",
         "### By source", "", "| invitation | source | count |", "|---|---|---|"]
    for (inv, s), n in sorted(src.items()):
        L.append("| %s | %s | %d |" % ("yes" if inv else "no", s, n))
    L += ["", "### By category", "", "| category | count |", "|---|---|"]
    for c, n in sorted(cat.items()):
        L.append("| %s | %d |" % (c, n))
    L += ["", "### Some features", "", "| feature | messages |", "|---|---|"]
    for f_, n in sorted(feat.items()):
        if not f_.startswith(("fmt_", "org_", "register_", "time_style_")):
            L.append("| %s | %d |" % (f_, n))
    L += ["", "## Self-check", "",
          "The generator re-parses every message with Python's `email` package and checks that each invitation's first event "
          "day, start time and commune are written in the message or its attachment (PDF text layer, iCalendar part, forwarded "
          "message), that the written date resolves to the labelled one by the spec's rules (year left out, « samedi 5 », "
          "« dimanche prochain », UTC iCalendar times), that every written weekday agrees with its date except the labelled "
          "mismatches, and that every first event is less than 300 days after the Date header.", ""]
    with open(os.path.join(OUT, "SOURCE.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(L))



# ---------------------------------------------------------------------------
# Hand-written invitations (own phrasings; fixed dates)
# ---------------------------------------------------------------------------
def hand_invitations(rng):
    out = []
    D = dt.date
    T = dt.datetime

    def item(frm, subject, text, hd, evs, chk, feats, kind, source="prose", enc=None, attach=None, notes=None, to=None,
             organiser=None, rsvp=(None, None), html_text=None):
        enc = enc or choose_enc(rng)
        b = body_part(text, rng, enc, html_text)
        if attach:
            b = multi("mixed", [b] + attach)
        truth = [e.truth(organiser or frm[0], rsvp[0], rsvp[1]) for e in evs]
        rec = dict(invitation=True, events=truth, source=source, notes=notes, category="inv:" + kind,
                   features=sorted(set(feats + enc_feats(enc) + ["hand_written"])))
        res = dict(frm=frm, to=to or rng.choice(TO_FORMS), cc=None, subject=subject, body=b, date=hd, xm=rng.choice(XMAILERS),
                   hcs="utf-8", extra=[], in_reply_to=None, rec=rec)
        out.append((res, chk))

    # 1. Espace Kéraudy, commune implied by the town hall that writes
    hd, d = T(2025, 12, 29, 10, 12, 5), D(2026, 1, 16)
    text = ("Monsieur le Député,\n\nLa traditionnelle cérémonie des vœux à la population et aux acteurs économiques et associatifs se tiendra "
            "le %s à 19h à l'Espace Kéraudy.\n\nNous serions très heureux que vous puissiez y prendre la parole quelques minutes, comme l'an passé.\n\n"
            "Je vous prie d'agréer, Monsieur le Député, l'expression de mes sentiments les meilleurs.\n\nLe Maire,\nChristine Le Guen\n\nMairie de Plougonvelin\n"
            "Boulevard de la Mer – 29217 Plougonvelin") % fdate(d, "full")
    e = Ev("Vœux de la municipalité", d, (19, 0), None, None, "Espace Kéraudy", "rue du Stade", "Plougonvelin")
    item(("Mairie de Plougonvelin", "accueil@plougonvelin.exemple.fr"), "Vœux 2026", text, hd, [e],
         dict(date=fdate(d, "full"), dkind="full", time="19h", commune="Plougonvelin", mismatch=None),
         ["commune_implied", "breton_hall_name", "date_full", "time_style_h"], "voeux", organiser="Mairie de Plougonvelin — Christine Le Guen, Maire")

    # 2. entre 14h et 17h
    hd, d = T(2026, 2, 20, 16, 40, 0), D(2026, 3, 14)
    text = ("Bonjour Monsieur Le Gall,\n\nLe lycée des métiers de la mer ouvre ses portes aux familles et aux partenaires le %s, entre 14h et 17h. "
            "Les élèves de bac pro « conduite et gestion des entreprises maritimes » présenteront le simulateur de passerelle financé en partie "
            "par la Région.\n\nVotre visite serait un bel encouragement pour nos équipes. N'hésitez pas à me prévenir de votre heure d'arrivée, "
            "je vous accueillerai personnellement.\n\nBien cordialement,\n\nJean-Paul Riou\nProviseur\nLycée des métiers de la mer\n"
            "Rue de la Marine – 29730 Guilvinec\n02 98 58 %02d %02d") % (fdate(d, "full"), rng.randrange(100), rng.randrange(100))
    e = Ev("Portes ouvertes – Lycée des métiers de la mer", d, (14, 0), (17, 0), None, "Lycée des métiers de la mer", "rue de la Marine", "Guilvinec")
    item(("Jean-Paul Riou", "proviseur.lmm@ac-rennes-exemple.fr"), "Portes ouvertes du lycée – samedi 14 mars", text, hd, [e],
         dict(date=fdate(d, "full"), dkind="full", time="14h", commune="Guilvinec", mismatch=None),
         ["time_range", "range_entre", "date_full", "org_school"], "portes_ouvertes", organiser="Lycée des métiers de la mer — Jean-Paul Riou, proviseur")

    # 3. de 18h à 20h, Quimper
    hd, d = T(2026, 5, 6, 9, 3, 44), D(2026, 6, 4)
    text = ("Monsieur le Député,\n\nÀ l'occasion de la présentation de son baromètre annuel de l'économie cornouaillaise, la CCI a le plaisir de vous "
            "inviter à une réception au Centre des congrès du Chapeau Rouge, à Quimper, le %s de 18h à 20h.\n\nInscription souhaitée avant le 28 mai "
            "auprès de Mme Hascoët : protocole@cci-bretagne-ouest.exemple.fr.\n\nAvec nos salutations distinguées,\n\nLe Président de la délégation de Quimper") % fdate(d, "full")
    e = Ev("Réception – baromètre de l'économie cornouaillaise", d, (18, 0), (20, 0), None, "Centre des congrès du Chapeau Rouge", "rue du Chapeau-Rouge", "Quimper")
    item(("CCI métropolitaine Bretagne ouest", "protocole@cci-bretagne-ouest.exemple.fr"), "Invitation – baromètre économique", text, hd, [e],
         dict(date=fdate(d, "full"), dkind="full", time="18h", commune="Quimper", mismatch=None),
         ["time_range", "range_de_a", "date_full", "rsvp_deadline", "org_chambre"], "remise_prix",
         organiser="CCI métropolitaine Bretagne ouest — délégation de Quimper", rsvp=(D(2026, 5, 28), "Mme Hascoët, protocole@cci-bretagne-ouest.exemple.fr"))

    # 4. 10h30-12h, event in another commune than the signature's address
    hd, d = T(2026, 5, 28, 14, 21, 9), D(2026, 6, 23)
    text = ("Monsieur le Député,\n\nAprès deux ans de chantier, l'unité de méthanisation collective portée par douze exploitations du secteur est en service "
            "depuis février. Nous organisons son inauguration officielle et serions honorés de votre présence.\n\n"
            "Inauguration officielle : %s, 10h30-12h\nLieu : lieu-dit Kerscao, route de Lannilis, 29260 Ploudaniel\nVisite du site en petits groupes "
            "(bottes fournies), puis verre de l'amitié.\n\nRéponse souhaitée avant le 15 juin.\n\nCordialement,\n\nMikaël Cabon\nPrésident\nKerbio Énergie SAS\n"
            "Siège social : 4 rue de Brest, 29260 Lesneven") % fdate(d, "full").capitalize()
    e = Ev("Inauguration de l'unité de méthanisation Kerbio Énergie", d, (10, 30), (12, 0), None, "lieu-dit Kerscao", "route de Lannilis", "Ploudaniel")
    item(("Mikaël Cabon", "m.cabon@kerbio-energie.exemple.fr"), "Inauguration de l'unité de méthanisation", text, hd, [e],
         dict(date=fdate(d, "full"), dkind="full", time="10h30", commune="Ploudaniel", mismatch=None),
         ["time_range", "range_dash", "commune_differs_from_sender", "date_full", "rsvp_deadline", "org_company"], "inauguration",
         organiser="Kerbio Énergie SAS — Mikaël Cabon, président", rsvp=(D(2026, 6, 15), None))

    # 5. dimanche prochain, mayor's informal note
    hd, d = T(2026, 9, 7, 8, 2, 51), D(2026, 9, 13)
    text = ("Salut Yann,\n\nOn inaugure le terrain synthétique dimanche prochain à 11h, juste avant le match des seniors. Le président du district "
            "sera là, les gamins de l'école de foot aussi. Si tu peux passer, ça ferait plaisir à tout le monde (et à moi).\n\nÀ dimanche j'espère,\n"
            "Goulven\n\n--\nGoulven Tanguy\nMaire de Sizun")
    e = Ev("Inauguration du terrain synthétique", d, (11, 0), None, None, "stade municipal", None, "Sizun")
    item(("Goulven Tanguy", "goulven.tanguy@sizun.exemple.fr"), "dimanche", text, hd, [e],
         dict(date="dimanche prochain", dkind="prochain", time="11h", commune="Sizun", mismatch=None),
         ["date_prochain", "tutoiement", "commune_implied", "register_informal"], "inauguration",
         organiser="Mairie de Sizun — Goulven Tanguy, maire")

    # 6. le 14/03 à 11h
    hd, d = T(2027, 2, 15, 17, 30, 12), D(2027, 3, 14)
    text = ("Monsieur le Député,\n\nLa commune dévoilera le 14/03 à 11h une plaque à la mémoire des marins de la commune disparus en mer, "
            "place du 19-Mars-1962 à Lanvéoc, en présence de l'association des anciens de la Marine.\n\nUn vin d'honneur suivra à la salle polyvalente.\n\n"
            "Dans l'espoir de vous y accueillir, je vous prie de croire, Monsieur le Député, à l'assurance de ma considération distinguée.\n\n"
            "Le Maire de Lanvéoc")
    e = Ev("Dévoilement d'une plaque commémorative", d, (11, 0), None, None, "place du 19-Mars-1962", None, "Lanvéoc")
    item(("Mairie de Lanvéoc", "mairie@lanveoc.exemple.fr"), "Dévoilement de la plaque des marins disparus", text, hd, [e],
         dict(date="14/03", dkind="num", time="11h", commune="Lanvéoc", mismatch=None),
         ["date_num", "street_name_looks_like_date", "time_style_h"], "inauguration", organiser="Mairie de Lanvéoc — le Maire")

    # 7. 11 Novembre programme 10h15 / 10h30
    hd, d = T(2025, 10, 20, 11, 47, 2), D(2025, 11, 11)
    text = ("Monsieur le Député,\n\nLa section UNC de Crozon vous prie de bien vouloir assister aux cérémonies commémoratives du 11 novembre.\n\n"
            "Programme :\n10h15 rassemblement devant la mairie\n10h30 dépôt de gerbe au monument aux morts, sonnerie aux morts et Marseillaise\n"
            "11h15 remise de décorations\n11h45 vin d'honneur salle Nominoë\n\nPort des décorations pendantes.\n\nVeuillez agréer, Monsieur le Député, "
            "l'expression de nos sentiments respectueux.\n\nPour le bureau,\nHervé Salaün, président\nUNC Crozon – Presqu'île")
    e = Ev("Commémoration du 11 Novembre", d, (10, 15), None, None, "monument aux morts", "place de l'Église", "Crozon", notes="Port des décorations pendantes")
    item(("Hervé Salaün", "herve.salaun@orange.fr"), "Cérémonies du 11 novembre", text, hd, [e],
         dict(date="11 novembre", dkind="noyear", time="10h15", commune="Crozon", mismatch=None),
         ["programme", "date_noyear", "commune_implied", "org_veterans"], "11nov", organiser="UNC Crozon — Hervé Salaün, président")

    # 8. RSVP deadline written before the event date
    hd, d = T(2025, 12, 10, 15, 5, 0), D(2026, 1, 9)
    text = ("Monsieur le Député,\n\nAfin de préparer au mieux l'accueil de nos invités, nous vous serions reconnaissants de nous confirmer votre présence "
            "avant le 5 janvier.\n\nLa cérémonie des vœux du Maire et du Conseil municipal se tiendra le %s à 18h30, salle Ti Kreiz Ker, "
            "à Landivisiau.\n\nCordialement,\n\nLe cabinet du Maire\nVille de Landivisiau") % fdate(d, "full")
    e = Ev("Vœux du Maire et du Conseil municipal", d, (18, 30), None, None, "salle Ti Kreiz Ker", "rue du Général-de-Gaulle", "Landivisiau")
    item(("Cabinet du Maire – Landivisiau", "cabinet@landivisiau.exemple.fr"), "Vœux 2026 – confirmation de présence", text, hd, [e],
         dict(date=fdate(d, "full"), dkind="full", time="18h30", commune="Landivisiau", mismatch=None),
         ["rsvp_before_event_in_text", "rsvp_deadline", "breton_hall_name", "date_full"], "voeux",
         organiser="Ville de Landivisiau — cabinet du Maire", rsvp=(D(2026, 1, 5), None))

    # 9. two Sainte-Barbe, the earlier one mentioned second
    hd, d1, d2 = T(2025, 11, 14, 9, 55, 31), D(2025, 12, 6), D(2025, 12, 5)
    text = ("Monsieur le Député,\n\nLes sapeurs-pompiers du secteur fêteront cette année la Sainte-Barbe dans deux centres.\n\n"
            "La cérémonie du centre de Lesneven aura lieu le %s à 11h00, au centre de secours (rue de la Libération). Celle du centre de Plouescat "
            "se tiendra la veille, le %s à 18h30, à la salle omnisports de Plouescat.\n\nNous serions honorés de vous compter parmi nous à l'une "
            "ou l'autre de ces cérémonies.\n\nTenue de ville.\n\nCapitaine Yves Kervella\nChef de groupement – Secteur Nord\nCIS Lesneven") % (
        fdate(d1, "full"), fdate(d2, "full"))
    e1 = Ev("Sainte-Barbe – centre de Plouescat", d2, (18, 30), None, None, "salle omnisports", None, "Plouescat", notes="Tenue de ville")
    e2 = Ev("Sainte-Barbe – centre de Lesneven", d1, (11, 0), None, None, "centre de secours", "rue de la Libération", "Lesneven", notes="Tenue de ville")
    item(("Yves Kervella", "cis.lesneven@sdis29-exemple.fr"), "Sainte-Barbe 2025", text, hd, [e1, e2],
         dict(date=fdate(d2, "full"), dkind="full", time="18h30", commune="Plouescat", mismatch=None),
         ["two_events", "earlier_event_second", "commune_differs_from_sender", "date_full", "org_sdis"], "sainte_barbe",
         organiser="SDIS 29, CIS Lesneven — capitaine Yves Kervella")

    # 10. Breton greeting, HTML only, windows-1252
    hd, d = T(2026, 2, 23, 12, 10, 0), D(2026, 3, 21)
    text = ("Demat deoc'h Aotrou Kannad,\n\nDans le cadre de la Semaine de la langue bretonne, l'association Div Yezh Plabenneg organise un fest-deiz "
            "d'ouverture le %s à partir de 14 h 30, salle Ti an Holl.\n\nLes élèves des classes bilingues chanteront en ouverture. Ho pediñ a reomp "
            "a-greiz kalon — nous vous y invitons de tout cœur.\n\nKenavo emberr,\n\nAnaïg Mével\nKadeoriez / Présidente\nDiv Yezh Plabenneg – Plabennec") % fdate(d, "full")
    e = Ev("Fest-deiz d'ouverture de la Semaine de la langue bretonne", d, (14, 30), None, None, "salle Ti an Holl", "3 rue de Kerzu", "Plabennec")
    item(("Div Yezh Plabenneg", "divyezh.plabenneg@laposte.net"), "Pedadenn / Invitation – Sizhun ar brezhoneg", text, hd, [e],
         dict(date=fdate(d, "full"), dkind="full", time="14 h 30", commune="Plabennec", mismatch=None),
         ["breton_text", "breton_hall_name", "commune_implied", "date_full"], "festival", enc=("windows-1252", "quoted-printable", "html"),
         organiser="Div Yezh Plabenneg — Anaïg Mével, présidente")

    # 11. forward whose cover note mentions another (earlier) date
    od, hd, d = T(2025, 9, 12, 10, 2, 0), T(2025, 9, 15, 7, 48, 10), D(2025, 10, 4)
    orig = ("Mesdames et Messieurs les parlementaires,\n\nLe congrès départemental des maires et présidents d'intercommunalité du Finistère se tiendra "
            "le %s à Landerneau, salle Saint-Ernel (rue de Brest). Accueil des participants à partir de 8 h 30, ouverture des travaux à 9 h 15.\n\n"
            "Nous serions heureux de vous y accueillir et de vous donner la parole lors de la table ronde de l'après-midi.\n\n"
            "Le Président de l'AMF 29") % fdate(d, "full")
    cover = ("Gaëlle,\nJe suis à Paris jusqu'au jeudi 2 octobre mais ça, je peux le faire. Tu confirmes ?\nY.")
    text = cover + fwd_header_block("outlook", rng, ("AMF 29", "contact@amf29-exemple.fr"), "Yann Le Gall <%s>" % DEPUTY_AN, od,
                                    "Congrès départemental des maires") + orig
    e = Ev("Congrès départemental des maires du Finistère", d, (8, 30), None, None, "salle Saint-Ernel", "rue de Brest", "Landerneau")
    item(("Yann Le Gall", DEPUTY_AN), "TR: Congrès départemental des maires", text, hd, [e],
         dict(date=fdate(d, "full"), dkind="full", time="8 h 30", commune="Landerneau", mismatch=None),
         ["fwd_outlook", "other_date_in_cover_note", "programme", "date_full", "org_amf"], "congres", source="forward",
         organiser="Association des maires du Finistère (AMF 29) — le Président")

    # 12. save the date, no time stated (all day)
    hd, d = T(2026, 4, 2, 18, 15, 0), D(2026, 10, 2)
    text = ("Monsieur le Député,\n\nSAVE THE DATE\n\nLes Serres de Kerhuel fêteront leurs 50 ans le %s, sur notre site de production de "
            "Saint-Évarzec (route de Quimper). Le programme détaillé et le carton d'invitation suivront à la rentrée.\n\nNous espérons vivement "
            "que vous pourrez être des nôtres.\n\nMaryvonne Calvez\nDirectrice générale\nLes Serres de Kerhuel") % fdate(d, "full")
    e = Ev("50 ans des Serres de Kerhuel", d, None, None, None, "site de production des Serres de Kerhuel", "route de Quimper", "Saint-Évarzec")
    item(("Maryvonne Calvez", "m.calvez@serres-kerhuel.exemple.fr"), "Save the date – 50 ans des Serres de Kerhuel", text, hd, [e],
         dict(date=fdate(d, "full"), dkind="full", time=None, commune="Saint-Évarzec", mismatch=None),
         ["save_the_date", "no_time_all_day", "date_full", "street_names_commune", "org_company"], "anniversaire",
         organiser="Les Serres de Kerhuel — Maryvonne Calvez, directrice générale")

    # 13. samedi 5 (month left out), from a school
    hd, d = T(2027, 5, 18, 16, 30, 0), D(2027, 6, 5)
    text = ("Bonjour,\n\nPetit rappel : la kermesse de l'école aura lieu samedi 5, à partir de 11 h, dans la cour de l'école. Les CM2 tiennent "
            "beaucoup à ce que vous veniez voir l'exposition sur leur visite de l'Assemblée nationale, installée sous le préau.\n\n"
            "Bien cordialement,\nSolenn Gourmelon, directrice\nÉcole publique de Kerlaurent – Guipavas")
    e = Ev("Kermesse de l'école de Kerlaurent", d, (11, 0), None, None, "cour de l'école", None, "Guipavas")
    item(("École de Kerlaurent", "ec.kerlaurent.guipavas@ac-rennes-exemple.fr"), "Kermesse", text, hd, [e],
         dict(date="samedi 5", dkind="month_omitted", time="11 h", commune="Guipavas", mismatch=None),
         ["date_month_omitted", "commune_implied", "org_school"], "ecole", organiser="École publique de Kerlaurent, Guipavas — Solenn Gourmelon, directrice")

    # 14. ceremony held in person and also streamed
    hd, d = T(2027, 3, 1, 11, 11, 11), D(2027, 3, 26)
    text = ("Monsieur le Député,\n\nL'assemblée générale de la fédération départementale des CUMA se tiendra le %s à 9 h 30, à la salle "
            "polyvalente de Châteauneuf-du-Faou (rue de la Gare). Elle pourra aussi être suivie en visioconférence pour les adhérents éloignés.\n\n"
            "Nous serions heureux que vous puissiez intervenir en clôture, vers 12 h, sur les suites de la loi d'orientation agricole.\n\n"
            "Bien à vous,\nRonan Le Menn, président de la FDCUMA") % fdate(d, "full")
    e = Ev("Assemblée générale FDCUMA", d, (9, 30), None, None, "salle polyvalente", "rue de la Gare", "Châteauneuf-du-Faou")
    item(("FDCUMA", "fdcuma@agri-exemple.fr"), "AG FDCUMA – invitation", text, hd, [e],
         dict(date=fdate(d, "full"), dkind="full", time="9 h 30", commune="Châteauneuf-du-Faou", mismatch=None),
         ["hybrid_in_person_and_video", "second_time_in_text", "date_full", "org_asso"], "ag", organiser="FDCUMA du Finistère — Ronan Le Menn, président")
    return out


if __name__ == "__main__":
    main()
