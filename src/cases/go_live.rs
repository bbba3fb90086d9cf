//! The go-live date (issue 17, « day one is history, not work »): the day the office starts
//! working its mail in Permanence. Mail dated before it (its `Date`, in the office's time zone:
//! before local midnight of that day) is filed into cases exactly as any mail — threads,
//! campaigns, officials, themes — but a case holding nothing else is closed as history:
//! `answered` when the office's own mail is in it, else `closed`, with a `history` entry
//! (« Classé comme historique… » in French, `cases::french`). It is never in the morning queue,
//! stays searchable and on every timeline, and staff may reopen it (`cases::apply`, reopen).
//!
//! The rules, each with its unit test:
//!
//! 1. A message is history when its date is before the go-live day's local midnight
//!    ([`GoLive::is_history`]); without a go-live date nothing is history.
//! 2. Filing a history message never moves a case's state (`thread::attach` skips its
//!    transitions): a backfilled old letter neither reopens a history case nor marks a live
//!    case answered.
//! 3. After a history message is filed, its case is settled as history when it is *pure
//!    history*: not merged, no message dated on or after go-live, and no staff action on it
//!    other than a previous settling ([`settle`]); its state becomes [`history_state`].
//! 4. Mail dated on or after go-live is filed as it always was, and brings a history case back
//!    to work in the state it would have had without a go-live date: `closed` (never confirmed
//!    by anyone) → `proposed`, triage's « nouveau »; `answered` → `open` like any answered case
//!    with new mail, triage's new mail. (`thread::attach`; a case staff closed reopens as ever.)
//! 5. Changing the date applies to mail filed afterwards; existing cases keep their state unless
//!    asked ([`apply`]: the cases no one worked on, still proposed, open or waiting, whose mail is
//!    all older than the date, settled as rule 3 says, signed by whoever asked).
//!
//! Re-importing is harmless: known bytes are never filed again, and a history message filed
//! again (same Message-ID, other bytes) changes no state (rule 2).
//!
//! Where it lives: the `settings` table, key `go_live`, value `YYYY-MM-DD`, so that it changes
//! without editing `permanence.toml` and the daemon reads it at each batch. `init` sets it (the
//! day of init in the office's zone unless `--go-live` says otherwise); `permanence go-live`
//! prints or changes it.
//!
//! Databases created before this feature (or by a command other than `init`) have no go-live
//! date, and then every message is filed as work, exactly as before: an upgrade must not change
//! how mail is filed behind the office's back, its triage is what its staff already work, and a
//! date guessed from the data (the newest message's) is fragile — one misdated spam « from
//! 2038 » would make every new letter history. Setting one is a single command, which says how
//! many cases `--apply` would close; `stats` and `status` say when none is set.

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};

use super::{State, history};

/// The `settings` key of the go-live date.
const KEY: &str = "go_live";

/// The `case_history` action of a case settled as history.
pub const HISTORY_ACTION: &str = "history";

/// The condition on a `case_history h` row that staff wrote (anything but the pipeline's own
/// entries and its history settlements), in the literals of the partial index
/// `case_history_staff` (migration 0020), so that the question costs one probe however long the
/// case's history is. Tested against `PIPELINE` and `HISTORY_ACTION`.
pub(crate) const STAFF_ENTRY: &str = "h.who != 'permanence' AND h.action != 'history'";

/// A go-live date and the moment it starts (local midnight in the office's zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoLive {
    /// The day the office starts working its mail here.
    pub date: NaiveDate,
    /// Unix seconds of that day's midnight in the office's zone: mail dated before is history.
    pub starts_at: i64,
}

impl GoLive {
    /// The go-live of `date`, starting at its midnight in the office's zone (`util::zone`).
    pub fn new(date: NaiveDate) -> Result<GoLive> {
        let starts_at = crate::util::zone_midnight(date)
            .with_context(|| format!("no midnight on {date} in the office's time zone"))?;
        Ok(GoLive { date, starts_at })
    }

