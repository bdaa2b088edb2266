//! Dates and periods as a text states them: "2021年1月", "2021年1-6月", "2020年",
//! "截至5月底", "累计"; "in September 2014", "in 2020", "in the first half of 2021",
//! "since August", "to the end of May", "so far"; and the day a sentence is about
//! ("On April 14,", "2021年2月10日").

use crate::dataset::{Date, Month};
use crate::values::calendar::days_in_month;

use super::numbers::month_of;

/// The span of time a sentence says its figures cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stated {
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// A running total: "since", "so far", "to the end of", 截至, 累计.
    pub cumulative: bool,
}

/// A piece of a sentence: a number with the character after it, or a word.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// Digits (ASCII) and the character right after them.
    Num(u32, Option<char>),
    Word(String),
    Han(char),
}

fn pieces(s: &str) -> Vec<Piece> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (chars[i] == ',' && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            // A number with a thousands separator (2,084) is no year, month or day.
            let run: String = chars[start..i].iter().collect();
            let value = if run.contains(',') {
                u32::MAX
            } else {
                run.parse().unwrap_or(u32::MAX)
            };
            out.push(Piece::Num(value, chars.get(i).copied()));
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphabetic() || chars[i] == '-') {
                i += 1;
            }
            out.push(Piece::Word(
                chars[start..i]
                    .iter()
                    .collect::<String>()
                    .to_ascii_lowercase(),
            ));
        } else {
            if !c.is_whitespace() && !",.".contains(c) {
                out.push(Piece::Han(c));
            }
            i += 1;
        }
    }
    out
}

fn year_of(p: Option<&Piece>) -> Option<i32> {
    match p {
        Some(Piece::Num(y, _)) if (1900..=2100).contains(y) => Some(*y as i32),
        _ => None,
    }
}

fn month_piece(p: Option<&Piece>) -> Option<u32> {
    match p {
        Some(Piece::Word(w)) => month_of(w),
        _ => None,
    }
}

fn month_span(year: i32, first: u32, last: u32) -> Option<(Date, Date)> {
    if !(1..=12).contains(&first) || !(first..=12).contains(&last) {
        return None;
    }
    Some((
        Month { year, month: first }.first_day(),
        Month { year, month: last }.last_day(),
    ))
}

