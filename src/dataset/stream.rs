//! Checking a large observation table without holding it: one streaming pass over
//! the file applies every row rule of the loader (same messages, same positions)
//! and keeps only what cross-row checks need (64-bit hashes of the ids; a second,
//! targeted pass names duplicate ids exactly). Aggregation then scans the file with
//! polars, so memory stays far below the file's size.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use super::load::{parse_observation, LoadOptions};
use super::scan::id_hash;
use super::table::{check_header, long_field, ColumnSpec, LineEnds, Row};
use super::{DataError, Problem, Vocabulary, OBSERVATION_COLUMNS, REQUIRED_COLUMNS};

/// The most problems one check lists before it stops reading.
pub const MAX_PROBLEMS: usize = 200;

/// What a streaming check learned about a valid table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCheck {
    pub rows: u64,
    /// The file has a byte-order mark, CR-only line ends, NUL bytes or text that is
    /// not UTF-8: the caller loads it in memory instead, whose reader normalises the
    /// first two and names the exact position of the others.
    pub needs_normalising: bool,
}

/// Follows CSV quoting over the bytes as they are read, so that an unterminated quote
/// can be reported at the line where it opened.
struct QuoteWatch<R> {
    inner: R,
    delimiter: u8,
    line: u64,
    col: usize,
    field_start: bool,
    in_quotes: bool,
    pending_quote: bool,
    open_at: (u64, usize),
    saw_lone_cr: bool,
    prev_cr: bool,
}

impl<R: Read> QuoteWatch<R> {
    fn new(inner: R, delimiter: u8) -> Self {
        QuoteWatch {
            inner,
            delimiter,
            line: 1,
            col: 1,
            field_start: true,
            in_quotes: false,
            pending_quote: false,
            open_at: (0, 0),
            saw_lone_cr: false,
            prev_cr: false,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            // A lone CR, or a CR inside quotes (the in-memory reader reads a CRLF
            // inside quotes as LF, and so must every path).
            if (self.prev_cr && b != b'\n') || (b == b'\r' && self.in_quotes && !self.pending_quote)
            {
                self.saw_lone_cr = true;
            }
            self.prev_cr = b == b'\r';
            if self.in_quotes {
                if self.pending_quote {
                    self.pending_quote = false;
                    if b == b'"' {
                        continue;
                    }
                    self.in_quotes = false;
                } else if b == b'"' {
                    self.pending_quote = true;
                    continue;
                } else {
                    if b == b'\n' {
                        self.line += 1;
                    }
                    continue;
                }
            }
            if b == b'"' && self.field_start {
                self.in_quotes = true;
                self.open_at = (self.line, self.col);
                self.field_start = false;
                continue;
            }
            self.field_start = b == self.delimiter || b == b'\n';
            if b == self.delimiter {
                self.col += 1;
            }
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            }
        }
    }

    /// The line and column of a quote still open at the end of the file.
    fn unterminated(&self) -> Option<(u64, usize)> {
        (self.in_quotes && !self.pending_quote).then_some(self.open_at)
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.feed(&buf[..n]);
        Ok(n)
    }
}

/// Opens `path`, which must be a regular file: a FIFO or a device cannot be read
/// twice, and a check may need to.
pub(crate) fn regular_file(path: &Path) -> Result<std::fs::File, DataError> {
    let io = |source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(DataError::Invalid(vec![Problem::new(
            &path.display().to_string(),
            "cannot read data from it: it is not a regular file (a FIFO, device or socket)",
        )]));
    }
    std::fs::File::open(path).map_err(io)
}

