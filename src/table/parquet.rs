//! Parquet: the row groups are read on every core at once, each reading only the
//! columns the sink uses (and the key); text columns are handed over as text, and
//! date and integer columns typed, with their text written out only where a sink
//! asks for it. A row's line is its row number plus one, counting the header as
//! line 1: the line it would have in the same table written as CSV.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use polars::io::mmap::MmapBytesReader;
use polars::io::parquet::metadata::FileMetadataRef;
use polars::prelude::{
    ArrowDataType, ArrowField, ArrowSchema, DataType, ParquetReader, SerReader, StaticArray,
    StringType,
};
use polars_arrow::array::Array as _;

use super::header::{check_header, control_reason, is_control, too_long};
use super::keys::KeyHashes;
use super::{
    At, Cells, DataError, Found, Input, Lines, Problem, Reading, RecordSink, Table, Use, NO_ROWS,
};

use super::batch::{starts_unblank, Batch, MAX_KNOWN};
use super::chunks::{self, read_chunk, write_cell, Array, ArrayOf, Source, Typed};

impl Source {
    fn reader(&self) -> Result<Reader, String> {
        let inner: Box<dyn MmapBytesReader> = match self {
            Source::File(path) => Box::new(std::fs::File::open(path).map_err(|e| e.to_string())?),
            Source::Bytes(b) => Box::new(std::io::Cursor::new(b.clone())),
        };
        Ok(ParquetReader::new(inner))
    }
}

/// A reader of a Parquet table's bytes.
type Reader = ParquetReader<Box<dyn MmapBytesReader>>;

/// The problem of a file that is not Parquet that can be read.
fn unreadable(name: &str, e: impl std::fmt::Display) -> DataError {
    DataError::Invalid(vec![Problem::new(
        name,
        format!("unreadable Parquet file: {e}"),
    )])
}

/// Where a table's bytes are, and a reader of them open on its schema: the start of
/// every reading of a Parquet table.
fn open(input: &Input<'_>) -> Result<(Source, Reader, Arc<ArrowSchema>), DataError> {
    let name = input.name();
    let source = match input {
        Input::File(path) => {
            super::regular_file(path)?;
            Source::File(path.to_path_buf())
        }
        Input::Bytes { bytes, .. } => Source::Bytes(Arc::from(*bytes)),
    };
    let mut reader = source.reader().map_err(|e| unreadable(&name, e))?;
    let schema = reader.schema().map_err(|e| unreadable(&name, e))?;
    Ok((source, reader, schema))
}

/// The column names of a Parquet table.
pub(super) fn column_names(input: &Input<'_>) -> Result<Vec<String>, DataError> {
    let (_, _, schema) = open(input)?;
    Ok(schema.iter_names().map(|n| n.trim().to_string()).collect())
}

