//! The office's notes on a commune (issue 17): what a collaborateur wants on the visit sheet
//! before going to see the mayor — what to raise, who to see, what was promised. A case's notes
//! stay on the case; these belong to the commune (`commune_notes`, migration 0018).

use anyhow::{Context as _, Result};
use rusqlite::{Connection, params};

/// The longest note kept, in characters.
pub const MAX_CHARS: usize = 10_000;

/// A note on a commune.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommuneNote {
    /// Who wrote it.
    pub author: String,
    /// When (Unix seconds).
    pub at: i64,
    /// The text.
    pub text: String,
}

/// Why a note was not added.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Refusal {
    /// Empty once trimmed.
    #[error("empty note")]
    Empty,
    /// Longer than [`MAX_CHARS`].
    #[error("note longer than {MAX_CHARS} characters")]
    TooLong,
}

impl Refusal {
    /// The refusal in French, for the web.
    pub fn french(&self) -> String {
        match self {
            Refusal::Empty => "La note est vide.".into(),
            Refusal::TooLong => format!("La note dépasse {MAX_CHARS} caractères."),
        }
    }
}

/// Checks a note's text before taking the writer: trimmed, not empty, bounded.
pub fn check(text: &str) -> Result<String, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        Err(Refusal::Empty)
    } else if text.chars().count() > MAX_CHARS {
        Err(Refusal::TooLong)
    } else {
        Ok(text.to_string())
    }
}

/// Adds `author`'s note `text` (already [`check`]ed) on commune `code`, in one transaction;
/// visible to readers once it returns.
pub fn add(store: &mut crate::store::Store, code: &str, author: &str, text: &str) -> Result<()> {
    store
        .transaction(|tx| {
            tx.execute(
                "INSERT INTO commune_notes (commune, author, at, text) VALUES (?1, ?2, ?3, ?4)",
                params![code, author, crate::store::now(), text],
            )?;
            Ok(())
        })
        .context("cannot add the commune note")
}

/// The notes on commune `code`, newest first (at most 50). Reads only.
pub fn list(conn: &Connection, code: &str) -> Result<Vec<CommuneNote>> {
    Ok(conn
        .prepare_cached(
            "SELECT author, at, text FROM commune_notes WHERE commune = ?1 ORDER BY id DESC LIMIT 50",
        )?
        .query_map([code], |r| {
            Ok(CommuneNote {
                author: r.get(0)?,
                at: r.get(1)?,
                text: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
