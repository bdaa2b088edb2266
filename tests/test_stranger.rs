//! A package from a stranger (the issue of that name, and cases 29 to 40 of
//! BAD_INPUTS.md): nothing written outside `--out`, nothing read outside the
//! package, no markup from the package in a page, a report written whole or not at
//! all, keys unique in every table, a cache that cannot be forged. Each test is
//! named after the point it holds.

use std::path::Path;

use crate::util::{row, table, Workdir, HEADER};

/// A package of one observation table and the given `cleanweb:views` (a JSON list).
fn with_views(w: &Workdir, views: &str) {
    let rows = [
        row(
            "a",
            "2014-04-17",
            "sites_closed",
            "",
            "5",
            "exact",
            "count",
            "event",
        ),
        row(
            "b",
            "2014-05-17",
            "sites_closed",
            "",
            "7",
            "exact",
            "count",
            "event",
        ),
    ];
    w.write(
        "pkg/datapackage.json",
        format!(
            r#"{{"name":"p","resources":[
            {{"name":"observations","path":"observations.csv","schema":{{"fields":[{{"name":"value"}}]}}}}],
            "cleanweb:views": {views}}}"#
        ),
    );
    w.write("pkg/observations.csv", table(&rows));
}

/// An observation table of one figure of metric `m`.
fn one_figure() -> String {
    table(&[row(
        "a",
        "2014-04-17",
        "m",
        "",
        "5",
        "exact",
        "count",
        "event",
    )])
}

/// The names of the files in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn stranger_view_name_that_is_a_path_is_refused_before_anything_is_written() {
    for (name, shown) in [
        ("../../x", "'../../x' holds '.'"),
        ("/tmp/cleanweb-stranger-x", "holds '/'"),
        ("C:x", "holds ':'"),
        ("a b", "holds a space"),
        ("<img src=x onerror=alert(1)>", "holds '<'"),
        ("x\\\"y", "holds '\\'"),
        ("-x", "starts with '-'"),
        ("", "a view needs a name"),
    ] {
        let w = Workdir::new();
        let json_name = serde_json::to_string(name).unwrap();
        with_views(
            &w,
            &format!(r#"[{{"name": {json_name}, "metric": "sites_closed", "by": "month"}}]"#),
        );
        let err = w.run(&["validate", "--data", "pkg"]).fails(1);
        assert!(err.contains("cleanweb:views[0].name"), "{name}: {err}");
        assert!(err.contains(shown), "{name}: {err}");
        let err = w
            .run(&["report", "--data", "pkg", "--out", "out/r", "-q"])
            .fails(1);
        assert!(err.contains("cleanweb:views[0].name"), "{name}: {err}");
        // Nothing written: no report folder, no chart anywhere in the work folder.
        assert!(!w.path("out").exists(), "{name}");
        assert!(!w.path("x.svg").exists(), "{name}");
        assert!(!Path::new("/tmp/cleanweb-stranger-x.svg").exists());
    }
}

#[test]
fn stranger_view_names_that_collide_are_refused_naming_both() {
    let w = Workdir::new();
    with_views(
        &w,
        r#"[{"name": "closed", "metric": "sites_closed", "by": "month"},
            {"name": "closed", "metric": "sites_closed", "by": "category"}]"#,
    );
    let err = w.run(&["validate", "--data", "pkg"]).fails(1);
    assert!(
        err.contains("cleanweb:views[1].name")
            && err.contains("also the name of cleanweb:views[0]"),
        "{err}"
    );
    for own in [
        "observations",
        "manifest",
        "Report",
        "announcement",
        "reconciliation",
        "breakdown-x",
    ] {
        let w = Workdir::new();
        with_views(
            &w,
            &format!(r#"[{{"name": "{own}", "metric": "sites_closed", "by": "month"}}]"#),
        );
        let err = w.run(&["validate", "--data", "pkg"]).fails(1);
        assert!(
            err.contains("is the name of the report's own"),
            "{own}: {err}"
        );
    }
}

