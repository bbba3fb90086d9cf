//! Data lifecycle: removing messages for good (erasure, retention), online backup, restore and
//! verification of a data directory.
//!
//! Removing a message touches all three stores. In one SQLite transaction (with
//! `secure_delete` on, so freed pages are zeroed) the rows go, cases left without messages go,
//! and the message ids and raw files are queued (`index_purge`, `raw_purge`). After the commit
//! the raw files are deleted and, by whoever holds the index writer (this command, or the
//! running daemon), the index documents are deleted and the segments merged so they are
//! physically rewritten away. Finally `VACUUM` and a WAL checkpoint leave no old page behind.
//! A crash in between leaves the queues, which the next run (or `verify`) completes; what they
//! still hold ([`pending_purge`]) and the erasures recorded ([`erasures`], for `status`) are
//! read here too.
//!
//! Backups, restored data directories and personal-data exports hold everyone's mail: what
//! this module writes there is private to its owner (directories 0700, files 0600), whatever
//! the modes of the files copied (`fs::copy` keeps them) and the process umask. A directory the
//! user chose that already holds something keeps its mode.

use std::fs::File;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use crate::context::Context;
use crate::private::{
    copy_private, make_private, private_dir, private_file, set_mode, write_private,
};

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
    // Undo copies may hold these messages' rows (and the people's addresses): an undo must
    // never bring them back, so every copy goes (they live 24 hours anyway).
    crate::cases::undo::forget_all(tx)?;
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
    Ok(Removed {
        messages,
        cases: remove_empty_cases(tx, &cases)?,
    })
}

/// Removes the cases `ids` that have no message (left), then the closed cases merged into a
/// case that is gone (they have no messages of their own). Returns how many cases went.
pub fn remove_empty_cases(tx: &Transaction<'_>, ids: &[i64]) -> Result<u64> {
    let mut removed = 0;
    for &case_id in ids {
        let left: i64 = tx.query_row(
            "SELECT count(*) FROM message_cases WHERE case_id = ?1",
            [case_id],
            |r| r.get(0),
        )?;
        if left == 0 {
            // Cases merged into this one keep pointing at nothing: they go too (below).
            tx.execute(
                "UPDATE cases SET merged_into = NULL WHERE merged_into = ?1",
                [case_id],
            )?;
            removed += tx.execute("DELETE FROM cases WHERE id = ?1", [case_id])? as u64;
        }
    }
    // Closed cases merged into others have no messages of their own: remove the empty ones
    // whose target is gone.
    removed += tx.execute(
        "DELETE FROM cases WHERE merged_into IS NULL AND state = 'closed'
           AND NOT EXISTS (SELECT 1 FROM message_cases mc WHERE mc.case_id = cases.id)
           AND EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = cases.id AND h.action = 'merge')",
        [],
    )? as u64;
    Ok(removed)
}

/// Deletes the queued raw files, then (when the index writer is free) the queued index
/// documents, merging segments; then compacts the database. Returns whether the index part was
/// done here (`false`: the running daemon holds the writer and will do it).
pub fn finish_purge(ctx: &mut Context) -> Result<bool> {
    crate::rawstore::purge(&mut ctx.store, &ctx.raw)?;
    // A copy of an attachment left by an extraction killed mid-way.
    crate::extract::sandbox::remove_stale_in(&ctx.dir, &ctx.config.extract);
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

/// How many raw files and index documents removed messages still leave behind (the
/// `raw_purge` and `index_purge` queues together): 0 when every erasure and retention run
/// finished. Reads only.
pub fn pending_purge(conn: &Connection) -> Result<u64> {
    let n: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM raw_purge) + (SELECT count(*) FROM index_purge)",
            [],
            |r| r.get(0),
        )
        .context("cannot count the purge queues")?;
    Ok(n as u64)
}

/// How many index documents are queued for deletion (`index_purge`), waiting for whoever
/// holds the index writer. Reads only.
pub fn pending_index_purge(conn: &Connection) -> Result<u64> {
    let n: i64 = conn
        .query_row("SELECT count(*) FROM index_purge", [], |r| r.get(0))
        .context("cannot count the index purge queue")?;
    Ok(n as u64)
}

