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
//! The sums run as polars lazy plans. polars integer sums wrap silently in release
//! builds, so each value is split into a high and a low 32-bit half, the halves are
//! summed in `i64` (exact for fewer than 2^31 rows), and recombined in `i128`.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;

use polars::prelude::*;

use crate::dataset::RowSink;
use crate::dataset::{
    Basis, Dataset, Date, Dimension, Fields, Month, Observation, Origin, Qualifier, RelationKind,
};
use crate::interval::{Interval, Overflow};
use crate::output::{Cell, Table};
use crate::table::{At, Lines, Use};

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
    /// Restatements and other remarks on this row.
    pub note: String,
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
    /// Ids of the observations used.
    pub used: Vec<String>,
}

/// Why a question cannot be answered honestly.
#[derive(Debug)]
pub enum AggregateError {
    /// The question mixes things that must not be added; the message says which
    /// option answers it.
    Refused(String),
    Overflow,
    Engine(PolarsError),
}

impl fmt::Display for AggregateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AggregateError::Refused(m) => write!(f, "{m}"),
            AggregateError::Overflow => write!(f, "{}", Overflow),
            AggregateError::Engine(e) => write!(f, "aggregation failed: {e}"),
        }
    }
}

impl std::error::Error for AggregateError {}

impl From<PolarsError> for AggregateError {
    fn from(e: PolarsError) -> Self {
        AggregateError::Engine(e)
    }
}

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
    agg.fill(q);
    Ok(agg)
}

/// [`aggregate`] without the rows for months not reported: the form partial
/// results take before they are merged.
fn aggregate_unfilled(ds: &Dataset, q: &Query) -> Result<Aggregation, AggregateError> {
    let known: BTreeSet<&str> = ds.observations.iter().map(|o| o.metric.as_str()).collect();
    check_query(q, &known)?;
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
        return refuse(
            "name at least one key with --by (month, category, region, authority, entity, metric)",
        );
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

    let units: BTreeSet<String> = selected.iter().map(|o| o.unit.clone()).collect();
    let bases: BTreeSet<Basis> = selected.iter().map(|o| o.basis).collect();
    if units.len() > 1 || bases.len() > 1 {
        return Err(mixing_refusal(&units, &bases));
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
    let selected = drop_double_counts(ds, selected, &q.by, &mut notes);

    let agg = match basis {
        Basis::Event | Basis::Period => sum_groups(&selected, &q.by, &mut notes)?,
        Basis::Rate | Basis::Share => single_figures(&selected, &q.by, basis)?,
        Basis::Cumulative => running_totals(&selected, q, &mut notes)?,
    };
    Ok(Aggregation {
        by: q.by.clone(),
        basis,
        unit,
        increments: q.increments,
        used: selected.iter().map(|o| o.id.clone()).collect(),
        rows: agg,
        notes,
    })
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
    q.metrics.iter().any(|m| m == o.metric)
        && q.region.as_ref().is_none_or(|r| o.region == r)
        && q.category.as_ref().is_none_or(|c| o.category == c)
        && q.unit.as_ref().is_none_or(|u| o.unit == u)
        && basis.is_none_or(|b| o.basis == b)
        && in_range(o, q.from, q.to)
}

/// Whether the figure falls in `[from, to]`: its whole span must.
fn in_range(o: &Fields<'_>, from: Option<Date>, to: Option<Date>) -> bool {
    let start = match o.basis {
        Basis::Period => o.period_start.unwrap_or(o.date),
        _ => o.reference_date(),
    };
    from.is_none_or(|f| start >= f) && to.is_none_or(|t| o.reference_date() <= t)
}

/// Removes figures that another selected figure already counts: parts of a partial
/// relation whose total is selected, restatements of a selected figure, and either
/// the total or the parts of a complete relation (the parts when the grouping can
/// tell them apart, the published total otherwise).
fn drop_double_counts<'a>(
    ds: &Dataset,
    selected: Vec<&'a Observation>,
    by: &[Dimension],
    notes: &mut Vec<String>,
) -> Vec<&'a Observation> {
    let ids: HashSet<&str> = selected.iter().map(|o| o.id.as_str()).collect();
    let mut drop: BTreeMap<String, String> = BTreeMap::new();
    let mut totals_with_parts: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &ds.relations {
        if ids.contains(r.total_id.as_str()) && ids.contains(r.part_id.as_str()) {
            match r.kind {
                RelationKind::Partial => {
                    drop.insert(
                        r.part_id.clone(),
                        format!("counted within its total '{}'", r.total_id),
                    );
                }
                RelationKind::Restates => {
                    // Running totals are never summed, so a restatement dated
                    // differently is one more snapshot of the series, not a double count.
                    let both_snapshots = [&r.total_id, &r.part_id]
                        .iter()
                        .filter_map(|id| ds.find(id))
                        .filter(|o| o.basis == Basis::Cumulative)
                        .map(|o| o.reference_date())
                        .collect::<BTreeSet<_>>()
                        .len()
                        == 2;
                    if !both_snapshots {
                        drop.insert(r.part_id.clone(), format!("restates '{}'", r.total_id));
                    }
                }
                RelationKind::Complete => totals_with_parts
                    .entry(&r.total_id)
                    .or_default()
                    .push(&r.part_id),
            }
        }
    }
    for (total, parts) in totals_with_parts {
        let Some(t) = ds.find(total) else { continue };
        let parts_differ = by.iter().any(|d| {
            parts
                .iter()
                .filter_map(|p| ds.find(p))
                .any(|p| p.key(*d) != t.key(*d))
        });
        if parts_differ {
            drop.insert(
                total.to_string(),
                format!("shown through its {} parts", parts.len()),
            );
        } else {
            for p in parts {
                drop.insert(
                    p.to_string(),
                    format!("part of the total '{total}', which is counted"),
                );
            }
        }
    }
    for (id, why) in &drop {
        notes.push(format!("left out '{id}': {why}"));
    }
    selected
        .into_iter()
        .filter(|o| !drop.contains_key(&o.id))
        .collect()
}

