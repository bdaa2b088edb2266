//! Which charts the report draws: those the package declares, or, for data that
//! declares none, a set chosen from what the figures can answer: each running-total
//! series with its increments, each metric's single figures by month and by the
//! dimension that tells most, each complete breakdown with its shares, the latest
//! announcement of several figures, the figures by authority, and then the other
//! dimensions of mapped tables.

use crate::say;
use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::aggregate::series_of;
use crate::dataset::views::View;
use crate::dataset::RelationKind;

/// A chart of the report: the question, and how to draw it.
pub struct Standard {
    pub file_stem: String,
    pub query: Query,
    pub options: Options,
    /// The curator's caption (a declared view); the tool's own words about the
    /// figures are computed when the chart is drawn.
    pub caption: String,
}

/// One chart the report plans to draw.
pub enum Planned {
    Question(Box<Standard>),
    /// A complete breakdown: the total's id.
    Breakdown(String),
    Announcement,
    Authority,
}

impl Planned {
    pub fn stem(&self) -> String {
        match self {
            Planned::Question(s) => s.file_stem.clone(),
            Planned::Breakdown(id) => format!("breakdown-{}", slug(id)),
            Planned::Announcement => "announcement".into(),
            Planned::Authority => "figures-by-authority".into(),
        }
    }
}

/// Most charts the report chooses for data that declares none.
pub const MAX_CHARTS: usize = 12;
/// Most breakdowns drawn.
const MAX_BREAKDOWNS: usize = 2;

impl Standard {
    /// The chart a package declares.
    fn declared(ds: &Dataset, v: &View, lang: Lang) -> Standard {
        let (title, caption) = v.words(lang.code());
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
                filters: v.filters.clone(),
                names: ds.dimensions.clone(),
                up_to: v.up_to.clone(),
            },
            options: Options {
                lang,
                kind: v.kind,
                stack_by: v.stack_by,
                title: (!title.is_empty()).then(|| title.to_string()),
                subtitle: (!v.subtitle.is_empty()).then(|| v.subtitle.clone()),
                log: v.log,
                ..Options::default()
            },
            caption: caption.to_string(),
        }
    }
}

/// The charts of the report: those the package declares, then the latest
/// announcement and the figures by authority; for data that declares none, the
/// automatic set in the order of what each tells, the first [`MAX_CHARTS`] drawn.
pub fn plan(ds: &Dataset, lang: Lang, top: usize) -> Vec<Planned> {
    let mut out: Vec<Planned> = ds
        .views
        .iter()
        .map(|v| Planned::Question(Box::new(Standard::declared(ds, v, lang))))
        .collect();
    if !ds.automatic.drawn(&ds.views) {
        out.extend([Planned::Authority, Planned::Announcement]);
    } else {
        let names = build::Names::of(ds, lang);
        let question = |s: Standard| Planned::Question(Box::new(s));
        out.extend(running_totals(ds, &names).into_iter().map(question));
        let (first, rest) = summable(ds, &names, top);
        out.extend(first.into_iter().map(question));
        out.extend(breakdowns(ds).into_iter().map(Planned::Breakdown));
        out.extend([Planned::Announcement, Planned::Authority]);
        out.extend(rest.into_iter().map(question));
    }
    out.retain(|p| !ds.automatic.leaves_out(&p.stem()));
    out
}

/// The names a package's `leave_out` gives that name no chart the report plans.
pub fn left_out_unknown(ds: &Dataset, lang: Lang, top: usize) -> Vec<(String, String)> {
    let mut all = ds.clone();
    all.automatic.leave_out.clear();
    let stems: Vec<String> = plan(&all, lang, top).iter().map(Planned::stem).collect();
    ds.automatic
        .leave_out
        .iter()
        .filter(|(n, _)| !stems.contains(n))
        .map(|(n, path)| {
            let known: Vec<&str> = stems.iter().map(String::as_str).collect();
            (
                path.clone(),
                crate::table::not_one_of(n, "a chart of the report", &known),
            )
        })
        .collect()
}

