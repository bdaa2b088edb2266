//! Months, quarters, half-years and years without a figure: rows of their own,
//! "not reported", never zero.

use super::*;
use crate::values::calendar as date;

/// The months one question may span. A month without a figure is a row of its own
/// ("not reported") and a gap drawn in a chart, so two figures ten thousand years
/// apart would be 120,000 rows and a chart no one can read.
pub const MAX_MONTHS: i64 = 1200;

/// The months without a figure that one question may add, over every combination of
/// its other keys.
const MAX_FILLED_ROWS: i64 = 1_000_000;

/// Adds a "not reported" row for every month without a figure, for each combination
/// of the other keys, from `from` (or the first month with data) to `to` (or the
/// last). Refuses a span longer than [`MAX_MONTHS`].
pub(super) fn fill_months(
    rows: Vec<Row>,
    by: &[Dimension],
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<Row>, AggregateError> {
    let Some(mi) = by.iter().position(|d| *d == Dimension::Month) else {
        return Ok(rows);
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
        return Ok(rows);
    };
    let others = other_keys(&rows, mi, by.len());
    let span = (i64::from(last.year) - i64::from(first.year)) * 12 + i64::from(last.month)
        - i64::from(first.month)
        + 1;
    let filled = span.saturating_mul(others.len() as i64);
    if span > MAX_MONTHS || filled > MAX_FILLED_ROWS {
        let bounds = match (from, to) {
            (None, None) => "the first and last figures' months",
            _ => "the months of --from and --to and of the figures",
        };
        return refuse(format!(
            "--by month: from {first} to {last} ({bounds}) is {span} months{}, each without a figure a row of its own; at most {MAX_MONTHS} months and {MAX_FILLED_ROWS} rows are filled: narrow the span with --from and --to, or ask --by period",
            if others.len() > 1 {
                format!(" for each of {} groups", others.len())
            } else {
                String::new()
            }
        ));
    }
    let span: Vec<String> = first.through(last).iter().map(Month::to_string).collect();
    Ok(fill_gaps(rows, mi, &others, &span))
}

/// Adds a "not reported" row for every calendar period (quarter, half-year or year)
/// without a figure between the first and the last with one, for each combination
/// of the other keys: a half-year in which nothing was published is a gap, never a
/// period left out. Periods of different lengths, or spans of days, are left as
/// they are, and so is a span past [`MAX_MONTHS`] periods.
pub(super) fn fill_periods(rows: Vec<Row>, by: &[Dimension]) -> Vec<Row> {
    let Some(pi) = by.iter().position(|d| *d == Dimension::Period) else {
        return rows;
    };
    let periods: Option<Vec<(u32, i64)>> = rows
        .iter()
        .map(|r| date::calendar_period(&r.keys[pi]))
        .collect();
    let Some(periods) = periods else { return rows };
    let Some(&(per_year, _)) = periods.first() else {
        return rows;
    };
    if periods.iter().any(|(p, _)| *p != per_year) {
        return rows;
    }
    let (Some(first), Some(last)) = (
        periods.iter().map(|p| p.1).min(),
        periods.iter().map(|p| p.1).max(),
    ) else {
        return rows;
    };
    let others = other_keys(&rows, pi, by.len());
    let span = last - first + 1;
    if span > MAX_MONTHS || span.saturating_mul(others.len() as i64) > MAX_FILLED_ROWS {
        return rows;
    }
    let span: Vec<String> = (first..=last)
        .map(|i| date::calendar_period_label(per_year, i))
        .collect();
    fill_gaps(rows, pi, &others, &span)
}

/// The combinations of the keys of `rows` other than key `at` (one of `width`).
pub(super) fn other_keys(rows: &[Row], at: usize, width: usize) -> BTreeSet<Vec<String>> {
    let others: BTreeSet<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut k = r.keys.clone();
            k.remove(at);
            k
        })
        .collect();
    if others.is_empty() {
        BTreeSet::from([vec![String::new(); width - 1]])
    } else {
        others
    }
}

/// `rows` with a "not reported" row for each label of `span` (key `at`) that a
/// combination of `others` has no row for; sorted by keys.
pub(super) fn fill_gaps(
    rows: Vec<Row>,
    at: usize,
    others: &BTreeSet<Vec<String>>,
    span: &[String],
) -> Vec<Row> {
    let mut present: BTreeMap<Vec<String>, Row> =
        rows.into_iter().map(|r| (r.keys.clone(), r)).collect();
    let mut out = Vec::new();
    for other in others {
        for label in span {
            let mut keys = other.clone();
            keys.insert(at, label.clone());
            out.push(present.remove(&keys).unwrap_or(Row {
                keys,
                value: None,
                n: 0,
                approx: false,
                note: RowNote::NotReported,
            }));
        }
    }
    out.extend(present.into_values());
    out.sort_by(|a, b| a.keys.cmp(&b.keys));
    out
}
