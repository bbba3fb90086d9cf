//! Logging in and out. A login checks the password (argon2, on the blocking pool, with no lock
//! held) and opens a session (`users::session::open`); the cookie is HttpOnly, SameSite=Strict
//! and Secure behind TLS. Failed logins slow down further attempts, per name and address
//! together, per name and per address, with delays that double rather than a lock
//! ([`Limiter`]). Logins, failures and logouts go to the audit log.

use std::collections::HashMap;
use std::net::SocketAddr;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, State};

use super::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;

use super::auth::{LOGIN_COOKIE, SESSION_COOKIE, Viewer, random_token};
use super::{AppState, WebError};
use crate::store::now;
use crate::users;

/// Failed logins are counted over this window (seconds).
const WINDOW: i64 = 15 * 60;

/// Failed logins over the last 15 minutes, counted three ways, each with a number of free
/// failures and then a delay that doubles with every further failure (never a hard lock):
///
/// | key | free failures | first delay | longest delay |
/// |---|---|---|---|
/// | name and address together | `max` | 30 s | 15 min |
/// | name, from any address | `4 × max` | 5 s | 60 s |
/// | address, for any name | `10 × max` | 5 s | 60 s |
///
/// Someone guessing a password from one address is slowed down to a few guesses an hour, while
/// the account's owner, from another address, waits a minute at most; an office behind one
/// proxy address is not locked out by one person's typos; guesses spread over many addresses
/// are held to one a minute per name.
pub struct Limiter {
    max: u32,
    failures: HashMap<String, Vec<i64>>,
}

/// One way of counting failures (see [`Limiter`]).
struct Key {
    key: String,
    free: u32,
    first_delay: i64,
    longest_delay: i64,
}

impl Limiter {
    /// `max` free failures for a name from one address (see the table above).
    pub fn new(max: u32) -> Limiter {
        Limiter {
            max: max.max(1),
            failures: HashMap::new(),
        }
    }

    fn keys(&self, name: &str, ip: &str) -> [Key; 3] {
        let name = name.to_lowercase();
        [
            Key {
                key: format!("pair:{ip} {name}"),
                free: self.max,
                first_delay: 30,
                longest_delay: WINDOW,
            },
            Key {
                key: format!("user:{name}"),
                free: self.max.saturating_mul(4),
                first_delay: 5,
                longest_delay: 60,
            },
            Key {
                key: format!("ip:{ip}"),
                free: self.max.saturating_mul(10),
                first_delay: 5,
                longest_delay: 60,
            },
        ]
    }

    /// Seconds to wait before `name` may try again from `ip`, when any key is in its delay.
    pub fn blocked(&mut self, name: &str, ip: &str, at: i64) -> Option<i64> {
        let mut wait = None;
        for key in self.keys(name, ip) {
            let Some(times) = self.failures.get_mut(&key.key) else {
                continue;
            };
            times.retain(|t| at - t < WINDOW);
            let count = times.len() as u32;
            if count < key.free {
                continue;
            }
            let doublings = (count - key.free).min(20);
            let delay = key
                .first_delay
                .saturating_mul(1 << doublings)
                .min(key.longest_delay);
            let last = times.iter().copied().max().unwrap_or(at);
            let left = last + delay - at;
            if left > 0 {
                wait = Some(wait.unwrap_or(0).max(left));
            }
        }
        wait
    }

    /// Starts a login attempt: refused (seconds to wait) while a delay runs, else counted as a
    /// failure right away, under the same lock, so that attempts sent at the same moment
    /// cannot all pass the check before any of them is counted. [`Limiter::succeeded`] takes
    /// it back.
    pub fn attempt(&mut self, name: &str, ip: &str, at: i64) -> Option<i64> {
        if let Some(wait) = self.blocked(name, ip, at) {
            return Some(wait);
        }
        self.fail(name, ip, at);
        None
    }

    /// Counts a failure.
    pub fn fail(&mut self, name: &str, ip: &str, at: i64) {
        for key in self.keys(name, ip) {
            self.failures.entry(key.key).or_default().push(at);
        }
        // Forget stale entries so that the map does not grow without bound.
        if self.failures.len() > 10_000 {
            self.failures
                .retain(|_, times| times.iter().any(|t| at - t < WINDOW));
        }
    }

    /// A successful login (started at `at`): the failures of this name from this address are
    /// forgotten, and the attempt no longer counts against the name or the address.
    pub fn succeeded(&mut self, name: &str, ip: &str, at: i64) {
        let [pair, rest @ ..] = self.keys(name, ip);
        self.failures.remove(&pair.key);
        for key in rest {
            if let Some(times) = self.failures.get_mut(&key.key)
                && let Some(pos) = times.iter().rposition(|t| *t == at)
            {
                times.remove(pos);
            }
        }
    }
}