/// Markup, quotes, a script link and a right-to-left override in every text field of
/// a package that can reach a page.
const PAYLOAD: &str = "<img src=x onerror=alert(1)>\"'&javascript:alert(2)\u{202E}gpj.exe";

#[test]
fn stranger_text_reaches_every_page_escaped() {
    let w = Workdir::new();
    let p = PAYLOAD.replace('"', "\"\"");
    let rows = [
        format!("a{},2014-04-17,,,\"{p}\",\"{p}\",m,\"{p}\",\"{p}\",5,,exact,count,event,\"closed 5 {p}\",\"{p}\",\"{p}\"", ""),
        format!("b,2014-05-17,,,\"{p}\",national,m,\"{p}\",,7,,exact,count,event,\"closed 7 sites\",\"{p}\",\"{p}\""),
    ];
    let json = serde_json::to_string(PAYLOAD).unwrap();
    w.write(
        "pkg/datapackage.json",
        format!(
            r#"{{"name":"p","title":{json},"sources":[{{"name":{json},"title":{json}}}],"resources":[
            {{"name":"observations","path":"observations.csv","schema":{{"fields":[{{"name":"value"}}]}}}}],
            "cleanweb:titles": {{"metric": {{"m": {{"en": {json}}}}}}},
            "cleanweb:views": [{{"name":"v","title":{json},"subtitle":{json},"caption":{json},"metric":"m","by":"category"}}]}}"#
        ),
    );
    w.write(
        "pkg/observations.csv",
        format!("{HEADER}\n{}\n{}\n", rows[0], rows[1]),
    );
    w.run(&["report", "--data", "pkg", "--out", "out", "-q"])
        .ok();
    let mut pages = 0;
    for name in listing(&w.path("out")) {
        if !(name.ends_with(".html") || name.ends_with(".md") || name.ends_with(".svg")) {
            continue;
        }
        pages += 1;
        let text = std::fs::read_to_string(w.path(&format!("out/{name}"))).unwrap();
        for raw in ["<img", "onerror=alert(1)>", "\u{202E}", "](javascript"] {
            assert!(!text.contains(raw), "{name} holds {raw:?} unescaped");
        }
    }
    assert_eq!(pages, 3, "{:?}", listing(&w.path("out")));
    let svg = std::fs::read_to_string(w.path("out/v.svg")).unwrap();
    assert!(
        svg.contains("&lt;img src=x"),
        "the chart's title is drawn, escaped"
    );
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "the text is shown, escaped"
    );
    assert!(
        html.contains("[U+202E]"),
        "the override is shown as its code"
    );
    assert!(!html.contains("<script"), "a page without script");
}

