//! `triage`: the morning queue (proposed cases, open cases with new mail, overdue cases) since
//! the previous triage or a date. Each run is recorded with the acting user, so that the next
//! one starts after the last message this one saw. Titles, names and snippets come from mail:
//! printed through [`terminal_safe`].

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::cases;
use crate::context::Context;
use crate::store::now;
use crate::util::terminal_safe;

/// The morning queue: proposed cases, open cases with new mail, overdue cases.
#[derive(Debug, Args)]
pub struct TriageArgs {
    /// Only mail ingested after LAST (the previous triage, the default) or a date (YYYY-MM-DD).
    #[arg(long, value_name = "LAST|DATE")]
    since: Option<String>,
    /// One JSON object per case.
    #[arg(long)]
    json: bool,
    /// Acting user, recorded with the run [default: $PERMANENCE_USER, else $USER].
    #[arg(long = "as", value_name = "NAME")]
    as_user: Option<String>,
}

/// `triage [--since LAST|DATE] [--json]`: the morning queue. Records the run, so the next
/// `--since LAST` (the default) starts after the last message this one saw.
pub fn run(dir: &Path, args: TriageArgs) -> Result<ExitCode> {
    let who = &super::actor(args.as_user);
    let json = args.json;
    let mut ctx = Context::open(dir)?;
    let since = match args.since.as_deref() {
        None | Some("LAST") | Some("last") => cases::since_last_triage(ctx.store.conn())?,
        Some(date) => cases::Since {
            after_id: 0,
            from_time: crate::index::search::parse_date_arg(date, false)?,
        },
    };
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    // Mail filed while the queue is listed is new for the next triage.
    let through = crate::store::messages::max_id(ctx.store.conn())?;
    let (items, _) = cases::triage(ctx.store.conn(), since, &today, None)?;
    let at = now();
    ctx.store
        .transaction(|tx| cases::record_triage(tx, who, at, through))?;
    if json {
        let mut out = std::io::stdout().lock();
        for item in &items {
            serde_json::to_writer(&mut out, item)?;
            std::io::Write::write_all(&mut out, b"\n")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let since_text = if since.from_time > 0 {
        format!(
            "mail since {}",
            crate::util::local_datetime(since.from_time)
        )
    } else if since.after_id > 0 {
        format!(
            "mail after message #{}, the previous triage",
            since.after_id
        )
    } else {
        "first triage: everything".to_string()
    };
    // Invitations to answer soon, before the cases (the JSON lines are cases only: a contract).
    let due = crate::agenda::rsvp_due(
        ctx.store.conn(),
        crate::util::zone_today(),
        ctx.config.agenda.rsvp_warning_days,
    )?;
    if !due.is_empty() {
        println!("Invitations to answer: {}", due.len());
        for e in &due {
            println!(
                "  event #{:<5} reply by {}  {}  {}",
                e.id,
                e.rsvp_by.map(|d| d.to_string()).unwrap_or_default(),
                e.date,
                terminal_safe(&e.title)
            );
        }
        println!("  (`permanence agenda decide EVENT accept|decline|…`)");
        println!();
    }
    println!("Triage: {} cases ({since_text})", items.len());
    for item in &items {
        let reason = match item.reason.as_str() {
            "new" => "nouveau",
            "new_mail" => "courrier",
            _ => "échéance",
        };
        let mut facts = vec![item.who.clone()];
        if !item.commune_names.is_empty() {
            facts.push(item.commune_names.join(", "));
        }
        if !item.case.themes.is_empty() {
            facts.push(item.case.themes.join(", "));
        }
        let date = item.case.first_message.get(..10).unwrap_or("");
        println!(
            "#{:<5} {:<9} {:<7} {}  {}",
            item.case.id,
            reason,
            item.case.priority,
            terminal_safe(date),
            terminal_safe(&item.case.title)
        );
        println!("       {}", terminal_safe(&facts.join(" · ")));
        if !item.snippet.is_empty() {
            println!("       « {} »", terminal_safe(&item.snippet));
        }
    }
    Ok(ExitCode::SUCCESS)
}
