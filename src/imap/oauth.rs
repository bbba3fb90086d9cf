//! OAuth2 sign-in for mailboxes that refuse passwords (Microsoft 365) or prefer not to take them
//! (Google Workspace, Gmail).
//!
//! The office signs in once with `permanence mailbox login NAME`:
//! - **Microsoft** (and `custom` servers with a `device_url`): the device-code flow (RFC 8628).
//!   The command prints an address and a short code; someone opens it on any computer or phone,
//!   signs in and consents; the command polls the token endpoint until they have.
//! - **Google**: Google refuses the Gmail scope to the device-code flow, so the command prints an
//!   authorisation address (code flow with PKCE, RFC 7636) whose redirect goes to a port the
//!   command listens on at 127.0.0.1. On a server without a browser, the redirected address that
//!   the browser fails to open is pasted back into the command instead.
//!
//! The refresh token, and the current access token with its expiry, are kept in one JSON file
//! (`DATA/oauth2/NAME.json` unless `token_file` says otherwise), written private (0600, replaced
//! atomically) and refused when group or others can read it, like password files. Tokens are
//! never logged: [`Tokens`]' `Debug` hides them and error texts carry only the provider's error
//! code and description. Each connection asks [`access_token`] for a token valid for at least
//! [`MARGIN`]; it refreshes silently when needed, keeps a rotated refresh token, and says clearly
//! when the consent was revoked ([`OAuthError::Revoked`]): the only case that needs a person.
//!
//! The token reaches the IMAP server in a SASL `XOAUTH2` or `OAUTHBEARER` (RFC 7628) exchange
//! ([`Sasl`]).

use std::io::{BufRead as _, Read as _, Write as _};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::Digest as _;

use crate::config::{MailboxConfig, Mechanism, OAuth2Config, Provider};

/// A token is refreshed when it has less than this left (a sync must not start with a token
/// that expires during it).
pub const MARGIN: i64 = 300;
/// Access tokens are taken to live at least this long (seconds), whatever the provider says.
const MIN_LIFETIME: i64 = 5;
/// The HTTP requests to the provider give up after this long.
const HTTP_TIMEOUT: Duration = Duration::from_secs(30);
/// The device-code and browser flows give up after this long without an answer.
const LOGIN_PATIENCE: Duration = Duration::from_secs(15 * 60);

/// What went wrong, sorted by what the caller does about it.
#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    /// No token yet: someone must run `mailbox login`.
    #[error(
        "mailbox {0}: not signed in yet: run `permanence mailbox login {0}` (as the user that runs the daemon)"
    )]
    NotLoggedIn(String),
    /// The provider refused the refresh token: consent revoked, password changed, token
    /// expired after months unused. Someone must sign in again.
    #[error(
        "mailbox {mailbox}: the provider refused the stored authorisation ({detail}): consent was revoked or has expired, or a new sign-in is required; run `permanence mailbox login {mailbox}` again"
    )]
    Revoked {
        /// The mailbox's name.
        mailbox: String,
        /// The provider's error code and description.
        detail: String,
    },
    /// The network or the provider failed for now: retry later.
    #[error("token endpoint: {0}")]
    Transient(String),
    /// Configuration or a refusal that retrying will not fix.
    #[error("{0}")]
    Fatal(String),
}

/// The tokens kept for one mailbox.
#[derive(Clone, Serialize, Deserialize)]
pub struct Tokens {
    /// Long-lived; exchanged for access tokens.
    pub refresh_token: String,
    /// Short-lived (about an hour); sent to the IMAP server.
    pub access_token: String,
    /// When the access token expires (Unix seconds).
    pub expires_at: i64,
    /// The account the tokens were obtained for (the mailbox's `username` then).
    pub username: String,
    /// When the refresh token was obtained (Unix seconds).
    pub obtained_at: i64,
    /// When the access token was issued (Unix seconds): its lifetime sets the margins.
    #[serde(default)]
    pub issued_at: i64,
}

