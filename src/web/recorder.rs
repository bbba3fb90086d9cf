//! The web process's small writes that a page must not wait for: access-log entries (who read
//! whose mail), a session's `seen_at`, the deletion of an expired session, audit entries of
//! refused requests. Pages describe them on their read-only connection and queue them here; one
//! thread with its own connection writes what is queued in one transaction, waiting for the
//! write lock when the daemon holds it, so a page is never held behind the daemon's batch.
//!
//! Invariant: an entry is queued before the page that caused it is sent, and written as soon as
//! the database takes a write (normally within milliseconds, at worst after the daemon's
//! current batch; a failed write is retried for about a minute and a half beyond the busy
//! timeouts). [`Recorder::stop`] writes everything queued before the server exits; only a crash
//! of the web process, or a database refusing writes for minutes, can lose entries (logged).

use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;

use anyhow::{Context as _, Result};

use crate::access::Access;
use crate::store::Store;

/// Most entries written in one transaction.
const BATCH: usize = 1_000;

/// A write the web queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deferred {
    /// A read of personal data.
    Access(Access),
    /// A session was used at this time (`users::session::touch`).
    SessionSeen { token_hash: String, at: i64 },
    /// A session expired (`users::session::end`).
    SessionEnded { token_hash: String },
    /// The calendar feed was read with this token (`agenda::tokens::touch`).
    FeedRead { token: String, at: i64 },
    /// An audit-log entry.
    Audit {
        user: String,
        action: String,
        target: String,
    },
}

/// The queue and the thread that writes it.
pub struct Recorder {
    queue: Mutex<Option<Sender<Deferred>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Recorder {
    /// Starts the writing thread on its own connection to the database at `path`.
    pub fn start(path: &Path) -> Result<Recorder> {
        let store = Store::open(path)?;
        let (queue, entries) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("web-recorder".into())
            .spawn(move || write_loop(store, entries))
            .context("cannot start the web recorder thread")?;
        Ok(Recorder {
            queue: Mutex::new(Some(queue)),
            thread: Mutex::new(Some(thread)),
        })
    }

    /// Queues `entry`; never blocks. After [`Recorder::stop`] the entry is written nowhere and
    /// logged.
    pub fn send(&self, entry: Deferred) {
        let queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        let sent = queue.as_ref().map(|q| q.send(entry));
        if !matches!(sent, Some(Ok(()))) {
            tracing::warn!("web recorder stopped: an access-log or session entry is not written");
        }
    }

    /// Writes everything queued, then stops the thread.
    pub fn stop(&self) {
        drop(
            self.queue
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take(),
        );
        let thread = self
            .thread
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(thread) = thread
            && thread.join().is_err()
        {
            tracing::error!("the web recorder thread panicked");
        }
    }
}

/// Attempts at writing one batch before it is given up (each attempt waits up to the busy
/// timeout, 30 s, for the write lock; then a pause that doubles from one second).
const ATTEMPTS: u32 = 6;

fn write_loop(mut store: Store, entries: Receiver<Deferred>) {
    while let Ok(first) = entries.recv() {
        let mut batch = vec![first];
        batch.extend(entries.try_iter().take(BATCH - 1));
        for attempt in 1..=ATTEMPTS {
            let written = store.transaction(|tx| {
                for entry in &batch {
                    write(tx, entry)?;
                }
                Ok(())
            });
            match written {
                Ok(()) => break,
                Err(err) if attempt < ATTEMPTS => {
                    tracing::warn!(error = %format!("{err:#}"), entries = batch.len(), attempt, "cannot write the web's access-log and session entries yet: retrying");
                    std::thread::sleep(std::time::Duration::from_secs(1 << (attempt - 1)));
                }
                Err(err) => {
                    tracing::error!(error = %format!("{err:#}"), entries = batch.len(), "cannot write the web's access-log and session entries: given up");
                }
            }
        }
    }
}

fn write(conn: &rusqlite::Connection, entry: &Deferred) -> Result<()> {
    match entry {
        Deferred::Access(access) => crate::access::write(conn, access),
        Deferred::SessionSeen { token_hash, at } => {
            crate::users::session::touch(conn, token_hash, *at)
        }
        Deferred::SessionEnded { token_hash } => crate::users::session::end(conn, token_hash),
        Deferred::FeedRead { token, at } => crate::agenda::tokens::touch(conn, token, *at),
        Deferred::Audit {
            user,
            action,
            target,
        } => crate::users::audit(conn, user, action, target, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queued_entries_are_written_by_stop_at_the_latest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        let store = Store::open(&path).unwrap();
        let recorder = Recorder::start(&path).unwrap();
        for i in 0..50 {
            recorder.send(Deferred::Access(Access {
                at: i,
                who: "sam".into(),
                action: "show".into(),
                target: format!("#{i}"),
                persons: vec!["maire@mairie-vif.fr".into()],
            }));
        }
        recorder.stop();
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM access_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 50);
        // After stop, nothing is written and nothing panics.
        recorder.send(Deferred::SessionEnded {
            token_hash: "x".into(),
        });
    }
}
