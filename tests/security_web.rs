//! Regression tests for issue 13 (security hardening), the findings about the web server, the
//! search grammar, the data directory's permissions, accounts and logins. Each test is named
//! after the finding it reproduces (`finding_N_…`, N as numbered in the issue) and failed on the
//! code before the fix: a search of 100,000 nested parentheses aborted `serve` (and the CLI), a
//! mail of 200,000 nested `<div>` held the lock every login needs for minutes, files were
//! created world-readable, five wrong passwords from anywhere locked an account, `alice` and
//! `Alice` were two accounts, cases could be assigned to any string, a half-sent request was
//! never timed out and any `Host` was answered.

use std::io::{Read as _, Write as _};
use std::os::unix::fs::PermissionsExt as _;
use std::time::{Duration, Instant};

use crate::util::*;
use crate::web::{Client, Office, PW, ingest};

/// `/search?q=…` with `q` percent-encoded.
fn search_path(q: &str) -> String {
    let mut out = String::from("/search?q=");
    for b in q.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The server still serves pages and logins.
fn assert_alive(office: &Office) {
    let mut anne = office.logged_in("anne");
    assert_eq!(
        anne.get("/").status,
        200,
        "the server answers after the attack"
    );
}

/// Sends `GET path` on a raw connection (no client-side URI limit), with `cookie`, and returns
/// the status code, or an error when the connection closes without a response.
fn raw_get(base: &str, path: &str, cookie: &str) -> Result<u16, String> {
    let address = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    let head = String::from_utf8_lossy(&reply[..reply.len().min(64)]).into_owned();
    head.split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("no HTTP response ({} bytes): {head:?}", reply.len()))
}

#[test]
fn finding_1_nested_parentheses_search_is_a_400_in_french_and_serve_survives() {
    let office = Office::new();
    let mut rita = office.logged_in("rita");
    let session = format!(
        "permanence_session={}",
        rita.cookie("permanence_session").expect("session")
    );
    // 100,000 levels: longer than any URI the HTTP layer takes (414), but never an abort.
    for q in [
        format!("{}eau{}", "(".repeat(100_000), ")".repeat(100_000)),
        format!("{}eau", "NOT+".repeat(30_000)),
    ] {
        let status = raw_get(&office.server.base, &format!("/search?q={q}"), &session)
            .unwrap_or_else(|e| panic!("the server died on a {}-byte query: {e}", q.len()));
        assert!(matches!(status, 400 | 414), "status {status}");
        assert_alive(&office);
    }
    // Within the URI limit the query reaches the search: refused with a French 400.
    for q in [
        format!("{}eau{}", "(".repeat(10_000), ")".repeat(10_000)),
        format!("{}eau", "NOT+".repeat(10_000)),
    ] {
        let status = raw_get(&office.server.base, &format!("/search?q={q}"), &session)
            .unwrap_or_else(|e| panic!("the server died on a {}-byte query: {e}", q.len()));
        assert_eq!(status, 400);
    }
    for q in [
        format!("{}eau{}", "(".repeat(3_000), ")".repeat(3_000)),
        format!("{}eau", "NOT ".repeat(1_000)),
        format!("{}eau{}", "(".repeat(17), ")".repeat(17)),
    ] {
        let reply = rita
            .try_send(&search_path(&q), &[], None)
            .unwrap_or_else(|e| panic!("the server died on a {}-byte query: {}", q.len(), e.len()));
        assert_eq!(reply.status, 400, "{} bytes", q.len());
        let text = reply.text();
        assert!(text.contains("Recherche"), "a French message");
        assert!(
            text.len() < 64 * 1024,
            "the refused query is not echoed in full ({} bytes)",
            text.len()
        );
    }
    // Sixteen levels are a legitimate query.
    let ok = format!("{}pont{}", "(".repeat(16), ")".repeat(16));
    assert_eq!(rita.get(&search_path(&ok)).status, 200);
    assert_alive(&office);
}

