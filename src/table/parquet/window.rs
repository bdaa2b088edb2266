//! One row group of a Parquet table, read a window of rows at a time: its columns
//! decoded, taken by columns by a sink that can, and read row by row where the
//! sink leaves rows or a cell may hold a control character or be too long.

use polars::prelude::{StaticArray, StringType};
use polars_arrow::array::Array as _;

use super::{Group, Worker};
use crate::table::batch::{may_hold_control, starts_unblank, Batch, MAX_KNOWN};
use crate::table::chunks::{read_chunk, write_cell, Array, ArrayOf, Typed};
use crate::table::header::{control_reason, is_control, too_long};
use crate::table::{At, Cells, RecordSink};

impl Group<'_> {
    /// Reads row group `index`, of `rows` rows, and hands each row over: a window
    /// of rows at a time (see [`super::Options::window`]).
    pub(super) fn read<S: RecordSink>(
        &self,
        index: usize,
        rows: usize,
        worker: &mut Worker<'_, S>,
    ) -> Result<(), String> {
        let mut open = self.source.open()?;
        let chunks = self
            .fields
            .iter()
            .map(|f| read_chunk(&mut open, self.metadata, index, f))
            .collect::<Result<Vec<_>, _>>()?;
        drop(open);
        let size = self.window.clamp(1, rows.max(1));
        worker.windows += usize::from(size < rows);
        // Whether the sink took every window by columns.
        let mut taken = true;
        for first in (0..rows.max(1)).step_by(size) {
            let len = size.min(rows - first);
            let columns = chunks
                .iter()
                .zip(self.fields)
                .map(|(c, f)| c.decode(f, first..first + len, rows))
                .collect::<Result<Vec<_>, _>>()?;
            if first == 0 {
                for c in &columns {
                    worker.chunks[0] += usize::from(matches!(c, Typed::Coded(_)));
                    worker.chunks[1] += usize::from(matches!(c, Typed::Coded(_) | Typed::Text(_)));
                }
            }
            taken &= self.read_window(index, first..first + len, &columns, worker)?;
        }
        worker.by_columns += usize::from(taken);
        Ok(())
    }

    /// Reads the rows `window` of row group `index`, whose columns are `columns`, and
    /// hands each row over; whether the sink took them by columns.
    fn read_window<S: RecordSink>(
        &self,
        index: usize,
        window: std::ops::Range<usize>,
        columns: &[Typed],
        worker: &mut Worker<'_, S>,
    ) -> Result<bool, String> {
        let arrays = columns
            .iter()
            .map(Typed::array)
            .collect::<Result<Vec<_>, _>>()?;
        let (first, rows) = (window.start, window.len());
        let block = u32::try_from(index).map_err(|_| "too many row groups".to_string())?;
        let array: [Option<&Array>; MAX_KNOWN] =
            std::array::from_fn(|k| self.slot[k].and_then(|s| arrays.get(s)));
        // A sink that reads by columns takes the row group whole; the reader then
        // looks row by row only at the rows it flags (a cell that may hold a control
        // character or be too long) and at the rows the sink leaves.
        let by_columns = self.by_columns
            && self
                .key
                .is_none_or(|k| matches!(array[k], Some(Array::Text(..) | Array::Coded(_)) | None));
        let mut batch = Batch::new(first, rows, array);
        if by_columns {
            batch.code(self.known, self.max_field_len);
        }
        let (suspect, long) = self.may_hold(&mut batch);
        let (mut flagged, mut left, mut taken) = (Vec::new(), Vec::new(), false);
        if by_columns {
            flagged = self.flagged(&batch, &suspect, &long);
            if let Some(key) = self.key {
                for (i, _) in flagged.iter().enumerate().filter(|(_, f)| !**f) {
                    worker.keys.push(batch.text(key, i).as_bytes());
                }
            }
            left = flagged.clone();
            taken = worker.sink.batch(&batch, block, &mut left);
            if !taken {
                flagged.clear();
                left.clear();
            }
        }
        let window = Window {
            block,
            first,
            array: &array,
            suspect: &suspect,
        };
        let mut bufs = vec![[0u8; 20]; self.known];
        let mut spoiled: Vec<usize> = Vec::new();
        for i in 0..rows {
            worker.rows += 1;
            // A row the reader has not flagged, left by the sink: its cells were
            // checked as columns, and its key is counted.
            let checked = !flagged.is_empty() && !flagged[i];
            if checked && !left[i] {
                continue;
            }
            self.read_row(&window, i, checked, (&mut bufs, &mut spoiled), worker)?;
        }
        Ok(taken)
    }

    /// Which columns of a batch may hold a control character, and which a cell too
    /// long: looked for a column at a time (in a coded column, a word at a time), so
    /// that a row is looked at only in a column that may hold one. Marks the text
    /// columns in which no cell may be blank.
    fn may_hold(&self, batch: &mut Batch<'_>) -> ([bool; MAX_KNOWN], [bool; MAX_KNOWN]) {
        let mut suspect = [false; MAX_KNOWN];
        let mut long = [false; MAX_KNOWN];
        for k in 0..MAX_KNOWN {
            if let Some(w) = batch.words(k) {
                suspect[k] = w.suspect.iter().any(|s| *s);
                continue;
            }
            if let Some(a) = batch.text_array(k) {
                let blankless;
                (suspect[k], long[k], blankless) = column_may_hold(a, self.max_field_len);
                if blankless {
                    batch.mark_blankless(k);
                }
            }
        }
        (suspect, long)
    }

    /// The rows of a batch that the reader looks at one by one: those with a cell
    /// that may hold a control character (in a `suspect` column) or be too long (in
    /// a `long` one).
    fn flagged(&self, batch: &Batch<'_>, suspect: &[bool], long: &[bool]) -> Vec<bool> {
        let mut flagged = vec![false; batch.rows()];
        for k in 0..MAX_KNOWN {
            if let Some(w) = batch.words(k) {
                if suspect[k] {
                    for (flag, &c) in flagged.iter_mut().zip(w.codes()) {
                        *flag |= w.suspect[c as usize];
                    }
                }
                continue;
            }
            if !(suspect[k] || long[k]) {
                continue;
            }
            for (i, flag) in flagged.iter_mut().enumerate() {
                let t = batch.text(k, i);
                *flag |=
                    (suspect[k] && may_hold_control(t.as_bytes())) || t.len() > self.max_field_len;
            }
        }
        flagged
    }

    /// Reads row `i` of a window: its cells' text, each looked at for a control
    /// character or a length over the limit unless its columns were `checked`, and
    /// hands it over. `scratch`: room to write a typed key as text, and the columns
    /// of the row's problems.
    #[inline]
    fn read_row<S: RecordSink>(
        &self,
        window: &Window<'_, '_>,
        i: usize,
        checked: bool,
        scratch: (&mut [[u8; 20]], &mut Vec<usize>),
        worker: &mut Worker<'_, S>,
    ) -> Result<(), String> {
        let (bufs, spoiled) = scratch;
        let array = window.array;
        let at = At {
            block: window.block,
            line: u32::try_from(window.first + i)
                .map_err(|_| "a row group of too many rows".to_string())?,
        };
        let mut text = [""; MAX_KNOWN];
        spoiled.clear();
        for (k, buf) in bufs.iter_mut().enumerate() {
            let Some(a) = array[k] else { continue };
            let t = match a {
                Array::Text(a, false) => a.value(i),
                Array::Text(a, true) => a.get(i).unwrap_or_default(),
                Array::Coded(c) => c.text(i),
                // A typed cell is read as its number; its text only for a key.
                _ if self.key == Some(k) => write_cell(a, i, buf),
                _ => continue,
            };
            text[k] = t;
            if checked {
                continue;
            }
            let Some(reason) = self.cell_problem(t, window.suspect[k]) else {
                continue;
            };
            // The cell is a problem; the row is still checked for its other
            // problems, not kept.
            worker.found.at = at;
            worker.found.problem(k, reason);
            spoiled.extend(worker.found.columns.get(k));
        }
        worker.found.at = at;
        let row = Row {
            text: &text,
            array,
            i,
        };
        if spoiled.is_empty() {
            if let (Some(key), false) = (self.key, checked) {
                worker.keys.push(text[key].as_bytes());
            }
            worker.sink.record(&row, at, &mut worker.found);
            return Ok(());
        }
        // A key in a spoiled cell is not a key: the second reading, of the key
        // column alone, leaves its row.
        match self.key {
            Some(key)
                if worker
                    .found
                    .columns
                    .get(key)
                    .is_some_and(|c| spoiled.contains(c)) =>
            {
                worker.unkeyed.push(at)
            }
            Some(key) => worker.keys.push(text[key].as_bytes()),
            None => {}
        }
        let sink = &mut worker.sink;
        worker
            .found
            .check_only(spoiled, |found| sink.record(&row, at, found));
        Ok(())
    }

    /// The problem of a cell's text, if it has one: a control character (looked for
    /// only when its column is `suspect`), or more characters than the limit.
    #[inline]
    fn cell_problem(&self, t: &str, suspect: bool) -> Option<String> {
        let control = (suspect && may_hold_control(t.as_bytes()))
            .then(|| t.chars().find(|&c| is_control(c)))
            .flatten();
        match control {
            Some(c) => Some(control_reason(c)),
            None if t.len() > self.max_field_len && t.chars().count() > self.max_field_len => {
                Some(too_long(t.chars().count(), self.max_field_len))
            }
            None => None,
        }
    }
}

