//! A comparison of two editions as tables: the figures that differ, the periods
//! only one edition covers, and the sums by key. Numbers are cells of their own
//! (plain in CSV and JSON); a value is shown as written.

use std::collections::BTreeMap;

use super::{Change, Comparison, Difference, Edition, Keys, PERIOD};
use crate::dataset::{Basis, Observation, Qualifier};
use crate::output::{Cell, Table};
use crate::values::interval::{amount, Interval};

fn at(o: Option<&Observation>) -> Cell {
    o.map_or(Cell::Empty, |o| {
        Cell::text(if o.origin.cell > 0 {
            format!("{}:{}:{}", o.origin.file, o.origin.line, o.origin.cell)
        } else {
            format!("{}:{}", o.origin.file, o.origin.line)
        })
    })
}

/// A figure's value as written when it is one number, else its interval with
/// plain ends (`0 to 9`, `1000 or more`).
fn written(o: Option<&Observation>) -> Cell {
    let Some(o) = o else {
        return Cell::Empty;
    };
    let one = matches!(o.qualifier, Qualifier::Exact | Qualifier::Approx) && o.per_item.is_none();
    if one {
        return Cell::Value(o.value);
    }
    let plain = crate::values::decimal::plain_amount;
    if o.qualifier == Qualifier::Unknown {
        return Cell::text(match o.interval().low {
            Some(a) if a != 0 => format!("not published ({} or more)", plain(a)),
            _ => "not published".to_string(),
        });
    }
    Cell::text(match (o.interval().low, o.interval().high) {
        (Some(a), Some(b)) if a == b => plain(a),
        (Some(a), Some(b)) => format!("{} to {}", plain(a), plain(b)),
        (Some(a), None) => format!("{} or more", plain(a)),
        (None, Some(b)) => format!("at most {}", plain(b)),
        (None, None) => "unknown".into(),
    })
}

/// One row per figure that differs, in the order of the comparison.
pub fn figures_table(c: &Comparison<'_>, keys: &Keys) -> Table {
    let mut columns = vec!["change", "metric", "period"];
    columns.extend(keys.labels.iter().map(String::as_str));
    columns.extend([
        "old",
        "new",
        "revision_low",
        "revision_high",
        "old_cell",
        "new_cell",
        "look_at",
    ]);
    let mut t = Table::new(&columns);
    for d in &c.figures {
        let mut row = vec![Cell::text(d.change.as_str())];
        row.extend(d.key[..PERIOD + 1 + keys.labels.len()].iter().map(|k| {
            if k.is_empty() {
                Cell::Empty
            } else {
                Cell::text(k.clone())
            }
        }));
        row.push(written(d.old));
        row.push(written(d.new));
        match d.revision().filter(|_| d.change == Change::Revised) {
            Some(r) => {
                row.push(Cell::opt_amount(r.low));
                row.push(Cell::opt_amount(r.high));
            }
            None => row.extend([Cell::Empty, Cell::Empty]),
        }
        row.push(at(d.old));
        row.push(at(d.new));
        row.push(d.look_at.as_ref().map_or(Cell::Empty, Cell::text));
        t.rows.push(row);
    }
    t
}

/// The figures of periods only one edition covers, by period.
pub fn periods_table(c: &Comparison<'_>) -> Table {
    let mut t = Table::new(&["period", "only_in", "figures", "summary"]);
    for ((edition, _, period), n) in &c.uncovered {
        let (only, other) = match edition {
            Edition::Old => ("old", "new"),
            Edition::New => ("new", "old"),
        };
        t.rows.push(vec![
            Cell::text(period),
            Cell::text(only),
            Cell::Int(i128::from(*n)),
            Cell::text(format!(
                "{} for {period}, a period the {other} edition does not cover",
                figures(*n)
            )),
        ]);
    }
    t
}

/// What only one edition covers, in one sentence for each edition: "2,070 figures
/// for periods the old edition does not cover (2022-H2 to 2025-H1)".
pub fn uncovered_words(c: &Comparison<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for (edition, other) in [(Edition::New, "old"), (Edition::Old, "new")] {
        let mine: Vec<(&String, u64)> = c
            .uncovered
            .iter()
            .filter(|((e, _, _), _)| *e == edition)
            .map(|((_, _, p), n)| (p, *n))
            .collect();
        let (Some(first), Some(last)) = (mine.first(), mine.last()) else {
            continue;
        };
        let n: u64 = mine.iter().map(|(_, n)| n).sum();
        let span = if mine.len() == 1 {
            first.0.clone()
        } else {
            format!("{} periods, {} to {}", mine.len(), first.0, last.0)
        };
        out.push(format!(
            "{} for periods the {other} edition does not cover ({span})",
            figures(n)
        ));
    }
    out
}

fn figures(n: u64) -> String {
    let n = i128::from(n);
    format!(
        "{} figure{}",
        crate::values::interval::thousands(n),
        if n == 1 { "" } else { "s" }
    )
}

/// The sums of one group of figures in each edition, and the revision between.
#[derive(Default)]
struct Group {
    old: Vec<Interval>,
    new: Vec<Interval>,
    units: Vec<String>,
    bases: Vec<Basis>,
    /// Revised up, down or otherwise, added, removed.
    counts: [u64; 5],
    revisions: Vec<Interval>,
}

