//! A sheet of an `.xlsx` workbook, read through the one reader: the sheet becomes
//! delimited text in memory, a line for each of its rows from the first (rows above
//! its cells are empty lines, which the reader passes over before the header), so a
//! problem's line is the sheet's row and its column the sheet's column.
//!
//! A number cell is written as Excel shows it in general format (`12`, not `12.0`);
//! a date cell as `YYYY-MM-DD`; an error cell (`#N/A`) as its text, which the cell
//! grammar then refuses or reads as a declared missing marker.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

use super::{DataError, Problem};

/// Whether a table of this name is a workbook (by its extension).
pub fn is_workbook_name(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// The sheet names of a workbook.
pub fn sheet_names(name: &str, bytes: &[u8]) -> Result<Vec<String>, DataError> {
    Ok(open(name, bytes)?.sheet_names())
}

fn open(name: &str, bytes: &[u8]) -> Result<Xlsx<Cursor<Vec<u8>>>, DataError> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        DataError::Invalid(vec![Problem::new(
            name,
            format!("is not an .xlsx workbook that can be read: {e}"),
        )])
    })
}

/// The text of one cell.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
            if (h, min, s, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}")
            }
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The sheet `sheet` (the first when `None`) as CSV bytes whose line `n` is the
/// sheet's row `n`.
pub fn sheet_as_csv(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Vec<u8>, DataError> {
    let mut book = open(name, bytes)?;
    let names = book.sheet_names();
    let wanted = match sheet {
        Some(s) => s.to_string(),
        None => names.first().cloned().unwrap_or_default(),
    };
    if !names.contains(&wanted) {
        return Err(DataError::Invalid(vec![Problem::new(
            name,
            format!(
                "has no sheet '{wanted}'; its sheets are: {}",
                names.join(", ")
            ),
        )]));
    }
    let range = book.worksheet_range(&wanted).map_err(|e| {
        DataError::Invalid(vec![Problem::new(
            name,
            format!("sheet '{wanted}' cannot be read: {e}"),
        )])
    })?;
    // A sheet whose cells start right of column A keeps its columns counted from
    // its first used one.
    let (top, _left) = range.start().unwrap_or((0, 0));
    let mut out = vec![b'\n'; top as usize];
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(&mut out);
        for row in range.rows() {
            let cells: Vec<String> = row.iter().map(text).collect();
            w.write_record(&cells).map_err(|e| {
                DataError::Invalid(vec![Problem::new(name, format!("sheet '{wanted}': {e}"))])
            })?;
        }
        w.flush().map_err(|e| {
            DataError::Invalid(vec![Problem::new(name, format!("sheet '{wanted}': {e}"))])
        })?;
    }
    Ok(out)
}
