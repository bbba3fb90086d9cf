//! Mailboxes where offices' mail actually lives (issue 21), against the real Dovecot:
//! - TLS and STARTTLS with a throwaway CA and certificates made here by Debian's `openssl`:
//!   success with `ca_file` and with the system roots (`SSL_CERT_FILE`), and clear refusals for
//!   a wrong host name, an expired certificate, an untrusted CA, a server that refuses STARTTLS
//!   and a man in the middle that strips it; the password never leaves unencrypted.
//! - OAuth2: Dovecot checks tokens at a token server these tests run (a real HTTP server with
//!   device authorisation, browser authorisation with PKCE, token and introspection endpoints).
//!   `mailbox login` by the device code and by the browser; the daemon renews its expiring
//!   token while in IDLE and keeps filing; revoked consent is said clearly; no token is logged.

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::dovecot::{Dovecot, Setup, sample_messages};
use crate::util::TestEnv;

const PW_VAR: &str = "PERMANENCE_TEST_IMAP_PW";

// ---------------------------------------------------------------------------------------------
// Certificates

/// A throwaway PKI in a temporary directory: a CA (`ca.pem`), a certificate for localhost
/// signed by it (`server.pem`, key `server.key`), the same expired (`expired.pem`) and signed by
/// a CA nobody trusts (`untrusted.pem`).
pub(crate) struct Pki {
    dir: tempfile::TempDir,
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run openssl (Debian package openssl)");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Pki {
    pub(crate) fn new() -> Pki {
        let dir = tempfile::Builder::new()
            .prefix("permanence-pki-")
            .tempdir()
            .expect("tempdir");
        {
            use std::os::unix::fs::PermissionsExt as _;
            // Dovecot's master reads the key as root; its login processes never do.
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
        }
        let pki = Pki { dir };
        for ca in ["ca", "other-ca"] {
            openssl(
                pki.dir.path(),
                &[
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                    "-nodes",
                    "-keyout",
                    &format!("{ca}.key"),
                    "-out",
                    &format!("{ca}.pem"),
                    "-days",
                    "3",
                    "-subj",
                    &format!("/CN=Permanence test {ca}"),
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ],
            );
        }
        std::fs::write(
            pki.path("server.ext"),
            "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
        )
        .expect("write server.ext");
        openssl(
            pki.dir.path(),
            &[
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost",
            ],
        );
        // Valid now, for localhost only.
        openssl(
            pki.dir.path(),
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.pem",
                "-days",
                "2",
                "-extfile",
                "server.ext",
            ],
        );
        // Expired: `openssl ca` is the only one of Debian 12's openssl commands that takes
        // explicit dates.
        std::fs::create_dir_all(pki.path("newcerts")).expect("mkdir");
        std::fs::write(pki.path("index.txt"), "").expect("index");
        std::fs::write(pki.path("serial"), "1000\n").expect("serial");
        std::fs::write(
            pki.path("ca.cnf"),
            format!(
                "[ca]\ndefault_ca = d\n[d]\ndir = {}\ndatabase = $dir/index.txt\nnew_certs_dir = $dir/newcerts\nserial = $dir/serial\ndefault_md = sha256\npolicy = p\nunique_subject = no\n[p]\ncommonName = supplied\n",
                pki.dir.path().display()
            ),
        )
        .expect("ca.cnf");
        openssl(
            pki.dir.path(),
            &[
                "ca",
                "-batch",
                "-config",
                "ca.cnf",
                "-cert",
                "ca.pem",
                "-keyfile",
                "ca.key",
                "-in",
                "server.csr",
                "-out",
                "expired.pem",
                "-notext",
                "-startdate",
                "20250101000000Z",
                "-enddate",
                "20250201000000Z",
                "-extfile",
                "server.ext",
            ],
        );
        // Signed by a CA nobody trusts.
        openssl(
            pki.dir.path(),
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "other-ca.pem",
                "-CAkey",
                "other-ca.key",
                "-CAcreateserial",
                "-out",
                "untrusted.pem",
                "-days",
                "2",
                "-extfile",
                "server.ext",
            ],
        );
        pki
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A Dovecot serving `cert` (with the server key).
    fn dovecot(&self, cert: &str) -> Dovecot {
        Dovecot::start_with(Setup {
            tls: Some((self.path(cert), self.path("server.key"))),
            introspection_url: None,
        })
    }
}

