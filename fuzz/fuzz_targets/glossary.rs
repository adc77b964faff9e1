//! Fuzz target `glossary`: see `calq_fuzz::checks::glossary` for the invariants it asserts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| calq_fuzz::checks::glossary(data));
