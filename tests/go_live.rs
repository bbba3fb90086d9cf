//! Issue 17, « day one is history, not work »: mail older than the go-live date is filed into
//! cases closed as history (answered when the office replied), never in triage, searchable;
//! re-imports change nothing; `go-live --apply` closes what was imported before the date was
//! set; staff reopen a history case; a follow-up after go-live brings it back to triage; the
//! IMAP daemon's first sync respects the date.

use std::io::Write as _;

use serde_json::Value;

use crate::dovecot::Dovecot;
use crate::util::TestEnv;

const OFFICE: &str = "permanence@senateur-exemple.fr";
const GO_LIVE: &str = "2026-03-01";

/// `init --go-live DATE` with the office's territory and address (like `init_isere`).
fn office(go_live: Option<&str>) -> TestEnv {
    let env = TestEnv::new();
    match go_live {
        Some(date) => env.ok(&["init", "--go-live", date]),
        None => env.ok(&["init"]),
    };
    let config = env.data().join("permanence.toml");
    let text = std::fs::read_to_string(&config)
        .expect("config")
        .replace("departements = []", "departements = [\"38\"]")
        .replace("addresses = []", &format!("addresses = [\"{OFFICE}\"]"));
    std::fs::write(&config, text).expect("write config");
    env
}

/// A message of `date` (RFC 2822) from `from` to `to`.
fn mail(
    from: &str,
    to: &str,
    id: &str,
    date: &str,
    subject: &str,
    extra: &str,
    body: &str,
) -> String {
    format!(
        "From: {from}\r\nTo: {to}\r\nMessage-ID: <{id}>\r\nDate: {date}\r\nSubject: {subject}\r\n{extra}\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

/// A year of an office's mail around the go-live date (1 March 2026): per month from March 2025
/// to May 2026 a request from a town hall, and for the older half the office's reply; plus an
/// old thread (« Pont de la Gresse ») whose mayor writes again after go-live, and a request sent
/// at 23:30 in Paris the evening before go-live (22:30 UTC: history, by the office's clock).
fn year_of_mail() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let months = [
        ("2025", "Mar"),
        ("2025", "Apr"),
        ("2025", "May"),
        ("2025", "Jun"),
        ("2025", "Jul"),
        ("2025", "Sep"),
        ("2025", "Oct"),
        ("2025", "Nov"),
        ("2025", "Dec"),
        ("2026", "Jan"),
        ("2026", "Feb"),
        ("2026", "Mar"),
        ("2026", "Apr"),
        ("2026", "May"),
    ];
    // Each its own matter (near-identical letters from several town halls would be a campaign).
    let matters = [
        "la toiture de l'église menace de s'effondrer",
        "le pont sur la Romanche est fermé aux poids lourds",
        "notre école attend sa dotation pour le numérique",
        "la maison de santé cherche deux médecins",
        "le réseau d'eau potable fuit sous la départementale",
        "la fibre n'arrive toujours pas au hameau",
        "le gymnase doit être mis aux normes",
        "les inondations ont détruit le chemin communal",
        "la gendarmerie ferme le samedi",
        "le bureau de poste réduit ses horaires",
        "la cantine manque de personnel",
        "les loups ont attaqué un troupeau",
        "le parking de la gare est saturé",
        "la station d'épuration est vétuste",
    ];
    for (i, (year, month)) in months.iter().enumerate() {
        let id = format!("req-{i}@mairie-{i}.fr");
        let matter = matters[i];
        out.push((
            format!("req-{i}.eml"),
            mail(
                &format!("Maire {i} <maire@mairie-{i}.fr>"),
                OFFICE,
                &id,
                &format!("10 {month} {year} 09:00:00 +0100"),
                &format!("Demande de subvention numéro {i} pour la salle des fêtes"),
                "",
                &format!(
                    "Madame la Sénatrice,\r\nJe me permets de vous alerter : {matter}.\r\nLe maire"
                ),
            ),
        ));
        // The office answered every other request before go-live.
        if i % 2 == 0 && i < 11 {
            out.push((
                format!("reply-{i}.eml"),
                mail(
                    OFFICE,
                    &format!("maire@mairie-{i}.fr"),
                    &format!("reply-{i}@senateur-exemple.fr"),
                    &format!("12 {month} {year} 15:00:00 +0100"),
                    &format!("RE: Demande de subvention numéro {i} pour la salle des fêtes"),
                    &format!("In-Reply-To: <{id}>\r\nReferences: <{id}>\r\n"),
                    "Monsieur le Maire,\r\nLa sénatrice appuiera votre dossier.\r\nLa permanence",
                ),
            ));
        }
    }
    out.push((
        "pont.eml".into(),
        mail(
            "Jean Dupont <maire@mairie-vif.fr>",
            OFFICE,
            "pont-1@mairie-vif.fr",
            "05 Jan 2026 10:00:00 +0100",
            "Pont de la Gresse",
            "",
            "Madame la Sénatrice,\r\nLe pont de la Gresse doit être refait, les travaux sont urgents.\r\nJean Dupont",
        ),
    ));
    out.push((
        "eve.eml".into(),
        mail(
            "Marie Curie <maire@mairie-eve.fr>",
            OFFICE,
            "eve@mairie-eve.fr",
            "28 Feb 2026 23:30:00 +0100",
            "Cantine scolaire",
            "",
            "Madame la Sénatrice,\r\nLa cantine scolaire de notre commune doit être agrandie.\r\nMarie Curie",
        ),
    ));
    out
}

/// Writes `messages` into a Maildir `name` under the env's scratch directory.
fn maildir(env: &TestEnv, name: &str, messages: &[(String, String)]) -> String {
    let root = env.path(name);
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(root.join(sub)).expect("maildir");
    }
    for (i, (_, text)) in messages.iter().enumerate() {
        std::fs::write(root.join("cur").join(format!("{i}.M1P1.x:2,S")), text).expect("write");
    }
    root.to_str().expect("utf-8 path").to_string()
}

