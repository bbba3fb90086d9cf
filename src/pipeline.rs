//! The ingest pipeline: inputs -> hash -> raw store -> parse -> SQLite -> index, in batches.
//!
//! Plan, per batch:
//! 1. hash each input; inputs whose bytes are already stored only gain a source row ("known");
//!    an input larger than `[ingest] max_message_mb` is refused (recorded as a failure naming it,
//!    nothing stored) whatever its source — files, mbox and stdin are already bounded while they
//!    are read, IMAP messages are refused from the server's size before download (and fetched
//!    cut at the cap plus one byte, see `imap/sync.rs`); what still comes in over the cap (the
//!    demo) is refused here;
//! 2. parse the new ones (a parse failure is recorded, never fatal) and stage their bytes in the
//!    raw store;
//! 3. make the raw store durable (one sync for the batch);
//! 4. record messages, sources, problems and counts in one SQLite transaction, together with the
//!    caller's own bookkeeping (an IMAP high-water mark), so a crash anywhere means at most a
//!    re-read of the batch, never a loss or a duplicate;
//! 5. hand the documents to the index writer, committed every few thousand messages and at the
//!    end; rows committed to SQLite but not to the index are caught up on the next start.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use rusqlite::Transaction;
use serde::Serialize;

use crate::context::Context;
use crate::index::{DocLimits, IndexRow, Indexer};
use crate::officials::{self, Directory, Match};
use crate::parse::{self, ParseOptions, ParsedMail};
use crate::rawstore;
use crate::source::Input;
use crate::store::messages::{self, NewMessage, ParseState};
use crate::store::now;
use crate::store::runs::{self, Counts, Problem, Severity};

/// Index commits happen at least this often (in documents) during long imports.
const INDEX_COMMIT_EVERY: usize = 20_000;

/// What one run did, for the summary.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Counts.
    pub counts: Counts,
    /// Every problem met, in input order.
    pub problems: Vec<Problem>,
}

/// An ingest run over one data directory. Holds the index writer lock while it lives.
pub struct Pipeline<'a> {
    ctx: &'a mut Context,
    directory: Arc<Directory>,
    rules: Arc<crate::rules::RuleSet>,
    rules_stamp: Vec<(std::path::PathBuf, std::time::SystemTime)>,
    indexer: Indexer,
    /// The raw store's one appender.
    writer: rawstore::PackWriter,
    run: i64,
    /// `[ingest] max_message_mb` in bytes.
    max_message_bytes: u64,
    options: ParseOptions,
    limits: DocLimits,
    report: Report,
    /// When the access log was last pruned (housekeeping).
    pruned_at: i64,
}

/// A new message waiting for its batch to commit.
struct Pending {
    input: usize,
    blob: String,
    size: u64,
    parsed: Option<ParsedMail>,
    error: String,
    matched: Option<Match>,
    tags: Option<crate::rules::Tags>,
    /// Campaign signature and substantive word count, for the cases stage.
    facts: crate::cases::campaign::TextFacts,
    /// The invitation read from its text and iCalendar parts (None: agenda off or no text).
    agenda: Option<crate::agenda::Reading>,
}

