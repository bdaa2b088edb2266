//! `cleanweb describe`: what is in a dataset.

use std::process::ExitCode;

use anyhow::Result;

use super::args::DataArgs;
use crate::describe;
use crate::output::{self, Format};

/// Describe a dataset: sources, dates, metrics, regions, authorities, relations, gaps.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  cleanweb describe\n  cleanweb describe --data my-campaign/ --format markdown\n  cleanweb describe --format json"
)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// table, json or markdown (csv prints the metrics table).
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let ds = args.data.load()?;
    let d = describe::describe(&ds);
    let bytes = match args.format {
        Format::Csv => output::render(&d.sections[1].1, Format::Csv)?,
        f => {
            let keys: Vec<String> = d
                .sections
                .iter()
                .map(|(title, _)| title.to_lowercase().replace(' ', "_"))
                .collect();
            let sections: Vec<(&str, &str, &output::Table)> = d
                .sections
                .iter()
                .zip(&keys)
                .map(|((title, t), key)| (key.as_str(), *title, t))
                .collect();
            output::render_sections(&sections, f, "(none)")?
        }
    };
    output::write_stdout(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
