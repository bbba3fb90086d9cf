//! A campaign as staff read it (issue 17): forty councils sending the same motion should read as
//! one text, a list of who sent it and what each of them added, not as forty full copies.
//!
//! [`senders`] reads, for each incoming letter of a campaign, who sent it (the matched official
//! and their commune, else the commune the letter was tagged with); [`summarise`] then works on
//! the letters' own texts (quotes already removed by the parser), which the caller reads and
//! decodes outside any database lock. It is pure and linear in the letters' size, so a campaign
//! of hundreds of letters stays cheap.
//!
//! The common text is a majority vote over *units*: paragraphs (a blank line, or a line that
//! ends a sentence with `.`, `;`, `:`, `!` or `?`, closes one; hard-wrapped lines are joined),
//! compared folded (case, accents and punctuation ignored). A unit found in at least half of the
//! letters is common. A unit that differs between letters only by a name, a date or a vote
//! count (« Le conseil municipal de Sillans, réuni le 27 mars… ») is a *variant*: in the
//! representative letter, it shares at least half of its words with a unit of at least half of
//! the letters. What remains in a letter, once formulas and signature lines are dropped
//! ([`super::campaign::substantive`]), is what its sender added.
//!
//! The display title (« Motion ZAN — 40 conseils municipaux ») is computed here too; the stored
//! title (the first subject, which `case list` and exports show) is left as it is.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::Result;
use rusqlite::Connection;

use super::ThreadEntry;
use crate::ids::MessageId;

/// Who sent one letter of a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    /// The letter.
    pub message: MessageId,
    /// Its date (Unix seconds).
    pub date: i64,
    /// The From header as shown (« Mairie de Vif <accueil@vif.fr> »).
    pub from: String,
    /// The sender's address.
    pub address: String,
    /// The letter's subject.
    pub subject: String,
    /// The matched official: (id, « Prénom Nom, Titre »).
    pub official: Option<(i64, String)>,
    /// The commune the letter comes from: (INSEE code, name).
    pub commune: Option<(String, String)>,
}

/// The senders of the incoming letters of `thread` (a campaign's messages), oldest first:
/// the official matched to each letter, and its commune (the official's, else the first commune
/// the letter was tagged with by its town-hall address, else in its text). Reads only.
pub fn senders(conn: &Connection, thread: &[ThreadEntry]) -> Result<Vec<Sender>> {
    let gazetteer = crate::communes::Gazetteer::bundled()?;
    let name_of = |code: &str| {
        gazetteer
            .get(code)
            .map_or_else(|| code.to_string(), |c| c.name.clone())
    };
    let mut out = Vec::new();
    for entry in thread.iter().filter(|e| !e.outgoing) {
        let row = &entry.message;
        let matched = crate::officials::recorded(conn, row.id)?.and_then(|m| m.official);
        let mut commune = matched
            .as_ref()
            .and_then(|o| o.commune_code.clone())
            .map(|code| (name_of(&code), code));
        if commune.is_none() {
            let details = crate::store::tags::commune_details(conn, row.id)?;
            // The town-hall address names the sender's commune better than the text does.
            let best = details
                .iter()
                .find(|d| d.1 == "domain" || d.1 == "official")
                .or_else(|| details.first());
            commune = best.map(|d| (name_of(&d.0), d.0.clone()));
        }
        out.push(Sender {
            message: MessageId(row.id),
            date: row.date,
            from: row.from.display(),
            address: row.from.address.clone(),
            subject: row.subject.clone(),
            official: matched.map(|o| {
                let label = if o.title.is_empty() {
                    format!("{} {}", o.prenom, o.nom)
                } else {
                    format!("{} {}, {}", o.prenom, o.nom, o.title)
                };
                (o.id, label)
            }),
            commune: commune.map(|(name, code)| (code, name)),
        });
    }
    Ok(out)
}

/// What a unit of a letter is, against the common text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Word for word in the common text.
    Common,
    /// A line of the common text with this sender's names, dates or figures.
    Variant,
    /// The sender's own addition.
    Added,
    /// Greetings, formulas, signature: neither common nor an addition worth showing.
    Formula,
}

/// A unit of the common text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommonUnit {
    /// The text, as the representative letter writes it.
    pub text: String,
    /// It differs from letter to letter (names, dates, figures).
    pub varies: bool,
}

