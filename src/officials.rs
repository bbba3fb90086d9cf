//! The officials stage: who wrote each message.
//!
//! - [`rne`] reads the Répertoire national des élus files, whatever release format;
//! - [`import`] loads them into `officials` and `mandates`, keeping history;
//! - [`contacts`] loads the office's address book (CSV, vCard);
//! - [`matcher`] decides, per message, which official wrote it, how sure we are and why;
//! - [`method`](mod@method): how it was decided ([`Method`]), as stored, printed and shown;
//! - this module records decisions and staff corrections (`officials confirm`), which teach the
//!   sender's address unless the message failed sender authentication.

pub mod commune_note;
pub mod contacts;
pub mod import;
pub mod matcher;
pub mod method;
pub mod profile;
pub mod rne;
pub mod title;

use anyhow::{Context as _, Result, bail};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

pub use matcher::{Directory, Match};
pub use method::Method;

/// Records the match of a message (replacing an earlier one).
pub fn record(tx: &Transaction<'_>, message: i64, m: &Match) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO message_officials (message, official, contact, confidence, method, reason, candidates, unverified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (message) DO UPDATE SET official = excluded.official, contact = excluded.contact,
             confidence = excluded.confidence, method = excluded.method, reason = excluded.reason,
             candidates = excluded.candidates, unverified = excluded.unverified",
    )?
    .execute(params![
        message,
        m.official,
        m.contact,
        m.confidence,
        m.method,
        m.reason,
        serde_json::to_string(&m.candidates)?,
        m.unverified
    ])
    .context("record sender match")?;
    Ok(())
}

/// Officials staff said a message is not from.
pub fn rejected_for(conn: &Connection, message: i64) -> Result<Vec<i64>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT rejected FROM message_officials WHERE message = ?1",
            [message],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

/// The official of a message, as exported.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportedOfficial {
    /// Official id.
    pub id: i64,
    /// Surname.
    pub nom: String,
    /// First name.
    pub prenom: String,
    /// Function of the mandate that explains the match (current or at the message date).
    pub fonction: String,
    /// INSEE code of that mandate's commune, when it is a municipal one.
    pub commune_code: Option<String>,
    /// 0..1.
    pub confidence: f64,
    /// How it was decided.
    pub method: Method,
    /// The title pages show: the function (or the mandate's kind) in French, feminine when the
    /// RNE says so, with its commune (« Maire de Vif », « Conseillère départementale »). Not
    /// exported: `fonction` and `commune_code` are the data.
    #[serde(skip)]
    pub title: String,
}

/// The recorded match of a message, for export and `explain`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecordedMatch {
    /// The official, if identified.
    pub official: Option<ExportedOfficial>,
    /// How.
    pub method: Method,
    /// Why.
    pub reason: String,
    /// Candidates when ambiguous.
    pub candidates: Vec<i64>,
    /// Sender not verified (DMARC/DKIM/SPF failed).
    pub unverified: bool,
}

