//! `permanence.toml`: the data directory's configuration. `init` writes a commented file with the
//! defaults; unknown keys are rejected (a typo must not silently change behaviour) and errors name
//! the file, line and key.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;
use toml::Spanned;

/// The whole configuration file. Every section is optional; missing keys take their defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// How messages are stored and parsed.
    #[serde(default)]
    pub ingest: IngestConfig,
    /// How the full-text index is built.
    #[serde(default)]
    pub index: IndexConfig,
    /// Attachment text: the bounds of each extraction.
    #[serde(default)]
    pub extract: ExtractConfig,
    /// The agenda: invitations read from the mail.
    #[serde(default)]
    pub agenda: AgendaConfig,
    /// The daemon's own settings.
    #[serde(default)]
    pub daemon: DaemonConfig,
    /// The office itself.
    #[serde(default)]
    pub office: OfficeConfig,
    /// Tagging rules.
    #[serde(default)]
    pub rules: RulesConfig,
    /// Request cases.
    #[serde(default)]
    pub cases: CasesConfig,
    /// How long personal data is kept.
    #[serde(default)]
    pub retention: RetentionConfig,
    /// The staff web interface (`serve`).
    #[serde(default)]
    pub web: WebConfig,
    /// Office mailboxes the daemon files (`[[mailbox]]`, one section each).
    #[serde(default)]
    pub mailbox: Vec<MailboxConfig>,
}

/// `[rules]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RulesConfig {
    /// Directory of rule files (`*.toml`), relative to the data directory.
    pub dir: PathBuf,
}

impl Default for RulesConfig {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("rules"),
        }
    }
}

/// `[office]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OfficeConfig {
    /// The office's territory: département codes ("38"). Among communes or officials with the same
    /// name, the one in the territory is preferred.
    pub departements: Vec<String>,
    /// The office's own addresses: mail from them is the office's (answers), wherever it is found.
    pub addresses: Vec<String>,
    /// The office's time zone (IANA name): every time shown, and the days and months of search
    /// and the dashboard. Empty: Europe/Paris.
    pub timezone: String,
}

impl OfficeConfig {
    /// The configured time zone (Europe/Paris when empty); `None` when the name is no zone.
    pub fn zone(&self) -> Option<chrono_tz::Tz> {
        let name = self.timezone.trim();
        if name.is_empty() {
            return Some(crate::util::DEFAULT_ZONE);
        }
        name.parse().ok()
    }
}

/// `[retention]`: 0 keeps forever.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionConfig {
    /// The access log (who read whose mail): days.
    pub access_log_days: u32,
    /// Citizens' mail (no official): years after its case was closed.
    pub citizens_years: u32,
    /// Officials' mail: years after the end of the official's last mandate.
    pub officials_years: u32,
    /// Automatic mail (auto-replies, newsletters, bounces, spam): months after it arrived.
    pub automatic_months: u32,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        Self {
            access_log_days: 365,
            citizens_years: 0,
            officials_years: 0,
            automatic_months: 0,
        }
    }
}

/// `[cases]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CasesConfig {
    /// A message joins a case of the same correspondent with the same subject (after `RE:`,
    /// `TR:`… are removed) when the case had mail within this many days.
    pub subject_window_days: u32,
    /// Near-identical texts sent within this many days are compared for campaigns.
    pub campaign_window_days: u32,
    /// Distinct senders of near-identical texts that make a campaign.
    pub campaign_min_senders: u32,
    /// Estimated share of common word sequences (0-1) above which two texts are near-identical.
    pub campaign_similarity: f64,
}

impl Default for CasesConfig {
    fn default() -> Self {
        Self {
            subject_window_days: 60,
            campaign_window_days: 30,
            campaign_min_senders: 3,
            campaign_similarity: 0.45,
        }
    }
}

