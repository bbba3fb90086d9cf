//! Request cases (dossiers): every personal message joins one, staff confirm and work them.
//!
//! The pipeline files each new message in its batch's transaction (`thread.rs`: thread headers,
//! quoted header block, campaign, subject, else a new `proposed` case). Staff then move a case
//! through `proposed → open → waiting → answered → closed` (and reopen it), assign it, tag it,
//! merge and split it, add notes and a due date; every change lands in `case_history` with who
//! did it, when, and the values before and after. `triage` lists what needs a look this morning.

pub mod campaign;
pub mod subject;
mod thread;

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use serde::Serialize;

pub use thread::{Filed, Settings, file_message};

use crate::store::now;

/// The name the pipeline signs its history entries with.
pub const PIPELINE: &str = "permanence";

/// How a message came to its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// In-Reply-To / References.
    References,
    /// Quoted header block or attribution line.
    QuotedHeader,
    /// Same correspondent and normalised subject.
    Subject,
    /// Near-identical text from several senders.
    Campaign,
    /// Opened a new case.
    New,
    /// Moved by staff (merge, split).
    Staff,
}

impl Method {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::References => "references",
            Method::QuotedHeader => "quoted_header",
            Method::Subject => "subject",
            Method::Campaign => "campaign",
            Method::New => "new",
            Method::Staff => "staff",
        }
    }
}

/// Case states, in the order a case usually goes through them.
pub const STATES: &[&str] = &["proposed", "open", "waiting", "answered", "closed"];

/// Priority names, most urgent first (stored as 0..3).
pub const PRIORITIES: &[&str] = &["urgent", "high", "normal", "low"];

/// The stored level of a priority name (`urgent`, `high`, `normal`, `low`; French accepted).
pub fn priority_level(name: &str) -> Option<i64> {
    match crate::util::fold(name).as_str() {
        "urgent" | "urgente" => Some(0),
        "high" | "haute" | "elevee" => Some(1),
        "normal" | "normale" => Some(2),
        "low" | "basse" => Some(3),
        _ => None,
    }
}

fn priority_name(level: i64) -> &'static str {
    PRIORITIES
        .get(level.clamp(0, 3) as usize)
        .copied()
        .unwrap_or("normal")
}

/// Appends a history entry.
pub fn history(
    tx: &Transaction<'_>,
    case_id: i64,
    who: &str,
    action: &str,
    before: &str,
    after: &str,
    at: i64,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO case_history (case_id, at, who, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![case_id, at, who, action, before, after])?;
    Ok(())
}

/// Marks case `from` as merged into `into` (closed, pointing at it) and says so in its history.
fn close_merged(
    tx: &Transaction<'_>,
    from: i64,
    into: i64,
    who: &str,
    before: &str,
    text: &str,
    at: i64,
) -> Result<()> {
    tx.execute(
        "UPDATE cases SET state = 'closed', merged_into = ?2, updated_at = ?3 WHERE id = ?1",
        params![from, into, at],
    )?;
    history(tx, from, who, "merge", before, text, at)
}

/// Copies the staff's theme decisions of case `from` (added, and removed: `on_ = 0`) to `into`,
/// where they win over what the rules set.
fn copy_staff_themes(tx: &Transaction<'_>, from: i64, into: i64) -> Result<()> {
    tx.execute(
        "INSERT INTO case_themes (case_id, theme, source, on_)
             SELECT ?2, theme, source, on_ FROM case_themes WHERE case_id = ?1 AND source = 'staff'
         ON CONFLICT (case_id, theme) DO UPDATE SET source = 'staff', on_ = excluded.on_",
        params![from, into],
    )?;
    Ok(())
}

/// The parties of a case from its messages: the senders of incoming mail, whom the office wrote
/// to in its own.
fn rebuild_parties(tx: &Transaction<'_>, case_id: i64) -> Result<()> {
    tx.execute("DELETE FROM case_parties WHERE case_id = ?1", [case_id])?;
    tx.execute(
        "INSERT OR IGNORE INTO case_parties (case_id, address)
             SELECT ?1, m.from_addr FROM message_cases mc JOIN messages m ON m.id = mc.message
             WHERE mc.case_id = ?1 AND m.outgoing = 0 AND m.from_addr != ''
             UNION
             SELECT ?1, r.address FROM message_cases mc JOIN messages m ON m.id = mc.message
             JOIN recipients r ON r.message = m.id
             WHERE mc.case_id = ?1 AND m.outgoing = 1 AND r.role IN ('to', 'cc', 'bcc') AND r.address != ''",
        [case_id],
    )?;
    Ok(())
}

