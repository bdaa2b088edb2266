//! The charts a package declares (`cleanweb:views` in `datapackage.json`): for each,
//! the question (metrics, keys, basis, filters), how to draw it, and the curator's
//! title and caption. What a campaign's charts say belongs to its package; the report
//! draws what is declared, and chooses its own set only for data that declares none.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::doc::{Found, List, Texts, Word, Words};
use super::{Basis, Date, Dimension, DimensionName, Problem};
use crate::table::not_one_of;

/// One declared chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    /// The file stem of the chart's files.
    pub name: String,
    pub title: String,
    pub subtitle: String,
    pub caption: String,
    pub metrics: Vec<String>,
    /// The keys, resolved by [`resolve`] once the package's own dimensions are known.
    pub by: Vec<Dimension>,
    pub basis: Option<Basis>,
    pub region: Option<String>,
    /// Only figures of this category ("" for figures without one).
    pub category: Option<String>,
    /// `where`: only figures whose key has that value.
    pub filters: Vec<(Dimension, String)>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub increments: bool,
    /// bar, hbar, step, stacked or range; the report chooses when absent.
    pub kind: Option<ChartKind>,
    /// A logarithmic value axis (horizontal bars).
    pub log: bool,
    pub stack_by: Option<Dimension>,
    /// Each figure counted under the value at this level of its dimension's hierarchy.
    pub up_to: Option<String>,
    /// The title and caption in other languages: language -> (title, caption).
    pub translations: Vec<(String, String, String)>,
    /// What the view asks that the package lacks (a metric, a key), found by
    /// [`resolve`]: `validate` refuses the package for it, and the report leaves
    /// this view out and draws the others.
    pub problems: Vec<Problem>,
    /// The keys as written, for [`resolve`].
    keys: Vec<String>,
    stack_key: Option<String>,
    where_keys: Vec<(String, String)>,
}

impl View {
    /// The title and caption in `lang`, else the view's own.
    pub fn words(&self, lang: &str) -> (&str, &str) {
        match self.translations.iter().find(|(l, _, _)| l == lang) {
            Some((_, t, c)) => (
                if t.is_empty() { &self.title } else { t },
                if c.is_empty() { &self.caption } else { c },
            ),
            None => (&self.title, &self.caption),
        }
    }
}

/// The kinds of chart, as a view (`"kind"`) and `chart --kind` name them; the
/// chart room draws each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartKind {
    /// Vertical bars by month; months not reported are gaps.
    Bar,
    /// Horizontal bars sorted by value, with value and share labels.
    Hbar,
    /// A step line of running totals.
    Step,
    /// Vertical bars by month stacked by a second key.
    Stacked,
    /// Dots and whiskers: intervals drawn as ranges.
    Range,
}

impl Words for ChartKind {
    const WHAT: &'static str = "a chart kind";
    const WORDS: &'static [&'static str] = &["bar", "hbar", "step", "stacked", "range"];
    fn parse(word: &str) -> Option<Self> {
        <ChartKind as clap::ValueEnum>::from_str(word, false).ok()
    }
}

/// A view as `datapackage.json` writes it.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct ViewDoc {
    name: String,
    title: String,
    subtitle: String,
    caption: String,
    metric: Texts,
    by: Texts,
    basis: Option<Word<Basis>>,
    region: Option<String>,
    category: Option<String>,
    #[serde(rename = "where")]
    filters: BTreeMap<String, String>,
    from: Option<String>,
    to: Option<String>,
    increments: bool,
    kind: Option<Word<ChartKind>>,
    log: bool,
    stack_by: Option<String>,
    up_to: Option<String>,
    translations: BTreeMap<String, Translation>,
    /// A switch, not a view: whether the report draws the charts it chooses.
    automatic: Option<bool>,
    /// A switch, not a view: charts the report leaves out, by file name.
    leave_out: Option<Texts>,
}

/// What a package says of the charts the report chooses itself, in an element of
/// `cleanweb:views` of its own: `{"automatic": true}` draws them beside the declared
/// views (by default they are drawn only for a package that declares none), and
/// `{"leave_out": ["announcement", ...]}` leaves out any chart by its file name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Automatic {
    pub drawn: Option<bool>,
    /// The names to leave out, each with its JSON path.
    pub leave_out: Vec<(String, String)>,
}

impl Automatic {
    /// Whether the report draws the charts it chooses, for a package with `views`.
    pub fn drawn(&self, views: &[View]) -> bool {
        self.drawn.unwrap_or(views.is_empty())
    }

    pub fn leaves_out(&self, stem: &str) -> bool {
        self.leave_out.iter().any(|(n, _)| n == stem)
    }
}

/// A view's title and caption in another language.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct Translation {
    title: String,
    caption: String,
}

/// The longest name of a view: with `.svg` it must fit a file name everywhere.
const MAX_NAME: usize = 100;

