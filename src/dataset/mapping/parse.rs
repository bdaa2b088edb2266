//! A mapping parsed from its JSON, with every problem at its JSON path.

use serde_json::{Map, Value};

use super::super::cell::Grammar;
use super::super::date::DATE_FORMATS;
use super::super::{Basis, Date, Dimension, Problem};
use super::reader::*;
use super::*;

/// Parses the mapping at `path` (`resources[i].cleanweb:mapping`) of `file`.
pub fn parse(file: &str, path: &str, v: &Value) -> Result<Mapping, Vec<Problem>> {
    let mut r = Reader {
        file,
        problems: Vec::new(),
    };
    let Some(obj) = r.object(path, v, &TOP) else {
        return Err(r.problems);
    };
    let grammar = match obj.get("cells") {
        Some(c) => r.grammar(&format!("{path}.cells"), c, &Grammar::default()),
        None => Grammar::default(),
    };
    let when = parse_when(&mut r, &format!("{path}.when"), obj.get("when"));
    let mut dimensions = Vec::new();
    match obj.get("dimensions") {
        None => {}
        Some(Value::Array(list)) => {
            for (i, d) in list.iter().enumerate() {
                let p = format!("{path}.dimensions[{i}]");
                let d = match d {
                    Value::String(s) => {
                        let mut m = Map::new();
                        m.insert("column".into(), Value::String(s.clone()));
                        Value::Object(m)
                    }
                    other => other.clone(),
                };
                let Some(o) = r.object(&p, &d, &DIMENSION) else {
                    continue;
                };
                let Some(column) = r.text(&p, o, "column") else {
                    r.problem(&format!("{p}.column"), "a dimension names its column");
                    continue;
                };
                let role = r.word(&p, o, "role", "a role", &ROLES, Dimension::parse);
                let name = r.text(&p, o, "name").unwrap_or_else(|| snake(&column));
                if Dimension::parse(&name).is_some_and(|d| Some(d) != role) {
                    r.problem(&format!("{p}.name"), format!("'{name}' is a key every table has; give the dimension another name, or the role '{name}'"));
                }
                dimensions.push(DimensionSpec { column, name, role });
            }
        }
        Some(_) => r.problem(&format!("{path}.dimensions"), "must be a list"),
    }
    let default_basis = when.as_ref().map_or(Basis::Period, Mapping::default_basis);
    let mut measures = Vec::new();
    match obj.get("measures") {
        None => {}
        Some(Value::Array(list)) => {
            for (i, m) in list.iter().enumerate() {
                let p = format!("{path}.measures[{i}]");
                if let Some(m) = parse_measure(&mut r, &p, m, &grammar, default_basis) {
                    measures.push(m);
                }
            }
        }
        Some(_) => r.problem(&format!("{path}.measures"), "must be a list"),
    }
    let records = obj.get("records").and_then(|v| {
        let p = format!("{path}.records");
        let o = r.object(&p, v, &RECORDS)?;
        let metric = r.text(&p, o, "metric");
        if metric.is_none() {
            r.problem(
                &format!("{p}.metric"),
                "a record list names the metric its rows count",
            );
        }
        Some(Records {
            metric: snake(&metric?),
            unit: r.text(&p, o, "unit").unwrap_or_else(|| "count".into()),
        })
    });
    match (measures.is_empty(), &records) {
        (true, None) => r.problem(
            &format!("{path}.measures"),
            "a mapping declares its measures, or \"records\" for a table of one row per event",
        ),
        (false, Some(_)) => r.problem(
            &format!("{path}.records"),
            "a record list counts its rows: it has no measures as well",
        ),
        _ => {}
    }
    let shares_complete = match r.text(path, obj, "shares").as_deref() {
        None | Some("complete") => true,
        Some("partial") => false,
        Some(w) => {
            r.not_one_of(
                &format!("{path}.shares"),
                w,
                "a kind of share set",
                &["complete", "partial"],
            );
            true
        }
    };
    let announced = r
        .text(path, obj, "announced")
        .and_then(|t| match Date::parse(&t) {
            Ok(d) => Some(d),
            Err(e) => {
                r.problem(&format!("{path}.announced"), e);
                None
            }
        });
    let total_rows = r.texts(path, obj, "total_rows");
    if records.is_some() && !total_rows.is_empty() {
        r.problem(
            &format!("{path}.total_rows"),
            "a record list counts its rows: it has no total rows",
        );
    }
    let mapping = Mapping {
        total_rows,
        when: when.unwrap_or(When::Fixed {
            from: Date::from_days(0),
            to: Date::from_days(0),
        }),
        dimensions,
        measures,
        records,
        shares_complete,
        ignore: r.texts(path, obj, "ignore"),
        source: r.text(path, obj, "source"),
        authority: r.text(path, obj, "authority").unwrap_or_default(),
        region: r
            .text(path, obj, "region")
            .unwrap_or_else(|| "national".into()),
        announced,
        grammar,
        sheet: r.text(path, obj, "sheet"),
        header_row: obj
            .get("header_row")
            .and_then(|v| header_row(&mut r, path, v)),
        path: path.to_string(),
        package: file.to_string(),
    };
    check_references(&mut r, path, &mapping);
    if r.problems.is_empty() {
        Ok(mapping)
    } else {
        Err(r.problems)
    }
}

