//! What a cell of a table in its own shape can hold, as its mapping declares it: a
//! number with its separators, a threshold (`<10`, `>1,000`, `1,000+`), a percent, a
//! footnote mark, a marker of a value not published (unknown) or of no figure (not
//! reported), or a blank whose meaning is declared. Nothing is guessed: a cell that
//! fits no declared form is a problem at its cell.

use super::{Qualifier, Value};

/// What a blank cell means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// Not declared: the cell gives no figure, and `validate` says it is left to decide.
    Undecided,
    /// None: an exact zero.
    Zero,
    /// Not reported: no figure.
    NotReported,
    /// A blank is a problem at its cell.
    Problem,
    /// Unknown: a figure whose value is not published, from 0 up.
    Unknown,
}

impl Blank {
    pub const WORDS: [&'static str; 4] = ["zero", "not_reported", "problem", "unknown"];

    pub fn parse(text: &str) -> Option<Blank> {
        let all = [
            Blank::Zero,
            Blank::NotReported,
            Blank::Problem,
            Blank::Unknown,
        ];
        Some(all[Blank::WORDS.iter().position(|w| *w == text)?])
    }
}

/// A marker of a figure that exists but whose value is not published (`?`,
/// `withheld`), with the floor it gives (0 unless the mapping says more).
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownMarker {
    pub text: String,
    pub floor: Value,
}

/// How a published share was rounded, which decides what it can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    #[default]
    HalfUp,
    HalfEven,
    Truncate,
}

impl Rounding {
    pub const WORDS: [&'static str; 3] = ["half_up", "half_even", "truncate"];

    pub fn parse(text: &str) -> Option<Rounding> {
        let all = [Rounding::HalfUp, Rounding::HalfEven, Rounding::Truncate];
        Some(all[Rounding::WORDS.iter().position(|w| *w == text)?])
    }

    pub fn as_str(self) -> &'static str {
        Rounding::WORDS[self as usize]
    }
}

/// The cell grammar of a table or of one of its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Grammar {
    pub blank: Blank,
    /// Texts that mean a value not published: a figure, whose value is unknown.
    pub unknown: Vec<UnknownMarker>,
    /// Texts that mean no figure: not reported, not applicable (`NA`, `n/a`, `–`).
    pub missing: Vec<String>,
    /// The thousands separator, when the table uses one.
    pub thousands: Option<char>,
    pub decimal: char,
    /// Whether trailing footnote marks (`123*`, `123[a]`, `123†`) are read off.
    pub footnotes: bool,
    pub rounding: Rounding,
}

/// Markers of a value not published unless a mapping declares its own.
pub const DEFAULT_UNKNOWN: [&str; 1] = ["?"];

/// Markers of no figure unless a mapping declares its own.
pub const DEFAULT_MISSING: [&str; 3] = ["NA", "N/A", "n/a"];

impl Default for Grammar {
    fn default() -> Self {
        Grammar {
            blank: Blank::Undecided,
            unknown: DEFAULT_UNKNOWN
                .iter()
                .map(|m| UnknownMarker {
                    text: m.to_string(),
                    floor: Value::whole(0),
                })
                .collect(),
            missing: DEFAULT_MISSING.iter().map(|m| m.to_string()).collect(),
            thousands: None,
            decimal: '.',
            footnotes: false,
            rounding: Rounding::HalfUp,
        }
    }
}

/// Which side of its number a threshold puts the truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    /// `<10`.
    Below,
    /// `<=10`, `≤10`.
    AtMost,
    /// `>1,000`, `1,000+`, `>=1,000`, `≥1,000`: at least that.
    AtLeast,
}

/// A number as a cell writes it: `scaled / 10^decimals`.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub scaled: i128,
    pub decimals: u32,
    pub bound: Bound,
    pub percent_sign: bool,
    /// The footnote mark read off, if any.
    pub footnote: Option<String>,
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    Blank,
    /// A marker of a value not published, and the floor it gives.
    Unknown(String, Value),
    /// A marker of no figure.
    Missing(String),
    Number(Number),
}

/// The largest percent read: a table's shares and rates stay far below it, and every
/// check on them stays within `i128`.
pub const MAX_PERCENT: i128 = 1_000_000;

const FOOTNOTE_MARKS: [char; 6] = ['*', '†', '‡', '§', '¶', '#'];

