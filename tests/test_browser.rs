//! report.html in headless Chromium: accessibility (axe-core), the layout on a phone
//! and on a desktop, and printing.
//!
//! Each check injects a probe script (tests/browser/) into a copy of the page; the probe
//! writes what it found as JSON into `<pre id="cleanweb-probe">` and `--dump-dom` carries
//! it out. axe-core comes from npm: `.ci/run` installs it and names its `axe.min.js` in
//! `$CLEANWEB_AXE`.

use crate::util::{chromium, run_chromium, Workdir};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;

const AXE_PROBE: &str = include_str!("browser/axe-probe.js");
const LAYOUT_PROBE: &str = include_str!("browser/layout-probe.js");

/// The smallest chart text, in CSS px, that a phone may show.
const MIN_FONT_PX: f64 = 11.0;
const PHONE_WIDTH: u32 = 390;
const DESKTOP_WIDTH: u32 = 1280;

/// axe-core's `axe.min.js`, named by `$CLEANWEB_AXE` (`.ci/run` installs it from npm
/// and sets it).
fn axe_js() -> String {
    let path = crate::util::tool("CLEANWEB_AXE", "axe-core's axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("CLEANWEB_AXE={}: {e}", path.to_string_lossy()))
}

/// The page with `scripts` added, in order, at the end of its `<body>`.
fn inject(html: &str, scripts: &[&str]) -> String {
    let mut tags = String::new();
    for js in scripts {
        // Inline, `</script` would end the element early and `<!--` could swallow it.
        let lower = js.to_ascii_lowercase();
        assert!(
            !lower.contains("</script") && !lower.contains("<!--"),
            "a script to inline holds </script or <!--"
        );
        tags.push_str("<script>");
        tags.push_str(js);
        tags.push_str("</script>\n");
    }
    match html.rfind("</body>") {
        Some(at) => format!("{}{tags}{}", &html[..at], &html[at..]),
        None => format!("{html}{tags}"),
    }
}

/// A report made in its own work folder: `report --out out ARGS`.
struct Report {
    name: &'static str,
    w: Workdir,
    html: String,
}

impl Report {
    fn make(name: &'static str, args: &[&str]) -> Report {
        let w = Workdir::new();
        let mut all = vec!["report", "--out", "out"];
        all.extend_from_slice(args);
        w.run(&all).ok();
        let html = std::fs::read_to_string(w.path("out/report.html")).expect("report.html");
        Report { name, w, html }
    }

    /// The three reports the browser checks look at: the default dataset in English
    /// and in Chinese, and the example campaign.
    fn all() -> Vec<Report> {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-campaign");
        let example = example.to_str().unwrap().to_string();
        vec![
            Report::make("default", &[]),
            Report::make("default --lang zh", &["--lang", "zh"]),
            Report::make("example-campaign", &["--data", &example]),
        ]
    }

    /// Opens `page` (a variant of report.html, written next to it as `file`) in
    /// Chromium with `extra` flags and returns the JSON its probe left in the DOM.
    fn probe(&self, browser: &Path, file: &str, page: &str, extra: &[&str]) -> Value {
        let path = self.w.write(&format!("out/{file}"), page);
        let url = format!("file://{}", path.display());
        let mut flags = vec!["--dump-dom", "--virtual-time-budget=30000"];
        flags.extend_from_slice(extra);
        let profile = self.w.path(&format!("profile-{file}"));
        let out = run_chromium(browser, &profile, &flags, &url);
        let dom = String::from_utf8_lossy(&out.stdout);
        let log = String::from_utf8_lossy(&out.stderr);
        let json = probe_json(&dom).unwrap_or_else(|| {
            panic!(
                "{}: no probe result in the DOM of {file} (exit {:?}):\n{log}",
                self.name,
                out.status.code()
            )
        });
        let v: Value = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("{}: the probe's JSON: {e}: {json}", self.name));
        if let Some(err) = v.get("error") {
            panic!("{}: the probe failed in {file}: {err}\n{log}", self.name);
        }
        v
    }
}

/// The text of `<pre id="cleanweb-probe">` in a dumped DOM: the last one, as the
/// probe appends it to `<body>` after its own script (whose text the dump holds too).
/// The probe escapes `<`, `>` and `&` (and all non-ASCII) in its JSON, so the text is
/// the JSON as written.
fn probe_json(dom: &str) -> Option<&str> {
    let at = dom.rfind("<pre id=\"cleanweb-probe\"")?;
    let rest = &dom[at..];
    let open = rest.find('>')? + 1;
    let close = rest.find("</pre>")?;
    Some(&rest[open..close])
}

