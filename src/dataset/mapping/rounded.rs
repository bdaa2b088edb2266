//! A measure's `"rounded"` as `datapackage.json` writes it: `{"to": 1000}`,
//! `{"significant": 2}`, or for a long measure one of those by metric
//! (`{"Content Actioned": {"significant": 2}}`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::super::doc::{Found, Part};
use super::{snake, Rounded};

/// `"rounded"`: one rounding, or a long measure's by metric.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RoundedDoc {
    One(RoundingDoc),
    ByMetric(BTreeMap<String, Part<RoundingDoc>>),
}

/// `{"to": 1000}` or `{"significant": 2}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RoundingDoc {
    to: Option<u64>,
    significant: Option<u64>,
}

const HOW: &str = "say how the counts are rounded: {\"to\": 1000} (to a multiple, here thousands) or {\"significant\": 2} (to 2 significant digits)";

/// The rounding of the measure at `p` (a `long` one may round each metric its own
/// way): one rounding, or one by metric (each under the metric's snake name).
pub(super) fn read(
    found: &mut Found,
    p: &str,
    doc: Part<RoundedDoc>,
    long: bool,
) -> (Option<Rounded>, Vec<(String, Rounded)>) {
    let by = match found.part_or(p, doc, HOW) {
        Some(RoundedDoc::One(r)) => return (one(found, p, r), Vec::new()),
        Some(RoundedDoc::ByMetric(by))
            if long && !by.contains_key("to") && !by.contains_key("significant") =>
        {
            by
        }
        Some(RoundedDoc::ByMetric(_)) => {
            found.problem(p, HOW);
            return (None, Vec::new());
        }
        None => return (None, Vec::new()),
    };
    let each = by.into_iter().filter_map(|(metric, r)| {
        let at = format!("{p}.{metric}");
        let r = found.part_or(&at, r, HOW)?;
        Some((snake(&metric), one(found, &at, r)?))
    });
    (None, each.collect())
}

/// One rounding at `p`, or its problem.
fn one(found: &mut Found, p: &str, r: RoundingDoc) -> Option<Rounded> {
    let got = match (r.to, r.significant) {
        (Some(to), None) => (to >= 1).then_some(Rounded::To(to)),
        (None, Some(n)) => u32::try_from(n)
            .ok()
            .filter(|n| (1..=18).contains(n))
            .map(Rounded::Significant),
        _ => None,
    };
    if got.is_none() {
        found.problem(p, HOW);
    }
    got
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The roundings read and the paths of the problems.
    fn read_at(json: &str, long: bool) -> (Option<Rounded>, Vec<(String, Rounded)>, Vec<String>) {
        let mut found = Found::new("dp.json");
        let (one, by) = read(&mut found, "m", serde_json::from_str(json).unwrap(), long);
        let paths = found.problems.iter().map(|p| p.to_string()).collect();
        (one, by, paths)
    }

    #[test]
    fn one_rounding_or_one_by_metric_and_each_problem_at_its_path() {
        assert_eq!(read_at(r#"{"to": 1000}"#, false).0, Some(Rounded::To(1000)));
        let (_, by, none) = read_at(r#"{"Content Cut": {"significant": 2}}"#, true);
        assert_eq!(
            (by, none.len()),
            (vec![("content_cut".into(), Rounded::Significant(2))], 0)
        );
        for (json, long, at) in [
            (r#"{"to": 0}"#, true, "'m'"),
            (r#""thousands""#, true, "'m'"),
            (r#"{"to": 5, "A": {"to": 1}}"#, true, "'m'"),
            (r#"{"A": {"to": 1}}"#, false, "'m'"),
            (
                r#"{"A": {"to": 1}, "B": {"significant": 40}}"#,
                true,
                "'m.B'",
            ),
            (r#"{"A": {"to": "x"}}"#, true, "'m.A'"),
        ] {
            let shown = read_at(json, long).2;
            assert_eq!(shown.len(), 1, "{json}: {shown:?}");
            assert!(
                shown[0].starts_with(&format!("dp.json: field {at}: say how")),
                "{json}: {shown:?}"
            );
        }
    }
}
