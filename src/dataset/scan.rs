//! The fast path through a large CSV table: the file is read in blocks cut at record
//! ends, the blocks are checked on every core at once, and each valid row reaches a
//! [`RowSink`] as borrowed [`Fields`], with no allocation per row.
//!
//! The rules are the loader's own ([`check_fields`]); what this path does not do is
//! word a problem. Whenever anything is wrong or merely unusual (a broken rule, a
//! byte-order mark, CR-only line ends, a quote inside an unquoted field, a repeated
//! id, a row too long for a block), it answers [`Scanned::Unsure`] and the caller
//! runs the exact, single-core path of [`super::stream`], which names every problem
//! with its line and column. A valid table is therefore read once; an invalid one
//! twice, the second time to explain.
//!
//! Record ends are found by quote parity: in a table the exact path would read without
//! complaint, every `"` opens, closes or escapes, so a newline ends a record exactly
//! when the quotes before it are even. A file where that does not hold has a stray
//! quote, which the block holding it, read from a true record start, reports.

use std::collections::HashSet;
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use super::load::{check_fields, col, Cells, LoadOptions};
use super::simd::{count_quotes, prefix_xor, quote_bits, Kernel, Masks};
use super::stream::regular_file;
use super::table::{check_header, ColumnSpec};
use super::{DataError, Date, Fields, Origin, Vocabulary, OBSERVATION_COLUMNS, REQUIRED_COLUMNS};

/// Bytes read per block.
const BLOCK: usize = 1 << 20;
/// Bytes read first, for the header and the length of a row.
const HEAD: usize = 1 << 16;
/// A record longer than this is left to the exact path.
const MAX_RECORD: usize = 64 << 20;
/// Id hashes are kept in this many buckets by their top bits, so the check for
/// repeats sorts small arrays that fit in cache.
const BUCKET_BITS: u32 = 10;

/// Where a row sits: its block and its line within the block (0-based). Orders rows
/// as the file does; [`Lines::line`] turns it into the file's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct At {
    pub block: u32,
    pub line: u32,
}

impl At {
    /// A position in a file read in one piece: `line` is already the file's line.
    pub fn line(line: u64) -> At {
        At {
            block: (line >> 32) as u32,
            line: line as u32,
        }
    }
}

/// The first line of each block, to turn an [`At`] into a line of the file.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    starts: Vec<u64>,
}

impl Lines {
    pub fn line(&self, at: At) -> u64 {
        match self.starts.get(at.block as usize) {
            Some(start) => start + u64::from(at.line),
            // A position made by `At::line`.
            None => (u64::from(at.block) << 32) | u64::from(at.line),
        }
    }
}

/// What each core does with the rows it checked.
pub trait RowSink: Send {
    /// One valid row, `origin` locating it (its line is filled in by [`Lines`]).
    fn row(&mut self, fields: &Fields<'_>, at: At, origin: &Origin);

    /// Whether the sink reads known column `k` (`OBSERVATION_COLUMNS[k]`) of the
    /// rows it takes. A columnar table leaves out a column that neither the sink nor
    /// any rule reads (it is then "" in the fields).
    fn reads(&self, _k: usize) -> bool {
        true
    }
}

/// The known columns no row rule of a bare table reads: authority, category,
/// entity, source, note.
const UNCHECKED: [usize; 5] = [
    col::AUTHORITY,
    col::CATEGORY,
    col::ENTITY,
    col::SOURCE,
    col::NOTE,
];

/// The known columns whose only rule, if any, gives the same verdict on a quoted
/// text with its quotes doubled as on the text itself: quote (not blank: a doubled
/// quote is not blank either), source (checked only against a data package's
/// sources) and note.
const VERBATIM: [usize; 3] = [col::QUOTE, col::SOURCE, col::NOTE];

/// The outcome of the fast path.
pub enum Scanned<S> {
    /// Every row is valid; one sink per core, and the line numbers of the blocks.
    Valid {
        sinks: Vec<S>,
        rows: u64,
        lines: Lines,
    },
    /// Something needs the exact path; the reason is for `--verbose`.
    Unsure(&'static str),
}

/// Stops every worker once one has found a reason to hand over to the exact path.
struct Stop {
    flag: AtomicBool,
    why: Mutex<Option<&'static str>>,
}

impl Stop {
    fn new() -> Stop {
        Stop {
            flag: AtomicBool::new(false),
            why: Mutex::new(None),
        }
    }

    /// Why the scan hands over, if it does: `finished` of `workers` came back, and
    /// one of them may have found a reason.
    fn hand_over(&self, finished: usize, workers: usize) -> Option<&'static str> {
        if finished != workers {
            return Some("a worker stopped");
        }
        if self.is_set() {
            let why = self.why.lock().ok().and_then(|w| *w);
            return Some(why.unwrap_or("a row needs the exact reader"));
        }
        None
    }

