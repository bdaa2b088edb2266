//! From a question to a chart: runs the aggregation (so a chart can never show what
//! `aggregate` would refuse), picks the kind that fits, and writes the words: title,
//! subtitle saying what is counted and when, value-axis title, source footer.

use std::collections::BTreeMap;

use super::{
    Body, Chart, Datum, Kind, Series, Snapshot, DEFAULT_HEIGHT, DEFAULT_WIDTH, HONESTY_NOTE,
};
use crate::aggregate::{self, AggregateError, Aggregation, Query};
use crate::dataset::{Basis, Dataset, Dimension, Month, Qualifier};
use crate::interval::Interval;

/// Most bars drawn; the rest are grouped (sums) or left out with a note.
pub const MAX_BARS: usize = 20;

/// What the user may set about a chart.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub kind: Option<Kind>,
    pub stack_by: Option<Dimension>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// A log axis for horizontal bars.
    pub log: bool,
    /// Most bars drawn (default [`MAX_BARS`]); the rest are grouped or left out.
    pub max_bars: Option<usize>,
}

/// The kind a query gets when none is asked for.
pub fn default_kind(query: &Query, basis: Basis, options: &Options) -> Kind {
    if options.stack_by.is_some() {
        return Kind::Stacked;
    }
    match query.by.first() {
        Some(Dimension::Month) if basis == Basis::Cumulative && !query.increments => Kind::Step,
        Some(Dimension::Month | Dimension::Period) => Kind::Bar,
        _ => Kind::Hbar,
    }
}

/// Words for a metric: `websites_closed` -> `Websites closed`.
pub fn metric_words(metric: &str) -> String {
    let s = match metric.strip_suffix("_yuan") {
        Some(stem) => format!("{} (yuan)", stem.replace('_', " ")),
        None => metric.replace('_', " "),
    };
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

fn basis_words(basis: Basis, increments: bool) -> &'static str {
    match (basis, increments) {
        (Basis::Cumulative, true) => "change between running totals as announced",
        (Basis::Cumulative, false) => "running total as announced",
        (Basis::Event, _) => "single actions as announced",
        (Basis::Period, _) => "totals over the period stated",
        (Basis::Rate, _) => "rates as claimed",
        (Basis::Share, _) => "shares as claimed",
    }
}

fn unit_words(unit: &str, metrics: &[String]) -> String {
    match unit {
        "count" if metrics.len() == 1 => metric_words(&metrics[0]),
        "count" => "Count".into(),
        "yuan" => "Yuan".into(),
        "years" => "Years".into(),
        "months" => "Months".into(),
        "percent" => "Percent".into(),
        "per_day" => "Per day".into(),
        "multiple" => "Times the amount".into(),
        other => metric_words(other),
    }
}

fn span_words(agg: &Aggregation) -> String {
    match (agg.cited.first, agg.cited.last) {
        (Some(a), Some(b)) if a == b => a.label(),
        (Some(a), Some(b)) if a.year == b.year => {
            format!("{}–{}", a.name(), b.label())
        }
        (Some(a), Some(b)) => format!("{}–{}", a.label(), b.label()),
        _ => String::new(),
    }
}

/// The footer: the sources actually plotted, the honesty note, and any remark.
pub fn footer(ds: &Dataset, agg: &Aggregation, remark: Option<String>) -> Vec<String> {
    let mut sources: Vec<String> = ds
        .sources
        .iter()
        .filter(|s| agg.cited.sources.contains(&s.name))
        .map(|s| {
            if s.title.is_empty() {
                s.name.clone()
            } else {
                s.title.clone()
            }
        })
        .collect();
    if sources.is_empty() {
        sources.push(ds.display_title().to_string());
    }
    let mut lines = vec![format!(
        "Source: {} ({}). {HONESTY_NOTE}",
        sources.join("; "),
        ds.display_title()
    )];
    if let Some(r) = remark {
        lines.push(r);
    }
    lines
}

/// A key as a label; an empty key says what is missing.
pub fn key_label(dim: Dimension, k: &str) -> String {
    if !k.is_empty() {
        return k.replace('_', " ");
    }
    match dim {
        Dimension::Category => "no category".into(),
        Dimension::Entity => "no entity named".into(),
        Dimension::Authority => "authority not named".into(),
        _ => "unspecified".into(),
    }
}

/// Sorts bars by value, largest first (low end, then high end, unbounded highest).
fn sort_by_value(data: &mut [Datum]) {
    data.sort_by(|a, b| {
        let key = |d: &Datum| {
            let v = d.value.unwrap_or(Interval::ZERO);
            (v.low.unwrap_or(0), v.high.unwrap_or(i128::MAX))
        };
        key(b).cmp(&key(a)).then_with(|| a.label.cmp(&b.label))
    });
}

