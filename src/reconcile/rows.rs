//! What one row of a mapped table says of its own figures: its shares of a base
//! sum to 100 within their rounding, and each share can come from a whole count of
//! its base (the GRIM test: 1% of 40 items is impossible, since one item is already
//! 2.5%). Each failure is a verdict that names its file, line and columns; the rows
//! that hold are counted in one verdict per table and check.

use std::collections::BTreeMap;

use super::{DerivedCheck, Fact, Msg, Verdict};
use crate::dataset::cell::{Bound, Number, Rounding};
use crate::dataset::mapped::ShareCell;
use crate::dataset::Dataset;

/// The interval a share can stand for, in units of `10^-(scale+1)` percent, with
/// whether each end is included.
fn span(n: &Number, rounding: Rounding, scale: u32) -> (i128, i128, bool, bool) {
    let (lo, hi, li, hi_in) = n.rounding_interval(rounding);
    let up = 10i128.pow(scale - n.decimals);
    let full = 100 * 10i128.pow(scale + 1);
    match n.bound {
        Bound::Exact => (lo * up, hi * up, li, hi_in),
        Bound::Below => (0, n.scaled * 10 * up, true, false),
        Bound::AtMost => (0, n.scaled * 10 * up, true, true),
        Bound::AtLeast => (n.scaled * 10 * up, full, true, true),
    }
}

/// Whether a share can be `k / base` for some whole `k` from 0 to `base`.
pub fn possible(n: &Number, rounding: Rounding, base: i64) -> bool {
    if base <= 0 {
        return false;
    }
    let base = i128::from(base);
    let (lo, hi, lo_in, hi_in) = span(n, rounding, n.decimals);
    let s = 100 * 10i128.pow(n.decimals + 1);
    // k / base * 100 in [lo, hi] / 10^(d+1)  <=>  k in [lo * base / s, hi * base / s].
    let (a, b) = (lo * base, hi * base);
    let k_min = if a % s == 0 && !lo_in {
        a / s + 1
    } else {
        a.div_euclid(s) + i128::from(a.rem_euclid(s) != 0)
    };
    let k_max = if b % s == 0 && !hi_in {
        b / s - 1
    } else {
        b.div_euclid(s)
    };
    k_min.max(0) <= k_max.min(base)
}

/// The sum of the shares as an interval in units of `10^-(scale+1)` percent.
fn sum(shares: &[ShareCell], rounding: Rounding, scale: u32) -> (i128, i128, bool, bool) {
    shares.iter().fold((0, 0, true, true), |acc, c| {
        let (lo, hi, li, hi_in) = span(&c.number, rounding, scale);
        (acc.0 + lo, acc.1 + hi, acc.2 && li, acc.3 && hi_in)
    })
}

/// `12.5`: a value in units of `10^-(scale+1)`, as a decimal.
fn decimal(v: i128, scale: u32) -> String {
    let unit = 10i128.pow(scale + 1);
    let (whole, frac) = (v / unit, v % unit);
    let mut s = format!("{whole}.{:0width$}", frac, width = scale as usize + 1);
    while s.ends_with('0') {
        s.pop();
    }
    s.trim_end_matches('.').to_string()
}

