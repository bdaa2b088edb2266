//! A row group of a Parquet table handed whole to a sink that reads by columns
//! ([`super::RecordSink::batch`]): its columns as the reader decoded them, text
//! columns as codes of their distinct words ([`Words`]), so that a rule or a sum whose
//! answer depends on a word alone is worked out once per word, not once per row.

use polars::prelude::StaticArray;
use polars_arrow::array::{Array as _, PrimitiveArray};
use polars_arrow::types::NativeType;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;

use polars::prelude::{PolarsDataType, StringType};

use super::chunks::{Array, Coded};
use super::Cells;

/// The most known columns a schema may have.
pub const MAX_KNOWN: usize = 24;

/// The columns of one row group, by known column.
pub struct Batch<'b> {
    /// The row of its row group that is its row 0: a row group is read in windows
    /// (see [`super::Options::window`]).
    first: usize,
    rows: usize,
    array: [Option<&'b Array<'b>>; MAX_KNOWN],
    /// The words of each column coded ([`Batch::code`]).
    words: [Option<Words<'b>>; MAX_KNOWN],
    /// The text columns the reader found no cell of that may be blank in.
    blankless: [bool; MAX_KNOWN],
}

/// A column is coded when its first rows hold at most this many distinct words...
const FIRST_ROWS: usize = 1024;
const FEW: usize = 256;
/// ... and while the row group holds at most this many.
const MOST: usize = 1 << 16;
/// Views kept at hand while coding a column (a power of two).
const RECENT: usize = 1024;

