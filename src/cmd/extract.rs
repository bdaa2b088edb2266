//! `cleanweb extract`: proposes one observation row per figure of a bulletin (text
//! or HTML, English or Chinese), as CSV on standard output or as a draft data
//! package that `validate --source-text` checks.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use serde_json::json;

use crate::dataset::{Date, DEFAULT_UNITS};
use crate::extract::{self, metrics::Metrics, rows, text, Options};
use crate::output;

/// Propose one observation row per figure of a text, with its verbatim quote.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Reads plain text or an HTML page (its visible text), in English or Chinese, and proposes one row per published figure in the 17 columns of the observation table: the value as written (1120.5万 is 11205000), the qualifier from the wording (more than, about, up to, 余, 多, 逾, 近, 约, 左右, 不足 ...; the words `validate` checks quotes against), unit and basis from what is counted, the period the text states, the clause as the quote, a metric, authority and region, and a note of what was guessed. Breakdowns (其中, including, of which, among these) become proposed relations, `complete` where the parts add up to the total within the rounding their wording states. In English, a count stated by naming (\"arrested Zhang Wei, Li Na, and Chen Jie\", \"Acme, Globex, and Initech were punished\") is proposed with the names as its entity.

The loop: extract, edit the draft (metric names, what was guessed), `validate --source-text`, then aggregate, chart, reconcile.

Examples:
  cleanweb extract bulletin.txt --date 2021-02-10
  cleanweb extract page.html --lang zh --date 2021-02-10
  cleanweb extract 2021-01.html 2021-02.html --date 2021-02-10 --date 2021-03-09 --metrics words.csv --out draft
  cleanweb validate --data draft --source-text draft/source.txt"
)]
pub struct Args {
    /// The texts to read (.txt, or .html/.htm pages); several texts make one draft.
    #[arg(required = true, value_name = "TEXT")]
    pub texts: Vec<PathBuf>,
    /// The day the texts were published (YYYY-MM-DD), for figures whose sentence
    /// states no day: once for every text, or once per text in their order.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = Date::parse)]
    pub date: Vec<Date>,
    /// A words-to-metrics file: one `words,metric` a line (举报,reports_received), so
    /// that figures land on the package's own metric names.
    #[arg(long, value_name = "FILE")]
    pub metrics: Option<PathBuf>,
    /// The language of the texts, whose words are read (English words such as
    /// "fell", "year on year", "daily"; Chinese ones such as 下降, 同比, 日均);
    /// guessed from each text's script when not given.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::extract::Script>,
    /// Write a draft data package here (datapackage.json, observations.csv,
    /// relations.csv and the text as source.txt) instead of printing the rows.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Add a column `kind` (count, money, duration, share, rate, multiple,
    /// change_up, change_down) to the rows printed, for review.
    #[arg(long, conflicts_with = "out")]
    pub with_kind: bool,
}

/// The largest text read: a bulletin or a page is a few hundred KB.
const TEXT_LIMIT: u64 = 64 << 20;

