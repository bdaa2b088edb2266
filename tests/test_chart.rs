//! `cleanweb chart`: real files from the real binary, kinds, refusals, and no file
//! left behind by a failed render.

use crate::util::{Workdir, HEADER};

#[test]
fn svg_and_png_by_extension() {
    let w = Workdir::new();
    w.run(&[
        "chart", "--metric", "arrests", "--by", "month", "--basis", "event", "--out", "a.svg",
    ])
    .ok();
    w.run(&[
        "chart", "--metric", "arrests", "--by", "month", "--basis", "event", "--out", "a.png",
    ])
    .ok();
    let svg = std::fs::read_to_string(w.path("a.svg")).unwrap();
    assert!(
        svg.contains("Arrests by month") && svg.contains("not reported"),
        "{svg}"
    );
    let png = std::fs::read(w.path("a.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let err = w
        .run(&[
            "chart", "--metric", "arrests", "--by", "month", "--out", "a.gif",
        ])
        .fails(1);
    assert!(err.contains(".svg or .png"), "{err}");
}

#[test]
fn every_kind_draws() {
    let w = Workdir::new();
    let runs: [&[&str]; 5] = [
        &[
            "--metric", "arrests", "--by", "month", "--basis", "event", "--kind", "bar",
        ],
        &[
            "--metric", "arrests", "--by", "region", "--basis", "event", "--kind", "hbar",
        ],
        &[
            "--metric",
            "websites_closed",
            "--by",
            "month",
            "--basis",
            "cumulative",
            "--region",
            "national",
            "--kind",
            "step",
        ],
        &[
            "--metric",
            "arrests,dens_raided",
            "--by",
            "month",
            "--basis",
            "event",
            "--stack-by",
            "metric",
        ],
        &[
            "--metric",
            "fines_yuan",
            "--by",
            "entity",
            "--basis",
            "event",
            "--kind",
            "range",
        ],
    ];
    for (i, args) in runs.iter().enumerate() {
        let out = format!("c{i}.svg");
        let mut all = vec!["chart"];
        all.extend_from_slice(args);
        all.extend(["--out", &out]);
        w.run(&all).ok();
        assert!(std::fs::read_to_string(w.path(&out))
            .unwrap()
            .starts_with("<svg"));
    }
}

#[test]
fn refusals_leave_no_file() {
    let w = Workdir::new();
    let err = w
        .run(&[
            "chart",
            "--metric",
            "websites_closed",
            "--by",
            "month",
            "--out",
            "x.svg",
        ])
        .fails(2);
    assert!(err.contains("--basis"), "{err}");
    assert!(!w.path("x.svg").exists());
    w.write(
        "cjk.csv",
        format!(
            "{HEADER}\na,2014-04-17,,,Office,广东,websites_closed,,,256,,exact,count,event,q,s,\n"
        ),
    );
    let err = w
        .run(&[
            "chart",
            "--data",
            "cjk.csv",
            "--metric",
            "websites_closed",
            "--by",
            "region",
            "--out",
            "x.png",
        ])
        .fails(1);
    assert!(err.contains("cannot draw"), "{err}");
    assert!(!w.path("x.png").exists());
}