impl<'b> Batch<'b> {
    pub(super) fn new(
        first: usize,
        rows: usize,
        array: [Option<&'b Array<'b>>; MAX_KNOWN],
    ) -> Batch<'b> {
        Batch {
            first,
            rows,
            array,
            words: std::array::from_fn(|_| None),
            blankless: [false; MAX_KNOWN],
        }
    }

    /// Codes the first `known` columns: each text column of few distinct words (a
    /// column of ids or quotes is left as it is), and each column the table lacks
    /// or the reading leaves unread (as "" on every row). A word that may hold a
    /// control character or be longer than `max_len` is marked suspect.
    pub(super) fn code(&mut self, known: usize, max_len: usize) {
        for k in 0..known.min(MAX_KNOWN) {
            self.words[k] = match self.array[k] {
                // One word, "", and no codes: every row's code is 0.
                None => {
                    let mut w = Words::default();
                    w.code_of("");
                    Some(w)
                }
                Some(Array::Text(a, nulls)) => Words::of(a, *nulls, self.rows),
                // A dictionary of nearly a word a row (ids, quotes) is not worth
                // coding: its rows are read as text.
                Some(Array::Coded(c)) => {
                    let n = c.words.len();
                    (n <= FEW || (n <= MOST && n * 4 <= self.rows)).then(|| Words::of_dictionary(c))
                }
                Some(_) => None,
            };
            if let Some(w) = &mut self.words[k] {
                w.suspect = w
                    .values
                    .iter()
                    .map(|t| may_hold_control(t.as_bytes()) || t.len() > max_len)
                    .collect();
            }
        }
    }

    /// Its rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The line of its row `i` within its row group (see [`super::At`]).
    pub fn line(&self, i: usize) -> u32 {
        (self.first + i) as u32
    }

    /// The text of column `k` when it was read, and is not typed: its cells, or the
    /// words of its dictionary.
    pub(super) fn text_array(&self, k: usize) -> Option<&'b ArrayOf<StringType>> {
        match self.array.get(k).copied().flatten() {
            Some(Array::Text(a, _)) => Some(*a),
            Some(Array::Coded(c)) => Some(c.words),
            _ => None,
        }
    }

    /// The text of known column `k` on row `i` ("" when null, when the table has no
    /// such column, or when the column is typed).
    pub fn text(&self, k: usize, i: usize) -> &'b str {
        match self.array.get(k).copied().flatten() {
            Some(Array::Text(a, false)) => a.value(i),
            Some(Array::Text(a, true)) => a.get(i).unwrap_or_default(),
            Some(Array::Coded(c)) => c.text(i),
            _ => "",
        }
    }

    /// The first byte of the text of known column `k` on row `i`, `None` when the text
    /// is empty: read from the cell's view, without reaching the bytes of a long
    /// string.
    pub fn first_byte(&self, k: usize, i: usize) -> Option<u8> {
        match self.array.get(k).copied().flatten() {
            Some(Array::Text(a, nulls)) => {
                let v = a.views().get(i)?;
                let null = *nulls && a.get(i).is_none();
                (v.length > 0 && !null).then_some(v.prefix.to_le_bytes()[0])
            }
            Some(Array::Coded(c)) => {
                if c.valid.is_some_and(|v| !v.get_bit(i)) {
                    return None;
                }
                let v = c.words.views().get(*c.codes.get(i)? as usize)?;
                (v.length > 0).then_some(v.prefix.to_le_bytes()[0])
            }
            _ => None,
        }
    }

    /// Notes that no cell of text column `k` may be blank (see [`starts_unblank`]).
    pub(super) fn mark_blankless(&mut self, k: usize) {
        if let Some(b) = self.blankless.get_mut(k) {
            *b = true;
        }
    }

    /// Whether no cell of known column `k` can be blank: every cell's text starts
    /// with a letter, digit or sign of ASCII, so the rule of a blank cell needs no
    /// look at its rows. Known for a text column from the reader's pass over its
    /// views, and for a dictionary from its words.
    pub fn never_blank(&self, k: usize) -> bool {
        if self.blankless.get(k) == Some(&true) {
            return true;
        }
        match self.array.get(k).copied().flatten() {
            Some(Array::Coded(c)) => {
                c.valid.is_none_or(|v| v.unset_bits() == 0)
                    && c.words
                        .views()
                        .iter()
                        .all(|v| starts_unblank(v.length, v.prefix))
            }
            _ => false,
        }
    }

    /// Calls `f` with the day number (`None` when null) of each row of `rows`, counted
    /// from its start, when known column `k` is a date column; `false` when it is not.
    pub fn for_each_day(
        &self,
        k: usize,
        rows: Range<usize>,
        f: impl FnMut(usize, Option<i32>),
    ) -> bool {
        match self.array.get(k).copied().flatten() {
            Some(Array::Days(a)) => each(a, rows, f),
            _ => false,
        }
    }

    /// Calls `f` with the integer (`None` when null) of each row of `rows`, counted
    /// from its start, when known column `k` is an integer column; `false` when it is
    /// not.
    pub fn for_each_int(
        &self,
        k: usize,
        rows: Range<usize>,
        f: impl FnMut(usize, Option<i64>),
    ) -> bool {
        match self.array.get(k).copied().flatten() {
            Some(Array::Count(a)) => each(a, rows, f),
            _ => false,
        }
    }

    /// Calls `f` with the text of each row of `rows`, counted from its start, of
    /// known column `k`, as [`Batch::text`] gives it, in one loop over the column.
    pub fn for_each_text(&self, k: usize, rows: Range<usize>, mut f: impl FnMut(usize, &'b str)) {
        match self.array.get(k).copied().flatten() {
            Some(Array::Text(a, false)) => {
                let rows = rows.start.min(a.len())..rows.end.min(a.len());
                for (j, i) in rows.enumerate() {
                    // SAFETY: `i < a.len()`, as `rows` is cut to the column's length.
                    f(j, unsafe { a.value_unchecked(i) });
                }
            }
            _ => rows.enumerate().for_each(|(j, i)| f(j, self.text(k, i))),
        }
    }

    /// The cells of row `i`, as the rules read them.
    pub fn cells(&self, i: usize) -> BatchRow<'_, 'b> {
        BatchRow { batch: self, i }
    }

    /// The words of known column `k`, when it is coded.
    pub fn words(&self, k: usize) -> Option<&Words<'b>> {
        self.words.get(k)?.as_ref()
    }
}

