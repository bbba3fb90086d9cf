//! `permanence serve`: the staff web interface. Server-rendered French pages (askama templates
//! in `src/web/templates/`, escaped by default), a stylesheet and a small script served from the
//! binary, nothing from elsewhere. One module per page: triage, search, official and commune,
//! case, dashboard, message; `auth` holds users' sessions, CSRF and the login limiter.
//!
//! SQLite is shared two ways (`State::read`, `State::write`, both on the blocking pool): pages
//! read on a pool of read-only connections and never wait for a writer; staff actions, logins
//! and user management take the one writer. What a page must write (the access log, a
//! session's last use) is queued for the recorder thread (`recorder.rs`). Nothing slow runs
//! under a lock: originals are read, parsed and sanitised outside (`State::bodies`), passwords
//! hashed outside, theme menus cached until a rule file changes (`State::themes`), searches
//! run on the index reader (`State::search`). The session is resolved once per request
//! (`auth::resolve_session`). Every response carries a strict Content-Security-Policy (no inline script or style,
//! no remote origin), `nosniff`, no framing and `no-store`, because the pages show private mail.

pub mod admin;
pub mod agenda;
pub mod auth;
pub mod case;
pub mod dashboard;
pub mod login;
pub mod message;
pub mod people;
pub mod recorder;
pub mod sanitize;
pub mod search;
pub mod svg;
pub mod triage;

use std::net::SocketAddr;
use tower_http::compression::CompressionLayer;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

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
    /// The one writer (staff actions, logins, user management): SQLite takes one at a time.
    writer: Mutex<Context>,
    /// Read-only connections for pages: any number read beside the writer and the daemon.
    readers: crate::store::pool::Readers,
    /// Writes a page queues rather than waits for (access log, session refresh).
    pub recorder: recorder::Recorder,
    index: crate::index::MailIndex,
    reader: IndexReader,
    /// `[web]` of the configuration.
    pub config: WebConfig,
    /// `[agenda]` of the configuration (the feed's settings).
    pub agenda: crate::config::AgendaConfig,
    limiter: Mutex<login::Limiter>,
    /// The raw store and parse limit, to read originals without holding `ctx`.
    originals: message::Originals,
    /// Sanitised bodies already made.
    bodies: Mutex<message::BodyCache>,
    /// The rules directory, and the theme slugs of its rules with the files' stamp they were
    /// read at (the menus of the case and triage pages).
    rules_dir: std::path::PathBuf,
    themes: Mutex<ThemeChoices>,
}

/// Theme slugs for the menus, read again when a rule file changes.
#[derive(Default)]
struct ThemeChoices {
    stamp: Vec<(std::path::PathBuf, std::time::SystemTime)>,
    slugs: Arc<Vec<String>>,
}

/// The shared state as handlers receive it.
pub type AppState = Arc<State>;

impl State {
    /// Runs `f` on a read-only connection, on the blocking pool. Pages read here: they never
    /// wait for a writer (WAL), and as many run at once as the pool has connections.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Connection) -> Result<T, WebError> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let conn = state.readers.get()?;
            f(&conn)
        })
        .await
        .map_err(|e| WebError::Internal(anyhow::anyhow!("request task failed: {e}")))?
    }

    /// Runs `f` with the data directory's writer on the blocking pool: staff actions, logins,
    /// user management. One at a time; nothing slow (file reads, parsing, password hashing)
    /// runs in `f`.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Context) -> Result<T, WebError> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            // A panic in an earlier request (hostile input) must not lock everyone out: the
            // context holds no half-done state between requests, so take it back.
            let mut ctx = state.writer.lock().unwrap_or_else(PoisonError::into_inner);
            f(&mut ctx)
        })
        .await
        .map_err(|e| WebError::Internal(anyhow::anyhow!("request task failed: {e}")))?
    }

    /// Queues the record that `access` happened (the access log), written by the recorder.
    pub fn record(&self, access: crate::access::Access) {
        self.recorder.send(recorder::Deferred::Access(access));
    }

    /// The theme slugs of the rules in force, for the tag menus: read again (on the blocking
    /// pool, outside any lock) only when a rule file changed since the last time.
    pub async fn themes(self: &Arc<Self>) -> Result<Arc<Vec<String>>, WebError> {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let stamp = crate::pipeline::rules_stamp(&state.rules_dir);
            {
                let cached = state.themes.lock().unwrap_or_else(PoisonError::into_inner);
                if cached.stamp == stamp && !cached.stamp.is_empty() {
                    return Arc::clone(&cached.slugs);
                }
            }
            let mut slugs: Vec<String> = crate::rules::load::load_dir(&state.rules_dir)
                .map(|set| set.rules.into_iter().map(|r| r.tag).collect())
                .unwrap_or_default();
            slugs.sort();
            slugs.dedup();
            let slugs = Arc::new(slugs);
            *state.themes.lock().unwrap_or_else(PoisonError::into_inner) = ThemeChoices {
                stamp,
                slugs: Arc::clone(&slugs),
            };
            slugs
        })
        .await
        .map_err(|e| WebError::Internal(anyhow::anyhow!("theme task failed: {e}")))
    }

    /// The bodies of `wanted` (message id, original's hash), read, parsed and sanitised on the
    /// blocking pool without holding the data directory (or taken from the cache).
    pub async fn bodies(
        self: &Arc<Self>,
        wanted: Vec<(i64, String)>,
    ) -> Result<Vec<Arc<message::Body>>, WebError> {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            message::bodies(&state.originals, &state.bodies, &wanted)
        })
        .await
        .map_err(|e| WebError::Internal(anyhow::anyhow!("body task failed: {e}")))
    }

    /// Reads the original `blob` and runs `f` on its bytes, on the blocking pool without
    /// holding the data directory.
    pub async fn original<T, F>(self: &Arc<Self>, blob: String, f: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(Vec<u8>) -> Result<T, WebError> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || f(state.originals.raw.read(&blob)?))
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
                Ok(q) => WebError::Bad(q.french()),
                Err(err) => WebError::Internal(err),
            },
        )
    }
}

