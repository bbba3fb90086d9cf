#!/usr/bin/env python3
"""Generate the labelled fixtures for the officials (sender-matching) stage.

Writes:

* ``fixtures/rne/``: excerpts of the Répertoire national des élus (RNE) copied
  from the reference data (Isère 38, Gers 32, Loire-Atlantique 44), a
  hand-made older mayors file for Isère (``elus-maires-2020-38.csv``), the
  format-quirk variants under ``quirks/`` and ``SOURCE.md``.
* ``fixtures/officials/``: the office address book (``contacts.csv``,
  ``contacts.vcf``), the synthetic messages ``messages/NNN-slug.eml``, their
  labels (``labels.csv``) and ``SOURCE.md``.

* Python 3.11, standard library only.
* Deterministic: one fixed random seed, no clock, no network. Running it twice
  gives byte-identical files.
* Messages are assembled by hand (not with the ``email`` generator) so that
  charsets, transfer encodings and line endings come out exactly as chosen;
  every message is then re-parsed with the ``email`` package as a check.

Real names come from the RNE (Licence Ouverte / Etalab 2.0) and are used only
as directory entries; every message, address, phone number and the former
mayors of the 2020 file are invented. Phone numbers use the ranges reserved
for fiction (04 65 71 xx xx, 06 39 98 xx xx); IP addresses are documentation
ranges.

Usage::

    python3 scripts/make_officials_fixtures.py [--data /work/shared/data/rne]
"""
from __future__ import annotations

import argparse
import base64
import collections
import csv
import datetime as _dt
import email
import email.policy
import hashlib
import html
import io
import quopri
import random
import re
import shutil
import sys
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_RNE = ROOT / "fixtures" / "rne"
OUT_OFF = ROOT / "fixtures" / "officials"
DEFAULT_DATA = Path("/work/shared/data/rne")
SEED = 20260428

OFFICE = "permanence@senateur-exemple.fr"
OFFICE_TO = '"Permanence H. Marchal" <permanence@senateur-exemple.fr>'
MX = "mx1.senateur-exemple.fr"

MAYORS_FILE = "2026-04-28/elus-maires-mai.csv"
CM_FILE = "elus-conseillers-municipaux-cm.32-44.csv"
SET_2025 = "2025-10-07"
DEP38_FILES = ["elus-senateurs-sen.csv", "elus-deputes-dep.csv",
               "elus-conseillers-departementaux-cd.csv"]

NOM = "Nom de l'élu"
PRENOM = "Prénom de l'élu"
NAISS = "Date de naissance"


