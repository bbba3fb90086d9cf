//! One folder's sync: bring the data directory up to the server's state, then return.
//!
//! Plan:
//! 1. open the folder read-only and compare its UIDVALIDITY with the stored one; a change (the
//!    folder was recreated or restored) restarts the mark at UID 1 — messages already stored are
//!    recognised by their bytes and only linked, nothing is deleted locally. UIDNEXT below the
//!    stored mark under the same UIDVALIDITY (a server restored from backup) is treated the same
//!    way;
//! 2. list the UIDs at or above the mark;
//! 3. per chunk of `batch` UIDs, ask the server for their sizes (`RFC822.SIZE`) first: a message
//!    over `[ingest] max_message_mb` is refused from its size, its body never downloaded; the
//!    refusal is recorded (account, folder, UID, size) in the transaction that moves the mark
//!    past it, so it is neither fetched again nor lost silently;
//! 4. fetch the others with `BODY.PEEK[]` (cut by the server after the cap plus one byte) in
//!    batches of at most [`BATCH_BYTES`] (or one message), messages up to [`FETCH_GROUP_BYTES`]
//!    together and larger ones one per FETCH, and hand each batch to the pipeline together with
//!    its new mark, fetching the next batch while the previous one is filed (pipelining): the
//!    daemon holds at most two batches of mail per folder;
//! 5. after each committed batch, optionally set the configured keyword on the messages filed.
//!
//! A failure anywhere leaves the mark at the last committed batch: the next sync re-fetches at
//! most one batch, and the pipeline recognises anything it had already stored.

use std::collections::BTreeMap;

use tokio::sync::{oneshot, watch};
use tracing::{info, warn};

use super::session::{FolderStatus, Session, SessionError};
use crate::source::{Input, refused};
use crate::util::human_size;
use crate::worker::{BatchResult, Mark, WorkerHandle};

/// A submitted batch's result, still to come.
type Pending = oneshot::Receiver<Result<BatchResult, String>>;

/// Messages the server says are at most this large are fetched several per FETCH, up to this
/// much per FETCH; a larger one is fetched alone.
pub const FETCH_GROUP_BYTES: u64 = 16 << 20;

/// A batch (one transaction) holds at most this much mail by the server's sizes, or one
/// message, whatever `batch` says.
pub const BATCH_BYTES: u64 = 64 << 20;

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
    /// Messages per fetch and per transaction, at most.
    pub batch: usize,
    /// `[ingest] max_message_mb` in bytes: a larger message is refused without being fetched.
    pub max_message_bytes: u64,
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
    /// Inputs that failed (stored raw but not parsed, unreadable, or refused).
    pub failed: u64,
    /// Messages refused as larger than the cap (counted in `failed` too), their bodies not
    /// downloaded.
    pub refused: u64,
    /// The folder was re-scanned (UIDVALIDITY change or UIDNEXT going backwards).
    pub rescanned: bool,
    /// Stopped early because shutdown was requested.
    pub interrupted: bool,
    /// Stopped early, after a committed batch, because the session's OAuth2 token is due for
    /// renewal: the daemon signs in again and the next sync carries on from the mark.
    pub renew: bool,
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
    // The batch being filed while the next one is fetched, with the UIDs it files.
    let mut in_flight: Option<(Pending, Vec<u32>)> = None;
    let location = |uid: u32| {
        format!(
            "{}/{}/{}/{}",
            job.account, job.folder, status.uidvalidity, uid
        )
    };
    'chunks: for chunk in uids.chunks(job.batch.max(1)) {
        if *cancel.borrow() {
            outcome.interrupted = true;
            break;
        }
        let sizes: BTreeMap<u32, u64> = session.sizes(chunk).await?.into_iter().collect();
        for planned in plan(chunk, &sizes, job.max_message_bytes) {
            if *cancel.borrow() {
                outcome.interrupted = true;
                break 'chunks;
            }
            // A long first sync may outlive the token: after at least one batch (so that each
            // session makes progress), stop and let the daemon sign in again.
            if in_flight.is_some()
                && session
                    .renew_at()
                    .is_some_and(|at| at <= crate::store::now())
            {
                outcome.renew = true;
                break 'chunks;
            }
            // (UID, input), and the UIDs filed (for the keyword).
            let mut inputs: Vec<(u32, Input)> = Vec::new();
            let mut filed = Vec::new();
            for group in &planned.groups {
                let limit = job.max_message_bytes.saturating_add(1);
                for (uid, bytes) in session.fetch(group, limit).await? {
                    outcome.fetched += 1;
                    let bytes = if bytes.len() as u64 > job.max_message_bytes {
                        // The server announced less than it holds: cut at the limit, refused.
                        let announced = sizes.get(&uid).copied();
                        warn!(account = %job.account, folder = %job.folder, uid, ?announced,
                              "message larger than its announced size and than the cap: refused");
                        outcome.refused += 1;
                        let announced = match announced {
                            Some(size) => format!("the server announced {}", human_size(size)),
                            None => "the server gave no size".to_string(),
                        };
                        Err(format!(
                            "{}; {announced}",
                            refused(None, job.max_message_bytes)
                        ))
                    } else {
                        filed.push(uid);
                        Ok(bytes)
                    };
                    inputs.push((uid, imap_input(job, location(uid), bytes)));
                }
            }
            for &(uid, size) in &planned.refused {
                warn!(account = %job.account, folder = %job.folder, uid, size,
                      cap = job.max_message_bytes, "message over ingest.max_message_mb: not fetched");
                outcome.refused += 1;
                let reason = format!(
                    "{}; not fetched (size given by the server): it stays on the server and later \
                     syncs skip it",
                    refused(Some(size), job.max_message_bytes)
                );
                inputs.push((uid, imap_input(job, location(uid), Err(reason))));
            }
            inputs.sort_by_key(|(uid, _)| *uid);
            // The previous batch is being filed while this one was fetched; wait for it now.
            if let Some((rx, done)) = in_flight.take() {
                settle(session, job, rx, &done, &mut outcome).await?;
            }
            let mark = Mark {
                account: job.account.clone(),
                folder: job.folder.clone(),
                uidvalidity: status.uidvalidity,
                uid_next: planned.last.saturating_add(1),
                outgoing: job.outgoing,
            };
            let inputs = inputs.into_iter().map(|(_, input)| input).collect();
            let rx = worker
                .submit(inputs, Some(mark))
                .await
                .map_err(worker_err)?;
            in_flight = Some((rx, filed));
        }
    }
    if let Some((rx, done)) = in_flight.take() {
        settle(session, job, rx, &done, &mut outcome).await?;
    }
    if !outcome.interrupted && !outcome.renew {
        worker.synced(&job.account, &job.folder).await;
    }
    Ok(outcome)
}

