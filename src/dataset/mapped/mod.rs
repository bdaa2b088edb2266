//! Reading a table in its own shape through its mapping ([`super::mapping`]), with
//! the one reader: every measure cell becomes a figure that cites its file, line and
//! column, with the cell's text as its quote; a record list is counted as it is
//! read, by day and dimension, so a table of any length costs the memory of its
//! groups. What a row says of its own figures (shares of a base, a total of other
//! columns) is kept for `reconcile`.

mod place;
mod plan;
mod sink;
#[cfg(test)]
mod tests;
mod totals;

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::cell::{Number, Rounding};
use super::mapping::Mapping;
use super::{Dataset, Problem};
use crate::table::{self, Input, Schema};
pub(crate) use sink::cell_text;

/// The shares of one base in one row.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareSet {
    pub file: String,
    pub line: u64,
    /// The base column's header, and its count when the cell holds an exact one.
    pub base_column: String,
    pub base: Option<i64>,
    pub base_id: Option<String>,
    pub shares: Vec<ShareCell>,
    /// Whether the shares are all the parts of the base (they must sum to 100).
    pub complete: bool,
    pub rounding: Rounding,
}

/// One share cell.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareCell {
    pub column: String,
    pub col: usize,
    pub id: String,
    pub text: String,
    pub number: Number,
}

/// What the cells of one mapped table held, for `describe`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Seen {
    pub file: String,
    pub rows: u64,
    /// Markers of no figure by their text.
    pub markers: BTreeMap<String, u64>,
    /// Cells of a value not published by their text (empty: a blank declared so).
    pub unknown: BTreeMap<String, u64>,
    pub blanks: u64,
    /// Rows whose every cell the mapping reads is blank (separators), skipped.
    pub blank_rows: u64,
    pub thresholds: u64,
    pub footnotes: u64,
}

/// Where a mapped table's bytes are.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    Bytes(&'a [u8]),
    /// A file on disk, read as it streams (unless it is a workbook, or titles stand
    /// above its header).
    Path(&'a std::path::Path),
}

/// Reads one mapped table into the dataset: its figures, the relations its totals
/// declare, its share sets, what it leaves to decide and what its cells held.
pub fn read(
    name: &str,
    resource: &str,
    content: Content<'_>,
    mapping: &Mapping,
    opts: &table::Options,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
) -> Result<(), crate::dataset::DataError> {
    let Some(plan) = plan::Plan::compile(name, mapping, ds, problems)? else {
        return Ok(());
    };
    let Some(bytes) = table_bytes(name, content, mapping, problems)? else {
        return Ok(());
    };
    let known = mapping.columns();
    let refs: Vec<&str> = known.iter().map(String::as_str).collect();
    let schema = Schema {
        known: &refs,
        required: &refs,
        key: None,
    };
    let input = match content {
        Content::Path(path) if bytes.is_empty() => Input::File(path),
        _ => Input::Bytes {
            name,
            bytes: &bytes,
        },
    };
    let opts = &table::Options {
        sheet: table::sheet::is_workbook_name(name),
        ..*opts
    };
    let read = table::read(&input, &schema, opts, || sink::Sink {
        plan: &plan,
        items: Vec::new(),
        records: FxHashMap::default(),
        key: Vec::new(),
        seen: Seen::default(),
        rows: Vec::new(),
    });
    let before = problems.len();
    let read = super::invalid_as_problems(read, problems);
    let mine = problems.split_off(before);
    if let Some(renamed) = under_other_headers(name, mapping, &mine) {
        return self::read(name, resource, content, &renamed, opts, ds, problems);
    }
    problems.extend(columns_by_path(name, mapping, mine));
    let Some(t) = read? else {
        return Ok(());
    };
    place::place(name, resource, mapping, &plan, t, ds, problems);
    Ok(())
}

/// The mapping under which a table whose header lacks columns the mapping names,
/// and has their other headers instead (`other_headers`), is read again.
fn under_other_headers(table: &str, mapping: &Mapping, problems: &[Problem]) -> Option<Mapping> {
    if mapping.other_headers.is_empty() {
        return None;
    }
    let fields = |reason: fn(&str) -> bool| -> Vec<&str> {
        problems
            .iter()
            .filter(|p| p.file == table && reason(&p.reason))
            .filter_map(|p| p.field.as_deref())
            .collect()
    };
    let missing = fields(|r| r == table::MISSING_COLUMN);
    if missing.is_empty() {
        return None;
    }
    let known = mapping.columns();
    let mut header: Vec<&str> = known
        .iter()
        .map(String::as_str)
        .filter(|c| !missing.contains(c))
        .collect();
    header.extend(fields(|r| r.starts_with("unknown column")));
    mapping.under_other_headers(&header)
}

