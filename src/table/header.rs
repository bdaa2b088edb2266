//! The header of a table: for CSV, where it ends, how lines end and what it names;
//! for every format, that its names are the schema's, each once, with the required
//! ones present and a near miss named.

use super::text::line_ends_outside_quotes;
use super::{short, Options, Problem, Schema};

/// The reason given for a column the schema requires and the header lacks.
pub const MISSING_COLUMN: &str = "required column is missing from the header";

/// The problem of a table with a header and no rows, which says what to do.
pub const NO_ROWS: &str = "the table has a header but no rows: add one row per published figure";

/// The header of a CSV table, and how the rest of the file is to be read.
#[derive(Debug)]
pub(super) struct Header {
    /// Table column (0-based) of each known column.
    pub map: Vec<Option<usize>>,
    /// Fields in a record.
    pub width: usize,
    /// Bytes before the first record: a byte-order mark, empty lines, the header.
    pub len: usize,
    /// Lines before the first record.
    pub lines: u64,
    /// The byte that ends a line: `\n` (LF or CRLF files) or `\r` (CR files).
    pub newline: u8,
}

/// What the first bytes of a CSV table say.
pub(super) enum Head {
    Header(Header),
    /// The header does not end within these bytes: read more.
    More,
    Problems(Vec<Problem>),
}

/// Reads the header from the first bytes of a table (`eof`: they are all of it).
pub(super) fn read_csv_header(
    name: &str,
    first: &[u8],
    eof: bool,
    schema: &Schema<'_>,
    opts: &Options,
) -> Head {
    let problem = |line: u64, column: usize, reason: &str| {
        Head::Problems(vec![Problem::new(name, reason).at(line, column)])
    };
    let (at, line, end) = match header_record(name, first, eof, opts.delimiter) {
        Ok(Some(found)) => found,
        Ok(None) => return Head::More,
        Err(p) => return Head::Problems(p),
    };
    if end == first.len() {
        // A header with no rows after it, and no line end.
        return match header_names(name, line, &first[at..], schema, opts) {
            Ok(_) => problem(line + 1, 1, NO_ROWS),
            Err(p) => Head::Problems(p),
        };
    }
    let (newline, after) = match (first[end], first.get(end + 1)) {
        (b'\r', Some(b'\n')) => (b'\n', end + 2),
        (b'\r', None) if !eof => return Head::More,
        (b'\r', _) => (b'\r', end + 1),
        _ => (b'\n', end + 1),
    };
    let record = &first[at..end];
    match header_names(name, line, record, schema, opts) {
        Ok((map, width)) => Head::Header(Header {
            map,
            width,
            len: after,
            lines: line + record.iter().filter(|&&b| b == newline).count() as u64,
            newline,
        }),
        Err(p) => Head::Problems(p),
    }
}

/// Where the header record sits in the first bytes of a table: its start, its line
/// and its end (the first line end outside quotes, or the end of the bytes when they
/// are all of the table); `None` when more bytes are needed.
fn header_record(
    name: &str,
    first: &[u8],
    eof: bool,
    delimiter: u8,
) -> Result<Option<(usize, u64, usize)>, Vec<Problem>> {
    if first.starts_with(&[0xFF, 0xFE]) || first.starts_with(&[0xFE, 0xFF]) {
        return Err(vec![Problem::new(
            name,
            "the file is UTF-16: save it as UTF-8 (CSV UTF-8 in a spreadsheet)",
        )
        .at(1, 1)]);
    }
    let bom = if first.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    // Empty lines before the header are skipped, as after it.
    let mut at = bom;
    let mut line = 1u64;
    while let Some(&b) = first.get(at) {
        match b {
            b'\n' => line += 1,
            b'\r' if first.get(at + 1) == Some(&b'\n') => {}
            b'\r' => line += 1,
            _ => break,
        }
        at += 1;
    }
    if at == first.len() {
        if !eof {
            return Ok(None);
        }
        return Err(vec![Problem::new(
            name,
            "the file is empty: expected a header line",
        )]);
    }
    match line_ends_outside_quotes(&first[at..], delimiter, |b| matches!(b, b'\n' | b'\r')).next() {
        Some(end) => Ok(Some((at, line, at + end))),
        None if eof => Ok(Some((at, line, first.len()))),
        None => Ok(None),
    }
}

/// The column names of a delimited table from its first bytes (all of it, or at
/// least its header), as the reader reads them, trimmed.
pub(super) fn column_names(
    name: &str,
    first: &[u8],
    opts: &Options,
) -> Result<Vec<String>, Vec<Problem>> {
    let Some((at, line, end)) = header_record(name, first, true, opts.delimiter)? else {
        return Ok(Vec::new());
    };
    Ok(split_names(name, line, &first[at..end], opts)?
        .into_iter()
        .map(|n| n.trim().to_string())
        .collect())
}

