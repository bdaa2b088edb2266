//! The cases of BAD_INPUTS.md for editions, views and languages (25 to 28),
//! through the real binary: the exact message, the exit code, and no output
//! written.

use crate::test_shapes::{edit, shape};
use crate::util::{Workdir, HEADER};

#[test]
fn case25_editions_whose_keys_repeat_or_whose_mappings_differ_name_the_keys() {
    // A key repeated in the new edition: both lines named, nothing compared.
    let w = Workdir::new();
    shape(&w, "editions");
    let mut new = std::fs::read_to_string(w.path("editions/new/requests.csv")).unwrap();
    new.push_str("2019-12-31,Germany,Police,9,200,35,35,30\n");
    w.write("editions/new/requests.csv", new);
    let run = w.run(&["diff", "editions/old", "editions/new", "--format", "csv"]);
    let err = run.fails(1);
    assert_eq!(run.stdout(), "", "nothing is compared");
    for want in [
        "editions/new/requests.csv:7:4: gives 'removal_requests' for 2019-07-01..2019-12-31, Police, Germany, which line 10 gives again: a table gives each key (its period and dimensions) once; remove or correct one of the two rows",
        "editions/new/requests.csv:10:4: gives 'removal_requests' for 2019-07-01..2019-12-31, Police, Germany again, as line 7 does",
    ] {
        assert!(err.contains(want), "expected\n{want}\nin:\n{err}");
    }
    // A dimension renamed in the new edition's mapping: refused, naming both keys,
    // rather than every figure shown as removed and added.
    let w = Workdir::new();
    shape(&w, "editions");
    edit(
        &w,
        "editions/new/datapackage.json",
        "\"name\": \"requester\"",
        "\"name\": \"requested_by\"",
    );
    let run = w.run(&["diff", "editions/old", "editions/new", "--format", "csv"]);
    let err = run.fails(1);
    assert_eq!(run.stdout(), "");
    assert!(
        err.contains("the editions are mapped with other keys: editions/old has the dimension(s) 'requester' where editions/new has 'requested_by'; figures are matched by their keys, never by their line, so map both editions with the same dimensions"),
        "{err}"
    );
}

/// A package whose views are `good` (permits by region) and the view `bad`.
fn views(w: &Workdir, bad: &str) {
    let rows = [
        "p1,2031-03-10,,,Coast Office,Aurelia,permits_revoked,,,17,,exact,count,event,revoked 17 permits,s,",
        "p2,2031-03-22,,,Coast Office,Borealis,permits_revoked,,,9,,exact,count,event,revoked 9 permits,s,",
        "b1,2031-02-28,2031-01-01,2031-02-28,Harbour Authority,national,boats_seized,,,140,,exact,count,cumulative,seized 140 boats,s,",
    ];
    w.write(
        "pkg/datapackage.json",
        format!(
            r#"{{"name":"p","title":"P","cleanweb:views":[
            {{"name":"good","title":"Good","metric":"permits_revoked","by":"region","basis":"event"}},{bad}],
            "resources":[{{"name":"observations","path":"observations.csv","schema":{{"fields":[{{"name":"value"}}]}}}}]}}"#
        ),
    );
    w.write(
        "pkg/observations.csv",
        format!("{HEADER}\n{}\n", rows.join("\n")),
    );
}

/// A package whose view `bad` asks the permits revoked by region, and `key`.
fn bad_view(key: &str) -> Workdir {
    let w = Workdir::new();
    views(
        &w,
        &format!(
            r#"{{"name":"bad","title":"Bad","metric":"permits_revoked","by":"region",{key}}}"#
        ),
    );
    w
}

/// The report of `pkg`, written whole, and the line of `report.md` that lists the
/// view `bad` as left out.
fn left_out(w: &Workdir) -> String {
    w.run(&["report", "--data", "pkg", "--out", "out", "-q"])
        .ok();
    assert!(w.path("out/good.svg").exists(), "the other view is drawn");
    assert!(!w.path("out/bad.svg").exists());
    let md = std::fs::read_to_string(w.path("out/report.md")).unwrap();
    let section = md
        .split("## Charts left out")
        .nth(1)
        .expect("a list of charts left out");
    section
        .lines()
        .find(|l| l.starts_with("- bad"))
        .unwrap_or_else(|| panic!("bad is not listed:\n{md}"))
        // Markdown escapes: `views\[1\]`, `permits\_revoked`.
        .replace('\\', "")
}

