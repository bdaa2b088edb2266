//! The parts of a Frictionless `datapackage.json` the tool reads: name, title,
//! sources, and for each resource its path and the `enum` constraints of its fields
//! (the dataset's vocabulary).

use std::collections::BTreeSet;

use serde_json::Value;

use super::{Basis, Problem, Qualifier, Source, Vocabulary, DEFAULT_UNITS};

/// One resource of the package.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub name: String,
    pub path: String,
    pub fields: Vec<String>,
    /// `(field, allowed values)` for every field with an `enum` constraint.
    pub enums: Vec<(String, Vec<String>)>,
    /// A table in its own shape: how its columns become figures.
    pub mapping: Option<super::mapping::Mapping>,
    /// The `sha256:` digest the package declares for the file (Frictionless `hash`).
    pub hash: Option<String>,
}

impl Resource {
    fn enum_of(&self, field: &str) -> Option<&[String]> {
        self.enums
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.as_slice())
    }

    /// An observation table has a `value` field; `relations` has `total_id`.
    pub fn is_observations(&self) -> bool {
        self.mapping.is_none() && self.fields.iter().any(|f| f == "value")
    }

    /// A table in its own shape, read through its mapping.
    pub fn is_mapped(&self) -> bool {
        self.mapping.is_some()
    }

    pub fn is_relations(&self) -> bool {
        self.fields.iter().any(|f| f == "total_id")
    }
}

/// What `datapackage.json` says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Descriptor {
    pub name: String,
    pub title: String,
    pub sources: Vec<Source>,
    pub resources: Vec<Resource>,
    pub views: Vec<super::views::View>,
    pub titles: crate::words::Titles,
    pub rules: Vec<super::declared::Rule>,
    pub per_item: Vec<super::per_item::Declared>,
    pub hierarchies: Vec<super::hierarchy::Hierarchy>,
}

/// Parses the descriptor; every problem names `file` and, for JSON syntax errors,
/// the line and column.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Descriptor, Vec<Problem>> {
    let json: Value = super::json::parse(file, bytes).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_string();
    let mut d = Descriptor {
        name: text(&json, "name"),
        title: text(&json, "title"),
        ..Descriptor::default()
    };
    match super::views::parse(file, &json) {
        Ok(views) => d.views = views,
        Err(mut ps) => problems.append(&mut ps),
    }
    match crate::words::Titles::parse(file, &json) {
        Ok(t) => d.titles = t,
        Err(mut ps) => problems.append(&mut ps),
    }
    match super::declared::parse(file, &json) {
        Ok(r) => d.rules = r,
        Err(mut ps) => problems.append(&mut ps),
    }
    match super::per_item::parse(file, &json) {
        Ok(p) => d.per_item = p,
        Err(mut ps) => problems.append(&mut ps),
    }
    match super::hierarchy::parse(file, &json) {
        Ok(h) => d.hierarchies = h,
        Err(mut ps) => problems.append(&mut ps),
    }
    if let Some(sources) = json.get("sources").and_then(Value::as_array) {
        for s in sources {
            d.sources.push(Source {
                name: text(s, "name"),
                title: text(s, "title"),
                path: text(s, "path"),
            });
        }
    }
    let Some(resources) = json.get("resources").and_then(Value::as_array) else {
        return Err(vec![Problem::new(
            file,
            "no 'resources' array: a data package lists its tables there",
        )
        .field("resources")]);
    };
    for (i, r) in resources.iter().enumerate() {
        let name = text(r, "name");
        let label = if name.is_empty() {
            format!("resources[{i}]")
        } else {
            name.clone()
        };
        let path = match r.get("path") {
            Some(Value::String(p)) => p.clone(),
            _ => {
                problems.push(
                    Problem::new(
                        file,
                        format!("resource '{label}' needs a single 'path' string"),
                    )
                    .field("path"),
                );
                continue;
            }
        };
        if path.starts_with('/')
            || path.split(['/', '\\']).any(|part| part == "..")
            || path.contains("://")
        {
            problems.push(
                Problem::new(
                    file,
                    format!("resource '{label}': path '{path}' must be relative and stay inside the package folder"),
                )
                .field("path"),
            );
            continue;
        }
        let mapping = match r.get("cleanweb:mapping") {
            None => None,
            Some(m) => {
                match super::mapping::parse(file, &format!("resources[{i}].cleanweb:mapping"), m) {
                    Ok(m) => Some(m),
                    Err(mut ps) => {
                        problems.append(&mut ps);
                        continue;
                    }
                }
            }
        };
        let hash = match r.get("hash") {
            None => None,
            Some(Value::String(h)) if h.len() == 71 && h.starts_with("sha256:") => {
                Some(h["sha256:".len()..].to_ascii_lowercase())
            }
            Some(_) => {
                problems.push(
                    Problem::new(
                        file,
                        "must be 'sha256:' and the 64 hexadecimal digits of the file's SHA-256",
                    )
                    .field(&format!("resources[{i}].hash")),
                );
                None
            }
        };
        let mut res = Resource {
            name,
            path,
            fields: Vec::new(),
            enums: Vec::new(),
            mapping,
            hash,
        };
        let fields = r
            .get("schema")
            .and_then(|s| s.get("fields"))
            .and_then(Value::as_array);
        for f in fields.into_iter().flatten() {
            let fname = text(f, "name");
            if let Some(values) = f
                .get("constraints")
                .and_then(|c| c.get("enum"))
                .and_then(Value::as_array)
            {
                let values = values
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect();
                res.enums.push((fname.clone(), values));
            }
            res.fields.push(fname);
        }
        d.resources.push(res);
    }
    crate::unless(problems, d)
}

