//! `permanence doctor` on installations in known states (issue 21): each finding it must
//! report, what it says to do, and its exit code; `migrate` bringing an older database up to
//! date; `--config` outside the data directory.

use std::path::Path;
use std::process::Command;

use crate::util::TestEnv;

/// `doctor --offline` (no network): (exit ok?, lines).
fn doctor(env: &TestEnv, args: &[&str]) -> (bool, String) {
    let out = env
        .cmd(&[&["doctor", "--offline"][..], args].concat())
        .output()
        .expect("run doctor");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    (out.status.success(), text)
}

/// The line about `topic` and its « À faire » line, if any.
fn finding(text: &str, topic: &str) -> (String, String) {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(&format!(" {topic} : ")))
        .unwrap_or_else(|| panic!("no finding about {topic}:\n{text}"));
    let fix = lines
        .get(at + 1)
        .filter(|l| l.starts_with("  À faire : "))
        .map(|l| l.to_string())
        .unwrap_or_default();
    (lines[at].to_string(), fix)
}

fn add_mailbox(env: &TestEnv) {
    let path = env.data().join("permanence.toml");
    let mut text = std::fs::read_to_string(&path).expect("config");
    text.push_str("\n[[mailbox]]\nname = \"bureau\"\nhost = \"127.0.0.1\"\nport = 1\nsecurity = \"plain\"\nusername = \"office\"\npassword_env = \"X\"\n");
    std::fs::write(&path, text).expect("config");
}

#[test]
fn doctor_reports_each_problem_with_what_to_do_and_fails_only_on_failures() {
    let env = TestEnv::new();
    env.ok(&["init"]);

    // A fresh directory: no mailbox is a failure, no backup a warning.
    let (ok, text) = doctor(&env, &[]);
    assert!(!ok, "{text}");
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("  À faire"))
    {
        assert!(
            ["ok ", "attention ", "échec ", "À corriger", "Installation"]
                .iter()
                .any(|p| line.starts_with(p)),
            "unexpected line {line:?}"
        );
    }
    let (line, fix) = finding(&text, "boîtes");
    assert!(
        line.starts_with("échec") && line.contains("aucune boîte"),
        "{line}"
    );
    assert!(fix.contains("[[mailbox]]"), "{fix}");
    let (line, _) = finding(&text, "configuration");
    assert!(line.starts_with("ok"), "{line}");
    let (line, _) = finding(&text, "données");
    assert!(
        line.starts_with("ok") && line.contains("schéma à jour"),
        "{line}"
    );
    let (line, fix) = finding(&text, "sauvegarde");
    assert!(line.starts_with("attention"), "{line}");
    assert!(fix.contains("permanence backup"), "{fix}");
    let (line, _) = finding(&text, "disque");
    assert!(line.contains("libres"), "{line}");

    // With a mailbox and a fresh backup, nothing fails (offline: the mailbox is not reached).
    add_mailbox(&env);
    env.ok(&["backup", &env.path("backup").to_string_lossy()]);
    let (ok, text) = doctor(&env, &[]);
    assert!(ok, "{text}");
    let (line, _) = finding(&text, "sauvegarde");
    assert!(line.starts_with("ok") && line.contains("backup"), "{line}");

    // A backup ten days old is a failure.
    let conn = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).expect("db");
    conn.execute(
        "UPDATE settings SET value = (strftime('%s','now') - 10 * 86400) || ' /srv/sauvegarde' WHERE key = 'last_backup'",
        [],
    )
    .expect("age the backup");
    drop(conn);
    let (ok, text) = doctor(&env, &[]);
    assert!(!ok, "{text}");
    let (line, _) = finding(&text, "sauvegarde");
    assert!(
        line.starts_with("échec") && line.contains("il y a 10 jours"),
        "{line}"
    );

    // A file others can read is a failure with the command that fixes it.
    let db = env.data().join("permanence.sqlite3");
    set_mode(&db, 0o644);
    let (_, text) = doctor(&env, &[]);
    let (line, fix) = finding(&text, "données");
    assert!(
        line.starts_with("échec") && line.contains("lisibles"),
        "{line}"
    );
    assert!(fix.contains("chmod -R go-rwx"), "{fix}");
    set_mode(&db, 0o600);

    // JSON: one object per finding.
    let out = env
        .cmd(&["doctor", "--offline", "--json"])
        .output()
        .expect("doctor --json");
    let findings: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(
        findings
            .iter()
            .any(|f| f["topic"] == "sauvegarde" && f["level"] == "echec")
    );
    assert!(findings.iter().all(|f| f["detail"].is_string()));

    // A broken configuration names its line.
    let path = env.data().join("permanence.toml");
    let text = std::fs::read_to_string(&path).expect("config");
    std::fs::write(&path, format!("{text}\n[web]\nlisten = 3\n")).expect("config");
    let (ok, text) = doctor(&env, &[]);
    assert!(!ok);
    let (line, fix) = finding(&text, "configuration");
    assert!(
        line.starts_with("échec") && line.contains("permanence.toml:"),
        "{line}"
    );
    assert!(fix.contains("corrigez la ligne"), "{fix}");
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn migrate_brings_an_older_database_up_to_date_and_doctor_says_so_before() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(env.data().join(format!("permanence.sqlite3{suffix}")));
    }
    // The database as the previous release left it: every migration but the last.
    let mut files: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations"))
            .expect("migrations")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "sql"))
            .collect();
    files.sort();
    let latest = files.len();
    let conn = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).expect("db");
    conn.pragma_update(None, "foreign_keys", "ON")
        .expect("pragma");
    for file in &files[..latest - 1] {
        conn.execute_batch(&std::fs::read_to_string(file).expect("sql"))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
    conn.pragma_update(None, "user_version", (latest - 1) as i64)
        .expect("version");
    drop(conn);
    set_mode(&env.data().join("permanence.sqlite3"), 0o600);
    let (_, text) = doctor(&env, &[]);
    let (line, fix) = finding(&text, "données");
    assert!(
        line.starts_with("attention") && line.contains(&format!("version {}", latest - 1)),
        "{line}"
    );
    assert!(fix.contains("permanence migrate"), "{fix}");
    let out = env.ok(&["migrate"]);
    assert!(
        out.contains(&format!("schema: version {} -> {latest}", latest - 1)),
        "{out}"
    );
    assert!(
        env.data()
            .join(format!("permanence.sqlite3.before-v{latest}"))
            .exists()
    );
    assert!(env.ok(&["migrate"]).contains("up to date"));
    let (_, text) = doctor(&env, &[]);
    let (line, _) = finding(&text, "données");
    assert!(line.starts_with("ok"), "{line}");
}