/// The path's parameters (`/case/{id}`), like axum's `Path`, but an address that does not parse
/// (`/case/abc`) is a French « page introuvable », not axum's English text.
pub struct Path<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Path<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, WebError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Path(value))
            .map_err(|_| {
                WebError::NotFound("Cette adresse ne désigne aucune page : numéro invalide.".into())
            })
    }
}

/// The query string's parameters, like axum's `Query`, but a value that does not parse
/// (`?page=abc`) is a French refusal, not axum's English text.
pub struct Query<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Query<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, WebError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Query(value))
            .map_err(|_| WebError::Bad("Paramètre de l'adresse invalide.".into()))
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
    // The database or the disk failing is ours, not the person's to fix: 500, logged.
    if err
        .chain()
        .any(|cause| cause.is::<rusqlite::Error>() || cause.is::<std::io::Error>())
    {
        return WebError::Internal(err);
    }
    WebError::Bad(format!("{err:#}"))
}

/// A staff action on a case that failed: a [`crate::cases::Refusal`] is said to the person in
/// French (400); anything else (the database, the disk) is ours: 500, logged.
pub fn case_refused(err: anyhow::Error) -> WebError {
    match err.downcast_ref::<crate::cases::Refusal>() {
        Some(refusal) => WebError::Bad(refusal.french()),
        None => WebError::Internal(err),
    }
}

/// What the layout needs: who is logged in, their CSRF token, the active tab.
#[derive(Clone)]
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

/// A day as French pages write it: « 2026-03-27 » → « 27/03/2026 » (anything else unchanged).
pub fn french_date(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

/// Longest subject, name or header value a page shows (mail stored before the parse-time caps
/// may hold longer ones): a page stays bounded whatever the mail says.
pub const MAX_SHOWN_CHARS: usize = 1_000;

/// `text` cut to [`MAX_SHOWN_CHARS`] characters, with « … » when cut.
pub fn clip(text: &str) -> String {
    match text.char_indices().nth(MAX_SHOWN_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// A moment in the office's zone as French pages write it (« lun. 27 avr. 2026 à 08:07 »).
pub fn when(ts: i64) -> String {
    crate::util::french_datetime(ts)
}

/// An RFC 3339 time (history, notes, audit log) as [`when`] writes it; kept as it is when it
/// is not one.
pub fn when_rfc3339(text: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|d| when(d.timestamp()))
        .unwrap_or_else(|_| text.to_string())
}

/// An RFC 3339 time as [`day`] writes it (« 27 avr. 2026 »); '' when it is not one.
pub fn day_rfc3339(text: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|d| day(d.timestamp()))
        .unwrap_or_default()
}

/// A day in the office's zone as French pages write it (« 27 avr. 2026 »).
pub fn day(ts: i64) -> String {
    crate::util::french_day(ts)
}

/// A theme's French label (« Santé »); see [`crate::cases::french::theme_label`].
pub fn theme_label(slug: &str) -> String {
    crate::cases::french::theme_label(slug)
}

/// The French label of a case state.
pub fn state_label(state: &str) -> &'static str {
    crate::cases::state_french(state)
}

