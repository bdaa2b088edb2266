//! The report's sentences about the figures, each computed from them.

use std::collections::BTreeMap;

use super::*;
use crate::aggregate::series_of;
use crate::dataset::{Against, Qualifier};

/// `n` things in English, singular or plural.
pub(super) fn count_of(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The key figures, each with its bounds: the latest snapshot of each running
/// total, and the sum of each metric's single figures and period totals. At most
/// eight, those resting on most figures first.
pub(super) fn key_figures(ds: &Dataset, lang: Lang) -> Vec<String> {
    let names = build::Names::of(ds, lang);
    let unit = |u: &str| match (u, lang) {
        ("count", _) => String::new(),
        ("yuan", Lang::Zh) => "元".into(),
        ("years", Lang::Zh) => "年".into(),
        ("months", Lang::Zh) => "个月".into(),
        ("percent", Lang::Zh) => "%".into(),
        (u, _) => format!(" {}", u.replace('_', " ")),
    };
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut latest: BTreeMap<_, (usize, &Observation)> = BTreeMap::new();
    for o in ds
        .observations
        .iter()
        .filter(|o| o.basis == Basis::Cumulative)
    {
        let e = latest.entry(series_of(o)).or_insert((0, o));
        e.0 += 1;
        if (o.reference_date(), o.date, &o.id) > (e.1.reference_date(), e.1.date, &e.1.id) {
            e.1 = o;
        }
    }
    for ((metric, region, category, entity, u), (k, o)) in &latest {
        let mut what = names.metric(metric);
        let mut which = Vec::new();
        if region != "national" {
            which.push(names.key(Dimension::Region, region));
        }
        for (d, key) in [(Dimension::Category, category), (Dimension::Entity, entity)] {
            if !key.is_empty() {
                which.push(names.key(d, key));
            }
        }
        if !which.is_empty() {
            what = format!(
                "{what}{}{}{}",
                lang.pick(" (", "（"),
                which.join(lang.pick(", ", "，")),
                lang.pick(")", "）")
            );
        }
        let amount = lang.amount(&o.interval(), o.qualifier == Qualifier::Approx);
        out.push((
            *k,
            match lang {
                Lang::En => format!(
                    "{what}: {amount}{} by {}, the latest of {} announced.",
                    unit(u),
                    lang.date(o.reference_date()),
                    count_of(*k, "running total", "running totals")
                ),
                Lang::Zh => format!(
                    "{what}：截至{}为{amount}{}，是公布的{k}个累计数中最新的。",
                    lang.date(o.reference_date()),
                    unit(u)
                ),
            },
        ));
    }
    let mut summable: BTreeMap<(&str, Basis, &str), usize> = BTreeMap::new();
    for o in ds
        .observations
        .iter()
        .filter(|o| matches!(o.basis, Basis::Event | Basis::Period))
    {
        *summable
            .entry((o.metric.as_str(), o.basis, o.unit.as_str()))
            .or_default() += 1;
    }
    for ((metric, basis, u), k) in summable {
        let q = Query {
            metrics: vec![metric.to_string()],
            by: vec![Dimension::Metric],
            basis: Some(basis),
            unit: Some(u.to_string()),
            ..Query::default()
        };
        let Ok(agg) = aggregate::aggregate(ds, &q) else {
            continue;
        };
        let Some(v) = agg.rows.first().and_then(|r| r.value) else {
            continue;
        };
        let approx = agg.rows.iter().any(|r| r.approx);
        let amount = lang.amount(&v, approx);
        let used = agg.used.len();
        let kind = match (basis, lang) {
            (Basis::Event, Lang::En) => count_of(used, "single figure", "single figures"),
            (_, Lang::En) => count_of(used, "period total", "period totals"),
            (Basis::Event, Lang::Zh) => format!("{used}个单项数字"),
            (_, Lang::Zh) => format!("{used}个期间合计"),
        };
        out.push((
            k,
            match (lang, used) {
                (Lang::En, 1) => format!(
                    "{}: {amount}{}, from {kind} published.",
                    names.metric(metric),
                    unit(u)
                ),
                (Lang::En, _) => format!(
                    "{}: {amount}{} in all, the sum of {kind} published.",
                    names.metric(metric),
                    unit(u)
                ),
                (Lang::Zh, _) => format!(
                    "{}：合计{amount}{}，为公布的{kind}之和。",
                    names.metric(metric),
                    unit(u)
                ),
            },
        ));
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    out.into_iter().take(8).map(|(_, s)| s).collect()
}

pub(super) fn summary(ds: &Dataset, rec: &Reconciliation, lang: Lang) -> String {
    let matches = rec
        .relations
        .iter()
        .filter(|r| r.status == reconcile::Status::Match)
        .count();
    let failures = rec
        .relations
        .iter()
        .filter(|r| r.status.is_failure())
        .count();
    let failed_checks = rec
        .checks
        .iter()
        .filter(|c| c.verdict == reconcile::Verdict::Contradicts)
        .count();
    let tensions = rec
        .checks
        .iter()
        .filter(|c| c.verdict == reconcile::Verdict::Tension)
        .count();
    let first = ds.observations.iter().map(|o| o.date).min();
    let last = ds.observations.iter().map(|o| o.date).max();
    let (first, last) = (
        first.map(|d| lang.date(d)).unwrap_or_default(),
        last.map(|d| lang.date(d)).unwrap_or_default(),
    );
    if lang == Lang::Zh {
        return format!(
            "{first}至{last}公布的{}个数字，每个都附有原文引语；总数与分项之间的关系{}条。{}条关系中{}条完全吻合，{}条对不上；与其他数字核对的{}项中{}项相矛盾，{}项存在张力（期间、地区或机构不同）。",
            ds.observations.len(),
            ds.relations.len(),
            rec.relations.len(),
            matches,
            failures,
            rec.checks.len(),
            failed_checks,
            tensions
        );
    }
    format!(
        "{} announced between {} and {}, each with its verbatim quote, and {} between totals and their parts. Of {}, {} match exactly and {} do not add up; of {} against other figures, {} a contradiction and {} a tension (figures that disagree across periods, regions or bodies).",
        count_of(ds.observations.len(), "published figure", "published figures"),
        first,
        last,
        count_of(ds.relations.len(), "relation", "relations"),
        count_of(rec.relations.len(), "total checked", "totals checked"),
        matches,
        failures,
        count_of(rec.checks.len(), "check", "checks"),
        if failed_checks == 1 { "1 finds".to_string() } else { format!("{failed_checks} find") },
        tensions
    )
}

pub(super) const READING_ZH: &str = "阅读说明：每个数字都是一个区间。公布为“以上”“余”“超过”某数的数字，表示该数或更多（表中上限为空表示没有上限）；范围保留两端。累计数是某一时点的数字，从不彼此相加，也不与单次行动相加；总数与其分项从不同时计入；没有公布数字的月份为“未公布”，不等于零。";

pub(super) const READING: &str = "How to read: every figure is an interval. A figure published as \"more than\" a number is that number or more (an empty high end in a table means unbounded); ranges keep both ends. Running totals are snapshots and are never added to each other or to single actions; a total and its parts are never both counted; a month with no published figure is \"not reported\", not zero.";

/// What holds and what does not, in plain sentences with the quotes they rest on:
/// every total that is not the sum of its parts, every contradiction and every
/// tension; the checks that hold are counted.
pub(super) fn findings(ds: &Dataset, rec: &Reconciliation, lang: Lang) -> Vec<String> {
    let quotes = |ids: &[String]| -> String {
        let qs: Vec<String> = ids
            .iter()
            .filter_map(|id| ds.find(id))
            .map(|o| format!("“{}”", o.quote))
            .collect();
        qs.join(lang.pick("; ", "；"))
    };
    let mut out = Vec::new();
    for r in rec.relations.iter().filter(|r| r.status.is_failure()) {
        let mut ids = vec![r.total_id.clone()];
        ids.extend(r.part_ids.iter().cloned());
        out.push(match lang {
            Lang::En => format!(
                "Does not add up: the total '{}' is published as {}, its parts give {} ({}). Quotes: {}.",
                r.total_id, r.published, r.parts, r.status, quotes(&ids)
            ),
            Lang::Zh => format!(
                "对不上：总数“{}”公布为{}，分项合计为{}（{}）。引语：{}。",
                r.total_id, r.published, r.parts, r.status, quotes(&ids)
            ),
        });
    }
    for verdict in [reconcile::Verdict::Contradicts, reconcile::Verdict::Tension] {
        for c in rec.checks.iter().filter(|c| c.verdict == verdict) {
            let explanation = match lang {
                Lang::Zh if !c.zh[1].is_empty() => in_chinese(&c.zh[1]),
                _ => c.explanation.clone(),
            };
            let head = match (verdict, lang) {
                (reconcile::Verdict::Contradicts, Lang::En) => "Contradiction",
                (reconcile::Verdict::Contradicts, Lang::Zh) => "矛盾",
                (_, Lang::En) => "Tension",
                (_, Lang::Zh) => "张力",
            };
            // Plain words first, for a reader; the comparison's details after.
            let lead = match super::verdicts::lead(ds, c, lang) {
                Some(lead) => format!("{head}{}{lead}", lang.pick(": ", "：")),
                None => String::new(),
            };
            // A lead that is the explanation itself is not said twice.
            let details = if super::verdicts::restates(c) {
                String::new()
            } else {
                format!("{explanation}{}", lang.pick(" ", ""))
            };
            out.push(match (lang, lead.is_empty()) {
                (Lang::En, false) => format!(
                    "{lead} Details: {details}({}). Quotes: {}.",
                    c.compared,
                    quotes(&c.ids)
                ),
                (Lang::Zh, false) => format!(
                    "{lead}详情：{details}（{}）。引语：{}。",
                    in_chinese(&c.compared),
                    quotes(&c.ids)
                ),
                (Lang::En, true) => format!(
                    "{head}: {explanation} ({}). Quotes: {}.",
                    c.compared,
                    quotes(&c.ids)
                ),
                (Lang::Zh, true) => format!(
                    "{head}：{explanation}（{}）。引语：{}。",
                    in_chinese(&c.compared),
                    quotes(&c.ids)
                ),
            });
        }
    }
    let held = rec
        .relations
        .iter()
        .filter(|r| !r.status.is_failure())
        .count();
    let checks = rec
        .checks
        .iter()
        .filter(|c| c.verdict == reconcile::Verdict::Holds)
        .count();
    out.push(match lang {
        Lang::En => format!("Hold: {held} of {} totals against their parts, and {checks} of {} checks against other figures.", rec.relations.len(), rec.checks.len()),
        Lang::Zh => format!("成立：{}个总数中{held}个与分项相符，{}项核对中{checks}项成立。", rec.relations.len(), rec.checks.len()),
    });
    out
}

/// The tool's own English words in what a check compares, and in the intervals of
/// its explanation, in Chinese ("period differs: A against B" is 期间不同：A对B;
/// "5,000 or more" is 5,000以上; "3 to 10" is 3至10). Quotes never pass through here.
fn in_chinese(text: &str) -> String {
    const PHRASES: [(&str, &str); 16] = [
        (
            "one series: the same metric, region, category, entity and unit",
            "同一系列：指标、地区、类别、对象和单位均相同",
        ),
        (
            "one series (metric, region, category, entity, unit)",
            "同一系列（指标、地区、类别、对象、单位）",
        ),
        (
            "one metric, region and unit; another series",
            "同一指标、地区和单位；另一系列",
        ),
        (
            "the rate's span is shorter than the total's",
            "比率的期间短于总数的期间",
        ),
        (
            "the rate's span is longer than the total's",
            "比率的期间长于总数的期间",
        ),
        ("period differs: ", "期间不同："),
        ("region differs: ", "地区不同："),
        ("body differs: ", "机构不同："),
        ("period: ", "期间："),
        ("region: national", "地区：全国"),
        ("region: ", "地区："),
        ("body: ", "机构："),
        (" within ", "，属于"),
        (" against ", "对"),
        (" or more", "以上"),
        ("; ", "；"),
    ];
    let mut out = text.to_string();
    for (en, zh) in PHRASES {
        out = out.replace(en, zh);
    }
    // "20,405,000 to 20,415,000": "to" between two numbers.
    let mut joined = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find(" to ") {
        let before = rest[..at].chars().next_back();
        let after = rest[at + 4..].chars().next();
        joined.push_str(&rest[..at]);
        if before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit()) {
            joined.push('至');
        } else {
            joined.push_str(" to ");
        }
        rest = &rest[at + 4..];
    }
    joined.push_str(rest);
    joined
}

pub(super) fn basis_word(b: Basis, lang: Lang) -> &'static str {
    match b {
        Basis::Event => lang.pick("event", "单次"),
        Basis::Cumulative => lang.pick("cumulative", "累计"),
        Basis::Period => lang.pick("period", "期间"),
        Basis::Rate => lang.pick("rate", "比率"),
        Basis::Share => lang.pick("share", "比例"),
        Basis::Change(Against::PreviousPeriod) => lang.pick("change on the period before", "环比"),
        Basis::Change(Against::PreviousYear) => lang.pick("change on a year before", "同比"),
    }
}