impl Descriptor {
    /// The vocabulary the observation resources declare; where a resource declares no
    /// `enum` for a column, the open vocabulary's words apply.
    pub fn vocabulary(&self, file: &str) -> Result<Vocabulary, Vec<Problem>> {
        let mut vocab = Vocabulary::open();
        let mut problems = Vec::new();
        let mut metrics: Option<BTreeSet<String>> = None;
        for r in self.resources.iter().filter(|r| r.is_observations()) {
            if let Some(m) = r.enum_of("metric") {
                metrics
                    .get_or_insert_with(BTreeSet::new)
                    .extend(m.iter().cloned());
            }
            if let Some(u) = r.enum_of("unit") {
                vocab.units = u.iter().cloned().collect();
            }
            if let Some(q) = r.enum_of("qualifier") {
                vocab.qualifiers.clear();
                for word in q {
                    match Qualifier::parse(word) {
                        Some(q) => {
                            vocab.qualifiers.insert(q);
                        }
                        None => problems.push(
                            Problem::new(file, format!("qualifier '{word}' in the enum is not one the tool knows (exact, at_least, at_most, approx, range)"))
                                .field("qualifier"),
                        ),
                    }
                }
            }
            if let Some(b) = r.enum_of("basis") {
                vocab.bases.clear();
                for word in b {
                    match Basis::parse(word) {
                        Some(b) => {
                            vocab.bases.insert(b);
                        }
                        None => problems.push(
                            Problem::new(file, format!("basis '{word}' in the enum is not one the tool knows (event, cumulative, period, rate, share)"))
                                .field("basis"),
                        ),
                    }
                }
            }
        }
        vocab.metrics = metrics;
        if vocab.units.is_empty() {
            vocab.units = DEFAULT_UNITS.iter().map(|u| u.to_string()).collect();
        }
        crate::unless(problems, vocab)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_syntax_errors_have_positions() {
        let err = parse("datapackage.json", b"{\n  \"name\": ,\n}").unwrap_err();
        assert!(
            err[0]
                .to_string()
                .starts_with("datapackage.json:2:11: not valid JSON"),
            "{}",
            err[0]
        );
    }

    #[test]
    fn paths_may_not_leave_the_package() {
        let json = br#"{"resources":[{"name":"o","path":"../secret.csv"}]}"#;
        let err = parse("dp.json", json).unwrap_err();
        assert!(err[0].reason.contains("must be relative"), "{}", err[0]);
    }

    #[test]
    fn vocabulary_from_enums() {
        let json = br#"{"name":"x","resources":[{"name":"o","path":"o.csv","schema":{"fields":[
            {"name":"value"},{"name":"metric","constraints":{"enum":["arrests"]}},
            {"name":"unit","constraints":{"enum":["count"]}}]}}]}"#;
        let d = parse("dp.json", json).unwrap();
        let v = d.vocabulary("dp.json").unwrap();
        assert_eq!(
            v.metrics.unwrap().into_iter().collect::<Vec<_>>(),
            ["arrests"]
        );
        assert_eq!(v.units.into_iter().collect::<Vec<_>>(), ["count"]);
    }
}