/// Moves every message (and its parties) of case `from` into case `into`.
fn move_messages(tx: &Transaction<'_>, from: i64, into: i64) -> Result<()> {
    tx.execute(
        "UPDATE message_cases SET case_id = ?2 WHERE case_id = ?1",
        params![from, into],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO case_parties (case_id, address) SELECT ?2, address FROM case_parties WHERE case_id = ?1",
        params![from, into],
    )?;
    Ok(())
}

/// Recomputes a case's dates, communes and rule themes from its messages (after messages moved).
fn refresh_from_messages(tx: &Transaction<'_>, case_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE cases SET
             first_at = coalesce((SELECT min(m.date) FROM message_cases mc JOIN messages m ON m.id = mc.message WHERE mc.case_id = ?1), first_at),
             last_at = coalesce((SELECT max(m.date) FROM message_cases mc JOIN messages m ON m.id = mc.message WHERE mc.case_id = ?1), last_at)
         WHERE id = ?1",
        [case_id],
    )?;
    let messages: Vec<i64> = tx
        .prepare_cached("SELECT message FROM message_cases WHERE case_id = ?1")?
        .query_map([case_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for m in messages {
        thread::add_message_tags(tx, case_id, m)?;
    }
    Ok(())
}

/// Files every personal message the cases stage has not seen yet (stored before this stage
/// existed), oldest first, re-parsing the originals. Returns how many were looked at.
pub fn catch_up(
    ctx: &mut crate::context::Context,
    options: crate::parse::ParseOptions,
) -> Result<u64> {
    let through: i64 = ctx
        .store
        .conn()
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'cases_through'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let max = crate::store::messages::max_id(ctx.store.conn())?;
    if max <= through {
        return Ok(0);
    }
    let rows: Vec<(i64, String)> = ctx
        .store
        .conn()
        .prepare(
            "SELECT id, blob FROM messages WHERE id > ?1 AND state != 'failed'
               AND id NOT IN (SELECT message FROM message_cases) ORDER BY date, id",
        )?
        .query_map([through], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let settings = Settings::from_config(&ctx.config);
    let raw = ctx.raw.clone();
    for chunk in rows.chunks(1000) {
        ctx.store.transaction(|tx| {
            for (id, blob) in chunk {
                // Unreadable or unparsable originals are skipped, like at ingest.
                let Ok(bytes) = raw.read(blob) else { continue };
                let Ok(parsed) = crate::parse::parse(&bytes, &options) else {
                    continue;
                };
                let facts = campaign::facts(&parsed);
                file_message(tx, *id, &parsed, &facts, &settings)?;
            }
            Ok(())
        })?;
    }
    ctx.store.transaction(|tx| set_filed_through(tx, max))?;
    Ok(rows.len() as u64)
}

/// Records that every message up to `id` went through the cases stage.
pub fn set_filed_through(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE settings SET value = CAST(max(CAST(value AS INTEGER), ?1) AS TEXT) WHERE key = 'cases_through'",
    )?
    .execute([id])?;
    Ok(())
}

/// A case as shown, listed and exported.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    /// Case id.
    pub id: i64,
    /// Title (first subject).
    pub title: String,
    /// request | campaign.
    pub kind: String,
    /// proposed | open | waiting | answered | closed.
    pub state: String,
    /// The correspondent official, if known.
    pub official: Option<crate::officials::ExportedOfficial>,
    /// The correspondent's address.
    pub correspondent: String,
    /// Everyone on the other side (senders, whom the office wrote to).
    pub parties: Vec<String>,
    /// INSEE codes.
    pub communes: Vec<String>,
    /// Theme slugs (removed ones excluded).
    pub themes: Vec<String>,
    /// Who works on it.
    pub assignee: String,
    /// urgent | high | normal | low.
    pub priority: String,
    /// YYYY-MM-DD or ''.
    pub due: String,
    /// Case it was merged into.
    pub merged_into: Option<i64>,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339.
    pub updated: String,
    /// Date of the first message, RFC 3339.
    pub first_message: String,
    /// Date of the last message, RFC 3339.
    pub last_message: String,
    /// Date of the office's first answer, RFC 3339, '' when none.
    pub answered: String,
    /// Message ids, oldest first.
    pub messages: Vec<i64>,
}

/// A note.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// Author.
    pub author: String,
    /// RFC 3339.
    pub at: String,
    /// Text.
    pub text: String,
}

/// A history entry.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// RFC 3339.
    pub at: String,
    /// Who.
    pub who: String,
    /// What.
    pub action: String,
    /// Value before.
    pub before: String,
    /// Value after.
    pub after: String,
}

fn ts(t: i64) -> String {
    if t == 0 {
        String::new()
    } else {
        crate::util::rfc3339(t, 0)
    }
}

