//! Commands never destroy what they read: an output that is one of the inputs is refused,
//! glossary conversions do not replace files unasked, writes go through links to the file,
//! a report in its own folder is not audited next time, and nothing from the input can
//! drive the terminal.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::calq;
use predicates::prelude::*;

const ARTICLE: &str = "Talks in Kiev went on. Riabkov said the talks in Kiev were useful.\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write");
    path
}

// 1. An output file that is an input.

#[test]
fn audit_refuses_an_output_that_is_an_input_and_keeps_the_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = write(dir.path(), "clob.txt", ARTICLE);
    let mut outputs = vec![article.clone()];
    #[cfg(unix)]
    {
        let soft = dir.path().join("soft.txt");
        std::os::unix::fs::symlink(&article, &soft).expect("symlink");
        let hard = dir.path().join("hard.txt");
        fs::hard_link(&article, &hard).expect("hard link");
        outputs.extend([soft, hard]);
    }
    for output in outputs {
        for format in ["json", "table"] {
            calq()
                .arg("audit")
                .arg(&article)
                .arg("-o")
                .arg(&output)
                .args(["-f", format])
                .assert()
                .code(2)
                .stderr(predicate::str::contains("clob.txt"))
                .stderr(predicate::str::contains("also the output file"));
            assert_eq!(fs::read_to_string(&article).expect("read"), ARTICLE);
        }
    }
    // A different file is still written.
    let out = dir.path().join("out.json");
    calq()
        .arg("audit")
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .args(["-f", "json"])
        .assert()
        .code(1);
    assert!(fs::read_to_string(&out).expect("read").contains("Riabkov"));
}

#[test]
fn report_refuses_an_input_that_is_one_of_its_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = write(dir.path(), "report.md", ARTICLE);
    calq()
        .arg("report")
        .arg(&md)
        .arg("--out")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("report.md"));
    assert_eq!(fs::read_to_string(&md).expect("read"), ARTICLE);
    assert!(!dir.path().join("index.html").exists());
}

#[test]
fn mt_train_and_eval_refuse_to_write_over_their_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = write(
        dir.path(),
        "data.jsonl",
        "{\"text\":\"Talks went on.\",\"label\":\"human\",\"group_id\":\"a\"}\n",
    );
    calq()
        .args(["mt", "train"])
        .arg(&data)
        .arg("--out")
        .arg(&data)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("data.jsonl"));
    calq()
        .args(["mt", "eval"])
        .arg(&data)
        .arg("--predictions")
        .arg(&data)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--predictions"));
    assert!(
        fs::read_to_string(&data)
            .expect("read")
            .starts_with("{\"text\"")
    );
}

// 2. Glossary import and export do not replace files unasked.

const GLOSSARY: &str = "[glossary]\nname = \"desk\"\nlanguage = \"en\"\n\n[[term]]\ncanonical = \"Kyiv\"\nkind = \"place\"\nvariants = [\"Kiev\"]\n";
const CSV: &str = "canonical,kind,variants\nLviv,place,Lvov|Lwow\n";

#[test]
fn import_and_export_refuse_an_existing_file_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let existing = write(dir.path(), "existing.toml", GLOSSARY);
    let csv = write(dir.path(), "one.csv", CSV);
    calq()
        .args(["glossary", "import"])
        .arg(&csv)
        .arg("--out")
        .arg(&existing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("existing.toml"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(fs::read_to_string(&existing).expect("read"), GLOSSARY);
    let exported = write(dir.path(), "desk.csv", "keep me\n");
    calq()
        .args(["glossary", "export"])
        .arg(&existing)
        .args(["--format", "csv", "--out"])
        .arg(&exported)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("desk.csv"));
    assert_eq!(fs::read_to_string(&exported).expect("read"), "keep me\n");

    calq()
        .args(["glossary", "import"])
        .arg(&csv)
        .arg("--out")
        .arg(&existing)
        .arg("--force")
        .assert()
        .code(0);
    assert!(
        fs::read_to_string(&existing)
            .expect("read")
            .contains("Lviv")
    );
    calq()
        .args(["glossary", "export"])
        .arg(&existing)
        .args(["--format", "csv", "--force", "--out"])
        .arg(&exported)
        .assert()
        .code(0);
    assert!(
        fs::read_to_string(&exported)
            .expect("read")
            .contains("Lviv")
    );
    // A new file needs no --force.
    let new = dir.path().join("new.toml");
    calq()
        .args(["glossary", "import"])
        .arg(&csv)
        .arg("--out")
        .arg(&new)
        .assert()
        .code(0);
    assert!(new.exists());
}

#[test]
fn import_and_export_never_write_over_their_input_even_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write(dir.path(), "same.csv", CSV);
    calq()
        .args(["glossary", "import"])
        .arg(&csv)
        .arg("--out")
        .arg(&csv)
        .arg("--force")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("same.csv"));
    assert_eq!(fs::read_to_string(&csv).expect("read"), CSV);
    let toml = write(dir.path(), "house3.toml", GLOSSARY);
    calq()
        .args(["glossary", "export"])
        .arg(&toml)
        .args(["--format", "csv", "--force", "--out"])
        .arg(&toml)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("house3.toml"));
    assert_eq!(fs::read_to_string(&toml).expect("read"), GLOSSARY);
}

