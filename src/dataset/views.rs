//! The charts a package declares (`cleanweb:views` in `datapackage.json`): for each,
//! the question (metrics, keys, basis, filters), how to draw it, and the curator's
//! title and caption. What a campaign's charts say belongs to its package; the report
//! draws what is declared, and chooses its own set only for data that declares none.

use serde_json::Value;

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
    pub kind: Option<String>,
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

const KINDS: [&str; 5] = ["bar", "hbar", "step", "stacked", "range"];
const BASES: [&str; 5] = ["event", "cumulative", "period", "rate", "share"];
/// The keys a view may have.
const FIELDS: [&str; 18] = [
    "name",
    "title",
    "subtitle",
    "caption",
    "metric",
    "by",
    "basis",
    "region",
    "category",
    "where",
    "from",
    "to",
    "increments",
    "kind",
    "log",
    "stack_by",
    "up_to",
    "translations",
];

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
pub fn parse(file: &str, json: &Value) -> Result<Vec<View>, Vec<Problem>> {
    let Some(list) = json.get("cleanweb:views") else {
        return Ok(Vec::new());
    };
    let Some(list) = list.as_array() else {
        return Err(vec![
            Problem::new(file, "must be a list of views").field("cleanweb:views")
        ]);
    };
    let mut views = Vec::new();
    let mut problems = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let mut problem = |key: &str, reason: String| {
            problems.push(Problem::new(file, reason).field(&format!("cleanweb:views[{i}].{key}")));
        };
        let Some(fields) = v.as_object() else {
            problem("", "a view must be an object".into());
            continue;
        };
        for key in fields.keys() {
            if !FIELDS.contains(&key.as_str()) {
                problem(key, not_one_of(key, "a key of a view", &FIELDS));
            }
        }
        let text = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let list_of = |key: &str| -> Vec<String> {
            match v.get(key) {
                Some(Value::String(s)) => vec![s.clone()],
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            }
        };
        let flag = |key: &str| v.get(key).and_then(Value::as_bool).unwrap_or(false);
        let mut view = View {
            name: text("name").unwrap_or_default(),
            title: text("title").unwrap_or_default(),
            subtitle: text("subtitle").unwrap_or_default(),
            caption: text("caption").unwrap_or_default(),
            metrics: list_of("metric"),
            region: text("region"),
            category: text("category"),
            increments: flag("increments"),
            log: flag("log"),
            kind: text("kind"),
            keys: list_of("by"),
            stack_key: text("stack_by"),
            up_to: text("up_to"),
            ..View::default()
        };
        if let Err(why) = plain_name(&view.name) {
            problem("name", why);
        } else if let Some(own) = report_file(&view.name) {
            problem(
                "name",
                format!(
                    "'{}' is the name of the report's own {own}: choose another",
                    view.name
                ),
            );
        } else if let Some(first) = views.iter().position(|w: &View| w.name == view.name) {
            problem(
                "name",
                format!(
                    "'{}' is also the name of cleanweb:views[{first}]: a view's name is its chart's file name, so each must be unique",
                    view.name
                ),
            );
        }
        if view.metrics.is_empty() {
            problem("metric", "a view needs at least one metric".into());
        }
        if view.keys.is_empty() {
            problem("by", "a view needs a key to group by".into());
        }
        match v.get("where") {
            None => {}
            Some(Value::Object(m)) => {
                for (k, val) in m {
                    match val.as_str() {
                        Some(val) => view.where_keys.push((k.clone(), val.to_string())),
                        None => problem(&format!("where.{k}"), "must be a text value".into()),
                    }
                }
            }
            Some(_) => problem(
                "where",
                "must map keys to values, as {\"country\": \"Kenya\"}".into(),
            ),
        }
        if let Some(b) = text("basis") {
            match Basis::parse(&b) {
                Some(b) => view.basis = Some(b),
                None => problem("basis", not_one_of(&b, "a basis", &BASES)),
            }
        }
        for (key, slot) in [("from", &mut view.from), ("to", &mut view.to)] {
            if let Some(t) = text(key) {
                match Date::parse(&t) {
                    Ok(d) => *slot = Some(d),
                    Err(e) => problem(key, e),
                }
            }
        }
        if let Some(t) = v.get("translations") {
            match t.as_object() {
                Some(langs) => {
                    for (lang, words) in langs {
                        let text = |k: &str| {
                            words
                                .get(k)
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_string()
                        };
                        if !words.is_object() {
                            problem(
                                &format!("translations.{lang}"),
                                "must be an object with 'title' and 'caption'".into(),
                            );
                            continue;
                        }
                        view.translations
                            .push((lang.clone(), text("title"), text("caption")));
                    }
                }
                None => problem(
                    "translations",
                    "must map languages to {\"title\": ..., \"caption\": ...}".into(),
                ),
            }
        }
        if let Some(k) = &view.kind {
            if !KINDS.contains(&k.as_str()) {
                problem("kind", not_one_of(k, "a chart kind", &KINDS));
            }
        }
        views.push(view);
    }
    crate::unless(problems, views)
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

    #[test]
    fn views_are_read_and_wrong_ones_named_by_their_path() {
        let json: Value = serde_json::from_str(
            r#"{"cleanweb:views": [
                {"name": "a", "metric": "m", "by": "month", "basis": "event", "from": "2014-09-01"},
                {"name": "b", "metric": ["m"], "by": ["weekday"], "kind": "pie"}
            ]}"#,
        )
        .unwrap();
        let problems = parse("dp.json", &json).unwrap_err();
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].contains("'cleanweb:views[1].kind'"), "{shown:?}");
        let mut views = parse(
            "dp.json",
            &serde_json::from_str(
                r#"{"cleanweb:views": [{"name": "b", "metric": ["m"], "by": ["contry"], "where": {"regoin": "x"}}]}"#,
            )
            .unwrap(),
        )
        .unwrap();
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
        let typo = parse(
            "dp.json",
            &serde_json::from_str(r#"{"cleanweb:views": [{"name": "a", "metric": "m", "by": "month", "captoin": "x"}]}"#).unwrap(),
        )
        .unwrap_err();
        assert!(
            typo[0].to_string().contains("did you mean 'caption'?"),
            "{:?}",
            typo
        );
        let json: Value = serde_json::from_str(
            r#"{"cleanweb:views": [{"name": "a", "metric": "m", "by": "month", "from": "2014-09-01"}]}"#,
        )
        .unwrap();
        let mut views = parse("dp.json", &json).unwrap();
        resolve("dp.json", &mut views, &[], &["m"]);
        assert!(super::problems(&views).is_empty());
        assert_eq!(views[0].by, [Dimension::Month]);
        assert_eq!(views[0].from, Date::parse("2014-09-01").ok());
    }
}
