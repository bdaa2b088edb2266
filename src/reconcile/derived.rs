//! The checks the data can make of itself beyond its relations: running totals that
//! go down, shares and daily rates against the period totals they describe, parts
//! larger than their totals.

use super::*;
use crate::values::decimal::{to_f64, Value};
use crate::values::interval::amount;
use std::collections::HashMap;

pub(super) fn running_totals_down(ds: &Dataset) -> Vec<DerivedCheck> {
    // A part of a published total (33,000 public accounts within 20 million
    // accounts) is a subset, not a later snapshot of the same series.
    let parts: std::collections::HashSet<&str> = ds
        .relations
        .iter()
        .filter(|r| r.kind != RelationKind::Restates)
        .map(|r| r.part_id.as_str())
        .collect();
    let mut series: BTreeMap<_, Vec<&Observation>> = BTreeMap::new();
    for o in ds
        .observations
        .iter()
        .filter(|o| o.basis == Basis::Cumulative && !parts.contains(o.id.as_str()))
    {
        series
            .entry(crate::aggregate::series_of(o))
            .or_default()
            .push(o);
    }
    let mut out = Vec::new();
    for (_, mut snaps) in series {
        if snaps.len() < 2 {
            continue;
        }
        snaps.sort_by(|a, b| {
            (a.reference_date(), a.date, &a.id).cmp(&(b.reference_date(), b.date, &b.id))
        });
        let down: Vec<_> = snaps
            .windows(2)
            .filter(|w| matches!((w[1].checked_interval().high, w[0].checked_interval().low), (Some(h), Some(l)) if h < l))
            .collect();
        let first = snaps[0];
        let last = snaps[snaps.len() - 1];
        let trail: Vec<Fact> = snaps
            .iter()
            .map(|o| on_day(o.interval(), o.reference_date()))
            .collect();
        out.push(DerivedCheck {
            check: "running_total_down",
            subject: subject(first),
            claimed: Fact::Joined(trail, Msg("check-then")),
            computed: vec![if down.is_empty() {
                Msg("check-never-down").said()
            } else {
                Msg("check-goes-down").with("n", Fact::Count(down.len() as i64))
            }],
            compared: vec![Msg("check-one-series").said()],
            verdict: if down.is_empty() {
                Verdict::Holds
            } else {
                Verdict::Contradicts
            },
            explanation: vec![if down.is_empty() {
                Msg("check-snapshots")
                    .with("n", Fact::Count(snaps.len() as i64))
                    .with("from", first.reference_date())
                    .with("to", last.reference_date())
            } else {
                let w = down[0];
                Msg("check-restated")
                    .with("lower", w[1].interval())
                    .with("later", w[1].reference_date())
                    .with("higher", w[0].interval())
                    .with("earlier", w[0].reference_date())
            }],
            ids: snaps.iter().map(|o| o.id.clone()).collect(),
        });
    }
    out
}

/// A share interval in tenths of a percent from part / total.
fn implied_share(part: Interval, total: Interval) -> Option<(f64, f64)> {
    let (pl, tl) = (part.low? as f64, total.low? as f64);
    let low = match total.high {
        Some(th) if th > 0 => pl / th as f64 * 100.0,
        _ => 0.0,
    };
    let high = match part.high {
        Some(ph) if tl > 0.0 => (ph as f64 / tl * 100.0).min(100.0),
        _ => 100.0,
    };
    Some((low, high))
}

fn percent_range(low: f64, high: f64) -> Said {
    if (high - low).abs() < 0.05 {
        Msg("check-percent").with("low", format!("{low:.1}"))
    } else {
        Msg("check-percent-range")
            .with("low", format!("{low:.1}"))
            .with("high", format!("{high:.1}"))
    }
}