/// One piece of a letter as shown folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A run of this many units of the common text, left out.
    Skipped(usize),
    /// A unit shown.
    Unit {
        /// Its text.
        text: String,
        /// What it is.
        part: Part,
    },
}

/// One letter of the campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// Who sent it.
    pub sender: Sender,
    /// Its text as units, runs of three or more common units shortened to [`Piece::Skipped`].
    pub pieces: Vec<Piece>,
    /// What its sender added, shortened for a table ('' when nothing).
    pub added: String,
}

/// A campaign summarised: a title, the shared text once, one line per letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The title to show (« Motion ZAN — 40 conseils municipaux »).
    pub title: String,
    /// Distinct senders (addresses).
    pub senders: usize,
    /// Distinct communes of the senders.
    pub communes: usize,
    /// The text most letters share, in the order of the letter that carries most of it (empty
    /// with fewer than two letters).
    pub common: Vec<CommonUnit>,
    /// The letters, oldest first.
    pub letters: Vec<Letter>,
}

/// Characters of a letter's additions kept for the senders' table.
pub const ADDED_CHARS: usize = 160;

/// A unit of text: the lines it was made of, joined.
struct Unit {
    text: String,
    key: String,
    words: BTreeSet<String>,
}

/// The units of a letter's own text (see the module doc).
fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut flush = |current: &mut Vec<&str>| {
        if current.is_empty() {
            return;
        }
        let text = current.join(" ");
        current.clear();
        let key = crate::util::fold(&text);
        if key.is_empty() {
            return;
        }
        let words = key
            .split(' ')
            .filter(|w| w.len() >= 3)
            .map(str::to_string)
            .collect();
        out.push(Unit { text, key, words });
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || !line.chars().any(char::is_alphanumeric) {
            flush(&mut current);
            continue;
        }
        // A letter whose paragraphs came without line breaks (HTML turned into text) is cut at
        // its sentence ends too, so that its sentences meet the other letters' paragraphs.
        let mut rest = line;
        while let Some(end) = rest
            .char_indices()
            .find(|&(i, c)| {
                matches!(c, '.' | ';' | '!' | '?')
                    && rest[i + c.len_utf8()..].starts_with(' ')
                    && rest[i + c.len_utf8()..]
                        .trim_start()
                        .starts_with(|n: char| n.is_uppercase())
            })
            .map(|(i, c)| i + c.len_utf8())
        {
            current.push(rest[..end].trim());
            flush(&mut current);
            rest = rest[end..].trim_start();
        }
        if rest.is_empty() {
            continue;
        }
        current.push(rest);
        if rest.ends_with(['.', ';', ':', '!', '?']) {
            flush(&mut current);
        }
    }
    flush(&mut current);
    out
}

/// Jaccard similarity of two word sets.
fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// Two units are the same line with different names, dates or figures.
const VARIANT_SIMILARITY: f64 = 0.5;

