//! `extract`: reads the text of the attachments waiting in the queue until it is empty, then
//! re-indexes the messages that got text (so a script can `ingest`, `extract`, then `search`).
//! `--again [--since DATE]` queues every message with attachments once more (a better engine
//! was installed). `extract-child` is the sandboxed child itself, run by permanence only.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::Args;

use crate::context::Context;
use crate::extract::{self, Sandbox};

/// Read the text of attachments (PDF, scans, Office, RTF, iCalendar, winmail.dat) waiting in
/// the queue, until it is empty.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Queue every message with attachments again first (after installing a better engine).
    #[arg(long)]
    again: bool,
    /// With --again: only messages received on or after this day (YYYY-MM-DD).
    #[arg(long, requires = "again", value_name = "DATE")]
    since: Option<String>,
    /// At most this many messages, then stop (the rest stays queued).
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

/// The sandboxed child (internal).
#[derive(Debug, Args)]
pub struct ExtractChildArgs {
    /// The scratch file to read.
    input: PathBuf,
}

/// `extract`.
pub fn run(dir: &Path, args: ExtractArgs, quiet: bool) -> Result<ExitCode> {
    let mut ctx = Context::open(dir)?;
    let now = crate::store::now();
    let sandbox = Sandbox::for_data_dir(dir, ctx.config.extract.clone())?;
    if args.again {
        let since = match &args.since {
            Some(day) => {
                let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
                    .with_context(|| format!("--since {day}: a day is written YYYY-MM-DD"))?;
                Some(
                    crate::util::zone_midnight(date)
                        .with_context(|| format!("--since {day}: no such day here"))?,
                )
            }
            None => None,
        };
        let n = ctx
            .store
            .transaction(|tx| extract::requeue_all(tx, since, now))?;
        if !quiet && !args.json {
            println!("{n} messages queued again");
        }
    }
    ctx.store
        .transaction(|tx| extract::requeue_available(tx, &sandbox.tools, now))?;
    let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
    let followup = extract::Followup::from_context(&ctx)?
        .with_after_text(crate::agenda::text_hook(&ctx.config));
    let summary = extract::work(
        &mut ctx.store,
        &ctx.raw,
        &sandbox,
        &options,
        &followup,
        args.limit,
    )?;
    // The messages that got text are queued for re-indexing; this command owns the index.
    crate::pipeline::reindex_now(&mut ctx)?;
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else if !quiet {
        let states: Vec<String> = summary
            .states
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect();
        println!(
            "{} messages read{}{}",
            summary.messages,
            if states.is_empty() {
                String::new()
            } else {
                format!(": attachments {}", states.join(", "))
            },
            if summary.given_up > 0 {
                format!("; {} given up after three failures", summary.given_up)
            } else {
                String::new()
            }
        );
        let left = extract::pending(ctx.store.conn())?;
        if left > 0 {
            println!("{left} messages still queued");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `extract-child INPUT`.
pub fn run_child(args: ExtractChildArgs) -> Result<ExitCode> {
    extract::sandbox::child_main(&args.input)?;
    Ok(ExitCode::SUCCESS)
}
