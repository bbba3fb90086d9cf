//! Cases: threading decisions on small hand-written threads, state changes driven by the
//! office's answers, every staff command and its history, triage, export --cases.

use serde_json::Value;

use crate::util::TestEnv;

const OFFICE: &str = "permanence@senateur-exemple.fr";

/// A message with the given headers (Date in March 2026, day `day`) and body.
fn mail(
    from: &str,
    to: &str,
    id: &str,
    day: u32,
    subject: &str,
    extra: &str,
    body: &str,
) -> String {
    format!(
        "From: {from}\r\nTo: {to}\r\nMessage-ID: <{id}>\r\nDate: {day:02} Mar 2026 10:00:00 +0100\r\n\
         Subject: {subject}\r\n{extra}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

fn ingest(env: &TestEnv, name: &str, text: &str) {
    env.ingest_bytes(name, text);
}

fn by_message_id<'a>(export: &'a [Value], id: &str) -> &'a Value {
    export
        .iter()
        .find(|m| m["message_id"] == id)
        .unwrap_or_else(|| panic!("{id} not exported"))
}

fn case_of(env: &TestEnv, id: &str) -> i64 {
    env.case_of(id)
}

fn show(env: &TestEnv, case: i64) -> Value {
    serde_json::from_str(&env.ok(&["case", "show", &case.to_string(), "--json"])).unwrap()
}

