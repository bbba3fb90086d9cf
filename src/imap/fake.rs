//! A scripted fake IMAP server behind the same [`Session`] trait, for what a real server cannot
//! do on demand: cut the connection in the middle of a FETCH, announce a UIDNEXT lower than
//! what was already filed, change UIDVALIDITY between two commands, announce sizes that are not
//! the messages' own. It records the UIDs of every FETCH of bodies, so tests see what was
//! downloaded. The tests drive the real
//! sync code and the real pipeline worker on a temporary data directory.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::anyhow;
use tokio::sync::watch;

use super::session::{FolderStatus, Session, SessionError, Wake};
use super::sync::{FolderJob, sync_folder};
use crate::context::Context;
use crate::store::imap_state;

/// The fake server's mailbox, shared by its sessions.
#[derive(Debug, Default)]
struct Mailbox {
    uidvalidity: u32,
    uidnext: u32,
    messages: BTreeMap<u32, Vec<u8>>,
    /// Fail (as a cut connection) the FETCH with this 1-based number.
    cut_fetch: Option<usize>,
    fetches: usize,
    keywords: Vec<u32>,
    /// UIDs of each FETCH that asked for bodies, in order.
    fetched: Vec<Vec<u32>>,
    /// RFC822.SIZE the server announces, when it is not the message's length (a server whose
    /// sizes are wrong, or a test that needs large sizes without large messages).
    sizes: BTreeMap<u32, u64>,
}

#[derive(Clone, Default)]
struct FakeServer(Arc<Mutex<Mailbox>>);

impl FakeServer {
    fn with_messages(uidvalidity: u32, count: u32, tag: &str) -> FakeServer {
        let server = FakeServer::default();
        {
            let mut m = server.0.lock().unwrap();
            m.uidvalidity = uidvalidity;
            m.uidnext = 1;
        }
        for i in 0..count {
            server.append(message(tag, i));
        }
        server
    }

    fn append(&self, bytes: Vec<u8>) -> u32 {
        let mut m = self.0.lock().unwrap();
        let uid = m.uidnext;
        m.messages.insert(uid, bytes);
        m.uidnext += 1;
        uid
    }

    fn session(&self) -> FakeSession {
        FakeSession {
            server: self.clone(),
            renew_at: None,
        }
    }
}

fn message(tag: &str, i: u32) -> Vec<u8> {
    format!("Message-ID: <{tag}-{i}@fake>\r\nFrom: maire{i}@mairie-vif.fr\r\nSubject: {tag} {i}\r\n\r\nCorps {tag} {i}\r\n").into_bytes()
}

struct FakeSession {
    server: FakeServer,
    /// What `renew_at` answers (a session signed in with a token).
    renew_at: Option<i64>,
}

impl Session for FakeSession {
    async fn open_folder(
        &mut self,
        _folder: &str,
        _writable: bool,
    ) -> Result<FolderStatus, SessionError> {
        let m = self.server.0.lock().unwrap();
        Ok(FolderStatus {
            uidvalidity: m.uidvalidity,
            uidnext: Some(m.uidnext),
            exists: m.messages.len() as u32,
        })
    }

    async fn uids_from(&mut self, from: u32) -> Result<Vec<u32>, SessionError> {
        let m = self.server.0.lock().unwrap();
        Ok(m.messages.range(from..).map(|(uid, _)| *uid).collect())
    }

    async fn sizes(&mut self, uids: &[u32]) -> Result<Vec<(u32, u64)>, SessionError> {
        let m = self.server.0.lock().unwrap();
        Ok(uids
            .iter()
            .filter_map(|u| {
                let bytes = m.messages.get(u)?;
                Some((*u, m.sizes.get(u).copied().unwrap_or(bytes.len() as u64)))
            })
            .collect())
    }

