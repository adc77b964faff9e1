//! The invariant checks behind calq's fuzz targets (see `checks`); the targets in
//! `fuzz_targets/` only hand libFuzzer's bytes to them.

pub mod checks;
