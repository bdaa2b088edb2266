//! The mapping of a table in its own shape (`cleanweb:mapping` on a resource of
//! `datapackage.json`): when each row is, which columns are dimensions and which are
//! measures, and what the cells hold. Every problem names its JSON path and, where
//! a word was mistyped, the nearest valid one. `docs/mapping.md` is the reference.

use serde_json::{Map, Value};

use super::cell::{Blank, Grammar, Rounding};
use super::date::DATE_FORMATS;
use super::{Basis, Date, Dimension, Problem};

/// How a row says when it is.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// A day, in `format`.
    Date { column: String, format: String },
    /// `2014-09`.
    Month { column: String },
    /// `2014`.
    Year { column: String },
    /// The last day of a period of `length` months, in `format`.
    PeriodEnd {
        column: String,
        format: String,
        months: u32,
    },
    /// `2014-H1`, `2014-Q3`, `2014-09` or `2014`.
    Period { column: String },
    /// Every row covers the same span.
    Fixed { from: Date, to: Date },
}

impl When {
    pub fn column(&self) -> Option<&str> {
        match self {
            When::Date { column, .. }
            | When::Month { column }
            | When::Year { column }
            | When::PeriodEnd { column, .. }
            | When::Period { column } => Some(column),
            When::Fixed { .. } => None,
        }
    }
}

/// A dimension column.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionSpec {
    pub column: String,
    /// The name `--by` and `--where` know it by.
    pub name: String,
    /// The observation field it fills, when it has one.
    pub role: Option<Dimension>,
}

/// Where a measure's numbers are.
#[derive(Debug, Clone, PartialEq)]
pub enum Cells {
    /// One column.
    Column(String),
    /// One column per value of a dimension, named by its header (unpivoted).
    Columns {
        columns: Vec<String>,
        dimension: String,
    },
    /// Long: the number in `value`, its metric in `metric_column`.
    Long {
        value: String,
        metric_column: String,
    },
}

/// One measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub cells: Cells,
    /// Empty for a long measure (the metric column names it).
    pub metric: String,
    pub unit: String,
    pub basis: Basis,
    /// The measure column of the same row this one is a percent share of.
    pub share_of: Option<String>,
    /// The measure columns of the same row this one is the total of.
    pub total_of: Vec<String>,
    pub grammar: Grammar,
    /// Shares written as fractions (`0.125` for 12.5%): `unit` `fraction` in the
    /// mapping; the figures are in percent.
    pub fraction: bool,
}

impl Measure {
    pub fn is_share(&self) -> bool {
        self.unit == "percent"
    }
}

/// A table with one row per event: each row counts once.
#[derive(Debug, Clone, PartialEq)]
pub struct Records {
    pub metric: String,
    pub unit: String,
}

/// A whole mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    pub when: When,
    pub dimensions: Vec<DimensionSpec>,
    pub measures: Vec<Measure>,
    pub records: Option<Records>,
    /// Whether the shares of one base in a row are all its parts (they must sum to
    /// 100 within their rounding).
    pub shares_complete: bool,
    pub ignore: Vec<String>,
    pub source: Option<String>,
    pub authority: String,
    pub region: String,
    /// The day the figures were published; else each row's period end.
    pub announced: Option<Date>,
    /// The table's cell grammar (a measure may declare its own).
    pub grammar: Grammar,
    /// The sheet of an `.xlsx` workbook (the first when absent).
    pub sheet: Option<String>,
    /// The 1-based line (or sheet row) of the header, when titles stand above it.
    pub header_row: Option<u64>,
}

impl Mapping {
    /// Every column the mapping names, each once, in the order declared.
    pub fn columns(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        let mut add = |c: &str| {
            if !all.iter().any(|a| a == c) {
                all.push(c.to_string());
            }
        };
        if let Some(c) = self.when.column() {
            add(c);
        }
        for d in &self.dimensions {
            add(&d.column);
        }
        for m in &self.measures {
            match &m.cells {
                Cells::Column(c) => add(c),
                Cells::Columns { columns, .. } => columns.iter().for_each(|c| add(c)),
                Cells::Long {
                    value,
                    metric_column,
                } => {
                    add(metric_column);
                    add(value);
                }
            }
        }
        for c in &self.ignore {
            add(c);
        }
        all
    }

