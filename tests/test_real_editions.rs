//! Two editions of a real published table (tests/data/real/README.md): Google's
//! government removal requests of 2022-H1 as published in 2023 and in 2025. The
//! header `Requester` became `Requestor`, `Turkey` became `Türkiye`, counts were
//! revised down, and one of Russia's requester types was split off. Every expected
//! figure is computed from the same files by `tests/data/real/expected.py`.

use crate::test_real_tables::{decide_google, expected, init, REAL};
use crate::util::Workdir;

const OLD: &str = "removals-2022H1-2023ed.csv";
const NEW: &str = "removals-2022H1-2025ed.csv";

/// Both editions as packages `old` and `new`, decided alike; the tables are also
/// in the work dir's root.
fn editions() -> Workdir {
    let w = Workdir::new();
    init(&w, &format!("google-removals/{OLD}"), "old", &[]);
    init(&w, &format!("google-removals/{NEW}"), "new", &[]);
    decide_google(&w, "old");
    decide_google(&w, "new");
    w
}

/// Sets `key` of the mapping of package `dir` to the JSON `value`.
fn map(w: &Workdir, dir: &str, key: &str, value: &str) {
    let path = w.path(&format!("{dir}/datapackage.json"));
    let mut dp: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    dp["resources"][0]["cleanweb:mapping"][key] = serde_json::from_str(value).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(&dp).unwrap()).unwrap();
}

const OTHER_HEADERS: &str = r#"{"Requestor": ["Requester"]}"#;
const SPELLINGS: &str = r#"{"country_region": {"Türkiye": ["Turkey"]}}"#;

type Row = std::collections::HashMap<String, String>;

/// The rows of a CSV output, each a map from its header.
fn records(out: &str) -> Vec<Row> {
    crate::util::csv_records(out)
}

fn count(rows: &[Row], change: &str) -> u64 {
    rows.iter().filter(|r| r["change"] == change).count() as u64
}

fn n(v: &serde_json::Value) -> u64 {
    v.as_u64().unwrap()
}

#[test]
fn google_editions_under_one_mapping_read_the_renamed_column_and_country() {
    let w = editions();
    let e = expected();
    map(&w, "new", "other_headers", OTHER_HEADERS);
    map(&w, "new", "spellings", SPELLINGS);
    let diff = |extra: &[&str]| {
        let mut args = vec!["diff", OLD, NEW, "--mapping", "new", "--format", "csv"];
        args.extend_from_slice(extra);
        w.run(&args).ok()
    };
    let rows = records(&diff(&["--metric", "number_of_requests"]));
    // 95 counts revised down, and 6 of Türkiye's 7 (its police count is unchanged),
    // read as revisions: Turkey is Türkiye under the mapping.
    assert_eq!(
        count(&rows, "revised"),
        n(&e["renamed_requests_revised_down"])
    );
    assert!(rows
        .iter()
        .filter(|r| r["change"] == "revised")
        .all(|r| r["revision_high"].parse::<i64>().unwrap() < 0));
    assert_eq!(count(&rows, "added"), n(&e["renamed_keys_added"]));
    assert_eq!(count(&rows, "removed"), n(&e["renamed_keys_removed"]));
    let added = rows.iter().find(|r| r["change"] == "added").unwrap();
    assert_eq!(
        added["requester"],
        "Information and Communications Authority Under Federal Law 276-FZ"
    );
    // Revisions first; numbers plain (Russia's 21,633 is 21633).
    assert_eq!(rows[0]["change"], "revised");
    for r in &rows {
        for k in ["old", "new"] {
            assert!(r[k].is_empty() || r[k].parse::<u64>().is_ok(), "{r:?}");
        }
    }
    let russia = rows
        .iter()
        .find(|r| r["country_region"] == "Russia" && r["requester"].ends_with("Authority"))
        .unwrap();
    assert_eq!([&russia["old"], &russia["new"]], ["21633", "21387"]);
    // Sums over the period both cover: old 37,951, new 35,220, revised by -2,731;
    // the items of Russia's split type add up to what the old edition gave whole.
    let totals = records(&diff(&["--section", "totals"]));
    let requests = totals
        .iter()
        .find(|r| r["metric"] == "number_of_requests")
        .unwrap();
    let (old_total, new_total) = (n(&e["old_requests_total"]), n(&e["new_requests_total"]));
    assert_eq!(
        [&requests["old_low"], &requests["old_high"]],
        [&old_total.to_string(), &old_total.to_string()]
    );
    assert_eq!(requests["new_low"], new_total.to_string());
    let revision = new_total as i64 - old_total as i64;
    assert_eq!(
        [&requests["revision_low"], &requests["revision_high"]],
        [&revision.to_string(), &revision.to_string()]
    );
    let items = totals
        .iter()
        .find(|r| r["metric"] == "items_requested_to_be_removed")
        .unwrap();
    assert_eq!(items["old_low"], e["old_items_total"].to_string());
    assert_eq!(items["new_low"], e["new_items_total"].to_string());
    assert_eq!(
        [
            &items["revision_low"],
            &items["revised_down"],
            &items["added"]
        ],
        ["0", "1", "1"]
    );
    let share = totals
        .iter()
        .find(|r| r["metric"] == "removed_legal_share")
        .unwrap();
    assert_eq!(share["old_low"], "", "shares are never added");
    // Narrowed: the old spelling finds the country; a requester type.
    let turkey = records(&diff(&[
        "--metric",
        "number_of_requests",
        "--where",
        "country_region=Turkey",
    ]));
    assert_eq!(turkey.len() as u64, n(&e["renamed_turkiye_revised"]));
    assert!(turkey.iter().all(|r| r["country_region"] == "Türkiye"));
    let police = records(&diff(&[
        "--metric",
        "number_of_requests",
        "--where",
        "requester=Police",
    ]));
    assert_eq!(
        count(&police, "revised"),
        n(&e["renamed_requests_revised_police"])
    );
    assert_eq!(
        police.len() as u64,
        n(&e["renamed_requests_revised_police"])
    );
    // JSON numbers are numbers.
    let json = w
        .run(&["diff", OLD, NEW, "--mapping", "new", "--format", "json"])
        .ok();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["figures"][0]["old"].is_number(), "{}", v["figures"][0]);
    assert!(v["totals"][0]["revised_up"].is_number());
    // A value no figure has is a usage error naming the nearest.
    let err = w
        .run(&[
            "diff",
            OLD,
            NEW,
            "--mapping",
            "new",
            "--where",
            "country_region=Rusia",
        ])
        .fails(2);
    assert!(
        err.contains(
            "no figure of either edition has country_region 'Rusia' (did you mean 'Russia'?)"
        ),
        "{err}"
    );
    let err = w
        .run(&["diff", OLD, NEW, "--mapping", "new", "--metric", "requests"])
        .fails(2);
    assert!(
        err.contains("no figure of either edition has metric 'requests'"),
        "{err}"
    );
}

