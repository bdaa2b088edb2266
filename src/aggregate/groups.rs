//! The summing engine is polars. What may be added to what is decided before a
//! figure gets here (the plan: which figures, which keys, which basis, in
//! [`super`]); here the figures of a question become columns (the code of a group,
//! the interval's low and high ends, whether the high end is open, how many
//! figures, whether one is approximate) and polars' group-by sums them, a batch at
//! a time, so that a table read as it streams stays in bounded memory. A loaded
//! package and a table read as it streams ([`super::Sums`], one `Groups` per core,
//! merged) are summed by this same code.
//!
//! A group is named by its code, given to its key in the order keys are first seen:
//! the key is its values, each after its length, so no text can run into the next
//! value and merge two groups. Sums are `i128` in the fixed scale of
//! [`crate::values::decimal`]: a figure is at most `i64::MAX` units at nine decimals (less
//! than 2^93), so fewer than 2^33 figures, more than any table this tool reads in a
//! day, cannot overflow them.

use polars::prelude::{Column, DataFrame, Int128Chunked, IntoColumn};
use rustc_hash::FxHashMap;

use super::{LeftOut, Row};
use crate::dataset::{Dimension, Fields, Observation, Qualifier};
use crate::values::interval::Interval;

/// The parts a `Groups` holds before polars sums them (or twice its groups): 46 bytes
/// a part, 3 MiB a core, which stay in the processor's cache, and some hundred calls
/// into polars for 10 million figures (a larger batch, 2^20, was no faster and took
/// 80 MiB more; BENCHMARKS.md).
const BATCH: usize = 1 << 16;

/// The groups summed so far.
#[derive(Debug, Clone)]
pub(super) struct Groups {
    by: Vec<Dimension>,
    by_month: bool,
    /// The code of each group's key, and the key of each code.
    codes: FxHashMap<Box<[u8]>, u32>,
    keys: Vec<Box<[u8]>>,
    /// Figures and sums not yet summed with the others of their group.
    parts: Parts,
    /// Scratch for the key of a group.
    key: Vec<u8>,
}

/// One group's sum so far, or one figure.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Acc {
    low: i128,
    high: i128,
    unbounded: bool,
    n: u64,
    approx: bool,
}

/// Parts as columns: the code of each one's group, and its sums.
#[derive(Debug, Clone, Default)]
struct Parts {
    code: Vec<u32>,
    low: Vec<i128>,
    high: Vec<i128>,
    open: Vec<bool>,
    n: Vec<u64>,
    approx: Vec<bool>,
}

impl Parts {
    #[inline]
    fn push(&mut self, code: u32, a: Acc) {
        self.code.push(code);
        self.low.push(a.low);
        self.high.push(a.high);
        self.open.push(a.unbounded);
        self.n.push(a.n);
        self.approx.push(a.approx);
    }

    fn len(&self) -> usize {
        self.code.len()
    }

    /// The part at `i`.
    fn get(&self, i: usize) -> Acc {
        Acc {
            low: self.low[i],
            high: self.high[i],
            unbounded: self.open[i],
            n: self.n[i],
            approx: self.approx[i],
        }
    }

    /// The parts summed by group with polars' group-by: one part a group.
    fn summed(self) -> Parts {
        if self.len() < 2 {
            return self;
        }
        let height = self.len();
        let frame = DataFrame::new(
            height,
            vec![
                Column::new("code".into(), self.code),
                Int128Chunked::from_vec("low".into(), self.low).into_column(),
                Int128Chunked::from_vec("high".into(), self.high).into_column(),
                Column::new("open".into(), self.open),
                Column::new("n".into(), self.n),
                Column::new("approx".into(), self.approx),
            ],
        )
        .expect("columns of one height");
        // Each core sums its own parts: polars' group-by runs on the calling thread,
        // not on polars' pool as well.
        let code = frame.column("code").expect("a key column").clone();
        let by = frame
            .group_by_with_series(vec![code], false, false)
            .expect("a key column");
        let groups = by.get_groups();
        let column = |name: &str| frame.column(name).expect("a column of the parts");
        // SAFETY: the groups are those of `frame` itself, so every index is in bounds.
        let (low, high, n) = unsafe {
            (
                column("low").agg_sum(groups),
                column("high").agg_sum(groups),
                column("n").agg_sum(groups),
            )
        };
        let any = |name: &str| {
            let flags = column(name).bool().expect("a column of flags");
            // SAFETY: as above.
            unsafe { flags.agg_any(groups, true) }
        };
        let (open, approx) = (any("open"), any("approx"));
        let code = by.keys().swap_remove(0);
        Parts {
            code: code.u32().expect("codes").into_no_null_iter().collect(),
            low: low.i128().expect("sums").into_no_null_iter().collect(),
            high: high.i128().expect("sums").into_no_null_iter().collect(),
            open: open.iter().map(|b| b == Some(true)).collect(),
            n: n.u64().expect("counts").into_no_null_iter().collect(),
            approx: approx.iter().map(|b| b == Some(true)).collect(),
        }
    }
}

impl Groups {
    pub(super) fn new(by: &[Dimension]) -> Groups {
        Groups {
            by: by.to_vec(),
            by_month: by.contains(&Dimension::Month),
            codes: FxHashMap::default(),
            keys: Vec::new(),
            parts: Parts::default(),
            key: Vec::new(),
        }
    }

