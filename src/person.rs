//! A person's data, for the RGPD rights of access and erasure. A person is named by an address
//! or by an official's id (then every address known for that official counts). Their data:
//! the messages they sent or received, mail that names their address anywhere in its original
//! bytes, the cases they are party to, notes that mention them, their learned and address-book
//! addresses, and their directory entry.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::context::Context;

/// Who a request is about.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// The official, when named by id.
    pub official: Option<i64>,
    /// Their addresses, lower case.
    pub addresses: Vec<String>,
    /// Display names seen on their mail (for notes and the summary).
    pub names: Vec<String>,
}

/// Resolves `who` (an address, or an official id).
pub fn resolve(conn: &Connection, who: &str) -> Result<Person> {
    let who = who.trim();
    let (official, mut addresses) = if let Ok(id) = who.parse::<i64>() {
        let exists: i64 =
            conn.query_row("SELECT count(*) FROM officials WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        if exists == 0 {
            bail!("no official #{id}");
        }
        let addresses: Vec<String> = conn
            .prepare("SELECT address FROM known_addresses WHERE official = ?1 ORDER BY address")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        (Some(id), addresses)
    } else if who.contains('@') {
        (None, vec![who.to_lowercase()])
    } else {
        bail!("{who:?} is neither an address nor an official id");
    };
    // Addresses matched to the official by address or by staff count too — not those matched by
    // signature, name or town-hall domain, which can be a town hall's shared address.
    if let Some(id) = official {
        let more: Vec<String> = conn
            .prepare("SELECT DISTINCT m.from_addr FROM message_officials o JOIN messages m ON m.id = o.message
                      WHERE o.official = ?1 AND o.method IN ('address', 'staff') AND m.from_addr != ''")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        addresses.extend(more);
        addresses.sort();
        addresses.dedup();
    }
    let mut names = BTreeSet::new();
    for a in &addresses {
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT from_name FROM messages WHERE from_addr = ?1 AND from_name != ''",
        )?;
        for n in stmt.query_map([a], |r| r.get::<_, String>(0))? {
            names.insert(n?);
        }
    }
    if let Some(id) = official {
        let name: String = conn.query_row(
            "SELECT prenom || ' ' || nom FROM officials WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        names.insert(name);
    }
    Ok(Person {
        official,
        addresses,
        names: names.into_iter().collect(),
    })
}

/// The messages about `person`: from or to one of their addresses, matched to their official
/// id, or naming one of their addresses anywhere in the original bytes (a quoted reply, a
/// forward, a Cc). Sorted by id.
pub fn messages(ctx: &Context, person: &Person) -> Result<Vec<i64>> {
    let conn = ctx.store.conn();
    let list = serde_json::to_string(&person.addresses)?;
    let mut ids: BTreeSet<i64> = conn
        .prepare(
            "SELECT id FROM messages WHERE from_addr IN (SELECT value FROM json_each(?1))
             UNION SELECT message FROM recipients WHERE address IN (SELECT value FROM json_each(?1))
             UNION SELECT message FROM message_officials WHERE ?2 IS NOT NULL AND official = ?2
                 AND method IN ('address', 'staff')",
        )?
        .query_map(params![list, person.official], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !person.addresses.is_empty() {
        let re = address_regex(&person.addresses)?;
        let rows: Vec<(i64, String)> = conn
            .prepare("SELECT id, blob FROM messages")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, blob) in rows {
            if ids.contains(&id) {
                continue;
            }
            // A raw file may be gone (an unfinished purge): nothing to find in it.
            if let Ok(bytes) = ctx.raw.read(&blob)
                && re.is_match(&bytes)
            {
                ids.insert(id);
            }
        }
    }
    Ok(ids.into_iter().collect())
}

/// Matches any of `addresses` as a whole address (not `petitjean@x` for `jean@x`), in any case.
pub fn address_regex(addresses: &[String]) -> Result<regex::bytes::Regex> {
    let alternatives: Vec<String> = addresses.iter().map(|a| regex::escape(a)).collect();
    Ok(regex::bytes::RegexBuilder::new(&format!(
        r"(?:^|[^A-Za-z0-9._%+\-])(?:{})(?:[^A-Za-z0-9\-]|$)",
        alternatives.join("|")
    ))
    .case_insensitive(true)
    .build()?)
}

/// Cases `person` is party to (or whose messages are theirs).
fn cases(conn: &Connection, person: &Person, messages: &[i64]) -> Result<Vec<i64>> {
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT case_id FROM case_parties WHERE address IN (SELECT value FROM json_each(?1))
             UNION SELECT case_id FROM message_cases WHERE message IN (SELECT value FROM json_each(?2))
             UNION SELECT id FROM cases WHERE ?3 IS NOT NULL AND official = ?3
             ORDER BY 1",
        )?
        .query_map(
            params![
                serde_json::to_string(&person.addresses)?,
                serde_json::to_string(messages)?,
                person.official
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// `person export`: writes into `out` every original message (`messages/ID.eml`), the cases
/// with notes and history, tags, and directory entries (`person.json`), and a readable
/// `summary.txt`. Returns (messages, cases) written.
pub fn export(ctx: &Context, who: &str, out: &Path) -> Result<(usize, usize)> {
    let conn = ctx.store.conn();
    let person = resolve(conn, who)?;
    let ids = messages(ctx, &person)?;
    let case_ids = cases(conn, &person, &ids)?;
    std::fs::create_dir_all(out.join("messages"))
        .with_context(|| format!("cannot create {}", out.display()))?;
    let mut listed = Vec::new();
    for &id in &ids {
        let row =
            crate::store::messages::get(conn, id)?.with_context(|| format!("message #{id}"))?;
        let file = format!("messages/{id}.eml");
        std::fs::write(out.join(&file), ctx.raw.read(&row.blob)?)?;
        listed.push(serde_json::json!({
            "id": id,
            "file": file,
            "date": crate::util::rfc3339(row.date, row.tz_offset),
            "from": row.from,
            "to": row.to,
            "subject": row.subject,
            "kind": row.kind,
            "official": crate::officials::recorded(conn, id)?.and_then(|m| m.official),
            "communes": crate::store::messages::communes(conn, id)?,
            "themes": crate::store::tags::themes(conn, id)?,
            "case_id": crate::cases::of_message(conn, id)?.map(|c| c.0),
        }));
    }
    let mut case_list = Vec::new();
    for &c in &case_ids {
        case_list.push(serde_json::json!({
            "case": crate::cases::require(conn, c)?,
            "notes": crate::cases::notes(conn, c)?,
            "history": crate::cases::history_of(conn, c)?,
        }));
    }
    let list = serde_json::to_string(&person.addresses)?;
    let known: Vec<serde_json::Value> = conn
        .prepare("SELECT address, official, contact, source, learned_at FROM known_addresses WHERE address IN (SELECT value FROM json_each(?1))")?
        .query_map([&list], |r| {
            Ok(serde_json::json!({"address": r.get::<_, String>(0)?, "official": r.get::<_, Option<i64>>(1)?,
                "contact": r.get::<_, Option<i64>>(2)?, "source": r.get::<_, String>(3)?, "learned_at": r.get::<_, i64>(4)?}))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let contacts: Vec<serde_json::Value> = conn
        .prepare("SELECT c.nom, c.prenom, c.organisation, c.fonction, c.commune, c.source FROM contacts c JOIN known_addresses k ON k.contact = c.id WHERE k.address IN (SELECT value FROM json_each(?1))")?
        .query_map([&list], |r| {
            Ok(serde_json::json!({"nom": r.get::<_, String>(0)?, "prenom": r.get::<_, String>(1)?, "organisation": r.get::<_, String>(2)?,
                "fonction": r.get::<_, String>(3)?, "commune": r.get::<_, String>(4)?, "source": r.get::<_, String>(5)?}))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let official = match person.official {
        Some(id) => {
            let mandates: Vec<serde_json::Value> = conn
                .prepare("SELECT kind, territory_name, fonction, start_date, end_date FROM mandates WHERE official = ?1 ORDER BY start_date")?
                .query_map([id], |r| {
                    Ok(serde_json::json!({"kind": r.get::<_, String>(0)?, "territory": r.get::<_, String>(1)?,
                        "fonction": r.get::<_, String>(2)?, "start": r.get::<_, String>(3)?, "end": r.get::<_, String>(4)?}))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let (nom, prenom, birth): (String, String, String) = conn.query_row(
                "SELECT nom, prenom, birth_date FROM officials WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            serde_json::json!({"id": id, "nom": nom, "prenom": prenom, "birth_date": birth, "mandates": mandates})
        }
        None => serde_json::Value::Null,
    };
    let index = serde_json::json!({
        "person": person,
        "exported_at": crate::util::rfc3339(crate::store::now(), 0),
        "directory": {"official": official, "addresses": known, "contacts": contacts},
        "messages": listed,
        "cases": case_list,
    });
    std::fs::write(
        out.join("person.json"),
        serde_json::to_string_pretty(&index)?,
    )?;
    let mut summary = std::fs::File::create(out.join("summary.txt"))?;
    writeln!(
        summary,
        "Données détenues par la permanence — {}",
        person.addresses.join(", ")
    )?;
    if !person.names.is_empty() {
        writeln!(summary, "Noms : {}", person.names.join(", "))?;
    }
    writeln!(
        summary,
        "Export du {}",
        crate::util::local_datetime(crate::store::now())
    )?;
    writeln!(summary)?;
    writeln!(
        summary,
        "{} messages (originaux dans messages/) :",
        ids.len()
    )?;
    for m in &listed {
        writeln!(
            summary,
            "  {}  {}  {}",
            m["date"].as_str().unwrap_or(""),
            m["file"].as_str().unwrap_or(""),
            m["subject"].as_str().unwrap_or("")
        )?;
    }
    writeln!(summary)?;
    writeln!(summary, "{} dossiers :", case_list.len())?;
    for c in &case_list {
        writeln!(
            summary,
            "  #{} {} ({}) — {} notes",
            c["case"]["id"],
            c["case"]["title"].as_str().unwrap_or(""),
            c["case"]["state"].as_str().unwrap_or(""),
            c["notes"].as_array().map_or(0, Vec::len)
        )?;
    }
    writeln!(summary)?;
    writeln!(
        summary,
        "Annuaire : {} adresses connues, {} fiches de carnet d'adresses{}.",
        known.len(),
        contacts.len(),
        if person.official.is_some() {
            ", une fiche du Répertoire national des élus (données publiques)"
        } else {
            ""
        }
    )?;
    writeln!(
        summary,
        "Le détail (étiquettes, notes, historique) est dans person.json."
    )?;
    Ok((ids.len(), case_ids.len()))
}

/// What an erasure removes (shown before it is done).
#[derive(Debug, Default, Serialize)]
pub struct ErasePlan {
    /// The person.
    pub addresses: Vec<String>,
    /// Message ids.
    pub messages: Vec<i64>,
    /// Cases where they are the only party (removed with their messages).
    pub cases_alone: Vec<i64>,
    /// Cases shared with others: their messages and party entry go, the case stays.
    pub cases_shared: Vec<i64>,
    /// Notes of shared cases that mention them.
    pub notes: Vec<i64>,
    /// Learned and address-book addresses removed.
    pub addresses_known: u64,
    /// Database copies made before migrations, which hold the data too (deleted).
    pub old_database_copies: Vec<String>,
}

/// Works out what erasing `who` removes.
pub fn plan_erase(ctx: &Context, who: &str) -> Result<(Person, ErasePlan)> {
    let conn = ctx.store.conn();
    let person = resolve(conn, who)?;
    let ids = messages(ctx, &person)?;
    let mut plan = ErasePlan {
        addresses: person.addresses.clone(),
        messages: ids.clone(),
        ..ErasePlan::default()
    };
    let list = serde_json::to_string(&person.addresses)?;
    for c in cases(conn, &person, &ids)? {
        let others: i64 = conn.query_row(
            "SELECT count(*) FROM message_cases WHERE case_id = ?1 AND message NOT IN (SELECT value FROM json_each(?2))",
            params![c, serde_json::to_string(&ids)?],
            |r| r.get(0),
        )?;
        if others == 0 {
            plan.cases_alone.push(c);
        } else {
            plan.cases_shared.push(c);
        }
    }
    let needles = needles(&person);
    for c in &plan.cases_shared {
        let notes: Vec<(i64, String)> = conn
            .prepare_cached("SELECT id, text FROM case_notes WHERE case_id = ?1")?
            .query_map([c], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, text) in notes {
            if mentions(&text, &needles) {
                plan.notes.push(id);
            }
        }
    }
    plan.addresses_known = conn.query_row(
        "SELECT count(*) FROM known_addresses WHERE address IN (SELECT value FROM json_each(?1))",
        [&list],
        |r| r.get::<_, i64>(0),
    )? as u64;
    for entry in std::fs::read_dir(&ctx.dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.starts_with("permanence.sqlite3.before-") {
            plan.old_database_copies.push(name);
        }
    }
    Ok((person, plan))
}

/// Carries out `plan` (see [`plan_erase`]); records an audit entry without personal data.
pub fn erase(
    ctx: &mut Context,
    person: &Person,
    plan: &ErasePlan,
    who: &str,
) -> Result<crate::lifecycle::Removed> {
    let list = serde_json::to_string(&person.addresses)?;
    let needles = needles(person);
    let removed = ctx.store.transaction(|tx| {
        let cases_before: i64 = tx.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
        // Cases left without messages go with them (see `remove_messages`).
        let mut removed = crate::lifecycle::remove_messages(tx, &plan.messages)?;
        // Note texts are also in the history of their case.
        let history: Vec<(i64, String, String)> = tx
            .prepare("SELECT id, before, after FROM case_history WHERE action = 'note'")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, before, after) in history {
            if mentions(&before, &needles) || mentions(&after, &needles) {
                tx.execute(
                    "UPDATE case_history SET before = '', after = '[note effacée]' WHERE id = ?1",
                    [id],
                )?;
            }
        }
        tx.execute(
            "DELETE FROM case_parties WHERE address IN (SELECT value FROM json_each(?1))",
            [&list],
        )?;
        for n in &plan.notes {
            tx.execute("DELETE FROM case_notes WHERE id = ?1", [n])?;
        }
        // Their contact entries and learned addresses (not the public RNE entry of an official).
        tx.execute(
            "DELETE FROM contacts WHERE id IN (SELECT contact FROM known_addresses WHERE address IN (SELECT value FROM json_each(?1)) AND contact IS NOT NULL)",
            [&list],
        )?;
        tx.execute(
            "DELETE FROM known_addresses WHERE address IN (SELECT value FROM json_each(?1))",
            [&list],
        )?;
        // Correspondent fields of shared cases.
        tx.execute(
            "UPDATE cases SET correspondent = '' WHERE correspondent IN (SELECT value FROM json_each(?1))",
            [&list],
        )?;
        let cases_after: i64 = tx.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
        removed.cases = (cases_before - cases_after) as u64;
        crate::access::redact(tx, &person.addresses, &needles)?;
        crate::lifecycle::record_erasure(
            tx,
            who,
            if person.official.is_some() { "official" } else { "address" },
            removed,
            plan.addresses_known,
            plan.notes.len() as u64,
        )?;
        Ok(removed)
    })?;
    for copy in &plan.old_database_copies {
        std::fs::remove_file(ctx.dir.join(copy))
            .with_context(|| format!("cannot delete {copy}"))?;
    }
    crate::lifecycle::finish_purge(ctx)?;
    Ok(removed)
}

/// What identifies the person in free text: their addresses, and names of two words or more
/// (the full name and its longest word: « Mme Quintard »).
fn needles(person: &Person) -> Vec<String> {
    let mut needles: Vec<String> = person.addresses.clone();
    for name in person
        .names
        .iter()
        .filter(|n| n.split_whitespace().count() >= 2)
    {
        needles.push(name.clone());
        if let Some(longest) = name.split_whitespace().max_by_key(|w| w.chars().count())
            && longest.chars().count() >= 5
        {
            needles.push(longest.to_string());
        }
    }
    needles
}

fn mentions(text: &str, needles: &[String]) -> bool {
    let folded = crate::util::fold(text);
    let lower = text.to_lowercase();
    needles.iter().any(|n| {
        let f = crate::util::fold(n);
        !f.is_empty() && (folded.contains(&f) || lower.contains(&n.to_lowercase()))
    })
}
