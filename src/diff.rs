//! Two editions of one table: which figures were revised, added or removed, matched
//! by what they are (metric, period and every dimension, unit and basis), never by
//! their line, so a republished table with rows moved compares as it should.

use std::collections::BTreeMap;

use crate::dataset::{Dataset, Dimension, Observation};
use crate::interval::Interval;
use crate::output::{Cell, Table};

/// What happened to one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Revised,
    Added,
    Removed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Revised => "revised",
            Change::Added => "added",
            Change::Removed => "removed",
        }
    }
}

/// One figure that differs.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference<'a> {
    pub change: Change,
    pub old: Option<&'a Observation>,
    pub new: Option<&'a Observation>,
}

impl Difference<'_> {
    fn either(&self) -> &Observation {
        self.new.or(self.old).expect("a difference has an edition")
    }

    /// new - old, for a revision.
    pub fn revision(&self) -> Option<Interval> {
        let (o, n) = (self.old?, self.new?);
        n.interval().checked_sub(o.interval()).ok()
    }

    /// `up`, `down`, or `changed` (the intervals overlap, or only the wording moved).
    pub fn direction(&self) -> &'static str {
        match self.revision() {
            Some(r) if r.low.is_some_and(|l| l > 0) => "up",
            Some(r) if r.high.is_some_and(|h| h < 0) => "down",
            _ => "changed",
        }
    }
}

/// The keys that tell figures apart, as they appear in both editions.
pub struct Keys {
    labels: Vec<String>,
    /// Each label's key in the old edition and in the new: the same name may sit
    /// under another index in the other edition, or be missing from it.
    old: Vec<Option<Dimension>>,
    new: Vec<Option<Dimension>>,
}

impl Keys {
    /// The dimensions either edition uses (any with a value other than blank).
    pub fn of(old: &Dataset, new: &Dataset) -> Keys {
        let mut labels: Vec<String> = Vec::new();
        for ds in [old, new] {
            let roles = [
                Dimension::Region,
                Dimension::Category,
                Dimension::Entity,
                Dimension::Authority,
            ];
            let all = roles
                .into_iter()
                .chain(ds.dimensions.iter().map(|n| n.dimension));
            for d in all {
                let label = d.label(&ds.dimensions).to_string();
                let used = ds.observations.iter().any(|o| !o.text_key_of(d).is_empty());
                if used && !labels.contains(&label) {
                    labels.push(label);
                }
            }
        }
        let resolve = |ds: &Dataset| -> Vec<Option<Dimension>> {
            labels
                .iter()
                .map(|l| Dimension::parse_in(l, &ds.dimensions).filter(|d| *d != Dimension::Metric))
                .collect()
        };
        Keys {
            old: resolve(old),
            new: resolve(new),
            labels,
        }
    }

    /// A figure's key, in the new edition or the old.
    fn key(&self, in_new: bool, o: &Observation) -> Vec<String> {
        let mut k = vec![o.metric.clone(), o.fields().period_label()];
        let dims = if in_new { &self.new } else { &self.old };
        for d in dims {
            k.push(d.map_or(String::new(), |d| o.text_key_of(d).to_string()));
        }
        k.push(o.unit.clone());
        k.push(o.basis.as_str().to_string());
        k
    }
}

/// Every figure that differs between the editions, in the order of the new one
/// (removed figures after, in the order of the old).
pub fn diff<'a>(old: &'a Dataset, new: &'a Dataset, keys: &Keys) -> Vec<Difference<'a>> {
    let mut before: BTreeMap<Vec<String>, Vec<&Observation>> = BTreeMap::new();
    for o in &old.observations {
        before.entry(keys.key(false, o)).or_default().push(o);
    }
    for list in before.values_mut() {
        list.reverse();
    }
    let mut out = Vec::new();
    for n in &new.observations {
        match before.get_mut(&keys.key(true, n)).and_then(Vec::pop) {
            Some(o) => {
                if o.interval() != n.interval() || o.qualifier != n.qualifier {
                    out.push(Difference {
                        change: Change::Revised,
                        old: Some(o),
                        new: Some(n),
                    });
                }
            }
            None => out.push(Difference {
                change: Change::Added,
                old: None,
                new: Some(n),
            }),
        }
    }
    let mut removed: Vec<&Observation> = before.into_values().flatten().collect();
    removed.sort_by_key(|o| (o.origin.line, o.origin.cell));
    out.extend(removed.into_iter().map(|o| Difference {
        change: Change::Removed,
        old: Some(o),
        new: None,
    }));
    out
}