#[test]
fn finding_1_field_star_is_a_400_not_a_500() {
    let office = Office::new();
    let mut rita = office.logged_in("rita");
    for q in ["body:*", "subject:*", "from:*"] {
        let reply = rita.get(&search_path(q));
        assert_eq!(reply.status, 400, "{q}: {}", reply.text());
        assert!(reply.text().contains("ne peut pas être cherché"), "{q}");
    }
    // A page number past the bound is a 400 too, with the page's form still there.
    let reply = rita.get("/search?q=pont&page=99999999999");
    assert_eq!(reply.status, 400, "{}", reply.text());
    assert!(reply.text().contains("hors limites"), "{}", reply.text());
}

#[test]
fn finding_1_cli_deep_queries_fail_cleanly() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    ingest(
        &env,
        "m.eml",
        &crate::web::mail(
            "x@mairie-vif.fr",
            "Eau potable",
            "La station d'eau potable.",
        ),
    );
    // 100,000 levels (one argument stays under the kernel's 128 kB limit), NOT × 30,000.
    for q in [
        format!("{}eau", "(".repeat(100_000)),
        format!("{}eau", "NOT ".repeat(30_000)),
        format!("{}eau{}", "(".repeat(20_000), ")".repeat(20_000)),
    ] {
        let out = env.run(&["search", &q]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "a clear error, not an abort: {:?} {stderr}",
            out.status
        );
        assert!(stderr.contains("invalid query"), "{stderr}");
    }
    // A huge limit is clamped, not an allocation failure.
    let out = env.ok(&["search", "eau", "--limit", "1000000000000", "--json"]);
    assert!(out.contains("Eau potable"), "{out}");
    let out = env.run(&["search", "eau", "--offset", "1000000000000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("offset"));
    let out = env.run(&["search", "body:*"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be searched"));
}

/// A 2 MB mail of 200,000 nested `<div>`: its page shows the text with a notice, quickly, and
/// while it is being opened another user logs in within a second.
#[test]
fn finding_2_deep_div_mail_neither_freezes_the_page_nor_blocks_logins() {
    let office = Office::new();
    let html = format!(
        "<html><body>{}Texte de la pétition sur le pont.{}</body></html>",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    let mail = format!(
        "From: Inconnu <x@exemple.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
         Message-ID: <deep-divs@exemple.fr>\r\nDate: 03 Mar 2026 10:00:00 +0100\r\n\
         Subject: Imbrication\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n"
    );
    assert!(mail.len() > 2_000_000);
    ingest(&office.env, "deep.eml", &mail);
    let id = office.env.search(&["msgid:deep-divs@exemple.fr"]).0[0];
    let server = &office.server;
    std::thread::scope(|s| {
        let opener = s.spawn(|| {
            let mut sam = Client::logged_in(server, "sam");
            let started = Instant::now();
            let reply = sam.get(&format!("/message/{id}"));
            (reply, started.elapsed())
        });
        // Let the page request start, then log in as someone else.
        std::thread::sleep(Duration::from_millis(100));
        let started = Instant::now();
        let mut anne = Client::new(server);
        let reply = anne.login("anne", PW);
        let login = started.elapsed();
        assert_eq!(reply.status, 303, "{}", reply.text());
        assert!(
            login < Duration::from_secs(1),
            "a login took {login:?} while the hostile mail was opened"
        );
        let (page, took) = opener.join().expect("opener");
        assert_eq!(page.status, 200, "{}", page.text());
        assert!(
            page.text().contains("Mise en forme non affichée"),
            "the page says why the HTML is not shown"
        );
        assert!(
            page.text().contains("pétition sur le pont"),
            "the text is shown"
        );
        assert!(took < Duration::from_secs(10), "the page took {took:?}");
    });
    // Opened again (now from the cache) and as part of its case.
    let mut sam = office.logged_in("sam");
    let started = Instant::now();
    assert_eq!(sam.get(&format!("/message/{id}")).status, 200);
    assert!(started.elapsed() < Duration::from_secs(5));
    let case = office
        .env
        .export()
        .into_iter()
        .find(|m| m["id"] == id)
        .expect("exported")["case_id"]
        .as_i64()
        .expect("a citizen's message is filed into a case");
    let reply = sam.get(&format!("/case/{case}"));
    assert_eq!(reply.status, 200);
    assert!(reply.text().contains("Mise en forme non affichée"));
}

/// A data directory holding one message.
fn data_with_one_mail() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["init"]);
    ingest(
        &env,
        "m.eml",
        &crate::web::mail("p@mairie-vif.fr", "Courrier privé", "Données personnelles."),
    );
    env
}

/// Every file the binary creates is private to its user, whatever the caller's umask.
#[test]
fn finding_4_data_directory_and_its_files_are_private() {
    let env = data_with_one_mail();
    env.add_user("anne", "admin", PW);
    let mut loose = Vec::new();
    let mut pending = vec![env.data()];
    let mut files = 0;
    while let Some(path) = pending.pop() {
        let meta = std::fs::symlink_metadata(&path).expect("metadata");
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            loose.push(format!("{} {mode:o}", path.display()));
        }
        if meta.is_dir() {
            pending.extend(
                std::fs::read_dir(&path)
                    .expect("read_dir")
                    .map(|e| e.expect("entry").path()),
            );
        } else {
            files += 1;
        }
    }
    assert!(
        files > 10,
        "the data directory has its database, raw files, index"
    );
    assert!(loose.is_empty(), "readable by others: {loose:#?}");
}

/// `verify` names what the group or others may read, and says how to fix it.
#[test]
fn finding_4_verify_warns_about_loose_permissions() {
    let env = data_with_one_mail();
    let out = env.run(&["verify"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("readable by others:         0"));
    let db = env.data().join("permanence.sqlite3");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = env.run(&["verify"]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        out.status.success(),
        "a warning, not a failure: {stdout}{stderr}"
    );
    // SQLite gives its WAL and shared-memory files the database file's mode: three files.
    assert!(
        !stdout.contains("readable by others:         0")
            && stdout.contains("0644")
            && stdout.contains("permanence.sqlite3"),
        "verify names the loose file: {stdout}"
    );
    assert!(stderr.contains("chmod -R go-rwx"), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["verify", "--json"])).expect("verify JSON");
    assert!(
        json["report"]["loose_permissions"].as_u64() >= Some(1),
        "{json}"
    );
}

/// Five wrong passwords from an attacker's address do not keep the account's owner out, and
/// further guesses wait longer and longer instead of a fixed lock.
#[test]
fn finding_6_login_throttle_is_per_name_and_address_with_growing_delays() {
    let office = Office::with_config(|text| {
        text.replace("trust_forwarded_for = false", "trust_forwarded_for = true")
    });
    let attacker_ip = [("x-forwarded-for", "203.0.113.7")];
    let mut attacker = office.client();
    for i in 0..5 {
        let reply = attacker.login_with("sam", &format!("essai-{i}-faux"), "/", &attacker_ip);
        assert_eq!(reply.status, 401, "attempt {i}");
    }
    let reply = attacker.login_with("sam", "encore-un-essai", "/", &attacker_ip);
    assert_eq!(reply.status, 429, "{}", reply.text());
    assert!(
        reply.text().contains("seconde"),
        "a short delay first: {}",
        reply.text()
    );
    // The owner, from the office's address, logs in at once.
    let mut sam = office.client();
    let reply = sam.login_with("sam", PW, "/", &[("x-forwarded-for", "198.51.100.2")]);
    assert_eq!(
        reply.status,
        303,
        "the owner is not locked out: {}",
        reply.text()
    );
    // An office behind one proxy address: twenty failures of various names do not lock
    // out a colleague behind the same address.
    let proxy = [("x-forwarded-for", "192.0.2.10")];
    let mut clumsy = office.client();
    for i in 0..20 {
        let reply = clumsy.login_with(&format!("stagiaire{i}"), "pas-le-bon-mot", "/", &proxy);
        assert_eq!(reply.status, 401, "attempt {i}");
    }
    let mut anne = office.client();
    let reply = anne.login_with("anne", PW, "/", &proxy);
    assert_eq!(reply.status, 303, "{}", reply.text());
}

#[test]
fn finding_6_user_names_are_unique_without_regard_to_case() {
    let office = Office::new();
    let out = office.env.run_with_stdin(
        &["user", "add", "SAM", "--role", "admin"],
        format!("{PW}\n").as_bytes(),
    );
    assert!(!out.status.success(), "SAM is sam");
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    let users = office.users();
    assert_eq!(
        users
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("sam"))
            .count(),
        1,
        "{users:?}"
    );
    // Logging in as Sam is logging in as sam, with sam's role.
    let mut client = office.client();
    assert_eq!(client.login("Sam", PW).status, 303);
    assert_eq!(client.get("/").status, 200);
}

