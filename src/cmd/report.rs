//! `cleanweb report`: the whole standard set, written atomically into one folder.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::DataArgs;
use crate::output;
use crate::report;

/// Write the standard report: every chart (SVG and PNG), report.md, report.html,
/// the tables, the reconciliation and manifest.json.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "The charts are those the package declares (cleanweb:views in datapackage.json), then the latest announcement and the figures by authority; a package that declares none gets at most 12 chosen from what its figures can answer. Every chart has a narrow rendering for phones in report.html, and the words under it are computed from the figures it draws.

Every file is built in memory first, written into a new folder beside the output folder, and the two folders are swapped in one rename: a reader sees the old report or the new one, never a mix, and a failed or killed run leaves the previous report as it was. The output folder is replaced whole, so it must be new, empty, or hold only an earlier report; two runs into one place wait for each other. A progress bar shows on standard error when it is a terminal.

Examples:
  cleanweb report
  cleanweb report --out out/
  cleanweb report --data my-campaign/ --out my-campaign-report/
  cleanweb report --data datasets/example-zh --lang zh --out zh-report/"
)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Folder to write into (created when missing).
    #[arg(long, value_name = "DIR", default_value = "charts")]
    pub out: PathBuf,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// The language of the charts and the report: en, or zh (Chinese, with the
    /// names the package gives in `cleanweb:titles`).
    #[arg(long, default_value = "en", value_parser = crate::words::Lang::parse)]
    pub lang: crate::words::Lang,
    /// Most bars of each chart the report chooses (2 to 25): the top values and
    /// "N others"; an announcement shows its N largest figures.
    #[arg(long, value_name = "N", default_value_t = report::DEFAULT_TOP, value_parser = parse_top)]
    pub top: usize,
}

fn parse_top(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (2..=report::MAX_TOP).contains(&n) => Ok(n),
        _ => Err(format!(
            "'{s}' is not a number of bars from 2 to {}",
            report::MAX_TOP
        )),
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("loading the data");
    let ds = args.data.load()?;
    // A view that asks what the package lacks is left out of the report (which says
    // so under the charts left out), and said here.
    for p in crate::dataset::views::problems(&ds.views) {
        bar.suspend(|| eprintln!("cleanweb: warning: {p}; the report leaves this view out"));
    }
    bar.set_length(report::steps(&ds) as u64 + 2);
    bar.inc(1);
    let files = report::build_top(&ds, args.lang, args.top, &mut |step| {
        bar.set_message(step.to_string());
        bar.inc(1);
    })?;
    bar.set_message("writing");
    let inputs = args.data.input_paths();
    for input in &inputs {
        if let (Ok(i), Ok(o)) = (
            std::fs::canonicalize(input),
            std::fs::canonicalize(&args.out),
        ) {
            if i.starts_with(&o) {
                anyhow::bail!(
                    "{}: holds {}, an input of this run; write the report elsewhere",
                    args.out.display(),
                    input.display()
                );
            }
        }
    }
    let named: Vec<(&str, &[u8])> = files
        .iter()
        .map(|f| (f.name.as_str(), f.bytes.as_slice()))
        .collect();
    output::write_folder(&args.out, &named)?;
    bar.finish_and_clear();
    if !args.quiet {
        eprintln!(
            "cleanweb: wrote {} files to {}",
            files.len(),
            args.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
