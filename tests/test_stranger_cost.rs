//! A stranger's package whose cost grows faster than its size (BAD_INPUTS 35): a
//! rule between thousands of figures, a chain and a star of relations with
//! thousands of members, a hierarchy thousands of levels deep, dates thousands of
//! years apart. Each runs in about linear time (see benches/crafted.sh for the
//! times) and well under 300 MiB, with numbers worked out from the input's making.

use crate::util::Workdir;

/// Peak memory any of these crafted packages may take.
const MIB: u64 = 300;

/// One event row of one metric, category and region.
fn figure(id: &str, date: &str, metric: &str, category: &str, region: &str, v: u64) -> String {
    format!("{id},{date},,,Office,{region},{metric},{category},,{v},,exact,count,event,closed {v} sites,s,")
}

/// Puts `json` (keys of a descriptor, each followed by a comma) into the descriptor
/// of package `name`.
fn declare(w: &Workdir, name: &str, json: &str) {
    let dp = w.path(&format!("{name}/datapackage.json"));
    let text = std::fs::read_to_string(&dp).unwrap();
    std::fs::write(
        &dp,
        text.replacen("\"resources\"", &format!("{json}\"resources\""), 1),
    )
    .unwrap();
}

const RULE: &str = r#""cleanweb:rules": [{"name": "destroyed_within_seized",
    "figure": {"metric": "destroyed"}, "at_most": {"metric": "seized"}}],"#;

/// A rule between 1,000 figures and 1,000 others of one region and day would be a
/// million verdicts (3 GB): it is refused, at once, with the rule's place and how to
/// narrow it.
#[test]
fn stranger_rule_between_1000_and_1000_figures_is_refused_with_its_limit() {
    let w = Workdir::new();
    let mut rows: Vec<String> = (0..1000)
        .map(|i| {
            figure(
                &format!("d{i}"),
                "2014-09-30",
                "destroyed",
                "",
                "national",
                1,
            )
        })
        .collect();
    rows.extend(
        (0..1000).map(|i| figure(&format!("s{i}"), "2014-09-30", "seized", "", "national", 2)),
    );
    w.package("p", &rows, "");
    declare(&w, "p", RULE);
    let (run, peak) = w.run_measured(&["reconcile", "--data", "p"]);
    let err = run.fails(1);
    assert!(
        err.contains("datapackage.json: field 'cleanweb:rules[0]': the rule 'destroyed_within_seized' would compare more than 10000 pairs of figures (1000 figures of its 'figure' side with 1000 of its other side)")
            && err.contains("narrow the rule with a category, region or authority"),
        "{err}"
    );
    assert!(peak < MIB, "{peak} MiB");
}

/// The same 2,000 figures, each in a region of its own: the others are indexed by
/// region, so each figure meets the one other of its region, not the thousand.
#[test]
fn stranger_rule_between_1000_regions_pairs_each_figure_with_its_own_region() {
    let w = Workdir::new();
    let mut rows: Vec<String> = (0..1000)
        .map(|i| {
            figure(
                &format!("d{i}"),
                "2014-09-30",
                "destroyed",
                "",
                &format!("R{i}"),
                1,
            )
        })
        .collect();
    rows.extend((0..1000).map(|i| {
        figure(
            &format!("s{i}"),
            "2014-09-30",
            "seized",
            "",
            &format!("R{i}"),
            2,
        )
    }));
    w.package("p", &rows, "");
    declare(&w, "p", RULE);
    let (run, peak) = w.run_measured(&[
        "reconcile",
        "--data",
        "p",
        "--format",
        "csv",
        "--section",
        "checks",
    ]);
    let out = run.ok();
    let rules: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("declared_rule"))
        .collect();
    assert_eq!(rules.len(), 1000, "{out}");
    assert!(rules.iter().all(|l| l.contains(",holds,")), "{out}");
    assert!(
        rules.iter().any(|l| l.contains("(d999) at most 2 (s999)")),
        "{out}"
    );
    assert!(peak < MIB, "{peak} MiB");
}

/// t0 = t1 + l0, t1 = t2 + l1, ..., t4999 = l4999: by category, every total is shown
/// through its parts and the 5,000 leaves of 1 are counted once each.
#[test]
fn stranger_relation_chain_of_5000_aggregates_in_linear_time() {
    let w = Workdir::new();
    let n = 5000;
    let mut rows = Vec::new();
    let mut relations = String::new();
    for i in 0..n {
        rows.push(figure(
            &format!("t{i}"),
            "2014-09-30",
            "cases",
            "all",
            "national",
            n - i,
        ));
        rows.push(figure(
            &format!("l{i}"),
            "2014-09-30",
            "cases",
            "part",
            "national",
            1,
        ));
        if i + 1 < n {
            relations.push_str(&format!("t{i},t{},complete\n", i + 1));
        }
        relations.push_str(&format!("t{i},l{i},complete\n"));
    }
    w.package("p", &rows, &relations);
    let (run, peak) = w.run_measured(&[
        "aggregate",
        "--data",
        "p",
        "--metric",
        "cases",
        "--by",
        "category",
        "--format",
        "csv",
    ]);
    assert_eq!(
        run.ok(),
        "category,low,high,n,approx,note\npart,5000,5000,5000,false,\n"
    );
    assert!(peak < MIB, "{peak} MiB");
    // By month the chain is one group: the top total alone is counted.
    let out = w
        .run(&[
            "aggregate",
            "--data",
            "p",
            "--metric",
            "cases",
            "--by",
            "month",
            "--format",
            "csv",
        ])
        .ok();
    assert_eq!(
        out,
        "month,low,high,n,approx,note\n2014-09,5000,5000,1,false,\n"
    );
}

