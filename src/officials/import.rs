//! `officials import`: loads RNE files into `officials` and `mandates`, idempotently and keeping
//! history.
//!
//! Plan, per file (one transaction):
//! 1. read and normalise the rows (`rne.rs`); refused rows are reported with their line;
//! 2. when more than half of the rows were refused, stop: the file is in a layout the importer
//!    did not understand (an unknown code scheme, shifted columns), and importing the few rows
//!    that happened to parse would end the mandates of everyone else. Nothing is written;
//! 3. find or create each person by identity (folded surname, first name, birth date);
//! 4. find or create each mandate by (person, file kind, territory): a new one is "added", a
//!    changed function or start date is "updated", a mandate listed again after having ended is
//!    reopened;
//! 5. every current mandate of this kind, in the départements the file covers, that the file
//!    no longer lists gets today's date as end date ("ended"): it is not deleted, so exchanges
//!    with a former mayor stay attached to that person. A partial file (one département) only
//!    ends mandates in that département.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use anyhow::{Context as _, Result};
use rusqlite::{Transaction, params};
use serde::Serialize;

use super::rne::{self, Rejected, RneFile};
use crate::store::Store;
use crate::util::fold;

/// Result of importing one file.
#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    /// The file.
    pub file: String,
    /// Detected kind.
    pub kind: String,
    /// Detected encoding and separator.
    pub format: String,
    /// Rows read (accepted and refused).
    pub rows: u64,
    /// New mandates.
    pub added: u64,
    /// Mandates whose function or dates changed, or that were listed again.
    pub updated: u64,
    /// Mandates no longer listed: given an end date.
    pub ended: u64,
    /// Rows refused, with line numbers and reasons.
    pub rejected: Vec<(u64, String)>,
}

struct MandateRow {
    id: i64,
    fonction: String,
    start_date: String,
    function_start: String,
    end_date: String,
}

/// Why a file was not imported. The first two are about the file (the command reports them and
/// goes on with the next file); `Store` is about the data directory.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read or has no RNE header.
    #[error("{0:#}")]
    Unreadable(anyhow::Error),
    /// More than half of the rows were refused: a layout the importer did not understand.
    /// Nothing was written.
    #[error(
        "not understood: {rejected} of {rows} rows rejected, the first at line {}: {}; nothing imported",
        first.line,
        first.reason
    )]
    NotUnderstood {
        /// Rows read.
        rows: u64,
        /// Rows refused.
        rejected: u64,
        /// The first refused row.
        first: Rejected,
    },
    /// Writing to the store failed.
    #[error(transparent)]
    Store(#[from] anyhow::Error),
}

/// Imports one RNE file (see [`import_parsed`]).
pub fn import_file(
    store: &mut Store,
    path: &Path,
    today: &str,
) -> Result<ImportSummary, ImportError> {
    let file = rne::read(path).map_err(ImportError::Unreadable)?;
    import_parsed(store, &path.display().to_string(), &file, today)
}

