//! The message page (headers, the `explain` text of every tag, attachments, link to its case),
//! the body shown in case threads, and downloads: the original `.eml`, each attachment, inline
//! `cid:` images. Bodies come from the raw store, parsed again: HTML is sanitised
//! (`sanitize::mail_html`, remote content blocked) when it is within the sanitiser's size and
//! depth budget, else the text is shown with a notice; text is escaped by the template. Reading
//! the original, parsing and sanitising never run while the data directory is held (only the
//! row lookup and the access log do), and a sanitised body is kept in a small cache keyed by the
//! original's hash, so a hostile mail costs its bounded price once, not at every view and not
//! for everyone waiting on the lock. Downloads are `attachment` dispositions with a declared
//! type from a short safe list, else `application/octet-stream`, and `nosniff` (set on every
//! response).

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use askama::Template;
use axum::extract::State;

use super::Path;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use mail_parser::{MessageParser, MimeHeaders, PartType};

use super::auth::Viewer;
use super::{AppState, Page, WebError, sanitize};
use crate::ids::{CaseId, MessageId};
use crate::rawstore::RawStore;
use crate::store::messages::{self, MessageRow};

/// An attachment as listed.
pub struct AttachmentView {
    /// Position among the message's attachments (download URL).
    pub n: usize,
    /// Position among its attachments that are not multipart containers, as stored
    /// (`attachments.position`, `attachment_text.position`).
    pub position: Option<usize>,
    /// File name ('' when none).
    pub name: String,
    /// Declared type.
    pub mime: String,
    /// Decoded size, for humans.
    pub size: String,
}

/// A message body ready to show.
pub struct Body {
    /// Sanitised HTML, when the message has an HTML part.
    pub html: Option<String>,
    /// Remote images and resources removed from it.
    pub blocked: usize,
    /// The sender's own text (shown when there is no HTML).
    pub text: String,
    /// Quoted replies (folded away).
    pub quoted: String,
    /// Attachments.
    pub attachments: Vec<AttachmentView>,
    /// Why the HTML is not shown ('' when it is, or when there is none).
    pub notice: String,
}

impl Body {
    /// A body that could not be read, saying why.
    pub fn unreadable(err: &anyhow::Error) -> Body {
        Body {
            html: None,
            blocked: 0,
            text: format!("(original illisible : {err:#})"),
            quoted: String::new(),
            attachments: Vec::new(),
            notice: String::new(),
        }
    }

    /// A body left out of a long thread's page, pointing to the message's own page.
    pub fn omitted(id: i64) -> Body {
        Body {
            html: None,
            blocked: 0,
            text: String::new(),
            quoted: String::new(),
            attachments: Vec::new(),
            notice: format!(
                "Message ancien d'un long dossier : son texte est sur sa propre page (message n° {id})."
            ),
        }
    }

    /// Bytes held, for the cache's budget.
    fn weight(&self) -> usize {
        self.html.as_ref().map_or(0, String::len) + self.text.len() + self.quoted.len() + 256
    }
}

/// Sanitised bodies by original hash (content-addressed: an entry never goes stale), oldest
/// evicted first once [`BodyCache::BUDGET`] bytes are held.
#[derive(Default)]
pub struct BodyCache {
    entries: HashMap<String, Arc<Body>>,
    order: VecDeque<String>,
    held: usize,
}

impl BodyCache {
    /// Bytes of bodies kept in memory.
    pub const BUDGET: usize = 32 << 20;

    fn get(&self, blob: &str) -> Option<Arc<Body>> {
        self.entries.get(blob).cloned()
    }

    fn insert(&mut self, blob: &str, body: Arc<Body>) {
        if self.entries.contains_key(blob) || body.weight() > Self::BUDGET / 4 {
            return;
        }
        self.held += body.weight();
        self.entries.insert(blob.to_string(), body);
        self.order.push_back(blob.to_string());
        while self.held > Self::BUDGET {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some(gone) = self.entries.remove(&old) {
                self.held = self.held.saturating_sub(gone.weight());
            }
        }
    }
}

/// Where bodies come from, cloned out of the data directory so that reading and sanitising do
/// not hold it.
#[derive(Clone)]
pub struct Originals {
    /// The raw store.
    pub raw: RawStore,
    /// `[ingest] max_parse_mb`, in bytes.
    pub max_parse_bytes: usize,
    /// `[web] allowed_hosts`: links to them are removed from mail HTML.
    pub own_hosts: Vec<String>,
}