/// `init`, then one `[[mailbox]]` named bureau with these extra lines.
fn configure(env: &TestEnv, lines: &str) {
    env.ok(&["init"]);
    let path = env.data().join("permanence.toml");
    let mut text = std::fs::read_to_string(&path).expect("read permanence.toml");
    text.push_str(&format!(
        "\n[[mailbox]]\nname = \"bureau\"\nusername = \"office\"\n{lines}\n"
    ));
    std::fs::write(&path, text).expect("write permanence.toml");
    env.ok(&["config", "check"]);
}

fn reconfigure(env: &TestEnv, lines: &str) {
    let path = env.data().join("permanence.toml");
    let text = std::fs::read_to_string(&path).expect("read permanence.toml");
    let cut = text.find("\n[[mailbox]]").expect("a mailbox section");
    std::fs::write(
        &path,
        format!(
            "{}\n[[mailbox]]\nname = \"bureau\"\nusername = \"office\"\n{lines}\n",
            &text[..cut]
        ),
    )
    .expect("write permanence.toml");
}

fn output(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().expect("run permanence");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn sync(env: &TestEnv, extra_env: &[(&str, &str)]) -> (bool, String) {
    let mut cmd = env.cmd(&["sync", "--once"]);
    cmd.env(PW_VAR, "secret");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    output(&mut cmd)
}

fn messages(env: &TestEnv) -> u64 {
    let stats: serde_json::Value =
        serde_json::from_str(&env.ok(&["stats", "--json"])).expect("stats --json");
    stats["messages"].as_u64().expect("messages")
}

fn last_error(env: &TestEnv) -> String {
    let status: serde_json::Value =
        serde_json::from_str(&env.ok(&["status", "--json"])).expect("status --json");
    status
        .as_array()
        .and_then(|f| f.first())
        .and_then(|f| f["last_error"].as_str())
        .unwrap_or("")
        .to_string()
}

#[test]
fn tls_and_starttls_succeed_with_the_ca_and_refuse_bad_certificates_clearly() {
    let pki = Pki::new();
    let dv = pki.dovecot("server.pem");
    dv.deliver_many(&sample_messages(3, "tls"));
    let tls_port = dv.tls_port.expect("TLS port");
    let ca = pki.path("ca.pem");
    let env = TestEnv::new();

    // Implicit TLS with the private CA in ca_file.
    configure(
        &env,
        &format!(
            "host = \"localhost\"\nport = {tls_port}\nsecurity = \"tls\"\npassword_env = \"{PW_VAR}\"\nca_file = \"{}\"",
            ca.display()
        ),
    );
    let (ok, out) = sync(&env, &[]);
    assert!(ok, "TLS with ca_file: {out}\n{}", dv.log());
    assert_eq!(messages(&env), 3);
    assert!(
        dv.log()
            .lines()
            .any(|l| l.contains("Login: user=<office>") && l.contains(", TLS")),
        "Dovecot logged no login over TLS:\n{}",
        dv.log()
    );
    // doctor says the mailbox is reached encrypted.
    let (_, doctor) = output(&mut {
        let mut c = env.cmd(&["doctor"]);
        c.env(PW_VAR, "secret");
        c
    });
    assert!(
        doctor.lines().any(|l| l.starts_with("ok")
            && l.contains("boîte bureau")
            && l.contains("chiffrée (TLS)")),
        "{doctor}"
    );

    // STARTTLS on the plain port, same CA.
    dv.deliver_many(&sample_messages(2, "starttls"));
    reconfigure(
        &env,
        &format!(
            "host = \"localhost\"\nport = {}\nsecurity = \"starttls\"\npassword_env = \"{PW_VAR}\"\nca_file = \"{}\"",
            dv.port,
            ca.display()
        ),
    );
    let (ok, out) = sync(&env, &[]);
    assert!(ok, "STARTTLS with ca_file: {out}\n{}", dv.log());
    assert_eq!(messages(&env), 5);

    // The system roots by default: the CA added through SSL_CERT_FILE, as
    // update-ca-certificates would add it to the system bundle.
    dv.deliver_many(&sample_messages(1, "roots"));
    reconfigure(
        &env,
        &format!(
            "host = \"localhost\"\nport = {tls_port}\nsecurity = \"tls\"\npassword_env = \"{PW_VAR}\""
        ),
    );
    let ca_text = ca.to_string_lossy().to_string();
    let (ok, out) = sync(&env, &[("SSL_CERT_FILE", &ca_text)]);
    assert!(ok, "TLS with the system roots: {out}");
    assert_eq!(messages(&env), 6);

    // Untrusted CA: system roots that do not hold the test CA (another CA stands for them,
    // so that the test does not depend on this machine's bundle).
    dv.deliver_many(&sample_messages(1, "never"));
    let other_roots = pki.path("other-ca.pem").to_string_lossy().to_string();
    let (ok, out) = sync(&env, &[("SSL_CERT_FILE", &other_roots)]);
    assert!(!ok, "an untrusted CA must be refused: {out}");
    assert!(
        out.contains("signed by an authority this machine does not trust")
            && out.contains("never falls back"),
        "{out}"
    );
    assert!(
        last_error(&env).contains("does not trust"),
        "{}",
        last_error(&env)
    );
    let (doctor_ok, doctor) = output(&mut {
        let mut c = env.cmd(&["doctor"]);
        c.env(PW_VAR, "secret").env("SSL_CERT_FILE", &other_roots);
        c
    });
    assert!(!doctor_ok, "{doctor}");
    assert!(
        doctor.contains("échec     boîte bureau") && doctor.contains("ca_file"),
        "{doctor}"
    );

    // Wrong host name: the certificate names localhost, the configuration 127.0.0.1.
    reconfigure(
        &env,
        &format!(
            "host = \"127.0.0.1\"\nport = {tls_port}\nsecurity = \"tls\"\npassword_env = \"{PW_VAR}\"\nca_file = \"{}\"",
            ca.display()
        ),
    );
    let (ok, out) = sync(&env, &[]);
    assert!(!ok, "a wrong host name must be refused: {out}");
    assert!(out.contains("not issued for the name 127.0.0.1"), "{out}");

    // Same for STARTTLS: refused after the upgrade, never continued in plain text.
    reconfigure(
        &env,
        &format!(
            "host = \"127.0.0.1\"\nport = {}\nsecurity = \"starttls\"\npassword_env = \"{PW_VAR}\"\nca_file = \"{}\"",
            dv.port,
            ca.display()
        ),
    );
    let (ok, out) = sync(&env, &[]);
    assert!(!ok && out.contains("not issued for the name"), "{out}");
    assert_eq!(
        messages(&env),
        6,
        "nothing filed through a refused connection"
    );

    // An untrusted CA and an expired certificate on other servers.
    for (cert, expect) in [
        ("untrusted.pem", "does not trust"),
        ("expired.pem", "certificate has expired"),
    ] {
        let other = pki.dovecot(cert);
        reconfigure(
            &env,
            &format!(
                "host = \"localhost\"\nport = {}\nsecurity = \"tls\"\npassword_env = \"{PW_VAR}\"\nca_file = \"{}\"",
                other.tls_port.expect("TLS port"),
                ca.display()
            ),
        );
        let (ok, out) = sync(&env, &[]);
        assert!(!ok, "{cert} must be refused: {out}");
        assert!(out.contains(expect), "{cert}: {out}");
        assert!(
            !other.log().contains("Login: user=<office>"),
            "{cert}: the server saw a login:\n{}",
            other.log()
        );
    }
}

/// A man in the middle for STARTTLS: relays a plain Dovecot, answers STARTTLS itself with OK
/// and carries on in plain text, recording what the client sends.
struct Stripper {
    port: u16,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl Stripper {
    fn start(upstream: u16) -> Stripper {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    return;
                };
                let record = Arc::clone(&record);
                std::thread::spawn(move || relay(client, server, record));
            }
        });
        Stripper { port, seen }
    }
}

