//! The numbers a quote states, read the way a person reads them: "1,222", "15.79
//! million", "85%", "four", "Ten", "2 years and 6 months". `validate --source-text`
//! uses them to prove that each recorded value is the one the source wrote.

/// Every number written in `quote`, in order of appearance. Durations written as
/// "X years and Y months" also yield their length in months.
pub fn numbers_in(quote: &str) -> Vec<i128> {
    let tokens = tokenize(quote);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(v) = token_value(&tokens, i) {
            out.push(v.value);
            // "2 years and 6 months" = 30 months.
            if let Some(months) = duration_in_months(&tokens, &v) {
                out.push(months);
            }
            i = v.next;
        } else {
            i += 1;
        }
    }
    out
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
    years.value.checked_mul(12)?.checked_add(months.value)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// Digits as written, with thousands separators and at most one decimal point.
    Numeral(String),
    Word(String),
    Percent,
    Other,
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let mut s = String::new();
            while i < chars.len() {
                let d = chars[i];
                let joins_digits = (d == ',' || d == '.')
                    && i + 1 < chars.len()
                    && chars[i + 1].is_ascii_digit()
                    && !s.is_empty();
                if d.is_ascii_digit() || joins_digits {
                    s.push(d);
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(Token::Numeral(s));
        } else if c.is_alphabetic() {
            let mut s = String::new();
            while i < chars.len() && (chars[i].is_alphabetic() || chars[i] == '-') {
                s.push(chars[i]);
                i += 1;
            }
            out.push(Token::Word(s));
        } else if c == '%' {
            out.push(Token::Percent);
            i += 1;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Other);
            }
            i += 1;
        }
    }
    out
}

struct Read {
    value: i128,
    /// Index of the first token after the number (and its multiplier).
    next: usize,
}

fn token_value(tokens: &[Token], i: usize) -> Option<Read> {
    let base = match tokens.get(i)? {
        Token::Numeral(s) => Base::Decimal(parse_numeral(s)?),
        Token::Word(w) => Base::Whole(word_number(w)?),
        _ => return None,
    };
    let multiplier = match tokens.get(i + 1) {
        Some(Token::Word(w)) => match w.to_ascii_lowercase().as_str() {
            "thousand" => Some(1_000),
            "million" => Some(1_000_000),
            "billion" => Some(1_000_000_000),
            _ => None,
        },
        _ => None,
    };
    let next = i + 1 + usize::from(multiplier.is_some());
    let value = match (base, multiplier) {
        (Base::Whole(v), None) => v,
        (Base::Whole(v), Some(m)) => v.checked_mul(m)?,
        (Base::Decimal((int, frac, scale)), m) => {
            let m = m.unwrap_or(1);
            let whole = int.checked_mul(m)?;
            let part = frac.checked_mul(m)?;
            if part % scale != 0 {
                // "1.5" on its own is not a whole count; skip it.
                return None;
            }
            whole.checked_add(part / scale)?
        }
    };
    Some(Read { value, next })
}

enum Base {
    Whole(i128),
    /// integer part, fractional digits as an integer, 10^(number of fractional digits)
    Decimal((i128, i128, i128)),
}

fn parse_numeral(s: &str) -> Option<(i128, i128, i128)> {
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

fn word_number(word: &str) -> Option<i128> {
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

#[cfg(test)]
mod tests {
    use super::numbers_in;

    #[test]
    fn digits_with_separators() {
        assert_eq!(numbers_in("shut down 1,222 pornographic websites"), [1222]);
        assert_eq!(numbers_in("received 40,217 valid reports"), [40217]);
    }

    #[test]
    fn decimals_with_millions() {
        assert_eq!(numbers_in("seizure of 15.79 million illegal"), [15_790_000]);
        assert_eq!(numbers_in("more than 1.2 million copies"), [1_200_000]);
        assert_eq!(numbers_in("more than 20 million accounts"), [20_000_000]);
    }

    #[test]
    fn words_and_percent() {
        assert_eq!(numbers_in("removed four shows"), [4]);
        assert_eq!(numbers_in("Ten of them"), [10]);
        assert_eq!(numbers_in("more than 85% of"), [85]);
        assert_eq!(numbers_in("twenty-five people"), [25]);
        assert_eq!(numbers_in("from three to ten years"), [3, 10]);
    }

    #[test]
    fn years_and_months_also_give_months() {
        assert_eq!(numbers_in("2 years and 6 months in prison"), [2, 30, 6]);
    }

    #[test]
    fn nothing_stated() {
        assert!(numbers_in("arrested the main suspect, Yin Xuejun").is_empty());
        assert!(numbers_in("").is_empty());
    }

    #[test]
    fn a_changed_digit_changes_the_number() {
        assert_ne!(numbers_in("1,223 websites"), [1222]);
    }

    #[test]
    fn huge_numerals_do_not_panic() {
        let text = "9".repeat(200);
        assert!(numbers_in(&text).is_empty());
        let _ = numbers_in("99999999999999999999999999999999999999 billion");
        let _ = numbers_in("1.99999999999999999999999999999999999999999 million");
    }
}
