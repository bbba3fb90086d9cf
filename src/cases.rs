//! Request cases (dossiers): every personal message joins one, staff confirm and work them.
//!
//! The pipeline files each new message in its batch's transaction (`thread.rs`: thread headers,
//! quoted header block, campaign, subject, else a new `proposed` case). Staff then move a case
//! through `proposed → open → waiting → answered → closed` (and reopen it), assign it, tag it,
//! merge and split it, add notes and a due date; every change lands in `case_history` with who
//! did it, when, and the values before and after. `triage` lists what needs a look this morning.
//!
//! Seams: this file holds the vocabulary (states, kinds, priorities, how a message was filed)
//! and the reads of a case (staff theme corrections measured against the rules included);
//! `thread.rs` files new mail, `campaign.rs` recognises copies of one text, `action.rs` is every
//! staff action behind one [`apply`], `triage.rs` the morning queue, `go_live.rs` the go-live
//! date before which mail is filed as history (closed, never in the queue).

mod action;
pub mod campaign;
pub mod french;
pub mod go_live;
pub mod letters;
pub mod report;
pub mod subject;
pub mod suggest;
mod thread;
mod triage;
pub mod undo;

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use serde::Serialize;

pub use crate::ids::UndoId;
pub use action::{Action, Bulk, Outcome, Refusal, StateChange, apply, apply_to_many, undo};
pub use thread::{Filed, Settings, file_message, refile_with_attachments};
pub use triage::{
    Reading, Since, TriageItem, mark_seen, reading, record_triage, since_last_triage, triage,
    triage_window,
};
pub use undo::UndoRefusal;

use crate::ids::{CaseId, MessageId};

/// The name the pipeline signs its history entries with (no user may take it).
pub use crate::users::PIPELINE;

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

/// A case's state, in the order a case usually goes through them. Stored as its English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Opened by the pipeline, not yet looked at.
    Proposed,
    /// Staff work on it.
    Open,
    /// Waiting for someone else (the correspondent, an administration).
    Waiting,
    /// The office answered.
    Answered,
    /// Nothing more to do.
    Closed,
}

impl State {
    /// Every state, in order.
    pub const ALL: [State; 5] = [
        State::Proposed,
        State::Open,
        State::Waiting,
        State::Answered,
        State::Closed,
    ];

    /// The stored (and CLI, JSON) name.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Proposed => "proposed",
            State::Open => "open",
            State::Waiting => "waiting",
            State::Answered => "answered",
            State::Closed => "closed",
        }
    }

    /// The state named `name` (the stored name, or its French label without accents or case).
    pub fn parse(name: &str) -> Option<State> {
        let folded = crate::util::fold(name.trim());
        State::ALL.into_iter().find(|s| {
            s.as_str() == folded || crate::util::fold(s.french()) == folded.replace('_', " ")
        })
    }

    /// As French pages and refusals say it.
    pub fn french(self) -> &'static str {
        match self {
            State::Proposed => "à confirmer",
            State::Open => "ouvert",
            State::Waiting => "en attente",
            State::Answered => "répondu",
            State::Closed => "clos",
        }
    }
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// A case state as French pages say it (`?` for a name that is no state).
pub fn state_french(state: &str) -> &'static str {
    State::parse(state).map_or("?", State::french)
}

/// What a case is: one correspondent's request, or the copies of one text sent by many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One correspondent's request (and the office's answers).
    Request,
    /// Near-identical messages from several senders (a motion, a petition).
    Campaign,
}

impl Kind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Campaign => "campaign",
        }
    }

    /// As French pages say it.
    pub fn french(self) -> &'static str {
        match self {
            Kind::Request => "demande",
            Kind::Campaign => "campagne",
        }
    }
}

/// A case's priority, most urgent first. Stored as its level (0 = urgent … 3 = low), so that
/// `ORDER BY priority` puts the most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Urgent,
    High,
    Normal,
    Low,
}

impl Priority {
    /// Every priority, most urgent first.
    pub const ALL: [Priority; 4] = [
        Priority::Urgent,
        Priority::High,
        Priority::Normal,
        Priority::Low,
    ];

