//! What a folder sync needs from an IMAP server, as a trait, and the real implementation over
//! async-imap: open a folder read-only, list UIDs, ask for message sizes (`RFC822.SIZE`), fetch
//! bodies (`BODY.PEEK[]`, cut at a byte limit), IDLE. Tests drive the same sync code with a
//! scripted fake (`imap/fake.rs`) for what a real server cannot do on demand (a connection cut
//! mid-FETCH, UIDNEXT going backwards, a size that does not match the message).

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, anyhow};
use async_imap::extensions::idle::IdleResponse;
use futures::TryStreamExt as _;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio::sync::watch;

use crate::config::{MailboxConfig, Security};

/// Every network step gives up after this long (the server or the network is gone).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// What EXAMINE/SELECT reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderStatus {
    /// UIDVALIDITY.
    pub uidvalidity: u32,
    /// UIDNEXT, when the server sent it.
    pub uidnext: Option<u32>,
    /// Number of messages.
    pub exists: u32,
}

/// Why IDLE returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// The server announced a change.
    NewData,
    /// The IDLE period ended (re-issue it).
    Timeout,
    /// Shutdown was requested.
    Cancelled,
}

/// A failure, sorted by what the caller does about it.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// Wrong credentials: report clearly, retry slowly.
    #[error("authentication failed: {0}")]
    Auth(String),
    /// Configuration or server refusal that retrying soon will not fix (missing password,
    /// folder that does not exist): report, retry slowly.
    #[error("{0}")]
    Fatal(String),
    /// The connection could not be made safe: the server's certificate does not check out, or
    /// STARTTLS was refused. Never downgraded; report, retry slowly.
    #[error("{message}")]
    Tls {
        /// Which safeguard refused.
        refusal: TlsRefusal,
        /// What happened and what to do.
        message: String,
    },
    /// Network trouble, timeouts, BYE, server restarts: reconnect with backoff.
    #[error("{0:#}")]
    Transient(anyhow::Error),
}

/// Which TLS safeguard refused a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsRefusal {
    /// The certificate: wrong name, expired, unknown authority…
    Certificate,
    /// The server (or someone in between) refused STARTTLS.
    Starttls,
}

impl From<async_imap::error::Error> for SessionError {
    fn from(err: async_imap::error::Error) -> Self {
        SessionError::Transient(anyhow!(err))
    }
}

/// The server operations a folder sync uses. Futures are `Send` so that sync runs in tasks.
pub trait Session: Send {
    /// Opens `folder` read-only (EXAMINE), or read-write (SELECT) when `writable`.
    fn open_folder(
        &mut self,
        folder: &str,
        writable: bool,
    ) -> impl Future<Output = Result<FolderStatus, SessionError>> + Send;
    /// UIDs of the open folder's messages with UID >= `from`, ascending.
    fn uids_from(
        &mut self,
        from: u32,
    ) -> impl Future<Output = Result<Vec<u32>, SessionError>> + Send;
    /// The size the server gives for each of these messages (`RFC822.SIZE`), without their
    /// bodies, so that sync can refuse a message over the cap before downloading it. Expunged
    /// ones are missing from the result.
    fn sizes(
        &mut self,
        uids: &[u32],
    ) -> impl Future<Output = Result<Vec<(u32, u64)>, SessionError>> + Send;
    /// The raw bytes of these messages (`BODY.PEEK[]`: no \Seen flag is set), each cut by the
    /// server after `limit` bytes (a partial fetch, `BODY.PEEK[]<0.limit>`), so a message
    /// larger than its announced size cannot fill memory either. Expunged ones are missing
    /// from the result.
    fn fetch(
        &mut self,
        uids: &[u32],
        limit: u64,
    ) -> impl Future<Output = Result<Vec<(u32, Vec<u8>)>, SessionError>> + Send;
    /// Adds a keyword to these messages (only used when configured).
    fn add_keyword(
        &mut self,
        uids: &[u32],
        keyword: &str,
    ) -> impl Future<Output = Result<(), SessionError>> + Send;
    /// Whether the server supports IDLE.
    fn supports_idle(&self) -> bool;
    /// Waits in IDLE until the server reports something, `timeout` passes, or shutdown.
    fn idle(
        &mut self,
        timeout: Duration,
        cancel: &watch::Receiver<bool>,
    ) -> impl Future<Output = Result<Wake, SessionError>> + Send;
    /// Logs out politely (errors ignored).
    fn logout(&mut self) -> impl Future<Output = ()> + Send;
    /// When this session should end and sign in again with a fresh OAuth2 token (Unix
    /// seconds); `None` for a password. A long sync stops between batches once it has passed.
    fn renew_at(&self) -> Option<i64> {
        None
    }
}