/// A column the mapping names and the table's header lacks is the mapping's
/// mistake: said at its JSON path in `datapackage.json`, with the nearest of the
/// header's names the mapping leaves unnamed (and that name's own problem, of a
/// column unknown to the mapping, left out as the same mistake). A `share_of` or
/// `total_of` left to the header ([`Mapping::pending`]) is a problem unless the
/// header has the column it names.
fn columns_by_path(table: &str, mapping: &Mapping, problems: Vec<Problem>) -> Vec<Problem> {
    let unknown: Vec<String> = problems
        .iter()
        .filter(|p| p.file == table && p.reason.starts_with("unknown column"))
        .filter_map(|p| p.field.clone())
        .collect();
    let unknown: Vec<&str> = unknown.iter().map(String::as_str).collect();
    let mut taken: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for p in &problems {
        let missing = p.file == table && p.reason == table::MISSING_COLUMN;
        let path = p
            .field
            .as_deref()
            .filter(|_| missing)
            .and_then(|c| Some((c, mapping.column_path(c)?)));
        let Some((column, path)) = path else {
            continue;
        };
        let near = table::closest(column, &unknown);
        taken.extend(near);
        let hint = near
            .map(|c| {
                format!(" (did you mean '{c}'?); if it is the column's header in another edition of the table, give it under \"other_headers\": {{\"{column}\": [\"{c}\"]}}")
            })
            .unwrap_or_default();
        out.push(
            Problem::new(
                &mapping.package,
                format!("'{column}' is not a column of {table}{hint}"),
            )
            .field(&path),
        );
    }
    // A reference the mapping made to a column of the header is right: the column
    // the mapping names near it is the slip, said above.
    for p in mapping
        .pending
        .iter()
        .filter(|p| !unknown.contains(&p.word.as_str()))
    {
        out.push(Problem::new(&mapping.package, &p.reason).field(&p.path));
    }
    for p in problems {
        let mapped = p.file == table
            && p.reason == table::MISSING_COLUMN
            && mapping
                .column_path(p.field.as_deref().unwrap_or(""))
                .is_some();
        let explained = p.reason.starts_with("unknown column")
            && p.field.as_deref().is_some_and(|f| taken.contains(&f));
        if !mapped && !explained {
            out.push(p);
        }
    }
    out
}

/// The bytes of a table to read, when they must be held: a workbook's sheet as
/// delimited text, or a table with the lines above its header made blank. A file
/// otherwise streams (the bytes are then empty).
fn table_bytes<'a>(
    name: &str,
    content: Content<'a>,
    mapping: &Mapping,
    problems: &mut Vec<Problem>,
) -> Result<Option<Cow<'a, [u8]>>, crate::dataset::DataError> {
    let workbook = table::sheet::is_workbook_name(name);
    let mut bytes: Cow<'a, [u8]> = match content {
        Content::Path(path) if workbook || mapping.header_row.is_some_and(|h| h > 1) => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut table::regular_file(path)?, &mut buf).map_err(
                |source| crate::dataset::DataError::Io {
                    path: path.to_path_buf(),
                    source,
                },
            )?;
            Cow::Owned(buf)
        }
        Content::Path(_) => Cow::Borrowed(&[]),
        Content::Bytes(b) => Cow::Borrowed(b),
    };
    if workbook {
        let sheet = table::sheet::sheet_as_csv(name, &bytes, mapping.sheet.as_deref());
        let Some(sheet) = super::invalid_as_problems(sheet, problems)? else {
            return Ok(None);
        };
        bytes = Cow::Owned(sheet);
    }
    if let Some(h) = mapping.header_row.filter(|&h| h > 1) {
        bytes = Cow::Owned(above_header_blank(&bytes, h));
    }
    Ok(Some(bytes))
}

/// The table with every line above line `header` made empty, so the reader finds
/// the header there and every line keeps its number.
pub(crate) fn above_header_blank(bytes: &[u8], header: u64) -> Vec<u8> {
    let mut start = 0;
    for _ in 1..header {
        match memchr::memchr(b'\n', &bytes[start..]) {
            Some(i) => start += i + 1,
            None => {
                start = bytes.len();
                break;
            }
        }
    }
    let mut out = vec![b'\n'; (header - 1) as usize];
    out.extend_from_slice(&bytes[start..]);
    out
}
