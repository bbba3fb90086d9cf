//! The `messages` table and its satellites (`message_sources`, `recipients`, `attachments`):
//! recording a parsed message, finding it again by hash, id or Message-ID, reading it back for
//! `show` and `export`, and the `index_dirty` queue of messages whose index document is out of
//! date (what the index reads of a message is the index's own query, `index::row`).

use anyhow::{Context as _, Result};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use crate::parse::{AttachmentInfo, Mailbox, ParsedMail};

/// Parse outcome stored in `messages.state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseState {
    /// Fully parsed.
    Parsed,
    /// Only the headers were parsed (size cap).
    Partial,
    /// Not parseable; the raw bytes are kept.
    Failed,
}

impl ParseState {
    fn as_str(self) -> &'static str {
        match self {
            ParseState::Parsed => "parsed",
            ParseState::Partial => "partial",
            ParseState::Failed => "failed",
        }
    }
}

/// Everything needed to record a new message.
#[derive(Debug)]
pub struct NewMessage<'a> {
    /// Raw-store name (SHA-256 hex).
    pub blob: &'a str,
    /// Raw size in bytes.
    pub size: u64,
    /// Parse result, `None` when parsing failed.
    pub parsed: Option<&'a ParsedMail>,
    /// Parse outcome.
    pub state: ParseState,
    /// Why parsing failed or was partial.
    pub error: String,
    /// Ingest time, used as the date of last resort.
    pub now: i64,
    /// The office wrote it (Sent folder, or one of the office's own addresses).
    pub outgoing: bool,
}

/// A stored message, as `show` and `export` present it.
#[derive(Debug, Clone, Serialize)]
pub struct MessageRow {
    /// Row id.
    pub id: i64,
    /// Raw-store name.
    pub blob: String,
    /// Raw size.
    pub size: i64,
    /// Message-ID without <>.
    pub message_id: String,
    /// True when the Message-ID was made up.
    pub synthetic_id: bool,
    /// First message with the same Message-ID, if this is a resend.
    pub dup_of: Option<i64>,
    /// Unix seconds UTC.
    pub date: i64,
    /// Sender's offset, minutes.
    pub tz_offset: i32,
    /// header | received | ingest.
    pub date_source: String,
    /// From.
    pub from: Mailbox,
    /// To, Cc, Bcc, Reply-To.
    pub to: Vec<Mailbox>,
    /// Cc.
    pub cc: Vec<Mailbox>,
    /// Subject.
    pub subject: String,
    /// In-Reply-To.
    pub in_reply_to: String,
    /// References.
    pub references: Vec<String>,
    /// Language code.
    pub language: String,
    /// personal | auto_reply | bulk | bounce | spam.
    pub kind: crate::parse::Kind,
    /// parsed | partial | failed.
    pub state: String,
    /// Parse error or warning.
    pub error: String,
    /// First words of the body.
    pub snippet: String,
    /// Attachments.
    pub attachments: Vec<AttachmentInfo>,
}

/// Whether message `id` is the office's own (sent) mail.
pub fn is_outgoing(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT outgoing FROM messages WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, bool>(0))
        .optional()?
        .unwrap_or(false))
}

/// The id of the message with these raw bytes, if stored.
pub fn find_by_blob(conn: &Connection, blob: &str) -> Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM messages WHERE blob = ?1")?
        .query_row([blob], |r| r.get(0))
        .optional()
        .context("look up message by hash")
}

/// Every recorded source of `kind` whose location starts with one of `prefixes`, with the size
/// of its message (re-reading a Maildir skips what is recorded at that path with that size).
pub fn recorded_sources(
    conn: &Connection,
    kind: &str,
    prefixes: &[String],
) -> Result<std::collections::HashMap<String, u64>> {
    let mut out = std::collections::HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT s.location, m.size FROM message_sources s JOIN messages m ON m.id = s.message
         WHERE s.kind = ?1 AND substr(s.location, 1, length(?2)) = ?2",
    )?;
    for prefix in prefixes {
        let rows = stmt.query_map(params![kind, prefix], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (location, size) = row.context("read recorded sources")?;
            out.insert(location, size.max(0) as u64);
        }
    }
    Ok(out)
}

