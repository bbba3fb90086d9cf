//! `ingest_runs` and `ingest_problems`: one row per ingest run with its counts, and every problem
//! it met (file, reason), so failures are recorded, not only printed. An erasure forgets the
//! problems of the person's messages and blanks their mentions in the other problems and in the
//! runs' sources.

use anyhow::{Context as _, Result};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

/// Severity of an ingest problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input could not be stored or parsed.
    Error,
    /// Stored and parsed, with a caveat (size cap, charset guess).
    Warning,
}

/// One problem met while ingesting.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// File, mbox position or IMAP UID.
    pub location: String,
    /// Error or warning.
    pub severity: Severity,
    /// Lower-case reason.
    pub reason: String,
    /// The stored message, when its bytes were kept.
    pub message: Option<i64>,
}

/// Counts of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Stored for the first time.
    pub new: u64,
    /// Already stored.
    pub known: u64,
    /// Inputs that could not be stored, or stored but not parsed.
    pub failed: u64,
    /// Stored with a warning.
    pub warnings: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.new += o.new;
        self.known += o.known;
        self.failed += o.failed;
        self.warnings += o.warnings;
    }
}

/// Opens a run; returns its id.
pub fn start(conn: &Connection, source: &str, now: i64) -> Result<i64> {
    conn.execute(
        "INSERT INTO ingest_runs (source, started_at) VALUES (?1, ?2)",
        params![source, now],
    )
    .context("record ingest run")?;
    Ok(conn.last_insert_rowid())
}

/// Records problems of a run inside the batch transaction.
pub fn add_problems(tx: &Transaction<'_>, run: i64, problems: &[Problem], now: i64) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO ingest_problems (run, message, location, severity, reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for p in problems {
        let severity = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        stmt.execute(params![run, p.message, p.location, severity, p.reason, now])?;
    }
    Ok(())
}

/// Adds a batch's counts to its run.
pub fn add_counts(tx: &Transaction<'_>, run: i64, c: Counts) -> Result<()> {
    tx.prepare_cached(
        "UPDATE ingest_runs SET new = new + ?2, known = known + ?3, failed = failed + ?4, warnings = warnings + ?5 WHERE id = ?1",
    )?
    .execute(params![run, c.new as i64, c.known as i64, c.failed as i64, c.warnings as i64])?;
    Ok(())
}

/// Marks a run finished.
pub fn finish(conn: &Connection, run: i64, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE ingest_runs SET finished_at = ?2 WHERE id = ?1",
        params![run, now],
    )?;
    Ok(())
}

/// A past run, for `stats`.
#[derive(Debug, Clone, Serialize)]
pub struct RunSummary {
    /// What was ingested.
    pub source: String,
    /// Unix seconds.
    pub started_at: i64,
    /// Unix seconds, 0 if it did not finish.
    pub finished_at: i64,
    /// Counts.
    pub counts: Counts,
}

/// The most recent run.
pub fn last(conn: &Connection) -> Result<Option<RunSummary>> {
    conn.query_row(
        "SELECT source, started_at, finished_at, new, known, failed, warnings FROM ingest_runs ORDER BY id DESC LIMIT 1",
        [],
        |r| {
            Ok(RunSummary {
                source: r.get(0)?,
                started_at: r.get(1)?,
                finished_at: r.get(2)?,
                counts: Counts {
                    new: r.get::<_, i64>(3)? as u64,
                    known: r.get::<_, i64>(4)? as u64,
                    failed: r.get::<_, i64>(5)? as u64,
                    warnings: r.get::<_, i64>(6)? as u64,
                },
            })
        },
    )
    .optional()
    .context("read last ingest run")
}

/// Erasure: deletes the problems of `messages` (before their rows go: the link would become
/// NULL), and rewrites the location and reason of every other problem through `redact` (a file
/// named after the person that could not be stored). A location alone says nothing of whose
/// input it was — « stdin », a reused `/tmp/scan.eml` — so other inputs' problems stay.
/// Returns (deleted, redacted).
pub fn forget(
    tx: &Transaction<'_>,
    messages: &[i64],
    redact: &dyn Fn(&str) -> String,
) -> Result<(u64, u64)> {
    let removed = tx
        .execute(
            "DELETE FROM ingest_problems WHERE message IN (SELECT value FROM json_each(?1))",
            [serde_json::to_string(messages)?],
        )
        .context("forget ingest problems")? as u64;
    let rows: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, location, reason FROM ingest_problems")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        tx.prepare("UPDATE ingest_problems SET location = ?2, reason = ?3 WHERE id = ?1")?;
    let mut redacted = 0;
    for (id, location, reason) in rows {
        let (l, r) = (redact(&location), redact(&reason));
        if l != location || r != reason {
            redacted += update
                .execute(params![id, l, r])
                .context("redact an ingest problem")? as u64;
        }
    }
    tracing::debug!(removed, redacted, "ingest problems forgotten");
    Ok((removed, redacted))
}

/// Erasure: rewrites each run's source (a maildir or mbox path) through `redact`. Returns the
/// runs changed.
pub fn redact_sources(tx: &Transaction<'_>, redact: &dyn Fn(&str) -> String) -> Result<u64> {
    let rows: Vec<(i64, String)> = tx
        .prepare("SELECT id, source FROM ingest_runs WHERE source != ''")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut changed = 0;
    for (id, source) in rows {
        let redacted = redact(&source);
        if redacted != source {
            changed += tx.execute(
                "UPDATE ingest_runs SET source = ?2 WHERE id = ?1",
                params![id, redacted],
            )? as u64;
        }
    }
    Ok(changed)
}
