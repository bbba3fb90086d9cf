//! `retention run`: removes what the `[retention]` policy says has been kept long enough (the
//! daemon does it daily), or with `--dry-run` says what that would be.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::context::Context;

/// The retention policy of `[retention]`.
#[derive(Debug, Args)]
pub struct RetentionArgs {
    #[command(subcommand)]
    command: RetentionCommand,
}

#[derive(Debug, Subcommand)]
enum RetentionCommand {
    /// Remove what the policy says has been kept long enough (the daemon does it daily).
    Run {
        /// Only say what would be removed.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs a `retention` command.
pub fn run(dir: &Path, args: RetentionArgs) -> Result<ExitCode> {
    match args.command {
        RetentionCommand::Run { dry_run } => retention_run(dir, dry_run, &super::actor(None)),
    }
}

/// `retention run [--dry-run]`.
fn retention_run(dir: &Path, dry_run: bool, actor: &str) -> Result<ExitCode> {
    let mut ctx = Context::open(dir)?;
    let policy = ctx.config.retention.clone();
    if policy.automatic_months == 0 && policy.citizens_years == 0 && policy.officials_years == 0 {
        let pruned = crate::access::prune(ctx.store.conn(), policy.access_log_days)?;
        println!(
            "no retention policy for mail: citizens_years, officials_years and automatic_months are 0 (keep forever); {pruned} access-log entries older than {} days removed",
            policy.access_log_days
        );
        return Ok(ExitCode::SUCCESS);
    }
    let (due, removed) = crate::retention::run(&mut ctx, actor, dry_run)?;
    println!(
        "{} {} messages: {} automatic (older than {} months), {} citizens' (cases closed more than {} years ago), {} officials' (mandate ended more than {} years ago)",
        if dry_run { "would remove" } else { "removed" },
        if dry_run {
            due.all().len() as u64
        } else {
            removed.messages
        },
        due.automatic.len(),
        policy.automatic_months,
        due.citizens.len(),
        policy.citizens_years,
        due.officials.len(),
        policy.officials_years
    );
    if !dry_run {
        println!("{} cases left without messages removed", removed.cases);
    }
    Ok(ExitCode::SUCCESS)
}
