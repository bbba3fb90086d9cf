//! Attachment text (issue 19). A message is stored and filed first; its attachments are then
//! read from a queue (`extract_queue`, filled in the ingest transaction, kept across crashes):
//! each attachment's bytes go to a limited child process (`extract/sandbox.rs`,
//! `extract/child.rs`) that picks an extractor by what the bytes are (`extract/kind.rs`) —
//! poppler's `pdftotext` for PDFs with text, `pdftoppm` and tesseract in French for scans and
//! images, our own readers for Office and OpenDocument files (`extract/office.rs` over a
//! bounded `extract/zip.rs`), RTF, iCalendar and TNEF (`winmail.dat`) — and each ends with one
//! row of `attachment_text`: its state (`ok`, `empty`, `timeout`, `crashed`, `too_large`,
//! `unsupported`, `unavailable`), the extractor's name and version, the text. The message is
//! then queued for re-indexing, so that its attachments' text is searched (`attachment:`, and
//! below its own words in plain queries). `permanence extract` works the queue until it is
//! empty; the daemon works it between IMAP batches. A message is taken off the queue in the
//! same transaction that records its results: a crash redoes it, never loses it; one that
//! fails three times is recorded as `crashed` and dropped.

pub mod child;
pub mod ics;
pub mod kind;
pub mod office;
pub mod rtf;
pub mod sandbox;
pub mod tnef;
pub mod tools;
pub mod zip;

use anyhow::Result;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::ids::MessageId;

pub use kind::Kind;
pub use sandbox::Sandbox;

/// How the extraction of one attachment ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Text was read.
    Ok,
    /// Read, but it holds no text (a blank page, a photo).
    Empty,
    /// Stopped: it ran past its wall or CPU time.
    Timeout,
    /// The extractor failed (a damaged file, a crash).
    Crashed,
    /// Past a size bound (input, inflated size, pixels, output).
    TooLarge,
    /// No extractor for this kind.
    Unsupported,
    /// The extractor is not installed here (`permanence status` says which).
    Unavailable,
}

impl State {
    /// Every state.
    pub const ALL: [State; 7] = [
        State::Ok,
        State::Empty,
        State::Timeout,
        State::Crashed,
        State::TooLarge,
        State::Unsupported,
        State::Unavailable,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Ok => "ok",
            State::Empty => "empty",
            State::Timeout => "timeout",
            State::Crashed => "crashed",
            State::TooLarge => "too_large",
            State::Unsupported => "unsupported",
            State::Unavailable => "unavailable",
        }
    }

    /// As pages say it.
    pub fn french(self) -> &'static str {
        match self {
            State::Ok => "texte lu",
            State::Empty => "sans texte",
            State::Timeout => "délai dépassé",
            State::Crashed => "illisible",
            State::TooLarge => "trop volumineux",
            State::Unsupported => "format non lu",
            State::Unavailable => "outil absent",
        }
    }
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl ToSql for State {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl FromSql for State {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        State::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| FromSqlError::Other(format!("unknown extraction state {s:?}").into()))
    }
}

/// The bounds of one extraction: `[extract]` in the configuration.
pub use crate::config::ExtractConfig as Limits;

/// One attachment's result, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentText {
    /// Its message.
    pub message: MessageId,
    /// Its position among the message's attachments.
    pub position: usize,
    /// How it ended.
    pub state: State,
    /// Engine and version.
    pub extractor: String,
    /// Characters of text.
    pub chars: usize,
    /// Why not ok, or what was read.
    pub detail: String,
    /// The text.
    #[serde(skip)]
    pub text: String,
}

