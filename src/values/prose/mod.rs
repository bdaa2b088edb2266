//! The numbers a quote states, read the way a person reads them, with the wording
//! around each: "1,222", "15.79 million", "85%", "four", "Ten", "2 years and 6
//! months", "more than 4,800", "fines ranging from 20,000 to 50,000 yuan"; and in
//! Chinese, "１２２２", "一千二百二十二", "1579万", "2.04亿", "三千余", "逾3.2万",
//! "2万元至10万元". `validate --source-text` uses them to prove that each recorded
//! value is one the source wrote, qualified as the source qualified it.

mod numerals;

use crate::values::decimal::ONE;
use crate::values::Qualifier;
use numerals::*;
pub use numerals::{digit, is_han};

/// A number a quote states, and the qualifier its wording gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    /// The number, in the fixed scale of [`crate::values::decimal`] (1.5 is `1_500_000_000`).
    pub amount: i128,
    /// `Exact` where no qualifying word stands next to the number.
    pub wording: Qualifier,
    /// The place value of the last digit written, in the fixed scale: 1 (as
    /// [`ONE`]) for a whole number written in full, 10,000 for "12.34 million",
    /// 100,000 for "3.4 million", 1,000 for 3.2万, 0.1 for 70.4%.
    pub step: i128,
}

/// Every number written in `quote` (in the fixed scale), in order of appearance.
/// Durations written as "X years and Y months" also yield their length in months.
pub fn amounts_in(quote: &str) -> Vec<i128> {
    statements(quote).into_iter().map(|s| s.amount).collect()
}

/// Every number written in `quote` with its wording, in order of appearance.
pub fn statements(quote: &str) -> Vec<Stated> {
    let tokens = tokenize(quote);
    let reads = reads_of(&tokens);
    let mut out = Vec::new();
    for (k, r) in reads.iter().enumerate() {
        let wording = wording_of(&tokens, &reads, k);
        out.push(Stated {
            amount: r.value,
            wording,
            step: r.step,
        });
        // "2 years and 6 months" = 30 months.
        if let Some(months) = duration_in_months(&tokens, r) {
            out.push(Stated {
                amount: months,
                wording,
                step: ONE,
            });
        }
    }
    out
}

/// The numbers of `tokens` in order.
fn reads_of(tokens: &[Token]) -> Vec<Read> {
    let mut reads = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match token_value(tokens, i) {
            Some(v) => {
                i = v.next;
                reads.push(v);
            }
            None => i += 1,
        }
    }
    reads
}

/// A number as written in a text, with where it stands: what `cleanweb extract`
/// proposes rows from, read by the same reader and word tables as [`statements`], so
/// that a row it proposes states its value as `validate --source-text` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The exact value is `digits / 10^decimals` (1120.5万 = 11205000 / 10^0,
    /// 15.2 = 152 / 10^1), every digit written kept (72.0 is 720 / 10^1).
    pub digits: i128,
    pub decimals: u32,
    pub wording: Qualifier,
    /// Byte offsets of the number as written, scales included ("1120.5万", "15.79
    /// million", "一千二百").
    pub start: usize,
    pub end: usize,
    /// "X years and Y months" as a number of months, this number being X.
    pub months: Option<i128>,
}

/// Every number written in `text` with its wording and its place, in order.
pub fn written(text: &str) -> Vec<Written> {
    let (tokens, spans) = tokenize_spans(text);
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let reads = reads_of(&tokens);
    reads
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let (digits, decimals) = as_written(r);
            Written {
                digits,
                decimals,
                wording: wording_of(&tokens, &reads, k),
                start: bytes[spans[r.start].0],
                end: bytes[spans[r.next - 1].1],
                months: duration_in_months(&tokens, r).map(|m| m / ONE),
            }
        })
        .collect()
}

/// The digits and decimals a number was written with: 72.0 is 720 and 1, 1120.5万
/// is 11205000 and 0 (the scale takes up the decimal).
fn as_written(r: &Read) -> (i128, u32) {
    if r.step >= ONE {
        return (r.value / ONE, 0);
    }
    let (mut decimals, mut step) = (0, r.step);
    while step < ONE {
        step *= 10;
        decimals += 1;
    }
    (r.value / r.step, decimals)
}

/// The words that qualify a number written before it: "more than 10", 逾3.2万.
const BEFORE: [(&[&str], Qualifier); 19] = [
    (&["more", "than"], Qualifier::AtLeast),
    (&["over"], Qualifier::AtLeast),
    (&["at", "least"], Qualifier::AtLeast),
    (&["in", "excess", "of"], Qualifier::AtLeast),
    (&["about"], Qualifier::Approx),
    (&["nearly"], Qualifier::Approx),
    (&["some"], Qualifier::Approx),
    (&["around"], Qualifier::Approx),
    (&["approximately"], Qualifier::Approx),
    (&["up", "to"], Qualifier::AtMost),
    (&["at", "most"], Qualifier::AtMost),
    (&["fewer", "than"], Qualifier::AtMost),
    (&["less", "than"], Qualifier::AtMost),
    (&["逾"], Qualifier::AtLeast),
    (&["超", "过"], Qualifier::AtLeast),
    (&["约"], Qualifier::Approx),
    (&["近"], Qualifier::Approx),
    (&["不", "到"], Qualifier::AtMost),
    (&["不", "足"], Qualifier::AtMost),
];
/// The Chinese words that qualify a number written after it: 三千余, 100家以上.
const AFTER_ZH: [(&[&str], Qualifier); 5] = [
    (&["余"], Qualifier::AtLeast),
    (&["多"], Qualifier::AtLeast),
    (&["以", "上"], Qualifier::AtLeast),
    (&["左", "右"], Qualifier::Approx),
    (&["以", "下"], Qualifier::AtMost),
];
/// Measure words and units that may stand between a Chinese number and the word
/// after it (100家以上, 2万元至10万元).
const MEASURE_ZH: &str = "家个款起件条人名元次部张批类种份台所户本位辆";

