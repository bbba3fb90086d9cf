//! `stats`: counts (messages by kind, state and language, resends, attachments, themes, the
//! most frequent communes), sizes of the three stores and the last ingest, as text or JSON.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::context::{self, Context};
use crate::util::{human_size, local_datetime, terminal_safe};

/// Counts, sizes, last ingest.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// JSON output.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Serialize)]
struct Stats {
    messages: i64,
    by_kind: std::collections::BTreeMap<String, i64>,
    by_state: std::collections::BTreeMap<String, i64>,
    by_language: std::collections::BTreeMap<String, i64>,
    resends: i64,
    synthetic_message_ids: i64,
    attachments: i64,
    raw_store_bytes: u64,
    raw_store_files: u64,
    database_bytes: u64,
    index_bytes: u64,
    index_documents: u64,
    last_ingest: Option<crate::store::runs::RunSummary>,
    ingest_errors: i64,
    /// Messages per theme.
    by_theme: std::collections::BTreeMap<String, i64>,
    /// Messages per commune (INSEE code), the 20 most frequent.
    top_communes: Vec<(String, String, i64)>,
}

fn count_by(
    conn: &rusqlite::Connection,
    column: &str,
) -> Result<std::collections::BTreeMap<String, i64>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {column}, count(*) FROM messages GROUP BY {column}"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `stats [--json]`.
pub fn run(dir: &Path, args: StatsArgs) -> Result<ExitCode> {
    let json = args.json;
    let ctx = Context::open(dir)?;
    let conn = ctx.store.conn();
    let scalar = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let (raw_bytes, raw_files) = ctx.raw.usage()?;
    let db_bytes = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(dir.join(format!("{}{s}", context::DB_FILE))).ok())
        .map(|m| m.len())
        .sum();
    let stats = Stats {
        messages: scalar("SELECT count(*) FROM messages")?,
        by_kind: count_by(conn, "kind")?,
        by_state: count_by(conn, "state")?,
        by_language: count_by(conn, "language")?,
        resends: scalar("SELECT count(*) FROM messages WHERE dup_of IS NOT NULL")?,
        synthetic_message_ids: scalar("SELECT count(*) FROM messages WHERE synthetic_id = 1")?,
        attachments: scalar("SELECT count(*) FROM attachments")?,
        raw_store_bytes: raw_bytes,
        raw_store_files: raw_files,
        database_bytes: db_bytes,
        index_bytes: ctx.index.disk_usage(),
        index_documents: ctx.index.reader()?.searcher().num_docs(),
        last_ingest: crate::store::runs::last(conn)?,
        ingest_errors: scalar("SELECT count(*) FROM ingest_problems WHERE severity = 'error'")?,
        by_theme: {
            let mut stmt =
                conn.prepare("SELECT theme, count(*) FROM message_themes GROUP BY theme")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        },
        top_communes: {
            let gazetteer = crate::communes::Gazetteer::bundled()?;
            let mut stmt = conn.prepare("SELECT code, count(*) FROM message_communes GROUP BY code ORDER BY count(*) DESC, code LIMIT 20")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            rows.map(|r| {
                r.map(|(code, n)| {
                    let name = gazetteer
                        .get(&code)
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    (code, name, n)
                })
            })
            .collect::<rusqlite::Result<_>>()?
        },
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(ExitCode::SUCCESS);
    }
    let join = |m: &std::collections::BTreeMap<String, i64>| {
        let text = m
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        terminal_safe(&text).into_owned()
    };
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
