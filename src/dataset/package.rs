//! The parts of a Frictionless `datapackage.json` the tool reads: name, title,
//! sources, and for each resource its path and the `enum` constraints of its fields
//! (the dataset's vocabulary).

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;

use super::doc::{Found, List, Part};
use super::{Basis, Dimension, Problem, Qualifier, Source, Vocabulary, DEFAULT_UNITS};
use crate::words::Lang;

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
    pub automatic: super::views::Automatic,
    pub titles: Titles,
    pub rules: Vec<super::declared::Rule>,
    pub per_item: Vec<super::per_item::Declared>,
    pub hierarchies: Vec<super::hierarchy::Hierarchy>,
}

/// The parts of `datapackage.json` the tool reads. A Frictionless package may hold
/// other keys (licenses, keywords, ...): only a `cleanweb:` key the tool does not know
/// is refused ([`EXTENSIONS`]).
#[derive(Deserialize)]
struct PackageDoc {
    name: Option<Part<String>>,
    title: Option<Part<String>>,
    sources: Option<Part<Vec<SourceDoc>>>,
    resources: List<ResourceDoc>,
    #[serde(rename = "cleanweb:views")]
    views: List<super::views::ViewDoc>,
    #[serde(rename = "cleanweb:titles")]
    titles: Option<Part<TitlesDoc>>,
    #[serde(rename = "cleanweb:rules")]
    rules: List<super::declared::RuleDoc>,
    #[serde(rename = "cleanweb:per_item")]
    per_item: List<super::per_item::DeclaredDoc>,
    #[serde(rename = "cleanweb:hierarchies")]
    hierarchies: List<super::hierarchy::HierarchyDoc>,
}

/// The `cleanweb:` keys of a package, and of a resource.
const EXTENSIONS: [&str; 5] = [
    "cleanweb:views",
    "cleanweb:titles",
    "cleanweb:rules",
    "cleanweb:per_item",
    "cleanweb:hierarchies",
];
const RESOURCE_EXTENSIONS: [&str; 1] = ["cleanweb:mapping"];

