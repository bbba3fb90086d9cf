//! Regression tests for issue 13 (security hardening), input side: hostile header text never
//! reaches the terminal (escape sequences, forged lines, bidi overrides), sizes are capped, odd
//! Maildir entries are reported, and mbox files split only at real envelope lines.

use crate::util::*;

/// Control and bidi characters no terminal output may carry: ESC, BEL, CSI (C1), DEL, RLO.
const FORBIDDEN: [char; 5] = ['\x1b', '\x07', '\u{9b}', '\x7f', '\u{202e}'];

fn assert_terminal_safe(what: &str, out: &str) {
    for c in FORBIDDEN {
        assert!(
            !out.contains(c),
            "{what}: output carries {:?}:\n{}",
            c,
            out.escape_debug()
        );
    }
    assert!(
        !out.lines().any(|l| l.trim_start().starts_with("FORGED")),
        "{what}: a forged line:\n{out}"
    );
}

fn assert_clean_text(what: &str, text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
        "{what} keeps control characters: {:?}",
        text
    );
}

/// A personal message whose subject, sender name and body carry raw escape sequences (OSC 0
/// window title, clear screen, OSC 52 clipboard write, C1 CSI, RLO) and a newline that would
/// forge a line; part of it RFC 2047-encoded.
fn hostile_message() -> Vec<u8> {
    let mut raw = Vec::new();
    raw.extend_from_slice(
        b"From: \"Jean \x1b[2J\x1b]0;pwned\x07Dupont\" <jean.dupont@example.fr>\r\n",
    );
    raw.extend_from_slice(b"To: permanence@senateur-exemple.fr\r\n");
    raw.extend_from_slice(
        b"Subject: Demande de subvention \x1b]52;c;ZWNobyBwd25lZA==\x07 gymnase \xc2\x9b31m\r\n =?utf-8?q?=1B]0;titre=07_=0AFORGED_line_=E2=80=AE_fin?=\r\n",
    );
    raw.extend_from_slice(b"Date: Tue, 04 Mar 2025 11:00:00 +0100\r\n");
    raw.extend_from_slice(b"Message-ID: <hostile-1@example.fr>\r\n");
    raw.extend_from_slice(b"Content-Type: text/plain; charset=utf-8\r\n\r\n");
    raw.extend_from_slice(
        b"Monsieur le Senateur,\r\nla subvention du gymnase \x1b[31mrouge\x1b[0m attend.\r\n\x1b]52;c;cm0gLXJmIH4=\x07\r\nJean Dupont\r\n",
    );
    raw
}

#[test]
fn subject_escape_sequences_never_reach_terminal() {
    let env = TestEnv::new();
    env.init_isere();
    let path = env.path("hostile.eml");
    std::fs::write(&path, hostile_message()).unwrap();
    let out = env.ok(&["ingest", path.to_str().unwrap()]);
    assert!(out.starts_with("new: 1,"), "{out}");
    let exported = &env.export()[0];
    let subject = exported["subject"].as_str().unwrap();
    assert_clean_text("stored subject", subject);
    assert!(subject.contains("Demande de subvention"), "{subject}");
    assert!(
        subject.contains("FORGED line"),
        "the newline became a space: {subject}"
    );
    assert_clean_text(
        "stored sender name",
        exported["from"]["name"].as_str().unwrap(),
    );
    let id = exported["id"].to_string();

    let show = env.ok(&["show", &id]);
    assert_terminal_safe("show", &show);
    assert!(show.contains("Demande de subvention"), "{show}");
    assert!(show.contains("attend."), "body printed: {show}");
    assert_terminal_safe("search", &env.ok(&["search", "gymnase"]));
    let triage = env.ok(&["triage", "--since", "2000-01-01"]);
    assert_terminal_safe("triage", &triage);
    assert!(triage.contains("Demande de subvention"), "{triage}");
    let case = env.ok(&["case", "list"]);
    assert_terminal_safe("case list", &case);
    let case_id = case
        .split_whitespace()
        .next()
        .unwrap()
        .trim_start_matches('#')
        .to_string();
    let case_show = env.ok(&["case", "show", &case_id]);
    assert_terminal_safe("case show", &case_show);
    assert!(case_show.contains("Demande de subvention"), "{case_show}");
    assert_terminal_safe("explain", &env.ok(&["explain", &id]));
}

