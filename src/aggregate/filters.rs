//! The values a question names (`--where KEY=VALUE`, `--region`, `--category`),
//! checked against the data before anything is summed: a value no figure has is a
//! refusal that names the nearest values, so that a misspelt country is never read
//! as an empty answer. Values match exactly; one that differs only in case or
//! accents is suggested, never taken in its place.

use std::collections::BTreeSet;

use super::{AggregateError, Query};
use crate::dataset::{Dataset, Dimension};

/// Letters with accents, and the letters they are folded to for nearness.
const ACCENTED: &str = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳøđłħıŧ";
const PLAIN: &str = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooyodlhit";

/// Most values a refusal lists when none is near.
const MAX_LISTED: usize = 12;

/// A value folded for comparison: lower case, without accents.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match ACCENTED.chars().position(|a| a == c) {
            Some(i) => PLAIN.as_bytes()[i] as char,
            None => c,
        })
        .collect()
}

/// The values of `values` nearest to `asked`: those equal to it without case and
/// accents, else the closest few (normalised Damerau-Levenshtein on the folded
/// text, at least 0.5, or one contains the other).
pub fn nearest<'a>(asked: &str, values: &'a BTreeSet<String>) -> Vec<&'a str> {
    let a = fold(asked);
    let same: Vec<&str> = values
        .iter()
        .filter(|v| fold(v) == a)
        .map(String::as_str)
        .collect();
    if !same.is_empty() {
        return same;
    }
    let mut scored: Vec<(f64, &str)> = values
        .iter()
        .filter_map(|v| {
            let f = fold(v);
            let score = strsim::normalized_damerau_levenshtein(&a, &f);
            let inside =
                a.chars().count() >= 3 && !f.is_empty() && (f.contains(&a) || a.contains(&f));
            (score >= 0.5 || inside).then_some((score, v.as_str()))
        })
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    scored.into_iter().take(3).map(|(_, v)| v).collect()
}

/// The refusal of a value no figure has.
fn absent(option: &str, key: &str, asked: &str, values: &BTreeSet<String>) -> AggregateError {
    let near = nearest(asked, values);
    let quoted = |v: &[&str]| {
        v.iter()
            .map(|x| format!("'{x}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let hint = if !near.is_empty() {
        format!("; did you mean {}?", quoted(&near))
    } else if values.is_empty() {
        format!("; no figure has a {key}")
    } else {
        let shown: Vec<&str> = values.iter().take(MAX_LISTED).map(String::as_str).collect();
        let more = values.len() - shown.len();
        format!(
            "; the values are {}{}",
            quoted(&shown),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        )
    };
    AggregateError::Refused(format!("{option}: no {key} is '{asked}'{hint}"))
}

/// The values a question names: (option as written, key, value).
pub fn asked(q: &Query) -> Vec<(String, Dimension, &str)> {
    let mut asked: Vec<(String, Dimension, &str)> = Vec::new();
    if let Some(r) = &q.region {
        asked.push((format!("--region {r}"), Dimension::Region, r));
    }
    if let Some(c) = &q.category {
        asked.push((format!("--category {c}"), Dimension::Category, c));
    }
    for (d, v) in &q.filters {
        let key = d.label(&q.names);
        asked.push((format!("--where {key}={v}"), *d, v));
    }
    asked
}

/// Refuses the value `asked` names (`option`) when `values`, every value of its key
/// in the data, does not hold it.
pub fn refuse_absent(
    q: &Query,
    (option, d, v): &(String, Dimension, &str),
    values: &BTreeSet<String>,
) -> Result<(), AggregateError> {
    if values.contains(*v) {
        return Ok(());
    }
    Err(absent(option, d.label(&q.names), v, values))
}

/// Refuses a question that names a value no figure of `ds` has.
pub(super) fn check(ds: &Dataset, q: &Query) -> Result<(), AggregateError> {
    for a in asked(q) {
        let d = a.1;
        let values: BTreeSet<String> = ds
            .observations
            .iter()
            .map(|o| o.key(d))
            .filter(|k| !k.is_empty() || matches!(d, Dimension::Category | Dimension::Entity))
            .collect();
        refuse_absent(q, &a, &values)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn accents_and_case_fold() {
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("ŁÓDŹ"), "lodz");
        assert_eq!(fold("Côte d'Ivoire"), "cote d'ivoire");
    }

    #[test]
    fn a_value_in_another_case_or_spelling_is_suggested() {
        let values = set(&["Russia", "Türkiye", "Germany", "France"]);
        assert_eq!(nearest("russia", &values), ["Russia"]);
        assert_eq!(nearest("Turkey", &values), ["Türkiye"]);
        assert_eq!(nearest("turkiye", &values), ["Türkiye"]);
        assert!(nearest("Brazil", &values).is_empty());
    }

    #[test]
    fn the_refusal_names_the_option_and_the_values() {
        let values = set(&["2019-H1", "2019-H2"]);
        let e = absent("--where period=2024H2", "period", "2024H2", &values).to_string();
        assert!(
            e.starts_with("--where period=2024H2: no period is '2024H2'"),
            "{e}"
        );
        assert!(e.contains("'2019-H2'"), "{e}");
        let e = absent("--region X", "region", "Atlantis", &set(&["Beijing"])).to_string();
        assert_eq!(
            e,
            "--region X: no region is 'Atlantis'; the values are 'Beijing'"
        );
    }
}
