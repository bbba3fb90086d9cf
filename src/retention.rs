//! Retention policy (`[retention]`): which stored messages have outlived the office's need for
//! them, and their removal (see `lifecycle.rs`). Run by `retention run` and once a day by the
//! daemon; each run is recorded with its counts, which `status` reads back ([`runs`]).

use anyhow::{Context as _, Result};
use rusqlite::params;
use serde::Serialize;

use crate::config::RetentionConfig;
use crate::context::Context;

const DAY: i64 = 86_400;

/// Messages a policy removes, by reason.
#[derive(Debug, Default, Serialize)]
pub struct Due {
    /// Automatic mail older than `automatic_months`.
    pub automatic: Vec<i64>,
    /// Citizens' mail of cases closed more than `citizens_years` ago.
    pub citizens: Vec<i64>,
    /// Officials' mail, more than `officials_years` after their last mandate ended.
    pub officials: Vec<i64>,
}

impl Due {
    /// Every message id, sorted, without repeats.
    pub fn all(&self) -> Vec<i64> {
        let mut all: Vec<i64> = self
            .automatic
            .iter()
            .chain(&self.citizens)
            .chain(&self.officials)
            .copied()
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// What `policy` removes at time `now`.
pub fn due(conn: &rusqlite::Connection, policy: &RetentionConfig, now: i64) -> Result<Due> {
    let ids = |sql: &str, cutoff: rusqlite::types::Value| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map(params![cutoff], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let mut due = Due::default();
    if policy.automatic_months > 0 {
        let cutoff = now - i64::from(policy.automatic_months) * 30 * DAY;
        due.automatic = ids(
            "SELECT id FROM messages WHERE kind != 'personal' AND date < ?1 ORDER BY id",
            cutoff.into(),
        )?;
    }
    if policy.citizens_years > 0 {
        let cutoff = now - i64::from(policy.citizens_years) * 365 * DAY;
        // Every message of a closed case with no official, closed (last changed) before the cutoff.
        due.citizens = ids(
            "SELECT mc.message FROM message_cases mc JOIN cases c ON c.id = mc.case_id
             WHERE c.state = 'closed' AND c.official IS NULL AND c.updated_at < ?1
               AND NOT EXISTS (SELECT 1 FROM message_cases m2 JOIN message_officials o ON o.message = m2.message
                               WHERE m2.case_id = c.id AND o.official IS NOT NULL)
             ORDER BY 1",
            cutoff.into(),
        )?;
    }
    if policy.officials_years > 0 {
        let cutoff = chrono::DateTime::from_timestamp(
            now - i64::from(policy.officials_years) * 365 * DAY,
            0,
        )
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
        // Officials with no current mandate whose last one ended before the cutoff: their mail
        // dated before the cutoff too, unless its case is still being worked on.
        let cutoff_ts = now - i64::from(policy.officials_years) * 365 * DAY;
        let mut stmt = conn.prepare(
            "SELECT o.message FROM message_officials o JOIN messages m ON m.id = o.message
             LEFT JOIN message_cases mc ON mc.message = o.message LEFT JOIN cases c ON c.id = mc.case_id
             WHERE o.official IN (SELECT official FROM mandates GROUP BY official
                                  HAVING sum(end_date = '') = 0 AND max(end_date) < ?1)
               AND m.date < ?2 AND (c.id IS NULL OR c.state = 'closed')
             ORDER BY 1",
        )?;
        due.officials = stmt
            .query_map(params![cutoff, cutoff_ts], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(due)
}

/// Applies the configured policy (`dry_run`: only says what it would remove). Returns what is
/// (or would be) removed and the counts.
pub fn run(
    ctx: &mut Context,
    who: &str,
    dry_run: bool,
) -> Result<(Due, crate::lifecycle::Removed)> {
    let policy = ctx.config.retention.clone();
    if dry_run {
        let due = due(ctx.store.conn(), &policy, crate::store::now())?;
        return Ok((due, crate::lifecycle::Removed::default()));
    }
    crate::access::prune(ctx.store.conn(), policy.access_log_days)?;
    let (due, removed) = apply(&mut ctx.store, &policy, who)?;
    if removed.messages > 0 {
        crate::lifecycle::finish_purge(ctx)?;
    }
    Ok((due, removed))
}

/// Removes what `policy` says is due, in one transaction (what is due is decided inside it, so
/// mail filed meanwhile is judged too), and records the run. The caller purges raw files and
/// index documents.
pub fn apply(
    store: &mut crate::store::Store,
    policy: &RetentionConfig,
    who: &str,
) -> Result<(Due, crate::lifecycle::Removed)> {
    store.transaction(|tx| {
        let due = due(tx, policy, crate::store::now())?;
        let removed = crate::lifecycle::remove_messages(tx, &due.all())?;
        tx.execute(
            "INSERT INTO retention_runs (at, who, messages, cases) VALUES (?1, ?2, ?3, ?4)",
            params![
                crate::store::now(),
                who,
                removed.messages as i64,
                removed.cases as i64
            ],
        )?;
        Ok((due, removed))
    })
}

/// The retention runs recorded so far (counts only, as `status` shows them).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Runs {
    /// Runs recorded (by `retention run` and the daemon).
    pub runs: u64,
    /// When the last one ran (Unix seconds; 0: never).
    pub last_at: i64,
    /// Messages removed, in all.
    pub messages: u64,
    /// Cases removed, in all.
    pub cases: u64,
}

/// How many retention runs [`apply`] recorded, the last one's time and what they removed in
/// all. Reads only.
pub fn runs(conn: &rusqlite::Connection) -> Result<Runs> {
    let (runs, last_at, messages, cases): (i64, i64, i64, i64) = conn
        .query_row(
            "SELECT count(*), coalesce(max(at), 0), coalesce(sum(messages), 0), coalesce(sum(cases), 0)
             FROM retention_runs",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .context("cannot count the retention runs")?;
    Ok(Runs {
        runs: runs as u64,
        last_at,
        messages: messages as u64,
        cases: cases as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `status` reads the runs back: none, then their count, last time and totals.
    #[test]
    fn runs_are_summed() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = store.conn();
        assert_eq!(runs(conn).unwrap(), Runs::default());
        conn.execute_batch(
            "INSERT INTO retention_runs (at, who, messages, cases) VALUES (100, 'daemon', 3, 1), (250, 'admin', 2, 0);",
        )
        .unwrap();
        assert_eq!(
            runs(conn).unwrap(),
            Runs {
                runs: 2,
                last_at: 250,
                messages: 5,
                cases: 1
            }
        );
    }
}
