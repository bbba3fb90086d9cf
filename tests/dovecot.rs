//! A throwaway Dovecot IMAP server for the IMAP tests: user `office`, password `secret`, one
//! Maildir INBOX in a temporary directory, plain IMAP on a free 127.0.0.1 port. Works as root
//! (the mail then belongs to the unprivileged `dovecot` user: Dovecot refuses uid 0 for mail)
//! and as an ordinary user. Mirrors `/work/shared/tools/dovecot-throwaway.sh`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Dovecot binary (Debian's dovecot-core); `dovecot` on the PATH otherwise.
fn dovecot_bin() -> PathBuf {
    let debian = PathBuf::from("/usr/sbin/dovecot");
    if debian.exists() {
        debian
    } else {
        PathBuf::from("dovecot")
    }
}

/// Output of a short command, trimmed; panics with the command line on failure.
fn command_output(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} {args:?}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// What a throwaway Dovecot offers besides plain IMAP with a password.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    /// TLS with this certificate chain and key (PEM files): implicit TLS on `tls_port`, and
    /// STARTTLS on the plain port.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// OAuth2 only (`XOAUTH2`, `OAUTHBEARER`): tokens checked at this introspection URL
    /// (RFC 7662, POST), whose `username` must be `office`.
    pub introspection_url: Option<String>,
}

/// A running (or stopped) throwaway Dovecot. Dropping it stops the server and deletes its files.
pub struct Dovecot {
    dir: tempfile::TempDir,
    /// The IMAP port on 127.0.0.1.
    pub port: u16,
    /// The implicit-TLS port, when the setup has TLS.
    pub tls_port: Option<u16>,
    /// Owner of the mail files (uid, gid).
    owner: (u32, u32),
    running: bool,
}

impl Dovecot {
    /// Writes the configuration in a fresh temporary directory and starts the server on a free
    /// port; returns once the port accepts connections.
    pub fn start() -> Dovecot {
        Dovecot::start_with(Setup::default())
    }

