//! The one reader. Every table the tool reads, CSV or Parquet, from a file or from
//! memory, goes through [`read`]: the table becomes records, each handed with its
//! position to a [`RecordSink`] on the core that read it, and every problem found,
//! located by file, line, column and field.
//!
//! - **One path.** The reader that reads fast is the reader that locates problems:
//!   nothing falls back to a second reader, so no two readers can disagree. CSV is
//!   read in blocks cut at record ends, on every core ([`delimited`]); Parquet by row
//!   groups, on every core ([`parquet`]). Which format, how many threads and which
//!   byte kernel is decided here, once, and said by [`Table::how`].
//! - **Bounded.** A block or a row group at a time; problems are kept up to
//!   [`Options::max_problems`] (the first ones in file order), and a bad row costs
//!   what a good one does.
//! - **What it checks.** The structure (encoding, quoting, width, line ends), that
//!   no text holds a control character, the header against a [`Schema`], the length
//!   of each cell, and that the schema's key never repeats ([`keys`]). What the cells
//!   must hold is the sink's to check: the reader knows no column's meaning.

pub mod batch;
mod chunks;
mod cutter;
mod delimited;
#[cfg(any(test, feature = "testing"))]
pub mod differential;
pub mod fingerprint;
mod header;
mod keys;
mod parquet;
mod parse;
mod problem;
pub mod sheet;
pub(crate) mod simd;
mod text;

use std::collections::HashSet;
use std::path::Path;

pub use crate::values::short;
pub use delimited::MAX_FIELD_LENGTH;
pub use header::{check_header, MISSING_COLUMN, NO_ROWS};
pub(crate) use header::{closest, not_one_of};
pub use problem::{DataError, Problem};

/// The columns a table may have, the ones it must have, and the one whose values
/// must not repeat.
#[derive(Debug, Clone, Copy)]
pub struct Schema<'a> {
    pub known: &'a [&'a str],
    pub required: &'a [&'a str],
    /// Known column that identifies a row: a value seen twice is a problem on the
    /// second row, naming the first.
    pub key: Option<usize>,
}

/// How to read.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The field delimiter of a CSV table.
    pub delimiter: u8,
    /// The text is a workbook's sheet written as CSV: its columns are the sheet's,
    /// and no delimiter is the user's to choose.
    pub sheet: bool,
    /// Longest cell accepted, in characters.
    pub max_field_len: usize,
    /// The reader stops once it has found this many problems; the first ones in
    /// file order are kept.
    pub max_problems: usize,
    /// A Parquet row group goes whole to a sink that reads by columns
    /// ([`RecordSink::batch`]); `false` hands every row over one by one, which gives
    /// the same answer (the tests and the fuzz target compare the two).
    pub by_columns: bool,
    /// A Parquet row group of more rows is decoded this many rows at a time, every
    /// column: what the cores hold at once stays small whatever the row groups'
    /// size (the pages before a window are skipped undecompressed). Row groups of
    /// as many rows or fewer, as most writers write, are decoded whole.
    pub window: usize,
    /// The bytes the hashes of the keys may take in memory: past them, the hashes
    /// are written to a temporary file and looked through in parts of that size
    /// once the table is read (see the `keys` module).
    pub key_budget: usize,
}

/// Problems kept when the user sets no limit: enough to see the pattern in any
/// table, and at most some tens of MiB.
pub const DEFAULT_MAX_PROBLEMS: usize = 100_000;

impl Default for Options {
    fn default() -> Self {
        Options {
            delimiter: b',',
            sheet: false,
            max_field_len: 10_000,
            max_problems: DEFAULT_MAX_PROBLEMS,
            by_columns: true,
            window: 1 << 18,
            key_budget: 32 << 20,
        }
    }
}

/// A table to read: a file, or bytes already in memory (standard input, a file of
/// the embedded dataset). Either is Parquet when its name ends in `.parquet`, else
/// CSV.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    File(&'a Path),
    Bytes { name: &'a str, bytes: &'a [u8] },
}