impl Tokens {
    /// Seconds before expiry at which the access token is refreshed: [`MARGIN`], or a fifth of
    /// its lifetime when that is shorter.
    pub fn refresh_margin(&self) -> i64 {
        MARGIN.min((self.expires_at - self.issued_at).max(0) / 5)
    }
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("refresh_token", &"[masqué]")
            .field("access_token", &"[masqué]")
            .field("expires_at", &self.expires_at)
            .field("username", &self.username)
            .finish()
    }
}

/// The provider's endpoints and scope for one mailbox.
#[derive(Debug, Clone)]
pub struct Endpoints {
    /// Device authorisation (RFC 8628), when the flow is the device code.
    pub device: Option<String>,
    /// Browser authorisation (code flow), when the flow is the browser.
    pub authorize: Option<String>,
    /// Token endpoint.
    pub token: String,
    /// Scopes, space-separated.
    pub scope: String,
}

/// The endpoints of `o`: the provider's, each replaced by the configuration's when given.
pub fn endpoints(o: &OAuth2Config) -> Endpoints {
    let (device, authorize, token, scope) = match o.provider.get_ref() {
        Provider::Microsoft => {
            let tenant = o.tenant.as_deref().unwrap_or("organizations");
            let base = format!("https://login.microsoftonline.com/{tenant}/oauth2/v2.0");
            (
                Some(format!("{base}/devicecode")),
                None,
                format!("{base}/token"),
                "https://outlook.office.com/IMAP.AccessAsUser.All offline_access".to_string(),
            )
        }
        Provider::Google => (
            None,
            Some("https://accounts.google.com/o/oauth2/v2/auth".to_string()),
            "https://oauth2.googleapis.com/token".to_string(),
            "https://mail.google.com/".to_string(),
        ),
        Provider::Custom => (None, None, String::new(), String::new()),
    };
    let device = o.device_url.clone().or(device);
    // A configured device endpoint chooses the device flow.
    let authorize = if o.device_url.is_some() {
        o.authorize_url.clone()
    } else {
        o.authorize_url.clone().or(authorize)
    };
    Endpoints {
        device,
        authorize,
        token: o.token_url.clone().unwrap_or(token),
        scope: o.scope.clone().unwrap_or(scope),
    }
}

fn config(mailbox: &MailboxConfig) -> Result<&OAuth2Config, OAuthError> {
    mailbox.oauth2.as_ref().ok_or_else(|| {
        OAuthError::Fatal(format!(
            "mailbox {} has no [mailbox.oauth2] section: it signs in with a password",
            mailbox.name.get_ref()
        ))
    })
}

fn client_secret(o: &OAuth2Config) -> Result<Option<String>, OAuthError> {
    let Some(file) = &o.client_secret_file else {
        return Ok(None);
    };
    let path = file.get_ref();
    crate::config::check_private(path).map_err(|e| OAuthError::Fatal(format!("{e:#}")))?;
    let text = std::fs::read_to_string(path).map_err(|e| {
        OAuthError::Fatal(format!("cannot read client secret {}: {e}", path.display()))
    })?;
    Ok(Some(text.trim().to_string()))
}

/// Reads the stored tokens, or `None` when there are none yet; refuses a file others can read.
pub fn load(path: &Path) -> Result<Option<Tokens>, OAuthError> {
    if !path.exists() {
        return Ok(None);
    }
    crate::config::check_private(path).map_err(|e| OAuthError::Fatal(format!("{e:#}")))?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| OAuthError::Fatal(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text).map(Some).map_err(|e| {
        OAuthError::Fatal(format!(
            "{} is not a token file ({e}): remove it and run `permanence mailbox login`",
            path.display()
        ))
    })
}

