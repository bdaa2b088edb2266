//! The report's sentences about the figures, each computed from them.

use super::*;

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
        "{} published figures announced between {} and {}, each with its verbatim quote, and {} relations between totals and their parts. {} of {} relations match exactly and {} do not add up; of {} checks against other figures, {} find a contradiction and {} a tension (figures that disagree across periods, regions or bodies).",
        ds.observations.len(),
        first,
        last,
        ds.relations.len(),
        matches,
        rec.relations.len(),
        failures,
        rec.checks.len(),
        failed_checks,
        tensions
    )
}

pub(super) const READING_ZH: &str = "阅读说明：每个数字都是一个区间。“4800余个”表示4800个或更多（上限为空表示没有上限）；范围保留两端。累计数是某一时点的数字，从不彼此相加，也不与单次行动相加；总数与其分项从不同时计入；没有公布数字的月份为“未公布”，不等于零。";

pub(super) const READING: &str = "How to read: every figure is an interval. \"More than 4,800\" is 4,800 or more (an empty high end means unbounded); ranges keep both ends. Running totals are snapshots and are never added to each other or to single actions; a total and its parts are never both counted; a month with no published figure is \"not reported\", not zero.";

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
                Lang::Zh if !c.zh[1].is_empty() => c.zh[1].clone(),
                _ => c.explanation.clone(),
            };
            let head = match (verdict, lang) {
                (reconcile::Verdict::Contradicts, Lang::En) => "Contradiction",
                (reconcile::Verdict::Contradicts, Lang::Zh) => "矛盾",
                (_, Lang::En) => "Tension",
                (_, Lang::Zh) => "张力",
            };
            out.push(match lang {
                Lang::En => format!(
                    "{head}: {explanation} ({}). Quotes: {}.",
                    c.compared,
                    quotes(&c.ids)
                ),
                Lang::Zh => format!(
                    "{head}：{explanation}（{}）。引语：{}。",
                    c.compared,
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

pub(super) fn basis_word(b: Basis, lang: Lang) -> &'static str {
    match b {
        Basis::Event => lang.pick("event", "单次"),
        Basis::Cumulative => lang.pick("cumulative", "累计"),
        Basis::Period => lang.pick("period", "期间"),
        Basis::Rate => lang.pick("rate", "比率"),
        Basis::Share => lang.pick("share", "比例"),
    }
}

/// The verdicts' words in Chinese.
const VERDICTS: [(&str, &str); 11] = [
    ("complete", "完整分项"),
    ("partial", "部分分项"),
    ("restates", "重述"),
    ("holds", "成立"),
    ("contradicts", "相矛盾"),
    ("tension", "存在张力"),
    ("match", "吻合"),
    ("consistent", "可以吻合"),
    ("mismatch", "不符"),
    ("partial_ok", "分项未超总数"),
    ("partial_violation", "分项超过总数"),
];

/// A table as the report shows it in `lang`: its column names and the tool's words
/// translated; the CSV files keep the names every language's tools read.
pub(super) fn localized(t: &Table, lang: Lang) -> Table {
    if lang == Lang::En {
        return t.clone();
    }
    const NAMES: [(&str, &str); 29] = [
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
    ];
    let mut out = t.clone();
    for c in &mut out.columns {
        if let Some((_, zh)) = NAMES.iter().find(|(en, _)| en == c) {
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
