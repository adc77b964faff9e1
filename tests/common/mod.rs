//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `calq` run from the repository root (so paths in output are stable), without colour and
/// without picking up a calq.toml from the environment.
pub fn calq() -> Command {
    let mut cmd = Command::cargo_bin("calq").expect("binary built");
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

/// Runs `calq report INPUTS… --out OUT` and fails the test, with calq's error output,
/// unless it exits 0.
pub fn report_into<I, S>(inputs: I, out: &Path)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let run = calq()
        .arg("report")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .output()
        .expect("calq runs");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Compares `actual` with the golden file, or rewrites it when UPDATE_GOLDENS is set
/// (`UPDATE_GOLDENS=1 cargo test --test golden`), so changes are reviewed in the diff.
pub fn assert_golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDENS").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden {}; run UPDATE_GOLDENS=1 cargo test",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "output differs from {}; if the change is intended, run UPDATE_GOLDENS=1 cargo test and review the diff\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        );
    }
}

/// The shared seed articles beside the project, if this checkout has them.
pub fn seeds() -> Option<Vec<PathBuf>> {
    let dir = root().join("../shared/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    Some(files)
}

pub fn json(stdout: &[u8]) -> serde_json::Value {
    serde_json::from_slice(stdout).expect("valid JSON output")
}

/// Checks every finding's span against the text it was computed on: `text` equals the bytes
/// at `start..end`, both ends are char boundaries, and line/column (1-based, characters) agree.
pub fn assert_spans(text: &str, findings: &[serde_json::Value]) {
    for f in findings {
        let (start, end) = (
            f["start"].as_u64().expect("start") as usize,
            f["end"].as_u64().expect("end") as usize,
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{f}"
        );
        assert_eq!(&text[start..end], f["text"].as_str().expect("text"), "{f}");
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(line as u64), Some(column as u64)),
            "{f}"
        );
    }
}

pub fn path(p: &str) -> &Path {
    Path::new(p)
}

/// A world-readable temporary folder, so a command run as another user can read it.
pub fn shared_tempdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    set_mode(dir.path(), 0o755);
    dir
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// `calq` as a user without write access to root-owned files: as root (CI containers),
/// permissions are not enforced, so the command runs through `setpriv` as `nobody`.
pub fn calq_unprivileged() -> Command {
    let uid = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    if uid != "0" {
        return calq();
    }
    let bin = assert_cmd::cargo::cargo_bin("calq");
    let mut cmd = Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(bin)
        .current_dir(root())
        .env("NO_COLOR", "1");
    cmd
}

/// A copy of a report page with `scripts` inserted (each `(before, script)`: before the
/// page's own script when `before`, else at the end of the body), each allowed by adding its
/// hash to the page's Content-Security-Policy, which stays in force.
pub fn with_scripts(page: &str, scripts: &[(bool, &str)]) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let mut page = page.to_owned();
    for (before, script) in scripts {
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script));
        page = page.replacen("script-src ", &format!("script-src 'sha256-{hash}' "), 1);
        let tag = format!("<script>{script}</script>");
        page = if *before {
            match page.rfind("<script>") {
                Some(at) => format!("{}{tag}{}", &page[..at], &page[at..]),
                None => page,
            }
        } else {
            page.replacen("</body>", &format!("{tag}</body>"), 1)
        };
    }
    page
}

/// The Debian `chromium` binary, when installed (`.ci/run` installs it).
pub fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin/chromium");
    path.exists().then_some(path)
}

/// Runs headless Chromium on `page` at `width` x `height` px with a fresh profile and
/// `args`; a failed run fails the test with Chromium's own error output.
pub fn run_chromium(
    chromium: &Path,
    width: u32,
    height: u32,
    args: &[&str],
    page: &str,
) -> std::process::Output {
    let profile = tempfile::tempdir().expect("profile");
    let run = headless(chromium, profile.path(), width, height)
        .args(args)
        .arg(page)
        .output()
        .expect("chromium runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    run
}

/// Headless Chromium with a window of `width` x `height` px and a fresh profile, logging
/// the page's console messages to standard error (lines with `:CONSOLE`).
pub fn headless(chromium: &Path, profile: &Path, width: u32, height: u32) -> std::process::Command {
    let mut cmd = std::process::Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--window-size={width},{height}"))
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}
