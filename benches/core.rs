//! Criterion benches of the hot paths: loading the embedded dataset, aggregating a
//! large in-memory table by month and category (interval sums) and running totals,
//! rendering a chart to SVG and PNG, and the whole report. The side-by-side
//! comparison with DuckDB and Python polars is `benches/peers.sh` (BENCHMARKS.md).

use criterion::{criterion_group, criterion_main, Criterion};

use cleanweb::aggregate::{aggregate, Query, Sums};
use cleanweb::chart;
use cleanweb::dataset::synthetic::{self, Synthetic};
use cleanweb::dataset::{load, read_table, Basis, DataSource, Dataset, Dimension, LoadOptions};

fn embedded() -> Dataset {
    load(&DataSource::Embedded, &LoadOptions::default()).expect("the embedded dataset loads")
}

fn benches(c: &mut Criterion) {
    c.bench_function("load embedded dataset", |b| b.iter(embedded));

    let big = Dataset {
        observations: Synthetic::new(7).take(200_000).collect(),
        ..Dataset::default()
    };
    let by_month_category = Query {
        metrics: vec!["websites_closed".into()],
        by: vec![Dimension::Month, Dimension::Category],
        basis: Some(Basis::Event),
        ..Query::default()
    };
    c.bench_function("aggregate 200k rows by month x category", |b| {
        b.iter(|| aggregate(&big, &by_month_category).expect("aggregates"))
    });

    // The fast paths on files: every row checked by the loader's rules, then summed.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let csv_path = dir.path().join("t.csv");
    let parquet_path = dir.path().join("t.parquet");
    synthetic::write_csv(std::fs::File::create(&csv_path).expect("file"), 200_000, 7).expect("csv");
    synthetic::write_parquet(
        std::fs::File::create(&parquet_path).expect("file"),
        200_000,
        7,
    )
    .expect("parquet");
    let sum = |path: &std::path::Path| {
        let table = read_table(path, &LoadOptions::default(), || {
            Sums::new(&by_month_category)
        })
        .expect("a valid table");
        let mut all = Sums::new(&by_month_category);
        for s in table.sinks {
            all.merge(s);
        }
        all.finish(&table.lines).expect("sums")
    };
    let mut files = c.benchmark_group("files");
    files.sample_size(20);
    files.bench_function("check and sum a 200k-row CSV file", |b| {
        b.iter(|| sum(&csv_path))
    });
    files.bench_function("check and sum a 200k-row Parquet file", |b| {
        b.iter(|| sum(&parquet_path))
    });
    files.finish();

    let ds = embedded();
    let running = Query {
        metrics: vec!["websites_closed".into()],
        by: vec![Dimension::Month],
        basis: Some(Basis::Cumulative),
        region: Some("national".into()),
        increments: true,
        ..Query::default()
    };
    c.bench_function("running totals with increments", |b| {
        b.iter(|| aggregate(&ds, &running).expect("aggregates"))
    });

    let arrests = Query {
        metrics: vec!["arrests".into()],
        by: vec![Dimension::Month],
        basis: Some(Basis::Event),
        ..Query::default()
    };
    let spec =
        chart::build::build(&ds, &arrests, &chart::build::Options::default()).expect("a chart");
    c.bench_function("render chart to SVG", |b| {
        b.iter(|| chart::render_svg(&spec).expect("svg"))
    });
    let svg = chart::render_svg(&spec).expect("svg");
    c.bench_function("rasterise chart to PNG at 2x", |b| {
        b.iter(|| chart::svg_to_png(&svg, 2.0).expect("png"))
    });

    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("whole report in memory", |b| {
        b.iter(|| {
            cleanweb::report::build(&ds, cleanweb::words::Lang::default(), &mut |_| {})
                .expect("report")
        })
    });
    group.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