/// A key as part of a file name: letters and digits, the rest as hyphens.
pub fn slug(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Each running-total series (metric, region, category, entity, unit) as a step
/// chart, and its changes between announcements when it has two or more.
fn running_totals(ds: &Dataset, names: &build::Names<'_>) -> Vec<Standard> {
    let lang = names.lang;
    let mut series: BTreeMap<_, usize> = BTreeMap::new();
    for o in ds
        .observations
        .iter()
        .filter(|o| o.basis == Basis::Cumulative)
    {
        *series.entry(series_of(o)).or_default() += 1;
    }
    let per_metric = |m: &str| series.keys().filter(|s| s.0 == m).count();
    let mut ordered: Vec<_> = series.iter().collect();
    ordered.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut out = Vec::new();
    for ((metric, region, category, entity, unit), n) in ordered {
        let several = per_metric(metric) > 1;
        let mut which = Vec::new();
        if several {
            if region != "national" {
                which.push(names.key(Dimension::Region, region));
            }
            for (d, k) in [(Dimension::Category, category), (Dimension::Entity, entity)] {
                if !k.is_empty() {
                    which.push(names.key(d, k));
                }
            }
        }
        let what = match which.is_empty() {
            true => names.metric(metric),
            false => say!(
                lang,
                "what-which",
                what = names.metric(metric),
                which = which.join(&lang.t("comma"))
            ),
        };
        let mut stem = slug(metric);
        if several {
            for k in [region.as_str(), category, entity] {
                if !k.is_empty() {
                    stem = format!("{stem}-{}", slug(k));
                }
            }
        }
        let query = Query {
            metrics: vec![metric.clone()],
            by: vec![Dimension::Month],
            region: Some(region.clone()),
            // A metric's one series needs no category filter (nor its words).
            category: several.then(|| category.clone()),
            unit: Some(unit.clone()),
            basis: Some(Basis::Cumulative),
            filters: vec![(Dimension::Entity, entity.clone())],
            names: ds.dimensions.clone(),
            ..Query::default()
        };
        let title = |words: &str| Options {
            lang,
            title: Some(say!(
                lang,
                "report-chart-title",
                what = what.as_str(),
                words = words
            )),
            ..Options::default()
        };
        out.push(Standard {
            file_stem: format!("{stem}-running-total"),
            query: query.clone(),
            options: title(&lang.t("report-chart-running-total")),
            caption: String::new(),
        });
        if *n > 1 {
            out.push(Standard {
                file_stem: format!("{stem}-increments"),
                query: Query {
                    increments: true,
                    ..query
                },
                options: title(&lang.t("report-chart-increments")),
                caption: String::new(),
            });
        }
    }
    out
}

/// The dimensions a figure can be grouped by, with the package's own first.
fn dimensions(ds: &Dataset) -> Vec<Dimension> {
    let mut dims: Vec<Dimension> = (0..ds.dimensions.len())
        .filter_map(|i| u8::try_from(i).ok().map(Dimension::Named))
        .filter(|d| ds.dimensions.iter().any(|n| n.dimension == *d))
        .collect();
    dims.extend([
        Dimension::Region,
        Dimension::Category,
        Dimension::Entity,
        Dimension::Authority,
    ]);
    dims
}

/// Each metric's single figures and period totals (the figures that may be summed),
/// by month (or by period, for periods longer than a month) and by the dimension
/// with the most values; then, apart, by each other dimension with two values or
/// more. Metrics with more figures come first, their totals over time before their
/// largest dimension; of two dimensions one-to-one (a code beside its name), the one
/// with the longer values is drawn. Each draws at most `top` bars ("N others").
fn summable(ds: &Dataset, names: &build::Names<'_>, top: usize) -> (Vec<Standard>, Vec<Standard>) {
    let lang = names.lang;
    let mut groups: BTreeMap<(&str, Basis, &str), Vec<&Observation>> = BTreeMap::new();
    for o in &ds.observations {
        if matches!(o.basis, Basis::Event | Basis::Period) {
            groups
                .entry((o.metric.as_str(), o.basis, o.unit.as_str()))
                .or_default()
                .push(o);
        }
    }
    let several_bases = |m: &str| groups.keys().filter(|k| k.0 == m).count() > 1;
    let mut ordered: Vec<_> = groups.iter().collect();
    ordered.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let (mut times, mut first, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for ((metric, basis, unit), figures) in ordered {
        let stem = match several_bases(metric) {
            true => format!("{}-{}", slug(metric), basis.as_str()),
            false => slug(metric),
        };
        let longer = figures.iter().any(|o| o.month().is_none());
        let time = if longer {
            Dimension::Period
        } else {
            Dimension::Month
        };
        let basis_words = match basis {
            Basis::Event => lang.t("report-basis-single"),
            _ => lang.t("report-basis-period"),
        };
        let question = |by: Dimension| Query {
            metrics: vec![metric.to_string()],
            by: vec![by],
            basis: Some(*basis),
            unit: Some(unit.to_string()),
            names: ds.dimensions.clone(),
            ..Query::default()
        };
        let chart = |by: Dimension, file: String| {
            // The package's name for the key ("Country/Region"), as `chart` says it.
            let key = names.dimension(by);
            Standard {
                file_stem: file,
                query: question(by),
                options: Options {
                    lang,
                    title: Some(say!(
                        lang,
                        "report-chart-by",
                        metric = names.metric(metric),
                        basis = basis_words.as_str(),
                        key = key
                    )),
                    max_bars: Some(top),
                    ..Options::default()
                },
                caption: String::new(),
            }
        };
        let time_stem = if longer { "by-period" } else { "by-month" };
        times.push(chart(time, format!("{stem}-{time_stem}")));
        let mut dims: Vec<(Dimension, usize)> = dimensions(ds)
            .into_iter()
            .map(|d| {
                let values: BTreeSet<&str> = figures.iter().map(|o| o.text_key_of(d)).collect();
                (d, values.len())
            })
            .filter(|(_, n)| *n > 1)
            .collect();
        // The dimension with the most values first; ties keep the package's order.
        dims.sort_by_key(|d| std::cmp::Reverse(d.1));
        let drawn: Vec<Dimension> = dims.iter().map(|d| d.0).collect();
        let dims = drawn.iter().enumerate().filter(|(i, d)| {
            !drawn.iter().enumerate().any(|(j, e)| {
                j != *i
                    && crate::dataset::one_to_one(figures, *e, **d)
                    && (big::mean_length(figures, *e), std::cmp::Reverse(j))
                        > (big::mean_length(figures, **d), std::cmp::Reverse(*i))
            })
        });
        for (i, (_, d)) in dims.enumerate() {
            let d = *d;
            let file = format!("{stem}-by-{}", slug(d.label(&ds.dimensions)));
            let c = chart(d, file);
            if i == 0 {
                first.push(c);
            } else {
                rest.push(c);
            }
        }
    }
    times.extend(first);
    (times, rest)
}

/// The complete breakdowns worth a chart: totals with two parts or more, the ones
/// with most parts first, then the latest.
fn breakdowns(ds: &Dataset) -> Vec<String> {
    let mut parts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in ds
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Complete)
    {
        *parts.entry(r.total_id.as_str()).or_default() += 1;
    }
    let mut totals: Vec<(&str, usize)> = parts.into_iter().filter(|(_, n)| *n > 1).collect();
    let date = |id: &str| ds.find(id).map(|o| o.date);
    totals.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(date(b.0).cmp(&date(a.0)))
            .then(a.0.cmp(b.0))
    });
    totals
        .into_iter()
        .take(MAX_BREAKDOWNS)
        .map(|(id, _)| id.to_string())
        .collect()
}

