//! The mapping of a table in its own shape (`cleanweb:mapping` on a resource of
//! `datapackage.json`): when each row is, which columns are dimensions and which are
//! measures, and what the cells hold. Every problem names its JSON path and, where
//! a word was mistyped, the nearest valid one. `docs/mapping.md` is the reference.

mod doc;
mod editions;
mod parse;
mod rounded;
#[cfg(test)]
mod tests;

use super::cell::Grammar;
use super::{Basis, Date, Dimension};

/// How a row says when it is.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// A day, in `format`.
    Date { column: String, format: String },
    /// `2014-09`.
    Month { column: String },
    /// `2014`.
    Year { column: String },
    /// The last day of a period of `length` months, in `format`.
    PeriodEnd {
        column: String,
        format: String,
        months: u32,
    },
    /// `2014-H1`, `2014Q3`, `Jul-Dec 2019`, `2014-09`, `2014` ([`super::period`]);
    /// `year` is the year of a month named alone (`January`).
    Period { column: String, year: Option<i32> },
    /// Every row covers the same span.
    Fixed { from: Date, to: Date },
}

impl When {
    pub fn column(&self) -> Option<&str> {
        match self {
            When::Date { column, .. }
            | When::Month { column }
            | When::Year { column }
            | When::PeriodEnd { column, .. }
            | When::Period { column, .. } => Some(column),
            When::Fixed { .. } => None,
        }
    }
}

/// A dimension column.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionSpec {
    pub column: String,
    /// The name `--by` and `--where` know it by.
    pub name: String,
    /// The observation field it fills, when it has one.
    pub role: Option<Dimension>,
}

/// Where a measure's numbers are.
#[derive(Debug, Clone, PartialEq)]
pub enum Cells {
    /// One column.
    Column(String),
    /// One column per value of a dimension, named by its header (unpivoted).
    Columns {
        columns: Vec<String>,
        dimension: String,
    },
    /// Long: the number in `value`, its metric in `metric_column`.
    Long {
        value: String,
        metric_column: String,
    },
}

/// One measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub cells: Cells,
    /// Empty for a long measure (the metric column names it).
    pub metric: String,
    pub unit: String,
    pub basis: Basis,
    /// The measure column of the same row this one is a percent share of.
    pub share_of: Option<String>,
    /// The measure columns of the same row this one is the total of.
    pub total_of: Vec<String>,
    pub grammar: Grammar,
    /// Shares written as fractions (`0.125` for 12.5%): `unit` `fraction` in the
    /// mapping; the figures are in percent.
    pub fraction: bool,
    /// A long measure's units by metric (`"units": {"Proactive Rate": "percent"}`),
    /// the metric in snake case.
    pub units: Vec<(String, String)>,
    /// A long measure's bases by metric (`"bases"`).
    pub bases: Vec<(String, Basis)>,
    /// How the platform rounded the measure's counts.
    pub rounded: Option<Rounded>,
    /// How it rounded a long measure's counts, by metric (snake case), where
    /// they differ.
    pub rounded_by_metric: Vec<(String, Rounded)>,
    /// Why a count is kept on a column whose header says percent, share or rate
    /// (`"unit_overruled": "REASON"`).
    pub unit_overruled: Option<String>,
}

/// How a table's counts are rounded, so each carries its rounding interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rounded {
    /// To a multiple of this step (`{"to": 1000}`: to thousands).
    To(u64),
    /// To this many significant digits (`{"significant": 2}`: 1,200,000,000).
    Significant(u32),
}

impl Rounded {
    /// The step `value` is rounded to, when more than one.
    pub fn step(self, value: i64) -> Option<u64> {
        let step = match self {
            Rounded::To(step) => step,
            Rounded::Significant(n) => {
                let digits = value.unsigned_abs().checked_ilog10().map_or(1, |d| d + 1);
                10u64.checked_pow(digits.saturating_sub(n))?
            }
        };
        (step > 1).then_some(step)
    }
}

impl Measure {
    /// The unit and basis of each metric the mapping gives one of: a percent is a
    /// share unless its basis is given.
    pub fn per_metric(&self) -> Vec<(String, String, Basis)> {
        let mut metrics: Vec<&str> = self.units.iter().map(|u| u.0.as_str()).collect();
        metrics.extend(self.bases.iter().map(|b| b.0.as_str()));
        metrics.sort_unstable();
        metrics.dedup();
        metrics
            .into_iter()
            .map(|m| {
                let unit = self
                    .units
                    .iter()
                    .find(|u| u.0 == m)
                    .map_or(self.unit.as_str(), |u| u.1.as_str());
                let basis = match self.bases.iter().find(|b| b.0 == m) {
                    Some(b) => b.1,
                    None if unit == "percent" => Basis::Share,
                    None => self.basis,
                };
                (m.to_string(), unit.to_string(), basis)
            })
            .collect()
    }

    pub fn is_share(&self) -> bool {
        self.unit == "percent"
    }
}

/// A table with one row per event: each row counts once.
#[derive(Debug, Clone, PartialEq)]
pub struct Records {
    pub metric: String,
    pub unit: String,
}