fn at(o: Option<&Observation>) -> Cell {
    o.map_or(Cell::Empty, |o| {
        Cell::text(if o.origin.cell > 0 {
            format!("{}:{}:{}", o.origin.file, o.origin.line, o.origin.cell)
        } else {
            format!("{}:{}", o.origin.file, o.origin.line)
        })
    })
}

/// A figure's value in words: its interval, or "not published" with the floor it
/// stands from.
fn value(o: Option<&Observation>) -> Cell {
    o.map_or(Cell::Empty, |o| {
        Cell::text(match o.qualifier {
            crate::dataset::Qualifier::Unknown if o.value.scaled() == 0 => {
                "not published".to_string()
            }
            crate::dataset::Qualifier::Unknown => format!("not published ({})", o.interval()),
            _ => o.interval().to_string(),
        })
    })
}

/// One row per figure that differs.
pub fn table(diffs: &[Difference<'_>], keys: &Keys) -> Table {
    let mut columns = vec!["change", "metric", "period"];
    columns.extend(keys.labels.iter().map(String::as_str));
    columns.extend([
        "old",
        "new",
        "revision_low",
        "revision_high",
        "old_cell",
        "new_cell",
    ]);
    let mut t = Table::new(&columns);
    for d in diffs {
        let key = keys.key(d.new.is_some(), d.either());
        let mut row = vec![Cell::text(d.change.as_str())];
        row.extend(key[..2 + keys.labels.len()].iter().map(|k| {
            if k.is_empty() {
                Cell::Empty
            } else {
                Cell::text(k.clone())
            }
        }));
        row.push(value(d.old));
        row.push(value(d.new));
        match d.revision() {
            Some(r) => {
                row.push(Cell::opt_amount(r.low));
                row.push(Cell::opt_amount(r.high));
            }
            None => row.extend([Cell::Empty, Cell::Empty]),
        }
        row.push(at(d.old));
        row.push(at(d.new));
        t.rows.push(row);
    }
    t
}

/// Counts by metric (and by `by`, when given): revised up, down or otherwise,
/// added, removed.
pub fn totals(
    diffs: &[Difference<'_>],
    by: Option<(&str, Dimension)>,
    old: &Dataset,
    new: &Dataset,
) -> Table {
    let mut columns = vec!["metric"];
    if let Some((label, _)) = by {
        columns.push(label);
    }
    columns.extend([
        "revised_up",
        "revised_down",
        "revised_other",
        "added",
        "removed",
        "summary",
    ]);
    let mut t = Table::new(&columns);
    let mut counts: BTreeMap<(String, String), [u64; 5]> = BTreeMap::new();
    for d in diffs {
        let o = d.either();
        let ds = if d.new.is_some() { new } else { old };
        let group = by.map_or(String::new(), |(label, _)| {
            Dimension::parse_in(label, &ds.dimensions).map_or(String::new(), |dim| o.key(dim))
        });
        let c = counts.entry((o.metric.clone(), group)).or_default();
        let i = match (d.change, d.direction()) {
            (Change::Revised, "up") => 0,
            (Change::Revised, "down") => 1,
            (Change::Revised, _) => 2,
            (Change::Added, _) => 3,
            (Change::Removed, _) => 4,
        };
        c[i] += 1;
    }
    for ((metric, group), c) in counts {
        let words = metric.replace('_', " ");
        let rows = |n: u64| format!("{n} row{}", if n == 1 { "" } else { "s" });
        let mut said = Vec::new();
        for (n, what) in [
            (c[0], "revised up"),
            (c[1], "revised down"),
            (c[2], "revised in wording or within their ranges"),
            (c[3], "added"),
            (c[4], "removed"),
        ] {
            if n > 0 {
                said.push(format!("{what} in {}", rows(n)));
            }
        }
        let mut row = vec![Cell::text(&metric)];
        if by.is_some() {
            row.push(Cell::text(group));
        }
        row.extend(c.iter().map(|n| Cell::Int(i128::from(*n))));
        row.push(Cell::text(format!("{words} {}", said.join(", "))));
        t.rows.push(row);
    }
    t
}
