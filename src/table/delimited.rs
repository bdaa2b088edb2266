//! CSV (and any delimited text): the file is read in blocks cut at record ends, the
//! blocks are read on every core at once, and each record reaches the sink of its
//! core as borrowed cells, with no allocation per record.
//!
//! Quotes are read as the CSV readers people use read them: a `"` opens a quoted
//! field only where a field starts, and anywhere else outside quotes it is a
//! character of the text (`5" screen`, `37°36'37.8"N`); inside, a doubled quote is
//! one quote, a single one closes, and the bytes between are the cell's, line ends
//! included. A line end ends a record exactly when it is outside quotes. Text after
//! a closing quote has no reading that any reader agrees on: it is a problem past
//! which the table is not read, named where its quoted field opened.
//!
//! Everything else that is wrong is a problem of its record, which is then skipped:
//! bytes that are not UTF-8 (replaced, for the reading, by `?` of the same length, so
//! that positions hold), control characters, the wrong number of fields, a cell over
//! the length limit, and whatever the sink finds.

use std::io::Read;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

use super::cutter::Cutter;
use super::header::{is_control, read_csv_header, Head, Header};
use super::keys::KeyHashes;
use super::parse::{Buffers, Parse, Worker, MAX_KNOWN};
use super::simd::Kernel;
use super::text::{locate, unclosed_quote};
use super::{
    At, DataError, Found, Input, Lines, Pending, Problem, Reading, RecordSink, Table, Use, NO_ROWS,
};

/// Bytes read per block.
pub(super) const BLOCK: usize = 1 << 20;
/// Bytes read first, for the header.
const HEAD: usize = 1 << 16;
/// A record longer than this is a problem: its quote is most likely not closed.
/// A longer field limit lengthens it (see [`max_record`]).
pub(super) const MAX_RECORD: usize = 64 << 20;
/// The longest field limit a reading accepts, in characters: its records, at four
/// bytes a character, stay within 1 GiB and a little more.
pub const MAX_FIELD_LENGTH: usize = 256 << 20;

/// The longest record read, for a field limit of `max_field_len` characters: 64 MiB,
/// or room for a field at that limit of four-byte characters and 1 MiB more.
fn max_record(max_field_len: usize) -> usize {
    let field = max_field_len.min(MAX_FIELD_LENGTH);
    MAX_RECORD.max(field * 4 + (1 << 20))
}

/// A record that runs past the longest record read: where its quote opened (its
/// first line when it has none).
struct Oversized {
    at: At,
    column: usize,
}

/// Where the bytes come from.
enum Source<'a> {
    File(std::fs::File),
    Bytes(&'a [u8]),
}

impl Read for Source<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Source::File(f) => f.read(buf),
            Source::Bytes(b) => b.read(buf),
        }
    }
}

