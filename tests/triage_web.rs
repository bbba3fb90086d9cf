//! The rebuilt triage over HTTP (issue 17): one line per case, paged and compressed; one action
//! bar acting on the selected case or on ticked ones; themes only from the list; pickers
//! instead of numbers; refusals in place; and « Annuler », which restores the cases exactly.

use serde_json::Value;

use crate::util::TestEnv;
use crate::web::{Office, Reply, ingest};

/// A proposed case from a citizen of Eybens, one per `n`.
fn citizen_mail(n: usize, subject: &str) -> String {
    format!(
        "From: Habitant {n} <habitant{n}@exemple.fr>\r\nTo: {}\r\nMessage-ID: <citizen-{n}@exemple.fr>\r\n\
         Date: 03 Mar 2026 09:{:02}:00 +0100\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour,\r\nJe vous écris au sujet de : {subject}.\r\nHabitant {n}\r\n",
        crate::web::OFFICE,
        n % 60
    )
}

fn show(env: &TestEnv, id: i64) -> Value {
    serde_json::from_str(&env.ok(&["case", "show", &id.to_string(), "--json"])).expect("case JSON")
}

/// The case as staff see its state (everything but its history and update time).
fn state_of(env: &TestEnv, id: i64) -> Value {
    let mut v = show(env, id);
    let o = v.as_object_mut().expect("object");
    for volatile in ["history", "updated", "notes"] {
        o.remove(volatile);
    }
    v
}

fn case_of_subject(env: &TestEnv, subject: &str) -> i64 {
    env.ok(&["case", "list", "--json"])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("case JSON"))
        .find(|c| c["title"] == subject)
        .unwrap_or_else(|| panic!("no case titled {subject}"))["id"]
        .as_i64()
        .expect("id")
}

fn act(client: &mut crate::web::Client, fields: &[(&str, &str)], json: bool) -> Reply {
    let csrf = client.csrf();
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let headers: &[(&str, &str)] = if json {
        &[("X-Permanence", "fetch")]
    } else {
        &[]
    };
    client.send("/triage/act", headers, Some(&form))
}

fn answer(reply: &Reply) -> Value {
    serde_json::from_slice(&reply.body)
        .unwrap_or_else(|e| panic!("JSON answer ({e}): {}", reply.text()))
}

fn undo(client: &mut crate::web::Client, id: &str) -> Reply {
    let csrf = client.csrf();
    client.send(
        "/triage/undo",
        &[("X-Permanence", "fetch")],
        Some(&[("csrf", csrf.as_str()), ("undo", id)]),
    )
}

#[test]
fn the_queue_is_one_line_per_case_paged_light_and_compressed() {
    let office = Office::new();
    for n in 0..64 {
        ingest(
            &office.env,
            &format!("c{n}.eml"),
            &citizen_mail(n, &format!("Demande numéro {n}")),
        );
    }
    let mut sam = office.logged_in("sam");
    let page = sam.get("/");
    assert_eq!(page.status, 200);
    let html = page.text();
    let rows = html.matches("<li class=\"item").count();
    assert_eq!(rows, 50, "one page of 50 lines");
    assert!(html.contains("Page 1 sur 2"), "paged");
    // One action bar for the page, not ten controls per case.
    let controls = ["<input", "<select", "<button", "<textarea"]
        .iter()
        .map(|t| html.matches(t).count())
        .sum::<usize>();
    assert!(controls <= 50 + 30, "{controls} form controls for 50 lines");
    assert!(html.len() < 100_000, "{} bytes", html.len());
    let second = sam.get("/?page=2");
    assert_eq!(second.text().matches("<li class=\"item").count(), 15);
    // Compressed for a browser that accepts it.
    let gz = sam.send("/", &[("Accept-Encoding", "gzip")], None);
    assert_eq!(gz.header("content-encoding"), "gzip");
    assert!(
        gz.body.len() < html.len() / 3,
        "{} gzipped bytes",
        gz.body.len()
    );
}

