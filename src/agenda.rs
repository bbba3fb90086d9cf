//! The agenda: the invitations in the mail become events staff decide on.
//!
//! A message is read when it is filed (its text and iCalendar parts, `pipeline.rs`) and again
//! when its attachments' text arrives (`extract.rs`): [`read`] says whether it invites the
//! office to an event at a place and reads the event ([`read::read`], French dates and times in
//! [`when`]). [`record`] keeps what was read, unless staff already decided or corrected an
//! event of that message: their work is never replaced by a second reading.
//!
//! Staff decide (accept, decline, maybe, send a representative) and correct any field read;
//! decisions go to the case's history, corrections are kept field by field
//! (`event_corrections`) so that the reading's accuracy in use can be counted
//! ([`corrections`]). Undecided invitations whose reply deadline is near come to the triage
//! queue ([`rsvp_due`]). The calendar feed ([`feed`]) is read by calendar applications with a
//! per-user secret token ([`tokens`]).

pub mod feed;
pub mod read;
pub mod tokens;
pub mod when;

use std::fmt;

use anyhow::{Result, bail};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use serde::Serialize;

use crate::ids::{CaseId, EventId, MessageId};
pub use read::{Found, Letter, Reading, Source};

/// What staff decided about an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Not decided yet.
    Undecided,
    /// Someone of the office goes (the senator).
    Accepted,
    /// Nobody goes.
    Declined,
    /// Perhaps.
    Maybe,
    /// Someone goes on the senator's behalf (`representative`).
    Represented,
    /// Not an invitation after all (a correction of the reading).
    Dismissed,
}

impl State {
    /// Every state.
    pub const ALL: [State; 6] = [
        State::Undecided,
        State::Accepted,
        State::Declined,
        State::Maybe,
        State::Represented,
        State::Dismissed,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Undecided => "undecided",
            State::Accepted => "accepted",
            State::Declined => "declined",
            State::Maybe => "maybe",
            State::Represented => "represented",
            State::Dismissed => "dismissed",
        }
    }

    /// From the stored name.
    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// In French.
    pub fn french(self) -> &'static str {
        match self {
            State::Undecided => "à décider",
            State::Accepted => "accepté",
            State::Declined => "décliné",
            State::Maybe => "peut-être",
            State::Represented => "représenté",
            State::Dismissed => "pas une invitation",
        }
    }

    /// Someone attends (the senator or a representative).
    pub fn attended(self) -> bool {
        matches!(self, State::Accepted | State::Represented)
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ToSql for State {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for State {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        State::parse(s)
            .ok_or_else(|| FromSqlError::Other(format!("unknown event state {s:?}").into()))
    }
}

/// A staff decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The senator goes.
    Accept,
    /// Nobody goes.
    Decline,
    /// Perhaps.
    Maybe,
    /// `name` goes on the senator's behalf.
    Represent(String),
    /// Back to undecided.
    Reopen,
    /// Not an invitation.
    Dismiss,
}

impl Decision {
    /// The state it leads to.
    pub fn state(&self) -> State {
        match self {
            Decision::Accept => State::Accepted,
            Decision::Decline => State::Declined,
            Decision::Maybe => State::Maybe,
            Decision::Represent(_) => State::Represented,
            Decision::Reopen => State::Undecided,
            Decision::Dismiss => State::Dismissed,
        }
    }

    /// From the words of the CLI and the web (`accept`, `decline`, `maybe`, `represent`,
    /// `reopen`, `dismiss`), `name` for `represent`.
    pub fn parse(word: &str, name: Option<&str>) -> Result<Decision, DecisionError> {
        Ok(match word {
            "accept" => Decision::Accept,
            "decline" => Decision::Decline,
            "maybe" => Decision::Maybe,
            "reopen" => Decision::Reopen,
            "dismiss" => Decision::Dismiss,
            "represent" => {
                let name = name.map(str::trim).unwrap_or("");
                if name.is_empty() {
                    return Err(DecisionError::NoRepresentative);
                }
                Decision::Represent(crate::util::truncate_chars(name, 120).into_owned())
            }
            other => return Err(DecisionError::Unknown(other.chars().take(40).collect())),
        })
    }
}

