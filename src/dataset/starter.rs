//! The descriptor of a new package: the contract's columns as a Table Schema, with
//! the constraints `validate` keeps, and a starting vocabulary of metrics.

use serde_json::json;

use super::{Basis, Qualifier, DEFAULT_UNITS, OBSERVATION_COLUMNS};

/// The metrics a new package starts with; edit the `enum` in datapackage.json.
pub const STARTER_METRICS: [&str; 8] = [
    "websites_closed",
    "accounts_closed",
    "items_deleted",
    "reports_received",
    "cases_handled",
    "arrests",
    "fines_yuan",
    "prison_term",
];

fn field(name: &str, kind: &str, description: &str) -> serde_json::Value {
    json!({"name": name, "type": kind, "description": description})
}

/// The Table Schema field of one of the contract's columns.
fn observation_field(col: &str) -> serde_json::Value {
    let mut f = match col {
        "id" => {
            let mut f = field(
                col,
                "string",
                "Unique, stable, snake_case identifier of the figure.",
            );
            f["constraints"] =
                json!({"required": true, "unique": true, "pattern": "^[a-z][a-z0-9_]*$"});
            f
        }
        "date" => {
            let mut f = field(col, "date", "ISO date on which the figure was announced.");
            f["constraints"] = json!({"required": true});
            f
        }
        "period_start" => field(
            col,
            "date",
            "First day of the span the figure covers, where it differs from date.",
        ),
        "period_end" => field(
            col,
            "date",
            "Last day of the span the figure covers, where it differs from date.",
        ),
        "authority" => field(col, "string", "The body that acted or announced."),
        "region" => {
            let mut f = field(col, "string", "'national', or the province or city.");
            f["constraints"] = json!({"required": true});
            f
        }
        "metric" => {
            let mut f = field(
                col,
                "string",
                "What is counted; edit this vocabulary to fit the campaign.",
            );
            f["constraints"] = json!({"required": true, "enum": STARTER_METRICS});
            f
        }
        "category" => field(
            col,
            "string",
            "The breakdown category (pornography, fraud, rumors, ...), else empty.",
        ),
        "entity" => field(
            col,
            "string",
            "Named company, site or person, else empty; several separated by '; '.",
        ),
        "value" => {
            let mut f = field(
                col,
                "integer",
                "The figure; the low end of a range; empty for a figure not published (qualifier unknown).",
            );
            f["constraints"] = json!({"minimum": 0});
            f
        }
        "value_max" => {
            let mut f = field(col, "integer", "The high end of a range, else empty.");
            f["constraints"] = json!({"minimum": 0});
            f
        }
        "qualifier" => {
            let mut f = field(col, "string", "exact; at_least ('more than'); at_most ('up to'); approx ('about'); range ('from X to Y'); unknown (not published).");
            let words: Vec<&str> = Qualifier::ALL.iter().map(|q| q.as_str()).collect();
            f["constraints"] = json!({"required": true, "enum": words});
            f
        }
        "unit" => {
            let mut f = field(
                col,
                "string",
                "count, yuan, years, months, percent, per_day, multiple.",
            );
            f["constraints"] = json!({"required": true, "enum": DEFAULT_UNITS});
            f
        }
        "basis" => {
            let mut f = field(col, "string", "event (one action); cumulative (running total to date); period (total over period_start..period_end); rate; share; change_previous_period, change_previous_year (a stated change, signed, of the figure of period_start..period_end against the period before or a year before).");
            let words: Vec<&str> = Basis::ALL.iter().map(|b| b.as_str()).collect();
            f["constraints"] = json!({"required": true, "enum": words});
            f
        }
        "quote" => {
            let mut f = field(
                col,
                "string",
                "The shortest verbatim passage of the source that states the figure.",
            );
            f["constraints"] = json!({"required": true});
            f
        }
        "source" => {
            let mut f = field(
                col,
                "string",
                "The name of the source in this descriptor's sources.",
            );
            f["constraints"] = json!({"required": true, "enum": ["source"]});
            f
        }
        _ => field(col, "string", "Free text."),
    };
    if f["type"] == "date" {
        f["format"] = json!("default");
    }
    f
}

