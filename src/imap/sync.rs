//! One folder's sync: bring the data directory up to the server's state, then return.
//!
//! Plan:
//! 1. open the folder read-only and compare its UIDVALIDITY with the stored one; a change (the
//!    folder was recreated or restored) restarts the mark at UID 1 — messages already stored are
//!    recognised by their bytes and only linked, nothing is deleted locally. UIDNEXT below the
//!    stored mark under the same UIDVALIDITY (a server restored from backup) is treated the same
//!    way;
//! 2. list the UIDs at or above the mark;
//! 3. fetch them with `BODY.PEEK[]` in batches and hand each batch to the pipeline together with
//!    its new mark, fetching the next batch while the previous one is filed (pipelining);
//! 4. after each committed batch, optionally set the configured keyword on the server.
//!
//! A failure anywhere leaves the mark at the last committed batch: the next sync re-fetches at
//! most one batch, and the pipeline recognises anything it had already stored.

use tokio::sync::{oneshot, watch};
use tracing::{info, warn};

use super::session::{FolderStatus, Session, SessionError};
use crate::source::Input;
use crate::worker::{BatchResult, Mark, WorkerHandle};

/// A submitted batch's result, still to come.
type Pending = oneshot::Receiver<Result<BatchResult, String>>;

/// Which folder to sync and how.
#[derive(Debug, Clone)]
pub struct FolderJob {
    /// Mailbox name (`[[mailbox]] name`).
    pub account: String,
    /// Folder on the server.
    pub folder: String,
    /// The office's Sent folder.
    pub outgoing: bool,
    /// Keyword to set after filing (None: never touch the mailbox).
    pub keyword: Option<String>,
    /// Messages per fetch and per transaction.
    pub batch: usize,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncOutcome {
    /// Messages fetched from the server.
    pub fetched: u64,
    /// New messages stored.
    pub new: u64,
    /// Fetched messages that were already stored.
    pub known: u64,
    /// Inputs that failed (stored raw but not parsed, or unreadable).
    pub failed: u64,
    /// The folder was re-scanned (UIDVALIDITY change or UIDNEXT going backwards).
    pub rescanned: bool,
    /// Stopped early because shutdown was requested.
    pub interrupted: bool,
}

fn worker_err(err: anyhow::Error) -> SessionError {
    SessionError::Transient(err.context("pipeline"))
}

/// Syncs one folder (see the module plan). Checks `cancel` between batches.
pub async fn sync_folder<S: Session>(
    session: &mut S,
    job: &FolderJob,
    worker: &WorkerHandle,
    cancel: &watch::Receiver<bool>,
) -> Result<SyncOutcome, SessionError> {
    let mut outcome = SyncOutcome::default();
    let status: FolderStatus = session
        .open_folder(&job.folder, job.keyword.is_some())
        .await?;
    let stored = worker
        .folder_state(&job.account, &job.folder)
        .await
        .map_err(worker_err)?;
    let mut uid_next = match &stored {
        Some(s) if s.uidvalidity == status.uidvalidity => s.uid_next.max(1),
        _ => 1,
    };
    let known_validity = stored.as_ref().map_or(0, |s| s.uidvalidity);
    if known_validity != 0 && known_validity != status.uidvalidity {
        warn!(account = %job.account, folder = %job.folder, old = known_validity, new = status.uidvalidity,
              "UIDVALIDITY changed: re-scanning the folder (stored messages are linked, not duplicated)");
        worker
            .reset_folder(&job.account, &job.folder, status.uidvalidity)
            .await
            .map_err(worker_err)?;
        outcome.rescanned = true;
    } else if let Some(server_next) = status
        .uidnext
        .filter(|&n| known_validity != 0 && n < uid_next)
    {
        warn!(account = %job.account, folder = %job.folder, server_next, uid_next,
              "UIDNEXT went backwards under the same UIDVALIDITY: re-scanning the folder");
        worker
            .reset_folder(&job.account, &job.folder, status.uidvalidity)
            .await
            .map_err(worker_err)?;
        uid_next = 1;
        outcome.rescanned = true;
    }
    let uids = if status.exists == 0 {
        Vec::new()
    } else {
        session.uids_from(uid_next).await?
    };
    worker
        .observe(
            &job.account,
            &job.folder,
            status.uidnext.unwrap_or(0),
            status.exists,
            uids.len() as u32,
        )
        .await;
    if !uids.is_empty() {
        info!(account = %job.account, folder = %job.folder, uidvalidity = status.uidvalidity, from = uid_next, count = uids.len(), "fetching");
    }
    // The batch being filed while the next one is fetched, with its UIDs.
    let mut in_flight: Option<(Pending, Vec<u32>)> = None;
    for chunk in uids.chunks(job.batch.max(1)) {
        if *cancel.borrow() {
            outcome.interrupted = true;
            break;
        }
        let fetched = session.fetch(chunk).await?;
        // The previous batch is being filed while this one was fetched; wait for it now.
        if let Some((rx, done)) = in_flight.take() {
            settle(session, job, rx, &done, &mut outcome).await?;
        }
        outcome.fetched += fetched.len() as u64;
        let inputs: Vec<Input> = fetched
            .into_iter()
            .map(|(uid, bytes)| Input {
                kind: "imap",
                location: format!(
                    "{}/{}/{}/{}",
                    job.account, job.folder, status.uidvalidity, uid
                ),
                bytes: Ok(bytes),
                outgoing: job.outgoing,
            })
            .collect();
        let last = chunk.iter().copied().max().unwrap_or(uid_next);
        let mark = Mark {
            account: job.account.clone(),
            folder: job.folder.clone(),
            uidvalidity: status.uidvalidity,
            uid_next: last.saturating_add(1),
            outgoing: job.outgoing,
        };
        let rx = worker
            .submit(inputs, Some(mark))
            .await
            .map_err(worker_err)?;
        in_flight = Some((rx, chunk.to_vec()));
    }
    if let Some((rx, done)) = in_flight.take() {
        settle(session, job, rx, &done, &mut outcome).await?;
    }
    if !outcome.interrupted {
        worker.synced(&job.account, &job.folder).await;
    }
    Ok(outcome)
}

/// Waits for a submitted batch to commit, then sets the keyword if configured.
async fn settle<S: Session>(
    session: &mut S,
    job: &FolderJob,
    rx: Pending,
    uids: &[u32],
    outcome: &mut SyncOutcome,
) -> Result<(), SessionError> {
    let result = rx
        .await
        .map_err(|_| SessionError::Transient(anyhow::anyhow!("the pipeline thread stopped")))?
        .map_err(|e| SessionError::Transient(anyhow::anyhow!("filing a batch failed: {e}")))?;
    outcome.new += result.counts.new;
    outcome.known += result.counts.known;
    outcome.failed += result.counts.failed;
    if let Some(keyword) = &job.keyword {
        session.add_keyword(uids, keyword).await?;
    }
    Ok(())
}
