//! `stats`: counts (messages by kind, state and language, resends, attachments, themes, the
//! most frequent communes), sizes of the three stores and the last ingest (`stats.rs` counts
//! them), as text or JSON.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::context::Context;
use crate::util::{human_size, local_datetime, terminal_safe};

/// Counts, sizes, last ingest.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// JSON output.
    #[arg(long)]
    json: bool,
}

/// `stats [--json]`.
pub fn run(dir: &Path, args: StatsArgs) -> Result<ExitCode> {
    let json = args.json;
    let ctx = Context::open(dir)?;
    let stats = crate::stats::gather(&ctx)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(ExitCode::SUCCESS);
    }
    let join = |m: &std::collections::BTreeMap<String, u64>| {
        let text = m
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        terminal_safe(&text).into_owned()
    };
    match &stats.go_live {
        Some(date) => println!("go-live:     {date} (older mail is filed as history)"),
        None => println!("go-live:     not set (every message is filed as work)"),
    }
    println!("messages:    {}", stats.messages);
    println!("  by kind:   {}", join(&stats.by_kind));
    println!("  by state:  {}", join(&stats.by_state));
    println!("  languages: {}", join(&stats.by_language));
    println!(
        "  resends (same Message-ID): {}, without Message-ID: {}",
        stats.resends, stats.synthetic_message_ids
    );
    println!("attachments: {}", stats.attachments);
    println!(
        "raw store:   {} in {} files",
        human_size(stats.raw_store_bytes),
        stats.raw_store_files
    );
    println!("database:    {}", human_size(stats.database_bytes));
    println!(
        "index:       {} documents, {}",
        stats.index_documents,
        human_size(stats.index_bytes)
    );
    if let Some(run) = &stats.last_ingest {
        let c = run.counts;
        println!(
            "last ingest: {} ({}): new {}, known {}, failed {}, warnings {}{}",
            local_datetime(run.started_at),
            terminal_safe(&run.source),
            c.new,
            c.known,
            c.failed,
            c.warnings,
            if run.finished_at == 0 {
                " — did not finish"
            } else {
                ""
            }
        );
    }
    println!("ingest errors recorded: {}", stats.ingest_errors);
    if !stats.by_theme.is_empty() {
        println!("themes:      {}", join(&stats.by_theme));
    }
    if !stats.top_communes.is_empty() {
        let top: Vec<String> = stats
            .top_communes
            .iter()
            .map(|(code, name, n)| format!("{name} ({code}) {n}"))
            .collect();
        println!("communes:    {}", top.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}