/// The descriptor of a new package.
pub fn descriptor(
    name: &str,
    title: &str,
    source_title: &str,
    source_url: Option<&str>,
) -> serde_json::Value {
    let mut source = json!({"name": "source", "title": source_title});
    if let Some(u) = source_url {
        source["path"] = json!(u);
    }
    let fields: Vec<serde_json::Value> = OBSERVATION_COLUMNS
        .iter()
        .map(|c| observation_field(c))
        .collect();

    let relation_fields = json!([
        {"name": "total_id", "type": "string", "description": "id of the published total (for 'restates': the earlier statement).", "constraints": {"required": true}},
        {"name": "part_id", "type": "string", "description": "id of a part (for 'restates': the later statement).", "constraints": {"required": true}},
        {"name": "kind", "type": "string", "description": "complete: the parts add up to the total; partial: a subset; restates: the same quantity stated again.", "constraints": {"required": true, "enum": ["complete", "partial", "restates"]}}
    ]);
    json!({
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [source],
        "resources": [
            {
                "name": "observations", "path": "observations.csv", "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["id"]}
            },
            {
                "name": "relations", "path": "relations.csv", "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "schema": {
                    "fields": relation_fields,
                    "primaryKey": ["total_id", "part_id"],
                    "foreignKeys": [
                        {"fields": ["total_id"], "reference": {"resource": "observations", "fields": ["id"]}},
                        {"fields": ["part_id"], "reference": {"resource": "observations", "fields": ["id"]}}
                    ]
                }
            }
        ]
    })
}

/// A table as downloaded, which a new package is made around (`init --from`).
pub struct AsDownloaded<'a> {
    pub file_name: &'a str,
    pub stem: &'a str,
    pub bytes: &'a [u8],
    /// An `.xlsx` workbook, with the sheet read.
    pub workbook: bool,
    pub parquet: bool,
    pub sheet: Option<&'a str>,
    /// The line of the header, when it is not the first.
    pub header_row: Option<u64>,
}

/// The resource of a table as downloaded: its format, its SHA-256 (so a changed
/// file is noticed), the schema's `fields` and the first `mapping`.
pub fn table_resource(
    table: AsDownloaded<'_>,
    fields: serde_json::Value,
    mapping: serde_json::Value,
) -> serde_json::Value {
    let (format, mediatype) = if table.workbook {
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    } else if table.parquet {
        ("parquet", "application/vnd.apache.parquet")
    } else {
        ("csv", "text/csv")
    };
    let digest = super::hex(&<sha2::Sha256 as sha2::Digest>::digest(table.bytes));
    let mut resource = json!({
        "name": slug(table.stem).replace('-', "_"),
        "path": table.file_name,
        "profile": "tabular-data-resource",
        "format": format,
        "mediatype": mediatype,
        "hash": format!("sha256:{digest}"),
        "schema": {"fields": fields},
        "cleanweb:mapping": mapping,
    });
    if format == "csv" {
        resource["encoding"] = json!("utf-8");
    } else {
        // A workbook's and a Parquet table's cells are typed already (numbers,
        // dates): the schema takes them as they are.
        for f in resource["schema"]["fields"]
            .as_array_mut()
            .into_iter()
            .flatten()
        {
            f["type"] = json!("any");
        }
    }
    let mut dialect = serde_json::Map::new();
    if let Some(h) = table.header_row {
        dialect.insert("headerRows".into(), json!([h]));
    }
    if let Some(s) = table.sheet {
        dialect.insert("excel".into(), json!({"sheet": s}));
    }
    if !dialect.is_empty() {
        resource["dialect"] = serde_json::Value::Object(dialect);
    }
    resource
}

/// A name for a package or resource: ASCII letters and digits, lower case, with
/// hyphens between words.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "campaign".into()
    } else {
        out
    }
}
