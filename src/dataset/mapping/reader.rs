//! The reading of a mapping's JSON: its valid words, and the problems of each
//! value at its JSON path.

use serde_json::{Map, Value};

use super::super::cell::{Blank, Grammar, Rounding};
use super::super::Problem;

/// The keys of each object, for the nearest-word hints.
pub(super) const TOP: [&str; 14] = [
    "total_rows",
    "sheet",
    "header_row",
    "when",
    "dimensions",
    "measures",
    "records",
    "cells",
    "shares",
    "ignore",
    "source",
    "authority",
    "region",
    "announced",
];
pub(super) const WHEN: [&str; 7] = ["column", "form", "length", "format", "from", "to", "year"];
pub(super) const FORMS: [&str; 6] = ["date", "month", "year", "period_end", "period", "fixed"];
pub(super) const LENGTHS: [&str; 4] = ["month", "quarter", "half_year", "year"];
pub(super) const DIMENSION: [&str; 3] = ["column", "name", "role"];
pub(super) const ROLES: [&str; 4] = ["region", "category", "entity", "authority"];
pub(super) const MEASURE: [&str; 14] = [
    "rounded",
    "units",
    "bases",
    "column",
    "columns",
    "dimension",
    "value",
    "metric_column",
    "metric",
    "unit",
    "basis",
    "share_of",
    "total_of",
    "cells",
];
pub(super) const RECORDS: [&str; 2] = ["metric", "unit"];
pub(super) const CELLS: [&str; 6] = [
    "blank",
    "missing",
    "thousands",
    "decimal",
    "footnotes",
    "rounding",
];
pub(super) const BASES: [&str; 5] = ["event", "cumulative", "period", "rate", "share"];

/// Reads the problems of one mapping, each at its JSON path.
pub(super) struct Reader<'p> {
    pub(super) file: &'p str,
    pub(super) problems: Vec<Problem>,
}

impl Reader<'_> {
    pub(super) fn problem(&mut self, path: &str, reason: impl Into<String>) {
        self.problems
            .push(Problem::new(self.file, reason).field(path));
    }

    /// `'word' is not one of ...` with the nearest valid word.
    pub(super) fn not_one_of(&mut self, path: &str, word: &str, what: &str, valid: &[&str]) {
        self.problem(path, crate::table::not_one_of(word, what, valid));
    }

    pub(super) fn object<'v>(
        &mut self,
        path: &str,
        v: &'v Value,
        keys: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(obj) = v.as_object() else {
            self.problem(path, "must be an object");
            return None;
        };
        for k in obj.keys() {
            if !keys.contains(&k.as_str()) {
                self.not_one_of(&format!("{path}.{k}"), k, "a key here", keys);
            }
        }
        Some(obj)
    }

    pub(super) fn text(
        &mut self,
        path: &str,
        obj: &Map<String, Value>,
        key: &str,
    ) -> Option<String> {
        match obj.get(key) {
            None => None,
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(_) => {
                self.problem(&format!("{path}.{key}"), "must be a text that is not blank");
                None
            }
        }
    }

    pub(super) fn texts(&mut self, path: &str, obj: &Map<String, Value>, key: &str) -> Vec<String> {
        match obj.get(key) {
            None => Vec::new(),
            Some(Value::String(s)) => vec![s.trim().to_string()],
            Some(Value::Array(a)) if a.iter().all(Value::is_string) => a
                .iter()
                .filter_map(Value::as_str)
                .map(|s| s.trim().to_string())
                .collect(),
            Some(_) => {
                self.problem(
                    &format!("{path}.{key}"),
                    "must be a text or a list of texts",
                );
                Vec::new()
            }
        }
    }

    pub(super) fn word<T>(
        &mut self,
        path: &str,
        obj: &Map<String, Value>,
        key: &str,
        what: &str,
        valid: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let word = self.text(path, obj, key)?;
        let got = parse(&word);
        if got.is_none() {
            self.not_one_of(&format!("{path}.{key}"), &word, what, valid);
        }
        got
    }

    pub(super) fn grammar(&mut self, path: &str, v: &Value, base: &Grammar) -> Grammar {
        let mut g = base.clone();
        let Some(obj) = self.object(path, v, &CELLS) else {
            return g;
        };
        if let Some(b) = self.word(
            path,
            obj,
            "blank",
            "a meaning of blank",
            &Blank::WORDS,
            Blank::parse,
        ) {
            g.blank = b;
        }
        if obj.contains_key("missing") {
            g.missing = self.texts(path, obj, "missing");
        }
        let one_char = |r: &mut Self, key: &str| -> Option<Option<char>> {
            let t = r.text(path, obj, key)?;
            let mut chars = t.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_ascii_digit() => Some(Some(c)),
                _ => {
                    r.problem(
                        &format!("{path}.{key}"),
                        format!("'{t}' must be one character that is not a digit"),
                    );
                    None
                }
            }
        };
        if let Some(c) = one_char(self, "thousands") {
            g.thousands = c;
        }
        if let Some(Some(c)) = one_char(self, "decimal") {
            g.decimal = c;
        }
        if g.thousands == Some(g.decimal) {
            self.problem(
                &format!("{path}.thousands"),
                "the thousands separator and the decimal mark must differ",
            );
        }
        match obj.get("footnotes") {
            None => {}
            Some(Value::Bool(b)) => g.footnotes = *b,
            Some(_) => self.problem(&format!("{path}.footnotes"), "must be true or false"),
        }
        if let Some(r) = self.word(
            path,
            obj,
            "rounding",
            "a rounding",
            &Rounding::WORDS,
            Rounding::parse,
        ) {
            g.rounding = r;
        }
        g
    }
}