/// Checks a CSV observation table row by row without keeping it; every valid
/// observation is handed to `each` as it is read (a caller must discard what it got
/// if the check then fails).
pub fn check_csv(
    path: &Path,
    opts: &LoadOptions,
    mut each: impl FnMut(super::Observation),
) -> Result<TableCheck, DataError> {
    let name = path.display().to_string();
    let file: Arc<str> = Arc::from(name.as_str());
    let mut input = BufReader::with_capacity(1 << 20, regular_file(path)?);
    {
        use std::io::BufRead;
        let start = input.fill_buf().map_err(|source| DataError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        // A byte-order mark is for the in-memory reader, which drops it; UTF-16 is
        // refused there with its message.
        if start.starts_with(&[0xEF, 0xBB, 0xBF])
            || start.starts_with(&[0xFF, 0xFE])
            || start.starts_with(&[0xFE, 0xFF])
        {
            return Ok(TableCheck {
                rows: 0,
                needs_normalising: true,
            });
        }
    }
    let mut watch = QuoteWatch::new(input, opts.delimiter);
    let mut problems: Vec<Problem> = Vec::new();
    let mut header: Option<(Vec<String>, Vec<Option<usize>>)> = None;
    let mut rows = 0u64;
    let mut header_line = 1;
    let mut seen: HashSet<u64> = HashSet::new();
    let mut repeated: HashSet<u64> = HashSet::new();
    let vocab = Vocabulary::open();
    let spec = ColumnSpec {
        known: &OBSERVATION_COLUMNS,
        required: &REQUIRED_COLUMNS,
    };
    let mut columns: Option<Arc<[usize]>> = None;
    {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(opts.delimiter)
            .from_reader(LineEnds::new(&mut watch));
        let mut bytes = csv::ByteRecord::new();
        loop {
            if problems.len() >= MAX_PROBLEMS {
                break;
            }
            match reader.read_byte_record(&mut bytes) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(1, |p| reader.get_mut().line(p));
                    problems.push(Problem::new(&name, format!("unreadable CSV: {e}")).at(line, 1));
                    break;
                }
            }
            let line = bytes.position().map_or(0, |p| reader.get_mut().line(p));
            // NUL bytes and text that is not UTF-8 are reported by the in-memory
            // reader, which names the exact character position.
            if bytes.iter().any(|f| f.contains(&0)) {
                return Ok(TableCheck {
                    rows,
                    needs_normalising: true,
                });
            }
            let Ok(record) = csv::StringRecord::from_byte_record(bytes.clone()) else {
                return Ok(TableCheck {
                    rows,
                    needs_normalising: true,
                });
            };
            if let Some(p) = long_field(&name, line, &record, opts.max_field_len) {
                problems.push(p);
                continue;
            }
            let Some((names, map)) = &header else {
                match check_header(&name, line, &record, &spec, opts.delimiter) {
                    Ok(map) => {
                        header = Some((record.iter().map(str::to_string).collect(), map));
                        header_line = line;
                    }
                    Err(mut ps) => {
                        problems.append(&mut ps);
                        break;
                    }
                }
                continue;
            };
            rows += 1;
            if record.len() != names.len() {
                let (col, what) = if record.len() > names.len() {
                    (names.len() + 1, "an extra field")
                } else {
                    (record.len() + 1, "a missing field")
                };
                problems.push(
                    Problem::new(
                        &name,
                        format!(
                            "row has {} fields but the header has {} ({what})",
                            record.len(),
                            names.len()
                        ),
                    )
                    .at(line, col),
                );
                continue;
            }
            let row = Row::new(line, &record, map);
            let columns = columns.get_or_insert_with(|| {
                (0..OBSERVATION_COLUMNS.len())
                    .map(|i| row.column(i))
                    .collect()
            });
            let observation = match parse_observation(&file, &row, &vocab, &[], columns) {
                Ok(o) => o,
                Err(mut ps) => {
                    problems.append(&mut ps);
                    continue;
                }
            };
            let h = id_hash(row.get(0).as_bytes());
            if problems.is_empty() {
                each(observation);
            }
            if !seen.insert(h) {
                repeated.insert(h);
            }
        }
    }
    if watch.saw_lone_cr {
        // CR-only line ends: the in-memory reader normalises them and gets the line
        // numbers of any problem right.
        return Ok(TableCheck {
            rows,
            needs_normalising: true,
        });
    }
    if let Some((l, c)) = watch.unterminated() {
        problems.insert(
            0,
            Problem::new(&name, "a quoted field opens here and is never closed").at(l, c),
        );
        problems.truncate(1);
    }
    match &header {
        None if problems.is_empty() => problems.push(Problem::new(
            &name,
            "the file is empty: expected a header line",
        )),
        Some(_) if rows == 0 && problems.is_empty() => {
            problems.push(Problem::new(&name, super::table::NO_ROWS).at(header_line + 1, 1))
        }
        _ => {}
    }
    if problems.is_empty() && !repeated.is_empty() {
        problems.extend(duplicate_ids(path, opts, &repeated)?);
    }
    if !problems.is_empty() {
        if problems.len() >= MAX_PROBLEMS {
            problems.push(Problem::new(
                &name,
                format!("stopped after {MAX_PROBLEMS} problems; fix these first"),
            ));
        }
        return Err(DataError::Invalid(problems));
    }
    Ok(TableCheck {
        rows,
        needs_normalising: false,
    })
}