    fn set(&self, why: &'static str) {
        if let Ok(mut w) = self.why.lock() {
            w.get_or_insert(why);
        }
        self.flag.store(true, Ordering::Relaxed);
    }
    fn is_set(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }
}

/// What one worker hands back.
struct Worker<S> {
    sink: S,
    rows: u64,
    /// Newlines per block it read: (block, count).
    newlines: Vec<(u32, u64)>,
    ids: Vec<Vec<u64>>,
}

/// The table's header: where each known column sits, and how many fields a row has.
struct Header {
    map: Vec<Option<usize>>,
    width: usize,
    /// Bytes of the header record, line end included.
    len: usize,
    /// Lines the header spans.
    lines: u64,
}

/// Checks the CSV table at `path` on every core, handing each valid row to the sink
/// of the core that read it. `make` makes one sink per core.
pub fn scan_csv<S: RowSink>(
    path: &Path,
    opts: &LoadOptions,
    make: impl Fn() -> S,
) -> Result<Scanned<S>, DataError> {
    scan_csv_in_blocks(path, opts, BLOCK, Kernel::best(), make)
}

/// [`scan_csv`] with blocks of about `block` bytes (tests cut small tables into many),
/// read by `kernel` (tests run every kernel the processor has).
pub(crate) fn scan_csv_in_blocks<S: RowSink>(
    path: &Path,
    opts: &LoadOptions,
    block: usize,
    kernel: Kernel,
    make: impl Fn() -> S,
) -> Result<Scanned<S>, DataError> {
    let name = path.display().to_string();
    let io = |source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = regular_file(path)?;
    let meta = file.metadata().map_err(io)?;
    let delimiter = opts.delimiter;
    if matches!(delimiter, b'"' | b'\n' | b'\r' | 0) {
        return Ok(Scanned::Unsure("an unusual delimiter"));
    }
    let mut first = Vec::with_capacity(HEAD);
    fill(&mut file, &mut first, HEAD).map_err(io)?;
    let header = match read_header(&name, &first, opts) {
        Ok(h) => h,
        Err(why) => return Ok(Scanned::Unsure(why)),
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Enough room for the ids of a table whose rows are as long as the first block's.
    let first_rows = first.iter().filter(|&&b| b == b'\n').count().max(1);
    let estimated_rows = (meta.len() as usize / (first.len() / first_rows).max(1)).max(1024);
    let origin = Origin {
        file: Arc::from(name.as_str()),
        line: 0,
        columns: (0..OBSERVATION_COLUMNS.len())
            .map(|i| header.map[i].map_or(header.map.len() + 1, |c| c + 1))
            .collect(),
    };
    let stop = Stop::new();
    let asker = make();
    let parse = Parse {
        delimiter,
        width: header.width,
        cols: std::array::from_fn(|k| header.map.get(k).copied().flatten()),
        verbatim: std::array::from_fn(|k| VERBATIM.contains(&k) && !asker.reads(k)),
        kernel,
        max_field_len: opts.max_field_len,
        vocab: Vocabulary::open(),
        origin: &origin,
    };

    let (work_tx, work_rx) = mpsc::sync_channel::<(u32, Vec<u8>)>(workers);
    let work_rx = Mutex::new(work_rx);
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    let outcome = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (work_rx, free_tx, stop, parse) = (&work_rx, free_tx.clone(), &stop, &parse);
                let mut worker = Worker {
                    sink: make(),
                    rows: 0,
                    newlines: Vec::new(),
                    ids: (0..1usize << BUCKET_BITS)
                        .map(|_| {
                            Vec::with_capacity(
                                estimated_rows / workers / (1 << BUCKET_BITS) * 9 / 8,
                            )
                        })
                        .collect(),
                };
                scope.spawn(move || {
                    let mut ends = Vec::with_capacity(parse.width);
                    let mut scratch = String::new();
                    loop {
                        let next = match work_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => break,
                        };
                        let Ok((index, block)) = next else { break };
                        if !stop.is_set() {
                            match parse.block(&block, index, &mut worker, &mut ends, &mut scratch) {
                                Ok(newlines) => worker.newlines.push((index, newlines)),
                                Err(why) => stop.set(why),
                            }
                        }
                        let _ = free_tx.send(block);
                    }
                    worker
                })
            })
            .collect();
        drop(free_tx);
        let read = file
            .seek(std::io::SeekFrom::Start(header.len as u64))
            .and_then(|_| read_blocks(&mut file, block, &work_tx, &free_rx, &stop));
        drop(work_tx);
        let finished: Vec<Worker<S>> = handles.into_iter().filter_map(|h| h.join().ok()).collect();
        (read, finished)
    });
    let (read, finished) = outcome;
    if let Err(e) = read {
        return Err(io(e));
    }
    if let Some(why) = stop.hand_over(finished.len(), workers) {
        return Ok(Scanned::Unsure(why));
    }
    let rows: u64 = finished.iter().map(|w| w.rows).sum();
    if rows == 0 {
        return Ok(Scanned::Unsure("no rows"));
    }
    let mut per_block: Vec<u64> = Vec::new();
    for w in &finished {
        for &(b, n) in &w.newlines {
            let b = b as usize;
            if per_block.len() <= b {
                per_block.resize(b + 1, 0);
            }
            per_block[b] = n;
        }
    }
    let mut starts = Vec::with_capacity(per_block.len());
    let mut line = 1 + header.lines;
    for n in per_block {
        starts.push(line);
        line += n;
    }
    let mut sinks = Vec::with_capacity(finished.len());
    let mut ids: Vec<Vec<Vec<u64>>> = Vec::with_capacity(finished.len());
    for w in finished {
        sinks.push(w.sink);
        ids.push(w.ids);
    }
    let repeated = repeated_hashes(ids, workers);
    if !repeated.is_empty() {
        // Two ids with one hash: read the ids again to tell a repeated id (which the
        // exact path reports) from a collision of hashes (which is harmless).
        let found = super::stream::duplicate_ids(path, opts, &repeated)?;
        if !found.is_empty() {
            return Ok(Scanned::Unsure("an id repeats"));
        }
    }
    Ok(Scanned::Valid {
        sinks,
        rows,
        lines: Lines { starts },
    })
}

/// What one core hands back from a Parquet table.
struct ParquetWorker<S> {
    sink: S,
    rows: u64,
    ids: Vec<Vec<u64>>,
}

