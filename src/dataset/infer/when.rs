//! When each row of a table as downloaded is: the column whose every value is a
//! month, a year, a date or a period, and what `--period` adds to it.

use serde_json::{json, Value};

use crate::dataset::period;
use crate::table::{At, DataError, Input, Problem};
use crate::values::calendar::{parse_with, Date, Month, DATE_FORMATS};

/// Whether a header says its cells are years: `Year`, `Period`, `Fiscal year`,
/// `年份`, `年度`.
fn year_header(column: &str) -> bool {
    let lower = column.to_lowercase();
    ["year", "period", "年"].iter().any(|w| lower.contains(w))
}

/// How a column says when its rows are, if every value says it; `year` is the
/// year of month names written alone.
pub(super) fn when_of(column: &str, values: &[&str], year: Option<i32>) -> Option<Value> {
    if values.is_empty() {
        return None;
    }
    if values.iter().all(|v| Month::parse(v).is_some()) {
        return Some(json!({"column": column, "form": "month"}));
    }
    if values
        .iter()
        .all(|v| v.len() == 4 && v.parse::<i32>().is_ok_and(|y| (1900..=2100).contains(&y)))
        && year_header(column)
    {
        return Some(json!({"column": column, "form": "year"}));
    }
    for format in DATE_FORMATS {
        let Ok(dates) = values
            .iter()
            .map(|v| parse_with(v, format))
            .collect::<Result<Vec<Date>, _>>()
        else {
            continue;
        };
        let mut distinct = dates.clone();
        distinct.sort();
        distinct.dedup();
        let month_ends = dates.iter().all(|d| *d == d.month().last_day());
        let index = |d: &Date| i64::from(d.year) * 12 + i64::from(d.month);
        let gaps: Vec<i64> = distinct
            .windows(2)
            .map(|w| index(&w[1]) - index(&w[0]))
            .collect();
        let length = match gaps.first() {
            // Calendar periods only: half-years end in June and December.
            Some(g)
                if month_ends
                    && gaps.iter().all(|x| x == g)
                    && distinct.iter().all(|d| i64::from(d.month) % g == 0) =>
            {
                match g {
                    1 => Some("month"),
                    3 => Some("quarter"),
                    6 => Some("half_year"),
                    12 => Some("year"),
                    _ => None,
                }
            }
            _ => None,
        };
        return Some(match length {
            Some(l) => {
                json!({"column": column, "form": "period_end", "length": l, "format": format})
            }
            None => json!({"column": column, "form": "date", "format": format}),
        });
    }
    // Periods as platforms write them (`2017Q4`, `H2 2019`, `Jan 2020`, `January`);
    // a column of bare numbers is counts, not years, unless its header says year.
    let bare_numbers = values.iter().all(|v| v.bytes().all(|b| b.is_ascii_digit()));
    if !bare_numbers && values.iter().all(|v| period::parse(v, Some(2000)).is_ok()) {
        let mut w = json!({"column": column, "form": "period"});
        if let Some(y) = year.filter(|_| values.iter().any(|v| period::lacks_year(v))) {
            w["year"] = json!(y);
        }
        return Some(w);
    }
    None
}

/// The column that says when, settled with `--period` (`init --period`): an end
/// date alone takes its length from the period, a period given where a column says
/// when is set aside, and with neither the whole table covers the period given.
/// What is decided is said.
pub(super) fn settle(
    when: Option<Value>,
    period: Option<(Date, Date)>,
    names: &[String],
    rows: &[(At, Vec<String>)],
    input: &Input<'_>,
    said: &mut Vec<String>,
) -> Result<Value, DataError> {
    // The length a lone end date takes from --period, worked out once.
    let ends = match (&when, period) {
        (Some(w), Some(p)) if w["form"] == "date" => ends_of(w, p, names, rows),
        _ => None,
    };
    Ok(match (when, period, ends) {
        // One end date alone ("Period Ending" of a single half-year) says no length:
        // --period gives it.
        (Some(w), Some(_), Some(length)) => {
            said.push(format!(
                "column '{}' holds the last day of each row's {} (--period)",
                w["column"].as_str().unwrap_or_default(),
                length.replace('_', "-")
            ));
            json!({"column": w["column"], "form": "period_end", "length": length, "format": w["format"]})
        }
        (Some(w), Some(_), _) if w.get("year").is_none() => {
            said.push(format!(
                "--period is not used: column '{}' says when each row is",
                w["column"].as_str().unwrap_or_default()
            ));
            w
        }
        (Some(w), None, _) if w["form"] == "date" && names_an_end(&w) => {
            said.push(format!(
                "column '{}' is read as the day of each figure: if it is the last day of the period each row covers (one half-year, say), run init again with --period (such as 2022-H1)",
                w["column"].as_str().unwrap_or_default()
            ));
            w
        }
        (Some(w), _, _) => w,
        (None, Some((from, to)), _) => {
            said.push(format!("no column says when each row is: every row covers {from} to {to} (--period)"));
            json!({"form": "fixed", "from": from.to_string(), "to": to.to_string()})
        }
        (None, None, _) => return Err(DataError::Invalid(vec![Problem::new(
            &input.name(),
            "no column holds dates, months, years or periods that every row fills: a mapping needs to know when each row is; give the period the whole table covers with --period (such as 2022-H1, 2022 or 2022-01-01..2022-06-30), or write the mapping's \"when\" by hand (see docs/mapping.md)",
        )])),
    })
}

/// The length of `period` (`month`, `quarter`, `half_year`, `year`) when every date
/// of the column `w` reads is the period's last day: the column is then the end of
/// the period each row covers, not the day of one action.
fn ends_of(
    w: &Value,
    (from, to): (Date, Date),
    names: &[String],
    rows: &[(At, Vec<String>)],
) -> Option<&'static str> {
    let months = (i64::from(to.year) * 12 + i64::from(to.month))
        - (i64::from(from.year) * 12 + i64::from(from.month))
        + 1;
    let length = match months {
        1 => "month",
        3 => "quarter",
        6 => "half_year",
        12 => "year",
        _ => return None,
    };
    let whole = from.day == 1 && to == to.month().last_day();
    let k = names.iter().position(|n| w["column"] == n.as_str())?;
    let format = w["format"].as_str()?;
    let ends = rows.iter().all(|(_, r)| {
        let cell = r.get(k).map_or("", |v| v.trim());
        cell.is_empty() || parse_with(cell, format).is_ok_and(|d| d == to)
    });
    (whole && ends).then_some(length)
}

/// Whether the header of the date column `w` reads says it ends a period ("Period
/// Ending", "period_end", "End date").
fn names_an_end(w: &Value) -> bool {
    let header = w["column"].as_str().unwrap_or_default().to_lowercase();
    ["period", "ending", "end"]
        .iter()
        .any(|x| header.contains(x))
}