    /// Rule 1: mail dated `date` (Unix seconds) is history, older than the go-live day.
    pub fn is_history(&self, date: i64) -> bool {
        date < self.starts_at
    }
}

impl std::fmt::Display for GoLive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.date.format("%Y-%m-%d"))
    }
}

/// Parses a go-live date written `YYYY-MM-DD` (as `init --go-live` and `go-live` take it).
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .with_context(|| format!("invalid go-live date {text:?}: expected YYYY-MM-DD"))
}

/// The stored go-live date, if one is set (none for databases created before the feature).
pub fn get(conn: &Connection) -> Result<Option<GoLive>> {
    let value: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()
        .context("cannot read the go-live date")?;
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => Ok(Some(GoLive::new(parse_date(text)?)?)),
    }
}

/// Sets the go-live date (recorded in the audit log under `who`); returns the previous one.
/// Cases already filed keep their state: see [`apply`]. Visible to the daemon at its next batch.
pub fn set(tx: &Transaction<'_>, date: NaiveDate, who: &str) -> Result<Option<GoLive>> {
    let before = get(tx)?;
    let new = GoLive::new(date)?;
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![KEY, new.to_string()],
    )
    .context("cannot store the go-live date")?;
    if before != Some(new) {
        crate::users::audit(
            tx,
            who,
            "go-live",
            &new.to_string(),
            &before.map(|b| format!("was {b}")).unwrap_or_default(),
        )?;
    }
    Ok(before)
}

/// Rule 3's state: `answered` when the office's mail is in the case, else `closed`.
pub fn history_state(answered: bool) -> State {
    if answered {
        State::Answered
    } else {
        State::Closed
    }
}

/// The stored `after` of a settling entry: `closed before go-live 2026-03-01`.
fn entry_text(state: State, go_live: &GoLive) -> String {
    format!("{state} before go-live {go_live}")
}

