//! A person's data, for the RGPD rights of access and erasure. A person is named by an address
//! or by an official's id (then every address known for that official counts). Their data:
//! the messages they sent or received, mail that names their address anywhere — in its original
//! bytes or once decoded (base64 and quoted-printable bodies, HTML character references,
//! RFC 2047 headers, attachment names, forwarded messages) —, the cases they are party to, notes
//! that mention them wherever they are, their learned and address-book addresses, and their
//! directory entry.
//!
//! Erasure removes their messages and cases, and redacts what names them elsewhere (by address,
//! by name, or by a phone number they gave in their own text): notes and their history copies,
//! titles and subject keys of shared cases, filing reasons, the places their files were read
//! from (ingest problems, runs, sources), the audit and access logs.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{Context as _, Result, bail};
use mail_parser::{HeaderValue, Message, MessageParser, PartType};
use regex::Regex;
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use crate::context::Context;
use crate::lifecycle::{private_dir, private_file, write_private};

/// What replaces a redacted mention.
const ERASED: &str = "[effacé]";

/// How deep forwarded messages are decoded when looking for an address.
const MAX_NESTING: usize = 5;

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
    // Names they signed with, and names others wrote next to their address (To, Cc, Reply-To).
    let mut names = BTreeSet::new();
    for a in &addresses {
        let mut stmt = conn.prepare_cached(
            "SELECT from_name FROM messages WHERE from_addr = ?1 AND from_name != ''
             UNION SELECT name FROM recipients WHERE address = ?1 AND name != ''",
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
/// forward, a Cc) or in the decoded message (see [`decoded`]). Sorted by id.
pub fn messages(ctx: &Context, person: &Person) -> Result<Vec<i64>> {
    Ok(find(ctx, person)?.ids)
}

/// What [`find`] found.
#[derive(Debug, Default)]
struct Found {
    /// Message ids, sorted.
    ids: Vec<i64>,
    /// Display names written next to one of the addresses in the decoded headers.
    names: BTreeSet<String>,
}

/// Plan:
/// 1. the recorded fields (sender, recipients, official match) give most messages;
/// 2. every other message is read: its original bytes, then (when they do not name an address,
///    or to learn the names written next to it) the message decoded by mail-parser — a base64
///    or quoted-printable body, HTML character references, RFC 2047 headers — on all cores.
fn find(ctx: &Context, person: &Person) -> Result<Found> {
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
    let mut names = BTreeSet::new();
    if !person.addresses.is_empty() {
        let re = address_regex(&person.addresses)?;
        let rows: Vec<(i64, String)> = conn
            .prepare("SELECT id, blob FROM messages")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let rows: Vec<(i64, String)> = rows
            .into_iter()
            .filter(|(id, _)| !ids.contains(id))
            .collect();
        for hit in scan(&ctx.raw, &rows, &re, &person.addresses) {
            ids.insert(hit.0);
            names.extend(hit.1);
        }
    }
    Ok(Found {
        ids: ids.into_iter().collect(),
        names,
    })
}

/// Reads the raw files of `rows` (id, blob) on all cores; returns the ids of those naming one of
/// `addresses`, raw or decoded, with the names written next to it.
fn scan(
    raw: &crate::rawstore::RawStore,
    rows: &[(i64, String)],
    re: &regex::bytes::Regex,
    addresses: &[String],
) -> Vec<(i64, Vec<String>)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8);
    let chunk = rows.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let workers: Vec<_> = rows
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let mut hits = Vec::new();
                    for (id, blob) in part {
                        // A raw file may be gone (an unfinished purge): nothing to find in it.
                        let Ok(bytes) = raw.read(blob) else {
                            continue;
                        };
                        let in_raw = re.is_match(&bytes);
                        let decoded = decoded(&bytes);
                        if in_raw || re.is_match(&decoded.text) {
                            hits.push((*id, decoded.names_of(addresses, re)));
                        }
                    }
                    hits
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(hits) => hits,
                Err(_) => {
                    tracing::error!("a message scan thread panicked");
                    Vec::new()
                }
            })
            .collect()
    })
}

/// A message as a reader sees it, for matching.
#[derive(Debug, Default)]
struct Decoded {
    /// Every decoded header value, text part, HTML part (as text and with its character
    /// references decoded), attachment and forwarded message, one after the other.
    text: Vec<u8>,
    /// Every (display name, address) of every address header, forwarded messages included.
    mailboxes: Vec<(String, String)>,
}

