//! The `case` and `triage` commands: the morning queue and every staff action on a case, each
//! one written to the case history under the acting user's name (`--as`, else
//! `$PERMANENCE_USER`, else `$USER`).
//!
//! Titles, names, addresses, snippets, notes and history come from mail or from staff input:
//! every text field is printed through [`terminal_safe`], so none can send an escape sequence
//! or forge a line.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use serde::Serialize;

use crate::cases::{self, Case};
use crate::context::Context;
use crate::store::now;
use crate::util::terminal_safe;

/// What `case …` asked for.
#[derive(Debug)]
pub enum Action {
    /// `case show ID`
    Show { id: i64, json: bool },
    /// `case list`
    List { state: Option<String>, json: bool },
    /// `case confirm ID [--official N]`
    Confirm { id: i64, official: Option<i64> },
    /// `case assign ID NAME`
    Assign { id: i64, name: String },
    /// `case tag|untag ID THEME…`
    Tag {
        id: i64,
        themes: Vec<String>,
        on: bool,
    },
    /// `case merge ID INTO`
    Merge { id: i64, into: i64 },
    /// `case split ID MESSAGE…`
    Split { id: i64, messages: Vec<i64> },
    /// `case detach ID ADDRESS`
    Detach { id: i64, address: String },
    /// `case state ID STATE`
    State { id: i64, state: String },
    /// `case note ID TEXT`
    Note { id: i64, text: String },
    /// `case due ID DATE|none`
    Due { id: i64, date: String },
    /// `case priority ID LEVEL`
    Priority { id: i64, level: String },
}

/// The acting user: `--as`, else `$PERMANENCE_USER`, else `$USER`, else "staff".
pub fn actor(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("PERMANENCE_USER").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "staff".to_string())
}

