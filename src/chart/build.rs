//! From a question to a chart: runs the aggregation (so a chart can never show what
//! `aggregate` would refuse), picks the kind that fits, and writes the words: title,
//! subtitle saying what is counted and when, value-axis title, source footer.

use std::collections::BTreeMap;

use super::labels;
pub use super::labels::{footer, key_label, metric_words, Names};
use super::{Body, Chart, Datum, Kind, Series, Snapshot, DEFAULT_HEIGHT, DEFAULT_WIDTH};
use crate::aggregate::{self, AggregateError, Aggregation, Query};
use crate::dataset::{Basis, Dataset, Dimension, Month, Qualifier};
use crate::say;
use crate::values::interval::Interval;
use crate::words::Lang;

/// Most bars drawn; the rest are grouped (sums) or left out with a note.
pub const MAX_BARS: usize = 20;

/// What the user may set about a chart.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language of the chart's words.
    pub lang: Lang,
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

/// The bars past the most drawn, summed into one: "N others".
pub fn others(rest: &[Datum], lang: Lang) -> Result<Datum, AggregateError> {
    let n = rest.len();
    Ok(Datum {
        label: say!(lang, "chart-others", n = n),
        value: Some(
            Interval::sum(rest.iter().filter_map(|d| d.value))
                .map_err(|_| AggregateError::Overflow)?,
        ),
        approx: rest.iter().any(|d| d.approx),
        extra: String::new(),
    })
}

/// Sorts bars by value, largest first (low end, then high end, unbounded highest).
pub fn sort_by_value(data: &mut [Datum]) {
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
    let (q, options) = chart_query(query, options)?;
    let agg = aggregate::aggregate(ds, &q)?;
    build_from(ds, &q, agg, &options)
}

/// The question a chart asks of the data, and the options it is drawn with: one key,
/// or the month (or period) and the key its bars are stacked by. A question by time
/// and one key (`--by period,requester`, a view's `"by": ["period", "requester"]`)
/// is the time stacked by the key, as `stack_by` says.
pub fn chart_query(query: &Query, options: &Options) -> Result<(Query, Options), AggregateError> {
    let mut q = query.clone();
    let mut options = options.clone();
    if options.stack_by.is_none() {
        if let [Dimension::Month | Dimension::Period, key] = q.by[..] {
            if !matches!(key, Dimension::Month | Dimension::Period) {
                options.stack_by = Some(key);
            }
        }
    }
    if let Some(s) = options.stack_by {
        // Stacks stand on the months, or on the periods of a table of longer ones.
        let time = match q.by.first() {
            Some(Dimension::Period) => Dimension::Period,
            _ => Dimension::Month,
        };
        q.by = vec![time, s];
    } else if q.by.len() != 1 {
        return Err(AggregateError::Refused(
            "a chart shows one key: pass one --by (or --by month,KEY or --by period,KEY for bars by time stacked by the key)".into(),
        ));
    }
    Ok((q, options))
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
    let lang = options.lang;
    let names = Names::of(ds, lang);
    refuse_unfit_kind(kind, q, &agg, options)?;
    let mut remark = None;
    let body = match kind {
        Kind::Step => {
            remark = Some(lang.t("chart-steps"));
            steps(q, &agg)
        }
        Kind::Stacked => stacks(q, &agg, &names, options)?,
        Kind::Bar | Kind::Hbar | Kind::Range => bars(q, &agg, kind, &names, options, &mut remark)?,
    };
    let lines = [rolled_up(q, &agg, &names), per_item(ds, &agg, lang)];
    for line in lines.into_iter().flatten() {
        remark = Some(match remark {
            Some(r) => format!("{r} {line}"),
            None => line,
        });
    }
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| default_title(q, &agg, &names));
    let subtitle = labels::subtitle(q, &agg, &names, &title, options.subtitle.as_deref());
    Ok(Chart {
        title,
        subtitle,
        value_title: names.unit(&agg.unit, &q.metrics),
        footer: footer(ds, &agg, remark, lang),
        width: options.width.unwrap_or(DEFAULT_WIDTH),
        height: options.height.unwrap_or_else(|| default_height(&body)),
        body,
        lang,
    })
}

/// Refuses a kind of chart that cannot draw `agg`: a step line of anything but
/// running totals by month, a stack without a key to stack by, or a stack of figures
/// that are never added.
fn refuse_unfit_kind(
    kind: Kind,
    q: &Query,
    agg: &Aggregation,
    options: &Options,
) -> Result<(), AggregateError> {
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
    if agg.basis.is_claim() && kind == Kind::Stacked {
        return Err(AggregateError::Refused(
            "rates, shares and changes are never added, so they cannot be stacked".into(),
        ));
    }
    Ok(())
}

/// The running totals of `agg` as snapshots in date order, over the months asked
/// for (else those of the snapshots).
fn steps(q: &Query, agg: &Aggregation) -> Body {
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
    Body::Steps { months, snapshots }
}