impl Input<'_> {
    /// The name problems give.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Bytes { name, .. } => name.to_string(),
        }
    }

    pub fn is_parquet(&self) -> bool {
        let name = match self {
            Input::File(path) => path.to_string_lossy(),
            Input::Bytes { name, .. } => std::borrow::Cow::Borrowed(*name),
        };
        is_parquet_name(&name)
    }
}

/// Whether a table of this name is Parquet (by its extension).
pub fn is_parquet_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// The cells of one record, by known column (`text(k)` is the cell of
/// `schema.known[k]`, "" when the table has no such column). A Parquet table may
/// hold a column typed: its cells are then given as numbers ([`Cells::days`],
/// [`Cells::int`]), which the sink reads instead of the text ("" unless the column
/// is the key).
pub trait Cells<'a> {
    fn text(&self, k: usize) -> &'a str;

    /// The cell of known column `k` as days since 1970-01-01 when the table holds it
    /// as a date; `Some(None)` when it is null.
    fn days(&self, _k: usize) -> Option<Option<i32>> {
        None
    }

    /// The cell of known column `k` when the table holds it as an integer;
    /// `Some(None)` when it is null.
    fn int(&self, _k: usize) -> Option<Option<i64>> {
        None
    }
}

impl<'a, F: Fn(usize) -> &'a str> Cells<'a> for F {
    fn text(&self, k: usize) -> &'a str {
        self(k)
    }
}

/// What each core does with the records it read.
pub trait RecordSink: Send {
    /// One record whose structure is sound. The sink checks what its cells hold
    /// and tells each broken rule to `found`.
    fn record<'a>(&mut self, cells: &impl Cells<'a>, at: At, found: &mut Found<'_>);

    /// How the sink uses known column `k`. A column it does not read may be left
    /// unread (it is then ""); the reader's own checks (encoding, control
    /// characters, length, the key) cover every cell all the same.
    fn reads(&self, _k: usize) -> Use {
        Use::Text
    }

    /// A row group of a columnar table, whole: the sink takes what rows it can and
    /// sets `left[i]` for each row it leaves to [`RecordSink::record`] (a row set on
    /// entry the reader has flagged: the sink must leave it). `false`, the default,
    /// when the sink reads row by row only: every row then goes to `record`.
    fn batch(&mut self, _batch: &batch::Batch<'_>, _block: u32, _left: &mut [bool]) -> bool {
        false
    }
}

/// How a sink uses a known column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// The cell's text.
    Text,
    /// Only whether the text is blank, which doubled quotes do not change: a quoted
    /// cell may keep them doubled.
    Verbatim,
    /// Nothing.
    Not,
}

/// Where a record sits: its block (or row group) and its line within it (0-based).
/// Orders records as the file does; [`Lines::line`] turns it into the file's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct At {
    pub block: u32,
    pub line: u32,
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
            // Not a position of the table these lines are of.
            None => u64::from(at.line),
        }
    }
}

/// A problem found by a worker, not yet placed on a line of the file.
#[derive(Debug, Clone)]
struct Pending {
    at: At,
    column: Option<usize>,
    field: Option<String>,
    reason: String,
}

/// The problems one core has found, and what the sink needs to word its own: the
/// record being read and where each known column sits.
pub struct Found<'s> {
    at: At,
    known: &'s [&'s str],
    /// 1-based table column of each known column.
    columns: &'s [usize],
    list: Vec<Pending>,
    /// Whether the sink may keep the record it reads: not when the reader has found
    /// a problem in one of its cells (a control character, bytes that are not
    /// UTF-8), which the sink checks all the same for the record's other problems.
    keeps: bool,
}

impl<'s> Found<'s> {
    fn new(known: &'s [&'s str], columns: &'s [usize]) -> Found<'s> {
        Found {
            at: At::default(),
            known,
            columns,
            list: Vec::new(),
            keeps: true,
        }
    }

    /// Whether the sink may keep the record it is reading (else it only checks it).
    pub fn keeps(&self) -> bool {
        self.keeps
    }