/// Compresses UIDs into an IMAP sequence set: `1:3,7,9:10`.
pub fn uid_set(uids: &[u32]) -> String {
    let sorted: BTreeSet<u32> = uids.iter().copied().collect();
    let mut out = String::new();
    let mut iter = sorted.into_iter().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end.wrapping_add(1))) && end < u32::MAX {
            end = iter.next().unwrap_or(end);
        }
        if !out.is_empty() {
            out.push(',');
        }
        if start == end {
            out.push_str(&start.to_string());
        } else {
            out.push_str(&format!("{start}:{end}"));
        }
    }
    out
}

/// `text` with every occurrence of `password` (as sent, and in the IMAP quoted form, with `\\`
/// and `\"` escaped) replaced by a marker: some servers echo the whole LOGIN command in their
/// refusal, and that text goes to `status`, the database and the log.
pub fn scrub_password(text: &str, password: &str) -> String {
    if password.is_empty() {
        return text.to_string();
    }
    let quoted = password.replace('\\', "\\\\").replace('"', "\\\"");
    // async-imap hands refusals over in Debug form, which escapes once more.
    let debug = |s: &str| {
        let d = format!("{s:?}");
        d[1..d.len() - 1].to_string()
    };
    let mut forms = vec![
        debug(&quoted),
        quoted.clone(),
        debug(password),
        password.to_string(),
    ];
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    let mut out = text.to_string();
    for form in forms {
        out = out.replace(&form, "[mot de passe masqué]");
    }
    out
}

/// The human text of a NO/BAD response (async-imap hands it over in Debug form:
/// `code: None, info: Some("[AUTHENTICATIONFAILED] Authentication failed.")`).
fn server_text(msg: &str) -> String {
    match msg.split_once("info: Some(\"") {
        Some((_, rest)) => rest.trim_end_matches(')').trim_end_matches('"').to_string(),
        None => msg.trim().to_string(),
    }
}

/// Any stream async-imap can run on.
pub trait ImapStream: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug> ImapStream for T {}

type Inner = async_imap::Session<Box<dyn ImapStream>>;

/// A logged-in session with a real server.
pub struct RealSession {
    session: Option<Inner>,
    idle: bool,
    renew_at: Option<i64>,
    tls: bool,
}

async fn timed<T, E: Into<SessionError>>(
    what: &str,
    fut: impl Future<Output = Result<T, E>>,
) -> Result<T, SessionError> {
    match tokio::time::timeout(COMMAND_TIMEOUT, fut).await {
        Ok(result) => result.map_err(Into::into),
        Err(_) => Err(SessionError::Transient(anyhow!(
            "{what} timed out after {}s",
            COMMAND_TIMEOUT.as_secs()
        ))),
    }
}

impl From<std::io::Error> for SessionError {
    fn from(err: std::io::Error) -> Self {
        SessionError::Transient(anyhow!(err))
    }
}

