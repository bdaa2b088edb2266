//! Reading one table (CSV or Parquet) into rows of text with exact positions.
//!
//! The `csv` crate is lenient where a careful reader must not be: an unterminated
//! quote swallows the rest of the file, NUL bytes pass, empty files read as zero rows,
//! and field numbers in its errors are 0-based. So the bytes are checked first
//! (encoding, NULs, quotes, line endings) and every row is checked for its width,
//! and every problem names the file, the 1-based line and column, and the field.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::Read;

use super::Problem;

/// The problem of a table with a header and no rows, which says what to do.
pub const NO_ROWS: &str = "the table has a header but no rows: add one row per published figure";

/// The columns a table may have and the ones it must have.
pub struct ColumnSpec<'a> {
    pub known: &'a [&'a str],
    pub required: &'a [&'a str],
}

/// How to read a CSV file.
#[derive(Debug, Clone, Copy)]
pub struct CsvOptions {
    pub delimiter: u8,
    /// Longest field accepted, in characters.
    pub max_field_len: usize,
}

/// One data row: its line, its cells, and where each known column sits.
pub struct Row<'a> {
    pub line: u64,
    cells: &'a csv::StringRecord,
    map: &'a [Option<usize>],
}

impl<'a> Row<'a> {
    pub(super) fn new(
        line: u64,
        cells: &'a csv::StringRecord,
        map: &'a [Option<usize>],
    ) -> Row<'a> {
        Row { line, cells, map }
    }

    /// The cell of known column `i` ("" when the table has no such column).
    pub fn get(&self, i: usize) -> &str {
        self.map[i]
            .and_then(|c| self.cells.get(c))
            .unwrap_or_default()
    }

    /// 1-based column of known column `i` (the column after the last when absent).
    pub fn column(&self, i: usize) -> usize {
        self.map[i].map_or(self.map.len() + 1, |c| c + 1)
    }
}

/// Reads a CSV table from `bytes`, calling `on_row` for every well-formed row. Returns
/// every structural problem (encoding, header, width); `on_row` reports its own.
pub fn read_csv(
    file: &str,
    bytes: &[u8],
    spec: &ColumnSpec<'_>,
    opts: CsvOptions,
    mut on_row: impl FnMut(&Row<'_>),
) -> Vec<Problem> {
    let text = match check_bytes(file, bytes) {
        Ok(t) => t,
        Err(p) => return vec![p],
    };
    if let Err(p) = check_quotes(file, &text, opts.delimiter) {
        return vec![p];
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(opts.delimiter)
        .from_reader(LineEnds::new(text.as_ref()));
    let mut problems = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut header: Option<(Vec<Option<usize>>, usize)> = None;
    let mut rows = 0u64;
    let mut header_line = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(1, |p| reader.get_mut().line(p));
                problems.push(Problem::new(file, format!("unreadable CSV: {e}")).at(line, 1));
                break;
            }
        }
        let line = record.position().map_or(0, |p| reader.get_mut().line(p));
        if let Some(p) = long_field(file, line, &record, opts.max_field_len) {
            problems.push(p);
            continue;
        }
        match &header {
            None => match check_header(file, line, &record, spec, opts.delimiter) {
                Ok(map) => {
                    header = Some((map, record.len()));
                    header_line = line;
                }
                Err(mut ps) => {
                    problems.append(&mut ps);
                    return problems;
                }
            },
            Some((map, width)) => {
                rows += 1;
                if record.len() != *width {
                    let (col, what) = if record.len() > *width {
                        (*width + 1, "an extra field")
                    } else {
                        (record.len() + 1, "a missing field")
                    };
                    problems.push(
                        Problem::new(
                            file,
                            format!(
                                "row has {} fields but the header has {width} ({what})",
                                record.len()
                            ),
                        )
                        .at(line, col),
                    );
                    continue;
                }
                on_row(&Row {
                    line,
                    cells: &record,
                    map,
                });
            }
        }
    }
    match header {
        None => problems.push(Problem::new(
            file,
            "the file is empty: expected a header line",
        )),
        Some(_) if rows == 0 => problems.push(Problem::new(file, NO_ROWS).at(header_line + 1, 1)),
        Some(_) => {}
    }
    problems
}