/// Ids of every message with this Message-ID (with or without <>), oldest first.
pub fn find_by_message_id(conn: &Connection, message_id: &str) -> Result<Vec<i64>> {
    let id = crate::parse::clean_id(message_id);
    let mut stmt =
        conn.prepare_cached("SELECT id FROM messages WHERE message_id = ?1 ORDER BY id")?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The synthetic Message-ID of a message that has none: stable, derived from its bytes.
pub fn synthetic_message_id(blob: &str) -> String {
    format!("{}@permanence.invalid", &blob[..blob.len().min(32)])
}

/// Records a new message and its recipients and attachments; returns its id. A different message
/// with a Message-ID already stored is kept and linked to the first one (`dup_of`).
pub fn insert(tx: &Transaction<'_>, msg: &NewMessage<'_>) -> Result<i64> {
    let parsed = msg.parsed;
    let (message_id, synthetic) = match parsed.and_then(|p| p.message_id.clone()) {
        Some(id) => (id, false),
        None => (synthetic_message_id(msg.blob), true),
    };
    let dup_of: Option<i64> = tx
        .prepare_cached("SELECT min(id) FROM messages WHERE message_id = ?1")?
        .query_row([&message_id], |r| r.get(0))?;
    let (date, tz, date_source) = match parsed {
        Some(ParsedMail {
            date: Some((ts, tz)),
            ..
        }) => (*ts, *tz, "header"),
        Some(ParsedMail {
            received_date: Some(ts),
            ..
        }) => (*ts, 0, "received"),
        _ => (msg.now, 0, "ingest"),
    };
    let empty = ParsedMail::default();
    let p = parsed.unwrap_or(&empty);
    let from = p.from.clone().unwrap_or_default();
    let refs = serde_json::to_string(&p.references)?;
    tx.prepare_cached(
        "INSERT INTO messages (blob, size, message_id, synthetic_id, dup_of, date, tz_offset, date_source,
             from_name, from_addr, subject, in_reply_to, refs, language, kind, state, error, snippet, ingested_at,
             outgoing, bounce_ref)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?19, ?15, ?16, ?17, ?18, ?20, ?21)",
    )?
    .execute(params![
        msg.blob,
        msg.size as i64,
        message_id,
        synthetic,
        dup_of,
        date,
        tz,
        date_source,
        from.name,
        from.address,
        p.subject,
        p.in_reply_to.clone().unwrap_or_default(),
        refs,
        p.language,
        msg.state.as_str(),
        msg.error,
        snippet(&p.body),
        msg.now,
        p.kind,
        msg.outgoing,
        p.bounce_ref.clone().unwrap_or_default(),
    ])
    .context("insert message")?;
    let id = tx.last_insert_rowid();
    let mut add_recipient = tx.prepare_cached(
        "INSERT INTO recipients (message, role, position, name, address) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (role, list) in [
        ("to", &p.to),
        ("cc", &p.cc),
        ("bcc", &p.bcc),
        ("reply_to", &p.reply_to),
    ] {
        for (pos, m) in list.iter().enumerate() {
            add_recipient.execute(params![id, role, pos as i64, m.name, m.address])?;
        }
    }
    let mut add_attachment = tx.prepare_cached(
        "INSERT INTO attachments (message, position, filename, mime, size) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (pos, a) in p.attachments.iter().enumerate() {
        add_attachment.execute(params![id, pos as i64, a.filename, a.mime, a.size as i64])?;
    }
    Ok(id)
}

/// Remembers that `message` was seen at `location` (idempotent).
pub fn add_source(
    tx: &Transaction<'_>,
    message: i64,
    kind: &str,
    location: &str,
    now: i64,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO message_sources (message, kind, location, first_seen) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![message, kind, location, now])
    .context("record message source")?;
    Ok(())
}

