//! `cleanweb reconcile`: the default dataset's published totals, each status and
//! derived check on small fixtures, and `--strict`.

use crate::util::{row, table, Workdir};

#[test]
fn published_breakdowns_match() {
    let out = Workdir::new().run(&["reconcile", "--format", "csv"]).ok();
    for total in ["cases_total_1225", "reports_sep_total", "im_accounts_sep"] {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{total},complete")))
            .unwrap_or_else(|| panic!("{total} in {out}"));
        assert!(line.ends_with(",0,match"), "{line}");
    }
    assert!(out.contains("cases_total_1225,complete,cases_1225_pornography + cases_1225_piracy + cases_1225_online + cases_1225_fake_media + cases_1225_other,8344,8344,8344,8344,0,match"), "{out}");
}

#[test]
fn share_and_rate_claims_are_reported_with_the_computed_figures() {
    let out = Workdir::new()
        .run(&["reconcile", "--format", "csv", "--section", "checks"])
        .ok();
    let share = out
        .lines()
        .find(|l| l.starts_with("share_claim"))
        .expect("share check");
    assert!(
        share.contains("more than 85%")
            && share.contains("70.0%")
            && share.contains(",tension,")
            && share.contains("period differs: 2014-06-03 against 2014-09-01..2014-09-30")
            && share.contains("not borne out by"),
        "{share}"
    );
    let rate = out
        .lines()
        .find(|l| l.starts_with("rate_claim"))
        .expect("rate check");
    assert!(
        rate.contains("3,000 or more per day")
            && rate.contains("1340.6 per day")
            && rate.contains(",tension,"),
        "{rate}"
    );
}

#[test]
fn json_output_matches_its_snapshot() {
    let out = Workdir::new().run(&["reconcile", "--format", "json"]).ok();
    crate::util::snapshot("reconcile", &out);
}

#[test]
fn strict_exits_1_on_failures_and_0_otherwise() {
    let w = Workdir::new();
    // The default dataset's two failing claims are tensions (claims of June
    // against September): --strict passes, --strict --tensions does not.
    w.run(&["reconcile", "--strict"]).ok();
    w.run(&["reconcile", "--strict", "--tensions"]).fails(1);
    let t = |v: &str, q: &str| row("t", "2014-09-30", "reports", "", v, q, "count", "period");
    let a = |v: &str, q: &str| row("a", "2014-09-30", "reports", "x", v, q, "count", "period");
    let b = |v: &str, q: &str| row("b", "2014-09-30", "reports", "y", v, q, "count", "period");
    let cases = [
        (
            "match",
            vec![t("10", "exact"), a("4", "exact"), b("6", "exact")],
            "t,a,complete\nt,b,complete\n",
            "match",
            0,
        ),
        (
            "consistent",
            vec![t("10", "at_least"), a("4", "exact"), b("7", "exact")],
            "t,a,complete\nt,b,complete\n",
            "consistent",
            0,
        ),
        (
            "mismatch",
            vec![t("10", "exact"), a("4", "exact"), b("7", "exact")],
            "t,a,complete\nt,b,complete\n",
            "mismatch",
            1,
        ),
        (
            "partial_ok",
            vec![t("10", "exact"), a("4", "exact"), b("6", "exact")],
            "t,a,partial\n",
            "partial_ok",
            0,
        ),
        (
            "violation",
            vec![t("10", "exact"), a("14", "at_least"), b("6", "exact")],
            "t,a,partial\n",
            "partial_violation",
            1,
        ),
    ];
    for (name, rows, rels, status, code) in cases {
        w.package(name, &rows, rels);
        let run = w.run(&["reconcile", "--data", name, "--strict", "--format", "csv"]);
        assert_eq!(run.code(), code, "{name}: {}{}", run.stdout(), run.stderr());
        assert!(
            run.stdout()
                .lines()
                .nth(1)
                .unwrap()
                .ends_with(&format!(",{status}")),
            "{name}: {}",
            run.stdout()
        );
    }
}

#[test]
fn a_running_total_that_goes_down_is_a_failed_check() {
    let w = Workdir::new();
    w.write(
        "t.csv",
        table(&[
            row(
                "a",
                "2014-05-01",
                "websites_closed",
                "",
                "500",
                "exact",
                "count",
                "cumulative",
            ),
            row(
                "b",
                "2014-06-01",
                "websites_closed",
                "",
                "400",
                "exact",
                "count",
                "cumulative",
            ),
        ]),
    );
    let out = w
        .run(&[
            "reconcile",
            "--data",
            "t.csv",
            "--format",
            "csv",
            "--section",
            "checks",
        ])
        .ok();
    let line = out
        .lines()
        .find(|l| l.starts_with("running_total_down"))
        .unwrap();
    assert!(
        line.contains(",contradicts,")
            && line.contains("restatement: 400 on 2014-06-01 is lower than 500 on 2014-05-01"),
        "{line}"
    );
}

