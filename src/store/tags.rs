//! `message_communes` and `message_themes`: reading the tagging stage's decisions back for
//! export, `explain` and `show`. Writing them is the rules stage's (`rules::record`), which
//! owns the shape of what it decided; this module only knows the tables.

use anyhow::Result;
use rusqlite::Connection;

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
