//! A sheet of an `.xlsx` workbook, read through the one reader: the sheet becomes
//! delimited text in memory, a line for each of its rows from the first (rows above
//! its cells are empty lines, which the reader passes over before the header), so a
//! problem's line is the sheet's row and its column the sheet's column.
//!
//! A number cell is written as Excel shows it in general format (`12`, not `12.0`);
//! a date cell as `YYYY-MM-DD`; an error cell (`#N/A`) as its text, which the cell
//! grammar then refuses or reads as a declared missing marker.
//!
//! A workbook comes from strangers: what it may make the tool allocate is bounded
//! before anything is allocated ([`guard`] for what opening it reads; here, Excel's
//! own last row and column and the size of the sheet as text, measured in a first
//! pass over its cells that keeps none of them).

mod guard;

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{open_workbook_from_rs, DataRef, Reader, Xlsx, XlsxError};

use super::{short, DataError, Problem};

pub use guard::{
    MAX_ELEMENTS, MAX_INFLATE_RATIO, MAX_PART_BYTES, MAX_SHARED_STRINGS, RATIO_GRACE_BYTES,
};

/// Excel's last row: no spreadsheet program writes a cell below it.
pub const MAX_ROWS: u32 = 1_048_576;

/// Excel's last column (XFD): no spreadsheet program writes a cell right of it.
pub const MAX_COLUMNS: u32 = 16_384;

/// The largest a sheet may be as delimited text (its cells, the commas between
/// them and a line for each of its rows).
pub const MAX_SHEET_TEXT: u64 = 256 << 20;

/// Why a workbook is refused, without the file's name (which [`invalid`] adds).
pub(crate) struct Refusal(String);

/// A limit passed: the way past it is the same table as CSV, which streams.
fn refused(reason: String) -> Refusal {
    Refusal(format!(
        "{reason}; save the sheet as CSV and map that instead (a CSV table streams, without this limit)"
    ))
}

fn invalid(name: &str, reason: String) -> DataError {
    DataError::Invalid(vec![Problem::new(name, reason)])
}

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

/// The first bytes of an OLE compound file: what Excel writes for a workbook with a
/// password (the zip inside is encrypted) and for the old `.xls` format.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn open<'a>(name: &str, bytes: &'a [u8]) -> Result<Xlsx<Cursor<&'a [u8]>>, DataError> {
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(invalid(
            name,
            "is an encrypted (password-protected) workbook or an old .xls file, not an .xlsx that can be read: open it in a spreadsheet and save it as .xlsx without a password, or as CSV".into(),
        ));
    }
    guard::check(bytes).map_err(|r| invalid(name, r.0))?;
    open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| {
        invalid(
            name,
            format!("is not an .xlsx workbook that can be read: {e}"),
        )
    })
}

/// The text of one cell.
fn text<'c>(cell: &'c DataRef<'_>) -> Cow<'c, str> {
    Cow::Owned(match cell {
        DataRef::Empty => return Cow::Borrowed(""),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            return Cow::Borrowed(s)
        }
        DataRef::SharedString(s) => return Cow::Borrowed(s),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => {
            let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
            if (h, min, s, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}")
            }
        }
        DataRef::Error(e) => format!("#{e:?}"),
    })
}

/// The name of a cell, `A1` for the 0-based row and column `(0, 0)`.
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8_lossy(&letters),
        u64::from(row) + 1
    )
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
        return Err(invalid(
            name,
            format!(
                "has no sheet '{wanted}'; its sheets are: {}",
                names.join(", ")
            ),
        ));
    }
    let shape = survey(&mut book, &wanted).map_err(|r| invalid(name, r.0))?;
    let Some(shape) = shape else {
        return Ok(Vec::new());
    };
    write(&mut book, &wanted, &shape).map_err(|r| invalid(name, r.0))
}

/// Where a sheet's cells lie (0-based, inclusive), and the bytes of their text.
struct Shape {
    top: u32,
    bottom: u32,
    left: u32,
    right: u32,
    text: u64,
}

impl Shape {
    fn width(&self) -> u64 {
        u64::from(self.right - self.left) + 1
    }

    /// The bytes of the sheet as text: a newline for each row above its cells,
    /// then each row of its cells with a comma between every two columns, and the
    /// cells' text (with the quotes it may need).
    fn bytes(&self) -> u64 {
        let rows = u64::from(self.bottom - self.top) + 1;
        u64::from(self.top)
            .saturating_add(rows.saturating_mul(self.width()))
            .saturating_add(self.text)
    }
}

fn cannot_read(sheet: &str, e: XlsxError) -> Refusal {
    Refusal(format!("sheet '{sheet}' cannot be read: {e}"))
}