fn strings(conn: &Connection, sql: &str, id: i64) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Case `id`, if it exists.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Case>> {
    // The case row itself; official, lists and messages are filled in below.
    let row = conn
        .prepare_cached(
            "SELECT title, kind, state, official, correspondent, assignee, priority, due, merged_into,
                    created_at, updated_at, first_at, last_at, answered_at FROM cases WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, Option<i64>>(3)?,
                Case {
                    id,
                    title: r.get(0)?,
                    kind: r.get(1)?,
                    state: r.get(2)?,
                    official: None,
                    correspondent: r.get(4)?,
                    parties: Vec::new(),
                    communes: Vec::new(),
                    themes: Vec::new(),
                    assignee: r.get(5)?,
                    priority: priority_name(r.get(6)?).to_string(),
                    due: r.get(7)?,
                    merged_into: r.get(8)?,
                    created: ts(r.get(9)?),
                    updated: ts(r.get(10)?),
                    first_message: ts(r.get(11)?),
                    last_message: ts(r.get(12)?),
                    answered: ts(r.get(13)?),
                    messages: Vec::new(),
                },
            ))
        })
        .optional()?;
    let Some((official, mut case)) = row else {
        return Ok(None);
    };
    if let Some(o) = official {
        case.official = crate::officials::exported(conn, o, 1.0, crate::officials::Method::Case)?;
    }
    case.messages = conn
        .prepare_cached(
            "SELECT mc.message FROM message_cases mc JOIN messages m ON m.id = mc.message
             WHERE mc.case_id = ?1 ORDER BY m.date, m.id",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    case.parties = strings(
        conn,
        "SELECT address FROM case_parties WHERE case_id = ?1 ORDER BY address",
        id,
    )?;
    case.communes = strings(
        conn,
        "SELECT commune FROM case_communes WHERE case_id = ?1 ORDER BY commune",
        id,
    )?;
    case.themes = strings(
        conn,
        "SELECT theme FROM case_themes WHERE case_id = ?1 AND on_ = 1 ORDER BY theme",
        id,
    )?;
    Ok(Some(case))
}

/// Case `id`, or an error naming it.
pub fn require(conn: &Connection, id: i64) -> Result<Case> {
    Ok(get(conn, id)?.ok_or(Refusal::NoCase(id))?)
}

/// A case state as French pages and refusals say it.
pub fn state_french(state: &str) -> &'static str {
    match state {
        "proposed" => "à confirmer",
        "open" => "ouvert",
        "waiting" => "en attente",
        "answered" => "répondu",
        "closed" => "clos",
        _ => "?",
    }
}

/// A staff action the case cannot take, as asked: said to the person (the CLI in English, the
/// web in French with [`Refusal::french`], HTTP 400); every other error of a staff action is
/// ours (the web answers 500 and logs it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("no case #{0}")]
    NoCase(i64),
    #[error("case #{id} was merged into case #{into}: act on that one")]
    Merged { id: i64, into: i64 },
    #[error("case #{id} is {state}: only a closed or answered case can be reopened")]
    NotReopenable { id: i64, state: String },
    #[error("a case cannot go back to proposed")]
    BackToProposed,
    #[error("unknown state {0:?}: open, waiting, answered, closed or reopen")]
    UnknownState(String),
    #[error("empty theme")]
    EmptyTheme,
    #[error("cannot merge case #{0} into itself")]
    MergeIntoItself(i64),
    #[error("case #{0} is not a campaign: use `case split` to move messages")]
    NotACampaign(i64),
    #[error("no message from {address} in campaign #{id}")]
    NotInCampaign { id: i64, address: String },
    #[error("name the messages to split out of case #{0}")]
    NothingToSplit(i64),
    #[error("message #{message} is not in case #{id}")]
    NotInCase { id: i64, message: i64 },
    #[error("at least one message must stay in case #{0}")]
    SplitAll(i64),
    #[error("empty note")]
    EmptyNote,
    #[error("no user named {0:?}: a case is assigned to a user (`permanence user add NAME`)")]
    NoUser(String),
    #[error("due date {0:?} is not YYYY-MM-DD")]
    BadDueDate(String),
    #[error("unknown priority {0:?}: urgent, high, normal or low")]
    UnknownPriority(String),
}

