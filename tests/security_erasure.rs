//! Regression tests for issue 13 (security hardening): see the module doc of each test.
//!
//! Finding 3, « erasure leaves personal data behind »: `person erase` matched the address only
//! in the raw bytes, so mail naming it base64-, quoted-printable-, HTML-entity- or
//! RFC 2047-encoded stayed; a shared case kept her name in its title and subject key; notes
//! naming her survived in a case merged into hers and in an unrelated case; the ingest-problems
//! table kept her file path. These tests build real MIME inline, erase her, then look at what is
//! left after decoding (SQLite rows, tantivy stored documents, raw files parsed). Backups and
//! personal-data exports must be private (directories 0700, files 0600).

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

const OFFICE: &str = "permanence@senateur-exemple.fr";
const ADDRESS: &str = "zoe.quintard@exemple-unique.fr";
const NAME: &str = "Quintard-Vasseur";
const FULL_NAME: &str = "Zoé Quintard-Vasseur";
const PHONE: &str = "06 12 34 56 78";

/// A message with CRLF line endings: `headers` (each without its line end) then `body` as is.
fn eml(headers: &[String], body: &str) -> Vec<u8> {
    let mut out = String::new();
    for h in headers {
        out.push_str(h);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.push_str(body);
    out.into_bytes()
}

fn h(name: &str, value: &str) -> String {
    format!("{name}: {value}")
}

/// Standard headers: From, To, Message-ID, Date, Subject, MIME-Version.
fn headers(from: &str, id: &str, day: u32, subject: &str) -> Vec<String> {
    vec![
        h("From", from),
        h("To", OFFICE),
        h("Message-ID", &format!("<{id}>")),
        h("Date", &format!("{day:02} Mar 2026 10:00:00 +0100")),
        h("Subject", subject),
        h("MIME-Version", "1.0"),
    ]
}

/// Paul Martin's (a neighbour's) headers.
fn neighbour(id: &str, day: u32, subject: &str) -> Vec<String> {
    headers("Paul Martin <paul.martin@orange.fr>", id, day, subject)
}

/// Her own plain mail (found today too): gives her a case and a display name.
fn her_mail(id: &str, day: u32, subject: &str, extra: &[String]) -> Vec<u8> {
    let mut hs = headers(&format!("{FULL_NAME} <{ADDRESS}>"), id, day, subject);
    hs.extend_from_slice(extra);
    hs.push(h("Content-Type", "text/plain; charset=utf-8"));
    eml(
        &hs,
        &format!(
            "Madame la Sénatrice,\r\nla déchetterie fait du bruit la nuit.\r\nJoignable au {PHONE}.\r\n{FULL_NAME}\r\n"
        ),
    )
}

/// Her first request (z1@x.fr), which gives her a case.
fn her_first_mail() -> (&'static str, Vec<u8>) {
    (
        "her.eml",
        her_mail("z1@x.fr", 2, "Bruit de la déchetterie", &[]),
    )
}

/// Her letter as an RTF attachment (issue 19): her name and phone number only in the
/// attachment, base64-encoded, so the text extraction makes the only decoded copies.
fn attachment_mail() -> Vec<u8> {
    let rtf = format!(
        "{{\\rtf1\\ansi\\ansicpg1252 Lettre de Mme Zo\\'e9 {}, t\\'e9l. {PHONE}, au sujet de la d\\'e9chetterie.\\par}}",
        NAME.to_uppercase()
    );
    let mut hs = headers(&format!("<{ADDRESS}>"), "z9@x.fr", 7, "Pièce jointe");
    hs.push(h("Content-Type", "multipart/mixed; boundary=\"b\""));
    eml(
        &hs,
        &format!(
            "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoir le courrier joint.\r\n--b\r\nContent-Type: application/rtf; name=\"courrier.rtf\"\r\nContent-Disposition: attachment; filename=\"courrier.rtf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--b--\r\n",
            base64(rtf.as_bytes())
        ),
    )
}

/// A neighbour's mail whose text part names her address only base64-encoded.
fn base64_mail() -> Vec<u8> {
    let mut hs = neighbour("b64@o.fr", 6, "Pétition encodée base64");
    hs.push(h("Content-Type", "text/plain; charset=utf-8"));
    hs.push(h("Content-Transfer-Encoding", "base64"));
    let text = format!("Bonjour,\r\nma voisine ({ADDRESS}) vous a écrit pour la déchetterie.\r\n");
    let encoded = base64(text.as_bytes());
    let lines: Vec<&str> = encoded
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    eml(&hs, &(lines.join("\r\n") + "\r\n"))
}

/// A neighbour's mail whose quoted-printable text splits her address across soft line breaks
/// (`=\r\n`) and encodes its `@` (`=40`).
fn quoted_printable_mail() -> Vec<u8> {
    let mut hs = neighbour("qp@o.fr", 7, "Pétition encodée qp");
    hs.push(h("Content-Type", "text/plain; charset=utf-8"));
    hs.push(h("Content-Transfer-Encoding", "quoted-printable"));
    eml(
        &hs,
        "Ma voisine est joignable =C3=A0 l'adresse zoe.quin=\r\ntard=40exemple-uni=\r\nque.fr pour la d=C3=A9chetterie.\r\n",
    )
}

/// A neighbour's HTML-only mail naming her address with character references only.
fn html_entity_mail() -> Vec<u8> {
    let mut hs = neighbour("html@o.fr", 8, "Pétition encodée html");
    hs.push(h("Content-Type", "text/html; charset=utf-8"));
    eml(
        &hs,
        "<html><body><p>Ma voisine : zoe.quintard&#64;exemple-unique&#46;fr</p>\r\n\
         <p><a href=\"mailto:zoe.quintard&commat;exemple-unique.fr\">lui \u{e9}crire</a></p></body></html>\r\n",
    )
}

/// A neighbour's mail with her as Reply-To, the whole mailbox RFC 2047-encoded.
fn rfc2047_reply_to_mail() -> Vec<u8> {
    let mut hs = neighbour("rt@o.fr", 9, "Pétition encodée reply-to");
    let mailbox = format!("{FULL_NAME} <{ADDRESS}>");
    hs.push(h(
        "Reply-To",
        &format!("=?UTF-8?B?{}?=", base64(mailbox.as_bytes())),
    ));
    hs.push(h("Content-Type", "text/plain; charset=utf-8"));
    eml(&hs, "Merci de répondre directement à ma voisine.\r\n")
}

/// Unrelated mail, which must stay.
fn unrelated_mail() -> Vec<u8> {
    let mut hs = headers(
        "Jean Dupont <maire@mairie-vif.fr>",
        "v1@vif.fr",
        10,
        "Subvention école",
    );
    hs.push(h("Content-Type", "text/plain; charset=utf-8"));
    eml(
        &hs,
        "Madame la Sénatrice, demande de DETR pour l'école.\r\n",
    )
}

/// Writes each (file name, bytes) under the env's scratch directory and ingests them.
fn ingest(env: &TestEnv, mails: &[(&str, Vec<u8>)]) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for (name, bytes) in mails {
        let path = env.path(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    let args: Vec<&str> = paths.iter().map(|p| p.to_str().unwrap()).collect();
    env.ingest(&args);
    paths
}

fn export_ids(env: &TestEnv) -> BTreeSet<String> {
    env.export()
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_string())
        .collect()
}

fn case_of(env: &TestEnv, message_id: &str) -> String {
    env.export()
        .iter()
        .find(|m| m["message_id"] == message_id)
        .unwrap_or_else(|| panic!("{message_id} not stored"))["case_id"]
        .to_string()
}

/// `person export` lists the message `encoded` (by its subject), and `person erase` removes it:
/// `search ADDRESS` finds nothing, the unrelated mail stays.
fn assert_found_and_erased(encoded: Vec<u8>, encoded_id: &str) {
    let env = TestEnv::new();
    env.init_isere();
    ingest(
        &env,
        &[
            her_first_mail(),
            ("encoded.eml", encoded),
            ("other.eml", unrelated_mail()),
        ],
    );
    assert_eq!(export_ids(&env).len(), 3);
    let out = env.path("access");
    env.ok(&["person", "export", ADDRESS, "--out", out.to_str().unwrap()]);
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("person.json")).unwrap()).unwrap();
    let exported: Vec<i64> = index["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    let encoded_row = env
        .export()
        .into_iter()
        .find(|m| m["message_id"] == encoded_id)
        .unwrap();
    assert!(
        exported.contains(&encoded_row["id"].as_i64().unwrap()),
        "person export must list {encoded_id}: {exported:?}"
    );
    let erased = env.ok(&["person", "erase", ADDRESS, "--yes"]);
    assert!(erased.contains("erased: 2 messages"), "{erased}");
    assert_eq!(
        export_ids(&env),
        BTreeSet::from(["v1@vif.fr".to_string()]),
        "only the unrelated mail stays"
    );
    assert_eq!(env.search(&[ADDRESS]).1, 0, "search ADDRESS finds nothing");
    assert_eq!(env.search(&["voisine"]).1, 0);
    env.ok(&["verify"]);
}

