//! `calq audit` on WARC crawls: the same findings as the page read as an `.html` file, the
//! target URI as id, a damaged record reported with its offset (exit code 2) while the
//! records after it are audited, and folders walked for `.warc.gz`.

mod common;

use std::io::Write;

use common::{calq, root};

fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nWARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn response(uri: &str, html: &[u8]) -> Vec<u8> {
    let mut block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
        html.len()
    )
    .into_bytes();
    block.extend_from_slice(html);
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        &block,
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn a_crawl_is_audited_like_its_pages_and_read_past_a_truncated_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = std::fs::read(root().join("tests/fixtures/article.html")).expect("fixture");
    let mut cut = response("https://news.example/cut", &page);
    cut.truncate(cut.len() - 100);
    let records = [
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        response("https://news.example/one", &page),
        cut,
        record(
            "request",
            "https://news.example/two",
            "application/http; msgtype=request",
            b"GET /two HTTP/1.1\r\n\r\n",
        ),
        response("https://news.example/two", &page),
    ];
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for r in &records {
        offsets.push(file.len());
        file.extend_from_slice(&gzip(r));
    }
    let crawl = dir.path().join("sub/crawl.warc.gz");
    std::fs::create_dir_all(crawl.parent().expect("parent")).expect("mkdir");
    std::fs::write(&crawl, &file).expect("write");

    let out = calq()
        .args(["audit", "--format", "jsonl", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "a damaged record is an input error"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let want = format!(
        "calq: error: {}: record at byte {}: truncated",
        crawl.display(),
        offsets[2]
    );
    assert!(stderr.contains(&want), "{stderr}");
    assert!(
        stderr.contains("2 of 4 WARC records are not articles (1 request, 1 warcinfo); 2 audited"),
        "{stderr}"
    );
    let docs = lines(&out.stdout);
    let ids: Vec<&str> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        ids,
        ["https://news.example/one", "https://news.example/two"]
    );

    let html = calq()
        .args([
            "audit",
            "--format",
            "jsonl",
            "--fail-on",
            "never",
            "tests/fixtures/article.html",
        ])
        .output()
        .expect("runs");
    let html = &lines(&html.stdout)[0];
    for doc in &docs {
        assert_eq!(doc["path"], crawl.display().to_string());
        assert_eq!(doc["findings"], html["findings"]);
        assert_eq!(doc["mt"], html["mt"]);
        assert_eq!(doc["language"], html["language"]);
    }
}
