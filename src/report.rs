//! The standard report: every chart (SVG and PNG), `report.md`, a self-contained
//! `report.html`, the tables behind the charts, the normalised observations, the
//! reconciliation, and `manifest.json` with the sha256 of every input and output.
//!
//! Everything is built in memory as `(file name, bytes)` pairs, so nothing is written
//! until all of it is ready, and nothing depends on the clock: the same input gives
//! the same bytes.

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::aggregate::{self, Query};
use crate::chart::build::{self, Options};
use crate::chart::{self, Body, Chart, Datum, Kind};
use crate::dataset::views::View;
use crate::dataset::{Basis, Dataset, Dimension, Observation};
use crate::interval::Interval;
use crate::output::{self, html_escape, markdown_escape, Cell, Format, Table};
use crate::reconcile::{self, Reconciliation};
use crate::words::Lang;
use clap::ValueEnum;

/// One file of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Artifact {
    pub name: String,
    pub bytes: Vec<u8>,
}

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

/// A chart with its words and both renderings.
struct Rendered {
    stem: String,
    chart: Chart,
    svg: String,
    caption: String,
    table: Option<Table>,
}

fn render(stem: &str, chart: Chart, caption: &str, table: Option<Table>) -> Result<Rendered> {
    let svg = chart::render_svg(&chart).with_context(|| format!("chart {stem}"))?;
    Ok(Rendered {
        stem: stem.to_string(),
        chart,
        svg,
        caption: caption.to_string(),
        table,
    })
}

/// The number of published figures per authority: who announced what.
fn figures_by_authority(ds: &Dataset, lang: Lang) -> Option<Chart> {
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
fn announcement_chart(ds: &Dataset, rec: &Reconciliation, lang: Lang) -> Option<Chart> {
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

/// The number of steps [`build`] reports through its `progress` callback.
pub fn steps(ds: &Dataset) -> usize {
    standard_set(ds, Lang::En).len() + 3
}

/// Builds every file of the report, calling `progress` with the name of each step
/// as it starts.
pub fn build(ds: &Dataset, lang: Lang, progress: &mut dyn FnMut(&str)) -> Result<Vec<Artifact>> {
    let rec = reconcile::reconcile(ds, None);
    let mut charts: Vec<Rendered> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for s in standard_set(ds, lang) {
        progress(&s.file_stem);
        if !s
            .query
            .metrics
            .iter()
            .all(|m| ds.observations.iter().any(|o| &o.metric == m))
        {
            continue;
        }
        let chart = match build::build(ds, &s.query, &s.options) {
            Ok(c) => c,
            // A dataset of another campaign may not support a standard question;
            // the report then says so and leaves that chart out rather than fail.
            Err(aggregate::AggregateError::Refused(why)) => {
                skipped.push(format!("{}: {why}", s.file_stem));
                continue;
            }
            Err(e) => return Err(anyhow::Error::new(e).context(format!("chart {}", s.file_stem))),
        };
        let mut q = s.query.clone();
        if let Some(d) = s.options.stack_by {
            q.by = vec![Dimension::Month, d];
        }
        let agg = aggregate::aggregate(ds, &q)?;
        if agg.rows.iter().all(|r| r.n == 0) {
            skipped.push(format!(
                "{}: {}",
                s.file_stem,
                lang.pick("no figures for this question", "没有可回答此问题的数字")
            ));
            continue;
        }
        charts.push(render(&s.file_stem, chart, &s.caption, Some(agg.table()))?);
    }
    progress("figures-by-authority");
    match figures_by_authority(ds, lang) {
        Some(c) => charts.push(render(
            "figures-by-authority",
            c,
            lang.pick(
                "How many of the dataset's figures each body announced or acted on.",
                "各机构公布或采取行动的数字条数。",
            ),
            None,
        )?),
        None => skipped.push(format!(
            "figures-by-authority: {}",
            lang.pick("every figure has one authority", "所有数字来自同一机构")
        )),
    }
    progress("announcement");
    if let Some(c) = announcement_chart(ds, &rec, lang) {
        charts.push(render(
            "announcement",
            c,
            lang.pick(
                "Breakdowns that add up are marked '(parts: match)'; see the reconciliation below.",
                "分项相加吻合的标为“（分项：match）”；见下方的核对。",
            ),
            Some(rec.announcement_table()),
        )?);
    }

    progress("png and pages");
    // Rasterising is most of the report's time, and each chart is independent: one
    // thread per chart uses every core.
    let pngs: Vec<Result<Vec<u8>, chart::ChartError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = charts
            .iter()
            .map(|c| scope.spawn(|| chart::svg_to_png(&c.svg, 2.0)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(chart::ChartError::Backend(
                        "a render thread panicked".into(),
                    ))
                })
            })
            .collect()
    });
    let mut files = Vec::new();
    for (c, png) in charts.iter().zip(pngs) {
        files.push(Artifact {
            name: format!("{}.svg", c.stem),
            bytes: c.svg.clone().into_bytes(),
        });
        files.push(Artifact {
            name: format!("{}.png", c.stem),
            bytes: png.with_context(|| format!("chart {}", c.stem))?,
        });
        if let Some(t) = &c.table {
            files.push(Artifact {
                name: format!("{}.csv", c.stem),
                bytes: output::render(t, Format::Csv)?,
            });
        }
    }
    files.push(Artifact {
        name: "reconciliation.json".into(),
        bytes: reconcile::render(&rec, Format::Json, reconcile::Section::All)?,
    });
    files.push(Artifact {
        name: "observations.csv".into(),
        bytes: output::render(&output::observations_table(&ds.observations), Format::Csv)?,
    });
    files.push(Artifact {
        name: "report.md".into(),
        bytes: markdown(ds, &charts, &rec, &skipped, lang)?.into_bytes(),
    });
    files.push(Artifact {
        name: "report.html".into(),
        bytes: html(ds, &charts, &rec, lang).into_bytes(),
    });
    files.push(manifest(ds, &files)?);
    Ok(files)
}