/// The French label of a message kind stored as `kind` (a search facet's key), « autre » for a
/// name that is no kind.
pub fn kind_label(kind: &str) -> &'static str {
    crate::parse::Kind::parse(kind).map_or("autre", crate::parse::Kind::french)
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
        // Gzip only where the page reflects nothing a third party could choose (BREACH): the
        // queue (numbers only), the pane, the stylesheet and the script.
        .route("/", get(triage::page).layer(CompressionLayer::new()))
        .route("/triage/seen", post(triage::mark_seen))
        .route("/triage/act", post(triage::act))
        .route("/triage/undo", post(triage::undo))
        .route(
            "/triage/pane/{id}",
            get(triage::pane_page).layer(CompressionLayer::new()),
        )
        .route("/triage/pick/cases", get(triage::pick_cases))
        .route("/triage/pick/officials", get(triage::pick_officials))
        .route("/search", get(search::page))
        .route("/officials", get(people::officials))
        .route("/official/{id}", get(people::official))
        .route("/commune/{code}", get(people::commune))
        .route("/commune/{code}/note", post(people::note))
        .route("/cases", get(case::list))
        .route("/case/{id}", get(case::page))
        .route("/case/{id}/{action}", post(case::act))
        .route("/dashboard", get(dashboard::page))
        .route("/agenda", get(agenda::page))
        .route("/agenda/event/{id}", get(agenda::event))
        .route("/agenda/{id}/decide", post(agenda::decide))
        .route("/agenda/{id}/correct", post(agenda::correct))
        .route("/agenda/token", post(agenda::new_token))
        .route("/agenda/token/revoke", post(agenda::revoke_token))
        .route("/agenda.ics", get(agenda::feed))
        .route("/message/{id}", get(message::page))
        .route("/message/{id}/raw", get(message::raw))
        .route("/message/{id}/part/{n}", get(message::attachment))
        .route(
            "/message/{id}/text/{position}",
            get(message::attachment_text),
        )
        .route("/message/{id}/cid/{cid}", get(message::inline))
        .route("/admin", get(admin::page))
        .route("/admin/users", post(admin::users))
        .route("/login", get(login::page).post(login::login))
        .route("/logout", post(login::logout))
        .route(
            "/static/app.css",
            get(stylesheet).layer(CompressionLayer::new()),
        )
        .route("/static/app.js", get(script).layer(CompressionLayer::new()))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            auth::csrf_guard,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            auth::resolve_session,
        ))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            allowed_host,
        ))
        .with_state(state)
}

/// Opens the data directory and serves the web interface on `listen` until Ctrl-C or SIGTERM.
/// `ready` receives the bound address (port 0 picks a free port).
pub fn serve(
    dir: &std::path::Path,
    listen: Option<&str>,
    ready: impl FnOnce(SocketAddr),
) -> Result<()> {
    let ctx = Context::open(dir)?;
    warn_if_index_behind(&ctx);
    let reader = ctx.index.reader()?;
    let config = ctx.config.web.clone();
    let agenda_config = ctx.config.agenda.clone();
    let listen = listen.unwrap_or(&config.listen).to_string();
    let users = crate::users::count(ctx.store.conn())?;
    if users == 0 {
        tracing::warn!(
            "no user yet: create one with `permanence user add NAME --role admin` to log in"
        );
    }
    let originals = message::Originals {
        raw: ctx.raw.clone(),
        max_parse_bytes: crate::parse::ParseOptions::from_config(&ctx.config.ingest)
            .max_parse_bytes,
        own_hosts: ctx.config.web.allowed_hosts.clone(),
    };
    let db = dir.join(crate::context::DB_FILE);
    let state = Arc::new(State {
        originals,
        bodies: Mutex::new(message::BodyCache::default()),
        index: ctx.index.clone(),
        rules_dir: ctx.rules_dir(),
        themes: Mutex::new(ThemeChoices::default()),
        readers: crate::store::pool::Readers::new(&db, READERS),
        recorder: recorder::Recorder::start(&db)?,
        writer: Mutex::new(ctx),
        reader,
        limiter: Mutex::new(login::Limiter::new(config.max_failed_logins)),
        agenda: agenda_config,
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
        accept_loop(listener, router(Arc::clone(&state))).await;
        // Whatever pages queued (access log, sessions) is written before the process exits.
        state.recorder.stop();
        Ok(())
    })
}

/// Read-only connections pages share: more than the cores, so that a page reading the raw
/// store or waiting on the disk does not hold the others up.
const READERS: usize = 8;

