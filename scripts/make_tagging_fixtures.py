#!/usr/bin/env python3
"""Generate the labelled theme / commune tagging fixtures of Permanence.

Writes
* ``fixtures/tagging/messages/NNN-slug.eml`` and ``fixtures/tagging/labels.csv``
  (``file;themes;communes;note``): inbound mail of the permanence of a senator of the
  Isère, each message labelled with the themes (slugs below) and the communes (INSEE codes)
  it concerns;
* ``fixtures/tagging/traps/NNN-slug.eml`` and ``fixtures/tagging/traps.csv``
  (``file;communes;note``): messages where commune names appear as ordinary words or as
  other things (a river, a church, an operator, a capital, a surname...);
* ``fixtures/rules/<theme>.test``: short data-driven rule tests, blocks separated by
  ``<!-- NEXT TEST -->``, each starting with ``expect THEME`` or ``expect_not THEME``;
* ``fixtures/tagging/SOURCE.md``: what these are, counts, how to regenerate.

Then it validates what it wrote: every message parses with Python's ``email``, the
headers are there, CRLF line endings, every commune code exists in
``rules/communes/communes.tsv``, every labelled commune is named in the message in the
context type its label claims, every theme slug is one of the twelve and has one of its
words in the message, and the counts meet the minimums.

* Python 3.11, standard library only.
* Deterministic: no randomness, no clock, no network; running it twice gives
  byte-identical files.

All messages, people and addresses are invented (CC0). The office is the fictional
permanence of « Mme Hélène Marchal, sénatrice de l'Isère » (permanence@senateur-exemple.fr),
as in ``fixtures/mail/office/``. Phone numbers use the 04 65 71 xx xx / 06 39 98 xx xx
ranges used by the other fixture generators.

Usage::

    python3 scripts/make_tagging_fixtures.py            # write and validate
    python3 scripts/make_tagging_fixtures.py --review   # also list, per message, theme words
                                                        # and Isère commune names that are
                                                        # not labelled (for proofreading)
"""
from __future__ import annotations

import base64
import csv
import datetime as _dt
import email
import email.header
import email.policy
import email.utils
import hashlib
import io
import quopri
import re
import shutil
import sys
import textwrap
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_TAG = ROOT / "fixtures" / "tagging"
OUT_RULES = ROOT / "fixtures" / "rules"
COMMUNES_TSV = ROOT / "rules" / "communes" / "communes.tsv"
ANCIENNES_TSV = ROOT / "rules" / "communes" / "anciennes.tsv"

OFFICE = "permanence@senateur-exemple.fr"
OFFICE_FROM = "Permanence Hélène Marchal <permanence@senateur-exemple.fr>"

THEMES = [
    "finances-locales",
    "eau-assainissement",
    "urbanisme-logement",
    "education-jeunesse",
    "sante",
    "securite",
    "agriculture",
    "mobilites",
    "numerique",
    "environnement-energie",
    "culture-patrimoine-sport",
    "invitation-protocole",
]

# Commune context types a label can claim (see check_context()).
CONTEXTS = {
    "mairie": "« Mairie de X » / « mairie du X » / « ville de X »",
    "commune": "« commune de X » / « la commune du X »",
    "a": "« à X » / « au X » / « aux X »",
    "dep": "« X (38) », « Die (26) »: name followed by a département number",
    "postal": "postal code line « 38470 QUINCIEU »",
    "signature": "« Maire de X », « adjointe au maire de X », « conseiller municipal de X »",
    "dateline": "dateline « Vif, le 3 mars 2025 »",
    "plain": "plain capitalised mention, no locating word",
    "ancienne": "former or delegated commune name (anciennes.tsv), labelled with the current code",
}

MIN_MESSAGES = 220
MIN_TRAPS = 40

# ---------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------


class Mail:
    __slots__ = ("kind", "slug", "sender", "subject", "body", "themes", "communes",
                 "note", "enc", "extra", "html")

    def __init__(self, kind, slug, sender, subject, body, themes, communes, note, enc,
                 extra, html):
        self.kind = kind
        self.slug = slug
        self.sender = sender
        self.subject = subject
        self.body = body
        self.themes = themes
        self.communes = communes
        self.note = note
        self.enc = enc
        self.extra = extra
        self.html = html


MESSAGES: list[Mail] = []
TRAPS: list[Mail] = []


def _text(s: str) -> str:
    s = textwrap.dedent(s)
    if s.startswith("\n"):
        s = s[1:]
    s = s.rstrip() + "\n"
    return s


def _parse_communes(spec: str) -> list[tuple[str, str]]:
    out = []
    for item in spec.split():
        code, _, ctx = item.partition(":")
        assert ctx in CONTEXTS, f"unknown context {ctx!r} in {spec!r}"
        out.append((code, ctx))
    return out


def m(slug: str, sender: str, subject: str, body: str, themes: str = "",
      communes: str = "", note: str = "", enc: str = "8bit", extra: str = "",
      html: bool = False) -> None:
    """A labelled message. ``themes``: space-separated slugs; ``communes``: space-separated
    ``CODE:context``; ``enc``: 8bit | qp | b64 | latin1 | latin1-qp; ``extra``: header lines."""
    ts = themes.split()
    for t in ts:
        assert t in THEMES, f"{slug}: unknown theme {t}"
    MESSAGES.append(Mail("msg", slug, sender, subject, _text(body), ts,
                         _parse_communes(communes), note, enc, extra, html))


def t(slug: str, sender: str, subject: str, body: str, communes: str = "",
      note: str = "", enc: str = "8bit", extra: str = "") -> None:
    """A trap: commune names used as ordinary words or other things."""
    TRAPS.append(Mail("trap", slug, sender, subject, _text(body), [],
                      _parse_communes(communes), note, enc, extra, False))


RULES: dict[str, list[tuple[str, str]]] = {th: [] for th in THEMES}


def r(theme: str, expect: bool, message: str) -> None:
    """A rule test block for ``theme``: ``message`` is headers, blank line, body."""
    RULES[theme].append(("expect" if expect else "expect_not", _text(message)))


# ===========================================================================
# Messages — finances locales
# ===========================================================================

m("detr-vif-gymnase", "Jean-Pierre Rolland <maire@mairie-vif.fr>",
  "Demande de soutien – DETR 2025, rénovation du gymnase", """
    Vif, le 3 mars 2025

    Madame la Sénatrice,

    La commune a déposé auprès de la préfecture un dossier de DETR pour la rénovation
    du gymnase Gérard-Philipe, fermé depuis l'automne pour des infiltrations en toiture.
    Le coût des travaux est estimé à 1,2 M€ HT ; sans une aide de l'État à hauteur de
    35 %, nous ne pourrons pas rouvrir l'équipement, utilisé chaque semaine par les
    associations sportives et par les deux écoles pour l'EPS.

    Je me permets de solliciter votre appui auprès de M. le Préfet lors de la prochaine
    commission d'élus.

    Respectueusement,

    Jean-Pierre Rolland
    Maire de Vif
    """, "finances-locales culture-patrimoine-sport", "38545:dateline",
  note="gymnase = sport; the schools only use it (no school issue)", enc="qp")

m("dsil-meylan-ecole-renovation", "Services techniques Meylan <services.techniques@ville-meylan.fr>",
  "Dossier DSIL – groupe scolaire des Buclos", """
    Madame la Sénatrice,

    Suite à notre échange téléphonique, vous trouverez ci-dessous le résumé du dossier que
    la Mairie de Meylan présente au titre de la dotation de soutien à l'investissement local
    (DSIL) :

    - rénovation énergétique du groupe scolaire des Buclos (isolation par l'extérieur,
      remplacement des menuiseries, raccordement au réseau de chaleur) ;
    - gain attendu : -45 % de consommation ;
    - montant sollicité : 480 000 €.

    Les travaux se feraient pendant les vacances d'été pour ne pas perturber les classes.

    Cordialement,
    Sandrine Perret
    Directrice des services techniques
    """, "finances-locales education-jeunesse environnement-energie", "38229:mairie",
  note="school building works timed around classes: education kept (school is the subject)")

m("dgf-baisse-quincieu", "Mairie de Quincieu <mairie.quincieu@wanadoo.fr>",
  "Baisse de notre DGF", """
    Madame la Sénatrice,

    Notre dotation globale de fonctionnement a encore baissé de 4 % cette année. Pour une
    commune de 106 habitants, cela représente la moitié du budget d'entretien de la voirie.
    Nous ne comprenons pas le calcul et la préfecture nous renvoie vers la DGCL.

    Pourriez-vous nous aider à obtenir une explication ?

    Avec nos remerciements,

    Le secrétariat de mairie
    Mairie
    Le Village
    38470 QUINCIEU
    Tél. 04 65 71 20 14
    """, "finances-locales", "38330:postal",
  note="voirie named only as a budget line: not mobilites")

m("fonds-vert-crolles-eclairage", "Anne Vallier <a.vallier@ville-crolles.fr>",
  "Fonds vert : éclairage public", """
    Bonjour,

    La commune de Crolles a obtenu l'an dernier une aide du Fonds vert pour passer
    l'éclairage public en LED. Nous voulons déposer une seconde tranche (zones d'activités)
    mais l'enveloppe départementale semble réduite de moitié. Avez-vous des informations
    sur les crédits 2025 ?

    Bien cordialement,
    Anne Vallier
    Adjointe aux finances
    """, "finances-locales environnement-energie", "38140:commune",
  note="public-lighting energy savings = energie")

m("subvention-eglise-fontaine", "Paroisse Saint-Joseph <secretariat.stjoseph@orange.fr>",
  "Restauration de l'église – demandes de subventions", """
    Madame la Sénatrice,

    L'association pour la sauvegarde de l'église de Fontaine (38) a constitué ses
    demandes de subventions auprès de la DRAC, de la Région et du Département pour la
    restauration du clocher et des vitraux. La Fondation du patrimoine a lancé une
    souscription.

    Une lettre de soutien de votre part donnerait du poids à notre dossier.

    Avec nos sentiments respectueux,
    Michel Gauthier, président
    """, "finances-locales culture-patrimoine-sport", "38169:dep",
  note="public subsidy requested for a church: finances + patrimoine")

m("budget-primitif-mens", "Claire Rostaing <claire.rostaing@mairie-mens.fr>",
  "Vote du budget primitif", """
    Madame la Sénatrice,

    Le conseil municipal a voté hier soir le budget primitif 2025. Pour la première fois
    nous avons dû augmenter les taux de la taxe foncière de deux points, faute de quoi la
    section de fonctionnement n'était pas équilibrée. J'aimerais vous exposer la situation
    des petites communes du Trièves lors de votre prochaine permanence.

    Bien à vous,

    Claire Rostaing
    Maire de Mens
    """, "finances-locales", "38226:signature")

m("dotations-trieves-communes", "Communauté de communes du Trièves <direction@cc-trieves.example>",
  "Note sur les dotations de l'État aux communes du Trièves", """
    Madame la Sénatrice,

    Comme convenu, voici une note de synthèse sur l'évolution des dotations de l'État
    entre 2019 et 2025 pour les communes de notre territoire. Les baisses les plus fortes
    concernent Mens, Clelles et Monestier-de-Clermont, qui perdent l'essentiel de leur
    dotation de solidarité rurale « cible ».

    Nous restons à votre disposition.

    Le directeur général des services
    """, "finances-locales", "38226:plain 38113:plain 38242:plain")

m("dsr-la-mure", "Thierry Blanc <thierry.blanc@free.fr>",
  "DSR et centre-bourg", """
    Bonjour Madame Marchal,

    Conseiller municipal d'opposition à La Mure, je souhaite comprendre pourquoi notre
    dotation de solidarité rurale a été amputée alors que la population baisse et que les
    charges de centralité augmentent. La majorité nous répond que « c'est l'État ». Une
    question écrite au Gouvernement serait-elle possible ?

    Merci par avance,
    Thierry Blanc
    """, "finances-locales", "38269:plain",
  note="« à La Mure » is not written; plain capitalised mention")

m("detr-refus-voirie-rives", "Mairie de Rives <dgs@mairie-rives.fr>",
  "Refus DETR – réfection de la rue de la République", """
    Madame la Sénatrice,

    La préfecture vient de rejeter notre demande de DETR pour la réfection de la chaussée et
    des trottoirs de la rue de la République, au motif que le dossier était « incomplet ».
    Toutes les pièces avaient pourtant été déposées sur la plateforme dans les délais.

    La Mairie de Rives sollicite votre intervention afin que le dossier soit réexaminé lors
    de la programmation complémentaire.

    Le directeur général des services
    """, "finances-locales mobilites", "38337:mairie",
  note="road resurfacing = mobilites (voirie)")

m("re-detr-saint-sauveur-salle", "Marc Jourdan <maire@saint-sauveur38.fr>",
  "RE: Dossier DETR 2025 – salle polyvalente", """
    Merci pour votre appel. Nous transmettons demain à la sous-préfecture les devis
    actualisés.

    Marc Jourdan
    Maire de Saint-Sauveur

    De : Permanence Hélène Marchal <permanence@senateur-exemple.fr>
    Envoyé : mardi 14 janvier 2025 10:12
    À : Marc Jourdan <maire@saint-sauveur38.fr>
    Objet : Dossier DETR 2025 – salle polyvalente

    Monsieur le Maire,

    La sous-préfecture de Saint-Marcellin nous indique que votre dossier de DETR pour
    l'extension de la salle polyvalente est complet sous réserve de devis de moins de
    trois mois. Pouvez-vous les leur faire parvenir ?

    Bien cordialement,
    La permanence
    """, "finances-locales", "38454:signature 38416:plain",
  note="theme only in the quoted Outlook block, reply is about it; Saint-Marcellin named as the seat of the sous-préfecture")

m("subvention-club-rugby-voiron", "Rugby Club Voironnais <contact@rc-voironnais.example>",
  "Demande de subvention exceptionnelle", """
    Madame la Sénatrice,

    Notre club (420 licenciés, dont 180 jeunes) doit remplacer les vestiaires du stade
    Roger-Dufour à Voiron, déclarés non conformes. La ville finance la moitié ; nous
    sollicitons une subvention de l'ANS et du Département pour le reste.

    Accepteriez-vous de soutenir notre démarche ?

    Sportivement,
    Karim Benali, président
    """, "finances-locales culture-patrimoine-sport", "38563:a",
  note="any request for public subsidy counts as finances-locales", enc="qp")

m("taxe-fonciere-echirolles", "Lucienne Maurel <lucienne.maurel@laposte.net>",
  "Ma taxe foncière", """
    Madame,

    Retraitée, propriétaire d'un petit appartement à Échirolles, je viens de recevoir ma
    taxe foncière : +9 % en un an. La mairie dit que c'est la revalorisation des bases
    décidée à Paris. Qui dit vrai ? Pourquoi les communes ne reçoivent-elles plus assez
    de l'État pour éviter cela ?

    Lucienne Maurel
    """, "finances-locales", "38151:a 75056:a",
  note="local taxation and State transfers = finances-locales; « décidée à Paris » names Paris as a place (simple rule: labelled)")

m("ag-aappma-vizille-budget", "AAPPMA La Truite de la Romanche <aappma.romanche@gmail.com>",
  "Assemblée générale de l'AAPPMA", """
    Madame la Sénatrice,

    Nous avons le plaisir de vous convier à l'assemblée générale de notre association de
    pêche, le samedi 15 février à 9 h 30, salle du Jeu de Paume à Vizille.

    À l'ordre du jour : rapport moral, vote du budget de notre association de pêche,
    calendrier des lâchers de truites, renouvellement du bureau.

    Halieutiquement vôtre,
    Le président, Daniel Roche
    """, "invitation-protocole", "38562:a",
  note="negative for finances-locales: the budget of a fishing association is not local public finance")

m("fonds-vert-renaturation-cour-pont-de-claix", "Ville du Pont-de-Claix <cabinet@ville-pontdeclaix.example>",
  "Renaturation des cours d'école – fonds vert", """
    Madame la Sénatrice,

    Au Pont-de-Claix, les cours des écoles Jean-Moulin et Villancourt dépassent 45 °C en
    juin. Nous voulons les désimperméabiliser et les végétaliser (« cours oasis ») grâce au
    fonds vert, mais la mesure « renaturation » a été fermée en cours d'année.

    Pourriez-vous interroger le ministère sur la réouverture de cette ligne ?

    Le cabinet du maire
    """, "finances-locales education-jeunesse environnement-energie", "38317:a",
  note="« Au Pont-de-Claix » (article contracted); school yards = education; renaturation/heat = environnement")

m("prefecture-programmation-detr", "Préfecture de l'Isère <pref-detr@isere.gouv.example>",
  "Programmation DETR-DSIL 2025 – information des parlementaires", """
    Madame la Sénatrice,

    En application de l'article L. 2334-37 du CGCT, je vous prie de trouver ci-après la
    liste des opérations de plus de 100 000 € retenues au titre de la DETR et de la DSIL
    2025 dans l'arrondissement :

    - Saint-Martin-d'Hères : rénovation thermique de l'hôtel de ville ;
    - L'Isle-d'Abeau : extension de la crèche des Fontaines ;
    - Bourgoin-Jallieu : réfection de la toiture de la halle Grenette.

    La commission d'élus se réunira le 12 juin.

    Pour le préfet, le secrétaire général
    """, "finances-locales", "38421:plain 38193:plain 38053:plain",
  note="only a funding list; the projects are not discussed, so only finances-locales")

m("salle-des-fetes-jallieu", "Comité des fêtes de Jallieu <cdf.jallieu@gmail.com>",
  "Salle des fêtes de Jallieu", """
    Madame la Sénatrice,

    Le comité des fêtes de Jallieu s'inquiète : la salle des fêtes de notre quartier doit
    fermer pour mise aux normes et la ville n'a pas obtenu la subvention régionale
    espérée. Pourriez-vous soutenir une nouvelle demande ?

    Bien cordialement,
    Gisèle Faure
    """, "finances-locales", "38053:ancienne",
  note="Jallieu = former commune merged into Bourgoin-Jallieu")

m("budget-annexe-eau-le-passage", "Bernard Cotte <secretariat@mairie-lepassage38.fr>",
  "Budget annexe de l'eau", """
    Madame la Sénatrice,

    La commune du Passage gère encore en régie son service d'eau. Le budget annexe est en
    déficit depuis la rupture de la conduite principale l'été dernier et la trésorerie ne
    nous autorise plus à le combler par le budget principal. Quelles aides sont possibles
    avant le transfert de la compétence ?

    Bernard Cotte
    Adjoint
    """, "finances-locales eau-assainissement", "38296:commune")

m("rdv-voreppe-dotation", "Luc Arnaud <l.arnaud@voreppe-mairie.example>",
  "Demande de rendez-vous", """
    Madame la Sénatrice,

    Je souhaiterais vous rencontrer avant la fin du mois au sujet de la dotation
    d'équipement des territoires ruraux : notre projet de pôle enfance a été ajourné
    deux fois.

    Avec mes remerciements,

    Luc Arnaud
    Maire de Voreppe
    """, "finances-locales education-jeunesse", "38565:signature",
  note="theme only in the body; pôle enfance = jeunesse")

m("dsil-pont-la-riviere", "Mairie de La Rivière <accueil@mairie-lariviere38.fr>",
  "DSIL – pont sur la Morge", """
    Madame la Sénatrice,

    La Mairie de La Rivière a besoin de consolider le pont communal sur le ruisseau,
    fragilisé par les crues. Le dossier DSIL a été déposé le 2 février. Un appui de votre
    part serait précieux, car la déviation impose 12 km aux riverains et au car de
    ramassage.

    Sincères salutations,
    Le maire
    """, "finances-locales mobilites", "38338:mairie")

m("re-fonds-vert-crolles-chaufferie", "Accueil Mairie <accueil@ville-crolles.fr>",
  "RE: Fonds vert – dossier chaufferie bois", """
    Bien reçu, merci. Le dossier suit son cours, nous vous tiendrons informés.

    Cordialement,
    L'accueil

    -----Message d'origine-----
    De : Permanence Hélène Marchal <permanence@senateur-exemple.fr>
    Envoyé : jeudi 6 mars 2025 16:40
    À : accueil@ville-crolles.fr
    Objet : Fonds vert – dossier chaufferie bois

    Madame, Monsieur,

    Nous avons relayé auprès de la préfecture le dossier de la commune de Crolles pour la
    chaufferie bois du groupe scolaire. Le préfet nous indique une décision en avril.

    La permanence
    """, "finances-locales environnement-energie", "38140:commune",
  note="themes and commune only in the quoted Outlook block; the reply is about it")

m("pacte-financier-gresivaudan", "Le Grésivaudan – Finances <finances@le-gresivaudan.example>",
  "Pacte financier et fiscal", """
    Madame la Sénatrice,

    Le conseil communautaire examinera le 24 mars le projet de pacte financier et fiscal,
    qui redistribue une partie de la fiscalité économique vers les communes rurales. La
    commune de Pontcharra, principale contributrice, demande un mécanisme de garantie.

    Nous tenions à vous en informer.

    Service des finances
    """, "finances-locales", "38314:commune", enc="latin1-qp")

m("surendettement-citoyen", "Patrick Michaud <patrick.michaud38@gmail.com>",
  "Besoin d'aide", """
    Bonjour,

    Je suis au chômage depuis un an et mes finances personnelles sont dans le rouge :
    crédit de la voiture, loyer en retard. La Banque de France me parle d'un dossier de
    surendettement mais je ne sais pas remplir le formulaire. Pouvez-vous m'aider ?

    Patrick Michaud
    """, "", "",
  note="personal finances, no policy area: not finances-locales")

m("sante-financiere-corenc", "Hervé Sibille <herve.sibille@corenc-mairie.example>",
  "Situation financière de la commune", """
    Madame la Sénatrice,

    La santé financière de notre commune se dégrade : la capacité de désendettement atteint
    11 ans et la chambre régionale des comptes a émis des observations. À Corenc, nous
    devons reporter tout investissement en 2026. Je souhaiterais un entretien.

    Hervé Sibille
    Adjoint aux finances
    """, "finances-locales", "38126:a",
  note="« santé financière » is not the sante theme")

m("qp-emprunt-seyssinet", "Mairie de Seyssinet-Pariset <finances@seyssinet-pariset.example>",
  "Emprunts et hausse des taux", """
    Madame la Sénatrice,

    Nos emprunts à taux variable nous coûtent 300 000 € de plus par an. La Mairie de
    Seyssinet-Pariset souhaiterait savoir si le fonds de soutien aux collectivités sera
    rouvert.

    Respectueusement,
    Le service financier
    """, "finances-locales", "38485:mairie", enc="qp")

m("crts-territoire-bievre", "Bièvre Isère Communauté <contrats@bievre-isere.example>",
  "Contrat de relance et de transition écologique", """
    Madame la Sénatrice,

    La signature du CRTE a été reportée. Les maires de La Côte-Saint-André, Viriville et
    Saint-Étienne-de-Saint-Geoirs attendent pourtant les cofinancements de l'État pour
    lancer leurs projets, déjà inscrits dans leurs budgets.

    La direction
    """, "finances-locales", "38130:plain 38561:plain 38384:plain")

m("die-26-detr-comparaison", "Jacques Morin <jmorin.maire@gmail.com>",
  "Comparaison DETR Isère / Drôme", """
    Chère collègue,

    Maire honoraire, je m'étonne que la commune de Die (26) reçoive un taux de DETR de
    50 % pour une opération comparable à celle qu'a présentée notre commune de
    Saint-Antoine-l'Abbaye, plafonnée à 30 %. Les règles départementales diffèrent-elles
    à ce point ?

    Jacques Morin
    """, "finances-locales", "26113:dep 38359:commune",
  note="Die located by (26); COG spells the Isère commune « Saint Antoine l'Abbaye » without hyphens")

# ===========================================================================
# Messages — eau et assainissement
# ===========================================================================

m("step-vif-saturee", "Jean-Pierre Rolland <maire@mairie-vif.fr>",
  "Station d'épuration saturée – permis gelés", """
    Madame la Sénatrice,

    La station d'épuration intercommunale qui dessert Vif et Le Gua est en surcharge
    hydraulique. La DDT nous demande de surseoir à statuer sur tous les permis de construire
    jusqu'à la mise en service de la nouvelle unité, prévue en 2028. Trente logements
    sociaux sont bloqués.

    Jean-Pierre Rolland
    Maire de Vif
    """, "eau-assainissement urbanisme-logement", "38545:signature 38187:plain")

