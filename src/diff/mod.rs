//! Two editions of one table: which figures were revised, added or removed, matched
//! by what they are (metric, period and every dimension, unit and basis), never by
//! their line, so a republished table with rows moved compares as it should. A
//! value's other spellings (a mapping's `spellings`) are one value. Figures of
//! periods only one edition covers are counted by period, not listed; a value
//! found in only one edition beside one found only in the other, under the same
//! other keys, is shown beside it (a rename or a split to look at).

mod tables;

use std::collections::{BTreeMap, BTreeSet};

use crate::dataset::{Dataset, Dimension, Observation};
use crate::values::interval::Interval;

pub use tables::{figures_table, periods_table, totals_table, uncovered_words};

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
    /// The figure's key ([`Keys::key`]), in the edition that has it (the new one
    /// for a revision).
    pub key: Vec<String>,
    /// For a figure found in one edition only: the figures of the other found
    /// only there under the same other keys, in words.
    pub look_at: Option<String>,
}

impl Difference<'_> {
    /// new - old, for a revision; the new figure for one added; minus the old for
    /// one removed.
    pub fn revision(&self) -> Option<Interval> {
        match (self.old, self.new) {
            (Some(o), Some(n)) => n.interval().checked_sub(o.interval()).ok(),
            (None, Some(n)) => Some(n.interval()),
            (Some(o), None) => Interval::ZERO.checked_sub(o.interval()).ok(),
            (None, None) => None,
        }
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

/// The keys that tell figures apart, as they appear in both editions: the metric,
/// the period, each dimension (by its label), the unit and the basis.
pub struct Keys {
    pub labels: Vec<String>,
    /// Each label's key in the old edition and in the new: the same name may sit
    /// under another index in the other edition, or be missing from it.
    old: Vec<Option<Dimension>>,
    new: Vec<Option<Dimension>>,
    /// Each label's other spellings, of either edition's mapping (the new one's
    /// first): the value written and the value it is read as.
    spellings: Vec<BTreeMap<String, String>>,
}

/// Where the period is in a key; the dimensions follow it.
pub const PERIOD: usize = 1;

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
        let spellings = labels
            .iter()
            .map(|l| {
                let mut all = old.spellings.get(l).cloned().unwrap_or_default();
                all.extend(new.spellings.get(l).cloned().unwrap_or_default());
                all
            })
            .collect();
        Keys {
            old: resolve(old),
            new: resolve(new),
            labels,
            spellings,
        }
    }

    /// A figure's key, in the new edition or the old, each value as the mappings
    /// spell it.
    pub fn key(&self, in_new: bool, o: &Observation) -> Vec<String> {
        let mut k = vec![o.metric.clone(), o.fields().period_label()];
        let dims = if in_new { &self.new } else { &self.old };
        for (i, d) in dims.iter().enumerate() {
            let v = d.map_or("", |d| o.text_key_of(d));
            k.push(self.spelled(i + PERIOD + 1, v).to_string());
        }
        k.push(o.unit.clone());
        k.push(o.basis.as_str().to_string());
        k
    }

    /// The value at position `at` of a key as the mappings spell it.
    pub fn spelled<'a>(&'a self, at: usize, value: &'a str) -> &'a str {
        at.checked_sub(PERIOD + 1)
            .and_then(|i| self.spellings.get(i))
            .and_then(|s| s.get(value))
            .map_or(value, String::as_str)
    }

    /// The position in a key of `metric`, `period` or a dimension's label.
    pub fn position(&self, name: &str) -> Option<usize> {
        match name {
            "metric" => Some(0),
            "period" => Some(PERIOD),
            _ => self
                .labels
                .iter()
                .position(|l| l == name)
                .map(|i| i + PERIOD + 1),
        }
    }

    /// The names [`Keys::position`] knows.
    pub fn names(&self) -> Vec<&str> {
        let mut all = vec!["metric", "period"];
        all.extend(self.labels.iter().map(String::as_str));
        all
    }
}

/// Which figures to compare: each filter a key position and the values it may
/// have (one of them).
#[derive(Debug, Clone, Default)]
pub struct Question {
    pub filters: Vec<(usize, Vec<String>)>,
}

/// Which edition a figure is found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Edition {
    Old,
    New,
}

/// Two editions compared.
pub struct Comparison<'a> {
    /// The figures that differ, in the periods both editions cover: revisions
    /// first, then the figures found in one edition only, each group that may be a
    /// rename or a split together.
    pub figures: Vec<Difference<'a>>,
    /// Figures of periods the other edition does not cover, by edition and period
    /// (its last day, then its label).
    pub uncovered: BTreeMap<(Edition, crate::dataset::Date, String), u64>,
    /// Each edition's figures of the periods both cover, with their keys: what the
    /// sums of [`totals_table`] add.
    pub common: [Vec<(Vec<String>, &'a Observation)>; 2],
}

impl Comparison<'_> {
    /// Whether the editions differ in any figure asked about.
    pub fn differs(&self) -> bool {
        !self.figures.is_empty() || !self.uncovered.is_empty()
    }
}

/// The figures of `ds` that `q` asks about, with their keys.
fn asked<'a>(
    ds: &'a Dataset,
    in_new: bool,
    keys: &Keys,
    q: &Question,
) -> Vec<(Vec<String>, &'a Observation)> {
    ds.observations
        .iter()
        .map(|o| (keys.key(in_new, o), o))
        .filter(|(k, _)| q.filters.iter().all(|(i, vs)| vs.contains(&k[*i])))
        .collect()
}