impl Decoded {
    /// The display names written next to one of `addresses` (or around it, when a whole
    /// mailbox was encoded as one RFC 2047 word).
    fn names_of(&self, addresses: &[String], re: &regex::bytes::Regex) -> Vec<String> {
        let mut names = Vec::new();
        for (name, address) in &self.mailboxes {
            let name = if addresses.iter().any(|a| a.eq_ignore_ascii_case(address)) {
                name.as_str()
            } else if re.is_match(name.as_bytes()) {
                name.split('<').next().unwrap_or_default()
            } else {
                continue;
            };
            let name = name.trim().trim_matches(['"', '\'', ' ']).trim();
            if !name.is_empty() && !name.contains('@') {
                names.push(name.to_string());
            }
        }
        names
    }
}

/// Decodes `raw` with mail-parser: every part's headers (addresses with their names, RFC 2047
/// text, file names), text, HTML and binary bodies, and forwarded messages.
fn decoded(raw: &[u8]) -> Decoded {
    let mut out = Decoded::default();
    if let Some(message) = MessageParser::default().parse(raw) {
        decode_into(&message, &mut out, 0);
    }
    out
}

fn decode_into(message: &Message<'_>, out: &mut Decoded, depth: usize) {
    for part in &message.parts {
        for header in &part.headers {
            header_text(&header.value, out);
        }
        match &part.body {
            PartType::Text(text) => out.text.extend_from_slice(text.as_bytes()),
            PartType::Html(html) => {
                out.text
                    .extend_from_slice(mail_parser::decoders::html::html_to_text(html).as_bytes());
                out.text.push(b'\n');
                // Links and attributes too: `href="mailto:x&commat;y.fr"`.
                out.text
                    .extend_from_slice(decode_character_references(html).as_bytes());
            }
            PartType::Binary(bytes) | PartType::InlineBinary(bytes) => {
                out.text.extend_from_slice(bytes);
            }
            PartType::Message(nested) if depth < MAX_NESTING => {
                decode_into(nested, out, depth + 1);
            }
            PartType::Message(_) | PartType::Multipart(_) => {}
        }
        out.text.push(b'\n');
    }
}

fn header_text(value: &HeaderValue<'_>, out: &mut Decoded) {
    match value {
        HeaderValue::Address(address) => {
            for a in address.iter() {
                let name = a.name().unwrap_or_default().to_string();
                let addr = a.address().unwrap_or_default().trim().to_lowercase();
                out.text.extend_from_slice(name.as_bytes());
                out.text.extend_from_slice(b" <");
                out.text.extend_from_slice(addr.as_bytes());
                out.text.extend_from_slice(b">\n");
                out.mailboxes.push((name, addr));
            }
        }
        HeaderValue::Text(text) => {
            out.text.extend_from_slice(text.as_bytes());
            out.text.push(b'\n');
        }
        HeaderValue::TextList(list) => {
            for text in list {
                out.text.extend_from_slice(text.as_bytes());
                out.text.push(b'\n');
            }
        }
        HeaderValue::ContentType(ct) => {
            for attribute in ct.attributes().unwrap_or_default() {
                out.text.extend_from_slice(attribute.value.as_bytes());
                out.text.push(b'\n');
            }
        }
        HeaderValue::DateTime(_) | HeaderValue::Received(_) | HeaderValue::Empty => {}
    }
}