/// `[web]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebConfig {
    /// Address `serve` listens on when `--listen` is not given.
    pub listen: String,
    /// A session ends after this many minutes without a request.
    pub idle_minutes: u32,
    /// A session ends this many hours after login, active or not.
    pub max_hours: u32,
    /// Mark session cookies `Secure`. They are also marked when a TLS proxy in front sends
    /// `X-Forwarded-Proto: https`.
    pub secure_cookies: bool,
    /// Failed logins for one name from one address within 15 minutes before each further
    /// attempt waits (30 s, doubling up to 15 minutes); 4 times as many per name from any
    /// address and 10 times as many per address delay by 5 s, doubling up to a minute.
    pub max_failed_logins: u32,
    /// Behind a reverse proxy: take the client's address from the last `X-Forwarded-For`
    /// entry (the one the proxy adds) instead of the proxy's own address.
    pub trust_forwarded_for: bool,
    /// Host names (as in the `Host` header, without the port) the interface answers to; empty
    /// accepts any. Set it when the interface is reachable from a network, against DNS
    /// rebinding.
    pub allowed_hosts: Vec<String>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".to_string(),
            idle_minutes: 480,
            max_hours: 72,
            secure_cookies: false,
            max_failed_logins: 5,
            trust_forwarded_for: false,
            allowed_hosts: Vec::new(),
        }
    }
}

/// `[daemon]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DaemonConfig {
    /// `status` warns when a folder has received no new mail for this many days.
    pub silent_days: u32,
}

impl Default for DaemonConfig {
    fn default() -> Self {
        Self { silent_days: 3 }
    }
}

/// How the IMAP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Implicit TLS (port 993).
    Tls,
    /// Plain connection upgraded with STARTTLS (port 143).
    Starttls,
    /// No encryption: only allowed to a loopback address.
    Plain,
}

/// One `[[mailbox]]` section. The key names are a contract (tools and tests write them).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailboxConfig {
    /// Short name, used in logs, `status` and message locations.
    pub name: Spanned<String>,
    /// IMAP server host name or address.
    pub host: Spanned<String>,
    /// Port; defaults to 993 for tls, 143 otherwise.
    pub port: Option<u16>,
    /// `tls`, `starttls` or `plain`.
    pub security: Spanned<Security>,
    /// Login name.
    pub username: String,
    /// Name of the environment variable holding the password.
    pub password_env: Option<Spanned<String>>,
    /// File holding the password (must not be readable by group or others).
    pub password_file: Option<Spanned<PathBuf>>,
    /// Folders to file.
    #[serde(default = "default_folders")]
    pub folders: Vec<String>,
    /// The office's sent folder: its mail is the office's own (replies).
    pub sent_folder: Option<String>,
    /// Poll interval for servers without IDLE.
    #[serde(default = "default_poll")]
    pub poll_seconds: u64,
    /// Keyword set on the server after a message is filed (off unless set: the mailbox is
    /// never modified otherwise).
    pub filed_keyword: Option<String>,
    /// PEM file of the certificate authorities to trust for this server instead of the system's
    /// (a private CA of the assembly's own servers).
    pub ca_file: Option<Spanned<PathBuf>>,
    /// `[mailbox.oauth2]`: sign in with OAuth2 (Microsoft 365, Google Workspace/Gmail) instead
    /// of a password; `permanence mailbox login NAME` obtains the token once.
    pub oauth2: Option<OAuth2Config>,
}

/// Who issues the OAuth2 tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Microsoft 365 / Exchange Online (Entra ID), device-code flow.
    Microsoft,
    /// Google Workspace / Gmail, authorisation in a browser (Google refuses the mail scope to
    /// the device-code flow).
    Google,
    /// Any other server: `device_url` and `token_url` name its endpoints.
    Custom,
}

impl Provider {
    /// The name as written in the configuration.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Microsoft => "microsoft",
            Provider::Google => "google",
            Provider::Custom => "custom",
        }
    }
}

/// The SASL mechanism that carries the access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mechanism {
    /// `XOAUTH2` (Microsoft, Google).
    #[default]
    Xoauth2,
    /// `OAUTHBEARER` (RFC 7628).
    Oauthbearer,
}

/// `[mailbox.oauth2]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuth2Config {
    /// `microsoft`, `google` or `custom`.
    pub provider: Spanned<Provider>,
    /// The application (client) id the office registered with the provider.
    pub client_id: String,
    /// File holding the client secret, when the provider gave one (Google does); mode 600.
    pub client_secret_file: Option<Spanned<PathBuf>>,
    /// Microsoft: the directory (tenant) id or domain [default: organizations].
    pub tenant: Option<String>,
    /// `xoauth2` or `oauthbearer` [default: xoauth2].
    #[serde(default)]
    pub mechanism: Mechanism,
    /// Scopes to ask for [default: the provider's IMAP scope, and offline access].
    pub scope: Option<String>,
    /// Device authorisation endpoint (RFC 8628) [default: the provider's].
    pub device_url: Option<String>,
    /// Browser authorisation endpoint [default: the provider's; Google].
    pub authorize_url: Option<String>,
    /// Token endpoint [default: the provider's].
    pub token_url: Option<String>,
    /// Where the tokens are kept, mode 600 [default: DATA/oauth2/NAME.json].
    pub token_file: Option<PathBuf>,
}

