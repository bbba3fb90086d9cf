//! What a data directory holds, counted (`permanence stats`): messages by kind, state and
//! language, resends, attachments, themes, the most frequent communes, the sizes of the three
//! stores and the last ingest. One read of each table; nothing is written. [`Stats`] is also
//! the shape of `stats --json`, a documented output: its fields and their order are a contract.

use std::collections::BTreeMap;

use anyhow::{Context as _, Result};
use rusqlite::Connection;
use serde::Serialize;

use crate::context::{self, Context};

/// Counts and sizes of a data directory (serialised as `stats --json` prints it).
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Stored messages.
    pub messages: u64,
    /// Messages per kind (personal, auto_reply, bulk…).
    pub by_kind: BTreeMap<String, u64>,
    /// Messages per state.
    pub by_state: BTreeMap<String, u64>,
    /// Messages per detected language.
    pub by_language: BTreeMap<String, u64>,
    /// Messages that repeat another's Message-ID (`dup_of`).
    pub resends: u64,
    /// Messages without a Message-ID (one was made up from their hash).
    pub synthetic_message_ids: u64,
    /// Attachments, all messages together.
    pub attachments: u64,
    /// Bytes of the raw store.
    pub raw_store_bytes: u64,
    /// Files in the raw store.
    pub raw_store_files: u64,
    /// Bytes of the database and its write-ahead log.
    pub database_bytes: u64,
    /// Bytes of the index.
    pub index_bytes: u64,
    /// Documents in the index.
    pub index_documents: u64,
    /// The most recent ingest run.
    pub last_ingest: Option<crate::store::runs::RunSummary>,
    /// Ingest problems recorded as errors.
    pub ingest_errors: u64,
    /// Messages per theme.
    pub by_theme: BTreeMap<String, u64>,
    /// Messages per commune, the 20 most frequent: (INSEE code, name, messages), most first.
    pub top_communes: Vec<(String, String, u64)>,
    /// The go-live date (YYYY-MM-DD; null when none is set: every message is filed as work).
    pub go_live: Option<String>,
}

/// Counts what `ctx`'s data directory holds (see [`Stats`]). Reads the database, lists the raw
/// store and the index directory, opens an index reader; writes nothing.
pub fn gather(ctx: &Context) -> Result<Stats> {
    let conn = ctx.store.conn();
    let (raw_store_bytes, raw_store_files) = ctx.raw.usage()?;
    let database_bytes = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(ctx.dir.join(format!("{}{s}", context::DB_FILE))).ok())
        .map(|m| m.len())
        .sum();
    Ok(Stats {
        messages: count(conn, "SELECT count(*) FROM messages")?,
        by_kind: count_by(conn, "SELECT kind, count(*) FROM messages GROUP BY kind")?,
        by_state: count_by(conn, "SELECT state, count(*) FROM messages GROUP BY state")?,
        by_language: count_by(
            conn,
            "SELECT language, count(*) FROM messages GROUP BY language",
        )?,
        resends: count(
            conn,
            "SELECT count(*) FROM messages WHERE dup_of IS NOT NULL",
        )?,
        synthetic_message_ids: count(conn, "SELECT count(*) FROM messages WHERE synthetic_id = 1")?,
        attachments: count(conn, "SELECT count(*) FROM attachments")?,
        raw_store_bytes,
        raw_store_files,
        database_bytes,
        index_bytes: ctx.index.disk_usage(),
        index_documents: ctx.index.reader()?.searcher().num_docs(),
        last_ingest: crate::store::runs::last(conn)?,
        ingest_errors: count(
            conn,
            "SELECT count(*) FROM ingest_problems WHERE severity = 'error'",
        )?,
        by_theme: count_by(
            conn,
            "SELECT theme, count(*) FROM message_themes GROUP BY theme",
        )?,
        top_communes: top_communes(conn, 20)?,
        go_live: crate::cases::go_live::get(conn)?.map(|g| g.to_string()),
    })
}

/// The one number `sql` selects.
fn count(conn: &Connection, sql: &str) -> Result<u64> {
    let n: i64 = conn
        .query_row(sql, [], |r| r.get(0))
        .with_context(|| format!("cannot count ({sql})"))?;
    Ok(n as u64)
}

/// The (key, count) rows `sql` selects.
fn count_by(conn: &Connection, sql: &str) -> Result<BTreeMap<String, u64>> {
    conn.prepare(sql)?
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| format!("cannot count ({sql})"))
}

/// The `limit` communes most messages are tagged with, named from the bundled gazetteer ('' for
/// a code it does not know): most first, then by code.
fn top_communes(conn: &Connection, limit: usize) -> Result<Vec<(String, String, u64)>> {
    let gazetteer = crate::communes::Gazetteer::bundled()?;
    let rows: Vec<(String, i64)> = conn
        .prepare(
            "SELECT code, count(*) FROM message_communes GROUP BY code
             ORDER BY count(*) DESC, code LIMIT ?1",
        )?
        .query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()
        .context("cannot count the communes")?;
    Ok(rows
        .into_iter()
        .map(|(code, n)| {
            let name = gazetteer
                .get(&code)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            (code, name, n as u64)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new data directory counts nothing, and every query is valid SQL.
    #[test]
    fn a_new_directory_counts_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = Context::open(dir.path()).unwrap();
        let stats = gather(&ctx).unwrap();
        assert_eq!(stats.messages, 0);
        assert!(stats.by_kind.is_empty() && stats.by_theme.is_empty());
        assert!(stats.top_communes.is_empty());
        assert!(stats.last_ingest.is_none());
        assert!(stats.database_bytes > 0);
        assert_eq!(stats.go_live, None, "no go-live date outside `init`");
    }
}
