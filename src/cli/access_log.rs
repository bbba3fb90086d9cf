//! `access-log`: who searched for or opened whose messages (`access.rs` records them, kept
//! `[retention] access_log_days`), optionally only for one person or since a day. Names, actions
//! and targets are printed through [`terminal_safe`].

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::context::Context;
use crate::index::search::parse_date_arg;
use crate::util::terminal_safe;

/// Who searched for or opened whose messages (kept `[retention] access_log_days`).
#[derive(Debug, Args)]
pub struct AccessLogArgs {
    /// Only entries that showed this person's messages.
    #[arg(long, value_name = "ADDRESS")]
    person: Option<String>,
    /// Only entries on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// One JSON object per entry.
    #[arg(long)]
    json: bool,
}

/// `access-log [--person ADDRESS] [--since DATE] [--json]`: one line (or JSON object) per entry.
pub fn run(dir: &Path, args: AccessLogArgs) -> Result<ExitCode> {
    let since = args
        .since
        .as_deref()
        .map(|s| parse_date_arg(s, false))
        .transpose()?
        .unwrap_or(0);
    let ctx = Context::open(dir)?;
    let entries = crate::access::list(ctx.store.conn(), args.person.as_deref(), since)?;
    let mut out = std::io::stdout().lock();
    for e in &entries {
        if args.json {
            serde_json::to_writer(&mut out, e)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{}  {:<10} {:<13} {}  → {}",
                e.at,
                terminal_safe(&e.who),
                terminal_safe(&e.action),
                terminal_safe(&e.target),
                terminal_safe(&e.persons.join(", "))
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