/// Builds a chart for `query` on `ds`.
pub fn build(ds: &Dataset, query: &Query, options: &Options) -> Result<Chart, AggregateError> {
    let q = chart_query(query, options)?;
    let agg = aggregate::aggregate(ds, &q)?;
    build_from(ds, &q, agg, options)
}

/// The question a chart asks of the data: one key, or the month and the key its
/// bars are stacked by.
pub fn chart_query(query: &Query, options: &Options) -> Result<Query, AggregateError> {
    let mut q = query.clone();
    if let Some(s) = options.stack_by {
        q.by = vec![Dimension::Month, s];
    } else if q.by.len() != 1 {
        return Err(AggregateError::Refused(
            "a chart shows one key: pass one --by (or --by month with --stack-by KEY for stacked bars)".into(),
        ));
    }
    Ok(q)
}

/// Builds the chart of `agg`, the answer to `q` (a [`chart_query`]) on the data
/// described by `ds` (its title and sources; its observations are not read).
pub fn build_from(
    ds: &Dataset,
    q: &Query,
    agg: Aggregation,
    options: &Options,
) -> Result<Chart, AggregateError> {
    let kind = options
        .kind
        .unwrap_or_else(|| default_kind(q, agg.basis, options));
    let month_key = q.by[0] == Dimension::Month;
    match kind {
        Kind::Step if !(month_key && agg.basis == Basis::Cumulative && !q.increments) => {
            return Err(AggregateError::Refused(
                "a step chart draws running totals by month: use --by month --basis cumulative (without --increments)".into(),
            ))
        }
        Kind::Stacked if options.stack_by.is_none() => {
            return Err(AggregateError::Refused("a stacked chart needs --stack-by KEY".into()))
        }
        _ => {}
    }
    if matches!(agg.basis, Basis::Rate | Basis::Share) && kind == Kind::Stacked {
        return Err(AggregateError::Refused(
            "rates and shares are never added, so they cannot be stacked".into(),
        ));
    }
    let mut remark = None;
    let body = match kind {
        Kind::Step => {
            let mut snapshots: Vec<Snapshot> = agg
                .figures
                .iter()
                .map(|o| Snapshot {
                    date: o.reference_date(),
                    value: o.interval(),
                    approx: o.qualifier == Qualifier::Approx,
                })
                .collect();
            snapshots.sort_by_key(|s| s.date);
            let months = month_span(
                q.from.map(|d| d.month()),
                q.to.map(|d| d.month()),
                &snapshots,
            );
            remark = Some("Each point is a running total as announced on that day; the line stays flat until the next announcement.".into());
            Body::Steps { months, snapshots }
        }
        Kind::Stacked => {
            let mut labels: Vec<String> = Vec::new();
            let mut by_series: BTreeMap<String, BTreeMap<String, Interval>> = BTreeMap::new();
            for r in &agg.rows {
                if !labels.contains(&r.keys[0]) {
                    labels.push(r.keys[0].clone());
                }
                if let Some(v) = r.value {
                    by_series
                        .entry(key_label(q.by[1], &r.keys[1]))
                        .or_default()
                        .insert(r.keys[0].clone(), v);
                }
            }
            labels.sort();
            let series: Vec<Series> = by_series
                .into_iter()
                .map(|(name, vals)| Series {
                    values: labels.iter().map(|l| vals.get(l).copied()).collect(),
                    name,
                })
                .collect();
            if series.len() > super::theme::PALETTE.len() {
                return Err(AggregateError::Refused(format!(
                    "{} series are too many to stack legibly (at most {}): narrow the selection or use --by {}",
                    series.len(),
                    super::theme::PALETTE.len(),
                    options.stack_by.map_or("category", |d| d.as_str())
                )));
            }
            Body::Stacked {
                labels,
                series,
                totals: options.stack_by != Some(Dimension::Metric),
            }
        }
        Kind::Bar | Kind::Hbar | Kind::Range => {
            let mut data: Vec<Datum> = agg
                .rows
                .iter()
                .map(|r| Datum {
                    label: if month_key && kind == Kind::Bar {
                        r.keys[0].clone()
                    } else {
                        key_label(q.by[0], &r.keys[0])
                    },
                    value: r.value,
                    approx: r.approx,
                    extra: String::new(),
                })
                .collect();
            if month_key && kind != Kind::Bar {
                for d in &mut data {
                    if let Some(m) = Month::parse(&d.label) {
                        d.label = m.label();
                    }
                }
            }
            if month_key && q.increments {
                // Increments are keyed by day: label them as such.
                for d in &mut data {
                    d.label = crate::dataset::Date::parse(&d.label).map_or(d.label.clone(), |x| {
                        format!("{} {}", x.day, x.month().label())
                    });
                }
            }
            let summable = matches!(agg.basis, Basis::Event | Basis::Period);
            // Periods keep the order of the calendar; other keys are sorted by value.
            if !month_key && q.by[0] != Dimension::Period {
                sort_by_value(&mut data);
                if summable
                    && data.iter().all(|d| d.value.is_some_and(|v| v.is_exact()))
                    && q.by[0] == Dimension::Category
                {
                    let total: i128 = data
                        .iter()
                        .filter_map(|d| d.value.and_then(|v| v.low))
                        .sum();
                    if total > 0 {
                        for d in &mut data {
                            let v = d.value.and_then(|v| v.low).unwrap_or(0);
                            d.extra = format!("({:.1}%)", v as f64 * 100.0 / total as f64);
                        }
                    }
                }
                let max_bars = options.max_bars.unwrap_or(MAX_BARS).max(2);
                if data.len() > max_bars {
                    let rest = data.split_off(max_bars - 1);
                    let n = rest.len();
                    if summable {
                        let sum = Interval::sum(rest.iter().filter_map(|d| d.value))
                            .map_err(|_| AggregateError::Overflow)?;
                        data.push(Datum {
                            label: format!("{n} others"),
                            value: Some(sum),
                            approx: rest.iter().any(|d| d.approx),
                            extra: String::new(),
                        });
                    } else {
                        remark = Some(format!(
                            "The {n} smallest of {} are not shown.",
                            n + max_bars - 1
                        ));
                    }
                }
            } else if data.iter().any(|d| d.value.is_none()) {
                remark = Some(
                    "Months marked 'not reported' have no published figure; they are not zero."
                        .into(),
                );
            }
            let log = options.log;
            match kind {
                Kind::Bar => Body::Columns(data),
                _ => Body::Bars {
                    data,
                    log,
                    whiskers: kind == Kind::Range,
                },
            }
        }
    };
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| default_title(q, &agg));
    let subtitle = options.subtitle.clone().unwrap_or_else(|| {
        let mut parts = vec![format!(
            "{}, {}",
            unit_words(&agg.unit, &q.metrics),
            basis_words(agg.basis, q.increments)
        )];
        parts.push(match &q.region {
            Some(r) if r == "national" => "national figures".into(),
            Some(r) => r.clone(),
            None => "all regions".into(),
        });
        if let Some(c) = &q.category {
            parts.push(key_label(Dimension::Category, c));
        }
        let span = span_words(&agg);
        if !span.is_empty() {
            parts.push(span);
        }
        parts.join("; ")
    });
    Ok(Chart {
        title,
        subtitle,
        value_title: unit_words(&agg.unit, &q.metrics),
        footer: footer(ds, &agg, remark),
        width: options.width.unwrap_or(DEFAULT_WIDTH),
        height: options.height.unwrap_or_else(|| default_height(&body)),
        body,
    })
}

