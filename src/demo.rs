//! `permanence demo`: builds a demo data directory from what is bundled in the binary — the
//! officials directory (RNE excerpts, the office's address book), the hand-written French office
//! mailbox, the mail from officials, a year of office threads (`fixtures/cases`), and the
//! real-world CPython and mail-parser messages — and prints a short tour. The cases of those
//! public test corpora are filed in no case ([`archive_test_corpora`]), so that triage shows the office's
//! own mail, and the tour's [`figures`] are counted here. The demo office went live on
//! [`GO_LIVE`]: older mail is filed as history (`cases::go_live`). Running it again is harmless:
//! everything is already known.

pub mod invitations;

use anyhow::{Context as _, Result};
use include_dir::{Dir, include_dir};
use rusqlite::Connection;

use crate::cases::State;
use crate::context::Context;
use crate::source::Input;

static FIXTURES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/fixtures/mail");
static OFFICIALS_MAIL: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/fixtures/officials");
static RNE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/fixtures/rne");
static CASES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/fixtures/cases/messages");

/// RNE files the demo imports, oldest release first (the 2020 mayors, then the 2026 ones).
pub const DEMO_RNE: &[&str] = &[
    "elus-maires-2020-38.csv",
    "elus-maires-mai.csv",
    "elus-conseillers-municipaux-cm.32-44.csv",
    "elus-senateurs-sen.csv",
    "elus-deputes-dep.csv",
    "elus-conseillers-departementaux-cd.csv",
];

/// Address books the demo imports.
pub const DEMO_CONTACTS: &[&str] = &["contacts.csv", "contacts.vcf"];

/// The bytes of a bundled RNE file.
pub fn rne_file(name: &str) -> Option<&'static [u8]> {
    RNE.get_file(name).map(|f| f.contents())
}

/// The bytes of a bundled address book.
pub fn contacts_file(name: &str) -> Option<&'static [u8]> {
    OFFICIALS_MAIL.get_file(name).map(|f| f.contents())
}

/// Every bundled message as an input, in path order: the office mailbox and real-world
/// messages (`fixtures/mail/…`), then the mail from officials (`fixtures/officials/messages/…`).
pub fn bundled_messages() -> Vec<Input> {
    let mut inputs = Vec::new();
    for (root, prefix) in [
        (&FIXTURES, "fixtures/mail"),
        (&OFFICIALS_MAIL, "fixtures/officials"),
        (&CASES, "fixtures/cases/messages"),
    ] {
        let mut files = Vec::new();
        collect(root, &mut files);
        files.sort_by(|a, b| a.0.cmp(&b.0));
        inputs.extend(files.into_iter().map(|(path, bytes)| Input {
            kind: "file",
            location: format!("{prefix}/{path}"),
            bytes: Ok(bytes),
            outgoing: false,
        }));
    }
    inputs
}

