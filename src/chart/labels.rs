//! The words of a chart: the names of metrics, keys and dimensions, what is
//! counted, the filters of the question ([`filters`]: one place, so that every
//! label states every filter), the span and the source footer.

use std::collections::BTreeMap;

use crate::aggregate::{Aggregation, Query};
use crate::dataset::package::Titles;
use crate::dataset::{Basis, Dataset, Date, Dimension, DimensionName, Month};
use crate::say;
use crate::words::Lang;

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

/// What kind of figure is drawn, in words: `running total as announced`.
pub(super) fn basis_words(basis: Basis, increments: bool, lang: Lang) -> String {
    let basis = match (basis, increments) {
        (Basis::Cumulative, true) => "increments",
        (basis, _) => basis.as_str(),
    };
    say!(lang, "chart-basis", basis = basis)
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
            None => say!(self.lang, "chart-dimension", dimension = d.as_str()),
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
            None => key_label(k),
        }
    }

    pub(super) fn unit(&self, unit: &str, metrics: &[String]) -> String {
        match unit {
            "count" if metrics.len() == 1 => self.metric(&metrics[0]),
            unit => say!(
                self.lang,
                "chart-unit",
                unit = unit,
                words = metric_words(unit)
            ),
        }
    }
}

pub(super) fn span_words(agg: &Aggregation, lang: Lang) -> String {
    match (agg.cited.first, agg.cited.last) {
        (Some(a), Some(b)) if a == b => lang.month_year(a),
        (Some(a), Some(b)) if a.year == b.year => say!(
            lang,
            "chart-span-one-year",
            from = a.month,
            to = b.month,
            from_name = lang.month_name(a),
            to_name = lang.month_name(b),
            year = a.year.to_string()
        ),
        (Some(a), Some(b)) => say!(
            lang,
            "chart-span",
            from = lang.month_year(a),
            to = lang.month_year(b)
        ),
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
    let mut lines = vec![say!(
        lang,
        "chart-footer",
        sources = lang.join(&sources),
        title = ds.title_in(lang)
    )];
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
    Some(say!(
        lang,
        "chart-not-published",
        shown = lang.join(&shown),
        more = more,
        total = unknown.len()
    ))
}

/// A month as a time axis labels it: its name, and its year under the first month
/// (`i` 0) and each January.
pub(super) fn month_label(i: usize, m: Month, lang: Lang) -> (String, Option<String>) {
    let show_year = i == 0 || m.month == 1;
    (lang.month_name(m), show_year.then(|| lang.year(m.year)))
}

/// What an empty key is called.
fn blank_key(dim: Dimension, lang: Lang) -> String {
    say!(lang, "chart-blank-key", dimension = dim.as_str())
}

/// A key as a label: `clean_up` -> `clean up` (an empty key is named by
/// [`Names::key`]).
pub fn key_label(k: &str) -> String {
    k.replace('_', " ")
}

/// Every filter of a question in words, one phrase each, in the order the options
/// are read: region, category, each `--where`, the dates (where the span of the
/// figures does not already say them), `--up-to`. The one statement of a question's
/// filters: subtitles, their narrow rendering and the text alternative use it.
pub fn filters(q: &Query, agg: &Aggregation, names: &Names<'_>) -> Vec<String> {
    let lang = names.lang;
    let is = |d: Dimension, v: &str| {
        say!(
            lang,
            "chart-pair",
            label = names.dimension(d),
            value = value_words(d, v, names)
        )
    };
    let mut out = Vec::new();
    match &q.region {
        Some(r) if r == "national" => out.push(lang.t("chart-national")),
        Some(r) if names.dims.iter().any(|n| n.dimension == Dimension::Region) => {
            out.push(is(Dimension::Region, r))
        }
        Some(r) => out.push(names.key(Dimension::Region, r)),
        // A region the package names (a country, ...) unfiltered goes unsaid.
        None if q.filters.iter().any(|(d, _)| *d == Dimension::Region) => {}
        None if names.dims.iter().any(|n| n.dimension == Dimension::Region) => {}
        None if names.regions => out.push(lang.t("chart-all-regions")),
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
        out.push(say!(
            lang,
            "chart-up-to",
            level = level.as_str(),
            words = level.replace('_', " ")
        ));
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
    let periods = crate::words::yes_no(agg.basis == Basis::Period);
    let dated = if agg.basis == Basis::Cumulative {
        "announced"
    } else {
        "dated"
    };
    let span = match (q.from, q.to) {
        (Some(f), Some(t)) if f == t => "on",
        (Some(_), Some(_)) => "between",
        (Some(_), None) => "from",
        (None, Some(_)) => "until",
        (None, None) => return None,
    };
    let d = |x: Option<Date>| x.map(|x| lang.date(x)).unwrap_or_default();
    Some(say!(
        lang,
        "chart-dates",
        span = span,
        periods = periods,
        dated = dated,
        from = d(q.from),
        to = d(q.to)
    ))
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
    let mut parts = vec![say!(
        lang,
        "chart-subtitle-what",
        unit = names.unit(&agg.unit, &q.metrics),
        basis = basis_words(agg.basis, q.increments, lang)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Lang {
        Lang::parse(code).unwrap()
    }

    #[test]
    fn dates_in_words_by_span_and_basis() {
        // (language, span, periods, dated or announced, the words)
        let cases = [
            ("en", "on", "no", "dated", "dated 1 May"),
            ("en", "on", "yes", "dated", "periods within 1 May to 9 May"),
            (
                "en",
                "between",
                "no",
                "announced",
                "announced 1 May to 9 May",
            ),
            ("en", "from", "no", "announced", "announced 1 May or later"),
            ("en", "from", "yes", "dated", "periods from 1 May on"),
            ("en", "until", "no", "dated", "dated 9 May or earlier"),
            ("en", "until", "yes", "dated", "periods ending by 9 May"),
            ("zh", "on", "no", "dated", "1 May至9 May"),
            ("zh", "from", "yes", "dated", "1 May起"),
            ("zh", "until", "no", "dated", "截至9 May"),
        ];
        for (code, span, periods, dated, words) in cases {
            let said = say!(
                lang(code),
                "chart-dates",
                span = span,
                periods = periods,
                dated = dated,
                from = "1 May",
                to = "9 May"
            );
            assert_eq!(said, words, "{code} {span} {periods} {dated}");
        }
    }

    #[test]
    fn counts_and_lists_in_the_words_of_each_language() {
        let (en, zh) = (lang("en"), lang("zh"));
        let unpublished = |l: Lang, more: usize| {
            say!(
                l,
                "chart-not-published",
                shown = "a; b",
                more = more,
                total = more + 2
            )
        };
        assert_eq!(
            unpublished(en, 0),
            "Not published: a; b; a bar that holds one is a lower bound (+)."
        );
        assert_eq!(
            unpublished(en, 3),
            "Not published: a; b and 3 more; a bar that holds one is a lower bound (+)."
        );
        assert_eq!(
            unpublished(zh, 3),
            "未公布：a; b等5项；含未公布数字的条形为下限（+）。"
        );
        let described = |l: Lang, more: usize| {
            say!(
                l,
                "chart-described",
                title = "T",
                subtitle = "S",
                items = "x",
                more = more
            )
        };
        assert_eq!(described(en, 0), "T. S. x.");
        assert_eq!(described(en, 2), "T. S. x; and 2 more.");
        assert_eq!(described(zh, 2), "T。S。x；另有2项。");
        assert_eq!(say!(en, "chart-others", n = 12), "12 others");
        assert_eq!(say!(zh, "chart-others", n = 12), "其他12项");
        let per_item = |n: usize| say!(en, "chart-per-item", n = n, figures = "x");
        assert_eq!(
            per_item(1),
            "One figure counts for each of several items: x."
        );
        assert_eq!(
            per_item(2),
            "Some figures count for each of several items: x."
        );
        let unit = |l: Lang, u: &str| say!(l, "chart-unit", unit = u, words = "Pages");
        assert_eq!(unit(en, "per_day"), "Per day");
        assert_eq!(unit(zh, "pages"), "Pages");
        assert_eq!(
            say!(en, "chart-footer", sources = "a; b", title = "T"),
            format!("Source: a; b (T). {}", en.honesty())
        );
        assert_eq!(en.t("and-list"), " and ");
        assert_eq!(en.t("chart-words-spaced"), "yes");
        assert_eq!(zh.t("chart-words-spaced"), "no");
    }
}