/// A whole mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    pub when: When,
    pub dimensions: Vec<DimensionSpec>,
    pub measures: Vec<Measure>,
    pub records: Option<Records>,
    /// Whether the shares of one base in a row are all its parts (they must sum to
    /// 100 within their rounding).
    pub shares_complete: bool,
    pub ignore: Vec<String>,
    pub source: Option<String>,
    pub authority: String,
    pub region: String,
    /// The day the figures were published; else each row's period end.
    pub announced: Option<Date>,
    /// The table's cell grammar (a measure may declare its own).
    pub grammar: Grammar,
    /// The sheet of an `.xlsx` workbook (the first when absent).
    pub sheet: Option<String>,
    /// The 1-based line (or sheet row) of the header, when titles stand above it;
    /// at most [`MAX_HEADER_ROW`].
    pub header_row: Option<u64>,
    /// Where the mapping stands in `datapackage.json`
    /// (`resources[0].cleanweb:mapping`), for problems of the mapping found only
    /// when its table is read.
    pub path: String,
    /// The `datapackage.json` it stands in, as messages name it.
    pub package: String,
    /// Problems that wait for the table's header: a `share_of` or `total_of` near
    /// a measure column of the mapping but not one, which is the slip only when
    /// the header lacks it.
    pub pending: Vec<Pending>,
    /// Cell texts (`SUM`, `Total`, `All`; any case) that make a row, in its
    /// when-cell or a dimension's, the total of other rows.
    pub total_rows: Vec<String>,
    /// Each column's other headers (`other_headers`), by the column the mapping
    /// names: a table whose header has one of them instead is read as if it had
    /// the column.
    pub other_headers: Vec<(String, Vec<String>)>,
    /// Each dimension's other spellings (`spellings`), by its name: the value
    /// written and the value it is read as.
    pub spellings: Vec<(String, Vec<(String, String)>)>,
}

/// A problem of a mapping that waits for the table's header.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// Its JSON path (`...measures[2].share_of`).
    pub path: String,
    /// The column named, as the mapping writes it.
    pub word: String,
    pub reason: String,
}

/// The furthest line a header may stand on: Excel's last row. The lines above a
/// header are kept as blank lines (so every line keeps its number), so this bounds
/// what a header row may make the tool allocate; titles above a table take a few
/// lines, never a million.
pub const MAX_HEADER_ROW: u64 = 1_048_576;

impl Mapping {
    /// Every column the mapping names, each once, in the order declared.
    /// The JSON path of the key that names `column` (`...dimensions[0].column`).
    pub fn column_path(&self, column: &str) -> Option<String> {
        let at = |key: String| Some(format!("{}.{key}", self.path));
        if self.when.column() == Some(column) {
            return at("when.column".into());
        }
        if let Some(i) = self.dimensions.iter().position(|d| d.column == column) {
            return at(format!("dimensions[{i}].column"));
        }
        for (i, m) in self.measures.iter().enumerate() {
            let key = match &m.cells {
                Cells::Column(c) => (c == column).then(|| "column".to_string()),
                Cells::Columns { columns, .. } => columns
                    .iter()
                    .position(|c| c == column)
                    .map(|j| format!("columns[{j}]")),
                Cells::Long {
                    value,
                    metric_column,
                } => (value == column)
                    .then(|| "value".to_string())
                    .or_else(|| (metric_column == column).then(|| "metric_column".into())),
            };
            if let Some(key) = key {
                return at(format!("measures[{i}].{key}"));
            }
        }
        let j = self.ignore.iter().position(|c| c == column)?;
        at(format!("ignore[{j}]"))
    }

    pub fn columns(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        let mut add = |c: &str| {
            if !all.iter().any(|a| a == c) {
                all.push(c.to_string());
            }
        };
        if let Some(c) = self.when.column() {
            add(c);
        }
        for d in &self.dimensions {
            add(&d.column);
        }
        for m in &self.measures {
            match &m.cells {
                Cells::Column(c) => add(c),
                Cells::Columns { columns, .. } => columns.iter().for_each(|c| add(c)),
                Cells::Long {
                    value,
                    metric_column,
                } => {
                    add(metric_column);
                    add(value);
                }
            }
        }
        for c in &self.ignore {
            add(c);
        }
        all
    }

    /// The basis figures get when a measure declares none: a span for a table of
    /// periods, one action for a table of days.
    fn default_basis(when: &When) -> Basis {
        match when {
            When::Date { .. } => Basis::Event,
            _ => Basis::Period,
        }
    }
}

/// Words of a header that say its cells are a percent, share or rate, never a count.
pub const SHARE_WORDS: [&str; 7] = [
    "percent",
    "percentage",
    "pct",
    "share",
    "rate",
    "ratio",
    "proportion",
];

/// The word of `header` that says its cells are a percent, share or rate (`%`, or
/// one of [`SHARE_WORDS`] as a whole word, in any case), if one does.
pub fn share_word(header: &str) -> Option<String> {
    if header.contains('%') {
        return Some("%".into());
    }
    header
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| SHARE_WORDS.contains(&w.to_lowercase().as_str()))
        .map(str::to_string)
}

/// A column name as a key: lower case, runs of other characters as `_`.
pub fn snake(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

pub use doc::MappingDoc;
pub use parse::parse;

/// The mapping of `json`, as `datapackage.json` would hold it at `path`.
#[cfg(test)]
pub fn parse_json(
    file: &str,
    path: &str,
    json: serde_json::Value,
) -> Result<Mapping, Vec<super::Problem>> {
    let mut found = super::doc::Found::new(file);
    let doc = super::doc::Part::from_value(json);
    let m = found
        .part(path, doc)
        .and_then(|d| parse(&mut found, path, d));
    found
        .done(())
        .map(|()| m.expect("a mapping without problems"))
}