/// Writes the tokens: a private temporary file, synced, renamed over the old one, so a crash
/// leaves either the old tokens or the new ones.
pub fn save(path: &Path, tokens: &Tokens) -> Result<(), OAuthError> {
    let fatal = |e: anyhow::Error| OAuthError::Fatal(format!("{e:#}"));
    if let Some(parent) = path.parent() {
        crate::private::private_dir(parent).map_err(fatal)?;
    }
    let tmp = path.with_extension("json.partial");
    let text = serde_json::to_string_pretty(tokens)
        .map_err(|e| OAuthError::Fatal(format!("cannot encode tokens: {e}")))?;
    let mut file = crate::private::private_file(&tmp).map_err(fatal)?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| OAuthError::Fatal(format!("cannot write {}: {e}", tmp.display())))?;
    drop(file);
    std::fs::rename(&tmp, path)
        .map_err(|e| OAuthError::Fatal(format!("cannot replace {}: {e}", path.display())))?;
    if let Some(parent) = path.parent()
        && let Ok(dir) = std::fs::File::open(parent)
    {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// An access token for `mailbox`, refreshed (and the new tokens saved) when it has less than
/// [`Tokens::refresh_margin`] left, with the time at which a session opened with it should sign
/// in again (its expiry less half the margin). Blocking: call it from a blocking thread.
pub fn access_token(mailbox: &MailboxConfig, dir: &Path) -> Result<(String, i64), OAuthError> {
    let o = config(mailbox)?;
    let name = mailbox.name.get_ref();
    let path = mailbox
        .token_file(dir)
        .ok_or_else(|| OAuthError::NotLoggedIn(name.clone()))?;
    let valid = |tokens: &Tokens| {
        (tokens.expires_at - crate::store::now() > tokens.refresh_margin()).then(|| {
            let renew = tokens.expires_at - tokens.refresh_margin() / 2;
            (tokens.access_token.clone(), renew)
        })
    };
    let tokens = load(&path)?.ok_or_else(|| OAuthError::NotLoggedIn(name.clone()))?;
    if let Some(found) = valid(&tokens) {
        return Ok(found);
    }
    // One refresh at a time, across the daemon's folder tasks and any other process (`sync
    // --once`, `doctor`): a provider that rotates refresh tokens spends the old one, so a
    // second refresh with it would fail as if the consent were revoked. Whoever waited reads
    // the tokens the first one saved.
    let _held = exclusive(&path)?;
    let tokens = load(&path)?.ok_or_else(|| OAuthError::NotLoggedIn(name.clone()))?;
    if let Some(found) = valid(&tokens) {
        return Ok(found);
    }
    let now = crate::store::now();
    let fresh = refresh(o, name, &tokens)?;
    save(&path, &fresh)?;
    tracing::info!(mailbox = %name, expires_in_s = fresh.expires_at - now, "access token refreshed");
    let renew = fresh.expires_at - fresh.refresh_margin() / 2;
    Ok((fresh.access_token, renew))
}

/// Serialises refreshes within the process (the file lock below does it between processes).
static REFRESHING: Mutex<()> = Mutex::new(());

/// The right to change the token file at `path`: this process's mutex, then an exclusive lock
/// on `TOKEN_FILE.lock` for the other processes; held while the pair lives.
fn exclusive(
    path: &Path,
) -> Result<(std::sync::MutexGuard<'static, ()>, std::fs::File), OAuthError> {
    let guard = REFRESHING.lock().unwrap_or_else(|e| e.into_inner());
    Ok((guard, lock_file(path)?))
}

/// An exclusive lock on `TOKEN_FILE.lock`, held while it lives.
fn lock_file(path: &Path) -> Result<std::fs::File, OAuthError> {
    let lock_path = path.with_extension("json.lock");
    if let Some(parent) = lock_path.parent() {
        crate::private::private_dir(parent).map_err(|e| OAuthError::Fatal(format!("{e:#}")))?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| OAuthError::Fatal(format!("cannot open {}: {e}", lock_path.display())))?;
    rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)
        .map_err(|e| OAuthError::Fatal(format!("cannot lock {}: {e}", lock_path.display())))?;
    Ok(file)
}

