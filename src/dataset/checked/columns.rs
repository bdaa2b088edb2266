//! The rules of an observation table kept by columns: a row group of a Parquet table
//! is screened whole. The rules of a word ([`rules::word_problem`]) are worked out
//! once per distinct word of a column; the rules of one cell and the rules that tie
//! cells together run on each row, on typed dates and counts. These are the same
//! functions [`rules::check_fields`] calls, so the two ways cannot disagree: a row
//! that breaks any rule is left to the reader, which hands it to
//! [`Checked`]'s `record`, and so to `check_fields`, for the words of its problems.
//! The rows that keep every rule reach the inner sink as a [`Screened`] batch, or
//! one by one as [`Fields`] when it takes no batches.

use std::ops::Range;

use crate::table::batch::{Batch, Words, MAX_KNOWN};
use crate::table::At;

use super::{stand_in, Checked, RowSink};
use crate::dataset::rules::{
    col, cross_rules, date_cell, date_of_days, is_blank_from, is_snake_case, value_cell,
    word_problem, Parts, WORDS,
};
use crate::dataset::{Basis, Date, Fields, Qualifier, Value};

/// The rows of a row group screened at a time, unless the sink says otherwise.
pub(super) const WINDOW: usize = 1 << 14;

/// The columns coded by their words: every column of few distinct values.
const CODED: [usize; 9] = [
    col::AUTHORITY,
    col::REGION,
    col::METRIC,
    col::CATEGORY,
    col::ENTITY,
    col::QUALIFIER,
    col::UNIT,
    col::BASIS,
    col::SOURCE,
];

/// The rows of a row group that keep every rule, as the inner sink reads them.
pub struct Screened<'r, 'b> {
    pub batch: &'r Batch<'b>,
    /// The row of the batch that is row 0 here: a row group is screened in windows
    /// (of [`WINDOW`] rows), so that what the rules read of it stays small.
    first: usize,
    /// The words of each coded column.
    words: &'r [Option<&'r Words<'b>>],
    /// The rows that keep every rule; the others are not the inner sink's.
    pub ok: &'r [bool],
    pub date: &'r [Option<Date>],
    pub period_start: &'r [Option<Date>],
    pub period_end: &'r [Option<Date>],
    pub value: &'r [Option<Value>],
    pub value_max: &'r [Option<Value>],
    /// The qualifier and basis of each code of their columns.
    pub qualifiers: &'r [Option<Qualifier>],
    pub bases: &'r [Option<Basis>],
    /// The columns not read (a table checked before; see [`super::stand_in`]).
    unread: &'r [bool],
}

impl<'b> Screened<'_, 'b> {
    /// The code of row `i` in coded column `k` (one of [`CODED`]).
    #[inline]
    pub fn code(&self, k: usize, i: usize) -> usize {
        self.words[k].map_or(0, |w| w.code(self.first + i))
    }

    /// The codes of coded column `k` for the first `rows` rows (those of the window).
    pub fn codes(&self, k: usize, rows: usize) -> std::borrow::Cow<'_, [u32]> {
        match self.words[k].map(|w| w.codes()) {
            Some(c) if c.len() >= self.first + rows => {
                std::borrow::Cow::Borrowed(&c[self.first..self.first + rows])
            }
            _ => (0..rows).map(|i| self.code(k, i) as u32).collect(),
        }
    }

    /// The line of row `i` within its row group.
    pub fn line(&self, i: usize) -> u32 {
        self.batch.line(self.first + i)
    }

    /// The words of coded column `k`, by code.
    pub fn words(&self, k: usize) -> &[&'b str] {
        self.words[k].map_or(&[][..], |w| &w.values[..])
    }

    /// The text of row `i` in column `k`.
    pub fn text(&self, k: usize, i: usize) -> &'b str {
        if let Some(text) = stand_in(k, self.unread) {
            return text;
        }
        match self.words[k] {
            Some(w) => w.word(self.first + i),
            None => self.batch.text(k, self.first + i),
        }
    }

    /// What a sum reads of row `i` (one of the rows that keep every rule): its dates,
    /// counts, qualifier and basis, as [`Fields`] whose text is empty.
    #[inline]
    pub fn figure(&self, i: usize) -> Fields<'b> {
        Fields {
            id: "",
            date: self.date[i].unwrap_or(Date::EPOCH),
            period_start: self.period_start[i],
            period_end: self.period_end[i],
            authority: "",
            region: "",
            metric: "",
            category: "",
            entity: "",
            value: self.value[i].unwrap_or_default(),
            value_max: self.value_max[i],
            qualifier: self.qualifiers[self.code(col::QUALIFIER, i)].unwrap_or(Qualifier::Exact),
            unit: "",
            basis: self.bases[self.code(col::BASIS, i)].unwrap_or(Basis::Event),
            quote: "",
            source: "",
            note: "",
            dims: &[],
            per_item: None,
        }
    }

    /// Row `i` (one of the rows that keep every rule) as [`Fields`].
    pub fn fields(&self, i: usize) -> Fields<'b> {
        Fields {
            id: self.text(col::ID, i),
            authority: self.text(col::AUTHORITY, i),
            region: self.text(col::REGION, i),
            metric: self.text(col::METRIC, i),
            category: self.text(col::CATEGORY, i),
            entity: self.text(col::ENTITY, i),
            unit: self.text(col::UNIT, i),
            quote: self.text(col::QUOTE, i),
            source: self.text(col::SOURCE, i),
            note: self.text(col::NOTE, i),
            ..self.figure(i)
        }
    }
}

