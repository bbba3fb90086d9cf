//! Recording the tagging stage's decisions in the batch transaction: `message_communes`,
//! `message_themes` (the rule-set's themes; themes set by staff stay) and `rule_stats`. The
//! rules stage owns this SQL because it owns [`Tags`]: the store below it reads the same
//! tables back (`store::tags`) without knowing what a rule is.

use anyhow::Result;
use rusqlite::{Transaction, params};

use super::Tags;

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