/// The checks of every share set in the dataset.
pub(super) fn share_rows(ds: &Dataset) -> Vec<DerivedCheck> {
    let mut out = Vec::new();
    // (file, check) -> rows that hold.
    let mut held: BTreeMap<(String, &'static str), u64> = BTreeMap::new();
    for set in &ds.share_sets {
        let at = format!("{}:{}", set.file, set.line);
        let columns: Vec<Fact> = set
            .shares
            .iter()
            .map(|c| {
                Msg("check-column-ref")
                    .with("name", &c.column)
                    .with("col", c.col.to_string())
                    .into()
            })
            .collect();
        let ids: Vec<String> = set.shares.iter().map(|c| c.id.clone()).collect();
        let scale = set
            .shares
            .iter()
            .map(|c| c.number.decimals)
            .max()
            .unwrap_or(0);
        let (lo, hi, lo_in, hi_in) = sum(&set.shares, set.rounding, scale);
        let hundred = 100 * 10i128.pow(scale + 1);
        let fits_low = if lo_in { lo <= hundred } else { lo < hundred };
        let fits_high = if hi_in { hundred <= hi } else { hundred < hi };
        let published: i128 = set
            .shares
            .iter()
            .map(|c| c.number.scaled * 10i128.pow(scale - c.number.decimals) * 10)
            .sum();
        let texts: Vec<&str> = set.shares.iter().map(|c| c.text.as_str()).collect();
        let holds = if set.complete {
            fits_low && fits_high
        } else {
            fits_low
        };
        let check = if set.complete {
            "shares_sum"
        } else {
            "shares_within"
        };
        if holds {
            *held.entry((set.file.clone(), check)).or_default() += 1;
        } else {
            out.push(DerivedCheck {
                check,
                subject: Msg("check-subject-shares")
                    .with("at", &at)
                    .with("base", &set.base_column)
                    .into(),
                claimed: Msg("check-claimed-shares")
                    .with("shares", texts.join(" + "))
                    .with("sum", decimal(published, scale))
                    .into(),
                computed: vec![Msg("check-shares-rounding")
                    .with("low", decimal(lo, scale))
                    .with("high", decimal(hi, scale))
                    .with("rounding", set.rounding.as_str())],
                compared: vec![Msg("check-shares-compared").said()],
                verdict: Verdict::Contradicts,
                explanation: vec![Msg("check-shares")
                    .with("at", &at)
                    .with("columns", Fact::List(columns.clone()))
                    .with("complete", crate::words::yes_no(set.complete))],
                ids: ids.clone(),
            });
        }
        let Some(base) = set.base else { continue };
        let impossible: Vec<&ShareCell> = set
            .shares
            .iter()
            .filter(|c| c.number.bound == Bound::Exact && !possible(&c.number, set.rounding, base))
            .collect();
        if impossible.is_empty() {
            *held
                .entry((set.file.clone(), "share_of_count"))
                .or_default() += 1;
            continue;
        }
        for c in impossible {
            let step = 100.0 / base as f64;
            let cell = format!("{}:{}:{}", set.file, set.line, c.col);
            let rounding = set.rounding.as_str();
            out.push(DerivedCheck {
                check: "share_of_count",
                subject: Msg("check-subject-share-of")
                    .with("at", &at)
                    .with("column", &c.column)
                    .with("base", &set.base_column)
                    .into(),
                claimed: Msg("check-claimed-share-of")
                    .with("share", &c.text)
                    .with("base", base.to_string())
                    .into(),
                computed: vec![Msg("check-count-none")
                    .with("base", base.to_string())
                    .with("share", &c.text)],
                compared: vec![Msg("check-count-compared").with("cell", &cell)],
                verdict: Verdict::Contradicts,
                explanation: vec![Msg("check-count")
                    .with("cell", &cell)
                    .with("share", &c.text)
                    .with("base", base.to_string())
                    .with("step", format!("{step:.3}"))
                    .with("rounding", rounding)],
                ids: set.base_id.iter().cloned().chain([c.id.clone()]).collect(),
            });
        }
    }
    for ((file, check), n) in held {
        let what = match check {
            "shares_sum" => "check-rows-sum",
            "shares_within" => "check-rows-within",
            _ => "check-rows-whole",
        };
        out.push(DerivedCheck {
            check,
            subject: Fact::from(&file),
            claimed: Msg("check-claimed-rows")
                .with("n", Fact::Count(n as i64))
                .into(),
            computed: vec![Msg(what).said()],
            compared: vec![Msg("check-rows-compared").said()],
            verdict: Verdict::Holds,
            explanation: vec![Msg("check-rows")
                .with("n", Fact::Count(n as i64))
                .with("file", &file)
                .with("what", Msg(what).said())],
            ids: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(scaled: i128, decimals: u32) -> Number {
        Number {
            scaled,
            decimals,
            bound: Bound::Exact,
            percent_sign: false,
            footnote: None,
        }
    }

    #[test]
    fn grim() {
        // One item of 40 is 2.5%, so 1% cannot be; 2% and 3% round from 2.5%.
        assert!(!possible(&pct(1, 0), Rounding::HalfUp, 40));
        assert!(possible(&pct(3, 0), Rounding::HalfUp, 40));
        assert!(possible(&pct(25, 0), Rounding::HalfUp, 40));
        assert!(possible(&pct(0, 0), Rounding::HalfUp, 40));
        assert!(possible(&pct(100, 0), Rounding::HalfUp, 40));
        // 2.5% rounds half up to 3, half to even to 2, and truncates to 2.
        assert!(!possible(&pct(2, 0), Rounding::HalfUp, 40));
        assert!(possible(&pct(2, 0), Rounding::HalfEven, 40));
        assert!(possible(&pct(2, 0), Rounding::Truncate, 40));
        assert!(!possible(&pct(3, 0), Rounding::Truncate, 40));
        // 33.3% of 3 is one of three; 33.4% is not.
        assert!(possible(&pct(333, 1), Rounding::HalfUp, 3));
        assert!(!possible(&pct(334, 1), Rounding::HalfUp, 3));
        // Brute force against the definition, for every whole percent and base.
        for base in 1..=60i64 {
            for p in 0..=100i128 {
                let brute = (0..=base).any(|k| ((k * 1000 / base + 5) / 10) as i128 == p);
                assert_eq!(
                    possible(&pct(p, 0), Rounding::HalfUp, base),
                    brute,
                    "{p}% of {base}"
                );
            }
        }
    }
}
