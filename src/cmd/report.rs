//! `cleanweb report`: the whole standard set, written atomically into one folder.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::DataArgs;
use crate::output;
use crate::report;

/// Write the standard report (tables, reconciliation, report.md, manifest.json).
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Every file is built in memory first and then written through a temporary file and a rename: a failed run leaves the previous report as it was.

Examples:
  cleanweb report
  cleanweb report --out out/
  cleanweb report --data my-campaign/ --out my-campaign-report/"
)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Folder to write into (created when missing).
    #[arg(long, value_name = "DIR", default_value = "charts")]
    pub out: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let ds = args.data.load()?;
    let files = report::build(&ds)?;
    if args.out.exists() && !args.out.is_dir() {
        anyhow::bail!("{}: exists and is not a folder", args.out.display());
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{}: cannot create the folder", args.out.display()))?;
    let inputs = args.data.input_paths();
    for f in &files {
        output::check_output_path(&args.out.join(&f.name), &inputs)?;
    }
    for f in &files {
        output::write_atomic(&args.out.join(&f.name), &f.bytes)?;
    }
    eprintln!(
        "cleanweb: wrote {} files to {}",
        files.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