/// A complete breakdown as horizontal bars: each part with its share of the
/// published total, labelled by the key in which the parts differ.
pub(super) fn breakdown_chart(
    ds: &Dataset,
    rec: &Reconciliation,
    total_id: &str,
    lang: Lang,
) -> Option<(Chart, Table)> {
    let total = ds.find(total_id)?;
    let check = rec.relations.iter().find(|r| r.total_id == total_id)?;
    let parts: Vec<&Observation> = check.part_ids.iter().filter_map(|id| ds.find(id)).collect();
    let names = build::Names::of(ds, lang);
    let mut keys = dimensions(ds);
    keys.push(Dimension::Metric);
    let by = keys.into_iter().find(|d| {
        let values: BTreeSet<String> = parts.iter().map(|o| o.key(*d)).collect();
        values.len() == parts.len()
    });
    let label = |o: &Observation| match by {
        Some(Dimension::Metric) => names.metric(&o.metric),
        Some(d) => names.key(d, o.text_key_of(d)),
        None => o.id.clone(),
    };
    let mut parts = parts;
    parts.sort_by(|a, b| {
        let key = |o: &Observation| {
            let v = o.interval();
            (v.low, v.high.unwrap_or(i128::MAX))
        };
        key(b).cmp(&key(a)).then(label(a).cmp(&label(b)))
    });
    let data: Vec<Datum> = parts
        .iter()
        .map(|o| Datum {
            label: label(o),
            value: Some(o.interval()),
            approx: o.qualifier == crate::dataset::Qualifier::Approx,
            extra: share_words(&o.interval(), &total.interval()),
        })
        .collect();
    let mut table = Table::new(&["part", "id", "low", "high", "share_of_total"]);
    for (d, o) in data.iter().zip(&parts) {
        let v = o.interval();
        table.rows.push(vec![
            Cell::text(d.label.clone()),
            Cell::text(o.id.clone()),
            Cell::opt_amount(v.low),
            Cell::opt_amount(v.high),
            Cell::text(d.extra.trim_matches(|c| c == '(' || c == ')').to_string()),
        ]);
    }
    let whole = names.metric(&total.metric);
    let body = Body::Bars {
        data,
        log: false,
        whiskers: false,
    };
    let chart = Chart {
        title: say!(
            lang,
            "report-parts-title",
            whole = whole.as_str(),
            date = lang.date(total.date)
        ),
        subtitle: say!(
            lang,
            "report-parts-subtitle",
            total = lang.amount(
                &total.interval(),
                total.qualifier == crate::dataset::Qualifier::Approx
            )
        ),
        value_title: names.metric(parts.first().map_or(&total.metric, |o| &o.metric)),
        footer: footer(ds, lang),
        width: chart::DEFAULT_WIDTH,
        height: build::default_height(&body),
        body,
        lang,
    };
    Some((chart, table))
}

