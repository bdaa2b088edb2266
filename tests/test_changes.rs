//! Stated changes as checkable claims: the `change_previous_period` and
//! `change_previous_year` bases through `validate` (a signed value, its sign from
//! the quote's words), `aggregate` (never added) and `reconcile` (checked against
//! the two figures it compares, within the rounding of all three).

use crate::util::Workdir;

const HEADER: &str = "id,date,period_start,period_end,authority,region,metric,category,entity,value,value_max,qualifier,unit,basis,quote,source,note";

/// December's and January's bulletins, as one source text.
const SOURCE: &str = "2020年12月,全国各级网络举报部门受理举报1321.8万件。其中,举报中心受理举报19.0万件。\n\
2021年1月,全国各级网络举报部门受理举报1120.5万件,环比下降15.2%、同比下降3.3%。其中,举报中心受理举报17.6万件,环比增长4.6%。\n";

fn rows(extra: &[&str]) -> String {
    let dec = "2021-01-10,2020-12-01,2020-12-31";
    let jan = "2021-02-10,2021-01-01,2021-01-31";
    let mut lines = vec![
        HEADER.to_string(),
        format!("total_dec,{dec},全国各级网络举报部门,national,reports_received,,,13218000,,exact,count,period,受理举报1321.8万件,source,"),
        format!("center_dec,{dec},举报中心,national,reports_received,,,190000,,exact,count,period,受理举报19.0万件,source,"),
        format!("total_jan,{jan},全国各级网络举报部门,national,reports_received,,,11205000,,exact,count,period,受理举报1120.5万件,source,"),
        format!("total_jan_mom,{jan},全国各级网络举报部门,national,reports_received,,,-15.2,,exact,percent,change_previous_period,环比下降15.2%,source,"),
        format!("total_jan_yoy,{jan},全国各级网络举报部门,national,reports_received,,,-3.3,,exact,percent,change_previous_year,同比下降3.3%,source,"),
        format!("center_jan,{jan},举报中心,national,reports_received,,,176000,,exact,count,period,受理举报17.6万件,source,"),
        format!("center_jan_mom,{jan},举报中心,national,reports_received,,,4.6,,exact,percent,change_previous_period,环比增长4.6%,source,"),
    ];
    lines.extend(extra.iter().map(|s| s.to_string()));
    lines.join("\n") + "\n"
}

fn package(w: &Workdir, observations: &str) {
    w.write(
        "p/datapackage.json",
        r#"{"name":"p","sources":[{"name":"source","title":"Two bulletins","path":"source.txt"}],"resources":[
        {"name":"observations","path":"observations.csv","schema":{"fields":[{"name":"value"}]}},
        {"name":"relations","path":"relations.csv","schema":{"fields":[{"name":"total_id"}]}}]}"#,
    );
    w.write("p/observations.csv", observations);
    w.write("p/relations.csv", "total_id,part_id,kind\n");
    w.write("p/source.txt", SOURCE);
}

/// The checks `reconcile` makes of package `p`, as CSV.
fn checks_csv(w: &Workdir) -> String {
    let args = ["reconcile", "--data", "p", "--section", "checks"];
    w.run(&[&args[..], &["--format", "csv"]].concat()).ok()
}

