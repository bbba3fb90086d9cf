//! The rules stage: themes from configurable rule files (`rules/themes/*.toml`, copied into the
//! data directory's `rules/` by `init`, where offices edit or add files without recompiling).
//!
//! - [`load`]: TOML -> compiled rules; a broken file is rejected with file:line and the reason
//!   (the daemon then keeps the rules it had);
//! - [`eval`]: a message -> theme tags, each with the rule, the matched words and positions;
//! - [`record`](mod@record): the tags of a message -> its rows (communes, themes, rule counts);
//! - [`retag`]: the rules run again over stored mail, to see what a rule change would do
//!   (`rules test`) and record it;
//! - this module tags one message ([`tag`]) and reads how often each rule fired ([`stats`]).

pub mod eval;
pub mod load;
pub mod record;
pub mod retag;

pub use eval::{RuleHit, evaluate};
pub use load::{Rule, RuleSet, load_dir};
pub use record::record;

use crate::communes::{Detected, Gazetteer};
use crate::officials::{Directory, Match};
use crate::parse::ParsedMail;

/// Everything the tagging stage decided for one message.
#[derive(Debug, Clone, Default)]
pub struct Tags {
    /// Communes, in text order; the official's commune last when not named in the text.
    pub communes: Vec<Detected>,
    /// Themes, by slug.
    pub themes: Vec<RuleHit>,
}

/// The text extracted from a message's attachments (issue 19), as tagging reads it: the texts
/// one after the other, and where each starts with its file name.
#[derive(Debug, Clone, Default)]
pub struct Attached {
    /// The texts, separated by blank lines.
    pub text: String,
    /// (byte offset in `text`, file name) of each.
    pub starts: Vec<(usize, String)>,
}

impl Attached {
    /// From (file name, text) pairs.
    pub fn new<'a>(texts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Attached {
        let mut a = Attached::default();
        for (name, text) in texts {
            if !a.text.is_empty() {
                a.text.push_str("\n\n");
            }
            a.starts.push((a.text.len(), name.to_string()));
            a.text.push_str(text);
        }
        a
    }
}

/// What tagging needs to know of the matched official: its commune and its current functions.
#[derive(Debug, Clone, Default)]
pub struct OfficialFacts {
    /// INSEE code of its municipal mandate's commune.
    pub commune: Option<String>,
    /// Its current functions, folded (« maire conseiller municipal »).
    pub functions: String,
}

/// Tags a parsed message (see [`tag_with`]) with the official's facts from the directory in
/// memory, before any attachment text is known (the ingest).
pub fn tag(
    parsed: &ParsedMail,
    matched: Option<&Match>,
    directory: &Directory,
    rules: &RuleSet,
    territory: &[String],
    kind: crate::parse::Kind,
    date: &str,
) -> anyhow::Result<Tags> {
    let official = matched.and_then(|m| m.official);
    let facts = OfficialFacts {
        commune: official.and_then(|id| directory.commune_of(id)),
        functions: official
            .map(|id| directory.functions_of(id))
            .unwrap_or_default(),
    };
    tag_with(
        parsed,
        &facts,
        &Attached::default(),
        rules,
        territory,
        kind,
        date,
    )
}