m("secheresse-restrictions-mens", "GAEC du Serre <gaec.duserre@orange.fr>",
  "Arrêté sécheresse", """
    Madame la Sénatrice,

    L'arrêté préfectoral place le bassin du Drac en crise dès le 10 juillet : interdiction
    d'irriguer le maïs et les prairies. À Mens, nos bêtes n'ont plus d'herbe. Les
    restrictions d'eau frappent les éleveurs alors que les golfs peuvent arroser la nuit.

    Nous demandons une dérogation pour l'abreuvement et l'irrigation des fourrages.

    Pour le GAEC, Olivier Reymond
    """, "eau-assainissement agriculture", "38226:a",
  note="sender domain orange.fr is the ISP, not the commune Orange")

m("transfert-competence-eau-quincieu", "Maurice Bouvier <mairie.quincieu@wanadoo.fr>",
  "Transfert de la compétence eau", """
    Madame la Sénatrice,

    Notre petite commune gère depuis toujours sa source et son réseau d'eau. Le transfert
    obligatoire de la compétence eau et assainissement à l'intercommunalité nous inquiète :
    le prix du mètre cube va doubler. Soutiendrez-vous la proposition de loi qui rend ce
    transfert facultatif ?

    Maurice Bouvier
    Maire de Quincieu
    """, "eau-assainissement", "38330:signature")

m("fuites-reseau-veurey", "SIE de la Basse-Isère <contact@sie-basse-isere.example>",
  "Rendement des réseaux d'eau potable", """
    Madame la Sénatrice,

    Notre syndicat perd 38 % de l'eau produite dans des canalisations de plus de 60 ans,
    notamment sur la commune de Veurey-Voroize. L'Agence de l'eau a réduit ses aides au
    renouvellement. Sans subvention, il faudrait augmenter le prix de l'eau de 40 %.

    Le président du syndicat intercommunal des eaux
    """, "eau-assainissement finances-locales", "38540:commune")

m("eau-trouble-la-riviere", "Sylvie Pellet <sylvie.pellet@sfr.fr>",
  "Eau du robinet marron", """
    Bonjour,

    Depuis l'orage de samedi, l'eau du robinet est marron à La Rivière (38210). La mairie
    distribue des bouteilles mais personne ne nous dit quand l'eau redeviendra potable.
    Nous avons deux enfants en bas âge.

    Sylvie Pellet
    """, "eau-assainissement", "38338:dep",
  note="(38210) is a postal code in parentheses, not a département; still a locating context",
  enc="qp")

m("spanc-saint-sauveur", "Gérard Bonnet <gerard.bonnet@free.fr>",
  "Contrôle de mon assainissement individuel", """
    Madame,

    J'habite un hameau de Saint-Sauveur (Isère) non raccordé au tout-à-l'égout. Le SPANC
    m'impose 12 000 € de travaux sur ma fosse septique dans un délai d'un an. À 78 ans,
    je n'en ai pas les moyens. Existe-t-il des aides ?

    Gérard Bonnet
    """, "eau-assainissement", "38454:dep",
  note="« (Isère) » written in full locates the homonym Saint-Sauveur")

m("pfas-eau-potable-sud-grenoblois", "Collectif Eau Sud Grenoble <collectif.eau.sud@gmail.com>",
  "Polluants éternels dans l'eau potable", """
    Madame la Sénatrice,

    Des analyses indépendantes révèlent des PFAS dans l'eau potable distribuée à Jarrie
    et à Champ-sur-Drac, à proximité de la plateforme chimique. Nous demandons que l'ARS
    publie les résultats complets et que l'exploitant finance une unité de traitement.

    Le collectif
    """, "eau-assainissement", "38200:a 38071:a",
  note="pollution of drinking water; health risk but not health services, so not sante")

m("captage-vs-elevage-izeaux", "Mairie d'Izeaux <mairie@izeaux-mairie.example>",
  "Périmètre de protection du captage", """
    Madame la Sénatrice,

    La révision du périmètre de protection du captage des Fontaines interdit l'épandage
    sur 60 hectares exploités par trois agriculteurs de la commune. La Mairie d'Izeaux
    cherche une solution qui protège la ressource sans condamner ces exploitations.

    Le maire
    """, "eau-assainissement agriculture", "38194:mairie",
  note="« captage des Fontaines » is a place-name, not the commune Fontaine")

m("prix-eau-facture-villefontaine", "Nadia Cherif <nadia.cherif@hotmail.fr>",
  "Facture d'eau exorbitante", """
    Bonjour Madame la Sénatrice,

    Ma facture d'eau et d'assainissement a augmenté de 30 % depuis que la CAPI a repris le
    service. À Villefontaine beaucoup de familles ne peuvent plus payer. Une tarification
    sociale de l'eau est-elle prévue par la loi ?

    Nadia Cherif
    """, "eau-assainissement", "38553:a",
  note="« Villefontaine » contains « fontaine » but is a distinct commune")

m("re-step-chichilianne", "Mairie Chichilianne <mairie.chichilianne@orange.fr>",
  "Re: Visite de la station", """
    Bonjour,

    Parfait pour jeudi 10 h, rendez-vous devant la mairie.

    Le 2 avril 2025 à 09:14, Permanence Hélène Marchal <permanence@senateur-exemple.fr> a écrit :
    > Madame le Maire,
    > La sénatrice souhaiterait visiter la nouvelle station d'épuration à filtres plantés
    > de roseaux de Chichilianne, dont la mise en service a été retardée. Seriez-vous
    > disponible jeudi 10 avril en matinée ?
    > Bien cordialement,
    > La permanence
    """, "eau-assainissement", "38103:plain",
  note="theme and commune only in the '> ' quoted lines of a Gmail-style reply; the reply is about the visit")

m("canalisations-plomb-vienne", "Association Vienne Qualité de Vie <avqv@gmail.com>",
  "Branchements en plomb", """
    Madame la Sénatrice,

    Dans le centre ancien de Vienne, des centaines de branchements d'eau sont encore en
    plomb. Le syndicat annonce un remplacement en quinze ans. Nous demandons un plan
    accéléré et une information des habitants, notamment des familles avec enfants.

    Le bureau de l'association
    """, "eau-assainissement", "38544:plain",
  note="Vienne in Isère: plain mention, « centre ancien de Vienne »")

m("eaux-pluviales-eybens-gemapi", "Mairie d'Eybens <technique@eybens-ville.example>",
  "Réseau d'assainissement unitaire", """
    Madame la Sénatrice,

    Lors des gros orages, le réseau d'assainissement unitaire déborde rue des Javaux et les
    eaux usées remontent dans les caves. La commune d'Eybens a besoin d'un bassin de
    rétention de 2 000 m³. Merci de votre attention.

    Les services techniques
    """, "eau-assainissement", "38158:commune")

m("source-alpage-gresse-eau", "Fanny Lagier <fanny.lagier@laposte.net>",
  "Sécheresse et sources taries", """
    Madame,

    À Gresse-en-Vercors, deux sources qui alimentent le réseau communal sont taries depuis
    août. La commune est ravitaillée par camion-citerne. C'est la troisième année de
    sécheresse. Que compte faire l'État pour les communes de montagne ?

    Fanny Lagier
    """, "eau-assainissement", "38186:a")

m("eau-courante-ecole-de-pensee", "Philippe Dufresne <p.dufresne@univ-example.fr>",
  "Colloque « L'eau et la cité »", """
    Madame la Sénatrice,

    Historien, j'organise à Grenoble un colloque sur l'histoire des fontaines urbaines et
    de l'eau courante au XIXe siècle. Notre école de pensée, héritière de l'histoire des
    mentalités, s'intéresse aux usages plus qu'aux techniques. Accepteriez-vous d'ouvrir la
    seconde journée ?

    Philippe Dufresne
    """, "invitation-protocole", "38185:a",
  note="history colloquium: 'eau' and 'école de pensée' are not policy themes; an invitation to speak = invitation-protocole")

m("competence-eau-le-passage-qp", "Bernard Cotte <secretariat@mairie-lepassage38.fr>",
  "Compétence eau : délibération", """
    Madame la Sénatrice,

    Le conseil municipal du Passage a délibéré contre le transfert de la compétence eau
    potable à la communauté de communes, par 13 voix contre 2. Nous vous adressons la
    délibération pour votre information.

    Le secrétariat de mairie
    38490 LE PASSAGE
    """, "eau-assainissement", "38296:postal", enc="qp")

m("eau-potable-livet-gavet", "Romain Arnaud <romain.arnaud@livetetgavet.example>",
  "Captages de la Romanche", """
    Madame la Sénatrice,

    La commune de Livet-et-Gavet doit refaire l'usine de traitement de l'eau potable de
    ses hameaux. Le coût dépasse le budget d'une année entière.

    Romain Arnaud
    Maire de Livet-et-Gavet
    """, "eau-assainissement finances-locales", "38212:signature",
  note="cost versus the commune's budget: finances-locales too")

m("goutte-deau-expression", "Isabelle Rey <isabelle.rey@gmail.com>",
  "Merci !", """
    Madame la Sénatrice,

    Un grand merci pour votre soutien lors de la réunion publique. Beaucoup d'eau a coulé
    sous les ponts depuis nos premiers échanges, mais votre écoute ne s'est jamais démentie.

    Bien à vous,
    Isabelle Rey
    """, "", "",
  note="idioms (eau, ponts): no theme")

# ===========================================================================
# Messages — urbanisme et logement
# ===========================================================================

m("zan-lotissement-quincieu", "Maurice Bouvier <mairie.quincieu@wanadoo.fr>",
  "ZAN : notre lotissement compromis", """
    Madame la Sénatrice,

    L'objectif « zéro artificialisation nette » va nous interdire le petit lotissement de
    huit lots prévu depuis 2019 en entrée de village. Avec la mutualisation à l'échelle
    du SCoT, les communes rurales n'auront plus aucun hectare. Nous vous demandons de
    défendre une « garantie communale » réelle.

    Maurice Bouvier
    Maire
    38470 Quincieu
    """, "urbanisme-logement", "38330:postal",
  note="postal line in mixed case")

m("plui-meylan-terrain-constructible", "Henri Dumas <henri.dumas@wanadoo.fr>",
  "Révision du PLUi – mon terrain déclassé", """
    Madame,

    Propriétaire d'une parcelle chemin de la Taillat à Meylan, j'apprends que le projet de
    PLUi la classe en zone naturelle alors qu'elle était constructible. J'ai déposé une
    observation à l'enquête publique. Pouvez-vous intervenir auprès de la Métropole ?

    Henri Dumas
    """, "urbanisme-logement", "38229:a")

m("permis-refuse-fontaine", "Karine Lopez <karine.lopez@gmail.com>",
  "Refus de permis de construire", """
    Bonjour Madame la Sénatrice,

    Mon permis de construire pour une extension de 20 m² a été refusé par la ville de
    Fontaine au motif d'une règle de hauteur qui ne figure pas au règlement. Le recours
    gracieux est resté sans réponse. Que puis-je faire ?

    Karine Lopez
    """, "urbanisme-logement", "38169:mairie",
  note="« ville de Fontaine » counts as a mairie-type context")

m("sru-carence-crolles", "Anne Vallier <a.vallier@ville-crolles.fr>",
  "Carence SRU et prélèvement", """
    Madame la Sénatrice,

    Malgré 180 logements sociaux livrés en six ans, Crolles reste en carence au titre de la
    loi SRU : le prélèvement sur nos ressources a triplé. Nous n'avons plus de foncier
    disponible en raison du PPRI. Une adaptation de la loi pour les communes contraintes
    est-elle envisagée ?

    Anne Vallier
    Adjointe au maire de Crolles
    """, "urbanisme-logement finances-locales", "38140:signature",
  note="SRU levy on the commune's resources = finances-locales too")

m("demande-logement-social-echirolles", "Fatou Diallo <fatou.diallo@yahoo.fr>",
  "Demande de logement social", """
    Madame,

    J'ai déposé une demande de logement social il y a quatre ans (numéro unique
    038-2021-xxxx). Nous sommes cinq dans un T2 à Échirolles, mon fils est asthmatique.
    Aucune proposition. Pouvez-vous appuyer mon dossier auprès des bailleurs ?

    Merci,
    Fatou Diallo
    """, "urbanisme-logement", "38151:a",
  note="housing request; a child's asthma is not a health-service issue")

m("loi-montagne-hameau-mens", "Claire Rostaing <claire.rostaing@mairie-mens.fr>",
  "Loi Montagne et continuité de l'urbanisation", """
    Madame la Sénatrice,

    La règle de continuité de l'urbanisation de la loi Montagne empêche une famille
    d'agriculteurs de construire une maison à côté de ses bâtiments d'élevage, au hameau
    des Blancs. La commune de Mens soutient ce projet.

    Claire Rostaing
    Maire
    """, "urbanisme-logement agriculture", "38226:commune",
  note="« loi Montagne » is a law, not the commune Montagne (38245)")

m("marchand-sommeil-vienne", "Collectif logement digne <logementdigne.vienne@gmail.com>",
  "Logements insalubres rue Marchande", """
    Madame la Sénatrice,

    Plusieurs immeubles du centre de Vienne (38) sont loués par un même propriétaire à des
    familles vulnérables : humidité, installations électriques dangereuses, suroccupation.
    Le permis de louer n'est pas appliqué. Nous demandons l'intervention de l'État.

    Le collectif
    """, "urbanisme-logement", "38544:dep")

m("meubles-tourisme-venosc", "Pascale Giraud <pascale.giraud@orange.fr>",
  "Saisonniers sans logement", """
    Madame la Sénatrice,

    À Vénosc, les appartements à l'année disparaissent au profit des meublés de tourisme.
    Nos saisonniers dorment dans leur voiture. La loi sur les meublés de tourisme sera-t-elle
    appliquée dans les stations de l'Oisans ?

    Pascale Giraud
    Commerçante
    """, "urbanisme-logement", "38253:ancienne",
  note="Vénosc is a commune déléguée of Les Deux Alpes")

m("logements-saisonniers-autrans", "Office de tourisme Autrans <direction@ot-autrans.example>",
  "Logement des saisonniers", """
    Madame la Sénatrice,

    Sur le plateau, à Autrans comme à Méaudre, nous ne trouvons plus de logements pour nos
    moniteurs et nos saisonniers. Un programme de logements intermédiaires serait
    nécessaire.

    La directrice
    """, "urbanisme-logement", "38225:ancienne",
  note="Autrans and Méaudre: two communes déléguées of Autrans-Méaudre en Vercors, one label")

m("friche-papeterie-rives", "EPFL du Dauphiné <contact@epfl-dauphine.example>",
  "Reconversion de la friche papetière", """
    Madame la Sénatrice,

    L'établissement public foncier accompagne la commune de Rives dans la reconversion de
    l'ancienne papeterie (7 ha) : 150 logements, dont 40 % sociaux, et un pôle artisanal.
    Le fonds friches n'a pas été reconduit ; sans lui, le bilan d'aménagement est déficitaire.

    Le directeur
    """, "urbanisme-logement finances-locales", "38337:commune")

m("retrocession-voirie-lotissement-claix", "ASL Les Pins <asl.lespins@gmail.com>",
  "Rétrocession de la voirie du lotissement", """
    Madame,

    Notre lotissement de Claix (Isère), 42 maisons, attend depuis 2012 la rétrocession de
    ses voies et réseaux à la commune. L'éclairage et la voirie se dégradent. La mairie
    refuse sans motif. Le préfet peut-il intervenir ?

    L'association syndicale libre
    """, "urbanisme-logement", "38111:dep",
  note="homonym Claix (16) excluded by « (Isère) »; the private estate's roads are the object of a transfer (urbanisme), not a transport issue")

m("construire-confiance-remerciements", "Éric Vidal <eric.vidal@free.fr>",
  "Merci pour votre venue", """
    Madame la Sénatrice,

    Merci d'être venue échanger avec notre conseil de quartier. Nous avons à cœur de
    construire une relation de confiance durable avec les élus, et votre présence y
    contribue.

    Éric Vidal
    """, "", "",
  note="« construire » figuratively: not urbanisme-logement")

m("permis-construire-photovoltaique-beaurepaire", "Solaire Bièvre SAS <projets@solaire-bievre.example>",
  "Centrale photovoltaïque au sol – permis de construire", """
    Madame la Sénatrice,

    Notre société a déposé un permis de construire pour une centrale photovoltaïque au sol
    de 12 MWc sur une ancienne carrière de Beaurepaire (38270). L'instruction dure depuis
    dix-huit mois. Nous sollicitons votre appui auprès des services de l'État.

    Responsable de projets
    """, "urbanisme-logement environnement-energie", "38034:dep",
  note="homonyms of Beaurepaire in 60, 76, 85: postal code in parentheses picks the Isère one")

m("hlm-renovation-saint-martin-dheres", "Alpes Isère Habitat – agence <agence.smh@aih.example>",
  "Réhabilitation du quartier Renaudie", """
    Madame la Sénatrice,

    La réhabilitation thermique des 400 logements sociaux de la Renaudie à
    Saint-Martin-d'Hères est retardée faute de financement ANRU. Les locataires subissent
    des charges de chauffage très élevées.

    Le directeur d'agence
    """, "urbanisme-logement environnement-energie finances-locales", "38421:a",
  note="missing ANRU funding for a local project = finances-locales; thermal renovation = energie")

m("qp-zan-saint-marcellin", "Sud Grésivaudan – Urbanisme <urbanisme@sud-gresivaudan.example>",
  "Territorialisation du ZAN", """
    Madame la Sénatrice,

    Vous trouverez ci-dessous la position des maires du Sud-Grésivaudan sur la
    territorialisation de l'objectif de sobriété foncière. Saint-Marcellin, ville-centre,
    demande que les opérations de renouvellement urbain ne soient pas décomptées.

    Le service urbanisme
    """, "urbanisme-logement", "38416:plain", enc="qp")

m("re-plu-la-tronche", "Paul Ferrand <paul.ferrand@orange.fr>",
  "TR: PLU", """
    Pour information, ma question de juin est toujours sans réponse.

    Paul Ferrand

    ---------- Forwarded message ---------
    De : Paul Ferrand <paul.ferrand@orange.fr>
    Date: lun. 16 juin 2025 à 18:02
    Subject: PLU
    To: <permanence@senateur-exemple.fr>

    Madame,

    La modification du PLU de La Tronche autorise un immeuble de cinq étages face à ma
    maison. Les riverains n'ont pas été consultés. Est-ce légal ?

    Paul Ferrand
    """, "urbanisme-logement", "38516:plain",
  note="theme and commune only in the forwarded part; the forward is about it")

# ===========================================================================
# Messages — éducation et jeunesse
# ===========================================================================

m("fermeture-classe-vinay", "Valérie Chabert <v.chabert@mairie-vinay.fr>",
  "Carte scolaire : fermeture d'une classe", """
    Vinay, le 12 février 2025

    Madame la Sénatrice,

    Le directeur académique envisage la fermeture d'une classe à l'école élémentaire du
    centre, alors que les effectifs remonteront dès la rentrée 2026 avec les logements en
    construction. La moyenne passerait à 29 élèves par classe.

    Je vous remercie de relayer notre opposition.

    Valérie Chabert
    Maire de Vinay
    """, "education-jeunesse", "38559:dateline",
  note="homonym Vinay (51) excluded by the sender / signature context")

m("rpi-quincieu-classe-unique", "Parents d'élèves RPI <parents.rpi.quincieu@gmail.com>",
  "Sauvons notre classe unique", """
    Madame la Sénatrice,

    Le regroupement pédagogique intercommunal entre Quincieu et Chasselay risque de perdre
    sa classe unique à la rentrée. Nos enfants devraient faire 25 minutes de car chaque
    matin. Nous avons lancé une pétition (312 signatures).

    Les parents d'élèves
    """, "education-jeunesse", "38330:plain 38086:plain",
  note="the car ride is an argument against the closure, not a transport request: no mobilites")

m("prix-cantine-saint-egreve", "Julie Marchand <julie.marchand@gmail.com>",
  "Tarifs de la cantine", """
    Bonjour,

    Le prix du repas à la cantine scolaire de Saint-Égrève passe de 3,80 € à 4,90 €. Pour
    une famille de trois enfants, c'est intenable. L'État ne pourrait-il pas généraliser
    la cantine à un euro ?

    Julie Marchand
    """, "education-jeunesse", "38382:plain")

m("college-sature-crolles", "FCPE collège Simone-de-Beauvoir <fcpe.college.crolles@gmail.com>",
  "Collège en sureffectif", """
    Madame la Sénatrice,

    Le collège de Crolles accueille 850 élèves pour une capacité de 700. Des cours ont lieu
    dans des préfabriqués. Le Département annonce un nouveau collège pour 2030 : c'est trop
    tard pour nos enfants.

    Le conseil local FCPE
    """, "education-jeunesse", "38140:plain")

m("periscolaire-animateurs-domene", "Service enfance Domène <enfance@mairie-domene.example>",
  "Manque d'animateurs périscolaires", """
    Madame la Sénatrice,

    Faute d'animateurs, la Mairie de Domène a dû fermer l'accueil périscolaire du mercredi.
    Le BAFA coûte cher et les contrats sont précaires. Nous souhaitons vous exposer nos
    propositions.

    Le service enfance-jeunesse
    """, "education-jeunesse", "38150:mairie")

m("cmj-visite-senat-sassenage", "Conseil municipal des jeunes <cmj@sassenage-ville.example>",
  "Visite du Sénat par notre conseil municipal des jeunes", """
    Madame la Sénatrice,

    Les 18 jeunes élus du conseil municipal des jeunes de Sassenage aimeraient visiter le
    Sénat au printemps. Serait-il possible d'organiser cette visite avec vous ?

    L'animatrice jeunesse
    """, "education-jeunesse", "38474:plain",
  note="a visit request, not an invitation to an event of the office's territory")

m("aesh-ecole-fontaine", "Laure Besson <laure.besson@laposte.net>",
  "Mon fils n'a plus d'AESH", """
    Madame,

    Mon fils, scolarisé en CE1 à l'école Paul-Langevin à Fontaine, a une notification
    MDPH pour 12 heures d'accompagnement. Depuis la rentrée, il n'a plus d'AESH et la
    directrice me demande de le garder le matin.

    Laure Besson
    """, "education-jeunesse", "38169:a")

m("transport-scolaire-car-supprime-theys", "Mairie de Theys <mairie@theys-mairie.example>",
  "Suppression d'un car scolaire", """
    Madame la Sénatrice,

    La Région supprime à la rentrée le car scolaire du hameau de la Table vers Goncelin.
    Les familles de Theys devront conduire elles-mêmes leurs enfants. Nous demandons le
    maintien de la ligne.

    Le maire
    """, "mobilites", "38504:plain 38181:plain",
  note="car scolaire = mobilites only (transport, not schooling); Mairie de Theys is the sender display name only, commune also in the body")

m("mission-locale-jeunes-bourgoin", "Mission locale Nord-Isère <direction@ml-nordisere.example>",
  "Contrat d'engagement jeune", """
    Madame la Sénatrice,

    La baisse de 20 % des crédits du contrat d'engagement jeune nous obligera à suivre
    300 jeunes de moins à Bourgoin-Jallieu et à Villefontaine. Nous sollicitons un
    rendez-vous.

    La directrice
    """, "education-jeunesse finances-locales", "38053:a 38553:plain",
  note="youth employment support = jeunesse; cut in State credits for a local service = finances-locales")

m("ecole-de-pensee-negatif", "Cercle Condorcet de l'Isère <cercle.condorcet38@gmail.com>",
  "Conférence", """
    Madame la Sénatrice,

    Notre cercle de réflexion n'appartient à aucune école de pensée : nous accueillons
    toutes les sensibilités. Nous serions honorés de vous compter parmi nos lecteurs ; notre
    revue trimestrielle vous sera désormais adressée.

    Le secrétaire
    """, "", "",
  note="« école de pensée » is not education-jeunesse; no invitation to an event either")

m("logement-etudiant-gieres", "UNEF Grenoble <unef.grenoble@gmail.com>",
  "Logement étudiant sur le campus", """
    Madame la Sénatrice,

    Sur le domaine universitaire de Saint-Martin-d'Hères et Gières, 2 000 étudiants sont sur
    liste d'attente pour une chambre CROUS. Nous vous demandons de défendre un plan de
    construction de logements étudiants.

    Le bureau
    """, "education-jeunesse urbanisme-logement", "38421:plain 38179:plain")

m("lycee-voiron-qp", "Proviseure adjointe <proviseur-adj@lycee-voiron.example>",
  "Internat du lycée", """
    Madame la Sénatrice,

    L'internat du lycée Ferdinand-Buisson, à Voiron, doit fermer une aile pour raisons de
    sécurité incendie. Quarante lycéens de la Chartreuse n'auront plus de place.

    Respectueusement,
    La proviseure adjointe
    """, "education-jeunesse", "38563:a",
  note="fire-safety of a building is not the securite theme (police, gendarmerie)", enc="qp")