#[test]
fn google_editions_whose_column_was_renamed_say_how_to_read_both() {
    let w = editions();
    let err = w.run(&["diff", OLD, NEW, "--mapping", "new"]).fails(1);
    assert!(
        err.contains(&format!("'Requestor' is not a column of {OLD} (did you mean 'Requester'?); if it is the column's header in another edition of the table, give it under \"other_headers\": {{\"Requestor\": [\"Requester\"]}}")),
        "{err}"
    );
}

#[test]
fn google_editions_renamed_country_without_spellings_is_shown_together() {
    let w = editions();
    let e = expected();
    let requests = || {
        let args = ["diff", "old", "new", "--metric", "number_of_requests"];
        records(&w.run(&[&args[..], &["--format", "csv"]].concat()).ok())
    };
    let rows = requests();
    assert_eq!(count(&rows, "revised"), n(&e["diff_requests_revised_down"]));
    let first_other = rows.iter().position(|r| r["change"] != "revised").unwrap();
    assert_eq!(first_other as u64, n(&e["diff_requests_revised_down"]));
    // Each of Turkey's 7 figures removed, then Türkiye's of the same requester type
    // added, with what to look at; Russia's new type after, alone.
    let turkey = n(&e["turkey_keys"]) as usize;
    for pair in rows[first_other..first_other + 2 * turkey].chunks(2) {
        assert_eq!(
            [&pair[0]["change"], &pair[1]["change"]],
            ["removed", "added"]
        );
        assert_eq!(
            [&pair[0]["country_region"], &pair[1]["country_region"]],
            ["Turkey", "Türkiye"]
        );
        assert_eq!(pair[0]["requester"], pair[1]["requester"]);
        for r in pair {
            assert!(r["look_at"].starts_with(
                "country_region: 'Turkey' in the old edition, 'Türkiye' in the new: a rename to look at"
            ), "{r:?}");
        }
    }
    let rest = &rows[first_other + 2 * turkey..];
    assert_eq!(rest.len() as u64, n(&e["renamed_keys_added"]));
    assert_eq!(rest[0]["look_at"], "");
    // The spellings in the new package alone read the old package's Turkey.
    map(&w, "new", "spellings", SPELLINGS);
    let rows = requests();
    assert_eq!(
        count(&rows, "revised"),
        n(&e["renamed_requests_revised_down"])
    );
    assert_eq!(count(&rows, "removed"), n(&e["renamed_keys_removed"]));
}

