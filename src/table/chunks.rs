//! The column chunks of a Parquet row group: read with plain reads (not mapped, so
//! the pages of the file are not counted as the process's memory) and decoded by
//! polars-parquet's page reader, decompressor and decoder (its public `read`
//! module: the same three polars-io's reader puts together). A text column whose chunk is dictionary-encoded is
//! decoded to its dictionary and one code a row, so its words are never written
//! out row by row; dates and integers stay typed (and are written as text only where
//! a key needs it); any other column is read through polars and turned into text as
//! polars writes it. A chunk is read once and decoded whole, or a window of its rows
//! at a time.

use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

use polars::io::parquet::metadata::FileMetadata;
use polars::prelude::{
    ArrowDataType, ArrowField, ArrowTimeUnit, DataType, Int32Type, Int64Type, PlSmallStr,
    PolarsDataType, Series, StaticArray, StringType,
};
use polars_arrow::array::DictionaryArray;
use polars_arrow::bitmap::Bitmap;
use polars_arrow::datatypes::{IntegerType, Metadata, DTYPE_CATEGORICAL_NEW};
use polars_buffer::Buffer;
use polars_parquet::parquet::metadata::ColumnChunkMetadata;
use polars_parquet::read::{column_iter_to_arrays, BasicDecompressor, Filter, PageReader};

pub(super) type ArrayOf<T> = <T as PolarsDataType>::Array;

/// Where a table's bytes are.
#[derive(Clone)]
pub(super) enum Source {
    File(std::path::PathBuf),
    Bytes(Arc<[u8]>),
}

/// A source open for reading the chunks of one row group.
pub(super) enum Open<'s> {
    File(std::fs::File),
    Bytes(&'s [u8]),
}

impl Source {
    pub(super) fn open(&self) -> Result<Open<'_>, String> {
        Ok(match self {
            Source::File(path) => Open::File(std::fs::File::open(path).map_err(|e| e.to_string())?),
            Source::Bytes(b) => Open::Bytes(b),
        })
    }
}

impl Open<'_> {
    /// The bytes `range` of the table.
    fn read(&mut self, range: std::ops::Range<u64>) -> Result<Vec<u8>, String> {
        let short = || format!("a column chunk at bytes {range:?} lies past the file's end");
        let len = usize::try_from(range.end.saturating_sub(range.start)).map_err(|_| short())?;
        match self {
            Open::File(f) => {
                let mut buf = vec![0; len];
                f.seek(SeekFrom::Start(range.start))
                    .and_then(|_| f.read_exact(&mut buf))
                    .map_err(|_| short())?;
                Ok(buf)
            }
            Open::Bytes(b) => {
                let start = usize::try_from(range.start).map_err(|_| short())?;
                b.get(start..start + len)
                    .map(<[u8]>::to_vec)
                    .ok_or_else(short)
            }
        }
    }
}

/// A column of a row group, as decoded.
pub(super) enum Typed {
    Text(polars::prelude::StringChunked),
    Coded(DictionaryArray<u32>),
    Days(polars::prelude::Int32Chunked),
    Count(polars::prelude::Int64Chunked),
}

/// The one chunk of a column of a row group.
pub(super) enum Array<'a> {
    /// The array, and whether it has nulls.
    Text(&'a ArrayOf<StringType>, bool),
    /// A text column decoded as its dictionary.
    Coded(Coded<'a>),
    Days(&'a ArrayOf<Int32Type>),
    Count(&'a ArrayOf<Int64Type>),
}

/// A text column as the words of its dictionary and the code of each row, every code
/// of a row that is not null checked to name a word.
#[derive(Clone, Copy)]
pub(super) struct Coded<'a> {
    pub words: &'a ArrayOf<StringType>,
    pub codes: &'a [u32],
    pub valid: Option<&'a Bitmap>,
}

impl<'a> Coded<'a> {
    /// The text of row `i` ("" when null).
    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        if self.valid.is_some_and(|v| !v.get_bit(i)) {
            return "";
        }
        self.words.value(self.codes[i] as usize)
    }
}

impl Typed {
    /// The column as the readers read it.
    pub(super) fn array(&self) -> Result<Array<'_>, String> {
        let none = || "an empty column".to_string();
        Ok(match self {
            Typed::Text(ca) => {
                Array::Text(ca.downcast_get(0).ok_or_else(none)?, ca.null_count() > 0)
            }
            Typed::Coded(d) => Array::Coded(Coded {
                words: d
                    .values()
                    .as_any()
                    .downcast_ref::<ArrayOf<StringType>>()
                    .ok_or_else(|| "a dictionary whose words are not text".to_string())?,
                codes: d.keys().values(),
                valid: d.keys().validity(),
            }),
            Typed::Days(ca) => Array::Days(ca.downcast_get(0).ok_or_else(none)?),
            Typed::Count(ca) => Array::Count(ca.downcast_get(0).ok_or_else(none)?),
        })
    }
}

