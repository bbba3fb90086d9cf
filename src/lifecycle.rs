//! Data lifecycle: removing messages for good (erasure, retention), online backup, restore and
//! verification of a data directory.
//!
//! Removing a message touches all three stores. In one SQLite transaction (with
//! `secure_delete` on, so freed pages are zeroed) the rows go, cases left without messages go,
//! and the message ids and raw files are queued (`index_purge`, `raw_purge`). After the commit
//! the raw files are deleted and, by whoever holds the index writer (this command, or the
//! running daemon), the index documents are deleted and the segments merged so they are
//! physically rewritten away. Finally `VACUUM` and a WAL checkpoint leave no old page behind.
//! A crash in between leaves the queues, which the next run (or `verify`) completes.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use crate::context::Context;

/// What removing a set of messages did.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Removed {
    /// Messages removed.
    pub messages: u64,
    /// Cases removed (left without any message).
    pub cases: u64,
}

/// Removes messages `ids` from the database inside `tx` and queues their raw files and index
/// documents; cases left without messages go too. Run [`finish_purge`] after the commit.
pub fn remove_messages(tx: &Transaction<'_>, ids: &[i64]) -> Result<Removed> {
    if ids.is_empty() {
        return Ok(Removed::default());
    }
    tx.execute_batch("PRAGMA secure_delete = ON")?;
    let list = serde_json::to_string(ids)?;
    let cases: Vec<i64> = tx
        .prepare("SELECT DISTINCT case_id FROM message_cases WHERE message IN (SELECT value FROM json_each(?1))")?
        .query_map([&list], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute(
        "INSERT OR IGNORE INTO raw_purge (blob) SELECT blob FROM messages WHERE id IN (SELECT value FROM json_each(?1))",
        [&list],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO index_purge (message) SELECT value FROM json_each(?1)",
        [&list],
    )?;
    tx.execute(
        "UPDATE messages SET dup_of = NULL WHERE dup_of IN (SELECT value FROM json_each(?1))",
        [&list],
    )?;
    let messages = tx.execute(
        "DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?1))",
        [&list],
    )? as u64;
    let mut removed_cases = 0;
    for case_id in cases {
        let left: i64 = tx.query_row(
            "SELECT count(*) FROM message_cases WHERE case_id = ?1",
            [case_id],
            |r| r.get(0),
        )?;
        if left == 0 {
            // Cases merged into this one keep pointing at nothing: they go too.
            tx.execute(
                "UPDATE cases SET merged_into = NULL WHERE merged_into = ?1",
                [case_id],
            )?;
            removed_cases += tx.execute("DELETE FROM cases WHERE id = ?1", [case_id])? as u64;
        }
    }
    // Closed cases merged into others have no messages of their own: remove the empty ones
    // whose target is gone.
    removed_cases += tx.execute(
        "DELETE FROM cases WHERE merged_into IS NULL AND state = 'closed'
           AND NOT EXISTS (SELECT 1 FROM message_cases mc WHERE mc.case_id = cases.id)
           AND EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = cases.id AND h.action = 'merge')",
        [],
    )? as u64;
    Ok(Removed {
        messages,
        cases: removed_cases,
    })
}

/// Deletes the queued raw files, then (when the index writer is free) the queued index
/// documents, merging segments; then compacts the database. Returns whether the index part was
/// done here (`false`: the running daemon holds the writer and will do it).
pub fn finish_purge(ctx: &mut Context) -> Result<bool> {
    purge_raw(&mut ctx.store, &ctx.raw)?;
    let indexed = match ctx.index.writer(
        ctx.config.index.writer_heap_mb,
        ctx.config.index.writer_threads,
    ) {
        Ok(mut indexer) => {
            purge_index(&ctx.store, &mut indexer)?;
            indexer.wait_merging()?;
            true
        }
        Err(err) => {
            tracing::info!(error = %format!("{err:#}"), "index busy: the daemon purges the removed documents");
            false
        }
    };
    compact(ctx.store.conn())?;
    Ok(indexed)
}