    /// The code of the group whose key is `key`, given when first seen.
    #[inline]
    fn code(&mut self, key: &[u8]) -> u32 {
        if let Some(c) = self.codes.get(key) {
            return *c;
        }
        let c = u32::try_from(self.keys.len()).expect("fewer than 2^32 groups");
        self.codes.insert(key.into(), c);
        self.keys.push(key.into());
        c
    }

    /// Adds `a` to the group of code `code`; polars sums the parts once a batch is
    /// full.
    #[inline]
    fn push(&mut self, code: u32, a: Acc) {
        self.parts.push(code, a);
        if self.parts.len() >= BATCH.max(2 * self.keys.len()) {
            self.parts = std::mem::take(&mut self.parts).summed();
        }
    }

    /// Adds a figure to its group; `false` when it has none: grouped by month, a
    /// period figure whose period spans more than one month.
    pub(super) fn add(&mut self, f: &Fields<'_>) -> bool {
        let month = f.month();
        if self.by_month && month.is_none() {
            return false;
        }
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        for d in &self.by {
            push_value(&mut key, |key| match (d, month) {
                (Dimension::Month, Some(m)) => m.write_key(key),
                (Dimension::Period, _) => key.extend_from_slice(f.period_label().as_bytes()),
                (d, _) => key.extend_from_slice(f.text_key(*d).as_bytes()),
            });
        }
        let code = self.code(&key);
        self.key = key;
        let mut a = Acc::default();
        a.add(f);
        self.push(code, a);
        true
    }

    /// Adds `acc`, a sum of figures of one group, to the group whose key is `key`
    /// (its values written by [`push_value`], in the order of the keys).
    pub(super) fn add_sum(&mut self, key: &[u8], acc: Acc) {
        let code = self.code(key);
        self.push(code, acc);
    }

    /// Adds the groups of `other`.
    pub(super) fn merge(&mut self, other: Groups) {
        let parts = other.parts.summed();
        for i in 0..parts.len() {
            let code = self.code(&other.keys[parts.code[i] as usize]);
            self.push(code, parts.get(i));
        }
    }

    /// One row per group, sorted by the keys.
    pub(super) fn rows(self) -> Vec<Row> {
        let parts = self.parts.summed();
        let mut rows: Vec<Row> = (0..parts.len())
            .map(|i| {
                let acc = parts.get(i);
                Row {
                    keys: key_values(&self.keys[parts.code[i] as usize]),
                    value: Some(Interval::new(
                        Some(acc.low),
                        (!acc.unbounded).then_some(acc.high),
                    )),
                    n: acc.n,
                    approx: acc.approx,
                    note: super::RowNote::None,
                }
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
}

/// Writes one value of a group's key: its length, then what `write` writes.
pub(super) fn push_value(key: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) {
    let at = key.len();
    key.extend_from_slice(&[0; 4]);
    write(key);
    let len = u32::try_from(key.len() - at - 4).unwrap_or(u32::MAX);
    key[at..at + 4].copy_from_slice(&len.to_le_bytes());
}

/// Why a figure is left out of a question by month: its period spans more than one
/// month.
pub(super) fn spans_months(f: &Fields<'_>) -> LeftOut {
    LeftOut::SpansMonths(f.period_start.unwrap_or(f.date), f.reference_date())
}

/// Sums loaded figures into the groups of `by`; each figure left out gets a note
/// and its reason.
pub(super) fn sum(
    obs: &[&Observation],
    by: &[Dimension],
    notes: &mut Vec<String>,
    left: &mut Vec<(String, LeftOut)>,
) -> Vec<Row> {
    let mut groups = Groups::new(by);
    for o in obs {
        let f = o.fields();
        if !groups.add(&f) {
            super::double::leave_out(notes, left, f.id, spans_months(&f));
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
            value: crate::values::decimal::Value::whole(value),
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
                i128::from(i64::MAX) * 4 * crate::values::decimal::ONE
            ))
        );
    }

    #[test]
    fn batches_summed_on_the_way_give_the_sums_of_one_pass() {
        // Three batches and a half of figures over three groups, one figure "more
        // than" (open above) and one approximate: polars sums each full batch with
        // the sums so far, then the rest, and two such sums merge.
        let (mut a, mut b) = (
            Groups::new(&[Dimension::Category]),
            Groups::new(&[Dimension::Category]),
        );
        let n = BATCH * 7 / 2;
        for i in 0..n {
            let g = if i % 2 == 0 { &mut a } else { &mut b };
            let mut f = fields(["x", "y", "z"][i % 3], "", (i % 10) as i64);
            if i == 5 {
                f.qualifier = Qualifier::AtLeast;
            }
            if i == 7 {
                f.qualifier = Qualifier::Approx;
            }
            assert!(g.add(&f));
        }
        a.merge(b);
        let rows = a.rows();
        let one = crate::values::decimal::ONE;
        for (k, row) in rows.iter().enumerate() {
            let of_group = (0..n).filter(|i| i % 3 == k);
            let sum: i128 = of_group.clone().map(|i| (i % 10) as i128).sum();
            assert_eq!(row.keys, [["x", "y", "z"][k]]);
            assert_eq!(row.n, of_group.count() as u64);
            assert_eq!(row.value.unwrap().low, Some(sum * one));
            // Figure 5 is of group z (5 % 3 = 2), figure 7 of group y.
            assert_eq!(row.value.unwrap().high, (k != 2).then_some(sum * one));
            assert_eq!(row.approx, k == 1);
        }
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
