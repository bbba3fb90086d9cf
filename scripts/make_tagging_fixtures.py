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
    """, "finances-locales", "38151:a",
  note="local taxation and State transfers = finances-locales")

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
  note="homonym Claix (16) excluded by « (Isère) »")

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
    """, "urbanisme-logement environnement-energie", "38421:a")

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
    """, "education-jeunesse", "38053:a 38553:plain",
  note="youth employment support = jeunesse")

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
    """, "sante", "38545:a",
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
    """, "sante", "38382:a")

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
