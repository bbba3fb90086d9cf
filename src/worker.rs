//! The pipeline worker: one OS thread owns the data directory's write side (the SQLite writer
//! and the only index writer) and runs batches sent by async tasks (one per IMAP folder), one at
//! a time. Parsing and indexing are CPU work, and SQLite is synchronous: keeping them on their
//! own thread keeps the tokio runtime free for network I/O.
//!
//! A batch's bytes, rows and the folder's high-water mark are committed together (see
//! `pipeline.rs`). The index is committed whenever the queue runs dry, so new mail is searchable
//! a moment after its batch, and at least every few thousand messages during an initial sync.

use std::path::PathBuf;
use std::thread::JoinHandle;

use anyhow::{Context as _, Result, anyhow};
use tokio::sync::{mpsc, oneshot};

use crate::context::Context;
use crate::pipeline::{Pipeline, Report};
use crate::source::Input;
use crate::store::imap_state::{self, FolderState};
use crate::store::now;
use crate::store::runs::Counts;

/// Where a batch came from, so its high-water mark advances with it.
#[derive(Debug, Clone)]
pub struct Mark {
    /// Mailbox name.
    pub account: String,
    /// Folder.
    pub folder: String,
    /// UIDVALIDITY the UIDs belong to.
    pub uidvalidity: u32,
    /// New high-water mark: lowest UID not yet filed after this batch.
    pub uid_next: u32,
    /// The folder is the office's Sent folder.
    pub outgoing: bool,
}

/// Result of one batch: counts and the message id of each input.
#[derive(Debug, Clone)]
pub struct BatchResult {
    /// Counts of the batch.
    pub counts: Counts,
    /// Stored message id per input (`None` for an input that could not be stored).
    pub ids: Vec<Option<i64>>,
}

type Reply<T> = oneshot::Sender<std::result::Result<T, String>>;

enum Job {
    Batch {
        inputs: Vec<Input>,
        mark: Option<Mark>,
        reply: Reply<BatchResult>,
    },
    State {
        account: String,
        folder: String,
        reply: Reply<Option<FolderState>>,
    },
    Reset {
        account: String,
        folder: String,
        uidvalidity: u32,
        reply: Reply<()>,
    },
    Observe {
        account: String,
        folder: String,
        uidnext: u32,
        exists: u32,
        backlog: u32,
    },
    Synced {
        account: String,
        folder: String,
    },
    /// Housekeeping: index documents queued by an erasure, the daily retention run.
    Tick,
    Failed {
        account: String,
        folder: String,
        error: String,
    },
}

/// A cheap, cloneable handle to the worker. The worker stops when every handle is dropped.
#[derive(Clone)]
pub struct WorkerHandle {
    tx: mpsc::Sender<Job>,
}

/// Starts the worker on the data directory `dir`. Returns once the directory is open and the
/// index writer is held (so configuration and lock errors surface here).
pub fn spawn(dir: PathBuf, source: &str) -> Result<(WorkerHandle, JoinHandle<Result<Report>>)> {
    let (tx, rx) = mpsc::channel::<Job>(8);
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<std::result::Result<(), String>>();
    let source = source.to_string();
    let thread = std::thread::Builder::new()
        .name("pipeline".into())
        .spawn(move || run(dir, &source, rx, ready_tx))
        .context("cannot start the pipeline thread")?;
    match ready_rx.recv() {
        Ok(Ok(())) => Ok((WorkerHandle { tx }, thread)),
        Ok(Err(err)) => {
            let _ = thread.join();
            Err(anyhow!(err))
        }
        Err(_) => match thread.join() {
            Ok(Err(err)) => Err(err),
            _ => Err(anyhow!("the pipeline thread stopped while starting")),
        },
    }
}

fn run(
    dir: PathBuf,
    source: &str,
    mut rx: mpsc::Receiver<Job>,
    ready: std::sync::mpsc::Sender<std::result::Result<(), String>>,
) -> Result<Report> {
    let mut ctx = match Context::open(&dir) {
        Ok(ctx) => ctx,
        Err(err) => {
            let _ = ready.send(Err(format!("{err:#}")));
            return Err(err);
        }
    };
    let mut pipeline = match Pipeline::start(&mut ctx, source) {
        Ok(p) => p,
        Err(err) => {
            let _ = ready.send(Err(format!("{err:#}")));
            return Err(err);
        }
    };
    let _ = ready.send(Ok(()));
    while let Some(job) = rx.blocking_recv() {
        pipeline.reload_rules_if_changed();
        handle(&mut pipeline, job);
        // Commit the index when nothing else is waiting: new mail becomes searchable now.
        let dirty = pipeline.has_dirty().unwrap_or_else(|err| {
            tracing::error!(error = %format!("{err:#}"), "cannot read the re-index queue");
            false
        });
        if rx.is_empty()
            && (pipeline.uncommitted() > 0 || dirty)
            && let Err(err) = pipeline.commit_index()
        {
            tracing::error!(error = %format!("{err:#}"), "index commit failed");
        }
    }
    pipeline.finish()
}

