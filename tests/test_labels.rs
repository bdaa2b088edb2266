//! Every label true (issue 35): each filter of a question stated on the chart, its
//! narrow rendering and its text alternative, dimensions named by the table's own
//! headers; questions that find nothing say so; half-year tables described and
//! stacked by their periods; long labels wrapped, never cut into another label.
//! Expected sums worked out by hand from
//! `tests/data/platform-tables/half-year-requesters/requests.csv`.

use crate::chart_svg::parse;
use crate::util::Workdir;

fn data() -> String {
    format!(
        "{}/tests/data/platform-tables/half-year-requesters",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The texts of an SVG the binary wrote, in order.
fn texts(w: &Workdir, file: &str) -> Vec<String> {
    let svg = std::fs::read_to_string(w.path(file)).unwrap();
    parse(&svg)
        .into_iter()
        .filter(|e| e.name == "text")
        .map(|e| e.text.trim().to_string())
        .collect()
}

fn chart(w: &Workdir, args: &[&str]) -> Vec<String> {
    let d = data();
    let mut all = vec!["chart", "--data", d.as_str(), "--out", "c.svg"];
    all.extend_from_slice(args);
    w.run(&all).ok();
    texts(w, "c.svg")
}

#[test]
fn every_filter_kind_is_stated_on_the_chart() {
    let w = Workdir::new();
    // --where on a dimension with the role of region, by the header's words.
    let t = chart(
        &w,
        &[
            "--metric",
            "items",
            "--by",
            "period",
            "--where",
            "country_region=Russia",
        ],
    );
    assert!(t[1].contains("Country/Region: Russia"), "{t:?}");
    assert!(!t[1].contains("all regions"), "{t:?}");
    assert!(t.iter().all(|s| !s.contains("country_region")), "{t:?}");
    // 2023-H1: 800 + 2,100; 2023-H2: 900 + 2,500; 2024-H1: 700.
    for v in ["2,900", "3,400", "700"] {
        assert!(t.contains(&v.to_string()), "{v} in {t:?}");
    }
    // --where on a dimension of the table's own.
    let t = chart(
        &w,
        &[
            "--metric",
            "items",
            "--by",
            "country_region",
            "--where",
            "requester=Police",
        ],
    );
    assert_eq!(t[0], "Items by Country/Region");
    assert!(t[1].contains("Requester: Police"), "{t:?}");
    // Türkiye 60 + 70, Germany 30 + 25.
    assert!(
        t.contains(&"130".to_string()) && t.contains(&"55".to_string()),
        "{t:?}"
    );
    // --region.
    let t = chart(
        &w,
        &["--metric", "items", "--by", "period", "--region", "Germany"],
    );
    assert!(t[1].contains("Country/Region: Germany"), "{t:?}");
    // --to on period figures: the whole period must end by then.
    let t = chart(
        &w,
        &[
            "--metric",
            "items",
            "--by",
            "country_region",
            "--to",
            "2023-12-31",
        ],
    );
    assert!(t[1].contains("periods ending by 31 Dec 2023"), "{t:?}");
    // --from on running totals of the default dataset; --up-to; --category.
    let run = |args: &[&str]| {
        let mut all = vec!["chart", "--out", "d.svg"];
        all.extend_from_slice(args);
        w.run(&all).ok();
        texts(&w, "d.svg")
    };
    let t = run(&[
        "--metric", "arrests", "--by", "region", "--basis", "event", "--up-to", "province",
    ]);
    assert!(t[1].contains("; by province;"), "{t:?}");
    let t = run(&[
        "--metric",
        "reports_received",
        "--by",
        "month",
        "--category",
        "fraud",
    ]);
    assert!(t[1].contains("; fraud;"), "{t:?}");
    let t = run(&[
        "--metric",
        "cases_handled",
        "--by",
        "category",
        "--basis",
        "cumulative",
        "--region",
        "national",
        "--from",
        "2014-12-25",
    ]);
    assert!(
        t[1].contains("national figures; announced 25 Dec 2014 or later"),
        "{t:?}"
    );
    // A subtitle given keeps the filters it does not state.
    let t = chart(
        &w,
        &[
            "--metric",
            "items",
            "--by",
            "period",
            "--where",
            "requester=Police",
            "--subtitle",
            "Items named",
        ],
    );
    assert_eq!(t[1], "Items named; Requester: Police", "{t:?}");
}

#[test]
fn a_views_where_is_in_its_subtitle_text_alternative_and_narrow_rendering() {
    let w = Workdir::new();
    w.run(&["report", "--data", &data(), "--out", "r"]).ok();
    let html = std::fs::read_to_string(w.path("r/report.html")).unwrap();
    let labels = crate::chart_svg::aria_labels(&html);
    for (title, filter) in [
        (
            "Items Russia asked the platform to remove.",
            "Country/Region: Russia",
        ),
        ("Items by Country/Region.", "Requester: Police"),
    ] {
        let alts: Vec<&String> = labels.iter().filter(|l| l.starts_with(title)).collect();
        // The wide and the narrow rendering each carry the text alternative.
        assert_eq!(alts.len(), 2, "{title} in {labels:?}");
        assert!(alts.iter().all(|a| a.contains(filter)), "{alts:?}");
    }
    // The narrow rendering draws the filter in its (wrapped) subtitle.
    let narrow = html.split("chart narrow").nth(1).unwrap();
    let narrow = &narrow[..narrow.find("</svg>").unwrap()];
    let words: String = parse(narrow)
        .iter()
        .filter(|e| e.name == "text")
        .map(|e| e.text.trim().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("Country/Region: Russia"), "{words}");
    assert!(
        !html.contains("country_region:"),
        "snake_case id in a label"
    );
}

#[test]
fn a_where_value_not_in_the_data_is_a_usage_error_with_the_nearest() {
    let w = Workdir::new();
    let d = data();
    let ask = |filter: &str| {
        w.run(&[
            "aggregate",
            "--data",
            &d,
            "--metric",
            "items",
            "--by",
            "period",
            "--where",
            filter,
        ])
        .fails(2)
    };
    let e = ask("country_region=Turkey");
    assert!(
        e.contains("no country_region is 'Turkey'; did you mean 'Türkiye'?"),
        "{e}"
    );
    // Case is not ignored silently: suggested, not taken.
    let e = ask("country_region=russia");
    assert!(e.contains("did you mean 'Russia'?"), "{e}");
    let e = ask("period=2024H2");
    assert!(e.contains("no period is '2024H2'; did you mean"), "{e}");
    let e = ask("requester=Prosecutor");
    assert!(
        e.contains("the values are 'Court', 'Executive authority"),
        "{e}"
    );
    let e = w
        .run(&[
            "aggregate",
            "--metric",
            "arrests",
            "--by",
            "month",
            "--region",
            "Guangdon",
        ])
        .fails(2);
    assert!(
        e.contains("--region Guangdon: no region is 'Guangdon'; did you mean 'Guangdong'"),
        "{e}"
    );
}

#[test]
fn an_empty_answer_says_why_without_verbose() {
    let w = Workdir::new();
    let d = data();
    let r = w.run(&[
        "aggregate",
        "--data",
        &d,
        "--metric",
        "items",
        "--by",
        "month",
    ]);
    assert_eq!(r.ok().lines().count(), 1, "only the header");
    assert!(
        r.stderr()
            .contains("cover longer periods (2023-H1, 2023-H2, 2024-H1, 2025-H1); ask --by period"),
        "{}",
        r.stderr()
    );
    let r = w.run(&[
        "aggregate",
        "--data",
        &d,
        "--metric",
        "items",
        "--by",
        "period",
        "--basis",
        "event",
    ]);
    r.ok();
    assert!(
        r.stderr()
            .contains("no figure of items matches all of --basis event"),
        "{}",
        r.stderr()
    );
    let e = w
        .run(&[
            "chart", "--data", &d, "--metric", "items", "--by", "month", "--out", "m.svg",
        ])
        .fails(1);
    assert!(e.contains("ask --by period"), "{e}");
    assert!(!w.path("m.svg").exists());
}

#[test]
fn top_and_sort() {
    let w = Workdir::new();
    let d = data();
    let base = [
        "aggregate",
        "--data",
        d.as_str(),
        "--metric",
        "requests",
        "--by",
        "country_region",
        "--format",
        "csv",
    ];
    // Requests: Russia 120+300+140+350+130, Türkiye 90+15+80+20, Germany 12+9+5+4.
    let r = w.run(&[&base[..], &["--top", "2"]].concat());
    assert_eq!(r.ok(), "country_region,low,high,n,approx,note\nRussia,1040,1040,5,false,\nTürkiye,205,205,4,false,\n");
    assert!(
        r.stderr().contains("--top 2: 1 more rows not shown"),
        "{}",
        r.stderr()
    );
    let keys: Vec<String> = w
        .run(&[&base[..], &["--sort", "key"]].concat())
        .ok()
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(keys, ["Germany", "Russia", "Türkiye"]);
    let out = w.run(&[&base[..], &["--sort", "value"]].concat()).ok();
    assert!(
        out.lines().nth(3).unwrap().starts_with("Germany,30,30,4"),
        "{out}"
    );
}

#[test]
fn a_half_year_table_is_described_by_its_half_years() {
    let w = Workdir::new();
    let out = w
        .run(&["describe", "--data", &data(), "--format", "json"])
        .ok();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let gaps = v["periods_with_no_figure"].to_string();
    assert!(gaps.contains("2024-H2"), "{out}");
    assert!(v.get("months_with_no_figure").is_none(), "{out}");
    assert!(!out.contains("2023-07"), "{out}");
}

#[test]
fn stacked_bars_stand_on_half_years() {
    let w = Workdir::new();
    let t = chart(
        &w,
        &[
            "--metric",
            "items",
            "--by",
            "period",
            "--stack-by",
            "requester",
            "--where",
            "country_region=Türkiye",
        ],
    );
    // Türkiye: 2023-H1 Court 400 + Police 60; 2023-H2 Court 350; 2024-H1 Police 70.
    for s in ["2023-H1", "2023-H2", "2024-H1", "Court", "Police", "460"] {
        assert!(t.contains(&s.to_string()), "{s} in {t:?}");
    }
}

#[test]
fn the_largest_bars_label_wraps_and_is_never_cut_into_another() {
    let w = Workdir::new();
    let t = chart(
        &w,
        &[
            "--metric",
            "items",
            "--by",
            "requester",
            "--where",
            "country_region=Russia",
        ],
    );
    assert!(t.iter().all(|s| !s.starts_with('…')), "{t:?}");
    let i = t
        .iter()
        .position(|s| s.starts_with("Executive authority"))
        .unwrap();
    assert_eq!(
        format!("{} {}", t[i], t[i + 1]),
        "Executive authority acting under Federal Law No. 149-FZ on Information and its Protection"
    );
    // 2,100 + 2,500 against 800 + 900 + 700.
    assert!(
        t.contains(&"4,600".to_string()) && t.contains(&"2,400".to_string()),
        "{t:?}"
    );
}