/// The bodies of `wanted` (message id, original's hash), from the cache or read, parsed and
/// sanitised now. Blocks: call it on the blocking pool, never while holding the data directory.
pub fn bodies(
    originals: &Originals,
    cache: &std::sync::Mutex<BodyCache>,
    wanted: &[(i64, String)],
) -> Vec<Arc<Body>> {
    let lock = || {
        cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    wanted
        .iter()
        .map(|(id, blob)| {
            if let Some(hit) = lock().get(blob) {
                return hit;
            }
            let made = Arc::new(match originals.raw.read(blob) {
                Ok(bytes) => body(originals, *id, &bytes),
                Err(err) => return Arc::new(Body::unreadable(&err)),
            });
            lock().insert(blob, Arc::clone(&made));
            made
        })
        .collect()
}

/// Attachments listed on a page (a hostile mail may carry thousands).
const MAX_ATTACHMENTS_SHOWN: usize = 200;

fn row(conn: &rusqlite::Connection, id: i64) -> Result<MessageRow, WebError> {
    messages::get(conn, id)?.ok_or_else(|| WebError::NotFound(format!("Aucun message n° {id}.")))
}

/// The body of a stored message, for the message page and case threads. Parsing is bounded by
/// `max_parse_bytes` and sanitising by [`sanitize::check_budget`]; beyond the budget the text is
/// shown with a notice.
pub fn body(originals: &Originals, id: i64, bytes: &[u8]) -> Body {
    let options = crate::parse::ParseOptions {
        max_parse_bytes: originals.max_parse_bytes,
    };
    let parsed = crate::parse::parse(bytes, &options).ok();
    let (text, quoted) = parsed
        .as_ref()
        .map(|p| (p.body.clone(), p.quoted.clone()))
        .unwrap_or_default();
    let mut out = Body {
        html: None,
        blocked: 0,
        text,
        quoted,
        attachments: Vec::new(),
        notice: String::new(),
    };
    if parsed.as_ref().is_some_and(|p| p.headers_only) {
        return out;
    }
    let Some(message) = MessageParser::default().parse(bytes) else {
        return out;
    };
    let has_html = message.html_body.iter().any(|&i| {
        matches!(
            message.parts.get(i as usize).map(|p| &p.body),
            Some(PartType::Html(_))
        )
    });
    if has_html
        && let Some(html) = message.body_html(0)
        && let Err(over) = sanitize::check_budget(&html)
    {
        tracing::info!(message = id, reason = ?over, "mail HTML over the sanitiser's budget: shown as text");
        out.notice = over.notice();
    } else if has_html && let Some(html) = message.body_html(0) {
        let cids: Vec<String> = message
            .parts
            .iter()
            .filter(|p| is_inline_image(p))
            .filter_map(|p| p.content_id().map(str::to_string))
            .collect();
        let cid = move |c: &str| {
            cids.iter()
                .any(|x| x == c)
                .then(|| format!("/message/{id}/cid/{}", super::urlencode(c)))
        };
        let safe = sanitize::mail_html_for(&html, &cid, &originals.own_hosts);
        out.html = Some(safe.html);
        out.blocked = safe.blocked_remote;
    }
    let mut stored = 0usize;
    out.attachments = message
        .attachments()
        .enumerate()
        .take(MAX_ATTACHMENTS_SHOWN)
        .map(|(n, part)| AttachmentView {
            n,
            position: (!matches!(part.body, PartType::Multipart(_))).then(|| {
                stored += 1;
                stored - 1
            }),
            name: super::clip(part.attachment_name().unwrap_or("")),
            mime: mime_label(&mime_of(part)),
            size: crate::util::french_size(part.contents().len() as u64),
        })
        .collect();
    out
}

/// A content type as people name the file: « PDF », « image JPEG », « document Word »…; an
/// unusual one as it is (clipped).
fn mime_label(mime: &str) -> String {
    let label = match mime {
        "application/pdf" => "PDF",
        "image/jpeg" => "image JPEG",
        "image/png" => "image PNG",
        "image/gif" => "image GIF",
        "image/webp" => "image WebP",
        "image/tiff" => "image TIFF",
        "text/plain" => "texte",
        "text/html" => "page HTML",
        "text/calendar" | "application/ics" => "invitation (agenda)",
        "text/csv" => "tableau CSV",
        "application/msword"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            "document Word"
        }
        "application/vnd.oasis.opendocument.text" => "document texte OpenDocument",
        "application/vnd.ms-excel"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "tableur Excel",
        "application/vnd.oasis.opendocument.spreadsheet" => "tableur OpenDocument",
        "application/vnd.ms-powerpoint"
        | "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            "présentation PowerPoint"
        }
        "application/zip" => "archive ZIP",
        "message/rfc822" => "message transféré",
        "application/ms-tnef" | "application/vnd.ms-tnef" => "pièce Outlook (winmail.dat)",
        "application/octet-stream" => "fichier",
        other => return super::clip(other),
    };
    label.to_string()
}