    /// Hands a record to `read` to be checked, not kept, whose 1-based table
    /// columns `spoiled` the reader has already found a problem in: the sink's own
    /// problems in those cells are dropped, its problems in the other cells kept.
    fn check_only(&mut self, spoiled: &[usize], read: impl FnOnce(&mut Self)) {
        let before = self.list.len();
        self.keeps = false;
        read(self);
        self.keeps = true;
        let mut seen = 0;
        self.list.retain(|p| {
            seen += 1;
            seen <= before || p.column.is_none_or(|c| !spoiled.contains(&c))
        });
    }

    /// A broken rule of the current record, in known column `k`.
    pub fn problem(&mut self, k: usize, reason: impl Into<String>) {
        self.list.push(Pending {
            at: self.at,
            column: self.columns.get(k).copied(),
            field: self.known.get(k).map(|f| f.to_string()),
            reason: reason.into(),
        });
    }

    /// How many problems this core has found.
    fn len(&self) -> usize {
        self.list.len()
    }

    /// A problem of the record at `at`, in 1-based table column `column` (named by
    /// its field when it is a known column).
    fn push(&mut self, at: At, column: Option<usize>, reason: String) {
        let field = column
            .and_then(|c| self.columns.iter().position(|&k| k == c))
            .and_then(|k| self.known.get(k))
            .map(|f| f.to_string());
        self.list.push(Pending {
            at,
            column,
            field,
            reason,
        });
    }
}

/// What was read.
pub struct Table<S> {
    /// One sink per core.
    pub sinks: Vec<S>,
    /// Records read (with or without problems).
    pub rows: u64,
    pub lines: Lines,
    /// 1-based table column of each known column (the column after the last when
    /// the table lacks it).
    pub columns: Vec<usize>,
    /// Every problem, in file order, at most `max_problems` and a last one that says
    /// the reader stopped.
    pub problems: Vec<Problem>,
    /// How the table was read, for `--verbose`.
    pub how: String,
}

impl<S> Table<S> {
    /// The table when it has no problem; else every problem.
    pub fn valid(self) -> Result<Table<S>, DataError> {
        if self.problems.is_empty() {
            Ok(self)
        } else {
            Err(DataError::Invalid(self.problems))
        }
    }
}

/// The column names of a table, as its header (or Parquet schema) gives them,
/// trimmed: what a mapping can name.
pub fn column_names(input: &Input<'_>, opts: &Options) -> Result<Vec<String>, DataError> {
    if input.is_parquet() {
        return parquet::column_names(input);
    }
    let name = input.name();
    let first = match input {
        Input::Bytes { bytes, .. } => bytes.to_vec(),
        Input::File(path) => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(
                &mut std::io::Read::take(regular_file(path)?, 1 << 20),
                &mut buf,
            )
            .map_err(|source| DataError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            buf
        }
    };
    header::column_names(&name, &first, opts).map_err(DataError::Invalid)
}

/// Reads a table: `make` makes one sink per core.
pub fn read<S: RecordSink>(
    input: &Input<'_>,
    schema: &Schema<'_>,
    opts: &Options,
    make: impl Fn() -> S + Sync,
) -> Result<Table<S>, DataError> {
    let reading = Reading {
        input,
        schema,
        opts,
        workers: workers(),
    };
    if input.is_parquet() {
        parquet::read(&reading, make)
    } else {
        delimited::read(&reading, delimited::BLOCK, simd::Kernel::best(), make)
    }
}

/// What one core hands back once a table is read: its sink, the records it read,
/// the keys it saw, the problems it found, and the rows whose key it did not hash
/// because of a problem in another cell (the formats that can tell).
type Part<S> = (S, u64, keys::KeyHashes, Vec<Pending>, Vec<At>);

/// One reading of a table: what is read, how, and on how many cores.
#[derive(Clone, Copy)]
struct Reading<'r> {
    input: &'r Input<'r>,
    schema: &'r Schema<'r>,
    opts: &'r Options,
    workers: usize,
}

