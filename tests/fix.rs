//! `calq audit --fix / --unsafe-fixes / --diff` on real files: in-place, idempotent,
//! byte-preserving, and never losing the old file.

mod common;

use std::fs;

use common::{calq, calq_unprivileged, set_mode, shared_tempdir};
use predicates::prelude::*;

const ARTICLE: &str = "Riabkov's remarks in Kiev\n\nRIABKOV said the talks in Kiev were useful. \
Olga Stefanischina disagreed. Chicken Kiev was on the menu.\n";

fn article_in(dir: &std::path::Path, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join("article.txt");
    fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn fix_rewrites_safe_fixes_in_place_and_a_second_fix_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = article_in(dir.path(), ARTICLE.as_bytes());
    calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&path)
        .assert()
        .code(1) // the unsafe Stefanischina finding is left
        .stderr(predicate::str::contains("calq: fixed 4 findings in"))
        .stdout(predicate::str::contains("Stefanischina"))
        .stdout(predicate::str::contains("Riabkov").not());
    let fixed = fs::read_to_string(&path).expect("read");
    assert_eq!(
        fixed,
        "Ryabkov's remarks in Kyiv\n\nRYABKOV said the talks in Kyiv were useful. \
Olga Stefanischina disagreed. Chicken Kiev was on the menu.\n"
    );
    calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&path)
        .assert()
        .stderr(predicate::str::contains("fixed").not());
    assert_eq!(fs::read_to_string(&path).expect("read"), fixed);
}

#[test]
fn unsafe_fixes_add_probable_variants() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = article_in(dir.path(), ARTICLE.as_bytes());
    calq()
        .args(["audit", "--fix", "--unsafe-fixes", "--select", "NM"])
        .arg(&path)
        .assert()
        .code(0);
    let fixed = fs::read_to_string(&path).expect("read");
    assert!(fixed.contains("Stefanishyna disagreed"), "{fixed}");
    assert!(fixed.contains("Chicken Kiev"), "{fixed}");
}

#[test]
fn diff_prints_without_writing_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = article_in(dir.path(), ARTICLE.as_bytes());
    let shown = path.display().to_string();
    calq()
        .args(["audit", "--diff", "--select", "NM"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(format!(
            "--- {shown}\n+++ {shown}\n@@"
        )))
        .stdout(predicate::str::contains(
            "-Riabkov's remarks in Kiev\n+Ryabkov's remarks in Kyiv\n",
        ))
        .stdout(predicate::str::contains("MT:").not());
    assert_eq!(fs::read_to_string(&path).expect("read"), ARTICLE);
    calq()
        .args(["audit", "--diff", "--select", "NM"])
        .arg("tests/fixtures/original.txt")
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_survive_a_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let crlf = ARTICLE.replace('\n', "\r\n");
    let path = article_in(dir.path(), &[b"\xEF\xBB\xBF", crlf.as_bytes()].concat());
    calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&path)
        .assert()
        .code(1);
    let bytes = fs::read(&path).expect("read");
    assert!(bytes.starts_with(b"\xEF\xBB\xBFRyabkov's remarks in Kyiv\r\n\r\n"));
}

#[test]
fn files_that_cannot_round_trip_are_reported_not_rewritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lossy = [b"Riabkov in Kiev \xFF\n".as_slice()].concat();
    let path = article_in(dir.path(), &lossy);
    calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not fixing"))
        .stderr(predicate::str::contains("not valid UTF-8"));
    assert_eq!(fs::read(&path).expect("read"), lossy);

    let html = dir.path().join("page.html");
    let page = "<html><body><article><p>Riabkov spoke in Kiev at length about the talks.</p></article></body></html>";
    fs::write(&html, page).expect("write");
    calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&html)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not fixing"));
    assert_eq!(fs::read_to_string(&html).expect("read"), page);

    // A corpus is noted once, not once per record.
    let corpus = dir.path().join("corpus.jsonl");
    let records = "{\"id\":\"a\",\"text\":\"Riabkov spoke in Kiev.\"}\n".repeat(3);
    fs::write(&corpus, &records).expect("write");
    let out = calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&corpus)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("not fixing").count(), 1, "{stderr}");
    assert_eq!(fs::read_to_string(&corpus).expect("read"), records);
}

