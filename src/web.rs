//! `permanence serve`: the staff web interface. Server-rendered French pages (askama templates
//! in `src/web/templates/`, escaped by default), a stylesheet and a small script served from the
//! binary, nothing from elsewhere. One module per page: triage, search, official and commune,
//! case, dashboard, message; `auth` holds users' sessions, CSRF and the login limiter.
//!
//! The data directory is opened once and shared behind a mutex: SQLite work runs on the
//! blocking pool (`State::db`), so a page waiting for the daemon's batch does not stall the
//! runtime. Every response carries a strict Content-Security-Policy (no inline script or style,
//! no remote origin), `nosniff`, no framing and `no-store`, because the pages show private mail.

pub mod auth;
pub mod case;
pub mod dashboard;
pub mod message;
pub mod people;
pub mod sanitize;
pub mod search;
pub mod svg;
pub mod triage;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context as _, Result};
use askama::Template;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use tantivy::IndexReader;

use crate::config::WebConfig;
use crate::context::Context;
use crate::users::Role;

/// The Content-Security-Policy of every page: only our own script, stylesheet and images.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// What every handler shares.
pub struct State {
    ctx: Mutex<Context>,
    index: crate::index::MailIndex,
    reader: IndexReader,
    /// `[web]` of the configuration.
    pub config: WebConfig,
    limiter: Mutex<auth::Limiter>,
}

/// The shared state as handlers receive it.
pub type AppState = Arc<State>;

impl State {
    /// Runs `f` with the data directory on the blocking pool.
    pub async fn db<T, F>(self: &Arc<Self>, f: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Context) -> Result<T, WebError> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            // A panic in an earlier request (hostile input) must not lock everyone out: the
            // context holds no half-done state between requests, so take it back.
            let mut ctx = state.ctx.lock().unwrap_or_else(PoisonError::into_inner);
            f(&mut ctx)
        })
        .await
        .map_err(|e| WebError::Internal(anyhow::anyhow!("request task failed: {e}")))?
    }

    /// Runs a search on the blocking pool without holding the data directory: searches do not
    /// wait for one another or for a page waiting on SQLite.
    pub async fn search(
        self: &Arc<Self>,
        req: crate::index::search::SearchRequest,
    ) -> Result<crate::index::search::SearchResults, WebError> {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            // See the daemon's latest commit.
            if let Err(err) = state.reader.reload() {
                tracing::warn!(error = %err, "cannot reload the index reader");
            }
            crate::index::search::search(&state.index, &state.reader, &req)
        })
        .await
        .map_err(|e| WebError::Internal(anyhow::anyhow!("search task failed: {e}")))?
        .map_err(
            |err| match err.downcast::<crate::index::search::QueryError>() {
                Ok(q) => WebError::Bad(q.0),
                Err(err) => WebError::Internal(err),
            },
        )
    }
}

/// An error page, or a redirect to the login page.
#[derive(Debug)]
pub enum WebError {
    /// Not logged in (or the session ended): go to the login page, then back to this path.
    Login(String),
    /// Logged in, but the role does not allow it.
    Forbidden(String),
    /// No such case, message, official…
    NotFound(String),
    /// The request cannot be carried out as asked (shown to the user).
    Bad(String),
    /// Something failed on our side (logged; the user sees a generic message).
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for WebError {
    fn from(err: anyhow::Error) -> Self {
        WebError::Internal(err)
    }
}

impl From<rusqlite::Error> for WebError {
    fn from(err: rusqlite::Error) -> Self {
        WebError::Internal(err.into())
    }
}

impl From<askama::Error> for WebError {
    fn from(err: askama::Error) -> Self {
        WebError::Internal(anyhow::anyhow!("template: {err}"))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    detail: &'a str,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, detail) = match self {
            WebError::Login(next) => {
                let target = format!("/login?next={}", urlencode(&next));
                return Redirect::to(&target).into_response();
            }
            WebError::Forbidden(detail) => (StatusCode::FORBIDDEN, "Accès refusé", detail),
            WebError::NotFound(detail) => (StatusCode::NOT_FOUND, "Introuvable", detail),
            WebError::Bad(detail) => (StatusCode::BAD_REQUEST, "Demande refusée", detail),
            WebError::Internal(err) => {
                tracing::error!(error = %format!("{err:#}"), "web request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Erreur",
                    "Une erreur interne s'est produite ; elle est consignée dans le journal du serveur."
                        .to_string(),
                )
            }
        };
        let page = ErrorPage {
            title,
            detail: &detail,
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, title.to_string()).into_response(),
        }
    }
}

/// Turns a staff action's refusal (unknown state, merged case…) into a message for the user.
pub fn refused(err: anyhow::Error) -> WebError {
    WebError::Bad(format!("{err:#}"))
}

/// What the layout needs: who is logged in, their CSRF token, the active tab.
pub struct Page {
    /// User name.
    pub user: String,
    /// Their role.
    pub role: Role,
    /// Token every form posts back.
    pub csrf: String,
    /// The navigation tab to highlight.
    pub tab: &'static str,
}

