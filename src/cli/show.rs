//! `show`: one message by row id or Message-ID, its headers and what the pipeline decided
//! (case, themes, communes, attachments, official) above its text, or with `--raw` the original
//! bytes. Every field is mail-derived and escaped; `--raw` on a terminal escapes control
//! characters too (redirected, the bytes are written unchanged). Each read is recorded in the
//! access log.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::Args;

use crate::context::Context;
use crate::store::messages;
use crate::util::{human_size, terminal_safe, terminal_safe_text};

/// Show one message: headers and text, or the exact original with --raw.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Row id (as printed by search) or Message-ID (with or without <>).
    #[arg(value_name = "ID|MESSAGE-ID")]
    id: String,
    /// Print the original bytes unchanged (on a terminal, with control characters escaped:
    /// redirect to a file for the exact bytes).
    #[arg(long)]
    raw: bool,
    /// Print the message's headers, attachments and their extracted text as JSON.
    #[arg(long, conflicts_with = "raw")]
    json: bool,
}

/// Finds a message by row id or Message-ID.
pub(super) fn resolve_message(ctx: &Context, id: &str) -> Result<(messages::MessageRow, Vec<i64>)> {
    let ids = match id.trim_start_matches('#').parse::<i64>() {
        Ok(n) => vec![n],
        Err(_) => messages::find_by_message_id(ctx.store.conn(), id)?,
    };
    let Some(&first) = ids.first() else {
        bail!("no message with Message-ID {id}")
    };
    let row =
        messages::get(ctx.store.conn(), first)?.with_context(|| format!("no message #{first}"))?;
    Ok((row, ids[1..].to_vec()))
}