/// Why a decision or a correction was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    /// Not one of the words.
    #[error("unknown decision {0:?}: accept, decline, maybe, represent NAME, reopen or dismiss")]
    Unknown(String),
    /// `represent` without a name.
    #[error("represent needs the name of who goes")]
    NoRepresentative,
    /// No such event.
    #[error("no event #{0}")]
    NoEvent(EventId),
    /// A field that cannot be corrected, or a value it cannot take.
    #[error("{0}")]
    BadCorrection(String),
}

impl DecisionError {
    /// In French, for the web pages.
    pub fn french(&self) -> String {
        match self {
            DecisionError::Unknown(w) => format!("Décision inconnue : {w}."),
            DecisionError::NoRepresentative => {
                "Indiquez le nom de la personne qui représente le parlementaire.".to_string()
            }
            DecisionError::NoEvent(id) => format!("L'événement n° {id} n'existe pas."),
            DecisionError::BadCorrection(why) => why.clone(),
        }
    }
}

/// One event of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Its id.
    pub id: EventId,
    /// The message it was read from.
    pub message: MessageId,
    /// That message's case, when filed in one.
    pub case_id: Option<CaseId>,
    /// Where it was read.
    pub source: String,
    /// Title.
    pub title: String,
    /// First day.
    pub date: NaiveDate,
    /// Last day when over several days.
    pub end_date: Option<NaiveDate>,
    /// Start time (office's zone).
    pub start: Option<NaiveTime>,
    /// End time.
    pub end: Option<NaiveTime>,
    /// Place as written.
    pub place: String,
    /// INSEE code of its commune.
    pub commune_code: Option<String>,
    /// Who invites.
    pub organiser: String,
    /// Reply deadline.
    pub rsvp_by: Option<NaiveDate>,
    /// Whom to answer.
    pub rsvp_contact: Option<String>,
    /// Dress and protocol.
    pub notes: Option<String>,
    /// Weekday and date disagree in the letter.
    pub weekday_mismatch: bool,
    /// Why a reader would hesitate.
    pub ambiguous: Option<String>,
    /// The decision.
    pub state: State,
    /// Who goes on the senator's behalf.
    pub representative: String,
    /// The decision's note.
    pub decision_note: String,
    /// Who decided.
    pub decided_by: String,
    /// Fields staff corrected.
    pub corrected: i64,
}

impl Event {
    /// The start as a Unix time (midnight for an event without a time).
    pub fn starts_at(&self) -> i64 {
        let t = self.start.unwrap_or(NaiveTime::MIN);
        local_ts(self.date, t)
    }

    /// The end as a Unix time: the stated end, else two hours after a stated start, else the
    /// end of the last day.
    pub fn ends_at(&self) -> i64 {
        match (self.start, self.end) {
            (Some(_), Some(e)) => local_ts(self.end_date.unwrap_or(self.date), e),
            (Some(_), None) => self.starts_at() + 2 * 3600,
            _ => {
                let last = self.end_date.unwrap_or(self.date);
                local_ts(last.succ_opt().unwrap_or(last), NaiveTime::MIN)
            }
        }
    }

    /// Without a time: the whole day (or days).
    pub fn all_day(&self) -> bool {
        self.start.is_none()
    }
}

fn local_ts(date: NaiveDate, time: NaiveTime) -> i64 {
    use chrono::TimeZone as _;
    crate::util::zone()
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .map_or(0, |d| d.timestamp())
}