/// The line of the header: 1 to [`super::MAX_HEADER_ROW`].
fn header_row(r: &mut Reader<'_>, path: &str, v: &Value) -> Option<u64> {
    match v.as_u64() {
        Some(n) if (1..=super::MAX_HEADER_ROW).contains(&n) => Some(n),
        _ => {
            r.problem(
                &format!("{path}.header_row"),
                format!(
                    "must be the line of the header, a whole number from 1 to {} (Excel's last row)",
                    super::MAX_HEADER_ROW
                ),
            );
            None
        }
    }
}

fn parse_when(r: &mut Reader<'_>, p: &str, v: Option<&Value>) -> Option<When> {
    let Some(v) = v else {
        r.problem(
            p,
            "a mapping says when each row is: a date, month, year or period column",
        );
        return None;
    };
    let o = r.object(p, v, &WHEN)?;
    let form = r.word(p, o, "form", "a form of date", &FORMS, |w| {
        FORMS.contains(&w).then(|| w.to_string())
    });
    let column = r.text(p, o, "column");
    let format = r
        .text(p, o, "format")
        .unwrap_or_else(|| "YYYY-MM-DD".into());
    if !(format.contains("YYYY") && format.contains('M') && format.contains('D')) {
        r.problem(
            &format!("{p}.format"),
            format!(
                "'{format}' is not a date format; use one such as {}",
                DATE_FORMATS.join(", ")
            ),
        );
    }
    let form = form?;
    if form == "fixed" {
        let mut day = |key: &str| match r.text(p, o, key).map(|t| Date::parse(&t)) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                r.problem(&format!("{p}.{key}"), e);
                None
            }
            None => {
                r.problem(&format!("{p}.{key}"), "a fixed span needs 'from' and 'to'");
                None
            }
        };
        let (from, to) = (day("from")?, day("to")?);
        if to < from {
            r.problem(&format!("{p}.to"), format!("{to} is before {from}"));
        }
        return Some(When::Fixed { from, to });
    }
    if o.contains_key("year") && form != "period" {
        r.problem(
            &format!("{p}.year"),
            "only a \"period\" column takes a \"year\" (for month names written without one)",
        );
    }
    let Some(column) = column else {
        r.problem(
            &format!("{p}.column"),
            "name the column that says when the row is",
        );
        return None;
    };
    Some(match form.as_str() {
        "date" => When::Date { column, format },
        "month" => When::Month { column },
        "year" => When::Year { column },
        "period" => When::Period {
            column,
            year: period_year(r, p, o),
        },
        _ => {
            let months = r.word(p, o, "length", "a period length", &LENGTHS, |w| match w {
                "month" => Some(1),
                "quarter" => Some(3),
                "half_year" => Some(6),
                "year" => Some(12),
                _ => None,
            });
            if !o.contains_key("length") {
                r.problem(
                    &format!("{p}.length"),
                    format!(
                        "a period end needs the period's length: {}",
                        LENGTHS.join(", ")
                    ),
                );
            }
            When::PeriodEnd {
                column,
                format,
                months: months?,
            }
        }
    })
}

/// The year of a period column's month names (`"year": 2022`).
fn period_year(r: &mut Reader<'_>, p: &str, o: &Map<String, Value>) -> Option<i32> {
    let v = o.get("year")?;
    match v.as_i64().and_then(|y| i32::try_from(y).ok()) {
        Some(y) if (1000..=9999).contains(&y) => Some(y),
        _ => {
            r.problem(
                &format!("{p}.year"),
                format!("{v} is not a year: write the year of the month names as a number, such as 2022"),
            );
            None
        }
    }
}