/// `letters` (each sender and its own text, quotes removed) summarised: the common text, each
/// letter's additions, a display title from the subjects and the common text (`stored_title`
/// when nothing better is found). Pure; linear in the texts' size but for the variant search,
/// which compares the representative letter's non-common units with every letter's units.
pub fn summarise(stored_title: &str, letters: Vec<(Sender, String)>) -> Summary {
    // Plan:
    // 1. cut every letter into units; count in how many letters each folded unit appears;
    // 2. common = units in at least half of the letters (and at least two);
    // 3. the representative letter (most common units) gives the order, and its other units
    //    that resemble a unit of half of the letters are variants;
    // 4. each letter's units: common, variant, added (substantive text) or formula.
    let cut: Vec<Vec<Unit>> = letters.iter().map(|(_, text)| units(text)).collect();
    let n = letters.len();
    let threshold = n.div_ceil(2).max(2);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for letter in &cut {
        let keys: BTreeSet<&str> = letter.iter().map(|u| u.key.as_str()).collect();
        for k in keys {
            *counts.entry(k).or_insert(0) += 1;
        }
    }
    let is_common = |key: &str| counts.get(key).copied().unwrap_or(0) >= threshold;
    let representative = cut
        .iter()
        .enumerate()
        .max_by_key(|(i, units)| {
            (
                units.iter().filter(|u| is_common(&u.key)).count(),
                std::cmp::Reverse(*i),
            )
        })
        .map(|(i, _)| i);
    let mut common: Vec<CommonUnit> = Vec::new();
    // Units a letter's unit may be a variant of: the variants, and the common units (a letter
    // whose sentences were cut elsewhere carries a common sentence with a few words around it).
    let mut variants: Vec<&BTreeSet<String>> = Vec::new();
    if let Some(r) = representative.filter(|_| n >= 2) {
        let mut seen = BTreeSet::new();
        for unit in &cut[r] {
            if is_common(&unit.key) {
                if seen.insert(unit.key.as_str()) {
                    if unit.words.len() >= 6 {
                        variants.push(&unit.words);
                    }
                    common.push(CommonUnit {
                        text: unit.text.clone(),
                        varies: false,
                    });
                }
                continue;
            }
            if unit.words.len() < 4 {
                continue;
            }
            let alike = cut
                .iter()
                .enumerate()
                .filter(|(i, other)| {
                    *i == r
                        || other
                            .iter()
                            .any(|o| jaccard(&unit.words, &o.words) >= VARIANT_SIMILARITY)
                })
                .count();
            if alike >= threshold {
                variants.push(&unit.words);
                common.push(CommonUnit {
                    text: unit.text.clone(),
                    varies: true,
                });
            }
        }
    }
    let has_common = !common.is_empty();
    let mut out_letters = Vec::with_capacity(n);
    for ((sender, _), units) in letters.iter().zip(&cut) {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut added = Vec::new();
        let mut run: Vec<String> = Vec::new();
        let flush_run = |run: &mut Vec<String>, pieces: &mut Vec<Piece>| {
            if run.len() >= 3 {
                pieces.push(Piece::Skipped(run.len()));
            } else {
                pieces.extend(run.iter().map(|text| Piece::Unit {
                    text: text.clone(),
                    part: Part::Common,
                }));
            }
            run.clear();
        };
        for unit in units {
            if has_common && is_common(&unit.key) {
                run.push(unit.text.clone());
                continue;
            }
            flush_run(&mut run, &mut pieces);
            let part = if variants
                .iter()
                .any(|v| jaccard(v, &unit.words) >= VARIANT_SIMILARITY)
            {
                Part::Variant
            } else {
                let own = super::campaign::substantive(&unit.text);
                let own = own.split_whitespace().collect::<Vec<_>>().join(" ");
                if own.split(' ').count() >= 4 {
                    added.push(own);
                    Part::Added
                } else {
                    Part::Formula
                }
            };
            pieces.push(Piece::Unit {
                text: unit.text.clone(),
                part,
            });
        }
        flush_run(&mut run, &mut pieces);
        let added = added.join(" ");
        let added = match added.char_indices().nth(ADDED_CHARS) {
            Some((at, _)) => format!("{}…", added[..at].trim_end()),
            None => added,
        };
        out_letters.push(Letter {
            sender: sender.clone(),
            pieces,
            added,
        });
    }
    let senders: BTreeSet<&str> = letters.iter().map(|(s, _)| s.address.as_str()).collect();
    let communes: BTreeSet<&str> = letters
        .iter()
        .filter_map(|(s, _)| s.commune.as_ref().map(|c| c.0.as_str()))
        .collect();
    let title = title(
        stored_title,
        &letters.iter().map(|(s, _)| s).collect::<Vec<_>>(),
        &common,
        senders.len(),
        communes.len(),
    );
    Summary {
        title,
        senders: senders.len(),
        communes: communes.len(),
        common,
        letters: out_letters,
    }
}

/// Words that say what kind of text a campaign is, and how its senders are counted.
const GENRES: [(&str, &str); 6] = [
    ("motion", "Motion"),
    ("deliberation", "Délibération"),
    ("voeu", "Vœu"),
    ("petition", "Pétition"),
    ("lettre", "Lettre"),
    ("courrier", "Courrier"),
];

/// Subject words that say nothing of the topic.
const BLAND: &[&str] = &[
    "motion",
    "motions",
    "deliberation",
    "deliberations",
    "voeu",
    "petition",
    "lettre",
    "courrier",
    "conseil",
    "municipal",
    "communautaire",
    "commune",
    "communes",
    "mairie",
    "adoptee",
    "adopte",
    "adoptees",
    "vote",
    "votee",
    "transmission",
    "envoi",
    "relative",
    "relatif",
    "objet",
    "seance",
    "date",
    "dans",
    "pour",
    "par",
    "sur",
    "des",
    "les",
    "une",
    "aux",
    "avec",
    "notre",
    "votre",
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "suite",
    "votre",
    "sujet",
    "the",
];