impl<'a> Pipeline<'a> {
    /// Starts a run named `source` (shown by `stats`): takes the index writer and first indexes
    /// any rows a previous run committed to SQLite but not to the index.
    pub fn start(ctx: &'a mut Context, source: &str) -> Result<Pipeline<'a>> {
        let mut indexer = ctx.index.writer_waiting(
            ctx.config.index.writer_heap_mb,
            ctx.config.index.writer_threads,
            std::time::Duration::from_secs(30),
        )?;
        let mut writer = rawstore::PackWriter::open(ctx.raw.root(), ctx.store.conn())?;
        let moved = writer.migrate_loose(&mut ctx.store)?;
        if moved > 0 {
            tracing::info!(messages = moved, "raw store moved into pack files");
        }
        let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
        let limits = crate::index::DocLimits::from_config(&ctx.config.index);
        let caught_up = catch_up(ctx, &mut indexer, options, limits)?;
        if caught_up > 0 {
            tracing::info!(
                messages = caught_up,
                "indexed messages missing from the index"
            );
        }
        let filed = crate::cases::catch_up(ctx, options)?;
        if filed > 0 {
            tracing::info!(messages = filed, "filed stored messages into cases");
        }
        let run = runs::start(ctx.store.conn(), source, now())?;
        let directory = Directory::load(ctx.store.conn(), &ctx.config.office.departements)?;
        let rules = crate::rules::load_dir(&ctx.rules_dir())
            .context("cannot load the theme rules (see `permanence rules check`)")?;
        let rules_stamp = rules_stamp(&ctx.rules_dir());
        let max_message_bytes = max_message_bytes(&ctx.config);
        Ok(Pipeline {
            ctx,
            directory: Arc::new(directory),
            rules: Arc::new(rules),
            rules_stamp,
            indexer,
            writer,
            run,
            max_message_bytes,
            options,
            limits,
            report: Report::default(),
            pruned_at: 0,
        })
    }

    /// Batch size from the configuration.
    pub fn batch_size(&self) -> usize {
        self.ctx.config.ingest.batch_size
    }

    /// `[ingest] max_message_mb` in bytes: sources read no more than this (plus one byte) of one
    /// input, and larger inputs are refused.
    pub fn max_message_bytes(&self) -> u64 {
        self.max_message_bytes
    }

    /// Records source entries that were not read (Maildir symbolic links, FIFOs, sockets,
    /// devices, unreadable folders) as warnings of this run, in one transaction.
    pub fn report_skipped(&mut self, skipped: &[crate::source::Skipped]) -> Result<()> {
        if skipped.is_empty() {
            return Ok(());
        }
        let at = now();
        let problems: Vec<Problem> = skipped
            .iter()
            .map(|s| problem(&s.location, Severity::Warning, s.reason.clone(), None))
            .collect();
        let counts = Counts {
            warnings: problems.len() as u64,
            ..Counts::default()
        };
        let run = self.run;
        self.ctx.store.transaction(|tx| {
            runs::add_problems(tx, run, &problems, at)?;
            runs::add_counts(tx, run, counts)
        })?;
        self.report.counts += counts;
        self.report.problems.extend(problems);
        Ok(())
    }

    /// Drops from `files` (found under the Maildirs `roots`) those already recorded at that path
    /// for a message of the same size, and counts them as known: re-reading a filed Maildir is
    /// then a walk and one `stat` per file, not a read and a hash (issue 18: ≥ 50,000
    /// messages/s). A delivered Maildir file never changes (its flags live in its name); one
    /// whose size differs from what was stored is read and hashed as usual, and a path given
    /// another way (relative instead of absolute) only misses the shortcut.
    pub fn skip_recorded_maildir_files(
        &mut self,
        roots: &[std::path::PathBuf],
        files: Vec<std::path::PathBuf>,
    ) -> Result<Vec<std::path::PathBuf>> {
        let prefixes: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
        let recorded = messages::recorded_sources(self.ctx.store.conn(), "maildir", &prefixes)?;
        if recorded.is_empty() {
            return Ok(files);
        }
        let before = files.len();
        let rest: Vec<std::path::PathBuf> = files
            .into_iter()
            .filter(|path| {
                let same = recorded
                    .get(&path.display().to_string())
                    .zip(std::fs::symlink_metadata(path).ok())
                    .is_some_and(|(&size, meta)| meta.is_file() && meta.len() == size);
                !same
            })
            .collect();
        let skipped = (before - rest.len()) as u64;
        if skipped > 0 {
            let counts = Counts {
                known: skipped,
                ..Counts::default()
            };
            let run = self.run;
            self.ctx
                .store
                .transaction(|tx| runs::add_counts(tx, run, counts))?;
            self.report.counts += counts;
            tracing::debug!(skipped, "maildir files already recorded at that path");
        }
        Ok(rest)
    }

    /// Processes one batch (see the module plan). `on_commit` runs inside the batch transaction
    /// with the batch's counts and the message id of each input (`None` when nothing was stored).
    /// Returns the batch's counts; problems accumulate in the run report.
    pub fn process(
        &mut self,
        inputs: Vec<Input>,
        on_commit: impl FnOnce(&Transaction<'_>, Counts, &[Option<i64>]) -> Result<()>,
    ) -> Result<Counts> {
        let prepared = self.preparer().prepare(self.ctx.store.conn(), inputs)?;
        self.commit(prepared, on_commit)
    }

    /// Processes every batch of `batches` (an import), preparing the next batch — reading it,
    /// hashing, parsing, matching and tagging, on a thread of its own and all cores — while the
    /// current one is written and committed: the machine is never idle waiting for a sync or
    /// SQLite. `done` is told how many inputs each committed batch had. The first error stops
    /// the run (what was committed stays).
    pub fn process_all(
        &mut self,
        batches: impl Iterator<Item = Vec<Input>> + Send,
        mut done: impl FnMut(u64),
    ) -> Result<()> {
        let preparer = self.preparer();
        let db = self.ctx.dir.join(crate::context::DB_FILE);
        std::thread::scope(|scope| {
            // One batch waits while the next is prepared: at most three in memory.
            let (send, receive) = std::sync::mpsc::sync_channel::<Result<Prepared>>(1);
            scope.spawn(move || {
                let readers = crate::store::pool::Readers::new(&db, 1);
                let conn = match readers.get() {
                    Ok(conn) => conn,
                    Err(err) => {
                        let _ = send.send(Err(err));
                        return;
                    }
                };
                for batch in batches {
                    let prepared = preparer.prepare(&conn, batch).map(|mut p| {
                        p.overlapped = true;
                        p
                    });
                    let failed = prepared.is_err();
                    if send.send(prepared).is_err() || failed {
                        break;
                    }
                }
            });
            for prepared in receive {
                let prepared = prepared?;
                let n = prepared.inputs.len() as u64;
                self.commit(prepared, |_, _, _| Ok(()))?;
                done(n);
            }
            Ok(())
        })
    }

    /// What preparing a batch needs, shareable with another thread.
    fn preparer(&self) -> Preparer {
        Preparer {
            options: self.options,
            limits: self.limits,
            directory: self.directory.clone(),
            rules: self.rules.clone(),
            territory: self.ctx.config.office.departements.clone(),
            office: self
                .ctx
                .config
                .office
                .addresses
                .iter()
                .map(|a| a.trim().to_lowercase())
                .collect(),
            agenda: self.ctx.config.agenda.enabled,
            max_message_bytes: self.max_message_bytes,
        }
    }

    /// Writes a prepared batch: raw bytes (synced), then one transaction, then the index.
    fn commit(
        &mut self,
        prepared: Prepared,
        on_commit: impl FnOnce(&Transaction<'_>, Counts, &[Option<i64>]) -> Result<()>,
    ) -> Result<Counts> {
        let Prepared {
            inputs,
            at,
            mut counts,
            mut problems,
            mut known,
            pending,
            duplicates_in_batch,
            overlapped,
        } = prepared;
        for p in &pending {
            if let Ok(bytes) = &inputs[p.input].bytes {
                self.writer
                    .append(self.ctx.store.conn(), &p.blob, bytes)
                    .with_context(|| {
                        format!(
                            "cannot store {}",
                            crate::util::quote_name(&inputs[p.input].location)
                        )
                    })?;
            }
        }
        self.writer
            .sync()
            .context("cannot make the raw store durable")?;

        let run = self.run;
        let mut new_rows: Vec<(usize, i64)> = Vec::with_capacity(pending.len());
        let config = &self.ctx.config;
        let writer = &mut self.writer;
        let committed = self.ctx.store.transaction(|tx| {
            writer.record(tx)?;
            // The go-live date as it is now: `permanence go-live` may change it between batches.
            let case_settings = crate::cases::Settings::load(tx, config)?;
            for (n, p) in pending.iter().enumerate() {
                let input = &inputs[p.input];
                // Prepared while the previous batch was committing: it may have stored the
                // same bytes meanwhile.
                if overlapped && let Some(id) = messages::find_by_blob(tx, &p.blob)? {
                    known.push((p.input, id));
                    counts.known += 1;
                    continue;
                }
                let state = match &p.parsed {
                    None => ParseState::Failed,
                    Some(m) if m.headers_only => ParseState::Partial,
                    Some(_) => ParseState::Parsed,
                };
                let error = match &p.parsed {
                    Some(m) => m.warnings.join("; "),
                    None => p.error.clone(),
                };
                let id = messages::insert(
                    tx,
                    &NewMessage {
                        blob: &p.blob,
                        size: p.size,
                        parsed: p.parsed.as_ref(),
                        state,
                        error: error.clone(),
                        now: at,
                        outgoing: input.outgoing
                            || p.parsed
                                .as_ref()
                                .and_then(|m| m.from.as_ref())
                                .is_some_and(|f| case_settings.is_office(&f.address)),
                    },
                )?;
                messages::add_source(tx, id, input.kind, &input.location, at)?;
                if let Some(m) = &p.matched {
                    officials::record(tx, id, m)?;
                }
                if let Some(tags) = &p.tags {
                    crate::rules::record(tx, id, tags, at)?;
                }
                // Attachment text is read after the commit (extract.rs), from this queue.
                if p.parsed.as_ref().is_some_and(|m| !m.attachments.is_empty()) {
                    crate::extract::enqueue(tx, id, at)?;
                }
                new_rows.push((n, id));
                counts.new += 1;
                match &p.parsed {
                    None => {
                        counts.failed += 1;
                        problems.push(problem(
                            &input.location,
                            Severity::Error,
                            format!("stored but not parsed: {error}"),
                            Some(id),
                        ));
                    }
                    Some(m) if !m.warnings.is_empty() => {
                        counts.warnings += 1;
                        problems.push(problem(&input.location, Severity::Warning, error, Some(id)));
                    }
                    Some(_) => {}
                }
            }
            // Cases: oldest first, so a thread's messages find each other within one batch.
            let mut order: Vec<(i64, i64, &Pending)> = new_rows
                .iter()
                .filter_map(|&(n, id)| {
                    let p = &pending[n];
                    let m = p.parsed.as_ref()?;
                    Some((m.date.map(|d| d.0).or(m.received_date).unwrap_or(at), id, p))
                })
                .collect();
            order.sort_by_key(|&(date, id, _)| (date, id));
            for (_, id, p) in order {
                if let Some(parsed) = &p.parsed {
                    crate::cases::file_message(tx, id, parsed, &p.facts, &case_settings)?;
                }
                // After filing: a decision on the event goes to its case's history.
                if let Some(reading) = &p.agenda
                    && !reading.events.is_empty()
                {
                    crate::agenda::record(tx, crate::ids::MessageId(id), reading, at)?;
                }
            }
            if let Some(&(_, last)) = new_rows.iter().max_by_key(|(_, id)| *id) {
                crate::cases::set_filed_through(tx, last)?;
            }
            let mut ids: Vec<Option<i64>> = vec![None; inputs.len()];
            for &(n, id) in &new_rows {
                ids[pending[n].input] = Some(id);
            }
            for &(i, id) in &known {
                messages::add_source(tx, id, inputs[i].kind, &inputs[i].location, at)?;
                ids[i] = Some(id);
            }
            for &(i, first) in &duplicates_in_batch {
                // The first copy's row: new in this batch, or found stored at commit.
                let first_input = pending[first].input;
                if let Some(id) = ids[first_input] {
                    messages::add_source(tx, id, inputs[i].kind, &inputs[i].location, at)?;
                    ids[i] = Some(id);
                }
            }
            runs::add_problems(tx, run, &problems, at)?;
            runs::add_counts(tx, run, counts)?;
            on_commit(tx, counts, &ids)
        });
        match committed {
            Ok(()) => writer.committed(),
            Err(err) => {
                writer.rolled_back()?;
                return Err(err);
            }
        }

        for &(n, id) in &new_rows {
            let row = index_row(self.ctx, id)?;
            self.indexer
                .upsert(&row, pending[n].parsed.as_ref(), self.limits)?;
        }
        if self.indexer.pending() >= INDEX_COMMIT_EVERY {
            self.indexer.commit()?;
        }
        for p in &problems {
            match p.severity {
                Severity::Error => {
                    tracing::warn!(location = %p.location, reason = %p.reason, "ingest error")
                }
                Severity::Warning => {
                    tracing::info!(location = %p.location, reason = %p.reason, "ingest warning")
                }
            }
        }
        self.report.counts += counts;
        self.report.problems.extend(problems);
        Ok(counts)
    }

    /// Commits the index so that everything processed so far is searchable, with the messages
    /// staff corrections queued for re-indexing meanwhile (the web never takes the index
    /// writer: it queues them in `index_dirty`).
    pub fn commit_index(&mut self) -> Result<()> {
        self.reindex_dirty()?;
        self.indexer.commit()
    }

    /// Reloads the rule files when they changed. A broken file is reported and the rules in force
    /// stay (the daemon keeps filing). Returns true when new rules were loaded.
    pub fn reload_rules_if_changed(&mut self) -> bool {
        let dir = self.ctx.rules_dir();
        let stamp = rules_stamp(&dir);
        if stamp == self.rules_stamp {
            return false;
        }
        self.rules_stamp = stamp;
        match crate::rules::load_dir(&dir) {
            Ok(rules) => {
                tracing::info!(rules = rules.rules.len(), "rules reloaded");
                self.rules = Arc::new(rules);
                true
            }
            Err(err) => {
                tracing::error!(error = %format!("{err:#}"), "rule files rejected: the previous rules stay in force");
                false
            }
        }
    }

    /// Re-indexes queued messages (staff corrections made while this pipeline holds the writer).
    pub fn reindex_dirty(&mut self) -> Result<u64> {
        reindex_dirty(self.ctx, &mut self.indexer, self.options, self.limits)
    }

    /// Daemon housekeeping: deletes the index documents queued by an erasure or a retention run
    /// made while this pipeline holds the writer, and applies the retention policy once a day.
    pub fn housekeeping(&mut self) -> Result<()> {
        let policy = self.ctx.config.retention.clone();
        let active =
            policy.automatic_months > 0 || policy.citizens_years > 0 || policy.officials_years > 0;
        let last: i64 = self.ctx.store.conn().query_row(
            "SELECT coalesce(max(at), 0) FROM retention_runs WHERE who = 'daemon'",
            [],
            |r| r.get(0),
        )?;
        if now() - self.pruned_at >= 86_400 {
            crate::access::prune(self.ctx.store.conn(), policy.access_log_days)?;
            self.pruned_at = now();
        }
        if active && now() - last >= 86_400 {
            let (_, removed) = crate::retention::apply(&mut self.ctx.store, &policy, "daemon")?;
            tracing::info!(
                messages = removed.messages,
                cases = removed.cases,
                "retention run"
            );
        }
        let raw = rawstore::purge(&mut self.ctx.store, &self.ctx.raw)?;
        let purged = crate::lifecycle::purge_index(&self.ctx.store, &mut self.indexer)?;
        if purged > 0 || raw > 0 {
            crate::lifecycle::compact(self.ctx.store.conn())?;
            tracing::info!(
                documents = purged,
                raw_files = raw,
                "purged removed messages"
            );
        }
        Ok(())
    }

    /// Documents added to the index but not yet committed.
    pub fn uncommitted(&self) -> usize {
        self.indexer.pending()
    }

    /// True when staff corrections queued messages for re-indexing (`index_dirty`).
    pub fn has_dirty(&self) -> Result<bool> {
        messages::has_dirty(self.ctx.store.conn())
    }

    /// The database (for bookkeeping outside batches, e.g. sync errors).
    pub fn store(&mut self) -> &mut crate::store::Store {
        &mut self.ctx.store
    }

    /// Commits the index, closes the run and returns its report.
    pub fn finish(mut self) -> Result<Report> {
        self.indexer.commit()?;
        runs::finish(self.ctx.store.conn(), self.run, now())?;
        self.indexer.wait_merging()?;
        Ok(self.report)
    }
}

/// `[ingest] max_message_mb` in bytes; at least 1 MB (0 would refuse every message).
pub fn max_message_bytes(config: &crate::config::Config) -> u64 {
    config.ingest.max_message_mb.max(1).saturating_mul(1 << 20)
}

/// Names and modification times of the rule files, to notice edits (the pipeline reloads its
/// rules, the web its theme menus, when it changes).
pub fn rules_stamp(dir: &std::path::Path) -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| Some((e.path(), e.metadata().ok()?.modified().ok()?)))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// A batch hashed, sorted (refused, known, new) and its new messages parsed, matched and
/// tagged: what [`Pipeline::commit`] writes.
struct Prepared {
    inputs: Vec<Input>,
    at: i64,
    counts: Counts,
    problems: Vec<Problem>,
    /// Inputs whose bytes were already stored: (input, message id).
    known: Vec<(usize, i64)>,
    pending: Vec<Pending>,
    /// Second copies within the batch: (input, index in `pending` of the first).
    duplicates_in_batch: Vec<(usize, usize)>,
    /// Prepared while another batch was being committed ([`Pipeline::process_all`]): what it
    /// found new must be looked up again at commit.
    overlapped: bool,
}

/// What preparing a batch reads (shared, read-only), so it can run on another thread than
/// the commit.
struct Preparer {
    options: ParseOptions,
    limits: DocLimits,
    directory: Arc<Directory>,
    rules: Arc<crate::rules::RuleSet>,
    territory: Vec<String>,
    /// `[office] addresses`, lower case.
    office: Vec<String>,
    /// `[agenda] enabled`.
    agenda: bool,
    max_message_bytes: u64,
}

impl Preparer {
    /// Steps 1 and 2 of the module plan; `conn` (committed data) tells which bytes are known.
    fn prepare(&self, conn: &rusqlite::Connection, inputs: Vec<Input>) -> Result<Prepared> {
        let at = now();
        let mut counts = Counts::default();
        let mut problems: Vec<Problem> = Vec::new();
        let mut known: Vec<(usize, i64)> = Vec::new();
        let mut pending: Vec<Pending> = Vec::new();
        let mut in_batch: HashMap<String, usize> = HashMap::new();
        let mut duplicates_in_batch: Vec<(usize, usize)> = Vec::new();
        let hashes = hash_all(&inputs, self.max_message_bytes);
        for (i, (input, blob)) in inputs.iter().zip(hashes).enumerate() {
            let bytes = match &input.bytes {
                Ok(bytes) => bytes,
                Err(reason) => {
                    counts.failed += 1;
                    let reason = if reason.starts_with(crate::source::REFUSED) {
                        reason.clone()
                    } else {
                        format!("cannot read: {reason}")
                    };
                    problems.push(problem(&input.location, Severity::Error, reason, None));
                    continue;
                }
            };
            if bytes.len() as u64 > self.max_message_bytes {
                counts.failed += 1;
                problems.push(problem(
                    &input.location,
                    Severity::Error,
                    crate::source::refused(Some(bytes.len() as u64), self.max_message_bytes),
                    None,
                ));
                continue;
            }
            if bytes.is_empty() {
                counts.failed += 1;
                problems.push(problem(
                    &input.location,
                    Severity::Error,
                    parse::ParseError::Empty.to_string(),
                    None,
                ));
                continue;
            }
            let Some(blob) = blob else { continue };
            if let Some(id) = messages::find_by_blob(conn, &blob)? {
                known.push((i, id));
                counts.known += 1;
                continue;
            }
            if let Some(&first) = in_batch.get(&blob) {
                duplicates_in_batch.push((i, first));
                counts.known += 1;
                continue;
            }
            in_batch.insert(blob.clone(), pending.len());
            pending.push(Pending {
                input: i,
                blob,
                size: bytes.len() as u64,
                parsed: None,
                error: String::new(),
                matched: None,
                tags: None,
                facts: Default::default(),
                agenda: None,
            });
        }
        let stages = Stages {
            options: self.options,
            limits: self.limits,
            directory: &self.directory,
            rules: &self.rules,
            territory: &self.territory,
            office: &self.office,
            agenda: self.agenda,
            now: at,
        };
        parse_all(&stages, &mut pending, &inputs)?;
        Ok(Prepared {
            inputs,
            at,
            counts,
            problems,
            known,
            pending,
            duplicates_in_batch,
            overlapped: false,
        })
    }
}

/// The SHA-256 of every storable input (`None` for unreadable, empty or oversized ones), on
/// all cores.
fn hash_all(inputs: &[Input], max: u64) -> Vec<Option<String>> {
    let one = |input: &Input| match &input.bytes {
        Ok(bytes) if !bytes.is_empty() && bytes.len() as u64 <= max => Some(rawstore::hash(bytes)),
        _ => None,
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || inputs.len() < 64 {
        return inputs.iter().map(one).collect();
    }
    let chunk = inputs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(inputs.len());
        for handle in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                Err(_) => return inputs.iter().map(one).collect(),
            }
        }
        out
    })
}