fn default_folders() -> Vec<String> {
    vec!["INBOX".to_string()]
}

fn default_poll() -> u64 {
    60
}

impl MailboxConfig {
    /// The port to connect to.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match *self.security.get_ref() {
            Security::Tls => 993,
            Security::Starttls | Security::Plain => 143,
        })
    }

    /// Every folder to watch: `folders` then `sent_folder`, each once, with whether it is the
    /// sent folder.
    pub fn watched_folders(&self) -> Vec<(String, bool)> {
        let mut out: Vec<(String, bool)> = Vec::new();
        for folder in &self.folders {
            let sent = self.sent_folder.as_deref() == Some(folder.as_str());
            out.push((folder.clone(), sent));
        }
        if let Some(sent) = &self.sent_folder
            && !self.folders.contains(sent)
        {
            out.push((sent.clone(), true));
        }
        out
    }

    /// Where this mailbox's OAuth2 tokens are kept: `oauth2.token_file`, else
    /// `DATA/oauth2/NAME.json`.
    pub fn token_file(&self, dir: &Path) -> Option<PathBuf> {
        let o = self.oauth2.as_ref()?;
        Some(o.token_file.clone().unwrap_or_else(|| {
            dir.join("oauth2")
                .join(format!("{}.json", self.name.get_ref()))
        }))
    }

    /// Reads the password from the configured environment variable or file. Never logged.
    pub fn password(&self) -> Result<String> {
        if let Some(var) = &self.password_env {
            return std::env::var(var.get_ref()).with_context(|| {
                format!(
                    "mailbox {}: environment variable {} is not set",
                    self.name.get_ref(),
                    var.get_ref()
                )
            });
        }
        if let Some(path) = &self.password_file {
            let path = path.get_ref();
            check_private(path)?;
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read password file {}", path.display()))?;
            return Ok(text.trim_end_matches(['\r', '\n']).to_string());
        }
        bail!(
            "mailbox {}: no password_env or password_file",
            self.name.get_ref()
        )
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Refuses a secret file (password, client secret, tokens) readable or writable by group or
/// others.
pub fn check_private(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read secret file {}", path.display()))?;
    let mode = meta.permissions().mode();
    if mode & 0o077 != 0 {
        bail!(
            "secret file {} is accessible by group or others (mode {:o}): chmod 600 it",
            path.display(),
            mode & 0o777
        );
    }
    Ok(())
}

/// `[ingest]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// Messages larger than this (MB) are stored byte for byte, but only their headers are parsed
    /// and indexed; a warning names them.
    pub max_parse_mb: u64,
    /// Messages per SQLite transaction (and per raw-store sync).
    pub batch_size: usize,
    /// Hard cap on one input (MB): a message larger than this is refused with a message naming
    /// it, recorded as a problem, and not stored; everything up to it is stored byte for byte.
    pub max_message_mb: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        Self {
            max_parse_mb: 100,
            batch_size: 500,
            max_message_mb: 200,
        }
    }
}

/// `[index]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IndexConfig {
    /// Text indexed per message (body plus quoted text), in KB; longer text is cut with a warning.
    pub max_text_kb: usize,
    /// Memory given to the index writer, in MB (at least 15 per thread).
    pub writer_heap_mb: usize,
    /// Indexing threads.
    pub writer_threads: usize,
}

impl Default for IndexConfig {
    fn default() -> Self {
        Self {
            max_text_kb: 512,
            writer_heap_mb: 128,
            writer_threads: 2,
        }
    }
}

