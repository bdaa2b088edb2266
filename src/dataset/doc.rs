//! The typed reading of `datapackage.json`: each `cleanweb:*` extension is a Rust
//! type deserialized with serde (unknown keys refused), and every problem is said at
//! its JSON path with the nearest valid key or word.
//!
//! A [`Part`] is read on its own, so that one wrong view, rule or measure leaves the
//! others read and their problems reported in the same run; serde stops at the first
//! problem inside one part.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::Problem;
use crate::table::not_one_of;

/// A value read on its own: the value, or the first problem serde found in it, with
/// the path inside the part where it stands.
#[derive(Debug)]
pub struct Part<T>(Result<T, Located>);

/// A problem serde found: where inside a part, and serde's message.
#[derive(Debug)]
pub struct Located {
    path: String,
    message: String,
}

/// An optional list of parts each read on its own (`cleanweb:views`, `measures`).
pub type List<T> = Option<Part<Vec<Part<T>>>>;

impl<'de, T: DeserializeOwned> Deserialize<'de> for Part<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Part(typed(Value::deserialize(d)?)))
    }
}

impl<T: DeserializeOwned> Part<T> {
    pub fn from_value(v: Value) -> Self {
        Part(typed(v))
    }
}

/// `v` as a `T`, or serde's first problem with its JSON path.
fn typed<T: DeserializeOwned>(v: Value) -> Result<T, Located> {
    serde_path_to_error::deserialize(v).map_err(|e| Located {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })
}

/// Words a descriptor may use for a value, as the message of a word refused names
/// them: a basis, a chart kind, a meaning of blank.
pub trait Words: Sized {
    /// What a word is, for `'x' is not WHAT`.
    const WHAT: &'static str;
    const WORDS: &'static [&'static str];
    fn parse(word: &str) -> Option<Self>;
}

/// The value of `word` among `words`, the values in the same order.
pub fn pick<T: Copy>(word: &str, words: &[&str], values: &[T]) -> Option<T> {
    words.iter().position(|w| *w == word).map(|i| values[i])
}

/// One of the words of `T`, refused with the nearest valid one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Word<T>(pub T);

impl<'de, T: Words> Deserialize<'de> for Word<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let word = String::deserialize(d)?;
        let word = word.trim();
        T::parse(word)
            .map(Word)
            .ok_or_else(|| de::Error::custom(not_one_of(word, T::WHAT, T::WORDS)))
    }
}

impl Words for super::Basis {
    const WHAT: &'static str = "a basis";
    const WORDS: &'static [&'static str] = &[
        "event",
        "cumulative",
        "period",
        "rate",
        "share",
        "change_previous_period",
        "change_previous_year",
    ];
    fn parse(word: &str) -> Option<Self> {
        Self::parse(word)
    }
}

/// A text that is not blank, trimmed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub struct Text(pub String);

impl TryFrom<String> for Text {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        match s.trim() {
            "" => Err("must be a text that is not blank"),
            t => Ok(Text(t.to_string())),
        }
    }
}

/// A text or a list of texts, each trimmed.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(from = "Many<String>")]
pub struct Texts(pub Vec<String>);

impl From<Many<String>> for Texts {
    fn from(m: Many<String>) -> Self {
        Texts(m.0.iter().map(|t| t.trim().to_string()).collect())
    }
}

/// What a value of a [`Many`] or a [`TextOr`] may be, for the message that refuses
/// another.
pub trait Shape {
    const WHAT: &'static str;
}

impl Shape for String {
    const WHAT: &'static str = "a text or a list of texts";
}

impl<T: Shape> Shape for TextOr<T> {
    const WHAT: &'static str = T::WHAT;
}

/// One value or a list of them, each read at its own path (`unknown[1]`).
pub struct Many<T>(pub Vec<T>);

/// A text, or an object with the keys of `T`: a dimension is its column's name or
/// `{"column": "Country", "role": "region"}`.
pub enum TextOr<T> {
    Text(Text),
    Object(T),
}

