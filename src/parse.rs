//! Parse stage: raw bytes -> [`ParsedMail`], an owned, decoded view of everything later stages
//! need (addresses, dates, subject, body text split into own text and quoted replies, attachment
//! metadata, forwarded messages, language).
//!
//! Built on mail-parser, which already decodes MIME, quoted-printable, base64, RFC 2047/2231 and
//! 40+ charsets. On top of it this module repairs what real office mail gets wrong: text parts
//! with no or an unknown charset label are re-decoded as windows-1252 when they are not valid
//! UTF-8, raw 8-bit headers likewise, and messages above the size cap are parsed for headers only.
//!
//! Mail is hostile input (issue 13). Header text (subject, display names, attachment file names)
//! loses its control and bidi-override characters here ([`crate::util::clean_header_text`]: a
//! line break becomes a space) and is bounded: the subject to [`MAX_SUBJECT_CHARS`], names to
//! [`MAX_NAME_CHARS`], file names to [`MAX_FILENAME_CHARS`], each cut with « … ». The decoded text
//! kept per message (own text, quoted replies and forwarded messages together) is bounded to
//! [`MAX_TEXT_BYTES`], cut with « [texte tronqué] » and a warning; the original stays complete
//! in the raw store. Bodies keep their control characters here: every print point escapes them.

mod kind;

pub use kind::Kind;
mod lang;
mod quote;

use std::borrow::Cow;
use std::sync::LazyLock;

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::decoders::html::html_to_text;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{
    Address, HeaderName, HeaderValue, Message, MessageParser, MessagePart, MimeHeaders, PartType,
};
use regex::Regex;
use serde::Serialize;

pub use lang::detect_language;
pub use quote::{QuoteSplit, QuotedHeader, quoted_header, split_quoted};

/// How deep forwarded messages (message/rfc822 parts) are followed for indexing.
const MAX_FORWARD_DEPTH: usize = 3;

/// Characters of subject kept; a longer one is cut and ends with « … ».
pub const MAX_SUBJECT_CHARS: usize = 1_000;
/// Characters of a display name kept; a longer one is cut and ends with « … ».
pub const MAX_NAME_CHARS: usize = 200;
/// Characters of an attachment file name kept; a longer one is cut and ends with « … ».
pub const MAX_FILENAME_CHARS: usize = 255;
/// Characters of an address or a message id kept (RFC 5322 lines are at most 998 characters).
const MAX_ID_CHARS: usize = 998;
/// References kept: the first (the thread's root) and the newest ones.
const MAX_REFERENCES: usize = 500;
/// Attachments (and names of nested attachments) recorded per message.
const MAX_ATTACHMENTS: usize = 1_000;
/// Bytes of decoded text kept per message (own text, quoted replies and forwarded messages
/// together): about a thousand pages, far more than any letter, and bounded so that a huge text
/// mail costs little memory in the later stages (matching, tagging, cases, index).
pub const MAX_TEXT_BYTES: usize = 2 << 20;
/// Appended where the decoded text was cut.
pub const TRUNCATED_MARKER: &str = "[texte tronqué]";

/// A name and address, decoded; the address is lower-cased.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Mailbox {
    /// Display name, possibly empty.
    pub name: String,
    /// Address, lower case, possibly empty (group syntax, broken headers).
    pub address: String,
}

impl Mailbox {
    /// `Name <address>`, or the address alone when there is no name.
    pub fn display(&self) -> String {
        if self.name.is_empty() {
            self.address.clone()
        } else {
            format!("{} <{}>", self.name, self.address)
        }
    }

