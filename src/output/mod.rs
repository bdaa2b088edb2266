//! Where results go and in what shape: atomic file writes (a temporary file renamed
//! into place, so a failed run leaves nothing half-written), standard output, and the
//! text formats every tabular result can take (table, CSV, JSON, Markdown), with the
//! escaping each one needs.

mod folder;
pub use folder::write_folder;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// A cell of a result table. Kept typed so that JSON gets numbers and CSV exports
/// neutralise only text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i128),
    /// An amount of the fixed scale of [`crate::values::decimal`] (a value or an interval's
    /// end), written with the decimals it has: `1222`, `70.4`.
    Amount(i128),
    /// A value as written, every digit kept: `94.40`.
    Value(crate::values::decimal::Value),
    Float(f64, usize),
    Bool(bool),
    /// A figure in a reader's words ("about 1,222", "4,800 or more"), aligned as a
    /// number: the tables of a report, never a file another tool reads.
    Figure(String),
    /// The tool's words about a row, kept as a message of the catalogue with its
    /// values: `plain` is what files and the default language show; a report in
    /// another language words `id` with `args`.
    Said {
        plain: String,
        id: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    Empty,
}

/// A value a [`Cell::Said`] message words: data as it stands, or a day.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Day(crate::values::calendar::Date),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn opt_amount(v: Option<i128>) -> Cell {
        v.map_or(Cell::Empty, Cell::Amount)
    }

    /// The plain text of the cell, as CSV and tables show it.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Figure(s) | Cell::Said { plain: s, .. } => s.clone(),
            Cell::Int(v) => v.to_string(),
            Cell::Amount(v) => crate::values::decimal::plain_amount(*v),
            Cell::Value(v) => v.plain(),
            Cell::Float(v, digits) => format!("{v:.digits$}"),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Text(s) | Cell::Figure(s) | Cell::Said { plain: s, .. } => {
                serde_json::Value::String(s.clone())
            }
            Cell::Int(v) => match i64::try_from(*v) {
                Ok(v) => serde_json::Value::from(v),
                // Beyond i64 JSON readers lose precision: keep the digits as text.
                Err(_) => serde_json::Value::String(v.to_string()),
            },
            Cell::Value(v) => Cell::Amount(v.scaled()).json(),
            Cell::Amount(v) => {
                let plain = crate::values::decimal::plain_amount(*v);
                // A JSON number only where its text is the exact decimal: a reader of
                // a longer one would lose digits, so it keeps them as text.
                match crate::values::decimal::whole_of(*v).map(i64::try_from) {
                    Some(Ok(n)) => serde_json::Value::from(n),
                    _ => match plain
                        .parse::<f64>()
                        .ok()
                        .and_then(serde_json::Number::from_f64)
                    {
                        Some(n) if n.to_string() == plain => serde_json::Value::Number(n),
                        _ => serde_json::Value::String(plain),
                    },
                }
            }
            Cell::Float(v, _) => serde_json::Number::from_f64(*v)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Cell::Bool(b) => serde_json::Value::Bool(*b),
            Cell::Empty => serde_json::Value::Null,
        }
    }

    pub(crate) fn is_numeric(&self) -> bool {
        matches!(
            self,
            Cell::Int(_) | Cell::Amount(_) | Cell::Value(_) | Cell::Float(..) | Cell::Figure(_)
        )
    }
}

/// A result as rows under named columns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: &[&str]) -> Table {
        Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }
}

/// The text formats of a tabular result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

/// Titled tables as one output: JSON, an object of each section's rows under its
/// key; table or Markdown, each section under its title (`empty` for one without
/// rows). CSV holds one table, so the caller picks it.
pub fn render_sections(
    sections: &[(&str, &str, &Table)],
    format: Format,
    empty: &str,
) -> Result<Vec<u8>> {
    if format == Format::Json {
        let mut obj = serde_json::Map::new();
        for (key, _, t) in sections {
            let v: serde_json::Value = serde_json::from_slice(&render(t, Format::Json)?)?;
            obj.insert(key.to_string(), v);
        }
        let mut out = serde_json::to_vec_pretty(&serde_json::Value::Object(obj))?;
        out.push(b'\n');
        return Ok(out);
    }
    let mut out = Vec::new();
    for (i, (_, title, t)) in sections.iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        if format == Format::Markdown {
            out.extend(format!("## {title}\n\n").as_bytes());
        } else {
            out.extend(format!("{title}\n{}\n", "=".repeat(title.len())).as_bytes());
        }
        if t.rows.is_empty() {
            out.extend(format!("{empty}\n").as_bytes());
        } else {
            out.extend(render(t, format)?);
        }
    }
    Ok(out)
}

/// Renders `table` in `format`.
pub fn render(table: &Table, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Table => Ok(render_text(table).into_bytes()),
        Format::Csv => render_csv(table),
        Format::Json => render_json(table),
        Format::Markdown => Ok(render_markdown(table).into_bytes()),
    }
}