m("creche-saint-quentin-fallavier", "Mairie de Saint-Quentin-Fallavier <petiteenfance@sqf-mairie.example>",
  "Crèche et jeunesse", """
    Madame la Sénatrice,

    La CAF revoit son financement de notre crèche et de notre espace jeunesse. Pour la
    Mairie de Saint-Quentin-Fallavier, le reste à charge augmente de 90 000 €.

    Service petite enfance et jeunesse
    """, "education-jeunesse finances-locales", "38449:mairie")

m("stage-etudiant-senat", "Lina Moreau <lina.moreau@etu.univ-example.fr>",
  "Candidature de stage", """
    Madame la Sénatrice,

    Étudiante en master de droit public, je souhaiterais effectuer un stage de deux mois
    auprès de votre équipe parlementaire à partir de mai. Vous trouverez mon CV en pièce
    jointe.

    Respectueusement,
    Lina Moreau
    """, "", "",
  note="internship application: not a policy area (no education-jeunesse)")

m("latin1-classe-corps", "Mairie de Corps <mairie@corps-isere.example>",
  "École de Corps", """
    Madame la Sénatrice,

    L'inspection envisage de fermer la dernière classe de l'école de Corps (38970). Les
    enfants devraient descendre à La Mure, à 25 km de route de montagne. Nous comptons sur
    votre soutien.

    Le maire de Corps
    """, "education-jeunesse", "38128:signature 38269:a",
  note="Corps is a real commune here (« école de Corps (38970) », « maire de Corps »); the ride to La Mure argues against the closure, no mobilites; ISO-8859-1",
  enc="latin1")

# ===========================================================================
# Messages — santé
# ===========================================================================

m("depart-medecin-mens", "Claire Rostaing <claire.rostaing@mairie-mens.fr>",
  "Départ de notre dernier médecin généraliste", """
    Mens, le 7 avril 2025

    Madame la Sénatrice,

    Le docteur Ferrier part à la retraite le 30 juin sans successeur. Après son départ, le
    canton ne comptera plus aucun médecin généraliste : 4 000 habitants en désert médical.
    Nous avons aménagé un cabinet, proposé un logement : aucun candidat.

    Claire Rostaing
    Maire
    """, "sante", "38226:dateline")

m("maison-sante-la-mure", "Association des soignants de Matheysine <soignants.matheysine@gmail.com>",
  "Projet de maison de santé pluriprofessionnelle", """
    Madame la Sénatrice,

    Huit professionnels (médecins, infirmières, kinésithérapeutes) portent le projet d'une
    maison de santé pluriprofessionnelle à La Mure. La commune met à disposition un terrain ;
    il manque 600 000 € de subventions pour boucler le plan de financement.

    Pour l'association, Dr Hélène Villard
    """, "sante finances-locales", "38269:a",
  note="« plan de financement »: Plan (38308) is not meant")

m("urgences-voiron-nuit", "Comité de défense de l'hôpital <defense.hopital.voiron@gmail.com>",
  "Fermeture nocturne des urgences", """
    Madame la Sénatrice,

    Depuis le 1er juillet, les urgences de l'hôpital de Voiron ferment de 20 h à 8 h faute
    de médecins. Les patients sont orientés vers le CHU de Grenoble, à 40 minutes. Nous
    vous demandons d'interpeller l'ARS.

    Le comité de défense
    """, "sante", "38563:plain 38185:plain")

m("pharmacie-fermeture-saint-geoire", "Josette Brun <josette.brun@wanadoo.fr>",
  "Plus de pharmacie au village", """
    Madame,

    La seule pharmacie de Saint-Geoire-en-Valdaine ferme à la fin du mois. Les personnes
    âgées devront faire 15 km pour leurs médicaments. Le pharmacien n'a pas trouvé de
    repreneur.

    Josette Brun
    """, "sante", "38386:plain")

m("ehpad-personnel-vif", "CGT EHPAD Le Bon Accueil <cgt.ehpad.bonaccueil@gmail.com>",
  "EHPAD : alerte sur les effectifs", """
    Madame la Sénatrice,

    À l'EHPAD Le Bon Accueil de Vif, une aide-soignante pour 15 résidents la nuit : la
    sécurité des résidents n'est plus assurée. L'ARS ne répond pas à nos courriers.

    La section syndicale
    """, "sante", "38545:plain",
  note="« sécurité des résidents » in a care home: sante, not securite")

m("maternite-vienne", "Anne-Sophie Roux <asroux@gmail.com>",
  "Maternité de l'hôpital de Vienne", """
    Madame la Sénatrice,

    La maternité de l'hôpital Lucien-Hussel, à Vienne, a fermé deux week-ends ce mois-ci
    faute de sages-femmes. J'ai accouché à Lyon après 50 minutes de route. Quelles mesures
    pour garder une maternité dans le nord-Isère ?

    Anne-Sophie Roux
    """, "sante", "38544:a 69123:a",
  note="Lyon (69) is named as a place (« à Lyon ») and labelled")

m("centre-sante-echirolles", "Ville d'Échirolles – santé <sante@ville-echirolles.example>",
  "Centre de santé municipal", """
    Madame la Sénatrice,

    La ville d'Échirolles a ouvert un centre de santé municipal avec six médecins salariés.
    Le modèle est déficitaire du fait des forfaits de l'Assurance maladie. Nous souhaitons
    une évolution législative.

    Direction de la santé publique
    """, "sante", "38151:mairie")

m("dentiste-saint-jean-de-bournay", "Marc Tissot <marc.tissot@orange.fr>",
  "Pas de dentiste", """
    Bonjour,

    Aucun cabinet dentaire n'accepte de nouveaux patients dans un rayon de 25 km autour de
    Saint-Jean-de-Bournay. Mes enfants n'ont pas vu de dentiste depuis trois ans.

    Marc Tissot
    """, "sante", "38399:plain")

m("smur-oisans-helico", "Christophe Gros <c.gros@bourgdoisans-mairie.example>",
  "SMUR et hélicoptère en Oisans", """
    Madame la Sénatrice,

    L'hélicoptère sanitaire basé à Grenoble n'est plus disponible la nuit. Pour un accident
    cardiaque au Bourg-d'Oisans, le SMUR met plus d'une heure. La population touristique
    triple en hiver.

    Christophe Gros
    Adjoint au maire du Bourg-d'Oisans
    """, "sante", "38052:signature 38185:a",
  note="« au Bourg-d'Oisans » / « maire du Bourg-d'Oisans »: contracted article")

m("bonne-sante-voeux-carte", "Famille Garnier <famille.garnier@free.fr>",
  "Meilleurs vœux", """
    Chère Madame Marchal,

    Toute la famille vous souhaite une excellente année 2026 : bonne santé, joie et
    réussite dans vos projets !

    Martine et Luc Garnier
    """, "", "",
  note="greetings card: « bonne santé » is a formula (not sante), and no ceremony invitation (not invitation-protocole)")

m("infirmiere-liberale-isle-dabeau", "Sophie Carrel <sophie.carrel.idel@gmail.com>",
  "Indemnités kilométriques des infirmières", """
    Madame la Sénatrice,

    Infirmière libérale à L'Isle-d'Abeau, je fais 120 km par jour pour les soins à domicile.
    Les indemnités kilométriques n'ont pas été revalorisées depuis 2012. Beaucoup de
    collègues arrêtent.

    Sophie Carrel
    """, "sante", "38193:a",
  note="kilometric allowances of a nurse: sante, not mobilites")

m("psychiatrie-saint-egreve", "Familles UNAFAM 38 <unafam38@gmail.com>",
  "Centre hospitalier Alpes-Isère", """
    Madame la Sénatrice,

    Au centre hospitalier psychiatrique de Saint-Égrève, des patients attendent plusieurs
    jours aux urgences faute de lits. Les familles sont démunies.

    La délégation
    """, "sante", "38382:plain")

m("re-medecin-chatonnay", "Mairie Châtonnay <mairie.chatonnay@orange.fr>",
  "RE: Médecins à diplôme étranger", """
    Madame,

    Merci pour ces précisions, nous reprenons contact avec l'ordre.

    Cordialement,
    Le secrétariat

    -----Message d'origine-----
    De : Permanence Hélène Marchal <permanence@senateur-exemple.fr>
    Envoyé : vendredi 23 mai 2025 11:05
    Objet : Médecins à diplôme étranger

    Madame le Maire,

    Concernant le docteur que la commune de Châtonnay souhaite accueillir, l'autorisation
    d'exercice relève de la procédure des praticiens à diplôme hors Union européenne ;
    l'ARS peut accompagner le cabinet médical.

    La permanence
    """, "sante", "38094:commune",
  note="theme and commune in the quoted block; the reply is about it")

m("hopital-la-mure-qp", "Jean Eymard <jean.eymard@laposte.net>",
  "Hôpital de Matheysine", """
    Madame la Sénatrice,

    Le centre hospitalier de La Mure ne fait plus de chirurgie. Nous craignons pour les
    urgences. Merci de soutenir la motion votée par les conseils municipaux.

    Jean Eymard
    38350 La Mure
    """, "sante", "38269:postal", enc="qp")

# ===========================================================================
# Messages — sécurité
# ===========================================================================

m("gendarmerie-fermeture-mens", "Claire Rostaing <claire.rostaing@mairie-mens.fr>",
  "Brigade de gendarmerie", """
    Madame la Sénatrice,

    Nous apprenons que la brigade de gendarmerie de Mens pourrait être rattachée à celle
    de Monestier-de-Clermont, avec une présence limitée à deux demi-journées par semaine.
    Le délai d'intervention dépasserait 40 minutes dans le sud du Trièves.

    Claire Rostaing
    Maire de Mens
    """, "securite", "38226:signature 38242:plain")

m("videoprotection-fipd-voreppe", "Police municipale Voreppe <pm@voreppe-mairie.example>",
  "Vidéoprotection – FIPD", """
    Madame la Sénatrice,

    Notre projet de vidéoprotection (14 caméras aux abords de la gare et des écoles) a été
    retenu au FIPD à 20 % seulement. La commune de Voreppe espérait 50 %.

    Le chef de service de police municipale
    """, "securite finances-locales", "38565:commune",
  note="cameras near schools: not a school issue")

m("rodeos-urbains-echirolles", "Collectif Village 2 <collectif.village2@gmail.com>",
  "Rodéos urbains chaque nuit", """
    Madame la Sénatrice,

    Depuis des mois, des rodéos de motos et de quads ont lieu chaque nuit dans notre
    quartier, à Échirolles. Incivilités, menaces, sentiment d'abandon. La police nationale
    dit manquer d'effectifs.

    Le collectif des habitants
    """, "securite", "38151:a")

m("police-municipale-intercommunale", "Maire de Moirans <cabinet@moirans-ville.example>",
  "Police municipale intercommunale", """
    Madame la Sénatrice,

    Moirans, Vourey et Saint-Jean-de-Moirans voudraient mutualiser une police municipale.
    La convention avec l'État est bloquée par une question de compétence du maire. Nous
    sollicitons votre expertise.

    Le cabinet du maire
    """, "securite", "38239:plain 38566:plain 38400:plain")

m("cambriolages-saint-sauveur", "Nathalie Juge <nathalie.juge@gmail.com>",
  "Série de cambriolages", """
    Madame,

    Sept maisons cambriolées en un mois dans notre quartier de Saint-Sauveur, près de
    Saint-Marcellin. Les gendarmes viennent constater, mais la brigade est à 20 minutes.

    Nathalie Juge
    """, "securite", "38454:plain 38416:plain",
  note="homonym Saint-Sauveur located by « près de Saint-Marcellin »")

m("securite-routiere-rd1075-gendarmes", "Riverains de la RD 1075 <riverains.rd1075@gmail.com>",
  "Vitesse excessive dans la traversée du village", """
    Madame la Sénatrice,

    Dans la traversée de Monestier-de-Clermont, les poids lourds roulent à 70 km/h sur la
    RD 1075. Nous demandons des aménagements (plateaux, radar pédagogique) et des
    contrôles réguliers de la gendarmerie.

    Les riverains
    """, "mobilites securite", "38242:plain",
  note="road safety: mobilites; asks for gendarmerie checks, so securite too")

m("securite-sociale-retraite-negatif", "Robert Chevalier <robert.chevalier@orange.fr>",
  "Dossier de retraite bloqué", """
    Madame,

    Ma demande de retraite est bloquée depuis six mois à la CARSAT : il manque un
    trimestre de 1978. La caisse de sécurité sociale ne me répond plus. Pouvez-vous
    m'aider ?

    Robert Chevalier
    """, "", "",
  note="« sécurité sociale » / pensions: not securite, not sante")

m("agressions-elus-sonnay", "Élisabeth Morel <mairie.sonnay@orange.fr>",
  "Agression d'un adjoint", """
    Madame la Sénatrice,

    Hier, notre premier adjoint a été frappé par un habitant lors d'un constat de dépôt
    sauvage. Plainte a été déposée à la gendarmerie de Roussillon. Les élus de Sonnay sont
    choqués.

    Élisabeth Morel
    Maire de Sonnay
    """, "securite", "38496:signature 38344:plain",
  note="dépôt sauvage only as the circumstance; the subject is an assault: not environnement")

m("narcotrafic-grenoble-mistral", "Amicale des locataires <amicale.mistral@gmail.com>",
  "Trafic de stupéfiants", """
    Madame la Sénatrice,

    Le quartier Mistral, à Grenoble, vit au rythme des fusillades liées au trafic. Nos
    enfants ne peuvent plus jouer dehors. Nous demandons des moyens de police durables.

    L'amicale des locataires
    """, "securite", "38185:a")

m("cambriolage-securite-mairie-qp", "Yves Pinel <y.pinel@mairie-chirens.fr>",
  "Effraction en mairie", """
    Madame la Sénatrice,

    La mairie de Chirens a été cambriolée dans la nuit de samedi : ordinateurs volés,
    registres d'état civil dégradés. Nous sollicitons une aide de l'État pour une alarme.

    Yves Pinel
    Secrétaire général
    """, "securite finances-locales", "38105:mairie", enc="qp")

m("chiens-errants-gendarmerie-roybon", "Gilles Buisson <gilles.buisson@wanadoo.fr>",
  "Sécurité dans la forêt de Chambaran", """
    Madame,

    Des coups de feu sont tirés près des habitations, à Roybon, en dehors des périodes de
    chasse. La gendarmerie a été prévenue à plusieurs reprises sans résultat.

    Gilles Buisson
    """, "securite", "38347:a")

# ===========================================================================
# Messages — agriculture
# ===========================================================================

m("loup-attaques-treminis", "Pierre Chaix <pierre.chaix.berger@orange.fr>",
  "Nouvelle attaque de loups", """
    Madame la Sénatrice,

    Cette nuit, 23 brebis égorgées à Tréminis malgré les chiens de protection et les
    clôtures électrifiées. C'est la cinquième attaque depuis juin. Les éleveurs du Trièves
    sont à bout. Nous demandons des tirs de défense renforcés.

    Pierre Chaix
    Éleveur ovin
    """, "agriculture", "38514:a")

m("pac-retard-paiement-viriville", "Marion Faure <marion.faure.earl@gmail.com>",
  "Retard de paiement des aides PAC", """
    Madame,

    Exploitante à Viriville, je n'ai toujours pas reçu le solde des aides PAC de l'an
    dernier. Ma trésorerie est exsangue et la banque refuse un nouveau prêt. La DDT me
    renvoie vers l'ASP.

    Marion Faure
    EARL des Chambarans
    38980 VIRIVILLE
    """, "agriculture", "38561:postal")

m("irrigation-retenue-collinaire-marcilloles", "ASA d'irrigation de la Bièvre <asa.bievre@gmail.com>",
  "Retenue collinaire", """
    Madame la Sénatrice,

    Notre association syndicale d'irrigation porte un projet de retenue collinaire à
    Marcilloles pour sécuriser l'irrigation de 400 ha de maïs semence et de noyers. Le
    dossier est bloqué par l'instruction environnementale depuis trois ans.

    Le président de l'ASA
    """, "agriculture eau-assainissement", "38218:a",
  note="water resource for irrigation: eau too")

m("pastoralisme-alpage-gresse", "Groupement pastoral du Vercors <gp.vercors@gmail.com>",
  "Alpages et pastoralisme", """
    Madame la Sénatrice,

    Le groupement pastoral qui estive sur les alpages de Gresse-en-Vercors demande la
    revalorisation des aides au gardiennage. Sans bergers salariés, le pastoralisme ne
    survivra pas à la pression de la prédation.

    La présidente
    """, "agriculture", "38186:plain")

m("prix-lait-eleveurs-bievre", "Confédération paysanne 38 <confpaysanne38@gmail.com>",
  "Prix du lait", """
    Madame la Sénatrice,

    Les éleveurs laitiers de la plaine de Bièvre vendent leur lait en dessous du coût de
    production. Nous demandons l'application réelle de la loi EGalim.

    Le porte-parole départemental
    """, "agriculture", "",
  note="plaine de Bièvre is a region, not a commune")

m("noix-grenoble-aop-vinay", "Comité interprofessionnel de la noix <cinog@example.org>",
  "Gel et noix de Grenoble", """
    Madame la Sénatrice,

    Le gel d'avril a détruit 60 % de la récolte de noix dans le canton de Vinay. Les
    nuciculteurs demandent l'activation du régime des calamités agricoles.

    Le comité
    """, "agriculture", "38559:plain",
  note="« noix de Grenoble » is a product name (AOP): Grenoble not labelled; « canton de Vinay » names the place")

m("jeunes-agriculteurs-foncier-zan", "Jeunes Agriculteurs Isère <ja38@example.org>",
  "Installation et foncier", """
    Madame la Sénatrice,

    Trois jeunes agriculteurs ne trouvent pas de terres à Saint-Quentin-sur-Isère, où la
    zone d'activité s'étend sur 30 ha agricoles. L'urbanisation grignote nos meilleures
    terres malgré le ZAN.

    Le président
    """, "agriculture urbanisme-logement", "38450:a")

m("loup-de-mer-negatif", "Restaurant Le Galion <contact@legalion-restaurant.example>",
  "Menu du dîner", """
    Madame,

    Suite à votre réservation pour le dîner de vendredi (12 couverts), voici notre menu :
    tartare de loup de mer, filet de bœuf, tarte aux noix. Merci de nous confirmer le
    nombre de végétariens.

    Le Galion
    """, "", "",
  note="« loup de mer » is a fish: not agriculture; a restaurant booking has no theme")

m("pac-pompe-a-chaleur-negatif", "Didier Blanchard <didier.blanchard@gmail.com>",
  "Ma PAC et MaPrimeRénov'", """
    Bonjour,

    J'ai fait installer une PAC (pompe à chaleur air-eau) dans ma maison de Saint-Ismier
    en remplacement de ma chaudière fioul. La prime MaPrimeRénov' promise n'est toujours
    pas versée après neuf mois.

    Didier Blanchard
    """, "environnement-energie", "38397:plain",
  note="negative for agriculture: PAC = pompe à chaleur here; rénovation énergétique")

m("vautours-eleveurs-oisans", "Syndicat ovin de l'Oisans <ovins.oisans@gmail.com>",
  "Prédation sur les troupeaux", """
    Madame la Sénatrice,

    En plus du loup, les éleveurs d'Oz et de Vaujany signalent des attaques de grands
    corbeaux sur les agneaux. Les indemnisations ne couvrent pas ce type de perte.

    Le syndicat
    """, "agriculture", "38289:plain 38527:plain",
  note="Oz is a commune here (« éleveurs d'Oz et de Vaujany »)")

m("agrivoltaisme-saint-etienne-de-st-geoirs", "Agri Soleil Dauphiné <contact@agrisoleil.example>",
  "Projet agrivoltaïque", """
    Madame la Sénatrice,

    Nous développons un projet agrivoltaïque sur 15 ha de vergers à
    Saint-Étienne-de-Saint-Geoirs, en partenariat avec deux arboriculteurs. Les panneaux
    protègent les cultures de la grêle. La CDPENAF a émis un avis défavorable.

    La gérante
    """, "agriculture environnement-energie", "38384:a")

m("re-loup-chichilianne", "Eric Bertrand <eric.bertrand.eleveur@gmail.com>",
  "Re: Votre message", """
    Merci Madame, je serai présent à la réunion en préfecture.

    Eric Bertrand

    Le 3 septembre 2025 à 15:20, Permanence <permanence@senateur-exemple.fr> a écrit :
    > Monsieur,
    > La sénatrice a obtenu du préfet une réunion sur la prédation dans le Trièves le
    > 12 septembre ; les éleveurs de Chichilianne et de Lalley y sont conviés.
    > La permanence
    """, "agriculture", "38103:plain 38204:plain",
  note="theme and communes only in the quoted reply")

m("chasse-degats-gibier-latin1", "Fédération des chasseurs <fdc38@example.org>",
  "Dégâts de sangliers", """
    Madame la Sénatrice,

    Les dégâts de sangliers sur les cultures de maïs ont doublé dans les Terres froides.
    L'indemnisation des agriculteurs pèse sur le budget de notre fédération. Nous
    demandons que l'État autorise des battues supplémentaires.

    Le président
    """, "agriculture", "",
  note="internal budget of the hunters' federation: not finances-locales", enc="latin1")

m("marche-producteurs-invitation-crest", "Ferme des Trois Chênes <fermetroischenes@gmail.com>",
  "Inauguration de notre magasin de producteurs", """
    Madame la Sénatrice,

    Nous serions heureux de vous accueillir pour l'inauguration de notre magasin de
    producteurs le samedi 4 octobre à 11 h, route de Crest, à Romans-sur-Isère (26).
    Douze agriculteurs isérois et drômois y vendent en circuit court.

    Les associés
    """, "invitation-protocole agriculture", "26281:dep",
  note="« route de Crest » is a road name, Crest (26) not labelled; Romans-sur-Isère (26) outside the département")

# ===========================================================================
# Messages — mobilités
# ===========================================================================

m("rd1075-travaux-vif", "Jean-Pierre Rolland <maire@mairie-vif.fr>",
  "Travaux de la RD 1075", """
    Madame la Sénatrice,

    Les travaux du Département sur la RD 1075 entre Vif et Varces vont durer onze mois avec
    circulation alternée. Les bouchons remontent jusqu'au centre-ville. Nous demandons un
    phasage de nuit.

    Jean-Pierre Rolland
    Maire de Vif
    """, "mobilites", "38545:signature 38524:plain",
  note="« Varces » is a short form of Varces-Allières-et-Risset")

m("pont-ferme-renage", "Mairie de Renage <accueil@renage-mairie.example>",
  "Pont fermé à la circulation", """
    Madame la Sénatrice,

    Le pont de la Fure, entre Renage et Rives, est fermé aux véhicules de plus de 3,5 t
    depuis l'inspection de mars. Les camions de la zone d'activité font un détour de
    14 km. La Mairie de Renage demande l'aide de l'État pour les ponts communaux.

    Le maire
    """, "mobilites finances-locales", "38332:mairie 38337:plain",
  note="asks State aid for bridges: finances too")

m("ter-ligne-des-alpes-clelles", "Association des usagers de la ligne des Alpes <usagers.lignedesalpes@gmail.com>",
  "Ligne Grenoble – Gap", """
    Madame la Sénatrice,

    La ligne TER Grenoble – Gap sera fermée six mois pour travaux, avec des cars de
    substitution. Les gares de Clelles et de Monestier-de-Clermont ne seront plus desservies
    le week-end. Nous demandons le maintien d'une desserte.

    L'association des usagers
    """, "mobilites", "38185:plain 05061:plain 38113:plain 38242:plain",
  note="Gap (05) named as the other end of the line: labelled (a place), though outside Isère")

m("transport-a-la-demande-trieves", "Denise Achard <denise.achard@orange.fr>",
  "Transport à la demande", """
    Madame,

    À 82 ans, sans voiture, j'utilisais le transport à la demande pour aller au marché de
    Mens depuis Prébois. Le service a été réduit à un jour par semaine. Comment faire ?

    Denise Achard
    """, "mobilites", "38226:plain 38321:plain")

m("pistes-cyclables-meylan-grenoble", "Collectif Vélo Meylan <velo.meylan@gmail.com>",
  "Continuité cyclable", """
    Madame la Sénatrice,

    Entre Meylan et Grenoble, la piste cyclable s'interrompt au niveau de l'Île d'Amour.
    Les cyclistes doivent emprunter la chaussée. Le fonds mobilités actives peut-il
    financer la passerelle ?

    Le collectif
    """, "mobilites finances-locales", "38229:plain 38185:plain")