/// Compares the figures `q` asks about.
pub fn compare<'a>(
    old: &'a Dataset,
    new: &'a Dataset,
    keys: &Keys,
    q: &Question,
) -> Comparison<'a> {
    let (old, new) = (asked(old, false, keys, q), asked(new, true, keys, q));
    let periods = |list: &[(Vec<String>, &Observation)]| -> BTreeSet<String> {
        list.iter().map(|(k, _)| k[PERIOD].clone()).collect()
    };
    let (old_periods, new_periods) = (periods(&old), periods(&new));
    let covered =
        |k: &[String]| old_periods.contains(&k[PERIOD]) && new_periods.contains(&k[PERIOD]);
    let mut before: BTreeMap<&[String], Vec<&Observation>> = BTreeMap::new();
    for (k, o) in &old {
        before.entry(k).or_default().push(o);
    }
    for list in before.values_mut() {
        list.reverse();
    }
    let mut uncovered = BTreeMap::new();
    let mut count = |edition: Edition, k: &[String], o: &Observation| {
        let at = (edition, o.reference_date(), k[PERIOD].clone());
        *uncovered.entry(at).or_insert(0) += 1;
    };
    let (mut revised, mut once) = (Vec::new(), Vec::new());
    for (k, n) in &new {
        match before.get_mut(k.as_slice()).and_then(Vec::pop) {
            Some(o) if o.interval() != n.interval() || o.qualifier != n.qualifier => {
                revised.push(difference(Change::Revised, Some(o), Some(n), k));
            }
            Some(_) => {}
            None if covered(k) => once.push(difference(Change::Added, None, Some(n), k)),
            None => count(Edition::New, k, n),
        }
    }
    let mut removed: Vec<(&[String], &Observation)> = before
        .into_iter()
        .flat_map(|(k, list)| list.into_iter().map(move |o| (k, o)))
        .collect();
    removed.sort_by_key(|(_, o)| (o.origin.line, o.origin.cell));
    for (k, o) in removed {
        if covered(k) {
            once.push(difference(Change::Removed, Some(o), None, k));
        } else {
            count(Edition::Old, k, o);
        }
    }
    revised.extend(beside(once, keys));
    let common = |list: Vec<(Vec<String>, &'a Observation)>| {
        list.into_iter().filter(|(k, _)| covered(k)).collect()
    };
    Comparison {
        figures: revised,
        uncovered,
        common: [common(old), common(new)],
    }
}

fn difference<'a>(
    change: Change,
    old: Option<&'a Observation>,
    new: Option<&'a Observation>,
    key: &[String],
) -> Difference<'a> {
    Difference {
        change,
        old,
        new,
        key: key.to_vec(),
        look_at: None,
    }
}

/// The figures found in one edition only, each group of those that differ from
/// figures of the other edition in one dimension alone put together (the old
/// edition's first) with a word on what to look at; the others after, added
/// then removed.
fn beside<'a>(once: Vec<Difference<'a>>, keys: &Keys) -> Vec<Difference<'a>> {
    let mut taken = vec![false; once.len()];
    let mut out = Vec::new();
    for at in PERIOD + 1..PERIOD + 1 + keys.labels.len() {
        let mut groups: BTreeMap<Vec<&str>, Vec<usize>> = BTreeMap::new();
        let mut order = Vec::new();
        for (i, d) in once.iter().enumerate().filter(|(i, _)| !taken[*i]) {
            let mut rest: Vec<&str> = d.key.iter().map(String::as_str).collect();
            rest[at] = "";
            let group = groups.entry(rest.clone()).or_default();
            if group.is_empty() {
                order.push(rest);
            }
            group.push(i);
        }
        for rest in order {
            let members = &groups[&rest];
            let values = |c: Change| -> Vec<String> {
                let mut v: Vec<String> = members
                    .iter()
                    .filter(|&&i| once[i].change == c)
                    .map(|&i| format!("'{}'", once[i].key[at]))
                    .collect();
                v.dedup();
                v
            };
            let (gone, came) = (values(Change::Removed), values(Change::Added));
            if gone.is_empty()
                || came.is_empty()
                || members.iter().any(|&i| once[i].key[at].is_empty())
            {
                continue;
            }
            let what = if gone.len() == 1 && came.len() == 1 {
                "a rename to look at (the mapping's \"spellings\" read one as the other)"
            } else {
                "a split or a rename to look at"
            };
            let note = format!(
                "{}: {} in the old edition, {} in the new: {what}",
                keys.labels[at - PERIOD - 1],
                gone.join(", "),
                came.join(", ")
            );
            let mut group: Vec<usize> = members.clone();
            group.sort_by_key(|&i| once[i].change == Change::Added);
            for i in group {
                taken[i] = true;
                let mut d = once[i].clone();
                d.look_at = Some(note.clone());
                out.push(d);
            }
        }
    }
    let mut rest: Vec<Difference<'a>> = once
        .into_iter()
        .zip(taken)
        .filter(|(_, t)| !t)
        .map(|(d, _)| d)
        .collect();
    rest.sort_by_key(|d| d.change);
    out.extend(rest);
    out
}
