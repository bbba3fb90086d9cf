//! `permanence doctor`: checks an installation the way the person who installed it would, one
//! finding per topic, each with what to do when it is not right. It reads and connects, and
//! changes nothing the daemon would not also change: the database is opened read-only and never
//! migrated, the mailboxes are opened with EXAMINE, and an OAuth2 access token that is due is
//! renewed (and saved) as a connection of the daemon would.
//!
//! Topics, in order: the configuration file, the data directory (owner, permissions, schema),
//! free disk space, each mailbox (connect, TLS, sign in, open each folder), the daemon's last
//! errors, the attachment extractors and their sandbox, the web listener, the last backup.
//! A failure (« échec ») means mail is not being filed or data is at risk; a warning
//! (« attention ») means something works less well than it should.

use std::net::{SocketAddr, ToSocketAddrs as _};
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension as _};
use serde::Serialize;

use crate::config::{Config, MailboxConfig};
use crate::imap::session::{SessionError, TlsRefusal};

/// Free space under which filing stops soon.
const DISK_FAIL_BYTES: u64 = 500 << 20;
/// Free space under which a warning is given.
const DISK_WARN_BYTES: u64 = 5 << 30;
/// A backup older than this gives a warning, and older than [`BACKUP_FAIL_DAYS`] a failure.
const BACKUP_WARN_DAYS: i64 = 2;
const BACKUP_FAIL_DAYS: i64 = 8;
/// How long a mailbox check may take.
const MAILBOX_PATIENCE: Duration = Duration::from_secs(45);

/// How a finding stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Nothing to do.
    Ok,
    /// Works, less well than it should.
    Attention,
    /// Mail is not filed, or data is at risk.
    Echec,
}

impl Level {
    /// The word printed at the start of the line.
    pub fn french(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Attention => "attention",
            Level::Echec => "échec",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// What was checked (« configuration », « boîte bureau », « web »…).
    pub topic: String,
    /// How it stands.
    pub level: Level,
    /// What was found.
    pub detail: String,
    /// What to do about it, when not ok.
    pub fix: Option<String>,
}

fn ok(topic: impl Into<String>, detail: impl Into<String>) -> Finding {
    Finding {
        topic: topic.into(),
        level: Level::Ok,
        detail: detail.into(),
        fix: None,
    }
}

fn bad(
    level: Level,
    topic: impl Into<String>,
    detail: impl Into<String>,
    fix: impl Into<String>,
) -> Finding {
    Finding {
        topic: topic.into(),
        level,
        detail: detail.into(),
        fix: Some(fix.into()),
    }
}

/// What the checks may do besides reading: skip the network (mailboxes, web).
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Do not connect to the mailboxes.
    pub offline: bool,
}

/// Runs every check on the data directory `dir`, in order.
pub fn run(dir: &Path, options: Options) -> Vec<Finding> {
    let mut out = Vec::new();
    let path = crate::context::config_path(dir);
    let config = if !path.exists() {
        out.push(bad(
            Level::Echec,
            "configuration",
            format!("{} n'existe pas", path.display()),
            "lancez `permanence init` (ou réinstallez le paquet, qui le fournit)",
        ));
        None
    } else {
        match Config::load(&path) {
            Ok(config) => {
                out.push(ok(
                    "configuration",
                    format!("{} est valide", path.display()),
                ));
                Some(config)
            }
            Err(err) => {
                out.push(bad(
                    Level::Echec,
                    "configuration",
                    format!("{err:#}"),
                    format!(
                        "corrigez la ligne indiquée de {} puis relancez `permanence doctor`",
                        path.display()
                    ),
                ));
                None
            }
        }
    };
    let db = data_dir(dir, &mut out);
    out.push(disk(dir));
    let Some(config) = config else {
        return out;
    };
    if config.mailbox.is_empty() {
        out.push(bad(
            Level::Echec,
            "boîtes",
            "aucune boîte aux lettres n'est configurée : rien n'est relevé",
            format!(
                "ajoutez une section [[mailbox]] à {} (exemples commentés dans le fichier), puis `permanence doctor`",
                path.display()
            ),
        ));
    }
    if !options.offline {
        for m in &config.mailbox {
            out.push(mailbox(m, dir));
        }
    }
    if let Some(conn) = &db {
        out.extend(daemon_errors(conn, &config));
    }
    out.extend(extractors(dir, &config));
    if !options.offline {
        out.push(web(&config));
    }
    if let Some(conn) = &db {
        out.push(backup(conn));
    }
    out
}

