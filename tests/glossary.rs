//! `calq glossary check | add | import | export | suggest` end to end: good files, malformed
//! files, clashes, read-only folders and interrupted writes, which never lose the old file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{calq, calq_unprivileged, set_mode, shared_tempdir};
use predicates::prelude::*;

const GLOSSARY: &str = "# Desk spellings — keep this comment\n[glossary]\nname = \"desk\"\nlanguage = \"en\"\n\n\
[[term]]\ncanonical = \"Kyiv\"\nkind = \"place\"\nvariants = [\"Kiev\"] # policy since 2019\nsince = \"2019-08-14\"\n\n\
[[term]]\ncanonical = \"Sergei Ryabkov\"\nkind = \"person\"\nvariants = [\"Riabkov\"]\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write");
    path
}

#[test]
fn check_passes_the_shipped_glossary_and_reports_problems_with_lines() {
    calq()
        .args(["glossary", "check", "glossaries/names.toml"])
        .assert()
        .code(0)
        .stdout("");
    // The shipped folder as a whole: GR005's calqued phrases beside it are rule data.
    calq()
        .args(["glossary", "check", "glossaries/calques.toml", "glossaries/names.toml"])
        .assert()
        .code(0)
        .stdout("glossaries/calques.toml: skipped: GR005's list of calqued phrases, not a name glossary\n")
        .stderr(predicate::str::contains("no problems in 1 glossary file(s)"));
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write(
        dir.path(),
        "bad.toml",
        &format!(
            "{GLOSSARY}\n[[term]]\ncanonical = \"Kyiv City\"\nkind = \"town\"\n\n[[term]]\ncanonical = \"Lviv\"\nkind = \"place\"\nvariants = [\"Kiev\"]\n"
        ),
    );
    let shown = bad.display().to_string();
    calq()
        .args(["glossary", "check"])
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{shown}:17: bad term: unknown variant `town`"
        )))
        .stdout(predicate::str::contains(format!(
            "{shown}:21: variant `Kiev` of `Lviv` also belongs to `Kyiv` (line 6)"
        )));
}

#[test]
fn a_policy_date_in_the_future_is_a_warning_and_not_yet_applied_by_audit() {
    // New-user trial: `since = "9999-…"` was accepted silently and applied at once.
    let dir = tempfile::tempdir().expect("tempdir");
    let future = GLOSSARY.replace("2019-08-14", "9999-12-31");
    let path = write(dir.path(), "desk.toml", &future);
    let shown = path.display().to_string();
    calq()
        .args(["glossary", "check"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(format!(
            "{shown}:6: warning: term `Kyiv`: `since = \"9999-12-31\"` is in the future (today is "
        )))
        .stderr(predicate::str::contains(
            "calq: no problems in 1 glossary file(s); 1 warning(s)",
        ));
    let article = write(
        dir.path(),
        "a.txt",
        "Talks in Kiev went on, Riabkov said.\n",
    );
    let codes = |glossary: &Path| {
        let out = calq()
            .args([
                "audit",
                "--no-default-glossaries",
                "-f",
                "json",
                "--select",
                "NM",
                "-g",
            ])
            .arg(glossary)
            .arg(&article)
            .output()
            .expect("runs");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        json["documents"][0]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["code"].as_str().unwrap_or(""),
                    f["text"].as_str().unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
    };
    // Before its day "Kiev" is still the house form; the undated variant is reported as ever.
    assert_eq!(codes(&path), ["NM001 Riabkov"]);
    let past = write(dir.path(), "past.toml", GLOSSARY);
    assert_eq!(codes(&past), ["NM002 Kiev", "NM001 Riabkov"]);
    calq()
        .args(["glossary", "check"])
        .arg(&past)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("warning").not());
}