#[test]
fn google_editions_periods_only_one_covers_are_counted_not_listed() {
    let w = editions();
    let e = expected();
    map(&w, "new", "other_headers", OTHER_HEADERS);
    map(&w, "new", "spellings", SPELLINGS);
    // The new edition with a second half-year: its rows again, ending 2022-12-31.
    let table = std::fs::read_to_string(format!("{REAL}/google-removals/{NEW}")).unwrap();
    let mut longer = table.clone();
    for line in table.lines().skip(1) {
        longer.push_str(&line.replacen("2022-06-30", "2022-12-31", 1));
        longer.push('\n');
    }
    w.write("longer.csv", longer);
    let args = ["diff", OLD, "longer.csv", "--mapping", "new"];
    let periods = w.run(
        &[
            &args[..],
            &[
                "--metric",
                "number_of_requests",
                "--section",
                "periods",
                "--format",
                "csv",
            ],
        ]
        .concat(),
    );
    let rows = records(&periods.ok());
    let figures = n(&e["new_rows"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        [&rows[0]["period"], &rows[0]["only_in"], &rows[0]["figures"]],
        ["2022-12-31", "new", &figures.to_string()]
    );
    assert!(
        periods.stderr().contains(&format!(
            "note: {figures} figures for periods the old edition does not cover (2022-12-31)"
        )),
        "{}",
        periods.stderr()
    );
    // The figures and the sums are those of the period both cover.
    let out = w
        .run(
            &[
                &args[..],
                &["--metric", "number_of_requests", "--format", "csv"],
            ]
            .concat(),
        )
        .ok();
    let rows = records(&out);
    assert!(rows.iter().all(|r| r["period"] == "2022-06-30"));
    assert_eq!(
        count(&rows, "revised"),
        n(&e["renamed_requests_revised_down"])
    );
    let totals = records(
        &w.run(&[&args[..], &["--section", "totals", "--format", "csv"]].concat())
            .ok(),
    );
    let requests = totals
        .iter()
        .find(|r| r["metric"] == "number_of_requests")
        .unwrap();
    assert_eq!(requests["new_low"], e["new_requests_total"].to_string());
    // With --check, figures only one edition has are a difference.
    let code = w.run(&[&args[..], &["--check"]].concat()).code();
    assert_eq!(code, 1);
}

/// A requester type split in two in the new edition: the old figure and both new
/// ones shown together, as a split to look at; the sums by requester say how much
/// moved (31 in the old edition; 20 + 9 = 29 in the new).
#[test]
fn a_value_split_in_two_is_shown_with_what_it_became() {
    let w = Workdir::new();
    crate::test_shapes::shape(&w, "editions");
    crate::test_shapes::edit(
        &w,
        "editions/new/requests.csv",
        "2019-12-31,France,Court order,29,310,55,30,15\n",
        "2019-12-31,France,Court,20,200,55,30,15\n2019-12-31,France,Prosecutor,9,110,55,30,15\n",
    );
    let args = [
        "diff",
        "editions/old",
        "editions/new",
        "--metric",
        "removal_requests",
    ];
    let narrow = ["--where", "period=2019-H2", "--where", "country=France"];
    let out = w
        .run(&[&args[..], &narrow, &["--format", "csv"]].concat())
        .ok();
    let rows = records(&out);
    let shown: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            let value = if r["change"] == "removed" {
                &r["old"]
            } else {
                &r["new"]
            };
            (
                r["change"].as_str(),
                r["requester"].as_str(),
                value.as_str(),
                r["look_at"].as_str(),
            )
        })
        .collect();
    let look = "requester: 'Court order' in the old edition, 'Court', 'Prosecutor' in the new: a split or a rename to look at";
    assert_eq!(
        shown,
        [
            ("removed", "Court order", "31", look),
            ("added", "Court", "20", look),
            ("added", "Prosecutor", "9", look)
        ]
    );
    let totals = records(
        &w.run(
            &[
                &args[..],
                &narrow,
                &["--section", "totals", "--format", "csv"],
            ]
            .concat(),
        )
        .ok(),
    );
    assert_eq!(
        [
            &totals[0]["old_low"],
            &totals[0]["new_low"],
            &totals[0]["revision_low"]
        ],
        ["31", "29", "-2"]
    );
}