# ==========================================================================
# Small text helpers
# ==========================================================================
def strip_accents(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(s: str) -> str:
    """Name comparison key: no accents, upper case, hyphens/apostrophes/spaces
    collapsed to one space."""
    return re.sub(r"[\s\-'’.]+", " ", strip_accents(s).upper()).strip()


def iso(d: str) -> str:
    """dd/mm/yyyy -> yyyy-mm-dd."""
    dd, mm, yy = d.split("/")
    return f"{yy}-{mm}-{dd}"


def ddate(d: str) -> _dt.date:
    dd, mm, yy = d.split("/")
    return _dt.date(int(yy), int(mm), int(dd))


_LOWER_WORDS = {"de", "du", "des", "la", "le", "les", "en", "sur", "sous", "lès",
                "et", "aux", "au"}
_ACCENT_FIX = {"Etienne": "Étienne", "Echirolles": "Échirolles", "Eclose": "Éclose",
               "Eparres": "Éparres", "Etangs": "Étangs", "Echelles": "Échelles",
               "Evêque": "Évêque", "Egrève": "Égrève", "Eybens": "Eybens"}


def commune_typo(label: str) -> str:
    """RNE title case -> usual French typography ("Saint-Martin-D'Hères" ->
    "Saint-Martin-d'Hères", "Clonas-Sur-Varèze" -> "Clonas-sur-Varèze")."""
    out = []
    # split keeping separators
    parts = re.split(r"([\- ])", label)
    first = True
    for p in parts:
        if p in ("-", " ", ""):
            out.append(p)
            continue
        m = re.match(r"^([DL])'(.*)$", p)
        if m and not first:
            rest = _ACCENT_FIX.get(m.group(2), m.group(2))
            out.append(m.group(1).lower() + "'" + rest)
        elif p.lower() in _LOWER_WORDS and not first:
            out.append(p.lower())
        else:
            out.append(_ACCENT_FIX.get(p, p))
        first = False
    s = "".join(out)
    # "Les Avenières Veyrins-Thuellin", "Crêts En Belledonne": keep spaces
    return s


def de_commune(c: str) -> str:
    """'de Vif', 'du Touvet', 'des Adrets', "d'Allevard", 'de La Tronche'."""
    if c.startswith("Le "):
        return "du " + c[3:]
    if c.startswith("Les "):
        return "des " + c[4:]
    if c[0] in "AEIOUYÉÈÂÎ" and not c.startswith("Y"):
        return "d'" + c
    return "de " + c


def a_commune(c: str) -> str:
    if c.startswith("Le "):
        return "au " + c[3:]
    if c.startswith("Les "):
        return "aux " + c[4:]
    return "à " + c


def slug(s: str) -> str:
    s = strip_accents(s).lower().replace("'", "").replace("’", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def nom_typo(nom: str) -> str:
    """'MOREAU-GLÉNAT' -> 'Moreau-Glénat', 'DE MONTFALCON' -> 'de Montfalcon',
    'LE HÉNO' -> 'Le Héno', 'DU RUSQUEC' -> 'du Rusquec'."""
    words = nom.split(" ")
    out = []
    for i, w in enumerate(words):
        if w in ("DE", "DU", "DES") and i < len(words) - 1:
            out.append(w.lower())
            continue
        sub = []
        for h in w.split("-"):
            if h.startswith("D'") and len(h) > 2:
                sub.append("d'" + h[2:].capitalize())
            else:
                sub.append(h.capitalize())
        out.append("-".join(sub))
    return " ".join(out)


def initials(prenom: str) -> str:
    """'Jean-Pierre' -> 'J.-P.', 'Guillaume' -> 'G.'"""
    parts = re.split(r"[- ]", prenom)
    return "-".join(p[0] + "." for p in parts if p)


def first_given(prenom: str) -> str:
    """'Olivier Roland' -> 'Olivier' (RNE sometimes lists every given name)."""
    if "-" in prenom:
        return prenom
    return prenom.split(" ")[0]


# ==========================================================================
# RNE directory
# ==========================================================================
@dataclass
class Off:
    """One RNE row, seen as an official."""
    src: str              # mai | cm | sen | dep | cd | old
    file: str             # fixture file name it lives in
    dep: str
    nom: str
    prenom: str
    sexe: str
    birth: str            # dd/mm/yyyy as in RNE
    code: str = ""        # commune INSEE code (mai, cm, old), canton (cd), circ (dep)
    place: str = ""       # commune / canton / circonscription label
    fonction: str = ""    # cm: "Libellé de la fonction"; cd: idem
    debut_fonction: str = ""
    debut_mandat: str = ""

    @property
    def key(self) -> str:
        return f"{self.nom}/{self.prenom}/{iso(self.birth)}"

    @property
    def fname(self) -> str:
        return fold(self.prenom + " " + self.nom)

    @property
    def commune(self) -> str:
        return commune_typo(self.place)

    @property
    def fem(self) -> bool:
        return self.sexe == "F"

    def start(self) -> _dt.date:
        d = self.debut_fonction or self.debut_mandat
        return ddate(d) if d else _dt.date(2020, 7, 1)

    # -- how the person writes their own function ------------------------
    def function_line(self, rng: random.Random | None = None, with_commune: bool = True) -> str:
        f = self.fem
        c = self.commune
        if self.src in ("mai", "old") or (self.src == "cm" and self.fonction == "Maire"):
            base = "Maire"
            return f"{base} {de_commune(c)}" if with_commune else base
        if self.src == "cm":
            m = re.match(r"^(\d+)(er|ème) adjoint au Maire$", self.fonction)
            if m:
                n = int(m.group(1))
                style = rng.randrange(3) if rng else 0
                if style == 0:
                    rank = f"{n}{'re' if (n == 1 and f) else ('er' if n == 1 else 'e')}"
                elif style == 1:
                    rank = f"{n}{'ère' if (n == 1 and f) else ('er' if n == 1 else 'ème')}"
                else:
                    ords = {1: ("Premier", "Première"), 2: ("Deuxième", "Deuxième"),
                            3: ("Troisième", "Troisième"), 4: ("Quatrième", "Quatrième"),
                            5: ("Cinquième", "Cinquième"), 6: ("Sixième", "Sixième"),
                            7: ("Septième", "Septième"), 8: ("Huitième", "Huitième")}
                    rank = ords.get(n, (f"{n}e", f"{n}e"))[1 if f else 0]
                adj = "adjointe" if f else "adjoint"
                s = f"{rank} {adj} au maire"
                return f"{s} {de_commune(c)}" if with_commune else s
            s = "Conseillère municipale" if f else "Conseiller municipal"
            return f"{s} {de_commune(c)}" if with_commune else s
        if self.src == "sen":
            return "Sénatrice de l'Isère" if f else "Sénateur de l'Isère"
        if self.src == "dep":
            n = int(self.code[2:])
            ordn = "1re" if n == 1 else f"{n}e"
            return (f"{'Députée' if f else 'Député'} de la {ordn} circonscription de l'Isère")
        if self.src == "cd":
            if self.fonction.startswith("Président"):
                return ("Présidente" if f else "Président") + " du Département de l'Isère"
            if "Vice-président" in self.fonction:
                return (("Vice-présidente" if f else "Vice-président")
                        + " du Département de l'Isère")
            canton = commune_typo(self.place)
            return (f"{'Conseillère départementale' if f else 'Conseiller départemental'}"
                    f" du canton {de_commune(canton)}")
        raise ValueError(self.src)


class Directory:
    def __init__(self) -> None:
        self.rows: list[Off] = []
        self.old: list[Off] = []

    def add(self, o: Off) -> None:
        (self.old if o.src == "old" else self.rows).append(o)

    def finish(self) -> None:
        self.key_count = collections.Counter(o.key for o in self.rows)
        self.old_key_count = collections.Counter(o.key for o in self.old)
        # a name is "known" once per distinct person (key), over the whole
        # directory: copied files + the older file.
        per_name: dict[str, set[str]] = collections.defaultdict(set)
        for o in self.rows + self.old:
            per_name[o.fname].add(o.key)
        self.name_keys = per_name
        self.by_code_mayor = {o.code: o for o in self.rows if o.src == "mai"}
        self.old_by_code = {o.code: o for o in self.old}

    def unique_key(self, o: Off) -> bool:
        return self.key_count[o.key] == 1

    def unique_name(self, o: Off) -> bool:
        return len(self.name_keys[o.fname]) == 1

    def find(self, nom: str, prenom: str, code: str | None = None, src: str | None = None) -> Off:
        hits = [o for o in (self.old if src == "old" else self.rows)
                if o.nom == nom and o.prenom == prenom
                and (code is None or o.code == code) and (src is None or o.src == src)]
        if len(hits) != 1:
            raise SystemExit(f"directory lookup {nom}/{prenom}/{code}/{src}: {len(hits)} hits")
        return hits[0]

    def mayor(self, code: str) -> Off:
        return self.by_code_mayor[code]

    def known_name(self, full: str) -> bool:
        return fold(full) in self.name_keys


def read_lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def parse_line(line: bytes) -> list[str]:
    return line.decode("utf-8").rstrip("\r\n").split(";")


# ==========================================================================
# Part 1: fixtures/rne
# ==========================================================================
# Communes whose 2020 mayor (in the hand-made older file) differs from the
# 2026 one: small communes, invented former mayors. (code, NOM, Prénom, sexe,
# birth dd/mm/yyyy, CSP code, CSP label)
FORMER = [
    ("38008", "EYMERY", "Gérard", "M", "14/03/1949", "71", "Ancien agriculteur exploitant"),
    ("38040", "JACQUEMET", "Simone", "F", "02/08/1955", "74", "Ancien cadre"),
    ("38065", "ROSTAING", "Bernard", "M", "20/11/1952", "74", "Ancien cadre"),
    ("38103", "MAGNAT-BERRUYER", "Jean-François", "M", "09/06/1958", "12", "Agriculteur sur moyenne exploitation"),
    ("38129", "ARNAUD-GODDET", "Thomas", "M", "25/01/1972", "21", "Artisan"),
    ("38163", "FRÉNÉA", "Odile", "F", "30/09/1961", "42", "Professeur des écoles, instituteur et assimilé"),
    ("38186", "BARNIER", "Alain", "M", "18/02/1950", "75", "Ancienne profession intermédiaire"),
    ("38204", "DUC-GOIRAN", "Martine", "F", "04/12/1957", "75", "Ancienne profession intermédiaire"),
    ("38264", "PUPIN", "Hervé", "M", "21/05/1966", "22", "Commerçant et assimilé"),
    ("38299", "TROUILLER", "Paul", "M", "07/07/1947", "71", "Ancien agriculteur exploitant"),
    ("38333", "DE BEAUMONT", "Anne", "F", "11/03/1963", "31", "Profession libérale"),
    ("38402", "CHEVRON", "Lucien", "M", "16/10/1953", "74", "Ancien cadre"),
    ("38472", "BÉRANGER", "Claire", "F", "29/04/1969", "33", "Cadre de la fonction publique"),
    ("38522", "OLLIVIER", "Jacques", "M", "23/08/1948", "77", "Ancien employé"),
    ("38192", "VEYRAT", "Émile", "M", "05/05/1950", "74", "Ancien cadre"),
]

# The 20 real Isère mayor rows used by every quirk file (by INSEE code).
QUIRK_CODES = ["38004", "38015", "38039", "38052", "38108", "38116", "38129",
               "38137", "38185", "38223", "38229", "38318", "38417", "38421",
               "38439", "38486", "38531", "38545", "38561", "38567"]

OLD_HEADER = ["code_departement", "libelle_departement", "code_commune", "libelle_commune",
              "nom_elu", "prenom_elu", "sexe", "date_naissance", "code_csp", "libelle_csp",
              "date_debut_mandat", "date_debut_fonction"]


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def build_rne(data: Path, rng: random.Random, directory: Directory) -> dict:
    """Copy the RNE excerpts, write the older file and the quirk files."""
    info: dict = {}
    if OUT_RNE.exists():
        shutil.rmtree(OUT_RNE)
    OUT_RNE.mkdir(parents=True)

    # -- mayors 38/32/44 ---------------------------------------------------
    lines = read_lines(data / MAYORS_FILE)
    header = lines[0]
    hdr = parse_line(header)
    keep = [header]
    mayors38: list[list[str]] = []
    for ln in lines[1:]:
        f = parse_line(ln)
        if f[0] in ("38", "32", "44"):
            keep.append(ln)
            d = dict(zip(hdr, f))
            directory.add(Off("mai", "elus-maires-mai.csv", f[0], d[NOM], d[PRENOM],
                              d["Code sexe"], d[NAISS], d["Code de la commune"],
                              d["Libellé de la commune"], "Maire",
                              d["Date de début de la fonction"], d["Date de début du mandat"]))
            if f[0] == "38":
                mayors38.append(f)
    write(OUT_RNE / "elus-maires-mai.csv", b"".join(keep))
    info["mayors"] = collections.Counter(parse_line(x)[0] for x in keep[1:])
    info["mayors_total_source"] = len(lines) - 1

    # -- municipal councillors 32/44: whole file ----------------------------
    raw = (data / CM_FILE).read_bytes()
    write(OUT_RNE / CM_FILE, raw)
    lines = raw.splitlines(keepends=True)
    hdr = parse_line(lines[0])
    for ln in lines[1:]:
        d = dict(zip(hdr, parse_line(ln)))
        directory.add(Off("cm", CM_FILE, d["Code du département"], d[NOM], d[PRENOM],
                          d["Code sexe"], d[NAISS], d["Code de la commune"],
                          d["Libellé de la commune"], d["Libellé de la fonction"],
                          d["Date de début de la fonction"], d["Date de début du mandat"]))
    info["cm"] = len(lines) - 1

    # -- senators, deputies, departmental councillors of 38 -----------------
    info["dep38"] = {}
    for name in DEP38_FILES:
        lines = read_lines(data / SET_2025 / name)
        hdr = parse_line(lines[0])
        keep = [lines[0]]
        for ln in lines[1:]:
            f = parse_line(ln)
            if f[0] != "38":
                continue
            keep.append(ln)
            d = dict(zip(hdr, f))
            src = {"elus-senateurs-sen.csv": "sen", "elus-deputes-dep.csv": "dep",
                   "elus-conseillers-departementaux-cd.csv": "cd"}[name]
            code = d.get("Code de la circonscription législative") or d.get("Code du canton", "")
            place = (d.get("Libellé de la circonscription législative")
                     or d.get("Libellé du canton", "") or "Isère")
            directory.add(Off(src, name, "38", d[NOM], d[PRENOM], d["Code sexe"], d[NAISS],
                              code, place, d.get("Libellé de la fonction", ""),
                              d.get("Date de début de la fonction", ""),
                              d["Date de début du mandat"]))
        write(OUT_RNE / name, b"".join(keep))
        info["dep38"][name] = len(keep) - 1

    # -- older mayors file for 38 (hand-made) ------------------------------
    former = {f[0]: f for f in FORMER}
    assert len(former) == len(FORMER)
    out = io.StringIO()
    w = csv.writer(out, delimiter=",", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(OLD_HEADER)
    changed = []
    for f in mayors38:
        code = f[4]
        # 2020: most mayors elected in the first round (15/03/2020), installed
        # 23-28/05/2020; a few at the second round (28/06/2020), installed
        # early July.
        if rng.random() < 0.12:
            mandat = _dt.date(2020, 6, 28)
            fonction = _dt.date(2020, 7, rng.randint(3, 10))
        else:
            mandat = _dt.date(2020, 3, 15)
            fonction = _dt.date(2020, 5, rng.randint(23, 28))
        if code in former:
            _, nom, prenom, sexe, birth, csp, csp_l = former[code]
            changed.append(code)
        else:
            nom, prenom, sexe, birth, csp, csp_l = f[6], f[7], f[8], f[9], f[10], f[11]
        row = ["38", "Isère", code, f[5], nom, prenom, sexe, iso(birth), csp, csp_l,
               mandat.isoformat(), fonction.isoformat()]
        w.writerow(row)
        directory.add(Off("old", "elus-maires-2020-38.csv", "38", nom, prenom, sexe, birth,
                          code, f[5], "Maire", fonction.strftime("%d/%m/%Y"),
                          mandat.strftime("%d/%m/%Y")))
    assert sorted(changed) == sorted(former), "every FORMER commune must exist in the 2026 file"
    write(OUT_RNE / "elus-maires-2020-38.csv", out.getvalue().encode("latin-1"))
    info["old_rows"] = len(mayors38)
    info["changed"] = sorted(changed)

    # -- quirks ------------------------------------------------------------
    build_quirks(data, mayors38, info)
    build_releases(data, info)
    return info


def build_quirks(data: Path, mayors38: list[list[str]], info: dict) -> None:
    q = OUT_RNE / "quirks"
    q.mkdir(parents=True, exist_ok=True)
    hdr_line = read_lines(data / MAYORS_FILE)[0].decode("utf-8").rstrip("\r\n")
    header = hdr_line.split(";")
    by_code = {f[4]: f for f in mayors38}
    rows = [by_code[c] for c in QUIRK_CODES]
    assert any(", " in "".join(r) for r in rows), "want a field with a comma"
    info["quirk_rows"] = len(rows)

    def lines(sep: str, rs: list[list[str]], hd: list[str] = header) -> list[str]:
        return [sep.join(hd)] + [sep.join(r) for r in rs]

    # tab + BOM
    write(q / "tab-bom.tsv", ("\ufeff" + "\n".join(lines("\t", rows)) + "\n").encode("utf-8"))
    # ; + Latin-1 + CRLF
    write(q / "latin1-crlf.csv", ("\r\n".join(lines(";", rows)) + "\r\n").encode("latin-1"))
    # , every field quoted
    out = io.StringIO()
    w = csv.writer(out, delimiter=",", quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    write(q / "comma-quoted.csv", out.getvalue().encode("utf-8"))

    # dd/mm/yy
    def short(d: str) -> str:
        return d[:6] + d[8:] if re.fullmatch(r"\d\d/\d\d/\d{4}", d) else d
    srows = [r[:9] + [short(r[9])] + r[10:12] + [short(r[12]), short(r[13])] for r in rows]
    write(q / "short-dates.csv", ("\n".join(lines(";", srows)) + "\n").encode("utf-8"))

    # département 1 / 2A / 2B, commune codes without leading zero
    nat = read_lines(data / MAYORS_FILE)
    ain, corse_a, corse_b = [], [], []
    for ln in nat[1:]:
        f = parse_line(ln)
        if f[0] == "01" and len(ain) < 12:
            ain.append(f)
        elif f[0] == "2A" and len(corse_a) < 4:
            corse_a.append(f)
        elif f[0] == "2B" and len(corse_b) < 4:
            corse_b.append(f)
    nz = []
    for f in ain + corse_a + corse_b:
        g = list(f)
        g[0] = g[0].lstrip("0")
        g[4] = g[4].lstrip("0")
        nz.append(g)
    write(q / "no-leading-zeros.csv", ("\n".join(lines(";", nz)) + "\n").encode("utf-8"))
    info["nz"] = [(g[0], g[4]) for g in nz]

    # title line
    write(q / "title-line.csv",
          ("Répertoire national des élus - maires - extraction du 28/04/2026\n"
           + "\n".join(lines(";", rows)) + "\n").encode("utf-8"))

    # bad rows: good rows with four bad ones inserted
    good = [";".join(r) for r in rows]
    bad_short = ";".join(rows[3][:8])
    r = list(rows[7]); r[12] = "31/02/2020"
    bad_date = ";".join(r)
    r = list(rows[11]); r[6] = ""
    bad_name = ";".join(r)
    r = list(rows[15]); r[4] = "ABCDE"
    bad_code = ";".join(r)
    body = [hdr_line]
    bad_lines = {}
    for i, g in enumerate(good):
        body.append(g)
        if i == 4:
            body.append(bad_short); bad_lines["too_few_fields"] = len(body)
        elif i == 9:
            body.append(bad_date); bad_lines["invalid_date"] = len(body)
        elif i == 13:
            body.append(bad_name); bad_lines["empty_name"] = len(body)
        elif i == 17:
            body.append(bad_code); bad_lines["bad_commune_code"] = len(body)
    write(q / "bad-rows.csv", ("\n".join(body) + "\n").encode("utf-8"))
    info["bad_lines"] = bad_lines
    info["bad_total_lines"] = len(body)
    info["bad_src"] = {"too_few_fields": rows[3][4], "invalid_date": rows[7][4],
                       "empty_name": rows[11][4], "bad_commune_code": rows[15][4]}


# Earlier releases and third-party republications, each derived from real rows (no random draw:
# the other outputs stay byte-identical).
OLD_MAYORS_HEADER = ["Code du département (Maire)", "Libellé de département (Maires)",
                     "Code Insee de la commune", "Libellé de la commune", NOM, PRENOM,
                     "Code sexe", NAISS, "Code profession", "Libellé de la profession",
                     "Date de début du mandat", "Date de début de la fonction"]
# (département, rows) of the earlier-release mayors excerpt: 40 rows.
THREE_DIGIT_DEPS = [("01", 8), ("2A", 5), ("2B", 5), ("38", 6), ("59", 3), ("75", 1),
                    ("971", 6), ("974", 4), ("976", 2)]
PG_HEADER = ["code_departement", "libelle_departement", "code_collectivite_statut_particulier",
             "libelle_collectivite_statut_particulier", "code_circonscription",
             "libelle_circonscription", "nom_elu", "prenom_elu", "code_sexe", "date_naissance",
             "code_csp", "libelle_csp", "date_debut_mandat"]
SEN_HEADER = ["Code département", "Département", "Code collectivité", "Collectivité", "Nom",
              "Prénom", "Sexe", "Date de naissance", "Code CSP", "Profession", "Début du mandat"]
CM_SNAKE_HEADER = ["code_departement", "libelle_departement", "code_collectivite_statut_particulier",
                   "libelle_collectivite_statut_particulier", "code_commune", "libelle_commune",
                   "nom_elu", "prenom_elu", "code_sexe", "date_naissance", "code_csp",
                   "libelle_csp", "date_debut_mandat", "libelle_fonction",
                   "date_debut_fonction", "code_nationalite"]


def spread(rows: list, n: int) -> list:
    """n rows taken evenly through rows, in file order."""
    return [rows[i * len(rows) // n] for i in range(n)]


def by_dep(lines: list[bytes]) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = collections.defaultdict(list)
    for ln in lines[1:]:
        f = parse_line(ln)
        out[f[0]].append(f)
    return out


def unpadded(d: str) -> str:
    """dd/mm/yyyy -> d/m/yyyy (a spreadsheet's short date)."""
    if not d:
        return d
    dd, mm, yy = d.split("/")
    return f"{int(dd)}/{int(mm)}/{yy}"


def build_releases(data: Path, info: dict) -> None:
    q = OUT_RNE / "quirks"
    rel: dict = {}

    # -- earlier national mayors release: commune code within the département ----------------
    mayors = by_dep(read_lines(data / MAYORS_FILE))
    rows = []
    for dep, n in THREE_DIGIT_DEPS:
        for f in spread(mayors[dep], n):
            code = f[4]
            part = code[len(dep):]
            assert code.startswith(dep) and len(part) == (2 if len(dep) == 3 else 3), code
            rows.append(([dep, f[1], part, f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12],
                          f[13]], code))
    assert len(rows) == 40
    write(q / "earlier-mayors-3digit.csv",
          ("\n".join([";".join(OLD_MAYORS_HEADER)] + [";".join(r) for r, _ in rows]) + "\n")
          .encode("utf-8"))
    rel["three"] = [(r[0], r[2], code) for r, code in rows]

    # -- deputies as a PostgreSQL CSV dump: timestamps 'yyyy-mm-dd 00:00:00+00' ---------------
    deputies = by_dep(read_lines(data / SET_2025 / "elus-deputes-dep.csv"))
    picked = (deputies["01"] + deputies["2A"] + deputies["38"][:3] + deputies["971"][:2]
              + deputies["ZZ"][:2] + [f for f in deputies[""] if f[2] in ("975", "988")])
    out = io.StringIO()
    w = csv.writer(out, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writerow(PG_HEADER)
    for f in picked:
        w.writerow(f[:9] + [iso(f[9]) + " 00:00:00+00"] + f[10:12] + [iso(f[12]) + " 00:00:00+00"])
    write(q / "deputies-pg-timestamps.csv", out.getvalue().encode("utf-8"))
    rel["deputies"] = len(picked)

    # -- senators from a JSON-fed export: ISO date-times with 'T' -----------------------------
    senators = by_dep(read_lines(data / SET_2025 / "elus-senateurs-sen.csv"))
    picked = (senators["01"] + senators["2A"] + senators["38"][:2] + senators["971"][:2]
              + senators["ZZ"][:2] + [f for f in senators[""] if f[2] in ("972", "977")])
    lines = [";".join(SEN_HEADER)]
    for f in picked:
        lines.append(";".join(f[:7] + [iso(f[7]) + "T00:00:00"] + f[8:10]
                              + [iso(f[10]) + "T00:00:00.000Z"]))
    write(q / "senators-iso-t.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    rel["senators"] = len(picked)

    # -- departmental councillors saved from a spreadsheet: d/m/yyyy ---------------------------
    cd_lines = read_lines(data / SET_2025 / "elus-conseillers-departementaux-cd.csv")
    cds = by_dep(cd_lines)
    picked = cds["01"][:4] + cds["6AE"][:3] + cds["38"][:3] + cds["971"][:2]
    lines = [cd_lines[0].decode("utf-8").rstrip("\r\n")]
    for f in picked:
        lines.append(";".join(f[:7] + [unpadded(f[7])] + f[8:10] + [unpadded(f[10]), f[11],
                                                                    unpadded(f[12])]))
    write(q / "cd-unpadded-dates.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    rel["cd"] = len(picked)

    # -- municipal councillors: Latin-1, tab, CRLF, title line, snake_case header -------------
    cm = read_lines(data / CM_FILE)
    # Auch's first 13 councillors, then Condom's mayor and deputies (rows with a function).
    all_cm = [parse_line(x) for x in cm[1:]]
    picked = ([f for f in all_cm if f[4] == "32013"][:13]
              + [f for f in all_cm if f[4] == "32107" and f[13]])
    assert len(picked) == 20 and any(f[13] == "Maire" for f in picked)
    text = ("Répertoire national des élus - conseillers municipaux - Gers\r\n"
            + "\t".join(CM_SNAKE_HEADER) + "\r\n"
            + "".join("\t".join(f) + "\r\n" for f in picked))
    write(q / "cm-latin1-tab-title.tsv", text.encode("latin-1"))
    rel["cm"] = [(f[4], f[6], f[13]) for f in picked]

    # -- a layout the importer cannot understand: commune name and code swapped ---------------
    hdr_line = read_lines(data / MAYORS_FILE)[0].decode("utf-8").rstrip("\r\n")
    by_code = {f[4]: f for f in mayors["38"]}
    rows10 = [by_code[c] for c in QUIRK_CODES[:10]]
    lines = [hdr_line, ";".join(rows10[0])]
    for f in rows10[1:]:
        g = list(f)
        g[4], g[5] = g[5], g[4]
        lines.append(";".join(g))
    write(q / "not-understood.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    rel["bad_first"] = (rows10[1][5], 3)
    info["releases"] = rel


def rne_source_md(info: dict) -> str:
    m = info["mayors"]
    d = info["dep38"]
    bl = info["bad_lines"]
    bs = info["bad_src"]
    former = ", ".join(info["changed"])
    nz = ", ".join(f"`{a};…;{b}`" for a, b in info["nz"])
    rel = info["releases"]
    three_deps = ", ".join(f"{d} ({n})" for d, n in THREE_DIGIT_DEPS)
    seen_deps: set = set()
    examples = []
    for dep, part, code in rel["three"]:
        if dep not in seen_deps and dep in ("01", "2A", "971"):
            seen_deps.add(dep)
            examples.append(f"`{dep};…;{part}` = {code}")
    three_examples = ", ".join(examples)
    return f"""# RNE excerpts for the officials stage

Generated by `scripts/make_officials_fixtures.py` from `/work/shared/data/rne/` — do not edit by hand.

**Source:** Répertoire national des élus (RNE), Ministère de l'Intérieur, published on data.gouv.fr
(<https://www.data.gouv.fr/fr/datasets/repertoire-national-des-elus-1/>).
**Licence:** Licence Ouverte / Open Licence 2.0 (Etalab 2.0). Attribution: « Ministère de l'Intérieur —
Répertoire national des élus ».

| File | Source file (release date) | What was kept |
|---|---|---|
| `elus-maires-mai.csv` | `2026-04-28/elus-maires-mai.csv` (28/04/2026, after the March 2026 elections, {info['mayors_total_source']:,} rows) | header + the rows of départements 38 ({m['38']}), 32 ({m['32']}) and 44 ({m['44']}); each line byte-for-byte as published |
| `elus-conseillers-municipaux-cm.32-44.csv` | `elus-conseillers-municipaux-cm.32-44.csv` (2020 mandate, published 16-column layout) | the whole file, {info['cm']:,} rows, unchanged (29 rows carry code 32 with the label "Haute-Garonne" and Fontenilles' code 31188, as found: the importer refuses them, a commune code must be in the row's département) |
| `elus-senateurs-sen.csv` | `2025-10-07/elus-senateurs-sen.csv` (07/10/2025) | header + Isère (38) rows: {d['elus-senateurs-sen.csv']} |
| `elus-deputes-dep.csv` | `2025-10-07/elus-deputes-dep.csv` (07/10/2025) | header + Isère rows: {d['elus-deputes-dep.csv']} |
| `elus-conseillers-departementaux-cd.csv` | `2025-10-07/elus-conseillers-departementaux-cd.csv` (07/10/2025) | header + Isère rows: {d['elus-conseillers-departementaux-cd.csv']} |

Format of the copied files: `;`-separated, UTF-8 without BOM, unquoted, LF, dates `dd/mm/yyyy`.

## `elus-maires-2020-38.csv` — hand-made, NOT an official file

An older-style mayors export for Isère ({info['old_rows']} rows, one per commune of the 2026 file), written
for importer and history tests: snake_case header, `,`-separated, every field quoted, **Latin-1**,
**CRLF**, ISO dates `yyyy-mm-dd`, INSEE commune codes. Mandate start 15/03/2020 (first round,
installed 23–28/05/2020) or 28/06/2020 (second round, installed 03–10/07/2020), chosen at random
with a fixed seed.

For every commune but {len(info['changed'])} the mayor is the same person as in the 2026 file (same
name, sex, birth date and CSP). In these {len(info['changed'])} communes the 2020 mayor is an
**invented** person (name, birth date and CSP made up, checked not to clash with any name in the
directory): {former}. These are the *former officials*: when this file is imported first and
`elus-maires-mai.csv` after it, their mandate must end (the 2026 file names a different mayor for the
commune) while the others continue.

## `quirks/` — format variants for importer tests

Each holds the same 20 real Isère mayor rows (INSEE {', '.join(QUIRK_CODES)}) from
`elus-maires-mai.csv`, with the published 14-column header, unless said otherwise. Parsed, every file
but `no-leading-zeros.csv` and `bad-rows.csv` must give exactly the records of those 20 rows.

| File | Quirk |
|---|---|
| `tab-bom.tsv` | tab separator, UTF-8 with BOM, LF |
| `latin1-crlf.csv` | `;`, ISO-8859-1, CRLF |
| `comma-quoted.csv` | `,` separator, every field (header included, empty ones too) in double quotes; CSP labels such as `"Professeur, profession scientifique"` carry a comma inside quotes (no real name in RNE contains a comma, so the quoted-comma case is a label) |
| `short-dates.csv` | every date `dd/mm/yy` (birth dates `48`…`00`: INSEE 38015 was born 24/11/2000 → `24/11/00`; mandate `15/03/26`) — a reader must pivot birth years to 19xx/20xx sensibly |
| `no-leading-zeros.csv` | 20 other rows from the national file: Ain (département written `1`, communes `1001`…) and Corse (`2A`, `2B`, communes `2A004`…): {nz} |
| `title-line.csv` | a title line `Répertoire national des élus - maires - extraction du 28/04/2026` before the header |
| `bad-rows.csv` | the 20 good rows plus 4 bad ones ({info['bad_total_lines']} lines with the header, line 1) |

Bad lines in `bad-rows.csv` (1-based line numbers, header = line 1):

| Line | Problem | Based on |
|---|---|---|
| {bl['too_few_fields']} | too few fields (8 of 14: cut after "Code sexe") | INSEE {bs['too_few_fields']} |
| {bl['invalid_date']} | invalid date `31/02/2020` in "Date de début du mandat" | INSEE {bs['invalid_date']} |
| {bl['empty_name']} | empty "Nom de l'élu" | INSEE {bs['empty_name']} |
| {bl['bad_commune_code']} | commune code `ABCDE` (not an INSEE code) | INSEE {bs['bad_commune_code']} |

Every other line of `bad-rows.csv` is a good row (the bad lines are copies of good rows with one
defect, so the good row for the same commune is also present).

## `quirks/` — earlier releases and republications

Derived from the real files named below (same source and Licence Ouverte as above): the names,
dates, codes and labels are the published ones; only the layout was changed, as written. None is an
official file. They are the layouts of issue 15 (an earlier national mayors release read as "all
rejected", a deputies file with PostgreSQL timestamps).

| File | Derived from | Rows | Layout |
|---|---|---|---|
| `earlier-mayors-3digit.csv` | `2026-04-28/elus-maires-mai.csv` | {len(rel['three'])}: spread evenly through {three_deps} | the header of earlier releases (`Code du département (Maire)`, `Libellé de département (Maires)`, `Code Insee de la commune`, …, `Code profession`, `Libellé de la profession`; no collectivity columns); **the commune code is the number within the département**: three digits after a two-character département, two after an overseas one ({three_examples}); `;`, UTF-8, LF, `dd/mm/yyyy` |
| `deputies-pg-timestamps.csv` | `2025-10-07/elus-deputes-dep.csv` | {rel['deputies']}: all of 01 and 2A, three of 38, two of 971, two of ZZ (French abroad), and the rows of 975 and 988 (no département, a collectivity code) | a PostgreSQL `COPY … CSV HEADER`: snake_case header (`code_departement`, …, `code_circonscription`, `nom_elu`, `prenom_elu`, `date_naissance`, `date_debut_mandat`), `,`, quotes only where a field has a comma, **dates `yyyy-mm-dd 00:00:00+00`** |
| `senators-iso-t.csv` | `2025-10-07/elus-senateurs-sen.csv` | {rel['senators']}: all of 01 and 2A, two each of 38, 971 and ZZ, and the rows of 972 and 977 (no département) | renamed columns (`Code département`, `Département`, `Code collectivité`, `Collectivité`, `Nom`, `Prénom`, `Sexe`, `Code CSP`, `Profession`, `Début du mandat`); **ISO date-times**: birth `yyyy-mm-ddT00:00:00`, mandate `yyyy-mm-ddT00:00:00.000Z`; `;`, UTF-8 |
| `cd-unpadded-dates.csv` | `2025-10-07/elus-conseillers-departementaux-cd.csv` | {rel['cd']}: four of 01, three of 6AE (Alsace), three of 38, two of 971 | the published header; **dates without zero padding** as a spreadsheet saves them (`2/5/1955`, `1/7/2021`) |
| `cm-latin1-tab-title.tsv` | `elus-conseillers-municipaux-cm.32-44.csv` | 20: Auch's first 13 councillors and Condom's 7 with a function (its mayor and deputies) | **ISO-8859-1, tab, CRLF, a title line** (`Répertoire national des élus - conseillers municipaux - Gers`) before a **snake_case header** (`code_commune`, `nom_elu`, `libelle_fonction`, `date_debut_fonction`, …) |
| `not-understood.csv` | `2026-04-28/elus-maires-mai.csv` | 10: the first ten Isère rows of the other quirk files | the published header, but in every row after the first the commune code and label are **swapped** (shifted columns): a layout the importer must refuse as a whole. The first refused row is line {rel['bad_first'][1]} (code column `{rel['bad_first'][0]}`) |

## Regenerate

```sh
python3 scripts/make_officials_fixtures.py            # reads /work/shared/data/rne
python3 scripts/make_officials_fixtures.py --data DIR # another copy of the same files
```
"""


# ==========================================================================
# Part 2: mail rendering
# ==========================================================================
_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_JOURS_ABBR = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
_MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
         "septembre", "octobre", "novembre", "décembre"]


def _last_sunday(y: int, m: int) -> _dt.date:
    d = _dt.date(y, m, 31)
    while d.weekday() != 6:
        d -= _dt.timedelta(days=1)
    return d


def paris(day: _dt.date, h: int, mi: int, s: int) -> _dt.datetime:
    off = 120 if _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10) else 60
    return _dt.datetime(day.year, day.month, day.day, h, mi, s,
                        tzinfo=_dt.timezone(_dt.timedelta(minutes=off)))


def rfc_date(t: _dt.datetime) -> str:
    off = int(t.utcoffset().total_seconds() // 60)
    sign = "+" if off >= 0 else "-"
    off = abs(off)
    return (f"{_DAYS[t.weekday()]}, {t.day} {_MONTHS[t.month - 1]} {t.year} "
            f"{t:%H:%M:%S} {sign}{off // 60:02d}{off % 60:02d}")


def fr_long(t: _dt.datetime) -> str:
    """'mardi 3 mars 2026 10:12' (Outlook)."""
    return f"{_JOURS[t.weekday()]} {t.day} {_MOIS[t.month - 1]} {t.year} {t:%H:%M}"


def fr_gmail(t: _dt.datetime) -> str:
    """'mar. 3 mars 2026 à 10:12' (Gmail/Thunderbird)."""
    return f"{_JOURS_ABBR[t.weekday()]} {t.day} {_MOIS[t.month - 1]} {t.year} à {t:%H:%M}"


def fr_day(d: _dt.date) -> str:
    return f"{d.day if d.day > 1 else '1er'} {_MOIS[d.month - 1]} {d.year}"


_ALNUM = set(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_Q_PHRASE_SAFE = _ALNUM | set(b"!*+-/")
_CODEC = {"utf-8": "utf-8", "iso-8859-1": "latin-1"}


def _qword(chars: bytes) -> str:
    out = []
    for b in chars:
        if b == 0x20:
            out.append("_")
        elif b in _Q_PHRASE_SAFE:
            out.append(chr(b))
        else:
            out.append(f"={b:02X}")
    return "".join(out)


def encoded_words(s: str, charset: str = "utf-8", enc: str = "q") -> list[str]:
    """RFC 2047 encoded words for s, each at most 75 characters, never
    splitting a multi-byte character."""
    cs = charset.upper()
    codec = _CODEC[charset]
    words, cur = [], ""
    prefix = f"=?{cs}?{enc.upper()}?"
    for ch in s:
        trial = cur + ch
        raw = trial.encode(codec)
        body = _qword(raw) if enc == "q" else base64.b64encode(raw).decode()
        if len(prefix) + len(body) + 2 > 75 and cur:
            words.append(cur)
            cur = ch
        else:
            cur = trial
    if cur:
        words.append(cur)
    out = []
    for w in words:
        raw = w.encode(codec)
        body = _qword(raw) if enc == "q" else base64.b64encode(raw).decode()
        out.append(prefix + body + "?=")
    return out


def fold_header(name: str, tokens: list[str]) -> str:
    """Join tokens with spaces, folding before a token when the line would
    pass 76 characters."""
    line = name + ":"
    lines = []
    for t in tokens:
        if len(line) + 1 + len(t) > 76 and line.strip() != name + ":":
            lines.append(line)
            line = " " + t
        else:
            line += " " + t
    lines.append(line)
    return "\n".join(lines)


def hdr_text(name: str, value: str, charset: str = "utf-8", enc: str = "q") -> str:
    if all(ord(c) < 128 for c in value):
        return fold_header(name, value.split(" "))
    return fold_header(name, encoded_words(value, charset, enc))


_SPECIALS = set('()<>[]:;@\\,."')


def addr(name: str | None, address: str, charset: str = "utf-8", enc: str = "q",
         raw_utf8: bool = False) -> list[str]:
    """Tokens for one mailbox."""
    if not name:
        return [address]
    if all(ord(c) < 128 for c in name) or raw_utf8:
        if any(c in _SPECIALS for c in name):
            q = name.replace("\\", "\\\\").replace('"', '\\"')
            return [f'"{q}"', f"<{address}>"]
        return name.split(" ") + [f"<{address}>"]
    return encoded_words(name, charset, enc) + [f"<{address}>"]


LATIN1_SUBST = {"’": "'", "‘": "'", "€": "EUR", "œ": "oe", "Œ": "OE", "–": "-",
                "—": "-", "…": "...", "“": '"', "”": '"', "\u202f": " "}


def to_latin1(s: str) -> str:
    for a, b in LATIN1_SUBST.items():
        s = s.replace(a, b)
    return s


@dataclass
class Msg:
    slug: str
    from_name: str | None
    from_addr: str
    date: _dt.datetime
    subject: str
    body: str
    expected: str
    method: str
    note: str
    charset: str = "utf-8"
    cte: str = "8bit"          # 8bit | quoted-printable | base64
    agent: str = "thunderbird"  # thunderbird | outlook | gmail | apple | webmail | orange | iphone
    html: bool = False
    wrap: bool = True
    in_reply_to: str | None = None
    cc: list[tuple[str | None, str]] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    subject_enc: str = "q"
    raw_utf8_name: bool = False
    mid: str = ""
    number: int = 0

    @property
    def file(self) -> str:
        return f"{self.number:03d}-{self.slug}.eml"


def wrap_text(body: str, width: int = 72) -> str:
    out = []
    for para in body.split("\n"):
        if len(para) <= width or para.startswith(">") or para.endswith("a écrit :"):
            out.append(para)
        else:
            out.append(textwrap.fill(para, width=width, break_long_words=False,
                                     break_on_hyphens=False))
    return "\n".join(out)


def to_html(body: str) -> str:
    paras = body.split("\n\n")
    h = []
    for p in paras:
        h.append("<p>" + "<br>\n".join(html.escape(x, quote=False) for x in p.split("\n")) + "</p>")
    return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
            "</head>\n<body>\n<div style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt\">\n"
            + "\n".join(h) + "\n</div>\n</body></html>\n")


def encode_part(text: str, charset: str, cte: str) -> bytes:
    raw = text.encode(_CODEC[charset])
    if cte == "8bit":
        return raw
    if cte == "quoted-printable":
        return quopri.encodestring(raw)
    if cte == "base64":
        b = base64.b64encode(raw).decode()
        return ("\n".join(b[i:i + 76] for i in range(0, len(b), 76)) + "\n").encode()
    raise ValueError(cte)


AGENTS = {
    "thunderbird": ["User-Agent: Mozilla Thunderbird", "Content-Language: fr"],
    "outlook": ["X-Mailer: Microsoft Outlook 16.0", "Content-Language: fr",
                "X-MS-Has-Attach: ", "Thread-Topic: {subject_ascii}"],
    "gmail": [],
    "apple": ["X-Mailer: Apple Mail (2.3774.500.171.1.1)"],
    "iphone": ["X-Mailer: iPhone Mail (21D61)"],
    "webmail": ["User-Agent: Roundcube Webmail/1.6.5"],
    "orange": ["X-Mailer: Orange Messagerie"],
    "bulk": ["X-Mailer: phpList v3.6.15"],
}


def render(m: Msg) -> bytes:
    """Assemble one message with LF, then convert to CRLF."""
    dom = m.from_addr.split("@")[1]
    t = m.date
    recv = (m.date + _dt.timedelta(seconds=3))
    ip = f"198.51.100.{int(hashlib.sha1(m.from_addr.encode()).hexdigest()[:2], 16) % 250 + 2}"
    qid = hashlib.sha1(m.mid.encode()).hexdigest()[:10].upper()
    h = [f"Return-Path: <{m.from_addr}>",
         f"Delivered-To: {OFFICE}",
         f"Received: from smtp.{dom} (smtp.{dom} [{ip}])\n"
         f"\tby {MX} (Postfix) with ESMTPS id {qid}\n"
         f"\tfor <{OFFICE}>; {rfc_date(recv)}",
         f"Message-ID: {m.mid}",
         f"Date: {rfc_date(t)}"]
    from_name = to_latin1(m.from_name) if (m.from_name and m.charset == "iso-8859-1") else m.from_name
    h.append(fold_header("From", addr(from_name, m.from_addr, m.charset,
                                      "b" if m.agent == "outlook" else "q", m.raw_utf8_name)))
    h.append(f"To: {OFFICE_TO}")
    if m.cc:
        toks = []
        for i, (n, a) in enumerate(m.cc):
            tk = addr(n, a, m.charset)
            if i < len(m.cc) - 1:
                tk[-1] += ","
            toks += tk
        h.append(fold_header("Cc", toks))
    subject = to_latin1(m.subject) if m.charset == "iso-8859-1" else m.subject
    h.append(hdr_text("Subject", subject, m.charset, m.subject_enc))
    if m.in_reply_to:
        h.append(f"In-Reply-To: {m.in_reply_to}")
        h.append(f"References: {m.in_reply_to}")
    subj_ascii = strip_accents(m.subject).encode("ascii", "replace").decode()
    for a in AGENTS[m.agent]:
        h.append(a.format(subject_ascii=subj_ascii))
    h += m.extra
    h.append("MIME-Version: 1.0")

    body = m.body
    if m.charset == "iso-8859-1":
        body = to_latin1(body)
    if m.wrap:
        body = wrap_text(body)
    if not body.endswith("\n"):
        body += "\n"
    cs_label = "UTF-8" if m.charset == "utf-8" else "ISO-8859-1"
    if m.html:
        boundary = "_000_" + hashlib.sha1(("b" + m.mid).encode()).hexdigest()[:24].upper() + "_"
        text_part = (f"Content-Type: text/plain; charset=\"{cs_label.lower()}\"\n"
                     f"Content-Transfer-Encoding: {m.cte}\n\n").encode() + encode_part(body, m.charset, m.cte)
        hbody = to_html(m.body if m.charset == "utf-8" else to_latin1(m.body))
        if m.charset != "utf-8":
            hbody = hbody.replace("charset=utf-8", "charset=iso-8859-1")
        html_part = (f"Content-Type: text/html; charset=\"{cs_label.lower()}\"\n"
                     f"Content-Transfer-Encoding: quoted-printable\n\n").encode() + encode_part(hbody, m.charset, "quoted-printable")
        h.append(f'Content-Type: multipart/alternative;\n\tboundary="{boundary}"')
        head = "\n".join(h).encode("ascii" if not m.raw_utf8_name else "utf-8")
        parts = [head, b"\n\n",
                 f"--{boundary}\n".encode(), text_part,
                 f"\n--{boundary}\n".encode(), html_part,
                 f"\n--{boundary}--\n".encode()]
        data = b"".join(parts)
    else:
        h.append(f"Content-Type: text/plain; charset={cs_label}")
        h.append(f"Content-Transfer-Encoding: {m.cte}")
        head = "\n".join(h).encode("ascii" if not m.raw_utf8_name else "utf-8")
        data = head + b"\n\n" + encode_part(body, m.charset, m.cte)
    data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return data


# ==========================================================================
# Part 3: message texts
# ==========================================================================
GREET_MUNI = ["Madame la Sénatrice,", "Madame la Sénatrice,", "Madame la Sénatrice, chère Hélène,",
              "Bonjour Madame la Sénatrice,", "Madame,", "Bonjour,"]
CLOSE_FORMAL = [
    "Je vous prie d'agréer, Madame la Sénatrice, l'expression de ma haute considération.",
    "Je vous prie de croire, Madame la Sénatrice, à l'assurance de mes sentiments les meilleurs.",
    "Dans l'attente de votre retour, je vous prie d'agréer, Madame la Sénatrice, mes salutations respectueuses.",
    "Avec mes remerciements anticipés, je vous prie d'agréer, Madame la Sénatrice, l'expression de mes sentiments distingués.",
]
CLOSE_SHORT = ["Bien cordialement,", "Cordialement,", "Bien à vous,", "Très cordialement,",
               "Avec mes remerciements,", "Amitiés,", "Respectueusement,", "Sincères salutations,"]

PROJETS = [
    ("la rénovation thermique de l'école élémentaire", "rénovation de l'école"),
    ("la réfection de la toiture de l'église", "toiture de l'église"),
    ("la mise en accessibilité de la mairie", "accessibilité de la mairie"),
    ("la construction d'une salle polyvalente", "salle polyvalente"),
    ("l'aménagement de la traversée du village", "traversée du village"),
    ("l'extension du restaurant scolaire", "restaurant scolaire"),
    ("le remplacement de l'éclairage public par des LED", "éclairage public"),
    ("la réhabilitation du gymnase", "gymnase"),
    ("la création d'une maison des assistantes maternelles", "MAM"),
    ("la sécurisation des abords de l'école", "abords de l'école"),
]
LIEUX = ["des Granges", "du Mollard", "de la Combe", "des Rivoires", "du Chatelard",
         "de la Croix", "des Essarts", "du Replat", "de Bellevue", "des Fontaines"]
TORRENTS = ["le Merdaret", "la Lance", "le Gua", "le Ruisseau des Charmes", "la Vence",
            "le torrent du Bréda", "la Gresse", "l'Ébron"]


def money(rng: random.Random, lo: int, hi: int, step: int = 1000) -> str:
    v = rng.randrange(lo // step, hi // step) * step
    return f"{v:,}".replace(",", " ")


def t_detr(rng, c):
    p, short = rng.choice(PROJETS)
    y = c["year"] + (1 if c["month"] >= 10 else 0)
    subj = rng.choice([f"Demande de soutien – dossier DETR {y} ({short})",
                       f"DETR {y} : {short} {c['aC']}",
                       f"Dossier DETR {y} – commune {c['dC']}"])
    cout = money(rng, 120000, 1500000, 5000)
    pct = rng.choice([25, 30, 35, 40])
    return subj, [
        f"Je me permets de vous solliciter au sujet du dossier de demande de subvention au titre de la DETR {y} que la commune {c['dC']} vient de déposer auprès des services de la préfecture pour {p}.",
        f"Le coût de l'opération est estimé à {cout} € HT et nous sollicitons une aide de {pct} %. Le conseil municipal a approuvé le plan de financement lors de sa dernière séance.",
        rng.choice(["Sans cette aide, la commune devra reporter le projet d'au moins un an, ce qui n'est pas souhaitable compte tenu de l'état du bâtiment.",
                    "Pour une commune de notre taille, ce soutien est déterminant : notre capacité d'autofinancement ne dépasse pas 20 % de l'opération.",
                    "Le dossier est complet ; il a été déposé dans les délais et je tiens l'ensemble des pièces à votre disposition."]),
        "Un mot de votre part auprès de M. le Préfet serait très précieux.",
    ]


def t_classe(rng, c):
    n = rng.randrange(38, 96)
    subj = rng.choice([f"Fermeture de classe à l'école {c['dC']}",
                       "Carte scolaire : menace de fermeture d'une classe",
                       f"Carte scolaire – école {c['dC']}"])
    return subj, [
        f"L'inspection académique vient de nous informer de son intention de fermer une classe à l'école {c['dC']} à la rentrée prochaine.",
        f"Avec {n} élèves attendus et plusieurs permis de construire accordés cette année, cette décision nous paraît prématurée. Les familles et les enseignants sont très inquiets, et une pétition a déjà recueilli plus de {rng.randrange(150, 600)} signatures.",
        "Je sollicite votre appui auprès de la direction académique pour que la situation de notre école soit réexaminée avant le comité départemental.",
    ]


def t_eau(rng, c):
    subj = rng.choice(["Transfert de la compétence eau et assainissement",
                       f"Sécheresse : alimentation en eau potable {c['dC']}",
                       "Assainissement collectif – mise aux normes de la station"])
    if "Sécheresse" in subj:
        return subj, [
            f"Pour le deuxième été consécutif, le captage qui alimente le hameau {rng.choice(LIEUX)} a été à sec pendant plusieurs semaines et la commune a dû organiser un ravitaillement par camion-citerne.",
            f"Nous avons engagé une étude pour une interconnexion avec le réseau voisin, dont le coût est estimé à {money(rng, 200000, 900000, 10000)} €. L'agence de l'eau ne finance qu'une partie de ce montant.",
            "Je souhaiterais savoir si vous pourriez appuyer notre demande auprès des services de l'État et de l'agence de l'eau.",
        ]
    if "Transfert" in subj:
        return subj, [
            "Le conseil municipal s'interroge sur les conséquences du transfert de la compétence eau et assainissement à l'intercommunalité, que la loi rend obligatoire.",
            "Notre régie fonctionne bien, le prix de l'eau est maîtrisé et les habitants sont attachés à cette gestion de proximité. Le transfert se traduirait, selon l'étude de la communauté de communes, par une hausse sensible des tarifs.",
            "Pourriez-vous nous indiquer où en sont les débats au Sénat sur l'assouplissement de ce transfert pour les communes rurales et de montagne ?",
        ]
    return subj, [
        "La station d'épuration de la commune, construite il y a plus de trente ans, a fait l'objet d'une mise en demeure des services de la police de l'eau.",
        f"Les travaux de mise aux normes sont estimés à {money(rng, 300000, 1800000, 10000)} € HT, une somme hors de portée de notre budget sans aides importantes.",
        "Je me permets de vous solliciter pour connaître les financements mobilisables et, le cas échéant, obtenir votre soutien.",
    ]


def t_route(rng, c):
    rd = rng.choice([520, 1075, 529, 525, 1085, 512, 526, 1091, 531, 592])
    lieu = rng.choice(LIEUX)
    subj = rng.choice([f"RD {rd} : sécurité de la traversée {c['dC']}",
                       f"Éboulement sur la RD {rd} – hameau {lieu}",
                       f"Pont {lieu} – état préoccupant"])
    if subj.startswith("Pont"):
        return subj, [
            f"Le pont {lieu}, seul accès pour une vingtaine de foyers et une exploitation agricole, a été classé en mauvais état lors de la dernière inspection.",
            "La commune a dû limiter le tonnage et les bus scolaires ne peuvent plus l'emprunter. Le programme national Ponts nous a permis de financer le diagnostic, mais pas les travaux.",
            "Je vous serais reconnaissant(e) de bien vouloir relayer notre demande auprès de l'État et du Département.",
        ]
    return subj, [
        f"Je souhaite attirer votre attention sur la situation de la RD {rd} au niveau du hameau {lieu}.",
        rng.choice([f"Un nouvel éboulement s'est produit la semaine dernière ; la route a été fermée trois jours et les habitants ont dû faire un détour de {rng.randrange(12, 40)} km.",
                    "La vitesse des véhicules dans la traversée du village reste excessive malgré les aménagements provisoires, et un accident a de nouveau été évité de peu devant l'école."]),
        "Les services du Département sont informés, mais les travaux de sécurisation ne sont pas programmés. Votre appui nous aiderait à faire avancer ce dossier.",
    ]


def t_loup(rng, c):
    n = rng.randrange(12, 80)
    subj = rng.choice([f"Attaques de loup sur la commune {c['dC']}",
                       "Prédation : les éleveurs à bout",
                       "Loup – demande de tirs de défense"])
    return subj, [
        f"Depuis le début de l'estive, les éleveurs de la commune ont subi plusieurs attaques de loup : {n} brebis ont été tuées ou blessées, malgré les chiens de protection et les parcs électrifiés.",
        "Les éleveurs sont épuisés et certains envisagent de cesser leur activité. Les délais d'indemnisation restent beaucoup trop longs et les autorisations de tirs de défense arrivent trop tard.",
        "Je vous demande de relayer leur détresse auprès du ministère et de soutenir les évolutions législatives en cours sur le statut de protection du loup.",
    ]


def t_fibre(rng, c):
    lieu = rng.choice(LIEUX)
    subj = rng.choice([f"Fibre optique : hameau {lieu} oublié",
                       f"Zone blanche de téléphonie mobile {c['aC']}",
                       "Déploiement de la fibre – retards"])
    return subj, [
        f"Malgré les engagements pris, le hameau {lieu} n'est toujours pas raccordable à la fibre, alors que le reste de la commune l'est depuis plus d'un an.",
        rng.choice(["Plusieurs artisans et télétravailleurs nous ont fait part de leurs difficultés, et l'école elle-même dispose d'une connexion très insuffisante.",
                    "Le réseau mobile y est également inexistant : en cas d'urgence, les habitants ne peuvent pas joindre les secours."]),
        "Je vous serais reconnaissant(e) d'interroger l'opérateur et les services de l'État sur le calendrier réel de raccordement.",
    ]


def t_invitation(rng, c):
    kind = rng.randrange(4)
    d = c["date"].date() + _dt.timedelta(days=rng.randrange(12, 40))
    if kind == 0:
        equip = rng.choice(["de la nouvelle école", "de la salle polyvalente", "de la maison de santé",
                            "de la médiathèque", "du city-stade", "de la chaufferie bois"])
        return f"Invitation – inauguration {equip}", [
            f"J'ai le plaisir de vous inviter à l'inauguration {equip} {c['dC']}, le {_JOURS[d.weekday()]} {fr_day(d)} à 11 heures.",
            "Votre soutien a compté dans l'aboutissement de ce projet et votre présence serait un honneur pour la commune.",
            "La cérémonie sera suivie d'un verre de l'amitié. Une réponse avant la fin du mois nous aiderait à l'organisation.",
        ]
    if kind == 1:
        return "Invitation à la cérémonie des vœux", [
            f"Le conseil municipal et moi-même serions heureux de vous accueillir à la cérémonie des vœux à la population, le {_JOURS[d.weekday()]} {fr_day(d)} à 18 h 30, salle des fêtes {c['dC']}.",
            "Ce sera l'occasion de présenter aux habitants les projets de l'année et de remercier les bénévoles et les associations.",
        ]
    if kind == 2:
        return "Commémoration – invitation", [
            f"La commune {c['dC']} organise une cérémonie au monument aux morts le {_JOURS[d.weekday()]} {fr_day(d)} à 10 h 30, avec la participation des enfants de l'école.",
            "Je serais très honoré(e) que vous puissiez y assister ou vous y faire représenter.",
        ]
    return f"Fête {c['dC']} – invitation", [
        f"Notre traditionnelle fête de village aura lieu le {_JOURS[d.weekday()]} {fr_day(d)}. Les associations préparent un programme pour toutes les générations.",
        "Si votre agenda le permet, nous serions heureux de vous accueillir pour l'apéritif républicain à midi.",
    ]


def t_medecin(rng, c):
    return rng.choice(["Départ de notre médecin généraliste", "Maison de santé – recherche de médecins",
                       "Désert médical : appel à l'aide"]), [
        f"Le dernier médecin généraliste installé sur la commune partira à la retraite à la fin de l'année, sans successeur à ce jour. Près de {rng.randrange(900, 4000)} patients se retrouveront sans médecin traitant.",
        "La commune a aménagé des locaux et propose un logement, mais nos annonces restent sans réponse. Les communes voisines connaissent la même situation.",
        "Je souhaiterais échanger avec vous sur les dispositifs d'aide à l'installation et sur les propositions de régulation débattues au Parlement.",
    ]


def t_poste(rng, c):
    what = rng.choice(["du bureau de poste", "de la trésorerie", "de la brigade de gendarmerie",
                       "du guichet de la gare"])
    return f"Fermeture annoncée {what} {c['dC']}", [
        f"Nous avons appris de manière informelle la fermeture prochaine {what} {c['dC']}, sans aucune concertation avec la municipalité.",
        "Ce service est essentiel pour nos habitants, en particulier les personnes âgées et celles qui ne disposent pas de moyen de transport.",
        "Je vous remercie de bien vouloir intervenir pour obtenir des explications et, si possible, le maintien de ce service.",
    ]


def t_zan(rng, c):
    return rng.choice([f"ZAN et révision du PLU {c['dC']}", "Zéro artificialisation nette : nos inquiétudes",
                       "Enveloppe foncière ZAN – commune rurale"]), [
        f"La révision de notre plan local d'urbanisme se heurte aux objectifs de zéro artificialisation nette : l'enveloppe attribuée à la commune ne permettrait que {rng.randrange(2, 9)} logements d'ici 2031.",
        "Nous risquons de ne plus pouvoir accueillir de jeunes ménages ni maintenir nos effectifs scolaires, alors que nous avons toujours été économes en foncier.",
        "Je souhaitais vous faire part de ces difficultés dans la perspective des travaux du Sénat sur l'assouplissement du ZAN.",
    ]


def t_statut(rng, c):
    return rng.choice(["Statut de l'élu local", "Proposition de loi sur le statut de l'élu",
                       "Démissions d'élus : un signal d'alarme"]), [
        f"Depuis le début du mandat, {rng.randrange(2, 6)} conseillers municipaux ont démissionné dans notre commune, découragés par la charge de travail et les responsabilités.",
        "L'amélioration du statut de l'élu local me paraît indispensable : conciliation avec l'activité professionnelle, protection juridique, formation.",
        "Je suivrai avec attention l'examen de la proposition de loi et vous remercie par avance de porter la voix des élus locaux.",
    ]


def t_risques(rng, c):
    tor = rng.choice(TORRENTS)
    return rng.choice([f"Crue du torrent – {c['C']}", "GEMAPI : travaux de protection contre les crues",
                       "Plan de prévention des risques – demande de révision"]), [
        f"Lors des fortes pluies du mois dernier, {tor} a débordé et inondé plusieurs habitations ainsi que la route d'accès au hameau {rng.choice(LIEUX)}.",
        f"Les travaux de protection sont estimés à {money(rng, 150000, 1200000, 10000)} € et relèvent de la compétence GEMAPI, mais le syndicat ne pourra pas les engager avant plusieurs années.",
        "Je sollicite votre soutien pour obtenir la reconnaissance de l'état de catastrophe naturelle et des financements du fonds Barnier.",
    ]


def t_foret(rng, c):
    return rng.choice(["Forêt communale – ONF", "Scolytes et vente de bois", "Forêt : dégâts et recettes en baisse"]), [
        "La forêt communale subit depuis deux ans d'importants dégâts de scolytes ; les coupes sanitaires se multiplient et le prix du bois s'est effondré.",
        f"Les recettes forestières, qui représentaient près de {rng.randrange(10, 35)} % de notre budget de fonctionnement, ont fortement baissé.",
        "Je souhaiterais connaître les aides prévues pour les communes forestières et vous faire part de nos inquiétudes sur les moyens de l'ONF.",
    ]


def t_energie(rng, c):
    return rng.choice(["Hausse du prix de l'électricité", "Factures d'énergie de la commune",
                       "Éclairage public et coût de l'énergie"]), [
        f"Le renouvellement de notre contrat d'électricité se traduit par une hausse de {rng.randrange(30, 140)} % de la facture de la commune.",
        "Nous avons déjà réduit l'éclairage public et baissé le chauffage des bâtiments, mais cela ne suffit pas à compenser.",
        "Pourriez-vous m'indiquer si des mesures de soutien sont envisagées pour les petites communes ?",
    ]


def t_merci(rng, c):
    return rng.choice(["Merci pour votre soutien", "Remerciements", "Suite à votre intervention"]), [
        rng.choice(["Je tenais à vous remercier pour votre intervention auprès des services de la préfecture : la commune a reçu hier la notification de la subvention attendue.",
                    "Je vous remercie pour votre visite de la semaine dernière et pour le temps que vous avez consacré aux élus et aux habitants.",
                    "Grâce à votre appui, la classe menacée a été maintenue à la rentrée. Les familles m'ont demandé de vous transmettre leurs remerciements."]),
        "Je ne manquerai pas de vous tenir informée de la suite du projet.",
    ]


def t_rdv(rng, c):
    sujet = rng.choice(["le financement de notre projet d'école", "la desserte en transports",
                        "la sécurisation de la route départementale", "la situation de nos agriculteurs",
                        "la couverture mobile"])
    return rng.choice(["Demande de rendez-vous", "Rencontre à la permanence", "Sollicitation d'un entretien"]), [
        f"Je souhaiterais vous rencontrer pour évoquer plusieurs dossiers qui concernent la commune {c['dC']}, notamment {sujet}.",
        "Je suis disponible les lundis et vendredis ; un créneau à votre permanence me conviendrait parfaitement.",
    ]


def t_transport(rng, c):
    return rng.choice(["Ligne ferroviaire Grenoble–Gap", "Transports scolaires", "Desserte en car de la commune"]), [
        rng.choice(["Les suppressions de trains sur la ligne Grenoble–Gap se multiplient et pénalisent lourdement les lycéens et les salariés de notre territoire.",
                    "Le nouveau circuit de transport scolaire impose aux enfants des hameaux un trajet de plus d'une heure, avec un arrêt non sécurisé au bord de la route.",
                    "La suppression de la ligne de car qui desservait la commune laisse sans solution les habitants qui n'ont pas de voiture."]),
        "Je sollicite votre appui auprès de la Région et des autorités organisatrices pour qu'une solution soit trouvée.",
    ]


def t_fondsvert(rng, c):
    bat = rng.choice(["la mairie", "l'école", "la salle des fêtes", "la cantine"])
    return rng.choice(["Fonds vert – rénovation énergétique", "Demande au titre du fonds vert",
                       "DSIL – rénovation de bâtiments communaux"]), [
        f"La commune {c['dC']} a déposé une demande au titre du fonds vert pour la rénovation énergétique de {bat}.",
        f"Le projet permettrait de réduire de moitié nos consommations. Le montant des travaux s'élève à {money(rng, 80000, 600000, 5000)} € HT.",
        "Les crédits ayant été réduits, je crains que notre dossier ne soit pas retenu et me permets de vous solliciter.",
    ]


def t_logement(rng, c):
    return rng.choice(["Logements sociaux et carence SRU", "Projet de logements pour les jeunes",
                       "Logement des saisonniers"]), [
        rng.choice(["La commune est à nouveau déclarée en carence au titre de la loi SRU, alors que le foncier disponible est quasi inexistant et que nous avons multiplié les opérations.",
                    "Nous portons un projet de douze logements locatifs destinés aux jeunes ménages, mais le bailleur social hésite en raison du coût de la construction en montagne.",
                    "Les saisonniers ne trouvent plus à se loger et nos commerces peinent à recruter."]),
        "Je serais heureux (heureuse) d'échanger avec vous sur ce sujet et sur les leviers que le Parlement pourrait actionner.",
    ]


MUNI_THEMES = [t_detr, t_classe, t_eau, t_route, t_loup, t_fibre, t_invitation, t_medecin,
               t_poste, t_zan, t_statut, t_risques, t_foret, t_energie, t_merci, t_rdv,
               t_transport, t_fondsvert, t_logement]


def t_parl(rng, c):
    """Themes for senators, deputies, departmental councillors."""
    k = rng.randrange(7)
    d = c["date"].date() + _dt.timedelta(days=rng.randrange(7, 30))
    if k == 0:
        return "Réunion des parlementaires de l'Isère", [
            f"Je te propose que nous nous retrouvions le {_JOURS[d.weekday()]} {fr_day(d)} avec les autres parlementaires isérois pour préparer la rencontre avec le préfet sur la DETR.",
            "Ton équipe peut-elle me dire si le créneau de 9 heures convient ?"]
    if k == 1:
        return "Amendement sur la DETR – PLF", [
            "Comme évoqué en commission, je souhaiterais que nous déposions ensemble un amendement pour relever l'enveloppe de la DETR et simplifier les dossiers pour les petites communes.",
            "Je t'adresse une première rédaction ; n'hésite pas à me faire part de tes remarques."]
    if k == 2:
        return "Ligne des Alpes – courrier commun", [
            "Les élus du Trièves m'ont de nouveau alerté{e} sur les suppressions de trains. Je propose un courrier commun au ministre des Transports signé par l'ensemble des parlementaires de l'Isère.",
            "Peux-tu me dire si tu acceptes d'y associer ton nom ?"]
    if k == 3:
        return "Loup : question écrite commune", [
            "Plusieurs maires de montagne m'ont saisi au sujet des attaques de loup. Je prépare une question écrite et je te propose d'en faire une démarche commune avec le Sénat.",
            "Je te transmets le projet de texte dès cette semaine."]
    if k == 4:
        return "Invitation – assemblée générale des maires ruraux", [
            f"Je serai présent(e) à l'assemblée générale des maires ruraux de l'Isère le {_JOURS[d.weekday()]} {fr_day(d)}. Si tu y participes, nous pourrions faire un point ensemble sur les dossiers des communes.",
            "Bien amicalement."]
    if k == 5:
        return "Collèges : plan de rénovation du Département", [
            "Le Département présentera la semaine prochaine son plan pluriannuel de rénovation des collèges. Plusieurs établissements de ton secteur sont concernés.",
            "Je te propose une présentation rapide par nos services si tu le souhaites."]
    return "Visite ministérielle en Isère", [
        f"Le cabinet du ministre de l'Agriculture confirme une visite en Isère le {_JOURS[d.weekday()]} {fr_day(d)}. Les parlementaires du département y sont conviés.",
        "Je te transmets le programme provisoire dès réception."]


def t_personal(rng, c):
    """Neutral themes for the `name` method: nothing about a function or a commune."""
    k = rng.randrange(13)
    if k == 8:
        return "Livre promis", ["Je vous dépose le livre dont je vous avais parlé à la permanence mardi, au nom de votre collaborateur.",
                                "Bonne lecture !"]
    if k == 9:
        return "Concert de samedi", ["Nous avons deux places pour le concert de l'harmonie samedi soir, si le cœur vous en dit.",
                                     "Dites-moi d'ici jeudi."]
    if k == 10:
        return "Changement de numéro", ["Je vous signale que mon numéro de portable a changé ; vous pouvez désormais me joindre au 06 39 98 41 17.",
                                        "Merci de mettre à jour vos fichiers."]
    if k == 11:
        return "Retour sur la réunion", ["Merci pour la réunion de lundi, qui a permis de clarifier beaucoup de points.",
                                         "Je vous envoie mes notes d'ici la fin de la semaine."]
    if k == 12:
        return "Article paru ce matin", ["Avez-vous vu l'article paru ce matin dans la presse locale ? Il reprend assez fidèlement nos échanges.",
                                         "On en parle à l'occasion."]
    if k == 0:
        return "Merci pour la soirée", ["Merci encore pour l'invitation de samedi, c'était un moment très agréable.",
                                        "Au plaisir de vous revoir bientôt."]
    if k == 1:
        return "Rendez-vous de jeudi", ["Je vous confirme ma venue jeudi à 14 heures à la permanence.",
                                        "Je viendrai avec les documents dont nous avons parlé au téléphone."]
    if k == 2:
        return "Votre intervention au Sénat", ["J'ai regardé votre intervention de mardi en séance, bravo pour la clarté de vos arguments.",
                                               "Ce sujet mérite qu'on y revienne ; je vous appellerai la semaine prochaine."]
    if k == 3:
        return "Photos de la cérémonie", ["Comme promis, voici le lien vers les photos de la cérémonie de dimanche.",
                                          "Vous pouvez les utiliser librement pour votre lettre d'information."]
    if k == 4:
        return "Covoiturage pour Paris", ["Je monte à Paris le 18 et je repars le 20 ; s'il reste une place dans la voiture de votre équipe, je suis preneur.",
                                          "Merci de me tenir au courant."]
    if k == 5:
        return "Question sur le texte en discussion", ["Pourriez-vous m'envoyer la version du texte adoptée en commission ? Je n'arrive pas à la trouver sur le site du Sénat.",
                                                       "Merci d'avance."]
    if k == 6:
        return "Petit mot", ["Je voulais simplement vous dire que votre courrier a été bien reçu et que nous en avons discuté hier soir.",
                             "Nous en reparlerons de vive voix."]
    return "Document promis", ["Je vous fais suivre le document promis lors de notre échange.",
                               "N'hésitez pas si vous avez la moindre question."]


def t_secretariat(rng, c):
    """Themes for a town hall's generic mailbox writing for the mayor."""
    k = rng.randrange(6)
    d = c["date"].date() + _dt.timedelta(days=rng.randrange(10, 35))
    projet = rng.choice(["d'école", "de voirie", "de salle polyvalente", "de toiture de l'église"])
    if k == 0:
        return f"Transmission – délibération du conseil municipal {c['dC']}", [
            f"À la demande de M{'me' if c['mayor_fem'] else '.'} le Maire, nous vous transmettons la délibération du conseil municipal relative au plan de financement du projet {projet}, ainsi que la note de présentation.",
            "Le dossier complet a été déposé en préfecture. Nous restons à votre disposition pour tout complément."]
    if k == 1:
        return "Invitation de M. le Maire" if not c["mayor_fem"] else "Invitation de Mme le Maire", [
            f"M{'me' if c['mayor_fem'] else '.'} le Maire {c['dC']} a le plaisir de vous convier à l'inauguration des travaux de la place du village, le {_JOURS[d.weekday()]} {fr_day(d)} à 11 heures.",
            "Merci de bien vouloir nous confirmer votre présence."]
    if k == 2:
        return "Demande de rendez-vous pour le maire", [
            f"M{'me' if c['mayor_fem'] else '.'} le Maire souhaiterait vous rencontrer au sujet du dossier de la route départementale et des travaux de sécurisation.",
            "Pourriez-vous nous proposer quelques créneaux dans les prochaines semaines ?"]
    if k == 3:
        return "Relance – dossier de subvention", [
            f"Nous nous permettons de vous relancer, à la demande de M{'me' if c['mayor_fem'] else '.'} le Maire, au sujet de notre courrier concernant la subvention pour la rénovation de l'école.",
            "Le conseil municipal doit se prononcer prochainement sur le lancement des travaux."]
    if k == 4:
        return "Compte rendu du conseil municipal", [
            "Veuillez trouver ci-dessous le compte rendu sommaire de la dernière séance du conseil municipal, comme convenu avec votre collaboratrice.",
            "Points adoptés : budget supplémentaire, convention avec le Département pour le déneigement, motion pour le maintien de l'école."]
    return "Courrier du maire – fermeture de classe", [
        f"Vous trouverez ci-joint le courrier de M{'me' if c['mayor_fem'] else '.'} le Maire adressé à la directrice académique au sujet de la fermeture de classe envisagée.",
        "Le maire vous remercie par avance de votre soutien."]


# ==========================================================================
# Part 4: people, addresses, signatures
# ==========================================================================
PROVIDERS = ["orange.fr", "wanadoo.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr",
             "hotmail.fr", "yahoo.fr", "outlook.fr"]
NICK_WORDS = ["lesbouleaux", "chalet.edelweiss", "rando.vercors", "lepetitmoulin", "jardin.des.iris",
              "vieuxtilleul", "tournesol", "les4saisons", "montagnard", "gite.du.replat",
              "clos.des.noyers", "lamarmotte", "belledonne.rando", "chartreuse.vue", "le.grand.pre",
              "trieves.passion", "lavandes", "fontaine.vive", "lesepicea", "ferme.des.combes",
              "piedmont", "bonheur.des.pres", "mesange", "lecerisier", "roseraie", "la.forge",
              "col.du.coq", "lesmelezes", "grangeneuve", "petitboisvert", "lescharmilles",
              "tilleul.argente", "ecureuil", "noisetier", "le.vieux.four", "lespervenches",
              "la.bergerie", "peupliers", "aubepine", "le.verger", "cabane.alpine", "lamontee",
              "lespetitspas", "lestrois.chenes", "cascade", "chamois", "lachenaie", "bellecombe",
              "sapiniere", "lebief", "lesruches", "lapasserelle", "hirondelle", "lafontaine",
              "le.moulin.neuf", "la.source", "le.chaudron", "le.pradel", "lesmoraines", "le.sequoia",
              "bouquetin", "edelweiss38", "lagentiane", "le.serre", "les.grangettes", "soleilvert"]
NICK_NAMES = [None, None, None, None, None, "Les Bouleaux", "Chalet Edelweiss", "Gîte du Replat",
              "La Marmotte", "Famille", "maison", "Perso", "Le Verger", "Ferme des Combes"]


class People:
    """Allocates unique free-mail addresses and invented names."""

    def __init__(self, rng: random.Random, directory: Directory) -> None:
        self.rng = rng
        self.dir = directory
        self.used_addr: set[str] = set()

    def unique(self, a: str) -> str:
        assert a not in self.used_addr, a
        self.used_addr.add(a)
        return a

    def unlinked(self) -> str:
        """A personal address that says nothing about its owner's name."""
        while True:
            w = self.rng.choice(NICK_WORDS)
            n = self.rng.choice(["", "", str(self.rng.randrange(1, 99)), "38", str(self.rng.randrange(1950, 2000))])
            a = f"{w}{n}@{self.rng.choice(PROVIDERS)}"
            if a not in self.used_addr:
                return self.unique(a)

    def personal(self, prenom: str, nom: str, provider: str | None = None) -> str:
        p = slug(first_given(prenom)).replace("-", "")
        n = slug(nom).replace("-", "")
        prov = provider or self.rng.choice(PROVIDERS)
        for form in (f"{p}.{n}", f"{p}.{n}38", f"{p[0]}.{n}", f"{n}.{p}", f"{p}{n}{self.rng.randrange(10, 99)}"):
            a = f"{form}@{prov}"
            if a not in self.used_addr:
                return self.unique(a)
        raise AssertionError(a)


def sig_name(rng: random.Random, o: Off, style: str | None = None) -> str:
    """How an official writes their own name at the bottom of a mail."""
    style = style or rng.choice(["rne", "typo", "typo", "typo", "upper", "nom_prenom", "noaccent"])
    pr = first_given(o.prenom)
    if style == "rne":
        return f"{pr} {o.nom}"
    if style == "typo":
        return f"{pr} {nom_typo(o.nom)}"
    if style == "upper":
        return f"{pr} {strip_accents(o.nom)}"
    if style == "nom_prenom":
        return f"{o.nom} {pr}"
    if style == "noaccent":
        return strip_accents(f"{pr} {nom_typo(o.nom)}")
    if style == "initial":
        return f"{initials(pr)} {nom_typo(o.nom)}"
    raise ValueError(style)


def phone(rng: random.Random, mobile: bool = False) -> str:
    if mobile:
        return f"06 39 98 {rng.randrange(10, 99)} {rng.randrange(10, 99)}"
    return f"04 65 71 {rng.randrange(10, 99)} {rng.randrange(10, 99)}"


def signature(rng: random.Random, o: Off, style: str | None = None, name: str | None = None) -> str:
    """A signature block naming the official and their function (+ commune)."""
    name = name or sig_name(rng, o)
    fl = o.function_line(rng)
    style = style or rng.choice(["std", "std", "std", "dash", "oneline", "function_first", "split",
                                 "dash_tel", "std_addr"])
    muni = o.src in ("mai", "cm", "old")
    if style == "std":
        return f"{name}\n{fl}"
    if style == "dash":
        return f"-- \n{name}\n{fl}"
    if style == "dash_tel":
        return f"--\n{name}\n{fl}\nTél. {phone(rng, True)}"
    if style == "oneline":
        return f"{name}, {fl[0].lower() + fl[1:]}"
    if style == "function_first" and muni and o.fonction == "Maire":
        return f"{'La' if o.fem else 'Le'} Maire {de_commune(o.commune)},\n{name}"
    if style == "split" and muni:
        return f"{name}\n{o.function_line(rng, with_commune=False)}\nMairie {de_commune(o.commune)}"
    if style == "std_addr" and muni:
        return (f"{name}\n{fl}\nMairie {de_commune(o.commune)} – place de la Mairie\n"
                f"Tél. {phone(rng)}")
    return f"{name}\n{fl}"


def genderize(text: str, fem: bool) -> str:
    text = text.replace("heureux (heureuse)", "heureuse" if fem else "heureux")
    text = text.replace("(e)", "e" if fem else "").replace("{e}", "e" if fem else "")
    return text


def compose(greeting: str, paras: list[str], close: str | None, sig: str | None,
            fem: bool, top: str | None = None, quote: str | None = None) -> str:
    parts = []
    if top:
        parts.append(top)
    if greeting:
        parts.append(greeting)
    parts += paras
    if close:
        parts.append(close)
    if sig:
        parts.append(sig)
    body = genderize("\n\n".join(parts), fem)
    if quote:
        body += "\n\n" + quote
    return body


def quote_outlook(t: _dt.datetime, frm: str, to: str, subject: str, text: str, cc: str | None = None) -> str:
    lines = ["________________________________", f"De : {frm}", f"Envoyé : {fr_long(t)}", f"À : {to}"]
    if cc:
        lines.append(f"Cc : {cc}")
    lines.append(f"Objet : {subject}")
    return "\n".join(lines) + "\n\n" + text


def quote_gmail(t: _dt.datetime, frm: str, text: str) -> str:
    q = "\n".join(("> " + ln) if ln else ">" for ln in wrap_text(text, 70).split("\n"))
    return f"Le {fr_gmail(t)}, {frm} a écrit :\n{q}"


def forward_block(t: _dt.datetime, frm: str, to: str, subject: str, text: str) -> str:
    return ("---------- Message transféré ---------\n"
            f"De : {frm}\nDate : {fr_gmail(t)}\nObjet : {subject}\nÀ : {to}\n\n{text}")


# ==========================================================================
# Part 5: the labelled messages
# ==========================================================================
@dataclass
class Contact:
    nom: str
    prenom: str
    email: str
    commune: str
    code: str
    fonction: str
    organisation: str
    official: Off | None
    where: str                 # csv | vcf
    vstyle: str = ""           # google3 | outlook3 | thunderbird4
    note: str = ""


LO_2025 = _dt.date(2025, 1, 6)
# Isère towns large enough for a "ville-<commune>.fr" domain
TOWNS = {"38563", "38544", "38151", "38169", "38229", "38382", "38485", "38474", "38140", "38553",
         "38193", "38053", "38562", "38517", "38565", "38314", "38111", "38416", "38509", "38158",
         "38317", "38421", "38547", "38150", "38239", "38337", "38344", "38425", "38298", "38316",
         "38085", "38449", "38537", "38397", "38545", "38524", "38486", "38179", "38249", "38516",
         "38087", "38170", "38200", "38130"}
HI_2026 = _dt.date(2026, 11, 13)
CM_HI = _dt.date(2026, 2, 27)       # 2020 municipal mandate: before the March 2026 elections
OLD_HI = _dt.date(2024, 12, 20)


FEMALE_FIRST = {"Camille", "Léa", "Manon", "Chloé", "Inès", "Zoé", "Jeanne", "Elodie", "Margaux", "Agnès",
                "Odette", "Salomé", "Lina", "Héloïse", "Sophie", "Mireille", "Océane", "Louise", "Justine",
                "Yvette", "Amina", "Monique"}


class Gen:
    def __init__(self, rng: random.Random, d: Directory, people: People, changed: list[str]) -> None:
        self.rng = rng
        self.d = d
        self.people = people
        self.changed = set(changed)
        self.msgs: list[Msg] = []
        self.contacts: list[Contact] = []
        self.reserved: set[str] = set()
        self.n = 0
        self.theme_cycle: list = []
        self.fmt_count = collections.Counter()
        self.th_n = 0
        self.tg_n = 0

    # -- choices -------------------------------------------------------------
    def pool(self, pred) -> list[Off]:
        return sorted((o for o in self.d.rows if pred(o)), key=lambda o: o.key)

    def take(self, pool: list[Off], n: int, extra=lambda o: True) -> list[Off]:
        cand = [o for o in pool if o.key not in self.reserved and extra(o)]
        got = self.rng.sample(cand, n)
        for o in got:
            self.reserved.add(o.key)
        return got

    def reserve(self, o: Off) -> Off:
        self.reserved.add(o.key)
        return o

    def theme(self):
        if not self.theme_cycle:
            self.theme_cycle = list(MUNI_THEMES)
            self.rng.shuffle(self.theme_cycle)
        return self.theme_cycle.pop()

    def window(self, o: Off) -> tuple[_dt.date, _dt.date]:
        if o.src == "old":
            return max(o.start() + _dt.timedelta(days=30), _dt.date(2021, 1, 4)), OLD_HI
        if o.src == "cm":
            return LO_2025, CM_HI
        if o.src == "mai" and (o.dep != "38" or o.code in self.changed):
            return o.start() + _dt.timedelta(days=6), HI_2026
        if o.src == "mai":
            # same person in the 2020 file: in office throughout
            return LO_2025, HI_2026
        return max(LO_2025, o.start() + _dt.timedelta(days=10)), HI_2026

    def when(self, o: Off | None = None, lo: _dt.date | None = None, hi: _dt.date | None = None) -> _dt.datetime:
        if o is not None:
            lo2, hi2 = self.window(o)
            lo = max(lo or lo2, lo2)
            hi = min(hi or hi2, hi2)
        lo = lo or LO_2025
        hi = hi or HI_2026
        span = (hi - lo).days
        day = lo + _dt.timedelta(days=self.rng.randrange(span + 1))
        if day.weekday() >= 5 and self.rng.random() < 0.75:
            day -= _dt.timedelta(days=day.weekday() - 4)
            if day < lo:
                day += _dt.timedelta(days=3)
        h = self.rng.choice([7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 16, 17, 18, 19, 20, 21, 22])
        return paris(day, h, self.rng.randrange(60), self.rng.randrange(60))

    def ctx(self, o: Off | None, t: _dt.datetime, commune: str | None = None) -> dict:
        c = commune or (o.commune if o is not None and o.src in ("mai", "cm", "old") else "l'Isère")
        mayor_fem = o.fem if o is not None else False
        return {"C": c, "dC": de_commune(c), "aC": a_commune(c), "year": t.year, "month": t.month,
                "date": t, "mayor_fem": mayor_fem}

    def fmt(self, latin1: bool = False, agent: str | None = None) -> dict:
        rng = self.rng
        agent = agent or rng.choice(["thunderbird", "thunderbird", "outlook", "outlook", "outlook",
                                     "gmail", "gmail", "apple", "iphone", "webmail", "orange"])
        html_ = False
        if latin1:
            agent = rng.choice(["thunderbird", "webmail", "orange", "outlook"])
            return {"agent": agent, "charset": "iso-8859-1",
                    "cte": rng.choice(["8bit", "quoted-printable"]), "html": False,
                    "wrap": True}
        if agent == "thunderbird":
            cte = "8bit"
        elif agent == "outlook":
            cte = rng.choice(["quoted-printable", "quoted-printable", "base64", "8bit"])
            html_ = rng.random() < 0.5
        elif agent == "gmail":
            cte = rng.choice(["quoted-printable", "quoted-printable", "base64"])
            html_ = rng.random() < 0.6
        elif agent in ("apple", "iphone"):
            cte = "quoted-printable"
        else:
            cte = rng.choice(["8bit", "quoted-printable"])
        wrap = agent in ("thunderbird", "webmail", "orange") or cte == "8bit"
        return {"agent": agent, "charset": "utf-8", "cte": cte, "html": html_, "wrap": wrap}

    def message_id(self, agent: str, dom: str, t: _dt.datetime) -> str:
        self.n += 1
        h = hashlib.sha1(f"officials-{SEED}-{self.n}".encode()).hexdigest()
        if agent == "gmail" and dom != "gmail.com":
            agent = "thunderbird"
        if agent == "orange" and dom not in ("orange.fr", "wanadoo.fr"):
            agent = "thunderbird"
        if agent == "outlook" and dom not in ("outlook.fr", "hotmail.fr") and int(h[0], 16) < 8:
            return f"<{h[:12].upper()}${int(h[12:20], 16) % 10**9}${h[20:28]}@{dom}>"
        if agent == "outlook":
            return f"<PR3P192MB{h[:4].upper()}{h[4:20].upper()}@PR3P192MB{h[:4].upper()}.EURP192.PROD.OUTLOOK.COM>"
        if agent == "gmail":
            b = base64.b64encode(bytes.fromhex(h)).decode().replace("/", "_").replace("=", "")
            return f"<CA+{b}{h[:8]}@mail.gmail.com>"
        if agent == "orange":
            return f"<{int(h[:8], 16)}.{int(h[8:12], 16)}.{int(t.timestamp() * 1000)}.JavaMail.open-xchange@opme11oxm0{int(h[20], 16) % 4 + 1}nd1>"
        if agent in ("apple", "iphone"):
            u = h[:32].upper()
            return f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:32]}@{dom}>"
        u = h[:32]
        return f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:32]}@{dom}>"

    def add(self, *, slug_: str, from_name: str | None, from_addr: str, t: _dt.datetime,
            subject: str, body: str, expected: str, method: str, note: str,
            fmt: dict | None = None, **kw) -> Msg:
        fmt = fmt or self.fmt()
        dom = from_addr.split("@")[1]
        m = Msg(slug=slug_[:60].strip("-"), from_name=from_name, from_addr=from_addr, date=t,
                subject=subject, body=body, expected=expected, method=method, note=note,
                charset=fmt["charset"], cte=fmt["cte"], agent=fmt["agent"], html=fmt["html"],
                wrap=fmt["wrap"], subject_enc=self.rng.choice(["q", "q", "b"]), **kw)
        m.mid = self.message_id(m.agent, dom, t)
        self.fmt_count[(m.charset, m.cte, "html" if m.html else "plain")] += 1
        self.msgs.append(m)
        return m

    # -- building blocks -----------------------------------------------------
    def muni_message(self, o: Off, t: _dt.datetime, sig: str | None, *, commune: str | None = None,
                     greeting: str | None = None, formal: bool | None = None,
                     theme=None) -> tuple[str, str, str]:
        """(subject, body, theme-name) for an elected municipal official."""
        c = self.ctx(o, t, commune)
        th = theme or self.theme()
        subj, paras = th(self.rng, c)
        if formal is None:
            # a first name alone does not follow « je vous prie d'agréer … »
            formal = self.rng.random() < 0.45 and sig is not None and ("\n" in sig or len(sig) > 25)
        close = self.rng.choice(CLOSE_FORMAL) if formal else self.rng.choice(CLOSE_SHORT)
        g = greeting or self.rng.choice(GREET_MUNI)
        if o.src == "cm" and o.fonction != "Maire" and self.rng.random() < 0.6:
            role = o.function_line(self.rng, with_commune=False)
            paras = [f"Je vous écris en tant que {role[0].lower() + role[1:]} de la commune {de_commune(o.commune)}, "
                     f"avec l'accord du maire."] + paras
        body = compose(g, paras, close, sig, o.fem)
        return subj, body, th.__name__[2:]

    def parl_message(self, o: Off, t: _dt.datetime, sig: str | None) -> tuple[str, str]:
        c = self.ctx(o, t)
        subj, paras = t_parl(self.rng, c)
        g = self.rng.choice(["Chère Hélène,", "Chère collègue,", "Chère Hélène, chère collègue,"])
        close = self.rng.choice(["Bien amicalement,", "Amitiés,", "Bien à toi,", "Cordialement,"])
        return subj, compose(g, paras, close, sig, o.fem)

    # -- pools ---------------------------------------------------------------
    def p38(self) -> list[Off]:
        return self.pool(lambda o: o.src == "mai" and o.dep == "38" and self.d.unique_key(o)
                         and o.code not in self.changed)

    def pcm(self, adjoint: bool | None = None, dep: str | None = None) -> list[Off]:
        def ok(o: Off) -> bool:
            if o.src != "cm" or not self.d.unique_key(o) or o.dep not in ("32", "44"):
                return False
            if o.dep == "32" and o.place and o.code[:2] != "32":
                return False
            if dep and o.dep != dep:
                return False
            is_adj = bool(re.match(r"^\d+(er|ème) adjoint au Maire$", o.fonction))
            if adjoint is True:
                return is_adj and int(re.match(r"\d+", o.fonction).group()) <= 8
            if adjoint is False:
                return o.fonction == ""
            return is_adj or o.fonction == ""
        return self.pool(ok)

    def pparl(self, src: str) -> list[Off]:
        return self.pool(lambda o: o.src == src and self.d.unique_key(o))

    # -- contacts + `address` ------------------------------------------------
    def build_address(self) -> None:
        rng = self.rng
        p38 = self.p38()
        officials_csv = self.take(p38, 16)
        officials_csv.append(self.reserve(self.d.find("ROUX", "Jean-Yves", code="38525")))
        officials_csv += self.take(self.pcm(adjoint=True, dep="44"), 1)
        officials_csv += self.take(self.pparl("cd"), 1)
        officials_vcf = self.take(p38, 5) + self.take(self.pcm(adjoint=True, dep="32"), 1)
        former = self.d.old_by_code["38008"]
        styles = ["google3", "outlook3", "thunderbird4"]
        for i, o in enumerate(officials_csv + [former] + officials_vcf):
            where = "vcf" if o in officials_vcf else "csv"
            email_ = self.people.personal(o.prenom, o.nom)
            if o.src in ("mai", "cm", "old"):
                fonction = o.function_line(rng, with_commune=False)
                org = f"Mairie {de_commune(o.commune)}"
                commune, code = o.commune, o.code
            else:
                fonction = o.function_line(rng)
                org = "Département de l'Isère" if o.src == "cd" else "Parlement"
                commune, code = "", ""
            nom = rng.choice([o.nom, o.nom, nom_typo(o.nom)])
            prenom = rng.choice([o.prenom, o.prenom, strip_accents(o.prenom)])
            self.contacts.append(Contact(nom, prenom, email_, commune, code, fonction, org, o, where,
                                         styles[i % 3] if where == "vcf" else "",
                                         "former mayor (2020–2026)" if o.src == "old" else ""))
        # one message per official contact (25); the former one is sent by build_former
        for k, ct in enumerate([c for c in self.contacts if c.official is not None and c.official.src != "old"]):
            o = ct.official
            t = self.when(o)
            fmt = self.fmt(latin1=(k % 9 == 4))
            sender = ct.email
            note_extra = ""
            if k in (3, 17):
                local, dom = sender.split("@")
                sender = ".".join(p.capitalize() for p in local.split(".")) + "@" + dom.capitalize()
                note_extra = "; From address differs in case from the contact"
            styles_ = rng.choice(["first", "first", "full", "none", "initial"])
            if styles_ == "first":
                sig = first_given(o.prenom)
            elif styles_ == "full":
                sig = signature(rng, o)
            elif styles_ == "initial":
                sig = f"{initials(first_given(o.prenom))} {nom_typo(o.nom)}"
            else:
                sig = None
            if o.src in ("sen", "dep", "cd"):
                subj, body = self.parl_message(o, t, sig)
                th = "parl"
            else:
                subj, body, th = self.muni_message(o, t, sig, formal=None if styles_ == "full" else False)
            if styles_ == "none" and fmt["agent"] in ("iphone", "apple") and k % 2 == 0:
                body += "\n\nEnvoyé de mon iPhone"
            dn = rng.choice([f"{first_given(o.prenom)} {nom_typo(o.nom)}", f"{o.nom} {o.prenom}", None,
                             f"{first_given(o.prenom)} {o.nom}"])
            self.add(slug_=f"contact-{slug(o.commune if o.src in ('mai', 'cm') else o.src)}-{th}",
                     from_name=dn, from_addr=sender, t=t, subject=subj, body=body,
                     expected=o.key, method="address",
                     note=f"address in contacts.{ct.where} → {o.src} {o.commune if o.src in ('mai', 'cm') else o.place}"
                          f"{'; homonym ROUX Jean-Yves (Orvault 44) exists, the contact pins Vasselin' if o.nom == 'ROUX' else ''}"
                          f"; signature: {styles_}{note_extra}", fmt=fmt)
        # non-officials in the address book
        non = [
            ("BLANCHET", "Solène", "s.blanchet@echo-gresivaudan.fr", "Crolles", "38140", "Journaliste", "L'Écho du Grésivaudan", "csv"),
            ("MOUNIER", "Fabrice", "fabrice.mounier@radio-trieves.fr", "Mens", "38226", "Journaliste", "Radio Trièves", "csv"),
            ("GARDEN", "Nathalie", "n.garden@petit-journal-isere.fr", "Grenoble", "38185", "Rédactrice en chef", "Le Petit Journal de l'Isère", "vcf"),
            ("ROCHEBLAVE", "Yves", "yves.rocheblave@orange.fr", "Vif", "38545", "Président", "Les Amis du patrimoine de Vif", "csv"),
            ("TOURNOUD", "Marie-Laure", "ml.tournoud@free.fr", "Theys", "38504", "Présidente", "Association des parents d'élèves de Theys", "csv"),
            ("EXCOFFIER", "Bastien", "bastien.excoffier@gmail.com", "Mens", "38226", "Président", "Syndicat ovin du Trièves", "csv"),
            ("FALCOZ", "Hugo", "hugo.falcoz@laposte.net", "Voiron", "38563", "Président", "Club de rugby du Pays voironnais", "vcf"),
            ("PERRIER-CORNET", "Anaïs", "anais.perrier-cornet@isere.gouv.fr", "Grenoble", "38185", "Cheffe du bureau des collectivités locales", "Préfecture de l'Isère", "csv"),
            ("LAMBRECHT", "Olivier", "olivier.lambrecht@isere.gouv.fr", "Grenoble", "38185", "Chargé de mission DETR", "Préfecture de l'Isère", "csv"),
            ("DAUMAS", "Cécile", "c.daumas@cc-trieves-exemple.fr", "Mens", "38226", "Chargée de mission habitat", "Communauté de communes du Trièves", "csv"),
            ("BERTHOLLET", "Josiane", "josiane.berthollet@wanadoo.fr", "Le Touvet", "38511", "", "", "csv"),
            ("AUDEMARD", "Kévin", "kevin.audemard@gmail.com", "Saint-Egrève", "38382", "", "", "csv"),
            ("SIBILLE", "Agathe", "agathe.sibille@outlook.fr", "Lans-en-Vercors", "38205", "", "", "vcf"),
            ("CHAPPAZ", "Robert", "robert.chappaz@sfr.fr", "Allevard", "38006", "Président", "Apiculteurs du Haut-Grésivaudan", "vcf"),
        ]
        for i, (nom, prenom, em, commune, code, fonction, org, where) in enumerate(non):
            assert not self.d.known_name(f"{prenom} {nom}"), (prenom, nom)
            self.people.unique(em)
            self.contacts.append(Contact(nom, prenom, em, commune, code, fonction, org, None, where,
                                         styles[i % 3] if where == "vcf" else ""))

    # -- `signature` ---------------------------------------------------------
    CURATED_SIG = [
        # NOM, Prénom, code (None: sen/dep/cd), src, name as signed, style, note
        ("BOREL-GARIN-REYMOND", "Jean-Claude", "38417", "mai", "Jean-Claude Borel-Garin-Reymond", "std", "three-part compound surname"),
        ("MOREAU-GLÉNAT", "Geneviève", "38108", "mai", "Geneviève MOREAU-GLENAT", "std", "RNE MOREAU-GLÉNAT, signed without the accent"),
        ("DE MONTFALCON", "Bernard", "38531", "mai", "Bernard de Montfalcon", "std", "particle 'de' in lower case (RNE 'DE MONTFALCON')"),
        ("DE BERNIS", "Brigitte", "38567", "mai", "Brigitte de Bernis", "function_first", "particle; 'La Maire de Chamrousse,' above the name"),
        ("DI MARIA", "Nicole", "38137", "mai", "Nicole Di Maria", "oneline", "particle 'Di'; one-line 'Name, maire de Cras'"),
        ("CURT", "Jean-Pierre", "38396", "mai", "J.-P. Curt", "le_maire", "initials 'J.-P.' after 'Le Maire,'; commune on the next line"),
        ("LOSA", "Jean-Michel", "38524", "mai", "J.-M. LOSA", "std", "initials of a hyphenated prénom"),
        ("LEFEVRE", "Stéphane", "38135", "mai", "Stéphane Lefèvre", "std", "RNE LEFEVRE, signed Lefèvre"),
        ("NEY", "Jean-Noel", "38497", "mai", "Jean-Noël Ney", "std", "RNE prénom 'Jean-Noel' (no diaeresis), signed Jean-Noël"),
        ("GAUTHIER", "Regis", "38513", "mai", "Régis Gauthier", "dash", "RNE prénom 'Regis', signed Régis; '-- ' separator"),
        ("PÉJU", "Nathalie", "38320", "mai", "Nathalie PEJU", "std", "RNE PÉJU, signed PEJU"),
        ("HUGELÉ", "Fabrice", "38486", "mai", "Fabrice Hugele", "std_addr", "RNE HUGELÉ, signed Hugele"),
        ("KAITANDJIAN", "Patrick-Gerard", "38106", "mai", "Patrick-Gérard Kaitandjian", "std", "RNE 'Patrick-Gerard', signed 'Patrick-Gérard'"),
        ("MOULIN LAPORTE", "Arielle", "38319", "mai", "Arielle Moulin-Laporte", "std", "RNE 'MOULIN LAPORTE' (space), signed with a hyphen"),
        ("BONOMI", "Jean Pierre", "38116", "mai", "Jean-Pierre Bonomi", "std", "RNE prénom 'Jean Pierre' (space), signed 'Jean-Pierre'"),
        ("TISSERAND", "Olivier Roland", "38223", "mai", "Olivier Tisserand", "split", "RNE lists two given names 'Olivier Roland'; function and commune on separate lines"),
        ("CHAMON", "Karim-Eugène", "38078", "mai", "Karim-Eugène CHAMON", "std", "hyphenated prénom; 'Maire de La Chapelle-du-Bard'"),
        ("DU RUSQUEC", "Edwige", "44133", "cm", "Edwige du Rusquec", "std", "particle 'du'; adjointe, Loire-Atlantique (2020 mandate)"),
        ("LE HÉNO", "Fabienne", "44135", "cm", "Fabienne Le Héno", "std", "particle 'Le'; 'adjointe au maire du Pouliguen' (du = de + Le)"),
        ("LE BIHAN-PENNANROZ", "Janine", "44049", "cm", "Janine Le Bihan-Pennanroz", "std", "particle + compound; 'du Croisic'"),
        ("LELU DE BRACH", "Sybille", "32021", "cm", "Sybille Lelu de Brach", "std", "particle inside the surname; 'd'Avensac'"),
        ("DE MONTESQUIOU", "Aymeri", "32237", "cm", "Aymeri de Montesquiou", "std", "particle; mayor of Marsan in the 2020 councillors file"),
        ("LE MAIRE", "Jean-Claude", "32301", "cm", "Jean-Claude Le Maire", "std", "surname 'Le Maire' is a name, not a function"),
        ("GONTARD", "Guillaume", None, "sen", "Guillaume Gontard", "std", "senator of Isère"),
        ("NOSBÉ", "Sandrine", None, "dep", "Sandrine Nosbé", "std", "deputy, 9th constituency"),
        ("GALLIARD-MINIER", "Camille", None, "dep", "Camille Galliard-Minier", "std", "deputy, hyphenated surname"),
        ("BARBIER", "Jean-Pierre", None, "cd", "Jean-Pierre Barbier", "std", "president of the Département"),
        ("KAZAZIAN-BALESTAS", "Éléonore", None, "cd", "Eléonore Kazazian-Balestas", "std", "departmental councillor; RNE 'Éléonore' signed 'Eléonore'"),
    ]

    def build_signature(self) -> None:
        rng = self.rng
        count = 0
        for nom, prenom, code, src, as_signed, style, note in self.CURATED_SIG:
            o = self.reserve(self.d.find(nom, prenom, code=code, src=src))
            t = self.when(o)
            if style == "le_maire":
                sig = f"{'La' if o.fem else 'Le'} Maire,\n{as_signed}\nMairie {de_commune(o.commune)}"
            else:
                sig = signature(rng, o, style=style, name=as_signed)
            if src in ("sen", "dep", "cd"):
                subj, body = self.parl_message(o, t, sig)
                th = src
            else:
                subj, body, th = self.muni_message(o, t, sig)
            where = o.commune if src in ("mai", "cm") else src
            self.add(slug_=f"sig-{slug(where)}-{th}", from_name=rng.choice(NICK_NAMES),
                     from_addr=self.people.unlinked(), t=t, subject=subj, body=body,
                     expected=o.key, method="signature", note=note,
                     fmt=self.fmt(latin1=(count % 10 == 3)))
            count += 1

        # "Le Maire," + initial, commune only in the text
        for o in self.take(self.p38(), 2):
            t = self.when(o)
            sig = f"{'La' if o.fem else 'Le'} Maire,\n{initials(first_given(o.prenom))} {nom_typo(o.nom)}"
            subj, body, th = self.muni_message(o, t, sig, theme=rng.choice([t_detr, t_classe, t_poste]))
            self.add(slug_=f"sig-{slug(o.commune)}-{th}", from_name=None, from_addr=self.people.unlinked(),
                     t=t, subject=subj, body=body, expected=o.key, method="signature",
                     note=f"'Le Maire,' + initial and surname; the commune ({o.commune}) only appears in the text")

        # replies above a quoted block that carries ANOTHER official's signature
        p38 = self.p38()
        pairs = [(self.reserve(self.d.find("SPINDLER", "Bertrand", code="38516")),
                  self.d.find("SPINDLER", "Thomas", code="38113"))]
        for _ in range(7):
            a = self.take(p38, 1)[0]
            b = rng.choice([x for x in p38 if x.key != a.key])
            pairs.append((a, b))
        for i, (a, b) in enumerate(pairs):
            tb = self.when(b, lo=self.window(a)[0])
            ta = tb + _dt.timedelta(hours=rng.randrange(2, 70), minutes=rng.randrange(60))
            ta = paris(ta.date(), min(max(ta.hour, 7), 22), ta.minute, ta.second)
            subj_b, body_b, th = self.muni_message(b, tb, signature(rng, b, style="std"), formal=True)
            b_addr = rng.choice([f"mairie.{slug(b.commune)}@wanadoo.fr", self.people.personal(b.prenom, b.nom)])
            a_text = rng.choice([
                "Je m'associe",
                "Je partage entièrement les préoccupations exprimées ci-dessous : notre commune est dans la même situation.",
                "Je me joins à ce message : nous rencontrons exactement les mêmes difficultés.",
                "Même constat chez nous. Je vous remercie de bien vouloir considérer notre commune dans votre démarche.",
            ])
            if a_text.startswith("Je m'associe"):
                a_text = (f"Je m'associe pleinement à la démarche {'de ma collègue' if b.fem else 'de mon collègue'}"
                          f" maire {de_commune(b.commune)}, la situation est identique dans notre commune.")
            sig_a = signature(rng, a, style=rng.choice(["std", "dash", "std_addr"]))
            body_a = compose(rng.choice(["Madame la Sénatrice,", "Bonjour,", "Madame la Sénatrice, chère Hélène,"]),
                             [a_text], rng.choice(CLOSE_SHORT), sig_a, a.fem)
            if i % 2 == 0 or i == 7:
                q = quote_outlook(tb, f"{first_given(b.prenom)} {nom_typo(b.nom)} <{b_addr}>", OFFICE, subj_b, body_b,
                                  cc=f"{self.people.unlinked()}")
                agent = "outlook"
                style = "Outlook 'De : … Envoyé : … Objet :' block"
            else:
                q = quote_gmail(tb, f"{first_given(b.prenom)} {nom_typo(b.nom)} <{b_addr}>", body_b)
                agent = "gmail"
                style = "'Le … a écrit :' + '>' quote"
            body = body_a + "\n\n" + q
            fmt = self.fmt(agent=agent)
            fmt["wrap"] = True
            self.add(slug_=f"sig-{slug(a.commune)}-reply-{th}", from_name=None, from_addr=self.people.unlinked(),
                     t=ta, subject=("RE: " if agent == "outlook" else "Re: ") + subj_b, body=body,
                     expected=a.key, method="signature",
                     note=f"top signature; quoted {style} holds the signature of {b.key} (mayor of {b.commune}) which must be ignored",
                     fmt=fmt)

        # replies quoting the office's own signature ("sénatrice de l'Isère")
        for o in self.take(self.p38(), 2):
            t0 = self.when(o)
            t = t0 + _dt.timedelta(days=rng.randrange(1, 6), hours=rng.randrange(0, 5))
            t = paris(t.date(), min(t.hour, 21), t.minute, t.second)
            office = ("Madame, Monsieur le Maire,\n\nMme la Sénatrice a bien reçu votre message et a saisi le préfet "
                      "de votre demande. Nous ne manquerons pas de vous tenir informé de la réponse.\n\n"
                      "Bien cordialement,\n\nThomas Reynaud\nCollaborateur parlementaire\n"
                      "Permanence de Mme Hélène Marchal, sénatrice de l'Isère")
            sig = signature(rng, o)
            body = compose("Bonjour Monsieur Reynaud,", ["Merci pour votre réponse rapide. Je reste à votre disposition pour tout complément d'information sur ce dossier."],
                           "Cordialement,", sig, o.fem)
            body += "\n\n" + quote_outlook(t0, "Permanence H. Marchal <permanence@senateur-exemple.fr>",
                                           f"mairie {de_commune(o.commune)}", "Votre demande", office)
            fmt = self.fmt(agent="outlook"); fmt["wrap"] = True
            self.add(slug_=f"sig-{slug(o.commune)}-re-permanence", from_name=None, from_addr=self.people.unlinked(),
                     t=t, subject="RE: Votre demande", body=body, expected=o.key, method="signature",
                     note="reply above the office's own quoted signature (a senator's collaborator)", fmt=fmt)

        # bulk: Isère mayors, councillors of 32/44, departmental councillors
        bulk = (self.take(self.p38(), 14) + self.take(self.pcm(adjoint=True), 4)
                + self.take(self.pcm(adjoint=False), 3) + self.take(self.pparl("cd"), 2))
        for i, o in enumerate(bulk):
            t = self.when(o)
            sig = signature(rng, o)
            if o.src == "cd":
                subj, body = self.parl_message(o, t, sig)
                th = "cd"
            else:
                subj, body, th = self.muni_message(o, t, sig)
            note = f"{o.src} {o.commune if o.src != 'cd' else o.place}"
            fmt = self.fmt(latin1=(i % 8 == 5))
            if i in (2, 9):
                body += "\n\nEnvoyé de mon iPhone"
                fmt = self.fmt(agent="iphone")
                note += "; 'Envoyé de mon iPhone' after the signature"
            self.add(slug_=f"sig-{slug(o.commune if o.src != 'cd' else o.place)}-{th}",
                     from_name=rng.choice(NICK_NAMES), from_addr=self.people.unlinked(), t=t,
                     subject=subj, body=body, expected=o.key, method="signature", note=note, fmt=fmt)

    # -- `town_hall_domain` and `town_hall_generic` ----------------------------
    def th_domain(self, commune: str, form: int) -> str:
        s = slug(commune)
        return [f"mairie-{s}.fr", f"ville-{s}.fr", f"mairie.{s}.fr", f"{s}.fr",
                f"mairie{s.replace('-', '')}.fr"][form]

    def th_local(self, o: Off, form: int) -> str:
        p = slug(first_given(o.prenom))
        n = slug(o.nom)
        return [f"{p}.{n}", f"{p[0]}.{n}", "maire", f"{p}.{n}", f"{n}.{p}"][form]

    def one_th_domain(self, o: Off, t: _dt.datetime, note: str, dom_form: int | None = None,
                      local_form: int | None = None) -> None:
        rng = self.rng
        self.th_n += 1
        df = [0, 2, 0, 3, 4, 0, 2][self.th_n % 7] if dom_form is None else dom_form
        if o.code in TOWNS and dom_form is None:
            df = rng.choice([1, 1, 0, 3])
        lf = [0, 1, 0, 3, 2, 0, 4, 1][self.th_n % 8] if local_form is None else local_form
        dom = self.th_domain(o.commune, df)
        address = self.people.unique(f"{self.th_local(o, lf)}@{dom}")
        dn = rng.choice([f"{first_given(o.prenom)} {o.nom}", f"{first_given(o.prenom)} {nom_typo(o.nom)}",
                         f"{o.nom} {first_given(o.prenom)}", f"{strip_accents(first_given(o.prenom))} {nom_typo(o.nom)}"])
        if lf == 2:
            dn = f"{first_given(o.prenom)} {nom_typo(o.nom)} - Maire"
        s = rng.choice(["first", "first", "full", "none", "le_maire"])
        sig = {"first": first_given(o.prenom), "full": signature(rng, o), "none": None,
               "le_maire": ("La Maire" if o.fem else "Le Maire") if o.fonction == "Maire" else first_given(o.prenom)}[s]
        subj, body, th = self.muni_message(o, t, sig)
        self.add(slug_=f"mairie-{slug(o.commune)}-{th}", from_name=dn, from_addr=address, t=t,
                 subject=subj, body=body, expected=o.key, method="town_hall_domain",
                 note=f"{note}; display name + {dom}; body signature: {s}")

    SECRETARIES = [("Sylvie", "Armanet"), ("Laetitia", "Guerre"), ("Corinne", "Bret"), ("Nadia", "Ferrand-Lacroix"),
                   ("Émilie", "Vachon"), ("Karine", "Roybon"), ("Aurélie", "Tabard"), ("Sandra", "Moulinier"),
                   ("Christelle", "Frachet"), ("Magali", "Ruelle"), ("Patricia", "Seigle"), ("Virginie", "Clément-Bollard"),
                   ("Delphine", "Achard"), ("Stéphanie", "Morard"), ("Anne", "Guignard"), ("Céline", "Barthélémy"),
                   ("Manon", "Eyraud-Joly"), ("Ludivine", "Cochet"), ("Hélène", "Bouvat"), ("Josette", "Reboul"),
                   ("Laurence", "Giroud-Fiat"), ("Marion", "Pérrard")]

    def one_th_generic(self, o: Off, t: _dt.datetime, note: str, form: int | None = None,
                       address: str | None = None) -> None:
        rng = self.rng
        c = o.commune
        s = slug(c)
        self.tg_n += 1
        form = self.tg_n % 8 if form is None else form
        if address is None:
            address = [f"accueil@mairie-{s}.fr", f"mairie.{s}@wanadoo.fr", f"secretariat.mairie@{s}.fr",
                       f"mairie-de-{s}@orange.fr", f"contact@mairie-{s}.fr", f"mairie@{s}.fr",
                       f"secretariat@mairie-{s}.fr", f"mairie.{s}@orange.fr"][form]
            self.people.unique(address)
        dn = rng.choice([f"Mairie {de_commune(c)}", "Accueil Mairie", f"Secrétariat mairie {c}", None,
                         f"MAIRIE {strip_accents(de_commune(c)).upper()}"])
        sec = self.SECRETARIES.pop()
        assert not self.d.known_name(f"{sec[0]} {sec[1]}")
        mt = "Mme" if o.fem else "M."
        sigs = [
            f"Pour le maire,\nLa secrétaire de mairie,\n{sec[0]} {sec[1]}",
            f"Le secrétariat de mairie {de_commune(c)}",
            f"Pour {mt} le Maire, absent{'e' if o.fem else ''},\n{sec[0]}, secrétaire de mairie\nMairie {de_commune(c)}",
            f"L'accueil de la mairie {de_commune(c)}\nOuvert lundi, mardi et jeudi de 9 h à 12 h",
            f"Pour le Maire et par délégation,\n{sec[0]} {sec[1].upper()}\nSecrétaire générale\nMairie {de_commune(c)}",
        ]
        k = rng.randrange(len(sigs))
        cx = self.ctx(o, t)
        subj, paras = t_secretariat(rng, cx)
        body = compose(rng.choice(["Madame la Sénatrice,", "Bonjour,", "Madame,", "Madame, Monsieur,"]), paras,
                       rng.choice(["Cordialement,", "Bien cordialement,", "Avec nos remerciements,"]), sigs[k], True)
        self.add(slug_=f"mairie-{s}-secretariat", from_name=dn, from_addr=address, t=t, subject=subj, body=body,
                 expected=o.key, method="town_hall_generic",
                 note=f"{note}; generic town-hall mailbox {address}, written for the mayor in office on that date")

    def build_town_hall(self) -> None:
        rng = self.rng
        for o in self.take(self.p38(), 3, lambda o: o.code in TOWNS):
            self.one_th_domain(o, self.when(o), f"mayor of {o.commune}", dom_form=1)
        for o in self.take(self.p38(), 15):
            self.one_th_domain(o, self.when(o), f"mayor of {o.commune}")
        for o in self.take(self.pcm(adjoint=True), 4):
            self.one_th_domain(o, self.when(o), f"{o.fonction.lower()}, {o.commune} ({o.dep})", local_form=rng.choice([0, 1, 3]))
        m44 = self.pool(lambda o: o.src == "mai" and o.dep in ("32", "44") and self.d.unique_key(o))
        for o in self.take(m44, 1):
            self.one_th_domain(o, self.when(o), f"mayor of {o.commune} ({o.dep}) elected 2026", local_form=0)
        # new 2026 mayors of communes whose 2020 mayor writes in build_former (same domain)
        for code in ("38065", "38186"):
            o = self.reserve(self.d.mayor(code))
            self.one_th_domain(o, self.when(o), f"new mayor of {o.commune} (2026); the same domain was used by the 2020 mayor in 2021-2024",
                               dom_form=0, local_form=0)
        # generic mailboxes
        for o in self.take(self.p38(), 17):
            self.one_th_generic(o, self.when(o), f"mayor of {o.commune}")
        for o in self.take(m44, 2):
            self.one_th_generic(o, self.when(o), f"mayor of {o.commune} ({o.dep}) elected 2026")
        o = self.reserve(self.d.mayor("38299"))
        self.one_th_generic(o, self.when(o), f"new mayor of {o.commune} (2026); same mailbox as the 2021-2024 message for the 2020 mayor",
                            address="mairie.pellafol@wanadoo.fr")

    # -- `name` --------------------------------------------------------------
    def build_name(self) -> None:
        rng = self.rng
        uniq = lambda o: self.d.unique_name(o)
        people = (self.take(self.p38(), 9, uniq) + self.take(self.pcm(), 2, uniq)
                  + self.take(self.pparl("sen"), 1, uniq) + self.take(self.pparl("dep"), 1, uniq)
                  + self.take(self.pparl("cd"), 2, uniq))
        for i, o in enumerate(people):
            t = self.when(o)
            subj, paras = t_personal(rng, self.ctx(o, t))
            dn = [f"{first_given(o.prenom)} {nom_typo(o.nom)}", f"{o.nom} {o.prenom}",
                  f"{first_given(o.prenom)} {o.nom}", strip_accents(f"{first_given(o.prenom)} {nom_typo(o.nom)}")][i % 4]
            sig = rng.choice([first_given(o.prenom), None, f"{first_given(o.prenom)[0]}."])
            body = compose(rng.choice(["Bonjour,", "Chère Hélène,", "Bonjour Madame,", "Bonsoir,"]), paras,
                           rng.choice(["Bien à vous,", "Amicalement,", "Cordialement,", "À bientôt,"]), sig, o.fem)
            self.add(slug_=f"nom-{slug(o.nom)}-{slug(subj)[:20]}", from_name=dn, from_addr=self.people.unlinked(),
                     t=t, subject=subj, body=body, expected=o.key, method="name",
                     note=f"display name '{dn}' only (name unique in the directory); {o.src} "
                          f"{o.commune if o.src in ('mai', 'cm') else o.place}", fmt=self.fmt(latin1=(i == 6)))

    # -- former mayors (2020 file only) ----------------------------------------
    def build_former(self) -> None:
        rng = self.rng
        d = self.d
        # address: the stale contact (contacts.csv)
        ct = next(c for c in self.contacts if c.official is not None and c.official.src == "old")
        o = ct.official
        t = self.when(o)
        subj, body, th = self.muni_message(o, t, first_given(o.prenom), formal=False)
        self.add(slug_=f"contact-{slug(o.commune)}-{th}", from_name=f"{o.prenom} {nom_typo(o.nom)}", from_addr=ct.email,
                 t=t, subject=subj, body=body, expected=o.key, method="address",
                 note=f"former: mayor of {o.commune} in the 2020 file only; address in contacts.csv (stale contact)")
        # signature
        for code in ("38040", "38103", "38333", "38163"):
            o = d.old_by_code[code]
            t = self.when(o)
            name = {"38040": f"Simone Jacquemet", "38103": "Jean-François MAGNAT-BERRUYER",
                    "38333": "Anne de Beaumont", "38163": "Odile Frenea"}[code]
            sig = signature(rng, o, style="std", name=name)
            subj, body, th = self.muni_message(o, t, sig)
            self.add(slug_=f"sig-{slug(o.commune)}-{th}", from_name=None, from_addr=self.people.unlinked(),
                     t=t, subject=subj, body=body, expected=o.key, method="signature",
                     note=f"former: signed '{name}' / 'Maire {de_commune(o.commune)}' in {t.year}; "
                          f"only in elus-maires-2020-38.csv (2026 mayor: {d.mayor(code).key})")
        # town-hall domain, same domains as the 2026 mayors' messages
        for code in ("38065", "38186"):
            o = d.old_by_code[code]
            self.one_th_domain(o, self.when(o), f"former: mayor of {o.commune} in the 2020 file only; "
                               f"2026 mayor {d.mayor(code).key} uses the same domain", dom_form=0, local_form=0)
        # generic mailbox, same address as the 2026 message
        o = d.old_by_code["38299"]
        self.one_th_generic(o, self.when(o), "former: mayor of Pellafol in the 2020 file only", address="mairie.pellafol@wanadoo.fr")

    # -- homonyms ----------------------------------------------------------------
    def build_homonyms(self) -> None:
        rng = self.rng
        d = self.d
        roux_v = d.find("ROUX", "Jean-Yves", code="38525")
        roux_o = d.find("ROUX", "Jean-Yves", code="44114")
        dup_a = d.find("DUPUY", "Sylvain", code="32030")
        dup_b = d.find("DUPUY", "Sylvain", code="32381")
        dul_a = d.find("DULONG", "Christian", code="32123")
        dul_b = d.find("DULONG", "Christian", code="32136")
        caz_a = d.find("CAZES", "Christian", code="32341")
        caz_b = d.find("CAZES", "Christian", code="32347")
        eva_a = d.find("EVAIN", "Pascal", code="44103")
        eva_b = d.find("EVAIN", "Pascal", code="44187")
        rx_s = d.find("ROUX", "Christian", code="38492")
        cases = [
            # candidates, display name, signature block, note
            ([roux_v, roux_o], "Jean-Yves Roux", None, "display name only; mayor of Vasselin (38) and councillor of Orvault (44) share the name"),
            ([roux_v, roux_o], None, "Jean-Yves ROUX", "signature with the name only, no function, no commune"),
            ([dup_a, dup_b], "Sylvain Dupuy", "Sylvain Dupuy", "two councillors of Gers (Bars, Saint-Jean-le-Comtal)"),
            ([dul_a, dul_b], None, "Christian Dulong\nAdjoint au maire", "both are adjoints (Escorneboeuf 3e, Galiax 1er); 'Adjoint au maire' without commune"),
            ([caz_a, caz_b], "CAZES Christian", "Christian Cazes\n2e adjoint au maire", "both are 2e adjoints (Réjaumont, Roquefort); function without commune"),
            ([eva_a, eva_b], None, "Pascal Evain, 3e adjoint au maire", "both are 3e adjoints (Montoir-de-Bretagne, Saint-Père-en-Retz)"),
        ]
        neutral = [t_statut, t_energie, t_merci, t_foret, t_medecin, t_statut]
        for i, (cands, dn, sig, note) in enumerate(cases):
            lo = max(self.window(c)[0] for c in cands)
            hi = min(self.window(c)[1] for c in cands)
            t = self.when(lo=lo, hi=hi)
            th = neutral[i]
            c = {"C": "notre commune", "dC": "de notre commune", "aC": "dans notre commune", "year": t.year,
                 "month": t.month, "date": t, "mayor_fem": False}
            subj, paras = th(rng, c)
            paras = [p.replace("la commune de notre commune", "notre commune").replace("commune de notre commune", "notre commune")
                     .replace("de la commune de notre commune", "de notre commune") for p in paras]
            body = compose("Madame la Sénatrice,", paras, rng.choice(CLOSE_SHORT), sig, False)
            self.add(slug_=f"homonyme-{slug(cands[0].nom)}-{th.__name__[2:]}", from_name=dn,
                     from_addr=self.people.unlinked(), t=t, subject=subj, body=body,
                     expected="ambiguous:" + "|".join(sorted(c.key for c in cands)), method="ambiguous",
                     note="homonym: " + note)
        # disambiguated by the function + commune
        for o, other, note in [
            (rx_s, "Herbignac and Saint-Julien-de-Vouvantes (44)", "three Christian ROUX in the directory"),
            (roux_v, "Orvault (44)", "Jean-Yves ROUX, also in contacts.csv (different address)"),
            (dul_b, "Escorneboeuf (32, 3e adjoint)", "rank and commune"),
            (eva_a, "Saint-Père-en-Retz (44, also 3e adjoint)", "same rank, commune decides"),
        ]:
            t = self.when(o, hi=CM_HI)
            fl = o.function_line(None)
            sig = f"{first_given(o.prenom)} {nom_typo(o.nom)}\n{fl}"
            subj, body, th = self.muni_message(o, t, sig)
            self.add(slug_=f"homonyme-{slug(o.nom)}-{slug(o.commune)}-{th}", from_name=None,
                     from_addr=self.people.unlinked(), t=t, subject=subj, body=body, expected=o.key,
                     method="signature", note=f"homonym disambiguated by '{fl}' (other: {other}); {note}")

    # -- non-officials (`none`) ------------------------------------------------
    FIRST = ["Camille", "Léa", "Hugo", "Manon", "Lucas", "Chloé", "Nathan", "Inès", "Mathis", "Zoé", "Théo",
             "Jeanne", "Romain", "Elodie", "Bastien", "Margaux", "Quentin", "Agnès", "Gilles", "Odette",
             "Rémy", "Salomé", "Yannis", "Lina", "Maxime", "Héloïse", "Arnaud", "Sophie", "Jacques", "Mireille",
             "Thibault", "Océane", "Denis", "Louise", "Fabien", "Justine", "Raymond", "Yvette", "Loïc", "Amina"]
    LAST = ["Chabert", "Guillermin", "Rivoire", "Jacquier", "Allemand", "Bourgeat", "Cottaz", "Perret",
            "Veyron-Churlet", "Gonnet", "Mollard", "Berthier", "Chaumont", "Ravix", "Sappey", "Tardy",
            "Buisson-Martin", "Bellin", "Carrel", "Dumoulin", "Faure-Brac", "Giraudon", "Jallifier", "Lhoste",
            "Mazet", "Nier", "Orcel", "Pichat", "Rebatel", "Sestier", "Truchet", "Vallier", "Achard-Picard",
            "Blanc-Tailleur", "Cuynat", "Drevet", "Eymin", "Fiat", "Gauthier-Lafaye", "Honoré"]

    def invent(self) -> tuple[str, str]:
        while True:
            p = self.rng.choice(self.FIRST)
            n = self.rng.choice(self.LAST)
            if not self.d.known_name(f"{p} {n}") and (p, n) not in self.invented:
                self.invented.add((p, n))
                return p, n

    def none_msg(self, slug_: str, name: str | None, address: str, t: _dt.datetime, subject: str,
                 body: str, note: str, fmt: dict | None = None, **kw) -> None:
        self.add(slug_=slug_, from_name=name, from_addr=address, t=t, subject=subject, body=body,
                 expected="none", method="none", note=note, fmt=fmt, **kw)

    CITIZEN = [
        ("voisinage", "Nuisances sonores de l'usine voisine", ["Depuis l'extension de l'entreprise installée à côté de chez nous, le bruit des compresseurs ne s'arrête plus, même la nuit.", "Nous avons alerté la mairie et la préfecture sans obtenir de réponse. Pourriez-vous nous aider à faire respecter la réglementation ?"]),
        ("retraite", "Dossier de retraite bloqué", ["Mon dossier de retraite est en attente à la caisse de retraite depuis huit mois et je n'ai plus aucun revenu depuis le mois de mars.", "Toutes mes relances sont restées sans réponse. Je vous serais reconnaissant(e) de bien vouloir intervenir."]),
        ("sejour", "Renouvellement de titre de séjour", ["Le titre de séjour de mon épouse expire dans trois semaines et il est impossible d'obtenir un rendez-vous en préfecture.", "Elle risque de perdre son emploi. Pouvez-vous nous aider ?"]),
        ("permis", "Permis de conduire – demande en attente", ["J'ai déposé ma demande de permis de conduire sur le site de l'ANTS il y a cinq mois. Je ne peux pas commencer mon nouveau travail sans ce document.", "Je vous remercie par avance de votre aide."]),
        ("loup", "Attaque de loup sur notre troupeau", ["Notre GAEC a subi une nouvelle attaque la nuit dernière : onze brebis tuées malgré les chiens et les filets.", "Nous sommes à bout. Nous demandons que les éleveurs soient enfin entendus."]),
        ("fibre", "Raccordement à la fibre impossible", ["Mon logement est déclaré raccordable depuis un an mais aucun opérateur n'accepte de réaliser le raccordement.", "Je télétravaille trois jours par semaine et ma connexion actuelle ne le permet plus."]),
        ("impots", "Taxe foncière – erreur de calcul", ["La taxe foncière de ma maison a doublé cette année à la suite d'une erreur sur la surface déclarée.", "Le centre des impôts ne répond pas à mes courriers. Pouvez-vous m'indiquer à qui m'adresser ?"]),
        ("logement", "Demande de logement social", ["Je vis seul(e) avec mes deux enfants et j'attends un logement social depuis plus de trois ans.", "Notre appartement actuel est insalubre. Pourriez-vous appuyer ma demande ?"]),
        ("urgences", "Fermeture des urgences la nuit", ["Les urgences de l'hôpital le plus proche ferment désormais la nuit. La semaine dernière, mon père a dû être transporté à plus d'une heure de route.", "Que compte faire le Parlement face à cette situation ?"]),
        ("route", "Route dangereuse devant chez nous", ["Les véhicules passent à plus de 80 km/h devant notre maison, où les enfants attendent le car scolaire.", "Nous demandons l'installation d'un ralentisseur. La mairie nous renvoie vers le Département."]),
        ("antenne", "Projet d'antenne relais près de l'école", ["Un opérateur projette d'installer une antenne relais à moins de cent mètres de l'école de nos enfants.", "Les parents souhaitent être informés et consultés. Pouvez-vous nous renseigner sur la réglementation ?"]),
        ("chasse", "Sécurité pendant la chasse", ["Dimanche dernier, des balles sont passées à proximité de notre maison pendant une battue.", "Je souhaite savoir quelles règles de sécurité s'appliquent et qui contacter."]),
        ("petition", "Pétition contre la fermeture d'une classe", ["Parent d'élève, je vous transmets la pétition signée par plus de 400 personnes contre la fermeture d'une classe dans notre école.", "Nous comptons sur votre soutien."]),
        ("stage", "Demande de stage", ["Étudiant(e) en master de science politique à Grenoble, je souhaiterais effectuer un stage de deux mois au sein de votre équipe.", "Je vous joins mon CV et reste disponible pour un entretien."]),
        ("pac", "Retard de paiement des aides PAC", ["Je suis exploitant(e) agricole et je n'ai toujours pas reçu le solde des aides de la PAC de l'an dernier.", "Ma trésorerie est au plus bas. Pouvez-vous intervenir auprès des services concernés ?"]),
        ("mdph", "Dossier MDPH", ["Le dossier de mon fils auprès de la MDPH est en attente depuis un an. Sans notification, il ne peut pas bénéficier d'un accompagnement à l'école.", "Je vous remercie de l'attention que vous porterez à ma demande."]),
        ("arnaque", "Démarchage abusif", ["Ma mère, âgée de 87 ans, a signé sous la pression un contrat de rénovation énergétique de 25 000 €.", "Quels recours existe-t-il ? Le Parlement envisage-t-il d'interdire ce type de démarchage ?"]),
        ("visite", "Visite du Sénat pour une classe", ["Professeur d'histoire-géographie dans un collège de l'Isère, je souhaiterais organiser une visite du Sénat pour mes élèves de troisième.", "Quelles sont les démarches à suivre ?"]),
        ("findevie", "Proposition de loi sur la fin de vie", ["Je souhaitais vous faire part de mon point de vue sur le texte relatif à la fin de vie, qui sera bientôt examiné au Sénat.", "J'espère que vous prendrez en compte l'avis des familles qui ont accompagné un proche."]),
        ("remerciement", "Merci", ["Je tenais à vous remercier pour votre aide dans mon dossier : j'ai enfin obtenu une réponse favorable.", "Merci à toute votre équipe."]),
        ("amenagement", "Taxe d'aménagement", ["Nous avons construit un abri de jardin et recevons une taxe d'aménagement qui nous paraît disproportionnée.", "Pourriez-vous nous expliquer les règles applicables ?"]),
        ("emploi", "Radiation de France Travail", ["J'ai été radié(e) de France Travail pour un rendez-vous manqué alors que je n'avais jamais reçu la convocation.", "Je me retrouve sans ressources. Que puis-je faire ?"]),
    ]

    def build_none(self) -> None:
        rng = self.rng
        d = self.d
        self.invented: set[tuple[str, str]] = set()
        communes = [o.commune for o in self.p38()]
        # citizens
        for i, (k, subj, paras) in enumerate(self.CITIZEN):
            p, n = self.invent()
            t = self.when()
            town = rng.choice(communes)
            sig = rng.choice([f"{p} {n}", f"{p} {n.upper()}", f"{p} {n}\n{town}", f"{n.upper()} {p}\n{town}"])
            body = compose(rng.choice(["Madame la Sénatrice,", "Bonjour,", "Madame,", "Bonjour Madame la Sénatrice,"]),
                           paras, rng.choice(CLOSE_SHORT + ["Je vous prie d'agréer, Madame la Sénatrice, mes salutations distinguées."]),
                           sig, p in FEMALE_FIRST)
            address = self.people.personal(p, n)
            self.none_msg(f"citoyen-{k}", rng.choice([f"{p} {n}", f"{p} {n.upper()}", None]), address, t, subj, body,
                          f"citizen ({town}); name not in the directory", fmt=self.fmt(latin1=(i % 7 == 2)))
        # address-book non-officials
        cts = {c.nom: c for c in self.contacts if c.official is None}
        known = [
            ("ROCHEBLAVE", "Restauration de la chapelle Saint-Roch", ["L'association poursuit la restauration de la chapelle et lance une souscription avec la Fondation du patrimoine.", "Nous serions honorés que vous acceptiez de parrainer cette opération."], "Yves Rocheblave\nPrésident des Amis du patrimoine de Vif"),
            ("TOURNOUD", "Parents d'élèves – transport scolaire", ["Les parents d'élèves de Theys s'inquiètent de la suppression d'un car scolaire à la rentrée.", "Nous souhaiterions vous rencontrer avec les représentants des familles."], "Marie-Laure Tournoud\nPrésidente de l'association des parents d'élèves"),
            ("BLANCHET", "Demande d'interview – ZAN", ["Je prépare un dossier sur l'application du ZAN dans le Grésivaudan et souhaiterais recueillir votre point de vue.", "Une interview téléphonique de vingt minutes cette semaine serait-elle possible ?"], "Solène Blanchet\nJournaliste – L'Écho du Grésivaudan"),
            ("FALCOZ", "Invitation – tournoi des écoles de rugby", ["Le club organise son tournoi annuel des écoles de rugby et réunira plus de 600 enfants.", "Nous serions ravis de vous accueillir pour la remise des trophées."], "Hugo Falcoz\nPrésident du Club de rugby du Pays voironnais"),
            ("PERRIER-CORNET", "Campagne DETR – calendrier", ["Pour information, la commission des élus pour la DETR se réunira le mois prochain. La liste des dossiers éligibles vous sera transmise en amont.", "Je reste à votre disposition."], "Pour le préfet et par délégation,\nAnaïs Perrier-Cornet\nCheffe du bureau des collectivités locales\nPréfecture de l'Isère"),
            ("CHAPPAZ", "Apiculture et frelon asiatique", ["Les apiculteurs du Haut-Grésivaudan subissent des pertes importantes dues au frelon asiatique.", "Nous souhaitons vous présenter nos propositions pour un plan de lutte."], "Robert Chappaz\nPrésident des Apiculteurs du Haut-Grésivaudan"),
            ("BERTHOLLET", "Suite de notre échange", ["Merci d'avoir pris le temps de m'écouter à la permanence samedi.", "Comme convenu, je vous envoie la copie du courrier de la caisse d'allocations familiales."], "Josiane Berthollet"),
        ]
        for nom, subj, paras, sig in known:
            c = cts[nom]
            t = self.when()
            body = compose("Madame la Sénatrice,", paras, "Cordialement,", sig, True)
            self.none_msg(f"contact-{slug(c.organisation or 'particulier')}", f"{c.prenom} {nom_typo(c.nom)}", c.email,
                          t, subj, body, f"known contact (contacts.{c.where}) who is not an elected official: "
                          f"{c.fonction or 'private person'} {('— ' + c.organisation) if c.organisation else ''}".strip())
        # journalists, companies
        press = [
            ("Fabrice Mounier", cts["MOUNIER"].email, "Radio Trièves : émission sur la ligne des Alpes", ["Nous consacrons notre prochaine émission à l'avenir de la ligne Grenoble–Gap.", "Accepteriez-vous d'intervenir en direct, le jeudi de 18 h à 19 h ?"], "Fabrice Mounier\nJournaliste, Radio Trièves", "journalist (contacts.csv)"),
            ("Rédaction Alpes Hebdo", "redaction@alpes-hebdo-exemple.fr", "Portrait – questions", ["Dans le cadre d'une série de portraits des parlementaires de l'Isère, nous souhaiterions vous poser quelques questions.", "Un retour d'ici vendredi serait idéal."], "La rédaction\nAlpes Hebdo", "newspaper"),
            ("Bureau d'études Terrae", "contact@terrae-ingenierie.fr", "Accompagnement des communes – fonds vert", ["Notre bureau d'études accompagne les communes rurales dans le montage de leurs dossiers de subvention (DETR, DSIL, fonds vert).", "Nous serions heureux de vous présenter notre offre."], "Mathieu Ferrier\nChargé d'affaires, Terrae Ingénierie", "company"),
            ("Drone Alpes Services", "info@drone-alpes-services.fr", "Inspection des ouvrages d'art par drone", ["Nous proposons aux collectivités des inspections de ponts et de falaises par drone, à coût réduit.", "Une démonstration peut être organisée dans votre département."], "Léo Bazin\nDrone Alpes Services", "company"),
            ("Salon des collectivités alpines", "exposants@salon-collectivites-alpes.fr", "Invitation – Salon des collectivités alpines", ["Le salon réunira cette année plus de 200 exposants et 3 000 élus et agents territoriaux.", "Vous trouverez ci-dessous votre badge d'accès gratuit."], "L'équipe du Salon", "event company"),
            ("Solaire Dauphiné", "commercial@solaire-dauphine.fr", "Centrales photovoltaïques sur bâtiments publics", ["Nous accompagnons les communes dans l'installation de panneaux photovoltaïques sur leurs bâtiments.", "Seriez-vous disposée à relayer notre offre auprès des maires ?"], "Service commercial\nSolaire Dauphiné", "company"),
            ("Julie Marcoz", "j.marcoz@lettre-des-territoires-exemple.fr", "Enquête : les maires face aux démissions", ["Je réalise une enquête sur les démissions d'élus municipaux en Isère.", "Auriez-vous quelques minutes pour répondre à mes questions ?"], "Julie Marcoz\nJournaliste indépendante", "journalist"),
        ]
        for name, address, subj, paras, sig, note in press:
            if address not in self.people.used_addr:
                self.people.unique(address)
            t = self.when()
            body = compose("Madame la Sénatrice,", paras, "Bien cordialement,", sig, False)
            self.none_msg(f"{slug(note.split()[0])}-{slug(subj)[:24]}", name, address, t, subj, body, note)
        # newsletters (bulk)
        news = [
            ("Réseau des communes rurales alpines", "lettre@communes-rurales-alpines.fr", "La lettre du réseau – n° {n}",
             ["Au sommaire : DETR, la circulaire est parue ; fin du ZAN, où en est-on ; le point sur la couverture mobile.",
              "Retrouvez toutes nos actualités sur notre site."]),
            ("Territoires & Numérique", "newsletter@territoires-numerique.fr", "Newsletter – {m}",
             ["Fibre, 5G, inclusion numérique : les chiffres du mois et les appels à projets ouverts aux collectivités."]),
            ("Agenda culturel de l'Isère", "agenda@culture-isere-exemple.fr", "Les sorties du week-end",
             ["Concerts, expositions et festivals : notre sélection pour le week-end dans toute l'Isère."]),
            ("Observatoire des finances locales", "info@obs-finances-locales.fr", "Note de conjoncture – {m}",
             ["Dotations, fiscalité, investissement : la note de conjoncture du mois est disponible.",
              "Le maire de Vif, le président du Département et d'autres élus ont participé à notre dernier webinaire."]),
        ]
        for i, (name, address, subj, paras) in enumerate(news):
            self.people.unique(address)
            t = self.when()
            subj = subj.format(n=rng.randrange(40, 160), m=f"{_MOIS[t.month - 1]} {t.year}")
            body = compose("", paras, None, "Vous recevez cette lettre car vous êtes inscrit(e) à notre liste de diffusion.\n"
                           "Se désinscrire : https://exemple.invalid/desinscription", False)
            dom = address.split("@")[1]
            self.none_msg(f"newsletter-{slug(name)[:24]}", name, address, t, subj, body,
                          "bulk newsletter" + ("; mentions officials in its text" if i == 3 else ""),
                          fmt={"agent": "bulk", "charset": "utf-8", "cte": "quoted-printable" if i % 2 else "8bit",
                               "html": i % 2 == 1, "wrap": True},
                          extra=[f"List-Unsubscribe: <https://{dom}/unsubscribe?u={i + 1}>",
                                 f"List-Id: <lettre.{dom}>", "Precedence: bulk"])
        # prefecture and intercommunality staff
        staff = [
            (cts["LAMBRECHT"], "Dossiers DETR de l'arrondissement", ["Je vous prie de trouver ci-dessous la liste des dossiers DETR déposés pour l'arrondissement, comme demandé par votre collaborateur.", "Certains dossiers sont encore incomplets."], "Pour le préfet et par délégation,\nOlivier Lambrecht\nChargé de mission DETR\nPréfecture de l'Isère", "prefecture civil servant; 'Pour le préfet' is not 'Pour le maire'", None),
            (None, "Visite du préfet – programme", ["Le préfet se rendra dans le Trièves le mois prochain. Vous trouverez ci-après le programme prévisionnel.", "Merci de nous indiquer si vous souhaitez vous joindre à la délégation."], "Le cabinet du préfet de l'Isère", "prefecture cabinet", "pref-cabinet@isere.gouv.fr"),
            (None, "Réunion sur la ressource en eau", ["La direction départementale des territoires organise une réunion sur la gestion de la sécheresse avec les élus du département.", "Inscription avant le 15 du mois."], "Direction départementale des territoires de l'Isère\nService environnement", "state agency", "ddt-environnement@isere.gouv.fr"),
            (None, "Calendrier des commissions", ["Veuillez trouver les dates des prochaines commissions départementales.", "Le secrétariat reste à votre disposition."], "Pour la sous-préfète,\nLe secrétariat général de la sous-préfecture", "sub-prefecture staff", "sp-secretariat-general@isere.gouv.fr"),
            (cts["DAUMAS"], "Programme local de l'habitat", ["La communauté de communes lance la révision de son programme local de l'habitat et organise une réunion d'information.", "Les parlementaires du territoire y sont invités."], "Cécile Daumas\nChargée de mission habitat\nCommunauté de communes du Trièves", "intercommunality staff (contacts.csv)", None),
            (None, "Transport à la demande – nouveau service", ["Le nouveau service de transport à la demande sera opérationnel dès le mois prochain sur l'ensemble du territoire intercommunal.", "Vous trouverez la plaquette de présentation sur notre site."], "Service mobilité\nCommunauté de communes", "intercommunality service", "mobilite@cc-trieves-exemple.fr"),
        ]
        for ct, subj, paras, sig, note, fixed in staff:
            t = self.when()
            if ct is not None:
                name, address = f"{ct.prenom} {nom_typo(ct.nom)}", ct.email
            else:
                name = None
                address = self.people.unique(fixed)
            body = compose(rng.choice(["Madame la Sénatrice,", "Madame,"]), paras, "Cordialement,", sig, False)
            self.none_msg(f"administration-{slug(subj)[:28]}", name, address, t, subj, body, note)
        self.build_lookalikes()

    def build_lookalikes(self) -> None:
        rng = self.rng
        d = self.d
        vif = d.mayor("38545")           # CARASSIO Guillaume
        # 1-3: same surname as an official, different first name
        for (p, n, town, subj, paras, note) in [
            ("Paul", "Carassio", "Vif", "Stationnement devant l'école",
             ["Habitant de Vif, je souhaite vous alerter sur le stationnement anarchique devant l'école aux heures de sortie.",
              "Plusieurs enfants ont failli être renversés."], "same surname as the mayor of Vif (Guillaume CARASSIO), different first name"),
            ("Monique", "Spindler", "La Tronche", "Accès au CHU",
             ["Je suis infirmière retraitée et je m'inquiète de l'accès au CHU pendant les travaux du tramway.",
              "Les ambulances sont régulièrement bloquées."], "same surname as two mayors (SPINDLER Bertrand, Thomas)"),
            ("Lucas", "Gontard", "Grenoble", "Question pour un exposé",
             ["Lycéen à Grenoble, je prépare un exposé sur le rôle du Sénat.",
              "Pourrais-je vous poser quelques questions par courriel ?"], "same surname as a senator (Guillaume GONTARD), different first name"),
        ]:
            assert not d.known_name(f"{p} {n}")
            t = self.when()
            body = compose("Madame la Sénatrice,", paras, "Cordialement,", f"{p} {n}\n{town}", p == "Monique")
            self.none_msg(f"citoyen-{slug(n)}-homonyme-partiel", f"{p} {n}", self.people.personal(p, n), t, subj, body, note)
        # 4-5: same full name as an official, clearly a private person elsewhere
        for o, text, note in [
            (d.find("NGUYEN", "Luc", code="38146"),
             ["Je m'appelle Luc Nguyen et j'habite à Lille. Je suis un simple particulier, homonyme du maire de Dizimieu, sans aucun lien avec lui ni avec l'Isère.",
              "Je reçois régulièrement des courriers qui lui sont destinés ; pourriez-vous vérifier l'adresse utilisée par vos services ?"],
             "homonyme: same full name as the mayor of Dizimieu, but says he is a private citizen from Lille"),
            (d.find("PEREZ", "Thierry", src="dep"),
             ["Retraité à Toulouse, je porte le même nom que le député de la 10e circonscription de l'Isère, mais je ne suis pas élu et n'ai rien à voir avec lui.",
              "Je voulais simplement vous signaler qu'une association m'a invité par erreur à une réunion destinée aux parlementaires."],
             "homonyme: same full name as a deputy, but says he is a retired private citizen from Toulouse"),
        ]:
            t = self.when()
            body = compose("Madame,", text, "Bien cordialement,", f"{first_given(o.prenom)} {nom_typo(o.nom)}", False)
            self.none_msg(f"particulier-homonyme-{slug(o.nom)}", f"{first_given(o.prenom)} {nom_typo(o.nom)}",
                          self.people.unlinked(), t, "Homonymie – courrier mal adressé", body, note)
        # 6: forwarded town-hall answer signed 'Maire de Vif'
        p, n = self.invent()
        t = self.when(vif)
        t0 = t - _dt.timedelta(days=3, hours=2)
        citizen = self.people.personal(p, n)
        fwd = forward_block(t0, f"{first_given(vif.prenom)} {nom_typo(vif.nom)} <accueil@mairie-vif.fr>",
                            citizen, "Votre demande de raccordement",
                            "Madame, Monsieur,\n\nLa commune n'est pas compétente pour le raccordement au réseau d'assainissement de votre parcelle ; "
                            "je vous invite à vous rapprocher de la métropole.\n\nBien cordialement,\n\n"
                            f"{first_given(vif.prenom)} {nom_typo(vif.nom)}\nMaire de Vif")
        body = compose("Bonjour,", ["Je vous transfère la réponse que m'a faite la mairie. Je ne comprends pas qui est compétent pour mon raccordement et personne ne répond.",
                                    "Pouvez-vous m'aider ?"], "Merci d'avance,", f"{p} {n}", p in FEMALE_FIRST, quote=fwd)
        fm = self.fmt(agent="gmail"); fm["wrap"] = True
        self.none_msg("citoyen-transfert-reponse-mairie-vif", f"{p} {n}", citizen, t,
                      "Tr: Votre demande de raccordement", body,
                      "citizen forwarding a message whose signature is 'Maire de Vif' (inside the forwarded block)", fmt=fm)
        # 7: citizen reply quoting another mayor ('> ' block)
        o = rng.choice([x for x in self.p38() if x.code not in ("38545",)])
        p, n = self.invent()
        t = self.when(o)
        t0 = t - _dt.timedelta(days=1, hours=5)
        q = quote_gmail(t0, f"{first_given(o.prenom)} {nom_typo(o.nom)} <{self.people.unlinked()}>",
                        f"Bonjour,\n\nJe transmets votre demande à la permanence de Mme la Sénatrice.\n\n"
                        f"{first_given(o.prenom)} {nom_typo(o.nom)}\n{o.function_line(None)}")
        body = compose("Madame la Sénatrice,", [f"Sur les conseils du maire, je vous écris au sujet de la fermeture du bureau de poste.",
                                                "Vous trouverez ci-dessous son message."], "Cordialement,", f"{p} {n.upper()}", False, quote=q)
        fm = self.fmt(agent="gmail"); fm["wrap"] = True
        self.none_msg(f"citoyen-citation-maire-{slug(o.commune)}", None, self.people.personal(p, n), t,
                      "Bureau de poste", body, f"citizen; the '>' quote carries the signature of {o.key}", fmt=fm)
        # 8-9: writing ABOUT an official
        for text, note, subj in [
            ([f"J'ai rencontré le maire de Vif, M. {nom_typo(vif.nom)}, lors du marché samedi ; il m'a conseillé de vous écrire au sujet de la ligne de bus supprimée.",
              "Les personnes âgées du quartier n'ont plus aucun moyen d'aller à Grenoble."],
             "citizen writing about the mayor of Vif ('j'ai rencontré le maire de Vif, M. Carassio')", "Ligne de bus supprimée"),
            (["Mme Nosbé, notre députée, m'a répondu qu'elle transmettait mon dossier au Sénat.",
              "Je me permets donc de vous écrire directement pour connaître la suite donnée à ma demande de logement."],
             "citizen writing about a deputy (Sandrine NOSBÉ)", "Suite de ma demande"),
        ]:
            p, n = self.invent()
            t = self.when(vif)
            body = compose("Madame la Sénatrice,", text, "Cordialement,", f"{p} {n}", False)
            self.none_msg(f"citoyen-{slug(subj)[:30]}", f"{p} {n}", self.people.personal(p, n), t, subj, body, note)
        # 10: 'ancien maire' not in the directory
        o = rng.choice([x for x in self.p38() if x.code not in ("38545",)])
        p, n = "Henri", "Bouvier-Garzon"
        assert not d.known_name(f"{p} {n}")
        t = self.when()
        body = compose("Madame la Sénatrice,", ["Je me permets de vous écrire au sujet du monument aux morts, dont la restauration me tient à cœur.",
                                                "J'ai rassemblé des archives que je tiens à votre disposition."],
                       "Respectueusement,", f"{p} {n}\nAncien maire {de_commune(o.commune)} (1989-2008)", False)
        self.none_msg(f"ancien-maire-{slug(o.commune)}", f"{p} {n}", self.people.personal(p, n), t,
                      "Monument aux morts", body,
                      f"signs 'Ancien maire {de_commune(o.commune)} (1989-2008)' but is in no RNE file (not an official)")


# ==========================================================================
# Part 6: writing the officials fixtures
# ==========================================================================
def vfold(line: str) -> str:
    """Fold a vCard content line at 75 octets (RFC 6350 §3.2)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    out, cur = [], b""
    limit = 75
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > limit:
            out.append(cur.decode("utf-8"))
            cur = b""
            limit = 74
        cur += b
    out.append(cur.decode("utf-8"))
    return "\r\n ".join(out)


def vesc(s: str) -> str:
    return s.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def vcard(c: Contact, rng: random.Random) -> str:
    fn = f"{first_given(c.prenom)} {nom_typo(c.nom)}"
    n = f"{vesc(nom_typo(c.nom))};{vesc(c.prenom)};;;"
    adr_place = vesc(c.commune) if c.commune else ""
    uid = hashlib.sha1(c.email.encode()).hexdigest()
    tel = f"+33 6 39 98 {int(uid[:2], 16) % 90 + 10} {int(uid[2:4], 16) % 90 + 10}"
    if c.vstyle == "google3":
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{vesc(fn)}", f"N:{n}",
                 f"EMAIL;TYPE=INTERNET;TYPE=HOME:{c.email}", f"TEL;TYPE=CELL:{tel}",
                 f"ADR;TYPE=HOME:;;;{adr_place};;;France"]
        if c.organisation:
            lines.append(f"ORG:{vesc(c.organisation)}")
        if c.fonction:
            lines.append(f"TITLE:{vesc(c.fonction)}")
        lines.append("CATEGORIES:myContacts")
    elif c.vstyle == "outlook3":
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{n}", f"FN:{vesc(fn)}"]
        if c.organisation:
            lines.append(f"ORG:{vesc(c.organisation)};")
        if c.fonction:
            lines.append(f"TITLE:{vesc(c.fonction)}")
        lines += [f"TEL;TYPE=CELL,VOICE:{tel}",
                  f"ADR;TYPE=WORK,PREF:;;;{adr_place};;;France",
                  f"LABEL;TYPE=WORK,PREF:{adr_place}\\nFrance",
                  "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2",
                  f"EMAIL;TYPE=PREF,INTERNET:{c.email}",
                  "X-MS-OL-DESIGN;CHARSET=utf-8:<card xmlns=\"http://schemas.microsoft.com/office/outlook/12/electronicbusinesscards\" ver=\"1.0\" layout=\"left\" bgcolor=\"ffffff\"></card>",
                  f"REV:2025{int(uid[4:6], 16) % 12 + 1:02d}{int(uid[6:8], 16) % 28 + 1:02d}T091500Z"]
    else:  # thunderbird4
        lines = ["BEGIN:VCARD", "VERSION:4.0", f"N:{n}", f"FN:{vesc(fn)}",
                 f"EMAIL;PREF=1:{c.email}", f"TEL;TYPE=cell;VALUE=TEXT:{tel}",
                 f"ADR;TYPE=work:;;;{adr_place};;;France"]
        if c.fonction:
            lines.append(f"TITLE:{vesc(c.fonction)}")
        if c.organisation:
            lines.append(f"ORG:{vesc(c.organisation)}")
        lines.append(f"UID:{uid[:8]}-{uid[8:12]}-4{uid[13:16]}-a{uid[17:20]}-{uid[20:32]}")
    lines.append("END:VCARD")
    return "\r\n".join(vfold(x) for x in lines) + "\r\n"


def write_officials(g: Gen, rng: random.Random) -> None:
    if OUT_OFF.exists():
        shutil.rmtree(OUT_OFF)
    (OUT_OFF / "messages").mkdir(parents=True)
    # contacts.csv
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["Nom", "Prénom", "Courriel", "Commune", "Code commune", "Fonction", "Organisation"])
    for c in g.contacts:
        if c.where == "csv":
            w.writerow([c.nom, c.prenom, c.email, c.commune, c.code, c.fonction, c.organisation])
    write(OUT_OFF / "contacts.csv", out.getvalue().encode("utf-8"))
    write(OUT_OFF / "contacts.vcf", "".join(vcard(c, rng) for c in g.contacts if c.where == "vcf").encode("utf-8"))
    # messages: numbered by date
    g.msgs.sort(key=lambda m: (m.date.astimezone(_dt.timezone.utc), m.mid))
    for i, m in enumerate(g.msgs, 1):
        m.number = i
        write(OUT_OFF / "messages" / m.file, render(m))
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["file", "expected", "method", "note"])
    for m in g.msgs:
        w.writerow([m.file, m.expected, m.method, m.note])
    write(OUT_OFF / "labels.csv", out.getvalue().encode("utf-8"))


# ==========================================================================
# Part 7: validation
# ==========================================================================
def validate(g: Gen, d: Directory) -> dict:
    errors = []
    stats: dict = {}
    # directory built from the files actually written
    copied: collections.Counter = collections.Counter()
    files = ["elus-maires-mai.csv", CM_FILE] + DEP38_FILES
    names: dict[str, set[str]] = collections.defaultdict(set)
    for f in files:
        with open(OUT_RNE / f, encoding="utf-8", newline="") as fh:
            r = csv.reader(fh, delimiter=";")
            h = next(r)
            for row in r:
                rec = dict(zip(h, row))
                k = f"{rec[NOM]}/{rec[PRENOM]}/{iso(rec[NAISS])}"
                copied[k] += 1
                names[fold(rec[PRENOM] + " " + rec[NOM])].add(k)
    old: collections.Counter = collections.Counter()
    with open(OUT_RNE / "elus-maires-2020-38.csv", encoding="latin-1", newline="") as fh:
        r = csv.DictReader(fh)
        for rec in r:
            k = f"{rec['nom_elu']}/{rec['prenom_elu']}/{rec['date_naissance']}"
            old[k] += 1
            names[fold(rec["prenom_elu"] + " " + rec["nom_elu"])].add(k)
    labels = list(csv.DictReader(open(OUT_OFF / "labels.csv", encoding="utf-8"), delimiter=";"))
    methods = {"address", "signature", "town_hall_domain", "town_hall_generic", "name", "none", "ambiguous"}
    seen_files = set()
    for lab in labels:
        f, exp, meth, note = lab["file"], lab["expected"], lab["method"], lab["note"]
        seen_files.add(f)
        if meth not in methods:
            errors.append(f"{f}: bad method {meth}")
        if exp == "none":
            if meth != "none":
                errors.append(f"{f}: none with method {meth}")
            continue
        if exp.startswith("ambiguous:"):
            keys = exp[len("ambiguous:"):].split("|")
            if meth != "ambiguous" or len(keys) < 2:
                errors.append(f"{f}: bad ambiguous label")
            for k in keys:
                if copied[k] != 1:
                    errors.append(f"{f}: ambiguous key {k} in {copied[k]} rows")
            if len({fold(k.split('/')[1] + ' ' + k.split('/')[0]) for k in keys}) != 1:
                errors.append(f"{f}: ambiguous keys do not share a name")
            continue
        if "former" in note:
            if old[exp] != 1 or copied[exp] != 0:
                errors.append(f"{f}: former key {exp}: old={old[exp]} copied={copied[exp]}")
        elif copied[exp] != 1:
            errors.append(f"{f}: key {exp} in {copied[exp]} rows of the copied files")
        if meth == "name":
            nom, prenom, _ = exp.split("/")
            if len(names[fold(prenom + " " + nom)]) != 1:
                errors.append(f"{f}: name-method label but the name is not unique")
    # messages
    msg_files = sorted(p.name for p in (OUT_OFF / "messages").glob("*.eml"))
    if set(msg_files) != seen_files or len(msg_files) != len(labels):
        errors.append("labels.csv and messages/ differ")
    mids = set()
    for name in msg_files:
        raw = (OUT_OFF / "messages" / name).read_bytes()
        if re.search(rb"(?<!\r)\n", raw) or re.search(rb"\r(?!\n)", raw):
            errors.append(f"{name}: not CRLF")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        defects = list(msg.defects) + [x for part in msg.walk() for x in part.defects]
        if defects:
            errors.append(f"{name}: defects {defects}")
        for h in ("From", "To", "Date", "Subject", "Message-ID"):
            if msg[h] is None:
                errors.append(f"{name}: no {h}")
        if msg["To"].addresses[0].addr_spec != OFFICE:
            errors.append(f"{name}: To")
        if msg["Date"].datetime.year not in (2021, 2022, 2023, 2024, 2025, 2026):
            errors.append(f"{name}: Date")
        if msg["Message-ID"] in mids:
            errors.append(f"{name}: duplicate Message-ID")
        mids.add(msg["Message-ID"])
        body = msg.get_body(preferencelist=("plain",))
        txt = body.get_content()
        if len(txt) < 40:
            errors.append(f"{name}: empty body")
    # contacts
    with open(OUT_OFF / "contacts.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    vcf = (OUT_OFF / "contacts.vcf").read_text(encoding="utf-8")
    emails = [r["Courriel"] for r in rows] + re.findall(r"^EMAIL[^:]*:(.+?)\r$", vcf, re.M)
    if len(emails) != len(set(emails)):
        errors.append("duplicate contact e-mail")
    # evidence checks on the structured messages
    by_mail = {c.email.lower(): c for c in g.contacts}
    for m in g.msgs:
        local, dom = m.from_addr.lower().split("@")
        flat = re.sub(r"[.\-_]", "", local)
        if m.method == "address":
            c = by_mail.get(m.from_addr.lower())
            if c is None or c.official is None or c.official.key != m.expected:
                errors.append(f"{m.file}: address label without a matching contact")
        elif m.method in ("signature", "name", "ambiguous"):
            keys = m.expected.split(":", 1)[-1].split("|")
            for k in keys:
                if slug(k.split("/")[0]).replace("-", "") in flat:
                    errors.append(f"{m.file}: {m.method} label but the address names the person")
            if m.from_addr.lower() in by_mail:
                errors.append(f"{m.file}: {m.method} label but the address is a contact")
        elif m.method in ("town_hall_domain", "town_hall_generic"):
            o = next(x for x in d.rows + d.old if x.key == m.expected)
            if slug(o.commune).replace("-", "") not in re.sub(r"[.\-_]", "", m.from_addr.lower()):
                errors.append(f"{m.file}: town-hall address does not name the commune")
        if m.method == "none":
            if m.from_name and d.known_name(m.from_name) and "homonyme" not in m.note:
                errors.append(f"{m.file}: non-official sender bears an official's name")
            if m.from_addr.lower() in by_mail and by_mail[m.from_addr.lower()].official is not None:
                errors.append(f"{m.file}: none label from an official's contact address")
    c_methods = collections.Counter(lab["method"] for lab in labels)
    official = sum(1 for lab in labels if lab["expected"] != "none")
    stats.update(total=len(labels), official=official, none=c_methods["none"], methods=c_methods,
                 former=sum(1 for lab in labels if "former" in lab["note"]),
                 former_methods=collections.Counter(lab["method"] for lab in labels if "former" in lab["note"]),
                 homonym_resolved=sum(1 for lab in labels if lab["note"].startswith("homonym disambiguated")),
                 contacts_csv=len(rows), contacts_vcf=vcf.count("BEGIN:VCARD"),
                 contacts_csv_off=sum(1 for c in g.contacts if c.where == "csv" and c.official is not None),
                 contacts_vcf_off=sum(1 for c in g.contacts if c.where == "vcf" and c.official is not None),
                 latin1=sum(1 for m in g.msgs if m.charset != "utf-8"),
                 qp=sum(1 for m in g.msgs if m.cte == "quoted-printable"),
                 b64=sum(1 for m in g.msgs if m.cte == "base64"),
                 html=sum(1 for m in g.msgs if m.html))
    if len(labels) < 200 or official < 150 or c_methods["none"] < 50:
        errors.append(f"minimum counts not met: {len(labels)} / {official} / {c_methods['none']}")
    if errors:
        for e in errors:
            print("ERROR", e, file=sys.stderr)
        raise SystemExit(1)
    return stats


def officials_source_md(stats: dict) -> str:
    m = stats["methods"]
    fm = stats["former_methods"]
    fm_s = ", ".join(f"{k} {v}" for k, v in sorted(fm.items()))
    return f"""# Labelled sender-matching fixtures

Generated by `scripts/make_officials_fixtures.py` — do not edit by hand; change the script and rerun.

**What these are.** Synthetic messages written for Permanence's officials stage (which elected
official wrote a message). The messages, addresses, phone numbers, secretaries, citizens,
journalists, associations, companies and their texts are invented and released under **CC0 1.0**.
The officials' names, functions, communes and birth dates are **real RNE entries** (Répertoire national
des élus, Ministère de l'Intérieur, Licence Ouverte / Etalab 2.0 — see `../rne/SOURCE.md`), used only as
directory entries to match against; nothing in a message is attributed to the real person. The former
mayors are the invented people of `../rne/elus-maires-2020-38.csv`. The office is the fictional
permanence of « Mme Hélène Marchal, sénatrice de l'Isère » (`permanence@senateur-exemple.fr`), as in
`fixtures/mail/office/`.

## Files

- `contacts.csv` — the office address book ({stats['contacts_csv']} contacts, `;`, UTF-8, header
  `Nom;Prénom;Courriel;Commune;Code commune;Fonction;Organisation`): {stats['contacts_csv_off']} officials
  (personal addresses; one is the former mayor of Ambel, one is ROUX Jean-Yves of Vasselin whose
  homonym lives in Orvault) and the rest non-officials (journalists, association presidents,
  prefecture and intercommunality staff, citizens).
- `contacts.vcf` — {stats['contacts_vcf']} vCards ({stats['contacts_vcf_off']} officials): vCard 3.0 as exported by Google
  Contacts and by Outlook, and 4.0 as written by Thunderbird (FN, N, EMAIL;TYPE=…/PREF=1, ORG, TITLE,
  ADR with the commune), CRLF, lines folded at 75 octets.
- `messages/NNN-slug.eml` — {stats['total']} messages, numbered by date, CRLF, To
  `permanence@senateur-exemple.fr`, Date 2021–2026, Message-ID. UTF-8 8bit, quoted-printable
  ({stats['qp']}), base64 ({stats['b64']}), ISO-8859-1 ({stats['latin1']}), multipart/alternative with an HTML part
  ({stats['html']}); RFC 2047 encoded subjects and display names.
- `labels.csv` — `file;expected;method;note`, one row per message.

## Labels

`expected` is `none`, `ambiguous:KEY1|KEY2` (keys sorted), or one KEY = `NOM/Prénom/YYYY-MM-DD`
written exactly as in the RNE row (NOM and Prénom untouched, birth date in ISO). Every KEY is in exactly
one row of the copied RNE files (`../rne/elus-maires-mai.csv`, `elus-conseillers-municipaux-cm.32-44.csv`,
`elus-senateurs-sen.csv`, `elus-deputes-dep.csv`, `elus-conseillers-departementaux-cd.csv`), or — notes
containing `former` — in exactly one row of `elus-maires-2020-38.csv` and in none of the others.
People who appear in two copied rows (a mayor who is also a departmental councillor, a 2026 mayor who
was a 2020 councillor) are never used as labels. Current Isère mayors of the communes that did not
change also appear, as the same person (same KEY), in `elus-maires-2020-38.csv`: a directory that
imports both files must keep one official with a continuing mandate.

`method` is the strongest evidence in the message, in this order:

1. `address` — the From address is in `contacts.csv` or `contacts.vcf`, linked to the official by name
   and commune (two From addresses differ from the contact only in letter case).
2. `town_hall_domain` — `prenom.nom@mairie-<commune>.fr`, `@ville-<commune>.fr`, `@mairie.<commune>.fr`,
   `@<commune>.fr`, `@mairie<commune>.fr` (or `maire@…`) with the official's display name.
3. `town_hall_generic` — a town hall's generic mailbox (`accueil@mairie-x.fr`, `mairie.x@wanadoo.fr`,
   `secretariat.mairie@x.fr`, …) written for the mayor (« Pour le maire, la secrétaire de mairie », « Le
   secrétariat de mairie de X »): expected is the mayor in office **on the message date**.
4. `signature` — the last block of the sender's own text names the person and the function (+ commune),
   from an address that says nothing about the name. Covers hyphenated/compound names, particles
   (de, du, Le, Di, « Lelu de Brach »), accents present in RNE but not in the signature and the
   reverse, spaces vs hyphens, several given names in RNE, initials (« J.-P. Curt », « Le Maire, » +
   initial), « Maire du Pouliguen / du Croisic / d'Avensac », and replies above an Outlook « De : … Envoyé :
   … Objet : » block or a « Le … a écrit : » quote holding ANOTHER official's signature (which must be
   ignored).
5. `name` — only the display name identifies the official (no function, unlinked free-mail address);
   used only for names that occur once in the whole directory (copied files + 2020 file).
6. `ambiguous` — a name shared by two officials with nothing (or only a function that both hold) to
   tell them apart.

## Counts

| method | messages |
|---|---|
| address | {m['address']} |
| signature | {m['signature']} |
| town_hall_domain | {m['town_hall_domain']} |
| town_hall_generic | {m['town_hall_generic']} |
| name | {m['name']} |
| ambiguous | {m['ambiguous']} |
| none | {m['none']} |
| **total** | **{stats['total']}** ({stats['official']} written by officials) |

Included above: {stats['former']} messages from former mayors dated 2021–2024 ({fm_s}) — three of
their communes also get a 2026 message from the new mayor through the same domain or mailbox, so the
answer depends on the date; {m['ambiguous']} ambiguous homonyms (ROUX Jean-Yves ×2, DUPUY Sylvain,
DULONG Christian, CAZES Christian, EVAIN Pascal) and {stats['homonym_resolved']} homonyms disambiguated by « Maire de X »
/ « 1er adjoint au maire de X » (labelled `signature`).

Non-official mail ({m['none']}): citizens, association presidents and journalists (some of them in the
address book), companies, newsletters (`Precedence: bulk`, `List-Unsubscribe`), prefecture and
intercommunality staff (« Pour le préfet et par délégation »), and look-alikes: a citizen sharing a
mayor's or senator's surname, two private persons with the same full name as an official who say so
(« homonyme », another region), a citizen forwarding a town-hall answer signed « Maire de Vif », a
citizen quoting a mayor's message, citizens writing about an official (« j'ai rencontré le maire de
Vif, M. Carassio »), a newsletter naming officials, a self-styled « Ancien maire » absent from RNE.

## Dates

Current Isère mayors who are also mayors in the 2020 file write in 2025–2026; mayors new in 2026
(the changed communes, Gers and Loire-Atlantique rows of the 2026 file) write after their
« Date de début de la fonction »; 2020 municipal councillors of 32/44 write before 27/02/2026;
senators, deputies and departmental councillors after the start of their mandate.

## Regenerate

```sh
python3 scripts/make_officials_fixtures.py
```

Python 3.11 standard library only, fixed seed ({SEED}): the output is byte-identical from run to run.
The script re-parses every message with Python's `email` package and checks every label before
finishing.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    rng = random.Random(SEED)
    directory = Directory()
    info = build_rne(args.data, rng, directory)
    directory.finish()
    for f in FORMER:
        assert not directory.known_name(f"{f[2]} {f[1]}") or len(directory.name_keys[fold(f[2] + ' ' + f[1])]) == 1, f
    assert not directory.known_name("Hélène Marchal")
    write(OUT_RNE / "SOURCE.md", rne_source_md(info).encode("utf-8"))

    people = People(rng, directory)
    g = Gen(rng, directory, people, info["changed"])
    g.build_address()
    g.build_signature()
    g.build_town_hall()
    g.build_name()
    g.build_former()
    g.build_homonyms()
    g.build_none()
    write_officials(g, rng)
    stats = validate(g, directory)
    write(OUT_OFF / "SOURCE.md", officials_source_md(stats).encode("utf-8"))
    print(f"rne: mayors {dict(info['mayors'])}, cm {info['cm']}, 38: {info['dep38']}, "
          f"2020 file {info['old_rows']} rows ({len(info['changed'])} changed)")
    print(f"messages: {stats['total']} ({stats['official']} officials, {stats['none']} none); "
          f"methods {dict(sorted(stats['methods'].items()))}; former {stats['former']}")
    print(f"contacts: csv {stats['contacts_csv']}, vcf {stats['contacts_vcf']}")


if __name__ == "__main__":
    main()