const COLUMNS: &str = "e.id, e.message, mc.case_id, e.source, e.title, e.start_date, e.end_date, e.start_time, e.end_time,
     e.place, e.commune_code, e.organiser, e.rsvp_by, e.rsvp_contact, e.notes, e.weekday_mismatch,
     e.ambiguous, e.state, e.representative, e.decision_note, e.decided_by, e.corrected";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
    };
    let time = |i: usize| -> rusqlite::Result<Option<NaiveTime>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|s| NaiveTime::parse_from_str(&s, "%H:%M").ok()))
    };
    Ok(Event {
        id: r.get(0)?,
        message: r.get(1)?,
        case_id: r.get(2)?,
        source: r.get(3)?,
        title: r.get(4)?,
        date: date(5)?.unwrap_or_default(),
        end_date: date(6)?,
        start: time(7)?,
        end: time(8)?,
        place: r.get(9)?,
        commune_code: r.get(10)?,
        organiser: r.get(11)?,
        rsvp_by: date(12)?,
        rsvp_contact: r.get(13)?,
        notes: r.get(14)?,
        weekday_mismatch: r.get(15)?,
        ambiguous: r.get(16)?,
        state: r.get(17)?,
        representative: r.get(18)?,
        decision_note: r.get(19)?,
        decided_by: r.get(20)?,
        corrected: r.get(21)?,
    })
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Keeps what reading message `message` found. Events staff touched (decided, corrected,
/// dismissed) stay as they are, and so do the others of that message; otherwise the events
/// read before are replaced. Returns how many events the message has now.
pub fn record(
    tx: &Transaction<'_>,
    message: MessageId,
    reading: &Reading,
    now: i64,
) -> Result<usize> {
    let touched: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events WHERE message = ?1 AND (state != 'undecided' OR corrected > 0 OR source = 'staff'))",
        )?
        .query_row([message], |r| r.get(0))?;
    if touched {
        return Ok(tx
            .prepare_cached("SELECT count(*) FROM events WHERE message = ?1")?
            .query_row([message], |r| r.get::<_, i64>(0))? as usize);
    }
    tx.prepare_cached("DELETE FROM events WHERE message = ?1")?
        .execute([message])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO events (message, position, source, title, start_date, end_date, start_time, end_time, place,
             commune_code, organiser, rsvp_by, rsvp_contact, notes, weekday_mismatch, ambiguous, read_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for (n, e) in reading.events.iter().enumerate() {
        insert.execute(params![
            message,
            n as i64,
            e.source.as_str(),
            e.title,
            day(e.date),
            e.end_date.map(day),
            e.start.map(hm),
            e.end.map(hm),
            e.place,
            e.commune_code,
            e.organiser,
            e.rsvp_by.map(day),
            e.rsvp_contact,
            e.notes,
            e.weekday_mismatch,
            e.ambiguous,
            now,
        ])?;
    }
    Ok(reading.events.len())
}

/// Which events [`list`] gives.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// From this day (inclusive).
    pub from: Option<NaiveDate>,
    /// To this day (inclusive).
    pub to: Option<NaiveDate>,
    /// Only these states (all but dismissed when empty).
    pub states: Vec<State>,
    /// Only the events of this message.
    pub message: Option<MessageId>,
}

/// Events in date order (undecided ones are not put first here: pages order as they need).
pub fn list(conn: &Connection, q: &Query) -> Result<Vec<Event>> {
    let states: Vec<&str> = if q.states.is_empty() {
        State::ALL
            .iter()
            .filter(|s| **s != State::Dismissed)
            .map(|s| s.as_str())
            .collect()
    } else {
        q.states.iter().map(|s| s.as_str()).collect()
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM events e LEFT JOIN message_cases mc ON mc.message = e.message
         WHERE e.state IN (SELECT value FROM json_each(?1))
           AND (?2 IS NULL OR coalesce(e.end_date, e.start_date) >= ?2)
           AND (?3 IS NULL OR e.start_date <= ?3)
           AND (?4 IS NULL OR e.message = ?4)
         ORDER BY e.start_date, e.start_time IS NOT NULL, e.start_time, e.id"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_map(
            params![
                serde_json::to_string(&states)?,
                q.from.map(day),
                q.to.map(day),
                q.message
            ],
            row,
        )?
        .collect::<rusqlite::Result<_>>()?)
}

/// Event `id`.
pub fn get(conn: &Connection, id: EventId) -> Result<Option<Event>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM events e LEFT JOIN message_cases mc ON mc.message = e.message WHERE e.id = ?1"
        ))?
        .query_row([id], row)
        .optional()?)
}

/// Pairs of `events` that overlap in time (both still possibly attended: not declined nor
/// dismissed); each event's id with the ids it overlaps.
pub fn conflicts(events: &[Event]) -> std::collections::HashMap<EventId, Vec<EventId>> {
    let live: Vec<&Event> = events
        .iter()
        .filter(|e| !matches!(e.state, State::Declined | State::Dismissed))
        .collect();
    let mut out: std::collections::HashMap<EventId, Vec<EventId>> = Default::default();
    for (i, a) in live.iter().enumerate() {
        for b in &live[i + 1..] {
            // Two all-day events the same day are not a conflict: a timed event needs a time.
            if a.all_day() && b.all_day() {
                continue;
            }
            if a.starts_at() < b.ends_at() && b.starts_at() < a.ends_at() {
                out.entry(a.id).or_default().push(b.id);
                out.entry(b.id).or_default().push(a.id);
            }
        }
    }
    out
}