/// The period the sentence `s` states, with `year` the year the text is about.
pub fn stated(s: &str, year: Option<i32>) -> Option<Stated> {
    let ps = pieces(s);
    let text_has = |w: &str| s.contains(w);
    let cumulative_zh = text_has("截至") || text_has("截止") || text_has("累计");
    let mut found: Option<Stated> = None;
    for (i, p) in ps.iter().enumerate() {
        let at = |k: usize| ps.get(i + k);
        let word = |k: usize, w: &str| matches!(at(k), Some(Piece::Word(x)) if x == w);
        let span = match p {
            // 2021年1月, 2021年1-6月, 2021年1月至6月, 2021年上半年, 2020年.
            Piece::Num(y, Some('年')) if (1900..=2100).contains(y) => {
                let y = *y as i32;
                match (at(2), at(3), at(4)) {
                    (Some(Piece::Num(m, Some('月'))), _, _) => {
                        let (m, d) = (*m, day_after(&ps, i + 2));
                        if cumulative_zh {
                            let end = d.and_then(|d| date(y, m, d));
                            end.or_else(|| month_span(y, m, m).map(|s| s.1))
                                .map(|e| (None, e))
                        } else {
                            month_span(y, m, m).map(|(a, b)| (Some(a), b))
                        }
                    }
                    (Some(Piece::Num(m, Some('-' | '至' | '到' | '~'))), _, n) => match n {
                        Some(Piece::Num(m2, Some('月'))) => {
                            month_span(y, *m, *m2).map(|(a, b)| (Some(a), b))
                        }
                        _ => None,
                    },
                    (Some(Piece::Han('上')), Some(Piece::Han('半')), _) => {
                        month_span(y, 1, 6).map(|(a, b)| (Some(a), b))
                    }
                    (Some(Piece::Han('下')), Some(Piece::Han('半')), _) => {
                        month_span(y, 7, 12).map(|(a, b)| (Some(a), b))
                    }
                    _ => month_span(y, 1, 12).map(|(a, b)| (Some(a), b)),
                }
            }
            // 1月 with the year of the text.
            Piece::Num(m, Some('月'))
                if i == 0 || !matches!(ps[i - 1], Piece::Han('年') | Piece::Num(_, Some('年'))) =>
            {
                let y = year?;
                month_span(y, *m, *m).map(|(a, b)| (Some(a), b))
            }
            // "in September (2014)", "in 2020", "in the first half of 2021".
            Piece::Word(w) if w == "in" || w == "during" || w == "for" => {
                if let Some(m) = month_piece(at(1)) {
                    let y = year_of(at(2)).or(year);
                    y.and_then(|y| month_span(y, m, m))
                        .map(|(a, b)| (Some(a), b))
                } else if let Some(y) = year_of(at(1)) {
                    month_span(y, 1, 12).map(|(a, b)| (Some(a), b))
                } else if word(1, "the") && word(3, "half") && word(4, "of") {
                    let y = year_of(at(5)).or(year);
                    let (a, b) = if word(2, "first") { (1, 6) } else { (7, 12) };
                    y.and_then(|y| month_span(y, a, b))
                        .map(|(a, b)| (Some(a), b))
                } else {
                    None
                }
            }
            // "from January to June 2013", "between January 2018 and October 2023".
            Piece::Word(w) if (w == "from" || w == "between") && month_piece(at(1)).is_some() => {
                let m = month_piece(at(1))?;
                let (y1, k) = match year_of(at(2)) {
                    Some(y) => (Some(y), 3),
                    None => (None, 2),
                };
                let joined = word(k, "to") || word(k, "and") || word(k, "until");
                let m2 = month_piece(at(k + 1)).filter(|_| joined);
                let y2 = year_of(at(k + 2)).or(y1).or(year);
                match (m2, y2) {
                    (Some(m2), Some(y2)) => {
                        let y1 = y1.unwrap_or(y2);
                        let start = month_span(y1, m, m).map(|s| s.0);
                        let end = month_span(y2, m2, m2).map(|s| s.1);
                        start
                            .zip(end)
                            .map(|(a, b)| (Some(a), b))
                            .filter(|(a, b)| a.is_some_and(|a| a <= *b))
                    }
                    _ => None,
                }
            }
            // "since August (2014)": from the first of the month, to the announcement.
            Piece::Word(w) if w == "since" => {
                let m = month_piece(at(1))?;
                let y = year_of(at(2)).or(year)?;
                found = Some(Stated {
                    start: month_span(y, m, m).map(|s| s.0),
                    end: None,
                    cumulative: true,
                });
                break;
            }
            // "to / by / until the end of May".
            Piece::Word(w)
                if (w == "to" || w == "by" || w == "until")
                    && word(1, "the")
                    && word(2, "end")
                    && word(3, "of") =>
            {
                let m = month_piece(at(4))?;
                let y = year_of(at(5)).or(year)?;
                found = Some(Stated {
                    start: None,
                    end: month_span(y, m, m).map(|s| s.1),
                    cumulative: true,
                });
                break;
            }
            _ => None,
        };
        if let Some((start, end)) = span {
            found = Some(Stated {
                start,
                end: Some(end),
                cumulative: cumulative_zh || start.is_none(),
            });
            break;
        }
    }
    let so_far = s.contains("so far") || s.contains("to date") || cumulative_zh;
    match found {
        Some(f) => Some(Stated {
            cumulative: f.cumulative || so_far,
            ..f
        }),
        None if so_far => Some(Stated {
            start: None,
            end: None,
            cumulative: true,
        }),
        None => None,
    }
}

/// The day written as "D日" right after the month at `i`.
fn day_after(ps: &[Piece], i: usize) -> Option<u32> {
    match ps.get(i + 2) {
        Some(Piece::Num(d, Some('日' | '号'))) => Some(*d),
        _ => None,
    }
}

