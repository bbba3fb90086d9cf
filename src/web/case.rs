//! The case page (the thread with each message's sender, date and body, attachments to
//! download, state, assignee, due date, priority, themes, notes, history) and every staff
//! action of the cases issue, posted to `/case/{id}/{action}`: confirm, official, assign, tag,
//! untag, merge, split, state, note, due, priority, dismiss (not a request). Each action runs
//! in one transaction through `cases`, which writes the case history under the user's name,
//! then redirects to the form's `back` (the triage queue keeps its place) or the case.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::State;

use super::{Path, Query};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::auth::{Editor, Viewer};
use super::message::Body;
use super::{AppState, Page, WebError, case_refused};
use crate::cases::{self, Case, Note};
use crate::ids::{CaseId, MessageId};

/// A history entry as the page says it.
struct HistoryLine {
    at: String,
    who: String,
    text: String,
}

struct ThreadMessage {
    id: i64,
    from: String,
    date: String,
    subject: String,
    outgoing: bool,
    method: String,
    body: Arc<Body>,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    p: Page,
    case: Case,
    state: &'static str,
    priority: &'static str,
    official: String,
    communes: Vec<(String, String)>,
    messages: Vec<ThreadMessage>,
    /// For a campaign whose members diverge, the warning ('' otherwise).
    divergence: String,
    notes: Vec<Note>,
    history: Vec<HistoryLine>,
    themes: Arc<Vec<String>>,
    users: Vec<String>,
}

/// User names, for the assignment menus.
pub fn user_choices(conn: &rusqlite::Connection) -> Vec<String> {
    crate::users::list(conn)
        .map(|users| {
            users
                .into_iter()
                .filter(|u| u.role.can_edit())
                .map(|u| u.name)
                .collect()
        })
        .unwrap_or_default()
}

/// An official as "Prénom Nom, fonction".
pub fn official_label(o: &crate::officials::ExportedOfficial) -> String {
    if o.title.is_empty() {
        format!("{} {}", o.prenom, o.nom)
    } else {
        format!("{} {}, {}", o.prenom, o.nom, o.title)
    }
}

/// (code, name) of each INSEE code.
pub fn commune_names(codes: &[String]) -> Vec<(String, String)> {
    let gazetteer = crate::communes::Gazetteer::bundled().ok();
    codes
        .iter()
        .map(|c| {
            let name = gazetteer
                .and_then(|g| g.get(c))
                .map_or_else(|| c.clone(), |g| g.name.clone());
            (c.clone(), name)
        })
        .collect()
}

/// Bodies shown on one case page: older messages of a longer thread are listed with a link.
const MAX_THREAD_BODIES: usize = 100;

/// `GET /case/{id}`
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<CaseId>,
) -> Result<Html<String>, WebError> {
    let who = viewer.name.clone();
    let themes = state.themes().await?;
    let page = state
        .read(move |conn| {
            let mut case = cases::get(conn, id)?
                .ok_or_else(|| WebError::NotFound(format!("Aucun dossier n° {id}.")))?;
            case.title = super::clip(&case.title);
            let shown: Vec<i64> = case.messages.iter().map(|m| m.get()).collect();
            let access = crate::access::describe(conn, &who, "case", &format!("#{id}"), &shown)?;
            let mut thread = Vec::new();
            let mut blobs = Vec::new();
            for entry in cases::thread(conn, &case)? {
                let row = entry.message;
                blobs.push((row.id, row.blob.clone()));
                thread.push(ThreadMessage {
                    id: row.id,
                    from: super::clip(&row.from.display()),
                    date: super::when(row.date),
                    subject: super::clip(&row.subject),
                    outgoing: entry.outgoing,
                    method: cases::french::method(&entry.method).to_string(),
                    body: Arc::new(Body::unreadable(&anyhow::anyhow!("pas encore lu"))),
                });
            }
            let page = CasePage {
                p: viewer.page("cases"),
                state: case.state.french(),
                priority: case.priority.french(),
                official: case
                    .official
                    .as_ref()
                    .map(official_label)
                    .unwrap_or_default(),
                communes: commune_names(&case.communes),
                messages: thread,
                divergence: cases::campaign_divergence(conn, id)?
                    .map(|d| {
                        format!(
                            "Attention : les {} messages de cette campagne divergent (thème le plus fréquent dans {:.0} % d'entre eux, mot d'objet le plus fréquent dans {:.0} %). Vérifiez-la et retirez-en les expéditeurs qui n'en font pas partie.",
                            d.members,
                            d.theme_share * 100.0,
                            d.subject_share * 100.0
                        )
                    })
                    .unwrap_or_default(),
                notes: cases::notes(conn, id)?
                    .into_iter()
                    .map(|mut n| {
                        n.at = super::when_rfc3339(&n.at);
                        n
                    })
                    .collect(),
                history: cases::history_of(conn, id)?
                    .into_iter()
                    .map(|h| HistoryLine {
                        at: super::when_rfc3339(&h.at),
                        who: cases::french::who(&h.who),
                        text: cases::french::history(&h, super::theme_label),
                    })
                    .collect(),
                themes,
                users: user_choices(conn),
                case,
            };
            Ok((page, blobs, access))
        })
        .await?;
    let (page, blobs, access) = page;
    state.record(access);
    // Read and sanitise the bodies without holding the data directory; a long thread (a
    // campaign of hundreds of letters) shows the bodies of its latest messages only.
    let (mut page, mut blobs) = (page, blobs);
    let skipped = blobs.len().saturating_sub(MAX_THREAD_BODIES);
    blobs.drain(..skipped);
    for m in page.messages.iter_mut().take(skipped) {
        m.body = Arc::new(Body::omitted(m.id));
    }
    for (m, body) in page
        .messages
        .iter_mut()
        .skip(skipped)
        .zip(state.bodies(blobs).await?)
    {
        m.body = body;
    }
    Ok(Html(page.render()?))
}