/// Runs a `case` command as `who`.
pub fn run(dir: &Path, who: &str, action: Action) -> Result<ExitCode> {
    let mut ctx = Context::open(dir)?;
    match action {
        Action::Show { id, json } => {
            let messages = cases::require(ctx.store.conn(), id)?.messages;
            crate::access::record(ctx.store.conn(), who, "case", &format!("#{id}"), &messages);
            show(&ctx, id, json)
        }
        Action::List { state, json } => list(&ctx, state.as_deref(), json),
        Action::Confirm { id, official } => {
            let learned = ctx
                .store
                .transaction(|tx| cases::confirm(tx, id, who, official))?;
            for line in &learned {
                println!("{}", terminal_safe(line));
            }
            if official.is_some() {
                // The learned address may identify the sender's other mail too.
                let address = cases::require(ctx.store.conn(), id)?.correspondent;
                if !address.is_empty() {
                    let (_, changed) =
                        crate::cli_officials::rematch_and_reindex(&mut ctx, Some(&address))?;
                    if changed > 0 {
                        println!(
                            "{changed} other messages from {} now matched",
                            terminal_safe(&address)
                        );
                    }
                }
            }
            println!("case #{id} confirmed");
            Ok(ExitCode::SUCCESS)
        }
        Action::Assign { id, name } => {
            let name = if name == "none" || name == "-" {
                String::new()
            } else {
                name
            };
            ctx.store
                .transaction(|tx| cases::assign(tx, id, who, &name))?;
            println!(
                "case #{id} assigned to {}",
                if name.is_empty() {
                    "nobody".into()
                } else {
                    terminal_safe(&name)
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Action::Tag { id, themes, on } => {
            ctx.store.transaction(|tx| {
                for theme in &themes {
                    cases::tag(tx, id, who, theme, on)?;
                }
                Ok(())
            })?;
            let case = cases::require(ctx.store.conn(), id)?;
            println!(
                "case #{id} themes: {}",
                terminal_safe(&case.themes.join(", "))
            );
            Ok(ExitCode::SUCCESS)
        }
        Action::Merge { id, into } => {
            ctx.store
                .transaction(|tx| cases::merge(tx, id, into, who))?;
            let case = cases::require(ctx.store.conn(), into)?;
            println!(
                "case #{id} merged into case #{into} ({} messages)",
                case.messages.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Action::Split { id, messages } => {
            let new = ctx
                .store
                .transaction(|tx| cases::split(tx, id, &messages, who))?;
            println!("messages moved from case #{id} to new case #{new}");
            println!("{new}");
            Ok(ExitCode::SUCCESS)
        }
        Action::Detach { id, address } => {
            let new = ctx
                .store
                .transaction(|tx| cases::detach(tx, id, &address, who))?;
            println!(
                "{} taken out of campaign #{id} into case #{new}; their mail will not join #{id} again",
                crate::util::terminal_safe(&address)
            );
            println!("{new}");
            Ok(ExitCode::SUCCESS)
        }
        Action::State { id, state } => {
            let before = ctx
                .store
                .transaction(|tx| cases::set_state(tx, id, who, &state))?;
            let after = cases::require(ctx.store.conn(), id)?.state;
            println!(
                "case #{id}: {} -> {}",
                terminal_safe(&before),
                terminal_safe(&after)
            );
            Ok(ExitCode::SUCCESS)
        }
        Action::Note { id, text } => {
            ctx.store
                .transaction(|tx| cases::note(tx, id, who, &text))?;
            println!("note added to case #{id}");
            Ok(ExitCode::SUCCESS)
        }
        Action::Due { id, date } => {
            let date = (date != "none" && !date.is_empty()).then_some(date);
            ctx.store
                .transaction(|tx| cases::set_due(tx, id, who, date.as_deref()))?;
            println!(
                "case #{id} due: {}",
                terminal_safe(date.as_deref().unwrap_or("none"))
            );
            Ok(ExitCode::SUCCESS)
        }
        Action::Priority { id, level } => {
            ctx.store
                .transaction(|tx| cases::set_priority(tx, id, who, &level))?;
            println!("case #{id} priority: {}", terminal_safe(&level));
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    case: &'a Case,
    notes: Vec<cases::Note>,
    history: Vec<cases::HistoryEntry>,
    thread: Vec<ThreadMessage>,
}

#[derive(Serialize)]
struct ThreadMessage {
    id: i64,
    date: String,
    from: String,
    outgoing: bool,
    subject: String,
    method: String,
    reason: String,
    snippet: String,
}

fn show(ctx: &Context, id: i64, json: bool) -> Result<ExitCode> {
    let conn = ctx.store.conn();
    let case = cases::require(conn, id)?;
    let mut thread = Vec::new();
    for &m in &case.messages {
        let row = crate::store::messages::get(conn, m)?.with_context(|| format!("message #{m}"))?;
        let (_, method, reason) = cases::of_message(conn, m)?.unwrap_or_default();
        let outgoing: bool =
            conn.query_row("SELECT outgoing FROM messages WHERE id = ?1", [m], |r| {
                r.get(0)
            })?;
        thread.push(ThreadMessage {
            id: m,
            date: crate::util::local_datetime(row.date),
            from: if row.from.name.is_empty() {
                row.from.address.clone()
            } else {
                format!("{} <{}>", row.from.name, row.from.address)
            },
            outgoing,
            subject: row.subject,
            method,
            reason,
            snippet: row.snippet,
        });
    }
    let shown = Shown {
        case: &case,
        notes: cases::notes(conn, id)?,
        history: cases::history_of(conn, id)?,
        thread,
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&shown)?);
        return Ok(ExitCode::SUCCESS);
    }
    let gazetteer = crate::communes::Gazetteer::bundled()?;
    let t = |s: &str| terminal_safe(s).into_owned();
    println!("Case #{} — {}", case.id, t(&case.title));
    if case.kind == "campaign" {
        println!("  campaign: {} senders", case.parties.len());
        if let Some(d) = cases::campaign_divergence(ctx.store.conn(), case.id)? {
            println!("{}", divergence_warning(&d));
        }
    }
    println!("  state:      {}", t(&case.state));
    if let Some(into) = case.merged_into {
        println!("  merged into case #{into}");
    }
    match &case.official {
        Some(o) => println!(
            "  official:   {} {} (#{}) {}",
            t(&o.prenom),
            t(&o.nom),
            o.id,
            t(&o.fonction)
        ),
        None if !case.correspondent.is_empty() => {
            println!("  from:       {}", t(&case.correspondent))
        }
        None => {}
    }
    if case.kind == "campaign" || case.parties.len() > 1 {
        println!("  parties:    {}", t(&case.parties.join(", ")));
    }
    let communes: Vec<String> = case
        .communes
        .iter()
        .map(|c| match gazetteer.get(c) {
            Some(g) => format!("{} ({c})", g.name),
            None => c.clone(),
        })
        .collect();
    println!("  communes:   {}", t(&communes.join(", ")));
    println!("  themes:     {}", t(&case.themes.join(", ")));
    println!(
        "  assignee:   {}",
        if case.assignee.is_empty() {
            "-".to_string()
        } else {
            t(&case.assignee)
        }
    );
    println!("  priority:   {}", t(&case.priority));
    println!(
        "  due:        {}",
        if case.due.is_empty() {
            "-".to_string()
        } else {
            t(&case.due)
        }
    );
    println!();
    println!("Messages:");
    for m in &shown.thread {
        let arrow = if m.outgoing { "→" } else { "←" };
        println!(
            "  {arrow} #{} {} {} — {}",
            m.id,
            m.date,
            t(&m.from),
            t(&m.subject)
        );
        println!("      filed by {}: {}", t(&m.method), t(&m.reason));
    }
    if !shown.notes.is_empty() {
        println!();
        println!("Notes:");
        for n in &shown.notes {
            println!("  {} {}: {}", t(&n.at), t(&n.author), t(&n.text));
        }
    }
    println!();
    println!("History:");
    for h in &shown.history {
        let change = match (h.before.is_empty(), h.after.is_empty()) {
            (true, _) => h.after.clone(),
            (false, true) => format!("{} removed", h.before),
            (false, false) => format!("{} -> {}", h.before, h.after),
        };
        println!(
            "  {} {} {}: {}",
            t(&h.at),
            t(&h.who),
            t(&h.action),
            t(&change)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn list(ctx: &Context, state: Option<&str>, json: bool) -> Result<ExitCode> {
    let conn = ctx.store.conn();
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT id FROM cases WHERE merged_into IS NULL AND (?1 IS NULL OR state = ?1)
             ORDER BY priority, first_at, id",
        )?
        .query_map([state], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = std::io::stdout().lock();
    for id in ids {
        let case = cases::require(conn, id)?;
        if json {
            serde_json::to_writer(&mut out, &case)?;
            std::io::Write::write_all(&mut out, b"\n")?;
        } else {
            use std::io::Write;
            writeln!(
                out,
                "#{:<5} {:<9} {:<7} {:>3} msg  {}",
                case.id,
                terminal_safe(&case.state),
                terminal_safe(&case.priority),
                case.messages.len(),
                terminal_safe(&case.title)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `triage [--since LAST|DATE] [--json]`: the morning queue. Records the run, so the next
/// `--since LAST` (the default) starts after the last message this one saw.
pub fn triage(dir: &Path, who: &str, since: Option<&str>, json: bool) -> Result<ExitCode> {
    let mut ctx = Context::open(dir)?;
    let since = match since {
        None | Some("LAST") | Some("last") => cases::since_last_triage(ctx.store.conn())?,
        Some(date) => cases::Since {
            after_id: 0,
            from_time: crate::index::search::parse_date_arg(date, false)?,
        },
    };
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    // Mail filed while the queue is listed is new for the next triage.
    let through = crate::store::messages::max_id(ctx.store.conn())?;
    let items = cases::triage(ctx.store.conn(), since, &today)?;
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
            terminal_safe(&item.case.priority),
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

/// The CLI's warning for a campaign whose members diverge (`case show`, `explain`).
pub fn divergence_warning(d: &cases::Divergence) -> String {
    format!(
        "  warning: this campaign's {} messages diverge (most common theme in {:.0} %, most common subject word in {:.0} %): check it, and `case detach ID ADDRESS` a sender who does not belong",
        d.members,
        d.theme_share * 100.0,
        d.subject_share * 100.0
    )
}
