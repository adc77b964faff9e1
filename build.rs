//! Packs the embedded MT model (`models/mt-v1.json`) into postcard for `include_bytes!`:
//! parsing the JSON took about 140 M instructions at every start, the packed form a tenth
//! of that. The JSON stays the file people read, diff and retrain.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/mt/model_file.rs"]
mod model_file;

fn main() {
    const MODEL: &str = "models/mt-v1.json";
    println!("cargo::rerun-if-changed={MODEL}");
    println!("cargo::rerun-if-changed=src/mt/model_file.rs");
    let json = std::fs::read_to_string(MODEL).unwrap_or_else(|e| panic!("{MODEL}: {e}"));
    let file: model_file::ModelFile =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{MODEL}: {e}"));
    let packed = postcard::to_allocvec(&file).unwrap_or_else(|e| panic!("{MODEL}: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let path = out.join("mt-v1.postcard");
    std::fs::write(&path, packed).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