// 3. Writes go through symbolic links; hard-linked files are refused.

#[cfg(unix)]
#[test]
fn fix_and_glossary_add_write_through_a_symbolic_link() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("real");
    fs::create_dir(&real).expect("mkdir");
    let target = write(&real, "target.txt", "\u{FEFF}Talks in Kiev.\r\n");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).expect("chmod");
    let link = dir.path().join("link.txt");
    symlink("real/target.txt", &link).expect("symlink");
    calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&link)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("fixed 1 finding"));
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read(&target).expect("read"),
        "\u{FEFF}Talks in Kyiv.\r\n".as_bytes()
    );
    let mode = fs::metadata(&target).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);

    let glossary = write(&real, "gl.toml", GLOSSARY);
    let gl_link = dir.path().join("gl-link.toml");
    symlink(&glossary, &gl_link).expect("symlink");
    calq()
        .args(["glossary", "add"])
        .arg(&gl_link)
        .args([
            "--canonical",
            "Lviv",
            "--kind",
            "place",
            "--variant",
            "Lvov",
        ])
        .assert()
        .code(0);
    assert!(
        fs::symlink_metadata(&gl_link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&glossary)
            .expect("read")
            .contains("Lviv")
    );
    // A link to a glossary still to be created creates it.
    let dangling = dir.path().join("new-link.toml");
    symlink("real/created.toml", &dangling).expect("symlink");
    calq()
        .args(["glossary", "add"])
        .arg(&dangling)
        .args(["--canonical", "Lviv", "--kind", "place"])
        .assert()
        .code(0);
    assert!(real.join("created.toml").is_file());
    assert!(
        fs::symlink_metadata(&dangling)
            .expect("link")
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
#[test]
fn a_file_with_hard_links_is_not_split_by_a_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let one = write(dir.path(), "hl1.txt", "Talks in Kiev.\n");
    let two = dir.path().join("hl2.txt");
    fs::hard_link(&one, &two).expect("hard link");
    calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&one)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hl1.txt"))
        .stderr(predicate::str::contains("2 hard links"));
    for path in [&one, &two] {
        assert_eq!(fs::read_to_string(path).expect("read"), "Talks in Kiev.\n");
    }
    let glossary = write(dir.path(), "g.toml", GLOSSARY);
    fs::hard_link(&glossary, dir.path().join("g2.toml")).expect("hard link");
    calq()
        .args(["glossary", "add"])
        .arg(&glossary)
        .args(["--canonical", "Lviv", "--kind", "place"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hard links"));
    assert_eq!(fs::read_to_string(&glossary).expect("read"), GLOSSARY);
}

// 4. A report or an output file inside the folder audited is not audited.

fn report_paths(out: &Path) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("report.json")).expect("read"))
            .expect("json");
    json["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["path"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_report_written_into_its_input_folder_is_not_audited_next_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inout = dir.path().join("inout");
    fs::create_dir(&inout).expect("mkdir");
    write(&inout, "art1.txt", ARTICLE);
    write(&inout, "art2.txt", "A second article about Kiev.\n");
    for _ in 0..2 {
        common::report_into([&inout], &inout);
        let paths = report_paths(&inout);
        assert_eq!(paths.len(), 2, "{paths:?}");
        assert!(paths.iter().all(|p| p.ends_with(".txt")), "{paths:?}");
    }
}

#[test]
fn an_audit_output_inside_the_folder_audited_is_not_audited_next_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "art1.txt", ARTICLE);
    let out = dir.path().join("out.md");
    for _ in 0..2 {
        calq()
            .arg("audit")
            .arg(dir.path())
            .args(["-f", "json", "-o"])
            .arg(&out)
            .assert()
            .code(1);
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&out).expect("read")).expect("json");
        assert_eq!(json["summary"]["documents"], 1, "{json}");
    }
}

// 5. Nothing from the input reaches the terminal as a control character.