fn parse_measure(
    r: &mut Reader<'_>,
    p: &str,
    v: &Value,
    grammar: &Grammar,
    default_basis: Basis,
) -> Option<Measure> {
    let o = r.object(p, v, &MEASURE)?;
    let cells = match (o.get("column"), o.get("columns"), o.get("value")) {
        (Some(_), None, None) => Cells::Column(r.text(p, o, "column")?),
        (None, Some(_), None) => {
            let columns = r.texts(p, o, "columns");
            let dimension = r.text(p, o, "dimension").unwrap_or_else(|| {
                r.problem(&format!("{p}.dimension"), "one column per value needs the dimension its headers are values of (category, region, or a name of yours)");
                String::new()
            });
            if columns.is_empty() {
                r.problem(&format!("{p}.columns"), "name at least one column");
            }
            Cells::Columns { columns, dimension }
        }
        (None, None, Some(_)) => {
            let value = r.text(p, o, "value")?;
            let Some(metric_column) = r.text(p, o, "metric_column") else {
                r.problem(
                    &format!("{p}.metric_column"),
                    "a long measure names the column that says its metric",
                );
                return None;
            };
            Cells::Long {
                value,
                metric_column,
            }
        }
        _ => {
            r.problem(p, "a measure has exactly one of 'column', 'columns' (one per value of a dimension) or 'value' (long, with 'metric_column')");
            return None;
        }
    };
    let long = matches!(cells, Cells::Long { .. });
    let metric = r
        .text(p, o, "metric")
        .map(|m| snake(&m))
        .unwrap_or_default();
    if metric.is_empty() && !long {
        r.problem(&format!("{p}.metric"), "a measure names its metric");
    }
    let share_of = r.text(p, o, "share_of");
    let unit = r.text(p, o, "unit").unwrap_or_else(|| {
        if share_of.is_some() {
            "percent"
        } else {
            "count"
        }
        .into()
    });
    let fraction = unit == "fraction";
    let unit = if fraction {
        "percent".to_string()
    } else {
        unit
    };
    if share_of.is_some() && unit != "percent" {
        r.problem(
            &format!("{p}.unit"),
            format!("a share is in percent (or fraction), not '{unit}'"),
        );
    }
    let basis = r
        .word(p, o, "basis", "a basis", &BASES, Basis::parse)
        .unwrap_or(if unit == "percent" {
            Basis::Share
        } else {
            default_basis
        });
    let measure_grammar = match o.get("cells") {
        Some(c) => r.grammar(&format!("{p}.cells"), c, grammar),
        None => grammar.clone(),
    };
    let units = by_metric(r, p, o, "units");
    let bases = by_metric(r, p, o, "bases")
        .into_iter()
        .filter_map(|(m, w)| match Basis::parse(&w) {
            Some(b) => Some((m, b)),
            None => {
                r.not_one_of(&format!("{p}.bases"), &w, "a basis", &BASES);
                None
            }
        })
        .collect::<Vec<_>>();
    let rounded_by_metric = rounded_by_metric(r, p, o.get("rounded"), long);
    let per_metric = !(units.is_empty() && bases.is_empty());
    if per_metric && !long {
        r.problem(
            p,
            "\"units\" and \"bases\" give a long measure's metrics each theirs; a measure of one metric has one \"unit\" and \"basis\"",
        );
    }
    if let Some((m, _)) = units.iter().find(|u| u.1 == "fraction") {
        r.problem(
            &format!("{p}.units"),
            format!("'{m}': a unit per metric is a word such as count or percent; write its shares as percents"),
        );
    }
    Some(Measure {
        cells,
        metric,
        unit,
        basis,
        share_of,
        total_of: r.texts(p, o, "total_of"),
        grammar: measure_grammar,
        fraction,
        units,
        bases,
        rounded: match o.get("rounded") {
            Some(v) if rounded_by_metric.is_empty() => rounded(r, &format!("{p}.rounded"), v),
            _ => None,
        },
        rounded_by_metric,
    })
}

/// A long measure's `"rounded"` by metric: `{"Content Actioned": {"significant": 2}}`.
fn rounded_by_metric(
    r: &mut Reader<'_>,
    p: &str,
    v: Option<&Value>,
    long: bool,
) -> Vec<(String, Rounded)> {
    let Some(o) = v
        .and_then(Value::as_object)
        .filter(|o| long && !o.is_empty() && o.keys().all(|k| k != "to" && k != "significant"))
    else {
        return Vec::new();
    };
    o.iter()
        .filter_map(|(m, v)| Some((snake(m), rounded(r, &format!("{p}.rounded.{m}"), v)?)))
        .collect()
}

