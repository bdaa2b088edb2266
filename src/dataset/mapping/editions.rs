//! What lets two editions of one table be read under one mapping: a column's other
//! headers (`"other_headers": {"Requestor": ["Requester"]}`) and a dimension's
//! values under their other spellings (`"spellings": {"country_region":
//! {"Türkiye": ["Turkey"]}}`).

use std::collections::BTreeMap;

use super::super::doc::{Found, Texts};
use super::Mapping;

/// Reads `other_headers`: each key a column the mapping names, each header given
/// once and never a column the mapping names itself.
pub(super) fn other_headers(
    found: &mut Found,
    path: &str,
    doc: Option<BTreeMap<String, Texts>>,
    m: &Mapping,
) -> Vec<(String, Vec<String>)> {
    let columns = m.columns();
    let known: Vec<&str> = columns.iter().map(String::as_str).collect();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (column, Texts(others)) in doc.unwrap_or_default() {
        let p = format!("{path}.other_headers.{column}");
        if !known.contains(&column.as_str()) {
            found.not_one_of(&p, &column, "a column this mapping names", &known);
            continue;
        }
        if others.is_empty() || others.iter().any(String::is_empty) {
            found.problem(
                &p,
                "give the column's other headers, each a text that is not blank",
            );
            continue;
        }
        for other in &others {
            if known.contains(&other.as_str()) {
                found.problem(&p, format!("'{other}' is a column this mapping names: a header is the other header of none"));
            } else if let Some((first, _)) = out.iter().find(|(_, o)| o.contains(other)) {
                found.problem(
                    &p,
                    format!("'{other}' is already an other header of '{first}'"),
                );
            }
        }
        out.push((column, others));
    }
    out
}

/// Reads `spellings`: each key a dimension's name, each other spelling read as one
/// value only.
pub(super) fn spellings(
    found: &mut Found,
    path: &str,
    doc: Option<BTreeMap<String, BTreeMap<String, Texts>>>,
    m: &Mapping,
) -> Vec<(String, Vec<(String, String)>)> {
    let names: Vec<&str> = m.dimensions.iter().map(|d| d.name.as_str()).collect();
    let mut out = Vec::new();
    for (name, values) in doc.unwrap_or_default() {
        let p = format!("{path}.spellings.{name}");
        if !names.contains(&name.as_str()) {
            found.not_one_of(&p, &name, "the name of a dimension of this mapping", &names);
            continue;
        }
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (value, Texts(others)) in values {
            let p = format!("{p}.{value}");
            if others.is_empty() || others.iter().any(String::is_empty) {
                found.problem(
                    &p,
                    "give the value's other spellings, each a text that is not blank",
                );
            }
            for other in others.into_iter().filter(|o| !o.is_empty()) {
                match pairs.iter().find(|(o, _)| *o == other) {
                    Some((_, v)) => found.problem(
                        &p,
                        format!("'{other}' is already another spelling of '{v}'"),
                    ),
                    None => pairs.push((other, value.trim().to_string())),
                }
            }
        }
        for (_, value) in &pairs {
            if pairs.iter().any(|(o, _)| o == value) {
                found.problem(&p, format!("'{value}' is both a value and another spelling: give each spelling of a value under the value it is read as"));
                break;
            }
        }
        out.push((name, pairs));
    }
    out
}

impl Mapping {
    /// The mapping with each column whose header `header` lacks renamed to the other
    /// header it has, when it has one; `None` when no column is renamed.
    pub fn under_other_headers(&self, header: &[&str]) -> Option<Mapping> {
        let mut renamed = self.clone();
        let mut any = false;
        for (column, others) in &self.other_headers {
            if header.contains(&column.as_str()) {
                continue;
            }
            if let Some(other) = others.iter().find(|o| header.contains(&o.as_str())) {
                renamed.rename_column(column, other);
                any = true;
            }
        }
        // Each column is renamed once: the table is read again, not searched anew.
        renamed.other_headers.clear();
        any.then_some(renamed)
    }

    /// Every place the mapping names `from`, named `to`.
    fn rename_column(&mut self, from: &str, to: &str) {
        use super::{Cells, When};
        let swap = |c: &mut String| {
            if c == from {
                *c = to.to_string();
            }
        };
        match &mut self.when {
            When::Date { column, .. }
            | When::Month { column }
            | When::Year { column }
            | When::PeriodEnd { column, .. }
            | When::Period { column, .. } => swap(column),
            When::Fixed { .. } => {}
        }
        self.dimensions.iter_mut().for_each(|d| swap(&mut d.column));
        for m in &mut self.measures {
            match &mut m.cells {
                Cells::Column(c) => swap(c),
                Cells::Columns { columns, dimension } => {
                    // The header is a value of the dimension: still read as the
                    // mapping writes it.
                    if columns.iter().any(|c| c == from) {
                        let pair = (to.to_string(), from.to_string());
                        match self.spellings.iter_mut().find(|(n, _)| n == dimension) {
                            Some((_, pairs)) => pairs.push(pair),
                            None => self.spellings.push((dimension.clone(), vec![pair])),
                        }
                    }
                    columns.iter_mut().for_each(swap);
                }
                Cells::Long {
                    value,
                    metric_column,
                } => {
                    swap(value);
                    swap(metric_column);
                }
            }
            m.share_of.iter_mut().for_each(swap);
            m.total_of.iter_mut().for_each(swap);
        }
        self.ignore.iter_mut().for_each(swap);
    }

    /// The value a dimension's cell is read as: its spelling in `spellings`.
    pub fn spelling<'a>(&'a self, dimension: &str, written: &'a str) -> &'a str {
        self.spellings
            .iter()
            .find(|(n, _)| n == dimension)
            .and_then(|(_, pairs)| pairs.iter().find(|(o, _)| o == written))
            .map_or(written, |(_, v)| v.as_str())
    }
}
