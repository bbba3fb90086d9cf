//! What the cases stage records, said in French for the web (issue 17): the history entries
//! and the filing methods. The records themselves stay as they are stored (English words and
//! `#` numbers, which `case show`, `export --cases` and scripts read); this module turns each
//! known form into a sentence a collaborateur reads, and shows an unknown one as it is.

use std::sync::LazyLock;

use regex::Regex;

use super::{HistoryEntry, PIPELINE, Priority, State};

/// How a message came to its case, stored name → French.
pub fn method(stored: &str) -> &'static str {
    match stored {
        "references" => "en-têtes de réponse",
        "quoted_header" => "en-tête du message cité",
        "subject" => "même correspondant et même objet",
        "campaign" => "campagne (textes presque identiques)",
        "new" => "nouveau dossier",
        "staff" => "choix d'un collaborateur",
        _ => "autre",
    }
}

/// Who made a history entry: the pipeline is « Permanence (automatique) ».
pub fn who(stored: &str) -> String {
    if stored == PIPELINE {
        "Permanence (automatique)".to_string()
    } else {
        stored.to_string()
    }
}

fn state(stored: &str) -> String {
    State::parse(stored).map_or_else(|| stored.to_string(), |s| s.french().to_string())
}

fn priority(stored: &str) -> String {
    Priority::parse(stored).map_or_else(|| stored.to_string(), |p| p.french().to_string())
}

/// `#12` → « n° 12 » wherever it appears.
fn numbers(text: &str) -> String {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"#(\d+)").expect("static regex"));
    NUMBER.replace_all(text, "n° $1").into_owned()
}

fn date(stored: &str) -> String {
    chrono::NaiveDate::parse_from_str(stored, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| stored.to_string())
}

static OPENED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(request|campaign) from message #(\d+)$").expect("static regex")
});
static MESSAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*) #(\d+) \(([a-z_]+)\)$").expect("static regex"));
static MERGED_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^case #(\d+) merged in \((\d+) messages?\)$").expect("static regex")
});
static MERGED_INTO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^merged into case #(\d+)$").expect("static regex"));
static SPLIT_FROM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^from case #(\d+): messages (.*)$").expect("static regex"));
static BOUNCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^message #(\d+) was not delivered \(bounce #(\d+)\)$").expect("static regex")
});
static HISTORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([a-z]+) before go-live (\d{4}-\d{2}-\d{2})$").expect("static regex")
});
static CAMPAIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d+) senders of near-identical text; (\d+) earlier cases absorbed$")
        .expect("static regex")
});

/// A theme's French label (« Santé », « Finances locales »); an office's own theme keeps its
/// slug.
pub fn theme_label(slug: &str) -> String {
    match slug {
        "finances-locales" => "Finances locales",
        "eau-assainissement" => "Eau et assainissement",
        "urbanisme-logement" => "Urbanisme et logement",
        "education-jeunesse" => "Éducation et jeunesse",
        "sante" => "Santé",
        "securite" => "Sécurité",
        "agriculture" => "Agriculture",
        "mobilites" => "Mobilités",
        "numerique" => "Numérique",
        "environnement-energie" => "Environnement et énergie",
        "culture-patrimoine-sport" => "Culture, patrimoine et sport",
        "invitation-protocole" => "Invitations et protocole",
        other => other,
    }
    .to_string()
}

/// `accepted by NAME · event #12 2026-03-14 · note` (`agenda::decide`).
static AGENDA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([a-z]+)(?: by (.+?))? · event #(\d+) (\d{4}-\d{2}-\d{2})(?: · (.*))?$")
        .expect("static regex")
});

/// A corrected field of an event, in French.
fn agenda_field(name: &str) -> &str {
    match name {
        "title" => "titre",
        "date" => "date",
        "end_date" => "dernier jour",
        "start" => "heure de début",
        "end" => "heure de fin",
        "place" => "lieu",
        "commune" => "commune",
        "organiser" => "organisateur",
        "rsvp_by" => "réponse avant le",
        "rsvp_contact" => "contact pour répondre",
        "notes" => "tenue et protocole",
        other => other,
    }
}