fn collect(dir: &Dir<'_>, out: &mut Vec<(String, Vec<u8>)>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().into_owned();
        if is_message(&path) {
            out.push((path, file.contents().to_vec()));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

/// Messages are `.eml` files and CPython's `msg_*.txt`; SOURCE notes and licences are not.
fn is_message(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    path.ends_with(".eml") || (name.starts_with("msg_") && name.ends_with(".txt"))
}

/// The demo office's go-live date: its mail from before September 2026 (the 2024–2025 office
/// mailbox, most of the year's threads, the April motion) is history, so that the morning queue
/// holds the autumn's requests and the hunting-safety campaign, not two years of mail.
pub const GO_LIVE: &str = "2026-09-01";

/// Sets the demo directory's go-live date to `date` unless one is set already (running the
/// demo again changes nothing). Before its mail is filed. Returns the date in force.
pub fn set_go_live(
    ctx: &mut Context,
    date: chrono::NaiveDate,
) -> Result<crate::cases::go_live::GoLive> {
    use crate::cases::go_live;
    ctx.store.transaction(|tx| {
        if let Some(set) = go_live::get(tx)? {
            return Ok(set);
        }
        go_live::set(tx, date, "demo")?;
        go_live::get(tx)?.context("the go-live date was just set")
    })
}

/// Message sources that are public test corpora, not office mail.
pub const TEST_CORPORA: &[&str] = &["fixtures/mail/cpython/", "fixtures/mail/mail-parser/"];

/// Keeps the public test corpora ([`TEST_CORPORA`]: CPython, mail-parser) out of the office's
/// cases: their messages stay stored, parsed and searchable (they show the parser's
/// robustness), but they are filed in no case, so that no case list, triage or dashboard
/// counts them as requests (issue 17). The cases whose every message comes from those corpora
/// are removed with their history (`lifecycle::remove_empty_cases`). Returns how many (0 when
/// run again: their messages are known and never filed again).
pub fn archive_test_corpora(ctx: &mut Context) -> Result<u64> {
    let corpora = serde_json::to_string(TEST_CORPORA)?;
    let ids: Vec<i64> = ctx
        .store
        .conn()
        .prepare(
            "SELECT c.id FROM cases c
             WHERE EXISTS (SELECT 1 FROM message_cases mc WHERE mc.case_id = c.id)
               AND NOT EXISTS (SELECT 1 FROM message_cases mc JOIN message_sources s ON s.message = mc.message
                               WHERE mc.case_id = c.id
                                 AND NOT EXISTS (SELECT 1 FROM json_each(?1) WHERE s.location LIKE value || '%'))
             ORDER BY c.id",
        )?
        .query_map([corpora], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .context("cannot list the cases of the test corpora")?;
    let list = serde_json::to_string(&ids)?;
    ctx.store.transaction(|tx| {
        tx.execute(
            "DELETE FROM message_cases WHERE case_id IN (SELECT value FROM json_each(?1))",
            [&list],
        )?;
        crate::lifecycle::remove_empty_cases(tx, &ids)
    })
}

/// What the demo's tour says of the directory it built.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    /// People in the officials directory.
    pub officials: u64,
    /// Messages matched to an official.
    pub matched: u64,
    /// Cases to work: neither closed nor answered, not merged into another.
    pub open_cases: u64,
}

/// The tour's figures (see [`Figures`]). Reads only.
pub fn figures(conn: &Connection) -> Result<Figures> {
    let count = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> Result<u64> {
        let n: i64 = conn
            .query_row(sql, params, |r| r.get(0))
            .with_context(|| format!("cannot count ({sql})"))?;
        Ok(n as u64)
    };
    Ok(Figures {
        officials: count("SELECT count(*) FROM officials", &[])?,
        matched: count(
            "SELECT count(*) FROM message_officials WHERE official IS NOT NULL",
            &[],
        )?,
        open_cases: count(
            "SELECT count(*) FROM cases WHERE merged_into IS NULL AND state NOT IN (?1, ?2)",
            &[&State::Closed, &State::Answered],
        )?,
    })
}

/// Searches the tour suggests, with what each shows.
pub const TOUR_SEARCHES: &[(&str, &str)] = &[
    ("eglise", "accents and inflections: finds « l'Église »"),
    ("écoles", "finds « école », « écoles »"),
    ("subject:DETR", "a field"),
    ("\"maison de santé\"", "a phrase"),
    ("from:mairie-vif.fr", "everything from one town hall"),
    (
        "fibre OR 4G date:2025",
        "boolean operators and a date range",
    ),
    ("attachment:pdf", "messages with a PDF attached"),
    (
        "official:maire",
        "mail from mayors the directory recognised",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// On a new directory the tour counts nothing and there is nothing to archive.
    #[test]
    fn a_new_directory_has_no_figures_and_nothing_to_archive() {
        let dir = tempfile::tempdir().unwrap();
        let mut ctx = Context::open(dir.path()).unwrap();
        assert_eq!(figures(ctx.store.conn()).unwrap(), Figures::default());
        assert_eq!(archive_test_corpora(&mut ctx).unwrap(), 0);
    }

    #[test]
    fn bundle_has_the_office_mailbox_and_no_notes() {
        let inputs = bundled_messages();
        let office = inputs
            .iter()
            .filter(|i| i.location.starts_with("fixtures/mail/office/"))
            .count();
        assert!(office >= 40, "only {office} office fixtures");
        assert!(
            inputs
                .iter()
                .filter(|i| i.location.starts_with("fixtures/officials/messages/"))
                .count()
                >= 200
        );
        for name in DEMO_RNE {
            assert!(rne_file(name).is_some(), "{name} is bundled");
        }
        assert!(
            inputs
                .iter()
                .all(|i| !i.location.ends_with(".md") && !i.location.ends_with(".json"))
        );
    }
}