    /// The basis figures get when a measure declares none: a span for a table of
    /// periods, one action for a table of days.
    fn default_basis(when: &When) -> Basis {
        match when {
            When::Date { .. } => Basis::Event,
            _ => Basis::Period,
        }
    }
}

/// The keys of each object, for the nearest-word hints.
const TOP: [&str; 13] = [
    "sheet",
    "header_row",
    "when",
    "dimensions",
    "measures",
    "records",
    "cells",
    "shares",
    "ignore",
    "source",
    "authority",
    "region",
    "announced",
];
const WHEN: [&str; 6] = ["column", "form", "length", "format", "from", "to"];
const FORMS: [&str; 6] = ["date", "month", "year", "period_end", "period", "fixed"];
const LENGTHS: [&str; 4] = ["month", "quarter", "half_year", "year"];
const DIMENSION: [&str; 3] = ["column", "name", "role"];
const ROLES: [&str; 4] = ["region", "category", "entity", "authority"];
const MEASURE: [&str; 11] = [
    "column",
    "columns",
    "dimension",
    "value",
    "metric_column",
    "metric",
    "unit",
    "basis",
    "share_of",
    "total_of",
    "cells",
];
const RECORDS: [&str; 2] = ["metric", "unit"];
const CELLS: [&str; 6] = [
    "blank",
    "missing",
    "thousands",
    "decimal",
    "footnotes",
    "rounding",
];
const BASES: [&str; 5] = ["event", "cumulative", "period", "rate", "share"];

/// Reads the problems of one mapping, each at its JSON path.
struct Reader<'p> {
    file: &'p str,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn problem(&mut self, path: &str, reason: impl Into<String>) {
        self.problems
            .push(Problem::new(self.file, reason).field(path));
    }

    /// `'word' is not one of ...` with the nearest valid word.
    fn not_one_of(&mut self, path: &str, word: &str, what: &str, valid: &[&str]) {
        self.problem(path, crate::table::not_one_of(word, what, valid));
    }

    fn object<'v>(
        &mut self,
        path: &str,
        v: &'v Value,
        keys: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(obj) = v.as_object() else {
            self.problem(path, "must be an object");
            return None;
        };
        for k in obj.keys() {
            if !keys.contains(&k.as_str()) {
                self.not_one_of(&format!("{path}.{k}"), k, "a key here", keys);
            }
        }
        Some(obj)
    }

    fn text(&mut self, path: &str, obj: &Map<String, Value>, key: &str) -> Option<String> {
        match obj.get(key) {
            None => None,
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(_) => {
                self.problem(&format!("{path}.{key}"), "must be a text that is not blank");
                None
            }
        }
    }

    fn texts(&mut self, path: &str, obj: &Map<String, Value>, key: &str) -> Vec<String> {
        match obj.get(key) {
            None => Vec::new(),
            Some(Value::String(s)) => vec![s.trim().to_string()],
            Some(Value::Array(a)) if a.iter().all(Value::is_string) => a
                .iter()
                .filter_map(Value::as_str)
                .map(|s| s.trim().to_string())
                .collect(),
            Some(_) => {
                self.problem(
                    &format!("{path}.{key}"),
                    "must be a text or a list of texts",
                );
                Vec::new()
            }
        }
    }

    fn word<T>(
        &mut self,
        path: &str,
        obj: &Map<String, Value>,
        key: &str,
        what: &str,
        valid: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let word = self.text(path, obj, key)?;
        let got = parse(&word);
        if got.is_none() {
            self.not_one_of(&format!("{path}.{key}"), &word, what, valid);
        }
        got
    }

    fn grammar(&mut self, path: &str, v: &Value, base: &Grammar) -> Grammar {
        let mut g = base.clone();
        let Some(obj) = self.object(path, v, &CELLS) else {
            return g;
        };
        if let Some(b) = self.word(
            path,
            obj,
            "blank",
            "a meaning of blank",
            &Blank::WORDS,
            Blank::parse,
        ) {
            g.blank = b;
        }
        if obj.contains_key("missing") {
            g.missing = self.texts(path, obj, "missing");
        }
        let one_char = |r: &mut Self, key: &str| -> Option<Option<char>> {
            let t = r.text(path, obj, key)?;
            let mut chars = t.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_ascii_digit() => Some(Some(c)),
                _ => {
                    r.problem(
                        &format!("{path}.{key}"),
                        format!("'{t}' must be one character that is not a digit"),
                    );
                    None
                }
            }
        };
        if let Some(c) = one_char(self, "thousands") {
            g.thousands = c;
        }
        if let Some(Some(c)) = one_char(self, "decimal") {
            g.decimal = c;
        }
        if g.thousands == Some(g.decimal) {
            self.problem(
                &format!("{path}.thousands"),
                "the thousands separator and the decimal mark must differ",
            );
        }
        match obj.get("footnotes") {
            None => {}
            Some(Value::Bool(b)) => g.footnotes = *b,
            Some(_) => self.problem(&format!("{path}.footnotes"), "must be true or false"),
        }
        if let Some(r) = self.word(
            path,
            obj,
            "rounding",
            "a rounding",
            &Rounding::WORDS,
            Rounding::parse,
        ) {
            g.rounding = r;
        }
        g
    }
}

