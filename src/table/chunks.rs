//! The column chunks of a Parquet row group: read with plain reads (not mapped, so
//! the pages of the file are not counted as the process's memory) and decoded by
//! polars-io's own page decoder. A text column whose chunk is dictionary-encoded is
//! decoded to its dictionary and one code a row, so its words are never written
//! out row by row; dates and integers stay typed; any other column is read through
//! polars and turned into text as polars writes it.

use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

use polars::io::parquet::metadata::FileMetadata;
use polars::io::parquet::read::_internal::to_deserializer;
use polars::prelude::{
    ArrowDataType, ArrowField, DataType, Int32Type, Int64Type, PlSmallStr, PolarsDataType, Series,
    StringType,
};
use polars_arrow::array::DictionaryArray;
use polars_arrow::bitmap::Bitmap;
use polars_arrow::datatypes::{IntegerType, Metadata, DTYPE_CATEGORICAL_NEW};
use polars_buffer::Buffer;

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

/// Reads and decodes column `field` of row group `index`, which has `rows` rows.
pub(super) fn decode(
    open: &mut Open<'_>,
    metadata: &FileMetadata,
    index: usize,
    field: &ArrowField,
    rows: usize,
) -> Result<Typed, String> {
    let err = |e: polars::prelude::PolarsError| e.to_string();
    let rg = metadata
        .row_groups
        .get(index)
        .ok_or_else(|| format!("no row group {index}"))?;
    let metas: Vec<_> = rg
        .columns_under_root_iter(&field.name)
        .ok_or_else(|| format!("no column {} in row group {index}", field.name))?
        .collect();
    let mut chunks = Vec::with_capacity(metas.len());
    for m in &metas {
        chunks.push((*m, Buffer::from_vec(open.read(m.byte_range())?)));
    }
    let text = matches!(field.dtype(), ArrowDataType::Utf8View)
        || matches!(field.dtype(), ArrowDataType::Dictionary(_, v, _) if **v == ArrowDataType::Utf8View);
    if text && metas.len() == 1 && metas[0].dictionary_page_offset().is_some() {
        // A chunk some of whose pages are not dictionary-encoded is refused by the
        // dictionary decoder, and read as text below.
        if let Ok((arrays, _)) = to_deserializer(chunks.clone(), dictionary_field(field), None) {
            if let Some(d) = coded(arrays, rows) {
                return Ok(Typed::Coded(d));
            }
        }
    }
    let (arrays, _) = to_deserializer(chunks, field.clone(), None).map_err(err)?;
    let column = Series::try_from((field, arrays)).map_err(err)?;
    let typed = match column.dtype() {
        DataType::Date => Typed::Days(
            column
                .date()
                .map_err(err)?
                .physical()
                .rechunk()
                .into_owned(),
        ),
        DataType::Int64 => Typed::Count(column.i64().map_err(err)?.rechunk().into_owned()),
        DataType::String => Typed::Text(column.str().map_err(err)?.rechunk().into_owned()),
        _ => {
            let text = column.cast(&DataType::String).map_err(err)?;
            Typed::Text(text.str().map_err(err)?.rechunk().into_owned())
        }
    };
    if column.len() != rows {
        return Err(format!(
            "column {} has {} rows in a row group of {rows}",
            field.name,
            column.len()
        ));
    }
    Ok(typed)
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
fn coded(
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