    /// Several mailboxes, comma-separated, as headers show them.
    pub fn list(mailboxes: &[Mailbox]) -> String {
        mailboxes
            .iter()
            .map(Mailbox::display)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Metadata of one attachment; the bytes stay in the raw message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentInfo {
    /// Decoded file name, empty when none was given.
    pub filename: String,
    /// `type/subtype`, lower case.
    pub mime: String,
    /// Decoded size in bytes.
    pub size: u64,
}

/// The parts of a message every later stage works from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedMail {
    /// Message-ID without angle brackets.
    pub message_id: Option<String>,
    /// Date header as Unix seconds (UTC) and the sender's offset in minutes.
    pub date: Option<(i64, i32)>,
    /// Date of the newest Received header, used when Date is missing or invalid.
    pub received_date: Option<i64>,
    /// First From address.
    pub from: Option<Mailbox>,
    /// To addresses.
    pub to: Vec<Mailbox>,
    /// Cc addresses.
    pub cc: Vec<Mailbox>,
    /// Bcc addresses (present in the office's own sent mail).
    pub bcc: Vec<Mailbox>,
    /// Reply-To addresses.
    pub reply_to: Vec<Mailbox>,
    /// Decoded subject, empty when absent.
    pub subject: String,
    /// First In-Reply-To id, without angle brackets.
    pub in_reply_to: Option<String>,
    /// References ids, without angle brackets, oldest first.
    pub references: Vec<String>,
    /// The sender's own text (text/plain preferred, else HTML converted to text).
    pub body: String,
    /// Quoted reply blocks (`>` lines, Outlook "De : … Envoyé : …" blocks, "Le … a écrit :").
    pub quoted: String,
    /// Text of forwarded messages (message/rfc822 parts): their headers and bodies.
    pub forwarded: String,
    /// Attachments of the message itself (forwarded messages count as one attachment each).
    pub attachments: Vec<AttachmentInfo>,
    /// Names of attachments inside forwarded messages, indexed with the parent.
    pub nested_attachment_names: Vec<String>,
    /// Language of the body (ISO 639-1 where one exists).
    pub language: String,
    /// True when only the headers were parsed (size cap).
    pub headers_only: bool,
    /// Problems that did not stop parsing (size cap, re-decoded charset, …), lower case.
    pub warnings: Vec<String>,
    /// The receiving server's Authentication-Results header reports a DMARC, DKIM or SPF
    /// failure: the sender's address is not verified.
    pub auth_failed: bool,
    /// Mailing-list or bulk mail: `List-Id`, `List-Unsubscribe` or `Precedence: bulk|list|junk`.
    pub bulk: bool,
    /// personal | auto_reply | bulk | bounce | spam.
    pub kind: Kind,
    /// Sender and subject of the message this one quotes (Outlook block, attribution line).
    pub quoted_header: Option<QuotedHeader>,
    /// For a bounce: the Message-ID of the message that could not be delivered, when the
    /// report carries its headers.
    pub bounce_ref: Option<String>,
}

impl ParsedMail {
    /// The day (`YYYY-MM-DD`, UTC) the message was written: its Date, else when it was received,
    /// else `fallback` (Unix seconds); the directory answers "who held office that day".
    pub fn day(&self, fallback: i64) -> String {
        let ts = self
            .date
            .map(|(ts, _)| ts)
            .or(self.received_date)
            .unwrap_or(fallback);
        chrono::DateTime::from_timestamp(ts, 0)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    }
}

/// Why a message could not be parsed at all. Its bytes are still stored.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    /// A 0-byte input.
    #[error("empty file (0 bytes)")]
    Empty,
    /// Nothing that looks like a mail header was found.
    #[error("not an email message: no header found")]
    NoHeaders,
}

/// Options of the parse stage.
#[derive(Debug, Clone, Copy)]
pub struct ParseOptions {
    /// Above this many raw bytes, only headers are parsed.
    pub max_parse_bytes: usize,
}

impl ParseOptions {
    /// The options `[ingest]` sets (`max_parse_mb`).
    pub fn from_config(ingest: &crate::config::IngestConfig) -> ParseOptions {
        ParseOptions {
            max_parse_bytes: (ingest.max_parse_mb as usize) << 20,
        }
    }
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            max_parse_bytes: 100 << 20,
        }
    }
}

