//! Checked observations as a polars `DataFrame` with typed columns: the hand-over
//! from the row-by-row loader (exact error positions) to the column engine
//! (aggregation, Parquet).

use polars::prelude::*;

use super::{Observation, Value, OBSERVATION_COLUMNS};

/// Every observation column, typed: dates as `Date`, `value`/`value_max` as `Int64`
/// when every value is written whole, else as their text as written (an exact
/// decimal that reads back digit for digit), the rest as text (empty text where the
/// table left a cell empty).
pub fn observations_frame(obs: &[Observation]) -> PolarsResult<DataFrame> {
    let text = |f: &dyn Fn(&Observation) -> &str| -> Vec<&str> { obs.iter().map(f).collect() };
    let days = |d: Option<super::Date>| d.map(|d| d.days_since_epoch() as i32);
    let date_col = |name: &str, v: Vec<Option<i32>>| -> PolarsResult<Column> {
        Series::new(name.into(), v)
            .cast(&DataType::Date)
            .map(Column::from)
    };
    let columns = vec![
        Column::new("id".into(), text(&|o| &o.id)),
        date_col("date", obs.iter().map(|o| days(Some(o.date))).collect())?,
        date_col(
            "period_start",
            obs.iter().map(|o| days(o.period_start)).collect(),
        )?,
        date_col(
            "period_end",
            obs.iter().map(|o| days(o.period_end)).collect(),
        )?,
        Column::new("authority".into(), text(&|o| &o.authority)),
        Column::new("region".into(), text(&|o| &o.region)),
        Column::new("metric".into(), text(&|o| &o.metric)),
        Column::new("category".into(), text(&|o| &o.category)),
        Column::new("entity".into(), text(&|o| &o.entity)),
        value_col("value", obs.iter().map(|o| o.written_value()).collect()),
        value_col("value_max", obs.iter().map(|o| o.value_max).collect()),
        Column::new("qualifier".into(), text(&|o| o.qualifier.as_str())),
        Column::new("unit".into(), text(&|o| &o.unit)),
        Column::new("basis".into(), text(&|o| o.basis.as_str())),
        Column::new("quote".into(), text(&|o| &o.quote)),
        Column::new("source".into(), text(&|o| &o.source)),
        Column::new("note".into(), text(&|o| &o.note)),
    ];
    debug_assert_eq!(columns.len(), OBSERVATION_COLUMNS.len());
    DataFrame::new(obs.len(), columns)
}

/// A column of values: `Int64` if every one is written with no decimals, else the
/// values as written (`1200.00` keeps its two zeros, and the rounding they say).
fn value_col(name: &str, values: Vec<Option<Value>>) -> Column {
    let whole: Option<Vec<Option<i64>>> = values
        .iter()
        .map(|v| match v {
            Some(v) if v.decimals() > 0 => None,
            Some(v) => v.as_whole().map(Some),
            None => Some(None),
        })
        .collect();
    match whole {
        Some(w) => Column::new(name.into(), w),
        None => Column::new(
            name.into(),
            values
                .iter()
                .map(|v| v.map(|v| v.plain()))
                .collect::<Vec<Option<String>>>(),
        ),
    }
}
