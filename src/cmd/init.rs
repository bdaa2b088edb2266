//! `cleanweb init`: a new, empty data package that `validate` then guides to
//! completion.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use serde_json::json;

use crate::dataset::{Date, OBSERVATION_COLUMNS};
use crate::output;

/// Create a new data package folder for another campaign.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Creates DIR with datapackage.json (Table Schema and an editable metric vocabulary), observations.csv and relations.csv (headers only) and a README.md that explains every column. `cleanweb validate --data DIR` then says what is still to fill in. Existing files are never overwritten.

Examples:
  cleanweb init autumn-wind-2015 --title \"Autumn Wind 2015\" --source-title \"Press conference, 2015-12-30\"
  cleanweb validate --data autumn-wind-2015"
)]
pub struct Args {
    /// The folder to create (it may exist, but must not hold the package's files).
    pub dir: PathBuf,
    /// Title of the dataset.
    #[arg(long)]
    pub title: Option<String>,
    /// Title of the source the figures come from.
    #[arg(long, default_value = "Source to be described")]
    pub source_title: String,
    /// Where the source can be found.
    #[arg(long)]
    pub source_url: Option<String>,
    /// A table as downloaded (CSV, Parquet, or .xlsx with --sheet): the package
    /// holds a copy of it and a first mapping of its columns, for `validate` to
    /// check and you to finish.
    #[arg(long, value_name = "TABLE")]
    pub from: Option<PathBuf>,
    /// The sheet of an .xlsx workbook (default: the first).
    #[arg(long, requires = "from")]
    pub sheet: Option<String>,
    /// The line (or sheet row) of the header, when titles stand above it (1 to
    /// 1048576, Excel's last row).
    #[arg(long, requires = "from", value_name = "N", value_parser = parse_header_row)]
    pub header_row: Option<u64>,
    /// The period the whole table covers, when no column says it (`2022-H1`,
    /// `2022`, `2022-01-01..2022-06-30`), or the year of a table whose periods are
    /// month names alone (`January`, `Feb`), when the year is only in the file's
    /// name or title.
    #[arg(long, requires = "from", value_name = "PERIOD", value_parser = parse_period)]
    pub period: Option<(Date, Date)>,
}

/// A period: `2022`, `2022-H1`, `2022-Q3`, `2022-01`, any spelling a period column
/// may have, or two days `2022-01-01..2022-06-30`.
fn parse_period(s: &str) -> Result<(Date, Date), String> {
    let forms = "give a period such as 2022-H1, 2022 or 2022-01-01..2022-06-30";
    if let Some((a, b)) = s.split_once("..") {
        let (from, to) = (Date::parse(a.trim()), Date::parse(b.trim()));
        return match (from, to) {
            (Ok(from), Ok(to)) if from <= to => Ok((from, to)),
            (Ok(from), Ok(to)) => Err(format!("'{s}': {to} is before {from}")),
            (Err(e), _) | (_, Err(e)) => Err(format!("'{s}': {e}; {forms}")),
        };
    }
    crate::dataset::period::parse(s, None).map_err(|_| format!("'{s}' is not a period: {forms}"))
}

/// A header row from 1 to [`MAX_HEADER_ROW`](crate::dataset::mapping::MAX_HEADER_ROW),
/// refused before anything is read (the lines above a header are kept blank).
fn parse_header_row(s: &str) -> Result<u64, String> {
    let max = crate::dataset::mapping::MAX_HEADER_ROW;
    match s.parse::<u64>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "the line of the header is a whole number from 1 to {max} (Excel's last row)"
        )),
    }
}

const README: &str = "# {title}

A data package for `cleanweb`: one row in `observations.csv` per published figure,
with the verbatim quote that states it; `relations.csv` for published totals and their
parts. Check it with `cleanweb validate --data .`; add `--source-text SOURCE.txt` to
prove every quote is verbatim and states its value.

## Columns of observations.csv