/// A window of a row group read row by row: its row group (as a block), its first
/// row, its columns by known column, and the columns that may hold a control
/// character.
struct Window<'w, 'a> {
    block: u32,
    first: usize,
    array: &'w [Option<&'w Array<'a>>; MAX_KNOWN],
    suspect: &'w [bool; MAX_KNOWN],
}

/// Whether a text column may hold a control character, whether it may hold a cell
/// longer than `max` characters (it has one of more bytes), and whether no cell of it
/// may be blank (see [`Batch::never_blank`]). Its strings of more
/// than 12 bytes lie in its buffers, which are looked through in one pass; shorter
/// ones are inlined in their views, each looked at in two words.
fn column_may_hold(a: &ArrayOf<StringType>, max: usize) -> (bool, bool, bool) {
    let mut inline = false;
    let mut long = false;
    let mut unblank = true;
    for v in a.views().iter() {
        long |= v.length as usize > max;
        inline |= v.length <= 12 && inline_may_hold_control(v.as_u128());
        unblank &= starts_unblank(v.length, v.prefix);
    }
    let buffers = a.data_buffers().iter().any(|b| may_hold_control(b));
    (inline || buffers, long, unblank && a.null_count() == 0)
}

/// Whether the string inlined in a view (its length in the low 4 bytes, its bytes in
/// the next 12) may hold a control character: the test of [`may_hold_control`],
/// on all 12 bytes at once (those past the length count as a letter).
fn inline_may_hold_control(view: u128) -> bool {
    const ONES: u128 = u128::MAX / 255;
    const HIGH: u128 = ONES << 7;
    let len = (view as u32).min(12);
    let keep = (1u128 << (len * 8)) - 1;
    let x = ((view >> 32) & keep) | ((ONES * u128::from(b'A')) & !keep);
    let zero = |y: u128| y.wrapping_sub(ONES) & !y & HIGH != 0;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0;
    below_space || zero(x ^ (ONES * 0x7F)) || zero(x ^ (ONES * 0xC2))
}

