//! The command line: clap definitions, and the edge where errors become messages and
//! exit codes (0 success; 1 invalid data, failed checks or I/O failure; 2 usage).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, Parser, Subcommand};

use crate::cmd;
use crate::dataset::{self, DataError, DataSource, Dataset, LoadOptions};

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

/// Where the data comes from and how to read it; shared by every subcommand that
/// reads data.
#[derive(clap::Args, Debug, Clone)]
pub struct DataArgs {
    /// A data package folder (with datapackage.json), or one observation table
    /// (.csv or .parquet; - reads CSV from standard input). Default: the embedded
    /// Clean Network 2014 dataset.
    #[arg(long, value_name = "PATH")]
    pub data: Option<PathBuf>,
    /// Field delimiter of CSV input: one character, or '\t' for tab.
    #[arg(long, value_name = "CHAR", default_value = ",", value_parser = parse_delimiter)]
    pub delimiter: u8,
    /// Longest field accepted, in characters; longer fields are an error (at most
    /// 268435456, 256 Mi).
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = parse_max_field_length)]
    pub max_field_length: usize,
    /// Stop reading after this many problems (the first ones in the file are listed).
    #[arg(long, value_name = "N", default_value_t = crate::table::DEFAULT_MAX_PROBLEMS, value_parser = clap::value_parser!(usize))]
    pub max_problems: usize,
    /// Check a table again even when the same bytes were found valid before (the
    /// cache of tables checked is ~/.cache/cleanweb/checked, or $CLEANWEB_CACHE).
    #[arg(long)]
    pub no_cache: bool,
    /// Read a Parquet table row by row, as the exact reference for the columnar
    /// reading (the answer is the same; for tests and for telling the two apart).
    #[arg(long, hide = true)]
    pub row_by_row: bool,
}

fn parse_max_field_length(s: &str) -> Result<usize, String> {
    let max = crate::table::MAX_FIELD_LENGTH;
    match s.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        Ok(_) => Err(format!(
            "{s} is over the longest field the reader can hold in memory ({max} characters)"
        )),
        Err(e) => Err(format!("'{s}' is not a number of characters: {e}")),
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "\\t" | "tab" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() && s != "\"" && s != "\n" => Ok(s.as_bytes()[0]),
        _ => Err(format!("'{s}' is not a one-character ASCII delimiter")),
    }
}

impl DataArgs {
    pub fn source(&self) -> DataSource {
        DataSource::from_arg(self.data.as_deref())
    }

    pub fn options(&self) -> LoadOptions {
        LoadOptions {
            delimiter: self.delimiter,
            max_field_len: self.max_field_length,
            max_problems: self.max_problems.max(1),
            cache: !self.no_cache,
            hashes: true,
            by_columns: !self.row_by_row,
        }
    }

    pub fn load(&self) -> Result<Dataset, DataError> {
        dataset::load(&self.source(), &self.options())
    }

    /// The files this run reads, so that no output overwrites one of them.
    pub fn input_paths(&self) -> Vec<PathBuf> {
        match self.source() {
            DataSource::Embedded => Vec::new(),
            DataSource::Table(p) => vec![p],
            DataSource::Package(dir) => std::fs::read_dir(&dir)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default(),
        }
    }
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