/// Parses `raw`. Never panics on hostile input; returns an error only when there is no message
/// at all (empty input, no header).
pub fn parse(raw: &[u8], options: &ParseOptions) -> Result<ParsedMail, ParseError> {
    if raw.is_empty() {
        return Err(ParseError::Empty);
    }
    let headers_only = raw.len() > options.max_parse_bytes;
    let parser = MessageParser::default();
    let message = if headers_only {
        parser.parse_headers(raw)
    } else {
        parser.parse(raw)
    }
    .ok_or(ParseError::NoHeaders)?;
    if !has_real_headers(&message) {
        return Err(ParseError::NoHeaders);
    }
    let mut mail = ParsedMail {
        headers_only,
        ..ParsedMail::default()
    };
    if headers_only {
        mail.warnings.push(format!(
            "message of {} MB exceeds ingest.max_parse_mb ({} MB): stored complete, only headers parsed and indexed",
            raw.len() >> 20,
            options.max_parse_bytes >> 20
        ));
    }
    read_headers(&message, raw, &mut mail);
    if !headers_only {
        let mut budget = MAX_TEXT_BYTES;
        let mut cut = false;
        let mut text = body_text(&message, raw, &mut mail.warnings, &mut budget, &mut cut);
        let body_cut = cut;
        if body_cut {
            text.push_str("\n\n");
            text.push_str(TRUNCATED_MARKER);
        }
        let split = split_quoted(&text);
        drop(text);
        mail.body = split.own;
        mail.quoted = split.quoted;
        read_attachments(&message, &mut mail, 0, &mut budget, &mut cut);
        if cut && !body_cut {
            mail.forwarded.push_str("\n\n");
            mail.forwarded.push_str(TRUNCATED_MARKER);
        }
        if cut {
            mail.warnings.push(format!(
                "decoded text longer than {} MB: the rest is cut (marked « {TRUNCATED_MARKER} »); the original is stored complete",
                MAX_TEXT_BYTES >> 20
            ));
        }
    }
    let from = mail
        .from
        .as_ref()
        .map(|f| f.address.clone())
        .unwrap_or_default();
    mail.kind = kind::kind_of(&message, &from, &mail.subject, &mail.body);
    mail.quoted_header = quoted_header(&mail.quoted);
    if mail.kind == Kind::Bounce {
        mail.bounce_ref =
            kind::bounced_message_id(&message, &format!("{}\n{}", mail.body, mail.quoted));
    }
    let sample = if mail.body.trim().is_empty() {
        mail.subject.as_str()
    } else {
        mail.body.as_str()
    };
    mail.language = detect_language(sample).to_string();
    Ok(mail)
}

