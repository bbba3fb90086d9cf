//! The « Agenda » page: invitations to decide first (soonest first, reply deadlines shown),
//! then the week or the month, day by day, overlapping events marked as conflicts; each event
//! links to its case and message and is decided in one click (or a key: `a` accepter, `r`
//! refuser, `p` peut-être) or corrected field by field (`/agenda/event/ID`). The calendar feed
//! (`/agenda.ics?token=…`) needs no session: the token stands for one user, and every read is
//! written to the access log under that user's name.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{Datelike as _, Days, Months, NaiveDate};
use serde::Deserialize;

use super::auth::{Editor, Viewer};
use super::{AppState, Page, WebError};
use crate::agenda::{self, Decision, Event, Field, State as EventState};
use crate::ids::EventId;

/// One event as the page shows it.
struct Line {
    id: EventId,
    title: String,
    /// « samedi 14 mars 2026 »
    day: String,
    /// « 11 h – 12 h 30 », « toute la journée », « du 5 au 7 juin »
    when: String,
    place: String,
    commune: String,
    commune_code: String,
    organiser: String,
    state: EventState,
    representative: String,
    case_id: String,
    message: i64,
    rsvp: String,
    rsvp_late: bool,
    conflicts: Vec<EventId>,
    ambiguous: String,
    mismatch: bool,
    notes: String,
}

