//! IMAP filing against a real Dovecot (see `dovecot.rs`): initial sync, IDLE latency, kill -9
//! during an initial sync, UIDVALIDITY change, server restart, wrong password, malformed
//! message. Each test has its own Dovecot and data directory; the configuration is the file
//! `init` writes with a `[[mailbox]]` section appended, as a user would do it.

use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use crate::dovecot::{Dovecot, sample_messages};
use crate::util::TestEnv;

/// The variable the `[[mailbox]]` section names for the password.
const PW_VAR: &str = "PERMANENCE_TEST_IMAP_PW";
const PASSWORD: &str = "secret";

/// `init`, then appends this server's `[[mailbox]]` section to the file `init` wrote;
/// `batch_size` replaces the `[ingest]` default when given.
fn configure(env: &TestEnv, dv: &Dovecot, batch_size: Option<usize>) {
    env.ok(&["init"]);
    let path = env.data().join("permanence.toml");
    if let Some(n) = batch_size {
        let text = std::fs::read_to_string(&path).expect("read permanence.toml");
        assert!(
            text.contains("\nbatch_size = 500\n"),
            "init no longer writes `batch_size = 500`:\n{text}"
        );
        std::fs::write(
            &path,
            text.replace("\nbatch_size = 500\n", &format!("\nbatch_size = {n}\n")),
        )
        .expect("write permanence.toml");
    }
    OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("open permanence.toml")
        .write_all(dv.config_section("bureau").as_bytes())
        .expect("append the [[mailbox]] section");
    env.ok(&["config", "check"]);
}

