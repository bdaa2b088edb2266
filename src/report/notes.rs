//! The tool's words under each chart, computed from the figures it draws.

use std::collections::{BTreeMap, HashMap};

use super::*;
use crate::aggregate::Aggregation;
use crate::dataset::Qualifier;
use crate::say;
use crate::words::yes_no;

/// What a chart draws, in sentences computed from the figures behind it: how many,
/// when announced, which are lower or upper bounds, ranges or approximate, which
/// months are not reported, and which figures are left out and why.
pub(super) fn chart_notes(
    ds: &Dataset,
    index: &HashMap<&str, &Observation>,
    agg: &Aggregation,
    lang: Lang,
) -> String {
    let figures: Vec<&Observation> = agg
        .used
        .iter()
        .filter_map(|id| index.get(id.as_str()).copied())
        .collect();
    let n = figures.len();
    let count = |f: &dyn Fn(&Interval) -> bool| figures.iter().filter(|o| f(&o.interval())).count();
    let unknown: Vec<&Observation> = figures
        .iter()
        .copied()
        .filter(|o| o.qualifier == Qualifier::Unknown)
        .collect();
    let lower = count(&|v| v.low.is_some() && v.high.is_none()) - unknown.len();
    let upper = count(&|v| v.low.is_none() && v.high.is_some());
    let ranges = count(&|v| matches!((v.low, v.high), (Some(l), Some(h)) if l < h));
    let approx = figures
        .iter()
        .filter(|o| o.qualifier == Qualifier::Approx)
        .count();
    let summed = agg.basis.is_summable();
    let mut out = vec![say!(
        lang,
        "report-bars",
        kind = what_the_bars_are(agg),
        what = figures_word(n, lang),
        span = announced_span(&figures, lang)
    )];
    // "k of the n are lower bounds ...": a sentence for each kind of figure there is.
    let counted = |out: &mut Vec<String>, k: usize, word: &str, sentence: &str| {
        if k > 0 {
            let of_n = of_n(k, n, word, lang);
            out.push(say!(lang, sentence, of_n = of_n, summed = yes_no(summed)));
        }
    };
    counted(&mut out, lower, "report-lower", "report-lower");
    if let Some(said) = not_published(ds, &figures, &unknown, summed, lang) {
        out.push(said);
    }
    counted(&mut out, upper, "report-upper", "report-upper");
    counted(&mut out, ranges, "report-range", "report-ranges");
    let per_item = per_item_figures(&figures, lang);
    if !per_item.is_empty() {
        out.push(say!(
            lang,
            "report-per-item",
            of_n = of_n(per_item.len(), n, "report-per-item", lang),
            list = some_of(&per_item, 3, lang)
        ));
    }
    counted(&mut out, approx, "report-approx", "report-approx");
    // A sentence that lists what it is about, in the report's language.
    let listed = |out: &mut Vec<String>, items: &[String], max: usize, sentence: &str| {
        if !items.is_empty() {
            out.push(say!(lang, sentence, list = some_of(items, max, lang)));
        }
    };
    listed(&mut out, &gaps(agg, lang), 6, "report-gaps");
    let left: Vec<String> = agg
        .left_out
        .iter()
        .map(|(id, why)| why.said(id, lang))
        .collect();
    listed(&mut out, &left, 3, "report-left-out");
    listed(
        &mut out,
        &rolled_up(ds, agg, lang),
        usize::MAX,
        "report-rolled-up",
    );
    let other: Vec<String> = agg
        .notes
        .iter()
        .filter(|n| !n.starts_with("left out ") && !n.starts_with(aggregate::NOT_PUBLISHED))
        .cloned()
        .collect();
    listed(&mut out, &other, 3, "report-also");
    out.join(" ")
}

/// What the bars of a chart are, as the message `report-bars` names it: sums, running
/// totals (each month's, or the latest), increments, claims or changes.
fn what_the_bars_are(agg: &Aggregation) -> &'static str {
    let by_month = agg.by.first() == Some(&Dimension::Month);
    match agg.basis {
        Basis::Cumulative if agg.increments => "increments",
        Basis::Cumulative if by_month => "points",
        Basis::Cumulative => "latest",
        Basis::Rate | Basis::Share => "claims",
        Basis::Change(_) => "changes",
        _ => "sums",
    }
}

/// When the figures were announced: on one day, or from the first day to the last.
fn announced_span(figures: &[&Observation], lang: Lang) -> String {
    match (
        figures.iter().map(|o| o.date).min(),
        figures.iter().map(|o| o.date).max(),
    ) {
        (Some(a), Some(b)) if a == b => say!(lang, "report-span-on", date = lang.date(a)),
        (Some(a), Some(b)) => say!(
            lang,
            "report-span-from",
            from = lang.date(a),
            to = lang.date(b)
        ),
        _ => String::new(),
    }
}