impl Line {
    fn state_label(&self) -> &'static str {
        self.state.french()
    }
    fn state_class(&self) -> &'static str {
        self.state.as_str()
    }
    fn undecided(&self) -> bool {
        self.state == EventState::Undecided
    }
    fn conflict_text(&self) -> String {
        self.conflicts
            .iter()
            .map(|c| format!("n° {c}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A day of the period with its events.
struct Day {
    label: String,
    iso: String,
    today: bool,
    lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "agenda.html")]
struct AgendaPage {
    p: Page,
    undecided: Vec<Line>,
    days: Vec<Day>,
    view: &'static str,
    /// Where decisions come back to.
    back: String,
    title: String,
    previous: String,
    next: String,
    this_period: String,
    feed: String,
    feed_since: String,
    error: String,
}

/// `?view=week|month&date=YYYY-MM-DD`, `?token=1` after a new feed token.
#[derive(Deserialize, Default)]
pub struct AgendaQuery {
    #[serde(default)]
    view: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

fn line(
    e: &Event,
    g: &crate::communes::Gazetteer,
    conflicts: Vec<EventId>,
    today: NaiveDate,
) -> Line {
    let when = match (e.start, e.end, e.end_date) {
        (Some(s), Some(t), _) => format!(
            "{} – {}",
            agenda::read::french_time(s),
            agenda::read::french_time(t)
        ),
        (Some(s), None, _) => agenda::read::french_time(s),
        (None, _, Some(last)) => format!("jusqu'au {}", crate::util::french_long_date(last)),
        (None, _, None) => "toute la journée".to_string(),
    };
    let commune = e
        .commune_code
        .as_deref()
        .and_then(|c| g.get(c))
        .map(|c| c.name.clone())
        .unwrap_or_default();
    Line {
        id: e.id,
        title: e.title.clone(),
        day: crate::util::french_long_date(e.date),
        when,
        place: e.place.clone(),
        commune,
        commune_code: e.commune_code.clone().unwrap_or_default(),
        organiser: e.organiser.clone(),
        state: e.state,
        representative: e.representative.clone(),
        case_id: e.case_id.map(|c| c.to_string()).unwrap_or_default(),
        message: e.message.get(),
        rsvp: e
            .rsvp_by
            .map(crate::util::french_long_date)
            .unwrap_or_default(),
        rsvp_late: e.rsvp_by.is_some_and(|r| r < today),
        conflicts,
        ambiguous: e.ambiguous.clone().unwrap_or_default(),
        mismatch: e.weekday_mismatch,
        notes: e.notes.clone().unwrap_or_default(),
    }
}

/// The period shown: (first day, last day, title, previous, next).
fn period(view: &str, at: NaiveDate) -> (NaiveDate, NaiveDate, String, NaiveDate, NaiveDate) {
    if view == "month" {
        let first = NaiveDate::from_ymd_opt(at.year(), at.month(), 1).unwrap_or(at);
        let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
        let last = next.pred_opt().unwrap_or(first);
        let prev = first.checked_sub_months(Months::new(1)).unwrap_or(first);
        let title = format!(
            "{} {}",
            crate::util::FRENCH_MONTHS[first.month0() as usize],
            first.year()
        );
        (first, last, title, prev, next)
    } else {
        let first = at - Days::new(u64::from(at.weekday().num_days_from_monday()));
        let last = first + Days::new(6);
        let title = format!(
            "Semaine du {} au {}",
            crate::util::french_long_date(first),
            crate::util::french_long_date(last)
        );
        (
            first,
            last,
            title,
            first - Days::new(7),
            first + Days::new(7),
        )
    }
}

/// `GET /agenda`
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<AgendaQuery>,
) -> Result<Html<String>, WebError> {
    let p = viewer.page("agenda");
    let who = viewer.name.clone();
    let today = crate::util::zone_today();
    let view: &'static str = if q.view.as_deref() == Some("month") {
        "month"
    } else {
        "week"
    };
    let at = q
        .date
        .as_deref()
        .and_then(agenda::parse_day)
        .unwrap_or(today);
    let (first, last, title, prev, next) = period(view, at);
    let (page, access) = state
        .read(move |conn| {
            let g = crate::communes::Gazetteer::bundled()?;
            // Undecided invitations from today on, and the period's events, with conflicts
            // counted among all of them.
            let undecided = agenda::list(
                conn,
                &agenda::Query {
                    from: Some(today),
                    states: vec![EventState::Undecided],
                    ..Default::default()
                },
            )?;
            let shown = agenda::list(
                conn,
                &agenda::Query {
                    from: Some(first),
                    to: Some(last),
                    ..Default::default()
                },
            )?;
            let mut all: Vec<Event> = undecided.clone();
            all.extend(
                shown
                    .iter()
                    .filter(|e| !undecided.iter().any(|u| u.id == e.id))
                    .cloned(),
            );
            let conflicts = agenda::conflicts(&all);
            let of = |e: &Event| conflicts.get(&e.id).cloned().unwrap_or_default();
            let mut days = Vec::new();
            let mut d = first;
            while d <= last {
                let lines: Vec<Line> = shown
                    .iter()
                    .filter(|e| e.date <= d && e.end_date.unwrap_or(e.date) >= d)
                    .map(|e| line(e, g, of(e), today))
                    .collect();
                // The month view lists days with events only; the week shows all seven.
                if view == "week" || !lines.is_empty() {
                    days.push(Day {
                        label: crate::util::french_long_date(d),
                        iso: d.to_string(),
                        today: d == today,
                        lines,
                    });
                }
                d = d + Days::new(1);
            }
            let ids: Vec<i64> = all.iter().map(|e| e.message.get()).collect();
            let access =
                crate::access::describe(conn, &who, "agenda", &format!("{view} {first}"), &ids)?;
            let feed = agenda::tokens::status(conn, &who)?;
            let page = AgendaPage {
                undecided: undecided.iter().map(|e| line(e, g, of(e), today)).collect(),
                days,
                view,
                back: format!("/agenda?view={view}"),
                title,
                previous: prev.to_string(),
                next: next.to_string(),
                this_period: today.to_string(),
                feed: if feed.is_some() {
                    "active".into()
                } else {
                    String::new()
                },
                feed_since: feed
                    .map(|(made, _)| crate::util::french_day(made))
                    .unwrap_or_default(),
                error: q.error.unwrap_or_default(),
                p,
            };
            Ok((page, access))
        })
        .await?;
    state.record(access);
    Ok(Html(page.render()?))
}

/// `POST /agenda/{id}/decide`: `decision` (accept, decline, maybe, represent, reopen,
/// dismiss), `name` for represent, `note`, `back`.
pub async fn decide(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Path(id): Path<EventId>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let back = super::local_path(&field("back"));
    let decision = match Decision::parse(&field("decision"), Some(&field("name"))) {
        Ok(d) => d,
        Err(e) => return Err(WebError::Bad(e.french())),
    };
    let note = field("note");
    let who = editor.name.clone();
    let decided = state
        .write(move |ctx| {
            ctx.store
                .transaction(|tx| {
                    agenda::decide(tx, id, &decision, &note, &who, crate::store::now())
                })
                .map_err(refused)
        })
        .await?;
    // From the agenda, back to the week of the event, on it; from the triage page, back there.
    let to = if back.starts_with("/agenda") {
        let view = if back.contains("view=month") {
            "month"
        } else {
            "week"
        };
        format!("/agenda?view={view}&date={}#event-{id}", decided.date)
    } else {
        back
    };
    Ok(Redirect::to(&to).into_response())
}

fn refused(err: anyhow::Error) -> WebError {
    match err.downcast_ref::<agenda::DecisionError>() {
        Some(agenda::DecisionError::NoEvent(id)) => {
            WebError::NotFound(format!("L'événement n° {id} n'existe pas."))
        }
        Some(e) => WebError::Bad(e.french()),
        None => WebError::Internal(err),
    }
}

#[derive(Template)]
#[template(path = "agenda_event.html")]
struct EventPage {
    p: Page,
    e: Line,
    fields: Vec<(&'static str, &'static str, String)>,
    history: Vec<(String, String, String, String)>,
    saved: bool,
}

/// `?saved=1` after a correction.
#[derive(Deserialize, Default)]
pub struct EventQuery {
    #[serde(default)]
    saved: Option<u8>,
}

/// `GET /agenda/event/{id}`: the event with every field, to correct.
pub async fn event(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<EventId>,
    Query(q): Query<EventQuery>,
) -> Result<Html<String>, WebError> {
    let p = viewer.page("agenda");
    let who = viewer.name.clone();
    let (page, access) = state
        .read(move |conn| {
            let Some(e) = agenda::get(conn, id)? else {
                return Err(WebError::NotFound(format!("L'événement n° {id} n'existe pas.")));
            };
            let g = crate::communes::Gazetteer::bundled()?;
            let today = crate::util::zone_today();
            let value = |f: Field| -> String {
                match f {
                    Field::Title => e.title.clone(),
                    Field::Date => e.date.format("%d/%m/%Y").to_string(),
                    Field::EndDate => e.end_date.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default(),
                    Field::Start => e.start.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
                    Field::End => e.end.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
                    Field::Place => e.place.clone(),
                    Field::Commune => e.commune_code.clone().unwrap_or_default(),
                    Field::Organiser => e.organiser.clone(),
                    Field::RsvpBy => e.rsvp_by.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default(),
                    Field::RsvpContact => e.rsvp_contact.clone().unwrap_or_default(),
                    Field::Notes => e.notes.clone().unwrap_or_default(),
                }
            };
            let fields = Field::ALL
                .iter()
                .map(|f| (f.as_str(), f.french(), value(*f)))
                .collect();
            let history = conn
                .prepare("SELECT at, who, field, before, after FROM event_corrections WHERE event = ?1 ORDER BY id")?
                .query_map([id], |r| {
                    Ok((
                        crate::util::french_datetime(r.get(0)?),
                        r.get::<_, String>(1)?,
                        Field::parse(&r.get::<_, String>(2)?).map_or("", |f| f.french()).to_string(),
                        format!("{} → {}", r.get::<_, String>(3)?, r.get::<_, String>(4)?),
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let access = crate::access::describe(conn, &who, "agenda-event", &format!("#{id}"), &[e.message.get()])?;
            Ok((
                EventPage {
                    e: line(&e, g, Vec::new(), today),
                    fields,
                    history,
                    saved: q.saved.is_some(),
                    p,
                },
                access,
            ))
        })
        .await?;
    state.record(access);
    Ok(Html(page.render()?))
}

/// `POST /agenda/{id}/correct`: every field of the form; those that changed are corrected.
pub async fn correct(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Path(id): Path<EventId>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let who = editor.name.clone();
    let changes: Vec<(Field, String)> = form
        .iter()
        .filter_map(|(k, v)| Field::parse(k).map(|f| (f, v.clone())))
        .collect();
    state
        .write(move |ctx| {
            let now = crate::store::now();
            ctx.store
                .transaction(|tx| {
                    for (f, v) in &changes {
                        agenda::correct(tx, id, *f, v, &who, now)?;
                    }
                    Ok(())
                })
                .map_err(refused)
        })
        .await?;
    Ok(Redirect::to(&format!("/agenda/event/{id}?saved=1")).into_response())
}

#[derive(Template)]
#[template(path = "agenda_token.html")]
struct TokenPage {
    p: Page,
    url: String,
}

/// `POST /agenda/token`: a new feed token for the logged-in user (the old one stops), shown
/// once.
pub async fn new_token(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: axum::http::HeaderMap,
) -> Result<Html<String>, WebError> {
    let who = viewer.name.clone();
    let token = state
        .write(move |ctx| {
            Ok(ctx
                .store
                .transaction(|tx| agenda::tokens::issue(tx, &who, crate::store::now()))?)
        })
        .await?;
    let host = headers
        .get("x-forwarded-host")
        .or(headers.get(header::HOST))
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost")
        .to_string();
    let scheme = if headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes() == b"https")
    {
        "https"
    } else {
        "http"
    };
    let page = TokenPage {
        p: viewer.page("agenda"),
        url: format!("{scheme}://{host}/agenda.ics?token={token}"),
    };
    Ok(Html(page.render()?))
}

/// `POST /agenda/token/revoke`: ends the logged-in user's feed token.
pub async fn revoke_token(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let who = viewer.name.clone();
    state
        .write(move |ctx| {
            Ok(ctx
                .store
                .transaction(|tx| agenda::tokens::revoke(tx, &who, crate::store::now()))?)
        })
        .await?;
    Ok(Redirect::to("/agenda").into_response())
}

/// `?token=…`
#[derive(Deserialize)]
pub struct FeedQuery {
    #[serde(default)]
    token: String,
}

/// `GET /agenda.ics?token=…`: the calendar feed of the token's user. No session cookie
/// needed; a wrong or revoked token is refused with 404 (nothing says whether a feed exists).
pub async fn feed(
    State(state): State<AppState>,
    Query(q): Query<FeedQuery>,
) -> Result<Response, WebError> {
    let token = q.token.clone();
    let config = state.agenda.clone();
    let host = state
        .config
        .allowed_hosts
        .first()
        .cloned()
        .unwrap_or_else(|| "permanence".to_string());
    let found = state
        .read(move |conn| {
            let Some(user) = agenda::tokens::user_of(conn, &token)? else {
                return Ok(None);
            };
            let events = agenda::list(conn, &agenda::Query::default())?;
            let carried: Vec<i64> = events
                .iter()
                .filter(|e| agenda::feed::carried(e, &config))
                .map(|e| e.message.get())
                .collect();
            let now = crate::store::now();
            let text = agenda::feed::calendar(&events, &config, &host, now);
            let access =
                crate::access::describe(conn, &user, "agenda-feed", "agenda.ics", &carried)?;
            Ok(Some((text, access)))
        })
        .await?;
    let Some((text, access)) = found else {
        tracing::warn!("calendar feed read with an unknown or revoked token");
        return Err(WebError::NotFound(
            "Ce calendrier n'existe pas.".to_string(),
        ));
    };
    state.record(access);
    state.recorder.send(super::recorder::Deferred::FeedRead {
        token: q.token,
        at: crate::store::now(),
    });
    let mut response = text.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline; filename=\"agenda.ics\""),
    );
    Ok(response)
}
