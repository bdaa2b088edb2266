//! A language is one catalogue file: a third catalogue, English with every word of
//! every message marked «so», is loaded from the folder `CLEANWEB_CATALOGUES`
//! names, and the report and charts written with it hold no word of the tool's
//! English left unmarked (words the data itself holds aside).

use std::collections::BTreeSet;
use std::path::Path;

use crate::util::Workdir;

/// Where the text of a catalogue line starts and the depth of placeables its text
/// is at: after `id =` (depth 0), after a variant's `]` (the select's depth), or
/// after the `}` that closes a select (the depth it returns to). `depth` is the
/// depth at the start of the line, carried from the line before.
fn pattern_start(line: &str, depth: i32) -> Option<(usize, i32)> {
    let trimmed = line.trim_start();
    if line.starts_with('#') || trimmed.is_empty() {
        return None;
    }
    if trimmed.starts_with('[') || trimmed.starts_with("*[") {
        return line.find(']').map(|i| (i + 1, depth));
    }
    if trimmed.starts_with('}') {
        return Some((0, depth - 1));
    }
    if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return line.find('=').map(|i| (i + 1, 0));
    }
    None
}

/// `line` with every run of letters of its text (and of its quoted literals)
/// marked «so»; the words marked are added to `words`. `depth` is the depth of
/// placeables at the start of the line, and after it.
fn mark(line: &str, depth: &mut i32, words: &mut BTreeSet<String>) -> String {
    if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
        *depth = 0;
    }
    let Some((start, base)) = pattern_start(line, *depth) else {
        return line.to_string();
    };
    let mut out = line[..start].to_string();
    let mut quoted = false;
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String, words: &mut BTreeSet<String>| {
        if !run.is_empty() {
            if run.len() >= 4 {
                words.insert(run.to_lowercase());
            }
            out.push_str(&format!("«{run}»"));
            run.clear();
        }
    };
    for c in line[start..].chars() {
        let text = *depth == base || quoted;
        if text && c.is_ascii_alphabetic() {
            run.push(c);
            continue;
        }
        flush(&mut run, &mut out, words);
        match c {
            '"' if *depth > 0 => quoted = !quoted,
            '{' if !quoted => *depth += 1,
            '}' if !quoted => *depth -= 1,
            _ => {}
        }
        out.push(c);
    }
    flush(&mut run, &mut out, words);
    out
}

/// The text a reader sees in an HTML or SVG file: its tags and style left out.
fn visible(markup: &str) -> String {
    let markup = match (markup.find("<style>"), markup.find("</style>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &markup[..a], &markup[b..]),
        _ => markup.to_string(),
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `text` with its marked spans left out.
fn unmarked(text: &str) -> String {
    let mut out = String::new();
    let mut marked = false;
    for c in text.chars() {
        match c {
            '«' => marked = true,
            '»' => marked = false,
            _ if !marked => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn a_third_catalogue_leaves_no_english_word_in_the_report_and_charts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let english = std::fs::read_to_string(root.join("catalogues/en.ftl")).unwrap();
    let mut words = BTreeSet::new();
    let mut depth = 0;
    let marked: Vec<String> = english
        .lines()
        .map(|l| mark(l, &mut depth, &mut words))
        .collect();
    let w = Workdir::new();
    w.write("langs/xx.ftl", marked.join("\n"));
    // Words the data holds (names, quotes, titles) are the data's, not the tool's.
    let mut data = String::new();
    for file in ["datapackage.json", "observations.csv", "relations.csv"] {
        data.push_str(
            &std::fs::read_to_string(root.join("datasets/clean-network-2014").join(file))
                .unwrap()
                .to_lowercase(),
        );
    }
    words.retain(|word| !data.contains(word.as_str()));
    assert!(words.len() > 50, "{} words of the tool's own", words.len());
    let out = assert_cmd::Command::cargo_bin("cleanweb")
        .unwrap()
        .current_dir(w.root())
        .env("CLEANWEB_CACHE", w.path(".cache"))
        .env("CLEANWEB_CATALOGUES", w.path("langs"))
        .args(["report", "--lang", "xx", "--out", "out", "--quiet"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut left = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(w.path("out")).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let text = match ext {
            "html" | "svg" => visible(&std::fs::read_to_string(&path).unwrap()),
            "md" => std::fs::read_to_string(&path).unwrap(),
            _ => continue,
        };
        files += 1;
        let text = unmarked(&text).to_lowercase();
        for piece in text.split(|c: char| !c.is_ascii_alphabetic()) {
            if words.contains(piece) {
                left.insert(format!(
                    "{piece} ({})",
                    path.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(files > 5, "{files} files read");
    assert!(left.is_empty(), "English words left: {left:?}");
    // The language is named where a reader's tools look for it.
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    assert!(html.contains("<html lang=\"xx\">"), "{}", &html[..200]);
}

#[test]
fn a_language_with_no_catalogue_is_refused_with_the_ones_there_are() {
    let w = Workdir::new();
    let err = w.run(&["report", "--lang", "xx", "--out", "out"]).fails(2);
    assert!(
        err.contains("no language 'xx'") && err.contains("en, zh"),
        "{err}"
    );
}
