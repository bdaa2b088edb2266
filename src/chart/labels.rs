//! The words of a chart: the names of metrics, keys and dimensions, what is
//! counted, the filters of the question ([`filters`]: one place, so that every
//! label states every filter), the span and the source footer.

use std::collections::BTreeMap;

use super::HONESTY_NOTE;
use crate::aggregate::{Aggregation, Query};
use crate::dataset::{Against, Basis, Dataset, Date, Dimension, DimensionName, Month};
use crate::words::{Lang, Titles};

/// Words for a metric: `websites_closed` -> `Websites closed`.
pub fn metric_words(metric: &str) -> String {
    let s = match metric.strip_suffix("_yuan") {
        Some(stem) => format!("{} (yuan)", stem.replace('_', " ")),
        None => metric.replace('_', " "),
    };
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

pub(super) fn basis_words(basis: Basis, increments: bool, lang: Lang) -> &'static str {
    match (basis, increments) {
        (Basis::Cumulative, true) => lang.pick(
            "change between running totals as announced",
            "累计数之间的变化（按公布）",
        ),
        (Basis::Cumulative, false) => lang.pick("running total as announced", "公布的累计数"),
        (Basis::Event, _) => lang.pick("single actions as announced", "公布的单次行动"),
        (Basis::Period, _) => lang.pick("totals over the period stated", "所述期间的合计"),
        (Basis::Rate, _) => lang.pick("rates as claimed", "所称的比率"),
        (Basis::Share, _) => lang.pick("shares as claimed", "所称的比例"),
        (Basis::Change(Against::PreviousPeriod), _) => {
            lang.pick("changes on the period before, as stated", "所称的环比变化")
        }
        (Basis::Change(Against::PreviousYear), _) => {
            lang.pick("changes on a year before, as stated", "所称的同比变化")
        }
    }
}

/// The names a chart gives metrics, keys and dimensions: the package's in the
/// chart's language, else the table's own header, else the tool's own words.
pub struct Names<'a> {
    pub titles: &'a Titles,
    pub lang: Lang,
    /// The package's own dimension names and their headers.
    dims: &'a [DimensionName],
    headers: &'a BTreeMap<String, String>,
    /// Whether the figures name more than one region: "all regions" says
    /// nothing of a table that has none.
    regions: bool,
}