const SPLIT: i64 = 1 << 32;

/// Sums events or period figures per group, as intervals, in a polars lazy plan.
fn sum_groups(
    obs: &[&Observation],
    by: &[Dimension],
    notes: &mut Vec<String>,
) -> Result<Vec<Row>, AggregateError> {
    let mut kept = Vec::new();
    for o in obs {
        if by.contains(&Dimension::Month) && o.month().is_none() {
            notes.push(format!(
                "left out '{}': its period {}..{} spans more than one month",
                o.id,
                o.period_start.unwrap_or(o.date),
                o.reference_date()
            ));
        } else {
            kept.push(*o);
        }
    }
    let keys: Vec<String> = by.iter().map(|d| d.as_str().to_string()).collect();
    let mut columns: Vec<Column> = by
        .iter()
        .map(|d| {
            Column::new(
                d.as_str().into(),
                kept.iter().map(|o| o.key(*d)).collect::<Vec<String>>(),
            )
        })
        .collect();
    columns.push(Column::new(
        "low".into(),
        // The low end: 0 for "up to", the value otherwise.
        kept.iter()
            .map(|o| {
                if o.qualifier == Qualifier::AtMost {
                    0
                } else {
                    o.value
                }
            })
            .collect::<Vec<i64>>(),
    ));
    columns.push(Column::new(
        "high".into(),
        kept.iter()
            .map(|o| o.interval().high.and_then(|h| i64::try_from(h).ok()))
            .collect::<Vec<Option<i64>>>(),
    ));
    columns.push(Column::new(
        "approx".into(),
        kept.iter()
            .map(|o| o.qualifier == Qualifier::Approx)
            .collect::<Vec<bool>>(),
    ));
    let df = DataFrame::new(kept.len(), columns)?;
    let frame = interval_sums(df.lazy(), &keys)?;
    rows_from_sums(&frame, &keys)
}