#[derive(Deserialize, Default)]
#[serde(default)]
struct SourceDoc {
    name: String,
    title: String,
    path: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ResourceDoc {
    name: String,
    path: Option<Part<String>>,
    hash: Option<Part<String>>,
    schema: Option<Part<SchemaDoc>>,
    #[serde(rename = "cleanweb:mapping")]
    mapping: Option<Part<super::mapping::MappingDoc>>,
}

#[derive(Deserialize)]
struct SchemaDoc {
    #[serde(default)]
    fields: Vec<FieldDoc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FieldDoc {
    name: String,
    constraints: Option<ConstraintsDoc>,
}

#[derive(Deserialize)]
struct ConstraintsDoc {
    /// Values of any JSON type: a Frictionless `enum` of an integer field holds
    /// numbers; the vocabulary is the texts.
    #[serde(rename = "enum")]
    values: Option<Vec<serde_json::Value>>,
}

/// Names by language (`{"en": "Fraud", "zh": "网络诈骗"}`).
type Names = BTreeMap<String, String>;
/// Each key's names by language.
type KeyNames = Option<Part<BTreeMap<String, Part<Names>>>>;

/// `cleanweb:titles`: the names a package gives, by kind.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitlesDoc {
    dataset: Option<Part<Names>>,
    dimension: KeyNames,
    metric: KeyNames,
    category: KeyNames,
    region: KeyNames,
    authority: KeyNames,
    entity: KeyNames,
}

const NAMES: &str =
    "must map languages to names, such as {\"en\": \"Fraud\", \"zh\": \"网络诈骗\"}";

impl TitlesDoc {
    fn read(self, found: &mut Found) -> Titles {
        let mut t = Titles::default();
        let path = "cleanweb:titles";
        if let Some(names) = self.dataset {
            if let Some(names) = found.part_or(&format!("{path}.dataset"), names, NAMES) {
                t.insert("dataset", "", names);
            }
        }
        let kinds = [
            ("dimension", self.dimension),
            ("metric", self.metric),
            ("category", self.category),
            ("region", self.region),
            ("authority", self.authority),
            ("entity", self.entity),
        ];
        for (kind, keys) in kinds {
            let at = format!("{path}.{kind}");
            let keys = keys.and_then(|k| found.part_or(&at, k, "must map keys to their names"));
            for (key, names) in keys.into_iter().flatten() {
                if let Some(names) = found.part_or(&format!("{at}.{key}"), names, NAMES) {
                    t.insert(kind, &key, names);
                }
            }
        }
        t
    }
}

/// Parses the descriptor; every problem names `file` and its JSON path, or for
/// JSON syntax errors, the line and column.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Descriptor, Vec<Problem>> {
    let json = super::json::parse(file, bytes).map_err(|p| vec![p])?;
    let mut found = Found::new(file);
    unknown_extensions(&mut found, "", &json, &EXTENSIONS);
    let resources = json.get("resources").and_then(Value::as_array);
    for (i, r) in resources.into_iter().flatten().enumerate() {
        unknown_extensions(
            &mut found,
            &format!("resources[{i}]."),
            r,
            &RESOURCE_EXTENSIONS,
        );
    }
    let Some(doc) = found.part_or::<PackageDoc>(
        "",
        Part::from_value(json),
        "must be an object: a data package",
    ) else {
        return Err(found.problems);
    };
    let mut text = |path: &str, part: Option<Part<String>>| {
        part.and_then(|p| found.part(path, p)).unwrap_or_default()
    };
    let mut d = Descriptor {
        name: text("name", doc.name),
        title: text("title", doc.title),
        ..Descriptor::default()
    };
    (d.views, d.automatic) = super::views::parse(&mut found, doc.views);
    d.titles = doc
        .titles
        .and_then(|t| found.part("cleanweb:titles", t))
        .map(|t| t.read(&mut found))
        .unwrap_or_default();
    d.rules = super::declared::parse(&mut found, doc.rules);
    d.per_item = super::per_item::parse(&mut found, doc.per_item);
    d.hierarchies = super::hierarchy::parse(&mut found, doc.hierarchies);
    let sources = doc.sources.and_then(|s| found.part("sources", s));
    d.sources = (sources.into_iter().flatten())
        .map(|s| Source {
            name: s.name,
            title: s.title,
            path: s.path,
        })
        .collect();
    if doc.resources.is_none() {
        found.problem(
            "resources",
            "no 'resources' array: a data package lists its tables there",
        );
    }
    for (path, r) in found.list("resources", doc.resources) {
        let Some(r) = found.part(&path, r) else {
            continue;
        };
        if let Some(res) = resource(&mut found, &path, r) {
            d.resources.push(res);
        }
    }
    found.done(d)
}

/// A `cleanweb:` key of the object `v` (at `path`) that is none of `known`.
fn unknown_extensions(found: &mut Found, path: &str, v: &Value, known: &[&str]) {
    let keys = v.as_object().into_iter().flat_map(|o| o.keys());
    for key in keys.filter(|k| k.starts_with("cleanweb:") && !known.contains(&k.as_str())) {
        found.not_one_of(&format!("{path}{key}"), key, "a key cleanweb reads", known);
    }
}