// ---------------------------------------------------------------- accessibility

/// axe-core's default rules (WCAG 2.x A and AA, and its best practices) run on the
/// report: the probe's result (`violations`, `incomplete`: each rule's id, impact,
/// help, node count and first nodes).
fn axe_run(browser: &Path, axe: &str, report: &Report) -> Value {
    let page = inject(&report.html, &[axe, AXE_PROBE]);
    let v = report.probe(
        browser,
        "axe.html",
        &page,
        &["--window-size=1280,900", "--hide-scrollbars"],
    );
    assert!(
        v["violations"].is_array(),
        "{}: no list of violations: {v}",
        report.name
    );
    v
}

fn rule_ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|r| r["id"].as_str().unwrap_or("?"))
        .collect()
}

/// No violation of axe-core's default rules in the report. The rules axe could not
/// decide (`incomplete`: mostly the contrast of text drawn over an SVG <rect>) are
/// listed on standard error, for a person to review.
fn axe_has_no_violations(report: &Report) {
    let browser = chromium();
    let axe = axe_js();
    let v = axe_run(&browser, &axe, report);
    let version = v["axe"].as_str().unwrap_or("?");
    let violations = v["violations"].as_array().unwrap();
    let incomplete: Vec<String> = v["incomplete"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| format!("{} ({} nodes)", i["id"].as_str().unwrap_or("?"), i["count"]))
        .collect();
    eprintln!(
        "axe-core {version} on {}: {} violations {:?}; to review by hand: {}",
        report.name,
        violations.len(),
        rule_ids(&v["violations"]),
        if incomplete.is_empty() {
            "none".to_string()
        } else {
            incomplete.join(", ")
        }
    );
    if violations.is_empty() {
        return;
    }
    let mut msg = format!(
        "axe-core {version} finds {} violations in the report of {}:\n",
        violations.len(),
        report.name
    );
    for viol in violations {
        let _ = writeln!(
            msg,
            "- {} ({}, {} nodes): {}\n  {}",
            viol["id"].as_str().unwrap_or("?"),
            viol["impact"].as_str().unwrap_or("no impact"),
            viol["count"],
            viol["help"].as_str().unwrap_or(""),
            viol["helpUrl"].as_str().unwrap_or(""),
        );
        for node in viol["nodes"].as_array().into_iter().flatten().take(3) {
            let _ = writeln!(msg, "    at {}", node["target"]);
            let _ = writeln!(msg, "       {}", node["html"].as_str().unwrap_or(""));
            for related in node["related"].as_array().into_iter().flatten() {
                let _ = writeln!(msg, "       related: {related}");
            }
        }
    }
    panic!("{msg}");
}

#[test]
#[ignore = "needs chromium and axe-core: .ci/run runs it"]
fn axe_finds_no_violations_in_the_report() {
    axe_has_no_violations(&Report::make("default", &[]));
}

#[test]
#[ignore = "needs chromium and axe-core: .ci/run runs it"]
fn axe_finds_no_violations_in_the_chinese_report() {
    axe_has_no_violations(&Report::make("default --lang zh", &["--lang", "zh"]));
}

#[test]
#[ignore = "needs chromium and axe-core: .ci/run runs it"]
fn axe_finds_no_violations_in_the_example_campaign_report() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/example-campaign");
    axe_has_no_violations(&Report::make(
        "example-campaign",
        &["--data", example.to_str().unwrap()],
    ));
}

// ---------------------------------------------------------------- layout

/// The layout probe's figures for the report at `width` CSS px. A desktop width is the
/// window itself (with its scrollbar). Headless Chromium makes no window narrower than
/// 500 px (`--window-size=390,900` gives `innerWidth` 500, `--headless=new` alike), so a
/// phone is the report in an `<iframe srcdoc>` of that width, with overlay (hidden)
/// scrollbars as on a phone; media queries inside the frame see its width.
fn layout(browser: &Path, report: &Report, width: u32) -> Value {
    let v = if width >= 500 {
        let page = inject(&report.html, &[LAYOUT_PROBE]);
        let size = format!("--window-size={width},900");
        report.probe(browser, &format!("layout-{width}.html"), &page, &[&size])
    } else {
        let srcdoc = report.html.replace('&', "&amp;").replace('"', "&quot;");
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>report at {width} px</title>\
             <style>body{{margin:0}} iframe{{border:0;display:block;width:{width}px;height:900px}}</style></head>\
             <body><iframe id=\"cleanweb-frame\" title=\"report\" srcdoc=\"{srcdoc}\"></iframe>\n\
             <script>{LAYOUT_PROBE}</script></body></html>\n"
        );
        report.probe(
            browser,
            &format!("layout-{width}.html"),
            &page,
            &["--window-size=500,900", "--hide-scrollbars"],
        )
    };
    assert_eq!(
        v["innerWidth"].as_u64(),
        Some(u64::from(width)),
        "{}: the probe's page is not {width} px wide: {}",
        report.name,
        v["innerWidth"]
    );
    v
}

