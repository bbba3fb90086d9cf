//! The `case` commands: show, list and every staff action on a case, each one written to the
//! case history under the acting user's name (`--as`, else `$PERMANENCE_USER`, else `$USER`).
//!
//! Titles, names, addresses, snippets, notes and history come from mail or from staff input:
//! every text field is printed through [`terminal_safe`], so none can send an escape sequence
//! or forge a line.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cases::{self, Action, Case, StateChange};
use crate::context::Context;
use crate::ids::{CaseId, MessageId, OfficialId};
use crate::util::terminal_safe;

/// Request cases: show, list and every staff action (each one recorded in the case history).
#[derive(Debug, Args)]
pub struct CaseArgs {
    /// Acting user, recorded in the history [default: $PERMANENCE_USER, else $USER].
    #[arg(long = "as", value_name = "NAME", global = true)]
    as_user: Option<String>,
    #[command(subcommand)]
    command: CaseCommand,
}

#[derive(Debug, Subcommand)]
enum CaseCommand {
    /// A case: state, official, communes, themes, messages (and how each was filed), notes, history.
    Show {
        /// Case id.
        id: CaseId,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Cases, most urgent first (merged cases excluded).
    List {
        /// Only this state (proposed, open, waiting, answered, closed).
        #[arg(long)]
        state: Option<String>,
        /// One JSON object per case.
        #[arg(long)]
        json: bool,
    },
    /// Confirm a proposed case (it becomes open); --official also corrects its official and
    /// teaches the sender's address.
    Confirm {
        /// Case id.
        id: CaseId,
        /// The correspondent is this official (id).
        #[arg(long, value_name = "ID")]
        official: Option<OfficialId>,
    },
    /// Assign a case to someone (`none` unassigns).
    Assign {
        /// Case id.
        id: CaseId,
        /// Who works on it.
        name: String,
    },
    /// Add themes (recorded for rule tuning).
    Tag {
        /// Case id.
        id: CaseId,
        /// Theme slugs.
        #[arg(required = true)]
        themes: Vec<String>,
    },
    /// Remove themes (they stay removed when later mail carries them; recorded for rule tuning).
    Untag {
        /// Case id.
        id: CaseId,
        /// Theme slugs.
        #[arg(required = true)]
        themes: Vec<String>,
    },
    /// Merge case ID into case INTO (every message moves; ID is closed and points at INTO).
    Merge {
        /// Case merged away.
        id: CaseId,
        /// Case that receives the messages.
        into: CaseId,
    },
    /// Move messages out of a case into a new open case; prints the new case id last.
    Split {
        /// Case id.
        id: CaseId,
        /// Message ids to move.
        #[arg(required = true)]
        messages: Vec<MessageId>,
    },
    /// Take a sender and their messages out of a campaign into a case of their own; the
    /// pipeline never files their mail into that campaign again. Prints the new case id last.
    Detach {
        /// Campaign case id.
        id: CaseId,
        /// The sender's address.
        address: String,
    },
    /// Change the state: open, waiting, answered, closed, or reopen.
    State {
        /// Case id.
        id: CaseId,
        /// New state.
        state: String,
    },
    /// Add a note.
    Note {
        /// Case id.
        id: CaseId,
        /// The text (several words are joined).
        #[arg(required = true)]
        text: Vec<String>,
    },
    /// Set the due date (YYYY-MM-DD) or clear it (`none`).
    Due {
        /// Case id.
        id: CaseId,
        /// YYYY-MM-DD or none.
        date: String,
    },
    /// Not a request (a thank-you, mail filed by mistake): the case is closed and its history
    /// says so, so that it leaves the queue for good.
    Dismiss {
        /// Case id.
        id: CaseId,
    },
    /// Set the priority: urgent, high, normal or low.
    Priority {
        /// Case id.
        id: CaseId,
        /// Level.
        level: String,
    },
}

/// Runs a `case` command as the acting user: `show` and `list` read; every other command is
/// one [`cases::Action`] (parsed with the web's meaning of `none` and `-`) carried out by
/// [`cases::apply`], whose outcome is printed.
pub fn run(dir: &Path, args: CaseArgs) -> Result<ExitCode> {
    let who = &super::actor(args.as_user);
    let mut ctx = Context::open(dir)?;
    let (id, action) = match args.command {
        CaseCommand::Show { id, json } => {
            let messages: Vec<i64> = cases::require(ctx.store.conn(), id)?
                .messages
                .iter()
                .map(|m| m.get())
                .collect();
            crate::access::record(ctx.store.conn(), who, "case", &format!("#{id}"), &messages);
            return show(&ctx, id, json);
        }
        CaseCommand::List { state, json } => return list(&ctx, state.as_deref(), json),
        CaseCommand::Confirm { id, official } => (id, Action::Confirm { official }),
        CaseCommand::Assign { id, name } => (id, Action::assign(&name)),
        CaseCommand::Tag { id, themes } => (id, Action::Tag { themes, on: true }),
        CaseCommand::Untag { id, themes } => (id, Action::Tag { themes, on: false }),
        CaseCommand::Merge { id, into } => (id, Action::Merge { into }),
        CaseCommand::Split { id, messages } => (id, Action::Split { messages }),
        CaseCommand::Detach { id, address } => (id, Action::Detach { address }),
        CaseCommand::State { id, state } => (id, Action::State(StateChange::parse(&state)?)),
        CaseCommand::Note { id, text } => (
            id,
            Action::Note {
                text: text.join(" "),
            },
        ),
        CaseCommand::Due { id, date } => (id, Action::due(&date)?),
        CaseCommand::Priority { id, level } => (id, Action::priority(&level)?),
        CaseCommand::Dismiss { id } => (id, Action::Dismiss),
    };
    let outcome = cases::apply(&mut ctx, id, who, action.clone())?;
    for line in &outcome.learned {
        println!("{}", terminal_safe(line));
    }
    if outcome.rematched > 0 || matches!(action, Action::Confirm { official: Some(_) }) {
        // This command may own the index: re-index the re-matched messages now.
        crate::pipeline::reindex_now(&mut ctx)?;
    }
    let case = cases::require(ctx.store.conn(), outcome.case)?;
    let t = |s: &str| terminal_safe(s).into_owned();
    match action {
        Action::Confirm { .. } => {
            if outcome.rematched > 0 {
                println!(
                    "{} other messages from {} now matched",
                    outcome.rematched,
                    t(&case.correspondent)
                );
            }
            println!("case #{id} confirmed");
        }
        Action::Assign { user } => println!(
            "case #{id} assigned to {}",
            user.as_deref().map_or("nobody".to_string(), t)
        ),
        Action::Tag { .. } => println!("case #{id} themes: {}", t(&case.themes.join(", "))),
        Action::Merge { into } => println!(
            "case #{id} merged into case #{into} ({} messages)",
            case.messages.len()
        ),
        Action::Split { .. } => {
            println!("messages moved from case #{id} to new case #{}", case.id);
            println!("{}", case.id);
        }
        Action::Detach { address } => {
            println!(
                "{} taken out of campaign #{id} into case #{}; their mail will not join #{id} again",
                t(&address),
                case.id
            );
            println!("{}", case.id);
        }
        Action::State(_) => println!(
            "case #{id}: {} -> {}",
            outcome.state_before.unwrap_or(case.state),
            case.state
        ),
        Action::Note { .. } => println!("note added to case #{id}"),
        Action::Due { date } => println!(
            "case #{id} due: {}",
            date.map_or("none".to_string(), |d| d.format("%Y-%m-%d").to_string())
        ),
        Action::Priority(level) => println!("case #{id} priority: {level}"),
        Action::Dismiss => println!("case #{id} closed: not a request"),
    }
    Ok(ExitCode::SUCCESS)
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

fn show(ctx: &Context, id: CaseId, json: bool) -> Result<ExitCode> {
    let conn = ctx.store.conn();
    let case = cases::require(conn, id)?;
    let thread = cases::thread(conn, &case)?
        .into_iter()
        .map(|entry| {
            let row = entry.message;
            ThreadMessage {
                id: row.id,
                date: crate::util::local_datetime(row.date),
                from: if row.from.name.is_empty() {
                    row.from.address.clone()
                } else {
                    format!("{} <{}>", row.from.name, row.from.address)
                },
                outgoing: entry.outgoing,
                subject: row.subject,
                method: entry.method,
                reason: entry.reason,
                snippet: row.snippet,
            }
        })
        .collect();
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
    if case.kind == cases::Kind::Campaign {
        println!("  campaign: {} senders", case.parties.len());
        if let Some(d) = cases::campaign_divergence(ctx.store.conn(), case.id)? {
            println!("{}", divergence_warning(&d));
        }
    }
    println!("  state:      {}", case.state);
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
    if case.kind == cases::Kind::Campaign || case.parties.len() > 1 {
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
    println!("  priority:   {}", case.priority);
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
    let state = match state {
        Some(name) => Some(cases::State::parse(name).with_context(|| {
            format!("unknown state {name:?}: proposed, open, waiting, answered or closed")
        })?),
        None => None,
    };
    let query = cases::ListQuery {
        state,
        hide_closed: false,
        assignee: None,
        order: cases::Order::Urgency,
        limit: None,
        offset: 0,
    };
    let (found, _) = cases::list(ctx.store.conn(), &query)?;
    let mut out = std::io::stdout().lock();
    for case in found {
        if json {
            serde_json::to_writer(&mut out, &case)?;
            std::io::Write::write_all(&mut out, b"\n")?;
        } else {
            use std::io::Write;
            writeln!(
                out,
                "#{:<5} {:<9} {:<7} {:>3} msg  {}",
                case.id,
                case.state,
                case.priority,
                case.messages.len(),
                terminal_safe(&case.title)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The CLI's warning for a campaign whose members diverge (`case show`, `explain`).
pub(super) fn divergence_warning(d: &cases::Divergence) -> String {
    format!(
        "  warning: this campaign's {} messages diverge (most common theme in {:.0} %, most common subject word in {:.0} %): check it, and `case detach ID ADDRESS` a sender who does not belong",
        d.members,
        d.theme_share * 100.0,
        d.subject_share * 100.0
    )
}