#[test]
fn check_names_a_malformed_file_and_goes_on_to_the_next() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = write(dir.path(), "broken.toml", "[glossary\nname = 1\n");
    let shown = broken.display().to_string();
    calq()
        .args(["glossary", "check"])
        .arg(&broken)
        .arg("missing.toml")
        .arg("glossaries/names.toml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("calq: error: {shown}:1:")))
        .stderr(predicate::str::contains("missing.toml"))
        // The tally does not call the unreadable files clean.
        .stderr(predicate::str::contains("no problems").not())
        .stderr(predicate::str::contains(
            "0 problem(s) in 1 glossary file(s); 2 file(s) could not be checked",
        ));
}

#[test]
fn add_keeps_comments_inserts_in_order_and_the_result_is_used_by_audit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "desk.toml", GLOSSARY);
    calq()
        .args(["glossary", "add"])
        .arg(&path)
        .args([
            "--canonical",
            "Lviv",
            "--kind",
            "place",
            "--variant",
            "Lvov",
            "--variant",
            "Lemberg",
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("added `Lviv`"));
    let text = fs::read_to_string(&path).expect("read");
    assert!(
        text.starts_with("# Desk spellings — keep this comment\n"),
        "{text}"
    );
    assert!(
        text.contains("variants = [\"Kiev\"] # policy since 2019\n"),
        "{text}"
    );
    let (kyiv, lviv, ryabkov) = (
        text.find("\"Kyiv\"").expect("Kyiv"),
        text.find("\"Lviv\"").expect("Lviv"),
        text.find("\"Sergei Ryabkov\"").expect("Ryabkov"),
    );
    assert!(kyiv < lviv && lviv < ryabkov, "{text}");
    let article = write(
        dir.path(),
        "a.txt",
        "The mayor of Lvov spoke about the city.\n",
    );
    calq()
        .args(["audit", "--no-default-glossaries", "--select", "NM", "-g"])
        .arg(&path)
        .arg(&article)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Lviv"));
}

#[test]
fn add_creates_a_missing_file_and_merges_variants() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.toml");
    calq()
        .args(["glossary", "add"])
        .arg(&path)
        .args([
            "--canonical",
            "Odesa",
            "--kind",
            "place",
            "--variant",
            "Odessa",
        ])
        .assert()
        .code(0);
    calq()
        .args(["glossary", "add"])
        .arg(&path)
        .args([
            "--canonical",
            "Odesa",
            "--variant",
            "Odessa",
            "--variant",
            "Odeßa",
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("added 1 variant(s)"));
    calq()
        .args(["glossary", "check"])
        .arg(&path)
        .assert()
        .code(0);
}

#[test]
fn a_clash_or_a_malformed_file_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "desk.toml", GLOSSARY);
    calq()
        .args(["glossary", "add"])
        .arg(&path)
        .args([
            "--canonical",
            "Kyiv Oblast",
            "--kind",
            "place",
            "--variant",
            "Kiev",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already belongs to `Kyiv`"));
    assert_eq!(fs::read_to_string(&path).expect("read"), GLOSSARY);

    let broken = "[glossary]\nname = \"x\"\nlanguage = \"en\"\n[[term]]\ncanonical = \"Kyiv\"\n";
    let bad = write(dir.path(), "bad.toml", broken);
    calq()
        .args(["glossary", "add"])
        .arg(&bad)
        .args(["--canonical", "Lviv", "--kind", "place"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(bad.display().to_string()));
    assert_eq!(fs::read_to_string(&bad).expect("read"), broken);
}

#[test]
fn add_in_a_read_only_folder_is_an_error_and_the_file_is_intact() {
    let dir = shared_tempdir();
    let path = write(dir.path(), "desk.toml", GLOSSARY);
    set_mode(&path, 0o644);
    set_mode(dir.path(), 0o555);
    calq_unprivileged()
        .args(["glossary", "add"])
        .arg(&path)
        .args(["--canonical", "Lviv", "--kind", "place"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(path.display().to_string()));
    set_mode(dir.path(), 0o755);
    assert_eq!(fs::read_to_string(&path).expect("read"), GLOSSARY);
}

#[test]
fn add_to_a_read_only_file_is_an_error_and_the_file_is_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "desk.toml", GLOSSARY);
    set_mode(&path, 0o444);
    calq()
        .args(["glossary", "add"])
        .arg(&path)
        .args(["--canonical", "Lviv", "--kind", "place"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains(path.display().to_string())
                .and(predicate::str::contains("read-only")),
        );
    assert_eq!(fs::read_to_string(&path).expect("read"), GLOSSARY);
}

/// Two `glossary add` runs at once, each made to linger between reading and writing the
/// file (CALQ_TEST_HOLD_LOCK_MS): without the lock, the second write would drop the first
/// one's term.
#[test]
fn concurrent_adds_from_two_processes_keep_both_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "desk.toml", GLOSSARY);
    let spawn = |name: &str| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("calq"))
            .args(["glossary", "add"])
            .arg(&path)
            .args(["--canonical", name, "--kind", "place"])
            .env("CALQ_TEST_HOLD_LOCK_MS", "300")
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawns")
    };
    for round in ["Lviv", "Odesa", "Kharkiv"] {
        let a = spawn(round);
        let b = spawn(&format!("{round}ska"));
        for mut child in [a, b] {
            assert!(child.wait().expect("waits").success());
        }
    }
    let text = fs::read_to_string(&path).expect("read");
    for name in [
        "Lviv",
        "Odesa",
        "Kharkiv",
        "Lvivska",
        "Odesaska",
        "Kharkivska",
    ] {
        assert!(
            text.contains(&format!("canonical = \"{name}\"")),
            "{name} lost:\n{text}"
        );
    }
}