fn date(year: i32, month: u32, day: u32) -> Option<Date> {
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)).then_some(Date {
        year,
        month,
        day,
    })
}

/// The day a sentence opens with or a dateline gives: "On April 14,", "On November
/// 6, 2014,", "2021年2月10日", "10 February 2021", with `year` for a date that
/// writes none. The first such day in the sentence.
pub fn day(s: &str, year: Option<i32>) -> Option<Date> {
    let ps = pieces(s);
    for (i, p) in ps.iter().enumerate() {
        let at = |k: usize| ps.get(i + k);
        match p {
            Piece::Num(y, Some('年')) if (1900..=2100).contains(y) => {
                if let (Some(Piece::Num(m, Some('月'))), Some(d)) = (at(2), day_after(&ps, i + 2))
                {
                    return date(*y as i32, *m, d);
                }
            }
            Piece::Word(w) if month_of(w).is_some() && w.len() >= 3 => {
                let m = month_of(w)?;
                if let Some(Piece::Num(d, _)) = at(1) {
                    if let Some(y) = year_of(at(2)).or(year) {
                        return date(y, m, *d);
                    }
                }
            }
            Piece::Num(d, _) if (1..=31).contains(d) => {
                if let (Some(m), Some(y)) = (month_piece(at(1)), year_of(at(2))) {
                    return date(y, m, *d);
                }
            }
            _ => {}
        }
    }
    None
}

/// The years written in `s` (2014, 2021年), in order.
pub fn years(s: &str) -> Vec<i32> {
    pieces(s).iter().filter_map(|p| year_of(Some(p))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn chinese_months_and_spans() {
        let p = stated("2021年1月,全国各级网络举报部门受理举报1120.5万件", None).unwrap();
        assert_eq!(
            (p.start, p.end, p.cumulative),
            (Some(d("2021-01-01")), Some(d("2021-01-31")), false)
        );
        let p = stated("2021年1-6月,受理举报", None).unwrap();
        assert_eq!(
            (p.start, p.end),
            (Some(d("2021-01-01")), Some(d("2021-06-30")))
        );
        let p = stated("截至2021年5月底,累计关闭网站", None).unwrap();
        assert_eq!(
            (p.start, p.end, p.cumulative),
            (None, Some(d("2021-05-31")), true)
        );
    }

    #[test]
    fn english_periods() {
        let p = stated(
            "it received 40,217 valid reports from the public in September",
            Some(2014),
        )
        .unwrap();
        assert_eq!(
            (p.start, p.end),
            (Some(d("2014-09-01")), Some(d("2014-09-30")))
        );
        let p = stated(
            "Since August, Beijing police have cracked down on four gangs",
            Some(2014),
        )
        .unwrap();
        assert_eq!(
            (p.start, p.end, p.cumulative),
            (Some(d("2014-08-01")), None, true)
        );
        let p = stated("From January to June 2013, we received 3,846", None).unwrap();
        assert_eq!(
            (p.start, p.end),
            (Some(d("2013-01-01")), Some(d("2013-06-30")))
        );
        let p = stated("Between January 2018 and October 2023, it blocked", None).unwrap();
        assert_eq!(
            (p.start, p.end),
            (Some(d("2018-01-01")), Some(d("2023-10-31")))
        );
        let p = stated("in the first half of 2021, 6,096 URLs", None).unwrap();
        assert_eq!(
            (p.start, p.end),
            (Some(d("2021-01-01")), Some(d("2021-06-30")))
        );
        assert_eq!(stated("It closed 5 sites", Some(2014)), None);
    }

    #[test]
    fn days() {
        assert_eq!(
            day("On April 14, the Ministry", Some(2014)),
            Some(d("2014-04-14"))
        );
        assert_eq!(
            day("On November 6, 2014, the Office", Some(2015)),
            Some(d("2014-11-06"))
        );
        assert_eq!(day("2021年2月10日发布", None), Some(d("2021-02-10")));
        assert_eq!(
            day("published 10 February 2021", None),
            Some(d("2021-02-10"))
        );
    }
}