/// Waits (blocking, polling every half second) until the `index_purge` queue is empty or
/// `patience` has passed: when the running daemon holds the index writer, it purges the queued
/// documents at its next tick. Returns how many are still queued (0: all purged). Reads only.
pub fn wait_for_index_purge(conn: &Connection, patience: std::time::Duration) -> Result<u64> {
    let step = std::time::Duration::from_millis(500);
    let polls = patience.as_millis() / step.as_millis();
    for _ in 0..polls {
        if pending_index_purge(conn)? == 0 {
            return Ok(0);
        }
        std::thread::sleep(step);
    }
    pending_index_purge(conn)
}

/// Lets SQLite refresh the query planner's statistics (`PRAGMA optimize`), after a restore
/// filled a database the planner knows nothing about. Writes only `sqlite_stat*` tables.
pub fn optimize(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA optimize")
        .context("cannot optimize the database")
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
    /// Messages whose raw bytes were copied now (others were already in the backup directory).
    pub raw_copied: u64,
    /// Bytes of pack files copied (what the backup directory did not have yet).
    pub raw_copied_bytes: u64,
    /// Messages whose raw bytes the backup holds.
    pub raw_total: u64,
}

/// Backs up the data directory into `out` while it is in use: the database through SQLite's
/// online backup API (a consistent snapshot), then every raw file the snapshot refers to (raw
/// files are immutable and written before their rows, so they are all there), the configuration
/// and the rules. The index is not copied: `restore` rebuilds it. Re-running into the same
/// directory only copies new raw files. What is written there is private (0700, 0600); `out`
/// itself too unless it existed with something in it (see [`private_dir`]).
pub fn backup(ctx: &Context, out: &Path) -> Result<BackupReport> {
    private_dir(out)?;
    private_dir(&out.join("raw"))?;
    let db_tmp = out.join("permanence.sqlite3.partial");
    private_file(&db_tmp)?;
    {
        let mut dest = Connection::open(&db_tmp)
            .with_context(|| format!("cannot create {}", db_tmp.display()))?;
        let backup = rusqlite::backup::Backup::new(ctx.store.conn(), &mut dest)?;
        backup
            .run_to_completion(256, std::time::Duration::from_millis(5), None)
            .context("SQLite online backup")?;
    }
    let snapshot = Connection::open(&db_tmp)?;
    let mut report = BackupReport {
        messages: snapshot.query_row("SELECT count(*) FROM messages", [], |r| r.get::<_, i64>(0))?
            as u64,
        ..BackupReport::default()
    };
    report.raw_total = report.messages;
    // The packs, as far as the snapshot committed them (packs only grow; erased records are
    // overwritten in the copy too).
    let out_raw = out.join("raw");
    let mirrored = crate::rawstore::mirror(ctx.raw.root(), &snapshot, &out_raw)?;
    report.raw_copied = mirrored.messages;
    report.raw_copied_bytes = mirrored.bytes;
    // Messages still in their own file (a directory from before the packs, not yet moved).
    let loose: Vec<String> = snapshot
        .prepare(
            "SELECT blob FROM messages WHERE blob NOT IN (SELECT hash FROM raw_blobs) ORDER BY id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    drop(snapshot);
    for blob in &loose {
        let shard = out_raw.join(blob.get(..2).unwrap_or("00"));
        let target = shard.join(format!("{blob}.eml"));
        if target.exists() {
            continue;
        }
        let bytes = ctx.raw.read(blob)?;
        private_dir(&shard)?;
        write_private(&target, &bytes)?;
        report.raw_copied += 1;
    }
    make_private(&out_raw)?;
    File::open(&out_raw)?.sync_all()?;
    copy_private(
        &crate::context::config_path(&ctx.dir),
        &out.join(crate::context::CONFIG_FILE),
    )?;
    copy_dir(&ctx.rules_dir(), &out.join("rules"))?;
    std::fs::rename(&db_tmp, out.join(crate::context::DB_FILE))?;
    set_mode(&out.join(crate::context::DB_FILE), 0o600)?;
    File::open(out)?.sync_all()?;
    // For `doctor`: when and where the last backup went.
    let place = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    ctx.store
        .conn()
        .execute(
            "INSERT INTO settings (key, value) VALUES ('last_backup', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [format!("{} {}", crate::store::now(), place.display())],
        )
        .context("cannot record the backup")?;
    tracing::info!(
        out = %out.display(),
        messages = report.messages,
        copied = report.raw_copied,
        "backup done"
    );
    Ok(report)
}

/// Copies the files of `from` (not its subdirectories) into the private directory `to`, each
/// private.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    private_dir(to)?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot list {}", from.display()))?
    {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            copy_private(&entry.path(), &to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// Restores a backup made by [`backup`] into the empty (or absent) data directory `dir`, then
/// the caller rebuilds the index. What it writes is private (0700, 0600).
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
    private_dir(dir)?;
    copy_private(
        &backup_dir.join(crate::context::DB_FILE),
        &dir.join(crate::context::DB_FILE),
    )?;
    copy_private(
        &backup_dir.join(crate::context::CONFIG_FILE),
        &dir.join(crate::context::CONFIG_FILE),
    )?;
    copy_dir(&backup_dir.join("rules"), &dir.join("rules"))?;
    private_dir(&dir.join("raw"))?;
    let conn = Connection::open(dir.join(crate::context::DB_FILE))?;
    let migrated = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE name = 'raw_blobs'",
            [],
            |_| Ok(()),
        )
        .is_ok();
    let loose: Vec<String> = if migrated {
        crate::rawstore::mirror(&backup_dir.join("raw"), &conn, &dir.join("raw"))?;
        conn.prepare("SELECT blob FROM messages WHERE blob NOT IN (SELECT hash FROM raw_blobs)")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    } else {
        conn.prepare("SELECT blob FROM messages")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    for blob in loose {
        let name = format!("{}/{blob}.eml", blob.get(..2).unwrap_or("00"));
        let from = backup_dir.join("raw").join(&name);
        let bytes =
            std::fs::read(&from).with_context(|| format!("the backup lacks {}", from.display()))?;
        let shard = dir.join("raw").join(blob.get(..2).unwrap_or("00"));
        private_dir(&shard)?;
        write_private(&shard.join(format!("{blob}.eml")), &bytes)?;
    }
    make_private(&dir.join("raw"))?;
    rustix::fs::syncfs(File::open(dir.join("raw"))?)?;
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
    /// Raw messages no row refers to (hash and place, or the file from before the packs).
    pub orphan_raw: Vec<String>,
    /// Bytes past the committed end of the packs: an unfinished batch (a crash, or the daemon's
    /// batch being written right now), cut off by the next writer. Not a problem.
    pub uncommitted_bytes: u64,
    /// Documents in the index.
    pub indexed: u64,
    /// Erasures or retention runs not finished (queued raw files or index documents).
    pub pending_purge: u64,
    /// Files and directories of the data directory that the group or others may use
    /// (a warning: it does not make the directory inconsistent).
    pub loose_permissions: u64,
    /// The first of them, as "0644 PATH".
    pub loose_examples: Vec<String>,
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

/// Checks that every row has its raw message, every raw message's bytes (all of them are read)
/// hash to its name and it is referred to, and the index holds one document per row.
pub fn verify(ctx: &Context) -> Result<Verification> {
    use crate::rawstore::Location;
    let conn = ctx.store.conn();
    let rows: Vec<(String, Option<Location>)> = conn
        .prepare(
            "SELECT m.blob, b.pack, b.offset, b.length FROM messages m
             LEFT JOIN raw_blobs b ON b.hash = m.blob ORDER BY b.pack, b.offset",
        )?
        .query_map([], |r| {
            let pack: Option<u32> = r.get(1)?;
            Ok((
                r.get(0)?,
                match pack {
                    Some(_) => Some(Location::from_row(r, 1)?),
                    None => None,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut v = Verification {
        messages: rows.len() as u64,
        ..Verification::default()
    };
    // Every byte of every message, read in pack order and hashed on all cores.
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8);
    let chunk = rows.len().div_ceil(threads).max(1);
    let results: Vec<Vec<(usize, bool)>> = std::thread::scope(|s| {
        let workers: Vec<_> = rows
            .chunks(chunk)
            .enumerate()
            .map(|(n, part)| {
                let raw = &ctx.raw;
                s.spawn(move || {
                    let mut bad = Vec::new();
                    for (i, (blob, loc)) in part.iter().enumerate() {
                        let (present, intact) = match loc {
                            Some(loc) => match raw.check_at(blob, *loc) {
                                Ok(intact) => (true, intact),
                                Err(_) => (false, false),
                            },
                            None => match raw.verify(blob) {
                                Ok(intact) => (intact || raw.loose_path(blob).exists(), intact),
                                Err(_) => (false, false),
                            },
                        };
                        if !intact {
                            bad.push((n * chunk + i, present));
                        }
                    }
                    bad
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    for (i, present) in results.into_iter().flatten() {
        let blob = rows[i].0.clone();
        if present {
            v.corrupt_raw.push(blob);
        } else {
            v.missing_raw.push(blob);
        }
    }
    // Raw bytes no message refers to (an erasure not finished is counted in `pending_purge`).
    let orphans: Vec<(String, u32, i64)> = conn
        .prepare(
            "SELECT hash, pack, offset FROM raw_blobs
             WHERE hash NOT IN (SELECT blob FROM messages) AND hash NOT IN (SELECT blob FROM raw_purge)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (hash, pack, offset) in orphans {
        v.orphan_raw
            .push(format!("{hash} (pack {pack}, offset {offset})"));
    }
    let known: std::collections::HashSet<&str> = rows.iter().map(|(b, _)| b.as_str()).collect();
    for (path, hash) in crate::rawstore::loose_files(ctx.raw.root())? {
        if !known.contains(hash.as_str()) {
            v.orphan_raw.push(path.display().to_string());
        }
    }
    v.uncommitted_bytes = crate::rawstore::uncommitted_tails(ctx.raw.root(), conn)?
        .iter()
        .map(|(_, bytes)| bytes)
        .sum();
    let reader = ctx.index.reader()?;
    v.indexed = reader.searcher().num_docs();
    v.pending_purge = pending_purge(conn)?;
    let (loose, examples) = crate::context::loose_permissions(&ctx.dir, 20);
    v.loose_permissions = loose as u64;
    v.loose_examples = examples
        .into_iter()
        .map(|(path, mode)| format!("{mode:04o} {}", path.display()))
        .collect();
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

/// The erasures recorded so far (counts only, as `status` shows them).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Erasures {
    /// Erasures run (RGPD requests).
    pub erasures: u64,
    /// Messages they removed, in all.
    pub messages: u64,
}

/// How many erasures were recorded by [`record_erasure`] and how many messages they removed.
/// Reads only.
pub fn erasures(conn: &Connection) -> Result<Erasures> {
    let (erasures, messages): (i64, i64) = conn
        .query_row(
            "SELECT count(*), coalesce(sum(messages), 0) FROM erasures",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .context("cannot count the erasures")?;
    Ok(Erasures {
        erasures: erasures as u64,
        messages: messages as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The purge queues and the erasures are counted as `verify`, `person erase` and `status`
    /// read them.
    #[test]
    fn purge_queues_and_erasures_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = store.conn();
        assert_eq!(pending_purge(conn).unwrap(), 0);
        assert_eq!(
            wait_for_index_purge(conn, std::time::Duration::ZERO).unwrap(),
            0
        );
        assert_eq!(erasures(conn).unwrap(), Erasures::default());
        conn.execute_batch(
            "INSERT INTO raw_purge (blob) VALUES ('ab'), ('cd');
             INSERT INTO index_purge (message) VALUES (7);",
        )
        .unwrap();
        assert_eq!(pending_purge(conn).unwrap(), 3);
        assert_eq!(pending_index_purge(conn).unwrap(), 1);
        assert_eq!(
            wait_for_index_purge(conn, std::time::Duration::ZERO).unwrap(),
            1
        );
        let removed = Removed {
            messages: 4,
            cases: 1,
        };
        record_erasure(conn, "staff", "address", removed, 0, 0).unwrap();
        record_erasure(conn, "staff", "official", removed, 2, 1).unwrap();
        assert_eq!(
            erasures(conn).unwrap(),
            Erasures {
                erasures: 2,
                messages: 8
            }
        );
        optimize(conn).unwrap();
    }
}