/// The grouped interval sum of a frame with the key columns, `low` (Int64, not
/// null), `high` (Int64, null when unbounded) and `approx` (Boolean): one row per
/// group, sorted by the keys, with overflow-safe split sums.
pub fn interval_sums(lf: LazyFrame, keys: &[String]) -> PolarsResult<DataFrame> {
    let key_exprs: Vec<Expr> = keys.iter().map(|k| col(k.as_str())).collect();
    let split = |name: &str, c: Expr| -> [Expr; 2] {
        [
            (c.clone() / lit(SPLIT)).sum().alias(format!("{name}_hi")),
            (c % lit(SPLIT)).sum().alias(format!("{name}_lo")),
        ]
    };
    let mut aggs = Vec::new();
    aggs.extend(split("low", col("low")));
    aggs.extend(split("high", col("high").fill_null(lit(0i64))));
    aggs.push(col("high").null_count().alias("unbounded"));
    aggs.push(col("approx").cast(DataType::UInt32).sum().alias("approx_n"));
    aggs.push(len().alias("n"));
    lf.group_by(key_exprs.clone())
        .agg(aggs)
        .sort_by_exprs(key_exprs, SortMultipleOptions::default())
        .collect()
}

fn rows_from_sums(df: &DataFrame, keys: &[String]) -> Result<Vec<Row>, AggregateError> {
    let mut key_cols = Vec::new();
    for k in keys {
        key_cols.push(df.column(k)?.cast(&DataType::String)?);
    }
    let i64_col = |name: &str| -> PolarsResult<Column> { df.column(name)?.cast(&DataType::Int64) };
    let (lh, ll, hh, hl) = (
        i64_col("low_hi")?,
        i64_col("low_lo")?,
        i64_col("high_hi")?,
        i64_col("high_lo")?,
    );
    let (unb, apx, n) = (i64_col("unbounded")?, i64_col("approx_n")?, i64_col("n")?);
    let (lh, ll, hh, hl) = (lh.i64()?, ll.i64()?, hh.i64()?, hl.i64()?);
    let (unb, apx, n) = (unb.i64()?, apx.i64()?, n.i64()?);
    let combine = |hi: Option<i64>, lo: Option<i64>| -> Result<i128, AggregateError> {
        let (hi, lo) = (i128::from(hi.unwrap_or(0)), i128::from(lo.unwrap_or(0)));
        hi.checked_mul(i128::from(SPLIT))
            .and_then(|v| v.checked_add(lo))
            .ok_or(AggregateError::Overflow)
    };
    let mut rows = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let mut key_values = Vec::new();
        for c in &key_cols {
            key_values.push(c.str()?.get(i).unwrap_or_default().to_string());
        }
        let low = combine(lh.get(i), ll.get(i))?;
        let high = if unb.get(i).unwrap_or(0) > 0 {
            None
        } else {
            Some(combine(hh.get(i), hl.get(i))?)
        };
        rows.push(Row {
            keys: key_values,
            value: Some(Interval::new(Some(low), high)),
            n: n.get(i).unwrap_or(0) as u64,
            approx: apx.get(i).unwrap_or(0) > 0,
            note: String::new(),
        });
    }
    Ok(rows)
}

/// Rates and shares are shown one per group, never summed.
fn single_figures(
    obs: &[&Observation],
    by: &[Dimension],
    basis: Basis,
) -> Result<Vec<Row>, AggregateError> {
    let mut groups: BTreeMap<Vec<String>, Vec<&Observation>> = BTreeMap::new();
    for o in obs {
        groups
            .entry(by.iter().map(|d| o.key(*d)).collect())
            .or_default()
            .push(o);
    }
    let mut rows = Vec::new();
    for (keys, members) in groups {
        if members.len() > 1 {
            let ids: Vec<&str> = members.iter().map(|o| o.id.as_str()).collect();
            return refuse(format!(
                "{} figures are never added, but {} of them fall in one group ({}): group by more keys (for example --by month,authority) or list them with cleanweb export",
                if basis == Basis::Rate { "rate" } else { "share" },
                members.len(),
                ids.join(", ")
            ));
        }
        let o = members[0];
        rows.push(Row {
            keys,
            value: Some(o.interval()),
            n: 1,
            approx: o.qualifier == Qualifier::Approx,
            note: format!("{} {}", basis.as_str(), o.unit),
        });
    }
    Ok(rows)
}