#[test]
fn erasure_finds_base64_encoded_address() {
    assert_found_and_erased(base64_mail(), "b64@o.fr");
}

#[test]
fn erasure_finds_quoted_printable_split_address() {
    assert_found_and_erased(quoted_printable_mail(), "qp@o.fr");
}

#[test]
fn erasure_finds_html_entity_address() {
    assert_found_and_erased(html_entity_mail(), "html@o.fr");
}

#[test]
fn erasure_finds_rfc2047_reply_to() {
    assert_found_and_erased(rfc2047_reply_to_mail(), "rt@o.fr");
}

/// Paul's support, a reply to her mail (filed into her case by its In-Reply-To) that names
/// neither her address nor her name.
fn support_mail() -> Vec<u8> {
    let mut hs = neighbour("p1@o.fr", 4, "Soutien au dossier");
    hs.push(h("In-Reply-To", "<z1@x.fr>"));
    hs.push(h("Content-Type", "text/plain; charset=utf-8"));
    eml(&hs, "Je soutiens la demande de ma voisine.\r\n")
}

fn case_row(env: &TestEnv, case: &str) -> (String, String) {
    let db = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    db.query_row(
        "SELECT title, norm_subject FROM cases WHERE id = ?1",
        [case.parse::<i64>().unwrap()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn erasure_redacts_shared_case_title_and_subject_key() {
    let env = TestEnv::new();
    env.init_isere();
    let subject = format!("Nuisances — {FULL_NAME}, {PHONE}");
    ingest(
        &env,
        &[
            ("her.eml", her_mail("z1@x.fr", 2, &subject, &[])),
            ("paul.eml", support_mail()),
        ],
    );
    let case = case_of(&env, "z1@x.fr");
    assert_eq!(case_of(&env, "p1@o.fr"), case, "a shared case");
    let (title, key) = case_row(&env, &case);
    assert!(
        title.contains(NAME) && key.contains("quintard"),
        "{title} / {key}"
    );
    env.ok(&["person", "erase", ADDRESS, "--yes"]);
    assert_eq!(case_of(&env, "p1@o.fr"), case, "the shared case stays");
    let (title, key) = case_row(&env, &case);
    for text in [&title, &key] {
        let lower = text.to_lowercase();
        assert!(
            !lower.contains("quintard") && !lower.contains("zoe") && !lower.contains("zoé"),
            "name left in {text:?}"
        );
        assert!(
            !text.contains(PHONE) && !text.contains("0612345678"),
            "phone left in {text:?}"
        );
    }
    assert_eq!(
        (title.as_str(), key.as_str()),
        ("Soutien au dossier", "soutien au dossier"),
        "retitled from the mail left"
    );
}

#[test]
fn erasure_redacts_notes_in_merged_and_unrelated_cases() {
    let env = TestEnv::new();
    env.init_isere();
    let mut other = neighbour("p2@o.fr", 5, "Dépôts sauvages");
    other.push(h("Content-Type", "text/plain; charset=utf-8"));
    ingest(
        &env,
        &[
            her_first_mail(),
            ("paul.eml", support_mail()),
            (
                "paul2.eml",
                eml(&other, "Des dépôts sauvages près du stade.\r\n"),
            ),
            ("other.eml", unrelated_mail()),
        ],
    );
    let hers = case_of(&env, "z1@x.fr");
    let merged = case_of(&env, "p2@o.fr");
    let unrelated = case_of(&env, "v1@vif.fr");
    assert!(hers != merged && hers != unrelated && merged != unrelated);
    env.ok(&["case", "note", &merged, "Rappeler Mme", NAME, "au", PHONE]);
    env.ok(&["case", "merge", &merged, &hers]);
    env.ok(&[
        "case",
        "note",
        &unrelated,
        "Mme",
        FULL_NAME,
        "a appelé pour l'école,",
        PHONE,
    ]);
    env.ok(&["case", "note", &unrelated, "Dossier DETR complet"]);
    env.ok(&["case", "note", &hers, "Écrire à", ADDRESS]);
    // A note on a commune (the visit sheet) naming her.
    rusqlite::Connection::open(env.data().join("permanence.sqlite3"))
        .unwrap()
        .execute(
            "INSERT INTO commune_notes (commune, author, at, text) VALUES ('38545', 'sam', 1, ?1)",
            [format!(
                "Voir Mme {FULL_NAME} ({PHONE}) à la prochaine visite"
            )],
        )
        .unwrap();
    // The right of access lists it.
    let access = env.path("access");
    env.ok(&[
        "person",
        "export",
        ADDRESS,
        "--out",
        access.to_str().unwrap(),
    ]);
    let listed = std::fs::read_to_string(access.join("person.json")).unwrap();
    assert!(
        listed.contains("à la prochaine visite"),
        "commune note in person.json"
    );
    let out = env.ok(&["person", "erase", ADDRESS, "--yes"]);
    assert!(out.contains("erased: 1 messages"), "{out}");
    let db = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    let commune_note: String = db
        .query_row("SELECT text FROM commune_notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        commune_note,
        "Voir Mme [effacé] ([effacé]) à la prochaine visite"
    );
    let notes: Vec<String> = db
        .prepare("SELECT text FROM case_notes ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    // In her case and the one merged into it, the notes naming her go whole; in the unrelated
    // case (other people's data) only her name and phone number are blanked.
    assert_eq!(
        notes,
        [
            "Mme [effacé] a appelé pour l'école, [effacé]",
            "Dossier DETR complet"
        ],
        "notes naming her go in her cases, lose her mention elsewhere"
    );
    let history: Vec<(String, String, String)> = db
        .prepare("SELECT action, before, after FROM case_history ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (action, before, after) in &history {
        let text = format!("{before} {after}").to_lowercase();
        assert!(
            !text.contains("quintard") && !text.contains(PHONE) && !text.contains(ADDRESS),
            "{action}: {before} / {after}"
        );
    }
    assert_eq!(
        history
            .iter()
            .filter(|(a, _, after)| a == "note" && after == "[note effacée]")
            .count(),
        2,
        "the history copies of the two notes removed are redacted alike: {history:?}"
    );
    assert!(
        history
            .iter()
            .any(|(a, _, after)| a == "note" && after == &notes[0]),
        "the copy of the note kept is redacted like it: {history:?}"
    );
    // The unrelated case and the merged one stay, with what does not name her.
    assert!(
        env.ok(&["case", "show", &unrelated])
            .contains("Dossier DETR complet")
    );
    env.ok(&["case", "show", &merged]);
}

#[test]
fn erasure_cleans_ingest_problem_paths() {
    let env = TestEnv::new();
    env.init_isere();
    // Her mail with 8-bit text and no charset label: stored with a warning naming its file.
    let mut hs = headers(&format!("{FULL_NAME} <{ADDRESS}>"), "z1@x.fr", 2, "Bruit");
    hs.push(h("Content-Type", "text/plain"));
    let mut latin1 = eml(&hs, "");
    latin1.extend_from_slice(b"Le bruit de la d\xe9chetterie, la nuit.\r\n");
    // A maildir named after her (the run's source names it), and an empty scan of her letter:
    // named by her full name (a surname alone is not the person).
    let maildir = env.path(&format!("courrier {FULL_NAME}"));
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    let in_maildir = maildir.join("cur").join("1700000000.M1P1.test:2,S");
    std::fs::write(&in_maildir, &latin1).unwrap();
    let scan = env.path(&format!("scan {FULL_NAME}.eml"));
    std::fs::write(&scan, b"").unwrap();
    let other = env.path("other.eml");
    std::fs::write(&other, unrelated_mail()).unwrap();
    let report = env.ingest(&[
        "--maildir",
        maildir.to_str().unwrap(),
        scan.to_str().unwrap(),
        other.to_str().unwrap(),
    ]);
    assert_eq!(report["counts"]["warnings"], 1, "{report}");
    assert_eq!(report["counts"]["failed"], 1, "{report}");
    let db_path = env.data().join("permanence.sqlite3");
    let problems = |db: &rusqlite::Connection| -> Vec<String> {
        db.prepare("SELECT location || ' ' || reason FROM ingest_problems")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let db = rusqlite::Connection::open(&db_path).unwrap();
    assert_eq!(problems(&db).len(), 2, "{:?}", problems(&db));
    drop(db);
    env.ok(&["person", "erase", ADDRESS, "--yes"]);
    let db = rusqlite::Connection::open(&db_path).unwrap();
    // The problem of her message goes; the scan's (no message: whose it was is unknown) stays,
    // without her name.
    let left = problems(&db);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].contains("scan [effacé].eml"), "{left:?}");
    assert!(!left[0].to_lowercase().contains("quintard"), "{left:?}");
    let sources: Vec<String> = db
        .prepare("SELECT source FROM ingest_runs UNION ALL SELECT location FROM message_sources")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for s in &sources {
        assert!(!s.to_lowercase().contains("quintard"), "{sources:?}");
    }
    assert_eq!(export_ids(&env), BTreeSet::from(["v1@vif.fr".to_string()]));
}

/// Every text value of every row of every table of the SQLite file, as `table.column: value`.
fn sqlite_dump(path: &Path) -> Vec<String> {
    let db =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(tables.len() > 20, "{tables:?}");
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = db.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for (i, column) in columns.iter().enumerate() {
                let text = match row.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                    _ => continue,
                };
                out.push(format!("{table}.{column}: {text}"));
            }
        }
    }
    out
}