fn relay(client: TcpStream, server: TcpStream, seen: Arc<Mutex<Vec<u8>>>) {
    let (mut to_client, mut to_server) = (
        client.try_clone().expect("clone"),
        server.try_clone().expect("clone"),
    );
    let mut from_server = server;
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut from_server, &mut to_client);
    });
    let mut reader = BufReader::new(client);
    let mut answer = reader.get_ref().try_clone().expect("clone");
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        seen.lock().expect("lock").extend_from_slice(&line);
        let text = String::from_utf8_lossy(&line);
        if text.trim_end().to_ascii_uppercase().ends_with(" STARTTLS") {
            let tag = text.split(' ').next().unwrap_or("a");
            let _ = answer.write_all(format!("{tag} OK Begin TLS negotiation now\r\n").as_bytes());
            continue;
        }
        if to_server.write_all(&line).is_err() {
            return;
        }
    }
}

#[test]
fn starttls_refused_or_stripped_is_refused_and_the_password_never_leaves() {
    // A server without TLS: it refuses STARTTLS.
    let dv = Dovecot::start();
    dv.deliver_many(&sample_messages(2, "plain"));
    let env = TestEnv::new();
    configure(
        &env,
        &format!(
            "host = \"localhost\"\nport = {}\nsecurity = \"starttls\"\npassword_env = \"{PW_VAR}\"",
            dv.port
        ),
    );
    let (ok, out) = sync(&env, &[]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("refused STARTTLS") && out.contains("never continues unencrypted"),
        "{out}"
    );
    assert!(!dv.log().contains("Login: user=<office>"), "{}", dv.log());

    // Someone in between answers STARTTLS and stays in plain text.
    let mitm = Stripper::start(dv.port);
    reconfigure(
        &env,
        &format!(
            "host = \"localhost\"\nport = {}\nsecurity = \"starttls\"\npassword_env = \"{PW_VAR}\"",
            mitm.port
        ),
    );
    let (ok, out) = sync(&env, &[]);
    assert!(!ok, "{out}");
    assert!(out.contains("never falls back"), "{out}");
    let seen = String::from_utf8_lossy(&mitm.seen.lock().expect("lock")).to_string();
    assert!(seen.contains("STARTTLS"), "{seen}");
    assert!(
        !seen.contains("secret") && !seen.to_ascii_uppercase().contains("LOGIN"),
        "the password went out in plain text: {seen}"
    );
    assert_eq!(messages(&env), 0);
    assert!(!dv.log().contains("Login: user=<office>"), "{}", dv.log());
}