/// Screens a row group for `checked` (see the module); `false` when a coded column
/// is typed, so the rows go one by one.
pub(super) fn screen<S: RowSink>(
    checked: &mut Checked<'_, S>,
    batch: &Batch<'_>,
    block: u32,
    left: &mut [bool],
) -> bool {
    let mut coded: [Option<&Words<'_>>; MAX_KNOWN] = [None; MAX_KNOWN];
    for k in CODED {
        coded[k] = batch.words(k);
        if coded[k].is_none() {
            return false;
        }
    }
    let words = |k: usize| coded[k].map_or(&[][..], |w| &w.values[..]);
    let code = |k: usize, i: usize| coded[k].map_or(0, |w| w.code(i));
    let (vocab, sources) = (checked.vocab, checked.sources);
    // A table found valid before (the same bytes, rules and options) keeps every
    // rule on every row: its cells are read for the sink, not judged again.
    let judged = !checked.trusted;
    // The verdict of each word of each column whose rules read a word; a column
    // all of whose words keep them needs no look at its rows.
    let judge: &[usize] = if judged { &WORDS } else { &[] };
    let word_ok: Vec<(usize, Vec<bool>)> = judge
        .iter()
        .map(|&k| {
            let ok: Vec<bool> = words(k)
                .iter()
                .map(|w| word_problem(k, w, vocab, sources).is_none())
                .collect();
            (k, ok)
        })
        .filter(|(k, ok)| !checked.unread[*k] && ok.iter().any(|ok| !ok))
        .collect();
    let qualifiers: Vec<Option<Qualifier>> = words(col::QUALIFIER)
        .iter()
        .map(|w| Qualifier::parse(w).filter(|q| vocab.qualifiers.contains(q)))
        .collect();
    let bases: Vec<Option<Basis>> = words(col::BASIS)
        .iter()
        .map(|w| Basis::parse(w).filter(|b| vocab.bases.contains(b)))
        .collect();
    let unread = checked.unread;
    let mut memo = DayMemo::new();
    let (mut date, mut period_start, mut period_end) = (Vec::new(), Vec::new(), Vec::new());
    let (mut value, mut value_max, mut ok) = (Vec::new(), Vec::new(), Vec::new());
    let rows = batch.rows();
    let size = checked.window;
    let quote_never_blank = batch.never_blank(col::QUOTE);
    for first in (0..rows).step_by(size) {
        let window = first..(first + size).min(rows);
        let bad = &mut left[window.clone()];
        // The rules of one cell, a column at a time: typed dates and counts in a
        // tight pass (a date through the memo of day numbers), text ones cell by cell.
        let day = |k, required, memo: &mut DayMemo, bad: &mut [bool], out: &mut Vec<_>| {
            dates(batch, k, required, window.clone(), memo, bad, out)
        };
        day(col::DATE, true, &mut memo, bad, &mut date);
        day(col::PERIOD_START, false, &mut memo, bad, &mut period_start);
        day(col::PERIOD_END, false, &mut memo, bad, &mut period_end);
        counts(batch, col::VALUE, false, window.clone(), bad, &mut value);
        counts(
            batch,
            col::VALUE_MAX,
            false,
            window.clone(),
            bad,
            &mut value_max,
        );
        if !unread[col::ID] {
            batch.for_each_text(col::ID, window.clone(), |j, id| {
                bad[j] |= !is_snake_case(id);
            });
        }
        if !unread[col::QUOTE] && !quote_never_blank {
            for (i, bad) in window.clone().zip(bad.iter_mut()) {
                *bad |= is_blank_from(batch.first_byte(col::QUOTE, i), || {
                    batch.text(col::QUOTE, i)
                });
            }
        }
        for (k, ok) in &word_ok {
            for (i, bad) in window.clone().zip(bad.iter_mut()) {
                *bad |= !ok[code(*k, i)];
            }
        }
        // The rules that tie cells together, on what the cells' rules read.
        if judged {
            for (j, (i, bad)) in window.clone().zip(bad.iter_mut()).enumerate() {
                let parts = Parts {
                    date: date[j],
                    period_start: period_start[j],
                    period_end: period_end[j],
                    value: value[j],
                    value_blank: value[j].is_none(),
                    value_max: value_max[j],
                    qualifier: qualifiers[code(col::QUALIFIER, i)],
                    basis: bases[code(col::BASIS, i)],
                    unit: words(col::UNIT)[code(col::UNIT, i)],
                };
                cross_rules(&parts, &mut |_, _| *bad = true);
            }
        }
        ok.clear();
        ok.extend(bad.iter().map(|l| !l));
        let screened = Screened {
            batch,
            first,
            words: &coded,
            ok: &ok,
            date: &date,
            period_start: &period_start,
            period_end: &period_end,
            value: &value,
            value_max: &value_max,
            qualifiers: &qualifiers,
            bases: &bases,
            unread: &unread,
        };
        if !checked.inner.batch(&screened, block) {
            for (j, _) in ok.iter().enumerate().filter(|(_, ok)| **ok) {
                let line = screened.line(j);
                checked.inner.row(&screened.fields(j), At { block, line });
            }
        }
    }
    true
}

/// The cell a rule read, or `None` (and `bad` set) when it broke one.
fn kept<T>(bad: &mut bool, read: Result<Option<T>, String>) -> Option<T> {
    *bad |= read.is_err();
    read.ok().flatten()
}

/// The dates of day numbers already turned into dates, by the low bits of the day
/// number: a table's dates mostly lie within a few years, so nearly every typed date
/// is a look-up.
struct DayMemo {
    days: Vec<i32>,
    dates: Vec<Date>,
}

const MEMO: usize = 1024;

impl DayMemo {
    fn new() -> DayMemo {
        DayMemo {
            days: vec![i32::MIN; MEMO],
            dates: vec![Date::EPOCH; MEMO],
        }
    }

    /// [`date_of_days`], remembered.
    #[inline]
    fn date(&mut self, days: i32) -> Result<Date, String> {
        if days == i32::MIN {
            return date_of_days(days);
        }
        let slot = days as usize % MEMO;
        if self.days[slot] != days {
            self.dates[slot] = date_of_days(days)?;
            self.days[slot] = days;
        }
        Ok(self.dates[slot])
    }
}

/// The dates of known column `k` in the rows `rows` into `out`, by [`date_cell`]'s
/// rules; a row whose date breaks one is marked in `bad` (counted from the start of
/// `rows`).
fn dates(
    batch: &Batch<'_>,
    k: usize,
    required: bool,
    rows: Range<usize>,
    memo: &mut DayMemo,
    bad: &mut [bool],
    out: &mut Vec<Option<Date>>,
) {
    out.clear();
    let typed = batch.for_each_day(k, rows.clone(), |j, days| {
        let date = match days {
            Some(days) => memo.date(days).ok(),
            None => None,
        };
        bad[j] |= date.is_none() && (required || days.is_some());
        out.push(date);
    });
    if !typed {
        for (i, bad) in rows.zip(bad.iter_mut()) {
            out.push(kept(bad, date_cell(&batch.cells(i), k, required)));
        }
    }
}

/// The values of known column `k` in the rows `rows` into `out`, by [`value_cell`]'s
/// rules; a row whose value breaks one is marked in `bad` (counted from the start of
/// `rows`).
fn counts(
    batch: &Batch<'_>,
    k: usize,
    required: bool,
    rows: Range<usize>,
    bad: &mut [bool],
    out: &mut Vec<Option<Value>>,
) {
    out.clear();
    let typed = batch.for_each_int(k, rows.clone(), |j, n| {
        bad[j] |= n.is_none() && required;
        out.push(n.map(Value::whole));
    });
    if !typed {
        for (i, bad) in rows.zip(bad.iter_mut()) {
            out.push(kept(bad, value_cell(&batch.cells(i), k, required)));
        }
    }
}