/// The compressed bytes of one column of a row group, read once, to decode whole or
/// a window of rows at a time.
pub(super) struct Chunk<'m> {
    parts: Vec<(&'m ColumnChunkMetadata, Buffer<u8>)>,
    /// Whether it is a text chunk with a dictionary page that the dictionary decoder
    /// has not refused (once refused, the other windows are read as text at once).
    dictionary: std::cell::Cell<bool>,
}

/// Reads the chunk of column `field` in row group `index`.
pub(super) fn read_chunk<'m>(
    open: &mut Open<'_>,
    metadata: &'m FileMetadata,
    index: usize,
    field: &ArrowField,
) -> Result<Chunk<'m>, String> {
    let rg = metadata
        .row_groups
        .get(index)
        .ok_or_else(|| format!("no row group {index}"))?;
    let metas: Vec<&ColumnChunkMetadata> = rg
        .columns_under_root_iter(&field.name)
        .ok_or_else(|| format!("no column {} in row group {index}", field.name))?
        .collect();
    let mut parts = Vec::with_capacity(metas.len());
    for m in &metas {
        parts.push((*m, Buffer::from_vec(open.read(m.byte_range())?)));
    }
    let text = is_text(field.dtype());
    let dictionary = text && metas.len() == 1 && metas[0].dictionary_page_offset().is_some();
    Ok(Chunk {
        parts,
        dictionary: std::cell::Cell::new(dictionary),
    })
}

impl Chunk<'_> {
    /// Decodes the rows `rows` of the chunk, of column `field`, in a row group of
    /// `all` rows. The pages before the window are skipped without being
    /// decompressed, and those after it are not read.
    pub(super) fn decode(
        &self,
        field: &ArrowField,
        rows: std::ops::Range<usize>,
        all: usize,
    ) -> Result<Typed, String> {
        let err = |e: polars::prelude::PolarsError| e.to_string();
        let len = rows.len();
        let filter = || (len != all).then(|| Filter::Range(rows.clone()));
        if self.dictionary.get() {
            // A chunk some of whose pages are not dictionary-encoded is refused by the
            // dictionary decoder, and read as text below.
            let coded = decode_pages(self.parts.clone(), dictionary_field(field), filter());
            if let Ok(arrays) = coded {
                if let Some(d) = coded_array(arrays, len) {
                    return Ok(Typed::Coded(d));
                }
            }
            self.dictionary.set(false);
        }
        let arrays = decode_pages(self.parts.clone(), as_text(field), filter()).map_err(err)?;
        let column = Series::try_from((field, arrays)).map_err(err)?;
        let to_text = |column: &Series| -> Result<Typed, String> {
            let text = column.cast(&DataType::String).map_err(err)?;
            Ok(Typed::Text(text.str().map_err(err)?.rechunk().into_owned()))
        };
        let typed = match (column.dtype(), field.dtype()) {
            // A date written as a timestamp at midnight (pandas' and DuckDB's way):
            // read as its day; a time of day is text, which no date rule accepts.
            (_, ArrowDataType::Timestamp(unit, None)) => {
                let stamps = column.to_physical_repr();
                match midnight_days(stamps.i64().map_err(err)?, *unit) {
                    Some(days) => Typed::Days(days),
                    None => to_text(&column)?,
                }
            }
            (DataType::Date, _) => Typed::Days(
                column
                    .date()
                    .map_err(err)?
                    .physical()
                    .rechunk()
                    .into_owned(),
            ),
            (DataType::Int64, _) => Typed::Count(column.i64().map_err(err)?.rechunk().into_owned()),
            (DataType::String, _) => Typed::Text(column.str().map_err(err)?.rechunk().into_owned()),
            _ => to_text(&column)?,
        };
        if column.len() != len {
            return Err(format!(
                "column {} has {} rows where {len} were asked of a row group of {all}",
                field.name,
                column.len()
            ));
        }
        Ok(typed)
    }
}

