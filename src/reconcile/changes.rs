//! Stated changes against the two figures they compare: "环比下降15.2%" beside
//! January's total is checked against January's and December's totals when the
//! package holds both, with interval arithmetic on the exact decimals and the
//! rounding of all three numbers (15.2 stands for 15.15 to 15.25).

use super::*;
use crate::dataset::{Against, Qualifier};
use crate::values::calendar::period_label;
use crate::values::decimal::ONE;
use crate::values::interval::amount;

/// A hundred percent in the fixed scale.
const HUNDRED: i128 = 100 * ONE;

/// The change from `old` to `new` in percent, in the fixed scale: the lowest new
/// over the highest old and the highest new over the lowest old, rounded outwards.
/// `None` when the old figure may be zero (no change in percent is defined).
pub(super) fn percent_change(new: Interval, old: Interval) -> Option<Interval> {
    let (old_low, new_low) = (old.low?, new.low.unwrap_or(0));
    if old_low <= 0 {
        return None;
    }
    // (n - o) / o * 100, in the fixed scale; None when it overflows (no figure of a
    // bulletin gets near).
    let ratio = |n: i128, o: i128, up: bool| -> Option<i128> {
        let scaled = n.checked_sub(o)?.checked_mul(HUNDRED)?;
        Some(if up {
            scaled.div_euclid(o) + i128::from(scaled.rem_euclid(o) != 0)
        } else {
            scaled.div_euclid(o)
        })
    };
    let low = match old.high {
        Some(oh) => ratio(new_low, oh, false)?,
        // Over an old figure open above, the change can come down to -100%.
        None => -HUNDRED,
    };
    let high = match new.high {
        Some(nh) => Some(ratio(nh, old_low, true)?),
        None => None,
    };
    Some(Interval::new(Some(low), high))
}

/// A percent interval for reading: each end to two decimals, rounded outwards.
fn percent_text(i: Interval) -> Said {
    let cent = ONE / 100;
    let down = |v: i128| amount(v.div_euclid(cent) * cent);
    let up = |v: i128| amount(-(-v).div_euclid(cent) * cent);
    match (i.low, i.high) {
        (Some(l), Some(h)) if down(l) == up(h) => Msg("check-percent").with("low", down(l)),
        (Some(l), Some(h)) => Msg("check-percent-range")
            .with("low", down(l))
            .with("high", up(h)),
        (Some(l), None) => Msg("check-percent-more").with("low", down(l)),
        (None, Some(h)) => Msg("check-percent-most").with("high", up(h)),
        (None, None) => Msg("check-any-change").said(),
    }
}

/// Whether `o` is a figure a change of `claim` can be computed from: the same
/// metric, region, category, entity, body and kind of unit, a total of a stated
/// span (a period total).
fn same_series(claim: &Observation, o: &Observation) -> bool {
    o.basis == Basis::Period
        && o.metric == claim.metric
        && o.region == claim.region
        && o.category == claim.category
        && o.entity == claim.entity
        && o.authority == claim.authority
        && o.unit != "percent"
        && (claim.unit == "percent" || o.unit == claim.unit)
}

/// Every stated change whose two figures the package holds, checked against them.
pub(super) fn change_claims(ds: &Dataset) -> Vec<DerivedCheck> {
    let mut out = Vec::new();
    for claim in &ds.observations {
        let Basis::Change(against) = claim.basis else {
            continue;
        };
        let (Some(start), Some(end)) = (claim.period_start, claim.period_end) else {
            continue;
        };
        let Some((old_start, old_end)) = against.compared_span(start, end) else {
            continue;
        };
        let of_span = |s: Date, e: Date| {
            ds.observations.iter().filter(move |o| {
                same_series(claim, o) && o.period_start == Some(s) && o.period_end == Some(e)
            })
        };
        let news: Vec<&Observation> = of_span(start, end).collect();
        let olds: Vec<&Observation> = of_span(old_start, old_end).collect();
        match (news.as_slice(), olds.as_slice()) {
            ([], _) | (_, []) => {}
            ([new], [old]) => out.extend(check(claim, against, new, old)),
            _ => out.push(ambiguous(claim, &news, &olds)),
        }
    }
    out
}

