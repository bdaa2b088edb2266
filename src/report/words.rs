//! The report's sentences about the figures, each computed from them.

use std::collections::BTreeMap;

use super::*;
use crate::aggregate::series_of;
use crate::dataset::Qualifier;
use crate::output::Arg;
use crate::say;

/// The key figures, each with its bounds: the latest snapshot of each running
/// total, and the sum of each metric's single figures and period totals. At most
/// eight, those resting on most figures first.
pub(super) fn key_figures(ds: &Dataset, lang: Lang) -> Vec<String> {
    let names = build::Names::of(ds, lang);
    let unit = |u: &str| say!(lang, "check-unit", unit = u, words = u.replace('_', " "));
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
            let which = which.join(&lang.t("comma"));
            what = say!(lang, "what-which", what = what, which = which);
        }
        let amount = lang.amount(&o.interval(), o.qualifier == Qualifier::Approx);
        out.push((
            *k,
            say!(
                lang,
                "check-key-running",
                what = what,
                amount = amount,
                unit = unit(u),
                date = lang.date(o.reference_date()),
                k = *k
            ),
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
        let kind = say!(lang, "check-key-kind", basis = basis.as_str(), n = used);
        out.push((
            k,
            say!(
                lang,
                "check-key-sum",
                used = used,
                metric = names.metric(metric),
                amount = amount,
                unit = unit(u),
                kind = kind
            ),
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
    say!(
        lang,
        "check-summary",
        figures = ds.observations.len(),
        first = first,
        last = last,
        relations = ds.relations.len(),
        checked = rec.relations.len(),
        matches = matches,
        failures = failures,
        checks = rec.checks.len(),
        failed = failed_checks,
        tensions = tensions
    )
}

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
        lang.join(&qs)
    };
    let mut out = Vec::new();
    for r in rec.relations.iter().filter(|r| r.status.is_failure()) {
        let mut ids = vec![r.total_id.clone()];
        ids.extend(r.part_ids.iter().cloned());
        out.push(say!(
            lang,
            "check-not-adding-up",
            id = r.total_id.as_str(),
            published = lang.amount(&r.published, false),
            parts = lang.amount(&r.parts, false),
            status = status_word(r.status.as_str(), lang),
            quotes = quotes(&ids)
        ));
    }
    for verdict in [reconcile::Verdict::Contradicts, reconcile::Verdict::Tension] {
        for c in rec.checks.iter().filter(|c| c.verdict == verdict) {
            out.push(finding(c, verdict, quotes(&c.ids), ds, lang));
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
    out.push(say!(
        lang,
        "check-hold",
        held = held,
        totals = rec.relations.len(),
        holds = checks,
        checks = rec.checks.len()
    ));
    out
}

/// One check that does not hold, in plain words first for a reader, then the
/// comparison's details and the quotes it rests on.
fn finding(
    c: &reconcile::DerivedCheck,
    verdict: reconcile::Verdict,
    quotes: String,
    ds: &Dataset,
    lang: Lang,
) -> String {
    let explanation = c.explanation_in(lang);
    let head = |text: String| {
        say!(
            lang,
            "check-finding-head",
            verdict = verdict.as_str(),
            text = text
        )
    };
    let compared = c.compared_in(lang);
    let Some(lead) = super::verdicts::lead(ds, c, lang) else {
        return say!(
            lang,
            "check-finding",
            head = head(explanation),
            compared = compared,
            quotes = quotes
        );
    };
    // A lead that is the explanation itself is not said twice.
    let restates = super::verdicts::restates(c);
    let details = if restates {
        String::new()
    } else {
        say!(lang, "check-details", explanation = explanation)
    };
    say!(
        lang,
        "check-finding-lead",
        lead = head(lead),
        restates = crate::words::yes_no(restates),
        details = details,
        compared = compared,
        quotes = quotes
    )
}

/// A word of the tool's tables (a relation's kind, a status, a verdict) in `lang`.
fn status_word(word: &str, lang: Lang) -> String {
    say!(lang, "check-status", status = word)
}

pub(super) fn basis_word(b: Basis, lang: Lang) -> String {
    say!(lang, "check-basis", basis = b.as_str())
}

/// A table as the report shows it in `lang`: its column names and the tool's words
/// (statuses, verdicts, "not reported", running totals to a day, flags) in the
/// catalogue's words; the CSV files keep the names every language's tools read.
pub(super) fn localized(t: &Table, lang: Lang) -> Table {
    if lang == Lang::default() {
        return t.clone();
    }
    let mut out = t.clone();
    for c in &mut out.columns {
        *c = say!(lang, "check-column", name = c.as_str());
    }
    for row in &mut out.rows {
        for cell in row.iter_mut() {
            match cell {
                Cell::Said { id, args, .. } => {
                    let mut words = crate::words::FluentArgs::new();
                    for (name, arg) in args.iter() {
                        match arg {
                            Arg::Text(t) => words.set(*name, t.clone()),
                            Arg::Day(d) => words.set(*name, lang.date(*d)),
                        }
                    }
                    *cell = Cell::text(lang.say(id, &words));
                }
                Cell::Text(text) if STATUSES.contains(&text.as_str()) => {
                    *text = status_word(text, lang);
                }
                Cell::Text(text) if CHECKS.contains(&text.as_str()) => {
                    *text = say!(lang, "check-kind", kind = text.as_str());
                }
                Cell::Bool(b) => *cell = Cell::text(say!(lang, "check-flag", flag = b.to_string())),
                _ => {}
            }
        }
    }
    out
}

/// The kinds of check a checks table names, which `check-kind` says in each
/// language.
const CHECKS: [&str; 10] = [
    "change_claim",
    "declared_rule",
    "later_statement",
    "part_exceeds_total",
    "rate_claim",
    "region_above_national",
    "related_series_jump",
    "running_total_down",
    "share_claim",
    "share_of_count",
];

/// The words of the tool's tables that [`status_word`] says in each language.
const STATUSES: [&str; 12] = [
    "complete",
    "partial",
    "restates",
    "holds",
    "contradicts",
    "tension",
    "cannot_tell",
    "match",
    "consistent",
    "mismatch",
    "partial_ok",
    "partial_violation",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::RowNote;
    use crate::values::interval::Interval;

    /// A row's note is worded from its facts in the reader's language, and kept as
    /// files write it in the default one.
    #[test]
    fn row_notes_are_worded_from_their_facts() {
        let day = |s: &str| crate::dataset::Date::parse(s).unwrap();
        let amount = |n: i128| Interval::exact(n * crate::values::decimal::ONE);
        let notes = [
            RowNote::NotReported,
            RowNote::RunningTo(day("2031-06-03")),
            RowNote::Increment {
                now: amount(5),
                before: (amount(3), day("2031-05-31")),
            },
            RowNote::Restated {
                now: (amount(2), day("2031-06-30")),
                before: (amount(3), day("2031-05-31")),
            },
            RowNote::Claim {
                basis: crate::dataset::Basis::Share,
                unit: "percent".into(),
            },
        ];
        let mut t = Table::new(&["note"]);
        t.rows = notes.iter().map(|n| vec![n.cell()]).collect();
        let en = localized(&t, Lang::default());
        let plain: Vec<String> = en.rows.iter().map(|r| r[0].plain()).collect();
        let files: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
        assert_eq!(plain, files);
        let zh = localized(&t, Lang::parse("zh").unwrap());
        let words: Vec<String> = zh.rows.iter().map(|r| r[0].plain()).collect();
        assert_eq!(
            words,
            [
                "未公布",
                "截至2031年6月3日的累计数",
                "5 - 3（2031年5月31日）",
                "数字被修正：2031年6月30日的2低于2031年5月31日的3",
                "比例（percent）",
            ]
        );
    }
}