m("a480-bruit-saint-egreve", "Riverains A480 <riverains.a480@gmail.com>",
  "Murs antibruit de l'A480", """
    Madame la Sénatrice,

    Depuis l'élargissement de l'autoroute A480, le bruit est insupportable à Saint-Égrève,
    côté Drac. Les murs antibruit promis n'ont pas été construits.

    Les riverains
    """, "mobilites", "38382:a")

m("pont-ascension-negatif", "Secrétariat Cabinet Perrin <secretariat@cabinet-perrin.example>",
  "Fermeture de nos bureaux", """
    Madame, Monsieur,

    Nos bureaux seront fermés du jeudi 29 mai au dimanche 1er juin (pont de l'Ascension).
    Pour toute urgence, merci d'écrire à l'adresse habituelle.

    Le secrétariat
    """, "", "",
  note="« pont de l'Ascension » = long weekend: not mobilites")

m("covoiturage-voie-reservee-voiron", "Pays Voironnais – mobilité <mobilite@paysvoironnais.example>",
  "Voie réservée au covoiturage", """
    Madame la Sénatrice,

    L'expérimentation d'une voie réservée au covoiturage et aux cars express sur l'A48,
    entre Voiron et Saint-Égrève, nécessite un décret. Pourriez-vous relayer notre demande
    auprès du ministère des transports ?

    Le service mobilité
    """, "mobilites", "38563:plain 38382:plain",
  note="« Pays Voironnais » is an EPCI name, not the commune Voiron; Voiron itself is named in the body")

m("route-coupee-eboulement-allemond", "Mairie d'Allemond <mairie@allemond-mairie.example>",
  "Éboulement sur la route", """
    Madame la Sénatrice,

    Un éboulement a coupé la RD 526 en amont de la commune d'Allemond. Les habitants des
    hameaux doivent passer par une piste forestière. Nous demandons l'aide de l'État pour
    la purge de la falaise.

    Le maire
    """, "mobilites finances-locales", "38005:commune",
  note="State aid requested for the works = finances-locales")

m("lyon-turin-chambery-qp", "Transalp'Isère <transalpisere@gmail.com>",
  "Accès français au Lyon-Turin", """
    Madame la Sénatrice,

    Les accès ferroviaires au tunnel Lyon-Turin côté français ne sont toujours pas
    financés. Sans eux, le fret continuera d'emprunter les routes du Nord-Isère. La
    traversée de Chambéry et de la cluse de l'Isère est saturée.

    Le bureau
    """, "mobilites", "73065:plain",
  note="« Lyon-Turin » is a project name (no commune); Chambéry (73) named as a place; national rail funding, not local finances", enc="qp")

m("gare-pontcharra-parking", "Usagers gare de Pontcharra <usagers.gare.pontcharra@gmail.com>",
  "Parking de la gare saturé", """
    Bonjour,

    Le parking de la gare de Pontcharra est saturé dès 7 h 15. Les navetteurs qui prennent
    le TER vers Grenoble ou Chambéry se garent sur les trottoirs. Un parking relais est-il
    prévu ?

    Les usagers
    """, "mobilites", "38314:plain 38185:plain 73065:plain")

m("permis-conduire-examen-negatif", "Auto-école du Centre <contact@autoecole-centre.example>",
  "Délais d'examen du permis", """
    Madame la Sénatrice,

    Nos élèves attendent quatre mois une place d'examen du permis de conduire au centre de
    Bourgoin-Jallieu. Nous demandons des inspecteurs supplémentaires.

    Le gérant
    """, "", "38053:plain",
  note="driving-licence exam slots: no theme (not a transport policy, not education); commune « au centre de Bourgoin-Jallieu » labelled")

m("re-rd-520-saint-laurent-du-pont", "Sylvain Perrier <s.perrier@stlaurentdupont.example>",
  "RE: Glissement de terrain RD 520", """
    Merci pour le relais, les services du Département sont passés ce matin.

    Sylvain Perrier
    Maire de Saint-Laurent-du-Pont

    > De : Permanence Hélène Marchal
    > Envoyé : lundi 17 novembre 2025 09:40
    > Objet : Glissement de terrain RD 520
    >
    > Monsieur le Maire, nous avons signalé au Département le glissement de terrain qui
    > menace la route départementale 520 dans les gorges du Guiers Mort.
    """, "mobilites", "38412:signature",
  note="theme only in the quoted block; « Saint-Laurent-du-Pont » contains « Pont », the commune is meant")

m("bus-scolaire-horaires-beaurepaire", "Chantal Vivier <chantal.vivier@gmail.com>",
  "Horaires du car scolaire", """
    Madame,

    Le car scolaire de la ligne Beaurepaire – La Côte-Saint-André passe désormais à 6 h 40.
    Nos enfants attendent 50 minutes devant le lycée avant l'ouverture. La Région ne répond
    pas.

    Chantal Vivier
    """, "mobilites", "38034:plain 38130:plain",
  note="school bus timetable = mobilites only (consistent with the car scolaire rule)")

# ===========================================================================
# Messages — numérique
# ===========================================================================

m("fibre-retard-quincieu", "Maurice Bouvier <mairie.quincieu@wanadoo.fr>",
  "Raccordement à la fibre", """
    Madame la Sénatrice,

    Le réseau d'initiative publique devait raccorder tous les foyers de la commune à la
    fibre optique fin 2023. À ce jour, 30 % des logements restent « non raccordables ».
    L'opérateur d'infrastructure ne nous répond plus.

    Maurice Bouvier
    Maire de Quincieu (38)
    """, "numerique", "38330:signature",
  note="« Maire de Quincieu (38) »: signature and département together")

m("zone-blanche-pinsot", "Hameaux du Haut-Bréda <hameaux.hautbreda@gmail.com>",
  "Pas de réseau mobile", """
    Madame la Sénatrice,

    À Pinsot, aucun opérateur ne capte dans le fond de la vallée : zone blanche totale. En
    cas d'accident en forêt, impossible d'appeler les secours. Le dispositif « New Deal
    mobile » nous a oubliés.

    L'association des hameaux
    """, "numerique", "38163:ancienne",
  note="Pinsot = commune déléguée of Le Haut-Bréda; calling for help is an argument, no securite")

m("antenne-relais-opposition-biviers", "Riverains du chemin des Sources <riverains.sources@gmail.com>",
  "Projet d'antenne relais", """
    Madame la Sénatrice,

    Un opérateur veut implanter une antenne relais de 36 m à 80 m de l'école de Biviers.
    Le maire dit n'avoir aucun pouvoir pour s'y opposer. Nous demandons une concertation.

    Les riverains
    """, "numerique", "38045:plain",
  note="antenna near a school: the school is a landmark, not the subject")

m("couverture-4g-chamrousse", "Office de tourisme Chamrousse <direction@ot-chamrousse.example>",
  "Couverture 4G saturée", """
    Madame la Sénatrice,

    Pendant les vacances d'hiver, le réseau 4G de la station de Chamrousse est saturé :
    terminaux de paiement hors service, appels d'urgence difficiles. Un renforcement de la
    couverture mobile est indispensable avant les Jeux de 2030.

    La direction
    """, "numerique", "38567:plain")

m("orange-cuivre-coupure-besse", "Mairie de Besse <mairie.besse38@orange.fr>",
  "Fermeture du réseau cuivre", """
    Madame la Sénatrice,

    Orange annonce la fermeture du réseau cuivre en 2026 alors que la fibre n'arrive pas
    à Besse (38142). Nos habitants âgés perdront leur téléphone fixe et leur téléalarme.

    Le maire
    """, "numerique", "38040:dep",
  note="Orange = the operator; Besse has homonyms in 15 and 24, the postal code in parentheses decides")

m("conseiller-numerique-la-tour-du-pin", "France Services La Tour-du-Pin <franceservices@latourdupin.example>",
  "Conseillers numériques", """
    Madame la Sénatrice,

    La fin du financement des conseillers numériques menace l'accompagnement de 1 200
    personnes par an dans notre espace France Services à La Tour-du-Pin. Beaucoup
    d'usagers ne savent pas faire leurs démarches en ligne.

    La coordinatrice
    """, "numerique finances-locales", "38509:a",
  note="end of State funding of a local public service: finances-locales (public money for a local service)")

m("fibre-associative-negatif", "Union sportive des anciens <usa.anciens@gmail.com>",
  "Remerciements", """
    Madame la Sénatrice,

    Nous connaissons votre fibre associative et vous remercions pour votre message lors de
    notre repas annuel. Nos adhérents y ont été très sensibles.

    Le président
    """, "", "",
  note="« fibre associative » is figurative: not numerique")

m("debit-internet-teletravail-lans", "Amandine Colomb <a.colomb@protonmail.com>",
  "Débit internet", """
    Madame,

    Télétravailleuse à Lans-en-Vercors, je n'ai que 2 Mb/s en ADSL. La fibre est annoncée
    « en 2027 ». Le satellite coûte trop cher. Existe-t-il une aide ?

    Amandine Colomb
    """, "numerique", "38205:a")

m("5g-mairie-saint-ismier-qp", "Mairie de Saint-Ismier <urbanisme@saint-ismier.example>",
  "Déploiement 5G", """
    Madame la Sénatrice,

    Trois opérateurs ont déposé des déclarations préalables pour des antennes 5G sur la
    commune de Saint-Ismier. Les habitants demandent une réunion publique ; l'ANFR peut-elle
    y participer ?

    Le service urbanisme
    """, "numerique", "38397:commune",
  note="déclarations préalables handled by the service urbanisme, but the subject is antennas", enc="qp")

m("reseau-entraide-negatif", "Réseau d'entraide des aidants <aidants.entraide@gmail.com>",
  "Notre réseau", """
    Madame la Sénatrice,

    Notre réseau d'entraide réunit 150 aidants familiaux du Voironnais. Nous souhaitons vous
    présenter nos actions autour d'un café, à votre convenance.

    La coordinatrice
    """, "", "",
  note="« réseau » social: not numerique; « Voironnais » is a region adjective, no commune")

m("re-fibre-autrans", "Jean-Luc Bernard <jl.bernard@autrans-meaudre.example>",
  "RE: Fibre hameaux", """
    Bien noté, je vous transmets les adresses concernées.

    Jean-Luc Bernard
    Maire délégué d'Autrans

    -----Message d'origine-----
    De : Permanence Hélène Marchal <permanence@senateur-exemple.fr>
    Objet : Fibre hameaux

    Monsieur le Maire délégué, l'opérateur indique que les hameaux de la Sure et de
    Gève seront raccordés à la fibre au premier semestre.
    """, "numerique", "38225:ancienne",
  note="Autrans = commune déléguée; theme only in the quoted block")

m("zones-blanches-trieves-plural", "Collectif Trièves connecté <trieves.connecte@gmail.com>",
  "Zones blanches et grises", """
    Madame la Sénatrice,

    Les zones blanches se multiplient sur les hameaux de Tréminis, Lalley et Chichilianne
    depuis la panne du pylône de Saint-Maurice. Les antennes relais promises ne sont pas
    construites.

    Le collectif
    """, "numerique", "38514:plain 38204:plain 38103:plain",
  note="« pylône de Saint-Maurice » is a site name: no Saint-Maurice commune")

# ===========================================================================
# Messages — environnement et énergie
# ===========================================================================

m("eolien-chambaran-roybon", "Collectif Chambaran sans éoliennes <chambaran.vent@gmail.com>",
  "Projet de parc éolien", """
    Madame la Sénatrice,

    Un développeur prévoit huit éoliennes de 200 m en forêt de Chambaran, sur les communes
    de Roybon et de Saint-Clair-sur-Galaure. Nous contestons l'étude d'impact sur les zones
    humides.

    Le collectif
    """, "environnement-energie", "38347:commune 38379:plain",
  note="plural « éoliennes »")

m("photovoltaique-toitures-ecole-gieres", "Mairie de Gières <energie@ville-gieres.example>",
  "Panneaux photovoltaïques", """
    Madame la Sénatrice,

    La commune de Gières veut installer des panneaux photovoltaïques sur les toitures du
    gymnase et des écoles, en autoconsommation collective. Le raccordement Enedis est
    annoncé dans 18 mois.

    Le service énergie
    """, "environnement-energie", "38179:commune",
  note="roofs of a gymnasium and schools are just sites: neither sport nor education")

m("depots-sauvages-le-touvet", "Brigitte Pelletier <brigitte.pelletier@free.fr>",
  "Dépôts sauvages", """
    Madame,

    Le chemin du bord de l'Isère, au Touvet, est devenu une décharge : gravats, pneus,
    électroménager. La déchetterie est saturée le samedi. Que peut-on faire ?

    Brigitte Pelletier
    """, "environnement-energie", "38511:a",
  note="waste dumping without police request: environnement only")

m("maprimerenov-isolation-echirolles", "Karim Haddad <karim.haddad@gmail.com>",
  "Rénovation énergétique", """
    Bonjour,

    J'ai isolé les combles et changé les fenêtres de ma maison à Échirolles en passant par
    un accompagnateur Rénov'. Dix mois plus tard, l'Anah n'a rien versé. L'artisan me
    réclame le solde.

    Karim Haddad
    """, "environnement-energie", "38151:a")

m("chaufferie-bois-villard-de-lans", "Régie de chaleur du Vercors <regie.chaleur@example.org>",
  "Réseau de chaleur bois", """
    Madame la Sénatrice,

    La chaufferie bois de Villard-de-Lans alimente 80 bâtiments. Le prix de la plaquette
    forestière a augmenté de 40 %. Le fonds chaleur de l'ADEME pourrait-il aider à
    l'extension du réseau ?

    Le directeur
    """, "environnement-energie finances-locales", "38548:plain",
  note="ADEME fonds chaleur = public funding")

m("hydroelectricite-romanche", "Mairie de Séchilienne <mairie@sechilienne.example>",
  "Concessions hydroélectriques", """
    Madame la Sénatrice,

    Le renouvellement des concessions hydroélectriques de la Romanche tarde. La Mairie de
    Séchilienne attend les redevances promises.

    Le maire
    """, "environnement-energie finances-locales", "38478:mairie")

m("methaniseur-opposition-saint-chef", "Association Air pur Saint-Chef <airpur.stchef@gmail.com>",
  "Projet de méthaniseur", """
    Madame la Sénatrice,

    Un méthaniseur de 20 000 t/an est projeté à 300 m des habitations de Saint-Chef. Odeurs,
    trafic de camions : nous demandons une étude indépendante.

    L'association
    """, "environnement-energie", "38374:plain")

m("toute-mon-energie-negatif", "Amélie Brunet <amelie.brunet@gmail.com>",
  "Candidature spontanée", """
    Madame la Sénatrice,

    Titulaire d'un master de sciences politiques, je souhaite mettre toute mon énergie au
    service de votre équipe. Mon environnement de travail idéal : le terrain.

    Amélie Brunet
    """, "", "",
  note="« énergie », « environnement » figuratively: no theme")

m("collecte-dechets-tarification-bourgoin", "CAPI – service déchets <dechets@capi.example>",
  "Redevance incitative", """
    Madame la Sénatrice,

    La mise en place de la tarification incitative de la collecte des déchets ménagers à
    Bourgoin-Jallieu et L'Isle-d'Abeau soulève des inquiétudes. Nous vous adressons
    l'étude d'impact.

    Le service déchets
    """, "environnement-energie", "38053:a 38193:plain")

m("re-photovoltaique-parking-voiron", "Direction du patrimoine <patrimoine@ville-voiron.example>",
  "Re: Ombrières photovoltaïques", """
    Bonjour,

    Nous confirmons l'intérêt de la ville pour le dispositif évoqué.

    Le 10 oct. 2025 à 14:03, Permanence Hélène Marchal a écrit :
    > La loi impose des ombrières photovoltaïques sur les parkings de plus de 1 500 m².
    > Le parking du centre aquatique de Voiron est concerné ; un appel à projets de la
    > Région peut financer l'installation.
    """, "environnement-energie finances-locales", "38563:plain",
  note="themes and commune only in the quoted part; « Direction du patrimoine » is the property service, not culture")

m("eolienne-plurielle-qp-saint-jean-de-bournay", "Vent des Terres froides <ventdesterresfroides@gmail.com>",
  "Nous soutenons les éoliennes", """
    Madame la Sénatrice,

    Notre association de citoyens soutient le projet de trois éoliennes à
    Saint-Jean-de-Bournay, avec une part de financement participatif local. Nous
    regrettons les recours systématiques.

    Le bureau
    """, "environnement-energie", "38399:a", enc="qp")

# ===========================================================================
# Messages — culture, patrimoine, sport
# ===========================================================================

m("clocher-eglise-saint-antoine", "Amis de l'abbaye <amis.abbaye@gmail.com>",
  "Restauration de l'abbatiale", """
    Madame la Sénatrice,

    L'abbatiale de Saint-Antoine-l'Abbaye, classée monument historique, perd des pierres
    de sa façade. La DRAC a programmé les travaux pour 2029. Nous craignons un accident
    d'ici là.

    Le président des Amis de l'abbaye
    """, "culture-patrimoine-sport", "38359:plain")

m("musee-revolution-vizille", "Société d'histoire de Vizille <histoire.vizille@gmail.com>",
  "Musée de la Révolution française", """
    Madame la Sénatrice,

    Le Département envisage de réduire les horaires du musée de la Révolution française,
    au château de Vizille. Nous vous adressons notre pétition pour le maintien des
    ouvertures et des expositions temporaires.

    Le bureau
    """, "culture-patrimoine-sport", "38562:plain",
  note="« château de Vizille » names the commune's site: labelled")

m("festival-berlioz-cote-saint-andre", "Festival Berlioz <production@festivalberlioz.example>",
  "Soutien au festival", """
    Madame la Sénatrice,

    Le festival Berlioz, à La Côte-Saint-André, fête ses trente ans cet été. La baisse du
    soutien du ministère de la Culture met en péril la programmation symphonique.

    La direction
    """, "culture-patrimoine-sport finances-locales", "38130:a",
  note="lower ministry subsidy for a local festival = finances-locales")

m("stade-synthetique-saint-marcellin", "US Saint-Marcellin football <usstmarcellin@gmail.com>",
  "Terrain synthétique", """
    Madame la Sénatrice,

    Notre club compte 380 licenciés mais un seul terrain en herbe, impraticable l'hiver. La
    commune de Saint-Marcellin veut réaliser un terrain synthétique ; l'Agence nationale
    du sport peut-elle apporter une subvention ?

    Le président
    """, "culture-patrimoine-sport finances-locales", "38416:commune")

m("gymnase-vetuste-seyssins", "Handball Club Seyssins <hbcseyssins@gmail.com>",
  "Gymnase vétuste", """
    Madame,

    Le gymnase municipal de Seyssins, construit en 1974, n'a plus de chauffage fiable.
    Nos 250 handballeurs jouent à 12 °C. Nous avons écrit au maire.

    Le bureau du club
    """, "culture-patrimoine-sport", "38486:plain")

m("jo-2030-piste-bobsleigh", "Jean-Marc Roche <jm.roche@gmail.com>",
  "Jeux olympiques d'hiver 2030", """
    Madame la Sénatrice,

    Ancien athlète, je souhaite que l'anneau de vitesse et les sites historiques des Jeux
    de 1968, à Grenoble, soient valorisés pour 2030. Le patrimoine olympique de l'Isère est
    à l'abandon.

    Jean-Marc Roche
    """, "culture-patrimoine-sport", "38185:a")

m("bibliotheque-horaires-pont-eveque", "Lecteurs de Pont-Évêque <lecteurs.ponteveque@gmail.com>",
  "Médiathèque", """
    Madame la Sénatrice,

    La médiathèque de Pont-Évêque n'ouvre plus que deux demi-journées par semaine faute de
    personnel. Le plan lecture de l'État peut-il aider les petites communes ?

    Les lecteurs
    """, "culture-patrimoine-sport finances-locales", "38318:plain",
  note="« Pont-Évêque » is a commune despite « Pont »; State library plan money for small communes = finances-locales")

m("chapelle-romane-saint-genis", "Patrimoine en Trièves <patrimoine.trieves@gmail.com>",
  "Chapelle de Saint-Genis", """
    Madame la Sénatrice,

    La petite chapelle romane de Saint-Genis, ancienne commune rattachée à Mens, menace
    ruine. La commune n'a pas les moyens de la restaurer seule. Un dossier auprès de la
    mission patrimoine est en cours.

    L'association
    """, "culture-patrimoine-sport", "38226:ancienne",
  note="Saint-Genis: former commune merged into Mens (also the name of a commune déléguée in 05); the text locates it, and Mens is the same code")

m("piscine-fermee-tullins", "Comité des usagers <usagers.piscine.tullins@gmail.com>",
  "Fermeture de la piscine", """
    Madame,

    La piscine intercommunale de Tullins ferme pour deux ans de travaux. Les écoles ne
    pourront plus assurer l'apprentissage de la natation. Où iront les enfants ?

    Les usagers
    """, "culture-patrimoine-sport education-jeunesse", "38517:plain",
  note="school swimming lessons: education too")

m("cinema-itinerant-loups", "Écran Vagabond <ecranvagabond@gmail.com>",
  "Cinéma itinérant", """
    Madame la Sénatrice,

    Notre cinéma itinérant projette chaque mois des films dans 25 villages du Trièves.
    Prochaine séance : « Le Loup et l'Agneau », film d'animation, le 12 mars à la salle
    des fêtes de Clelles. Nos subventions DRAC baissent.

    L'équipe
    """, "culture-patrimoine-sport finances-locales", "38113:plain",
  note="negative for agriculture: « Loup » is a film title")

m("patrimoine-industriel-allevard", "Mémoire d'Allevard <memoire.allevard@gmail.com>",
  "Hauts fourneaux", """
    Madame la Sénatrice,

    Nous souhaitons faire inscrire les hauts fourneaux d'Allevard à l'inventaire des
    monuments historiques. Le patrimoine industriel de la vallée du Bréda disparaît.

    L'association
    """, "culture-patrimoine-sport", "38006:plain")

m("club-sportif-budget-ag-negatif", "Tennis Club de Meylan <tcmeylan@gmail.com>",
  "Assemblée générale du TCM", """
    Madame la Sénatrice,

    Nous avons le plaisir de vous inviter à l'assemblée générale du Tennis Club de Meylan,
    le vendredi 28 novembre à 19 h, au club-house. Présentation du budget du club et des
    résultats sportifs de la saison.

    Le président
    """, "invitation-protocole culture-patrimoine-sport", "38229:plain",
  note="club's own budget: not finances-locales; a sports club's AG: sport + invitation")

m("sport-idiome-negatif", "Frédéric Lamy <frederic.lamy@gmail.com>",
  "Rendez-vous", """
    Madame la Sénatrice,

    Obtenir un rendez-vous avec vos services, c'est du sport ! Trois appels sans réponse.
    Pourrais-je être rappelé au 06 39 98 12 44 ?

    Frédéric Lamy
    """, "", "",
  note="« c'est du sport » is an idiom: not culture-patrimoine-sport")

m("musique-fete-echirolles-qp", "La Rampe – Échirolles <billetterie@larampe.example>",
  "Saison culturelle", """
    Madame la Sénatrice,

    La scène conventionnée de la ville d'Échirolles présente sa saison : danse, théâtre,
    musiques du monde. La réduction du « pass Culture » part collective pénalise les
    sorties scolaires.

    La direction
    """, "culture-patrimoine-sport education-jeunesse", "38151:mairie",
  note="school outings = education", enc="qp")

# ===========================================================================
# Messages — invitations et protocole
# ===========================================================================

m("voeux-maire-meylan", "Cabinet du maire de Meylan <cabinet@ville-meylan.fr>",
  "Cérémonie des vœux", """
    Madame la Sénatrice,

    Le maire de Meylan et le conseil municipal ont le plaisir de vous convier à la
    cérémonie des vœux à la population, le vendredi 16 janvier 2026 à 19 h, à l'Hexagone.

    Réponse souhaitée avant le 9 janvier.

    Le cabinet du maire
    """, "invitation-protocole", "38229:signature",
  note="« Le maire de Meylan » in the body counts as the signature-type context")

m("commemoration-11-novembre-vif", "Mairie de Vif <protocole@mairie-vif.fr>",
  "Commémoration du 11 novembre", """
    Vif, le 20 octobre 2025

    Madame la Sénatrice,

    La municipalité et les associations d'anciens combattants vous invitent à la
    commémoration de l'armistice du 11 novembre 1918, à 11 h, au monument aux morts,
    suivie d'un vin d'honneur.

    Le service protocole
    """, "invitation-protocole", "38545:dateline")