#[test]
fn the_configuration_can_live_outside_the_data_directory() {
    let env = TestEnv::new();
    let etc = env.path("etc");
    std::fs::create_dir_all(&etc).expect("mkdir");
    let config = etc.join("permanence.toml");
    let mut cmd = env.cmd(&["init"]);
    cmd.env("PERMANENCE_CONFIG", &config);
    assert!(cmd.status().expect("init").success());
    assert!(
        config.exists(),
        "init writes the configuration where it is named"
    );
    assert!(!env.data().join("permanence.toml").exists());
    std::fs::write(
        &config,
        std::fs::read_to_string(&config)
            .expect("config")
            .replace("listen = \"127.0.0.1:8080\"", "listen = \"127.0.0.1:8123\""),
    )
    .expect("config");
    let out = env
        .cmd(&["--config", &config.to_string_lossy(), "doctor", "--offline"])
        .output()
        .expect("doctor");
    let text = String::from_utf8_lossy(&out.stdout);
    let (line, _) = finding(&text, "configuration");
    assert!(line.contains(&*config.to_string_lossy()), "{line}");

    // A new data directory with a configuration that exists already (the package ships it)
    // is still a new directory: init sets its go-live date.
    let other = TestEnv::new();
    let out = other
        .cmd(&["--config", &config.to_string_lossy(), "init"])
        .output()
        .expect("init");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.contains("go-live: "), "{text}");
    assert!(
        text.contains("configuration") && text.contains("kept"),
        "{text}"
    );

    // A restore beside a configuration kept elsewhere says which one is in use.
    let backup = env.path("backup");
    let cfg = config.to_string_lossy().to_string();
    env.ok(&["--config", &cfg, "backup", &backup.to_string_lossy()]);
    let target = TestEnv::new();
    let out = target
        .cmd(&["--config", &cfg, "restore", &backup.to_string_lossy()])
        .output()
        .expect("restore");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains(&format!("the configuration in use, {cfg}, is kept")),
        "{text}"
    );
}

#[test]
fn root_is_refused_on_the_services_data_directory_and_doctor_runs_as_its_owner() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let root = Command::new("id").arg("-u").output().expect("id");
    if String::from_utf8_lossy(&root.stdout).trim() != "0" {
        // Not root: the owner's own commands run as always.
        env.ok(&["stats"]);
        return;
    }
    // As the package leaves it: the directory belongs to the service user.
    let status = Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(env.data())
        .status()
        .expect("chown");
    assert!(status.success());
    let out = env.cmd(&["stats"]).output().expect("stats");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "root wrote into the service's directory"
    );
    assert!(
        err.contains("belongs to user n° 65534") && err.contains("sudo -u permanence"),
        "{err}"
    );
    // doctor runs, as the directory's owner: everything it leaves there (a database journal,
    // the extraction sandbox's scratch directory) belongs to the service, nothing to root.
    set_mode(env.data().parent().expect("parent"), 0o711);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(env.data().join(format!("permanence.sqlite3{suffix}")));
    }
    let _ = std::fs::remove_dir_all(env.data().join("tmp"));
    let out = env.cmd(&["doctor", "--offline"]).output().expect("doctor");
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("running as user n° 65534"), "{err}");
    let (line, _) = finding(&text, "bac à sable");
    assert!(!line.starts_with("échec"), "{line}");
    let (line, _) = finding(&text, "données");
    assert!(line.starts_with("ok"), "{line}\n{text}");
    let mut pending = vec![env.data()];
    while let Some(path) = pending.pop() {
        use std::os::unix::fs::MetadataExt as _;
        let meta = std::fs::symlink_metadata(&path).expect("metadata");
        assert_eq!(
            meta.uid(),
            65534,
            "{} belongs to root after doctor",
            path.display()
        );
        if meta.is_dir() {
            pending.extend(
                std::fs::read_dir(&path)
                    .expect("read_dir")
                    .map(|e| e.expect("entry").path()),
            );
        }
    }
}
