//! Tagging benchmark: commune detection (Aho-Corasick over the 38,950 COG names) and the theme
//! rules, per message, on a generated corpus. Parsing is done first and not timed.
//!
//! Run: `cargo run --release --example gen_corpus -- 5000 /tmp/corpus`, then
//! `cargo run --release --example bench_tagging -- /tmp/corpus`.

use std::path::Path;
use std::time::Instant;

use permanence::officials::Directory;
use permanence::parse::{ParseOptions, parse};
use permanence::rules::{load_dir, tag};

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench-corpus-50000".into());
    let files = permanence::source::maildir_files(Path::new(&dir))?;
    let parsed: Vec<_> = files
        .iter()
        .take(10_000)
        .filter_map(|f| std::fs::read(f).ok())
        .filter_map(|b| parse(&b, &ParseOptions::default()).ok())
        .collect();
    let rules = load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("rules")
            .join("themes"),
    )?;
    let directory = Directory::default();
    let territory = vec!["38".to_string()];
    let start = Instant::now();
    permanence::communes::Gazetteer::bundled()?;
    let load = start.elapsed();
    let start = Instant::now();
    let (mut communes, mut themes) = (0, 0);
    for mail in &parsed {
        let tags = tag(
            mail,
            None,
            &directory,
            &rules,
            &territory,
            permanence::parse::Kind::Personal,
            "2026-01-01",
        )?;
        communes += tags.communes.len();
        themes += tags.themes.len();
    }
    let elapsed = start.elapsed();
    println!(
        "{} messages: gazetteer built in {:.0} ms; tagging {:.1} µs/message ({} communes, {} themes)",
        parsed.len(),
        load.as_secs_f64() * 1000.0,
        elapsed.as_secs_f64() * 1e6 / parsed.len() as f64,
        communes,
        themes
    );
    Ok(())
}
