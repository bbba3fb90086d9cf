//! The home page: the morning triage queue (proposed cases, open cases with mail since the
//! queue was last marked as seen, overdue cases; most urgent first), built on the model people
//! know from Front, Gmail or Zammad: one line per case, a reading pane for the selected case,
//! and one action bar acting on the ticked cases or, when none is ticked, on the selected one —
//! confirm, assign, add a theme from the list, change the official (picked by name or
//! « maire Vif »), merge (picked by title, with suggestions), not a request, and for an overdue
//! case, postpone or close. Every action answers with a confirmation and « Annuler », which
//! restores the cases exactly (`cases::undo`); a refusal is shown in place, above the bar.
//!
//! Everything works without JavaScript (a line is a link selecting its case, the bar is one
//! form, the confirmation comes back with the page); `app.js` adds keyboard shortcuts, keeps
//! the position, loads the pane and the pickers' suggestions in place and shows the
//! confirmation as a toast: it sends `X-Permanence: fetch` and reads JSON back.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Json, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::auth::{Editor, Viewer};
use super::case::{commune_names, user_choices};
use super::message::Body;
use super::{AppState, Page, Path, Query, WebError};
use crate::cases::{self, Action, Refusal, State as CaseState, StateChange};
use crate::ids::{CaseId, OfficialId, UndoId};

/// Lines per page of the queue.
pub const PAGE_SIZE: usize = 50;

struct Row {
    id: CaseId,
    title: String,
    reason: &'static str,
    reason_class: &'static str,
    who: String,
    communes: Vec<(String, String)>,
    themes: Vec<String>,
    priority: String,
    priority_label: &'static str,
    when: String,
    when_full: String,
    selected: bool,
}

/// The selected case, as the reading pane shows it.
#[derive(Template)]
#[template(path = "triage_pane.html")]
struct Pane {
    p: Page,
    id: CaseId,
    title: String,
    reason: &'static str,
    state: &'static str,
    kind: &'static str,
    who: String,
    official: Option<i64>,
    communes: Vec<(String, String)>,
    themes: Vec<String>,
    assignee: String,
    due: String,
    messages: usize,
    reading: Option<ReadingView>,
    merge_choices: Vec<cases::suggest::Suggestion>,
    official_choices: Vec<(i64, String)>,
}

struct ReadingView {
    id: i64,
    from: String,
    when: String,
    subject: String,
    outgoing: bool,
    body: std::sync::Arc<Body>,
}

#[derive(Template)]
#[template(path = "triage.html")]
struct TriagePage {
    p: Page,
    rows: Vec<Row>,
    total: usize,
    page: usize,
    pages: usize,
    through: i64,
    themes: std::sync::Arc<Vec<String>>,
    users: Vec<String>,
    selected: Option<CaseId>,
    selected_index: usize,
    selected_overdue: bool,
    selected_proposed: bool,
    postpone: String,
    pane: String,
    /// The confirmation of the last action, with its undo ('' / None when none).
    done: String,
    undo: Option<UndoId>,
    error: String,
    /// Invitations whose reply deadline is near and still undecided.
    rsvp: Vec<RsvpLine>,
}

/// An invitation to answer soon (the agenda's reply deadlines).
struct RsvpLine {
    id: crate::ids::EventId,
    title: String,
    day: String,
    by: String,
    late: bool,
}

/// `?page=N` (from 1), `?case=ID` selects a case, `?at=N` selects the N-th line (after an
/// action), `?done=U` shows action U's confirmation with « Annuler », `?undone=1` says an
/// action was undone.
#[derive(Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    case: Option<CaseId>,
    #[serde(default)]
    at: Option<usize>,
    #[serde(default)]
    done: Option<UndoId>,
    #[serde(default)]
    undone: u8,
    /// Kept for old links (`?all=1` showed the whole queue): the queue is paged now.
    #[serde(default)]
    #[allow(dead_code)]
    all: u8,
}

fn reason_label(reason: &str) -> (&'static str, &'static str) {
    match reason {
        "new" => ("à confirmer", "new"),
        "new_mail" => ("nouveau message", "mail"),
        _ => ("échéance dépassée", "late"),
    }
}

fn title_of(title: &str) -> String {
    if title.is_empty() {
        "(sans objet)".to_string()
    } else {
        super::clip(title)
    }
}