/// Horizontal bars get a height that fits their rows, so a few bars do not float
/// in white space.
pub fn default_height(body: &Body) -> u32 {
    match body {
        // Up to ten bars fit the default height; beyond, rows of 28 pixels keep every
        // label legible.
        Body::Bars { data, .. } => {
            let n = data.len() as u32;
            (330 + 58 * n)
                .clamp(480, DEFAULT_HEIGHT)
                .max(330 + 28 * n)
                .min(6000)
        }
        _ => DEFAULT_HEIGHT,
    }
}

fn default_title(q: &Query, agg: &Aggregation) -> String {
    let what = q
        .metrics
        .iter()
        .map(|m| metric_words(m))
        .collect::<Vec<_>>()
        .join(" and ");
    let by =
        q.by.iter()
            .map(|d| d.as_str())
            .collect::<Vec<_>>()
            .join(" and ");
    match (agg.basis, q.increments) {
        (Basis::Cumulative, true) => format!("{what}: change between announcements"),
        (Basis::Cumulative, false) if q.by[0] == Dimension::Month => {
            format!("{what}: the running total")
        }
        _ => format!("{what} by {by}"),
    }
}

fn month_span(from: Option<Month>, to: Option<Month>, snaps: &[Snapshot]) -> Vec<Month> {
    let first = from.or_else(|| snaps.iter().map(|s| s.date.month()).min());
    let last = to.or_else(|| snaps.iter().map(|s| s.date.month()).max());
    match (first, last) {
        (Some(a), Some(b)) if a <= b => a.through(b),
        _ => Vec::new(),
    }
}
