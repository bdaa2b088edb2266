//! Published figures as intervals.
//!
//! "More than 4,800" is not 4,800: it is everything from 4,800 up. Every figure is
//! carried as `[low, high]` where either end may be unbounded, and sums and
//! differences are interval sums and differences. The ends are amounts in the fixed
//! scale of [`crate::values::decimal`] (nine decimals), in `i128` with checked operations, so
//! no sum of values can wrap or round.

use std::fmt;

/// A closed interval whose ends may be unbounded (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// `None`: unbounded below (only differences of intervals get here).
    pub low: Option<i128>,
    /// `None`: unbounded above ("more than").
    pub high: Option<i128>,
}

/// An interval operation whose result does not fit in 128 bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overflow;

impl fmt::Display for Overflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the sum is too large to represent exactly")
    }
}

impl std::error::Error for Overflow {}

impl Interval {
    pub const ZERO: Interval = Interval {
        low: Some(0),
        high: Some(0),
    };

    pub fn exact(v: i128) -> Interval {
        Interval {
            low: Some(v),
            high: Some(v),
        }
    }

    pub fn new(low: Option<i128>, high: Option<i128>) -> Interval {
        Interval { low, high }
    }

    pub fn checked_add(self, other: Interval) -> Result<Interval, Overflow> {
        Ok(Interval {
            low: add_end(self.low, other.low)?,
            high: add_end(self.high, other.high)?,
        })
    }

    /// `self - other`: the lowest value minus the highest, and the highest minus the
    /// lowest. An unbounded end of `other` makes the opposite end unbounded.
    pub fn checked_sub(self, other: Interval) -> Result<Interval, Overflow> {
        let low = match (self.low, other.high) {
            (Some(a), Some(b)) => Some(a.checked_sub(b).ok_or(Overflow)?),
            _ => None,
        };
        let high = match (self.high, other.low) {
            (Some(a), Some(b)) => Some(a.checked_sub(b).ok_or(Overflow)?),
            _ => None,
        };
        Ok(Interval { low, high })
    }

    pub fn sum<I: IntoIterator<Item = Interval>>(items: I) -> Result<Interval, Overflow> {
        items
            .into_iter()
            .try_fold(Interval::ZERO, |acc, x| acc.checked_add(x))
    }

    pub fn is_exact(&self) -> bool {
        matches!((self.low, self.high), (Some(a), Some(b)) if a == b)
    }

    /// Whether the two intervals share at least one value.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let below = matches!((self.high, other.low), (Some(h), Some(l)) if h < l);
        let above = matches!((other.high, self.low), (Some(h), Some(l)) if h < l);
        !below && !above
    }
}

fn add_end(a: Option<i128>, b: Option<i128>) -> Result<Option<i128>, Overflow> {
    match (a, b) {
        (Some(a), Some(b)) => a.checked_add(b).map(Some).ok_or(Overflow),
        _ => Ok(None),
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.low, self.high) {
            (Some(a), Some(b)) if a == b => write!(f, "{}", amount(a)),
            (Some(a), None) => write!(f, "{} or more", amount(a)),
            (None, Some(b)) => write!(f, "at most {}", amount(b)),
            (None, None) => write!(f, "unknown"),
            (Some(a), Some(b)) => write!(f, "{} to {}", amount(a), amount(b)),
        }
    }
}

/// An amount of the fixed scale ([`crate::values::decimal`]) with thousands separators and
/// the decimals it has: `1,222`, `70.4`, `-5,000.25`.
pub fn amount(v: i128) -> String {
    let (int, frac) = crate::values::decimal::split(v);
    let sign = if v < 0 { "-" } else { "" };
    let int = thousands(i128::try_from(int).unwrap_or(i128::MAX));
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// A whole number with thousands separators: `1222` -> `1,222`; `-5000` -> `-5,000`.
pub fn thousands(v: i128) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_stays_open() {
        let one = crate::values::decimal::ONE;
        let a = Interval::new(Some(3300 * one), None);
        let b = Interval::exact(241 * one + one / 2);
        let s = a.checked_add(b).unwrap();
        assert_eq!(s, Interval::new(Some(3541 * one + one / 2), None));
        assert_eq!(s.to_string(), "3,541.5 or more");
    }

    #[test]
    fn differences_of_open_intervals_are_open() {
        let prev = Interval::new(Some(3300), None);
        let cur = Interval::new(Some(4800), None);
        assert_eq!(cur.checked_sub(prev).unwrap(), Interval::new(None, None));
        let d = Interval::exact(1222)
            .checked_sub(Interval::exact(422))
            .unwrap();
        assert_eq!(d, Interval::exact(800));
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        let big = Interval::exact(i128::MAX);
        assert_eq!(big.checked_add(Interval::exact(1)), Err(Overflow));
    }

    #[test]
    fn overlap() {
        let claim = Interval::new(Some(85), Some(100));
        assert!(!claim.overlaps(&Interval::exact(70)));
        assert!(claim.overlaps(&Interval::new(Some(90), None)));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(15_790_000), "15,790,000");
        assert_eq!(thousands(-1234567), "-1,234,567");
        assert_eq!(
            amount(15_790_000 * crate::values::decimal::ONE),
            "15,790,000"
        );
        assert_eq!(amount(-840_900_000), "-0.8409");
    }
}
