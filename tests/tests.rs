//! Integration tests: the real binary on real files, one module per subcommand.

mod chart_svg;
mod reference;
mod util;

mod test_aggregate;
mod test_bad_inputs;
mod test_bad_inputs_tables;
mod test_bad_inputs_views;
mod test_browser;
mod test_chart;
mod test_chart_measured;
mod test_chart_stacks_steps;
mod test_csv_spectrum;
mod test_docs;
mod test_export;
mod test_extract;
mod test_fastpath;
mod test_init;
mod test_lang;
mod test_parquet_writers;
mod test_platform_long;
mod test_platform_tables;
mod test_reader;
mod test_reader_limits;
mod test_reconcile;
mod test_reference;
mod test_report;
mod test_shapes;
mod test_spoiled;
mod test_stranger;
mod test_stranger_cost;
mod test_stranger_xlsx;
mod test_tutorial;
mod test_validate;
mod test_views;
