//! `--lang zh`: charts and the report in Chinese, with the names a package gives in
//! `cleanweb:titles`; English stays the default.

use crate::util::{row, table, Workdir};

/// A package with English and Chinese names and a month with no figure (June).
fn package(w: &Workdir) {
    w.write(
        "p/datapackage.json",
        r#"{"name": "p", "title": "Test campaign",
            "cleanweb:titles": {
              "dataset": {"en": "Test campaign", "zh": "测试行动"},
              "metric": {"websites_closed": {"en": "Websites closed", "zh": "关闭网站"}},
              "category": {"fraud": {"en": "Fraud", "zh": "网络诈骗"}}
            },
            "resources": [{"name": "observations", "path": "observations.csv", "schema": {"fields": [{"name": "value"}]}}]}"#,
    );
    w.write(
        "p/observations.csv",
        table(&[
            row(
                "a",
                "2015-04-25",
                "websites_closed",
                "fraud",
                "12",
                "exact",
                "count",
                "event",
            ),
            row(
                "b",
                "2015-05-03",
                "websites_closed",
                "fraud",
                "7",
                "exact",
                "count",
                "event",
            ),
            row(
                "c",
                "2015-07-09",
                "websites_closed",
                "",
                "5",
                "exact",
                "count",
                "event",
            ),
        ]),
    );
}

#[test]
fn a_chart_in_chinese_says_not_reported_and_names_months_the_chinese_way() {
    let w = Workdir::new();
    package(&w);
    let args = [
        "chart",
        "--data",
        "p",
        "--metric",
        "websites_closed",
        "--by",
        "month",
    ];
    w.run(&[&args[..], &["--lang", "zh", "--out", "zh.svg"]].concat())
        .ok();
    w.run(&[&args[..], &["--out", "en.svg"]].concat()).ok();
    let zh = std::fs::read_to_string(w.path("zh.svg")).unwrap();
    let en = std::fs::read_to_string(w.path("en.svg")).unwrap();
    // June has no figure.
    assert!(
        zh.contains("未公布") && !zh.contains("not reported"),
        "{zh}"
    );
    assert!(en.contains("not reported") && !en.contains("未公布"));
    for words in ["4月", "2015年", "关闭网站", "来源：", "数据按公布原文"] {
        assert!(zh.contains(words), "{words} missing");
    }
    assert!(en.contains("\nApr\n") && en.contains("Websites closed"));
    // The names come from the package: the category in Chinese.
    w.run(&[
        "chart",
        "--data",
        "p",
        "--metric",
        "websites_closed",
        "--by",
        "category",
        "--lang",
        "zh",
        "--out",
        "cat.svg",
    ])
    .ok();
    let cat = std::fs::read_to_string(w.path("cat.svg")).unwrap();
    assert!(cat.contains("网络诈骗") && cat.contains("无类别"), "{cat}");
}

#[test]
fn the_report_in_chinese() {
    let w = Workdir::new();
    package(&w);
    w.run(&["report", "--data", "p", "--lang", "zh", "--out", "zh"])
        .ok();
    let html = std::fs::read_to_string(w.path("zh/report.html")).unwrap();
    assert!(html.contains("<html lang=\"zh\">"));
    for words in [
        "测试行动",
        "2015年4月25日至2015年7月9日",
        "阅读说明",
        "未公布",
        "核对",
        "每个数字及其引语",
    ] {
        assert!(html.contains(words), "{words} missing");
    }
    assert!(
        !html.contains("How to read"),
        "English left in the Chinese report"
    );
    let md = std::fs::read_to_string(w.path("zh/report.md")).unwrap();
    assert!(md.starts_with("# 测试行动\n"), "{md}");
    // The CSV beside each chart keeps the names other tools read.
    let csv = std::fs::read_to_string(w.path("zh/websites-closed-by-month.csv")).unwrap();
    assert!(csv.starts_with("month,low,high,n,approx,note\n"), "{csv}");
    w.run(&["report", "--data", "p", "--out", "en"]).ok();
    let html = std::fs::read_to_string(w.path("en/report.html")).unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("How to read"));
}

