//! Golden tests of the parse stage: every message under `fixtures/mail/` is parsed and compared
//! with `fixtures/golden/<same path>.json`. On a mismatch the actual output is written next to
//! the expectation as `.actual`; `UPDATE_FIXTURES=1 cargo test golden` rewrites expectations.
//! Each message is also parsed with its line endings flipped (LF <-> CRLF): the result must not
//! change.

use std::path::{Path, PathBuf};

use permanence::parse::{ParseOptions, ParsedMail, parse};
use serde_json::{Value, json};

use crate::util::{fixture_messages, fixtures};

/// The parse result as recorded: text with normalised line ends.
fn view(result: &Result<ParsedMail, permanence::parse::ParseError>, with_sizes: bool) -> Value {
    let mail = match result {
        Ok(mail) => mail,
        Err(err) => return json!({ "error": err.to_string() }),
    };
    let text = |s: &str| s.replace("\r\n", "\n").replace('\r', "\n");
    let mut v = serde_json::to_value(mail).expect("serialise");
    for key in ["body", "quoted", "forwarded", "subject"] {
        v[key] = Value::String(text(v[key].as_str().unwrap_or_default()));
    }
    if !with_sizes {
        for a in v["attachments"].as_array_mut().into_iter().flatten() {
            a["size"] = Value::Null;
        }
    }
    v
}

fn flip_line_endings(bytes: &[u8]) -> Vec<u8> {
    let has_crlf = bytes.windows(2).any(|w| w == b"\r\n");
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 20);
    if has_crlf {
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
                continue;
            }
            out.push(bytes[i]);
            i += 1;
        }
    } else {
        for &b in bytes {
            if b == b'\n' {
                out.push(b'\r');
            }
            out.push(b);
        }
    }
    out
}

fn golden_path(message: &Path) -> PathBuf {
    let rel = message
        .strip_prefix(fixtures().join("mail"))
        .expect("under fixtures/mail");
    fixtures()
        .join("golden")
        .join(format!("{}.json", rel.display()))
}

#[test]
fn every_fixture_matches_its_golden_parse() {
    let messages = fixture_messages("");
    assert!(
        messages.len() >= 190,
        "fixture folder unexpectedly small: {}",
        messages.len()
    );
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let options = ParseOptions::default();
    let mut failures = Vec::new();
    for message in &messages {
        let bytes = std::fs::read(message).expect("read fixture");
        let result = parse(&bytes, &options);
        let actual = view(&result, true);
        let expected_path = golden_path(message);
        let pretty = serde_json::to_string_pretty(&actual).expect("json") + "\n";
        if update {
            std::fs::create_dir_all(expected_path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&expected_path, &pretty).expect("write golden");
        } else {
            match std::fs::read_to_string(&expected_path) {
                Ok(expected)
                    if serde_json::from_str::<Value>(&expected).ok() == Some(actual.clone()) => {}
                Ok(_) => {
                    std::fs::write(expected_path.with_extension("actual"), &pretty)
                        .expect("write actual");
                    failures.push(format!("{}: differs (see .actual)", message.display()));
                }
                Err(_) => failures.push(format!(
                    "{}: no golden file {}",
                    message.display(),
                    expected_path.display()
                )),
            }
        }
        // Line endings must not change what is parsed (sizes of text attachments may).
        let flipped = parse(&flip_line_endings(&bytes), &options);
        let (a, b) = (view(&result, false), view(&flipped, false));
        // Binary bodies (UTF-16 text, raw binary parts) legitimately change when flipped.
        let binary = bytes.contains(&0);
        if a.get("error").is_none() && !binary && a != b {
            failures.push(format!(
                "{}: parse changes when line endings are flipped",
                message.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