/// The days of timestamps that all fall at midnight, counted from 1970-01-01; `None`
/// when one has a time of day.
fn midnight_days(
    stamps: &polars::prelude::Int64Chunked,
    unit: ArrowTimeUnit,
) -> Option<polars::prelude::Int32Chunked> {
    let per_second = match unit {
        ArrowTimeUnit::Second => 1,
        ArrowTimeUnit::Millisecond => 1_000,
        ArrowTimeUnit::Microsecond => 1_000_000,
        ArrowTimeUnit::Nanosecond => 1_000_000_000,
    };
    let per_day: i64 = 86_400 * per_second;
    let days: Option<Vec<Option<i32>>> = stamps
        .iter()
        .map(|t| match t {
            None => Some(None),
            Some(t) if t % per_day == 0 => i32::try_from(t / per_day).ok().map(Some),
            Some(_) => None,
        })
        .collect();
    days.map(|days| days.into_iter().collect())
}

/// Whether a column of this type holds text: plain, or as a dictionary (a column a
/// writer typed categorical or enum: pandas' `category`, polars' `Categorical`).
pub(super) fn is_text(dtype: &ArrowDataType) -> bool {
    let plain = |t: &ArrowDataType| {
        matches!(
            t,
            ArrowDataType::Utf8View | ArrowDataType::Utf8 | ArrowDataType::LargeUtf8
        )
    };
    plain(dtype) || matches!(dtype, ArrowDataType::Dictionary(_, v, _) if plain(v))
}

/// The field a text column is decoded as when not as its dictionary: plain text,
/// whatever type of text the file gives it (polars builds no categorical column).
fn as_text(field: &ArrowField) -> ArrowField {
    if is_text(field.dtype()) && !matches!(field.dtype(), ArrowDataType::Utf8View) {
        ArrowField::new(field.name.clone(), ArrowDataType::Utf8View, true)
    } else {
        field.clone()
    }
}

/// Decodes the pages of a column chunk (one part per leaf of the column) into arrays
/// of `field`, the rows of `filter` only (all when `None`).
fn decode_pages(
    parts: Vec<(&ColumnChunkMetadata, Buffer<u8>)>,
    field: ArrowField,
    filter: Option<Filter>,
) -> polars::prelude::PolarsResult<Vec<Box<dyn polars_arrow::array::Array>>> {
    let (pages, types): (Vec<_>, Vec<_>) = parts
        .into_iter()
        .map(|(meta, bytes)| {
            let pages = PageReader::new(std::io::Cursor::new(bytes), meta, vec![], usize::MAX);
            (
                BasicDecompressor::new(pages, vec![]),
                &meta.descriptor().descriptor.primitive_type,
            )
        })
        .unzip();
    column_iter_to_arrays(pages, types, field, filter).map(|(arrays, _)| arrays)
}

/// The field of a text column read as its dictionary (polars' mark of a categorical
/// column asks its decoder for the codes themselves).
fn dictionary_field(field: &ArrowField) -> ArrowField {
    let dtype = ArrowDataType::Dictionary(
        IntegerType::UInt32,
        Box::new(ArrowDataType::Utf8View),
        false,
    );
    let mark: Metadata = [(
        PlSmallStr::from_static(DTYPE_CATEGORICAL_NEW),
        PlSmallStr::EMPTY,
    )]
    .into_iter()
    .collect();
    ArrowField::new(field.name.clone(), dtype, true).with_metadata(mark)
}

