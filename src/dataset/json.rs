//! `datapackage.json` read strictly: UTF-8 (a byte-order mark allowed), and no key
//! twice in one object. JSON readers disagree on a repeated key (most keep the last,
//! some the first), so a package that repeats one means one thing to cleanweb and
//! another to the next tool: a second `resources` would silently drop the first.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::Problem;

/// The JSON value of `bytes`, or the problem, with its line and column.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Value, Problem> {
    if let Some(enc) = wide_encoding(bytes) {
        return Err(Problem::new(
            file,
            format!(
                "is {enc}, not UTF-8: save it as UTF-8 (most editors offer it under 'Save as')"
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Strict
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|_| v))
        .map_err(|e| {
            // serde_json ends its message with the place, which the problem gives.
            let shown = e.to_string();
            let shown = shown
                .rfind(" at line ")
                .map_or(shown.as_str(), |i| &shown[..i]);
            let why = if e.is_data() {
                shown.to_string()
            } else {
                format!("not valid JSON: {shown}")
            };
            Problem::new(file, why).at(e.line() as u64, e.column())
        })?;
    Ok(value)
}

/// UTF-16 or UTF-32, by a byte-order mark or by the NUL bytes that ASCII text has
/// in those encodings.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32"),
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Some("UTF-16"),
        [0, 0, 0, _, ..] | [_, 0, 0, 0, ..] => Some("UTF-32"),
        [0, _, ..] | [_, 0, ..] => Some("UTF-16"),
        _ => None,
    }
}

/// A JSON value whose objects may not repeat a key.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(Strict)? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut seen = HashSet::new();
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format_args!(
                    "the key \"{}\" appears twice in one object; JSON readers differ on which one counts, so remove one",
                    key.escape_default()
                )));
            }
            let v = map.next_value_seed(Strict)?;
            object.insert(key, v);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_named_with_its_place() {
        let p = parse(
            "dp.json",
            b"{\"a\": 1,\n \"resources\": [],\n \"resources\": [1]}",
        )
        .unwrap_err();
        let shown = p.to_string();
        assert!(
            shown.contains("the key \"resources\" appears twice"),
            "{shown}"
        );
        assert!(shown.starts_with("dp.json:3:"), "{shown}");
    }

    #[test]
    fn nested_repeats_are_found_and_different_objects_may_share_keys() {
        assert!(parse("d", br#"{"a": [{"x": 1, "x": 2}]}"#).is_err());
        let v = parse("d", br#"{"a": [{"x": 1}, {"x": 2}], "b": {"x": 3}}"#).unwrap();
        assert_eq!(v["b"]["x"], 3);
    }

    #[test]
    fn a_byte_order_mark_is_read_and_utf16_is_named() {
        assert_eq!(parse("d", b"\xEF\xBB\xBF{\"a\": 1}").unwrap()["a"], 1);
        let utf16: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let shown = parse("d", &utf16).unwrap_err().to_string();
        assert!(shown.contains("is UTF-16, not UTF-8"), "{shown}");
        let mut marked = vec![0xFF, 0xFE];
        marked.extend(&utf16);
        assert!(parse("d", &marked)
            .unwrap_err()
            .to_string()
            .contains("UTF-16"));
    }
}