/// Rule 3: pure history, nothing dated on or after go-live, no one's work but the pipeline's
/// (and previous settlings).
fn is_pure_history(tx: &Transaction<'_>, case_id: i64, go_live: &GoLive) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            // `last_at` is never below a case's latest message (set to the max as mail joins,
            // recomputed when messages move): below the date, no message needs reading.
            &format!(
                "SELECT c.merged_into IS NULL
                AND CASE WHEN c.last_at < ?2 THEN 1
                    ELSE NOT EXISTS (SELECT 1 FROM message_cases mc JOIN messages m ON m.id = mc.message
                                     WHERE mc.case_id = c.id AND m.date >= ?2) END
                AND NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id AND {STAFF_ENTRY})
             FROM cases c WHERE c.id = ?1"
            ),
        )?
        .query_row(
            params![case_id, go_live.starts_at],
            |r| r.get::<_, bool>(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// Settles case `case_id` as history if it is pure history (rule 3), recording a `history`
/// entry under `who` at `at` when its state changes. Returns the new state when it changed.
/// Idempotent: a settled case is left as it is (unless the office's reply just joined it).
pub fn settle(
    tx: &Transaction<'_>,
    case_id: i64,
    go_live: &GoLive,
    who: &str,
    at: i64,
) -> Result<Option<State>> {
    if !is_pure_history(tx, case_id, go_live)? {
        return Ok(None);
    }
    let (state, answered_at): (State, i64) = tx
        .prepare_cached("SELECT state, answered_at FROM cases WHERE id = ?1")?
        .query_row([case_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let target = history_state(answered_at != 0);
    if state == target {
        return Ok(None);
    }
    tx.prepare_cached(
        "UPDATE cases SET state = ?2, updated_at = max(updated_at, ?3) WHERE id = ?1",
    )?
    .execute(params![case_id, target, at])?;
    history(
        tx,
        case_id,
        who,
        HISTORY_ACTION,
        state.as_str(),
        &entry_text(target, go_live),
        at,
    )?;
    tracing::debug!(case = case_id, from = %state, to = %target, go_live = %go_live, "case settled as history");
    Ok(Some(target))
}

/// What [`apply`] did (or, from [`pending`], would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Cases now `closed` as history.
    pub closed: usize,
    /// Cases now `answered` as history.
    pub answered: usize,
}

impl Applied {
    /// Both together.
    pub fn total(&self) -> usize {
        self.closed + self.answered
    }
}

/// The cases rule 5 concerns: proposed, open or waiting, not merged, every message older than
/// the go-live date, no staff action (pure history is checked per case).
fn candidates(conn: &Connection, go_live: &GoLive) -> Result<Vec<i64>> {
    conn.prepare(
        "SELECT id FROM cases WHERE merged_into IS NULL AND state IN ('proposed', 'open', 'waiting')
           AND last_at < ?1 ORDER BY id",
    )?
    .query_map([go_live.starts_at], |r| r.get(0))?
    .collect::<rusqlite::Result<_>>()
    .context("cannot list the cases older than the go-live date")
}

/// Rule 5, on request (`go-live --apply`): settles as history every case still proposed, open
/// or waiting that no one worked on and whose mail is all older than the stored go-live date,
/// each in its history under `who`. Fails when no date is set. Idempotent.
pub fn apply(tx: &Transaction<'_>, who: &str, at: i64) -> Result<Applied> {
    let Some(go_live) = get(tx)? else {
        bail!("no go-live date is set (`permanence go-live YYYY-MM-DD`)");
    };
    let mut applied = Applied::default();
    for case_id in candidates(tx, &go_live)? {
        match settle(tx, case_id, &go_live, who, at)? {
            Some(State::Answered) => applied.answered += 1,
            Some(_) => applied.closed += 1,
            None => {}
        }
    }
    tracing::info!(go_live = %go_live, closed = applied.closed, answered = applied.answered, who, "old cases settled as history");
    Ok(applied)
}

/// How many cases [`apply`] would settle now (reads only).
pub fn pending(conn: &Connection) -> Result<usize> {
    let Some(go_live) = get(conn)? else {
        return Ok(0);
    };
    let mut count = 0;
    let mut untouched = conn.prepare_cached(&format!(
        "SELECT NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = ?1 AND {STAFF_ENTRY})"
    ))?;
    for case_id in candidates(conn, &go_live)? {
        if untouched.query_row([case_id], |r| r.get::<_, bool>(0))? {
            count += 1;
        }
    }
    Ok(count)
}

/// The go-live date in force and what a change did (`permanence go-live`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Report {
    /// The date before the change (the same as `go_live` when nothing changed).
    pub before: Option<GoLive>,
    /// The date in force.
    pub go_live: Option<GoLive>,
    /// What `--apply` settled, when asked.
    pub applied: Option<Applied>,
    /// Cases [`apply`] would settle now (after `applied`).
    pub pending: usize,
}

/// The go-live date in force and how many cases [`apply`] would settle (reads only).
pub fn report(conn: &Connection) -> Result<Report> {
    let go_live = get(conn)?;
    Ok(Report {
        before: go_live,
        go_live,
        applied: None,
        pending: pending(conn)?,
    })
}

/// Sets the go-live date to `date` when given (audited under `who`), then, when `apply`,
/// settles the old cases as history ([`apply`]); in one transaction. Fails on `apply` without
/// any date.
pub fn change(
    tx: &Transaction<'_>,
    date: Option<NaiveDate>,
    apply_too: bool,
    who: &str,
    at: i64,
) -> Result<Report> {
    let before = match date {
        Some(date) => set(tx, date, who)?,
        None => get(tx)?,
    };
    let applied = if apply_too {
        Some(apply(tx, who, at)?)
    } else {
        None
    };
    Ok(Report {
        before,
        go_live: get(tx)?,
        applied,
        pending: pending(tx)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::PIPELINE;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).expect("date")
    }

    #[test]
    fn mail_before_local_midnight_of_go_live_is_history() {
        // The office's zone is Europe/Paris by default: midnight of 1 March 2026 is 23:00 UTC
        // on 28 February.
        let go_live = GoLive::new(day("2026-03-01")).expect("go-live");
        let midnight = chrono::DateTime::parse_from_rfc3339("2026-02-28T23:00:00Z")
            .expect("rfc3339")
            .timestamp();
        assert_eq!(go_live.starts_at, midnight);
        assert!(
            go_live.is_history(midnight - 1),
            "23:59:59 in Paris the day before"
        );
        assert!(!go_live.is_history(midnight), "00:00 in Paris on the day");
        assert_eq!(go_live.to_string(), "2026-03-01");
    }

    #[test]
    fn a_history_case_is_answered_when_the_office_wrote_else_closed() {
        assert_eq!(history_state(true), State::Answered);
        assert_eq!(history_state(false), State::Closed);
        let go_live = GoLive::new(day("2026-03-01")).expect("go-live");
        assert_eq!(
            entry_text(State::Closed, &go_live),
            "closed before go-live 2026-03-01"
        );
    }

    #[test]
    fn go_live_dates_are_written_year_month_day() {
        assert_eq!(parse_date(" 2026-03-01 ").expect("date"), day("2026-03-01"));
        for bad in ["01/03/2026", "2026-02-30", "demain", ""] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    /// A database with one case of `dates` (incoming mail), `answered` when the office wrote.
    fn case_with(
        dates: &[i64],
        answered: bool,
        staff: bool,
    ) -> (tempfile::TempDir, rusqlite::Connection, i64) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = crate::store::Store::open(&dir.path().join("db.sqlite3")).expect("store");
        let case = store
            .transaction(|tx| {
                tx.execute(
                    "INSERT INTO cases (title, norm_subject, kind, state, created_at, updated_at, first_at, last_at, answered_at)
                     VALUES ('t', 't', 'request', 'proposed', 0, 0, ?1, ?2, ?3)",
                    params![dates[0], dates[dates.len() - 1], if answered { dates[0] } else { 0 }],
                )?;
                let case = tx.last_insert_rowid();
                for (i, d) in dates.iter().enumerate() {
                    tx.execute(
                        "INSERT INTO messages (blob, size, message_id, date, ingested_at) VALUES (?1, 1, ?1, ?2, ?2)",
                        params![format!("b{i}"), d],
                    )?;
                    tx.execute(
                        "INSERT INTO message_cases (message, case_id) VALUES (?1, ?2)",
                        params![tx.last_insert_rowid(), case],
                    )?;
                }
                if staff {
                    history(tx, case, "sam", "assign", "", "sam", 0)?;
                }
                Ok(case)
            })
            .expect("insert");
        drop(store);
        let conn = rusqlite::Connection::open(dir.path().join("db.sqlite3")).expect("open");
        (dir, conn, case)
    }

    fn settle_now(conn: &mut rusqlite::Connection, case: i64) -> Option<State> {
        let go_live = GoLive::new(day("2026-03-01")).expect("go-live");
        let tx = conn.transaction().expect("tx");
        let out = settle(&tx, case, &go_live, PIPELINE, 1).expect("settle");
        tx.commit().expect("commit");
        out
    }

    #[test]
    fn only_a_pure_history_case_is_settled_and_only_once() {
        let before = GoLive::new(day("2026-03-01")).expect("go-live").starts_at - 86_400;
        let after = before + 2 * 86_400;
        let (_dir, mut conn, case) = case_with(&[before], true, false);
        assert_eq!(settle_now(&mut conn, case), Some(State::Answered));
        assert_eq!(settle_now(&mut conn, case), None, "idempotent");
        let (_dir, mut conn, case) = case_with(&[before], false, false);
        assert_eq!(settle_now(&mut conn, case), Some(State::Closed));
        let (_dir, mut conn, case) = case_with(&[before, after], false, false);
        assert_eq!(
            settle_now(&mut conn, case),
            None,
            "mail after go-live: work"
        );
        let (_dir, mut conn, case) = case_with(&[before], false, true);
        assert_eq!(settle_now(&mut conn, case), None, "staff worked on it");
    }
}
