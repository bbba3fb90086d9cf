//! The morning queue: what needs a look today (new cases to confirm, open cases with new mail
//! no staff action has followed, cases past their due date), most urgent first, and the record
//! of each triage run so the next one starts where this one stopped.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use serde::Serialize;

use super::{Case, Kind, require};
use crate::ids::{CaseId, MessageId};

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
/// their due date; most urgent first (priority, then the oldest). Only the first `limit` items
/// are loaded (all when `None`); the count is of the whole queue.
pub fn triage(
    conn: &Connection,
    since: Since,
    today: &str,
    limit: Option<usize>,
) -> Result<(Vec<TriageItem>, usize)> {
    triage_window(conn, since, today, 0, limit)
}

/// An open case « has new mail »: a message of the case after the mark (`?1` id, `?2` ingest
/// time), incoming, and ingested after staff last acted on the case.
macro_rules! fresh_sql {
    () => {
        "EXISTS (SELECT 1 FROM message_cases mc JOIN messages m ON m.id = mc.message
                 WHERE mc.case_id = c.id AND mc.message > ?1 AND m.ingested_at >= ?2 AND m.outgoing = 0
                   AND m.ingested_at >= (SELECT coalesce(max(h.at), 0) FROM case_history h
                                         WHERE h.case_id = c.id AND h.who != 'permanence'))"
    };
}

/// The queue: (case, reason), most urgent first. Only the live states are read (index
/// `cases_state`), and « new mail » is asked of each open case through its own messages after
/// the mark: the cost is that of the cases in play, not of the mailbox (it read every message
/// since the last triage — all of them before the first; issue 18).
const QUEUE: &str = concat!(
    "SELECT c.id, CASE WHEN c.state = 'proposed' THEN 'new'
                       WHEN c.state = 'open' AND ",
    fresh_sql!(),
    " THEN 'new_mail' ELSE 'overdue' END
     FROM cases c
     WHERE c.state IN ('proposed', 'open', 'waiting') AND c.merged_into IS NULL
       AND (c.state = 'proposed' OR (c.state = 'open' AND ",
    fresh_sql!(),
    ") OR (c.due != '' AND c.due < ?3))
     ORDER BY c.priority, c.first_at, c.id"
);

/// The queue's items from the `skip`-th on, at most `take` (all when `None`): one page of the
/// web's queue. The count is of the whole queue.
pub fn triage_window(
    conn: &Connection,
    since: Since,
    today: &str,
    skip: usize,
    take: Option<usize>,
) -> Result<(Vec<TriageItem>, usize)> {
    let mut rows: Vec<(CaseId, String)> = conn
        .prepare_cached(QUEUE)?
        .query_map(params![since.after_id, since.from_time, today], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let total = rows.len();
    rows.drain(..skip.min(total));
    if let Some(take) = take {
        rows.truncate(take);
    }
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
        let who = if case.kind == Kind::Campaign {
            format!("{} expéditeurs", case.parties.len())
        } else {
            match &case.official {
                Some(o) if o.title.is_empty() => format!("{} {}", o.prenom, o.nom),
                Some(o) => format!("{} {}, {}", o.prenom, o.nom, o.title),
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
    Ok((out, total))
}

/// The message a reading pane shows for a case: the newest incoming one (the office's own when
/// there is none).
#[derive(Debug, Clone)]
pub struct Reading {
    /// The message.
    pub message: MessageId,
    /// Its original in the raw store.
    pub blob: String,
    /// Sender's name and address.
    pub from: String,
    /// Unix seconds.
    pub date: i64,
    /// Subject.
    pub subject: String,
    /// True for the office's own mail.
    pub outgoing: bool,
}

/// What the reading pane of case `id` shows (`None`: the case has no message left).
pub fn reading(conn: &Connection, id: CaseId) -> Result<Option<Reading>> {
    conn.query_row(
        "SELECT m.id, m.blob, m.from_name, m.from_addr, m.date, m.subject, m.outgoing
         FROM message_cases mc JOIN messages m ON m.id = mc.message
         WHERE mc.case_id = ?1 ORDER BY m.outgoing, m.date DESC, m.id DESC LIMIT 1",
        [id],
        |r| {
            let (name, addr): (String, String) = (r.get(2)?, r.get(3)?);
            Ok(Reading {
                message: r.get(0)?,
                blob: r.get(1)?,
                from: if name.is_empty() {
                    addr
                } else {
                    format!("{name} <{addr}>")
                },
                date: r.get(4)?,
                subject: r.get(5)?,
                outgoing: r.get(6)?,
            })
        },
    )
    .optional()
    .map_err(Into::into)
}

/// Staff looked at the queue's mail up to message `through` (`Marquer comme vus` on the web):
/// recorded like a `triage` run, and in the audit log. Never past the mail that exists: a mark
/// beyond it would hide all new mail.
pub fn mark_seen(tx: &Transaction<'_>, who: &str, through: i64) -> Result<()> {
    let through = through.clamp(0, crate::store::messages::max_id(tx)?);
    record_triage(tx, who, crate::store::now(), through)?;
    crate::users::audit(tx, who, "triage-seen", &format!("#{through}"), "")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The queue reads the live cases through `cases_state` and each open case's own messages
    /// after the mark, never the messages table or every case.
    #[test]
    fn the_queue_reads_only_the_cases_in_play() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let plan = crate::store::query_plan(store.conn(), QUEUE, params![0, 0, "2026-01-01"]);
        assert!(plan.contains("SEARCH c USING INDEX cases_state"), "{plan}");
        assert!(plan.contains("SEARCH mc USING"), "{plan}");
        assert!(plan.contains("case_history_by_staff_at"), "{plan}");
        assert!(!plan.lines().any(|l| l.starts_with("SCAN")), "{plan}");
    }
}
