#!/usr/bin/env python3
"""Convert @etalab/decoupage-administratif data into the commune gazetteer.

Usage: make_gazetteer.py --communes communes.json [--epci epci.json]
                         [--historique historique-communes.json]
                         --out rules/communes --version X [--hist-version Y]
                         [--integrity SHA] [--hist-integrity SHA] [--date YYYY-MM-DD]

Writes communes.tsv, anciennes.tsv, epci.tsv and SOURCE.md into --out.  The TSV files
depend only on the input JSON; SOURCE.md additionally carries the date.
Called by scripts/make_gazetteer.sh, which fetches the package(s) with npm.
"""
import argparse
import collections
import json
import os
import unicodedata

DELEG_TYPES = {"commune-deleguee": "deleguee", "commune-associee": "associee"}


def fold(name):
    """Case- and accent-folded form (used for homonyms and de-duplication)."""
    s = name.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    s = s.replace("\u2019", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.casefold()


def clean(field):
    field = str(field)
    if any(ch in field for ch in "\t\r\n"):
        raise SystemExit(f"unexpected control character in field {field!r}")
    return field


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(clean(v) for v in row) + "\n")


def history_names(path):
    """code -> name of the most recent state of that code in historique-communes.json."""
    with open(path, encoding="utf-8") as f:
        hist = json.load(f)
    best = {}
    ended = {}  # code -> last date it stopped being a full commune (type COM)
    for e in hist:
        if e["type"] == "COM" and e.get("dateFin"):
            ended[e["code"]] = max(ended.get(e["code"], ""), e["dateFin"])
        # Entries without dateDebut are the 1943 baseline; COM wins ties.
        key = (e.get("dateDebut", "0000"), e["type"] == "COM", e.get("dateFin", "9999"))
        cur = best.get(e["code"])
        if cur is None or key > cur[0]:
            best[e["code"]] = (key, e["nom"])
    return {code: (nom, ended.get(code)) for code, (_, nom) in best.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--communes", required=True)
    ap.add_argument("--epci")
    ap.add_argument("--historique")
    ap.add_argument("--out", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--hist-version", default="")
    ap.add_argument("--integrity", default="")
    ap.add_argument("--hist-integrity", default="")
    ap.add_argument("--date", default="")
    a = ap.parse_args()

    with open(a.communes, encoding="utf-8") as f:
        data = json.load(f)

    types = collections.Counter(x["type"] for x in data)
    actuelles = {}
    for x in data:
        if x["type"] == "commune-actuelle":
            if x["code"] in actuelles:
                raise SystemExit(f"duplicate current commune code {x['code']}")
            actuelles[x["code"]] = x

    # 0. EPCI (intercommunalities with their own tax: CC, CA, CU, métropoles) and members
    epcis = []
    epci_of = {}
    if a.epci:
        with open(a.epci, encoding="utf-8") as f:
            for e in json.load(f):
                epcis.append((e["code"], e["nom"], e["type"], e.get("populationTotale", "")))
                for m in e.get("membres") or []:
                    if m["code"] in epci_of:
                        raise SystemExit(f"commune {m['code']} in two EPCI")
                    if m["code"] not in actuelles:
                        raise SystemExit(f"EPCI {e['code']} lists unknown commune {m['code']}")
                    epci_of[m["code"]] = e["code"]
        epcis.sort()
    epci_types = collections.Counter(e[2] for e in epcis)

    # 1. communes.tsv
    rows = []
    for code in sorted(actuelles):
        x = actuelles[code]
        cps = ",".join(sorted(set(x.get("codesPostaux") or [])))
        pop = x.get("population")
        rows.append((code, x["nom"], x["departement"], cps, "" if pop is None else pop,
                     epci_of.get(code, "")))
    os.makedirs(a.out, exist_ok=True)
    write_tsv(os.path.join(a.out, "communes.tsv"),
              ("code", "nom", "departement", "codes_postaux", "population", "epci"), rows)
    write_tsv(os.path.join(a.out, "epci.tsv"),
              ("code", "nom", "type", "population"), epcis)
    no_epci = sum(1 for r in rows if not r[5])
    no_cp = sum(1 for r in rows if not r[3])
    no_pop = sum(1 for r in rows if r[4] == "")

    # 2. anciennes.tsv
    anc = []  # (nom, code_actuel, type, ancien_code)
    for x in data:
        t = x["type"]
        if t in DELEG_TYPES:
            target = x["chefLieu"]
            anc.append((x["nom"], target, DELEG_TYPES[t], x["code"]))
        elif t == "arrondissement-municipal":
            anc.append((x["nom"], x["commune"], "arrondissement", x["code"]))
        else:
            continue
        if anc[-1][1] not in actuelles:
            raise SystemExit(f"{x['code']} points to unknown commune {anc[-1][1]}")

    deleg_codes = {r[3] for r in anc if r[2] in ("deleguee", "associee")}
    seen = {(fold(r[0]), r[1]) for r in anc}
    anciennes_stats = collections.Counter()
    fin_years = collections.Counter()
    if a.historique:
        names = history_names(a.historique)
        for code in sorted(actuelles):
            cur = actuelles[code]
            for old in cur.get("anciensCodes") or []:
                anciennes_stats["anciensCodes"] += 1
                if old in deleg_codes:
                    anciennes_stats["already déléguée/associée"] += 1
                    continue
                if old not in names:
                    anciennes_stats["no name in history file"] += 1
                    continue
                nom, fin = names[old]
                key = (fold(nom), code)
                if fold(nom) == fold(cur["nom"]):
                    anciennes_stats["same name as current commune (code change)"] += 1
                    continue
                if key in seen:
                    anciennes_stats["name already listed for that commune"] += 1
                    continue
                seen.add(key)
                anc.append((nom, code, "ancienne", old))
                anciennes_stats["kept"] += 1
                fin_years[f"{fin[:3]}0s" if fin else "after 2019-01-01"] += 1

    anc.sort(key=lambda r: (r[1], r[3], r[2], r[0]))
    write_tsv(os.path.join(a.out, "anciennes.tsv"),
              ("nom", "code_actuel", "type", "ancien_code"), anc)
    anc_types = collections.Counter(r[2] for r in anc)

    # 3. homonyms among current communes
    by_name = collections.defaultdict(list)
    for code, x in actuelles.items():
        by_name[fold(x["nom"])].append(x)
    shared = {k: v for k, v in by_name.items() if len(v) > 1}
    communes_in_shared = sum(len(v) for v in shared.values())
    exact = collections.Counter(x["nom"] for x in actuelles.values())
    shared_exact = sum(1 for n in exact.values() if n > 1)
    top = sorted(shared.values(), key=lambda v: (-len(v), fold(v[0]["nom"])))[:10]
    # names of anciennes/déléguées that collide with a current commune name elsewhere
    cross = sum(1 for r in anc if fold(r[0]) in by_name
                and any(c["code"] != r[1] for c in by_name[fold(r[0])]))

    def size(name):
        return os.path.getsize(os.path.join(a.out, name))

    L = []
    L.append("# Commune gazetteer\n")
    L.append("Generated by `scripts/make_gazetteer.sh` (conversion in `scripts/make_gazetteer.py`); "
             "do not edit by hand.\n")
    L.append("## Source\n")
    L.append(f"- npm package `@etalab/decoupage-administratif@{a.version}`, `data/communes.json`"
             + (f" (tarball integrity `{a.integrity}`)" if a.integrity else ""))
    if a.epci:
        L.append(f"- intercommunalities: the same package, `data/epci.json` (EPCI à fiscalité "
                 "propre and their member communes; upstream: see the package README)")
    L.append("- cantons: not in this package (it has no canton data); Permanence shows a "
             "commune's canton only where the RNE's departmental councillors name a canton "
             "after the commune (see ARCHITECTURE.md)")
    if a.historique:
        L.append(f"- names of former communes: `@etalab/decoupage-administratif@{a.hist_version}`, "
                 "`data/historique-communes.json` (the last version shipping the history file; "
                 "COG history up to 2019-01-01)"
                 + (f" (tarball integrity `{a.hist_integrity}`)" if a.hist_integrity else ""))
    L.append("- upstream: INSEE Code officiel géographique, INSEE populations légales, "
             "La Poste base officielle des codes postaux (see the package README)")
    L.append("- data licence: Licence Ouverte / Open Licence 2.0 (Etalab), "
             "https://www.etalab.gouv.fr/licence-ouverte-open-licence "
             "(the package's own code is MIT). Attribution: Etalab / INSEE / La Poste, "
             "via @etalab/decoupage-administratif.")
    if a.date:
        L.append(f"- generated: {a.date}")
    L.append("")
    L.append("## Files\n")
    L.append("UTF-8, LF, tab-separated, header line first.\n")
    L.append(f"- `communes.tsv` ({size('communes.tsv')} bytes): `code nom departement codes_postaux "
             f"population epci`, one row per current commune (`commune-actuelle`), sorted by code. "
             f"**{len(rows)} rows.** Postal codes sorted and joined with `,`; "
             f"{no_cp} communes have no postal code and {no_pop} no population "
             "(uninhabited overseas districts such as the TAAF / Clipperton). `epci`: the SIREN "
             f"of the commune's EPCI in `epci.tsv`, empty for {no_epci} communes that no EPCI of "
             "the package lists as a member.")
    L.append(f"- `epci.tsv` ({size('epci.tsv')} bytes): `code nom type population`, one row per EPCI "
             f"à fiscalité propre, sorted by SIREN code. **{len(epcis)} rows:** "
             + ", ".join(f"`{t}` {n}" for t, n in sorted(epci_types.items()))
             + " (CC communauté de communes, CA d'agglomération, CU urbaine, METRO métropole, "
             "MET69 Métropole de Lyon); `population`: the package's `populationTotale`.")
    L.append(f"- `anciennes.tsv` ({size('anciennes.tsv')} bytes): `nom code_actuel type ancien_code`, "
             "names that resolve to a current commune (`code_actuel` is always in "
             f"`communes.tsv`), sorted by code_actuel then ancien_code. **{len(anc)} rows:**")
    for t in ("deleguee", "associee", "ancienne", "arrondissement"):
        L.append(f"  - `{t}`: {anc_types.get(t, 0)}")
    L.append("")
    L.append("  `deleguee` / `associee`: communes déléguées / associées still existing in the COG "
             "(`chefLieu`). Their `ancien_code` may equal `code_actuel` when the new commune kept "
             "the code of its chef-lieu. `arrondissement`: municipal arrondissements of Paris "
             "(75056), Lyon (69123) and Marseille (13055).")
    if a.historique:
        L.append("")
        L.append("  `ancienne`: codes listed in `anciensCodes` of a current commune that are not "
                 "déléguée/associée today, named with the last name the code had in the history "
                 "file. Dropped: "
                 + ", ".join(f"{k}: {v}" for k, v in sorted(anciennes_stats.items())
                             if k not in ("kept", "anciensCodes"))
                 + f" (of {anciennes_stats['anciensCodes']} anciensCodes). "
                 "Decade in which the kept codes stopped being a full commune: "
                 + ", ".join(f"{y}: {n}" for y, n in sorted(fin_years.items())) + ".")
    L.append("")
    L.append("## Counts in the source\n")
    for t, n in sorted(types.items()):
        L.append(f"- `{t}`: {n}")
    L.append("")
    L.append("## Homonyms\n")
    L.append(f"Folding case and accents (œ→oe), {len(shared)} names are shared by 2 or more "
             f"current communes ({communes_in_shared} communes in total; {shared_exact} names with the exact "
             "spelling, the rest differ only by accents such as Saint-Remy/Saint-Rémy); a name alone does not "
             "identify a commune, disambiguate with the département or postal code. "
             f"{cross} rows of `anciennes.tsv` carry a name that is also the name of a different "
             "current commune. Most frequent:\n")
    for v in top:
        deps = ",".join(sorted(x["departement"] for x in v))
        L.append(f"- {v[0]['nom']} ×{len(v)} ({deps})")
    L.append("")
    L.append("## Regenerate\n")
    L.append("```sh\nscripts/make_gazetteer.sh            # pinned versions\n"
             "DECOUPAGE_VERSION=x.y.z scripts/make_gazetteer.sh\n```\n")
    L.append("Needs node/npm (for `npm pack`, nothing is installed) and python3. "
             "The TSV files are byte-identical for given package versions; only the date in "
             "this file changes (set `GAZETTEER_DATE` to pin it).")
    with open(os.path.join(a.out, "SOURCE.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(L) + "\n")

    print(f"communes.tsv: {len(rows)} rows; anciennes.tsv: {len(anc)} rows {dict(anc_types)}; "
          f"homonym names: {len(shared)}, max ×{len(top[0]) if top else 0} ({top[0][0]['nom'] if top else ''})")


if __name__ == "__main__":
    main()