// ---------------------------------------------------------------------------------------------
// OAuth2

/// The token server's state.
#[derive(Default)]
struct TokenState {
    /// Access tokens issued: token → expiry (Unix seconds).
    access: HashMap<String, u64>,
    /// Refresh tokens that are valid.
    refresh: Vec<String>,
    /// Every token ever issued (to look for them in logs).
    issued: Vec<String>,
    /// device_code → approved?
    devices: HashMap<String, (String, bool)>,
    /// code → (code_challenge, redirect_uri)
    codes: HashMap<String, (String, String)>,
    /// Counts.
    refresh_grants: u32,
    device_polls: u32,
    introspections: u32,
    /// Lifetime of access tokens (seconds).
    lifetime: u64,
    revoked: bool,
    counter: u32,
}

/// A real HTTP server with the endpoints an OAuth2 provider has: device authorisation,
/// browser authorisation (PKCE S256), token (device code, authorisation code, refresh token),
/// introspection (for Dovecot), and `/verify?user_code=` for the test to play the person who
/// signs in.
struct TokenServer {
    port: u16,
    state: Arc<Mutex<TokenState>>,
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

impl TokenServer {
    fn start(lifetime: u64) -> TokenServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let state = Arc::new(Mutex::new(TokenState {
            lifetime,
            ..TokenState::default()
        }));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let state = Arc::clone(&shared);
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        TokenServer { port, state }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, TokenState> {
        self.state.lock().expect("lock")
    }
}

fn serve(stream: TcpStream, state: &Mutex<TokenState>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut out = stream;
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request).unwrap_or(0) == 0 {
            return;
        }
        let mut length = 0usize;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            if header.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = header.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let target = request.split(' ').nth(1).unwrap_or("/").to_string();
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let mut form: HashMap<String, String> =
            serde_urlencoded::from_bytes(&body).unwrap_or_default();
        let q: HashMap<String, String> = serde_urlencoded::from_str(query).unwrap_or_default();
        form.extend(q);
        let (status, extra, body) = answer(path, &form, state);
        let text = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}\r\n{body}",
            body.len()
        );
        if out.write_all(text.as_bytes()).is_err() {
            return;
        }
    }
}

