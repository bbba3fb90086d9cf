//! Browser sessions of staff users. A login opens one: the browser keeps a random token in a
//! cookie, the database keeps only its SHA-256 with the user, a CSRF token, when it was opened
//! and last seen, and the client's address. A session ends on logout, after `idle` minutes
//! without a request, `max` hours after login, when the password changes, or when the user is
//! removed (`ON DELETE CASCADE`).
//!
//! Looking a session up only reads ([`lookup`] then [`check`]), so that the web can resolve it
//! on a read-only connection; refreshing `seen_at` ([`touch`], at most once a minute) and
//! deleting an expired session ([`end`]) are writes the caller may queue.

use anyhow::{Context as _, Result};
use rusqlite::{Connection, OptionalExtension as _, params};
use sha2::{Digest, Sha256};

use super::Role;

/// Sessions not seen for this long are deleted at the next login, whatever the configuration.
const FORGOTTEN_AFTER: i64 = 30 * 86_400;

/// `seen_at` is refreshed when it is older than this (seconds): not a write per request.
pub const TOUCH_EVERY: i64 = 60;

/// An open session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the token (hex), the row's key.
    pub token_hash: String,
    /// User id.
    pub user: i64,
    /// User name.
    pub name: String,
    /// The user's role now (`None`: a role this program does not know).
    pub role: Option<Role>,
    /// The session's CSRF token.
    pub csrf: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub seen_at: i64,
}

/// What a looked-up session is worth now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Valid; `touch` when its `seen_at` should be refreshed.
    Valid { role: Role, touch: bool },
    /// Idle too long, too old, or of an unknown role: to be deleted.
    Expired,
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random token (256 bits, hex).
pub fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no random source: {e}"))?;
    Ok(hex::encode(bytes))
}

/// The session of `token`, if one is stored (valid or not: see [`check`]). Reads only.
pub fn lookup(conn: &Connection, token: &str) -> Result<Option<Session>> {
    let hash = token_hash(token);
    Ok(conn
        .prepare_cached(
            "SELECT s.user, s.csrf, s.created_at, s.seen_at, u.name, u.role
             FROM sessions s JOIN users u ON u.id = s.user WHERE s.token_hash = ?1",
        )?
        .query_row([&hash], |r| {
            Ok(Session {
                token_hash: hash.clone(),
                user: r.get(0)?,
                csrf: r.get(1)?,
                created_at: r.get(2)?,
                seen_at: r.get(3)?,
                name: r.get(4)?,
                role: Role::parse(&r.get::<_, String>(5)?),
            })
        })
        .optional()?)
}

/// Whether `session` is still valid at `at`, with at most `idle_minutes` since it was last
/// seen and `max_hours` since it was opened.
pub fn check(session: &Session, at: i64, idle_minutes: u32, max_hours: u32) -> Verdict {
    match session.role {
        Some(role)
            if at - session.seen_at <= i64::from(idle_minutes) * 60
                && at - session.created_at <= i64::from(max_hours) * 3600 =>
        {
            Verdict::Valid {
                role,
                touch: at - session.seen_at >= TOUCH_EVERY,
            }
        }
        _ => Verdict::Expired,
    }
}

/// Records that the session was seen at `at`.
pub fn touch(conn: &Connection, token_hash: &str, at: i64) -> Result<()> {
    conn.prepare_cached("UPDATE sessions SET seen_at = max(seen_at, ?2) WHERE token_hash = ?1")?
        .execute(params![token_hash, at])
        .context("cannot refresh a session")?;
    Ok(())
}

/// Ends the session (logout, expiry).
pub fn end(conn: &Connection, token_hash: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM sessions WHERE token_hash = ?1")?
        .execute([token_hash])
        .context("cannot end a session")?;
    Ok(())
}

/// Opens a session for `user` from `address` at `at`; returns (token, CSRF token). Sessions
/// that ended without a logout long ago are deleted on the way.
pub fn open(conn: &Connection, user: i64, address: &str, at: i64) -> Result<(String, String)> {
    let token = random_token()?;
    let csrf = random_token()?;
    conn.execute(
        "INSERT INTO sessions (token_hash, user, csrf, created_at, seen_at, address)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        params![token_hash(&token), user, csrf, at, address],
    )
    .context("cannot open a session")?;
    conn.execute(
        "DELETE FROM sessions WHERE seen_at < ?1",
        [at - FORGOTTEN_AFTER],
    )?;
    Ok((token, csrf))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(created_at: i64, seen_at: i64) -> Session {
        Session {
            token_hash: String::new(),
            user: 1,
            name: "sam".into(),
            role: Some(Role::Staff),
            csrf: String::new(),
            created_at,
            seen_at,
        }
    }

    #[test]
    fn sessions_expire_when_idle_or_old_and_are_touched_once_a_minute() {
        let s = session(1_000, 1_000);
        assert_eq!(
            check(&s, 1_030, 30, 12),
            Verdict::Valid {
                role: Role::Staff,
                touch: false
            }
        );
        assert_eq!(
            check(&s, 1_060, 30, 12),
            Verdict::Valid {
                role: Role::Staff,
                touch: true
            }
        );
        assert_eq!(check(&s, 1_000 + 31 * 60, 30, 12), Verdict::Expired);
        let s = session(1_000, 1_000 + 12 * 3600);
        assert_eq!(check(&s, 1_001 + 12 * 3600, 30, 12), Verdict::Expired);
        let mut s = session(1_000, 1_000);
        s.role = None;
        assert_eq!(check(&s, 1_000, 30, 12), Verdict::Expired);
    }
}