#[test]
fn stored_control_characters_are_escaped_on_output() {
    // Rows written before parse-time stripping (or text from other sources) still carry control
    // characters: every print point escapes them visibly.
    let env = TestEnv::new();
    env.init_isere();
    let path = env.path("m.eml");
    std::fs::write(
        &path,
        "From: a@x.fr\r\nSubject: ordinaire\r\nMessage-ID: <o@x.fr>\r\n\r\ntexte\r\n",
    )
    .unwrap();
    env.ok(&["ingest", path.to_str().unwrap()]);
    let db = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    db.execute(
        "UPDATE messages SET subject = 'avant\nFORGED \u{1b}]0;t\u{7}'",
        [],
    )
    .unwrap();
    db.execute("UPDATE cases SET title = 'titre \u{1b}[2J\nFORGED'", [])
        .unwrap();
    drop(db);
    let show = env.ok(&["show", "1"]);
    assert_terminal_safe("show", &show);
    assert!(show.contains(r"avant\nFORGED \x1b]0;t\x07"), "{show}");
    assert_terminal_safe("case list", &env.ok(&["case", "list"]));
    assert_terminal_safe("case show", &env.ok(&["case", "show", "1"]));
    assert_terminal_safe("triage", &env.ok(&["triage", "--since", "2000-01-01"]));
    assert_terminal_safe("explain", &env.ok(&["explain", "1"]));
}

#[test]
fn show_raw_escapes_on_a_terminal_and_pipes_exact_bytes() {
    let env = TestEnv::new();
    let path = env.path("hostile.eml");
    std::fs::write(&path, hostile_message()).unwrap();
    env.ok(&["ingest", path.to_str().unwrap()]);
    // Not a terminal: the exact bytes.
    assert_eq!(env.run(&["show", "--raw", "1"]).stdout, hostile_message());
    // On a terminal (a pseudo-terminal from util-linux `script`): escaped.
    let command = format!(
        "{} --data {} show --raw 1",
        env!("CARGO_BIN_EXE_permanence"),
        env.data().display()
    );
    let Ok(out) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("PERMANENCE_DATA")
        .stdin(std::process::Stdio::null())
        .output()
    else {
        eprintln!("no `script` command: terminal case not checked");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Demande de subvention"), "{text}");
    assert!(text.contains(r"\x1b]52;c;"), "{text}");
    assert_terminal_safe("show --raw on a terminal", &text);
}

#[test]
fn rfc2047_encoded_escape_in_sender_name_stripped() {
    let env = TestEnv::new();
    // "Jean \x1b]0;x\x07Dupont\u{202e}" base64-encoded in the From name; a Cc name with an
    // encoded newline; an attachment file name with ESC and a newline.
    let name = base64("Jean \x1b]0;x\x07Dupont\u{202e}".as_bytes());
    let raw = format!(
        "From: =?utf-8?b?{name}?= <jean@x.fr>\r\nTo: =?utf-8?q?Claire=0AFORGED=1B[2J?= <c@x.fr>\r\n\
Cc: =?utf-8?q?Paul=C2=9B_Martin?= <p@x.fr>\r\nReply-To: =?utf-8?q?R=1Bep?= <r@x.fr>\r\n\
Subject: nom piege\r\nMessage-ID: <n@x.fr>\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\ntexte\r\n--B\r\n\
Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"=?utf-8?q?plan=1B]0;t=07=0AFORGED.pdf?=\"\r\n\r\nxx\r\n--B--\r\n"
    );
    let path = env.path("n.eml");
    std::fs::write(&path, raw).unwrap();
    env.ok(&["ingest", path.to_str().unwrap()]);
    let m = &env.export()[0];
    let from = m["from"]["name"].as_str().unwrap();
    assert_clean_text("from name", from);
    assert!(
        from.starts_with("Jean ") && from.contains("Dupont"),
        "{from}"
    );
    assert_clean_text("to name", m["to"][0]["name"].as_str().unwrap());
    assert_eq!(m["to"][0]["name"], "Claire FORGED[2J");
    assert_clean_text("cc name", m["cc"][0]["name"].as_str().unwrap());
    let file = m["attachments"][0]["filename"].as_str().unwrap();
    assert_clean_text("attachment name", file);
    assert!(
        file.starts_with("plan") && file.ends_with("FORGED.pdf"),
        "{file}"
    );
    assert_terminal_safe("show", &env.ok(&["show", "1"]));
}

