//! The one summing engine: event and period figures added, as intervals, into the
//! groups of a question's keys. A loaded package and a table read as it streams
//! ([`super::Sums`], one `Groups` per core, merged) are summed by this same code.
//!
//! Sums are `i128`: a figure is at most `i64::MAX`, so fewer than 2^64 figures can
//! never overflow. A group's key is its values, each after its length, so no text
//! can run into the next value and merge two groups.

use rustc_hash::FxHashMap;

use super::Row;
use crate::dataset::{Dimension, Fields, Observation, Qualifier};
use crate::interval::Interval;

/// The groups summed so far.
#[derive(Debug, Clone)]
pub(super) struct Groups {
    by: Vec<Dimension>,
    by_month: bool,
    sums: FxHashMap<Box<[u8]>, Acc>,
    /// Scratch for the key of a group.
    key: Vec<u8>,
}

/// One group's sum so far.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Acc {
    low: i128,
    high: i128,
    unbounded: bool,
    n: u64,
    approx: bool,
}

impl Groups {
    pub(super) fn new(by: &[Dimension]) -> Groups {
        Groups {
            by: by.to_vec(),
            by_month: by.contains(&Dimension::Month),
            sums: FxHashMap::default(),
            key: Vec::new(),
        }
    }

    /// Adds a figure to its group; `false` when it has none: grouped by month, a
    /// period figure whose period spans more than one month.
    pub(super) fn add(&mut self, f: &Fields<'_>) -> bool {
        let month = f.month();
        if self.by_month && month.is_none() {
            return false;
        }
        self.key.clear();
        for d in &self.by {
            push_value(&mut self.key, |key| match (d, month) {
                (Dimension::Month, Some(m)) => m.write_key(key),
                (Dimension::Period, _) => key.extend_from_slice(f.period_label().as_bytes()),
                (d, _) => key.extend_from_slice(f.text_key(*d).as_bytes()),
            });
        }
        let acc = match self.sums.get_mut(self.key.as_slice()) {
            Some(acc) => acc,
            None => self
                .sums
                .entry(self.key.clone().into_boxed_slice())
                .or_default(),
        };
        acc.add(f);
        true
    }

    /// Adds `acc`, a sum of figures of one group, to the group whose key is `key`
    /// (its values written by [`push_value`], in the order of the keys).
    pub(super) fn add_sum(&mut self, key: &[u8], acc: Acc) {
        match self.sums.get_mut(key) {
            Some(a) => a.merge(acc),
            None => {
                self.sums.insert(key.into(), acc);
            }
        }
    }

    /// Adds the groups of `other`.
    pub(super) fn merge(&mut self, other: Groups) {
        for (key, b) in other.sums {
            self.sums.entry(key).or_default().merge(b);
        }
    }

    /// One row per group, sorted by the keys.
    pub(super) fn rows(self) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .sums
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
        rows
    }
}

impl Acc {
    /// Adds a figure.
    #[inline]
    pub(super) fn add(&mut self, f: &Fields<'_>) {
        let v = f.interval();
        self.low += v.low.unwrap_or(0);
        match v.high {
            Some(h) => self.high += h,
            None => self.unbounded = true,
        }
        self.n += 1;
        self.approx |= f.qualifier == Qualifier::Approx;
    }

    /// Adds another sum.
    fn merge(&mut self, b: Acc) {
        self.low += b.low;
        self.high += b.high;
        self.unbounded |= b.unbounded;
        self.n += b.n;
        self.approx |= b.approx;
    }
}

/// Writes one value of a group's key: its length, then what `write` writes.
pub(super) fn push_value(key: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) {
    let at = key.len();
    key.extend_from_slice(&[0; 4]);
    write(key);
    let len = u32::try_from(key.len() - at - 4).unwrap_or(u32::MAX);
    key[at..at + 4].copy_from_slice(&len.to_le_bytes());
}

/// The note of a figure left out of a question by month: its period spans more than
/// one month.
pub(super) fn spans_months(f: &Fields<'_>) -> String {
    format!(
        "left out '{}': its period {}..{} spans more than one month",
        f.id,
        f.period_start.unwrap_or(f.date),
        f.reference_date()
    )
}

/// Sums loaded figures into the groups of `by`; each figure left out gets a note.
pub(super) fn sum(obs: &[&Observation], by: &[Dimension], notes: &mut Vec<String>) -> Vec<Row> {
    let mut groups = Groups::new(by);
    for o in obs {
        let f = o.fields();
        if !groups.add(&f) {
            notes.push(spans_months(&f));
        }
    }
    groups.rows()
}

/// The values of a group key, each after its length.
fn key_values(mut key: &[u8]) -> Vec<String> {
    let mut values = Vec::new();
    while let Some((len, rest)) = key.split_first_chunk::<4>() {
        let len = (u32::from_le_bytes(*len) as usize).min(rest.len());
        values.push(String::from_utf8_lossy(&rest[..len]).into_owned());
        key = &rest[len..];
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Basis, Date};

    fn fields<'a>(category: &'a str, entity: &'a str, value: i64) -> Fields<'a> {
        Fields {
            id: "a",
            date: Date::parse("2014-04-17").unwrap(),
            period_start: None,
            period_end: None,
            authority: "",
            region: "national",
            metric: "m",
            category,
            entity,
            value: crate::value::Value::whole(value),
            value_max: None,
            qualifier: Qualifier::Exact,
            unit: "count",
            basis: Basis::Event,
            quote: "q",
            source: "",
            note: "",
            dims: &[],
            per_item: None,
        }
    }

    #[test]
    fn sums_do_not_wrap() {
        let mut g = Groups::new(&[Dimension::Category]);
        for _ in 0..4 {
            assert!(g.add(&fields("a", "", i64::MAX)));
        }
        let rows = g.rows();
        assert_eq!(
            rows[0].value,
            Some(Interval::exact(
                i128::from(i64::MAX) * 4 * crate::value::ONE
            ))
        );
    }

    #[test]
    fn no_text_runs_into_the_next_key() {
        // The two would be one group if the values were only joined.
        let mut g = Groups::new(&[Dimension::Category, Dimension::Entity]);
        g.add(&fields("a\0b", "c", 5));
        g.add(&fields("a", "b\0c", 7));
        let rows = g.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].keys, ["a", "b\0c"]);
        assert_eq!(rows[1].keys, ["a\0b", "c"]);
    }
}