/// The roots a TLS connection trusts: the certificates of `ca_file` when set (a private CA),
/// else the system's.
fn roots(
    ca_file: Option<&std::path::Path>,
) -> Result<tokio_rustls::rustls::RootCertStore, SessionError> {
    use tokio_rustls::rustls::pki_types::{CertificateDer, pem::PemObject as _};
    let mut roots = tokio_rustls::rustls::RootCertStore::empty();
    if let Some(path) = ca_file {
        let bytes = std::fs::read(path).map_err(|e| {
            SessionError::Fatal(format!("cannot read ca_file {}: {e}", path.display()))
        })?;
        for cert in CertificateDer::pem_slice_iter(&bytes) {
            let cert =
                cert.map_err(|e| SessionError::Fatal(format!("ca_file {}: {e}", path.display())))?;
            roots
                .add(cert)
                .map_err(|e| SessionError::Fatal(format!("ca_file {}: {e}", path.display())))?;
        }
        if roots.is_empty() {
            return Err(SessionError::Fatal(format!(
                "ca_file {} holds no PEM certificate",
                path.display()
            )));
        }
        return Ok(roots);
    }
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if roots.is_empty() {
        return Err(SessionError::Fatal(
            "no trusted root certificates found on this system (install ca-certificates)".into(),
        ));
    }
    Ok(roots)
}

