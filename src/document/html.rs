//! HTML to article text with a real HTML parser: Mozilla Readability's algorithm through
//! `dom_smoothie` finds the title and main text (dropping scripts, styles, navigation, link
//! lists and ads); if it finds no article, the visible text of the body is used instead.
//! Pages nested deeper than [`MAX_TREE_DEPTH`] never reach the tree-walking code (which
//! recurses): html5ever's streaming tokenizer reads their visible text in constant stack.

use std::cell::{Cell, RefCell};

use dom_smoothie::{Config, Readability, TextMode};
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Nesting depth above which the tree is not built. Real article pages nest a few dozen
/// levels; hundreds means a hostile or broken page. Readability's scoring grows faster
/// than the depth (a page 500 deep took 0.4 s, 250 deep 0.07 s; found by fuzzing), so the
/// bound keeps extraction time in proportion to the page.
pub const MAX_TREE_DEPTH: usize = 256;

/// The article's title and main text, paragraphs separated by blank lines. Offsets of
/// findings on an HTML document refer to this text.
pub fn extract(html: &str) -> String {
    if nesting_depth(html) > MAX_TREE_DEPTH {
        return tidy(&flat_text(html));
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        // Short news briefs are still articles; Readability's default wants 500 characters.
        char_threshold: 200,
        ..Default::default()
    };
    let article = Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse());
    match article {
        Ok(a) if !a.text_content.trim().is_empty() => join(&a.title, &a.text_content),
        _ => fallback(html),
    }
}

fn join(title: &str, body: &str) -> String {
    let body = tidy(body);
    // A title is one line: a `<title>` broken over lines in the source would otherwise leave
    // untrimmed lines in the text (found by fuzzing).
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() || body.starts_with(&title) {
        body
    } else if body.is_empty() {
        title
    } else {
        format!("{title}\n\n{body}")
    }
}

/// Visible text of the page without scripts, styles and navigation.
fn fallback(html: &str) -> String {
    let doc = dom_query::Document::from(html);
    doc.select("script, style, noscript, template, nav, header, footer, aside, form, iframe, svg")
        .remove();
    let title = doc.select("title").text();
    let body = doc.select("body").formatted_text();
    join(&title, &body)
}

/// An upper estimate of element nesting: start tags minus end tags, ignoring void elements,
/// self-closing tags and elements whose end tag may be left out (a page of unclosed `<p>`
/// or `<li>` is flat, not deep). Linear, and never recurses.
fn nesting_depth(html: &str) -> usize {
    const NOT_NESTING: &[&str] = &[
        // void
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", // optional end tags
        "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p",
        "rp", "rt", "tbody", "td", "tfoot", "th", "thead", "tr",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(|&c| c == b'<'))
    {
        let start = i + off + 1;
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = start + usize::from(closing);
        let name_len = bytes.get(name_start..).map_or(0, |b| {
            b.iter().take_while(|c| c.is_ascii_alphanumeric()).count()
        });
        let end = bytes
            .get(start..)
            .and_then(|b| b.iter().position(|&c| c == b'>'))
            .map(|p| start + p);
        if name_len > 0 {
            let name = html
                .get(name_start..name_start + name_len)
                .unwrap_or("")
                .to_ascii_lowercase();
            let self_closing = end.is_some_and(|e| bytes.get(e.saturating_sub(1)) == Some(&b'/'));
            if NOT_NESTING.contains(&name.as_str()) {
                // neither opens nor closes a level
            } else if closing {
                depth = depth.saturating_sub(1);
            } else if !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
        i = end.map_or(start, |e| e + 1);
    }
    max
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "aside", "footer", "form", "header", "iframe", "nav", "noscript", "script", "style", "svg",
    "template",
];
/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dt",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "p",
    "section",
    "td",
    "title",
    "tr",
];

/// Collects visible text from tokenizer events; a paragraph break at block elements.
#[derive(Default)]
struct FlatText {
    out: RefCell<String>,
    skipping: Cell<usize>,
}

