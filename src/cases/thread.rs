//! Filing a new message into a case, inside its batch's transaction. Only personal mail takes
//! part; the decisions are tried in this order and the first that holds wins:
//!
//! 1. thread headers: `In-Reply-To`/`References` name a message already in a case (or a message
//!    already in a case names this one: replies can arrive before what they answer);
//! 2. the quoted header block ("De : … Envoyé : … Objet : …", "Le … a écrit :") names the sender
//!    and subject of a message of a case that is not closed;
//! 3. same correspondent (official or address) and same normalised subject, case active within
//!    the window: the correspondent's own thread comes before any campaign;
//! 4. campaign: near-identical substantive text from other senders in the last weeks (see
//!    `campaign.rs`), never for a reply (thread headers, a reply prefix, a quoted header block);
//!    a message joins an existing campaign only when it matches the campaign's seed, so that a
//!    chain of resemblances cannot grow one; a sender staff took out of a campaign never rejoins it;
//! 5. otherwise a new `proposed` case (or, for mail the office wrote first, a case `waiting`
//!    for answers; if the message it answers comes later, that message's case adopts it).
//!
//! Each decision is stored with its reason (`explain` shows it). The case follows: parties,
//! communes, themes, priority and assignee from the rules, state (`answered` when the office
//! writes, back to `open` when the correspondent writes again). Mail older than the go-live
//! date (`go_live.rs`) moves no state: its case, when it holds nothing else, is closed as
//! history instead.

use std::collections::BTreeSet;

use anyhow::{Context as _, Result};
use rusqlite::{OptionalExtension as _, Transaction, params};

use super::go_live::{self, GoLive};
use super::{Method, PIPELINE, campaign, history, subject};
use crate::parse::{Kind, ParsedMail};

/// What filing needs from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `[office] addresses`, lower case.
    pub office_addresses: Vec<String>,
    /// `[cases] subject_window_days`, in seconds.
    pub subject_window: i64,
    /// `[cases] campaign_window_days`, in seconds.
    pub campaign_window: i64,
    /// `[cases] campaign_min_senders`.
    pub campaign_min_senders: usize,
    /// `[cases] campaign_similarity`.
    pub campaign_similarity: f64,
    /// The go-live date (`settings`, not the configuration): mail older than it is history.
    pub go_live: Option<GoLive>,
}

impl Settings {
    /// From the data directory's configuration.
    pub fn from_config(config: &crate::config::Config) -> Settings {
        const DAY: i64 = 86_400;
        Settings {
            office_addresses: config
                .office
                .addresses
                .iter()
                .map(|a| a.trim().to_lowercase())
                .collect(),
            subject_window: i64::from(config.cases.subject_window_days) * DAY,
            campaign_window: i64::from(config.cases.campaign_window_days) * DAY,
            campaign_min_senders: config.cases.campaign_min_senders.max(2) as usize,
            campaign_similarity: config.cases.campaign_similarity,
            go_live: None,
        }
    }

    /// From the configuration and the go-live date stored in `conn` (read in the batch's own
    /// transaction, so that a date changed while the daemon runs applies from its next batch).
    pub fn load(conn: &rusqlite::Connection, config: &crate::config::Config) -> Result<Settings> {
        Ok(Settings {
            go_live: go_live::get(conn)?,
            ..Settings::from_config(config)
        })
    }

    /// True when mail dated `date` is history (older than the go-live date, if one is set).
    fn is_history(&self, date: i64) -> bool {
        self.go_live.is_some_and(|g| g.is_history(date))
    }

    /// True when `address` is one of the office's own.
    pub fn is_office(&self, address: &str) -> bool {
        self.office_addresses.iter().any(|a| a == address)
    }
}

/// The decision taken for one message.
#[derive(Debug, Clone, PartialEq)]
pub struct Filed {
    /// The case.
    pub case_id: i64,
    /// How.
    pub method: Method,
    /// Why, for `explain`.
    pub reason: String,
}

/// A case `c` that mail may still join by a quoted header block or as a follow-up: not closed,
/// or closed as history by the pipeline alone (`go_live.rs`) — old mail threads as it would
/// without a go-live date, and a reply to an old thread after go-live brings it back to work.
/// (`permanence` is `users::PIPELINE`, `history` is `go_live::HISTORY_ACTION`: tested below.)
const NOT_CLOSED: &str = "(c.state != 'closed'
    OR (EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id AND h.action = 'history')
        AND NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id
                        AND h.who != 'permanence' AND h.action != 'history')))";

/// How many campaign candidates (those sharing most bands with the message) are compared.
const CAMPAIGN_CANDIDATES: usize = 100;

/// Case `c` holds exactly one message (reads at most two rows, however large the case).
const ONE_MESSAGE: &str =
    "(SELECT count(*) FROM (SELECT 1 FROM message_cases WHERE case_id = c.id LIMIT 2)) = 1";

/// True when case `case_id` is closed as history by the pipeline alone (see [`NOT_CLOSED`]).
fn history_closed(tx: &Transaction<'_>, case_id: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT c.state = 'closed' AND {NOT_CLOSED} FROM cases c WHERE c.id = ?1"
        ))?
        .query_row([case_id], |r| r.get::<_, bool>(0))
        .optional()?
        .unwrap_or(false))
}

/// The stored facts about the message being filed.
struct Msg {
    id: i64,
    date: i64,
    ingested_at: i64,
    kind: Kind,
    outgoing: bool,
    from: String,
    /// Who the message is really from: the sender, or for a website form relayed from a
    /// no-reply address, its Reply-To (the citizen).
    correspondent: String,
    message_id: String,
    subject: String,
    official: Option<i64>,
}

