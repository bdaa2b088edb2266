//! Writes a large synthetic observation table (see `cleanweb::dataset::synthetic`)
//! as CSV or Parquet, for benchmarks.
//!
//! cargo run --release --example generate -- ROWS OUT.csv|OUT.parquet [SEED]
//!
//! The same ROWS and SEED give the same bytes.

use cleanweb::dataset::synthetic;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate ROWS OUT.csv|OUT.parquet [SEED]");
        std::process::exit(2);
    }
    let rows: u64 = args[1].replace('_', "").parse()?;
    let out = std::path::PathBuf::from(&args[2]);
    let seed: u64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(2014);
    let file = std::fs::File::create(&out)?;
    if out.extension().is_some_and(|e| e == "parquet") {
        synthetic::write_parquet(file, rows, seed)?;
    } else {
        synthetic::write_csv(file, rows, seed)?;
    }
    eprintln!("wrote {rows} rows to {}", out.display());
    Ok(())
}
