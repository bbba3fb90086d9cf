//! The command line: argument definitions (clap) and one function per command. This CLI is a
//! contract: tests and later tools rely on its commands, flags, JSON output and exit codes
//! (0 when the work was done, even if some inputs were bad; 1 when the run itself failed).
//!
//! Mail-derived and file-derived text (subjects, names, snippets, bodies, file names, server
//! folder names and errors) is printed through [`crate::util::terminal_safe`] (bodies through
//! [`crate::util::terminal_safe_text`], file names in the ingest summary through
//! [`crate::util::quote_name`]): no control character reaches the terminal as it is.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::context::{self, Context};
use crate::index::search::{self, SearchRequest};
use crate::pipeline::{self, Pipeline, Report};
use crate::source::{self, Input, Mbox};
use crate::store::messages;
use crate::store::runs::Severity;
use crate::util::{human_size, local_datetime, quote_name, terminal_safe, terminal_safe_text};

/// Files the inbound mail of a French parliamentary office: keeps the originals, parses,
/// indexes, searches and exports them.
#[derive(Debug, Parser)]
#[command(name = "permanence", version, about, max_term_width = 100)]
pub struct Cli {
    /// Data directory [default: $PERMANENCE_DATA, else ./permanence-data; for `demo`: ./permanence-demo]
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// More logging (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the data directory and a commented configuration file.
    Init,
    /// Build a demo data directory from the bundled fixtures, then serve it in the web interface
    /// (user `demo`, a new password printed each run).
    Demo {
        /// Only build the directory and print a tour; do not start the web interface.
        #[arg(long)]
        no_serve: bool,
        /// Address of the web interface.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
        listen: String,
    },
    /// Serve the staff web interface (triage, search, officials, cases, dashboard).
    Serve {
        /// Address to listen on [default: `[web] listen`, 127.0.0.1:8080]; port 0 picks a free one.
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
    },
    /// Store, parse and index messages from a Maildir, an mbox, files or stdin (`-`).
    Ingest {
        /// A Maildir (cur/ and new/, Maildir++ subfolders included). Repeatable.
        #[arg(long, value_name = "DIR")]
        maildir: Vec<PathBuf>,
        /// An mbox file (mboxrd or mboxo). Repeatable.
        #[arg(long, value_name = "FILE")]
        mbox: Vec<PathBuf>,
        /// Message files (.eml); `-` reads one message from stdin.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Full-text search (syntax in README: words, "phrases", field:value, AND/OR/NOT, date:).
    Search {
        /// The query (several words are joined with spaces).
        #[arg(required = true, num_args = 1.., value_name = "QUERY")]
        query: Vec<String>,
        /// Only mail from this address, domain or name.
        #[arg(long, value_name = "ADDR")]
        from: Option<String>,
        /// Only mail dated on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only mail dated on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// Number of hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Hits to skip (paging).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Show one message: headers and text, or the exact original with --raw.
    Show {
        /// Row id (as printed by search) or Message-ID (with or without <>).
        #[arg(value_name = "ID|MESSAGE-ID")]
        id: String,
        /// Print the original bytes unchanged (on a terminal, with control characters escaped:
        /// redirect to a file for the exact bytes).
        #[arg(long)]
        raw: bool,
    },
    /// Export every message, oldest first (or every case, with --cases).
    Export {
        /// Export the cases (with their message ids, state, notes and history) instead.
        #[arg(long)]
        cases: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Write to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Rebuild the full-text index from the database and the raw store.
    Reindex,
    /// Counts, sizes, last ingest.
    Stats {
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// File the configured IMAP mailboxes continuously (IDLE), until SIGTERM/SIGINT.
    Daemon,
    /// Fetch new mail from every configured mailbox once, then exit (for cron).
    Sync {
        /// One pass (the only mode; accepted for clarity in crontabs).
        #[arg(long)]
        once: bool,
    },
    /// Per mailbox and folder: last sync, UIDVALIDITY, high-water mark, backlog, last error.
    Status {
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Configuration commands.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// The officials directory (RNE) and sender matching.
    Officials {
        #[command(subcommand)]
        command: OfficialsCommand,
    },
    /// The office's address book.
    Contacts {
        #[command(subcommand)]
        command: ContactsCommand,
    },
    /// Theme rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// The morning queue: proposed cases, open cases with new mail, overdue cases.
    Triage {
        /// Only mail ingested after LAST (the previous triage, the default) or a date (YYYY-MM-DD).
        #[arg(long, value_name = "LAST|DATE")]
        since: Option<String>,
        /// One JSON object per case.
        #[arg(long)]
        json: bool,
        /// Acting user, recorded with the run [default: $PERMANENCE_USER, else $USER].
        #[arg(long = "as", value_name = "NAME")]
        as_user: Option<String>,
    },
    /// Request cases: show, list and every staff action (each one recorded in the case history).
    Case {
        /// Acting user, recorded in the history [default: $PERMANENCE_USER, else $USER].
        #[arg(long = "as", value_name = "NAME", global = true)]
        as_user: Option<String>,
        #[command(subcommand)]
        command: crate::cli_cases::CaseCommand,
    },
    /// A person's data (RGPD): export it (right of access) or erase it (right to erasure).
    Person {
        #[command(subcommand)]
        command: PersonCommand,
    },
    /// The retention policy of `[retention]`.
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Consistent backup of the data directory while it is in use (database snapshot through
    /// SQLite's backup API, raw messages, configuration, rules).
    Backup {
        /// Backup directory (re-running into it copies only new raw messages).
        dir: PathBuf,
    },
    /// Restore a backup into the --data directory (which must not hold a database), then
    /// rebuild the index and verify.
    Restore {
        /// Backup directory.
        dir: PathBuf,
    },
    /// Check that every row has its raw message, every raw message hashes to its name, and the
    /// index holds one document per message; exit 1 when not.
    Verify {
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Who searched for or opened whose messages (kept `[retention] access_log_days`).
    AccessLog {
        /// Only entries that showed this person's messages.
        #[arg(long, value_name = "ADDRESS")]
        person: Option<String>,
        /// Only entries on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// One JSON object per entry.
        #[arg(long)]
        json: bool,
    },
    /// Every official, commune, theme and case decision of a message, with what produced it.
    Explain {
        /// Message id or Message-ID.
        #[arg(value_name = "MESSAGE")]
        message: String,
    },
    /// Manage the web interface's users (argon2id passwords; roles admin, staff, reader).
    User {
        #[command(subcommand)]
        command: crate::cli_users::UserCommand,
    },
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

#[derive(Debug, Subcommand)]
enum RetentionCommand {
    /// Remove what the policy says has been kept long enough (the daemon does it daily).
    Run {
        /// Only say what would be removed.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Validate the rule files (errors name file:line and the reason).
    Check,
    /// Re-run the rules over stored mail and print what would change per rule.
    Test {
        /// Only mail dated on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Record the new tags.
        #[arg(long)]
        apply: bool,
    },
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

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    /// One line per person.
    Text,
    /// One JSON object per person.
    Jsonl,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Validate permanence.toml; errors name the line and the key.
    Check,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
}

/// Sets up `tracing` on stderr: warnings by default, more with -v, errors only with -q.
pub fn init_tracing(verbose: u8, quiet: bool) {
    let default = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .try_init();
}

fn data_dir(cli: &Cli, demo: bool) -> PathBuf {
    if let Some(dir) = &cli.data {
        return dir.clone();
    }
    if demo {
        return PathBuf::from("permanence-demo");
    }
    std::env::var_os("PERMANENCE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("permanence-data"))
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let dir = data_dir(&cli, matches!(cli.command, Command::Demo { .. }));
    match cli.command {
        Command::Init => init(&dir),
        Command::Demo { no_serve, listen } => {
            demo(&dir, cli.quiet)?;
            if no_serve {
                return Ok(ExitCode::SUCCESS);
            }
            let password = demo_user(&dir)?;
            crate::web::serve(&dir, Some(&listen), |addr| {
                println!();
                println!("Web interface: http://{addr}/  (user: demo, password: {password})");
                println!("Ctrl-C stops it.");
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { listen } => {
            crate::web::serve(&dir, listen.as_deref(), |addr| {
                println!("listening on http://{addr}/");
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ingest {
            maildir,
            mbox,
            files,
            json,
        } => ingest(&dir, &maildir, &mbox, &files, json, cli.quiet),
        Command::Search {
            query,
            from,
            since,
            until,
            limit,
            offset,
            json,
        } => {
            let req = SearchRequest {
                query: query.join(" "),
                from,
                since: since
                    .as_deref()
                    .map(|s| search::parse_date_arg(s, false))
                    .transpose()?,
                until: until
                    .as_deref()
                    .map(|s| search::parse_date_arg(s, true))
                    .transpose()?,
                limit,
                offset,
                ..SearchRequest::default()
            };
            run_search(&dir, &req, json)
        }
        Command::Show { id, raw } => show(&dir, &id, raw),
        Command::Export {
            cases,
            format: ExportFormat::Jsonl,
            out,
        } => export(&dir, cases, out.as_deref()),
        Command::Triage {
            since,
            json,
            as_user,
        } => crate::cli_cases::triage(
            &dir,
            &crate::cli_cases::actor(as_user),
            since.as_deref(),
            json,
        ),
        Command::Case { as_user, command } => {
            crate::cli_cases::run(&dir, &crate::cli_cases::actor(as_user), command)
        }
        Command::Reindex => reindex(&dir),
        Command::Stats { json } => stats(&dir, json),
        Command::Daemon => {
            let config = load_config(&dir)?;
            runtime()?.block_on(crate::imap::daemon::run_daemon(&dir, &config))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Sync { once: _ } => sync_once(&dir),
        Command::Status { json } => status(&dir, json),
        Command::Config {
            command: ConfigCommand::Check,
        } => config_check(&dir),
        Command::Rules {
            command: RulesCommand::Check,
        } => crate::cli_rules::check(&dir),
        Command::Rules {
            command: RulesCommand::Test { since, apply },
        } => {
            let since = since
                .as_deref()
                .map(|s| search::parse_date_arg(s, false))
                .transpose()?;
            crate::cli_rules::test(&dir, since, apply)
        }
        Command::Person {
            command: PersonCommand::Export { who, out },
        } => crate::cli_lifecycle::person_export(&dir, &who, &out),
        Command::Person {
            command:
                PersonCommand::Erase {
                    who,
                    dry_run,
                    yes,
                    as_user,
                },
        } => crate::cli_lifecycle::person_erase(
            &dir,
            &who,
            dry_run,
            yes,
            &crate::cli_cases::actor(as_user),
        ),
        Command::Retention {
            command: RetentionCommand::Run { dry_run },
        } => crate::cli_lifecycle::retention_run(&dir, dry_run, &crate::cli_cases::actor(None)),
        Command::Backup { dir: out } => crate::cli_lifecycle::backup(&dir, &out),
        Command::Restore { dir: from } => crate::cli_lifecycle::restore(&dir, &from),
        Command::Verify { json } => crate::cli_lifecycle::verify(&dir, json),
        Command::AccessLog {
            person,
            since,
            json,
        } => {
            let since = since
                .as_deref()
                .map(|s| search::parse_date_arg(s, false))
                .transpose()?
                .unwrap_or(0);
            let ctx = Context::open(&dir)?;
            let entries = crate::access::list(ctx.store.conn(), person.as_deref(), since)?;
            let mut out = std::io::stdout().lock();
            for e in &entries {
                if json {
                    serde_json::to_writer(&mut out, e)?;
                    writeln!(out)?;
                } else {
                    writeln!(
                        out,
                        "{}  {:<10} {:<13} {}  → {}",
                        e.at,
                        terminal_safe(&e.who),
                        terminal_safe(&e.action),
                        terminal_safe(&e.target),
                        terminal_safe(&e.persons.join(", "))
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { message } => crate::cli_rules::explain(&dir, &message),
        Command::User { command } => {
            crate::cli_users::run(&dir, &crate::cli_cases::actor(None), command)
        }
        Command::Officials { command } => {
            crate::cli_officials::run(&dir, command_officials(command))
        }
        Command::Contacts {
            command: ContactsCommand::Import { file, json },
        } => crate::cli_officials::contacts_import(&dir, &file, json),
    }
}

fn command_officials(c: OfficialsCommand) -> crate::cli_officials::Action {
    use crate::cli_officials::Action;
    match c {
        OfficialsCommand::Import { files, json } => Action::Import { files, json },
        OfficialsCommand::Confirm {
            message,
            official,
            not,
        } => Action::Confirm {
            message,
            official,
            not,
        },
        OfficialsCommand::Show { id } => Action::Show { id },
        OfficialsCommand::List { commune, format } => Action::List {
            commune,
            jsonl: matches!(format, ListFormat::Jsonl),
        },
        OfficialsCommand::Rematch => Action::Rematch,
    }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn load_config(dir: &Path) -> Result<crate::config::Config> {
    context::init_dir(dir)?;
    crate::config::Config::load(&dir.join(context::CONFIG_FILE))
}

fn config_check(dir: &Path) -> Result<ExitCode> {
    let path = dir.join(context::CONFIG_FILE);
    if !path.exists() {
        bail!("{} does not exist (run `permanence init`)", path.display());
    }
    let config = crate::config::Config::load(&path)?;
    println!("{}: ok", path.display());
    for m in &config.mailbox {
        let folders: Vec<String> = m
            .watched_folders()
            .into_iter()
            .map(|(f, sent)| if sent { format!("{f} (sent)") } else { f })
            .collect();
        let secret = match (&m.password_env, &m.password_file) {
            (Some(var), _) if std::env::var_os(var.get_ref()).is_none() => format!(
                "password_env {} (not set in this environment)",
                var.get_ref()
            ),
            (Some(var), _) => format!("password_env {}", var.get_ref()),
            (None, Some(file)) => format!("password_file {}", file.get_ref().display()),
            (None, None) => String::new(),
        };
        println!(
            "  mailbox {}: {}@{}:{} ({:?}), folders {}, {}",
            terminal_safe(m.name.get_ref()),
            terminal_safe(&m.username),
            terminal_safe(m.host.get_ref()),
            m.port(),
            m.security.get_ref(),
            terminal_safe(&folders.join(", ")),
            terminal_safe(&secret)
        );
    }
    if config.mailbox.is_empty() {
        println!("  no [[mailbox]]: the daemon has nothing to file");
    }
    Ok(ExitCode::SUCCESS)
}

fn sync_once(dir: &Path) -> Result<ExitCode> {
    let config = load_config(dir)?;
    let results = runtime()?.block_on(crate::imap::daemon::sync_once(dir, &config))?;
    let mut failed = false;
    for (job, result) in &results {
        match result {
            Ok(o) => println!(
                "{}/{}: fetched {}, new {}, already known {}, failed {}{}{}",
                terminal_safe(&job.account),
                terminal_safe(&job.folder),
                o.fetched,
                o.new,
                o.known,
                o.failed,
                if o.rescanned {
                    " (re-scanned: UIDVALIDITY changed)"
                } else {
                    ""
                },
                if o.interrupted { " (interrupted)" } else { "" }
            ),
            Err(err) => {
                failed = true;
                println!(
                    "{}/{}: error: {}",
                    terminal_safe(&job.account),
                    terminal_safe(&job.folder),
                    terminal_safe(&err.to_string())
                );
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Debug, Serialize)]
struct FolderStatusView {
    #[serde(flatten)]
    state: crate::store::imap_state::FolderState,
    configured: bool,
    silent: bool,
}

fn status(dir: &Path, json: bool) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let states = crate::store::imap_state::all(ctx.store.conn())?;
    let now = crate::store::now();
    let silent_after = i64::from(ctx.config.daemon.silent_days) * 86_400;
    let mut views = Vec::new();
    for m in &ctx.config.mailbox {
        for (folder, _) in m.watched_folders() {
            let state = states
                .iter()
                .find(|s| &s.account == m.name.get_ref() && s.folder == folder)
                .cloned()
                .unwrap_or_else(|| crate::store::imap_state::FolderState {
                    account: m.name.get_ref().clone(),
                    folder: folder.clone(),
                    ..Default::default()
                });
            let silent = state.last_sync > 0 && now - state.last_new_at.max(0) > silent_after;
            views.push(FolderStatusView {
                state,
                configured: true,
                silent,
            });
        }
    }
    for state in states {
        if !views
            .iter()
            .any(|v| v.state.account == state.account && v.state.folder == state.folder)
        {
            views.push(FolderStatusView {
                state,
                configured: false,
                silent: false,
            });
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&views)?);
        return Ok(ExitCode::SUCCESS);
    }
    if views.is_empty() {
        println!(
            "no mailbox configured (add a [[mailbox]] section to {})",
            dir.join(context::CONFIG_FILE).display()
        );
    }
    let ago = |ts: i64| {
        if ts == 0 {
            "never".to_string()
        } else {
            format!("{} ({} ago)", local_datetime(ts), human_duration(now - ts))
        }
    };
    for v in &views {
        let s = &v.state;
        // Folder names and errors come from the IMAP server.
        println!(
            "{}/{}{}",
            terminal_safe(&s.account),
            terminal_safe(&s.folder),
            if v.configured {
                ""
            } else {
                " (no longer configured)"
            }
        );
        println!("  last sync:    {}", ago(s.last_sync));
        println!(
            "  UIDVALIDITY:  {}   next UID: {}   server UIDNEXT: {}   on server: {}   backlog: {}",
            s.uidvalidity, s.uid_next, s.server_uidnext, s.server_exists, s.backlog
        );
        println!("  last new mail: {}", ago(s.last_new_at));
        if s.rescans > 0 {
            println!("  re-scans (UIDVALIDITY changes): {}", s.rescans);
        }
        if !s.last_error.is_empty() {
            println!(
                "  last error:   {} ({})",
                terminal_safe(&s.last_error),
                ago(s.last_error_at)
            );
        }
        if v.silent {
            println!(
                "  WARNING: no new mail for more than {} days — a silent mailbox is usually a broken one",
                ctx.config.daemon.silent_days
            );
        }
    }
    // Personal-data lifecycle: retention runs and erasures (counts only).
    let (runs, last_run, messages, cases): (i64, i64, i64, i64) = ctx.store.conn().query_row(
        "SELECT count(*), coalesce(max(at), 0), coalesce(sum(messages), 0), coalesce(sum(cases), 0) FROM retention_runs",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    println!(
        "retention: {runs} runs, last {}; removed {messages} messages and {cases} cases in all",
        ago(last_run)
    );
    let (erasures, erased): (i64, i64) = ctx.store.conn().query_row(
        "SELECT count(*), coalesce(sum(messages), 0) FROM erasures",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    println!("erasures:  {erasures} (RGPD requests), {erased} messages erased");
    Ok(ExitCode::SUCCESS)
}

fn human_duration(secs: i64) -> String {
    match secs.max(0) {
        s if s < 120 => format!("{s} s"),
        s if s < 7_200 => format!("{} min", s / 60),
        s if s < 172_800 => format!("{} h", s / 3600),
        s => format!("{} days", s / 86_400),
    }
}

fn init(dir: &Path) -> Result<ExitCode> {
    let written = context::init_dir(dir)?;
    let ctx = Context::open(dir)?;
    let config = ctx.dir.join(context::CONFIG_FILE);
    if written {
        println!(
            "created {} (edit {} to configure)",
            dir.display(),
            config.display()
        );
    } else {
        println!(
            "{} already initialised (configuration {} kept)",
            dir.display(),
            config.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn progress(total: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = if total.is_some() {
        "{bar:40} {pos}/{len} messages  {per_sec}  eta {eta}"
    } else {
        "{spinner} {pos} messages  {per_sec}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Feeds `inputs` to the pipeline in batches.
fn feed(
    pipeline: &mut Pipeline<'_>,
    inputs: impl Iterator<Item = Input>,
    bar: &ProgressBar,
) -> Result<()> {
    let size = pipeline.batch_size();
    let mut batch = Vec::with_capacity(size);
    let mut bytes = 0usize;
    for input in inputs {
        bytes += input.bytes.as_ref().map_or(0, |b| b.len());
        batch.push(input);
        // Bound memory too: a batch of large messages is flushed early.
        if batch.len() >= size || bytes >= 256 << 20 {
            let n = batch.len() as u64;
            pipeline.process(std::mem::take(&mut batch), |_, _, _| Ok(()))?;
            bar.inc(n);
            bytes = 0;
        }
    }
    if !batch.is_empty() {
        let n = batch.len() as u64;
        pipeline.process(batch, |_, _, _| Ok(()))?;
        bar.inc(n);
    }
    Ok(())
}

fn ingest(
    dir: &Path,
    maildirs: &[PathBuf],
    mboxes: &[PathBuf],
    files: &[PathBuf],
    json: bool,
    quiet: bool,
) -> Result<ExitCode> {
    if maildirs.is_empty() && mboxes.is_empty() && files.is_empty() {
        bail!("nothing to ingest: give --maildir DIR, --mbox FILE, message files, or - for stdin");
    }
    // Resolve every source before touching the data directory: a typo fails the run early.
    let mut maildir_files = Vec::new();
    let mut skipped = Vec::new();
    for maildir in maildirs {
        let scan = source::scan_maildir(maildir)?;
        maildir_files.extend(scan.files);
        skipped.extend(scan.skipped);
    }
    let mut mbox_readers = Vec::new();
    for mbox in mboxes {
        mbox_readers.push(Mbox::open(mbox)?);
    }
    let mut ctx = Context::open(dir)?;
    let description = describe_sources(maildirs, mboxes, files);
    let mut pipeline = Pipeline::start(&mut ctx, &description)?;
    pipeline.report_skipped(&skipped)?;
    let cap = pipeline.max_message_bytes();
    let known_total = (maildir_files.len() + files.len()) as u64;
    let bar = progress(
        if mboxes.is_empty() {
            Some(known_total)
        } else {
            None
        },
        quiet || json,
    );
    feed(
        &mut pipeline,
        maildir_files
            .iter()
            .map(|p| source::read_maildir_file(p, cap)),
        &bar,
    )?;
    for mbox in mbox_readers {
        feed(&mut pipeline, mbox.max_bytes(cap), &bar)?;
    }
    let singles = files.iter().map(|p| {
        if p.as_os_str() == "-" {
            source::read_stdin(cap)
        } else {
            source::read_file(p, "file", cap)
        }
    });
    feed(&mut pipeline, singles, &bar)?;
    bar.finish_and_clear();
    let report = pipeline.finish()?;
    print_report(&report, json)?;
    Ok(ExitCode::SUCCESS)
}

fn describe_sources(maildirs: &[PathBuf], mboxes: &[PathBuf], files: &[PathBuf]) -> String {
    let mut parts: Vec<String> = maildirs
        .iter()
        .map(|p| format!("maildir {}", p.display()))
        .collect();
    parts.extend(mboxes.iter().map(|p| format!("mbox {}", p.display())));
    if !files.is_empty() {
        parts.push(format!("{} file(s)", files.len()));
    }
    parts.join(", ")
}

fn print_report(report: &Report, json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
        return Ok(());
    }
    let c = report.counts;
    println!(
        "new: {}, already known: {}, failed: {}, warnings: {}",
        c.new, c.known, c.failed, c.warnings
    );
    // Locations are file names: quoted when they hold control characters, so that a name with
    // a newline or an escape sequence cannot forge a line of the summary.
    for p in &report.problems {
        let label = match p.severity {
            Severity::Error => "failed",
            Severity::Warning => "warning",
        };
        let location = quote_name(&p.location);
        let reason = terminal_safe(&p.reason);
        match p.message {
            Some(id) => println!("  {label}: {location} (stored as #{id}): {reason}"),
            None => println!("  {label}: {location}: {reason}"),
        }
    }
    Ok(())
}

/// Closes the open cases whose every message comes from a public test corpus (CPython, mail-parser):
/// they show the parser's robustness, not an office's requests. Recorded in their history.
fn archive_test_corpora(ctx: &mut Context) -> Result<u64> {
    let conn = ctx.store.conn();
    let mut ids: Vec<crate::ids::CaseId> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT c.id FROM cases c WHERE c.state != 'closed' AND c.merged_into IS NULL
           AND NOT EXISTS (SELECT 1 FROM message_cases mc JOIN message_sources s ON s.message = mc.message
                           WHERE mc.case_id = c.id AND s.location NOT LIKE ?1 AND s.location NOT LIKE ?2)",
    )?;
    let patterns: Vec<String> = crate::demo::TEST_CORPORA
        .iter()
        .map(|p| format!("{p}%"))
        .collect();
    for id in stmt.query_map([&patterns[0], &patterns[1]], |r| r.get(0))? {
        ids.push(id?);
    }
    drop(stmt);
    for &id in &ids {
        crate::cases::apply(
            ctx,
            id,
            "demo",
            crate::cases::Action::State(crate::cases::StateChange::To(crate::cases::State::Closed)),
        )?;
    }
    Ok(ids.len() as u64)
}

/// Creates (or resets) the demo's administrator `demo` with a new random password, returned to
/// be printed: the demo directory never holds a password someone could know in advance.
fn demo_user(dir: &Path) -> Result<String> {
    let mut ctx = Context::open(dir)?;
    let password = crate::users::session::random_token()?[..16].to_string();
    let hashed = crate::users::NewPassword::hash(&password)?;
    let by = "demo";
    ctx.store.transaction(|tx| {
        if crate::users::get(tx, "demo")?.is_some() {
            crate::users::set_password(tx, "demo", &hashed, by)
        } else {
            crate::users::add(tx, "demo", crate::users::Role::Admin, &hashed, by).map(|_| ())
        }
    })?;
    Ok(password)
}

fn demo(dir: &Path, quiet: bool) -> Result<ExitCode> {
    let fresh = !dir.join(context::CONFIG_FILE).exists();
    context::init_dir(dir)?;
    if fresh {
        // The demo office is a senator's office in Isère.
        let config = dir.join(context::CONFIG_FILE);
        let text = std::fs::read_to_string(&config)?
            .replace("departements = []", "departements = [\"38\"]")
            .replace(
                "addresses = []",
                "addresses = [\"permanence@senateur-exemple.fr\"]",
            );
        std::fs::write(&config, text)?;
    }
    let mut ctx = Context::open(dir)?;
    // The directory first, so that the mail is matched as it is filed.
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let mut officials = 0;
    for name in crate::demo::DEMO_RNE {
        let bytes =
            crate::demo::rne_file(name).with_context(|| format!("{name} is not bundled"))?;
        let file = crate::officials::rne::parse(bytes, name)?;
        let summary = crate::officials::import::import_parsed(
            &mut ctx.store,
            &format!("fixtures/rne/{name}"),
            &file,
            &today,
        )?;
        officials += summary.added;
    }
    for name in crate::demo::DEMO_CONTACTS {
        let bytes =
            crate::demo::contacts_file(name).with_context(|| format!("{name} is not bundled"))?;
        crate::officials::contacts::import_bytes(
            &mut ctx.store,
            &format!("fixtures/officials/{name}"),
            bytes,
        )?;
    }
    let inputs = crate::demo::bundled_messages();
    let bar = progress(Some(inputs.len() as u64), quiet);
    let mut pipeline = Pipeline::start(&mut ctx, "demo fixtures")?;
    feed(&mut pipeline, inputs.into_iter(), &bar)?;
    bar.finish_and_clear();
    let report = pipeline.finish()?;
    let archived = archive_test_corpora(&mut ctx)?;
    let c = report.counts;
    let conn = ctx.store.conn();
    let total = messages::max_id(conn)?;
    let people: i64 = conn.query_row("SELECT count(*) FROM officials", [], |r| r.get(0))?;
    let matched: i64 = conn.query_row(
        "SELECT count(*) FROM message_officials WHERE official IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    let failed = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    println!("Permanence demo data directory: {}", dir.display());
    println!(
        "  {total} messages stored ({} new this run, {} already known, {failed} inputs with errors)",
        c.new, c.known
    );
    println!(
        "  {people} officials in the directory ({officials} mandates added this run); {matched} messages matched to an official"
    );
    let open: i64 = conn.query_row(
        "SELECT count(*) FROM cases WHERE merged_into IS NULL AND state != 'closed'",
        [],
        |r| r.get(0),
    )?;
    println!(
        "  {open} cases to work ({archived} cases of the public test corpora closed by the demo)"
    );
    println!();
    println!(
        "The morning queue: `{} --data {} triage`, then `… case show ID`, `… case confirm ID`.",
        std::env::args()
            .next()
            .unwrap_or_else(|| "permanence".into()),
        dir.display()
    );
    println!();
    println!("Try these searches:");
    let exe = std::env::args()
        .next()
        .unwrap_or_else(|| "permanence".into());
    for (query, what) in crate::demo::TOUR_SEARCHES {
        println!(
            "  {exe} --data {} search '{query}'    # {what}",
            dir.display()
        );
    }
    println!();
    println!(
        "Then: `{exe} --data {} show ID` for one message (with who wrote it and why),",
        dir.display()
    );
    println!(
        "      `… officials list --commune 38545`, `… officials show ID`, `… stats`, `… export --format jsonl`."
    );
    Ok(ExitCode::SUCCESS)
}

fn run_search(dir: &Path, req: &SearchRequest, json: bool) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let reader = ctx.index.reader()?;
    let results = search::search(&ctx.index, &reader, req)?;
    let shown: Vec<i64> = results.hits.iter().map(|h| h.id).collect();
    crate::access::record(
        ctx.store.conn(),
        &crate::cli_cases::actor(None),
        "search",
        &req.query,
        &shown,
    );
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let tty = std::io::stdout().is_terminal();
    let (on, off) = if tty {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    for hit in &results.hits {
        writeln!(
            out,
            "#{:<6} {}  {}",
            hit.id,
            local_datetime(hit.date),
            terminal_safe(&hit.from)
        )?;
        writeln!(
            out,
            "        {}",
            if hit.subject.is_empty() {
                "(no subject)".into()
            } else {
                terminal_safe(&hit.subject)
            }
        )?;
        if !hit.snippet.is_empty() {
            writeln!(
                out,
                "        {}",
                highlight(&hit.snippet, &hit.highlights, on, off)
            )?;
        }
    }
    let shown = results.hits.len();
    writeln!(
        out,
        "{} message(s) match; showing {}–{}",
        results.total,
        req.offset + (shown > 0) as usize,
        req.offset + shown
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The snippet with its matches between `on` and `off` (an ANSI colour on a terminal); the
/// snippet's own text is escaped piece by piece, so only these markers reach the terminal.
fn highlight(text: &str, ranges: &[(usize, usize)], on: &str, off: &str) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut last = 0;
    for &(s, e) in ranges {
        if s < last || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push_str(&terminal_safe(&text[last..s]));
        out.push_str(on);
        out.push_str(&terminal_safe(&text[s..e]));
        out.push_str(off);
        last = e;
    }
    out.push_str(&terminal_safe(&text[last..]));
    out
}

/// Finds a message by row id or Message-ID.
pub(crate) fn resolve_message(ctx: &Context, id: &str) -> Result<(messages::MessageRow, Vec<i64>)> {
    let ids = match id.trim_start_matches('#').parse::<i64>() {
        Ok(n) => vec![n],
        Err(_) => messages::find_by_message_id(ctx.store.conn(), id)?,
    };
    let Some(&first) = ids.first() else {
        bail!("no message with Message-ID {id}")
    };
    let row =
        messages::get(ctx.store.conn(), first)?.with_context(|| format!("no message #{first}"))?;
    Ok((row, ids[1..].to_vec()))
}

fn show(dir: &Path, id: &str, raw: bool) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let (row, others) = resolve_message(&ctx, id)?;
    crate::access::record(
        ctx.store.conn(),
        &crate::cli_cases::actor(None),
        "show",
        &format!("#{}", row.id),
        &[row.id],
    );
    let bytes = ctx.raw.read(&row.blob)?;
    let mut out = std::io::stdout().lock();
    if raw {
        if std::io::stdout().is_terminal() {
            // The exact bytes could drive the terminal (escape sequences in a hostile message):
            // on a terminal, control characters are shown escaped; piped or redirected, the
            // original is written byte for byte.
            for line in String::from_utf8_lossy(&bytes).split_inclusive('\n') {
                let line = line.trim_end_matches('\n').trim_end_matches('\r');
                writeln!(out, "{}", terminal_safe(line))?;
            }
            writeln!(
                out,
                "(control characters escaped on a terminal; redirect to a file for the exact bytes)"
            )?;
        } else {
            out.write_all(&bytes)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    // Every field is mail-derived: escaped so that no control character reaches the terminal.
    let list =
        |m: &[crate::parse::Mailbox]| terminal_safe(&crate::parse::Mailbox::list(m)).into_owned();
    writeln!(out, "Message #{}", row.id)?;
    writeln!(
        out,
        "Date:       {} ({})",
        crate::util::rfc3339(row.date, row.tz_offset),
        row.date_source
    )?;
    writeln!(out, "From:       {}", list(std::slice::from_ref(&row.from)))?;
    writeln!(out, "To:         {}", list(&row.to))?;
    if !row.cc.is_empty() {
        writeln!(out, "Cc:         {}", list(&row.cc))?;
    }
    writeln!(out, "Subject:    {}", terminal_safe(&row.subject))?;
    writeln!(
        out,
        "Message-ID: {}{}",
        terminal_safe(&row.message_id),
        if row.synthetic_id {
            " (synthetic: the message had none)"
        } else {
            ""
        }
    )?;
    if let Some(first) = row.dup_of {
        writeln!(
            out,
            "Resend:     same Message-ID as #{first}, different content"
        )?;
    }
    if !others.is_empty() {
        let ids: Vec<String> = others.iter().map(|i| format!("#{i}")).collect();
        writeln!(
            out,
            "Also:       {} (same Message-ID, different content)",
            ids.join(", ")
        )?;
    }
    writeln!(
        out,
        "Language:   {}   Kind: {}   Size: {}",
        terminal_safe(&row.language),
        terminal_safe(&row.kind),
        human_size(row.size as u64)
    )?;
    if let Some((case_id, method, _)) =
        crate::cases::of_message(ctx.store.conn(), crate::ids::MessageId(row.id))?
    {
        let case = crate::cases::require(ctx.store.conn(), case_id)?;
        writeln!(
            out,
            "Case:       #{case_id} « {} » ({}, filed by {}; `permanence case show {case_id}`)",
            terminal_safe(&case.title),
            case.state,
            terminal_safe(&method)
        )?;
    }
    let themes = crate::store::tags::themes(ctx.store.conn(), row.id)?;
    if !themes.is_empty() {
        writeln!(out, "Themes:     {}", terminal_safe(&themes.join(", ")))?;
    }
    let communes = messages::communes(ctx.store.conn(), row.id)?;
    if !communes.is_empty() {
        let gazetteer = crate::communes::Gazetteer::bundled()?;
        let named: Vec<String> = communes
            .iter()
            .map(|c| {
                format!(
                    "{} ({c})",
                    gazetteer.get(c).map(|g| g.name.as_str()).unwrap_or("?")
                )
            })
            .collect();
        writeln!(out, "Communes:   {}", terminal_safe(&named.join(", ")))?;
    }
    for a in &row.attachments {
        writeln!(
            out,
            "Attachment: {} ({}, {})",
            if a.filename.is_empty() {
                "(unnamed)".into()
            } else {
                terminal_safe(&a.filename)
            },
            terminal_safe(&a.mime),
            human_size(a.size)
        )?;
    }
    if let Some(m) = crate::officials::recorded(ctx.store.conn(), row.id)? {
        match &m.official {
            Some(o) => writeln!(
                out,
                "Official:   {} {} (#{}, {}{}) — {} {:.2}: {}{}",
                terminal_safe(&o.prenom),
                terminal_safe(&o.nom),
                o.id,
                terminal_safe(&o.fonction),
                terminal_safe(
                    &o.commune_code
                        .as_deref()
                        .map(|c| format!(" {c}"))
                        .unwrap_or_default()
                ),
                m.method.as_str(),
                o.confidence,
                terminal_safe(&m.reason),
                if m.unverified {
                    " — SENDER NOT VERIFIED (DMARC/DKIM/SPF failed)"
                } else {
                    ""
                }
            )?,
            None if m.method == crate::officials::Method::Ambiguous => writeln!(
                out,
                "Official:   ambiguous, candidates {}: {}",
                terminal_safe(&format!("{:?}", m.candidates)),
                terminal_safe(&m.reason)
            )?,
            None if m.method == crate::officials::Method::Possible => writeln!(
                out,
                "Official:   none (possible, not taken: candidates {}): {}",
                terminal_safe(&format!("{:?}", m.candidates)),
                terminal_safe(&m.reason)
            )?,
            None => writeln!(
                out,
                "Official:   none known{}",
                if m.unverified {
                    " — sender not verified"
                } else {
                    ""
                }
            )?,
        }
    }
    if row.state != "parsed" {
        writeln!(
            out,
            "State:      {}: {}",
            terminal_safe(&row.state),
            terminal_safe(&row.error)
        )?;
    } else if !row.error.is_empty() {
        writeln!(out, "Warning:    {}", terminal_safe(&row.error))?;
    }
    writeln!(out)?;
    let options = crate::parse::ParseOptions {
        max_parse_bytes: (ctx.config.ingest.max_parse_mb as usize) << 20,
    };
    // Bodies keep their newlines and tabs; every other control character is dropped.
    if let Ok(parsed) = crate::parse::parse(&bytes, &options) {
        writeln!(out, "{}", terminal_safe_text(&parsed.body))?;
        if !parsed.forwarded.is_empty() {
            writeln!(
                out,
                "\n---------- forwarded ----------\n{}",
                terminal_safe_text(&parsed.forwarded)
            )?;
        }
        if !parsed.quoted.is_empty() {
            writeln!(out, "\n{}", terminal_safe_text(&parsed.quoted))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn export(dir: &Path, cases: bool, out: Option<&Path>) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let mut writer: Box<dyn Write> = match out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let count = if cases {
        crate::cases::export_jsonl(ctx.store.conn(), &mut writer)?
    } else {
        crate::export::export_jsonl(&ctx.store, &mut writer)?
    };
    writer.flush().context("cannot write the export")?;
    tracing::info!(records = count, cases, "exported");
    Ok(ExitCode::SUCCESS)
}

fn reindex(dir: &Path) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let mut indexer = ctx.index.writer(
        ctx.config.index.writer_heap_mb,
        ctx.config.index.writer_threads,
    )?;
    indexer.clear()?;
    let options = crate::parse::ParseOptions {
        max_parse_bytes: (ctx.config.ingest.max_parse_mb as usize) << 20,
    };
    let limits = crate::index::DocLimits {
        max_text_bytes: ctx.config.index.max_text_kb << 10,
    };
    let count = pipeline::catch_up(&ctx, &mut indexer, options, limits)?;
    indexer.commit()?;
    indexer.wait_merging()?;
    println!("reindexed {count} messages");
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Serialize)]
struct Stats {
    messages: i64,
    by_kind: std::collections::BTreeMap<String, i64>,
    by_state: std::collections::BTreeMap<String, i64>,
    by_language: std::collections::BTreeMap<String, i64>,
    resends: i64,
    synthetic_message_ids: i64,
    attachments: i64,
    raw_store_bytes: u64,
    raw_store_files: u64,
    database_bytes: u64,
    index_bytes: u64,
    index_documents: u64,
    last_ingest: Option<crate::store::runs::RunSummary>,
    ingest_errors: i64,
    /// Messages per theme.
    by_theme: std::collections::BTreeMap<String, i64>,
    /// Messages per commune (INSEE code), the 20 most frequent.
    top_communes: Vec<(String, String, i64)>,
}

fn count_by(
    conn: &rusqlite::Connection,
    column: &str,
) -> Result<std::collections::BTreeMap<String, i64>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {column}, count(*) FROM messages GROUP BY {column}"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn stats(dir: &Path, json: bool) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let conn = ctx.store.conn();
    let scalar = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let (raw_bytes, raw_files) = ctx.raw.usage()?;
    let db_bytes = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(dir.join(format!("{}{s}", context::DB_FILE))).ok())
        .map(|m| m.len())
        .sum();
    let stats = Stats {
        messages: scalar("SELECT count(*) FROM messages")?,
        by_kind: count_by(conn, "kind")?,
        by_state: count_by(conn, "state")?,
        by_language: count_by(conn, "language")?,
        resends: scalar("SELECT count(*) FROM messages WHERE dup_of IS NOT NULL")?,
        synthetic_message_ids: scalar("SELECT count(*) FROM messages WHERE synthetic_id = 1")?,
        attachments: scalar("SELECT count(*) FROM attachments")?,
        raw_store_bytes: raw_bytes,
        raw_store_files: raw_files,
        database_bytes: db_bytes,
        index_bytes: ctx.index.disk_usage(),
        index_documents: ctx.index.reader()?.searcher().num_docs(),
        last_ingest: crate::store::runs::last(conn)?,
        ingest_errors: scalar("SELECT count(*) FROM ingest_problems WHERE severity = 'error'")?,
        by_theme: {
            let mut stmt =
                conn.prepare("SELECT theme, count(*) FROM message_themes GROUP BY theme")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        },
        top_communes: {
            let gazetteer = crate::communes::Gazetteer::bundled()?;
            let mut stmt = conn.prepare("SELECT code, count(*) FROM message_communes GROUP BY code ORDER BY count(*) DESC, code LIMIT 20")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            rows.map(|r| {
                r.map(|(code, n)| {
                    let name = gazetteer
                        .get(&code)
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    (code, name, n)
                })
            })
            .collect::<rusqlite::Result<_>>()?
        },
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(ExitCode::SUCCESS);
    }
    let join = |m: &std::collections::BTreeMap<String, i64>| {
        let text = m
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        terminal_safe(&text).into_owned()
    };
    println!("messages:    {}", stats.messages);
    println!("  by kind:   {}", join(&stats.by_kind));
    println!("  by state:  {}", join(&stats.by_state));
    println!("  languages: {}", join(&stats.by_language));
    println!(
        "  resends (same Message-ID): {}, without Message-ID: {}",
        stats.resends, stats.synthetic_message_ids
    );
    println!("attachments: {}", stats.attachments);
    println!(
        "raw store:   {} in {} files",
        human_size(stats.raw_store_bytes),
        stats.raw_store_files
    );
    println!("database:    {}", human_size(stats.database_bytes));
    println!(
        "index:       {} documents, {}",
        stats.index_documents,
        human_size(stats.index_bytes)
    );
    if let Some(run) = &stats.last_ingest {
        let c = run.counts;
        println!(
            "last ingest: {} ({}): new {}, known {}, failed {}, warnings {}{}",
            local_datetime(run.started_at),
            terminal_safe(&run.source),
            c.new,
            c.known,
            c.failed,
            c.warnings,
            if run.finished_at == 0 {
                " — did not finish"
            } else {
                ""
            }
        );
    }
    println!("ingest errors recorded: {}", stats.ingest_errors);
    if !stats.by_theme.is_empty() {
        println!("themes:      {}", join(&stats.by_theme));
    }
    if !stats.top_communes.is_empty() {
        let top: Vec<String> = stats
            .top_communes
            .iter()
            .map(|(code, name, n)| format!("{name} ({code}) {n}"))
            .collect();
        println!("communes:    {}", top.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}
