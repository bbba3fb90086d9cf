//! The `rules` commands (`check`, `test [--apply]`): validating rule files and measuring what a
//! rule change would do to stored mail before applying it. Rule files, subjects, names and
//! matched words are printed through [`terminal_safe`].

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::context::Context;
use crate::index::search::parse_date_arg;
use crate::officials::{Directory, Match};
use crate::parse::{ParseOptions, parse};
use crate::store::messages;
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
    let stats = ctx
        .store
        .conn()
        .prepare("SELECT rule, fired, last_fired FROM rule_stats")?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (r.get::<_, i64>(1)?, r.get::<_, i64>(2)?),
            ))
        })?
        .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
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
    let rules = crate::rules::load_dir(&ctx.rules_dir())?;
    let directory = Directory::load(ctx.store.conn(), &ctx.config.office.departements)?;
    let options = ParseOptions {
        max_parse_bytes: (ctx.config.ingest.max_parse_mb as usize) << 20,
    };
    let rows: Vec<(i64, String, i64, crate::parse::Kind, Option<i64>)> = ctx
        .store
        .conn()
        .prepare(
            "SELECT m.id, m.blob, m.date, m.kind, o.official FROM messages m LEFT JOIN message_officials o ON o.message = m.id
             WHERE m.state != 'failed' AND m.date >= ?1 ORDER BY m.id",
        )?
        .query_map([since.unwrap_or(i64::MIN)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut added: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut removed: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut changed = Vec::new();
    let mut themes_now: std::collections::HashMap<i64, Vec<String>> = Default::default();
    for (id, blob, date, kind, official) in &rows {
        let Ok(parsed) = parse(&ctx.raw.read(blob)?, &options) else {
            continue;
        };
        let matched = Match {
            official: *official,
            ..Default::default()
        };
        let day = chrono::DateTime::from_timestamp(*date, 0)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let new = crate::rules::tag(
            &parsed,
            Some(&matched),
            &directory,
            &rules,
            &ctx.config.office.departements,
            *kind,
            &day,
        )?;
        let old: Vec<(String, String)> = ctx
            .store
            .conn()
            .prepare_cached(
                "SELECT theme, rule FROM message_themes WHERE message = ?1 AND rule != 'staff'",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        themes_now.insert(*id, new.themes.iter().map(|h| h.tag.clone()).collect());
        let mut differs = false;
        for hit in &new.themes {
            if !old.iter().any(|(t, _)| *t == hit.tag) {
                added.entry(hit.rule.clone()).or_default().push(*id);
                differs = true;
            }
        }
        for (theme, rule) in &old {
            if !new.themes.iter().any(|h| h.tag == *theme) {
                removed.entry(rule.clone()).or_default().push(*id);
                differs = true;
            }
        }
        if differs {
            changed.push((*id, new));
        }
    }
    println!(
        "rules test over {} message(s): {} would change",
        rows.len(),
        changed.len()
    );
    let all: std::collections::BTreeSet<&String> = added.keys().chain(removed.keys()).collect();
    for rule in all {
        let a = added.get(rule).map_or(0, Vec::len);
        let r = removed.get(rule).map_or(0, Vec::len);
        let sample: Vec<String> = added
            .get(rule)
            .into_iter()
            .flatten()
            .take(5)
            .map(|i| format!("+#{i}"))
            .chain(
                removed
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
    let staff: i64 = ctx.store.conn().query_row(
        "SELECT count(*) FROM message_themes WHERE rule = 'staff'",
        [],
        |r| r.get(0),
    )?;
    if staff > 0 {
        println!("  ({staff} theme(s) set by staff are kept as they are)");
    }
    print_disagreements(ctx.store.conn(), &themes_now)?;
    if !apply {
        if !changed.is_empty() {
            println!("nothing changed: run with --apply to record these tags");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let now = crate::store::now();
    ctx.store.transaction(|tx| {
        for (id, new) in &changed {
            crate::rules::record(tx, *id, new, now)?;
            messages::mark_dirty(tx, *id)?;
        }
        Ok(())
    })?;
    match ctx.index.writer(
        ctx.config.index.writer_heap_mb,
        ctx.config.index.writer_threads,
    ) {
        Ok(mut indexer) => {
            let limits = crate::index::DocLimits {
                max_text_bytes: ctx.config.index.max_text_kb << 10,
            };
            crate::pipeline::reindex_dirty(&ctx, &mut indexer, options, limits)?;
            indexer.commit()?;
        }
        Err(err) => println!("index busy ({err:#}): the daemon will re-index the changed messages"),
    }
    println!("applied to {} message(s)", changed.len());
    Ok(ExitCode::SUCCESS)
}

/// Staff theme corrections on cases (`case tag`/`untag`, latest per case and theme) that the
/// rules, as they are now, still contradict: a theme staff added that no message of the case
/// gets, or one staff removed that a message still gets. Only cases whose mail was re-tagged.
fn print_disagreements(
    conn: &rusqlite::Connection,
    themes_now: &std::collections::HashMap<i64, Vec<String>>,
) -> Result<()> {
    let feedback: Vec<(i64, String, bool, String)> = conn
        .prepare(
            "SELECT case_id, theme, verdict, who FROM theme_feedback
             WHERE id IN (SELECT max(id) FROM theme_feedback GROUP BY case_id, theme) ORDER BY case_id, theme",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut lines = Vec::new();
    for (case_id, theme, added, who) in &feedback {
        let messages: Vec<i64> = conn
            .prepare_cached(
                "SELECT mc.message FROM message_cases mc JOIN messages m ON m.id = mc.message
                 WHERE mc.case_id = ?1 AND m.outgoing = 0",
            )?
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let seen: Vec<&Vec<String>> = messages.iter().filter_map(|m| themes_now.get(m)).collect();
        if seen.is_empty() {
            continue;
        }
        let tagged = seen.iter().any(|t| t.contains(theme));
        if *added && !tagged {
            lines.push(format!(
                "  case #{case_id}: {who} added {theme}, the rules do not tag it"
            ));
        } else if !*added && tagged {
            lines.push(format!(
                "  case #{case_id}: {who} removed {theme}, the rules still tag it"
            ));
        }
    }
    if !feedback.is_empty() {
        println!(
            "staff theme corrections: {}, {} that the rules still disagree with",
            feedback.len(),
            lines.len()
        );
        for line in lines {
            println!("{}", terminal_safe(&line));
        }
    }
    Ok(())
}
