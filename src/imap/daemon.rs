//! The daemon and `sync --once`: one task per mailbox and watched folder, each with its own
//! connection (IDLE watches one folder per connection).
//!
//! Each task loops: connect, sync, then IDLE (re-issued every 29 minutes, RFC 2177) or poll when
//! the server lacks IDLE, and sync again on every wake-up. Failures are sorted: authentication
//! and configuration errors are reported and retried slowly; network errors, timeouts and server
//! restarts drop the session and reconnect with jittered exponential backoff (2 s to 80 s). A
//! shutdown request (SIGTERM, SIGINT) lets the batch in progress commit, then every task logs
//! out and the pipeline commits the index.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use tokio::sync::watch;
use tracing::{Instrument as _, error, info, info_span, warn};

use super::session::{RealSession, Session, SessionError, Wake};
use super::sync::{FolderJob, SyncOutcome, sync_folder};
use crate::config::{Config, MailboxConfig};
use crate::worker::{self, WorkerHandle};

/// IDLE is re-issued this often (RFC 2177 asks clients to, before 30 minutes).
const IDLE_PERIOD: Duration = Duration::from_secs(29 * 60);
/// First and largest reconnect delays.
const BACKOFF_MIN: Duration = Duration::from_secs(2);
const BACKOFF_MAX: Duration = Duration::from_secs(80);
/// Delay after an authentication or configuration failure.
const SLOW_RETRY: Duration = Duration::from_secs(300);

/// Jittered exponential backoff.
#[derive(Debug)]
pub struct Backoff {
    attempt: u32,
}

impl Backoff {
    /// A backoff at its first step.
    pub fn new() -> Backoff {
        Backoff { attempt: 0 }
    }

    /// Back to the first step (after a successful sync).
    pub fn reset(&mut self) {
        self.attempt = 0;
    }

    /// Attempts made since the last reset.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The next delay: min(2 s × 2^n, 80 s), then a random point in its upper half, so that
    /// folders reconnecting together do not hit the server at the same instant.
    pub fn next_delay(&mut self) -> Duration {
        let base = BACKOFF_MIN
            .saturating_mul(1u32 << self.attempt.min(16))
            .min(BACKOFF_MAX);
        self.attempt = self.attempt.saturating_add(1);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let fraction = f64::from(nanos % 1000) / 1000.0;
        base.mul_f64(0.5 + 0.5 * fraction)
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Self::new()
    }
}

/// Waits `delay` unless shutdown comes first; returns true on shutdown.
async fn sleep_or_cancel(delay: Duration, cancel: &watch::Receiver<bool>) -> bool {
    let mut cancel = cancel.clone();
    if *cancel.borrow() {
        return true;
    }
    tokio::select! {
        _ = tokio::time::sleep(delay) => false,
        _ = async { let _ = cancel.wait_for(|c| *c).await; } => true,
    }
}

fn jobs(config: &Config) -> Vec<(MailboxConfig, FolderJob)> {
    let mut out = Vec::new();
    for mailbox in &config.mailbox {
        for (folder, outgoing) in mailbox.watched_folders() {
            let job = FolderJob {
                account: mailbox.name.get_ref().clone(),
                folder,
                outgoing,
                keyword: mailbox.filed_keyword.clone(),
                batch: config.ingest.batch_size,
                max_message_bytes: crate::pipeline::max_message_bytes(config),
            };
            out.push((mailbox.clone(), job));
        }
    }
    out
}

/// Sets the returned flag on SIGTERM or SIGINT.
fn shutdown_signal() -> Result<watch::Receiver<bool>> {
    let (tx, rx) = watch::channel(false);
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    tokio::spawn(async move {
        tokio::select! {
            _ = term.recv() => info!("SIGTERM: finishing the current batch"),
            _ = tokio::signal::ctrl_c() => info!("interrupt: finishing the current batch"),
        }
        let _ = tx.send(true);
    });
    Ok(rx)
}

