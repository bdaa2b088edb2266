//! The summing engine is polars. What may be added to what is decided before a
//! figure gets here (the plan: [`super::selects`], the bases, relations); here the
//! figures of a question become columns (a group's code, the interval's low and high
//! ends as exact decimals, whether the high end is open, how many figures, whether
//! one is approximate) and polars groups and sums them, a batch at a time, so that a
//! table read as it streams stays in bounded memory. A loaded package and a table
//! read as it streams, by rows or by columns, are summed by this same code.
//!
//! A group is named by its code: the code of its key, the key's values each after
//! its length (so no text can run into the next value and merge two groups). Sums
//! are decimals of 38 digits: a figure is at most `i64::MAX`, so fewer than 2^60
//! figures cannot overflow them.

use polars::prelude::*;
use rustc_hash::FxHashMap;

use super::Row;
use crate::dataset::{Dimension, Fields, Observation, Qualifier};
use crate::interval::Interval;

/// The rows a batch holds before polars sums it: bounded memory (about 10 MiB a
/// core), few calls into polars.
const BATCH: usize = 1 << 18;

/// The digits of a sum (polars' widest decimal), and of its fraction.
const PRECISION: usize = 38;
const SCALE: usize = 0;

/// One figure, or a sum of figures of one group, as the engine takes it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Part {
    pub low: i128,
    pub high: i128,
    /// Whether the high end is open (a "more than" among the figures).
    pub open: bool,
    pub n: u64,
    pub approx: bool,
}

impl Part {
    /// One figure.
    #[inline]
    pub(super) fn of(f: &Fields<'_>) -> Part {
        let v = f.interval();
        Part {
            low: v.low.unwrap_or(0),
            high: v.high.unwrap_or(0),
            open: v.high.is_none(),
            n: 1,
            approx: f.qualifier == Qualifier::Approx,
        }
    }
}

/// Figures (or sums of figures) not yet summed, as columns: the codes of their
/// keys, and their parts.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    keys: Vec<Vec<i64>>,
    low: Vec<i128>,
    high: Vec<i128>,
    open: Vec<bool>,
    n: Vec<u64>,
    approx: Vec<bool>,
}

impl Columns {
    /// Columns of `keys` key codes a row.
    pub(super) fn new(keys: usize) -> Columns {
        Columns {
            keys: vec![Vec::new(); keys],
            low: Vec::new(),
            high: Vec::new(),
            open: Vec::new(),
            n: Vec::new(),
            approx: Vec::new(),
        }
    }

    #[inline]
    pub(super) fn push(&mut self, keys: &[i64], p: Part) {
        for (column, &k) in self.keys.iter_mut().zip(keys) {
            column.push(k);
        }
        self.low.push(p.low);
        self.high.push(p.high);
        self.open.push(p.open);
        self.n.push(p.n);
        self.approx.push(p.approx);
    }

    pub(super) fn len(&self) -> usize {
        self.low.len()
    }

    /// Groups and sums the figures by their keys (polars' group-by), and empties
    /// the columns: one part a group, with its keys.
    pub(super) fn sum(&mut self) -> Vec<(Vec<i64>, Part)> {
        let names: Vec<String> = (0..self.keys.len()).map(|k| format!("k{k}")).collect();
        let decimal = |name: &str, v: Vec<i128>| -> Column {
            Int128Chunked::from_vec(name.into(), v)
                .into_decimal_unchecked(PRECISION, SCALE)
                .into_column()
        };
        let height = self.len();
        let c = std::mem::replace(self, Columns::new(self.keys.len()));
        let mut columns: Vec<Column> = c
            .keys
            .into_iter()
            .zip(&names)
            .map(|(k, name)| Column::new(name.as_str().into(), k))
            .collect();
        columns.extend([
            decimal("low", c.low),
            decimal("high", c.high),
            Column::new("open".into(), c.open),
            Column::new("n".into(), c.n),
            Column::new("approx".into(), c.approx),
        ]);
        let frame = DataFrame::new(height, columns).expect("columns of one height");
        let keys: Vec<Expr> = names.iter().map(|k| col(k.as_str())).collect();
        let summed = frame
            .lazy()
            .group_by(keys)
            .agg([
                col("low").sum(),
                col("high").sum(),
                col("open").any(true),
                col("n").sum(),
                col("approx").any(true),
            ])
            .collect()
            .expect("a sum of decimal, count and flag columns");
        parts_of(&summed, &names)
    }
}

