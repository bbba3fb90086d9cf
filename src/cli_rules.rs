//! The `rules` commands (`check`, `test [--apply]`) and `explain`: validating rule files,
//! measuring what a rule change would do to stored mail before applying it, and showing every
//! tagging decision of one message with what produced it. Rule files, subjects, names and
//! matched words are printed through [`terminal_safe`].

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::context::Context;
use crate::officials::{Directory, Match};
use crate::parse::{ParseOptions, parse};
use crate::store::messages;
use crate::util::{quote_name, terminal_safe};

/// `rules check`: loads every rule file; errors name file:line and the reason.
pub fn check(dir: &Path) -> Result<ExitCode> {
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
pub fn test(dir: &Path, since: Option<i64>, apply: bool) -> Result<ExitCode> {
    let mut ctx = Context::open(dir)?;
    let rules = crate::rules::load_dir(&ctx.rules_dir())?;
    let directory = Directory::load(ctx.store.conn(), &ctx.config.office.departements)?;
    let options = ParseOptions {
        max_parse_bytes: (ctx.config.ingest.max_parse_mb as usize) << 20,
    };
    let rows: Vec<(i64, String, i64, String, Option<i64>)> = ctx
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
            kind,
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

/// `explain MESSAGE`: every official, commune and theme decision with what produced it.
pub fn explain(dir: &Path, message: &str) -> Result<ExitCode> {
    let ctx = Context::open(dir)?;
    let (row, _) = crate::cli::resolve_message(&ctx, message)?;
    let mut out = std::io::stdout().lock();
    explain_to(&ctx, &row, &mut out)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the explanation of message `row` (official, communes, themes, case) to `out`; the web
/// message page shows the same text.
pub fn explain_to(
    ctx: &Context,
    row: &crate::store::messages::MessageRow,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    use crate::explain::{CommuneReason, Filing};
    let e = crate::explain::explain(ctx.store.conn(), row)?;
    let t = |s: &str| terminal_safe(s).into_owned();
    writeln!(
        out,
        "Message #{} — {} — {}",
        e.id,
        t(&e.from),
        t(&e.subject)
    )?;
    writeln!(out)?;
    writeln!(out, "Official:")?;
    match &e.official {
        Some(m) => {
            match &m.official {
                Some(o) => writeln!(
                    out,
                    "  {} {} (#{}, {}) — method {}, confidence {:.2}",
                    t(&o.prenom),
                    t(&o.nom),
                    o.id,
                    t(&o.fonction),
                    m.method.as_str(),
                    o.confidence
                )?,
                None => writeln!(out, "  none — method {}", m.method.as_str())?,
            }
            if !m.reason.is_empty() {
                writeln!(out, "  because: {}", t(&m.reason))?;
            }
            if !m.candidates.is_empty() {
                writeln!(out, "  candidates: {}", t(&format!("{:?}", m.candidates)))?;
            }
            if m.unverified {
                writeln!(
                    out,
                    "  sender NOT verified: Authentication-Results reports a DMARC/DKIM/SPF failure"
                )?;
            }
        }
        None => writeln!(out, "  not decided")?,
    }
    writeln!(out)?;
    writeln!(out, "Communes:")?;
    if e.communes.is_empty() {
        writeln!(out, "  none")?;
    }
    for c in &e.communes {
        let (name, code) = (t(&c.name), t(&c.code));
        match &c.reason {
            CommuneReason::Official => writeln!(
                out,
                "  {name} ({code}) — the commune of the sender's official"
            )?,
            CommuneReason::Domain { address } => {
                writeln!(out, "  {name} ({code}) — town-hall address {}", t(address))?
            }
            CommuneReason::Text {
                context,
                matched,
                position,
            } => writeln!(
                out,
                "  {name} ({code}) — {}: « {} » at byte {position} of subject+body",
                t(context),
                t(matched)
            )?,
        }
    }
    writeln!(out)?;
    writeln!(out, "Themes:")?;
    if e.themes.is_empty() {
        writeln!(out, "  none")?;
    }
    for theme in &e.themes {
        writeln!(
            out,
            "  {} — rule {}, score {:.1}",
            t(&theme.theme),
            t(&theme.rule),
            theme.score
        )?;
        for f in &theme.terms {
            writeln!(
                out,
                "    « {} » in {} at byte {}",
                t(&f.term),
                t(&f.field),
                f.position
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "Case:")?;
    match &e.filing {
        Filing::Case {
            id,
            title,
            state,
            method,
            reason,
            divergence,
        } => {
            writeln!(
                out,
                "  #{id} « {} » ({}) — by {}",
                t(title),
                state,
                t(method)
            )?;
            writeln!(out, "  because: {}", t(reason))?;
            if let Some(d) = divergence {
                writeln!(out, "{}", crate::cli_cases::divergence_warning(d))?;
            }
        }
        Filing::Automatic { kind, bounce_of } => {
            writeln!(
                out,
                "  none: {} mail never opens or joins a case",
                t(&kind.replace('_', "-"))
            )?;
            if let Some(original) = bounce_of {
                writeln!(out, "  reports that message #{original} was not delivered")?;
            }
        }
        Filing::Nowhere => writeln!(out, "  none")?,
    }
    Ok(())
}