/// Files message `id` (already inserted in `tx`, with its official and tags) into a case.
/// Returns `None` for mail that takes no part in cases (automatic mail). Bounces of the office's mail are noted in that mail's case.
pub fn file_message(
    tx: &Transaction<'_>,
    id: i64,
    parsed: &ParsedMail,
    facts: &campaign::TextFacts,
    settings: &Settings,
) -> Result<Option<Filed>> {
    let signature = facts.signature.as_deref();
    let msg = load(tx, id)?;
    if msg.kind == Kind::Bounce {
        note_bounce(tx, &msg, parsed)?;
        return Ok(None);
    }
    if msg.kind != Kind::Personal {
        return Ok(None);
    }
    let outgoing = msg.outgoing || settings.is_office(&msg.from);
    if outgoing && !msg.outgoing {
        tx.execute("UPDATE messages SET outgoing = 1 WHERE id = ?1", [id])?;
    }
    let parties = parties(tx, &msg, outgoing, settings)?;
    let refs = record_refs(tx, id, parsed)?;
    let norm = subject::normalise(&msg.subject);
    // In order, and lazily: the campaign step may open a case.
    let mut decision = by_references(tx, &msg, &refs, parsed.in_reply_to.as_deref())?;
    if decision.is_none() {
        decision = by_quoted_header(tx, &msg, parsed, settings)?;
    }
    // The correspondent's own thread before any campaign: same correspondent, same subject;
    // then a follow-up with no matter of its own (« Petite relance », « Documents ») joins
    // the correspondent's one active case.
    if decision.is_none() {
        decision = by_subject(tx, &msg, &norm, &parties, settings)?;
    }
    if decision.is_none() && !outgoing {
        decision = by_follow_up(tx, &msg, parsed, facts.body_words, &parties, settings)?;
    }
    // A first message (no thread found): a campaign copy, or one later copies will meet. A
    // reply or a follow-up of a thread (thread headers, a reply prefix, a quoted header block)
    // belongs to that thread even when the thread is not known here: it never starts or joins
    // a campaign.
    if decision.is_none()
        && !outgoing
        && !is_reply(&msg, parsed, settings)
        && let Some(sig) = signature
    {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO message_minhash (message, date, sig) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, msg.date, campaign::to_blob(sig)])?;
        let mut band = tx.prepare_cached(
            "INSERT OR IGNORE INTO message_bands_dated (band, date, message, sender) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let sender = campaign::sender_key(&msg.from);
        for b in campaign::bands(sig) {
            band.execute(params![b, msg.date, id, sender])?;
        }
        decision = by_campaign(tx, &msg, sig, settings)?;
    }
    let filed = match decision {
        Some(filed) => filed,
        None => {
            let case_id = open_case(tx, &msg, &norm, "request")?;
            if outgoing {
                // The office wrote first (an invitation, a letter): the case waits for answers.
                tx.execute(
                    "UPDATE cases SET state = 'waiting', correspondent = ?2 WHERE id = ?1",
                    params![case_id, parties.first().cloned().unwrap_or_default()],
                )?;
                history(
                    tx,
                    case_id,
                    PIPELINE,
                    "state",
                    "proposed",
                    "waiting",
                    msg.ingested_at,
                )?;
            }
            Filed {
                case_id,
                method: Method::New,
                reason: if outgoing {
                    "the office's own mail, answering nothing known: new case waiting for answers"
                        .into()
                } else {
                    "no earlier message of this request: new case".into()
                },
            }
        }
    };
    attach(tx, &msg, outgoing, &parties, &filed, settings)?;
    adopt_orphans(tx, &msg, filed.case_id, settings)?;
    Ok(Some(filed))
}