m("inauguration-ecole-crolles", "Mairie de Crolles <protocole@ville-crolles.fr>",
  "Inauguration du groupe scolaire", """
    Madame la Sénatrice,

    La commune de Crolles a l'honneur de vous inviter à l'inauguration du nouveau groupe
    scolaire Charles-de-Gaulle, le samedi 6 septembre 2025 à 10 h 30, en présence des
    enfants et des enseignants.

    Le maire
    """, "invitation-protocole education-jeunesse", "38140:commune",
  note="invitations get the theme of what is inaugurated (a school)")

m("ag-amicale-pompiers-rives", "Amicale des sapeurs-pompiers <amicale.sp.rives@gmail.com>",
  "Assemblée générale et Sainte-Barbe", """
    Madame la Sénatrice,

    L'amicale des sapeurs-pompiers de Rives vous invite à son assemblée générale suivie de
    la Sainte-Barbe, le samedi 6 décembre à 17 h, à la caserne.

    Le président
    """, "invitation-protocole", "38337:plain",
  note="firefighters are not in the securite theme as defined (police, gendarmerie); « Sainte-Barbe » is a feast, not a commune")

m("congres-maires-isere", "Association des maires de l'Isère <congres@maires38.example>",
  "Congrès départemental des maires", """
    Madame la Sénatrice,

    Le congrès des maires et présidents d'intercommunalité de l'Isère se tiendra le
    18 octobre à Alpexpo, à Grenoble. Une table ronde sera consacrée aux finances locales
    et à la réforme des dotations. Nous serions honorés de votre participation.

    Le président
    """, "invitation-protocole finances-locales", "38185:a")

m("8-mai-commemoration-fontaine", "Service des cérémonies <ceremonies@ville-fontaine.example>",
  "Cérémonie du 8 Mai", """
    Madame la Sénatrice,

    La ville de Fontaine commémore la victoire du 8 mai 1945 : rassemblement à 10 h place
    Louis-Maisonnat, dépôt de gerbes au monument aux morts.

    Le service des cérémonies
    """, "invitation-protocole", "38169:mairie")

m("medaille-honneur-regionale-voiron", "Mairie de Voiron – protocole <protocole@ville-voiron.example>",
  "Remise de médailles", """
    Madame la Sénatrice,

    Vous êtes invitée à la remise des médailles d'honneur régionale, départementale et
    communale aux élus et agents de la ville, le 20 juin à 18 h, salle du conseil.

    Voiron, le 2 juin 2025

    Le service du protocole
    """, "invitation-protocole", "38563:dateline",
  note="dateline at the end of the letter")

m("inauguration-maison-sante-la-mure", "Communauté de communes de la Matheysine <direction@ccmatheysine.example>",
  "Invitation – inauguration de la maison de santé", """
    Madame la Sénatrice,

    Le président de la communauté de communes a le plaisir de vous convier à
    l'inauguration de la maison de santé pluriprofessionnelle de La Mure, le vendredi
    13 mars 2026 à 16 h.

    RSVP : accueil@ccmatheysine.example
    """, "invitation-protocole sante", "38269:plain")

m("ag-association-sourds-negatif-html", "Association Sourds Isère <asso.sourds38@gmail.com>",
  "Invitation à notre assemblée générale", """
    Madame la Sénatrice,

    Nous avons le plaisir de vous inviter à notre assemblée générale annuelle, le 14 mars
    à 14 h, Maison des associations, rue Berthe-de-Boissieux à Grenoble. Interprètes en
    langue des signes présents.

    Le conseil d'administration
    """, "invitation-protocole", "38185:a",
  note="an association's AG with no policy topic: invitation only", html=True)

m("vous-inviter-site-negatif", "Newsletter Territoires <newsletter@territoires-info.example>",
  "Nos dernières publications", """
    Madame, Monsieur,

    Nous vous invitons à consulter notre site pour découvrir le dossier du mois :
    « Gouverner une petite commune en 2025 ». Pour vous désabonner, cliquez ici.

    L'équipe éditoriale
    """, "", "",
  note="« Nous vous invitons à consulter » is not an invitation to an event; a newsletter has no theme")

m("pose-premiere-pierre-logements-pont-de-claix", "Bailleur Pluralis <communication@pluralis.example>",
  "Pose de la première pierre", """
    Madame la Sénatrice,

    Pluralis vous convie à la pose de la première pierre de la résidence Les Balmes,
    48 logements sociaux, le 24 avril à 11 h, avenue du Maquis-de-l'Oisans au
    Pont-de-Claix.

    Service communication
    """, "invitation-protocole urbanisme-logement", "38317:a",
  note="« avenue du Maquis-de-l'Oisans » is a street name")

m("commemoration-liberation-vercors", "Mémorial de la Résistance en Vercors <memorial.vercors@example.org>",
  "Commémoration des combats de Vassieux", """
    Madame la Sénatrice,

    La commémoration des combats du Vercors aura lieu le 21 juillet à Vassieux-en-Vercors
    (26), en présence des autorités. Un car partira de Villard-de-Lans à 8 h.

    Le comité d'organisation
    """, "invitation-protocole", "26364:dep 38548:plain",
  note="Vassieux-en-Vercors (26); the car is a logistics detail: no mobilites")

m("feu-de-la-saint-jean-invitation", "Comité des fêtes de Revel <cdf.revel38@gmail.com>",
  "Feux de la Saint-Jean", """
    Madame la Sénatrice,

    Le comité des fêtes de Revel (Isère) vous invite à la fête de la Saint-Jean, le 21 juin,
    place de la mairie : concert, feu de joie et repas partagé.

    Le président
    """, "invitation-protocole culture-patrimoine-sport", "38334:dep",
  note="homonym Revel (31) excluded by « (Isère) »; « Saint-Jean » is a feast; village fête with concert = culture")

m("remerciement-apres-inauguration", "Mairie de Moirans <cabinet@moirans-ville.example>",
  "Merci de votre présence", """
    Madame la Sénatrice,

    Au nom du conseil municipal, je vous remercie chaleureusement d'avoir honoré de votre
    présence l'inauguration de la halle du marché samedi. Vos mots ont été très appréciés.

    Le maire de Moirans
    """, "invitation-protocole", "38239:signature",
  note="thanks after a protocol event: kept as invitation-protocole (same event follow-up)")

m("seance-solennelle-rentree-barreau", "Ordre des avocats de Grenoble <batonnier@barreau-grenoble.example>",
  "Audience solennelle de rentrée", """
    Madame la Sénatrice,

    Le bâtonnier a l'honneur de vous convier à l'audience solennelle de rentrée du barreau,
    le vendredi 23 janvier à 17 h, au palais de justice.

    Le secrétariat de l'Ordre
    """, "invitation-protocole", "",
  note="« barreau de Grenoble » in the domain only; the body names no commune")

m("invitation-latin1-foire-beaurepaire", "Comité de la foire <foire.beaurepaire@wanadoo.fr>",
  "Foire agricole de Beaurepaire", """
    Madame la Sénatrice,

    Le comité de la foire a le plaisir de vous inviter à l'inauguration de la
    82e foire agricole de Beaurepaire (Isère), le samedi 13 septembre à 10 h. Concours de
    bovins, matériel agricole, producteurs locaux.

    Le président
    """, "invitation-protocole agriculture", "38034:dep", enc="latin1")

m("ceremonie-citoyennete-echirolles", "Ville d'Échirolles <etat-civil@ville-echirolles.example>",
  "Cérémonie de citoyenneté", """
    Madame la Sénatrice,

    La cérémonie de remise des cartes d'électeur aux jeunes majeurs aura lieu le 5 avril à
    11 h, en mairie d'Échirolles. Votre présence serait un beau symbole.

    Le service état civil
    """, "invitation-protocole education-jeunesse", "38151:mairie",
  note="young voters' ceremony = jeunesse")

# ===========================================================================
# Messages — no theme (thanks, scheduling, unrelated)
# ===========================================================================

m("merci-rendez-vous-vienne", "Gilles Perrot <gilles.perrot@orange.fr>",
  "Merci", """
    Madame la Sénatrice,

    Merci pour votre accueil à la permanence de Vienne jeudi dernier. Je vous tiendrai
    informée de la suite.

    Gilles Perrot
    """, "", "38544:plain",
  note="« permanence de Vienne » names the place; no theme")

m("report-rendez-vous", "Stéphanie Garcin <s.garcin@gmail.com>",
  "Report de notre rendez-vous", """
    Bonjour,

    Je dois malheureusement reporter notre rendez-vous de mardi 14 h. Seriez-vous
    disponible jeudi à la même heure ?

    Stéphanie Garcin
    """, "", "")

m("absence-auto-reply", "Mairie de Sassenage <accueil@sassenage-ville.example>",
  "Réponse automatique : Invitation", """
    Bonjour,

    Je suis absente du 4 au 15 août inclus. Pour toute demande urgente, merci de contacter
    l'accueil de la Mairie de Sassenage au 04 65 71 33 10.

    Cordialement
    """, "", "38474:mairie",
  note="auto-reply: the subject quotes « Invitation » but nothing is invited")

m("spam-formation-excel", "Formation Pro <info@formation-pro.example>",
  "Formation Excel éligible CPF", """
    Bonjour,

    Boostez votre carrière avec notre formation Excel 100 % en ligne, éligible au CPF.
    Places limitées, inscrivez-vous avant vendredi !

    Se désinscrire
    """, "", "",
  note="commercial spam")

m("changement-adresse-courriel", "Jeanne Dupuis <jeanne.dupuis@laposte.net>",
  "Nouvelle adresse", """
    Bonjour,

    Veuillez noter ma nouvelle adresse : 12 rue des Alpes, 38240 Meylan. Merci de mettre
    à jour vos fichiers.

    Jeanne Dupuis
    """, "", "38229:postal",
  note="postal code inside an address line")

m("question-senat-visite-groupe", "Club des retraités <club.retraites.voreppe@gmail.com>",
  "Visite du Sénat", """
    Madame la Sénatrice,

    Notre club de retraités aimerait visiter le Palais du Luxembourg en mai, pour un groupe
    de 35 personnes. Est-ce possible ?

    La présidente
    """, "", "",
  note="Palais du Luxembourg is not a French commune here; no theme")

m("demande-naturalisation", "Ahmed Benali <ahmed.benali@gmail.com>",
  "Dossier de naturalisation", """
    Madame,

    Mon dossier de naturalisation est en instruction à la préfecture depuis 26 mois. Je
    travaille à Grenoble depuis douze ans. Pouvez-vous vous renseigner ?

    Ahmed Benali
    """, "", "38185:a",
  note="individual administrative case: no theme; the workplace is named as a place")

m("journaliste-interview", "Claire Beaulieu <c.beaulieu@dauphine-exemple.fr>",
  "Demande d'interview", """
    Madame la Sénatrice,

    Journaliste au Dauphiné, je prépare un portrait des parlementaires isérois. Auriez-vous
    30 minutes la semaine prochaine ?

    Claire Beaulieu
    """, "", "",
  note="« Beaulieu » is the journalist's surname, not the commune (38033)")

m("merci-courrier-ministre-qp", "Maurice Bouvier <mairie.quincieu@wanadoo.fr>",
  "Remerciements", """
    Madame la Sénatrice,

    Je vous remercie pour la copie de la réponse du ministre. Je la communiquerai au
    conseil municipal.

    Maurice Bouvier
    Maire de Quincieu
    """, "", "38330:signature", enc="qp",
  note="thanks about an earlier letter whose subject is not restated: no theme")

m("petition-en-ligne-generique", "Change Petitions <noreply@petitions.example>",
  "Une nouvelle signature", """
    Bonjour,

    Votre pétition a reçu une nouvelle signature. Partagez-la pour atteindre 1 000 signatures !
    """, "", "", note="automatic notification")

m("demande-documentation-loi", "Bastien Girard <bastien.girard@etu.example>",
  "Documentation", """
    Bonjour,

    Pourriez-vous m'indiquer où trouver le compte rendu intégral de la séance du Sénat du
    14 octobre ? Merci beaucoup.

    Bastien Girard
    """, "", "")

m("conflit-voisinage-haie", "Lucien Mathieu <lucien.mathieu@free.fr>",
  "Conflit de voisinage", """
    Madame,

    Mon voisin refuse de tailler sa haie de thuyas de 6 m qui prive mon jardin de soleil.
    La mairie de Claix me dit que c'est une affaire privée. Que puis-je faire ?

    Lucien Mathieu
    """, "", "38111:mairie",
  note="private dispute: no theme; « mon jardin » is not Jardin (38199)")

# ===========================================================================
# Messages — more variety: former names, abbreviations, encodings, several themes,
# theme words in another sense
# ===========================================================================

m("assainissement-lac-paladru", "Association Lac Bleu <lacbleu.paladru@gmail.com>",
  "Assainissement autour du lac", """
    Madame la Sénatrice,

    À Paladru, plusieurs hameaux en bord de lac ne sont toujours pas raccordés au réseau
    d'assainissement collectif. Les rejets des fosses menacent la qualité de l'eau du lac.

    L'association
    """, "eau-assainissement", "38292:ancienne",
  note="Paladru = commune déléguée of Villages du Lac de Paladru")

m("fermeture-classe-fitilieu-b64", "Parents d'élèves de Fitilieu <ape.fitilieu@gmail.com>",
  "Fermeture de classe à Fitilieu", """
    Madame la Sénatrice,

    L'école de Fitilieu perdrait une classe à la rentrée, avec 27 élèves par classe en
    maternelle. La commune nouvelle des Abrets en Dauphiné s'y oppose également. Merci de
    votre soutien.

    L'association des parents d'élèves
    """, "education-jeunesse", "38001:ancienne",
  note="Fitilieu (déléguée) and « Abrets en Dauphiné » written without the article: same code", enc="b64")

m("plu-thuellin-inondable", "Raymond Bouchet <raymond.bouchet@orange.fr>",
  "Terrain devenu inconstructible", """
    Madame,

    Mon terrain à Thuellin est devenu inconstructible avec le nouveau plan de prévention
    des risques. Je ne peux plus construire la maison de mon fils. Le PLU a été modifié
    sans enquête sérieuse.

    Raymond Bouchet
    """, "urbanisme-logement", "38022:ancienne",
  note="Thuellin: former commune (Les Avenières Veyrins-Thuellin)")

m("glacier-mont-de-lans-climat", "Moniteurs de ski des Deux Alpes <esf.moniteurs@example.org>",
  "Ski d'été et changement climatique", """
    Madame la Sénatrice,

    Le glacier de Mont-de-Lans a perdu 30 m d'épaisseur en vingt ans. Le ski d'été ne sera
    bientôt plus possible. Nous demandons un accompagnement de la transition de la station
    vers des activités de pleine nature.

    Le syndicat
    """, "environnement-energie culture-patrimoine-sport", "38253:ancienne",
  note="climate adaptation = environnement; ski = sport; « des Deux Alpes » in the sender name only")

m("funiculaire-saint-hilaire-du-touvet", "Amis du funiculaire <amis.funiculaire@gmail.com>",
  "Funiculaire de Saint-Hilaire-du-Touvet", """
    Madame la Sénatrice,

    Le funiculaire de Saint-Hilaire-du-Touvet, le plus raide d'Europe, est à l'arrêt depuis
    2022. C'est un patrimoine technique unique et un moyen de transport pour les habitants
    du plateau. Le Département hésite à financer sa remise en service.

    Le président
    """, "mobilites culture-patrimoine-sport finances-locales", "38395:ancienne",
  note="Saint-Hilaire (commune déléguée of Plateau-des-Petites-Roches) is usually written « Saint-Hilaire-du-Touvet »; Le Touvet (38511) is NOT meant")

m("semons-eleveurs-bonnevaux", "Paul Guillot <paul.guillot.agri@gmail.com>",
  "Élevage et sécheresse à Semons", """
    Madame,

    Éleveur de vaches allaitantes à Semons, je dois acheter du foin depuis juillet. Les
    aides sécheresse de la PAC arrivent trop tard.

    Paul Guillot
    """, "agriculture eau-assainissement", "38479:ancienne",
  note="drought: eau too (sécheresse is in the eau theme)")

m("ski-nordique-meaudre", "Foyer de ski de fond <skidefond.meaudre@gmail.com>",
  "Pistes de ski de fond", """
    Madame la Sénatrice,

    À Méaudre, le foyer de ski de fond forme 200 enfants chaque hiver. Le manque de neige
    nous oblige à investir dans un stade de biathlon à roulettes. Une aide de l'ANS
    serait bienvenue.

    Le bureau
    """, "culture-patrimoine-sport finances-locales", "38225:ancienne",
  note="children's ski training is youth sport = sport only (as for the rugby club's young players); ANS aid requested: finances")

m("gendarmerie-abrets", "Élus de la vallée du Guiers <elus.guiers@gmail.com>",
  "Brigade des Abrets", """
    Madame la Sénatrice,

    La brigade de gendarmerie des Abrets doit couvrir quinze communes avec neuf gendarmes.
    Les cambriolages ont augmenté de 40 %. Nous demandons des renforts.

    Les élus du canton
    """, "securite", "38001:ancienne",
  note="« des Abrets » = Les Abrets (déléguée) with contracted article")

m("transports-annecy-comparaison", "Collectif Bus Grésivaudan <bus.gresivaudan@gmail.com>",
  "Réseau de bus", """
    Madame la Sénatrice,

    À Annecy (74), l'agglomération a créé des lignes de bus express vers toutes les
    communes de plus de 5 000 habitants. Chez nous, Villard-Bonnot et Froges n'ont qu'un
    bus par heure. Le versement mobilité pourrait financer mieux.

    Le collectif
    """, "mobilites finances-locales", "74010:dep 38547:plain 38175:plain",
  note="versement mobilité is a local tax financing transport")

m("hopital-valence-saint-marcellin", "Isabelle Tardy <isabelle.tardy@laposte.net>",
  "Transferts vers Valence", """
    Madame,

    Depuis la fermeture de la chirurgie à Saint-Marcellin, les patients sont transférés à
    l'hôpital de Valence (Drôme), à une heure de route. Mon père de 88 ans y a passé
    trois semaines. Est-ce acceptable ?

    Isabelle Tardy
    """, "sante", "38416:a 26362:dep",
  note="Valence has homonyms in 16 and 82: « (Drôme) » picks 26362")

m("b64-antenne-relais-corenc", "Sabine Leclerc <sabine.leclerc@gmail.com>",
  "Antenne relais", """
    Bonjour,

    Une antenne relais de téléphonie mobile a été installée sans information à côté de la
    crèche, à Corenc. Les parents sont inquiets. Qui contrôle les ondes ?

    Sabine Leclerc
    """, "numerique", "38126:a",
  note="the crèche is a landmark", enc="b64")

m("b64-logement-indigne-voiron", "Fondation pour le logement – Isère <isere@fondation-logement.example>",
  "Habitat indigne", """
    Madame la Sénatrice,

    Notre agence a recensé 120 logements indignes dans le centre ancien de Voiron (38).
    Nous souhaitons vous présenter nos propositions pour la loi sur l'habitat dégradé.

    La délégation régionale
    """, "urbanisme-logement", "38563:dep", enc="b64")

m("subject-only-theme-seyssuel", "Mairie de Seyssuel <mairie@seyssuel-mairie.example>",
  "Fermeture d'une classe à la rentrée", """
    Madame la Sénatrice,

    Veuillez trouver en pièce jointe la motion votée à l'unanimité par le conseil municipal.
    Nous comptons sur votre soutien.

    Le maire de Seyssuel
    """, "education-jeunesse", "38487:signature",
  note="theme only in the Subject")

m("visite-allevard-ordre-du-jour", "Cabinet du maire d'Allevard <cabinet@allevard-mairie.example>",
  "Votre visite du 22 mai : ordre du jour", """
    Allevard, le 12 mai 2025

    Madame la Sénatrice,

    Voici les sujets que nous souhaiterions aborder lors de votre visite :
    1. l'école du Collet, menacée de fermeture ;
    2. la fibre, toujours absente dans les hameaux du haut ;
    3. les attaques de loups sur les troupeaux en alpage ;
    4. la réduction des horaires de la gendarmerie.

    Le cabinet du maire
    """, "education-jeunesse numerique agriculture securite", "38006:dateline",
  note="four themes in a numbered list; the visit itself is not an invitation to an event")

m("pistes-cyclables-pollution-grenoble-html", "Laurent Nicolas <laurent.nicolas@gmail.com>",
  "Vélo et sécurité", """
    Madame la Sénatrice,

    Cycliste quotidien entre Saint-Martin-le-Vinoux et Grenoble, je frôle l'accident
    chaque jour sur le quai de France faute de piste cyclable séparée.

    Laurent Nicolas
    """, "mobilites", "38423:plain 38185:plain",
  note="road danger for cyclists: mobilites, not securite (no police/gendarmerie)", html=True)

m("stade-avant-projet-step", "Marie Laurent <marie.laurent@gmail.com>",
  "Stade de l'avant-projet", """
    Madame la Sénatrice,

    La nouvelle station d'épuration de Saint-Quentin-sur-Isère en est encore au stade de
    l'avant-projet, alors que l'ancienne déborde dans l'Isère à chaque orage.

    Marie Laurent
    """, "eau-assainissement", "38450:plain",
  note="« au stade de l'avant-projet »: stade = stage, not culture-patrimoine-sport")

m("classe-politique-negatif", "Jean Roussel <jean.roussel@gmail.com>",
  "Colère", """
    Madame,

    La classe politique ne nous écoute plus. Ma feuille de route pour les prochaines
    élections sera simple : voter blanc.

    Jean Roussel
    """, "", "",
  note="« classe politique », « feuille de route »: neither education nor mobilites")

m("college-electoral-senatoriales", "Sébastien Drevon <s.drevon@gmail.com>",
  "Collège électoral", """
    Madame la Sénatrice,

    Délégué suppléant du conseil municipal, je ne comprends pas comment est composé le
    collège électoral des sénatoriales. Peut-on me l'expliquer ?

    Sébastien Drevon
    """, "", "",
  note="« collège électoral »: not education")

m("declaration-patrimoine-negatif", "Cabinet comptable Alpin <contact@cabinet-alpin.example>",
  "Déclaration de patrimoine", """
    Madame la Sénatrice,

    Comme chaque année, nous vous rappelons l'échéance de mise à jour de votre déclaration
    de situation patrimoniale auprès de la HATVP. Nous restons à votre disposition.

    Le cabinet
    """, "", "",
  note="personal assets declaration: not culture-patrimoine-sport")

m("police-de-caracteres-negatif", "Atelier Graphique Belledonne <atelier.belledonne@gmail.com>",
  "Maquette de votre lettre d'information", """
    Bonjour,

    Voici la maquette de votre lettre d'information. Nous avons changé la police de
    caractères du titre et réduit la taille des photos. Vos retours avant vendredi ?

    L'atelier
    """, "", "",
  note="« police de caractères »: not securite")

m("antenne-caf-negatif", "Thérèse Bouvard <therese.bouvard@orange.fr>",
  "Fermeture de l'antenne CAF", """
    Madame,

    L'antenne de la CAF à Pont-de-Chéruy ferme ses portes. Je ne sais pas utiliser
    internet pour mes démarches de prime d'activité.

    Thérèse Bouvard
    """, "numerique", "38316:a",
  note="« antenne » = branch office (not numerique by itself), but digital exclusion for online procedures = numerique (inclusion numérique)")

m("voeux-pieux-zan", "Gérard Allemand <gerard.allemand@wanadoo.fr>",
  "ZAN et vœux pieux", """
    Madame la Sénatrice,

    Les promesses d'assouplir le ZAN ne sont que des vœux pieux : dans notre village de
    Cras, plus aucun permis de construire n'est accordé.

    Gérard Allemand
    """, "urbanisme-logement", "38137:plain",
  note="« vœux pieux » is not invitation-protocole; « village de Cras » names the commune")

m("inauguration-rocade-bruit", "Riverains du Rondeau <riverains.rondeau@gmail.com>",
  "Bruit de la rocade", """
    Madame,

    Depuis l'inauguration de l'échangeur du Rondeau, le bruit des camions ne cesse plus,
    même la nuit, à Échirolles. Des écrans acoustiques étaient prévus.

    Les riverains
    """, "mobilites", "38151:a",
  note="« depuis l'inauguration » is past: not invitation-protocole")

m("hopital-charite-idiome", "Roland Mercier <roland.mercier@free.fr>",
  "Donneurs de leçons", """
    Madame,

    C'est l'hôpital qui se moque de la charité : les parlementaires reprochent aux
    communes de trop dépenser alors que l'État est endetté comme jamais.

    Roland Mercier
    """, "finances-locales", "",
  note="« l'hôpital qui se moque de la charité » is an idiom (not sante); the point is communal spending = finances-locales")

