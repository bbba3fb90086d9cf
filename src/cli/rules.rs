//! The `rules` commands (`check`, `test [--apply]`): validating rule files and measuring what a
//! rule change would do to stored mail before applying it (measured by `rules::retag`, staff
//! corrections by `cases::corrections_against`; this module prints and re-indexes). Rule
//! files, subjects, names and matched words are printed through [`terminal_safe`].

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::context::Context;
use crate::index::search::parse_date_arg;
use crate::util::{quote_name, terminal_safe};

/// Theme rules.
#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Validate the rule files (errors name file:line and the reason).
    Check,
    /// Re-run the rules over stored mail and print what would change per rule.
    Test {
        /// Only mail dated on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Record the new tags.
        #[arg(long)]
        apply: bool,
    },
}

/// Runs a `rules` command.
pub fn run(dir: &Path, args: RulesArgs) -> Result<ExitCode> {
    match args.command {
        RulesCommand::Check => check(dir),
        RulesCommand::Test { since, apply } => {
            let since = since
                .as_deref()
                .map(|s| parse_date_arg(s, false))
                .transpose()?;
            test(dir, since, apply)
        }
    }
}

/// `rules check`: loads every rule file; errors name file:line and the reason.
fn check(dir: &Path) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let rules_dir = ctx.rules_dir();
    let set = crate::rules::load_dir(&rules_dir)?;
    let mut by_tag: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &set.rules {
        *by_tag.entry(r.tag.as_str()).or_default() += 1;
    }
    println!(
        "{}: {} rule(s) in {} file(s): ok",
        quote_name(&rules_dir.display().to_string()),
        set.rules.len(),
        set.files.len()
    );
    let stats = crate::rules::stats(ctx.store.conn())?;
    for r in &set.rules {
        let (fired, last) = stats.get(&r.id).copied().unwrap_or((0, 0));
        let last = if last == 0 {
            "never".to_string()
        } else {
            crate::util::local_datetime(last)
        };
        let expiry = r
            .expires
            .as_deref()
            .map(|e| format!(", expires {e}"))
            .unwrap_or_default();
        println!(
            "  {:<28} -> {:<26} {} terms, threshold {}, fired {fired} (last {last}){}  [{}]",
            terminal_safe(&r.id),
            terminal_safe(&r.tag),
            r.terms.len() + r.regexes.len(),
            r.threshold,
            terminal_safe(&expiry),
            terminal_safe(&r.origin)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `rules test [--since DATE] [--apply]`: re-runs the rules over stored mail and prints what
/// would change per rule; `--apply` records the new tags and re-indexes.
fn test(dir: &Path, since: Option<i64>, apply: bool) -> Result<ExitCode> {
    let mut ctx = Context::open(dir)?;
    let trial = crate::rules::retag::test(&ctx, since)?;
    println!(
        "rules test over {} message(s): {} would change",
        trial.examined,
        trial.changes.len()
    );
    let all: std::collections::BTreeSet<&String> =
        trial.added.keys().chain(trial.removed.keys()).collect();
    for rule in all {
        let a = trial.added.get(rule).map_or(0, Vec::len);
        let r = trial.removed.get(rule).map_or(0, Vec::len);
        let sample: Vec<String> = trial
            .added
            .get(rule)
            .into_iter()
            .flatten()
            .take(5)
            .map(|i| format!("+#{i}"))
            .chain(
                trial
                    .removed
                    .get(rule)
                    .into_iter()
                    .flatten()
                    .take(5)
                    .map(|i| format!("-#{i}")),
            )
            .collect();
        println!(
            "  {:<28} +{a} -{r}   {}",
            terminal_safe(rule),
            sample.join(" ")
        );
    }
    if trial.staff_themes > 0 {
        println!(
            "  ({} theme(s) set by staff are kept as they are)",
            trial.staff_themes
        );
    }
    print_disagreements(&crate::cases::corrections_against(
        ctx.store.conn(),
        &trial.themes,
    )?);
    if !apply {
        if !trial.changes.is_empty() {
            println!("nothing changed: run with --apply to record these tags");
        }
        return Ok(ExitCode::SUCCESS);
    }
    crate::rules::retag::apply(&mut ctx.store, &trial.changes)?;
    if let crate::pipeline::Reindexed::LeftToDaemon(why) = crate::pipeline::reindex_now(&mut ctx)? {
        println!("index busy ({why}): the daemon will re-index the changed messages");
    }
    println!("applied to {} message(s)", trial.changes.len());
    Ok(ExitCode::SUCCESS)
}

/// Staff theme corrections on cases (`case tag`/`untag`, latest per case and theme) that the
/// rules, as they are now, still contradict (see [`crate::cases::corrections_against`]).
fn print_disagreements(corrections: &crate::cases::Corrections) {
    if corrections.total == 0 {
        return;
    }
    println!(
        "staff theme corrections: {}, {} that the rules still disagree with",
        corrections.total,
        corrections.contradicted.len()
    );
    for c in &corrections.contradicted {
        let line = if c.added {
            format!(
                "  case #{}: {} added {}, the rules do not tag it",
                c.case, c.who, c.theme
            )
        } else {
            format!(
                "  case #{}: {} removed {}, the rules still tag it",
                c.case, c.who, c.theme
            )
        };
        println!("{}", terminal_safe(&line));
    }
}
