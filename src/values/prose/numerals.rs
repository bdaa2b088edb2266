//! Numerals and number words, token by token: digits with separators (full-width
//! ones as ASCII), Chinese numerals and scales (一千二百二十二, 1579万), English
//! number words, and what is no number as written.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    /// Digits as written (full-width ones as ASCII), with thousands separators and at
    /// most one decimal point.
    Numeral(String),
    /// A number in Chinese numerals (十二, 一千二百二十二, 两万), already read.
    HanNumber(i128),
    /// A Chinese scale right after digits: 百, 千, 万, 亿 (1579万, 2.04亿).
    Scale(i128),
    Word(String),
    /// Any other Han character, one token each, so that wording can be matched.
    Han(char),
    Percent,
    /// Numerals that are no number as written: 十十, 1.2.3万.
    Malformed(String),
    Other,
}

impl Token {
    pub(super) fn is_word(&self, w: &str) -> bool {
        match self {
            Token::Word(s) => s.eq_ignore_ascii_case(w),
            Token::Han(c) => w.chars().eq(std::iter::once(*c)),
            _ => false,
        }
    }
}

/// An ASCII or full-width digit, as ASCII.
pub fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

pub(super) fn han_digit(c: char) -> Option<i128> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

pub(super) fn han_scale(c: char) -> Option<i128> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

pub(super) fn tokenize(text: &str) -> Vec<Token> {
    tokenize_spans(text).0
}

/// The tokens of `text`, and for each the span of characters it was read from
/// (tokens read together, a numeral and its scales, share the span).
pub(super) fn tokenize_spans(text: &str) -> (Vec<Token>, Vec<(usize, usize)>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        spans.resize(out.len(), (i, i));
        let start = i;
        let c = chars[i];
        if digit(c).is_some() {
            let mut s = String::new();
            while i < chars.len() {
                let d = chars[i];
                let point = d == '.' || d == '．';
                let joins_digits = (d == ',' || point)
                    && i + 1 < chars.len()
                    && digit(chars[i + 1]).is_some()
                    && !s.is_empty();
                if let Some(d) = digit(d) {
                    s.push(d);
                    i += 1;
                } else if joins_digits {
                    s.push(if point { '.' } else { ',' });
                    i += 1;
                } else {
                    break;
                }
            }
            // 1.2.3万: a number with two decimal points, scaled.
            let scaled = chars
                .get(i)
                .copied()
                .and_then(han_scale)
                .is_some_and(|x| x != 10);
            if scaled && s.matches('.').count() > 1 {
                while let Some(c) = chars.get(i).copied().filter(|c| han_scale(*c).is_some()) {
                    s.push(c);
                    i += 1;
                }
                out.push(Token::Malformed(s));
            } else {
                out.push(Token::Numeral(s));
                // 1579万, 2.04亿, 1.2万亿: scales after digits (十 is not one: 5十 is
                // not how anyone writes 50).
                while let Some(scale) = chars.get(i).copied().and_then(han_scale) {
                    if scale == 10 {
                        break;
                    }
                    out.push(Token::Scale(scale));
                    i += 1;
                }
            }
        } else if han_digit(c).is_some()
            || (c == '十' && !matches!(out.last(), Some(Token::Numeral(_))))
        {
            let start = i;
            while i < chars.len()
                && (han_digit(chars[i]).is_some() || han_scale(chars[i]).is_some())
            {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            let spoken = run
                .chars()
                .zip(run.chars().skip(1))
                .any(|(a, b)| han_digit(a).is_some() && han_digit(b).is_some());
            match read_han(&run) {
                Some(v) => out.push(Token::HanNumber(v)),
                None if !spoken => out.push(Token::Malformed(run)),
                None => out.extend(run.chars().map(Token::Han)),
            }
        } else if c.is_alphabetic() && !is_han(c) {
            let mut s = String::new();
            while i < chars.len()
                && ((chars[i].is_alphabetic() && !is_han(chars[i])) || chars[i] == '-')
            {
                s.push(chars[i]);
                i += 1;
            }
            out.push(Token::Word(s));
        } else if is_han(c) {
            out.push(Token::Han(c));
            i += 1;
        } else if c == '%' || c == '％' {
            out.push(Token::Percent);
            i += 1;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Other);
            }
            i += 1;
        }
        spans.resize(out.len(), (start, i));
    }
    (out, spans)
}

