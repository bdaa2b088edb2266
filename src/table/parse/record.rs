//! The end of a record of a block: its place, the cells the reader found spoiled,
//! its number of fields, then its cells cut out of the block (doubled quotes undone,
//! lengths checked) and handed to the sink, or only checked when a cell is spoiled.

use super::{BlockState, Parse, MAX_KNOWN};
use crate::table::header::too_long;
use crate::table::parse::Worker;
use crate::table::text::{locate, quoted, Bad};
use crate::table::{At, RecordSink};

impl Parse {
    /// Ends a record of `fields` cells whose last cell ends at `end` (its line end,
    /// if any, at `line_end`), and reads it; `cells` are its cell ends when it has
    /// `width` cells, the last of them at its line end; `at` is where the record
    /// starts (byte and line in the block).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    pub(super) fn end_record<S: RecordSink>(
        &self,
        text: &str,
        at: (usize, u64),
        cells: &mut [usize],
        fields: usize,
        end: usize,
        line_end: usize,
        scratch: &mut String,
        state: &mut BlockState,
        worker: &mut Worker<'_, S>,
    ) {
        worker.rows += 1;
        let place = At {
            block: state.index,
            line: u32::try_from(at.1).unwrap_or(u32::MAX),
        };
        // Each cell spoiled by a control character or bytes that are not UTF-8 is a
        // problem; the record is still checked for its other problems, not kept.
        let mut spoiled: Vec<usize> = Vec::new();
        for (pos, reason) in state.spoiled(line_end.max(end)) {
            let (_, column) = locate(text.as_bytes(), (at.0, pos), self.delimiter, self.newline);
            if !spoiled.contains(&column) {
                worker.found.push(place, Some(column), reason);
                spoiled.push(column);
            }
        }
        if fields != self.width {
            let (column, what) = if fields > self.width {
                (self.width + 1, "an extra field")
            } else {
                (fields + 1, "a missing field")
            };
            worker.found.push(
                place,
                Some(column),
                format!(
                    "row has {fields} fields but the header has {} ({what})",
                    self.width
                ),
            );
            return;
        }
        let Some(last) = cells.last_mut() else {
            return;
        };
        *last = end;
        self.record(text, at.0, cells, scratch, place, &spoiled, worker);
    }

    /// Whether a cell's text is over the limit, counted in characters, once doubled
    /// quotes are undone; the count when it is.
    #[cold]
    fn too_long(&self, raw: &[u8]) -> Option<usize> {
        let (raw, pairs) = match raw {
            [b'"', inner @ .., b'"'] => (inner, inner.iter().filter(|&&b| b == b'"').count() / 2),
            _ => (raw, 0),
        };
        let chars = String::from_utf8_lossy(raw).chars().count() - pairs;
        (chars > self.max_field_len).then_some(chars)
    }

    /// Checks one record, whose cells end at `ends` (each cell starts after the
    /// delimiter that ends the one before), and hands it to the sink, to be checked
    /// only when the reader has found a problem in its 1-based columns `spoiled`.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn record<S: RecordSink>(
        &self,
        block: &str,
        record_start: usize,
        ends: &[usize],
        scratch: &mut String,
        place: At,
        spoiled: &[usize],
        worker: &mut Worker<'_, S>,
    ) {
        let bytes = block.as_bytes();
        // No cell is longer than its record.
        let record_end = ends.last().copied().unwrap_or(record_start);
        // A cell over the limit spoils the record as a control character does.
        let mut long = Vec::new();
        if record_end - record_start > self.max_field_len {
            let mut start = record_start;
            for (c, &end) in ends.iter().enumerate() {
                if end - start > self.max_field_len && !spoiled.contains(&(c + 1)) {
                    if let Some(chars) = self.too_long(&bytes[start..end]) {
                        let reason = too_long(chars, self.max_field_len);
                        worker.found.push(place, Some(c + 1), reason);
                        long.push(c + 1);
                    }
                }
                start = end + 1;
            }
        }
        let spoiled = if long.is_empty() {
            std::borrow::Cow::Borrowed(spoiled)
        } else {
            std::borrow::Cow::Owned([spoiled, &long].concat())
        };
        let cut = |start: usize, end: usize| -> &str {
            debug_assert!(block.is_char_boundary(start) && block.is_char_boundary(end));
            // SAFETY: `start <= end <= block.len()` (cells are cut at positions inside
            // the block), and both ends are next to an ASCII delimiter, quote or line
            // end, or at an end of the block, which is valid UTF-8: both are char
            // boundaries.
            unsafe { block.get_unchecked(start..end) }
        };
        let mut text = [""; MAX_KNOWN];
        // Cells with doubled quotes are undone into `scratch`, and borrowed from it
        // once it is complete.
        scratch.clear();
        let mut undone = [(0u8, 0u32, 0u32); MAX_KNOWN];
        let mut pending = 0;
        for &(k, c, how) in &self.reads {
            let start = match c {
                0 => record_start,
                c => ends[c - 1] + 1,
            };
            let end = ends[c];
            if end > start && bytes[start] == b'"' {
                // The bit rules guarantee the closing quote just before `end`.
                let inner = cut(start + 1, end - 1);
                match quoted(inner, how, scratch) {
                    Ok(None) => text[k] = inner,
                    Ok(Some((from, to))) => {
                        undone[pending] = (k as u8, from, to);
                        pending += 1;
                    }
                    Err(()) => return,
                }
            } else {
                text[k] = cut(start, end);
            }
        }
        for &(k, from, to) in &undone[..pending] {
            text[usize::from(k)] = scratch.get(from as usize..to as usize).unwrap_or_default();
        }
        let cells = |k: usize| text.get(k).copied().unwrap_or_default();
        worker.found.at = place;
        if spoiled.is_empty() {
            if let Some(key) = self.key {
                worker.keys.push(text[key].as_bytes());
            }
            worker.sink.record(&cells, place, &mut worker.found);
            return;
        }
        // A key in a spoiled cell is not a key: the second reading leaves it too.
        let key = self.key.filter(|&key| {
            self.reads
                .iter()
                .any(|&(k, c, _)| k == key && !spoiled.contains(&(c + 1)))
        });
        if let Some(key) = key {
            worker.keys.push(text[key].as_bytes());
        }
        let sink = &mut worker.sink;
        worker
            .found
            .check_only(&spoiled, |found| sink.record(&cells, place, found));
    }
}

impl BlockState {
    /// The spoiling bytes before `end`, in order, once those before are passed.
    #[inline(always)]
    fn spoiled(&mut self, end: usize) -> Vec<Bad> {
        if self.next_not_utf8 == self.not_utf8.len() && self.next_control == self.control.len() {
            return Vec::new();
        }
        self.spoiled_slow(end)
    }

    #[cold]
    fn spoiled_slow(&mut self, end: usize) -> Vec<Bad> {
        let mut found: Vec<Bad> = Vec::new();
        for (list, next) in [
            (&self.not_utf8, &mut self.next_not_utf8),
            (&self.control, &mut self.next_control),
        ] {
            while let Some((pos, reason)) = list.get(*next) {
                if *pos >= end {
                    break;
                }
                found.push((*pos, reason.clone()));
                *next += 1;
            }
        }
        found.sort_by_key(|(pos, _)| *pos);
        found
    }
}
