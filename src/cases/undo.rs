//! « Annuler »: every staff action that changes a case can be taken back, exactly. Before the
//! action, [`capture`] copies the rows it may change — the cases themselves (every column), their
//! themes, members, parties and communes, and for a confirmed official the sender matches of the
//! correspondent's mail and their learned address — and [`save`] keeps that copy in `case_undo`
//! with the last history entry the action wrote. [`undo`] writes the rows back in one
//! transaction, deletes the theme feedback the action recorded, queues the messages for
//! re-indexing and says it in each case's history (« Annulé : … »); it refuses when anything
//! happened to those cases since (a staff action or a new message: undoing then would silently
//! drop it) and when it was already undone. Rows are copied column by column whatever the
//! schema holds, so a later migration adding a column is undone too.
//!
//! Snapshots hold personal data: they live 24 hours ([`KEEP_SECONDS`]) and a personal-data
//! erasure empties them all ([`forget_all`]).

use anyhow::{Context as _, Result};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use serde::{Deserialize, Serialize};

use super::history;
use crate::ids::{CaseId, UndoId};
use crate::store::now;

/// How long an action can be undone.
pub const KEEP_SECONDS: i64 = 24 * 3600;

/// Why an undo cannot be done (said to the person).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UndoRefusal {
    #[error("nothing to undo with number {0}")]
    Unknown(UndoId),
    #[error("action {0} was already undone")]
    AlreadyUndone(UndoId),
    #[error("action {0} is more than 24 hours old and can no longer be undone")]
    TooOld(UndoId),
    #[error(
        "case #{0} changed after this action (a new message or another action): undo it by hand"
    )]
    ChangedSince(CaseId),
}

impl UndoRefusal {
    /// As the web says it.
    pub fn french(&self) -> String {
        match self {
            UndoRefusal::Unknown(_) => "Il n'y a rien à annuler.".into(),
            UndoRefusal::AlreadyUndone(_) => "Cette action a déjà été annulée.".into(),
            UndoRefusal::TooOld(_) => {
                "Cette action date de plus de 24 heures : elle ne peut plus être annulée.".into()
            }
            UndoRefusal::ChangedSince(id) => format!(
                "Le dossier n° {id} a changé depuis (nouveau message ou autre action) : annulation impossible, corrigez-le à la main."
            ),
        }
    }
}

/// One SQLite value, as kept in a snapshot.
#[derive(Debug, Clone, Serialize, Deserialize)]
enum Cell {
    N,
    I(i64),
    R(f64),
    T(String),
    B(Vec<u8>),
}

impl From<ValueRef<'_>> for Cell {
    fn from(v: ValueRef<'_>) -> Cell {
        match v {
            ValueRef::Null => Cell::N,
            ValueRef::Integer(i) => Cell::I(i),
            ValueRef::Real(r) => Cell::R(r),
            ValueRef::Text(t) => Cell::T(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Cell::B(b.to_vec()),
        }
    }
}

impl From<Cell> for Value {
    fn from(c: Cell) -> Value {
        match c {
            Cell::N => Value::Null,
            Cell::I(i) => Value::Integer(i),
            Cell::R(r) => Value::Real(r),
            Cell::T(t) => Value::Text(t),
            Cell::B(b) => Value::Blob(b),
        }
    }
}

/// The rows of one table selected by a `WHERE` clause, with their column names.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Rows {
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// Which tables are copied, and which rows: `?1` is a JSON array of case ids, `?2` one of
/// message ids, `?3` one of addresses. Cases are restored in place (deleting them would cascade
/// to their history and notes); the other tables are deleted and inserted again.
const TABLES: &[(&str, &str)] = &[
    (
        "case_themes",
        "case_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "case_parties",
        "case_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "case_communes",
        "case_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "message_cases",
        "case_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "message_officials",
        "message IN (SELECT value FROM json_each(?2))",
    ),
    (
        "known_addresses",
        "address IN (SELECT value FROM json_each(?3))",
    ),
];

/// What [`capture`] copied: enough to put the cases back as they were.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Snapshot {
    case_ids: Vec<CaseId>,
    message_ids: Vec<i64>,
    addresses: Vec<String>,
    cases: Rows,
    tables: Vec<Rows>,
    feedback_through: i64,
}