/// What the layout at one width breaks: sideways scrolling, and figures that do not
/// show exactly one chart, the `want` one (`wide` or `narrow`).
fn layout_problems(width: u32, v: &Value, want: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let (scroll, client) = (
        v["scrollWidth"].as_f64().unwrap(),
        v["clientWidth"].as_f64().unwrap(),
    );
    if scroll > client {
        problems.push(format!(
            "at {width} px the page scrolls sideways: scrollWidth {scroll} > clientWidth {client}; \
             sticking out: {}",
            v["overflowing"]
        ));
    }
    let figures = v["figures"].as_array().unwrap();
    if figures.is_empty() {
        problems.push(format!("at {width} px the page has no <figure>"));
    }
    for fig in figures {
        let svgs = fig["svgs"].as_array().unwrap();
        let shown: Vec<&str> = svgs
            .iter()
            .filter(|s| s["visible"].as_bool() == Some(true))
            .map(|s| s["class"].as_str().unwrap_or(""))
            .collect();
        let right = shown.len() == 1 && shown[0].split_whitespace().any(|c| c == want);
        if !right {
            let all: Vec<String> = svgs
                .iter()
                .map(|s| {
                    format!(
                        "<svg class={:?}> {}",
                        s["class"].as_str().unwrap_or(""),
                        if s["visible"].as_bool() == Some(true) {
                            "shown"
                        } else {
                            "hidden"
                        }
                    )
                })
                .collect();
            problems.push(format!(
                "at {width} px the figure of section {} should show exactly one svg, class \"chart {want}\"; \
                 it holds {}",
                fig["section"],
                if all.is_empty() {
                    "no svg".to_string()
                } else {
                    all.join(", ")
                }
            ));
        }
    }
    problems
}

fn summary(report: &Report, width: u32, v: &Value) -> String {
    format!(
        "{} at {width} px: scrollWidth {} clientWidth {}, {} chart texts shown, smallest {} px ({:?} in {:?})",
        report.name,
        v["scrollWidth"],
        v["clientWidth"],
        v["textCount"],
        v["minText"]["px"],
        v["minText"]["text"].as_str().unwrap_or(""),
        short(v["minText"]["chart"].as_str().unwrap_or("")),
    )
}

/// A chart's aria-label (its title, then its data) cut to its first 60 characters.
fn short(label: &str) -> String {
    match label.char_indices().nth(60) {
        Some((at, _)) => format!("{}...", &label[..at]),
        None => label.to_string(),
    }
}

fn fail_on(problems: Vec<(String, Vec<String>)>) {
    let mut msg = String::new();
    for (name, list) in &problems {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(msg, "{name}:");
        for p in list {
            let _ = writeln!(msg, "  - {p}");
        }
    }
    assert!(msg.is_empty(), "{msg}");
}

#[test]
#[ignore = "needs chromium: .ci/run runs it"]
fn on_a_phone_the_report_fits_and_its_chart_text_is_legible() {
    let browser = chromium();
    let mut problems = Vec::new();
    for report in Report::all() {
        let v = layout(&browser, &report, PHONE_WIDTH);
        eprintln!("{}", summary(&report, PHONE_WIDTH, &v));
        let mut list = layout_problems(PHONE_WIDTH, &v, "narrow");
        assert!(
            v["textCount"].as_u64().unwrap_or(0) > 0,
            "{}: no chart text shown at {PHONE_WIDTH} px",
            report.name
        );
        for fig in v["figures"].as_array().unwrap() {
            for svg in fig["svgs"].as_array().unwrap() {
                let Some(px) = svg["minFontPx"].as_f64() else {
                    continue;
                };
                if px < MIN_FONT_PX {
                    list.push(format!(
                        "at {PHONE_WIDTH} px the chart {:?} (<svg class={:?}>, {} px wide for a viewBox {} wide) \
                         shows text at {px} px, under {MIN_FONT_PX}: {:?}",
                        short(svg["label"].as_str().unwrap_or("")),
                        svg["class"].as_str().unwrap_or(""),
                        svg["width"],
                        svg["viewBoxWidth"],
                        svg["minText"].as_str().unwrap_or(""),
                    ));
                }
            }
        }
        problems.push((report.name.to_string(), list));
    }
    fail_on(problems);
}