pub(crate) type Series = (String, String, String, String, String);

/// The series a running total belongs to: metric, region, category, entity, unit.
pub(crate) fn series_of(o: &Observation) -> Series {
    (
        o.metric.clone(),
        o.region.clone(),
        o.category.clone(),
        o.entity.clone(),
        o.unit.clone(),
    )
}

fn describe_series(s: &Series) -> String {
    let mut parts = vec![s.0.clone(), s.1.clone()];
    for extra in [&s.2, &s.3] {
        if !extra.is_empty() {
            parts.push(extra.clone());
        }
    }
    parts.join("/")
}

/// Running totals: per group the last snapshot (by month: the last in each month),
/// or with increments the differences between consecutive snapshots.
fn running_totals(
    obs: &[&Observation],
    q: &Query,
    notes: &mut Vec<String>,
) -> Result<Vec<Row>, AggregateError> {
    let by = &q.by;
    let key_of = |o: &Observation| -> Vec<String> { by.iter().map(|d| o.key(*d)).collect() };
    // Every series in a group without month must be one series, else a sum of series
    // would sneak in.
    let mut series_per_group: BTreeMap<Vec<String>, BTreeSet<Series>> = BTreeMap::new();
    for o in obs {
        let non_month: Vec<String> = by
            .iter()
            .filter(|d| **d != Dimension::Month)
            .map(|d| o.key(*d))
            .collect();
        series_per_group
            .entry(non_month)
            .or_default()
            .insert(series_of(o));
    }
    for (group, series) in &series_per_group {
        if series.len() > 1 {
            let names: Vec<String> = series.iter().map(describe_series).collect();
            let group = if group.is_empty() {
                String::new()
            } else {
                format!(" in group ({})", group.join(", "))
            };
            return refuse(format!(
                "running totals are never added, but {} series would be{group}: {}; pick one with --region or --category, or add region or category to --by",
                series.len(),
                names.join("; ")
            ));
        }
    }
    // Snapshots per series in time order; the id breaks ties so row order never
    // changes a result.
    let mut by_series: BTreeMap<Series, Vec<&Observation>> = BTreeMap::new();
    for o in obs {
        by_series.entry(series_of(o)).or_default().push(o);
    }
    let mut rows = Vec::new();
    for (series, mut snaps) in by_series {
        snaps.sort_by(|a, b| {
            (a.reference_date(), a.date, &a.id).cmp(&(b.reference_date(), b.date, &b.id))
        });
        if q.increments {
            let mut prev: Option<&Observation> = None;
            for o in &snaps {
                let cur = o.interval();
                let (value, note) = match prev {
                    None => (cur, format!("first snapshot: {} since the start", cur)),
                    Some(p) => {
                        let d = cur.checked_sub(p.interval())?;
                        let mut note =
                            format!("{} - {} ({})", cur, p.interval(), p.reference_date());
                        if matches!((cur.high, p.interval().low), (Some(h), Some(l)) if h < l) {
                            note = format!(
                                "restatement: {} on {} is lower than {} on {}",
                                cur,
                                o.reference_date(),
                                p.interval(),
                                p.reference_date()
                            );
                            notes.push(format!("{}: {note}", describe_series(&series)));
                        }
                        (d, note)
                    }
                };
                let mut keys = key_of(o);
                if let Some(i) = by.iter().position(|d| *d == Dimension::Month) {
                    keys[i] = o.reference_date().to_string();
                }
                rows.push(Row {
                    keys,
                    value: Some(value),
                    n: 1,
                    approx: o.qualifier == Qualifier::Approx
                        || prev.is_some_and(|p| p.qualifier == Qualifier::Approx),
                    note,
                });
                prev = Some(o);
            }
        } else {
            let mut last: BTreeMap<Vec<String>, (&Observation, u64)> = BTreeMap::new();
            for o in &snaps {
                let e = last.entry(key_of(o)).or_insert((o, 0));
                e.0 = o;
                e.1 += 1;
            }
            for w in snaps.windows(2) {
                if matches!((w[1].interval().high, w[0].interval().low), (Some(h), Some(l)) if h < l)
                {
                    notes.push(format!(
                        "{}: restatement: {} on {} is lower than {} on {}",
                        describe_series(&series),
                        w[1].interval(),
                        w[1].reference_date(),
                        w[0].interval(),
                        w[0].reference_date()
                    ));
                }
            }
            for (keys, (o, n)) in last {
                rows.push(Row {
                    keys,
                    value: Some(o.interval()),
                    n,
                    approx: o.qualifier == Qualifier::Approx,
                    note: format!("running total to {}", o.reference_date()),
                });
            }
        }
    }
    rows.sort_by(|a, b| a.keys.cmp(&b.keys));
    Ok(rows)
}