m("pas-de-loup-cyber-mairie", "Mairie de Saint-Clair-du-Rhône <dgs@stclairdurhone.example>",
  "Cyberattaque", """
    Madame la Sénatrice,

    Un rançongiciel est entré à pas de loup dans notre système informatique : état civil
    et paie bloqués depuis dix jours. La gendarmerie (section cyber) enquête. La commune de
    Saint-Clair-du-Rhône demande un soutien de l'ANSSI.

    Le directeur général des services
    """, "numerique securite", "38378:commune",
  note="« à pas de loup » idiom (not agriculture); cyberattack on IT systems = numerique, gendarmerie investigation = securite")

m("apostrophes-typo-isle-dabeau", "Collectif des gares du Nord-Isère <gares.nordisere@gmail.com>",
  "Desserte TER de L’Isle-d’Abeau", """
    Madame la Sénatrice,

    La gare de L’Isle-d’Abeau a perdu quatre arrêts TER par jour. Les navetteurs vers Lyon
    Part-Dieu prennent la voiture. Saint-Martin-d’Hères et Échirolles ont leur tram ; le
    Nord-Isère n’a rien.

    Le collectif
    """, "mobilites", "38193:plain 38421:plain 38151:plain 69123:plain",
  note="typographic apostrophes (’); « vers Lyon Part-Dieu »: Lyon named as the destination, labelled", enc="qp")

m("abbreviations-st-martin-dheres", "Mohamed Saidi <m.saidi@gmail.com>",
  "Bus de nuit", """
    Bonjour,

    Je travaille de nuit à l'hôpital Nord et j'habite St-Martin-d'Hères. Depuis la
    suppression du bus de nuit, je rentre à pied à 2 h du matin. Pouvez-vous en parler au
    SMMAG ?

    Mohamed Saidi
    """, "mobilites", "38421:plain",
  note="« St-Martin-d'Hères » abbreviation; the hospital is his workplace: not sante")

m("bourgoin-forme-courte", "Commerçants du centre de Bourgoin <ucab@gmail.com>",
  "Travaux et commerces", """
    Madame la Sénatrice,

    Les travaux de la rue de la Libération à Bourgoin durent depuis huit mois. Une
    vingtaine de commerces ont perdu 40 % de leur chiffre. Existe-t-il une indemnisation ?

    L'union commerciale
    """, "mobilites", "38053:a",
  note="« Bourgoin » is the usual short form of Bourgoin-Jallieu; street works = voirie")

m("pont-de-claix-sans-article", "Association Cité de l'Étoile <cite.etoile@gmail.com>",
  "Rénovation urbaine", """
    Madame la Sénatrice,

    À Pont-de-Claix, le quartier de l'Étoile attend sa rénovation urbaine depuis dix ans.
    Les immeubles se dégradent et les familles partent.

    L'association
    """, "urbanisme-logement", "38317:a",
  note="« Pont-de-Claix » without its article (COG: Le Pont-de-Claix)")

m("majuscules-commune-voiron", "COMITE DE QUARTIER <comite.brunetiere@gmail.com>",
  "COMMUNE DE VOIRON - ECLAIRAGE", """
    MADAME LA SENATRICE,

    DANS NOTRE QUARTIER DE LA COMMUNE DE VOIRON L'ECLAIRAGE PUBLIC EST ETEINT DE 23H A 5H
    POUR FAIRE DES ECONOMIES D'ENERGIE. LES HABITANTS ONT PEUR LE SOIR. LES AGRESSIONS
    AUGMENTENT ET LA POLICE MUNICIPALE NE PASSE PLUS.

    LE COMITE
    """, "environnement-energie securite", "38563:commune",
  note="all capitals, no accents; energy savings + fear of assaults / police municipale")

m("paris-rendez-vous-senat", "Nicole Berthet <nicole.berthet@mairie-bernin.example>",
  "Rendez-vous au Sénat", """
    Madame la Sénatrice,

    Je serai à Paris le 18 mars pour le congrès de l'AMRF. Pourrions-nous nous voir au
    Sénat en fin de journée ?

    Nicole Berthet
    Maire de Bernin
    """, "", "75056:a 38039:signature",
  note="Paris named as a place: labelled (simple rule), though outside Isère; no theme (scheduling)")

m("taxe-habitation-residences-secondaires-huez", "Syndicat des propriétaires de l'Alpe <spa.huez@gmail.com>",
  "Majoration de la taxe d'habitation", """
    Madame la Sénatrice,

    La commune d'Huez a voté une majoration de 60 % de la taxe d'habitation sur les
    résidences secondaires. Nous contestons l'inscription de la commune en zone tendue.

    Le syndicat
    """, "finances-locales urbanisme-logement", "38191:commune",
  note="local tax surcharge (finances) tied to the housing zoning (zone tendue)")

m("fibre-optique-plurielle-latin1-crolles", "Syndic Les Terrasses <syndic.terrasses@wanadoo.fr>",
  "Raccordement des immeubles", """
    Madame la Sénatrice,

    Les quatre immeubles de notre copropriété, à Crolles, ne sont toujours pas raccordés.
    Les opérateurs se renvoient la responsabilité du raccordement vertical.

    Le syndic bénévole
    """, "numerique", "38140:a",
  note="no literal « fibre » in the body: raccordés / opérateurs; « Les Terrasses » is a residence name",
  enc="latin1-qp")

m("ehpad-prix-journee-qp-bourg", "Famille Perrin <famille.perrin@gmail.com>",
  "Prix de journée en maison de retraite", """
    Madame,

    Le tarif de la maison de retraite de Bourg-d'Oisans a augmenté de 12 %. Ma mère y vit
    depuis cinq ans ; sa pension ne suffit plus. L'aide sociale départementale est
    longue à obtenir.

    Famille Perrin
    """, "sante", "38052:plain",
  note="« maison de retraite » = EHPAD (synonym); « Bourg-d'Oisans » without its article", enc="qp")

m("sans-theme-objet-perdu", "Accueil Maison des associations <accueil.mda@gmail.com>",
  "Objet oublié", """
    Bonjour,

    Un parapluie noir et une écharpe bleue ont été oubliés dans la salle après votre
    réunion publique de lundi. Ils sont à l'accueil.

    L'accueil
    """, "", "")

m("ong-appel-dons", "Solidarité Sahel <dons@solidarite-sahel.example>",
  "Notre campagne d'hiver", """
    Madame, Monsieur,

    Cet hiver, aidez-nous à creuser des puits et à construire des écoles au Burkina Faso.
    Un don de 50 € permet de scolariser un enfant pendant un an.

    L'équipe de Solidarité Sahel
    """, "", "",
  note="fundraising mail about another country: puits/écoles abroad are not the office's policy areas")

m("sapeurs-pompiers-volontaires-disponibilite", "Capitaine Olivier Jacquet <o.jacquet@sdis38.example>",
  "Sapeurs-pompiers volontaires", """
    Madame la Sénatrice,

    Le centre d'incendie et de secours de Saint-Laurent-du-Pont manque de volontaires en
    journée. Les employeurs rechignent à libérer leurs salariés. Une incitation fiscale
    serait utile.

    Capitaine Jacquet
    """, "", "38412:plain",
  note="civil protection / firefighters is not one of the twelve themes (securite = police, gendarmerie); a tax incentive for employers is not local finance")

m("mairie-annexe-fermeture-echirolles-sans-theme", "Conseil citoyen Ouest <conseil.citoyen.ouest@gmail.com>",
  "Fermeture de la mairie annexe", """
    Madame la Sénatrice,

    La mairie annexe du quartier Ouest d'Échirolles fermera le mercredi. Les habitants les
    plus âgés devront traverser la ville pour leurs papiers.

    Le conseil citoyen
    """, "", "38151:plain",
  note="public-service opening hours: no theme of the twelve")

# ===========================================================================
# Messages — more datelines, postal lines and quoted replies
# ===========================================================================

m("soins-non-programmes-cremieu", "Dr Nicolas Berger <dr.berger@cabinet-exemple.fr>",
  "Centre de soins non programmés", """
    Crémieu, le 5 novembre 2025

    Madame la Sénatrice,

    Avec quatre confrères, nous voulons ouvrir un centre de soins non programmés pour
    désengorger les urgences de Bourgoin-Jallieu. L'ARS exige une permanence le
    dimanche que nous ne pouvons pas assurer. Pourriez-vous nous aider à trouver un
    compromis ?

    Dr Nicolas Berger
    Médecin généraliste
    """, "sante", "38138:dateline 38053:plain")

m("cambriolages-charvieu-postal", "Marcel Dufour <marcel.dufour@free.fr>",
  "Cambriolages dans notre lotissement", """
    Madame,

    Trois cambriolages en quinze jours dans notre rue, dont un en plein jour. Nous
    demandons davantage de patrouilles de gendarmerie et la vidéoprotection de
    l'entrée du quartier.

    Marcel Dufour
    12 chemin des Noyers
    38230 Charvieu-Chavagneux
    """, "securite", "38085:postal",
  note="« lotissement » only locates the burglaries: not urbanisme-logement")

m("zone-blanche-choranche-postal", "Mairie <mairie.choranche@orange.fr>",
  "Téléphonie mobile", """
    Madame la Sénatrice,

    Notre village est toujours privé de réseau mobile : aucun opérateur ne capte dans le
    bourg ni sur la route des grottes, pourtant très fréquentée l'été. Nous demandons
    l'inscription de la commune au dispositif de couverture ciblée.

    Le secrétariat de mairie
    Place de l'Église
    38680 CHORANCHE
    """, "numerique", "38108:postal",
  note="« Place de l'Église » is an address, « route des grottes » a landmark: no culture, no mobilites")

m("fibre-rencurel-dateline", "Anne Dutel <anne.dutel@mairie-rencurel.example>",
  "Fibre : hameaux oubliés", """
    Rencurel, le 2 février 2026

    Madame la Sénatrice,

    Le déploiement de la fibre s'est arrêté aux portes de nos hameaux des Écouges et du
    Faz, jugés trop coûteux à raccorder. Trente foyers restent avec un débit de 1 Mb/s.

    Anne Dutel
    Adjointe
    """, "numerique", "38333:dateline")

m("re-gendarmerie-heyrieux-outlook", "Cabinet du maire <cabinet@heyrieux-mairie.example>",
  "RE: Renforts de gendarmerie", """
    Merci, c'est noté. Le maire remercie la sénatrice pour son intervention.

    Le cabinet

    De : Permanence Hélène Marchal <permanence@senateur-exemple.fr>
    Envoyé : mercredi 9 juillet 2025 17:22
    À : cabinet@heyrieux-mairie.example
    Objet : Renforts de gendarmerie

    Madame, Monsieur,

    Le commandant du groupement nous confirme l'affectation de deux gendarmes
    supplémentaires à la brigade d'Heyrieux à compter du 1er septembre.

    La permanence
    """, "securite", "38189:plain",
  note="theme and commune only in the quoted Outlook block; the reply is about it")

m("re-medecin-traitant-pontcharra-gmail", "Hélène Rossi <helene.rossi@gmail.com>",
  "Re: Votre demande", """
    Merci beaucoup, j'ai appelé la CPAM ce matin !

    Hélène

    Le lun. 20 oct. 2025 à 11:48, Permanence Hélène Marchal <permanence@senateur-exemple.fr> a écrit :
    > Madame,
    > Concernant votre recherche de médecin traitant à Pontcharra, la CPAM de l'Isère
    > dispose d'un service d'accompagnement des patients sans médecin traitant.
    > Bien cordialement,
    > La permanence
    """, "sante", "38314:a",
  note="theme and commune only in the '> ' quoted lines")

m("tr-arrete-secheresse-noyarey", "Christian Vial <christian.vial@orange.fr>",
  "TR: Arrêté de restriction", """
    Bonjour, je vous transfère l'arrêté reçu hier : qu'en pensez-vous ?

    Christian Vial

    ---------- Forwarded message ---------
    De : Mairie de Noyarey <info@noyarey-mairie.example>
    Date: mar. 22 juil. 2025 à 09:15
    Subject: Arrêté de restriction

    Par arrêté préfectoral, les restrictions d'eau de niveau « alerte renforcée »
    s'appliquent à Noyarey : arrosage des jardins interdit de 8 h à 20 h, lavage des
    véhicules interdit.
    """, "eau-assainissement", "38281:a",
  note="theme only in the forwarded part; « des jardins » lower case is not Jardin (38199)")

m("college-la-tour-du-pin-dateline", "Principal adjoint <principal.adjoint@college-exemple.fr>",
  "Dotation horaire du collège", """
    La Tour-du-Pin, le 14 mars 2025

    Madame la Sénatrice,

    La dotation horaire globale de notre collège baisse de 38 heures à la rentrée : deux
    classes de sixième fusionneraient et l'option latin disparaîtrait.

    Le principal adjoint
    """, "education-jeunesse", "38509:dateline",
  note="« dotation horaire globale » is teaching hours, not a financial dotation: not finances-locales")

m("pharmacie-garde-beaurepaire-postal", "Lucette Rey <lucette.rey@laposte.net>",
  "Pharmacie de garde", """
    Madame,

    Le dimanche, la pharmacie de garde la plus proche est à 35 km. Sans voiture, je n'ai
    pas pu obtenir les antibiotiques prescrits à mon mari.

    Lucette Rey
    4 rue des Tilleuls
    38270 BEAUREPAIRE
    """, "sante", "38034:postal",
  note="homonyms of Beaurepaire elsewhere; 38270 picks the Isère one")

m("tablettes-college-pont-de-beauvoisin", "FCPE Pont-de-Beauvoisin <fcpe.pdb@gmail.com>",
  "Tablettes et ENT au collège", """
    Madame la Sénatrice,

    Au collège du Pont-de-Beauvoisin (38), les tablettes numériques distribuées aux élèves
    de cinquième ne se connectent pas : le débit internet de l'établissement est
    insuffisant. Les enseignants ont renoncé à l'ENT.

    Le conseil local FCPE
    """, "education-jeunesse numerique", "38315:dep",
  note="homonym Le Pont-de-Beauvoisin (73) on the other bank of the Guiers: « (38) » decides")

# ===========================================================================
# Traps — commune names as ordinary words or other things
# ===========================================================================

t("debat-vif", "Association Citoyens Actifs <citoyens.actifs@gmail.com>",
  "Compte rendu de la réunion publique", """
    Madame la Sénatrice,

    La réunion publique sur la réforme des retraites a donné lieu à un débat vif mais
    respectueux. Nous vous adressons la synthèse des questions posées.

    Le bureau
    """, note="« un débat vif »: adjective, not Vif (38545)")

t("vif-debat-debut-phrase", "Jacqueline Martel <jacqueline.martel@gmail.com>",
  "Conseil d'administration", """
    Madame,

    Vif débat hier soir au conseil d'administration du collège : la question des portables
    a divisé parents et enseignants. Je voulais vous en faire part.

    Jacqueline Martel
    """, note="« Vif débat » at the start of a sentence (capitalised)")

t("je-mens", "Thomas Reverdy <thomas.reverdy@gmail.com>",
  "Sincèrement", """
    Madame la Sénatrice,

    Je ne vous mens pas : j'ai attendu sept mois une réponse de la caisse d'allocations
    familiales. Si je mens, que l'on me le prouve. Aidez-moi.

    Thomas Reverdy
    """, note="« je mens », « vous mens »: verb mentir")

t("mens-sana", "Club Omnisports Seniors <cos.seniors@gmail.com>",
  "Mens sana in corpore sano", """
    Madame la Sénatrice,

    « Mens sana in corpore sano » : c'est la devise de notre club de gymnastique pour
    seniors, qui fête ses vingt ans. Un petit mot de votre part ferait plaisir aux
    adhérents.

    La présidente
    """, note="Latin quotation, capitalised « Mens »")

t("fontaine-du-village", "Patrimoine et Fontaines <patrimoine.fontaines@gmail.com>",
  "Nos fontaines", """
    Madame la Sénatrice,

    La fontaine du village, en pierre de 1820, ne coule plus. Notre association recense
    les fontaines et lavoirs du département pour les sauver.

    Le secrétaire
    """, note="« la fontaine du village »: a fountain; « en pierre »: not La Pierre")

t("fontaine-de-trevi", "Voyages Dauphiné Seniors <voyages.ds@gmail.com>",
  "Voyage à Rome", """
    Madame,

    Notre voyage de printemps nous mènera à Rome : Colisée, Vatican, Fontaine de Trevi.
    Quelques places restent disponibles si des membres de votre équipe le souhaitent.

    L'organisatrice
    """, note="« Fontaine de Trevi » capitalised; Rome is not a French commune")

t("jean-de-la-fontaine", "Compagnie Les Fabulistes <lesfabulistes@gmail.com>",
  "Spectacle pour les écoles", """
    Madame la Sénatrice,

    Notre compagnie joue les fables de Jean de La Fontaine dans les écoles primaires. Le
    spectacle « Le Corbeau et le Renard revisité » a reçu un excellent accueil.

    La directrice artistique
    """, note="Jean de La Fontaine, the author")

t("rives-du-drac", "France Nature Environnement Isère <fne38@example.org>",
  "Castors du Drac", """
    Madame la Sénatrice,

    Les rives du Drac abritent une colonie de castors menacée par les travaux
    d'endiguement. Nous demandons une étude complémentaire.

    FNE Isère
    """, note="« les rives du Drac »: riverbanks")

t("residence-les-rives", "Syndic Foncia Alpes <syndic.alpes@foncia-exemple.fr>",
  "Résidence Les Rives de l'Isère", """
    Madame,

    Le conseil syndical de la résidence Les Rives de l'Isère souhaite vous alerter sur les
    nuisances du chantier voisin. Rives et berges sont encombrées de gravats.

    Le syndic
    """, note="residence name « Les Rives de l'Isère » and « Rives et berges » at the start of a sentence")

t("passage-pieton", "Parents de l'école Jules-Ferry <parents.julesferry@gmail.com>",
  "Passage piéton dangereux", """
    Madame,

    Le passage piéton devant l'école est effacé depuis deux ans. Le passage des camions
    rend la traversée dangereuse pour les enfants.

    Les parents d'élèves
    """, note="« le passage piéton », « le passage des camions »")

t("passage-a-niveau", "Collectif PN 12 <collectif.pn12@gmail.com>",
  "Le Passage à niveau n° 12", """
    Madame la Sénatrice,

    Le Passage à niveau n° 12 reste fermé. Le passage à niveau est pourtant la seule
    desserte des fermes de l'autre côté de la voie.

    Le collectif
    """, note="« Le Passage à niveau » capitalised in the subject and at the start of a sentence")

t("riviere-deborde", "Stéphane Rival <stephane.rival@gmail.com>",
  "Inondation", """
    Madame,

    Dimanche, la rivière a débordé et ma cave a été inondée. L'assurance refuse de prendre
    en charge car l'état de catastrophe naturelle n'est pas reconnu.

    Stéphane Rival
    """, note="« la rivière a débordé »")

t("la-riviere-film", "Ciné-club Les Toiles <cineclub.lestoiles@gmail.com>",
  "Projection", """
    Madame la Sénatrice,

    Notre ciné-club projettera « La Rivière sans retour » d'Otto Preminger le 14 février.
    Vous êtes la bienvenue.

    Le ciné-club
    """, note="film title « La Rivière sans retour »")

t("orange-operateur", "Benoît Carron <benoit.carron@gmail.com>",
  "Ligne coupée", """
    Madame,

    Orange a coupé ma ligne téléphonique depuis trois semaines après un orage. Le service
    client d'Orange ne donne aucune date de réparation. Je suis dépendant de ma téléalarme.

    Benoît Carron
    """, note="Orange = the operator, not Orange (84087)")

t("vienne-autriche", "Office franco-autrichien <ofa.jeunesse@example.org>",
  "Échange de jeunes", """
    Madame la Sénatrice,

    Notre échange de jeunes conduira 20 lycéens isérois à Vienne, capitale de l'Autriche,
    en avril. Nous cherchons des parrains pour les bourses de voyage.

    La coordinatrice
    """, note="Vienne = Wien, Austria")

t("la-vienne-departement", "Fédération des foyers ruraux <foyers.ruraux@example.org>",
  "Rencontre nationale", """
    Madame la Sénatrice,

    Notre rencontre nationale se tiendra cette année dans la Vienne (86), au bord de la
    Vienne, en Nouvelle-Aquitaine. Une délégation de l'Isère y participera.

    Le secrétariat national
    """, note="« la Vienne (86) » = département and river: « Vienne (86) » looks like a département context but there is no commune Vienne in 86")

t("die-zeit", "Katrin Müller <k.mueller@example.de>",
  "Interview für Die Zeit", """
    Sehr geehrte Frau Senatorin,

    ich schreibe für Die Zeit einen Artikel über die französischen Berggemeinden. Wäre ein
    Interview am Telefon möglich? Die Fragen schicke ich Ihnen gern vorab.

    Mit freundlichen Grüßen
    Katrin Müller
    """, note="German article « Die » (Die Zeit, die Fragen)")

t("au-bar", "Gaëlle Simon <gaelle.simon@gmail.com>",
  "Rencontre informelle", """
    Madame,

    Plusieurs jeunes du quartier aimeraient vous rencontrer. Nous pourrions nous retrouver
    au bar de la place, samedi vers 11 h.

    Gaëlle Simon
    """, note="« au bar »: Bar (19016) not meant")

t("son-projet", "Marc Delorme <marc.delorme@gmail.com>",
  "Soutien à un projet", """
    Madame,

    Mon fils a monté son projet d'entreprise de menuiserie. Son dossier de prêt d'honneur
    passe en comité le mois prochain. Son banquier attend une lettre de soutien.

    Marc Delorme
    """, note="possessive « son », capitalised at sentence start too")

t("il-y-a", "Lucie Fabre <lucie.fabre@gmail.com>",
  "Rappel", """
    Madame,

    Il y a trois mois, je vous ai écrit au sujet de ma pension d'invalidité. Y a-t-il du
    nouveau ? Il y a urgence.

    Lucie Fabre
    """, note="« il y a », « Y a-t-il »: Y (80829) not meant")

t("eu-english", "James Whitfield <j.whitfield@example.co.uk>",
  "EU cohesion funds – study visit", """
    Dear Senator,

    Our think tank is organising a study visit on EU cohesion funds for mountain regions.
    Would you or a member of your staff be available for a short call? The EU delegation
    will visit the Alps next month.

    Kind regards,
    James Whitfield
    """, note="« EU » = European Union, not Eu (76255)")

t("eglise-saint-jean", "Chorale Saint-Jean <chorale.stjean@gmail.com>",
  "Concert de Noël", """
    Madame la Sénatrice,

    La chorale donnera son concert de Noël en l'église Saint-Jean, le 20 décembre à 20 h.
    L'entrée est libre au profit des Restos du cœur.

    Le chef de chœur
    """, note="church name « Saint-Jean », not Saint-Jean (31488)")

t("monsieur-le-maire", "Rémi Jacquier <remi.jacquier@gmail.com>",
  "Copie de ma lettre au maire", """
    Madame la Sénatrice,

    Pour information, voici la lettre que j'ai adressée à Monsieur le Maire : « Monsieur le
    Maire, je sollicite un rendez-vous au sujet du stationnement devant mon garage. »

    Rémi Jacquier
    """, note="« Monsieur le Maire » without a commune")

t("corps-enseignant", "SNUipp 38 <snuipp38@example.org>",
  "Le corps enseignant épuisé", """
    Madame la Sénatrice,

    Le corps enseignant du premier degré est épuisé. Corps de métier déconsidéré, les
    professeurs des écoles démissionnent en nombre.

    La section départementale
    """, note="« le corps enseignant », « Corps de métier » capitalised: not Corps (38128)")

t("plan-de-financement", "Cabinet Conseil Territoires <contact@conseil-territoires.example>",
  "Plan de financement", """
    Madame,

    Plan de financement, plan de relance, Plan Local d'Urbanisme : nous aidons les petites
    communes à monter leurs dossiers. Brochure en pièce jointe.

    Le cabinet
    """, note="« Plan » capitalised at the start and in « Plan Local d'Urbanisme »: not Plan (38308)")

t("loi-montagne", "Association nationale des élus de la montagne <anem@example.org>",
  "Quarante ans de la loi Montagne", """
    Madame la Sénatrice,

    À l'occasion des quarante ans de la loi Montagne, nous organisons un colloque au Sénat.
    La montagne mérite une politique spécifique.

    Le délégué général
    """, note="« loi Montagne », « la montagne »: not Montagne (38245)")