fn handle(pipeline: &mut Pipeline<'_>, job: Job) {
    match job {
        Job::Batch {
            inputs,
            mark,
            reply,
        } => {
            let mut ids_out = Vec::new();
            let result = pipeline.process(inputs, |tx, counts, ids| {
                ids_out = ids.to_vec();
                if let Some(m) = &mark {
                    imap_state::advance(
                        tx,
                        &m.account,
                        &m.folder,
                        m.uidvalidity,
                        m.uid_next,
                        counts.new,
                        now(),
                    )?;
                    if m.outgoing {
                        let stored: Vec<i64> = ids.iter().flatten().copied().collect();
                        imap_state::mark_outgoing(tx, &stored)?;
                    }
                }
                Ok(())
            });
            let _ = reply.send(
                result
                    .map(|counts| BatchResult {
                        counts,
                        ids: ids_out,
                    })
                    .map_err(|e| format!("{e:#}")),
            );
        }
        Job::State {
            account,
            folder,
            reply,
        } => {
            let _ = reply.send(
                imap_state::get(pipeline.store().conn(), &account, &folder)
                    .map_err(|e| format!("{e:#}")),
            );
        }
        Job::Reset {
            account,
            folder,
            uidvalidity,
            reply,
        } => {
            let _ = reply.send(
                imap_state::reset(pipeline.store().conn(), &account, &folder, uidvalidity)
                    .map_err(|e| format!("{e:#}")),
            );
        }
        Job::Observe {
            account,
            folder,
            uidnext,
            exists,
            backlog,
        } => {
            log_err(imap_state::observe(
                pipeline.store().conn(),
                &account,
                &folder,
                uidnext,
                exists,
                backlog,
            ));
        }
        Job::Synced { account, folder } => log_err(imap_state::synced(
            pipeline.store().conn(),
            &account,
            &folder,
            now(),
        )),
        Job::Tick => {
            if let Err(err) = pipeline.housekeeping() {
                tracing::error!(error = %format!("{err:#}"), "housekeeping failed");
            }
        }
        Job::Failed {
            account,
            folder,
            error,
        } => log_err(imap_state::failed(
            pipeline.store().conn(),
            &account,
            &folder,
            &error,
            now(),
        )),
    }
}

fn log_err(result: Result<()>) {
    if let Err(err) = result {
        tracing::error!(error = %format!("{err:#}"), "cannot record sync state");
    }
}

impl WorkerHandle {
    async fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Job) -> Result<T> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(make(reply))
            .await
            .map_err(|_| anyhow!("the pipeline thread has stopped"))?;
        rx.await
            .map_err(|_| anyhow!("the pipeline thread has stopped"))?
            .map_err(|e| anyhow!(e))
    }

    /// Sends a batch without waiting for its result (pipelining: fetch the next batch
    /// meanwhile). Await the returned receiver for the result.
    pub async fn submit(
        &self,
        inputs: Vec<Input>,
        mark: Option<Mark>,
    ) -> Result<oneshot::Receiver<std::result::Result<BatchResult, String>>> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Job::Batch {
                inputs,
                mark,
                reply,
            })
            .await
            .map_err(|_| anyhow!("the pipeline thread has stopped"))?;
        Ok(rx)
    }

    /// Stored state of a folder.
    pub async fn folder_state(&self, account: &str, folder: &str) -> Result<Option<FolderState>> {
        self.ask(|reply| Job::State {
            account: account.into(),
            folder: folder.into(),
            reply,
        })
        .await
    }

    /// Restarts a folder from UID 1 under a new UIDVALIDITY.
    pub async fn reset_folder(&self, account: &str, folder: &str, uidvalidity: u32) -> Result<()> {
        self.ask(|reply| Job::Reset {
            account: account.into(),
            folder: folder.into(),
            uidvalidity,
            reply,
        })
        .await
    }

    /// Records what the server announced.
    pub async fn observe(
        &self,
        account: &str,
        folder: &str,
        uidnext: u32,
        exists: u32,
        backlog: u32,
    ) {
        let _ = self
            .tx
            .send(Job::Observe {
                account: account.into(),
                folder: folder.into(),
                uidnext,
                exists,
                backlog,
            })
            .await;
    }

    /// Records a completed sync.
    pub async fn synced(&self, account: &str, folder: &str) {
        let _ = self
            .tx
            .send(Job::Synced {
                account: account.into(),
                folder: folder.into(),
            })
            .await;
    }

    /// Asks for housekeeping (index purges queued by an erasure, the daily retention run).
    pub async fn tick(&self) {
        let _ = self.tx.send(Job::Tick).await;
    }

    /// Records a failure for `status`.
    pub async fn failed(&self, account: &str, folder: &str, error: &str) {
        let _ = self
            .tx
            .send(Job::Failed {
                account: account.into(),
                folder: folder.into(),
                error: error.into(),
            })
            .await;
    }
}