/// `[extract]`: the bounds of each attachment's text extraction (issue 19).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExtractConfig {
    /// Address space of the child and of each program it runs, MB.
    pub memory_mb: u64,
    /// CPU seconds of each.
    pub cpu_seconds: u64,
    /// Wall seconds for one attachment, everything included.
    pub wall_seconds: u64,
    /// Attachments larger than this (MB) are not read.
    pub max_input_mb: u64,
    /// What a compressed member or stream may inflate to, MB.
    pub max_inflated_mb: u64,
    /// Largest file the child may write (page images), MB.
    pub scratch_mb: u64,
    /// Characters of text kept per attachment.
    pub max_chars: usize,
    /// OCR of scans and images.
    pub ocr: bool,
    /// Pages of a scanned PDF read by OCR.
    pub ocr_pages: u32,
    /// Longest side of a page image for OCR, pixels (3,508: A4 at 300 dpi).
    pub ocr_scale_px: u32,
    /// Images larger than this (pixels) are not read.
    pub max_pixels: u64,
    /// Refuse to extract where the child cannot be cut from the network.
    pub require_isolation: bool,
    /// Attachments extracted at once (children running side by side).
    pub threads: usize,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            memory_mb: 1024,
            cpu_seconds: 60,
            wall_seconds: 120,
            max_input_mb: 50,
            max_inflated_mb: 256,
            scratch_mb: 512,
            max_chars: 1_000_000,
            ocr: true,
            ocr_pages: 20,
            ocr_scale_px: 3508,
            max_pixels: 60_000_000,
            require_isolation: false,
            threads: 2,
        }
    }
}

/// `[agenda]`: invitations read from the mail (issue 20).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AgendaConfig {
    /// Read invitations from the mail.
    pub enabled: bool,
    /// The calendar feed: declined invitations `omit`ted or `mark`ed (« Décliné : … »).
    pub feed_declined: FeedDeclined,
    /// The calendar feed also carries invitations not decided yet (as tentative).
    pub feed_undecided: bool,
    /// Reply deadlines come to the triage queue this many days before they pass.
    pub rsvp_warning_days: u32,
}

/// What the feed does with declined invitations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedDeclined {
    /// Left out.
    Omit,
    /// Kept, marked cancelled and « Décliné ».
    Mark,
}

impl Default for AgendaConfig {
    fn default() -> Self {
        AgendaConfig {
            enabled: true,
            feed_declined: FeedDeclined::Omit,
            feed_undecided: false,
            rsvp_warning_days: 5,
        }
    }
}

/// The file `init` writes: every key with its default, commented. Mailbox sections are appended
/// after it.
pub const DEFAULT_CONFIG: &str = r#"# Permanence configuration.
# Every key is optional: the values shown are the defaults. Secrets never go in this file.

[ingest]
# Messages larger than this (MB) are stored byte for byte, but only their headers are parsed and
# indexed; `ingest` prints a warning naming each one.
max_parse_mb = 100
# Messages per database transaction (and per durable sync of the raw store).
batch_size = 500
# No single message larger than this (MB) is accepted: it is refused with a message naming it and
# recorded as a problem (mail servers refuse far smaller messages).
max_message_mb = 200

[index]
# Text indexed per message (body and quoted replies), in KB. Longer text is cut, with a warning;
# the original stays complete in the raw store.
max_text_kb = 512
# Memory for the index writer, in MB, and indexing threads.
writer_heap_mb = 128
writer_threads = 2

[extract]
# Attachment text (PDF, scans, Office, RTF, iCalendar, winmail.dat), read after filing by a
# child process with these bounds; `permanence status` lists the programs found (poppler-utils,
# tesseract-ocr, tesseract-ocr-fra, catdoc). Per attachment: memory (MB, address space), CPU and
# wall seconds, largest attachment read (MB), what compressed content may inflate to (MB),
# largest scratch file (MB), characters of text kept.
memory_mb = 1024
cpu_seconds = 60
wall_seconds = 120
max_input_mb = 50
max_inflated_mb = 256
scratch_mb = 512
max_chars = 1000000
# OCR in French of scanned PDFs (their first ocr_pages pages, rendered at most ocr_scale_px
# pixels on their long side) and of images (up to max_pixels pixels).
ocr = true
ocr_pages = 20
ocr_scale_px = 3508
max_pixels = 60000000
# Refuse to extract where the child process cannot be cut from the network (some containers
# forbid the namespaces it uses); off: it then runs with the other limits only.
require_isolation = false
# Attachments extracted at once (each in its own child process).
threads = 2