| column | what it holds | example |
|---|---|---|
| id | unique snake_case id | `websites_closed_0630` |
| date | ISO date the figure was announced | `2031-06-30` |
| period_start, period_end | the span the figure covers, where it differs from date | `2031-09-01`, `2031-09-30` |
| authority | the body that acted or announced | `Provincial Internet Office` |
| region | `national`, or the province or city | `Province X` |
| metric | what is counted, from the vocabulary in datapackage.json | `websites_closed` |
| category | breakdown category, else empty | `pornography` |
| entity | named company, site or person, else empty | `Example Portal` |
| value | the figure, digits only; the low end of a range | `1350` |
| value_max | the high end of a range, else empty | `50000` |
| qualifier | see below | `at_least` |
| unit | count, yuan, years, months, percent, per_day, multiple | `count` |
| basis | see below | `cumulative` |
| quote | the shortest verbatim passage that states the figure | `shut down 1,350 websites` |
| source | the name of the source in datapackage.json | `source` |
| note | free text | `wording: 'dealt with'` |

## Qualifiers

- `exact`: \"closed 240 websites\" is 240.
- `at_least`: \"more than 5,000 accounts\" is 5,000 or more.
- `at_most`: \"up to 300 sites\" is between 0 and 300.
- `approx`: \"about 3,000\" is kept as 3,000 and marked approximate.
- `range`: \"fines from 20,000 to 50,000 yuan\" is value 20000, value_max 50000.
- `unknown`: a figure that exists but whose value is not published (a `?` in a table):
  value empty (or the floor it is known to reach), counted from there with no upper end.

## Bases