    /// The CLI and JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Urgent => "urgent",
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }

    /// As French pages say it.
    pub fn french(self) -> &'static str {
        match self {
            Priority::Urgent => "urgente",
            Priority::High => "haute",
            Priority::Normal => "normale",
            Priority::Low => "basse",
        }
    }

    /// The stored level.
    pub fn level(self) -> i64 {
        self as i64
    }

    /// The priority of a stored level (out-of-range levels are clamped).
    pub fn from_level(level: i64) -> Priority {
        Priority::ALL[level.clamp(0, 3) as usize]
    }

    /// The priority named `name` (`urgent`, `high`, `normal`, `low`; French accepted).
    pub fn parse(name: &str) -> Option<Priority> {
        match crate::util::fold(name.trim()).as_str() {
            "urgent" | "urgente" => Some(Priority::Urgent),
            "high" | "haute" | "elevee" => Some(Priority::High),
            "normal" | "normale" => Some(Priority::Normal),
            "low" | "basse" => Some(Priority::Low),
            _ => None,
        }
    }
}

impl std::fmt::Display for Priority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Stored and read back by their names (states, kinds) or levels (priorities); a value the
/// schema's CHECK constraints let through but this program does not know is an error.
mod sql {
    use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

    use super::{Kind, Priority, State};

    impl ToSql for State {
        fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
            Ok(self.as_str().into())
        }
    }

    impl FromSql for State {
        fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
            let s = value.as_str()?;
            State::ALL
                .into_iter()
                .find(|state| state.as_str() == s)
                .ok_or_else(|| FromSqlError::Other(format!("unknown case state {s:?}").into()))
        }
    }

    impl ToSql for Kind {
        fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
            Ok(self.as_str().into())
        }
    }

    impl FromSql for Kind {
        fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
            match value.as_str()? {
                "request" => Ok(Kind::Request),
                "campaign" => Ok(Kind::Campaign),
                s => Err(FromSqlError::Other(
                    format!("unknown case kind {s:?}").into(),
                )),
            }
        }
    }

    impl ToSql for Priority {
        fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
            Ok(self.level().into())
        }
    }

    impl FromSql for Priority {
        fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
            i64::column_result(value).map(Priority::from_level)
        }
    }
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
    let settings = Settings::load(ctx.store.conn(), &ctx.config)?;
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
    pub id: CaseId,
    /// Title (first subject).
    pub title: String,
    /// request | campaign.
    pub kind: Kind,
    /// proposed | open | waiting | answered | closed.
    pub state: State,
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
    pub priority: Priority,
    /// YYYY-MM-DD or ''.
    pub due: String,
    /// Case it was merged into.
    pub merged_into: Option<CaseId>,
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
    pub messages: Vec<MessageId>,
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

fn strings(conn: &Connection, sql: &str, id: CaseId) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The columns of a case's own row, read by [`get`] and [`lines`] alike.
struct CaseRow {
    title: String,
    kind: Kind,
    state: State,
    official: Option<crate::officials::ExportedOfficial>,
    correspondent: String,
    assignee: String,
    priority: Priority,
    due: String,
    merged_into: Option<CaseId>,
    created: String,
    updated: String,
    first_message: String,
    last_message: String,
    answered: String,
}

/// Case `id`'s own row with its official resolved, if the case exists.
fn case_row(conn: &Connection, id: CaseId) -> Result<Option<CaseRow>> {
    let row = conn
        .prepare_cached(
            "SELECT title, kind, state, official, correspondent, assignee, priority, due, merged_into,
                    created_at, updated_at, first_at, last_at, answered_at FROM cases WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, Option<i64>>(3)?,
                CaseRow {
                    title: r.get(0)?,
                    kind: r.get(1)?,
                    state: r.get(2)?,
                    official: None,
                    correspondent: r.get(4)?,
                    assignee: r.get(5)?,
                    priority: r.get(6)?,
                    due: r.get(7)?,
                    merged_into: r.get(8)?,
                    created: ts(r.get(9)?),
                    updated: ts(r.get(10)?),
                    first_message: ts(r.get(11)?),
                    last_message: ts(r.get(12)?),
                    answered: ts(r.get(13)?),
                },
            ))
        })
        .optional()?;
    let Some((official, mut row)) = row else {
        return Ok(None);
    };
    if let Some(o) = official {
        row.official = crate::officials::exported(conn, o, 1.0, crate::officials::Method::Case)?;
    }
    Ok(Some(row))
}