/// The distinct words of a column, each with a code, and each row's code. A view of
/// a word (length, and its bytes or where they are) is the same for every row that
/// holds it when the column is dictionary-encoded, so most rows are coded by one
/// look-up of 16 bytes; a word met under another view gets the code it already has.
#[derive(Debug, Default)]
pub struct Words<'b> {
    /// The code of each row of the batch; empty for a column the table lacks, all
    /// of whose rows are word 0 (see [`Words::code`]).
    codes: Cow<'b, [u32]>,
    /// The word of each code.
    pub values: Vec<&'b str>,
    /// Whether each word may hold a control character or be too long.
    pub(super) suspect: Vec<bool>,
    by_text: FxHashMap<&'b str, u32>,
}

impl<'b> Words<'b> {
    /// The words of a text column, unless it has too many.
    fn of(a: &'b ArrayOf<StringType>, nulls: bool, rows: usize) -> Option<Words<'b>> {
        let mut words = Words::default();
        let mut by_view: FxHashMap<u128, u32> = FxHashMap::default();
        let mut codes = Vec::with_capacity(rows);
        // The views seen last, by a hash of the view, with their codes: a column of
        // few words is coded by one compare a row.
        let mut recent = vec![(u128::MAX, 0u32); RECENT];
        for (i, v) in a.views().iter().enumerate().take(rows) {
            let null = nulls && a.get(i).is_none();
            let view = if null { 0 } else { v.as_u128() };
            let slot = (((view as u64) ^ ((view >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                >> (64 - RECENT.trailing_zeros())) as usize;
            if recent[slot].0 == view {
                codes.push(recent[slot].1);
                continue;
            }
            let code = match by_view.get(&view) {
                Some(&c) => c,
                None => {
                    let n = words.values.len();
                    if n >= MOST || (i < FIRST_ROWS && n >= FEW) {
                        return None;
                    }
                    let c = words.code_of(if null { "" } else { a.value(i) });
                    by_view.insert(view, c);
                    c
                }
            };
            recent[slot] = (view, code);
            codes.push(code);
        }
        words.codes = Cow::Owned(codes);
        Some(words)
    }

    /// The words of a column decoded as its dictionary: each word of the dictionary
    /// a code (a word the dictionary repeats gets the code it already has), a null
    /// row the code of "".
    fn of_dictionary(c: &Coded<'b>) -> Words<'b> {
        let mut words = Words::default();
        let mut same = true;
        let remap: Vec<u32> = (0..c.words.len())
            .map(|d| {
                let code = words.code_of(c.words.value(d));
                same &= code as usize == d;
                code
            })
            .collect();
        let valid = c.valid.filter(|v| v.unset_bits() > 0);
        // The decoder's codes are borrowed when they are the words' codes already. A
        // null row's code names no word when the dictionary has none (pyarrow writes
        // a column null on every row of a chunk as a dictionary of no words and a
        // code 0 a row): it is given the code of "" below.
        words.codes = match (same, valid) {
            (true, None) => Cow::Borrowed(c.codes),
            _ => Cow::Owned(
                c.codes
                    .iter()
                    .map(|&d| remap.get(d as usize).copied().unwrap_or(0))
                    .collect(),
            ),
        };
        if let Some(valid) = valid {
            let empty = words.code_of("");
            for (i, code) in words.codes.to_mut().iter_mut().enumerate() {
                if !valid.get_bit(i) {
                    *code = empty;
                }
            }
        }
        words
    }

    fn code_of(&mut self, text: &'b str) -> u32 {
        if let Some(&c) = self.by_text.get(text) {
            return c;
        }
        let c = self.values.len() as u32;
        self.values.push(text);
        self.by_text.insert(text, c);
        c
    }

    /// The code of row `i`.
    #[inline]
    pub fn code(&self, i: usize) -> usize {
        self.codes.get(i).map_or(0, |&c| c as usize)
    }

    /// The word of row `i`.
    #[inline]
    pub fn word(&self, i: usize) -> &'b str {
        self.values.get(self.code(i)).copied().unwrap_or_default()
    }

    /// The code of each row, in order (none for a column the table lacks).
    pub fn codes(&self) -> &[u32] {
        &self.codes
    }
}

/// One row of a batch, read cell by cell.
pub struct BatchRow<'r, 'b> {
    batch: &'r Batch<'b>,
    i: usize,
}

impl<'b> Cells<'b> for BatchRow<'_, 'b> {
    fn text(&self, k: usize) -> &'b str {
        self.batch.text(k, self.i)
    }

    fn days(&self, k: usize) -> Option<Option<i32>> {
        match self.batch.array.get(k).copied().flatten()? {
            Array::Days(a) => Some(a.get(self.i)),
            _ => None,
        }
    }

    fn int(&self, k: usize) -> Option<Option<i64>> {
        match self.batch.array.get(k).copied().flatten()? {
            Array::Count(a) => Some(a.get(self.i)),
            _ => None,
        }
    }
}

type ArrayOf<T> = <T as PolarsDataType>::Array;

/// Calls `f` with each value of a typed column, by row: a column without nulls, or
/// of nulls only, in a loop of its own.
fn each<T: NativeType>(
    a: &PrimitiveArray<T>,
    rows: Range<usize>,
    mut f: impl FnMut(usize, Option<T>),
) -> bool {
    let start = rows.start.min(a.len());
    let a = a.clone().sliced(start, rows.end.min(a.len()) - start);
    match a.validity() {
        None => {
            for (i, &v) in a.values().iter().enumerate() {
                f(i, Some(v));
            }
        }
        Some(_) if a.null_count() == a.len() => {
            for i in 0..a.len() {
                f(i, None);
            }
        }
        Some(_) => {
            for (i, v) in a.iter().enumerate() {
                f(i, v.copied());
            }
        }
    }
    true
}

/// Whether a text that starts with byte `b` is not blank, by that byte alone: an
/// ASCII byte other than white space (the first test of
/// the rules' `is_blank_from`).
#[inline]
pub fn unblank_start(b: u8) -> bool {
    b.is_ascii() && !char::from(b).is_whitespace()
}

/// Whether a view of `length` bytes whose first four are `prefix` holds a text that
/// is not blank by its first byte ([`unblank_start`]).
#[inline]
pub(super) fn starts_unblank(length: u32, prefix: u32) -> bool {
    length > 0 && unblank_start(prefix.to_le_bytes()[0])
}

/// Whether `bytes` may hold a control character (a C0 byte, DEL, or the lead byte
/// of the C1 controls): a pass the compiler turns into wide compares, before the
/// exact look at the characters.
pub(in crate::table) fn may_hold_control(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == 0x7F) | (b == 0xC2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars_arrow::bitmap::Bitmap;

    /// pyarrow and polars write a text column null on every row of a chunk as a
    /// dictionary of no words and a code 0 a row.
    #[test]
    fn a_dictionary_of_no_words_codes_its_null_rows_as_blank() {
        let words = ArrayOf::<StringType>::from_slice_values(Vec::<&str>::new());
        let valid = Bitmap::new_zeroed(3);
        let c = Coded {
            words: &words,
            codes: &[0, 0, 0],
            valid: Some(&valid),
        };
        let w = Words::of_dictionary(&c);
        assert_eq!(w.values, [""]);
        assert_eq!((0..3).map(|i| w.word(i)).collect::<Vec<_>>(), ["", "", ""]);
        assert_eq!((0..3).map(|i| c.text(i)).collect::<Vec<_>>(), ["", "", ""]);
    }

    /// A null row's code may name no word of the dictionary; the others do.
    #[test]
    fn a_null_row_whose_code_names_no_word_is_blank() {
        let words = ArrayOf::<StringType>::from_slice_values(["forum", "app"]);
        let valid: Bitmap = [true, false, true].into_iter().collect();
        let c = Coded {
            words: &words,
            codes: &[1, 7, 0],
            valid: Some(&valid),
        };
        let w = Words::of_dictionary(&c);
        let rows: Vec<&str> = (0..3).map(|i| w.word(i)).collect();
        assert_eq!(rows, ["app", "", "forum"]);
    }
}
