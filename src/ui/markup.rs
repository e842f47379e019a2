//! Markup for long table bodies, written as one string and set with `inner_html`.
//!
//! The province's dashboard shows 700 wards × 20 criteria and thousands of action items. Made
//! as reactive views, every cell costs several calls from wasm into the DOM, and the dashboard's
//! first render took about 650 ms (docs/benchmarks.md); the browser's own parser builds the same
//! rows from one string in a few milliseconds. Only plain, non-interactive rows are made this
//! way. Every text and attribute value goes through [`escape`], so text from bundles stays text
//! (the strict Content-Security-Policy would refuse any script anyway); tag and attribute names
//! are the app's own constants.

/// Escapes `text` for an element's content or a double-quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A piece of markup being written.
#[derive(Debug, Default)]
pub struct Markup(String);

impl Markup {
    /// Empty markup.
    pub fn new() -> Markup {
        Markup::default()
    }

    /// Opens `tag` with `attributes` (names as given, values escaped; an attribute whose value
    /// is `None` is left out).
    pub fn open(&mut self, tag: &'static str, attributes: &[(&'static str, Option<&str>)]) {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes {
            if let Some(value) = value {
                self.0.push(' ');
                self.0.push_str(name);
                self.0.push_str("=\"");
                self.0.push_str(&escape(value));
                self.0.push('"');
            }
        }
        self.0.push('>');
    }

    /// Writes `text`, escaped.
    pub fn text(&mut self, text: &str) {
        self.0.push_str(&escape(text));
    }

    /// Closes `tag`.
    pub fn close(&mut self, tag: &'static str) {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
    }

    /// Writes a whole element holding only `text`.
    pub fn element(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, Option<&str>)],
        text: &str,
    ) {
        self.open(tag, attributes);
        self.text(text);
        self.close(tag);
    }

    /// The markup written.
    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_from_bundles_stay_text() {
        let mut markup = Markup::new();
        markup.open(
            "tr",
            &[("data-ward", Some("p\"><script>")), ("class", None)],
        );
        markup.element(
            "th",
            &[("title", Some("A & 'B'"))],
            "<img src=x onerror=alert(1)>",
        );
        markup.close("tr");
        assert_eq!(
            markup.into_string(),
            "<tr data-ward=\"p&quot;&gt;&lt;script&gt;\"><th title=\"A &amp; &#39;B&#39;\">\
             &lt;img src=x onerror=alert(1)&gt;</th></tr>"
        );
    }

    #[test]
    fn vietnamese_text_is_kept_as_it_is() {
        assert_eq!(escape("Công an phường Bến Thủy"), "Công an phường Bến Thủy");
    }
}
