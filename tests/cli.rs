//! The CLI contract end to end: ingest (Maildir, mbox, files, stdin) is idempotent, search finds
//! French forms and honours the query syntax and filters, show --raw gives the original bytes
//! back, export has the documented fields, reindex changes no result.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::util::{TestEnv, fixture_messages, make_maildir};

/// Small messages whose words the search tests rely on.
const EGLISE: &str = "From: Jean DUPONT <maire@mairie-vif.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
Subject: =?UTF-8?Q?R=C3=A9fection_de_l'=C3=89glise_Saint-Jean?=\r\nDate: Fri, 14 Mar 2025 10:14:00 +0100\r\n\
Message-ID: <eglise-1@mairie-vif.fr>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: 8bit\r\n\r\nMonsieur le Sénateur,\r\nla toiture de l'Église menace de s'effondrer.\r\n\
Nous sollicitons une subvention DETR.\r\n\r\nJean DUPONT\r\nMaire de Vif\r\n";

const ECOLES: &str = "From: Claire Martin <c.martin@ville-meylan.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
Subject: Carte scolaire\r\nDate: Tue, 07 Jan 2025 09:00:00 +0100\r\nMessage-ID: <ecoles-1@ville-meylan.fr>\r\n\
MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
Les =E9coles de Meylan perdent deux classes =E0 la rentr=E9e.\r\n";

const QUOTED: &str = "From: Paul Durand <paul.durand@gmail.com>\r\nTo: permanence@senateur-exemple.fr\r\n\
Subject: Re: Permis de construire\r\nDate: Mon, 02 Jun 2025 18:30:00 +0200\r\nMessage-ID: <quoted-1@gmail.com>\r\n\
In-Reply-To: <office-1@senateur-exemple.fr>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
Merci pour votre retour rapide.\r\n\r\nLe 1 juin 2025 à 10:00, Permanence <permanence@senateur-exemple.fr> a écrit :\r\n\
> Nous avons transmis votre dossier de gendarmerie au préfet.\r\n";

fn write_inputs(env: &TestEnv) -> Vec<std::path::PathBuf> {
    [
        ("eglise.eml", EGLISE),
        ("ecoles.eml", ECOLES),
        ("quoted.eml", QUOTED),
    ]
    .iter()
    .map(|(name, text)| {
        let path = env.path(name);
        std::fs::write(&path, text).unwrap();
        path
    })
    .collect()
}