/// The one dictionary array decoded, when it has `rows` rows and every code of a row
/// that is not null names a word.
fn coded_array(
    arrays: Vec<Box<dyn polars_arrow::array::Array>>,
    rows: usize,
) -> Option<DictionaryArray<u32>> {
    let [array] = <[_; 1]>::try_from(arrays).ok()?;
    let d = array.as_any().downcast_ref::<DictionaryArray<u32>>()?;
    let words = d.values().len();
    let codes = d.keys().values();
    let named = match d.keys().validity() {
        // The largest code, in a pass the compiler widens.
        None => codes.is_empty() || (codes.iter().fold(0, |m, &c| m.max(c)) as usize) < words,
        Some(v) => codes
            .iter()
            .enumerate()
            .all(|(i, &c)| (c as usize) < words || !v.get_bit(i)),
    };
    (d.len() == rows && named).then(|| d.clone())
}

/// A date or integer cell as text, written into `buf` ("" when null).
pub(super) fn write_cell<'b>(array: &Array<'_>, i: usize, buf: &'b mut [u8; 20]) -> &'b str {
    match array {
        Array::Days(a) => match a.get(i) {
            Some(days) => write_date(days, buf),
            None => "",
        },
        Array::Count(a) => match a.get(i) {
            Some(n) => write_int(n, buf),
            None => "",
        },
        Array::Text(..) | Array::Coded(_) => "",
    }
}

/// Days since 1970-01-01 as `YYYY-MM-DD` (a year past 9999 or before 0 as its
/// digits, which no date rule accepts).
fn write_date(days: i32, buf: &mut [u8; 20]) -> &str {
    // Howard Hinnant's civil-from-days.
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    if !(0..=9999).contains(&y) {
        return write_int(y, buf);
    }
    let digits = [
        y / 1000,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
        -1,
        m / 10,
        m % 10,
        -1,
        d / 10,
        d % 10,
    ];
    for (b, v) in buf.iter_mut().zip(digits) {
        *b = if v < 0 { b'-' } else { b'0' + v as u8 };
    }
    std::str::from_utf8(&buf[..10]).unwrap_or_default()
}

/// `n` in decimal, written into `buf`.
fn write_int(n: i64, buf: &mut [u8; 20]) -> &str {
    let mut v = n.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 || at == 0 {
            break;
        }
    }
    if n < 0 && at > 0 {
        at -= 1;
        buf[at] = b'-';
    }
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_at_midnight_are_days_and_a_time_of_day_is_not() {
        use polars::prelude::{Int64Chunked, NewChunkedArray};
        let day = 86_400_000_000i64;
        let stamps = Int64Chunked::from_iter_options(
            "t".into(),
            [Some(16_000 * day), None, Some(-day)].into_iter(),
        );
        let days = midnight_days(&stamps, ArrowTimeUnit::Microsecond).unwrap();
        assert_eq!(
            days.iter().collect::<Vec<_>>(),
            [Some(16_000), None, Some(-1)]
        );
        let noon = Int64Chunked::from_slice("t".into(), &[16_000 * day + day / 2]);
        assert!(midnight_days(&noon, ArrowTimeUnit::Microsecond).is_none());
        // The same instant in seconds is a day only in seconds.
        let seconds = Int64Chunked::from_slice("t".into(), &[86_400]);
        assert!(midnight_days(&seconds, ArrowTimeUnit::Second).is_some());
        assert!(midnight_days(&seconds, ArrowTimeUnit::Millisecond).is_none());
    }

    #[test]
    fn counts_and_dates_are_written_as_csv_holds_them() {
        let mut buf = [0u8; 20];
        assert_eq!(write_int(0, &mut buf), "0");
        assert_eq!(write_int(-12, &mut buf), "-12");
        assert_eq!(write_int(i64::MAX, &mut buf), i64::MAX.to_string());
        assert_eq!(write_int(i64::MIN, &mut buf), i64::MIN.to_string());
        assert_eq!(write_date(0, &mut buf), "1970-01-01");
        assert_eq!(write_date(16_177, &mut buf), "2014-04-17");
        assert_eq!(write_date(-1, &mut buf), "1969-12-31");
        assert_eq!(write_date(11_016, &mut buf), "2000-02-29");
    }
}
