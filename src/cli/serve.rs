//! `serve`: the staff web interface (`web.rs`) over the data directory, beside the daemon,
//! until interrupted.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

/// Serve the staff web interface (triage, search, officials, cases, dashboard).
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on [default: `[web] listen`, 127.0.0.1:8080]; port 0 picks a free one.
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
}

/// `serve [--listen ADDR]`: prints the address it listens on, then serves.
pub fn run(dir: &Path, args: ServeArgs) -> Result<ExitCode> {
    crate::web::serve(dir, args.listen.as_deref(), |addr| {
        println!("listening on http://{addr}/");
    })?;
    Ok(ExitCode::SUCCESS)
}
