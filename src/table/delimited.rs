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

use super::header::{is_control, read_csv_header, Head};
use super::keys::KeyHashes;
use super::parse::{Buffers, Parse, MAX_KNOWN};
use super::simd::{quote_bits_at, Kernel};
use super::text::{line_ends_outside_quotes, locate, unclosed_quote};
use super::{
    At, DataError, Found, Input, Lines, Pending, Problem, Reading, RecordSink, Table, Use, NO_ROWS,
};

/// Bytes read per block.
pub(super) const BLOCK: usize = 1 << 20;
/// Bytes read first, for the header.
const HEAD: usize = 1 << 16;
/// A record longer than this is a problem: its quote is most likely not closed.
/// A longer field limit lengthens it (see [`max_record`]).
const MAX_RECORD: usize = 64 << 20;
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
    let io = |source| DataError::Io {
        path: name.clone().into(),
        source,
    };
    assert!(
        schema.known.len() <= MAX_KNOWN,
        "a schema of too many columns"
    );
    let d = opts.delimiter;
    if matches!(d, b'"' | b'\n' | b'\r') || d >= 0x80 || (is_control(char::from(d)) && d != b'\t') {
        return Err(DataError::Invalid(vec![Problem::new(
            &name,
            format!(
                "{:?} cannot be the delimiter: choose a printable ASCII character or tab",
                char::from(d)
            ),
        )]));
    }
    let (mut source, size) = match input {
        Input::File(path) => {
            let file = super::regular_file(path)?;
            let size = file.metadata().map_err(io)?.len() as usize;
            (Source::File(file), size)
        }
        Input::Bytes { bytes, .. } => (Source::Bytes(bytes), bytes.len()),
    };
    let max_record = max_record(opts.max_field_len);
    let mut first = Vec::with_capacity(HEAD.min(size + 1));
    let mut eof = fill_all(&mut source, &mut first, HEAD).map_err(io)?;
    let header = loop {
        match read_csv_header(&name, &first, eof, schema, opts) {
            Head::Header(h) => break h,
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
                eof = fill_all(&mut source, &mut first, more).map_err(io)?;
            }
        }
    };
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
    let asker = make();
    let parse = Parse {
        delimiter: d,
        newline: header.newline,
        width,
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
    };
    drop(asker);
    let shared = Shared {
        problems: AtomicUsize::new(0),
        structural: AtomicBool::new(false),
        max: opts.max_problems,
    };
    let (work_tx, work_rx) = mpsc::sync_channel::<(u32, Vec<u8>, usize)>(workers);
    let work_rx = Mutex::new(work_rx);
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    let mut carry = first.split_off(header.len);
    drop(first);
    let (read, finished) = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (work_rx, free_tx, shared, parse, make) =
                    (&work_rx, free_tx.clone(), &shared, &parse, &make);
                let (known, columns) = (schema.known, columns.as_slice());
                let keyed = schema.key.is_some();
                scope.spawn(move || {
                    let mut worker = Worker {
                        sink: make(),
                        rows: 0,
                        newlines: Vec::new(),
                        keys: KeyHashes::new(
                            if keyed { rows_guess } else { 0 },
                            workers,
                            opts.key_budget,
                        ),
                        found: Found::new(known, columns),
                        cut: None,
                    };
                    let mut buffers = Buffers::default();
                    loop {
                        let next = match work_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => break,
                        };
                        let Ok((index, mut block, len)) = next else {
                            break;
                        };
                        let before = worker.found.len();
                        let bytes = &mut block[..len];
                        let lines = parse.block(bytes, index, &mut worker, &mut buffers);
                        worker.newlines.push((index, lines));
                        if worker.cut.is_some() {
                            shared.structural.store(true, Ordering::Relaxed);
                        }
                        shared
                            .problems
                            .fetch_add(worker.found.len() - before, Ordering::Relaxed);
                        let _ = free_tx.send(block);
                    }
                    worker
                })
            })
            .collect();
        drop(free_tx);
        let read = read_blocks(
            &mut source,
            &mut Cutter::new(d, header.newline, block, max_record),
            &mut carry,
            eof,
            &work_tx,
            &free_rx,
            &shared,
        );
        drop(work_tx);
        let finished: Vec<Worker<S>> = handles.into_iter().filter_map(|h| h.join().ok()).collect();
        (read, finished)
    });
    if finished.len() != workers {
        return Err(DataError::Invalid(vec![Problem::new(
            &name,
            "a reading thread failed: please report this with the file",
        )]));
    }
    let oversized = read.map_err(io)?;
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
    if let Some(long) = &oversized {
        // The long record's block is not read, but its first line is known.
        let b = long.at.block as usize;
        if per_block.len() <= b {
            per_block.resize(b + 1, 0);
        }
    }
    let mut starts = Vec::with_capacity(per_block.len() + 1);
    let mut line = 1 + header.lines;
    for n in &per_block {
        starts.push(line);
        line += n;
    }
    let lines = Lines { starts };
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

/// What one worker hands back.
pub(super) struct Worker<'s, S> {
    pub(super) sink: S,
    pub(super) rows: u64,
    /// Line ends per block it read: (block, count).
    pub(super) newlines: Vec<(u32, u64)>,
    pub(super) keys: KeyHashes,
    pub(super) found: Found<'s>,
    /// The first problem it found past which its block could not be read.
    pub(super) cut: Option<At>,
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

