//! Why a message was filed as it was: who the pipeline took for its sender, which communes and
//! themes it found and where, which case it joined and how. One [`Explanation`] is built here
//! from what the stages recorded; the command line renders it in English (`permanence explain`)
//! and the web's message page in French, so the two never disagree and neither front-end reads
//! the tables itself. `explain/french.rs` says it in French: sentences first, the technical
//! trace apart.

pub mod french;

use anyhow::{Context as _, Result};
use rusqlite::Connection;
use serde::Serialize;

use crate::officials::RecordedMatch;
use crate::store::messages::MessageRow;

/// Why a commune is one of the message's communes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum CommuneReason {
    /// The commune of the matched official.
    Official,
    /// The sender's town-hall address names it.
    Domain {
        /// The address.
        address: String,
    },
    /// Found in the text of an attachment (issue 19).
    Attachment {
        /// The attachment's file name.
        file: String,
        /// The words as written.
        matched: String,
    },
    /// Found in the text.
    Text {
        /// How it was recognised (`locating`, `capitalised`…).
        context: String,
        /// The words as written.
        matched: String,
        /// Byte offset in subject + body.
        position: i64,
    },
}

/// A commune of the message and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommuneFound {
    /// INSEE code.
    pub code: String,
    /// Official name ('?' when the code is no longer in the commune list).
    pub name: String,
    /// Why.
    pub reason: CommuneReason,
}

/// A term a theme rule found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermFound {
    /// The rule's term.
    pub term: String,
    /// `subject`, `body`, `quoted` or `attachment`.
    pub field: String,
    /// Byte offset in that field.
    pub position: i64,
    /// For `attachment`: the file the term was found in.
    pub attachment: Option<String>,
}

/// A theme of the message (primary first) and the terms that made it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeFound {
    /// Theme slug.
    pub theme: String,
    /// The rule that set it (`staff` when a person did).
    pub rule: String,
    /// Its score.
    pub score: f64,
    /// The terms found.
    pub terms: Vec<TermFound>,
}

/// Where the message was filed and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Filing {
    /// In a case.
    Case {
        /// The case.
        id: crate::ids::CaseId,
        /// Its title.
        title: String,
        /// Its state.
        state: crate::cases::State,
        /// How the message joined it (`references`, `subject`, `campaign`…).
        method: String,
        /// Why, in words.
        reason: String,
        /// For a campaign whose members diverge: the warning's figures.
        divergence: Option<crate::cases::Divergence>,
    },
    /// Automatic mail never opens or joins a case.
    Automatic {
        /// Its kind (`auto_reply`, `bulk`, `bounce`).
        kind: crate::parse::Kind,
        /// For a bounce: the message that was not delivered.
        bounce_of: Option<i64>,
    },
    /// Not filed (yet).
    Nowhere,
}

/// Everything the pipeline decided for one message, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The message.
    pub id: i64,
    /// Its sender's address.
    pub from: String,
    /// Its subject.
    pub subject: String,
    /// The sender match (`None`: not decided).
    pub official: Option<RecordedMatch>,
    /// Communes, in the order found.
    pub communes: Vec<CommuneFound>,
    /// Themes, primary first.
    pub themes: Vec<ThemeFound>,
    /// The case.
    pub filing: Filing,
}

/// The explanation of message `row`.
pub fn explain(conn: &Connection, row: &MessageRow) -> Result<Explanation> {
    let gazetteer = crate::communes::Gazetteer::bundled()?;
    let communes = crate::store::tags::commune_details(conn, row.id)?
        .into_iter()
        .map(|(code, context, matched, position)| {
            let name = gazetteer
                .get(&code)
                .map_or_else(|| "?".to_string(), |c| c.name.clone());
            let reason = match context.as_str() {
                "official" => CommuneReason::Official,
                "domain" => CommuneReason::Domain { address: matched },
                c if c.starts_with("attachment:") => CommuneReason::Attachment {
                    file: c["attachment:".len()..].to_string(),
                    matched,
                },
                _ => CommuneReason::Text {
                    context,
                    matched,
                    position,
                },
            };
            CommuneFound { code, name, reason }
        })
        .collect();
    let mut themes = Vec::new();
    for (theme, rule, score, found) in crate::store::tags::theme_details(conn, row.id)? {
        let found: Vec<serde_json::Value> =
            serde_json::from_str(&found).context("stored matches")?;
        let terms = found
            .iter()
            .map(|f| TermFound {
                term: f["term"].as_str().unwrap_or("").to_string(),
                field: f["field"].as_str().unwrap_or("").to_string(),
                position: f["position"].as_i64().unwrap_or(0),
                attachment: f["attachment"].as_str().map(str::to_string),
            })
            .collect();
        themes.push(ThemeFound {
            theme,
            rule,
            score,
            terms,
        });
    }
    let (_, bounce_of) = crate::store::messages::outgoing_and_bounce(conn, row.id)?;
    let filing = match crate::cases::of_message(conn, crate::ids::MessageId(row.id))? {
        Some((id, method, reason)) => {
            let case = crate::cases::require(conn, id)?;
            Filing::Case {
                id,
                title: case.title,
                state: case.state,
                method,
                reason,
                divergence: crate::cases::campaign_divergence(conn, id)?,
            }
        }
        None if row.kind != crate::parse::Kind::Personal => Filing::Automatic {
            kind: row.kind,
            bounce_of,
        },
        None => Filing::Nowhere,
    };
    Ok(Explanation {
        id: row.id,
        from: row.from.address.clone(),
        subject: row.subject.clone(),
        official: crate::officials::recorded(conn, row.id)?,
        communes,
        themes,
        filing,
    })
}