#[test]
fn the_top_ten_data_are_reproduced() {
    let out = Workdir::new()
        .run(&[
            "reconcile",
            "--section",
            "announcement",
            "--format",
            "markdown",
        ])
        .ok();
    assert!(out.contains("## Figures announced on 2014-12-25"), "{out}");
    for figure in ["15,790,000", "82,402", "96", "8,344", "20,410,000"] {
        assert!(out.contains(figure), "{figure} missing in {out}");
    }
    assert!(
        out.contains("pornography 844 + piracy 2,687 + online 584 + fake media 128 + other 4,101"),
        "{out}"
    );
}

fn checks(w: &Workdir, name: &str) -> String {
    w.run(&[
        "reconcile",
        "--data",
        name,
        "--format",
        "csv",
        "--section",
        "checks",
    ])
    .ok()
}

#[test]
fn share_claims_on_a_small_fixture() {
    let w = Workdir::new();
    let [total, porn, rest]: [String; 3] = crate::util::september_breakdown().try_into().unwrap();
    let claim = |v: &str| {
        format!("s,2014-06-03,,,Office,national,reports,porn,,{v},,at_least,percent,share,more than {v}%,s,")
    };
    w.package(
        "holds",
        &[total.clone(), porn.clone(), rest.clone(), claim("85")],
        "t,p,complete\nt,o,complete\n",
    );
    let out = checks(&w, "holds");
    let line = out.lines().find(|l| l.starts_with("share_claim")).unwrap();
    assert!(
        line.contains("90.0% = 180 / 200") && line.contains(",holds,"),
        "{line}"
    );
    w.package(
        "fails",
        &[total, porn, rest, claim("95")],
        "t,p,complete\nt,o,complete\n",
    );
    // Claimed on 3 June of a breakdown of September: not borne out, a tension.
    let out = checks(&w, "fails");
    let line = out.lines().find(|l| l.starts_with("share_claim")).unwrap();
    assert!(line.contains(",tension,"), "{line}");
}

#[test]
fn rate_claims_on_a_small_fixture() {
    let w = Workdir::new();
    let total = row(
        "t",
        "2014-09-30",
        "reports",
        "",
        "300",
        "exact",
        "count",
        "period",
    );
    let claim = |v: &str| {
        format!("r,2014-06-03,,,Office,national,reports,,,{v},,at_least,per_day,rate,more than {v} daily,s,")
    };
    w.package("holds", &[total.clone(), claim("10")], "");
    let line = checks(&w, "holds")
        .lines()
        .find(|l| l.starts_with("rate_claim"))
        .unwrap()
        .to_string();
    assert!(
        line.contains("10.0 per day = 300 / 30 days") && line.contains(",holds,"),
        "{line}"
    );
    w.package("fails", &[total.clone(), claim("11")], "");
    let line = checks(&w, "fails")
        .lines()
        .find(|l| l.starts_with("rate_claim"))
        .unwrap()
        .to_string();
    // A claim of June against a total of September: a tension, which --strict
    // lets pass unless --tensions is given.
    assert!(
        line.contains(",tension,") && line.contains("period differs"),
        "{line}"
    );
    w.run(&["reconcile", "--data", "fails", "--strict"]).ok();
    w.run(&["reconcile", "--data", "fails", "--strict", "--tensions"])
        .fails(1);
    // The same claim made within September, by the same office, of the same
    // region: a contradiction, which fails --strict.
    let same =
        "r,2014-09-15,,,Office,national,reports,,,11,,at_least,per_day,rate,more than 11 daily,s,"
            .to_string();
    w.package("contradicts", &[total, same], "");
    let line = checks(&w, "contradicts")
        .lines()
        .find(|l| l.starts_with("rate_claim"))
        .unwrap()
        .to_string();
    assert!(
        line.contains(",contradicts,")
            && line.contains("period: 2014-09-15 within 2014-09-01..2014-09-30"),
        "{line}"
    );
    w.run(&["reconcile", "--data", "contradicts", "--strict"])
        .fails(1);
}

