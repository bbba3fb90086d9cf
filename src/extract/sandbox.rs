//! The parent's side of extraction: each attachment is written to a fresh scratch directory
//! (mode 700, removed after) and read by a child process — this same binary,
//! `permanence extract-child` — that limits itself before reading it (`child.rs`). The parent
//! gives it an empty environment, no standard input, its own process group, and bounds what
//! the child cannot bound itself: the wall time (then the whole group is killed) and the size
//! of what it prints. Whatever happens in the child ends as one [`Outcome`]; nothing it does
//! can stop the queue.

use std::io::Read as _;
use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};

use super::child::{Job, Outcome};
use super::kind::Kind;
use super::tools::Tools;
use super::{Limits, State};

/// The environment variable carrying the [`Job`] to the child.
pub const JOB_ENV: &str = "PERMANENCE_EXTRACT";

/// Runs extraction children.
#[derive(Debug, Clone)]
pub struct Sandbox {
    exe: PathBuf,
    scratch: PathBuf,
    /// The bounds.
    pub limits: Limits,
    /// What this machine has.
    pub tools: Tools,
    /// Set on shutdown: the running child is killed and nothing is recorded for it.
    stop: Arc<AtomicBool>,
}

impl Sandbox {
    /// A sandbox running `exe` (this binary) with scratch directories under `scratch`.
    pub fn new(exe: PathBuf, scratch: PathBuf, limits: Limits, tools: Tools) -> Result<Sandbox> {
        std::fs::create_dir_all(&scratch)
            .with_context(|| format!("cannot create {}", scratch.display()))?;
        // Absolute: the child runs in its scratch directory.
        let scratch = scratch
            .canonicalize()
            .with_context(|| format!("cannot resolve {}", scratch.display()))?;
        Ok(Sandbox {
            exe,
            scratch,
            limits,
            tools,
            stop: Arc::new(AtomicBool::new(false)),
        })
    }

    /// The running binary as the child, scratch under `data/tmp/extract`. Scratch
    /// directories a killed run left behind (attachment bytes, page images) are removed first.
    pub fn for_data_dir(data: &Path, limits: Limits) -> Result<Sandbox> {
        let exe = std::env::current_exe().context("cannot find the running program")?;
        let scratch = data.join("tmp").join("extract");
        let sandbox = Sandbox::new(exe, scratch, limits, Tools::discover())?;
        sandbox.remove_stale();
        Ok(sandbox)
    }

    /// Removes the scratch directories no running extraction holds (their lock is free): they
    /// were left by a process killed during an extraction, and hold a copy of an attachment.
    pub fn remove_stale(&self) {
        remove_stale(&self.scratch, &self.limits);
    }
}

/// [`Sandbox::remove_stale`] on the scratch directory of data directory `data` (personal-data
/// erasure calls it, so that no copy of an erased attachment outlives it there).
pub fn remove_stale_in(data: &Path, limits: &Limits) {
    remove_stale(&data.join("tmp").join("extract"), limits);
}

/// The lock file of a scratch directory, held by the process using it.
const LOCK: &str = ".lock";

