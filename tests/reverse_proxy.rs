//! The web interface behind a real TLS reverse proxy (Debian's nginx), configured exactly as the
//! README's « Installer sur un serveur » shows: `Host`, `X-Forwarded-Proto` and
//! `X-Forwarded-For` passed on, `[web] allowed_hosts` and `trust_forwarded_for` set. Through the
//! proxy the cookies are `Secure`, a login works, a form from another site is refused, a client
//! cannot dodge the failed-login limit by sending its own `X-Forwarded-For`, and a request that
//! names another host is refused.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::imap_remote::Pki;
use crate::web::Office;

const PW: &str = crate::web::PW;

/// nginx in the foreground with its own prefix directory; killed when dropped.
struct Nginx {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Nginx {
    fn start(pki: &Pki, upstream: &str) -> Nginx {
        let dir = tempfile::Builder::new()
            .prefix("permanence-nginx-")
            .tempdir()
            .expect("tempdir");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("bind")
            .local_addr()
            .expect("addr")
            .port();
        let d = dir.path().display();
        let upstream = upstream.trim_start_matches("http://");
        // The server block is the README's, with a test port and certificate.
        let conf = format!(
            r#"daemon off;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{}}
http {{
  access_log {d}/access.log;
  client_body_temp_path {d}/body;
  proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fastcgi;
  uwsgi_temp_path {d}/uwsgi;
  scgi_temp_path {d}/scgi;
  server {{
    listen 127.0.0.1:{port} ssl;
    server_name localhost;
    ssl_certificate {cert};
    ssl_certificate_key {key};
    client_max_body_size 20m;
    location / {{
      proxy_pass http://{upstream};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
    }}
  }}
}}
"#,
            cert = pki.path("server.pem").display(),
            key = pki.path("server.key").display(),
        );
        std::fs::write(dir.path().join("nginx.conf"), conf).expect("nginx.conf");
        let child = Command::new(nginx_bin())
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start nginx (Debian package nginx)");
        let nginx = Nginx { child, port, dir };
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "nginx did not listen: {}",
                std::fs::read_to_string(nginx.dir.path().join("error.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        nginx
    }

    fn url(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.port)
    }

    fn origin(&self) -> String {
        format!("https://localhost:{}", self.port)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn nginx_bin() -> PathBuf {
    let debian = PathBuf::from("/usr/sbin/nginx");
    if debian.exists() {
        debian
    } else {
        PathBuf::from("nginx")
    }
}

/// A browser-like HTTPS client trusting the test CA, keeping cookies, following no redirect.
struct Browser {
    agent: ureq::Agent,
    cookies: HashMap<String, String>,
}

struct Answer {
    status: u16,
    set_cookies: Vec<String>,
    body: String,
}

impl Browser {
    fn new(pki: &Pki) -> Browser {
        let pem = std::fs::read(pki.path("ca.pem")).expect("ca.pem");
        let ca = ureq::tls::Certificate::from_pem(&pem).expect("CA PEM");
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::Rustls)
            .root_certs(ureq::tls::RootCerts::Specific(Arc::new(vec![ca])))
            .unversioned_rustls_crypto_provider(Arc::new(
                tokio_rustls::rustls::crypto::ring::default_provider(),
            ))
            .build();
        let agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .into();
        Browser {
            agent,
            cookies: HashMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, response: &ureq::http::Response<ureq::Body>) -> Vec<String> {
        let mut all = Vec::new();
        for value in response.headers().get_all("set-cookie") {
            let text = value.to_str().unwrap_or("").to_string();
            if let Some((name, rest)) = text.split(';').next().and_then(|nv| nv.split_once('=')) {
                if rest.is_empty() {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_string(), rest.to_string());
                }
            }
            all.push(text);
        }
        all
    }

    fn get(&mut self, url: &str) -> Answer {
        let mut response = self
            .agent
            .get(url)
            .header("Cookie", self.cookie_header())
            .call()
            .expect("GET through the proxy");
        self.answer(&mut response)
    }

    fn post(
        &mut self,
        url: &str,
        origin: &str,
        headers: &[(&str, &str)],
        form: &[(&str, &str)],
    ) -> Answer {
        let mut request = self
            .agent
            .post(url)
            .header("Cookie", self.cookie_header())
            .header("Origin", origin);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let mut response = request
            .send_form(form.iter().copied())
            .expect("POST through the proxy");
        self.answer(&mut response)
    }

    fn answer(&mut self, response: &mut ureq::http::Response<ureq::Body>) -> Answer {
        let set_cookies = self.keep(response);
        Answer {
            status: response.status().as_u16(),
            set_cookies,
            body: response.body_mut().read_to_string().unwrap_or_default(),
        }
    }
}

fn csrf(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker).expect("a csrf input") + marker.len();
    let len = page[start..].find('"').expect("closing quote");
    page[start..start + len].to_string()
}

fn attributes(cookie: &str) -> Vec<String> {
    cookie
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect()
}

#[test]
fn behind_nginx_with_tls_cookies_are_secure_and_forwarded_headers_are_honoured_not_trusted_blindly()
{
    let office = Office::with_config(|text| {
        text.replace("trust_forwarded_for = false", "trust_forwarded_for = true")
            .replace("allowed_hosts = []", "allowed_hosts = [\"localhost\"]")
    });
    let pki = Pki::new();
    let nginx = Nginx::start(&pki, &office.server.base);
    let mut browser = Browser::new(&pki);

    // The login page through the proxy: its cookie is Secure (X-Forwarded-Proto: https).
    let page = browser.get(&nginx.url("/login"));
    assert_eq!(page.status, 200, "{}", page.body);
    let login_cookie = page
        .set_cookies
        .iter()
        .find(|c| c.starts_with("permanence_login="))
        .expect("login cookie")
        .clone();
    assert!(
        attributes(&login_cookie).contains(&"secure".to_string()),
        "{login_cookie}"
    );

    // Logging in: a Secure, HttpOnly, SameSite=Strict session.
    let reply = browser.post(
        &nginx.url("/login"),
        &nginx.origin(),
        &[],
        &[
            ("csrf", &csrf(&page.body)),
            ("next", "/"),
            ("name", "sam"),
            ("password", PW),
        ],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let session = reply
        .set_cookies
        .iter()
        .find(|c| c.starts_with("permanence_session="))
        .expect("session cookie")
        .clone();
    let attrs = attributes(&session);
    for want in ["secure", "httponly", "samesite=strict"] {
        assert!(
            attrs.contains(&want.to_string()),
            "{want} missing: {session}"
        );
    }
    let home = browser.get(&nginx.url("/"));
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(home.body.contains("Pont de la Gresse"), "the triage page");

    // A form posted from another site is refused, even with a valid token.
    let token = csrf(&home.body);
    let refused = browser.post(
        &nginx.url("/logout"),
        "https://evil.example",
        &[],
        &[("csrf", &token)],
    );
    assert_eq!(refused.status, 403, "{}", refused.body);

    // A client that sends its own X-Forwarded-For does not get a fresh failed-login allowance
    // with each forged address: the address counted is the one nginx appends.
    let mut guesser = Browser::new(&pki);
    let mut slowed = false;
    for attempt in 0..7 {
        let page = guesser.get(&nginx.url("/login"));
        let forged = format!("203.0.113.{attempt}");
        let reply = guesser.post(
            &nginx.url("/login"),
            &nginx.origin(),
            &[("X-Forwarded-For", &forged)],
            &[
                ("csrf", &csrf(&page.body)),
                ("next", "/"),
                ("name", "anne"),
                ("password", "not-the-password"),
            ],
        );
        if reply.body.contains("Trop de tentatives") {
            assert!(attempt >= 5, "slowed down too early, at attempt {attempt}");
            slowed = true;
            break;
        }
    }
    assert!(
        slowed,
        "forged X-Forwarded-For addresses dodged the failed-login limit"
    );

    // Straight to the interface with a host name that is not the office's: refused.
    let direct: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let direct = direct
        .get(&office.server.url("/login"))
        .header("Host", "evil.example")
        .call()
        .expect("GET direct");
    assert_eq!(direct.status().as_u16(), 421);
    drop(nginx);
}