/// Reads a delimited table in blocks of about `block` bytes (tests cut small tables
/// into many), with `kernel` (tests run every kernel the processor has).
pub(super) fn read<S: RecordSink>(
    reading: &Reading<'_>,
    block: usize,
    kernel: Kernel,
    make: impl Fn() -> S + Sync,
) -> Result<Table<S>, DataError> {
    let (input, schema, opts) = (reading.input, reading.schema, reading.opts);
    let workers = reading.workers;
    let name = input.name();
    assert!(
        schema.known.len() <= MAX_KNOWN,
        "a schema of too many columns"
    );
    check_delimiter(&name, opts.delimiter)?;
    let (mut source, size) = match input {
        Input::File(path) => {
            let file = super::regular_file(path)?;
            let size = file.metadata().map_err(|e| io(&name, e))?.len() as usize;
            (Source::File(file), size)
        }
        Input::Bytes { bytes, .. } => (Source::Bytes(bytes), bytes.len()),
    };
    let max_record = max_record(opts.max_field_len);
    let (header, mut first, eof) = read_header(reading, &mut source, size, max_record)?;
    let width = header.width;
    let columns: Vec<usize> = header
        .map
        .iter()
        .map(|c| c.map_or(width + 1, |c| c + 1))
        .collect();
    let rows_guess = {
        let body = &first[header.len..];
        let lines = body.iter().filter(|&&b| b == header.newline).count().max(1);
        (size / (body.len() / lines).max(1)).max(1024)
    };
    let parse = parse_for(&header, reading, kernel, &make());
    let feed = Feed {
        source,
        cutter: Cutter::new(opts.delimiter, header.newline, block, max_record, kernel),
        carry: first.split_off(header.len),
        eof,
    };
    drop(first);
    let keys = if schema.key.is_some() { rows_guess } else { 0 };
    let (read, finished) = read_in_parallel(reading, &parse, &make, &columns, keys, feed);
    if finished.len() != workers {
        return Err(DataError::Invalid(vec![Problem::new(
            &name,
            "a reading thread failed: please report this with the file",
        )]));
    }
    let oversized = read.map_err(|e| io(&name, e))?;
    let lines = lines_of(&finished, oversized.as_ref(), header.lines);
    let mut cut = finished.iter().filter_map(|w| w.cut).min();
    let mut long = Found::new(schema.known, &columns);
    if let Some(Oversized { at, column }) = oversized {
        let reason = format!(
            "a record runs on for more than {} MiB from here: is a closing quote missing?",
            max_record >> 20
        );
        long.push(at, Some(column), reason);
        cut = Some(cut.map_or(at, |c| c.min(at)));
    }
    let pending: Vec<Pending> = long.list;
    let parts = finished
        .into_iter()
        .map(|w| (w.sink, w.rows, w.keys, w.found.list, Vec::new()));
    let how = format!(
        "read as delimited text on {workers} thread{}, in blocks of {} KiB, with the {kernel:?} kernel",
        if workers == 1 { "" } else { "s" },
        block >> 10
    );
    let mut table = reading.gather(parts, lines, columns.clone(), pending, cut, how)?;
    if table.rows == 0 && table.problems.is_empty() {
        table
            .problems
            .push(Problem::new(&name, NO_ROWS).at(1 + header.lines, 1));
    }
    Ok(table)
}

/// The error of the input named `name` that could not be read.
fn io(name: &str, source: std::io::Error) -> DataError {
    DataError::Io {
        path: name.into(),
        source,
    }
}

/// Refuses a delimiter that the quotes or line ends would be mistaken for, or that
/// is not a printable ASCII character or tab.
fn check_delimiter(name: &str, d: u8) -> Result<(), DataError> {
    if matches!(d, b'"' | b'\n' | b'\r') || d >= 0x80 || (is_control(char::from(d)) && d != b'\t') {
        return Err(DataError::Invalid(vec![Problem::new(
            name,
            format!(
                "{:?} cannot be the delimiter: choose a printable ASCII character or tab",
                char::from(d)
            ),
        )]));
    }
    Ok(())
}

/// Reads the first bytes of a table of about `size` bytes, and more until its
/// header ends: the header, the bytes read (the header and the records after it),
/// and whether they are all of the table.
fn read_header(
    reading: &Reading<'_>,
    source: &mut Source<'_>,
    size: usize,
    max_record: usize,
) -> Result<(Header, Vec<u8>, bool), DataError> {
    let name = reading.input.name();
    let mut first = Vec::with_capacity(HEAD.min(size + 1));
    let mut eof = fill_all(source, &mut first, HEAD).map_err(|e| io(&name, e))?;
    loop {
        match read_csv_header(&name, &first, eof, reading.schema, reading.opts) {
            Head::Header(h) => return Ok((h, first, eof)),
            Head::Problems(p) => return Err(DataError::Invalid(p)),
            Head::More if first.len() > max_record => {
                return Err(DataError::Invalid(vec![Problem::new(
                    &name,
                    format!(
                        "the header runs past {} MiB: is a closing quote missing?",
                        max_record >> 20
                    ),
                )
                .at(1, 1)]))
            }
            Head::More => {
                let more = first.len();
                eof = fill_all(source, &mut first, more).map_err(|e| io(&name, e))?;
            }
        }
    }
}