/// `?state=` of the case list.
#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    state: String,
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    page: u32,
}

/// Cases per page of the list.
const CASES_PER_PAGE: u32 = 100;

struct ListRow {
    id: CaseId,
    title: String,
    state: &'static str,
    who: String,
    assignee: String,
    last: String,
    messages: usize,
}

#[derive(Template)]
#[template(path = "cases.html")]
struct ListPage {
    p: Page,
    state: String,
    assignee: String,
    rows: Vec<ListRow>,
    total: u64,
    prev: String,
    next: String,
}

/// `GET /cases`: cases by state (default: everything not closed), newest activity first.
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, WebError> {
    let (filter, assignee) = (q.state.clone(), q.assignee.clone());
    let offset = u64::from(q.page.min(100_000)) * u64::from(CASES_PER_PAGE);
    let (rows, total) = state
        .read(move |conn| {
            let query = cases::ListQuery {
                state: cases::State::parse(&filter),
                hide_closed: true,
                assignee: (!assignee.is_empty()).then_some(assignee),
                order: cases::Order::Recent,
                limit: Some(CASES_PER_PAGE),
                offset,
            };
            let (found, total) = cases::list(conn, &query)?;
            let rows = found
                .into_iter()
                .map(|c| ListRow {
                    id: c.id,
                    state: c.state.french(),
                    who: c
                        .official
                        .as_ref()
                        .map_or_else(|| c.correspondent.clone(), official_label),
                    assignee: c.assignee.clone(),
                    last: super::day_rfc3339(&c.last_message),
                    messages: c.messages.len(),
                    title: c.title,
                })
                .collect::<Vec<_>>();
            Ok((rows, total))
        })
        .await?;
    let link = |page: u32| {
        format!(
            "/cases?state={}&assignee={}&page={page}",
            super::urlencode(&q.state),
            super::urlencode(&q.assignee)
        )
    };
    let shown_to = offset + rows.len() as u64;
    let page = ListPage {
        p: viewer.page("cases"),
        prev: if q.page > 0 {
            link(q.page - 1)
        } else {
            String::new()
        },
        next: if shown_to < total {
            link(q.page + 1)
        } else {
            String::new()
        },
        state: q.state.clone(),
        assignee: q.assignee.clone(),
        rows,
        total,
    };
    Ok(Html(page.render()?))
}

/// `POST /case/{id}/{action}`: one staff action; the form's `value` (and the checked `message`s
/// of a split) parsed into the domain's [`cases::Action`], carried out by [`cases::apply`].
pub async fn act(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Path((id, action)): Path<(CaseId, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let back = field("back");
    let messages: Vec<MessageId> = form
        .iter()
        .filter(|(k, _)| k == "message")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let action = match cases::Action::parse(&action, &field("value"), messages) {
        Ok(action) => action,
        Err(cases::Refusal::UnknownAction(a)) => {
            return Err(WebError::NotFound(format!("Action inconnue : {a}.")));
        }
        Err(refusal) => return Err(WebError::Bad(refusal.french())),
    };
    let who = editor.name.clone();
    let outcome = state
        .write(move |ctx| cases::apply(ctx, id, &who, action).map_err(case_refused))
        .await?;
    let to = match super::local_path(&back) {
        path if path == back => path,
        _ => format!("/case/{}", outcome.case),
    };
    Ok(Redirect::to(&to).into_response())
}