fn read_rows(conn: &Connection, table: &str, filter: &str, keys: &[String; 3]) -> Result<Rows> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE {filter}"))?;
    let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    let n = columns.len();
    let n_keys = stmt.parameter_count();
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&keys[..n_keys]), |r| {
            (0..n).map(|i| Ok(Cell::from(r.get_ref(i)?))).collect()
        })?
        .collect::<rusqlite::Result<Vec<Vec<Cell>>>>()
        .with_context(|| format!("cannot copy {table} for undo"))?;
    Ok(Rows { columns, rows })
}

/// Copies what an action on `cases` may change. `correspondents`: addresses whose sender match
/// the action may change (a confirmed official re-matches all of their mail).
pub fn capture(conn: &Connection, cases: &[CaseId], correspondents: &[String]) -> Result<Snapshot> {
    let case_ids: Vec<CaseId> = cases.to_vec();
    let case_json = serde_json::to_string(&case_ids)?;
    let address_json = serde_json::to_string(correspondents)?;
    let message_ids: Vec<i64> = conn
        .prepare(
            "SELECT message FROM message_cases WHERE case_id IN (SELECT value FROM json_each(?1))
             UNION SELECT id FROM messages WHERE from_addr IN (SELECT value FROM json_each(?2))",
        )?
        .query_map(params![case_json, address_json], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let keys = [
        case_json,
        serde_json::to_string(&message_ids)?,
        address_json,
    ];
    let cases = read_rows(
        conn,
        "cases",
        "id IN (SELECT value FROM json_each(?1))",
        &keys,
    )?;
    let tables = TABLES
        .iter()
        .map(|(table, filter)| read_rows(conn, table, filter, &keys))
        .collect::<Result<_>>()?;
    let feedback_through =
        conn.query_row("SELECT coalesce(max(id), 0) FROM theme_feedback", [], |r| {
            r.get(0)
        })?;
    Ok(Snapshot {
        case_ids,
        message_ids,
        addresses: correspondents.to_vec(),
        cases,
        tables,
        feedback_through,
    })
}

/// Keeps `snapshot`, taken before an action `label` (French, « Confirmé ») by `who` that is now
/// done; forgets snapshots older than [`KEEP_SECONDS`].
pub fn save(tx: &Transaction<'_>, who: &str, label: &str, snapshot: &Snapshot) -> Result<UndoId> {
    let at = now();
    tx.execute("DELETE FROM case_undo WHERE at < ?1", [at - KEEP_SECONDS])?;
    let through: i64 = tx.query_row(
        "SELECT coalesce(max(id), 0) FROM case_history WHERE case_id IN (SELECT value FROM json_each(?1))",
        [serde_json::to_string(&snapshot.case_ids)?],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO case_undo (who, at, label, cases, snapshot, history_through) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            who,
            at,
            label,
            serde_json::to_string(&snapshot.case_ids)?,
            serde_json::to_string(snapshot)?,
            through
        ],
    )?;
    Ok(UndoId(tx.last_insert_rowid()))
}

/// A kept action, as the toast and `case undo` describe it.
#[derive(Debug, Clone, Serialize)]
pub struct Undoable {
    /// Its number.
    pub id: UndoId,
    /// Who acted.
    pub who: String,
    /// Unix seconds.
    pub at: i64,
    /// What was done, in French.
    pub label: String,
    /// The cases acted on.
    pub cases: Vec<CaseId>,
}

/// The newest action of `who` that can still be undone.
pub fn last_of(conn: &Connection, who: &str) -> Result<Option<Undoable>> {
    kept(
        conn,
        "WHERE who = ?1 AND undone_at = 0 AND at >= ?2 ORDER BY id DESC LIMIT 1",
        params![who, now() - KEEP_SECONDS],
    )
}

/// Action `id` if it can still be undone.
pub fn get(conn: &Connection, id: UndoId) -> Result<Option<Undoable>> {
    kept(
        conn,
        "WHERE id = ?1 AND undone_at = 0 AND at >= ?2",
        params![id, now() - KEEP_SECONDS],
    )
}

