//! Personal-data lifecycle: access (person export), erasure that leaves nothing behind in any
//! file of the data directory, retention, online backup, restore and verify.

use std::path::Path;

use serde_json::Value;

use crate::util::TestEnv;

const OFFICE: &str = "permanence@senateur-exemple.fr";
const ADDRESS: &str = "zoe.quintard@exemple-unique.fr";
const NAME: &str = "Quintard-Vasseur";

fn mail(
    from: &str,
    to: &str,
    extra: &str,
    id: &str,
    date: &str,
    subject: &str,
    body: &str,
) -> String {
    format!(
        "From: {from}\r\nTo: {to}\r\n{extra}Message-ID: <{id}>\r\nDate: {date}\r\nSubject: {subject}\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

/// A mailbox where Zoé Quintard-Vasseur wrote twice, got an answer, and is in Cc of a
/// neighbour's mail; plus unrelated mail and an old newsletter.
fn mailbox(env: &TestEnv) -> Vec<String> {
    let zoe = format!("Zoé {NAME} <{ADDRESS}>");
    let msgs = [
        mail(
            &zoe,
            OFFICE,
            "",
            "z1@x.fr",
            "02 Mar 2026 10:00:00 +0100",
            "Bruit de la déchetterie",
            "Madame la Sénatrice, la déchetterie de Vif fait du bruit la nuit. Zoé Quintard-Vasseur",
        ),
        mail(
            OFFICE,
            ADDRESS,
            "In-Reply-To: <z1@x.fr>\r\n",
            "r1@s.fr",
            "03 Mar 2026 10:00:00 +0100",
            "RE: Bruit de la déchetterie",
            "Madame Quintard-Vasseur, nous saisissons la mairie.",
        ),
        mail(
            &zoe,
            OFFICE,
            "In-Reply-To: <r1@s.fr>\r\n",
            "z2@x.fr",
            "05 Mar 2026 10:00:00 +0100",
            "RE: Bruit de la déchetterie",
            "Merci beaucoup.",
        ),
        mail(
            "Paul Martin <paul.martin@orange.fr>",
            OFFICE,
            &format!("Cc: {ADDRESS}\r\n"),
            "p1@o.fr",
            "06 Mar 2026 10:00:00 +0100",
            "Déchetterie de Vif",
            "Je soutiens la demande de ma voisine.",
        ),
        mail(
            "Jean Dupont <maire@mairie-vif.fr>",
            OFFICE,
            "",
            "v1@vif.fr",
            "07 Mar 2026 10:00:00 +0100",
            "Subvention école",
            "Madame la Sénatrice, demande de DETR pour l'école de Vif.",
        ),
        mail(
            "La lettre <newsletter@amf38.fr>",
            OFFICE,
            "List-Id: <lettre.amf38.fr>\r\n",
            "n1@amf.fr",
            "01 Jan 2025 08:00:00 +0100",
            "La lettre des maires",
            "Actualités du mois.",
        ),
    ];
    let mut paths = Vec::new();
    for (i, m) in msgs.iter().enumerate() {
        let path = env.path(&format!("m{i}.eml"));
        std::fs::write(&path, m).unwrap();
        paths.push(path.to_str().unwrap().to_string());
    }
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    env.ingest(&args);
    paths
}

/// Every file under `dir` whose bytes contain `needle` (ASCII, any case).
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    let needle = needle.to_ascii_lowercase();
    let mut hits = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap().to_ascii_lowercase();
                if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                    hits.push(path.display().to_string());
                }
            }
        }
    }
    hits
}

fn export_ids(env: &TestEnv) -> Vec<String> {
    env.export()
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn person_export_gives_every_message_case_and_note() {
    let env = TestEnv::new();
    env.init_isere();
    mailbox(&env);
    let case = env
        .export()
        .iter()
        .find(|m| m["message_id"] == "z1@x.fr")
        .unwrap()["case_id"]
        .clone();
    env.ok(&[
        "case",
        "note",
        &case.to_string(),
        "Mme",
        NAME,
        "rappellera jeudi",
    ]);
    let out = env.path("access");
    env.ok(&["person", "export", ADDRESS, "--out", out.to_str().unwrap()]);
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("person.json")).unwrap()).unwrap();
    let subjects: Vec<&str> = index["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        subjects.len(),
        4,
        "her two mails, the answer, the neighbour's Cc: {subjects:?}"
    );
    for m in index["messages"].as_array().unwrap() {
        let file = out.join(m["file"].as_str().unwrap());
        assert!(
            std::fs::read(&file).unwrap().starts_with(b"From: "),
            "original bytes in {}",
            file.display()
        );
    }
    assert!(
        index["cases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["notes"][0]["text"].as_str().unwrap().contains(NAME))
    );
    let summary = std::fs::read_to_string(out.join("summary.txt")).unwrap();
    assert!(
        summary.contains("4 messages") && summary.contains("Bruit de la déchetterie"),
        "{summary}"
    );
}

