//! Figures that are never summed: rates and shares one per group, and running totals
//! as snapshots of their series.

use std::collections::{BTreeMap, BTreeSet};

use super::{refuse, AggregateError, Query, Row, RowNote};
use crate::dataset::{Basis, Dimension, Observation, Qualifier};

/// Rates and shares are shown one per group, never summed.
pub(super) fn single_figures(
    obs: &[&Observation],
    q: &Query,
    basis: Basis,
) -> Result<Vec<Row>, AggregateError> {
    let by = &q.by;
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
            return refuse(format!(
                "{} figures are never added, but {} of them fall in one group ({}): group by more keys ({}) or list them with cleanweb export",
                match basis {
                    Basis::Rate => "rate",
                    Basis::Change(_) => "change",
                    _ => "share",
                },
                members.len(),
                some_ids(&members),
                keys_that_tell_apart(&members, q),
            ));
        }
        let o = members[0];
        rows.push(Row {
            keys,
            value: Some(o.interval()),
            n: 1,
            approx: o.qualifier == Qualifier::Approx,
            note: RowNote::Claim {
                basis,
                unit: o.unit.clone(),
            },
        });
    }
    Ok(rows)
}

/// The first three ids of `members`, and how many more: a refusal stays one
/// readable line however many figures fall in one group.
fn some_ids(members: &[&Observation]) -> String {
    let shown: Vec<&str> = members.iter().take(3).map(|o| o.id.as_str()).collect();
    match members.len().saturating_sub(shown.len()) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// The question's keys followed by the keys on which the figures of one group
/// differ, by the package's names: `--by period,country_region,requester`.
fn keys_that_tell_apart(members: &[&Observation], q: &Query) -> String {
    let mut candidates: Vec<Dimension> = vec![
        Dimension::Period,
        Dimension::Region,
        Dimension::Category,
        Dimension::Authority,
        Dimension::Entity,
        Dimension::Metric,
    ];
    candidates.extend(q.names.iter().map(|n| n.dimension));
    let name = |d: Dimension| {
        q.names
            .iter()
            .find(|n| n.dimension == d)
            .map_or_else(|| d.as_str().to_string(), |n| n.name.clone())
    };
    let mut keys: Vec<String> = q.by.iter().map(|d| name(*d)).collect();
    let before = keys.len();
    let mut told: Vec<Dimension> = q.by.clone();
    for d in candidates {
        if q.by.contains(&d) || (d == Dimension::Period && q.by.contains(&Dimension::Month)) {
            continue;
        }
        let values: BTreeSet<String> = members.iter().map(|o| o.key(d)).collect();
        let n = name(d);
        // A key one-to-one with one already named (a code beside its name) tells
        // nothing more apart.
        let repeats = told
            .iter()
            .any(|t| crate::dataset::one_to_one(members, *t, d));
        if values.len() > 1 && !keys.contains(&n) && !repeats {
            keys.push(n);
            told.push(d);
        }
    }
    if keys.len() == before {
        return "for example --by month,authority".into();
    }
    format!("--by {}", keys.join(","))
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
pub(super) fn running_totals(
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
                    None => (cur, RowNote::FirstSnapshot(cur)),
                    Some(p) => {
                        let d = cur.checked_sub(p.interval())?;
                        let before = (p.interval(), p.reference_date());
                        if matches!((cur.high, p.interval().low), (Some(h), Some(l)) if h < l) {
                            let note = RowNote::Restated {
                                now: (cur, o.reference_date()),
                                before,
                            };
                            notes.push(format!("{}: {note}", describe_series(&series)));
                            (d, note)
                        } else {
                            (d, RowNote::Increment { now: cur, before })
                        }
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
                    note: RowNote::RunningTo(o.reference_date()),
                });
            }
        }
    }
    rows.sort_by(|a, b| a.keys.cmp(&b.keys));
    Ok(rows)
}