/// `show ID|MESSAGE-ID [--raw]`.
pub fn run(dir: &Path, args: ShowArgs) -> Result<ExitCode> {
    let (id, raw) = (args.id.as_str(), args.raw);
    let ctx = Context::open(dir)?;
    let (row, others) = resolve_message(&ctx, id)?;
    crate::access::record(
        ctx.store.conn(),
        &super::actor(None),
        "show",
        &format!("#{}", row.id),
        &[row.id],
    );
    let texts = crate::extract::of_message(ctx.store.conn(), crate::ids::MessageId(row.id))?;
    let text_of = |position: usize| texts.iter().find(|t| t.position == position);
    if args.json {
        let attachments: Vec<serde_json::Value> = row
            .attachments
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let t = text_of(i);
                serde_json::json!({
                    "position": i,
                    "filename": a.filename,
                    "mime": a.mime,
                    "size": a.size,
                    "text_state": t.map(|t| t.state.as_str()),
                    "text_chars": t.map(|t| t.chars),
                    "extractor": t.map(|t| t.extractor.as_str()),
                    "detail": t.map(|t| t.detail.as_str()),
                    "text": t.map(|t| t.text.as_str()),
                })
            })
            .collect();
        let v = serde_json::json!({
            "id": row.id,
            "message_id": row.message_id,
            "date": crate::util::rfc3339(row.date, row.tz_offset),
            "from": row.from.address,
            "subject": row.subject,
            "attachments": attachments,
        });
        println!("{v}");
        return Ok(ExitCode::SUCCESS);
    }
    let bytes = ctx.raw.read(&row.blob)?;
    let mut out = std::io::stdout().lock();
    if raw {
        if std::io::stdout().is_terminal() {
            // The exact bytes could drive the terminal (escape sequences in a hostile message):
            // on a terminal, control characters are shown escaped; piped or redirected, the
            // original is written byte for byte.
            for line in String::from_utf8_lossy(&bytes).split_inclusive('\n') {
                let line = line.trim_end_matches('\n').trim_end_matches('\r');
                writeln!(out, "{}", terminal_safe(line))?;
            }
            writeln!(
                out,
                "(control characters escaped on a terminal; redirect to a file for the exact bytes)"
            )?;
        } else {
            out.write_all(&bytes)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    // Every field is mail-derived: escaped so that no control character reaches the terminal.
    let list =
        |m: &[crate::parse::Mailbox]| terminal_safe(&crate::parse::Mailbox::list(m)).into_owned();
    writeln!(out, "Message #{}", row.id)?;
    writeln!(
        out,
        "Date:       {} ({})",
        crate::util::rfc3339(row.date, row.tz_offset),
        row.date_source
    )?;
    writeln!(out, "From:       {}", list(std::slice::from_ref(&row.from)))?;
    writeln!(out, "To:         {}", list(&row.to))?;
    if !row.cc.is_empty() {
        writeln!(out, "Cc:         {}", list(&row.cc))?;
    }
    writeln!(out, "Subject:    {}", terminal_safe(&row.subject))?;
    writeln!(
        out,
        "Message-ID: {}{}",
        terminal_safe(&row.message_id),
        if row.synthetic_id {
            " (synthetic: the message had none)"
        } else {
            ""
        }
    )?;
    if let Some(first) = row.dup_of {
        writeln!(
            out,
            "Resend:     same Message-ID as #{first}, different content"
        )?;
    }
    if !others.is_empty() {
        let ids: Vec<String> = others.iter().map(|i| format!("#{i}")).collect();
        writeln!(
            out,
            "Also:       {} (same Message-ID, different content)",
            ids.join(", ")
        )?;
    }
    writeln!(
        out,
        "Language:   {}   Kind: {}   Size: {}",
        terminal_safe(&row.language),
        row.kind,
        human_size(row.size as u64)
    )?;
    if let Some((case_id, method, _)) =
        crate::cases::of_message(ctx.store.conn(), crate::ids::MessageId(row.id))?
    {
        let case = crate::cases::require(ctx.store.conn(), case_id)?;
        writeln!(
            out,
            "Case:       #{case_id} « {} » ({}, filed by {}; `permanence case show {case_id}`)",
            terminal_safe(&case.title),
            case.state,
            terminal_safe(&method)
        )?;
    }
    for e in crate::agenda::list(
        ctx.store.conn(),
        &crate::agenda::Query {
            message: Some(crate::ids::MessageId(row.id)),
            ..Default::default()
        },
    )? {
        writeln!(
            out,
            "Invitation: event #{} {}{} « {} » ({}; `permanence agenda`)",
            e.id,
            e.date,
            e.start
                .map_or(String::new(), |t| format!(" {}", t.format("%H:%M"))),
            terminal_safe(&e.title),
            e.state
        )?;
    }
    let themes = crate::store::tags::themes(ctx.store.conn(), row.id)?;
    if !themes.is_empty() {
        writeln!(out, "Themes:     {}", terminal_safe(&themes.join(", ")))?;
    }
    let communes = messages::communes(ctx.store.conn(), row.id)?;
    if !communes.is_empty() {
        let gazetteer = crate::communes::Gazetteer::bundled()?;
        let named: Vec<String> = communes
            .iter()
            .map(|c| {
                format!(
                    "{} ({c})",
                    gazetteer.get(c).map(|g| g.name.as_str()).unwrap_or("?")
                )
            })
            .collect();
        writeln!(out, "Communes:   {}", terminal_safe(&named.join(", ")))?;
    }
    for (i, a) in row.attachments.iter().enumerate() {
        let state = match text_of(i) {
            Some(t) if t.state == crate::extract::State::Ok => {
                format!(", text: {} characters", t.chars)
            }
            Some(t) => format!(
                ", text: {}{}",
                t.state,
                if t.detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", terminal_safe(&t.detail))
                }
            ),
            None => String::new(),
        };
        writeln!(
            out,
            "Attachment: {} ({}, {}{state})",
            if a.filename.is_empty() {
                "(unnamed)".into()
            } else {
                terminal_safe(&a.filename)
            },
            terminal_safe(&a.mime),
            human_size(a.size)
        )?;
        if let Some(t) = text_of(i).filter(|t| !t.text.is_empty()) {
            let preview: String = t.text.split_whitespace().collect::<Vec<_>>().join(" ");
            writeln!(
                out,
                "            « {} »",
                terminal_safe(&crate::util::truncate_chars(&preview, 160))
            )?;
        }
    }
    if let Some(m) = crate::officials::recorded(ctx.store.conn(), row.id)? {
        match &m.official {
            Some(o) => writeln!(
                out,
                "Official:   {} {} (#{}, {}{}) — {} {:.2}: {}{}",
                terminal_safe(&o.prenom),
                terminal_safe(&o.nom),
                o.id,
                terminal_safe(&o.fonction),
                terminal_safe(
                    &o.commune_code
                        .as_deref()
                        .map(|c| format!(" {c}"))
                        .unwrap_or_default()
                ),
                m.method.as_str(),
                o.confidence,
                terminal_safe(&m.reason),
                if m.unverified {
                    " — SENDER NOT VERIFIED (DMARC/DKIM/SPF failed)"
                } else {
                    ""
                }
            )?,
            None if m.method == crate::officials::Method::Ambiguous => writeln!(
                out,
                "Official:   ambiguous, candidates {}: {}",
                terminal_safe(&format!("{:?}", m.candidates)),
                terminal_safe(&m.reason)
            )?,
            None if m.method == crate::officials::Method::Possible => writeln!(
                out,
                "Official:   none (possible, not taken: candidates {}): {}",
                terminal_safe(&format!("{:?}", m.candidates)),
                terminal_safe(&m.reason)
            )?,
            None => writeln!(
                out,
                "Official:   none known{}",
                if m.unverified {
                    " — sender not verified"
                } else {
                    ""
                }
            )?,
        }
    }
    if row.state != "parsed" {
        writeln!(
            out,
            "State:      {}: {}",
            terminal_safe(&row.state),
            terminal_safe(&row.error)
        )?;
    } else if !row.error.is_empty() {
        writeln!(out, "Warning:    {}", terminal_safe(&row.error))?;
    }
    writeln!(out)?;
    let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
    // Bodies keep their newlines and tabs; every other control character is dropped.
    if let Ok(parsed) = crate::parse::parse(&bytes, &options) {
        writeln!(out, "{}", terminal_safe_text(&parsed.body))?;
        if !parsed.forwarded.is_empty() {
            writeln!(
                out,
                "\n---------- forwarded ----------\n{}",
                terminal_safe_text(&parsed.forwarded)
            )?;
        }
        if !parsed.quoted.is_empty() {
            writeln!(out, "\n{}", terminal_safe_text(&parsed.quoted))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
