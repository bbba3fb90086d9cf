//! The `officials` and `contacts` commands: imports with their summaries, staff corrections,
//! the per-person view and the directory listing. Names, places and file names come from the
//! imported files and from mail: each is printed through [`terminal_safe`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use crate::context::Context;
use crate::officials::{self, contacts, import};
use crate::pipeline;
use crate::util::{local_datetime, quote_name, terminal_safe};

/// The officials directory (RNE) and sender matching.
#[derive(Debug, Args)]
pub struct OfficialsArgs {
    #[command(subcommand)]
    command: OfficialsCommand,
}

#[derive(Debug, Subcommand)]
enum OfficialsCommand {
    /// Import Répertoire national des élus files (any release format; kind detected from the header).
    Import {
        /// RNE CSV files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// JSON summary.
        #[arg(long)]
        json: bool,
    },
    /// Staff correction: MESSAGE is from OFFICIAL (learns the sender address), or with --not, is not.
    Confirm {
        /// Message id or Message-ID.
        #[arg(value_name = "MESSAGE")]
        message: String,
        /// Official id.
        #[arg(value_name = "OFFICIAL")]
        official: i64,
        /// Reject this official for this message instead.
        #[arg(long)]
        not: bool,
    },
    /// One official: mandates, known addresses, every message from them (newest first).
    Show {
        /// Official id.
        id: i64,
    },
    /// The directory, one person per line (or JSON lines).
    List {
        /// Only people with a mandate in this commune (INSEE code).
        #[arg(long, value_name = "CODE")]
        commune: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Run sender matching again over stored mail (done automatically after imports).
    Rematch,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    /// One line per person.
    Text,
    /// One JSON object per person.
    Jsonl,
}

/// The office's address book.
#[derive(Debug, Args)]
pub struct ContactsArgs {
    #[command(subcommand)]
    command: ContactsCommand,
}

#[derive(Debug, Subcommand)]
enum ContactsCommand {
    /// Import an address book: CSV (French or English headers, `;` or `,`) or vCard 3/4.
    Import {
        /// The file.
        file: PathBuf,
        /// JSON summary.
        #[arg(long)]
        json: bool,
    },
}

/// Runs an `officials` command.
pub fn run(dir: &Path, args: OfficialsArgs) -> Result<ExitCode> {
    match args.command {
        OfficialsCommand::Import { files, json } => import_files(dir, &files, json),
        OfficialsCommand::Confirm {
            message,
            official,
            not,
        } => confirm(dir, &message, official, not),
        OfficialsCommand::Show { id } => show(dir, id),
        OfficialsCommand::List { commune, format } => {
            list(dir, commune.as_deref(), matches!(format, ListFormat::Jsonl))
        }
        OfficialsCommand::Rematch => {
            let mut ctx = Context::open(dir)?;
            let (seen, changed) = rematch_and_reindex(&mut ctx, None)?;
            println!("re-matched {seen} messages: {changed} changed official");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `officials import FILE…`: each file in its own transaction. A file that cannot be read or
/// was not understood (most rows refused) is reported in one line and the next file is
/// imported; the exit code is then 1. Refused rows of an imported file are listed under its
/// summary and do not change the exit code.
fn import_files(dir: &Path, files: &[PathBuf], json: bool) -> Result<ExitCode> {
    let mut ctx = Context::open(dir)?;
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let mut summaries = Vec::new();
    // (file, error) of the files not imported, in command-line order.
    let mut failed: Vec<(String, String)> = Vec::new();
    for file in files {
        match import::import_file(&mut ctx.store, file, &today) {
            Ok(summary) => summaries.push(summary),
            Err(import::ImportError::Store(err)) => return Err(err),
            Err(err) => failed.push((file.display().to_string(), err.to_string())),
        }
    }
    let (seen, changed) = rematch_and_reindex(&mut ctx, None)?;
    let code = if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    if json {
        let failed: Vec<_> = failed
            .iter()
            .map(|(file, error)| serde_json::json!({ "file": file, "error": error }))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "files": summaries,
                "failed": failed,
                "rematched": seen,
                "changed": changed
            }))?
        );
        return Ok(code);
    }
    for s in &summaries {
        println!(
            "{}: {} ({}): {} rows: added {}, updated {}, ended {}, rejected {}",
            quote_name(&s.file),
            terminal_safe(&s.kind),
            terminal_safe(&s.format),
            s.rows,
            s.added,
            s.updated,
            s.ended,
            s.rejected.len()
        );
        for (line, reason) in &s.rejected {
            println!("  line {line}: {}", terminal_safe(reason));
        }
    }
    for (file, error) in &failed {
        println!("{}: error: {}", quote_name(file), terminal_safe(error));
    }
    println!("sender matching re-run on {seen} messages: {changed} changed");
    Ok(code)
}

/// Runs a `contacts` command: `contacts import FILE [--json]`.
pub fn run_contacts(dir: &Path, args: ContactsArgs) -> Result<ExitCode> {
    let ContactsCommand::Import { file, json } = args.command;
    let mut ctx = Context::open(dir)?;
    let summary = contacts::import(&mut ctx.store, &file)?;
    let (seen, changed) = rematch_and_reindex(&mut ctx, None)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{}: {} contacts: added {}, already known {}, linked to an official {}, rejected {}",
        quote_name(&summary.file),
        summary.read,
        summary.added,
        summary.known,
        summary.linked,
        summary.rejected.len()
    );
    for (line, reason) in &summary.rejected {
        println!("  line {line}: {}", terminal_safe(reason));
    }
    println!("sender matching re-run on {seen} messages: {changed} changed");
    Ok(ExitCode::SUCCESS)
}