/// The second pass: only ids whose hash was seen twice are kept, with their lines,
/// to tell true duplicates from hash collisions.
pub(crate) fn duplicate_ids(
    path: &Path,
    opts: &LoadOptions,
    repeated: &HashSet<u64>,
) -> Result<Vec<Problem>, DataError> {
    let name = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(opts.delimiter)
        .from_reader(LineEnds::new(BufReader::with_capacity(
            1 << 20,
            regular_file(path)?,
        )));
    let id_col = reader
        .byte_headers()
        .map(|h| h.iter().position(|c| c == b"id").unwrap_or(0))
        .unwrap_or(0);
    let mut first: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut problems = Vec::new();
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        // Asked of every record, so that the line ends behind it are let go.
        let line = record.position().map_or(0, |p| reader.get_mut().line(p));
        let id = record.get(id_col).unwrap_or_default();
        if !repeated.contains(&id_hash(id)) {
            continue;
        }
        match first.get(id) {
            Some(prev) => problems.push(
                Problem::new(
                    &name,
                    format!(
                        "duplicate id '{}' (first on {name}:{prev})",
                        String::from_utf8_lossy(id)
                    ),
                )
                .at(line, id_col + 1)
                .field("id"),
            ),
            None => {
                first.insert(id.to_vec(), line);
            }
        }
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
    }
    Ok(problems)
}

/// Rows read from a Parquet table at a time.
const PARQUET_SLICE: usize = 100_000;