/// Decodes every HTML character reference (`&#64;`, `&#x40;`, `&commat;`) of `html`, tags
/// left in place.
fn decode_character_references(html: &str) -> String {
    static REFERENCE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"&#?[A-Za-z0-9]{1,32};").expect("static regex"));
    // mail-parser's HTML converter knows every named reference: feed it one at a time.
    REFERENCE
        .replace_all(html, |c: &regex::Captures<'_>| {
            mail_parser::decoders::html::html_to_text(&c[0])
        })
        .into_owned()
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
/// `summary.txt`. Everything written is private to its owner (directories 0700, files 0600).
/// Returns (messages, cases) written.
pub fn export(ctx: &Context, who: &str, out: &Path) -> Result<(usize, usize)> {
    let conn = ctx.store.conn();
    let person = resolve(conn, who)?;
    let ids = messages(ctx, &person)?;
    let case_ids = cases(conn, &person, &ids)?;
    private_dir(out)?;
    private_dir(&out.join("messages"))?;
    let mut listed = Vec::new();
    for &id in &ids {
        let row =
            crate::store::messages::get(conn, id)?.with_context(|| format!("message #{id}"))?;
        let file = format!("messages/{id}.eml");
        write_private(&out.join(&file), &ctx.raw.read(&row.blob)?)?;
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
    write_private(
        &out.join("person.json"),
        serde_json::to_string_pretty(&index)?.as_bytes(),
    )?;
    let mut summary = private_file(&out.join("summary.txt"))?;
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
    /// Notes that mention them, in any case (removed; their history copies are redacted).
    pub notes: Vec<i64>,
    /// Cases that stay but whose title or subject key names them or is their subject (given
    /// the subject of the first message left, or « (objet effacé) »).
    pub titles: Vec<i64>,
    /// Learned and address-book addresses removed.
    pub addresses_known: u64,
    /// Database copies made before migrations, which hold the data too (deleted).
    pub old_database_copies: Vec<String>,
    /// Phone numbers they gave in their own text (ten digits): notes and titles naming them
    /// count as naming the person. Never printed.
    #[serde(skip)]
    pub phones: Vec<String>,
    /// Subjects of the messages they sent.
    #[serde(skip)]
    pub subjects: Vec<String>,
}

/// Works out what erasing `who` removes. The returned person also carries the names found
/// next to their address in decoded mail.
pub fn plan_erase(ctx: &Context, who: &str) -> Result<(Person, ErasePlan)> {
    let conn = ctx.store.conn();
    let mut person = resolve(conn, who)?;
    let found = find(ctx, &person)?;
    person.names.extend(found.names);
    person.names.sort();
    person.names.dedup();
    let ids = found.ids;
    let mut plan = ErasePlan {
        addresses: person.addresses.clone(),
        messages: ids.clone(),
        ..ErasePlan::default()
    };
    let list = serde_json::to_string(&person.addresses)?;
    let id_list = serde_json::to_string(&ids)?;
    for c in cases(conn, &person, &ids)? {
        let others: i64 = conn.query_row(
            "SELECT count(*) FROM message_cases WHERE case_id = ?1 AND message NOT IN (SELECT value FROM json_each(?2))",
            params![c, id_list],
            |r| r.get(0),
        )?;
        if others == 0 {
            plan.cases_alone.push(c);
        } else {
            plan.cases_shared.push(c);
        }
    }
    // What they wrote themselves: the subjects, and the phone numbers in their own text (not in
    // what they quote, which may be the office's signature).
    let own: Vec<(String, String)> = conn
        .prepare(
            "SELECT subject, blob FROM messages WHERE id IN (SELECT value FROM json_each(?1))
               AND from_addr IN (SELECT value FROM json_each(?2)) ORDER BY id",
        )?
        .query_map(params![id_list, list], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut phones = BTreeSet::new();
    let mut subjects = BTreeSet::new();
    for (subject, blob) in own {
        if !subject.trim().is_empty() {
            subjects.insert(subject.trim().to_string());
        }
        let Ok(raw) = ctx.raw.read(&blob) else {
            continue;
        };
        if let Ok(mail) = crate::parse::parse(&raw, &crate::parse::ParseOptions::default()) {
            phones.extend(phone_numbers(&mail.body));
        }
    }
    plan.phones = phones.into_iter().collect();
    plan.subjects = subjects.into_iter().collect();
    let redactor = Redactor::new(&person, &plan.phones)?;
    let notes: Vec<(i64, String)> = conn
        .prepare("SELECT id, text FROM case_notes ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    plan.notes = notes
        .into_iter()
        .filter(|(_, text)| redactor.mentions(text))
        .map(|(id, _)| id)
        .collect();
    let titles: Vec<(i64, String, String)> = conn
        .prepare("SELECT id, title, norm_subject FROM cases ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    plan.titles = titles
        .into_iter()
        .filter(|(id, title, key)| {
            !plan.cases_alone.contains(id)
                && names_them(&redactor, plan.subjects_of(*id), title, key)
        })
        .map(|(id, _, _)| id)
        .collect();
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

impl ErasePlan {
    /// Their subjects, for a case they take part in (a case of others that happens to have the
    /// same subject is not named after them).
    fn subjects_of(&self, case_id: i64) -> &[String] {
        if self.cases_shared.contains(&case_id) {
            &self.subjects
        } else {
            &[]
        }
    }
}

/// True when a case title (or subject key) names the person, or is one of `subjects`.
fn names_them(redactor: &Redactor, subjects: &[String], title: &str, key: &str) -> bool {
    redactor.mentions(title)
        || redactor.mentions(key)
        || subjects.iter().any(|s| {
            s == title.trim() || (!key.is_empty() && crate::cases::subject::normalise(s) == key)
        })
}

/// Carries out `plan` (see [`plan_erase`]); records an audit entry without personal data.
///
/// Plan, in one transaction:
/// 1. forget the ingest problems of their messages, remove the messages (and the cases left
///    without any), then the cases where they were the only party (a case merged into another
///    keeps no message of its own);
/// 2. remove every note naming them and redact the history entries naming them (a note's copy
///    becomes « [note effacée] »), their party entries, contact entries, learned addresses;
/// 3. give the shared cases named after them another title and subject key;
/// 4. redact what names them or their files elsewhere: filing reasons, ingest runs and
///    problems, message sources, IMAP errors, the audit log, the access log;
///
/// then delete the database copies, the raw files and index documents, and compact.
///
/// Every table of `migrations/`, decided: the rows of their messages (messages, sources,
/// recipients, attachments, officials match, communes, themes, case filing, references,
/// MinHash) cascade; contacts and known addresses go by address; cases, parties, notes and
/// history as above; `ingest_runs`, `ingest_problems`, `message_sources`, `message_cases`,
/// `imap_folders`, `audit_log` and `access_log` are redacted; the officials directory
/// (officials, mandates, imports) is public data; rule statistics, theme feedback, triage runs,
/// settings, erasures, retention runs and the purge queues hold counts, staff names, ids and
/// hashes; users and sessions are staff accounts.
pub fn erase(
    ctx: &mut Context,
    person: &Person,
    plan: &ErasePlan,
    who: &str,
) -> Result<crate::lifecycle::Removed> {
    let list = serde_json::to_string(&person.addresses)?;
    let redactor = Redactor::new(person, &plan.phones)?;
    let redact = |text: &str| redactor.redact(text);
    // Filing reasons quote the subject of the message filed with: « … ».
    let redact_reason = |text: &str| {
        let mut t = text.to_string();
        for s in &plan.subjects {
            for quoted in [s.clone(), crate::cases::subject::normalise(s)] {
                t = t.replace(&format!("\u{ab} {quoted} \u{bb}"), "\u{ab} [effacé] \u{bb}");
            }
        }
        redactor.redact(&t)
    };
    let removed = ctx.store.transaction(|tx| {
        let cases_before: i64 = tx.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
        // Where their files were read from, before the rows go.
        let locations: Vec<String> = tx
            .prepare(
                "SELECT DISTINCT location FROM message_sources
                 WHERE message IN (SELECT value FROM json_each(?1)) AND location != ''",
            )?
            .query_map([serde_json::to_string(&plan.messages)?], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        crate::store::runs::forget(tx, &plan.messages, &locations, &|t| {
            redactor.mentions(t)
        })?;
        // Cases left without messages go with them (see `remove_messages`).
        let mut removed = crate::lifecycle::remove_messages(tx, &plan.messages)?;
        crate::lifecycle::remove_empty_cases(tx, &plan.cases_alone)?;
        redact_history(tx, &redactor)?;
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
        retitle(tx, plan, &redactor)?;
        redact_column(tx, "message_cases", "message", "reason", &redact_reason)?;
        redact_column(tx, "message_sources", "id", "location", &redact)?;
        crate::store::runs::redact_sources(tx, &redact)?;
        redact_column(tx, "imap_folders", "id", "last_error", &redact)?;
        redact_column(tx, "audit_log", "id", "target", &redact)?;
        redact_column(tx, "audit_log", "id", "detail", &redact)?;
        let cases_after: i64 = tx.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
        removed.cases = (cases_before - cases_after) as u64;
        crate::access::redact(tx, &person.addresses, &redactor.needles)?;
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
    tracing::info!(
        messages = removed.messages,
        cases = removed.cases,
        notes = plan.notes.len(),
        titles = plan.titles.len(),
        "erasure done"
    );
    Ok(removed)
}

/// History entries naming the person: a note's copy is replaced whole, like the note itself
/// (its phone numbers and everything else go with it); other entries lose the mentions.
fn redact_history(tx: &Transaction<'_>, redactor: &Redactor) -> Result<()> {
    let history: Vec<(i64, String, String, String)> = tx
        .prepare("SELECT id, action, before, after FROM case_history")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, action, before, after) in history {
        if !redactor.mentions(&before) && !redactor.mentions(&after) {
            continue;
        }
        let (before, after) = if action == "note" {
            (String::new(), "[note effacée]".to_string())
        } else {
            (redactor.redact(&before), redactor.redact(&after))
        };
        tx.execute(
            "UPDATE case_history SET before = ?2, after = ?3 WHERE id = ?1",
            params![id, before, after],
        )?;
    }
    Ok(())
}

/// Gives the cases of `plan.titles` that still exist the subject of their first message left
/// as title (when that one does not name the person either), else « (objet effacé) » and no
/// subject key (such a case never threads by subject again).
fn retitle(tx: &Transaction<'_>, plan: &ErasePlan, redactor: &Redactor) -> Result<()> {
    for &case_id in &plan.titles {
        let first: Vec<String> = tx
            .prepare_cached(
                "SELECT m.subject FROM message_cases mc JOIN messages m ON m.id = mc.message
                 WHERE mc.case_id = ?1 ORDER BY m.date, m.id LIMIT 1",
            )?
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let subject = first.first().map(|s| s.trim()).unwrap_or_default();
        let key = crate::cases::subject::normalise(subject);
        let (title, key) = if subject.is_empty()
            || names_them(redactor, plan.subjects_of(case_id), subject, &key)
        {
            ("(objet effacé)", String::new())
        } else {
            (subject, key)
        };
        tx.execute(
            "UPDATE cases SET title = ?2, norm_subject = ?3 WHERE id = ?1",
            params![case_id, title, key],
        )?;
    }
    Ok(())
}

/// Rewrites `column` of every row of `table` (keyed by `key`) through `redact`, where it
/// changes. Table and column names are constants of this module, never input.
fn redact_column(
    tx: &Transaction<'_>,
    table: &str,
    key: &str,
    column: &str,
    redact: &dyn Fn(&str) -> String,
) -> Result<u64> {
    let rows: Vec<(i64, String)> = tx
        .prepare(&format!(
            "SELECT {key}, {column} FROM {table} WHERE {column} != ''"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| format!("cannot read {table}.{column}"))?;
    // A source row whose redacted location equals another of the same message replaces it.
    let mut update = tx.prepare(&format!(
        "UPDATE OR REPLACE {table} SET {column} = ?2 WHERE {key} = ?1"
    ))?;
    let mut changed = 0;
    for (id, text) in rows {
        let redacted = redact(&text);
        if redacted != text {
            update.execute(params![id, redacted])?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// Words that come with a name but name nobody (« Madame Martin »: « Madame » is no needle).
const CIVILITIES: &[&str] = &[
    "madame",
    "monsieur",
    "mademoiselle",
    "mesdames",
    "messieurs",
    "docteur",
    "maitre",
    "professeur",
];

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
            && !CIVILITIES.contains(&crate::util::fold(longest).as_str())
        {
            needles.push(longest.to_string());
        }
    }
    needles.sort();
    needles.dedup();
    needles
}

/// French phone numbers: 0X XX XX XX XX, +33 X XX XX XX XX, +33 (0)X…, 0033…, with spaces,
/// dots or dashes between the pairs.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\+33[\s.\-]?(?:\(0\)[\s.\-]?)?|\b0033[\s.\-]?|\b0)[1-9](?:[\s.\-]?[0-9]{2}){4}\b",
    )
    .expect("static regex")
});

/// The phone numbers in `text`, as ten digits (0XXXXXXXXX).
fn phone_numbers(text: &str) -> Vec<String> {
    PHONE
        .find_iter(text)
        .filter_map(|m| normalise_phone(m.as_str()))
        .collect()
}

fn normalise_phone(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = digits.strip_prefix("0033") {
        format!("0{rest}")
    } else if text.starts_with('+') {
        // « +33 (0)6 … » carries the trunk 0 too.
        let rest = digits.strip_prefix("33")?;
        format!("0{}", rest.strip_prefix('0').unwrap_or(rest))
    } else {
        digits
    };
    (national.len() == 10).then_some(national)
}

/// Finds and blanks the person in free text: their addresses and names (any case, any of
/// space, hyphen or apostrophe between the words; accents and punctuation folded when
/// finding), and the phone numbers they gave.
struct Redactor {
    /// Addresses and names, as [`needles`] gives them.
    needles: Vec<String>,
    /// The same, folded (`crate::util::fold`), non-empty.
    folded: Vec<String>,
    /// One pattern per needle, for replacing.
    patterns: Vec<Regex>,
    /// Their phone numbers, ten digits.
    phones: BTreeSet<String>,
}

impl Redactor {
    fn new(person: &Person, phones: &[String]) -> Result<Redactor> {
        let needles = needles(person);
        let folded = needles
            .iter()
            .map(|n| crate::util::fold(n))
            .filter(|f| !f.is_empty())
            .collect();
        let mut patterns = Vec::new();
        for needle in &needles {
            let pattern = if needle.contains('@') {
                regex::escape(needle)
            } else {
                let words: Vec<String> = needle
                    .split(|c: char| c.is_whitespace() || matches!(c, '-' | '\'' | '\u{2019}'))
                    .filter(|w| !w.is_empty())
                    .map(regex::escape)
                    .collect();
                if words.is_empty() {
                    continue;
                }
                format!(r"\b{}\b", words.join(r"[\s\-'\x{2019}]+"))
            };
            patterns.push(
                regex::RegexBuilder::new(&pattern)
                    .case_insensitive(true)
                    .build()
                    .context("cannot build the pattern of a name")?,
            );
        }
        Ok(Redactor {
            needles,
            folded,
            patterns,
            phones: phones.iter().cloned().collect(),
        })
    }

    /// True when `text` names the person.
    fn mentions(&self, text: &str) -> bool {
        if text.is_empty() {
            return false;
        }
        let folded = crate::util::fold(text);
        let lower = text.to_lowercase();
        self.folded.iter().any(|f| folded.contains(f.as_str()))
            || self
                .needles
                .iter()
                .any(|n| lower.contains(&n.to_lowercase()))
            || self.patterns.iter().any(|p| p.is_match(text))
            || phone_numbers(text).iter().any(|p| self.phones.contains(p))
    }

    /// `text` with every mention replaced by « [effacé] »; entirely « [effacé] » when a mention
    /// is written in a way the patterns do not replace.
    fn redact(&self, text: &str) -> String {
        if !self.mentions(text) {
            return text.to_string();
        }
        let mut out = text.to_string();
        for p in &self.patterns {
            out = p.replace_all(&out, ERASED).into_owned();
        }
        out = PHONE
            .replace_all(&out, |c: &regex::Captures<'_>| {
                match normalise_phone(&c[0]) {
                    Some(p) if self.phones.contains(&p) => ERASED.to_string(),
                    _ => c[0].to_string(),
                }
            })
            .into_owned();
        if self.mentions(&out) {
            ERASED.to_string()
        } else {
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zoe() -> Redactor {
        let person = Person {
            official: None,
            addresses: vec!["zoe.quintard@exemple.fr".into()],
            names: vec!["Zoé Quintard-Vasseur".into(), "Madame Zoé".into()],
        };
        Redactor::new(&person, &["0612345678".to_string()]).unwrap()
    }

    #[test]
    fn mentions_by_address_name_and_phone() {
        let r = zoe();
        assert!(r.mentions("écrire à ZOE.QUINTARD@exemple.fr"));
        assert!(r.mentions("Mme quintard vasseur a appelé"));
        assert!(r.mentions("rappeler le 06.12.34.56.78"));
        assert!(r.mentions("rappeler le +33 6 12 34 56 78"));
        assert!(!r.mentions("rappeler le 04 76 00 00 00"));
        assert!(!r.mentions("Madame la maire"), "a civility is no needle");
    }

    #[test]
    fn redact_keeps_what_does_not_name_them() {
        let r = zoe();
        assert_eq!(
            r.redact("Voisine de Mme Quintard-Vasseur (06 12 34 56 78), dossier suivi"),
            "Voisine de Mme [effacé] ([effacé]), dossier suivi"
        );
        assert_eq!(r.redact("Dossier école"), "Dossier école");
        assert_eq!(r.redact("quintard vasseur, zoe"), "[effacé], zoe");
    }

    #[test]
    fn decoding_finds_encoded_addresses() {
        let re = address_regex(&["zoe@x.fr".to_string()]).unwrap();
        let html =
            b"Content-Type: text/html\r\n\r\n<a href=\"mailto:zoe&commat;x&period;fr\">z</a>\r\n";
        assert!(!re.is_match(html));
        assert!(re.is_match(&decoded(html).text));
        let qp = b"Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nmail zo=\r\ne=40x.fr ici\r\n";
        assert!(re.is_match(&decoded(qp).text));
        let rfc2047 =
            b"Reply-To: =?UTF-8?Q?Zo=C3=A9_Q_=3Czoe=40x=2Efr=3E?=\r\nSubject: x\r\n\r\nbody\r\n";
        let d = decoded(rfc2047);
        assert!(re.is_match(&d.text));
        assert_eq!(d.names_of(&["zoe@x.fr".to_string()], &re), ["Zoé Q"]);
    }
}