/// By metric (and by the key at `by`, when given), over the periods both editions
/// cover: the old sum, the new sum and the revision (the sum of the figures'
/// revisions: a figure published alike in both counts 0), and how many figures
/// were revised, added and removed. Figures that are never added (shares, rates,
/// running totals, or figures in two units) get no sums.
pub fn totals_table(c: &Comparison<'_>, keys: &Keys, by: Option<usize>) -> Table {
    let group_of = |k: &[String]| (k[0].clone(), by.map_or(String::new(), |i| k[i].clone()));
    let mut groups: BTreeMap<(String, String), Group> = BTreeMap::new();
    for (side, list) in c.common.iter().enumerate() {
        for (k, o) in list {
            let g = groups.entry(group_of(k)).or_default();
            let sums = if side == 0 { &mut g.old } else { &mut g.new };
            sums.push(o.interval());
            if !g.units.contains(&o.unit) {
                g.units.push(o.unit.clone());
            }
            g.bases.push(o.basis);
        }
    }
    for d in &c.figures {
        let g = groups.entry(group_of(&d.key)).or_default();
        g.counts[count_index(d)] += 1;
        g.revisions.extend(d.revision());
    }
    let mut columns = vec!["metric"];
    let by_label = by.map(|i| keys.names()[i].to_string());
    if let Some(label) = &by_label {
        columns.push(label);
    }
    columns.extend([
        "old_low",
        "old_high",
        "new_low",
        "new_high",
        "revision_low",
        "revision_high",
        "revised_up",
        "revised_down",
        "revised_other",
        "added",
        "removed",
        "summary",
    ]);
    let mut t = Table::new(&columns);
    for ((metric, value), g) in groups {
        let mut row = vec![Cell::text(&metric)];
        if by.is_some() {
            row.push(Cell::text(&value));
        }
        let sums = g.sums();
        for s in [sums.map(|s| s.0), sums.map(|s| s.1), sums.map(|s| s.2)] {
            row.push(Cell::opt_amount(s.and_then(|s| s.low)));
            row.push(Cell::opt_amount(s.and_then(|s| s.high)));
        }
        row.extend(g.counts.iter().map(|n| Cell::Int(i128::from(*n))));
        row.push(Cell::text(g.summary(&metric, sums)));
        t.rows.push(row);
    }
    t
}

fn count_index(d: &Difference<'_>) -> usize {
    match (d.change, d.direction()) {
        (Change::Revised, "up") => 0,
        (Change::Revised, "down") => 1,
        (Change::Revised, _) => 2,
        (Change::Added, _) => 3,
        (Change::Removed, _) => 4,
    }
}

impl Group {
    /// Why the group's figures are not added, when they are not.
    fn not_added(&self) -> Option<&'static str> {
        if self.units.len() > 1 {
            return Some("in different units, never added");
        }
        match self
            .bases
            .iter()
            .find(|b| !matches!(b, Basis::Event | Basis::Period))
        {
            Some(Basis::Share) => Some("shares, never added"),
            Some(Basis::Rate) => Some("rates, never added"),
            Some(_) => Some("running totals, never added"),
            None => None,
        }
    }

    /// The old sum, the new sum and the revision, when the figures may be added.
    fn sums(&self) -> Option<(Interval, Interval, Interval)> {
        if self.not_added().is_some() {
            return None;
        }
        let old = Interval::sum(self.old.iter().copied()).ok()?;
        let new = Interval::sum(self.new.iter().copied()).ok()?;
        let revision = Interval::sum(self.revisions.iter().copied()).ok()?;
        Some((old, new, revision))
    }

    fn summary(&self, metric: &str, sums: Option<(Interval, Interval, Interval)>) -> String {
        let words = metric.replace('_', " ");
        let mut said = Vec::new();
        for (n, what) in self.counts.iter().zip([
            "revised up",
            "revised down",
            "revised in wording or within their ranges",
            "added",
            "removed",
        ]) {
            if *n > 0 {
                said.push(format!("{what} in {}", figures(*n)));
            }
        }
        let changes = if said.is_empty() {
            "no figure revised".to_string()
        } else {
            said.join(", ")
        };
        match (sums, self.not_added()) {
            (Some((old, new, revision)), _) => format!(
                "{words}: {old} in the old edition, {new} in the new, a revision of {}; {changes}",
                signed(revision)
            ),
            (None, Some(why)) => format!("{words} ({why}): {changes}"),
            (None, None) => format!("{words} (too large to add exactly): {changes}"),
        }
    }
}

/// A revision in words, its sign written: `-334`, `+12`, `-3 to +5`.
fn signed(r: Interval) -> String {
    let end = |v: i128| {
        if v > 0 {
            format!("+{}", amount(v))
        } else {
            amount(v)
        }
    };
    match (r.low, r.high) {
        (Some(a), Some(b)) if a == b => end(a),
        (Some(a), Some(b)) => format!("{} to {}", end(a), end(b)),
        (Some(a), None) => format!("{} or more", end(a)),
        (None, Some(b)) => format!("at most {}", end(b)),
        (None, None) => "unknown".into(),
    }
}
