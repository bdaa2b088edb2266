//! Values as they are written: exact decimals.
//!
//! A figure's value is the number its source wrote, digit for digit: 20650, 70.4,
//! 0.8409, 2.5. It is held as an integer and the number of decimals written
//! ([`Value`]), never as a float, so it is exact and keeps the place of its last
//! digit (a published 94.40 is rounded to a hundredth). Sums and intervals are held
//! in one fixed scale, [`ONE`] units to 1 (nine decimals), in `i128`: any two values
//! add without rounding, and no sum of counts can wrap.

use std::cmp::Ordering;
use std::fmt;

/// The decimals every amount is held to ([`Value::scaled`], [`crate::values::interval`]).
pub const DECIMALS: u32 = 9;
/// 1 in the fixed scale of amounts.
pub const ONE: i128 = 1_000_000_000;

/// 10^0 to 10^9.
const POW10: [i128; DECIMALS as usize + 1] = {
    let mut t = [1i128; DECIMALS as usize + 1];
    let mut i = 1;
    while i < t.len() {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// An exact decimal as written: `units / 10^decimals`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Value {
    units: i64,
    decimals: u8,
}

impl Value {
    /// A whole number.
    pub const fn whole(n: i64) -> Value {
        Value {
            units: n,
            decimals: 0,
        }
    }

    /// `units / 10^decimals`, if it can be held ([`DECIMALS`] decimals at most).
    pub fn new(units: i64, decimals: u32) -> Option<Value> {
        let decimals = u8::try_from(decimals)
            .ok()
            .filter(|d| u32::from(*d) <= DECIMALS)?;
        Some(Value { units, decimals })
    }

    /// From an integer of `decimals` decimals that may be wider than 64 bits.
    pub fn from_scaled_digits(scaled: i128, decimals: u32) -> Result<Value, String> {
        if decimals > DECIMALS {
            return Err(format!("has more than {DECIMALS} decimals"));
        }
        let units = i64::try_from(scaled).map_err(|_| "is larger than any value".to_string())?;
        Ok(Value::new(units, decimals).expect("decimals checked"))
    }

    /// The value in the fixed scale of amounts ([`ONE`] to 1).
    #[inline]
    pub fn scaled(self) -> i128 {
        i128::from(self.units) * POW10[usize::from(DECIMALS as u8 - self.decimals)]
    }

    /// Whether the value is below zero (its sign is its units', at any scale).
    #[inline]
    pub fn is_negative(self) -> bool {
        self.units < 0
    }

    /// The value with its sign turned (a fall written "下降15.2%" is -15.2).
    pub fn negated(self) -> Value {
        Value {
            units: self.units.saturating_neg(),
            ..self
        }
    }

    /// The value without its sign, as the words of a change write it.
    pub fn magnitude(self) -> Value {
        Value {
            units: self.units.saturating_abs(),
            ..self
        }
    }

    /// The number of decimals written.
    pub fn decimals(self) -> u32 {
        u32::from(self.decimals)
    }

    /// The place value of the last digit written, in the fixed scale: [`ONE`] for a
    /// whole number, `ONE / 10` for 70.4.
    pub fn step(self) -> i128 {
        POW10[usize::from(DECIMALS as u8 - self.decimals)]
    }

    /// The value, if it is a whole number (written with no decimals, or only zeros).
    pub fn as_whole(self) -> Option<i64> {
        let unit = 10i64.pow(u32::from(self.decimals));
        (self.units % unit == 0).then(|| self.units / unit)
    }

    pub fn is_whole(self) -> bool {
        self.as_whole().is_some()
    }

    /// The value as digits and a decimal point, as written: `70.4`, `0.8409`, `2.50`.
    pub fn plain(self) -> String {
        let digits = self.units.unsigned_abs().to_string();
        let sign = if self.units < 0 { "-" } else { "" };
        let d = usize::from(self.decimals);
        if d == 0 {
            return format!("{sign}{digits}");
        }
        let digits = format!("{digits:0>width$}", width = d + 1);
        let (int, frac) = digits.split_at(digits.len() - d);
        format!("{sign}{int}.{frac}")
    }

    /// Digits with an optional decimal point (`.`), no sign, no separators: the form
    /// of the observation table's `value` column.
    pub fn parse(text: &str) -> Result<Value, String> {
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, f),
            None => (text, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty()
            || !digits(int)
            || !digits(frac)
            || (text.contains('.') && frac.is_empty())
        {
            return Err("is not a number".into());
        }
        let decimals = u32::try_from(frac.len()).unwrap_or(u32::MAX);
        if decimals > DECIMALS {
            return Err(format!("has more than {DECIMALS} decimals"));
        }
        let mut units: i64 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            units = units
                .checked_mul(10)
                .and_then(|u| u.checked_add(i64::from(b - b'0')))
                .ok_or_else(|| format!("is too large (the largest value is {})", i64::MAX))?;
        }
        Ok(Value::new(units, decimals).expect("decimals checked"))
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.scaled() == other.scaled()
    }
}

