//! The rules a package declares between its figures, checked as verdicts.

use super::derived::{compare_spans, verdict};
use std::collections::HashMap;
use std::fmt;

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

/// The pairs of figures one rule may compare. Each pair is a verdict of its own,
/// so a rule between a thousand figures and a thousand others would be a million
/// verdicts: no reader can weigh them, and they cost gigabytes.
pub const MAX_RULE_PAIRS: usize = 10_000;

/// A declared rule that pairs more figures than [`MAX_RULE_PAIRS`].
#[derive(Debug, Clone, PartialEq)]
pub struct RuleTooBroad {
    /// Its place in `cleanweb:rules`.
    pub index: usize,
    pub name: String,
    pub figures: usize,
    pub others: usize,
}

impl fmt::Display for RuleTooBroad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "datapackage.json: field 'cleanweb:rules[{}]': the rule '{}' would compare more than {} pairs of figures ({} figures of its 'figure' side with {} of its other side), each pair a verdict of its own; at most {} are checked: narrow the rule with a category, region or authority on either side so that it compares the figures that bear on each other",
            self.index, self.name, MAX_RULE_PAIRS, self.figures, self.others, MAX_RULE_PAIRS
        )
    }
}

impl std::error::Error for RuleTooBroad {}

/// Each figure of a rule with the others it is compared with, both in the order of
/// the table. The others are indexed by region and sorted by date, so the cost is
/// the figures' number and the pairs', never one of every figure with every other.
// A figure with its others is read in one place; a named type would add nothing.
#[allow(clippy::type_complexity)]
fn pairs<'a>(
    ds: &'a Dataset,
    index: usize,
    rule: &crate::dataset::declared::Rule,
) -> Result<Vec<(&'a Observation, Vec<&'a Observation>)>, RuleTooBroad> {
    use crate::dataset::declared::Bound;
    // A rule whose other side names its region compares every figure with that
    // region's ("a province's closures are among the nation's"); else each region
    // with its own.
    fn bucket<'o>(rule: &crate::dataset::declared::Rule, o: &'o Observation) -> &'o str {
        if rule.other.region.is_some() {
            ""
        } else {
            o.region.as_str()
        }
    }
    let mut others: HashMap<&str, Vec<(i64, usize, &Observation)>> = HashMap::new();
    let mut n_others = 0;
    for (i, o) in ds.observations.iter().enumerate() {
        if rule.other.selects(o) {
            let day = o.reference_date().days_since_epoch();
            others.entry(bucket(rule, o)).or_default().push((day, i, o));
            n_others += 1;
        }
    }
    for list in others.values_mut() {
        list.sort_by_key(|(day, i, _)| (*day, *i));
    }
    let figures: Vec<&Observation> = ds
        .observations
        .iter()
        .filter(|o| rule.figure.selects(o))
        .collect();
    // The others whose dates make the rule's bound follow (see `implied_by_dates`).
    let eligible = |f: &Observation| -> &[(i64, usize, &Observation)] {
        let list = others
            .get(bucket(rule, f))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let a = f.reference_date().days_since_epoch();
        match rule.bound {
            Bound::AtMost => {
                &list[list.partition_point(|(b, _, _)| *b < a - RULE_TOLERANCE_DAYS)..]
            }
            Bound::AtLeast => {
                &list[..list.partition_point(|(b, _, _)| *b <= a + RULE_TOLERANCE_DAYS)]
            }
        }
    };
    let mut count = 0;
    for f in &figures {
        count += eligible(f)
            .len()
            .saturating_sub(usize::from(rule.other.selects(f)));
        if count > MAX_RULE_PAIRS {
            return Err(RuleTooBroad {
                index,
                name: rule.name.clone(),
                figures: figures.len(),
                others: n_others,
            });
        }
    }
    Ok(figures
        .into_iter()
        .map(|f| {
            let mut with: Vec<(usize, &Observation)> = eligible(f)
                .iter()
                .filter(|(_, _, o)| o.id != f.id)
                .map(|(_, i, o)| (*i, *o))
                .collect();
            with.sort_by_key(|(i, _)| *i);
            debug_assert!(with.iter().all(|(_, o)| implied_by_dates(rule.bound, f, o)));
            (f, with.into_iter().map(|(_, o)| o).collect())
        })
        .collect())
}

pub(super) fn declared_rules(ds: &Dataset) -> Result<Vec<DerivedCheck>, RuleTooBroad> {
    let mut out = Vec::new();
    for (index, rule) in ds.rules.iter().enumerate() {
        for (f, others) in pairs(ds, index, rule)? {
            out.extend(others.into_iter().map(|o| check(rule, f, o)));
        }
    }
    Ok(out)
}

/// The verdict of a rule on one pair of figures.
fn check(rule: &crate::dataset::declared::Rule, f: &Observation, o: &Observation) -> DerivedCheck {
    use crate::dataset::declared::Bound;
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
        Bound::AtMost => "at-most",
        Bound::AtLeast => "at-least",
    };
    DerivedCheck {
        check: "declared_rule",
        subject: Msg("check-subject-rule")
            .with("name", &rule.name)
            .with("what", subject(f))
            .into(),
        claimed: Msg("check-claimed-rule")
            .with("a", a)
            .with("a_id", &f.id)
            .with("bound", relation)
            .with("b", b)
            .with("b_id", &o.id)
            .into(),
        computed: vec![if holds {
            Msg("check-rule-can-hold").said()
        } else {
            Msg("check-rule-not")
                .with("a", a)
                .with("bound", relation)
                .with("b", b)
        }],
        compared,
        verdict: verdict(holds, same),
        explanation: vec![Msg("check-rule")
            .with("name", &rule.name)
            .with("why", why(&rule.why))
            .with("a", a)
            .with("a_day", f.reference_date())
            .with("holds", crate::words::yes_no(holds))
            .with("bound", relation)
            .with("b", b)
            .with("b_day", o.reference_date())],
        ids: vec![f.id.clone(), o.id.clone()],
    }
}

/// A rule's reason, in brackets after its name: ` (why)`, `（why）`; nothing
/// without one.
pub fn why(why: &str) -> Fact {
    if why.is_empty() {
        Fact::Text(String::new())
    } else {
        Msg("check-why").with("why", why).into()
    }
}
