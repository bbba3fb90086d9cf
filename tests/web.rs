//! The web interface over plain HTTP, without a browser: who may read and change what
//! (anonymous, reader, staff, admin), the CSRF and Origin checks on every POST, the login
//! limiter, the session cookie's attributes and how a session ends (logout, idle timeout),
//! the security headers, downloads that a browser cannot run, and `next` redirects that stay
//! on the site. Then what staff do: every case action (recorded under their name), facet
//! counts that match what their links find, and bounds on what a request may ask (page
//! numbers, triage marks, login names, sessions after a password change). Each test starts
//! `permanence serve` on its own data directory (a mayor's request filed as a proposed case,
//! three users) and checks effects through the CLI, so a refused request is shown to have
//! changed nothing.
//!
//! The client is `ureq` with redirects off, so that 303s are seen, and a small cookie jar of
//! our own (path-scoped, `Max-Age=0` deletes), which is all the server relies on.

use std::collections::BTreeMap;

use serde_json::Value;
use ureq::http::HeaderMap;

use crate::util::{TestEnv, WebServer};

/// Every test user's password (the CLI wants at least 10 characters).
pub(crate) const PW: &str = "motdepasse-de-test";
pub(crate) const OFFICE: &str = "permanence@senateur-exemple.fr";

// ---- HTTP client ----

/// A response, read in full.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The first value of header `name`, or "" when absent.
    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("ASCII header value"))
            .unwrap_or("")
    }

    pub(crate) fn location(&self) -> &str {
        self.header("location")
    }

    /// The whole `Set-Cookie` line that sets cookie `name`, if any.
    pub(crate) fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().expect("ASCII Set-Cookie").to_string())
            .find(|line| line.starts_with(&format!("{name}=")))
    }

    /// The `csrf` hidden input of the page (every logged-in page has one in its logout form).
    pub(crate) fn csrf(&self) -> String {
        let text = self.text();
        let marker = "name=\"csrf\" value=\"";
        let start = text
            .find(marker)
            .unwrap_or_else(|| panic!("no csrf input in the page (status {})", self.status))
            + marker.len();
        let len = text[start..].find('"').expect("closing quote");
        text[start..start + len].to_string()
    }

    /// Asserts a 303 to the login page and returns its `next`.
    pub(crate) fn assert_to_login(&self, what: &str) -> String {
        assert_eq!(self.status, 303, "{what}: {}", self.text());
        let next = self
            .location()
            .strip_prefix("/login?next=")
            .unwrap_or_else(|| panic!("{what}: redirected to {:?}", self.location()));
        next.to_string()
    }
}

/// A cookie as the server set it.
pub(crate) struct StoredCookie {
    pub(crate) value: String,
    pub(crate) path: String,
}

/// One browser-like user agent: its own cookies, no redirect following.
pub(crate) struct Client {
    pub(crate) base: String,
    pub(crate) agent: ureq::Agent,
    pub(crate) cookies: BTreeMap<String, StoredCookie>,
}