/// The verdicts' words in Chinese.
const VERDICTS: [(&str, &str); 12] = [
    ("complete", "完整分项"),
    ("partial", "部分分项"),
    ("restates", "重述"),
    ("holds", "成立"),
    ("contradicts", "相矛盾"),
    ("tension", "存在张力"),
    ("cannot_tell", "无法判断"),
    ("match", "吻合"),
    ("consistent", "可以吻合"),
    ("mismatch", "不符"),
    ("partial_ok", "分项未超总数"),
    ("partial_violation", "分项超过总数"),
];

/// A column name of the tool's tables in Chinese, if it is one of the tool's.
pub(super) fn column_zh(name: &str) -> Option<&'static str> {
    const NAMES: [(&str, &str); 32] = [
        ("total_id", "总数编号"),
        ("kind", "关系"),
        ("parts", "分项"),
        ("published_low", "公布下限"),
        ("published_high", "公布上限"),
        ("parts_low", "分项下限"),
        ("parts_high", "分项上限"),
        ("difference", "差额"),
        ("status", "结果"),
        ("check", "检查"),
        ("subject", "对象"),
        ("claimed", "所称"),
        ("computed", "计算"),
        ("verdict", "结论"),
        ("explanation", "说明"),
        ("ids", "编号"),
        ("month", "月份"),
        ("period", "时期"),
        ("category", "类别"),
        ("region", "地区"),
        ("authority", "机构"),
        ("entity", "对象"),
        ("metric", "指标"),
        ("low", "下限"),
        ("high", "上限"),
        ("n", "数字条数"),
        ("approx", "约数"),
        ("note", "备注"),
        ("date", "日期"),
        ("part", "分项"),
        ("figure", "数字"),
        ("share_of_total", "占总数"),
    ];
    NAMES.iter().find(|(en, _)| *en == name).map(|(_, zh)| *zh)
}