impl Refusal {
    /// The refusal as the web says it.
    pub fn french(&self) -> String {
        match self {
            Refusal::NoCase(id) => format!("Aucun dossier n° {id}."),
            Refusal::Merged { id, into } => format!(
                "Le dossier n° {id} a été fusionné dans le dossier n° {into} : agissez sur celui-ci."
            ),
            Refusal::NotReopenable { id, state } => format!(
                "Le dossier n° {id} est {} : seul un dossier clos ou répondu peut être rouvert.",
                state_french(state)
            ),
            Refusal::BackToProposed => {
                "Un dossier ne peut pas revenir à l'état « à confirmer ».".into()
            }
            Refusal::UnknownState(s) => format!(
                "État inconnu « {} » : ouvert, en attente, répondu, clos ou rouvrir.",
                s.chars().take(64).collect::<String>()
            ),
            Refusal::EmptyTheme => "Choisissez un thème.".into(),
            Refusal::MergeIntoItself(id) => {
                format!("Le dossier n° {id} ne peut pas être fusionné avec lui-même.")
            }
            Refusal::NotACampaign(id) => format!(
                "Le dossier n° {id} n'est pas une campagne : scindez-le pour en retirer des messages."
            ),
            Refusal::NotInCampaign { id, address } => format!(
                "Aucun message de {} dans la campagne n° {id}.",
                address.chars().take(200).collect::<String>()
            ),
            Refusal::NothingToSplit(id) => {
                format!("Choisissez les messages à retirer du dossier n° {id}.")
            }
            Refusal::NotInCase { id, message } => {
                format!("Le message n° {message} n'est pas dans le dossier n° {id}.")
            }
            Refusal::SplitAll(id) => {
                format!("Au moins un message doit rester dans le dossier n° {id}.")
            }
            Refusal::EmptyNote => "La note est vide.".into(),
            Refusal::NoUser(name) => format!(
                "Aucun utilisateur « {} » : un dossier est confié à un utilisateur.",
                name
            ),
            Refusal::BadDueDate(d) => format!(
                "La date d'échéance « {} » n'est pas une date (AAAA-MM-JJ).",
                d
            ),
            Refusal::UnknownPriority(p) => format!(
                "Priorité inconnue « {} » : urgente, haute, normale ou basse.",
                p
            ),
        }
    }
}

