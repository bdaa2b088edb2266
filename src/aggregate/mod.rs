//! Honest aggregation: what may be added to what.
//!
//! - Events and period figures are summed, as intervals, into the groups they fall
//!   in (a period figure only into the month that holds its whole period).
//! - Running totals are snapshots of a series (metric, region, category, unit): never
//!   summed; a month shows its last snapshot, and `increments` are differences between
//!   consecutive snapshots, with a lower snapshot reported as a restatement.
//! - Rates and shares are never summed.
//! - A total and its parts (relations) are never both counted.
//! - Mixed units or bases are refused with the option that answers the question.
//! - A month with no figure is a row with `n = 0` and no value: not reported.
//!
//! One summing engine, polars' group-by ([`groups`]), adds every event and period
//! figure, for a loaded package and for a table read as it streams ([`Sums`]), in
//! `i128` at nine decimals: no sum of fewer than 2^33 figures of at most `i64::MAX`
//! units can overflow it.

mod double;
pub mod filters;
mod gaps;
mod groups;
mod series;
mod sums;

pub use gaps::MAX_MONTHS;
use gaps::{fill_months, fill_periods};

use double::drop_double_counts;
pub use double::LeftOut;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

use crate::dataset::{
    key_names, Basis, Dataset, Date, Dimension, DimensionName, Fields, Month, Observation,
    Qualifier, RelationKind,
};
use crate::output::{Arg, Cell, Table};
use crate::values::interval::{Interval, Overflow};

pub(crate) use series::series_of;
pub use sums::Sums;

/// What to aggregate.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub metrics: Vec<String>,
    pub by: Vec<Dimension>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub region: Option<String>,
    pub category: Option<String>,
    pub basis: Option<Basis>,
    pub unit: Option<String>,
    pub increments: bool,
    /// `--where KEY=VALUE`: only figures whose key has that value.
    pub filters: Vec<(Dimension, String)>,
    /// The package's own dimension names, for the header.
    pub names: Vec<DimensionName>,
    /// `--up-to LEVEL`: each figure counted under the value at that level of its
    /// dimension's hierarchy.
    pub up_to: Option<String>,
}

/// One output row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Key values in the order of `Aggregation::by`.
    pub keys: Vec<String>,
    /// `None`: not reported.
    pub value: Option<Interval>,
    /// Observations counted.
    pub n: u64,
    /// Whether an approximate figure was used.
    pub approx: bool,
    /// What the tool says of this row, if anything.
    pub note: RowNote,
}

/// What the tool says of a row, kept as a fact: the table words it as files
/// write it ([`fmt::Display`]), and as a message a report words in its language.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RowNote {
    #[default]
    None,
    /// A month (or period) with no figure: not reported, never zero.
    NotReported,
    /// A figure of a basis never added (a share, a rate, a change), in its unit.
    Claim { basis: Basis, unit: String },
    /// The last snapshot of a running total, and the day it runs to.
    RunningTo(Date),
    /// The first snapshot of increments: all of it since the start.
    FirstSnapshot(Interval),
    /// A snapshot less the one before (its value and day).
    Increment {
        now: Interval,
        before: (Interval, Date),
    },
    /// A snapshot lower than the one before: a restatement, not a fall.
    Restated {
        now: (Interval, Date),
        before: (Interval, Date),
    },
}

impl fmt::Display for RowNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowNote::None => Ok(()),
            RowNote::NotReported => f.write_str("not reported"),
            RowNote::Claim { basis, unit } => write!(f, "{} {unit}", basis.as_str()),
            RowNote::RunningTo(d) => write!(f, "running total to {d}"),
            RowNote::FirstSnapshot(v) => write!(f, "first snapshot: {v} since the start"),
            RowNote::Increment { now, before } => write!(f, "{now} - {} ({})", before.0, before.1),
            RowNote::Restated { now, before } => write!(
                f,
                "restatement: {} on {} is lower than {} on {}",
                now.0, now.1, before.0, before.1
            ),
        }
    }
}