/// A row of a row group: text, with dates and counts also typed.
struct Row<'r, 'a> {
    text: &'r [&'a str; MAX_KNOWN],
    array: &'r [Option<&'r Array<'a>>; MAX_KNOWN],
    i: usize,
}

impl<'a> Cells<'a> for Row<'_, 'a> {
    fn text(&self, k: usize) -> &'a str {
        self.text.get(k).copied().unwrap_or_default()
    }

    fn days(&self, k: usize) -> Option<Option<i32>> {
        match self.array.get(k).copied().flatten()? {
            Array::Days(a) => Some(a.get(self.i)),
            _ => None,
        }
    }

    fn int(&self, k: usize) -> Option<Option<i64>> {
        match self.array.get(k).copied().flatten()? {
            Array::Count(a) => Some(a.get(self.i)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inlined_string_is_suspected_as_its_bytes_are() {
        let view = |s: &[u8]| {
            let mut b = [0u8; 16];
            b[..4].copy_from_slice(&(s.len() as u32).to_le_bytes());
            b[4..4 + s.len()].copy_from_slice(s);
            u128::from_le_bytes(b)
        };
        let mut cases: Vec<Vec<u8>> = vec![b"".to_vec(), b"national".to_vec()];
        for len in 1..=12 {
            for at in 0..len {
                for bad in [0u8, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xC2, 0xC3, 0xFF] {
                    let mut s = vec![b'x'; len];
                    s[at] = bad;
                    cases.push(s);
                }
            }
        }
        for s in cases {
            assert_eq!(
                inline_may_hold_control(view(&s)),
                may_hold_control(&s),
                "{s:?}"
            );
        }
    }
}