pub(super) fn read<S: RecordSink>(
    reading: &Reading<'_>,
    make: impl Fn() -> S + Sync,
) -> Result<Table<S>, DataError> {
    let (input, schema, opts) = (reading.input, reading.schema, reading.opts);
    let workers = reading.workers;
    let name = input.name();
    let unreadable = |e: String| unreadable(&name, e);
    let (source, mut reader, file_schema) = open(input)?;
    let names: Vec<String> = file_schema.iter_names().map(|n| n.to_string()).collect();
    let metadata = reader
        .get_metadata()
        .cloned()
        .map_err(|e| unreadable(e.to_string()))?;
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let map = check_header(&name, 1, &name_refs, schema, None).map_err(DataError::Invalid)?;
    let columns: Vec<usize> = map
        .iter()
        .map(|c| c.map_or(names.len() + 1, |c| c + 1))
        .collect();
    let mut groups = Vec::new();
    let mut offset = 0;
    for rg in &metadata.row_groups {
        groups.push((offset, rg.num_rows()));
        offset += rg.num_rows();
    }
    if offset == 0 {
        return Err(DataError::Invalid(vec![
            Problem::new(&name, NO_ROWS).at(2, 1)
        ]));
    }
    // The known columns read, and where each sits among them.
    let asker = make();
    let mut fields: Vec<ArrowField> = Vec::new();
    let mut slot = [None; MAX_KNOWN];
    for (k, c) in map.iter().enumerate() {
        let used = Some(k) == schema.key || asker.reads(k) != Use::Not;
        if let (Some(c), true) = (c, used) {
            slot[k] = Some(fields.len());
            let (_, field) = file_schema
                .get_at_index(*c)
                .ok_or_else(|| unreadable(format!("no column {}", names[*c])))?;
            fields.push(field.clone());
        }
    }
    drop(asker);
    refuse_untextual(&source, &metadata, &fields, &name)?;
    let next = AtomicUsize::new(0);
    let problems = AtomicUsize::new(0);
    let group = Group {
        source: &source,
        metadata: &metadata,
        fields: &fields,
        slot: &slot,
        known: schema.known.len(),
        key: schema.key,
        max_field_len: opts.max_field_len,
        by_columns: opts.by_columns,
        window: opts.window,
    };
    let finished: Vec<Worker<S>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (next, problems, groups, group, make) =
                    (&next, &problems, &groups, &group, &make);
                let (known, columns) = (schema.known, columns.as_slice());
                scope.spawn(move || {
                    let mut worker = Worker {
                        sink: make(),
                        rows: 0,
                        keys: KeyHashes::new(
                            if group.key.is_some() { offset } else { 0 },
                            workers,
                            opts.key_budget,
                        ),
                        unkeyed: Vec::new(),
                        found: Found::new(known, columns),
                        error: None,
                        by_columns: 0,
                        chunks: [0; 2],
                        windows: 0,
                    };
                    loop {
                        // The cap is looked at before a row group is taken, so that
                        // the row groups read are the first ones of the file, each
                        // read whole: the problems listed are the table's first.
                        if problems.load(Ordering::Relaxed) >= opts.max_problems {
                            break;
                        }
                        let g = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&(_, rows)) = groups.get(g) else {
                            break;
                        };
                        let before = worker.found.len();
                        if let Err(e) = group.read(g, rows, &mut worker) {
                            worker.error = Some(e);
                            break;
                        }
                        problems.fetch_add(worker.found.len() - before, Ordering::Relaxed);
                    }
                    worker
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    if finished.len() != workers {
        return Err(unreadable("a reading thread failed".into()));
    }
    if let Some(e) = finished.iter().find_map(|w| w.error.clone()) {
        return Err(unreadable(e));
    }
    let lines = Lines {
        starts: groups.iter().map(|&(first, _)| first as u64 + 2).collect(),
    };
    let by_columns: usize = finished.iter().map(|w| w.by_columns).sum();
    let [coded, text] = [0, 1].map(|c| finished.iter().map(|w| w.chunks[c]).sum::<usize>());
    let windowed: usize = finished.iter().map(|w| w.windows).sum();
    let parts = finished
        .into_iter()
        .map(|w| (w.sink, w.rows, w.keys, w.found.list, w.unkeyed));
    let how = format!(
        "read as Parquet on {workers} thread{}, {} row group{} ({by_columns} by columns, {} row by row; {windowed} decoded {} rows at a time), {} of {} columns; {coded} of {text} text column chunks read as dictionary codes",
        if workers == 1 { "" } else { "s" },
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
        groups.len() - by_columns,
        opts.window,
        fields.len(),
        names.len()
    );
    let mut table = reading.gather(parts, lines, columns.clone(), Vec::new(), None, how)?;
    // Row groups left unread at the cap may hold more problems: a reading that
    // stopped with exactly the cap found says so, as one that found more does.
    let unread = next.load(Ordering::Relaxed) < groups.len();
    if unread && table.problems.len() <= opts.max_problems {
        table
            .problems
            .push(super::stopped_after(&name, opts.max_problems));
    }
    Ok(table)
}

/// Every column read must read as text; one that cannot is named now (text, dates
/// and integers are read as they are; any other type is probed on one row).
fn refuse_untextual(
    source: &Source,
    metadata: &FileMetadataRef,
    fields: &[ArrowField],
    name: &str,
) -> Result<(), DataError> {
    let unreadable = |e: String| unreadable(name, e);
    let other = |f: &&ArrowField| {
        !chunks::is_text(f.dtype())
            && !matches!(f.dtype(), ArrowDataType::Date32 | ArrowDataType::Int64)
    };
    let others: Vec<String> = fields
        .iter()
        .filter(other)
        .map(|f| f.name.to_string())
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    let mut probe = source
        .reader()
        .map_err(unreadable)?
        .with_columns(Some(others))
        .with_slice(Some((0, 1)));
    probe.set_metadata(metadata.clone());
    let probe = probe.finish().map_err(|e| unreadable(e.to_string()))?;
    for c in probe.columns() {
        if c.cast(&DataType::String).is_err() {
            return Err(DataError::Invalid(vec![Problem::new(
                name,
                format!("the column cannot be read as text ({})", c.dtype()),
            )
            .field(c.name())]));
        }
    }
    Ok(())
}

/// What one core hands back.
struct Worker<'s, S> {
    sink: S,
    rows: u64,
    keys: KeyHashes,
    /// The rows of a problem in a cell, whose key it did not hash.
    unkeyed: Vec<At>,
    found: Found<'s>,
    error: Option<String>,
    /// Row groups the sink took by columns.
    by_columns: usize,
    /// Text column chunks read as dictionary codes, and all text column chunks read.
    chunks: [usize; 2],
    /// Row groups decoded in windows.
    windows: usize,
}

