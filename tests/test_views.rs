//! The report belongs to the data: a package that declares no views gets a chart for
//! every series it can answer, and its report's words come from its own figures,
//! never from another dataset's.

use std::collections::BTreeSet;
use std::path::Path;

use crate::util::{Workdir, HEADER};

/// A campaign of metrics, places, bodies and dates that no shipped dataset has: a
/// running total announced twice, single actions by province in two months with
/// two months between them unreported, and a period total with a complete
/// breakdown by category.
fn harbour(w: &Workdir) {
    let rows = [
        "boats_feb,2031-02-28,2031-01-01,2031-02-28,Harbour Authority,national,boats_seized,,,140,,exact,count,cumulative,seized 140 boats,s,",
        "boats_may,2031-05-31,2031-01-01,2031-05-31,Harbour Authority,national,boats_seized,,,310,,at_least,count,cumulative,more than 310 boats,s,",
        "permits_aur_mar,2031-03-10,,,Coast Office,Aurelia,permits_revoked,,,17,,exact,count,event,revoked 17 permits,s,",
        "permits_bor_mar,2031-03-22,,,Coast Office,Borealis,permits_revoked,,,9,,exact,count,event,revoked 9 permits,s,",
        "permits_aur_jun,2031-06-04,,,Coast Office,Aurelia,permits_revoked,,,23,29,range,count,event,revoked 23 to 29 permits,s,",
        "complaints_jul,2031-07-31,2031-07-01,2031-07-31,Harbour Authority,national,complaints_logged,,,5130,,exact,count,period,logged 5130 complaints,s,",
        "complaints_jul_noise,2031-07-31,2031-07-01,2031-07-31,Harbour Authority,national,complaints_logged,noise,,3100,,exact,count,period,3100 about noise,s,",
        "complaints_jul_spill,2031-07-31,2031-07-01,2031-07-31,Harbour Authority,national,complaints_logged,spill,,2030,,exact,count,period,2030 about spills,s,",
    ];
    w.write(
        "harbour/datapackage.json",
        r#"{"name":"harbour-watch-2031","title":"Harbour Watch 2031","resources":[
        {"name":"observations","path":"observations.csv","schema":{"fields":[{"name":"value"}]}},
        {"name":"relations","path":"relations.csv","schema":{"fields":[{"name":"total_id"}]}}]}"#,
    );
    w.write(
        "harbour/observations.csv",
        format!("{HEADER}\n{}\n", rows.join("\n")),
    );
    w.write(
        "harbour/relations.csv",
        "total_id,part_id,kind\ncomplaints_jul,complaints_jul_noise,complete\ncomplaints_jul,complaints_jul_spill,complete\n",
    );
}

#[test]
fn a_package_without_views_gets_a_chart_for_every_series_it_can_answer() {
    let w = Workdir::new();
    harbour(&w);
    w.run(&["report", "--data", "harbour", "--out", "out", "-q"])
        .ok();
    for stem in [
        "boats-seized-running-total",
        "boats-seized-increments",
        "permits-revoked-by-month",
        "permits-revoked-by-region",
        "complaints-logged-by-month",
        "complaints-logged-by-category",
        "breakdown-complaints-jul",
        "figures-by-authority",
        "announcement",
    ] {
        assert!(
            w.path(&format!("out/{stem}.svg")).exists(),
            "no chart {stem}: {:?}",
            std::fs::read_dir(w.path("out"))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect::<Vec<_>>()
        );
    }
    let md = std::fs::read_to_string(w.path("out/report.md")).unwrap();
    // The months between the two provincial months are gaps, said in words.
    assert!(
        md.contains("Not reported, which is not zero: Apr 2031, May 2031."),
        "{md}"
    );
    // The range and the lower bound are said to be so, in the captions.
    assert!(md.contains("1 of the 3 is a range"), "{md}");
    assert!(md.contains("1 of the 2 is a lower bound"), "{md}");
    // The breakdown adds up, computed from its figures.
    assert!(
        md.contains(
            "The 2 parts as published give 5,130, the total as published: they add up exactly."
        ),
        "{md}"
    );
    // Key figures with their bounds.
    assert!(
        md.contains(
            "- Boats seized: 310 or more by 31 May 2031, the latest of 2 running totals announced."
        ),
        "{md}"
    );
    assert!(
        md.contains("- Permits revoked: 49 to 55 in all, the sum of 3 single figures published."),
        "{md}"
    );
    // The breakdown's shares, from its own figures: 3,100 of 5,130 is 60.4%.
    let csv = std::fs::read_to_string(w.path("out/breakdown-complaints-jul.csv")).unwrap();
    assert!(
        csv.contains("noise,complaints_jul_noise,3100,3100,60.4%"),
        "{csv}"
    );
}