/// What the per-message stages read; shared by the worker threads.
struct Stages<'s> {
    options: ParseOptions,
    limits: DocLimits,
    directory: &'s Directory,
    rules: &'s crate::rules::RuleSet,
    territory: &'s [String],
    /// `[office] addresses`, lower case.
    office: &'s [String],
    /// `[agenda] enabled`.
    agenda: bool,
    now: i64,
}

/// Parses every new message, matches its sender and tags it, on all cores: the costly parts of
/// a batch, and independent per message.
fn parse_all(stages: &Stages<'_>, pending: &mut [Pending], inputs: &[Input]) -> Result<()> {
    let (options, limits) = (stages.options, stages.limits);
    let work = |p: &mut Pending| -> Result<()> {
        let Ok(bytes) = &inputs[p.input].bytes else {
            return Ok(());
        };
        match parse::parse(bytes, &options) {
            Ok(mut parsed) => {
                // The office's own mailings go to hidden recipients: that makes them neither
                // a newsletter nor automatic unless list headers say so.
                let from_office = parsed
                    .from
                    .as_ref()
                    .is_some_and(|f| stages.office.contains(&f.address));
                if (inputs[p.input].outgoing || from_office)
                    && parsed.kind == parse::Kind::Bulk
                    && !parsed.bulk
                {
                    parsed.kind = parse::Kind::Personal;
                }
                if parsed.body.len() + parsed.forwarded.len() + parsed.quoted.len()
                    > limits.max_text_bytes
                {
                    parsed.warnings.push(format!(
                        "text longer than index.max_text_kb ({} KB): only the start is indexed",
                        limits.max_text_bytes >> 10
                    ));
                }
                // Officials and tagging: read-only on the directory and the rules.
                let day = parsed.day(stages.now);
                let matched = stages.directory.match_mail(&parsed, &day, &[]);
                p.tags = Some(crate::rules::tag(
                    &parsed,
                    Some(&matched),
                    stages.directory,
                    stages.rules,
                    stages.territory,
                    parsed.kind,
                    &day,
                )?);
                if stages.agenda && !inputs[p.input].outgoing {
                    let tagged = p.tags.as_ref().map_or(&[][..], |t| &t.communes[..]);
                    let official = matched
                        .official
                        .and_then(|o| stages.directory.commune_of(o));
                    let inputs = crate::agenda::Inputs {
                        sender_commune: crate::agenda::sender_commune(
                            &parsed,
                            official,
                            tagged,
                            stages.territory,
                        ),
                        calendars: parse::calendar_parts(bytes, &options),
                        attachments: Vec::new(),
                        parsed,
                    };
                    p.agenda = Some(crate::agenda::read_inputs(
                        &inputs,
                        stages.territory,
                        stages.now,
                    )?);
                    parsed = inputs.parsed;
                }
                p.matched = Some(matched);
                p.facts = crate::cases::campaign::facts(&parsed);
                p.parsed = Some(parsed);
            }
            Err(err) => p.error = err.to_string(),
        }
        Ok(())
    };
    let run = |part: &mut [Pending]| -> Result<()> { part.iter_mut().try_for_each(work) };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || pending.len() < 16 {
        return run(pending);
    }
    let chunk = pending.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = pending
            .chunks_mut(chunk)
            .map(|part| scope.spawn(move || run(part)))
            .collect();
        for handle in handles {
            handle
                .join()
                .map_err(|_| anyhow::anyhow!("a parser thread panicked"))??;
        }
        Ok(())
    })
}