fn mime_of(part: &mail_parser::MessagePart<'_>) -> String {
    part.content_type()
        .map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub),
            None => ct.ctype().to_string(),
        })
        .unwrap_or_else(|| "application/octet-stream".to_string())
        .to_ascii_lowercase()
}

/// Inline images that may be shown: raster types only (SVG can carry script).
fn is_inline_image(part: &mail_parser::MessagePart<'_>) -> bool {
    matches!(
        mime_of(part).as_str(),
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    ) && matches!(part.body, PartType::InlineBinary(_) | PartType::Binary(_))
}

/// Types a download may declare; anything else is sent as `application/octet-stream`.
fn download_type(mime: &str) -> &str {
    match mime {
        "application/pdf"
        | "image/png"
        | "image/jpeg"
        | "image/gif"
        | "image/webp"
        | "application/vnd.oasis.opendocument.text"
        | "application/vnd.oasis.opendocument.spreadsheet"
        | "application/msword"
        | "application/vnd.ms-excel"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/zip"
        | "text/calendar" => mime,
        _ => "application/octet-stream",
    }
}

/// `attachment; filename="…"; filename*=UTF-8''…` with a safe ASCII fallback.
fn disposition(name: &str) -> String {
    let ascii: String = deunicode::deunicode(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let ascii = if ascii.trim().is_empty() {
        "piece-jointe".to_string()
    } else {
        ascii
    };
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        super::urlencode(name)
    )
}

fn download(mime: &str, name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, download_type(mime).to_string()),
            (header::CONTENT_DISPOSITION, disposition(name)),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