/// The HTTP client for the provider: the system's roots, TLS through the same rustls and ring
/// as IMAP, no redirects (a token endpoint answers directly), HTTP errors returned as
/// responses so their OAuth2 error bodies can be read.
fn agent() -> ureq::Agent {
    let native = rustls_native_certs::load_native_certs();
    let roots: Vec<ureq::tls::Certificate<'static>> = native
        .certs
        .iter()
        .map(|c| ureq::tls::Certificate::from_der(c.as_ref()).to_owned())
        .collect();
    let tls = ureq::tls::TlsConfig::builder()
        .provider(ureq::tls::TlsProvider::Rustls)
        .root_certs(ureq::tls::RootCerts::Specific(Arc::new(roots)))
        .unversioned_rustls_crypto_provider(Arc::new(
            tokio_rustls::rustls::crypto::ring::default_provider(),
        ))
        .build();
    ureq::Agent::config_builder()
        .tls_config(tls)
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(HTTP_TIMEOUT))
        .user_agent(concat!("permanence/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// A token endpoint's JSON answer (success and error fields together).
#[derive(Debug, Default, Deserialize)]
struct TokenAnswer {
    access_token: Option<String>,
    refresh_token: Option<String>,
    /// Seconds; a number, or a string of one (ADFS, Entra v1).
    #[serde(default, deserialize_with = "seconds")]
    expires_in: Option<i64>,
    error: Option<String>,
    error_description: Option<String>,
}

fn seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// POSTs a form; returns the status and the body (at most 1 MB).
fn send(url: &str, form: &[(&str, &str)]) -> Result<(u16, String), OAuthError> {
    let mut response = agent()
        .post(url)
        .header("Accept", "application/json")
        .send_form(form.iter().copied())
        .map_err(|e| OAuthError::Transient(format!("{url}: {e}")))?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(1 << 20)
        .read_to_string()
        .map_err(|e| OAuthError::Transient(format!("{url}: {e}")))?;
    Ok((status, body))
}

/// POSTs a form; returns the status and the parsed JSON answer.
fn post(url: &str, form: &[(&str, &str)]) -> Result<(u16, TokenAnswer), OAuthError> {
    let (status, body) = send(url, form)?;
    let answer: TokenAnswer = serde_json::from_str(&body).map_err(|e| {
        if status >= 500 {
            OAuthError::Transient(format!("{url} answered HTTP {status}"))
        } else {
            OAuthError::Fatal(format!(
                "{url} answered HTTP {status} with unexpected content ({e})"
            ))
        }
    })?;
    Ok((status, answer))
}

fn describe(answer: &TokenAnswer) -> String {
    let code = answer.error.as_deref().unwrap_or("unknown_error");
    match &answer.error_description {
        // Microsoft's descriptions end with trace and correlation ids on further lines.
        Some(d) => format!(
            "{code}: {}",
            d.lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(300)
                .collect::<String>()
        ),
        None => code.to_string(),
    }
}

fn tokens_from(
    answer: TokenAnswer,
    previous_refresh: Option<&str>,
    username: &str,
    obtained_at: i64,
) -> Result<Tokens, OAuthError> {
    let now = crate::store::now();
    let access_token = answer
        .access_token
        .ok_or_else(|| OAuthError::Fatal("the token endpoint sent no access_token".into()))?;
    let refresh_token = answer
        .refresh_token
        .or_else(|| previous_refresh.map(str::to_string))
        .ok_or_else(|| {
            OAuthError::Fatal(
                "the provider sent no refresh token (is `offline_access` in the scope?)".into(),
            )
        })?;
    Ok(Tokens {
        refresh_token,
        access_token,
        // A provider announcing 0 or 1 s would otherwise have the daemon sign in again in a
        // loop.
        expires_at: now + answer.expires_in.unwrap_or(3600).max(MIN_LIFETIME),
        username: username.to_string(),
        obtained_at,
        issued_at: now,
    })
}

fn refresh(o: &OAuth2Config, name: &str, tokens: &Tokens) -> Result<Tokens, OAuthError> {
    let ends = endpoints(o);
    let secret = client_secret(o)?;
    let mut form = vec![
        ("grant_type", "refresh_token"),
        ("refresh_token", tokens.refresh_token.as_str()),
        ("client_id", o.client_id.as_str()),
    ];
    if let Some(secret) = &secret {
        form.push(("client_secret", secret));
    }
    if *o.provider.get_ref() == Provider::Microsoft {
        form.push(("scope", ends.scope.as_str()));
    }
    let (status, answer) = post(&ends.token, &form)?;
    if status == 200 && answer.access_token.is_some() {
        return tokens_from(
            answer,
            Some(&tokens.refresh_token),
            &tokens.username,
            tokens.obtained_at,
        );
    }
    match answer.error.as_deref() {
        // A person must sign in again: consent revoked or expired (`invalid_grant`), or the
        // directory now wants multi-factor or new consent (Entra: `interaction_required`,
        // `consent_required`).
        Some("invalid_grant" | "interaction_required" | "consent_required") => {
            Err(OAuthError::Revoked {
                mailbox: name.to_string(),
                detail: describe(&answer),
            })
        }
        Some("temporarily_unavailable") => Err(OAuthError::Transient(describe(&answer))),
        _ if status >= 500 || status == 429 => Err(OAuthError::Transient(format!(
            "HTTP {status}: {}",
            describe(&answer)
        ))),
        _ => Err(OAuthError::Fatal(format!(
            "mailbox {name}: the provider refused to refresh the token (HTTP {status}: {}); check client_id and tenant, then run `permanence mailbox login {name}`",
            describe(&answer)
        ))),
    }
}

/// The device authorisation answer (Google spells the address `verification_url`).
#[derive(Debug, Deserialize)]
struct DeviceAnswer {
    device_code: String,
    user_code: String,
    #[serde(alias = "verification_url")]
    verification_uri: String,
    verification_uri_complete: Option<String>,
    expires_in: Option<u64>,
    interval: Option<u64>,
}

/// `mailbox login NAME`: obtains and saves the tokens; `say` prints the instructions for the
/// person signing in; `paste` reads a line they type (the browser flow's fallback).
pub fn login(
    mailbox: &MailboxConfig,
    dir: &Path,
    say: &mut dyn FnMut(&str),
    paste: Option<Box<dyn FnMut() -> Option<String> + Send>>,
) -> Result<Tokens, OAuthError> {
    let o = config(mailbox)?;
    let name = mailbox.name.get_ref();
    let path = mailbox
        .token_file(dir)
        .ok_or_else(|| OAuthError::NotLoggedIn(name.clone()))?;
    let ends = endpoints(o);
    let tokens = match (&ends.device, &ends.authorize) {
        (Some(device), _) => device_flow(o, mailbox, device, &ends, say)?,
        (None, Some(authorize)) => browser_flow(o, mailbox, authorize, &ends, say, paste)?,
        (None, None) => {
            return Err(OAuthError::Fatal(format!(
                "mailbox {name}: no device_url or authorize_url to sign in with"
            )));
        }
    };
    let _held = exclusive(&path)?;
    save(&path, &tokens)?;
    Ok(tokens)
}

/// Forgets the tokens of `mailbox` (under the same lock as a refresh, so a refresh under way
/// cannot write them back); whether there were any.
pub fn logout(
    mailbox: &MailboxConfig,
    dir: &Path,
) -> Result<Option<std::path::PathBuf>, OAuthError> {
    let path = mailbox
        .token_file(dir)
        .ok_or_else(|| OAuthError::Fatal("this mailbox signs in with a password".into()))?;
    let _held = exclusive(&path)?;
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(Some(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(OAuthError::Fatal(format!(
            "cannot remove {}: {e}",
            path.display()
        ))),
    }
}

fn device_flow(
    o: &OAuth2Config,
    mailbox: &MailboxConfig,
    device: &str,
    ends: &Endpoints,
    say: &mut dyn FnMut(&str),
) -> Result<Tokens, OAuthError> {
    let secret = client_secret(o)?;
    let (status, body) = send(
        device,
        &[("client_id", o.client_id.as_str()), ("scope", &ends.scope)],
    )?;
    if status != 200 {
        let answer: TokenAnswer = serde_json::from_str(&body).unwrap_or_default();
        return Err(OAuthError::Fatal(format!(
            "{device} refused the sign-in (HTTP {status}: {})",
            describe(&answer)
        )));
    }
    let d: DeviceAnswer = serde_json::from_str(&body)
        .map_err(|e| OAuthError::Fatal(format!("{device}: unexpected answer: {e}")))?;
    let patience = Duration::from_secs(d.expires_in.unwrap_or(900)).min(LOGIN_PATIENCE);
    say(&format!(
        "To let Permanence read the mailbox {} ({}), open\n\n    {}\n\non any computer or phone, sign in as {} and enter the code\n\n    {}\n\n(valid {} minutes). Waiting…",
        mailbox.name.get_ref(),
        mailbox.username,
        d.verification_uri_complete
            .as_deref()
            .unwrap_or(&d.verification_uri),
        mailbox.username,
        d.user_code,
        patience.as_secs() / 60
    ));
    let mut interval = Duration::from_secs(d.interval.unwrap_or(5).max(1));
    let started = std::time::Instant::now();
    let obtained_at = crate::store::now();
    loop {
        if started.elapsed() > patience {
            return Err(OAuthError::Fatal(
                "the code expired before anyone signed in: run the command again".into(),
            ));
        }
        std::thread::sleep(interval);
        let mut form = vec![
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", d.device_code.as_str()),
            ("client_id", o.client_id.as_str()),
        ];
        if let Some(secret) = &secret {
            form.push(("client_secret", secret));
        }
        let (status, answer) = match post(&ends.token, &form) {
            Err(OAuthError::Transient(_)) => continue,
            other => other?,
        };
        if status == 200 && answer.access_token.is_some() {
            return tokens_from(answer, None, &mailbox.username, obtained_at);
        }
        match answer.error.as_deref() {
            Some("authorization_pending") => {}
            Some("slow_down") => interval += Duration::from_secs(5),
            Some("access_denied") | Some("authorization_declined") => {
                return Err(OAuthError::Fatal(
                    "the sign-in was declined: nothing was saved".into(),
                ));
            }
            Some("expired_token") | Some("code_expired") => {
                return Err(OAuthError::Fatal(
                    "the code expired before anyone signed in: run the command again".into(),
                ));
            }
            _ => {
                return Err(OAuthError::Fatal(format!(
                    "the provider refused the sign-in (HTTP {status}: {})",
                    describe(&answer)
                )));
            }
        }
    }
}

fn random_url_token(bytes: usize) -> Result<String, OAuthError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| OAuthError::Fatal(format!("randomness: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf))
}

/// What a redirect address (or a query string) says.
#[derive(Debug, PartialEq, Eq)]
enum Redirect {
    /// The authorisation code of this sign-in.
    Code(String),
    /// This sign-in was refused (its `state`, with an `error`).
    Refused(String),
    /// Another sign-in's, or a forgery's: its `state` is not ours.
    Foreign,
    /// No code, no error (a favicon request).
    Nothing,
}

fn read_redirect(text: &str, state: &str) -> Redirect {
    let query = text
        .trim()
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or(text.trim());
    let query = query.split(['#', ' ']).next().unwrap_or("");
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let (code, error) = (get("code"), get("error"));
    if code.is_none() && error.is_none() {
        return Redirect::Nothing;
    }
    // The state first: only this sign-in's answer may end it, refused or not.
    if get("state").as_deref() != Some(state) {
        return Redirect::Foreign;
    }
    match (code, error) {
        (_, Some(error)) => Redirect::Refused(format!(
            "{error} {}",
            get("error_description").unwrap_or_default()
        )),
        (Some(code), None) => Redirect::Code(code),
        (None, None) => Redirect::Nothing,
    }
}

fn browser_flow(
    o: &OAuth2Config,
    mailbox: &MailboxConfig,
    authorize: &str,
    ends: &Endpoints,
    say: &mut dyn FnMut(&str),
    paste: Option<Box<dyn FnMut() -> Option<String> + Send>>,
) -> Result<Tokens, OAuthError> {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .map_err(|e| OAuthError::Fatal(format!("cannot listen on 127.0.0.1: {e}")))?;
    let port = listener
        .local_addr()
        .map_err(|e| OAuthError::Fatal(e.to_string()))?
        .port();
    let redirect = format!("http://127.0.0.1:{port}/");
    let verifier = random_url_token(48)?;
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()));
    let state = random_url_token(16)?;
    let query = serde_urlencoded::to_string([
        ("response_type", "code"),
        ("client_id", o.client_id.as_str()),
        ("redirect_uri", redirect.as_str()),
        ("scope", ends.scope.as_str()),
        ("state", state.as_str()),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
        ("access_type", "offline"),
        ("prompt", "consent"),
        ("login_hint", mailbox.username.as_str()),
    ])
    .map_err(|e| OAuthError::Fatal(e.to_string()))?;
    let sep = if authorize.contains('?') { '&' } else { '?' };
    say(&format!(
        "To let Permanence read the mailbox {} ({}), open this address in a browser and sign in as {}:\n\n    {authorize}{sep}{query}\n\nIf the browser runs on this machine (or through `ssh -L {port}:127.0.0.1:{port}`), the sign-in ends by itself. Otherwise the browser ends on an address starting with {redirect} that it cannot open: copy that whole address and paste it here, then press Enter. Waiting…",
        mailbox.name.get_ref(),
        mailbox.username,
        mailbox.username
    ));
    let found: Arc<Mutex<Option<Result<String, OAuthError>>>> = Arc::new(Mutex::new(None));
    if let Some(mut paste) = paste {
        let (found, state) = (Arc::clone(&found), state.clone());
        std::thread::spawn(move || {
            while let Some(line) = paste() {
                let result = match read_redirect(&line, &state) {
                    Redirect::Nothing => continue,
                    Redirect::Code(code) => Ok(code),
                    Redirect::Refused(why) => Err(OAuthError::Fatal(format!(
                        "the sign-in was refused: {why}"
                    ))),
                    Redirect::Foreign => Err(OAuthError::Fatal(
                        "the address does not belong to this sign-in (state differs): run the command again"
                            .into(),
                    )),
                };
                *found.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                return;
            }
        });
    }
    listener
        .set_nonblocking(true)
        .map_err(|e| OAuthError::Fatal(e.to_string()))?;
    let started = std::time::Instant::now();
    let code = loop {
        if let Some(result) = found.lock().unwrap_or_else(|e| e.into_inner()).take() {
            break result?;
        }
        if started.elapsed() > LOGIN_PATIENCE {
            return Err(OAuthError::Fatal(
                "nobody signed in within 15 minutes: run the command again".into(),
            ));
        }
        match listener.accept() {
            Ok((mut stream, _)) => {
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut line = String::new();
                let _ = std::io::BufReader::new((&mut stream).take(8192)).read_line(&mut line);
                let target = line.split(' ').nth(1).unwrap_or("");
                let result = read_redirect(target, &state);
                let (status, text) = match &result {
                    Redirect::Code(_) => (
                        "200 OK",
                        "Permanence a reçu l'autorisation : vous pouvez fermer cette page.",
                    ),
                    Redirect::Nothing => ("404 Not Found", "Adresse inconnue."),
                    Redirect::Refused(_) => ("400 Bad Request", "Autorisation refusée."),
                    // Anyone on this machine can reach the port: a stranger's request does
                    // not end the sign-in.
                    Redirect::Foreign => (
                        "400 Bad Request",
                        "Cette adresse n'est pas celle de la connexion en cours.",
                    ),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                    text.len()
                );
                match result {
                    Redirect::Code(code) => break code,
                    Redirect::Nothing | Redirect::Foreign => continue,
                    Redirect::Refused(why) => {
                        return Err(OAuthError::Fatal(format!("the sign-in was refused: {why}")));
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => return Err(OAuthError::Fatal(format!("loopback listener: {e}"))),
        }
    };
    let secret = client_secret(o)?;
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", redirect.as_str()),
        ("client_id", o.client_id.as_str()),
        ("code_verifier", verifier.as_str()),
    ];
    if let Some(secret) = &secret {
        form.push(("client_secret", secret));
    }
    let obtained_at = crate::store::now();
    let (status, answer) = post(&ends.token, &form)?;
    if status == 200 && answer.access_token.is_some() {
        return tokens_from(answer, None, &mailbox.username, obtained_at);
    }
    Err(OAuthError::Fatal(format!(
        "the provider refused the authorisation code (HTTP {status}: {})",
        describe(&answer)
    )))
}

/// The SASL client for `XOAUTH2` or `OAUTHBEARER`: the first answer carries the token; when
/// the server answers with an error challenge (a JSON status), it is kept for the message and
/// acknowledged as both mechanisms require, so that the server ends with NO.
pub struct Sasl {
    initial: Vec<u8>,
    mechanism: Mechanism,
    sent: bool,
    /// The server's error challenge, when there was one.
    pub error: Arc<Mutex<Option<String>>>,
}

impl Sasl {
    /// The exchange for `user` with `token` on `host:port`.
    pub fn new(mechanism: Mechanism, user: &str, token: &str, host: &str, port: u16) -> Sasl {
        let initial = match mechanism {
            Mechanism::Xoauth2 => format!("user={user}\x01auth=Bearer {token}\x01\x01"),
            Mechanism::Oauthbearer => {
                let user = user.replace('=', "=3D").replace(',', "=2C");
                format!("n,a={user},\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01")
            }
        };
        Sasl {
            initial: initial.into_bytes(),
            mechanism,
            sent: false,
            error: Arc::new(Mutex::new(None)),
        }
    }

    /// The IMAP name of the mechanism.
    pub fn name(&self) -> &'static str {
        match self.mechanism {
            Mechanism::Xoauth2 => "XOAUTH2",
            Mechanism::Oauthbearer => "OAUTHBEARER",
        }
    }
}

impl async_imap::Authenticator for Sasl {
    type Response = Vec<u8>;

    fn process(&mut self, challenge: &[u8]) -> Vec<u8> {
        if !self.sent {
            self.sent = true;
            return std::mem::take(&mut self.initial);
        }
        *self.error.lock().unwrap_or_else(|e| e.into_inner()) = Some(
            String::from_utf8_lossy(challenge)
                .chars()
                .take(300)
                .collect(),
        );
        match self.mechanism {
            Mechanism::Xoauth2 => Vec::new(),
            Mechanism::Oauthbearer => vec![1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_give_their_code_only_with_the_right_state() {
        assert_eq!(
            read_redirect("http://127.0.0.1:5/?state=abc&code=4%2F0xyz&scope=x", "abc"),
            Redirect::Code("4/0xyz".to_string())
        );
        assert_eq!(
            read_redirect("/?state=zzz&code=1", "abc"),
            Redirect::Foreign
        );
        // A refusal ends the sign-in only with its state: a stranger cannot abort it.
        assert_eq!(
            read_redirect("/?error=access_denied", "abc"),
            Redirect::Foreign
        );
        assert!(matches!(
            read_redirect("/?error=access_denied&state=abc", "abc"),
            Redirect::Refused(_)
        ));
        assert_eq!(read_redirect("/favicon.ico", "abc"), Redirect::Nothing);
    }

    #[test]
    fn expiry_is_read_as_a_number_or_a_string() {
        let a: TokenAnswer =
            serde_json::from_str(r#"{"access_token":"x","expires_in":"3599"}"#).unwrap();
        assert_eq!(a.expires_in, Some(3599));
        let b: TokenAnswer =
            serde_json::from_str(r#"{"access_token":"x","expires_in":3600}"#).unwrap();
        assert_eq!(b.expires_in, Some(3600));
        let c: TokenAnswer = serde_json::from_str(r#"{"error":"invalid_grant"}"#).unwrap();
        assert_eq!(c.expires_in, None);
    }

    #[test]
    fn token_debug_hides_the_tokens() {
        let t = Tokens {
            refresh_token: "R-SECRET".into(),
            access_token: "A-SECRET".into(),
            expires_at: 1,
            username: "u".into(),
            obtained_at: 0,
            issued_at: 0,
        };
        let shown = format!("{t:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
    }

    #[test]
    fn sasl_initial_responses_follow_the_mechanisms() {
        use async_imap::Authenticator as _;
        let mut x = Sasl::new(Mechanism::Xoauth2, "a@b.fr", "TOK", "h", 993);
        assert_eq!(
            x.process(b""),
            b"user=a@b.fr\x01auth=Bearer TOK\x01\x01".to_vec()
        );
        assert_eq!(x.process(b"{\"status\":\"401\"}"), Vec::<u8>::new());
        assert_eq!(
            x.error.lock().unwrap().as_deref(),
            Some("{\"status\":\"401\"}")
        );
        let mut b = Sasl::new(Mechanism::Oauthbearer, "a,b=c", "TOK", "imap.x", 993);
        assert_eq!(
            b.process(b""),
            b"n,a=a=2Cb=3Dc,\x01host=imap.x\x01port=993\x01auth=Bearer TOK\x01\x01".to_vec()
        );
        assert_eq!(b.process(b"err"), vec![1]);
    }
}
