//! The data-lifecycle commands: `person export|erase`, `retention run`, `backup`, `restore`,
//! `verify`. Exports, backups and restored data directories are written private (see
//! `lifecycle.rs`).

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::context::Context;

/// `person export WHO --out DIR`.
pub fn person_export(dir: &Path, who: &str, out: &Path) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let (messages, cases) = crate::person::export(&ctx, who, out)?;
    let person = crate::person::resolve(ctx.store.conn(), who)?;
    crate::access::record_persons(
        ctx.store.conn(),
        &crate::cli_cases::actor(None),
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
pub fn person_erase(
    dir: &Path,
    who: &str,
    dry_run: bool,
    yes: bool,
    actor: &str,
) -> Result<ExitCode> {
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
        "  Backups made with `permanence backup` before now still hold this data until they are rotated."
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
    let pending = wait_for_index_purge(&ctx)?;
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

/// When the daemon holds the index writer, it purges queued documents: wait up to a minute.
fn wait_for_index_purge(ctx: &Context) -> Result<i64> {
    let count = || -> Result<i64> {
        Ok(ctx
            .store
            .conn()
            .query_row("SELECT count(*) FROM index_purge", [], |r| r.get(0))?)
    };
    for _ in 0..120 {
        if count()? == 0 {
            return Ok(0);
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    count()
}

/// `retention run [--dry-run]`.
pub fn retention_run(dir: &Path, dry_run: bool, actor: &str) -> Result<ExitCode> {
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

/// `backup DIR`.
pub fn backup(dir: &Path, out: &Path) -> Result<ExitCode> {
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
pub fn restore(dir: &Path, from: &Path) -> Result<ExitCode> {
    crate::lifecycle::restore(from, dir)?;
    let ctx = Context::open(dir)?;
    let mut indexer = ctx.index.writer(
        ctx.config.index.writer_heap_mb,
        ctx.config.index.writer_threads,
    )?;
    indexer.clear()?;
    indexer.commit()?;
    let options = crate::parse::ParseOptions {
        max_parse_bytes: (ctx.config.ingest.max_parse_mb as usize) << 20,
    };
    let limits = crate::index::DocLimits {
        max_text_bytes: ctx.config.index.max_text_kb << 10,
    };
    let indexed = crate::pipeline::catch_up(&ctx, &mut indexer, options, limits)?;
    indexer.wait_merging()?;
    let v = crate::lifecycle::verify(&ctx)?;
    ctx.store.conn().execute_batch("PRAGMA optimize")?;
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
    if v.loose_permissions > 0 {
        tracing::warn!(
            count = v.loose_permissions,
            "files of the data directory are readable by others: private mail should not be; run `chmod -R go-rwx {}`",
            dir.display()
        );
    }
    Ok(if v.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `verify [--json]`: exit 0 when consistent, 1 otherwise.
pub fn verify(dir: &Path, json: bool) -> Result<ExitCode> {
    let mut ctx = Context::open(dir)?;
    // Finish what a crash interrupted first (queued raw files and index documents).
    let pending: i64 = ctx.store.conn().query_row(
        "SELECT (SELECT count(*) FROM raw_purge) + (SELECT count(*) FROM index_purge)",
        [],
        |r| r.get(0),
    )?;
    if pending > 0 {
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
            println!("  {}", p.display());
        }
        println!("documents in the index:     {}", v.indexed);
        println!("unfinished purges:          {}", v.pending_purge);
        println!("readable by others:         {}", v.loose_permissions);
        for p in &v.loose_examples {
            println!("  {}", crate::util::terminal_safe(p));
        }
        println!("{}", if v.ok() { "ok" } else { "PROBLEMS found" });
    }
    if v.loose_permissions > 0 {
        tracing::warn!(
            count = v.loose_permissions,
            "files of the data directory are readable by others: private mail should not be; run `chmod -R go-rwx {}`",
            dir.display()
        );
    }
    Ok(if v.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