fn issue(st: &mut TokenState) -> serde_json::Value {
    st.counter += 1;
    let access = format!("AT-{}-{}", st.counter, unix_now());
    let refresh = format!("RT-{}-{}", st.counter, unix_now());
    st.access.insert(access.clone(), unix_now() + st.lifetime);
    st.refresh.push(refresh.clone());
    st.issued.push(access.clone());
    st.issued.push(refresh.clone());
    serde_json::json!({"access_token": access, "refresh_token": refresh, "token_type": "Bearer", "expires_in": st.lifetime})
}

fn answer(
    path: &str,
    form: &HashMap<String, String>,
    state: &Mutex<TokenState>,
) -> (&'static str, String, String) {
    let mut st = state.lock().expect("lock");
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let error = |code: &str| {
        (
            "400 Bad Request",
            String::new(),
            serde_json::json!({"error": code, "error_description": format!("{code} (test server)")})
                .to_string(),
        )
    };
    match path {
        "/devicecode" => {
            if get("client_id") != "permanence-test" {
                return error("invalid_client");
            }
            st.counter += 1;
            let device = format!("DC-{}", st.counter);
            let user = format!("WDJB-{:04}", st.counter);
            st.devices.insert(device.clone(), (user.clone(), false));
            (
                "200 OK",
                String::new(),
                serde_json::json!({"device_code": device, "user_code": user, "verification_uri": "https://login.example/device", "expires_in": 600, "interval": 1}).to_string(),
            )
        }
        "/verify" => {
            let user = get("user_code");
            for (_, (code, approved)) in st.devices.iter_mut() {
                if *code == user {
                    *approved = true;
                }
            }
            ("200 OK", String::new(), "{}".to_string())
        }
        "/authorize" => {
            // The person signs in at once: back to the redirect with a code.
            st.counter += 1;
            let code = format!("AC-{}", st.counter);
            let redirect = get("redirect_uri");
            if get("code_challenge_method") != "S256" || get("code_challenge").is_empty() {
                return error("invalid_request");
            }
            st.codes
                .insert(code.clone(), (get("code_challenge"), redirect.clone()));
            let location = format!(
                "{redirect}?{}",
                serde_urlencoded::to_string([("code", code.as_str()), ("state", &get("state"))])
                    .expect("encode")
            );
            (
                "302 Found",
                format!("Location: {location}\r\n"),
                String::new(),
            )
        }
        "/token" => match get("grant_type").as_str() {
            "urn:ietf:params:oauth:grant-type:device_code" => {
                st.device_polls += 1;
                match st.devices.get(&get("device_code")) {
                    Some((_, true)) => {
                        let device = get("device_code");
                        st.devices.remove(&device);
                        ("200 OK", String::new(), issue(&mut st).to_string())
                    }
                    Some((_, false)) => error("authorization_pending"),
                    None => error("expired_token"),
                }
            }
            "authorization_code" => {
                use sha2::Digest as _;
                let Some((challenge, redirect)) = st.codes.remove(&get("code")) else {
                    return error("invalid_grant");
                };
                let computed = base64_url(&sha2::Sha256::digest(get("code_verifier").as_bytes()));
                if computed != challenge || redirect != get("redirect_uri") {
                    return error("invalid_grant");
                }
                ("200 OK", String::new(), issue(&mut st).to_string())
            }
            "refresh_token" => {
                st.refresh_grants += 1;
                let rt = get("refresh_token");
                if st.revoked || !st.refresh.contains(&rt) {
                    return error("invalid_grant");
                }
                // Rotation, as Microsoft does: the old refresh token is spent.
                st.refresh.retain(|r| *r != rt);
                ("200 OK", String::new(), issue(&mut st).to_string())
            }
            _ => error("unsupported_grant_type"),
        },
        "/introspect" => {
            st.introspections += 1;
            let token = get("token");
            let active = !st.revoked
                && st
                    .access
                    .get(&token)
                    .is_some_and(|&expiry| expiry > unix_now());
            let body = if active {
                serde_json::json!({"active": true, "username": "office"})
            } else {
                serde_json::json!({"active": false})
            };
            ("200 OK", String::new(), body.to_string())
        }
        _ => ("404 Not Found", String::new(), "{}".to_string()),
    }
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn wait_for(
    what: &str,
    timeout: Duration,
    mut check: impl FnMut() -> bool,
    context: impl Fn() -> String,
) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}\n{}",
            context()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn oauth_section(server: &TokenServer, dv: &Dovecot, flow: &str, mechanism: &str) -> String {
    let flow = match flow {
        "device" => format!("device_url = \"{}\"", server.url("/devicecode")),
        _ => format!("authorize_url = \"{}\"", server.url("/authorize")),
    };
    format!(
        "host = \"127.0.0.1\"\nport = {}\nsecurity = \"plain\"\n[mailbox.oauth2]\nprovider = \"custom\"\nclient_id = \"permanence-test\"\nmechanism = \"{mechanism}\"\ntoken_url = \"{}\"\n{flow}",
        dv.port,
        server.url("/token")
    )
}

