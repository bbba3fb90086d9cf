//! What the office knows about an official, and what it exchanged with them: the queries behind
//! the official's page, the commune sheet, the officials finder, `officials show` and the
//! directory listing (`officials list`, [`directory`]), and the one definition of an official's
//! mail ([`mail`]) shared by those and by the RGPD commands.
//!
//! **An official's mail** comes in two scopes ([`Scope`]):
//! - [`Scope::Own`]: what is theirs beyond doubt — messages matched to them by their own
//!   address or by a staff decision, and every message from or to one of their addresses
//!   (directory, address book, learned, or matched to them by address). The right of access and
//!   erasure (`person export|erase ID`) starts from this (and then also reads every original);
//! - [`Scope::Correspondence`]: everything the office filed as exchanged with them — `Own`, plus
//!   messages matched to them by signature, name or town-hall domain (a town hall's shared
//!   address), the messages of request cases whose official they are, and the office's mail to
//!   their addresses. The official's page and `officials show` list this.

use anyhow::{Context as _, Result};
use rusqlite::{Connection, OptionalExtension as _, params};

use crate::ids::{CaseId, MessageId};

/// Which of an official's mail (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Theirs beyond doubt: by their own address or a staff decision.
    Own,
    /// Everything the office filed as exchanged with them.
    Correspondence,
}

/// Addresses of official `?1`: the directory's and learned ones, and those of address-book
/// contacts that are this official.
const ADDRESSES: &str = "SELECT address FROM known_addresses
     WHERE official = ?1 OR contact IN (SELECT id FROM contacts WHERE official = ?1)
     UNION SELECT m.from_addr FROM message_officials o JOIN messages m ON m.id = o.message
     WHERE o.official = ?1 AND o.method IN ('address', 'staff') AND m.from_addr != ''";

/// The ids of official `?1`'s mail in `scope`, as SQL (one parameter, the official).
fn mail_sql(scope: Scope) -> String {
    let own = format!(
        "SELECT message FROM message_officials WHERE official = ?1 AND method IN ('address', 'staff')
         UNION SELECT id FROM messages WHERE from_addr IN ({ADDRESSES})
         UNION SELECT message FROM recipients WHERE address IN ({ADDRESSES})"
    );
    match scope {
        Scope::Own => own,
        Scope::Correspondence => format!(
            "{own}
             UNION SELECT message FROM message_officials WHERE official = ?1
             UNION SELECT mc.message FROM message_cases mc JOIN cases c ON c.id = mc.case_id
                   WHERE c.official = ?1 AND c.kind = 'request'"
        ),
    }
}

