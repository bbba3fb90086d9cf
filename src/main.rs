//! `permanence` binary: parse the command line, set up logging, run the command and turn its
//! outcome into an exit code (0 when the work was done, even if some inputs were bad; 1 when the
//! run itself failed; 2 for usage errors, as clap does).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Before any file is created: the data directory holds private mail.
    permanence::context::private_by_default();
    quiet_on_broken_pipe();
    let cli = permanence::cli::Cli::parse();
    permanence::cli::init_tracing(cli.verbose, cli.quiet);
    match permanence::cli::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Errors may quote file names and mail text: no escape sequence reaches the terminal
            // (line breaks stay: parse errors show the offending line under its number).
            eprintln!(
                "error: {}",
                permanence::util::terminal_safe_text(&format!("{err:#}"))
            );
            ExitCode::FAILURE
        }
    }
}

/// `permanence search x | head`: the reader went away, which is not an error. Rust ignores
/// SIGPIPE, so `println!` panics on a closed pipe; end quietly instead (what a C tool's default
/// SIGPIPE action would do).
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or_default();
        if text.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
