//! A language is one catalogue file: a third catalogue, English with every word of
//! every message marked «so», is loaded from the folder `CLEANWEB_CATALOGUES`
//! names, and the report and charts written with it hold no word of the tool's
//! English left unmarked (words the data itself holds aside). The checks table is
//! held to more: what a check is about and what it claims may hold the figures'
//! own names and ids, and no other word the tool's English has.

use std::collections::BTreeSet;
use std::path::Path;

use crate::util::{self, Workdir};

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
            words.insert(run.to_lowercase());
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

/// English with every word marked, and every word it marked, lowercase.
fn third_catalogue() -> (String, BTreeSet<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let english = std::fs::read_to_string(root.join("catalogues/en.ftl")).unwrap();
    let mut words = BTreeSet::new();
    let mut depth = 0;
    let marked: Vec<String> = english
        .lines()
        .map(|l| mark(l, &mut depth, &mut words))
        .collect();
    (marked.join("\n"), words)
}

/// `cleanweb report --lang xx` in `w`, with `args` after it, into `w/out`.
fn report_in_xx(w: &Workdir, args: &[&str]) {
    let out = assert_cmd::Command::cargo_bin("cleanweb")
        .unwrap()
        .current_dir(w.root())
        .env("CLEANWEB_CACHE", w.path(".cache"))
        .env("CLEANWEB_CATALOGUES", w.path("langs"))
        .args([&["report", "--lang", "xx", "--out", "out", "--quiet"], args].concat())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The words of a figure's names and ids in an observation table (its id, region,
/// metric, category and entity), lowercase.
fn names_in(observations: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rows = csv::Reader::from_reader(observations.as_bytes());
    for row in rows.records() {
        let row = row.unwrap();
        for col in [0, 5, 6, 7, 8] {
            names.extend(
                row[col]
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .map(str::to_lowercase),
            );
        }
    }
    names
}

/// The tool's words of `words` left unmarked in the subject and claimed cells of the
/// checks table of `report.md`, with the cell they are in; `names` are the data's.
/// Panics when there is no checks table with a row.
fn left_in_checks(
    md: &str,
    words: &BTreeSet<String>,
    names: &BTreeSet<String>,
) -> BTreeSet<String> {
    let cells = |l: &str| -> Vec<String> {
        let l = l.trim().trim_start_matches('|').trim_end_matches('|');
        l.split(" | ").map(|c| c.trim().to_string()).collect()
    };
    let mut lines = md.lines();
    let header = lines
        .find(|l| l.starts_with('|') && cells(l).iter().any(|c| c == "«claimed»"))
        .unwrap_or_else(|| panic!("no checks table in\n{md}"));
    let header = cells(header);
    let at = |name: &str| header.iter().position(|c| c == name).unwrap();
    let columns = [at("«subject»"), at("«claimed»")];
    let rows: Vec<Vec<String>> = lines
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(cells)
        .collect();
    assert!(!rows.is_empty(), "{md}");
    let mut left = BTreeSet::new();
    for row in &rows {
        for &c in &columns {
            let text = unmarked(&row[c]).to_lowercase();
            for piece in text.split(|c: char| !c.is_ascii_alphabetic()) {
                if piece.len() >= 2 && words.contains(piece) && !names.contains(piece) {
                    left.insert(format!("{piece} in '{}'", row[c]));
                }
            }
        }
    }
    left
}

#[test]
fn a_third_catalogue_leaves_no_english_word_in_the_report_and_charts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (marked, all_words) = third_catalogue();
    let w = Workdir::new();
    w.write("langs/xx.ftl", marked);
    // Words the data holds (names, quotes, titles) are the data's, not the tool's.
    let mut data = String::new();
    for file in ["datapackage.json", "observations.csv", "relations.csv"] {
        data.push_str(
            &std::fs::read_to_string(root.join("datasets/clean-network-2014").join(file))
                .unwrap()
                .to_lowercase(),
        );
    }
    let mut words = all_words.clone();
    words.retain(|word| word.len() >= 4 && !data.contains(word.as_str()));
    assert!(words.len() > 50, "{} words of the tool's own", words.len());
    report_in_xx(&w, &[]);
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
    // What each check is about and claims: the figures' names and ids, and no word
    // of the tool's English, even one the data's quotes and captions also hold
    // ("more", "figures").
    let read = |file: &str| {
        std::fs::read_to_string(root.join("datasets/clean-network-2014").join(file)).unwrap()
    };
    let mut names = names_in(&read("observations.csv"));
    let package: serde_json::Value = serde_json::from_str(&read("datapackage.json")).unwrap();
    for rule in package["cleanweb:rules"].as_array().unwrap() {
        let name = rule["name"].as_str().unwrap();
        names.extend(name.split('_').map(str::to_string));
    }
    let md = std::fs::read_to_string(w.path("out/report.md")).unwrap();
    let left = left_in_checks(&md, &all_words, &names);
    assert!(
        left.is_empty(),
        "English words left in the checks: {left:?}"
    );
    // The language is named where a reader's tools look for it.
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    assert!(html.contains("<html lang=\"xx\">"), "{}", &html[..200]);
}

