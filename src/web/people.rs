//! Officials and communes. The official page answers "everything we exchanged with this
//! mayor": identity, mandates with their dates, known addresses, every message in and out as
//! one timeline (matched to them, in their cases, or sent by the office to their addresses)
//! and their open cases. The commune page is the briefing sheet before a visit: its officials,
//! requests by theme and state, recent cases and the last exchanges. `/officials` finds an
//! official by name or commune.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use rusqlite::{Connection, params};
use serde::Deserialize;

use super::auth::Viewer;
use super::{AppState, Page, WebError};

/// One message of a timeline.
pub struct Exchange {
    id: i64,
    date: String,
    outgoing: bool,
    who: String,
    subject: String,
    case: Option<i64>,
}

/// A case in a list.
pub struct CaseLine {
    id: i64,
    title: String,
    state: &'static str,
    last: String,
}

struct Mandate {
    kind: &'static str,
    territory: String,
    fonction: String,
    start: String,
    end: String,
}

fn mandate_kind(code: &str) -> &'static str {
    match code {
        "mai" => "maire",
        "cm" => "conseil municipal",
        "cd" => "conseil départemental",
        "cr" => "conseil régional",
        "ca" => "conseil d'arrondissement",
        "sen" => "Sénat",
        "dep" => "Assemblée nationale",
        "epci" => "intercommunalité",
        "rpe" => "Parlement européen",
        "afe" => "Assemblée des Français de l'étranger",
        "cons" => "conseil consulaire",
        "ma" => "assemblée de collectivité",
        _ => "mandat",
    }
}

/// Messages shown on an official's timeline (the counts cover all of them).
const TIMELINE_LIMIT: usize = 1000;

const EXCHANGE_COLUMNS: &str = "m.id, m.date, m.outgoing, m.from_name, m.from_addr, m.subject,
    (SELECT case_id FROM message_cases WHERE message = m.id)";

fn exchanges(
    conn: &Connection,
    sql: &str,
    key: &dyn rusqlite::ToSql,
) -> rusqlite::Result<Vec<Exchange>> {
    conn.prepare(sql)?
        .query_map([key], |r| {
            let outgoing: bool = r.get(2)?;
            let name: String = r.get(3)?;
            let addr: String = r.get(4)?;
            Ok(Exchange {
                id: r.get(0)?,
                date: super::when(r.get(1)?),
                outgoing,
                who: if name.is_empty() { addr } else { name },
                subject: r.get(5)?,
                case: r.get(6)?,
            })
        })?
        .collect()
}

fn case_lines(
    conn: &Connection,
    sql: &str,
    key: &dyn rusqlite::ToSql,
) -> rusqlite::Result<Vec<CaseLine>> {
    conn.prepare(sql)?
        .query_map([key], |r| {
            Ok(CaseLine {
                id: r.get(0)?,
                title: super::clip(&r.get::<_, String>(1)?),
                state: super::state_label(&r.get::<_, String>(2)?),
                last: super::day(r.get(3)?),
            })
        })?
        .collect()
}

#[derive(Template)]
#[template(path = "official.html")]
struct OfficialPage {
    p: Page,
    id: i64,
    name: String,
    profession: String,
    birth: String,
    mandates: Vec<Mandate>,
    addresses: Vec<(String, String)>,
    communes: Vec<(String, String)>,
    open: Vec<CaseLine>,
    timeline: Vec<Exchange>,
    received: i64,
    sent: i64,
    shown_all: bool,
    /// Mayors before them in their communes: who, until when (French date), their latest mail.
    predecessors: Vec<(crate::officials::Predecessor, String, Vec<Exchange>)>,
}