/// Checks the Parquet table at `path` on every core, one row group at a time,
/// reading only the columns the rules and the sums read (not `source` or `note`),
/// and hands each valid row to the sink of the core that read it. Positions are rows,
/// counting the header as line 1, as the exact path counts them.
pub fn scan_parquet<S: RowSink>(
    path: &Path,
    make: impl Fn() -> S,
) -> Result<Scanned<S>, DataError> {
    use polars::prelude::{DataType, ParquetReader, SerReader};
    let name = path.display().to_string();
    let file = regular_file(path)?;
    let mut reader = ParquetReader::new(file);
    let (Ok(metadata), Ok(schema)) = (reader.get_metadata().cloned(), reader.schema()) else {
        return Ok(Scanned::Unsure("an unreadable Parquet file"));
    };
    let names: Vec<String> = schema.iter_names().map(|n| n.to_string()).collect();
    let spec = ColumnSpec {
        known: &OBSERVATION_COLUMNS,
        required: &REQUIRED_COLUMNS,
    };
    let Ok(map) = check_header(
        &name,
        1,
        &csv::StringRecord::from(names.clone()),
        &spec,
        b',',
    ) else {
        return Ok(Scanned::Unsure("a header problem"));
    };
    // The exact path reads every column as text; one that cannot be is its to report.
    let mut probe = ParquetReader::new(regular_file(path)?).with_slice(Some((0, 1)));
    probe.set_metadata(metadata.clone());
    let probe = probe.finish();
    let Ok(probe) = probe else {
        return Ok(Scanned::Unsure("an unreadable Parquet file"));
    };
    if probe
        .columns()
        .iter()
        .any(|c| c.cast(&DataType::String).is_err())
    {
        return Ok(Scanned::Unsure("a column that cannot be read as text"));
    }
    let mut groups = Vec::new();
    let mut offset = 0;
    for rg in &metadata.row_groups {
        groups.push((offset, rg.num_rows()));
        offset += rg.num_rows();
    }
    if offset == 0 {
        return Ok(Scanned::Unsure("no rows"));
    }
    // The known columns read, and where each sits among them.
    let asker = make();
    let skipped: Vec<usize> = UNCHECKED.into_iter().filter(|&k| !asker.reads(k)).collect();
    let mut wanted = Vec::new();
    let mut slot = [None; OBSERVATION_COLUMNS.len()];
    for (k, c) in map.iter().enumerate().take(OBSERVATION_COLUMNS.len()) {
        if let (Some(c), false) = (c, skipped.contains(&k)) {
            slot[k] = Some(wanted.len());
            wanted.push(names[*c].clone());
        }
    }
    // A column left out must still read as text, as the exact path reads every
    // column: one whose type can fail that (bytes, say, that are not UTF-8) is read
    // and cast all the same.
    for column in probe.columns() {
        let name = column.name().to_string();
        let dtype = column.dtype();
        let always_text = matches!(
            dtype,
            DataType::String | DataType::Boolean | DataType::Date | DataType::Null
        ) || dtype.is_primitive_numeric();
        if !always_text && !wanted.contains(&name) {
            wanted.push(name);
        }
    }
    let origin = Origin {
        file: Arc::from(name.as_str()),
        line: 0,
        columns: (0..OBSERVATION_COLUMNS.len())
            .map(|i| map[i].map_or(map.len() + 1, |c| c + 1))
            .collect(),
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let stop = Stop::new();
    let vocab = Vocabulary::open();
    let per_bucket = offset / workers / (1 << BUCKET_BITS) * 9 / 8;
    let finished: Vec<ParquetWorker<S>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let mut worker = ParquetWorker {
                    sink: make(),
                    rows: 0,
                    ids: (0..1usize << BUCKET_BITS)
                        .map(|_| Vec::with_capacity(per_bucket))
                        .collect(),
                };
                let (next, stop, groups, wanted, slot, vocab, origin, metadata) = (
                    &next, &stop, &groups, &wanted, &slot, &vocab, &origin, &metadata,
                );
                scope.spawn(move || {
                    loop {
                        let g = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&(first, rows)) = groups.get(g) else {
                            break;
                        };
                        if stop.is_set() {
                            break;
                        }
                        let group = RowGroup {
                            index: g,
                            first,
                            rows,
                        };
                        if let Err(why) =
                            group.read(path, metadata, wanted, slot, vocab, origin, &mut worker)
                        {
                            stop.set(why);
                            break;
                        }
                    }
                    worker
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    if let Some(why) = stop.hand_over(finished.len(), workers) {
        return Ok(Scanned::Unsure(why));
    }
    let rows = finished.iter().map(|w| w.rows).sum();
    let mut sinks = Vec::with_capacity(finished.len());
    let mut ids = Vec::with_capacity(finished.len());
    for w in finished {
        sinks.push(w.sink);
        ids.push(w.ids);
    }
    if !repeated_hashes(ids, workers).is_empty() {
        return Ok(Scanned::Unsure("an id hash repeats"));
    }
    Ok(Scanned::Valid {
        sinks,
        rows,
        lines: Lines {
            starts: groups.iter().map(|&(first, _)| first as u64 + 2).collect(),
        },
    })
}

/// A column of a row group, as read.
enum Typed {
    Text(polars::prelude::StringChunked),
    Days(polars::prelude::Int32Chunked),
    Count(polars::prelude::Int64Chunked),
}

type ArrayOf<T> = <T as polars::prelude::PolarsDataType>::Array;

/// The one chunk of a [`Typed`] column.
enum Array<'a> {
    /// The array, and whether it has nulls.
    Text(&'a ArrayOf<polars::prelude::StringType>, bool),
    Days(&'a ArrayOf<polars::prelude::Int32Type>),
    Count(&'a ArrayOf<polars::prelude::Int64Type>),
}

impl Array<'_> {
    /// Row `i` as the exact path reads it (a null as ""), written into `buf` when it
    /// is not text already.
    fn text<'b>(&'b self, i: usize, buf: &'b mut [u8; 20]) -> &'b str {
        use polars::prelude::StaticArray;
        match self {
            Array::Text(a, false) => a.value(i),
            Array::Text(a, true) => a.get(i).unwrap_or_default(),
            Array::Days(a) => match a.get(i) {
                Some(days) => {
                    let date = Date::from_days(i64::from(days));
                    let (head, _) = buf.split_at_mut(10);
                    match head.try_into() {
                        Ok(iso) => Date::write_iso(&date, iso).unwrap_or("?"),
                        Err(_) => "?",
                    }
                }
                None => "",
            },
            Array::Count(a) => match a.get(i) {
                Some(n) => write_int(n, buf),
                None => "",
            },
        }
    }
}

/// A row of a row group for the rules: text, with dates and counts typed.
struct TypedRow<'r, 'a> {
    text: &'r [&'a str; OBSERVATION_COLUMNS.len()],
    typed: &'r [Option<&'r Array<'a>>; OBSERVATION_COLUMNS.len()],
    i: usize,
}

impl<'a> Cells<'a> for TypedRow<'_, 'a> {
    fn text(&self, k: usize) -> &'a str {
        self.text.get(k).copied().unwrap_or_default()
    }

    /// As the exact path reads it: the text of a date with a year outside 0..=9999 is
    /// not `YYYY-MM-DD`, and is refused.
    fn date(&self, k: usize) -> Option<Result<Option<Date>, String>> {
        use polars::prelude::StaticArray;
        match self.typed.get(k).copied().flatten()? {
            Array::Days(a) => Some(match a.get(self.i) {
                None => Ok(None),
                Some(days) => {
                    let date = Date::from_days(i64::from(days));
                    if (0..=9999).contains(&date.year) {
                        Ok(Some(date))
                    } else {
                        Err(format!("{date} is not a date in the form YYYY-MM-DD"))
                    }
                }
            }),
            _ => None,
        }
    }

    /// As the exact path reads it: a negative count is refused.
    fn count(&self, k: usize) -> Option<Result<Option<i64>, String>> {
        use polars::prelude::StaticArray;
        match self.typed.get(k).copied().flatten()? {
            Array::Count(a) => Some(match a.get(self.i) {
                None => Ok(None),
                Some(n) if n < 0 => Err(format!("'{n}' is negative; counts are 0 or more")),
                Some(n) => Ok(Some(n)),
            }),
            _ => None,
        }
    }
}

/// `n` in decimal, written into `buf`.
fn write_int(n: i64, buf: &mut [u8; 20]) -> &str {
    let mut v = n.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 || at == 0 {
            break;
        }
    }
    if n < 0 && at > 0 {
        at -= 1;
        buf[at] = b'-';
    }
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

/// One row group of a Parquet table: its index, first row and number of rows.
struct RowGroup {
    index: usize,
    first: usize,
    rows: usize,
}

impl RowGroup {
    /// Reads the group's `wanted` columns, as text the way the exact path reads them,
    /// and checks and hands over each row.
    #[allow(clippy::too_many_arguments)]
    fn read<S: RowSink>(
        &self,
        path: &Path,
        metadata: &polars::io::parquet::metadata::FileMetadataRef,
        wanted: &[String],
        slot: &[Option<usize>; OBSERVATION_COLUMNS.len()],
        vocab: &Vocabulary,
        origin: &Origin,
        worker: &mut ParquetWorker<S>,
    ) -> Result<(), &'static str> {
        use polars::prelude::{DataType, ParquetReader, SerReader};
        const UNREADABLE: &str = "an unreadable row group";
        let file = std::fs::File::open(path).map_err(|_| UNREADABLE)?;
        let mut reader = ParquetReader::new(file)
            .with_columns(Some(wanted.to_vec()))
            .with_slice(Some((self.first, self.rows)));
        reader.set_metadata(metadata.clone());
        let df = reader.finish().map_err(|_| UNREADABLE)?;
        // Each column as the exact path reads it, as text; dates and counts are
        // read typed and written out as the loader reads them back.
        let mut columns = Vec::with_capacity(wanted.len());
        for name in wanted {
            let column = df.column(name).map_err(|_| UNREADABLE)?;
            columns.push(match column.dtype() {
                DataType::Date => Typed::Days(
                    column
                        .date()
                        .map_err(|_| UNREADABLE)?
                        .physical()
                        .rechunk()
                        .into_owned(),
                ),
                DataType::Int64 => {
                    Typed::Count(column.i64().map_err(|_| UNREADABLE)?.rechunk().into_owned())
                }
                DataType::String => {
                    Typed::Text(column.str().map_err(|_| UNREADABLE)?.rechunk().into_owned())
                }
                _ => {
                    let text = column.cast(&DataType::String).map_err(|_| UNREADABLE)?;
                    Typed::Text(text.str().map_err(|_| UNREADABLE)?.rechunk().into_owned())
                }
            });
        }
        let mut arrays = Vec::with_capacity(columns.len());
        for c in &columns {
            arrays.push(match c {
                Typed::Text(ca) => {
                    Array::Text(ca.downcast_get(0).ok_or(UNREADABLE)?, ca.null_count() > 0)
                }
                Typed::Days(ca) => Array::Days(ca.downcast_get(0).ok_or(UNREADABLE)?),
                Typed::Count(ca) => Array::Count(ca.downcast_get(0).ok_or(UNREADABLE)?),
            });
        }
        let block = u32::try_from(self.index).map_err(|_| "too many row groups")?;
        const K: usize = OBSERVATION_COLUMNS.len();
        let mut bufs = [[0u8; 20]; K];
        // Dates and counts read typed are handed to the rules typed; the rest as text.
        let typed: [Option<&Array>; K] = std::array::from_fn(|k| {
            let array = slot[k].and_then(|s| arrays.get(s));
            match (k, array) {
                (col::DATE | col::PERIOD_START | col::PERIOD_END, Some(a @ Array::Days(_)))
                | (col::VALUE | col::VALUE_MAX, Some(a @ Array::Count(_))) => Some(a),
                _ => None,
            }
        });
        for i in 0..self.rows {
            let mut text = [""; K];
            for (k, (buf, t)) in bufs.iter_mut().zip(text.iter_mut()).enumerate() {
                let Some(array) = slot[k].and_then(|s| arrays.get(s)) else {
                    continue;
                };
                if typed[k].is_none() {
                    *t = array.text(i, buf);
                }
            }
            let row = TypedRow {
                text: &text,
                typed: &typed,
                i,
            };
            let fields =
                check_fields(row, vocab, &[], &mut |_, _| {}).ok_or("a row that breaks a rule")?;
            let h = id_hash(fields.id.as_bytes());
            worker.ids[(h >> (64 - BUCKET_BITS)) as usize].push(h);
            let at = At {
                block,
                line: u32::try_from(i).map_err(|_| "a row group of too many rows")?,
            };
            worker.sink.row(&fields, at, origin);
        }
        worker.rows += self.rows as u64;
        Ok(())
    }
}

