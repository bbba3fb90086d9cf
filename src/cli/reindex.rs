//! `reindex`: rebuilds the full-text index from the database and the raw store (the index is
//! derived data). Takes the index writer, so it fails while a daemon holds it.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::context::Context;
use crate::pipeline;

/// Rebuild the full-text index from the database and the raw store.
#[derive(Debug, Args)]
pub struct ReindexArgs {}

/// `reindex`: clears the index and indexes every stored message again.
pub fn run(dir: &Path) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let mut indexer = ctx.index.writer(
        ctx.config.index.writer_heap_mb,
        ctx.config.index.writer_threads,
    )?;
    indexer.clear()?;
    let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
    let limits = crate::index::DocLimits::from_config(&ctx.config.index);
    let count = pipeline::catch_up(&ctx, &mut indexer, options, limits)?;
    indexer.commit()?;
    indexer.wait_merging()?;
    println!("reindexed {count} messages");
    Ok(ExitCode::SUCCESS)
}