impl Client {
    pub(crate) fn new(server: &WebServer) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            // A server stuck on a request fails the test instead of hanging it.
            .timeout_global(Some(std::time::Duration::from_secs(60)))
            .build()
            .into();
        Client {
            base: server.base.clone(),
            agent,
            cookies: BTreeMap::new(),
        }
    }

    /// The current value of cookie `name`.
    pub(crate) fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.get(name).map(|c| c.value.clone())
    }

    /// Sets a cookie by hand (an old or stolen value), for every path.
    pub(crate) fn put_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(
            name.to_string(),
            StoredCookie {
                value: value.to_string(),
                path: "/".to_string(),
            },
        );
    }

    /// The `Cookie` header for `path` (RFC 6265 §5.1.4 path-match).
    pub(crate) fn cookie_header(&self, path: &str) -> String {
        let path = path.split('?').next().unwrap_or("/");
        self.cookies
            .iter()
            .filter(|(_, c)| {
                path == c.path
                    || path.starts_with(&c.path)
                        && (c.path.ends_with('/') || path[c.path.len()..].starts_with('/'))
            })
            .map(|(name, c)| format!("{name}={}", c.value))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub(crate) fn remember(&mut self, headers: &HeaderMap) {
        for line in headers.get_all("set-cookie") {
            let line = line.to_str().expect("ASCII Set-Cookie");
            let mut parts = line.split(';').map(str::trim);
            let (name, value) = parts
                .next()
                .and_then(|nv| nv.split_once('='))
                .expect("name=value");
            let mut path = "/".to_string();
            let mut delete = false;
            for attr in parts {
                let (key, val) = attr.split_once('=').unwrap_or((attr, ""));
                if key.eq_ignore_ascii_case("path") {
                    path = val.to_string();
                } else if key.eq_ignore_ascii_case("max-age") && val == "0" {
                    delete = true;
                }
            }
            if delete {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(
                    name.to_string(),
                    StoredCookie {
                        value: value.to_string(),
                        path,
                    },
                );
            }
        }
    }

    /// GET or (with a form) POST `path` with extra request headers; an error when the
    /// connection fails or closes before a whole response (a server that crashed).
    pub(crate) fn try_send(
        &mut self,
        path: &str,
        headers: &[(&str, &str)],
        form: Option<&[(&str, &str)]>,
    ) -> Result<Reply, String> {
        fn with<B>(
            mut req: ureq::RequestBuilder<B>,
            cookie: &str,
            headers: &[(&str, &str)],
        ) -> ureq::RequestBuilder<B> {
            if !cookie.is_empty() {
                req = req.header("cookie", cookie);
            }
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            req
        }
        let url = format!("{}{path}", self.base);
        let cookie = self.cookie_header(path);
        let result = match form {
            None => with(self.agent.get(&url), &cookie, headers).call(),
            Some(form) => {
                with(self.agent.post(&url), &cookie, headers).send_form(form.iter().copied())
            }
        };
        let response = result.map_err(|e| format!("{path}: {e}"))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .read_to_vec()
            .map_err(|e| format!("{path}: body: {e}"))?;
        self.remember(&headers);
        Ok(Reply {
            status,
            headers,
            body,
        })
    }

    /// Like `try_send`, panicking when there is no complete response.
    pub(crate) fn send(
        &mut self,
        path: &str,
        headers: &[(&str, &str)],
        form: Option<&[(&str, &str)]>,
    ) -> Reply {
        self.try_send(path, headers, form)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    pub(crate) fn get(&mut self, path: &str) -> Reply {
        self.send(path, &[], None)
    }

    pub(crate) fn post_form(&mut self, path: &str, form: &[(&str, &str)]) -> Reply {
        self.send(path, &[], Some(form))
    }

    /// GET /login (for its form token and cookie), then POST the credentials with `next` and
    /// extra headers; returns the POST's reply.
    pub(crate) fn login_with(
        &mut self,
        name: &str,
        password: &str,
        next: &str,
        headers: &[(&str, &str)],
    ) -> Reply {
        let page = self.get("/login");
        assert_eq!(page.status, 200, "GET /login");
        assert!(
            self.cookie("permanence_login").is_some(),
            "GET /login sets the login cookie"
        );
        let csrf = page.csrf();
        self.send(
            "/login",
            headers,
            Some(&[
                ("csrf", &csrf),
                ("next", next),
                ("name", name),
                ("password", password),
            ]),
        )
    }

    pub(crate) fn login(&mut self, name: &str, password: &str) -> Reply {
        self.login_with(name, password, "/", &[])
    }

    /// Logs in with the right password and asserts it worked.
    pub(crate) fn logged_in(server: &WebServer, name: &str) -> Client {
        let mut client = Client::new(server);
        let reply = client.login(name, PW);
        assert_eq!(reply.status, 303, "login as {name}: {}", reply.text());
        assert_eq!(reply.location(), "/");
        assert!(client.cookie("permanence_session").is_some());
        client
    }

    /// The CSRF token of this session, from the home page.
    pub(crate) fn csrf(&mut self) -> String {
        let page = self.get("/");
        assert_eq!(page.status, 200, "GET / while logged in");
        page.csrf()
    }
}

// ---- test office ----

/// A data directory with one proposed case and the users anne (admin), sam (staff) and rita
/// (reader), served on a free port.
pub(crate) struct Office {
    pub(crate) env: TestEnv,
    pub(crate) server: WebServer,
    /// The proposed case opened by the mayor's request.
    pub(crate) case: i64,
}

impl Office {
    pub(crate) fn new() -> Office {
        Office::with_config(|text| text)
    }

    /// Like `new`, with `edit` applied to permanence.toml before the server starts.
    pub(crate) fn with_config(edit: impl FnOnce(String) -> String) -> Office {
        let env = TestEnv::new();
        env.init_isere();
        let config = env.data().join("permanence.toml");
        let text = std::fs::read_to_string(&config).expect("config");
        std::fs::write(&config, edit(text)).expect("write config");
        ingest(
            &env,
            "request.eml",
            &mail(
                "req-1@mairie-vif.fr",
                "Pont de la Gresse",
                "Madame la Sénatrice,\r\nLe pont de la Gresse doit être refait.\r\nJean Dupont\r\nMaire de Vif",
            ),
        );
        let cases: Vec<Value> = env
            .ok(&["case", "list", "--json"])
            .lines()
            .map(|l| serde_json::from_str(l).expect("case list JSON"))
            .collect();
        assert_eq!(cases.len(), 1, "{cases:?}");
        assert_eq!(cases[0]["state"], "proposed");
        let case = cases[0]["id"].as_i64().expect("case id");
        env.add_user("anne", "admin", PW);
        env.add_user("sam", "staff", PW);
        env.add_user("rita", "reader", PW);
        let server = WebServer::start(&env);
        Office { env, server, case }
    }

    pub(crate) fn client(&self) -> Client {
        Client::new(&self.server)
    }

    pub(crate) fn logged_in(&self, name: &str) -> Client {
        Client::logged_in(&self.server, name)
    }

    /// `case show ID --json`.
    pub(crate) fn show(&self) -> Value {
        serde_json::from_str(
            &self
                .env
                .ok(&["case", "show", &self.case.to_string(), "--json"]),
        )
        .expect("case show JSON")
    }

    pub(crate) fn notes(&self) -> Vec<Value> {
        self.show()["notes"].as_array().expect("notes").clone()
    }

    pub(crate) fn note_path(&self) -> String {
        format!("/case/{}/note", self.case)
    }

    /// User names from `user list --json`.
    pub(crate) fn users(&self) -> Vec<(String, String)> {
        self.env
            .ok(&["user", "list", "--json"])
            .lines()
            .map(|l| {
                let u: Value = serde_json::from_str(l).expect("user list JSON");
                (
                    u["name"].as_str().expect("name").to_string(),
                    u["role"].as_str().expect("role").to_string(),
                )
            })
            .collect()
    }
}

/// A message from the mayor of Vif to the office (March 2026).
pub(crate) fn mail(id: &str, subject: &str, body: &str) -> String {
    format!(
        "From: Jean Dupont <maire@mairie-vif.fr>\r\nTo: {OFFICE}\r\nMessage-ID: <{id}>\r\n\
         Date: 02 Mar 2026 10:00:00 +0100\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

pub(crate) fn ingest(env: &TestEnv, name: &str, text: &str) {
    env.ingest_bytes(name, text);
}

/// What a browser makes of a `Location`: the WHATWG URL parser first removes every tab and
/// newline, then treats `\` like `/` in http(s) URLs.
pub(crate) fn as_browser_reads(location: &str) -> String {
    location
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect()
}

/// Does the browser stay on this site when it follows `location`?
pub(crate) fn stays_on_site(location: &str) -> bool {
    let seen = as_browser_reads(location);
    seen.starts_with('/') && !seen.starts_with("//")
}

// ---- tests ----

#[test]
fn anonymous_requests_go_to_login_and_change_nothing() {
    let office = Office::new();
    let mut anon = office.client();
    assert_eq!(anon.get("/").assert_to_login("GET /"), "%2F");
    let case_path = format!("/case/{}", office.case);
    assert_eq!(
        anon.get(&case_path).assert_to_login("GET /case/ID"),
        format!("%2Fcase%2F{}", office.case),
        "back to the case after login"
    );
    for path in ["/admin", "/search?q=pont", "/cases", "/dashboard"] {
        anon.get(path).assert_to_login(path);
    }
    let reply = anon.post_form(
        &office.note_path(),
        &[("csrf", "whatever"), ("value", "note anonyme")],
    );
    reply.assert_to_login("anonymous POST note");
    // A session cookie the server never issued is no better than none.
    anon.put_cookie("permanence_session", "0123456789abcdef");
    let reply = anon.post_form(
        &office.note_path(),
        &[("csrf", "whatever"), ("value", "note anonyme")],
    );
    reply.assert_to_login("POST note with a made-up session");
    anon.get("/")
        .assert_to_login("GET / with a made-up session");
    assert!(office.notes().is_empty(), "{:?}", office.notes());
    assert!(
        office.show()["history"]
            .as_array()
            .expect("history")
            .iter()
            .all(|h| h["action"] != "note"),
        "no note in the history"
    );
}

#[test]
fn a_reader_can_read_everything_but_change_nothing() {
    let office = Office::new();
    let mut rita = office.logged_in("rita");
    for path in [
        "/".to_string(),
        "/search?q=x".to_string(),
        "/search?q=pont".to_string(),
        "/cases".to_string(),
        format!("/case/{}", office.case),
    ] {
        let reply = rita.get(&path);
        assert_eq!(reply.status, 200, "reader GET {path}: {}", reply.text());
    }
    let case_page = rita.get(&format!("/case/{}", office.case)).text();
    assert!(
        case_page.contains("Pont de la Gresse"),
        "the case page shows the case"
    );
    let csrf = rita.csrf();
    let reply = rita.post_form(
        &office.note_path(),
        &[("csrf", &csrf), ("value", "note d'une lectrice")],
    );
    assert_eq!(reply.status, 403, "reader POST note: {}", reply.text());
    assert!(reply.text().contains("lecture seule"), "{}", reply.text());
    let reply = rita.post_form(
        &format!("/case/{}/confirm", office.case),
        &[("csrf", &csrf)],
    );
    assert_eq!(reply.status, 403, "reader POST confirm");
    let reply = rita.post_form("/triage/seen", &[("csrf", &csrf), ("through", "1")]);
    assert_eq!(reply.status, 403, "reader POST triage/seen");
    assert_eq!(rita.get("/admin").status, 403, "reader GET /admin");
    let case = office.show();
    assert!(office.notes().is_empty());
    assert_eq!(case["state"], "proposed", "confirm was refused");
}

#[test]
fn staff_posts_need_their_own_session_csrf_token() {
    let office = Office::new();
    let mut sam = office.logged_in("sam");
    let mut anne = office.logged_in("anne");
    let csrf = sam.csrf();
    let annes = anne.csrf();
    assert_ne!(csrf, annes, "each session has its own token");
    let path = office.note_path();
    let forged = "0".repeat(csrf.len());
    for (what, form) in [
        (
            "a forged token",
            vec![("csrf", forged.as_str()), ("value", "forgée")],
        ),
        ("no token", vec![("value", "sans jeton")]),
        (
            "an empty token",
            vec![("csrf", ""), ("value", "jeton vide")],
        ),
        (
            "another session's token",
            vec![("csrf", annes.as_str()), ("value", "jeton d'anne")],
        ),
    ] {
        let reply = sam.post_form(&path, &form);
        assert_eq!(reply.status, 403, "{what}: {}", reply.text());
        assert!(
            reply.text().contains("Jeton de sécurité"),
            "{what}: {}",
            reply.text()
        );
    }
    assert!(office.notes().is_empty(), "{:?}", office.notes());
    let reply = sam.post_form(
        &path,
        &[("csrf", &csrf), ("value", "Rappeler le maire lundi")],
    );
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(reply.location(), format!("/case/{}", office.case));
    let case = office.show();
    let notes = case["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["author"], "sam");
    assert_eq!(notes[0]["text"], "Rappeler le maire lundi");
    let history = case["history"].as_array().expect("history");
    assert!(
        history.iter().any(|h| h["who"] == "sam"
            && h["action"] == "note"
            && h["after"] == "Rappeler le maire lundi"),
        "{history:?}"
    );
}

#[test]
fn a_cross_origin_post_is_refused_even_with_the_right_token() {
    let office = Office::new();
    let mut sam = office.logged_in("sam");
    let csrf = sam.csrf();
    let path = office.note_path();
    let own = office.server.base.clone();
    let look_alike = format!("{own}.evil.example");
    for origin in ["http://evil.example", look_alike.as_str()] {
        let reply = sam.send(
            &path,
            &[("origin", origin)],
            Some(&[("csrf", &csrf), ("value", "depuis ailleurs")]),
        );
        assert_eq!(reply.status, 403, "Origin {origin}: {}", reply.text());
        assert!(reply.text().contains("autre origine"), "{}", reply.text());
    }
    // The same from another origin's login form.
    let mut client = office.client();
    let login_csrf = client.get("/login").csrf();
    let reply = client.send(
        "/login",
        &[("origin", "http://evil.example")],
        Some(&[("csrf", &login_csrf), ("name", "sam"), ("password", PW)]),
    );
    assert_eq!(reply.status, 403, "cross-origin login: {}", reply.text());
    assert!(client.cookie("permanence_session").is_none());
    // `Origin: null` (privacy settings, sandboxed frames) leaves the decision to the token.
    let forged = "0".repeat(csrf.len());
    let reply = sam.send(
        &path,
        &[("origin", "null")],
        Some(&[("csrf", &forged), ("value", "origine nulle")]),
    );
    assert_eq!(
        reply.status,
        403,
        "Origin null, forged token: {}",
        reply.text()
    );
    assert!(office.notes().is_empty(), "{:?}", office.notes());
    // The browser's own Origin is fine.
    let reply = sam.send(
        &path,
        &[("origin", &own)],
        Some(&[("csrf", &csrf), ("value", "depuis le site")]),
    );
    assert_eq!(reply.status, 303, "same Origin: {}", reply.text());
    let notes = office.notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["text"], "depuis le site");
}

#[test]
fn login_needs_the_login_forms_cookie_and_token() {
    let office = Office::new();
    let mut client = office.client();
    // No cookie, no token: refused before the password is even looked at.
    let reply = client.post_form(
        "/login",
        &[("name", "sam"), ("password", PW), ("next", "/")],
    );
    assert_eq!(reply.status, 403, "{}", reply.text());
    assert!(reply.set_cookie("permanence_session").is_none());
    // A token but no cookie (a cross-site form can post a token it made up, not set our cookie).
    let reply = client.post_form(
        "/login",
        &[("csrf", "abc"), ("name", "sam"), ("password", PW)],
    );
    assert_eq!(reply.status, 403, "{}", reply.text());
    // The cookie but a wrong token.
    let page = client.get("/login");
    assert_eq!(page.status, 200);
    let cookie = client.cookie("permanence_login").expect("login cookie");
    let reply = client.post_form(
        "/login",
        &[("csrf", "abc"), ("name", "sam"), ("password", PW)],
    );
    assert_eq!(reply.status, 403, "{}", reply.text());
    assert!(reply.set_cookie("permanence_session").is_none());
    assert!(client.cookie("permanence_session").is_none());
    // The cookie and its token: logged in, and the login cookie is dropped.
    let reply = client.post_form(
        "/login",
        &[("csrf", &cookie), ("name", "sam"), ("password", PW)],
    );
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert!(client.cookie("permanence_session").is_some());
    assert!(
        client.cookie("permanence_login").is_none(),
        "login cookie removed"
    );
    assert_eq!(client.get("/").status, 200);
}

#[test]
fn failed_logins_lock_the_name_but_not_other_users_of_the_address() {
    let office = Office::new();
    let mut attacker = office.client();
    for i in 0..5 {
        let reply = attacker.login("sam", &format!("mauvais-mot-de-passe-{i}"));
        assert_eq!(reply.status, 401, "attempt {i}: {}", reply.text());
        assert!(reply.text().contains("incorrect"), "{}", reply.text());
        assert!(reply.set_cookie("permanence_session").is_none());
    }
    // The sixth attempt is refused even with the right password, and from a fresh client.
    let mut sam = office.client();
    let reply = sam.login("sam", PW);
    assert_eq!(reply.status, 429, "{}", reply.text());
    assert!(
        reply.text().contains("Trop de tentatives"),
        "{}",
        reply.text()
    );
    assert!(reply.set_cookie("permanence_session").is_none());
    assert!(sam.cookie("permanence_session").is_none());
    // The limit is on the name ("Sam" is the same name), not on everyone behind the address.
    assert_eq!(sam.login("Sam", PW).status, 429);
    office.logged_in("anne");
}

#[test]
fn the_session_cookie_is_httponly_strict_and_secure_behind_tls() {
    let office = Office::new();
    let mut plain = office.client();
    let reply = plain.login("sam", PW);
    assert_eq!(reply.status, 303);
    let cookie = reply
        .set_cookie("permanence_session")
        .expect("session cookie");
    let attrs: Vec<String> = cookie
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect();
    assert!(attrs.iter().any(|a| a == "httponly"), "{cookie}");
    assert!(attrs.iter().any(|a| a == "samesite=strict"), "{cookie}");
    assert!(attrs.iter().any(|a| a == "path=/"), "{cookie}");
    assert!(!attrs.iter().any(|a| a == "secure"), "plain HTTP: {cookie}");
    let token = cookie
        .split(';')
        .next()
        .and_then(|nv| nv.split_once('='))
        .map(|(_, v)| v)
        .expect("value");
    assert!(token.len() >= 32, "a long random token: {cookie}");
    let mut proxied = office.client();
    let reply = proxied.login_with("anne", PW, "/", &[("x-forwarded-proto", "https")]);
    assert_eq!(reply.status, 303);
    let cookie = reply
        .set_cookie("permanence_session")
        .expect("session cookie");
    let attrs: Vec<String> = cookie
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect();
    assert!(attrs.iter().any(|a| a == "secure"), "behind TLS: {cookie}");
    assert!(attrs.iter().any(|a| a == "httponly"), "{cookie}");
    assert!(attrs.iter().any(|a| a == "samesite=strict"), "{cookie}");
}

#[test]
fn logout_ends_the_session_on_the_server() {
    let office = Office::new();
    let mut sam = office.logged_in("sam");
    let token = sam.cookie("permanence_session").expect("session");
    let csrf = sam.csrf();
    let reply = sam.post_form("/logout", &[("csrf", &csrf)]);
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(reply.location(), "/login");
    assert!(
        sam.cookie("permanence_session").is_none(),
        "the browser drops the cookie"
    );
    // A copy of the old cookie (another tab, a stolen value) no longer works either.
    let mut copy = office.client();
    copy.put_cookie("permanence_session", &token);
    copy.get("/").assert_to_login("GET / with the old session");
    copy.post_form(
        &office.note_path(),
        &[("csrf", &csrf), ("value", "après déconnexion")],
    )
    .assert_to_login("POST with the old session");
    assert!(office.notes().is_empty());
}

#[test]
fn an_idle_session_expires() {
    let office = Office::with_config(|text| {
        assert!(text.contains("idle_minutes = 480"), "default [web] section");
        text.replace("idle_minutes = 480", "idle_minutes = 0")
    });
    let mut sam = office.logged_in("sam");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    sam.get("/").assert_to_login("GET / after the idle timeout");
    // The session is gone, not just refused once.
    sam.get("/cases")
        .assert_to_login("GET /cases after the idle timeout");
}

#[test]
fn pages_carry_a_strict_csp_and_no_inline_script() {
    let office = Office::new();
    let mut sam = office.logged_in("sam");
    for path in [
        "/".to_string(),
        format!("/case/{}", office.case),
        "/login".to_string(),
    ] {
        let reply = sam.get(&path);
        assert_eq!(reply.status, 200, "{path}");
        let csp = reply.header("content-security-policy");
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-eval"), "{path}: {csp}");
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(reply.header("x-frame-options"), "DENY", "{path}");
        assert_eq!(reply.header("cache-control"), "no-store", "{path}");
        let html = reply.text();
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script src=\"/static/").count(),
            "{path}: only our own script files"
        );
    }
    // Refusals and redirects carry them too.
    let mut anon = office.client();
    let reply = anon.get("/");
    assert_eq!(reply.status, 303);
    assert!(
        reply
            .header("content-security-policy")
            .contains("default-src 'none'")
    );
    let reply = anon.post_form("/login", &[("name", "sam")]);
    assert_eq!(reply.status, 403);
    assert_eq!(reply.header("x-frame-options"), "DENY");
}

#[test]
fn downloads_are_attachments_a_browser_will_not_render() {
    let office = Office::new();
    let eml = format!(
        "From: Jean Dupont <maire@mairie-vif.fr>\r\nTo: {OFFICE}\r\n\
         Message-ID: <att-1@mairie-vif.fr>\r\nDate: 03 Mar 2026 10:00:00 +0100\r\n\
         Subject: Compte rendu du conseil\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"sep\"\r\n\r\n\
         --sep\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Madame la Sénatrice,\r\nvoici le compte rendu.\r\nJean Dupont\r\n\
         --sep\r\nContent-Type: text/html; charset=utf-8; name=\"x.html\"\r\n\
         Content-Disposition: attachment; filename=\"x.html\"\r\n\r\n\
         <html><body><script>alert(document.cookie)</script></body></html>\r\n\
         --sep--\r\n"
    );
    ingest(&office.env, "attachment.eml", &eml);
    let id = office
        .env
        .export()
        .iter()
        .find(|m| m["message_id"] == "att-1@mairie-vif.fr")
        .and_then(|m| m["id"].as_i64())
        .expect("the message is stored");
    let mut rita = office.logged_in("rita");
    let part = rita.get(&format!("/message/{id}/part/0"));
    assert_eq!(part.status, 200, "{}", part.text());
    let disposition = part.header("content-disposition");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(disposition.contains("filename=\"x.html\""), "{disposition}");
    assert_eq!(part.header("content-type"), "application/octet-stream");
    assert_eq!(part.header("x-content-type-options"), "nosniff");
    assert!(
        part.text().contains("<script>alert"),
        "the attachment's bytes, as sent"
    );
    let raw = rita.get(&format!("/message/{id}/raw"));
    assert_eq!(raw.status, 200);
    assert_eq!(raw.body, eml.as_bytes(), "the original bytes");
    assert!(raw.header("content-disposition").starts_with("attachment"));
    assert_eq!(raw.header("content-type"), "application/octet-stream");
    assert_eq!(raw.header("x-content-type-options"), "nosniff");
    assert_eq!(rita.get(&format!("/message/{id}/part/1")).status, 404);
    // The message page lists the attachment but never inlines its script.
    let page = rita.get(&format!("/message/{id}"));
    assert_eq!(page.status, 200);
    assert!(page.text().contains("x.html"));
    assert!(!page.text().contains("<script>alert"), "{}", page.text());
    // Downloads need a session like every page.
    office
        .client()
        .get(&format!("/message/{id}/raw"))
        .assert_to_login("anonymous raw download");
}

#[test]
fn only_an_admin_manages_users() {
    let office = Office::new();
    let mut anne = office.logged_in("anne");
    let admin_page = anne.get("/admin");
    assert_eq!(admin_page.status, 200);
    let csrf = admin_page.csrf();
    let reply = anne.post_form(
        "/admin/users",
        &[
            ("csrf", &csrf),
            ("op", "add"),
            ("name", "nina"),
            ("role", "reader"),
            ("password", PW),
        ],
    );
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(reply.location(), "/admin");
    assert!(
        office
            .users()
            .contains(&("nina".to_string(), "reader".to_string())),
        "{:?}",
        office.users()
    );
    office.logged_in("nina");
    let mut sam = office.logged_in("sam");
    let csrf = sam.csrf();
    assert_eq!(sam.get("/admin").status, 403, "staff GET /admin");
    for form in [
        vec![
            ("op", "add"),
            ("name", "oscar"),
            ("role", "admin"),
            ("password", PW),
        ],
        vec![("op", "role"), ("name", "sam"), ("role", "admin")],
        vec![
            ("op", "passwd"),
            ("name", "anne"),
            ("password", "un-autre-mot-de-passe"),
        ],
        vec![("op", "remove"), ("name", "anne")],
    ] {
        let mut form = form;
        form.push(("csrf", &csrf));
        let reply = sam.post_form("/admin/users", &form);
        assert_eq!(reply.status, 403, "staff {form:?}: {}", reply.text());
    }
    let users = office.users();
    assert!(!users.iter().any(|(n, _)| n == "oscar"), "{users:?}");
    assert!(
        users.contains(&("sam".to_string(), "staff".to_string())),
        "{users:?}"
    );
    assert!(
        users.contains(&("anne".to_string(), "admin".to_string())),
        "{users:?}"
    );
    // anne's password is unchanged and her session still open.
    assert_eq!(anne.get("/admin").status, 200);
    office.logged_in("anne");
}

#[test]
fn login_next_only_leads_to_this_site() {
    let office = Office::new();
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "http:evil.example",
        "/\\evil.example/",
        "evil.example",
    ] {
        let mut client = office.client();
        let page = client.get(&format!("/login?next={}", urlencode(next)));
        assert_eq!(page.status, 200);
        assert!(
            !page.text().contains("evil.example"),
            "next={next:?} kept in the form"
        );
        let reply = client.login_with("sam", PW, next, &[]);
        assert_eq!(reply.status, 303, "next={next:?}");
        assert_eq!(reply.location(), "/", "next={next:?}");
    }
    // A local path is kept: back where the user was sent to log in from.
    let mut client = office.client();
    let target = format!("/case/{}", office.case);
    let next = client.get(&target).assert_to_login("GET case");
    let page = client.get(&format!("/login?next={next}"));
    assert!(
        page.text().contains(&format!("value=\"{target}\"")),
        "next in the form"
    );
    let reply = client.login_with("sam", PW, &target, &[]);
    assert_eq!(reply.location(), target);
}