/// The official message `message` was matched to, with the commune of its municipal mandate
/// (the current one first, then the latest) and its current functions folded — what tagging
/// needs when it runs again without the directory in memory (attachment text, issue 19).
pub fn rule_facts(conn: &Connection, message: i64) -> Result<(Option<String>, String)> {
    let official: Option<i64> = conn
        .prepare_cached("SELECT official FROM message_officials WHERE message = ?1")?
        .query_row([message], |r| r.get(0))
        .optional()?
        .flatten();
    let Some(official) = official else {
        return Ok((None, String::new()));
    };
    let commune: Option<String> = conn
        .prepare_cached(
            "SELECT territory FROM mandates WHERE official = ?1 AND kind IN ('mai', 'cm')
             ORDER BY end_date = '' DESC, start_date DESC LIMIT 1",
        )?
        .query_row([official], |r| r.get(0))
        .optional()?;
    let functions: Vec<String> = conn
        .prepare_cached(
            "SELECT fonction FROM mandates WHERE official = ?1 AND end_date = '' ORDER BY id",
        )?
        .query_map([official], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    let functions = functions
        .iter()
        .map(|f| crate::util::fold(f))
        .collect::<Vec<_>>()
        .join(" ");
    Ok((commune, functions))
}

/// The recorded match of `message`, if any.
pub fn recorded(conn: &Connection, message: i64) -> Result<Option<RecordedMatch>> {
    let row: Option<(Option<i64>, f64, Method, String, String, bool)> = conn
        .prepare_cached("SELECT official, confidence, method, reason, candidates, unverified FROM message_officials WHERE message = ?1")?
        .query_row([message], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .optional()?;
    let Some((official, confidence, method, reason, candidates, unverified)) = row else {
        return Ok(None);
    };
    let official = match official {
        Some(id) => exported(conn, id, confidence, method)?,
        None => None,
    };
    Ok(Some(RecordedMatch {
        official,
        method,
        reason,
        candidates: serde_json::from_str(&candidates).unwrap_or_default(),
        unverified,
    }))
}

pub(crate) fn exported(
    conn: &Connection,
    id: i64,
    confidence: f64,
    method: Method,
) -> Result<Option<ExportedOfficial>> {
    let person: Option<(String, String, String)> = conn
        .prepare_cached("SELECT nom, prenom, sexe FROM officials WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((nom, prenom, sexe)) = person else {
        return Ok(None);
    };
    // The most relevant mandate: current first, municipal first, latest start.
    let mandate: Option<(String, String, String, String)> = conn
        .prepare_cached(
            "SELECT fonction, kind, territory, territory_name FROM mandates WHERE official = ?1
             ORDER BY end_date = '' DESC, kind IN ('mai', 'cm') DESC, kind = 'mai' DESC, start_date DESC LIMIT 1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let (fonction, commune_code, title) = match mandate {
        Some((f, kind, territory, place)) if kind == "mai" || kind == "cm" => {
            let title = title::title_of(&title::title(&kind, &f, &sexe), &place);
            (f, Some(territory), title)
        }
        Some((f, kind, _, _)) => {
            let title = title::title(&kind, &f, &sexe);
            (f, None, title)
        }
        None => (String::new(), None, String::new()),
    };
    Ok(Some(ExportedOfficial {
        id,
        nom,
        prenom,
        fonction,
        commune_code,
        confidence,
        method,
        title,
    }))
}

/// Staff correction: `message` is from `official` (learn the sender address unless the message
/// failed authentication), or with `not`, is not from them. Returns what was learned.
pub fn confirm(tx: &Transaction<'_>, message: i64, official: i64, not: bool) -> Result<String> {
    let exists: bool = tx.query_row(
        "SELECT count(*) FROM officials WHERE id = ?1",
        [official],
        |r| r.get::<_, i64>(0),
    )? > 0;
    if !exists {
        bail!("no official #{official}");
    }
    let (address, unverified): (String, bool) = tx
        .query_row(
            "SELECT m.from_addr, coalesce(o.unverified, 0) FROM messages m LEFT JOIN message_officials o ON o.message = m.id WHERE m.id = ?1",
            [message],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .with_context(|| format!("no message #{message}"))?;
    tx.execute(
        "INSERT OR IGNORE INTO message_officials (message) VALUES (?1)",
        [message],
    )?;
    if not {
        let mut rejected = rejected_for(tx, message)?;
        if !rejected.contains(&official) {
            rejected.push(official);
        }
        tx.execute(
            "UPDATE message_officials SET rejected = ?2,
                 official = CASE WHEN official = ?3 THEN NULL ELSE official END,
                 method = CASE WHEN official = ?3 THEN 'staff' ELSE method END,
                 reason = CASE WHEN official = ?3 THEN 'staff said it is not this official' ELSE reason END,
                 confidence = CASE WHEN official = ?3 THEN 0 ELSE confidence END
             WHERE message = ?1",
            params![message, serde_json::to_string(&rejected)?, official],
        )?;
        // An address learned for that official from this sender is forgotten.
        tx.execute("DELETE FROM known_addresses WHERE address = ?1 AND official = ?2 AND source = 'learned'", params![address, official])?;
        return Ok(format!(
            "message #{message} is not from official #{official}"
        ));
    }
    tx.execute(
        "UPDATE message_officials SET official = ?2, confidence = 1, method = 'staff', reason = 'confirmed by staff', candidates = '[]' WHERE message = ?1",
        params![message, official],
    )?;
    if unverified {
        return Ok(format!(
            "message #{message} confirmed as official #{official}; address {address} NOT learned: the sender is not verified (DMARC/DKIM/SPF failed)"
        ));
    }
    if address.is_empty() {
        return Ok(format!(
            "message #{message} confirmed as official #{official}"
        ));
    }
    tx.execute(
        "INSERT INTO known_addresses (address, official, source, learned_at) VALUES (?1, ?2, 'learned', ?3)
         ON CONFLICT (address) DO UPDATE SET official = excluded.official, source = 'learned', learned_at = excluded.learned_at",
        params![address, official, crate::store::now()],
    )?;
    Ok(format!(
        "message #{message} confirmed as official #{official}; address {address} learned"
    ))
}

/// A mayor of one of an official's communes before them, and until when.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Predecessor {
    /// The predecessor.
    pub official: i64,
    /// « Prénom NOM ».
    pub name: String,
    /// The commune's INSEE code and name.
    pub code: String,
    /// The commune's name.
    pub commune: String,
    /// The last day of their function (YYYY-MM-DD): their recorded end, else the day before
    /// the successor's function began.
    pub until: String,
}

/// The mayors who held the function in `official`'s communes before `official` did (most
/// recent first): mail of those years is theirs, not their successor's.
pub fn predecessors(conn: &Connection, official: i64) -> Result<Vec<Predecessor>> {
    let mut stmt = conn.prepare_cached(
        "WITH mine AS (
             SELECT territory, min(CASE WHEN function_start != '' THEN function_start ELSE start_date END) AS since
             FROM mandates WHERE official = ?1 AND (kind = 'mai' OR fonction = 'Maire') GROUP BY territory)
         SELECT o.id, o.prenom || ' ' || o.nom, m.territory, m.territory_name, mine.since,
                max(m.end_date), max(CASE WHEN m.function_start != '' THEN m.function_start ELSE m.start_date END) AS began
         FROM mandates m JOIN mine ON m.territory = mine.territory JOIN officials o ON o.id = m.official
         WHERE m.official != ?1 AND (m.kind = 'mai' OR m.fonction = 'Maire') AND mine.since != ''
         GROUP BY o.id, m.territory
         HAVING began < mine.since
         ORDER BY began DESC",
    )?;
    let rows = stmt.query_map([official], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, code, commune, since, end) = row?;
        let day_before = chrono::NaiveDate::parse_from_str(&since, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.pred_opt())
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let until = if !end.is_empty() && (day_before.is_empty() || end < day_before) {
            end
        } else {
            day_before
        };
        out.push(Predecessor {
            official: id,
            name,
            code,
            commune,
            until,
        });
    }
    Ok(out)
}

/// Officials holding a current mandate in the communes named `query` (folded, as written:
/// « Vif », « saint egreve ») or whose INSEE code it is, mayors first.
pub fn of_commune_named(conn: &Connection, query: &str) -> Result<Vec<i64>> {
    let folded = crate::util::fold(query);
    if folded.is_empty() {
        return Ok(Vec::new());
    }
    let gazetteer = crate::communes::Gazetteer::bundled()?;
    let codes: Vec<String> = gazetteer
        .codes_named(&folded)
        .into_iter()
        .chain((query.trim().len() == 5).then(|| query.trim().to_uppercase()))
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT official FROM mandates
         WHERE territory IN (SELECT value FROM json_each(?1)) AND end_date = '' AND kind IN ('mai', 'cm')
         GROUP BY official ORDER BY max(kind = 'mai' OR fonction = 'Maire') DESC, min(fonction), official",
    )?;
    let ids = stmt
        .query_map([serde_json::to_string(&codes)?], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