/// The rows of `agg`, keyed by time and the key stacked by, as one series per value
/// of that key over the times in order; refused when there are more series than
/// colours.
fn stacks(
    q: &Query,
    agg: &Aggregation,
    names: &Names<'_>,
    options: &Options,
) -> Result<Body, AggregateError> {
    let mut labels: Vec<String> = Vec::new();
    let mut by_series: BTreeMap<String, BTreeMap<String, Interval>> = BTreeMap::new();
    for r in &agg.rows {
        if !labels.contains(&r.keys[0]) {
            labels.push(r.keys[0].clone());
        }
        if let Some(v) = r.value {
            by_series
                .entry(names.key(q.by[1], &r.keys[1]))
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
    Ok(Body::Stacked {
        labels,
        series,
        totals: options.stack_by != Some(Dimension::Metric),
    })
}

/// The bars (or columns) of `agg` keyed by its one key, largest first unless
/// the key is time; a remark when some are left out or not reported.
fn bars(
    q: &Query,
    agg: &Aggregation,
    kind: Kind,
    names: &Names<'_>,
    options: &Options,
    remark: &mut Option<String>,
) -> Result<Body, AggregateError> {
    let month_key = q.by[0] == Dimension::Month;
    let lang = names.lang;
    let mut data: Vec<Datum> = agg
        .rows
        .iter()
        .map(|r| Datum {
            label: if month_key && kind == Kind::Bar {
                r.keys[0].clone()
            } else {
                names.key(q.by[0], &r.keys[0])
            },
            value: r.value,
            approx: r.approx,
            extra: String::new(),
        })
        .collect();
    if month_key && kind != Kind::Bar {
        for d in &mut data {
            if let Some(m) = Month::parse(&d.label) {
                d.label = lang.month_year(m);
            }
        }
    }
    if month_key && q.increments {
        // Increments are keyed by day: label them as such.
        for d in &mut data {
            d.label =
                crate::dataset::Date::parse(&d.label).map_or(d.label.clone(), |x| lang.date(x));
        }
    }
    let summable = agg.basis.is_summable();
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
                data.push(others(&rest, lang)?);
            } else {
                *remark = Some(say!(
                    lang,
                    "chart-smallest-hidden",
                    n = n,
                    total = n + max_bars - 1
                ));
            }
        }
    } else if data.iter().any(|d| d.value.is_none()) {
        *remark = Some(lang.t("chart-gaps"));
    }
    let log = options.log;
    Ok(match kind {
        Kind::Bar => Body::Columns(data),
        _ => Body::Bars {
            data,
            log,
            whiskers: kind == Kind::Range,
        },
    })
}
/// A bar rolled up from the places below it says which: "A includes B and C."
fn rolled_up(q: &Query, agg: &Aggregation, names: &Names<'_>) -> Option<String> {
    if agg.members.is_empty() {
        return None;
    }
    let lang = names.lang;
    let lines: Vec<String> = agg
        .members
        .iter()
        .map(|(up, below)| {
            let below: Vec<String> = below.iter().map(|b| names.key(q.by[0], b)).collect();
            say!(
                lang,
                "chart-includes",
                whole = names.key(q.by[0], up),
                parts = below.join(&lang.t("and-list"))
            )
        })
        .collect();
    Some(say!(lang, "chart-sentence", text = lang.join(&lines)))
}

/// A figure for each of several items is why a bar can be wide: the chart itself
/// says so.
fn per_item(ds: &Dataset, agg: &Aggregation, lang: Lang) -> Option<String> {
    let declared: Vec<&crate::dataset::Observation> = ds
        .observations
        .iter()
        .filter(|o| o.per_item.is_some())
        .collect();
    if declared.is_empty() {
        return None;
    }
    let used: std::collections::HashSet<&str> = agg.used.iter().map(String::as_str).collect();
    let figures: Vec<String> = declared
        .into_iter()
        .filter(|o| used.contains(o.id.as_str()))
        .map(|o| {
            say!(
                lang,
                "chart-per-item-figure",
                each = lang.amount(&o.interval_each(), false),
                items = o.per_item.map_or(String::new(), |p| p.words()),
                total = lang.amount(&o.interval(), false)
            )
        })
        .collect();
    if figures.is_empty() {
        return None;
    }
    Some(say!(
        lang,
        "chart-per-item",
        n = figures.len(),
        figures = lang.join(&figures)
    ))
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

fn default_title(q: &Query, agg: &Aggregation, names: &Names<'_>) -> String {
    let lang = names.lang;
    let what = q
        .metrics
        .iter()
        .map(|m| names.metric(m))
        .collect::<Vec<_>>()
        .join(&lang.t("chart-and-metric"));
    let by =
        q.by.iter()
            .map(|d| names.dimension(*d))
            .collect::<Vec<_>>()
            .join(&lang.t("and-list"));
    match (agg.basis, q.increments) {
        (Basis::Cumulative, true) => say!(lang, "chart-title-increments", what = what),
        (Basis::Cumulative, false) if q.by[0] == Dimension::Month => {
            say!(lang, "chart-title-running-total", what = what)
        }
        _ => say!(lang, "chart-title", what = what, by = by),
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
