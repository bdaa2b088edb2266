//! Periods as tables write them: quarters and halves in the spellings platforms and
//! pandas use (`2017Q4`, `Q4 2017`, `4Q2017`, `H2 2019`), months by name or number
//! (`Jan 2020`, `January 2020`, `2020-01`, `01/2020`), a span of months (`Jul-Dec
//! 2019`), a year, and a month name alone when the year is given apart.

use crate::table::short;
use crate::values::calendar::{Date, Month};

/// The forms a period may take, for messages.
pub const PERIOD_FORMS: &str = "2017-Q4 (or 2017Q4, 2017 Q4, Q4 2017, Q4-2017, 4Q2017), 2019-H2 (or 2019H2, H2 2019), Jul-Dec 2019, Jul 2019-Jun 2020, Jan 2020 (or January 2020), 2020-01 (or 01/2020), 2020";

/// The span `text` names. `year` is the year of a period written without one (a
/// month name alone, as a table whose year is only in its file name writes it).
pub fn parse(text: &str, year: Option<i32>) -> Result<(Date, Date), String> {
    let t = text.trim();
    if let Some(span) = numeric(t)
        .or_else(|| quarter_or_half(t))
        .or_else(|| across_years(t))
    {
        return Ok(span);
    }
    match named_months(t) {
        Some((first, last, Some(y))) => Ok(span_of(y, first, last)),
        Some((first, last, None)) => match year {
            Some(y) => Ok(span_of(y, first, last)),
            None => Err(format!(
                "'{}' names no year: give it in the mapping's \"when\", as \"year\": 2022, or run `cleanweb init DIR --from TABLE --period 2022`",
                short(t)
            )),
        },
        None if t.is_empty() => Err(format!("is blank: a period is one of {PERIOD_FORMS}")),
        None => Err(format!(
            "'{}' is not a period: write one of {PERIOD_FORMS}",
            short(t)
        )),
    }
}

/// Whether `text` is a month name (or span of month names) with no year.
pub fn lacks_year(text: &str) -> bool {
    matches!(named_months(text.trim()), Some((_, _, None)))
}

fn span_of(year: i32, first: u32, last: u32) -> (Date, Date) {
    (
        Month { year, month: first }.first_day(),
        Month { year, month: last }.last_day(),
    )
}