/// `GET /`
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<QueueQuery>,
) -> Result<Response, WebError> {
    let html = render(&state, viewer.page("triage"), q, String::new()).await?;
    Ok(Html(html).into_response())
}

async fn render(
    state: &AppState,
    p: Page,
    q: QueueQuery,
    error: String,
) -> Result<String, WebError> {
    let themes = state.themes().await?;
    let editor = p.can_edit();
    let rsvp_days = state.agenda.rsvp_warning_days;
    let (mut page, selected_data) = state
        .read(move |conn| {
            // Read the mark before listing: mail filed meanwhile stays new.
            let through = crate::store::messages::max_id(conn)?;
            let since = cases::since_last_triage(conn)?;
            let today = crate::util::zone_today().format("%Y-%m-%d").to_string();
            let window = |page_no: usize| {
                cases::triage_window(
                    conn,
                    since,
                    &today,
                    (page_no - 1) * PAGE_SIZE,
                    Some(PAGE_SIZE),
                )
            };
            // One query for the page asked; a second only when it is past the end (the queue
            // shrank since the link was made).
            let mut page_no = q.page.unwrap_or(1).max(1);
            let (mut items, total) = window(page_no)?;
            let pages = total.div_ceil(PAGE_SIZE).max(1);
            if page_no > pages {
                page_no = pages;
                items = window(page_no)?.0;
            }
            let now = crate::store::now();
            let wanted = q.case.filter(|c| items.iter().any(|i| i.case.id == *c));
            let index = match (wanted, q.at) {
                (Some(c), _) => items.iter().position(|i| i.case.id == c).unwrap_or(0),
                (None, Some(at)) => at.min(items.len().saturating_sub(1)),
                _ => 0,
            };
            let selected_item = items.get(index).map(|i| (i.case.id, i.reason.clone()));
            let rows = items
                .into_iter()
                .enumerate()
                .map(|(n, item)| {
                    let c = item.case;
                    let (reason, reason_class) = reason_label(&item.reason);
                    let last = chrono::DateTime::parse_from_rfc3339(&c.last_message)
                        .map_or(0, |d| d.timestamp());
                    Row {
                        id: c.id,
                        reason,
                        reason_class,
                        who: item.who,
                        communes: commune_names(&c.communes),
                        themes: c.themes.clone(),
                        priority_label: c.priority.french(),
                        priority: c.priority.to_string(),
                        when: crate::util::french_relative(last, now),
                        when_full: super::when(last),
                        selected: n == index,
                        title: title_of(&c.title),
                    }
                })
                .collect();
            let done = match q.done {
                Some(u) => cases::undo::get(conn, u)?.map(|u| (u.label, u.id)),
                None => None,
            };
            let page = TriagePage {
                p,
                rows,
                total,
                page: page_no,
                pages,
                through,
                themes: std::sync::Arc::new(Vec::new()),
                users: user_choices(conn),
                selected: selected_item.as_ref().map(|s| s.0),
                selected_index: index,
                selected_overdue: selected_item.as_ref().is_some_and(|s| s.1 == "overdue"),
                selected_proposed: selected_item.as_ref().is_some_and(|s| s.1 == "new"),
                postpone: (crate::util::zone_today() + chrono::Days::new(7))
                    .format("%Y-%m-%d")
                    .to_string(),
                pane: String::new(),
                done: match &done {
                    Some((label, _)) => label.clone(),
                    None if q.undone == 1 => "Action annulée.".to_string(),
                    None => String::new(),
                },
                undo: done.map(|d| d.1),
                error,
                rsvp: crate::agenda::rsvp_due(conn, crate::util::zone_today(), rsvp_days)?
                    .into_iter()
                    .map(|e| RsvpLine {
                        id: e.id,
                        title: e.title,
                        day: crate::util::french_long_date(e.date),
                        by: e
                            .rsvp_by
                            .map(crate::util::french_long_date)
                            .unwrap_or_default(),
                        late: e.rsvp_by.is_some_and(|r| r < crate::util::zone_today()),
                    })
                    .collect(),
            };
            let pane = match selected_item {
                Some((id, reason)) => Some(pane_data(conn, id, &reason, editor)?),
                None => None,
            };
            Ok((page, pane))
        })
        .await?;
    page.themes = themes;
    if let Some(data) = selected_data {
        page.pane = pane(state, page.p.clone(), data).await?;
    }
    Ok(page.render()?)
}

