//! Values as written: exact decimals through every reader, check and output.

use crate::util::{Workdir, HEADER};

/// Two sentences in years, a share written to a tenth and a count: the values keep
/// every digit written.
fn package(w: &Workdir, share: &str) {
    let rows = [
        "s1,2014-05-10,,,Court,national,sentence_years,fraud,,2.50,,exact,years,event,sentenced to 2.50 years,s,".to_string(),
        "s2,2014-05-20,,,Court,national,sentence_years,fraud,,1.25,,exact,years,event,a term of 1.25 years,s,".to_string(),
        format!("p1,2014-06-01,,,Centre,national,reports_share,pornography,,{share},,exact,percent,share,色情占70.4%,s,"),
        "c1,2014-05-11,,,Office,national,sites_closed,,,1222,,exact,count,event,closed 1222 sites,s,".to_string(),
        "c2,2014-05-12,,,Office,national,sites_closed,,,3300,,at_least,count,event,more than 3300 sites,s,".to_string(),
    ];
    w.write(
        "d/datapackage.json",
        r#"{"name":"p","resources":[
        {"name":"observations","path":"observations.csv","schema":{"fields":[{"name":"value"}]}},
        {"name":"relations","path":"relations.csv","schema":{"fields":[{"name":"total_id"}]}}]}"#,
    );
    w.write(
        "d/observations.csv",
        format!("{HEADER}\n{}\n", rows.join("\n")),
    );
    w.write("d/relations.csv", "total_id,part_id,kind\n");
    w.write(
        "source.txt",
        "He was sentenced to 2.50 years; another got a term of 1.25 years. 色情占70.4%. They closed 1222 sites, and more than 3300 sites.",
    );
}

#[test]
fn decimals_are_kept_digit_for_digit_in_every_export() {
    let w = Workdir::new();
    package(&w, "70.4");
    let out = w.run(&["validate", "--data", "d"]).ok();
    assert!(out.contains("5 observations"), "{out}");
    let csv = w.run(&["export", "--data", "d"]).ok();
    // As written: 2.50 keeps its last zero.
    assert!(csv.contains(",2.50,,exact,years,event,"), "{csv}");
    assert!(csv.contains(",1.25,,exact,years,event,"), "{csv}");
    assert!(csv.contains(",70.4,,exact,percent,share,"), "{csv}");
    assert!(csv.contains(",1222,,exact,count,event,"), "{csv}");
    let json = w.run(&["export", "--data", "d", "--format", "json"]).ok();
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let value = |id: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(value("s2"), serde_json::json!(1.25));
    assert_eq!(value("p1"), serde_json::json!(70.4));
    assert_eq!(value("c1"), serde_json::json!(1222));
    // Parquet written and read back gives the same rows.
    w.run(&[
        "export",
        "--data",
        "d",
        "--format",
        "parquet",
        "--out",
        "d.parquet",
    ])
    .ok();
    let back = w.run(&["export", "--data", "d.parquet"]).ok();
    for v in [",2.50,", ",1.25,", ",70.4,"] {
        assert!(back.contains(v), "{v}: {back}");
    }
}

/// The May line of `aggregate --by month` for one metric, as CSV.
fn may_line(w: &Workdir, metric: &str) -> String {
    let args = [
        "aggregate",
        "--data",
        "d",
        "--metric",
        metric,
        "--by",
        "month",
    ];
    let csv = w.run(&[&args[..], &["--format", "csv"]].concat()).ok();
    let line = csv.lines().find(|l| l.starts_with("2014-05"));
    line.unwrap_or_else(|| panic!("{csv}")).to_string()
}

#[test]
fn sums_of_decimals_are_exact() {
    let w = Workdir::new();
    package(&w, "70.4");
    // 2.50 + 1.25 = 3.75 years, exactly.
    let may = may_line(&w, "sentence_years");
    assert!(may.contains(",3.75,3.75,"), "{may}");
    // Counts stay whole, and "more than" keeps the high end open.
    let may = may_line(&w, "sites_closed");
    assert!(may.contains(",4522,,"), "{may}");
}

#[test]
fn a_decimal_is_checked_against_its_quote_and_carries_its_rounding() {
    let w = Workdir::new();
    package(&w, "70.4");
    w.run(&["validate", "--data", "d", "--source-text", "source.txt"])
        .ok();
    // 70.4 written to a tenth stands for 70.35 to 70.45.
    let out = w.run(&["describe", "--data", "d"]).ok();
    let line = out.lines().find(|l| l.contains("p1")).unwrap();
    assert!(line.contains("70.4") && line.contains("0.1"), "{out}");
    assert!(line.contains("70.35 to 70.45"), "{out}");
    // A value the quote does not state is named with the numbers it does.
    let w = Workdir::new();
    package(&w, "70.5");
    let err = w
        .run(&["validate", "--data", "d", "--source-text", "source.txt"])
        .fails(1);
    assert!(
        err.contains("value 70.5 is not a number the quote states (70.4)"),
        "{err}"
    );
}

#[test]
fn a_count_is_whole_and_a_share_at_most_a_hundred() {
    let w = Workdir::new();
    let body = format!(
        "{HEADER}\n\
         a,2014-04-17,,,Office,national,m,,,1.5,,exact,count,event,q,s,\n\
         b,2014-04-17,,,Office,national,m,,,100.01,,approx,percent,share,q,s,\n\
         c,2014-04-17,,,Office,national,m,,,2.5,,exact,years,event,q,s,\n"
    );
    w.write("t.csv", body);
    let err = w.run(&["validate", "--data", "t.csv"]).fails(1);
    assert!(
        err.contains("t.csv:2:10: field 'value': '1.5' is not a whole count"),
        "{err}"
    );
    assert!(
        err.contains("t.csv:3:10: field 'value': a share cannot exceed 100 percent"),
        "{err}"
    );
    assert!(err.contains("2 problems found"), "{err}");
}

/// A column of fractions of one (a platform's 0.8409) is proposed by `init --from` as
/// a fraction, so each value is its percent with every digit: 0.8409 is 84.09%, 0.797
/// is 79.7%, 1 is 100%, 0 is 0%. A column headed with `%` stays a percent.
#[test]
fn init_proposes_a_fraction_for_cells_from_zero_to_one() {
    let w = Workdir::new();
    w.write(
        "f.csv",
        "Period,Country,Requests,Share Removed,Removed (%)\n2019-H1,France,100,0.8409,0.5\n2019-H1,Germany,50,0.797,1\n2019-H2,France,80,1,0.25\n2019-H2,Germany,40,0,0\n",
    );
    let said = w.run(&["init", "p", "--from", "f.csv"]).stderr();
    assert!(
        said.contains("column 'Share Removed': a fraction of one"),
        "{said}"
    );
    let dp = std::fs::read_to_string(w.path("p/datapackage.json")).unwrap();
    assert!(dp.contains(r#""unit": "fraction""#), "{dp}");
    let out = w.run(&["export", "--data", "p", "--format", "csv"]).ok();
    let values: Vec<(String, String)> = crate::util::csv_records(&out)
        .into_iter()
        .map(|r| (r["metric"].clone(), r["value"].clone()))
        .collect();
    let of = |m: &str| -> Vec<&str> {
        values
            .iter()
            .filter(|v| v.0 == m)
            .map(|v| v.1.as_str())
            .collect()
    };
    assert_eq!(of("share_removed"), ["84.09", "79.7", "100", "0"]);
    // Headed with %: 0.5 is 0.5%, as written.
    assert_eq!(of("removed_share"), ["0.5", "1", "0.25", "0"]);
}
