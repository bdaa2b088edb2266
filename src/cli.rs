//! The command line: clap definitions, and the edge where errors become messages and
//! exit codes (0 success; 1 invalid data, failed checks or I/O failure; 2 usage).

use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, Parser, Subcommand};

use crate::cmd;
use crate::dataset::DataError;

#[derive(Parser, Debug)]
#[command(
    name = "cleanweb",
    version,
    about = "Checked, cited figures of internet clean-up campaigns: validate, aggregate, chart, reconcile, report.",
    long_about = "cleanweb turns the official statistics of an internet clean-up campaign into a checked, \
cited dataset, honest month-by-month and by-category aggregations, charts, and a verdict on whether \
the published totals add up. Without --data it works on the embedded Clean Network 2014 dataset.",
    after_help = "Examples:\n  cleanweb report\n  cleanweb validate --source-text article.txt\n  cleanweb aggregate --metric reports_received --by category --from 2014-09-01 --to 2014-09-30"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Validate(cmd::validate::Args),
    Export(cmd::export::Args),
    Aggregate(cmd::aggregate::Args),
    Reconcile(cmd::reconcile::Args),
    Chart(cmd::chart::Args),
    Report(cmd::report::Args),
    Describe(cmd::describe::Args),
    Diff(cmd::diff::Args),
    Init(cmd::init::Args),
    Extract(cmd::extract::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Example:\n  cleanweb completions bash > /etc/bash_completion.d/cleanweb"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output.
    #[command(after_help = "Example:\n  cleanweb man > cleanweb.1 && man ./cleanweb.1")]
    Man,
}

/// Parses the command line, runs it, and turns the outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            print_error(&e);
            // A question the data cannot answer honestly is a usage error: another
            // option answers it, and the message names it.
            let refused = matches!(
                e.downcast_ref::<crate::aggregate::AggregateError>(),
                Some(crate::aggregate::AggregateError::Refused(_))
            );
            ExitCode::from(if refused { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Validate(args) => cmd::validate::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Aggregate(args) => cmd::aggregate::run(args),
        Command::Reconcile(args) => cmd::reconcile::run(args),
        Command::Chart(args) => cmd::chart::run(args),
        Command::Report(args) => cmd::report::run(args),
        Command::Describe(args) => cmd::describe::run(args),
        Command::Diff(args) => cmd::diff::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "cleanweb", &mut out);
            crate::output::write_stdout(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            crate::output::write_stdout(&out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints an error chain; a data error lists one problem per line.
fn print_error(e: &anyhow::Error) {
    if let Some(DataError::Invalid(problems)) = e.downcast_ref::<DataError>() {
        for p in problems {
            eprintln!("{p}");
        }
        let n = problems.len();
        eprintln!(
            "cleanweb: {n} problem{} found",
            if n == 1 { "" } else { "s" }
        );
        return;
    }
    eprintln!("cleanweb: error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
