//! Theme and commune tagging on data: the Stalwart-style rule tests (`fixtures/rules/*.test`:
//! `expect TAG` / `expect_not TAG`, a raw message, `<!-- NEXT TEST -->`), the labelled set
//! (`fixtures/tagging/`, theme F1 ≥ 0.90, commune F1 ≥ 0.95) and the ordinary-word trap set.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use permanence::officials::Directory;
use permanence::parse::{ParseOptions, parse};
use permanence::rules::{RuleSet, eval::THEMES, load_dir, tag};

use crate::util::{TestEnv, fixtures};

fn bundled_rules() -> RuleSet {
    load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("rules")
            .join("themes"),
    )
    .expect("bundled rules load")
}

#[test]
fn every_default_rule_passes_its_data_driven_tests() {
    let rules = bundled_rules();
    let directory = Directory::default();
    let dir = fixtures().join("rules");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/rules")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "test"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no rule tests");
    let mut positive: BTreeMap<String, u32> = BTreeMap::new();
    let mut negative: BTreeMap<String, u32> = BTreeMap::new();
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, block) in text.split("<!-- NEXT TEST -->").enumerate() {
            let block = block.trim_start_matches(['\r', '\n']);
            if block.trim().is_empty() {
                continue;
            }
            let (first, raw) = block.split_once('\n').expect("expect line then a message");
            let mut words = first.split_whitespace();
            let (verb, tag_name) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            let named: Vec<&str> = std::iter::once(tag_name).chain(words).collect();
            // A misspelt theme would make an `expect_not` pass for nothing.
            for name in named.iter().filter(|n| !n.is_empty()) {
                assert!(
                    THEMES.contains(name),
                    "{}: block {n}: unknown theme {name:?}",
                    file.display()
                );
            }
            let mail =
                parse(raw.as_bytes(), &ParseOptions::default()).expect("test message parses");
            let tags = tag(
                &mail,
                None,
                &directory,
                &rules,
                &["38".to_string()],
                permanence::parse::Kind::Personal,
                "2026-01-01",
            )
            .unwrap();
            let has = tags.themes.iter().any(|h| h.tag == tag_name);
            let ok = match verb {
                "expect" => {
                    *positive.entry(tag_name.to_string()).or_default() += 1;
                    has
                }
                "expect_not" => {
                    *negative.entry(tag_name.to_string()).or_default() += 1;
                    !has
                }
                // Stalwart's exact set: these themes and no other (`expect_exactly` alone: none).
                "expect_exactly" => {
                    let got: BTreeSet<&str> = tags.themes.iter().map(|h| h.tag.as_str()).collect();
                    let want: BTreeSet<&str> =
                        named.iter().copied().filter(|n| !n.is_empty()).collect();
                    for name in &want {
                        *positive.entry(name.to_string()).or_default() += 1;
                    }
                    got == want
                }
                // The message's main theme (issue 15): the first, by score.
                "expect_primary" => {
                    *positive.entry(tag_name.to_string()).or_default() += 1;
                    tags.themes.first().is_some_and(|h| h.tag == tag_name)
                }
                other => panic!("{}: block {n}: unknown verb {other:?}", file.display()),
            };
            if !ok {
                let got: Vec<&str> = tags.themes.iter().map(|h| h.tag.as_str()).collect();
                failures.push(format!(
                    "{} block {n}: {verb} {tag_name}, got {got:?}",
                    file.display()
                ));
            }
        }
    }
    for slug in THEMES {
        assert!(
            positive.get(*slug).is_some_and(|n| *n >= 1),
            "no positive test for {slug}"
        );
        assert!(
            negative.get(*slug).is_some_and(|n| *n >= 1),
            "no negative test for {slug}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} failing rule test(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn f1(tp: u32, fp: u32, fn_: u32) -> f64 {
    if tp == 0 {
        return 0.0;
    }
    let p = f64::from(tp) / f64::from(tp + fp);
    let r = f64::from(tp) / f64::from(tp + fn_);
    2.0 * p * r / (p + r)
}

fn labelled_env(sub: &str) -> (TestEnv, HashMap<String, serde_json::Value>) {
    let env = TestEnv::new();
    env.init_isere();
    let dir = fixtures().join("tagging").join(sub);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    let args: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    env.ingest(&args);
    let by_hash: HashMap<String, serde_json::Value> = env
        .export()
        .into_iter()
        .map(|m| (m["sha256"].as_str().unwrap().to_string(), m))
        .collect();
    let mut by_file = HashMap::new();
    for f in &files {
        use sha2::Digest as _;
        let hash = hex::encode(sha2::Sha256::digest(std::fs::read(f).unwrap()));
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        by_file.insert(
            name,
            by_hash
                .get(&hash)
                .cloned()
                .unwrap_or(serde_json::Value::Null),
        );
    }
    (env, by_file)
}

fn set_of(v: &serde_json::Value) -> BTreeSet<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(String::from))
        .collect()
}

