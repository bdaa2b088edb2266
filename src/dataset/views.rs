//! The charts a package declares (`cleanweb:views` in `datapackage.json`): for each,
//! the question (metrics, keys, basis, filters), how to draw it, and the curator's
//! title and caption. What a campaign's charts say belongs to its package; the report
//! draws what is declared, and chooses its own set only for data that declares none.

use serde_json::Value;

use super::{Basis, Date, Dimension, Problem};

/// One declared chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    /// The file stem of the chart's files.
    pub name: String,
    pub title: String,
    pub caption: String,
    pub metrics: Vec<String>,
    pub by: Vec<Dimension>,
    pub basis: Option<Basis>,
    pub region: Option<String>,
    /// Only figures of this category ("" for figures without one).
    pub category: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub increments: bool,
    /// bar, hbar, step, stacked or range; the report chooses when absent.
    pub kind: Option<String>,
    pub stack_by: Option<Dimension>,
    /// The title and caption in other languages: language -> (title, caption).
    pub translations: Vec<(String, String, String)>,
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

/// The views of a descriptor; every problem names its JSON path.
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
        let mut view = View {
            name: text("name").unwrap_or_default(),
            title: text("title").unwrap_or_default(),
            caption: text("caption").unwrap_or_default(),
            metrics: list_of("metric"),
            region: text("region"),
            category: text("category"),
            increments: v
                .get("increments")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            kind: text("kind"),
            ..View::default()
        };
        if view.name.is_empty() {
            problem(
                "name",
                "a view needs a name (the file stem of its chart)".into(),
            );
        }
        if view.metrics.is_empty() {
            problem("metric", "a view needs at least one metric".into());
        }
        let keys = list_of("by");
        if keys.is_empty() {
            problem("by", "a view needs a key to group by".into());
        }
        for d in keys {
            match Dimension::parse(&d) {
                Some(d) => view.by.push(d),
                None => problem("by", format!("'{d}' is not a key; use month, category, region, authority, entity or metric")),
            }
        }
        if let Some(b) = text("basis") {
            match Basis::parse(&b) {
                Some(b) => view.basis = Some(b),
                None => problem(
                    "basis",
                    format!("'{b}' is not a basis; use event, cumulative, period, rate or share"),
                ),
            }
        }
        if let Some(s) = text("stack_by") {
            match Dimension::parse(&s) {
                Some(d) => view.stack_by = Some(d),
                None => problem("stack_by", format!("'{s}' is not a key")),
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
                problem(
                    "kind",
                    format!("'{k}' is not a chart kind; use {}", KINDS.join(", ")),
                );
            }
        }
        views.push(view);
    }
    if problems.is_empty() {
        Ok(views)
    } else {
        Err(problems)
    }
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
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown[0].contains("'cleanweb:views[1].by'"), "{shown:?}");
        assert!(shown[1].contains("'cleanweb:views[1].kind'"), "{shown:?}");
        let json: Value = serde_json::from_str(
            r#"{"cleanweb:views": [{"name": "a", "metric": "m", "by": "month", "from": "2014-09-01"}]}"#,
        )
        .unwrap();
        let views = parse("dp.json", &json).unwrap();
        assert_eq!(views[0].by, [Dimension::Month]);
        assert_eq!(views[0].from, Date::parse("2014-09-01").ok());
    }
}