/// One history entry as a French sentence (without its time and author).
pub fn history(entry: &HistoryEntry, theme_label: impl Fn(&str) -> String) -> String {
    let (before, after) = (entry.before.as_str(), entry.after.as_str());
    match entry.action.as_str() {
        "opened" => match OPENED.captures(after) {
            Some(c) => format!(
                "{} ouvert à partir du message n° {}",
                if &c[1] == "campaign" {
                    "Dossier de campagne"
                } else {
                    "Dossier"
                },
                &c[2]
            ),
            None => format!("Dossier ouvert : {}", numbers(after)),
        },
        "message" => match MESSAGE.captures(after) {
            Some(c) => {
                let what = match &c[1] {
                    "new mail" => "Nouveau message",
                    "answer" | "answer sent" | "office answer" => "Réponse de la permanence",
                    other => other,
                };
                format!("{what} n° {} (rattaché par : {})", &c[2], method(&c[3]))
            }
            None => format!("Message : {}", numbers(after)),
        },
        "state" => format!("État : {} → {}", state(before), state(after)),
        "assign" => match (before.is_empty(), after.is_empty()) {
            (_, false) => format!("Confié à {after}"),
            (false, true) => format!("N'est plus confié à {before}"),
            (true, true) => "Attribution inchangée".to_string(),
        },
        "tag" => format!("Thème ajouté : {}", theme_label(after)),
        "untag" => format!("Thème retiré : {}", theme_label(before)),
        "merge" => {
            if let Some(c) = MERGED_IN.captures(after) {
                format!(
                    "Le dossier n° {} y a été fusionné ({} message{})",
                    &c[1],
                    &c[2],
                    if &c[2] == "1" { "" } else { "s" }
                )
            } else if let Some(c) = MERGED_INTO.captures(after) {
                format!("Fusionné dans le dossier n° {}", &c[1])
            } else {
                format!("Fusion : {}", numbers(after))
            }
        }
        "split" => match SPLIT_FROM.captures(after) {
            Some(c) => format!("Séparé du dossier n° {} : {}", &c[1], numbers(&c[2])),
            None if !before.is_empty() => format!(
                "{} déplacés vers le {}",
                numbers(before).replacen("messages", "Messages", 1),
                numbers(after).replace("case", "dossier")
            ),
            None => format!("Séparation : {}", numbers(after)),
        },
        "note" => format!("Note : {after}"),
        "due" => match after.is_empty() {
            true => "Échéance retirée".to_string(),
            false => format!("Échéance : {}", date(after)),
        },
        "priority" => format!("Priorité : {} → {}", priority(before), priority(after)),
        "official" => match before.is_empty() {
            true => format!("Élu : {}", numbers(after)),
            false => format!("Élu : {} → {}", numbers(before), numbers(after)),
        },
        "bounce" => match BOUNCE.captures(after) {
            Some(c) => format!(
                "Le message n° {} n'a pas été distribué (avis de non-remise n° {})",
                &c[1], &c[2]
            ),
            None => format!("Non-remise : {}", numbers(after)),
        },
        "campaign" => match CAMPAIGN.captures(after) {
            // The count is the campaign's at its creation (the senders that formed it); the
            // letters that joined later have their own « Nouveau message » entries, so say
            // « premiers » lest the figure be read as the campaign's size today.
            Some(c) => {
                let s = |n: &str| if n == "1" { "" } else { "s" };
                format!(
                    "Campagne formée par ses {} premiers expéditeurs (texte presque identique) ; {} dossier{} ouvert{} auparavant regroupé{} ici",
                    &c[1],
                    &c[2],
                    s(&c[2]),
                    s(&c[2]),
                    s(&c[2])
                )
            }
            None => format!("Campagne : {}", numbers(after)),
        },
        "detach" => format!(
            "{before} retiré de la campagne, vers le dossier {}",
            numbers(after)
        ),
        "not_a_request" => "Marqué « pas une demande »".to_string(),
        "agenda" => match AGENDA.captures(after) {
            Some(c) => {
                let decided = match &c[1] {
                    "accepted" => "acceptée".to_string(),
                    "declined" => "déclinée".to_string(),
                    "maybe" => "peut-être".to_string(),
                    "represented" => format!(
                        "le parlementaire y sera représenté{}",
                        c.get(2)
                            .map_or(String::new(), |n| format!(" par {}", n.as_str()))
                    ),
                    "undecided" => "à nouveau à décider".to_string(),
                    "dismissed" => "ce n'est pas une invitation".to_string(),
                    other => other.to_string(),
                };
                let note = c
                    .get(5)
                    .map_or(String::new(), |n| format!(" — {}", n.as_str()));
                format!(
                    "Invitation (événement n° {} du {}) : {decided}{note}",
                    &c[3],
                    date(&c[4])
                )
            }
            None => format!("Agenda : {after}"),
        },
        "agenda-correct" => match after.split_once(": ") {
            Some((event, value)) => format!(
                "Événement n° {} corrigé : {} → {}",
                event.trim_start_matches("event #"),
                agenda_field(before),
                if value.is_empty() { "(vide)" } else { value }
            ),
            None => format!("Agenda corrigé : {after}"),
        },
        "undo" => format!("Annulé : {before}"),
        "seen" => "Nouveaux messages vus".to_string(),
        "history" => match HISTORY.captures(after) {
            Some(c) => format!(
                "Classé comme historique, {} (courrier antérieur à la mise en service du {})",
                state(&c[1]),
                date(&c[2])
            ),
            None => format!("Classé comme historique : {}", numbers(after)),
        },
        other => match (before.is_empty(), after.is_empty()) {
            (true, true) => other.to_string(),
            (true, false) => format!("{other} : {after}"),
            (false, true) => format!("{other} : {before} retiré"),
            (false, false) => format!("{other} : {before} → {after}"),
        },
    }
}