/// Tags a parsed message: communes from its subject and own text (plus the matched official's
/// commune, always one of them) and from its attachments' text, then themes from the rules.
pub fn tag_with(
    parsed: &ParsedMail,
    official: &OfficialFacts,
    attached: &Attached,
    rules: &RuleSet,
    territory: &[String],
    kind: crate::parse::Kind,
    date: &str,
) -> anyhow::Result<Tags> {
    let gazetteer = Gazetteer::bundled()?;
    // Quoted replies and forwarded mail name the places the exchange is about, too.
    let text = format!(
        "{}\n{}\n{}\n{}",
        parsed.subject, parsed.body, parsed.quoted, parsed.forwarded
    );
    let mut communes = gazetteer.detect(&text, territory);
    // The sender's own name is not a place (« Léa Labarde » signing her letter): a name found
    // only because it is capitalised, that is a word of the sender's name, goes.
    if let Some(from) = &parsed.from {
        // Only a person's display name (« Léa Labarde »): « Mairie de Vif », « Collectif Vélo
        // Meylan » or « Société d'histoire de Vizille » name an institution of that place.
        const INSTITUTION: &[&str] = &[
            "mairie",
            "ville",
            "commune",
            "cabinet",
            "secretariat",
            "accueil",
            "office",
            "communaute",
            "syndicat",
            "association",
            "asso",
            "ecole",
            "college",
            "lycee",
            "hotel",
            "sdis",
            "prefecture",
            "departement",
            "region",
            "conseil",
            "service",
            "contact",
            "info",
            "comite",
            "societe",
            "collectif",
            "amicale",
            "club",
            "union",
            "federation",
            "foire",
            "elus",
            "groupe",
            "sarl",
            "sas",
            "entreprise",
            "camping",
            "chateau",
            "domaine",
            "cave",
            "gaec",
            "earl",
            "les",
            "des",
            "amis",
            "habitants",
        ];
        let words: Vec<&str> = from.name.split_whitespace().collect();
        let folded = crate::util::fold(&from.name);
        let looks_like_person = (2..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !folded
                .split(' ')
                .any(|w| INSTITUTION.iter().any(|i| w == *i || w.starts_with(i)));
        let own: Vec<String> = if looks_like_person {
            folded
                .split(' ')
                .filter(|w| w.len() > 2)
                .map(str::to_string)
                .collect()
        } else {
            Vec::new()
        };
        communes.retain(|c| {
            c.context != "capitalised"
                || !crate::util::fold(&c.matched)
                    .split(' ')
                    .all(|w| own.iter().any(|o| o == w))
        });
    }
    if let Some(from) = &parsed.from
        && let Some(d) = gazetteer.commune_of_address(&from.address, territory)
        && !communes.iter().any(|c| c.code == d.code)
    {
        communes.push(d);
    }
    // Communes named in the attachments, after those of the mail itself.
    for mut d in gazetteer.detect(&attached.text, territory) {
        if communes.iter().any(|c| c.code == d.code) {
            continue;
        }
        let file = attached
            .starts
            .iter()
            .rev()
            .find(|(start, _)| *start <= d.position)
            .map(|(_, name)| name.as_str())
            .unwrap_or("");
        d.context = format!("attachment:{file}");
        d.position = usize::MAX;
        communes.push(d);
    }
    if let Some(code) = official.commune.clone()
        && !communes.iter().any(|c| c.code == code)
    {
        let name = gazetteer
            .get(&code)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        communes.push(Detected {
            code,
            name,
            context: "official".into(),
            matched: String::new(),
            position: usize::MAX,
        });
    }
    let departements = communes
        .iter()
        .filter_map(|c| gazetteer.get(&c.code).map(|g| g.departement.clone()))
        .collect();
    let subject = eval::Subject {
        subject: &parsed.subject,
        body: &parsed.body,
        quoted: &parsed.quoted,
        from: parsed.from.as_ref().map_or("", |f| f.address.as_str()),
        attachment: &attached.text,
        attachment_names: &attached.starts,
        function: official.functions.clone(),
        departements,
        language: &parsed.language,
        kind: kind.as_str(),
        date: date.to_string(),
    };
    Ok(Tags {
        themes: evaluate(rules, &subject),
        communes,
    })
}

/// How often each rule fired: rule id → (times, last time in Unix seconds). Reads only.
pub fn stats(
    conn: &rusqlite::Connection,
) -> anyhow::Result<std::collections::HashMap<String, (i64, i64)>> {
    Ok(conn
        .prepare_cached("SELECT rule, fired, last_fired FROM rule_stats")?
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?)
}