/// Imports an already parsed file (`origin` names it in the summary), in one transaction:
/// visible to readers once this returns. Importing the same file again changes nothing. A file
/// most of whose rows were refused is not imported at all ([`ImportError::NotUnderstood`]).
pub fn import_parsed(
    store: &mut Store,
    origin: &str,
    file: &RneFile,
    today: &str,
) -> Result<ImportSummary, ImportError> {
    let kind = file.kind.code();
    let rows = (file.rows.len() + file.rejected.len()) as u64;
    let rejected = file.rejected.len() as u64;
    if rejected * 2 > rows
        && let Some(first) = file.rejected.iter().min_by_key(|r| r.line)
    {
        tracing::info!(file = %origin, kind, rows, rejected, first_line = first.line, reason = %first.reason, "file not understood: nothing imported");
        return Err(ImportError::NotUnderstood {
            rows,
            rejected,
            first: first.clone(),
        });
    }
    let mut summary = ImportSummary {
        file: origin.to_string(),
        kind: file.kind.label().to_string(),
        format: format!(
            "{}, separator {:?}",
            file.encoding,
            char::from(file.separator)
        ),
        rows,
        added: 0,
        updated: 0,
        ended: 0,
        rejected: file
            .rejected
            .iter()
            .map(|r| (r.line, r.reason.clone()))
            .collect(),
    };
    store.transaction(|tx| {
        tx.execute(
            "INSERT INTO official_imports (file, kind, imported_at, rows) VALUES (?1, ?2, ?3, ?4)",
            params![origin, kind, crate::store::now(), summary.rows as i64],
        )?;
        let import_id = tx.last_insert_rowid();
        let mut people = load_people(tx)?;
        let mut mandates = load_mandates(tx, kind)?;
        let mut departements: BTreeSet<String> = BTreeSet::new();
        let mut insert_person = tx.prepare_cached(
            "INSERT INTO officials (nom, prenom, sexe, birth_date, nom_key, prenom_key, identity, profession)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut insert_mandate = tx.prepare_cached(
            "INSERT INTO mandates (official, kind, territory, territory_name, departement, fonction, start_date, function_start, last_import)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let mut update_mandate = tx.prepare_cached(
            "UPDATE mandates SET fonction = ?2, start_date = ?3, function_start = ?4, end_date = '', territory_name = ?5, last_import = ?6 WHERE id = ?1",
        )?;
        let mut touch_mandate = tx.prepare_cached("UPDATE mandates SET last_import = ?2 WHERE id = ?1")?;
        let mut seen_in_file: BTreeSet<(i64, String)> = BTreeSet::new();
        for (line, row) in &file.rows {
            if !row.departement.is_empty() {
                departements.insert(row.departement.clone());
            }
            let (nom_key, prenom_key) = (fold(&row.nom), fold(&row.prenom));
            let key = format!("{nom_key}/{prenom_key}/{}", row.birth_date);
            let person = match people.get(&key) {
                Some(&id) => id,
                None => {
                    insert_person.execute(params![
                        row.nom,
                        row.prenom,
                        row.sexe,
                        row.birth_date,
                        nom_key,
                        prenom_key,
                        key,
                        row.profession
                    ])?;
                    let id = tx.last_insert_rowid();
                    people.insert(key, id);
                    id
                }
            };
            if !seen_in_file.insert((person, row.territory.clone())) {
                // The same person listed twice for one territory (a body and its bureau, say):
                // one mandate; keep the row that names a function.
                if !row.fonction.is_empty()
                    && let Some(m) = mandates.get(&(person, row.territory.clone())) {
                        tx.execute("UPDATE mandates SET fonction = ?2 WHERE id = ?1 AND fonction = ''", params![m.id, row.fonction])?;
                    }
                tracing::debug!(line, nom = %row.nom, territory = %row.territory, "duplicate row merged");
                continue;
            }
            match mandates.get(&(person, row.territory.clone())) {
                None => {
                    insert_mandate.execute(params![
                        person,
                        kind,
                        row.territory,
                        row.territory_name,
                        row.departement,
                        row.fonction,
                        row.start_date,
                        row.function_start,
                        import_id
                    ])?;
                    mandates.insert(
                        (person, row.territory.clone()),
                        MandateRow {
                            id: tx.last_insert_rowid(),
                            fonction: row.fonction.clone(),
                            start_date: row.start_date.clone(),
                            function_start: row.function_start.clone(),
                            end_date: String::new(),
                        },
                    );
                    summary.added += 1;
                }
                Some(m) => {
                    // A function held without a break (a mayor re-elected: the 2026 file says
                    // 2026, the 2020 file said 2020) keeps its first start, so that mail of
                    // the earlier years is still theirs; after a break it starts again.
                    let continuing = m.end_date.is_empty() && m.fonction == row.fonction;
                    let earliest = |kept: &str, new: &str| -> String {
                        if continuing && !kept.is_empty() && (new.is_empty() || kept < new) {
                            kept.to_string()
                        } else {
                            new.to_string()
                        }
                    };
                    let start = earliest(&m.start_date, &row.start_date);
                    let function_start = earliest(&m.function_start, &row.function_start);
                    if m.fonction != row.fonction || m.start_date != start || m.function_start != function_start || !m.end_date.is_empty() {
                        update_mandate.execute(params![m.id, row.fonction, start, function_start, row.territory_name, import_id])?;
                        summary.updated += 1;
                    } else {
                        touch_mandate.execute(params![m.id, import_id])?;
                    }
                }
            }
        }
        // Mandates of this kind, in the départements this file covers, that it no longer lists.
        let mut end = tx.prepare_cached(
            "UPDATE mandates SET end_date = ?1 WHERE kind = ?2 AND end_date = '' AND last_import != ?3 AND departement = ?4",
        )?;
        for dep in &departements {
            summary.ended += end.execute(params![today, kind, import_id, dep])? as u64;
        }
        if departements.is_empty() && !file.rows.is_empty() {
            summary.ended += tx.execute(
                "UPDATE mandates SET end_date = ?1 WHERE kind = ?2 AND end_date = '' AND last_import != ?3",
                params![today, kind, import_id],
            )? as u64;
        }
        tx.execute(
            "UPDATE official_imports SET added = ?2, updated = ?3, ended = ?4, rejected = ?5 WHERE id = ?1",
            params![import_id, summary.added as i64, summary.updated as i64, summary.ended as i64, summary.rejected.len() as i64],
        )?;
        Ok(())
    })
    .with_context(|| format!("cannot import {origin}"))?;
    summary.rejected.sort();
    Ok(summary)
}

fn load_people(tx: &Transaction<'_>) -> Result<HashMap<String, i64>> {
    let mut stmt = tx.prepare("SELECT identity, id FROM officials")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn load_mandates(tx: &Transaction<'_>, kind: &str) -> Result<HashMap<(i64, String), MandateRow>> {
    let mut stmt =
        tx.prepare("SELECT official, territory, id, fonction, start_date, function_start, end_date FROM mandates WHERE kind = ?1")?;
    let rows = stmt.query_map([kind], |r| {
        Ok((
            (r.get(0)?, r.get(1)?),
            MandateRow {
                id: r.get(2)?,
                fonction: r.get(3)?,
                start_date: r.get(4)?,
                function_start: r.get(5)?,
                end_date: r.get(6)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