/// What comes next on a case, for lists (« à confirmer », « en attente d'une réponse ·
/// échéance le 14 déc. 2026 », « à traiter · en retard depuis le 3 déc. 2026 »): its state as
/// a task, then its due date (`YYYY-MM-DD` or '') against `today`.
pub fn next_step(state: State, due: &str, today: chrono::NaiveDate) -> String {
    let task = match state {
        State::Proposed => "à confirmer",
        State::Open => "à traiter",
        State::Waiting => "en attente d'une réponse",
        State::Answered => "répondu, à clore",
        State::Closed => "clos",
    };
    let Ok(day) = chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d") else {
        return task.to_string();
    };
    let shown = crate::util::zone_midnight(day)
        .map(crate::util::french_day)
        .unwrap_or_else(|| date(due));
    if state == State::Closed {
        task.to_string()
    } else if day < today {
        format!("{task} · en retard depuis le {shown}")
    } else if day == today {
        format!("{task} · échéance aujourd'hui")
    } else {
        format!("{task} · échéance le {shown}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str, before: &str, after: &str) -> HistoryEntry {
        HistoryEntry {
            at: String::new(),
            who: String::new(),
            action: action.into(),
            before: before.into(),
            after: after.into(),
        }
    }

    #[test]
    fn every_recorded_form_reads_as_french() {
        let label = |slug: &str| {
            if slug == "sante" {
                "Santé".into()
            } else {
                slug.to_string()
            }
        };
        let cases = [
            (
                entry(
                    "agenda",
                    "undecided",
                    "represented by Jeanne Martin · event #7 2026-03-14 · avec le préfet",
                ),
                "Invitation (événement n° 7 du 14/03/2026) : le parlementaire y sera représenté par Jeanne Martin — avec le préfet",
            ),
            (
                entry("agenda", "undecided", "accepted · event #7 2026-03-14"),
                "Invitation (événement n° 7 du 14/03/2026) : acceptée",
            ),
            (
                entry("agenda-correct", "start", "event #7: 11:30"),
                "Événement n° 7 corrigé : heure de début → 11:30",
            ),
            (
                entry("opened", "", "request from message #12"),
                "Dossier ouvert à partir du message n° 12",
            ),
            (
                entry("message", "", "new mail #13 (subject)"),
                "Nouveau message n° 13 (rattaché par : même correspondant et même objet)",
            ),
            (
                entry("state", "proposed", "open"),
                "État : à confirmer → ouvert",
            ),
            (entry("assign", "", "sam"), "Confié à sam"),
            (entry("assign", "sam", ""), "N'est plus confié à sam"),
            (entry("tag", "", "sante"), "Thème ajouté : Santé"),
            (
                entry("merge", "", "case #4 merged in (1 messages)"),
                "Le dossier n° 4 y a été fusionné (1 message)",
            ),
            (
                entry("merge", "open", "merged into case #9"),
                "Fusionné dans le dossier n° 9",
            ),
            (entry("due", "", "2026-03-14"), "Échéance : 14/03/2026"),
            (
                entry("priority", "normal", "urgent"),
                "Priorité : normale → urgente",
            ),
            (
                entry("bounce", "", "message #3 was not delivered (bounce #8)"),
                "Le message n° 3 n'a pas été distribué (avis de non-remise n° 8)",
            ),
            (
                entry(
                    "campaign",
                    "",
                    "12 senders of near-identical text; 3 earlier cases absorbed",
                ),
                "Campagne formée par ses 12 premiers expéditeurs (texte presque identique) ; 3 dossiers ouverts auparavant regroupés ici",
            ),
            (
                entry("not_a_request", "open", "closed"),
                "Marqué « pas une demande »",
            ),
            (
                entry("history", "proposed", "closed before go-live 2026-03-01"),
                "Classé comme historique, clos (courrier antérieur à la mise en service du 01/03/2026)",
            ),
            (
                entry("history", "waiting", "answered before go-live 2026-03-01"),
                "Classé comme historique, répondu (courrier antérieur à la mise en service du 01/03/2026)",
            ),
        ];
        for (e, french) in cases {
            assert_eq!(history(&e, label), french);
        }
        assert_eq!(who(PIPELINE), "Permanence (automatique)");
    }

    #[test]
    fn the_next_step_says_the_task_and_the_due_date() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        assert_eq!(next_step(State::Proposed, "", today), "à confirmer");
        let late = next_step(State::Waiting, "2026-12-03", today);
        assert!(
            late.starts_with("en attente d'une réponse · en retard depuis le 3 déc"),
            "{late}"
        );
        let due = next_step(State::Open, "2026-12-14", today);
        assert!(due.starts_with("à traiter · échéance le 14 déc"), "{due}");
        assert_eq!(
            next_step(State::Open, "2026-12-10", today),
            "à traiter · échéance aujourd'hui"
        );
    }
}