#[test]
fn interrupted_writes_leave_the_old_glossary_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "desk.toml", GLOSSARY);
    let out = calq()
        .args(["glossary", "add"])
        .arg(&path)
        .args(["--canonical", "Lviv", "--kind", "place"])
        .env("CALQ_TEST_CRASH_BEFORE_RENAME", "1")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert_eq!(fs::read_to_string(&path).expect("read"), GLOSSARY);

    let csv = write(
        dir.path(),
        "t.csv",
        "canonical,kind,variants\nLviv,place,Lvov|Lwow\n",
    );
    let out = calq()
        .args(["glossary", "import"])
        .arg(&csv)
        .arg("--out")
        .arg(&path)
        .env("CALQ_TEST_CRASH_BEFORE_RENAME", "1")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert_eq!(fs::read_to_string(&path).expect("read"), GLOSSARY);
}

#[test]
fn export_and_import_round_trip_through_csv_and_tbx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "desk.toml", GLOSSARY);
    for format in ["csv", "tbx"] {
        let exported = dir.path().join(format!("desk.{format}"));
        calq()
            .args(["glossary", "export"])
            .arg(&path)
            .args(["--format", format, "--out"])
            .arg(&exported)
            .assert()
            .code(0);
        let back = dir.path().join(format!("back-{format}.toml"));
        calq()
            .args(["glossary", "import"])
            .arg(&exported)
            .arg("--out")
            .arg(&back)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("imported 2 terms"));
        let text = fs::read_to_string(&back).expect("read");
        assert!(
            text.contains("canonical = \"Sergei Ryabkov\""),
            "{format}: {text}"
        );
        assert!(text.contains("since = \"2019-08-14\""), "{format}: {text}");
        calq()
            .args(["glossary", "check"])
            .arg(&back)
            .assert()
            .code(0);
    }
}

#[test]
fn import_names_the_bad_row_and_refuses_unknown_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write(
        dir.path(),
        "t.csv",
        "canonical,kind\nLviv,place\nKyiv,city\n",
    );
    calq()
        .args(["glossary", "import"])
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:3:", csv.display())));
    let tbx = write(dir.path(), "t.tbx", "<tbx><text><body><conceptEntry>");
    calq()
        .args(["glossary", "import"])
        .arg(&tbx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(tbx.display().to_string()));
    let other = write(dir.path(), "t.json", "{}");
    calq()
        .args(["glossary", "import"])
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("reads .csv or .tbx"));
}

