//! The figures of a clause: the numbers the tool's own reader finds in it
//! ([`quote::written`], the reader and word tables `validate --source-text` checks
//! quotes with), less the numbers that are no figure (years, months and days of a
//! date, ordinals, numbers in names), with ranges joined and "2 years and 6 months"
//! read as one duration.

use crate::dataset::Qualifier;
use crate::values::prose::{self as quote, Written};

use super::text::Span;

/// A number the text publishes, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Plain digits with '.' for decimals, expanded (1120.5万 = "11205000").
    pub value: String,
    /// The high end of a range.
    pub value_max: Option<String>,
    pub qualifier: Qualifier,
    /// Where the number (or the range, or the duration) is written, in bytes of the
    /// whole text.
    pub span: Span,
    /// A duration written in years and months, read as months.
    pub in_months: bool,
}

/// The month an English word names ("Sept." and "Sep" too), 1 to 12: the reader
/// of month names the mapped tables use.
pub fn month_of(word: &str) -> Option<u32> {
    crate::dataset::period::month_number(word)
}

/// The text of an exact decimal: `digits / 10^decimals`.
pub fn decimal_text(digits: i128, decimals: u32) -> String {
    let s = digits.to_string();
    if decimals == 0 {
        return s;
    }
    let d = decimals as usize;
    let padded = format!("{s:0>width$}", width = d + 1);
    format!(
        "{}.{}",
        &padded[..padded.len() - d],
        &padded[padded.len() - d..]
    )
}

/// The figures of the clause `span` of `text`.
pub fn figures(text: &str, span: Span, sentence_start: usize) -> Vec<Figure> {
    let clause = &text[span.0..span.1];
    let ws = quote::written(clause);
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let w = &ws[k];
        let ranged = w.wording == Qualifier::Range && ws.get(k + 1).is_some();
        let last = if ranged { k + 1 } else { k };
        let skip = (k..=last).any(|j| not_a_figure(clause, &ws, j, span.0 == sentence_start));
        if skip {
            k = last + 1;
            continue;
        }
        if let (Some(months), Some(next)) = (w.months, ws.get(k + 1)) {
            out.push(Figure {
                value: months.to_string(),
                value_max: None,
                qualifier: w.wording,
                span: (span.0 + w.start, span.0 + next.end),
                in_months: true,
            });
            k += 2;
            continue;
        }
        let high = &ws[last];
        out.push(Figure {
            value: decimal_text(w.digits, w.decimals),
            value_max: ranged.then(|| decimal_text(high.digits, high.decimals)),
            qualifier: w.wording,
            span: (span.0 + w.start, span.0 + high.end),
            in_months: false,
        });
        k = last + 1;
    }
    out
}

/// The word before byte `at` of `s` (letters only), and the one after `end`.
fn word_before(s: &str, at: usize) -> &str {
    let before = s[..at].trim_end();
    let start = before
        .rfind(|c: char| !c.is_alphabetic() || quote::is_han(c))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    &before[start..]
}

fn word_after(s: &str, end: usize) -> &str {
    let after = s[end..].trim_start();
    let stop = after
        .find(|c: char| !c.is_alphabetic() || quote::is_han(c))
        .unwrap_or(after.len());
    &after[..stop]
}

