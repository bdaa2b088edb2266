//! Synthetic observation tables for benchmarks and tests: deterministic for a seed,
//! in the data contract's schema, with realistic text (authorities with commas and
//! quotes, quotes with both), single actions of four metrics in six regions and six
//! categories, exact figures and ranges, spread over April to December 2014. There is
//! no "more than", so tools without interval semantics compute the same sums:
//! low = sum(value), high = sum(coalesce(value_max, value)).

use std::io::Write;
use std::sync::Arc;

use super::{frame, Basis, Date, Observation, Origin, Qualifier, Value, OBSERVATION_COLUMNS};

const CATEGORIES: [&str; 6] = [
    "pornography",
    "fraud",
    "rumors",
    "piracy",
    "violent_terrorist",
    "other",
];
// Made-up names: the generator stands for any campaign, not one of the shipped ones.
const REGIONS: [&str; 6] = [
    "national",
    "Province 01",
    "Province 02",
    "Province 03",
    "City 04",
    "City 05",
];
const AUTHORITIES: [&str; 4] = [
    "National Office of the Example Campaign",
    "Example Administration of Press and Publication",
    "Example City Public Security Bureau",
    "Example \"Illegal and Harmful\" Information Reporting Center",
];
const METRICS: [&str; 4] = [
    "websites_closed",
    "accounts_closed",
    "arrests",
    "items_deleted",
];

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn observation(i: u64, rng: &mut Rng, origin: &Origin) -> Observation {
    let month = 4 + rng.below(9) as u32;
    let day = 1 + rng.below(28) as u32;
    let date = Date {
        year: 2014,
        month,
        day,
    };
    let value = rng.below(100_000) as i64;
    let (qualifier, value_max) = if rng.below(10) == 0 {
        (Qualifier::Range, Some(value + rng.below(50_000) as i64))
    } else {
        (Qualifier::Exact, None)
    };
    let metric = METRICS[rng.below(METRICS.len() as u64) as usize];
    Observation {
        id: format!("obs_{i}"),
        date,
        period_start: None,
        period_end: None,
        authority: AUTHORITIES[rng.below(AUTHORITIES.len() as u64) as usize].to_string(),
        region: REGIONS[rng.below(REGIONS.len() as u64) as usize].to_string(),
        metric: metric.to_string(),
        category: CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize].to_string(),
        entity: String::new(),
        value: Value::whole(value),
        value_max: value_max.map(Value::whole),
        qualifier,
        unit: "count".into(),
        basis: Basis::Event,
        quote: format!("\"closed {value} sites\", the office said, \"as announced\""),
        source: "generated".into(),
        note: format!("generated row {i}, seed-dependent"),
        dims: Vec::new(),
        per_item: None,
        rounding: Default::default(),
        origin: origin.clone(),
    }
}

/// An endless, deterministic stream of synthetic observations.
pub struct Synthetic {
    rng: Rng,
    next: u64,
    origin: Origin,
}

impl Synthetic {
    pub fn new(seed: u64) -> Synthetic {
        Synthetic {
            rng: Rng(seed),
            next: 0,
            origin: Origin {
                file: Arc::from("generated"),
                line: 0,
                columns: Arc::from(vec![]),
                cell: 0,
            },
        }
    }
}

impl Iterator for Synthetic {
    type Item = Observation;

    fn next(&mut self) -> Option<Observation> {
        let o = observation(self.next, &mut self.rng, &self.origin);
        self.next += 1;
        Some(o)
    }
}

/// Writes `rows` synthetic observations of `seed` as a CSV table with a header.
pub fn write_csv(out: impl Write, rows: u64, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    let mut w = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, out));
    w.write_record(OBSERVATION_COLUMNS)?;
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    for o in Synthetic::new(seed).take(rows as usize) {
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
    w.flush()?;
    w.into_inner().map_err(|e| e.error().to_string())?.flush()?;
    Ok(())
}

/// Writes `rows` synthetic observations of `seed` as a Parquet table (Zstandard,
/// row groups of 250,000 rows), a row group at a time.
pub fn write_parquet(
    out: std::fs::File,
    rows: u64,
    seed: u64,
) -> Result<(), Box<dyn std::error::Error>> {
    use polars::prelude::{ParquetCompression, ParquetWriter};
    const GROUP: u64 = 250_000;
    let mut source = Synthetic::new(seed);
    let mut writer = None;
    let mut out = Some(out);
    let mut start = 0;
    while start < rows {
        let n = GROUP.min(rows - start);
        let group: Vec<Observation> = source.by_ref().take(n as usize).collect();
        let df = frame::observations_frame(&group)?;
        if writer.is_none() {
            let file = out.take().ok_or("no file")?;
            writer = Some(
                ParquetWriter::new(file)
                    .with_compression(ParquetCompression::Zstd(None))
                    .batched(df.schema())?,
            );
        }
        if let Some(w) = writer.as_mut() {
            w.write_batch(&df)?;
        }
        start += n;
    }
    if let Some(w) = writer {
        w.finish()?;
    }
    Ok(())
}