/// What the pane needs from the database.
struct PaneData {
    case: cases::Case,
    reason: String,
    who: String,
    reading: Option<cases::Reading>,
    merge_choices: Vec<cases::suggest::Suggestion>,
    official_choices: Vec<(i64, String)>,
}

fn pane_data(
    conn: &rusqlite::Connection,
    id: CaseId,
    reason: &str,
    editor: bool,
) -> anyhow::Result<PaneData> {
    let case = cases::require(conn, id)?;
    let reading = cases::reading(conn, id)?;
    let who = match &case.official {
        Some(o) => super::case::official_label(o),
        None => reading
            .as_ref()
            .filter(|r| !r.outgoing)
            .map_or_else(|| case.correspondent.clone(), |r| r.from.clone()),
    };
    let (merge_choices, official_choices) = if editor {
        let mut officials: Vec<(i64, String)> = Vec::new();
        for code in &case.communes {
            for (oid, name, fonction) in crate::officials::profile::of_commune(conn, code)?
                .into_iter()
                .take(12)
            {
                if !officials.iter().any(|o| o.0 == oid) {
                    let f = if fonction.is_empty() {
                        "conseiller municipal".to_string()
                    } else {
                        fonction
                    };
                    officials.push((oid, format!("{name}, {f}")));
                }
            }
        }
        (cases::suggest::merge_targets(conn, id, "", 12)?, officials)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(PaneData {
        case,
        reason: reason.to_string(),
        who,
        reading,
        merge_choices,
        official_choices,
    })
}

async fn pane(state: &AppState, p: Page, data: PaneData) -> Result<String, WebError> {
    let reading = match data.reading {
        Some(r) => {
            let body = state
                .bodies(vec![(r.message.get(), r.blob.clone())])
                .await?
                .into_iter()
                .next()
                .ok_or_else(|| WebError::Internal(anyhow::anyhow!("no body")))?;
            Some(ReadingView {
                id: r.message.get(),
                from: r.from,
                when: super::when(r.date),
                subject: r.subject,
                outgoing: r.outgoing,
                body,
            })
        }
        None => None,
    };
    let c = data.case;
    let pane = Pane {
        p,
        id: c.id,
        title: title_of(&c.title),
        reason: reason_label(&data.reason).0,
        state: c.state.french(),
        kind: c.kind.french(),
        who: data.who,
        official: c.official.as_ref().map(|o| o.id),
        communes: commune_names(&c.communes),
        themes: c.themes.clone(),
        assignee: c.assignee.clone(),
        due: if c.due.is_empty() {
            String::new()
        } else {
            super::french_date(&c.due)
        },
        messages: c.messages.len(),
        reading,
        merge_choices: data.merge_choices,
        official_choices: data.official_choices,
    };
    Ok(pane.render()?)
}

/// `GET /triage/pane/{id}`: the reading pane of one case (for `app.js`).
pub async fn pane_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<CaseId>,
) -> Result<Html<String>, WebError> {
    let p = viewer.page("triage");
    let editor = p.can_edit();
    let data = state
        .read(move |conn| {
            if cases::get(conn, id)?.is_none() {
                return Ok(None);
            }
            let today = crate::util::zone_today().format("%Y-%m-%d").to_string();
            let case = cases::require(conn, id)?;
            let reason = if case.state == CaseState::Proposed {
                "new"
            } else if !case.due.is_empty() && case.due < today {
                "overdue"
            } else {
                "new_mail"
            };
            Ok(Some(pane_data(conn, id, reason, editor)?))
        })
        .await?
        .ok_or_else(|| WebError::NotFound(format!("Aucun dossier n° {id}.")))?;
    Ok(Html(pane(&state, p, data).await?))
}

/// What `app.js` reads back after an action or an undo.
#[derive(Serialize)]
struct Answer {
    ok: bool,
    /// The confirmation (« Confirmé — 5 dossiers ») or the refusal, in French.
    message: String,
    /// How to take it back.
    undo: Option<UndoId>,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get("x-permanence")
        .is_some_and(|v| v.as_bytes() == b"fetch")
}

/// The first number in a picker's value (« n° 123 — Subvention école » → 123).
fn picked_number(value: &str) -> Option<i64> {
    let digits: String = value
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|n| *n > 0)
}

