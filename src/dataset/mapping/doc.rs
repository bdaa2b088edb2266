//! A mapping as `datapackage.json` writes it: the typed parts serde reads, each
//! key refused when unknown and each word with the nearest valid one.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::super::cell::{Blank, Rounding, UnknownMarker};
use super::super::doc::{pick, List, Many, Part, Shape, Text, TextOr, Texts, Word, Words};
use super::super::{Basis, Dimension};

/// A mapping as `datapackage.json` writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingDoc {
    pub(super) total_rows: Option<Texts>,
    pub(super) sheet: Option<Text>,
    pub(super) header_row: Option<Part<u64>>,
    pub(super) when: Option<Part<WhenDoc>>,
    pub(super) dimensions: List<TextOr<DimensionDoc>>,
    pub(super) measures: List<MeasureDoc>,
    pub(super) records: Option<Part<RecordsDoc>>,
    pub(super) cells: Option<Part<CellsDoc>>,
    pub(super) shares: Option<Word<Complete>>,
    pub(super) ignore: Option<Texts>,
    pub(super) source: Option<Text>,
    pub(super) authority: Option<Text>,
    pub(super) region: Option<Text>,
    pub(super) announced: Option<Text>,
    /// A column's other headers, as other editions of the table write them:
    /// `{"Requestor": ["Requester"]}`.
    pub(super) other_headers: Option<BTreeMap<String, Texts>>,
    /// A dimension's values under their other spellings, by its name:
    /// `{"country_region": {"Türkiye": ["Turkey"]}}`.
    pub(super) spellings: Option<BTreeMap<String, BTreeMap<String, Texts>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WhenDoc {
    pub(super) column: Option<Text>,
    pub(super) form: Option<Word<Form>>,
    pub(super) length: Option<Word<Months>>,
    pub(super) format: Option<Text>,
    pub(super) from: Option<Text>,
    pub(super) to: Option<Text>,
    pub(super) year: Option<Year>,
}

/// A dimension as an object (or its column's name alone: [`TextOr`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DimensionDoc {
    pub(super) column: Option<Text>,
    pub(super) name: Option<Text>,
    pub(super) role: Option<Word<Role>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MeasureDoc {
    /// `{"to": 1000}`, or a long measure's by metric.
    pub(super) rounded: Option<Part<super::rounded::RoundedDoc>>,
    pub(super) units: Option<BTreeMap<String, Text>>,
    /// Words, each checked with the measure's other problems.
    pub(super) bases: Option<BTreeMap<String, Text>>,
    pub(super) column: Option<Text>,
    pub(super) columns: Option<Texts>,
    pub(super) dimension: Option<Text>,
    pub(super) value: Option<Text>,
    pub(super) metric_column: Option<Text>,
    pub(super) metric: Option<Text>,
    pub(super) unit: Option<Text>,
    pub(super) basis: Option<Word<Basis>>,
    pub(super) share_of: Option<Text>,
    pub(super) total_of: Option<Texts>,
    pub(super) cells: Option<Part<CellsDoc>>,
    pub(super) unit_overruled: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RecordsDoc {
    pub(super) metric: Option<Text>,
    pub(super) unit: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CellsDoc {
    pub(super) blank: Option<Word<Blank>>,
    pub(super) unknown: Option<UnknownMarkers>,
    pub(super) not_reported: Option<Texts>,
    /// The older name of `not_reported`.
    pub(super) missing: Option<Texts>,
    pub(super) thousands: Option<OneChar>,
    pub(super) decimal: Option<OneChar>,
    pub(super) footnotes: Option<bool>,
    pub(super) rounding: Option<Word<Rounding>>,
}

/// How a row says when it is.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Form {
    Date,
    Month,
    Year,
    PeriodEnd,
    Period,
    Fixed,
}

impl Words for Form {
    const WHAT: &'static str = "a form of date";
    const WORDS: &'static [&'static str] =
        &["date", "month", "year", "period_end", "period", "fixed"];
    fn parse(word: &str) -> Option<Self> {
        use Form::*;
        pick(
            word,
            Self::WORDS,
            &[Date, Month, Year, PeriodEnd, Period, Fixed],
        )
    }
}

/// A period's length in months.
pub(super) struct Months(pub(super) u32);

