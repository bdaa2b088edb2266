//! `cleanweb export`: the normalised observations as CSV, JSON or Parquet.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use polars::prelude::{ParquetCompression, ParquetWriter};

use crate::cli::DataArgs;
use crate::dataset::{frame, Observation, OBSERVATION_COLUMNS};
use crate::output::{self, Cell, Table};

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
        ExportFormat::Csv => {
            output::render(&observations_table(&ds.observations), output::Format::Csv)?
        }
        ExportFormat::Json => {
            output::render(&observations_table(&ds.observations), output::Format::Json)?
        }
        ExportFormat::Parquet => parquet_bytes(&ds.observations)?,
    };
    output::emit(args.out.as_deref(), &bytes, &args.data.input_paths())?;
    Ok(ExitCode::SUCCESS)
}

/// The observations as a result table with the contract's columns.
pub fn observations_table(obs: &[Observation]) -> Table {
    let mut t = Table::new(&OBSERVATION_COLUMNS);
    let date =
        |d: Option<crate::dataset::Date>| d.map_or(Cell::Empty, |d| Cell::text(d.to_string()));
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::text(s)
        }
    };
    for o in obs {
        t.rows.push(vec![
            Cell::text(&o.id),
            date(Some(o.date)),
            date(o.period_start),
            date(o.period_end),
            text(&o.authority),
            text(&o.region),
            Cell::text(&o.metric),
            text(&o.category),
            text(&o.entity),
            Cell::Int(i128::from(o.value)),
            Cell::opt_int(o.value_max.map(i128::from)),
            Cell::text(o.qualifier.as_str()),
            Cell::text(&o.unit),
            Cell::text(o.basis.as_str()),
            Cell::text(&o.quote),
            text(&o.source),
            text(&o.note),
        ]);
    }
    t
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