impl<'de, T: Deserialize<'de> + Shape> Deserialize<'de> for Many<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Shapes(PhantomData::<Many<T>>, T::WHAT))
    }
}

impl<'de, T: Deserialize<'de> + Shape> Deserialize<'de> for TextOr<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Shapes(PhantomData::<TextOr<T>>, T::WHAT))
    }
}

/// The visitor of a [`Many`] or a [`TextOr`], and what it expects.
struct Shapes<T>(PhantomData<T>, &'static str);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Shapes<Many<T>> {
    type Value = Many<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.1)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Many<T>, E> {
        T::deserialize(StrDeserializer::<E>::new(s)).map(|t| Many(vec![t]))
    }
    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Many<T>, M::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|t| Many(vec![t]))
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Many<T>, S::Error> {
        let mut all = Vec::new();
        while let Some(t) = seq.next_element()? {
            all.push(t);
        }
        Ok(Many(all))
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Shapes<TextOr<T>> {
    type Value = TextOr<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.1)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<TextOr<T>, E> {
        Text::try_from(s.to_string())
            .map(TextOr::Text)
            .map_err(E::custom)
    }
    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<TextOr<T>, M::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(TextOr::Object)
    }
}

/// The problems of one descriptor, each at its JSON path.
pub struct Found<'f> {
    pub file: &'f str,
    pub problems: Vec<Problem>,
}

impl<'f> Found<'f> {
    pub fn new(file: &'f str) -> Self {
        Found {
            file,
            problems: Vec::new(),
        }
    }

    pub fn problem(&mut self, path: &str, reason: impl Into<String>) {
        self.problems
            .push(Problem::new(self.file, reason).field(path));
    }

    /// `'word' is not WHAT (did you mean 'x'?); use ...`.
    pub fn not_one_of(&mut self, path: &str, word: &str, what: &str, valid: &[&str]) {
        self.problem(path, not_one_of(word, what, valid));
    }

    /// The value of the part at `path`, or its problem.
    pub fn part<T>(&mut self, path: &str, part: Part<T>) -> Option<T> {
        part.0
            .map_err(|e| {
                let at = join(path, &e.path);
                let reason = reason(&e.message, &at);
                self.problem(&at, reason)
            })
            .ok()
    }

    /// The value of the part at `path`, or `why` said at `path`.
    pub fn part_or<T>(&mut self, path: &str, part: Part<T>, why: &str) -> Option<T> {
        part.0.map_err(|_| self.problem(path, why)).ok()
    }

    /// Each item of the list at `path`, with its own path, to be read in turn (so
    /// that problems are said in the order of the file).
    pub fn list<T>(&mut self, path: &str, list: List<T>) -> Vec<(String, Part<T>)> {
        let items = list.and_then(|l| self.part(path, l)).unwrap_or_default();
        (items.into_iter().enumerate())
            .map(|(i, item)| (format!("{path}[{i}]"), item))
            .collect()
    }

    /// `t`, unless a problem was found.
    pub fn done<T>(self, t: T) -> Result<T, Vec<Problem>> {
        crate::unless(self.problems, t)
    }
}

/// `inner` (serde's path, `.` for the part itself) under `path`.
fn join(path: &str, inner: &str) -> String {
    match inner {
        "." => path.to_string(),
        _ if path.is_empty() => inner.to_string(),
        _ if inner.starts_with('[') => format!("{path}{inner}"),
        _ => format!("{path}.{inner}"),
    }
}

/// Serde's message in the words of cleanweb's other messages: an unknown key with
/// the nearest valid one, a value of the wrong type with what it must be.
fn reason(message: &str, path: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return not_one_of(key, key_what(path), &valid);
    }
    let wrong = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected "));
    if let Some((got, want)) = wrong {
        return format!("must be {}, not {}", plain(want), plain(got));
    }
    match message.strip_prefix("missing field `") {
        Some(key) => format!("needs '{}'", key.trim_end_matches('`')),
        None => message.to_string(),
    }
}

