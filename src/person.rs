//! A person's data, for the RGPD rights of access and erasure. A person is named by an address
//! or by an official's id (then every address known for that official counts). Their data:
//! the messages they sent or received, mail that names their address anywhere — in its original
//! bytes or once decoded (base64 and quoted-printable bodies, HTML character references,
//! RFC 2047 headers, attachment names, forwarded messages) —, the cases they are party to, notes
//! that mention them wherever they are, their learned and address-book addresses, and their
//! directory entry.
//!
//! Erasure removes their messages and cases, and what names them in their cases (notes, titles);
//! elsewhere it only blanks the words that name them — their address, their full name (first
//! and last name, in either order) or a phone number they gave in their own text — and leaves
//! the rest, which is other people's data: notes and titles of other cases, history entries,
//! filing reasons, the places files were read from (ingest problems, runs, sources), the audit
//! and access logs. A surname alone, a word of a name, or a name others wrote next to their
//! address (« Mairie de Voiron ») never counts: « Martin » is thousands of people, and
//! « Saint-Martin-d'Hères » a commune.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{Context as _, Result, bail};
use mail_parser::{HeaderValue, Message, MessageParser, PartType};
use regex::Regex;
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use serde::Serialize;

use crate::context::Context;
use crate::private::{private_dir, private_file, write_private};

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
    /// Their names: the display names they sign their own mail with and, for an official, the
    /// directory entry; only names of two words or more that are not an organisation's (see
    /// [`person_name`]).
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
        (Some(id), crate::officials::profile::addresses(conn, id)?)
    } else if who.contains('@') {
        (None, vec![who.to_lowercase()])
    } else {
        bail!("{who:?} is neither an address nor an official id");
    };
    // An official's addresses (`officials::profile::addresses`) include those matched to them
    // by address or by staff — not those matched by signature, name or town-hall domain, which
    // can be a town hall's shared address.
    addresses.sort();
    addresses.dedup();
    // Their names: only what they wrote themselves in From, never what others wrote next to
    // their address (an office's reply to « Mairie de Voiron <their address> »).
    let mut names = std::collections::BTreeMap::new();
    let mut add = |name: &str| {
        if let Some(name) = person_name(name) {
            names.entry(crate::util::fold(&name)).or_insert(name);
        }
    };
    let own = own_addresses(conn, official, &addresses)?;
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT from_name FROM messages WHERE from_addr = ?1 AND from_name != ''",
    )?;
    for a in &own {
        for n in stmt.query_map([a], |r| r.get::<_, String>(0))? {
            add(&n?);
        }
    }
    if let Some(id) = official {
        let name: String = conn.query_row(
            "SELECT prenom || ' ' || nom FROM officials WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        add(&name);
    }
    Ok(Person {
        official,
        addresses,
        names: names.into_values().collect(),
    })
}

