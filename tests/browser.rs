//! End-to-end tests of the web interface in a real browser: Debian's headless Chromium driven
//! through ChromeDriver (WebDriver) with fantoccini. They need `chromium` and `chromium-driver`
//! (`.ci/run` installs them) and fail, never skip, when they are missing. Screenshots of each
//! step are saved under `target/screenshots/` as test artefacts.
//!
//! What they show: a staff member logs in, confirms proposed cases from the triage queue (a
//! click and a keyboard shortcut, the list keeping its place), narrows a search with a facet,
//! opens an official's timeline, adds a note to a case and logs out; and a message whose HTML
//! carries scripts, event handlers, `javascript:` links and remote resources runs no script
//! and makes the browser request nothing from anywhere else.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::util::{TestEnv, WebServer};

const PASSWORD: &str = "mot de passe de test";

/// A ChromeDriver process and a WebDriver session on a fresh headless Chromium profile.
struct Browser {
    driver: Child,
    client: Option<Client>,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    async fn start() -> Browser {
        let driver_path =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_string());
        let port = free_port();
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {driver_path} ({e}): install Debian's chromium and chromium-driver (.ci/run does)"
                )
            });
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().expect("profile dir");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".to_string(),
            serde_json::json!({
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--disable-quic", "--no-first-run", "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("WebDriver session with headless Chromium");
        Browser {
            driver,
            client: Some(client),
            _profile: profile,
        }
    }

    fn c(&self) -> &Client {
        self.client.as_ref().expect("session open")
    }

    async fn close(mut self) {
        if let Some(client) = self.client.take() {
            let _ = client.close().await;
        }
    }

    /// Saves a screenshot as `target/screenshots/NAME.png`.
    async fn screenshot(&self, name: &str) {
        let png = self.c().screenshot().await.expect("screenshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("screenshots");
        std::fs::create_dir_all(&dir).expect("screenshots dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }

    async fn path(&self) -> String {
        let url = self.c().current_url().await.expect("current url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    async fn text(&self, css: &str) -> String {
        self.c()
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .text()
            .await
            .expect("text")
    }

    async fn count(&self, css: &str) -> usize {
        self.c()
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    async fn login(&self, server: &WebServer, name: &str) {
        self.c().goto(&server.url("/login")).await.expect("goto");
        let c = self.c();
        c.find(Locator::Id("name"))
            .await
            .expect("name field")
            .send_keys(name)
            .await
            .expect("type name");
        c.find(Locator::Id("password"))
            .await
            .expect("password field")
            .send_keys(PASSWORD)
            .await
            .expect("type password");
        c.find(Locator::Id("login-submit"))
            .await
            .expect("login button")
            .click()
            .await
            .expect("click login");
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.count("#queue").await != 1 {
            if Instant::now() > deadline {
                self.screenshot("login-failed").await;
                let source = self.c().source().await.unwrap_or_default();
                panic!(
                    "no triage page after login, at {}:\n{source}",
                    self.path().await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Polls `check` every 100 ms for up to 10 s.
async fn wait_until<F, Fut>(what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(10);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn case_json(env: &TestEnv, id: &str) -> serde_json::Value {
    serde_json::from_str(&env.ok(&["case", "show", id, "--json"])).expect("case show --json")
}

/// The demo data directory (officials, the office mailbox and its threads) with a staff user.
fn demo_env() -> TestEnv {
    let env = TestEnv::new();
    // Go-live on 1 January 2026 (the demo's own is September): the queue opens on the year's
    // proposed requests, not on old answered threads with new mail.
    env.ok(&["demo", "--no-serve", "--go-live", "2026-01-01"]);
    env.add_user("sam", "staff", PASSWORD);
    env
}

#[test]
fn staff_works_the_queue_searches_reads_a_timeline_notes_a_case_and_logs_out() {
    let env = demo_env();
    let server = WebServer::start(&env);
    runtime().block_on(async {
        let b = Browser::start().await;
        let c = b.c();

        // Anonymous: sent to the login page.
        c.goto(&server.url("/")).await.expect("goto /");
        assert!(b.path().await.starts_with("/login"), "{}", b.path().await);
        b.login(&server, "sam").await;
        assert_eq!(b.text("#current-user").await, "sam");
        b.screenshot("1-triage").await;

        // Confirm the first proposed case with its button.
        let items = c
            .find_all(Locator::Css("#queue li.item"))
            .await
            .expect("items");
        assert!(items.len() >= 3, "the demo queue has cases to triage");
        let first = items[0]
            .attr("data-case")
            .await
            .expect("attr")
            .expect("data-case");
        let second = items[1]
            .attr("data-case")
            .await
            .expect("attr")
            .expect("data-case");
        let queued = |s: String| -> usize { s.trim().parse().expect("queue count") };
        let before = queued(b.text("#queue-count").await);
        assert_eq!(case_json(&env, &first)["state"], "proposed");
        // The first case is selected; the action bar's primary button confirms it.
        c.find(Locator::Css("#bulk .actionbar button[data-key=\"c\"]"))
            .await
            .expect("confirm button")
            .click()
            .await
            .expect("click confirm");
        let gone = format!("#case-{first}");
        wait_until("the confirmed case to leave the queue", || async {
            b.count(&gone).await == 0
        })
        .await;
        assert_eq!(queued(b.text("#queue-count").await), before - 1);
        let confirmed = case_json(&env, &first);
        assert_eq!(confirmed["state"], "open");
        let history = confirmed["history"].as_array().expect("history");
        assert!(
            history
                .iter()
                .any(|h| h["who"] == "sam" && h["action"] == "state"),
            "{history:?}"
        );
        // The list kept its place: the next case is now the selected one.
        let current = c
            .find(Locator::Css("#queue li.item.current"))
            .await
            .expect("a selected row")
            .attr("data-case")
            .await
            .expect("attr");
        assert_eq!(current.as_deref(), Some(second.as_str()));

        // Keyboard: `c` confirms the selected case.
        c.find(Locator::Css("#queue li.item.current"))
            .await
            .expect("selected row")
            .send_keys("c")
            .await
            .expect("press c");
        let gone = format!("#case-{second}");
        wait_until(
            "the case confirmed by keyboard to leave the queue",
            || async { b.count(&gone).await == 0 },
        )
        .await;
        assert_eq!(case_json(&env, &second)["state"], "open");
        b.screenshot("2-triage-after-confirm").await;

        // Search, then narrow with a facet.
        c.goto(&server.url("/search")).await.expect("goto search");
        c.find(Locator::Id("q"))
            .await
            .expect("query box")
            .send_keys("mairie\n")
            .await
            .expect("type query");
        wait_until("search results", || async { b.count("#total").await == 1 }).await;
        let total = |s: String| -> usize {
            s.split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("count in {s:?}"))
        };
        let all = total(b.text("#total").await);
        assert!(all > 1, "the demo has mail about town halls");
        let facet = c
            .find(Locator::Css("#facets .facet li a"))
            .await
            .expect("a facet value");
        let facet_count: usize = facet
            .find(Locator::XPath("../span"))
            .await
            .expect("facet count")
            .text()
            .await
            .expect("text")
            .parse()
            .expect("number");
        facet.click().await.expect("click facet");
        wait_until("the facet filter", || async {
            b.count("a.chip").await == 1
        })
        .await;
        let narrowed = total(b.text("#total").await);
        assert_eq!(
            narrowed, facet_count,
            "the facet's count is what the filter finds"
        );
        assert!(narrowed <= all);
        assert!(b.count("#hits li.hit").await >= 1);
        assert!(
            b.count("#hits .case-head").await >= 1,
            "hits grouped by case"
        );
        b.screenshot("3-search-facet").await;

        // An official's timeline: the first official who wrote to the office.
        c.goto(&server.url("/officials"))
            .await
            .expect("goto officials");
        c.find(Locator::Css("#officials tbody a"))
            .await
            .expect("an official")
            .click()
            .await
            .expect("open official");
        wait_until("the official page", || async {
            b.count("#official-name").await == 1
        })
        .await;
        assert!(b.count("#mandates tbody tr").await >= 1, "mandates listed");
        assert!(b.count("#timeline li").await >= 1, "exchanges listed");
        b.screenshot("4-official").await;

        // The briefing sheet of a commune, and the dashboard's four charts.
        c.goto(&server.url("/commune/38545"))
            .await
            .expect("goto commune");
        assert_eq!(b.text("#commune-name").await, "Vif");
        assert!(
            b.count("#commune-officials li").await >= 1,
            "Vif's officials listed"
        );
        b.screenshot("4b-commune").await;
        c.goto(&server.url("/dashboard"))
            .await
            .expect("goto dashboard");
        assert_eq!(b.count("svg.chart").await, 4, "four charts drawn");
        assert!(b.count("svg.chart rect").await > 10, "charts with data");
        b.screenshot("4c-dashboard").await;

        // A note on the confirmed case.
        c.goto(&server.url(&format!("/case/{first}")))
            .await
            .expect("goto case");
        c.find(Locator::Id("note-text"))
            .await
            .expect("note box")
            .send_keys("Rappeler la mairie lundi matin")
            .await
            .expect("type note");
        c.find(Locator::Id("add-note"))
            .await
            .expect("note button")
            .click()
            .await
            .expect("add note");
        wait_until("the note on the page", || async {
            b.c()
                .source()
                .await
                .is_ok_and(|s| s.contains("Rappeler la mairie lundi matin"))
        })
        .await;
        let notes = case_json(&env, &first)["notes"].clone();
        assert_eq!(notes[0]["author"], "sam", "{notes}");
        assert_eq!(notes[0]["text"], "Rappeler la mairie lundi matin");
        b.screenshot("5-case-note").await;

        // Log out: the session is over.
        c.find(Locator::Id("logout"))
            .await
            .expect("logout")
            .click()
            .await
            .expect("click logout");
        wait_until("the login page", || async {
            b.path().await.starts_with("/login")
        })
        .await;
        c.goto(&server.url("/")).await.expect("goto /");
        assert!(b.path().await.starts_with("/login"), "logged out");
        b.close().await;
    });
}

/// Counts every connection made to it: the "remote" server hostile mail points at.
fn remote_server() -> (u16, Arc<AtomicUsize>, Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let hits = Arc::new(AtomicUsize::new(0));
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (h, s) = (Arc::clone(&hits), Arc::clone(&seen));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            h.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap_or(0);
            let line = String::from_utf8_lossy(&buf[..n])
                .lines()
                .next()
                .unwrap_or("")
                .to_string();
            if let Ok(mut s) = s.lock() {
                s.push(line);
            }
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
            );
        }
    });
    (port, hits, seen)
}

fn hostile_message(port: u16) -> String {
    let remote = format!("http://127.0.0.1:{port}");
    let html = format!(
        r#"<html><head><link rel="stylesheet" href="{remote}/style.css"><meta http-equiv="refresh" content="0;url={remote}/refresh"><base href="{remote}/">
<style>body {{ background: url({remote}/style-tag.png) }}</style></head>
<body background="{remote}/body.png">
<p>Monsieur le Sénateur,</p>
<p>Je me permets de vous écrire au sujet de la fermeture de la classe de l'école de Vif.</p>
<script>window.__pwned = 1; document.title = "pwned"; fetch("{remote}/script");</script>
<img src="{remote}/pixel.png" alt="suivi">
<img src="x" onerror="window.__pwned = 2; fetch('{remote}/onerror')">
<a id="jslink" href="javascript:window.__pwned=3;fetch('{remote}/js')">cliquez ici</a>
<a href="&#106;avascript:window.__pwned=4">et ici</a>
<div style="background-image: url({remote}/inline-style.png)">Texte stylé</div>
<iframe src="{remote}/frame"></iframe>
<svg onload="window.__pwned=5"><image href="{remote}/svg.png"/></svg>
<form action="{remote}/form"><input name="q" value="x"><button id="formbutton">Envoyer</button></form>
<object data="{remote}/object"></object><video poster="{remote}/poster.png"></video>
<table background="{remote}/table.png"><tr><td>Cordialement,</td></tr></table>
<p>Jean Dupont<br>12 rue des Alpes, 38450 Vif</p>
</body></html>"#
    );
    format!(
        "From: Jean Dupont <jean.dupont@exemple.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
         Subject: =?UTF-8?Q?Fermeture_de_classe_=C3=A0_Vif?=\r\nDate: Mon, 16 Nov 2026 09:12:00 +0100\r\n\
         Message-ID: <hostile-1@exemple.fr>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{html}\r\n"
    )
}

#[test]
fn hostile_html_runs_no_script_and_requests_nothing_remote() {
    let (port, hits, seen) = remote_server();
    let env = TestEnv::new();
    env.init_isere();
    let file = env.path("hostile.eml");
    std::fs::write(&file, hostile_message(port)).expect("write message");
    env.ingest(&[file.to_str().expect("utf-8 path")]);
    let id = env
        .export()
        .iter()
        .find(|m| m["message_id"] == "hostile-1@exemple.fr")
        .and_then(|m| m["id"].as_i64())
        .expect("the hostile message is stored");
    let case = env
        .ok(&["case", "list", "--json"])
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .find(|c| {
            c["messages"]
                .as_array()
                .is_some_and(|m| m.contains(&id.into()))
        })
        .map(|c| c["id"].to_string())
        .expect("its case");
    env.add_user("sam", "staff", PASSWORD);
    let server = WebServer::start(&env);
    runtime().block_on(async {
        let b = Browser::start().await;
        b.login(&server, "sam").await;
        for page in [format!("/message/{id}"), format!("/case/{case}")] {
            b.c().goto(&server.url(&page)).await.expect("goto");
            wait_until("the mail body", || async { b.count(".mail-html").await >= 1 }).await;
            assert!(
                b.text(".mail-html").await.contains("fermeture de la classe"),
                "the text itself is shown"
            );
            // Click every link left in the mail, and the form button if one survived.
            for link in b
                .c()
                .find_all(Locator::Css(".mail-html a, .mail-html button"))
                .await
                .expect("links")
            {
                let _ = link.click().await;
            }
            if !b.path().await.starts_with(&page) {
                b.c().goto(&server.url(&page)).await.expect("back to the page");
            }
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let state = b
                .c()
                .execute(
                    "return [typeof window.__pwned, document.title,
                             document.querySelectorAll('.mail-html script, .mail-html iframe, .mail-html object, .mail-html form, .mail-html svg, .mail-html [onerror], .mail-html [style], .mail-html [background], link[href^=\"http\"], base').length]",
                    vec![],
                )
                .await
                .expect("execute");
            assert_eq!(state[0], "undefined", "no script ran on {page}: {state}");
            assert!(!state[1].as_str().unwrap_or("").contains("pwned"), "{state}");
            assert_eq!(state[2], 0, "no active or remote element left on {page}: {state}");
            assert!(
                b.count(".notice.blocked").await == 1,
                "{page} says remote content was blocked"
            );
            b.screenshot(&format!(
                "6-hostile-{}",
                page.trim_start_matches('/').replace('/', "-")
            ))
            .await;
        }
        let requests = hits.load(Ordering::SeqCst);
        assert_eq!(
            requests,
            0,
            "the browser contacted the remote server: {:?}",
            seen.lock().map(|s| s.clone()).unwrap_or_default()
        );
        // Control: the browser can reach that server, so a request would have been counted.
        b.c().goto(&format!("http://127.0.0.1:{port}/control")).await.expect("goto control");
        wait_until("the control request", || async { hits.load(Ordering::SeqCst) >= 1 }).await;
        b.close().await;
    });
}

/// The case as staff see it (without its history and update time), for « exactly as before ».
fn case_state(env: &TestEnv, id: &str) -> serde_json::Value {
    let mut v = case_json(env, id);
    let o = v.as_object_mut().expect("case object");
    for volatile in ["history", "updated", "notes"] {
        o.remove(volatile);
    }
    v
}

impl Browser {
    /// The `attr` of every element matching `css`, read at once (a list the page replaces
    /// meanwhile is never half read).
    async fn attr_of_all(&self, css: &str, attr: &str) -> Vec<String> {
        let found = self
            .c()
            .execute(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute(arguments[1])).filter(v => v !== null)",
                vec![css.into(), attr.into()],
            )
            .await
            .expect("script");
        found
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    async fn current_case(&self) -> String {
        match self.c().find(Locator::Css("#queue li.item.current")).await {
            Ok(e) => e.attr("data-case").await.ok().flatten().unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    async fn press(&self, keys: &str) {
        self.c()
            .find(Locator::Css("#queue li.item.current"))
            .await
            .expect("a selected row")
            .send_keys(keys)
            .await
            .expect("keys");
    }

    async fn script(&self, js: &str) -> serde_json::Value {
        self.c().execute(js, vec![]).await.expect("script")
    }
}

#[test]
fn a_morning_triage_of_ten_cases_by_keyboard_with_one_undo() {
    let env = demo_env();
    let server = WebServer::start(&env);
    runtime().block_on(async {
        let b = Browser::start().await;
        b.login(&server, "sam").await;
        let ids: Vec<String> = b.attr_of_all("#queue li.item", "data-case").await;
        assert!(
            ids.len() >= 10,
            "the demo's morning queue has ten cases: {}",
            ids.len()
        );
        let ids = &ids[..10];
        let before: Vec<serde_json::Value> = ids.iter().map(|id| case_state(&env, id)).collect();
        for (n, id) in ids.iter().enumerate() {
            wait_until("the next case to be selected", || async {
                b.current_case().await == *id
            })
            .await;
            // `n` (not a request) for one, `c` for the others; `j` `k` on the way.
            if n == 3 {
                b.press("jk").await;
            }
            b.press(if n == 4 { "n" } else { "c" }).await;
            let gone = format!("#case-{id}");
            wait_until("the case to leave the queue", || async {
                b.count(&gone).await == 0
            })
            .await;
            let toast = b.text("#toast-text").await;
            assert!(!toast.is_empty(), "every action is confirmed in a toast");
        }
        b.screenshot("6-triage-ten-done").await;
        for id in ids.iter().take(9) {
            // Confirmed (proposed → open), seen (open case with new mail: « Vu »), postponed
            // (overdue) or not a request: each by sam, in the case's history.
            let history = case_json(&env, id)["history"]
                .as_array()
                .expect("history")
                .clone();
            assert!(
                history.iter().any(|h| h["who"] == "sam"
                    && ["state", "seen", "due", "not_a_request"]
                        .contains(&h["action"].as_str().unwrap_or(""))),
                "case {id} was acted on: {history:?}"
            );
        }
        assert_eq!(
            case_json(&env, &ids[4])["state"],
            "closed",
            "n: not a request"
        );
        // One undo (z): the last case comes back exactly as it was.
        assert_eq!(b.text("#undo").await, "Annuler");
        let back = format!("#case-{}", ids[9]);
        if b.count("#queue li.item.current").await > 0 {
            b.press("z").await;
        } else {
            b.c()
                .find(Locator::Id("undo"))
                .await
                .expect("undo")
                .click()
                .await
                .expect("click");
        }
        wait_until("the undone case back in the queue", || async {
            b.count(&back).await == 1
        })
        .await;
        assert_eq!(
            case_state(&env, &ids[9]),
            before[9],
            "undo restores the exact state"
        );
        let history = case_json(&env, &ids[9])["history"]
            .as_array()
            .expect("history")
            .clone();
        assert!(
            history
                .iter()
                .any(|h| h["action"] == "undo" && h["who"] == "sam"),
            "{history:?}"
        );
        b.screenshot("7-triage-after-undo").await;
        b.close().await;
    });
}

#[test]
fn a_bulk_action_on_five_ticked_cases_and_a_merge_through_the_picker() {
    let env = demo_env();
    let server = WebServer::start(&env);
    runtime().block_on(async {
        let b = Browser::start().await;
        let c = b.c();
        b.login(&server, "sam").await;
        let ids: Vec<String> = b.attr_of_all("#queue li.item", "data-case").await;
        assert!(ids.len() >= 8, "{}", ids.len());
        let five = &ids[..5];
        let before: Vec<serde_json::Value> = five.iter().map(|id| case_state(&env, id)).collect();
        for id in five {
            c.find(Locator::Css(&format!("#case-{id} input.tick")))
                .await
                .expect("tick box")
                .click()
                .await
                .expect("tick");
        }
        assert_eq!(b.text("#target").await, "5 dossiers cochés");
        c.find(Locator::Id("theme"))
            .await
            .expect("theme menu")
            .select_by_value("numerique")
            .await
            .expect("choose a theme");
        c.find(Locator::Css("button[name=verb][value=tag]"))
            .await
            .expect("add theme")
            .click()
            .await
            .expect("click");
        wait_until("the toast", || async {
            b.text("#toast-text").await.contains("5 dossiers")
        })
        .await;
        assert_eq!(
            b.text("#toast-text").await,
            "Thème Numérique ajouté — 5 dossiers"
        );
        b.screenshot("8-bulk-tag").await;
        for id in five {
            let themes = case_json(&env, id)["themes"].clone();
            assert!(
                themes
                    .as_array()
                    .expect("themes")
                    .iter()
                    .any(|t| t == "numerique"),
                "{id}: {themes}"
            );
        }
        c.find(Locator::Id("undo"))
            .await
            .expect("undo")
            .click()
            .await
            .expect("click undo");
        wait_until("the undo", || async {
            b.text("#toast-text").await.starts_with("Annulé")
        })
        .await;
        for (id, was) in five.iter().zip(&before) {
            assert_eq!(&case_state(&env, id), was, "case {id} back as it was");
        }

        // Merge through the picker: a few words of the target's title, then its suggestion.
        let (from, into) = (&ids[5], &ids[6]);
        c.find(Locator::Css(&format!("#case-{from} a.row")))
            .await
            .expect("row")
            .click()
            .await
            .expect("select");
        let pane = format!("#pane article[data-case=\"{from}\"]");
        wait_until("the pane of the selected case", || async {
            b.count(&pane).await == 1
        })
        .await;
        let title = b.text(&format!("#case-{into} .title")).await;
        let word = title
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| w.chars().count() >= 5)
            .max_by_key(|w| w.chars().count())
            .unwrap_or_else(|| panic!("a word in {title:?}"))
            .to_string();
        let field = c.find(Locator::Id("into")).await.expect("merge picker");
        field.send_keys(&word).await.expect("type");
        let wanted = format!("n° {into} — ");
        let mut choice = String::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        while choice.is_empty() {
            assert!(
                Instant::now() < deadline,
                "no suggestion {wanted} for {word:?}"
            );
            choice = b
                .attr_of_all("#merge-choices option", "value")
                .await
                .into_iter()
                .find(|v| v.starts_with(&wanted))
                .unwrap_or_default();
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        field.clear().await.expect("clear");
        field
            .send_keys(&choice)
            .await
            .expect("choose the suggestion");
        c.find(Locator::Css("button[name=verb][value=merge]"))
            .await
            .expect("merge")
            .click()
            .await
            .expect("click");
        wait_until("the merge", || async {
            b.text("#toast-text")
                .await
                .contains(&format!("Fusionné dans le dossier n° {into}"))
        })
        .await;
        assert_eq!(case_json(&env, from)["merged_into"].to_string(), *into);
        b.screenshot("9-merge-picker").await;
        b.close().await;
    });
}

/// English and jargon seen in the French interface before (issue 17), as whole words.
const KNOWN_LEAKS: &[&str] = &[
    "opened",
    "merged",
    "senders",
    "messages)",
    "not_a_request",
    "proposed",
    "campaign",
    "references",
    "quoted_header",
    "Official:",
    "because:",
    "at byte",
    "score",
    "No case",
    "no case",
    "Syntax Error",
    "Field does not exist",
    "Invalid URL",
    "Cannot parse",
    "user-add",
    "KB",
    "MB",
    "application/pdf",
    "text/plain",
    "sante",
    "securite",
    "Maire Vif",
    "1Ère",
    "Not Found",
    "Internal Server Error",
];

fn leaks(text: &str) -> Vec<&'static str> {
    KNOWN_LEAKS
        .iter()
        .filter(|w| {
            text.match_indices(**w).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + w.len()..].chars().next();
                !before.is_some_and(|ch| ch.is_alphanumeric() || ch == '_')
                    && !after.is_some_and(|ch| ch.is_alphanumeric() || ch == '_')
            })
        })
        .copied()
        .collect()
}

/// Elements whose own text has less contrast with its background than WCAG AA asks (at most
/// five, described), and touch targets (buttons, links in the action bar, check boxes) under
/// 24 px.
const CONTRAST: &str = r#"
function rgb(c) { const m = c.match(/[\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; }
function lum(c) { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
function bg(e) { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length < 4 || c[3] > 0.5) return c; } return [255, 255, 255]; }
const out = [];
for (const e of document.querySelectorAll('body *')) {
  const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  const r = e.getBoundingClientRect();
  if (!own || r.width === 0 || r.height === 0) continue;
  const s = getComputedStyle(e);
  if (s.visibility === 'hidden' || e.closest('mark, .mail-html')) continue;
  const a = lum(rgb(s.color)), b = lum(bg(e));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
  const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
  if (ratio < need) out.push(e.tagName + '.' + e.className + ' ' + ratio.toFixed(2) + ' « ' + e.textContent.trim().slice(0, 30) + ' »');
}
for (const e of document.querySelectorAll('button:not(.sr-only), input[type=checkbox], select, .actionbar input')) {
  const r = e.getBoundingClientRect();
  if (r.width > 0 && (r.height < 24 || r.width < 24)) out.push('target ' + e.tagName + '.' + e.className + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
}
return out.slice(0, 5);
"#;

#[test]
fn every_page_fits_390_px_speaks_french_and_meets_contrast_and_target_sizes() {
    let env = demo_env();
    env.add_user("ada", "admin", PASSWORD);
    let cases: Vec<serde_json::Value> = env
        .ok(&["case", "list", "--json", "--state", "open"])
        .lines()
        .chain(env.ok(&["case", "list", "--json"]).lines())
        .map(|l| serde_json::from_str(l).expect("case JSON"))
        .collect();
    let request = cases
        .iter()
        .find(|c| c["kind"] == "request" && c["official"].is_object())
        .expect("a request from an official");
    let campaign = cases
        .iter()
        .find(|c| c["kind"] == "campaign")
        .expect("a campaign");
    let message = request["messages"][0].as_i64().expect("a message");
    let official = request["official"]["id"].as_i64().expect("official id");
    let pages = vec![
        "/".to_string(),
        format!("/?case={}", request["id"]),
        "/search?q=mairie".to_string(),
        "/search?q=%22permis+de+construire%22+z%C3%A9brures".to_string(),
        "/search?q=(((".to_string(),
        "/cases".to_string(),
        "/officials".to_string(),
        format!("/official/{official}"),
        "/commune/38545".to_string(),
        "/dashboard".to_string(),
        "/agenda".to_string(),
        "/agenda?view=month".to_string(),
        "/agenda/event/1".to_string(),
        format!("/case/{}", request["id"]),
        format!("/case/{}", campaign["id"]),
        format!("/message/{message}"),
        "/admin".to_string(),
        "/case/99999".to_string(),
        "/case/abc".to_string(),
    ];
    let server = WebServer::start(&env);
    runtime().block_on(async {
        let b = Browser::start().await;
        let c = b.c();
        b.login(&server, "ada").await;
        let mut problems = Vec::new();
        for (n, page) in pages.iter().enumerate() {
            c.set_window_size(1280, 1000).await.expect("desktop size");
            c.goto(&server.url(page)).await.expect("goto");
            // Identifiers staff type (rule and file names, in `<code>`) are not prose.
            let text = b
                .script(
                    "const copy = document.body.cloneNode(true); copy.querySelectorAll('code').forEach(c => c.remove()); document.body.appendChild(copy); copy.style.position = 'absolute'; const t = copy.innerText; copy.remove(); return t",
                )
                .await;
            let found = leaks(text.as_str().unwrap_or(""));
            if !found.is_empty() {
                problems.push(format!("{page}: English {found:?}"));
            }
            let widths = b
                .script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                .await;
            if widths[0].as_i64() > widths[1].as_i64() {
                problems.push(format!("{page}: scrolls sideways at 1280 px: {widths}"));
            }
            // Text contrast: every element with its own text against its background (WCAG AA:
            // 4.5:1, 3:1 for large text).
            let low = b.script(CONTRAST).await;
            if low.as_array().is_some_and(|a| !a.is_empty()) {
                problems.push(format!("{page}: contrast below AA: {low}"));
            }
            c.set_window_size(390, 844).await.expect("phone size");
            tokio::time::sleep(Duration::from_millis(150)).await;
            let widths = b
                .script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                .await;
            let (scroll, client) = (widths[0].as_i64().unwrap_or(0), widths[1].as_i64().unwrap_or(0));
            assert!(client > 300 && client <= 390, "{page}: viewport {client}");
            if scroll > client {
                let wide = b
                    .script(
                        "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 6).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))",
                    )
                    .await;
                problems.push(format!("{page}: scrolls sideways at {client} px ({scroll} px wide): {wide}"));
            }
            b.screenshot(&format!("390-{n:02}")).await;
        }
        // The menu button opens the navigation on a phone.
        c.goto(&server.url("/")).await.expect("goto");
        assert_eq!(b.count("#main-nav a").await, 7);
        let nav_shown = "return getComputedStyle(document.getElementById('main-nav')).display";
        assert_eq!(b.script(nav_shown).await, "none", "the menu is folded on a phone");
        c.find(Locator::Id("menu-button")).await.expect("menu").click().await.expect("open");
        assert_ne!(b.script(nav_shown).await, "none", "the menu opens");
        let header = b.script("return document.querySelector('header.top').getBoundingClientRect().height").await;
        assert!(header.as_f64().unwrap_or(999.0) < 400.0);
        c.find(Locator::Id("menu-button")).await.expect("menu").click().await.expect("close");
        let header = b.script("return document.querySelector('header.top').getBoundingClientRect().height").await;
        assert!(header.as_f64().unwrap_or(999.0) <= 70.0, "a compact header: {header}");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        b.close().await;
    });
}

#[test]
fn times_show_in_paris_time_for_summer_and_winter_mail() {
    let env = demo_env();
    // Sent from UTC clocks: 06:07 UTC in April is 08:07 in Paris (summer time), 07:15 UTC in
    // January is 08:15 (winter time).
    for (name, date, subject) in [
        (
            "summer.eml",
            "Mon, 27 Apr 2026 06:07:00 +0000",
            "Fête du solstice",
        ),
        (
            "winter.eml",
            "Tue, 13 Jan 2026 07:15:00 +0000",
            "Déneigement et frimas",
        ),
    ] {
        env.ingest_bytes(
            name,
            format!(
                "From: Claire Martin <claire.martin@exemple.org>\r\nTo: permanence@senateur-exemple.fr\r\n\
                 Message-ID: <{name}@exemple.org>\r\nDate: {date}\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n\
                 Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour,\r\nUne question.\r\nClaire Martin\r\n"
            ),
        );
    }
    let (summer, _) = env.search(&["solstice"]);
    let (winter, _) = env.search(&["frimas"]);
    let server = WebServer::start(&env);
    runtime().block_on(async {
        let b = Browser::start().await;
        let c = b.c();
        b.login(&server, "sam").await;
        for (id, shown, utc) in [
            (summer[0], "lun. 27 avr. 2026 à 08:07", "06:07"),
            (winter[0], "mar. 13 janv. 2026 à 08:15", "07:15"),
        ] {
            c.goto(&server.url(&format!("/message/{id}")))
                .await
                .expect("goto");
            let text = b.script("return document.body.innerText").await;
            let text = text.as_str().unwrap_or("");
            assert!(
                text.contains(shown),
                "message {id} shows {shown:?}:\n{text}"
            );
            assert!(!text.contains(utc), "no UTC time {utc}");
            b.screenshot(&format!("10-paris-{id}")).await;
        }
        b.close().await;
    });
}

#[test]
fn the_french_search_list_finds_through_the_web_page_what_it_should() {
    let env = demo_env();
    let by_id: std::collections::HashMap<i64, String> = env
        .export()
        .into_iter()
        .map(|m| {
            (
                m["id"].as_i64().expect("id"),
                m["message_id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let set = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/search-eval-2/queries.jsonl"),
    )
    .expect("the held-out French query list");
    let queries: Vec<serde_json::Value> = set
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert!(queries.len() >= 50);
    let server = WebServer::start(&env);
    runtime().block_on(async {
        let b = Browser::start().await;
        let c = b.c();
        b.login(&server, "sam").await;
        let (mut expected, mut found) = (0usize, 0usize);
        for q in &queries {
            let query = q["query"].as_str().expect("query");
            // Most recent first, then by message id: a total order, so paging shows every hit
            // once even if the index's segments merge between two pages (issue 18; before the
            // id tie-break this test found 241/277). Every query of the list has far fewer than
            // the 1,000 hits that can be paged, so the set found is the whole result.
            let mut url = format!("/search?q={}&tri=date", urlencode(query));
            let mut got = std::collections::HashSet::new();
            for _ in 0..50 {
                c.goto(&server.url(&url)).await.expect("goto");
                for href in b.attr_of_all("#hits a.subject", "href").await {
                    if let Some(id) = href.rsplit('/').next().and_then(|n| n.parse::<i64>().ok()) {
                        got.insert(by_id.get(&id).cloned().unwrap_or_default());
                    }
                }
                let next = b.attr_of_all("#next-page", "href").await;
                match next.first() {
                    Some(n) => url = n.trim_start_matches(&server.url("")).to_string(),
                    None => break,
                }
            }
            for want in q["expect"].as_array().expect("expect") {
                expected += 1;
                if got.contains(want.as_str().unwrap_or("")) {
                    found += 1;
                }
            }
        }
        let recall = found as f64 / expected as f64;
        eprintln!("web search recall on fixtures/search-eval-2: {found}/{expected} = {recall:.3}");
        // Measured once with the CLI on this held-out list: 0.877. The web page must find the
        // same: it adds grouping and paging, never loses a result.
        assert!(recall >= 0.877, "recall {recall:.3}");
        b.close().await;
    });
}

fn urlencode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Issue 19 in a real browser: the message page lists the attachments with their text state
/// and a preview; « lire le texte extrait » opens the attachment's whole text; a hostile one's
/// state is shown; nothing of the extracted text runs as markup.
#[test]
fn staff_read_an_attachments_text_from_the_message_page() {
    let env = TestEnv::new();
    env.init_isere();
    let mail = crate::util::fixtures().join("attachments/mail/18-several-attachments.eml");
    env.ingest(&[mail.to_str().expect("utf-8 path")]);
    env.ok(&["extract"]);
    let id = env
        .export()
        .iter()
        .find(|m| m["attachments"].as_array().is_some_and(|a| a.len() == 3))
        .and_then(|m| m["id"].as_i64())
        .expect("the message with three attachments");
    env.add_user("sam", "staff", PASSWORD);
    let server = WebServer::start(&env);
    runtime().block_on(async {
        let b = Browser::start().await;
        b.login(&server, "sam").await;
        b.c()
            .goto(&server.url(&format!("/message/{id}")))
            .await
            .expect("goto");
        wait_until("the attachment list", || async {
            b.count("#attachments li").await == 3
        })
        .await;
        let list = b.text("#attachments").await;
        assert!(list.contains("texte lu"), "{list}");
        assert!(list.contains("trop volumineux"), "{list}");
        assert_eq!(b.count(".text-preview").await, 2, "{list}");
        assert!(
            b.text(".text-preview").await.contains("Pré-Ferrand"),
            "{list}"
        );
        b.screenshot("7-attachments").await;
        b.c()
            .find(Locator::Css(".text-link"))
            .await
            .expect("the link to the text")
            .click()
            .await
            .expect("click");
        wait_until("the text page", || async {
            b.count("#attachment-text").await == 1
        })
        .await;
        assert!(b.path().await.starts_with(&format!("/message/{id}/text/")));
        let text = b.text("#attachment-text").await;
        assert!(text.contains("section AK n° 214"), "{text}");
        b.screenshot("7-attachment-text").await;
        b.close().await;
    });
}

#[test]
fn staff_accept_an_invitation_on_the_agenda_page_and_the_feed_carries_it() {
    let (env, _) = crate::agenda::office_with_invitations();
    env.add_user("sam", "staff", PASSWORD);
    let server = WebServer::start(&env);
    let feed_url = runtime().block_on(async {
        let b = Browser::start().await;
        b.login(&server, "sam").await;
        b.c().goto(&server.url("/agenda")).await.expect("goto");
        wait_until("the undecided invitations", || async {
            b.count("#undecided article.event").await == 3
        })
        .await;
        let card = b
            .c()
            .find(Locator::XPath(
                "//section[@id='undecided']//article[contains(., 'médiathèque')]",
            ))
            .await
            .expect("the invitation read from the town hall's letter");
        let text = card.text().await.expect("text");
        assert!(text.contains("11 h"), "{text}");
        assert!(text.contains("Crolles"), "{text}");
        assert!(text.contains("Conflit d'horaire"), "{text}");
        b.screenshot("8-agenda").await;
        card.find(Locator::Css("button.decide-accept"))
            .await
            .expect("the accept button")
            .click()
            .await
            .expect("click");
        wait_until("the invitation decided", || async {
            b.count("#undecided article.event").await == 2
        })
        .await;
        let period = b.text("#period").await;
        assert!(period.contains("accepté"), "{period}");
        // A key decides the one that has the focus: `r` declines.
        b.c()
            .execute(
                "document.querySelector('#undecided article.event').focus(); return null;",
                vec![],
            )
            .await
            .expect("focus");
        b.c()
            .active_element()
            .await
            .expect("focused")
            .send_keys("r")
            .await
            .expect("key");
        wait_until("the second invitation declined", || async {
            b.count("#undecided article.event").await == 1
        })
        .await;
        // The subscription address, made on the page.
        b.c()
            .find(Locator::Id("new-feed"))
            .await
            .expect("the feed button")
            .click()
            .await
            .expect("click");
        wait_until("the feed address", || async {
            b.count("#feed-url").await == 1
        })
        .await;
        let url = b
            .c()
            .find(Locator::Id("feed-url"))
            .await
            .expect("the address")
            .prop("value")
            .await
            .expect("value")
            .expect("a value");
        b.close().await;
        url
    });
    assert!(feed_url.contains("/agenda.ics?token="), "{feed_url}");
    // A calendar application, without the session: it reads the accepted invitation.
    let mut response = ureq::get(&feed_url).call().expect("the feed");
    let body = response.body_mut().read_to_string().expect("body");
    let events = crate::agenda::validate_ics(&body);
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(events[0].1.contains("médiathèque"), "{events:?}");
}
