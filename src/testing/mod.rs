//! Support for tests and fuzz targets, compiled only for them (`cfg(test)`, or the
//! `testing` feature the fuzz crate turns on): the columnar screen against the rules
//! row by row ([`columns`]). The reader's own differential support is
//! `table::differential`, under the same condition.

pub mod columns;

#[cfg(test)]
mod columns_tests;