/// An amount as files write it (`3300+`, `20000-50000`).
fn amount(v: &Interval) -> Arg {
    Arg::Text(v.to_string())
}

impl RowNote {
    pub fn is_empty(&self) -> bool {
        *self == RowNote::None
    }

    /// The note as a cell: its words as files write them, and the message of the
    /// catalogue a report words.
    pub fn cell(&self) -> Cell {
        let (id, args) = match self {
            RowNote::None => return Cell::Empty,
            RowNote::NotReported => ("not-reported", Vec::new()),
            RowNote::Claim { basis, unit } => (
                "row-claim",
                vec![
                    ("basis", Arg::Text(basis.as_str().to_string())),
                    ("unit", Arg::Text(unit.clone())),
                ],
            ),
            RowNote::RunningTo(d) => ("check-running-to", vec![("date", Arg::Day(*d))]),
            RowNote::FirstSnapshot(v) => ("row-first-snapshot", vec![("now", amount(v))]),
            RowNote::Increment { now, before } => (
                "row-increment",
                vec![
                    ("now", amount(now)),
                    ("before", amount(&before.0)),
                    ("on", Arg::Day(before.1)),
                ],
            ),
            RowNote::Restated { now, before } => (
                "row-restated",
                vec![
                    ("now", amount(&now.0)),
                    ("now_on", Arg::Day(now.1)),
                    ("before", amount(&before.0)),
                    ("on", Arg::Day(before.1)),
                ],
            ),
        };
        Cell::Said {
            plain: self.to_string(),
            id,
            args,
        }
    }
}

/// The result of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregation {
    pub by: Vec<Dimension>,
    pub basis: Basis,
    pub unit: String,
    pub increments: bool,
    pub rows: Vec<Row>,
    /// Observations left out and why (double counting, periods spanning months).
    pub notes: Vec<String>,
    /// The figures left out so that none is counted twice, and why.
    pub left_out: Vec<(String, LeftOut)>,
    /// The figures behind the answer: how many, the months they span, their sources.
    pub cited: Cited,
    /// The figures themselves where the answer keeps them whole (running totals,
    /// rates and shares, which are never summed); empty for sums.
    pub figures: Vec<Observation>,
    /// The ids of the figures counted, for an answer from a loaded package (a table
    /// read as it streams keeps only [`Cited`]).
    pub used: Vec<String>,
    /// With `--up-to`: each value the figures were counted under, and the values
    /// below it that it includes.
    pub members: Vec<(String, Vec<String>)>,
    /// The package's own dimension names, for the header.
    pub names: Vec<DimensionName>,
}

/// What the figures behind an answer share: how many there are, the months from the
/// start of the first to the end of the last, and the sources they cite. Kept as the
/// figures are read, so an answer from a table of any size cites its figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cited {
    pub figures: u64,
    pub first: Option<Month>,
    pub last: Option<Month>,
    pub sources: BTreeSet<String>,
}

impl Cited {
    pub fn add(&mut self, f: &Fields<'_>) {
        self.count(f);
        crate::dataset::rules::note(&mut self.sources, f.source);
    }

    /// Counts a figure and its months, but not its source.
    pub(super) fn count(&mut self, f: &Fields<'_>) {
        self.figures += 1;
        let first = f.period_start.unwrap_or(f.reference_date()).month();
        let last = f.reference_date().month();
        self.first = Some(self.first.map_or(first, |m| m.min(first)));
        self.last = Some(self.last.map_or(last, |m| m.max(last)));
    }

    pub fn merge(&mut self, other: Cited) {
        self.figures += other.figures;
        self.first = match (self.first, other.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last = self.last.max(other.last);
        self.sources.extend(other.sources);
    }
}

/// Why a question cannot be answered honestly.
#[derive(Debug)]
pub enum AggregateError {
    /// The question mixes things that must not be added; the message says which
    /// option answers it.
    Refused(String),
    Overflow,
}

impl fmt::Display for AggregateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AggregateError::Refused(m) => write!(f, "{m}"),
            AggregateError::Overflow => write!(f, "{}", Overflow),
        }
    }
}

impl std::error::Error for AggregateError {}

