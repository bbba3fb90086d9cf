//! Running the rules again over stored mail (`rules test [--apply]`): what a change to the rule
//! files would do before it is recorded. [`test`](fn@test) re-tags each stored message with the
//! rules as they are now (its recorded official kept) and compares the themes with those
//! recorded; it writes nothing. [`apply`] then records the new tags of the messages that
//! changed. Themes set by staff are never compared nor replaced (`rules::record` keeps them).

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context as _, Result};
use rusqlite::Connection;

use super::Tags;
use crate::context::Context;
use crate::ids::MessageId;
use crate::officials::{Directory, Match};
use crate::parse::parse;

/// A message whose themes would change, with its new tags.
#[derive(Debug, Clone)]
pub struct Change {
    /// The message.
    pub message: MessageId,
    /// What the rules give it now (to record with [`apply`]).
    pub tags: Tags,
}

/// What running the rules again over stored mail would change.
#[derive(Debug, Default, Clone)]
pub struct Trial {
    /// Messages looked at (stored, not failed, dated since the day asked), those that could not
    /// be parsed again included.
    pub examined: usize,
    /// Per rule id: the messages that would get a theme from it that they do not have, by id.
    pub added: BTreeMap<String, Vec<MessageId>>,
    /// Per rule id: the messages that would lose the theme it gave them, by id.
    pub removed: BTreeMap<String, Vec<MessageId>>,
    /// The messages whose themes would change, by id.
    pub changes: Vec<Change>,
    /// The themes (slugs) the rules give now, for every message re-tagged.
    pub themes: HashMap<MessageId, Vec<String>>,
    /// Themes set by staff on messages (kept as they are; all messages, not only those looked at).
    pub staff_themes: u64,
}

/// A stored message as re-tagging needs it.
struct Stored {
    id: MessageId,
    blob: String,
    date: i64,
    kind: crate::parse::Kind,
    official: Option<i64>,
}

/// The stored messages dated on or after `since` (all without), failed ones excepted, by id.
fn stored(conn: &Connection, since: Option<i64>) -> Result<Vec<Stored>> {
    conn.prepare(
        "SELECT m.id, m.blob, m.date, m.kind, o.official FROM messages m
         LEFT JOIN message_officials o ON o.message = m.id
         WHERE m.state != 'failed' AND m.date >= ?1 ORDER BY m.id",
    )?
    .query_map([since.unwrap_or(i64::MIN)], |r| {
        Ok(Stored {
            id: r.get(0)?,
            blob: r.get(1)?,
            date: r.get(2)?,
            kind: r.get(3)?,
            official: r.get(4)?,
        })
    })?
    .collect::<rusqlite::Result<_>>()
    .context("cannot list the stored messages")
}

/// Re-tags the stored mail dated on or after `since` (Unix seconds; all without) with the rule
/// files of the data directory and the officials directory as they are now, and says what
/// would change. Reads the raw store and the database; writes nothing. A message whose
/// original no longer parses is skipped; a rule file that does not load is an error.
pub fn test(ctx: &Context, since: Option<i64>) -> Result<Trial> {
    let rules = super::load_dir(&ctx.rules_dir())?;
    let conn = ctx.store.conn();
    let directory = Directory::load(conn, &ctx.config.office.departements)?;
    let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
    let rows = stored(conn, since)?;
    let mut trial = Trial {
        examined: rows.len(),
        ..Trial::default()
    };
    for row in rows {
        let Ok(parsed) = parse(&ctx.raw.read(&row.blob)?, &options) else {
            continue;
        };
        let matched = Match {
            official: row.official,
            ..Default::default()
        };
        let day = chrono::DateTime::from_timestamp(row.date, 0)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let new = super::tag(
            &parsed,
            Some(&matched),
            &directory,
            &rules,
            &ctx.config.office.departements,
            row.kind,
            &day,
        )?;
        let old = crate::store::tags::rule_themes(conn, row.id.get())?;
        trial
            .themes
            .insert(row.id, new.themes.iter().map(|h| h.tag.clone()).collect());
        let mut differs = false;
        for hit in &new.themes {
            if !old.iter().any(|o| o.theme == hit.tag) {
                trial
                    .added
                    .entry(hit.rule.clone())
                    .or_default()
                    .push(row.id);
                differs = true;
            }
        }
        for o in &old {
            if !new.themes.iter().any(|h| h.tag == o.theme) {
                trial
                    .removed
                    .entry(o.rule.clone())
                    .or_default()
                    .push(row.id);
                differs = true;
            }
        }
        if differs {
            trial.changes.push(Change {
                message: row.id,
                tags: new,
            });
        }
    }
    trial.staff_themes = crate::store::tags::staff_theme_count(conn)?;
    Ok(trial)
}

/// Records the new tags of `changes` (as [`test`](fn@test) found them) and queues those
/// messages for re-indexing (`index_dirty`), in one transaction: all or nothing. The caller
/// re-indexes (or leaves it to the daemon).
pub fn apply(store: &mut crate::store::Store, changes: &[Change]) -> Result<()> {
    let now = crate::store::now();
    store.transaction(|tx| {
        for change in changes {
            super::record(tx, change.message.get(), &change.tags, now)?;
            crate::store::messages::mark_dirty(tx, change.message.get())?;
        }
        Ok(())
    })
}