impl Reading<'_> {
    /// The sinks, the records read and the problems: every core's placed on lines,
    /// in file order and capped, and, unless the reading stopped early or at a
    /// problem past which it could not go on, the repeated keys.
    fn gather<S>(
        &self,
        parts: impl ExactSizeIterator<Item = Part<S>>,
        lines: Lines,
        columns: Vec<usize>,
        mut pending: Vec<Pending>,
        cut: Option<At>,
        how: String,
    ) -> Result<Table<S>, DataError> {
        let name = self.input.name();
        let max = self.opts.max_problems;
        let mut rows = 0;
        let mut sinks = Vec::with_capacity(parts.len());
        let mut hashes = Vec::with_capacity(parts.len());
        let mut unkeyed = HashSet::new();
        for (sink, read, keys, found, skipped) in parts {
            rows += read;
            pending.extend(found);
            sinks.push(sink);
            hashes.push(keys);
            unkeyed.extend(skipped);
        }
        let mut how = how;
        if let Some(spilled) = hashes.first().and_then(keys::KeyHashes::spilled) {
            how.push_str(&format!("; {spilled}"));
        }
        let stopped = pending.len() >= max;
        let mut problems = place(&name, pending, &lines, max, cut);
        if !stopped && cut.is_none() {
            let repeats = keys::repeats(self.input, self.schema, self.opts, hashes, &unkeyed)?;
            if !repeats.is_empty() {
                problems.extend(repeats);
                problems.sort_by_key(|p| (p.line, p.column));
                if problems.len() > max {
                    problems.truncate(max);
                    problems.push(stopped_after(&name, max));
                }
            }
        }
        Ok(Table {
            sinks,
            rows,
            lines,
            columns,
            problems,
            how,
        })
    }
}

/// The last problem of a reading that stopped at `max`.
fn stopped_after(name: &str, max: usize) -> Problem {
    Problem::new(
        name,
        format!("stopped after {max} problems; fix these first (or raise --max-problems)"),
    )
}

/// Turns the workers' problems into located ones, in file order, capped at
/// `max`; `cut` drops every problem after a structural one (past which the table
/// cannot be read reliably).
fn place(
    name: &str,
    mut pending: Vec<Pending>,
    lines: &Lines,
    max: usize,
    cut: Option<At>,
) -> Vec<Problem> {
    pending.sort_by_key(|a| (a.at, a.column));
    if let Some(cut) = cut {
        pending.retain(|p| p.at <= cut);
    }
    let over = pending.len() > max;
    pending.truncate(max);
    let mut problems: Vec<Problem> = pending
        .into_iter()
        .map(|p| {
            let mut problem = Problem::new(name, p.reason);
            problem.line = Some(lines.line(p.at));
            problem.column = p.column;
            problem.field = p.field;
            problem
        })
        .collect();
    if over {
        problems.push(stopped_after(name, max));
    }
    problems
}

/// The number of cores to read on.
fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Opens a file the user named, refusing what is not a regular file (a directory, a
/// FIFO, a device such as `/dev/zero` would hang or make no sense).
pub fn regular_file(path: &Path) -> Result<std::fs::File, DataError> {
    let io = |source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder without datapackage.json"
        } else {
            "not a regular file (a FIFO, device or socket)"
        };
        return Err(DataError::Invalid(vec![Problem::new(
            &path.display().to_string(),
            format!("cannot read data from it: it is {what}"),
        )]));
    }
    std::fs::File::open(path).map_err(io)
}

/// The whole of a small regular file the user named, refused when it is not a
/// regular file (a FIFO would be read forever, `/dev/zero` until memory ran out) or
/// is larger than `limit` bytes.
pub fn read_small_file(path: &Path, limit: u64) -> Result<Vec<u8>, DataError> {
    let mut file = regular_file(path)?;
    let io = |source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = file.metadata().map_err(io)?.len();
    if len > limit {
        return Err(DataError::Invalid(vec![Problem::new(
            &path.display().to_string(),
            format!("is {} MiB; at most {} MiB is read", len >> 20, limit >> 20),
        )]));
    }
    let mut buf = Vec::with_capacity(len as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, limit), &mut buf).map_err(io)?;
    Ok(buf)
}

#[cfg(test)]
mod tests;
