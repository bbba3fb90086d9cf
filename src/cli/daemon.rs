//! The IMAP commands: `daemon` files the configured mailboxes continuously, `sync` fetches new
//! mail once (for cron), `status` shows each mailbox folder's sync state (and the counts of
//! retention runs and erasures). Folder names and errors come from the server: escaped.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::Args;
use serde::Serialize;

use crate::context::{self, Context};
use crate::util::{local_datetime, terminal_safe};

/// File the configured IMAP mailboxes continuously (IDLE), until SIGTERM/SIGINT.
#[derive(Debug, Args)]
pub struct DaemonArgs {}

/// Fetch new mail from every configured mailbox once, then exit (for cron).
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// One pass (the only mode; accepted for clarity in crontabs).
    #[arg(long)]
    once: bool,
}

/// Per mailbox and folder: last sync, UIDVALIDITY, high-water mark, backlog, last error.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// JSON output.
    #[arg(long)]
    json: bool,
}

/// `daemon`: runs until SIGTERM/SIGINT.
pub fn run(dir: &Path) -> Result<ExitCode> {
    let config = load_config(dir)?;
    runtime()?.block_on(crate::imap::daemon::run_daemon(dir, &config))?;
    Ok(ExitCode::SUCCESS)
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn load_config(dir: &Path) -> Result<crate::config::Config> {
    context::init_dir(dir)?;
    crate::config::Config::load(&context::config_path(dir))
}

/// `sync [--once]`: one line per mailbox folder; exit 1 when one of them failed.
pub fn run_sync(dir: &Path, args: SyncArgs) -> Result<ExitCode> {
    let SyncArgs { once: _ } = args;
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

/// `status [--json]`: the configured folders first, then those no longer configured.
pub fn run_status(dir: &Path, args: StatusArgs) -> Result<ExitCode> {
    let json = args.json;
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
    match crate::cases::go_live::get(ctx.store.conn())? {
        Some(date) => println!("go-live: {date} (older mail is filed as history, never in triage)"),
        None => println!("go-live: not set (every message is filed as work)"),
    }
    if views.is_empty() {
        println!(
            "no mailbox configured (add a [[mailbox]] section to {})",
            context::config_path(dir).display()
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
    let runs = crate::retention::runs(ctx.store.conn())?;
    println!(
        "retention: {} runs, last {}; removed {} messages and {} cases in all",
        runs.runs,
        ago(runs.last_at),
        runs.messages,
        runs.cases
    );
    let erasures = crate::lifecycle::erasures(ctx.store.conn())?;
    println!(
        "erasures:  {} (RGPD requests), {} messages erased",
        erasures.erasures, erasures.messages
    );
    print_extraction(&ctx)?;
    Ok(ExitCode::SUCCESS)
}

/// The attachment-text queue and the extractors this machine has (issue 19).
fn print_extraction(ctx: &Context) -> Result<()> {
    let queued = crate::extract::pending(ctx.store.conn())?;
    let counts: Vec<String> = crate::extract::counts(ctx.store.conn())?
        .into_iter()
        .map(|(state, n)| format!("{state} {n}"))
        .collect();
    println!(
        "attachment text: {queued} messages queued{}",
        if counts.is_empty() {
            String::new()
        } else {
            format!("; attachments {}", counts.join(", "))
        }
    );
    let sandbox = crate::extract::Sandbox::for_data_dir(&ctx.dir, ctx.config.extract.clone())?;
    for (program, found, package, purpose) in sandbox.tools.report() {
        match found {
            Some(version) => println!("  {program:<18} {version:<22} {purpose}"),
            None => println!(
                "  {program:<18} {:<22} {purpose}: not read here (apt-get install {package})",
                "absent"
            ),
        }
    }
    let probe = sandbox.probe();
    println!(
        "  {:<18} {}",
        "sandbox",
        match probe {
            Ok(true) => "limits applied, network cut (own network namespace)".to_string(),
            Ok(false) =>
                "limits applied; network NOT cut: this machine refuses unprivileged namespaces"
                    .to_string(),
            Err(e) => format!("cannot start the extraction child: {e:#}"),
        }
    );
    Ok(())
}

fn human_duration(secs: i64) -> String {
    match secs.max(0) {
        s if s < 120 => format!("{s} s"),
        s if s < 7_200 => format!("{} min", s / 60),
        s if s < 172_800 => format!("{} h", s / 3600),
        s => format!("{} days", s / 86_400),
    }
}
