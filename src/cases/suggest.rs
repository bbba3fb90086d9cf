//! Merge targets for the « Fusionner dans… » picker: staff name the case to merge into by its
//! title (or number), never by an internal number typed blind. Without a query the picker
//! suggests the cases most likely to be the same request: the same correspondent's other live
//! cases, then cases with near-identical text (shared MinHash bands, as campaigns use), then
//! cases of the same commune; with a query, live cases whose title contains it (accents and case
//! aside), or the case of that number.

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;

use crate::ids::CaseId;

/// One merge target offered.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// The case.
    pub id: CaseId,
    /// Its title.
    pub title: String,
    /// Its state, in French.
    pub state: &'static str,
    /// Why it is offered, in French (« même expéditeur », « texte presque identique »,
    /// « même commune », « titre »).
    pub why: &'static str,
}

/// Live cases (not merged, not closed) to merge case `case` into: those matching `query` when
/// there is one, the likely ones otherwise; at most `limit`.
pub fn merge_targets(
    conn: &Connection,
    case: CaseId,
    query: &str,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    let query = query.trim().trim_start_matches('#').trim();
    let mut rows: Vec<(CaseId, String, super::State, &'static str)> = Vec::new();
    let mut push = |conn: &Connection,
                    sql: &str,
                    why: &'static str,
                    p: &[&dyn rusqlite::ToSql]|
     -> Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let found = stmt
            .query_map(p, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<(CaseId, String, super::State)>>>()?;
        for (id, title, state) in found {
            if id != case && !rows.iter().any(|r| r.0 == id) {
                rows.push((id, title, state, why));
            }
        }
        Ok(())
    };
    const LIVE: &str = "c.merged_into IS NULL AND c.state != 'closed'";
    if !query.is_empty() {
        if let Ok(n) = query.parse::<i64>() {
            push(
                conn,
                "SELECT c.id, c.title, c.state FROM cases c WHERE c.id = ?1 AND c.merged_into IS NULL",
                "numéro",
                &[&n],
            )?;
        }
        let folded = crate::util::fold(query);
        // Titles are folded in Rust: SQLite's lower() knows no accents. Newest first.
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT c.id, c.title, c.state FROM cases c WHERE {LIVE} ORDER BY c.last_at DESC, c.id DESC"
        ))?;
        let mut it = stmt.query([])?;
        while let Some(r) = it.next()? {
            if rows.len() >= limit {
                break;
            }
            let title: String = r.get(1)?;
            let id: CaseId = r.get(0)?;
            if id != case
                && crate::util::fold(&title).contains(&folded)
                && !rows.iter().any(|x| x.0 == id)
            {
                rows.push((id, title, r.get(2)?, "titre"));
            }
        }
    } else {
        push(
            conn,
            &format!(
                "SELECT c.id, c.title, c.state FROM cases c JOIN cases me ON me.id = ?1
                 WHERE {LIVE} AND me.correspondent != '' AND c.correspondent = me.correspondent
                 ORDER BY c.last_at DESC LIMIT 20"
            ),
            "même expéditeur",
            &[&case],
        )?;
        push(
            conn,
            &format!(
                "SELECT DISTINCT c.id, c.title, c.state FROM message_cases mine
                   JOIN message_bands_dated b1 ON b1.message = mine.message
                   JOIN message_bands_dated b2 ON b2.band = b1.band AND b2.message != b1.message
                   JOIN message_cases other ON other.message = b2.message
                   JOIN cases c ON c.id = other.case_id
                 WHERE mine.case_id = ?1 AND {LIVE} LIMIT 20"
            ),
            "texte presque identique",
            &[&case],
        )?;
        push(
            conn,
            &format!(
                "SELECT c.id, c.title, c.state FROM case_communes mine
                   JOIN case_communes other ON other.commune = mine.commune
                   JOIN cases c ON c.id = other.case_id
                 WHERE mine.case_id = ?1 AND {LIVE} ORDER BY c.last_at DESC LIMIT 20"
            ),
            "même commune",
            &[&case],
        )?;
    }
    rows.truncate(limit);
    Ok(rows
        .into_iter()
        .map(|(id, title, state, why)| Suggestion {
            id,
            title,
            state: state.french(),
            why,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> crate::store::Store {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        let store = crate::store::Store::open(&path).unwrap();
        std::mem::forget(dir);
        store
    }

    #[test]
    fn suggests_same_sender_then_commune_and_finds_titles_without_accents() {
        let store = store();
        let conn = store.conn();
        conn.execute_batch(
            "INSERT INTO cases (id, title, correspondent, state, last_at) VALUES
               (1, 'Subvention école', 'maire@vif.fr', 'proposed', 10),
               (2, 'Relance subvention', 'maire@vif.fr', 'open', 20),
               (3, 'Voirie', 'autre@eybens.fr', 'open', 30),
               (4, 'Clos', 'maire@vif.fr', 'closed', 40),
               (5, 'Éclairage public', 'x@y.fr', 'waiting', 50);
             INSERT INTO case_communes (case_id, commune) VALUES (1, '38545'), (3, '38545');",
        )
        .unwrap();
        let one = CaseId(1);
        let got = merge_targets(conn, one, "", 10).unwrap();
        let ids: Vec<(i64, &str)> = got.iter().map(|s| (s.id.get(), s.why)).collect();
        assert_eq!(ids, vec![(2, "même expéditeur"), (3, "même commune")]);
        let got = merge_targets(conn, one, "eclairage", 10).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].id.get(), 5);
        let got = merge_targets(conn, one, "#3", 10).unwrap();
        assert_eq!(got[0].id.get(), 3);
        assert_eq!(got[0].why, "numéro");
        // Never itself, never a closed case.
        assert!(merge_targets(conn, one, "clos", 10).unwrap().is_empty());
        assert!(
            merge_targets(conn, one, "subvention", 10)
                .unwrap()
                .iter()
                .all(|s| s.id != one)
        );
    }
}