/// A claimed share as the range of percents its words allow, within its rounding:
/// "85%" is 84.5 to 85.5, "70.0%" 69.95 to 70.05, "more than 85%" more than 85.
fn claim_range(o: &Observation) -> (f64, f64) {
    let i = o.interval();
    let half = percent_half_step(&o.quote, o.value);
    // A bound keeps its side: "more than 85%" is more than 85%.
    let (below, above) = match o.qualifier {
        crate::dataset::Qualifier::AtLeast => (0.0, half),
        crate::dataset::Qualifier::AtMost => (half, 0.0),
        _ => (half, half),
    };
    (
        (to_f64(i.low.unwrap_or(0)) - below).max(0.0),
        i.high.map_or(100.0, |h| to_f64(h) + above),
    )
}

/// Half the last written digit of the percent `value` in `quote`: 0.5 for "85%",
/// 0.05 for "70.0%" or "70.4%"; 0 when the quote does not write it as a percent.
fn percent_half_step(quote: &str, value: Value) -> f64 {
    let written = value.plain();
    let mut from = 0;
    while let Some(at) = quote[from..].find(&written) {
        let start = from + at;
        let rest = &quote[start + written.len()..];
        let before = quote[..start].chars().next_back();
        from = start + written.len();
        if before.is_some_and(|c| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let decimals = rest
            .strip_prefix('.')
            .map_or(0, |r| r.chars().take_while(char::is_ascii_digit).count());
        let after = if decimals > 0 {
            &rest[1 + decimals..]
        } else {
            rest
        };
        if after.starts_with('%') || after.starts_with(" percent") || after.starts_with('％') {
            let decimals = decimals as u32 + value.decimals();
            return 0.5 / 10f64.powi(decimals as i32);
        }
    }
    0.0
}

/// Share claims against the shares complete breakdowns of the same metric imply.
pub(super) fn share_claims(ds: &Dataset) -> Vec<DerivedCheck> {
    let mut out = Vec::new();
    let splits = splits_of(ds);
    // A share in a mapped table's row is checked against its row ([`super::rows`]).
    for claim in ds
        .observations
        .iter()
        // A share not published claims nothing to test.
        .filter(|o| o.basis == Basis::Share && o.origin.cell == 0)
        .filter(|o| o.qualifier != crate::dataset::Qualifier::Unknown)
    {
        for r in ds
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Complete)
        {
            let (Some(total), Some(part)) = (ds.find(&r.total_id), ds.find(&r.part_id)) else {
                continue;
            };
            if total.metric != claim.metric
                || part.category != claim.category
                || total.unit == "percent"
                || !splits.get(r.total_id.as_str()).is_none_or(|d| {
                    d.iter()
                        .zip(SPLITS)
                        .all(|(d, key)| !d || key(part) == key(claim))
                })
            {
                continue;
            }
            let Some((low, high)) =
                implied_share(part.checked_interval(), total.checked_interval())
            else {
                continue;
            };
            let (cl, ch) = claim_range(claim);
            let holds = high >= cl && low <= ch;
            let period = |o: &Observation| match o.period_start {
                Some(s) => Fact::Span(s, o.reference_date()),
                None => Fact::Day(o.date),
            };
            let (compared, same) = comparison(claim, total);
            let verdict = verdict(holds, same);
            out.push(DerivedCheck {
                check: "share_claim",
                subject: subject(claim),
                claimed: on_day(share_text(claim), claim.date),
                computed: vec![Msg("check-share-computed")
                    .with("result", percent_range(low, high))
                    .with("part", part.interval())
                    .with("total", total.interval())
                    .with("period", period(total))],
                compared,
                verdict,
                explanation: vec![Msg("check-share-claim")
                    .with("day", claim.date)
                    .with("how", verdict.as_str())
                    .with("period", period(total))],
                ids: vec![claim.id.clone(), part.id.clone(), total.id.clone()],
            });
        }
    }
    out
}

/// The ways a share's part is told apart: body, entity, region.
const SPLITS: [fn(&Observation) -> &str; 3] = [|o| &o.authority, |o| &o.entity, |o| &o.region];