struct Header {
    name: &'static str,
    value: String,
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    p: Page,
    id: i64,
    subject: String,
    headers: Vec<Header>,
    body: Arc<Body>,
    explain: Explain,
    case: Option<(CaseId, String, String)>,
    /// The agenda's events read from it: (id, « samedi 14 mars 2026 · 11 h », title, state).
    events: Vec<(crate::ids::EventId, String, String, &'static str)>,
    attachments: Vec<AttachmentLine>,
}

/// An attachment as the message page lists it: the download, and what its text gave.
struct AttachmentLine {
    n: usize,
    position: Option<usize>,
    name: String,
    mime: String,
    size: String,
    /// « texte lu », « délai dépassé »… ('' while it waits for extraction).
    state: String,
    /// Text was read: the view link and the preview are shown.
    ok: bool,
    chars: String,
    detail: String,
    preview: String,
}

/// Characters of an attachment's text shown under it.
const PREVIEW_CHARS: usize = 300;

/// « Pourquoi ces étiquettes » : sentences, and the technical trace folded away.
struct Explain {
    sentences: Vec<String>,
    trace: String,
}

/// `GET /message/{id}`
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let who = viewer.name.clone();
    let (row, explain, case, access, previews, events) = state
        .read(move |conn| {
            let row = row(conn, id)?;
            let access = crate::access::describe(conn, &who, "show", &format!("#{id}"), &[id])?;
            let previews = crate::extract::previews(conn, MessageId(id), PREVIEW_CHARS)?;
            let explanation = crate::explain::explain(conn, &row)?;
            let case = crate::cases::of_message(conn, MessageId(id))?
                .map(|(case, method, _)| {
                    crate::cases::require(conn, case).map(|c| (case, super::clip(&c.title), method))
                })
                .transpose()?;
            // The explanation quotes the subject and matched words: bounded like the rest.
            let french = crate::explain::french::french(&explanation, super::theme_label);
            let explain = Explain {
                sentences: french
                    .sentences
                    .iter()
                    .map(|l| super::clip(l))
                    .take(100)
                    .collect(),
                trace: french
                    .trace
                    .iter()
                    .map(|l| super::clip(l))
                    .take(500)
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            let events = crate::agenda::list(
                conn,
                &crate::agenda::Query {
                    message: Some(MessageId(id)),
                    ..Default::default()
                },
            )?
            .into_iter()
            .map(|e| {
                let when = match e.start {
                    Some(t) => format!(
                        "{} · {}",
                        crate::util::french_long_date(e.date),
                        crate::agenda::read::french_time(t)
                    ),
                    None => crate::util::french_long_date(e.date),
                };
                (e.id, when, super::clip(&e.title), e.state.french())
            })
            .collect();
            Ok((row, explain, case, access, previews, events))
        })
        .await?;
    state.record(access);
    let body = state
        .bodies(vec![(id, row.blob.clone())])
        .await?
        .pop()
        .ok_or_else(|| WebError::Internal(anyhow::anyhow!("no body for message {id}")))?;
    let list = crate::parse::Mailbox::list;
    let mut headers = vec![
        Header {
            name: "De",
            value: super::clip(&list(std::slice::from_ref(&row.from))),
        },
        Header {
            name: "À",
            value: super::clip(&list(&row.to)),
        },
    ];
    if !row.cc.is_empty() {
        headers.push(Header {
            name: "Cc",
            value: super::clip(&list(&row.cc)),
        });
    }
    headers.extend([
        Header {
            name: "Date",
            value: super::when(row.date),
        },
        Header {
            name: "Message-ID",
            value: row.message_id.clone(),
        },
        Header {
            name: "Nature",
            value: row.kind.french().to_string(),
        },
        Header {
            name: "Langue",
            value: row.language.clone(),
        },
        Header {
            name: "Taille",
            value: crate::util::french_size(row.size as u64),
        },
    ]);
    if !row.error.is_empty() {
        headers.push(Header {
            name: "Analyse",
            value: format!("{} : {}", row.state, row.error),
        });
    }
    let attachments = body
        .attachments
        .iter()
        .map(|a| {
            let t = a
                .position
                .and_then(|p| previews.iter().find(|t| t.position == p));
            let ok = t.is_some_and(|t| t.state == crate::extract::State::Ok);
            AttachmentLine {
                n: a.n,
                position: a.position,
                name: a.name.clone(),
                mime: a.mime.clone(),
                size: a.size.clone(),
                state: t.map_or_else(String::new, |t| t.state.french().to_string()),
                ok,
                chars: t.map_or_else(String::new, |t| {
                    format!("{} caractères", crate::util::french_count(t.chars as u64))
                }),
                detail: t.map_or_else(String::new, |t| super::clip(&t.detail)),
                preview: t.map_or_else(String::new, |t| {
                    let words: Vec<&str> = t.start.split_whitespace().collect();
                    let mut p = words.join(" ");
                    if t.chars > PREVIEW_CHARS {
                        p.push_str(" …");
                    }
                    p
                }),
            }
        })
        .collect();
    let page = MessagePage {
        p: viewer.page("search"),
        attachments,
        id,
        subject: if row.subject.is_empty() {
            "(sans objet)".to_string()
        } else {
            super::clip(&row.subject)
        },
        headers,
        body,
        explain,
        case,
        events,
    };
    Ok(Html(page.render()?))
}

/// `GET /message/{id}/raw`: the original bytes, as stored.
pub async fn raw(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let who = viewer.name;
    let (blob, access) = state
        .read(move |conn| {
            let row = row(conn, id)?;
            let access = crate::access::describe(conn, &who, "raw", &format!("#{id}"), &[id])?;
            Ok((row.blob, access))
        })
        .await?;
    state.record(access);
    let bytes = state.original(blob, Ok).await?;
    Ok(download(
        "application/octet-stream",
        &format!("message-{id}.eml"),
        bytes,
    ))
}

/// `GET /message/{id}/part/{n}`: attachment `n`, as a download.
pub async fn attachment(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, n)): Path<(i64, usize)>,
) -> Result<Response, WebError> {
    let who = viewer.name;
    let (blob, access) = state
        .read(move |conn| {
            let row = row(conn, id)?;
            let access =
                crate::access::describe(conn, &who, "attachment", &format!("#{id}/{n}"), &[id])?;
            Ok((row.blob, access))
        })
        .await?;
    state.record(access);
    let (mime, name, bytes) = state
        .original(blob, move |raw| {
            let message = MessageParser::default()
                .parse(&raw)
                .ok_or_else(|| WebError::NotFound("Message illisible.".to_string()))?;
            let part = message
                .attachments()
                .nth(n)
                .ok_or_else(|| WebError::NotFound(format!("Pas de pièce jointe n° {n}.")))?;
            Ok((
                mime_of(part),
                part.attachment_name()
                    .map_or_else(|| format!("piece-jointe-{n}"), str::to_string),
                part.contents().to_vec(),
            ))
        })
        .await?;
    Ok(download(&mime, &name, bytes))
}

