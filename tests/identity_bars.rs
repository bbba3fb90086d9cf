//! Issue 15's bars, measured as `shared/EVALUATION.md` defines them, on labelled sets written
//! from the issue text by helpers who saw neither the code nor the other sets (each set's
//! SOURCE.md says who and how), with the national directory loaded as offices load it: the
//! whole national mayors file, the real Gers and Loire-Atlantique councillors, and a
//! national-size councillors file (`examples/national_directory.rs`).
//!
//! Which sets are held out and which became development sets (code changed while looking at
//! their failures) is said at each test; the figures of record are those of the held-out sets,
//! measured once, and the closing note of issue 15 gives them all.

use std::collections::{BTreeSet, HashMap};

use permanence::util::fold;
use serde_json::Value;

use crate::util::{TestEnv, fixtures};

#[path = "../examples/national_directory.rs"]
#[allow(dead_code)]
mod national_directory;

/// What a set measures to.
struct Figures {
    right: usize,
    with_official: usize,
    false_matches: usize,
    citizens: usize,
    high_right: usize,
    high: usize,
    communes: (f64, f64),
    themes: (f64, f64),
    primary: f64,
}

/// Ingests `set` into an office of `departement` at `office`, the national directory (or none)
/// and the set's address book loaded first, and measures it.
fn measure(set: &str, office: &str, departement: &str, national: bool) -> Figures {
    let env = TestEnv::new();
    env.init_office(departement, office);
    let dir = fixtures().join(set);
    if national {
        let mayors = fixtures()
            .join("rne-national")
            .join("elus-maires-mai-2026-04-28.csv");
        let councillors = fixtures()
            .join("rne")
            .join("elus-conseillers-municipaux-cm.32-44.csv");
        let generated = env.path("national-cm.csv");
        let pools = [
            std::fs::read_to_string(&mayors).expect("mayors file"),
            std::fs::read_to_string(&councillors).expect("councillors file"),
        ];
        let communes = std::fs::read_to_string(
            fixtures()
                .parent()
                .expect("repository")
                .join("rules/communes/communes.tsv"),
        )
        .expect("communes");
        let rows = national_directory::write(&generated, &communes, &pools, &["32", "44"], 1)
            .expect("national councillors");
        assert!(rows > 450_000, "national-size: {rows} councillors");
        env.ok(&[
            "officials",
            "import",
            mayors.to_str().expect("path"),
            councillors.to_str().expect("path"),
            generated.to_str().expect("path"),
        ]);
    }
    let book = dir.join("contacts.csv");
    if book.exists() {
        env.ok(&["contacts", "import", book.to_str().expect("path")]);
    }
    env.ok(&[
        "ingest",
        "--maildir",
        dir.join("maildir").to_str().expect("path"),
    ]);
    let exported: HashMap<String, Value> = env
        .export()
        .into_iter()
        .map(|m| (m["message_id"].as_str().unwrap_or("").to_string(), m))
        .collect();
    let truth: Vec<Value> = std::fs::read_to_string(dir.join("truth.jsonl"))
        .expect("truth.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("truth line"))
        .collect();
    let key = |o: &Value| -> Option<(String, String, String)> {
        o.is_object().then(|| {
            (
                fold(o["nom"].as_str().unwrap_or("")),
                fold(o["prenom"].as_str().unwrap_or("")),
                o["commune_code"].as_str().unwrap_or("").to_string(),
            )
        })
    };
    let automatic = ["auto_reply", "bulk", "bounce", "spam", "automatic"];
    let mut f = Figures {
        right: 0,
        with_official: 0,
        false_matches: 0,
        citizens: 0,
        high_right: 0,
        high: 0,
        communes: (0.0, 0.0),
        themes: (0.0, 0.0),
        primary: 0.0,
    };
    let (mut communes, mut themes) = ([0usize; 3], [0usize; 3]);
    let (mut primary_right, mut personal) = (0usize, 0usize);
    for t in &truth {
        if automatic.contains(&t["kind"].as_str().unwrap_or("")) {
            continue;
        }
        let id = t["message_id"].as_str().expect("message_id");
        let m = exported
            .get(id)
            .unwrap_or_else(|| panic!("{set}: {id} not stored"));
        personal += 1;
        let (want, got) = (key(&t["official"]), key(&m["official"]));
        if want.is_some() {
            f.with_official += 1;
            f.right += usize::from(want == got);
        } else {
            f.citizens += 1;
            f.false_matches += usize::from(got.is_some());
        }
        if got.is_some() && m["official"]["confidence"].as_f64().unwrap_or(0.0) >= 0.9 {
            f.high += 1;
            f.high_right += usize::from(want == got);
        }
        for (field, counts) in [("communes", &mut communes), ("themes", &mut themes)] {
            let set_of = |v: &Value| -> BTreeSet<String> {
                v[field]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let (w, g) = (set_of(t), set_of(m));
            counts[0] += w.intersection(&g).count();
            counts[1] += g.difference(&w).count();
            counts[2] += w.difference(&g).count();
        }
        let want_primary = t["themes"].as_array().and_then(|a| a.first()).cloned();
        primary_right += usize::from(want_primary.unwrap_or(Value::Null) == m["primary_theme"]);
    }
    let pr = |c: [usize; 3]| {
        (
            c[0] as f64 / (c[0] + c[1]).max(1) as f64,
            c[0] as f64 / (c[0] + c[2]).max(1) as f64,
        )
    };
    f.communes = pr(communes);
    f.themes = pr(themes);
    f.primary = primary_right as f64 / personal.max(1) as f64;
    eprintln!(
        "{set} ({} directory): officials right {}/{} = {:.3}; false matches {}/{} = {:.4}; confidence >= 0.9 right {}/{}; communes P {:.3} R {:.3}; themes P {:.3} R {:.3}; primary {:.3}",
        if national { "national" } else { "no" },
        f.right,
        f.with_official,
        f.right as f64 / f.with_official.max(1) as f64,
        f.false_matches,
        f.citizens,
        f.false_matches as f64 / f.citizens.max(1) as f64,
        f.high_right,
        f.high,
        f.communes.0,
        f.communes.1,
        f.themes.0,
        f.themes.1,
        f.primary
    );
    f
}

/// `fixtures/identity-eval-4/` (a senator's office in Gers, 508 messages) was held out and
/// measured once with the finished matcher (commit 1303dc3): officials right 215/216 = 0.995,
/// false matches 0/262, matches at confidence ≥ 0.9 right 214/214. The bars are asserted as
/// the issue states them. (The three earlier identity sets became development sets; their
/// figures are in the closing note.)
#[test]
fn officials_meet_the_bars_with_the_national_directory() {
    let f = measure(
        "identity-eval-4",
        "contact@senat-gers-exemple.fr",
        "32",
        true,
    );
    assert!(f.with_official >= 200 && f.citizens >= 250, "set too small");
    let right = f.right as f64 / f.with_official as f64;
    assert!(
        right >= 0.97,
        "officials' mail right person {right:.3} < 0.97"
    );
    let false_rate = f.false_matches as f64 / f.citizens as f64;
    assert!(
        false_rate <= 0.005,
        "citizens given an official {false_rate:.4} > 0.005"
    );
    let calibrated = f.high_right as f64 / f.high.max(1) as f64;
    assert!(
        calibrated >= 0.99,
        "matches at confidence >= 0.9 right {calibrated:.3} < 0.99"
    );
}

/// `fixtures/tagging-eval-3/` (a senator's office in Puy-de-Dôme, 501 messages, 232 distinct
/// letters) was held out and measured once with the finished tagging (commit aadb6c5):
/// communes precision 0.923, recall 0.986; themes precision 0.874, recall 0.774; primary theme
/// right 0.783. The bar it meets (communes recall ≥ 0.95) is asserted; the four it does not
/// (primary ≥ 0.92, themes precision ≥ 0.90 and recall ≥ 0.95, communes precision ≥ 0.97) are
/// NOT met and are printed, not asserted — see the closing note. `tagging-eval` and
/// `tagging-eval-2` became development sets.
#[test]
fn tagging_on_the_held_out_set() {
    let f = measure(
        "tagging-eval-3",
        "permanence@senateur-puy-de-dome-exemple.fr",
        "63",
        false,
    );
    assert!(
        f.communes.1 >= 0.95,
        "communes recall {:.3} < 0.95",
        f.communes.1
    );
    // A guard, not a bar: before issue 15 (themes in alphabetical order) it was 0.091.
    assert!(f.primary > 0.5, "primary theme right {:.3}", f.primary);
}