/// The names of the header record `record` (without its line end), each valid text.
fn split_names(
    name: &str,
    line: u64,
    record: &[u8],
    opts: &Options,
) -> Result<Vec<String>, Vec<Problem>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(opts.delimiter)
        .from_reader(record);
    let mut cells = csv::ByteRecord::new();
    let read = reader.read_byte_record(&mut cells);
    if !matches!(read, Ok(true)) || reader.position().byte() as usize != record.len() {
        return Err(vec![Problem::new(
            name,
            "the header cannot be read as one CSV record: check its quotes",
        )
        .at(line, 1)]);
    }
    let mut names = Vec::with_capacity(cells.len());
    let mut problems = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let at = |reason: String| Problem::new(name, reason).at(line, i + 1);
        match std::str::from_utf8(cell) {
            Err(e) => problems.push(at(format!(
                "not valid UTF-8 (byte 0x{:02X}): save the file as UTF-8",
                cell[e.valid_up_to()]
            ))),
            Ok(text) => {
                if let Some(c) = text.chars().find(|&c| is_control(c)) {
                    problems.push(at(control_reason(c)));
                } else if text.len() > opts.max_field_len
                    && text.chars().count() > opts.max_field_len
                {
                    problems.push(at(too_long(text.chars().count(), opts.max_field_len)));
                }
                names.push(text.to_string());
            }
        }
    }
    crate::unless(problems, names)
}

/// The names in the header record `record` (without its line end), checked.
fn header_names(
    name: &str,
    line: u64,
    record: &[u8],
    schema: &Schema<'_>,
    opts: &Options,
) -> Result<(Vec<Option<usize>>, usize), Vec<Problem>> {
    let names = split_names(name, line, record, opts)?;
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let delimiter = (!opts.sheet).then_some(opts.delimiter);
    let map = check_header(name, line, &refs, schema, delimiter)?;
    Ok((map, names.len()))
}

/// Whether `c` is a control character no text cell may hold: C0 controls other than
/// tab and line ends, DEL, and the C1 controls.
pub(super) fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// The problem of a cell that holds control character `c`.
pub(super) fn control_reason(c: char) -> String {
    let what = match c {
        '\0' => "a NUL byte: is it a text file?".to_string(),
        c => format!("control character U+{:04X}", u32::from(c)),
    };
    format!("the text holds {what}; remove it")
}

/// The problem of a cell over the length limit.
pub(super) fn too_long(chars: usize, max: usize) -> String {
    format!(
        "the field is {chars} characters long; the limit is {max} (raise it with --max-field-length)"
    )
}

pub fn check_header(
    file: &str,
    line: u64,
    header: &[&str],
    spec: &Schema<'_>,
    delimiter: Option<u8>,
) -> Result<Vec<Option<usize>>, Vec<Problem>> {
    let mut problems = Vec::new();
    // `None`: a workbook's sheet or a Parquet file, whose columns are its own, with
    // no delimiter to choose.
    if let (1, Some(delimiter)) = (header.len(), delimiter) {
        let only = header.first().copied().unwrap_or_default();
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
    for (i, raw) in header.iter().copied().enumerate() {
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
                        .field(&short(name)),
                );
            }
        }
    }
    for (k, name) in spec.known.iter().enumerate() {
        if map[k].is_none() && spec.required.contains(name) {
            problems.push(
                Problem::new(file, MISSING_COLUMN)
                    .at(line, header.len() + 1)
                    .field(name),
            );
        }
    }
    crate::unless(problems, map)
}

/// `'word' is not WHAT (did you mean 'x'?); use a, b, c`: a word refused, with the
/// nearest valid one when it is near enough to suggest.
pub(crate) fn not_one_of(word: &str, what: &str, valid: &[&str]) -> String {
    let hint = closest(word, valid)
        .map(|c| format!(" (did you mean '{c}'?)"))
        .unwrap_or_default();
    format!("'{word}' is not {what}{hint}; use {}", valid.join(", "))
}

/// The known name nearest to a misspelling, when it is near enough to suggest: at
/// most two edits away, counting a swap of neighbours as one edit ("qoute" is one
/// from "quote", the commonest typing slip), which is strsim's optimal string
/// alignment distance. Only the first 64 characters of `name` are compared.
pub(crate) fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let name = name
        .char_indices()
        .nth(64)
        .map_or(name, |(i, _)| &name[..i]);
    known
        .iter()
        .map(|k| (strsim::osa_distance(name, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}
