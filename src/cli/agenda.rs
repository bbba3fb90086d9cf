//! `agenda`: the invitations read from the mail. Without a subcommand it lists events (from
//! today on by default; `--json` gives one object per line); `decide` records a decision,
//! `correct` a field read wrongly, `export --ics` writes the calendar, `token` manages the
//! per-user secret of the calendar feed, `reread` reads stored mail again (after an upgrade),
//! `corrections` counts what staff corrected.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::agenda::{self, Decision, Event, Field, State};
use crate::context::Context;
use crate::ids::EventId;
use crate::util::terminal_safe;

/// The agenda: invitations read from the mail (ceremonies, inaugurations, vœux…), decided by
/// staff, published as a calendar.
#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// Acting user, recorded in the case history [default: $PERMANENCE_USER, else $USER].
    #[arg(long = "as", value_name = "NAME", global = true)]
    as_user: Option<String>,
    #[command(flatten)]
    list: ListArgs,
    #[command(subcommand)]
    command: Option<AgendaCommand>,
}

#[derive(Debug, Args)]
struct ListArgs {
    /// From this day (YYYY-MM-DD or DD/MM/YYYY) [default: today].
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// To this day, inclusive.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Every event, past ones too (and dismissed ones with --state dismissed).
    #[arg(long, conflicts_with = "from")]
    all: bool,
    /// Only events in this state (undecided, accepted, declined, maybe, represented, dismissed).
    #[arg(long, value_name = "STATE")]
    state: Vec<String>,
    /// One JSON object per event and line.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum AgendaCommand {
    /// Records a decision: accept, decline, maybe, represent NAME, reopen or dismiss (not an
    /// invitation). Written to the case history.
    Decide {
        /// Event id.
        event: EventId,
        /// accept | decline | maybe | represent | reopen | dismiss
        decision: String,
        /// For represent: who goes on the senator's behalf.
        name: Option<String>,
        /// A note kept with the decision.
        #[arg(long)]
        note: Option<String>,
    },
    /// Corrects a field read from the mail (kept and counted): title, date, end_date, start,
    /// end, place, commune, organiser, rsvp_by, rsvp_contact, notes. An empty value clears it.
    Correct {
        /// Event id.
        event: EventId,
        /// Field name.
        field: String,
        /// New value (dates 14/03/2026 or 2026-03-14, times 11h30, communes by name or code).
        value: String,
    },
    /// Writes the calendar (iCalendar) of accepted and represented events to FILE (`-`:
    /// standard output), as the feed does.
    Export {
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        ics: PathBuf,
    },
    /// The secret token of a user's calendar feed (`/agenda.ics?token=…`).
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Reads the stored mail again for invitations (events staff decided or corrected stay).
    Reread {
        /// Only messages written on or after this day.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
    /// Why a message was or was not read as an invitation: reads it again (nothing recorded)
    /// and prints what the reader concluded, as JSON.
    Explain {
        /// Message id.
        message: crate::ids::MessageId,
    },
    /// How many events staff corrected, by field: the reading's accuracy in use.
    Corrections {
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// A new token for USER (the old one stops working); printed once with the feed's path.
    New {
        /// User name.
        user: String,
    },
    /// Revokes USER's token.
    Revoke {
        /// User name.
        user: String,
    },
    /// Whether USER has a token, since when, last used when.
    Show {
        /// User name.
        user: String,
    },
}

fn day(s: &str, flag: &str) -> Result<NaiveDate> {
    agenda::parse_day(s)
        .with_context(|| format!("{flag} {s}: a day is written YYYY-MM-DD or DD/MM/YYYY"))
}

/// One event as `agenda --json` prints it (a contract for scripts).
#[derive(Debug, Serialize)]
struct JsonEvent<'a> {
    id: EventId,
    title: &'a str,
    start: String,
    end: String,
    all_day: bool,
    date: String,
    end_date: Option<String>,
    place: &'a str,
    commune_code: Option<&'a str>,
    organiser: &'a str,
    rsvp_by: Option<String>,
    rsvp_contact: Option<&'a str>,
    notes: Option<&'a str>,
    state: State,
    representative: &'a str,
    case_id: Option<crate::ids::CaseId>,
    message_id: crate::ids::MessageId,
    /// The Message-ID header of that message.
    message_header_id: String,
    source: &'a str,
    weekday_mismatch: bool,
    ambiguous: Option<&'a str>,
    conflicts: Vec<EventId>,
}

/// `agenda`.
pub fn run(dir: &Path, args: AgendaArgs) -> Result<ExitCode> {
    let who = super::actor(args.as_user);
    let mut ctx = Context::open(dir)?;
    let now = crate::store::now();
    match args.command {
        None => list(&ctx, &args.list, &who),
        Some(AgendaCommand::Decide {
            event,
            decision,
            name,
            note,
        }) => {
            let decision = Decision::parse(&decision, name.as_deref())?;
            let e = ctx.store.transaction(|tx| {
                agenda::decide(
                    tx,
                    event,
                    &decision,
                    note.as_deref().unwrap_or(""),
                    &who,
                    now,
                )
            })?;
            println!("event #{}: {} ({})", e.id, e.state, terminal_safe(&e.title));
            Ok(ExitCode::SUCCESS)
        }
        Some(AgendaCommand::Correct {
            event,
            field,
            value,
        }) => {
            let f = Field::parse(&field).with_context(|| {
                format!(
                    "unknown field {field:?}: {}",
                    Field::ALL.map(|f| f.as_str()).join(", ")
                )
            })?;
            let e = ctx
                .store
                .transaction(|tx| agenda::correct(tx, event, f, &value, &who, now))?;
            println!(
                "event #{}: {} corrected ({} corrections)",
                e.id,
                f.as_str(),
                e.corrected
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(AgendaCommand::Export { ics }) => {
            let events = agenda::list(ctx.store.conn(), &agenda::Query::default())?;
            let host = ctx
                .config
                .web
                .allowed_hosts
                .first()
                .cloned()
                .unwrap_or_else(|| "permanence".to_string());
            let text = agenda::feed::calendar(&events, &ctx.config.agenda, &host, now);
            let carried = events
                .iter()
                .filter(|e| agenda::feed::carried(e, &ctx.config.agenda))
                .count();
            if ics.as_os_str() == "-" {
                print!("{text}");
            } else {
                std::fs::write(&ics, text)
                    .with_context(|| format!("cannot write {}", ics.display()))?;
                println!("{carried} events written to {}", ics.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(AgendaCommand::Token { command }) => token(&mut ctx, command, now),
        Some(AgendaCommand::Reread { since }) => {
            let since = match since {
                Some(s) => Some(
                    crate::util::zone_midnight(day(&s, "--since")?)
                        .context("--since: no such day here")?,
                ),
                None => None,
            };
            let done = agenda::reread(&mut ctx, since)?;
            println!(
                "{} messages read: {} invitations, {} events",
                done.messages, done.invitations, done.events
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(AgendaCommand::Explain { message }) => {
            let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
            let reading = agenda::read_stored(
                ctx.store.conn(),
                &ctx.raw,
                &options,
                message,
                &ctx.config.office.departements,
            )?
            .with_context(|| format!("message #{message} is not stored or cannot be parsed"))?;
            crate::access::record(
                ctx.store.conn(),
                &who,
                "agenda-explain",
                &format!("#{message}"),
                &[message.get()],
            );
            println!("{}", serde_json::to_string_pretty(&reading)?);
            Ok(ExitCode::SUCCESS)
        }
        Some(AgendaCommand::Corrections { json }) => {
            let c = agenda::corrections(ctx.store.conn())?;
            if json {
                println!("{}", serde_json::to_string(&c)?);
            } else {
                println!(
                    "{} events read from the mail, {} corrected by staff, {} dismissed (not invitations)",
                    c.events, c.corrected_events, c.dismissed
                );
                for (field, n) in &c.by_field {
                    println!("  {field}: {n}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn list(ctx: &Context, args: &ListArgs, who: &str) -> Result<ExitCode> {
    let states = args
        .state
        .iter()
        .map(|s| {
            State::parse(s).with_context(|| {
                format!(
                    "unknown state {s:?}: {}",
                    State::ALL.map(|s| s.as_str()).join(", ")
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let from = match (&args.from, args.all) {
        (Some(s), _) => Some(day(s, "--from")?),
        (None, true) => None,
        (None, false) => Some(crate::util::zone_today()),
    };
    let to = args.to.as_deref().map(|s| day(s, "--to")).transpose()?;
    let events = agenda::list(
        ctx.store.conn(),
        &agenda::Query {
            from,
            to,
            states,
            message: None,
        },
    )?;
    let conflicts = agenda::conflicts(&events);
    let ids: Vec<i64> = events.iter().map(|e| e.message.get()).collect();
    crate::access::record(ctx.store.conn(), who, "agenda", "agenda", &ids);
    if args.json {
        for e in &events {
            let header_id: String = ctx
                .store
                .conn()
                .prepare_cached("SELECT message_id FROM messages WHERE id = ?1")?
                .query_row([e.message], |r| r.get(0))?;
            let j = json_event(
                e,
                header_id,
                conflicts.get(&e.id).cloned().unwrap_or_default(),
            );
            println!("{}", serde_json::to_string(&j)?);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if events.is_empty() {
        println!("no event");
        return Ok(ExitCode::SUCCESS);
    }
    for e in &events {
        let when = match (e.start, e.end) {
            (Some(s), Some(t)) => format!("{}–{}", s.format("%H:%M"), t.format("%H:%M")),
            (Some(s), None) => s.format("%H:%M").to_string(),
            _ => "all day".to_string(),
        };
        let mut flags = Vec::new();
        if conflicts.contains_key(&e.id) {
            flags.push("CONFLICT".to_string());
        }
        if let Some(r) = e.rsvp_by {
            flags.push(format!("reply by {r}"));
        }
        if let Some(a) = &e.ambiguous {
            flags.push(format!("check: {a}"));
        }
        if e.weekday_mismatch {
            flags.push("weekday and date disagree".into());
        }
        println!(
            "#{:<5} {} {:<11} {:<11} {}{}",
            e.id,
            e.date,
            when,
            e.state.as_str(),
            terminal_safe(&e.title),
            e.case_id
                .map_or(String::new(), |c| format!("  (case #{c})"))
        );
        let place = [e.place.as_str(), e.commune_code.as_deref().unwrap_or("")]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ");
        if !place.is_empty() {
            println!("       {}", terminal_safe(&place));
        }
        if !flags.is_empty() {
            println!("       {}", flags.join(" · "));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn json_event(e: &Event, header_id: String, conflicts: Vec<EventId>) -> JsonEvent<'_> {
    JsonEvent {
        id: e.id,
        title: &e.title,
        start: agenda::feed::rfc3339(e.starts_at()),
        end: agenda::feed::rfc3339(e.ends_at()),
        all_day: e.all_day(),
        date: e.date.to_string(),
        end_date: e.end_date.map(|d| d.to_string()),
        place: &e.place,
        commune_code: e.commune_code.as_deref(),
        organiser: &e.organiser,
        rsvp_by: e.rsvp_by.map(|d| d.to_string()),
        rsvp_contact: e.rsvp_contact.as_deref(),
        notes: e.notes.as_deref(),
        state: e.state,
        representative: &e.representative,
        case_id: e.case_id,
        message_id: e.message,
        message_header_id: header_id,
        source: &e.source,
        weekday_mismatch: e.weekday_mismatch,
        ambiguous: e.ambiguous.as_deref(),
        conflicts,
    }
}

fn token(ctx: &mut Context, command: TokenCommand, now: i64) -> Result<ExitCode> {
    let exists = |ctx: &Context, user: &str| -> Result<()> {
        let n: i64 = ctx.store.conn().query_row(
            "SELECT count(*) FROM users WHERE name = ?1",
            [user],
            |r| r.get(0),
        )?;
        anyhow::ensure!(n > 0, "no user {user:?}: `permanence user add` first");
        Ok(())
    };
    match command {
        TokenCommand::New { user } => {
            exists(ctx, &user)?;
            let token = ctx
                .store
                .transaction(|tx| agenda::tokens::issue(tx, &user, now))?;
            println!("feed of {user}: /agenda.ics?token={token}");
            println!("(shown once; `permanence agenda token revoke {user}` ends it)");
        }
        TokenCommand::Revoke { user } => {
            let had = ctx
                .store
                .transaction(|tx| agenda::tokens::revoke(tx, &user, now))?;
            println!(
                "{}",
                if had {
                    format!("the feed token of {user} is revoked")
                } else {
                    format!("{user} had no feed token")
                }
            );
        }
        TokenCommand::Show { user } => match agenda::tokens::status(ctx.store.conn(), &user)? {
            Some((created, used)) => println!(
                "{user}: token made {}, last used {}",
                crate::util::local_datetime(created),
                if used == 0 {
                    "never".to_string()
                } else {
                    crate::util::local_datetime(used)
                }
            ),
            None => println!("{user} has no feed token"),
        },
    }
    Ok(ExitCode::SUCCESS)
}