fn id_of(env: &TestEnv, message_id: &str) -> i64 {
    env.export()
        .iter()
        .find(|m| m["message_id"] == message_id)
        .unwrap_or_else(|| panic!("{message_id} not exported"))["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn ingesting_a_maildir_twice_stores_nothing_new() {
    let env = TestEnv::new();
    let files = fixture_messages("");
    assert!(files.len() > 150, "fixtures missing: {}", files.len());
    let maildir = env.path("Maildir");
    make_maildir(&maildir, &files);
    let first = env.ingest(&["--maildir", maildir.to_str().unwrap()]);
    let stored = first["counts"]["new"].as_u64().unwrap();
    assert!(stored > 150);
    let second = env.ingest(&["--maildir", maildir.to_str().unwrap()]);
    assert_eq!(second["counts"]["new"], 0);
    assert_eq!(
        second["counts"]["known"].as_u64().unwrap(),
        files.len() as u64 - first["counts"]["failed"].as_u64().unwrap()
            + first["problems"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["message"].is_number() && p["severity"] == "error")
                .count() as u64
    );
    assert_eq!(env.export().len() as u64, stored);
    let stats: serde_json::Value = serde_json::from_str(&env.ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["messages"].as_u64().unwrap(), stored);
    assert_eq!(stats["raw_store_files"].as_u64().unwrap(), stored);
    assert_eq!(stats["index_documents"].as_u64().unwrap(), stored);

    // A re-read skips a file recorded at that path only while its size is what was stored
    // (issue 18): a file rewritten in place is read again and its new bytes stored; a file
    // renamed (its flags changed) is read, hashed and known.
    let mut paths: Vec<PathBuf> = std::fs::read_dir(maildir.join("cur"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    std::fs::write(
        &paths[0],
        "From: Rewritten <rewritten@example.org>\r\nSubject: rewritten in place\r\n\
         Message-ID: <rewritten-in-place@example.org>\r\n\r\nNew bytes at a known path.\r\n",
    )
    .unwrap();
    let renamed = paths[1].with_file_name(format!(
        "{}R",
        paths[1].file_name().unwrap().to_str().unwrap()
    ));
    std::fs::rename(&paths[1], &renamed).unwrap();
    let third = env.ingest(&["--maildir", maildir.to_str().unwrap()]);
    assert_eq!(third["counts"]["new"], 1, "{third}");
    let known = third["counts"]["known"].as_u64().unwrap();
    let before = second["counts"]["known"].as_u64().unwrap();
    assert!(known + 1 >= before && known <= before, "{third}");
    assert_eq!(env.export().len() as u64, stored + 1);
}

#[test]
fn search_finds_accented_and_inflected_forms() {
    let env = TestEnv::new();
    let files = write_inputs(&env);
    let args: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    env.ingest(&args);
    let eglise = id_of(&env, "eglise-1@mairie-vif.fr");
    let ecoles = id_of(&env, "ecoles-1@ville-meylan.fr");
    assert_eq!(env.search(&["eglise"]).0, vec![eglise]);
    assert_eq!(env.search(&["ÉGLISE"]).0, vec![eglise]);
    assert_eq!(env.search(&["l'église"]).0, vec![eglise]);
    assert_eq!(
        env.search(&["école"]).0,
        vec![ecoles],
        "écoles (latin-1 QP) must match école"
    );
    assert_eq!(env.search(&["rentree"]).0, vec![ecoles]);
    assert_eq!(env.search(&["subventions"]).0, vec![eglise]);
}

/// Issue 17: stop words never make a query find less than the same query without them; French
/// field names, operators and unaccented values work beside the English ones.
#[test]
fn french_stop_words_fields_and_operators_never_lose_results() {
    let env = TestEnv::new();
    env.init_isere();
    let mail = |id: &str, from: &str, subject: &str, body: &str| {
        format!(
            "From: {from}\r\nTo: permanence@senateur-exemple.fr\r\nMessage-ID: <{id}>\r\n\
             Date: 02 Mar 2026 10:00:00 +0100\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
        )
    };
    env.ingest_bytes(
        "permis.eml",
        mail(
            "permis-1@mairie-vif.fr",
            "Jean Dupont <maire@mairie-vif.fr>",
            "Permis de construire du lotissement",
            "Madame la Sénatrice, le permis de construire de la maison de santé de Vif est bloqué.",
        ),
    );
    env.ingest_bytes(
        "smh.eml",
        mail(
            "smh-1@saintmartindheres.fr",
            "Service urbanisme <urbanisme@saintmartindheres.fr>",
            "Réunion à Saint-Martin-d'Hères",
            "Réunion publique sur le plan local d'urbanisme de Saint-Martin-d'Hères.",
        ),
    );
    let total = |q: &str| env.search(&[q]).1;
    assert!(total("permis construire") >= 1);
    for (with, without) in [
        ("permis de construire", "permis construire"),
        (
            "le permis de construire de la maison",
            "permis construire maison",
        ),
        ("maison de santé", "\"maison de santé\""),
        ("objet:permis", "subject:permis"),
        ("de:dupont", "from:dupont"),
        (
            "à:permanence@senateur-exemple.fr",
            "to:permanence@senateur-exemple.fr",
        ),
        ("nature:courrier", "kind:personal"),
        ("permis ET santé", "permis AND santé"),
        ("permis OU réunion", "permis OR réunion"),
    ] {
        assert!(total(without) >= 1, "{without}");
        assert_eq!(total(with), total(without), "{with} / {without}");
    }
    assert_eq!(total("Saint-Martin-d'Hères"), 1);
    assert_eq!(total("saint-martin-d'heres"), 1);
    assert_eq!(total("permis SAUF lotissement"), 0);
    // Most recent first on demand (issue 17): the later message leads whatever its relevance.
    env.ingest_bytes(
        "permis-later.eml",
        mail(
            "permis-2@mairie-vif.fr",
            "Jean Dupont <maire@mairie-vif.fr>",
            "Relance",
            "Où en est le permis ?",
        )
        .replace("02 Mar 2026", "09 Mar 2026"),
    );
    let (relevance, _) = env.search(&["permis"]);
    let (by_date, _) = env.search(&["--sort", "date", "permis"]);
    assert_eq!(relevance.len(), 2);
    let later = *by_date.first().expect("two hits");
    assert_eq!(by_date.len(), 2);
    assert!(by_date.contains(&relevance[0]) && by_date.contains(&relevance[1]));
    let dates: Vec<i64> = {
        let out = env.ok(&["search", "--json", "--sort", "date", "permis"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["date"].as_i64().unwrap())
            .collect()
    };
    assert!(dates[0] > dates[1], "{dates:?}");
    assert_eq!(
        relevance[0], by_date[1],
        "the subject match ranks first by relevance"
    );
    assert_ne!(later, relevance[0]);
    assert_eq!(total("réunion SAUF lotissement"), total("réunion"));
    assert_eq!(total("réunion SAUF lotissement"), 1);
}

#[test]
fn query_syntax_fields_phrases_booleans_dates_and_filters() {
    let env = TestEnv::new();
    let files = write_inputs(&env);
    let args: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    env.ingest(&args);
    let eglise = id_of(&env, "eglise-1@mairie-vif.fr");
    let ecoles = id_of(&env, "ecoles-1@ville-meylan.fr");
    let quoted = id_of(&env, "quoted-1@gmail.com");
    let set = |ids: Vec<i64>| ids.into_iter().collect::<BTreeSet<_>>();
    assert_eq!(env.search(&["subject:carte"]).0, vec![ecoles]);
    assert_eq!(
        env.search(&["objet:scolaire"]).0,
        vec![ecoles],
        "French alias"
    );
    assert_eq!(
        env.search(&["body:carte"]).1,
        0,
        "carte is only in the subject"
    );
    assert_eq!(env.search(&["\"toiture de l'église\""]).0, vec![eglise]);
    assert_eq!(
        env.search(&["\"église toiture\""]).1,
        0,
        "phrase order matters"
    );
    assert_eq!(
        set(env.search(&["eglise OR ecoles"]).0),
        set(vec![eglise, ecoles])
    );
    assert_eq!(env.search(&["eglise AND ecoles"]).1, 0);
    assert_eq!(
        set(env.search(&["permanence NOT eglise"]).0),
        set(vec![ecoles, quoted])
    );
    assert_eq!(env.search(&["from:mairie-vif.fr"]).0, vec![eglise]);
    assert_eq!(env.search(&["from:dupont"]).0, vec![eglise]);
    assert_eq!(env.search(&["date:2025-03"]).0, vec![eglise]);
    assert_eq!(
        set(env.search(&["date:2025-01..2025-03-31"]).0),
        set(vec![eglise, ecoles])
    );
    assert_eq!(env.search(&["date:2025-06.."]).0, vec![quoted]);
    assert_eq!(
        env.search(&["--from", "c.martin@ville-meylan.fr", "classes"])
            .0,
        vec![ecoles]
    );
    assert_eq!(
        env.search(&[
            "--since",
            "2025-03-01",
            "--until",
            "2025-03-31",
            "permanence"
        ])
        .0,
        vec![eglise]
    );
    assert_eq!(
        env.search(&["--until", "2025-01-07", "permanence"]).0,
        vec![ecoles],
        "--until includes the day"
    );
    // Quoted text is searchable but ranks below the sender's own words.
    assert_eq!(env.search(&["gendarmerie"]).0, vec![quoted]);
    let bad = env.run(&["search", "date:someday"]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("date"),
        "error names the problem"
    );
}

#[test]
fn search_prints_a_highlighted_snippet() {
    let env = TestEnv::new();
    let files = write_inputs(&env);
    env.ok(&["ingest", files[0].to_str().unwrap()]);
    let out = env.ok(&["search", "toiture"]);
    assert!(out.contains("Jean DUPONT <maire@mairie-vif.fr>"), "{out}");
    assert!(out.contains("Réfection de l'Église Saint-Jean"), "{out}");
    assert!(
        out.contains("[toiture]"),
        "snippet highlights the match: {out}"
    );
    assert!(out.contains("1 message(s) match"), "{out}");
}

#[test]
fn show_raw_returns_every_original_byte_for_byte() {
    let env = TestEnv::new();
    let files = fixture_messages("");
    let args: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    let report = env.ingest(&args);
    assert!(report["counts"]["new"].as_u64().unwrap() > 150);
    let exported = env.export();
    let by_hash: std::collections::HashMap<String, i64> = exported
        .iter()
        .map(|m| {
            (
                m["sha256"].as_str().unwrap().to_string(),
                m["id"].as_i64().unwrap(),
            )
        })
        .collect();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        if bytes.is_empty() {
            continue;
        }
        use sha2::Digest as _;
        let hash = hex::encode(sha2::Sha256::digest(&bytes));
        let id = by_hash
            .get(&hash)
            .unwrap_or_else(|| panic!("{} not stored", file.display()));
        let out = env.run(&["show", "--raw", &id.to_string()]);
        assert!(out.status.success());
        assert!(out.stdout == bytes, "{} differs", file.display());
    }
}

#[test]
fn show_by_message_id_prints_headers_and_text() {
    let env = TestEnv::new();
    let files = write_inputs(&env);
    env.ok(&["ingest", files[0].to_str().unwrap()]);
    for id in ["<eglise-1@mairie-vif.fr>", "eglise-1@mairie-vif.fr"] {
        let out = env.ok(&["show", id]);
        assert!(
            out.contains("Subject:    Réfection de l'Église Saint-Jean"),
            "{out}"
        );
        assert!(out.contains("la toiture de l'Église menace"), "{out}");
        assert!(
            out.contains("Date:       2025-03-14T10:14:00+01:00"),
            "{out}"
        );
    }
    assert!(!env.run(&["show", "<nope@x>"]).status.success());
}

#[test]
fn export_has_the_contract_fields_in_date_order_and_is_stable() {
    let env = TestEnv::new();
    let files = write_inputs(&env);
    let args: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    env.ingest(&args);
    let first = env.ok(&["export", "--format", "jsonl"]);
    assert_eq!(
        first,
        env.ok(&["export", "--format", "jsonl"]),
        "export is deterministic"
    );
    let messages = env.export();
    assert_eq!(messages.len(), 3);
    let dates: Vec<String> = messages
        .iter()
        .map(|m| m["date"].as_str().unwrap().to_string())
        .collect();
    let parsed: Vec<chrono::DateTime<chrono::FixedOffset>> = dates
        .iter()
        .map(|d| chrono::DateTime::parse_from_rfc3339(d).expect("RFC 3339"))
        .collect();
    assert!(
        parsed.windows(2).all(|w| w[0] <= w[1]),
        "date order: {dates:?}"
    );
    let e = messages
        .iter()
        .find(|m| m["message_id"] == "eglise-1@mairie-vif.fr")
        .unwrap();
    for key in [
        "id",
        "message_id",
        "date",
        "from",
        "to",
        "subject",
        "kind",
        "language",
        "official",
        "communes",
        "themes",
        "case_id",
        "attachments",
    ] {
        assert!(e.get(key).is_some(), "missing {key}");
    }
    assert_eq!(e["date"], "2025-03-14T10:14:00+01:00");
    assert_eq!(
        e["from"],
        serde_json::json!({"name": "Jean DUPONT", "address": "maire@mairie-vif.fr"})
    );
    assert_eq!(
        e["to"],
        serde_json::json!([{"name": "", "address": "permanence@senateur-exemple.fr"}])
    );
    assert_eq!(e["subject"], "Réfection de l'Église Saint-Jean");
    assert_eq!(e["kind"], "personal");
    assert_eq!(e["language"], "fr");
    assert_eq!(e["official"], serde_json::Value::Null);
    assert_eq!(
        e["communes"],
        serde_json::json!(["38545"]),
        "signed « Maire de Vif »"
    );
    assert_eq!(
        e["themes"],
        serde_json::json!(["finances-locales", "culture-patrimoine-sport"]),
        "primary first (issue 15): a DETR subsidy request (DETR, subvention), about the church the subject names"
    );
    assert_eq!(e["primary_theme"], "finances-locales");
    assert!(e["case_id"].is_i64(), "personal mail is filed in a case");
    assert_eq!(e["outgoing"], false);
    assert_eq!(e["bounce_of"], serde_json::Value::Null);
    assert_eq!(e["attachments"], serde_json::json!([]));
    let q = messages
        .iter()
        .find(|m| m["message_id"] == "quoted-1@gmail.com")
        .unwrap();
    assert_eq!(q["in_reply_to"], "office-1@senateur-exemple.fr");
    // Round trip: every exported message can be fetched back by its id and Message-ID.
    for m in &messages {
        let by_id = env.ok(&["show", &m["id"].to_string()]);
        let by_mid = env.ok(&["show", m["message_id"].as_str().unwrap()]);
        assert_eq!(by_id, by_mid);
        assert!(by_id.contains(m["subject"].as_str().unwrap()));
    }
}

#[test]
fn reindex_gives_the_same_results() {
    let env = TestEnv::new();
    let files = fixture_messages("");
    let args: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    env.ingest(&args);
    let queries = [
        "eglise",
        "subvention",
        "from:gmail.com",
        "date:2025",
        "attachment:pdf",
        "mairie OR commune",
        "the",
    ];
    // Equal scores may come back in another order after a rebuild: compare as sets.
    let run = |q: &&str| {
        let (ids, total) = env.search(&[q]);
        (ids.into_iter().collect::<BTreeSet<_>>(), total)
    };
    let before: Vec<_> = queries.iter().map(run).collect();
    assert!(
        before.iter().any(|(ids, _)| !ids.is_empty()),
        "queries must match something"
    );
    let out = env.ok(&["reindex"]);
    assert!(out.starts_with("reindexed "), "{out}");
    let after: Vec<_> = queries.iter().map(run).collect();
    assert_eq!(before, after);
}

#[test]
fn a_lost_index_is_caught_up_by_the_next_ingest() {
    let env = TestEnv::new();
    let files = write_inputs(&env);
    let args: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    env.ingest(&args);
    std::fs::remove_dir_all(env.data().join("index")).unwrap();
    assert_eq!(env.search(&["permanence"]).1, 0);
    let report = env.ingest(&args);
    assert_eq!(report["counts"]["new"], 0);
    assert_eq!(env.search(&["permanence"]).1, 3);
}

#[test]
fn stdin_and_mbox_sources() {
    let env = TestEnv::new();
    let report: serde_json::Value =
        serde_json::from_str(&env.ok_with_stdin(&["ingest", "--json", "-"], EGLISE.as_bytes()))
            .unwrap();
    assert_eq!(report["counts"]["new"], 1);
    // An mbox with an escaped From line in a body (mboxrd).
    let body_with_from = "From: a@b.fr\nSubject: mbox two\nMessage-ID: <m2@b.fr>\n\nline\n>From the start\n>>From quoted\n";
    let mbox = format!(
        "From a@b.fr Mon Jan  1 00:00:00 2024\n{}\nFrom c@d.fr Mon Jan  1 00:00:00 2024\n{}\n",
        EGLISE.replace("\r\n", "\n"),
        body_with_from
    );
    let path = env.path("box.mbox");
    std::fs::write(&path, mbox).unwrap();
    let report = env.ingest(&["--mbox", path.to_str().unwrap()]);
    assert_eq!(report["counts"]["new"], 2, "{report}");
    let id = id_of(&env, "m2@b.fr");
    let raw = env.run(&["show", "--raw", &id.to_string()]).stdout;
    assert_eq!(
        String::from_utf8(raw).unwrap(),
        "From: a@b.fr\nSubject: mbox two\nMessage-ID: <m2@b.fr>\n\nline\nFrom the start\n>From quoted\n"
    );
}

#[test]
fn resends_and_messages_without_message_id() {
    let env = TestEnv::new();
    let a = env.path("a.eml");
    let b = env.path("b.eml");
    let c = env.path("c.eml");
    std::fs::write(
        &a,
        "Message-ID: <same@x.fr>\nFrom: a@x.fr\nSubject: one\n\nfirst version\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "Message-ID: <same@x.fr>\nFrom: a@x.fr\nSubject: one\n\nsecond version\n",
    )
    .unwrap();
    std::fs::write(&c, "From: a@x.fr\nSubject: no id\n\nbody\n").unwrap();
    env.ingest(&[
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        c.to_str().unwrap(),
    ]);
    let messages = env.export();
    assert_eq!(messages.len(), 3);
    let same: Vec<_> = messages
        .iter()
        .filter(|m| m["message_id"] == "same@x.fr")
        .collect();
    assert_eq!(same.len(), 2, "a resend with different bytes is kept");
    let first = same
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .min()
        .unwrap();
    assert!(same.iter().any(|m| m["duplicate_of"] == first));
    let synthetic = messages.iter().find(|m| m["subject"] == "no id").unwrap();
    assert_eq!(synthetic["synthetic_message_id"], true);
    // Stable: the same bytes in another data directory get the same synthetic id.
    let other = TestEnv::new();
    other.ingest(&[c.to_str().unwrap()]);
    assert_eq!(other.export()[0]["message_id"], synthetic["message_id"]);
}

#[test]
fn data_directory_comes_from_the_environment_and_init_writes_a_config() {
    let env = TestEnv::new();
    let dir = env.path("from-env");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_permanence"))
        .arg("init")
        .env("PERMANENCE_DATA", &dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let config = std::fs::read_to_string(dir.join("permanence.toml")).unwrap();
    assert!(config.contains("max_parse_mb"));
    assert!(dir.join("permanence.sqlite3").exists());
    // init again keeps the configuration.
    std::fs::write(dir.join("permanence.toml"), "[ingest]\nbatch_size = 7\n").unwrap();
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_permanence"))
        .args(["--data", dir.to_str().unwrap(), "init"])
        .output()
        .unwrap();
    assert!(again.status.success());
    assert_eq!(
        std::fs::read_to_string(dir.join("permanence.toml")).unwrap(),
        "[ingest]\nbatch_size = 7\n"
    );
    // A broken configuration is refused with its line.
    std::fs::write(
        dir.join("permanence.toml"),
        "[ingest]\nbatch_size = 7\nbogus = 1\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_permanence"))
        .args(["--data", dir.to_str().unwrap(), "stats"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("permanence.toml:3"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn demo_builds_a_searchable_data_directory() {
    let env = TestEnv::new();
    // The whole of 2026 as work (the demo's own go-live is September: `go_live.rs` tests it),
    // so that the queue holds the year's requests and the April motion.
    let out = env.ok(&["demo", "--no-serve", "--go-live", "2026-01-01"]);
    assert!(out.contains("messages stored"), "{out}");
    assert!(out.contains("search"), "the tour suggests searches: {out}");
    let count = env.export().len();
    assert!(
        count > 190,
        "demo has the office mailbox and the real-world messages: {count}"
    );
    assert!(env.search(&["eglise"]).1 > 0);
    // The morning queue shows the office's requests, the forty-council motion as one campaign,
    // and none of the public test messages (stored and searchable, filed in no case).
    let queue: Vec<serde_json::Value> = env
        .ok(&["triage", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(queue.len() > 100, "{}", queue.len());
    assert!(queue.iter().all(|c| c["title"] != "Sample message"));
    // No case list or dashboard counts them: they are in no case at all, yet stored.
    let db = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    let rows = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    const CORPORA: &str = "(s.location LIKE 'fixtures/mail/cpython/%' OR s.location LIKE 'fixtures/mail/mail-parser/%')";
    assert!(
        rows(&format!(
            "SELECT count(DISTINCT s.message) FROM message_sources s WHERE {CORPORA}"
        )) > 40
    );
    assert_eq!(
        rows(&format!(
            "SELECT count(*) FROM message_cases mc JOIN message_sources s ON s.message = mc.message WHERE {CORPORA}"
        )),
        0,
        "test corpora filed in cases"
    );
    let motion = queue
        .iter()
        .find(|c| c["kind"] == "campaign" && c["messages"].as_array().unwrap().len() >= 40)
        .expect("the motion campaign");
    assert!(motion["parties"].as_array().unwrap().len() >= 40);
    // Running it again stores nothing new and opens no case.
    let cases = env.ok(&["export", "--cases"]).lines().count();
    env.ok(&["demo", "--no-serve"]);
    assert_eq!(env.export().len(), count);
    assert_eq!(env.ok(&["export", "--cases"]).lines().count(), cases);
}

#[test]
fn status_reports_each_folder_and_warns_about_a_silent_mailbox() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let config = env.data().join("permanence.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[[mailbox]]\nname = \"bureau\"\nhost = \"127.0.0.1\"\nport = 1\nsecurity = \"plain\"\nusername = \"office\"\npassword_env = \"NOPE\"\nsent_folder = \"Sent\"\n");
    std::fs::write(&config, text).unwrap();
    let out = env.ok(&["status"]);
    assert!(
        out.contains("bureau/INBOX") && out.contains("bureau/Sent"),
        "{out}"
    );
    assert!(out.contains("last sync:    never"), "{out}");
    // A folder synced today whose last new mail is ten days old.
    let conn = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    let now = chrono::Utc::now().timestamp();
    conn.execute(
        "INSERT INTO imap_folders (account, folder, uidvalidity, uid_next, last_sync, last_new_at, last_error, last_error_at) VALUES ('bureau', 'INBOX', 42, 7, ?1, ?2, 'connection reset', ?1)",
        [now, now - 10 * 86_400],
    )
    .unwrap();
    let out = env.ok(&["status"]);
    assert!(out.contains("UIDVALIDITY:  42   next UID: 7"), "{out}");
    assert!(out.contains("last error:   connection reset"), "{out}");
    assert!(
        out.contains("WARNING: no new mail for more than 3 days"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    let inbox = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["folder"] == "INBOX")
        .unwrap();
    assert_eq!(inbox["silent"], true);
    let sent = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["folder"] == "Sent")
        .unwrap();
    assert_eq!(sent["silent"], false, "never synced is not silent");
    // `sync --once` against a closed port fails clearly and records the error.
    let out = env
        .cmd(&["sync", "--once"])
        .env("NOPE", "x")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("cannot connect to 127.0.0.1:1"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn communes_are_tagged_exported_and_searchable() {
    let env = TestEnv::new();
    env.init_isere();
    let files = write_inputs(&env);
    let args: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    env.ingest(&args);
    let eglise = id_of(&env, "eglise-1@mairie-vif.fr");
    let ecoles = id_of(&env, "ecoles-1@ville-meylan.fr");
    assert_eq!(env.search(&["commune:38545"]).0, vec![eglise]);
    assert_eq!(env.search(&["commune:meylan"]).0, vec![ecoles]);
    let show = env.ok(&["show", &eglise.to_string()]);
    assert!(show.contains("Communes:   Vif (38545)"), "{show}");
    let stats = env.ok(&["stats"]);
    assert!(stats.contains("Vif (38545) 1"), "{stats}");
}

#[test]
fn explain_shows_every_decision_and_rules_can_be_tested_before_applying() {
    let env = TestEnv::new();
    let files = write_inputs(&env);
    env.ok(&["ingest", files[0].to_str().unwrap()]);
    let id = id_of(&env, "eglise-1@mairie-vif.fr").to_string();
    let out = env.ok(&["explain", &id]);
    assert!(out.contains("Vif (38545) — locating: « Vif »"), "{out}");
    assert!(
        out.contains("finances-locales — rule finances-locales"),
        "{out}"
    );
    assert!(out.contains("« DETR » in body"), "{out}");
    assert_eq!(
        env.search(&["theme:finances-locales"]).0,
        vec![id.parse::<i64>().unwrap()]
    );
    // An office adds a rule: `rules test` shows the change, changes nothing, `--apply` records it.
    let rule = env.data().join("rules").join("toiture.toml");
    std::fs::write(
        &rule,
        "[[rule]]\nid = \"toitures\"\ntag = \"batiments-communaux\"\nkeywords = [\"église\"]\n",
    )
    .unwrap();
    let out = env.ok(&["rules", "check"]);
    assert!(out.contains("13 rule(s) in 13 file(s): ok"), "{out}");
    let out = env.ok(&["rules", "test"]);
    assert!(
        out.contains("1 would change") && out.contains("toitures") && out.contains("+1 -0"),
        "{out}"
    );
    assert_eq!(
        env.search(&["theme:batiments-communaux"]).1,
        0,
        "not applied yet"
    );
    let out = env.ok(&["rules", "test", "--apply"]);
    assert!(out.contains("applied to 1 message"), "{out}");
    assert_eq!(env.search(&["theme:batiments-communaux"]).1, 1);
    assert!(
        env.export()[0]["themes"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("batiments-communaux"))
    );
    // A broken rule file is refused with file:line and the reason; ingest refuses to run on it.
    std::fs::write(&rule, "[[rule]]\nid = \"toitures\"\ntag = \"x\"\nkeywords = [\"toiture\"]\nthreshold = \"haut\"\n").unwrap();
    let out = env.run(&["rules", "check"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("toiture.toml:5"), "{err}");
}
