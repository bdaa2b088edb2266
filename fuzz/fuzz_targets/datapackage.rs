//! Any bytes as `datapackage.json`: a package or problems that name the file, never
//! a panic, a hang or memory that grows with what the bytes declare. A descriptor
//! that parses is then loaded beside a small table and relations file, so views,
//! mappings, rules and hierarchies are resolved against real figures.
#![no_main]

use std::sync::OnceLock;

use cleanweb::dataset::{load, package, DataError, DataSource, LoadOptions};
use libfuzzer_sys::fuzz_target;

const TABLE: &str = "id,date,period_start,period_end,authority,region,metric,category,entity,value,value_max,qualifier,unit,basis,quote,source,note
a,2014-04-17,,,Office,national,m,,,5,,exact,count,event,closed 5 sites,s,
b,2014-05-17,,,Office,Beijing,m,x,,7,,exact,count,event,closed 7 sites,s,
";

fn folder() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(d.path().join("observations.csv"), TABLE).expect("write");
        std::fs::write(d.path().join("relations.csv"), "total_id,part_id,kind\nb,a,partial\n")
            .expect("write");
        d
    })
    .path()
}

fuzz_target!(|data: &[u8]| {
    match package::parse("datapackage.json", data) {
        Ok(_) => {
            let dir = folder();
            std::fs::write(dir.join("datapackage.json"), data).expect("write");
            match load(&DataSource::Package(dir.to_path_buf()), &LoadOptions::default()) {
                Ok(_) => {}
                Err(DataError::Invalid(problems)) => assert!(!problems.is_empty()),
                Err(DataError::Io { .. }) => {}
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in problems {
                assert!(p.to_string().starts_with("datapackage.json"), "{p}");
            }
        }
    }
});