/// A change whose series holds two figures or more for one of its spans (two bodies
/// of one name, a total and its parts under one metric): which two it compares
/// the data cannot tell.
fn ambiguous(claim: &Observation, news: &[&Observation], olds: &[&Observation]) -> DerivedCheck {
    let ids: Vec<String> = news.iter().chain(olds).map(|o| o.id.clone()).collect();
    DerivedCheck {
        check: "change_claim",
        subject: subject(claim),
        claimed: claimed_text(claim),
        computed: Vec::new(),
        compared: vec![Msg("check-change-ambiguous-compared")
            .with("new", news.len().to_string())
            .with("old", olds.len().to_string())],
        verdict: Verdict::CannotTell,
        explanation: vec![Msg("check-change-ambiguous")
            .with("ids", Fact::List(ids.iter().map(Fact::from).collect()))],
        ids: std::iter::once(claim.id.clone()).chain(ids).collect(),
    }
}

/// A stated change as the table shows it: "change of -15.2% on the period before
/// (2021-01-01..2021-01-31; stated 2021-02-10)".
fn claimed_text(claim: &Observation) -> Fact {
    let value = match claim.qualifier {
        Qualifier::Exact => Fact::Text(claim.value.to_string()),
        _ => Fact::Amount(claim.interval()),
    };
    let against = match claim.basis {
        Basis::Change(Against::PreviousYear) => "year",
        _ => "period",
    };
    let span = match claim.period_start {
        Some(s) => period_label(s, claim.reference_date()),
        None => claim.reference_date().to_string(),
    };
    Msg("check-claimed-change")
        .with("value", value)
        .with("percent", crate::words::yes_no(claim.unit == "percent"))
        .with("against", against)
        .with("span", span)
        .with("day", claim.date)
        .into()
}

fn check(
    claim: &Observation,
    against: Against,
    new: &Observation,
    old: &Observation,
) -> Option<DerivedCheck> {
    let (n, o) = (new.checked_interval(), old.checked_interval());
    let percent = claim.unit == "percent";
    let computed = if percent {
        percent_change(n, o)?
    } else {
        n.checked_sub(o).ok()?
    };
    let claimed = claim.checked_interval();
    let holds = claimed.overlaps(&computed);
    let (span, old_span) = (
        period_label(new.period_start?, new.reference_date()),
        period_label(old.period_start?, old.reference_date()),
    );
    let shown = if percent {
        Fact::from(percent_text(computed))
    } else {
        Fact::Amount(computed)
    };
    let formula = if percent {
        Msg("check-change-formula-percent")
    } else {
        Msg("check-change-formula")
    }
    .with("new", new.interval())
    .with("old", old.interval());
    Some(DerivedCheck {
        check: "change_claim",
        subject: subject(claim),
        claimed: claimed_text(claim),
        computed: vec![Msg("check-change-computed")
            .with("formula", formula)
            .with("result", shown)],
        compared: vec![Msg("check-change-compared")
            .with("span", &span)
            .with("old", &old_span)],
        verdict: if holds {
            Verdict::Holds
        } else {
            Verdict::Contradicts
        },
        explanation: vec![Msg("check-change-claim")
            .with("day", claim.date)
            .with("how", if holds { "holds" } else { "contradicts" })
            .with(
                "against",
                match against {
                    Against::PreviousPeriod => "period",
                    Against::PreviousYear => "year",
                },
            )
            .with("span", &span)
            .with("old", &old_span)],
        ids: vec![claim.id.clone(), new.id.clone(), old.id.clone()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_in_percent_is_computed_outwards_from_the_ends() {
        // 1459.9万 against 1321.8万, each within half of its last digit (5,000).
        let new = Interval::new(Some(14_594_000 * ONE), Some(14_604_000 * ONE));
        let old = Interval::new(Some(13_213_000 * ONE), Some(13_223_000 * ONE));
        let c = percent_change(new, old).unwrap();
        // (14,594,000 - 13,223,000) / 13,223,000 = 10.3683...%;
        // (14,604,000 - 13,213,000) / 13,213,000 = 10.5275...%.
        assert_eq!(
            percent_text(c).word(crate::words::Lang::default()),
            "10.36% to 10.53%"
        );
        // Worked with exact fractions: floor and ceiling in nine decimals.
        assert_eq!(c, Interval::new(Some(10_368_297_663), Some(10_527_510_785)));
        assert_eq!(percent_change(new, Interval::exact(0)), None);
        let open = percent_change(
            Interval::new(Some(10 * ONE), None),
            Interval::exact(5 * ONE),
        );
        assert_eq!(open, Some(Interval::new(Some(100 * ONE), None)));
    }
}
