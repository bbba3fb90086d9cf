//! Bad input never aborts a batch: each case is reported with its file name and reason, and
//! every message that was read is in the raw store.

use std::path::Path;

use crate::util::TestEnv;

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn big_attachment_message(mb: usize) -> Vec<u8> {
    let mut raw = b"From: Mairie de Vif <accueil@mairie-vif.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
Subject: Plans du gymnase\r\nMessage-ID: <big@mairie-vif.fr>\r\nDate: Tue, 04 Mar 2025 11:00:00 +0100\r\n\
MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"BIG\"\r\n\r\n--BIG\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\nVeuillez trouver les plans du gymnase intercommunal.\r\n--BIG\r\n\
Content-Type: application/pdf; name=\"plans-gymnase.pdf\"\r\nContent-Disposition: attachment; filename=\"plans-gymnase.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\n"
        .to_vec();
    // 57 bytes per 76-character base64 line.
    let line = b"JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29k\r\n";
    for _ in 0..(mb << 20) / 57 {
        raw.extend_from_slice(line);
    }
    raw.extend_from_slice(b"--BIG--\r\n");
    raw
}

#[test]
fn a_batch_of_bad_inputs_is_stored_reported_and_continues() {
    let env = TestEnv::new();
    let maildir = env.path("Maildir");
    let cur = maildir.join("cur");
    std::fs::create_dir_all(&cur).unwrap();
    std::fs::create_dir_all(maildir.join("new")).unwrap();
    std::fs::create_dir_all(maildir.join("tmp")).unwrap();
    // Non-message files a real Maildir holds next to cur/new: ignored.
    write(&maildir, "dovecot-uidlist", b"3 V1700000000 N5\n");
    write(&maildir, "dovecot.index.cache", &[0u8; 64]);
    write(&maildir, "subscriptions", b"INBOX\n");
    write(
        &maildir.join("tmp"),
        "inflight",
        b"Subject: in delivery\n\nnot yet\n",
    );
    // Bad inputs inside cur/.
    write(&cur, "01-empty:2,S", b"");
    let garbage: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
        .collect();
    write(&cur, "02-garbage:2,S", &garbage);
    write(&cur, "03-truncated:2,S", b"From: a@x.fr\r\nSubject: tronque\r\nContent-Type: multipart/mixed; boundary=\"T\"\r\n\r\n--T\r\nContent-Type: text/plain\r\n\r\nle debut de la lettre sur la voirie\r\n--T\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK");
    write(&cur, "04-big:2,S", &big_attachment_message(50));
    let mut nested = String::from("From: a@x.fr\r\nSubject: poupees russes\r\n");
    for d in 0..200 {
        nested.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=n{d}\r\n\r\n--n{d}\r\n"
        ));
    }
    nested.push_str("Content-Type: text/plain\r\n\r\nmatriochka\r\n");
    for d in (0..200).rev() {
        nested.push_str(&format!("--n{d}--\r\n"));
    }
    write(&cur, "05-nested:2,S", nested.as_bytes());
    write(&cur, "06-charset:2,S", b"From: a@x.fr\r\nSubject: charset inconnu\r\nContent-Type: text/plain; charset=x-mystere-8\r\n\r\nLa r\xe9union du conseil municipal\r\n");
    let long_header = format!(
        "From: a@x.fr\r\nSubject: long\r\nX-Long: {}\r\n\r\nentete immense\r\n",
        "a".repeat(100_000)
    );
    write(&cur, "07-longheader:2,S", long_header.as_bytes());
    write(
        &cur,
        "08-dup-a:2,S",
        b"Message-ID: <dup@x.fr>\r\nFrom: a@x.fr\r\nSubject: doublon\r\n\r\nversion A\r\n",
    );
    write(
        &cur,
        "09-dup-b:2,S",
        b"Message-ID: <dup@x.fr>\r\nFrom: a@x.fr\r\nSubject: doublon\r\n\r\nversion B\r\n",
    );
    write(&cur, ".DS_Store", b"\x00\x00\x00\x01Bud1\x00\x00");
    write(
        &cur,
        "10-good:2,S",
        b"From: a@x.fr\r\nSubject: tout va bien\r\n\r\nun message normal sur la cantine\r\n",
    );

    let out = env.run(&["ingest", "--maildir", maildir.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "bad input must not fail the run: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Summary: 10 stored (every non-empty file in cur/, .DS_Store included); the empty file failed
    // and two were stored but not parsed; the unknown charset gave a warning.
    assert!(
        stdout.starts_with("new: 10, already known: 0, failed: 3, warnings: 1"),
        "{stdout}"
    );
    assert!(stdout.contains("06-charset:2,S (stored as #"), "{stdout}");
    assert!(
        stdout.contains("01-empty:2,S: empty file (0 bytes)"),
        "{stdout}"
    );
    assert!(stdout.contains("02-garbage:2,S (stored as #"), "{stdout}");
    assert!(stdout.contains("no header found"), "{stdout}");
    assert!(stdout.contains(".DS_Store (stored as #"), "{stdout}");
    assert!(
        !stdout.contains("dovecot") && !stdout.contains("inflight"),
        "files outside cur/new are not messages: {stdout}"
    );

    // Every non-empty input is in the raw store, byte for byte.
    let messages = env.export();
    assert_eq!(messages.len(), 10);
    for entry in std::fs::read_dir(&cur).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if bytes.is_empty() {
            continue;
        }
        use sha2::Digest as _;
        let hash = hex::encode(sha2::Sha256::digest(&bytes));
        let m = messages
            .iter()
            .find(|m| m["sha256"] == hash.as_str())
            .unwrap_or_else(|| panic!("{} not stored", path.display()));
        let raw = env.run(&["show", "--raw", &m["id"].to_string()]).stdout;
        assert!(raw == bytes, "{} not byte-identical", path.display());
    }

    // The 50 MB attachment: stored, text indexed, attachment metadata recorded.
    let big = messages
        .iter()
        .find(|m| m["message_id"] == "big@mairie-vif.fr")
        .unwrap();
    assert_eq!(big["attachments"][0]["filename"], "plans-gymnase.pdf");
    assert_eq!(big["attachments"][0]["mime"], "application/pdf");
    assert!(big["attachments"][0]["size"].as_u64().unwrap() > 49 << 20);
    assert_eq!(
        env.search(&["gymnase"]).0,
        vec![big["id"].as_i64().unwrap()]
    );
    assert_eq!(
        env.search(&["attachment:plans"]).0,
        vec![big["id"].as_i64().unwrap()]
    );
    // The others are searchable too.
    assert_eq!(
        env.search(&["matriochka"]).1,
        1,
        "deepest part of the nested message"
    );
    assert_eq!(
        env.search(&["reunion"]).1,
        1,
        "unknown charset decoded as windows-1252"
    );
    assert_eq!(
        env.search(&["voirie"]).1,
        1,
        "truncated multipart keeps its text"
    );
    assert_eq!(env.search(&["entete immense"]).1, 1);
    assert_eq!(
        env.search(&["doublon"]).1,
        2,
        "both versions of a duplicated Message-ID"
    );
    assert_eq!(env.search(&["cantine"]).1, 1);

    // Failures are recorded in the database, not only printed.
    let stats: serde_json::Value = serde_json::from_str(&env.ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["ingest_errors"], 3);
    assert_eq!(stats["by_state"]["failed"], 2);
}