fn problem(location: &str, severity: Severity, reason: String, message: Option<i64>) -> Problem {
    Problem {
        location: location.to_string(),
        severity,
        reason,
        message,
    }
}

fn index_row(ctx: &Context, id: i64) -> Result<IndexRow> {
    // The stored row decides date, kind and language (later stages may set them).
    IndexRow::load(ctx.store.conn(), id)?
        .with_context(|| format!("message {id} vanished before indexing"))
}

/// Rows read at a time by [`catch_up`].
const CATCH_UP_PAGE: usize = 2_000;

/// Indexes every row after the indexer's last committed id, re-parsing the originals, then
/// commits. Returns how many rows were indexed. Used on start and by `reindex`.
pub fn catch_up(
    ctx: &Context,
    indexer: &mut Indexer,
    options: ParseOptions,
    limits: DocLimits,
) -> Result<u64> {
    let mut done = 0;
    let mut last = indexer.last_id();
    loop {
        let rows = IndexRow::after(ctx.store.conn(), last, CATCH_UP_PAGE)?;
        let Some(end) = rows.last().map(|r| r.id) else {
            break;
        };
        for row in &rows {
            index_stored(ctx, indexer, row, options, limits)?;
            done += 1;
            if indexer.pending() >= INDEX_COMMIT_EVERY {
                indexer.commit()?;
            }
        }
        last = end;
    }
    done += reindex_dirty(ctx, indexer, options, limits)?;
    if done > 0 {
        indexer.commit()?;
    }
    Ok(done)
}