#[test]
fn stranger_symlink_out_of_the_package_is_refused_and_nothing_of_its_target_printed() {
    let w = Workdir::new();
    w.write("secret.csv", "SECRET-HEADER,x\nSECRET-ROW,1\n");
    w.write("elsewhere/observations.csv", one_figure());
    let dp = r#"{"name":"p","resources":[
        {"name":"observations","path":"observations.csv","schema":{"fields":[{"name":"value"}]}},
        {"name":"relations","path":"relations.csv","schema":{"fields":[{"name":"total_id"}]}}]}"#;
    w.write("pkg/datapackage.json", dp);
    w.write("pkg/observations.csv", one_figure());
    std::os::unix::fs::symlink(w.path("secret.csv"), w.path("pkg/relations.csv")).unwrap();
    for cmd in ["validate", "aggregate", "report", "export"] {
        let mut args = vec![cmd, "--data", "pkg"];
        if cmd == "aggregate" {
            args.extend(["--metric", "m", "--by", "month"]);
        }
        if cmd == "report" {
            args.extend(["--out", "out", "-q"]);
        }
        let run = w.run(&args);
        let err = run.fails(1);
        assert!(
            err.contains("relations.csv: leads outside the package folder"),
            "{cmd}: {err}"
        );
        assert!(
            !err.contains("SECRET") && !run.stdout().contains("SECRET"),
            "{cmd}: {err}"
        );
    }
    assert!(!w.path("out").exists());
    // The table itself a link out, and a folder of the package a link out.
    std::fs::remove_file(w.path("pkg/relations.csv")).unwrap();
    w.write("pkg/relations.csv", "total_id,part_id,kind\n");
    std::fs::remove_file(w.path("pkg/observations.csv")).unwrap();
    std::os::unix::fs::symlink(
        w.path("elsewhere/observations.csv"),
        w.path("pkg/observations.csv"),
    )
    .unwrap();
    let err = w.run(&["validate", "--data", "pkg"]).fails(1);
    assert!(
        err.contains("observations.csv: leads outside the package folder"),
        "{err}"
    );
    w.write(
        "pkg2/datapackage.json",
        dp.replace("\"observations.csv\"", "\"data/observations.csv\""),
    );
    w.write("pkg2/relations.csv", "total_id,part_id,kind\n");
    std::os::unix::fs::symlink(w.path("elsewhere"), w.path("pkg2/data")).unwrap();
    let err = w.run(&["validate", "--data", "pkg2"]).fails(1);
    assert!(
        err.contains("data/observations.csv: leads outside the package folder"),
        "{err}"
    );
    // A link that stays inside the package is followed.
    w.write("pkg3/datapackage.json", dp);
    w.write("pkg3/relations.csv", "total_id,part_id,kind\n");
    w.write("pkg3/real/observations.csv", one_figure());
    std::os::unix::fs::symlink("real/observations.csv", w.path("pkg3/observations.csv")).unwrap();
    w.run(&["validate", "--data", "pkg3"]).ok();
}

/// Whether `dir` holds one whole report: every file its manifest lists, with the
/// bytes the manifest names, and nothing else.
fn whole_report(dir: &Path) -> Result<usize, String> {
    use sha2::Digest;
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("manifest.json")).map_err(|e| format!("no manifest: {e}"))?,
    )
    .map_err(|e| e.to_string())?;
    let outputs = manifest["outputs"].as_array().ok_or("no outputs")?;
    let mut listed: Vec<String> = vec!["manifest.json".into()];
    for o in outputs {
        let name = o["name"].as_str().ok_or("no name")?;
        let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let hex: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if o["sha256"] != hex.as_str() {
            return Err(format!("{name}: not the bytes the manifest names"));
        }
        listed.push(name.to_string());
    }
    listed.sort();
    let present = listing(dir);
    if present != listed {
        return Err(format!("files {present:?}, listed {listed:?}"));
    }
    Ok(outputs.len())
}

#[test]
fn stranger_report_is_written_whole_or_not_at_all() {
    let w = Workdir::new();
    with_views(
        &w,
        r#"[{"name": "closed", "metric": "sites_closed", "by": "month"}]"#,
    );
    w.run(&["report", "--data", "pkg", "--out", "out", "-q"])
        .ok();
    let first = whole_report(&w.path("out")).unwrap();
    // A second report of other charts leaves none of the first one's behind.
    with_views(
        &w,
        r#"[{"name": "closed-again", "metric": "sites_closed", "by": "month"}]"#,
    );
    w.run(&["report", "--data", "pkg", "--out", "out", "-q"])
        .ok();
    assert_eq!(whole_report(&w.path("out")).unwrap(), first);
    assert!(!w.path("out/closed.svg").exists());
    // Runs killed at every moment: the folder holds one whole report each time.
    let bin = assert_cmd::cargo::cargo_bin("cleanweb");
    for delay_ms in [0u64, 5, 20, 40, 80, 120, 200, 300] {
        let mut child = std::process::Command::new(&bin)
            .current_dir(w.root())
            .env("CLEANWEB_CACHE", w.path(".cache"))
            .args(["report", "--data", "pkg", "--out", "out", "-q"])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        whole_report(&w.path("out")).unwrap_or_else(|e| panic!("killed after {delay_ms} ms: {e}"));
    }
    // Two runs at once into one folder: one whole report, and no temporary folder
    // once a run has finished.
    let runs: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(&bin)
                .current_dir(w.root())
                .env("CLEANWEB_CACHE", w.path(".cache"))
                .args(["report", "--data", "pkg", "--out", "out", "-q"])
                .spawn()
                .unwrap()
        })
        .collect();
    for mut r in runs {
        assert!(r.wait().unwrap().success());
    }
    whole_report(&w.path("out")).unwrap();
    assert_eq!(listing(w.root()), ["out", "pkg"]);
    // A folder that holds anything else is not replaced.
    w.write("mine/notes.txt", "my notes");
    let err = w
        .run(&["report", "--data", "pkg", "--out", "mine", "-q"])
        .fails(1);
    assert!(
        err.contains("holds a file that no cleanweb report wrote (notes.txt)"),
        "{err}"
    );
    assert_eq!(listing(&w.path("mine")), ["notes.txt"]);
    let err = w
        .run(&["report", "--data", "pkg", "--out", "pkg", "-q"])
        .fails(1);
    assert!(err.contains("an input of this run"), "{err}");
}

