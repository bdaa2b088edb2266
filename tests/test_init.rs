//! `cleanweb init`, `describe`, `completions` and `man`.

use crate::util::Workdir;

#[test]
fn init_makes_a_package_that_validate_guides_to_completion() {
    let w = Workdir::new();
    w.run(&[
        "init",
        "autumn-wind",
        "--title",
        "Autumn Wind",
        "--source-title",
        "Press conference",
    ])
    .ok();
    for f in [
        "datapackage.json",
        "observations.csv",
        "relations.csv",
        "README.md",
    ] {
        assert!(w.path("autumn-wind").join(f).exists(), "{f}");
    }
    let err = w.run(&["validate", "--data", "autumn-wind"]).fails(1);
    assert!(
        err.contains("autumn-wind/observations.csv:2:1: the table has a header but no rows: add one row per published figure"),
        "{err}"
    );
    let row =
        "a,2015-09-01,,,Office,national,arrests,,,3,,exact,count,event,arrested 3 people,source,\n";
    let obs = w.path("autumn-wind/observations.csv");
    let mut text = std::fs::read_to_string(&obs).unwrap();
    text.push_str(row);
    std::fs::write(&obs, text).unwrap();
    let out = w.run(&["validate", "--data", "autumn-wind"]).ok();
    assert!(out.contains("Autumn Wind: 1 observations"), "{out}");
    // A metric outside the starter vocabulary is named, with the vocabulary.
    std::fs::write(
        &obs,
        format!(
            "{}{}",
            std::fs::read_to_string(&obs).unwrap(),
            row.replace("a,", "b,").replace("arrests", "raids")
        ),
    )
    .unwrap();
    let err = w.run(&["validate", "--data", "autumn-wind"]).fails(1);
    assert!(
        err.contains("field 'metric': 'raids' is not in the vocabulary"),
        "{err}"
    );
}

#[test]
fn init_never_overwrites() {
    let w = Workdir::new();
    w.write("mine/observations.csv", "precious");
    let err = w.run(&["init", "mine"]).fails(1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(w.path("mine/observations.csv")).unwrap(),
        "precious"
    );
    assert!(!w.path("mine/datapackage.json").exists());
}

#[test]
fn describe_the_default_dataset() {
    let out = Workdir::new().run(&["describe"]).ok();
    crate::util::snapshot("describe", &out);
    let json = Workdir::new().run(&["describe", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["metric"] == "websites_closed"));
    assert!(v["months_with_no_figure"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["month without a figure"] == "2014-10"));
}

#[test]
fn completions_and_man_page() {
    let w = Workdir::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = w.run(&["completions", shell]).ok();
        assert!(out.contains("aggregate"), "{shell}");
    }
    let man = w.run(&["man"]).ok();
    assert!(
        man.contains(".TH cleanweb"),
        "{}",
        &man[..200.min(man.len())]
    );
    w.run(&["completions", "tcsh"]).fails(2);
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    let w = Workdir::new();
    for cmd in [
        "validate",
        "export",
        "aggregate",
        "chart",
        "reconcile",
        "report",
        "describe",
        "init",
        "completions",
        "man",
    ] {
        let out = w.run(&[cmd, "--help"]).ok();
        assert!(out.contains("Example"), "{cmd} --help has no example");
    }
}
