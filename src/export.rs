//! `export --format jsonl`: one JSON object per message, oldest first. The field set is a
//! contract (tools and later stages rely on it); every field is always present (`null` or
//! `[]` when it does not apply).

use std::io::Write;

use anyhow::{Context as _, Result};
use serde::Serialize;

use crate::parse::Mailbox;
use crate::store::Store;
use crate::store::messages::{self, MessageRow};
use crate::util::rfc3339;

/// One exported message.
#[derive(Debug, Serialize)]
pub struct ExportedMessage<'a> {
    /// Row id (stable).
    pub id: i64,
    /// Message-ID without <> (synthetic for mail that had none).
    pub message_id: &'a str,
    /// RFC 3339 with the sender's offset.
    pub date: String,
    /// First From address.
    pub from: &'a Mailbox,
    /// To addresses.
    pub to: &'a [Mailbox],
    /// Cc addresses.
    pub cc: &'a [Mailbox],
    /// Subject.
    pub subject: &'a str,
    /// personal | auto_reply | bulk | bounce | spam.
    pub kind: crate::parse::Kind,
    /// Language code.
    pub language: &'a str,
    /// Matched official (officials stage), null when nobody known (or ambiguous).
    pub official: Option<crate::officials::ExportedOfficial>,
    /// INSEE codes (rules stage).
    pub communes: Vec<String>,
    /// Theme slugs (rules stage), primary first, by score.
    pub themes: Vec<String>,
    /// The main theme (what the request is about): the first of `themes`, null when none.
    pub primary_theme: Option<String>,
    /// Case (cases stage); null for automatic mail.
    pub case_id: Option<crate::ids::CaseId>,
    /// Read as an invitation: the agenda's events from it (issue 20), dismissed ones left out.
    pub invitation: bool,
    /// The office wrote it (sent folder or one of `[office] addresses`).
    pub outgoing: bool,
    /// For a bounce: the stored message that could not be delivered, when recovered.
    pub bounce_of: Option<i64>,
    /// Attachments, with what came of their text (issue 19).
    pub attachments: Vec<ExportedAttachment<'a>>,
    /// In-Reply-To id.
    pub in_reply_to: Option<&'a str>,
    /// References ids.
    pub references: &'a [String],
    /// True when `message_id` was made up.
    pub synthetic_message_id: bool,
    /// First message with the same Message-ID, when this one is a resend.
    pub duplicate_of: Option<i64>,
    /// parsed | partial | failed.
    pub state: &'a str,
    /// Raw size in bytes.
    pub size: i64,
    /// SHA-256 of the original bytes (raw-store name).
    pub sha256: &'a str,
}

/// One attachment as exported.
#[derive(Debug, Serialize)]
pub struct ExportedAttachment<'a> {
    /// Decoded file name ('' when none was given).
    pub filename: &'a str,
    /// `type/subtype`.
    pub mime: &'a str,
    /// Decoded size in bytes.
    pub size: u64,
    /// How text extraction ended (`ok`, `empty`, `timeout`, `crashed`, `too_large`,
    /// `unsupported`, `unavailable`); null while queued or for a forwarded message.
    pub text_state: Option<crate::extract::State>,
    /// Characters of extracted text; null when not extracted.
    pub text_chars: Option<usize>,
}

impl<'a> ExportedMessage<'a> {
    /// The export view of a stored row.
    pub fn from_row(row: &'a MessageRow) -> Self {
        ExportedMessage {
            id: row.id,
            message_id: &row.message_id,
            date: rfc3339(row.date, row.tz_offset),
            from: &row.from,
            to: &row.to,
            cc: &row.cc,
            subject: &row.subject,
            kind: row.kind,
            language: &row.language,
            official: None,
            communes: Vec::new(),
            themes: Vec::new(),
            primary_theme: None,
            case_id: None,
            invitation: false,
            outgoing: false,
            bounce_of: None,
            attachments: row
                .attachments
                .iter()
                .map(|a| ExportedAttachment {
                    filename: &a.filename,
                    mime: &a.mime,
                    size: a.size,
                    text_state: None,
                    text_chars: None,
                })
                .collect(),
            in_reply_to: Some(row.in_reply_to.as_str()).filter(|s| !s.is_empty()),
            references: &row.references,
            synthetic_message_id: row.synthetic_id,
            duplicate_of: row.dup_of,
            state: &row.state,
            size: row.size,
            sha256: &row.blob,
        }
    }
}

/// Writes every message as JSON lines to `out`; returns how many.
pub fn export_jsonl(store: &Store, out: &mut dyn Write) -> Result<u64> {
    let mut count = 0;
    messages::for_each_by_date(store.conn(), |row| {
        let mut exported = ExportedMessage::from_row(&row);
        exported.official =
            crate::officials::recorded(store.conn(), row.id)?.and_then(|m| m.official);
        exported.communes = messages::communes(store.conn(), row.id)?;
        exported.themes = crate::store::tags::themes(store.conn(), row.id)?;
        exported.primary_theme = exported.themes.first().cloned();
        exported.case_id =
            crate::cases::of_message(store.conn(), crate::ids::MessageId(row.id))?.map(|c| c.0);
        exported.invitation =
            crate::agenda::is_invitation(store.conn(), crate::ids::MessageId(row.id))?;
        (exported.outgoing, exported.bounce_of) =
            messages::outgoing_and_bounce(store.conn(), row.id)?;
        for (position, state, chars) in
            crate::extract::states_of(store.conn(), crate::ids::MessageId(row.id))?
        {
            if let Some(a) = exported.attachments.get_mut(position) {
                a.text_state = Some(state);
                a.text_chars = Some(chars);
            }
        }
        serde_json::to_writer(&mut *out, &exported)?;
        out.write_all(b"\n").context("write export")?;
        count += 1;
        Ok(())
    })?;
    out.flush().context("write export")?;
    Ok(count)
}