/// The bytes a cell's text takes in CSV, an upper bound: quoted, with its quotes
/// doubled, when it holds a delimiter, a quote or a line break.
fn field_bytes(text: &str) -> u64 {
    let b = text.as_bytes();
    if b.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r')) {
        (b.len() + 2 + memchr::memchr_iter(b'"', b).count()) as u64
    } else {
        b.len() as u64
    }
}

/// The first pass: where the sheet's cells lie and how large it is as text,
/// refused beyond Excel's last row or column or [`MAX_SHEET_TEXT`]; `None` for a
/// sheet without cells. No cell is kept.
fn survey(book: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> Result<Option<Shape>, Refusal> {
    let mut cells = match book.worksheet_cells_reader(sheet) {
        Ok(cells) => cells,
        // A chart sheet or a dialog sheet holds no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(cannot_read(sheet, e)),
    };
    let mut shape: Option<Shape> = None;
    while let Some(cell) = cells
        .next_cell_with_formula()
        .map_err(|e| cannot_read(sheet, e))?
    {
        if matches!(cell.value, DataRef::Empty) {
            // A formula whose workbook was never saved by a spreadsheet has no
            // value to read: it is not a blank cell.
            if let Some(f) = &cell.formula {
                return Err(Refusal(format!(
                    "sheet '{sheet}', cell {}, holds a formula ({}) with no saved value: open the workbook in a spreadsheet and save it, so that it stores its values",
                    cell_name(cell.pos.0, cell.pos.1),
                    short(f)
                )));
            }
            continue;
        }
        let (row, column) = cell.pos;
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(Refusal(format!(
                "sheet '{sheet}' has a cell at {}, beyond Excel's last row ({MAX_ROWS}) or column (XFD, the {MAX_COLUMNS}th); no spreadsheet program writes one",
                cell_name(row, column)
            )));
        }
        let bytes = field_bytes(&text(&cell.value));
        let s = shape.get_or_insert(Shape {
            top: row,
            bottom: row,
            left: column,
            right: column,
            text: 0,
        });
        if row < s.bottom {
            return Err(Refusal(format!(
                "sheet '{sheet}' has its rows out of order (a cell at {} after row {}), which no spreadsheet program writes",
                cell_name(row, column),
                s.bottom + 1
            )));
        }
        s.bottom = row;
        s.left = s.left.min(column);
        s.right = s.right.max(column);
        s.text = s.text.saturating_add(bytes);
        if s.bytes() > MAX_SHEET_TEXT {
            return Err(refused(format!(
                "sheet '{sheet}' as text would take over {} MiB (its cells reach {} and {}), over the limit of {} MiB",
                MAX_SHEET_TEXT >> 20,
                cell_name(s.top, s.left),
                cell_name(row, s.right),
                MAX_SHEET_TEXT >> 20
            )));
        }
    }
    Ok(shape)
}

/// The second pass: the sheet as CSV, its line `n` the sheet's row `n`, its
/// columns counted from the leftmost column that holds a cell.
fn write(book: &mut Xlsx<Cursor<&[u8]>>, sheet: &str, shape: &Shape) -> Result<Vec<u8>, Refusal> {
    // Both bounded by the survey: the text under MAX_SHEET_TEXT, the width by
    // Excel's last column.
    let mut out = Vec::with_capacity(usize::try_from(shape.bytes()).unwrap_or(0));
    out.resize(shape.top as usize, b'\n');
    let mut record = vec![String::new(); shape.width() as usize];
    let changed = || Refusal(format!("sheet '{sheet}' changed between two readings"));
    let failed = |e: csv::Error| Refusal(format!("sheet '{sheet}': {e}"));
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(&mut out);
        let mut cells = book
            .worksheet_cells_reader(sheet)
            .map_err(|e| cannot_read(sheet, e))?;
        let mut row = shape.top;
        while let Some(cell) = cells.next_cell().map_err(|e| cannot_read(sheet, e))? {
            if matches!(cell.get_value(), DataRef::Empty) {
                continue;
            }
            let (r, c) = cell.get_position();
            if r < row || r > shape.bottom {
                return Err(changed());
            }
            while row < r {
                w.write_record(&record).map_err(failed)?;
                record.iter_mut().for_each(String::clear);
                row += 1;
            }
            let field = c
                .checked_sub(shape.left)
                .and_then(|i| record.get_mut(i as usize))
                .ok_or_else(changed)?;
            field.clear();
            field.push_str(&text(cell.get_value()));
        }
        w.write_record(&record).map_err(failed)?;
        w.flush()
            .map_err(|e| Refusal(format!("sheet '{sheet}': {e}")))?;
    }
    Ok(out)
}
