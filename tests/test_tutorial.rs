//! The tutorial runs as written: every ```sh block of docs/tutorial.md in order, in
//! one fresh folder, with the exit status it promises (`sh exits=1` blocks fail on
//! purpose); its result is the committed datasets/example-campaign/.

use std::path::Path;

use crate::util::Workdir;

fn blocks(markdown: &str) -> Vec<(String, i32)> {
    let mut out = Vec::new();
    let mut current: Option<(String, i32)> = None;
    for line in markdown.lines() {
        match &mut current {
            None => {
                if let Some(info) = line.strip_prefix("```sh") {
                    let code = if info.contains("exits=1") { 1 } else { 0 };
                    current = Some((String::new(), code));
                }
            }
            Some((body, _)) => {
                if line.starts_with("```") {
                    out.push(current.take().unwrap());
                } else {
                    body.push_str(line);
                    body.push('\n');
                }
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
    let bin = assert_cmd::cargo::cargo_bin("cleanweb");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let w = Workdir::new();
    for (body, code) in &blocks {
        let out = std::process::Command::new("bash")
            .args(["-e", "-c", body])
            .current_dir(w.root())
            .env("PATH", &path)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(*code),
            "block:\n{body}\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
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
}

#[test]
fn the_committed_example_is_valid_with_its_quotes() {
    let out = crate::util::validate_shipped("example-campaign", "press-release.txt");
    assert!(out.contains("9 observations, 3 relations"), "{out}");
}