/// Checks a Parquet observation table slice by slice without keeping it, with the
/// loader's rules and messages (positions are rows, counting the header as line 1);
/// every valid observation is handed to `each`.
pub fn check_parquet(
    path: &Path,
    mut each: impl FnMut(super::Observation),
) -> Result<TableCheck, DataError> {
    use polars::prelude::*;
    let name = path.display().to_string();
    let file: Arc<str> = Arc::from(name.as_str());
    let unreadable = |e: PolarsError| {
        DataError::Invalid(vec![Problem::new(
            &name,
            format!("unreadable Parquet file: {e}"),
        )])
    };
    let rows = ParquetReader::new(regular_file(path)?)
        .num_rows()
        .map_err(unreadable)?;
    let spec = ColumnSpec {
        known: &OBSERVATION_COLUMNS,
        required: &REQUIRED_COLUMNS,
    };
    let vocab = Vocabulary::open();
    let mut problems: Vec<Problem> = Vec::new();
    let mut seen: HashSet<u64> = HashSet::new();
    let mut repeated: HashSet<u64> = HashSet::new();
    let mut header: Vec<String> = Vec::new();
    let mut columns: Option<Arc<[usize]>> = None;
    let mut offset = 0;
    loop {
        let n = PARQUET_SLICE.min(rows - offset);
        let df = ParquetReader::new(regular_file(path)?)
            .with_slice(Some((offset, n)))
            .finish()
            .map_err(unreadable)?;
        if header.is_empty() {
            header = df
                .get_column_names()
                .iter()
                .map(|s| s.to_string())
                .collect();
        }
        let structural = super::table::read_frame(&name, &df, offset, &spec, |row| {
            let columns = columns.get_or_insert_with(|| {
                (0..OBSERVATION_COLUMNS.len())
                    .map(|i| row.column(i))
                    .collect()
            });
            match parse_observation(&file, row, &vocab, &[], columns) {
                Ok(o) => {
                    let h = id_hash(o.id.as_bytes());
                    if !seen.insert(h) {
                        repeated.insert(h);
                    }
                    if problems.is_empty() {
                        each(o);
                    }
                }
                Err(mut ps) => problems.append(&mut ps),
            }
        });
        // A header problem would repeat with every slice: one report is enough.
        let structural_failed = !structural.is_empty();
        problems.extend(structural);
        offset += n;
        if structural_failed || offset >= rows || problems.len() >= MAX_PROBLEMS {
            break;
        }
    }
    if problems.is_empty() && !repeated.is_empty() {
        // The second pass reads the ids again, one slice at a time.
        let mut first: HashMap<String, u64> = HashMap::new();
        let mut offset = 0;
        while offset < rows && problems.len() < MAX_PROBLEMS {
            let n = PARQUET_SLICE.min(rows - offset);
            let df = ParquetReader::new(regular_file(path)?)
                .with_slice(Some((offset, n)))
                .finish()
                .map_err(unreadable)?;
            let ids = df
                .column("id")
                .and_then(|c| c.cast(&DataType::String))
                .map_err(unreadable)?;
            let ids = ids.str().map_err(unreadable)?;
            for (i, id) in ids.iter().enumerate() {
                let id = id.unwrap_or_default();
                if !repeated.contains(&id_hash(id.as_bytes())) {
                    continue;
                }
                let line = (offset + i) as u64 + 2;
                match first.get(id) {
                    Some(prev) => problems.push(
                        Problem::new(
                            &name,
                            format!("duplicate id '{id}' (first on {name}:{prev})"),
                        )
                        .at(line, header.iter().position(|h| h == "id").unwrap_or(0) + 1)
                        .field("id"),
                    ),
                    None => {
                        first.insert(id.to_string(), line);
                    }
                }
            }
            offset += n;
        }
    }
    if !problems.is_empty() {
        return Err(DataError::Invalid(problems));
    }
    Ok(TableCheck {
        rows: rows as u64,
        needs_normalising: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &[u8]) -> Result<TableCheck, Vec<String>> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        std::fs::write(&p, text).unwrap();
        check_csv(&p, &LoadOptions::default(), |_| {}).map_err(|e| match e {
            DataError::Invalid(ps) => ps
                .iter()
                .map(|p| p.to_string().replace(&*p.file, "t.csv"))
                .collect(),
            DataError::Io { source, .. } => vec![source.to_string()],
        })
    }

    const HEADER: &str = "id,date,period_start,period_end,authority,region,metric,category,entity,value,value_max,qualifier,unit,basis,quote,source,note";

    #[test]
    fn the_same_messages_as_the_loader() {
        let ok = format!("{HEADER}\na,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\n");
        assert_eq!(check(ok.as_bytes()).unwrap().rows, 1);
        let bad = format!("{HEADER}\na,2014-02-30,,,O,national,m,,,1,,exact,count,event,q,s,\n");
        assert_eq!(
            check(bad.as_bytes()).unwrap_err(),
            ["t.csv:2:2: field 'date': '2014-02-30' does not exist: 2014-02 has 28 days"]
        );
        let dup = format!("{HEADER}\na,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\na,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\n");
        assert_eq!(
            check(dup.as_bytes()).unwrap_err(),
            ["t.csv:3:1: field 'id': duplicate id 'a' (first on t.csv:2)"]
        );
        let open =
            format!("{HEADER}\na,2014-04-17,,,O,national,m,,,1,,exact,count,event,\"q,s,\nb\n");
        assert_eq!(
            check(open.as_bytes()).unwrap_err(),
            ["t.csv:2:15: a quoted field opens here and is never closed"]
        );
        assert_eq!(
            check(b"").unwrap_err(),
            ["t.csv: the file is empty: expected a header line"]
        );
        assert_eq!(
            check(format!("\n{HEADER}\n\n").as_bytes()).unwrap_err(),
            [format!("t.csv:3:1: {}", super::super::table::NO_ROWS)]
        );
    }

    /// Regression: a problem after empty lines was reported on the line the `csv`
    /// crate counts, which leaves the empty lines out; the first line of a duplicate
    /// id too.
    #[test]
    fn problems_are_on_their_lines_after_empty_lines() {
        let good = "a,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,";
        let bad = "b,2014-02-30,,,O,national,m,,,1,,exact,count,event,q,s,";
        // A quote over two lines, two empty lines, then the bad row on line 6.
        let two_lines = good.replace(",q,", ",\"two\nlines\",");
        let lf = format!("{HEADER}\n{two_lines}\n\n\n{bad}\n");
        let date = "t.csv:6:2: field 'date': '2014-02-30' does not exist: 2014-02 has 28 days";
        assert_eq!(check(lf.as_bytes()).unwrap_err(), [date]);
        // CRLF line ends (the quoted newline stays LF, as spreadsheets write it).
        let crlf = lf
            .replace('\n', "\r\n")
            .replace("two\r\nlines", "two\nlines");
        assert_eq!(check(crlf.as_bytes()).unwrap_err(), [date]);
        let dup = format!("\n{HEADER}\n\n{good}\n\n\n{good}\n");
        assert_eq!(
            check(dup.as_bytes()).unwrap_err(),
            ["t.csv:7:1: field 'id': duplicate id 'a' (first on t.csv:4)"]
        );
        assert_eq!(
            check(dup.replace('\n', "\r\n").as_bytes()).unwrap_err(),
            ["t.csv:7:1: field 'id': duplicate id 'a' (first on t.csv:4)"]
        );
    }

    /// The exact path and the in-memory loader place every problem on the same line,
    /// whatever the empty lines and line ends.
    #[test]
    fn problems_are_placed_as_the_loader_places_them() {
        let good = "a,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,";
        let tables = [
            format!(
                "{HEADER}\n\n{good}\n\n\n{}\n",
                good.replace("a,", "b,").replace(",1,", ",-1,")
            ),
            format!(
                "\n\n{HEADER}\n{good}\n\n{}\nc,x\n",
                good.replace("a,", "b,").replace(",q,", ",\"q\n\nq\",")
            ),
            format!(
                "{HEADER}\r\n\r\n{good}\r\n\r\n{}\r\n",
                good.replace("a,", "b,").replace("exact", "exactly")
            ),
            format!("{HEADER}\n{good}\n\n{good}\n"),
        ];
        for table in tables {
            let loaded = {
                let dir = tempfile::tempdir().unwrap();
                let p = dir.path().join("t.csv");
                std::fs::write(&p, &table).unwrap();
                match super::super::load(
                    &super::super::DataSource::Table(p),
                    &LoadOptions::default(),
                ) {
                    Err(DataError::Invalid(ps)) => ps
                        .iter()
                        .map(|p| p.to_string().replace(&*p.file, "t.csv"))
                        .collect::<Vec<_>>(),
                    _ => panic!("the loader does not reject {table:?}"),
                }
            };
            assert_eq!(check(table.as_bytes()).unwrap_err(), loaded, "{table:?}");
        }
    }

    #[test]
    fn parquet_duplicates_and_row_positions() {
        use polars::prelude::ParquetWriter;
        let mut rows: Vec<super::super::Observation> =
            super::super::synthetic::Synthetic::new(1).take(5).collect();
        rows[4].id = rows[1].id.clone();
        let mut df = super::super::frame::observations_frame(&rows).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.parquet");
        ParquetWriter::new(std::fs::File::create(&p).unwrap())
            .finish(&mut df)
            .unwrap();
        let mut seen = 0;
        let err = check_parquet(&p, |_| seen += 1).unwrap_err();
        let DataError::Invalid(ps) = err else {
            panic!("not a data error")
        };
        assert_eq!(ps.len(), 1);
        assert_eq!((ps[0].line, ps[0].field.as_deref()), (Some(6), Some("id")));
        assert!(ps[0].reason.contains("(first on"), "{}", ps[0]);
        assert_eq!(seen, 5);
    }

    #[test]
    fn bom_and_cr_are_flagged_for_the_in_memory_path() {
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(
            format!("{HEADER}\na,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\n")
                .as_bytes(),
        );
        assert!(check(&bom).unwrap().needs_normalising);
        let cr = format!("{HEADER}\ra,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\r");
        assert!(check(cr.as_bytes()).unwrap().needs_normalising);
        // A CRLF right after a closing quote is a line end, not a CR inside quotes.
        let crlf =
            format!("{HEADER}\r\na,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\"n\"\r\n");
        assert!(!check(crlf.as_bytes()).unwrap().needs_normalising);
        let inside =
            format!("{HEADER}\na,2014-04-17,,,O,national,m,,,1,,exact,count,event,\"q\r\nr\",s,\n");
        assert!(check(inside.as_bytes()).unwrap().needs_normalising);
    }
}