/// One resource of the package, at `path` (`resources[0]`).
fn resource(found: &mut Found, path: &str, r: ResourceDoc) -> Option<Resource> {
    let label = if r.name.is_empty() { path } else { &r.name };
    let need = format!("resource '{label}' needs a single 'path' string");
    let Some(file) = r.path else {
        found.problem(&format!("{path}.path"), need);
        return None;
    };
    let file = found.part_or(&format!("{path}.path"), file, &need)?;
    if file.starts_with('/')
        || file.split(['/', '\\']).any(|part| part == "..")
        || file.contains("://")
    {
        found.problem(
            &format!("{path}.path"),
            format!("resource '{label}': path '{file}' must be relative and stay inside the package folder"),
        );
        return None;
    }
    let mapping = match r.mapping {
        None => None,
        Some(m) => {
            let at = format!("{path}.cleanweb:mapping");
            let m = found.part(&at, m)?;
            Some(super::mapping::parse(found, &at, m)?)
        }
    };
    let hash = r.hash.and_then(|h| found.part(&format!("{path}.hash"), h));
    let hash = match hash {
        Some(h) if h.len() == 71 && h.starts_with("sha256:") => {
            Some(h["sha256:".len()..].to_ascii_lowercase())
        }
        None => None,
        Some(_) => {
            found.problem(
                &format!("{path}.hash"),
                "must be 'sha256:' and the 64 hexadecimal digits of the file's SHA-256",
            );
            None
        }
    };
    let schema = r.schema.and_then(|s| {
        found.part_or(&format!("{path}.schema"), s, "must be the table schema itself, an object with 'fields' (cleanweb reads no schema from another file)")
    });
    let mut res = Resource {
        name: r.name,
        path: file,
        fields: Vec::new(),
        enums: Vec::new(),
        mapping,
        hash,
    };
    for f in schema.into_iter().flat_map(|s| s.fields) {
        if let Some(values) = f.constraints.and_then(|c| c.values) {
            let values = values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            res.enums.push((f.name.clone(), values));
        }
        res.fields.push(f.name);
    }
    Some(res)
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
                            Problem::new(
                                file,
                                format!(
                                    "basis '{word}' in the enum is not one the tool knows ({})",
                                    Basis::words()
                                ),
                            )
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
    fn titles_are_read_and_mistakes_named() {
        let json = r#"{"resources": [], "cleanweb:titles": {"metric": {"arrests": {"en": "Arrests", "zh": "抓获人数"}}, "dataset": {"zh": "示例"}}}"#;
        let t = parse("dp.json", json.as_bytes()).unwrap().titles;
        let lang = |code: &str| crate::words::Lang::parse(code).unwrap();
        assert_eq!(t.get("metric", "arrests", lang("zh")), Some("抓获人数"));
        assert_eq!(t.get("dataset", "", lang("zh")), Some("示例"));
        assert_eq!(t.get("dataset", "", lang("en")), None);
        let json =
            br#"{"resources": [], "cleanweb:titles": {"metrics": {}, "region": {"x": ["y"]}}}"#;
        let p = parse("dp.json", json).unwrap_err();
        assert!(p[0].to_string().contains("field 'cleanweb:titles.metrics': 'metrics' is not a kind of name (did you mean 'metric'?)"), "{}", p[0]);
        let json = br#"{"resources": [], "cleanweb:titles": {"region": {"x": ["y"]}}, "cleanweb:veiws": []}"#;
        let shown: Vec<String> = parse("dp.json", json)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(shown, [
            "dp.json: field 'cleanweb:veiws': 'cleanweb:veiws' is not a key cleanweb reads (did you mean 'cleanweb:views'?); use cleanweb:views, cleanweb:titles, cleanweb:rules, cleanweb:per_item, cleanweb:hierarchies",
            "dp.json: field 'cleanweb:titles.region.x': must map languages to names, such as {\"en\": \"Fraud\", \"zh\": \"网络诈骗\"}",
        ]);
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

/// The names a package gives, by kind (`dataset`, `dimension`, `metric`, `category`,
/// `region`, `authority`, `entity`), key and language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Titles {
    /// (kind, key) -> language -> name; the dataset's key is "".
    names: BTreeMap<(String, String), BTreeMap<String, String>>,
}

impl Titles {
    /// The names of `key` of `kind` by language (`cleanweb:titles`); the dataset's
    /// key is "".
    pub fn insert(&mut self, kind: &str, key: &str, names: BTreeMap<String, String>) {
        self.names
            .insert((kind.to_string(), key.to_string()), names);
    }

    /// The name of `key` of `kind` in `lang`, when the package gives one.
    pub fn get(&self, kind: &str, key: &str, lang: Lang) -> Option<&str> {
        self.names
            .get(&(kind.to_string(), key.to_string()))
            .and_then(|n| n.get(lang.code()))
            .map(String::as_str)
    }

    /// The name of a key of a dimension, when the package gives one.
    pub fn of_key(&self, dim: Dimension, key: &str, lang: Lang) -> Option<&str> {
        match dim {
            Dimension::Month | Dimension::Period | Dimension::Named(_) => None,
            d => self.get(d.as_str(), key, lang),
        }
    }
}
