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
use axum::response::{Html, Redirect};
use serde::Deserialize;

use super::auth::{Editor, Viewer};
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

impl From<crate::cases::CaseLine> for CaseLine {
    fn from(c: crate::cases::CaseLine) -> CaseLine {
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
const TIMELINE_LIMIT: usize = 100;

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

/// An open case on the visit sheet: who handles it and what comes next.
struct OpenCase {
    id: i64,
    title: String,
    who: String,
    assignee: String,
    next: String,
    late: bool,
}

/// A campaign on the visit sheet, one line.
struct CampaignLine {
    id: i64,
    title: String,
    state: &'static str,
    last: String,
    letters: usize,
}

struct NoteLine {
    author: String,
    at: String,
    text: String,
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
    population: String,
    /// (name, kind in French, population) of its intercommunality.
    epci: Option<(String, String, String)>,
    cantons: Vec<profile::Canton>,
    councillors: Vec<profile::Councillor>,
    open: Vec<OpenCase>,
    campaigns: Vec<CampaignLine>,
    notes: Vec<NoteLine>,
    states: Vec<&'static str>,
    themes: Vec<ThemeLine>,
    exchanges: Vec<Exchange>,
}

/// « 12 345 habitants » with a French thousands separator (narrow no-break space).
fn inhabitants(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    format!("{out} habitant{}", if n > 1 { "s" } else { "" })
}

/// `GET /commune/{code}`: the visit sheet.
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
            let mut themes: Vec<ThemeLine> = Vec::new();
            for (theme, st, n) in crate::cases::commune_theme_counts(conn, &code)? {
                let theme = if theme.starts_with('(') {
                    "Sans thème".to_string()
                } else {
                    super::theme_label(&theme)
                };
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
            let today = crate::util::zone_today();
            let cases = crate::cases::open_of_commune(conn, &code)?;
            let open = cases
                .requests
                .into_iter()
                .map(|c| {
                    let next = crate::cases::french::next_step(c.state, &c.due, today);
                    OpenCase {
                        id: c.id.get(),
                        title: super::clip(&c.title),
                        who: c
                            .official
                            .as_ref()
                            .map_or_else(|| c.correspondent.clone(), super::case::official_label),
                        assignee: c.assignee.clone(),
                        late: next.contains("en retard"),
                        next,
                    }
                })
                .collect();
            let campaigns = cases
                .campaigns
                .into_iter()
                .map(|c| CampaignLine {
                    id: c.id.get(),
                    title: super::clip(&c.title),
                    state: c.state.french(),
                    last: super::day_rfc3339(&c.last_message),
                    letters: c.messages,
                })
                .collect();
            let exchanges: Vec<Exchange> = profile::commune_exchanges(conn, &code, 20)?
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
                population: commune.population.map(inhabitants).unwrap_or_default(),
                epci: gazetteer.epci_of(&code).map(|e| {
                    (
                        e.name.clone(),
                        e.kind_french().to_string(),
                        e.population.map(inhabitants).unwrap_or_default(),
                    )
                }),
                cantons: profile::cantons_named_after(conn, &commune.name, &commune.departement)?,
                councillors: profile::councillors(conn, &code)?,
                notes: crate::officials::commune_note::list(conn, &code)?
                    .into_iter()
                    .map(|n| NoteLine {
                        author: n.author,
                        at: super::when(n.at),
                        text: n.text,
                    })
                    .collect(),
                code,
                open,
                campaigns,
                states: crate::cases::State::ALL
                    .iter()
                    .map(|s| s.french())
                    .collect(),
                themes,
                exchanges,
            })
        })
        .await?;
    Ok(Html(page.render()?))
}

/// The note form of the commune page.
#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    value: String,
}

/// `POST /commune/{code}/note`: the office's note on a commune, then back to its sheet.
pub async fn note(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Path(code): Path<String>,
    axum::Form(form): axum::Form<NoteForm>,
) -> Result<Redirect, WebError> {
    if crate::communes::Gazetteer::bundled()?.get(&code).is_none() {
        return Err(WebError::NotFound(format!(
            "Aucune commune de code INSEE {code}."
        )));
    }
    let text = crate::officials::commune_note::check(&form.value)
        .map_err(|refusal| WebError::Bad(refusal.french()))?;
    let (who, at) = (editor.name.clone(), code.clone());
    state
        .write(move |ctx| {
            Ok(crate::officials::commune_note::add(
                &mut ctx.store,
                &at,
                &who,
                &text,
            )?)
        })
        .await?;
    Ok(Redirect::to(&format!("/commune/{code}#notes")))
}