#[test]
#[ignore = "needs chromium: .ci/run runs it"]
fn on_a_desktop_the_report_fits_and_shows_the_wide_charts() {
    let browser = chromium();
    let mut problems = Vec::new();
    for report in Report::all() {
        let v = layout(&browser, &report, DESKTOP_WIDTH);
        eprintln!("{}", summary(&report, DESKTOP_WIDTH, &v));
        let list = layout_problems(DESKTOP_WIDTH, &v, "wide");
        problems.push((report.name.to_string(), list));
    }
    fail_on(problems);
}

/// The checks above against a report broken on purpose: an image without alt text, a
/// block wider than a phone, chart text at 4 px and both charts of each figure shown.
/// Each probe must see its breakage (else the checks above could pass on anything).
#[test]
#[ignore = "needs chromium and axe-core: .ci/run runs it"]
fn the_probes_see_a_report_broken_on_purpose() {
    let browser = chromium();
    let mut report = Report::make("default, broken on purpose", &[]);
    let breakage = "<img src=\"missing.png\"><div style=\"width:2000px\">too wide</div>\
        <style>figure svg text, figure svg tspan { font-size: 4px !important }\
        figure svg { display: block !important }</style>";
    assert!(report.html.contains("<main>"), "no <main> to break");
    report.html = report
        .html
        .replacen("<main>", &format!("<main>{breakage}"), 1);

    let v = layout(&browser, &report, PHONE_WIDTH);
    let problems = layout_problems(PHONE_WIDTH, &v, "narrow");
    assert!(
        problems.iter().any(|p| p.contains("scrolls sideways")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("exactly one svg")),
        "{problems:?}"
    );
    let px = v["minText"]["px"].as_f64().expect("chart text measured");
    assert!(px < MIN_FONT_PX, "the smallest text is {px} px");
    let d = layout(&browser, &report, DESKTOP_WIDTH);
    let problems = layout_problems(DESKTOP_WIDTH, &d, "wide");
    assert!(
        problems.iter().any(|p| p.contains("scrolls sideways")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("exactly one svg")),
        "{problems:?}"
    );

    let axe = axe_js();
    let v = axe_run(&browser, &axe, &report);
    let ids = rule_ids(&v["violations"]);
    assert!(
        ids.contains(&"image-alt"),
        "axe-core misses the image without alt: {ids:?}"
    );
}

// ---------------------------------------------------------------- print

/// The number of pages of a PDF: `pdfinfo` (poppler-utils, which `.ci/run` installs)
/// when it is on PATH, else the page objects (`/Type /Page`) in the file, which
/// Chromium's PDF writer (Skia) does not hide in compressed object streams.
fn pdf_pages(pdf: &Path) -> usize {
    let bytes = std::fs::read(pdf).unwrap();
    let mut objects = 0;
    let mut i = 0;
    while let Some(at) = find(&bytes[i..], b"/Type") {
        let mut j = i + at + 5;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes[j..].starts_with(b"/Page")
            && bytes.get(j + 5).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            objects += 1;
        }
        i = j;
    }
    if let Ok(out) = std::process::Command::new("pdfinfo").arg(pdf).output() {
        let text = String::from_utf8_lossy(&out.stdout);
        let pages = text
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .unwrap_or_else(|| panic!("pdfinfo {}: {text}", pdf.display()));
        if find(&bytes, b"/ObjStm").is_none() {
            assert_eq!(objects, pages, "page objects against pdfinfo's count");
        }
        return pages;
    }
    assert!(
        objects > 0 || find(&bytes, b"/ObjStm").is_none(),
        "the PDF hides its pages in object streams: install poppler-utils for pdfinfo"
    );
    objects
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
#[ignore = "needs chromium and poppler's pdfinfo: .ci/run runs it"]
fn the_report_prints_to_a_pdf_of_several_pages() {
    let browser = chromium();
    let report = Report::make("default", &[]);
    let pdf = report.w.path("report.pdf");
    let url = format!("file://{}", report.w.path("out/report.html").display());
    let out = run_chromium(
        &browser,
        &report.w.path("profile-pdf"),
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
        &url,
    );
    let bytes = std::fs::read(&pdf)
        .unwrap_or_else(|_| panic!("no PDF: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let pages = pdf_pages(&pdf);
    eprintln!("report.html prints to {pages} pages");
    assert!(pages > 1, "the report prints to {pages} page");
}