fn imap_input(job: &FolderJob, location: String, bytes: Result<Vec<u8>, String>) -> Input {
    Input {
        kind: "imap",
        location,
        bytes,
        outgoing: job.outgoing,
    }
}

/// One batch of a chunk: what to fetch (in FETCH groups), what to refuse unfetched, and the
/// highest UID it covers (the mark moves past it when the batch commits).
#[derive(Debug, Default, PartialEq, Eq)]
struct Planned {
    groups: Vec<Vec<u32>>,
    refused: Vec<(u32, u64)>,
    last: u32,
}

/// Splits a chunk of UIDs (ascending) into batches by the sizes the server gave (see the module
/// plan). A UID the server gave no size for (expunged since the search, or a server that
/// omitted it) is fetched alone and counted at the cap: the fetch is cut there anyway.
/// Every UID of the chunk is covered by exactly one batch, in order.
fn plan(uids: &[u32], sizes: &BTreeMap<u32, u64>, cap: u64) -> Vec<Planned> {
    let mut out = Vec::new();
    let mut batch = Planned::default();
    let mut batch_bytes: u64 = 0;
    // Bytes of the batch's last FETCH group, when more messages may join it.
    let mut open_group: Option<u64> = None;
    for &uid in uids {
        let size = sizes.get(&uid).copied();
        match size {
            Some(size) if size > cap => batch.refused.push((uid, size)),
            _ => {
                let bytes = size.unwrap_or(cap);
                if !batch.groups.is_empty() && batch_bytes.saturating_add(bytes) > BATCH_BYTES {
                    out.push(std::mem::take(&mut batch));
                    batch_bytes = 0;
                    open_group = None;
                }
                batch_bytes = batch_bytes.saturating_add(bytes);
                match (size, open_group, batch.groups.last_mut()) {
                    (Some(size), Some(group_bytes), Some(group))
                        if group_bytes + size <= FETCH_GROUP_BYTES =>
                    {
                        group.push(uid);
                        open_group = Some(group_bytes + size);
                    }
                    _ => {
                        batch.groups.push(vec![uid]);
                        open_group = size.filter(|&s| s <= FETCH_GROUP_BYTES);
                    }
                }
            }
        }
        batch.last = uid;
    }
    if !uids.is_empty() {
        out.push(batch);
    }
    out
}

/// Waits for a submitted batch to commit, then sets the keyword, if configured, on the messages
/// it filed (not on those refused).
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
    if let Some(keyword) = &job.keyword
        && !uids.is_empty()
    {
        session.add_keyword(uids, keyword).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: u64 = 1 << 20;

    #[test]
    fn plan_bounds_batches_and_fetches_by_the_servers_sizes() {
        let sizes: BTreeMap<u32, u64> = [
            (1, 1000),
            (2, 300 * MB),
            (3, 10 * MB),
            (4, 10 * MB),
            (5, 40 * MB),
            (6, 30 * MB),
            // 7: no size (expunged since the search).
            (8, 200 * MB),
        ]
        .into_iter()
        .collect();
        let plan = plan(&[1, 2, 3, 4, 5, 6, 7, 8], &sizes, 200 * MB);
        assert_eq!(
            plan,
            vec![
                Planned {
                    groups: vec![vec![1, 3], vec![4], vec![5]],
                    refused: vec![(2, 300 * MB)],
                    last: 5,
                },
                Planned {
                    groups: vec![vec![6]],
                    refused: vec![],
                    last: 6,
                },
                Planned {
                    groups: vec![vec![7]],
                    refused: vec![],
                    last: 7,
                },
                Planned {
                    groups: vec![vec![8]],
                    refused: vec![],
                    last: 8,
                },
            ]
        );
        // Only refusals: one batch, nothing fetched, the mark still moves.
        let plan = super::plan(&[2], &sizes, 200 * MB);
        assert_eq!(
            plan,
            vec![Planned {
                groups: vec![],
                refused: vec![(2, 300 * MB)],
                last: 2,
            }]
        );
        assert!(super::plan(&[], &sizes, 200 * MB).is_empty());
    }
}
