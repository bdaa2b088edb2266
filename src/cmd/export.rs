//! `cleanweb export`: the normalised observations as CSV, JSON or Parquet.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use polars::prelude::{ParquetCompression, ParquetWriter};

use crate::cli::DataArgs;
use crate::dataset::{frame, Observation};
use crate::output;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Parquet,
}

/// Write the checked observations with the columns of the data contract, in order.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  cleanweb export --format csv > observations.csv\n  cleanweb export --format json --out observations.json\n  cleanweb export --format parquet --out observations.parquet\n\nCSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a leading apostrophe."
)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// Output file (written atomically); standard output when absent.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.format == ExportFormat::Parquet && args.out.is_none() {
        bail!("Parquet is binary: name a file with --out FILE.parquet");
    }
    let ds = args.data.load()?;
    let bytes = match args.format {
        ExportFormat::Csv => output::render(&output::dataset_table(&ds), output::Format::Csv)?,
        ExportFormat::Json => output::render(&output::dataset_table(&ds), output::Format::Json)?,
        ExportFormat::Parquet => parquet_bytes(&ds.observations)?,
    };
    output::emit(args.out.as_deref(), &bytes, &args.data.input_paths())?;
    Ok(ExitCode::SUCCESS)
}

fn parquet_bytes(obs: &[Observation]) -> Result<Vec<u8>> {
    let mut df = frame::observations_frame(obs).context("cannot build the observation table")?;
    let mut buf = Vec::new();
    ParquetWriter::new(&mut buf)
        .with_compression(ParquetCompression::Zstd(None))
        .finish(&mut df)
        .context("cannot write Parquet")?;
    Ok(buf)
}