/// The qualifier the words around number `k` give it.
fn wording_of(tokens: &[Token], reads: &[Read], k: usize) -> Qualifier {
    let r = &reads[k];
    // Whether `words` stand at token `at`, or end just before number `r`.
    let words_at = |at: usize, words: &[&str]| -> bool {
        words
            .iter()
            .enumerate()
            .all(|(j, w)| tokens.get(at + j).is_some_and(|t| t.is_word(w)))
    };
    let before = |r: &Read, words: &[&str]| -> bool {
        r.start >= words.len() && words_at(r.start - words.len(), words)
    };
    // A range: "from X to Y", "X to Y", "between X and Y", X至Y, X到Y (with a measure
    // word or unit after X: 2万元至10万元).
    let range_with_next = |k: usize| -> bool {
        let (Some(first), Some(second)) = (reads.get(k), reads.get(k + 1)) else {
            return false;
        };
        let at = skip_measure(tokens, first.next);
        let Some(joiner) = tokens.get(at) else {
            return false;
        };
        let joins = ["to", "至", "到"].iter().any(|w| joiner.is_word(w))
            || (joiner.is_word("and") && before(first, &["between"]));
        joins && second.start == at + 1
    };
    if range_with_next(k) || (k > 0 && range_with_next(k - 1)) {
        return Qualifier::Range;
    }
    for (words, q) in BEFORE {
        if before(r, words) {
            return q;
        }
    }
    // After the number and its measure word, if any: 三千余, 100家以上.
    let after = skip_measure(tokens, r.next);
    for (words, q) in AFTER_ZH {
        if words_at(after, words) {
            return q;
        }
    }
    Qualifier::Exact
}

/// The index after the Chinese measure words at `at`.
fn skip_measure(tokens: &[Token], mut at: usize) -> usize {
    while let Some(Token::Han(c)) = tokens.get(at) {
        if !MEASURE_ZH.contains(*c) {
            break;
        }
        at += 1;
    }
    at
}

/// Reads "X years and Y months" starting at the number `years`.
fn duration_in_months(tokens: &[Token], years: &Read) -> Option<i128> {
    let unit_is = |at: usize, prefix: &str| matches!(tokens.get(at), Some(Token::Word(w)) if w.to_ascii_lowercase().starts_with(prefix));
    if !unit_is(years.next, "year") || !unit_is(years.next + 1, "and") {
        return None;
    }
    let months = token_value(tokens, years.next + 2)?;
    if !unit_is(months.next, "month") {
        return None;
    }
    if years.value % ONE != 0 || months.value % ONE != 0 {
        return None;
    }
    years.value.checked_mul(12)?.checked_add(months.value)
}

/// Runs of numerals that are no number as written (十十, 一万万, 1.2.3万): a
/// quote that holds one is a problem at the quote. A run with two digits in a row
/// (三五千, "three to five thousand") is a way of speaking, not a mistake, and a
/// dotted run with no scale after it may be a date (2014.5.20).
pub fn malformed(quote: &str) -> Vec<String> {
    tokenize(quote)
        .into_iter()
        .filter_map(|t| match t {
            Token::Malformed(s) => Some(s),
            _ => None,
        })
        .collect()
}

struct Read {
    /// In the fixed scale.
    value: i128,
    /// See [`Stated::step`].
    step: i128,
    /// Index of the number's first token.
    start: usize,
    /// Index of the first token after the number (and its multiplier).
    next: usize,
}

fn token_value(tokens: &[Token], i: usize) -> Option<Read> {
    let base = match tokens.get(i)? {
        Token::Numeral(s) => Base::Decimal(parse_numeral(s)?),
        Token::HanNumber(v) => Base::Whole(*v),
        Token::Word(w) => Base::Whole(word_number(w)?),
        _ => return None,
    };
    let mut multiplier: Option<i128> = None;
    let mut next = i + 1;
    if let Some(Token::Word(w)) = tokens.get(next) {
        multiplier = match w.to_ascii_lowercase().as_str() {
            "thousand" => Some(1_000),
            "million" => Some(1_000_000),
            "billion" => Some(1_000_000_000),
            _ => None,
        };
        next += usize::from(multiplier.is_some());
    }
    while let Some(Token::Scale(s)) = tokens.get(next) {
        multiplier = Some(multiplier.unwrap_or(1).checked_mul(*s)?);
        next += 1;
    }
    // In the fixed scale: 1.5 is 1_500_000_000, "12.34 million" is 12,340,000.
    let m = multiplier.unwrap_or(1).checked_mul(ONE)?;
    let (value, step) = match base {
        Base::Whole(v) => (v.checked_mul(m)?, m),
        Base::Decimal((int, frac, scale)) => {
            let part = frac.checked_mul(m)?;
            if part % scale != 0 {
                // More decimals than the fixed scale holds.
                return None;
            }
            (int.checked_mul(m)?.checked_add(part / scale)?, m / scale)
        }
    };
    Some(Read {
        value,
        step,
        start: i,
        next,
    })
}

#[cfg(test)]
mod tests;