#[test]
fn file_name_with_newline_is_quoted_in_ingest_summary() {
    let env = TestEnv::new();
    let dir = env.path("in");
    std::fs::create_dir_all(&dir).unwrap();
    let evil = dir.join("vide\n  failed: FORGED \x1b]0;t\x07.eml");
    std::fs::write(&evil, b"").unwrap();
    let maildir = env.path("Maildir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    std::fs::write(maildir.join("cur").join("x\nFORGED\x1b[2J:2,S"), b"").unwrap();
    let out = env.ok(&[
        "ingest",
        "--maildir",
        maildir.to_str().unwrap(),
        evil.to_str().unwrap(),
    ]);
    assert_terminal_safe("ingest summary", &out);
    assert_eq!(
        out.lines().count(),
        3,
        "summary + one line per problem:\n{out}"
    );
    assert!(out.contains(r#"failed: FORGED \x1b]0;t\x07.eml""#), "{out}");
    assert!(out.contains(r#"x\nFORGED\x1b[2J:2,S""#), "{out}");
    // The JSON report keeps the exact name.
    let report = env.ingest(&[evil.to_str().unwrap()]);
    assert_eq!(report["problems"][0]["location"], evil.to_str().unwrap());
}

/// A message of about `mb` MB (a text body).
fn message_of(mb: usize, id: &str) -> Vec<u8> {
    let mut raw = format!("From: a@x.fr\r\nSubject: gros {id}\r\nMessage-ID: <{id}@x.fr>\r\n\r\n")
        .into_bytes();
    let line = b"une ligne de texte ordinaire pour remplir le message de la mairie\r\n";
    while raw.len() < mb << 20 {
        raw.extend_from_slice(line);
    }
    raw
}

#[test]
fn message_over_max_message_mb_refused_rest_stored() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.data()).unwrap();
    std::fs::write(
        env.data().join("permanence.toml"),
        "[ingest]\nmax_message_mb = 1\n",
    )
    .unwrap();
    let big = env.path("big.eml");
    std::fs::write(&big, message_of(2, "big-file")).unwrap();
    let small = env.path("small.eml");
    std::fs::write(&small, message_of(0, "small-file")).unwrap();
    // Exactly at the cap: stored byte for byte.
    let edge = env.path("edge.eml");
    let mut at_cap = message_of(0, "edge");
    at_cap.resize(1 << 20, b'x');
    std::fs::write(&edge, &at_cap).unwrap();
    let maildir = env.path("Maildir");
    make_maildir(&maildir, &[big.clone(), small.clone()]);
    let mbox = env.path("box.mbox");
    let mut text = Vec::new();
    for (i, m) in [
        message_of(0, "mbox-1"),
        message_of(3, "mbox-big"),
        message_of(0, "mbox-3"),
    ]
    .iter()
    .enumerate()
    {
        if i > 0 {
            text.extend_from_slice(b"\n");
        }
        text.extend_from_slice(b"From a@x.fr Mon Jan  1 00:00:00 2024\n");
        text.extend_from_slice(m);
    }
    std::fs::write(&mbox, text).unwrap();
    let out = env.ok(&[
        "ingest",
        "--maildir",
        maildir.to_str().unwrap(),
        "--mbox",
        mbox.to_str().unwrap(),
        big.to_str().unwrap(),
        edge.to_str().unwrap(),
    ]);
    // Stored: small (maildir), mbox-1, mbox-3, edge; refused: big (maildir), mbox#2, big.eml.
    assert!(
        out.starts_with("new: 4, already known: 0, failed: 3,"),
        "{out}"
    );
    assert!(
        out.contains("big.eml: refused: larger than ingest.max_message_mb (1 MB)"),
        "{out}"
    );
    assert!(
        out.contains("box.mbox#2: refused: larger than ingest.max_message_mb (1 MB)"),
        "{out}"
    );
    let ids: Vec<String> = env
        .export()
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    for id in ["small-file@x.fr", "mbox-1@x.fr", "mbox-3@x.fr", "edge@x.fr"] {
        assert!(ids.contains(&id.to_string()), "{id} stored: {ids:?}");
    }
    assert_eq!(
        env.run(&["show", "--raw", "<edge@x.fr>"]).stdout,
        at_cap,
        "a message at the cap is kept byte for byte"
    );
    // stdin: the same cap, a clear message, exit 0.
    let out = env.run_with_stdin(&["ingest", "-"], &message_of(2, "stdin-big"));
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("stdin: refused: larger than ingest.max_message_mb (1 MB)"),
        "{stdout}"
    );
    let stats: serde_json::Value = serde_json::from_str(&env.ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["ingest_errors"], 4, "refusals are recorded");
    assert_eq!(stats["raw_store_files"], 4);
}

#[test]
fn huge_subject_truncated_with_marker() {
    let env = TestEnv::new();
    let subject: String = "Demande tres longue ".repeat(100_000);
    let name: String = "Jean ".repeat(2_000);
    let mut raw = format!("From: \"{name}\" <jean@x.fr>\r\nSubject: ");
    // Folded, as a mail server would send it.
    for chunk in subject.as_bytes().chunks(900) {
        raw.push_str(std::str::from_utf8(chunk).unwrap());
        raw.push_str("\r\n ");
    }
    raw.push_str("\r\nMessage-ID: <long@x.fr>\r\n\r\nlettre\r\n");
    let path = env.path("long.eml");
    std::fs::write(&path, &raw).unwrap();
    env.ok(&["ingest", path.to_str().unwrap()]);
    let m = &env.export()[0];
    let subject = m["subject"].as_str().unwrap();
    assert!(subject.starts_with("Demande tres longue"));
    assert!(subject.ends_with('…'), "marker: {}", subject.len());
    assert!(
        subject.chars().count() <= 1001,
        "{}",
        subject.chars().count()
    );
    let from = m["from"]["name"].as_str().unwrap();
    assert!(from.ends_with('…'), "{from}");
    assert!(from.chars().count() <= 201, "{}", from.chars().count());
    assert!(env.ok(&["show", "1"]).len() < 20_000);
    assert_eq!(env.run(&["show", "--raw", "1"]).stdout, raw.as_bytes());
}

#[test]
fn huge_body_text_truncated_with_marker() {
    let env = TestEnv::new();
    let path = env.path("long.eml");
    let mut raw = b"From: a@x.fr\r\nSubject: rapport\r\nMessage-ID: <body@x.fr>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\ndebut du rapport\r\n".to_vec();
    while raw.len() < 12 << 20 {
        raw.extend_from_slice("la mairie détaille le budget de la commune\r\n".as_bytes());
    }
    raw.extend_from_slice(b"conclusionintrouvable\r\n");
    std::fs::write(&path, &raw).unwrap();
    let out = env.ok(&["ingest", path.to_str().unwrap()]);
    assert!(
        out.contains("decoded text longer than 2 MB"),
        "warning recorded: {out}"
    );
    let show = env.ok(&["show", "1"]);
    assert!(show.contains("debut du rapport"));
    assert!(show.contains("[texte tronqué]"), "marker shown");
    assert!(!show.contains("conclusionintrouvable"));
    assert!(show.len() < 3 << 20, "{}", show.len());
    assert_eq!(env.run(&["show", "--raw", "1"]).stdout, raw);
}

#[test]
fn maildir_symlink_and_fifo_reported() {
    let env = TestEnv::new();
    let maildir = env.path("Maildir");
    make_maildir(&maildir, &[]);
    let cur = maildir.join("cur");
    std::fs::write(
        cur.join("1:2,S"),
        "From: a@x.fr\r\nSubject: normal\r\n\r\ntexte\r\n",
    )
    .unwrap();
    // Outside the Maildir: a secret file and a directory.
    let secret = env.path("secret.eml");
    std::fs::write(
        &secret,
        "From: root@x.fr\r\nSubject: secret\r\n\r\nmot de passe\r\n",
    )
    .unwrap();
    let outside = env.path("outside");
    std::fs::create_dir_all(outside.join("cur")).unwrap();
    std::fs::write(
        outside.join("cur").join("9"),
        "From: b@x.fr\r\nSubject: dehors\r\n\r\ntexte\r\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&secret, cur.join("2-link:2,S")).unwrap();
    std::os::unix::fs::symlink(&outside, maildir.join(".Dehors")).unwrap();
    std::os::unix::fs::symlink(env.path("nowhere"), cur.join("3-dangling:2,S")).unwrap();
    let fifo = cur.join("4-fifo:2,S");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let _socket = std::os::unix::net::UnixListener::bind(cur.join("5-socket:2,S")).unwrap();

    let report = env.ingest(&["--maildir", maildir.to_str().unwrap()]);
    assert_eq!(report["counts"]["new"], 1, "{report}");
    let problems: Vec<(String, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["location"].as_str().unwrap().to_string(),
                p["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (name, why) in [
        ("2-link:2,S", "symbolic link"),
        (".Dehors", "symbolic link"),
        ("3-dangling:2,S", "symbolic link"),
        ("4-fifo:2,S", "FIFO"),
        ("5-socket:2,S", "socket"),
    ] {
        assert!(
            problems
                .iter()
                .any(|(l, r)| l.ends_with(name) && r.contains(why)),
            "{name} reported ({why}): {problems:?}"
        );
    }
    assert_eq!(env.search(&["secret"]).1, 0, "symlink not followed");
    assert_eq!(
        env.search(&["dehors"]).1,
        0,
        "symlinked folder not followed"
    );
    let stats: serde_json::Value = serde_json::from_str(&env.ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["last_ingest"]["counts"]["warnings"], 5, "{stats}");
}

/// 30 messages whose bodies hold unescaped `From ` lines (after blank lines too), as mboxo
/// writers leave them.
fn mbox_with_unescaped_from_lines() -> String {
    let mut text = String::new();
    for i in 0..30 {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&format!(
            "From sender{i}@mairie.fr Mon Jan  {} 10:00:0{} 2024\n",
            1 + i % 9,
            i % 10
        ));
        text.push_str(&format!(
            "From: sender{i}@mairie.fr\nSubject: lettre {i}\nMessage-ID: <l{i}@mairie.fr>\n\n\
Monsieur le Senateur,\n\nFrom the mayor's office, a question.\nFrom here on, the text goes on.\n\n\
From what we know of the budget (2024), the school must close.\n\nFrom:  the council\nFrom 12 to 14 June 2024 at 10:00 we meet.\n\nfin {i}\n"
        ));
    }
    text
}

#[test]
fn mbox_unescaped_from_lines_do_not_split() {
    let env = TestEnv::new();
    let path = env.path("box.mbox");
    std::fs::write(&path, mbox_with_unescaped_from_lines()).unwrap();
    let report = env.ingest(&["--mbox", path.to_str().unwrap()]);
    assert_eq!(report["counts"]["new"], 30, "{report}");
    assert_eq!(report["counts"]["failed"], 0, "{report}");
    for i in [0, 17, 29] {
        let raw = env
            .run(&["show", "--raw", &format!("<l{i}@mairie.fr>")])
            .stdout;
        let raw = String::from_utf8(raw).unwrap();
        assert!(raw.contains("\nFrom the mayor's office"), "{raw}");
        assert!(raw.ends_with(&format!("fin {i}\n")), "{raw}");
    }
}

#[test]
fn mbox_content_length_honoured() {
    let env = TestEnv::new();
    // The first body holds a line that looks exactly like an envelope line after a blank line;
    // Content-Length says where the message really ends. The second message's Content-Length
    // is wrong (the byte after it is no separator): the separator heuristics decide.
    let body1 = "Bonjour,\n\nFrom jean@x.fr Mon Jan  1 00:00:00 2024\nligne citee\n";
    let body2 = "second message\n";
    let text = format!(
        "From a@x.fr Mon Jan  1 00:00:00 2024\nFrom: a@x.fr\nSubject: un\nMessage-ID: <cl1@x.fr>\nContent-Length: {}\n\n{body1}\n\
From b@x.fr Tue Jan  2 00:00:00 2024\nFrom: b@x.fr\nSubject: deux\nMessage-ID: <cl2@x.fr>\nContent-Length: 3\n\n{body2}\n\
From c@x.fr Wed Jan  3 00:00:00 2024\nFrom: c@x.fr\nSubject: trois\nMessage-ID: <cl3@x.fr>\n\ntrois\n",
        body1.len()
    );
    let path = env.path("cl.mbox");
    std::fs::write(&path, text).unwrap();
    let report = env.ingest(&["--mbox", path.to_str().unwrap()]);
    assert_eq!(report["counts"]["new"], 3, "{report}");
    let raw = String::from_utf8(env.run(&["show", "--raw", "<cl1@x.fr>"]).stdout).unwrap();
    assert!(raw.ends_with(&format!("\n\n{body1}")), "{raw}");
    let raw = String::from_utf8(env.run(&["show", "--raw", "<cl2@x.fr>"]).stdout).unwrap();
    assert!(raw.ends_with("\n\nsecond message\n"), "{raw}");
}

#[test]
fn mbox_of_real_messages_round_trips_with_every_envelope_style() {
    // Every fixture message, written as mboxrd with the envelope lines qmail, mutt, Thunderbird,
    // Gmail Takeout and Python write: each comes back byte for byte.
    let env = TestEnv::new();
    let styles = [
        "From MAILER-DAEMON Fri Apr  6 16:46:09 2001",
        "From - Mon Jan  1 00:00:00 2024",
        "From jean.dupont@mairie-vif.fr  Sat Nov 26 21:40:36 2005",
        "From 1583931093463459221@xxx Tue Nov 05 14:33:11 +0000 2019",
        "From someone@example.com Wed Feb 14 09:05 2024",
        "From \"quoted name\"@example.com Thu Mar  7 10:00:00 CET 2024",
    ];
    let files: Vec<_> = fixture_messages("cpython")
        .into_iter()
        .chain(fixture_messages("office"))
        .collect();
    assert!(files.len() > 50);
    let mut text = Vec::new();
    let mut originals = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let bytes = std::fs::read(file).unwrap();
        // A message that already starts with an envelope line keeps it as its first line.
        if bytes.is_empty() || bytes.starts_with(b"From ") {
            continue;
        }
        let mut bytes = bytes;
        if !bytes.ends_with(b"\n") {
            bytes.push(b'\n');
        }
        text.extend_from_slice(styles[i % styles.len()].as_bytes());
        text.push(b'\n');
        for line in bytes.split_inclusive(|&b| b == b'\n') {
            let gt = line.iter().take_while(|&&b| b == b'>').count();
            if line[gt..].starts_with(b"From ") {
                text.push(b'>');
            }
            text.extend_from_slice(line);
        }
        text.push(b'\n');
        originals.push(bytes);
    }
    let path = env.path("real.mbox");
    std::fs::write(&path, &text).unwrap();
    let report = env.ingest(&["--mbox", path.to_str().unwrap()]);
    let stored =
        report["counts"]["new"].as_u64().unwrap() + report["counts"]["known"].as_u64().unwrap();
    assert_eq!(stored as usize, originals.len(), "{report}");
    use sha2::Digest as _;
    let hashes: std::collections::BTreeSet<String> = env
        .export()
        .iter()
        .map(|m| m["sha256"].as_str().unwrap().to_string())
        .collect();
    for (i, bytes) in originals.iter().enumerate() {
        let hash = hex::encode(sha2::Sha256::digest(bytes));
        assert!(hashes.contains(&hash), "message {i} not byte-identical");
    }
}

#[test]
fn mbox_content_length_cannot_split_mid_line() {
    // The sender controls Content-Length: pointed at a `From ` in the middle of a body line
    // (which mboxrd writers do not escape, since it is not at a line start), it must not split
    // the message there and turn the rest of the body into a forged message.
    let env = TestEnv::new();
    let forged = "From: prefet@interieur.gouv.fr\nSubject: forged\nMessage-ID: <forged@x.fr>\n\nforged body\n";
    let body = format!("Bonjour,\nxxxxFrom evil@x.fr Mon Jan  1 00:00:00 2024\n{forged}");
    let length = body.find("From evil").unwrap();
    let text = format!(
        "From a@x.fr Mon Jan  1 00:00:00 2024\nFrom: a@x.fr\nSubject: un\nMessage-ID: <real@x.fr>\nContent-Length: {length}\n\n{body}\n\
From b@x.fr Tue Jan  2 00:00:00 2024\nFrom: b@x.fr\nSubject: deux\nMessage-ID: <next@x.fr>\n\ndeux\n"
    );
    // The same trick with a carriage return before `From `: still not a line start.
    let body_cr = "Bonjour,\nxxxx\rFrom evil@x.fr Mon Jan  1 00:00:00 2024\nFrom: p@x.fr\nMessage-ID: <forged-cr@x.fr>\n\nforged\n";
    let length_cr = body_cr.find("From evil").unwrap();
    let text = format!(
        "{text}\nFrom c@x.fr Wed Jan  3 00:00:00 2024\nFrom: c@x.fr\nSubject: trois\nMessage-ID: <cr@x.fr>\nContent-Length: {length_cr}\n\n{body_cr}"
    );
    let path = env.path("forge.mbox");
    std::fs::write(&path, text).unwrap();
    let report = env.ingest(&["--mbox", path.to_str().unwrap()]);
    assert_eq!(report["counts"]["new"], 3, "{report}");
    let ids: Vec<String> = env
        .export()
        .iter()
        .map(|m| m["message_id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        !ids.iter().any(|id| id.starts_with("forged")),
        "a forged message was split off: {ids:?}"
    );
    let raw = String::from_utf8(env.run(&["show", "--raw", "<real@x.fr>"]).stdout).unwrap();
    assert!(raw.ends_with(&format!("\n\n{body}")), "{raw}");
    let raw = String::from_utf8(env.run(&["show", "--raw", "<cr@x.fr>"]).stdout).unwrap();
    assert!(raw.ends_with(&format!("\n\n{body_cr}")), "{raw}");
}