fn confirm(dir: &Path, message: &str, official: i64, not: bool) -> Result<ExitCode> {
    let mut ctx = Context::open(dir)?;
    let (row, _) = super::show::resolve_message(&ctx, message)?;
    let said = ctx.store.transaction(|tx| {
        let said = officials::confirm(tx, row.id, official, not)?;
        crate::store::messages::mark_dirty(tx, row.id)?;
        Ok(said)
    })?;
    println!("{}", terminal_safe(&said));
    let now_official = officials::recorded(ctx.store.conn(), row.id)?
        .and_then(|m| m.official)
        .map(|o| o.id);
    pipeline::retag(&mut ctx, row.id, now_official)?;
    // Other messages from the same sender may now match (or no longer) through that address.
    rematch_and_reindex(&mut ctx, Some(&row.from.address))?;
    Ok(ExitCode::SUCCESS)
}

/// One person as `list --format jsonl` prints it.
#[derive(Debug, Serialize)]
struct PersonView {
    id: i64,
    nom: String,
    prenom: String,
    sexe: String,
    birth_date: String,
    mandates: Vec<MandateView>,
    addresses: Vec<String>,
}

#[derive(Debug, Serialize)]
struct MandateView {
    kind: String,
    fonction: String,
    /// Commune, canton, circonscription… code.
    code: String,
    name: String,
    departement: String,
    start_date: String,
    end_date: Option<String>,
}

impl From<officials::profile::DirectoryEntry> for PersonView {
    fn from(p: officials::profile::DirectoryEntry) -> PersonView {
        PersonView {
            id: p.id,
            nom: p.nom,
            prenom: p.prenom,
            sexe: p.sexe,
            birth_date: p.birth_date,
            mandates: p
                .mandates
                .into_iter()
                .map(|m| MandateView {
                    kind: m.kind,
                    fonction: m.fonction,
                    code: m.territory,
                    name: m.territory_name,
                    departement: m.departement,
                    start_date: m.start_date,
                    end_date: m.end_date,
                })
                .collect(),
            addresses: p.addresses,
        }
    }
}

fn list(dir: &Path, commune: Option<&str>, jsonl: bool) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    // « --commune Vif » as well as « --commune 38545 »: a name gives the officials of the
    // communes of that name.
    let people = match commune {
        Some(name) if !name.chars().all(|c| c.is_ascii_alphanumeric()) || name.len() != 5 => {
            let ids = crate::officials::of_commune_named(ctx.store.conn(), name)?;
            let mut people = Vec::new();
            for id in ids {
                people.extend(officials::profile::directory_entry(ctx.store.conn(), id)?);
            }
            people
        }
        _ => officials::profile::directory(ctx.store.conn(), commune)?,
    };
    let people: Vec<PersonView> = people.into_iter().map(PersonView::from).collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for p in &people {
        if jsonl {
            serde_json::to_writer(&mut out, p)?;
            writeln!(out)?;
        } else {
            let current: Vec<String> = p
                .mandates
                .iter()
                .filter(|m| m.end_date.is_none())
                .map(|m| format!("{} {} ({})", m.fonction, m.name, m.code))
                .collect();
            writeln!(
                out,
                "#{:<7} {} {}  {}",
                p.id,
                terminal_safe(&p.prenom),
                terminal_safe(&p.nom),
                if current.is_empty() {
                    "(former official)".to_string()
                } else {
                    terminal_safe(&current.join("; ")).into_owned()
                }
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn show(dir: &Path, id: i64) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let Some(p) = officials::profile::directory_entry(ctx.store.conn(), id)? else {
        bail!("no official #{id}")
    };
    let p = PersonView::from(p);
    let t = |s: &str| terminal_safe(s).into_owned();
    println!(
        "#{} {} {} ({}, born {})",
        p.id,
        t(&p.prenom),
        t(&p.nom),
        t(&p.sexe),
        t(&p.birth_date)
    );
    println!("Mandates:");
    for m in &p.mandates {
        let end = m
            .end_date
            .as_deref()
            .map(|e| format!(" — ended {e}"))
            .unwrap_or_default();
        println!(
            "  {} — {} {} ({}), since {}{}",
            t(&m.kind),
            t(&m.fonction),
            t(&m.name),
            t(&m.code),
            t(&m.start_date),
            t(&end)
        );
    }
    println!(
        "Known addresses: {}",
        if p.addresses.is_empty() {
            "none".to_string()
        } else {
            t(&p.addresses.join(", "))
        }
    );
    // The same mail as the official's web page (officials::profile::Scope::Correspondence).
    let timeline = crate::officials::profile::timeline(
        ctx.store.conn(),
        id,
        crate::officials::profile::Scope::Correspondence,
        usize::MAX >> 1,
    )?;
    // Listing their mail is a read of it, as on the official's web page.
    let shown: Vec<i64> = timeline.exchanges.iter().map(|e| e.id.get()).collect();
    crate::access::record(
        ctx.store.conn(),
        &super::actor(None),
        "official",
        &format!("#{id}"),
        &shown,
    );
    println!("Messages ({}):", timeline.exchanges.len());
    for e in timeline.exchanges {
        let how = if let Some(method) = e.method {
            format!("{} {:.2}", method.as_str(), e.confidence)
        } else if e.outgoing {
            "sent by the office".to_string()
        } else {
            "in their case".to_string()
        };
        println!(
            "  #{:<6} {}  {}  {}  [{}]",
            e.id,
            local_datetime(e.date),
            t(&e.who),
            t(&e.subject),
            t(&how)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Matches the senders again (all, or `sender`'s mail) and re-indexes what changed when the
/// index is free.
fn rematch_and_reindex(ctx: &mut Context, sender: Option<&str>) -> Result<(u64, u64)> {
    let result = crate::rematch::run(ctx, sender)?;
    crate::pipeline::reindex_now(ctx)?;
    Ok(result)
}