    /// Like [`Dovecot::start`], with TLS or OAuth2 as `setup` says.
    pub fn start_with(setup: Setup) -> Dovecot {
        let dir = tempfile::Builder::new()
            .prefix("permanence-dovecot-")
            .tempdir()
            .expect("tempdir");
        // The mail processes run as the mail owner: they must be able to enter the directory.
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
                .expect("chmod the Dovecot directory");
        }
        let root = dir.path().to_path_buf();
        for sub in ["mail/cur", "mail/new", "mail/tmp", "home", "run", "state"] {
            std::fs::create_dir_all(root.join(sub)).expect("create the Dovecot directories");
        }
        let is_root = command_output("id", &["-u"]) == "0";
        let (uid, gid) = if is_root {
            (
                command_output("id", &["-u", "dovecot"]),
                command_output("id", &["-g", "dovecot"]),
            )
        } else {
            (command_output("id", &["-u"]), command_output("id", &["-g"]))
        };
        let owner: (u32, u32) = (
            uid.parse().expect("numeric uid"),
            gid.parse().expect("numeric gid"),
        );
        if is_root {
            for sub in ["mail", "home"] {
                chown_tree(&root.join(sub), owner);
            }
        }
        let port = free_port();
        let tls_port = setup.tls.as_ref().map(|_| free_port());
        std::fs::write(
            root.join("passwd"),
            format!(
                "office:{{PLAIN}}secret:{uid}:{gid}::{}\n",
                root.join("home").display()
            ),
        )
        .expect("write the passwd file");
        let users = if is_root {
            "default_login_user = dovenull\ndefault_internal_user = dovecot\n".to_string()
        } else {
            let user = command_output("id", &["-un"]);
            let group = command_output("id", &["-gn"]);
            format!(
                "default_internal_user = {user}\ndefault_login_user = {user}\ndefault_internal_group = {group}\n"
            )
        };
        let d = root.display();
        let ssl = match &setup.tls {
            Some((cert, key)) => format!(
                "ssl = yes\nssl_cert = <{}\nssl_key = <{}\n",
                cert.display(),
                key.display()
            ),
            None => "ssl = no\n".to_string(),
        };
        let imaps = match tls_port {
            Some(p) => format!("address = 127.0.0.1\n    port = {p}\n    ssl = yes"),
            None => "port = 0".to_string(),
        };
        let (mechanisms, passdb) = match &setup.introspection_url {
            Some(url) => {
                std::fs::write(
                    root.join("oauth2.conf.ext"),
                    format!(
                        "introspection_mode = post\nintrospection_url = {url}\nusername_attribute = username\nactive_attribute = active\nactive_value = true\nforce_introspection = yes\n"
                    ),
                )
                .expect("write oauth2.conf.ext");
                (
                    "xoauth2 oauthbearer".to_string(),
                    format!(
                        "passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {d}/oauth2.conf.ext\n}}\n"
                    ),
                )
            }
            None => (
                "plain login".to_string(),
                format!(
                    "passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {d}/passwd\n}}\n"
                ),
            ),
        };
        let conf = format!(
            r#"protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
{ssl}disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
mail_location = maildir:{d}/mail:LAYOUT=fs
log_path = {d}/dovecot.log
first_valid_uid = 0
# Failed logins are answered at once, so that the wrong-password test is not slowed down.
auth_failure_delay = 0
{users}service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    {imaps}
  }}
  chroot =
}}
service anvil {{
  chroot =
  # No per-IP penalty after failed logins (Dovecot's documented way to disable it).
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
{passdb}userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/home
}}
"#
        );
        std::fs::write(root.join("dovecot.conf"), conf).expect("write dovecot.conf");
        let mut dv = Dovecot {
            dir,
            port,
            tls_port,
            owner,
            running: false,
        };
        dv.launch();
        dv
    }

    /// The configuration file.
    fn conf(&self) -> PathBuf {
        self.dir.path().join("dovecot.conf")
    }

    /// The INBOX Maildir (cur/, new/, tmp/).
    pub fn maildir(&self) -> PathBuf {
        self.dir.path().join("mail")
    }

    /// Creates the folder `name` (a Maildir under the INBOX's, Dovecot's `LAYOUT=fs`), owned
    /// like the INBOX.
    pub fn add_folder(&self, name: &str) {
        let folder = self.maildir().join(name);
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(folder.join(sub)).expect("create a folder");
        }
        chown_tree(&folder, self.owner);
    }

    /// Dovecot's own log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    fn launch(&mut self) {
        // The master daemonizes and keeps the standard streams it inherits: give it a file,
        // never a pipe (reading a pipe would wait for the server to exit).
        let status = self.dovecot(&[]);
        assert!(
            status.success(),
            "dovecot did not start ({status}): {}\nlog:\n{}",
            self.command_errors(),
            self.log()
        );
        self.running = true;
        let deadline = Instant::now() + Duration::from_secs(5);
        while !self.accepts() {
            assert!(
                Instant::now() < deadline,
                "dovecot on port {} does not accept connections after 5 s\nlog:\n{}",
                self.port,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs `dovecot -c CONF ARGS`, its output appended to `commands.log` in the directory.
    fn dovecot(&self, args: &[&str]) -> std::process::ExitStatus {
        let out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.path().join("commands.log"))
            .expect("open commands.log");
        Command::new(dovecot_bin())
            .arg("-c")
            .arg(self.conf())
            .args(args)
            .stdin(Stdio::null())
            .stdout(out.try_clone().expect("clone a file handle"))
            .stderr(out)
            .status()
            .expect("run dovecot")
    }

    fn command_errors(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("commands.log")).unwrap_or_default()
    }

    fn accepts(&self) -> bool {
        TcpStream::connect_timeout(
            &([127, 0, 0, 1], self.port).into(),
            Duration::from_millis(500),
        )
        .is_ok()
    }

    /// Stops the server and waits until the port refuses. Every connection is closed, as when
    /// the service is restarted: `dovecot stop` alone leaves the `imap` processes of open
    /// sessions running here (they only notice the master is gone when they next write to it),
    /// so the processes the master had started are then sent SIGTERM (which makes an `imap`
    /// process say BYE), and SIGKILL if still there after 3 s.
    pub fn stop(&mut self) {
        if let Err(err) = self.shutdown() {
            panic!("{err}\nlog:\n{}", self.log());
        }
    }

    fn shutdown(&mut self) -> Result<(), String> {
        let master = std::fs::read_to_string(self.dir.path().join("run/master.pid"))
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok());
        let children = master.map(children_of).unwrap_or_default();
        let status = self.dovecot(&["stop"]);
        self.running = false;
        if !status.success() {
            return Err(format!(
                "dovecot stop failed ({status}): {}",
                self.command_errors()
            ));
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.accepts() || master.is_some_and(alive) {
            if Instant::now() > deadline {
                return Err(format!(
                    "dovecot (port {}, master {master:?}) still running 10 s after stop",
                    self.port
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        for signal in ["-TERM", "-KILL"] {
            let left: Vec<u32> = children.iter().copied().filter(|&p| alive(p)).collect();
            if left.is_empty() {
                return Ok(());
            }
            let _ = Command::new("kill")
                .arg(signal)
                .args(left.iter().map(u32::to_string))
                .stderr(Stdio::null())
                .status();
            let deadline = Instant::now() + Duration::from_secs(3);
            while left.iter().any(|&p| alive(p)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let left: Vec<u32> = children.into_iter().filter(|&p| alive(p)).collect();
        if left.is_empty() {
            Ok(())
        } else {
            Err(format!("dovecot processes {left:?} survive SIGKILL"))
        }
    }

    /// Starts the server again, on the same port and configuration.
    pub fn restart(&mut self) {
        assert!(!self.running, "restart() of a running Dovecot");
        self.launch();
    }

    /// Delivers one message into the INBOX as an MDA would: written in tmp/, then renamed into
    /// new/. `name` is the Maildir file name (no ':' or '/').
    pub fn deliver(&self, name: &str, bytes: &[u8]) {
        self.deliver_many(&[(name.to_string(), bytes.to_vec())]);
    }

    /// Delivers several messages (see [`Dovecot::deliver`]).
    pub fn deliver_many(&self, messages: &[(String, Vec<u8>)]) {
        let maildir = self.maildir();
        for (name, bytes) in messages {
            assert!(!name.contains([':', '/']), "bad Maildir file name {name:?}");
            let tmp = maildir.join("tmp").join(name);
            std::fs::write(&tmp, bytes).expect("write in tmp/");
            std::os::unix::fs::chown(&tmp, Some(self.owner.0), Some(self.owner.1))
                .expect("chown the delivered message");
            std::fs::rename(&tmp, maildir.join("new").join(name)).expect("rename into new/");
        }
    }

    /// Names of the INBOX's message files, in `cur/` and `new/` (`cur/` names carry the flags
    /// after `:2,`).
    pub fn message_files(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["cur", "new"] {
            for entry in std::fs::read_dir(self.maildir().join(sub)).expect("read the Maildir") {
                let entry = entry.expect("entry");
                out.push(format!("{sub}/{}", entry.file_name().to_string_lossy()));
            }
        }
        out.sort();
        out
    }

    /// The INBOX's UIDVALIDITY, read with a tiny IMAP exchange (LOGIN, EXAMINE, LOGOUT).
    pub fn uidvalidity(&self) -> u32 {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to dovecot");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("read timeout");
        let mut writer = stream.try_clone().expect("clone the stream");
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).expect("read the greeting");
        assert!(line.starts_with("* OK"), "unexpected greeting {line:?}");
        let mut command = |tag: &str, text: &str| -> Vec<String> {
            write!(writer, "{tag} {text}\r\n").expect("send an IMAP command");
            let mut lines = Vec::new();
            loop {
                let mut line = String::new();
                let n = reader.read_line(&mut line).expect("read an IMAP response");
                assert!(
                    n > 0,
                    "dovecot closed the connection after {text:?}: {lines:?}"
                );
                if let Some(status) = line.strip_prefix(&format!("{tag} ")) {
                    assert!(status.starts_with("OK"), "{text:?} failed: {line:?}");
                    return lines;
                }
                lines.push(line);
            }
        };
        command("a", "LOGIN office secret");
        let lines = command("b", "EXAMINE INBOX");
        command("c", "LOGOUT");
        lines
            .iter()
            .find_map(|l| {
                let rest = &l[l.find("[UIDVALIDITY ")? + "[UIDVALIDITY ".len()..];
                rest[..rest.find(']')?].parse().ok()
            })
            .unwrap_or_else(|| panic!("no UIDVALIDITY in the EXAMINE response: {lines:?}"))
    }

    /// Makes the INBOX's UIDVALIDITY change, as when a folder is rebuilt or restored: stops the
    /// server, deletes its UID list and indexes (the messages stay), restarts it. Returns the new
    /// UIDVALIDITY, checked to differ from the old one.
    pub fn reset_uidvalidity(&mut self) -> u32 {
        let old = self.uidvalidity();
        self.stop();
        for entry in std::fs::read_dir(self.maildir()).expect("read the Maildir") {
            let entry = entry.expect("entry");
            let name = entry.file_name().to_string_lossy().to_string();
            if name == "dovecot-uidlist"
                || name.starts_with("dovecot.index")
                || name.starts_with("dovecot.list.index")
            {
                std::fs::remove_file(entry.path()).expect("remove a Dovecot index file");
            }
        }
        // A new UIDVALIDITY is derived from the clock (in seconds).
        std::thread::sleep(Duration::from_millis(1100));
        self.restart();
        let new = self.uidvalidity();
        assert_ne!(old, new, "UIDVALIDITY did not change");
        new
    }

    /// The `[[mailbox]]` section for this server; the password comes from
    /// `PERMANENCE_TEST_IMAP_PW` (tests set it to `secret`).
    pub fn config_section(&self, name: &str) -> String {
        format!(
            "\n[[mailbox]]\nname = \"{name}\"\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"plain\"\nusername = \"office\"\npassword_env = \"PERMANENCE_TEST_IMAP_PW\"\n",
            self.port
        )
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        if self.running
            && let Err(err) = self.shutdown()
        {
            eprintln!("warning: {err}");
        }
    }
}

/// The `(ppid, state)` of a process, from /proc.
fn proc_stat(pid: u32) -> Option<(u32, char)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    let mut rest = stat[stat.rfind(')')? + 1..].split_whitespace();
    let state = rest.next()?.chars().next()?;
    let ppid = rest.next()?.parse().ok()?;
    Some((ppid, state))
}

/// Whether a process exists and is not a zombie.
fn alive(pid: u32) -> bool {
    proc_stat(pid).is_some_and(|(_, state)| state != 'Z' && state != 'X')
}

/// The processes whose parent is `pid`.
fn children_of(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&p| proc_stat(p).is_some_and(|(ppid, _)| ppid == pid))
        .collect()
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind a free port")
        .local_addr()
        .expect("local address")
        .port()
}

fn chown_tree(path: &Path, owner: (u32, u32)) {
    std::os::unix::fs::chown(path, Some(owner.0), Some(owner.1)).expect("chown");
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("read dir") {
            chown_tree(&entry.expect("entry").path(), owner);
        }
    }
}

const SENDERS: &[(&str, &str)] = &[
    ("Jean Dupont", "maire@mairie-vif.fr"),
    ("Claire Martin", "c.martin@ville-meylan.fr"),
    ("Paul Durand", "paul.durand@gmail.com"),
    ("Association des parents d'élèves", "contact@ape-voreppe.fr"),
    ("Sophie Bernard", "sophie.bernard@orange.fr"),
];

const TOPICS: &[(&str, &str)] = &[
    (
        "Subvention pour la rénovation de l'école",
        "Nous sollicitons votre soutien pour la rénovation de l'école communale.",
    ),
    (
        "Fermeture du bureau de poste",
        "La fermeture annoncée du bureau de poste inquiète les habitants du bourg.",
    ),
    (
        "Demande de rendez-vous",
        "Je souhaiterais vous rencontrer lors de votre prochaine permanence.",
    ),
    (
        "Dossier de permis de construire",
        "Mon dossier est bloqué depuis plusieurs mois à la direction départementale.",
    ),
    (
        "Transport scolaire",
        "Le car scolaire ne dessert plus le hameau depuis la rentrée.",
    ),
];

/// `n` distinct, realistic small French messages (CRLF line ends, UTF-8), as Maildir
/// (file name, bytes). Each has a unique Message-ID and carries two searchable tokens:
/// `zqx{tag}` in every message of the set and `zqx{tag}{i}` in message `i` alone (digits end the
/// token, so French stemming leaves it distinct). `tag` is ASCII lowercase letters only.
pub fn sample_messages(n: usize, tag: &str) -> Vec<(String, Vec<u8>)> {
    assert!(
        !tag.is_empty() && tag.bytes().all(|b| b.is_ascii_lowercase()),
        "tag must be ascii lowercase letters: {tag:?}"
    );
    (0..n)
        .map(|i| {
            let (name, addr) = SENDERS[i % SENDERS.len()];
            let (subject, body) = TOPICS[i % TOPICS.len()];
            let day = 1 + i % 28;
            let minute = i % 60;
            let hour = 8 + (i / 60) % 10;
            let text = format!(
                "Return-Path: <{addr}>\r\n\
From: {name} <{addr}>\r\n\
To: Permanence <permanence@senateur-exemple.fr>\r\n\
Subject: {subject} ({tag} {i}) zqx{tag}{i}\r\n\
Date: {day:02} Apr 2025 {hour:02}:{minute:02}:00 +0200\r\n\
Message-ID: <{tag}-{i}@test.permanence.example>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: 8bit\r\n\
\r\n\
Madame, Monsieur,\r\n\
\r\n\
{body}\r\n\
Référence de suivi : zqx{tag} zqx{tag}{i}.\r\n\
\r\n\
Veuillez agréer l'expression de mes salutations distinguées.\r\n\
{name}\r\n"
            );
            (format!("1743500000.M{i}P1.{tag}.test"), text.into_bytes())
        })
        .collect()
}