/// The addresses that are the person themself: for an official, those of the directory and
/// those matched to them by address — not a staff member's, whose names and phone numbers are
/// the staff member's.
fn own_addresses(
    conn: &Connection,
    official: Option<i64>,
    addresses: &[String],
) -> Result<Vec<String>> {
    let Some(id) = official else {
        return Ok(addresses.to_vec());
    };
    let own: Vec<String> = conn
        .prepare(
            "SELECT address FROM known_addresses WHERE official = ?1
             UNION SELECT m.from_addr FROM message_officials o JOIN messages m ON m.id = o.message
                 WHERE o.official = ?1 AND o.method = 'address' AND m.from_addr != ''
             ORDER BY 1",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(own)
}

/// Words that come before a name but are no part of it (« Madame Zoé Quintard »).
const CIVILITIES: &[&str] = &[
    "madame",
    "monsieur",
    "mademoiselle",
    "mme",
    "mlle",
    "mr",
    "m",
    "docteur",
    "dr",
    "maitre",
    "me",
    "professeur",
    "pr",
];

/// Words that make a display name an organisation's, a couple's or a service's rather than one
/// person's (« Mairie de Voiron », « Secrétariat du maire », « M. et Mme Martin »).
const NOT_A_PERSON: &[&str] = &[
    "mairie",
    "commune",
    "ville",
    "association",
    "asso",
    "service",
    "services",
    "secretariat",
    "accueil",
    "cabinet",
    "prefecture",
    "conseil",
    "direction",
    "syndicat",
    "communaute",
    "agglomeration",
    "metropole",
    "departement",
    "region",
    "permanence",
    "senat",
    "assemblee",
    "agence",
    "ecole",
    "college",
    "lycee",
    "universite",
    "federation",
    "comite",
    "collectif",
    "ministere",
    "tribunal",
    "hopital",
    "caisse",
    "sarl",
    "sas",
    "societe",
    "fondation",
    "gendarmerie",
    "ccas",
    "newsletter",
    "noreply",
    "et",
    "and",
    "chez",
    "via",
];

/// `display` as a person's name (civilities and initials left out), when it is one: at least
/// two words, no address, no digit, no word of an organisation ([`NOT_A_PERSON`]).
pub fn person_name(display: &str) -> Option<String> {
    let display = display.trim().trim_matches(['"', '\'', ' ']);
    if display.contains('@') || display.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut kept: Vec<&str> = Vec::new();
    for word in display.split_whitespace() {
        let folded = crate::util::fold(word);
        if folded.is_empty() || (kept.is_empty() && CIVILITIES.contains(&folded.as_str())) {
            continue;
        }
        if folded.split(' ').any(|w| NOT_A_PERSON.contains(&w)) {
            return None;
        }
        // An initial (« J. ») is too little to find anyone by.
        if folded.chars().filter(char::is_ascii_alphanumeric).count() < 2 {
            continue;
        }
        kept.push(word.trim_matches(|c: char| !c.is_alphanumeric()));
    }
    (kept.len() >= 2).then(|| kept.join(" "))
}

/// The messages about `person`: from or to one of their addresses, matched to their official
/// id, or naming one of their addresses anywhere in the original bytes (a quoted reply, a
/// forward, a Cc) or in the decoded message (see [`decoded`]). Sorted by id.
pub fn messages(ctx: &Context, person: &Person) -> Result<Vec<i64>> {
    find(ctx, person)
}

/// Plan:
/// 1. the recorded fields (sender, recipients, official match) give most messages;
/// 2. every other message is read: its original bytes, then (when they do not name an address)
///    the message decoded by mail-parser — a base64 or quoted-printable body, HTML character
///    references, RFC 2047 headers — on all cores.
///
/// Returns the message ids, sorted.
fn find(ctx: &Context, person: &Person) -> Result<Vec<i64>> {
    let conn = ctx.store.conn();
    let list = serde_json::to_string(&person.addresses)?;
    let mut ids: BTreeSet<i64> = conn
        .prepare(
            "SELECT id FROM messages WHERE from_addr IN (SELECT value FROM json_each(?1))
             UNION SELECT message FROM recipients WHERE address IN (SELECT value FROM json_each(?1))",
        )?
        .query_map([list], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // An official's own mail: one definition with the official's page and `officials show`.
    if let Some(id) = person.official {
        ids.extend(
            crate::officials::profile::mail(conn, id, crate::officials::profile::Scope::Own)?
                .into_iter()
                .map(|m| m.get()),
        );
    }
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
        ids.extend(scan(&ctx.raw, &rows, &re));
    }
    Ok(ids.into_iter().collect())
}

/// Reads the raw files of `rows` (id, blob) on all cores; returns the ids of those naming one of
/// the addresses of `re`, raw or decoded.
fn scan(
    raw: &crate::rawstore::RawStore,
    rows: &[(i64, String)],
    re: &regex::bytes::Regex,
) -> Vec<i64> {
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
                        if re.is_match(&bytes) || re.is_match(&decoded(&bytes).text) {
                            hits.push(*id);
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
}

/// Decodes `raw` with mail-parser: every part's headers (addresses with their names, RFC 2047
/// text, file names), text, HTML and binary bodies, and forwarded messages. (The names written
/// next to an address are not the person's: others write them.)
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
                let name = a.name().unwrap_or_default();
                let addr = a.address().unwrap_or_default().trim().to_lowercase();
                out.text.extend_from_slice(name.as_bytes());
                out.text.extend_from_slice(b" <");
                out.text.extend_from_slice(addr.as_bytes());
                out.text.extend_from_slice(b">\n");
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
            "case_id": crate::cases::of_message(conn, crate::ids::MessageId(id))?.map(|c| c.0),
        }));
    }
    let mut case_list = Vec::new();
    for &c in &case_ids {
        case_list.push(serde_json::json!({
            "case": crate::cases::require(conn, crate::ids::CaseId(c))?,
            "notes": crate::cases::notes(conn, crate::ids::CaseId(c))?,
            "history": crate::cases::history_of(conn, crate::ids::CaseId(c))?,
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
    // The office's notes on communes (the visit sheet) that name them.
    let redactor = Redactor::new(&person, &[])?;
    let commune_notes: Vec<serde_json::Value> = conn
        .prepare("SELECT commune, author, at, text FROM commune_notes ORDER BY id")?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|(_, _, _, text)| redactor.mentions(text))
        .map(|(commune, author, at, text)| {
            serde_json::json!({"commune": commune, "author": author,
                "at": crate::util::rfc3339(at, 0), "text": text})
        })
        .collect();
    let index = serde_json::json!({
        "person": person,
        "exported_at": crate::util::rfc3339(crate::store::now(), 0),
        "directory": {"official": official, "addresses": known, "contacts": contacts},
        "messages": listed,
        "cases": case_list,
        "commune_notes": commune_notes,
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
    /// Their cases (alone or shared) and the cases merged into or with them, transitively:
    /// where notes naming them are theirs and go whole, and titles naming them are rewritten.
    pub cases_related: Vec<i64>,
    /// Notes of [`cases_related`](Self::cases_related) that name them (removed; their history
    /// copies become « [note effacée] »).
    pub notes: Vec<i64>,
    /// Notes of other cases that name them: only the words naming them are blanked (the rest
    /// is other people's data), in their history copies too.
    pub notes_redacted: Vec<i64>,
    /// Related cases that stay but whose title or subject key names them or is their subject
    /// (given the subject of the first message left, or « (objet effacé) »).
    pub titles: Vec<i64>,
    /// Other cases whose title or subject key names them: only those words are blanked.
    pub titles_redacted: Vec<i64>,
    /// Learned and address-book addresses removed.
    pub addresses_known: u64,
    /// Database copies made before migrations, which hold the data too (deleted).
    pub old_database_copies: Vec<String>,
    /// Phone numbers they gave in their own text (ten digits): text naming them is blanked.
    /// Never printed.
    #[serde(skip)]
    pub phones: Vec<String>,
    /// Subjects of the messages they sent.
    #[serde(skip)]
    pub subjects: Vec<String>,
}

/// Works out what erasing `who` removes.
pub fn plan_erase(ctx: &Context, who: &str) -> Result<(Person, ErasePlan)> {
    let conn = ctx.store.conn();
    let person = resolve(conn, who)?;
    let ids = find(ctx, &person)?;
    let mut plan = ErasePlan {
        addresses: person.addresses.clone(),
        messages: ids.clone(),
        ..ErasePlan::default()
    };
    let id_list = serde_json::to_string(&ids)?;
    let theirs = cases(conn, &person, &ids)?;
    for &c in &theirs {
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
    plan.cases_related = related_cases(conn, &theirs)?;
    // What they wrote themselves: the subjects, and the phone numbers in their own text (not in
    // what they quote, which may be the office's signature; not a staff member's).
    let own = own_addresses(conn, person.official, &person.addresses)?;
    let rows: Vec<(String, String)> = conn
        .prepare(
            "SELECT subject, blob FROM messages WHERE id IN (SELECT value FROM json_each(?1))
               AND from_addr IN (SELECT value FROM json_each(?2)) ORDER BY id",
        )?
        .query_map(params![id_list, serde_json::to_string(&own)?], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut phones = BTreeSet::new();
    let mut subjects = BTreeSet::new();
    for (subject, blob) in rows {
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
    let notes: Vec<(i64, i64, String)> = conn
        .prepare("SELECT id, case_id, text FROM case_notes ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, case_id, text) in notes {
        if !redactor.mentions(&text) {
            continue;
        }
        if plan.is_related(case_id) {
            plan.notes.push(id);
        } else {
            plan.notes_redacted.push(id);
        }
    }
    let titles: Vec<(i64, String, String)> = conn
        .prepare("SELECT id, title, norm_subject FROM cases ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, title, key) in titles {
        if plan.cases_alone.contains(&id) {
            continue;
        }
        if plan.is_related(id) {
            if names_them(&redactor, &plan.subjects, &title, &key) {
                plan.titles.push(id);
            }
        } else if redactor.mentions(&title) || redactor.mentions(&key) {
            plan.titles_redacted.push(id);
        }
    }
    plan.addresses_known = conn.query_row(
        "SELECT count(*) FROM known_addresses WHERE address IN (SELECT value FROM json_each(?1))",
        [serde_json::to_string(&person.addresses)?],
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
    /// True for one of their cases or a case merged into or with one of them.
    fn is_related(&self, case_id: i64) -> bool {
        self.cases_related.binary_search(&case_id).is_ok()
    }
}

/// `cases` and every case merged into or with one of them, transitively, sorted: a note
/// written in a case before it was merged with theirs is about their request too.
fn related_cases(conn: &Connection, cases: &[i64]) -> Result<Vec<i64>> {
    let mut related: BTreeSet<i64> = cases.iter().copied().collect();
    let mut todo = cases.to_vec();
    let mut stmt = conn.prepare(
        "SELECT id FROM cases WHERE merged_into = ?1
         UNION SELECT merged_into FROM cases WHERE id = ?1 AND merged_into IS NOT NULL",
    )?;
    while let Some(case_id) = todo.pop() {
        for next in stmt.query_map([case_id], |r| r.get::<_, i64>(0))? {
            let next = next?;
            if related.insert(next) {
                todo.push(next);
            }
        }
    }
    Ok(related.into_iter().collect())
}

/// True when a case title (or subject key) names the person, or is one of `subjects`.
fn names_them(redactor: &Redactor, subjects: &[String], title: &str, key: &str) -> bool {
    redactor.mentions(title)
        || redactor.mentions(key)
        || subjects.iter().any(|s| {
            s == title.trim() || (!key.is_empty() && crate::cases::subject::normalise(s) == key)
        })
}

/// The subjects a person wrote, as filing reasons quote them (« subject », as written and
/// normalised), replaced by « [effacé] ».
///
/// Every filing reason of the database is read (a reason may quote another message's subject),
/// so each must cost its own length, not the number of subjects: replacing each of a person's
/// hundreds of subjects in each of a million reasons took most of an erasure at a million
/// messages (issue 18). The quoted spans are looked up in a set; only subjects that themselves
/// hold « or » (which the span scan cannot delimit) are replaced one by one.
struct QuotedSubjects {
    plain: std::collections::HashSet<String>,
    awkward: Vec<String>,
}

impl QuotedSubjects {
    const OPEN: &'static str = "\u{ab} ";
    const CLOSE: &'static str = " \u{bb}";
    const ERASED: &'static str = "\u{ab} [effacé] \u{bb}";

    fn new(subjects: &[String]) -> QuotedSubjects {
        let mut plain = std::collections::HashSet::new();
        let mut awkward = Vec::new();
        for s in subjects {
            for q in [s.clone(), crate::cases::subject::normalise(s)] {
                if q.contains(['\u{ab}', '\u{bb}']) {
                    awkward.push(format!("{}{q}{}", Self::OPEN, Self::CLOSE));
                } else {
                    plain.insert(q);
                }
            }
        }
        QuotedSubjects { plain, awkward }
    }

    fn redact(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find(Self::OPEN) {
            let inside = &rest[open + Self::OPEN.len()..];
            match inside.find(Self::CLOSE) {
                Some(close) if self.plain.contains(&inside[..close]) => {
                    out.push_str(&rest[..open]);
                    out.push_str(Self::ERASED);
                    rest = &inside[close + Self::CLOSE.len()..];
                }
                _ => {
                    out.push_str(&rest[..open + Self::OPEN.len()]);
                    rest = inside;
                }
            }
        }
        out.push_str(rest);
        for a in &self.awkward {
            if out.contains(a.as_str()) {
                out = out.replace(a.as_str(), Self::ERASED);
            }
        }
        out
    }
}

/// Carries out `plan` (see [`plan_erase`]); records an audit entry without personal data.
///
/// Plan, in one transaction:
/// 1. forget the ingest problems of their messages, remove the messages (and the cases left
///    without any), then the cases where they were the only party (a case merged into another
///    keeps no message of its own);
/// 2. remove the notes naming them in their cases (and the cases merged with them), blank the
///    words naming them in other cases' notes, redact the history entries naming them (a
///    removed note's copy becomes « [note effacée] »); remove their party entries, contact
///    entries, learned addresses;
/// 3. give their shared cases named after them another title and subject key; blank their name
///    in other cases' titles;
/// 4. blank what names them elsewhere: filing reasons, ingest runs and problems, message
///    sources, IMAP errors, the audit log, the access log;
///
/// then delete the database copies, the raw files and index documents, and compact.
///
/// Only the words that name them are blanked outside their own data ([`Redactor`]): never a
/// whole text, never another row.
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
    let quoted = QuotedSubjects::new(&plan.subjects);
    let redact_reason = |text: &str| redactor.redact(&quoted.redact(text));
    let removed = ctx.store.transaction(|tx| {
        let cases_before: i64 = tx.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
        // Before the rows go (the link would become NULL).
        crate::store::runs::forget(tx, &plan.messages, &redact)?;
        // Cases left without messages go with them (see `remove_messages`).
        let mut removed = crate::lifecycle::remove_messages(tx, &plan.messages)?;
        crate::lifecycle::remove_empty_cases(tx, &plan.cases_alone)?;
        redact_history(tx, plan, &redactor)?;
        redact_events(tx, &redactor)?;
        // Undo copies may hold the person's mail and addresses: all of them go (also done by
        // `remove_messages`, but a person may have no message left, only addresses).
        crate::cases::undo::forget_all(tx)?;
        tx.execute(
            "DELETE FROM case_parties WHERE address IN (SELECT value FROM json_each(?1))",
            [&list],
        )?;
        for n in &plan.notes {
            tx.execute("DELETE FROM case_notes WHERE id = ?1", [n])?;
        }
        for &n in &plan.notes_redacted {
            let text: Option<String> = tx
                .query_row("SELECT text FROM case_notes WHERE id = ?1", [n], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(text) = text {
                tx.execute(
                    "UPDATE case_notes SET text = ?2 WHERE id = ?1",
                    params![n, redactor.redact(&text)],
                )?;
            }
        }
        // The office's notes on communes (issue 17) naming them: the words naming them go.
        let commune_notes: Vec<(i64, String)> = tx
            .prepare("SELECT id, text FROM commune_notes ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (n, text) in commune_notes {
            if redactor.mentions(&text) {
                tx.execute(
                    "UPDATE commune_notes SET text = ?2 WHERE id = ?1",
                    params![n, redactor.redact(&text)],
                )?;
            }
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
        // Search queries typed with their name or phone number; then their addresses in the
        // list of persons each read concerned.
        redact_column(tx, "access_log", "id", "target", &redact)?;
        crate::access::redact(tx, &person.addresses, &[])?;
        let cases_after: i64 = tx.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
        removed.cases = (cases_before - cases_after) as u64;
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
        notes_redacted = plan.notes_redacted.len(),
        titles = plan.titles.len(),
        titles_redacted = plan.titles_redacted.len(),
        "erasure done"
    );
    Ok(removed)
}

/// History entries naming the person: in their cases (and those merged with them) a note's
/// copy is replaced whole, like the note itself (its phone numbers and everything else go with
/// it); every other entry loses only the words naming them, like the note it copies.
fn redact_history(tx: &Transaction<'_>, plan: &ErasePlan, redactor: &Redactor) -> Result<()> {
    let history: Vec<(i64, i64, String, String, String)> = tx
        .prepare("SELECT id, case_id, action, before, after FROM case_history")?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, case_id, action, before, after) in history {
        if !redactor.mentions(&before) && !redactor.mentions(&after) {
            continue;
        }
        let (before, after) = if action == "note" && plan.is_related(case_id) {
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

/// The agenda's events of other messages naming the person (a representative, an organiser, a
/// decision's note, a correction) keep their event with those words blanked: the events read
/// from the person's own mail went with it (`ON DELETE CASCADE`).
fn redact_events(tx: &Transaction<'_>, redactor: &Redactor) -> Result<()> {
    const TEXTS: [&str; 7] = [
        "title",
        "place",
        "organiser",
        "rsvp_contact",
        "notes",
        "representative",
        "decision_note",
    ];
    let rows: Vec<(i64, Vec<Option<String>>)> = tx
        .prepare(&format!("SELECT id, {} FROM events", TEXTS.join(", ")))?
        .query_map([], |r| {
            let mut texts = Vec::with_capacity(TEXTS.len());
            for i in 0..TEXTS.len() {
                texts.push(r.get::<_, Option<String>>(i + 1)?);
            }
            Ok((r.get(0)?, texts))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, texts) in rows {
        for (column, text) in TEXTS.iter().zip(texts) {
            if let Some(text) = text.filter(|t| redactor.mentions(t)) {
                tx.execute(
                    &format!("UPDATE events SET {column} = ?2 WHERE id = ?1"),
                    params![id, redactor.redact(&text)],
                )?;
            }
        }
    }
    let corrections: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, before, after FROM event_corrections")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, before, after) in corrections {
        if redactor.mentions(&before) || redactor.mentions(&after) {
            tx.execute(
                "UPDATE event_corrections SET before = ?2, after = ?3 WHERE id = ?1",
                params![id, redactor.redact(&before), redactor.redact(&after)],
            )?;
        }
    }
    Ok(())
}

/// Gives the cases of `plan.titles` that still exist the subject of their first message left
/// as title (when that one does not name the person either), else « (objet effacé) » and no
/// subject key (such a case never threads by subject again). In the cases of
/// `plan.titles_redacted` (other people's), only the words naming them are blanked.
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
        let (title, key) =
            if subject.is_empty() || names_them(redactor, &plan.subjects, subject, &key) {
                ("(objet effacé)", String::new())
            } else {
                (subject, key)
            };
        tx.execute(
            "UPDATE cases SET title = ?2, norm_subject = ?3 WHERE id = ?1",
            params![case_id, title, key],
        )?;
    }
    for &case_id in &plan.titles_redacted {
        let row: Option<(String, String)> = tx
            .query_row(
                "SELECT title, norm_subject FROM cases WHERE id = ?1",
                [case_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((title, key)) = row {
            tx.execute(
                "UPDATE cases SET title = ?2, norm_subject = ?3 WHERE id = ?1",
                params![case_id, redactor.redact(&title), redactor.redact(&key)],
            )?;
        }
    }
    Ok(())
}

/// Rewrites `column` of every row of `table` (keyed by `key`) through `redact`, where it
/// changes. Table and column names are constants of this module, never input. A redacted value
/// that a unique constraint refuses (two sources of one message, at paths that differ only by
/// the name blanked) is told apart by its row id (« [effacé #12] »): no row replaces another.
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
    let mut update = tx.prepare(&format!(
        "UPDATE {table} SET {column} = ?2 WHERE {key} = ?1"
    ))?;
    let mut changed = 0;
    for (id, text) in rows {
        let redacted = redact(&text);
        if redacted == text {
            continue;
        }
        match update.execute(params![id, redacted]) {
            Ok(_) => {}
            // The statement is undone, the transaction goes on.
            Err(rusqlite::Error::SqliteFailure(err, _))
                if err.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                let unique = redacted.replacen(ERASED, &format!("[effacé #{id}]"), 1);
                tracing::debug!(table, column, row = id, "redacted value told apart");
                update
                    .execute(params![id, unique])
                    .with_context(|| format!("cannot redact {table}.{column} #{id}"))?;
            }
            Err(err) => {
                return Err(err).with_context(|| format!("cannot redact {table}.{column} #{id}"));
            }
        }
        changed += 1;
    }
    Ok(changed)
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

/// A hyphen that joins the parts of a compound name (« Quintard-Vasseur »).
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// An apostrophe (« N'Diaye », « d'Hères »).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2bc}')
}

/// What may stand between two words of a name: spaces and line breaks, hyphens, apostrophes,
/// underscores (« jean_martin.pdf »).
fn is_joiner(c: char) -> bool {
    c.is_whitespace() || is_hyphen(c) || is_apostrophe(c) || c == '_'
}

/// A word of a text: its byte range and its folded form (lower-case ASCII letters and digits).
#[derive(Debug)]
struct Word {
    start: usize,
    end: usize,
    folded: String,
}

/// The words of `text`: runs of letters and digits, each folded (« Zoé » → « zoe »,
/// « Œuvre » → « oeuvre »), combining accents included in the letter they follow.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<Word> = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if c.is_alphanumeric() {
            let word = current.get_or_insert_with(|| Word {
                start: i,
                end,
                folded: String::new(),
            });
            word.end = end;
            if c.is_ascii() {
                word.folded.push(c.to_ascii_lowercase());
            } else {
                let ascii = deunicode::deunicode_char(c).unwrap_or_default();
                word.folded.extend(
                    ascii
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .map(|a| a.to_ascii_lowercase()),
                );
            }
        } else if is_combining(c)
            && let Some(word) = current.as_mut()
        {
            word.end = end;
        } else if let Some(word) = current.take() {
            out.push(word);
        }
    }
    out.extend(current);
    out
}

/// Combining diacritical marks (a decomposed « é » is « e » and U+0301).
fn is_combining(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36f}'
            | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}'
            | '\u{fe20}'..='\u{fe2f}'
    )
}

/// Finds and blanks the person in free text. One matcher does both, so that what is found is
/// exactly what is blanked: their addresses (whole, any case), their full names (every word,
/// first name then last name or the other way round, any case and accents, any of space,
/// hyphen, apostrophe or underscore between the words, and not inside a longer compound such
/// as « Marie-Jean Martin » or « Jean Martin-Dupont »), and the phone numbers they gave. A
/// single word of a name never counts.
struct Redactor {
    /// Their addresses, for finding (boundaries are checked in [`Redactor::spans`]).
    addresses: Option<Regex>,
    /// Each full name as folded words, in both orders.
    names: Vec<Vec<String>>,
    /// Their phone numbers, ten digits.
    phones: BTreeSet<String>,
}

impl Redactor {
    fn new(person: &Person, phones: &[String]) -> Result<Redactor> {
        let addresses = if person.addresses.is_empty() {
            None
        } else {
            let alternatives: Vec<String> =
                person.addresses.iter().map(|a| regex::escape(a)).collect();
            Some(
                regex::RegexBuilder::new(&alternatives.join("|"))
                    .case_insensitive(true)
                    .build()
                    .context("cannot build the pattern of an address")?,
            )
        };
        let mut names = BTreeSet::new();
        let folded = |text: &str| -> Vec<String> {
            words(text)
                .into_iter()
                .map(|w| w.folded)
                .filter(|f| !f.is_empty())
                .collect()
        };
        for name in person.names.iter().filter_map(|n| person_name(n)) {
            // `person_name` joins the words with one space: the first is the first name.
            let Some((first, last)) = name.split_once(' ') else {
                continue;
            };
            let (first, last) = (folded(first), folded(last));
            if first.is_empty() || last.is_empty() {
                continue;
            }
            names.insert([first.clone(), last.clone()].concat());
            names.insert([last, first].concat());
        }
        Ok(Redactor {
            addresses,
            names: names.into_iter().collect(),
            phones: phones.iter().cloned().collect(),
        })
    }

    /// The byte ranges of `text` that name the person, sorted, overlaps merged.
    fn spans(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut spans = Vec::new();
        if let Some(re) = &self.addresses {
            let address_char =
                |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
            for m in re.find_iter(text) {
                let before = text[..m.start()].chars().next_back();
                let mut after = text[m.end()..].chars();
                let next = after.next();
                // Not `petitjean.martin@…` nor `jean.martin@exemple.fr.autre.com`.
                let joined_after = match next {
                    Some(c) if c.is_ascii_alphanumeric() || c == '-' => true,
                    Some('.') => after.next().is_some_and(|c| c.is_ascii_alphanumeric()),
                    _ => false,
                };
                if !before.is_some_and(address_char) && !joined_after {
                    spans.push(m.range());
                }
            }
        }
        if !self.names.is_empty() {
            let words = words(text);
            for name in &self.names {
                let n = name.len();
                if words.len() < n {
                    continue;
                }
                'start: for i in 0..=words.len() - n {
                    for (j, part) in name.iter().enumerate() {
                        if words[i + j].folded != *part {
                            continue 'start;
                        }
                        if j > 0
                            && !text[words[i + j - 1].end..words[i + j].start]
                                .chars()
                                .all(is_joiner)
                        {
                            continue 'start;
                        }
                    }
                    let (start, end) = (words[i].start, words[i + n - 1].end);
                    // Part of a longer compound: « Marie-Jean Martin », « Jean Martin-Dupont »,
                    // « Saint-Martin-d'Hères ». (An apostrophe before is an elision: « d'Anne ».)
                    let mut before = text[..start].chars().rev();
                    let joined_before = before.next().is_some_and(is_hyphen)
                        && before.next().is_some_and(char::is_alphabetic);
                    let mut after = text[end..].chars();
                    let joined_after = after
                        .next()
                        .is_some_and(|c| is_hyphen(c) || is_apostrophe(c))
                        && after.next().is_some_and(char::is_alphabetic);
                    if !joined_before && !joined_after {
                        spans.push(start..end);
                    }
                }
            }
        }
        if !self.phones.is_empty() {
            for m in PHONE.find_iter(text) {
                if normalise_phone(m.as_str()).is_some_and(|p| self.phones.contains(&p)) {
                    spans.push(m.range());
                }
            }
        }
        spans.sort_by_key(|s| (s.start, s.end));
        let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(spans.len());
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start < last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        merged
    }

    /// True when `text` names the person (exactly when [`Redactor::redact`] changes it).
    fn mentions(&self, text: &str) -> bool {
        !text.is_empty() && !self.spans(text).is_empty()
    }

    /// `text` with every mention replaced by « [effacé] », and nothing else changed.
    fn redact(&self, text: &str) -> String {
        let spans = self.spans(text);
        if spans.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for s in spans {
            out.push_str(&text[at..s.start]);
            out.push_str(ERASED);
            at = s.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quoted subjects are erased wherever a reason quotes them, as written or normalised,
    /// with guillemets inside or not, and nothing else is touched.
    #[test]
    fn quoted_subjects_are_erased_from_reasons() {
        let q = QuotedSubjects::new(&[
            "RE: Demande de rendez-vous".to_string(),
            "Motion \u{ab} ligne Grenoble-Gap \u{bb}".to_string(),
        ]);
        let norm = crate::cases::subject::normalise("RE: Demande de rendez-vous");
        for (text, want) in [
            (
                format!("same correspondent and same subject \u{ab} {norm} \u{bb} as case #3"),
                "same correspondent and same subject \u{ab} [effacé] \u{bb} as case #3".to_string(),
            ),
            (
                "subject \u{ab} RE: Demande de rendez-vous \u{bb}, \u{ab} autre \u{bb}".to_string(),
                "subject \u{ab} [effacé] \u{bb}, \u{ab} autre \u{bb}".to_string(),
            ),
            (
                "campaign \u{ab} Motion \u{ab} ligne Grenoble-Gap \u{bb} \u{bb} seed".to_string(),
                "campaign \u{ab} [effacé] \u{bb} seed".to_string(),
            ),
            ("\u{ab} unclosed".to_string(), "\u{ab} unclosed".to_string()),
            ("no quote at all".to_string(), "no quote at all".to_string()),
            (
                "\u{ab} Demande de rendez-vous de Mme X \u{bb}".to_string(),
                "\u{ab} Demande de rendez-vous de Mme X \u{bb}".to_string(),
            ),
        ] {
            assert_eq!(q.redact(&text), want, "{text}");
        }
    }

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
        assert!(r.mentions("Mme zoe quintard vasseur a appelé"));
        assert!(r.mentions("Mme QUINTARD-VASSEUR Zoé a appelé"));
        assert!(
            !r.mentions("Mme quintard vasseur a appelé"),
            "a surname alone is not the person"
        );
        assert!(!r.mentions("Zoé a appelé"), "a first name alone neither");
        assert!(r.mentions("rappeler le 06.12.34.56.78"));
        assert!(r.mentions("rappeler le +33 6 12 34 56 78"));
        assert!(!r.mentions("rappeler le 04 76 00 00 00"));
        assert!(!r.mentions("Madame la maire"), "a civility is no needle");
    }

    #[test]
    fn redact_keeps_what_does_not_name_them() {
        let r = zoe();
        assert_eq!(
            r.redact("Voisine de Mme Zoé Quintard-Vasseur (06 12 34 56 78), dossier suivi"),
            "Voisine de Mme [effacé] ([effacé]), dossier suivi"
        );
        assert_eq!(r.redact("Dossier école"), "Dossier école");
        assert_eq!(
            r.redact("QUINTARD VASSEUR Zoe\u{301}, voisine"),
            "[effacé], voisine"
        );
        // Found but not blankable used to wipe the whole text: now what is found is blanked.
        assert_eq!(
            r.redact("Mme Quintard-Vasseur, de Vif"),
            "Mme Quintard-Vasseur, de Vif"
        );
    }

    fn jean() -> Redactor {
        let person = Person {
            official: None,
            addresses: vec!["jean.martin@exemple.fr".into()],
            names: vec!["Jean Martin".into()],
        };
        Redactor::new(&person, &[]).unwrap()
    }

    #[test]
    fn a_surname_a_commune_or_a_longer_word_is_not_the_person() {
        let r = jean();
        for text in [
            "Saint-Martin-d'Hères",
            "Marie Martinez",
            "rue de la Martinière",
            "M. Martin a appelé",
            "Martin",
            "Marie-Jean Martin",
            "Jean Martin-Dupont",
            "écrire à jean.martin@autre.fr",
            "écrire à petitjean.martin@exemple.fr",
            "jean.martin@exemple.fr.autre.com",
        ] {
            assert!(!r.mentions(text), "{text}");
            assert_eq!(r.redact(text), text, "nothing located, nothing changed");
        }
    }

    #[test]
    fn the_full_name_in_either_order_and_the_address_are_the_person() {
        let r = jean();
        for (text, redacted) in [
            ("Jean Martin a appelé", "[effacé] a appelé"),
            ("MARTIN Jean, 3 rue X", "[effacé], 3 rue X"),
            ("vu jean-martin hier", "vu [effacé] hier"),
            (
                "M. Jéan  Martin\net Marie Martinez",
                "M. [effacé]\net Marie Martinez",
            ),
            (
                "Jean Martin <Jean.Martin@exemple.fr>, Saint-Martin",
                "[effacé] <[effacé]>, Saint-Martin",
            ),
            ("d'Jean Martin", "d'[effacé]"),
        ] {
            assert!(r.mentions(text), "{text}");
            assert_eq!(r.redact(text), redacted, "{text}");
        }
    }

    #[test]
    fn only_a_persons_name_of_two_words_counts() {
        assert_eq!(
            person_name("Madame Zoé Quintard-Vasseur").as_deref(),
            Some("Zoé Quintard-Vasseur")
        );
        assert_eq!(
            person_name("\"Jean M. Martin\"").as_deref(),
            Some("Jean Martin")
        );
        for display in [
            "Mairie de Voiron",
            "Secrétariat du maire",
            "Accueil Préfecture",
            "Conseil départemental",
            "M. et Mme Martin",
            "Madame Zoé",
            "Martin",
            "J. Martin",
            "jean.martin@exemple.fr",
            "Jean Martin 2",
        ] {
            assert_eq!(person_name(display), None, "{display}");
        }
        let person = Person {
            official: None,
            addresses: vec!["jean.martin@exemple.fr".into()],
            names: vec!["Mairie de Voiron".into(), "Jean Martin".into()],
        };
        let r = Redactor::new(&person, &[]).unwrap();
        assert!(!r.mentions("Écrire à la Mairie de Voiron"));
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
        assert!(re.is_match(&decoded(rfc2047).text));
    }
}