/// A command with the IMAP password variable set to `password`.
fn with_password(env: &TestEnv, args: &[&str], password: &str) -> Command {
    let mut cmd = env.cmd(args);
    cmd.env(PW_VAR, password);
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `sync --once` with the right password; asserts exit 0 and returns stdout.
fn sync_once(env: &TestEnv) -> String {
    let out = with_password(env, &["sync", "--once"], PASSWORD)
        .output()
        .expect("run sync --once");
    assert!(
        out.status.success(),
        "sync --once failed with {}:\n{}",
        out.status,
        text(&out)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stats(env: &TestEnv) -> serde_json::Value {
    serde_json::from_str(&env.ok(&["stats", "--json"])).expect("stats --json prints JSON")
}

fn stats_messages(env: &TestEnv) -> u64 {
    stats(env)["messages"].as_u64().expect("stats.messages")
}

/// `status --json` of the one configured folder, bureau/INBOX.
fn inbox_status(env: &TestEnv) -> serde_json::Value {
    let all: serde_json::Value =
        serde_json::from_str(&env.ok(&["status", "--json"])).expect("status --json prints JSON");
    let folders = all.as_array().expect("status --json is an array");
    assert_eq!(folders.len(), 1, "one folder expected: {all:#}");
    let inbox = folders[0].clone();
    assert_eq!(inbox["account"], "bureau", "{all:#}");
    assert_eq!(inbox["folder"], "INBOX", "{all:#}");
    inbox
}

/// Total hits of a search.
fn hits(env: &TestEnv, query: &str) -> u64 {
    env.search(&[query]).1
}

/// Polls `check` every `every` until it holds; panics naming `what` (and `context()`, evaluated
/// then) after `timeout`. Returns the time it took.
fn wait_until(
    what: &str,
    timeout: Duration,
    every: Duration,
    mut check: impl FnMut() -> bool,
    context: impl FnOnce() -> String,
) -> Duration {
    let start = Instant::now();
    loop {
        if check() {
            return start.elapsed();
        }
        if start.elapsed() > timeout {
            panic!(
                "timed out after {timeout:?} waiting for {what}\n{}",
                context()
            );
        }
        std::thread::sleep(every);
    }
}

/// A `permanence daemon` child process; killed (SIGKILL) if still running when dropped, so a
/// failing test leaves no process behind.
struct Daemon {
    child: Child,
    log: PathBuf,
}

impl Daemon {
    /// Starts the daemon with this IMAP password; stderr is appended to `daemon.log` in the
    /// env's scratch directory (shared by restarts).
    fn start(env: &TestEnv, password: &str) -> Daemon {
        let log = env.path("daemon.log");
        let stderr = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .expect("open the daemon log");
        let child = with_password(env, &["daemon"], password)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::from(
                File::create(env.path("daemon.out")).expect("daemon stdout file"),
            ))
            .stderr(Stdio::from(stderr))
            .spawn()
            .expect("spawn permanence daemon");
        Daemon { child, log }
    }

    fn log(&self) -> String {
        read_log(&self.log)
    }

    fn running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    fn assert_running(&mut self) {
        if let Some(status) = self.child.try_wait().expect("try_wait") {
            panic!("the daemon exited with {status}\nlog:\n{}", self.log());
        }
    }

    /// SIGTERM, then waits (≤ 10 s) for the exit status.
    fn terminate(&mut self) -> ExitStatus {
        self.assert_running();
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the daemon did not exit within 10 s of SIGTERM\nlog:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGTERM and asserts a clean exit (status 0).
    fn stop_cleanly(&mut self) {
        let status = self.terminate();
        assert!(
            status.success(),
            "the daemon exited with {status} after SIGTERM\nlog:\n{}",
            self.log()
        );
    }

    /// SIGKILL, no chance to clean up.
    fn kill9(&mut self) {
        self.child.kill().expect("kill -9 the daemon");
        self.child.wait().expect("wait for the killed daemon");
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn read_log(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Waits (≤ 20 s) until the daemon has completed its first sync.
fn wait_first_sync(env: &TestEnv, daemon: &mut Daemon) {
    let log = daemon.log.clone();
    wait_until(
        "the daemon's first completed sync (status last_sync > 0)",
        Duration::from_secs(20),
        Duration::from_millis(100),
        || {
            daemon.assert_running();
            inbox_status(env)["last_sync"].as_i64().unwrap_or(0) > 0
        },
        || read_log(&log),
    );
}

#[test]
fn initial_sync_of_500_messages() {
    let dv = Dovecot::start();
    let env = TestEnv::new();
    configure(&env, &dv, None);
    dv.deliver_many(&sample_messages(500, "initiale"));

    let out = sync_once(&env);
    assert!(out.contains("bureau/INBOX"), "{out}");
    assert_eq!(stats_messages(&env), 500);
    assert_eq!(hits(&env, "zqxinitiale"), 500);
    assert_eq!(hits(&env, "zqxinitiale123"), 1);
    let inbox = inbox_status(&env);
    assert_eq!(inbox["uid_next"], 501, "{inbox:#}");
    assert_eq!(inbox["backlog"], 0, "{inbox:#}");
    assert_eq!(inbox["last_error"], "", "{inbox:#}");
    assert!(inbox["uidvalidity"].as_u64().unwrap() > 0, "{inbox:#}");
    assert_eq!(
        inbox["uidvalidity"].as_u64().unwrap(),
        u64::from(dv.uidvalidity()),
        "{inbox:#}"
    );
    assert!(inbox["last_sync"].as_i64().unwrap() > 0, "{inbox:#}");

    // The mailbox is not modified: every message is still there, none marked \Seen.
    let files = dv.message_files();
    assert_eq!(files.len(), 500, "{files:?}");
    let seen: Vec<&String> = files
        .iter()
        .filter(|f| {
            f.split_once(":2,")
                .is_some_and(|(_, flags)| flags.contains('S'))
        })
        .collect();
    assert!(seen.is_empty(), "sync marked messages \\Seen: {seen:?}");

    // A second pass fetches nothing and stores nothing.
    let out = sync_once(&env);
    assert!(out.contains("fetched 0, new 0"), "{out}");
    assert_eq!(stats_messages(&env), 500);
    assert_eq!(hits(&env, "zqxinitiale"), 500);
    assert_eq!(inbox_status(&env)["uid_next"], 501);
}

#[test]
fn message_appended_during_idle_is_searchable_within_5_s() {
    let dv = Dovecot::start();
    let env = TestEnv::new();
    configure(&env, &dv, None);
    dv.deliver_many(&sample_messages(5, "veille"));
    let mut daemon = Daemon::start(&env, PASSWORD);
    wait_first_sync(&env, &mut daemon);
    assert_eq!(stats_messages(&env), 5);

    let new = sample_messages(1, "arrivee");
    let delivered = Instant::now();
    dv.deliver_many(&new);
    let mut found = false;
    while delivered.elapsed() < Duration::from_secs(5) {
        if hits(&env, "zqxarrivee0") == 1 {
            found = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let took = delivered.elapsed();
    assert!(
        found,
        "a message delivered during IDLE was not searchable within 5 s\ndaemon log:\n{}",
        daemon.log()
    );
    eprintln!("IDLE delivery searchable after {took:?}");
    assert_eq!(stats_messages(&env), 6);
    daemon.stop_cleanly();
}

#[test]
fn kill_9_during_initial_sync_of_5000_then_restart_gives_exactly_5000() {
    let dv = Dovecot::start();
    let env = TestEnv::new();
    // Small batches: many commits, so the kill lands between two of them.
    configure(&env, &dv, Some(100));
    dv.deliver_many(&sample_messages(5000, "massif"));

    let mut daemon = Daemon::start(&env, PASSWORD);
    let mut at_kill = 0;
    let log = daemon.log.clone();
    wait_until(
        "the initial sync to be under way (0 < messages < 5000)",
        Duration::from_secs(60),
        Duration::from_millis(20),
        || {
            daemon.assert_running();
            at_kill = stats_messages(&env);
            at_kill > 0
        },
        || read_log(&log),
    );
    daemon.kill9();
    assert!(
        at_kill < 5000,
        "the initial sync finished before the kill: test too slow to catch it mid-way"
    );
    let after_kill = stats_messages(&env);
    assert!(
        after_kill < 5000,
        "{after_kill} messages stored at the kill"
    );
    eprintln!("killed with {after_kill} of 5000 messages stored");

    let mut daemon = Daemon::start(&env, PASSWORD);
    let log = daemon.log.clone();
    wait_until(
        "the restarted daemon to file and index all 5000 messages",
        Duration::from_secs(180),
        Duration::from_millis(250),
        || {
            daemon.assert_running();
            let inbox = inbox_status(&env);
            inbox["uid_next"] == 5001
                && inbox["backlog"] == 0
                && inbox["last_sync"].as_i64() > Some(0)
                // The index commits a moment after the database: wait for it too.
                && hits(&env, "zqxmassif") == 5000
        },
        || {
            format!(
                "status:\n{:#}\nlog:\n{}",
                inbox_status(&env),
                read_log(&log)
            )
        },
    );
    assert_eq!(stats_messages(&env), 5000);
    let inbox = inbox_status(&env);
    assert_eq!(inbox["last_error"], "", "{inbox:#}");
    let rows = env.export();
    assert_eq!(rows.len(), 5000);
    let ids: BTreeSet<&str> = rows
        .iter()
        .map(|r| r["message_id"].as_str().expect("message_id"))
        .collect();
    assert_eq!(ids.len(), 5000, "duplicate Message-IDs in the export");
    assert!(ids.contains("massif-0@test.permanence.example"));
    assert!(ids.contains("massif-4999@test.permanence.example"));
    assert_eq!(hits(&env, "zqxmassif4999"), 1);
    daemon.stop_cleanly();
}

#[test]
fn uidvalidity_reset_does_not_duplicate() {
    let mut dv = Dovecot::start();
    let env = TestEnv::new();
    configure(&env, &dv, None);
    dv.deliver_many(&sample_messages(50, "validite"));
    sync_once(&env);
    assert_eq!(stats_messages(&env), 50);
    let before = inbox_status(&env);
    assert_eq!(before["rescans"], 0, "{before:#}");

    let new_validity = dv.reset_uidvalidity();
    assert_ne!(
        before["uidvalidity"].as_u64().unwrap(),
        u64::from(new_validity)
    );
    let out = sync_once(&env);
    assert!(out.contains("re-scanned"), "{out}");
    assert!(out.contains("new 0"), "{out}");
    assert_eq!(stats_messages(&env), 50);
    assert_eq!(env.export().len(), 50);
    let inbox = inbox_status(&env);
    assert_eq!(inbox["rescans"], 1, "{inbox:#}");
    assert_eq!(
        inbox["uidvalidity"].as_u64().unwrap(),
        u64::from(new_validity),
        "{inbox:#}"
    );
    assert_eq!(inbox["uid_next"], 51, "{inbox:#}");

    dv.deliver_many(&sample_messages(1, "suivant"));
    let out = sync_once(&env);
    assert!(!out.contains("re-scanned"), "{out}");
    assert!(out.contains("fetched 1, new 1"), "{out}");
    assert_eq!(stats_messages(&env), 51);
    assert_eq!(hits(&env, "zqxsuivant0"), 1);
    assert_eq!(inbox_status(&env)["rescans"], 1);
}

#[test]
fn dovecot_restart_mid_run_reconnects_and_catches_up() {
    let mut dv = Dovecot::start();
    let env = TestEnv::new();
    configure(&env, &dv, None);
    dv.deliver_many(&sample_messages(20, "avant"));
    let mut daemon = Daemon::start(&env, PASSWORD);
    wait_first_sync(&env, &mut daemon);
    assert_eq!(stats_messages(&env), 20);

    dv.stop();
    dv.deliver_many(&sample_messages(10, "pendant"));
    std::thread::sleep(Duration::from_secs(1));
    daemon.assert_running();
    dv.restart();
    let log = daemon.log.clone();
    let took = wait_until(
        "the daemon to reconnect, file and index the 10 messages delivered while Dovecot was down",
        Duration::from_secs(30),
        Duration::from_millis(200),
        || {
            daemon.assert_running();
            // The index commits a moment after the database: wait for both.
            stats_messages(&env) == 30 && hits(&env, "zqxpendant") == 10
        },
        || read_log(&log),
    );
    eprintln!("caught up {took:?} after the restart");
    assert_eq!(hits(&env, "zqxavant"), 20);
    let log = daemon.log();
    assert!(log.contains("reconnecting"), "log:\n{log}");
    daemon.stop_cleanly();
}

#[test]
fn wrong_password_is_reported_clearly_without_crash_loop() {
    let dv = Dovecot::start();
    let env = TestEnv::new();
    configure(&env, &dv, None);
    dv.deliver_many(&sample_messages(3, "refus"));

    let out = with_password(&env, &["sync", "--once"], "wrong")
        .output()
        .expect("run sync --once");
    assert!(
        !out.status.success(),
        "sync --once succeeded with a wrong password"
    );
    assert!(
        text(&out).contains("authentication failed"),
        "{}",
        text(&out)
    );
    assert_eq!(stats_messages(&env), 0);

    let mut daemon = Daemon::start(&env, "wrong");
    let log = daemon.log.clone();
    wait_until(
        "the daemon to report the failed login",
        Duration::from_secs(10),
        Duration::from_millis(100),
        || {
            daemon.assert_running();
            daemon.log().contains("authentication failed")
        },
        || read_log(&log),
    );
    // Watch it for 4 s: it keeps running and does not retry in a tight loop.
    let watch_until = Instant::now() + Duration::from_secs(4);
    while Instant::now() < watch_until {
        daemon.assert_running();
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(daemon.running());
    let log = daemon.log();
    let reports = log
        .lines()
        .filter(|l| l.to_lowercase().contains("authentication failed"))
        .count();
    assert!(
        (1..=2).contains(&reports),
        "{reports} authentication failures logged in ~4 s:\n{log}"
    );
    let inbox = inbox_status(&env);
    assert!(
        inbox["last_error"]
            .as_str()
            .unwrap()
            .contains("authentication failed"),
        "{inbox:#}"
    );
    assert_eq!(stats_messages(&env), 0);
    daemon.stop_cleanly();
}

/// Bytes that are no mail message (no header line) but that an IMAP server returns unchanged:
/// no NUL (Dovecot sends it as 0x80) and only CRLF line ends (bare LF becomes CRLF).
fn garbage() -> Vec<u8> {
    let mut out = Vec::new();
    let mut x: u32 = 0x2545_f491;
    for i in 0..6000 {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let b = (x >> 24) as u8;
        out.push(if matches!(b, 0 | b'\r' | b'\n' | b':') {
            0xa7
        } else {
            b
        });
        if i % 101 == 100 {
            out.extend_from_slice(b"\r\n");
        }
    }
    out
}

#[test]
fn malformed_message_is_stored_raw_reported_and_sync_continues() {
    let dv = Dovecot::start();
    let env = TestEnv::new();
    configure(&env, &dv, None);
    let good = sample_messages(3, "sain");
    dv.deliver_many(&good[..2]);
    let bad = garbage();
    dv.deliver("1743500001.M9P1.garbage.test", &bad);
    dv.deliver_many(&good[2..]);

    let out = sync_once(&env);
    assert!(out.contains("failed 1"), "{out}");
    let stats = stats(&env);
    assert_eq!(stats["messages"], 4, "{stats:#}");
    assert_eq!(stats["by_state"]["failed"], 1, "{stats:#}");
    assert_eq!(stats["by_state"]["parsed"], 3, "{stats:#}");
    let rows = env.export();
    let failed: Vec<&serde_json::Value> = rows.iter().filter(|r| r["state"] == "failed").collect();
    assert_eq!(failed.len(), 1, "{rows:#?}");
    let id = failed[0]["id"].as_i64().unwrap().to_string();
    let raw = env.cmd(&["show", "--raw", &id]).output().expect("run show");
    assert!(raw.status.success(), "{}", text(&raw));
    assert!(
        raw.stdout == bad,
        "show --raw of the malformed message differs from the delivered bytes ({} vs {} bytes)",
        raw.stdout.len(),
        bad.len()
    );
    for i in 0..3 {
        assert_eq!(hits(&env, &format!("zqxsain{i}")), 1, "message {i}");
    }
    assert_eq!(hits(&env, "zqxsain"), 3);
    let inbox = inbox_status(&env);
    assert_eq!(inbox["uid_next"], 5, "{inbox:#}");
    assert_eq!(inbox["last_error"], "", "{inbox:#}");

    // The failed message is not fetched again.
    let out = sync_once(&env);
    assert!(out.contains("fetched 0"), "{out}");
    assert_eq!(stats_messages(&env), 4);
}

/// Mail from one citizen, numbered from `from`.
fn citizen_mail(from: usize, n: usize) -> Vec<(String, Vec<u8>)> {
    (from..from + n)
        .map(|i| {
            (
                format!("citizen-{i}"),
                format!(
                    "From: Zoé Erasable <zoe.erasable@exemple-unique.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
                     Message-ID: <citizen-{i}@exemple-unique.fr>\r\nDate: 02 Mar 2026 10:{:02}:00 +0100\r\n\
                     Subject: Demande {i}\r\n\r\nBonjour, voici ma demande numéro {i}.\r\n",
                    i % 60
                )
                .into_bytes(),
            )
        })
        .collect()
}

#[test]
fn erasure_while_the_daemon_files_new_mail_from_that_person() {
    let dv = Dovecot::start();
    let env = TestEnv::new();
    configure(&env, &dv, Some(5));
    dv.deliver_many(&citizen_mail(0, 20));
    dv.deliver_many(&sample_messages(5, "autres"));
    let mut daemon = Daemon::start(&env, PASSWORD);
    wait_first_sync(&env, &mut daemon);
    assert_eq!(stats_messages(&env), 25);

    // New mail from her keeps arriving while the erasure runs.
    let delivering = std::thread::scope(|scope| {
        let dv = &dv;
        let feeder = scope.spawn(move || {
            for i in 20..40 {
                dv.deliver_many(&citizen_mail(i, 1));
                std::thread::sleep(Duration::from_millis(40));
            }
        });
        let out = env
            .cmd(&["person", "erase", "zoe.erasable@exemple-unique.fr", "--yes"])
            .output()
            .expect("run erase");
        feeder.join().expect("feeder");
        out
    });
    assert!(delivering.status.success(), "{}", text(&delivering));
    let erased: u64 = text(&delivering)
        .split("erased: ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("erased count");
    assert!(erased >= 20, "at least what was there before: {erased}");
    // Everything delivered is filed once: what was erased is gone for good (the UIDs are behind
    // the high-water mark), what came after is kept, and nothing is duplicated.
    wait_until(
        "every delivered message filed or erased",
        Duration::from_secs(20),
        Duration::from_millis(200),
        || stats_messages(&env) + erased == 45,
        || daemon.log(),
    );
    daemon.assert_running();
    // An online backup while the daemon runs restores to a consistent directory.
    dv.deliver_many(&sample_messages(3, "pendant"));
    let backup = env.path("backup");
    env.ok(&["backup", backup.to_str().unwrap()]);
    let restored = env.path("restored");
    let out = Command::new(env!("CARGO_BIN_EXE_permanence"))
        .arg("--data")
        .arg(&restored)
        .args(["restore", backup.to_str().unwrap()])
        .env("RUST_LOG", "warn")
        .output()
        .expect("run restore");
    assert!(out.status.success(), "{}", text(&out));
    wait_until(
        "the three messages delivered during the backup",
        Duration::from_secs(20),
        Duration::from_millis(200),
        || stats_messages(&env) + erased == 48,
        || daemon.log(),
    );
    daemon.stop_cleanly();
    let verify = env.run(&["verify"]);
    assert!(verify.status.success(), "{}", text(&verify));
    let export = env.export();
    let hers = export
        .iter()
        .filter(|m| m["from"]["address"] == "zoe.erasable@exemple-unique.fr")
        .count() as u64;
    assert_eq!(hers + erased, 40);
    assert_eq!(export.len() as u64 - hers, 8, "the others' mail is intact");
    // A second request erases the rest.
    env.ok(&["person", "erase", "zoe.erasable@exemple-unique.fr", "--yes"]);
    assert_eq!(env.export().len(), 8);
    env.ok(&["verify"]);
}

/// A message of `bytes` bytes (CRLF lines) with this Message-ID.
fn large_message(id: &str, bytes: usize) -> Vec<u8> {
    let mut raw = format!(
        "From: Jean Martin <jean.martin@mairie-vif.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
         Subject: Pieces jointes\r\nMessage-ID: <{id}>\r\n\r\n"
    )
    .into_bytes();
    let line = b"une ligne de texte ordinaire pour remplir le message de la mairie\r\n";
    while raw.len() + line.len() <= bytes {
        raw.extend_from_slice(line);
    }
    raw
}

/// The `out=` byte counts of every IMAP session Dovecot logged out so far.
fn dovecot_bytes_sent(dv: &Dovecot) -> Vec<u64> {
    dv.log()
        .lines()
        .filter(|l| l.contains("Disconnected"))
        .filter_map(|l| {
            let rest = &l[l.find(" out=")? + 5..];
            rest.split(' ').next()?.parse().ok()
        })
        .collect()
}

#[test]
fn message_over_max_message_mb_is_refused_from_its_size_without_download() {
    let dv = Dovecot::start();
    let env = TestEnv::new();
    configure(&env, &dv, None);
    let path = env.data().join("permanence.toml");
    let text = std::fs::read_to_string(&path).expect("read permanence.toml");
    assert!(
        text.contains("\nmax_message_mb = 200\n"),
        "init no longer writes `max_message_mb = 200`:\n{text}"
    );
    std::fs::write(
        &path,
        text.replace("\nmax_message_mb = 200\n", "\nmax_message_mb = 1\n"),
    )
    .expect("write permanence.toml");
    let small = sample_messages(2, "autour");
    dv.deliver_many(&small[..1]);
    dv.deliver(
        "1743500001.M9P1.gros.test",
        &large_message("gros@mairie-vif.fr", 1_500_000),
    );
    dv.deliver_many(&small[1..]);

    let out = sync_once(&env);
    assert!(
        out.contains("fetched 2, new 2, already known 0, failed 1"),
        "{out}"
    );
    let inbox = inbox_status(&env);
    assert_eq!(
        inbox["uid_next"], 4,
        "the mark passes the refused message: {inbox:#}"
    );
    assert_eq!(inbox["last_error"], "", "{inbox:#}");
    // Recorded, naming the account, folder, UIDVALIDITY, UID and the server's size.
    let db = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    let problems: Vec<(String, String)> = db
        .prepare("SELECT location, reason FROM ingest_problems")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    // Dovecot numbers the files of new/ in its own order: any of UIDs 1 to 3.
    let uid = problems[0]
        .0
        .strip_prefix(&format!("bureau/INBOX/{}/", dv.uidvalidity()))
        .and_then(|uid| uid.parse::<u32>().ok());
    assert!(matches!(uid, Some(1..=3)), "{problems:?}");
    assert!(
        problems[0].1.starts_with(
            "refused: larger than ingest.max_message_mb (1 MB): 1.4 MB, not stored; not fetched"
        ),
        "{problems:?}"
    );
    // Dovecot never sent its body: each session sent less than the message.
    let log = dv.log();
    wait_until(
        "Dovecot to log the sync's logout",
        Duration::from_secs(10),
        Duration::from_millis(100),
        || !dovecot_bytes_sent(&dv).is_empty(),
        || log.clone(),
    );
    let sent = dovecot_bytes_sent(&dv);
    assert!(
        sent.iter().all(|&n| n < 1_000_000),
        "Dovecot sent {sent:?} bytes: the refused message was downloaded\n{}",
        dv.log()
    );

    // Not asked for again; the mailbox is untouched.
    let out = sync_once(&env);
    assert!(out.contains("fetched 0, new 0"), "{out}");
    assert_eq!(stats_messages(&env), 2);
    assert_eq!(dv.message_files().len(), 3);
}

/// Issue 19: the daemon works the attachment-text queue by itself. A mail delivered during IDLE
/// with a PDF (text layer) and a scanned letter becomes searchable by the words of both, with
/// no `extract` run; SIGTERM still stops it cleanly.
#[test]
fn the_daemon_reads_attachments_of_new_mail_by_itself() {
    let dv = Dovecot::start();
    let env = TestEnv::new();
    configure(&env, &dv, None);
    dv.deliver_many(&sample_messages(2, "veille"));
    let mut daemon = Daemon::start(&env, PASSWORD);
    wait_first_sync(&env, &mut daemon);
    let fixtures = crate::util::fixtures().join("attachments/mail");
    let pdf = std::fs::read(fixtures.join("01-deliberation.eml")).expect("fixture");
    let scan = std::fs::read(fixtures.join("03-scan-page-png.eml")).expect("fixture");
    dv.deliver_many(&[
        ("deliberation".to_string(), pdf),
        ("scan".to_string(), scan),
    ]);
    let log = daemon.log.clone();
    let took = wait_until(
        "the PDF's and the scan's words in search",
        Duration::from_secs(60),
        Duration::from_millis(200),
        || {
            daemon.assert_running();
            hits(&env, "pj:\"section AK n° 214\"") == 1
                && hits(&env, "pj:\"digue de la Gresse\"") == 1
        },
        || read_log(&log),
    );
    eprintln!("attachments searchable {took:?} after delivery");
    daemon.stop_cleanly();
}