/// Records `decision` on event `id` by `who`, with its note, and says so in the history of the
/// event's case.
pub fn decide(
    tx: &Transaction<'_>,
    id: EventId,
    decision: &Decision,
    note: &str,
    who: &str,
    now: i64,
) -> Result<Event> {
    let Some(before) = get(tx, id)? else {
        bail!(DecisionError::NoEvent(id));
    };
    let state = decision.state();
    let representative = match decision {
        Decision::Represent(name) => name.clone(),
        _ => String::new(),
    };
    let note = crate::util::truncate_chars(note.trim(), 2000).into_owned();
    tx.prepare_cached(
        "UPDATE events SET state = ?2, representative = ?3, decision_note = ?4, decided_by = ?5, decided_at = ?6 WHERE id = ?1",
    )?
    .execute(params![id, state, representative, note, who, now])?;
    if let Some(case) = before.case_id {
        let mut after = state.as_str().to_string();
        if !representative.is_empty() {
            after.push_str(&format!(" by {representative}"));
        }
        after.push_str(&format!(" · event #{id} {}", day(before.date)));
        if !note.is_empty() {
            after.push_str(&format!(" · {note}"));
        }
        crate::cases::history(
            tx,
            case.get(),
            who,
            "agenda",
            before.state.as_str(),
            &after,
            now,
        )?;
    }
    tracing::info!(event = %id, state = %state, who, "invitation decided");
    get(tx, id)?.ok_or_else(|| anyhow::anyhow!(DecisionError::NoEvent(id)))
}

/// A field staff may correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Title.
    Title,
    /// First day (YYYY-MM-DD or DD/MM/YYYY).
    Date,
    /// Last day.
    EndDate,
    /// Start (HH:MM, empty for all day).
    Start,
    /// End.
    End,
    /// Place.
    Place,
    /// INSEE code (or a commune's name).
    Commune,
    /// Organiser.
    Organiser,
    /// Reply deadline.
    RsvpBy,
    /// Reply contact.
    RsvpContact,
    /// Notes.
    Notes,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 11] = [
        Field::Title,
        Field::Date,
        Field::EndDate,
        Field::Start,
        Field::End,
        Field::Place,
        Field::Commune,
        Field::Organiser,
        Field::RsvpBy,
        Field::RsvpContact,
        Field::Notes,
    ];

    /// Its name in the CLI, the web forms and the corrections table.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Date => "date",
            Field::EndDate => "end_date",
            Field::Start => "start",
            Field::End => "end",
            Field::Place => "place",
            Field::Commune => "commune",
            Field::Organiser => "organiser",
            Field::RsvpBy => "rsvp_by",
            Field::RsvpContact => "rsvp_contact",
            Field::Notes => "notes",
        }
    }

    /// From its name.
    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// In French.
    pub fn french(self) -> &'static str {
        match self {
            Field::Title => "titre",
            Field::Date => "date",
            Field::EndDate => "dernier jour",
            Field::Start => "heure de début",
            Field::End => "heure de fin",
            Field::Place => "lieu",
            Field::Commune => "commune",
            Field::Organiser => "organisateur",
            Field::RsvpBy => "réponse avant le",
            Field::RsvpContact => "contact pour répondre",
            Field::Notes => "tenue et protocole",
        }
    }

    fn column(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Date => "start_date",
            Field::EndDate => "end_date",
            Field::Start => "start_time",
            Field::End => "end_time",
            Field::Place => "place",
            Field::Commune => "commune_code",
            Field::Organiser => "organiser",
            Field::RsvpBy => "rsvp_by",
            Field::RsvpContact => "rsvp_contact",
            Field::Notes => "notes",
        }
    }
}

/// A date as staff type it: 2026-03-14, 14/03/2026, 14/03/26.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
        .or_else(|| {
            let (d, rest) = s.split_once('/')?;
            let (m, y) = rest.split_once('/')?;
            let y: i32 = y.parse().ok()?;
            NaiveDate::from_ymd_opt(
                if y < 100 { 2000 + y } else { y },
                m.parse().ok()?,
                d.parse().ok()?,
            )
        })
}

