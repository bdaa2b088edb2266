//! The tutorial runs as written: every ```sh block of docs/tutorial.md in order, in
//! one fresh folder, with the exit status it promises (`sh exits=1` blocks fail on
//! purpose), and with the output it shows: a ```text block right after a ```sh
//! block is what that block prints (standard output, then standard error; `...` and
//! `[..]` as in tests/test_docs.rs). Its result is the committed
//! datasets/example-campaign/.

use std::path::Path;

use crate::test_docs::{bash, lines_match, trimmed};
use crate::util::Workdir;

/// A ```sh block: its body, the exit status it promises, and the ```text block
/// after it, if any.
struct Block {
    body: String,
    code: i32,
    shown: Option<Vec<String>>,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // The fence open now: its info string and lines.
    let mut open: Option<(String, Vec<String>)> = None;
    // Whether only blank lines stand between the last ```sh block and here.
    let mut after_sh = false;
    for line in markdown.lines() {
        match &mut open {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    open = Some((info.to_string(), Vec::new()));
                } else if !line.trim().is_empty() {
                    after_sh = false;
                }
            }
            Some((info, body)) => {
                if !line.starts_with("```") {
                    body.push(line.to_string());
                    continue;
                }
                if let Some(rest) = info.strip_prefix("sh") {
                    let code = if rest.contains("exits=1") { 1 } else { 0 };
                    let mut text = body.join("\n");
                    text.push('\n');
                    out.push(Block {
                        body: text,
                        code,
                        shown: None,
                    });
                    after_sh = true;
                } else {
                    if info == "text" && after_sh {
                        out.last_mut().unwrap().shown = Some(body.clone());
                    }
                    after_sh = false;
                }
                open = None;
            }
        }
    }
    out
}

#[test]
fn the_tutorial_runs_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tutorial = std::fs::read_to_string(root.join("docs/tutorial.md")).unwrap();
    let blocks = blocks(&tutorial);
    assert!(blocks.len() >= 10, "{} blocks", blocks.len());
    let shown = blocks.iter().filter(|b| b.shown.is_some()).count();
    assert!(shown >= 12, "{shown} blocks show their output");
    let w = Workdir::new();
    for Block { body, code, shown } in &blocks {
        let (status, got) = bash(&w, "-e", body);
        assert_eq!(status, *code, "block:\n{body}\noutput:\n{got}");
        if let Some(shown) = shown {
            let shown = shown.join("\n");
            assert!(
                lines_match(&trimmed(&shown), &trimmed(&got)),
                "block:\n{body}\n--- the tutorial shows:\n{}\n--- the tool prints:\n{got}",
                shown
            );
        }
    }
    for f in [
        "datapackage.json",
        "observations.csv",
        "relations.csv",
        "README.md",
    ] {
        assert_eq!(
            std::fs::read_to_string(w.path("my-campaign").join(f)).unwrap(),
            std::fs::read_to_string(root.join("datasets/example-campaign").join(f)).unwrap(),
            "datasets/example-campaign/{f} is not what the tutorial makes"
        );
    }
    assert!(w.path("my-report/report.html").exists());
    // Part 2: the table as downloaded became a package with a hash, and a report.
    let dp = std::fs::read_to_string(w.path("requests/datapackage.json")).unwrap();
    assert!(
        dp.contains("\"share_of\": \"Items\"") && dp.contains("\"hash\": \"sha256:"),
        "{dp}"
    );
    assert!(w.path("requests-report/report.html").exists());
    assert!(std::fs::read_to_string(w.path("reports.svg"))
        .unwrap()
        .contains("pornography"));
    // Part 3: the bulletins' chart of the national total by month.
    let svg = std::fs::read_to_string(w.path("reports-by-month.svg")).unwrap();
    assert!(
        svg.contains("Reports received by month") && svg.contains("14.6 million"),
        "{svg}"
    );
}

#[test]
fn the_committed_example_is_valid_with_its_quotes() {
    let out = crate::util::validate_shipped("example-campaign", "press-release.txt");
    assert!(
        out.contains("9 observations, 1 total with 3 parts"),
        "{out}"
    );
}
