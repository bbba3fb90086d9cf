//! Secret tokens of the calendar feed. A calendar application cannot log in: it reads
//! `/agenda.ics?token=…` with a token that stands for one user, read-only. One valid token per
//! user at a time (a new one revokes the old), only its SHA-256 stored, revocable at any time;
//! every read is written to the access log under the user's name.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};

use crate::users::session::{random_token, token_hash};

/// A new token for `user`, revoking the one before. Shown once: only its hash is kept.
pub fn issue(tx: &Transaction<'_>, user: &str, now: i64) -> Result<String> {
    revoke(tx, user, now)?;
    let token = random_token()?;
    tx.prepare_cached(
        "INSERT INTO feed_tokens (user_name, token_hash, created_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![user, token_hash(&token), now])?;
    Ok(token)
}

/// Revokes `user`'s token; whether there was one.
pub fn revoke(tx: &Transaction<'_>, user: &str, now: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "UPDATE feed_tokens SET revoked_at = ?2 WHERE user_name = ?1 AND revoked_at = 0",
        )?
        .execute(params![user, now])?
        > 0)
}

/// The user a valid `token` stands for. Reads only.
pub fn user_of(conn: &Connection, token: &str) -> Result<Option<String>> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    // The user must still exist: deleting a user ends their feed too.
    Ok(conn
        .prepare_cached(
            "SELECT t.user_name FROM feed_tokens t JOIN users u ON u.name = t.user_name
             WHERE t.token_hash = ?1 AND t.revoked_at = 0",
        )?
        .query_row([token_hash(token)], |r| r.get(0))
        .optional()?)
}

/// When `user`'s valid token was made and last used, if they have one.
pub fn status(conn: &Connection, user: &str) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .prepare_cached(
            "SELECT created_at, used_at FROM feed_tokens WHERE user_name = ?1 AND revoked_at = 0",
        )?
        .query_row([user], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Notes that `token` was used at `now`.
pub fn touch(conn: &Connection, token: &str, now: i64) -> Result<()> {
    conn.prepare_cached("UPDATE feed_tokens SET used_at = ?2 WHERE token_hash = ?1")?
        .execute(params![token_hash(token), now])?;
    Ok(())
}