/// The data directory: present, ours, private, its schema current. Returns a read-only
/// connection to its database when there is one at the current schema.
fn data_dir(dir: &Path, out: &mut Vec<Finding>) -> Option<Connection> {
    use std::os::unix::fs::MetadataExt as _;
    let topic = "données";
    let meta = match std::fs::metadata(dir) {
        Ok(meta) => meta,
        Err(_) => {
            out.push(bad(
                Level::Echec,
                topic,
                format!("{} n'existe pas", dir.display()),
                "lancez `permanence migrate` (il crée le répertoire de données) ou vérifiez --data / PERMANENCE_DATA",
            ));
            return None;
        }
    };
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me {
        out.push(bad(
            Level::Attention,
            topic,
            format!(
                "{} appartient à l'utilisateur n° {}, pas à celui qui lance doctor (n° {me})",
                dir.display(),
                meta.uid()
            ),
            "lancez les commandes en tant que propriétaire des données : `sudo -u permanence permanence doctor`",
        ));
    }
    let (loose, examples) = crate::context::loose_permissions(dir, 3);
    if loose > 0 {
        let list: Vec<String> = examples
            .iter()
            .map(|(p, mode)| format!("{} ({mode:o})", p.display()))
            .collect();
        out.push(bad(
            Level::Echec,
            topic,
            format!(
                "{loose} fichiers lisibles par d'autres utilisateurs, dont {}",
                list.join(", ")
            ),
            format!("chmod -R go-rwx {}", dir.display()),
        ));
    }
    let db = dir.join(crate::context::DB_FILE);
    match crate::store::schema_version(&db) {
        Ok((None, _)) => {
            out.push(bad(
                Level::Echec,
                topic,
                format!("pas de base de données dans {}", dir.display()),
                "lancez `permanence migrate` (le paquet le fait à l'installation)",
            ));
            None
        }
        Ok((Some(v), latest)) if v < latest => {
            out.push(bad(
                Level::Attention,
                topic,
                format!("schéma en version {v}, ce programme apporte la version {latest}"),
                "lancez `permanence migrate` (le démon le ferait à son prochain démarrage)",
            ));
            None
        }
        Ok((Some(v), latest)) if v > latest => {
            out.push(bad(
                Level::Echec,
                topic,
                format!("schéma en version {v}, plus récent que ce programme ({latest})"),
                "installez la version de Permanence qui a écrit ces données",
            ));
            None
        }
        Ok((Some(v), _)) => {
            if loose == 0 && meta.uid() == me {
                out.push(ok(
                    topic,
                    format!("{} privé, schéma à jour (version {v})", dir.display()),
                ));
            }
            Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()
        }
        Err(err) => {
            out.push(bad(
                Level::Echec,
                topic,
                format!("{err:#}"),
                "vérifiez les droits sur le répertoire de données",
            ));
            None
        }
    }
}

fn human_bytes(n: u64) -> String {
    if n >= 10 << 30 {
        format!("{} Go", n >> 30)
    } else {
        format!("{:.1} Go", n as f64 / f64::from(1u32 << 30))
    }
}

fn disk(dir: &Path) -> Finding {
    let topic = "disque";
    let probe = if dir.exists() {
        dir
    } else {
        dir.parent().unwrap_or(Path::new("/"))
    };
    match rustix::fs::statvfs(probe) {
        Ok(st) => {
            let free = st.f_bavail.saturating_mul(st.f_frsize);
            let total = st.f_blocks.saturating_mul(st.f_frsize).max(1);
            let detail = format!(
                "{} libres sur {} ({} %)",
                human_bytes(free),
                human_bytes(total),
                free.saturating_mul(100) / total
            );
            if free < DISK_FAIL_BYTES {
                bad(
                    Level::Echec,
                    topic,
                    detail,
                    "libérez de la place ou agrandissez le disque : le courrier ne pourra bientôt plus être classé",
                )
            } else if free < DISK_WARN_BYTES || free.saturating_mul(10) < total {
                bad(
                    Level::Attention,
                    topic,
                    detail,
                    "prévoyez de la place : chaque année de courrier occupe quelques Go",
                )
            } else {
                ok(topic, detail)
            }
        }
        Err(err) => bad(
            Level::Attention,
            topic,
            format!("espace libre illisible : {err}"),
            "vérifiez le répertoire de données",
        ),
    }
}

