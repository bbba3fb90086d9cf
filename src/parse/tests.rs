//! Unit tests of the parse stage on small hand-made messages; the golden tests over the fixture
//! mailbox live in `tests/golden.rs`.

use super::*;

fn parse_str(raw: &str) -> ParsedMail {
    parse(raw.as_bytes(), &ParseOptions::default()).unwrap()
}

#[test]
fn empty_and_garbage_are_errors() {
    assert_eq!(parse(b"", &ParseOptions::default()), Err(ParseError::Empty));
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert_eq!(
        parse(&garbage, &ParseOptions::default()),
        Err(ParseError::NoHeaders)
    );
}

#[test]
fn latin1_body_without_charset_label_is_repaired() {
    let mut raw = b"From: a@b.fr\r\nSubject: test\r\nContent-Type: text/plain\r\n\r\n".to_vec();
    raw.extend_from_slice(b"L'\xe9glise de Vif et l'\xe9cole\r\n");
    let mail = parse(&raw, &ParseOptions::default()).unwrap();
    assert_eq!(mail.body, "L'église de Vif et l'école");
    assert_eq!(mail.warnings.len(), 1);
}

#[test]
fn raw_8bit_subject_is_read_as_windows_1252() {
    let mut raw = b"From: a@b.fr\r\nSubject: R\xe9union \x96 \x80 budget\r\n\r\nx\r\n".to_vec();
    raw.extend_from_slice(b"");
    let mail = parse(&raw, &ParseOptions::default()).unwrap();
    assert_eq!(mail.subject, "Réunion – € budget");
}

#[test]
fn headers_only_above_the_cap() {
    let raw = format!("From: a@b.fr\r\nSubject: big\r\n\r\n{}", "x".repeat(2000));
    let mail = parse(
        raw.as_bytes(),
        &ParseOptions {
            max_parse_bytes: 1000,
        },
    )
    .unwrap();
    assert!(mail.headers_only);
    assert_eq!(mail.subject, "big");
    assert!(mail.body.is_empty());
    assert!(
        mail.warnings[0].contains("max_parse_mb"),
        "{:?}",
        mail.warnings
    );
}

#[test]
fn ids_lose_their_brackets() {
    let mail = parse_str(
        "Message-ID: <abc@x>\r\nIn-Reply-To: <p@x>\r\nReferences: <o@x> <p@x>\r\nFrom: \"Dupont, Jean\" <Jean.Dupont@Mairie-Vif.FR>\r\n\r\nx",
    );
    assert_eq!(mail.message_id.as_deref(), Some("abc@x"));
    assert_eq!(mail.in_reply_to.as_deref(), Some("p@x"));
    assert_eq!(mail.references, vec!["o@x", "p@x"]);
    let from = mail.from.unwrap();
    assert_eq!(from.address, "jean.dupont@mairie-vif.fr");
    assert_eq!(from.name, "Dupont, Jean");
}

#[test]
fn forwarded_message_is_indexed_with_its_parent() {
    let raw = "From: a@b.fr\r\nSubject: TR: dossier\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n\
               --X\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoir ci-dessous.\r\n\
               --X\r\nContent-Type: message/rfc822\r\n\r\nFrom: Maire <maire@mairie-vif.fr>\r\nSubject: Fermeture de classe\r\n\r\nL'école ferme.\r\n\
               --X--\r\n";
    let mail = parse_str(raw);
    assert_eq!(mail.body, "Voir ci-dessous.");
    assert!(
        mail.forwarded.contains("Fermeture de classe"),
        "{:?}",
        mail.forwarded
    );
    assert!(mail.forwarded.contains("L'école ferme."));
    assert_eq!(mail.attachments.len(), 1);
    assert_eq!(mail.attachments[0].mime, "message/rfc822");
}