#[test]
fn suggest_prints_clusters_as_toml_that_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.txt",
        "General Gorbunov inspected the troops. Gorbunov's deputy stayed behind.\n",
    );
    write(
        dir.path(),
        "b.txt",
        "Le général Gorbounov a inspecté les troupes, selon Kolesnikow et Kolesnikov.\n",
    );
    let out = calq()
        .args(["glossary", "suggest", "--min-count", "2"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let toml = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        toml.contains(
            "# 3 occurrences: Gorbunov ×2, Gorbounov ×1\n[[term]]\ncanonical = \"Gorbunov\""
        ),
        "{toml}"
    );
    let pasted = write(
        dir.path(),
        "s.toml",
        &format!("[glossary]\nname = \"s\"\nlanguage = \"en\"\n\n{toml}"),
    );
    calq()
        .args(["glossary", "check"])
        .arg(&pasted)
        .assert()
        .code(0);
}

const ZELENSKYY: &str = "[glossary]\nname = \"a\"\nlanguage = \"en\"\n\n\
[[term]]\ncanonical = \"Volodymyr Zelenskyy\"\nkind = \"person\"\nvariants = [\"Zelensky\"]\n";
const ZELENSKY: &str = "[glossary]\nname = \"b\"\nlanguage = \"en\"\n\n\
[[term]]\ncanonical = \"Zelensky\"\nkind = \"person\"\nvariants = [\"Zelenskyy\"]\n";

#[test]
fn check_and_audit_report_contradictions_between_files() {
    // Newcomer's trial: each file is clean alone; together they map one spelling to the
    // other and back.
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.toml", ZELENSKYY);
    let b = write(dir.path(), "b.toml", ZELENSKY);
    let (sa, sb) = (a.display().to_string(), b.display().to_string());
    for file in [&a, &b] {
        calq()
            .args(["glossary", "check"])
            .arg(file)
            .assert()
            .code(0);
    }
    calq()
        .args(["glossary", "check"])
        .arg(&a)
        .arg(&b)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{sb}:5: variant `Zelenskyy` of `Zelensky` is the canonical form of `Volodymyr Zelenskyy` ({sa}:5)"
        )))
        .stdout(predicate::str::contains(format!(
            "{sa}:5: variant `Zelensky` of `Volodymyr Zelenskyy` is the canonical form of `Zelensky` ({sb}:5)"
        )));
    let article = write(dir.path(), "z.txt", "President Zelensky spoke.\n");
    calq()
        .args(["audit", "--no-default-glossaries", "--glossary"])
        .arg(&a)
        .arg("--glossary")
        .arg(&b)
        .arg(&article)
        .assert()
        .stderr(predicate::str::contains(format!(
            "calq: warning: {sa}:5: variant `Zelensky` of `Volodymyr Zelenskyy` is the canonical form of `Zelensky` ({sb}:5)"
        )));
    // The same pair inside one file: the same warning at audit time.
    let one = write(
        dir.path(),
        "one.toml",
        &format!(
            "{ZELENSKY}\n[[term]]\ncanonical = \"Zelenskyy\"\nkind = \"person\"\nvariants = [\"Zelensky\"]\n"
        ),
    );
    let so = one.display().to_string();
    calq()
        .args(["audit", "--no-default-glossaries", "--glossary"])
        .arg(&one)
        .arg(&article)
        .assert()
        .stderr(predicate::str::contains(format!(
            "calq: warning: {so}:10: variant `Zelensky` of `Zelenskyy` is the canonical form of `Zelensky` ({so}:5)"
        )));
    // A clean set says nothing.
    calq()
        .args(["audit", "--glossary"])
        .arg(&a)
        .arg(&article)
        .assert()
        .stderr(predicate::str::contains("warning").not());
}