/// Each figure that counts for each of several items, in words: its id, the figure
/// for each, how many items, and the total.
fn per_item_figures(figures: &[&Observation], lang: Lang) -> Vec<String> {
    use crate::dataset::per_item::PerItem;
    figures
        .iter()
        .filter_map(|o| {
            let (kind, items) = match o.per_item? {
                PerItem::Exactly(1) => ("one", 1),
                PerItem::Exactly(n) => ("exactly", n),
                PerItem::AtMost(n) => ("at-most", n),
                PerItem::Unknown => ("unknown", 0),
            };
            Some(say!(
                lang,
                "report-per-item-figure",
                id = o.id.as_str(),
                each = lang.amount(&o.interval_each(), false),
                items = say!(lang, "report-items", kind = kind, n = items),
                total = lang.amount(&o.interval(), false)
            ))
        })
        .collect()
}

/// The keys of the rows with no figure: months as "Sep 2014".
fn gaps(agg: &Aggregation, lang: Lang) -> Vec<String> {
    agg.rows
        .iter()
        .filter(|r| r.value.is_none())
        .map(|r| {
            let k = r.keys.join(" ");
            crate::dataset::Month::parse(&k).map_or(k, |m| lang.month_year(m))
        })
        .collect()
}

/// The places rolled up into the bars, in one item of a list: "A includes B and C;
/// D includes E"; none when nothing is rolled up.
fn rolled_up(ds: &Dataset, agg: &Aggregation, lang: Lang) -> Vec<String> {
    if agg.members.is_empty() {
        return Vec::new();
    }
    // The names the package gives, of the dimension that was rolled up.
    let names = build::Names::of(ds, lang);
    let dim = agg
        .by
        .iter()
        .copied()
        .find(|d| ds.hierarchies.iter().any(|h| h.dimension == *d))
        .unwrap_or(Dimension::Region);
    let included: Vec<String> = agg
        .members
        .iter()
        .map(|(up, below)| {
            let below: Vec<String> = below.iter().map(|b| names.key(dim, b)).collect();
            say!(
                lang,
                "report-includes",
                up = names.key(dim, up),
                below = below.join(&lang.t("and-list"))
            )
        })
        .collect();
    vec![lang.join(&included)]
}

/// The figures drawn whose value is not published, each named by the values that
/// tell the chart's figures apart ("China's requests for 2009-H2 is not published"),
/// and what that does to a sum; `None` when there are none.
fn not_published(
    ds: &Dataset,
    figures: &[&Observation],
    unknown: &[&Observation],
    summed: bool,
    lang: Lang,
) -> Option<String> {
    let first = unknown.first()?;
    let names = build::Names::of(ds, lang);
    // The dimensions whose values differ among the figures drawn, less one that is
    // one-to-one with an earlier one (a code beside its name).
    let mut dims = vec![Dimension::Region, Dimension::Category, Dimension::Entity];
    dims.extend(ds.dimensions.iter().map(|n| n.dimension));
    dims.dedup();
    dims.retain(|d| {
        let values: std::collections::BTreeSet<&str> =
            figures.iter().map(|o| o.text_key_of(*d)).collect();
        values.len() > 1
    });
    let dims: Vec<Dimension> = dims
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            !dims[..*i]
                .iter()
                .any(|e| crate::dataset::one_to_one(figures, *e, **d))
        })
        .map(|(_, d)| *d)
        .collect();
    let words = |o: &Observation| {
        let who: Vec<String> = dims
            .iter()
            .filter(|d| !o.text_key_of(**d).is_empty())
            .map(|d| names.key(*d, o.text_key_of(*d)))
            .collect();
        // Mid-sentence: a metric's own words in lower case, a title as given.
        let what = match names.titles.get("metric", &o.metric, lang) {
            Some(t) => t.to_string(),
            None => o.metric.replace('_', " "),
        };
        let when = o.fields().period_label();
        let floor = if o.value == crate::values::decimal::Value::whole(0) {
            String::new()
        } else {
            say!(lang, "report-at-least", value = o.value.to_string())
        };
        let who = who.join(&lang.t("list-comma"));
        say!(
            lang,
            "report-not-published-name",
            who = if who.is_empty() {
                "none".to_string()
            } else {
                who
            },
            what = what,
            when = when,
            floor = floor
        )
    };
    let one = unknown.len() == 1;
    let floors = unknown
        .iter()
        .any(|o| o.value != crate::values::decimal::Value::whole(0));
    let from = match (one, floors) {
        (true, _) => say!(
            lang,
            "report-not-published-from",
            kind = "one",
            value = first.value.to_string()
        ),
        (false, true) => say!(lang, "report-not-published-from", kind = "floors"),
        (false, false) => say!(lang, "report-not-published-from", kind = "zero"),
    };
    let all: Vec<String> = unknown.iter().map(|o| words(o)).collect();
    let list = if one {
        capitalised(&all[0])
    } else {
        some_of(&all, 3, lang)
    };
    Some(say!(
        lang,
        "report-not-published",
        n = all.len(),
        summed = yes_no(summed),
        from = from,
        list = list
    ))
}