/// A time as staff type it: 11:00, 11h, 11h30, 11 h 30.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let t: String = s
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (h, m) = t
        .split_once(['h', ':'])
        .map_or((t.as_str(), ""), |(h, m)| (h, m));
    NaiveTime::from_hms_opt(
        h.parse().ok()?,
        if m.is_empty() { 0 } else { m.parse().ok()? },
        0,
    )
}

/// Corrects `field` of event `id` to `value` (empty clears it where it may be empty), keeping
/// what was read and who changed it.
pub fn correct(
    tx: &Transaction<'_>,
    id: EventId,
    field: Field,
    value: &str,
    who: &str,
    now: i64,
) -> Result<Event> {
    let Some(event) = get(tx, id)? else {
        bail!(DecisionError::NoEvent(id));
    };
    let value = value.trim();
    let bad = |why: &str| anyhow::anyhow!(DecisionError::BadCorrection(why.to_string()));
    let stored: Option<String> = match field {
        Field::Date | Field::EndDate | Field::RsvpBy => {
            if value.is_empty() {
                if field == Field::Date {
                    return Err(bad("La date ne peut pas être vide."));
                }
                None
            } else {
                Some(day(parse_day(value).ok_or_else(|| {
                    bad("Date illisible : écrivez 14/03/2026.")
                })?))
            }
        }
        Field::Start | Field::End => {
            if value.is_empty() {
                None
            } else {
                Some(hm(
                    parse_time(value).ok_or_else(|| bad("Heure illisible : écrivez 11h30."))?
                ))
            }
        }
        Field::Commune => {
            if value.is_empty() {
                None
            } else {
                let g = crate::communes::Gazetteer::bundled()?;
                let code = if g.get(value).is_some() {
                    value.to_string()
                } else {
                    let codes = g.codes_named(&crate::util::fold(value));
                    match codes.as_slice() {
                        [one] => one.clone(),
                        [] => {
                            return Err(bad(
                                "Commune inconnue : donnez son nom ou son code INSEE.",
                            ));
                        }
                        _ => {
                            return Err(bad(
                                "Plusieurs communes portent ce nom : donnez le code INSEE.",
                            ));
                        }
                    }
                };
                Some(code)
            }
        }
        Field::Title | Field::Place | Field::Organiser | Field::RsvpContact | Field::Notes => {
            let v = crate::util::truncate_chars(value, 500).into_owned();
            if field == Field::Title && v.is_empty() {
                return Err(bad("Le titre ne peut pas être vide."));
            }
            Some(v)
        }
    };
    let column = field.column();
    let before: Option<String> = tx.query_row(
        &format!("SELECT CAST({column} AS TEXT) FROM events WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )?;
    if before == stored {
        return Ok(event);
    }
    tx.execute(
        &format!("UPDATE events SET {column} = ?2, corrected = corrected + 1 WHERE id = ?1"),
        params![id, stored],
    )?;
    tx.prepare_cached(
        "INSERT INTO event_corrections (event, field, before, after, who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        field.as_str(),
        before.unwrap_or_default(),
        stored.clone().unwrap_or_default(),
        who,
        now
    ])?;
    if let Some(case) = event.case_id {
        crate::cases::history(
            tx,
            case.get(),
            who,
            "agenda-correct",
            field.as_str(),
            &format!("event #{id}: {}", stored.unwrap_or_default()),
            now,
        )?;
    }
    get(tx, id)?.ok_or_else(|| anyhow::anyhow!(DecisionError::NoEvent(id)))
}

/// How often staff corrected what was read: events read, events corrected, corrections per
/// field, invitations dismissed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Corrections {
    /// Events read from the mail.
    pub events: u64,
    /// Events with at least one corrected field.
    pub corrected_events: u64,
    /// Read as invitations, dismissed by staff.
    pub dismissed: u64,
    /// Corrections per field.
    pub by_field: std::collections::BTreeMap<String, u64>,
}

/// The corrections counted (see [`Corrections`]).
pub fn corrections(conn: &Connection) -> Result<Corrections> {
    let (events, corrected_events, dismissed): (i64, i64, i64) = conn.query_row(
        "SELECT count(*), count(*) FILTER (WHERE corrected > 0), count(*) FILTER (WHERE state = 'dismissed')
         FROM events WHERE source != 'staff'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let by_field = conn
        .prepare("SELECT field, count(*) FROM event_corrections GROUP BY field ORDER BY field")?
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Corrections {
        events: events as u64,
        corrected_events: corrected_events as u64,
        dismissed: dismissed as u64,
        by_field,
    })
}