/// Every stored document of every segment of the index (deleted ones included), as JSON.
fn index_dump(dir: &Path) -> Vec<String> {
    let index = tantivy::Index::open_in_dir(dir).unwrap();
    let schema = index.schema();
    let mut out = Vec::new();
    for segment in index.searchable_segments().unwrap() {
        let reader = tantivy::SegmentReader::open(&segment).unwrap();
        let store = reader.get_store_reader(1).unwrap();
        for doc in store.iter::<tantivy::TantivyDocument>(None) {
            out.push(tantivy::Document::to_json(&doc.unwrap(), &schema));
        }
    }
    out
}

/// Every raw file left, decoded: each part's headers (names and addresses), text, HTML
/// (as text and as source), attachment names, nested messages.
fn raw_dump(raw: &Path) -> Vec<String> {
    fn walk(message: &mail_parser::Message<'_>, out: &mut String, depth: usize) {
        for part in &message.parts {
            for header in &part.headers {
                out.push_str(&format!("{:?}\n", header.value));
            }
            match &part.body {
                mail_parser::PartType::Text(t) => out.push_str(t),
                mail_parser::PartType::Html(t) => {
                    out.push_str(&mail_parser::decoders::html::html_to_text(t));
                    out.push_str(t);
                }
                mail_parser::PartType::Binary(b) | mail_parser::PartType::InlineBinary(b) => {
                    out.push_str(&String::from_utf8_lossy(b));
                }
                mail_parser::PartType::Message(m) if depth < 5 => walk(m, out, depth + 1),
                _ => {}
            }
            out.push('\n');
        }
    }
    let mut out = Vec::new();
    let mut dirs = vec![raw.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            // A pack file holds many messages, each after a 44-byte header (`PMR1`, its
            // SHA-256, its length as u64 LE): decode each of them.
            let mut messages: Vec<&[u8]> = Vec::new();
            if path.extension().is_some_and(|e| e == "pack") {
                let mut at = 0;
                while at + 44 <= bytes.len() {
                    assert_eq!(
                        &bytes[at..at + 4],
                        b"PMR1",
                        "{}: record at {at}",
                        path.display()
                    );
                    let len = u64::from_le_bytes(bytes[at + 36..at + 44].try_into().unwrap());
                    let end = (at + 44 + len as usize).min(bytes.len());
                    messages.push(&bytes[at + 44..end]);
                    at = end;
                }
            } else {
                messages.push(&bytes);
            }
            for message in messages {
                if let Some(message) = mail_parser::MessageParser::default().parse(message) {
                    walk(&message, &mut text, 0);
                }
            }
            out.push(format!("{}: {text}", path.display()));
        }
    }
    out
}

