//! Fuzz target `html`: see `calq_fuzz::checks::html` for the invariants it asserts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| calq_fuzz::checks::html(data));