/// mail-parser accepts anything; a message needs at least one header it recognises or one
/// well-formed `Name: value` line at the top.
fn has_real_headers(message: &Message<'_>) -> bool {
    message
        .headers()
        .iter()
        .any(|h| !matches!(h.name, HeaderName::Other(_)))
        || message.headers().iter().any(|h| {
            let name = h.name();
            !name.is_empty()
                && name.len() < 80
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

fn read_headers(message: &Message<'_>, raw: &[u8], mail: &mut ParsedMail) {
    mail.message_id = message
        .message_id()
        .map(clean_id)
        .filter(|id| !id.is_empty());
    mail.date = message
        .date()
        .filter(|d| d.is_valid())
        .map(|d| (d.to_timestamp(), tz_minutes(d)));
    mail.received_date = message
        .received()
        .and_then(|r| r.date())
        .filter(|d| d.is_valid())
        .map(|d| d.to_timestamp());
    mail.from = message.from().and_then(|a| mailboxes(a).into_iter().next());
    mail.to = message.to().map(mailboxes).unwrap_or_default();
    mail.cc = message.cc().map(mailboxes).unwrap_or_default();
    mail.bcc = message.bcc().map(mailboxes).unwrap_or_default();
    mail.reply_to = message.reply_to().map(mailboxes).unwrap_or_default();
    mail.subject = message
        .subject()
        .map(|s| fix_header_text(&repair_header(message, raw, HeaderName::Subject, s)))
        .unwrap_or_default();
    if let Some(from) = mail.from.as_mut()
        && from.name.contains('\u{FFFD}')
    {
        from.name = repair_header(message, raw, HeaderName::From, &from.name);
        // The repaired text is the whole header value: keep the display-name part.
        if let Some(pos) = from.name.find('<') {
            from.name = from.name[..pos].trim().trim_matches('"').to_string();
        }
    }
    if let Some(from) = mail.from.as_mut() {
        from.name = fix_header_text(&from.name);
    }
    mail.subject = bounded(&mail.subject, MAX_SUBJECT_CHARS);
    for m in mail
        .from
        .iter_mut()
        .chain(&mut mail.to)
        .chain(&mut mail.cc)
        .chain(&mut mail.bcc)
        .chain(&mut mail.reply_to)
    {
        m.name = bounded(&m.name, MAX_NAME_CHARS);
    }
    mail.auth_failed = message.header_values("Authentication-Results").any(|v| {
        let text = v.as_text().unwrap_or_default().to_ascii_lowercase();
        ["dmarc=fail", "dkim=fail", "spf=fail"]
            .iter()
            .any(|f| text.contains(f))
    });
    let precedence = message
        .header("Precedence")
        .and_then(|v| v.as_text())
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    mail.bulk = !message.list_id().is_empty()
        || !message.list_unsubscribe().is_empty()
        || ["bulk", "list", "junk"].contains(&precedence.as_str());
    mail.in_reply_to = id_list(message.in_reply_to()).into_iter().next();
    mail.references = id_list(message.references());
    if mail.references.len() > MAX_REFERENCES {
        // Keep the root and the newest: what threading looks for.
        let newest = mail.references.len() - (MAX_REFERENCES - 1);
        mail.references.drain(1..newest);
    }
}

/// Header text as it is kept: control and bidi characters stripped (a line break becomes a
/// space), surrounding spaces trimmed, at most `max` characters (then « … »).
fn bounded(text: &str, max: usize) -> String {
    let clean = crate::util::clean_header_text(text);
    crate::util::truncate_chars(clean.trim(), max).into_owned()
}

fn tz_minutes(date: &mail_parser::DateTime) -> i32 {
    let minutes = i32::from(date.tz_hour) * 60 + i32::from(date.tz_minute);
    if date.tz_before_gmt {
        -minutes
    } else {
        minutes
    }
}

/// Strips angle brackets, whitespace and control characters from a message id, and bounds it
/// (998 characters, the longest header line RFC 5322 allows).
pub fn clean_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .chars()
        .filter(|&c| !crate::util::is_unsafe_char(c))
        .take(MAX_ID_CHARS)
        .collect()
}

fn id_list(value: &HeaderValue<'_>) -> Vec<String> {
    let ids: Vec<String> = match value {
        HeaderValue::Text(id) => vec![clean_id(id)],
        HeaderValue::TextList(ids) => ids.iter().map(|id| clean_id(id)).collect(),
        _ => Vec::new(),
    };
    ids.into_iter().filter(|id| !id.is_empty()).collect()
}

/// The mailboxes of an address header. Names are cleaned by the caller (after repairs);
/// addresses lose control characters and are bounded here.
fn mailboxes(address: &Address<'_>) -> Vec<Mailbox> {
    address
        .iter()
        .map(|a| Mailbox {
            name: a.name().map(|n| n.trim().to_string()).unwrap_or_default(),
            address: a
                .address()
                .map(|a| {
                    a.trim()
                        .chars()
                        .filter(|&c| !crate::util::is_unsafe_char(c))
                        .take(MAX_ID_CHARS)
                        .collect::<String>()
                        .to_lowercase()
                })
                .unwrap_or_default(),
        })
        .filter(|m| !m.name.is_empty() || !m.address.is_empty())
        .collect()
}

/// A header decoded with replacement characters had raw 8-bit bytes (no RFC 2047): decode the
/// raw bytes as windows-1252, the usual charset of such mail, and unfold them.
fn repair_header(message: &Message<'_>, raw: &[u8], name: HeaderName<'_>, decoded: &str) -> String {
    if !decoded.contains('\u{FFFD}') {
        return decoded.to_string();
    }
    let Some(header) = message.headers().iter().find(|h| h.name == name) else {
        return decoded.to_string();
    };
    let start = header.offset_start() as usize;
    let end = (header.offset_end() as usize).min(raw.len());
    let Some(bytes) = raw.get(start..end) else {
        return decoded.to_string();
    };
    if std::str::from_utf8(bytes).is_ok() || bytes.windows(2).any(|w| w == b"=?") {
        return decoded.to_string();
    }
    let text = windows_1252(bytes);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

static MOJIBAKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("[\u{C2}-\u{DF}][\u{80}-\u{BF}]|[\u{E0}-\u{EF}][\u{80}-\u{BF}]{2}")
        .expect("static regex")
});

/// Repairs two defects of real headers that mail-parser leaves as they are:
/// an encoded word missing its closing `?=` (decoded after closing it), and UTF-8 bytes inside
/// an encoded word labelled ISO-8859-1 ("ComitÃ©" -> "Comité": each run of characters that are
/// the Latin-1 reading of a UTF-8 sequence is read back as UTF-8).
fn fix_header_text(text: &str) -> String {
    let mut text = text.to_string();
    let lower = text.to_ascii_lowercase();
    if let Some(start) = lower.find("=?")
        && (lower[start..].contains("?q?") || lower[start..].contains("?b?"))
        && !lower[start + 2..].contains("?=")
    {
        let fake = format!("Subject: {text}?=\r\n\r\n");
        if let Some(decoded) = MessageParser::default()
            .parse_headers(fake.as_bytes())
            .and_then(|m| m.subject().map(str::to_string))
            && !decoded.contains("=?")
        {
            text = decoded;
        }
    }
    if MOJIBAKE.is_match(&text) {
        text = MOJIBAKE
            .replace_all(&text, |caps: &regex::Captures<'_>| {
                let bytes: Vec<u8> = caps[0].chars().map(|c| c as u32 as u8).collect();
                String::from_utf8(bytes).unwrap_or_else(|_| caps[0].to_string())
            })
            .into_owned();
    }
    text
}

