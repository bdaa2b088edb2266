//! `report.md`.

use super::*;

pub(super) fn markdown(
    ds: &Dataset,
    charts: &[Rendered],
    rec: &Reconciliation,
    skipped: &[String],
    lang: Lang,
) -> Result<String> {
    let mut md = format!(
        "# {}\n\n{}\n\n",
        markdown_escape(ds.title_in(lang)),
        markdown_escape(&summary(ds, rec, lang)),
    );
    let key = words::key_figures(ds, lang);
    if !key.is_empty() {
        md.push_str(&format!("## {}\n\n", lang.t("report-key-figures")));
        for k in key {
            md.push_str(&format!("- {}\n", markdown_escape(&k)));
        }
        md.push('\n');
    }
    md.push_str(&format!("## {}\n\n", lang.t("report-findings")));
    for f in findings(ds, rec, lang) {
        md.push_str(&format!("- {}\n", markdown_escape(&f)));
    }
    md.push('\n');
    md.push_str(&format!(
        "{}\n\n",
        markdown_escape(&lang.t("report-reading"))
    ));
    for c in charts {
        md.push_str(&format!("## {}\n\n", markdown_escape(&c.chart.title)));
        md.push_str(&format!(
            "![{}]({}.png)\n\n",
            markdown_escape(&chart::describe(&c.chart)),
            output::link_target(&c.stem)
        ));
        for words in [&c.caption, &c.notes] {
            if !words.is_empty() {
                md.push_str(&format!("{}\n\n", markdown_escape(words)));
            }
        }
        if let Some((t, more)) = super::big::shown(c, lang) {
            md.push_str(&output::render_markdown(&localized(&t, lang)));
            md.push('\n');
            if !more.is_empty() {
                md.push_str(&format!("{}\n\n", markdown_escape(&more)));
            }
        }
    }
    if !skipped.is_empty() {
        md.push_str(&format!("## {}\n\n", lang.t("report-charts-left-out")));
        for s in skipped {
            md.push_str(&format!("- {}\n", markdown_escape(s)));
        }
        md.push('\n');
    }
    md.push_str(&format!("# {}\n\n", lang.t("report-reconciliation-short")));
    // The reconciliation's own tables are in the default language's words; another
    // language gets them as tables in its words.
    if lang == Lang::default() {
        let rec_md = reconcile::render(rec, Format::Markdown, reconcile::Section::All)?;
        let rec_md = String::from_utf8_lossy(&rec_md);
        md.push_str(&super::big::cap_markdown_tables(
            &rec_md,
            "reconciliation.json",
            lang,
        ));
    } else {
        for (title, t) in [
            (lang.t("report-relations"), rec.relations_table()),
            (lang.t("report-checks"), rec.checks_table_in(lang)),
        ] {
            md.push_str(&format!("## {title}\n\n"));
            md.push_str(&output::render_markdown(&localized(&t, lang)));
            md.push('\n');
        }
    }
    md.push_str(&format!("\n# {}\n\n", lang.t("report-sources")));
    for s in &ds.sources {
        md.push_str(&format!(
            "- {} {}\n",
            markdown_escape(&s.title),
            markdown_escape(&s.path)
        ));
    }
    Ok(md)
}
