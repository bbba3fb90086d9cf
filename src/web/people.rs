//! Officials and communes. The official page answers "everything we exchanged with this
//! mayor": identity, mandates with their dates, known addresses, every message in and out as
//! one timeline (matched to them, in their cases, or sent by the office to their addresses)
//! and their open cases. The commune page is the briefing sheet before a visit: its officials,
//! requests by theme and state, recent cases and the last exchanges. `/officials` finds an
//! official by name or commune.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;

use super::{Path, Query};
use axum::response::Html;
use serde::Deserialize;

use super::auth::Viewer;
use super::{AppState, Page, WebError};
use crate::officials::profile::{self, Scope};

/// One message of a timeline.
pub struct Exchange {
    id: i64,
    date: String,
    outgoing: bool,
    who: String,
    subject: String,
    case: Option<i64>,
}

impl From<profile::Exchange> for Exchange {
    fn from(e: profile::Exchange) -> Exchange {
        Exchange {
            id: e.id.get(),
            date: super::when(e.date),
            outgoing: e.outgoing,
            who: e.who,
            subject: e.subject,
            case: e.case.map(|c| c.get()),
        }
    }
}

/// A case in a list.
pub struct CaseLine {
    id: i64,
    title: String,
    state: &'static str,
    last: String,
}

impl From<crate::cases::Case> for CaseLine {
    fn from(c: crate::cases::Case) -> CaseLine {
        CaseLine {
            id: c.id.get(),
            title: super::clip(&c.title),
            state: c.state.french(),
            last: super::day_rfc3339(&c.last_message),
        }
    }
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
    let recorder = Arc::clone(&state);
    let page = state
        .read(move |conn| {
            let found = profile::profile(conn, id)?
                .ok_or_else(|| WebError::NotFound(format!("Aucun élu n° {id}.")))?;
            let timeline = profile::timeline(conn, id, Scope::Correspondence, TIMELINE_LIMIT)?;
            let shown: Vec<i64> = timeline.exchanges.iter().map(|e| e.id.get()).collect();
            recorder.record(crate::access::describe(
                conn,
                &who,
                "official",
                &format!("#{id}"),
                &shown,
            )?);
            let open = crate::cases::open_of_official(conn, id)?
                .into_iter()
                .map(CaseLine::from)
                .collect();
            // The mail of the mayors before them is theirs: shown apart, under their names.
            let mut predecessors = Vec::new();
            for p in crate::officials::predecessors(conn, id)? {
                let mail = profile::timeline(conn, p.official, Scope::Correspondence, 10)?
                    .exchanges
                    .into_iter()
                    .map(Exchange::from)
                    .collect();
                let until = super::french_date(&p.until);
                predecessors.push((p, until, mail));
            }
            let shown_all =
                (timeline.received + timeline.sent) as usize <= timeline.exchanges.len();
            Ok(OfficialPage {
                p: viewer.page("officials"),
                id,
                name: format!("{} {}", found.prenom, found.nom),
                profession: found.profession,
                birth: found.birth_date,
                mandates: found
                    .mandates
                    .into_iter()
                    .map(|m| Mandate {
                        kind: mandate_kind(&m.kind),
                        territory: if m.territory_name.is_empty() {
                            m.territory
                        } else {
                            format!("{} ({})", m.territory_name, m.territory)
                        },
                        fonction: crate::officials::title::title(&m.kind, &m.fonction, &found.sexe),
                        start: m.start,
                        end: m.end,
                    })
                    .collect(),
                addresses: found
                    .addresses
                    .into_iter()
                    .map(|(address, source)| {
                        let source = if source == "learned" {
                            "appris"
                        } else {
                            "carnet d'adresses"
                        };
                        (address, source.to_string())
                    })
                    .collect(),
                communes: super::case::commune_names(&found.communes),
                open,
                received: timeline.received as i64,
                sent: timeline.sent as i64,
                shown_all,
                timeline: timeline.exchanges.into_iter().map(Exchange::from).collect(),
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
            let rows = profile::find(conn, &q)?
                .into_iter()
                .map(|f| OfficialLine {
                    id: f.id,
                    name: f.name,
                    functions: f.functions,
                    messages: f.messages,
                })
                .collect();
            // Communes whose name matches, for the briefing sheet.
            let communes = if folded.len() >= 3 {
                let gazetteer = crate::communes::Gazetteer::bundled()?;
                let codes: Vec<String> = profile::communes_with_officials(conn)?
                    .into_iter()
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

/// `GET /commune/{code}`
pub async fn commune(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(code): Path<String>,
) -> Result<Html<String>, WebError> {
    let who = viewer.name.clone();
    let recorder = Arc::clone(&state);
    let page = state
        .read(move |conn| {
            let gazetteer = crate::communes::Gazetteer::bundled()?;
            let commune = gazetteer.get(&code).ok_or_else(|| {
                WebError::NotFound(format!("Aucune commune de code INSEE {code}."))
            })?;
            let officials = profile::of_commune(conn, &code)?
                .into_iter()
                .map(|(id, name, fonction)| OfficialOfCommune { id, name, fonction })
                .collect();
            let mut themes: Vec<ThemeLine> = Vec::new();
            for (theme, st, n) in crate::cases::commune_theme_counts(conn, &code)? {
                let pos = match themes.iter().position(|t| t.theme == theme) {
                    Some(p) => p,
                    None => {
                        themes.push(ThemeLine {
                            theme,
                            counts: vec![0; crate::cases::State::ALL.len()],
                            total: 0,
                        });
                        themes.len() - 1
                    }
                };
                if let Some(i) = crate::cases::State::ALL.iter().position(|s| *s == st) {
                    themes[pos].counts[i] += n;
                    themes[pos].total += n;
                }
            }
            themes.sort_by(|a, b| b.total.cmp(&a.total).then(a.theme.cmp(&b.theme)));
            let cases = crate::cases::of_commune(conn, &code, 30)?
                .into_iter()
                .map(CaseLine::from)
                .collect();
            let exchanges: Vec<Exchange> = profile::commune_exchanges(conn, &code, 30)?
                .into_iter()
                .map(Exchange::from)
                .collect();
            let shown: Vec<i64> = exchanges.iter().map(|e| e.id).collect();
            recorder.record(crate::access::describe(
                conn, &who, "commune", &code, &shown,
            )?);
            Ok(CommunePage {
                p: viewer.page("officials"),
                name: commune.name.clone(),
                departement: commune.departement.clone(),
                postal: commune.postal.join(", "),
                code,
                officials,
                states: crate::cases::State::ALL
                    .iter()
                    .map(|s| s.french())
                    .collect(),
                themes,
                cases,
                exchanges,
            })
        })
        .await?;
    Ok(Html(page.render()?))
}
