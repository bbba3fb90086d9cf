//! `imap_folders`: per mailbox and folder, the UIDVALIDITY and high-water mark of the last filed
//! batch, plus what `status` shows (last sync, backlog, last error).

use anyhow::{Context as _, Result};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// Stored sync state of one folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FolderState {
    /// Mailbox name.
    pub account: String,
    /// Folder name.
    pub folder: String,
    /// UIDVALIDITY of the marks (0 when never synced).
    pub uidvalidity: u32,
    /// Lowest UID not yet filed.
    pub uid_next: u32,
    /// UIDNEXT announced by the server at the last sync.
    pub server_uidnext: u32,
    /// Messages in the folder at the last sync.
    pub server_exists: u32,
    /// Messages still to fetch at the last check.
    pub backlog: u32,
    /// Unix seconds of the last completed sync (0: never).
    pub last_sync: i64,
    /// Unix seconds when new mail was last filed (0: never).
    pub last_new_at: i64,
    /// Last failure, '' after a successful sync.
    pub last_error: String,
    /// When it happened.
    pub last_error_at: i64,
    /// UIDVALIDITY changes seen.
    pub rescans: u32,
}

const COLUMNS: &str = "account, folder, uidvalidity, uid_next, server_uidnext, server_exists, backlog, last_sync, last_new_at, last_error, last_error_at, rescans";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FolderState> {
    Ok(FolderState {
        account: r.get(0)?,
        folder: r.get(1)?,
        uidvalidity: r.get(2)?,
        uid_next: r.get(3)?,
        server_uidnext: r.get(4)?,
        server_exists: r.get(5)?,
        backlog: r.get(6)?,
        last_sync: r.get(7)?,
        last_new_at: r.get(8)?,
        last_error: r.get(9)?,
        last_error_at: r.get(10)?,
        rescans: r.get(11)?,
    })
}

/// The state of one folder, if it was ever synced.
pub fn get(conn: &Connection, account: &str, folder: &str) -> Result<Option<FolderState>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM imap_folders WHERE account = ?1 AND folder = ?2"
    ))?
    .query_row([account, folder], from_row)
    .optional()
    .context("read folder state")
}

/// Every folder's state, by account and folder.
pub fn all(conn: &Connection) -> Result<Vec<FolderState>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM imap_folders ORDER BY account, folder"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn ensure(conn: &Connection, account: &str, folder: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO imap_folders (account, folder) VALUES (?1, ?2)")?
        .execute([account, folder])?;
    Ok(())
}

/// Advances the high-water mark (inside the batch transaction). `new` is how many new messages
/// the batch filed.
pub fn advance(
    conn: &Connection,
    account: &str,
    folder: &str,
    uidvalidity: u32,
    uid_next: u32,
    new: u64,
    now: i64,
) -> Result<()> {
    ensure(conn, account, folder)?;
    conn.prepare_cached(
        "UPDATE imap_folders SET uidvalidity = ?3, uid_next = max(uid_next, ?4),
             last_new_at = CASE WHEN ?5 > 0 THEN ?6 ELSE last_new_at END
         WHERE account = ?1 AND folder = ?2",
    )?
    .execute(params![
        account,
        folder,
        uidvalidity,
        uid_next,
        new as i64,
        now
    ])
    .context("advance high-water mark")?;
    Ok(())
}

/// Starts a re-scan: UIDVALIDITY changed (or UIDNEXT went backwards), so the mark goes back to 1
/// under the new UIDVALIDITY. Messages already stored are recognised by their bytes.
pub fn reset(conn: &Connection, account: &str, folder: &str, uidvalidity: u32) -> Result<()> {
    ensure(conn, account, folder)?;
    conn.prepare_cached("UPDATE imap_folders SET uidvalidity = ?3, uid_next = 1, rescans = rescans + 1 WHERE account = ?1 AND folder = ?2")?
        .execute(params![account, folder, uidvalidity])?;
    Ok(())
}

/// Records what the server announced at the start of a sync, and the backlog.
pub fn observe(
    conn: &Connection,
    account: &str,
    folder: &str,
    uidnext: u32,
    exists: u32,
    backlog: u32,
) -> Result<()> {
    ensure(conn, account, folder)?;
    conn.prepare_cached("UPDATE imap_folders SET server_uidnext = ?3, server_exists = ?4, backlog = ?5 WHERE account = ?1 AND folder = ?2")?
        .execute(params![account, folder, uidnext, exists, backlog])?;
    Ok(())
}

/// Records a completed sync (clears the last error).
pub fn synced(conn: &Connection, account: &str, folder: &str, now: i64) -> Result<()> {
    ensure(conn, account, folder)?;
    conn.prepare_cached("UPDATE imap_folders SET last_sync = ?3, backlog = 0, last_error = '' WHERE account = ?1 AND folder = ?2")?
        .execute(params![account, folder, now])?;
    Ok(())
}

/// Records a failure.
pub fn failed(conn: &Connection, account: &str, folder: &str, error: &str, now: i64) -> Result<()> {
    ensure(conn, account, folder)?;
    conn.prepare_cached("UPDATE imap_folders SET last_error = ?3, last_error_at = ?4 WHERE account = ?1 AND folder = ?2")?
        .execute(params![account, folder, error, now])?;
    Ok(())
}

/// Marks messages as the office's own.
pub fn mark_outgoing(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE messages SET outgoing = 1 WHERE id = ?1")?;
    for id in ids {
        stmt.execute([id])?;
    }
    Ok(())
}
