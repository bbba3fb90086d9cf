//! `export`: every message (JSON lines, oldest first, as `export.rs` writes them) or, with
//! `--cases`, every case with its message ids, state, notes and history; to stdout or a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Args, ValueEnum};

use crate::context::Context;

/// Export every message, oldest first (or every case, with --cases).
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export the cases (with their message ids, state, notes and history) instead.
    #[arg(long)]
    cases: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
}

/// `export [--cases] [--format jsonl] [--out FILE]`.
pub fn run(dir: &Path, args: ExportArgs) -> Result<ExitCode> {
    // JSON lines is the only format so far.
    let ExportFormat::Jsonl = args.format;
    let (cases, out) = (args.cases, args.out.as_deref());
    let ctx = Context::open(dir)?;
    let mut writer: Box<dyn Write> = match out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let count = if cases {
        crate::cases::export_jsonl(ctx.store.conn(), &mut writer)?
    } else {
        crate::export::export_jsonl(&ctx.store, &mut writer)?
    };
    writer.flush().context("cannot write the export")?;
    tracing::info!(records = count, cases, "exported");
    Ok(ExitCode::SUCCESS)
}
