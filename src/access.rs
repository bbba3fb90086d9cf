//! The access log: who searched for or opened which person's messages. Reading commands (and
//! later the web interface) record the people whose mail they showed; `access-log` lists the
//! entries, retention prunes them after `[retention] access_log_days`, and an erasure redacts
//! the erased person from them (the fact that someone read something stays).

use anyhow::Result;
use rusqlite::{Connection, params};
use serde::Serialize;

/// Most people recorded per entry (a broad search shows many).
const MAX_PERSONS: usize = 100;

/// Records that `who` did `action` on `target`, showing the messages `ids`. Never fails the
/// reading command: a problem is logged.
pub fn record(conn: &Connection, who: &str, action: &str, target: &str, ids: &[i64]) {
    let written = describe(conn, who, action, target, ids).and_then(|access| write(conn, &access));
    if let Err(err) = written {
        tracing::warn!(error = %format!("{err:#}"), "cannot write the access log");
    }
}

/// One access, described when it happens and written then or later (the web process queues
/// its entries for its recorder thread, see `web::recorder`, so that a page never waits for
/// the database's write lock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// Unix seconds.
    pub at: i64,
    /// Who read.
    pub who: String,
    /// What they did (`search`, `show`, `case`, `official`…).
    pub action: String,
    /// On what (`#12`, a query…).
    pub target: String,
    /// Whose mail it showed: the correspondents' addresses (at most 100).
    pub persons: Vec<String>,
}

/// The access of `who` doing `action` on `target` now, showing the messages `ids`: the people
/// whose mail that is (the sender of incoming mail, the recipients of the office's own). Reads
/// only.
pub fn describe(
    conn: &Connection,
    who: &str,
    action: &str,
    target: &str,
    ids: &[i64],
) -> Result<Access> {
    let persons: Vec<String> = conn
        .prepare_cached(
            "SELECT DISTINCT address FROM (
                 SELECT id AS message, from_addr AS address FROM messages WHERE outgoing = 0
                 UNION ALL SELECT r.message, r.address FROM recipients r JOIN messages m ON m.id = r.message
                     WHERE m.outgoing = 1 AND r.role IN ('to', 'cc'))
             WHERE message IN (SELECT value FROM json_each(?1)) AND address != '' ORDER BY address LIMIT ?2",
        )?
        .query_map(params![serde_json::to_string(ids)?, MAX_PERSONS as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Access {
        at: crate::store::now(),
        who: who.to_string(),
        action: action.to_string(),
        target: target.to_string(),
        persons,
    })
}

/// Writes `access` to the log.
pub fn write(conn: &Connection, access: &Access) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO access_log (at, who, action, target, persons) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        access.at,
        access.who,
        access.action,
        access.target,
        serde_json::to_string(&access.persons)?
    ])?;
    Ok(())
}

/// Records an access naming `persons` directly.
pub fn record_persons(
    conn: &Connection,
    who: &str,
    action: &str,
    target: &str,
    persons: &[String],
) -> Result<()> {
    write(
        conn,
        &Access {
            at: crate::store::now(),
            who: who.to_string(),
            action: action.to_string(),
            target: target.to_string(),
            persons: persons.to_vec(),
        },
    )
}

/// One entry.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// RFC 3339.
    pub at: String,
    /// Who.
    pub who: String,
    /// What.
    pub action: String,
    /// On what.
    pub target: String,
    /// Whose messages.
    pub persons: Vec<String>,
}

/// Entries since `since` (Unix seconds), about `person` when given, oldest first.
pub fn list(conn: &Connection, person: Option<&str>, since: i64) -> Result<Vec<Entry>> {
    let person = person.map(str::to_lowercase);
    Ok(conn
        .prepare(
            "SELECT at, who, action, target, persons FROM access_log
             WHERE at >= ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(persons) WHERE value = ?2))
             ORDER BY id",
        )?
        .query_map(params![since, person], |r| {
            Ok(Entry {
                at: crate::util::rfc3339(r.get(0)?, 0),
                who: r.get(1)?,
                action: r.get(2)?,
                target: r.get(3)?,
                persons: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Deletes entries older than `days` days (0 keeps them). Returns how many.
pub fn prune(conn: &Connection, days: u32) -> Result<u64> {
    if days == 0 {
        return Ok(0);
    }
    let cutoff = crate::store::now() - i64::from(days) * 86_400;
    Ok(conn.execute("DELETE FROM access_log WHERE at < ?1", [cutoff])? as u64)
}

/// Replaces the person in every entry by « [effacé] » (erasure): their addresses wherever
/// they appear, and their names (`needles`) in search queries. Returns the entries changed.
pub fn redact(conn: &Connection, addresses: &[String], needles: &[String]) -> Result<u64> {
    if addresses.is_empty() {
        return Ok(0);
    }
    let alternatives: Vec<String> = addresses.iter().map(|a| regex::escape(a)).collect();
    let address = regex::RegexBuilder::new(&format!(
        r"(^|[^A-Za-z0-9._%+\-])(?:{})",
        alternatives.join("|")
    ))
    .case_insensitive(true)
    .build()?;
    let names: Vec<String> = needles
        .iter()
        .filter(|n| !n.contains('@'))
        .map(|n| regex::escape(n))
        .collect();
    let name = if names.is_empty() {
        None
    } else {
        Some(
            regex::RegexBuilder::new(&format!(r"\b(?:{})\b", names.join("|")))
                .case_insensitive(true)
                .build()?,
        )
    };
    let mut changed = 0;
    let rows: Vec<(i64, String, String)> = conn
        .prepare("SELECT id, target, persons FROM access_log")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, target, persons) in rows {
        let mut t = address.replace_all(&target, "${1}[effacé]").into_owned();
        if let Some(name) = &name {
            t = name.replace_all(&t, "[effacé]").into_owned();
        }
        let p = address.replace_all(&persons, "${1}[effacé]").into_owned();
        if t != target || p != persons {
            conn.execute(
                "UPDATE access_log SET target = ?2, persons = ?3 WHERE id = ?1",
                params![id, t, p],
            )?;
            changed += 1;
        }
    }
    Ok(changed)
}