impl Grammar {
    /// Whether `text` (trimmed) is a marker: of a value not published, or of no figure.
    pub fn is_marker(&self, text: &str) -> bool {
        self.unknown.iter().any(|m| m.text == text) || self.missing.iter().any(|m| m == text)
    }

    /// Reads one cell.
    pub fn read(&self, raw: &str) -> Result<Read, String> {
        let text = raw.trim();
        if text.is_empty() {
            return Ok(Read::Blank);
        }
        if let Some(m) = self.unknown.iter().find(|m| m.text == text) {
            return Ok(Read::Unknown(m.text.clone(), m.floor));
        }
        if let Some(m) = self.missing.iter().find(|m| m.as_str() == text) {
            return Ok(Read::Missing(m.clone()));
        }
        let (text, footnote) = if self.footnotes {
            split_footnote(text)
        } else {
            (text, None)
        };
        let (bound, rest) = if let Some(r) = text.strip_prefix("<=").or(text.strip_prefix('≤')) {
            (Bound::AtMost, r)
        } else if let Some(r) = text.strip_prefix('<') {
            (Bound::Below, r)
        } else if let Some(r) = text.strip_prefix(">=").or(text.strip_prefix('≥')) {
            (Bound::AtLeast, r)
        } else if let Some(r) = text.strip_prefix('>') {
            (Bound::AtLeast, r)
        } else if let Some(r) = text.strip_suffix('+') {
            (Bound::AtLeast, r)
        } else {
            (Bound::Exact, text)
        };
        let rest = rest.trim();
        let (rest, percent_sign) = match rest.strip_suffix('%') {
            Some(r) => (r.trim_end(), true),
            None => (rest, false),
        };
        let (scaled, decimals) = self.number(rest).map_err(|why| {
            let hint = if footnote.is_none() && !self.footnotes && rest.ends_with(FOOTNOTE_MARKS) {
                "; if it ends in a footnote mark, declare \"footnotes\": true"
            } else {
                ""
            };
            format!("'{}' {why}{hint}", crate::table::short(raw.trim()))
        })?;
        Ok(Read::Number(Number {
            scaled,
            decimals,
            bound,
            percent_sign,
            footnote,
        }))
    }

    /// Digits with the declared separators, as `(scaled, decimals)`.
    fn number(&self, text: &str) -> Result<(i128, u32), String> {
        if text.starts_with('-') || text.starts_with('−') {
            return Err("is negative: a count cannot be".into());
        }
        let (whole, fraction) = match text.split_once(self.decimal) {
            Some((w, f)) => (w, Some(f)),
            None => (text, None),
        };
        let mut digits = String::new();
        match self.thousands {
            Some(sep) if whole.contains(sep) => {
                let groups: Vec<&str> = whole.split(sep).collect();
                let first = groups[0].len();
                let ok = (1..=3).contains(&first)
                    && groups[1..].iter().all(|g| g.len() == 3)
                    && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
                if !ok {
                    return Err(format!(
                        "is not a number with '{sep}' between groups of three digits"
                    ));
                }
                digits.extend(groups);
            }
            _ => digits.push_str(whole),
        }
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            let separator = [',', '.', ' ', '\u{a0}', '\'']
                .into_iter()
                .find(|c| Some(*c) != self.thousands && *c != self.decimal && whole.contains(*c));
            return Err(match separator {
                Some(c) => format!(
                    "is not a number as declared: declare \"thousands\": \"{c}\" if '{c}' separates thousands"
                ),
                None => "is not a number, a threshold (<10, >1,000, 1,000+), a percent or a declared missing marker".into(),
            });
        }
        let mut decimals = 0;
        if let Some(f) = fraction {
            if let Some(c) = f.chars().find(|c| [',', '.', '\''].contains(c)) {
                // `1.000,5` read with '.' for decimals: the other convention.
                return Err(format!(
                    "is not a number as declared: declare \"decimal\": \"{c}\" and \"thousands\": \"{}\" if '{c}' marks the decimals",
                    self.decimal
                ));
            }
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return Err("has no digits after its decimal mark".into());
            }
            decimals = f.len() as u32;
            digits.push_str(f);
        }
        if decimals > 12 || digits.len() > 30 {
            return Err("has more digits than any count".into());
        }
        let scaled = digits
            .parse::<i128>()
            .map_err(|_| "is not a number".to_string())?;
        Ok((scaled, decimals))
    }
}