/// Whether number `k` of the clause is part of a date, an ordinal or a name.
fn not_a_figure(clause: &str, ws: &[Written], k: usize, opens_sentence: bool) -> bool {
    let w = &ws[k];
    let written = &clause[w.start..w.end];
    let whole = w.decimals == 0;
    let value = if whole { w.digits } else { -1 };
    let next = clause[w.end..].trim_start().chars().next();
    let prev = clause[..w.start].trim_end().chars().next_back();
    // Chinese dates and ordinals: 2021年, 1月 (not 1个月), 15日, 第五批.
    let year_like = whole && (1900..=2100).contains(&value);
    match next {
        Some('年') if year_like => return true,
        Some('月') if whole && (1..=12).contains(&value) => return true,
        Some('日' | '号') if whole && (1..=31).contains(&value) => return true,
        _ => {}
    }
    if prev == Some('第') || matches!(prev, Some('[' | '［')) {
        return true;
    }
    // 1-6月: a number joined by a dash to a month.
    if matches!(next, Some('-' | '–' | '—' | '~' | '～')) {
        if let Some(n) = ws.get(k + 1) {
            if clause[n.end..].trim_start().starts_with('月') {
                return true;
            }
        }
    }
    // English dates: "April 13", "15 April", "2014" on its own.
    let before = word_before(clause, w.start);
    let after = word_after(clause, w.end);
    if whole
        && (1..=31).contains(&value)
        && (month_of(before).is_some() || month_of(after).is_some())
    {
        return true;
    }
    let plain_digits = written.chars().all(|c| c.is_ascii_digit());
    if year_like && plain_digits && w.wording == Qualifier::Exact {
        return true;
    }
    if before.eq_ignore_ascii_case("no") || before.eq_ignore_ascii_case("article") {
        return true;
    }
    // Numbers in names: "Qihoo 360", "Top Ten Data", "Seven Bottom Lines"; and "one"
    // ("one of them") is rarely a published figure.
    let first_word = opens_sentence && clause[..w.start].trim().is_empty();
    let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    if written.eq_ignore_ascii_case("one") {
        return true;
    }
    if !first_word && capital(written) {
        return true;
    }
    let before_is_name = capital(before)
        && month_of(before).is_none()
        && ![
            "On",
            "In",
            "Of",
            "Among",
            "Since",
            "By",
            "Over",
            "About",
            "Nearly",
            "Some",
            "RMB",
            "US",
            "USD",
            "Almost",
            "Around",
            "Approximately",
            "Up",
            "More",
            "Fewer",
            "Less",
            "At",
            "Total",
            "Ten",
            "For",
            "From",
            "To",
            "And",
        ]
        .contains(&before)
        && !(opens_sentence && clause[..w.start].trim().eq(before));
    plain_digits && before_is_name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, Option<String>, Qualifier)> {
        figures(text, (0, text.len()), 0)
            .into_iter()
            .map(|f| (f.value, f.value_max, f.qualifier))
            .collect()
    }

    #[test]
    fn dates_are_no_figures() {
        assert_eq!(
            values("2021年1月全国受理举报1120.5万件"),
            vec![("11205000".into(), None, Qualifier::Exact)]
        );
        assert_eq!(
            values("On April 13, 2014 it closed 5 sites"),
            vec![("5".into(), None, Qualifier::Exact)]
        );
        assert!(values("From August 16 to 19").is_empty());
        assert!(values("2021年1-6月").is_empty());
    }

    #[test]
    fn decimals_ranges_and_durations() {
        assert_eq!(
            values("环比下降15.2%"),
            vec![("15.2".into(), None, Qualifier::Exact)]
        );
        assert_eq!(
            values("判处有期徒刑3至10年"),
            vec![("3".into(), Some("10".into()), Qualifier::Range)]
        );
        assert_eq!(
            values("sentenced him to 2 years and 6 months in prison"),
            vec![("30".into(), None, Qualifier::Exact)]
        );
        assert_eq!(
            values("逾3.2万条"),
            vec![("32000".into(), None, Qualifier::AtLeast)]
        );
    }

    #[test]
    fn names_are_no_figures() {
        assert!(values("Sina, Qihoo 360, Baidu").is_empty());
        assert!(values("the Top Ten Data").is_empty());
        assert_eq!(
            values("Ten of them paid"),
            vec![("10".into(), None, Qualifier::Exact)]
        );
    }

    #[test]
    fn decimal_text_keeps_every_digit() {
        assert_eq!(decimal_text(152, 1), "15.2");
        assert_eq!(decimal_text(8409, 4), "0.8409");
        assert_eq!(decimal_text(5, 2), "0.05");
    }
}
