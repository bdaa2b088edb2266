//! The `cleanweb` binary: parse the command line, run, map the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    cleanweb::cli::main()
}