/// How the workers read the records after `header`: the known columns `asker` (a
/// sink) reads, and the key, each with its table column.
fn parse_for(
    header: &Header,
    reading: &Reading<'_>,
    kernel: Kernel,
    asker: &impl RecordSink,
) -> Parse {
    let (schema, opts) = (reading.schema, reading.opts);
    Parse {
        delimiter: opts.delimiter,
        newline: header.newline,
        width: header.width,
        reads: (0..schema.known.len())
            .filter_map(|k| {
                let how = if Some(k) == schema.key {
                    Use::Text
                } else {
                    asker.reads(k)
                };
                let c = header.map.get(k).copied().flatten()?;
                (how != Use::Not).then_some((k, c, how))
            })
            .collect(),
        key: schema.key,
        kernel,
        max_field_len: opts.max_field_len,
    }
}

/// A block queued for the workers: its index, its buffer and its length.
type Queued = (u32, Vec<u8>, usize);

/// Reads the blocks `feed` cuts on the reading's workers, while this thread cuts
/// them and queues them, no more queued at a time than there are workers (a
/// pipeline of bounded memory, which a parallel map over the blocks would not be):
/// the record too long to read, if one was, and every worker that finished.
/// `keys`: the keys expected in the table, for room for their hashes.
fn read_in_parallel<'s, S: RecordSink>(
    reading: &Reading<'s>,
    parse: &Parse,
    make: &(impl Fn() -> S + Sync),
    columns: &'s [usize],
    keys: usize,
    feed: Feed<'_>,
) -> (std::io::Result<Option<Oversized>>, Vec<Worker<'s, S>>) {
    let (workers, opts) = (reading.workers, reading.opts);
    let shared = Shared {
        problems: AtomicUsize::new(0),
        structural: AtomicBool::new(false),
        max: opts.max_problems,
    };
    let (work_tx, work_rx) = mpsc::sync_channel::<Queued>(workers);
    let work_rx = Mutex::new(work_rx);
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (work_rx, free_tx, shared) = (&work_rx, free_tx.clone(), &shared);
                let known = reading.schema.known;
                scope.spawn(move || {
                    let mut worker = Worker {
                        sink: make(),
                        rows: 0,
                        newlines: Vec::new(),
                        keys: KeyHashes::new(keys, workers, opts.key_budget),
                        found: Found::new(known, columns),
                        cut: None,
                    };
                    worker.read_queued(parse, work_rx, &free_tx, shared);
                    worker
                })
            })
            .collect();
        drop(free_tx);
        let read = read_blocks(feed, &work_tx, &free_rx, &shared);
        drop(work_tx);
        let finished: Vec<Worker<S>> = handles.into_iter().filter_map(|h| h.join().ok()).collect();
        (read, finished)
    })
}

/// The first line of every block, after the `header_lines` lines of the header,
/// from the line ends the workers counted in the blocks they read (the block of a
/// record too long to read is not read, but its first line is known).
fn lines_of<S>(
    finished: &[Worker<'_, S>],
    oversized: Option<&Oversized>,
    header_lines: u64,
) -> Lines {
    let mut per_block: Vec<u64> = Vec::new();
    for w in finished {
        for &(b, n) in &w.newlines {
            let b = b as usize;
            if per_block.len() <= b {
                per_block.resize(b + 1, 0);
            }
            per_block[b] = n;
        }
    }
    if let Some(long) = oversized {
        let b = long.at.block as usize;
        if per_block.len() <= b {
            per_block.resize(b + 1, 0);
        }
    }
    let mut starts = Vec::with_capacity(per_block.len() + 1);
    let mut line = 1 + header_lines;
    for n in &per_block {
        starts.push(line);
        line += n;
    }
    Lines { starts }
}

/// What the workers share: how many problems they have found, and whether one found
/// a problem past which the table cannot be read; the reading stops at either.
struct Shared {
    problems: AtomicUsize,
    structural: AtomicBool,
    max: usize,
}

impl Shared {
    fn stop(&self) -> bool {
        self.structural.load(Ordering::Relaxed) || self.problems.load(Ordering::Relaxed) >= self.max
    }
}

impl<S: RecordSink> Worker<'_, S> {
    /// Reads the blocks queued on `work` until the queue closes, and gives each
    /// buffer back on `free`; tells `shared` the problems it finds.
    fn read_queued(
        &mut self,
        parse: &Parse,
        work: &Mutex<mpsc::Receiver<Queued>>,
        free: &mpsc::Sender<Vec<u8>>,
        shared: &Shared,
    ) {
        let mut buffers = Buffers::default();
        loop {
            let next = match work.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => break,
            };
            let Ok((index, mut block, len)) = next else {
                break;
            };
            let before = self.found.len();
            let bytes = &mut block[..len];
            let lines = parse.block(bytes, index, self, &mut buffers);
            self.newlines.push((index, lines));
            if self.cut.is_some() {
                shared.structural.store(true, Ordering::Relaxed);
            }
            shared
                .problems
                .fetch_add(self.found.len() - before, Ordering::Relaxed);
            let _ = free.send(block);
        }
    }
}