impl Eq for Value {}

impl PartialOrd for Value {
    fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Value {
    fn cmp(&self, other: &Value) -> Ordering {
        self.scaled().cmp(&other.scaled())
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain())
    }
}

/// An amount of the fixed scale as a float, for drawing only.
pub fn to_f64(scaled: i128) -> f64 {
    let whole = scaled / ONE;
    let frac = scaled % ONE;
    whole as f64 + frac as f64 / ONE as f64
}

/// An amount of the fixed scale as plain digits, with the decimals it has and no
/// separators: `1222`, `70.4`.
pub fn plain_amount(scaled: i128) -> String {
    let (int, frac) = split(scaled);
    let sign = if scaled < 0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// A whole count in the fixed scale of amounts.
pub fn of_whole(n: i128) -> i128 {
    n * ONE
}

/// An amount of the fixed scale as the whole number it is, if it is one.
pub fn whole_of(scaled: i128) -> Option<i128> {
    (scaled % ONE == 0).then_some(scaled / ONE)
}

/// An amount of the fixed scale with its decimals, the least that show it whole:
/// `Ok("70.4")`; the integer part and the decimals apart.
pub fn split(scaled: i128) -> (u128, String) {
    let abs = scaled.unsigned_abs();
    let one = ONE as u128;
    let frac = format!("{:09}", abs % one);
    (abs / one, frac.trim_end_matches('0').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_keeps_every_digit() {
        let v = Value::parse("0.8409").unwrap();
        assert_eq!(v.plain(), "0.8409");
        assert_eq!(v.scaled(), 840_900_000);
        assert_eq!(v.step(), 100_000);
        assert_eq!(Value::parse("2.50").unwrap().plain(), "2.50");
        assert_eq!(Value::parse("2.50").unwrap(), Value::parse("2.5").unwrap());
        assert_eq!(Value::parse("20650").unwrap().as_whole(), Some(20650));
        assert_eq!(Value::parse("3.00").unwrap().as_whole(), Some(3));
        assert_eq!(Value::parse("0.05").unwrap().plain(), "0.05");
        assert_eq!(Value::parse("2.5").unwrap().as_whole(), None);
    }

    #[test]
    fn parse_refuses_what_is_not_a_decimal() {
        for bad in [
            "",
            ".5",
            "5.",
            "1,000",
            "-3",
            "1.2.3",
            "1e5",
            " 1",
            "0.1234567891",
        ] {
            assert!(Value::parse(bad).is_err(), "{bad}");
        }
        assert!(Value::parse("9223372036854775808").is_err());
        assert!(Value::parse("9223372036854775807").is_ok());
    }

    #[test]
    fn split_and_float() {
        assert_eq!(split(70_400_000_000), (70, "4".to_string()));
        assert_eq!(split(5 * ONE), (5, String::new()));
        assert!((to_f64(840_900_000) - 0.8409).abs() < 1e-12);
    }
}