/// Passes a CSV text on to a `csv` reader and tells the line of the file where each
/// record it returns starts.
///
/// The `csv` crate's own line numbers leave out the empty lines it skips: a record's
/// position is where the record before it ended, with the line counted there. So this
/// reader notes the runs of line-end bytes that go by, and a record starts on the
/// line after every line end before its first byte (the first byte from its position
/// on that ends no line). LF, CRLF and a lone CR end one line each, as [`read_csv`]
/// reads them. Only the runs past the last record asked about are kept (those the
/// `csv` reader has read ahead), so memory stays small on a file of any size when
/// every record is asked about.
pub(super) struct LineEnds<R> {
    inner: R,
    /// Bytes read so far.
    read: u64,
    /// Runs of CR and LF bytes not yet behind a record asked about: their first byte,
    /// the byte after them, and the line ends they hold.
    runs: VecDeque<(u64, u64, u64)>,
    /// The byte after the last CR read (an LF there ends no further line).
    after_cr: Option<u64>,
    /// Line ends before the last record asked about.
    before: u64,
}

impl<R> LineEnds<R> {
    pub(super) fn new(inner: R) -> LineEnds<R> {
        LineEnds {
            inner,
            read: 0,
            runs: VecDeque::new(),
            after_cr: None,
            before: 0,
        }
    }

    /// The 1-based line where the record at `position` starts. Records are asked
    /// about in the order they were read.
    pub(super) fn line(&mut self, position: &csv::Position) -> u64 {
        let at = position.byte();
        // A run that starts at or before the position holds the line end of the
        // record before and the empty lines after it: the record starts after it.
        while let Some(&(start, _, ends)) = self.runs.front() {
            if start > at {
                break;
            }
            self.before += ends;
            self.runs.pop_front();
        }
        self.before + 1
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for i in memchr::memchr2_iter(b'\n', b'\r', &buf[..n]) {
            let at = self.read + i as u64;
            let ends = u64::from(buf[i] == b'\r' || self.after_cr != Some(at));
            if buf[i] == b'\r' {
                self.after_cr = Some(at + 1);
            }
            match self.runs.back_mut() {
                Some(run) if run.1 == at => {
                    run.1 += 1;
                    run.2 += ends;
                }
                _ => self.runs.push_back((at, at + 1, ends)),
            }
        }
        self.read += n as u64;
        Ok(n)
    }
}

/// Reads a Parquet table, presenting each row as text the way a CSV row would be.
/// Positions are 1-based row numbers, counting the header as line 1 so that a row's
/// "line" is the one it would have in the same table written as CSV.
pub fn read_parquet(
    file: &str,
    bytes: &[u8],
    spec: &ColumnSpec<'_>,
    on_row: impl FnMut(&Row<'_>),
) -> Vec<Problem> {
    use polars::prelude::*;
    let df = match ParquetReader::new(std::io::Cursor::new(bytes)).finish() {
        Ok(df) => df,
        Err(e) => return vec![Problem::new(file, format!("unreadable Parquet file: {e}"))],
    };
    read_frame(file, &df, 0, spec, on_row)
}

/// Presents each row of a polars frame as text, the way a CSV row would be.
/// `first_row` is the 0-based row of the table the frame starts at (frames may be
/// slices of a larger table).
pub fn read_frame(
    file: &str,
    df: &polars::prelude::DataFrame,
    first_row: usize,
    spec: &ColumnSpec<'_>,
    mut on_row: impl FnMut(&Row<'_>),
) -> Vec<Problem> {
    use polars::prelude::*;
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let header = csv::StringRecord::from(names);
    let map = match check_header(file, 1, &header, spec, b',') {
        Ok(m) => m,
        Err(ps) => return ps,
    };
    if df.height() == 0 {
        return vec![Problem::new(file, NO_ROWS).at(2, 1)];
    }
    let mut columns = Vec::new();
    for c in df.columns() {
        match c.cast(&DataType::String) {
            Ok(s) => columns.push(s),
            Err(e) => {
                return vec![
                    Problem::new(file, format!("column cannot be read as text: {e}"))
                        .field(c.name()),
                ]
            }
        }
    }
    let mut texts = Vec::new();
    for c in &columns {
        match c.str() {
            Ok(ca) => texts.push(ca.clone()),
            Err(e) => return vec![Problem::new(file, format!("{e}")).field(c.name())],
        }
    }
    let mut record = csv::StringRecord::new();
    for row in 0..df.height() {
        record.clear();
        for t in &texts {
            record.push_field(t.get(row).unwrap_or_default());
        }
        on_row(&Row {
            line: (first_row + row) as u64 + 2,
            cells: &record,
            map: &map,
        });
    }
    Vec::new()
}

/// Encoding and line endings: UTF-8 (a BOM is dropped), no NUL bytes, and CR or CRLF
/// line ends read exactly like LF.
fn check_bytes<'b>(file: &str, bytes: &'b [u8]) -> Result<Cow<'b, [u8]>, Problem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problem::new(
            file,
            "the file is UTF-16: save it as UTF-8 (CSV UTF-8 in a spreadsheet)",
        )
        .at(1, 1));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(at) = body.iter().position(|b| *b == 0) {
        let (line, col) = position_of(body, at);
        return Err(
            Problem::new(file, "NUL byte in the file: is it a CSV text file?").at(line, col),
        );
    }
    if let Err(e) = std::str::from_utf8(body) {
        let at = e.valid_up_to();
        let (line, col) = position_of(body, at);
        return Err(Problem::new(
            file,
            format!(
                "not valid UTF-8 (byte 0x{:02X}): save the file as UTF-8",
                body[at]
            ),
        )
        .at(line, col));
    }
    if !body.contains(&b'\r') {
        return Ok(Cow::Borrowed(body));
    }
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'\r' {
            out.push(b'\n');
            if body.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(body[i]);
        }
        i += 1;
    }
    Ok(Cow::Owned(out))
}