/// Reads up to `want` more bytes into `buf`; true at the end of the input.
fn fill_all(source: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    let mut len = buf.len();
    let eof = fill(source, buf, &mut len, want)?;
    buf.truncate(len);
    Ok(eof)
}

/// Reads up to `want` more bytes into `buf`, after its first `len` bytes. The bytes
/// of `buf` past `len` are kept between uses of a buffer: it is zeroed once, as it
/// grows, not before every read. True at the end of the input.
fn fill(
    source: &mut impl Read,
    buf: &mut Vec<u8>,
    len: &mut usize,
    want: usize,
) -> std::io::Result<bool> {
    let target = *len + want;
    if buf.len() < target {
        buf.resize(target, 0);
    }
    while *len < target {
        match source.read(&mut buf[*len..target]) {
            Ok(0) => return Ok(true),
            Ok(n) => *len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

/// What the reading loop reads: the input past the first bytes, how it is cut, the
/// bytes read past the last block's end (the first records, at first), and whether
/// the input has ended.
struct Feed<'a> {
    source: Source<'a>,
    cutter: Cutter,
    carry: Vec<u8>,
    eof: bool,
}

/// The reading loop: cuts the input into blocks that end at a record end and queues
/// them for the workers, reusing the buffers they give back. Stops early when the
/// workers have found enough problems; a block is then not half read: every block
/// sent is read whole, so the blocks read are the start of the file. Returns the
/// record that ran past the cutter's longest record, if one did.
fn read_blocks(
    mut feed: Feed<'_>,
    work: &mpsc::SyncSender<Queued>,
    free: &mpsc::Receiver<Vec<u8>>,
    shared: &Shared,
) -> std::io::Result<Option<Oversized>> {
    let (source, cutter, carry) = (&mut feed.source, &mut feed.cutter, &mut feed.carry);
    let mut eof = feed.eof;
    let mut index: u32 = 0;
    loop {
        if shared.stop() {
            return Ok(None);
        }
        // A buffer given back holds its last block's bytes, which are written over.
        let mut buf = free.try_recv().unwrap_or_default();
        if buf.len() < carry.len() {
            buf.resize(carry.len(), 0);
        }
        buf[..carry.len()].copy_from_slice(carry);
        let mut len = carry.len();
        carry.clear();
        let block = cutter.block;
        if !eof {
            let want = block.saturating_sub(len).max(block / 8);
            eof = fill(source, &mut buf, &mut len, want)?;
        }
        let cut = loop {
            if eof {
                break len;
            }
            if let Some(c) = cutter.last_record_end(&buf[..len]) {
                break c;
            }
            if len > cutter.max_record {
                // The records before the long one are read; the long one is not. It
                // starts its block, at the block's first line.
                let start = cutter.last_line_start(&buf[..len]);
                let (d, n) = (cutter.delimiter, cutter.newline);
                let quote = unclosed_quote(&buf[..len], start, d, n);
                let (line, column) = locate(&buf[..len], (start, quote), d, n);
                if start > 0 {
                    let _ = work.send((index, buf, start));
                    index += 1;
                }
                return Ok(Some(Oversized {
                    at: At {
                        block: index,
                        line: u32::try_from(line).unwrap_or(u32::MAX),
                    },
                    column,
                }));
            }
            eof = fill(source, &mut buf, &mut len, block)?;
        };
        carry.extend_from_slice(&buf[cut..len]);
        if cut > 0 {
            if index == u32::MAX || work.send((index, buf, cut)).is_err() {
                return Ok(None);
            }
            index += 1;
        }
        if eof && carry.is_empty() {
            return Ok(None);
        }
    }
}
