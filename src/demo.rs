//! `permanence demo`: builds a demo data directory from the mailbox bundled in the binary (the
//! hand-written French office fixtures plus the real-world CPython and mail-parser messages) and
//! prints a short tour. Running it again is harmless: everything is already known.

use include_dir::{Dir, include_dir};

use crate::source::Input;

static FIXTURES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/fixtures/mail");

/// Every bundled message as an input, in path order (`fixtures/mail/…`).
pub fn bundled_messages() -> Vec<Input> {
    let mut files = Vec::new();
    collect(&FIXTURES, &mut files);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
        .into_iter()
        .map(|(path, bytes)| Input {
            kind: "file",
            location: format!("fixtures/mail/{path}"),
            bytes: Ok(bytes),
        })
        .collect()
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
];

#[cfg(test)]
mod tests {
    use super::*;

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
                .all(|i| !i.location.ends_with(".md") && !i.location.ends_with(".json"))
        );
    }
}