#[test]
fn audit_refuses_a_glossary_with_a_term_entered_twice() {
    // Newcomer's trial: the second "Kyiv" replaced the first, and its `keep` with it.
    let dir = tempfile::tempdir().expect("tempdir");
    let twice = write(
        dir.path(),
        "house.toml",
        &format!(
            "{GLOSSARY}\n[[term]]\ncanonical = \"Kyiv\"\nkind = \"place\"\nvariants = [\"Kijów\"]\n"
        ),
    );
    let article = write(dir.path(), "k.txt", "He ordered chicken Kiev in Kyiv.\n");
    calq()
        .args(["audit", "--glossary"])
        .arg(&twice)
        .arg(&article)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:17: `Kyiv` duplicates `Kyiv` at line 6",
            twice.display()
        )));
}

/// The (text, suggestion) of each finding of a `--format json` audit.
fn fixes(args: &[&std::ffi::OsStr]) -> Vec<(String, String, String)> {
    let out = calq()
        .args(["audit", "--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["documents"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_owned();
            (s("code"), s("text"), s("suggestion"))
        })
        .collect()
}

const DESK_A: &str = "[glossary]\nname = \"Desk A\"\nlanguage = \"en\"\n\n\
[[term]]\ncanonical = \"Kyiv\"\nkind = \"place\"\nvariants = [\"Kiev\"]\n\n\
[[term]]\ncanonical = \"Volodymyr Zelenskyy\"\nkind = \"person\"\nvariants = [\"Zelensky\"]\n";
const DESK_B: &str = "[glossary]\nname = \"Desk B\"\nlanguage = \"en\"\n\n\
[[term]]\ncanonical = \"Kiev\"\nkind = \"place\"\nvariants = [\"Kyiv\"]\n\n\
[[term]]\ncanonical = \"Volodymyr Zelensky\"\nkind = \"person\"\nvariants = [\"Zelenskyy\", \"Zelenskiy\"]\n";

#[test]
fn the_glossary_loaded_last_wins_a_spelling_that_two_glossaries_claim() {
    // New-user trial: a user glossary making "Kiev" and "Volodymyr Zelensky" the house forms
    // was overruled by the shipped one, and of two user glossaries the first won, while the
    // README says the one loaded last wins.
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.toml", DESK_A);
    let b = write(dir.path(), "b.toml", DESK_B);
    let article = write(
        dir.path(),
        "c.txt",
        "Talks in Kiev and Kyiv. Zelensky and Zelenskyy and Zelenskiy spoke. Selenskij too.\n",
    );
    let os = |p: &PathBuf| p.as_os_str().to_owned();
    let g = std::ffi::OsString::from("-g");
    let none = std::ffi::OsString::from("--no-default-glossaries");
    let to = |found: &[(String, String, String)]| -> Vec<(String, String)> {
        found
            .iter()
            .filter(|(code, ..)| code.starts_with("NM"))
            .map(|(_, t, s)| (t.clone(), s.clone()))
            .collect()
    };
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    // The user's glossary over the shipped ones, for listed and unlisted (NM003) spellings.
    let b_wins = pairs(&[
        ("Kyiv", "Kiev"),
        ("Zelenskyy", "Zelensky"),
        ("Zelenskiy", "Zelensky"),
        ("Selenskij", "Zelensky"),
    ]);
    let found = fixes(&[&g, &os(&b), &os(&article)]);
    assert_eq!(to(&found), b_wins, "{found:?}");
    // Overriding the shipped house style is what `-g` is for: no warning on every run.
    calq()
        .args(["audit", "-g"])
        .arg(&b)
        .arg(&article)
        .assert()
        .stderr(predicate::str::contains("warning").not());
    // Of two user glossaries, the second; in both orders.
    let found = fixes(&[&none, &g, &os(&a), &g, &os(&b), &os(&article)]);
    assert_eq!(to(&found), b_wins, "{found:?}");
    let found = fixes(&[&none, &g, &os(&b), &g, &os(&a), &os(&article)]);
    assert_eq!(
        to(&found),
        pairs(&[
            ("Kiev", "Kyiv"),
            ("Zelensky", "Zelenskyy"),
            ("Zelenskiy", "Zelensky"),
            ("Selenskij", "Zelenskyy"),
        ]),
        "{found:?}"
    );
    // The warning about the clash says which one wins.
    let (sa, sb) = (a.display().to_string(), b.display().to_string());
    calq()
        .args(["audit", "--no-default-glossaries", "-g"])
        .arg(&a)
        .arg("-g")
        .arg(&b)
        .arg(&article)
        .assert()
        .stderr(predicate::str::contains(format!(
            "calq: warning: {sa}:5: variant `Kiev` of `Kyiv` is the canonical form of `Kiev` ({sb}:5); \
             the glossary loaded last wins: `Kiev` is read as the house form"
        )))
        .stderr(predicate::str::contains(format!(
            "calq: warning: {sb}:5: variant `Kyiv` of `Kiev` is the canonical form of `Kyiv` ({sa}:5); \
             the glossary loaded last wins: `Kyiv` is read as a variant of `Kiev`"
        )));
    calq()
        .args(["glossary", "check"])
        .arg(&b)
        .arg(&a)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{sa}:5: variant `Kiev` of `Kyiv` is the canonical form of `Kiev` ({sb}:5); \
             the glossary loaded last wins: `Kiev` is read as a variant of `Kyiv`"
        )));
}