/// A client must send a whole request head within this time (and an idle keep-alive connection
/// is closed after it): a half-sent request cannot hold a connection forever.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(15);
/// A request (its body read and its answer computed) taking longer gets 408: a body sent a
/// byte at a time cannot hold a connection either.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// No connection lives longer, whatever it does (a client that never reads its answer).
const CONNECTION_LIFETIME: Duration = Duration::from_secs(600);
/// Connections served at once; more wait in the kernel's accept queue.
const MAX_CONNECTIONS: usize = 256;
/// Connections served at once for one client address (one IPv6 /64): one client cannot take
/// every slot.
const MAX_CONNECTIONS_PER_CLIENT: usize = 32;

/// Open connections per client (address, or /64 for IPv6), released when a connection ends.
#[derive(Clone, Default)]
struct PerClient(Arc<Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>);

/// One connection counted in [`PerClient`]; dropping it releases the count.
struct ClientSlot {
    table: PerClient,
    client: std::net::IpAddr,
}

impl PerClient {
    fn take(&self, peer: SocketAddr) -> Option<ClientSlot> {
        let client = login::client_key(peer.ip());
        let mut table = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let open = table.entry(client).or_default();
        if *open >= MAX_CONNECTIONS_PER_CLIENT {
            return None;
        }
        *open += 1;
        Some(ClientSlot {
            table: self.clone(),
            client,
        })
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut table = self.table.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(open) = table.get_mut(&self.client) {
            *open = open.saturating_sub(1);
            if *open == 0 {
                table.remove(&self.client);
            }
        }
    }
}

/// Serves `app` on `listener` until SIGTERM or Ctrl-C: HTTP/1.1 with a header-read (and
/// keep-alive idle) timeout, a per-request timeout, a connection lifetime, and bounds on open
/// connections overall and per client, none of which `axum::serve` sets; then lets the
/// requests in flight finish (10 s at most).
async fn accept_loop(listener: tokio::net::TcpListener, app: Router) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt as _;
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let per_client = PerClient::default();
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut stop = std::pin::pin!(shutdown());
    loop {
        // Waiting for a free slot, as for a connection, still hears SIGTERM.
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!(error = %err, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let Some(client_slot) = per_client.take(peer) else {
            tracing::warn!(%peer, "too many connections from one client: refused");
            continue;
        };
        let app = app.clone();
        let mut stop_rx = stop_rx.clone();
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
                    request
                        .extensions_mut()
                        .insert(axum::extract::ConnectInfo(peer));
                    let answer = app.clone().oneshot(request.map(axum::body::Body::new));
                    async move {
                        match tokio::time::timeout(REQUEST_TIMEOUT, answer).await {
                            Ok(answer) => answer,
                            Err(_) => {
                                tracing::warn!(%peer, "request timed out");
                                Ok((
                                    StatusCode::REQUEST_TIMEOUT,
                                    "Délai dépassé : la requête a pris trop de temps.",
                                )
                                    .into_response())
                            }
                        }
                    }
                });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_buf_size(256 * 1024);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            let mut conn = std::pin::pin!(conn);
            let lifetime = tokio::time::sleep(CONNECTION_LIFETIME);
            tokio::select! {
                result = conn.as_mut() => {
                    if let Err(err) = result {
                        tracing::debug!(error = %err, %peer, "connection ended");
                    }
                }
                () = lifetime => tracing::debug!(%peer, "connection closed after its lifetime"),
                _ = stop_rx.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_secs(10), conn).await;
                }
            }
            drop(client_slot);
            drop(slot);
        });
    }
    tracing::info!("web interface stopping");
    let _ = stop_tx.send(true);
    // Wait for the connections in flight (each holds a slot), a few seconds at most.
    let _ = tokio::time::timeout(
        Duration::from_secs(10),
        slots.acquire_many(MAX_CONNECTIONS as u32),
    )
    .await;
}

/// Refuses (421 Misdirected Request) a request whose `Host` is not one of `[web] allowed_hosts`,
/// when that list is set: against DNS rebinding, where a hostile page's own name is made to point
/// at the office's server.
async fn allowed_host(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let allowed = &state.config.allowed_hosts;
    if !allowed.is_empty() {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| request.uri().host())
            .unwrap_or("");
        if !host_allowed(host, allowed) {
            tracing::warn!(host = %host.chars().take(100).collect::<String>(), "request for a host not in [web] allowed_hosts");
            return (
                StatusCode::MISDIRECTED_REQUEST,
                "Nom d'hôte non autorisé : ajoutez-le à [web] allowed_hosts.",
            )
                .into_response();
        }
    }
    next.run(request).await
}

/// True when `host` (a `Host` header: name, IPv4 or `[IPv6]`, with an optional port) is one of
/// `allowed`, without regard to case.
fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    allowed.iter().any(|a| {
        a.trim_start_matches('[')
            .trim_end_matches(']')
            .eq_ignore_ascii_case(name)
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
