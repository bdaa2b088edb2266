//! The one reader, differentially: the same bytes read in blocks of every size
//! from 1 byte and with every byte kernel the processor has (SIMD on and off) must
//! give the same records and problems at the same positions, and where it finds no
//! problem, the records the `csv` crate reads. The first byte picks the delimiter.
#![no_main]

use cleanweb::table::differential::every_way;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let delimiter = [b',', b';', b'\t', b' ', b'|'][usize::from(pick) % 5];
    let mut table = b"a,b,c\n".to_vec();
    if delimiter != b',' {
        table = format!("a{0}b{0}c\n", char::from(delimiter)).into_bytes();
    }
    // Half the inputs bring their own header.
    if pick & 0x80 != 0 {
        table.clear();
    }
    table.extend_from_slice(rest);
    if let Err(difference) = every_way(&table, delimiter) {
        panic!("{difference}");
    }
});