#[test]
fn a_stated_change_is_checked_against_the_two_months_it_compares() {
    let w = Workdir::new();
    package(&w, &rows(&[]));
    w.run(&["validate", "--data", "p", "--source-text", "p/source.txt"])
        .ok();
    let out = checks_csv(&w);
    let checks: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("change_claim"))
        .collect();
    // The year-on-year change has no January 2020 to be checked against.
    assert_eq!(checks.len(), 2, "{out}");
    // 1120.5万 is 11,204,500 to 11,205,500 and 1321.8万 13,217,500 to 13,218,500:
    // (11,204,500 - 13,218,500) / 13,218,500 = -15.2362% and
    // (11,205,500 - 13,217,500) / 13,217,500 = -15.2222%; the stated -15.2 stands
    // for -15.25 to -15.15: they overlap.
    let total = checks.iter().find(|l| l.contains("total_jan_mom")).unwrap();
    assert!(
        total.contains("change of -15.2% on the period before (2021-01; stated 2021-02-10)")
            && total.contains("(11,205,000 - 13,218,000) / 13,218,000 = -15.24% to -15.22%")
            && total.contains(",holds,")
            && total.contains("period: 2021-01 against 2020-12")
            && total.ends_with("total_jan_mom total_jan total_dec"),
        "{total}"
    );
    // 17.6万 against 19.0万: (175,500 - 190,500) / 190,500 = -7.874% to
    // (176,500 - 189,500) / 189,500 = -6.860%, not the 4.6% rise stated.
    let center = checks
        .iter()
        .find(|l| l.contains("center_jan_mom"))
        .unwrap();
    assert!(
        center.contains("= -7.88% to -6.86%") && center.contains(",contradicts,"),
        "{center}"
    );
    w.run(&["reconcile", "--data", "p", "--strict"]).fails(1);
    // In the report in Chinese, the same verdict in Chinese words.
    w.run(&["report", "--data", "p", "--out", "r", "--lang", "zh"])
        .ok();
    let zh = std::fs::read_to_string(w.path("r/report.md")).unwrap();
    assert!(
        zh.contains("2021年2月10日所称的环比变化与2021-01和2020-12公布的数字相矛盾"),
        "{zh}"
    );
}

#[test]
fn two_figures_of_one_span_in_a_series_cannot_tell() {
    let w = Workdir::new();
    // The centre's December figure filed under the national body's name: January's
    // total then has two Decembers to compare with.
    let obs = rows(&[]).replace(
        "center_dec,2021-01-10,2020-12-01,2020-12-31,举报中心",
        "center_dec,2021-01-10,2020-12-01,2020-12-31,全国各级网络举报部门",
    );
    package(&w, &obs);
    let out = checks_csv(&w);
    let total = out
        .lines()
        .find(|l| l.starts_with("change_claim") && l.contains("total_jan_mom"))
        .unwrap();
    assert!(
        total.contains(",cannot_tell,") && total.contains("total_dec, center_dec"),
        "{total}"
    );
}

#[test]
fn a_change_takes_its_sign_from_the_words_and_only_a_change_has_one() {
    // (row as written, row as spoiled, the problem validate names)
    let cases = [
        (
            "-15.2,,exact,percent,change_previous_period",
            "15.2,,exact,percent,change_previous_period",
            "observations.csv:5:10: field 'value': the quote's words state 15.2 as a fall: a change is signed, so its value is -15.2",
        ),
        (
            ",11205000,,exact,count,period",
            ",-11205000,,exact,count,period",
            "observations.csv:4:10: field 'value': '-11205000' is negative; values are 0 or more (only a change",
        ),
        // A change belongs to the span of the figure that changed.
        (
            "2021-02-10,2021-01-01,2021-01-31,全国各级网络举报部门,national,reports_received,,,-3.3",
            "2021-02-10,,,全国各级网络举报部门,national,reports_received,,,-3.3",
            "observations.csv:6:3: field 'period_start': a 'change_previous_year' figure needs period_start and period_end",
        ),
    ];
    for (good, bad, problem) in cases {
        let w = Workdir::new();
        package(&w, &rows(&[]).replace(good, bad));
        let err = w
            .run(&["validate", "--data", "p", "--source-text", "p/source.txt"])
            .fails(1);
        assert!(err.contains(problem), "{err}");
    }
}

#[test]
fn changes_are_never_added() {
    let w = Workdir::new();
    package(&w, &rows(&[]));
    let err = w
        .run(&[
            "aggregate",
            "--data",
            "p",
            "--metric",
            "reports_received",
            "--basis",
            "change_previous_period",
            "--by",
            "month",
        ])
        .fails(2);
    assert!(
        err.contains("change figures are never added, but 2 of them fall in one group (total_jan_mom, center_jan_mom)"),
        "{err}"
    );
    // Export keeps the sign and the basis as written.
    let out = w.run(&["export", "--data", "p", "--format", "csv"]).ok();
    assert!(
        out.contains(",-15.2,,exact,percent,change_previous_period,"),
        "{out}"
    );
}
