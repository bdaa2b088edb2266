//! The rules a package declares between its figures, checked as verdicts.

use super::derived::{compare_spans, verdict, zh_date};
use super::*;

/// Days by which the other side of a rule may run short of the figure's date and
/// still be "about the same date".
const RULE_TOLERANCE_DAYS: i64 = 7;

/// Whether the dates make a rule's bound follow: "A at most B" when B runs to about
/// A's day or later (a total that runs longer counts more, never less); "A at least B"
/// when A runs to about B's day or later.
fn implied_by_dates(
    bound: crate::dataset::declared::Bound,
    f: &Observation,
    o: &Observation,
) -> bool {
    use crate::dataset::declared::Bound;
    let (a, b) = (
        f.reference_date().days_since_epoch(),
        o.reference_date().days_since_epoch(),
    );
    match bound {
        Bound::AtMost => b >= a - RULE_TOLERANCE_DAYS,
        Bound::AtLeast => a >= b - RULE_TOLERANCE_DAYS,
    }
}

pub(super) fn declared_rules(ds: &Dataset) -> Vec<DerivedCheck> {
    use crate::dataset::declared::Bound;
    let mut out = Vec::new();
    for rule in &ds.rules {
        let figures: Vec<&Observation> = ds
            .observations
            .iter()
            .filter(|o| rule.figure.selects(o))
            .collect();
        let others: Vec<&Observation> = ds
            .observations
            .iter()
            .filter(|o| rule.other.selects(o))
            .collect();
        for f in &figures {
            for o in others
                .iter()
                // A rule whose other side names its region compares every figure
                // with that region's ("a province's closures are among the
                // nation's"); else each region with its own.
                .filter(|o| (rule.other.region.is_some() || o.region == f.region) && o.id != f.id)
                .filter(|o| implied_by_dates(rule.bound, f, o))
            {
                let (a, b) = (f.checked_interval(), o.checked_interval());
                // The rule can hold when some value the wording allows keeps it.
                let holds = match rule.bound {
                    Bound::AtMost => match (a.low, b.high) {
                        (Some(l), Some(h)) => l <= h,
                        _ => true,
                    },
                    Bound::AtLeast => match (a.high, b.low) {
                        (Some(h), Some(l)) => h >= l,
                        _ => true,
                    },
                };
                let (compared, same) = compare_spans(f, o, true);
                let relation = match rule.bound {
                    Bound::AtMost => "at most",
                    Bound::AtLeast => "at least",
                };
                out.push(DerivedCheck {
                    check: "declared_rule",
                    subject: format!("{}: {}", rule.name, describe(f)),
                    claimed: format!("{} ({}) {relation} {} ({})", a, f.id, b, o.id),
                    computed: if holds {
                        "the rule can hold".into()
                    } else {
                        format!("{a} is not {relation} {b}")
                    },
                    compared,
                    verdict: verdict(holds, same),
                    explanation: format!(
                        "the package's rule '{}'{}: {} of {} is {} {} of {}",
                        rule.name,
                        if rule.why.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", rule.why)
                        },
                        a,
                        f.reference_date(),
                        if holds {
                            relation.to_string()
                        } else {
                            format!("not {relation}")
                        },
                        b,
                        o.reference_date()
                    ),
                    zh: [
                        String::new(),
                        format!(
                            "数据包声明的规则“{}”：{}的{}{}{}的{}",
                            rule.name,
                            zh_date(f.reference_date()),
                            a,
                            match (rule.bound, holds) {
                                (Bound::AtMost, true) => "不超过",
                                (Bound::AtMost, false) => "超过了",
                                (Bound::AtLeast, true) => "不少于",
                                (Bound::AtLeast, false) => "少于",
                            },
                            zh_date(o.reference_date()),
                            b
                        ),
                    ],
                    ids: vec![f.id.clone(), o.id.clone()],
                });
            }
        }
    }
    out
}