impl<'a> Names<'a> {
    /// The names `ds` gives in `lang`.
    pub fn of(ds: &'a Dataset, lang: Lang) -> Names<'a> {
        Names {
            titles: &ds.titles,
            lang,
            dims: &ds.dimensions,
            headers: &ds.dimension_headers,
            regions: ds
                .observations
                .first()
                .is_some_and(|a| ds.observations.iter().any(|o| o.region != a.region)),
        }
    }

    /// A dimension as a label says it: its title in `cleanweb:titles` ("dimension"),
    /// else its column's header as the table writes it ("Country/Region"), else its
    /// name; the tool's own keys in the tool's words.
    pub fn dimension(&self, d: Dimension) -> String {
        match self.dims.iter().find(|n| n.dimension == d) {
            Some(n) => self
                .titles
                .get("dimension", &n.name, self.lang)
                .or(self.headers.get(&n.name).map(String::as_str))
                .map_or_else(|| n.name.replace('_', " "), str::to_string),
            None => match self.lang {
                Lang::En => d.as_str().to_string(),
                Lang::Zh => key_words_zh(d),
            },
        }
    }

    pub fn metric(&self, metric: &str) -> String {
        self.titles
            .get("metric", metric, self.lang)
            .map_or_else(|| metric_words(metric), str::to_string)
    }

    pub fn key(&self, dim: Dimension, k: &str) -> String {
        match self.titles.of_key(dim, k, self.lang) {
            Some(name) => name.to_string(),
            None if k.is_empty() => blank_key(dim, self.lang),
            None => key_label(dim, k),
        }
    }

    pub(super) fn unit(&self, unit: &str, metrics: &[String]) -> String {
        let lang = self.lang;
        match unit {
            "count" if metrics.len() == 1 => self.metric(&metrics[0]),
            "count" => lang.pick("Count", "数量").into(),
            "yuan" => lang.pick("Yuan", "元").into(),
            "years" => lang.pick("Years", "年").into(),
            "months" => lang.pick("Months", "月").into(),
            "percent" => lang.pick("Percent", "百分比").into(),
            "per_day" => lang.pick("Per day", "每日").into(),
            "multiple" => lang.pick("Times the amount", "倍数").into(),
            other => metric_words(other),
        }
    }
}

pub(super) fn span_words(agg: &Aggregation, lang: Lang) -> String {
    match (agg.cited.first, agg.cited.last, lang) {
        (Some(a), Some(b), _) if a == b => lang.month_year(a),
        (Some(a), Some(b), Lang::En) if a.year == b.year => {
            format!("{}–{}", a.name(), b.label())
        }
        (Some(a), Some(b), Lang::Zh) if a.year == b.year => {
            format!("{}年{}–{}月", a.year, a.month, b.month)
        }
        (Some(a), Some(b), _) => format!("{}–{}", lang.month_year(a), lang.month_year(b)),
        _ => String::new(),
    }
}

/// The footer: the sources actually plotted, the honesty note, and any remark.
pub fn footer(ds: &Dataset, agg: &Aggregation, remark: Option<String>, lang: Lang) -> Vec<String> {
    let mut sources: Vec<String> = ds
        .sources
        .iter()
        .filter(|s| agg.cited.sources.contains(&s.name))
        .map(|s| {
            if s.title.is_empty() {
                s.name.clone()
            } else {
                s.title.clone()
            }
        })
        .collect();
    if sources.is_empty() {
        sources.push(ds.title_in(lang).to_string());
    }
    let mut lines = vec![match lang {
        Lang::En => format!(
            "Source: {} ({}). {HONESTY_NOTE}",
            sources.join("; "),
            ds.display_title()
        ),
        Lang::Zh => format!(
            "来源：{}（{}）。{}",
            sources.join("；"),
            ds.title_in(lang),
            lang.honesty()
        ),
    }];
    if let Some(n) = not_published_line(ds, agg, lang) {
        lines.push(n);
    }
    if let Some(r) = remark {
        lines.push(r);
    }
    lines
}

/// The figures drawn whose value is not published, named by what tells them apart
/// ("China 2009-H2"), at most three and a count: a bar that holds one is a lower
/// bound.
fn not_published_line(ds: &Dataset, agg: &Aggregation, lang: Lang) -> Option<String> {
    let used: std::collections::HashSet<&str> = agg.used.iter().map(String::as_str).collect();
    let unknown: Vec<String> = ds
        .observations
        .iter()
        .filter(|o| {
            o.qualifier == crate::dataset::Qualifier::Unknown && used.contains(o.id.as_str())
        })
        .map(|o| {
            let mut who: Vec<&str> = Vec::new();
            if o.region != "national" {
                who.push(&o.region);
            }
            who.extend([o.category.as_str(), &o.entity]);
            who.extend(o.dims.iter().map(String::as_str));
            who.retain(|w| !w.is_empty());
            format!("{} {}", who.join(", "), o.key(Dimension::Period))
                .trim()
                .to_string()
        })
        .collect();
    if unknown.is_empty() {
        return None;
    }
    let shown = unknown.iter().take(3).cloned().collect::<Vec<_>>();
    let more = unknown.len() - shown.len();
    Some(match lang {
        Lang::En => format!(
            "Not published: {}{}; a bar that holds one is a lower bound (+).",
            shown.join("; "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ),
        Lang::Zh => format!(
            "未公布：{}{}；含未公布数字的条形为下限（+）。",
            shown.join("；"),
            if more > 0 {
                format!("等{}项", unknown.len())
            } else {
                String::new()
            }
        ),
    })
}

/// What an empty key is called.
fn blank_key(dim: Dimension, lang: Lang) -> String {
    match lang {
        Lang::En => key_label(dim, ""),
        Lang::Zh => match dim {
            Dimension::Category => "无类别".into(),
            Dimension::Entity => "未指明对象".into(),
            Dimension::Authority => "未指明机构".into(),
            _ => "未指明".into(),
        },
    }
}

/// A key as a label; an empty key says what is missing.
pub fn key_label(dim: Dimension, k: &str) -> String {
    if !k.is_empty() {
        return k.replace('_', " ");
    }
    match dim {
        Dimension::Category => "no category".into(),
        Dimension::Entity => "no entity named".into(),
        Dimension::Authority => "authority not named".into(),
        _ => "unspecified".into(),
    }
}

/// A key of the tool's own in Chinese.
fn key_words_zh(d: Dimension) -> String {
    match d {
        Dimension::Month => "月份".into(),
        Dimension::Period => "时期".into(),
        Dimension::Category => "类别".into(),
        Dimension::Region => "地区".into(),
        Dimension::Authority => "机构".into(),
        Dimension::Entity => "对象".into(),
        Dimension::Metric => "指标".into(),
        Dimension::Named(_) => d.as_str().to_string(),
    }
}

/// Every filter of a question in words, one phrase each, in the order the options
/// are read: region, category, each `--where`, the dates (where the span of the
/// figures does not already say them), `--up-to`. The one statement of a question's
/// filters: subtitles, their narrow rendering and the text alternative use it.
pub fn filters(q: &Query, agg: &Aggregation, names: &Names<'_>) -> Vec<String> {
    let lang = names.lang;
    let is = |d: Dimension, v: &str| match lang {
        Lang::En => format!("{}: {}", names.dimension(d), value_words(d, v, names)),
        Lang::Zh => format!("{}：{}", names.dimension(d), value_words(d, v, names)),
    };
    let mut out = Vec::new();
    match &q.region {
        Some(r) if r == "national" => out.push(lang.pick("national figures", "全国数据").into()),
        Some(r) if names.dims.iter().any(|n| n.dimension == Dimension::Region) => {
            out.push(is(Dimension::Region, r))
        }
        Some(r) => out.push(names.key(Dimension::Region, r)),
        // A region the package names (a country, ...) unfiltered goes unsaid.
        None if q.filters.iter().any(|(d, _)| *d == Dimension::Region) => {}
        None if names.dims.iter().any(|n| n.dimension == Dimension::Region) => {}
        None if names.regions => out.push(lang.pick("all regions", "所有地区").into()),
        None => {}
    }
    if let Some(c) = &q.category {
        out.push(names.key(Dimension::Category, c));
    }
    for (d, v) in &q.filters {
        out.push(is(*d, v));
    }
    if let Some(dates) = date_words(q, agg, lang) {
        out.push(dates);
    }
    if let Some(level) = &q.up_to {
        out.push(match lang {
            Lang::En => format!("by {}", level.replace('_', " ")),
            Lang::Zh => format!("按{level}计"),
        });
    }
    out
}

/// A value of a filter as a label shows it: a month as "Sep 2014", a named key by
/// the package's title for it.
fn value_words(d: Dimension, v: &str, names: &Names<'_>) -> String {
    match d {
        Dimension::Month => Month::parse(v).map_or(v.to_string(), |m| names.lang.month_year(m)),
        Dimension::Period => v.to_string(),
        d => names.key(d, v),
    }
}

/// `--from` and `--to` in words, unless the span of the figures drawn states them:
/// whole months from the first figure's month to the last's.
fn date_words(q: &Query, agg: &Aggregation, lang: Lang) -> Option<String> {
    if q.from.is_none() && q.to.is_none() {
        return None;
    }
    let whole = |from: Date, to: Date| from.day == 1 && to == to.month().last_day();
    if let (Some(f), Some(t)) = (q.from, q.to) {
        if whole(f, t) && agg.cited.first == Some(f.month()) && agg.cited.last == Some(t.month()) {
            return None;
        }
    }
    // A period figure is selected when its whole period lies within the dates; any
    // other when its date does.
    let periods = agg.basis == Basis::Period;
    let dated = if agg.basis == Basis::Cumulative {
        "announced"
    } else {
        "dated"
    };
    let d = |x: Date| lang.date(x);
    Some(match (q.from, q.to, lang, periods) {
        (Some(f), Some(t), Lang::En, false) if f == t => format!("{dated} {}", d(f)),
        (Some(f), Some(t), Lang::En, false) => format!("{dated} {} to {}", d(f), d(t)),
        (Some(f), Some(t), Lang::En, true) => format!("periods within {} to {}", d(f), d(t)),
        (Some(f), None, Lang::En, false) => format!("{dated} {} or later", d(f)),
        (Some(f), None, Lang::En, true) => format!("periods from {} on", d(f)),
        (None, Some(t), Lang::En, false) => format!("{dated} {} or earlier", d(t)),
        (None, Some(t), Lang::En, true) => format!("periods ending by {}", d(t)),
        (Some(f), Some(t), Lang::Zh, _) => format!("{}至{}", d(f), d(t)),
        (Some(f), None, Lang::Zh, _) => format!("{}起", d(f)),
        (None, Some(t), Lang::Zh, _) => format!("截至{}", d(t)),
        (None, None, _, _) => return None,
    })
}

/// The subtitle: what is counted, every filter, and the span of the figures. A
/// subtitle given (`--subtitle`, a view's) is kept, with the filters it and the
/// title do not already state after it.
pub fn subtitle(
    q: &Query,
    agg: &Aggregation,
    names: &Names<'_>,
    title: &str,
    given: Option<&str>,
) -> String {
    let lang = names.lang;
    let filters = filters(q, agg, names);
    if let Some(given) = given {
        let said = format!("{title} {given}").to_lowercase();
        let mut parts = vec![given.to_string()];
        parts.extend(
            filters
                .into_iter()
                .filter(|f| !said.contains(&f.to_lowercase())),
        );
        return lang.join(&parts);
    }
    let mut parts = vec![format!(
        "{}{}{}",
        names.unit(&agg.unit, &q.metrics),
        lang.pick(", ", "，"),
        basis_words(agg.basis, q.increments, lang)
    )];
    let span = span_words(agg, lang);
    parts.extend(
        filters
            .into_iter()
            .filter(|f| !title.to_lowercase().contains(&f.to_lowercase())),
    );
    if !span.is_empty() {
        parts.push(span);
    }
    lang.join(&parts)
}
