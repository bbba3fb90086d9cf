//! `go-live [DATE] [--apply]`: prints or changes the go-live date (`cases::go_live`), the day
//! before which mail is filed as history (closed or answered, never in triage). A new date
//! applies to mail filed afterwards; `--apply` also closes as history the cases no one has
//! worked on whose mail is all older than it, each recorded in its history.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::cases::go_live::{self, Report};
use crate::context::Context;

/// Print or change the go-live date: mail dated before it is filed as history (closed, or
/// answered when the office replied), never in the morning queue.
#[derive(Debug, Args)]
pub struct GoLiveArgs {
    /// The new go-live date (YYYY-MM-DD, a day in the office's time zone); without it, prints
    /// the date in force.
    #[arg(value_name = "DATE")]
    date: Option<String>,
    /// Also close as history the cases still proposed, open or waiting that no one has worked
    /// on and whose mail is all older than the date (recorded in each case's history).
    #[arg(long)]
    apply: bool,
    /// Acting user, recorded in the audit log and the cases' history [default: $PERMANENCE_USER,
    /// else $USER].
    #[arg(long = "as", value_name = "NAME")]
    as_user: Option<String>,
}

/// `go-live [DATE] [--apply] [--as NAME]`.
pub fn run(dir: &Path, args: GoLiveArgs) -> Result<ExitCode> {
    let date = args.date.as_deref().map(go_live::parse_date).transpose()?;
    let mut ctx = Context::open(dir)?;
    let report = if date.is_none() && !args.apply {
        go_live::report(ctx.store.conn())?
    } else {
        let who = super::actor(args.as_user);
        let at = crate::store::now();
        ctx.store
            .transaction(|tx| go_live::change(tx, date, args.apply, &who, at))?
    };
    print(&report, date.is_some());
    Ok(ExitCode::SUCCESS)
}

fn print(report: &Report, changed: bool) {
    let Some(now) = report.go_live else {
        println!("no go-live date: every message is filed as work, whatever its date");
        println!("set one with `permanence go-live YYYY-MM-DD`");
        return;
    };
    if changed {
        match report.before {
            Some(before) if before == now => println!("go-live: {now} (unchanged)"),
            Some(before) => println!("go-live: {now} (was {before})"),
            None => println!("go-live: {now} (was not set)"),
        }
        println!(
            "mail filed from now on that is dated before {now} is history: closed, or answered when the office replied, never in triage"
        );
        if report.applied.is_none() {
            println!("cases already filed keep their state");
        }
    } else {
        println!("go-live: {now} (mail dated before it is filed as history, never in triage)");
    }
    if let Some(applied) = report.applied {
        println!(
            "closed as history: {} cases ({} answered, {} closed), each recorded in its history",
            applied.total(),
            applied.answered,
            applied.closed
        );
    } else if report.pending > 0 {
        println!(
            "{} cases no one has worked on are older than {now} and still in the queue: `permanence go-live --apply` closes them as history",
            report.pending
        );
    }
}
