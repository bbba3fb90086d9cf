//! What the dashboard counts: requests (cases that are not merged away and not marked « pas une
//! demande »; a proposed case counts, a campaign counts once) since a date, with their themes,
//! states, answer delays and communes.

use anyhow::Result;
use rusqlite::{Connection, params};

use super::State;
use crate::ids::CaseId;

/// The cases that count as requests (alias `c`).
pub(super) const REQUESTS: &str = "c.merged_into IS NULL
    AND NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id AND h.action = 'not_a_request')";

/// One request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The case.
    pub id: CaseId,
    /// Its first message (Unix seconds).
    pub first_at: i64,
    /// Its state.
    pub state: State,
    /// The office's first answer (Unix seconds), 0 when none.
    pub answered_at: i64,
}

/// When the latest request began (Unix seconds), 0 when there is none.
pub fn latest(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT coalesce(max(first_at), 0) FROM cases c WHERE {REQUESTS}"),
        [],
        |r| r.get(0),
    )?)
}

/// The requests that began at or after `start`.
pub fn since(conn: &Connection, start: i64) -> Result<Vec<Request>> {
    Ok(conn
        .prepare(&format!(
            "SELECT id, first_at, state, answered_at FROM cases c WHERE {REQUESTS} AND first_at >= ?1"
        ))?
        .query_map([start], |r| {
            Ok(Request {
                id: r.get(0)?,
                first_at: r.get(1)?,
                state: r.get(2)?,
                answered_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// (case, theme) of every theme of the requests that began at or after `start`.
pub fn themes_since(conn: &Connection, start: i64) -> Result<Vec<(CaseId, String)>> {
    Ok(conn
        .prepare(&format!(
            "SELECT ct.case_id, ct.theme FROM case_themes ct JOIN cases c ON c.id = ct.case_id
             WHERE ct.on_ = 1 AND {REQUESTS} AND c.first_at >= ?1"
        ))?
        .query_map([start], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The `limit` communes (INSEE code, requests) with most requests begun at or after `start`.
pub fn communes_since(conn: &Connection, start: i64, limit: usize) -> Result<Vec<(String, i64)>> {
    Ok(conn
        .prepare(&format!(
            "SELECT cc.commune, count(*) FROM case_communes cc JOIN cases c ON c.id = cc.case_id
             WHERE {REQUESTS} AND c.first_at >= ?1
             GROUP BY cc.commune ORDER BY count(*) DESC, cc.commune LIMIT ?2"
        ))?
        .query_map(params![start, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