/// Undecided invitations whose reply deadline falls within `days` days of `today` (or has
/// passed while the event is still to come), soonest deadline first.
pub fn rsvp_due(conn: &Connection, today: NaiveDate, days: u32) -> Result<Vec<Event>> {
    let until = today
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(today);
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM events e LEFT JOIN message_cases mc ON mc.message = e.message
             WHERE e.state = 'undecided' AND e.rsvp_by IS NOT NULL AND e.rsvp_by <= ?1
               AND e.start_date >= ?2
             ORDER BY e.rsvp_by, e.start_date, e.id"
        ))?
        .query_map(params![day(until), day(today)], row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Whether message `message` was read as an invitation (an event not dismissed).
pub fn is_invitation(conn: &Connection, message: MessageId) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events WHERE message = ?1 AND state != 'dismissed')",
        )?
        .query_row([message], |r| r.get(0))?)
}

/// The letter of a stored message, as [`read::read`] needs it.
pub struct Inputs {
    /// Its parsed form.
    pub parsed: crate::parse::ParsedMail,
    /// Its iCalendar parts.
    pub calendars: Vec<Vec<u8>>,
    /// (file name, text) of its attachments read.
    pub attachments: Vec<(String, String)>,
    /// The sender's commune, when known.
    pub sender_commune: Option<String>,
}

/// The day `parsed` was written, in the office's zone (`fallback`: when it has no date).
pub fn written(parsed: &crate::parse::ParsedMail, fallback: i64) -> NaiveDate {
    let ts = parsed
        .date
        .map(|(ts, _)| ts)
        .or(parsed.received_date)
        .unwrap_or(fallback);
    crate::util::in_zone(ts).map_or_else(crate::util::zone_today, |d| d.date_naive())
}

/// Reads `inputs` (see [`read::read`]).
pub fn read_inputs(inputs: &Inputs, territory: &[String], now: i64) -> Result<Reading> {
    let p = &inputs.parsed;
    let undisclosed = p.to.is_empty() && p.cc.is_empty()
        || p.to.iter().any(|m| {
            m.address.contains("undisclosed") || m.name.to_ascii_lowercase().contains("undisclosed")
        });
    let sender = p.from.clone().unwrap_or_default();
    let letter = Letter {
        subject: &p.subject,
        body: &p.body,
        quoted: &p.quoted,
        forwarded: &p.forwarded,
        attachments: &inputs.attachments,
        calendars: &inputs.calendars,
        written: written(p, now),
        bulk: p.bulk || p.kind == crate::parse::Kind::Bulk,
        undisclosed,
        automatic: matches!(
            p.kind,
            crate::parse::Kind::AutoReply | crate::parse::Kind::Bounce | crate::parse::Kind::Spam
        ),
        sender_name: &sender.name,
        sender_address: &sender.address,
        sender_commune: inputs.sender_commune.clone(),
        territory,
    };
    let gazetteer = crate::communes::Gazetteer::bundled()?;
    // Hostile text must not take the batch down with it: a reader bug loses one reading
    // (logged), never the message.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read::read(&letter, gazetteer)
    })) {
        Ok(reading) => Ok(reading),
        Err(_) => {
            tracing::error!(message_id = ?p.message_id, "the invitation reader failed on this message: no event read");
            Ok(Reading::default())
        }
    }
}

/// The sender's commune: a town hall's address, else the matched official's commune, else the
/// last commune the tagging found in the letter's own text (a signature's).
pub fn sender_commune(
    parsed: &crate::parse::ParsedMail,
    official_commune: Option<String>,
    tagged: &[crate::communes::Detected],
    territory: &[String],
) -> Option<String> {
    let g = crate::communes::Gazetteer::bundled().ok()?;
    parsed
        .from
        .as_ref()
        .and_then(|f| g.commune_of_address(&f.address, territory))
        .map(|d| d.code)
        .or(official_commune)
        .or_else(|| tagged.last().map(|d| d.code.clone()))
}