/// The parts of a frame summed by [`Columns::sum`], with its key columns `by`, row
/// by row.
fn parts_of(frame: &DataFrame, by: &[String]) -> Vec<(Vec<i64>, Part)> {
    let column = |name: &str| frame.column(name).expect("a column of the sum");
    let keys: Vec<Vec<i64>> = by
        .iter()
        .map(|k| {
            column(k)
                .i64()
                .expect("a key code")
                .into_no_null_iter()
                .collect()
        })
        .collect();
    let decimal = |name: &str| -> Vec<i128> {
        column(name)
            .decimal()
            .expect("a decimal sum")
            .physical()
            .into_no_null_iter()
            .collect()
    };
    let flag = |name: &str| -> Vec<bool> {
        column(name)
            .bool()
            .expect("a flag")
            .iter()
            .map(|b| b.unwrap_or(false))
            .collect()
    };
    let (low, high) = (decimal("low"), decimal("high"));
    let (open, approx) = (flag("open"), flag("approx"));
    let n: Vec<u64> = column("n")
        .u64()
        .expect("a count")
        .into_no_null_iter()
        .collect();
    (0..frame.height())
        .map(|i| {
            (
                keys.iter().map(|k| k[i]).collect(),
                Part {
                    low: low[i],
                    high: high[i],
                    open: open[i],
                    n: n[i],
                    approx: approx[i],
                },
            )
        })
        .collect()
}

/// The figures of a question, summed by the groups of its keys.
#[derive(Debug, Clone)]
pub(super) struct Engine {
    by: Vec<Dimension>,
    by_month: bool,
    /// Each group's key and its code.
    codes: FxHashMap<Box<[u8]>, i64>,
    keys: Vec<Box<[u8]>>,
    /// Scratch for the key of a group.
    key: Vec<u8>,
    batch: Columns,
    /// The sums so far, at most one a group; `summed` of the groups hold one.
    sums: Vec<Part>,
    summed: Vec<bool>,
}

impl Engine {
    pub(super) fn new(by: &[Dimension]) -> Engine {
        Engine {
            by: by.to_vec(),
            by_month: by.contains(&Dimension::Month),
            codes: FxHashMap::default(),
            keys: Vec::new(),
            key: Vec::new(),
            batch: Columns::new(1),
            sums: Vec::new(),
            summed: Vec::new(),
        }
    }

    /// Adds a figure to its group; `false` when it has none: grouped by month, a
    /// period figure whose period spans more than one month.
    #[inline]
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
        self.add_sum(&key, Part::of(f));
        self.key = key;
        true
    }

    /// Adds `part`, a figure or a sum of figures of one group, to the group whose
    /// key is `key` (its values written by [`push_value`], in the order of the keys).
    #[inline]
    pub(super) fn add_sum(&mut self, key: &[u8], part: Part) {
        let code = match self.codes.get(key) {
            Some(&c) => c,
            None => {
                let c = self.keys.len() as i64;
                self.codes.insert(key.into(), c);
                self.keys.push(key.into());
                c
            }
        };
        self.batch.push(&[code], part);
        // A batch at least twice the groups: the sums so far that join it are at
        // most a third of what polars sums, however many groups there are.
        if self.batch.len() >= BATCH.max(2 * self.keys.len()) {
            self.flush();
        }
    }

    /// Sums the batch (polars), and adds its sums, one a group, to the sums of the
    /// batches before: each batch adds at most one row a group, so the sums so far
    /// stay as small as the groups.
    fn flush(&mut self) {
        if self.batch.len() == 0 {
            return;
        }
        if !self.sums.is_empty() {
            // The sums so far join the batch, so that polars adds them too.
            for (code, summed) in self.summed.iter_mut().enumerate() {
                if std::mem::take(summed) {
                    self.batch.push(&[code as i64], self.sums[code]);
                }
            }
        }
        self.sums = vec![Part::default(); self.keys.len()];
        self.summed = vec![false; self.keys.len()];
        for (code, part) in self.batch.sum() {
            let code = code[0] as usize;
            self.sums[code] = part;
            self.summed[code] = true;
        }
    }

    /// Adds the groups of `other`.
    pub(super) fn merge(&mut self, mut other: Engine) {
        for (code, part) in other.parts() {
            self.add_sum(&other.keys[code], part);
        }
    }

    /// Each group's code and sum.
    fn parts(&mut self) -> Vec<(usize, Part)> {
        self.flush();
        self.summed
            .iter()
            .zip(&self.sums)
            .enumerate()
            .filter(|(_, (summed, _))| **summed)
            .map(|(code, (_, part))| (code, *part))
            .collect()
    }

    /// One row per group, sorted by the keys.
    pub(super) fn rows(mut self) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .parts()
            .into_iter()
            .map(|(code, p)| Row {
                keys: key_values(&self.keys[code]),
                value: Some(Interval::new(Some(p.low), (!p.open).then_some(p.high))),
                n: p.n,
                approx: p.approx,
                note: String::new(),
            })
            .collect();
        rows.sort_by(|a, b| a.keys.cmp(&b.keys));
        rows
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
    let mut engine = Engine::new(by);
    for o in obs {
        let f = o.fields();
        if !engine.add(&f) {
            notes.push(spans_months(&f));
        }
    }
    engine.rows()
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
mod tests;