/// Reads up to `want` more bytes into `buf`; true at the end of the file.
fn fill(file: &mut std::fs::File, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    let target = buf.len() + want;
    buf.reserve(want);
    while buf.len() < target {
        let n = file
            .by_ref()
            .take((target - buf.len()) as u64)
            .read_to_end(buf)?;
        if n == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The header record, read by the `csv` crate and checked by the loader's rules.
fn read_header(name: &str, first: &[u8], opts: &LoadOptions) -> Result<Header, &'static str> {
    if first.starts_with(&[0xEF, 0xBB, 0xBF])
        || first.starts_with(&[0xFF, 0xFE])
        || first.starts_with(&[0xFE, 0xFF])
    {
        return Err("a byte-order mark");
    }
    if matches!(first.first(), None | Some(b'\n' | b'\r')) {
        return Err("no header on the first line");
    }
    // The header ends at the first newline outside quotes.
    let mut quotes = 0;
    let len = first
        .iter()
        .position(|&b| {
            quotes += usize::from(b == b'"');
            b == b'\n' && quotes.is_multiple_of(2)
        })
        .map(|nl| nl + 1)
        .ok_or("a header longer than the first read")?;
    let head = &first[..len];
    let body = head.strip_suffix(b"\r\n").or(head.strip_suffix(b"\n"));
    if len >= first.len() || !body.is_some_and(|b| !b.is_empty() && !b.contains(&b'\r')) {
        return Err("an unusual header line");
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(opts.delimiter)
        .from_reader(head);
    let mut record = csv::ByteRecord::new();
    if !matches!(reader.read_byte_record(&mut record), Ok(true))
        || !(reader.position().byte() as usize == len
            || (reader.position().byte() as usize == len - 1 && head.ends_with(b"\r\n")))
    {
        return Err("an unusual header record");
    }
    let Ok(record) = csv::StringRecord::from_byte_record(record) else {
        return Err("a header that is not UTF-8");
    };
    if record
        .iter()
        .any(|f| f.len() > opts.max_field_len || f.contains('\0'))
    {
        return Err("a long header field");
    }
    let spec = ColumnSpec {
        known: &OBSERVATION_COLUMNS,
        required: &REQUIRED_COLUMNS,
    };
    let map =
        check_header(name, 1, &record, &spec, opts.delimiter).map_err(|_| "a header problem")?;
    Ok(Header {
        map,
        width: record.len(),
        len,
        lines: head.iter().filter(|&&b| b == b'\n').count() as u64,
    })
}

/// The reading loop: cuts the file into blocks that end at a record end and queues
/// them for the workers, reusing the buffers they give back.
fn read_blocks(
    file: &mut std::fs::File,
    block: usize,
    work: &mpsc::SyncSender<(u32, Vec<u8>)>,
    free: &mpsc::Receiver<Vec<u8>>,
    stop: &Stop,
) -> std::io::Result<()> {
    let mut carry: Vec<u8> = Vec::new();
    let mut eof = false;
    let mut index: u32 = 0;
    loop {
        if stop.is_set() {
            return Ok(());
        }
        let mut buf = free
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(block + block / 4));
        buf.clear();
        buf.extend_from_slice(&carry);
        carry.clear();
        if !eof {
            let want = block.saturating_sub(buf.len()).max(block / 8);
            eof = fill(file, &mut buf, want)?;
        }
        let cut = loop {
            if eof {
                break buf.len();
            }
            if let Some(c) = last_record_end(&buf) {
                break c;
            }
            if buf.len() > MAX_RECORD {
                stop.set("a record longer than a block");
                return Ok(());
            }
            eof = fill(file, &mut buf, block)?;
        };
        carry.extend_from_slice(&buf[cut..]);
        buf.truncate(cut);
        if !buf.is_empty() {
            if index == u32::MAX || work.send((index, buf)).is_err() {
                stop.set("too many blocks");
                return Ok(());
            }
            index += 1;
        }
        if eof && carry.is_empty() {
            return Ok(());
        }
    }
}

/// The end of the last complete record in `buf` (which starts at a record start):
/// just after the last newline with an even number of quotes before it.
fn last_record_end(buf: &[u8]) -> Option<usize> {
    let quotes = count_quotes(buf);
    let mut after = 0;
    for (i, &b) in buf.iter().enumerate().rev() {
        match b {
            b'"' => after += 1,
            b'\n' if (quotes - after).is_multiple_of(2) => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The id hashes seen more than once, over every worker's buckets, the buckets
/// shared among threads.
fn repeated_hashes(mut ids: Vec<Vec<Vec<u64>>>, threads: usize) -> HashSet<u64> {
    let buckets = 1usize << BUCKET_BITS;
    let mut merged: Vec<Vec<u64>> = Vec::with_capacity(buckets);
    for b in 0..buckets {
        let mut all = std::mem::take(&mut ids[0][b]);
        for w in ids.iter_mut().skip(1) {
            all.append(&mut w[b]);
        }
        merged.push(all);
    }
    drop(ids);
    let chunk = buckets.div_ceil(threads.max(1));
    std::thread::scope(|scope| {
        let handles: Vec<_> = merged
            .chunks_mut(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut repeated = HashSet::new();
                    for b in part {
                        b.sort_unstable();
                        for w in b.windows(2) {
                            if w[0] == w[1] {
                                repeated.insert(w[0]);
                            }
                        }
                    }
                    repeated
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// A 64-bit hash of an id, eight bytes at a time. Each step keeps both halves of a
/// 128-bit product, so every input bit reaches every output bit (a plain multiply
/// only carries differences upwards, and structured ids like `obs_1234567` then
/// collide within ten million rows).
pub(crate) fn id_hash(id: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    const M: u64 = 0xBF58_476D_1CE4_E5B9;
    let mix = |h: u64, w: u64| -> u64 {
        let p = u128::from(h ^ w) * u128::from(M);
        (p as u64) ^ ((p >> 64) as u64)
    };
    let mut h = (id.len() as u64).wrapping_mul(K) ^ K;
    let mut chunks = id.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w)).wrapping_add(K);
    }
    let rest = chunks.remainder();
    let mut w = [0u8; 8];
    w[..rest.len()].copy_from_slice(rest);
    h = mix(h, u64::from_le_bytes(w));
    mix(h, K)
}

/// Appends the text of a quoted cell with one quote of each doubled pair, and
/// says whether there was any; a cell without quotes appends nothing. Quotes are
/// found 16 bytes at a time.
fn unescape(raw: &str, out: &mut String) -> bool {
    let bytes = raw.as_bytes();
    let mut from = 0;
    let mut base = 0;
    while base < bytes.len() {
        let mut bits = match bytes.get(base..base + 16).map(<&[u8; 16]>::try_from) {
            Some(Ok(chunk)) => quote_bits(chunk),
            _ => {
                let mut tail = [0u8; 16];
                tail[..bytes.len() - base].copy_from_slice(&bytes[base..]);
                quote_bits(&tail)
            }
        };
        while bits != 0 {
            let q = base + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if q >= from {
                // The first of a pair: keep it, skip its twin.
                out.push_str(raw.get(from..=q).unwrap_or_default());
                from = q + 2;
            }
        }
        base += 16;
    }
    if from == 0 {
        return false;
    }
    out.push_str(raw.get(from.min(bytes.len())..).unwrap_or_default());
    true
}

/// The kernels as const parameters of [`Parse::block_with`], which is compiled once
/// for each.
const PORTABLE: u8 = 0;
#[cfg(target_arch = "x86_64")]
const SSE2: u8 = 1;
#[cfg(target_arch = "x86_64")]
const AVX2: u8 = 2;

/// The masks of `chunk` by the kernel `KERNEL`.
#[inline(always)]
fn masks<const KERNEL: u8>(chunk: &[u8; 64], delimiter: u8) -> Masks {
    #[cfg(target_arch = "x86_64")]
    {
        if KERNEL == AVX2 {
            // SAFETY: `block_with::<AVX2>` runs only inside `block_wide`, which is
            // called only where the processor has AVX2.
            return unsafe { Masks::avx2(chunk, delimiter) };
        }
        if KERNEL == SSE2 {
            return Masks::sse2(chunk, delimiter);
        }
    }
    debug_assert_eq!(KERNEL, PORTABLE);
    Masks::portable(chunk, delimiter)
}

/// The problem of a row whose fields are more or fewer than the header's.
const WIDTH: &str = "a row with the wrong number of fields";

/// What a worker needs to read rows.
struct Parse<'a> {
    delimiter: u8,
    width: usize,
    /// The table column of each known column.
    cols: [Option<usize>; OBSERVATION_COLUMNS.len()],
    /// The kernel that classifies the bytes of a block.
    kernel: Kernel,
    /// Known columns whose doubled quotes may stay doubled: the sink does not read
    /// them, and no rule tells the two apart (see [`VERBATIM`]).
    verbatim: [bool; OBSERVATION_COLUMNS.len()],
    max_field_len: usize,
    vocab: Vocabulary,
    origin: &'a Origin,
}

impl Parse<'_> {
    /// Reads one block of whole records; returns the newlines it holds.
    ///
    /// The block is read 64 bytes at a time: bit masks of its quotes, delimiters and
    /// line ends (see [`Masks`]), and of the bytes inside quotes (the running parity
    /// of the quotes before them), leave only the delimiters and newlines that end a
    /// cell, which are then visited one set bit at a time. A record is kept as the
    /// ends of its cells; [`Parse::record`] cuts and reads them.
    fn block<S: RowSink>(
        &self,
        block: &[u8],
        index: u32,
        worker: &mut Worker<S>,
        ends: &mut Vec<usize>,
        scratch: &mut String,
    ) -> Result<u64, &'static str> {
        match self.kernel {
            Kernel::Portable => self.block_with::<PORTABLE, S>(block, index, worker, ends, scratch),
            #[cfg(target_arch = "x86_64")]
            Kernel::Sse2 => self.block_with::<SSE2, S>(block, index, worker, ends, scratch),
            // SAFETY: `Kernel::Avx2` is chosen only where the processor has AVX2.
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => unsafe { self.block_wide(block, index, worker, ends, scratch) },
        }
    }

    /// [`Parse::block`] compiled for AVX2 (32 bytes at a time) and with the bit
    /// instructions (POPCNT, TZCNT, LZCNT) that count and find the set bits.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,popcnt,bmi1,lzcnt")]
    unsafe fn block_wide<S: RowSink>(
        &self,
        block: &[u8],
        index: u32,
        worker: &mut Worker<S>,
        ends: &mut Vec<usize>,
        scratch: &mut String,
    ) -> Result<u64, &'static str> {
        self.block_with::<AVX2, S>(block, index, worker, ends, scratch)
    }

    #[inline(always)]
    fn block_with<const KERNEL: u8, S: RowSink>(
        &self,
        block: &[u8],
        index: u32,
        worker: &mut Worker<S>,
        ends: &mut Vec<usize>,
        scratch: &mut String,
    ) -> Result<u64, &'static str> {
        // Checked once for the whole block; every cell is cut at an ASCII byte, so
        // each is then a valid `str` without a second look.
        let text = std::str::from_utf8(block).map_err(|_| "not UTF-8")?;
        let len = block.len();
        let width = self.width;
        ends.clear();
        ends.resize(width, 0);
        // Cells of the current record so far, and where it starts.
        let mut n = 0;
        let mut record_start = 0;
        // All ones while the bytes are inside quotes at the end of the last chunk.
        let mut inside = 0u64;
        // Bit 63 of the last chunk's closing quotes, and of the bytes a quote may
        // open after (the block starts a record, so a quote may open there).
        let mut closing_carry = 0u64;
        let mut precede_carry = 1u64;
        let mut lines_before = 0u64;
        let mut record_line = 0u64;
        let mut base = 0;
        while base < len {
            let mut tail = [b' '; 64];
            let chunk = match block.get(base..base + 64).map(<&[u8; 64]>::try_from) {
                Some(Ok(chunk)) => chunk,
                _ => {
                    tail[..len - base].copy_from_slice(&block[base..]);
                    &tail
                }
            };
            // `valid`: the bytes of the block in this chunk (the last chunk is
            // padded, and the padding must not count, whatever the delimiter).
            let valid = match len - base {
                n if n >= 64 => u64::MAX,
                n => (1u64 << n) - 1,
            };
            let m = masks::<KERNEL>(chunk, self.delimiter).within(valid);
            let in_quotes = prefix_xor(m.quote) ^ inside;
            inside = ((in_quotes as i64) >> 63) as u64;
            if m.rare != 0 {
                // A CR or a NUL in the chunk. A CR must begin a CRLF line end outside
                // quotes: the loader reads a CRLF inside quotes as LF, which the exact
                // path sees to.
                if m.rare & in_quotes != 0 {
                    return Err("a CR inside quotes");
                }
                for (i, &b) in block[base..len.min(base + 64)].iter().enumerate() {
                    match b {
                        0 => return Err("a NUL byte"),
                        b'\r' if block.get(base + i + 1) != Some(&b'\n') => {
                            return Err("a CR without LF")
                        }
                        _ => {}
                    }
                }
            }
            // The csv reader's quoting, as bit rules: a quote that closes is followed
            // by a quote (an escaped pair), a delimiter or a line end; a quote that
            // opens follows a delimiter, a line end or a quote. A quote anywhere else
            // (inside an unquoted cell, or text after a closing quote) is left to the
            // exact path.
            let closing = m.quote & !in_quotes;
            let after_closing = (closing << 1) | closing_carry;
            closing_carry = closing >> 63;
            if after_closing & !(m.quote | m.delim | m.newline | m.rare) & valid != 0 {
                return Err("text after a closing quote");
            }
            let may_precede = m.delim | m.newline | m.quote;
            let after_allowed = (may_precede << 1) | precede_carry;
            precede_carry = may_precede >> 63;
            if m.quote & in_quotes & !after_allowed != 0 {
                return Err("a quote inside an unquoted field");
            }
            let mut cell_ends = (m.delim | m.newline) & !in_quotes;
            while cell_ends != 0 {
                let i = cell_ends.trailing_zeros() as usize;
                cell_ends &= cell_ends - 1;
                let pos = base + i;
                if m.newline & (1 << i) == 0 {
                    // A delimiter: one more cell, which must not be the last.
                    if n + 1 >= width {
                        return Err(WIDTH);
                    }
                    ends[n] = pos;
                    n += 1;
                    continue;
                }
                let start = if n == 0 {
                    record_start
                } else {
                    ends[n - 1] + 1
                };
                let mut end = pos;
                if end > start && block[end - 1] == b'\r' {
                    end -= 1;
                }
                let lines =
                    lines_before + u64::from((m.newline & (u64::MAX >> (63 - i))).count_ones());
                if n == 0 && end == start {
                    // An empty line, which the csv reader skips.
                    record_start = pos + 1;
                    record_line = lines;
                    continue;
                }
                let at = (record_start, record_line);
                self.end_record(text, at, ends, n, end, scratch, index, worker)?;
                n = 0;
                record_start = pos + 1;
                record_line = lines;
            }
            lines_before += u64::from(m.newline.count_ones());
            base += 64;
        }
        if inside != 0 {
            return Err("a quote that is not closed");
        }
        // The last record of the file may have no line end.
        if record_start < len || n > 0 {
            let at = (record_start, record_line);
            self.end_record(text, at, ends, n, len, scratch, index, worker)?;
        }
        Ok(lines_before)
    }

    /// Ends a record whose last cell, cell `n`, ends at `end`, and reads it; `at` is
    /// where the record starts (byte and line in the block).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn end_record<S: RowSink>(
        &self,
        text: &str,
        at: (usize, u64),
        ends: &mut [usize],
        n: usize,
        end: usize,
        scratch: &mut String,
        index: u32,
        worker: &mut Worker<S>,
    ) -> Result<(), &'static str> {
        if n + 1 != self.width {
            return Err(WIDTH);
        }
        ends[n] = end;
        worker.rows += 1;
        self.record(text, at.0, ends, scratch, index, at.1, worker)
    }

    /// Whether a cell's text is over the limit, counted as the loader counts: in
    /// characters, once doubled quotes are undone.
    #[cold]
    fn too_long(&self, raw: &[u8]) -> bool {
        let (raw, pairs) = match raw {
            [b'"', inner @ .., b'"'] => (inner, inner.iter().filter(|&&b| b == b'"').count() / 2),
            _ => (raw, 0),
        };
        String::from_utf8_lossy(raw).chars().count() - pairs > self.max_field_len
    }

    /// Checks one record, whose cells end at `ends` (each cell starts after the
    /// delimiter that ends the one before), and hands it to the sink.
    #[allow(clippy::too_many_arguments)]
    fn record<S: RowSink>(
        &self,
        block: &str,
        record_start: usize,
        ends: &[usize],
        scratch: &mut String,
        index: u32,
        line: u64,
        worker: &mut Worker<S>,
    ) -> Result<(), &'static str> {
        let bytes = block.as_bytes();
        let span = |c: usize| -> (usize, usize) {
            let start = match c {
                0 => record_start,
                c => ends[c - 1] + 1,
            };
            (start, ends[c])
        };
        let mut start = record_start;
        for &end in ends {
            if end - start > self.max_field_len && self.too_long(&bytes[start..end]) {
                return Err("a field over the length limit");
            }
            start = end + 1;
        }
        let cut = |start: usize, end: usize| -> &str {
            debug_assert!(block.is_char_boundary(start) && block.is_char_boundary(end));
            // SAFETY: `start <= end <= block.len()` (cells are cut at positions inside
            // the block), and both ends are next to an ASCII delimiter, quote or line
            // end, or at an end of the block, which is valid UTF-8: both are char
            // boundaries.
            unsafe { block.get_unchecked(start..end) }
        };
        const K: usize = OBSERVATION_COLUMNS.len();
        let mut text = [""; K];
        // Cells with doubled quotes are undone into `scratch`, and borrowed from it
        // once it is complete.
        scratch.clear();
        let mut undone = [(0u8, 0u32, 0u32); K];
        let mut pending = 0;
        for (k, c) in self.cols.iter().enumerate() {
            let Some(c) = *c else { continue };
            let (start, end) = span(c);
            if end > start && bytes[start] == b'"' {
                // The bit rules guarantee the closing quote just before `end`.
                if end < start + 2 || bytes[end - 1] != b'"' {
                    return Err("text after a closing quote");
                }
                let inner = cut(start + 1, end - 1);
                let from = scratch.len();
                if self.verbatim[k] {
                    text[k] = inner;
                } else if unescape(inner, scratch) {
                    let (Ok(from), Ok(to)) = (u32::try_from(from), u32::try_from(scratch.len()))
                    else {
                        return Err("a row too long");
                    };
                    undone[pending] = (k as u8, from, to);
                    pending += 1;
                } else {
                    text[k] = inner;
                }
            } else {
                text[k] = cut(start, end);
            }
        }
        for &(k, from, to) in &undone[..pending] {
            text[usize::from(k)] = scratch.get(from as usize..to as usize).unwrap_or_default();
        }
        let fields = check_fields(|k| text[k], &self.vocab, &[], &mut |_, _| {})
            .ok_or("a row that breaks a rule")?;
        let h = id_hash(fields.id.as_bytes());
        worker.ids[(h >> (64 - BUCKET_BITS)) as usize].push(h);
        let at = At {
            block: index,
            line: u32::try_from(line).map_err(|_| "a block of too many lines")?,
        };
        worker.sink.row(&fields, at, self.origin);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ends_follow_quote_parity() {
        assert_eq!(last_record_end(b"a,b\nc,d"), Some(4));
        assert_eq!(last_record_end(b"a,\"b\nc\",d"), None);
        assert_eq!(last_record_end(b"a,\"b\nc\",d\ne"), Some(10));
        assert_eq!(last_record_end(b"a,\"b\"\"\n"), None);
        assert_eq!(last_record_end(b"a,\"b\"\"c\"\n"), Some(9));
    }

    #[test]
    fn id_hashes_differ_by_every_byte() {
        let a = id_hash(b"obs_1234567");
        assert_ne!(a, id_hash(b"obs_1234568"));
        assert_ne!(a, id_hash(b"obs_1234567\0"));
        assert_ne!(id_hash(b""), id_hash(b"\0"));
    }

    #[test]
    fn unchecked_columns_are_the_ones_no_rule_reads() {
        let names: Vec<&str> = UNCHECKED.iter().map(|&k| OBSERVATION_COLUMNS[k]).collect();
        assert_eq!(names, ["authority", "category", "entity", "source", "note"]);
        let names: Vec<&str> = VERBATIM.iter().map(|&k| OBSERVATION_COLUMNS[k]).collect();
        assert_eq!(names, ["quote", "source", "note"]);
    }

    #[test]
    fn counts_are_written_as_the_loader_reads_them() {
        let mut buf = [0u8; 20];
        assert_eq!(write_int(0, &mut buf), "0");
        assert_eq!(write_int(-12, &mut buf), "-12");
        assert_eq!(write_int(i64::MAX, &mut buf), i64::MAX.to_string());
        assert_eq!(write_int(i64::MIN, &mut buf), i64::MIN.to_string());
    }

    #[test]
    fn doubled_quotes_are_undone() {
        let mut out = String::new();
        assert!(unescape("a\"\"b\"\"\"\"", &mut out));
        assert_eq!(out, "a\"b\"\"");
        out.clear();
        let long = format!("{}\"\"{}\"\"", "x".repeat(15), "y".repeat(20));
        assert!(unescape(&long, &mut out));
        assert_eq!(out, format!("{}\"{}\"", "x".repeat(15), "y".repeat(20)));
        out.clear();
        assert!(!unescape("plain text, longer than sixteen bytes", &mut out));
        assert_eq!(out, "");
    }
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod differential;
