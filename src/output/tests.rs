use super::*;

fn sample() -> Table {
    let mut t = Table::new(&["label", "low", "high"]);
    t.rows.push(vec![
        Cell::text("=HYPERLINK(\"x\")|`a`\n<b>&"),
        Cell::Int(1222),
        Cell::Empty,
    ]);
    t
}

#[test]
fn csv_neutralises_formulas_but_not_numbers() {
    let mut t = sample();
    t.rows
        .push(vec![Cell::text("-x"), Cell::Int(-5), Cell::Empty]);
    let out = String::from_utf8(render(&t, Format::Csv).unwrap()).unwrap();
    assert!(out.contains("\"'=HYPERLINK"), "{out}");
    assert!(out.contains("'-x,-5,"), "{out}");
}

#[test]
fn markdown_cells_cannot_break_out() {
    let out = render_markdown(&sample());
    let row = out.lines().nth(2).unwrap();
    assert_eq!(row.matches(" | ").count(), 2, "{row}");
    assert!(row.contains("\\|\\`a\\` &lt;b&gt;&amp;"), "{row}");
}

#[test]
fn json_is_typed() {
    let out = String::from_utf8(render(&sample(), Format::Json).unwrap()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["low"], 1222);
    assert!(v[0]["high"].is_null());
    assert_eq!(v[0]["label"], "=HYPERLINK(\"x\")|`a`\n<b>&");
}

#[test]
fn html_escaping() {
    assert_eq!(
        html_escape("</text><script>&\"'"),
        "&lt;/text&gt;&lt;script&gt;&amp;&quot;&#39;"
    );
}

#[test]
fn atomic_write_replaces_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    write_atomic(&p, b"one").unwrap();
    write_atomic(&p, b"two").unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), b"two");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn outputs_that_must_not_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(&input, "x").unwrap();
    assert!(check_output_path(dir.path(), &[]).is_err());
    assert!(check_output_path(&input, std::slice::from_ref(&input)).is_err());
    #[cfg(unix)]
    {
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        assert!(check_output_path(&link, &[]).is_err());
    }
}