[agenda]
# Invitations (ceremonies, inaugurations, vœux, assemblées générales…) are read from the mail,
# its iCalendar parts and its attachments' text into the agenda (`permanence agenda`, page
# « Agenda »). The calendar feed (`/agenda.ics?token=…`, `permanence agenda token new`) carries
# accepted events and those someone attends for the office; declined ones are "omit"ted or
# "mark"ed; undecided ones are carried as tentative when feed_undecided is true. Reply
# deadlines come to the triage queue rsvp_warning_days days before they pass.
enabled = true
feed_declined = "omit"
feed_undecided = false
rsvp_warning_days = 5

[office]
# The office's territory (département codes): among homonymous communes and officials, those
# of the territory are preferred.
departements = []
# The office's own addresses: their mail is the office's answers (like the IMAP sent folder).
addresses = []
# The office's time zone, for every time shown (e.g. "America/Guadeloupe", "Indian/Reunion").
timezone = "Europe/Paris"

[cases]
# A message joins a case of the same correspondent with the same subject (RE:, TR:, [tags]…
# removed) when the case had mail within this many days; otherwise it opens a new case.
subject_window_days = 60
# Campaigns: when this many different senders send near-identical text (a motion voted by many
# councils, a petition) within the window, they form one campaign case. Similarity is the share
# of 4-word sequences a message's substantive text (formulas and signatures removed) has in
# common with the campaign's seed.
campaign_window_days = 30
campaign_min_senders = 3
campaign_similarity = 0.45

[retention]
# How long personal data is kept (RGPD); 0 keeps forever. `permanence retention run --dry-run`
# shows what a policy removes; the daemon applies it once a day.
# citizens_years: citizens' mail, years after its case was closed
# officials_years: officials' mail, years after the end of their last mandate
# automatic_months: auto-replies, newsletters, bounces, spam, months after they arrived
citizens_years = 0
officials_years = 0
automatic_months = 0
# The access log (who searched for or opened whose messages), in days.
access_log_days = 365

[rules]
# Theme rules (*.toml), relative to this directory. `init` copies the default French taxonomy
# there; edit or add files, then `permanence rules check` and `permanence rules test`.
dir = "rules"

[web]
# `permanence serve`: the staff web interface. Put it behind a TLS reverse proxy (which sends
# X-Forwarded-Proto: https) to reach it from other machines; users: `permanence user add NAME`.
listen = "127.0.0.1:8080"
# Sessions end after this many minutes without activity, and this many hours after login.
idle_minutes = 480
max_hours = 72
# Mark session cookies Secure even without X-Forwarded-Proto (when serving over TLS).
secure_cookies = false
# Failed logins for one name from one address within 15 minutes before further attempts are
# delayed (30 s, doubling up to 15 min); a name from any address gets 4 times as many and an
# address 10 times as many, then delays of 5 s doubling up to one minute. Never a hard lock.
max_failed_logins = 5
# Behind a reverse proxy, set this to true (and have the proxy set X-Forwarded-For, and
# X-Forwarded-Host or Host to the site's name) so that each client's own address is limited.
trust_forwarded_for = false
# Host names the interface answers to (the Host header, without the port), e.g.
# ["permanence.senat-bureau.fr"]; empty answers to any. Requests naming another host get 421.
allowed_hosts = []

[daemon]
# `permanence status` warns when a folder has received no mail for this many days: a silent
# mailbox is usually a broken one.
silent_days = 3

# Office mailboxes: one [[mailbox]] section each, appended below. Passwords never go here:
# name an environment variable (password_env) or a file readable only by its owner
# (password_file).
#
# [[mailbox]]
# name = "bureau"
# host = "imap.example.fr"
# port = 993                      # default: 993 for tls, 143 otherwise
# security = "tls"                # "tls", "starttls", or "plain" (loopback hosts only)
# username = "permanence@example.fr"
# password_env = "PERMANENCE_IMAP_PASSWORD"
# folders = ["INBOX"]
# sent_folder = "Sent"            # the office's own mail: shows when a request was answered
# poll_seconds = 60               # for servers without IDLE
# filed_keyword = "$Filed"        # off unless set: the mailbox is never modified otherwise
# ca_file = "/etc/permanence/ca.pem"  # a private CA to trust instead of the system's
#
# Microsoft 365 or Google Workspace/Gmail: no password, a token obtained once with
# `permanence mailbox login NAME` (kept in DATA/oauth2/NAME.json, mode 600, refreshed by itself).
# [[mailbox]]
# name = "m365"
# host = "outlook.office365.com"   # Google: "imap.gmail.com"
# security = "tls"
# username = "permanence@example.fr"
# [mailbox.oauth2]
# provider = "microsoft"           # "microsoft", "google" or "custom"
# client_id = "00000000-0000-0000-0000-000000000000"  # the application registered by the office
# tenant = "example.fr"            # Microsoft: the directory id or domain
# client_secret_file = "/etc/permanence/google-client-secret"  # Google only (mode 600)
"#;