/// One total of 100,000 parts of 1 each: it matches, and each part is found at once.
#[test]
fn stranger_total_of_100000_parts_reconciles_in_linear_time() {
    let w = Workdir::new();
    let n = 100_000;
    let mut rows = vec![figure("t", "2014-09-30", "cases", "all", "national", n)];
    rows.extend((0..n).map(|i| {
        figure(
            &format!("p{i}"),
            "2014-09-30",
            "cases",
            &format!("c{i}"),
            "national",
            1,
        )
    }));
    let relations: String = (0..n).map(|i| format!("t,p{i},complete\n")).collect();
    w.package("p", &rows, &relations);
    let (run, peak) = w.run_measured(&["reconcile", "--data", "p", "--format", "csv"]);
    let out = run.ok();
    let line = out.lines().nth(1).unwrap_or_default();
    assert!(
        line.starts_with("t,complete,p0 + p1 + "),
        "{}",
        &line[..line.len().min(200)]
    );
    assert!(
        line.ends_with(" + p99999,100000,100000,100000,100000,0,match"),
        "{}",
        &line[line.len().saturating_sub(200)..]
    );
    assert!(peak < MIB, "{peak} MiB");
    // The text table, whose cell of parts is wider than `format!` can pad.
    let text = w
        .run(&["reconcile", "--data", "p", "--section", "relations"])
        .ok();
    assert!(text.contains(" + p99999"), "{}", text.len());
}

/// r1 in r0, r2 in r1, ..., r4000 in r3999: a hierarchy of 4,000 parents and 4,001
/// levels is placed once, not walked from every value.
#[test]
fn stranger_hierarchy_of_4000_parents_loads_in_linear_time() {
    let w = Workdir::new();
    let n = 4000;
    w.package(
        "p",
        &[
            figure("deep", "2014-09-30", "cases", "", &format!("r{n}"), 3),
            figure("top", "2014-09-30", "cases", "", "r0", 4),
        ],
        "",
    );
    let parents: Vec<String> = (0..n)
        .map(|i| format!("\"r{}\": \"r{i}\"", i + 1))
        .collect();
    let levels: Vec<String> = (0..=n).map(|i| format!("\"level{i}\"")).collect();
    declare(
        &w,
        "p",
        &format!(
            r#""cleanweb:hierarchies": [{{"dimension": "region", "levels": [{}], "parents": {{{}}}}}],"#,
            levels.join(","),
            parents.join(",")
        ),
    );
    let (run, peak) = w.run_measured(&[
        "aggregate",
        "--data",
        "p",
        "--metric",
        "cases",
        "--by",
        "region",
        "--up-to",
        "level1",
        "--format",
        "csv",
    ]);
    let out = run.ok();
    assert!(
        out.contains("\nr0,4,4,1,false,") && out.contains("\nr1,3,3,1,false,"),
        "{out}"
    );
    assert!(peak < MIB, "{peak} MiB");
    // One level too few: the deepest value is named, once.
    declare(&w, "p", "");
    let dp = w.path("p/datapackage.json");
    let text = std::fs::read_to_string(&dp).unwrap();
    std::fs::write(&dp, text.replace(&format!(",\"level{n}\"]"), "]")).unwrap();
    let err = w.run(&["validate", "--data", "p"]).fails(1);
    assert!(err.contains(&format!("'cleanweb:hierarchies[0].parents.r{n}': is 4001 levels deep, but the hierarchy names 4000 levels")), "{err}");
}

/// Two figures dated 0000-01-01 and 9999-12-31 would be 120,000 months of "not
/// reported" (2.2 GB and a 102 MB report.html): `aggregate --by month` refuses with
/// the span and how to narrow it, the report leaves the chart out with the same
/// words, and the figures are still answered by period and within --from/--to.
#[test]
fn stranger_dates_10000_years_apart_are_refused_by_month_not_drawn() {
    let w = Workdir::new();
    w.package(
        "p",
        &[
            figure("first", "0000-01-01", "cases", "", "national", 5),
            figure("last", "9999-12-31", "cases", "", "national", 6),
        ],
        "",
    );
    let why =
        "--by month: from 0000-01 to 9999-12 (the first and last figures' months) is 120000 months";
    let (run, peak) = w.run_measured(&[
        "aggregate",
        "--data",
        "p",
        "--metric",
        "cases",
        "--by",
        "month",
    ]);
    // A question the data cannot answer as asked: a usage error, like every refusal.
    let err = run.fails(2);
    assert!(
        err.contains(why) && err.contains("narrow the span with --from and --to"),
        "{err}"
    );
    assert!(peak < MIB, "{peak} MiB");
    let out = w
        .run(&[
            "aggregate",
            "--data",
            "p",
            "--metric",
            "cases",
            "--by",
            "month",
            "--from",
            "9999-01-01",
            "--format",
            "csv",
        ])
        .ok();
    assert_eq!(out.lines().count(), 13, "{out}");
    assert!(out.contains("\n9999-12,6,6,1,false,"), "{out}");
    let (run, peak) = w.run_measured(&["report", "--data", "p", "--out", "r"]);
    run.ok();
    assert!(peak < MIB, "{peak} MiB");
    let md = std::fs::read_to_string(w.path("r/report.md")).unwrap();
    assert!(md.contains(why), "{md}");
    let html = std::fs::metadata(w.path("r/report.html")).unwrap().len();
    assert!(html < 1_000_000, "{html} bytes");
}