t("four-a-pain", "Les Amis du four banal <four.banal@gmail.com>",
  "Fête du pain", """
    Madame,

    Le four à pain restauré sera rallumé pour la fête du pain. Four, pétrin et fournil ont
    été remis en état par les bénévoles.

    Les Amis du four banal
    """, note="« le four à pain », « Four » at sentence start: not Four (38172)")

t("jardin-partage", "Jardins partagés de l'Abbaye <jardins.abbaye@gmail.com>",
  "Notre jardin partagé", """
    Madame la Sénatrice,

    Notre jardin partagé fête ses dix ans. Jardin pédagogique, compost collectif, ruches :
    venez nous voir quand vous voulez.

    Le collectif
    """, note="« jardin partagé », « Jardin pédagogique »: not Jardin (38199)")

t("engins-agricoles", "Entreprise de travaux agricoles Vial <eta.vial@gmail.com>",
  "Circulation des engins agricoles", """
    Madame,

    Les nouveaux ralentisseurs empêchent le passage de nos engins agricoles. Engins de
    plus de 3 m de large : aucune dérogation n'est prévue.

    ETA Vial
    """, note="« engins agricoles », « Engins » capitalised: not Engins (38153)")

t("beaufort-fromage", "Fromagerie des Alpages <fromagerie.alpages@gmail.com>",
  "Colis de Noël", """
    Madame,

    Votre colis de Noël est prêt : un beaufort d'alpage, un bleu du Vercors-Sassenage et une
    tomme. Beaufort d'été AOP, affiné 14 mois.

    La fromagerie
    """, note="Beaufort and « bleu du Vercors-Sassenage » are cheeses: no commune (Beaufort 38032, Sassenage 38474 not meant)")

t("val-daoste", "Alpes sans frontières <alpes.sansfrontieres@example.org>",
  "Coopération transfrontalière", """
    Madame la Sénatrice,

    Notre programme Interreg associe la Savoie et la Vallée d'Aoste. Une délégation
    valdôtaine sera en Isère en juin.

    Le chargé de mission
    """, note="Vallée d'Aoste (Italy): not Aoste (38012)")

t("vins-anjou", "Cave des Coteaux <cave.coteaux@gmail.com>",
  "Dégustation", """
    Madame,

    Nous organisons une dégustation de vins d'Anjou et de Savoie samedi. Rosé d'Anjou,
    mondeuse et jacquère seront à l'honneur.

    La cave
    """, note="Anjou (the wine region): not Anjou (38009)")

t("magicien-doz", "Théâtre des Marionnettes <theatre.marionnettes@gmail.com>",
  "Le Magicien d'Oz", """
    Madame la Sénatrice,

    Notre nouveau spectacle, « Le Magicien d'Oz », sera joué pour les enfants hospitalisés
    pendant les vacances de Noël.

    La compagnie
    """, note="« Le Magicien d'Oz »: not Oz (38289)")

t("colombe-paix", "Mouvement de la Paix 38 <paix38@example.org>",
  "Journée de la paix", """
    Madame la Sénatrice,

    Pour la journée internationale de la paix, nous lâcherons une colombe symbolique. La
    Colombe de Picasso ornera nos affiches.

    Le comité
    """, note="« une colombe », « La Colombe de Picasso »: not Colombe (38118)")

t("laboratoire-roche", "Visiteuse médicale <c.bernard@pharma-exemple.fr>",
  "Rupture de médicaments", """
    Madame la Sénatrice,

    Le laboratoire Roche annonce des tensions d'approvisionnement sur un anticancéreux.
    Roche a prévenu les pharmacies hospitalières.

    Catherine Bernard
    """, note="Roche = pharmaceutical company: not Roche (38339)")

t("jean-francois-revel", "Cercle libéral alpin <cercle.liberal@gmail.com>",
  "Conférence", """
    Madame,

    Notre prochaine conférence portera sur la pensée de Jean-François Revel. Revel,
    philosophe et académicien, reste d'actualité.

    Le cercle
    """, note="Jean-François Revel, philosopher: not Revel (38334 / 31451)")

t("beaulieu-nom-de-famille", "Thierry Beaulieu <thierry.beaulieu@gmail.com>",
  "Demande de rendez-vous", """
    Madame,

    Je suis Thierry Beaulieu, artisan couvreur. M. Beaulieu père a travaillé trente ans
    pour la collectivité. Je souhaiterais vous rencontrer au sujet de la commande publique.

    Thierry Beaulieu
    """, note="surname Beaulieu: not Beaulieu (38033)")

t("nice-english", "Sarah Collins <sarah.collins@example.com>",
  "Nice to meet you", """
    Dear Ms Marchal,

    It was nice to meet you at the conference. Have a nice weekend, and thank you for the
    tour of the Senate.

    Sarah Collins
    """, note="English « nice »: not Nice (06088)")

t("tours-de-scrutin", "Observatoire des élections <obs.elections@example.org>",
  "Étude sur les municipales", """
    Madame la Sénatrice,

    Notre étude porte sur les communes où les deux tours de scrutin ont été nécessaires.
    Tours et détours de la participation : la synthèse est jointe.

    L'observatoire
    """, note="« tours de scrutin », « Tours et détours »: not Tours (37261)")

t("bon-sens", "André Favier <andre.favier@orange.fr>",
  "Un peu de bon sens", """
    Madame,

    Le bon sens voudrait qu'on consulte les habitants avant de fermer un service public.
    Sens civique et démocratie vont ensemble.

    André Favier
    """, note="« bon sens », « Sens civique »: not Sens (89387)")

t("gap-anglicisme", "Start-up Alpes Data <contact@alpesdata.example>",
  "Étude de marché", """
    Madame,

    Il y a un gap important entre l'offre de formation numérique et les besoins des
    entreprises. Gap de compétences, gap de financement : nos chiffres en pièce jointe.

    Alpes Data
    """, note="anglicism « gap », capitalised at sentence start: not Gap (05061)")

t("saint-martin-fete", "Comité de jumelage <jumelage.isere@gmail.com>",
  "Fête de la Saint-Martin", """
    Madame,

    Nos amis allemands célèbrent la Saint-Martin le 11 novembre avec un défilé de
    lanternes. Nous reproduirons la tradition cette année.

    Le comité de jumelage
    """, note="feast « la Saint-Martin »: no Saint-Martin commune")

t("le-pin-parasol", "Élagage Services <elagage.services@gmail.com>",
  "Devis d'élagage", """
    Madame,

    Le pin parasol du jardin de la permanence menace la toiture. Le pin devra être abattu
    avant l'hiver. Devis joint.

    Élagage Services
    """, note="« Le pin parasol »: not Le Pin (homonyms, and déléguée of 38292)")

t("eglise-saint-sauveur", "Paroisse Saint-Sauveur <paroisse.stsauveur@gmail.com>",
  "Horaires des messes", """
    Madame,

    L'église Saint-Sauveur accueillera la messe de la Sainte-Cécile. La paroisse
    Saint-Sauveur remercie les musiciens bénévoles.

    Le secrétariat paroissial
    """, note="church and parish names: not Saint-Sauveur (38454 or its homonyms)")

t("debat-vif-meylan-reel", "Observateur citoyen <observateur.citoyen@gmail.com>",
  "Conseil municipal agité", """
    Madame la Sénatrice,

    Un débat vif a opposé majorité et opposition au conseil municipal de Meylan hier soir.
    La fontaine de la place de la mairie a servi de décor aux manifestants.

    Un observateur
    """, communes="38229:commune",
  note="trap words (vif, fontaine) plus a real commune, « conseil municipal de Meylan »")

t("rives-isere-grenoble-reel", "Club d'aviron de Grenoble <aviron.grenoble@gmail.com>",
  "Aménagement des berges", """
    Madame la Sénatrice,

    Les rives de l'Isère, à Grenoble, sont interdites d'accès depuis les crues. Notre
    passage vers le ponton est fermé. La rivière a emporté une partie de l'enrochement.

    Le président
    """, communes="38185:a",
  note="rives, passage, rivière as ordinary words; Grenoble is real")

t("orange-vienne-reel", "Hôtel du Rhône <reservation@hotel-rhone-exemple.fr>",
  "Coupure internet", """
    Madame,

    Suite à votre séjour à Vienne (38), veuillez excuser la coupure internet : Orange est
    intervenu le lendemain. Vienne, capitale de l'Autriche, n'a rien à voir avec la ville
    romaine de notre Isère.

    La réception
    """, communes="38544:dep",
  note="Vienne (38) is the commune; the second Vienne is Austria; Orange is the operator")

t("mens-commune-reelle", "Randonneurs du Trièves <rando.trieves@gmail.com>",
  "Sortie du dimanche", """
    Madame,

    Je mens si je dis que la marche était facile ! Départ de Mens (38), montée au col,
    descente par la rivière. Merci d'avoir marché avec nous.

    Le club
    """, communes="38226:dep",
  note="« je mens » is the verb; « Mens (38) » is the commune")

t("die-26-festival-reel", "Festival de la Clairette <festival.clairette@gmail.com>",
  "Festival", """
    Madame,

    Die Zeit a consacré un article à notre festival ! Rendez-vous à Die (26) fin août pour
    la prochaine édition.

    L'équipe
    """, communes="26113:dep",
  note="« Die Zeit » is the German newspaper; « Die (26) » is the commune")

t("fontaine-reelle-et-trevi", "Agence Voyages Fontaine <agence.voyages.fontaine@gmail.com>",
  "Programme", """
    Madame,

    Notre agence, installée à Fontaine depuis 1990, propose un séjour à Rome : Fontaine de
    Trevi, Panthéon. Départ en car depuis la gare de Grenoble.

    L'agence
    """, communes="38169:a 38185:plain",
  note="« à Fontaine » is the commune; « Fontaine de Trevi » is not")

# ===========================================================================
# Rule tests (fixtures/rules/<theme>.test)
# ===========================================================================

_H = "From: {f}\nTo: permanence@senateur-exemple.fr\nSubject: {s}\n\n"


def rt(theme: str, expect: bool, frm: str, subject: str, body: str) -> None:
    r(theme, expect, _H.format(f=frm, s=subject) + textwrap.dedent(body).strip("\n") + "\n")


# finances-locales
rt("finances-locales", True, "Mairie de Vif <maire@mairie-vif.fr>", "Dossier DETR",
   "Notre dossier de DETR pour la toiture de la mairie attend toujours l'avis de la préfecture.")
rt("finances-locales", True, "Adjoint aux finances <finances@mairie-exemple.fr>", "Dotations 2026",
   "Les dotations de l'État baissent encore : notre DGF perd 3 % et la DSR 5 %.")
rt("finances-locales", True, "Club de foot <club@foot-exemple.fr>", "Aide",
   "Nous sollicitons des subventions pour refaire les vestiaires du stade municipal.")
rt("finances-locales", False, "AAPPMA <aappma@peche-exemple.fr>", "Assemblée générale",
   "Ordre du jour : vote du budget de notre association de pêche, lâchers de truites.")
rt("finances-locales", False, "Un citoyen <citoyen@exemple.fr>", "Aide",
   "Mes finances personnelles sont dans le rouge, je dois monter un dossier de surendettement.")
rt("finances-locales", False, "Cabinet comptable <cabinet@exemple.fr>", "Rappel",
   "Pensez à mettre à jour votre déclaration de situation patrimoniale.")

# eau-assainissement
rt("eau-assainissement", True, "Mairie <mairie@exemple.fr>", "STEP",
   "La station d'épuration est saturée, les permis sont suspendus.")
rt("eau-assainissement", True, "Syndicat des eaux <sie@exemple.fr>", "Compétence eau",
   "Le transfert de la compétence eau et assainissement inquiète nos communes rurales.")
rt("eau-assainissement", True, "GAEC <gaec@exemple.fr>", "Restrictions",
   "L'arrêté sécheresse interdit l'arrosage ; les restrictions d'eau durent depuis juillet.")
rt("eau-assainissement", False, "Isabelle <isabelle@exemple.fr>", "Merci",
   "Beaucoup d'eau a coulé sous les ponts depuis notre première rencontre, merci encore.")
rt("eau-assainissement", False, "Patrimoine et Fontaines <pf@exemple.fr>", "Nos fontaines",
   "Nous recensons les fontaines anciennes du département pour un livre illustré.")
rt("eau-assainissement", False, "Club de natation <club@natation-exemple.fr>", "Gala",
   "Notre gala de natation aura lieu à la piscine municipale samedi.")

# urbanisme-logement
rt("urbanisme-logement", True, "Maire <maire@exemple.fr>", "ZAN",
   "Le ZAN compromet le lotissement prévu en entrée de village.")
rt("urbanisme-logement", True, "Une habitante <habitante@exemple.fr>", "Demande",
   "J'attends un logement social depuis quatre ans, nous sommes cinq dans un T2.")
rt("urbanisme-logement", True, "Propriétaire <proprio@exemple.fr>", "Refus",
   "Mon permis de construire a été refusé sur la base d'une règle absente du PLU.")
rt("urbanisme-logement", False, "Conseil de quartier <cq@exemple.fr>", "Merci",
   "Nous voulons construire une relation de confiance durable avec les élus.")
rt("urbanisme-logement", False, "Auto-école <ae@exemple.fr>", "Permis",
   "Nos élèves attendent quatre mois une place d'examen du permis de conduire.")
rt("urbanisme-logement", False, "Citoyen <citoyen@exemple.fr>", "Retraite",
   "Ma demande de retraite est bloquée depuis six mois à la CARSAT.")

# education-jeunesse
rt("education-jeunesse", True, "Parents d'élèves <ape@exemple.fr>", "Carte scolaire",
   "Une fermeture de classe est annoncée à l'école élémentaire à la rentrée.")
rt("education-jeunesse", True, "Famille <famille@exemple.fr>", "Cantine",
   "Le prix du repas à la cantine scolaire passe à 4,90 €.")
rt("education-jeunesse", True, "FCPE <fcpe@exemple.fr>", "Sureffectif",
   "Le collège accueille 850 élèves pour 700 places.")
rt("education-jeunesse", False, "Cercle de réflexion <cercle@exemple.fr>", "Revue",
   "Notre cercle n'appartient à aucune école de pensée.")
rt("education-jeunesse", False, "Électeur <electeur@exemple.fr>", "Question",
   "Comment est composé le collège électoral des sénatoriales ?")
rt("education-jeunesse", False, "Citoyen <citoyen@exemple.fr>", "Colère",
   "La classe politique ne nous écoute plus.")

# sante
rt("sante", True, "Maire <maire@exemple.fr>", "Désert médical",
   "Notre dernier médecin généraliste part à la retraite sans successeur.")
rt("sante", True, "Comité de défense <comite@exemple.fr>", "Urgences",
   "Les urgences de l'hôpital ferment la nuit faute de médecins.")
rt("sante", True, "Syndicat <syndicat@exemple.fr>", "EHPAD",
   "À l'EHPAD, une aide-soignante pour quinze résidents la nuit.")
rt("sante", False, "Adjoint <adjoint@exemple.fr>", "Finances",
   "La santé financière de notre commune se dégrade depuis trois ans.")
rt("sante", False, "Famille <famille@exemple.fr>", "Meilleurs vœux",
   "Toute la famille vous souhaite une bonne année et une bonne santé !")
rt("sante", False, "Citoyen <citoyen@exemple.fr>", "Donneurs de leçons",
   "C'est l'hôpital qui se moque de la charité.")

# securite
rt("securite", True, "Maire <maire@exemple.fr>", "Gendarmerie",
   "La brigade de gendarmerie ne serait plus ouverte que deux demi-journées.")
rt("securite", True, "Habitants <habitants@exemple.fr>", "Cambriolages",
   "Sept maisons cambriolées en un mois dans notre quartier.")
rt("securite", True, "Police municipale <pm@exemple.fr>", "Caméras",
   "Notre projet de vidéoprotection a été retenu au FIPD à 20 %.")
rt("securite", False, "Retraité <retraite@exemple.fr>", "Dossier",
   "La caisse de sécurité sociale ne répond plus à mes courriers.")
rt("securite", False, "Atelier graphique <atelier@exemple.fr>", "Maquette",
   "Nous avons changé la police de caractères du titre.")
rt("securite", False, "Proviseure <proviseure@exemple.fr>", "Internat",
   "L'internat doit fermer une aile pour raisons de sécurité incendie.")

# agriculture
rt("agriculture", True, "Éleveur <eleveur@exemple.fr>", "Loup",
   "Nouvelle attaque de loups cette nuit : 23 brebis tuées.")
rt("agriculture", True, "Exploitante <earl@exemple.fr>", "PAC",
   "Je n'ai toujours pas reçu le solde de mes aides PAC.")
rt("agriculture", True, "ASA <asa@exemple.fr>", "Irrigation",
   "Notre retenue collinaire sécuriserait l'irrigation de 400 ha.")
rt("agriculture", False, "Particulier <particulier@exemple.fr>", "Ma PAC",
   "Ma PAC (pompe à chaleur air-eau) n'a toujours pas reçu la prime.")
rt("agriculture", False, "Restaurant <resto@exemple.fr>", "Menu",
   "Au menu : tartare de loup de mer et tarte aux noix.")
rt("agriculture", False, "Mairie <mairie@exemple.fr>", "Cyberattaque",
   "Un rançongiciel est entré à pas de loup dans notre informatique.")

# mobilites
rt("mobilites", True, "Maire <maire@exemple.fr>", "RD 1075",
   "Les travaux sur la RD 1075 imposent une circulation alternée pendant onze mois.")
rt("mobilites", True, "Usagers <usagers@exemple.fr>", "TER",
   "La ligne TER sera fermée six mois, avec des cars de substitution.")
rt("mobilites", True, "Mairie <mairie@exemple.fr>", "Car scolaire",
   "La Région supprime le car scolaire du hameau.")
rt("mobilites", False, "Secrétariat <secretariat@exemple.fr>", "Fermeture",
   "Nos bureaux seront fermés pendant le pont de l'Ascension.")
rt("mobilites", False, "Citoyen <citoyen@exemple.fr>", "Élections",
   "Ma feuille de route pour les élections sera simple.")
rt("mobilites", False, "Isabelle <isabelle@exemple.fr>", "Merci",
   "Beaucoup d'eau a coulé sous les ponts, merci pour votre écoute.")

# numerique
rt("numerique", True, "Maire <maire@exemple.fr>", "Fibre",
   "30 % des logements restent non raccordables à la fibre optique.")
rt("numerique", True, "Association <asso@exemple.fr>", "Réseau",
   "Zone blanche totale : aucun opérateur ne capte dans la vallée.")
rt("numerique", True, "Riverains <riverains@exemple.fr>", "Antenne",
   "Un opérateur veut implanter une antenne relais 4G de 36 m.")
rt("numerique", False, "Union sportive <us@exemple.fr>", "Remerciements",
   "Nous connaissons votre fibre associative, merci pour votre message.")
rt("numerique", False, "Aidants <aidants@exemple.fr>", "Notre réseau",
   "Notre réseau d'entraide réunit 150 aidants familiaux.")
rt("numerique", False, "Syndicat des eaux <sie@exemple.fr>", "Fuites",
   "Le réseau d'eau potable perd 38 % de l'eau produite.")

# environnement-energie
rt("environnement-energie", True, "Collectif <collectif@exemple.fr>", "Éolien",
   "Un développeur prévoit huit éoliennes de 200 m en forêt.")
rt("environnement-energie", True, "Mairie <mairie@exemple.fr>", "Toitures",
   "Nous voulons installer des panneaux photovoltaïques sur les toitures communales.")
rt("environnement-energie", True, "Habitante <habitante@exemple.fr>", "Dépôts",
   "Le chemin est devenu une décharge : gravats, pneus, déchets ménagers.")
rt("environnement-energie", False, "Candidate <candidate@exemple.fr>", "Candidature",
   "Je souhaite mettre toute mon énergie au service de votre équipe.")
rt("environnement-energie", False, "Étudiante <etudiante@exemple.fr>", "Stage",
   "Je cherche un stage dans un environnement de travail exigeant.")
rt("environnement-energie", False, "Usagers <usagers@exemple.fr>", "Piscine",
   "La piscine intercommunale ferme pour deux ans de travaux.")

# culture-patrimoine-sport
rt("culture-patrimoine-sport", True, "Paroisse <paroisse@exemple.fr>", "Église",
   "La restauration du clocher de l'église est urgente.")
rt("culture-patrimoine-sport", True, "Club de handball <hbc@exemple.fr>", "Gymnase",
   "Le gymnase municipal n'a plus de chauffage fiable.")
rt("culture-patrimoine-sport", True, "Festival <festival@exemple.fr>", "Festival",
   "Le festival fête ses trente ans ; le soutien du ministère de la Culture baisse.")
rt("culture-patrimoine-sport", False, "Citoyen <citoyen@exemple.fr>", "Rendez-vous",
   "Obtenir un rendez-vous avec vos services, c'est du sport !")
rt("culture-patrimoine-sport", False, "Habitante <habitante@exemple.fr>", "Station",
   "La station d'épuration en est au stade de l'avant-projet.")
rt("culture-patrimoine-sport", False, "Cabinet <cabinet@exemple.fr>", "HATVP",
   "Rappel : déclaration de situation patrimoniale à mettre à jour.")

# invitation-protocole
rt("invitation-protocole", True, "Cabinet du maire <cabinet@exemple.fr>", "Vœux",
   "Le maire vous convie à la cérémonie des vœux le 16 janvier à 19 h.")
rt("invitation-protocole", True, "Mairie <protocole@exemple.fr>", "11 novembre",
   "Vous êtes invitée à la commémoration du 11 novembre au monument aux morts.")
rt("invitation-protocole", True, "Association <asso@exemple.fr>", "AG",
   "Nous avons le plaisir de vous inviter à notre assemblée générale le 14 mars.")
rt("invitation-protocole", False, "Newsletter <news@exemple.fr>", "Publications",
   "Nous vous invitons à consulter notre site pour lire le dossier du mois.")
rt("invitation-protocole", False, "Habitant <habitant@exemple.fr>", "ZAN",
   "Les promesses d'assouplir le ZAN ne sont que des vœux pieux.")
rt("invitation-protocole", False, "Riverains <riverains@exemple.fr>", "Bruit",
   "Depuis l'inauguration de l'échangeur, le bruit ne cesse plus.")

# ===========================================================================
# Building the messages
# ===========================================================================

_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _last_sunday(y: int, m: int) -> _dt.date:
    d = _dt.date(y, m + 1, 1) - _dt.timedelta(days=1) if m < 12 else _dt.date(y, 12, 31)
    while d.weekday() != 6:
        d -= _dt.timedelta(days=1)
    return d


def _rfc2822(d: _dt.datetime) -> str:
    summer = _last_sunday(d.year, 3) <= d.date() < _last_sunday(d.year, 10)
    tz = "+0200" if summer else "+0100"
    return (f"{_DAYS[d.weekday()]}, {d.day:02d} {_MONTHS[d.month - 1]} {d.year} "
            f"{d.hour:02d}:{d.minute:02d}:{d.second:02d} {tz}")


