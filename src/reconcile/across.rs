//! The checks across series: related running totals far apart, regions above the
//! national figure, parts larger than their totals.

use super::derived::{comparison, on_day};
use super::*;

/// Consecutive running totals of related series (one metric, region and unit; another
/// category or entity) that differ by more than `factor`: the reader should see them
/// side by side, since each series alone looks smooth.
pub(super) fn related_jumps(ds: &Dataset, factor: f64) -> Vec<DerivedCheck> {
    let mut groups: BTreeMap<(&str, &str, &str), Vec<&Observation>> = BTreeMap::new();
    for o in ds
        .observations
        .iter()
        .filter(|o| o.basis == Basis::Cumulative)
    {
        groups
            .entry((o.metric.as_str(), o.region.as_str(), o.unit.as_str()))
            .or_default()
            .push(o);
    }
    // Each relation both ways round, so a pair is looked up, not searched for.
    let related: std::collections::HashSet<(&str, &str)> = ds
        .relations
        .iter()
        .flat_map(|r| {
            [
                (r.total_id.as_str(), r.part_id.as_str()),
                (r.part_id.as_str(), r.total_id.as_str()),
            ]
        })
        .collect();
    let mut out = Vec::new();
    for snaps in groups.values_mut() {
        snaps.sort_by(|a, b| (a.reference_date(), &a.id).cmp(&(b.reference_date(), &b.id)));
        for w in snaps.windows(2) {
            let (a, b) = (w[0], w[1]);
            if crate::aggregate::series_of(a) == crate::aggregate::series_of(b) {
                continue;
            }
            let (ia, ib) = (a.interval(), b.interval());
            let days =
                b.reference_date().days_since_epoch() - a.reference_date().days_since_epoch();
            // A rise between the stated figures (a later, smaller figure of another
            // series is most often a subset of the earlier); a total and its part,
            // or two figures of one announcement, are not a jump.
            let related = related.contains(&(a.id.as_str(), b.id.as_str()));
            let jump = match (ia.low, ib.low) {
                (Some(x), Some(y)) if x > 0 => y as f64 / x as f64,
                _ => 0.0,
            };
            if jump <= factor || days <= 0 || related {
                continue;
            }
            out.push(DerivedCheck {
                check: "related_series_jump",
                subject: Msg("check-subject-and")
                    .with("a", subject(a))
                    .with("b", subject(b))
                    .into(),
                claimed: Fact::Joined(
                    vec![
                        on_day(ia, a.reference_date()),
                        on_day(ib, b.reference_date()),
                    ],
                    Msg("check-then"),
                ),
                computed: vec![Msg("check-jump-computed")
                    .with("factor", format!("{jump:.0}"))
                    .with("days", days.to_string())],
                compared: vec![Msg("check-jump-compared")
                    .with("a", series_words(a))
                    .with("b", series_words(b))],
                verdict: Verdict::Tension,
                explanation: vec![Msg("check-jump")
                    .with("a", ia)
                    .with("a_day", a.reference_date())
                    .with("b", ib)
                    .with("b_day", b.reference_date())
                    .with("factor", format!("{jump:.0}"))],
                ids: vec![a.id.clone(), b.id.clone()],
            });
        }
    }
    out
}

/// A region's figure above the national running total of the same metric that
/// covers it (the national total runs from before the regional figure's span to a
/// day at most 31 days after it): a tension, since the national figure should
/// include the region's. The figures that fit are counted in one verdict.
pub(super) fn regions_above_national(ds: &Dataset) -> Vec<DerivedCheck> {
    let national: Vec<&Observation> = ds
        .observations
        .iter()
        .filter(|o| o.region == "national" && o.basis == Basis::Cumulative)
        .collect();
    let mut out = Vec::new();
    let mut fit = 0u64;
    for r in ds.observations.iter().filter(|o| {
        o.region != "national"
            && matches!(o.basis, Basis::Event | Basis::Period | Basis::Cumulative)
    }) {
        let start = r.period_start.unwrap_or(r.date);
        let end = r.reference_date();
        // The national total closest after the regional figure that covers it.
        let cover = national
            .iter()
            .filter(|n| {
                n.metric == r.metric
                    && n.unit == r.unit
                    && (n.category.is_empty() || n.category == r.category)
                    && n.period_start.is_none_or(|s| s <= start)
                    && n.reference_date() >= end
                    && n.reference_date().days_since_epoch() - end.days_since_epoch() <= 31
            })
            .min_by_key(|n| (n.reference_date(), &n.id));
        let Some(n) = cover else { continue };
        let (ir, inat) = (r.checked_interval(), n.checked_interval());
        let above = matches!((ir.low, inat.high), (Some(l), Some(h)) if l > h);
        if !above {
            fit += 1;
            continue;
        }
        let (compared, _) = comparison(r, n);
        out.push(DerivedCheck {
            check: "region_above_national",
            subject: Msg("check-subject-against")
                .with("a", subject(r))
                .with("b", subject(n))
                .into(),
            claimed: Msg("check-claimed-region")
                .with("amount", ir)
                .with("region", &r.region)
                .with("day", end)
                .into(),
            computed: vec![Msg("check-national")
                .with("amount", inat)
                .with("to", n.reference_date())],
            compared,
            verdict: Verdict::Tension,
            explanation: vec![Msg("check-region-above")
                .with("region", &r.region)
                .with("amount", ir)
                .with("to", end)
                .with("national", inat)
                .with("national_to", n.reference_date())],
            ids: vec![r.id.clone(), n.id.clone()],
        });
    }
    if fit > 0 {
        out.push(DerivedCheck {
            check: "region_above_national",
            subject: Msg("check-subject-regions").said().into(),
            claimed: Msg("check-claimed-figures")
                .with("n", Fact::Count(fit as i64))
                .into(),
            computed: vec![Msg("check-regions-within").said()],
            compared: vec![Msg("check-regions-compared").said()],
            verdict: Verdict::Holds,
            explanation: vec![Msg("check-regions-fit").with("n", Fact::Count(fit as i64))],
            ids: Vec::new(),
        });
    }
    out
}

/// A series' category and entity, in words.
fn series_words(o: &Observation) -> Fact {
    match (o.category.as_str(), o.entity.as_str()) {
        ("", "") => Msg("check-no-category").said().into(),
        (c, "") => c.replace('_', " ").into(),
        ("", e) => e.into(),
        (c, e) => format!("{}, {e}", c.replace('_', " ")).into(),
    }
}

pub(super) fn parts_exceeding_totals(ds: &Dataset) -> Vec<DerivedCheck> {
    let mut out = Vec::new();
    for r in ds
        .relations
        .iter()
        .filter(|r| r.kind != RelationKind::Restates)
    {
        let (Some(total), Some(part)) = (ds.find(&r.total_id), ds.find(&r.part_id)) else {
            continue;
        };
        if let (Some(pl), Some(th)) = (part.checked_interval().low, total.checked_interval().high) {
            if pl > th {
                out.push(DerivedCheck {
                    check: "part_exceeds_total",
                    subject: subject(part),
                    claimed: Msg("check-claimed-part")
                        .with("id", &part.id)
                        .with("amount", part.interval())
                        .into(),
                    computed: vec![Msg("check-part-total")
                        .with("id", &total.id)
                        .with("amount", total.interval())],
                    compared: vec![Msg("check-part-compared").said()],
                    verdict: Verdict::Contradicts,
                    explanation: vec![Msg("check-part-exceeds").said()],
                    ids: vec![part.id.clone(), total.id.clone()],
                });
            }
        }
    }
    out
}