/// Deletes the raw files queued in `raw_purge` (except those whose bytes were stored again
/// since, by a re-import) and empties the queue. Returns how many files were deleted.
pub fn purge_raw(
    store: &mut crate::store::Store,
    raw: &crate::rawstore::RawStore,
) -> Result<usize> {
    store.conn().execute(
        "DELETE FROM raw_purge WHERE blob IN (SELECT blob FROM messages)",
        [],
    )?;
    let blobs: Vec<String> = store
        .conn()
        .prepare("SELECT blob FROM raw_purge")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if blobs.is_empty() {
        return Ok(0);
    }
    for blob in &blobs {
        let path = raw.path(blob);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => {
                return Err(err).with_context(|| format!("cannot delete {}", path.display()));
            }
        }
    }
    raw.sync()?;
    store.transaction(|tx| {
        let mut del = tx.prepare_cached("DELETE FROM raw_purge WHERE blob = ?1")?;
        for blob in &blobs {
            del.execute([blob])?;
        }
        Ok(())
    })?;
    Ok(blobs.len())
}

/// Deletes the index documents queued in `index_purge` (by whoever holds the writer).
pub fn purge_index(
    store: &crate::store::Store,
    indexer: &mut crate::index::Indexer,
) -> Result<usize> {
    let ids: Vec<i64> = store
        .conn()
        .prepare("SELECT message FROM index_purge")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.is_empty() {
        return Ok(0);
    }
    indexer.purge(&ids)?;
    let mut del = store
        .conn()
        .prepare_cached("DELETE FROM index_purge WHERE message = ?1")?;
    for id in &ids {
        del.execute([id])?;
    }
    Ok(ids.len())
}

/// Rewrites the database without free pages and empties the write-ahead log, so that nothing
/// removed survives in the files.
pub fn compact(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA secure_delete = ON; VACUUM;")
        .context("cannot compact the database (VACUUM)")?;
    let (busy, log, done): (i64, i64, i64) = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .context("cannot checkpoint the write-ahead log")?;
    if busy != 0 || log != done {
        // A reader (the daemon) holds old pages: they are overwritten at its next checkpoint.
        tracing::warn!(
            busy,
            log,
            done,
            "write-ahead log not fully checkpointed: another process is reading; it will be"
        );
    }
    Ok(())
}

// ---- backup, restore, verify ----

/// What a backup holds.
#[derive(Debug, Default, Serialize)]
pub struct BackupReport {
    /// Messages in the database snapshot.
    pub messages: u64,
    /// Raw files copied (others were already in the backup directory).
    pub raw_copied: u64,
    /// Raw files referenced by the snapshot.
    pub raw_total: u64,
}