/// Indexes one stored row: its original parsed again (not for a message that never parsed).
fn index_stored(
    ctx: &Context,
    indexer: &mut Indexer,
    row: &IndexRow,
    options: ParseOptions,
    limits: DocLimits,
) -> Result<()> {
    let parsed = if row.failed {
        None
    } else {
        parse::parse(&ctx.raw.read(&row.blob)?, &options).ok()
    };
    indexer.upsert(row, parsed.as_ref(), limits)
}

/// Re-indexes the messages queued in `index_dirty` (staff corrections, re-matches), then
/// empties the queue. The caller commits.
pub fn reindex_dirty(
    ctx: &Context,
    indexer: &mut Indexer,
    options: ParseOptions,
    limits: DocLimits,
) -> Result<u64> {
    let mut done = 0;
    let mut last = i64::MIN;
    loop {
        let rows = IndexRow::dirty(ctx.store.conn(), last, CATCH_UP_PAGE)?;
        let Some(end) = rows.last().map(|r| r.id) else {
            break;
        };
        for row in &rows {
            index_stored(ctx, indexer, row, options, limits)?;
            ctx.store
                .conn()
                .execute("DELETE FROM index_dirty WHERE message = ?1", [row.id])?;
        }
        done += rows.len() as u64;
        last = end;
    }
    Ok(done)
}

