//! The pages of issue 17's « pages » part, over HTTP on the demo: the campaign view (a display
//! title, the common text once, one row per sender, letters folded with their additions, the
//! history's count in French, a small page), the commune page as a visit sheet (population,
//! EPCI, councillors with their titles, open cases with their next step, campaigns on one
//! line, notes, a print stylesheet) and « Pourquoi ces étiquettes » in French sentences with
//! the technical trace folded away.

use serde_json::Value;

use crate::util::{TestEnv, WebServer};
use crate::web::{Client, PW};

/// The demo's data directory with a staff user `sam`, served.
fn demo() -> (TestEnv, WebServer) {
    let env = TestEnv::new();
    env.ok(&["demo", "--no-serve"]);
    env.add_user("sam", "staff", PW);
    let server = WebServer::start(&env);
    (env, server)
}

/// Every case, as `case list --json` gives them (closed ones too).
fn cases(env: &TestEnv) -> Vec<Value> {
    ["proposed", "open", "waiting", "answered", "closed"]
        .iter()
        .flat_map(|state| {
            env.ok(&["case", "list", "--state", state, "--json"])
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).expect("case JSON"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// How many senders case `id` has (`case show`).
fn senders_of(env: &TestEnv, id: i64) -> usize {
    let shown: Value =
        serde_json::from_str(&env.ok(&["case", "show", &id.to_string(), "--json"])).expect("JSON");
    shown["parties"].as_array().map_or(0, Vec::len)
}

/// The text between `start` and the next `end` in `page` (panics when absent).
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn campaign_commune_sheet_and_explanations_read_as_a_collaborateur_expects() {
    let (env, server) = demo();
    let mut sam = Client::logged_in(&server, "sam");
    let all = cases(&env);

    // 1. The ZAN motion: the biggest campaign of the demo.
    let campaign = all
        .iter()
        .filter(|c| c["kind"] == "campaign")
        .max_by_key(|c| c["messages"].as_array().map_or(0, Vec::len))
        .expect("the demo has a campaign");
    let id = campaign["id"].as_i64().expect("case id");
    let reply = sam.get(&format!("/case/{id}"));
    assert_eq!(reply.status, 200);
    let page = reply.text();
    assert!(
        page.len() < 300_000,
        "the campaign page stays small: {} bytes",
        page.len()
    );
    let h1 = between(&page, "<h1>", "</h1>");
    assert!(
        h1.contains("ZAN") && h1.contains("conseils municipaux"),
        "a real title: {h1}"
    );
    // The common text once: a sentence of the motion appears in it and nowhere else.
    let common = between(&page, "id=\"common-text\"", "</div>");
    let sentence = "Considérant que la loi Climat et résilience";
    assert!(common.contains(sentence), "{common}");
    let unfolded = &page[..page.find("id=\"letters-title\"").expect("letters")];
    assert_eq!(
        unfolded.matches(sentence).count(),
        1,
        "the motion is shown once"
    );
    let folded_copies = page.matches(sentence).count() - 1;
    assert!(
        folded_copies * 4 < senders_of(&env, id),
        "folded letters show their additions, not the motion again ({folded_copies} copies)"
    );
    // One row per letter in the senders' table, as many as the campaign's senders.
    let table = between(&page, "id=\"campaign-senders\"", "</table>");
    let rows = table.matches("<tr>").count() - 1;
    let incoming = env.ok(&["case", "show", &id.to_string(), "--json"]);
    let shown: Value = serde_json::from_str(&incoming).expect("case show JSON");
    let senders = shown["parties"].as_array().map_or(0, Vec::len);
    assert_eq!(rows, senders, "one row per sender");
    assert!(rows >= 30, "{rows} senders");
    assert!(
        page.contains(&format!("Expéditeurs ({senders})")),
        "the count is the senders'"
    );
    // Letters folded, each with its heading; additions highlighted where there are some.
    assert_eq!(page.matches("<details class=\"letter\"").count(), rows);
    assert_eq!(page.matches("<summary><h3>").count(), rows);
    assert!(
        page.contains("<p class=\"added\"><mark>"),
        "additions marked"
    );
    // The history's campaign entry in French, with its count said as the first senders'.
    let history = between(&page, "id=\"history\"", "</ol>");
    assert!(history.contains("premiers expéditeurs"), "{history}");
    assert!(!history.contains("senders"), "{history}");

    // 2. The commune sheet of the first sender's commune.
    let commune: String = table
        .split_once("href=\"/commune/")
        .map(|(_, rest)| rest.chars().take_while(|c| *c != '"').collect())
        .expect("a sender's commune");
    let sheet = sam.get(&format!("/commune/{commune}"));
    assert_eq!(sheet.status, 200, "/commune/{commune}: {}", sheet.text());
    let page = sheet.text();
    let facts = between(&page, "id=\"commune-facts\"", "</dl>");
    assert!(facts.contains("habitants"), "population: {facts}");
    let epci = between(&page, "id=\"commune-epci\"", "</dd>");
    assert!(
        ["CC ", "CA ", "Métropole", "Communauté"]
            .iter()
            .any(|k| epci.contains(k)),
        "EPCI: {epci}"
    );
    let officials = between(&page, "id=\"commune-officials\"", "</ul>");
    assert!(
        officials.contains("/official/") && officials.contains("Maire"),
        "councillors with their titles: {officials}"
    );
    let campaigns = between(&page, "id=\"commune-campaigns\"", "</ul>");
    assert!(
        campaigns.contains(&format!("/case/{id}")),
        "campaigns on one line: {campaigns}"
    );
    assert!(page.contains("id=\"commune-open\"") || page.contains("Aucun dossier en cours"));
    // A note on the commune, shown on its sheet.
    let csrf = reply.csrf();
    let posted = sam.post_form(
        &format!("/commune/{commune}/note"),
        &[("csrf", &csrf), ("value", "Voir le maire au sujet du PLU")],
    );
    assert_eq!(posted.status, 303, "{}", posted.text());
    let page = sam.get(&format!("/commune/{commune}")).text();
    let notes = between(&page, "id=\"notes\"", "</section>");
    assert!(notes.contains("Voir le maire au sujet du PLU") && notes.contains("sam"));
    let empty = sam.post_form(
        &format!("/commune/{commune}/note"),
        &[("csrf", &csrf), ("value", "   ")],
    );
    assert_eq!(empty.status, 400);
    // The stylesheet prints the sheet: no navigation, no forms.
    let css = sam.get("/static/app.css").text();
    let print = between(&css, "@media print", "\n}\n");
    assert!(print.contains("nav") && print.contains("form") && print.contains("A4"));

    // 3. « Pourquoi ces étiquettes » of a letter: French sentences, the trace folded.
    let letter = shown["messages"][0].as_i64().expect("message id");
    let page = sam.get(&format!("/message/{letter}")).text();
    let sentences = between(&page, "id=\"explain-sentences\"", "</ul>");
    assert!(sentences.contains("Expéditeur reconnu"), "{sentences}");
    assert!(
        sentences.contains("Classé dans") || sentences.contains("Thème : aucun"),
        "{sentences}"
    );
    assert!(sentences.contains("Dossier n° "), "{sentences}");
    for jargon in ["because:", "score", "at byte", "Official:", "position"] {
        assert!(!sentences.contains(jargon), "{jargon}: {sentences}");
    }
    let trace = between(&page, "id=\"explain-trace\"", "</details>");
    assert!(trace.contains("<summary>Détails techniques</summary>") && trace.contains("score"));
}