/// The text extracted from one attachment.
#[derive(Template)]
#[template(path = "attachment_text.html")]
struct TextPage {
    p: Page,
    id: i64,
    subject: String,
    name: String,
    /// Its download position (`/part/{n}`), which counts multipart containers too.
    n: usize,
    state: String,
    chars: String,
    extractor: String,
    detail: String,
    text: String,
}

/// `GET /message/{id}/text/{position}`: the text extracted from attachment `position` (as
/// stored), as a page. Recorded in the access log like the attachment itself.
pub async fn attachment_text(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, position)): Path<(i64, usize)>,
) -> Result<Html<String>, WebError> {
    let who = viewer.name.clone();
    let (row, text, access) = state
        .read(move |conn| {
            let row = row(conn, id)?;
            let text = crate::extract::of_message(conn, MessageId(id))?
                .into_iter()
                .find(|t| t.position == position)
                .ok_or_else(|| {
                    WebError::NotFound(format!(
                        "Pas de texte extrait pour la pièce jointe n° {position}."
                    ))
                })?;
            let access = crate::access::describe(
                conn,
                &who,
                "attachment-text",
                &format!("#{id}/{position}"),
                &[id],
            )?;
            Ok((row, text, access))
        })
        .await?;
    state.record(access);
    let name = row
        .attachments
        .get(position)
        .map(|a| a.filename.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("pièce jointe {position}"));
    let body = state
        .bodies(vec![(id, row.blob.clone())])
        .await?
        .pop()
        .ok_or_else(|| WebError::Internal(anyhow::anyhow!("no body for message {id}")))?;
    let n = body
        .attachments
        .iter()
        .find(|a| a.position == Some(position))
        .map_or(position, |a| a.n);
    let page = TextPage {
        p: viewer.page("search"),
        id,
        subject: if row.subject.is_empty() {
            "(sans objet)".to_string()
        } else {
            super::clip(&row.subject)
        },
        name: super::clip(&name),
        n,
        state: text.state.french().to_string(),
        chars: format!(
            "{} caractères",
            crate::util::french_count(text.chars as u64)
        ),
        extractor: text.extractor,
        detail: text.detail,
        text: text.text,
    };
    Ok(Html(page.render()?))
}

/// `GET /message/{id}/cid/{cid}`: an inline raster image the sanitised HTML refers to.
pub async fn inline(
    State(state): State<AppState>,
    _viewer: Viewer,
    Path((id, cid)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let blob = state.read(move |conn| Ok(row(conn, id)?.blob)).await?;
    let (mime, bytes) = state
        .original(blob, move |raw| {
            let message = MessageParser::default()
                .parse(&raw)
                .ok_or_else(|| WebError::NotFound("Message illisible.".to_string()))?;
            let part = message
                .parts
                .iter()
                .find(|p| is_inline_image(p) && p.content_id() == Some(cid.as_str()))
                .ok_or_else(|| WebError::NotFound("Image introuvable.".to_string()))?;
            Ok((mime_of(part), part.contents().to_vec()))
        })
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "private, max-age=3600".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_never_declare_active_types() {
        assert_eq!(download_type("text/html"), "application/octet-stream");
        assert_eq!(download_type("image/svg+xml"), "application/octet-stream");
        assert_eq!(download_type("application/pdf"), "application/pdf");
    }

    #[test]
    fn disposition_is_quoted_safely() {
        let d = disposition("Délibération \"n°3\"\r\n.pdf");
        let fallback = d.split('"').nth(1).unwrap_or_default();
        assert!(
            fallback.starts_with("Deliberation _n") && fallback.ends_with(".pdf"),
            "{d}"
        );
        assert!(fallback.is_ascii() && !fallback.contains('"'), "{d}");
        assert_eq!(d.matches('"').count(), 2, "{d}");
        assert!(!d.contains('\r') && !d.contains('\n'));
        assert!(d.contains("filename*=UTF-8''D%C3%A9lib"));
    }
}