/// Line and column (1-based, in characters) of byte offset `at`.
fn position_of(bytes: &[u8], at: usize) -> (u64, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// Finds a quoted field that never closes and names the line where it opened: the
/// `csv` crate would silently read the rest of the file into that one field.
fn check_quotes(file: &str, bytes: &[u8], delimiter: u8) -> Result<(), Problem> {
    let mut line = 1u64;
    let mut field_start = true;
    let mut open: Option<(u64, usize)> = None;
    let mut col = 1usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match open {
            Some(_) => {
                if b == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        open = None;
                    }
                } else if b == b'\n' {
                    line += 1;
                }
            }
            None => {
                if b == b'"' && field_start {
                    open = Some((line, col));
                }
                field_start = b == delimiter || b == b'\n';
                if b == delimiter {
                    col += 1;
                }
                if b == b'\n' {
                    line += 1;
                    col = 1;
                }
            }
        }
        i += 1;
    }
    match open {
        Some((l, c)) => {
            Err(Problem::new(file, "a quoted field opens here and is never closed").at(l, c))
        }
        None => Ok(()),
    }
}

pub(super) fn long_field(
    file: &str,
    line: u64,
    record: &csv::StringRecord,
    max: usize,
) -> Option<Problem> {
    record.iter().enumerate().find_map(|(i, cell)| {
        // Bytes bound characters from above, so the count is only paid on long cells.
        (cell.len() > max && cell.chars().count() > max).then(|| {
            Problem::new(
                file,
                format!(
                    "the field is {} characters long; the limit is {max} (raise it with --max-field-length)",
                    cell.chars().count()
                ),
            )
            .at(line, i + 1)
        })
    })
}