/// Reads stored message `message` again, with its attachments' text: what `agenda reread`
/// and the attachment follow-up do. Returns the reading (not recorded).
pub fn read_stored(
    conn: &Connection,
    raw: &crate::rawstore::RawStore,
    options: &crate::parse::ParseOptions,
    message: MessageId,
    territory: &[String],
) -> Result<Option<Reading>> {
    let blob: Option<String> = conn
        .prepare_cached("SELECT blob FROM messages WHERE id = ?1")?
        .query_row([message], |r| r.get(0))
        .optional()?;
    let Some(blob) = blob else { return Ok(None) };
    let bytes = raw.read(&blob)?;
    let Ok(parsed) = crate::parse::parse(&bytes, options) else {
        return Ok(None);
    };
    let calendars = crate::parse::calendar_parts(&bytes, options);
    drop(bytes);
    let attachments: Vec<(String, String)> = crate::extract::of_message(conn, message)?
        .into_iter()
        .filter(|a| a.state == crate::extract::State::Ok)
        .map(|a| (String::new(), a.text))
        .collect();
    let (official, _) = crate::officials::rule_facts(conn, message.get())?;
    let tagged = stored_communes(conn, message)?;
    let inputs = Inputs {
        sender_commune: sender_commune(&parsed, official, &tagged, territory),
        parsed,
        calendars,
        attachments,
    };
    read_inputs(&inputs, territory, crate::store::now()).map(Some)
}

/// The communes tagged on a message, as detected.
fn stored_communes(
    conn: &Connection,
    message: MessageId,
) -> Result<Vec<crate::communes::Detected>> {
    let g = crate::communes::Gazetteer::bundled()?;
    let codes: Vec<String> = conn
        .prepare_cached("SELECT code FROM message_communes WHERE message = ?1 ORDER BY position")?
        .query_map([message], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(codes
        .into_iter()
        .filter_map(|code| {
            let c = g.get(&code)?;
            Some(crate::communes::Detected {
                code: c.code.clone(),
                name: c.name.clone(),
                context: "stored".into(),
                matched: String::new(),
                position: 0,
            })
        })
        .collect())
}

/// The agenda's follow-up of a message whose attachments' text arrives (`extract`): the
/// letter read again with its invitation card. None when `[agenda] enabled = false`.
pub fn text_hook(config: &crate::config::Config) -> Option<crate::extract::TextHook> {
    if !config.agenda.enabled {
        return None;
    }
    let territory = config.office.departements.clone();
    Some(Box::new(
        move |tx, message, parsed, texts, calendars, now| {
            let id = MessageId(message);
            if crate::store::messages::is_outgoing(tx, message)? {
                return Ok(());
            }
            let (official, _) = crate::officials::rule_facts(tx, message)?;
            let tagged = stored_communes(tx, id)?;
            let inputs = Inputs {
                sender_commune: sender_commune(parsed, official, &tagged, &territory),
                parsed: parsed.clone(),
                calendars: calendars.to_vec(),
                attachments: texts.to_vec(),
            };
            let reading = read_inputs(&inputs, &territory, now)?;
            record(tx, id, &reading, now)?;
            Ok(())
        },
    ))
}

/// What `agenda reread` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reread {
    /// Messages read.
    pub messages: u64,
    /// Messages read as invitations.
    pub invitations: u64,
    /// Events they hold now.
    pub events: u64,
}

/// Reads every stored personal message received since `since` (all when None) again.
pub fn reread(ctx: &mut crate::context::Context, since: Option<i64>) -> Result<Reread> {
    let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
    let territory = ctx.config.office.departements.clone();
    let ids: Vec<MessageId> = ctx
        .store
        .conn()
        .prepare(
            "SELECT id FROM messages WHERE outgoing = 0 AND (?1 IS NULL OR date >= ?1) ORDER BY id",
        )?
        .query_map([since], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut done = Reread::default();
    for chunk in ids.chunks(200) {
        let mut readings = Vec::new();
        for &id in chunk {
            if let Some(r) = read_stored(ctx.store.conn(), &ctx.raw, &options, id, &territory)? {
                readings.push((id, r));
            }
        }
        let now = crate::store::now();
        let counted = ctx.store.transaction(|tx| {
            let mut n = (0u64, 0u64);
            for (id, r) in &readings {
                let events = record(tx, *id, r, now)?;
                if events > 0 {
                    n.0 += 1;
                    n.1 += events as u64;
                }
            }
            Ok(n)
        })?;
        done.messages += readings.len() as u64;
        done.invitations += counted.0;
        done.events += counted.1;
    }
    Ok(done)
}