/// `123*` -> (`123`, `*`); `123[a]` -> (`123`, `[a]`).
fn split_footnote(text: &str) -> (&str, Option<String>) {
    if let Some(open) = text.rfind('[') {
        if text.ends_with(']') && open > 0 {
            return (text[..open].trim_end(), Some(text[open..].to_string()));
        }
    }
    let body = text.trim_end_matches(FOOTNOTE_MARKS);
    if body.len() < text.len() && !body.is_empty() {
        return (body.trim_end(), Some(text[body.len()..].to_string()));
    }
    (text, None)
}

impl Number {
    /// A fraction (`0.125`) as the percent it is (`12.5`), with its rounding: a
    /// fraction of three decimals is a percent of one.
    pub fn fraction_as_percent(mut self) -> Number {
        if self.decimals >= 2 {
            self.decimals -= 2;
        } else {
            self.scaled *= 10i128.pow(2 - self.decimals);
            self.decimals = 0;
        }
        self
    }

    /// The figure as the tool holds it: the value as written (an exact decimal),
    /// the high end and the qualifier. A count must be whole; a percent is kept
    /// with every decimal written and marked approximate (a published share is
    /// rounded), or the threshold's qualifier.
    pub fn figure(&self, unit: &str) -> Result<(Value, Option<Value>, Qualifier), String> {
        let percent = unit == "percent";
        if !percent && self.percent_sign {
            return Err(format!("is a percent, and the column's unit is '{unit}'"));
        }
        if unit == "count" && self.decimals > 0 {
            return Err("is not a whole count".into());
        }
        if percent && self.scaled / 10i128.pow(self.decimals) > MAX_PERCENT {
            return Err(format!(
                "is more than {MAX_PERCENT}%: larger than any percent a table gives"
            ));
        }
        let v = Value::from_scaled_digits(self.scaled, self.decimals)?;
        Ok(match self.bound {
            Bound::Exact if percent => (v, None, Qualifier::Approx),
            Bound::Exact => (v, None, Qualifier::Exact),
            Bound::Below if v == Value::whole(0) => {
                return Err("is below zero: no value can be".into())
            }
            // "<10" of a whole count is at most 9.
            Bound::Below if !percent && v.is_whole() => (
                Value::whole(v.as_whole().unwrap_or_default() - 1),
                None,
                Qualifier::AtMost,
            ),
            Bound::Below | Bound::AtMost => (v, None, Qualifier::AtMost),
            Bound::AtLeast => (v, None, Qualifier::AtLeast),
        })
    }