/// For each total of a complete breakdown, which of [`SPLITS`] its parts differ by
/// (a breakdown by body answers a claim about one body, not about another): worked
/// out once, for every claim to use.
fn splits_of(ds: &Dataset) -> HashMap<&str, [bool; 3]> {
    let mut first: HashMap<&str, &Observation> = HashMap::new();
    let mut splits: HashMap<&str, [bool; 3]> = HashMap::new();
    for r in ds
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Complete)
    {
        let Some(part) = ds.find(&r.part_id) else {
            continue;
        };
        let one = *first.entry(&r.total_id).or_insert(part);
        let differs = splits.entry(&r.total_id).or_default();
        for (d, key) in differs.iter_mut().zip(SPLITS) {
            *d |= key(one) != key(part);
        }
    }
    splits
}

/// A claimed share as published: `85%`, `more than 85%`, `80% to 90%`.
fn share_text(o: &Observation) -> Fact {
    let i = o.interval();
    match (i.low, i.high) {
        (Some(l), None) => Msg("check-claimed-share-more").with("low", amount(l)),
        (Some(l), Some(h)) if l == h => Msg("check-percent").with("low", amount(l)),
        (Some(l), Some(h)) => Msg("check-percent-range")
            .with("low", amount(l))
            .with("high", amount(h)),
        _ => return Fact::from("?"),
    }
    .into()
}

/// A figure and the day it is of: `4,800 or more (2014-06-03)`.
pub(super) fn on_day(amount: impl Into<Fact>, day: Date) -> Fact {
    Msg("check-claimed-on")
        .with("amount", amount)
        .with("day", day)
        .into()
}

/// Daily-rate claims against period totals of the same metric and category.
pub(super) fn rate_claims(ds: &Dataset) -> Vec<DerivedCheck> {
    let mut out = Vec::new();
    for claim in ds
        .observations
        .iter()
        .filter(|o| o.basis == Basis::Rate && o.unit == "per_day")
    {
        // Every total with a stated span: a period total, or a running total from a
        // stated start (its average per day over the span it covers).
        for total in ds.observations.iter().filter(|o| {
            matches!(o.basis, Basis::Period | Basis::Cumulative)
                && o.metric == claim.metric
                && o.category == claim.category
                && o.unit == "count"
        }) {
            let (Some(start), Some(end)) = (total.period_start, total.period_end) else {
                continue;
            };
            let days = end.days_since_epoch() - start.days_since_epoch() + 1;
            if days <= 0 {
                continue;
            }
            let t = total.checked_interval();
            let low = to_f64(t.low.unwrap_or(0)) / days as f64;
            let high = t.high.map(|h| to_f64(h) / days as f64);
            let claimed = claim.checked_interval();
            let cl = to_f64(claimed.low.unwrap_or(0));
            let holds =
                high.is_none_or(|h| h >= cl) && claimed.high.is_none_or(|ch| low <= to_f64(ch));
            let rate = match high {
                Some(h) if (h - low).abs() < 0.05 => {
                    Msg("check-per-day").with("low", format!("{low:.1}"))
                }
                Some(h) => Msg("check-per-day-range")
                    .with("low", format!("{low:.1}"))
                    .with("high", format!("{h:.1}")),
                None => Msg("check-per-day-open").with("low", format!("{low:.1}")),
            };
            // A rate over a span of its own describes the same thing as a total only
            // over the same span; over a longer or shorter one, the average may differ.
            let (compared, same) = match claim.period_start {
                Some(_) => {
                    let (mut words, same) = compare_spans(claim, total, true);
                    let own = claim.reference_date().days_since_epoch()
                        - claim.period_start.map_or(0, |s| s.days_since_epoch())
                        + 1;
                    if !same && own != days {
                        words.push(
                            Msg(if own < days {
                                "check-rate-span-shorter"
                            } else {
                                "check-rate-span-longer"
                            })
                            .said(),
                        );
                    }
                    (words, same)
                }
                None => comparison(claim, total),
            };
            let verdict = verdict(holds, same);
            out.push(DerivedCheck {
                check: "rate_claim",
                subject: subject(claim),
                claimed: Msg("check-claimed-rate")
                    .with("amount", claimed)
                    .with("day", claim.date)
                    .into(),
                computed: vec![Msg("check-rate-computed")
                    .with("result", rate)
                    .with("total", t)
                    .with("days", days.to_string())
                    .with("span", Fact::Span(start, end))],
                compared,
                verdict,
                explanation: vec![Msg("check-rate-claim")
                    .with("day", claim.date)
                    .with("how", verdict.as_str())
                    .with("span", Fact::Span(start, end))],
                ids: vec![claim.id.clone(), total.id.clone()],
            });
        }
    }
    out
}