/// `n` figures, in words.
pub(super) fn figures_word(n: usize, lang: Lang) -> String {
    say!(lang, "report-figures", n = n)
}

/// `k` of `n` figures are what the messages `{word}-one` and `{word}-many` say: "It
/// is a lower bound", "All 3 are lower bounds", "1 of the 5 is a lower bound".
fn of_n(k: usize, n: usize, word: &str, lang: Lang) -> String {
    say!(
        lang,
        "report-of-n",
        all = yes_no(k == n),
        n = n,
        k = k,
        one = lang.t(&format!("{word}-one")),
        many = lang.t(&format!("{word}-many"))
    )
}

/// The first `max` items joined, and how many more there are.
pub(super) fn some_of(items: &[String], max: usize, lang: Lang) -> String {
    let shown = items[..items.len().min(max)].join(&lang.t("list-comma"));
    if items.len() <= max {
        return shown;
    }
    say!(
        lang,
        "report-and-more",
        shown = shown,
        more = items.len() - max,
        all = items.len()
    )
}

/// `text` with its first letter in capitals.
pub(super) fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// A breakdown's words: what its parts give against the published total.
pub(super) fn breakdown_notes(ds: &Dataset, rec: &Reconciliation, id: &str, lang: Lang) -> String {
    let Some(r) = rec.relations.iter().find(|r| r.total_id == id) else {
        return String::new();
    };
    let approx = ds
        .find(id)
        .is_some_and(|o| o.qualifier == Qualifier::Approx);
    let (published, parts) = (
        lang.amount(&r.published, approx),
        lang.amount(&r.parts, false),
    );
    let k = r.part_ids.len();
    let status = match r.status {
        reconcile::Status::Match => "match",
        reconcile::Status::Consistent => "consistent",
        _ => "other",
    };
    say!(
        lang,
        "report-breakdown",
        status = status,
        k = k,
        parts = parts,
        published = published,
        difference = r.difference.to_string()
    )
}

/// The announcement's words: how many figures, and which totals add up.
pub(super) fn announcement_notes(ds: &Dataset, rec: &Reconciliation, lang: Lang) -> String {
    let n = rec.announcement.len();
    let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
    for f in rec
        .announcement
        .iter()
        .filter(|f| f.status != "as published")
    {
        *statuses.entry(f.status.as_str()).or_default() += 1;
    }
    let date = rec
        .announcement_date
        .map(|d| lang.date(d))
        .unwrap_or_default();
    let mut out = say!(
        lang,
        "report-announcement",
        what = figures_word(n, lang),
        date = date
    );
    if !statuses.is_empty() {
        let list: Vec<String> = statuses
            .iter()
            .map(|(s, k)| {
                say!(
                    lang,
                    "report-status-count",
                    k = *k,
                    status = say!(lang, "check-status", status = *s)
                )
            })
            .collect();
        let list = list.join(&lang.t("comma"));
        out.push_str(&say!(lang, "report-announcement-checked", list = list));
    }
    let totals = super::big::announced_totals(ds, rec);
    if !totals.is_empty() {
        let names = build::Names::of(ds, lang);
        let list: Vec<String> = totals
            .iter()
            .map(|(m, v)| format!("{} {}", names.metric(m), lang.amount(v, false)))
            .collect();
        let list = lang.join(&list);
        out.push_str(&say!(lang, "report-announcement-summed", list = list));
    }
    out
}

/// Who announced the figures, in words.
pub(super) fn authority_notes(ds: &Dataset, lang: Lang) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &ds.observations {
        *counts.entry(o.authority.as_str()).or_default() += 1;
    }
    let names = build::Names::of(ds, lang);
    let top = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(a, k)| (names.key(Dimension::Authority, a), *k));
    let n = ds.observations.len();
    let Some((top, k)) = top else {
        return String::new();
    };
    say!(
        lang,
        "report-authorities",
        what = figures_word(n, lang),
        bodies = counts.len(),
        k = k,
        top = top
    )
}

/// Why a chart of the automatic set is not drawn.
pub(super) fn over_the_cap(stem: &str, lang: Lang) -> String {
    say!(lang, "report-over-the-cap", stem = stem, max = MAX_CHARTS)
}