#[test]
fn a_part_larger_than_its_total_fails() {
    let w = Workdir::new();
    w.package(
        "p",
        &[
            row(
                "t",
                "2014-09-30",
                "arrests",
                "",
                "10",
                "exact",
                "count",
                "event",
            ),
            row(
                "d",
                "2014-09-30",
                "detentions",
                "",
                "12",
                "exact",
                "count",
                "event",
            ),
        ],
        "t,d,partial\n",
    );
    let line = checks(&w, "p")
        .lines()
        .find(|l| l.starts_with("part_exceeds_total"))
        .unwrap()
        .to_string();
    assert!(line.contains(",contradicts,"), "{line}");
    let rel = w.run(&["reconcile", "--data", "p", "--format", "csv"]).ok();
    assert!(
        rel.lines().nth(1).unwrap().ends_with(",partial_violation"),
        "{rel}"
    );
}

/// A rule the package declares ("destroyed never exceeds seized"): it holds, it is
/// contradicted by figures of the same span, region and body, and it is in tension
/// with figures of another span.
#[test]
fn declared_rules_are_verdicts() {
    let w = Workdir::new();
    let fig = |id: &str, metric: &str, start: &str, end: &str, v: &str| {
        format!("{id},{end},{start},{end},Office,national,{metric},,,{v},,exact,count,period,{v} items,s,")
    };
    let rules = r#""cleanweb:rules": [{"name": "destroyed_within_seized", "figure": {"metric": "destroyed"},
        "at_most": {"metric": "seized"}, "why": "what is destroyed was seized first"}],"#;
    let cases = [
        ("holds", "2014-09-01", "90", "holds", 0),
        ("contradicts", "2014-09-01", "120", "contradicts", 1),
        ("tension", "2014-09-20", "120", "tension", 0),
    ];
    for (name, start, destroyed, verdict, strict) in cases {
        w.package(
            name,
            &[
                fig("s", "seized", "2014-09-01", "2014-09-30", "100"),
                fig("d", "destroyed", start, "2014-09-30", destroyed),
            ],
            "",
        );
        let dp = w.path(&format!("{name}/datapackage.json"));
        let text = std::fs::read_to_string(&dp).unwrap();
        std::fs::write(
            &dp,
            text.replacen("\"resources\"", &format!("{rules}\"resources\""), 1),
        )
        .unwrap();
        let line = checks(&w, name)
            .lines()
            .find(|l| l.starts_with("declared_rule"))
            .unwrap_or_else(|| panic!("{name}: no rule checked"))
            .to_string();
        assert!(line.contains(&format!(",{verdict},")), "{name}: {line}");
        assert!(
            line.contains("destroyed_within_seized") && line.contains("d s"),
            "{line}"
        );
        assert_eq!(
            w.run(&["reconcile", "--data", name, "--strict"]).code(),
            strict,
            "{name}"
        );
    }
    let dp = w.path("holds/datapackage.json");
    let text = std::fs::read_to_string(&dp).unwrap();
    std::fs::write(&dp, text.replace("\"at_most\"", "\"at_mots\"")).unwrap();
    let err = w.run(&["validate", "--data", "holds"]).fails(1);
    assert!(err.contains("'cleanweb:rules[0].at_mots': 'at_mots' is not a key of a rule (did you mean 'at_most'?)"), "{err}");
}

/// Running totals of related series (one metric and region, another category) that
/// rise by more than a factor between consecutive figures are a tension: the 2014
/// accounts, from more than 4,800 on 3 June to more than 20 million on 20 June.
#[test]
fn jumps_between_related_series_are_tensions() {
    let out = Workdir::new()
        .run(&["reconcile", "--format", "csv", "--section", "checks"])
        .ok();
    let line = out
        .lines()
        .find(|l| l.starts_with("related_series_jump"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("a factor of 4167 between the stated figures in 17 days")
            && line.contains(",tension,")
            && line.contains("accounts_closed_0603 accounts_closed_0620"),
        "{line}"
    );
    let w = Workdir::new();
    let snap = |id: &str, date: &str, category: &str, v: &str| {
        format!("{id},{date},2014-04-01,{date},Office,national,accounts_closed,{category},,{v},,exact,count,cumulative,closed {v} accounts,s,")
    };
    w.package(
        "p",
        &[
            snap("a", "2014-05-01", "", "100"),
            snap("b", "2014-05-20", "fraud", "900"),
        ],
        "",
    );
    let jump = |factor: &str| {
        w.run(&[
            "reconcile",
            "--data",
            "p",
            "--format",
            "csv",
            "--section",
            "checks",
            "--jump-factor",
            factor,
        ])
        .ok()
        .lines()
        .any(|l| l.starts_with("related_series_jump"))
    };
    // 900 / 100 = 9: past a factor of 5, within the default 10.
    assert!(jump("5"));
    assert!(!jump("10"));
    w.run(&["reconcile", "--data", "p", "--jump-factor", "1"])
        .fails(2);
}

/// A region's figure above the national running total that covers it is a tension;
/// the figures that fit are counted.
#[test]
fn a_region_above_the_nation_is_a_tension() {
    let w = Workdir::new();
    let fig = |id: &str, region: &str, date: &str, v: &str, basis: &str| {
        let period = if basis == "cumulative" {
            format!("2014-04-01,{date}")
        } else {
            ",".into()
        };
        format!("{id},{date},{period},Office,{region},websites_closed,,,{v},,exact,count,{basis},closed {v} sites,s,")
    };
    w.package(
        "p",
        &[
            fig("n", "national", "2014-05-31", "100", "cumulative"),
            fig("a", "Province A", "2014-05-10", "120", "event"),
            fig("b", "Province B", "2014-05-12", "50", "event"),
        ],
        "",
    );
    let out = checks(&w, "p");
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("region_above_national"))
        .collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains(",tension,") && lines[0].contains("Province A's 120 to 2014-05-10 is more than the national running total of 100 to 2014-05-31"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains(",holds,") && lines[1].contains("1 regional figure is within"),
        "{}",
        lines[1]
    );
}