#[test]
fn a_common_word_listed_as_a_variant_is_never_fixed_unasked() {
    // New-user trial: `glossary suggest` proposed "Schools" for "Scholz", and the listed
    // variant's safe fix rewrote "Schools reopened" to "Scholz reopened".
    let dir = tempfile::tempdir().expect("tempdir");
    let glossary = write(
        dir.path(),
        "sug.toml",
        "[glossary]\nname = \"s\"\nlanguage = \"en\"\n\n[[term]]\ncanonical = \"Scholz\"\nkind = \"term\"\nvariants = [\"Schools\", \"Sholts\"]\n",
    );
    let article = write(
        dir.path(),
        "sch.txt",
        "Schools reopened on Monday after the strike. Chancellor Sholts visited.\n",
    );
    calq()
        .args(["audit", "--fix", "--no-default-glossaries", "-g"])
        .arg(&glossary)
        .arg(&article)
        .output()
        .expect("runs");
    assert_eq!(
        fs::read_to_string(&article).expect("read"),
        "Schools reopened on Monday after the strike. Chancellor Scholz visited.\n"
    );
    calq()
        .args(["glossary", "check"])
        .arg(&glossary)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "variant `Schools` of `Scholz` is a common English word (`schools`)",
        ));
}

#[test]
fn invisible_characters_do_not_hide_a_name_and_the_fix_takes_the_whole_word() {
    // New-user trial: a soft hyphen or zero-width character inside a name gave no finding.
    let dir = tempfile::tempdir().expect("tempdir");
    let article = write(
        dir.path(),
        "shy.txt",
        "Residents of Ki\u{ad}ev and Khar\u{ad}kov said the night was quiet, and Rjab\u{ad}kow spoke. Ki\u{200b}ev too.\n",
    );
    let found = fixes(&[article.as_os_str()]);
    let names: Vec<(&str, &str, &str)> = found
        .iter()
        .filter(|(code, ..)| code.starts_with("NM"))
        .map(|(c, t, s)| (c.as_str(), t.as_str(), s.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("NM002", "Ki\u{ad}ev", "Kyiv"),
            ("NM002", "Khar\u{ad}kov", "Kharkiv"),
            ("NM001", "Rjab\u{ad}kow", "Ryabkov"),
            ("NM002", "Ki\u{200b}ev", "Kyiv"),
        ],
        "{found:?}"
    );
    calq()
        .args(["audit", "--fix", "--unsafe-fixes"])
        .arg(&article)
        .output()
        .expect("runs");
    let fixed = fs::read_to_string(&article).expect("read");
    assert!(
        fixed.starts_with("Residents of Kyiv and Kharkiv said")
            && fixed.contains("Ryabkov spoke. Kyiv too."),
        "{fixed:?}"
    );
    // In HTML, `&shy;` is the same character.
    let page = write(
        dir.path(),
        "p.html",
        "<html><head><title>Talks</title></head><body><article><p>Officials in Ki&shy;ev said the talks would go on for several more days, according to the ministry.</p></article></body></html>\n",
    );
    let found = fixes(&[page.as_os_str()]);
    assert!(
        found
            .iter()
            .any(|(c, t, s)| c == "NM002" && t == "Ki\u{ad}ev" && s == "Kyiv"),
        "{found:?}"
    );
}

