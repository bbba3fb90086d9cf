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

use anyhow::{Context as _, Result};
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
    /// Data directory [default: $PERMANENCE_DATA, else /var/lib/permanence when the Debian
    /// package's /etc/permanence/permanence.toml exists, else ./permanence-data; for `demo`:
    /// ./permanence-demo]
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Configuration file [default: DIR/permanence.toml; /etc/permanence/permanence.toml with
    /// the package's data directory]
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

/// Where the Debian package puts the data and the configuration: used when neither `--data`
/// nor `$PERMANENCE_DATA` is given and the package's configuration file exists, so that
/// `sudo -u permanence permanence doctor` works on a server as typed.
pub const PACKAGED_DATA: &str = "/var/lib/permanence";
/// The package's configuration file.
pub const PACKAGED_CONFIG: &str = "/etc/permanence/permanence.toml";

/// The data directory, and the configuration file when it is not `DIR/permanence.toml`.
fn data_dir(cli: &Cli, demo: bool) -> (PathBuf, Option<PathBuf>) {
    if let Some(dir) = &cli.data {
        return (dir.clone(), cli.config.clone());
    }
    if demo {
        return (PathBuf::from("permanence-demo"), None);
    }
    if let Some(dir) = std::env::var_os("PERMANENCE_DATA") {
        return (PathBuf::from(dir), cli.config.clone());
    }
    // The directory, not the file: /etc/permanence is 0750, so someone outside the group
    // `permanence` cannot see the file, and would silently get ./permanence-data instead.
    if std::path::Path::new(PACKAGED_CONFIG)
        .parent()
        .is_some_and(std::path::Path::is_dir)
    {
        return (
            PathBuf::from(PACKAGED_DATA),
            cli.config
                .clone()
                .or_else(|| Some(PathBuf::from(PACKAGED_CONFIG))),
        );
    }
    (PathBuf::from("permanence-data"), cli.config.clone())
}

/// Run as root on a data directory that belongs to another user (the service's), a command
/// would leave files the service cannot read (a database journal, a refreshed token, a scratch
/// directory). So it is refused, except `doctor`, which becomes that user first (before any
/// thread exists, so every thread and child is that user too) and checks as the service would.
fn root_on_others_data(dir: &std::path::Path, command: &Command) -> Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    if !rustix::process::geteuid().is_root() {
        return Ok(());
    }
    let Ok(meta) = std::fs::metadata(dir) else {
        return Ok(());
    };
    if meta.uid() == 0 {
        return Ok(());
    }
    if !matches!(command, Command::Doctor(_)) {
        anyhow::bail!(
            "{} belongs to user n° {}, not root: run the command as that user (`sudo -u permanence permanence …` on a packaged server), or files it writes would be unreadable by the service",
            dir.display(),
            meta.uid()
        );
    }
    // The calls below change this thread only: a thread started before would stay root.
    let threads = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Threads:").map(|n| n.trim().to_string()))
        });
    anyhow::ensure!(
        threads.as_deref() == Some("1"),
        "cannot become the owner of {}: the process already runs {} threads",
        dir.display(),
        threads.as_deref().unwrap_or("?")
    );
    let (uid, gid) = (
        rustix::process::Uid::from_raw(meta.uid()),
        rustix::process::Gid::from_raw(meta.gid()),
    );
    rustix::thread::set_thread_groups(&[gid])
        .and_then(|()| rustix::thread::set_thread_res_gid(gid, gid, gid))
        .and_then(|()| rustix::thread::set_thread_res_uid(uid, uid, uid))
        .with_context(|| {
            format!(
                "cannot become user n° {} (the owner of {})",
                meta.uid(),
                dir.display()
            )
        })?;
    eprintln!(
        "doctor: running as user n° {}, the owner of {}",
        meta.uid(),
        dir.display()
    );
    Ok(())
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let demo = matches!(cli.command, Command::Demo(_));
    let (dir, config) = data_dir(&cli, demo);
    // The demo builds its own directory with its own configuration.
    if let Some(config) = config {
        crate::context::set_config_path(config);
    }
    root_on_others_data(&dir, &cli.command)?;
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