/// Notes of a case, oldest first.
pub fn notes(conn: &Connection, id: i64) -> Result<Vec<Note>> {
    Ok(conn
        .prepare_cached("SELECT author, at, text FROM case_notes WHERE case_id = ?1 ORDER BY id")?
        .query_map([id], |r| {
            Ok(Note {
                author: r.get(0)?,
                at: ts(r.get(1)?),
                text: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// History of a case, oldest first.
pub fn history_of(conn: &Connection, id: i64) -> Result<Vec<HistoryEntry>> {
    Ok(conn
        .prepare_cached(
            "SELECT at, who, action, before, after FROM case_history WHERE case_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(HistoryEntry {
                at: ts(r.get(0)?),
                who: r.get(1)?,
                action: r.get(2)?,
                before: r.get(3)?,
                after: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The case of a message and how it got there: (case, method, reason).
pub fn of_message(conn: &Connection, message: i64) -> Result<Option<(i64, String, String)>> {
    Ok(conn
        .prepare_cached("SELECT case_id, method, reason FROM message_cases WHERE message = ?1")?
        .query_row([message], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

// ---- staff actions: each one checks its input, changes the case and records it ----

fn touch(tx: &Transaction<'_>, id: i64, at: i64) -> Result<()> {
    tx.execute(
        "UPDATE cases SET updated_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

fn live(tx: &Transaction<'_>, id: i64) -> Result<Case> {
    let case = require(tx, id)?;
    if let Some(into) = case.merged_into {
        return Err(Refusal::Merged { id, into }.into());
    }
    Ok(case)
}

/// Moves a case to `state` (`reopen` = `open` from `closed`). Returns the state before.
pub fn set_state(tx: &Transaction<'_>, id: i64, who: &str, state: &str) -> Result<String> {
    let case = live(tx, id)?;
    let target = match state {
        "reopen" => {
            if case.state != "closed" && case.state != "answered" {
                return Err(Refusal::NotReopenable {
                    id,
                    state: case.state.clone(),
                }
                .into());
            }
            "open"
        }
        s if STATES.contains(&s) && s != "proposed" => s,
        "proposed" => return Err(Refusal::BackToProposed.into()),
        other => return Err(Refusal::UnknownState(other.to_string()).into()),
    };
    if case.state == target {
        return Ok(case.state);
    }
    let at = now();
    tx.execute(
        "UPDATE cases SET state = ?2 WHERE id = ?1",
        params![id, target],
    )?;
    if target == "answered" {
        tx.execute(
            "UPDATE cases SET answered_at = ?2 WHERE id = ?1 AND answered_at = 0",
            params![id, at],
        )?;
    }
    touch(tx, id, at)?;
    history(tx, id, who, "state", &case.state, target, at)?;
    Ok(case.state)
}

/// Marks a case as not a request (a thank-you, an invitation already handled, mail filed by
/// mistake): closes it and says so in its history, so that it leaves the queue for good.
pub fn dismiss(tx: &Transaction<'_>, id: i64, who: &str) -> Result<()> {
    let case = live(tx, id)?;
    history(tx, id, who, "not_a_request", &case.state, "closed", now())?;
    set_state(tx, id, who, "closed")?;
    Ok(())
}

/// Confirms a proposed case (→ open). With `official`, the case's correspondent is that official:
/// its incoming messages are confirmed as theirs, which teaches their addresses (see
/// `officials confirm`). Returns what was learned, one line per message.
pub fn confirm(
    tx: &Transaction<'_>,
    id: i64,
    who: &str,
    official: Option<i64>,
) -> Result<Vec<String>> {
    let case = live(tx, id)?;
    let at = now();
    let mut learned = Vec::new();
    if let Some(o) = official {
        let before = case.official.as_ref().map(|o| o.id);
        if before != Some(o) {
            let incoming: Vec<i64> = tx
                .prepare(
                    "SELECT mc.message FROM message_cases mc JOIN messages m ON m.id = mc.message
                     WHERE mc.case_id = ?1 AND m.outgoing = 0 AND m.from_addr = ?2",
                )?
                .query_map(params![id, case.correspondent], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for m in incoming {
                learned.push(crate::officials::confirm(tx, m, o, false)?);
                crate::store::messages::mark_dirty(tx, m)?;
            }
            tx.execute(
                "UPDATE cases SET official = ?2 WHERE id = ?1",
                params![id, o],
            )?;
            history(
                tx,
                id,
                who,
                "official",
                &before.map(|b| format!("#{b}")).unwrap_or_default(),
                &format!("#{o}"),
                at,
            )?;
        }
    }
    if case.state == "proposed" {
        tx.execute("UPDATE cases SET state = 'open' WHERE id = ?1", [id])?;
        history(tx, id, who, "state", "proposed", "open", at)?;
    }
    touch(tx, id, at)?;
    Ok(learned)
}

/// Assigns a case ('' unassigns).
///
/// `assignee` must name an existing user (any case: the stored spelling is recorded), or be
/// empty to unassign.
pub fn assign(tx: &Transaction<'_>, id: i64, who: &str, assignee: &str) -> Result<()> {
    let case = live(tx, id)?;
    let assignee = assignee.trim();
    let assignee: String = if assignee.is_empty() {
        String::new()
    } else {
        tx.query_row(
            "SELECT name FROM users WHERE name = ?1 COLLATE NOCASE",
            [assignee],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Refusal::NoUser(assignee.chars().take(64).collect()))?
    };
    let assignee = assignee.as_str();
    let at = now();
    tx.execute(
        "UPDATE cases SET assignee = ?2 WHERE id = ?1",
        params![id, assignee],
    )?;
    touch(tx, id, at)?;
    history(tx, id, who, "assign", &case.assignee, assignee, at)
}

/// Adds (`on`) or removes a theme; recorded for rule tuning.
pub fn tag(tx: &Transaction<'_>, id: i64, who: &str, theme: &str, on: bool) -> Result<()> {
    let case = live(tx, id)?;
    let theme = theme.trim();
    if theme.is_empty() {
        return Err(Refusal::EmptyTheme.into());
    }
    let had = case.themes.iter().any(|t| t == theme);
    if had == on {
        return Ok(());
    }
    let at = now();
    tx.execute(
        "INSERT INTO case_themes (case_id, theme, source, on_) VALUES (?1, ?2, 'staff', ?3)
         ON CONFLICT (case_id, theme) DO UPDATE SET source = 'staff', on_ = excluded.on_",
        params![id, theme, on],
    )?;
    tx.execute(
        "INSERT INTO theme_feedback (case_id, theme, verdict, who, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, theme, on, who, at],
    )?;
    touch(tx, id, at)?;
    if on {
        history(tx, id, who, "tag", "", theme, at)
    } else {
        history(tx, id, who, "untag", theme, "", at)
    }
}

/// Merges case `from` into case `into`: every message moves, `from` is closed and points at
/// `into`. Both histories say so.
pub fn merge(tx: &Transaction<'_>, from: i64, into: i64, who: &str) -> Result<()> {
    if from == into {
        return Err(Refusal::MergeIntoItself(from).into());
    }
    let source = live(tx, from)?;
    live(tx, into)?;
    let at = now();
    move_messages(tx, from, into)?;
    tx.execute(
        "UPDATE message_cases SET method = ?4, reason = ?2 WHERE case_id = ?1 AND message IN (SELECT value FROM json_each(?3))",
        params![
            into,
            format!("case #{from} merged into case #{into} by {who}"),
            serde_json::to_string(&source.messages)?,
            Method::Staff.as_str()
        ],
    )?;
    copy_staff_themes(tx, from, into)?;
    for commune in &source.communes {
        tx.execute(
            "INSERT OR IGNORE INTO case_communes (case_id, commune) VALUES (?1, ?2)",
            params![into, commune],
        )?;
    }
    close_merged(
        tx,
        from,
        into,
        who,
        &source.state,
        &format!("merged into case #{into}"),
        at,
    )?;
    refresh_from_messages(tx, into)?;
    touch(tx, into, at)?;
    history(
        tx,
        into,
        who,
        "merge",
        "",
        &format!(
            "case #{from} merged in ({} messages)",
            source.messages.len()
        ),
        at,
    )
}

/// Splits `messages` out of case `id` into a new open case (titled from the first of them).
/// Returns the new case id. At least one message must stay.
/// Why a campaign's members look like more than one campaign: their themes or their subjects
/// have too little in common (see [`campaign_divergence`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Divergence {
    /// Members (messages) of the campaign.
    pub members: usize,
    /// Share of the members with a theme that carry its most common theme.
    pub theme_share: f64,
    /// Share of the members whose subject contains the most common subject word.
    pub subject_share: f64,
}

/// A warning for campaign `id` when its members diverge: among members with themes (at least
/// three), the most common theme is carried by fewer than half; or the most common word (four
/// letters or more) of their normalised subjects appears in fewer than half of them. Copies
/// of one motion share their themes and a subject word (« maternité », « motion »); a chain of
/// unrelated follow-ups does not. `None` for a request, or a campaign that holds together.
pub fn campaign_divergence(conn: &Connection, id: i64) -> Result<Option<Divergence>> {
    let kind: String =
        conn.query_row("SELECT kind FROM cases WHERE id = ?1", [id], |r| r.get(0))?;
    if kind != "campaign" {
        return Ok(None);
    }
    let members: Vec<(i64, String)> = conn
        .prepare(
            "SELECT m.id, m.subject FROM message_cases mc JOIN messages m ON m.id = mc.message
             WHERE mc.case_id = ?1 AND m.outgoing = 0",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if members.len() < 3 {
        return Ok(None);
    }
    let share = |counts: &std::collections::HashMap<String, usize>, of: usize| {
        counts.values().copied().max().unwrap_or(0) as f64 / of.max(1) as f64
    };
    let mut themes = std::collections::HashMap::new();
    let mut themed = 0;
    let mut words = std::collections::HashMap::new();
    for (message, subject) in &members {
        let mine: BTreeSet<String> = conn
            .prepare_cached("SELECT theme FROM message_themes WHERE message = ?1")?
            .query_map([message], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if !mine.is_empty() {
            themed += 1;
        }
        for t in mine {
            *themes.entry(t).or_insert(0) += 1;
        }
        let norm = subject::normalise(subject);
        let mine: BTreeSet<&str> = norm.split(' ').filter(|w| w.len() >= 4).collect();
        for w in mine {
            *words.entry(w.to_string()).or_insert(0) += 1;
        }
    }
    let d = Divergence {
        members: members.len(),
        theme_share: if themed >= 3 {
            share(&themes, themed)
        } else {
            1.0
        },
        subject_share: share(&words, members.len()),
    };
    Ok((d.theme_share < 0.5 || d.subject_share < 0.5).then_some(d))
}

/// Takes `address` (a sender) and their messages out of campaign `id` into a case of their own
/// (returned), recorded in both histories; the pipeline never files that sender's mail into
/// this campaign again (`campaign_exclusions`).
pub fn detach(tx: &Transaction<'_>, id: i64, address: &str, who: &str) -> Result<i64> {
    let case = live(tx, id)?;
    if case.kind != "campaign" {
        return Err(Refusal::NotACampaign(id).into());
    }
    let address = address.trim().to_lowercase();
    let messages: Vec<i64> = tx
        .prepare(
            "SELECT mc.message FROM message_cases mc JOIN messages m ON m.id = mc.message
             WHERE mc.case_id = ?1 AND lower(m.from_addr) = ?2 ORDER BY m.date, m.id",
        )?
        .query_map(params![id, address], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if messages.is_empty() {
        return Err(Refusal::NotInCampaign { id, address }.into());
    }
    let new = split(tx, id, &messages, who)?;
    tx.execute(
        "INSERT OR REPLACE INTO campaign_exclusions (case_id, address, who, at) VALUES (?1, ?2, ?3, ?4)",
        params![id, address, who, now()],
    )?;
    history(tx, id, who, "detach", &address, &format!("#{new}"), now())?;
    Ok(new)
}

pub fn split(tx: &Transaction<'_>, id: i64, messages: &[i64], who: &str) -> Result<i64> {
    let case = live(tx, id)?;
    if messages.is_empty() {
        return Err(Refusal::NothingToSplit(id).into());
    }
    for m in messages {
        if !case.messages.contains(m) {
            return Err(Refusal::NotInCase { id, message: *m }.into());
        }
    }
    if messages.len() >= case.messages.len() {
        return Err(Refusal::SplitAll(id).into());
    }
    let at = now();
    let (subject, from, official): (String, String, Option<i64>) = tx.query_row(
        "SELECT m.subject, m.from_addr, o.official FROM messages m LEFT JOIN message_officials o ON o.message = m.id
         WHERE m.id IN (SELECT value FROM json_each(?1)) ORDER BY m.date, m.id LIMIT 1",
        [serde_json::to_string(messages)?],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    tx.execute(
        "INSERT INTO cases (title, norm_subject, kind, state, official, correspondent, assignee, priority, created_at, updated_at)
         VALUES (?1, ?2, 'request', 'open', ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            if subject.trim().is_empty() { "(sans objet)" } else { subject.trim() },
            subject::normalise(&subject),
            official,
            from,
            case.assignee,
            priority_level(&case.priority).unwrap_or(2),
            at
        ],
    )?;
    let new = tx.last_insert_rowid();
    let reason = format!("split out of case #{id} by {who}");
    for m in messages {
        tx.execute(
            "UPDATE message_cases SET case_id = ?2, method = ?4, reason = ?3 WHERE message = ?1",
            params![m, new, reason, Method::Staff.as_str()],
        )?;
    }
    copy_staff_themes(tx, id, new)?;
    // Each case keeps what its messages carry: parties, communes, rule themes.
    rebuild_parties(tx, id)?;
    rebuild_parties(tx, new)?;
    tx.execute("DELETE FROM case_communes WHERE case_id = ?1", [id])?;
    tx.execute(
        "DELETE FROM case_themes WHERE case_id = ?1 AND source = 'rules'",
        [id],
    )?;
    refresh_from_messages(tx, id)?;
    refresh_from_messages(tx, new)?;
    touch(tx, id, at)?;
    let list = messages
        .iter()
        .map(|m| format!("#{m}"))
        .collect::<Vec<_>>()
        .join(", ");
    history(
        tx,
        new,
        who,
        "split",
        "",
        &format!("from case #{id}: messages {list}"),
        at,
    )?;
    history(
        tx,
        id,
        who,
        "split",
        &format!("messages {list}"),
        &format!("case #{new}"),
        at,
    )?;
    Ok(new)
}

/// Adds a note.
pub fn note(tx: &Transaction<'_>, id: i64, who: &str, text: &str) -> Result<()> {
    live(tx, id)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::EmptyNote.into());
    }
    let at = now();
    tx.execute(
        "INSERT INTO case_notes (case_id, author, at, text) VALUES (?1, ?2, ?3, ?4)",
        params![id, who, at, text],
    )?;
    touch(tx, id, at)?;
    history(tx, id, who, "note", "", text, at)
}

/// Sets (`YYYY-MM-DD`) or clears (`None`) the due date.
pub fn set_due(tx: &Transaction<'_>, id: i64, who: &str, due: Option<&str>) -> Result<()> {
    let case = live(tx, id)?;
    let due = match due {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| Refusal::BadDueDate(d.chars().take(64).collect()))?
            .format("%Y-%m-%d")
            .to_string(),
        None => String::new(),
    };
    let at = now();
    tx.execute("UPDATE cases SET due = ?2 WHERE id = ?1", params![id, due])?;
    touch(tx, id, at)?;
    history(tx, id, who, "due", &case.due, &due, at)
}

/// Sets the priority (`urgent`, `high`, `normal`, `low`).
pub fn set_priority(tx: &Transaction<'_>, id: i64, who: &str, priority: &str) -> Result<()> {
    let case = live(tx, id)?;
    let level = priority_level(priority)
        .ok_or_else(|| Refusal::UnknownPriority(priority.chars().take(64).collect()))?;
    let at = now();
    tx.execute(
        "UPDATE cases SET priority = ?2 WHERE id = ?1",
        params![id, level],
    )?;
    touch(tx, id, at)?;
    history(
        tx,
        id,
        who,
        "priority",
        &case.priority,
        priority_name(level),
        at,
    )
}

// ---- triage ----

/// One line of the morning queue.
#[derive(Debug, Clone, Serialize)]
pub struct TriageItem {
    /// The case.
    #[serde(flatten)]
    pub case: Case,
    /// Why it is in the queue: `new` (proposed) or `new_mail` (open case with new mail), `overdue`.
    pub reason: String,
    /// Official's name and function, or the correspondent's name and address.
    pub who: String,
    /// Commune names.
    pub commune_names: Vec<String>,
    /// One line from the newest incoming message.
    pub snippet: String,
}

/// Where new mail starts for a triage: after a message id (the previous run's mark) and on or
/// after an ingest time.
#[derive(Debug, Clone, Copy, Default)]
pub struct Since {
    /// Messages with a greater id are new.
    pub after_id: i64,
    /// Messages ingested at or after this time (Unix seconds) are new.
    pub from_time: i64,
}

/// Since the previous `triage` run (everything when there was none).
pub fn since_last_triage(conn: &Connection) -> Result<Since> {
    Ok(Since {
        after_id: conn.query_row(
            "SELECT coalesce(max(through), 0) FROM triage_runs",
            [],
            |r| r.get(0),
        )?,
        from_time: 0,
    })
}

/// Records a triage run that saw every message up to `through` (read before listing).
pub fn record_triage(tx: &Transaction<'_>, who: &str, at: i64, through: i64) -> Result<()> {
    tx.execute(
        "INSERT INTO triage_runs (at, who, through) VALUES (?1, ?2, ?3)",
        params![at, who, through],
    )?;
    Ok(())
}

/// The queue: proposed cases, open cases with mail ingested after `since` that no staff
/// action has followed yet (confirming or noting a case is seeing its mail), and cases past
/// their due date; most urgent first (priority, then the oldest).
pub fn triage(conn: &Connection, since: Since, today: &str) -> Result<Vec<TriageItem>> {
    let rows: Vec<(i64, String)> = conn
        .prepare(
            "WITH fresh AS (SELECT DISTINCT mc.case_id FROM messages m JOIN message_cases mc ON mc.message = m.id
                            WHERE m.id > ?1 AND m.ingested_at >= ?2 AND m.outgoing = 0
                              AND m.ingested_at >= (SELECT coalesce(max(h.at), 0) FROM case_history h
                                                    WHERE h.case_id = mc.case_id AND h.who != ?4))
             SELECT id, CASE WHEN state = 'proposed' THEN 'new'
                             WHEN state = 'open' AND id IN fresh THEN 'new_mail'
                             ELSE 'overdue' END
             FROM cases
             WHERE merged_into IS NULL AND (state = 'proposed' OR (state = 'open' AND id IN fresh)
                   OR (state NOT IN ('closed', 'answered') AND due != '' AND due < ?3))
             ORDER BY priority, first_at, id",
        )?
        .query_map(params![since.after_id, since.from_time, today, PIPELINE], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let gazetteer = crate::communes::Gazetteer::bundled()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, reason) in rows {
        let case = require(conn, id)?;
        let (name, snippet): (String, String) = conn
            .query_row(
                "SELECT m.from_name, m.snippet FROM message_cases mc JOIN messages m ON m.id = mc.message
                 WHERE mc.case_id = ?1 AND m.outgoing = 0 ORDER BY m.date DESC, m.id DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or_default();
        let who = if case.kind == "campaign" {
            format!("{} expéditeurs", case.parties.len())
        } else {
            match &case.official {
                Some(o) if o.fonction.is_empty() => format!("{} {}", o.prenom, o.nom),
                Some(o) => format!("{} {}, {}", o.prenom, o.nom, o.fonction),
                None if name.is_empty() => case.correspondent.clone(),
                None => format!("{name} <{}>", case.correspondent),
            }
        };
        let commune_names = case
            .communes
            .iter()
            .map(|c| {
                gazetteer
                    .get(c)
                    .map_or_else(|| c.clone(), |g| g.name.clone())
            })
            .collect();
        let snippet = snippet
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(140)
            .collect();
        out.push(TriageItem {
            case,
            reason,
            who,
            commune_names,
            snippet,
        });
    }
    Ok(out)
}

// ---- export ----

/// A case as exported by `export --cases`.
#[derive(Debug, Serialize)]
pub struct ExportedCase {
    /// The case.
    #[serde(flatten)]
    pub case: Case,
    /// Notes.
    pub notes: Vec<Note>,
    /// History.
    pub history: Vec<HistoryEntry>,
}

/// Writes every case as one JSON object per line, in id order. Returns how many.
pub fn export_jsonl(conn: &Connection, out: &mut dyn Write) -> Result<u64> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM cases ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &id in &ids {
        let case = require(conn, id)?;
        let line = ExportedCase {
            notes: notes(conn, id)?,
            history: history_of(conn, id)?,
            case,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(ids.len() as u64)
}