#[test]
fn finding_6_cases_are_assigned_to_existing_users_only() {
    let office = Office::new();
    let mut sam = office.logged_in("sam");
    let reply = sam.act(office.case, "assign", &[("value", "<script>n'importe qui")]);
    assert_eq!(reply.status, 400, "{}", reply.text());
    assert_eq!(office.show()["assignee"], "");
    let reply = sam.act(office.case, "assign", &[("value", "ANNE")]);
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(office.show()["assignee"], "anne", "the user's own spelling");
}

/// A client that sends half a request head and then nothing is disconnected.
#[test]
fn finding_6_half_sent_request_is_timed_out() {
    let office = Office::new();
    let address = office.server.base.trim_start_matches("http://").to_string();
    let mut stream = std::net::TcpStream::connect(&address).expect("connect");
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .expect("write");
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .expect("timeout");
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    let result = stream.read(&mut buf);
    let waited = started.elapsed();
    // The server closes it (a read of 0 bytes, or a 408, or a reset) after its 15 s header
    // timeout: well before hyper's 30 s default and the 40 s read timeout set here.
    assert!(
        !matches!(&result, Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)),
        "the server never closed the half-sent request: {result:?} after {waited:?}"
    );
    assert!(
        waited >= Duration::from_secs(10) && waited < Duration::from_secs(25),
        "closed after {waited:?}, not after the 15 s header timeout"
    );
    assert_alive(&office);
}

