//! `report.html`: one self-contained page.

use super::*;
use crate::say;

/// A table in a region that scrolls sideways when it is wider than the page;
/// keyboard users reach it by Tab, and its name (`label`, unique in the page) says
/// what it holds.
fn html_table(t: &Table, class: &str, label: &str) -> String {
    let mut h = format!(
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"{class}\"><thead><tr>",
        html_escape(label)
    );
    for c in &t.columns {
        h.push_str(&format!("<th>{}</th>", html_escape(c)));
    }
    h.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        h.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let text = c.plain();
            let num = c.is_numeric();
            let status = t
                .columns
                .get(i)
                .is_some_and(|n| n == "status" || n == "verdict");
            let class = if num {
                " class=\"num\"".to_string()
            } else if status {
                format!(" class=\"status {}\"", html_escape(&text.replace(' ', "-")))
            } else {
                String::new()
            };
            h.push_str(&format!("<td{class}>{}</td>", html_escape(&text)));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div>\n");
    h
}

/// One rendering of a chart as an inline SVG that scales with the page, its data
/// in words as the text alternative.
fn inline_svg(svg: &str, (width, height): (u32, u32), class: &str, alt: &str) -> String {
    let svg = svg.trim();
    // The drawing's own opening tag gives way to one whose viewBox lets it scale.
    let body = svg.split_once('>').map_or("", |(_, rest)| rest);
    format!(
        "<svg class=\"chart {class}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">{body}",
        html_escape(alt),
    )
}

