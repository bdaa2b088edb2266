//! Parquet: the row groups are read on every core at once, each reading only the
//! columns the sink uses (and the key); text columns are handed over as text, and
//! date and integer columns typed, with their text written out only where a sink
//! asks for it. A row's line is its row number plus one, counting the header as
//! line 1: the line it would have in the same table written as CSV.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use polars::io::mmap::MmapBytesReader;
use polars::io::parquet::metadata::FileMetadataRef;
use polars::prelude::{ArrowDataType, ArrowField, ArrowSchema, DataType, ParquetReader, SerReader};

use super::header::check_header;
use super::keys::KeyHashes;
use super::{
    At, DataError, Found, Input, Lines, Problem, Reading, RecordSink, Schema, Table, Use, NO_ROWS,
};

use super::batch::MAX_KNOWN;
use super::chunks::{self, Source};

mod window;

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
    let (fields, slot) =
        fields_read(&map, &file_schema, &names, schema, &make()).map_err(unreadable)?;
    refuse_untextual(&source, &metadata, &fields, &name)?;
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
    let next = AtomicUsize::new(0);
    let finished = read_groups(reading, &group, &groups, &next, &make, &columns, offset);
    if finished.len() != workers {
        return Err(unreadable("a reading thread failed".into()));
    }
    if let Some(e) = finished.iter().find_map(|w| w.error.clone()) {
        return Err(unreadable(e));
    }
    let lines = Lines {
        starts: groups.iter().map(|&(first, _)| first as u64 + 2).collect(),
    };
    let how = describe(reading, &finished, groups.len(), fields.len(), names.len());
    let parts = finished
        .into_iter()
        .map(|w| (w.sink, w.rows, w.keys, w.found.list, w.unkeyed));
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

/// The known columns read (those `asker`, a sink, reads, and the key), as the
/// file's schema types them, and where each known column sits among them.
fn fields_read(
    map: &[Option<usize>],
    file_schema: &ArrowSchema,
    names: &[String],
    schema: &Schema<'_>,
    asker: &impl RecordSink,
) -> Result<(Vec<ArrowField>, [Option<usize>; MAX_KNOWN]), String> {
    let mut fields: Vec<ArrowField> = Vec::new();
    let mut slot = [None; MAX_KNOWN];
    for (k, c) in map.iter().enumerate() {
        let used = Some(k) == schema.key || asker.reads(k) != Use::Not;
        if let (Some(c), true) = (c, used) {
            slot[k] = Some(fields.len());
            let (_, field) = file_schema
                .get_at_index(*c)
                .ok_or_else(|| format!("no column {}", names[*c]))?;
            fields.push(field.clone());
        }
    }
    Ok((fields, slot))
}

/// Reads the row groups on the reading's workers, each taking the next row group
/// unread until none is left or the problems found reach the cap; the workers that
/// finished. `rows`: the rows of the table. Not a parallel map over the row groups
/// (rayon's): they are taken one at a time in file order, so that the row groups
/// read at the cap are the file's first, by workers that each keep one sink and
/// one set of key hashes for all they read.
fn read_groups<'s, S: RecordSink>(
    reading: &Reading<'s>,
    group: &Group<'_>,
    groups: &[(usize, usize)],
    next: &AtomicUsize,
    make: &(impl Fn() -> S + Sync),
    columns: &'s [usize],
    rows: usize,
) -> Vec<Worker<'s, S>> {
    let (workers, opts) = (reading.workers, reading.opts);
    let problems = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (problems, known) = (&problems, reading.schema.known);
                scope.spawn(move || {
                    let mut worker = Worker {
                        sink: make(),
                        rows: 0,
                        keys: KeyHashes::new(
                            if group.key.is_some() { rows } else { 0 },
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
                    worker.take_groups(group, groups, next, problems, opts.max_problems);
                    worker
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    })
}

/// How a table was read, for `--verbose`: by `finished`, of `groups` row groups,
/// `fields` of the table's `names` columns.
fn describe<S>(
    reading: &Reading<'_>,
    finished: &[Worker<'_, S>],
    groups: usize,
    fields: usize,
    names: usize,
) -> String {
    let (workers, window) = (reading.workers, reading.opts.window);
    let by_columns: usize = finished.iter().map(|w| w.by_columns).sum();
    let [coded, text] = [0, 1].map(|c| finished.iter().map(|w| w.chunks[c]).sum::<usize>());
    let windowed: usize = finished.iter().map(|w| w.windows).sum();
    format!(
        "read as Parquet on {workers} thread{}, {} row group{} ({by_columns} by columns, {} row by row; {windowed} decoded {} rows at a time), {} of {} columns; {coded} of {text} text column chunks read as dictionary codes",
        if workers == 1 { "" } else { "s" },
        groups,
        if groups == 1 { "" } else { "s" },
        groups - by_columns,
        window,
        fields,
        names
    )
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
    let untextual = |field: &str, kind: &dyn std::fmt::Display| {
        DataError::Invalid(vec![Problem::new(
            name,
            format!("the column cannot be read as text ({kind})"),
        )
        .field(field)])
    };
    if let Some(f) = fields.iter().find(|f| !readable(f.dtype())) {
        // A nested or other type: named, never handed to polars to probe.
        let kind = match f.dtype() {
            ArrowDataType::Timestamp(_, Some(zone)) => format!("Timestamp in time zone {zone}"),
            other => format!("{other:?}")
                .split('(')
                .next()
                .unwrap_or_default()
                .into(),
        };
        return Err(untextual(f.name.as_str(), &kind));
    }
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
            return Err(untextual(c.name(), c.dtype()));
        }
    }
    Ok(())
}

/// Whether a column of this type is read as its text: text, numbers (a DECIMAL as
/// the digits it holds), booleans, dates, timestamps with no time zone, times, bytes
/// and nulls (a column of type null: pandas' and pyarrow's type for a column of no
/// value).
fn readable(dtype: &ArrowDataType) -> bool {
    use ArrowDataType as T;
    chunks::is_text(dtype)
        || matches!(
            dtype,
            T::Null
                | T::Boolean
                | T::Int8
                | T::Int16
                | T::Int32
                | T::Int64
                | T::UInt8
                | T::UInt16
                | T::UInt32
                | T::UInt64
                | T::Float32
                | T::Float64
                | T::Decimal(..)
                | T::Date32
                | T::Timestamp(_, None)
                | T::Time64(..)
                | T::Binary
                | T::LargeBinary
                | T::BinaryView
        )
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

impl<S: RecordSink> Worker<'_, S> {
    /// Reads the row groups `groups` (first row and rows of each) it takes, the
    /// next one unread (`next`) at a time, until none is left, one cannot be read,
    /// or the `problems` all workers found reach `max`.
    fn take_groups(
        &mut self,
        group: &Group<'_>,
        groups: &[(usize, usize)],
        next: &AtomicUsize,
        problems: &AtomicUsize,
        max: usize,
    ) {
        loop {
            // The cap is looked at before a row group is taken, so that the row
            // groups read are the first ones of the file, each read whole: the
            // problems listed are the table's first.
            if problems.load(Ordering::Relaxed) >= max {
                break;
            }
            let g = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(_, rows)) = groups.get(g) else {
                break;
            };
            let before = self.found.len();
            if let Err(e) = group.read(g, rows, self) {
                self.error = Some(e);
                break;
            }
            problems.fetch_add(self.found.len() - before, Ordering::Relaxed);
        }
    }
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