#[test]
fn finding_6_allowed_hosts_refuses_other_host_names() {
    let office = Office::with_config(|text| {
        text.replace(
            "allowed_hosts = []",
            "allowed_hosts = [\"permanence.example.fr\", \"127.0.0.1\"]",
        )
    });
    let mut client = office.client();
    let reply = client.send("/login", &[("host", "rebound.attacker.example")], None);
    assert_eq!(reply.status, 421, "{}", reply.text());
    let reply = client.send("/login", &[("host", "permanence.example.fr:8443")], None);
    assert_eq!(reply.status, 200, "{}", reply.text());
    // The test server's own address is listed: ordinary requests work.
    assert_alive(&office);
}

/// A 20 MB Subject does not make a 100 MB page: subjects are cut when parsed, and pages clip
/// what they show.
#[test]
fn finding_6_huge_subject_renders_a_bounded_page() {
    let office = Office::new();
    let subject = "Demande de rendez-vous ".repeat(20 * 1024 * 1024 / 23);
    let mail = format!(
        "From: Inconnu <x@exemple.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
         Message-ID: <huge-subject@exemple.fr>\r\nDate: 03 Mar 2026 10:00:00 +0100\r\n\
         Subject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour.\r\n"
    );
    ingest(&office.env, "huge.eml", &mail);
    let id = office.env.search(&["msgid:huge-subject@exemple.fr"]).0[0];
    let mut sam = office.logged_in("sam");
    for path in [
        format!("/message/{id}"),
        "/search?q=rendez".to_string(),
        "/".to_string(),
    ] {
        let reply = sam.get(&path);
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            reply.body.len() < 256 * 1024,
            "{path}: a {} byte page",
            reply.body.len()
        );
    }
}

