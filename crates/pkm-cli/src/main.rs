//! `pkm`: the command-line tool over the core, for provincial IT staff. It reads bundle files,
//! validates them, merges them into one province bundle and prints a year's figures (text with the
//! meeting's summary paragraph, or JSON). Messages are in Vietnamese by default (`--lang en` for
//! English). Exit codes: 0 success, 1 a file was refused, 2 wrong usage or an I/O error.
//!
//! This binary is the only place in the workspace's core tooling that reads the clock and files;
//! the core gets both injected.

mod args;
mod commands;
mod reads_ahead;
mod text;

use std::process::ExitCode;

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    match args::parse(&arguments) {
        Ok(command) => commands::run(command, &mut stdout, &mut stderr),
        Err(error) => {
            let _ = text::write_usage_error(&mut stderr, &error);
            ExitCode::from(2)
        }
    }
}