fn cases(env: &TestEnv) -> Vec<Value> {
    env.ok(&["export", "--cases"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("export --cases JSON"))
        .filter(|c: &Value| c["merged_into"].is_null())
        .collect()
}

fn case_json(env: &TestEnv, id: i64) -> Value {
    serde_json::from_str(&env.ok(&["case", "show", &id.to_string(), "--json"]))
        .expect("case show --json")
}

/// The triage queue (recorded as a run, like every `triage`) since everything.
fn queue(env: &TestEnv) -> Vec<Value> {
    env.ok(&["triage", "--json", "--since", "2000-01-01"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("triage JSON"))
        .collect()
}

/// The titles of the cases of `cases` in `state`.
fn titles_in(cases: &[Value], state: &str) -> Vec<String> {
    let mut t: Vec<String> = cases
        .iter()
        .filter(|c| c["state"] == state)
        .map(|c| c["title"].as_str().expect("title").to_string())
        .collect();
    t.sort();
    t
}

fn history_entries(case: &Value) -> Vec<Value> {
    case["history"].as_array().expect("history").clone()
}

#[test]
fn a_year_imported_at_go_live_leaves_only_new_requests_in_triage() {
    let env = office(Some(GO_LIVE));
    let messages = year_of_mail();
    let dir = maildir(&env, "year", &messages);
    let report = env.ingest(&["--maildir", &dir]);
    assert_eq!(report["counts"]["new"], messages.len(), "{report}");

    let all = cases(&env);
    // 14 requests, the bridge, the canteen: 16 cases, each reply in its request's case.
    assert_eq!(all.len(), 16, "{all:#?}");
    let q = queue(&env);
    let mut queued: Vec<String> = q
        .iter()
        .map(|i| i["title"].as_str().expect("title").to_string())
        .collect();
    queued.sort();
    assert_eq!(
        queued,
        [
            "Demande de subvention numéro 11 pour la salle des fêtes",
            "Demande de subvention numéro 12 pour la salle des fêtes",
            "Demande de subvention numéro 13 pour la salle des fêtes",
        ],
        "only the requests of March to May 2026 (the evening before go-live is history)"
    );
    assert!(q.iter().all(|i| i["reason"] == "new"), "{q:#?}");
    // Answered when the office's reply is in the case, else closed; the sentence says why.
    let answered = titles_in(&all, "answered");
    let closed = titles_in(&all, "closed");
    assert_eq!(
        answered.len(),
        6,
        "requests 0, 2, 4, 6, 8, 10: {answered:?}"
    );
    assert_eq!(
        closed.len(),
        7,
        "1, 3, 5, 7, 9, the bridge, the canteen: {closed:?}"
    );
    assert!(closed.contains(&"Cantine scolaire".to_string()));
    for c in all.iter().filter(|c| c["state"] != "proposed") {
        let history = history_entries(c);
        let entry = history
            .iter()
            .rfind(|h| h["action"] == "history")
            .unwrap_or_else(|| panic!("no history entry: {c:#}"));
        assert_eq!(entry["who"], "permanence", "{entry}");
        assert_eq!(
            entry["after"],
            format!(
                "{} before go-live {GO_LIVE}",
                c["state"].as_str().expect("state")
            ),
            "{entry}"
        );
    }
    // History is searchable like any mail.
    let (hits, _) = env.search(&["gresse"]);
    assert_eq!(hits.len(), 1, "the old bridge request is found");
    // Re-importing the same year changes nothing: no message, no case, no state.
    let again = env.ingest(&["--maildir", &dir]);
    assert_eq!(again["counts"]["new"], 0, "{again}");
    assert_eq!(again["counts"]["known"], messages.len(), "{again}");
    assert!(
        cases(&env) == all,
        "re-import: the cases are exactly as they were"
    );
    assert_eq!(queue(&env).len(), 3);
    // The CLI says the date.
    assert!(env.ok(&["go-live"]).contains(GO_LIVE));
    assert!(
        env.ok(&["stats"])
            .contains(&format!("go-live:     {GO_LIVE}"))
    );
    let stats: Value = serde_json::from_str(&env.ok(&["stats", "--json"])).expect("stats");
    assert_eq!(stats["go_live"], GO_LIVE);
}

#[test]
fn a_follow_up_after_go_live_brings_a_history_case_back_to_triage() {
    let env = office(Some(GO_LIVE));
    let dir = maildir(&env, "year", &year_of_mail());
    env.ingest(&["--maildir", &dir]);
    let bridge = env.case_of("pont-1@mairie-vif.fr");
    assert_eq!(case_json(&env, bridge)["state"], "closed");
    env.ok(&["triage"]); // the morning's triage: the next one starts after it
    env.ingest_bytes(
        "relance.eml",
        mail(
            "Jean Dupont <maire@mairie-vif.fr>",
            OFFICE,
            "pont-2@mairie-vif.fr",
            "09 Mar 2026 10:00:00 +0100",
            "RE: Pont de la Gresse",
            "In-Reply-To: <pont-1@mairie-vif.fr>\r\nReferences: <pont-1@mairie-vif.fr>\r\n",
            "Madame la Sénatrice,\r\nAvez-vous du nouveau pour notre pont ? Le devis est arrivé.\r\nJean Dupont",
        ),
    );
    assert_eq!(env.case_of("pont-2@mairie-vif.fr"), bridge, "the thread");
    // Never confirmed by anyone: a proposal again, as it would be without a go-live date.
    let case = case_json(&env, bridge);
    assert_eq!(case["state"], "proposed", "{case:#}");
    let q: Vec<Value> = env
        .ok(&["triage", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("triage JSON"))
        .collect();
    let item = q
        .iter()
        .find(|i| i["id"] == bridge)
        .unwrap_or_else(|| panic!("the mayor's follow-up is not in triage: {q:#?}"));
    assert_eq!(item["reason"], "new");
    // An answered history case with a follow-up: open, triage's new mail.
    let answered = env.case_of("req-10@mairie-10.fr");
    assert_eq!(case_json(&env, answered)["state"], "answered");
    env.ingest_bytes(
        "merci.eml",
        mail(
            "Maire 10 <maire@mairie-10.fr>",
            OFFICE,
            "req-10b@mairie-10.fr",
            "10 Mar 2026 10:00:00 +0100",
            "RE: Demande de subvention numéro 10 pour la salle des fêtes",
            "In-Reply-To: <reply-10@senateur-exemple.fr>\r\nReferences: <req-10@mairie-10.fr> <reply-10@senateur-exemple.fr>\r\n",
            "Madame la Sénatrice,\r\nLe dossier est complet, pouvez-vous relancer la préfecture ?\r\nLe maire",
        ),
    );
    assert_eq!(env.case_of("req-10b@mairie-10.fr"), answered);
    assert_eq!(case_json(&env, answered)["state"], "open");
    let q: Vec<Value> = env
        .ok(&["triage", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("triage JSON"))
        .collect();
    let item = q
        .iter()
        .find(|i| i["id"] == answered)
        .unwrap_or_else(|| panic!("the answered thread's follow-up is not in triage: {q:#?}"));
    assert_eq!(item["reason"], "new_mail");
    // A backfilled older letter of the same thread is filed there and moves nothing.
    env.ingest_bytes(
        "old.eml",
        mail(
            OFFICE,
            "maire@mairie-vif.fr",
            "pont-0@senateur-exemple.fr",
            "07 Jan 2026 10:00:00 +0100",
            "RE: Pont de la Gresse",
            "In-Reply-To: <pont-1@mairie-vif.fr>\r\nReferences: <pont-1@mairie-vif.fr>\r\n",
            "Monsieur le Maire,\r\nNous transmettons au préfet.\r\nLa permanence",
        ),
    );
    assert_eq!(env.case_of("pont-0@senateur-exemple.fr"), bridge);
    assert_eq!(
        case_json(&env, bridge)["state"],
        "proposed",
        "old mail moves no state"
    );
}

#[test]
fn staff_reopen_a_history_case() {
    let env = office(Some(GO_LIVE));
    let dir = maildir(&env, "year", &year_of_mail());
    env.ingest(&["--maildir", &dir]);
    let canteen = env.case_of("eve@mairie-eve.fr");
    assert_eq!(case_json(&env, canteen)["state"], "closed");
    env.ok(&[
        "case",
        "state",
        &canteen.to_string(),
        "reopen",
        "--as",
        "sam",
    ]);
    let case = case_json(&env, canteen);
    assert_eq!(case["state"], "open", "{case:#}");
    let last = history_entries(&case).pop().expect("an entry");
    assert_eq!(
        (
            &last["who"],
            &last["action"],
            &last["before"],
            &last["after"]
        ),
        (
            &Value::from("sam"),
            &Value::from("state"),
            &Value::from("closed"),
            &Value::from("open")
        ),
    );
    // An answered history case too.
    let answered = env.case_of("req-0@mairie-0.fr");
    assert_eq!(case_json(&env, answered)["state"], "answered");
    env.ok(&[
        "case",
        "state",
        &answered.to_string(),
        "reopen",
        "--as",
        "sam",
    ]);
    assert_eq!(case_json(&env, answered)["state"], "open");
    // Re-importing does not close them again.
    env.ingest(&["--maildir", &dir]);
    assert_eq!(case_json(&env, canteen)["state"], "open");
}

#[test]
fn apply_closes_the_old_proposed_cases_imported_before_the_date_was_set() {
    // A directory created before go-live dates existed (no `init`): everything is work.
    let env = TestEnv::new();
    let config = env.data().join("permanence.toml");
    env.ok(&["stats"]);
    let text = std::fs::read_to_string(&config)
        .expect("config")
        .replace("addresses = []", &format!("addresses = [\"{OFFICE}\"]"));
    std::fs::write(&config, text).expect("config");
    assert!(env.ok(&["go-live"]).contains("no go-live date"));
    let dir = maildir(&env, "year", &year_of_mail());
    env.ingest(&["--maildir", &dir]);
    assert_eq!(titles_in(&cases(&env), "proposed").len(), 10);
    assert_eq!(queue(&env).len(), 10);
    // A case staff already worked on stays as it is.
    env.add_user("sam", "staff", "un mot de passe assez long");
    let worked = env.case_of("req-1@mairie-1.fr");
    env.ok(&["case", "assign", &worked.to_string(), "sam", "--as", "sam"]);
    let before = cases(&env);

    let out = env.ok(&["go-live", GO_LIVE, "--as", "anne"]);
    assert!(
        out.contains("cases already filed keep their state"),
        "{out}"
    );
    assert!(
        out.contains("6 cases no one has worked on are older than 2026-03-01"),
        "{out}"
    );
    assert!(
        cases(&env) == before,
        "setting the date alone changes no case"
    );

    let out = env.ok(&["go-live", "--apply", "--as", "anne"]);
    assert!(
        out.contains("closed as history: 6 cases (0 answered, 6 closed)"),
        "{out}"
    );
    let after = cases(&env);
    let mut q: Vec<String> = queue(&env)
        .iter()
        .map(|i| i["title"].as_str().expect("title").to_string())
        .collect();
    q.sort();
    assert_eq!(
        q,
        [
            "Demande de subvention numéro 1 pour la salle des fêtes",
            "Demande de subvention numéro 11 pour la salle des fêtes",
            "Demande de subvention numéro 12 pour la salle des fêtes",
            "Demande de subvention numéro 13 pour la salle des fêtes",
        ],
        "the new requests and the case staff worked on"
    );
    let canteen = after
        .iter()
        .find(|c| c["title"] == "Cantine scolaire")
        .expect("canteen");
    assert_eq!(canteen["state"], "closed");
    let entry = history_entries(canteen).pop().expect("entry");
    assert_eq!(
        (
            &entry["who"],
            &entry["action"],
            &entry["before"],
            &entry["after"]
        ),
        (
            &Value::from("anne"),
            &Value::from("history"),
            &Value::from("proposed"),
            &Value::from("closed before go-live 2026-03-01")
        )
    );
    // Idempotent.
    let out = env.ok(&["go-live", "--apply"]);
    assert!(out.contains("closed as history: 0 cases"), "{out}");
    assert!(cases(&env) == after, "applying again changes nothing");
}

#[test]
fn go_live_refuses_a_bad_date_and_apply_without_a_date() {
    let env = TestEnv::new();
    let out = env.run(&["go-live", "01/03/2026"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("expected YYYY-MM-DD"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = env.run(&["go-live", "--apply"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no go-live date is set"));
    let out = env.run(&["init", "--go-live", "2026-02-30"]);
    assert!(!out.status.success());
}

#[test]
fn init_sets_go_live_to_today_and_keeps_an_existing_date() {
    let env = office(None);
    let stats: Value = serde_json::from_str(&env.ok(&["stats", "--json"])).expect("stats");
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(stats["go_live"], today.as_str());
    let out = env.ok(&["go-live", "2026-03-01"]);
    assert!(
        out.contains(&format!("go-live: 2026-03-01 (was {today})")),
        "{out}"
    );
    let out = env.ok(&["init"]);
    assert!(!out.contains("go-live"), "init again keeps the date: {out}");
    assert!(env.ok(&["go-live"]).contains("2026-03-01"));
}

#[test]
fn the_imap_first_sync_files_old_mail_as_history() {
    let dv = Dovecot::start();
    let env = office(Some(GO_LIVE));
    let path = env.data().join("permanence.toml");
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("open permanence.toml")
        .write_all(dv.config_section("bureau").as_bytes())
        .expect("append the [[mailbox]] section");
    let messages = year_of_mail();
    // The inbox: the requests (the office's replies are in its Sent folder, not watched here).
    for (name, text) in messages.iter().filter(|(n, _)| !n.starts_with("reply")) {
        dv.deliver(name, text.as_bytes());
    }
    let sync = || {
        let out = env
            .cmd(&["sync", "--once"])
            .env("PERMANENCE_TEST_IMAP_PW", "secret")
            .output()
            .expect("sync");
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    sync();
    let all = cases(&env);
    assert_eq!(all.len(), 16, "{all:#?}");
    assert_eq!(titles_in(&all, "closed").len(), 13);
    assert_eq!(titles_in(&all, "proposed").len(), 3);
    assert_eq!(queue(&env).len(), 3);
    // A later sync brings the new mail only; the old cases stay history.
    dv.deliver(
        "new.eml",
        mail(
            "Maire 99 <maire@mairie-99.fr>",
            OFFICE,
            "req-99@mairie-99.fr",
            "02 Jun 2026 09:00:00 +0200",
            "Éclairage public",
            "",
            "Madame la Sénatrice,\r\nNotre éclairage public est à remplacer.\r\nLe maire",
        )
        .as_bytes(),
    );
    sync();
    let later = cases(&env);
    assert_eq!(later.len(), 17);
    assert_eq!(titles_in(&later, "closed").len(), 13);
    assert_eq!(queue(&env).len(), 4);
}

#[test]
fn the_demo_office_went_live_in_september() {
    let env = TestEnv::new();
    let out = env.ok(&["demo", "--no-serve"]);
    assert!(out.contains("go-live 2026-09-01"), "{out}");
    let q = queue(&env);
    assert!(
        (10..100).contains(&q.len()),
        "a morning's queue, not two years of mail: {}",
        q.len()
    );
    let go_live = chrono::DateTime::parse_from_rfc3339("2026-09-01T00:00:00+02:00").expect("date");
    for item in &q {
        let last =
            chrono::DateTime::parse_from_rfc3339(item["last_message"].as_str().expect("last"))
                .expect("rfc3339");
        assert!(last >= go_live, "old mail in triage: {item:#}");
    }
    // The April motion of 41 councils: one campaign, closed as history, searchable.
    let motion = cases(&env)
        .into_iter()
        .find(|c| {
            c["kind"] == "campaign" && c["messages"].as_array().expect("messages").len() >= 40
        })
        .expect("the motion campaign");
    assert_eq!(
        motion["state"], "answered",
        "the office replied to it: {motion:#}"
    );
    assert!(env.search(&["motion"]).1 >= 40);
}
