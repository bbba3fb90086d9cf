//! The home page: the morning triage queue (proposed cases, open cases with mail since the
//! queue was last marked as seen, overdue cases; most urgent first), with the actions staff
//! take there: confirm, assign, retag, change official, merge, not a request. Each is a plain
//! form (it works without JavaScript and comes back to the same row); `app.js` adds keyboard
//! shortcuts and posts them in place so that the list updates without losing the position.

use askama::Template;
use axum::Form;
use axum::extract::State;

use super::Query;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::auth::{Editor, Viewer};
use super::case::{commune_names, user_choices};
use super::{AppState, Page, WebError};
use crate::cases;
use crate::ids::CaseId;

struct Row {
    id: CaseId,
    title: String,
    reason: &'static str,
    who: String,
    official: Option<i64>,
    communes: Vec<(String, String)>,
    themes: Vec<String>,
    snippet: String,
    priority: String,
    priority_label: &'static str,
    first: String,
    assignee: String,
    messages: usize,
    due: String,
    /// Where the page should come back to after acting on this row: the next row.
    back: String,
}

/// Rows shown before "show all".
const SHOWN: usize = 100;

#[derive(Template)]
#[template(path = "triage.html")]
struct TriagePage {
    p: Page,
    rows: Vec<Row>,
    total: usize,
    through: i64,
    themes: std::sync::Arc<Vec<String>>,
    users: Vec<String>,
}

/// `?all=1` shows the whole queue.
#[derive(Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    all: u8,
}

/// `GET /`
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<QueueQuery>,
) -> Result<Html<String>, WebError> {
    let p = viewer.page("triage");
    let themes = state.themes().await?;
    let page = state
        .read(move |conn| {
            // Read the mark before listing: mail filed meanwhile stays new.
            let through = crate::store::messages::max_id(conn)?;
            let since = cases::since_last_triage(conn)?;
            let today = chrono::Local::now().format("%Y-%m-%d").to_string();
            let limit = (q.all == 0).then_some(SHOWN);
            let (items, total) = cases::triage(conn, since, &today, limit)?;
            let ids: Vec<CaseId> = items.iter().map(|i| i.case.id).collect();
            let rows = items
                .into_iter()
                .enumerate()
                .map(|(n, item)| {
                    let c = item.case;
                    let next = ids.get(n + 1).or(n.checked_sub(1).and_then(|p| ids.get(p)));
                    Row {
                        id: c.id,
                        reason: match item.reason.as_str() {
                            "new" => "nouveau",
                            "new_mail" => "nouveau message",
                            _ => "en retard",
                        },
                        who: item.who,
                        official: c.official.as_ref().map(|o| o.id),
                        communes: commune_names(&c.communes),
                        themes: c.themes.clone(),
                        snippet: super::clip(&item.snippet),
                        priority_label: c.priority.french(),
                        priority: c.priority.to_string(),
                        first: super::day_rfc3339(&c.first_message),
                        assignee: c.assignee.clone(),
                        messages: c.messages.len(),
                        due: c.due.clone(),
                        back: next.map_or_else(|| "/".to_string(), |id| format!("/#case-{id}")),
                        title: if c.title.is_empty() {
                            "(sans objet)".to_string()
                        } else {
                            super::clip(&c.title)
                        },
                    }
                })
                .collect();
            Ok(TriagePage {
                p,
                rows,
                total,
                through,
                themes,
                users: user_choices(conn),
            })
        })
        .await?;
    Ok(Html(page.render()?))
}

/// The "seen" form.
#[derive(Deserialize)]
pub struct SeenForm {
    through: i64,
}

/// `POST /triage/seen`: the mail up to `through` has been looked at; open cases leave the
/// queue until new mail arrives (recorded like a `triage` run).
pub async fn mark_seen(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Form(form): Form<SeenForm>,
) -> Result<Response, WebError> {
    state
        .write(move |ctx| {
            ctx.store
                .transaction(|tx| cases::mark_seen(tx, &editor.name, form.through))?;
            Ok(())
        })
        .await?;
    Ok(Redirect::to("/").into_response())
}