/// A column name as a key: lower case, runs of other characters as `_`.
pub fn snake(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

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
    let mapping = Mapping {
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
        header_row: match obj.get("header_row") {
            None => None,
            Some(v) => match v.as_u64() {
                Some(n) if n >= 1 => Some(n),
                _ => {
                    r.problem(
                        &format!("{path}.header_row"),
                        "must be the line of the header, a whole number from 1",
                    );
                    None
                }
            },
        },
    };
    check_references(&mut r, path, &mapping);
    if r.problems.is_empty() {
        Ok(mapping)
    } else {
        Err(r.problems)
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
        "period" => When::Period { column },
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
    Some(Measure {
        cells,
        metric,
        unit,
        basis,
        share_of,
        total_of: r.texts(p, o, "total_of"),
        grammar: measure_grammar,
        fraction,
    })
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(json: &str) -> Vec<String> {
        let v: Value = serde_json::from_str(json).unwrap();
        match parse("dp.json", "resources[0].cleanweb:mapping", &v) {
            Ok(_) => Vec::new(),
            Err(ps) => ps.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn a_wide_half_year_mapping_reads() {
        let v: Value = serde_json::from_str(
            r#"{"when": {"column": "Period Ending", "form": "period_end", "length": "half_year"},
                "dimensions": [{"column": "Country", "role": "region"}, "Requester"],
                "measures": [{"column": "Requests", "metric": "removal_requests"},
                             {"column": "Items", "metric": "items_named"},
                             {"column": "Removed (%)", "metric": "items_removed", "share_of": "Items"}],
                "cells": {"blank": "zero", "thousands": ","}}"#,
        )
        .unwrap();
        let m = parse("dp.json", "m", &v).unwrap();
        assert_eq!(m.dimensions[1].name, "requester");
        assert_eq!(m.measures[2].unit, "percent");
        assert_eq!(m.measures[2].basis, Basis::Share);
        assert_eq!(m.measures[0].basis, Basis::Period);
        assert_eq!(m.measures[0].grammar.thousands, Some(','));
        assert_eq!(m.columns()[0], "Period Ending");
    }

    #[test]
    fn mistakes_are_named_by_path_with_the_nearest_word() {
        let shown = problems(
            r#"{"when": {"column": "P", "form": "period_end", "length": "half_yaer"},
                "measures": [{"column": "A", "metric": "a", "unti": "count"},
                             {"column": "B", "metric": "b", "share_of": "C"}],
                "cells": {"blank": "zeros"}}"#,
        );
        let all = shown.join("\n");
        assert!(all.contains("'resources[0].cleanweb:mapping.when.length': 'half_yaer' is not a period length (did you mean 'half_year'?)"), "{all}");
        assert!(
            all.contains("measures[0].unti': 'unti' is not a key here (did you mean 'unit'?)"),
            "{all}"
        );
        assert!(
            all.contains("measures[1].share_of': 'C' is not a count column"),
            "{all}"
        );
        assert!(
            all.contains("cells.blank': 'zeros' is not a meaning of blank (did you mean 'zero'?)"),
            "{all}"
        );
        assert!(problems(r#"{"when": {"column": "D", "form": "date"}}"#)[0]
            .contains("declares its measures"));
    }

    #[test]
    fn snake_names() {
        assert_eq!(snake(" Period Ending "), "period_ending");
        assert_eq!(snake("Removed - Legal (%)"), "removed_legal");
    }
}
