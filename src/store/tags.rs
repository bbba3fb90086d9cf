//! `message_communes`, `message_themes` and `rule_stats`: recording the tagging stage's
//! decisions, reading them back for export, `explain` and `rules test`.

use anyhow::Result;
use rusqlite::{Connection, Transaction, params};

use crate::rules::Tags;

/// Replaces the tags of a message (rule-set themes only: themes set by staff stay) and counts
/// the rules that newly fired on it (tagging a message again does not count a rule twice).
pub fn record(tx: &Transaction<'_>, message: i64, tags: &Tags, now: i64) -> Result<()> {
    let before: Vec<String> = tx
        .prepare_cached("SELECT rule FROM message_themes WHERE message = ?1 AND rule != 'staff'")?
        .query_map([message], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.prepare_cached("DELETE FROM message_communes WHERE message = ?1")?
        .execute([message])?;
    let mut commune = tx.prepare_cached(
        "INSERT OR IGNORE INTO message_communes (message, code, context, matched, position) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in &tags.communes {
        let position = if c.position == usize::MAX {
            -1
        } else {
            c.position as i64
        };
        commune.execute(params![message, c.code, c.context, c.matched, position])?;
    }
    tx.prepare_cached("DELETE FROM message_themes WHERE message = ?1 AND rule != 'staff'")?
        .execute([message])?;
    let mut theme = tx.prepare_cached(
        "INSERT OR IGNORE INTO message_themes (message, theme, rule, score, found, priority, assignee) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut stats = tx.prepare_cached(
        "INSERT INTO rule_stats (rule, fired, last_fired) VALUES (?1, 1, ?2)
         ON CONFLICT (rule) DO UPDATE SET fired = fired + 1, last_fired = excluded.last_fired",
    )?;
    for hit in &tags.themes {
        theme.execute(params![
            message,
            hit.tag,
            hit.rule,
            hit.score,
            serde_json::to_string(&hit.found)?,
            hit.priority.clone().unwrap_or_default(),
            hit.assignee.clone().unwrap_or_default()
        ])?;
        if !before.contains(&hit.rule) {
            stats.execute(params![hit.rule, now])?;
        }
    }
    Ok(())
}

/// Theme slugs of a message, primary first (by score; staff-added themes last).
pub fn themes(conn: &Connection, message: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT theme FROM message_themes WHERE message = ?1 ORDER BY score DESC, theme",
    )?;
    let rows = stmt
        .query_map([message], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// (theme, rule, score, found JSON) of a message.
pub fn theme_details(
    conn: &Connection,
    message: i64,
) -> Result<Vec<(String, String, f64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT theme, rule, score, found FROM message_themes WHERE message = ?1 ORDER BY score DESC, theme",
    )?;
    let rows = stmt
        .query_map([message], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// (code, context, matched, position) of a message's communes.
pub fn commune_details(
    conn: &Connection,
    message: i64,
) -> Result<Vec<(String, String, String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, context, matched, position FROM message_communes WHERE message = ?1 ORDER BY position < 0, position",
    )?;
    let rows = stmt
        .query_map([message], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
