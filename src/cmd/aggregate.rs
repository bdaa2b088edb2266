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
    /// Only the first N rows (by --sort; largest values first when --sort is not
    /// given); how many are left out is said on standard error.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub top: Option<u64>,
    /// The order of the rows: key (the keys in order, the default) or value
    /// (largest first: by the low end, then the high end, an open high end
    /// highest; rows not reported last).
    #[arg(long, value_enum)]
    pub sort: Option<Sort>,
    /// Print which figures were left out and why, on standard error.
    #[arg(long, short)]
    pub verbose: bool,
}

/// The order of an answer's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    Key,
    Value,
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
    /// Only figures of this basis: event, cumulative, period, rate, share,
    /// change_previous_period, change_previous_year.
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
    Basis::parse(s).ok_or_else(|| format!("'{s}' is not a basis; use one of {}", Basis::words()))
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
    let mut agg = run_query(&args.data, |names| args.query.query(names), args.verbose)?;
    if args.verbose {
        for note in &agg.notes {
            eprintln!("note: {note}");
        }
    }
    if let Some(why) = why_empty(&args.data, &args.query, &agg)? {
        eprintln!("note: {why}");
    }
    match args.sort.or(args.top.map(|_| Sort::Value)) {
        Some(Sort::Value) => sort_by_value(&mut agg.rows),
        Some(Sort::Key) => agg.rows.sort_by(|a, b| a.keys.cmp(&b.keys)),
        None => {}
    }
    if let Some(n) = args.top {
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        if agg.rows.len() > n {
            eprintln!(
                "note: --top {n}: {} more rows not shown",
                agg.rows.len() - n
            );
            agg.rows.truncate(n);
        }
    }
    output::write_stdout(&output::render(&agg.table(), args.format)?)?;
    Ok(ExitCode::SUCCESS)
}

/// Largest first: by the low end, then the high end (an open high end highest);
/// rows not reported last; ties in the order of their keys.
fn sort_by_value(rows: &mut [aggregate::Row]) {
    let rank = |r: &aggregate::Row| {
        r.value
            .map(|v| (v.low.unwrap_or(0), v.high.map_or(i128::MAX, |h| h)))
    };
    rows.sort_by(|a, b| rank(b).cmp(&rank(a)).then_with(|| a.keys.cmp(&b.keys)));
}

/// Why an answer holds no figure, when it holds none: figures of periods longer
/// than a month asked by month (the question by period finds them), or the filters
/// that select nothing.
pub fn why_empty(
    data: &DataArgs,
    question: &QueryArgs,
    agg: &aggregate::Aggregation,
) -> Result<Option<String>> {
    if agg.rows.iter().any(|r| r.n > 0) {
        return Ok(None);
    }
    let metrics = question.metric.join(", ");
    if let Some(i) = question.by.iter().position(|b| b.trim() == "month") {
        let mut by_period = question.clone();
        by_period.by[i] = "period".into();
        if let Ok(other) = run_query(data, |names| by_period.query(names), false) {
            let periods: std::collections::BTreeSet<&str> = other
                .rows
                .iter()
                .filter(|r| r.n > 0)
                .map(|r| r.keys[i].as_str())
                .collect();
            if !periods.is_empty() {
                let shown: Vec<&str> = periods.iter().take(4).copied().collect();
                return Ok(Some(format!(
                    "no figure of {metrics} falls in one month: the figures selected cover longer periods ({}{}); ask --by period",
                    shown.join(", "),
                    if periods.len() > shown.len() { ", ..." } else { "" }
                )));
            }
        }
    }
    let mut given = Vec::new();
    if let Some(b) = question.basis {
        given.push(format!("--basis {}", b.as_str()));
    }
    if let Some(u) = &question.unit {
        given.push(format!("--unit {u}"));
    }
    if let Some(f) = question.from {
        given.push(format!("--from {f}"));
    }
    if let Some(t) = question.to {
        given.push(format!("--to {t}"));
    }
    for (flag, v) in [
        ("--region", &question.region),
        ("--category", &question.category),
    ] {
        if let Some(v) = v {
            given.push(format!("{flag} {v}"));
        }
    }
    given.extend(question.filters.iter().map(|f| format!("--where {f}")));
    Ok(Some(if given.is_empty() {
        format!("no figure of {metrics} answers this question")
    } else {
        format!("no figure of {metrics} matches all of {}", given.join(", "))
    }))
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