/// An IMAP server that echoes the LOGIN command in its refusal: the password reaches neither the
/// command's output, nor `status`, nor any file of the data directory.
#[test]
fn finding_6_imap_refusal_echoing_the_password_is_scrubbed() {
    const SECRET: &str = "Tr3s\"S3cret\\pw-echo";
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let server = std::thread::spawn(move || {
        // One connection per sync attempt; a few at most.
        for stream in listener.incoming().take(1) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
            let _ = stream.write_all(b"* OK [CAPABILITY IMAP4rev1] echo server ready\r\n");
            let mut line = Vec::new();
            let mut byte = [0u8; 1];
            while stream.read(&mut byte).is_ok_and(|n| n == 1) {
                line.push(byte[0]);
                if byte[0] == b'\n' {
                    break;
                }
            }
            let line = String::from_utf8_lossy(&line).trim_end().to_string();
            let tag = line.split_whitespace().next().unwrap_or("*").to_string();
            let _ = stream.write_all(
                format!("{tag} NO [AUTHENTICATIONFAILED] Invalid login: {line}\r\n").as_bytes(),
            );
            let _ = stream.flush();
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let env = TestEnv::new();
    env.ok(&["init"]);
    let config = env.data().join("permanence.toml");
    let mut text = std::fs::read_to_string(&config).expect("config");
    text.push_str(&format!(
        "\n[[mailbox]]\nname = \"bureau\"\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"plain\"\nusername = \"office\"\npassword_env = \"PERMANENCE_TEST_ECHO_PW\"\n"
    ));
    std::fs::write(&config, text).expect("write config");
    let out = env
        .cmd(&["sync", "--once"])
        .env("PERMANENCE_TEST_ECHO_PW", SECRET)
        .output()
        .expect("sync --once");
    server.join().expect("echo server");
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "the login was refused: {shown}");
    assert!(
        shown.contains("Invalid login"),
        "the server's text is shown: {shown}"
    );
    let status = format!("{}{}", env.ok(&["status"]), env.ok(&["status", "--json"]));
    let needles = ["S3cret", "Tr3s"];
    for needle in needles {
        assert!(
            !shown.contains(needle),
            "the password in the output: {shown}"
        );
        assert!(!status.contains(needle), "the password in status: {status}");
    }
    let mut pending = vec![env.data()];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(
                std::fs::read_dir(&path)
                    .expect("read_dir")
                    .map(|e| e.expect("entry").path()),
            );
        } else {
            let bytes = std::fs::read(&path).expect("read");
            for needle in needles {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                    "the password is in {}",
                    path.display()
                );
            }
        }
    }
}

/// One client (here: loopback) holds at most 32 connections: the next is closed at once, and
/// the server serves again as soon as they go.
#[test]
fn finding_6_one_client_cannot_take_every_connection() {
    let office = Office::new();
    let address = office.server.base.trim_start_matches("http://").to_string();
    let idle: Vec<std::net::TcpStream> = (0..32)
        .map(|_| std::net::TcpStream::connect(&address).expect("connect"))
        .collect();
    // Let the server accept them all.
    std::thread::sleep(Duration::from_millis(300));
    let mut extra = std::net::TcpStream::connect(&address).expect("connect");
    extra
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    let _ = extra.write_all(b"GET /login HTTP/1.1\r\nHost: x\r\n\r\n");
    let mut buf = [0u8; 64];
    let read = extra.read(&mut buf);
    assert!(
        matches!(read, Ok(0) | Err(_))
            && !matches!(&read, Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the 33rd connection was served: {read:?}"
    );
    drop(idle);
    std::thread::sleep(Duration::from_millis(300));
    assert_alive(&office);
}

/// A removed user's cases are unassigned (with a history entry), so that a later user of the
/// same name does not inherit them.
#[test]
fn finding_6_removing_a_user_unassigns_their_cases() {
    let office = Office::new();
    let mut anne = office.logged_in("anne");
    let reply = anne.act(office.case, "assign", &[("value", "sam")]);
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(office.show()["assignee"], "sam");
    office.env.ok(&["user", "remove", "sam"]);
    let case = office.show();
    assert_eq!(case["assignee"], "", "{case}");
    let history = case["history"].as_array().expect("history");
    assert!(
        history
            .iter()
            .any(|h| h["action"] == "assign" && h["before"] == "sam" && h["after"] == ""),
        "{history:?}"
    );
}
