//! Every example is a test: each console block of README.md and docs/*.md runs
//! through the real binary, and its output is compared with what the page shows.
//!
//! A console block is a fence of ```console (or ```sh holding `$ ` lines). Each
//! `$ COMMAND` line runs under bash (`-o pipefail`) in one fresh folder per page,
//! with `cleanweb` on the PATH and the repository's `datasets/`, `docs/` and `tests/`
//! linked into it; the page's commands run in order, so one may use a file an
//! earlier one wrote. The lines after a command, up to the next `$ ` line, are its
//! output: standard output, then standard error. A line `...` stands for any number
//! of lines, `[..]` inside a line for any text; spaces at the ends of lines are not
//! compared. Every command must exit 0, except the last of a block whose fence says
//! `exits=N`. docs/tutorial.md is run by tests/test_tutorial.rs.

use std::path::Path;

use crate::util::Workdir;

/// One command of a page, with what the page shows.
struct Example {
    line: usize,
    command: String,
    shown: Vec<String>,
    exit: i32,
}

/// The fenced blocks of a page: (line of the fence, info string, lines).
fn fences(page: &str) -> Vec<(usize, String, Vec<String>)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, Vec<String>)> = None;
    for (i, line) in page.lines().enumerate() {
        match &mut open {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    open = Some((i + 1, info.trim().to_string(), Vec::new()));
                }
            }
            Some((_, _, body)) => {
                if line.starts_with("```") {
                    out.push(open.take().unwrap());
                } else {
                    body.push(line.to_string());
                }
            }
        }
    }
    assert!(open.is_none(), "a fence is left open");
    out
}

fn is_console(info: &str, body: &[String]) -> bool {
    let lang = info.split_whitespace().next().unwrap_or("");
    lang == "console" || (lang == "sh" && body.iter().any(|l| l.starts_with("$ ")))
}

/// The examples of a page, in order. A fence that names `cleanweb` at the start of
/// a line without being a console block is refused: every example runs.
fn examples(name: &str, page: &str) -> Vec<Example> {
    let mut out = Vec::new();
    for (fence, info, body) in fences(page) {
        if !is_console(&info, &body) {
            assert!(
                !body.iter().any(|l| l.starts_with("cleanweb ")),
                "{name}:{fence}: an example of cleanweb outside a console block: \
                 write it as ```console with `$ ` lines, so that it runs"
            );
            continue;
        }
        let exits = info
            .split_whitespace()
            .find_map(|w| w.strip_prefix("exits="))
            .map(|n| n.parse::<i32>().expect("exits=N"));
        let first = out.len();
        for (i, line) in body.iter().enumerate() {
            if let Some(command) = line.strip_prefix("$ ") {
                out.push(Example {
                    line: fence + 1 + i,
                    command: command.to_string(),
                    shown: Vec::new(),
                    exit: 0,
                });
            } else {
                let last = out.get_mut(first..).and_then(|e| e.last_mut());
                let last = last.unwrap_or_else(|| {
                    panic!(
                        "{name}:{}: output before the first `$ ` line",
                        fence + 1 + i
                    )
                });
                last.shown.push(line.clone());
            }
        }
        assert!(
            out.len() > first,
            "{name}:{fence}: a console block with no `$ ` line"
        );
        if let Some(code) = exits {
            out.last_mut().unwrap().exit = code;
        }
    }
    for e in &mut out {
        while e.shown.last().is_some_and(|l| l.trim().is_empty()) {
            e.shown.pop();
        }
    }
    out
}

