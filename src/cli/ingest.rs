//! `ingest`: stores, parses and indexes messages from Maildirs, mbox files, message files or
//! stdin, in batches through the pipeline, with a progress bar on a terminal and a summary
//! (counts, then each failed input and warning under its location) at the end.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::context::Context;
use crate::pipeline::{Pipeline, Report};
use crate::source::{self, Input, Mbox};
use crate::store::runs::Severity;
use crate::util::{quote_name, terminal_safe};

/// Store, parse and index messages from a Maildir, an mbox, files or stdin (`-`).
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// A Maildir (cur/ and new/, Maildir++ subfolders included). Repeatable.
    #[arg(long, value_name = "DIR")]
    maildir: Vec<PathBuf>,
    /// An mbox file (mboxrd or mboxo). Repeatable.
    #[arg(long, value_name = "FILE")]
    mbox: Vec<PathBuf>,
    /// Message files (.eml); `-` reads one message from stdin.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

/// The progress bar on stderr (hidden when quiet or not a terminal): out of `total` messages
/// when it is known, else a spinner.
pub(super) fn progress(total: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = if total.is_some() {
        "{bar:40} {pos}/{len} messages  {per_sec}  eta {eta}"
    } else {
        "{spinner} {pos} messages  {per_sec}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Feeds `inputs` to the pipeline in batches (of `[ingest] batch_size`, or fewer when their
/// messages are large), the next batch prepared while the current one commits.
pub(super) fn feed(
    pipeline: &mut Pipeline<'_>,
    inputs: impl Iterator<Item = Input> + Send,
    bar: &ProgressBar,
) -> Result<()> {
    let size = pipeline.batch_size();
    pipeline.process_all(Batches { inputs, size }, |n| bar.inc(n))
}

/// Groups inputs into batches of at most `size` inputs and about 64 MB (three batches are in
/// memory at once: one prepared, one committing, one being read).
struct Batches<I> {
    inputs: I,
    size: usize,
}

impl<I: Iterator<Item = Input>> Iterator for Batches<I> {
    type Item = Vec<Input>;

    fn next(&mut self) -> Option<Vec<Input>> {
        let mut batch = Vec::with_capacity(self.size.min(4096));
        let mut bytes = 0usize;
        for input in self.inputs.by_ref() {
            bytes += input.bytes.as_ref().map_or(0, |b| b.len());
            batch.push(input);
            if batch.len() >= self.size || bytes >= 64 << 20 {
                break;
            }
        }
        (!batch.is_empty()).then_some(batch)
    }
}

/// `ingest …`: every source is resolved before the data directory is touched.
pub fn run(dir: &Path, args: IngestArgs, quiet: bool) -> Result<ExitCode> {
    let IngestArgs {
        maildir: maildirs,
        mbox: mboxes,
        files,
        json,
    } = args;
    if maildirs.is_empty() && mboxes.is_empty() && files.is_empty() {
        bail!("nothing to ingest: give --maildir DIR, --mbox FILE, message files, or - for stdin");
    }
    // Resolve every source before touching the data directory: a typo fails the run early.
    let mut maildir_files = Vec::new();
    let mut skipped = Vec::new();
    for maildir in &maildirs {
        let scan = source::scan_maildir(maildir)?;
        maildir_files.extend(scan.files);
        skipped.extend(scan.skipped);
    }
    let mut mbox_readers = Vec::new();
    for mbox in &mboxes {
        mbox_readers.push(Mbox::open(mbox)?);
    }
    let mut ctx = Context::open(dir)?;
    let description = describe_sources(&maildirs, &mboxes, &files);
    let mut pipeline = Pipeline::start(&mut ctx, &description)?;
    pipeline.report_skipped(&skipped)?;
    let recorded_total = maildir_files.len();
    let maildir_files = pipeline.skip_recorded_maildir_files(&maildirs, maildir_files)?;
    let already = (recorded_total - maildir_files.len()) as u64;
    let cap = pipeline.max_message_bytes();
    let known_total = already + (maildir_files.len() + files.len()) as u64;
    let bar = progress(
        if mboxes.is_empty() {
            Some(known_total)
        } else {
            None
        },
        quiet || json,
    );
    bar.inc(already);
    feed(
        &mut pipeline,
        maildir_files
            .iter()
            .map(|p| source::read_maildir_file(p, cap)),
        &bar,
    )?;
    for mbox in mbox_readers {
        feed(&mut pipeline, mbox.max_bytes(cap), &bar)?;
    }
    let singles = files.iter().map(|p| {
        if p.as_os_str() == "-" {
            source::read_stdin(cap)
        } else {
            source::read_file(p, "file", cap)
        }
    });
    feed(&mut pipeline, singles, &bar)?;
    bar.finish_and_clear();
    let report = pipeline.finish()?;
    print_report(&report, json)?;
    Ok(ExitCode::SUCCESS)
}

fn describe_sources(maildirs: &[PathBuf], mboxes: &[PathBuf], files: &[PathBuf]) -> String {
    let mut parts: Vec<String> = maildirs
        .iter()
        .map(|p| format!("maildir {}", p.display()))
        .collect();
    parts.extend(mboxes.iter().map(|p| format!("mbox {}", p.display())));
    if !files.is_empty() {
        parts.push(format!("{} file(s)", files.len()));
    }
    parts.join(", ")
}

fn print_report(report: &Report, json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
        return Ok(());
    }
    let c = report.counts;
    println!(
        "new: {}, already known: {}, failed: {}, warnings: {}",
        c.new, c.known, c.failed, c.warnings
    );
    // Locations are file names: quoted when they hold control characters, so that a name with
    // a newline or an escape sequence cannot forge a line of the summary.
    for p in &report.problems {
        let label = match p.severity {
            Severity::Error => "failed",
            Severity::Warning => "warning",
        };
        let location = quote_name(&p.location);
        let reason = terminal_safe(&p.reason);
        match p.message {
            Some(id) => println!("  {label}: {location} (stored as #{id}): {reason}"),
            None => println!("  {label}: {location}: {reason}"),
        }
    }
    Ok(())
}
