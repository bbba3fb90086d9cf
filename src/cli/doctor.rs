//! `doctor [--json] [--offline]`: checks the installation (see `crate::doctor`) and prints one
//! line per finding, « ok », « attention » or « échec », each one that is not ok followed by what
//! to do. Exit code 1 when any finding is a failure.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::doctor::{self, Level};

/// Check the installation: configuration, data directory, disk space, mailbox connections,
/// extractors, web listener, last backup; print what to fix. Changes nothing but an OAuth2
/// token due for renewal. Exit 1 when anything fails.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// One JSON object per finding (topic, level, detail, fix).
    #[arg(long)]
    json: bool,
    /// Do not connect to the mailboxes or the web listener.
    #[arg(long)]
    offline: bool,
}

/// Runs `doctor`.
pub fn run(dir: &Path, args: DoctorArgs) -> Result<ExitCode> {
    let findings = doctor::run(
        dir,
        doctor::Options {
            offline: args.offline,
        },
    );
    for f in &findings {
        if args.json {
            println!("{}", serde_json::to_string(f)?);
            continue;
        }
        println!("{:<9} {} : {}", f.level.french(), f.topic, f.detail);
        if let Some(fix) = &f.fix {
            println!("  À faire : {fix}");
        }
    }
    let worst = findings.iter().map(|f| f.level).max().unwrap_or(Level::Ok);
    if !args.json {
        let (fail, warn) = (
            findings.iter().filter(|f| f.level == Level::Echec).count(),
            findings
                .iter()
                .filter(|f| f.level == Level::Attention)
                .count(),
        );
        println!(
            "\n{} : {fail} échec(s), {warn} point(s) d'attention, {} vérification(s) en ordre",
            if worst == Level::Echec {
                "À corriger"
            } else {
                "Installation en état de marche"
            },
            findings.len() - fail - warn
        );
    }
    Ok(if worst == Level::Echec {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