/// The ids of official `id`'s mail in `scope`, oldest first.
pub fn mail(conn: &Connection, id: i64, scope: Scope) -> Result<Vec<MessageId>> {
    Ok(conn
        .prepare(&format!(
            "SELECT id FROM messages WHERE id IN ({}) ORDER BY date, id",
            mail_sql(scope)
        ))?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Every address of official `id` (see [`ADDRESSES`]), sorted.
pub fn addresses(conn: &Connection, id: i64) -> Result<Vec<String>> {
    Ok(conn
        .prepare(&format!("{ADDRESSES} ORDER BY 1"))?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// One message of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    /// The message.
    pub id: MessageId,
    /// Unix seconds.
    pub date: i64,
    /// Written by the office.
    pub outgoing: bool,
    /// The sender's display name, else address.
    pub who: String,
    /// Subject.
    pub subject: String,
    /// Its case.
    pub case: Option<CaseId>,
    /// How it was matched to the official, `None` when it was not (a case's message, the
    /// office's answer).
    pub method: Option<super::Method>,
    /// How sure the match is (0 when not matched).
    pub confidence: f64,
}

const EXCHANGE_COLUMNS: &str = "m.id, m.date, m.outgoing, m.from_name, m.from_addr, m.subject,
    (SELECT case_id FROM message_cases WHERE message = m.id),
    (SELECT method FROM message_officials WHERE message = m.id AND official = ?1),
    coalesce((SELECT confidence FROM message_officials WHERE message = m.id AND official = ?1), 0)";

fn exchange_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Exchange> {
    let name: String = r.get(3)?;
    let addr: String = r.get(4)?;
    Ok(Exchange {
        id: r.get(0)?,
        date: r.get(1)?,
        outgoing: r.get(2)?,
        who: if name.is_empty() { addr } else { name },
        subject: r.get(5)?,
        case: r.get(6)?,
        method: r.get(7)?,
        confidence: r.get(8)?,
    })
}

fn exchanges(conn: &Connection, sql: &str, key: &dyn rusqlite::ToSql) -> Result<Vec<Exchange>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([key], exchange_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// An official's correspondence, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Messages received from them (all, not only those listed).
    pub received: u64,
    /// Messages the office sent them.
    pub sent: u64,
    /// The `limit` most recent messages.
    pub exchanges: Vec<Exchange>,
}

/// Official `id`'s mail in `scope`: counts, and the `limit` most recent messages.
///
/// One pass over the set (id, date, direction), counted and cut to the newest `limit` here,
/// then the details of those only: the set is a union of five sources that no index orders
/// by date, and counting it and sorting it in two queries read it twice (an official with
/// 5,000 messages; issue 18).
pub fn timeline(conn: &Connection, id: i64, scope: Scope, limit: usize) -> Result<Timeline> {
    let mut all: Vec<(i64, MessageId, bool)> = conn
        .prepare_cached(&format!(
            "SELECT m.date, m.id, m.outgoing FROM messages m WHERE m.id IN ({})",
            mail_sql(scope)
        ))?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let sent = all.iter().filter(|(_, _, outgoing)| *outgoing).count() as u64;
    let received = all.len() as u64 - sent;
    let newest =
        |a: &(i64, MessageId, bool), b: &(i64, MessageId, bool)| b.0.cmp(&a.0).then(b.1.cmp(&a.1));
    if all.len() > limit && limit > 0 {
        all.select_nth_unstable_by(limit - 1, newest);
    }
    all.truncate(limit);
    all.sort_unstable_by(newest);
    let ids: Vec<MessageId> = all.into_iter().map(|(_, m, _)| m).collect();
    Ok(Timeline {
        received,
        sent,
        exchanges: exchanges_of(conn, &ids, &id)?,
    })
}

/// The exchanges of messages `ids`, in that order (`key` is the official, or anything when
/// the columns' `?1` does not matter).
fn exchanges_of(
    conn: &Connection,
    ids: &[MessageId],
    key: &dyn rusqlite::ToSql,
) -> Result<Vec<Exchange>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EXCHANGE_COLUMNS} FROM messages m WHERE m.id = ?2"
    ))?;
    let mut out = Vec::with_capacity(ids.len());
    for message in ids {
        if let Some(e) = stmt
            .query_row(rusqlite::params![key, message], exchange_row)
            .optional()?
        {
            out.push(e);
        }
    }
    Ok(out)
}

/// One mandate as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandate {
    /// RNE kind code (`mai`, `cm`, `cd`, `sen`…).
    pub kind: String,
    /// INSEE code or other territory code.
    pub territory: String,
    /// Its name ('' when the file gave none).
    pub territory_name: String,
    /// « Maire », « 1er adjoint »… ('' for a plain member).
    pub fonction: String,
    /// Since (`YYYY-MM-DD`): the function's start when it has one, else the mandate's.
    pub start: String,
    /// Until ('' while current).
    pub end: String,
}

/// Who an official is, as their page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Official id.
    pub id: i64,
    /// Family name.
    pub nom: String,
    /// First name.
    pub prenom: String,
    /// `YYYY-MM-DD` or ''.
    pub birth_date: String,
    /// Profession, as the RNE states it.
    pub profession: String,
    /// The RNE's sex code (`F`, `M` or '').
    pub sexe: String,
    /// Current mandates first, then the most recent.
    pub mandates: Vec<Mandate>,
    /// INSEE codes of the communes where they sit or sat (mayor, municipal council).
    pub communes: Vec<String>,
    /// Their addresses with where each comes from: `learned` or `directory` (the address book
    /// or the directory).
    pub addresses: Vec<(String, String)>,
}

