//! `explain`: every official, commune, theme and case decision the pipeline recorded for one
//! message, with what produced it (`explain.rs` builds the [`crate::explain::Explanation`]; this
//! renders it in English, the web's message page in French). Every mail-derived text is printed
//! through [`terminal_safe`].

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::context::Context;
use crate::util::terminal_safe;

/// Every official, commune, theme and case decision of a message, with what produced it.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Message id or Message-ID.
    #[arg(value_name = "MESSAGE")]
    message: String,
}

/// `explain MESSAGE`: every official, commune and theme decision with what produced it.
pub fn run(dir: &Path, args: ExplainArgs) -> Result<ExitCode> {
    let message = args.message.as_str();
    let ctx = Context::open(dir)?;
    let (row, _) = super::show::resolve_message(&ctx, message)?;
    // It shows who wrote the message and what it is about: a read of their mail.
    crate::access::record(
        ctx.store.conn(),
        &super::actor(None),
        "explain",
        &format!("#{}", row.id),
        &[row.id],
    );
    let mut out = std::io::stdout().lock();
    explain_to(&ctx, &row, &mut out)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the explanation of message `row` (official, communes, themes, case) to `out`.
fn explain_to(
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
            CommuneReason::Attachment { file, matched } => writeln!(
                out,
                "  {name} ({code}) — « {} » in attachment « {} »",
                t(matched),
                t(file)
            )?,
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
                "    « {} » in {}{} at byte {}",
                t(&f.term),
                t(&f.field),
                f.attachment
                    .as_ref()
                    .map(|a| format!(" « {} »", t(a)))
                    .unwrap_or_default(),
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
                writeln!(out, "{}", super::case::divergence_warning(d))?;
            }
        }
        Filing::Automatic { kind, bounce_of } => {
            writeln!(
                out,
                "  none: {} mail never opens or joins a case",
                kind.as_str().replace('_', "-")
            )?;
            if let Some(original) = bounce_of {
                writeln!(out, "  reports that message #{original} was not delivered")?;
            }
        }
        Filing::Nowhere => writeln!(out, "  none")?,
    }
    Ok(())
}
