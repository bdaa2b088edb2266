//! Writes a large synthetic observation table (see `cleanweb::dataset::synthetic`)
//! as CSV or Parquet, for benchmarks.
//!
//! cargo run --release --example generate -- ROWS OUT.csv|OUT.parquet [SEED]
//!
//! The same ROWS and SEED give the same bytes.

use std::io::Write;

use cleanweb::dataset::synthetic::Synthetic;
use cleanweb::dataset::{frame, Date, Observation, OBSERVATION_COLUMNS};
use polars::prelude::{ParquetCompression, ParquetWriter};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate ROWS OUT.csv|OUT.parquet [SEED]");
        std::process::exit(2);
    }
    let rows: u64 = args[1].replace('_', "").parse()?;
    let out = std::path::PathBuf::from(&args[2]);
    let seed: u64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(2014);
    let mut source = Synthetic::new(seed);
    let parquet = out.extension().is_some_and(|e| e == "parquet");
    let file = std::fs::File::create(&out)?;
    const CHUNK: u64 = 250_000;
    if parquet {
        let mut writer: Option<polars::io::parquet::write::BatchedWriter<std::fs::File>> = None;
        let mut file = Some(file);
        let mut start = 0;
        while start < rows {
            let n = CHUNK.min(rows - start);
            let chunk: Vec<Observation> = source.by_ref().take(n as usize).collect();
            let df = frame::observations_frame(&chunk)?;
            if writer.is_none() {
                let f = file.take().ok_or("no file")?;
                writer = Some(
                    ParquetWriter::new(f)
                        .with_compression(ParquetCompression::Zstd(None))
                        .batched(df.schema())?,
                );
            }
            writer.as_mut().ok_or("no writer")?.write_batch(&df)?;
            start += n;
        }
        if let Some(w) = writer {
            w.finish()?;
        }
    } else {
        let mut w = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
        w.write_record(OBSERVATION_COLUMNS)?;
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        for o in source.take(rows as usize) {
            let value = o.value.to_string();
            let value_max = o.value_max.map(|v| v.to_string()).unwrap_or_default();
            w.write_record([
                o.id.as_str(),
                &o.date.to_string(),
                &date(o.period_start),
                &date(o.period_end),
                &o.authority,
                &o.region,
                &o.metric,
                &o.category,
                &o.entity,
                &value,
                &value_max,
                o.qualifier.as_str(),
                &o.unit,
                o.basis.as_str(),
                &o.quote,
                &o.source,
                &o.note,
            ])?;
        }
        w.into_inner()?.flush()?;
    }
    eprintln!("wrote {rows} rows to {}", out.display());
    Ok(())
}
