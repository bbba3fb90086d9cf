//! Who is logged in, and what they may post. The session cookie (see `users::session`) is
//! resolved once per request on a read-only connection (`resolve_session`), which leaves the
//! [`Viewer`] in the request for the extractors `Viewer` (any role), `Editor` (staff, admin)
//! and `AdminUser` that gate each handler.
//!
//! Every POST must carry the session's CSRF token (`csrf_guard`, one place for all forms; the
//! login form uses a token in its own short-lived cookie, see `login.rs`), and a cross-site
//! `Origin` is refused; refusals of a logged-in session go to the audit log.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;

use super::recorder::Deferred;
use super::{AppState, Page, WebError};
use crate::store::now;
use crate::users::{self, Role};

/// Session cookie name.
pub const SESSION_COOKIE: &str = "permanence_session";
/// The login form's CSRF cookie.
pub const LOGIN_COOKIE: &str = "permanence_login";

/// A logged-in user (any role).
#[derive(Debug, Clone)]
pub struct Viewer {
    /// User id.
    pub id: i64,
    /// User name, as written to case histories and logs.
    pub name: String,
    /// Role.
    pub role: Role,
    /// The session's CSRF token.
    pub csrf: String,
}

impl Viewer {
    /// The layout data for a page under `tab`.
    pub fn page(&self, tab: &'static str) -> Page {
        Page {
            user: self.name.clone(),
            role: self.role,
            csrf: self.csrf.clone(),
            tab,
        }
    }
}

/// A user who may change cases (staff or admin).
pub struct Editor(pub Viewer);

/// An administrator.
pub struct AdminUser(pub Viewer);

/// A new random token (256 bits, hex).
pub fn random_token() -> Result<String, WebError> {
    Ok(users::session::random_token()?)
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Resolves the session cookie once per request, on a read-only connection, and leaves the
/// logged-in [`Viewer`] in the request's extensions for the CSRF guard and the extractors.
/// Refreshing the session's last use and deleting an expired one are queued for the recorder:
/// no request waits for the write lock to learn who is logged in.
pub async fn resolve_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let jar = CookieJar::from_headers(request.headers());
    if let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) {
        let found = state
            .read(move |conn| Ok(users::session::lookup(conn, &token)?))
            .await;
        let (idle, max) = (state.config.idle_minutes, state.config.max_hours);
        match found {
            Ok(Some(session)) => {
                let at = now();
                match users::session::check(&session, at, idle, max) {
                    users::session::Verdict::Valid { role, touch } => {
                        if touch {
                            state.recorder.send(Deferred::SessionSeen {
                                token_hash: session.token_hash.clone(),
                                at,
                            });
                        }
                        request.extensions_mut().insert(Viewer {
                            id: session.user,
                            name: session.name,
                            role,
                            csrf: session.csrf,
                        });
                    }
                    users::session::Verdict::Expired => {
                        state.recorder.send(Deferred::SessionEnded {
                            token_hash: session.token_hash,
                        });
                    }
                }
            }
            Ok(None) => {}
            Err(err) => return err.into_response(),
        }
    }
    next.run(request).await
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, WebError> {
        if let Some(viewer) = parts.extensions.get::<Viewer>() {
            return Ok(viewer.clone());
        }
        let back = if parts.method == Method::GET {
            parts
                .uri
                .path_and_query()
                .map_or("/".to_string(), |p| p.as_str().to_string())
        } else {
            "/".to_string()
        };
        Err(WebError::Login(back))
    }
}

/// The logged-in user when `allowed(role)`, else 403 with `refusal`.
async fn with_role(
    parts: &mut Parts,
    state: &AppState,
    allowed: fn(Role) -> bool,
    refusal: &str,
) -> Result<Viewer, WebError> {
    let viewer = Viewer::from_request_parts(parts, state).await?;
    if !allowed(viewer.role) {
        return Err(WebError::Forbidden(refusal.to_string()));
    }
    Ok(viewer)
}

impl FromRequestParts<AppState> for Editor {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        with_role(
            parts,
            state,
            Role::can_edit,
            "Votre compte est en lecture seule : il ne peut rien modifier.",
        )
        .await
        .map(Editor)
    }
}

impl FromRequestParts<AppState> for AdminUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        with_role(
            parts,
            state,
            Role::is_admin,
            "Cette page est réservée aux administrateurs.",
        )
        .await
        .map(AdminUser)
    }
}

fn forbidden(detail: &str) -> Response {
    WebError::Forbidden(detail.to_string()).into_response()
}

/// Refuses any POST whose form does not carry the right CSRF token, or that comes from another
/// origin. Anonymous POSTs pass through to the handler, whose extractor sends them to login.
pub async fn csrf_guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let headers = request.headers();
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        // Behind a reverse proxy, Host may be the upstream address: the proxy's
        // X-Forwarded-Host names the site (a browser cannot set it on a cross-site form).
        let forwarded = headers
            .get("x-forwarded-host")
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let origin_host = origin.split("://").nth(1).unwrap_or("");
        // "null" comes from privacy settings and sandboxed documents; the token decides then.
        if origin != "null"
            && origin_host != host
            && (forwarded.is_empty() || origin_host != forwarded)
        {
            tracing::warn!(origin, host, "cross-origin POST refused");
            return forbidden("Requête d'une autre origine refusée.");
        }
    }
    let jar = CookieJar::from_headers(headers);
    let login = request.uri().path() == "/login";
    let mut session_name = None;
    let expected = if login {
        jar.get(LOGIN_COOKIE).map(|c| c.value().to_string())
    } else {
        // Anonymous POSTs pass through: the handler's extractor sends them to login.
        let Some(viewer) = request.extensions().get::<Viewer>() else {
            return next.run(request).await;
        };
        session_name = Some(viewer.name.clone());
        Some(viewer.csrf.clone())
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return WebError::Bad("Formulaire trop volumineux.".to_string()).into_response();
    };
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let sent = form
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str());
    match (expected, sent) {
        (Some(expected), Some(sent)) if same(&expected, sent) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => {
            let path: String = parts.uri.path().chars().take(200).collect();
            tracing::warn!(path, "POST with a missing or wrong CSRF token refused");
            // Audited for logged-in sessions only: anyone can post to the login form.
            if let Some(user) = session_name {
                state.recorder.send(Deferred::Audit {
                    user,
                    action: "csrf-refused".into(),
                    target: path,
                });
            }
            forbidden("Jeton de sécurité absent ou invalide : rechargez la page et recommencez.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_compare() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }
}