impl Page {
    /// May this user change cases?
    pub fn can_edit(&self) -> bool {
        self.role.can_edit()
    }

    /// Is this user an administrator?
    pub fn is_admin(&self) -> bool {
        self.role.is_admin()
    }
}

/// `path` when it is a path of this site (`/x`), else `/`. Browsers drop tabs and newlines
/// and read `\` as `/` before resolving a URL, so `/<TAB>/evil` or `/\evil` would leave the
/// site: any control character or backslash is refused, then `//host` and `scheme:`.
pub fn local_path(path: &str) -> String {
    let clean = !path.chars().any(|c| c.is_control() || c == '\\');
    if clean && path.starts_with('/') && !path.starts_with("//") {
        path.to_string()
    } else {
        "/".to_string()
    }
}

/// Percent-encodes a query-string value.
pub fn urlencode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Local date and time for display ("2025-03-14 09:30").
pub fn when(ts: i64) -> String {
    crate::util::local_datetime(ts)
}

/// Local date for display ("2025-03-14").
pub fn day(ts: i64) -> String {
    when(ts).chars().take(10).collect()
}

/// The French label of a case state.
pub fn state_label(state: &str) -> &'static str {
    match state {
        "proposed" => "à confirmer",
        "open" => "ouvert",
        "waiting" => "en attente",
        "answered" => "répondu",
        "closed" => "clos",
        _ => "?",
    }
}

/// The French label of a message kind.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "personal" => "courrier",
        "auto_reply" => "réponse automatique",
        "bulk" => "lettre d'information",
        "bounce" => "non-remise",
        "spam" => "indésirable",
        _ => "autre",
    }
}

/// The French label of a priority.
pub fn priority_label(priority: &str) -> &'static str {
    match priority {
        "urgent" => "urgente",
        "high" => "haute",
        "normal" => "normale",
        "low" => "basse",
        _ => "?",
    }
}

static STYLE: &str = include_str!("web/static/app.css");
static SCRIPT: &str = include_str!("web/static/app.js");

async fn stylesheet() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response()
}

/// Adds the security headers to every response.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

async fn not_found() -> WebError {
    WebError::NotFound("Cette page n'existe pas.".to_string())
}

/// The router, for `serve` and the tests.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(triage::page))
        .route("/triage/seen", post(triage::mark_seen))
        .route("/search", get(search::page))
        .route("/officials", get(people::officials))
        .route("/official/{id}", get(people::official))
        .route("/commune/{code}", get(people::commune))
        .route("/cases", get(case::list))
        .route("/case/{id}", get(case::page))
        .route("/case/{id}/{action}", post(case::act))
        .route("/dashboard", get(dashboard::page))
        .route("/message/{id}", get(message::page))
        .route("/message/{id}/raw", get(message::raw))
        .route("/message/{id}/part/{n}", get(message::attachment))
        .route("/message/{id}/cid/{cid}", get(message::inline))
        .route("/admin", get(auth::admin))
        .route("/admin/users", post(auth::admin_users))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/static/app.css", get(stylesheet))
        .route("/static/app.js", get(script))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            auth::csrf_guard,
        ))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Opens the data directory and serves the web interface on `listen` until Ctrl-C or SIGTERM.
/// `ready` receives the bound address (port 0 picks a free port).
pub fn serve(dir: &Path, listen: Option<&str>, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let ctx = Context::open(dir)?;
    warn_if_index_behind(&ctx);
    let reader = ctx.index.reader()?;
    let config = ctx.config.web.clone();
    let listen = listen.unwrap_or(&config.listen).to_string();
    let users = crate::users::count(ctx.store.conn())?;
    if users == 0 {
        tracing::warn!(
            "no user yet: create one with `permanence user add NAME --role admin` to log in"
        );
    }
    let state = Arc::new(State {
        index: ctx.index.clone(),
        ctx: Mutex::new(ctx),
        reader,
        limiter: Mutex::new(auth::Limiter::new(config.max_failed_logins)),
        config,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        let local = listener.local_addr()?;
        tracing::info!(address = %local, "web interface listening");
        ready(local);
        axum::serve(
            listener,
            router(state).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown())
        .await
        .context("web server failed")
    })
}

/// Warns when the index lacks stored messages (after an upgrade that changed its schema, or
/// a crash): `serve` never takes the index writer for long (the daemon must be able to start
/// beside it), so the daemon, the next ingest or `reindex` fills it.
fn warn_if_index_behind(ctx: &Context) {
    let behind = crate::store::messages::max_id(ctx.store.conn())
        .ok()
        .zip(ctx.index.committed_last_id().ok())
        .is_some_and(|(stored, indexed)| stored > indexed);
    if behind {
        tracing::warn!(
            "the index lacks some stored messages: search shows them once the daemon runs, after the next ingest, or after `permanence reindex`"
        );
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