/// "30 secondes", "2 minutes": how long to wait, for the login page.
fn wait_text(seconds: i64) -> String {
    if seconds < 60 {
        format!("{} seconde(s)", seconds.max(1))
    } else {
        format!("{} minute(s)", (seconds + 59) / 60)
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    csrf: String,
    next: String,
    error: String,
}

/// `?next=` of the login page.
#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

fn safe_next(next: &str) -> String {
    super::local_path(next)
}

fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

fn login_form(
    state: &AppState,
    headers: &HeaderMap,
    jar: CookieJar,
    next: &str,
    error: &str,
    status: StatusCode,
) -> Result<Response, WebError> {
    let csrf = random_token()?;
    let cookie = Cookie::build((LOGIN_COOKIE, csrf.clone()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure(state, headers))
        .path("/login");
    let page = LoginPage {
        csrf,
        next: safe_next(next),
        error: error.to_string(),
    };
    Ok((status, jar.add(cookie), Html(page.render()?)).into_response())
}

/// `GET /login`
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Query(q): Query<NextQuery>,
) -> Result<Response, WebError> {
    login_form(&state, &headers, jar, &q.next, "", StatusCode::OK)
}

/// The login form.
#[derive(Deserialize)]
pub struct LoginForm {
    name: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// The client's address: the peer, or, with `[web] trust_forwarded_for`, the address the
/// reverse proxy in front appended to `X-Forwarded-For` (otherwise every user would share the
/// proxy's address, and its failed-login limit).
fn client_address(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> String {
    if state.config.trust_forwarded_for
        && let Some(last) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty() && v.len() <= 64)
    {
        return match last.parse::<std::net::IpAddr>() {
            Ok(ip) => client_key(ip).to_string(),
            Err(_) => last.to_string(),
        };
    }
    client_key(peer.ip()).to_string()
}

/// The address a client is counted under: an IPv4 address as it is, an IPv6 address as its
/// /64 network (one subscriber's whole allocation: otherwise rotating addresses within it would
/// make every attempt look new).
pub fn client_key(ip: std::net::IpAddr) -> std::net::IpAddr {
    match ip {
        std::net::IpAddr::V4(_) => ip,
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => std::net::IpAddr::V4(v4),
            None => {
                let mut s = v6.segments();
                s[4..].fill(0);
                std::net::IpAddr::V6(std::net::Ipv6Addr::from(s))
            }
        },
    }
}

/// `POST /login`
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let ip = client_address(&state, &headers, peer);
    let name = form.name.trim().to_string();
    let wrong = "Identifiant ou mot de passe incorrect.";
    // Nothing longer than a valid name goes to the limiter or the audit log.
    if name.is_empty() || name.chars().count() > users::MAX_NAME_CHARS {
        return login_form(
            &state,
            &headers,
            jar,
            &form.next,
            wrong,
            StatusCode::UNAUTHORIZED,
        );
    }
    let at = now();
    // Counted before the password is checked, so simultaneous attempts cannot all pass.
    let wait = state
        .limiter
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .attempt(&name, &ip, at);
    if let Some(wait) = wait {
        tracing::warn!(user = %name, address = %ip, "login refused: too many failed attempts");
        return login_form(
            &state,
            &headers,
            jar,
            &form.next,
            &format!("Trop de tentatives : réessayez dans {}.", wait_text(wait)),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let who = name.clone();
    let found = state
        .read(move |conn| Ok(users::credentials(conn, &who)?))
        .await?;
    // argon2 on the blocking pool, without holding the data directory.
    let password = form.password;
    let user = tokio::task::spawn_blocking(move || users::check(found, &password))
        .await
        .map_err(|e| WebError::Internal(anyhow::anyhow!("password check failed: {e}")))?;
    let (who, from) = (name.clone(), ip.clone());
    let session = state
        .write(move |ctx| {
            let conn = ctx.store.conn();
            let Some(user) = user else {
                users::audit(conn, &who, "login-failed", &from, "")?;
                return Ok(None);
            };
            let (token, _) = users::session::open(conn, user.id, &from, now())?;
            users::audit(conn, &user.name, "login", &from, "")?;
            Ok(Some(token))
        })
        .await?;
    match session {
        Some(token) => {
            state
                .limiter
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .succeeded(&name, &ip, at);
            let cookie = Cookie::build((SESSION_COOKIE, token))
                .http_only(true)
                .same_site(SameSite::Strict)
                .secure(secure(&state, &headers))
                .path("/");
            let jar = jar
                .add(cookie)
                .remove(Cookie::build(LOGIN_COOKIE).path("/login"));
            Ok((jar, Redirect::to(&safe_next(&form.next))).into_response())
        }
        None => login_form(
            &state,
            &headers,
            jar,
            &form.next,
            wrong,
            StatusCode::UNAUTHORIZED,
        ),
    }
}

/// `POST /logout`
pub async fn logout(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
) -> Result<Response, WebError> {
    let token = jar
        .get(SESSION_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    state
        .write(move |ctx| {
            let conn = ctx.store.conn();
            users::session::end(conn, &users::session::token_hash(&token))?;
            users::audit(conn, &viewer.name, "logout", "", "")?;
            Ok(())
        })
        .await?;
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limiter_delays_double_per_name_and_address_and_never_lock_the_owner_out() {
        let mut l = Limiter::new(3);
        for i in 0..3 {
            assert_eq!(l.attempt("alice", "10.0.0.1", 1000 + i), None);
        }
        // Three free failures, then 30 s after the last one, then 60 s, 120 s…
        assert_eq!(l.blocked("Alice", "10.0.0.1", 1002), Some(30));
        assert_eq!(l.blocked("alice", "10.0.0.1", 1031), Some(1));
        assert_eq!(l.attempt("alice", "10.0.0.1", 1032), None);
        assert_eq!(l.blocked("alice", "10.0.0.1", 1032), Some(60));
        assert_eq!(l.attempt("alice", "10.0.0.1", 1092), None);
        assert_eq!(l.blocked("alice", "10.0.0.1", 1092), Some(120));
        // The owner, from another address, is not held up (5 < 4 × 3 name failures).
        assert_eq!(l.blocked("alice", "10.0.0.2", 1093), None);
        // Another name from the same address is not either.
        assert_eq!(l.blocked("bob", "10.0.0.1", 1093), None);
        // The window forgets.
        assert_eq!(l.blocked("alice", "10.0.0.1", 1092 + WINDOW), None);
        // Guesses for one name spread over many addresses: beyond 4 × 3, a minute at most.
        let mut l = Limiter::new(3);
        for i in 0..12 {
            assert_eq!(l.attempt("carol", &format!("10.1.0.{i}"), 5000), None);
        }
        let wait = l.blocked("carol", "10.9.9.9", 5000).expect("name slowed");
        assert!((1..=60).contains(&wait), "{wait}");
        for i in 12..40 {
            l.fail("carol", &format!("10.1.0.{i}"), 5000);
        }
        assert_eq!(
            l.blocked("carol", "10.9.9.9", 5000),
            Some(60),
            "capped at a minute"
        );
        // One address, many names (an office behind a proxy): 10 × 3 free, then a minute at most.
        let mut l = Limiter::new(3);
        for i in 0..30 {
            l.fail(&format!("u{i}"), "10.0.0.9", 7000);
        }
        assert_eq!(l.blocked("fresh", "10.0.0.9", 7000), Some(5));
        // A success forgets the pair's failures.
        let mut l = Limiter::new(3);
        for i in 0..3 {
            l.fail("dan", "10.0.0.4", 8000 + i);
        }
        l.succeeded("dan", "10.0.0.4", 8002);
        assert_eq!(l.blocked("dan", "10.0.0.4", 8003), None);
        // attempt() counts before the password is checked: three at once, the fourth waits.
        let mut l = Limiter::new(3);
        for _ in 0..3 {
            assert_eq!(l.attempt("bob", "10.0.0.5", 2000), None);
        }
        assert!(l.attempt("bob", "10.0.0.5", 2000).is_some());
        assert_eq!(wait_text(30), "30 seconde(s)");
        assert_eq!(wait_text(61), "2 minute(s)");
    }

    #[test]
    fn ipv6_clients_count_as_their_slash_64() {
        let a: std::net::IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: std::net::IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        let c: std::net::IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        let mapped: std::net::IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(client_key(mapped).to_string(), "192.0.2.7");
        let v4: std::net::IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(client_key(v4), v4);
    }

    #[test]
    fn next_must_be_a_local_path() {
        assert_eq!(safe_next("/case/3"), "/case/3");
        assert_eq!(safe_next("//evil.example/x"), "/");
        assert_eq!(safe_next("https://evil.example/"), "/");
        assert_eq!(safe_next("/\\evil"), "/");
        assert_eq!(safe_next("/\t/evil.example/"), "/");
        assert_eq!(safe_next("/\n/evil.example/"), "/");
    }
}
