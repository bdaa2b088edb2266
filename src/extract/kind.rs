//! What a figure counts, from the words around it: a count of things, money, a
//! duration, a share, a rate, a multiple, or a change (month on month, year on
//! year), with the change's sign.

use super::numbers::Figure;
use super::Script;

/// What kind of quantity a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Count,
    Money,
    Duration,
    Share,
    Rate,
    Multiple,
    /// A stated change; `down` for a fall.
    Change {
        down: bool,
        compared: Compared,
    },
}

/// What a stated change compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compared {
    PreviousMonth,
    SameMonthLastYear,
    Unstated,
}

impl Kind {
    /// Whether figures of this kind add up: counts and money, not shares, rates or
    /// changes.
    pub fn additive(self) -> bool {
        matches!(self, Kind::Count | Kind::Money)
    }

    /// The word the evaluation and `--with-kind` print.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Duration => "duration",
            Kind::Share => "share",
            Kind::Rate => "rate",
            Kind::Multiple => "multiple",
            Kind::Change { down: true, .. } => "change_down",
            Kind::Change { down: false, .. } => "change_up",
        }
    }
}

/// A figure's kind and the unit it is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub kind: Kind,
    pub unit: &'static str,
}

use crate::dataset::sign::{FALLING as DOWN, RISING as UP};
const MONTH_ON_MONTH: [&str; 4] = ["环比", "month on month", "month-on-month", "previous month"];
const YEAR_ON_YEAR: [&str; 5] = [
    "同比",
    "year on year",
    "year-on-year",
    "a year earlier",
    "same period last year",
];
const DAILY: [&str; 7] = [
    "日均",
    "每天",
    "每日",
    "daily",
    "every day",
    "per day",
    "a day",
];
const MONEY_AFTER: [&str; 4] = ["元", "yuan", "rmb", "renminbi"];
const MONEY_BEFORE: [&str; 3] = ["rmb", "¥", "￥"];

fn reading(kind: Kind, unit: &'static str) -> Reading {
    Reading { kind, unit }
}

/// Whether `words` has a word of language `lang` in `text`, as a whole word for
/// English.
fn has(text: &str, words: &[&str], lang: Script) -> bool {
    let lower = text.to_lowercase();
    words
        .iter()
        .filter(|w| super::in_language(w, lang))
        .any(|w| {
            lower
                .match_indices(w)
                .any(|(at, _)| super::text::whole_word(&lower, at, w))
        })
}

/// The kind and unit of `figure` in the clause `clause` (a slice of `text` that
/// starts at byte `offset`).
pub fn read(clause: &str, offset: usize, figure: &Figure, lang: Script) -> Reading {
    let (start, end) = (figure.span.0 - offset, figure.span.1 - offset);
    let after = clause[end..].trim_start();
    let after_lower = after.to_lowercase();
    let before = clause[..start].trim_end();
    let before_lower = before.to_lowercase();
    let starts = |words: &[&str]| words.iter().any(|w| after_lower.starts_with(w));
    let percent = starts(&["%", "％", "percent", "per cent"]);
    let compared = if has(clause, &MONTH_ON_MONTH, lang) {
        Some(Compared::PreviousMonth)
    } else if has(clause, &YEAR_ON_YEAR, lang) {
        Some(Compared::SameMonthLastYear)
    } else {
        None
    };
    // "up" and "down" say a change only right before the number ("were up 12%"), not
    // in "made up 70.4%"... unless a comparison is named.
    let mut last_words = before_lower.rsplit(' ');
    let last_word = last_words.next().unwrap_or("");
    let last_word = match last_words.next() {
        Some("made" | "make" | "makes" | "making") => "",
        _ => last_word,
    };
    let said = |words: &[&str]| {
        let long: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| *w != "up" && *w != "down")
            .collect();
        has(before, &long, lang) || (lang == Script::En && words.contains(&last_word))
    };
    let down = said(&DOWN) || (has(clause, &DOWN, lang) && !said(&UP));
    // "a 68 percent increase": the change word right after the percent, however
    // often the percent is written ("a 20 percent percent increase", as printed).
    let mut rest = after_lower.as_str();
    while let Some(t) = ["%", "％", "percent", "per cent"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
    {
        rest = t.trim_start();
    }
    let next_word: String = rest.split_whitespace().next().unwrap_or("").to_string();
    let named_after = lang == Script::En
        && percent
        && (UP.contains(&next_word.as_str()) || DOWN.contains(&next_word.as_str()));
    let down = down || (named_after && DOWN.contains(&next_word.as_str()));
    let changes = said(&DOWN) || said(&UP) || compared.is_some() || named_after;
    if changes && (percent || compared.is_some()) {
        return Reading {
            kind: Kind::Change {
                down,
                compared: compared.unwrap_or(Compared::Unstated),
            },
            unit: if percent { "percent" } else { "count" },
        };
    }
    if percent {
        return reading(Kind::Share, "percent");
    }
    if starts(&["倍", "times"]) {
        return reading(Kind::Multiple, "multiple");
    }
    if starts(&MONEY_AFTER) || MONEY_BEFORE.iter().any(|w| before_lower.ends_with(w)) {
        return reading(Kind::Money, "yuan");
    }
    if figure.in_months || starts(&["个月", "months", "month"]) {
        return reading(Kind::Duration, "months");
    }
    if starts(&["年", "years", "year"]) {
        return reading(Kind::Duration, "years");
    }
    if has(clause, &DAILY, lang) {
        return reading(Kind::Rate, "per_day");
    }
    reading(Kind::Count, "count")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(clause: &str) -> (&'static str, &'static str) {
        let f = super::super::numbers::figures(clause, (0, clause.len()), 0);
        let r = read(clause, 0, &f[0], super::super::guess_language(clause));
        (r.kind.as_str(), r.unit)
    }

    #[test]
    fn each_kind_from_its_words() {
        assert_eq!(kind_of("受理举报1120.5万件"), ("count", "count"));
        assert_eq!(kind_of("环比下降15.2%"), ("change_down", "percent"));
        assert_eq!(kind_of("同比增长3.3%"), ("change_up", "percent"));
        assert_eq!(kind_of("up 12% year on year"), ("change_up", "percent"));
        assert_eq!(
            kind_of("fell 4.1 percent from the previous month"),
            ("change_down", "percent")
        );
        assert_eq!(kind_of("占70.4%"), ("share", "percent"));
        assert_eq!(kind_of("罚款2万元"), ("money", "yuan"));
        assert_eq!(kind_of("fined him RMB 20,000"), ("money", "yuan"));
        assert_eq!(
            kind_of("a fine of 5 to 10 times the amount"),
            ("multiple", "multiple")
        );
        assert_eq!(kind_of("增长1.8倍"), ("multiple", "multiple"));
        assert_eq!(kind_of("判处有期徒刑3年"), ("duration", "years"));
        assert_eq!(kind_of("拘留6个月"), ("duration", "months"));
        assert_eq!(
            kind_of("more than 3,000 reports received daily"),
            ("rate", "per_day")
        );
        assert_eq!(kind_of("日均受理举报3.6万件"), ("rate", "per_day"));
    }
}
