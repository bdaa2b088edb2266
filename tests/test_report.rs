//! `cleanweb report`: the set of files, the manifest's hashes, determinism, and the
//! committed `charts/` being current.

use sha2::{Digest, Sha256};

use crate::util::Workdir;

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn report_writes_the_set_with_a_true_manifest_and_is_deterministic() {
    let w = Workdir::new();
    w.run(&["report", "--out", "a"]).ok();
    w.run(&["report", "--out", "b"]).ok();
    let names = |d: &str| {
        let mut v: Vec<String> = std::fs::read_dir(w.path(d))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    };
    let files = names("a");
    assert_eq!(files, names("b"));
    for must in [
        "report.md",
        "manifest.json",
        "observations.csv",
        "reconciliation.json",
    ] {
        assert!(files.iter().any(|f| f == must), "{must} missing: {files:?}");
    }
    for f in &files {
        assert_eq!(
            std::fs::read(w.path("a").join(f)).unwrap(),
            std::fs::read(w.path("b").join(f)).unwrap(),
            "{f} differs between runs"
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.path("a/manifest.json")).unwrap()).unwrap();
    let outputs = manifest["outputs"].as_array().unwrap();
    assert_eq!(
        outputs.len(),
        files.len() - 1,
        "every file but the manifest is listed"
    );
    for o in outputs {
        let name = o["name"].as_str().unwrap();
        assert_eq!(
            o["sha256"].as_str().unwrap(),
            hex(&std::fs::read(w.path("a").join(name)).unwrap()),
            "{name}"
        );
    }
    assert!(!manifest["inputs"].as_array().unwrap().is_empty());
}

#[test]
fn the_committed_charts_folder_is_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let w = Workdir::new();
    w.run(&["report", "--out", "fresh"]).ok();
    for entry in std::fs::read_dir(w.path("fresh")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let committed = std::fs::read(root.join("charts").join(&name)).unwrap_or_else(|_| {
            panic!(
                "charts/{} is missing: run `cargo run --release -- report`",
                name.to_string_lossy()
            )
        });
        assert!(
            committed == std::fs::read(entry.path()).unwrap(),
            "charts/{} is stale: run `cargo run --release -- report` and commit",
            name.to_string_lossy()
        );
    }
}

#[test]
fn a_failed_report_leaves_the_previous_one_in_place() {
    let w = Workdir::new();
    w.run(&["report", "--out", "out"]).ok();
    let before = std::fs::read(w.path("out/report.md")).unwrap();
    w.write("bad.csv", "id,date\n");
    w.run(&["report", "--data", "bad.csv", "--out", "out"])
        .fails(1);
    assert_eq!(std::fs::read(w.path("out/report.md")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(w.path("out"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".cleanweb-")
        })
        .collect();
    assert!(leftovers.is_empty());
}