fn windows_1252(bytes: &[u8]) -> String {
    match charset_decoder(b"windows-1252") {
        Some(decode) => decode(bytes),
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// All text bodies, HTML converted to text, joined by blank lines: at most `budget` bytes,
/// which it decreases; sets `cut` when text was left out.
fn body_text(
    message: &Message<'_>,
    raw: &[u8],
    warnings: &mut Vec<String>,
    budget: &mut usize,
    cut: &mut bool,
) -> String {
    let mut out = String::new();
    for &id in &message.text_body {
        if *budget == 0 {
            *cut = true;
            break;
        }
        let Some(part) = message.parts.get(id as usize) else {
            continue;
        };
        let text: Cow<'_, str> = match &part.body {
            PartType::Text(text) => Cow::Borrowed(text.as_ref()),
            // HTML is several times longer than its text: convert a bounded prefix only.
            PartType::Html(html) => Cow::Owned(html_to_text(take_prefix(
                html,
                budget.saturating_mul(8),
                cut,
            ))),
            _ => continue,
        };
        let text = if text.contains('\u{FFFD}') && !has_known_charset(part) {
            match redecode_8bit(part, raw, *budget) {
                Some(fixed) => {
                    warnings
                        .push("text without a usable charset label decoded as windows-1252".into());
                    Cow::Owned(fixed)
                }
                None => text,
            }
        } else {
            text
        };
        let text = text.trim_end();
        let separator = if !out.is_empty() && !text.trim().is_empty() {
            "\n\n"
        } else {
            ""
        };
        let room = budget.saturating_sub(separator.len());
        let kept = take_prefix(text, room, cut);
        out.push_str(separator);
        out.push_str(kept);
        *budget = budget.saturating_sub(separator.len() + kept.len());
    }
    out
}

/// The longest prefix of `text` of at most `max` bytes ending on a character boundary; sets
/// `cut` when that is not all of it.
fn take_prefix<'t>(text: &'t str, max: usize, cut: &mut bool) -> &'t str {
    let kept = crate::util::take_prefix(text, max);
    *cut |= kept.len() < text.len();
    kept
}

fn has_known_charset(part: &MessagePart<'_>) -> bool {
    part.content_type()
        .and_then(|ct| ct.attribute("charset"))
        .is_some_and(|cs| charset_decoder(cs.as_bytes()).is_some())
}