#[test]
fn unsafe_fixes_alone_is_a_usage_error() {
    calq()
        .args(["audit", "--unsafe-fixes", "tests/fixtures/original.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--unsafe-fixes needs --fix or --diff",
        ));
    calq()
        .args(["audit", "--fix", "--diff", "tests/fixtures/original.txt"])
        .assert()
        .code(2);
}

#[test]
fn a_read_only_folder_is_an_error_naming_the_file_and_the_file_is_intact() {
    let dir = shared_tempdir();
    let path = article_in(dir.path(), ARTICLE.as_bytes());
    set_mode(&path, 0o644);
    set_mode(dir.path(), 0o555);
    calq_unprivileged()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(path.display().to_string()));
    set_mode(dir.path(), 0o755);
    assert_eq!(fs::read_to_string(&path).expect("read"), ARTICLE);
}

#[test]
fn an_interrupted_write_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = article_in(dir.path(), ARTICLE.as_bytes());
    let out = calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&path)
        .env("CALQ_TEST_CRASH_BEFORE_RENAME", "1")
        .output()
        .expect("runs");
    assert!(!out.status.success(), "the process was made to crash");
    assert_eq!(fs::read_to_string(&path).expect("read"), ARTICLE);
}

#[test]
fn safe_fixes_leave_hyphen_joined_file_names_but_fix_hyphenated_prose() {
    // New-user trial: `--fix` turned `Kiev-report.pdf` into `Kyiv-report.pdf`, breaking the
    // file's name; "Kiev-based" and "the Kiev-Moscow talks" are prose and are still fixed.
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "The Kiev-Moscow talks were summed up in Kiev-report.pdf and in \
Kiev-talks_2022-final.docx, said a Kiev-based diplomat.\n";
    let path = article_in(dir.path(), text.as_bytes());
    calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&path)
        .assert()
        .stderr(predicate::str::contains("calq: fixed 2 findings in"));
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        text.replace("The Kiev-Moscow", "The Kyiv-Moscow")
            .replace("a Kiev-based", "a Kyiv-based")
    );
}

#[test]
fn safe_fixes_leave_addresses_compounds_and_possessives_intact() {
    // Newcomer's trial: `--fix` rewrote "Kiev" inside a URL, an e-mail address and a file
    // name, deleted "two" from "two two-seat", and turned "ZELENSKY's" into "Zelenskyy".
    let dir = tempfile::tempdir().expect("tempdir");
    let glossary = dir.path().join("house.toml");
    fs::write(
        &glossary,
        "[glossary]\nname = \"h\"\nlanguage = \"en\"\n\n[[term]]\ncanonical = \"Volodymyr Zelenskyy\"\n\
         kind = \"person\"\nvariants = [\"Zelensky\", \"Zelensky's\"]\n",
    )
    .expect("write");
    let text = "Visit https://www.kiev.example.com/Kiev/news or mail press@Kiev.gov.ua today. \
The file Kiev_report.pdf came from Kiev. They swapped jets for two two-seat machines. \
ZELENSKY's office spoke.\n";
    let path = article_in(dir.path(), text.as_bytes());
    calq()
        .args(["audit", "--fix", "--select", "NM,GR001", "--glossary"])
        .arg(&glossary)
        .arg(&path)
        .assert()
        .stderr(predicate::str::contains("calq: fixed 2 findings in"));
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        text.replace("came from Kiev", "came from Kyiv")
            .replace("ZELENSKY's", "ZELENSKYY's")
    );
}
