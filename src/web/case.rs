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

/// One unit of a folded campaign letter.
struct PieceView {
    /// Common units left out here (0 for a unit shown).
    skipped: usize,
    text: String,
    /// `common`, `variant`, `added` or `formula`.
    class: &'static str,
}

/// One letter of a campaign: a row of the senders' table and a folded letter.
struct LetterView {
    id: i64,
    commune: String,
    commune_code: String,
    from: String,
    official: Option<(i64, String)>,
    day: String,
    date: String,
    subject: String,
    added: String,
    pieces: Vec<PieceView>,
    body: Arc<Body>,
}

/// A campaign case as one text, its senders and their letters folded.
struct CampaignView {
    senders: usize,
    communes: usize,
    common: Vec<cases::letters::CommonUnit>,
    letters: Vec<LetterView>,
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
    /// The title shown (a campaign's computed one; else the stored title).
    title: String,
    /// For a campaign: its letters summarised (the thread then holds the office's messages).
    campaign: Option<CampaignView>,
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

/// Letters of a campaign read for its common text and shown folded; a larger campaign shows
/// its latest ones (each folded letter is a few hundred bytes: its additions, not the text).
const MAX_CAMPAIGN_LETTERS: usize = 500;

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
            let entries = cases::thread(conn, &case)?;
            // A campaign's incoming letters are summarised; its thread keeps the office's mail.
            let senders = if case.kind == cases::Kind::Campaign {
                Some(cases::letters::senders(conn, &entries)?)
            } else {
                None
            };
            let mut thread = Vec::new();
            let mut blobs = Vec::new();
            let mut letter_blobs = Vec::new();
            for entry in entries {
                let row = entry.message;
                if senders.is_some() && !entry.outgoing {
                    letter_blobs.push((row.id, row.blob.clone()));
                    continue;
                }
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
                title: case.title.clone(),
                campaign: None,
                case,
            };
            Ok((page, blobs, access, senders, letter_blobs))
        })
        .await?;
    let (mut page, mut blobs, access, senders, mut letter_blobs) = page;
    state.record(access);
    // Read and sanitise the bodies without holding the data directory; a long thread shows the
    // bodies of its latest messages only.
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
    if let Some(mut senders) = senders {
        let skipped = letter_blobs.len().saturating_sub(MAX_CAMPAIGN_LETTERS);
        letter_blobs.drain(..skipped);
        senders.drain(..skipped.min(senders.len()));
        let bodies = state.bodies(letter_blobs).await?;
        page.campaign = Some(campaign_view(&mut page.title, senders, bodies));
    }
    Ok(Html(page.render()?))
}

/// The campaign part of the case page, from its senders and their letters' bodies: the
/// summary is [`cases::letters::summarise`]'s; this only shapes it for the template.
fn campaign_view(
    title: &mut String,
    senders: Vec<cases::letters::Sender>,
    bodies: Vec<Arc<Body>>,
) -> CampaignView {
    use cases::letters::{Part, Piece};
    let letters: Vec<(cases::letters::Sender, String)> = senders
        .into_iter()
        .zip(&bodies)
        .map(|(s, b)| (s, b.text.clone()))
        .collect();
    let summary = cases::letters::summarise(title, letters);
    *title = super::clip(&summary.title);
    CampaignView {
        senders: summary.senders,
        communes: summary.communes,
        common: summary.common,
        letters: summary
            .letters
            .into_iter()
            .zip(bodies)
            .map(|(l, body)| {
                let (commune_code, commune) = l.sender.commune.clone().unwrap_or_default();
                LetterView {
                    id: l.sender.message.get(),
                    commune,
                    commune_code,
                    from: super::clip(&l.sender.from),
                    official: l.sender.official.clone(),
                    day: super::day(l.sender.date),
                    date: super::when(l.sender.date),
                    subject: super::clip(&l.sender.subject),
                    added: l.added,
                    pieces: l
                        .pieces
                        .into_iter()
                        .map(|p| match p {
                            Piece::Skipped(n) => PieceView {
                                skipped: n,
                                text: String::new(),
                                class: "common",
                            },
                            Piece::Unit { text, part } => PieceView {
                                skipped: 0,
                                text,
                                class: match part {
                                    Part::Common => "common",
                                    Part::Variant => "variant",
                                    Part::Added => "added",
                                    Part::Formula => "formula",
                                },
                            },
                        })
                        .collect(),
                    body,
                }
            })
            .collect(),
    }
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
    /// « il y a 3 h », « hier à 17:40 », « 27 avr. »…
    last: String,
    /// The full date, on hover.
    last_full: String,
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
            let (found, total) = cases::list_lines(conn, &query)?;
            let now = crate::store::now();
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
                    last: relative(&c.last_message, now),
                    last_full: super::when_rfc3339(&c.last_message),
                    messages: c.messages,
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

/// An RFC 3339 time as lists write it, relative to `now` (« il y a 3 h »).
fn relative(text: &str, now: i64) -> String {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|d| crate::util::french_relative(d.timestamp(), now))
        .unwrap_or_default()
}