pub(super) fn check_header(
    file: &str,
    line: u64,
    header: &csv::StringRecord,
    spec: &ColumnSpec<'_>,
    delimiter: u8,
) -> Result<Vec<Option<usize>>, Vec<Problem>> {
    let mut problems = Vec::new();
    if header.len() == 1 {
        let only = header.get(0).unwrap_or_default();
        for (d, name) in [(b';', "';'"), (b'\t', "tab"), (b'|', "'|'"), (b',', "','")] {
            if d != delimiter && only.as_bytes().contains(&d) {
                let flag = if d == b'\t' { "'\\t'" } else { name };
                return Err(vec![Problem::new(
                    file,
                    format!(
                        "the header is a single column that contains {name}: the file looks {name}-delimited; pass --delimiter {flag}"
                    ),
                )
                .at(line, 1)]);
            }
        }
    }
    let mut map = vec![None; spec.known.len()];
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim();
        let col = i + 1;
        if name.is_empty() {
            problems.push(Problem::new(file, "blank column name in the header").at(line, col));
            continue;
        }
        match spec.known.iter().position(|k| *k == name) {
            Some(k) => {
                if let Some(first) = map[k] {
                    problems.push(
                        Problem::new(
                            file,
                            format!("duplicate column (also column {})", first + 1),
                        )
                        .at(line, col)
                        .field(name),
                    );
                } else {
                    map[k] = Some(i);
                }
            }
            None => {
                let hint = closest(name, spec.known)
                    .map(|c| format!(" (did you mean '{c}'?)"))
                    .unwrap_or_default();
                problems.push(
                    Problem::new(file, format!("unknown column{hint}"))
                        .at(line, col)
                        .field(&super::date::short(name)),
                );
            }
        }
    }
    for (k, name) in spec.known.iter().enumerate() {
        if map[k].is_none() && spec.required.contains(name) {
            problems.push(
                Problem::new(file, "required column is missing from the header")
                    .at(line, header.len() + 1)
                    .field(name),
            );
        }
    }
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(problems)
    }
}

/// The known name nearest to a misspelling, when it is near enough to suggest.
fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

