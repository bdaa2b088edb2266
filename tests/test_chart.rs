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
            "{HEADER}\na,2014-04-17,,,Office,경기도,websites_closed,,,256,,exact,count,event,q,s,\n"
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
    assert!(err.contains("cannot draw") && err.contains('경'), "{err}");
    assert!(!w.path("x.png").exists());
}

/// Draws websites closed by region for a table whose one region is `region`.
fn region_chart(w: &Workdir, region: &str, out: &str) {
    let file = format!("{region}.csv");
    w.write(
        &file,
        format!("{HEADER}\na,2014-04-17,,,Office,{region},websites_closed,,,256,,exact,count,event,q,s,\n"),
    );
    w.run(&[
        "chart",
        "--data",
        &file,
        "--metric",
        "websites_closed",
        "--by",
        "region",
        "--out",
        out,
    ])
    .ok();
}

/// The RGB pixels of a PNG file.
fn pixels(path: &std::path::Path) -> Vec<u8> {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    buf
}

#[test]
fn chinese_labels_are_drawn_with_their_glyphs() {
    let w = Workdir::new();
    region_chart(&w, "广东", "gd.svg");
    let svg = std::fs::read_to_string(w.path("gd.svg")).unwrap();
    assert!(svg.contains("广东"), "{svg}");
    region_chart(&w, "广东", "gd.png");
    region_chart(&w, "广西", "gx.png");
    region_chart(&w, "广东省", "gds.png");
    let (gd, gx, gds) = (
        pixels(&w.path("gd.png")),
        pixels(&w.path("gx.png")),
        pixels(&w.path("gds.png")),
    );
    // One character changed or added changes the drawing: the glyphs are drawn, not
    // left out or drawn as the same empty box.
    let differing = gd.iter().zip(&gx).filter(|(a, b)| a != b).count();
    assert!(differing > 50, "{differing} bytes differ");
    assert!(gd != gds, "a third character changed nothing");
    // The same chart again is the same bytes.
    region_chart(&w, "广东", "gd2.png");
    let same =
        std::fs::read(w.path("gd.png")).unwrap() == std::fs::read(w.path("gd2.png")).unwrap();
    assert!(same, "the same chart gave other bytes");
}