/// Whether `line` is `pattern`, where `[..]` in the pattern stands for any text.
fn line_matches(pattern: &str, line: &str) -> bool {
    let parts: Vec<&str> = pattern.split("[..]").collect();
    if parts.len() == 1 {
        return pattern == line;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if line.len() < first.len() + last.len() || !line.starts_with(first) || !line.ends_with(last) {
        return false;
    }
    let mut rest = &line[first.len()..line.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Whether the lines `got` are the lines `shown`, where a line `...` stands for any
/// number of lines.
pub(crate) fn lines_match(shown: &[&str], got: &[&str]) -> bool {
    match shown.split_first() {
        None => got.is_empty(),
        Some((&"...", rest)) => (0..=got.len()).any(|skip| lines_match(rest, &got[skip..])),
        Some((pattern, rest)) => {
            !got.is_empty() && line_matches(pattern, got[0]) && lines_match(rest, &got[1..])
        }
    }
}

pub(crate) fn trimmed(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Runs `script` with bash (`flag`: `-e` or `-o pipefail`) in the work folder, with
/// the `cleanweb` under test first on the PATH and a cache of tables checked of the
/// folder's own: its exit status and its output (standard output, then standard
/// error).
pub(crate) fn bash(w: &Workdir, flag: &str, script: &str) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("cleanweb");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut args: Vec<&str> = flag.split(' ').collect();
    args.extend(["-c", script]);
    let out = std::process::Command::new("bash")
        .args(args)
        .current_dir(w.root())
        .env("PATH", &path)
        .env("CLEANWEB_CACHE", w.path(".cache"))
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    let got = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), got)
}

/// Runs the examples of one page in a fresh folder; the failures, worded.
fn run_page(name: &str, page: &str) -> (usize, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let w = Workdir::new();
    for dir in ["datasets", "docs", "tests"] {
        std::os::unix::fs::symlink(root.join(dir), w.path(dir)).unwrap();
    }
    let examples = examples(name, page);
    let mut failures = Vec::new();
    for e in &examples {
        let (code, got) = bash(&w, "-o pipefail", &e.command);
        let shown: Vec<&str> = e.shown.iter().map(|l| l.trim_end()).collect();
        if code != e.exit || !lines_match(&shown, &trimmed(&got)) {
            failures.push(format!(
                "{name}:{}: $ {}\nexit {code} (the page expects {})\n--- the page shows:\n{}\n--- the tool prints:\n{got}",
                e.line,
                e.command,
                e.exit,
                shown.join("\n"),
            ));
        }
    }
    (examples.len(), failures)
}

#[test]
fn every_example_of_the_readme_and_the_docs_runs_as_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") && !p.ends_with("tutorial.md") {
            pages.push(p);
        }
    }
    pages.sort();
    let mut failures = Vec::new();
    let mut counts = Vec::new();
    for p in &pages {
        let name = p.strip_prefix(root).unwrap().display().to_string();
        let page = std::fs::read_to_string(p).unwrap();
        let (n, f) = run_page(&name, &page);
        counts.push((name, n));
        failures.extend(f);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let readme = counts.iter().find(|(n, _)| n == "README.md").unwrap().1;
    assert!(readme >= 4, "README.md has {readme} examples: {counts:?}");
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    assert!(total >= 30, "{total} examples in all: {counts:?}");
}

#[test]
fn the_comparison_tells_output_that_differs() {
    let shown = ["a", "...", "d [..] f"];
    assert!(lines_match(&shown, &["a", "b", "c", "d e f"]));
    assert!(lines_match(&shown, &["a", "d  f"]));
    assert!(!lines_match(&shown, &["a", "b", "d e g"]));
    assert!(!lines_match(&shown, &["a", "d e f", "extra"]));
    assert!(!lines_match(&["a"], &[]));
    assert!(!line_matches("x[..]y[..]z", "xyz[..]"));
    assert!(line_matches("x[..]y[..]z", "x1y2z"));
    let page = "```console exits=2\n$ cleanweb a\nout\n\n$ cleanweb b\n```\n";
    let e = examples("p", page);
    assert_eq!(
        (e.len(), e[0].shown.clone(), e[0].exit, e[1].exit),
        (2, vec!["out".to_string()], 0, 2)
    );
}

#[test]
#[should_panic(expected = "outside a console block")]
fn an_example_that_would_not_run_is_refused() {
    examples("p", "```sh\ncleanweb validate\n```\n");
}
