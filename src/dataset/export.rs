//! The package as a result table: the contract's 17 columns, and for tables in their
//! own shape the dimensions they name and the provenance of each figure.

use crate::output::{Cell, Table};

/// The observations as a result table with the contract's columns.
pub fn observations_table(obs: &[super::Observation]) -> Table {
    let mut t = Table::new(&super::OBSERVATION_COLUMNS);
    let date = |d: Option<super::Date>| d.map_or(Cell::Empty, |d| Cell::text(d.to_string()));
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::text(s)
        }
    };
    for o in obs {
        t.rows.push(vec![
            Cell::text(&o.id),
            date(Some(o.date)),
            date(o.period_start),
            date(o.period_end),
            text(&o.authority),
            text(&o.region),
            Cell::text(&o.metric),
            text(&o.category),
            text(&o.entity),
            o.written_value().map_or(Cell::Empty, Cell::Value),
            o.value_max.map_or(Cell::Empty, Cell::Value),
            Cell::text(o.qualifier.as_str()),
            Cell::text(&o.unit),
            Cell::text(o.basis.as_str()),
            Cell::text(&o.quote),
            text(&o.source),
            text(&o.note),
        ]);
    }
    t
}

/// The observations of a dataset as [`observations_table`] writes them; a package
/// with tables in their own shape adds a column for each dimension they name and
/// the provenance of each figure: the file, its SHA-256, and the line and column
/// of the cell (the cell's text is the quote).
pub fn dataset_table(ds: &super::Dataset) -> Table {
    let mut t = observations_table(&ds.observations);
    if ds.seen.is_empty() {
        return t;
    }
    let named: Vec<&super::DimensionName> = ds
        .dimensions
        .iter()
        .filter(|n| matches!(n.dimension, super::Dimension::Named(_)))
        .collect();
    t.columns.extend(named.iter().map(|n| n.name.clone()));
    t.columns.extend(
        [
            "source_file",
            "source_sha256",
            "source_line",
            "source_column",
        ]
        .map(String::from),
    );
    let digest = |file: &str| {
        ds.inputs
            .iter()
            .find(|i| i.name == file)
            .map_or(Cell::Empty, |i| Cell::text(&i.sha256))
    };
    for (row, o) in t.rows.iter_mut().zip(&ds.observations) {
        for n in &named {
            let v = o.text_key_of(n.dimension);
            row.push(if v.is_empty() {
                Cell::Empty
            } else {
                Cell::text(v)
            });
        }
        row.push(Cell::text(o.origin.file.to_string()));
        row.push(digest(&o.origin.file));
        row.push(Cell::Int(i128::from(o.origin.line)));
        row.push(if o.origin.cell == 0 {
            Cell::Empty
        } else {
            Cell::Int(o.origin.cell as i128)
        });
    }
    t
}