/// The people on the other side: the sender, or whom the office wrote to.
fn parties(
    tx: &Transaction<'_>,
    msg: &Msg,
    outgoing: bool,
    settings: &Settings,
) -> Result<Vec<String>> {
    if !outgoing {
        return Ok(if msg.correspondent.is_empty() {
            Vec::new()
        } else {
            vec![msg.correspondent.clone()]
        });
    }
    let recipients: Vec<String> = tx
        .prepare_cached(
            "SELECT address FROM recipients WHERE message = ?1 AND role IN ('to', 'cc', 'bcc') ORDER BY role DESC, position",
        )?
        .query_map([msg.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(recipients
        .into_iter()
        .filter(|a| !a.is_empty() && !settings.is_office(a))
        .collect())
}

/// Office mail stored before the message it answers opened a case of its own for want of it:
/// it joins the answered message's case now, and its own case is merged away.
fn adopt_orphans(
    tx: &Transaction<'_>,
    parent: &Msg,
    case_id: i64,
    settings: &Settings,
) -> Result<()> {
    let children: Vec<(i64, Option<i64>)> = tx
        .prepare_cached(
            "SELECT r.message, mc.case_id FROM message_refs r JOIN messages m ON m.id = r.message
             LEFT JOIN message_cases mc ON mc.message = r.message
             WHERE r.ref = ?1 AND m.kind = 'personal' AND r.message != ?2
             ORDER BY m.date, m.id",
        )?
        .query_map(params![&parent.message_id, parent.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, old_case) in children {
        match old_case {
            Some(old) if old != case_id && office_singleton(tx, old)? => {
                super::close_merged(
                    tx,
                    old,
                    case_id,
                    PIPELINE,
                    "",
                    &format!("into case #{case_id}, the request it answers"),
                    parent.ingested_at,
                )?;
            }
            Some(_) => continue,
            None => {}
        }
        let orphan = load(tx, id)?;
        let outgoing = orphan.outgoing || settings.is_office(&orphan.from);
        let parties = parties(tx, &orphan, outgoing, settings)?;
        let filed = Filed {
            case_id,
            method: Method::References,
            reason: format!(
                "answers message #{} <{}>, in case #{case_id} (stored before it)",
                parent.id, parent.message_id
            ),
        };
        attach(tx, &orphan, outgoing, &parties, &filed, settings)?;
    }
    Ok(())
}

fn load(tx: &Transaction<'_>, id: i64) -> Result<Msg> {
    let mut msg = load_row(tx, id)?;
    let local = msg
        .from
        .split('@')
        .next()
        .unwrap_or("")
        .replace(['-', '_', '.'], "");
    if ["noreply", "nepasrepondre", "donotreply", "nereponsepas"]
        .iter()
        .any(|n| local.starts_with(n))
    {
        let reply_to: Option<String> = tx
            .prepare_cached(
                "SELECT address FROM recipients WHERE message = ?1 AND role = 'reply_to' AND address != '' ORDER BY position LIMIT 1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if let Some(address) = reply_to {
            msg.correspondent = address;
        }
    }
    Ok(msg)
}

fn load_row(tx: &Transaction<'_>, id: i64) -> Result<Msg> {
    tx.prepare_cached(
        "SELECT m.date, m.ingested_at, m.kind, m.outgoing, m.from_addr, m.message_id, m.subject, o.official
         FROM messages m LEFT JOIN message_officials o ON o.message = m.id WHERE m.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Msg {
            id,
            date: r.get(0)?,
            ingested_at: r.get(1)?,
            kind: r.get(2)?,
            outgoing: r.get(3)?,
            from: r.get(4)?,
            correspondent: r.get(4)?,
            message_id: r.get(5)?,
            subject: r.get(6)?,
            official: r.get(7)?,
        })
    })
    .with_context(|| format!("message {id} not found for filing"))
}

/// Stores the message's references (In-Reply-To first, then References newest first) and
/// returns them in that order.
fn record_refs(tx: &Transaction<'_>, id: i64, parsed: &ParsedMail) -> Result<Vec<String>> {
    let mut refs: Vec<String> = Vec::new();
    for r in parsed
        .in_reply_to
        .iter()
        .chain(parsed.references.iter().rev())
    {
        if !r.is_empty() && !refs.contains(r) {
            refs.push(r.clone());
        }
    }
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO message_refs (ref, message) VALUES (?1, ?2)")?;
    for r in &refs {
        insert.execute(params![r, id])?;
    }
    Ok(refs)
}

/// The case of a message with this Message-ID, if one is filed.
fn case_of_message_id(tx: &Transaction<'_>, message_id: &str) -> Result<Option<(i64, i64)>> {
    Ok(tx
        .prepare_cached(
            "SELECT mc.case_id, m.id FROM messages m JOIN message_cases mc ON mc.message = m.id
             WHERE m.message_id = ?1 ORDER BY m.id LIMIT 1",
        )?
        .query_row([message_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn by_references(
    tx: &Transaction<'_>,
    msg: &Msg,
    refs: &[String],
    in_reply_to: Option<&str>,
) -> Result<Option<Filed>> {
    for r in refs {
        if let Some((case_id, other)) = case_of_message_id(tx, r)? {
            let header = if in_reply_to == Some(r.as_str()) {
                "In-Reply-To"
            } else {
                "References"
            };
            return Ok(Some(Filed {
                case_id,
                method: Method::References,
                reason: format!("{header} names message #{other} <{r}>, in case #{case_id}"),
            }));
        }
    }
    // A reply filed before the message it answers (not office mail that opened a case of its
    // own for want of this one: that case is adopted instead, see `adopt_orphans`).
    let children: Vec<(i64, i64)> = tx
        .prepare_cached(
            "SELECT mc.case_id, r.message FROM message_refs r JOIN message_cases mc ON mc.message = r.message
             WHERE r.ref = ?1 AND r.message != ?2 ORDER BY r.message",
        )?
        .query_map(params![msg.message_id, msg.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (case_id, other) in children {
        if !office_singleton(tx, case_id)? {
            return Ok(Some(Filed {
                case_id,
                method: Method::References,
                reason: format!("message #{other}, in case #{case_id}, answers this one"),
            }));
        }
    }
    Ok(None)
}

/// A case the pipeline opened for one message of the office's own, untouched since.
fn office_singleton(tx: &Transaction<'_>, case_id: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT c.kind = 'request' AND c.merged_into IS NULL
                AND {ONE_MESSAGE}
                AND (SELECT m.outgoing FROM message_cases mc JOIN messages m ON m.id = mc.message WHERE mc.case_id = c.id) = 1
                AND NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id AND {})
             FROM cases c WHERE c.id = ?1",
            go_live::STAFF_ENTRY
        ))?
        .query_row([case_id], |r| r.get::<_, bool>(0))
        .optional()?
        .unwrap_or(false))
}

fn by_quoted_header(
    tx: &Transaction<'_>,
    msg: &Msg,
    parsed: &ParsedMail,
    settings: &Settings,
) -> Result<Option<Filed>> {
    let Some(q) = &parsed.quoted_header else {
        return Ok(None);
    };
    if q.address.is_empty() && q.name.trim().is_empty() {
        return Ok(None);
    }
    // An attribution line has no subject: the reply's own subject stands for it.
    let quoted_subject = if q.subject.is_empty() {
        &msg.subject
    } else {
        &q.subject
    };
    let norm = subject::normalise(quoted_subject);
    if norm.is_empty() {
        return Ok(None);
    }
    let name = crate::util::fold(&q.name);
    // Candidates through an index, newest first, 200 each (bounded however common the sender or
    // the subject): the quoted sender's messages (index: address, date), the cases with that
    // subject (index: subject, last activity).
    let mut candidates: Vec<(i64, String, String, String, i64, i64)> = Vec::new();
    for (sql, key) in [
        format!(
            "SELECT m.id, m.from_addr, m.from_name, m.subject, mc.case_id, m.date FROM messages m
             JOIN message_cases mc ON mc.message = m.id JOIN cases c ON c.id = mc.case_id
             WHERE m.from_addr = ?3 AND ?3 != '' AND {NOT_CLOSED} AND c.merged_into IS NULL
               AND m.date <= ?1 AND m.id != ?2
             ORDER BY m.date DESC LIMIT 200"
        ),
        format!(
            "SELECT m.id, m.from_addr, m.from_name, m.subject, mc.case_id, m.date
             FROM cases c INDEXED BY cases_subject_window
             JOIN message_cases mc ON mc.case_id = c.id JOIN messages m ON m.id = mc.message
             WHERE c.norm_subject = ?3 AND {NOT_CLOSED} AND c.merged_into IS NULL
               AND m.date <= ?1 AND m.id != ?2
             ORDER BY c.last_at DESC LIMIT 200"
        ),
    ]
    .iter()
    .zip([q.address.as_str(), norm.as_str()])
    {
        let mut stmt = tx.prepare_cached(sql)?;
        let rows = stmt.query_map(params![msg.date, msg.id, key], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        for row in rows {
            candidates.push(row?);
        }
    }
    candidates.sort_by_key(|c| std::cmp::Reverse((c.5, c.0)));
    let matching: Vec<(i64, String, i64)> = candidates
        .into_iter()
        .filter(|(_, addr, from_name, subj, _, _)| {
            let same_sender = if q.address.is_empty() {
                !name.is_empty() && crate::util::fold(from_name) == name
            } else {
                *addr == q.address
            };
            same_sender && subject::normalise(subj) == norm
        })
        .map(|(other, _, _, subj, case_id, _)| (other, subj, case_id))
        .collect();
    // The office writes the same letter to many correspondents, each in their own case, and
    // not every answer of the office is stored: a quote of the office's mail (or of a name
    // only) leads to a case the writer already takes part in; or, when it fits one case only,
    // to a case the office opened itself (an invitation sent to many, whose answers gather
    // there) — never into another correspondent's request.
    let shared_sender = q.address.is_empty() || settings.is_office(&q.address);
    let cases: BTreeSet<i64> = matching.iter().map(|m| m.2).collect();
    let mut chosen = matching.first().cloned();
    let office_opened = |case_id: i64| -> Result<bool> {
        Ok(tx
            .prepare_cached(
                "SELECT m.outgoing FROM message_cases mc JOIN messages m ON m.id = mc.message
                 WHERE mc.case_id = ?1 ORDER BY m.date, m.id LIMIT 1",
            )?
            .query_row([case_id], |r| r.get::<_, bool>(0))
            .optional()?
            .unwrap_or(false))
    };
    let single_office_case = cases.len() == 1
        && match chosen.as_ref() {
            Some(m) => office_opened(m.2)?,
            None => false,
        };
    // The quote names whom the quoted mail went to (« À : … »): the stored message it quotes
    // went there too — a colleague answering from another address of the same correspondent.
    let quoted_recipient = |message: i64| -> Result<bool> {
        if q.to.is_empty() {
            return Ok(false);
        }
        Ok(tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM recipients WHERE message = ?1 AND address IN (SELECT value FROM json_each(?2)))",
            )?
            .query_row(params![message, serde_json::to_string(&q.to)?], |r| r.get(0))?)
    };
    let addressed = match chosen.as_ref() {
        Some(m) if cases.len() == 1 => quoted_recipient(m.0)?,
        _ => false,
    };
    if shared_sender && !single_office_case && !addressed {
        chosen = None;
        let mut party = tx.prepare_cached(
            "SELECT 1 FROM case_parties WHERE case_id = ?1 AND address = ?2
             UNION SELECT 1 FROM cases WHERE id = ?1 AND official IS NOT NULL AND official IS ?3",
        )?;
        for m in &matching {
            if party.exists(params![m.2, msg.correspondent, msg.official])? {
                chosen = Some(m.clone());
                break;
            }
        }
    }
    let Some((other, subj, case_id)) = chosen else {
        return Ok(None);
    };
    let who = if q.address.is_empty() {
        &q.name
    } else {
        &q.address
    };
    Ok(Some(Filed {
        case_id,
        method: Method::QuotedHeader,
        reason: format!(
            "quotes message #{other} (from {who}, subject \u{ab} {subj} \u{bb}) of case #{case_id}"
        ),
    }))
}

/// A message whose attachments' text arrived after it was filed (issue 19): a motion sent as a
/// PDF by many councils, each with a cover note of its own, is a campaign whose text is in the
/// attachment. When the message still sits alone in the request case the pipeline opened for
/// it (untouched by staff), is not a reply, and its own words are a cover note (too few
/// substantive words to have a signature of their own), its signature is made again from its
/// own words and the attachments' text and the campaign lookup runs again. When that finds or
/// forms a campaign, the message moves there and its old case is closed as merged into it.
pub fn refile_with_attachments(
    tx: &Transaction<'_>,
    id: i64,
    parsed: &ParsedMail,
    attachment_text: &str,
    settings: &Settings,
) -> Result<Option<Filed>> {
    let msg = load(tx, id)?;
    if msg.kind != Kind::Personal || msg.outgoing || is_reply(&msg, parsed, settings) {
        return Ok(None);
    }
    let current: Option<(i64, String)> = tx
        .prepare_cached(
            "SELECT mc.case_id, c.kind FROM message_cases mc JOIN cases c ON c.id = mc.case_id
             WHERE mc.message = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((old, kind)) = current else {
        return Ok(None);
    };
    if kind != "request" || !untouched_single(tx, old)? {
        return Ok(None);
    }
    if campaign::facts(parsed).signature.is_some() {
        // Its own words are substantive: they were compared when it was filed.
        return Ok(None);
    }
    let Some(sig) = campaign::signature(&format!("{}\n{attachment_text}", parsed.body)) else {
        return Ok(None);
    };
    tx.prepare_cached(
        "INSERT OR REPLACE INTO message_minhash (message, date, sig) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id, msg.date, campaign::to_blob(&sig)])?;
    tx.prepare_cached("DELETE FROM message_bands_dated WHERE message = ?1")?
        .execute([id])?;
    let mut band = tx.prepare_cached(
        "INSERT OR IGNORE INTO message_bands_dated (band, date, message, sender) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let sender = campaign::sender_key(&msg.from);
    for b in campaign::bands(&sig) {
        band.execute(params![b, msg.date, id, sender])?;
    }
    let Some(filed) = by_campaign(tx, &msg, &sig, settings)? else {
        return Ok(None);
    };
    if filed.case_id == old {
        return Ok(None);
    }
    super::move_messages(tx, old, filed.case_id)?;
    let reason = format!("{} (text of its attachments)", filed.reason);
    tx.execute(
        "UPDATE message_cases SET method = ?2, reason = ?3 WHERE message = ?1",
        params![id, filed.method.as_str(), reason],
    )?;
    super::close_merged(
        tx,
        old,
        filed.case_id,
        PIPELINE,
        "",
        &format!("into campaign #{} (attachment text)", filed.case_id),
        msg.ingested_at,
    )?;
    super::refresh_from_messages(tx, filed.case_id)?;
    Ok(Some(Filed { reason, ..filed }))
}

/// A near-identical message of another sender: (message, similarity, its case, its sender,
/// its signature).
type Similar = (i64, f64, Option<i64>, String, Vec<u32>);

/// How many rows of one band, newest first, a campaign lookup reads at most.
const BAND_WALK: i64 = 5_000;

/// A band's candidates: at most 50 messages of other senders among the band's newest
/// [`BAND_WALK`] rows in the window (?1 band, ?2..?3 window, ?4 the message, ?5 its sender's
/// address for rows without a key, ?6 its sender's key, ?7 BAND_WALK).
const BAND_CANDIDATES: &str = "SELECT message FROM (
         SELECT b.message, b.sender, b.date FROM message_bands_dated b
         WHERE b.band = ?1 AND b.date BETWEEN ?2 AND ?3 AND b.message != ?4
         ORDER BY b.date DESC LIMIT ?7)
     WHERE CASE WHEN sender IS NULL
                THEN (SELECT m.from_addr FROM messages m WHERE m.id = message) != ?5
                ELSE sender != ?6 END
     ORDER BY date DESC LIMIT 50";

fn by_campaign(
    tx: &Transaction<'_>,
    msg: &Msg,
    sig: &[u32],
    settings: &Settings,
) -> Result<Option<Filed>> {
    // Each band is looked up within the window (the table's key: band, date), other senders'
    // messages only, newest first, 50 a band: the band rows carry the sender's key, so this
    // reads nothing else (rows from before migration 0020 read the message's sender). The
    // walk stops after BAND_WALK rows, a bound on the worst case only: a sender whose own
    // letters share one text fills the band with rows that are read and skipped for each of
    // their letters. A bound of 400 made such a sender's letters twice as fast to file but
    // missed the campaign their text belongs to (487 of 1,500 letters joined it, against
    // 1,165 unbounded): kept high enough not to change filing on the bench's prolific
    // official; the cost of such a sender is left (issue 18's note).
    let mut stmt = tx.prepare_cached(BAND_CANDIDATES)?;
    let sender = campaign::sender_key(&msg.from);
    // Candidate → bands shared, in the order first met.
    let mut shared: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let mut found: Vec<i64> = Vec::new();
    for band in campaign::bands(sig) {
        let rows = stmt.query_map(
            params![
                band,
                msg.date - settings.campaign_window,
                msg.date + settings.campaign_window,
                msg.id,
                msg.from,
                sender,
                BAND_WALK
            ],
            |r| r.get::<_, i64>(0),
        )?;
        for row in rows {
            let row = row?;
            let n = shared.entry(row).or_default();
            if *n == 0 {
                found.push(row);
            }
            *n += 1;
        }
    }
    // The candidates sharing most bands are the likeliest near-copies: at most
    // CAMPAIGN_CANDIDATES are compared (where mail is dense, 24 bands bring up to 1,200).
    found.sort_by_key(|m| std::cmp::Reverse(shared.get(m).copied().unwrap_or(0)));
    found.truncate(CAMPAIGN_CANDIDATES);
    // Then each candidate once (a near-identical text shares most of its bands): its
    // signature first, and only for a similar one who sent it and where it is filed.
    let mut signature = tx.prepare_cached("SELECT sig FROM message_minhash WHERE message = ?1")?;
    let mut filed = tx.prepare_cached(
        "SELECT m.from_addr, mc.case_id FROM messages m
         LEFT JOIN message_cases mc ON mc.message = m.id WHERE m.id = ?1",
    )?;
    // Similar messages from other senders: (message, similarity, case, sender, signature).
    let mut similar: Vec<Similar> = Vec::new();
    for other in found {
        let Some(other_sig) = signature
            .query_row([other], |r| {
                Ok(campaign::from_blob(r.get_ref(0)?.as_blob()?))
            })
            .optional()?
        else {
            continue;
        };
        let s = campaign::similarity(sig, &other_sig);
        if s < settings.campaign_similarity {
            continue;
        }
        let Some((from, case_id)) = filed
            .query_row([other], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))
            .optional()?
        else {
            continue;
        };
        if from == msg.from || from == msg.correspondent {
            continue;
        }
        similar.push((other, s, case_id, from, other_sig));
    }
    if similar.is_empty() {
        return Ok(None);
    }
    similar.sort_by(|a, b| b.1.total_cmp(&a.1));
    // An existing campaign among them: join it, if this text is near-identical to the
    // campaign's seed (the text that opened it), not merely to one of its members: members
    // stay alike, a campaign cannot grow by a chain of resemblances.
    let (mut tried, mut other_campaigns) = (BTreeSet::new(), BTreeSet::new());
    for (_, _, case_id, _, _) in &similar {
        let Some(case_id) = case_id else { continue };
        if !tried.insert(*case_id) {
            continue;
        }
        let kind: Option<String> = tx
            .query_row(
                "SELECT kind FROM cases WHERE id = ?1 AND merged_into IS NULL",
                [case_id],
                |r| r.get(0),
            )
            .optional()?;
        if kind.as_deref() != Some("campaign") {
            continue;
        }
        other_campaigns.insert(*case_id);
        if excluded(tx, *case_id, msg)? {
            continue;
        }
        let Some((seed, seed_sig)) = campaign_seed(tx, *case_id)? else {
            continue;
        };
        let s = campaign::similarity(sig, &seed_sig);
        if s >= settings.campaign_similarity {
            // Earlier copies filed alone (the campaign formed without them) come along when
            // they match the seed too.
            let late: Vec<(i64, f64, i64)> = similar
                .iter()
                .filter_map(|(other, _, c, _, other_sig)| {
                    let s = campaign::similarity(other_sig, &seed_sig);
                    match c {
                        Some(c) if *c != *case_id && s >= settings.campaign_similarity => {
                            Some((*other, s, *c))
                        }
                        _ => None,
                    }
                })
                .collect();
            absorb(tx, *case_id, &late, msg)?;
            return Ok(Some(Filed {
                case_id: *case_id,
                method: Method::Campaign,
                reason: format!(
                    "near-identical to the text of campaign #{case_id} (its seed, message #{seed}: {:.0} % of word sequences)",
                    s * 100.0
                ),
            }));
        }
    }
    // Copies already in a campaign this text does not match closely enough are not fresh
    // copies: they do not count towards a new campaign.
    similar.retain(|(_, _, case_id, _, _)| !case_id.is_some_and(|c| other_campaigns.contains(&c)));
    if similar.is_empty() {
        return Ok(None);
    }
    // Only fresh copies count: a similar message that already has a thread of its own (a
    // request answered, followed up, touched by staff) is someone's request that happens to
    // share text, and would stay out of the campaign anyway.
    let mut fresh = Vec::with_capacity(similar.len());
    for entry in similar {
        let is_fresh = match entry.2 {
            Some(case) => untouched_single(tx, case)?,
            None => true,
        };
        if is_fresh {
            fresh.push(entry);
        }
    }
    let similar = fresh;
    let senders: BTreeSet<&str> = similar.iter().map(|s| s.3.as_str()).collect();
    if senders.len() + 1 < settings.campaign_min_senders {
        return Ok(None);
    }
    // Enough senders: a campaign case, absorbing the single-message cases the pipeline opened
    // for the earlier copies (staff had not touched them).
    let campaign = open_case(tx, msg, &subject::normalise(&msg.subject), "campaign")?;
    let earlier: Vec<(i64, f64, i64)> = similar
        .iter()
        .filter_map(|(other, s, c, _, _)| c.map(|c| (*other, *s, c)))
        .collect();
    let absorbed = absorb(tx, campaign, &earlier, msg)?;
    super::refresh_from_messages(tx, campaign)?;
    history(
        tx,
        campaign,
        PIPELINE,
        "campaign",
        "",
        &format!(
            "{} senders of near-identical text; {absorbed} earlier cases absorbed",
            senders.len() + 1
        ),
        msg.ingested_at,
    )?;
    Ok(Some(Filed {
        case_id: campaign,
        method: Method::Campaign,
        reason: format!(
            "near-identical to the mail of {} other senders within {} days: new campaign #{campaign}",
            senders.len(),
            settings.campaign_window / 86_400
        ),
    }))
}

/// Moves into `campaign` the single-message cases the pipeline opened for earlier copies
/// (`(message, similarity, case)`), when staff have not touched them. Returns how many moved.
fn absorb(
    tx: &Transaction<'_>,
    campaign: i64,
    copies: &[(i64, f64, i64)],
    msg: &Msg,
) -> Result<usize> {
    let mut absorbed = 0;
    for (other, s, old) in copies {
        if !untouched_single(tx, *old)? {
            continue;
        }
        super::move_messages(tx, *old, campaign)?;
        tx.execute(
            "UPDATE message_cases SET method = 'campaign', reason = ?2 WHERE message = ?1",
            params![
                other,
                format!(
                    "near-identical ({:.0} % of word sequences) to the mail of other senders: campaign #{campaign}",
                    s * 100.0
                )
            ],
        )?;
        super::close_merged(
            tx,
            *old,
            campaign,
            PIPELINE,
            "",
            &format!("into campaign #{campaign}"),
            msg.ingested_at,
        )?;
        absorbed += 1;
    }
    if absorbed > 0 {
        super::refresh_from_messages(tx, campaign)?;
    }
    Ok(absorbed)
}

/// The campaign's seed: the first of its messages with a stored signature, and that signature.
fn campaign_seed(tx: &Transaction<'_>, case_id: i64) -> Result<Option<(i64, Vec<u32>)>> {
    Ok(tx
        .prepare_cached(
            // In the order of the index (case, message): stops at the first, however large
            // the campaign (ordering by h.message sorted all of them).
            "SELECT mc.message, h.sig FROM message_cases mc JOIN message_minhash h ON h.message = mc.message
             WHERE mc.case_id = ?1 ORDER BY mc.message LIMIT 1",
        )?
        .query_row([case_id], |r| {
            Ok((r.get::<_, i64>(0)?, campaign::from_blob(&r.get::<_, Vec<u8>>(1)?)))
        })
        .optional()?)
}

/// True when staff took this message's sender out of campaign `case_id`.
fn excluded(tx: &Transaction<'_>, case_id: i64, msg: &Msg) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM campaign_exclusions WHERE case_id = ?1 AND address IN (?2, ?3))",
        )?
        .query_row(params![case_id, msg.from, msg.correspondent], |r| r.get(0))?)
}

/// A reply or follow-up of a thread: thread headers, a reply prefix on the subject
/// (`RE:`, `Réf :`, `AW:`, « Relance : », « Rappel : », also behind `TR:`) or a quoted header
/// block. Forwards (`TR:`, `Fwd:`) are not replies: a council forwarding its motion is a
/// campaign copy, and the header block it carries is that of the forwarded message — unless
/// that message went to or came from the office (a thread with the office, forwarded back).
fn is_reply(msg: &Msg, parsed: &ParsedMail, settings: &Settings) -> bool {
    if parsed.in_reply_to.is_some() || !parsed.references.is_empty() {
        return true;
    }
    if subject::is_reply(&msg.subject) {
        return true;
    }
    if let Some(q) = &parsed.quoted_header {
        let office_thread =
            settings.is_office(&q.address) || q.to.iter().any(|a| settings.is_office(a));
        if office_thread || !subject::is_forward(&msg.subject) {
            return true;
        }
    }
    let folded = crate::util::fold(&msg.subject);
    matches!(folded.split(' ').next().unwrap_or(""), "reponse")
}

/// A request case opened by the pipeline, still proposed (or closed as history), with one
/// message and no staff action: campaigns form among old mail as among new.
fn untouched_single(tx: &Transaction<'_>, case_id: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT c.kind = 'request' AND c.merged_into IS NULL
            AND (c.state = 'proposed'
                 OR EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id AND h.action = 'history'))
            AND {ONE_MESSAGE}
            AND NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id AND {})
         FROM cases c WHERE c.id = ?1",
            go_live::STAFF_ENTRY
        ))?
        .query_row([case_id], |r| r.get::<_, bool>(0))
        .optional()?
        .unwrap_or(false))
}