/// Every place, body and entity named by the shipped datasets, every number of
/// three digits or more they publish, and every year they cover.
fn shipped_words(w: &Workdir) -> BTreeSet<String> {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-campaign");
    let mut words = BTreeSet::new();
    for args in [
        vec!["export", "--format", "csv"],
        vec![
            "export",
            "--format",
            "csv",
            "--data",
            example.to_str().unwrap(),
        ],
    ] {
        let out = w.run(&args).ok();
        let mut rd = csv::Reader::from_reader(out.as_bytes());
        let header = rd.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (region, authority, entity, value, high, date) = (
            col("region"),
            col("authority"),
            col("entity"),
            col("value"),
            col("value_max"),
            col("date"),
        );
        for rec in rd.records() {
            let rec = rec.unwrap();
            for i in [region, authority, entity] {
                let v = rec[i].replace('_', " ");
                if v.len() > 3 && v != "national" {
                    words.insert(v);
                }
            }
            for i in [value, high] {
                if let Ok(v) = rec[i].parse::<i128>() {
                    if v >= 100 {
                        words.insert(cleanweb::values::interval::thousands(v));
                        words.insert(v.to_string());
                    }
                }
            }
            words.insert(rec[date][..4].to_string());
        }
    }
    words
}

#[test]
fn the_report_of_a_package_names_nothing_of_another_dataset() {
    let w = Workdir::new();
    harbour(&w);
    let words = shipped_words(&w);
    assert!(words.contains("Guangdong") && words.contains("2014") && words.contains("4,800"));
    for lang in ["en", "zh"] {
        let out = format!("out-{lang}");
        w.run(&[
            "report", "--data", "harbour", "--out", &out, "--lang", lang, "-q",
        ])
        .ok();
        for file in ["report.md", "report.html"] {
            let text = std::fs::read_to_string(w.path(&format!("{out}/{file}"))).unwrap();
            // The words a reader sees: text, not the markup's attributes (an SVG
            // coordinate may be any number). Axis ticks are round numbers any
            // dataset may share, so numbers are looked for outside the charts,
            // whose values are also written in the text alternative and tables.
            let (mut all, mut outside) = (String::new(), String::new());
            let (mut in_tag, mut svg) = (false, 0);
            let mut tag = String::new();
            for c in text.chars() {
                match c {
                    '<' => {
                        in_tag = true;
                        tag.clear();
                    }
                    '>' => {
                        in_tag = false;
                        if tag.starts_with("svg") {
                            svg += 1;
                        } else if tag.starts_with("/svg") {
                            svg -= 1;
                        }
                        all.push(' ');
                        outside.push(' ');
                    }
                    c if in_tag => tag.push(c),
                    c => {
                        all.push(c);
                        if svg == 0 {
                            outside.push(c);
                        }
                    }
                }
            }
            let is_number = |word: &str| word.chars().all(|c| c.is_ascii_digit() || c == ',');
            let found: Vec<&String> = words
                .iter()
                .filter(|word| {
                    let haystack = if is_number(word) { &outside } else { &all };
                    haystack.contains(word.as_str())
                })
                .collect();
            assert!(found.is_empty(), "{out}/{file} names {found:?}");
        }
    }
}

/// A view of a mapped table names the table's own dimension, in its key and in
/// `where`; a misspelt key is refused at its JSON path with the nearest name.
#[test]
fn a_view_names_a_mapped_tables_own_dimension_and_a_typo_gets_the_nearest() {
    let w = Workdir::new();
    let shapes = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shapes/monthly-long");
    for f in ["datapackage.json", "figures.csv"] {
        w.write(&format!("p/{f}"), std::fs::read(shapes.join(f)).unwrap());
    }
    let dp = std::fs::read_to_string(w.path("p/datapackage.json")).unwrap();
    let view = r#""cleanweb:views": [{"name": "beijing", "title": "Sites closed in Beijing", "metric": "sites_closed", "by": "month", "where": {"province": "Beijing"}}],"#;
    let declared = dp.replacen("\"resources\"", &format!("{view}\n \"resources\""), 1);
    w.write("p/datapackage.json", &declared);
    w.run(&["report", "--data", "p", "--out", "out", "-q"]).ok();
    let csv = std::fs::read_to_string(w.path("out/beijing.csv")).unwrap();
    assert_eq!(
        csv,
        "month,low,high,n,approx,note\n2014-04,1204,1204,1,false,\n2014-05,1330,1330,1,false,\n2014-06,,,0,false,not reported\n2014-07,990,990,1,false,\n"
    );
    w.write(
        "p/datapackage.json",
        declared.replace("{\"province\"", "{\"provnce\""),
    );
    let err = w.run(&["validate", "--data", "p"]).fails(1);
    assert!(
        err.contains("'cleanweb:views[0].where.provnce'")
            && err.contains("did you mean 'province'?"),
        "{err}"
    );
}