fn tls_connector(
    ca_file: Option<&std::path::Path>,
) -> Result<tokio_rustls::TlsConnector, SessionError> {
    // One explicit provider: two compiled-in providers make `builder()` panic at run time.
    let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(Arc::new(
        tokio_rustls::rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| SessionError::Fatal(format!("TLS setup: {e}")))?
    .with_root_certificates(roots(ca_file)?)
    .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// A failed handshake, explained: a certificate the connection must not trust is a
/// configuration matter (retried slowly, never downgraded to plain text); anything else is
/// the network's.
fn handshake_error(host: &str, port: u16, err: std::io::Error) -> SessionError {
    use tokio_rustls::rustls::{CertificateError, Error as TlsError};
    let tls = err
        .get_ref()
        .and_then(|e| e.downcast_ref::<TlsError>())
        .cloned();
    let why = match &tls {
        Some(TlsError::InvalidCertificate(cert)) => match cert {
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                "its certificate has expired (the server's administrator must renew it)".to_string()
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                "its certificate is not valid yet (check this machine's clock)".to_string()
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                format!(
                    "its certificate is not issued for the name {host} (use the exact host name the certificate names)"
                )
            }
            CertificateError::UnknownIssuer => {
                "its certificate is signed by an authority this machine does not trust (for a private CA, set ca_file to its certificate)".to_string()
            }
            CertificateError::Revoked => "its certificate is revoked".to_string(),
            other => format!("its certificate is invalid ({other:?})"),
        },
        Some(other) => format!("TLS failed: {other}"),
        None => {
            return SessionError::Transient(anyhow!("TLS handshake with {host}:{port}: {err}"));
        }
    };
    SessionError::Tls {
        refusal: TlsRefusal::Certificate,
        message: format!(
            "refused to talk to {host}:{port}: {why}; Permanence never falls back to an unencrypted connection"
        ),
    }
}

async fn tls_wrap(
    host: &str,
    port: u16,
    ca_file: Option<&std::path::Path>,
    tcp: TcpStream,
) -> Result<Box<dyn ImapStream>, SessionError> {
    let name = tokio_rustls::rustls::pki_types::ServerName::try_from(host.to_string())
        .map_err(|e| SessionError::Fatal(format!("invalid TLS server name {host}: {e}")))?;
    let connector = tls_connector(ca_file)?;
    match tokio::time::timeout(COMMAND_TIMEOUT, connector.connect(name, tcp)).await {
        Err(_) => Err(SessionError::Transient(anyhow!(
            "TLS handshake with {host}:{port} timed out"
        ))),
        Ok(Err(err)) => Err(handshake_error(host, port, err)),
        Ok(Ok(tls)) => Ok(Box::new(tls)),
    }
}

/// What a connection signs in with.
enum Secret {
    Password(String),
    Token {
        token: String,
        mechanism: crate::config::Mechanism,
        renew_at: i64,
    },
}

impl Secret {
    /// The password or token, to scrub from server texts.
    fn text(&self) -> &str {
        match self {
            Secret::Password(p) => p,
            Secret::Token { token, .. } => token,
        }
    }
}

async fn secret(mailbox: &MailboxConfig, dir: &std::path::Path) -> Result<Secret, SessionError> {
    let Some(o) = &mailbox.oauth2 else {
        return mailbox
            .password()
            .map(Secret::Password)
            .map_err(|e| SessionError::Fatal(format!("{e:#}")));
    };
    let mechanism = o.mechanism;
    let (m, d) = (mailbox.clone(), dir.to_path_buf());
    let result = tokio::task::spawn_blocking(move || super::oauth::access_token(&m, &d))
        .await
        .map_err(|e| SessionError::Transient(anyhow!("token refresh: {e}")))?;
    use super::oauth::OAuthError;
    match result {
        Ok((token, renew_at)) => Ok(Secret::Token {
            token,
            mechanism,
            renew_at,
        }),
        Err(e @ (OAuthError::NotLoggedIn(_) | OAuthError::Revoked { .. })) => {
            Err(SessionError::Auth(e.to_string()))
        }
        Err(e @ OAuthError::Transient(_)) => Err(SessionError::Transient(anyhow!(e))),
        Err(e @ OAuthError::Fatal(_)) => Err(SessionError::Fatal(e.to_string())),
    }
}

/// What [`probe`] found.
#[derive(Debug, Clone)]
pub struct Probe {
    /// Whether the connection is encrypted.
    pub encrypted: bool,
    /// Each watched folder with its number of messages.
    pub folders: Vec<(String, u32)>,
}

/// Connects, signs in, opens each watched folder read-only (EXAMINE) and logs out, within
/// `patience`: what `doctor` and `mailbox login` check. Changes nothing on the server.
pub async fn probe(
    mailbox: &MailboxConfig,
    dir: &std::path::Path,
    patience: Duration,
) -> Result<Probe, SessionError> {
    let work = async {
        let mut session = RealSession::connect(mailbox, dir).await?;
        let mut folders = Vec::new();
        for (folder, _) in mailbox.watched_folders() {
            let status = session.open_folder(&folder, false).await?;
            folders.push((folder, status.exists));
        }
        let encrypted = session.encrypted();
        session.logout().await;
        Ok(Probe { encrypted, folders })
    };
    match tokio::time::timeout(patience, work).await {
        Ok(result) => result,
        Err(_) => Err(SessionError::Transient(anyhow!(
            "{}:{} did not answer within {} s",
            mailbox.host.get_ref(),
            mailbox.port(),
            patience.as_secs()
        ))),
    }
}

impl RealSession {
    /// Connects and signs in. The password (from the environment or its file) or the OAuth2
    /// token (refreshed when needed) is read now and never logged. `dir` is the data
    /// directory (where the tokens are kept by default).
    pub async fn connect(
        mailbox: &MailboxConfig,
        dir: &std::path::Path,
    ) -> Result<RealSession, SessionError> {
        let secret = secret(mailbox, dir).await?;
        let host = mailbox.host.get_ref().as_str();
        let port = mailbox.port();
        let ca_file = mailbox.ca_file.as_ref().map(|f| f.get_ref().as_path());
        let tcp = timed("connect", TcpStream::connect((host, port)))
            .await
            .map_err(|e| {
                SessionError::Transient(anyhow!("cannot connect to {host}:{port}: {e}"))
            })?;
        let _ = tcp.set_nodelay(true);
        let (stream, tls): (Box<dyn ImapStream>, bool) = match *mailbox.security.get_ref() {
            Security::Plain => (Box::new(tcp), false),
            Security::Tls => (tls_wrap(host, port, ca_file, tcp).await?, true),
            Security::Starttls => {
                let mut client = async_imap::Client::new(tcp);
                timed("greeting", client.read_response())
                    .await?
                    .context("connection closed before the greeting")
                    .map_err(SessionError::Transient)?;
                // Refuse, never downgrade: a server (or someone in between) that refuses
                // STARTTLS gets no password, and one that accepts it must then complete a TLS
                // handshake with a certificate that checks out.
                let stripped = |why: &str| SessionError::Tls {
                    refusal: TlsRefusal::Starttls,
                    message: format!(
                        "{host}:{port} {why}: security = \"starttls\" never continues unencrypted (someone between may be removing it; use security = \"tls\" on port 993 if the server offers it)"
                    ),
                };
                match timed(
                    "STARTTLS",
                    client.run_command_and_check_ok("STARTTLS", None),
                )
                .await
                {
                    Err(SessionError::Transient(err))
                        if err
                            .downcast_ref::<async_imap::error::Error>()
                            .is_some_and(|e| {
                                matches!(
                                    e,
                                    async_imap::error::Error::No(_)
                                        | async_imap::error::Error::Bad(_)
                                )
                            }) =>
                    {
                        return Err(stripped("refused STARTTLS"));
                    }
                    other => other?,
                }
                (
                    tls_wrap(host, port, ca_file, client.into_inner()).await?,
                    true,
                )
            }
        };
        let mut client = async_imap::Client::new(stream);
        if *mailbox.security.get_ref() != Security::Starttls {
            // There is no new greeting after STARTTLS.
            timed("greeting", client.read_response())
                .await?
                .context("connection closed before the greeting")
                .map_err(SessionError::Transient)?;
        }
        let (login, renew_at, sasl_error) = match &secret {
            Secret::Password(password) => (
                tokio::time::timeout(COMMAND_TIMEOUT, client.login(&mailbox.username, password))
                    .await,
                None,
                None,
            ),
            Secret::Token {
                token,
                mechanism,
                renew_at,
            } => {
                let sasl =
                    super::oauth::Sasl::new(*mechanism, &mailbox.username, token, host, port);
                let error = Arc::clone(&sasl.error);
                let name = sasl.name();
                (
                    tokio::time::timeout(COMMAND_TIMEOUT, client.authenticate(name, sasl)).await,
                    Some(*renew_at),
                    Some(error),
                )
            }
        };
        let scrub = |text: &str| {
            let text = scrub_password(text, secret.text());
            match sasl_error
                .as_ref()
                .and_then(|e| e.lock().ok().and_then(|e| e.clone()))
            {
                Some(challenge) => format!("{text} (server said: {challenge})"),
                None => text,
            }
        };
        let advice = if mailbox.oauth2.is_some() {
            format!(
                "; if the account or its consent changed, run `permanence mailbox login {}`",
                mailbox.name.get_ref()
            )
        } else {
            String::new()
        };
        let mut session = match login {
            Err(_) => return Err(SessionError::Transient(anyhow!("login timed out"))),
            // RFC 5530: [UNAVAILABLE] is a temporary failure of the server's authentication
            // backend, not a wrong password.
            Ok(Err((async_imap::error::Error::No(msg), _))) if msg.contains("[UNAVAILABLE]") => {
                return Err(SessionError::Transient(anyhow!(
                    "server could not authenticate now: {}",
                    scrub(&server_text(&msg))
                )));
            }
            Ok(Err((async_imap::error::Error::No(msg), _))) => {
                return Err(SessionError::Auth(format!(
                    "server refused {} at {host}:{port}: {}{advice}",
                    mailbox.username,
                    scrub(&server_text(&msg))
                )));
            }
            Ok(Err((async_imap::error::Error::Bad(msg), _))) => {
                return Err(SessionError::Auth(format!(
                    "server rejected the login of {} at {host}:{port}: {}{advice}",
                    mailbox.username,
                    scrub(&server_text(&msg))
                )));
            }
            Ok(Err((err, _))) => {
                return Err(SessionError::Transient(anyhow!(
                    "login: {}",
                    scrub(&err.to_string())
                )));
            }
            Ok(Ok(session)) => session,
        };
        let caps = timed("CAPABILITY", session.capabilities()).await?;
        let idle = caps.has_str("IDLE");
        Ok(RealSession {
            session: Some(session),
            idle,
            renew_at,
            tls,
        })
    }

    /// Whether the connection is encrypted.
    pub fn encrypted(&self) -> bool {
        self.tls
    }

    fn inner(&mut self) -> Result<&mut Inner, SessionError> {
        self.session
            .as_mut()
            .ok_or_else(|| SessionError::Transient(anyhow!("session lost during IDLE")))
    }

    /// The unsolicited-response channel holds 100 entries and drops when full: drain it.
    fn drain(&mut self) {
        if let Some(s) = self.session.as_mut() {
            while s.unsolicited_responses.try_recv().is_ok() {}
        }
    }
}

impl Session for RealSession {
    async fn open_folder(
        &mut self,
        folder: &str,
        writable: bool,
    ) -> Result<FolderStatus, SessionError> {
        let session = self.inner()?;
        let result = if writable {
            timed("SELECT", session.select(folder)).await
        } else {
            timed("EXAMINE", session.examine(folder)).await
        };
        let mailbox = match result {
            Err(SessionError::Transient(err))
                if err
                    .downcast_ref::<async_imap::error::Error>()
                    .is_some_and(|e| matches!(e, async_imap::error::Error::No(_))) =>
            {
                return Err(SessionError::Fatal(format!(
                    "cannot open folder {folder}: {err}"
                )));
            }
            other => other?,
        };
        self.drain();
        let uidvalidity = mailbox.uid_validity.ok_or_else(|| {
            SessionError::Transient(anyhow!("server sent no UIDVALIDITY for {folder}"))
        })?;
        Ok(FolderStatus {
            uidvalidity,
            uidnext: mailbox.uid_next,
            exists: mailbox.exists,
        })
    }

    async fn uids_from(&mut self, from: u32) -> Result<Vec<u32>, SessionError> {
        let session = self.inner()?;
        let found = timed("UID SEARCH", session.uid_search(format!("UID {from}:*"))).await?;
        self.drain();
        // `n:*` also matches the highest UID when it is below n (RFC 3501 6.4.8): filter.
        let mut uids: Vec<u32> = found.into_iter().filter(|&u| u >= from).collect();
        uids.sort_unstable();
        Ok(uids)
    }

    async fn sizes(&mut self, uids: &[u32]) -> Result<Vec<(u32, u64)>, SessionError> {
        let set = uid_set(uids);
        let session = self.inner()?;
        let fetch = async {
            let stream = session.uid_fetch(&set, "(UID RFC822.SIZE)").await?;
            futures::pin_mut!(stream);
            let mut out = Vec::with_capacity(uids.len());
            while let Some(item) = stream.try_next().await? {
                if let (Some(uid), Some(size)) = (item.uid, item.size) {
                    out.push((uid, u64::from(size)));
                }
            }
            Ok::<_, async_imap::error::Error>(out)
        };
        let out = timed("UID FETCH RFC822.SIZE", fetch).await?;
        self.drain();
        Ok(out)
    }

    async fn fetch(
        &mut self,
        uids: &[u32],
        limit: u64,
    ) -> Result<Vec<(u32, Vec<u8>)>, SessionError> {
        let set = uid_set(uids);
        // RFC 3501 6.4.5: `<0.n>` returns at most n octets (the response says `BODY[]<0>`,
        // which async-imap's `body()` accepts). A partial length is a 32-bit number.
        let items = match u32::try_from(limit) {
            Ok(limit) => format!("(UID BODY.PEEK[]<0.{limit}>)"),
            Err(_) => "(UID BODY.PEEK[])".to_string(),
        };
        let session = self.inner()?;
        let fetch = async {
            let stream = session.uid_fetch(&set, &items).await?;
            futures::pin_mut!(stream);
            let mut out = Vec::with_capacity(uids.len());
            while let Some(item) = stream.try_next().await? {
                if let (Some(uid), Some(body)) = (item.uid, item.body()) {
                    out.push((uid, body.to_vec()));
                }
            }
            Ok::<_, async_imap::error::Error>(out)
        };
        let out = timed("UID FETCH", fetch).await?;
        self.drain();
        Ok(out)
    }

    async fn add_keyword(&mut self, uids: &[u32], keyword: &str) -> Result<(), SessionError> {
        let set = uid_set(uids);
        let session = self.inner()?;
        let store = async {
            let stream = session
                .uid_store(&set, format!("+FLAGS.SILENT ({keyword})"))
                .await?;
            futures::pin_mut!(stream);
            while stream.try_next().await?.is_some() {}
            Ok::<_, async_imap::error::Error>(())
        };
        timed("UID STORE", store).await?;
        self.drain();
        Ok(())
    }

    fn supports_idle(&self) -> bool {
        self.idle
    }

    async fn idle(
        &mut self,
        timeout: Duration,
        cancel: &watch::Receiver<bool>,
    ) -> Result<Wake, SessionError> {
        let session = self
            .session
            .take()
            .ok_or_else(|| SessionError::Transient(anyhow!("no session")))?;
        let mut handle = session.idle();
        timed("IDLE", handle.init()).await?;
        let mut cancel = cancel.clone();
        let response = {
            let (wait, stop) = handle.wait_with_timeout(timeout);
            tokio::pin!(wait);
            let early = tokio::select! {
                r = &mut wait => Some(r),
                _ = async { let _ = cancel.wait_for(|c| *c).await; } => None,
            };
            match early {
                Some(r) => r,
                None => {
                    // Dropping the stop source ends the wait with ManualInterrupt.
                    drop(stop);
                    wait.await
                }
            }
        };
        let wake = match response {
            Ok(IdleResponse::NewData(_)) => Wake::NewData,
            Ok(IdleResponse::Timeout) => Wake::Timeout,
            Ok(IdleResponse::ManualInterrupt) => Wake::Cancelled,
            Err(err) => return Err(err.into()),
        };
        let session = timed("DONE", handle.done()).await?;
        self.session = Some(session);
        self.drain();
        Ok(wake)
    }

    async fn logout(&mut self) {
        if let Some(session) = self.session.as_mut() {
            let _ = tokio::time::timeout(Duration::from_secs(5), session.logout()).await;
        }
    }

    fn renew_at(&self) -> Option<i64> {
        self.renew_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_sets_compress_runs() {
        assert_eq!(uid_set(&[1, 2, 3, 7, 9, 10]), "1:3,7,9:10");
        assert_eq!(uid_set(&[5]), "5");
        assert_eq!(uid_set(&[3, 1, 2, 2]), "1:3");
        assert_eq!(
            uid_set(&[u32::MAX - 1, u32::MAX]),
            format!("{}:{}", u32::MAX - 1, u32::MAX)
        );
        assert_eq!(uid_set(&[]), "");
    }

    #[test]
    fn echoed_passwords_are_scrubbed() {
        let echo = r#"Invalid command: a1 LOGIN "bureau" "s3cr\et"pw""#;
        let out = scrub_password(echo, r#"s3cr\et"pw"#);
        assert!(!out.contains("s3cr"), "{out}");
        assert!(out.contains("[mot de passe masqué]"));
        assert_eq!(
            scrub_password("a1 LOGIN u hunter22", "hunter22"),
            "a1 LOGIN u [mot de passe masqué]"
        );
        assert_eq!(scrub_password("rien", ""), "rien");
    }
}
