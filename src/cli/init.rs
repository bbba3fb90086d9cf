//! `init` creates the data directory with a commented configuration file; `config check`
//! validates that file and prints the mailboxes it configures (names and folders come from the
//! file: printed through [`terminal_safe`]).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use crate::cases::go_live;
use crate::context::{self, Context};
use crate::util::terminal_safe;

/// Create the data directory and a commented configuration file, and set the go-live date.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The go-live date (YYYY-MM-DD): mail dated before it is filed as history (closed, or
    /// answered when the office replied), never in the morning queue. Change it later with
    /// `permanence go-live` [default: today in the office's time zone, for a new directory]
    #[arg(long, value_name = "DATE")]
    go_live: Option<String>,
}

/// Apply the database migrations this version brings (a copy of the database is kept first,
/// `permanence.sqlite3.before-vN`); creates the data directory on first use. The Debian
/// package runs it on install and upgrade.
#[derive(Debug, Args)]
pub struct MigrateArgs {}

/// Configuration commands.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Validate permanence.toml; errors name the line and the key.
    Check,
}

/// `init [--go-live DATE]`: creates the directory and its configuration, or says that both
/// were kept; sets the go-live date when given, or to today for a new directory.
pub fn run(dir: &Path, args: InitArgs) -> Result<ExitCode> {
    let date = args
        .go_live
        .as_deref()
        .map(go_live::parse_date)
        .transpose()?;
    // A new directory is one without a database: with `--config` the configuration may exist
    // already (the Debian package ships it) while the directory is new.
    let new_database = !dir.join(context::DB_FILE).exists();
    let written = context::init_dir(dir)?;
    let mut ctx = Context::open(dir)?;
    let config = context::config_path(&ctx.dir);
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
    // A directory that had a database keeps what it had (none, when created before go-live
    // dates existed: every message is work) unless a date is given.
    let date = date.or_else(|| new_database.then(crate::util::zone_today));
    if let Some(date) = date {
        let who = super::actor(None);
        ctx.store
            .transaction(|tx| go_live::set(tx, date, &who).map(|_| ()))?;
        println!(
            "go-live: {date} (mail dated before it is filed as history, never in triage; change it with `permanence go-live DATE`)"
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `migrate`: prints the schema version before and after.
pub fn run_migrate(dir: &Path) -> Result<ExitCode> {
    let db = dir.join(context::DB_FILE);
    let (before, latest) = crate::store::schema_version(&db)?;
    // Only the database: an upgrade must not fail on a configuration the new version reads
    // differently (the services say so when they start, and `doctor` does).
    if !dir.exists() {
        context::init_dir(dir)?;
    }
    drop(crate::store::Store::open(&db)?);
    let (after, _) = crate::store::schema_version(&db)?;
    let after = after.unwrap_or(0);
    match before {
        None => println!("schema: new database {} at version {after}", db.display()),
        Some(v) if v == after => println!("schema: up to date (version {after})"),
        Some(v) => println!(
            "schema: version {v} -> {after} (a copy of the database before is kept as {})",
            crate::store::before_migration(&db, v + 1).display()
        ),
    }
    if after != latest {
        bail!("schema version {after} after migrating, expected {latest}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs a `config` command.
pub fn run_config(dir: &Path, args: ConfigArgs) -> Result<ExitCode> {
    match args.command {
        ConfigCommand::Check => check(dir),
    }
}

/// `config check`: loads the configuration (errors name the line and the key) and lists the
/// mailboxes, saying where each one's password or token comes from.
fn check(dir: &Path) -> Result<ExitCode> {
    let path = context::config_path(dir);
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
        let secret = if let Some(o) = &m.oauth2 {
            let file = m.token_file(dir).unwrap_or_default();
            let state = if file.exists() {
                format!("tokens in {}", file.display())
            } else {
                format!(
                    "not signed in yet (`permanence mailbox login {}`)",
                    terminal_safe(m.name.get_ref())
                )
            };
            format!("OAuth2 {}, {state}", o.provider.get_ref().name())
        } else {
            match (&m.password_env, &m.password_file) {
                (Some(var), _) if std::env::var_os(var.get_ref()).is_none() => format!(
                    "password_env {} (not set in this environment)",
                    var.get_ref()
                ),
                (Some(var), _) => format!("password_env {}", var.get_ref()),
                (None, Some(file)) => format!("password_file {}", file.get_ref().display()),
                (None, None) => String::new(),
            }
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