    async fn fetch(
        &mut self,
        uids: &[u32],
        limit: u64,
    ) -> Result<Vec<(u32, Vec<u8>)>, SessionError> {
        let mut m = self.server.0.lock().unwrap();
        m.fetches += 1;
        if m.cut_fetch == Some(m.fetches) {
            return Err(SessionError::Transient(anyhow!(
                "connection reset by peer (scripted)"
            )));
        }
        m.fetched.push(uids.to_vec());
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        Ok(uids
            .iter()
            .filter_map(|u| {
                let bytes = m.messages.get(u)?;
                Some((*u, bytes[..bytes.len().min(limit)].to_vec()))
            })
            .collect())
    }

    async fn add_keyword(&mut self, uids: &[u32], _keyword: &str) -> Result<(), SessionError> {
        self.server
            .0
            .lock()
            .unwrap()
            .keywords
            .extend_from_slice(uids);
        Ok(())
    }

    fn renew_at(&self) -> Option<i64> {
        self.renew_at
    }

    fn supports_idle(&self) -> bool {
        false
    }

    async fn idle(
        &mut self,
        _timeout: Duration,
        _cancel: &watch::Receiver<bool>,
    ) -> Result<Wake, SessionError> {
        Ok(Wake::Timeout)
    }

    async fn logout(&mut self) {}
}

fn job(batch: usize) -> FolderJob {
    FolderJob {
        account: "bureau".into(),
        folder: "INBOX".into(),
        outgoing: false,
        keyword: None,
        batch,
        max_message_bytes: 200 << 20,
    }
}

/// Runs `syncs` one after the other on one worker; returns (messages, distinct Message-IDs,
/// folder state) read back from SQLite after the worker stopped.
async fn run_syncs(
    dir: &std::path::Path,
    steps: Vec<(FakeServer, FolderJob)>,
) -> (
    Vec<Result<super::sync::SyncOutcome, String>>,
    i64,
    i64,
    imap_state::FolderState,
) {
    let (worker, thread) = crate::worker::spawn(dir.to_path_buf(), "fake").unwrap();
    let (_tx, cancel) = watch::channel(false);
    let mut outcomes = Vec::new();
    for (server, job) in steps {
        let mut session = server.session();
        outcomes.push(
            sync_folder(&mut session, &job, &worker, &cancel)
                .await
                .map_err(|e| e.to_string()),
        );
    }
    drop(worker);
    thread.join().unwrap().unwrap();
    let ctx = Context::open(dir).unwrap();
    let conn = ctx.store.conn();
    let count: i64 = conn
        .query_row("SELECT count(*) FROM messages", [], |r| r.get(0))
        .unwrap();
    let distinct: i64 = conn
        .query_row("SELECT count(DISTINCT message_id) FROM messages", [], |r| {
            r.get(0)
        })
        .unwrap();
    let state = imap_state::get(conn, "bureau", "INBOX").unwrap().unwrap();
    (outcomes, count, distinct, state)
}

#[tokio::test]
async fn a_sync_that_outlives_its_token_stops_after_a_committed_batch_and_the_next_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::with_messages(7, 25, "jeton");
    let (worker, thread) = crate::worker::spawn(dir.path().to_path_buf(), "fake").unwrap();
    let (_tx, cancel) = watch::channel(false);
    // The token was due before the sync began: one batch, then the sync stops for a new one.
    let mut expiring = server.session();
    expiring.renew_at = Some(crate::store::now() - 1);
    let first = sync_folder(&mut expiring, &job(10), &worker, &cancel)
        .await
        .unwrap();
    assert!(first.renew && !first.interrupted, "{first:?}");
    assert_eq!(first.fetched, 10);
    // The daemon signs in again: the new session carries on from the mark.
    let mut fresh = server.session();
    let second = sync_folder(&mut fresh, &job(10), &worker, &cancel)
        .await
        .unwrap();
    assert!(!second.renew, "{second:?}");
    assert_eq!(second.fetched, 15);
    drop(worker);
    thread.join().unwrap().unwrap();
    let ctx = Context::open(dir.path()).unwrap();
    let count: i64 = ctx
        .store
        .conn()
        .query_row("SELECT count(DISTINCT message_id) FROM messages", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(count, 25);
}

