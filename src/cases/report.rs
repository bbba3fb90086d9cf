//! What the dashboard counts: requests (cases that are not merged away and not marked « pas une
//! demande »; a proposed case counts, a campaign counts once) since a date, with their themes,
//! states, answer delays and communes.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

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

/// When the latest request began (Unix seconds), 0 when there is none. Walks the live cases
/// newest first (index `cases_live_first_at`) and stops at the first request.
pub fn latest(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached(&latest_sql())?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// The requests that began at or after `start`.
pub fn since(conn: &Connection, start: i64) -> Result<Vec<Request>> {
    Ok(conn
        .prepare_cached(&since_sql())?
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
        .prepare_cached(&themes_since_sql())?
        .query_map([start], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The `limit` communes (INSEE code, requests) with most requests begun at or after `start`.
pub fn communes_since(conn: &Connection, start: i64, limit: usize) -> Result<Vec<(String, i64)>> {
    Ok(conn
        .prepare_cached(&communes_since_sql())?
        .query_map(params![start, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

// The dashboard's queries, each reading the live cases through `cases_live_first_at` (tested
// with their plans).

fn latest_sql() -> String {
    format!(
        "SELECT c.first_at FROM cases c INDEXED BY cases_live_first_at WHERE {REQUESTS}
         ORDER BY c.first_at DESC LIMIT 1"
    )
}

fn since_sql() -> String {
    format!(
        "SELECT id, first_at, state, answered_at FROM cases c INDEXED BY cases_live_first_at
         WHERE {REQUESTS} AND first_at >= ?1"
    )
}

fn themes_since_sql() -> String {
    format!(
        "SELECT ct.case_id, ct.theme FROM cases c INDEXED BY cases_live_first_at
         CROSS JOIN case_themes ct ON ct.case_id = c.id
         WHERE ct.on_ = 1 AND {REQUESTS} AND c.first_at >= ?1"
    )
}

fn communes_since_sql() -> String {
    format!(
        "SELECT cc.commune, count(*) FROM cases c INDEXED BY cases_live_first_at
         CROSS JOIN case_communes cc ON cc.case_id = c.id
         WHERE {REQUESTS} AND c.first_at >= ?1
         GROUP BY cc.commune ORDER BY count(*) DESC, cc.commune LIMIT ?2"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every dashboard query reads the year's live cases through `cases_live_first_at` (a
    /// range, or newest first), never the whole cases table.
    #[test]
    fn the_dashboard_reads_only_the_year() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = store.conn();
        assert_eq!(latest(conn).unwrap(), 0);
        for (id, first_at, merged) in [(1, 100, None), (2, 300, Some(1)), (3, 200, None)] {
            conn.execute(
                "INSERT INTO cases (id, first_at, merged_into) VALUES (?1, ?2, ?3)",
                params![id, first_at, merged],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO case_history (case_id, at, who, action) VALUES (3, 1, 'x', 'not_a_request')",
            [],
        )
        .unwrap();
        // Case 2 is merged away and case 3 is not a request: the latest request is case 1's.
        assert_eq!(latest(conn).unwrap(), 100);
        assert_eq!(
            since(conn, 50)
                .unwrap()
                .iter()
                .map(|r| r.id.get())
                .collect::<Vec<_>>(),
            [1]
        );
        // Each query's own text, its parameters bound as the functions bind them; the latest
        // request is the first row of the index walked newest first (no sort), the others sort
        // or group only the year's rows.
        for (sql, params, sorts) in [
            (latest_sql(), vec![], false),
            (since_sql(), vec![1], false),
            (themes_since_sql(), vec![1], false),
            (communes_since_sql(), vec![1, 15], true),
        ] {
            let plan = crate::store::query_plan(conn, &sql, rusqlite::params_from_iter(params));
            assert!(plan.contains("c USING INDEX cases_live_first_at"), "{plan}");
            assert!(!plan.lines().any(|l| l == "SCAN c"), "{plan}");
            assert_eq!(plan.contains("TEMP B-TREE FOR ORDER BY"), sorts, "{plan}");
        }
        communes_since(conn, 0, 15).unwrap();
        themes_since(conn, 0).unwrap();
    }
}