#[test]
fn stranger_mapped_table_repeated_key_is_a_problem_at_both_lines() {
    let w = Workdir::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shapes/half-year");
    w.write(
        "pkg/datapackage.json",
        std::fs::read(src.join("datapackage.json")).unwrap(),
    );
    let mut csv = std::fs::read_to_string(src.join("requests.csv")).unwrap();
    let second = csv.lines().nth(1).unwrap().to_string();
    csv.push_str(&second);
    csv.push('\n');
    let repeat_line = csv.lines().count();
    w.write("pkg/requests.csv", &csv);
    let err = w.run(&["validate", "--data", "pkg"]).fails(1);
    assert!(err.contains("requests.csv:2:"), "{err}");
    assert!(
        err.contains(&format!("which line {repeat_line} gives again")),
        "{err}"
    );
    assert!(
        err.contains(&format!("requests.csv:{repeat_line}:")),
        "{err}"
    );
    assert!(err.contains("again, as line 2 does"), "{err}");
    // diff refuses such an edition, naming the repeat.
    w.write("new.csv", &csv);
    let err = w
        .run(&[
            "diff",
            "--mapping",
            "pkg",
            src.join("requests.csv").to_str().unwrap(),
            "new.csv",
        ])
        .fails(1);
    assert!(err.contains(&format!("new.csv:{repeat_line}:")), "{err}");
    assert!(err.contains("again, as line 2 does"), "{err}");
}

#[test]
fn stranger_datapackage_json_repeated_key_bom_and_utf16() {
    let w = Workdir::new();
    let rows = [row(
        "a",
        "2014-04-17",
        "m",
        "",
        "5",
        "exact",
        "count",
        "event",
    )];
    w.write("pkg/observations.csv", table(&rows));
    w.write(
        "pkg/datapackage.json",
        "{\"name\":\"p\",\n\"resources\":[{\"name\":\"observations\",\"path\":\"observations.csv\"}],\n\"resources\":[]}",
    );
    let err = w.run(&["validate", "--data", "pkg"]).fails(1);
    assert!(err.contains("the key \"resources\" appears twice"), "{err}");
    assert!(err.contains("datapackage.json:3:"), "{err}");
    let good = "{\"name\":\"p\",\"resources\":[{\"name\":\"observations\",\"path\":\"observations.csv\",\"schema\":{\"fields\":[{\"name\":\"value\"}]}}]}";
    w.write("pkg/datapackage.json", format!("\u{FEFF}{good}"));
    w.run(&["validate", "--data", "pkg"]).ok();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(good.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    w.write("pkg/datapackage.json", utf16);
    let err = w.run(&["validate", "--data", "pkg"]).fails(1);
    assert!(err.contains("is UTF-16, not UTF-8"), "{err}");
}

#[test]
fn stranger_names_that_start_a_formula_are_neutralised_in_csv_headers() {
    let w = Workdir::new();
    w.write(
        "pkg/datapackage.json",
        r#"{"name":"p","resources":[{"name":"t","path":"t.csv","cleanweb:mapping":{
            "when":{"column":"Month","form":"month"},
            "dimensions":[{"column":"=HYPERLINK(\"http://x\")","name":"=HYPERLINK(\"http://x\")"}],
            "measures":[{"column":"Sites","metric":"sites_closed"}]}}]}"#,
    );
    w.write(
        "pkg/t.csv",
        "Month,\"=HYPERLINK(\"\"http://x\"\")\",Sites\n2014-04,a,5\n",
    );
    let out = w
        .run(&[
            "aggregate",
            "--data",
            "pkg",
            "--metric",
            "sites_closed",
            "--by",
            "=HYPERLINK(\"http://x\")",
            "--format",
            "csv",
        ])
        .ok();
    let header = out.lines().next().unwrap();
    assert!(
        !header.starts_with('=') && !header.contains(",="),
        "{header}"
    );
    assert!(header.contains("'=HYPERLINK"), "{header}");
}