/// Case `id`, if it exists.
pub fn get(conn: &Connection, id: CaseId) -> Result<Option<Case>> {
    // The case row itself; lists and messages are filled in below.
    let Some(row) = case_row(conn, id)? else {
        return Ok(None);
    };
    let mut case = Case {
        id,
        title: row.title,
        kind: row.kind,
        state: row.state,
        official: row.official,
        correspondent: row.correspondent,
        parties: Vec::new(),
        communes: Vec::new(),
        themes: Vec::new(),
        assignee: row.assignee,
        priority: row.priority,
        due: row.due,
        merged_into: row.merged_into,
        created: row.created,
        updated: row.updated,
        first_message: row.first_message,
        last_message: row.last_message,
        answered: row.answered,
        messages: Vec::new(),
    };
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
pub fn require(conn: &Connection, id: CaseId) -> Result<Case> {
    Ok(get(conn, id)?.ok_or(Refusal::NoCase(id))?)
}

/// Notes of a case, oldest first.
pub fn notes(conn: &Connection, id: CaseId) -> Result<Vec<Note>> {
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
pub fn history_of(conn: &Connection, id: CaseId) -> Result<Vec<HistoryEntry>> {
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
pub fn of_message(
    conn: &Connection,
    message: MessageId,
) -> Result<Option<(CaseId, String, String)>> {
    Ok(conn
        .prepare_cached("SELECT case_id, method, reason FROM message_cases WHERE message = ?1")?
        .query_row([message], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// The cases of `messages` (id, title, state), for search results grouped by case; messages
/// filed in no case are left out.
pub fn of_messages(
    conn: &Connection,
    messages: &[MessageId],
) -> Result<std::collections::HashMap<MessageId, (CaseId, String, State)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT mc.message, c.id, c.title, c.state FROM message_cases mc JOIN cases c ON c.id = mc.case_id
         WHERE mc.message IN (SELECT value FROM json_each(?1))",
    )?;
    let rows = stmt
        .query_map([serde_json::to_string(messages)?], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One message of a case's thread, as the case page and `case show` list it.
#[derive(Debug, Clone)]
pub struct ThreadEntry {
    /// The stored message.
    pub message: crate::store::messages::MessageRow,
    /// Written by the office.
    pub outgoing: bool,
    /// How it came to the case (`references`, `subject`, `campaign`, `staff`…).
    pub method: String,
    /// Why, in words.
    pub reason: String,
}

/// The messages of `case`, oldest first (as [`Case::messages`]).
pub fn thread(conn: &Connection, case: &Case) -> Result<Vec<ThreadEntry>> {
    let mut out = Vec::with_capacity(case.messages.len());
    for &m in &case.messages {
        let Some(message) = crate::store::messages::get(conn, m.get())? else {
            continue;
        };
        let (outgoing, _) = crate::store::messages::outgoing_and_bounce(conn, m.get())?;
        let (method, reason) = of_message(conn, m)?
            .map(|(_, method, reason)| (method, reason))
            .unwrap_or_default();
        out.push(ThreadEntry {
            message,
            outgoing,
            method,
            reason,
        });
    }
    Ok(out)
}

/// The order of a case list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Most urgent first, then the oldest (`case list`).
    Urgency,
    /// Latest mail first (the web's list).
    Recent,
}

/// Which cases a list shows (merged cases never).
#[derive(Debug, Clone)]
pub struct ListQuery {
    /// Only this state; `None`: every state but closed when `hide_closed`, else every state.
    pub state: Option<State>,
    /// With no state asked for, leave the closed cases out.
    pub hide_closed: bool,
    /// Only the cases of this user.
    pub assignee: Option<String>,
    /// Order.
    pub order: Order,
    /// At most this many (all when `None`), after skipping `offset`.
    pub limit: Option<u32>,
    /// Skipped first.
    pub offset: u64,
}

/// The count and the page of [`list_ids`]: `?1` state, `?2` hide closed, `?3` assignee, `?4`
/// limit, `?5` offset.
fn list_sql(query: &ListQuery) -> (String, String) {
    let states = match (query.state, query.hide_closed) {
        (Some(_), _) => "state = ?1",
        (None, true) => "?1 IS NULL AND state IN ('proposed', 'open', 'waiting', 'answered')",
        (None, false) => "?1 IS NULL",
    };
    let condition = format!("merged_into IS NULL AND {states} AND (?3 IS NULL OR assignee = ?3)");
    // Forced: with ORDER BY last_at and a LIMIT, the planner may prefer walking every case in
    // `cases_last_at` order to sorting the few live ones.
    let from = if query.state.is_some() || query.hide_closed {
        "cases INDEXED BY cases_state"
    } else {
        "cases"
    };
    let order = match query.order {
        Order::Urgency => "priority, first_at, id",
        Order::Recent => "last_at DESC, id DESC",
    };
    (
        format!("SELECT count(*) FROM {from} WHERE {condition}"),
        format!("SELECT id FROM {from} WHERE {condition} ORDER BY {order} LIMIT ?4 OFFSET ?5"),
    )
}

/// The ids `query` asks for, in its order, and how many match in all (before `limit`).
///
/// The states are spelled out so that the live ones are read through `cases_state`: a list
/// of the cases not closed read and sorted every case of the mailbox (5 s at a million
/// messages, where almost every case is closed history; issue 18).
fn list_ids(conn: &Connection, query: &ListQuery) -> Result<(Vec<CaseId>, u64)> {
    let (count, select) = list_sql(query);
    let total: i64 = conn.prepare_cached(&count)?.query_row(
        params![query.state, query.hide_closed, query.assignee],
        |r| r.get(0),
    )?;
    let ids: Vec<CaseId> = conn
        .prepare_cached(&select)?
        .query_map(
            params![
                query.state,
                query.hide_closed,
                query.assignee,
                query.limit.map_or(-1, i64::from),
                query.offset as i64
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok((ids, total.max(0) as u64))
}

/// The cases `query` asks for, whole, and how many match in all (before `limit`).
pub fn list(conn: &Connection, query: &ListQuery) -> Result<(Vec<Case>, u64)> {
    let (ids, total) = list_ids(conn, query)?;
    let cases = ids
        .into_iter()
        .map(|id| require(conn, id))
        .collect::<Result<_>>()?;
    Ok((cases, total))
}

/// The cases `query` asks for as one line each, and how many match in all (before `limit`).
pub fn list_lines(conn: &Connection, query: &ListQuery) -> Result<(Vec<CaseLine>, u64)> {
    let (ids, total) = list_ids(conn, query)?;
    Ok((lines(conn, &ids)?, total))
}

/// One line of a case list: the case's own row and how many messages it holds, without
/// reading its messages, parties, communes and themes. A list of cases loaded whole read
/// every message of every campaign on the page (thousands each; issue 18).
#[derive(Debug, Clone)]
pub struct CaseLine {
    /// The case.
    pub id: CaseId,
    /// Title (first subject).
    pub title: String,
    /// request | campaign.
    pub kind: Kind,
    /// Its state.
    pub state: State,
    /// The correspondent official, if known.
    pub official: Option<crate::officials::ExportedOfficial>,
    /// The correspondent's address.
    pub correspondent: String,
    /// Who works on it.
    pub assignee: String,
    /// YYYY-MM-DD or ''.
    pub due: String,
    /// Date of the last message, RFC 3339.
    pub last_message: String,
    /// How many messages it holds.
    pub messages: usize,
}

/// The lines of cases `ids`, in that order (ids that do not exist are left out).
pub fn lines(conn: &Connection, ids: &[CaseId]) -> Result<Vec<CaseLine>> {
    let mut out = Vec::with_capacity(ids.len());
    let mut count = conn.prepare_cached("SELECT count(*) FROM message_cases WHERE case_id = ?1")?;
    for &id in ids {
        let Some(row) = case_row(conn, id)? else {
            continue;
        };
        let messages: i64 = count.query_row([id], |r| r.get(0))?;
        out.push(CaseLine {
            id,
            title: row.title,
            kind: row.kind,
            state: row.state,
            official: row.official,
            correspondent: row.correspondent,
            assignee: row.assignee,
            due: row.due,
            last_message: row.last_message,
            messages: messages.max(0) as usize,
        });
    }
    Ok(out)
}

/// The live cases whose official is `official` and that are not closed, latest mail first.
pub fn open_of_official(conn: &Connection, official: i64) -> Result<Vec<CaseLine>> {
    let ids: Vec<CaseId> = conn
        .prepare_cached(
            "SELECT id FROM cases WHERE official = ?1 AND merged_into IS NULL AND state != 'closed'
             ORDER BY last_at DESC",
        )?
        .query_map([official], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    lines(conn, &ids)
}

/// The cases a commune's visit sheet lists (see [`open_of_commune`]).
#[derive(Debug, Clone, Default)]
pub struct CommuneCases {
    /// Requests not closed, those with the nearest due date first, then latest mail first.
    pub requests: Vec<CaseLine>,
    /// Campaigns the commune took part in (any state), latest first.
    pub campaigns: Vec<CaseLine>,
}

/// The live cases about commune `code` that a visit needs: the requests still open (at most
/// 100) and the campaigns (at most 30), one line each (loading each campaign whole, with its
/// thousands of messages, made the commune page take seconds; issue 18). Reads only.
pub fn open_of_commune(conn: &Connection, code: &str) -> Result<CommuneCases> {
    let ids = |sql: &str| -> Result<Vec<CaseId>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_map([code], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    };
    let requests = ids(
        "SELECT c.id FROM cases c JOIN case_communes cc ON cc.case_id = c.id
         WHERE cc.commune = ?1 AND c.merged_into IS NULL AND c.state != 'closed' AND c.kind != 'campaign'
         ORDER BY c.due = '', c.due, c.last_at DESC LIMIT 100",
    )?;
    let campaigns = ids(
        "SELECT c.id FROM cases c JOIN case_communes cc ON cc.case_id = c.id
         WHERE cc.commune = ?1 AND c.merged_into IS NULL AND c.kind = 'campaign'
         ORDER BY c.last_at DESC LIMIT 30",
    )?;
    Ok(CommuneCases {
        requests: lines(conn, &requests)?,
        campaigns: lines(conn, &campaigns)?,
    })
}

/// How many live cases about commune `code` each theme has in each state: (theme slug, or
/// « (sans thème) », state, cases).
pub fn commune_theme_counts(conn: &Connection, code: &str) -> Result<Vec<(String, State, i64)>> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(ct.theme, '(sans thème)'), c.state, count(DISTINCT c.id)
             FROM case_communes cc JOIN cases c ON c.id = cc.case_id AND c.merged_into IS NULL
             LEFT JOIN case_themes ct ON ct.case_id = c.id AND ct.on_ = 1
             WHERE cc.commune = ?1 GROUP BY 1, 2",
        )?
        .query_map([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A staff theme correction on a case (`case tag`/`untag`), the latest for its case and theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeCorrection {
    /// The case.
    pub case: CaseId,
    /// Theme slug.
    pub theme: String,
    /// Staff added the theme (`false`: removed it).
    pub added: bool,
    /// Who did.
    pub who: String,
}

/// The staff theme corrections on cases, measured against what the rules give now.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Corrections {
    /// Latest corrections, one per case and theme (all cases).
    pub total: usize,
    /// Those the rules still contradict, by case then theme.
    pub contradicted: Vec<ThemeCorrection>,
}

/// The latest staff theme correction per case and theme, and those that the rules, as they tag
/// now (`themes`: theme slugs per message, as `rules::retag::test` gives them), still
/// contradict: a theme staff added that none of the case's received messages gets, or one
/// staff removed that one of them still gets. Only cases with a received message in `themes`
/// are judged. Reads only.
pub fn corrections_against(
    conn: &Connection,
    themes: &std::collections::HashMap<MessageId, Vec<String>>,
) -> Result<Corrections> {
    let latest: Vec<ThemeCorrection> = conn
        .prepare(
            "SELECT case_id, theme, verdict, who FROM theme_feedback
             WHERE id IN (SELECT max(id) FROM theme_feedback GROUP BY case_id, theme)
             ORDER BY case_id, theme",
        )?
        .query_map([], |r| {
            Ok(ThemeCorrection {
                case: r.get(0)?,
                theme: r.get(1)?,
                added: r.get(2)?,
                who: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut received = conn.prepare_cached(
        "SELECT mc.message FROM message_cases mc JOIN messages m ON m.id = mc.message
         WHERE mc.case_id = ?1 AND m.outgoing = 0",
    )?;
    let mut out = Corrections {
        total: latest.len(),
        contradicted: Vec::new(),
    };
    for correction in latest {
        let messages: Vec<MessageId> = received
            .query_map([correction.case], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let seen: Vec<&Vec<String>> = messages.iter().filter_map(|m| themes.get(m)).collect();
        if seen.is_empty() {
            continue;
        }
        let tagged = seen.iter().any(|t| t.contains(&correction.theme));
        if correction.added != tagged {
            out.contradicted.push(correction);
        }
    }
    Ok(out)
}

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
pub fn campaign_divergence(conn: &Connection, id: CaseId) -> Result<Option<Divergence>> {
    let kind: Kind = conn.query_row("SELECT kind FROM cases WHERE id = ?1", [id], |r| r.get(0))?;
    if kind != Kind::Campaign {
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
    let ids: Vec<CaseId> = conn
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists give the same cases as their definition (merged never; a state, or every
    /// state but closed, or all), and the web's default list reads the live states through
    /// `cases_state`, not every case.
    #[test]
    fn case_lists_filter_by_state_and_read_the_live_ones_by_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = store.conn();
        let states = ["proposed", "open", "waiting", "answered", "closed", "open"];
        for (i, st) in states.iter().enumerate() {
            conn.execute(
                "INSERT INTO cases (id, state, last_at, assignee) VALUES (?1, ?2, ?3, ?4)",
                params![
                    i as i64 + 1,
                    st,
                    100 - i as i64,
                    if i % 2 == 0 { "ana" } else { "" }
                ],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO cases (id, state, merged_into) VALUES (7, 'open', 2)",
            [],
        )
        .unwrap();
        let ids = |state: Option<State>, hide_closed: bool, assignee: Option<&str>| {
            let q = ListQuery {
                state,
                hide_closed,
                assignee: assignee.map(str::to_string),
                order: Order::Recent,
                limit: Some(3),
                offset: 0,
            };
            let (ids, total) = list_ids(conn, &q).unwrap();
            (ids.iter().map(|c| c.get()).collect::<Vec<_>>(), total)
        };
        assert_eq!(ids(None, true, None), (vec![1, 2, 3], 5));
        assert_eq!(ids(None, false, None), (vec![1, 2, 3], 6));
        assert_eq!(ids(Some(State::Open), true, None), (vec![2, 6], 2));
        assert_eq!(ids(Some(State::Closed), true, None), (vec![5], 1));
        assert_eq!(ids(None, true, Some("ana")), (vec![1, 3], 2));
        // The functions' own SQL for the default list (live states, newest first).
        let (count, select) = list_sql(&ListQuery {
            state: None,
            hide_closed: true,
            assignee: None,
            order: Order::Recent,
            limit: Some(3),
            offset: 0,
        });
        let count =
            crate::store::query_plan(conn, &count, params![None::<String>, 1, None::<String>]);
        assert!(
            count.contains("USING INDEX cases_state (state=?)"),
            "{count}"
        );
        let plan = crate::store::query_plan(
            conn,
            &select,
            params![None::<String>, 1, None::<String>, 3, 0],
        );
        assert!(
            plan.contains("SEARCH cases USING INDEX cases_state (state=?)"),
            "{plan}"
        );
    }

    /// The latest correction per case and theme counts; it is contradicted when the rules
    /// disagree with it on the case's received mail; cases not re-tagged are not judged.
    #[test]
    fn corrections_are_measured_against_the_rules() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = store.conn();
        conn.execute_batch(
            "INSERT INTO messages (id, blob) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd');
             INSERT INTO cases (id) VALUES (1), (2), (3), (4);
             INSERT INTO message_cases (message, case_id) VALUES (1, 1), (2, 2), (3, 3), (4, 4);
             INSERT INTO theme_feedback (case_id, theme, verdict, who) VALUES
               (1, 'eau', 1, 'lea'), (2, 'ecole', 1, 'lea'),
               (3, 'voirie', 1, 'lea'), (3, 'voirie', 0, 'marc'), (4, 'eau', 1, 'lea');",
        )
        .unwrap();
        let themes: std::collections::HashMap<MessageId, Vec<String>> = [
            (MessageId(1), vec!["eau".to_string()]),
            (MessageId(2), vec![]),
            (MessageId(3), vec!["voirie".to_string()]),
        ]
        .into_iter()
        .collect();
        let c = corrections_against(conn, &themes).unwrap();
        assert_eq!(c.total, 4);
        assert_eq!(
            c.contradicted,
            vec![
                ThemeCorrection {
                    case: CaseId(2),
                    theme: "ecole".into(),
                    added: true,
                    who: "lea".into()
                },
                ThemeCorrection {
                    case: CaseId(3),
                    theme: "voirie".into(),
                    added: false,
                    who: "marc".into()
                },
            ]
        );
    }
}