/// Runs `mailbox login bureau` by the device code, playing the person who signs in.
fn device_login(env: &TestEnv, server: &TokenServer) -> String {
    let mut child = env
        .cmd(&["mailbox", "login", "bureau"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mailbox login");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut printed = String::new();
    let code = loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).expect("read") > 0,
            "login ended without a code: {printed}"
        );
        printed.push_str(&line);
        if let Some(code) = line.split_whitespace().find(|w| w.starts_with("WDJB-")) {
            break code.to_string();
        }
    };
    assert!(
        printed.contains("https://login.example/device"),
        "{printed}"
    );
    // The person takes a moment: the command polls meanwhile.
    std::thread::sleep(Duration::from_millis(2500));
    ureq::get(&format!("{}?user_code={code}", server.url("/verify")))
        .call()
        .expect("approve");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("read");
    printed.push_str(&rest);
    let status = child.wait().expect("wait");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    assert!(status.success(), "mailbox login failed: {printed}{err}");
    printed + &err
}

#[test]
fn oauth2_device_login_then_the_daemon_renews_its_token_during_idle_and_reports_revoked_consent() {
    let server = TokenServer::start(6);
    let dv = Dovecot::start_with(Setup {
        tls: None,
        introspection_url: Some(server.url("/introspect")),
    });
    dv.deliver_many(&sample_messages(3, "oauth"));
    // Two folders: two tasks of the daemon renew the same token at the same moment, and this
    // server spends a refresh token once used (as rotating providers do).
    dv.add_folder("Sent");
    let env = TestEnv::new();
    configure(
        &env,
        &format!(
            "sent_folder = \"Sent\"\n{}",
            oauth_section(&server, &dv, "device", "xoauth2")
        ),
    );

    // Before anyone signs in: a clear message, nothing filed.
    let check = env.ok(&["config", "check"]);
    assert!(
        check.contains("OAuth2 custom, not signed in yet"),
        "{check}"
    );
    let (ok, out) = sync(&env, &[]);
    assert!(
        !ok && out.contains("not signed in yet: run `permanence mailbox login bureau`"),
        "{out}"
    );

    let printed = device_login(&env, &server);
    assert!(printed.contains("signed in"), "{printed}");
    assert!(
        server.state().device_polls >= 2,
        "the command did not poll while waiting"
    );
    let token_file = env.data().join("oauth2/bureau.json");
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&token_file)
            .expect("token file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "token file mode {mode:o}");
    }

    // The daemon signs in with the token, files, and renews it before it expires (every
    // 6 s here, every hour at Microsoft and Google) while it waits in IDLE.
    let log = env.path("daemon.log");
    let mut daemon = env
        .cmd(&["daemon"])
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(&log).expect("log")))
        .spawn()
        .expect("spawn daemon");
    let read_log = || std::fs::read_to_string(&log).unwrap_or_default();
    wait_for(
        "the first 3 messages",
        Duration::from_secs(30),
        || messages(&env) == 3,
        read_log,
    );
    let refreshes = server.state().refresh_grants;
    wait_for(
        "two renewals of the access token",
        Duration::from_secs(40),
        || server.state().refresh_grants >= refreshes + 2,
        read_log,
    );
    assert!(
        read_log().contains("signing in again with a fresh one"),
        "{}",
        read_log()
    );
    // Mail that arrives after the renewals is filed by the new session, in IDLE.
    dv.deliver_many(&sample_messages(2, "renewed"));
    wait_for(
        "2 more messages",
        Duration::from_secs(20),
        || messages(&env) == 5,
        read_log,
    );
    assert_eq!(last_error(&env), "", "{}", read_log());
    assert!(
        dv.log().matches("method=XOAUTH2").count() >= 3,
        "Dovecot saw fewer than 3 token logins:\n{}",
        dv.log()
    );

    // Consent revoked at the provider: the next renewal fails; the daemon says what to do and
    // does not hammer the provider.
    server.state().revoked = true;
    wait_for(
        "the revoked consent in status",
        Duration::from_secs(30),
        || last_error(&env).contains("consent was revoked"),
        read_log,
    );
    let error = last_error(&env);
    assert!(error.contains("permanence mailbox login bureau"), "{error}");
    let grants = server.state().refresh_grants;
    std::thread::sleep(Duration::from_secs(5));
    assert!(
        server.state().refresh_grants <= grants + 1,
        "the daemon keeps asking after a refusal"
    );
    assert!(
        daemon.try_wait().expect("try_wait").is_none(),
        "the daemon exited:\n{}",
        read_log()
    );
    let (doctor_ok, doctor) = output(&mut env.cmd(&["doctor"]));
    assert!(!doctor_ok, "{doctor}");
    assert!(
        doctor.contains("échec     boîte bureau") && doctor.contains("mailbox login bureau"),
        "{doctor}"
    );
    let _ = Command::new("kill")
        .args(["-TERM", &daemon.id().to_string()])
        .status();
    let _ = daemon.wait();

    // No token in the logs, the status, the outputs, or anywhere in the database.
    let db = std::fs::read(env.data().join("permanence.sqlite3")).expect("db");
    let wal = std::fs::read(env.data().join("permanence.sqlite3-wal")).unwrap_or_default();
    let everything = format!(
        "{}{}{}{}{}",
        read_log(),
        printed,
        env.ok(&["status", "--json"]),
        String::from_utf8_lossy(&db),
        String::from_utf8_lossy(&wal)
    );
    for token in &server.state().issued {
        assert!(!everything.contains(token.as_str()), "token {token} leaked");
    }
}

