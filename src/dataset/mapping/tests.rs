use super::*;
use serde_json::Value;

fn problems(json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json).unwrap();
    match parse_json("dp.json", "resources[0].cleanweb:mapping", v) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn a_wide_half_year_mapping_reads() {
    let v: Value = serde_json::from_str(
        r#"{"when": {"column": "Period Ending", "form": "period_end", "length": "half_year"},
            "dimensions": [{"column": "Country", "role": "region"}, "Requester"],
            "measures": [{"column": "Requests", "metric": "removal_requests"},
                         {"column": "Items", "metric": "items_named"},
                         {"column": "Removed (%)", "metric": "items_removed", "share_of": "Items"}],
            "cells": {"blank": "zero", "thousands": ","}}"#,
    )
    .unwrap();
    let m = parse_json("dp.json", "m", v).unwrap();
    assert_eq!(m.dimensions[1].name, "requester");
    assert_eq!(m.measures[2].unit, "percent");
    assert_eq!(m.measures[2].basis, Basis::Share);
    assert_eq!(m.measures[0].basis, Basis::Period);
    assert_eq!(m.measures[0].grammar.thousands, Some(','));
    assert_eq!(m.columns()[0], "Period Ending");
}

#[test]
fn a_marker_or_a_dimension_of_the_wrong_shape_is_named_by_its_path() {
    let shown = problems(
        r#"{"when": {"column": "P", "form": "period"}, "dimensions": ["C", 5],
            "measures": [{"column": "A", "metric": "a"}],
            "cells": {"unknown": ["*", {"marker": "x", "at_lest": 1}, {"marker": "y", "at_least": "ten"}]}}"#,
    );
    assert_eq!(
        shown,
        [
            "dp.json: field 'resources[0].cleanweb:mapping.cells.unknown[1].at_lest': 'at_lest' is not a key of a marker (did you mean 'at_least'?); use marker, at_least",
            "dp.json: field 'resources[0].cleanweb:mapping.dimensions[1]': must be a column's name or an object, not 5",
        ]
    );
    let shown = problems(
        r#"{"when": {"column": "P", "form": "period"}, "measures": [{"column": "A", "metric": "a"}],
            "cells": {"unknown": [" ", {"marker": "y", "at_least": "ten"}]}}"#,
    );
    assert_eq!(
        shown,
        ["dp.json: field 'resources[0].cleanweb:mapping.cells.unknown[0]': must be a text that is not blank"]
    );
    let shown = problems(
        r#"{"when": {"column": "P", "form": "period"}, "measures": [{"column": "A", "metric": "a"}],
            "cells": {"unknown": {"marker": "y", "at_least": "ten"}}}"#,
    );
    assert_eq!(
        shown,
        ["dp.json: field 'resources[0].cleanweb:mapping.cells.unknown.at_least': must be a number, not the text \"ten\""]
    );
}

#[test]
fn mistakes_are_named_by_path_with_the_nearest_word() {
    let shown = problems(
        r#"{"when": {"column": "P", "form": "period_end", "length": "half_yaer"},
            "measures": [{"column": "A", "metric": "a", "unti": "count"},
                         {"column": "B", "metric": "b", "share_of": "C"}],
            "cells": {"blank": "zeros"}}"#,
    );
    let all = shown.join("\n");
    assert!(all.contains("'resources[0].cleanweb:mapping.when.length': 'half_yaer' is not a period length (did you mean 'half_year'?)"), "{all}");
    assert!(
        all.contains("measures[0].unti': 'unti' is not a key of a measure (did you mean 'unit'?)"),
        "{all}"
    );
    assert!(
        all.contains("measures[1].share_of': 'C' is not a count column"),
        "{all}"
    );
    assert!(
        all.contains("cells.blank': 'zeros' is not a meaning of blank (did you mean 'zero'?)"),
        "{all}"
    );
    assert!(problems(r#"{"when": {"column": "D", "form": "date"}}"#)[0]
        .contains("declares its measures"));
}

#[test]
fn snake_names() {
    assert_eq!(snake(" Period Ending "), "period_ending");
    assert_eq!(snake("Removed - Legal (%)"), "removed_legal");
}

#[test]
fn other_headers_and_spellings_read_and_their_mistakes_are_named() {
    let base = r#""when": {"column": "P", "form": "year"},
        "dimensions": [{"column": "Country/Region", "name": "country"}, "Requestor"],
        "measures": [{"column": "N", "metric": "n"}, {"columns": ["Porn", "Fraud"], "dimension": "reason", "metric": "r"}]"#;
    let v: Value = serde_json::from_str(&format!(
        r#"{{{base}, "other_headers": {{"Requestor": ["Requester", "Requested by"], "Porn": "Pornography"}},
            "spellings": {{"country": {{"Türkiye": ["Turkey", "Turkiye"]}}}}}}"#
    ))
    .unwrap();
    let m = parse_json("dp.json", "m", v).unwrap();
    assert_eq!(m.spelling("country", "Turkey"), "Türkiye");
    assert_eq!(m.spelling("country", "Turkiye"), "Türkiye");
    assert_eq!(m.spelling("country", "France"), "France");
    assert_eq!(m.spelling("requestor", "Turkey"), "Turkey");
    // A header that has the other header, not the column, reads it under its
    // mapping; an unpivoted column's value stays the mapping's.
    let header = [
        "P",
        "Country/Region",
        "Requester",
        "N",
        "Pornography",
        "Fraud",
    ];
    let renamed = m.under_other_headers(&header).unwrap();
    assert_eq!(renamed.dimensions[1].column, "Requester");
    assert_eq!(renamed.dimensions[1].name, "requestor");
    assert_eq!(renamed.spelling("reason", "Pornography"), "Porn");
    assert!(renamed.columns().contains(&"Pornography".to_string()));
    assert!(m
        .under_other_headers(&["P", "Country/Region", "Requestor", "N", "Porn", "Fraud"])
        .is_none());
    let shown = problems(&format!(
        r#"{{{base}, "other_headers": {{"Requestr": ["Requester"], "N": ["P"]}},
            "spellings": {{"countri": {{"Türkiye": ["Turkey"]}}, "country": {{"A": ["B"], "C": ["B"], "D": ["A"]}}}}}}"#
    ));
    let all = shown.join("\n");
    for want in [
        "mapping.other_headers.Requestr': 'Requestr' is not a column this mapping names (did you mean 'Requestor'?)",
        "mapping.other_headers.N': 'P' is a column this mapping names",
        "mapping.spellings.countri': 'countri' is not the name of a dimension of this mapping (did you mean 'country'?)",
        "mapping.spellings.country.C': 'B' is already another spelling of 'A'",
        "mapping.spellings.country': 'A' is both a value and another spelling",
    ] {
        assert!(all.contains(want), "{want}\nnot in\n{all}");
    }
}

#[test]
fn headers_that_say_percent_share_or_rate() {
    use super::share_word;
    assert_eq!(share_word("% Removed-Legal").as_deref(), Some("%"));
    assert_eq!(share_word("Proactive Rate").as_deref(), Some("Rate"));
    assert_eq!(share_word("Share of items").as_deref(), Some("Share"));
    assert_eq!(
        share_word("removal_proportion").as_deref(),
        Some("proportion")
    );
    // Whole words only: a corporate body or items shared are counts.
    assert_eq!(share_word("Corporate requests"), None);
    assert_eq!(share_word("Posts shared"), None);
    assert_eq!(share_word("Items Requested To Be Removed"), None);
}