/// The action a bar's button asks for, with its value from the bar's fields.
fn action_of(
    verb: &str,
    field: &dyn Fn(&str) -> String,
    editor: &str,
    themes: &[String],
) -> Result<Action, String> {
    let refused = |r: Refusal| r.french();
    Ok(match verb {
        "confirm" => Action::Confirm { official: None },
        "me" => Action::assign(editor),
        "assign" => {
            let who = field("assignee");
            if who.is_empty() {
                return Err("Choisissez à qui attribuer le dossier.".into());
            }
            Action::assign(&who)
        }
        "tag" => Action::tag_from_list(&field("theme"), true, themes).map_err(refused)?,
        "official" => {
            let value = field("official");
            let Some(n) = picked_number(&value) else {
                return Err(
                    "Choisissez l'élu dans la liste (tapez son nom ou « maire » et la commune)."
                        .into(),
                );
            };
            Action::Confirm {
                official: Some(OfficialId(n)),
            }
        }
        "merge" => {
            let value = field("into");
            let Some(n) = picked_number(&value) else {
                return Err(
                    "Choisissez le dossier dans la liste (tapez quelques mots de son titre)."
                        .into(),
                );
            };
            Action::Merge { into: CaseId(n) }
        }
        "dismiss" => Action::Dismiss,
        "postpone" => Action::due(&field("postpone")).map_err(refused)?,
        "close" => Action::State(StateChange::To(CaseState::Closed)),
        untag if untag.starts_with("untag:") => Action::Tag {
            themes: vec![untag["untag:".len()..].to_string()],
            on: false,
        },
        "" => return Err("Choisissez une action : un bouton de la barre.".into()),
        other => {
            return Err(format!(
                "Action inconnue : {}.",
                other.chars().take(64).collect::<String>()
            ));
        }
    })
}

/// `POST /triage/act`: one action on the ticked cases (`case`, repeated) or, when none is
/// ticked, on the selected one (`selected`).
pub async fn act(
    State(state): State<AppState>,
    Editor(editor): Editor,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let json = wants_json(&headers);
    let page_no: usize = field("page").parse().unwrap_or(1);
    let at: usize = field("index").parse().unwrap_or(0);
    let mut targets: Vec<CaseId> = form
        .iter()
        .filter(|(k, _)| k == "case")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    if targets.is_empty()
        && let Ok(selected) = field("selected").parse()
    {
        targets.push(selected);
    }
    let themes = state.themes().await?;
    let action = if targets.is_empty() {
        Err("Sélectionnez un dossier (cochez-le ou choisissez-le dans la liste).".to_string())
    } else {
        action_of(&field("verb"), &field, &editor.name, &themes)
    };
    let outcome = match action {
        Err(message) => Err(message),
        Ok(action) => {
            let who = editor.name.clone();
            let bulk = state
                .write(move |ctx| Ok(cases::apply_to_many(ctx, &targets, &who, action)?))
                .await?;
            if bulk.done.is_empty() {
                Err(bulk
                    .refused
                    .iter()
                    .map(|(_, r)| r.french())
                    .collect::<Vec<_>>()
                    .join(" "))
            } else {
                let mut message = bulk.label.clone();
                for (id, r) in &bulk.refused {
                    message.push_str(&format!(" — n° {id} refusé : {}", r.french()));
                }
                Ok((message, bulk.undo))
            }
        }
    };
    match (outcome, json) {
        (Ok((message, undo)), true) => Ok(Json(Answer {
            ok: true,
            message,
            undo,
        })
        .into_response()),
        (Err(message), true) => Ok((
            StatusCode::BAD_REQUEST,
            Json(Answer {
                ok: false,
                message,
                undo: None,
            }),
        )
            .into_response()),
        (Ok((_, undo)), false) => {
            let done = undo.map_or_else(String::new, |u| format!("&done={u}"));
            Ok(Redirect::to(&format!("/?page={page_no}&at={at}{done}")).into_response())
        }
        (Err(message), false) => {
            let q = QueueQuery {
                page: Some(page_no),
                at: Some(at),
                ..QueueQuery::default()
            };
            let html = render(&state, editor.page("triage"), q, message).await?;
            Ok((StatusCode::BAD_REQUEST, Html(html)).into_response())
        }
    }
}

/// The undo form.
#[derive(Deserialize)]
pub struct UndoForm {
    undo: UndoId,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    index: Option<usize>,
}