/// Whether `name` may be a file stem: letters, digits, `-` and `_` only, so that it
/// is never a path (`/`, `..`, a drive), never markup or a quote, and reads alike on
/// every system. The reason when it may not.
pub fn plain_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a view needs a name (the file stem of its chart)".into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!(
            "a view's name is the file stem of its chart: at most {MAX_NAME} characters"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "'{}' holds {}: a view's name is the file stem of its chart, and may hold only letters, digits, '-' and '_'",
            name.escape_default(),
            match c {
                ' ' => "a space".to_string(),
                c if c.is_control() || !c.is_ascii() => format!("U+{:04X}", c as u32),
                c => format!("'{c}'"),
            }
        ));
    }
    if name.starts_with('-') {
        return Err(format!(
            "'{name}' starts with '-', which a command line reads as an option: start it with a letter or digit"
        ));
    }
    Ok(())
}

/// The stems of the files the report writes of its own (`report.html`, the
/// announcement's chart, ...): a view named so would overwrite one. What the file is,
/// when `name` is one of them.
pub fn report_file(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let own = [
        ("report", "report.md and report.html"),
        ("manifest", "manifest.json"),
        ("observations", "observations.csv"),
        ("reconciliation", "reconciliation.json"),
        ("announcement", "chart of the latest announcement"),
        ("figures-by-authority", "chart of the figures by authority"),
    ];
    if let Some((_, what)) = own.iter().find(|(stem, _)| *stem == lower) {
        return Some(what);
    }
    lower
        .starts_with("breakdown-")
        .then_some("charts of complete breakdowns (breakdown-...)")
}

/// The views of a descriptor; every problem names its JSON path. Keys are checked
/// against the package's dimensions by [`resolve`].
pub fn parse(found: &mut Found, list: List<ViewDoc>) -> (Vec<View>, Automatic) {
    let mut views: Vec<View> = Vec::new();
    let mut paths: Vec<String> = Vec::new();
    let mut automatic = Automatic::default();
    for (path, v) in found.list("cleanweb:views", list) {
        let Some(mut v) = found.part(&path, v) else {
            continue;
        };
        if v.automatic.is_some() || v.leave_out.is_some() {
            switch(found, &path, &mut v, &mut automatic);
            continue;
        }
        let mut view = View {
            name: v.name,
            title: v.title,
            subtitle: v.subtitle,
            caption: v.caption,
            metrics: v.metric.0,
            basis: v.basis.map(|b| b.0),
            region: v.region,
            category: v.category,
            increments: v.increments,
            log: v.log,
            kind: v.kind.map(|k| k.0),
            keys: v.by.0,
            stack_key: v.stack_by,
            up_to: v.up_to,
            where_keys: v.filters.into_iter().collect(),
            translations: (v.translations.into_iter())
                .map(|(lang, t)| (lang, t.title, t.caption))
                .collect(),
            ..View::default()
        };
        let at = |key: &str| format!("{path}.{key}");
        if let Err(why) = plain_name(&view.name) {
            found.problem(&at("name"), why);
        } else if let Some(own) = report_file(&view.name) {
            found.problem(
                &at("name"),
                format!(
                    "'{}' is the name of the report's own {own}: choose another",
                    view.name
                ),
            );
        } else if let Some(first) = views.iter().position(|w| w.name == view.name) {
            found.problem(
                &at("name"),
                format!(
                    "'{}' is also the name of {}: a view's name is its chart's file name, so each must be unique",
                    view.name, paths[first]
                ),
            );
        }
        if view.metrics.is_empty() {
            found.problem(&at("metric"), "a view needs at least one metric");
        }
        if view.keys.is_empty() {
            found.problem(&at("by"), "a view needs a key to group by");
        }
        for (key, text, slot) in [("from", v.from, &mut view.from), ("to", v.to, &mut view.to)] {
            match text.map(|t| Date::parse(&t)) {
                Some(Ok(d)) => *slot = Some(d),
                Some(Err(e)) => found.problem(&at(key), e),
                None => {}
            }
        }
        views.push(view);
        paths.push(path);
    }
    (views, automatic)
}

/// Reads an element of `cleanweb:views` that is a switch of the report's own charts.
fn switch(found: &mut Found, path: &str, v: &mut ViewDoc, automatic: &mut Automatic) {
    if !(v.name.is_empty() && v.metric.0.is_empty() && v.by.0.is_empty()) {
        found.problem(
            path,
            "'automatic' and 'leave_out' are a switch of the report's own charts, in an element of their own: not in a view",
        );
        return;
    }
    if let Some(drawn) = v.automatic {
        if automatic.drawn.is_some() {
            found.problem(&format!("{path}.automatic"), "'automatic' is said twice");
        }
        automatic.drawn = Some(drawn);
    }
    let names = v.leave_out.take().map(|t| t.0).unwrap_or_default();
    for (i, name) in names.into_iter().enumerate() {
        automatic
            .leave_out
            .push((name, format!("{path}.leave_out[{i}]")));
    }
}