fn mailbox(m: &MailboxConfig, dir: &Path) -> Finding {
    let name = m.name.get_ref();
    let topic = format!("boîte {name}");
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => return bad(Level::Echec, topic, err.to_string(), "relancez doctor"),
    };
    let host = m.host.get_ref();
    let port = m.port();
    let result = runtime.block_on(crate::imap::session::probe(m, dir, MAILBOX_PATIENCE));
    let secret = if m.oauth2.is_some() {
        "jeton OAuth2"
    } else {
        "mot de passe"
    };
    match result {
        Ok(probe) => {
            let folders: Vec<String> = probe
                .folders
                .iter()
                .map(|(f, n)| format!("{f} : {n} messages"))
                .collect();
            let how = if probe.encrypted {
                "chiffrée (TLS)"
            } else {
                "non chiffrée (boucle locale)"
            };
            ok(
                topic,
                format!(
                    "{}@{host}:{port}, {how}, {secret} accepté ; {}",
                    m.username,
                    folders.join(", ")
                ),
            )
        }
        Err(SessionError::Auth(msg)) => {
            let fix = if m.oauth2.is_some() {
                format!("en tant qu'utilisateur du service : `permanence mailbox login {name}`")
            } else {
                "vérifiez username et le mot de passe (password_file ou password_env)".to_string()
            };
            bad(Level::Echec, topic, msg, fix)
        }
        Err(SessionError::Tls { refusal, message }) => {
            let fix = match refusal {
                TlsRefusal::Certificate => {
                    "le certificat du serveur ne correspond pas : host exact du certificat, ca_file pour une autorité privée, ou horloge de la machine"
                }
                TlsRefusal::Starttls => {
                    "le serveur refuse STARTTLS : essayez security = \"tls\" (port 993), et méfiez-vous du réseau entre les deux"
                }
            };
            bad(Level::Echec, topic, message, fix)
        }
        Err(SessionError::Fatal(msg)) => bad(
            Level::Echec,
            topic,
            msg,
            "corrigez la configuration de cette boîte (le message dit laquelle)",
        ),
        Err(SessionError::Transient(err)) => bad(
            Level::Echec,
            topic,
            format!("{err:#}"),
            "vérifiez host, port, le DNS et le pare-feu sortant",
        ),
    }
}

fn daemon_errors(conn: &Connection, config: &Config) -> Vec<Finding> {
    let Ok(states) = crate::store::imap_state::all(conn) else {
        return Vec::new();
    };
    let now = crate::store::now();
    let mut out = Vec::new();
    for s in states {
        if !config
            .mailbox
            .iter()
            .any(|m| m.name.get_ref() == &s.account)
        {
            continue;
        }
        if !s.last_error.is_empty() {
            out.push(bad(
                Level::Attention,
                format!("relève {}/{}", s.account, s.folder),
                format!(
                    "dernière erreur du démon il y a {} min : {}",
                    (now - s.last_error_at).max(0) / 60,
                    crate::util::terminal_safe(&s.last_error)
                ),
                "`journalctl -u permanence-daemon` pour le détail ; `permanence status` pour l'état de chaque dossier",
            ));
        }
    }
    out
}