#[test]
fn control_characters_in_ids_paths_and_text_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = write(
        dir.path(),
        "esc.jsonl",
        "{\"id\": \"evil\\u001b]0;pwned\\u0007\\u001b[31mRED\\u001b[0m\\r\\nFAKE\", \"text\": \"Talks in Kiev \\u001b[2J went on. \\u009b2J Riabkov\\u001b[8m said.\"}\n",
    );
    let run = calq()
        .arg("audit")
        .arg(&corpus)
        .args(["--color", "never"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8(run.stdout).expect("utf-8");
    assert!(stdout.contains("evil"), "{stdout}");
    for c in ['\u{1b}', '\u{7}', '\r', '\u{9b}'] {
        assert!(!stdout.contains(c), "{c:?} in {stdout}");
    }
    assert!(stdout.contains('\u{FFFD}'), "{stdout}");
    // Messages on standard error quote file names.
    let hostile = dir.path().join("a\u{1b}]0;pwned\u{7}\rb.txt");
    let run = calq().arg("audit").arg(&hostile).output().expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8(run.stderr).expect("utf-8");
    assert!(stderr.contains("pwned"), "{stderr}");
    for c in ['\u{1b}', '\u{7}', '\r'] {
        assert!(!stderr.contains(c), "{c:?} in {stderr}");
    }
}

// 6. Standard input named twice is read once.

#[test]
fn standard_input_named_twice_is_read_once() {
    let run = calq()
        .args(["audit", "-", "-", "-f", "json"])
        .write_stdin(ARTICLE)
        .output()
        .expect("runs");
    let json = common::json(&run.stdout);
    assert_eq!(json["summary"]["documents"], 1, "{json}");
    assert_eq!(json["documents"][0]["path"], "-");
}

#[test]
fn a_file_named_twice_is_read_once_where_first_named() {
    // New-user trial: `calq audit a.txt a.txt` (or `a.txt ./a.txt`) reported it twice.
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.txt", ARTICLE);
    write(dir.path(), "b.txt", ARTICLE);
    let paths = |args: &[&str]| {
        let run = calq()
            .current_dir(dir.path())
            .arg("audit")
            .args(args)
            .args(["-f", "json"])
            .output()
            .expect("runs");
        let json = common::json(&run.stdout);
        let docs = json["documents"].as_array().expect("documents").clone();
        assert_eq!(json["summary"]["documents"], docs.len(), "{json}");
        docs.iter()
            .map(|d| d["path"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(paths(&["a.txt", "a.txt"]), ["a.txt"]);
    assert_eq!(
        paths(&["b.txt", "a.txt", "./b.txt", "a.txt"]),
        ["b.txt", "a.txt"]
    );
    // A folder and a file in it: the file where the walk first gives it.
    assert_eq!(paths(&["b.txt", ".", "a.txt"]), ["b.txt", "./a.txt"]);
    // Different files are all read.
    assert_eq!(paths(&["a.txt", "b.txt"]), ["a.txt", "b.txt"]);
}

// 7. A size limit of zero is a usage error.

#[test]
fn max_bytes_zero_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = write(dir.path(), "a.txt", ARTICLE);
    for zero in ["0", "0M"] {
        calq()
            .arg("audit")
            .arg(&article)
            .args(["--max-bytes", zero])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("at least 1 byte"));
    }
}

// 8. UTF-16 files are said to be UTF-16 when --fix leaves them alone.

#[test]
fn fix_says_a_utf16_file_is_utf16() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Talks in Kiev.\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let path = dir.path().join("u16.txt");
    fs::write(&path, &bytes).expect("write");
    calq()
        .args(["audit", "--fix", "--select", "NM"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("UTF-16"))
        .stderr(predicate::str::contains("not valid UTF-8").not());
    assert_eq!(fs::read(&path).expect("read"), bytes);
}

// 9. Symbolic links in folders.

#[cfg(unix)]
#[test]
fn a_walk_follows_links_to_files_and_reports_broken_ones() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let real = write(dir.path(), "real.txt", ARTICLE);
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).expect("mkdir");
    symlink(&real, corpus.join("link.txt")).expect("symlink");
    symlink(dir.path().join("nothing.txt"), corpus.join("broken.txt")).expect("symlink");
    symlink(dir.path(), corpus.join("loop")).expect("symlink");
    let run = calq()
        .arg("audit")
        .arg(&corpus)
        .args(["-f", "json"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let json = common::json(&run.stdout);
    assert_eq!(json["summary"]["documents"], 1, "{json}");
    let path = json["documents"][0]["path"].as_str().expect("path");
    assert!(path.ends_with("link.txt"), "{path}");
    let stderr = String::from_utf8(run.stderr).expect("utf-8");
    assert!(
        stderr.contains("broken.txt") && stderr.contains("symbolic link"),
        "{stderr}"
    );
    // Named on the command line, a broken link says what it is.
    calq()
        .arg("audit")
        .arg(corpus.join("broken.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("symbolic link"))
        .stderr(predicate::str::contains("nothing.txt"));
}

#[cfg(unix)]
#[test]
fn a_report_file_that_is_a_symbolic_link_stays_one() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let article = write(dir.path(), "a.txt", ARTICLE);
    let served = dir.path().join("served");
    fs::create_dir(&served).expect("mkdir");
    // The page the link serves is calq's (a first run writes it through the link); a file
    // of the user's there would be refused, not replaced (tests/report.rs).
    let page = served.join("page.html");
    let out = dir.path().join("out");
    fs::create_dir(&out).expect("mkdir");
    symlink(&page, out.join("index.html")).expect("symlink");
    common::report_into([&article], &out);
    common::report_into([&article], &out);
    assert!(
        fs::symlink_metadata(out.join("index.html"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&page)
            .expect("read")
            .contains("<!DOCTYPE html>")
            || fs::read_to_string(&page).expect("read").contains("<html")
    );
}