/// What still names her after decoding, in every store of the data directory.
fn decoded_leftovers(data: &Path) -> Vec<String> {
    let needles = [
        ADDRESS.to_string(),
        "quintard".to_string(),
        "vasseur".to_string(),
        PHONE.to_string(),
        PHONE.replace(' ', ""),
        PHONE.replace(' ', "."),
    ];
    let mut texts = sqlite_dump(&data.join("permanence.sqlite3"));
    texts.extend(index_dump(&data.join("index")));
    texts.extend(raw_dump(&data.join("raw")));
    texts
        .into_iter()
        .filter(|t| {
            let lower = t.to_lowercase();
            needles.iter().any(|n| lower.contains(n.as_str()))
        })
        .collect()
}

#[test]
fn erasure_scan_after_decoding_finds_nothing() {
    let env = TestEnv::new();
    env.init_isere();
    let subject = format!("Nuisances — {FULL_NAME}, {PHONE}");
    let mut other = neighbour("p2@o.fr", 5, "Dépôts sauvages");
    other.push(h("Content-Type", "text/plain; charset=utf-8"));
    ingest(
        &env,
        &[
            ("her.eml", her_mail("z1@x.fr", 2, &subject, &[])),
            ("paul.eml", support_mail()),
            (
                "paul2.eml",
                eml(&other, "Des dépôts sauvages près du stade.\r\n"),
            ),
            ("b64.eml", base64_mail()),
            ("qp.eml", quoted_printable_mail()),
            ("html.eml", html_entity_mail()),
            ("rt.eml", rfc2047_reply_to_mail()),
            ("other.eml", unrelated_mail()),
            ("pj.eml", attachment_mail()),
        ],
    );
    env.ok(&["extract"]);
    let hers = case_of(&env, "z1@x.fr");
    let merged = case_of(&env, "p2@o.fr");
    let unrelated = case_of(&env, "v1@vif.fr");
    env.ok(&["case", "note", &merged, "Rappeler Mme", NAME, "au", PHONE]);
    env.ok(&["case", "merge", &merged, &hers]);
    env.ok(&[
        "case",
        "note",
        &unrelated,
        "Mme",
        FULL_NAME,
        "a appelé,",
        PHONE,
    ]);
    env.ok(&["show", "z1@x.fr"]);
    env.search(&["déchetterie"]);
    env.search(&[ADDRESS]);
    let before = decoded_leftovers(&env.data());
    for table in [
        "messages.",
        "case_notes.",
        "cases.title",
        "access_log.",
        "attachment_text.text",
    ] {
        assert!(
            before.iter().any(|t| t.starts_with(table)),
            "the test would prove nothing: nothing in {table}"
        );
    }
    assert!(before.iter().any(|t| t.contains("\"body\"")), "index docs");
    assert!(
        before
            .iter()
            .any(|t| t.contains("\"attachment_text\"") && t.contains("QUINTARD")),
        "the attachment's text in the index"
    );

    env.ok(&["person", "erase", ADDRESS, "--yes"]);
    let left = decoded_leftovers(&env.data());
    assert!(
        left.is_empty(),
        "still naming her after decoding:\n{left:#?}"
    );
    assert_eq!(
        export_ids(&env),
        BTreeSet::from([
            "p1@o.fr".to_string(),
            "p2@o.fr".to_string(),
            "v1@vif.fr".to_string()
        ])
    );
    env.ok(&["verify"]);
}