/// Edit distance counting a swap of neighbours as one edit ("qoute" is one from
/// "quote"), the commonest typing slip.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: ColumnSpec<'static> = ColumnSpec {
        known: &["id", "value"],
        required: &["id", "value"],
    };
    const OPTS: CsvOptions = CsvOptions {
        delimiter: b',',
        max_field_len: 100,
    };

    fn rows(bytes: &[u8]) -> (Vec<(u64, String, String)>, Vec<String>) {
        let mut out = Vec::new();
        let problems = read_csv("t.csv", bytes, &SPEC, OPTS, |r| {
            out.push((r.line, r.get(0).to_string(), r.get(1).to_string()))
        });
        (out, problems.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn crlf_and_cr_read_like_lf() {
        let lf = rows(b"id,value\na,1\nb,2\n");
        assert_eq!(rows(b"id,value\r\na,1\r\nb,2\r\n"), lf);
        assert_eq!(rows(b"id,value\ra,1\rb,2\r"), lf);
        assert_eq!(rows(b"\xEF\xBB\xBFid,value\na,1\nb,2\n"), lf);
        assert_eq!(lf.0[1].0, 3);
    }

    /// The line each record of `bytes` starts on, read through [`LineEnds`] from a
    /// source that hands over `chunk` bytes at a time (so that runs of line ends, and
    /// a CRLF, are split between reads).
    fn record_lines(bytes: &[u8], chunk: usize) -> Vec<(u64, String)> {
        struct Chunks<'a>(&'a [u8], usize);
        impl Read for Chunks<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineEnds::new(Chunks(bytes, chunk)));
        let mut out = Vec::new();
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let line = reader.get_mut().line(record.position().unwrap());
            out.push((line, String::from_utf8_lossy(&record[0]).into_owned()));
        }
        out
    }

    #[test]
    fn records_start_on_the_physical_line_whatever_the_line_ends() {
        // A text, and the line and first field of each of its records.
        type Case<'a> = (&'a [u8], &'a [(u64, &'a str)]);
        let cases: [Case; 8] = [
            (b"a\nb\n", &[(1, "a"), (2, "b")]),
            (b"\n\na\n\n\nb", &[(3, "a"), (6, "b")]),
            (b"a\r\n\r\nb\r\n", &[(1, "a"), (3, "b")]),
            (b"a\r\rb\r", &[(1, "a"), (3, "b")]),
            // LF, CRLF and CR: three line ends.
            (b"a\n\r\n\rb", &[(1, "a"), (4, "b")]),
            // Line ends inside quotes, empty lines among them.
            (b"\"a\n\nb\"\n\nc\n", &[(1, "a\n\nb"), (5, "c")]),
            (b"x,\"a\r\n\"\r\n\r\n\"c\"\n", &[(1, "x"), (4, "c")]),
            (b"\r\n\r\n", &[]),
        ];
        for (bytes, want) in cases {
            let want: Vec<(u64, String)> = want.iter().map(|(l, t)| (*l, t.to_string())).collect();
            for chunk in 1..=bytes.len().max(1) {
                assert_eq!(
                    record_lines(bytes, chunk),
                    want,
                    "{:?} read {chunk} bytes at a time",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }

    /// Regression: a row after empty lines was placed on the line the `csv` crate
    /// counts, which leaves the empty lines out (line 3 for a row on line 5).
    #[test]
    fn rows_and_problems_are_on_their_lines_after_empty_lines() {
        let lf = "\n\nid,value\na,1\n\n\n\"b\nc\",2\n\nd\n";
        let (found, problems) = rows(lf.as_bytes());
        assert_eq!(
            found,
            [
                (4, "a".to_string(), "1".to_string()),
                (7, "b\nc".to_string(), "2".to_string())
            ]
        );
        assert_eq!(
            problems,
            ["t.csv:10:2: row has 1 fields but the header has 2 (a missing field)"]
        );
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        assert_eq!(rows(crlf.as_bytes()), (found.clone(), problems.clone()));
        assert_eq!(rows(cr.as_bytes()), (found, problems));
        let (_, p) = rows(b"\r\n\r\nid,valu\r\na,1\r\n");
        assert_eq!(
            p[0],
            "t.csv:3:2: field 'valu': unknown column (did you mean 'value'?)"
        );
    }

    #[test]
    fn unterminated_quote_names_the_opening_line() {
        let (_, p) = rows(b"id,value\na,1\n\"b,2\nc,3\n");
        assert_eq!(
            p,
            ["t.csv:3:1: a quoted field opens here and is never closed"]
        );
    }

    #[test]
    fn encoding_problems_have_positions() {
        let (_, p) = rows(b"id,value\na,1\nb\xE9,2\n");
        assert_eq!(
            p,
            ["t.csv:3:2: not valid UTF-8 (byte 0xE9): save the file as UTF-8"]
        );
        let (_, p) = rows(b"id,value\na,\x001\n");
        assert_eq!(
            p,
            ["t.csv:2:3: NUL byte in the file: is it a CSV text file?"]
        );
        let (_, p) = rows(b"\xFF\xFEi\x00d\x00");
        assert!(p[0].contains("UTF-16"), "{p:?}");
    }

    #[test]
    fn header_problems() {
        let (_, p) = rows(b"id,valu\na,1\n");
        assert_eq!(
            p,
            [
                "t.csv:1:2: field 'valu': unknown column (did you mean 'value'?)",
                "t.csv:1:3: field 'value': required column is missing from the header"
            ]
        );
        let (_, p) = rows(b"id,value,id\na,1,b\n");
        assert_eq!(
            p,
            ["t.csv:1:3: field 'id': duplicate column (also column 1)"]
        );
        let (_, p) = rows(b"id;value\na;1\n");
        assert!(p[0].contains("--delimiter ';'"), "{p:?}");
    }

    #[test]
    fn empty_and_header_only() {
        assert_eq!(
            rows(b"").1,
            ["t.csv: the file is empty: expected a header line"]
        );
        assert_eq!(
            rows(b"\n\n\n").1,
            ["t.csv: the file is empty: expected a header line"]
        );
        assert_eq!(rows(b"id,value\n").1, [format!("t.csv:2:1: {NO_ROWS}")]);
        assert_eq!(
            rows(b"\n\nid,value\n\n").1,
            [format!("t.csv:4:1: {NO_ROWS}")]
        );
    }

    #[test]
    fn width_problems() {
        let (_, p) = rows(b"id,value\na,1,x\nb\n");
        assert_eq!(
            p,
            [
                "t.csv:2:3: row has 3 fields but the header has 2 (an extra field)",
                "t.csv:3:2: row has 1 fields but the header has 2 (a missing field)"
            ]
        );
    }

    #[test]
    fn long_fields_are_refused() {
        let mut data = b"id,value\n".to_vec();
        data.extend(std::iter::repeat_n(b'x', 101));
        data.extend(b",1\n");
        let (_, p) = rows(&data);
        assert!(
            p[0].starts_with("t.csv:2:1: the field is 101 characters long"),
            "{p:?}"
        );
    }
}