/// Adds a "not reported" row for every month without a figure, for each combination
/// of the other keys, from `from` (or the first month with data) to `to` (or the
/// last).
fn fill_months(rows: Vec<Row>, by: &[Dimension], from: Option<Date>, to: Option<Date>) -> Vec<Row> {
    let Some(mi) = by.iter().position(|d| *d == Dimension::Month) else {
        return rows;
    };
    let months: Vec<Month> = rows
        .iter()
        .filter_map(|r| Month::parse(&r.keys[mi]))
        .collect();
    let first = from
        .map(|d| d.month())
        .or_else(|| months.iter().min().copied());
    let last = to
        .map(|d| d.month())
        .or_else(|| months.iter().max().copied());
    let (Some(first), Some(last)) = (first, last) else {
        return rows;
    };
    let others: BTreeSet<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut k = r.keys.clone();
            k.remove(mi);
            k
        })
        .collect();
    let others = if others.is_empty() {
        BTreeSet::from([vec![String::new(); by.len() - 1]])
    } else {
        others
    };
    let mut present: BTreeMap<Vec<String>, Row> =
        rows.into_iter().map(|r| (r.keys.clone(), r)).collect();
    let mut out = Vec::new();
    for other in &others {
        for m in first.through(last) {
            let mut keys = other.clone();
            keys.insert(mi, m.to_string());
            out.push(present.remove(&keys).unwrap_or(Row {
                keys,
                value: None,
                n: 0,
                approx: false,
                note: "not reported".into(),
            }));
        }
    }
    out.extend(present.into_values());
    out.sort_by(|a, b| a.keys.cmp(&b.keys));
    out
}

impl Aggregation {
    /// Adds the "not reported" rows for months without a figure.
    fn fill(&mut self, q: &Query) {
        if q.by.contains(&Dimension::Month) && !(self.basis == Basis::Cumulative && q.increments) {
            self.rows = fill_months(std::mem::take(&mut self.rows), &q.by, q.from, q.to);
        }
    }

    /// The result as a table: the keys, `low`, `high` (empty when unbounded), `n`,
    /// `approx`, `note`.
    pub fn table(&self) -> Table {
        let mut columns: Vec<&str> = self.by.iter().map(|d| d.as_str()).collect();
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
                    cells.push(Cell::opt_int(v.low));
                    cells.push(Cell::opt_int(v.high));
                }
                None => cells.extend([Cell::Empty, Cell::Empty]),
            }
            cells.push(Cell::Int(i128::from(r.n)));
            cells.push(Cell::Bool(r.approx));
            cells.push(if r.note.is_empty() {
                Cell::Empty
            } else {
                Cell::text(r.note.clone())
            });
            t.rows.push(cells);
        }
        t
    }
}

/// The most notes an aggregation keeps; a large table could otherwise produce one
/// per row.
const MAX_NOTES: usize = 50;

/// The running sums of a table too large to hold, fed one checked row at a time:
/// by the fast path, one `Sums` per core, merged at the end; or by the exact path,
/// one observation at a time. Event and period figures are summed into their groups
/// as they come; the few rows any other basis selects are kept and answered by
/// [`aggregate`] at the end, with the same rules and refusals.
#[derive(Debug, Clone)]
pub struct Sums {
    query: Query,
    wanted: Option<Basis>,
    by_month: bool,
    /// Every metric the table has, for the refusal of one it does not.
    metrics: FxHashSet<String>,
    units: BTreeSet<String>,
    bases: BTreeSet<Basis>,
    groups: FxHashMap<Box<[u8]>, Acc>,
    /// Scratch for the key of a group: its values, each after its length.
    key: Vec<u8>,
    kept: Vec<(At, Observation)>,
    notes: Vec<(At, String)>,
    all_notes: usize,
}