/// What a key of the object at `path`'s parent is, for the message that refuses one.
fn key_what(path: &str) -> &'static str {
    let parent = path.rsplit_once('.').map_or("", |(p, _)| p);
    let parent = parent.trim_end_matches(|c: char| c == ']' || c == '[' || c.is_ascii_digit());
    match parent.rsplit('.').next().unwrap_or("") {
        "cleanweb:views" => "a key of a view",
        "cleanweb:rules" => "a key of a rule",
        "figure" | "at_most" | "at_least" => "a key of a selection",
        "cleanweb:titles" => "a kind of name",
        "cleanweb:hierarchies" => "a key of a hierarchy",
        "cleanweb:per_item" => "a key of a per-item declaration",
        "cleanweb:mapping" => "a key of a mapping",
        "measures" => "a key of a measure",
        "dimensions" => "a key of a dimension",
        "when" => "a key of 'when'",
        "cells" => "a key of 'cells'",
        "records" => "a key of 'records'",
        "unknown" => "a key of a marker",
        _ => "a key here",
    }
}

/// Serde's name of a JSON type or value in plain words.
fn plain(what: &str) -> String {
    let tick = |s: &str| s.trim_matches('`').to_string();
    match what {
        "a string" => "a text".into(),
        "a sequence" | "sequence" => "a list".into(),
        "a map" | "map" => "an object".into(),
        "a boolean" => "true or false".into(),
        "a JSON number" => "a number".into(),
        "unit value" | "null" => "null".into(),
        "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" => "a whole number".into(),
        w if w.starts_with("struct ") => "an object".into(),
        w => match w.split_once(' ') {
            Some(("string", s)) => format!("the text {s}"),
            Some(("integer" | "boolean", v)) => tick(v),
            Some(("floating", v)) => tick(v.trim_start_matches("point ")),
            _ => w.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Rule {
        name: Text,
        figure: Option<Sel>,
        at_most: Option<u32>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sel {
        metric: String,
    }

    fn shown(json: &str) -> Vec<String> {
        let list: List<Rule> = serde_json::from_str(json).unwrap();
        let mut found = Found::new("dp.json");
        for (path, rule) in found.list("cleanweb:rules", list) {
            found.part(&path, rule);
        }
        found.problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn each_part_is_read_on_its_own_and_named_by_its_path() {
        let shown = shown(
            r#"[{"name": "a", "at_mots": 1}, {"name": " "}, {"name": "c", "figure": {"metirc": "x"}},
                {"name": "d", "at_most": "3"}, {"name": "e", "at_most": -1}, {"name": "f"}]"#,
        );
        assert_eq!(
            shown,
            [
                "dp.json: field 'cleanweb:rules[0].at_mots': 'at_mots' is not a key of a rule (did you mean 'at_most'?); use name, figure, at_most",
                "dp.json: field 'cleanweb:rules[1].name': must be a text that is not blank",
                "dp.json: field 'cleanweb:rules[2].figure.metirc': 'metirc' is not a key of a selection (did you mean 'metric'?); use metric",
                "dp.json: field 'cleanweb:rules[3].at_most': must be a whole number, not the text \"3\"",
                "dp.json: field 'cleanweb:rules[4].at_most': must be a whole number, not -1",
            ]
        );
        assert_eq!(
            super::tests::shown(r#"{"name": "a"}"#),
            ["dp.json: field 'cleanweb:rules': must be a list, not an object"]
        );
    }

    #[test]
    fn texts_are_one_or_many() {
        let t: Texts = serde_json::from_str(r#"[" a ", "b"]"#).unwrap();
        assert_eq!(t.0, ["a", "b"]);
        let t: Texts = serde_json::from_str(r#""a""#).unwrap();
        assert_eq!(t.0, ["a"]);
        assert!(serde_json::from_str::<Texts>("[1]").is_err());
    }
}