#[tokio::test]
async fn connection_cut_mid_fetch_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::with_messages(7, 25, "coupure");
    server.0.lock().unwrap().cut_fetch = Some(2);
    let (outcomes, count, distinct, state) = run_syncs(
        dir.path(),
        vec![(server.clone(), job(10)), (server.clone(), job(10))],
    )
    .await;
    assert!(
        outcomes[0]
            .as_ref()
            .unwrap_err()
            .contains("connection reset"),
        "{outcomes:?}"
    );
    let second = outcomes[1].as_ref().unwrap();
    assert_eq!(
        second.fetched, 15,
        "the second sync resumes after the committed batch"
    );
    assert_eq!((count, distinct), (25, 25));
    assert_eq!((state.uidvalidity, state.uid_next), (7, 26));
}

#[tokio::test]
async fn uidnext_going_backwards_rescans_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let before = FakeServer::with_messages(9, 10, "sauvegarde");
    // The server is restored from a backup holding the first five messages, then receives two
    // new ones that reuse UIDs 6 and 7: UIDNEXT is 8 under the same UIDVALIDITY.
    let restored = FakeServer::with_messages(9, 5, "sauvegarde");
    restored.append(message("nouveau", 1));
    restored.append(message("nouveau", 2));
    let (outcomes, count, distinct, state) =
        run_syncs(dir.path(), vec![(before, job(4)), (restored, job(4))]).await;
    let second = outcomes[1].as_ref().unwrap();
    assert!(second.rescanned);
    assert_eq!((second.new, second.known), (2, 5));
    assert_eq!(
        (count, distinct),
        (12, 12),
        "nothing deleted locally, nothing duplicated"
    );
    assert_eq!((state.uid_next, state.rescans), (8, 1));
}

#[tokio::test]
async fn uidvalidity_change_links_known_messages() {
    let dir = tempfile::tempdir().unwrap();
    let first = FakeServer::with_messages(100, 6, "validite");
    let recreated = FakeServer::with_messages(200, 6, "validite");
    recreated.append(message("validite", 99));
    let (outcomes, count, _, state) =
        run_syncs(dir.path(), vec![(first, job(5)), (recreated, job(5))]).await;
    let second = outcomes[1].as_ref().unwrap();
    assert!(second.rescanned);
    assert_eq!((second.fetched, second.new, second.known), (7, 1, 6));
    assert_eq!(count, 7);
    assert_eq!(
        (state.uidvalidity, state.uid_next, state.rescans),
        (200, 8, 1)
    );
    // Both UIDs are recorded as sources of the same message.
    let ctx = Context::open(dir.path()).unwrap();
    let sources: i64 = ctx
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM message_sources WHERE kind = 'imap'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sources, 13);
}

#[tokio::test]
async fn the_keyword_is_set_only_when_configured_and_after_filing() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::with_messages(1, 3, "mot-cle");
    let (_, count, _, _) = run_syncs(dir.path(), vec![(server.clone(), job(2))]).await;
    assert_eq!(count, 3);
    assert!(
        server.0.lock().unwrap().keywords.is_empty(),
        "read-only by default"
    );
    server.append(message("mot-cle", 10));
    let mut with_keyword = job(2);
    with_keyword.keyword = Some("$Filed".into());
    let (_, count, _, _) = run_syncs(dir.path(), vec![(server.clone(), with_keyword)]).await;
    assert_eq!(count, 4);
    assert_eq!(server.0.lock().unwrap().keywords, vec![4]);
}