/// One group's sum so far.
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    low: i128,
    high: i128,
    unbounded: bool,
    n: u64,
    approx: bool,
}

impl Sums {
    /// Sums for `query`; what it refuses is refused by [`Sums::finish`], once the
    /// table's metrics are known, in the order [`aggregate`] refuses.
    pub fn new(query: &Query) -> Sums {
        Sums {
            query: query.clone(),
            // An impossible combination is refused at the end; meanwhile nothing is
            // summed under a wrong basis.
            wanted: wanted_basis(query).unwrap_or(None),
            by_month: query.by.contains(&Dimension::Month),
            metrics: FxHashSet::default(),
            units: BTreeSet::new(),
            bases: BTreeSet::new(),
            groups: FxHashMap::default(),
            key: Vec::new(),
            kept: Vec::new(),
            notes: Vec::new(),
            all_notes: 0,
        }
    }

    fn take(&mut self, f: &Fields<'_>, at: At) {
        if !self.metrics.contains(f.metric) {
            self.metrics.insert(f.metric.to_string());
        }
        if !selects(&self.query, self.wanted, f) {
            return;
        }
        if !self.units.contains(f.unit) {
            self.units.insert(f.unit.to_string());
        }
        if !self.bases.contains(&f.basis) {
            self.bases.insert(f.basis);
        }
        if !matches!(f.basis, Basis::Event | Basis::Period) {
            self.kept.push((at, f.to_observation(Origin::default())));
            return;
        }
        let month = f.month();
        if self.by_month && month.is_none() {
            self.all_notes += 1;
            if self.notes.len() < MAX_NOTES {
                self.notes.push((
                    at,
                    format!(
                        "left out '{}': its period {}..{} spans more than one month",
                        f.id,
                        f.period_start.unwrap_or(f.date),
                        f.reference_date()
                    ),
                ));
            }
            return;
        }
        // Each value of the key after its length, so that no text can run into
        // the next value and merge two groups.
        self.key.clear();
        for d in &self.query.by {
            let at = self.key.len();
            self.key.extend_from_slice(&[0; 4]);
            match (d, month) {
                (Dimension::Month, Some(m)) => m.write_key(&mut self.key),
                (d, _) => self.key.extend_from_slice(f.text_key(*d).as_bytes()),
            }
            let len = (self.key.len() - at - 4) as u32;
            self.key[at..at + 4].copy_from_slice(&len.to_le_bytes());
        }
        let acc = match self.groups.get_mut(self.key.as_slice()) {
            Some(acc) => acc,
            None => self
                .groups
                .entry(self.key.clone().into_boxed_slice())
                .or_default(),
        };
        let v = f.interval();
        acc.low += v.low.unwrap_or(0);
        match v.high {
            Some(h) => acc.high += h,
            None => acc.unbounded = true,
        }
        acc.n += 1;
        acc.approx |= f.qualifier == Qualifier::Approx;
    }

    /// Adds the rows `other` has seen.
    pub fn merge(&mut self, other: Sums) {
        self.metrics.extend(other.metrics);
        self.units.extend(other.units);
        self.bases.extend(other.bases);
        for (key, b) in other.groups {
            let a = self.groups.entry(key).or_default();
            a.low += b.low;
            a.high += b.high;
            a.unbounded |= b.unbounded;
            a.n += b.n;
            a.approx |= b.approx;
        }
        self.kept.extend(other.kept);
        self.notes.extend(other.notes);
        self.all_notes += other.all_notes;
    }