#[test]
fn oauth2_browser_login_with_pkce_and_oauthbearer() {
    let server = TokenServer::start(3600);
    let dv = Dovecot::start_with(Setup {
        tls: None,
        introspection_url: Some(server.url("/introspect")),
    });
    dv.deliver_many(&sample_messages(2, "bearer"));
    let env = TestEnv::new();
    configure(&env, &oauth_section(&server, &dv, "browser", "oauthbearer"));
    let mut child = env
        .cmd(&["mailbox", "login", "bureau"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mailbox login");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let url = loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).expect("read") > 0,
            "no address printed"
        );
        if let Some(u) = line
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1") && w.contains("/authorize?"))
        {
            break u.to_string();
        }
    };
    // The browser: the provider redirects to the loopback address, which the command serves.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent.get(&url).call().expect("authorize");
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("a redirect")
        .to_string();
    assert!(location.starts_with("http://127.0.0.1:"), "{location}");
    let mut page = agent.get(&location).call().expect("the loopback redirect");
    let text = page.body_mut().read_to_string().expect("page");
    assert!(text.contains("vous pouvez fermer cette page"), "{text}");
    let status = child.wait().expect("wait");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("read");
    assert!(status.success(), "{rest}");
    assert!(rest.contains("signed in"), "{rest}");

    let (ok, out) = sync(&env, &[]);
    assert!(ok, "{out}\n{}", dv.log());
    assert_eq!(messages(&env), 2);
    assert!(dv.log().contains("method=OAUTHBEARER"), "{}", dv.log());

    // A pasted address from another sign-in (wrong state) is refused.
    let mut child = env
        .cmd(&["mailbox", "login", "bureau"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mailbox login");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"http://127.0.0.1:1/?code=AC-999&state=forged\n")
        .expect("paste");
    let out = child.wait_with_output().expect("wait");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("state differs"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