fn year_of(t: &str) -> Option<i32> {
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// `2020`, `2020-01`, `01/2020`, `1/2020`.
fn numeric(t: &str) -> Option<(Date, Date)> {
    if let Some(y) = year_of(t) {
        return Some(span_of(y, 1, 12));
    }
    if let Some(m) = Month::parse(t) {
        return Some((m.first_day(), m.last_day()));
    }
    let (m, y) = t.split_once('/')?;
    let month: u32 = (matches!(m.len(), 1 | 2) && m.bytes().all(|b| b.is_ascii_digit()))
        .then(|| m.parse().ok())
        .flatten()?;
    let y = year_of(y)?;
    (1..=12).contains(&month).then(|| span_of(y, month, month))
}

/// `Q4`, `H2` (or `4Q`, `2H`): months per part and the part's number.
fn part(t: &str) -> Option<(u32, u32)> {
    let b = t.as_bytes();
    let (letter, digit) = match b {
        [l @ (b'Q' | b'q' | b'H' | b'h'), d] => (*l, *d),
        [d, l @ (b'Q' | b'q' | b'H' | b'h')] => (*l, *d),
        _ => return None,
    };
    let n = u32::from(digit.checked_sub(b'0')?);
    let (size, count) = if letter.eq_ignore_ascii_case(&b'Q') {
        (3, 4)
    } else {
        (6, 2)
    };
    (1..=count).contains(&n).then_some((size, n))
}

/// `2017Q4`, `2017-Q4`, `2017 Q4`, `Q4 2017`, `Q4-2017`, `Q42017`, `4Q2017`, and the
/// same of halves.
fn quarter_or_half(t: &str) -> Option<(Date, Date)> {
    let (year, (size, n)) = match t.split_once(['-', ' ']) {
        Some((a, b)) => match (year_of(a), year_of(b)) {
            (Some(y), None) => (y, part(b)?),
            (None, Some(y)) => (y, part(a)?),
            _ => return None,
        },
        None if t.len() == 6 => {
            match (t.get(..4).and_then(year_of), t.get(2..).and_then(year_of)) {
                (Some(y), _) => (y, part(t.get(4..)?)?),
                (None, Some(y)) => (y, part(t.get(..2)?)?),
                _ => return None,
            }
        }
        None => return None,
    };
    Some(span_of(year, (n - 1) * size + 1, n * size))
}

/// The number of a month named in English, in full or by its first three letters
/// (`Sept` too), in any case.
pub fn month_number(name: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.trim().trim_end_matches('.').to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let i = NAMES
        .iter()
        .position(|n| *n == lower || (lower.len() == 3 && n.starts_with(&lower)))
        .or_else(|| (lower == "sept").then_some(8))?;
    Some(i as u32 + 1)
}

/// `Jul 2019 - Jun 2020`: a span of months from one year into another (a fiscal
/// year), each end with its year.
fn across_years(t: &str) -> Option<(Date, Date)> {
    let (a, b) = t.split_once(['-', '–'])?;
    let end = |side: &str| match named_months(side.trim()) {
        Some((first, last, Some(y))) if first == last => Some(Month {
            year: y,
            month: first,
        }),
        _ => None,
    };
    let (first, last) = (end(a)?, end(b)?);
    (first < last).then(|| (first.first_day(), last.last_day()))
}

/// `Jan 2020`, `January 2020`, `Jan-2020`, `Jul-Dec 2019`, `Jul - Dec 2019`,
/// `January`, `Jan-Mar`: the first and last month, and the year when written.
fn named_months(t: &str) -> Option<(u32, u32, Option<i32>)> {
    let (months, year) = match t.rsplit_once([' ', '-']) {
        Some((rest, y)) if year_of(y).is_some() => (rest.trim(), year_of(y)),
        _ => (t, None),
    };
    let mut names = months.splitn(2, ['-', '–']);
    let first = month_number(names.next()?)?;
    let last = match names.next() {
        Some(n) => month_number(n)?,
        None => first,
    };
    (first <= last).then_some((first, last, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(t: &str) -> String {
        match parse(t, None) {
            Ok((a, b)) => format!("{a}..{b}"),
            Err(e) => e,
        }
    }

    #[test]
    fn spellings_of_one_quarter_are_one_span() {
        for t in [
            "2017Q4", "2017-Q4", "Q4 2017", "Q4-2017", "2017 Q4", "4Q2017", "2017q4", "Q42017",
        ] {
            assert_eq!(span(t), "2017-10-01..2017-12-31", "{t}");
        }
        for t in ["2019H2", "H2 2019", "2019-H2", "2H2019"] {
            assert_eq!(span(t), "2019-07-01..2019-12-31", "{t}");
        }
        for t in [
            "Jan 2020",
            "January 2020",
            "2020-01",
            "01/2020",
            "1/2020",
            "jan-2020",
        ] {
            assert_eq!(span(t), "2020-01-01..2020-01-31", "{t}");
        }
        assert_eq!(span("Jul-Dec 2019"), "2019-07-01..2019-12-31");
        assert_eq!(span("Jul 2019 - Jun 2020"), "2019-07-01..2020-06-30");
        assert!(span("Jun 2020-Jul 2019").contains("is not a period"));
        assert_eq!(span("Feb - Apr 2020"), "2020-02-01..2020-04-30");
        assert_eq!(span("2016"), "2016-01-01..2016-12-31");
        assert_eq!(
            parse("February", Some(2024)).map(|(a, b)| format!("{a}..{b}")),
            Ok("2024-02-01..2024-02-29".into())
        );
    }

    #[test]
    fn other_spellings_are_refused_with_the_forms() {
        // Near misses; the spellings a user writes are refused in tests/.
        for t in [
            "2017-Q",
            "20-17Q4",
            "Q4 2017 Q1",
            "H2",
            "2019-H2-",
            "Sep-Aug",
            "2017Q",
        ] {
            let e = span(t);
            assert!(
                e.contains("is not a period: write one of 2017-Q4"),
                "{t}: {e}"
            );
        }
        assert!(span("March").contains("'March' names no year"));
        assert!(span("").contains("is blank"));
        assert!(lacks_year("Jan-Mar") && !lacks_year("Jan 2020"));
    }
}