/// CJK ideographs, where words are not separated by spaces.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3007}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Reads a run of Chinese numerals: 十二 = 12, 一千二百二十二 = 1,222, 两万 = 20,000,
/// 三千零五 = 3,005, 一亿二千万 = 120,000,000, and digits written one by one (二〇一四
/// = 2014). `None` for a run that is no number as written: two digits in a row
/// (三五千), a scale with nothing to multiply or out of order (十十, 一百千), a
/// second 万 before an 亿 (一万万).
pub(super) fn read_han(run: &str) -> Option<i128> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() > 1 && chars.iter().all(|c| han_digit(*c).is_some()) {
        return chars
            .iter()
            .try_fold(0i128, |n, c| n.checked_mul(10)?.checked_add(han_digit(*c)?));
    }
    // Below 万, the 万s, and the 亿s so far.
    let (mut section, mut wan, mut yi) = (0i128, 0i128, 0i128);
    let mut digit: Option<i128> = None;
    // The last of 十, 百, 千 in this section (they go down), and whether this 亿
    // group has had its 万.
    let (mut last_small, mut had_wan) = (10_000i128, false);
    for c in chars {
        if let Some(d) = han_digit(c) {
            if digit.is_some_and(|p| p != 0) {
                return None;
            }
            digit = Some(d);
            continue;
        }
        let scale = han_scale(c)?;
        let n = digit.take().unwrap_or(0);
        match scale {
            10 | 100 | 1_000 => {
                // 十 at the start of a section is 一十; any other scale needs its digit.
                let n = match n {
                    0 if scale == 10 && section == 0 => 1,
                    0 => return None,
                    n => n,
                };
                if scale >= last_small {
                    return None;
                }
                last_small = scale;
                section = section.checked_add(n.checked_mul(scale)?)?;
            }
            10_000 => {
                let below = section.checked_add(n)?;
                if below == 0 || had_wan {
                    return None;
                }
                wan = below.checked_mul(scale)?;
                (section, last_small, had_wan) = (0, 10_000, true);
            }
            _ => {
                let below = wan.checked_add(section)?.checked_add(n)?;
                if below == 0 && yi == 0 {
                    return None;
                }
                yi = yi.checked_add(below)?.checked_mul(scale)?;
                (wan, section, last_small, had_wan) = (0, 0, 10_000, false);
            }
        }
    }
    yi.checked_add(wan)?
        .checked_add(section)?
        .checked_add(digit.unwrap_or(0))
}

pub(super) enum Base {
    Whole(i128),
    /// integer part, fractional digits as an integer, 10^(number of fractional digits)
    Decimal((i128, i128, i128)),
}

pub(super) fn parse_numeral(s: &str) -> Option<(i128, i128, i128)> {
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a, b),
        None => (s, ""),
    };
    if frac.contains(',') || frac.contains('.') {
        return None;
    }
    let int: String = int.chars().filter(|c| *c != ',').collect();
    let int: i128 = int.parse().ok()?;
    if frac.is_empty() {
        return Some((int, 0, 1));
    }
    let scale = 10i128.checked_pow(u32::try_from(frac.len()).ok()?)?;
    Some((int, frac.parse().ok()?, scale))
}

pub(super) fn word_number(word: &str) -> Option<i128> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let w = word.to_ascii_lowercase();
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as i128);
    }
    if w == "hundred" {
        return Some(100);
    }
    let (tens, unit) = match w.split_once('-') {
        Some((t, u)) => (t, Some(u)),
        None => (w.as_str(), None),
    };
    let t = TENS.iter().position(|x| *x == tens)? as i128;
    let u = match unit {
        Some(u) => UNITS[1..10].iter().position(|x| *x == u)? as i128 + 1,
        None => 0,
    };
    Some((t + 2) * 10 + u)
}
