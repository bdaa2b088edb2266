//! `cleanweb` turns the official statistics of an internet clean-up campaign into a
//! checked, cited dataset, honest aggregations, charts and a reconciliation verdict.
//!
//! Data flows one way: [`dataset`] loads and validates a data package, [`aggregate`]
//! and [`reconcile`] compute what may honestly be computed from it, [`chart`] and
//! [`report`] render the results, and [`output`] writes them atomically. Only the
//! subcommands in [`cmd`] print.

pub mod aggregate;
pub mod chart;
pub mod cli;
pub mod cmd;
pub mod dataset;
pub mod describe;
pub mod diff;
pub mod extract;
pub mod output;
pub mod reconcile;
pub mod report;
pub mod source;
pub mod table;
#[cfg(any(test, feature = "testing"))]
#[doc(hidden)]
pub mod testing;
pub mod values;
pub mod words;

/// `value`, unless problems were found on the way to it.
pub(crate) fn unless<T, P>(problems: Vec<P>, value: T) -> Result<T, Vec<P>> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}