/// A part's share of its total, as a percent with one decimal, or the range of
/// shares its interval and the total's allow; empty when one end is unbounded.
/// The footer of a chart the report chooses: its source, and the tool's promise.
fn footer(ds: &Dataset, lang: Lang) -> Vec<String> {
    vec![format!(
        "{} {}",
        lang.source(ds.title_in(lang)),
        lang.honesty()
    )]
}

fn share_words(part: &Interval, total: &Interval) -> String {
    let pct = |p: i128, t: i128| p as f64 * 100.0 / t as f64;
    match (part.low, part.high, total.low, total.high) {
        (Some(pl), Some(ph), Some(tl), Some(th)) if tl > 0 => {
            let (lo, hi) = (pct(pl, th), pct(ph, tl));
            if format!("{lo:.1}") == format!("{hi:.1}") {
                format!("({lo:.1}%)")
            } else {
                format!("({lo:.1}–{hi:.1}%)")
            }
        }
        _ => String::new(),
    }
}

/// The number of published figures per authority: who announced what.
pub(super) fn figures_by_authority(ds: &Dataset, lang: Lang) -> Option<Chart> {
    let mut counts: BTreeMap<&str, i128> = BTreeMap::new();
    for o in &ds.observations {
        *counts.entry(o.authority.as_str()).or_default() += 1;
    }
    let names = build::Names::of(ds, lang);
    let mut data: Vec<Datum> = counts
        .into_iter()
        .map(|(a, n)| Datum {
            label: names.key(Dimension::Authority, a),
            value: Some(Interval::exact(crate::values::decimal::of_whole(n))),
            approx: false,
            extra: String::new(),
        })
        .collect();
    build::sort_by_value(&mut data);
    // One body is nothing to compare.
    if data.len() < 2 {
        return None;
    }
    // Counts add up: the smallest are summed as "N others", never dropped.
    if data.len() > build::MAX_BARS {
        let rest = data.split_off(build::MAX_BARS - 1);
        data.push(build::others(&rest, lang).ok()?);
    }
    let height = (260 + 56 * data.len() as u32).clamp(420, 900);
    Some(Chart {
        title: lang.t("report-authority-title"),
        subtitle: say!(lang, "report-authority-subtitle", n = ds.observations.len()),
        value_title: lang.t("report-authority-value"),
        footer: footer(ds, lang),
        width: chart::DEFAULT_WIDTH,
        height,
        body: Body::Bars {
            data,
            log: false,
            whiskers: false,
        },
        lang,
    })
}

/// The figures of one announcement on a logarithmic axis (they span orders of
/// magnitude), each labelled with its reconciliation status; of an announcement of
/// more than `top` figures, the `top` largest, the others summarised in its notes.
/// With it, the announcement's table in the same order and labels (every figure).
pub(super) fn announcement_chart(
    ds: &Dataset,
    rec: &Reconciliation,
    lang: Lang,
    top: usize,
) -> Option<(Chart, Table)> {
    let date = rec.announcement_date?;
    let order = big::announced(ds, rec, lang);
    let full = rec.announcement_table();
    let mut table = Table::new(&full.columns.iter().map(String::as_str).collect::<Vec<_>>());
    for (i, label) in &order {
        let mut row = full.rows[*i].clone();
        row[0] = Cell::text(label.clone());
        table.rows.push(row);
    }
    let n = order.len();
    let data: Vec<Datum> = order
        .into_iter()
        .take(top)
        .map(|(i, label)| {
            let f = &rec.announcement[i];
            Datum {
                label,
                value: Some(f.published),
                approx: f.approx,
                extra: if f.status == "as published" {
                    String::new()
                } else {
                    say!(
                        lang,
                        "report-parts-status",
                        status = say!(lang, "check-status", status = f.status.as_str())
                    )
                },
            }
        })
        .collect();
    if data.is_empty() {
        return None;
    }
    let shown = data.len();
    let body = Body::Bars {
        data,
        log: true,
        whiskers: false,
    };
    let scale = lang.t("report-log-scale");
    let chart = Chart {
        title: say!(lang, "report-announced-title", date = lang.date(date)),
        subtitle: say!(
            lang,
            "report-announced-subtitle",
            all = crate::words::yes_no(shown >= n),
            shown = shown,
            n = n,
            scale = scale
        ),
        value_title: lang.t("report-log-value"),
        footer: footer(ds, lang),
        width: chart::DEFAULT_WIDTH,
        height: build::default_height(&body),
        body,
        lang,
    };
    Some((chart, table))
}
