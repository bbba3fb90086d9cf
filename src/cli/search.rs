//! `search`: full-text search over the index (query syntax in the README), with filters on the
//! sender and dates and paging. Each search is recorded in the access log with the messages it
//! showed. Hits are printed with their matches highlighted (an ANSI colour on a terminal,
//! brackets otherwise) and every mail-derived field escaped.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::context::Context;
use crate::index::search::{self, SearchRequest};
use crate::util::{local_datetime, terminal_safe};

/// Full-text search (syntax in README: words, "phrases", field:value, AND/OR/NOT, date:).
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (several words are joined with spaces).
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
    /// Only mail from this address, domain or name.
    #[arg(long, value_name = "ADDR")]
    from: Option<String>,
    /// Only mail dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only mail dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Number of hits.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Hits to skip (paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// JSON output.
    #[arg(long)]
    json: bool,
    /// Order: `relevance` (the default) or `date` (most recent first).
    #[arg(long, value_name = "ORDER", default_value = "relevance", value_parser = ["relevance", "date"])]
    sort: String,
}

/// `search QUERY… [--from ADDR] [--since DATE] [--until DATE] [--limit N] [--offset N] [--json]`.
pub fn run(dir: &Path, args: SearchArgs) -> Result<ExitCode> {
    let req = SearchRequest {
        query: args.query.join(" "),
        from: args.from,
        since: args
            .since
            .as_deref()
            .map(|s| search::parse_date_arg(s, false))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|s| search::parse_date_arg(s, true))
            .transpose()?,
        limit: args.limit,
        offset: args.offset,
        by_date: args.sort == "date",
        ..SearchRequest::default()
    };
    let json = args.json;
    let ctx = Context::open(dir)?;
    let reader = ctx.index.reader()?;
    let results = search::search(&ctx.index, &reader, &req)?;
    let shown: Vec<i64> = results.hits.iter().map(|h| h.id).collect();
    crate::access::record(
        ctx.store.conn(),
        &super::actor(None),
        "search",
        &req.query,
        &shown,
    );
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let tty = std::io::stdout().is_terminal();
    let (on, off) = if tty {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    for hit in &results.hits {
        writeln!(
            out,
            "#{:<6} {}  {}",
            hit.id,
            local_datetime(hit.date),
            terminal_safe(&hit.from)
        )?;
        writeln!(
            out,
            "        {}",
            if hit.subject.is_empty() {
                "(no subject)".into()
            } else {
                terminal_safe(&hit.subject)
            }
        )?;
        if !hit.snippet.is_empty() {
            writeln!(
                out,
                "        {}{}",
                if hit.in_attachment {
                    "[attachment] "
                } else {
                    ""
                },
                highlight(&hit.snippet, &hit.highlights, on, off)
            )?;
        }
    }
    let shown = results.hits.len();
    writeln!(
        out,
        "{} message(s) match; showing {}–{}",
        results.total,
        req.offset + (shown > 0) as usize,
        req.offset + shown
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The snippet with its matches between `on` and `off` (an ANSI colour on a terminal); the
/// snippet's own text is escaped piece by piece, so only these markers reach the terminal.
fn highlight(text: &str, ranges: &[(usize, usize)], on: &str, off: &str) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut last = 0;
    for &(s, e) in ranges {
        if s < last || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push_str(&terminal_safe(&text[last..s]));
        out.push_str(on);
        out.push_str(&terminal_safe(&text[s..e]));
        out.push_str(off);
        last = e;
    }
    out.push_str(&terminal_safe(&text[last..]));
    out
}