const CSS: &str = r#"
:root { --ink:#1a1a1a; --grey:#5f5f5f; --rule:#dddddd; --bg:#ffffff; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font: 16px/1.5 "DejaVu Sans", Verdana, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 16px 64px; }
h1 { font-size: 2rem; line-height:1.2; margin: 0.5rem 0; }
h2 { font-size: 1.35rem; margin-top: 2.5rem; border-top: 1px solid var(--rule); padding-top: 1.25rem; }
p.lead { font-size: 1.1rem; color: var(--grey); }
section { border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: 1rem; }
section > h2:first-child { border-top: none; margin-top: 0.25rem; padding-top: 0; }
#findings li { margin: 0.4rem 0; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; display: block; }
figure svg.narrow { display: none; }
@media screen and (max-width: 640px) {
  figure svg.wide { display: none; }
  figure svg.narrow { display: block; }
  h1 { font-size: 1.6rem; }
  main { padding: 16px 16px 48px; }
}
figcaption p { margin: 0.3rem 0; }
figcaption { color: var(--grey); font-size: 0.95rem; margin-top: 0.4rem; }
.scroll { overflow-x: auto; margin: 0.75rem 0 1.5rem; }
table { border-collapse: collapse; font-size: 0.85rem; min-width: 60%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: bold; border-bottom: 2px solid var(--ink); }
table.data td:first-child { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.status.match, td.status.partial_ok, td.status.holds, td.status.consistent { color: #00704a; font-weight: bold; }
td.status.mismatch, td.status.partial_violation, td.status.fails, td.status.contradicts { color: #b34700; font-weight: bold; }
td.status.tension { color: #7a5b00; font-weight: bold; }
td q { color: var(--grey); }
details summary { cursor: pointer; font-weight: bold; margin: 1rem 0; }
footer { color: var(--grey); font-size: 0.85rem; margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: 1rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  figure, .scroll, tr, li { break-inside: avoid; }
  .scroll { overflow: visible; }
  table { width: 100%; font-size: 7.5pt; }
  th, td, td.num, table.data td:first-child { white-space: normal; overflow-wrap: anywhere; padding: 2px 4px; }
  td.status { white-space: nowrap; overflow-wrap: normal; }
  thead { display: table-header-group; }
  details > *:not(summary) { display: block; }
  figure svg { max-height: 230mm; }
}
"#;

pub(super) fn html(ds: &Dataset, charts: &[Rendered], rec: &Reconciliation, lang: Lang) -> String {
    let title = html_escape(ds.title_in(lang));
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p class=\"lead\">{}</p>\n",
        lang.code(),
        html_escape(&summary(ds, rec, lang)),
    );
    let key = words::key_figures(ds, lang);
    if !key.is_empty() {
        h.push_str(&format!(
            "<section id=\"key-figures\"><h2>{}</h2>\n<ul>",
            lang.t("report-key-figures")
        ));
        for k in key {
            h.push_str(&format!("<li>{}</li>", html_escape(&k)));
        }
        h.push_str("</ul></section>\n");
    }
    h.push_str(&format!(
        "<section id=\"findings\"><h2>{}</h2>\n<ul>",
        lang.t("report-findings")
    ));
    for f in findings(ds, rec, lang) {
        h.push_str(&format!("<li>{}</li>", html_escape(&f)));
    }
    h.push_str("</ul></section>\n");
    h.push_str(&format!(
        "<p>{}</p>\n",
        html_escape(&lang.t("report-reading"))
    ));
    for c in charts {
        let alt = chart::describe(&c.chart);
        // The chart carries its own title; the section is named for navigation only.
        h.push_str(&format!(
            "<section id=\"{}\" aria-label=\"{}\">\n<figure>{}\n{}\n<figcaption>{}</figcaption></figure>\n",
            html_escape(&c.stem),
            html_escape(&c.chart.title),
            inline_svg(&c.svg, (c.chart.width, c.chart.height), "wide", &alt),
            inline_svg(&c.narrow, c.narrow_size, "narrow", &alt),
            [&c.caption, &c.notes]
                .iter()
                .filter(|w| !w.is_empty())
                .map(|w| format!("<p>{}</p>", html_escape(w)))
                .collect::<String>()
        ));
        if let Some((t, more)) = super::big::shown(c, lang) {
            h.push_str(&format!(
                "<details open><summary>{}</summary>{}{}</details>",
                lang.t("report-behind-chart"),
                html_table(
                    &localized(&t, lang),
                    "data",
                    &say!(
                        lang,
                        "report-behind-chart-label",
                        title = c.chart.title.as_str()
                    )
                ),
                paragraph(&more),
            ));
        }
        h.push_str("</section>\n");
    }
    h.push_str(&format!(
        "<h2 id=\"reconciliation\">{}</h2>\n<h3>{}</h3>\n",
        lang.t("report-reconciliation"),
        lang.t("report-relations")
    ));
    let (relations, more) = super::big::head(&rec.relations_table(), "reconciliation.json", lang);
    h.push_str(&html_table(
        &localized(&relations, lang),
        "relations",
        &lang.t("report-relations"),
    ));
    h.push_str(&paragraph(&more));
    h.push_str(&format!("<h3>{}</h3>\n", lang.t("report-checks")));
    let checks = rec.checks_table_in(lang);
    let (checks, more) = super::big::head(&checks, "reconciliation.json", lang);
    h.push_str(&html_table(
        &localized(&checks, lang),
        "checks",
        &lang.t("report-checks"),
    ));
    h.push_str(&paragraph(&more));
    h.push_str(&format!(
        "<h2 id=\"figures\">{}</h2>\n<p>{}</p>\n",
        lang.t("report-every-figure"),
        lang.t("report-every-figure-lead")
    ));
    h.push_str(&figures_table(ds, lang));
    let sources: Vec<String> = ds
        .sources
        .iter()
        .map(|s| {
            html_escape(if s.title.is_empty() {
                &s.name
            } else {
                &s.title
            })
        })
        .collect();
    h.push_str(&format!(
        "<footer><p>{}</p></footer>\n</main>\n</body>\n</html>\n",
        say!(
            lang,
            "report-footer",
            sources = lang.join(&sources),
            version = env!("CARGO_PKG_VERSION"),
            honesty = html_escape(&lang.honesty())
        )
    ));
    h
}

/// A paragraph of the tool's words, or nothing.
fn paragraph(words: &str) -> String {
    match words.is_empty() {
        true => String::new(),
        false => format!("<p>{}</p>\n", html_escape(words)),
    }
}

/// Every figure with its quote, the first [`super::big::MAX_LISTED`] by date of a
/// bigger table (the rest are in observations.csv).
fn figures_table(ds: &Dataset, lang: Lang) -> String {
    let mut obs: Vec<&Observation> = ds.observations.iter().collect();
    obs.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let more = obs.len().saturating_sub(super::big::MAX_LISTED);
    obs.truncate(super::big::MAX_LISTED);
    let names = build::Names::of(ds, lang);
    let head: String = ["date", "figure", "value", "basis", "authority", "quote"]
        .iter()
        .map(|c| format!("<th>{}</th>", lang.t(&format!("report-col-{c}"))))
        .collect();
    let mut h = format!(
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"figures\"><thead><tr>{head}</tr></thead><tbody>",
        lang.t("report-every-figure-label")
    );
    for o in obs {
        let mut figure = names.metric(&o.metric);
        for (dim, extra) in [
            (Dimension::Category, &o.category),
            (Dimension::Entity, &o.entity),
        ] {
            if !extra.is_empty() {
                figure = say!(
                    lang,
                    "report-figure-extra",
                    figure = figure,
                    extra = names.key(dim, extra)
                );
            }
        }
        if o.region != "national" {
            figure = say!(
                lang,
                "report-figure-region",
                figure = figure,
                region = names.key(Dimension::Region, &o.region)
            );
        }
        let value = crate::chart::theme::interval_label(
            &o.interval(),
            o.qualifier == crate::dataset::Qualifier::Approx,
        );
        let unit = if o.unit == "count" {
            String::new()
        } else {
            format!(" {}", o.unit.replace('_', " "))
        };
        h.push_str(&format!(
            "<tr id=\"{id}\"><td>{}</td><td>{}</td><td class=\"num\" title=\"{}\">{}{}</td><td>{}</td><td>{}</td><td><q title=\"{source}\">{}</q>{}</td></tr>",
            o.date,
            html_escape(&figure),
            html_escape(&o.note),
            html_escape(&value),
            html_escape(&unit),
            basis_word(o.basis, lang),
            html_escape(&o.authority),
            html_escape(&o.quote),
            if o.note.is_empty() { String::new() } else { format!("<br><small>{}</small>", html_escape(&o.note)) },
            id = html_escape(&o.id),
            source = html_escape(&source_title(ds, &o.source, lang)),
        ));
    }
    h.push_str("</tbody></table></div>\n");
    h.push_str(&paragraph(&super::big::more_rows(
        more,
        "observations.csv",
        lang,
    )));
    h
}

/// The title of a source named in the data, for "Source: ..." labels.
fn source_title(ds: &Dataset, name: &str, lang: Lang) -> String {
    let title = ds
        .sources
        .iter()
        .find(|s| s.name == name)
        .map(|s| {
            if s.title.is_empty() {
                s.name.clone()
            } else {
                s.title.clone()
            }
        })
        .unwrap_or_else(|| name.to_string());
    say!(lang, "report-source-title", title = title)
}