#[test]
fn erasure_leaves_nothing_in_any_file() {
    let env = TestEnv::new();
    env.init_isere();
    mailbox(&env);
    // Her case gets a note naming her; the neighbour's case too (shared topic).
    let export = env.export();
    let case_of =
        |id: &str| export.iter().find(|m| m["message_id"] == id).unwrap()["case_id"].to_string();
    // Paul writes again (without her): his case outlives the erasure.
    let again = env.path("paul2.eml");
    std::fs::write(
        &again,
        mail(
            "Paul Martin <paul.martin@orange.fr>",
            OFFICE,
            "In-Reply-To: <p1@o.fr>\r\n",
            "p2@o.fr",
            "08 Mar 2026 10:00:00 +0100",
            "RE: Déchetterie de Vif",
            "Des nouvelles de la mairie ?",
        ),
    )
    .unwrap();
    env.ingest(&[again.to_str().unwrap()]);
    env.ok(&["case", "note", &case_of("z1@x.fr"), "Appeler Mme", NAME]);
    // By her full name: a surname alone is not the person (see tests/security_erasure.rs).
    env.ok(&[
        "case",
        "note",
        &case_of("p1@o.fr"),
        "Voisin de Mme Zoé",
        NAME,
        "soutient sa demande",
    ]);
    env.ok(&[
        "case",
        "note",
        &case_of("p1@o.fr"),
        "Dossier à suivre avec la mairie",
    ]);
    // Staff read her mail: the access log names her.
    env.ok(&["show", "z1@x.fr"]);
    env.search(&["déchetterie"]);
    assert!(env.ok(&["access-log", "--person", ADDRESS]).lines().count() >= 2);
    assert!(
        !files_containing(&env.data(), ADDRESS).is_empty(),
        "the test would prove nothing"
    );

    // A dry run changes nothing.
    let out = env.ok(&["person", "erase", ADDRESS, "--dry-run"]);
    assert!(out.contains("4 messages"), "{out}");
    assert_eq!(env.export().len(), 7);
    // Without --yes and without a terminal, it refuses.
    assert!(!env.run(&["person", "erase", ADDRESS]).status.success());
    assert_eq!(env.export().len(), 7);

    let out = env.ok(&["person", "erase", ADDRESS, "--yes", "--as", "claire"]);
    assert!(out.contains("erased: 4 messages"), "{out}");
    // Nothing left anywhere: raw files, SQLite (after VACUUM), WAL, index segments.
    for needle in [ADDRESS, NAME, "quintard"] {
        let hits = files_containing(&env.data(), needle);
        assert!(hits.is_empty(), "{needle:?} still in {hits:?}");
    }
    // The rest is intact and consistent.
    let mut left = export_ids(&env);
    left.sort();
    assert_eq!(left, ["n1@amf.fr", "p2@o.fr", "v1@vif.fr"]);
    assert_eq!(env.search(&["école"]).1, 1);
    assert_eq!(env.search(&["déchetterie"]).1, 1, "only Paul's second mail");
    env.ok(&["verify"]);
    // The neighbour's case lost his mail (Cc: her) and the note naming her, kept the other.
    let cases: Vec<Value> = env
        .ok(&["export", "--cases"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let paul = cases
        .iter()
        .find(|c| {
            c["messages"].as_array().unwrap().len() == 1 && c["title"] == "Déchetterie de Vif"
        })
        .expect("Paul's case stays");
    let notes: Vec<&str> = paul["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["Dossier à suivre avec la mairie"]);
    assert!(
        paul["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["after"] == "[note effacée]")
    );
    // The access log keeps that someone read something, not whose mail it was.
    let log = env.ok(&["access-log"]);
    assert!(log.contains("[effacé]"), "{log}");
    // The audit log says an erasure happened, with counts only.
    let status = env.ok(&["status"]);
    assert!(
        status.contains("erasures:  1 (RGPD requests), 4 messages erased"),
        "{status}"
    );
}

#[test]
fn retention_removes_old_automatic_mail_and_is_counted() {
    let env = TestEnv::new();
    env.init_isere();
    mailbox(&env);
    env.ok(&["retention", "run"]); // no policy: nothing
    assert_eq!(env.export().len(), 6);
    let config = env.data().join("permanence.toml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("automatic_months = 0", "automatic_months = 6");
    std::fs::write(&config, text).unwrap();
    let out = env.ok(&["retention", "run", "--dry-run"]);
    assert!(
        out.contains("would remove 1 messages: 1 automatic"),
        "{out}"
    );
    assert_eq!(env.export().len(), 6);
    let out = env.ok(&["retention", "run"]);
    assert!(out.contains("removed 1 messages"), "{out}");
    assert!(!export_ids(&env).contains(&"n1@amf.fr".to_string()));
    assert_eq!(env.search(&["actualités"]).1, 0);
    env.ok(&["verify"]);
    assert!(env.ok(&["status"]).contains("retention: 1 runs"));

    // Citizens' mail: her case, closed more than two years ago, goes; the open ones stay.
    let export = env.export();
    let case = export
        .iter()
        .find(|m| m["message_id"] == "z1@x.fr")
        .unwrap()["case_id"]
        .to_string();
    env.ok(&["case", "state", &case, "closed"]);
    let config = env.data().join("permanence.toml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("citizens_years = 0", "citizens_years = 2");
    std::fs::write(&config, text).unwrap();
    let out = env.ok(&["retention", "run"]);
    assert!(out.contains("removed 0 messages"), "closed today: {out}");
    let db = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    db.execute(
        "UPDATE cases SET updated_at = updated_at - 3 * 365 * 86400 WHERE id = ?1",
        [case.parse::<i64>().unwrap()],
    )
    .unwrap();
    drop(db);
    let out = env.ok(&["retention", "run"]);
    assert!(
        out.contains("removed 3 messages") && out.contains("3 citizens'"),
        "{out}"
    );
    let mut left = export_ids(&env);
    left.sort();
    assert_eq!(left, ["p1@o.fr", "v1@vif.fr"]);
    env.ok(&["verify"]);
}

#[test]
fn backup_restore_and_verify() {
    let env = TestEnv::new();
    env.init_isere();
    mailbox(&env);
    let backup = env.path("backup");
    let out = env.ok(&["backup", backup.to_str().unwrap()]);
    assert!(out.contains("6 messages"), "{out}");
    // A second backup into the same directory copies nothing new.
    assert!(
        env.ok(&["backup", backup.to_str().unwrap()])
            .contains("(0 copied now)")
    );
    let restored = env.path("restored");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_permanence"))
            .arg("--data")
            .arg(&restored)
            .args(args)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let out = run(&["restore", backup.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["verify", "--json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["report"]["messages"], 6);
    assert_eq!(v["report"]["indexed"], 6);
    let out = run(&["search", "--json", "déchetterie"]);
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        hits["total"],
        env.search(&["déchetterie"]).1,
        "the index was rebuilt"
    );
    assert_eq!(hits["total"], 4);
    // Restoring over a database is refused.
    assert!(!run(&["restore", backup.to_str().unwrap()]).status.success());
    // A damaged byte in a pack is found and the message named; verify exits 1.
    let db = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    let (name, pack, offset): (String, i64, i64) = db
        .query_row(
            "SELECT hash, pack, offset FROM raw_blobs ORDER BY pack, offset LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    drop(db);
    let file = env.data().join("raw/packs").join(format!("{pack:08}.pack"));
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[offset as usize + 3] ^= 0x20;
    std::fs::write(&file, &bytes).unwrap();
    let out = env.run(&["verify"]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&name) && text.contains("PROBLEMS"), "{text}");
}

#[test]
fn the_access_log_says_who_read_whose_mail() {
    let env = TestEnv::new();
    env.init_isere();
    mailbox(&env);
    let as_user = |args: &[&str], user: &str| {
        let out = env.cmd(args).env("PERMANENCE_USER", user).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    as_user(&["search", "école"], "claire");
    as_user(&["show", "p1@o.fr"], "thomas");
    let export = env.export();
    let case = export
        .iter()
        .find(|m| m["message_id"] == "z1@x.fr")
        .unwrap()["case_id"]
        .to_string();
    as_user(&["case", "show", &case], "claire");
    let entries: Vec<Value> = env
        .ok(&["access-log", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let find = |action: &str| {
        entries
            .iter()
            .find(|e| e["action"] == action)
            .unwrap_or_else(|| panic!("{action}: {entries:?}"))
    };
    assert_eq!(find("search")["who"], "claire");
    assert_eq!(find("search")["target"], "école");
    assert_eq!(
        find("search")["persons"],
        serde_json::json!(["maire@mairie-vif.fr"])
    );
    assert_eq!(find("show")["who"], "thomas");
    assert_eq!(
        find("show")["persons"],
        serde_json::json!(["paul.martin@orange.fr"])
    );
    assert_eq!(
        find("case")["persons"],
        serde_json::json!([ADDRESS]),
        "her mail and the office's answer to her"
    );
    // Filtered by person.
    let hers = env.ok(&["access-log", "--person", ADDRESS]);
    assert_eq!(hers.lines().count(), 1, "{hers}");
    // Kept per the policy: entries older than access_log_days are pruned by the retention run.
    let db = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    db.execute(
        "UPDATE access_log SET at = at - 400 * 86400 WHERE action = 'search'",
        [],
    )
    .unwrap();
    drop(db);
    env.ok(&["retention", "run"]);
    let left = env.ok(&["access-log"]);
    assert!(!left.contains("search"), "{left}");
    assert!(left.contains("show"), "{left}");
}

#[test]
fn an_official_is_exported_and_erased_by_id() {
    let env = TestEnv::new();
    env.init_isere();
    let official = env.import_mayors_and_get("32001");
    let oid = official["id"].to_string();
    let path = env.path("m.eml");
    std::fs::write(
        &path,
        mail(
            "R. P. <rp.perso@gmail.com>",
            OFFICE,
            "",
            "rp1@gmail.com",
            "02 Mar 2023 10:00:00 +0100",
            "Salle des fêtes",
            "Bonjour.",
        ),
    )
    .unwrap();
    env.ingest(&[path.to_str().unwrap()]);
    env.ok(&["officials", "confirm", "rp1@gmail.com", &oid]);
    let out = env.path("access");
    env.ok(&["person", "export", &oid, "--out", out.to_str().unwrap()]);
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("person.json")).unwrap()).unwrap();
    assert_eq!(
        index["person"]["addresses"],
        serde_json::json!(["rp.perso@gmail.com"])
    );
    assert_eq!(index["messages"].as_array().unwrap().len(), 1);
    assert!(
        !index["directory"]["official"]["mandates"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Retention of officials' mail: kept while the mandate runs, removed years after it ended.
    let config = env.data().join("permanence.toml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("officials_years = 0", "officials_years = 2");
    std::fs::write(&config, text).unwrap();
    assert!(
        env.ok(&["retention", "run", "--dry-run"])
            .contains("would remove 0 messages")
    );
    let db = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    db.execute(
        "UPDATE mandates SET end_date = '2020-06-30' WHERE official = ?1",
        [official["id"].as_i64().unwrap()],
    )
    .unwrap();
    drop(db);
    // Not while its case is being worked on.
    assert!(
        env.ok(&["retention", "run", "--dry-run"])
            .contains("would remove 0 messages")
    );
    let case = env.export()[0]["case_id"].to_string();
    env.ok(&["case", "state", &case, "closed"]);
    let dry = env.ok(&["retention", "run", "--dry-run"]);
    assert!(
        dry.contains("would remove 1 messages") && dry.contains("1 officials'"),
        "{dry}"
    );
    let erased = env.ok(&["person", "erase", &oid, "--yes"]);
    assert!(erased.contains("public data and stays"), "{erased}");
    assert!(env.export().is_empty());
    assert!(files_containing(&env.data(), "rp.perso@gmail.com").is_empty());
    // The directory entry is still there.
    assert!(
        env.ok(&["officials", "show", &oid])
            .contains(official["nom"].as_str().unwrap())
    );
}