impl TokenSink for FlatText {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let start = tag.kind == TagKind::StartTag;
                if SKIPPED.contains(&name) && !tag.self_closing {
                    let n = self.skipping.get();
                    self.skipping
                        .set(if start { n + 1 } else { n.saturating_sub(1) });
                } else if BLOCKS.contains(&name) {
                    self.out.borrow_mut().push_str("\n\n");
                }
                if start {
                    match name {
                        "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "iframe" | "noscript" => {
                            return TokenSinkResult::RawData(RawKind::Rawtext);
                        }
                        "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                        _ => {}
                    }
                }
            }
            Token::CharacterTokens(text) if self.skipping.get() == 0 => {
                let mut out = self.out.borrow_mut();
                for piece in text.split_whitespace() {
                    if !out.is_empty() && !out.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                    out.push_str(piece);
                }
                if text.ends_with(char::is_whitespace) && !out.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Visible text by streaming tokenization: no tree, constant stack.
fn flat_text(html: &str) -> String {
    let tokenizer = Tokenizer::new(FlatText::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(html.into());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.out.take()
}

/// Trims each line and collapses runs of blank lines to one, so paragraphs are separated by
/// exactly one blank line.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = true;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Talks end in Geneva</title>
<script>var tracking = "do not show";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks end in Geneva</h1>
<p>The meeting of the two delegations ended on Monday in Geneva after almost eight hours of
talks, and as expected there was no breakthrough in the negotiations on European security.</p>
<p>Both sides said they would meet again within days, and officials in Washington said the
discussions had been frank and direct, although positions remained far apart on most points.</p>
<p>The next round of talks is due to take place in Brussels on Wednesday, followed by a meeting
in Vienna on Thursday, diplomats from several countries told reporters after the session.</p>
</article><footer>Copyright 2022 Example News. <a href="/privacy">Privacy</a></footer></body></html>"#;

    #[test]
    fn keeps_title_and_paragraphs_drops_script_and_navigation() {
        let text = extract(PAGE);
        assert!(text.starts_with("Talks end in Geneva"), "{text}");
        assert!(text.contains("no breakthrough"), "{text}");
        assert!(text.contains("\n\n"), "paragraphs separated: {text}");
        assert!(!text.contains("tracking"), "{text}");
        assert!(!text.contains("color: red"), "{text}");
        assert!(!text.contains("World"), "{text}");
    }

    #[test]
    fn page_without_article_falls_back_to_visible_text() {
        let text = extract("<html><body><script>x()</script><p>Just one line.</p></body></html>");
        assert_eq!(text, "Just one line.");
    }

    #[test]
    fn broken_html_does_not_panic() {
        let _ = extract("<div><p>unclosed <b>bold <i>");
        let _ = extract("");
        let deep = format!(
            "{}<p>Deep text.</p>{}",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        assert_eq!(extract(&deep), "Deep text.");
    }

    #[test]
    fn a_title_over_several_lines_becomes_one_line() {
        let text =
            extract("<html><head><title>  Only a\n  title  </title></head><body></body></html>");
        assert_eq!(text, "Only a title");
        let text = extract("<title>Port\r\n reopens</title><p>Ships are back.</p>");
        assert_eq!(text, "Port reopens\n\nShips are back.");
    }

    #[test]
    fn nesting_depth_counts_open_elements() {
        assert_eq!(
            nesting_depth("<div><span>a<br>b<img src=x/></span><b>c</b></div>"),
            2
        );
        assert_eq!(nesting_depth("<div><div><div>"), 3);
        assert_eq!(nesting_depth("a < b and <"), 0);
        // Unclosed paragraphs and list items do not nest.
        assert_eq!(nesting_depth(&"<ul><li>item <p>text ".repeat(400)), 400);
        assert_eq!(nesting_depth(&"<p>text <li>item ".repeat(400)), 0);
    }

    #[test]
    fn flat_text_skips_scripts_and_navigation() {
        let text = tidy(&flat_text(
            "<title>T</title><nav><a>Home</a></nav><script>if (a<b) {}</script><p>One <b>two</b></p><p>Three</p>",
        ));
        assert_eq!(text, "T\n\nOne two\n\nThree");
    }
}
