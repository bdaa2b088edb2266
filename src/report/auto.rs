//! Which charts the report draws: those the package declares, or, for data that
//! declares none, a set chosen from what the figures can answer.

use super::*;

/// A chart of the report: the question, and how to draw it.
pub struct Standard {
    pub file_stem: String,
    pub query: Query,
    pub options: Options,
    /// One sentence under the chart saying how to read it.
    pub caption: String,
}

impl Standard {
    /// The chart a package declares.
    fn declared(v: &View) -> Standard {
        Standard {
            file_stem: v.name.clone(),
            query: Query {
                metrics: v.metrics.clone(),
                by: v.by.clone(),
                from: v.from,
                to: v.to,
                region: v.region.clone(),
                category: v.category.clone(),
                basis: v.basis,
                unit: None,
                increments: v.increments,
                ..Query::default()
            },
            options: Options {
                kind: v.kind.as_deref().and_then(|k| Kind::from_str(k, true).ok()),
                stack_by: v.stack_by,
                title: (!v.title.is_empty()).then(|| v.title.clone()),
                ..Options::default()
            },
            caption: v.caption.clone(),
        }
    }
}

/// The charts of the report: those the package declares; for data that declares
/// none, each metric by month, once for each basis that can be charted by month.
pub fn standard_set(ds: &Dataset, lang: Lang) -> Vec<Standard> {
    if !ds.views.is_empty() {
        return ds
            .views
            .iter()
            .map(|v| {
                let mut s = Standard::declared(v);
                s.options.lang = lang;
                let (title, caption) = v.words(lang.code());
                if !title.is_empty() {
                    s.options.title = Some(title.to_string());
                }
                s.caption = caption.to_string();
                s
            })
            .collect();
    }
    let names = build::Names::of(ds, lang);
    let mut pairs: Vec<(&str, Basis)> = ds
        .observations
        .iter()
        .map(|o| (o.metric.as_str(), o.basis))
        .filter(|(_, b)| matches!(b, Basis::Event | Basis::Period | Basis::Cumulative))
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|(metric, basis)| {
            let (stem, title, caption) = match basis {
                Basis::Cumulative => (
                    "running-total",
                    lang.pick("the running total as announced", "公布的累计数"),
                    lang.pick("Running totals are snapshots, never added up: each point is a total as announced on that day.", "累计数是某一时点的数字，从不相加：每个点是当日公布的合计。"),
                ),
                Basis::Period => (
                    "by-month-periods",
                    lang.pick("figures for periods within a month", "一个月内各期间的数字"),
                    lang.pick("Figures for periods, each in the month that holds its whole period; a month with no figure is left empty.", "各期间的数字，计入包含整个期间的月份；没有数字的月份留空。"),
                ),
                _ => (
                    "by-month",
                    lang.pick("single figures by month", "按月的单项数字"),
                    lang.pick("Single figures as announced, summed by month; a month with no figure is left empty.", "按公布的单项数字，按月相加；没有数字的月份留空。"),
                ),
            };
            // Periods longer than a month (half-years, quarters) are charted by
            // their period: by month they would all be left out.
            let longer = basis == Basis::Period
                && ds
                    .observations
                    .iter()
                    .any(|o| o.metric == metric && o.basis == basis && o.month().is_none());
            let (stem, title, caption) = if longer {
                (
                    "by-period",
                    lang.pick("figures by period", "按时期的数字"),
                    lang.pick("Figures for each period as published; a period with no figure is not shown.", "按公布的各时期数字；没有数字的时期不显示。"),
                )
            } else {
                (stem, title, caption)
            };
            Standard {
                file_stem: format!("{}-{stem}", metric.replace('_', "-")),
                query: Query {
                    metrics: vec![metric.to_string()],
                    by: vec![if longer { Dimension::Period } else { Dimension::Month }],
                    names: ds.dimensions.clone(),
                    basis: Some(basis),
                    ..Query::default()
                },
                options: Options {
                    lang,
                    title: Some(format!("{}{}{title}", names.metric(metric), lang.pick(": ", "："))),
                    ..Options::default()
                },
                caption: caption.to_string(),
            }
        })
        .collect()
}


/// The number of published figures per authority: who announced what.
pub(super) fn figures_by_authority(ds: &Dataset, lang: Lang) -> Option<Chart> {
    let mut counts: std::collections::BTreeMap<&str, i128> = std::collections::BTreeMap::new();
    for o in &ds.observations {
        *counts.entry(o.authority.as_str()).or_default() += 1;
    }
    let names = build::Names::of(ds, lang);
    let mut data: Vec<Datum> = counts
        .into_iter()
        .map(|(a, n)| Datum {
            label: names.key(Dimension::Authority, a),
            value: Some(Interval::exact(n)),
            approx: false,
            extra: String::new(),
        })
        .collect();
    data.sort_by(|a, b| {
        b.value
            .map(|v| v.low)
            .cmp(&a.value.map(|v| v.low))
            .then(a.label.cmp(&b.label))
    });
    // One body is nothing to compare.
    if data.len() < 2 {
        return None;
    }
    if data.len() > build::MAX_BARS {
        data.truncate(build::MAX_BARS);
    }
    let height = (260 + 56 * data.len() as u32).clamp(420, 900);
    Some(Chart {
        title: lang.pick("Who announced the figures", "数字由谁公布").into(),
        subtitle: match lang {
            Lang::En => format!("Number of published figures in the dataset, by the authority that acted or announced; {} figures in all", ds.observations.len()),
            Lang::Zh => format!("数据集中公布的数字条数，按采取行动或公布的机构；共{}条", ds.observations.len()),
        },
        value_title: lang.pick("Figures", "数字条数").into(),
        footer: vec![format!("{} {}", lang.source(ds.title_in(lang)), lang.honesty())],
        width: chart::DEFAULT_WIDTH,
        height,
        body: Body::Bars { data, log: false, whiskers: false },
        lang,
    })
}

/// The figures of one announcement on a logarithmic axis (they span orders of
/// magnitude), each labelled with its reconciliation status.
pub(super) fn announcement_chart(ds: &Dataset, rec: &Reconciliation, lang: Lang) -> Option<Chart> {
    let date = rec.announcement_date?;
    let mut data: Vec<Datum> = rec
        .announcement
        .iter()
        .map(|f| Datum {
            label: f.figure.clone(),
            value: Some(f.published),
            approx: f.approx,
            extra: if f.status == "as published" {
                String::new()
            } else {
                format!(
                    "{}{}{}",
                    lang.pick("(parts: ", "（分项："),
                    f.status,
                    lang.pick(")", "）")
                )
            },
        })
        .collect();
    if data.is_empty() {
        return None;
    }
    data.sort_by(|a, b| b.value.map(|v| v.low).cmp(&a.value.map(|v| v.low)));
    let body = Body::Bars {
        data,
        log: true,
        whiskers: false,
    };
    Some(Chart {
        title: match lang {
            Lang::En => format!("The figures announced on {}", lang.date(date)),
            Lang::Zh => format!("{}公布的数字", lang.date(date)),
        },
        subtitle: lang.pick("Each figure as published, on a logarithmic scale (each gridline is ten times the one before)", "按公布的各项数字，对数刻度（每条网格线是前一条的十倍）").into(),
        value_title: lang.pick("Count (log scale)", "数量（对数刻度）").into(),
        footer: vec![format!("{} {}", lang.source(ds.title_in(lang)), lang.honesty())],
        width: chart::DEFAULT_WIDTH,
        height: build::default_height(&body),
        body,
        lang,
    })
}