/// Runs the daemon until SIGTERM/SIGINT.
pub async fn run_daemon(dir: &Path, config: &Config) -> Result<()> {
    let jobs = jobs(config);
    if jobs.is_empty() {
        bail!(
            "no [[mailbox]] in {}: nothing to file (see `permanence config check`)",
            crate::context::config_path(dir).display()
        );
    }
    let cancel = shutdown_signal()?;
    let (worker, thread) = worker::spawn(dir.to_path_buf(), "daemon")?;
    info!(folders = jobs.len(), "daemon started");
    let mut tasks = Vec::new();
    for (mailbox, job) in jobs {
        let span = info_span!("folder", account = %job.account, folder = %job.folder);
        let (worker, cancel, dir) = (worker.clone(), cancel.clone(), dir.to_path_buf());
        tasks.push(tokio::spawn(
            folder_loop(mailbox, job, worker, cancel, dir).instrument(span),
        ));
    }
    // Attachment text, on a thread of its own (each attachment in a limited child process).
    let sandbox = crate::extract::Sandbox::for_data_dir(dir, config.extract.clone())?;
    let stop = sandbox.stop_flag();
    let extraction = {
        let dir = dir.to_path_buf();
        let after_text = crate::agenda::text_hook(config);
        std::thread::Builder::new()
            .name("extract".into())
            .spawn(move || {
                if let Err(err) = crate::extract::daemon_loop(&dir, &sandbox, after_text) {
                    tracing::error!(error = %format!("{err:#}"), "the extraction thread stopped");
                }
            })
            .context("cannot start the extraction thread")?
    };
    {
        let (stop, mut cancel) = (stop.clone(), cancel.clone());
        tokio::spawn(async move {
            let _ = cancel.wait_for(|c| *c).await;
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
        });
    }
    // Housekeeping every 5 seconds: erasures made while the daemon holds the index are
    // purged from it, and retention runs once a day.
    let ticker = {
        let (worker, mut cancel) = (worker.clone(), cancel.clone());
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
            loop {
                tokio::select! {
                    _ = every.tick() => worker.tick().await,
                    _ = cancel.changed() => break,
                }
            }
        })
    };
    for task in tasks {
        let _ = task.await;
    }
    ticker.abort();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = tokio::task::spawn_blocking(move || extraction.join()).await;
    drop(worker);
    let report = tokio::task::spawn_blocking(move || thread.join()).await?;
    match report {
        Ok(Ok(report)) => {
            info!(
                new = report.counts.new,
                known = report.counts.known,
                failed = report.counts.failed,
                "daemon stopped"
            );
            Ok(())
        }
        Ok(Err(err)) => Err(err),
        Err(_) => bail!("the pipeline thread panicked"),
    }
}

async fn folder_loop(
    mailbox: MailboxConfig,
    job: FolderJob,
    worker: WorkerHandle,
    cancel: watch::Receiver<bool>,
    dir: std::path::PathBuf,
) {
    let mut backoff = Backoff::new();
    loop {
        if *cancel.borrow() {
            return;
        }
        let result = connected(&mailbox, &job, &worker, &cancel, &mut backoff, &dir).await;
        let delay = match result {
            Ok(Ended::Shutdown) => return,
            Ok(Ended::Renew) => {
                info!("access token about to expire: signing in again with a fresh one");
                // A pause, so that a provider giving very short tokens cannot make a loop.
                if sleep_or_cancel(Duration::from_secs(1), &cancel).await {
                    return;
                }
                continue;
            }
            Err(SessionError::Auth(msg)) => {
                error!(error = %msg, retry_in_s = SLOW_RETRY.as_secs(), "authentication failed: check the username and password (or the OAuth2 sign-in)");
                worker
                    .failed(
                        &job.account,
                        &job.folder,
                        &format!("authentication failed: {msg}"),
                    )
                    .await;
                SLOW_RETRY
            }
            Err(SessionError::Fatal(msg) | SessionError::Tls { message: msg, .. }) => {
                error!(error = %msg, retry_in_s = SLOW_RETRY.as_secs(), "cannot sync this folder");
                worker.failed(&job.account, &job.folder, &msg).await;
                SLOW_RETRY
            }
            Err(SessionError::Transient(err)) => {
                let delay = backoff.next_delay();
                warn!(error = %format!("{err:#}"), attempt = backoff.attempt(), retry_in_ms = delay.as_millis() as u64, "connection problem: reconnecting");
                worker
                    .failed(&job.account, &job.folder, &format!("{err:#}"))
                    .await;
                delay
            }
        };
        if sleep_or_cancel(delay, &cancel).await {
            return;
        }
    }
}

/// How a connection's life ended without error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    /// Shutdown was requested.
    Shutdown,
    /// Its OAuth2 access token is about to expire: sign in again at once with a fresh one
    /// (some providers end sessions whose token has expired).
    Renew,
}

