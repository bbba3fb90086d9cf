//! The agenda (issue 20): invitations read from the mail through the real pipeline (`ingest`,
//! `extract`, `agenda --json`), measured on labelled sets written by helpers who never saw the
//! code; decisions, corrections, the calendar file and feed.
//!
//! The bars are the issue's: invitations recognised with precision ≥ 0.98 and recall ≥ 0.95;
//! on recognised invitations (those whose first event is not labelled ambiguous), date, start
//! time and place commune right ≥ 0.95 — the measures of `fixtures/agenda-eval/SOURCE.md`.
//! `agenda-dev` was written for tuning; `agenda-eval` to `agenda-eval5` were each measured once
//! as held-out data (the figures are in their SOURCE.md and the closing note), then tuned on:
//! no set here is held out any more. These tests keep the reader above the bars on all six.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Days, Local, NaiveDate};

use crate::util::{TestEnv, WebServer, fixtures};

const PRECISION: f64 = 0.98;
const RECALL: f64 = 0.95;
const FIELDS: f64 = 0.95;

/// The measures of one set.
#[derive(Debug)]
struct Scores {
    precision: f64,
    recall: f64,
    date: f64,
    start: f64,
    commune: f64,
    /// Invitations the field measures count.
    measured: usize,
}

/// `agenda --all --json` of `env`, one object per event.
fn events(env: &TestEnv) -> Vec<serde_json::Value> {
    env.ok(&["agenda", "--all", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("each agenda line is JSON"))
        .collect()
}

/// « HH:MM » of an event's start, None when all day.
fn start_of(e: &serde_json::Value) -> Option<String> {
    if e["all_day"].as_bool().expect("all_day") {
        return None;
    }
    e["start"].as_str().map(|s| s[11..16].to_string())
}

/// Reads the set `name` (a Maildir with truth.jsonl) through the pipeline on an office of
/// `departement`, and scores it.
fn score(name: &str, departement: &str) -> Scores {
    let set = fixtures().join(name);
    let env = TestEnv::new();
    env.init_office(departement, "permanence@office-exemple.fr");
    let summary = env.ingest(&["--maildir", set.to_str().expect("utf-8 path")]);
    assert_eq!(summary["counts"]["failed"], 0, "{summary}");
    env.ok(&["extract"]);
    let mut mine: HashMap<String, Vec<serde_json::Value>> = HashMap::new();
    for e in events(&env) {
        let id = format!("<{}>", e["message_header_id"].as_str().expect("id"));
        mine.entry(id).or_default().push(e);
    }
    let truth: Vec<serde_json::Value> = std::fs::read_to_string(set.join("truth.jsonl"))
        .expect("truth.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("truth line"))
        .collect();
    let invitations: Vec<&serde_json::Value> = truth
        .iter()
        .filter(|t| t["invitation"].as_bool().expect("invitation"))
        .collect();
    let found = invitations
        .iter()
        .filter(|t| mine.contains_key(t["message_id"].as_str().expect("message_id")))
        .count();
    let (mut n, mut date, mut start, mut commune) = (0, 0, 0, 0);
    for t in &invitations {
        let first = &t["events"][0];
        let Some(read) = mine.get(t["message_id"].as_str().expect("message_id")) else {
            continue;
        };
        if first["ambiguous"].as_bool().unwrap_or(false) {
            continue;
        }
        let mut read = read.clone();
        read.sort_by_key(|e| (e["date"].as_str().unwrap_or("").to_string(), start_of(e)));
        let me = &read[0];
        n += 1;
        date += usize::from(me["date"] == first["date"]);
        start += usize::from(start_of(me).as_deref() == first["start"].as_str());
        commune += usize::from(me["commune_code"] == first["commune_code"]);
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let scores = Scores {
        precision: ratio(found, mine.len()),
        recall: ratio(found, invitations.len()),
        date: ratio(date, n),
        start: ratio(start, n),
        commune: ratio(commune, n),
        measured: n,
    };
    eprintln!("{name} ({} messages): {scores:?}", truth.len());
    scores
}

fn assert_bars(name: &str, s: &Scores) {
    assert!(s.measured >= 100, "{name}: {s:?}");
    assert!(s.precision >= PRECISION, "{name}: precision {s:?}");
    assert!(s.recall >= RECALL, "{name}: recall {s:?}");
    assert!(s.date >= FIELDS, "{name}: date {s:?}");
    assert!(s.start >= FIELDS, "{name}: start {s:?}");
    assert!(s.commune >= FIELDS, "{name}: commune {s:?}");
}

#[test]
fn the_fifth_evaluation_set_meets_the_bars() {
    assert_bars("agenda-eval5", &score("agenda-eval5", "33"));
}

#[test]
fn the_fourth_evaluation_set_meets_the_bars() {
    assert_bars("agenda-eval4", &score("agenda-eval4", "67"));
}

#[test]
fn the_third_evaluation_set_meets_the_bars() {
    assert_bars("agenda-eval3", &score("agenda-eval3", "29"));
}

#[test]
fn the_development_set_meets_the_bars() {
    assert_bars("agenda-dev", &score("agenda-dev", "74"));
}

#[test]
fn the_first_evaluation_set_meets_the_bars() {
    assert_bars("agenda-eval", &score("agenda-eval", "38"));
}

#[test]
fn the_second_evaluation_set_meets_the_bars() {
    assert_bars("agenda-eval2", &score("agenda-eval2", "63"));
}

/// A mail of the Isère office dated `sent`, from `from`, with `subject` and a plain `body`.
fn mail(id: &str, sent: NaiveDate, from: &str, subject: &str, body: &str) -> String {
    format!(
        "From: {from}\r\nTo: permanence@senateur-exemple.fr\r\nSubject: {subject}\r\nDate: {}\r\nMessage-ID: <{id}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}",
        sent.and_hms_opt(9, 30, 0)
            .expect("time")
            .format("%a, %d %b %Y %H:%M:%S +0100")
    )
}

/// Three invitations sent today for the coming weeks (one with a reply deadline in two days,
/// two at the same hour: a conflict) and a letter that only mentions a date.
pub(crate) fn office_with_invitations() -> (TestEnv, NaiveDate) {
    let env = TestEnv::new();
    env.init_isere();
    let today = Local::now().date_naive();
    let day = today + Days::new(10);
    let rsvp = today + Days::new(2);
    let letters = [
        mail(
            "inv-1@mairie-crolles.fr",
            today,
            "Mairie de Crolles <cabinet@mairie-crolles.fr>",
            "Invitation : inauguration de la médiathèque",
            &format!(
                "Madame la Sénatrice,\n\nLe Maire de Crolles a le plaisir de vous inviter à l'inauguration de la médiathèque, le {} à 11h00, à la salle des fêtes, place de la Mairie.\n\nTenue de ville.\n\nMerci de bien vouloir confirmer votre présence avant le {} à cabinet@mairie-crolles.fr.\n\nLe Maire\n",
                permanence::util::french_long_date(day),
                rsvp.format("%d/%m/%Y")
            ),
        ),
        mail(
            "inv-2@sdis38-exemple.fr",
            today,
            "Centre de secours de Meylan <cis.meylan@sdis38-exemple.fr>",
            "Sainte-Barbe",
            &format!(
                "Madame la Sénatrice,\n\nLes sapeurs-pompiers de Meylan ont l'honneur de vous convier à la cérémonie de la Sainte-Barbe le {} à 11 h 30, au centre de secours, avenue de Verdun, 38240 Meylan.\n\nLe chef de centre\n",
                day.format("%d/%m/%Y")
            ),
        ),
        mail(
            "inv-3@asso-exemple.fr",
            today,
            "Comité des fêtes de Vif <fetes@vif-asso-exemple.fr>",
            "Assemblée générale",
            &format!(
                "Madame la Sénatrice,\n\nNous serions honorés de votre présence à notre assemblée générale le {} de 18h à 20h à la salle polyvalente de Vif.\n\nLa présidente\n",
                permanence::util::french_long_date(today + Days::new(20))
            ),
        ),
        mail(
            "non-1@mairie-vif.fr",
            today,
            "Mairie de Vif <secretariat@mairie-vif.fr>",
            "Subvention",
            &format!(
                "Madame la Sénatrice,\n\nLe dossier de subvention doit être déposé avant le {}. Le conseil municipal du 3 février dernier l'a approuvé.\n\nLe Maire\n",
                permanence::util::french_long_date(today + Days::new(15))
            ),
        ),
    ];
    for (n, text) in letters.iter().enumerate() {
        env.ingest_bytes(&format!("{n}.eml"), text);
    }
    (env, day)
}

fn event_of<'a>(events: &'a [serde_json::Value], header_id: &str) -> &'a serde_json::Value {
    events
        .iter()
        .find(|e| e["message_header_id"] == header_id)
        .unwrap_or_else(|| panic!("no event read from {header_id}: {events:?}"))
}

#[test]
fn the_agenda_lists_decides_corrects_and_keeps_staff_work() {
    let (env, day) = office_with_invitations();
    let list = events(&env);
    assert_eq!(list.len(), 3, "{list:?}");
    let e = event_of(&list, "inv-1@mairie-crolles.fr");
    // The JSON contract: RFC 3339 with the office's offset, the case and the message.
    for key in [
        "id",
        "title",
        "start",
        "end",
        "all_day",
        "place",
        "commune_code",
        "organiser",
        "rsvp_by",
        "state",
        "case_id",
        "message_id",
    ] {
        assert!(e.get(key).is_some(), "{key} missing: {e}");
    }
    let start = chrono::DateTime::parse_from_rfc3339(e["start"].as_str().expect("start"))
        .expect("start is RFC 3339");
    assert_eq!(start.date_naive(), day);
    assert_eq!(start.format("%H:%M").to_string(), "11:00");
    assert!(
        matches!(start.offset().local_minus_utc(), 3600 | 7200),
        "{e}"
    );
    assert_eq!(e["commune_code"], "38140", "{e}");
    assert_eq!(e["state"], "undecided");
    assert!(e["case_id"].as_i64().is_some(), "{e}");
    assert!(
        e["organiser"]
            .as_str()
            .expect("organiser")
            .contains("Crolles")
    );
    assert!(e["rsvp_by"].as_str().is_some(), "{e}");
    // Two events at the same time the same day: a conflict, both ways.
    let pompiers = event_of(&list, "inv-2@sdis38-exemple.fr");
    assert_eq!(pompiers["commune_code"], "38229");
    assert_eq!(
        e["conflicts"].as_array().expect("conflicts"),
        &vec![pompiers["id"].clone()]
    );
    let ag = event_of(&list, "inv-3@asso-exemple.fr");
    assert_eq!(start_of(ag).as_deref(), Some("18:00"));
    assert_eq!(&ag["end"].as_str().expect("end")[11..16], "20:00");

    // Decisions: one word each, `represent` needs a name, all in the case's history.
    let id = e["id"].to_string();
    let refused = env.run(&["agenda", "decide", &id, "represent"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("represent needs the name"));
    env.ok(&[
        "agenda",
        "--as",
        "sam",
        "decide",
        &id,
        "accept",
        "--note",
        "avec le préfet",
    ]);
    let pid = pompiers["id"].to_string();
    env.ok(&["agenda", "decide", &pid, "represent", "Jeanne Martin"]);
    let list = events(&env);
    assert_eq!(
        event_of(&list, "inv-1@mairie-crolles.fr")["state"],
        "accepted"
    );
    let p = event_of(&list, "inv-2@sdis38-exemple.fr");
    assert_eq!(p["state"], "represented");
    assert_eq!(p["representative"], "Jeanne Martin");
    let case: serde_json::Value =
        serde_json::from_str(&env.ok(&["case", "show", &e["case_id"].to_string(), "--json"]))
            .expect("case JSON");
    let history = case["history"].to_string();
    assert!(history.contains("agenda"), "{history}");
    assert!(history.contains("accepted"), "{history}");
    assert!(history.contains("sam"), "{history}");

    // A correction is kept, counted, and survives a second reading of the mail.
    env.ok(&["agenda", "correct", &id, "start", "11h30"]);
    let counted: serde_json::Value =
        serde_json::from_str(&env.ok(&["agenda", "corrections", "--json"])).expect("JSON");
    assert_eq!(counted["by_field"]["start"], 1, "{counted}");
    assert_eq!(counted["corrected_events"], 1, "{counted}");
    let bad = env.run(&["agenda", "correct", &id, "date", "32/13/2026"]);
    assert!(!bad.status.success());
    env.ok(&["agenda", "reread"]);
    let list = events(&env);
    assert_eq!(list.len(), 3, "a second reading adds nothing: {list:?}");
    let e = event_of(&list, "inv-1@mairie-crolles.fr");
    assert_eq!(start_of(e).as_deref(), Some("11:30"));
    assert_eq!(e["state"], "accepted");

    // Dismissed: not an invitation, out of the agenda and counted.
    env.ok(&["agenda", "decide", &ag["id"].to_string(), "dismiss"]);
    assert_eq!(events(&env).len(), 2);
    let counted: serde_json::Value =
        serde_json::from_str(&env.ok(&["agenda", "corrections", "--json"])).expect("JSON");
    assert_eq!(counted["dismissed"], 1, "{counted}");
}

/// The calendar `text` checked by Python's icalendar parser (python3-icalendar) and by the
/// RFC's line rules; returns the (UID, SUMMARY, STATUS) of its events.
pub(crate) fn validate_ics(text: &str) -> Vec<(String, String, String)> {
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "bare LF: {line:?}");
    }
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
assert cal.name == "VCALENDAR", cal.name
assert str(cal["VERSION"]) == "2.0"
for e in cal.walk("VEVENT"):
    for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
        assert key in e, key
    start = e.decoded("DTSTART")
    end = e.decoded("DTEND")
    assert end > start, (start, end)
    print("%s\t%s\t%s" % (e["UID"], e["SUMMARY"], e.get("STATUS", "")))
"#;
    // Debian's own Python, where python3-icalendar is installed (.ci/run), when there is one.
    let python = if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    let mut child = std::process::Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("python3");
    assert!(
        out.status.success(),
        "the iCalendar parser refused the feed: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| {
            let mut f = l.split('\t').map(str::to_string);
            (
                f.next().unwrap_or_default(),
                f.next().unwrap_or_default(),
                f.next().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn the_calendar_file_carries_what_was_accepted_and_is_valid_icalendar() {
    let (env, _) = office_with_invitations();
    let list = events(&env);
    let accepted = event_of(&list, "inv-1@mairie-crolles.fr")["id"].to_string();
    let represented = event_of(&list, "inv-2@sdis38-exemple.fr")["id"].to_string();
    let declined = event_of(&list, "inv-3@asso-exemple.fr")["id"].to_string();
    env.ok(&["agenda", "decide", &accepted, "accept"]);
    env.ok(&[
        "agenda",
        "decide",
        &represented,
        "represent",
        "Jeanne Martin",
    ]);
    env.ok(&["agenda", "decide", &declined, "decline"]);
    let file = env.path("agenda.ics");
    env.ok(&["agenda", "export", "--ics", file.to_str().expect("utf-8")]);
    let text = std::fs::read_to_string(&file).expect("ics");
    let events = validate_ics(&text);
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(
        events
            .iter()
            .any(|e| e.0.starts_with(&format!("event-{accepted}@")))
    );
    assert!(
        events
            .iter()
            .any(|e| e.1.contains("représenté par Jeanne Martin")),
        "{events:?}"
    );
    // Declined ones marked when the configuration says so.
    let config = env.data().join("permanence.toml");
    let text = std::fs::read_to_string(&config)
        .expect("config")
        .replace("feed_declined = \"omit\"", "feed_declined = \"mark\"");
    std::fs::write(&config, text).expect("config");
    env.ok(&["agenda", "export", "--ics", file.to_str().expect("utf-8")]);
    let events = validate_ics(&std::fs::read_to_string(&file).expect("ics"));
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(
        events
            .iter()
            .any(|e| e.1.starts_with("Décliné") && e.2 == "CANCELLED"),
        "{events:?}"
    );
}

#[test]
fn the_feed_needs_its_token_and_is_access_logged() {
    let (env, _) = office_with_invitations();
    let list = events(&env);
    env.ok(&[
        "agenda",
        "decide",
        &event_of(&list, "inv-1@mairie-crolles.fr")["id"].to_string(),
        "accept",
    ]);
    env.add_user("sam", "staff", "correct horse battery staple");
    let printed = env.ok(&["agenda", "token", "new", "sam"]);
    let path = printed
        .split_whitespace()
        .find(|w| w.starts_with("/agenda.ics?token="))
        .expect("the feed's path")
        .to_string();
    let server = WebServer::start(&env);
    let agent = ureq::Agent::new_with_defaults();
    // No cookie, no session: the token is enough.
    let mut response = agent.get(&server.url(&path)).call().expect("feed");
    assert_eq!(response.status(), 200);
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(kind.starts_with("text/calendar"), "{kind}");
    let body = response.body_mut().read_to_string().expect("body");
    let events = validate_ics(&body);
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(events[0].1.contains("médiathèque"), "{events:?}");
    // A wrong token and no token are refused alike.
    for bad in ["/agenda.ics?token=00", "/agenda.ics"] {
        let status = match agent.get(&server.url(bad)).call() {
            Ok(r) => r.status().as_u16(),
            Err(ureq::Error::StatusCode(code)) => code,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(status, 404, "{bad}");
    }
    drop(server);
    // The read is in the access log under the user's name.
    let log = env.ok(&["access-log", "--json"]);
    assert!(
        log.lines()
            .any(|l| l.contains("agenda-feed") && l.contains("sam")),
        "{log}"
    );
    // Revoked: the same address stops working.
    env.ok(&["agenda", "token", "revoke", "sam"]);
    let server = WebServer::start(&env);
    let status = match agent.get(&server.url(&path)).call() {
        Ok(r) => r.status().as_u16(),
        Err(ureq::Error::StatusCode(code)) => code,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(status, 404);
}

#[test]
fn the_demo_agenda_has_a_month_of_invitations() {
    let env = TestEnv::new();
    env.ok(&["-q", "demo", "--no-serve"]);
    let list: Vec<serde_json::Value> = env
        .ok(&["agenda", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert!(list.len() >= 12, "{}", list.len());
    let today = Local::now().date_naive();
    let last = list
        .iter()
        .filter_map(|e| e["date"].as_str())
        .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .max()
        .expect("dates");
    assert!(last >= today + Days::new(20), "{last}");
    assert!(
        list.iter()
            .any(|e| !e["conflicts"].as_array().expect("conflicts").is_empty())
    );
    // Running it again stores nothing twice.
    env.ok(&["-q", "demo", "--no-serve"]);
    assert_eq!(env.ok(&["agenda", "--json"]).lines().count(), list.len());
}

/// A reply deadline two days away brings the invitation to the morning queue.
#[test]
fn reply_deadlines_come_to_the_triage_page() {
    let (env, _) = office_with_invitations();
    env.add_user("sam", "staff", crate::web::PW);
    let server = WebServer::start(&env);
    let mut client = crate::web::Client::logged_in(&server, "sam");
    let listed = env.ok(&["triage"]);
    assert!(listed.starts_with("Invitations to answer: 1"), "{listed}");
    let page = client.get("/").text();
    assert!(page.contains("Invitations : réponse attendue"), "{page}");
    assert!(page.contains("médiathèque"), "{page}");
    // The agenda page lists the undecided invitations first, the conflict marked.
    let page = client.get("/agenda").text();
    assert!(page.contains("À décider"), "{page}");
    assert!(page.contains("Conflit d'horaire"), "{page}");
}
