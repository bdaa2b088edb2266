//! `cleanweb describe`: what is in a dataset.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::DataArgs;
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
        Format::Json => {
            let mut obj = serde_json::Map::new();
            for (title, table) in &d.sections {
                let v: serde_json::Value =
                    serde_json::from_slice(&output::render(table, Format::Json)?)?;
                obj.insert(title.to_lowercase().replace(' ', "_"), v);
            }
            let mut out = serde_json::to_vec_pretty(&serde_json::Value::Object(obj))?;
            out.push(b'\n');
            out
        }
        Format::Csv => output::render(&d.sections[1].1, Format::Csv)?,
        f => {
            let mut out = Vec::new();
            for (i, (title, table)) in d.sections.iter().enumerate() {
                if i > 0 {
                    out.push(b'\n');
                }
                if f == Format::Markdown {
                    out.extend(format!("## {title}\n\n").as_bytes());
                } else {
                    out.extend(format!("{title}\n{}\n", "=".repeat(title.len())).as_bytes());
                }
                if table.rows.is_empty() {
                    out.extend(b"(none)\n");
                } else {
                    out.extend(output::render(table, f)?);
                }
            }
            out
        }
    };
    output::write_stdout(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
