//! The message page (headers, the `explain` text of every tag, attachments, link to its case),
//! the body shown in case threads, and downloads: the original `.eml`, each attachment, inline
//! `cid:` images. Bodies come from the raw store, parsed again: HTML is sanitised
//! (`sanitize::mail_html`, remote content blocked), text is escaped by the template. Downloads
//! are `attachment` dispositions with a declared type from a short safe list, else
//! `application/octet-stream`, and `nosniff` (set on every response).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use mail_parser::{MessageParser, MimeHeaders, PartType};

use super::auth::Viewer;
use super::{AppState, Page, WebError, sanitize};
use crate::context::Context;
use crate::store::messages::{self, MessageRow};

/// An attachment as listed.
pub struct AttachmentView {
    /// Position among the message's attachments (download URL).
    pub n: usize,
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
}

fn load(ctx: &Context, id: i64) -> Result<(MessageRow, Vec<u8>), WebError> {
    let row = messages::get(ctx.store.conn(), id)?
        .ok_or_else(|| WebError::NotFound(format!("Aucun message n° {id}.")))?;
    let bytes = ctx.raw.read(&row.blob)?;
    Ok((row, bytes))
}

/// The body of a stored message, for the message page and case threads.
pub fn body(ctx: &Context, id: i64, bytes: &[u8]) -> Body {
    let options = crate::parse::ParseOptions {
        max_parse_bytes: (ctx.config.ingest.max_parse_mb as usize) << 20,
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
    if has_html && let Some(html) = message.body_html(0) {
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
        let safe = sanitize::mail_html(&html, &cid);
        out.html = Some(safe.html);
        out.blocked = safe.blocked_remote;
    }
    out.attachments = message
        .attachments()
        .enumerate()
        .map(|(n, part)| AttachmentView {
            n,
            name: part.attachment_name().unwrap_or("").to_string(),
            mime: mime_of(part),
            size: crate::util::human_size(part.contents().len() as u64),
        })
        .collect();
    out
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
    body: Body,
    explain: String,
    case: Option<(i64, String, String)>,
}

/// `GET /message/{id}`
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let who = viewer.name.clone();
    let (row, body, explain, case) = state
        .db(move |ctx| {
            let (row, bytes) = load(ctx, id)?;
            crate::access::record(ctx.store.conn(), &who, "show", &format!("#{id}"), &[id]);
            let body = body(ctx, id, &bytes);
            let mut text = Vec::new();
            crate::cli_rules::explain_to(ctx, &row, &mut text)?;
            let case = crate::cases::of_message(ctx.store.conn(), id)?
                .map(|(case, method, _)| {
                    crate::cases::require(ctx.store.conn(), case).map(|c| (case, c.title, method))
                })
                .transpose()?;
            Ok((row, body, String::from_utf8_lossy(&text).into_owned(), case))
        })
        .await?;
    let list = crate::parse::Mailbox::list;
    let mut headers = vec![
        Header {
            name: "De",
            value: list(std::slice::from_ref(&row.from)),
        },
        Header {
            name: "À",
            value: list(&row.to),
        },
    ];
    if !row.cc.is_empty() {
        headers.push(Header {
            name: "Cc",
            value: list(&row.cc),
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
            value: super::kind_label(&row.kind).to_string(),
        },
        Header {
            name: "Langue",
            value: row.language.clone(),
        },
        Header {
            name: "Taille",
            value: crate::util::human_size(row.size as u64),
        },
    ]);
    if !row.error.is_empty() {
        headers.push(Header {
            name: "Analyse",
            value: format!("{} : {}", row.state, row.error),
        });
    }
    let page = MessagePage {
        p: viewer.page("search"),
        id,
        subject: if row.subject.is_empty() {
            "(sans objet)".to_string()
        } else {
            row.subject.clone()
        },
        headers,
        body,
        explain,
        case,
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
    let bytes = state
        .db(move |ctx| {
            let (_, bytes) = load(ctx, id)?;
            crate::access::record(ctx.store.conn(), &who, "raw", &format!("#{id}"), &[id]);
            Ok(bytes)
        })
        .await?;
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
    let (mime, name, bytes) = state
        .db(move |ctx| {
            let (_, raw) = load(ctx, id)?;
            let message = MessageParser::default()
                .parse(&raw)
                .ok_or_else(|| WebError::NotFound("Message illisible.".to_string()))?;
            let part = message
                .attachments()
                .nth(n)
                .ok_or_else(|| WebError::NotFound(format!("Pas de pièce jointe n° {n}.")))?;
            crate::access::record(
                ctx.store.conn(),
                &who,
                "attachment",
                &format!("#{id}/{n}"),
                &[id],
            );
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

/// `GET /message/{id}/cid/{cid}`: an inline raster image the sanitised HTML refers to.
pub async fn inline(
    State(state): State<AppState>,
    _viewer: Viewer,
    Path((id, cid)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let (mime, bytes) = state
        .db(move |ctx| {
            let (_, raw) = load(ctx, id)?;
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
