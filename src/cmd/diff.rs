//! `cleanweb diff`: two editions of one table, figure by figure.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};

use crate::dataset::{self, DataSource, Dataset};
use crate::diff::{self, Keys};
use crate::output::{self, Format};

/// Which part of a comparison to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    All,
    Figures,
    Totals,
}

/// Compare two editions of a table: the figures revised, added and removed.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "OLD and NEW are two data packages, two observation tables, or, with --mapping PACKAGE, two editions of the one mapped table of PACKAGE (each read under its mapping). Figures are matched by what they are (metric, period, every dimension, unit and basis), not by their line. Columns: change (revised, added, removed), the keys, old, new, revision (new - old), and the cell of each edition.

Examples:
  cleanweb diff old-edition/ new-edition/
  cleanweb diff requests-2020.csv requests-2021.csv --mapping transparency/
  cleanweb diff old/ new/ --section totals --by country --format markdown"
)]
pub struct Args {
    /// The older edition: a package folder or a table.
    pub old: PathBuf,
    /// The newer edition.
    pub new: PathBuf,
    /// A package whose one mapped table OLD and NEW are editions of.
    #[arg(long, value_name = "PACKAGE")]
    pub mapping: Option<PathBuf>,
    /// Count the changes by this key as well as by metric (any key --by takes).
    #[arg(long, value_name = "KEY")]
    pub by: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Which part to print; CSV prints one table, the figures unless told otherwise.
    #[arg(long, value_enum, default_value = "all")]
    pub section: Section,
    /// Exit 1 when the editions differ.
    #[arg(long)]
    pub check: bool,
}

fn edition(path: &Path, mapping: Option<&Path>) -> Result<Dataset> {
    let opts = dataset::LoadOptions::default();
    Ok(match mapping {
        Some(dir) if !path.is_dir() => dataset::load_edition(dir, path, &opts)?,
        Some(_) => bail!(
            "{}: with --mapping, name two tables, not folders",
            path.display()
        ),
        None => dataset::load(&DataSource::from_arg(Some(path)), &opts)?,
    })
}

/// Editions whose mappings name other keys cannot be compared figure by figure:
/// every figure would be "removed" under one key and "added" under the other.
fn same_keys(args: &Args, old: &Dataset, new: &Dataset) -> Result<()> {
    let names =
        |d: &Dataset| -> Vec<String> { d.dimensions.iter().map(|n| n.name.clone()).collect() };
    let (a, b) = (names(old), names(new));
    let only = |x: &[String], y: &[String]| -> Vec<String> {
        x.iter()
            .filter(|n| !y.contains(n))
            .map(|n| format!("'{n}'"))
            .collect()
    };
    let (gone, came) = (only(&a, &b), only(&b, &a));
    if gone.is_empty() && came.is_empty() {
        return Ok(());
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    bail!(
        "the editions are mapped with other keys: {} has the dimension(s) {} where {} has {}; figures are matched by their keys, never by their line, so map both editions with the same dimensions",
        args.old.display(),
        list(&gone),
        args.new.display(),
        list(&came)
    )
}

pub fn run(args: Args) -> Result<ExitCode> {
    let old = edition(&args.old, args.mapping.as_deref())?;
    let new = edition(&args.new, args.mapping.as_deref())?;
    same_keys(&args, &old, &new)?;
    let keys = Keys::of(&old, &new);
    let diffs = diff::diff(&old, &new, &keys);
    let by = match &args.by {
        Some(b) => {
            let d = crate::cmd::aggregate::parse_dimension(b, &new.dimensions)?;
            Some((b.as_str(), d))
        }
        None => None,
    };
    let figures = diff::table(&diffs, &keys);
    let totals = diff::totals(&diffs, by, &old, &new);
    let figures = ("figures", "Figures that differ", &figures);
    let totals = ("totals", "Changes by metric", &totals);
    let sections = match args.section {
        Section::All => vec![figures, totals],
        Section::Figures => vec![figures],
        Section::Totals => vec![totals],
    };
    let bytes = match args.format {
        Format::Csv => output::render(sections[0].2, Format::Csv)?,
        f => output::render_sections(&sections, f, "(none: the editions agree)")?,
    };
    output::write_stdout(&bytes)?;
    if args.check && !diffs.is_empty() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