/// The columns a terminal gives `s`: two for a wide character (Chinese, Japanese
/// and Korean script, fullwidth forms), one for any other, so that a table of
/// Chinese names lines up.
fn columns_of(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let wide = matches!(u32::from(c),
                0x1100..=0x115F
                | 0x2E80..=0x303E
                | 0x3041..=0x33FF
                | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6
                | 0x20000..=0x3FFFD);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

fn render_text(table: &Table) -> String {
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| one_line(&c.plain())).collect())
        .collect();
    let mut widths: Vec<usize> = table.columns.iter().map(|c| columns_of(c)).collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(columns_of(c));
            }
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, items: &[String], numeric: &[bool]| {
        let mut parts = Vec::new();
        for (i, item) in items.iter().enumerate() {
            // Padded by hand: `format!`'s width stops at 65,535 and panics past it,
            // and a relation of a hundred thousand parts lists more in one cell.
            let fill = " ".repeat(
                widths
                    .get(i)
                    .map_or(0, |w| w.saturating_sub(columns_of(item))),
            );
            if numeric.get(i).copied().unwrap_or(false) {
                parts.push(format!("{fill}{item}"));
            } else {
                parts.push(format!("{item}{fill}"));
            }
        }
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    let numeric_col: Vec<bool> = (0..table.columns.len())
        .map(|i| {
            table
                .rows
                .iter()
                .any(|r| r.get(i).is_some_and(Cell::is_numeric))
        })
        .collect();
    line(&mut out, &table.columns, &numeric_col);
    for (row, cells) in table.rows.iter().zip(&cells) {
        let numeric: Vec<bool> = row.iter().map(Cell::is_numeric).collect();
        line(&mut out, cells, &numeric);
    }
    out
}

/// Control characters and line breaks would break an aligned table: show them as
/// spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || hidden_format(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Text that a spreadsheet would run as a formula gets a leading apostrophe.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn render_csv(table: &Table) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Header cells can be a package's own names (a dimension's header): a
    // spreadsheet would run them as formulas too.
    w.write_record(table.columns.iter().map(|c| neutralise(c)))?;
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) | Cell::Said { plain: s, .. } => neutralise(s),
                other => other.plain(),
            })
            .collect();
        w.write_record(&cells)?;
    }
    w.into_inner().context("cannot finish the CSV output")
}

fn render_json(table: &Table) -> Result<Vec<u8>> {
    let rows: Vec<serde_json::Value> = table
        .rows
        .iter()
        .map(|row| {
            let obj: serde_json::Map<String, serde_json::Value> = table
                .columns
                .iter()
                .zip(row)
                .map(|(k, v)| (k.clone(), v.json()))
                .collect();
            serde_json::Value::Object(obj)
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&rows)?;
    out.push(b'\n');
    Ok(out)
}

/// Escapes text for a Markdown table cell: no character of the data can close the
/// cell, start markup or inject HTML.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if hidden_format(c) => out.push_str(&markdown_escape(&hidden_code(c))),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn render_markdown(table: &Table) -> String {
    let mut out = String::new();
    let header: Vec<String> = table.columns.iter().map(|c| markdown_escape(c)).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    let aligns: Vec<&str> = (0..table.columns.len())
        .map(|i| {
            if table
                .rows
                .iter()
                .any(|r| r.get(i).is_some_and(Cell::is_numeric))
            {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", aligns.join(" | ")));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| markdown_escape(&c.plain())).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// A file name as the target of a link in Markdown or HTML: every byte that is not
/// a letter, digit, `-`, `_` or `.` is percent-encoded, so a name can be neither a
/// scheme (`javascript:`) nor a path outside the folder nor break the link's syntax.
pub fn link_target(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Characters that change the order in which the text around them is shown (the
/// bidirectional overrides and isolates) or hide in it: shown as their code in
/// every page, so a name cannot display as another text than it holds.
pub fn hidden_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// How a character of [`hidden_format`] is shown: its code, `[U+202E]`.
fn hidden_code(c: char) -> String {
    format!("[U+{:04X}]", c as u32)
}

/// `text` with every character of [`hidden_format`] shown as its code, for text that
/// no other escaping passes through (a chart's labels).
pub fn show_hidden(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(hidden_format) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if hidden_format(c) {
                    hidden_code(c)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Escapes text for HTML and SVG text and attributes.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if hidden_format(c) => out.push_str(&hidden_code(c)),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Checks that `path` may be written: not a folder, not a symlink, not one of the
/// files the run reads.
pub fn check_output_path(path: &Path, inputs: &[PathBuf]) -> Result<()> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            bail!(
                "{}: refusing to write through a symbolic link; name the real file",
                path.display()
            );
        }
        if meta.is_dir() {
            bail!("{}: is a folder; name a file to write", path.display());
        }
    }
    if let Ok(out) = std::fs::canonicalize(path) {
        for input in inputs {
            if std::fs::canonicalize(input).is_ok_and(|i| i == out) {
                bail!(
                    "{}: is an input of this run; write the output elsewhere",
                    path.display()
                );
            }
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so that readers see the old file or the new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".cleanweb-")
        .tempfile_in(&dir)
        .with_context(|| format!("{}: cannot create a file in this folder", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Temporary files are private (0600); a report is meant to be shared.
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("{}: cannot set permissions", path.display()))?;
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

/// Writes to standard output; a closed pipe (`| head`) ends the output quietly.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// Writes to `out` when given (atomically, after the path checks), else to standard
/// output.
pub fn emit(out: Option<&Path>, bytes: &[u8], inputs: &[PathBuf]) -> Result<()> {
    match out {
        Some(path) if path.as_os_str() != "-" => {
            check_output_path(path, inputs)?;
            write_atomic(path, bytes)
        }
        _ => write_stdout(bytes),
    }
}

#[cfg(test)]
mod tests;
