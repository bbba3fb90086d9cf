//! `message_communes` and `message_themes`: reading the tagging stage's decisions back for
//! export, `explain`, `show` and `rules test`. Writing them is the rules stage's (`rules::record`), which
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

/// A theme the rule set gave a message, and the rule that gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleTheme {
    /// Theme slug.
    pub theme: String,
    /// Rule id.
    pub rule: String,
}

/// The themes the rule set gave a message (those set by staff left out), in no particular
/// order. Reads only.
pub fn rule_themes(conn: &Connection, message: i64) -> Result<Vec<RuleTheme>> {
    let mut stmt = conn.prepare_cached(
        "SELECT theme, rule FROM message_themes WHERE message = ?1 AND rule != 'staff'",
    )?;
    let rows = stmt
        .query_map([message], |r| {
            Ok(RuleTheme {
                theme: r.get(0)?,
                rule: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// How many themes staff set on messages, all messages together. Reads only.
pub fn staff_theme_count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM message_themes WHERE rule = 'staff'",
        [],
        |r| r.get(0),
    )?;
    Ok(n as u64)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_themes_leave_staff_themes_out() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = store.conn();
        assert!(rule_themes(conn, 1).unwrap().is_empty());
        assert_eq!(staff_theme_count(conn).unwrap(), 0);
        conn.execute_batch(
            "INSERT INTO messages (id, blob) VALUES (1, 'a'), (2, 'b');
             INSERT INTO message_themes (message, theme, rule) VALUES
               (1, 'eau', 'eau-potable'), (1, 'ecole', 'staff'), (2, 'ecole', 'staff');",
        )
        .unwrap();
        assert_eq!(
            rule_themes(conn, 1).unwrap(),
            vec![RuleTheme {
                theme: "eau".into(),
                rule: "eau-potable".into()
            }]
        );
        assert_eq!(staff_theme_count(conn).unwrap(), 2);
    }
}
