//! The command line: the top-level options and the dispatch to one module per command (ripgrep's
//! `flags/`). Each `cli/<command>.rs` owns its clap types, whose doc comments are the help text,
//! and a `run` that parses nothing more and prints its outcome. This CLI is a contract: tests and
//! later tools rely on its commands, flags, JSON output and exit codes (0 when the work was done,
//! even if some inputs were bad; 1 when the run itself failed).
//!
//! Mail-derived and file-derived text (subjects, names, snippets, bodies, file names, server
//! folder names and errors) is printed through [`crate::util::terminal_safe`] (bodies through
//! [`crate::util::terminal_safe_text`], file names in the ingest summary through
//! [`crate::util::quote_name`]): no control character reaches the terminal as it is.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

mod access_log;
mod agenda;
mod backup;
mod case;
mod daemon;
mod demo;
mod doctor;
mod explain;
mod export;
mod extract;
mod go_live;
mod ingest;
mod init;
mod mailbox;
mod officials;
mod person;
mod reindex;
mod retention;
mod rules;
mod search;
mod serve;
mod show;
mod stats;
mod triage;
mod user;

/// Files the inbound mail of a French parliamentary office: keeps the originals, parses,
/// indexes, searches and exports them.
#[derive(Debug, Parser)]
#[command(name = "permanence", version, about, max_term_width = 100)]
pub struct Cli {
    /// Data directory [default: $PERMANENCE_DATA, else ./permanence-data; for `demo`: ./permanence-demo]
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Configuration file [default: DIR/permanence.toml]; a packaged installation uses
    /// /etc/permanence/permanence.toml
    #[arg(long, global = true, value_name = "FILE", env = "PERMANENCE_CONFIG")]
    pub config: Option<PathBuf>,
    /// More logging (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// The commands, in the order `--help` lists them; each one's help is its arguments' doc comment.
#[derive(Debug, Subcommand)]
enum Command {
    Init(init::InitArgs),
    GoLive(go_live::GoLiveArgs),
    Demo(demo::DemoArgs),
    Serve(serve::ServeArgs),
    Ingest(ingest::IngestArgs),
    Search(search::SearchArgs),
    Show(show::ShowArgs),
    Export(export::ExportArgs),
    Reindex(reindex::ReindexArgs),
    Extract(extract::ExtractArgs),
    #[command(hide = true)]
    ExtractChild(extract::ExtractChildArgs),
    Stats(stats::StatsArgs),
    Daemon(daemon::DaemonArgs),
    Sync(daemon::SyncArgs),
    Status(daemon::StatusArgs),
    Config(init::ConfigArgs),
    Migrate(init::MigrateArgs),
    Doctor(doctor::DoctorArgs),
    Mailbox(mailbox::MailboxArgs),
    Officials(officials::OfficialsArgs),
    Contacts(officials::ContactsArgs),
    Rules(rules::RulesArgs),
    Triage(triage::TriageArgs),
    Case(case::CaseArgs),
    Person(person::PersonArgs),
    Retention(retention::RetentionArgs),
    Backup(backup::BackupArgs),
    Restore(backup::RestoreArgs),
    Verify(backup::VerifyArgs),
    AccessLog(access_log::AccessLogArgs),
    Explain(explain::ExplainArgs),
    Agenda(agenda::AgendaArgs),
    User(user::UserArgs),
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
    let demo = matches!(cli.command, Command::Demo(_));
    let dir = data_dir(&cli, demo);
    // The demo builds its own directory with its own configuration.
    if let Some(config) = cli.config.clone().filter(|_| !demo) {
        crate::context::set_config_path(config);
    }
    match cli.command {
        Command::Init(args) => init::run(&dir, args),
        Command::GoLive(args) => go_live::run(&dir, args),
        Command::Demo(args) => demo::run(&dir, args, cli.quiet),
        Command::Serve(args) => serve::run(&dir, args),
        Command::Ingest(args) => ingest::run(&dir, args, cli.quiet),
        Command::Search(args) => search::run(&dir, args),
        Command::Show(args) => show::run(&dir, args),
        Command::Export(args) => export::run(&dir, args),
        Command::Reindex(_) => reindex::run(&dir),
        Command::Extract(args) => extract::run(&dir, args, cli.quiet),
        Command::ExtractChild(args) => extract::run_child(args),
        Command::Stats(args) => stats::run(&dir, args),
        Command::Daemon(_) => daemon::run(&dir),
        Command::Sync(args) => daemon::run_sync(&dir, args),
        Command::Status(args) => daemon::run_status(&dir, args),
        Command::Config(args) => init::run_config(&dir, args),
        Command::Migrate(_) => init::run_migrate(&dir),
        Command::Doctor(args) => doctor::run(&dir, args),
        Command::Mailbox(args) => mailbox::run(&dir, args),
        Command::Officials(args) => officials::run(&dir, args),
        Command::Contacts(args) => officials::run_contacts(&dir, args),
        Command::Rules(args) => rules::run(&dir, args),
        Command::Triage(args) => triage::run(&dir, args),
        Command::Case(args) => case::run(&dir, args),
        Command::Person(args) => person::run(&dir, args),
        Command::Retention(args) => retention::run(&dir, args),
        Command::Backup(args) => backup::run(&dir, args),
        Command::Restore(args) => backup::run_restore(&dir, args),
        Command::Verify(args) => backup::run_verify(&dir, args),
        Command::AccessLog(args) => access_log::run(&dir, args),
        Command::Explain(args) => explain::run(&dir, args),
        Command::Agenda(args) => agenda::run(&dir, args),
        Command::User(args) => user::run(&dir, args),
    }
}

/// The acting user: `--as`, else `$PERMANENCE_USER`, else `$USER`, else "staff".
fn actor(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("PERMANENCE_USER").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "staff".to_string())
}