/// Re-reads a text part's raw bytes, undoes its transfer encoding and decodes it as windows-1252.
/// Reads only what can give `budget` bytes of text (whole lines; the caller cuts the rest).
fn redecode_8bit(part: &MessagePart<'_>, raw: &[u8], budget: usize) -> Option<String> {
    let mut bytes = raw.get(part.raw_body_offset() as usize..part.raw_end_offset() as usize)?;
    // Encoded text is at most 4/3 of the decoded bytes (base64); HTML gets the same room as in
    // `body_text`.
    let limit = budget.saturating_mul(if part.is_text_html() { 8 } else { 2 });
    let cut = bytes.len() > limit;
    if cut {
        bytes = &bytes[..limit];
        if let Some(end) = bytes.iter().rposition(|&b| b == b'\n') {
            bytes = &bytes[..=end];
        }
    }
    let decoded = match part
        .content_transfer_encoding()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("quoted-printable") => quoted_printable_decode(bytes)?,
        Some("base64") => {
            let mut compact: Vec<u8> = bytes
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            if cut {
                // Whole base64 quanta only.
                compact.truncate(compact.len() - compact.len() % 4);
            }
            base64_decode(&compact)?
        }
        _ => bytes.to_vec(),
    };
    if std::str::from_utf8(&decoded).is_ok() {
        return None;
    }
    let text = windows_1252(&decoded);
    Some(if part.is_text_html() {
        html_to_text(&text)
    } else {
        text
    })
}

/// The decoded bytes of the attachments of `raw` at `positions` (the `position` of
/// [`ParsedMail::attachments`], counted the same way), for text extraction: (position, bytes).
/// A message over `options.max_parse_bytes` had only its headers parsed and lists none.
pub fn attachment_contents(
    raw: &[u8],
    positions: &[usize],
    options: &ParseOptions,
) -> Vec<(usize, Vec<u8>)> {
    let Some(message) = parse_parts(raw, options) else {
        return Vec::new();
    };
    leaf_attachments(&message)
        .enumerate()
        .filter(|(i, _)| positions.contains(i))
        .map(|(i, part)| (i, part.contents().to_vec()))
        .collect()
}

/// The attachments of `raw` (a forwarded message's own, say) with their decoded bytes, from one
/// parse: what text extraction needs to read them. Empty over `options.max_parse_bytes`.
pub fn attachments_with_contents(
    raw: &[u8],
    options: &ParseOptions,
) -> Vec<(AttachmentInfo, Vec<u8>)> {
    let Some(message) = parse_parts(raw, options) else {
        return Vec::new();
    };
    leaf_attachments(&message)
        .take(MAX_ATTACHMENTS)
        .map(|part| (attachment_info(part), part.contents().to_vec()))
        .collect()
}

/// `raw` parsed for its parts, or `None` over `options.max_parse_bytes` (such a message has
/// only its headers parsed, and none of its parts is read).
fn parse_parts<'x>(raw: &'x [u8], options: &ParseOptions) -> Option<Message<'x>> {
    if raw.len() > options.max_parse_bytes {
        return None;
    }
    MessageParser::default().parse(raw)
}

/// The attachments of `message` that are not multipart containers: those
/// [`ParsedMail::attachments`] lists, in the order their `position` counts.
fn leaf_attachments<'a>(message: &'a Message<'a>) -> impl Iterator<Item = &'a MessagePart<'a>> {
    message
        .attachments()
        .filter(|part| !matches!(part.body, PartType::Multipart(_)))
}

/// What is listed of an attachment: its name and type, bounded, and its decoded size.
fn attachment_info(part: &MessagePart<'_>) -> AttachmentInfo {
    AttachmentInfo {
        filename: bounded(
            part.attachment_name().unwrap_or_default(),
            MAX_FILENAME_CHARS,
        ),
        mime: bounded(&mime_of(part), MAX_NAME_CHARS),
        size: part.len() as u64,
    }
}

/// The iCalendar parts of `raw` (`text/calendar`, `application/ics`, a `.ics` file), in the
/// message and in the messages it forwards, decoded: at most 8, each at most 1 MB. The agenda
/// reads invitations from them.
pub fn calendar_parts(raw: &[u8], options: &ParseOptions) -> Vec<Vec<u8>> {
    const MAX_PARTS: usize = 8;
    const MAX_BYTES: usize = 1 << 20;
    // The size first: the marker scan reads the whole message.
    if raw.len() > options.max_parse_bytes || !contains_calendar(raw) {
        return Vec::new();
    }
    let Some(message) = parse_parts(raw, options) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    collect_calendars(&message, 0, &mut out, MAX_PARTS, MAX_BYTES);
    out
}

