//! What the index takes from SQLite rather than from the parse: a message's stored date, kind,
//! language and state, and what the later stages recorded about it (official, communes,
//! themes), as one row per message.
//!
//! The index owns this read so that the store below it need not know what the index wants: the
//! query reads the tables the pipeline writes (`messages`, `message_officials`, `officials`,
//! `mandates`, `message_communes`, `message_themes`, `attachment_text`, the `index_dirty`
//! queue) and writes none.

use anyhow::{Context as _, Result};
use rusqlite::{Connection, OptionalExtension, Row};

const COLUMNS: &str = "m.id, m.blob, m.message_id, m.date, m.kind, m.language, m.state,
    coalesce(o.id || ' ' || o.prenom || ' ' || o.nom || ' ' || coalesce((SELECT group_concat(territory || ' ' || territory_name || ' ' || fonction, ' ')
        FROM mandates WHERE official = o.id), ''), ''),
    coalesce((SELECT group_concat(mc.code || ' ' || mc.matched, ' ') FROM message_communes mc WHERE mc.message = m.id), ''),
    coalesce((SELECT group_concat(mt.theme, ' ') FROM message_themes mt WHERE mt.message = m.id), ''),
    o.id, coalesce((SELECT group_concat(DISTINCT mc.code) FROM message_communes mc WHERE mc.message = m.id), ''),
    coalesce((SELECT group_concat(t.text, char(10) || char(10)) FROM attachment_text t
              WHERE t.message = m.id AND t.state = 'ok'), '')";
const FROM: &str = "messages m LEFT JOIN message_officials mo ON mo.message = m.id LEFT JOIN officials o ON o.id = mo.official";

/// The stored facts the index takes from SQLite rather than from the parse.
#[derive(Debug, Clone)]
pub struct IndexRow {
    /// Row id.
    pub id: i64,
    /// Raw-store name.
    pub blob: String,
    /// Message-ID (real or synthetic).
    pub message_id: String,
    /// Unix seconds.
    pub date: i64,
    /// Message kind.
    pub kind: String,
    /// Language.
    pub language: String,
    /// Parsing failed.
    pub failed: bool,
    /// The matched official, as searchable text (id, names, mandates), '' when none.
    pub official: String,
    /// The message's communes as searchable text (INSEE codes and names as written).
    pub communes: String,
    /// Theme slugs, space-separated.
    pub themes: String,
    /// The matched official's id (search facet).
    pub official_id: Option<i64>,
    /// The message's communes' INSEE codes (search facet).
    pub commune_codes: Vec<String>,
    /// The text extracted from its attachments (`attachment_text`), '' when none.
    pub attachment_text: String,
}

impl IndexRow {
    /// What indexing needs of message `id`; `None` when there is no such message.
    pub fn load(conn: &Connection, id: i64) -> Result<Option<IndexRow>> {
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM} WHERE m.id = ?1"))?
            .query_row([id], IndexRow::from_row)
            .optional()
            .context("load message for indexing")
    }

    /// What reindexing needs of the first `limit` messages with id > `after`, in id order (a
    /// page at a time: a million rows with their attachments' text do not fit in memory).
    pub fn after(conn: &Connection, after: i64, limit: usize) -> Result<Vec<IndexRow>> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE m.id > ?1 ORDER BY m.id LIMIT ?2"
        ))?;
        let rows = stmt
            .query_map(rusqlite::params![after, limit as i64], IndexRow::from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The first `limit` rows with id > `after` whose index document is out of date (queued in
    /// `index_dirty`), in id order.
    pub fn dirty(conn: &Connection, after: i64, limit: usize) -> Result<Vec<IndexRow>> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM {FROM}
             WHERE m.id IN (SELECT message FROM index_dirty WHERE message > ?1 ORDER BY message LIMIT ?2)
             ORDER BY m.id"
        ))?;
        let rows = stmt
            .query_map(rusqlite::params![after, limit as i64], IndexRow::from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<IndexRow> {
        Ok(IndexRow {
            id: r.get(0)?,
            blob: r.get(1)?,
            message_id: r.get(2)?,
            date: r.get(3)?,
            kind: r.get(4)?,
            language: r.get(5)?,
            failed: r.get::<_, String>(6)? == "failed",
            official: r.get(7)?,
            communes: r.get(8)?,
            themes: r.get(9)?,
            official_id: r.get(10)?,
            commune_codes: r
                .get::<_, String>(11)?
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect(),
            attachment_text: r.get(12)?,
        })
    }
}