/// Resolves the views' keys against the package's dimensions (its mapped tables'
/// own names and the keys every table has) and checks that each metric is one the
/// package has; every problem names its JSON path and the nearest valid value, and
/// is kept with its view ([`View::problems`]).
pub fn resolve(file: &str, views: &mut [View], names: &[DimensionName], metrics: &[&str]) {
    let mut known: Vec<&str> = names.iter().map(|n| n.name.as_str()).collect();
    known.extend(Dimension::ALL.iter().map(|d| d.as_str()));
    known.dedup();
    for (i, view) in views.iter_mut().enumerate() {
        let mut problems = Vec::new();
        let mut problem = |key: &str, reason: String| {
            problems.push(Problem::new(file, reason).field(&format!("cleanweb:views[{i}].{key}")));
        };
        let key = |k: &str| Dimension::parse_in(k, names);
        view.by.clear();
        for k in &view.keys {
            match key(k) {
                Some(d) => view.by.push(d),
                None => problem("by", not_one_of(k, "a key", &known)),
            }
        }
        if let Some(k) = &view.stack_key {
            match key(k) {
                Some(d) => view.stack_by = Some(d),
                None => problem("stack_by", not_one_of(k, "a key", &known)),
            }
        }
        view.filters.clear();
        for (k, v) in &view.where_keys {
            match key(k) {
                Some(d) => view.filters.push((d, v.clone())),
                None => problem(&format!("where.{k}"), not_one_of(k, "a key", &known)),
            }
        }
        if !metrics.is_empty() {
            for m in &view.metrics {
                if !metrics.contains(&m.as_str()) {
                    problem("metric", not_one_of(m, "a metric of the package", metrics));
                }
            }
        }
        view.problems = problems;
    }
}

/// The problems of the views of `views` that ask what the package lacks.
pub fn problems(views: &[View]) -> Vec<Problem> {
    views.iter().flat_map(|v| v.problems.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> (Vec<View>, Vec<String>) {
        let mut found = Found::new("dp.json");
        let (views, _) = parse(&mut found, serde_json::from_str(json).unwrap());
        (
            views,
            found.problems.iter().map(|p| p.to_string()).collect(),
        )
    }

    #[test]
    fn views_are_read_and_wrong_ones_named_by_their_path() {
        let (_, shown) = read(
            r#"[
                {"name": "a", "metric": "m", "by": "month", "basis": "event", "from": "2014-09-01"},
                {"name": "b", "metric": ["m"], "by": ["weekday"], "kind": "pie"}
            ]"#,
        );
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].contains("'cleanweb:views[1].kind'"), "{shown:?}");
        let (mut views, shown) =
            read(r#"[{"name": "b", "metric": ["m"], "by": ["contry"], "where": {"regoin": "x"}}]"#);
        assert!(shown.is_empty(), "{shown:?}");
        let names = [DimensionName {
            name: "country".into(),
            dimension: Dimension::Region,
        }];
        resolve("dp.json", &mut views, &names, &["m", "n"]);
        let shown: Vec<String> = super::problems(&views)
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].contains("'cleanweb:views[0].by'")
                && shown[0].contains("did you mean 'country'?"),
            "{shown:?}"
        );
        assert!(
            shown[1].contains("'cleanweb:views[0].where.regoin'")
                && shown[1].contains("did you mean 'region'?"),
            "{shown:?}"
        );
        let (_, typo) = read(r#"[{"name": "a", "metric": "m", "by": "month", "captoin": "x"}]"#);
        assert!(
            typo[0].contains("field 'cleanweb:views[0].captoin': 'captoin' is not a key of a view (did you mean 'caption'?)"),
            "{typo:?}"
        );
        let (_, typo) = read(r#"[{"name": "a", "metric": ["m", 1], "by": "month"}]"#);
        assert_eq!(
            typo,
            ["dp.json: field 'cleanweb:views[0].metric[1]': must be a text, not 1"]
        );
        let (_, twice) = read(
            r#"[{"name": "a", "metric": "m", "by": "month"}, {"name": "a", "metric": "m", "by": "month"}]"#,
        );
        assert!(
            twice[0].contains(
                "field 'cleanweb:views[1].name': 'a' is also the name of cleanweb:views[0]"
            ),
            "{twice:?}"
        );
        let (mut views, shown) =
            read(r#"[{"name": "a", "metric": "m", "by": "month", "from": "2014-09-01"}]"#);
        assert!(shown.is_empty(), "{shown:?}");
        resolve("dp.json", &mut views, &[], &["m"]);
        assert!(super::problems(&views).is_empty());
        assert_eq!(views[0].by, [Dimension::Month]);
        assert_eq!(views[0].from, Date::parse("2014-09-01").ok());
    }

    #[test]
    fn the_words_of_chart_kinds_are_its_variants() {
        use clap::ValueEnum;
        let names: Vec<String> = ChartKind::value_variants()
            .iter()
            .filter_map(|k| k.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        assert_eq!(names, <ChartKind as Words>::WORDS);
    }
}
