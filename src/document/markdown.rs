//! Markdown's own syntax in a `.md` article: code (inline and in blocks), raw HTML, front
//! matter, and the link and image syntax around their text (brackets, destinations, titles;
//! an autolink whole). None of it is prose, so findings that touch it are dropped and no fix
//! rewrites a URL, a code sample or an attribute. The text of links and images, headings,
//! emphasis and lists stay prose. Parsed by `pulldown-cmark` (CommonMark with tables,
//! footnotes, strikethrough and front matter).

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::Span;

/// A link or image being read: its whole span and the span of its text so far.
struct Open {
    whole: Span,
    text: Option<Span>,
    autolink: bool,
}

impl Open {
    fn saw(&mut self, span: Span) {
        self.text = Some(match self.text {
            Some(t) => Span::new(t.start.min(span.start), t.end.max(span.end)),
            None => span,
        });
    }
}

/// The byte spans of Markdown syntax in `text`, sorted by start (they may touch, not nest).
pub fn syntax_spans(text: &str) -> Vec<Span> {
    parse(text).syntax
}

/// What the document model keeps of a Markdown article's parse.
#[derive(Debug, Default)]
pub struct Markup {
    /// The byte spans of Markdown syntax, sorted by start ([`syntax_spans`]).
    pub syntax: Vec<Span>,
    /// Character references in prose that stand for a character no reader sees inside a word
    /// (`&shy;`, `&#173;`, `&#xAD;`, `&#8203;`…: `segment::is_invisible`), in order. A page
    /// hyphenates a long name with them (`Ki&shy;ev`); the words and the names are read
    /// through them as through the characters themselves. In code, where they are text,
    /// they are not references and are not here.
    pub hidden: Vec<Span>,
}

/// Markdown syntax and the references to invisible characters in `text`'s prose.
pub fn parse(text: &str) -> Markup {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let parser = Parser::new_ext(text, options);
    // Reference definitions (`[label]: url "title"`) produce no event: their spans are
    // known once the parser is made.
    let mut out: Vec<Span> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| Span::new(def.span.start, def.span.end))
        .collect();
    let mut hidden = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    // Inside a code block, raw HTML block or front matter, whose whole span is already out.
    let mut skipping = 0usize;
    for (event, range) in parser.into_offset_iter() {
        let span = Span::new(range.start, range.end);
        let link = match &event {
            // An autolink's text is its address, a shortcut or collapsed reference's text is
            // its label: syntax whole, or a fix would break the link.
            Event::Start(Tag::Link { link_type, .. } | Tag::Image { link_type, .. }) => {
                Some(matches!(
                    link_type,
                    LinkType::Autolink
                        | LinkType::Email
                        | LinkType::Collapsed
                        | LinkType::CollapsedUnknown
                        | LinkType::Shortcut
                        | LinkType::ShortcutUnknown
                ))
            }
            _ => None,
        };
        if link.is_none()
            && !matches!(event, Event::End(TagEnd::Link | TagEnd::Image))
            && let Some(top) = open.last_mut()
        {
            top.saw(span);
        }
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                if skipping == 0 {
                    out.push(span);
                }
                skipping += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skipping = skipping.saturating_sub(1);
            }
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) if skipping == 0 => {
                out.push(span);
            }
            // The parser gives a character reference a text event of its own, decoded.
            Event::Text(t)
                if skipping == 0
                    && !t.is_empty()
                    && t.chars().all(super::segment::is_invisible)
                    && text
                        .get(span.start..span.end)
                        .is_some_and(|s| s.starts_with('&')) =>
            {
                hidden.push(span);
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                if let Some(top) = open.last_mut() {
                    top.saw(span);
                }
                open.push(Open {
                    whole: span,
                    text: None,
                    autolink: link.unwrap_or(false),
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some(link) = open.pop() else { continue };
                match link.text {
                    Some(t) if !link.autolink => {
                        out.push(Span::new(link.whole.start, t.start));
                        out.push(Span::new(t.end, link.whole.end));
                    }
                    _ => out.push(link.whole),
                }
            }
            _ => {}
        }
    }
    out.retain(|s| s.start < s.end);
    out.sort_by_key(|s| (s.start, s.end));
    Markup {
        syntax: out,
        hidden,
    }
}

