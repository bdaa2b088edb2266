//! Any text as a quote: the number reader must never panic, and a number written
//! plainly in digits must always be found (amounts are exact decimals, scaled by
//! `value::ONE`).
#![no_main]

use cleanweb::values::prose::amounts_in;
use cleanweb::values::decimal::ONE;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (&str, u32)| {
    let (text, n) = data;
    let _ = amounts_in(text);
    let quote = format!("closed {n} sites");
    assert!(
        amounts_in(&quote).contains(&(i128::from(n) * ONE)),
        "{quote}"
    );
});