#[test]
fn stranger_source_text_and_standard_input_that_never_end_are_refused() {
    let w = Workdir::new();
    let fifo = w.path("fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a NUL-terminated path that lives across the call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let err = w.run(&["validate", "--source-text", "fifo"]).fails(1);
    assert!(
        err.contains("not a regular file (a FIFO, device or socket)"),
        "{err}"
    );
    let err = w.run(&["validate", "--source-text", "/dev/zero"]).fails(1);
    assert!(err.contains("not a regular file"), "{err}");
    // Standard input that is /dev/zero: refused at its first NUL byte, in bounded
    // memory.
    let bin = assert_cmd::cargo::cargo_bin("cleanweb");
    let out = std::process::Command::new(bin)
        .args(["validate", "--data", "-"])
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("standard input: holds a NUL byte at byte 1"),
        "{err}"
    );
}

#[test]
fn stranger_cache_entry_is_trusted_only_when_this_cache_made_it() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    w.write("t.csv", one_figure());
    w.run(&[
        "export",
        "--data",
        "t.csv",
        "--format",
        "parquet",
        "--out",
        "t.parquet",
    ])
    .ok();
    let args = [
        "aggregate",
        "--data",
        "t.parquet",
        "--metric",
        "m",
        "--by",
        "month",
        "-v",
    ];
    let trusted = |w: &Workdir| w.run(&args).stderr().contains("checked before, so");
    assert!(!trusted(&w));
    assert!(trusted(&w));
    let cache = w.path(".cache");
    assert_eq!(
        std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        std::fs::metadata(cache.join("secret"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    let entries: Vec<String> = listing(&cache)
        .into_iter()
        .filter(|n| n != "secret")
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = cache.join(&entries[0]);
    // An entry forged by whoever can write the folder: empty (as entries once were),
    // a link to a real entry's bytes, or the right bytes in a folder others may write.
    let tag = std::fs::read(&entry).unwrap();
    std::fs::write(&entry, b"").unwrap();
    assert!(!trusted(&w), "an empty entry");
    w.write("elsewhere", &tag);
    std::fs::remove_file(&entry).unwrap();
    std::os::unix::fs::symlink(w.path("elsewhere"), &entry).unwrap();
    assert!(!trusted(&w), "a link");
    std::fs::remove_file(&entry).unwrap();
    std::fs::write(&entry, &tag).unwrap();
    assert!(trusted(&w));
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o777)).unwrap();
    assert!(!trusted(&w), "a folder others may write");
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o700)).unwrap();
    // An empty CLEANWEB_CACHE turns the cache off; nothing is written in the
    // working folder.
    let before = listing(w.root());
    let run = assert_cmd::Command::cargo_bin("cleanweb")
        .unwrap()
        .current_dir(w.root())
        .env("CLEANWEB_CACHE", "")
        .args(args)
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(!String::from_utf8_lossy(&run.stderr).contains("checked before, so"));
    assert_eq!(listing(w.root()), before);
}