/// A running total stated two weeks after the day it runs to is checked against the
/// total announced at that day: agreeing, it holds; disagreeing, it contradicts when
/// one body said both, and is a tension when two bodies did.
#[test]
fn a_later_statement_about_an_earlier_date_meets_the_snapshot_of_that_date() {
    let w = Workdir::new();
    let snap = |id: &str, date: &str, end: &str, body: &str, v: &str| {
        format!("{id},{date},2014-04-01,{end},{body},national,websites_closed,,,{v},,exact,count,cumulative,closed {v} sites,s,")
    };
    let verdict = |later: &str, body: &str| {
        w.package(
            "p",
            &[
                snap("april", "2014-04-30", "2014-04-30", "Office", "110"),
                snap("june", "2014-06-20", "2014-04-30", body, later),
            ],
            "",
        );
        let out = w
            .run(&[
                "reconcile",
                "--data",
                "p",
                "--format",
                "csv",
                "--section",
                "checks",
            ])
            .ok();
        out.lines()
            .find(|l| l.starts_with("later_statement"))
            .unwrap_or_else(|| panic!("{out}"))
            .to_string()
    };
    assert!(verdict("110", "Office").contains(",holds,"));
    let same = verdict("422", "Office");
    assert!(
        same.contains(",contradicts,")
            && same.contains("on 2014-06-20 the total to 2014-04-30 is given as 422, but on 2014-04-30 it was announced as 110"),
        "{same}"
    );
    w.run(&["reconcile", "--data", "p", "--strict"]).fails(1);
    let other = verdict("422", "Bureau");
    assert!(
        other.contains(",tension,") && other.contains("body differs: Bureau against Office"),
        "{other}"
    );
    w.run(&["reconcile", "--data", "p", "--strict"]).ok();
}

/// Two contradictions that rest on one figure, and on no other figure together,
/// name it as the figure to doubt.
#[test]
fn the_figure_behind_every_contradiction_is_named() {
    let w = Workdir::new();
    let snap = |id: &str, date: &str, end: &str, v: &str| {
        format!("{id},{date},2014-04-01,{end},Office,national,websites_closed,,,{v},,exact,count,cumulative,closed {v} sites,s,")
    };
    w.package(
        "p",
        &[
            snap("april", "2014-04-30", "2014-04-30", "110"),
            snap("june", "2014-06-20", "2014-04-30", "422"),
            snap("july", "2014-07-20", "2014-04-30", "422"),
        ],
        "",
    );
    let out = w
        .run(&[
            "reconcile",
            "--data",
            "p",
            "--format",
            "csv",
            "--section",
            "checks",
        ])
        .ok();
    let named: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("'april' is the one figure behind all 2 contradictions"))
        .collect();
    assert_eq!(named.len(), 2, "{out}");
}