    /// The result, by the same rules and with the same refusals as [`aggregate`];
    /// `lines` turns the positions of the rows kept into lines of the file.
    pub fn finish(mut self, lines: &Lines) -> Result<Aggregation, AggregateError> {
        let q = self.query.clone();
        check_query(&q, &self.metrics.iter().map(String::as_str).collect())?;
        wanted_basis(&q)?;
        if self.units.len() > 1 || self.bases.len() > 1 {
            return Err(mixing_refusal(&self.units, &self.bases));
        }
        if !self.kept.is_empty() {
            // Running totals, rates and shares: few, and answered whole.
            self.kept.sort_by_key(|(at, _)| *at);
            let observations = self
                .kept
                .into_iter()
                .map(|(at, mut o)| {
                    o.origin.line = lines.line(at);
                    o
                })
                .collect();
            let ds = Dataset {
                observations,
                ..Dataset::default()
            };
            // The metrics were checked on the whole table, not on these rows.
            let mut agg = aggregate_known(&ds, &q)?;
            agg.fill(&q);
            return Ok(agg);
        }
        let basis = self
            .bases
            .iter()
            .next()
            .copied()
            .or(self.wanted)
            .unwrap_or(Basis::Event);
        let unit = self
            .units
            .iter()
            .next()
            .cloned()
            .or(q.unit.clone())
            .unwrap_or_else(|| "count".into());
        self.notes.sort_by_key(|(at, _)| *at);
        let mut notes: Vec<String> = self
            .notes
            .into_iter()
            .take(MAX_NOTES)
            .map(|(_, n)| n)
            .collect();
        if self.all_notes > notes.len() {
            notes.push(format!("and {} more notes", self.all_notes - notes.len()));
        }
        let mut rows: Vec<Row> = self
            .groups
            .into_iter()
            .map(|(key, acc)| Row {
                keys: key_values(&key),
                value: Some(Interval::new(
                    Some(acc.low),
                    (!acc.unbounded).then_some(acc.high),
                )),
                n: acc.n,
                approx: acc.approx,
                note: String::new(),
            })
            .collect();
        rows.sort_by(|a, b| a.keys.cmp(&b.keys));
        let mut agg = Aggregation {
            by: q.by.clone(),
            basis,
            unit,
            increments: q.increments,
            rows,
            notes,
            used: Vec::new(),
        };
        agg.fill(&q);
        Ok(agg)
    }
}

impl RowSink for Sums {
    fn row(&mut self, fields: &Fields<'_>, at: At) {
        self.take(fields, at);
    }

    /// Every column when running totals, rates or shares may be selected (they are
    /// kept whole); else the keys and filters only (never the quote, source or note),
    /// besides what the rules read.
    fn reads(&self, k: usize) -> Use {
        let q = &self.query;
        let keeps_rows = !matches!(self.wanted, Some(Basis::Event | Basis::Period));
        let reads = keeps_rows
            || match crate::dataset::OBSERVATION_COLUMNS.get(k).copied() {
                Some("authority") => q.by.contains(&Dimension::Authority),
                Some("category") => q.by.contains(&Dimension::Category) || q.category.is_some(),
                Some("entity") => q.by.contains(&Dimension::Entity),
                Some("quote" | "source" | "note") => false,
                _ => true,
            };
        if reads {
            Use::Text
        } else {
            Use::Not
        }
    }
}