/// One connection's life: sync, wait, sync again, until shutdown, the token's renewal, or an
/// error.
async fn connected(
    mailbox: &MailboxConfig,
    job: &FolderJob,
    worker: &WorkerHandle,
    cancel: &watch::Receiver<bool>,
    backoff: &mut Backoff,
    dir: &Path,
) -> Result<Ended, SessionError> {
    let mut session = RealSession::connect(mailbox, dir).await?;
    info!(
        idle = session.supports_idle(),
        encrypted = session.encrypted(),
        "connected"
    );
    loop {
        let outcome = sync_folder(&mut session, job, worker, cancel).await?;
        log_outcome(&outcome);
        backoff.reset();
        if *cancel.borrow() {
            session.logout().await;
            return Ok(Ended::Shutdown);
        }
        // Until the token must be renewed, when it expires before the usual wait ends.
        let until_renewal = session
            .renew_at()
            .map(|at| Duration::from_secs(u64::try_from(at - crate::store::now()).unwrap_or(0)));
        if until_renewal == Some(Duration::ZERO) {
            session.logout().await;
            return Ok(Ended::Renew);
        }
        let wait = |usual: Duration| until_renewal.map_or(usual, |r| r.min(usual));
        let wake = if session.supports_idle() {
            session.idle(wait(IDLE_PERIOD), cancel).await?
        } else if sleep_or_cancel(wait(Duration::from_secs(mailbox.poll_seconds)), cancel).await {
            Wake::Cancelled
        } else {
            Wake::Timeout
        };
        if wake == Wake::Cancelled {
            session.logout().await;
            return Ok(Ended::Shutdown);
        }
        if session
            .renew_at()
            .is_some_and(|at| at <= crate::store::now())
        {
            session.logout().await;
            return Ok(Ended::Renew);
        }
    }
}

fn log_outcome(o: &SyncOutcome) {
    if o.fetched > 0 || o.rescanned {
        info!(
            fetched = o.fetched,
            new = o.new,
            known = o.known,
            failed = o.failed,
            refused = o.refused,
            rescanned = o.rescanned,
            "synced"
        );
    }
}

/// `sync --once`: every folder once, concurrently; fails when any folder failed.
pub async fn sync_once(
    dir: &Path,
    config: &Config,
) -> Result<Vec<(FolderJob, Result<SyncOutcome, String>)>> {
    let jobs = jobs(config);
    if jobs.is_empty() {
        bail!(
            "no [[mailbox]] in {}: nothing to sync",
            crate::context::config_path(dir).display()
        );
    }
    let cancel = shutdown_signal()?;
    let (worker, thread) = worker::spawn(dir.to_path_buf(), "sync --once")?;
    let mut tasks = Vec::new();
    for (mailbox, job) in jobs {
        let (worker, cancel, dir) = (worker.clone(), cancel.clone(), dir.to_path_buf());
        let span = info_span!("folder", account = %job.account, folder = %job.folder);
        tasks.push(tokio::spawn(
            async move {
                let result = async {
                    let mut session = RealSession::connect(&mailbox, &dir).await?;
                    let outcome = sync_folder(&mut session, &job, &worker, &cancel).await?;
                    session.logout().await;
                    Ok::<_, SessionError>(outcome)
                }
                .await;
                if let Err(err) = &result {
                    worker
                        .failed(&job.account, &job.folder, &err.to_string())
                        .await;
                }
                (job, result.map_err(|e| e.to_string()))
            }
            .instrument(span),
        ));
    }
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await?);
    }
    drop(worker);
    match tokio::task::spawn_blocking(move || thread.join()).await? {
        Ok(Ok(_)) => Ok(results),
        Ok(Err(err)) => Err(err),
        Err(_) => bail!("the pipeline thread panicked"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_the_cap_with_jitter_and_resets() {
        let mut b = Backoff::new();
        let delays: Vec<Duration> = (0..10).map(|_| b.next_delay()).collect();
        assert!(delays[0] >= Duration::from_secs(1) && delays[0] <= Duration::from_secs(2));
        assert!(delays[3] >= Duration::from_secs(8) && delays[3] <= Duration::from_secs(16));
        for d in &delays[6..] {
            assert!(*d >= Duration::from_secs(40) && *d <= BACKOFF_MAX, "{d:?}");
        }
        b.reset();
        assert!(b.next_delay() <= Duration::from_secs(2));
    }
}