/// `{"to": 1000}` or `{"significant": 2}`.
fn rounded(r: &mut Reader<'_>, p: &str, v: &Value) -> Option<Rounded> {
    let o = r.object(p, v, &["to", "significant"])?;
    let got = match (o.get("to"), o.get("significant")) {
        (Some(to), None) => to.as_u64().filter(|s| *s >= 1).map(Rounded::To),
        (None, Some(n)) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| (1..=18).contains(n))
            .map(Rounded::Significant),
        _ => None,
    };
    if got.is_none() {
        r.problem(p, "say how the counts are rounded: {\"to\": 1000} (to a multiple, here thousands) or {\"significant\": 2} (to 2 significant digits)");
    }
    got
}

/// `{"Proactive Rate": "percent"}`: a word for each metric (in snake case).
fn by_metric(
    r: &mut Reader<'_>,
    p: &str,
    o: &Map<String, Value>,
    key: &str,
) -> Vec<(String, String)> {
    match o.get(key) {
        None => Vec::new(),
        Some(Value::Object(m)) => m
            .iter()
            .filter_map(|(metric, v)| match v.as_str().map(str::trim) {
                Some(w) if !w.is_empty() => Some((snake(metric), w.to_string())),
                _ => {
                    r.problem(
                        &format!("{p}.{key}.{metric}"),
                        "must be a text that is not blank",
                    );
                    None
                }
            })
            .collect(),
        Some(_) => {
            r.problem(
                &format!("{p}.{key}"),
                "must be an object of each metric and its word, such as {\"Proactive Rate\": \"percent\"}",
            );
            Vec::new()
        }
    }
}

/// `share_of` and `total_of` name measure columns of the same mapping.
fn check_references(r: &mut Reader<'_>, path: &str, m: &Mapping) {
    let singles: Vec<&str> = m
        .measures
        .iter()
        .flat_map(|x| match &x.cells {
            Cells::Column(c) => vec![c.as_str()],
            Cells::Columns { columns, .. } => columns.iter().map(String::as_str).collect(),
            Cells::Long { .. } => Vec::new(),
        })
        .collect();
    let counts: Vec<&str> = m
        .measures
        .iter()
        .filter(|x| !x.is_share())
        .filter_map(|x| match &x.cells {
            Cells::Column(c) => Some(c.as_str()),
            _ => None,
        })
        .collect();
    for (i, x) in m.measures.iter().enumerate() {
        let p = format!("{path}.measures[{i}]");
        if let Some(base) = &x.share_of {
            if !counts.contains(&base.as_str()) {
                r.not_one_of(
                    &format!("{p}.share_of"),
                    base,
                    "a count column of this mapping",
                    &counts,
                );
            }
        }
        for part in &x.total_of {
            if !singles.contains(&part.as_str()) {
                r.not_one_of(
                    &format!("{p}.total_of"),
                    part,
                    "a measure column of this mapping",
                    &singles,
                );
            }
        }
        if let Cells::Column(own) = &x.cells {
            if x.total_of.contains(own) {
                r.problem(
                    &format!("{p}.total_of"),
                    format!("'{own}' is this measure's own column: a total cannot be one of its own parts"),
                );
            }
        }
        let (key, columns) = match &x.cells {
            Cells::Column(c) => ("column", vec![c.as_str()]),
            Cells::Columns { columns, .. } => {
                ("columns", columns.iter().map(String::as_str).collect())
            }
            Cells::Long { value, .. } => ("value", vec![value.as_str()]),
        };
        for c in columns {
            if let Some(d) = m.dimensions.iter().position(|d| d.column == c) {
                r.problem(
                    &format!("{p}.{key}"),
                    format!("'{c}' is also a dimension ({path}.dimensions[{d}]): a column holds either the keys of figures or their values, not both"),
                );
            }
        }
        if !x.total_of.is_empty() && !matches!(x.cells, Cells::Column(_)) {
            r.problem(
                &format!("{p}.total_of"),
                "only a single column can be the total of others",
            );
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for c in m.dimensions.iter().map(|d| d.column.as_str()) {
        if seen.contains(&c) {
            r.problem(
                &format!("{path}.dimensions"),
                format!("column '{c}' is named twice"),
            );
        }
        seen.push(c);
    }
    for (i, d) in m.dimensions.iter().enumerate() {
        if let Some(j) = m.dimensions[..i]
            .iter()
            .position(|e| e.name == d.name && e.column != d.column)
        {
            r.problem(
                &format!("{path}.dimensions[{i}].name"),
                format!(
                    "'{}' also names {path}.dimensions[{j}]: give each dimension a name of its own",
                    d.name
                ),
            );
        }
    }
}
