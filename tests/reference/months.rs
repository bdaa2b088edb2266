//! Running totals, which are never added, and the months not reported.

use std::collections::{BTreeMap, BTreeSet};

use super::{keys, Answer, Day, Figure, Note, Question, Row};

/// Running totals: never added. `None` when a group would hold two series.
pub(super) fn running_totals(figures: &[&Figure], q: &Question) -> Option<Vec<Row>> {
    let others: Vec<String> = q.by.iter().filter(|b| *b != "month").cloned().collect();
    let mut series_of_group: BTreeMap<Vec<String>, BTreeSet<[&str; 5]>> = BTreeMap::new();
    for f in figures {
        series_of_group
            .entry(keys(f, &others)?)
            .or_default()
            .insert(f.series());
    }
    if series_of_group.values().any(|s| s.len() > 1) {
        return None;
    }
    let mut series: BTreeMap<[&str; 5], Vec<&Figure>> = BTreeMap::new();
    for f in figures {
        series.entry(f.series()).or_default().push(f);
    }
    let mut rows = Vec::new();
    for snaps in series.values_mut() {
        // In time order; a tie by the day announced, then the id.
        snaps.sort_by(|a, b| (a.day(), a.date, &a.id).cmp(&(b.day(), b.date, &b.id)));
        if q.increments {
            for (i, f) in snaps.iter().enumerate() {
                let mut k = keys(f, &q.by)?;
                if let Some(at) = q.by.iter().position(|b| b == "month") {
                    k[at] = f.day().to_string();
                }
                let (value, note, approx) = match i.checked_sub(1).map(|j| snaps[j]) {
                    None => (f.iv, Note::FirstSnapshot, f.approx),
                    Some(p) => {
                        let lower = matches!((f.iv.high, p.iv.low), (Some(h), Some(l)) if h < l);
                        let note = if lower {
                            Note::Restatement
                        } else {
                            Note::Difference
                        };
                        (f.iv.minus(p.iv), note, f.approx || p.approx)
                    }
                };
                rows.push(Row {
                    keys: k,
                    value: Some(value),
                    n: 1,
                    approx,
                    note,
                });
            }
        } else {
            let mut last: BTreeMap<Vec<String>, (&Figure, u64)> = BTreeMap::new();
            for f in snaps.iter() {
                let e = last.entry(keys(f, &q.by)?).or_insert((f, 0));
                *e = (f, e.1 + 1);
            }
            for (k, (f, n)) in last {
                let note = Note::RunningTotalTo(f.day());
                rows.push(Row {
                    keys: k,
                    value: Some(f.iv),
                    n,
                    approx: f.approx,
                    note,
                });
            }
        }
    }
    // Stable: the snapshots of one key stay in time order.
    rows.sort_by(|a, b| a.keys.cmp(&b.keys));
    Some(rows)
}

/// Every month from the first asked (or with a figure) to the last, for each
/// combination of the other keys: a month without a figure is a row of its own, not
/// reported.
pub(super) fn not_reported(rows: Vec<Row>, q: &Question) -> Answer {
    let at = q.by.iter().position(|b| b == "month").unwrap();
    let months: Vec<Day> = rows
        .iter()
        .map(|r| Day::parse(&format!("{}-01", r.keys[at])))
        .collect();
    let first = q.from.or(months.iter().min().copied());
    let last = q.to.or(months.iter().max().copied());
    let (Some(first), Some(last)) = (first, last) else {
        return Answer::Rows(rows);
    };
    let mut others: BTreeSet<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut k = r.keys.clone();
            k.remove(at);
            k
        })
        .collect();
    if others.is_empty() {
        if q.by.len() > 1 {
            return Answer::Open;
        }
        others.insert(Vec::new());
    }
    let mut all: BTreeMap<Vec<String>, Row> =
        rows.into_iter().map(|r| (r.keys.clone(), r)).collect();
    let (mut y, mut m) = (first.y, first.m);
    while (y, m) <= (last.y, last.m) {
        for o in &others {
            let mut k = o.clone();
            k.insert(at, format!("{y:04}-{m:02}"));
            all.entry(k.clone()).or_insert(Row {
                keys: k,
                value: None,
                n: 0,
                approx: false,
                note: Note::NotReported,
            });
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    Answer::Rows(all.into_values().collect())
}
