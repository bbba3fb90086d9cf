#!/usr/bin/env python3
"""One official who writes a lot: N more mails from the official with most messages.

usage: scripts/prolific.py DB OUT N [SEED]

Issue 18 asks for the official timeline page timed on an official with 5,000 messages; the
generator spreads its mail over every town hall of the département (its busiest official has
a few hundred at a million messages). This takes the official with most messages in DB, one of
their incoming plain-text letters signed by them (found through `message_sources`), and
writes N variants into the Maildir OUT: each with its own Message-ID, a date within their
mandate (mail before it is not attributed to them), one of many subjects, and a body that opens with a
request paragraph of its own, so that the cases stage files them as many requests from one
correspondent (not one campaign, not duplicates). Prints the official's id and how many
messages they had. Does nothing (and says so) when an official already has N messages.
Standard library only.
"""
import email
import email.policy
import os
import random
import sqlite3
import sys
from email.utils import format_datetime, make_msgid
from datetime import datetime, timezone

SUBJECTS = [
    "Demande de subvention pour la salle polyvalente", "Réfection de la route départementale",
    "Dossier DETR de la commune", "Fermeture d'une classe à la rentrée",
    "Ligne de bus scolaire", "Station d'épuration : mise aux normes",
    "Désert médical : maison de santé", "Frais de fonctionnement de la cantine",
    "Accueil des gens du voyage", "Couverture mobile du hameau",
    "Éclairage public et factures d'énergie", "Projet de PLU intercommunal",
    "Sécurisation de la traversée du bourg", "Bureau de poste : horaires réduits",
    "Dotation globale de fonctionnement", "Recrutement d'un secrétaire de mairie",
    "Inondations : reconnaissance de catastrophe naturelle", "Logements sociaux vacants",
    "Cérémonie du 11 novembre", "Fibre optique : retard de déploiement",
]
OPENINGS = [
    "Je me permets de revenir vers vous au sujet de {s}.",
    "Je souhaite appeler votre attention sur {s}.",
    "Comme évoqué lors de votre passage, je vous adresse ce courrier concernant {s}.",
    "Le conseil municipal m'a chargé de vous saisir de la question suivante : {s}.",
    "Pourriez-vous intervenir auprès des services de l'État à propos de {s} ?",
    "Je vous remercie de votre dernier courrier et reviens vers vous pour {s}.",
]


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[2])
    db, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) == 5 else 18)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    official, count = conn.execute(
        "SELECT official, count(*) FROM message_officials WHERE official IS NOT NULL "
        "GROUP BY official ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
    if count >= n:
        print(f"official {official} already has {count} messages: nothing written")
        return
    # The official who signs most of their own mail: their letters are theirs by signature.
    official, count = conn.execute(
        "SELECT mo.official, count(*) FROM message_officials mo JOIN messages m ON m.id = mo.message "
        "WHERE mo.method = 'signature' AND m.kind = 'personal' AND m.outgoing = 0 "
        "GROUP BY mo.official ORDER BY 2 DESC, 1 LIMIT 1").fetchone() or (None, 0)
    if official is None:
        sys.exit("no official's letter signed by them: nothing to copy")
    rows = conn.execute(
        "SELECT s.location FROM message_officials mo JOIN message_sources s ON s.message = mo.message "
        "JOIN messages m ON m.id = mo.message WHERE mo.official = ?1 AND mo.method = 'signature' "
        "AND m.kind = 'personal' AND s.kind = 'maildir' AND m.outgoing = 0 ORDER BY m.id",
        (official,)).fetchall()
    source = None
    for (location,) in rows:
        try:
            with open(location, "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.default)
        except OSError:
            continue
        if not msg.is_multipart() and msg.get_content_type() == "text/plain" and msg["Date"]:
            source = msg
            break
    if source is None:
        sys.exit(f"no plain-text mail of official {official} found through message_sources")
    body = source.get_content()
    # Dated within their mandate (mail before it is not theirs), up to the mailbox's last day.
    (begin,) = conn.execute(
        "SELECT max(max(start_date), max(function_start)) FROM mandates WHERE official = ?1",
        (official,)).fetchone()
    (last,) = conn.execute("SELECT max(date) FROM messages").fetchone()
    first = datetime.fromisoformat(begin).replace(tzinfo=timezone.utc).timestamp() + 86400
    span = max(int(last - first), 86400)
    headers = {}
    with open(location, "rb") as f:
        raw = email.message_from_binary_file(f, policy=email.policy.compat32)
    for name in ("From", "To", "Reply-To", "Organization"):
        if raw[name]:
            headers[name] = str(raw[name]).replace("\n", "").replace("\r", "")
    for d in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    for k in range(n):
        subject = rng.choice(SUBJECTS)
        opening = rng.choice(OPENINGS).format(s=subject[0].lower() + subject[1:])
        msg = email.message.EmailMessage(policy=email.policy.SMTP)
        msg["Subject"] = f"{subject} ({k + 1})"
        when = datetime.fromtimestamp(first + rng.randrange(span), timezone.utc)
        msg["Date"] = format_datetime(when)
        msg["Message-ID"] = make_msgid(f"prolific{k}", "bench.invalid")
        msg.set_content(f"Monsieur le Sénateur,\n\n{opening} (référence {k + 1}/{n})\n\n{body}",
                        charset="utf-8", cte="quoted-printable")
        # The sender's own header lines, byte for byte (encoded words kept as they were).
        own = "".join(f"{name}: {value}\r\n" for name, value in headers.items()).encode()
        with open(os.path.join(out, "cur", f"prolific-{k:05}.bench:2,S"), "wb") as f:
            f.write(own + msg.as_bytes())
    print(f"official {official} had {count} signed letters: {n} more written to {out}")


if __name__ == "__main__":
    main()