#[test]
fn a_zero_width_space_does_not_split_a_name_for_the_generated_variant_rules() {
    // Newcomer's trial: NM001 read `Kie\u{200b}v` whole, but NM002's Russian forms, NM003,
    // NM004 and NM005 read the words, which a zero-width space split in two.
    let dir = tempfile::tempdir().expect("tempdir");
    let glossary = write(
        dir.path(),
        "g.toml",
        "[glossary]\nname = \"t\"\nlanguage = \"en\"\n\n[[term]]\ncanonical = \"Chernihiv\"\nkind = \"place\"\n\n\
         [[term]]\ncanonical = \"Dmitry Peskov\"\nkind = \"person\"\n\n\
         [[term]]\ncanonical = \"Georgy Zhukov\"\nkind = \"person\"\n",
    );
    let article = write(
        dir.path(),
        "zw.txt",
        "Troops left Cherni\u{200b}gov on Monday. Marshal Jou\u{200b}kov was there, and \
         Dmit\u{200b}riy Peskov said the talks would go on. General Gorbunov took command; \
         Gorbunov's staff agreed, and Gorbou\u{200b}nov's aide said so.\n",
    );
    let args = [
        "--no-default-glossaries".as_ref(),
        "-g".as_ref(),
        glossary.as_os_str(),
        "--select".as_ref(),
        "NM".as_ref(),
        article.as_os_str(),
    ];
    let found = fixes(&args);
    assert_eq!(
        found,
        [
            ("NM002", "Cherni\u{200b}gov", "Chernihiv"),
            ("NM003", "Jou\u{200b}kov", "Zhukov"),
            ("NM005", "Dmit\u{200b}riy", "Dmitry"),
            ("NM004", "Gorbou\u{200b}nov", "Gorbunov"),
        ]
        .map(|(c, t, s)| (c.to_owned(), t.to_owned(), s.to_owned())),
    );
    // The fixes take the whole word, the zero-width space with it.
    calq()
        .args(["audit", "--fix", "--unsafe-fixes"])
        .args(args)
        .output()
        .expect("runs");
    let fixed = fs::read_to_string(&article).expect("read");
    assert_eq!(
        fixed,
        "Troops left Chernihiv on Monday. Marshal Zhukov was there, and Dmitry Peskov said \
         the talks would go on. General Gorbunov took command; Gorbunov's staff agreed, and \
         Gorbunov's aide said so.\n"
    );
    // In Markdown, the same with character references to a soft hyphen.
    let md = write(
        dir.path(),
        "zw.md",
        "Troops left Cherni&shy;gov on Monday. Marshal Jou&#173;kov was there, and \
         Dmit&#xAD;riy Peskov said the talks would go on. General Gorbunov took command; \
         Gorbunov's staff agreed, and Gorbou&shy;nov's aide said so.\n",
    );
    let mut args = args;
    args[5] = md.as_os_str();
    assert_eq!(
        fixes(&args),
        [
            ("NM002", "Cherni&shy;gov", "Chernihiv"),
            ("NM003", "Jou&#173;kov", "Zhukov"),
            ("NM005", "Dmit&#xAD;riy", "Dmitry"),
            ("NM004", "Gorbou&shy;nov", "Gorbunov"),
        ]
        .map(|(c, t, s)| (c.to_owned(), t.to_owned(), s.to_owned())),
    );
}