#[test]
fn an_action_and_its_undo_restore_the_cases_exactly() {
    let office = Office::new();
    let env = &office.env;
    env.import_mayors_and_get("38545");
    ingest(env, "other.eml", &citizen_mail(1, "Éclairage de la place"));
    let a = office.case;
    let b = case_of_subject(env, "Éclairage de la place");
    let (a_before, b_before) = (state_of(env, a), state_of(env, b));
    let mut sam = office.logged_in("sam");

    // Themes only from the list: the French label is the theme; free text is refused in place.
    let reply = act(
        &mut sam,
        &[
            ("selected", &a.to_string()),
            ("verb", "tag"),
            ("theme", "Santé"),
        ],
        false,
    );
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert!(reply.location().contains("done="), "{}", reply.location());
    let themes = show(env, a)["themes"].clone();
    assert!(
        themes
            .as_array()
            .expect("themes")
            .contains(&Value::from("sante")),
        "{themes}"
    );
    assert!(
        !themes.to_string().contains("Santé"),
        "no second theme beside sante: {themes}"
    );
    let reply = act(
        &mut sam,
        &[
            ("selected", &a.to_string()),
            ("verb", "tag"),
            ("theme", "Thème inventé"),
        ],
        false,
    );
    assert_eq!(reply.status, 400);
    let page = reply.text();
    assert!(page.contains("id=\"queue\""), "the queue stays on the page");
    assert!(
        page.contains("Thème inconnu « Thème inventé »"),
        "the refusal in place"
    );
    let reply = act(
        &mut sam,
        &[
            ("selected", &a.to_string()),
            ("verb", "tag"),
            ("theme", "Thème inventé"),
        ],
        true,
    );
    assert_eq!(reply.status, 400);
    assert_eq!(answer(&reply)["ok"], false);

    // The confirmation page of the first action offers « Annuler ».
    let back = sam.get("/?page=1&at=0&done=1");
    assert!(back.text().contains("Annuler"));

    // Undo the tag: the case is as it was, and its history says so.
    let reply = undo(&mut sam, "1");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(state_of(env, a), a_before);
    let history = show(env, a)["history"].as_array().expect("history").clone();
    assert!(
        history
            .iter()
            .any(|h| h["action"] == "undo" && h["who"] == "sam"),
        "{history:?}"
    );

    // Merge through the picker: a title finds the target; the picker's text is the choice.
    let picked: Value = serde_json::from_str(
        &sam.get(&format!("/triage/pick/cases?case={a}&q=eclairage"))
            .text(),
    )
    .expect("picker JSON");
    let choice = picked[0]["value"]
        .as_str()
        .expect("a suggestion")
        .to_string();
    assert!(choice.starts_with(&format!("n° {b} — ")), "{choice}");
    let reply = act(
        &mut sam,
        &[
            ("selected", &a.to_string()),
            ("verb", "merge"),
            ("into", &choice),
        ],
        true,
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let done = answer(&reply);
    assert_eq!(done["ok"], true);
    assert!(
        done["message"]
            .as_str()
            .unwrap_or("")
            .contains(&format!("Fusionné dans le dossier n° {b}")),
        "{done}"
    );
    assert_eq!(show(env, a)["merged_into"], b);
    // Undo: both cases exactly as before, messages back where they were.
    let id = done["undo"].as_i64().expect("undo id").to_string();
    let reply = undo(&mut sam, &id);
    assert_eq!(answer(&reply)["ok"], true, "{}", reply.text());
    assert_eq!(state_of(env, a), a_before);
    assert_eq!(state_of(env, b), b_before);
    // Once only.
    let again = undo(&mut sam, &id);
    assert_eq!(again.status, 400);
    assert!(
        answer(&again)["message"]
            .as_str()
            .unwrap_or("")
            .contains("déjà été annulée")
    );

    // The official picker finds « maire Vif »; changing the official is undone too, the
    // learned address included.
    let picked: Value =
        serde_json::from_str(&sam.get("/triage/pick/officials?q=maire%20Vif").text())
            .expect("JSON");
    let choices = picked.as_array().expect("choices");
    assert!(!choices.is_empty(), "the mayor of Vif is found");
    assert!(
        choices
            .iter()
            .all(|c| c["detail"].as_str().unwrap_or("").contains("Maire de Vif")),
        "{picked}"
    );
    let other: Value =
        serde_json::from_str(&sam.get("/triage/pick/officials?q=Eybens").text()).expect("JSON");
    let someone = other[0]["value"]
        .as_str()
        .expect("an official of Eybens")
        .to_string();
    let reply = act(
        &mut sam,
        &[
            ("selected", &a.to_string()),
            ("verb", "official"),
            ("into", ""),
            ("official", &someone),
        ],
        true,
    );
    assert_eq!(answer(&reply)["ok"], true, "{}", reply.text());
    assert_ne!(state_of(env, a), a_before);
    let id = answer(&reply)["undo"].as_i64().expect("undo").to_string();
    assert_eq!(answer(&undo(&mut sam, &id))["ok"], true);
    assert_eq!(state_of(env, a), a_before);

    // Something happened since: the undo is refused rather than losing it.
    let reply = act(
        &mut sam,
        &[("selected", &a.to_string()), ("verb", "confirm")],
        true,
    );
    let id = answer(&reply)["undo"].as_i64().expect("undo").to_string();
    env.ok(&["case", "note", &a.to_string(), "Appelé la mairie"]);
    let refused = undo(&mut sam, &id);
    assert_eq!(refused.status, 400);
    assert!(
        answer(&refused)["message"]
            .as_str()
            .unwrap_or("")
            .contains("a changé depuis")
    );
}

#[test]
fn a_bulk_action_on_ticked_cases_is_one_undo() {
    let office = Office::new();
    let env = &office.env;
    for n in 0..5 {
        ingest(
            env,
            &format!("c{n}.eml"),
            &citizen_mail(n, &format!("Question {n}")),
        );
    }
    let ids: Vec<i64> = (0..5)
        .map(|n| case_of_subject(env, &format!("Question {n}")))
        .collect();
    let before: Vec<Value> = ids.iter().map(|&id| state_of(env, id)).collect();
    let mut sam = office.logged_in("sam");
    let texts: Vec<String> = ids.iter().map(i64::to_string).collect();
    let mut fields: Vec<(&str, &str)> = texts.iter().map(|t| ("case", t.as_str())).collect();
    fields.push(("selected", "999999"));
    fields.push(("verb", "confirm"));
    let reply = act(&mut sam, &fields, true);
    let done = answer(&reply);
    assert_eq!(done["message"], "Confirmé — 5 dossiers", "{done}");
    for &id in &ids {
        assert_eq!(show(env, id)["state"], "open");
    }
    // The selected case (not ticked) was left alone.
    assert_eq!(show(env, office.case)["state"], "proposed");
    let id = done["undo"].as_i64().expect("undo").to_string();
    assert_eq!(answer(&undo(&mut sam, &id))["ok"], true);
    for (id, was) in ids.iter().zip(&before) {
        assert_eq!(&state_of(env, *id), was);
    }
}

#[test]
fn an_overdue_case_offers_postpone_and_seen_asks_first() {
    let office = Office::new();
    let env = &office.env;
    let id = office.case.to_string();
    env.ok(&["case", "state", &id, "waiting"]);
    env.ok(&["case", "due", &id, "2026-01-05"]);
    let mut sam = office.logged_in("sam");
    let page = sam.get(&format!("/?case={id}")).text();
    assert!(page.contains("échéance dépassée"), "{page}");
    assert!(page.contains("Reporter d'une semaine"));
    assert!(
        !page.contains(">Confirmer<"),
        "no Confirmer that does nothing"
    );
    assert!(
        page.contains("Tout marquer comme vu…"),
        "marking seen asks first"
    );
    let reply = act(
        &mut sam,
        &[
            ("selected", &id),
            ("verb", "postpone"),
            ("postpone", "2099-01-01"),
        ],
        true,
    );
    assert_eq!(answer(&reply)["ok"], true, "{}", reply.text());
    assert_eq!(show(env, office.case)["due"], "2099-01-01");
    assert!(
        !sam.get("/").text().contains(&format!("id=\"case-{id}\"")),
        "out of the queue"
    );
}