fn extractors(dir: &Path, config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    let sandbox = match crate::extract::Sandbox::for_data_dir(dir, config.extract.clone()) {
        Ok(s) => s,
        Err(err) => {
            out.push(bad(
                Level::Attention,
                "pièces jointes",
                format!("{err:#}"),
                "vérifiez le répertoire de données",
            ));
            return out;
        }
    };
    let mut missing = Vec::new();
    let mut found = Vec::new();
    for (program, version, package, purpose) in sandbox.tools.report() {
        match version {
            Some(_) => found.push(program),
            None => missing.push((program, package, purpose)),
        }
    }
    if missing.is_empty() {
        out.push(ok(
            "pièces jointes",
            format!("extracteurs présents : {}", found.join(", ")),
        ));
    } else {
        let packages: Vec<&str> = {
            let mut p: Vec<&str> = missing.iter().map(|m| m.1).collect();
            p.dedup();
            p
        };
        let what: Vec<String> = missing
            .iter()
            .map(|(p, _, why)| format!("{p} ({why})"))
            .collect();
        out.push(bad(
            Level::Attention,
            "pièces jointes",
            format!("non lus faute d'extracteur : {}", what.join(", ")),
            format!(
                "apt-get install {} puis `permanence extract --again`",
                packages.join(" ")
            ),
        ));
    }
    match sandbox.probe() {
        Ok(true) => out.push(ok("bac à sable", "processus d'extraction limité et coupé du réseau")),
        Ok(false) => out.push(bad(
            Level::Attention,
            "bac à sable",
            "processus d'extraction limité, mais pas coupé du réseau : cette machine refuse les espaces de noms utilisateur et réseau",
            "selon la cause : sysctl kernel.unprivileged_userns_clone=1, RestrictNamespaces=user net dans l'unité systemd (comme celle du paquet), ou un conteneur qui les interdit ; sinon, acceptez ce risque",
        )),
        Err(err) => out.push(bad(
            Level::Echec,
            "bac à sable",
            format!("le processus d'extraction ne démarre pas : {err:#}"),
            "vérifiez que /usr/bin/permanence est exécutable et le répertoire tmp/ des données inscriptible",
        )),
    }
    out
}

fn web(config: &Config) -> Finding {
    let topic = "web";
    let listen = config.web.listen.as_str();
    let addr: Option<SocketAddr> = listen.to_socket_addrs().ok().and_then(|mut a| a.next());
    let Some(mut addr) = addr else {
        return bad(
            Level::Echec,
            topic,
            format!("[web] listen = {listen:?} n'est pas une adresse"),
            "écrivez-la sous la forme 127.0.0.1:8080",
        );
    };
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let host = config
        .web
        .allowed_hosts
        .first()
        .cloned()
        .unwrap_or_else(|| addr.ip().to_string());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(Duration::from_secs(3)))
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let answer = agent
        .get(format!("http://{addr}/login"))
        .header("Host", host)
        .call();
    match answer {
        Ok(r) if r.status().is_success() || r.status().is_redirection() => {
            ok(topic, format!("l'interface répond sur http://{addr}/"))
        }
        Ok(r) => bad(
            Level::Attention,
            topic,
            format!("http://{addr}/login répond HTTP {}", r.status().as_u16()),
            "vérifiez [web] allowed_hosts et le journal : `journalctl -u permanence-web`",
        ),
        Err(err) => bad(
            Level::Echec,
            topic,
            format!("personne n'écoute sur {addr} ({err})"),
            "démarrez l'interface : `systemctl enable --now permanence-web` (ou `permanence serve`)",
        ),
    }
}

fn backup(conn: &Connection) -> Finding {
    let topic = "sauvegarde";
    let last: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'last_backup'",
            [],
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten();
    let fix = "programmez `permanence backup DOSSIER` chaque nuit (minuteur systemd ou cron), vers un autre disque";
    let Some(last) = last else {
        return bad(
            Level::Attention,
            topic,
            "aucune sauvegarde faite avec `permanence backup`",
            fix,
        );
    };
    let (at, place) = last.split_once(' ').unwrap_or((last.as_str(), ""));
    let at: i64 = at.parse().unwrap_or(0);
    let days = (crate::store::now() - at).max(0) / 86_400;
    let detail = format!(
        "dernière sauvegarde le {} dans {}",
        crate::util::rfc3339(at, 0).get(..10).unwrap_or(""),
        crate::util::terminal_safe(place)
    );
    if days >= BACKUP_FAIL_DAYS {
        bad(
            Level::Echec,
            topic,
            format!("{detail}, il y a {days} jours"),
            fix,
        )
    } else if days >= BACKUP_WARN_DAYS {
        bad(
            Level::Attention,
            topic,
            format!("{detail}, il y a {days} jours"),
            fix,
        )
    } else {
        ok(topic, detail)
    }
}