#[test]
fn a_csv_or_tbx_file_given_as_a_glossary_says_to_import_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write(
        dir.path(),
        "h.csv",
        "canonical,kind,variants\nKyiv,place,Kiev\n",
    );
    let shown = csv.display().to_string();
    let says = format!(
        "{shown}: this looks like CSV, not a TOML glossary; import it with `calq glossary import {shown} --out FILE.toml`"
    );
    calq()
        .args(["glossary", "check"])
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(says.as_str()));
    calq()
        .args(["audit", "-g"])
        .arg(&csv)
        .arg("-")
        .write_stdin("Kiev.\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(says.as_str()));
}

#[test]
fn import_sorts_terms_so_check_passes_its_output() {
    // New-user trial: import kept the termbase's order and `check` then warned "out of order".
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write(
        dir.path(),
        "h.csv",
        "canonical,kind,variants\nDnipro,place,Dnepr\nVolodymyr Zelenskyy,person,Zelensky\nKyiv,place,Kiev\n",
    );
    let out = dir.path().join("h.toml");
    calq()
        .args(["glossary", "import"])
        .arg(&csv)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    let text = fs::read_to_string(&out).expect("read");
    let order: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("canonical = "))
        .collect();
    assert_eq!(
        order,
        ["\"Dnipro\"", "\"Kyiv\"", "\"Volodymyr Zelenskyy\""],
        "{text}"
    );
    calq()
        .args(["glossary", "check"])
        .arg(&out)
        .assert()
        .code(0);
}

#[test]
fn add_with_a_variant_equal_to_the_canonical_names_no_line_the_file_lacks() {
    // New-user trial: the error named `house.toml:5` in a file of three lines.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "house.toml",
        "[glossary]\nname = \"h\"\nlanguage = \"en\"\n",
    );
    let shown = path.display().to_string();
    calq()
        .args(["glossary", "add"])
        .arg(&path)
        .args([
            "--canonical",
            "Lviv",
            "--kind",
            "place",
            "--variant",
            "Lviv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{shown}: term `Lviv`: variant `Lviv` repeats the canonical form; nothing was changed"
        )));
    // An existing term: its own line.
    let path = write(dir.path(), "desk.toml", GLOSSARY);
    let shown = path.display().to_string();
    calq()
        .args(["glossary", "add"])
        .arg(&path)
        .args(["--canonical", "Kyiv", "--variant", "Kyiv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{shown}:6: term `Kyiv`: variant `Kyiv` repeats the canonical form"
        )));
    assert_eq!(fs::read_to_string(&path).expect("read"), GLOSSARY);
}

#[test]
fn name_findings_carry_their_glossary_policy_in_json() {
    // New-user trial: `policy` was parsed and shown nowhere; DESIGN.md: "shown in reports".
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = write(
        dir.path(),
        "a.toml",
        &DESK_A.replace(
            "language = \"en\"\n",
            "language = \"en\"\npolicy = \"Desk A style 2023\"\n",
        ),
    );
    let plain = write(dir.path(), "b.toml", DESK_B);
    let article = write(dir.path(), "c.txt", "Talks in Kiev. Zelensky spoke.\n");
    let other = write(dir.path(), "d.txt", "Talks in Kyiv. Zelenskyy spoke.\n");
    let policies = |glossary: &Path, article: &Path| -> Vec<serde_json::Value> {
        let out = calq()
            .args(["audit", "-f", "json", "--no-default-glossaries", "-g"])
            .arg(glossary)
            .arg(article)
            .output()
            .expect("runs");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        v["documents"][0]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("NM")))
            .map(|f| f["policy"].clone())
            .collect()
    };
    assert_eq!(
        policies(&desk, &article),
        [
            serde_json::json!("Desk A style 2023"),
            serde_json::json!("Desk A style 2023")
        ]
    );
    // A glossary without a policy adds no field.
    let none = policies(&plain, &other);
    assert!(
        !none.is_empty() && none.iter().all(serde_json::Value::is_null),
        "{none:?}"
    );
}