- `event`: one action on one day (\"Province X closed 120 websites on 15 March\").
- `cumulative`: a running total to the date (\"1,350 websites shut down\" since the start);
  period_start is the campaign's start, period_end the date.
- `period`: a total over a stated span (\"40,000 reports in September\": 2031-09-01 to 2031-09-30).
- `rate`: per unit of time (\"more than 3,000 reports daily\": unit per_day).
- `share`: a percentage (\"more than 80% of reports\": unit percent).

## relations.csv

`total_id,part_id,kind`: `complete` when the parts add up to the total (a published
breakdown), `partial` when they are a subset, `restates` when the same figure is stated
again (total_id the earlier statement, part_id the later).
";

/// The first sheet of a workbook, said on standard error with the others.
fn first_sheet(name: &str, bytes: &[u8]) -> Result<Option<String>> {
    let names = crate::table::sheet::sheet_names(name, bytes)?;
    if let Some(first) = names.first() {
        let all: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let n = names.len();
        eprintln!(
            "cleanweb: {name} has {n} sheet{}: {}; reading '{first}', the first{}",
            if n == 1 { "" } else { "s" },
            all.join(", "),
            if n == 1 {
                ""
            } else {
                " (another with --sheet NAME)"
            }
        );
    }
    Ok(names.into_iter().next())
}

/// A package around a table as downloaded, with a first mapping.
fn run_from(args: &Args, table: &std::path::Path) -> Result<ExitCode> {
    use crate::dataset::infer;
    use crate::table::{self, sheet, Input};
    let dir = &args.dir;
    let file_name = table
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    for f in ["datapackage.json", "README.md", file_name.as_str()] {
        let p = dir.join(f);
        if p.exists() || p.symlink_metadata().is_ok() {
            bail!(
                "{}: already exists; init never overwrites a file (choose a new folder)",
                p.display()
            );
        }
    }
    let bytes =
        std::fs::read(table).with_context(|| format!("{}: cannot read", table.display()))?;
    let name = table.display().to_string();
    let workbook = sheet::is_workbook_name(&name);
    let sheet_name = match (&args.sheet, workbook) {
        (Some(s), true) => Some(s.clone()),
        (None, true) => first_sheet(&name, &bytes)?,
        (Some(_), false) => bail!("{}: --sheet is for an .xlsx workbook", table.display()),
        (None, false) => None,
    };
    let text = if workbook {
        sheet::sheet_as_csv(&name, &bytes, sheet_name.as_deref())?
    } else {
        bytes.clone()
    };
    let text = match args.header_row {
        Some(h) if h > 1 && !table::is_parquet_name(&name) => {
            crate::dataset::mapped::above_header_blank(&text, h)
        }
        _ => text,
    };
    let stem = table
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    // A sheet is read as delimited text under the workbook's name and its own: no
    // extension, so it reads as CSV, and its problems name both.
    let read_name = match &sheet_name {
        Some(s) => format!("{name}, sheet '{s}'"),
        None => name.clone(),
    };
    let found = infer::infer(
        &Input::Bytes {
            name: &read_name,
            bytes: &text,
        },
        &stem,
        &crate::table::Options {
            sheet: workbook,
            ..crate::table::Options::default()
        },
        args.period,
    )?;
    let mut mapping = found.mapping;
    if let Some(s) = &sheet_name {
        mapping["sheet"] = json!(s);
    }
    if let Some(h) = args.header_row {
        mapping["header_row"] = json!(h);
    }
    let package = crate::dataset::starter::slug(
        &dir.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
    );
    let title = args.title.clone().unwrap_or_else(|| stem.clone());
    let mut source = json!({"name": "source", "title": args.source_title, "path": file_name});
    if let Some(u) = &args.source_url {
        source["path"] = json!(u);
    }
    let resource = crate::dataset::starter::table_resource(
        crate::dataset::starter::AsDownloaded {
            file_name: &file_name,
            stem: &stem,
            bytes: &bytes,
            workbook,
            parquet: table::is_parquet_name(&name),
            sheet: sheet_name.as_deref(),
            header_row: args.header_row,
        },
        json!(found.fields),
        mapping,
    );
    let desc = json!({
        "name": package,
        "title": title,
        "sources": [source],
        "resources": [resource],
    });
    let mut dp = serde_json::to_vec_pretty(&desc)?;
    dp.push(b'\n');
    let readme = format!(
        "# {title}\n\nA data package for `cleanweb` around `{file_name}`, a table as downloaded, with a first\nmapping of its columns in `datapackage.json` (`cleanweb:mapping`; see the project's\n`docs/mapping.md`). Run `cleanweb validate --data .`: it says what is left to decide.\n\nThe table is kept as it was; its SHA-256 is in the resource's `hash`, so a changed file\nis noticed.\n"
    );
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    for (f, b) in [
        (file_name.as_str(), &bytes),
        ("datapackage.json", &dp),
        ("README.md", &readme.into_bytes()),
    ] {
        output::write_atomic(&dir.join(f), b)?;
    }
    for line in &found.said {
        eprintln!("  {line}");
    }
    eprintln!(
        "cleanweb: created {} around {file_name} with a first mapping; check it with: cleanweb validate --data {}",
        dir.display(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(table) = args.from.clone() {
        return run_from(&args, &table);
    }
    let dir = &args.dir;
    if dir.exists() && !dir.is_dir() {
        bail!("{}: exists and is not a folder", dir.display());
    }
    let files = [
        "datapackage.json",
        "observations.csv",
        "relations.csv",
        "README.md",
    ];
    for f in files {
        let p = dir.join(f);
        if p.exists() || p.symlink_metadata().is_ok() {
            bail!(
                "{}: already exists; init never overwrites a file (choose a new folder)",
                p.display()
            );
        }
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    let name = crate::dataset::starter::slug(
        &dir.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
    );
    let title = args.title.clone().unwrap_or_else(|| name.clone());
    let desc = crate::dataset::starter::descriptor(
        &name,
        &title,
        &args.source_title,
        args.source_url.as_deref(),
    );
    let mut dp = serde_json::to_vec_pretty(&desc)?;
    dp.push(b'\n');
    let header = format!("{}\n", OBSERVATION_COLUMNS.join(","));
    let readme = README.replace("{title}", &title);
    let contents: [(&str, Vec<u8>); 4] = [
        ("datapackage.json", dp),
        ("observations.csv", header.into_bytes()),
        ("relations.csv", b"total_id,part_id,kind\n".to_vec()),
        ("README.md", readme.into_bytes()),
    ];
    for (f, bytes) in &contents {
        output::write_atomic(&dir.join(f), bytes)?;
    }
    eprintln!(
        "cleanweb: created {} (datapackage.json, observations.csv, relations.csv, README.md); add one row per published figure to observations.csv, then run: cleanweb validate --data {}",
        dir.display(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