fn remove_stale(scratch: &Path, limits: &Limits) {
    let bound = Duration::from_secs(limits.wall_seconds.saturating_mul(2).max(60));
    let Ok(entries) = std::fs::read_dir(scratch) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = match std::fs::File::open(entry.path().join(LOCK)) {
            // Nobody holds its lock: the process that made it is gone.
            Ok(lock) => {
                rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockExclusive)
                    .is_ok()
            }
            // No lock file (being created, or from before locks): by its age.
            Err(_) => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > bound),
        };
        if stale {
            tracing::info!(dir = %entry.path().display(), "removing a stale extraction scratch directory");
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Sandbox {
    /// A flag that, once set, stops the running child (the daemon's shutdown).
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        self.stop.clone()
    }

    /// Whether the stop flag is set.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Extracts the text of one attachment (`bytes`, detected as `kind`).
    pub fn extract(&self, kind: Kind, bytes: &[u8]) -> Outcome {
        if bytes.len() as u64 > self.limits.max_input_mb << 20 {
            return Outcome::without_text(
                State::TooLarge,
                format!(
                    "pièce jointe de {} Mo (limite {} Mo)",
                    bytes.len() >> 20,
                    self.limits.max_input_mb
                ),
            );
        }
        match self.run(kind, bytes) {
            Ok(o) => o,
            Err(e) => Outcome::without_text(State::Crashed, format!("{e:#}")),
        }
    }

    /// Starts one child on a few bytes of text: whether it could cut itself from the network
    /// (an error when the child cannot run at all).
    pub fn probe(&self) -> Result<bool> {
        let o = self.run(Kind::Text, b"probe")?;
        anyhow::ensure!(
            o.state == State::Ok,
            "the child answered {} ({})",
            o.state,
            o.detail
        );
        Ok(o.isolated)
    }

    fn run(&self, kind: Kind, bytes: &[u8]) -> Result<Outcome> {
        let dir = scratch_dir(&self.scratch)?;
        // Held while the directory is in use: a process that finds it free may remove the
        // directory (it was left by a killed run).
        let lock =
            std::fs::File::create(dir.join(LOCK)).context("cannot create the scratch lock")?;
        rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive)
            .context("cannot lock the scratch directory")?;
        let result = self.run_in(&dir, kind, bytes);
        let _ = std::fs::remove_dir_all(&dir);
        drop(lock);
        result
    }

    fn run_in(&self, dir: &Path, kind: Kind, bytes: &[u8]) -> Result<Outcome> {
        let input = dir.join("input");
        std::fs::write(&input, bytes).context("cannot write the scratch file")?;
        let job = Job {
            kind,
            limits: self.limits.clone(),
            tools: self.tools.clone(),
            isolate_network: true,
        };
        let mut child = Command::new(&self.exe)
            .arg("extract-child")
            .arg(&input)
            .env_clear()
            .env("LANG", "C.UTF-8")
            .env("HOME", dir)
            .env("TMPDIR", dir)
            .env("OMP_THREAD_LIMIT", "1")
            .env(JOB_ENV, serde_json::to_string(&job)?)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .context("cannot start the extraction child")?;
        let pid = rustix::process::Pid::from_child(&child);
        // Readers on their own threads, each bounded, so that a child that fills a pipe
        // cannot block and one that prints forever is cut.
        let cap = self.limits.max_chars as u64 * 4 + 65_536;
        let stdout = child.stdout.take().context("no stdout")?;
        let out = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = stdout.take(cap + 1).read_to_end(&mut buf);
            buf
        });
        let stderr = child.stderr.take().context("no stderr")?;
        let err = std::thread::spawn(move || super::child::drain(stderr, 16_384));
        let deadline = Instant::now() + Duration::from_secs(self.limits.wall_seconds);
        let mut timed_out = false;
        // The child is waited for on a thread of its own, so that its end is seen at once;
        // this thread watches the wall bound and the stop flag, and kills the group.
        let (ended_tx, ended) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let _ = ended_tx.send(child.wait());
        });
        let status = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match ended.recv_timeout(left.min(Duration::from_millis(100))) {
                Ok(status) => break status?,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    anyhow::bail!("lost the extraction child")
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            }
            if self.stopped() {
                let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
                let _ = ended.recv();
                let _ = waiter.join();
                anyhow::bail!("stopped (shutdown)");
            }
            if Instant::now() >= deadline {
                timed_out = true;
                let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
                break ended.recv().context("lost the extraction child")??;
            }
        };
        let _ = waiter.join();
        // Whatever it started dies with it (and the pipes close, ending the readers).
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        let out = out.join().unwrap_or_default();
        let err = err.join().unwrap_or_default();
        let err = String::from_utf8_lossy(&err);
        let last_err = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        if timed_out {
            return Ok(Outcome::without_text(
                State::Timeout,
                format!("plus de {} s : arrêté", self.limits.wall_seconds),
            ));
        }
        if out.len() as u64 > cap {
            return Ok(Outcome::without_text(
                State::TooLarge,
                "sortie au-delà de la limite",
            ));
        }
        if let Some(sig) = status.signal() {
            let (state, what) = match sig {
                s if s == libc_signal::XCPU || s == libc_signal::KILL => (
                    State::Timeout,
                    format!("temps de calcul dépassé ({} s)", self.limits.cpu_seconds),
                ),
                s if s == libc_signal::SEGV => (State::Crashed, "erreur de segmentation".into()),
                s if s == libc_signal::ABRT => {
                    (State::Crashed, "abandon (mémoire épuisée ?)".into())
                }
                s if s == libc_signal::XFSZ => {
                    (State::TooLarge, "fichier de travail trop grand".into())
                }
                s => (State::Crashed, format!("signal {s}")),
            };
            return Ok(Outcome::without_text(state, what));
        }
        if !status.success() {
            return Ok(Outcome::without_text(
                State::Crashed,
                format!("code {} {last_err}", status.code().unwrap_or(-1))
                    .trim()
                    .to_string(),
            ));
        }
        match serde_json::from_slice::<Outcome>(&out) {
            Ok(o) => Ok(o),
            Err(_) => Ok(Outcome::without_text(
                State::Crashed,
                format!("réponse illisible {last_err}").trim().to_string(),
            )),
        }
    }
}

/// Signal numbers (Linux), for reading how a child ended.
mod libc_signal {
    pub const KILL: i32 = 9;
    pub const SEGV: i32 = 11;
    pub const ABRT: i32 = 6;
    pub const XCPU: i32 = 24;
    pub const XFSZ: i32 = 25;
}

/// A new private directory under `root`.
fn scratch_dir(root: &Path) -> Result<PathBuf> {
    use std::os::unix::fs::DirBuilderExt as _;
    for _ in 0..16 {
        let mut name = [0u8; 8];
        getrandom::fill(&mut name).map_err(|e| anyhow::anyhow!("random: {e}"))?;
        let dir = root.join(hex::encode(name));
        match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", dir.display())),
        }
    }
    anyhow::bail!("cannot create a scratch directory under {}", root.display())
}

/// The child's side: `permanence extract-child INPUT` with the job in [`JOB_ENV`]. Prints the
/// outcome as JSON on standard output.
pub fn child_main(input: &Path) -> Result<()> {
    let job: Job = serde_json::from_str(
        &std::env::var(JOB_ENV).context("extract-child is run by permanence itself")?,
    )
    .context("unreadable job")?;
    let isolated = super::child::limit_self(&job.limits);
    let outcome = if job.isolate_network && !isolated && job.limits.require_isolation {
        Outcome::without_text(
            State::Unavailable,
            "isolement réseau impossible sur cette machine",
        )
    } else {
        super::child::extract(&job, input)
    };
    let outcome = Outcome {
        isolated,
        ..outcome
    };
    serde_json::to_writer(std::io::stdout().lock(), &outcome)?;
    Ok(())
}