/// The values of a group key written by [`Sums`], each after its length.
fn key_values(mut key: &[u8]) -> Vec<String> {
    let mut values = Vec::new();
    while let Some((len, rest)) = key.split_first_chunk::<4>() {
        let len = (u32::from_le_bytes(*len) as usize).min(rest.len());
        values.push(String::from_utf8_lossy(&rest[..len]).into_owned());
        key = &rest[len..];
    }
    values
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
mod tests {
    use super::*;
    use crate::dataset::Origin;
    use proptest::prelude::*;
    use std::sync::Arc;

    fn obs(i: usize, month: u32, category: &str, value: i64, qualifier: Qualifier) -> Observation {
        Observation {
            id: format!("o{i}"),
            date: Date::parse(&format!("2014-{month:02}-15")).unwrap(),
            period_start: None,
            period_end: None,
            authority: "Office".into(),
            region: "national".into(),
            metric: "m".into(),
            category: category.into(),
            entity: String::new(),
            value,
            value_max: None,
            qualifier,
            unit: "count".into(),
            basis: Basis::Event,
            quote: "q".into(),
            source: "s".into(),
            note: String::new(),
            origin: Origin {
                file: Arc::from("t.csv"),
                line: i as u64 + 2,
                columns: Arc::from(vec![]),
            },
        }
    }

    fn dataset(observations: Vec<Observation>) -> Dataset {
        Dataset {
            observations,
            ..Dataset::default()
        }
    }

    fn by_month_category() -> Query {
        Query {
            metrics: vec!["m".into()],
            by: vec![Dimension::Month, Dimension::Category],
            ..Query::default()
        }
    }

    fn rows_strategy() -> impl Strategy<Value = Vec<(u32, usize, i64, bool)>> {
        proptest::collection::vec(
            (
                4u32..13,
                0usize..3,
                0i64..=i64::MAX,
                proptest::bool::weighted(0.2),
            ),
            1..60,
        )
    }

    const CATS: [&str; 3] = ["fraud", "pornography", "rumors"];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn interval_sums_equal_plain_sums_on_exact_data(rows in rows_strategy()) {
            let data: Vec<Observation> = rows.iter().enumerate().map(|(i, (m, c, v, _))| obs(i, *m, CATS[*c], *v, Qualifier::Exact)).collect();
            let agg = aggregate(&dataset(data), &by_month_category()).unwrap();
            let mut expected: BTreeMap<(String, String), i128> = BTreeMap::new();
            for (m, c, v, _) in &rows {
                *expected.entry((format!("2014-{m:02}"), CATS[*c].to_string())).or_default() += i128::from(*v);
            }
            for r in agg.rows.iter().filter(|r| r.n > 0) {
                let want = expected[&(r.keys[0].clone(), r.keys[1].clone())];
                prop_assert_eq!(r.value, Some(Interval::exact(want)));
            }
            prop_assert_eq!(agg.rows.iter().filter(|r| r.n > 0).count(), expected.len());
        }

        #[test]
        fn any_more_than_figure_leaves_the_high_end_open(rows in rows_strategy()) {
            let data: Vec<Observation> = rows.iter().enumerate().map(|(i, (m, c, v, open))| {
                obs(i, *m, CATS[*c], *v, if *open { Qualifier::AtLeast } else { Qualifier::Exact })
            }).collect();
            let agg = aggregate(&dataset(data), &by_month_category()).unwrap();
            for r in agg.rows.iter().filter(|r| r.n > 0) {
                let any_open = rows.iter().any(|(m, c, _, open)| *open && format!("2014-{m:02}") == r.keys[0] && CATS[*c] == r.keys[1]);
                prop_assert_eq!(r.value.unwrap().high.is_none(), any_open);
            }
        }

        #[test]
        fn row_order_never_changes_a_result(rows in rows_strategy(), seed in any::<u64>()) {
            let data: Vec<Observation> = rows.iter().enumerate().map(|(i, (m, c, v, open))| {
                obs(i, *m, CATS[*c], *v, if *open { Qualifier::AtLeast } else { Qualifier::Exact })
            }).collect();
            let mut shuffled = data.clone();
            let mut s = seed;
            for i in (1..shuffled.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (s >> 33) as usize % (i + 1));
            }
            let a = aggregate(&dataset(data), &by_month_category()).unwrap();
            let b = aggregate(&dataset(shuffled), &by_month_category()).unwrap();
            prop_assert_eq!(a.rows, b.rows);
        }
    }

    #[test]
    fn split_sums_do_not_wrap() {
        let n = 4;
        let df = df!(
            "k" => vec!["a"; n],
            "low" => vec![i64::MAX; n],
            "high" => vec![Some(i64::MAX); n],
            "approx" => vec![false; n],
        )
        .unwrap();
        let out = interval_sums(df.lazy(), &["k".to_string()]).unwrap();
        let rows = rows_from_sums(&out, &["k".to_string()]).unwrap();
        let expected = i128::from(i64::MAX) * 4;
        assert_eq!(rows[0].value, Some(Interval::exact(expected)));
    }
}