/// Mode bits (permissions only) of `path`.
fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o7777
}

/// Asserts that every directory under `root` (itself included) is 0700 and every file 0600,
/// skipping the entries named in `skip`.
fn assert_private(root: &Path, skip: &[&str]) {
    assert_eq!(mode(root), 0o700, "{}", root.display());
    assert_private_inside(root, skip);
}

/// Asserts that every directory under `root` (not itself) is 0700 and every file 0600, skipping
/// the entries named in `skip`.
fn assert_private_inside(root: &Path, skip: &[&str]) {
    let mut dirs = vec![root.to_path_buf()];
    let mut files = 0;
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if skip.iter().any(|s| path.ends_with(s)) {
                continue;
            }
            if path.is_dir() {
                assert_eq!(mode(&path), 0o700, "{}", path.display());
                dirs.push(path);
            } else {
                assert_eq!(mode(&path), 0o600, "{}", path.display());
                files += 1;
            }
        }
    }
    assert!(files >= 3, "{} holds almost nothing", root.display());
}

#[test]
fn backup_and_export_are_private() {
    let env = TestEnv::new();
    env.init_isere();
    ingest(&env, &[her_first_mail(), ("other.eml", unrelated_mail())]);
    // Whatever the sources' modes (fs::copy keeps them): world-readable here.
    let mut dirs = vec![env.data()];
    while let Some(d) = dirs.pop() {
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            }
        }
    }
    let backup = env.path("backup");
    env.ok(&["backup", backup.to_str().unwrap()]);
    assert_private(&backup, &[]);
    // A second run into the same directory, made readable in between by its owner: the
    // directory keeps the mode they chose (it is theirs and not empty), what is written there
    // is private.
    std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.ok(&["backup", backup.to_str().unwrap()]);
    assert_eq!(mode(&backup), 0o755);
    assert_private_inside(&backup, &[]);

    let out = env.path("access");
    env.ok(&["person", "export", ADDRESS, "--out", out.to_str().unwrap()]);
    assert_private(&out, &[]);
    assert!(out.join("messages").is_dir());

    let restored = env.path("restored");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_permanence"))
        .arg("--data")
        .arg(&restored)
        .args(["restore", backup.to_str().unwrap()])
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    // The index is rebuilt by the command (its files follow the process umask, set elsewhere);
    // what restore copies is private.
    assert_private(
        &restored,
        &["index", "permanence.sqlite3-wal", "permanence.sqlite3-shm"],
    );
}

