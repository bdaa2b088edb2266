//! The tool's words under each chart, computed from the figures it draws.

use std::collections::{BTreeMap, HashMap};

use super::words::{figures_word, of_n, some_of};
use super::*;
use crate::aggregate::Aggregation;
use crate::dataset::Qualifier;

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
    let span = match (
        figures.iter().map(|o| o.date).min(),
        figures.iter().map(|o| o.date).max(),
    ) {
        (Some(a), Some(b)) if a == b => match lang {
            Lang::En => format!(", announced on {}", lang.date(a)),
            Lang::Zh => format!("，{}公布", lang.date(a)),
        },
        (Some(a), Some(b)) => match lang {
            Lang::En => format!(", announced from {} to {}", lang.date(a), lang.date(b)),
            Lang::Zh => format!("，{}至{}公布", lang.date(a), lang.date(b)),
        },
        _ => String::new(),
    };
    let what = figures_word(n, lang);
    let summed = agg.basis.is_summable();
    let by_month = agg.by.first() == Some(&Dimension::Month);
    let mut out = vec![match (agg.basis, agg.increments, lang) {
        (Basis::Cumulative, true, Lang::En) => format!("Each bar is the change between two consecutive running totals of one series; {what}{span}."),
        (Basis::Cumulative, true, Lang::Zh) => format!("每个柱是同一系列相邻两次公布的累计数之差；共{what}{span}。"),
        (Basis::Cumulative, false, Lang::En) if by_month => format!("Each point is a running total as announced; {what}{span}. Running totals are snapshots and are never added up."),
        (Basis::Cumulative, false, Lang::Zh) if by_month => format!("每个点是公布的累计数；共{what}{span}。累计数是某一时点的数字，从不相加。"),
        (Basis::Cumulative, false, Lang::En) => format!("Each bar is the latest running total of its series as announced; {what}{span}. Running totals are snapshots and are never added up."),
        (Basis::Cumulative, false, Lang::Zh) => format!("每个柱是其系列最新公布的累计数；共{what}{span}。累计数是某一时点的数字，从不相加。"),
        (Basis::Rate | Basis::Share, _, Lang::En) => format!("Each bar is one figure as claimed; {what}{span}. Rates and shares are never added up."),
        (Basis::Rate | Basis::Share, _, Lang::Zh) => format!("每个柱是所称的一个数字；共{what}{span}。比率和比例从不相加。"),
        (Basis::Change(_), _, Lang::En) => format!("Each bar is one stated change as claimed; {what}{span}. Changes are never added up."),
        (Basis::Change(_), _, Lang::Zh) => format!("每个柱是所称的一个变化；共{what}{span}。变化从不相加。"),
        (_, _, Lang::En) => format!("Each bar adds up the published figures that fall in it, as intervals (low ends and high ends added apart); {what}{span}."),
        (_, _, Lang::Zh) => format!("每个柱把落在其中的公布数字按区间相加（下限与上限分别相加）；共{what}{span}。"),
    }];
    // "k of the n are lower bounds ...": a sentence for each kind of figure there is.
    let counted = |out: &mut Vec<String>, k: usize, en: [&str; 3], zh: [&str; 2]| {
        if k > 0 {
            out.push(match lang {
                Lang::En => format!("{}{}", of_n(k, n, en[0], en[1], lang), en[2]),
                Lang::Zh => format!("{}{}", of_n(k, n, zh[0], "", lang), zh[1]),
            });
        }
    };
    counted(
        &mut out,
        lower,
        [
            "a lower bound",
            "lower bounds",
            if summed {
                " (\"more than\"), drawn with an arrow: the true value may be higher, and a sum that holds one has no upper end."
            } else {
                " (\"more than\"), drawn with an arrow: the true value may be higher."
            },
        ],
        [
            "下限",
            if summed {
                "（“以上”“余”），以箭头表示：实际数值可能更高，含有下限的合计没有上限。"
            } else {
                "（“以上”“余”），以箭头表示：实际数值可能更高。"
            },
        ],
    );
    if let Some(said) = not_published(ds, &figures, &unknown, summed, lang) {
        out.push(said);
    }
    counted(
        &mut out,
        upper,
        ["an upper bound", "upper bounds", " (\"at most\")."],
        ["上限", "（“至多”）。"],
    );
    counted(
        &mut out,
        ranges,
        ["a range", "ranges", ", drawn from the low to the high end."],
        ["范围", "，从下限画到上限。"],
    );
    let per_item: Vec<String> = figures
        .iter()
        .filter_map(|o| {
            let p = o.per_item?;
            Some(match lang {
                Lang::En => format!(
                    "'{}' is {} for {}, so it counts {}",
                    o.id,
                    lang.amount(&o.interval_each(), false),
                    p.words(),
                    lang.amount(&o.interval(), false)
                ),
                Lang::Zh => format!(
                    "“{}”每项{}，共{}，合计{}",
                    o.id,
                    lang.amount(&o.interval_each(), false),
                    match p {
                        crate::dataset::per_item::PerItem::Exactly(n) => format!("{n}项"),
                        crate::dataset::per_item::PerItem::AtMost(n) => format!("至多{n}项"),
                        crate::dataset::per_item::PerItem::Unknown => "项数未知".into(),
                    },
                    lang.amount(&o.interval(), false)
                ),
            })
        })
        .collect();
    if !per_item.is_empty() {
        out.push(match lang {
            Lang::En => format!(
                "{}, which is why the interval is wide: {}.",
                of_n(
                    per_item.len(),
                    n,
                    "a figure for each of several items",
                    "figures for each of several items",
                    lang
                ),
                some_of(&per_item, 3, lang)
            ),
            Lang::Zh => format!(
                "{}，因此区间较宽：{}。",
                of_n(per_item.len(), n, "按项计的数字", "", lang),
                some_of(&per_item, 3, lang)
            ),
        });
    }
    counted(
        &mut out,
        approx,
        ["approximate", "approximate", " (\"about\"), marked ~."],
        ["约数", "（“约”），标有~。"],
    );
    let gaps: Vec<String> = agg
        .rows
        .iter()
        .filter(|r| r.value.is_none())
        .map(|r| {
            let k = r.keys.join(" ");
            crate::dataset::Month::parse(&k).map_or(k, |m| lang.month_year(m))
        })
        .collect();
    // A sentence that lists what it is about, in the report's language.
    let listed = |out: &mut Vec<String>, items: &[String], max: usize, en: &str, zh: &str| {
        if !items.is_empty() {
            let (head, end) = match lang {
                Lang::En => (en, "."),
                Lang::Zh => (zh, "。"),
            };
            out.push(format!("{head}{}{end}", some_of(items, max, lang)));
        }
    };
    listed(
        &mut out,
        &gaps,
        6,
        "Not reported, which is not zero: ",
        "未公布（不等于零）：",
    );
    let left: Vec<String> = agg
        .notes
        .iter()
        .filter_map(|n| n.strip_prefix("left out "))
        .map(str::to_string)
        .collect();
    listed(
        &mut out,
        &left,
        3,
        "Left out so that no figure is counted twice: ",
        "为避免重复计算而未计入：",
    );
    let included: Vec<String> = agg
        .members
        .iter()
        .map(|(up, below)| {
            // The names the package gives, of the dimension that was rolled up.
            let names = build::Names::of(ds, lang);
            let dim = agg
                .by
                .iter()
                .copied()
                .find(|d| ds.hierarchies.iter().any(|h| h.dimension == *d))
                .unwrap_or(Dimension::Region);
            let below: Vec<String> = below.iter().map(|b| names.key(dim, b)).collect();
            match lang {
                Lang::En => format!("{} includes {}", names.key(dim, up), below.join(" and ")),
                Lang::Zh => format!("{}包括{}", names.key(dim, up), below.join("、")),
            }
        })
        .collect();
    let included: Vec<String> = if included.is_empty() {
        included
    } else {
        vec![included.join(lang.pick("; ", "；"))]
    };
    listed(
        &mut out,
        &included,
        usize::MAX,
        "Each figure is counted once, under the place or kind that holds it: ",
        "每个数字只计一次，计入包含它的上级：",
    );
    let other: Vec<String> = agg
        .notes
        .iter()
        .filter(|n| !n.starts_with("left out ") && !n.starts_with(aggregate::NOT_PUBLISHED))
        .cloned()
        .collect();
    listed(&mut out, &other, 3, "Also: ", "另：");
    out.join(" ")
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
        let floor = match (o.value == crate::value::Value::whole(0), lang) {
            (true, _) => String::new(),
            (false, Lang::En) => format!(" (at least {})", o.value),
            (false, Lang::Zh) => format!("（至少{}）", o.value),
        };
        match (lang, who.is_empty()) {
            (Lang::En, true) => format!("{what} for {when}{floor}"),
            (Lang::En, false) => format!("{}'s {what} for {when}{floor}", who.join(", ")),
            (Lang::Zh, true) => format!("{when}的{what}{floor}"),
            (Lang::Zh, false) => format!("{}{when}的{what}{floor}", who.join("、")),
        }
    };
    let one = unknown.len() == 1;
    let floors = unknown
        .iter()
        .any(|o| o.value != crate::value::Value::whole(0));
    let from = match (lang, one, floors) {
        (_, true, _) => first.value.to_string(),
        (Lang::En, false, true) => "0 up (or from the floor shown)".into(),
        (Lang::Zh, false, true) => "0以上（或所示下限以上）".into(),
        (_, false, false) => "0".into(),
    };
    let up = if one || !floors {
        lang.pick(" up", "以上")
    } else {
        ""
    };
    let all: Vec<String> = unknown.iter().map(|o| words(o)).collect();
    Some(match (lang, one, summed) {
        (Lang::En, true, true) => format!("{} is not published. It is counted from {from}{up}, so a sum that holds it has no upper end.", capitalised(&all[0])),
        (Lang::En, true, false) => format!("{} is not published. It is drawn from {from}{up}.", capitalised(&all[0])),
        (Lang::En, false, true) => format!("{} figures are not published: {}. Each is counted from {from}{up}, so a sum that holds one has no upper end.", all.len(), some_of(&all, 3, lang)),
        (Lang::En, false, false) => format!("{} figures are not published: {}. Each is drawn from {from}{up}.", all.len(), some_of(&all, 3, lang)),
        (Lang::Zh, true, true) => format!("{}未公布，按{from}{up}计入，含有它的合计没有上限。", all[0]),
        (Lang::Zh, true, false) => format!("{}未公布，按{from}{up}绘制。", all[0]),
        (Lang::Zh, false, true) => format!("{}个数字未公布：{}。各按{from}{up}计入，含有它们的合计没有上限。", all.len(), some_of(&all, 3, lang)),
        (Lang::Zh, false, false) => format!("{}个数字未公布：{}。各按{from}{up}绘制。", all.len(), some_of(&all, 3, lang)),
    })
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
    match (r.status, lang) {
        (reconcile::Status::Match, Lang::En) => format!("The {k} parts as published give {parts}, the total as published: they add up exactly."),
        (reconcile::Status::Match, Lang::Zh) => format!("{k}个分项按公布合计为{parts}，与公布的总数相同：完全吻合。"),
        (reconcile::Status::Consistent, Lang::En) => format!("The {k} parts as published give {parts} against a published total of {published}: they can add up within their bounds, but need not."),
        (reconcile::Status::Consistent, Lang::Zh) => format!("{k}个分项按公布合计为{parts}，公布的总数为{published}：在区间内可以吻合，但不一定吻合。"),
        (_, Lang::En) => format!("The {k} parts as published give {parts} against a published total of {published}: they do not add up, by {}.", r.difference),
        (_, Lang::Zh) => format!("{k}个分项按公布合计为{parts}，公布的总数为{published}：对不上，相差{}。", r.difference),
    }
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
    let mut out = match lang {
        Lang::En => format!(
            "{} announced on {date}, on a logarithmic scale because they span orders of magnitude.",
            figures_word(n, lang)
        ),
        Lang::Zh => format!(
            "{date}公布的{}，因数值相差多个数量级而用对数刻度。",
            figures_word(n, lang)
        ),
    };
    if !statuses.is_empty() {
        let list: Vec<String> = statuses.iter().map(|(s, k)| format!("{k} {s}")).collect();
        out.push_str(&match lang {
            Lang::En => format!(
                " The totals among them checked against their parts: {}.",
                list.join(", ")
            ),
            Lang::Zh => format!("其中与分项核对的总数：{}。", list.join("，")),
        });
    }
    let totals = super::big::announced_totals(ds, rec);
    if !totals.is_empty() {
        let names = build::Names::of(ds, lang);
        let list: Vec<String> = totals
            .iter()
            .map(|(m, v)| format!("{} {}", names.metric(m), lang.amount(v, false)))
            .collect();
        out.push_str(&match lang {
            Lang::En => format!(" Added up, each figure once: {}.", list.join("; ")),
            Lang::Zh => format!("逐项相加（每个数字计一次）：{}。", list.join("；")),
        });
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
    match (top, lang) {
        (Some((a, k)), Lang::En) => format!(
            "{} from {} bodies; the most, {k}, from {a}.",
            figures_word(n, lang),
            counts.len()
        ),
        (Some((a, k)), Lang::Zh) => format!(
            "{}来自{}个机构；最多的是{a}，{k}个。",
            figures_word(n, lang),
            counts.len()
        ),
        (None, _) => String::new(),
    }
}

/// Why a chart of the automatic set is not drawn.
pub(super) fn over_the_cap(stem: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{stem}: the report draws at most {MAX_CHARTS} charts of its own choosing; declare views (cleanweb:views) to choose others"),
        Lang::Zh => format!("{stem}：报告自行选择的图表至多{MAX_CHARTS}幅；可在cleanweb:views中声明要绘制的图表"),
    }
}