impl Config {
    /// Parses configuration text; `origin` names the file in error messages.
    pub fn parse(text: &str, origin: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|err| {
            let line = err
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(line) => anyhow::anyhow!("{origin}:{line}: {}", err.message()),
                None => anyhow::anyhow!("{origin}: {}", err.message()),
            }
        })?;
        config.validate(text, origin)?;
        Ok(config)
    }

    /// Reads `path`, or returns the defaults when it does not exist.
    pub fn load(path: &Path) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, &path.display().to_string()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Checks values that TOML types alone cannot; errors name `origin`, the line and the key.
    pub fn validate(&self, text: &str, origin: &str) -> Result<()> {
        let at = |span: std::ops::Range<usize>| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        };
        if self.ingest.batch_size == 0 {
            bail!("{origin}: ingest.batch_size must be at least 1");
        }
        if self.office.zone().is_none() {
            bail!(
                "{origin}: office.timezone {:?} is not a time zone (an IANA name such as \"Europe/Paris\")",
                self.office.timezone
            );
        }
        if self.index.writer_threads == 0 {
            bail!("{origin}: index.writer_threads must be at least 1");
        }
        if self.index.writer_heap_mb < 15 * self.index.writer_threads {
            bail!("{origin}: index.writer_heap_mb must be at least 15 per writer thread");
        }
        let mut names = std::collections::BTreeSet::new();
        for m in &self.mailbox {
            let name = m.name.get_ref();
            if name.is_empty() || name.contains(['/', ' ']) {
                bail!(
                    "{origin}:{}: mailbox.name {name:?} must be non-empty, without spaces or '/'",
                    at(m.name.span())
                );
            }
            if !names.insert(name.clone()) {
                bail!(
                    "{origin}:{}: mailbox.name {name:?} is used twice",
                    at(m.name.span())
                );
            }
            if *m.security.get_ref() == Security::Plain && !is_loopback(m.host.get_ref()) {
                bail!(
                    "{origin}:{}: mailbox {name}: security = \"plain\" is only allowed to a loopback host, not {}",
                    at(m.security.span()),
                    m.host.get_ref()
                );
            }
            if let Some(ca) = &m.ca_file
                && !ca.get_ref().is_file()
            {
                bail!(
                    "{origin}:{}: mailbox {name}: ca_file {} does not exist",
                    at(ca.span()),
                    ca.get_ref().display()
                );
            }
            if let Some(o) = &m.oauth2 {
                if let Some(field) = m
                    .password_env
                    .as_ref()
                    .map(|v| v.span())
                    .or_else(|| m.password_file.as_ref().map(|f| f.span()))
                {
                    bail!(
                        "{origin}:{}: mailbox {name}: [mailbox.oauth2] signs in with a token: remove password_env/password_file",
                        at(field)
                    );
                }
                if o.client_id.trim().is_empty() {
                    bail!(
                        "{origin}:{}: mailbox {name}: oauth2.client_id is empty (the application id registered with the provider)",
                        at(o.provider.span())
                    );
                }
                if *o.provider.get_ref() == Provider::Custom
                    && (o.token_url.is_none()
                        || (o.device_url.is_none() && o.authorize_url.is_none()))
                {
                    bail!(
                        "{origin}:{}: mailbox {name}: provider = \"custom\" needs token_url and device_url (or authorize_url)",
                        at(o.provider.span())
                    );
                }
                for url in [&o.device_url, &o.authorize_url, &o.token_url]
                    .into_iter()
                    .flatten()
                {
                    // Parsed, not cut at the first ':' (`http://127.0.0.1:80@evil.example/`
                    // names evil.example).
                    let parsed = url.parse::<axum::http::Uri>().ok();
                    let scheme = parsed.as_ref().and_then(|u| u.scheme_str());
                    let host = parsed.as_ref().and_then(|u| u.host());
                    let userinfo = parsed
                        .as_ref()
                        .and_then(|u| u.authority())
                        .is_some_and(|a| a.as_str().contains('@'));
                    let safe = !userinfo
                        && host.is_some()
                        && (scheme == Some("https")
                            || (scheme == Some("http") && host.is_some_and(is_loopback)));
                    if !safe {
                        bail!(
                            "{origin}:{}: mailbox {name}: {url} must be https (plain http only to a loopback host)",
                            at(o.provider.span())
                        );
                    }
                }
                if let Some(file) = o.token_file.as_ref().filter(|f| !f.is_absolute()) {
                    bail!(
                        "{origin}:{}: mailbox {name}: oauth2.token_file {} must be an absolute path (in the data directory, which the service may write)",
                        at(o.provider.span()),
                        file.display()
                    );
                }
                if let Some(file) = &o.client_secret_file {
                    check_private(file.get_ref()).map_err(|e| {
                        anyhow::anyhow!(
                            "{origin}:{}: mailbox {name}: client_secret_file: {e:#}",
                            at(file.span())
                        )
                    })?;
                }
            } else {
                match (&m.password_env, &m.password_file) {
                    (None, None) => bail!(
                        "{origin}:{}: mailbox {name}: set password_env or password_file (no inline passwords)",
                        at(m.name.span())
                    ),
                    (Some(_), Some(file)) => bail!(
                        "{origin}:{}: mailbox {name}: set password_env or password_file, not both",
                        at(file.span())
                    ),
                    (None, Some(file)) => {
                        check_private(file.get_ref()).map_err(|e| {
                            anyhow::anyhow!(
                                "{origin}:{}: mailbox {name}: password_file: {e:#}",
                                at(file.span())
                            )
                        })?;
                    }
                    (Some(_), None) => {}
                }
            }
            if m.folders.is_empty() {
                bail!(
                    "{origin}:{}: mailbox {name}: folders must not be empty",
                    at(m.name.span())
                );
            }
            if m.poll_seconds == 0 {
                bail!(
                    "{origin}:{}: mailbox {name}: poll_seconds must be at least 1",
                    at(m.name.span())
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_parses_to_defaults() {
        let config = Config::parse(DEFAULT_CONFIG, "permanence.toml").unwrap();
        assert_eq!(
            config.ingest.max_parse_mb,
            IngestConfig::default().max_parse_mb
        );
        assert_eq!(config.index.max_text_kb, IndexConfig::default().max_text_kb);
        assert_eq!(config.extract, ExtractConfig::default());
    }

    #[test]
    fn unknown_key_is_rejected_with_its_line() {
        let text = "[ingest]\nbatch_size = 10\nbatch_sise = 3\n";
        let err = Config::parse(text, "p.toml").unwrap_err().to_string();
        assert!(err.starts_with("p.toml:3:"), "{err}");
        assert!(err.contains("batch_sise"), "{err}");
    }

    #[test]
    fn zero_batch_is_invalid() {
        let err = Config::parse("[ingest]\nbatch_size = 0\n", "p.toml").unwrap_err();
        assert!(format!("{err:#}").contains("batch_size"));
    }

    const MAILBOX: &str = "\n[[mailbox]]\nname = \"bureau\"\nhost = \"127.0.0.1\"\nport = 1143\nsecurity = \"plain\"\nusername = \"office\"\npassword_env = \"PW\"\n";

    #[test]
    fn mailbox_appended_after_the_init_file_works() {
        let config = Config::parse(&format!("{DEFAULT_CONFIG}{MAILBOX}"), "p.toml").unwrap();
        assert_eq!(config.mailbox.len(), 1);
        let m = &config.mailbox[0];
        assert_eq!(m.folders, vec!["INBOX"]);
        assert_eq!(m.port(), 1143);
        assert_eq!(m.poll_seconds, 60);
    }

    /// `[mailbox.oauth2]` sections: (section lines, the error expected, or "" when valid).
    const OAUTH2_CASES: &[(&str, &str)] = &[
        (
            "provider = \"microsoft\"\nclient_id = \"abc\"\ntenant = \"x.fr\"",
            "",
        ),
        (
            "provider = \"google\"\nclient_id = \"abc\"\nmechanism = \"oauthbearer\"",
            "",
        ),
        (
            "provider = \"microsoft\"\nclient_id = \" \"",
            "client_id is empty",
        ),
        (
            "provider = \"custom\"\nclient_id = \"abc\"",
            "needs token_url",
        ),
        (
            "provider = \"custom\"\nclient_id = \"a\"\ntoken_url = \"http://idp.example.fr/t\"\ndevice_url = \"https://idp.example.fr/d\"",
            "must be https",
        ),
        (
            "provider = \"custom\"\nclient_id = \"a\"\ntoken_url = \"http://127.0.0.1:9/t\"\ndevice_url = \"http://localhost:9/d\"",
            "",
        ),
        (
            "provider = \"custom\"\nclient_id = \"a\"\ntoken_url = \"http://127.0.0.1:80@evil.example/t\"\ndevice_url = \"https://idp.example.fr/d\"",
            "must be https",
        ),
        (
            "provider = \"microsoft\"\nclient_id = \"a\"\ntoken_file = \"tokens.json\"",
            "must be an absolute path",
        ),
        ("provider = \"yahoo\"\nclient_id = \"a\"", "unknown variant"),
        (
            "provider = \"google\"\nclient_id = \"a\"\nscopes = \"x\"",
            "unknown field",
        ),
    ];

    #[test]
    fn oauth2_sections_are_checked() {
        let mailbox = "\n[[mailbox]]\nname = \"m365\"\nhost = \"outlook.office365.com\"\nsecurity = \"tls\"\nusername = \"p@x.fr\"\n[mailbox.oauth2]\n";
        for (section, expected) in OAUTH2_CASES {
            let result = Config::parse(&format!("{DEFAULT_CONFIG}{mailbox}{section}\n"), "p.toml");
            match (result, *expected) {
                (Ok(config), "") => {
                    let m = &config.mailbox[0];
                    assert!(m.oauth2.is_some());
                    assert_eq!(
                        m.token_file(Path::new("/d")),
                        Some(PathBuf::from("/d/oauth2/m365.json"))
                    );
                }
                (Ok(_), want) => panic!("{section:?} accepted, expected {want:?}"),
                (Err(err), "") => panic!("{section:?} refused: {err:#}"),
                (Err(err), want) => {
                    let err = format!("{err:#}");
                    assert!(
                        err.contains(want) && err.starts_with("p.toml:"),
                        "{section:?}: {err}"
                    );
                }
            }
        }
        // A password and a token together: refused.
        let both =
            format!("{DEFAULT_CONFIG}{mailbox}provider = \"microsoft\"\nclient_id = \"a\"\n")
                .replace(
                    "username = \"p@x.fr\"\n",
                    "username = \"p@x.fr\"\npassword_env = \"PW\"\n",
                );
        let err = format!("{:#}", Config::parse(&both, "p.toml").unwrap_err());
        assert!(err.contains("remove password_env"), "{err}");
        // A missing ca_file is named.
        let text = format!("{DEFAULT_CONFIG}{MAILBOX}ca_file = \"/nonexistent/ca.pem\"\n");
        let err = format!("{:#}", Config::parse(&text, "p.toml").unwrap_err());
        assert!(
            err.contains("ca_file /nonexistent/ca.pem does not exist"),
            "{err}"
        );
    }

    #[test]
    fn plain_to_a_remote_host_is_refused_at_its_line() {
        let text = MAILBOX.replace("127.0.0.1", "imap.example.fr");
        let err = Config::parse(&text, "p.toml").unwrap_err().to_string();
        assert!(err.starts_with("p.toml:6:"), "{err}");
        assert!(err.contains("loopback"), "{err}");
    }

    #[test]
    fn inline_password_is_refused() {
        let err = Config::parse(&format!("{MAILBOX}password = \"secret\"\n"), "p.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("p.toml:9") && err.contains("password"),
            "{err}"
        );
        let err = Config::parse(&MAILBOX.replace("password_env = \"PW\"\n", ""), "p.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("password_env or password_file"), "{err}");
    }

    #[test]
    fn readable_password_file_is_refused() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pw");
        std::fs::write(&file, "secret\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let text = MAILBOX.replace(
            "password_env = \"PW\"",
            &format!("password_file = {:?}", file.display().to_string()),
        );
        let err = Config::parse(&text, "p.toml").unwrap_err().to_string();
        assert!(
            err.contains("p.toml:8") && err.contains("chmod 600"),
            "{err}"
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let config = Config::parse(&text, "p.toml").unwrap();
        assert_eq!(config.mailbox[0].password().unwrap(), "secret");
    }
}