fn split(field: &str) -> BTreeSet<String> {
    field
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// (theme F1, commune F1) on the labelled set, with the per-theme figures printed.
fn labelled_f1() -> (f64, f64) {
    let (_env, by_file) = labelled_env("messages");
    let labels = std::fs::read_to_string(fixtures().join("tagging").join("labels.csv")).unwrap();
    let (mut theme_counts, mut commune_counts) = ((0u32, 0u32, 0u32), (0u32, 0u32, 0u32));
    let mut per_theme: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut rows = 0;
    for line in labels.lines().skip(1) {
        let cols: Vec<&str> = line.splitn(4, ';').collect();
        let (file, themes, communes) = (
            cols[0],
            split(cols.get(1).unwrap_or(&"")),
            split(cols.get(2).unwrap_or(&"")),
        );
        let m = by_file
            .get(file)
            .unwrap_or_else(|| panic!("{file} not stored"));
        rows += 1;
        let got_themes = set_of(&m["themes"]);
        let got_communes = set_of(&m["communes"]);
        for t in got_themes.union(&themes) {
            let e = per_theme.entry(t.clone()).or_default();
            match (got_themes.contains(t), themes.contains(t)) {
                (true, true) => {
                    theme_counts.0 += 1;
                    e.0 += 1
                }
                (true, false) => {
                    theme_counts.1 += 1;
                    e.1 += 1
                }
                _ => {
                    theme_counts.2 += 1;
                    e.2 += 1
                }
            }
        }
        for c in got_communes.union(&communes) {
            match (got_communes.contains(c), communes.contains(c)) {
                (true, true) => commune_counts.0 += 1,
                (true, false) => commune_counts.1 += 1,
                _ => commune_counts.2 += 1,
            }
        }
        if got_themes != themes || got_communes != communes {
            misses.push(format!("{file}: themes {got_themes:?} vs {themes:?}; communes {got_communes:?} vs {communes:?}"));
        }
    }
    let theme_f1 = f1(theme_counts.0, theme_counts.1, theme_counts.2);
    let commune_f1 = f1(commune_counts.0, commune_counts.1, commune_counts.2);
    eprintln!(
        "{rows} labelled messages: theme F1 {theme_f1:.3} (tp {} fp {} fn {}), commune F1 {commune_f1:.3} (tp {} fp {} fn {})",
        theme_counts.0,
        theme_counts.1,
        theme_counts.2,
        commune_counts.0,
        commune_counts.1,
        commune_counts.2
    );
    for (t, (tp, fp, fn_)) in &per_theme {
        eprintln!(
            "  {t:<26} F1 {:.2} (tp {tp} fp {fp} fn {fn_})",
            f1(*tp, *fp, *fn_)
        );
    }
    for m in &misses {
        eprintln!("  MISS {m}");
    }
    assert!(rows >= 200, "labelled set too small: {rows}");
    (theme_f1, commune_f1)
}

#[test]
fn labelled_mail_meets_the_commune_bar() {
    let (_, commune_f1) = labelled_f1();
    assert!(commune_f1 >= 0.95, "commune F1 {commune_f1:.3} < 0.95");
}

/// This set was labelled before issue 15, when every mention of a grant, a budget or a second
/// subject was a theme of the message: 51 of its messages carry `finances-locales` for a
/// « subvention » or a « financement » in passing, which issue 15 says is not a theme. Theme F1
/// here was 0.910 before issue 15 and is 0.832 after it (finances-locales alone: 0.89 → 0.61).
/// The floor below guards against regressions; it is NOT the bar, which is measured on
/// the sets written for issue 15 (`tests/identity_bars.rs`, `scripts/eval-tags.py`) and is
/// not met there — see the closing note of issue 15.
#[test]
fn labelled_mail_theme_f1_regression_guard() {
    let (theme_f1, _) = labelled_f1();
    assert!(theme_f1 >= 0.82, "theme F1 {theme_f1:.3} < 0.82");
}

#[test]
fn ordinary_word_traps_tag_no_commune() {
    let (_env, by_file) = labelled_env("traps");
    let labels = std::fs::read_to_string(fixtures().join("tagging").join("traps.csv")).unwrap();
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in labels.lines().skip(1) {
        let cols: Vec<&str> = line.splitn(3, ';').collect();
        let expected = split(cols.get(1).unwrap_or(&""));
        let got = set_of(
            &by_file
                .get(cols[0])
                .unwrap_or_else(|| panic!("{} not stored", cols[0]))["communes"],
        );
        rows += 1;
        if got != expected {
            failures.push(format!(
                "{}: got {got:?}, expected {expected:?} ({})",
                cols[0],
                cols.get(2).unwrap_or(&"")
            ));
        }
    }
    assert!(rows >= 40, "trap set too small: {rows}");
    assert!(
        failures.is_empty(),
        "{} trap(s) tagged:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