/// A table as the report shows it in `lang`: its column names and the tool's words
/// translated; the CSV files keep the names every language's tools read.
pub(super) fn localized(t: &Table, lang: Lang) -> Table {
    if lang == Lang::En {
        return t.clone();
    }
    let mut out = t.clone();
    for c in &mut out.columns {
        if let Some(zh) = column_zh(c) {
            *c = zh.to_string();
        }
    }
    for row in &mut out.rows {
        for cell in row.iter_mut() {
            match cell {
                Cell::Text(text) if text == "not reported" => {
                    *text = lang.not_reported().to_string();
                }
                Cell::Text(text) if VERDICTS.iter().any(|(en, _)| en == text) => {
                    let zh = VERDICTS
                        .iter()
                        .find(|(en, _)| en == text)
                        .map_or("", |v| v.1);
                    *text = zh.to_string();
                }
                Cell::Text(text) => {
                    let day = text
                        .strip_prefix("running total to ")
                        .and_then(|d| crate::dataset::Date::parse(d).ok());
                    if let Some(d) = day {
                        *text = format!("截至{}的累计数", lang.date(d));
                    }
                }
                Cell::Bool(b) => *cell = Cell::text(if *b { "是" } else { "否" }),
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tools_own_words_are_said_in_chinese() {
        assert_eq!(
            in_chinese("period differs: 2031-06-03 against 2031-09-01..2031-09-30; region: national; body: Office"),
            "期间不同：2031-06-03对2031-09-01..2031-09-30；地区：全国；机构：Office"
        );
        assert_eq!(
            in_chinese("2031年4月24日的12,335,000 to 12,345,000超过了5,000 or more"),
            "2031年4月24日的12,335,000至12,345,000超过了5,000以上"
        );
        assert_eq!(
            in_chinese("up to them"),
            "up to them",
            "only between numbers"
        );
    }
}