def _date_for(i: int, n: int, start: _dt.date, days: int) -> _dt.datetime:
    day = start + _dt.timedelta(days=i * days // max(n, 1))
    return _dt.datetime(day.year, day.month, day.day, 7 + (i * 7) % 12, (i * 13) % 60,
                        (i * 29) % 60)


def _enc_header(value: str, raw_utf8: bool) -> str:
    if value.isascii() or raw_utf8:
        return value
    return email.header.Header(value, "utf-8", header_name="Subject").encode()


def _enc_from(sender: str, raw_utf8: bool) -> str:
    name, addr = email.utils.parseaddr(sender)
    assert addr and "@" in addr, sender
    if raw_utf8 and not name.isascii():
        return f"{name} <{addr}>"
    if name.isascii():
        return email.utils.formataddr((name, addr))
    return f"{email.header.Header(name, 'utf-8').encode()} <{addr}>"


def _part_body(text: str, enc: str) -> tuple[str, str, bytes]:
    """Return (charset, transfer encoding, encoded body with LF)."""
    if enc == "8bit":
        return "utf-8", "8bit", text.encode("utf-8")
    if enc == "qp":
        return "utf-8", "quoted-printable", quopri.encodestring(text.encode("utf-8"))
    if enc == "b64":
        return "utf-8", "base64", base64.encodebytes(text.encode("utf-8"))
    if enc == "latin1":
        return "iso-8859-1", "8bit", text.encode("latin-1")
    if enc == "latin1-qp":
        return "iso-8859-1", "quoted-printable", quopri.encodestring(text.encode("latin-1"))
    raise ValueError(enc)


def _html(text: str) -> str:
    paras = [p.strip() for p in text.strip().split("\n\n")]
    esc = [p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
           .replace("\n", "<br>\n") for p in paras]
    return ("<html><head><meta charset=\"utf-8\"></head><body>\n"
            + "\n".join(f"<p>{p}</p>" for p in esc) + "\n</body></html>\n")


def build(mail: Mail, fname: str, i: int, when: _dt.datetime) -> bytes:
    raw_utf8 = mail.enc == "8bit" and i % 11 == 5   # a few RFC 6532 raw UTF-8 headers
    name, addr = email.utils.parseaddr(mail.sender)
    domain = addr.split("@", 1)[1]
    mid = hashlib.sha1(fname.encode()).hexdigest()[:20]
    h = [
        f"From: {_enc_from(mail.sender, raw_utf8)}",
        f"To: {OFFICE_FROM if i % 3 == 0 else OFFICE}" if OFFICE_FROM.isascii()
        else f"To: {_enc_from(OFFICE_FROM, False) if i % 3 == 0 else OFFICE}",
        f"Subject: {_enc_header(mail.subject, raw_utf8)}",
        f"Date: {_rfc2822(when)}",
        f"Message-ID: <{mid}@{domain}>",
    ]
    low = mail.subject.lower()
    if low.startswith(("re:", "tr:", "fwd:")):
        h.append(f"In-Reply-To: <{hashlib.sha1((fname + 'parent').encode()).hexdigest()[:20]}"
                 f"@senateur-exemple.fr>")
    if i % 4 == 1:
        h.append("X-Mailer: Microsoft Outlook 16.0")
    elif i % 4 == 2:
        h.append("User-Agent: Mozilla Thunderbird")
    if mail.extra:
        h.extend(mail.extra.strip("\n").split("\n"))
    h.append("MIME-Version: 1.0")
    if mail.html:
        boundary = f"=_alt_{mid[:12]}"
        h.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
        _, _, plain = _part_body(mail.body, "qp")
        _, _, html = _part_body(_html(mail.body), "qp")
        body = (f"--{boundary}\n"
                "Content-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: quoted-printable\n\n").encode() + plain
        body += (f"\n--{boundary}\n"
                 "Content-Type: text/html; charset=utf-8\n"
                 "Content-Transfer-Encoding: quoted-printable\n\n").encode() + html
        body += f"\n--{boundary}--\n".encode()
    else:
        charset, cte, body = _part_body(mail.body, mail.enc)
        h.append(f"Content-Type: text/plain; charset={charset}; format=flowed"
                 if i % 5 == 3 and cte == "8bit" else f"Content-Type: text/plain; charset={charset}")
        h.append(f"Content-Transfer-Encoding: {cte}")
    data = ("\n".join(h) + "\n\n").encode("utf-8") + body
    data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return data


def ordered(mails: list[Mail]) -> list[Mail]:
    """Mix the themes: order by a hash of the slug (stable, deterministic)."""
    slugs = [x.slug for x in mails]
    dup = [s for s, c in Counter(slugs).items() if c > 1]
    assert not dup, f"duplicate slugs: {dup}"
    return sorted(mails, key=lambda x: hashlib.sha1(x.slug.encode()).hexdigest())


# ===========================================================================
# Gazetteer, folding, checks
# ===========================================================================


def load_gazetteer():
    communes: dict[str, tuple[str, str, list[str]]] = {}
    with open(COMMUNES_TSV, encoding="utf-8") as f:
        next(f)
        for line in f:
            code, nom, dep, cps, _pop = line.rstrip("\n").split("\t")
            communes[code] = (nom, dep, cps.split(",") if cps else [])
    anciennes: dict[str, list[str]] = {}
    with open(ANCIENNES_TSV, encoding="utf-8") as f:
        next(f)
        for line in f:
            nom, code_actuel, _typ, _anc = line.rstrip("\n").split("\t")
            anciennes.setdefault(code_actuel, []).append(nom)
    return communes, anciennes


# Usual short forms, used only by the validator to find the name in the text.
ALIASES = {
    "38053": ["Bourgoin"],
    "38524": ["Varces"],
    "38001": ["Abrets en Dauphiné"],
}


def fold_case(s: str) -> str:
    """Accents off, typographic apostrophes straight, hyphens as spaces, case kept."""
    s = (s.replace("’", "'").replace("ʼ", "'").replace("œ", "oe").replace("Œ", "OE")
         .replace("æ", "ae").replace("Æ", "AE"))
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("-", " ").replace("\u00a0", " ")
    s = re.sub(r"\b(S)t\b", r"\1aint", s)
    s = re.sub(r"\b(s)t\b", r"\1aint", s)
    s = re.sub(r"\b(S)te\b", r"\1ainte", s)
    return s


def fold(s: str) -> str:
    return fold_case(s).lower()


_ART = r"(?:(?:le|la|les) |l')?"


def _base(name: str) -> str:
    f = fold(name)
    for art in ("le ", "la ", "les ", "l'"):
        if f.startswith(art):
            return f[len(art):]
    return f


def names_for(code: str, ctx: str, communes, anciennes) -> list[str]:
    current = communes[code][0]
    if ctx == "ancienne":
        return [n for n in anciennes.get(code, []) if fold(n) != fold(current)]
    return [current] + ALIASES.get(code, [])


def check_context(text: str, code: str, ctx: str, communes, anciennes) -> bool:
    """Does ``text`` name commune ``code`` in the context type ``ctx``?"""
    fl = fold(text)
    ft = re.sub(r"\s+", " ", fl)
    fc = re.sub(r"\s+", " ", fold_case(text))
    names = names_for(code, ctx, communes, anciennes)
    if not names:
        return False
    n = "(?:" + "|".join(re.escape(_base(x)) for x in names) + r")(?!\w)"
    pats = {
        "mairie": r"(?:mairie|ville|hotel de ville) (?:de |d'|du |des )" + _ART + n,
        "commune": r"(?:communes?|conseil municipal|commune nouvelle) (?:de |d'|du |des )" + _ART + n,
        "a": r"(?<!\w)(?:a |au |aux )" + _ART + n,
        "dep": r"(?<!\w)" + _ART + n + r" ?\((?:\d{2,3}|\d{5}|2a|2b|isere|drome|savoie)\)",
        "postal": r"(?<!\d)\d{5} " + _ART + n,
        "signature": r"(?:maire|adjoint|adjointe|conseiller|conseillere)"
                     r"(?: [\w' ]{0,40}?)? (?:de |d'|du |des )" + _ART + n,
    }
    if ctx == "dateline":
        return re.search(r"(?m)^[ \t]*" + _ART + n + r", le \d", fl) is not None
    if ctx in pats:
        return re.search(pats[ctx], ft) is not None
    # plain / ancienne: a capitalised occurrence
    for mt in re.finditer(r"(?<!\w)" + n, ft):
        if fc[mt.start()].isupper():
            return True
    return False


THEME_WORDS = {
    "finances-locales": ["detr", "dsil", "dgf", "dsr", "fonds vert", "fonds chaleur", "subvention",
                         "budget", "dotation", "financ", "fiscal", "taxe", "emprunt", "credits",
                         "prelevement", "depense", "redevance", "aide de l'etat", "aides de l'etat",
                         "tresorerie", "aide de l'ans", "agence nationale du sport", "fipd", "crte", "fonds friches", "soutien du ministere", "versement mobilite",
                         "plan lecture", "credits"],
    "eau-assainissement": ["eau", "eaux", "assainissement", "epuration", "secheresse", "captage",
                           "spanc", "potable", "fosse", "canalisation", "source",
                           "retenue collinaire"],
    "urbanisme-logement": ["plu", "plui", "zan", "permis de construire", "sru", "logement",
                           "lotissement", "urbanis", "construct", "foncier", "friche", "habitat",
                           "artificialisation", "inconstructible", "renovation urbaine",
                           "meubles de tourisme", "zone tendue"],
    "education-jeunesse": ["ecole", "classe", "scolaire", "cantine", "college", "lycee",
                           "periscolaire", "jeunesse", "jeune", "eleve", "enseignant", "aesh",
                           "etudiant", "universit", "creche", "enfance", "enfants"],
    "sante": ["medecin", "medical", "sante", "urgences", "pharmac", "hopital", "ehpad", "infirm",
              "soins", "dentist", "maternite", "smur", "psychiatr", "maison de retraite",
              "chirurgie", "soignant"],
    "securite": ["gendarm", "videoprotection", "incivilit", "police", "cambriol", "securite",
                 "delinquan", "rodeo", "trafic", "agress", "coups de feu", "effraction"],
    "agriculture": ["loup", "pac", "eleveur", "irrigation", "agricult", "agricole", "pastoral",
                    "troupeau", "exploitation", "exploitante", "berger", "alpage", "elevage",
                    "brebis", "lait", "noix", "agrivolta", "nuciculteur", "foin", "producteurs"],
    "mobilites": ["route", "pont", "ter", "train", "transport", "rd", "car", "cyclable", "cycliste",
                  "velo", "bus", "voirie", "circulation", "gare", "autoroute", "covoiturage",
                  "ligne", "ferroviaire", "chaussee", "funiculaire", "echangeur", "a480", "a48",
                  "travaux de la rue", "navetteur", "rocade"],
    "numerique": ["fibre", "zone blanche", "zones blanches", "4g", "5g", "antenne",
                  "couverture mobile", "reseau mobile", "internet", "numerique", "adsl",
                  "operateur", "debit", "raccord", "rancongiciel", "informatique", "telephon"],
    "environnement-energie": ["eolien", "eolienne", "photovolta", "dechet", "renovation energetique",
                              "chaufferie", "energ", "solaire", "climat", "hydroelectri",
                              "methani", "pompe a chaleur", "isol", "decharge", "depots sauvages",
                              "renaturation", "chaleur", "eclairage", "maprimerenov",
                              "agrivolta", "thermique", "chauffage"],
    "culture-patrimoine-sport": ["eglise", "patrimoine", "musee", "festival", "gymnase", "stade",
                                 "sport", "club", "cultur", "concert", "mediatheque",
                                 "bibliotheque", "chapelle", "theatre", "piscine", "cinema",
                                 "monument", "abbatiale", "ski", "tennis", "handball", "football",
                                 "rugby", "olympique", "biathlon"],
    "invitation-protocole": ["inaugur", "voeux", "ceremonie", "assemblee generale", "commemor",
                             "invit", "convi", "congres", "remise", "premiere pierre",
                             "audience solennelle", "presence", "colloque"],
}


def theme_hits(text: str) -> dict[str, list[str]]:
    ft = fold(text)
    out: dict[str, list[str]] = {}
    for th, words in THEME_WORDS.items():
        hits = [w for w in words
                if re.search(r"(?<!\w)" + re.escape(w) + (r"(?!\w)" if w == "plu" else r"s?(?!\w)" if len(w) <= 4 else ""), ft)]
        if hits:
            out[th] = hits
    return out


def decoded_text(data: bytes) -> tuple[email.message.EmailMessage, str]:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    for hname in ("From", "To", "Subject", "Date", "Message-ID"):
        assert msg[hname] is not None, f"missing {hname}"
    assert OFFICE in str(msg["To"]), "To is not the office"
    year = email.utils.parsedate_to_datetime(str(msg["Date"])).year
    assert year in (2025, 2026), f"Date year {year}"
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None, "no text/plain part"
    body = part.get_content()
    assert "\ufffd" not in body and "\ufffd" not in str(msg["Subject"]), "undecodable text"
    return msg, str(msg["Subject"]) + "\n" + body


# ===========================================================================
# Main
# ===========================================================================


def _csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        w.writerow(row)
    return buf.getvalue()


def quoted_kind(body: str) -> str | None:
    if "-----Message d'origine-----" in body or re.search(r"(?m)^\s*>? ?De : .*\n.*Envoy", body):
        return "outlook"
    if "Forwarded message" in body:
        return "forward"
    if re.search(r"(?m)^> ", body):
        return "gmail"
    return None


def main() -> int:
    review = "--review" in sys.argv[1:]
    communes, anciennes = load_gazetteer()
    errors: list[str] = []

    msgs = ordered(MESSAGES)
    traps = ordered(TRAPS)

    for d in (OUT_TAG / "messages", OUT_TAG / "traps"):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    OUT_RULES.mkdir(parents=True, exist_ok=True)
    for old in OUT_RULES.glob("*.test"):
        old.unlink()

    written: list[tuple[Mail, str, bytes]] = []
    for sub, items, start, days in (("messages", msgs, _dt.date(2025, 1, 6), 536),
                                    ("traps", traps, _dt.date(2025, 2, 3), 480)):
        for i, mail in enumerate(items):
            fname = f"{i + 1:03d}-{mail.slug}.eml"
            data = build(mail, fname, i, _date_for(i, len(items), start, days))
            (OUT_TAG / sub / fname).write_bytes(data)
            written.append((mail, fname, data))

    label_rows = [["file", "themes", "communes", "note"]]
    trap_rows = [["file", "communes", "note"]]
    isere_names = sorted({fold(v[0]) for k, v in communes.items() if v[1] == "38"}
                         | {fold(n) for k, ns in anciennes.items() if k.startswith("38")
                            for n in ns}, key=len, reverse=True)
    isere_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in isere_names) + r")(?!\w)")

    for mail, fname, data in written:
        where = f"{mail.kind}/{fname}"
        if b"\n" in data.replace(b"\r\n", b""):
            errors.append(f"{where}: bare LF")
        try:
            _msg, text = decoded_text(data)
        except Exception as e:  # noqa: BLE001
            errors.append(f"{where}: {e}")
            continue
        codes = [c for c, _ in mail.communes]
        if len(set(codes)) != len(codes):
            errors.append(f"{where}: duplicate commune code")
        for code, ctx in mail.communes:
            if code not in communes:
                errors.append(f"{where}: commune {code} not in communes.tsv")
                continue
            if not check_context(text, code, ctx, communes, anciennes):
                errors.append(f"{where}: {code} ({communes[code][0]}) not found as {ctx}")
        for th in mail.themes:
            if th not in THEMES:
                errors.append(f"{where}: unknown theme {th}")
        hits = theme_hits(text)
        for th in mail.themes:
            if th not in hits:
                errors.append(f"{where}: theme {th} has none of its words in the message")
        if mail.kind == "trap":
            if mail.themes:
                errors.append(f"{where}: traps carry no themes")
            if not mail.note:
                errors.append(f"{where}: trap without a note")
            if re.search(r"@(?:mairie|ville)[-.]|@[\w.-]*mairie", mail.sender):
                errors.append(f"{where}: trap sender is a town hall")
        if review:
            extra = {th: w for th, w in hits.items() if th not in mail.themes}
            ft, fc = fold(text), fold_case(text)
            labelled = set()
            for code, ctx in mail.communes:
                labelled |= {_base(n) for n in names_for(code, ctx, communes, anciennes)}
                labelled |= {_base(n) for n in names_for(code, "plain", communes, anciennes)}
            found = sorted({mt.group(0) for mt in isere_re.finditer(ft)
                            if fc[mt.start()].isupper()
                            and not any(mt.group(0).endswith(b) for b in labelled)})
            if extra or found:
                print(f"REVIEW {where}: themes={mail.themes} unlabelled-words={extra} "
                      f"isere-names={found}")
        cs = ",".join(codes)
        if mail.kind == "msg":
            label_rows.append([fname, ",".join(mail.themes), cs, mail.note])
        else:
            trap_rows.append([fname, cs, mail.note])

    (OUT_TAG / "labels.csv").write_text(_csv_text(label_rows), encoding="utf-8")
    (OUT_TAG / "traps.csv").write_text(_csv_text(trap_rows), encoding="utf-8")

    # Rule tests
    for th in THEMES:
        blocks = RULES[th]
        pos = sum(1 for k, _ in blocks if k == "expect")
        neg = len(blocks) - pos
        if pos < 2 or neg < 2:
            errors.append(f"rules/{th}.test: {pos} expect / {neg} expect_not blocks")
        for k, msgtext in blocks:
            mm = email.message_from_string(msgtext, policy=email.policy.default)
            if mm["From"] is None or mm["Subject"] is None or not mm.get_content().strip():
                errors.append(f"rules/{th}.test: a block does not parse as a message")
            hits = theme_hits(msgtext)
            if k == "expect" and th not in hits:
                errors.append(f"rules/{th}.test: positive block without a theme word")
        text = "<!-- NEXT TEST -->\n".join(f"{k} {th}\n{msgtext}" for k, msgtext in blocks)
        (OUT_RULES / f"{th}.test").write_text(text, encoding="utf-8")

    # Counts
    if len(msgs) < MIN_MESSAGES:
        errors.append(f"only {len(msgs)} messages (minimum {MIN_MESSAGES})")
    if len(traps) < MIN_TRAPS:
        errors.append(f"only {len(traps)} traps (minimum {MIN_TRAPS})")

    write_source(msgs, traps, communes)

    if errors:
        for e in errors:
            print("ERROR", e, file=sys.stderr)
        return 1
    theme_counts = Counter(th for x in msgs for th in x.themes)
    print(f"{len(msgs)} messages, {len(traps)} traps, "
          f"{sum(len(v) for v in RULES.values())} rule blocks; all checks passed")
    for th in THEMES:
        print(f"  {th:26s} {theme_counts[th]}")
    return 0


def write_source(msgs: list[Mail], traps: list[Mail], communes) -> None:
    theme_counts = Counter(th for x in msgs for th in x.themes)
    ctx_counts = Counter(ctx for x in msgs for _, ctx in x.communes)
    trap_ctx = Counter(ctx for x in traps for _, ctx in x.communes)
    n_none = sum(1 for x in msgs if not x.themes)
    n_multi = sum(1 for x in msgs if len(x.themes) > 1)
    n_nocommune = sum(1 for x in msgs if not x.communes)
    n_labels = sum(len(x.communes) for x in msgs)
    outside = sorted({c for x in msgs + traps for c, _ in x.communes if communes[c][1] != "38"})
    distinct = len({c for x in msgs for c, _ in x.communes})
    encs = Counter("html" if x.html else x.enc for x in msgs)
    quoted = Counter(q for x in msgs if (q := quoted_kind(x.body)))
    n_notes = sum(1 for x in msgs if x.note)
    traps_real = sum(1 for x in traps if x.communes)
    rule_pos = sum(1 for v in RULES.values() for k, _ in v if k == "expect")
    rule_neg = sum(1 for v in RULES.values() for k, _ in v if k == "expect_not")

    lines = [
        "# Labelled theme and commune tagging fixtures",
        "",
        "Generated by `scripts/make_tagging_fixtures.py` — do not edit by hand; change the script",
        "and rerun (`python3 scripts/make_tagging_fixtures.py`, Python 3.11, standard library only,",
        "deterministic: byte-identical output on every run). The script validates what it writes and",
        "exits non-zero on any inconsistency; `--review` also lists, for proofreading, theme words and",
        "Isère commune names present in a message but not labelled.",
        "",
        "**Licence.** Synthetic: every message, person, address, association and company is invented",
        "and released under **CC0 1.0**. Commune names and INSEE codes come from",
        "`rules/communes/` (COG, Licence Ouverte 2.0, see `rules/communes/SOURCE.md`). The office is",
        "the fictional permanence of « Mme Hélène Marchal, sénatrice de l'Isère »",
        "(`permanence@senateur-exemple.fr`), as in `fixtures/mail/office/`.",
        "",
        "## Files",
        "",
        f"- `messages/NNN-slug.eml` — **{len(msgs)} messages**, numbered by date (2025-01 to 2026-06),",
        "  CRLF, To the office, From a mayor, a town-hall service, a councillor, an association, a",
        "  company, a citizen, the préfecture…, with Date, Subject and Message-ID. Encodings: "
        + ", ".join(f"{k} {v}" for k, v in sorted(encs.items())) + " (`8bit` = UTF-8; `html` =",
        "  multipart/alternative text + HTML, both quoted-printable); non-ASCII subjects and",
        "  display names as RFC 2047 encoded-words, a few as raw UTF-8 (RFC 6532).",
        "- `labels.csv` — `file;themes;communes;note`, `;`-separated, UTF-8, one row per message.",
        "  `themes`: comma-separated slugs (empty: none); `communes`: comma-separated INSEE codes of",
        "  the current communes (empty: none); `note`: why a label is (not) there, where useful.",
        f"- `traps/NNN-slug.eml` + `traps.csv` (`file;communes;note`) — **{len(traps)} messages** where",
        "  commune names appear as ordinary words or as other things; `communes` is empty unless a",
        f"  real commune is also named ({traps_real} traps do). Trap senders are never town halls.",
        "- `../rules/<theme>.test` — one file per theme, blocks separated by a line",
        "  `<!-- NEXT TEST -->`; each block is a line `expect THEME` (the message must get that theme)",
        "  or `expect_not THEME` (it must not), then a raw message (headers, blank line, body; LF).",
        f"  {rule_pos} `expect` and {rule_neg} `expect_not` blocks in all, at least 3 of each per theme;",
        "  the negatives are near-misses (the word in another sense, or a neighbouring theme).",
        "",
        "## Theme labels",
        "",
        "Themes are the office's policy areas; a message gets a theme when it is *about* it (asks,",
        "informs, complains, invites), not when a theme word is used in another sense. Rules applied",
        "consistently:",
        "",
        "- Any request for public money (DETR, DSIL, fonds vert, subvention, dotation, ANS, ADEME…),",
        "  local taxes and a commune's budget → `finances-locales`, even for an association's project;",
        "  the internal budget of an association, a club or a federation, or personal finances → not.",
        "- A building used only as a site (panels on a school roof, cameras near schools, an antenna",
        "  near a crèche) does not bring its theme; an inauguration does (`invitation-protocole` +",
        "  the theme of what is inaugurated).",
        "- `car scolaire` / school-bus timetables → `mobilites` only; youth sport (a club's young",
        "  players, children's ski training) → `culture-patrimoine-sport` only.",
        "- `sante` is health care provision (doctors, hospitals, EHPAD, pharmacies); pollution risks",
        "  and « santé financière » are not. `securite` is police, gendarmerie, incivilités,",
        "  burglaries; fire safety, firefighters, « sécurité sociale » are not.",
        "- Sécheresse counts as `eau-assainissement`; irrigation as `agriculture` (both when both).",
        "- A theme present only in a quoted reply block (Outlook « De : … Envoyé : … Objet : »,",
        "  Gmail « > » lines, a forwarded message) counts when the reply is about it.",
        "- Thanks, scheduling, newsletters, spam, individual administrative cases → no theme.",
        "",
        f"| theme | messages |",
        "| --- | ---: |",
    ]
    for th in THEMES:
        lines.append(f"| `{th}` | {theme_counts[th]} |")
    lines += [
        f"| (none) | {n_none} |",
        "",
        f"{n_multi} messages have two themes or more; {n_notes} messages carry a `note` explaining a",
        "label decision (a theme word in another sense, a commune name that is not a commune…).",
        "",
        "## Commune labels",
        "",
        "A commune named as a place is labelled with its current INSEE code — including places",
        "outside the Isère, with or without a locating word (Die (26), Valence (Drôme), Lyon, Chambéry, Gap, Paris…),",
        "former and delegated communes (with the code of the commune they belong to now), short",
        "forms (« Bourgoin », « Pont-de-Claix » without its article, « St-Martin-d'Hères »), typographic",
        "apostrophes and all-capital text. Not labelled: names inside product, law, event, person,",
        "church, street, intercommunality or region names (« noix de Grenoble », « loi Montagne »,",
        "« Pays Voironnais », « route de Crest », « plaine de Bièvre »), and names appearing only in",
        "a sender address.",
        "",
        f"{n_labels} commune labels ({distinct} distinct communes) in {len(msgs) - n_nocommune} messages;",
        f"{n_nocommune} messages name no commune. Outside the Isère: {', '.join(outside)}.",
        "Each label records the context in which the message names the commune (the script checks it",
        "is there):",
        "",
        "| context | labels | example |",
        "| --- | ---: | --- |",
    ]
    for ctx, desc in CONTEXTS.items():
        lines.append(f"| `{ctx}` | {ctx_counts[ctx]} | {desc} |")
    lines += [
        "",
        f"Traps with a real commune: {traps_real} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(trap_ctx.items())) + ").",
        "",
        "Quoted or forwarded material: " + ", ".join(f"{k} {v}" for k, v in sorted(quoted.items()))
        + " messages.",
        "",
        "## Regenerate",
        "",
        "```sh",
        "python3 scripts/make_tagging_fixtures.py            # writes fixtures/tagging and fixtures/rules, validates",
        "python3 scripts/make_tagging_fixtures.py --review   # same, plus a proofreading list",
        "```",
        "",
    ]
    (OUT_TAG / "SOURCE.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
