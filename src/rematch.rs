//! Sender matching again, after the directory or staff changed what is known: an import of
//! officials, an address confirmed or rejected, a case's official corrected. Messages whose
//! official changes are queued for re-indexing (`index_dirty`); their case follows unless staff
//! chose its official, and their commune tags are recomputed (the official's commune is one).
//!
//! Never builds an index writer: `pipeline::reindex_now` is for commands that own the index
//! (the CLI); the web leaves the queue to the daemon's next commit or the next run.

use anyhow::Result;

use crate::context::Context;
use crate::officials::{self, Directory};
use crate::parse;
use crate::store::messages;
use crate::store::now;

/// Runs sender matching again over every stored message that staff have not decided, with the
/// current directory (after an import), or only those from `sender` (after a staff correction
/// taught or forgot that address). Changed messages are queued for re-indexing. Returns
/// (messages looked at, messages whose official changed).
pub fn run(ctx: &mut Context, sender: Option<&str>) -> Result<(u64, u64)> {
    let directory = Directory::load(ctx.store.conn(), &ctx.config.office.departements)?;
    let rules = crate::rules::load_dir(&ctx.rules_dir())?;
    let territory = ctx.config.office.departements.clone();
    let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
    let rows: Vec<(i64, String, Option<i64>)> = {
        let mut stmt = ctx.store.conn().prepare(
            "SELECT m.id, m.blob, o.official FROM messages m LEFT JOIN message_officials o ON o.message = m.id
             WHERE m.state != 'failed' AND coalesce(o.method, '') != 'staff' AND (?1 IS NULL OR m.from_addr = ?1)
             ORDER BY m.id",
        )?;
        stmt.query_map([sender], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut changed = 0;
    let raw = ctx.raw.clone();
    let now = now();
    for chunk in rows.chunks(1000) {
        // Plan: read, parse and match outside any transaction (the slow part: the daemon's
        // batches and staff actions are not held up by it), then write the decisions in one
        // short transaction.
        let mut decided = Vec::with_capacity(chunk.len());
        for (id, blob, before) in chunk {
            let Ok(parsed) = parse::parse(&raw.read(blob)?, &options) else {
                continue;
            };
            let rejected = officials::rejected_for(ctx.store.conn(), *id)?;
            let day = parsed.day(now);
            let m = directory.match_mail(&parsed, &day, &rejected);
            let tags = if m.official != *before {
                // The official's commune is one of the message's communes: tag again.
                Some(crate::rules::tag(
                    &parsed,
                    Some(&m),
                    &directory,
                    &rules,
                    &territory,
                    parsed.kind,
                    &day,
                )?)
            } else {
                None
            };
            decided.push((*id, *before, m, tags));
        }
        ctx.store.transaction(|tx| {
            for (id, before, m, tags) in &decided {
                if let Some(tags) = tags {
                    changed += 1;
                    messages::mark_dirty(tx, *id)?;
                    // The message's case follows, unless staff chose its official.
                    follow_message_official(tx, *id, m.official, *before)?;
                    crate::rules::record(tx, *id, tags, now)?;
                }
                officials::record(tx, *id, m)?;
            }
            Ok(())
        })?;
    }
    Ok((rows.len() as u64, changed))
}

/// After message `message`'s official changed from `before` to `official` (a re-match): its
/// request case follows, unless staff chose the case's official.
pub fn follow_message_official(
    tx: &rusqlite::Connection,
    message: i64,
    official: Option<i64>,
    before: Option<i64>,
) -> Result<()> {
    tx.execute(
        "UPDATE cases SET official = ?2 WHERE kind = 'request'
           AND id = (SELECT case_id FROM message_cases WHERE message = ?1)
           AND (official IS NULL OR official IS ?3)
           AND NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = cases.id AND h.action = 'official')",
        rusqlite::params![message, official, before],
    )?;
    Ok(())
}