impl From<Overflow> for AggregateError {
    fn from(_: Overflow) -> Self {
        AggregateError::Overflow
    }
}

fn refuse<T>(msg: impl Into<String>) -> Result<T, AggregateError> {
    Err(AggregateError::Refused(msg.into()))
}

/// Runs a query over a loaded dataset.
pub fn aggregate(ds: &Dataset, q: &Query) -> Result<Aggregation, AggregateError> {
    let mut agg = aggregate_unfilled(ds, q)?;
    agg.fill(q)?;
    Ok(agg)
}

/// [`aggregate`] without the rows for months not reported: the form partial
/// results take before they are merged.
fn aggregate_unfilled(ds: &Dataset, q: &Query) -> Result<Aggregation, AggregateError> {
    let known: BTreeSet<&str> = ds.observations.iter().map(|o| o.metric.as_str()).collect();
    check_query(q, &known)?;
    filters::check(ds, q)?;
    aggregate_known(ds, q)
}

/// The refusals a query gets before any figure is read, in the order users meet
/// them: no metric, no key, a metric the table does not have (`known` are the
/// metrics it has).
fn check_query(q: &Query, known: &BTreeSet<&str>) -> Result<(), AggregateError> {
    if q.metrics.is_empty() {
        return refuse("name at least one metric with --metric");
    }
    if q.by.is_empty() {
        return refuse(format!(
            "name at least one key with --by ({})",
            key_names(&q.names)
        ));
    }
    for m in &q.metrics {
        if !known.contains(m.as_str()) {
            let list: Vec<&str> = known.iter().copied().collect();
            return refuse(format!(
                "no observation has metric '{m}'; the metrics are: {}",
                list.join(", ")
            ));
        }
    }
    Ok(())
}

/// [`aggregate_unfilled`] once [`check_query`] has passed on the whole table.
fn aggregate_known(ds: &Dataset, q: &Query) -> Result<Aggregation, AggregateError> {
    let wanted_basis = wanted_basis(q)?;
    let selected: Vec<&Observation> = ds
        .observations
        .iter()
        .filter(|o| selects(q, wanted_basis, &o.fields()))
        .collect();
    let (rolled, members) = roll_up(ds, q, &selected)?;
    let selected: Vec<&Observation> = match &rolled {
        Some(r) => r.iter().collect(),
        None => selected,
    };

    let units: BTreeSet<String> = selected.iter().map(|o| o.unit.clone()).collect();
    let bases: BTreeSet<Basis> = selected.iter().map(|o| o.basis).collect();
    if units.len() > 1 || bases.len() > 1 {
        return Err(mixing_refusal(&units, &bases));
    }
    if bases
        .iter()
        .all(|b| matches!(b, Basis::Event | Basis::Period))
    {
        different_metrics(q, &selected.iter().map(|o| o.metric.as_str()).collect())?;
    }
    let basis = bases
        .iter()
        .next()
        .copied()
        .or(wanted_basis)
        .unwrap_or(Basis::Event);
    let unit = units
        .iter()
        .next()
        .map(|u| u.to_string())
        .or(q.unit.clone())
        .unwrap_or_else(|| "count".into());

    let mut notes = Vec::new();
    let mut left_out = Vec::new();
    let selected = drop_double_counts(ds, selected, &q.by, &mut notes, &mut left_out);
    notes.extend(
        selected
            .iter()
            .filter(|o| o.qualifier == Qualifier::Unknown)
            .map(|o| not_published(o)),
    );

    let agg = match basis {
        Basis::Event | Basis::Period => groups::sum(&selected, &q.by, &mut notes, &mut left_out),
        Basis::Rate | Basis::Share | Basis::Change(_) => {
            series::single_figures(&selected, q, basis)?
        }
        Basis::Cumulative => series::running_totals(&selected, q, &mut notes)?,
    };
    Ok(Aggregation {
        by: q.by.clone(),
        basis,
        unit,
        increments: q.increments,
        cited: {
            let mut cited = Cited::default();
            for o in &selected {
                cited.add(&o.fields());
            }
            cited
        },
        used: selected.iter().map(|o| o.id.clone()).collect(),
        members,
        figures: match basis {
            Basis::Event | Basis::Period => Vec::new(),
            _ => selected.iter().map(|o| (*o).clone()).collect(),
        },
        rows: agg,
        notes,
        left_out,
        names: q.names.clone(),
    })
}

