//! `cleanweb diff`: two editions of one table, figure by figure.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};

use crate::dataset::{self, DataSource, Dataset};
use crate::diff::{self, Keys, Question};
use crate::output::{self, Format};

/// Which part of a comparison to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    All,
    Figures,
    Periods,
    Totals,
}

/// Compare two editions of a table: the figures revised, added and removed.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "OLD and NEW are two data packages, two observation tables, or, with --mapping PACKAGE, two editions of the one mapped table of PACKAGE (each read under its mapping, a column under its other headers). Figures are matched by what they are (metric, period, every dimension, unit and basis), not by their line; a value's other spellings (the mapping's \"spellings\") are one value.

Sections: figures (revisions first, then the figures found in one edition only, those that differ from one of the other edition in one dimension alone together, with what to look at), periods (figures of periods only one edition covers, counted by period, never listed), totals (by metric and --by KEY, over the periods both cover: the old sum, the new sum and the revision, as intervals).

Examples:
  cleanweb diff old-edition/ new-edition/
  cleanweb diff requests-2020.csv requests-2021.csv --mapping transparency/
  cleanweb diff old/ new/ --section totals --by country --format markdown
  cleanweb diff old/ new/ --metric requests --where country=Germany"
)]
pub struct Args {
    /// The older edition: a package folder or a table.
    pub old: PathBuf,
    /// The newer edition.
    pub new: PathBuf,
    /// A package whose one mapped table OLD and NEW are editions of.
    #[arg(long, value_name = "PACKAGE")]
    pub mapping: Option<PathBuf>,
    /// Sum and count the changes by this key as well as by metric (period or a
    /// dimension).
    #[arg(long, value_name = "KEY")]
    pub by: Option<String>,
    /// Only figures of this metric (repeatable).
    #[arg(long, value_name = "METRIC")]
    pub metric: Vec<String>,
    /// Only figures whose key has this value, as KEY=VALUE (repeatable), such as
    /// country=Germany or period=2019-H1.
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
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

/// A usage error (exit 2).
fn refused(msg: String) -> anyhow::Error {
    crate::aggregate::AggregateError::Refused(msg).into()
}

/// The question of `--metric` and `--where`, each key and value checked against
/// the figures of both editions (a value absent from both is a usage error that
/// names the nearest).
fn question(args: &Args, keys: &Keys, old: &Dataset, new: &Dataset) -> Result<Question> {
    let mut asked: Vec<(usize, Vec<String>)> = Vec::new();
    if !args.metric.is_empty() {
        asked.push((0, args.metric.clone()));
    }
    for f in &args.filters {
        let Some((k, v)) = f.split_once('=') else {
            return Err(refused(format!(
                "--where {f}: give KEY=VALUE, such as country=Germany"
            )));
        };
        let Some(at) = keys.position(k.trim()).filter(|&i| i > 0) else {
            return Err(refused(format!(
                "--where {f}: '{}' is not a key of these editions; use {}",
                k.trim(),
                keys.names()[1..].join(", ")
            )));
        };
        asked.push((at, vec![v.trim().to_string()]));
    }
    let mut filters = Vec::new();
    for (at, values) in asked {
        let mut seen: Vec<String> = [(old, false), (new, true)]
            .iter()
            .flat_map(|(ds, in_new)| {
                ds.observations
                    .iter()
                    .map(|o| keys.key(*in_new, o)[at].clone())
            })
            .collect();
        seen.sort_unstable();
        seen.dedup();
        let seen: Vec<&str> = seen.iter().map(String::as_str).collect();
        let mut ok = Vec::new();
        for v in values {
            let v = keys.spelled(at, &v).to_string();
            if !seen.contains(&v.as_str()) {
                let name = keys.names()[at];
                let hint = crate::table::closest(&v, &seen)
                    .map(|c| format!(" (did you mean '{c}'?)"))
                    .unwrap_or_default();
                return Err(refused(format!(
                    "no figure of either edition has {name} '{v}'{hint}"
                )));
            }
            ok.push(v);
        }
        filters.push((at, ok));
    }
    Ok(Question { filters })
}

pub fn run(args: Args) -> Result<ExitCode> {
    let old = edition(&args.old, args.mapping.as_deref())?;
    let new = edition(&args.new, args.mapping.as_deref())?;
    same_keys(&args, &old, &new)?;
    let keys = Keys::of(&old, &new);
    let q = question(&args, &keys, &old, &new)?;
    let by = match &args.by {
        Some(b) => Some(keys.position(b.trim()).filter(|&i| i > 0).ok_or_else(|| {
            refused(format!(
                "--by {b}: not a key of these editions; use {}",
                keys.names()[1..].join(", ")
            ))
        })?),
        None => None,
    };
    let c = diff::compare(&old, &new, &keys, &q);
    for words in diff::uncovered_words(&c) {
        eprintln!("note: {words}; counted by period under --section periods");
    }
    let figures = diff::figures_table(&c, &keys);
    let periods = diff::periods_table(&c);
    let totals = diff::totals_table(&c, &keys, by);
    let figures = ("figures", "Figures that differ", &figures);
    let periods = ("periods", "Periods only one edition covers", &periods);
    let totals = ("totals", "Sums and changes by metric", &totals);
    let sections = match args.section {
        // A table for people shows no empty section of periods; JSON keeps its keys.
        Section::All if c.uncovered.is_empty() && args.format != Format::Json => {
            vec![figures, totals]
        }
        Section::All => vec![figures, periods, totals],
        Section::Figures => vec![figures],
        Section::Periods => vec![periods],
        Section::Totals => vec![totals],
    };
    let bytes = match args.format {
        Format::Csv => output::render(sections[0].2, Format::Csv)?,
        f => {
            let empty = if c.differs() {
                "(none)"
            } else {
                "(none: the editions agree)"
            };
            output::render_sections(&sections, f, empty)?
        }
    };
    output::write_stdout(&bytes)?;
    if args.check && c.differs() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
