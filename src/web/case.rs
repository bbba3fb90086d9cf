//! The case page (the thread with each message's sender, date and body, attachments to
//! download, state, assignee, due date, priority, themes, notes, history) and every staff
//! action of the cases issue, posted to `/case/{id}/{action}`: confirm, official, assign, tag,
//! untag, merge, split, state, note, due, priority, dismiss (not a request). Each action runs
//! in one transaction through `cases`, which writes the case history under the user's name,
//! then redirects to the form's `back` (the triage queue keeps its place) or the case.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use rusqlite::params;
use serde::Deserialize;

use super::auth::{Editor, Viewer};
use super::message::Body;
use super::{AppState, Page, WebError, case_refused};
use crate::cases::{self, Case, HistoryEntry, Note};

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
    history: Vec<HistoryEntry>,
    themes: Vec<String>,
    users: Vec<String>,
}

/// Theme slugs of the rules in force, for the tag menus.
pub fn theme_choices(ctx: &crate::context::Context) -> Vec<String> {
    let mut themes: Vec<String> = crate::rules::load::load_dir(&ctx.rules_dir())
        .map(|set| set.rules.into_iter().map(|r| r.tag).collect())
        .unwrap_or_default();
    themes.sort();
    themes.dedup();
    themes
}

/// User names, for the assignment menus.
pub fn user_choices(ctx: &crate::context::Context) -> Vec<String> {
    crate::users::list(ctx.store.conn())
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
    if o.fonction.is_empty() {
        format!("{} {}", o.prenom, o.nom)
    } else {
        format!("{} {}, {}", o.prenom, o.nom, o.fonction)
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
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let who = viewer.name.clone();
    let page = state
        .db(move |ctx| {
            let conn = ctx.store.conn();
            let mut case = cases::get(conn, id)?
                .ok_or_else(|| WebError::NotFound(format!("Aucun dossier n° {id}.")))?;
            case.title = super::clip(&case.title);
            crate::access::record(conn, &who, "case", &format!("#{id}"), &case.messages);
            let mut thread = Vec::new();
            let mut blobs = Vec::new();
            for &m in &case.messages {
                let Some(row) = crate::store::messages::get(conn, m)? else {
                    continue;
                };
                let (outgoing, _) = crate::store::messages::outgoing_and_bounce(conn, m)?;
                let method = cases::of_message(conn, m)?
                    .map(|(_, method, _)| method)
                    .unwrap_or_default();
                blobs.push((m, row.blob.clone()));
                thread.push(ThreadMessage {
                    id: m,
                    from: super::clip(&row.from.display()),
                    date: super::when(row.date),
                    subject: super::clip(&row.subject),
                    outgoing,
                    method,
                    body: Arc::new(Body::unreadable(&anyhow::anyhow!("pas encore lu"))),
                });
            }
            let page = CasePage {
                p: viewer.page("cases"),
                state: super::state_label(&case.state),
                priority: super::priority_label(&case.priority),
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
                notes: cases::notes(conn, id)?,
                history: cases::history_of(conn, id)?,
                themes: theme_choices(ctx),
                users: user_choices(ctx),
                case,
            };
            Ok((page, blobs))
        })
        .await?;
    // Read and sanitise the bodies without holding the data directory; a long thread (a
    // campaign of hundreds of letters) shows the bodies of its latest messages only.
    let (mut page, mut blobs) = page;
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
    id: i64,
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
    total: i64,
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
    let offset = i64::from(q.page.min(100_000)) * i64::from(CASES_PER_PAGE);
    let (rows, total) = state
        .db(move |ctx| {
            let conn = ctx.store.conn();
            const WHERE: &str = "merged_into IS NULL AND (?1 = '' AND state != 'closed' OR state = ?1)
                                 AND (?2 = '' OR assignee = ?2)";
            let total: i64 = conn.query_row(
                &format!("SELECT count(*) FROM cases WHERE {WHERE}"),
                params![filter, assignee],
                |r| r.get(0),
            )?;
            let ids: Vec<i64> = conn
                .prepare(&format!(
                    "SELECT id FROM cases WHERE {WHERE} ORDER BY last_at DESC, id DESC LIMIT ?3 OFFSET ?4"
                ))?
                .query_map(params![filter, assignee, CASES_PER_PAGE, offset], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut rows = Vec::with_capacity(ids.len());
            for id in ids {
                let c = cases::require(conn, id)?;
                rows.push(ListRow {
                    id,
                    state: super::state_label(&c.state),
                    who: c
                        .official
                        .as_ref()
                        .map_or_else(|| c.correspondent.clone(), official_label),
                    assignee: c.assignee.clone(),
                    last: c.last_message.chars().take(10).collect(),
                    messages: c.messages.len(),
                    title: c.title,
                });
            }
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
    let shown_to = offset + rows.len() as i64;
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

/// `POST /case/{id}/{action}`: one staff action; the form's fields depend on the action.
pub async fn act(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Path((id, action)): Path<(i64, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let back = field("back");
    let who = editor.name.clone();
    let value = field("value");
    let messages: Vec<i64> = form
        .iter()
        .filter(|(k, _)| k == "message")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let target = state
        .db(move |ctx| {
            let mut target = id;
            let number = |v: &str, what: &str| {
                v.trim_start_matches('#')
                    .parse::<i64>()
                    .map_err(|_| WebError::Bad(format!("{what} : nombre attendu, reçu « {v} »")))
            };
            match action.as_str() {
                "confirm" => {
                    ctx.store
                        .transaction(|tx| cases::confirm(tx, id, &who, None))
                        .map_err(case_refused)?;
                }
                "official" => {
                    let official = number(&value, "n° d'élu")?;
                    let exists: bool = ctx.store.conn().query_row(
                        "SELECT count(*) > 0 FROM officials WHERE id = ?1",
                        [official],
                        |r| r.get(0),
                    )?;
                    if !exists {
                        return Err(WebError::Bad(format!("Aucun élu n° {official}.")));
                    }
                    ctx.store
                        .transaction(|tx| cases::confirm(tx, id, &who, Some(official)))
                        .map_err(case_refused)?;
                    let address = cases::require(ctx.store.conn(), id)?.correspondent;
                    if !address.is_empty() {
                        // Never an index writer inside a request: the re-matched messages
                        // are queued, re-indexed by the daemon's next commit or the next run.
                        crate::pipeline::rematch(ctx, Some(&address))?;
                    }
                }
                "assign" => {
                    let name = if value == "-" {
                        String::new()
                    } else {
                        value.clone()
                    };
                    ctx.store
                        .transaction(|tx| cases::assign(tx, id, &who, &name))
                        .map_err(case_refused)?;
                }
                "tag" | "untag" => {
                    ctx.store
                        .transaction(|tx| cases::tag(tx, id, &who, &value, action == "tag"))
                        .map_err(case_refused)?;
                }
                "merge" => {
                    let into = number(&value, "n° de dossier")?;
                    ctx.store
                        .transaction(|tx| cases::merge(tx, id, into, &who))
                        .map_err(case_refused)?;
                    target = into;
                }
                "split" => {
                    if messages.is_empty() {
                        return Err(WebError::Bad(
                            "Cochez les messages à séparer dans un nouveau dossier.".to_string(),
                        ));
                    }
                    target = ctx
                        .store
                        .transaction(|tx| cases::split(tx, id, &messages, &who))
                        .map_err(case_refused)?;
                }
                "detach" => {
                    target = ctx
                        .store
                        .transaction(|tx| cases::detach(tx, id, &value, &who))
                        .map_err(case_refused)?;
                }
                "state" => {
                    ctx.store
                        .transaction(|tx| cases::set_state(tx, id, &who, &value))
                        .map_err(case_refused)?;
                }
                "note" => {
                    ctx.store
                        .transaction(|tx| cases::note(tx, id, &who, &value))
                        .map_err(case_refused)?;
                }
                "due" => {
                    let due = (!value.is_empty()).then_some(value.as_str());
                    ctx.store
                        .transaction(|tx| cases::set_due(tx, id, &who, due))
                        .map_err(case_refused)?;
                }
                "priority" => {
                    ctx.store
                        .transaction(|tx| cases::set_priority(tx, id, &who, &value))
                        .map_err(case_refused)?;
                }
                "dismiss" => {
                    ctx.store
                        .transaction(|tx| cases::dismiss(tx, id, &who))
                        .map_err(case_refused)?;
                }
                other => return Err(WebError::NotFound(format!("Action inconnue : {other}."))),
            }
            Ok(target)
        })
        .await?;
    let to = match super::local_path(&back) {
        path if path == back => path,
        _ => format!("/case/{target}"),
    };
    Ok(Redirect::to(&to).into_response())
}