/// How every note on a figure whose value is not published begins.
pub const NOT_PUBLISHED: &str = "not published: ";

/// The note on a figure counted whose value is not published: where it is, what it
/// counts, and the interval it adds.
fn not_published(o: &Observation) -> String {
    let at = match (o.origin.line, o.origin.cell) {
        (0, _) => String::new(),
        (line, 0) => format!(" at {}:{line}", o.origin.file),
        (line, cell) => format!(" at {}:{line}:{cell}", o.origin.file),
    };
    let who: Vec<&str> = [o.region.as_str(), &o.category, &o.entity]
        .into_iter()
        .chain(o.dims.iter().map(String::as_str))
        .filter(|v| !v.is_empty())
        .collect();
    format!(
        "{NOT_PUBLISHED}'{}'{at} ('{}'): {} of {} for {}, counted from {} with no upper end",
        o.id,
        o.quote,
        o.metric,
        who.join(", "),
        o.fields().period_label(),
        crate::values::interval::amount(o.value.scaled())
    )
}

/// With `--up-to LEVEL`, the selected figures with their value of the dimension
/// whose hierarchy has that level replaced by the value at that level that holds it,
/// and each such value with the values it includes; values the hierarchy does not
/// name stay as they are.
#[allow(clippy::type_complexity)]
fn roll_up(
    ds: &Dataset,
    q: &Query,
    selected: &[&Observation],
) -> Result<(Option<Vec<Observation>>, Vec<(String, Vec<String>)>), AggregateError> {
    let Some(level_name) = &q.up_to else {
        return Ok((None, Vec::new()));
    };
    let Some((h, level)) = ds
        .hierarchies
        .iter()
        .find_map(|h| h.level(level_name).map(|l| (h, l)))
    else {
        let levels: Vec<&str> = ds
            .hierarchies
            .iter()
            .flat_map(|h| h.levels.iter().map(String::as_str))
            .collect();
        return refuse(if levels.is_empty() {
            format!(
                "--up-to {level_name}: the package declares no hierarchy (cleanweb:hierarchies)"
            )
        } else {
            format!(
                "--up-to {level_name}: no hierarchy has that level; the levels are {}",
                levels.join(", ")
            )
        });
    };
    if !q.by.contains(&h.dimension) {
        return refuse(format!(
            "--up-to {level_name} rolls up {}: add it to --by",
            h.dimension.as_str()
        ));
    }
    let mut members: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let rolled = selected
        .iter()
        .map(|o| {
            let mut o = (*o).clone();
            let own = o.text_key_of(h.dimension).to_string();
            if let Some(up) = h.ancestor_at(&own, level) {
                if up != own {
                    members
                        .entry(up.to_string())
                        .or_default()
                        .insert(own.clone());
                    let up = up.to_string();
                    match h.dimension {
                        Dimension::Region => o.region = up,
                        Dimension::Category => o.category = up,
                        Dimension::Entity => o.entity = up,
                        _ => o.authority = up,
                    }
                }
            }
            o
        })
        .collect();
    Ok((
        Some(rolled),
        members
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect(),
    ))
}

/// The basis a query selects: `--basis`, or running totals for `--increments`.
fn wanted_basis(q: &Query) -> Result<Option<Basis>, AggregateError> {
    match (q.basis, q.increments) {
        (Some(b), true) if b != Basis::Cumulative => refuse(format!(
            "--increments are differences between running totals; they need --basis cumulative, not {}",
            b.as_str()
        )),
        (_, true) => Ok(Some(Basis::Cumulative)),
        (b, false) => Ok(b),
    }
}

