//! The document size limit (`--max-bytes`, `max-bytes` in calq.toml): a file over it is an
//! input error naming the file, and the other files are still audited.

mod common;

use common::calq;

#[test]
fn a_file_over_the_limit_is_an_error_naming_it_and_the_others_are_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big.txt");
    let small = dir.path().join("small.txt");
    std::fs::write(&big, "The talks ended on Monday. ".repeat(100)).expect("write");
    std::fs::write(&small, "The talks ended.").expect("write");
    let out = calq()
        .args(["audit", "--format", "jsonl", "--max-bytes", "1K"])
        .arg(&big)
        .arg(&small)
        .output()
        .expect("calq runs");
    assert_eq!(out.status.code(), Some(2), "an input error exits with 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: larger than the limit of 1024 bytes",
            big.display()
        )) && stderr.contains("--max-bytes"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "the small file is audited: {stdout}"
    );
    assert!(stdout.contains("small.txt"), "{stdout}");

    // Raised in calq.toml, the same file is audited.
    let config = dir.path().join("calq.toml");
    std::fs::write(&config, "max-bytes = \"1M\"\n").expect("write");
    let out = calq()
        .args(["audit", "--format", "jsonl", "--config"])
        .arg(&config)
        .arg(&big)
        .output()
        .expect("calq runs");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
}

#[test]
fn a_bad_size_is_a_usage_error() {
    let out = calq()
        .args(["audit", "--max-bytes", "lots", "-"])
        .output()
        .expect("calq runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a size"));
}