/// Whether `span` touches any of `syntax` (sorted by start, as [`syntax_spans`] gives them).
/// An empty span touches what it lies inside.
pub fn touches(syntax: &[Span], span: Span) -> bool {
    // Spans starting before the end of `span`; any of them that ends after its start touches.
    let before = syntax.partition_point(|s| s.start < span.end.max(span.start + 1));
    syntax[..before].iter().rev().any(|s| s.end > span.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax(text: &str) -> Vec<&str> {
        syntax_spans(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn code_html_and_link_syntax_are_syntax_and_link_text_is_prose() {
        let text = "# Talks in Kiev\n\nThe chart ![a chart of Kiev](kiev.png \"Kiev\") and \
                    [the Kiev talks](https://example.com/kiev) and `kiev_id` and \
                    <span title=\"Kiev\">here</span> and <https://kiev.example>.\n\n\
                    ```\nlet city = \"Kiev\";\n```\n";
        let found = syntax(text);
        assert!(found.contains(&"!["), "{found:?}");
        assert!(found.contains(&"](kiev.png \"Kiev\")"), "{found:?}");
        assert!(found.contains(&"](https://example.com/kiev)"), "{found:?}");
        assert!(found.contains(&"`kiev_id`"), "{found:?}");
        assert!(found.contains(&"<span title=\"Kiev\">"), "{found:?}");
        assert!(found.contains(&"<https://kiev.example>"), "{found:?}");
        assert!(
            found
                .iter()
                .any(|s| s.starts_with("```") && s.contains("let city"))
        );
        // The heading, the alt text and the link text are prose.
        for prose in ["Talks in Kiev", "a chart of Kiev", "the Kiev talks"] {
            assert!(
                !found.iter().any(|s| s.contains(prose)),
                "{prose}: {found:?}"
            );
        }
    }

    #[test]
    fn front_matter_and_nested_links_are_syntax() {
        let text = "---\ntitle: Kiev\n---\n\nSee [![logo](logo.png)](https://example.com) now.\n";
        let found = syntax(text);
        assert!(
            found[0].starts_with("---") && found[0].contains("title: Kiev"),
            "{found:?}"
        );
        assert!(found.contains(&"](logo.png)"), "{found:?}");
        assert!(found.contains(&"](https://example.com)"), "{found:?}");
    }

    #[test]
    fn reference_labels_and_definitions_are_syntax() {
        let text = "See the [Kiev] page, [the talks][kiev] and [Kiev][].\n\n\
                    [kiev]: https://example.com/kiev \"Kiev statement\"\n";
        let found = syntax(text);
        // The shortcut and the collapsed reference (its range stops before `[]`).
        assert_eq!(
            found.iter().filter(|s| **s == "[Kiev]").count(),
            2,
            "{found:?}"
        );
        assert!(found.contains(&"][kiev]"), "{found:?}");
        assert!(
            found
                .iter()
                .any(|s| s.starts_with("[kiev]: ") && s.contains("Kiev statement")),
            "{found:?}"
        );
        assert!(!found.iter().any(|s| s.contains("the talks")), "{found:?}");
    }

    #[test]
    fn references_to_invisible_characters_in_prose_are_hidden() {
        let text = "Ki&shy;ev, Rjab&#173;kow, Khar&#xAD;kov, Ki&#8203;ev and [Ki&shy;ev](a.md), \
                    not `Ki&shy;ev`, Ki&amp;ev or &nbsp;.\n\n```\nKi&shy;ev\n```\n";
        let hidden: Vec<&str> = parse(text)
            .hidden
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(hidden, ["&shy;", "&#173;", "&#xAD;", "&#8203;", "&shy;"]);
    }

    #[test]
    fn touches_finds_overlaps_only() {
        let syntax = [Span::new(5, 10), Span::new(20, 30)];
        assert!(touches(&syntax, Span::new(8, 12)));
        assert!(touches(&syntax, Span::new(0, 6)));
        assert!(touches(&syntax, Span::new(25, 25)));
        assert!(!touches(&syntax, Span::new(10, 20)));
        assert!(!touches(&syntax, Span::new(0, 5)));
        assert!(!touches(&syntax, Span::new(30, 40)));
    }
}
