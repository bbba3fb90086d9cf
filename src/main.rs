//! `permanence` binary: parse the command line, set up logging, run the command and turn its
//! outcome into an exit code (0 when the work was done, even if some inputs were bad; 1 when the
//! run itself failed; 2 for usage errors, as clap does).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = permanence::cli::Cli::parse();
    permanence::cli::init_tracing(cli.verbose, cli.quiet);
    match permanence::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