fn summary(ds: &Dataset, rec: &Reconciliation, lang: Lang) -> String {
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

const READING_ZH: &str = "阅读说明：每个数字都是一个区间。“4800余个”表示4800个或更多（上限为空表示没有上限）；范围保留两端。累计数是某一时点的数字，从不彼此相加，也不与单次行动相加；总数与其分项从不同时计入；没有公布数字的月份为“未公布”，不等于零。";

const READING: &str = "How to read: every figure is an interval. \"More than 4,800\" is 4,800 or more (an empty high end means unbounded); ranges keep both ends. Running totals are snapshots and are never added to each other or to single actions; a total and its parts are never both counted; a month with no published figure is \"not reported\", not zero.";

/// What holds and what does not, in plain sentences with the quotes they rest on:
/// every total that is not the sum of its parts, every contradiction and every
/// tension; the checks that hold are counted.
fn findings(ds: &Dataset, rec: &Reconciliation, lang: Lang) -> Vec<String> {
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

fn markdown(
    ds: &Dataset,
    charts: &[Rendered],
    rec: &Reconciliation,
    skipped: &[String],
    lang: Lang,
) -> Result<String> {
    let mut md = format!(
        "# {}\n\n{}\n\n{}\n\n",
        markdown_escape(ds.title_in(lang)),
        markdown_escape(&summary(ds, rec, lang)),
        markdown_escape(lang.pick(READING, READING_ZH))
    );
    md.push_str(lang.pick(
        "## What holds and what does not\n\n",
        "## 哪些成立，哪些不成立\n\n",
    ));
    for f in findings(ds, rec, lang) {
        md.push_str(&format!("- {}\n", markdown_escape(&f)));
    }
    md.push('\n');
    for c in charts {
        md.push_str(&format!("## {}\n\n", markdown_escape(&c.chart.title)));
        md.push_str(&format!(
            "![{}]({}.png)\n\n",
            markdown_escape(&c.chart.title),
            c.stem
        ));
        md.push_str(&format!("{}\n\n", markdown_escape(&c.caption)));
        if let Some(t) = &c.table {
            md.push_str(&output::render_markdown(&localized(t, lang)));
            md.push('\n');
        }
    }
    if !skipped.is_empty() {
        md.push_str(lang.pick("## Charts left out\n\n", "## 未绘制的图表\n\n"));
        for s in skipped {
            md.push_str(&format!("- {}\n", markdown_escape(s)));
        }
        md.push('\n');
    }
    md.push_str(lang.pick("# Reconciliation\n\n", "# 核对\n\n"));
    if lang == Lang::En {
        let rec_md = reconcile::render(rec, Format::Markdown, reconcile::Section::All)?;
        md.push_str(&String::from_utf8_lossy(&rec_md));
    } else {
        for (title, t) in [
            ("公布的总数及其分项", rec.relations_table()),
            ("与其他数字核对的说法", rec.checks_table_zh()),
        ] {
            md.push_str(&format!("## {title}\n\n"));
            md.push_str(&output::render_markdown(&localized(&t, lang)));
            md.push('\n');
        }
    }
    md.push_str(lang.pick("\n# Sources\n\n", "\n# 来源\n\n"));
    for s in &ds.sources {
        md.push_str(&format!(
            "- {} {}\n",
            markdown_escape(&s.title),
            markdown_escape(&s.path)
        ));
    }
    Ok(md)
}

/// A basis in the report's language.
fn basis_word(b: Basis, lang: Lang) -> &'static str {
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
fn localized(t: &Table, lang: Lang) -> Table {
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

fn html_table(t: &Table, class: &str) -> String {
    // A table wider than the page scrolls; keyboard users reach it by Tab.
    let mut h = format!(
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"table: {class}\"><table class=\"{class}\"><thead><tr>"
    );
    for c in &t.columns {
        h.push_str(&format!("<th>{}</th>", html_escape(c)));
    }
    h.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        h.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let text = c.plain();
            let num = matches!(c, Cell::Int(_) | Cell::Float(..));
            let status = t
                .columns
                .get(i)
                .is_some_and(|n| n == "status" || n == "verdict");
            let class = if num {
                " class=\"num\"".to_string()
            } else if status {
                format!(" class=\"status {}\"", html_escape(&text.replace(' ', "-")))
            } else {
                String::new()
            };
            h.push_str(&format!("<td{class}>{}</td>", html_escape(&text)));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div>\n");
    h
}

/// The chart's SVG made to scale with the page, with a title for screen readers.
fn inline_svg(c: &Rendered) -> String {
    let svg = c.svg.trim();
    let body = svg.split_once('>').map_or(svg, |(_, rest)| rest);
    format!(
        "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>{}",
        c.chart.width,
        c.chart.height,
        html_escape(&c.chart.title),
        html_escape(&c.chart.title),
        body
    )
}

const CSS: &str = r#"
:root { --ink:#1a1a1a; --grey:#5f5f5f; --rule:#dddddd; --bg:#ffffff; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font: 16px/1.5 "DejaVu Sans", Verdana, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 16px 64px; }
h1 { font-size: 2rem; line-height:1.2; margin: 0.5rem 0; }
h2 { font-size: 1.35rem; margin-top: 2.5rem; border-top: 1px solid var(--rule); padding-top: 1.25rem; }
p.lead { font-size: 1.1rem; color: var(--grey); }
section { border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: 1rem; }
#findings h2 { border-top: none; margin-top: 0.25rem; padding-top: 0; }
#findings li { margin: 0.4rem 0; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--grey); font-size: 0.95rem; margin-top: 0.4rem; }
.scroll { overflow-x: auto; margin: 0.75rem 0 1.5rem; }
table { border-collapse: collapse; font-size: 0.85rem; min-width: 60%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: bold; border-bottom: 2px solid var(--ink); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.status.match, td.status.partial_ok, td.status.holds, td.status.consistent { color: #00704a; font-weight: bold; }
td.status.mismatch, td.status.partial_violation, td.status.fails, td.status.contradicts { color: #b34700; font-weight: bold; }
td.status.tension { color: #7a5b00; font-weight: bold; }
td q { color: var(--grey); }
details summary { cursor: pointer; font-weight: bold; margin: 1rem 0; }
footer { color: var(--grey); font-size: 0.85rem; margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: 1rem; }
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-before: auto; }
  figure, table { break-inside: avoid; }
  details > *:not(summary) { display: block; }
}
"#;

fn html(ds: &Dataset, charts: &[Rendered], rec: &Reconciliation, lang: Lang) -> String {
    let title = html_escape(ds.title_in(lang));
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p class=\"lead\">{}</p>\n<p>{}</p>\n",
        lang.code(),
        html_escape(&summary(ds, rec, lang)),
        html_escape(lang.pick(READING, READING_ZH))
    );
    h.push_str(&format!(
        "<section id=\"findings\"><h2>{}</h2>\n<ul>",
        lang.pick("What holds and what does not", "哪些成立，哪些不成立")
    ));
    for f in findings(ds, rec, lang) {
        h.push_str(&format!("<li>{}</li>", html_escape(&f)));
    }
    h.push_str("</ul></section>\n");
    for c in charts {
        // The chart carries its own title; the section is named for navigation only.
        h.push_str(&format!(
            "<section id=\"{}\" aria-label=\"{}\">\n<figure>{}\n<figcaption>{}</figcaption></figure>\n",
            c.stem,
            html_escape(&c.chart.title),
            inline_svg(c),
            html_escape(&c.caption)
        ));
        if let Some(t) = &c.table {
            h.push_str(&format!(
                "<details open><summary>{}</summary>{}</details>",
                lang.pick("The figures behind this chart", "图表背后的数字"),
                html_table(&localized(t, lang), "data")
            ));
        }
        h.push_str("</section>\n");
    }
    h.push_str(lang.pick("<h2 id=\"reconciliation\">Reconciliation: do the published figures add up?</h2>\n<h3>Published totals and their parts</h3>\n", "<h2 id=\"reconciliation\">核对：公布的数字对得上吗？</h2>\n<h3>公布的总数及其分项</h3>\n"));
    h.push_str(&html_table(
        &localized(&rec.relations_table(), lang),
        "relations",
    ));
    h.push_str(lang.pick(
        "<h3>Claims tested against other figures</h3>\n",
        "<h3>与其他数字核对的说法</h3>\n",
    ));
    let checks = match lang {
        Lang::En => rec.checks_table(),
        Lang::Zh => rec.checks_table_zh(),
    };
    h.push_str(&html_table(&localized(&checks, lang), "checks"));
    h.push_str(lang.pick("<h2 id=\"figures\">Every figure with its quote</h2>\n<p>Each figure as recorded, with the shortest verbatim passage of the source that states it.</p>\n", "<h2 id=\"figures\">每个数字及其引语</h2>\n<p>每个数字按记录列出，附来源中陈述它的最短原文。</p>\n"));
    h.push_str(&figures_table(ds, lang));
    h.push_str(lang.pick("<footer><p>Sources: ", "<footer><p>来源："));
    let sources: Vec<String> = ds
        .sources
        .iter()
        .map(|s| {
            html_escape(if s.title.is_empty() {
                &s.name
            } else {
                &s.title
            })
        })
        .collect();
    h.push_str(&sources.join(lang.pick("; ", "；")));
    h.push_str(&format!(
        "{} cleanweb {}{} {}</p></footer>\n</main>\n</body>\n</html>\n",
        lang.pick(". Made with", "。由"),
        env!("CARGO_PKG_VERSION"),
        lang.pick(".", " 生成。"),
        html_escape(lang.honesty())
    ));
    h
}

fn figures_table(ds: &Dataset, lang: Lang) -> String {
    let mut obs: Vec<&Observation> = ds.observations.iter().collect();
    obs.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let names = build::Names::of(ds, lang);
    let mut h = String::from(lang.pick("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"every figure with its quote\"><table class=\"figures\"><thead><tr><th>date</th><th>figure</th><th>value</th><th>basis</th><th>authority</th><th>quote (hover for the source)</th></tr></thead><tbody>", "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"每个数字及其引语\"><table class=\"figures\"><thead><tr><th>日期</th><th>数字</th><th>数值</th><th>口径</th><th>机构</th><th>引语（悬停显示来源）</th></tr></thead><tbody>"));
    for o in obs {
        let mut figure = names.metric(&o.metric);
        for (dim, extra) in [
            (Dimension::Category, &o.category),
            (Dimension::Entity, &o.entity),
        ] {
            if !extra.is_empty() {
                figure.push_str(&format!(
                    "{}{}",
                    lang.pick(", ", "，"),
                    names.key(dim, extra)
                ));
            }
        }
        if o.region != "national" {
            figure.push_str(&format!(
                "{}{}{}",
                lang.pick(" (", "（"),
                names.key(Dimension::Region, &o.region),
                lang.pick(")", "）")
            ));
        }
        let value = crate::chart::theme::interval_label(
            &o.interval(),
            o.qualifier == crate::dataset::Qualifier::Approx,
        );
        let unit = if o.unit == "count" {
            String::new()
        } else {
            format!(" {}", o.unit.replace('_', " "))
        };
        h.push_str(&format!(
            "<tr id=\"{id}\"><td>{}</td><td>{}</td><td class=\"num\" title=\"{}\">{}{}</td><td>{}</td><td>{}</td><td><q title=\"{source}\">{}</q>{}</td></tr>",
            o.date,
            html_escape(&figure),
            html_escape(&o.note),
            html_escape(&value),
            html_escape(&unit),
            basis_word(o.basis, lang),
            html_escape(&o.authority),
            html_escape(&o.quote),
            if o.note.is_empty() { String::new() } else { format!("<br><small>{}</small>", html_escape(&o.note)) },
            id = html_escape(&o.id),
            source = html_escape(&source_title(ds, &o.source)),
        ));
    }
    h.push_str("</tbody></table></div>\n");
    h
}

/// The title of a source named in the data, for "Source: ..." labels.
fn source_title(ds: &Dataset, name: &str) -> String {
    let title = ds
        .sources
        .iter()
        .find(|s| s.name == name)
        .map(|s| {
            if s.title.is_empty() {
                s.name.clone()
            } else {
                s.title.clone()
            }
        })
        .unwrap_or_else(|| name.to_string());
    format!("Source: {title}")
}

fn manifest(ds: &Dataset, files: &[Artifact]) -> Result<Artifact> {
    let inputs: Vec<serde_json::Value> = ds
        .inputs
        .iter()
        .map(|i| serde_json::json!({"name": i.name, "sha256": i.sha256}))
        .collect();
    let mut outputs: Vec<serde_json::Value> = files
        .iter()
        .map(|f| {
            serde_json::json!({
                "name": f.name,
                "sha256": crate::dataset::hex(&Sha256::digest(&f.bytes)),
                "bytes": f.bytes.len(),
            })
        })
        .collect();
    outputs.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    let json = serde_json::json!({
        "tool": "cleanweb",
        "version": env!("CARGO_PKG_VERSION"),
        "dataset": ds.name,
        "inputs": inputs,
        "outputs": outputs,
    });
    let mut bytes = serde_json::to_vec_pretty(&json)?;
    bytes.push(b'\n');
    Ok(Artifact {
        name: "manifest.json".into(),
        bytes,
    })
}