/// The problems recorded for the folder's inputs: (location, reason).
fn problems(dir: &std::path::Path) -> Vec<(String, String)> {
    let ctx = Context::open(dir).unwrap();
    let conn = ctx.store.conn();
    let mut stmt = conn
        .prepare("SELECT location, reason FROM ingest_problems ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[tokio::test]
async fn a_message_over_the_cap_is_refused_from_its_size_without_fetching_its_body() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::with_messages(7, 2, "taille");
    let mut big = message("taille", 99);
    big.resize((2 << 20) + 5, b'x');
    let big_uid = server.append(big);
    server.append(message("taille", 3));
    let mut capped = job(10);
    capped.max_message_bytes = 1 << 20;
    capped.keyword = Some("$Filed".into());
    let (outcomes, count, _, state) = run_syncs(
        dir.path(),
        vec![(server.clone(), capped.clone()), (server.clone(), capped)],
    )
    .await;
    let first = outcomes[0].as_ref().unwrap();
    assert_eq!(
        (first.fetched, first.new, first.failed, first.refused),
        (3, 3, 1, 1),
        "{first:?}"
    );
    let fetched: Vec<u32> = server.0.lock().unwrap().fetched.concat();
    assert!(
        !fetched.contains(&big_uid),
        "the body of UID {big_uid} was downloaded: {fetched:?}"
    );
    assert_eq!(count, 3);
    assert_eq!(state.uid_next, 5, "the mark passes the refused message");
    // Recorded with account, folder, UIDVALIDITY, UID and size: not lost silently.
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, format!("bureau/INBOX/7/{big_uid}"));
    assert!(
        problems[0].1.starts_with(
            "refused: larger than ingest.max_message_mb (1 MB): 2.0 MB, not stored; not fetched"
        ),
        "{problems:?}"
    );
    // The second sync fetches nothing: the refused message is not asked for again.
    let second = outcomes[1].as_ref().unwrap();
    assert_eq!((second.fetched, second.refused), (0, 0), "{second:?}");
    // Only the filed messages get the keyword.
    assert_eq!(server.0.lock().unwrap().keywords, vec![1, 2, 4]);
}

#[tokio::test]
async fn a_message_larger_than_its_announced_size_is_cut_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::with_messages(3, 1, "menteur");
    let mut big = message("menteur", 9);
    big.resize((1 << 20) + 100, b'x');
    let uid = server.append(big);
    server.append(message("menteur", 2));
    server.0.lock().unwrap().sizes.insert(uid, 1000);
    let mut capped = job(10);
    capped.max_message_bytes = 1 << 20;
    let (outcomes, count, _, state) = run_syncs(dir.path(), vec![(server, capped)]).await;
    let first = outcomes[0].as_ref().unwrap();
    assert_eq!((first.new, first.refused), (2, 1), "{first:?}");
    assert_eq!((count, state.uid_next), (2, 4));
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, format!("bureau/INBOX/3/{uid}"));
    assert!(problems[0].1.contains("more than 1.0 MB"), "{problems:?}");
}

#[tokio::test]
async fn large_messages_are_fetched_alone_and_small_ones_together() {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::with_messages(5, 12, "gros");
    {
        // The server announces 20 MB for UIDs 3 and 4 and 6 MB for 7 to 12 (sizes drive the
        // grouping; the bytes stay small so the test stays fast).
        let mut m = server.0.lock().unwrap();
        for uid in [3, 4] {
            m.sizes.insert(uid, 20 << 20);
        }
        for uid in 7..=12 {
            m.sizes.insert(uid, 6 << 20);
        }
    }
    let (outcomes, count, _, state) = run_syncs(dir.path(), vec![(server.clone(), job(500))]).await;
    assert_eq!(outcomes[0].as_ref().unwrap().new, 12);
    assert_eq!((count, state.uid_next), (12, 13));
    let fetched = server.0.lock().unwrap().fetched.clone();
    // At most 16 MB per FETCH or one message; UID 10 would take the first batch past 64 MB,
    // so it starts the second.
    assert_eq!(
        fetched,
        vec![
            vec![1, 2],
            vec![3],
            vec![4],
            vec![5, 6, 7, 8],
            vec![9],
            vec![10, 11],
            vec![12]
        ]
    );
}