fn triage(env: &TestEnv, since: Option<&str>) -> Vec<Value> {
    let mut args = vec!["triage", "--json", "--as", "claire"];
    if let Some(s) = since {
        args.extend(["--since", s]);
    }
    env.ok(&args)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn threads_join_by_headers_quoted_block_and_subject_and_answers_move_the_state() {
    let env = TestEnv::new();
    env.init_isere();
    let request = mail(
        "Jean Dupont <maire@mairie-vif.fr>",
        OFFICE,
        "req-1@mairie-vif.fr",
        2,
        "Pont de la Gresse",
        "",
        "Madame la Sénatrice,\nLe pont de la Gresse doit être refait.\nJean Dupont\nMaire de Vif",
    );
    // The office's answer arrives first (imported from the sent folder before the inbox).
    let answer = mail(
        "Permanence <permanence@senateur-exemple.fr>",
        "maire@mairie-vif.fr",
        "ans-1@senateur-exemple.fr",
        3,
        "RE: Pont de la Gresse",
        "In-Reply-To: <req-1@mairie-vif.fr>\r\nReferences: <req-1@mairie-vif.fr>\r\n",
        "Monsieur le Maire,\nNous regardons votre dossier.\nLa permanence",
    );
    ingest(&env, "answer.eml", &answer);
    let answer_alone = by_message_id(&env.export(), "ans-1@senateur-exemple.fr").clone();
    assert_eq!(answer_alone["outgoing"], true, "[office] addresses");
    let waiting = answer_alone["case_id"]
        .as_i64()
        .expect("office mail opens a case");
    assert_eq!(
        show(&env, waiting)["state"],
        "waiting",
        "waiting for an answer"
    );
    ingest(&env, "request.eml", &request);
    let case = case_of(&env, "req-1@mairie-vif.fr");
    assert_ne!(case, waiting, "the request opens its own case…");
    assert_eq!(
        show(&env, waiting)["merged_into"],
        case,
        "…and adopts the answer's"
    );
    let c = show(&env, case);
    assert_eq!(
        c["state"], "answered",
        "the answer stored first joined its request"
    );
    assert_eq!(c["messages"].as_array().unwrap().len(), 2);
    assert_eq!(c["communes"], serde_json::json!(["38545"]));
    // A reply without any header, quoting the office's answer in an Outlook block.
    let outlook = mail(
        "Jean Dupont <maire@mairie-vif.fr>",
        OFFICE,
        "req-2@mairie-vif.fr",
        5,
        "Travaux",
        "",
        "Merci. Le devis est joint.\n\n-----Message d'origine-----\nDe : Permanence <permanence@senateur-exemple.fr>\n\
         Envoyé : mardi 3 mars 2026 10:00\nÀ : maire@mairie-vif.fr\nObjet : RE: Pont de la Gresse\n\nMonsieur le Maire,",
    );
    ingest(&env, "outlook.eml", &outlook);
    // The answer, stored before its request, joined the request's case when it came; the
    // office's answer made the case `answered`, the mayor's new mail made it `open` again.
    assert_eq!(
        case_of(&env, "ans-1@senateur-exemple.fr"),
        case,
        "reply stored first"
    );
    assert_eq!(
        case_of(&env, "req-2@mairie-vif.fr"),
        case,
        "quoted header block"
    );
    // Same sender, same subject after RE:/TR:, a week later, no header and no quote.
    let subject_only = mail(
        "Jean Dupont <maire@mairie-vif.fr>",
        OFFICE,
        "req-3@mairie-vif.fr",
        12,
        "TR: RE: Pont de la gresse",
        "",
        "Des nouvelles ?",
    );
    ingest(&env, "subject.eml", &subject_only);
    assert_eq!(case_of(&env, "req-3@mairie-vif.fr"), case, "subject");
    // Another sender with the same subject: another case.
    let other = mail(
        "Marie Curie <m.curie@orange.fr>",
        OFFICE,
        "other@orange.fr",
        12,
        "Pont de la Gresse",
        "",
        "Bonjour, je suis riveraine du pont.",
    );
    ingest(&env, "other.eml", &other);
    assert_ne!(case_of(&env, "other@orange.fr"), case);
    // An auto-reply naming the office's answer joins nothing.
    let auto = mail(
        "Jean Dupont <maire@mairie-vif.fr>",
        OFFICE,
        "auto@mairie-vif.fr",
        13,
        "Réponse automatique : RE: Pont de la Gresse",
        "Auto-Submitted: auto-replied\r\nIn-Reply-To: <ans-1@senateur-exemple.fr>\r\n",
        "Je suis absent jusqu'au 20 mars.",
    );
    ingest(&env, "auto.eml", &auto);
    let auto = by_message_id(&env.export(), "auto@mairie-vif.fr").clone();
    assert_eq!(auto["kind"], "auto_reply");
    assert_eq!(auto["case_id"], Value::Null);

    let c = show(&env, case);
    assert_eq!(c["messages"].as_array().unwrap().len(), 4);
    let methods: Vec<&str> = c["thread"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["method"].as_str().unwrap())
        .collect();
    assert_eq!(methods, ["new", "references", "quoted_header", "subject"]);
    assert_eq!(c["state"], "open", "the mayor wrote after the answer");
    let states: Vec<(String, String)> = c["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["action"] == "state")
        .map(|h| {
            (
                h["before"].as_str().unwrap().into(),
                h["after"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            ("proposed".to_string(), "answered".to_string()),
            ("answered".to_string(), "open".to_string())
        ]
    );
    // explain names the decision.
    let explained = env.ok(&["explain", "req-2@mairie-vif.fr"]);
    assert!(explained.contains("by quoted_header"), "{explained}");
    assert!(explained.contains("quotes message #"), "{explained}");
    let explained = env.ok(&["explain", "auto@mairie-vif.fr"]);
    assert!(
        explained.contains("auto-reply mail never opens or joins a case"),
        "{explained}"
    );

    // Re-ingesting everything changes nothing.
    let before = env.ok(&["export", "--cases"]);
    for name in [
        "answer.eml",
        "request.eml",
        "outlook.eml",
        "subject.eml",
        "other.eml",
        "auto.eml",
    ] {
        let summary = env.ingest(&[env.path(name).to_str().unwrap()]);
        assert_eq!(summary["counts"]["new"], 0);
    }
    assert_eq!(env.ok(&["export", "--cases"]), before);
}

#[test]
fn staff_commands_are_recorded_and_keep_every_message_somewhere() {
    let env = TestEnv::new();
    env.init_isere();
    for (i, (from, subject, body)) in [
        (
            "maire@mairie-vif.fr",
            "Subvention école",
            "Demande de DETR pour l'école de Vif.",
        ),
        (
            "maire@mairie-vif.fr",
            "Déneigement",
            "La route départementale RD 1075 n'est pas déneigée : les transports scolaires ne passent plus.",
        ),
        (
            "c.garnier@ville-meylan.fr",
            "Carte scolaire",
            "Fermeture de classe à Meylan.",
        ),
    ]
    .iter()
    .enumerate()
    {
        let text = mail(
            from,
            OFFICE,
            &format!("m{i}@x.fr"),
            2 + i as u32,
            subject,
            "",
            body,
        );
        ingest(&env, &format!("m{i}.eml"), &text);
    }
    let a = case_of(&env, "m0@x.fr");
    let b = case_of(&env, "m1@x.fr");
    let c = case_of(&env, "m2@x.fr");
    assert!(a != b && b != c);

    // The first triage lists the three proposed cases, with who and where.
    let queue = triage(&env, None);
    assert_eq!(queue.len(), 3);
    assert!(
        queue
            .iter()
            .all(|i| i["reason"] == "new" && i["state"] == "proposed")
    );
    let meylan = queue.iter().find(|i| i["id"] == c).unwrap();
    assert_eq!(meylan["commune_names"], serde_json::json!(["Meylan"]));
    assert!(
        meylan["snippet"]
            .as_str()
            .unwrap()
            .contains("Fermeture de classe")
    );

    let who = ["case", "--as", "claire"];
    let run = |args: &[&str]| env.ok(&[&who[..], args].concat());
    run(&["confirm", &a.to_string()]);
    // Cases are assigned to users only: an unknown name is refused, a user's name in any case
    // is recorded as the user spells it.
    let refused = env.run(&["case", "assign", &a.to_string(), "thomas"]);
    assert!(
        !refused.status.success(),
        "assigning to a non-user must fail"
    );
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("no user named"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    env.add_user("thomas", "staff", "motdepasse-de-test");
    run(&["assign", &a.to_string(), "Thomas"]);
    run(&["priority", &a.to_string(), "urgent"]);
    run(&["due", &a.to_string(), "2099-04-01"]);
    run(&["tag", &a.to_string(), "numerique"]);
    run(&["untag", &a.to_string(), "finances-locales"]);
    run(&["note", &a.to_string(), "Rappeler", "le", "maire"]);
    run(&["state", &a.to_string(), "waiting"]);
    let shown = show(&env, a);
    assert_eq!(shown["state"], "waiting");
    assert_eq!(shown["assignee"], "thomas");
    assert_eq!(shown["priority"], "urgent");
    assert_eq!(shown["due"], "2099-04-01");
    assert!(
        shown["themes"]
            .as_array()
            .unwrap()
            .contains(&"numerique".into())
    );
    assert!(
        !shown["themes"]
            .as_array()
            .unwrap()
            .contains(&"finances-locales".into())
    );
    assert_eq!(shown["notes"][0]["text"], "Rappeler le maire");
    assert_eq!(shown["notes"][0]["author"], "claire");
    let actions: Vec<&str> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["who"] == "claire")
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "state", "assign", "priority", "due", "tag", "untag", "note", "state"
        ]
    );
    let assign = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "assign")
        .unwrap();
    assert_eq!(
        (assign["before"].as_str(), assign["after"].as_str()),
        (Some(""), Some("thomas"))
    );
    // Bad input is refused with a reason, and changes nothing.
    let out = env.run(&["case", "state", &a.to_string(), "done"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown state"));
    assert!(
        !env.run(&["case", "due", &a.to_string(), "1 avril"])
            .status
            .success()
    );
    assert!(!env.run(&["case", "show", "999"]).status.success());

    // Staff removed b's rule theme: it stays removed after the merge.
    let b_theme = show(&env, b)["themes"][0]
        .as_str()
        .expect("the rules tag « Déneigement »")
        .to_string();
    run(&["untag", &b.to_string(), &b_theme]);
    // Merge b into a: every message moves, b points at a.
    run(&["merge", &b.to_string(), &a.to_string()]);
    let merged = show(&env, a);
    assert_eq!(merged["messages"].as_array().unwrap().len(), 2);
    assert!(
        !merged["themes"]
            .as_array()
            .unwrap()
            .contains(&b_theme.clone().into()),
        "{merged}"
    );
    let gone = show(&env, b);
    assert_eq!(gone["merged_into"], a);
    assert_eq!(gone["state"], "closed");
    assert!(
        !env.run(&["case", "note", &b.to_string(), "x"])
            .status
            .success(),
        "merged cases are read-only"
    );
    // Split it back out.
    let m1 = by_message_id(&env.export(), "m1@x.fr")["id"]
        .as_i64()
        .unwrap();
    let out = run(&["split", &a.to_string(), &m1.to_string()]);
    let new: i64 = out.lines().last().unwrap().parse().unwrap();
    assert_eq!(case_of(&env, "m1@x.fr"), new);
    assert_eq!(case_of(&env, "m0@x.fr"), a);
    assert_eq!(show(&env, new)["state"], "open");
    assert!(
        !env.run(&["case", "split", &a.to_string(), &m1.to_string()])
            .status
            .success()
    );
    // Every personal message is in exactly one live case.
    for m in env.export() {
        let case = show(&env, m["case_id"].as_i64().unwrap());
        assert_eq!(case["merged_into"], Value::Null);
        assert!(case["messages"].as_array().unwrap().contains(&m["id"]));
    }

    // The second triage (since the first): c is still proposed; a is waiting (not listed).
    let queue = triage(&env, Some("LAST"));
    let ids: Vec<i64> = queue.iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&c) && !ids.contains(&a), "{ids:?}");
    // New mail on the waiting case brings it back, as open with new mail.
    let again = mail(
        "maire@mairie-vif.fr",
        OFFICE,
        "m9@x.fr",
        20,
        "RE: Subvention école",
        "In-Reply-To: <m0@x.fr>\r\n",
        "Le dossier est complet.",
    );
    ingest(&env, "again.eml", &again);
    let queue = triage(&env, None);
    let item = queue.iter().find(|i| i["id"] == a).expect("a is back");
    assert_eq!(item["reason"], "new_mail");
    assert_eq!(item["state"], "open");
    assert_eq!(queue[0]["id"], a, "urgent first");
    // Nothing new since: only what is still proposed.
    let queue = triage(&env, None);
    assert!(queue.iter().all(|i| i["reason"] == "new"), "{queue:?}");
    assert!(
        queue.iter().any(|i| i["id"] == c),
        "c is still proposed: {queue:?}"
    );

    // `rules test` lists the theme corrections the rules still disagree with.
    let out = env.ok(&["rules", "test"]);
    assert!(out.contains("claire added numerique"), "{out}");
    assert!(
        out.contains("claire removed finances-locales, the rules still tag it"),
        "{out}"
    );

    // export --cases: one line per case with messages, state and history.
    let lines: Vec<Value> = env
        .ok(&["export", "--cases"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let exported = lines.iter().find(|l| l["id"] == a).unwrap();
    assert_eq!(exported["state"], "open");
    assert!(exported["history"].as_array().unwrap().len() >= 10);
    assert_eq!(exported["notes"][0]["text"], "Rappeler le maire");
}

/// The command line and the web carry out one `cases::Action` (issue 16): `-` unassigns and
/// clears a due date on both, and `dismiss` exists on both.
#[test]
fn the_command_line_shares_the_web_actions() {
    let env = TestEnv::new();
    env.init_isere();
    let text = mail(
        "maire@mairie-vif.fr",
        OFFICE,
        "d0@x.fr",
        2,
        "Merci",
        "",
        "Merci pour votre venue à l'inauguration de la médiathèque de Vif.",
    );
    ingest(&env, "d0.eml", &text);
    let a = case_of(&env, "d0@x.fr");
    env.add_user("thomas", "staff", "motdepasse-de-test");
    let run = |args: &[&str]| {
        let mut all = vec!["case", "--as", "claire"];
        all.extend_from_slice(args);
        env.ok(&all)
    };
    let id = a.to_string();
    run(&["assign", &id, "thomas"]);
    run(&["due", &id, "2099-01-31"]);
    run(&["assign", &id, "-"]);
    run(&["due", &id, "-"]);
    let shown = show(&env, a);
    assert_eq!(shown["assignee"], "", "{shown}");
    assert_eq!(shown["due"], "", "{shown}");
    let out = run(&["dismiss", &id]);
    assert!(out.contains("not a request"), "{out}");
    let shown = show(&env, a);
    assert_eq!(shown["state"], "closed");
    let history = shown["history"].as_array().unwrap();
    assert!(
        history
            .iter()
            .any(|h| h["action"] == "not_a_request" && h["who"] == "claire"),
        "{shown}"
    );
    // A merge into a case that does not exist is refused, naming it.
    let out = env.run(&["case", "merge", &id, "#999999"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no case #999999"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Confirming or noting a case is looking at its mail: an open case leaves the queue once a
/// staff action followed its newest mail, even though no triage run was recorded in between.
#[test]
fn an_open_case_whose_new_mail_staff_already_followed_leaves_the_queue() {
    let env = TestEnv::new();
    env.init_isere();
    // A fixed date, so that no recorded triage run hides anything: only the rule can.
    let since = Some("2000-01-01");
    let in_queue = |case: i64| -> Option<String> {
        triage(&env, since)
            .iter()
            .find(|i| i["id"] == case)
            .map(|i| i["reason"].as_str().expect("reason").to_string())
    };
    let request = mail(
        "Jean Dupont <maire@mairie-vif.fr>",
        OFFICE,
        "req-1@mairie-vif.fr",
        2,
        "Pont de la Gresse",
        "",
        "Madame la Sénatrice,\nLe pont de la Gresse doit être refait.\nJean Dupont\nMaire de Vif",
    );
    ingest(&env, "request.eml", &request);
    let case = case_of(&env, "req-1@mairie-vif.fr");
    assert_eq!(show(&env, case)["state"], "proposed");
    assert_eq!(in_queue(case).as_deref(), Some("new"));
    // The rule compares whole seconds (`ingested_at >= at`): act in a later second.
    let tick = || std::thread::sleep(std::time::Duration::from_millis(1100));
    tick();
    env.ok(&["case", "--as", "claire", "confirm", &case.to_string()]);
    assert_eq!(show(&env, case)["state"], "open");
    assert_eq!(
        in_queue(case),
        None,
        "confirmed: its mail was seen (it would be new_mail since 2000 without the rule)"
    );
    let reply = mail(
        "Jean Dupont <maire@mairie-vif.fr>",
        OFFICE,
        "req-2@mairie-vif.fr",
        9,
        "RE: Pont de la Gresse",
        "In-Reply-To: <req-1@mairie-vif.fr>\r\nReferences: <req-1@mairie-vif.fr>\r\n",
        "Le devis est arrivé.",
    );
    ingest(&env, "reply.eml", &reply);
    assert_eq!(
        case_of(&env, "req-2@mairie-vif.fr"),
        case,
        "the reply joins the case"
    );
    assert_eq!(show(&env, case)["state"], "open");
    assert_eq!(
        in_queue(case).as_deref(),
        Some("new_mail"),
        "mail after the confirm"
    );
    // Still there on a second look: listing the queue is not following the mail.
    assert_eq!(in_queue(case).as_deref(), Some("new_mail"));
    tick();
    env.ok(&[
        "case",
        "--as",
        "claire",
        "note",
        &case.to_string(),
        "Devis",
        "reçu",
    ]);
    assert_eq!(in_queue(case), None, "the note followed the reply");
}

#[test]
fn bounces_name_the_undelivered_answer_in_its_case() {
    let env = TestEnv::new();
    env.init_isere();
    ingest(
        &env,
        "req.eml",
        &mail(
            "maire@mairie-vif.fr",
            OFFICE,
            "r@vif.fr",
            2,
            "Eau potable",
            "",
            "Question sur l'eau potable de Vif.",
        ),
    );
    ingest(
        &env,
        "ans.eml",
        &mail(
            OFFICE,
            "maire@mairie-vif.fr",
            "a@s.fr",
            3,
            "RE: Eau potable",
            "In-Reply-To: <r@vif.fr>\r\n",
            "Réponse.",
        ),
    );
    let bounce = "From: MAILER-DAEMON@mx.senateur-exemple.fr\r\nTo: permanence@senateur-exemple.fr\r\n\
        Message-ID: <b@mx>\r\nDate: 03 Mar 2026 10:05:00 +0100\r\nSubject: Undelivered Mail Returned to Sender\r\n\
        MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n\
        --B\r\nContent-Type: text/plain\r\n\r\nUser unknown.\r\n\
        --B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; maire@mairie-vif.fr\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n\
        --B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: permanence@senateur-exemple.fr\r\nMessage-ID: <a@s.fr>\r\nSubject: RE: Eau potable\r\n\r\n--B--\r\n";
    ingest(&env, "bounce.eml", bounce);
    let export = env.export();
    let b = by_message_id(&export, "b@mx");
    let a = by_message_id(&export, "a@s.fr");
    assert_eq!(b["kind"], "bounce");
    assert_eq!(b["case_id"], Value::Null);
    assert_eq!(b["bounce_of"], a["id"]);
    let case = show(&env, a["case_id"].as_i64().unwrap());
    assert!(
        case["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["action"] == "bounce"),
        "{case}"
    );
    let explained = env.ok(&["explain", "b@mx"]);
    assert!(
        explained.contains(&format!("message #{} was not delivered", a["id"])),
        "{explained}"
    );
}

#[test]
fn confirming_a_case_with_its_official_teaches_the_sender_address() {
    let env = TestEnv::new();
    env.init_isere();
    // The mayor of Aignan (32001), writing from a personal address nobody knows yet.
    let official = env.import_mayors_and_get("32001");
    let oid = official["id"].as_i64().unwrap();
    for (i, subject) in ["Salle des fêtes", "Cantine scolaire"].iter().enumerate() {
        let text = mail(
            "R. P. <rp.perso@gmail.com>",
            OFFICE,
            &format!("p{i}@gmail.com"),
            2 + i as u32,
            subject,
            "",
            "Bonjour, une question pour la commune.",
        );
        ingest(&env, &format!("p{i}.eml"), &text);
    }
    let export = env.export();
    assert_eq!(
        by_message_id(&export, "p1@gmail.com")["official"],
        Value::Null
    );
    let case = case_of(&env, "p0@gmail.com");
    let out = env.ok(&[
        "case",
        "--as",
        "claire",
        "confirm",
        &case.to_string(),
        "--official",
        &oid.to_string(),
    ]);
    assert!(out.contains("rp.perso@gmail.com learned"), "{out}");
    let shown = show(&env, case);
    assert_eq!(shown["state"], "open");
    assert_eq!(shown["official"]["id"], oid);
    assert!(
        shown["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["action"] == "official" && h["who"] == "claire")
    );
    // The sender's other mail is now matched to that official.
    let export = env.export();
    assert_eq!(
        by_message_id(&export, "p1@gmail.com")["official"]["id"],
        oid
    );
    // Its case follows.
    let other = case_of(&env, "p1@gmail.com");
    assert_eq!(show(&env, other)["official"]["id"], oid);
    // Tagging again after the correction does not count a rule twice.
    let db = rusqlite::Connection::open(env.data().join("permanence.sqlite3")).unwrap();
    let mismatched: i64 = db
        .query_row(
            "SELECT count(*) FROM rule_stats s WHERE fired != (SELECT count(*) FROM message_themes t WHERE t.rule = s.rule)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mismatched, 0);
}

#[test]
fn mail_in_a_maildir_sent_folder_is_the_office_answer() {
    let env = TestEnv::new();
    env.ok(&["init"]); // no [office] addresses: only the folder says it is the office's mail
    let root = env.path("mail");
    for (folder, name, text) in [
        (
            "",
            "1.M1P1.x:2,S",
            mail(
                "maire@mairie-vif.fr",
                "bureau@senat.fr",
                "q@vif.fr",
                2,
                "Cantine",
                "",
                "Question sur la cantine de Vif.",
            ),
        ),
        (
            ".Sent",
            "2.M2P1.x:2,S",
            mail(
                "bureau@senat.fr",
                "maire@mairie-vif.fr",
                "r@senat.fr",
                3,
                "RE: Cantine",
                "In-Reply-To: <q@vif.fr>\r\n",
                "Réponse.",
            ),
        ),
    ] {
        let dir = root.join(folder);
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        std::fs::write(dir.join("cur").join(name), text).unwrap();
    }
    env.ingest(&["--maildir", root.to_str().unwrap()]);
    let export = env.export();
    assert_eq!(by_message_id(&export, "r@senat.fr")["outgoing"], true);
    assert_eq!(by_message_id(&export, "q@vif.fr")["outgoing"], false);
    let case = case_of(&env, "q@vif.fr");
    assert_eq!(case_of(&env, "r@senat.fr"), case);
    assert_eq!(show(&env, case)["state"], "answered");
}
