//! The data directory as a whole: `backup` (a consistent copy while it is in use), `restore`
//! (into an empty directory, then the index is rebuilt and verified) and `verify` (every row has
//! its raw message, every raw message its hash, the index one document per message). Backups and
//! restored directories are written private (see `lifecycle.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::context::Context;

/// Consistent backup of the data directory while it is in use (database snapshot through
/// SQLite's backup API, raw messages, configuration, rules).
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Backup directory (re-running into it copies only new raw messages).
    dir: PathBuf,
}

/// Restore a backup into the --data directory (which must not hold a database), then
/// rebuild the index and verify.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Backup directory.
    dir: PathBuf,
}

/// Check that every row has its raw message, every raw message hashes to its name, and the
/// index holds one document per message; exit 1 when not.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// JSON output.
    #[arg(long)]
    json: bool,
}

/// `backup DIR`.
pub fn run(dir: &Path, args: BackupArgs) -> Result<ExitCode> {
    let out = args.dir.as_path();
    let ctx = Context::open(dir)?;
    let report = crate::lifecycle::backup(&ctx, out)?;
    println!(
        "backup in {}: database snapshot ({} messages), {} raw messages ({} copied now), configuration and rules; the index is rebuilt on restore",
        out.display(),
        report.messages,
        report.raw_total,
        report.raw_copied
    );
    Ok(ExitCode::SUCCESS)
}

/// `restore DIR` (into the --data directory, which must not hold a database yet).
pub fn run_restore(dir: &Path, args: RestoreArgs) -> Result<ExitCode> {
    let from = args.dir.as_path();
    crate::lifecycle::restore(from, dir)?;
    let in_use = crate::context::config_path(dir);
    let restored = dir.join(crate::context::CONFIG_FILE);
    if in_use != restored {
        println!(
            "the backup's configuration is restored as {}; the configuration in use, {}, is kept (compare them: `diff {} {}`)",
            restored.display(),
            in_use.display(),
            in_use.display(),
            restored.display()
        );
    }
    let ctx = Context::open(dir)?;
    let mut indexer = ctx.index.writer(
        ctx.config.index.writer_heap_mb,
        ctx.config.index.writer_threads,
    )?;
    indexer.clear()?;
    indexer.commit()?;
    let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
    let limits = crate::index::DocLimits::from_config(&ctx.config.index);
    let indexed = crate::pipeline::catch_up(&ctx, &mut indexer, options, limits)?;
    indexer.wait_merging()?;
    let v = crate::lifecycle::verify(&ctx)?;
    crate::lifecycle::optimize(ctx.store.conn())?;
    println!(
        "restored {} messages into {}; index rebuilt ({indexed} documents); verify: {}",
        v.messages,
        dir.display(),
        if v.ok() {
            "ok"
        } else {
            "PROBLEMS (run `permanence verify`)"
        }
    );
    Ok(verdict(dir, &v))
}

/// `verify [--json]`: exit 0 when consistent, 1 otherwise.
pub fn run_verify(dir: &Path, args: VerifyArgs) -> Result<ExitCode> {
    let json = args.json;
    let mut ctx = Context::open(dir)?;
    // Finish what a crash interrupted first (queued raw files and index documents).
    if crate::lifecycle::pending_purge(ctx.store.conn())? > 0 {
        crate::lifecycle::finish_purge(&mut ctx)?;
    }
    let v = crate::lifecycle::verify(&ctx)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"ok": v.ok(), "report": v}))?
        );
    } else {
        println!("messages in the database:   {}", v.messages);
        println!("raw files missing:          {}", v.missing_raw.len());
        for b in v.missing_raw.iter().take(20) {
            println!("  {b}");
        }
        println!("raw files not matching their hash: {}", v.corrupt_raw.len());
        for b in v.corrupt_raw.iter().take(20) {
            println!("  {b}");
        }
        println!("raw files no row refers to: {}", v.orphan_raw.len());
        for p in v.orphan_raw.iter().take(20) {
            println!("  {p}");
        }
        if v.uncommitted_bytes > 0 {
            println!(
                "unfinished batch:           {} bytes past the committed end (cut off by the next ingest)",
                v.uncommitted_bytes
            );
        }
        println!("documents in the index:     {}", v.indexed);
        println!("unfinished purges:          {}", v.pending_purge);
        println!("readable by others:         {}", v.loose_permissions);
        for p in &v.loose_examples {
            println!("  {}", crate::util::terminal_safe(p));
        }
        println!("{}", if v.ok() { "ok" } else { "PROBLEMS found" });
    }
    Ok(verdict(dir, &v))
}

/// The exit code of a verification (0 when consistent), after warning about files others can
/// read.
fn verdict(dir: &Path, v: &crate::lifecycle::Verification) -> ExitCode {
    if v.loose_permissions > 0 {
        tracing::warn!(
            count = v.loose_permissions,
            "files of the data directory are readable by others: private mail should not be; run `chmod -R go-rwx {}`",
            dir.display()
        );
    }
    if v.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