/// `GET /official/{id}`
pub async fn official(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let who = viewer.name.clone();
    let recorder = std::sync::Arc::clone(&state);
    let page = state
        .read(move |conn| {
            let (nom, prenom, birth, profession): (String, String, String, String) = conn
                .query_row(
                    "SELECT nom, prenom, birth_date, profession FROM officials WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .map_err(|_| WebError::NotFound(format!("Aucun élu n° {id}.")))?;
            let mandates: Vec<Mandate> = conn
                .prepare(
                    "SELECT kind, territory, territory_name, fonction, start_date, function_start, end_date
                     FROM mandates WHERE official = ?1 ORDER BY end_date != '', start_date DESC",
                )?
                .query_map([id], |r| {
                    let territory: String = r.get(1)?;
                    let name: String = r.get(2)?;
                    let start: String = r.get(4)?;
                    let fstart: String = r.get(5)?;
                    Ok(Mandate {
                        kind: mandate_kind(&r.get::<_, String>(0)?),
                        territory: if name.is_empty() { territory } else { format!("{name} ({territory})") },
                        fonction: r.get(3)?,
                        start: if fstart.is_empty() { start } else { fstart },
                        end: r.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let communes: Vec<String> = conn
                .prepare(
                    "SELECT DISTINCT territory FROM mandates WHERE official = ?1 AND kind IN ('mai', 'cm')",
                )?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let addresses: Vec<(String, String)> = conn
                .prepare(
                    "SELECT address, CASE source WHEN 'learned' THEN 'appris' ELSE 'carnet d''adresses' END
                     FROM known_addresses
                     WHERE official = ?1 OR contact IN (SELECT id FROM contacts WHERE official = ?1)
                     ORDER BY address",
                )?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            // Their addresses: learned or from the directory, and those of address-book
            // contacts that are this official.
            let addresses_sql = "SELECT address FROM known_addresses
                 WHERE official = ?1 OR contact IN (SELECT id FROM contacts WHERE official = ?1)";
            let ids_sql = format!(
                "SELECT message FROM message_officials WHERE official = ?1
                 UNION SELECT mc.message FROM message_cases mc JOIN cases c ON c.id = mc.case_id
                       WHERE c.official = ?1 AND c.kind = 'request'
                 UNION SELECT r.message FROM recipients r JOIN messages o ON o.id = r.message AND o.outgoing = 1
                       WHERE r.address IN ({addresses_sql})"
            );
            let (received, sent): (i64, i64) = conn.query_row(
                &format!(
                    "SELECT coalesce(sum(outgoing = 0), 0), coalesce(sum(outgoing = 1), 0)
                     FROM messages WHERE id IN ({ids_sql})"
                ),
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let timeline = exchanges(
                conn,
                &format!(
                    "SELECT {EXCHANGE_COLUMNS} FROM messages m WHERE m.id IN ({ids_sql})
                     ORDER BY m.date DESC, m.id DESC LIMIT {TIMELINE_LIMIT}"
                ),
                &id,
            )?;
            let shown: Vec<i64> = timeline.iter().map(|e| e.id).collect();
            recorder.record(crate::access::describe(
                conn,
                &who,
                "official",
                &format!("#{id}"),
                &shown,
            )?);
            let open = case_lines(
                conn,
                "SELECT id, title, state, last_at FROM cases
                 WHERE official = ?1 AND merged_into IS NULL AND state != 'closed' ORDER BY last_at DESC",
                &id,
            )?;
            // The mail of the mayors before them is theirs: shown apart, under their names.
            let mut predecessors = Vec::new();
            for p in crate::officials::predecessors(conn, id)? {
                let mail = exchanges(
                    conn,
                    &format!(
                        "SELECT {EXCHANGE_COLUMNS} FROM messages m WHERE m.id IN (
                             SELECT message FROM message_officials WHERE official = ?1)
                         ORDER BY m.date DESC, m.id DESC LIMIT 10"
                    ),
                    &p.official,
                )?;
                let until = super::french_date(&p.until);
                predecessors.push((p, until, mail));
            }
            Ok(OfficialPage {
                p: viewer.page("officials"),
                id,
                name: format!("{prenom} {nom}"),
                profession,
                birth,
                mandates,
                addresses,
                communes: super::case::commune_names(&communes),
                open,
                received,
                sent,
                shown_all: (received + sent) as usize <= timeline.len(),
                timeline,
                predecessors,
            })
        })
        .await?;
    Ok(Html(page.render()?))
}

struct OfficialLine {
    id: i64,
    name: String,
    functions: String,
    messages: i64,
}

#[derive(Template)]
#[template(path = "officials.html")]
struct OfficialsPage {
    p: Page,
    q: String,
    rows: Vec<OfficialLine>,
    communes: Vec<(String, String)>,
}

/// `?q=` of the officials list.
#[derive(Deserialize)]
pub struct FindQuery {
    #[serde(default)]
    q: String,
}

/// `GET /officials`: officials whose name or commune matches `q`; without `q`, those the office
/// exchanged most mail with.
pub async fn officials(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<FindQuery>,
) -> Result<Html<String>, WebError> {
    let q = query.q.trim().to_string();
    let folded = crate::util::fold(&q);
    let page = state
        .read(move |conn| {
            // « Vif » finds the officials of Vif.
            let of_commune = serde_json::to_string(&crate::officials::of_commune_named(conn, &q)?)
                .unwrap_or_else(|_| "[]".into());
            let sql = "SELECT o.id, o.prenom || ' ' || o.nom,
                       coalesce((SELECT group_concat(CASE WHEN fonction != '' THEN fonction ELSE kind END || ' ' || territory_name, ' ; ')
                                 FROM mandates WHERE official = o.id AND end_date = ''), ''),
                       (SELECT count(*) FROM message_officials mo WHERE mo.official = o.id) AS n
                FROM officials o
                WHERE ?1 = '' AND o.id IN (SELECT official FROM message_officials WHERE official IS NOT NULL)
                   OR ?1 != '' AND ((o.nom_key || ' ' || o.prenom_key) LIKE '%' || ?1 || '%'
                                    OR (o.prenom_key || ' ' || o.nom_key) LIKE '%' || ?1 || '%'
                                    OR o.id IN (SELECT value FROM json_each(?2)))
                ORDER BY n DESC, o.nom_key LIMIT 100";
            let rows: Vec<OfficialLine> = conn
                .prepare(sql)?
                .query_map(params![folded, of_commune], |r| {
                    Ok(OfficialLine {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        functions: r.get(2)?,
                        messages: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            // Communes whose name matches, for the briefing sheet.
            let communes = if folded.len() >= 3 {
                let gazetteer = crate::communes::Gazetteer::bundled()?;
                let codes: Vec<String> = conn
                    .prepare(
                        "SELECT DISTINCT territory FROM mandates WHERE kind IN ('mai', 'cm') AND end_date = ''",
                    )?
                    .query_map([], |r| r.get::<_, String>(0))?
                    .filter_map(|c| c.ok())
                    .filter(|c| {
                        *c == q
                            || gazetteer
                                .get(c)
                                .is_some_and(|g| crate::util::fold(&g.name).contains(&folded))
                    })
                    .take(30)
                    .collect();
                super::case::commune_names(&codes)
            } else {
                Vec::new()
            };
            Ok(OfficialsPage {
                p: viewer.page("officials"),
                q,
                rows,
                communes,
            })
        })
        .await?;
    Ok(Html(page.render()?))
}

struct OfficialOfCommune {
    id: i64,
    name: String,
    fonction: String,
}

struct ThemeLine {
    theme: String,
    counts: Vec<i64>,
    total: i64,
}

#[derive(Template)]
#[template(path = "commune.html")]
struct CommunePage {
    p: Page,
    code: String,
    name: String,
    departement: String,
    postal: String,
    officials: Vec<OfficialOfCommune>,
    states: Vec<&'static str>,
    themes: Vec<ThemeLine>,
    cases: Vec<CaseLine>,
    exchanges: Vec<Exchange>,
}

const STATE_ORDER: &[&str] = &["proposed", "open", "waiting", "answered", "closed"];

/// `GET /commune/{code}`
pub async fn commune(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(code): Path<String>,
) -> Result<Html<String>, WebError> {
    let who = viewer.name.clone();
    let recorder = std::sync::Arc::clone(&state);
    let page = state
        .read(move |conn| {
            let gazetteer = crate::communes::Gazetteer::bundled()?;
            let commune = gazetteer
                .get(&code)
                .ok_or_else(|| WebError::NotFound(format!("Aucune commune de code INSEE {code}.")))?;
            let officials: Vec<OfficialOfCommune> = conn
                .prepare(
                    "SELECT o.id, o.prenom || ' ' || o.nom, max(m.fonction)
                     FROM mandates m JOIN officials o ON o.id = m.official
                     WHERE m.territory = ?1 AND m.kind IN ('mai', 'cm') AND m.end_date = ''
                     GROUP BY o.id
                     ORDER BY max(m.kind = 'mai') DESC, max(m.fonction) = '', max(m.fonction), o.nom_key",
                )?
                .query_map([&code], |r| {
                    Ok(OfficialOfCommune {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        fonction: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut themes: Vec<ThemeLine> = Vec::new();
            let counts: Vec<(String, String, i64)> = conn
                .prepare(
                    "SELECT coalesce(ct.theme, '(sans thème)'), c.state, count(DISTINCT c.id)
                     FROM case_communes cc JOIN cases c ON c.id = cc.case_id AND c.merged_into IS NULL
                     LEFT JOIN case_themes ct ON ct.case_id = c.id AND ct.on_ = 1
                     WHERE cc.commune = ?1 GROUP BY 1, 2",
                )?
                .query_map([&code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (theme, st, n) in counts {
                let pos = match themes.iter().position(|t| t.theme == theme) {
                    Some(p) => p,
                    None => {
                        themes.push(ThemeLine {
                            theme,
                            counts: vec![0; STATE_ORDER.len()],
                            total: 0,
                        });
                        themes.len() - 1
                    }
                };
                if let Some(i) = STATE_ORDER.iter().position(|s| *s == st) {
                    themes[pos].counts[i] += n;
                    themes[pos].total += n;
                }
            }
            themes.sort_by(|a, b| b.total.cmp(&a.total).then(a.theme.cmp(&b.theme)));
            let cases = case_lines(
                conn,
                "SELECT c.id, c.title, c.state, c.last_at FROM cases c JOIN case_communes cc ON cc.case_id = c.id
                 WHERE cc.commune = ?1 AND c.merged_into IS NULL ORDER BY c.last_at DESC LIMIT 30",
                &code,
            )?;
            let exchanges = exchanges(
                conn,
                &format!(
                    "SELECT {EXCHANGE_COLUMNS} FROM messages m WHERE m.kind = 'personal' AND m.id IN (
                        SELECT message FROM message_communes WHERE code = ?1
                        UNION SELECT mc.message FROM message_cases mc JOIN case_communes cc ON cc.case_id = mc.case_id
                              WHERE cc.commune = ?1)
                     ORDER BY m.date DESC, m.id DESC LIMIT 30"
                ),
                &code,
            )?;
            let shown: Vec<i64> = exchanges.iter().map(|e| e.id).collect();
            recorder.record(crate::access::describe(conn, &who, "commune", &code, &shown)?);
            Ok(CommunePage {
                p: viewer.page("officials"),
                name: commune.name.clone(),
                departement: commune.departement.clone(),
                postal: commune.postal.join(", "),
                code,
                officials,
                states: STATE_ORDER.iter().map(|s| super::state_label(s)).collect(),
                themes,
                cases,
                exchanges,
            })
        })
        .await?;
    Ok(Html(page.render()?))
}