/// Whether `raw` may hold an iCalendar part: one case-insensitive pass for the markers of one
/// (a content type, an `.ics` name, the calendar itself) before the message is parsed again.
/// Runs on every message of an ingest.
fn contains_calendar(raw: &[u8]) -> bool {
    static MARKERS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "text/calendar",
                "application/ics",
                ".ics",
                "begin:vcalendar",
            ])
            .expect("static patterns")
    });
    MARKERS.is_match(raw)
}

fn collect_calendars(
    message: &Message<'_>,
    depth: usize,
    out: &mut Vec<Vec<u8>>,
    max_parts: usize,
    max_bytes: usize,
) {
    for part in &message.parts {
        if out.len() >= max_parts {
            return;
        }
        match &part.body {
            PartType::Message(inner) if depth < 3 => {
                collect_calendars(inner, depth + 1, out, max_parts, max_bytes);
            }
            PartType::Multipart(_) | PartType::Message(_) => {}
            _ => {
                let mime = mime_of(part);
                let name = part
                    .attachment_name()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if mime == "text/calendar"
                    || mime == "application/ics"
                    || name.ends_with(".ics")
                    || name.ends_with(".vcs")
                {
                    let bytes = part.contents();
                    if bytes.len() <= max_bytes {
                        out.push(bytes.to_vec());
                    }
                }
            }
        }
    }
}

/// Attachments of `message`; forwarded messages add their text to `mail.forwarded`, within the
/// text `budget` left by the body.
fn read_attachments(
    message: &Message<'_>,
    mail: &mut ParsedMail,
    depth: usize,
    budget: &mut usize,
    cut: &mut bool,
) {
    for part in leaf_attachments(message) {
        if mail.attachments.len() + mail.nested_attachment_names.len() >= MAX_ATTACHMENTS {
            if !mail.warnings.iter().any(|w| w.starts_with("more than")) {
                mail.warnings.push(format!(
                    "more than {MAX_ATTACHMENTS} attachments: only the first are listed"
                ));
            }
            return;
        }
        let info = attachment_info(part);
        if depth == 0 {
            mail.attachments.push(info);
        } else if !info.filename.is_empty() {
            mail.nested_attachment_names.push(info.filename);
        }
        if let PartType::Message(nested) = &part.body
            && depth < MAX_FORWARD_DEPTH
        {
            append_forwarded(nested, mail, depth + 1, budget, cut);
        }
    }
}

fn append_forwarded(
    nested: &Message<'_>,
    mail: &mut ParsedMail,
    depth: usize,
    budget: &mut usize,
    cut: &mut bool,
) {
    let raw = nested.raw_message();
    let mut ignored = Vec::new();
    let mut text = String::new();
    if let Some(from) = nested.from().and_then(|a| mailboxes(a).into_iter().next()) {
        text.push_str(&format!(
            "De : {} <{}>\n",
            bounded(&from.name, MAX_NAME_CHARS),
            from.address
        ));
    }
    if let Some(subject) = nested.subject() {
        text.push_str(&format!(
            "Objet : {}\n",
            bounded(subject, MAX_SUBJECT_CHARS)
        ));
    }
    let separator = if mail.forwarded.is_empty() { 0 } else { 2 };
    let mut room = budget.saturating_sub(text.len() + separator);
    if room == 0 {
        *cut = true;
    } else {
        text.push_str(&body_text(nested, raw, &mut ignored, &mut room, cut));
        let text = take_prefix(text.trim_end(), budget.saturating_sub(separator), cut);
        if !mail.forwarded.is_empty() {
            mail.forwarded.push_str("\n\n");
        }
        mail.forwarded.push_str(text);
        *budget = budget.saturating_sub(separator + text.len());
    }
    read_attachments(nested, mail, depth, budget, cut);
}

fn mime_of(part: &MessagePart<'_>) -> String {
    match part.content_type() {
        Some(ct) => match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
            None => ct.ctype().to_ascii_lowercase(),
        },
        None if part.is_message() => "message/rfc822".into(),
        None if part.is_text() => "text/plain".into(),
        None => "application/octet-stream".into(),
    }
}

#[cfg(test)]
mod tests;
