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

use std::io::{Read, Seek};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use super::load::{check_fields, LoadOptions};
use super::table::{check_header, ColumnSpec};
use super::{
    DataError, Fields, Origin, Problem, Vocabulary, OBSERVATION_COLUMNS, REQUIRED_COLUMNS,
};

/// Bytes read per block.
const BLOCK: usize = 4 << 20;
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
}

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
    scan_csv_in_blocks(path, opts, BLOCK, make)
}

/// [`scan_csv`] with blocks of about `block` bytes (tests cut small tables into many).
pub(crate) fn scan_csv_in_blocks<S: RowSink>(
    path: &Path,
    opts: &LoadOptions,
    block: usize,
    make: impl Fn() -> S,
) -> Result<Scanned<S>, DataError> {
    let name = path.display().to_string();
    let io = |source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(DataError::Invalid(vec![Problem::new(
            &name,
            "cannot read data from it: it is not a regular file (a FIFO, device or socket)",
        )]));
    }
    let delimiter = opts.delimiter;
    if matches!(delimiter, b'"' | b'\n' | b'\r' | 0) {
        return Ok(Scanned::Unsure("an unusual delimiter"));
    }
    let mut file = std::fs::File::open(path).map_err(io)?;
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
    let stop = Stop {
        flag: AtomicBool::new(false),
        why: Mutex::new(None),
    };
    let mut known = vec![false; header.width];
    for c in header.map.iter().flatten() {
        known[*c] = true;
    }
    let parse = Parse {
        delimiter,
        width: header.width,
        map: &header.map,
        known,
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
                    let mut cells = Vec::with_capacity(parse.width);
                    let mut scratch = String::new();
                    loop {
                        let next = match work_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => break,
                        };
                        let Ok((index, block)) = next else { break };
                        if !stop.is_set() {
                            match parse.block(&block, index, &mut worker, &mut cells, &mut scratch)
                            {
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
    if finished.len() != workers {
        return Ok(Scanned::Unsure("a worker stopped"));
    }
    if stop.is_set() {
        let why = stop.why.lock().ok().and_then(|w| *w);
        return Ok(Scanned::Unsure(
            why.unwrap_or("a row needs the exact reader"),
        ));
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
    if has_repeats(ids, workers) {
        return Ok(Scanned::Unsure("an id hash repeats"));
    }
    Ok(Scanned::Valid {
        sinks,
        rows,
        lines: Lines { starts },
    })
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
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(opts.delimiter)
        .from_reader(first);
    let mut record = csv::ByteRecord::new();
    if !matches!(reader.read_byte_record(&mut record), Ok(true)) {
        return Err("no header record");
    }
    let len = reader.position().byte() as usize;
    let head = &first[..len];
    let body = head.strip_suffix(b"\r\n").or(head.strip_suffix(b"\n"));
    if len >= first.len() || !body.is_some_and(|b| !b.is_empty() && !b.contains(&b'\r')) {
        return Err("an unusual header line");
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
    let quotes = buf.iter().filter(|&&b| b == b'"').count();
    let mut after = 0;
    for (i, &b) in buf.iter().enumerate().rev() {
        match b {
            b'"' => after += 1,
            b'\n' if (quotes - after) % 2 == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Repeated id hashes, over every worker's buckets, the buckets shared among threads.
fn has_repeats(mut ids: Vec<Vec<Vec<u64>>>, threads: usize) -> bool {
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
                    part.iter_mut().any(|b| {
                        b.sort_unstable();
                        b.windows(2).any(|w| w[0] == w[1])
                    })
                })
            })
            .collect();
        handles.into_iter().any(|h| h.join().unwrap_or(true))
    })
}

/// A 64-bit hash of an id: eight bytes at a time, with a final mix so the top bits
/// spread over the buckets.
fn id_hash(id: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (id.len() as u64).wrapping_mul(K);
    let mut chunks = id.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// One cell of a record: its bytes in the block, and whether they hold doubled quotes.
#[derive(Clone, Copy)]
struct Cell {
    start: usize,
    end: usize,
    escaped: bool,
}

/// What a worker needs to read rows.
struct Parse<'a> {
    delimiter: u8,
    width: usize,
    map: &'a [Option<usize>],
    /// Whether each column of the table is a known one.
    known: Vec<bool>,
    max_field_len: usize,
    vocab: Vocabulary,
    origin: &'a Origin,
}

impl Parse<'_> {
    /// Reads one block of whole records; returns the newlines it holds.
    fn block<S: RowSink>(
        &self,
        block: &[u8],
        index: u32,
        worker: &mut Worker<S>,
        cells: &mut Vec<Cell>,
        scratch: &mut String,
    ) -> Result<u64, &'static str> {
        if memchr::memchr(0, block).is_some() {
            return Err("a NUL byte");
        }
        let crlf = match memchr::memchr(b'\r', block) {
            None => false,
            Some(_) => {
                if memchr::memchr_iter(b'\r', block).any(|i| block.get(i + 1) != Some(&b'\n')) {
                    return Err("a CR without LF");
                }
                true
            }
        };
        let d = self.delimiter;
        let len = block.len();
        let mut pos = 0;
        let mut line: u64 = 0;
        while pos < len {
            // Empty lines are skipped, as the csv reader does.
            match block[pos] {
                b'\n' => {
                    pos += 1;
                    line += 1;
                    continue;
                }
                b'\r' => {
                    pos += 2;
                    line += 1;
                    continue;
                }
                _ => {}
            }
            let record_line = line;
            cells.clear();
            loop {
                if pos < len && block[pos] == b'"' {
                    let start = pos + 1;
                    let mut i = start;
                    let mut escaped = false;
                    let end = loop {
                        let Some(k) = memchr::memchr2(b'"', b'\n', &block[i..]) else {
                            return Err("a quote that is not closed");
                        };
                        let j = i + k;
                        if block[j] == b'\n' {
                            line += 1;
                            i = j + 1;
                        } else if block.get(j + 1) == Some(&b'"') {
                            escaped = true;
                            i = j + 2;
                        } else {
                            break j;
                        }
                    };
                    cells.push(Cell {
                        start,
                        end,
                        escaped,
                    });
                    pos = end + 1;
                } else {
                    let start = pos;
                    while pos < len {
                        let b = block[pos];
                        if b == d || b == b'\n' || b == b'\r' || b == b'"' {
                            break;
                        }
                        pos += 1;
                    }
                    if pos < len && block[pos] == b'"' {
                        return Err("a quote inside an unquoted field");
                    }
                    cells.push(Cell {
                        start,
                        end: pos,
                        escaped: false,
                    });
                }
                // After a field: a delimiter, or the end of the record.
                if pos >= len {
                    break;
                }
                match block[pos] {
                    b if b == d => pos += 1,
                    b'\n' => {
                        pos += 1;
                        line += 1;
                        break;
                    }
                    b'\r' if crlf => {
                        pos += 2;
                        line += 1;
                        break;
                    }
                    _ => return Err("text after a closing quote"),
                }
            }
            if cells.len() != self.width {
                return Err("a row with the wrong number of fields");
            }
            worker.rows += 1;
            self.record(block, cells, scratch, index, record_line, worker)?;
        }
        Ok(line)
    }

    /// Checks one record and hands it to the sink.
    fn record<S: RowSink>(
        &self,
        block: &[u8],
        cells: &[Cell],
        scratch: &mut String,
        index: u32,
        line: u64,
        worker: &mut Worker<S>,
    ) -> Result<(), &'static str> {
        scratch.clear();
        // Doubled quotes are undone into `scratch` first, so every cell can then be
        // borrowed at once.
        let mut unescaped = [(0usize, 0usize); OBSERVATION_COLUMNS.len()];
        for (k, c) in self.map.iter().enumerate() {
            let Some(c) = c.and_then(|c| cells.get(c)) else {
                continue;
            };
            if c.escaped {
                let raw = std::str::from_utf8(&block[c.start..c.end]).map_err(|_| "not UTF-8")?;
                let from = scratch.len();
                for (n, part) in raw.split("\"\"").enumerate() {
                    if n > 0 {
                        scratch.push('"');
                    }
                    scratch.push_str(part);
                }
                unescaped[k] = (from, scratch.len());
            }
        }
        let mut text = [""; OBSERVATION_COLUMNS.len()];
        for (k, c) in self.map.iter().enumerate() {
            let Some(cell) = c.and_then(|c| cells.get(c)) else {
                continue;
            };
            text[k] = if cell.escaped {
                &scratch[unescaped[k].0..unescaped[k].1]
            } else {
                std::str::from_utf8(&block[cell.start..cell.end]).map_err(|_| "not UTF-8")?
            };
        }
        for (i, cell) in cells.iter().enumerate() {
            let bytes = &block[cell.start..cell.end];
            if !self.known[i] && std::str::from_utf8(bytes).is_err() {
                return Err("not UTF-8");
            }
            if bytes.len() > self.max_field_len {
                let chars = String::from_utf8_lossy(bytes).chars().count();
                if chars > self.max_field_len {
                    return Err("a field over the length limit");
                }
            }
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
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod differential;
