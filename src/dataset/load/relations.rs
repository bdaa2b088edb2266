//! The relations table of a package: which observation is a total of which parts.

use std::sync::Arc;

use crate::dataset::{DataError, Dataset, Origin, Problem, Relation, RelationKind};
use crate::table::{self, short, At, Cells, Found, Input, RecordSink, Schema};

use super::*;

/// The relations table: which observation is a total of which parts.
const RELATION_SCHEMA: Schema<'static> = Schema {
    known: &RELATION_COLUMNS,
    required: &RELATION_COLUMNS,
    key: None,
};

/// The rules of a relation row; valid rows are kept with their positions.
#[derive(Default)]
struct Relations {
    rows: Vec<(At, String, String, RelationKind)>,
}

impl RecordSink for Relations {
    fn record<'a>(&mut self, cells: &impl Cells<'a>, at: At, found: &mut Found<'_>) {
        let kind_text = cells.text(2);
        let Some(kind) = RelationKind::parse(kind_text) else {
            found.problem(
                2,
                format!(
                    "'{}' is not a relation kind (complete, partial, restates)",
                    short(kind_text)
                ),
            );
            return;
        };
        let (total, part) = (cells.text(0), cells.text(1));
        for (i, id) in [total, part].into_iter().enumerate() {
            if id.is_empty() {
                found.problem(i, "must not be empty");
            }
        }
        if !total.is_empty() && !part.is_empty() && found.keeps() {
            self.rows
                .push((at, total.to_string(), part.to_string(), kind));
        }
    }
}

pub(super) fn read_relations(
    name: &str,
    bytes: &[u8],
    opts: &LoadOptions,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
) -> Result<(), DataError> {
    let read = table::read(
        &Input::Bytes { name, bytes },
        &RELATION_SCHEMA,
        &opts.table(),
        Relations::default,
    );
    let table = match read {
        Ok(t) => t,
        Err(DataError::Invalid(ps)) => {
            // A relations table with a header and no rows is fine: not every
            // campaign publishes totals with their parts.
            problems.extend(ps.into_iter().filter(|p| p.reason != table::NO_ROWS));
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    problems.extend(
        table
            .problems
            .into_iter()
            .filter(|p| p.reason != table::NO_ROWS),
    );
    let file: Arc<str> = Arc::from(name);
    let columns: Arc<[usize]> = Arc::from(table.columns);
    let mut rows: Vec<_> = table.sinks.into_iter().flat_map(|s| s.rows).collect();
    rows.sort_by_key(|r| r.0);
    for (at, total_id, part_id, kind) in rows {
        ds.relations.push(Relation {
            total_id,
            part_id,
            kind,
            origin: Origin {
                file: file.clone(),
                line: table.lines.line(at),
                columns: columns.clone(),
                cell: 0,
            },
        });
    }
    Ok(())
}