/// A claim that disagrees with the figures it is tested against contradicts them
/// only when they describe the same thing; else it is in tension with them.
pub(super) fn verdict(holds: bool, same: bool) -> Verdict {
    match (holds, same) {
        (true, _) => Verdict::Holds,
        (false, true) => Verdict::Contradicts,
        (false, false) => Verdict::Tension,
    }
}

/// What a claim and the figure it is tested against share, in words, and whether
/// they describe the same thing: the claim's day (or span) falls in the figure's
/// period, and they have one region and one body.
pub(super) fn comparison(claim: &Observation, figure: &Observation) -> (Vec<Said>, bool) {
    compare_spans(claim, figure, false)
}

/// What two figures compared do not share: their period (with `exact`, the two
/// must cover the same span; without, the claim's span must fall within the
/// figure's), their region, their body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Differs {
    pub period: bool,
    pub region: bool,
    pub body: bool,
}

impl Differs {
    pub fn of(claim: &Observation, figure: &Observation, exact: bool) -> Differs {
        let (cs, ce) = span(claim);
        let (fs, fe) = span(figure);
        let in_period = if exact {
            (cs, ce) == (fs, fe)
        } else {
            fs <= cs && ce <= fe
        };
        Differs {
            period: !in_period,
            region: claim.region != figure.region,
            body: claim.authority != figure.authority,
        }
    }

    pub fn any(self) -> bool {
        self.period || self.region || self.body
    }
}

/// The first and last day a figure covers.
pub fn span(o: &Observation) -> (crate::dataset::Date, crate::dataset::Date) {
    match o.period_start {
        Some(s) => (s, o.reference_date()),
        None => (o.date, o.date),
    }
}

/// [`comparison`]; with `exact`, the two must cover the same span (a declared rule
/// compares like with like), not one within the other.
pub(super) fn compare_spans(
    claim: &Observation,
    figure: &Observation,
    exact: bool,
) -> (Vec<Said>, bool) {
    let differs = Differs::of(claim, figure, exact);
    let (cs, ce) = span(claim);
    let (fs, fe) = span(figure);
    let period = if !differs.period && exact {
        Msg("check-period").with("span", Fact::Span(cs, ce))
    } else if !differs.period {
        Msg("check-period-within")
            .with("span", Fact::Span(cs, ce))
            .with("of", Fact::Span(fs, fe))
    } else {
        Msg("check-period-differs")
            .with("span", Fact::Span(cs, ce))
            .with("of", Fact::Span(fs, fe))
    };
    let region = if differs.region {
        Msg("check-region-differs")
            .with("a", &claim.region)
            .with("b", &figure.region)
    } else {
        Msg("check-region").with("region", &claim.region)
    };
    let body = if differs.body {
        Msg("check-body-differs")
            .with("a", &claim.authority)
            .with("b", &figure.authority)
    } else {
        Msg("check-body").with("body", &claim.authority)
    };
    (vec![period, region, body], !differs.any())
}