/// Browsers drop tabs and newlines from a `Location` before resolving it, so `/<TAB>/evil`
/// is `//evil`: another host. `safe_next` (login) and the `back` check (case actions) look at
/// the raw string only.
#[test]
fn redirect_targets_with_a_tab_cannot_leave_the_site() {
    let office = Office::new();
    let mut escapes = Vec::new();
    for next in ["/\t/evil.example/", "/\t\\evil.example/"] {
        let mut client = office.client();
        let reply = client.login_with("sam", PW, next, &[]);
        assert_eq!(reply.status, 303, "next={next:?}");
        if !stays_on_site(reply.location()) {
            escapes.push(format!(
                "login next={next:?} -> Location {:?}",
                reply.location()
            ));
        }
    }
    let mut sam = office.logged_in("sam");
    let csrf = sam.csrf();
    let reply = sam.post_form(
        &office.note_path(),
        &[
            ("csrf", &csrf),
            ("value", "note"),
            ("back", "/\t/evil.example/"),
        ],
    );
    assert_eq!(reply.status, 303, "{}", reply.text());
    if !stays_on_site(reply.location()) {
        escapes.push(format!("case back -> Location {:?}", reply.location()));
    }
    assert!(escapes.is_empty(), "open redirects: {escapes:#?}");
}