/// First ~200 characters of the body on one line.
fn snippet(body: &str) -> String {
    let mut out = String::new();
    for word in body.split_whitespace() {
        if out.len() + word.len() > 200 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

const ROW_COLUMNS: &str =
    "id, blob, size, message_id, synthetic_id, dup_of, date, tz_offset, date_source,
    from_name, from_addr, subject, in_reply_to, refs, language, kind, state, error, snippet";

fn row_from(r: &Row<'_>) -> rusqlite::Result<MessageRow> {
    let refs: String = r.get(13)?;
    Ok(MessageRow {
        id: r.get(0)?,
        blob: r.get(1)?,
        size: r.get(2)?,
        message_id: r.get(3)?,
        synthetic_id: r.get(4)?,
        dup_of: r.get(5)?,
        date: r.get(6)?,
        tz_offset: r.get(7)?,
        date_source: r.get(8)?,
        from: Mailbox {
            name: r.get(9)?,
            address: r.get(10)?,
        },
        to: Vec::new(),
        cc: Vec::new(),
        subject: r.get(11)?,
        in_reply_to: r.get(12)?,
        references: serde_json::from_str(&refs).unwrap_or_default(),
        language: r.get(14)?,
        kind: r.get(15)?,
        state: r.get(16)?,
        error: r.get(17)?,
        snippet: r.get(18)?,
        attachments: Vec::new(),
    })
}

fn fill_details(conn: &Connection, row: &mut MessageRow) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT role, name, address FROM recipients WHERE message = ?1 AND role IN ('to', 'cc') ORDER BY role, position",
    )?;
    let recipients = stmt.query_map([row.id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Mailbox {
                name: r.get(1)?,
                address: r.get(2)?,
            },
        ))
    })?;
    for recipient in recipients {
        let (role, mailbox) = recipient?;
        if role == "to" {
            row.to.push(mailbox)
        } else {
            row.cc.push(mailbox)
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT filename, mime, size FROM attachments WHERE message = ?1 ORDER BY position",
    )?;
    row.attachments = stmt
        .query_map([row.id], |r| {
            Ok(AttachmentInfo {
                filename: r.get(0)?,
                mime: r.get(1)?,
                size: r.get::<_, i64>(2)? as u64,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

/// The message with row id `id`, with recipients and attachments.
pub fn get(conn: &Connection, id: i64) -> Result<Option<MessageRow>> {
    let mut row = conn
        .prepare_cached(&format!("SELECT {ROW_COLUMNS} FROM messages WHERE id = ?1"))?
        .query_row([id], row_from)
        .optional()
        .context("load message")?;
    if let Some(row) = row.as_mut() {
        fill_details(conn, row)?;
    }
    Ok(row)
}

/// Calls `f` on every message, oldest first (date, then id); stops at the first error.
pub fn for_each_by_date(
    conn: &Connection,
    mut f: impl FnMut(MessageRow) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ROW_COLUMNS} FROM messages ORDER BY date, id"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let mut row = row_from(r)?;
        fill_details(conn, &mut row)?;
        f(row)?;
    }
    Ok(())
}

/// Queues a message for re-indexing.
pub fn mark_dirty(conn: &Connection, message: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO index_dirty (message) VALUES (?1)")?
        .execute([message])?;
    Ok(())
}

/// True when messages wait in the re-index queue.
pub fn has_dirty(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM index_dirty)")?
        .query_row([], |r| r.get(0))?)
}

/// INSEE codes of the communes a message concerns, in text order (the official's last).
pub fn communes(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT code FROM message_communes WHERE message = ?1 ORDER BY position < 0, position, code")?;
    let codes = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(codes)
}

/// Highest message id, 0 when empty.
pub fn max_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) FROM messages", [], |r| {
            r.get(0)
        })?,
    )
}

/// Whether the office wrote message `id`, and for a bounce, the stored message it reports.
pub fn outgoing_and_bounce(conn: &Connection, id: i64) -> Result<(bool, Option<i64>)> {
    let (outgoing, bounce_ref): (bool, String) = conn
        .prepare_cached("SELECT outgoing, bounce_ref FROM messages WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let bounce_of = if bounce_ref.is_empty() {
        None
    } else {
        find_by_message_id(conn, &bounce_ref)?.into_iter().next()
    };
    Ok((outgoing, bounce_of))
}