#[test]
fn size_caps_store_everything_and_warn() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.data()).unwrap();
    std::fs::write(
        env.data().join("permanence.toml"),
        "[ingest]\nmax_parse_mb = 10\n\n[index]\nmax_text_kb = 1\n",
    )
    .unwrap();
    let big = env.path("big.eml");
    std::fs::write(&big, big_attachment_message(12)).unwrap();
    let long = env.path("long.eml");
    let text = format!(
        "From: a@x.fr\r\nSubject: rapport\r\n\r\ndebut {} fin\r\n",
        "mot ".repeat(2000)
    );
    std::fs::write(&long, text).unwrap();
    let out = env.ok(&["ingest", big.to_str().unwrap(), long.to_str().unwrap()]);
    assert!(
        out.starts_with("new: 2, already known: 0, failed: 0, warnings: 2"),
        "{out}"
    );
    assert!(
        out.contains(
            "big.eml (stored as #1): message of 16 MB exceeds ingest.max_parse_mb (10 MB)"
        ),
        "{out}"
    );
    assert!(
        out.contains("long.eml (stored as #2): text longer than index.max_text_kb"),
        "{out}"
    );
    let big_row = &env.export()[0];
    assert_eq!(big_row["state"], "partial");
    assert_eq!(
        env.search(&["subject:gymnase"]).1,
        1,
        "headers of a capped message are indexed"
    );
    assert_eq!(env.search(&["debut"]).1, 1);
    assert_eq!(
        env.search(&["fin"]).1,
        0,
        "text past the cap is not indexed"
    );
    assert_eq!(
        env.run(&["show", "--raw", "1"]).stdout,
        std::fs::read(&big).unwrap()
    );
}

#[test]
fn a_missing_source_fails_the_run() {
    let env = TestEnv::new();
    let out = env.run(&["ingest", "--maildir", env.path("nope").to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    let out = env.run(&["ingest"]);
    assert!(!out.status.success());
}

#[test]
fn an_unreadable_file_is_reported_and_the_rest_stored() {
    let env = TestEnv::new();
    let good = env.path("good.eml");
    std::fs::write(&good, "From: a@x.fr\nSubject: ok\n\nbody\n").unwrap();
    let dir = env.path("a-directory");
    std::fs::create_dir_all(&dir).unwrap();
    let out = env.ok(&[
        "ingest",
        dir.to_str().unwrap(),
        env.path("missing.eml").to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert!(
        out.starts_with("new: 1, already known: 0, failed: 2"),
        "{out}"
    );
    assert!(
        out.contains("a-directory: cannot read: is a directory"),
        "{out}"
    );
    assert!(out.contains("missing.eml: cannot read"), "{out}");
}
