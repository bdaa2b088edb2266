//! `cleanweb export`: the normalised observations as CSV, JSON or Parquet.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use polars::prelude::{ParquetCompression, ParquetWriter};

use super::args::DataArgs;
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
    /// Add, after the contract's columns, what each figure counts as `reconcile`
    /// checks it: `rounded_to` (10000 for "12.34 million"), `items` (a figure for
    /// each of several items), `checked_low` and `checked_high` (CSV and JSON).
    #[arg(long)]
    pub checked: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.format == ExportFormat::Parquet && args.out.is_none() {
        bail!("Parquet is binary: name a file with --out FILE.parquet");
    }
    if args.format == ExportFormat::Parquet && args.checked {
        bail!("--checked adds columns to CSV and JSON; Parquet keeps the contract's columns");
    }
    let ds = args.data.load()?;
    let mut table = crate::dataset::export::dataset_table(&ds);
    if args.checked {
        checked_columns(&mut table, &ds.observations);
    }
    let bytes = match args.format {
        ExportFormat::Csv => output::render(&table, output::Format::Csv)?,
        ExportFormat::Json => output::render(&table, output::Format::Json)?,
        ExportFormat::Parquet => parquet_bytes(&ds.observations)?,
    };
    output::emit(args.out.as_deref(), &bytes, &args.data.input_paths())?;
    Ok(ExitCode::SUCCESS)
}

/// The columns of `--checked`, one row per observation in order.
fn checked_columns(t: &mut output::Table, obs: &[Observation]) {
    use output::Cell;
    t.columns
        .extend(["rounded_to", "items", "checked_low", "checked_high"].map(String::from));
    for (row, o) in t.rows.iter_mut().zip(obs) {
        let v = o.checked_interval();
        row.push(Cell::opt_amount(o.rounded_to()));
        row.push(o.per_item.map_or(Cell::Empty, |p| Cell::text(p.words())));
        row.push(Cell::opt_amount(v.low));
        row.push(Cell::opt_amount(v.high));
    }
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