#[test]
fn names_are_checked_by_their_path() {
    let w = Workdir::new();
    package(&w);
    let p = w.path("p/datapackage.json");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        text.replace("\"metric\": {\"websites", "\"metrics\": {\"websites"),
    )
    .unwrap();
    let err = w.run(&["validate", "--data", "p"]).fails(1);
    assert!(
        err.contains("p/datapackage.json: field 'cleanweb:titles.metrics': 'metrics' is not a kind of name (did you mean 'metric'?)"),
        "{err}"
    );
}

#[test]
fn the_chinese_example_reports_in_chinese() {
    let w = Workdir::new();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-zh");
    let data = data.to_string_lossy().to_string();
    w.run(&["report", "--data", &data, "--lang", "zh", "--out", "zh"])
        .ok();
    let md = std::fs::read_to_string(w.path("zh/report.md")).unwrap();
    assert!(
        md.starts_with("# 示例中文通报（虚构）：网络清理数据\n"),
        "{md}"
    );
    assert!(md.contains("2015年4月17日至2015年5月31日"), "{md}");
    // The checks speak Chinese too: the running total of sites never goes down.
    assert!(
        md.contains("从未下降") && md.contains("2015年4月25日至2015年5月31日的2个时点数字"),
        "{md}"
    );
}

#[test]
fn a_declared_view_speaks_the_curators_words_in_each_language() {
    let w = Workdir::new();
    package(&w);
    let p = w.path("p/datapackage.json");
    let text = std::fs::read_to_string(&p).unwrap();
    let views = r#""cleanweb:views": [{"name": "sites", "metric": "websites_closed", "by": "month", "basis": "event",
        "title": "Sites closed each month", "caption": "Single closures, by month.",
        "translations": {"zh": {"title": "每月关闭的网站", "caption": "单次关闭，按月。"}}}],
        "resources""#;
    std::fs::write(&p, text.replacen("\"resources\"", views, 1)).unwrap();
    w.run(&["report", "--data", "p", "--lang", "zh", "--out", "zh"])
        .ok();
    let md = std::fs::read_to_string(w.path("zh/report.md")).unwrap();
    assert!(
        md.contains("## 每月关闭的网站") && md.contains("单次关闭，按月。"),
        "{md}"
    );
    assert!(md.contains("## 公布的总数及其分项"), "{md}");
    w.run(&["report", "--data", "p", "--out", "en"]).ok();
    let md = std::fs::read_to_string(w.path("en/report.md")).unwrap();
    assert!(
        md.contains("## Sites closed each month") && md.contains("Single closures, by month."),
        "{md}"
    );
}

/// A body whose name holds English words the tool also uses ("against"): the
/// Chinese report words the check around the name and leaves the name alone.
#[test]
fn a_bodys_name_is_kept_as_it_is_in_the_chinese_report() {
    let w = Workdir::new();
    package(&w);
    w.write(
        "p/observations.csv",
        format!(
            "{}\n{}\n{}\n",
            crate::util::HEADER,
            "l,2015-06-20,2015-04-01,2015-04-30,Office against Fraud,national,websites_closed,,,100,,exact,count,cumulative,closed 100 sites,s,",
            "s,2015-04-30,2015-04-01,2015-04-30,Bureau,national,websites_closed,,,50,,exact,count,cumulative,closed 50 sites,s,"
        ),
    );
    w.run(&["report", "--data", "p", "--lang", "zh", "--out", "zh"])
        .ok();
    let md = std::fs::read_to_string(w.path("zh/report.md")).unwrap();
    assert!(
        md.contains("机构不同：Office against Fraud与Bureau"),
        "the later statement's bodies: {md}"
    );
    assert!(!md.contains("Office对Fraud"), "{md}");
    let html = std::fs::read_to_string(w.path("zh/report.html")).unwrap();
    assert!(
        html.contains("Office against Fraud") && !html.contains("Office对Fraud"),
        "{html}"
    );
}
