//! Test harness: a temporary data directory and helpers to run the real binary against it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A go-live date older than any test mail: every message is filed as work.
pub const ALL_MAIL_IS_WORK: &str = "1970-01-01";

/// A temporary data directory plus a scratch directory for inputs.
pub struct TestEnv {
    tmp: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            tmp: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// The data directory passed as --data.
    pub fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    /// A scratch path for inputs.
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// A command on this env's data directory.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_permanence"));
        cmd.arg("--data")
            .arg(self.data())
            .args(args)
            .env_remove("PERMANENCE_DATA")
            .env("RUST_LOG", "warn");
        cmd
    }

    /// `init`, then sets the office's territory to Isère (`[office] departements = ["38"]`) and
    /// its address (`permanence@senateur-exemple.fr`).
    pub fn init_isere(&self) {
        self.init_office("38", "permanence@senateur-exemple.fr");
    }

    /// `init`, then the office's département and address in permanence.toml. The go-live date
    /// is [`ALL_MAIL_IS_WORK`]: these tests file mail of 2024–2026 as the office's work, as it
    /// was before go-live dates existed (`init` alone would make it history, older than
    /// today); the go-live tests (`go_live.rs`) set their own.
    pub fn init_office(&self, departement: &str, address: &str) {
        self.ok(&["init", "--go-live", ALL_MAIL_IS_WORK]);
        let config = self.data().join("permanence.toml");
        let text = std::fs::read_to_string(&config)
            .expect("config")
            .replace(
                "departements = []",
                &format!("departements = [\"{departement}\"]"),
            )
            .replace("addresses = []", &format!("addresses = [\"{address}\"]"));
        std::fs::write(&config, text).expect("write config");
    }

    /// Imports the bundled 2026 mayors file and returns (as `officials list` JSON) the mayor of
    /// the commune `code`.
    pub fn import_mayors_and_get(&self, code: &str) -> serde_json::Value {
        let rne = fixtures().join("rne").join("elus-maires-mai.csv");
        self.ok(&["officials", "import", rne.to_str().expect("utf-8 path")]);
        let list = self.ok(&["officials", "list", "--commune", code, "--format", "jsonl"]);
        let line = list.lines().next().expect("a mayor of that commune");
        serde_json::from_str(line).expect("officials list JSON")
    }

    /// Runs a command, asserting exit 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("run permanence");
        assert_success(&out, args);
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs a command with stdin bytes, asserting exit 0.
    pub fn ok_with_stdin(&self, args: &[&str], input: &[u8]) -> String {
        let out = self.run_with_stdin(args, input);
        assert_success(&out, args);
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs a command with stdin bytes and returns its raw output without checking the status.
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        use std::io::Write;
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // The command may exit before reading (a usage error): a broken pipe here is fine.
        let _ = child.stdin.take().expect("stdin").write_all(input);
        child.wait_with_output().expect("wait")
    }

    /// Runs a command and returns its raw output without checking the status.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run permanence")
    }

    /// `ingest --json` on these arguments; returns the parsed report.
    pub fn ingest(&self, args: &[&str]) -> serde_json::Value {
        let mut full = vec!["ingest", "--json"];
        full.extend_from_slice(args);
        serde_json::from_str(&self.ok(&full)).expect("ingest --json prints JSON")
    }

    /// `search --json`; returns the ids of the hits, best first, and the total.
    pub fn search(&self, args: &[&str]) -> (Vec<i64>, u64) {
        let mut full = vec!["search", "--json", "--limit", "1000"];
        full.extend_from_slice(args);
        let v: serde_json::Value =
            serde_json::from_str(&self.ok(&full)).expect("search --json prints JSON");
        let ids = v["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| h["id"].as_i64().expect("id"))
            .collect();
        (ids, v["total"].as_u64().expect("total"))
    }

    /// `export --format jsonl`, parsed.
    pub fn export(&self) -> Vec<serde_json::Value> {
        self.ok(&["export", "--format", "jsonl"])
            .lines()
            .map(|l| serde_json::from_str(l).expect("each export line is JSON"))
            .collect()
    }
}

fn assert_success(out: &Output, args: &[&str]) {
    assert!(
        out.status.success(),
        "permanence {args:?} failed with {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The repository's fixtures directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every message file under `fixtures/mail/<sub>`, sorted.
pub fn fixture_messages(sub: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![fixtures().join("mail").join(sub)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture dir") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            if path.is_dir() {
                dirs.push(path);
            } else if name.ends_with(".eml") || (name.starts_with("msg_") && name.ends_with(".txt"))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Copies files into a fresh Maildir (`cur/`) under `root`.
pub fn make_maildir(root: &Path, files: &[PathBuf]) {
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(root.join(sub)).expect("maildir");
    }
    for (i, file) in files.iter().enumerate() {
        std::fs::copy(
            file,
            root.join("cur")
                .join(format!("{}.M{i}P1.test:2,S", 1_700_000_000 + i)),
        )
        .expect("copy");
    }
}

/// A `permanence serve` process on a free loopback port, killed when dropped.
pub struct WebServer {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
}

impl WebServer {
    /// Starts `serve --listen 127.0.0.1:0` on `env`'s data directory and waits until it listens.
    pub fn start(env: &TestEnv) -> WebServer {
        use std::io::BufRead;
        let mut child = env
            .cmd(&["serve", "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn permanence serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the listening line");
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("serve did not start: {line:?}"))
            .trim_end_matches('/')
            .to_string();
        WebServer { child, base }
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for WebServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl TestEnv {
    /// Writes `bytes` as the file `name` in the test directory and ingests it; asserts that
    /// nothing failed.
    pub fn ingest_bytes(&self, name: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write message");
        let summary = self.ingest(&[path.to_str().expect("utf-8 path")]);
        assert_eq!(summary["counts"]["failed"], 0, "{summary}");
    }

    /// The case of the message whose Message-ID is `id`.
    pub fn case_of(&self, id: &str) -> i64 {
        self.export()
            .into_iter()
            .find(|m| m["message_id"] == id)
            .and_then(|m| m["case_id"].as_i64())
            .unwrap_or_else(|| panic!("{id} has no case"))
    }

    /// `user add NAME --role ROLE` with `password` on stdin.
    pub fn add_user(&self, name: &str, role: &str, password: &str) {
        self.ok_with_stdin(
            &["user", "add", name, "--role", role],
            format!("{password}\n").as_bytes(),
        );
    }
}

/// Standard base64 (RFC 4648, with padding) of `bytes`, for building encoded test mail.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