/// Tags a stored message again, with `official` as its sender (after a staff correction: the
/// official's commune is one of the message's communes). Queues it for re-indexing.
pub fn retag(ctx: &mut Context, id: i64, official: Option<i64>) -> Result<()> {
    let Some(row) = messages::get(ctx.store.conn(), id)? else {
        return Ok(());
    };
    let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
    let Ok(parsed) = parse::parse(&ctx.raw.read(&row.blob)?, &options) else {
        return Ok(());
    };
    let directory = Directory::load(ctx.store.conn(), &ctx.config.office.departements)?;
    let rules = crate::rules::load_dir(&ctx.rules_dir())?;
    let matched = Match {
        official,
        ..Default::default()
    };
    let day = parsed.day(row.date);
    let tags = crate::rules::tag(
        &parsed,
        Some(&matched),
        &directory,
        &rules,
        &ctx.config.office.departements,
        parsed.kind,
        &day,
    )?;
    ctx.store.transaction(|tx| {
        crate::rules::record(tx, id, &tags, now())?;
        messages::mark_dirty(tx, id)
    })
}

/// What [`reindex_now`] did.
#[derive(Debug)]
pub enum Reindexed {
    /// The queued messages are re-indexed and committed.
    Now,
    /// Another process (the daemon) holds the index writer: it re-indexes them (why, for the
    /// person).
    LeftToDaemon(String),
}

