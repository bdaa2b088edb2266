//! `cleanweb aggregate`: honest sums by month, category, region, authority, entity
//! or metric, with intervals, running totals and periods kept apart.

use std::process::ExitCode;

use anyhow::Result;

use crate::aggregate::{self, Query};
use crate::cli::DataArgs;
use crate::dataset::{self, Basis, DataSource, Date, Dimension, DimensionName};
use crate::output::{self, Format};

/// Sum what may be summed, by the keys you name; refuse what may not.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Columns: the keys (month as YYYY-MM), low, high (empty when unbounded: a 'more than' figure), n (observations counted), approx, note. A month with no figure is a row with n = 0 and no value: not reported, not zero.

Examples:
  cleanweb aggregate --metric reports_received --by category --from 2014-09-01 --to 2014-09-30
  cleanweb aggregate --metric websites_closed --by month --basis cumulative --region national
  cleanweb aggregate --metric websites_closed --by month --increments --region national
  cleanweb aggregate --metric fines_yuan --by entity --format markdown
  cleanweb aggregate --metric arrests,detentions --by month,metric --format csv"
)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub query: QueryArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Print which figures were left out and why, on standard error.
    #[arg(long, short)]
    pub verbose: bool,
}

/// What to aggregate; shared by `aggregate` and `chart`.
#[derive(clap::Args, Debug, Clone)]
pub struct QueryArgs {
    /// Metric(s) to aggregate, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    pub metric: Vec<String>,
    /// Key(s) to group by, comma-separated: month, period, category, region,
    /// authority, entity, metric, or a dimension a mapped table names (country, ...).
    #[arg(long, value_delimiter = ',', required = true)]
    pub by: Vec<String>,
    /// First day included (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last day included (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<Date>,
    /// Only this region (national, or a province or city).
    #[arg(long)]
    pub region: Option<String>,
    /// Only this category ("" for figures without one).
    #[arg(long)]
    pub category: Option<String>,
    /// Only figures of this basis: event, cumulative, period, rate, share.
    #[arg(long, value_parser = parse_basis)]
    pub basis: Option<Basis>,
    /// Only figures in this unit (count, yuan, years, ...).
    #[arg(long)]
    pub unit: Option<String>,
    /// Running totals as differences between consecutive snapshots.
    #[arg(long)]
    pub increments: bool,
    /// Only figures whose key has this value, as KEY=VALUE (repeatable): any key
    /// --by takes, such as country=Germany or period=2015-H1.
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
    /// Count each figure under the value at this level of its dimension's
    /// hierarchy (cleanweb:hierarchies): --by region --up-to province counts a
    /// city's figures under its province, each once.
    #[arg(long, value_name = "LEVEL")]
    pub up_to: Option<String>,
}

/// A key by name, among the package's own dimension names and every table's keys.
pub fn parse_dimension(s: &str, names: &[DimensionName]) -> Result<Dimension> {
    match Dimension::parse_in(s, names) {
        Some(d) => Ok(d),
        // A usage error (exit 2), as clap's own would be: the keys are the data's.
        None => Err(aggregate::AggregateError::Refused(format!(
            "'{s}' is not a key; use {}",
            dataset::key_names(names)
        ))
        .into()),
    }
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

pub fn parse_basis(s: &str) -> Result<Basis, String> {
    Basis::parse(s).ok_or_else(|| {
        format!("'{s}' is not a basis; use event, cumulative, period, rate or share")
    })
}

impl QueryArgs {
    /// The question, its keys resolved among the package's dimension `names`.
    pub fn query(&self, names: &[DimensionName]) -> Result<Query> {
        if let (Some(f), Some(t)) = (self.from, self.to) {
            if t < f {
                // A usage error (exit 2), as every refusal of the question.
                return Err(aggregate::AggregateError::Refused(format!(
                    "--to {t} is before --from {f}"
                ))
                .into());
            }
        }
        let mut filters = Vec::new();
        for f in &self.filters {
            let Some((k, v)) = f.split_once('=') else {
                return Err(aggregate::AggregateError::Refused(format!(
                    "--where {f}: give KEY=VALUE, such as country=Germany"
                ))
                .into());
            };
            filters.push((parse_dimension(k.trim(), names)?, v.trim().to_string()));
        }
        Ok(Query {
            metrics: self.metric.clone(),
            by: self
                .by
                .iter()
                .map(|b| parse_dimension(b.trim(), names))
                .collect::<Result<_>>()?,
            from: self.from,
            to: self.to,
            region: self.region.clone(),
            category: self.category.clone(),
            basis: self.basis,
            unit: self.unit.clone(),
            increments: self.increments,
            filters,
            names: names.to_vec(),
            up_to: self.up_to.clone(),
        })
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let agg = run_query(&args.data, |names| args.query.query(names), args.verbose)?;
    if args.verbose {
        for note in &agg.notes {
            eprintln!("note: {note}");
        }
    }
    output::write_stdout(&output::render(&agg.table(), args.format)?)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs a query. A single table (CSV or Parquet) is read, checked and summed on
/// every core without being held; a data package is loaded whole, with its
/// relations. With `verbose`, says on standard error how the table was read.
pub fn run_query(
    data: &DataArgs,
    question: impl Fn(&[DimensionName]) -> Result<Query>,
    verbose: bool,
) -> Result<aggregate::Aggregation> {
    if let DataSource::Table(path) = data.source() {
        let query = question(&[])?;
        let empty = aggregate::Sums::new(&query);
        let table = dataset::read_table(&path, &data.options(), || empty.clone())?;
        if verbose {
            eprintln!("note: {}: {}", path.display(), table.how);
        }
        let mut all = empty;
        for s in table.sinks {
            all.merge(s);
        }
        return Ok(all.finish(&table.lines)?);
    }
    let ds = data.load()?;
    let query = question(&ds.dimensions)?;
    Ok(aggregate::aggregate(&ds, &query)?)
}