/// `POST /triage/undo`: takes an action back (a single or a bulk one).
pub async fn undo(
    State(state): State<AppState>,
    Editor(editor): Editor,
    headers: HeaderMap,
    Form(form): Form<UndoForm>,
) -> Result<Response, WebError> {
    let who = editor.name.clone();
    let id = form.undo;
    let result = state
        .write(move |ctx| match cases::undo(ctx, id, &who) {
            Ok(cases) => Ok(Ok(cases)),
            Err(e) => match e.downcast::<cases::UndoRefusal>() {
                Ok(refusal) => Ok(Err(refusal.french())),
                Err(e) => Err(WebError::Internal(e)),
            },
        })
        .await?;
    let json = wants_json(&headers);
    match (result, json) {
        (Ok(cases), true) => Ok(Json(Answer {
            ok: true,
            message: format!(
                "Annulé : {} dossier{} remis comme avant.",
                cases.len(),
                if cases.len() > 1 { "s" } else { "" }
            ),
            undo: None,
        })
        .into_response()),
        (Err(message), true) => Ok((
            StatusCode::BAD_REQUEST,
            Json(Answer {
                ok: false,
                message,
                undo: None,
            }),
        )
            .into_response()),
        (Ok(cases), false) => {
            let first = cases
                .first()
                .map_or_else(String::new, |c| format!("&case={c}"));
            Ok(Redirect::to(&format!(
                "/?page={}&undone=1{first}",
                form.page.unwrap_or(1)
            ))
            .into_response())
        }
        (Err(message), false) => {
            let q = QueueQuery {
                page: form.page,
                at: form.index,
                ..QueueQuery::default()
            };
            let html = render(&state, editor.page("triage"), q, message).await?;
            Ok((StatusCode::BAD_REQUEST, Html(html)).into_response())
        }
    }
}

/// `?case=ID&q=TEXT` for the merge picker, `?q=TEXT` for the official picker.
#[derive(Deserialize)]
pub struct PickQuery {
    #[serde(default)]
    case: Option<CaseId>,
    #[serde(default)]
    q: String,
}

/// One choice of a picker: the text put in the field (« n° 12 — Subvention école ») and a
/// detail.
#[derive(Serialize)]
struct Choice {
    value: String,
    detail: String,
}

/// `GET /triage/pick/cases`: merge targets for the picker.
pub async fn pick_cases(
    State(state): State<AppState>,
    _viewer: Viewer,
    Query(q): Query<PickQuery>,
) -> Result<Response, WebError> {
    let case = q.case.unwrap_or(CaseId(0));
    let query: String = q.q.chars().take(200).collect();
    let found = state
        .read(move |conn| Ok(cases::suggest::merge_targets(conn, case, &query, 15)?))
        .await?;
    let choices: Vec<Choice> = found
        .into_iter()
        .map(|s| Choice {
            value: format!("n° {} — {}", s.id, title_of(&s.title)),
            detail: format!("{}, {}", s.state, s.why),
        })
        .collect();
    Ok(Json(choices).into_response())
}

/// `GET /triage/pick/officials`: officials by name, commune, or « maire Vif ».
pub async fn pick_officials(
    State(state): State<AppState>,
    _viewer: Viewer,
    Query(q): Query<PickQuery>,
) -> Result<Response, WebError> {
    let query: String = q.q.chars().take(200).collect();
    if query.trim().chars().count() < 2 {
        return Ok(Json(Vec::<Choice>::new()).into_response());
    }
    let found = state
        .read(move |conn| Ok(crate::officials::profile::find(conn, &query)?))
        .await?;
    let choices: Vec<Choice> = found
        .into_iter()
        .take(15)
        .map(|f| Choice {
            value: format!("n° {} — {}", f.id, f.name),
            detail: f.functions,
        })
        .collect();
    Ok(Json(choices).into_response())
}

/// The "seen" form.
#[derive(Deserialize)]
pub struct SeenForm {
    through: i64,
}

/// `POST /triage/seen`: the mail up to `through` has been looked at; open cases leave the
/// queue until new mail arrives (recorded like a `triage` run). The page asks first.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picked_numbers_come_from_the_pickers_text() {
        assert_eq!(picked_number("n° 123 — Subvention école 2026"), Some(123));
        assert_eq!(picked_number("#45"), Some(45));
        assert_eq!(picked_number("  7 "), Some(7));
        assert_eq!(picked_number("Subvention"), None);
        assert_eq!(picked_number("n° 0"), None);
    }
}