fn by_subject(
    tx: &Transaction<'_>,
    msg: &Msg,
    norm: &str,
    parties: &[String],
    settings: &Settings,
) -> Result<Option<Filed>> {
    if norm.is_empty() {
        return Ok(None);
    }
    // The most recent case with that subject, of that official or with one of these parties:
    // looked up from the correspondent's own cases (case_parties by address, cases by official
    // and subject), so the cost is theirs, not every case of a common subject in the window.
    let mut stmt = tx.prepare_cached(
        "SELECT c.id, c.official, c.first_at, c.last_at, p.address
         FROM case_parties p JOIN cases c ON c.id = p.case_id
         WHERE p.address IN (SELECT value FROM json_each(?4))
           AND c.norm_subject = ?1 AND c.last_at >= ?2 AND c.first_at <= ?3
           AND c.merged_into IS NULL AND c.kind = 'request'
         UNION ALL
         SELECT c.id, c.official, c.first_at, c.last_at, NULL FROM cases c
         WHERE ?5 IS NOT NULL AND c.official = ?5
           AND c.norm_subject = ?1 AND c.last_at >= ?2 AND c.first_at <= ?3
           AND c.merged_into IS NULL AND c.kind = 'request'
         ORDER BY 4 DESC, 1 DESC",
    )?;
    let rows: Vec<(i64, Option<i64>, i64, Option<String>)> = stmt
        .query_map(
            params![
                norm,
                msg.date - settings.subject_window,
                msg.date + settings.subject_window,
                serde_json::to_string(parties)?,
                msg.official
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(4)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    // One entry per case (most recent first, at most 20), with one of the parties if any.
    let mut cases: Vec<(i64, Option<i64>, i64, Option<String>)> = Vec::new();
    for (case_id, official, first_at, party) in rows {
        if let Some(known) = cases.iter_mut().find(|c| c.0 == case_id) {
            if known.3.is_none() {
                known.3 = party;
            }
        } else if cases.len() < 20 {
            cases.push((case_id, official, first_at, party));
        }
    }
    for (case_id, official, first_at, party) in cases {
        // Office mail written after this message cannot be what it answers: that case will be
        // adopted by this message's own (see `adopt_orphans`).
        if msg.date < first_at && office_singleton(tx, case_id)? {
            continue;
        }
        let days = settings.subject_window / 86_400;
        let reason = match (official, party) {
            (Some(o), _) if Some(o) == msg.official => format!(
                "same official (#{o}) and same subject \u{ab} {norm} \u{bb} as case #{case_id}, within {days} days"
            ),
            (_, Some(p)) => format!(
                "same correspondent ({p}) and same subject \u{ab} {norm} \u{bb} as case #{case_id}, within {days} days"
            ),
            _ => continue,
        };
        return Ok(Some(Filed {
            case_id,
            method: Method::Subject,
            reason,
        }));
    }
    // A campaign copy's sender coming back to it (« RE: Motion de soutien ») under the subject
    // of their own copy: the campaign, whose title is another sender's subject.
    // Among the sender's 200 latest messages of the window: a prolific sender's whole window
    // was read for each of their letters (issue 18).
    let mut stmt = tx.prepare_cached(
        "SELECT s.subject, mc.case_id FROM (
             SELECT m.id, m.subject, m.date FROM messages m
             WHERE m.from_addr IN (SELECT value FROM json_each(?1)) AND m.id != ?2
               AND m.date BETWEEN ?3 AND ?4
             ORDER BY m.date DESC LIMIT 200) s
         JOIN message_cases mc ON mc.message = s.id JOIN cases c ON c.id = mc.case_id
         WHERE c.kind = 'campaign' AND c.merged_into IS NULL
         ORDER BY s.date DESC LIMIT 20",
    )?;
    let copies: Vec<(String, i64)> = stmt
        .query_map(
            params![
                serde_json::to_string(parties)?,
                msg.id,
                msg.date - settings.subject_window,
                msg.date
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    for (subject, case_id) in copies {
        if subject::normalise(&subject) == norm && !excluded(tx, case_id, msg)? {
            return Ok(Some(Filed {
                case_id,
                method: Method::Subject,
                reason: format!(
                    "same sender and same subject \u{ab} {norm} \u{bb} as their copy in campaign #{case_id}"
                ),
            }));
        }
    }
    Ok(None)
}

/// Substantive words (see `campaign::substantive`) below which a message is a follow-up with
/// no matter of its own: « Je me permets de revenir vers vous… », « Vous trouverez ci-joint les
/// documents demandés. », « Où en est ma demande ? », with at most a sentence recalling the
/// matter (« Il s'agit de notre dossier DETR pour la toiture de l'église. »).
const FOLLOW_UP_WORDS: usize = 25;

/// What a follow-up says (folded text): it comes back to an earlier request, or brings what was
/// asked for.
static FOLLOW_UP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(concat!(
        r"\b(relance|rappel|revenir vers vous|reviens vers vous|sans nouvelles?|pas de (retour|reponse|nouvelles?)",
        r"|ou en est|suite (a|de) (mon|ma|notre|nos|mes) (courrier|demande|message|mail|dossier|appel|echange)",
        r"|ci joint|pieces? (jointes?|demandees?|complementaires?)|documents? (demandes?|complementaires?)",
        r"|elements? (complementaires?|demandes?)|complement d information|comme convenu|comme demande",
        r"|(merci|je vous remercie|nous vous remercions)( beaucoup| infiniment| encore)? (pour|de) (votre|vos) (retour|reponse|intervention|aide|soutien|appui|demarche)",
        r"|^(documents?|pieces?( jointes?)?|complements?|suite|nouvelles|remerciements?|merci)\b)\b",
    ))
    .expect("static regex")
});

/// A follow-up under a new subject and without thread headers, from a correspondent who has
/// exactly one active request case (mail within the subject window, not closed): that case.
/// With two or more, which one it follows is a guess, and none is taken.
fn by_follow_up(
    tx: &Transaction<'_>,
    msg: &Msg,
    parsed: &ParsedMail,
    body_words: usize,
    parties: &[String],
    settings: &Settings,
) -> Result<Option<Filed>> {
    if parties.is_empty() || body_words >= FOLLOW_UP_WORDS {
        return Ok(None);
    }
    // It must say it follows something up: a short new request (« Des dépôts sauvages près du
    // stade. ») is a new matter.
    let said = crate::util::fold(&format!("{} {}", msg.subject, parsed.body));
    if !FOLLOW_UP.is_match(&said) {
        return Ok(None);
    }
    let cases: Vec<i64> = tx
        .prepare_cached(&format!(
            "SELECT DISTINCT c.id FROM cases c JOIN case_parties p ON p.case_id = c.id
             WHERE p.address IN (SELECT value FROM json_each(?1)) AND c.kind = 'request'
               AND c.merged_into IS NULL AND {NOT_CLOSED}
               AND c.last_at >= ?2 AND c.first_at <= ?3
             LIMIT 2"
        ))?
        .query_map(
            params![
                serde_json::to_string(parties)?,
                msg.date - settings.subject_window,
                msg.date
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let [case_id] = cases[..] else {
        return Ok(None);
    };
    Ok(Some(Filed {
        case_id,
        method: Method::Subject,
        reason: format!(
            "a follow-up with no matter of its own (fewer than {FOLLOW_UP_WORDS} words beside its formulas) from the correspondent of case #{case_id}, their only active case"
        ),
    }))
}

/// Opens a case from `msg` (state proposed).
fn open_case(tx: &Transaction<'_>, msg: &Msg, norm: &str, kind: &str) -> Result<i64> {
    let title = if msg.subject.trim().is_empty() {
        "(sans objet)".to_string()
    } else {
        msg.subject.trim().to_string()
    };
    let (official, correspondent) = if kind == "campaign" {
        (None, String::new())
    } else {
        (msg.official, msg.correspondent.clone())
    };
    tx.prepare_cached(
        "INSERT INTO cases (title, norm_subject, kind, state, official, correspondent, created_at, updated_at, first_at, last_at)
         VALUES (?1, ?2, ?3, 'proposed', ?4, ?5, ?6, ?6, ?7, ?7)",
    )?
    .execute(params![title, norm, kind, official, correspondent, msg.ingested_at, msg.date])?;
    let id = tx.last_insert_rowid();
    history(
        tx,
        id,
        PIPELINE,
        "opened",
        "",
        &format!("{kind} from message #{}", msg.id),
        msg.ingested_at,
    )?;
    Ok(id)
}

/// Attaches `msg` to the decided case and brings the case up to date. Mail older than the
/// go-live date moves no state; its case is settled as history when it holds nothing else
/// (`go_live::settle`).
fn attach(
    tx: &Transaction<'_>,
    msg: &Msg,
    outgoing: bool,
    parties: &[String],
    filed: &Filed,
    settings: &Settings,
) -> Result<()> {
    let case_id = filed.case_id;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO message_cases (message, case_id, method, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![msg.id, case_id, filed.method.as_str(), filed.reason, msg.ingested_at])?;
    let mut party =
        tx.prepare_cached("INSERT OR IGNORE INTO case_parties (case_id, address) VALUES (?1, ?2)")?;
    for p in parties {
        party.execute(params![case_id, p])?;
    }
    add_message_tags(tx, case_id, msg.id)?;
    let (state, official): (String, Option<i64>) = tx.query_row(
        "SELECT state, official FROM cases WHERE id = ?1",
        [case_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if official.is_none() && msg.official.is_some() && !outgoing {
        tx.execute(
            "UPDATE cases SET official = ?2 WHERE id = ?1 AND kind = 'request'",
            params![case_id, msg.official],
        )?;
    }
    tx.execute(
        "UPDATE cases SET first_at = min(first_at, ?2), last_at = max(last_at, ?2), updated_at = ?3,
             answered_at = CASE WHEN ?4 AND answered_at = 0 THEN ?2 ELSE answered_at END
         WHERE id = ?1",
        params![case_id, msg.date, msg.ingested_at, outgoing],
    )?;
    // The message that opened the case set its state already; history moves none.
    let history_mail = settings.is_history(msg.date);
    // A case closed as history by the pipeline alone was never confirmed: new mail makes it a
    // proposal again, as it would have stayed without a go-live date.
    let never_worked = !outgoing && state == "closed" && history_closed(tx, case_id)?;
    let new_state = match (filed.method, outgoing, state.as_str()) {
        _ if history_mail => None,
        (Method::New, _, _) => None,
        _ if never_worked => Some("proposed"),
        (_, true, "proposed" | "open" | "waiting") => Some("answered"),
        (_, false, "answered" | "waiting" | "closed") => Some("open"),
        _ => None,
    };
    if filed.method != Method::New {
        let what = if outgoing {
            "office answer"
        } else {
            "new mail"
        };
        history(
            tx,
            case_id,
            PIPELINE,
            "message",
            "",
            &format!("{what} #{} ({})", msg.id, filed.method.as_str()),
            msg.ingested_at,
        )?;
    }
    if let Some(new_state) = new_state {
        tx.execute(
            "UPDATE cases SET state = ?2 WHERE id = ?1",
            params![case_id, new_state],
        )?;
        history(
            tx,
            case_id,
            PIPELINE,
            "state",
            &state,
            new_state,
            msg.ingested_at,
        )?;
    }
    if let Some(go_live) = settings.go_live.filter(|_| history_mail) {
        go_live::settle(tx, case_id, &go_live, PIPELINE, msg.ingested_at)?;
    }
    Ok(())
}

/// Adds a message's communes and themes to its case (themes staff removed stay removed), and
/// the rules' priority and assignee actions.
pub(super) fn add_message_tags(tx: &Transaction<'_>, case_id: i64, message: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO case_communes (case_id, commune) SELECT ?1, code FROM message_communes WHERE message = ?2",
    )?
    .execute(params![case_id, message])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO case_themes (case_id, theme, source, on_) SELECT ?1, theme, 'rules', 1 FROM message_themes WHERE message = ?2",
    )?
    .execute(params![case_id, message])?;
    let mut stmt = tx.prepare_cached(
        "SELECT priority, assignee FROM message_themes WHERE message = ?1 AND (priority != '' OR assignee != '')",
    )?;
    let actions: Vec<(String, String)> = stmt
        .query_map([message], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut priority: Option<i64> = None;
    for (p, assignee) in actions {
        if let Some(level) = super::Priority::parse(&p).map(super::Priority::level) {
            priority = Some(priority.map_or(level, |l| l.min(level)));
        }
        if !assignee.is_empty() {
            // Cases are assigned to users only: a rule naming no user assigns nothing.
            let changed = tx.execute(
                "UPDATE cases SET assignee = (SELECT name FROM users WHERE name = ?2 COLLATE NOCASE)
                 WHERE id = ?1 AND assignee = ''
                   AND EXISTS (SELECT 1 FROM users WHERE name = ?2 COLLATE NOCASE)",
                params![case_id, assignee],
            )?;
            if changed == 0
                && tx
                    .query_row(
                        "SELECT NOT EXISTS (SELECT 1 FROM users WHERE name = ?1 COLLATE NOCASE)",
                        [&assignee],
                        |r| r.get::<_, bool>(0),
                    )
                    .unwrap_or(false)
            {
                tracing::warn!(case = case_id, assignee = %assignee, "a rule assigns cases to someone who is not a user: not assigned (`permanence user add NAME`)");
            }
        }
    }
    if let Some(level) = priority {
        tx.execute(
            "UPDATE cases SET priority = min(priority, ?2) WHERE id = ?1",
            params![case_id, level],
        )?;
    }
    Ok(())
}

/// A bounce of the office's mail: noted in that mail's case ("not delivered").
fn note_bounce(tx: &Transaction<'_>, msg: &Msg, parsed: &ParsedMail) -> Result<()> {
    let Some(original) = &parsed.bounce_ref else {
        return Ok(());
    };
    if let Some((case_id, other)) = case_of_message_id(tx, original)? {
        history(
            tx,
            case_id,
            PIPELINE,
            "bounce",
            "",
            &format!("message #{other} was not delivered (bounce #{})", msg.id),
            msg.ingested_at,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_closed_clause_names_the_pipeline_and_the_history_action() {
        assert!(NOT_CLOSED.contains(&format!("h.who != '{PIPELINE}'")));
        assert!(NOT_CLOSED.contains(&format!("h.action = '{}'", go_live::HISTORY_ACTION)));
        assert!(NOT_CLOSED.contains(go_live::STAFF_ENTRY));
        assert_eq!(
            go_live::STAFF_ENTRY,
            format!(
                "h.who != '{PIPELINE}' AND h.action != '{}'",
                go_live::HISTORY_ACTION
            )
        );
    }

    /// Issue 18: the questions asked of a case for every message filed are answered by the
    /// partial indexes of migration 0020 (one probe), not by a scan of the case's history or
    /// messages, which grow with a campaign.
    #[test]
    fn the_per_message_questions_use_the_partial_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let plan = |sql: &str| crate::store::query_plan(store.conn(), sql, []);
        let staff = plan(&format!(
            "SELECT NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = 7 AND {})",
            go_live::STAFF_ENTRY
        ));
        assert!(staff.contains("case_history_staff"), "{staff}");
        let settled = plan(&format!(
            "SELECT c.state = 'closed' AND {NOT_CLOSED} FROM cases c WHERE c.id = 7"
        ));
        assert!(settled.contains("case_history_settled"), "{settled}");
        assert!(settled.contains("case_history_staff"), "{settled}");
        let one = plan(&format!("SELECT {ONE_MESSAGE} FROM cases c WHERE c.id = 7"));
        assert!(one.contains("message_cases_case"), "{one}");
        let bands = plan(
            &BAND_CANDIDATES
                .replace("?1", "1")
                .replace("?2", "1")
                .replace("?3", "2")
                .replace("?4", "3")
                .replace("?5", "'a'")
                .replace("?6", "4")
                .replace("?7", "5000"),
        );
        // The band's rows are read by key, newest first, and stop at BAND_WALK (the outer
        // sort is of those few rows only).
        assert!(
            bands.contains("SEARCH b USING PRIMARY KEY (band=? AND date>? AND date<?)"),
            "{bands}"
        );
        assert!(!bands.contains("SCAN b"), "{bands}");
        let seed = plan(
            "SELECT mc.message, h.sig FROM message_cases mc JOIN message_minhash h ON h.message = mc.message
             WHERE mc.case_id = 7 ORDER BY mc.message LIMIT 1",
        );
        assert!(!seed.contains("TEMP B-TREE"), "{seed}");
        let requests = plan(&format!(
            "SELECT count(*) FROM cases c WHERE {}",
            super::super::report::REQUESTS
        ));
        assert!(
            requests.contains("case_history_not_a_request"),
            "{requests}"
        );
    }
}