/// The limiter checks the count before the password is verified and counts the failure
/// after, so attempts sent at the same time all pass the check.
#[test]
fn concurrent_wrong_passwords_are_limited_like_sequential_ones() {
    let office = Office::new();
    const ATTEMPTS: usize = 15;
    // Each attacker first fetches its own login form, then all post at once.
    let mut ready: Vec<(Client, String)> = (0..ATTEMPTS)
        .map(|_| {
            let mut client = office.client();
            let csrf = client.get("/login").csrf();
            (client, csrf)
        })
        .collect();
    let barrier = std::sync::Barrier::new(ATTEMPTS);
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = ready
            .iter_mut()
            .enumerate()
            .map(|(i, (client, csrf))| {
                let barrier = &barrier;
                s.spawn(move || {
                    let password = format!("essai-{i}-incorrect");
                    barrier.wait();
                    client
                        .post_form(
                            "/login",
                            &[
                                ("csrf", csrf.as_str()),
                                ("name", "sam"),
                                ("password", &password),
                            ],
                        )
                        .status
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("attempt thread"))
            .collect()
    });
    let checked = statuses.iter().filter(|&&s| s == 401).count();
    let limited = statuses.iter().filter(|&&s| s == 429).count();
    assert_eq!(checked + limited, ATTEMPTS, "{statuses:?}");
    assert!(
        checked <= 5,
        "max_failed_logins = 5, yet {checked} of {ATTEMPTS} simultaneous guesses had their \
         password checked: {statuses:?}"
    );
}

/// Percent-encodes a query value.
fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

// ---- case actions, search, sessions and bounds ----

/// A message from `from` to the office, with extra header lines (each ending in CRLF).
fn mail_from(from: &str, id: &str, day: u32, subject: &str, extra: &str, body: &str) -> String {
    format!(
        "From: {from}\r\nTo: {OFFICE}\r\nMessage-ID: <{id}>\r\n\
         Date: {day:02} Mar 2026 10:00:00 +0100\r\nSubject: {subject}\r\n{extra}MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

/// `case show ID --json`.
fn show_case(env: &TestEnv, id: i64) -> Value {
    serde_json::from_str(&env.ok(&["case", "show", &id.to_string(), "--json"]))
        .expect("case show JSON")
}

/// The case's history entries.
fn history(case: &Value) -> Vec<Value> {
    case["history"].as_array().expect("history").clone()
}

/// The last history entry with `action`, asserting it was done by `who`.
/// Asserts that the latest `action` entry of the case's history is by `who` and went from
/// `before` to `after`.
fn assert_entry(case: &Value, action: &str, who: &str, before: &str, after: &str) {
    let entry = last_entry(case, action, who);
    assert_eq!(
        (&entry["before"], &entry["after"]),
        (&before.into(), &after.into()),
        "{action}: {entry}"
    );
}

fn last_entry(case: &Value, action: &str, who: &str) -> Value {
    let entry = history(case)
        .into_iter()
        .rev()
        .find(|h| h["action"] == action)
        .unwrap_or_else(|| panic!("no {action:?} in the history: {case}"));
    assert_eq!(entry["who"], who, "{action}: {entry}");
    entry
}

/// The stored id and case of the message with Message-ID `message_id`.
fn stored(env: &TestEnv, message_id: &str) -> (i64, i64) {
    let export = env.export();
    let m = export
        .iter()
        .find(|m| m["message_id"] == message_id)
        .unwrap_or_else(|| panic!("{message_id} not stored"));
    (
        m["id"].as_i64().expect("id"),
        m["case_id"].as_i64().expect("case"),
    )
}

/// The message ids of a case, sorted.
fn message_ids(case: &Value) -> Vec<i64> {
    let mut ids: Vec<i64> = case["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .map(|m| m.as_i64().expect("message id"))
        .collect();
    ids.sort_unstable();
    ids
}

/// `triage --json` (which records a run, as the CLI always does), one object per line.
fn triage_queue(env: &TestEnv) -> Vec<Value> {
    env.ok(&["triage", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("triage JSON"))
        .collect()
}

impl Client {
    /// POSTs a case action with `fields` (the CSRF token is added) and returns the reply.
    pub(crate) fn act(&mut self, case: i64, action: &str, fields: &[(&str, &str)]) -> Reply {
        let csrf = self.csrf();
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        self.post_form(&format!("/case/{case}/{action}"), &form)
    }

    /// A case action that must succeed and lead back to the case.
    fn act_ok(&mut self, case: i64, action: &str, value: &str) {
        let reply = self.act(case, action, &[("value", value)]);
        assert_eq!(reply.status, 303, "{action} {value:?}: {}", reply.text());
        assert_eq!(reply.location(), format!("/case/{case}"), "{action}");
    }
}

#[test]
fn staff_actions_change_the_case_and_are_recorded_under_the_staff_name() {
    let office = Office::new();
    let env = &office.env;
    let id = office.case;
    let mut sam = office.logged_in("sam");

    sam.act_ok(id, "confirm", "");
    let case = show_case(env, id);
    assert_eq!(case["state"], "open");
    assert_entry(&case, "state", "sam", "proposed", "open");

    // Cases are assigned to users only (issue 13): thomas must exist.
    env.add_user("thomas", "staff", PW);
    sam.act_ok(id, "assign", "thomas");
    let case = show_case(env, id);
    assert_eq!(case["assignee"], "thomas");
    assert_entry(&case, "assign", "sam", "", "thomas");
    sam.act_ok(id, "assign", "-");
    let case = show_case(env, id);
    assert_eq!(case["assignee"], "", "« - » unassigns");
    assert_entry(&case, "assign", "sam", "thomas", "");

    sam.act_ok(id, "tag", "numerique");
    let case = show_case(env, id);
    assert!(
        case["themes"]
            .as_array()
            .expect("themes")
            .contains(&"numerique".into()),
        "{case}"
    );
    assert_eq!(last_entry(&case, "tag", "sam")["after"], "numerique");
    sam.act_ok(id, "untag", "numerique");
    let case = show_case(env, id);
    assert!(
        !case["themes"]
            .as_array()
            .expect("themes")
            .contains(&"numerique".into()),
        "{case}"
    );
    assert_eq!(last_entry(&case, "untag", "sam")["before"], "numerique");

    sam.act_ok(id, "priority", "high");
    let case = show_case(env, id);
    assert_eq!(case["priority"], "high");
    assert_eq!(last_entry(&case, "priority", "sam")["after"], "high");

    sam.act_ok(id, "due", "2026-12-01");
    let case = show_case(env, id);
    assert_eq!(case["due"], "2026-12-01");
    assert_entry(&case, "due", "sam", "", "2026-12-01");
    sam.act_ok(id, "due", "");
    let case = show_case(env, id);
    assert_eq!(case["due"], "", "an empty date clears it");
    assert_entry(&case, "due", "sam", "2026-12-01", "");

    sam.act_ok(id, "state", "waiting");
    let case = show_case(env, id);
    assert_eq!(case["state"], "waiting");
    assert_entry(&case, "state", "sam", "open", "waiting");

    // The official: a made-up id is refused and changes nothing; a real one is set.
    let mayor = env.import_mayors_and_get("38545");
    let official = mayor["id"].as_i64().expect("official id");
    let before = show_case(env, id);
    assert_ne!(
        before["official"]["id"], official,
        "not matched by the import alone"
    );
    let reply = sam.act(id, "official", &[("value", "987654321")]);
    assert_eq!(reply.status, 400, "{}", reply.text());
    assert!(reply.text().contains("987654321"), "{}", reply.text());
    let after = show_case(env, id);
    assert_eq!(after["official"], before["official"]);
    assert_eq!(history(&after).len(), history(&before).len(), "{after}");
    sam.act_ok(id, "official", &official.to_string());
    let case = show_case(env, id);
    assert_eq!(case["official"]["id"], official, "{case}");
    // The request took no index writer (issue 16): the re-matched mail is queued and the next
    // run (or the daemon's next commit) re-indexes it.
    let first = message_ids(&case)[0];
    let query = format!("official:{official}");
    assert!(
        !env.search(&[&query]).0.contains(&first),
        "indexed inside the request"
    );
    let maildir = env.path("empty-maildir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).expect("maildir");
    }
    env.ok(&["ingest", "--maildir", maildir.to_str().expect("path")]);
    assert!(
        env.search(&[&query]).0.contains(&first),
        "re-indexed by the next run"
    );
    assert_eq!(
        last_entry(&case, "official", "sam")["after"],
        format!("#{official}")
    );

    // An action the server does not know: 404, nothing recorded.
    let count = history(&case).len();
    let reply = sam.act(id, "frobnicate", &[("value", "x")]);
    assert_eq!(reply.status, 404, "{}", reply.text());
    assert_eq!(history(&show_case(env, id)).len(), count);

    // Dismissing another sender's mail (a thank-you, not a request): closed, and said so.
    ingest(
        env,
        "thanks.eml",
        &mail_from(
            "Marie Lefèvre <marie.lefevre@example.org>",
            "merci-1@example.org",
            4,
            "Merci",
            "",
            "Madame la Sénatrice,\r\nMerci pour votre visite au marché de Vif samedi.\r\nMarie Lefèvre",
        ),
    );
    let (_, other) = stored(env, "merci-1@example.org");
    assert_ne!(other, id);
    assert_ne!(show_case(env, other)["state"], "closed");
    sam.act_ok(other, "dismiss", "");
    let case = show_case(env, other);
    assert_eq!(case["state"], "closed", "{case}");
    last_entry(&case, "not_a_request", "sam");
    assert_eq!(last_entry(&case, "state", "sam")["after"], "closed");
}

#[test]
fn staff_split_and_merge_cases_through_the_web() {
    let office = Office::new();
    let env = &office.env;
    // A thread of three messages from Meylan's town hall: the request and two follow-ups.
    let from = "Claire Garnier <c.garnier@ville-meylan.fr>";
    for (i, (id, extra, body)) in [
        ("t1@ville-meylan.fr", "", "Madame la Sénatrice,\r\nUne classe de l'école des Béalières va fermer."),
        (
            "t2@ville-meylan.fr",
            "In-Reply-To: <t1@ville-meylan.fr>\r\nReferences: <t1@ville-meylan.fr>\r\n",
            "Les parents d'élèves se mobilisent.",
        ),
        (
            "t3@ville-meylan.fr",
            "In-Reply-To: <t2@ville-meylan.fr>\r\nReferences: <t1@ville-meylan.fr> <t2@ville-meylan.fr>\r\n",
            "Le rectorat confirme la fermeture.",
        ),
    ]
    .iter()
    .enumerate()
    {
        let subject = if i == 0 { "Carte scolaire" } else { "RE: Carte scolaire" };
        ingest(
            env,
            &format!("t{i}.eml"),
            &mail_from(from, id, 3 + i as u32, subject, extra, body),
        );
    }
    let (m1, thread) = stored(env, "t1@ville-meylan.fr");
    let (m2, c2) = stored(env, "t2@ville-meylan.fr");
    let (m3, c3) = stored(env, "t3@ville-meylan.fr");
    assert_eq!((c2, c3), (thread, thread), "one thread, one case");
    assert_ne!(thread, office.case);
    assert_eq!(message_ids(&show_case(env, thread)), [m1, m2, m3]);

    let mut sam = office.logged_in("sam");
    // Split the two follow-ups into a case of their own.
    let m2s = m2.to_string();
    let m3s = m3.to_string();
    let reply = sam.act(thread, "split", &[("message", &m2s), ("message", &m3s)]);
    assert_eq!(reply.status, 303, "{}", reply.text());
    let new: i64 = reply
        .location()
        .strip_prefix("/case/")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("split leads to the new case: {:?}", reply.location()));
    assert!(new != thread && new != office.case, "{new}");
    let split = show_case(env, new);
    assert_eq!(message_ids(&split), [m2, m3], "{split}");
    assert_eq!(message_ids(&show_case(env, thread)), [m1]);
    assert_eq!(stored(env, "t3@ville-meylan.fr").1, new);
    last_entry(&split, "split", "sam");
    last_entry(&show_case(env, thread), "split", "sam");

    // Merge the new case into the mayor of Vif's: it points there and its messages moved.
    let target = office.case.to_string();
    let reply = sam.act(new, "merge", &[("value", &target)]);
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(reply.location(), format!("/case/{}", office.case));
    let gone = show_case(env, new);
    assert_eq!(gone["merged_into"], office.case, "{gone}");
    let into = show_case(env, office.case);
    let ids = message_ids(&into);
    assert!(ids.contains(&m2) && ids.contains(&m3), "{into}");
    assert_eq!(
        ids.len(),
        3,
        "the request and the two moved messages: {into}"
    );
    last_entry(&into, "merge", "sam");

    // A merged case is read-only: refused with the reason, nothing recorded.
    let count = history(&gone).len();
    let reply = sam.act(new, "note", &[("value", "trop tard")]);
    assert_eq!(reply.status, 400, "{}", reply.text());
    assert!(
        reply
            .text()
            .contains(&format!("fusionné dans le dossier n° {}", office.case)),
        "{}",
        reply.text()
    );
    let gone = show_case(env, new);
    assert_eq!(history(&gone).len(), count, "{gone}");
    assert!(gone["notes"].as_array().expect("notes").is_empty());
}

/// Undoes the HTML escaping of an attribute value as askama writes it.
fn unescape(text: &str) -> String {
    text.replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
}

/// One value of a facet as the search page lists it.
#[derive(Debug)]
struct FacetLink {
    href: String,
    active: bool,
    count: u64,
}

/// The facet sections of a search page: title → its links, in page order.
fn facets(html: &str) -> Vec<(String, Vec<FacetLink>)> {
    let start = html
        .find("<aside class=\"facets\"")
        .unwrap_or_else(|| panic!("no facets: {html}"));
    let end = start + html[start..].find("</aside>").expect("</aside>");
    let aside = &html[start..end];
    let mut out = Vec::new();
    for section in aside.split("<h2>").skip(1) {
        let title = section[..section.find("</h2>").expect("</h2>")].to_string();
        let mut links = Vec::new();
        for item in section.split("<li>").skip(1) {
            let href_at = item.find("href=\"").expect("href") + "href=\"".len();
            let href_len = item[href_at..].find('"').expect("closing quote");
            let href = unescape(&item[href_at..href_at + href_len]);
            let tag_end = item.find('>').expect("end of <a>");
            let active = item[..tag_end].contains("class=\"active\"");
            let n_at = item.find("<span class=\"n\">").expect("count") + "<span class=\"n\">".len();
            let n_len = item[n_at..].find('<').expect("end of count");
            let count = item[n_at..n_at + n_len]
                .trim()
                .parse()
                .unwrap_or_else(|_| panic!("count in {item}"));
            links.push(FacetLink {
                href,
                active,
                count,
            });
        }
        out.push((title, links));
    }
    out
}

/// The `id="total">N message(s)` of a search page.
fn total(html: &str) -> u64 {
    let marker = "id=\"total\">";
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("no total: {html}"))
        + marker.len();
    let digits: String = html[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("total: {}", &html[at..at + 40]))
}

#[test]
fn each_facet_count_is_the_total_its_link_finds_and_an_active_facet_link_removes_it() {
    let env = TestEnv::new();
    env.ok(&["demo", "--no-serve"]);
    env.add_user("sam", "staff", PW);
    let server = WebServer::start(&env);
    let mut sam = Client::logged_in(&server, "sam");
    let start = "/search?q=mairie";
    let page = sam.get(start);
    assert_eq!(page.status, 200, "{}", page.text());
    let all = total(&page.text());
    let sections = facets(&page.text());
    let titles: Vec<&str> = sections.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        ["Élu", "Commune", "Thème", "Nature", "Mois"],
        "the demo has them all"
    );
    for (title, links) in &sections {
        let first = links.first().unwrap_or_else(|| panic!("{title}: no value"));
        assert!(!first.active, "{title}: nothing chosen yet");
        assert!(
            first.href.starts_with("/search?q=mairie&") && first.href.len() > start.len() + 1,
            "{title}: {first:?}"
        );
        assert!(first.count <= all, "{title}: {first:?} of {all}");
        let narrowed = sam.get(&first.href);
        assert_eq!(narrowed.status, 200, "{title}: {}", first.href);
        let html = narrowed.text();
        assert_eq!(
            total(&html),
            first.count,
            "{title}: the link {} promised {} messages",
            first.href,
            first.count
        );
        // The chosen value is shown active; its link takes the parameter away again.
        let again = facets(&html);
        let active: Vec<&FacetLink> = again
            .iter()
            .find(|(t, _)| t == title)
            .unwrap_or_else(|| panic!("{title}: section gone after choosing it"))
            .1
            .iter()
            .filter(|l| l.active)
            .collect();
        assert_eq!(active.len(), 1, "{title}: {active:?}");
        assert_eq!(active[0].count, first.count, "{title}");
        assert_eq!(
            active[0].href, start,
            "{title}: the active link removes the facet"
        );
        let back = sam.get(&active[0].href);
        assert_eq!(back.status, 200);
        assert_eq!(
            total(&back.text()),
            all,
            "{title}: back to the whole search"
        );
    }
}

#[test]
fn out_of_range_search_pages_are_refused_without_harming_the_server() {
    let office = Office::new();
    let mut sam = office.logged_in("sam");
    for page in [
        "100000000000",
        "18446744073709551615",
        "-1",
        "99999999999999999999",
    ] {
        let path = format!("/search?q=mairie&page={page}");
        match sam.try_send(&path, &[], None) {
            Ok(reply) => assert!(
                reply.status == 400 || reply.status == 200,
                "page={page}: {} {}",
                reply.status,
                reply.text()
            ),
            Err(e) => panic!("page={page}: no response: {e}"),
        }
        let home = sam
            .try_send("/", &[], None)
            .unwrap_or_else(|e| panic!("after page={page}, the server is gone: {e}"));
        assert_eq!(home.status, 200, "after page={page}");
    }
}

#[test]
fn a_password_change_ends_the_users_sessions() {
    let office = Office::new();
    let mut sam = office.logged_in("sam");
    assert_eq!(sam.get("/").status, 200);
    let new_password = "un-tout-nouveau-mot-de-passe";
    office.env.ok_with_stdin(
        &["user", "passwd", "sam"],
        format!("{new_password}\n").as_bytes(),
    );
    sam.get("/")
        .assert_to_login("GET / with the session from before");
    let reply = office.client().login("sam", PW);
    assert_eq!(reply.status, 401, "the old password: {}", reply.text());
    let mut again = office.client();
    let reply = again.login("sam", new_password);
    assert_eq!(reply.status, 303, "the new password: {}", reply.text());
    assert_eq!(again.get("/").status, 200);
}

#[test]
fn a_huge_triage_mark_does_not_hide_later_mail() {
    let office = Office::new();
    let env = &office.env;
    env.ok(&["case", "confirm", &office.case.to_string()]);
    assert_eq!(show_case(env, office.case)["state"], "open");
    let mut sam = office.logged_in("sam");
    let csrf = sam.csrf();
    let reply = sam.post_form(
        "/triage/seen",
        &[("csrf", &csrf), ("through", &i64::MAX.to_string())],
    );
    assert_eq!(reply.status, 303, "{}", reply.text());
    ingest(
        env,
        "reply.eml",
        &mail_from(
            "Jean Dupont <maire@mairie-vif.fr>",
            "req-2@mairie-vif.fr",
            9,
            "RE: Pont de la Gresse",
            "In-Reply-To: <req-1@mairie-vif.fr>\r\nReferences: <req-1@mairie-vif.fr>\r\n",
            "Le devis est arrivé.",
        ),
    );
    assert_eq!(
        stored(env, "req-2@mairie-vif.fr").1,
        office.case,
        "the reply joins the case"
    );
    assert_eq!(show_case(env, office.case)["state"], "open");
    let queue = triage_queue(env);
    let item = queue
        .iter()
        .find(|i| i["id"] == office.case)
        .unwrap_or_else(|| panic!("the case with new mail is not in the queue: {queue:?}"));
    assert_eq!(item["reason"], "new_mail", "{item}");
}

/// The data directory's SQLite files (database and write-ahead log), in bytes.
fn database_size(env: &TestEnv) -> u64 {
    ["permanence.sqlite3", "permanence.sqlite3-wal"]
        .iter()
        .map(|name| {
            std::fs::metadata(env.data().join(name))
                .map(|m| m.len())
                .unwrap_or(0)
        })
        .sum()
}

#[test]
fn a_huge_login_name_is_refused_without_filling_the_database() {
    let office = Office::new();
    assert!(
        office.env.data().join("permanence.sqlite3").exists(),
        "the database file name"
    );
    let before = database_size(&office.env);
    let long = "x".repeat(200_000);
    for i in 0..20 {
        let name = format!("{i}{long}");
        let mut client = office.client();
        let reply = client.login(&name, PW);
        assert!(
            [400, 401, 429].contains(&reply.status),
            "attempt {i}: {}",
            reply.status
        );
        assert!(client.cookie("permanence_session").is_none());
    }
    let after = database_size(&office.env);
    assert!(
        after < before + 2_000_000,
        "20 logins with a 200 KB name grew the database from {before} to {after} bytes"
    );
    // The server still serves real users.
    office.logged_in("sam");
}

/// The message page explains the filing in French (issue 16: one `explain::Explanation`,
/// rendered in English by the CLI and in French by the page), primary theme first.
#[test]
fn the_message_page_explains_the_filing_in_french() {
    let office = Office::new();
    let id = office.env.export()[0]["id"].as_i64().expect("message id");
    let mut sam = office.logged_in("sam");
    let page = sam.get(&format!("/message/{id}")).text();
    let (_, explain) = page
        .split_once("id=\"explain\"")
        .unwrap_or_else(|| panic!("no explanation:\n{page}"));
    for french in [
        "Expéditeur reconnu",
        "Communes :",
        "Thèmes (le principal d",
        "Dossier :",
    ] {
        assert!(explain.contains(french), "{french}: {explain}");
    }
    for english in ["Official:", "Themes:", "Case:", "at byte", "because:"] {
        assert!(!explain.contains(english), "{english}: {explain}");
    }
    let cli = office.env.ok(&["explain", &id.to_string()]);
    assert!(
        cli.contains("Official:") && cli.contains("Themes:"),
        "{cli}"
    );
}

/// Pages read on read-only connections and queue their access-log entries for the recorder
/// thread (issue 16): every read of someone's mail through the web is in the access log, under
/// the reader's name, even while another process holds the database's write lock.
#[test]
fn web_reads_are_in_the_access_log_even_while_the_database_is_locked() {
    let office = Office::new();
    let mut rita = office.logged_in("rita");
    // Another process takes the write lock, as the daemon's batch does.
    let db = rusqlite::Connection::open(office.env.data().join("permanence.sqlite3")).unwrap();
    db.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let page = rita.get(&format!("/case/{}", office.case));
    assert_eq!(page.status, 200, "{}", page.text());
    let search = rita.get("/search?q=pont");
    assert_eq!(search.status, 200);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "pages waited for the write lock: {:?}",
        started.elapsed()
    );
    db.execute_batch("COMMIT").unwrap();
    let mut entries: Vec<Value> = Vec::new();
    for _ in 0..100 {
        entries = office
            .env
            .ok(&["access-log", "--json"])
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        if entries.len() >= 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let find = |action: &str| {
        entries
            .iter()
            .find(|e| e["action"] == action && e["who"] == "rita")
            .unwrap_or_else(|| panic!("no {action} by rita: {entries:?}"))
    };
    assert_eq!(find("case")["target"], format!("#{}", office.case));
    assert_eq!(
        find("case")["persons"],
        serde_json::json!(["maire@mairie-vif.fr"])
    );
    assert_eq!(find("search")["target"], "pont");
}

/// One definition of an official's mail (issue 16): the official's page lists the same
/// messages as `officials show`, and the right of access (`person export ID`) covers their own
/// mail among them.
#[test]
fn the_official_page_and_officials_show_list_the_same_mail() {
    let office = Office::new();
    let env = &office.env;
    ingest(
        env,
        "second.eml",
        &mail(
            "req-2@mairie-vif.fr",
            "Pont de la Gresse : relance",
            "Madame la Sénatrice,\r\nJe me permets de vous relancer.\r\nJean Dupont\r\nMaire de Vif",
        ),
    );
    // The office's answer, which only the page listed before issue 16.
    ingest(
        env,
        "answer.eml",
        &format!(
            "From: {OFFICE}\r\nTo: Jean Dupont <maire@mairie-vif.fr>\r\nMessage-ID: <ans-1@senateur-exemple.fr>\r\n\
             In-Reply-To: <req-1@mairie-vif.fr>\r\nDate: 04 Mar 2026 10:00:00 +0100\r\nSubject: Re: Pont de la Gresse\r\n\
             MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMonsieur le Maire, nous saisissons la préfecture.\r\n"
        ),
    );
    let mayors =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rne/elus-maires-mai.csv");
    env.ok(&["officials", "import", mayors.to_str().unwrap()]);
    // The mayor of Vif, confirmed as the correspondent: their address is learned.
    let official = env
        .ok(&["officials", "list", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|p| {
            p["mandates"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["code"] == "38545" && m["kind"] == "mai")
        })
        .expect("the mayor of Vif")["id"]
        .as_i64()
        .unwrap();
    env.ok(&[
        "case",
        "confirm",
        &office.case.to_string(),
        "--official",
        &official.to_string(),
    ]);
    let mut sam = office.logged_in("sam");
    let page = sam.get(&format!("/official/{official}")).text();
    let links = |text: &str, pattern: &str| -> std::collections::BTreeSet<i64> {
        regex::Regex::new(pattern)
            .unwrap()
            .captures_iter(text)
            .map(|c| c[1].parse().unwrap())
            .collect()
    };
    let on_page = links(&page, r#"href="/message/(\d+)""#);
    let shown = env.ok(&["officials", "show", &official.to_string()]);
    let in_cli = links(&shown, r"(?m)^  #(\d+) ");
    assert_eq!(on_page.len(), 3, "{page}\n{shown}");
    assert_eq!(on_page, in_cli, "{shown}");
    let out = env.path("access");
    env.ok(&[
        "person",
        "export",
        &official.to_string(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("person.json")).unwrap()).unwrap();
    let exported: std::collections::BTreeSet<i64> = index["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert!(exported.is_subset(&on_page), "{exported:?} {on_page:?}");
}

/// Issue 17: times in Paris time written the French way (a summer and a winter message), the
/// case history in French sentences, and addresses that do not parse answered in French.
#[test]
fn pages_show_paris_time_french_history_and_french_errors() {
    let office = Office::new();
    let env = &office.env;
    // Sent at 08:07 in Paris in summer (+0200) and in winter (+0100).
    for (id, date) in [
        ("ete-1@mairie-vif.fr", "Mon, 27 Apr 2026 08:07:00 +0200"),
        ("hiver-1@mairie-vif.fr", "Mon, 12 Jan 2026 07:07:00 +0000"),
    ] {
        env.ingest_bytes(
            &format!("{id}.eml"),
            format!(
                "From: Jean Dupont <maire@mairie-vif.fr>\r\nTo: {OFFICE}\r\nMessage-ID: <{id}>\r\n\
                 Date: {date}\r\nSubject: Horaires {id}\r\nMIME-Version: 1.0\r\n\
                 Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour.\r\n"
            ),
        );
    }
    let mut sam = office.logged_in("sam");
    let export = env.export();
    for (id, shown) in [
        ("ete-1@mairie-vif.fr", "lun. 27 avr. 2026 à 08:07"),
        ("hiver-1@mairie-vif.fr", "lun. 12 janv. 2026 à 08:07"),
    ] {
        let m = export.iter().find(|m| m["message_id"] == id).unwrap();
        let page = sam.get(&format!("/message/{}", m["id"])).text();
        assert!(page.contains(shown), "{shown} not in {page}");
        let case = sam.get(&format!("/case/{}", m["case_id"])).text();
        assert!(case.contains(shown), "{shown} not on the case page");
    }
    // The history says what happened in French.
    sam.act_ok(office.case, "confirm", "");
    sam.act_ok(office.case, "priority", "urgent");
    let case = sam.get(&format!("/case/{}", office.case)).text();
    for french in [
        "État : à confirmer → ouvert",
        "Priorité : normale → urgente",
        "Permanence (automatique)",
    ] {
        assert!(case.contains(french), "{french} not in the history");
    }
    for english in ["proposed → open", "merged in", "not_a_request", "+00:00"] {
        assert!(!case.contains(english), "{english} on the case page");
    }
    // Addresses that do not parse.
    let reply = sam.get("/case/abc");
    assert_eq!(reply.status, 404);
    assert!(reply.text().contains("numéro invalide"), "{}", reply.text());
    assert!(!reply.text().contains("Cannot parse"));
    let reply = sam.get("/cases?page=abc");
    assert_eq!(reply.status, 400);
    assert!(reply.text().contains("Paramètre"), "{}", reply.text());
}

/// A staff action the case cannot take is refused in French with 400 (issue 16: the domain's
/// `cases::Refusal`, which the command line says in English).
#[test]
fn a_refused_case_action_is_said_in_french() {
    let office = Office::new();
    let mut sam = office.logged_in("sam");
    let reply = sam.act(office.case, "state", &[("value", "proposed")]);
    assert_eq!(reply.status, 400, "{}", reply.text());
    assert!(
        reply.text().contains("ne peut pas revenir"),
        "{}",
        reply.text()
    );
    let reply = sam.act(office.case, "assign", &[("value", "personne")]);
    assert_eq!(reply.status, 400, "{}", reply.text());
    assert!(
        reply.text().contains("Aucun utilisateur"),
        "{}",
        reply.text()
    );
    assert!(!reply.text().contains("no user named"), "{}", reply.text());
    let out = office.env.run(&[
        "case",
        "--as",
        "sam",
        "state",
        &office.case.to_string(),
        "proposed",
    ]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && said.contains("a case cannot go back to proposed"),
        "{said}"
    );
}