impl Words for Months {
    const WHAT: &'static str = "a period length";
    const WORDS: &'static [&'static str] = &["month", "quarter", "half_year", "year"];
    fn parse(word: &str) -> Option<Self> {
        pick(word, Self::WORDS, &[1, 3, 6, 12]).map(Months)
    }
}

/// Whether a row's shares are all the parts of their base.
pub(super) struct Complete(pub(super) bool);

impl Words for Complete {
    const WHAT: &'static str = "a kind of share set";
    const WORDS: &'static [&'static str] = &["complete", "partial"];
    fn parse(word: &str) -> Option<Self> {
        pick(word, Self::WORDS, &[true, false]).map(Complete)
    }
}

/// The observation field a dimension fills.
pub(super) struct Role(pub(super) Dimension);

impl Words for Role {
    const WHAT: &'static str = "a role";
    const WORDS: &'static [&'static str] = &["region", "category", "entity", "authority"];
    fn parse(word: &str) -> Option<Self> {
        Dimension::parse(word).map(Role)
    }
}

impl Words for Blank {
    const WHAT: &'static str = "a meaning of blank";
    const WORDS: &'static [&'static str] = &Blank::WORDS;
    fn parse(word: &str) -> Option<Self> {
        Blank::parse(word)
    }
}

impl Words for Rounding {
    const WHAT: &'static str = "a rounding";
    const WORDS: &'static [&'static str] = &Rounding::WORDS;
    fn parse(word: &str) -> Option<Self> {
        Rounding::parse(word)
    }
}

/// The year of a period column's month names (`"year": 2022`).
#[derive(Deserialize)]
#[serde(try_from = "Value")]
pub(super) struct Year(pub(super) i32);

impl TryFrom<Value> for Year {
    type Error = String;
    fn try_from(v: Value) -> Result<Self, String> {
        match v.as_i64().and_then(|y| i32::try_from(y).ok()) {
            Some(y) if (1000..=9999).contains(&y) => Ok(Year(y)),
            _ => Err(format!(
                "{v} is not a year: write the year of the month names as a number, such as 2022"
            )),
        }
    }
}

impl Shape for DimensionDoc {
    const WHAT: &'static str = "a column's name or an object";
}

/// The markers of a value not published: texts (from 0 up), or
/// `{"marker": "*", "at_least": 10}` for a marker that gives a floor.
#[derive(Deserialize)]
#[serde(try_from = "Many<TextOr<FloorDoc>>")]
pub(super) struct UnknownMarkers(pub(super) Vec<UnknownMarker>);

/// A marker that gives a floor.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FloorDoc {
    marker: Text,
    at_least: Option<serde_json::Number>,
}

impl Shape for FloorDoc {
    const WHAT: &'static str =
        "a text or a list of texts and {\"marker\": TEXT, \"at_least\": NUMBER}";
}

impl TryFrom<Many<TextOr<FloorDoc>>> for UnknownMarkers {
    type Error = String;
    fn try_from(many: Many<TextOr<FloorDoc>>) -> Result<Self, String> {
        let one = |m: TextOr<FloorDoc>| -> Result<UnknownMarker, String> {
            let (Text(text), floor) = match m {
                TextOr::Text(t) => (t, None),
                TextOr::Object(f) => (f.marker, f.at_least),
            };
            let floor = match floor {
                None => crate::values::decimal::Value::whole(0),
                Some(n) => crate::values::decimal::Value::parse(&n.to_string())
                    .map_err(|e| format!("the floor of '{text}': {e}"))?,
            };
            Ok(UnknownMarker { text, floor })
        };
        many.0
            .into_iter()
            .map(one)
            .collect::<Result<_, _>>()
            .map(UnknownMarkers)
    }
}

/// A thousands separator or decimal mark.
#[derive(Deserialize)]
#[serde(try_from = "Text")]
pub(super) struct OneChar(pub(super) char);

impl TryFrom<Text> for OneChar {
    type Error = String;
    fn try_from(t: Text) -> Result<Self, String> {
        let mut chars = t.0.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_ascii_digit() => Ok(OneChar(c)),
            _ => Err(format!(
                "'{}' must be one character that is not a digit",
                t.0
            )),
        }
    }
}