/// Figures that make the checks the shipped data does not: a region above the
/// nation and one within it, a part above its total, a later statement, a stated
/// change.
const OTHER_CHECKS: &str = "\
n1,2014-05-31,2014-04-01,2014-05-31,Office,national,websites_closed,,,100,,exact,count,cumulative,q,s,
r1,2014-05-10,,,Office,Province A,websites_closed,,,120,,exact,count,event,q,s,
r2,2014-05-12,,,Office,Province B,websites_closed,,,50,,exact,count,event,q,s,
t1,2014-09-30,,,Office,national,arrests,,,10,,exact,count,event,q,s,
p1,2014-09-30,,,Office,national,detentions,,,12,,exact,count,event,q,s,
s1,2014-04-30,2014-04-01,2014-04-30,Office,national,accounts_closed,,,110,,exact,count,cumulative,q,s,
s2,2014-06-20,2014-04-01,2014-04-30,Office,national,accounts_closed,,,422,,exact,count,cumulative,q,s,
m1,2014-02-10,2013-12-01,2013-12-31,Office,national,reports_received,,,100,,exact,count,period,q,s,
m2,2014-02-10,2014-01-01,2014-01-31,Office,national,reports_received,,,200,,exact,count,period,q,s,
c1,2014-02-10,2014-01-01,2014-01-31,Office,national,reports_received,,,100,,exact,percent,change_previous_period,q,s,
";

/// The checks the shipped data does not make say what they are about and claim in
/// the catalogue's words too.
#[test]
fn a_third_catalogue_words_what_every_check_is_about_and_claims() {
    let (marked, words) = third_catalogue();
    let w = Workdir::new();
    w.write("langs/xx.ftl", marked);
    let rows: Vec<String> = OTHER_CHECKS.lines().map(String::from).collect();
    w.package("p", &rows, "t1,p1,partial\n");
    report_in_xx(&w, &["--data", "p"]);
    let md = std::fs::read_to_string(w.path("out/report.md")).unwrap();
    for kind in ["region", "part", "later", "change"] {
        assert!(
            md.contains(&format!("| «{kind}» «")),
            "no {kind} check in\n{md}"
        );
    }
    let names = names_in(&format!("{}\n{OTHER_CHECKS}", util::HEADER));
    let left = left_in_checks(&md, &words, &names);
    assert!(
        left.is_empty(),
        "English words left in the checks: {left:?}"
    );
    // In English, a region above the nation is about the two figures it compares;
    // the regions as a whole are the subject of the count alone.
    let args = [
        "reconcile",
        "--data",
        "p",
        "--section",
        "checks",
        "--format",
        "csv",
    ];
    let csv = w.run(&args).ok();
    for row in [
        "region_above_national,\"websites closed, Province A against websites closed\",\"120 (Province A, 2014-05-10)\",",
        "region_above_national,regional figures,1 figure,",
    ] {
        assert!(csv.lines().any(|l| l.starts_with(row)), "{row}\n{csv}");
    }
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