/// The reading loop: cuts the input into blocks that end at a record end and queues
/// them for the workers, reusing the buffers they give back. Stops early when the
/// workers have found enough problems; a block is then not half read: every block
/// sent is read whole, so the blocks read are the start of the file. Returns the
/// record that ran past the cutter's longest record, if one did.
fn read_blocks(
    source: &mut impl Read,
    cutter: &mut Cutter,
    carry: &mut Vec<u8>,
    mut eof: bool,
    work: &mpsc::SyncSender<(u32, Vec<u8>, usize)>,
    free: &mpsc::Receiver<Vec<u8>>,
    shared: &Shared,
) -> std::io::Result<Option<Oversized>> {
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

/// How many of the last quotes that open or close a quoted field the cutter keeps:
/// enough for the last record end of a buffer to lie after the oldest of them but
/// for records of thousands of quoted fields.
const TURNS: usize = 4096;

/// Finds where a buffer of whole records ends, reading quotes as the block reader
/// does (a quote opens a quoted field only where a field starts), so that a block
/// is never cut inside a quoted field nor kept whole past a quote in the text.
pub(super) struct Cutter {
    delimiter: u8,
    newline: u8,
    /// Bytes read per block.
    block: usize,
    /// The longest record read: one longer most likely has a quote left open.
    max_record: usize,
    /// The positions of the last quotes that opened or closed a quoted field.
    turns: Vec<usize>,
}

impl Cutter {
    pub(super) fn new(delimiter: u8, newline: u8, block: usize, max_record: usize) -> Cutter {
        Cutter {
            delimiter,
            newline,
            block,
            max_record,
            turns: vec![0; TURNS],
        }
    }

    /// The end of the last complete record in `buf` (which starts at a record
    /// start): just after its last line end outside quotes. The quotes are found 16
    /// bytes at a time and only they are looked at one by one; the line end is then
    /// sought from the end, back past the quotes kept.
    fn last_record_end(&mut self, buf: &[u8]) -> Option<usize> {
        let (mut inside, mut twin, mut turned) = (false, 0, 0usize);
        let mut base = 0;
        while base < buf.len() {
            let mut bits = quote_bits_at(buf, base);
            while bits != 0 {
                let q = base + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if q < twin {
                    continue;
                }
                let turns = if inside {
                    // A doubled quote is one quote of the text: its twin is passed.
                    let doubled = buf.get(q + 1) == Some(&b'"');
                    twin = if doubled { q + 2 } else { twin };
                    !doubled
                } else {
                    q == 0 || buf[q - 1] == self.delimiter || buf[q - 1] == self.newline
                };
                if turns {
                    inside = !inside;
                    self.turns[turned % TURNS] = q;
                    turned += 1;
                }
            }
            base += 16;
        }
        let oldest = turned.saturating_sub(TURNS);
        for i in (0..buf.len()).rev() {
            match buf[i] {
                b'"' if turned > oldest && self.turns[(turned - 1) % TURNS] == i => {
                    inside = !inside;
                    turned -= 1;
                }
                // A quote after the latest turn left is not a turn (a doubled quote,
                // or a quote of unquoted text): it changes nothing.
                b'"' if turned > oldest => {}
                // Past the quotes kept, the one byte-by-byte reading decides.
                b'"' if turned > 0 => {
                    let newline = self.newline;
                    return line_ends_outside_quotes(buf, self.delimiter, |b| b == newline)
                        .last()
                        .map(|i| i + 1);
                }
                b if b == self.newline && !inside => return Some(i + 1),
                _ => {}
            }
        }
        None
    }

    /// Where the last record of `buf` starts, when no record end is known: after the
    /// last record end, if any (0 when the buffer is one record).
    fn last_line_start(&mut self, buf: &[u8]) -> usize {
        self.last_record_end(&buf[..buf.len().saturating_sub(1)])
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ends_follow_the_quotes_that_open_and_close() {
        let mut c = Cutter::new(b',', b'\n', BLOCK, MAX_RECORD);
        assert_eq!(c.last_record_end(b"a,b\nc,d"), Some(4));
        assert_eq!(c.last_record_end(b"a,\"b\nc\",d"), None);
        assert_eq!(c.last_record_end(b"a,\"b\nc\",d\ne"), Some(10));
        assert_eq!(c.last_record_end(b"a,\"b\"\"\n"), None);
        assert_eq!(c.last_record_end(b"a,\"b\"\"c\"\n"), Some(9));
        assert_eq!(c.last_record_end(b"a,b\r\nc"), Some(5));
        // A quote inside a field that does not start with one is text.
        assert_eq!(c.last_record_end(b"a,5\" x\nb,\"c\nd\""), Some(7));
        assert_eq!(c.last_record_end(b"a,5\" x\nb,c\nd"), Some(11));
        let mut cr = Cutter::new(b',', b'\r', BLOCK, MAX_RECORD);
        assert_eq!(cr.last_record_end(b"a,b\rc,\"d\re\"\rf"), Some(12));
    }

    #[test]
    fn record_ends_past_the_quotes_kept_are_found_byte_by_byte() {
        let mut c = Cutter::new(b',', b'\n', BLOCK, MAX_RECORD);
        let mut buf = b"k,x\nk,".to_vec();
        buf.extend(b"\"q\",".repeat(TURNS));
        assert_eq!(c.last_record_end(&buf), Some(4));
        buf.extend(b"\"\n");
        assert_eq!(c.last_record_end(&buf), Some(4));
        buf.extend(b"\"\n");
        assert_eq!(c.last_record_end(&buf), Some(buf.len()));
    }
}