/// The results of message `message`'s attachments, by position.
pub fn of_message(conn: &Connection, message: MessageId) -> Result<Vec<AttachmentText>> {
    Ok(conn
        .prepare_cached(
            "SELECT position, state, extractor, chars, detail, text FROM attachment_text
             WHERE message = ?1 ORDER BY position",
        )?
        .query_map([message], |r| {
            Ok(AttachmentText {
                message,
                position: r.get::<_, i64>(0)?.max(0) as usize,
                state: r.get(1)?,
                extractor: r.get(2)?,
                chars: r.get::<_, i64>(3)?.max(0) as usize,
                detail: r.get(4)?,
                text: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// (position, state, characters) of message `message`'s attachments, without their text.
pub fn states_of(conn: &Connection, message: MessageId) -> Result<Vec<(usize, State, usize)>> {
    Ok(conn
        .prepare_cached(
            "SELECT position, state, chars FROM attachment_text WHERE message = ?1 ORDER BY position",
        )?
        .query_map([message], |r| {
            Ok((
                r.get::<_, i64>(0)?.max(0) as usize,
                r.get(1)?,
                r.get::<_, i64>(2)?.max(0) as usize,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// One attachment's result as pages show it: its state and the start of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Position among the message's attachments.
    pub position: usize,
    /// How it ended.
    pub state: State,
    /// Engine and version.
    pub extractor: String,
    /// Characters of text.
    pub chars: usize,
    /// Why not ok, or what was read.
    pub detail: String,
    /// The first `preview_chars` characters of its text.
    pub start: String,
}

/// The results of message `message`'s attachments with the first `preview_chars` characters
/// of each text (the whole texts are not read).
pub fn previews(
    conn: &Connection,
    message: MessageId,
    preview_chars: usize,
) -> Result<Vec<Preview>> {
    Ok(conn
        .prepare_cached(
            "SELECT position, state, extractor, chars, detail, substr(text, 1, ?2)
             FROM attachment_text WHERE message = ?1 ORDER BY position",
        )?
        .query_map(params![message, preview_chars as i64], |r| {
            Ok(Preview {
                position: r.get::<_, i64>(0)?.max(0) as usize,
                state: r.get(1)?,
                extractor: r.get(2)?,
                chars: r.get::<_, i64>(3)?.max(0) as usize,
                detail: r.get(4)?,
                start: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Queues message `message` (in the ingest transaction, when it has attachments).
pub fn enqueue(conn: &Connection, message: i64, now: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO extract_queue (message, queued_at) VALUES (?1, ?2)",
    )?
    .execute(params![message, now])?;
    Ok(())
}

/// Messages waiting in the queue.
pub fn pending(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM extract_queue", [], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// Counts of attachments per state, for `status`.
pub fn counts(conn: &Connection) -> Result<Vec<(State, u64)>> {
    Ok(conn
        .prepare("SELECT state, count(*) FROM attachment_text GROUP BY state ORDER BY state")?
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Queues again every message with attachments (`since`: received at or after this Unix
/// time), for `extract --again` after a better engine is installed. Returns how many.
pub fn requeue_all(conn: &Connection, since: Option<i64>, now: i64) -> Result<u64> {
    Ok(conn.execute(
        "INSERT OR IGNORE INTO extract_queue (message, queued_at)
         SELECT DISTINCT a.message, ?2 FROM attachments a JOIN messages m ON m.id = a.message
         WHERE ?1 IS NULL OR m.date >= ?1",
        params![since, now],
    )? as u64)
}

/// Queues again the attachments left `unavailable` whose program is now installed. Returns
/// how many messages.
pub fn requeue_available(conn: &Connection, tools: &tools::Tools, now: i64) -> Result<u64> {
    let mut missing_now = Vec::new();
    if tools.pdftotext.is_none() {
        missing_now.push("pdftotext");
    }
    if !tools.ocr() || tools.pdftoppm.is_none() {
        missing_now.push("tesseract");
        missing_now.push("OCR");
    }
    if tools.catdoc.is_none() {
        missing_now.push("catdoc");
    }
    let rows: Vec<(i64, String)> = conn
        .prepare("SELECT message, detail FROM attachment_text WHERE state = 'unavailable'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut n = 0;
    for (message, detail) in rows {
        if !missing_now.iter().any(|m| detail.contains(m)) {
            n += conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO extract_queue (message, queued_at) VALUES (?1, ?2)",
                )?
                .execute(params![message, now])? as u64;
        }
    }
    Ok(n)
}

/// A higher layer's follow-up of a message whose attachments' text was just recorded: (the
/// batch's transaction, message id, the message parsed, (file name, text) of the attachments
/// read, its iCalendar parts, now).
pub type TextHook = Box<
    dyn Fn(
            &rusqlite::Transaction<'_>,
            i64,
            &crate::parse::ParsedMail,
            &[(String, String)],
            &[Vec<u8>],
            i64,
        ) -> Result<()>
        + Send
        + Sync,
>;

/// What the text of a message's attachments changes once it arrives: its themes and communes
/// (the rules read the attachments too) and, for a cover note carrying a motion, its case (a
/// campaign whose text is in the attachment).
pub struct Followup {
    rules: crate::rules::RuleSet,
    territory: Vec<String>,
    settings: crate::cases::Settings,
    /// What a higher layer does with the text too (the agenda reads the invitation card).
    after_text: Option<TextHook>,
    /// The officials directory, loaded the first time a letter signed in an attachment may
    /// name a sender not yet known.
    directory: std::cell::OnceCell<crate::officials::Directory>,
}

impl Followup {
    /// The rules of the data directory and the office's settings.
    pub fn from_context(ctx: &crate::context::Context) -> Result<Followup> {
        Ok(Followup {
            rules: crate::rules::load_dir(&ctx.rules_dir())?,
            territory: ctx.config.office.departements.clone(),
            settings: crate::cases::Settings::from_config(&ctx.config),
            after_text: None,
            directory: std::cell::OnceCell::new(),
        })
    }

    /// Also runs `hook` on each message whose attachments' text was read, in the same
    /// transaction (the agenda reads invitations from it: `agenda::text_hook`).
    pub fn with_after_text(mut self, hook: Option<TextHook>) -> Followup {
        self.after_text = hook;
        self
    }

    /// Tags message `message` again with its attachments' text and files it again when that
    /// text makes it a campaign copy. Staff themes stay (`rules::record` keeps them).
    fn apply(
        &self,
        tx: &rusqlite::Transaction<'_>,
        message: i64,
        parsed: &crate::parse::ParsedMail,
        rows: &[(String, String)],
        calendars: &[Vec<u8>],
        now: i64,
    ) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let attached = crate::rules::Attached::new(
            rows.iter()
                .map(|(name, text)| (name.as_str(), text.as_str())),
        );
        self.match_signed_attachment(tx, message, parsed, rows, now)?;
        let (commune, functions) = crate::officials::rule_facts(tx, message)?;
        let facts = crate::rules::OfficialFacts { commune, functions };
        let day = parsed.day(now);
        let tags = crate::rules::tag_with(
            parsed,
            &facts,
            &attached,
            &self.rules,
            &self.territory,
            parsed.kind,
            &day,
        )?;
        crate::rules::record(tx, message, &tags, now)?;
        if let Some(filed) = crate::cases::refile_with_attachments(
            tx,
            message,
            parsed,
            &attached.text,
            &self.settings,
        )? {
            tracing::info!(message, case = filed.case_id, reason = %filed.reason, "refiled by its attachments' text");
        }
        if let Some(hook) = &self.after_text {
            hook(tx, message, parsed, rows, calendars, now)?;
        }
        Ok(())
    }
}

impl Followup {
    /// Whether message `message`'s sender is not known for sure: no official, several
    /// possible, or a generic town-hall mailbox taken for the mayor (staff decisions and
    /// matches by address or signature are final).
    fn sender_open(conn: &Connection, message: i64) -> Result<bool> {
        use crate::officials::Method;
        Ok(match crate::officials::recorded(conn, message)? {
            None => true,
            Some(m) => matches!(
                m.method,
                Method::None | Method::Possible | Method::Ambiguous | Method::TownHallGeneric
            ),
        })
    }

    /// Loads the officials directory before the batch's transaction when one of `done` may
    /// need it (a message with text whose sender is open): its load (seconds with the national
    /// files) must not hold the write lock.
    fn prepare(&self, conn: &Connection, done: &[(i64, Done)]) -> Result<()> {
        if self.directory.get().is_some() {
            return Ok(());
        }
        for (message, (results, ..)) in done {
            if results.iter().any(|r| r.state == State::Ok)
                && Followup::sender_open(conn, *message)?
            {
                let d = crate::officials::Directory::load(conn, &self.territory)?;
                let _ = self.directory.set(d);
                break;
            }
        }
        Ok(())
    }

    /// A letter signed in an attachment (a mayor's letter scanned and sent by the town hall's
    /// secretariat): when the sender is not known for sure (no official, several possible, or
    /// a generic town-hall mailbox taken for the mayor), each attachment's text is matched as
    /// the letter's own text; a signature that names an official decides, and the reason
    /// names the attachment. Staff decisions are never replaced.
    fn match_signed_attachment(
        &self,
        tx: &rusqlite::Transaction<'_>,
        message: i64,
        parsed: &crate::parse::ParsedMail,
        attachments: &[(String, String)],
        now: i64,
    ) -> Result<()> {
        use crate::officials::Method;
        if !Followup::sender_open(tx, message)? || parsed.kind != crate::parse::Kind::Personal {
            return Ok(());
        }
        let before =
            crate::officials::recorded(tx, message)?.and_then(|m| m.official.map(|o| o.id));
        let directory = match self.directory.get() {
            Some(d) => d,
            None => {
                let d = crate::officials::Directory::load(tx, &self.territory)?;
                self.directory.get_or_init(|| d)
            }
        };
        let rejected = crate::officials::rejected_for(tx, message)?;
        let day = parsed.day(now);
        for (name, text) in attachments {
            let letter = crate::parse::ParsedMail {
                body: text.clone(),
                quoted: String::new(),
                forwarded: String::new(),
                ..parsed.clone()
            };
            let mut m = directory.match_mail(&letter, &day, &rejected);
            if m.method != Method::Signature || m.official.is_none() || m.official == before {
                continue;
            }
            m.reason = format!("in attachment \u{ab} {name} \u{bb}: {}", m.reason);
            crate::officials::record(tx, message, &m)?;
            crate::rematch::follow_message_official(tx, message, m.official, before)?;
            tracing::info!(message, official = ?m.official, attachment = %name, "sender matched by an attachment's signature");
            break;
        }
        Ok(())
    }
}

/// What a run of the queue did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Messages taken off the queue.
    pub messages: u64,
    /// Attachments per state.
    pub states: std::collections::BTreeMap<String, u64>,
    /// Messages given up after failing three times.
    pub given_up: u64,
}

/// How often a message may be started before it is given up.
const MAX_ATTEMPTS: i64 = 3;

/// Messages taken off the queue together: their starts recorded in one transaction, their
/// attachments extracted by [`Limits::threads`] children at a time, their results recorded in
/// one transaction.
const BATCH: usize = 16;

/// Works the queue: at most `max_messages` messages (all when None), oldest queued first, in
/// batches. Each message's attachments are extracted outside any transaction; then its
/// results are written, it is tagged (and perhaps filed) again, queued for re-indexing and
/// taken off the queue in the batch's transaction.
pub fn work(
    store: &mut crate::store::Store,
    raw: &crate::rawstore::RawStore,
    sandbox: &Sandbox,
    options: &crate::parse::ParseOptions,
    followup: &Followup,
    max_messages: Option<u64>,
) -> Result<Summary> {
    let mut summary = Summary::default();
    loop {
        let room = max_messages.map_or(BATCH as u64, |m| m.saturating_sub(summary.messages));
        if room == 0 {
            break;
        }
        let next: Vec<(i64, i64)> = store
            .conn()
            .prepare_cached(
                "SELECT message, attempts FROM extract_queue ORDER BY queued_at, message LIMIT ?1",
            )?
            .query_map([room.min(BATCH as u64) as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if next.is_empty() {
            break;
        }
        summary.messages += next.len() as u64;
        let now = crate::store::now();
        let (tired, batch): (Vec<_>, Vec<_>) = next
            .into_iter()
            .partition(|(_, attempts)| *attempts >= MAX_ATTEMPTS);
        // The starts are recorded first: a message that kills this process every time ends
        // given up instead of looping.
        store.transaction(|tx| {
            for (message, attempts) in &tired {
                tracing::warn!(message, attempts, "extraction failed every time: given up");
                give_up(tx, *message, now)?;
            }
            for (message, _) in &batch {
                tx.execute(
                    "UPDATE extract_queue SET attempts = attempts + 1 WHERE message = ?1",
                    [message],
                )?;
            }
            Ok(())
        })?;
        summary.given_up += tired.len() as u64;
        let jobs: Vec<Job> = batch
            .iter()
            .map(|(message, _)| job(store.conn(), *message))
            .collect::<Result<_>>()?;
        let done = run_jobs(&jobs, raw, sandbox, options)?;
        for (message, (results, ..)) in &done {
            for r in results {
                *summary
                    .states
                    .entry(r.state.as_str().to_string())
                    .or_default() += 1;
                tracing::info!(
                    message,
                    position = r.position,
                    state = %r.state,
                    extractor = %r.extractor,
                    chars = r.chars,
                    detail = %r.detail,
                    "attachment extracted"
                );
            }
        }
        followup.prepare(store.conn(), &done)?;
        store.transaction(|tx| {
            for (job, (message, (results, parsed, calendars))) in jobs.iter().zip(&done) {
                // (file name, text) of the attachments read, for the follow-up.
                let texts: Vec<(String, String)> = results
                    .iter()
                    .filter(|r| r.state == State::Ok)
                    .map(|r| {
                        let name = job.listed.iter().find(|l| l.0 == r.position);
                        (
                            name.map(|l| l.1.clone()).unwrap_or_default(),
                            r.text.clone(),
                        )
                    })
                    .collect();
                if record(tx, *message, results, now)?
                    && let Some(parsed) = parsed
                {
                    followup.apply(tx, *message, parsed, &texts, calendars, now)?;
                }
            }
            Ok(())
        })?;
    }
    Ok(summary)
}

/// What extracting one message needs from the database, read before the work.
struct Job {
    message: i64,
    blob: Option<String>,
    /// (position, file name, type) of each attachment.
    listed: Vec<(usize, String, String)>,
}

fn job(conn: &Connection, message: i64) -> Result<Job> {
    let blob: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT blob FROM messages WHERE id = ?1",
        [message],
        |r| r.get(0),
    ))?;
    let listed = conn
        .prepare_cached(
            "SELECT position, filename, mime FROM attachments WHERE message = ?1 ORDER BY position",
        )?
        .query_map([message], |r| {
            Ok((r.get::<_, i64>(0)?.max(0) as usize, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Job {
        message,
        blob,
        listed,
    })
}

/// What extracting a message gave: its attachments' text, the message parsed, and its
/// iCalendar parts (for the agenda's second reading).
type Done = (
    Vec<AttachmentText>,
    Option<crate::parse::ParsedMail>,
    Vec<Vec<u8>>,
);

/// Extracts `jobs` on `sandbox.limits.threads` threads; results in the jobs' order.
fn run_jobs(
    jobs: &[Job],
    raw: &crate::rawstore::RawStore,
    sandbox: &Sandbox,
    options: &crate::parse::ParseOptions,
) -> Result<Vec<(i64, Done)>> {
    let threads = sandbox.limits.threads.clamp(1, 16).min(jobs.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Result<Done>>>> =
        jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let done = extract_message(job, raw, sandbox, options);
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(done);
                    }
                }
            });
        }
    });
    let mut out = Vec::with_capacity(jobs.len());
    for (job, slot) in jobs.iter().zip(slots) {
        let done = slot
            .into_inner()
            .map_err(|_| anyhow::anyhow!("an extraction thread panicked"))?
            .unwrap_or_else(|| {
                Err(anyhow::anyhow!(
                    "message #{} was not extracted",
                    job.message
                ))
            })?;
        out.push((job.message, done));
    }
    Ok(out)
}

/// Extracts every attachment of `message` (no transaction held).
fn extract_message(
    job: &Job,
    raw: &crate::rawstore::RawStore,
    sandbox: &Sandbox,
    options: &crate::parse::ParseOptions,
) -> Result<Done> {
    let message = job.message;
    let Some(blob) = &job.blob else {
        return Ok((Vec::new(), None, Vec::new()));
    };
    if job.listed.is_empty() {
        return Ok((Vec::new(), None, Vec::new()));
    }
    let listed = job.listed.clone();
    let bytes = raw.read(blob)?;
    let positions: Vec<usize> = listed.iter().map(|l| l.0).collect();
    let contents = crate::parse::attachment_contents(&bytes, &positions, options);
    let parsed = crate::parse::parse(&bytes, options).ok();
    let calendars = crate::parse::calendar_parts(&bytes, options);
    drop(bytes);
    let mut out = Vec::new();
    for (position, filename, mime) in listed {
        let Some((_, data)) = contents.iter().find(|(p, _)| *p == position) else {
            continue;
        };
        let kind = kind::detect(&mime, &filename, &data[..data.len().min(1024)]);
        let o = if kind == Kind::Message {
            // Its text is read with the message itself; its own attachments (the invitation
            // card a secretary forwards) are read here, their texts one after the other.
            match forwarded_attachments(data, sandbox, options) {
                Some(o) => o,
                None => continue,
            }
        } else if data.is_empty() {
            child::Outcome::without_text(State::Empty, "pièce jointe vide")
        } else if kind == Kind::Other {
            child::Outcome::without_text(State::Unsupported, format!("{mime} : pas d'extracteur"))
        } else {
            sandbox.extract(kind, data)
        };
        if sandbox.stopped() {
            anyhow::bail!("extraction stopped before message #{message} was done");
        }
        let text = if o.extractor.contains("tesseract") {
            join_split_commune_names(&o.text, crate::communes::Gazetteer::bundled()?)
        } else {
            o.text
        };
        out.push(AttachmentText {
            message: MessageId(message),
            position,
            state: o.state,
            extractor: o.extractor,
            chars: text.chars().count(),
            detail: o.detail,
            text,
        });
    }
    Ok((out, parsed, calendars))
}

/// The text of the attachments of a forwarded message (`message/rfc822` bytes), each read
/// in the sandbox like any attachment, one level deep; None when it has none.
fn forwarded_attachments(
    data: &[u8],
    sandbox: &Sandbox,
    options: &crate::parse::ParseOptions,
) -> Option<child::Outcome> {
    let inner = crate::parse::attachments_with_contents(data, options);
    let mut texts = Vec::new();
    let mut extractors = Vec::new();
    let mut details = Vec::new();
    let mut isolated = true;
    for (info, bytes) in &inner {
        let kind = kind::detect(&info.mime, &info.filename, &bytes[..bytes.len().min(1024)]);
        if matches!(kind, Kind::Message | Kind::Other) || bytes.is_empty() {
            continue;
        }
        let o = sandbox.extract(kind, bytes);
        isolated &= o.isolated;
        details.push(format!("{} : {}", info.filename, o.state.as_str()));
        if o.state == State::Ok && !o.text.trim().is_empty() {
            texts.push(o.text);
            if !extractors.contains(&o.extractor) {
                extractors.push(o.extractor);
            }
        }
    }
    if details.is_empty() {
        return None;
    }
    let state = if texts.is_empty() {
        State::Empty
    } else {
        State::Ok
    };
    Some(child::Outcome {
        state,
        extractor: extractors.join(", "),
        text: texts.join("\n\n"),
        detail: format!(
            "pièces jointes du message transféré : {}",
            details.join(" ; ")
        ),
        isolated,
    })
}

/// OCR sometimes cuts a capital from the rest of its word (« S aint-Égrève »). A lone capital
/// letter followed by a word in lower case is joined to it when together they name a commune of
/// the gazetteer: the names the tagging and the staff search for most.
pub fn join_split_commune_names(text: &str, gazetteer: &crate::communes::Gazetteer) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(|c: char| c.is_uppercase()) {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        let mut chars = from.chars();
        let capital = chars.next().unwrap_or(' ');
        let after = chars.as_str();
        let lone = !before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if lone
            && let Some(word) = after.strip_prefix(' ')
            && word.starts_with(|c: char| c.is_lowercase())
        {
            let end = word.find(char::is_whitespace).unwrap_or(word.len());
            let core = word[..end].trim_end_matches(|c: char| !c.is_alphanumeric());
            let joined = format!("{capital}{core}");
            if !gazetteer
                .codes_named(&crate::util::fold(&joined))
                .is_empty()
            {
                out.push(capital);
                rest = word;
                continue;
            }
        }
        out.push(capital);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Writes the results and takes the message off the queue; false when the message was erased
/// meanwhile (nothing written).
fn record(tx: &Connection, message: i64, results: &[AttachmentText], now: i64) -> Result<bool> {
    // The message may have been erased meanwhile: then nothing is written.
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM messages WHERE id = ?1)",
        [message],
        |r| r.get(0),
    )?;
    if exists {
        let mut put = tx.prepare_cached(
            "INSERT OR REPLACE INTO attachment_text
               (message, position, state, extractor, text, chars, detail, extracted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for r in results {
            put.execute(params![
                message,
                r.position as i64,
                r.state,
                r.extractor,
                r.text,
                r.chars as i64,
                r.detail,
                now
            ])?;
        }
        crate::store::messages::mark_dirty(tx, message)?;
    }
    tx.execute("DELETE FROM extract_queue WHERE message = ?1", [message])?;
    Ok(exists)
}

fn give_up(tx: &Connection, message: i64, now: i64) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO attachment_text (message, position, state, detail, extracted_at)
         SELECT message, position, 'crashed', 'l''extraction a échoué à chaque essai', ?2
         FROM attachments WHERE message = ?1",
        params![message, now],
    )?;
    tx.execute("DELETE FROM extract_queue WHERE message = ?1", [message])?;
    Ok(())
}

/// The daemon's extraction thread: works the queue one message at a time while there is work,
/// then looks again every few seconds, until `sandbox`'s stop flag is set. The messages that got
/// text are queued for re-indexing; the daemon's pipeline thread (which holds the index writer)
/// indexes them on its next tick.
pub fn daemon_loop(
    dir: &std::path::Path,
    sandbox: &Sandbox,
    after_text: Option<TextHook>,
) -> Result<()> {
    let mut ctx = crate::context::Context::open(dir)?;
    let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
    let followup = Followup::from_context(&ctx)?.with_after_text(after_text);
    let now = crate::store::now();
    ctx.store
        .transaction(|tx| requeue_available(tx, &sandbox.tools, now))?;
    while !sandbox.stopped() {
        match work(
            &mut ctx.store,
            &ctx.raw,
            sandbox,
            &options,
            &followup,
            Some(1),
        ) {
            Ok(s) if s.messages > 0 => continue,
            Ok(_) => {}
            Err(e) if sandbox.stopped() => {
                tracing::info!(error = %format!("{e:#}"), "extraction stopped");
                break;
            }
            Err(e) => tracing::error!(error = %format!("{e:#}"), "attachment extraction failed"),
        }
        for _ in 0..50 {
            if sandbox.stopped() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_splits_of_commune_names_are_joined() {
        let g = crate::communes::Gazetteer::bundled().unwrap();
        for (ocr, expected) in [
            (
                "Le Conseil municipal de S aint-Égrève a",
                "Le Conseil municipal de Saint-Égrève a",
            ),
            ("à V oiron, le 3 mars", "à Voiron, le 3 mars"),
            ("M onsieur le Maire", "M onsieur le Maire"),
            ("A la mairie", "A la mairie"),
            ("Saint-Égrève", "Saint-Égrève"),
            ("", ""),
        ] {
            assert_eq!(join_split_commune_names(ocr, g), expected);
        }
    }
}