/// The display title: « {genre} {topic} — {count} ».
fn title(
    stored: &str,
    senders: &[&Sender],
    common: &[CommonUnit],
    distinct_senders: usize,
    distinct_communes: usize,
) -> String {
    // The genre: the commonest genre word in the subjects, else in the common text's opening.
    let opening = common
        .iter()
        .take(3)
        .map(|u| crate::util::fold(&u.text))
        .collect::<Vec<_>>()
        .join(" ");
    let mut genre_votes: BTreeMap<usize, usize> = BTreeMap::new();
    for s in senders {
        let folded = crate::util::fold(&s.subject);
        for (i, (word, _)) in GENRES.iter().enumerate() {
            if folded
                .split(' ')
                .any(|w| w == *word || w == format!("{word}s"))
            {
                *genre_votes.entry(i).or_insert(0) += 1;
            }
        }
    }
    let genre = genre_votes
        .iter()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(**i)))
        .map(|(i, _)| *i)
        .or_else(|| {
            GENRES
                .iter()
                .position(|(word, _)| opening.split(' ').any(|w| w == *word))
        });
    // The topic: subject words (as written) found in at least a quarter of the subjects.
    let mut words: BTreeMap<String, (usize, String, usize)> = BTreeMap::new();
    let communes: BTreeSet<String> = senders
        .iter()
        .filter_map(|s| s.commune.as_ref())
        .flat_map(|c| {
            crate::util::fold(&c.1)
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    for (order, s) in senders.iter().enumerate() {
        let mut mine = BTreeSet::new();
        for written in s
            .subject
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        {
            let folded = crate::util::fold(written);
            if folded.len() < 3
                || folded.chars().any(|c| c.is_ascii_digit())
                || BLAND.contains(&folded.as_str())
                || communes.contains(&folded)
                || !mine.insert(folded.clone())
            {
                continue;
            }
            let entry = words
                .entry(folded)
                .or_insert((0, written.to_string(), order));
            entry.0 += 1;
            // An acronym as its senders write it (« ZAN », not « zan »).
            if written.chars().filter(|c| c.is_uppercase()).count() > 1 {
                entry.1 = written.to_string();
            }
        }
    }
    let quarter = senders.len().div_ceil(4).max(2);
    let mut topic: Vec<(&String, &(usize, String, usize))> = words
        .iter()
        .filter(|(_, (n, _, _))| *n >= quarter)
        .collect();
    topic.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.2.cmp(&b.1.2)));
    topic.truncate(3);
    // In the order of the subject that holds most of them (« dimanche sans chasse », not
    // « chasse dimanche sans »).
    let model: Vec<String> = senders
        .iter()
        .map(|s| {
            crate::util::fold(&s.subject)
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .max_by_key(|words| {
            (
                topic.iter().filter(|(k, _)| words.contains(k)).count(),
                std::cmp::Reverse(words.len()),
            )
        })
        .unwrap_or_default();
    topic.sort_by_key(|(k, _)| model.iter().position(|w| w == *k).unwrap_or(usize::MAX));
    let topic: Vec<String> = topic.iter().map(|(_, (_, w, _))| w.clone()).collect();
    let head = match (genre, topic.is_empty()) {
        (Some(g), false) => format!("{} {}", GENRES[g].1, topic.join(" ")),
        (None, false) => {
            let mut t = topic.join(" ");
            if let Some(first) = t.get(..1) {
                t = format!("{}{}", first.to_uppercase(), &t[1..]);
            }
            t
        }
        _ => {
            // No shared subject words: the common text's first line, else the stored title.
            let first = common.first().map_or(stored, |u| u.text.as_str());
            match first.char_indices().nth(70) {
                Some((at, _)) => format!("{}…", first[..at].trim_end()),
                None => first.to_string(),
            }
        }
    };
    let councils = matches!(
        genre.map(|g| GENRES[g].0),
        Some("motion" | "deliberation" | "voeu")
    );
    let count = if councils && distinct_communes * 2 >= distinct_senders && distinct_communes > 0 {
        plural(
            distinct_communes,
            "conseil municipal",
            "conseils municipaux",
        )
    } else if genre.map(|g| GENRES[g].0) == Some("petition") {
        plural(distinct_senders, "signataire", "signataires")
    } else {
        plural(distinct_senders, "expéditeur", "expéditeurs")
    };
    format!("{head} — {count}")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOTION: &str = "Motion relative à l'objectif « zéro artificialisation nette »\n\n\
        Le conseil municipal de {commune}, réuni le {date} sous la présidence de son maire,\n\n\
        Considérant que la loi Climat et résilience fixe l'objectif du zéro artificialisation\n\
        nette des sols en 2050 ;\n\n\
        Considérant que les communes rurales reçoivent des enveloppes foncières dérisoires ;\n\n\
        Considérant que les communes sobres sont pénalisées par la réduction ;\n\n\
        DEMANDE que la trajectoire soit différenciée selon les territoires ;\n\n\
        DEMANDE que les maires soient associés à la répartition des enveloppes.";

    fn sender(i: i64, commune: &str, subject: &str) -> Sender {
        Sender {
            message: MessageId(i),
            date: i,
            from: format!("Mairie de {commune} <mairie@{commune}.fr>"),
            address: format!("mairie@{commune}.fr"),
            subject: subject.into(),
            official: None,
            commune: Some((format!("38{i:03}"), commune.into())),
        }
    }

    fn letter(i: i64, commune: &str, subject: &str, extra: &str) -> (Sender, String) {
        let text = format!(
            "Madame la Sénatrice,\n\nVeuillez trouver la motion de notre conseil.\n\n{extra}\n\n{}\n\nLe Maire\nJean {commune}\nTél. 04 65 71 00 00",
            MOTION
                .replace("{commune}", commune)
                .replace("{date}", &format!("{i} mars 2026"))
        );
        (sender(i, commune, subject), text)
    }

    #[test]
    fn the_common_text_once_and_what_each_council_added() {
        let letters = vec![
            letter(1, "Vif", "Motion ZAN", ""),
            letter(
                2,
                "Claix",
                "Délibération motion ZAN",
                "Notre commune a perdu trois projets de logements sociaux cette année à cause de cette règle.",
            ),
            letter(3, "Rives", "Motion adoptée – ZAN", ""),
            letter(4, "Tullins", "TR: motion zan", ""),
        ];
        let s = summarise("Motion ZAN", letters);
        assert_eq!(s.title, "Motion ZAN — 4 conseils municipaux");
        assert_eq!((s.senders, s.communes), (4, 4));
        let common: Vec<&str> = s.common.iter().map(|u| u.text.as_str()).collect();
        assert!(
            common
                .iter()
                .any(|t| t.starts_with("Considérant que la loi Climat")),
            "{common:?}"
        );
        assert!(
            s.common
                .iter()
                .any(|u| u.varies && u.text.starts_with("Le conseil municipal de")),
            "{common:?}"
        );
        assert!(!common.iter().any(|t| t.contains("logements sociaux")));
        assert!(
            s.letters[1].added.starts_with("Notre commune a perdu"),
            "{:?}",
            s.letters[1]
        );
        assert_eq!(s.letters[0].added, "");
        assert!(
            s.letters[0].pieces.contains(&Piece::Skipped(5)),
            "{:?}",
            s.letters[0].pieces
        );
        assert!(s.letters[1].pieces.iter().any(|p| matches!(p, Piece::Unit { part: Part::Added, text } if text.contains("logements sociaux"))));
        // Greetings and signatures are neither common nor additions.
        assert!(!s.letters[1].added.contains("Tél"));
    }

    #[test]
    fn hard_wrapped_copies_are_the_same_text() {
        let a = units("Considérant que la loi Climat et résilience fixe\nl'objectif ;\nFin.");
        let b = units("Considérant que la loi Climat et\nrésilience fixe l'objectif ;\n\nFin.");
        let keys = |u: &[Unit]| u.iter().map(|x| x.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&a), keys(&b));
    }

    #[test]
    fn a_single_letter_has_no_common_text() {
        let s = summarise("Pétition", vec![letter(1, "Vif", "Pétition chasse", "")]);
        assert!(s.common.is_empty());
        assert_eq!(s.letters.len(), 1);
    }
}