/// A figure published rounded carries its rounding into the checks: "1.2 million"
/// is 1,150,000 to 1,250,000 against its parts, a share of "70%" is 69.5 to 70.5, and
/// `describe` and `export --checked` say which figures are rounded and to what.
#[test]
fn rounded_figures_are_checked_within_their_rounding() {
    let w = Workdir::new();
    let fig = |id: &str, category: &str, v: &str, quote: &str| {
        format!("{id},2014-09-30,2014-09-01,2014-09-30,Office,national,copies_seized,{category},,{v},,exact,count,period,{quote},s,")
    };
    let parts = |a: &str, b: &str| {
        vec![
            fig("t", "", "1200000", "seized 1.2 million copies"),
            fig("a", "books", a, &format!("{a} books")),
            fig("b", "discs", b, &format!("{b} discs")),
        ]
    };
    let status = |rows: Vec<String>| {
        w.package("p", &rows, "t,a,complete\nt,b,complete\n");
        w.run(&[
            "reconcile",
            "--data",
            "p",
            "--format",
            "csv",
            "--section",
            "relations",
        ])
        .ok()
    };
    // 1,234,000 is not 1,200,000, but it is within what "1.2 million" allows.
    let within = status(parts("700000", "534000"));
    assert!(
        within.contains(",consistent") && within.contains("1150000,1250000"),
        "{within}"
    );
    let beyond = status(parts("700000", "600000"));
    assert!(beyond.contains(",mismatch"), "{beyond}");
    let described = w.run(&["describe", "--data", "p"]).ok();
    assert!(
        described.contains("Rounded figures") && described.contains("1,150,000 to 1,250,000"),
        "{described}"
    );
    let exported = w.run(&["export", "--data", "p", "--checked"]).ok();
    assert!(
        exported
            .lines()
            .next()
            .unwrap()
            .ends_with(",rounded_to,items,checked_low,checked_high")
            && exported.contains(",100000,,1150000,1250000"),
        "{exported}"
    );

    // A share claimed as "70%" holds against a computed 69.6%: within its rounding.
    let share = |claimed: &str| {
        let rows = vec![
            fig("t", "", "1000", "1000 reports"),
            fig("a", "porn", "696", "696 porn"),
            fig("b", "other", "304", "304 other"),
            format!("s,2014-10-03,,,Office,national,copies_seized,porn,,70,,exact,percent,share,{claimed} of the reports,s,"),
        ];
        w.package("p", &rows, "t,a,complete\nt,b,complete\n");
        let out = w
            .run(&[
                "reconcile",
                "--data",
                "p",
                "--format",
                "csv",
                "--section",
                "checks",
            ])
            .ok();
        out.lines()
            .find(|l| l.starts_with("share_claim"))
            .unwrap_or_else(|| panic!("{out}"))
            .to_string()
    };
    assert!(share("70%").contains(",holds,"), "{}", share("70%"));
    assert!(!share("70.0%").contains(",holds,"), "{}", share("70.0%"));
}

/// A daily rate claimed over a span of its own is checked against every total with a
/// span: over the same span it can contradict; over a longer or a shorter one the
/// average may differ, so it is a tension, and the check says which.
#[test]
fn a_rate_over_one_span_meets_totals_over_longer_and_shorter_spans() {
    let w = Workdir::new();
    let total = |id: &str, start: &str, end: &str, v: &str| {
        format!("{id},{end},{start},{end},Centre,national,reports,,,{v},,exact,count,period,received {v} reports,s,")
    };
    let rate = |v: &str| {
        format!("r,2014-09-10,2014-09-01,2014-09-10,Centre,national,reports,,,{v},,exact,per_day,rate,{v} reports a day,s,")
    };
    let lines = |claimed: &str| {
        w.package(
            "p",
            &[
                total("ten", "2014-09-01", "2014-09-10", "5000"),
                total("month", "2014-09-01", "2014-09-30", "9000"),
                rate(claimed),
            ],
            "",
        );
        w.run(&[
            "reconcile",
            "--data",
            "p",
            "--format",
            "csv",
            "--section",
            "checks",
        ])
        .ok()
        .lines()
        .filter(|l| l.starts_with("rate_claim"))
        .map(str::to_string)
        .collect::<Vec<_>>()
    };
    // 500 a day over 1-10 September: 5,000 in those ten days, 300 a day over the month.
    let fits = lines("500");
    assert_eq!(fits.len(), 2, "{fits:?}");
    assert!(
        fits[0].contains("500.0 per day = 5,000 / 10 days") && fits[0].contains(",holds,"),
        "{fits:?}"
    );
    assert!(
        fits[1].contains("300.0 per day = 9,000 / 30 days")
            && fits[1].contains(",tension,")
            && fits[1].contains("the rate's span is shorter than the total's"),
        "{fits:?}"
    );
    let off = lines("800");
    assert!(off[0].contains(",contradicts,"), "{off:?}");
    w.run(&["reconcile", "--data", "p", "--strict"]).fails(1);
}