pub fn run(args: Args) -> Result<ExitCode> {
    let metrics = match &args.metrics {
        Some(p) => Metrics::read(p)?,
        None => Metrics::default(),
    };
    if args.date.len() > 1 && args.date.len() != args.texts.len() {
        return Err(anyhow!(
            "--date: {} dates for {} texts; give one date for every text, or one per text in their order",
            args.date.len(),
            args.texts.len()
        ));
    }
    let mut options = Options {
        lang: Default::default(),
        date: args.date.first().copied(),
        metrics,
        source: "source".into(),
    };
    let mut source = String::new();
    let mut draft = extract::Draft::default();
    for (n, path) in args.texts.iter().enumerate() {
        if let Some(d) = args.date.get(n) {
            options.date = Some(*d);
        }
        let bytes = crate::table::read_small_file(path, TEXT_LIMIT)?;
        let raw = std::str::from_utf8(&bytes).map_err(|e| {
            let (line, column) = extract::line_column(
                std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
                e.valid_up_to(),
            );
            anyhow!(
                "{}:{line}:{column}: not valid UTF-8 (byte {}): save the text as UTF-8",
                path.display(),
                e.valid_up_to()
            )
        })?;
        let raw = raw.trim_start_matches('\u{feff}');
        let body = if text::is_html(raw) {
            text::visible_text(raw)
        } else {
            raw.replace("\r\n", "\n")
        };
        options.lang = args.lang.unwrap_or_else(|| extract::guess_language(&body));
        let one =
            extract::extract(&body, &options).map_err(|e| anyhow!("{}:{e}", path.display()))?;
        let offset = draft.rows.len();
        draft.rows.extend(one.rows);
        draft.relations.extend(
            one.relations
                .into_iter()
                .map(|(t, p, k)| (t + offset, p + offset, k)),
        );
        if !source.is_empty() {
            source.push_str("\n\n");
        }
        source.push_str(&body);
    }
    let Some(out) = &args.out else {
        let table = rows::table(&draft.rows, args.with_kind);
        output::write_stdout(&csv_bytes(&table)?)?;
        return Ok(ExitCode::SUCCESS);
    };
    let ids = rows::ids(&draft.rows);
    let mut relations = vec![vec![
        "total_id".to_string(),
        "part_id".into(),
        "kind".into(),
    ]];
    for (t, p, k) in &draft.relations {
        relations.push(vec![
            ids[*t].clone(),
            ids[*p].clone(),
            k.as_str().to_string(),
        ]);
    }
    let descriptor = package(out, &args.texts, &draft)?;
    output::write_folder(
        out,
        &[
            ("datapackage.json", descriptor.as_bytes()),
            (
                "observations.csv",
                &csv_bytes(&rows::table(&draft.rows, false))?,
            ),
            ("relations.csv", &csv_bytes(&relations)?),
            ("source.txt", source.as_bytes()),
        ],
    )?;
    let summary = format!(
        "{} figures and {} relations proposed in {}; check them with: cleanweb validate --data {} --source-text {}\n",
        draft.rows.len(),
        draft.relations.len(),
        out.display(),
        out.display(),
        out.join("source.txt").display()
    );
    output::write_stdout(summary.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn csv_bytes(rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r)?;
    }
    w.into_inner().context("writing CSV")
}

/// The descriptor of the draft: `init`'s, with the metrics the rows use and the
/// text as its one source.
fn package(out: &std::path::Path, texts: &[PathBuf], draft: &extract::Draft) -> Result<String> {
    let name: String = out
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let name = if name.trim_matches('-').is_empty() {
        "draft".to_string()
    } else {
        name
    };
    let files: Vec<String> = texts
        .iter()
        .map(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        })
        .collect();
    let title = format!("Draft from {}", files.join(", "));
    let mut d = crate::dataset::starter::descriptor(&name, &title, &title, None);
    d["sources"] = json!([{"name": "source", "title": title, "path": "source.txt"}]);
    let mut metrics: Vec<&str> = draft.rows.iter().map(|r| r.metric.as_str()).collect();
    metrics.sort_unstable();
    metrics.dedup();
    if metrics.is_empty() {
        metrics = crate::dataset::starter::STARTER_METRICS.to_vec();
    }
    // The Table Schema says what the values are, for the reference validator: a
    // decimal (70.4%) makes them numbers, a fall (-15.2) lifts the minimum of 0.
    let values = draft
        .rows
        .iter()
        .flat_map(|r| std::iter::once(r.value.as_str()).chain(r.value_max.as_deref()));
    let decimals = values.clone().any(|v| v.contains('.'));
    let signed = values.clone().any(|v| v.starts_with('-'));
    if let Some(fields) = d["resources"][0]["schema"]["fields"].as_array_mut() {
        for f in fields {
            match f["name"].as_str() {
                Some("metric") => f["constraints"]["enum"] = json!(metrics),
                Some("unit") => f["constraints"]["enum"] = json!(DEFAULT_UNITS),
                Some("value" | "value_max") => {
                    if decimals {
                        f["type"] = json!("number");
                    }
                    if let (true, Some(c)) = (signed, f["constraints"].as_object_mut()) {
                        c.remove("minimum");
                    }
                }
                _ => {}
            }
        }
    }
    Ok(serde_json::to_string_pretty(&d)? + "\n")
}