#[test]
fn deeply_nested_multiparts_do_not_crash() {
    let mut raw = String::from("From: a@b.fr\r\nSubject: nested\r\n");
    for depth in 0..200 {
        raw.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=b{depth}\r\n\r\n--b{depth}\r\n"
        ));
    }
    raw.push_str("Content-Type: text/plain\r\n\r\nau fond\r\n");
    for depth in (0..200).rev() {
        raw.push_str(&format!("--b{depth}--\r\n"));
    }
    let mail = parse_str(&raw);
    assert_eq!(mail.subject, "nested");
}

#[test]
fn header_repairs_unterminated_encoded_word_and_mojibake() {
    let mail = parse_str(
        "From: =?ISO-8859-1?Q?H=C3=A9l=C3=A8ne?= <h@x.fr>\r\nSubject: =?UTF-8?Q?un_=C3=A9lu_de_Saint-Martin-d'H=C3=A8res\r\n\r\nx",
    );
    assert_eq!(mail.subject, "un élu de Saint-Martin-d'Hères");
    assert_eq!(mail.from.unwrap().name, "Hélène");
    let plain = parse_str("From: a@x.fr\r\nSubject: Âge et État\r\n\r\nx");
    assert_eq!(plain.subject, "Âge et État", "real accented capitals stay");
}

#[test]
fn header_text_loses_control_characters_and_is_bounded() {
    let raw = format!(
        "From: =?utf-8?q?Jean=1B]0;t=07_=E2=80=AEDupont?= <J\x1bean@X.fr>\r\nTo: \"{}\" <c@x.fr>\r\n\
         Subject: =?utf-8?q?un=0Adeux=09trois=C2=9B?= {}\r\nMessage-ID: <a\x07b@x.fr>\r\n\r\nx\r\n",
        "n".repeat(300),
        "s".repeat(2000)
    );
    let mail = parse_str(&raw);
    let from = mail.from.unwrap();
    assert_eq!(from.name, "Jean]0;t Dupont");
    assert_eq!(from.address, "jean@x.fr");
    assert_eq!(mail.to[0].name.chars().count(), MAX_NAME_CHARS + 1);
    assert!(mail.to[0].name.ends_with('…'));
    assert!(
        mail.subject.starts_with("un deux trois "),
        "{}",
        mail.subject
    );
    assert_eq!(mail.subject.chars().count(), MAX_SUBJECT_CHARS + 1);
    assert_eq!(mail.message_id.as_deref(), Some("ab@x.fr"));
}

#[test]
fn decoded_text_is_bounded_across_body_and_forwarded_messages() {
    let body = "mot ".repeat(MAX_TEXT_BYTES / 8);
    let forwarded = "transfert ".repeat(MAX_TEXT_BYTES / 10);
    let raw = format!(
        "From: a@b.fr\r\nSubject: long\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n\
         Content-Type: text/plain\r\n\r\n{body}\r\n--B\r\nContent-Type: message/rfc822\r\n\r\n\
         From: c@d.fr\r\nSubject: fw\r\n\r\n{forwarded}\r\n--B--\r\n"
    );
    let mail = parse_str(&raw);
    assert!(!mail.body.contains(TRUNCATED_MARKER), "the body fits");
    assert!(mail.forwarded.ends_with(TRUNCATED_MARKER));
    let total = mail.body.len() + mail.quoted.len() + mail.forwarded.len();
    assert!(total <= MAX_TEXT_BYTES + 64, "{total}");
    assert!(
        mail.warnings
            .iter()
            .any(|w| w.contains("decoded text longer"))
    );
    assert_eq!(mail.attachments.len(), 1, "the forwarded message is listed");

    // An HTML body far longer than the cap: only a prefix is converted.
    let html = format!(
        "From: a@b.fr\r\nSubject: html\r\nContent-Type: text/html\r\n\r\n<p>{}</p>\r\n",
        "<b>x</b> ".repeat(MAX_TEXT_BYTES)
    );
    let mail = parse_str(&html);
    assert!(mail.body.ends_with(TRUNCATED_MARKER));
    assert!(mail.body.len() <= MAX_TEXT_BYTES + 64);
}