// ---- The erasure review: erasing one person must leave everyone else's data alone ----
//
// Findings: names were matched by substring and by their longest word alone (erasing « Jean
// Martin » hit « Saint-Martin-d'Hères », « Martinez », « Martinière »); every note of the
// database naming them was deleted and any case retitled; a text the patterns could not locate
// a mention in was wiped whole; names others wrote next to the address (« Mairie de Voiron »)
// counted as theirs; ingest problems went by location (every other input at « stdin »); a
// redacted source location could replace another row; an existing export directory was
// chmodded; the listing printed mail text unescaped.

const JEAN: &str = "jean.martin@exemple-unique.fr";
const JEAN_NAME: &str = "Jean Martin";

/// A plain UTF-8 message from `from`, with `extra` headers.
fn plain(from: &str, id: &str, day: u32, subject: &str, extra: &[String], body: &str) -> Vec<u8> {
    let mut hs = headers(from, id, day, subject);
    hs.extend_from_slice(extra);
    hs.push(h("Content-Type", "text/plain; charset=utf-8"));
    eml(&hs, body)
}

fn jean_mail() -> Vec<u8> {
    plain(
        &format!("{JEAN_NAME} <{JEAN}>"),
        "j1@x.fr",
        2,
        "Permis de construire",
        &[],
        "Bonjour, mon permis de construire est bloqué.\r\nJean Martin\r\n",
    )
}

/// The office's answer to Jean, where someone typed « Mairie de Voiron » as his display name.
fn answer_to_jean() -> Vec<u8> {
    let mut hs = vec![
        h("From", OFFICE),
        h("To", &format!("Mairie de Voiron <{JEAN}>")),
        h("Message-ID", "<r1@s.fr>"),
        h("In-Reply-To", "<j1@x.fr>"),
        h("Date", "03 Mar 2026 10:00:00 +0100"),
        h("Subject", "RE: Permis de construire"),
        h("MIME-Version", "1.0"),
    ];
    hs.push(h("Content-Type", "text/plain; charset=utf-8"));
    eml(&hs, "Monsieur, nous saisissons le service urbanisme.\r\n")
}