/// Official `id`, or `None` when there is none.
pub fn profile(conn: &Connection, id: i64) -> Result<Option<Profile>> {
    let Some((nom, prenom, birth_date, profession, sexe)) = conn
        .query_row(
            "SELECT nom, prenom, birth_date, profession, sexe FROM officials WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let mandates = conn
        .prepare(
            "SELECT kind, territory, territory_name, fonction, start_date, function_start, end_date
             FROM mandates WHERE official = ?1 ORDER BY end_date != '', start_date DESC",
        )?
        .query_map([id], |r| {
            let start: String = r.get(4)?;
            let function_start: String = r.get(5)?;
            Ok(Mandate {
                kind: r.get(0)?,
                territory: r.get(1)?,
                territory_name: r.get(2)?,
                fonction: r.get(3)?,
                start: if function_start.is_empty() {
                    start
                } else {
                    function_start
                },
                end: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let communes = conn
        .prepare(
            "SELECT DISTINCT territory FROM mandates WHERE official = ?1 AND kind IN ('mai', 'cm')",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let addresses = conn
        .prepare(
            "SELECT address, source FROM known_addresses
             WHERE official = ?1 OR contact IN (SELECT id FROM contacts WHERE official = ?1)
             ORDER BY address",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(Profile {
        id,
        nom,
        prenom,
        birth_date,
        profession,
        sexe,
        mandates,
        communes,
        addresses,
    }))
}

/// One mandate as the directory listing gives it (`officials list`, `officials show`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryMandate {
    /// RNE kind code (`mai`, `cm`, `cd`, `sen`…).
    pub kind: String,
    /// « Maire », « 1er adjoint »… ('' for a plain member).
    pub fonction: String,
    /// INSEE code or other territory code (commune, canton, circonscription…).
    pub territory: String,
    /// Its name ('' when the file gave none).
    pub territory_name: String,
    /// Département code.
    pub departement: String,
    /// The mandate's start (`YYYY-MM-DD`), not the function's.
    pub start_date: String,
    /// Its end, `None` while current.
    pub end_date: Option<String>,
}

/// An official as the directory listing gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryEntry {
    /// Official id.
    pub id: i64,
    /// Family name.
    pub nom: String,
    /// First name.
    pub prenom: String,
    /// As the RNE states it.
    pub sexe: String,
    /// `YYYY-MM-DD` or ''.
    pub birth_date: String,
    /// Current mandates first, then the most recent.
    pub mandates: Vec<DirectoryMandate>,
    /// The addresses known for the official themselves (directory, learned), sorted; unlike
    /// [`addresses`], not those of their address-book contacts nor those they were matched by.
    pub addresses: Vec<String>,
}

/// The officials directory, by name (family name, first name, id): everyone, or with
/// `commune`, those with a mandate (current or past) in that territory or under it
/// (`38185` also gives `38185/…`). Reads only.
pub fn directory(conn: &Connection, commune: Option<&str>) -> Result<Vec<DirectoryEntry>> {
    directory_where(conn, commune, None)
}

/// Official `id` as the directory listing gives them, `None` when there is none. Reads only.
pub fn directory_entry(conn: &Connection, id: i64) -> Result<Option<DirectoryEntry>> {
    Ok(directory_where(conn, None, Some(id))?.into_iter().next())
}

fn directory_where(
    conn: &Connection,
    commune: Option<&str>,
    only: Option<i64>,
) -> Result<Vec<DirectoryEntry>> {
    let mut people: Vec<DirectoryEntry> = conn
        .prepare(
            "SELECT o.id, o.nom, o.prenom, o.sexe, o.birth_date FROM officials o
             WHERE (?1 IS NULL OR o.id IN (SELECT official FROM mandates WHERE territory = ?1 OR territory LIKE ?1 || '/%'))
               AND (?2 IS NULL OR o.id = ?2)
             ORDER BY o.nom, o.prenom, o.id",
        )?
        .query_map(params![commune, only], |r| {
            Ok(DirectoryEntry {
                id: r.get(0)?,
                nom: r.get(1)?,
                prenom: r.get(2)?,
                sexe: r.get(3)?,
                birth_date: r.get(4)?,
                mandates: Vec::new(),
                addresses: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()
        .context("cannot list the officials")?;
    let mut mandates = conn.prepare(
        "SELECT kind, fonction, territory, territory_name, departement, start_date, end_date
         FROM mandates WHERE official = ?1 ORDER BY end_date = '' DESC, start_date DESC",
    )?;
    let mut addresses =
        conn.prepare("SELECT address FROM known_addresses WHERE official = ?1 ORDER BY address")?;
    for p in &mut people {
        p.mandates = mandates
            .query_map([p.id], |r| {
                let end: String = r.get(6)?;
                Ok(DirectoryMandate {
                    kind: r.get(0)?,
                    fonction: r.get(1)?,
                    territory: r.get(2)?,
                    territory_name: r.get(3)?,
                    departement: r.get(4)?,
                    start_date: r.get(5)?,
                    end_date: Some(end).filter(|e| !e.is_empty()),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        p.addresses = addresses
            .query_map([p.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    // SQLite's BINARY collation is byte order, as `String`'s: this only makes it explicit.
    people.sort_by(|a, b| (&a.nom, &a.prenom, a.id).cmp(&(&b.nom, &b.prenom, b.id)));
    Ok(people)
}

/// An official in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Official id.
    pub id: i64,
    /// « Prénom Nom ».
    pub name: String,
    /// Current functions and territories, « ; »-separated.
    pub functions: String,
    /// Messages matched to them.
    pub messages: i64,
}

/// The role words a search may start with (« maire Vif », « adjointe Eybens »), folded, and
/// what the official's title (folded) must then start with or contain.
const ROLES: &[(&str, &str)] = &[
    ("maire", "maire"),
    ("adjoint", "adjoint"),
    ("adjointe", "adjoint"),
    ("conseiller", "conseill"),
    ("conseillere", "conseill"),
    ("depute", "depute"),
    ("deputee", "depute"),
    ("senateur", "senat"),
    ("senatrice", "senat"),
];

/// Officials whose name contains `query` (accents and case ignored) or who sit in a commune
/// named `query`; a query starting with a role (« maire Vif », « adjointe Eybens ») keeps the
/// officials of that commune holding that role. Without a query, those the office exchanged
/// mail with. Most mail first, at most 100.
pub fn find(conn: &Connection, query: &str) -> Result<Vec<Found>> {
    let trimmed = query.trim();
    let folded_query = crate::util::fold(trimmed);
    if let Some((first, _)) = folded_query.split_once(' ')
        && let Some((_, role)) = ROLES.iter().find(|(word, _)| *word == first)
    {
        // The commune is the rest of the query as typed (its accents help nothing: folded).
        let place = trimmed
            .split_once(char::is_whitespace)
            .map_or("", |(_, p)| p);
        let found: Vec<Found> = find(conn, place)?
            .into_iter()
            .filter(|f| {
                f.functions.split(" ; ").any(|t| {
                    let t = crate::util::fold(t);
                    if *role == "adjoint" {
                        t.contains(role)
                    } else {
                        t.starts_with(role)
                    }
                })
            })
            .collect();
        // « Maire Dupont » may also be a person named Maire: the plain search then.
        if !found.is_empty() {
            return Ok(found);
        }
    }
    let folded = folded_query;
    let of_commune = serde_json::to_string(&super::of_commune_named(conn, trimmed)?)?;
    conn.prepare(
            "SELECT o.id, o.prenom || ' ' || o.nom, o.sexe,
                    (SELECT count(*) FROM message_officials mo WHERE mo.official = o.id) AS n
             FROM officials o
             WHERE ?1 = '' AND o.id IN (SELECT official FROM message_officials WHERE official IS NOT NULL)
                OR ?1 != '' AND ((o.nom_key || ' ' || o.prenom_key) LIKE '%' || ?1 || '%'
                                 OR (o.prenom_key || ' ' || o.nom_key) LIKE '%' || ?1 || '%'
                                 OR o.id IN (SELECT value FROM json_each(?2)))
             ORDER BY n DESC, o.nom_key LIMIT 100",
        )?
        .query_map(params![folded, of_commune], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<(i64, String, String, i64)>>>()?
        .into_iter()
        .map(|(id, name, sexe, messages)| {
            Ok(Found {
                id,
                name,
                functions: current_titles(conn, id, &sexe)?.join(" ; "),
                messages,
            })
        })
        .collect()
}

/// The titles of official `id`'s current mandates (« Maire de Vif », « Conseillère
/// départementale »), `sexe` their RNE sex code.
fn current_titles(conn: &Connection, id: i64, sexe: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT kind, fonction, territory_name FROM mandates WHERE official = ?1 AND end_date = ''
             ORDER BY kind = 'mai' DESC, start_date",
        )?
        .query_map([id], |r| {
            let (kind, fonction, place): (String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            let title = super::title::title(&kind, &fonction, sexe);
            Ok(if matches!(kind.as_str(), "mai" | "cm") {
                super::title::title_of(&title, &place)
            } else if place.is_empty() {
                title
            } else {
                format!("{title} ({})", super::title::territory(&place))
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// INSEE codes of the communes that have sitting municipal officials in the directory.
pub fn communes_with_officials(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare(
            "SELECT DISTINCT territory FROM mandates WHERE kind IN ('mai', 'cm') AND end_date = ''",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A sitting official of a commune: id, « Prénom Nom », function ('' for a councillor).
pub fn of_commune(conn: &Connection, code: &str) -> Result<Vec<(i64, String, String)>> {
    Ok(conn
        .prepare(
            "SELECT o.id, o.prenom || ' ' || o.nom, max(m.fonction)
             FROM mandates m JOIN officials o ON o.id = m.official
             WHERE m.territory = ?1 AND m.kind IN ('mai', 'cm') AND m.end_date = ''
             GROUP BY o.id
             ORDER BY max(m.kind = 'mai') DESC, max(m.fonction) = '', max(m.fonction), o.nom_key",
        )?
        .query_map([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A councillor of a commune, as its visit sheet lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Councillor {
    /// Official id.
    pub id: i64,
    /// « Prénom Nom ».
    pub name: String,
    /// Their title (« Maire », « 1re adjointe au maire », « Conseillère municipale »).
    pub title: String,
}

/// The order of a municipal function: the mayor, then the adjoints by rank (« 1er », « 2e »…),
/// then other functions, then plain councillors.
fn municipal_rank(kind: &str, fonction: &str) -> (u8, u32) {
    let folded = crate::util::fold(fonction);
    if kind == "mai" || folded == "maire" {
        return (0, 0);
    }
    if folded.contains("adjoint") {
        let rank = folded
            .split(' ')
            .next()
            .map(|w| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()))
            .and_then(|d| d.parse().ok())
            .unwrap_or(99);
        return (1, rank);
    }
    if folded.is_empty() { (3, 0) } else { (2, 0) }
}

/// Every current councillor of commune `code` (mayor and municipal council), the mayor and
/// adjoints first by rank, then other functions, then councillors by name; titles as French
/// writes them ([`super::title`]), feminine from the RNE's sex code. Reads only.
pub fn councillors(conn: &Connection, code: &str) -> Result<Vec<Councillor>> {
    let rows: Vec<(i64, String, String, String, String, String)> = conn
        .prepare_cached(
            "SELECT o.id, o.prenom || ' ' || o.nom, m.kind, m.fonction, o.sexe, o.nom_key
             FROM mandates m JOIN officials o ON o.id = m.official
             WHERE m.territory = ?1 AND m.kind IN ('mai', 'cm') AND m.end_date = ''
             ORDER BY o.id, m.kind = 'mai' DESC",
        )?
        .query_map([code], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // One line per official: their highest function (a mayor is also a councillor).
    let mut best: std::collections::BTreeMap<i64, ((u8, u32), String, String, String)> =
        std::collections::BTreeMap::new();
    for (id, name, kind, fonction, sexe, key) in rows {
        let rank = municipal_rank(&kind, &fonction);
        let title = super::title::title(&kind, &fonction, &sexe);
        let entry = best
            .entry(id)
            .or_insert((rank, title.clone(), name.clone(), key.clone()));
        if rank < entry.0 {
            *entry = (rank, title, name, key);
        }
    }
    let mut out: Vec<((u8, u32), String, Councillor)> = best
        .into_iter()
        .map(|(id, (rank, title, name, key))| (rank, key, Councillor { id, name, title }))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    Ok(out.into_iter().map(|(_, _, c)| c).collect())
}

/// A canton a commune is in, with its departmental councillors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canton {
    /// Canton code as the RNE gives it (« 3816 »).
    pub code: String,
    /// Its name (« Meylan », « Grenoble-2 »).
    pub name: String,
    /// Its current departmental councillors.
    pub councillors: Vec<Councillor>,
}

/// The cantons commune `name` (in département `departement`) is known to be in: those of the
/// imported departmental councillors (RNE `cd`) named after it (« Meylan », « Grenoble-1 » to
/// « Grenoble-4 »), since a canton bears the name of its chief town. No bundled source maps
/// every commune to its canton, so a commune that gives its name to no canton gets none rather
/// than a guess. Reads only.
pub fn cantons_named_after(
    conn: &Connection,
    name: &str,
    departement: &str,
) -> Result<Vec<Canton>> {
    let folded = crate::util::fold(name);
    let rows: Vec<(String, String, i64, String, String, String)> = conn
        .prepare_cached(
            "SELECT m.territory, m.territory_name, o.id, o.prenom || ' ' || o.nom, m.fonction, o.sexe
             FROM mandates m JOIN officials o ON o.id = m.official
             WHERE m.kind = 'cd' AND m.departement = ?1 AND m.end_date = ''
             ORDER BY m.territory, o.nom_key",
        )?
        .query_map([departement], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<Canton> = Vec::new();
    for (code, canton, id, person, fonction, sexe) in rows {
        let canton_folded = crate::util::fold(&canton);
        let named_after = canton_folded == folded
            || canton_folded.strip_prefix(&folded).is_some_and(|rest| {
                rest.trim().chars().all(|c| c.is_ascii_digit()) && !rest.trim().is_empty()
            });
        if !named_after {
            continue;
        }
        if out.last().is_none_or(|c| c.code != code) {
            out.push(Canton {
                code: code.clone(),
                name: canton.clone(),
                councillors: Vec::new(),
            });
        }
        if let Some(c) = out.last_mut() {
            c.councillors.push(Councillor {
                id,
                name: person,
                title: super::title::title("cd", &fonction, &sexe),
            });
        }
    }
    Ok(out)
}

/// The `limit` most recent personal messages about commune `code` (named in them, or in a
/// case about it), newest first.
///
/// A commune named in much of the mail (the préfecture's town, in a tenth of it or more) is
/// read from the newest message back, each checked, until `limit` are found: a few dozen
/// rows. A rarer one has its few messages gathered and sorted. Gathering a commune named in
/// 600,000 messages took seconds (issue 18).
pub fn commune_exchanges(conn: &Connection, code: &str, limit: usize) -> Result<Vec<Exchange>> {
    // Named in 1 message in 50 or more: walking back by date finds `limit` within ~50 × limit.
    let named: i64 = conn
        .prepare_cached("SELECT count(*) FROM message_communes WHERE code = ?1")?
        .query_row([code], |r| r.get(0))?;
    let total: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM messages")?
        .query_row([], |r| r.get(0))?;
    commune_exchanges_by(
        conn,
        code,
        limit,
        named > 5_000 && named.saturating_mul(50) >= total,
    )
}

/// [`commune_exchanges`], walking back by date (`walk`) or gathering and sorting.
fn commune_exchanges_by(
    conn: &Connection,
    code: &str,
    limit: usize,
    walk: bool,
) -> Result<Vec<Exchange>> {
    const MEMBERS: &str = "SELECT message FROM message_communes WHERE code = ?1
        UNION SELECT mc.message FROM message_cases mc JOIN case_communes cc ON cc.case_id = mc.case_id
              WHERE cc.commune = ?1";
    if walk {
        return exchanges(
            conn,
            &format!(
                "SELECT {EXCHANGE_COLUMNS} FROM messages m INDEXED BY messages_date
                 WHERE m.kind = 'personal'
                   AND (EXISTS (SELECT 1 FROM message_communes x WHERE x.message = m.id AND x.code = ?1)
                        OR EXISTS (SELECT 1 FROM message_cases mc JOIN case_communes cc
                                   ON cc.case_id = mc.case_id AND cc.commune = ?1 WHERE mc.message = m.id))
                 ORDER BY m.date DESC, m.id DESC LIMIT {limit}"
            ),
            &code,
        );
    }
    exchanges(
        conn,
        &format!(
            "SELECT {EXCHANGE_COLUMNS} FROM messages m WHERE m.kind = 'personal' AND m.id IN ({MEMBERS})
             ORDER BY m.date DESC, m.id DESC LIMIT {limit}"
        ),
        &code,
    )
}

/// « Prénom Nom » of official `id`, if there is one.
pub fn name(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT prenom || ' ' || nom FROM officials WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every scope's SQL is valid and `Own` is inside `Correspondence`.
    #[test]
    fn scopes_are_valid_sql_and_nested() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = store.conn();
        assert!(mail(conn, 1, Scope::Own).unwrap().is_empty());
        assert!(mail(conn, 1, Scope::Correspondence).unwrap().is_empty());
        assert!(mail_sql(Scope::Correspondence).starts_with(&mail_sql(Scope::Own)));
        let t = timeline(conn, 1, Scope::Correspondence, 10).unwrap();
        assert_eq!((t.received, t.sent), (0, 0));
        assert!(profile(conn, 1).unwrap().is_none());
        assert!(directory(conn, None).unwrap().is_empty());
        assert!(directory(conn, Some("38185")).unwrap().is_empty());
        assert!(directory_entry(conn, 1).unwrap().is_none());
    }

    /// Messages 1..=n, dated out of id order (some share a date); every third names the
    /// commune, every fifth is in a case about it, every seventh is automatic.
    fn commune_mail(n: i64) -> (tempfile::TempDir, crate::store::Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = store.conn();
        conn.execute("INSERT INTO cases (id, title) VALUES (1, 'voirie')", [])
            .unwrap();
        conn.execute(
            "INSERT INTO case_communes (case_id, commune) VALUES (1, '38185')",
            [],
        )
        .unwrap();
        for id in 1..=n {
            let kind = if id % 7 == 0 {
                "auto_reply"
            } else {
                "personal"
            };
            conn.execute(
                "INSERT INTO messages (id, blob, date, kind, outgoing, subject) VALUES (?1, ?2, ?3, ?4, ?5, 's')",
                rusqlite::params![id, format!("b{id}"), (id * 7919) % 97, kind, id % 11 == 0],
            )
            .unwrap();
            if id % 3 == 0 {
                conn.execute(
                    "INSERT INTO message_communes (message, code) VALUES (?1, '38185')",
                    [id],
                )
                .unwrap();
            }
            if id % 5 == 0 {
                conn.execute(
                    "INSERT INTO message_cases (message, case_id) VALUES (?1, 1)",
                    [id],
                )
                .unwrap();
            }
        }
        (dir, store)
    }

    /// Walking back by date and gathering then sorting give the same messages in the same
    /// (date, id) newest-first order, for every limit.
    #[test]
    fn commune_exchanges_walk_and_gather_agree() {
        let (_dir, store) = commune_mail(300);
        let conn = store.conn();
        let expected: Vec<i64> = (1..=300i64)
            .filter(|id| (id % 3 == 0 || id % 5 == 0) && id % 7 != 0)
            .collect();
        for limit in [1, 5, 20, 1000] {
            let walk = commune_exchanges_by(conn, "38185", limit, true).unwrap();
            let gather = commune_exchanges_by(conn, "38185", limit, false).unwrap();
            assert_eq!(walk, gather, "limit {limit}");
            assert_eq!(walk.len(), limit.min(expected.len()));
            assert!(
                walk.windows(2)
                    .all(|w| (w[0].date, w[0].id) > (w[1].date, w[1].id))
            );
            assert!(walk.iter().all(|e| expected.contains(&e.id.get())));
        }
        assert!(
            commune_exchanges_by(conn, "38001", 20, true)
                .unwrap()
                .is_empty()
        );
    }

    /// The timeline counts every message of the official and lists the newest `limit` in
    /// (date, id) order, the same as sorting the whole set.
    #[test]
    fn timeline_counts_all_and_lists_the_newest() {
        let (_dir, store) = commune_mail(300);
        let conn = store.conn();
        conn.execute(
            "INSERT INTO officials (id, nom, prenom, identity) VALUES (9, 'N', 'P', 'n/p/')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO message_officials (message, official, method)
             SELECT id, 9, 'signature' FROM messages WHERE id % 2 = 0",
            [],
        )
        .unwrap();
        let mut all: Vec<(i64, i64, bool)> = conn
            .prepare("SELECT date, id, outgoing FROM messages WHERE id % 2 = 0")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        all.sort_by(|a, b| b.cmp(a));
        for limit in [0, 1, 10, 149, 150, 500] {
            let t = timeline(conn, 9, Scope::Correspondence, limit).unwrap();
            assert_eq!(t.received + t.sent, 150);
            assert_eq!(t.sent, all.iter().filter(|m| m.2).count() as u64);
            let ids: Vec<i64> = t.exchanges.iter().map(|e| e.id.get()).collect();
            let want: Vec<i64> = all.iter().take(limit).map(|m| m.1).collect();
            assert_eq!(ids, want, "limit {limit}");
        }
    }
}
