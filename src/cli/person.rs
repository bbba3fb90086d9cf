//! `person export|erase`: a person's data under the RGPD, by address or official id. `export`
//! (right of access) writes every message, case, note, tag and directory entry about them to a
//! private directory; `erase` (right to erasure) shows what goes, asks for confirmation, then
//! removes it from the three stores (see `person.rs` and `lifecycle.rs`). Both are recorded.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use crate::context::Context;

/// A person's data (RGPD): export it (right of access) or erase it (right to erasure).
#[derive(Debug, Args)]
pub struct PersonArgs {
    #[command(subcommand)]
    command: PersonCommand,
}

#[derive(Debug, Subcommand)]
enum PersonCommand {
    /// Right of access: every message (original .eml), case, note, tag and directory entry about
    /// ADDRESS or OFFICIAL-ID, with person.json and summary.txt.
    Export {
        /// An address, or an official's id.
        #[arg(value_name = "ADDRESS|OFFICIAL-ID")]
        who: String,
        /// Output directory.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Right to erasure: shows what goes, asks for confirmation (unless --yes), then removes it
    /// from the raw store, the database and the index, and compacts them.
    Erase {
        /// An address, or an official's id.
        #[arg(value_name = "ADDRESS|OFFICIAL-ID")]
        who: String,
        /// Only show what would be removed.
        #[arg(long)]
        dry_run: bool,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
        /// Acting user, recorded in the erasure log [default: $PERMANENCE_USER, else $USER].
        #[arg(long = "as", value_name = "NAME")]
        as_user: Option<String>,
    },
}

/// Runs a `person` command.
pub fn run(dir: &Path, args: PersonArgs) -> Result<ExitCode> {
    match args.command {
        PersonCommand::Export { who, out } => export(dir, &who, &out),
        PersonCommand::Erase {
            who,
            dry_run,
            yes,
            as_user,
        } => erase(dir, &who, dry_run, yes, &super::actor(as_user)),
    }
}

/// `person export WHO --out DIR`.
fn export(dir: &Path, who: &str, out: &Path) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let (messages, cases) = crate::person::export(&ctx, who, out)?;
    let person = crate::person::resolve(ctx.store.conn(), who)?;
    crate::access::record_persons(
        ctx.store.conn(),
        &super::actor(None),
        "person-export",
        who,
        &person.addresses,
    )?;
    println!(
        "{messages} messages and {cases} cases written to {} (person.json, summary.txt, messages/)",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `person erase WHO [--dry-run] [--yes]`.
fn erase(dir: &Path, who: &str, dry_run: bool, yes: bool, actor: &str) -> Result<ExitCode> {
    let mut ctx = Context::open(dir)?;
    let (person, plan) = crate::person::plan_erase(&ctx, who)?;
    // Addresses (an official's come from mail), subjects and file names are mail-derived:
    // escaped before they reach the terminal.
    let t = |text: &str| crate::util::terminal_safe(text).into_owned();
    println!("Erasure of {}:", t(&person.addresses.join(", ")));
    println!(
        "  {} messages (raw originals, database rows, index documents)",
        plan.messages.len()
    );
    println!(
        "  {} cases where they are the only party",
        plan.cases_alone.len()
    );
    println!(
        "  {} shared cases: their messages and party entry go, the case stays",
        plan.cases_shared.len()
    );
    println!(
        "  {} notes naming them (by address, full name or phone number) in their cases and those merged with them",
        plan.notes.len()
    );
    if !plan.notes_redacted.is_empty() {
        println!(
            "  {} notes of other cases naming them: only their address, name or phone number is blanked",
            plan.notes_redacted.len()
        );
    }
    if !plan.titles.is_empty() {
        println!(
            "  {} shared cases named after them: retitled from the mail left",
            plan.titles.len()
        );
    }
    if !plan.titles_redacted.is_empty() {
        println!(
            "  {} other cases naming them in their title: their name is blanked",
            plan.titles_redacted.len()
        );
    }
    println!(
        "  their mentions (address, full name, phone number) in the ingest records, filing reasons and the audit and access logs are blanked"
    );
    println!(
        "  {} known addresses (learned or from the address book)",
        plan.addresses_known
    );
    if !plan.old_database_copies.is_empty() {
        println!(
            "  database copies made before migrations, deleted: {}",
            t(&plan.old_database_copies.join(", "))
        );
    }
    if person.official.is_some() {
        println!("  (the official's entry in the national directory is public data and stays)");
    }
    for &id in plan.messages.iter().take(50) {
        if let Some(row) = crate::store::messages::get(ctx.store.conn(), id)? {
            println!(
                "    #{id} {}  {}  {}",
                crate::util::local_datetime(row.date),
                t(&row.from.address),
                t(&row.subject)
            );
        }
    }
    if plan.messages.len() > 50 {
        println!("    … and {} more", plan.messages.len() - 50);
    }
    println!(
        "  Backups made with `permanence backup` before now hold this data until the next `backup` into them (which erases it there too) or until they are rotated."
    );
    if dry_run {
        println!("dry run: nothing removed");
        return Ok(ExitCode::SUCCESS);
    }
    if !yes {
        if !std::io::stdin().is_terminal() {
            bail!("erasure needs confirmation: run it on a terminal, or pass --yes");
        }
        print!("Erase for good? Type « oui » to confirm: ");
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if answer.trim() != "oui" {
            println!("nothing removed");
            return Ok(ExitCode::SUCCESS);
        }
    }
    let removed = crate::person::erase(&mut ctx, &person, &plan, actor)?;
    // When the daemon holds the index writer, it purges the queued documents: wait up to a
    // minute.
    let pending = crate::lifecycle::wait_for_index_purge(
        ctx.store.conn(),
        std::time::Duration::from_secs(60),
    )?;
    println!(
        "erased: {} messages, {} cases",
        removed.messages, removed.cases
    );
    if pending > 0 {
        println!(
            "the running daemon holds the index: {pending} documents will be purged by it (see `permanence verify`)"
        );
    }
    Ok(ExitCode::SUCCESS)
}