/// Another citizen, named alike, writing about a commune named alike.
fn marie_mail() -> Vec<u8> {
    plain(
        "Marie Martinez <marie.martinez@orange.fr>",
        "m1@o.fr",
        4,
        "Voirie à Saint-Martin-d'Hères",
        &[],
        "Bonjour, la rue de la Martinière à Saint-Martin-d'Hères est défoncée.\r\nMarie Martinez\r\n",
    )
}

fn db(env: &TestEnv) -> rusqlite::Connection {
    rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap()
}

fn strings(db: &rusqlite::Connection, sql: &str) -> Vec<String> {
    db.prepare(sql)
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn erasure_leaves_other_people_named_alike_untouched() {
    let env = TestEnv::new();
    env.init_isere();
    ingest(
        &env,
        &[
            ("jean.eml", jean_mail()),
            ("answer.eml", answer_to_jean()),
            ("marie.eml", marie_mail()),
            ("other.eml", unrelated_mail()),
            (
                "paul.eml",
                plain(
                    "Paul Durand <paul.durand@orange.fr>",
                    "p1@o.fr",
                    5,
                    "Voisinage de Jean Martin",
                    &[],
                    "Bonjour, mon voisin fait du bruit.\r\n",
                ),
            ),
        ],
    );
    let marie = case_of(&env, "m1@o.fr");
    let paul = case_of(&env, "p1@o.fr");
    let unrelated = case_of(&env, "v1@vif.fr");
    assert_ne!(marie, unrelated);
    let marie_notes = [
        "Mme Martinez rappellera : rue de la Martinière, Saint-Martin-d'Hères",
        "M. Martin, du service voirie, est prévenu",
        "Écrire à la Mairie de Voiron pour la voirie",
    ];
    for note in marie_notes {
        env.ok(&["case", "note", &marie, note]);
    }
    env.ok(&[
        "case",
        "note",
        &unrelated,
        "Le maire signale que Jean Martin (jean.martin@exemple-unique.fr) a déménagé à Voiron",
    ]);
    env.ok(&["case", "note", &unrelated, "MARTIN Jean a rappelé le maire"]);
    let (title_before, key_before) = case_row(&env, &marie);
    assert_eq!(title_before, "Voirie à Saint-Martin-d'Hères");

    let out = env.ok(&["person", "erase", JEAN, "--yes"]);
    assert!(out.contains("erased: 2 messages"), "{out}");

    assert_eq!(
        export_ids(&env),
        BTreeSet::from([
            "m1@o.fr".to_string(),
            "p1@o.fr".to_string(),
            "v1@vif.fr".to_string()
        ]),
        "only Jean's mail and the answer to him go"
    );
    assert_eq!(
        case_row(&env, &paul).0,
        "Voisinage de [effacé]",
        "another case's title loses his name only"
    );
    assert_eq!(
        case_row(&env, &marie),
        (title_before, key_before),
        "a case of someone else is not retitled"
    );
    let db = db(&env);
    let notes = |case: &str| {
        strings(
            &db,
            &format!("SELECT text FROM case_notes WHERE case_id = {case} ORDER BY id"),
        )
    };
    assert_eq!(notes(&marie), marie_notes, "Marie's notes are hers");
    assert_eq!(
        notes(&unrelated),
        [
            "Le maire signale que [effacé] ([effacé]) a déménagé à Voiron",
            "[effacé] a rappelé le maire"
        ],
        "another case's notes keep everything but his name"
    );
    let history = strings(
        &db,
        &format!(
            "SELECT after FROM case_history WHERE action = 'note' AND case_id = {unrelated} ORDER BY id"
        ),
    );
    assert_eq!(history, notes(&unrelated), "their history copies alike");
    let marie_history = strings(
        &db,
        &format!(
            "SELECT after FROM case_history WHERE action = 'note' AND case_id = {marie} ORDER BY id"
        ),
    );
    assert_eq!(marie_history, marie_notes);
    // Marie's message and what it was filed with are untouched.
    let reason: String = db
        .query_row(
            "SELECT mc.reason FROM message_cases mc JOIN messages m ON m.id = mc.message WHERE m.message_id = 'm1@o.fr'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!reason.contains("[effacé]"), "{reason}");
    assert_eq!(
        env.search(&["défoncée"]).1,
        1,
        "her message is still indexed"
    );
    env.ok(&["verify"]);
}

/// `bytes` ingested from standard input.
fn ingest_stdin(env: &TestEnv, bytes: &[u8]) {
    env.ok_with_stdin(&["ingest", "-"], bytes);
}

/// 8-bit text without a charset label: stored with a warning.
fn latin1(from: &str, id: &str, day: u32) -> Vec<u8> {
    let mut hs = headers(from, id, day, "Bruit");
    hs.push(h("Content-Type", "text/plain"));
    let mut bytes = eml(&hs, "");
    bytes.extend_from_slice(b"Le bruit de la d\xe9chetterie, la nuit.\r\n");
    bytes
}

#[test]
fn erasure_keeps_ingest_problems_of_other_inputs_at_the_same_location() {
    let env = TestEnv::new();
    env.init_isere();
    ingest_stdin(
        &env,
        &latin1(&format!("{JEAN_NAME} <{JEAN}>"), "j1@x.fr", 2),
    );
    ingest_stdin(
        &env,
        &latin1("Marie Martinez <marie.martinez@orange.fr>", "m1@o.fr", 3),
    );
    // An empty input on stdin too (a failure, with no message).
    env.run_with_stdin(&["ingest", "-"], b"");
    // An empty file named after him: the problem stays, his name leaves its location.
    let named = env.path("courrier Jean Martin.eml");
    std::fs::write(&named, b"").unwrap();
    env.ingest(&[named.to_str().unwrap()]);
    let db_path = env.data().join("permanence.sqlite3");
    let problems = || {
        let db = rusqlite::Connection::open(&db_path).unwrap();
        strings(
            &db,
            "SELECT location || ' | ' || coalesce((SELECT message_id FROM messages WHERE id = p.message), '-')
             FROM ingest_problems p ORDER BY id",
        )
    };
    let before = problems();
    assert_eq!(before.len(), 4, "{before:?}");
    assert_eq!(before[0], "stdin | j1@x.fr");

    env.ok(&["person", "erase", JEAN, "--yes"]);
    let left = problems();
    assert_eq!(left.len(), 3, "only his message's problem goes: {left:?}");
    assert_eq!(left[0], "stdin | m1@o.fr");
    assert_eq!(left[1], "stdin | -");
    assert!(left[2].ends_with("courrier [effacé].eml | -"), "{left:?}");
    assert_eq!(export_ids(&env), BTreeSet::from(["m1@o.fr".to_string()]));
}

#[test]
fn redacting_two_sources_of_another_message_to_the_same_text_keeps_both() {
    let env = TestEnv::new();
    env.init_isere();
    ingest(&env, &[("jean.eml", jean_mail())]);
    // Marie's message read from two folders named after him, written two ways.
    let mut paths = Vec::new();
    for folder in ["Jean Martin", "jean martin"] {
        let dir = env.path(folder);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("m.eml");
        std::fs::write(&path, marie_mail()).unwrap();
        paths.push(path.to_str().unwrap().to_string());
    }
    env.ingest(&[&paths[0]]);
    env.ingest(&[&paths[1]]);
    let sources = || {
        strings(
            &db(&env),
            "SELECT s.location FROM message_sources s JOIN messages m ON m.id = s.message
             WHERE m.message_id = 'm1@o.fr' ORDER BY s.id",
        )
    };
    assert_eq!(sources(), paths);
    env.ok(&["person", "erase", JEAN, "--yes"]);
    let left = sources();
    assert_eq!(left.len(), 2, "no source row of hers is lost: {left:?}");
    for s in &left {
        assert!(!s.to_lowercase().contains("martin"), "{left:?}");
        assert!(s.contains("[effacé"), "{left:?}");
    }
    env.ok(&["verify"]);
}

#[test]
fn export_into_an_existing_directory_keeps_its_mode() {
    let env = TestEnv::new();
    env.init_isere();
    ingest(&env, &[("jean.eml", jean_mail())]);
    let out = env.path("partage");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("LISEZMOI.txt"), b"dossier de l'equipe").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o750)).unwrap();
    env.ok(&["person", "export", JEAN, "--out", out.to_str().unwrap()]);
    assert_eq!(mode(&out), 0o750, "the user's directory keeps its mode");
    assert_eq!(mode(&out.join("person.json")), 0o600);
    assert_eq!(mode(&out.join("summary.txt")), 0o600);
    assert_eq!(
        mode(&out.join("messages")),
        0o700,
        "what we create is private"
    );
    // A directory we create is private.
    let fresh = env.path("nouveau/export");
    env.ok(&["person", "export", JEAN, "--out", fresh.to_str().unwrap()]);
    assert_private(&fresh, &[]);
}

#[test]
fn erase_listing_escapes_mail_text() {
    let env = TestEnv::new();
    env.init_isere();
    ingest(&env, &[("jean.eml", jean_mail())]);
    // Control characters are removed at parse time; a row written otherwise (an older version,
    // a restored database) must still not reach the terminal raw.
    db(&env)
        .execute(
            "UPDATE messages SET subject = 'Permis\u{1b}]0;pwned\u{7}\u{1b}[2J'",
            [],
        )
        .unwrap();
    let out = env.ok(&["person", "erase", JEAN, "--dry-run"]);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("Permis\\x1b]0;pwned"), "{out}");
}