/// What every core needs to read a row group.
struct Group<'a> {
    source: &'a Source,
    metadata: &'a FileMetadataRef,
    /// The columns read, as the schema types them.
    fields: &'a [ArrowField],
    /// Where each known column sits among `fields`.
    slot: &'a [Option<usize>; MAX_KNOWN],
    known: usize,
    key: Option<usize>,
    max_field_len: usize,
    by_columns: bool,
    /// See [`super::Options::window`].
    window: usize,
}

impl Group<'_> {
    /// Reads row group `index`, of `rows` rows, and hands each row over: a window
    /// of rows at a time (see [`super::Options::window`]).
    fn read<S: RecordSink>(
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
        // Control characters and cells too long are looked for a column at a time
        // (in a coded column, a word at a time); a row is looked at only in a column
        // that may hold one.
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
        let (mut flagged, mut left, mut taken) = (Vec::new(), Vec::new(), false);
        if by_columns {
            flagged = vec![false; rows];
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
                    *flag |= (suspect[k] && may_hold_control(t.as_bytes()))
                        || t.len() > self.max_field_len;
                }
            }
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
            let at = At {
                block,
                line: u32::try_from(first + i)
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
                if checked {
                    text[k] = t;
                    continue;
                }
                let control = (suspect[k] && may_hold_control(t.as_bytes()))
                    .then(|| t.chars().find(|&c| is_control(c)))
                    .flatten();
                text[k] = t;
                let reason = match control {
                    Some(c) => control_reason(c),
                    None if t.len() > self.max_field_len
                        && t.chars().count() > self.max_field_len =>
                    {
                        too_long(t.chars().count(), self.max_field_len)
                    }
                    None => continue,
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
                array: &array,
                i,
            };
            if spoiled.is_empty() {
                if let (Some(key), false) = (self.key, checked) {
                    worker.keys.push(text[key].as_bytes());
                }
                worker.sink.record(&row, at, &mut worker.found);
                continue;
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
                .check_only(&spoiled, |found| sink.record(&row, at, found));
        }
        Ok(taken)
    }
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

/// Whether `bytes` may hold a control character (a C0 byte, DEL, or the lead byte
/// of the C1 controls): a pass the compiler turns into wide compares, before the
/// exact look at the characters.
pub(super) fn may_hold_control(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == 0x7F) | (b == 0xC2)
    })
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