fn kept(conn: &Connection, filter: &str, p: impl rusqlite::Params) -> Result<Option<Undoable>> {
    conn.query_row(
        &format!("SELECT id, who, at, label, cases FROM case_undo {filter}"),
        p,
        |r| {
            Ok(Undoable {
                id: r.get(0)?,
                who: r.get(1)?,
                at: r.get(2)?,
                label: r.get(3)?,
                cases: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
            })
        },
    )
    .optional()
    .map_err(Into::into)
}

/// Takes action `id` back as `who`: the copied rows are written back, the feedback it recorded
/// is deleted, the messages are queued for re-indexing and each case's history says
/// « Annulé : label ». Returns the cases put back. A [`UndoRefusal`] inside the error is the
/// person's to read.
pub fn undo(tx: &Transaction<'_>, id: UndoId, who: &str) -> Result<Vec<CaseId>> {
    let row: Option<(i64, String, String, i64, i64)> = tx
        .query_row(
            "SELECT at, label, snapshot, history_through, undone_at FROM case_undo WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((at, label, snapshot, through, undone_at)) = row else {
        return Err(UndoRefusal::Unknown(id).into());
    };
    if undone_at != 0 {
        return Err(UndoRefusal::AlreadyUndone(id).into());
    }
    let moment = now();
    if at < moment - KEEP_SECONDS {
        return Err(UndoRefusal::TooOld(id).into());
    }
    let snapshot: Snapshot = serde_json::from_str(&snapshot).context("unreadable undo snapshot")?;
    let case_json = serde_json::to_string(&snapshot.case_ids)?;
    let changed: Option<CaseId> = tx
        .query_row(
            "SELECT case_id FROM case_history WHERE case_id IN (SELECT value FROM json_each(?1)) AND id > ?2
             ORDER BY id LIMIT 1",
            params![case_json, through],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(case) = changed {
        return Err(UndoRefusal::ChangedSince(case).into());
    }
    let keys = [
        case_json.clone(),
        serde_json::to_string(&snapshot.message_ids)?,
        serde_json::to_string(&snapshot.addresses)?,
    ];
    // The cases, column by column (every column but the id).
    let cases = &snapshot.cases;
    for row in &cases.rows {
        let mut id_value = Value::Null;
        let mut sets = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        for (column, cell) in cases.columns.iter().zip(row.iter().cloned()) {
            if column == "id" {
                id_value = cell.into();
            } else {
                values.push(cell.into());
                sets.push(format!("{column} = ?{}", values.len()));
            }
        }
        values.push(id_value);
        let sql = format!(
            "UPDATE cases SET {} WHERE id = ?{}",
            sets.join(", "),
            values.len()
        );
        tx.execute(&sql, rusqlite::params_from_iter(values))?;
    }
    for ((table, filter), rows) in TABLES.iter().zip(&snapshot.tables) {
        let mut delete = tx.prepare(&format!("DELETE FROM {table} WHERE {filter}"))?;
        let n_keys = delete.parameter_count();
        delete
            .execute(rusqlite::params_from_iter(&keys[..n_keys]))
            .with_context(|| format!("cannot undo {table}"))?;
        if rows.rows.is_empty() {
            continue;
        }
        let marks: Vec<String> = (1..=rows.columns.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT OR REPLACE INTO {table} ({}) VALUES ({})",
            rows.columns.join(", "),
            marks.join(", ")
        );
        let mut stmt = tx.prepare(&sql)?;
        for row in &rows.rows {
            stmt.execute(rusqlite::params_from_iter(
                row.iter().cloned().map(Value::from),
            ))?;
        }
    }
    tx.execute(
        "DELETE FROM theme_feedback WHERE id > ?1 AND case_id IN (SELECT value FROM json_each(?2))",
        params![snapshot.feedback_through, case_json],
    )?;
    for &m in &snapshot.message_ids {
        crate::store::messages::mark_dirty(tx, m)?;
    }
    for &case in &snapshot.case_ids {
        history(tx, case.get(), who, "undo", &label, "", moment)?;
    }
    tx.execute(
        "UPDATE case_undo SET undone_at = ?2 WHERE id = ?1",
        params![id, moment],
    )?;
    Ok(snapshot.case_ids)
}

/// Forgets every snapshot (a personal-data erasure: they may hold the erased person's mail).
pub fn forget_all(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM case_undo", [])?;
    Ok(())
}