/// Whether the query's filters select the figure.
fn selects(q: &Query, basis: Option<Basis>, o: &Fields<'_>) -> bool {
    q.metrics
        .iter()
        .any(|m| crate::dataset::rules::same(m, o.metric))
        && q.region.as_ref().is_none_or(|r| o.region == r)
        && q.category.as_ref().is_none_or(|c| o.category == c)
        && q.unit.as_ref().is_none_or(|u| o.unit == u)
        && basis.is_none_or(|b| o.basis == b)
        && in_range(o, q.from, q.to)
        && q.filters.iter().all(|(d, v)| match d {
            Dimension::Month | Dimension::Period => o.key(*d) == *v,
            d => o.text_key(*d) == v,
        })
}

/// Whether the figure falls in `[from, to]`: its whole span must.
fn in_range(o: &Fields<'_>, from: Option<Date>, to: Option<Date>) -> bool {
    let start = match o.basis {
        Basis::Period => o.period_start.unwrap_or(o.date),
        _ => o.reference_date(),
    };
    from.is_none_or(|f| start >= f) && to.is_none_or(|t| o.reference_date() <= t)
}

impl Aggregation {
    /// Adds the "not reported" rows for months without a figure.
    fn fill(&mut self, q: &Query) -> Result<(), AggregateError> {
        if q.by.contains(&Dimension::Month) && !(self.basis == Basis::Cumulative && q.increments) {
            self.rows = fill_months(std::mem::take(&mut self.rows), &q.by, q.from, q.to)?;
        }
        if q.by.contains(&Dimension::Period) && !q.by.contains(&Dimension::Month) {
            self.rows = fill_periods(std::mem::take(&mut self.rows), &q.by);
        }
        Ok(())
    }

    /// The result as a table: the keys, `low`, `high` (empty when unbounded), `n`,
    /// `approx`, `note`.
    pub fn table(&self) -> Table {
        let mut columns: Vec<&str> = self.by.iter().map(|d| d.label(&self.names)).collect();
        if self.increments {
            if let Some(i) = self.by.iter().position(|d| *d == Dimension::Month) {
                columns[i] = "date";
            }
        }
        columns.extend(["low", "high", "n", "approx", "note"]);
        let mut t = Table::new(&columns);
        for r in &self.rows {
            let mut cells: Vec<Cell> = r.keys.iter().map(|k| Cell::text(k.clone())).collect();
            match r.value {
                Some(v) => {
                    cells.push(Cell::opt_amount(v.low));
                    cells.push(Cell::opt_amount(v.high));
                }
                None => cells.extend([Cell::Empty, Cell::Empty]),
            }
            cells.push(Cell::Int(i128::from(r.n)));
            cells.push(Cell::Bool(r.approx));
            cells.push(r.note.cell());
            t.rows.push(cells);
        }
        t
    }
}

/// Sums of different metrics are never one sum: they are refused unless the metric
/// is a key.
fn different_metrics(q: &Query, metrics: &BTreeSet<&str>) -> Result<(), AggregateError> {
    if metrics.len() > 1 && !q.by.contains(&Dimension::Metric) {
        let list: Vec<&str> = metrics.iter().copied().collect();
        return refuse(format!(
            "{} are different metrics, which are never added together: add metric to --by (for example --by {},metric)",
            list.join(" and "),
            q.by.first().map_or("month", |d| d.label(&q.names))
        ));
    }
    Ok(())
}

fn mixing_refusal(units: &BTreeSet<String>, bases: &BTreeSet<Basis>) -> AggregateError {
    if units.len() > 1 {
        let list: Vec<&str> = units.iter().map(String::as_str).collect();
        return AggregateError::Refused(format!(
            "the figures are in different units ({}), which cannot be added; choose one with --unit {}",
            list.join(", "),
            list[0]
        ));
    }
    let list: Vec<&str> = bases.iter().map(|b| b.as_str()).collect();
    AggregateError::Refused(format!(
        "the figures mix bases ({}): single actions, running totals, period totals, rates and shares must not be added together; choose one with --basis {} (for running totals by month use --basis cumulative, and --increments for the month-by-month changes)",
        list.join(", "),
        list[0]
    ))
}

#[cfg(test)]
mod tests;