/// Re-indexes the queued messages now when this process can take the index writer (a command
/// run while no daemon holds it); otherwise leaves them to the daemon, and says so in the log.
pub fn reindex_now(ctx: &mut Context) -> Result<Reindexed> {
    match ctx.index.writer(
        ctx.config.index.writer_heap_mb,
        ctx.config.index.writer_threads,
    ) {
        Ok(mut indexer) => {
            let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
            let limits = crate::index::DocLimits::from_config(&ctx.config.index);
            reindex_dirty(ctx, &mut indexer, options, limits)?;
            indexer.commit()?;
            Ok(Reindexed::Now)
        }
        Err(err) => {
            tracing::info!(error = %format!("{err:#}"), "index busy: the daemon will re-index the changed messages");
            Ok(Reindexed::LeftToDaemon(format!("{err:#}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_rule_files_leave_the_rules_in_force() {
        let dir = tempfile::tempdir().unwrap();
        let mut ctx = Context::open(dir.path()).unwrap();
        let rules_dir = ctx.rules_dir();
        let mut pipeline = Pipeline::start(&mut ctx, "test").unwrap();
        let before = pipeline.rules.rules.len();
        assert_eq!(before, 12);
        assert!(!pipeline.reload_rules_if_changed(), "nothing changed");
        std::fs::write(
            rules_dir.join("zz.toml"),
            "[[rule]]\nid = \"z\"\ntag = \"z\"\nkeywords = [\"(\"]\nfields = [\"nowhere\"]\n",
        )
        .unwrap();
        assert!(
            !pipeline.reload_rules_if_changed(),
            "a broken file is refused"
        );
        assert_eq!(
            pipeline.rules.rules.len(),
            before,
            "previous rules stay in force"
        );
        std::fs::write(
            rules_dir.join("zz.toml"),
            "[[rule]]\nid = \"z\"\ntag = \"z\"\nkeywords = [\"zinc\"]\n",
        )
        .unwrap();
        assert!(pipeline.reload_rules_if_changed());
        assert_eq!(pipeline.rules.rules.len(), before + 1);
    }
}
