//! `mailbox login NAME` and `mailbox logout NAME`: obtain, or forget, the OAuth2 tokens of a
//! mailbox configured with `[mailbox.oauth2]` (Microsoft 365, Google). The flows and the token
//! file are `imap::oauth`'s; this front-end prints the instructions and the outcome.

use std::io::BufRead as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand};

use crate::config::{Config, MailboxConfig};
use crate::util::terminal_safe;

/// Sign a mailbox in with OAuth2 (Microsoft 365, Google), or forget its tokens.
#[derive(Debug, Args)]
pub struct MailboxArgs {
    #[command(subcommand)]
    command: MailboxCommand,
}

#[derive(Debug, Subcommand)]
enum MailboxCommand {
    /// Obtain the tokens once: prints an address and a code (Microsoft) or an address to open
    /// (Google), waits for the sign-in, then keeps the tokens (DATA/oauth2/NAME.json, mode 600).
    /// Run it as the user the daemon runs as (`sudo -u permanence …`).
    Login {
        /// The mailbox's `name` in the configuration.
        name: String,
    },
    /// Forget the tokens of a mailbox (the daemon can no longer sign in until the next login;
    /// revoke the consent at the provider too).
    Logout {
        /// The mailbox's `name` in the configuration.
        name: String,
    },
}

fn mailbox<'a>(config: &'a Config, dir: &Path, name: &str) -> Result<&'a MailboxConfig> {
    let Some(m) = config.mailbox.iter().find(|m| m.name.get_ref() == name) else {
        bail!(
            "no [[mailbox]] named {} in {}",
            terminal_safe(name),
            crate::context::config_path(dir).display()
        );
    };
    if m.oauth2.is_none() {
        bail!(
            "mailbox {} signs in with a password: add a [mailbox.oauth2] section to use OAuth2",
            terminal_safe(name)
        );
    }
    Ok(m)
}

/// Runs a `mailbox` command.
pub fn run(dir: &Path, args: MailboxArgs) -> Result<ExitCode> {
    let config = Config::load(&crate::context::config_path(dir))?;
    match args.command {
        MailboxCommand::Login { name } => {
            let m = mailbox(&config, dir, &name)?;
            let path = m.token_file(dir).context("no token file")?;
            let paste: Box<dyn FnMut() -> Option<String> + Send> = Box::new(|| {
                let mut line = String::new();
                match std::io::stdin().lock().read_line(&mut line) {
                    Ok(0) | Err(_) => None,
                    Ok(_) => Some(line),
                }
            });
            let tokens =
                crate::imap::oauth::login(m, dir, &mut |text| println!("{text}"), Some(paste))?;
            println!(
                "tokens kept in {} (mode 600); the access token is valid until {}, and is renewed by itself",
                path.display(),
                crate::util::rfc3339(tokens.expires_at, 0)
            );
            // Proof that the token opens this mailbox (a sign-in with another account would
            // otherwise only show at the daemon's first connection).
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let probe = runtime.block_on(crate::imap::session::probe(
                m,
                dir,
                std::time::Duration::from_secs(45),
            ));
            match probe {
                Ok(probe) => {
                    let folders: Vec<String> = probe
                        .folders
                        .iter()
                        .map(|(f, n)| format!("{} ({n} messages)", terminal_safe(f)))
                        .collect();
                    println!(
                        "signed in: {} accepted the token for {}; {}",
                        terminal_safe(m.host.get_ref()),
                        terminal_safe(&m.username),
                        folders.join(", ")
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(err) => bail!(
                    "the tokens were obtained, but {} refused them for {}: {} (was the sign-in made with the account of this mailbox, or one with access to it?)",
                    terminal_safe(m.host.get_ref()),
                    terminal_safe(&m.username),
                    terminal_safe(&err.to_string())
                ),
            }
        }
        MailboxCommand::Logout { name } => {
            let m = mailbox(&config, dir, &name)?;
            match crate::imap::oauth::logout(m, dir)? {
                Some(path) => println!(
                    "removed {} (revoke the consent at the provider too: Microsoft « Mes applications », Google « Applications tierces »)",
                    path.display()
                ),
                None => println!("mailbox {} has no tokens", terminal_safe(&name)),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