#[test]
fn case26_a_view_the_figures_cannot_answer_is_left_out_by_name_and_path() {
    // A basis the metric is never published in.
    let w = bad_view(r#""basis":"cumulative""#);
    assert_eq!(
        left_out(&w),
        "- bad (cleanweb:views[1]): no figure of permits_revoked has the basis 'cumulative' (cleanweb:views[1].basis)"
    );
    // Two bases mixed.
    let w = Workdir::new();
    views(
        &w,
        r#"{"name":"bad","title":"Bad","metric":["permits_revoked","boats_seized"],"by":"month"}"#,
    );
    let line = left_out(&w);
    assert!(
        line.starts_with("- bad (cleanweb:views[1]): the figures mix bases (event, cumulative)"),
        "{line}"
    );
}

#[test]
fn case26_a_view_naming_what_the_package_lacks_leaves_the_others_drawn() {
    for (bad, path, reason) in [
        (
            r#"{"name":"bad","title":"Bad","metric":"permits_revokd","by":"region","basis":"event"}"#,
            "cleanweb:views[1].metric",
            "'permits_revokd' is not a metric of the package (did you mean 'permits_revoked'?)",
        ),
        (
            r#"{"name":"bad","title":"Bad","metric":"permits_revoked","by":"province","basis":"event"}"#,
            "cleanweb:views[1].by",
            "'province' is not a key",
        ),
    ] {
        let w = Workdir::new();
        views(&w, bad);
        // validate refuses the package at the view's path, with the nearest name.
        let err = w.run(&["validate", "--data", "pkg"]).fails(1);
        assert!(
            err.contains(&format!("pkg/datapackage.json: field '{path}': {reason}")),
            "{err}"
        );
        // The report draws the other view and lists this one as left out.
        let line = left_out(&w);
        assert!(
            line.starts_with(&format!("- bad (cleanweb:views[1]): '{path}': {reason}")),
            "{line}"
        );
        let run = w.run(&["report", "--data", "pkg", "--out", "again", "-q"]);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        assert!(
            run.stderr().contains(&format!("field '{path}'"))
                && run.stderr().contains("the report leaves this view out"),
            "{}",
            run.stderr()
        );
    }
}

/// A typed descriptor's error names the file, the JSON path inside the list (the
/// second view, the second per-item declaration, the first hierarchy) and the
/// nearest valid key; every wrong part is said in the same run.
#[test]
fn case26_a_misspelt_key_inside_a_declared_list_is_named_by_its_json_path() {
    let w = bad_view(r#""stack_bi":"region""#);
    edit(
        &w,
        "pkg/datapackage.json",
        "\"cleanweb:views\"",
        r#""cleanweb:per_item":[{"id":"p1","items":2},{"id":"p2","itmes":3}],
        "cleanweb:hierarchies":[{"dimension":"region","levles":["nation","province"]}],
        "cleanweb:views""#,
    );
    let run = w.run(&["validate", "--data", "pkg"]);
    let err = run.fails(1);
    assert_eq!(run.stdout(), "");
    for want in [
        "pkg/datapackage.json: field 'cleanweb:views[1].stack_bi': 'stack_bi' is not a key of a view (did you mean 'stack_by'?)",
        "pkg/datapackage.json: field 'cleanweb:per_item[1].itmes': 'itmes' is not a key of a per-item declaration (did you mean 'items'?)",
        "pkg/datapackage.json: field 'cleanweb:hierarchies[0].levles': 'levles' is not a key of a hierarchy (did you mean 'levels'?)",
    ] {
        assert!(err.contains(want), "expected\n{want}\nin:\n{err}");
    }
    // A value of the wrong type is said at its path too.
    let w = bad_view(r#""log":"yes""#);
    let err = w.run(&["validate", "--data", "pkg"]).fails(1);
    assert!(
        err.contains("pkg/datapackage.json: field 'cleanweb:views[1].log': must be true or false, not the text \"yes\""),
        "{err}"
    );
}

/// `validate --source-text` of one figure of `value` quoted as `quote`.
fn quoted(quote: &str, value: &str) -> crate::util::Run {
    let w = Workdir::new();
    w.write(
        "z.csv",
        format!("{HEADER}\na,2014-04-17,,,Office,national,sites,,,{value},,exact,count,event,{quote},s,\n"),
    );
    w.write("source.txt", format!("据报道，{quote}。\n"));
    w.run(&["validate", "--data", "z.csv", "--source-text", "source.txt"])
}

#[test]
fn case27_malformed_or_oversized_chinese_numerals_are_a_problem_at_the_quote() {
    for (quote, value, bad) in [
        ("关闭网站十十个", "20", "十十"),
        ("关闭网站一万万个", "0", "一万万"),
        ("关闭网站1.2.3万个", "12000", "1.2.3万"),
        ("罚款一百千元", "100000", "一百千"),
    ] {
        let err = quoted(quote, value).fails(1);
        let want = format!("z.csv:2:15: field 'quote': the quote writes '{bad}', which is no number as written: correct the quote (and the source text, if it is the source's slip) so that it states the value");
        assert!(err.contains(&want), "{quote}: expected\n{want}\nin:\n{err}");
        assert!(err.contains("1 problem found"), "{quote}: {err}");
    }
    // Larger than any figure holds: said at the quote, never wrapped.
    let err = quoted("罚款999999999999亿元", "5").fails(1);
    assert!(
        err.contains("z.csv:2:15: field 'quote': the quote states 99999999999900000000, more than any figure can hold (at most 9223372036854775807)"),
        "{err}"
    );
    // 99999999亿 is 9,999,999,900,000,000: it fits, and is read exactly.
    let out = quoted("罚款99999999亿元", "9999999900000000").ok();
    assert!(out.contains("state their values"), "{out}");
    let err = quoted("罚款99999999亿元", "5").fails(1);
    assert!(err.contains("z.csv:2:10: field 'value': value 5 is not a number the quote states (9999999900000000)"), "{err}");
    // 万万 is also a word ("by no means"): no number is read from it, and a value
    // cannot rest on it.
    let err = quoted("关闭网站万万个", "20000").fails(1);
    assert!(
        err.contains("z.csv:2:10: field 'value': the quote states no number"),
        "{err}"
    );
    // Numerals written well still read.
    for (quote, value) in [
        ("关闭网站二十个", "20"),
        ("关闭网站一千二百二十二个", "1222"),
        ("关闭网站三千零五个", "3005"),
        ("罚款一亿二千万元", "120000000"),
        ("关闭网站1.2万个", "12000"),
    ] {
        quoted(quote, value).ok();
    }
}

#[test]
fn case28_a_label_with_characters_the_font_lacks_is_refused_naming_them() {
    let w = Workdir::new();
    w.write(
        "k.csv",
        format!("{HEADER}\na,2014-04-17,,,Office,Guangdong 广东 경기도,sites,,,256,,exact,count,event,q,s,\n"),
    );
    for out in ["k.svg", "k.png"] {
        let err = w
            .run(&[
                "chart", "--data", "k.csv", "--metric", "sites", "--by", "region", "--out", out,
            ])
            .fails(1);
        assert_eq!(
            err.trim_end(),
            "cleanweb: error: the label \"Guangdong 广东 경기도\" has characters the embedded font cannot draw (경기도); charts support Latin, Greek and Cyrillic text and the Chinese characters of GB 2312: replace or transliterate those characters"
        );
        assert!(!w.path(out).exists(), "{out} was written");
    }
    // A title of the user's, mixed too.
    let err = w
        .run(&[
            "chart",
            "--data",
            "k.csv",
            "--metric",
            "sites",
            "--by",
            "month",
            "--title",
            "Sites in 广东 and 경기",
            "--out",
            "t.svg",
        ])
        .fails(1);
    assert!(
        err.contains("the label \"Sites in 广东 and 경기\" has characters the embedded font cannot draw (경기)"),
        "{err}"
    );
    assert!(!w.path("t.svg").exists());
}