/// Backs up the data directory into `out` while it is in use: the database through SQLite's
/// online backup API (a consistent snapshot), then every raw file the snapshot refers to (raw
/// files are immutable and written before their rows, so they are all there), the configuration
/// and the rules. The index is not copied: `restore` rebuilds it. Re-running into the same
/// directory only copies new raw files.
pub fn backup(ctx: &Context, out: &Path) -> Result<BackupReport> {
    std::fs::create_dir_all(out.join("raw"))
        .with_context(|| format!("cannot create {}", out.display()))?;
    let db_tmp = out.join("permanence.sqlite3.partial");
    {
        let mut dest = Connection::open(&db_tmp)
            .with_context(|| format!("cannot create {}", db_tmp.display()))?;
        let backup = rusqlite::backup::Backup::new(ctx.store.conn(), &mut dest)?;
        backup
            .run_to_completion(256, std::time::Duration::from_millis(5), None)
            .context("SQLite online backup")?;
    }
    let snapshot = Connection::open(&db_tmp)?;
    let blobs: Vec<String> = snapshot
        .prepare("SELECT blob FROM messages ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut report = BackupReport {
        messages: blobs.len() as u64,
        raw_total: blobs.len() as u64,
        ..BackupReport::default()
    };
    drop(snapshot);
    let out_raw = crate::rawstore::RawStore::open(&out.join("raw"))?;
    for blob in &blobs {
        let target = out_raw.path(blob);
        if target.exists() {
            continue;
        }
        let bytes = ctx.raw.read(blob)?;
        out_raw.stage(blob, &bytes)?;
        report.raw_copied += 1;
    }
    out_raw.sync()?;
    let config = crate::context::CONFIG_FILE;
    std::fs::copy(ctx.dir.join(config), out.join(config))
        .with_context(|| format!("cannot copy {config}"))?;
    copy_dir(&ctx.rules_dir(), &out.join("rules"))?;
    std::fs::rename(&db_tmp, out.join(crate::context::DB_FILE))?;
    std::fs::File::open(out)?.sync_all()?;
    Ok(report)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// Restores a backup made by [`backup`] into the empty (or absent) data directory `dir`, then
/// the caller rebuilds the index.
pub fn restore(backup_dir: &Path, dir: &Path) -> Result<()> {
    if !backup_dir.join(crate::context::DB_FILE).exists() {
        bail!(
            "{} is not a Permanence backup (no {})",
            backup_dir.display(),
            crate::context::DB_FILE
        );
    }
    if dir.join(crate::context::DB_FILE).exists() {
        bail!(
            "{} already holds a database: restore into an empty directory",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir)?;
    std::fs::copy(
        backup_dir.join(crate::context::DB_FILE),
        dir.join(crate::context::DB_FILE),
    )?;
    std::fs::copy(
        backup_dir.join(crate::context::CONFIG_FILE),
        dir.join(crate::context::CONFIG_FILE),
    )?;
    copy_dir(&backup_dir.join("rules"), &dir.join("rules"))?;
    let target = crate::rawstore::RawStore::open(&dir.join("raw"))?;
    let source = crate::rawstore::RawStore::open(&backup_dir.join("raw"))?;
    let conn = Connection::open(dir.join(crate::context::DB_FILE))?;
    let blobs: Vec<String> = conn
        .prepare("SELECT blob FROM messages")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for blob in blobs {
        let bytes = source.read(&blob)?;
        target.stage(&blob, &bytes)?;
    }
    target.sync()?;
    Ok(())
}

/// What `verify` found.
#[derive(Debug, Default, Serialize)]
pub struct Verification {
    /// Message rows.
    pub messages: u64,
    /// Rows whose raw file is missing.
    pub missing_raw: Vec<String>,
    /// Raw files whose bytes do not hash to their name.
    pub corrupt_raw: Vec<String>,
    /// Raw files no row refers to.
    pub orphan_raw: Vec<PathBuf>,
    /// Documents in the index.
    pub indexed: u64,
    /// Erasures or retention runs not finished (queued raw files or index documents).
    pub pending_purge: u64,
}

impl Verification {
    /// True when everything is consistent.
    pub fn ok(&self) -> bool {
        self.missing_raw.is_empty()
            && self.corrupt_raw.is_empty()
            && self.orphan_raw.is_empty()
            && self.indexed == self.messages
            && self.pending_purge == 0
    }
}

/// Checks that every row has its raw message, every raw message hashes to its name and is
/// referred to, and the index holds one document per row.
pub fn verify(ctx: &Context) -> Result<Verification> {
    let conn = ctx.store.conn();
    let blobs: Vec<String> = conn
        .prepare("SELECT blob FROM messages ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut v = Verification {
        messages: blobs.len() as u64,
        ..Verification::default()
    };
    let known: std::collections::HashSet<&str> = blobs.iter().map(String::as_str).collect();
    for blob in &blobs {
        let path = ctx.raw.path(blob);
        if !path.exists() {
            v.missing_raw.push(blob.clone());
        } else if !ctx.raw.verify(blob)? {
            v.corrupt_raw.push(blob.clone());
        }
    }
    for shard in std::fs::read_dir(ctx.dir.join("raw"))? {
        let shard = shard?;
        if shard.file_name() == "tmp" || !shard.file_type()?.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(shard.path())? {
            let path = entry?.path();
            let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
            if !known.contains(name) {
                v.orphan_raw.push(path);
            }
        }
    }
    let reader = ctx.index.reader()?;
    v.indexed = reader.searcher().num_docs();
    v.pending_purge = conn.query_row(
        "SELECT (SELECT count(*) FROM raw_purge) + (SELECT count(*) FROM index_purge)",
        [],
        |r| r.get::<_, i64>(0),
    )? as u64;
    Ok(v)
}

/// Records an erasure (counts only, no personal data).
pub fn record_erasure(
    conn: &Connection,
    who: &str,
    kind: &str,
    removed: Removed,
    addresses: u64,
    notes: u64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO erasures (at, who, kind, messages, cases, addresses, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            crate::store::now(),
            who,
            kind,
            removed.messages as i64,
            removed.cases as i64,
            addresses as i64,
            notes as i64
        ],
    )?;
    Ok(())
}