    /// The interval of true values a rounded share can stand for, in units of
    /// `10^-(decimals+1)` percent, as `(low, high, low_included, high_included)`.
    pub fn rounding_interval(&self, rounding: Rounding) -> (i128, i128, bool, bool) {
        let p = self.scaled * 10;
        match rounding {
            Rounding::HalfUp => (p - 5, p + 5, true, false),
            Rounding::HalfEven => {
                let even = self.scaled % 2 == 0;
                (p - 5, p + 5, even, even)
            }
            Rounding::Truncate => (p, p + 10, true, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(g: &Grammar, t: &str) -> Result<(i64, Option<i64>, Qualifier), String> {
        match g.read(t)? {
            Read::Number(n) => n.figure("count").map(|(v, m, q)| {
                let whole = |v: Value| v.as_whole().unwrap();
                (whole(v), m.map(whole), q)
            }),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn thresholds_and_separators() {
        let mut g = Grammar::default();
        assert_eq!(count(&g, "<10"), Ok((9, None, Qualifier::AtMost)));
        assert_eq!(count(&g, " 12 "), Ok((12, None, Qualifier::Exact)));
        assert!(count(&g, "1,000")
            .unwrap_err()
            .contains("\"thousands\": \",\""));
        g.thousands = Some(',');
        assert_eq!(count(&g, ">1,000"), Ok((1000, None, Qualifier::AtLeast)));
        assert_eq!(count(&g, "1,000+"), Ok((1000, None, Qualifier::AtLeast)));
        assert_eq!(
            count(&g, "12,345,678"),
            Ok((12_345_678, None, Qualifier::Exact))
        );
        assert!(count(&g, "1,00").is_err());
        assert!(count(&g, "-3").unwrap_err().contains("negative"));
        assert!(count(&g, "<0").is_err());
        assert_eq!(g.read("?"), Ok(Read::Unknown("?".into(), Value::whole(0))));
        assert_eq!(g.read("N/A"), Ok(Read::Missing("N/A".into())));
        assert_eq!(g.read("  "), Ok(Read::Blank));
        assert!(count(&g, "12*").unwrap_err().contains("footnotes"));
        g.footnotes = true;
        assert_eq!(count(&g, "12*"), Ok((12, None, Qualifier::Exact)));
        let Ok(Read::Number(n)) = g.read("1,234[a]") else {
            panic!()
        };
        assert_eq!((n.scaled, n.footnote.as_deref()), (1234, Some("[a]")));
    }

    #[test]
    fn decimal_commas_and_percents() {
        let g = Grammar {
            thousands: Some('.'),
            decimal: ',',
            ..Grammar::default()
        };
        let Ok(Read::Number(n)) = g.read("12,5 %") else {
            panic!()
        };
        assert_eq!((n.scaled, n.decimals, n.percent_sign), (125, 1, true));
        let twelve_and_a_half = Value::new(125, 1).unwrap();
        assert_eq!(
            n.figure("percent"),
            Ok((twelve_and_a_half, None, Qualifier::Approx))
        );
        assert_eq!(
            n.figure("count").unwrap_err(),
            "is a percent, and the column's unit is 'count'"
        );
        assert_eq!(
            count(&g, "1.234.567"),
            Ok((1_234_567, None, Qualifier::Exact))
        );
        assert!(count(&g, "12,5").unwrap_err().contains("whole"));
        // A measure other than a count keeps its decimals.
        let Ok(Read::Number(years)) = g.read("2,5") else {
            panic!()
        };
        assert_eq!(
            years.figure("years"),
            Ok((Value::new(25, 1).unwrap(), None, Qualifier::Exact))
        );
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            /// Any text is read or refused, never a panic, and whatever is read as
            /// a count or a percent gives a figure or a reason.
            #[test]
            fn any_cell_is_answered(text in ".{0,40}", thousands in any::<bool>(), footnotes in any::<bool>()) {
                let g = Grammar { thousands: thousands.then_some(','), footnotes, ..Grammar::default() };
                if let Ok(Read::Number(n)) = g.read(&text) {
                    let _ = n.figure("count");
                    let _ = n.figure("percent");
                    let _ = n.clone().fraction_as_percent().figure("percent");
                }
            }

            /// A count written with thousands separators reads as the count.
            #[test]
            fn separated_counts_read_exactly(v in 0i64..=i64::MAX) {
                let digits = v.to_string();
                let mut grouped = String::new();
                for (i, c) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i) % 3 == 0 {
                        grouped.push(',');
                    }
                    grouped.push(c);
                }
                let g = Grammar { thousands: Some(','), ..Grammar::default() };
                let Ok(Read::Number(n)) = g.read(&grouped) else { panic!("{grouped}") };
                prop_assert_eq!(n.figure("count"), Ok((Value::whole(v), None, Qualifier::Exact)));
            }
        }
    }

    #[test]
    fn fractions_are_percents() {
        let g = Grammar::default();
        let n = |t: &str| match g.read(t) {
            Ok(Read::Number(n)) => n.fraction_as_percent(),
            other => panic!("{other:?}"),
        };
        assert_eq!((n("0.125").scaled, n("0.125").decimals), (125, 1));
        assert_eq!((n("0.5").scaled, n("0.5").decimals), (50, 0));
        assert_eq!((n("1").scaled, n("1").decimals), (100, 0));
        // 0.8409 is 84.09%, every digit kept.
        let (v, _, _) = n("0.8409").figure("percent").unwrap();
        assert_eq!(v.plain(), "84.09");
    }

    #[test]
    fn rounding_intervals() {
        let n = Number {
            scaled: 12,
            decimals: 0,
            bound: Bound::Exact,
            percent_sign: false,
            footnote: None,
        };
        assert_eq!(
            n.rounding_interval(Rounding::HalfUp),
            (115, 125, true, false)
        );
        assert_eq!(
            n.rounding_interval(Rounding::HalfEven),
            (115, 125, true, true)
        );
        assert_eq!(
            n.rounding_interval(Rounding::Truncate),
            (120, 130, true, false)
        );
    }
}