/// The example campaign declares no views: it gets a chart for each of its series.
#[test]
fn the_example_campaign_gets_a_chart_for_every_series() {
    let w = Workdir::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-campaign");
    w.run(&[
        "report",
        "--data",
        example.to_str().unwrap(),
        "--out",
        "out",
        "-q",
    ])
    .ok();
    for stem in [
        "websites-closed-running-total",
        "websites-closed-increments",
        "websites-closed-by-month",
        "reports-received-by-month",
        "reports-received-by-category",
        "fines-yuan-by-month",
        "breakdown-reports-apr",
        "figures-by-authority",
        "announcement",
    ] {
        assert!(
            w.path(&format!("out/{stem}.svg")).exists(),
            "no chart {stem}"
        );
    }
}

/// The harbour package with `cleanweb:views` as given.
fn harbour_with_views(w: &Workdir, views: &str) {
    harbour(w);
    w.write(
        "harbour/datapackage.json",
        format!(
            r#"{{"name":"harbour-watch-2031","title":"Harbour Watch 2031","resources":[
            {{"name":"observations","path":"observations.csv","schema":{{"fields":[{{"name":"value"}}]}}}},
            {{"name":"relations","path":"relations.csv","schema":{{"fields":[{{"name":"total_id"}}]}}}}],
            "cleanweb:views": {views}}}"#
        ),
    );
}

/// The charts a report drew, by file stem.
fn drawn(w: &Workdir, out: &str) -> BTreeSet<String> {
    std::fs::read_dir(w.path(out))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().to_string();
            name.strip_suffix(".svg").map(str::to_string)
        })
        .collect()
}

#[test]
fn a_package_switches_the_reports_own_charts_off_or_on_and_leaves_out_any() {
    let w = Workdir::new();
    // Left out by name, from the charts the report chooses.
    harbour_with_views(
        &w,
        r#"[{"leave_out": ["announcement", "permits-revoked-by-region"]}]"#,
    );
    w.run(&["validate", "--data", "harbour"]).ok();
    w.run(&["report", "--data", "harbour", "--out", "a", "-q"])
        .ok();
    let a = drawn(&w, "a");
    assert!(a.contains("permits-revoked-by-month"), "{a:?}");
    assert!(
        !a.contains("announcement") && !a.contains("permits-revoked-by-region"),
        "{a:?}"
    );
    // The automatic set off: only what does not depend on it.
    harbour_with_views(&w, r#"[{"automatic": false}]"#);
    w.run(&["report", "--data", "harbour", "--out", "b", "-q"])
        .ok();
    let b = drawn(&w, "b");
    assert_eq!(
        b,
        BTreeSet::from([
            "announcement".to_string(),
            "figures-by-authority".to_string()
        ])
    );
    // A declared view and the automatic set beside it.
    let view =
        r#"{"name": "boats", "title": "Boats seized", "metric": "boats_seized", "by": "month"}"#;
    harbour_with_views(&w, &format!(r#"[{view}, {{"automatic": true}}]"#));
    w.run(&["report", "--data", "harbour", "--out", "c", "-q"])
        .ok();
    let c = drawn(&w, "c");
    assert!(
        c.contains("boats") && c.contains("boats-seized-running-total"),
        "{c:?}"
    );
    // Declared alone, as before: the automatic set is not drawn.
    harbour_with_views(&w, &format!("[{view}]"));
    w.run(&["report", "--data", "harbour", "--out", "d", "-q"])
        .ok();
    assert!(!drawn(&w, "d").contains("boats-seized-running-total"));
}

#[test]
fn a_chart_left_out_by_a_name_the_report_does_not_draw_is_refused_with_the_nearest() {
    let w = Workdir::new();
    harbour_with_views(&w, r#"[{"leave_out": ["anouncement"]}]"#);
    let err = w.run(&["validate", "--data", "harbour"]).fails(1);
    assert!(
        err.contains("datapackage.json: field 'cleanweb:views[0].leave_out[0]': 'anouncement' is not a chart of the report (did you mean 'announcement'?)"),
        "{err}"
    );
    // A switch inside a view is refused: it is an element of its own.
    harbour_with_views(
        &w,
        r#"[{"name": "boats", "metric": "boats_seized", "by": "month", "automatic": true}]"#,
    );
    let err = w.run(&["validate", "--data", "harbour"]).fails(1);
    assert!(
        err.contains("'cleanweb:views[0]'") && err.contains("in an element of their own"),
        "{err}"
    );
}
