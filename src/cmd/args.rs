//! The arguments commands share: where the data is and how to read it
//! ([`DataArgs`]), what to aggregate ([`QueryArgs`]), and why an answer is empty.

use std::path::PathBuf;

use anyhow::Result;

use crate::aggregate::{self, Query};
use crate::dataset::{
    self, Basis, DataError, DataSource, Dataset, Date, Dimension, DimensionName, LoadOptions,
};
use crate::source::{self, Opened};

/// Where the data comes from and how to read it; shared by every subcommand that
/// reads data.
#[derive(clap::Args, Debug, Clone)]
pub struct DataArgs {
    /// A data package folder (with datapackage.json), or one observation table
    /// (.csv or .parquet; - reads CSV from standard input). Default: the embedded
    /// Clean Network 2014 dataset.
    #[arg(long, value_name = "PATH")]
    pub data: Option<PathBuf>,
    /// Field delimiter of CSV input: one character, or '\t' for tab.
    #[arg(long, value_name = "CHAR", default_value = ",", value_parser = parse_delimiter)]
    pub delimiter: u8,
    /// Longest field accepted, in characters; longer fields are an error (at most
    /// 268435456, 256 Mi).
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = parse_max_field_length)]
    pub max_field_length: usize,
    /// Stop reading after this many problems (the first ones in the file are listed).
    #[arg(long, value_name = "N", default_value_t = crate::table::DEFAULT_MAX_PROBLEMS, value_parser = clap::value_parser!(usize))]
    pub max_problems: usize,
    /// Check a table again even when the same bytes were found valid before (the
    /// cache of tables checked is ~/.cache/cleanweb/checked, or $CLEANWEB_CACHE).
    #[arg(long)]
    pub no_cache: bool,
    /// Read a Parquet table row by row, as the exact reference for the columnar
    /// reading (the answer is the same; for tests and for telling the two apart).
    #[arg(long, hide = true)]
    pub row_by_row: bool,
}

fn parse_max_field_length(s: &str) -> Result<usize, String> {
    let max = crate::table::MAX_FIELD_LENGTH;
    match s.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        Ok(_) => Err(format!(
            "{s} is over the longest field the reader can hold in memory ({max} characters)"
        )),
        Err(e) => Err(format!("'{s}' is not a number of characters: {e}")),
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "\\t" | "tab" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() && s != "\"" && s != "\n" => Ok(s.as_bytes()[0]),
        _ => Err(format!("'{s}' is not a one-character ASCII delimiter")),
    }
}

impl DataArgs {
    pub fn source(&self) -> DataSource {
        DataSource::from_arg(self.data.as_deref())
    }

    pub fn options(&self) -> LoadOptions {
        LoadOptions {
            delimiter: self.delimiter,
            max_field_len: self.max_field_length,
            max_problems: self.max_problems.max(1),
            cache: !self.no_cache,
            hashes: true,
            by_columns: !self.row_by_row,
        }
    }

    pub fn load(&self) -> Result<Dataset, DataError> {
        dataset::load(&self.source(), &self.options())
    }

    /// The source opened for questions: a table streamed unless `hold` needs its
    /// rows in hand (see [`source::open`]).
    pub fn open(&self, hold: bool) -> Result<Opened, DataError> {
        source::open(&self.source(), &self.options(), hold)
    }

    /// The files this run reads, so that no output overwrites one of them.
    pub fn input_paths(&self) -> Vec<PathBuf> {
        match self.source() {
            DataSource::Embedded => Vec::new(),
            DataSource::Table(p) => vec![p],
            DataSource::Package(dir) => std::fs::read_dir(&dir)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default(),
        }
    }
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
    #[arg(long, value_parser = Date::parse)]
    pub from: Option<Date>,
    /// Last day included (YYYY-MM-DD).
    #[arg(long, value_parser = Date::parse)]
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

/// Why an answer holds no figure, when it holds none: figures of periods longer
/// than a month asked by month (the question by period finds them), or the filters
/// that select nothing.
pub fn why_empty(
    opened: &Opened,
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
        let other = by_period
            .query(opened.names())
            .and_then(|q| opened.aggregate(&q));
        if let Ok((other, _)) = other {
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
