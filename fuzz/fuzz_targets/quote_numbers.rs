//! Any text as a quote: the number reader must never panic, and a number written
//! plainly in digits must always be found.
#![no_main]

use cleanweb::dataset::quote::numbers_in;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (&str, u32)| {
    let (text, n) = data;
    let _ = numbers_in(text);
    let quote = format!("closed {n} sites");
    assert!(numbers_in(&quote).contains(&i128::from(n)), "{quote}");
});
