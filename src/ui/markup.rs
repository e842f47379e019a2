//! Markup for long table bodies, written as one string and set with `inner_html`.
//!
//! The province's dashboard shows 700 wards × 20 criteria and thousands of action items. Made
//! as reactive views, every cell costs several calls from wasm into the DOM, and the dashboard's
//! first render took about 650 ms (docs/benchmarks.md); the browser's own parser builds the same
//! rows from one string in a few milliseconds. Only plain, non-interactive rows are made this
//! way. Every text and attribute value goes through `escape_into`, so text from bundles stays text
//! (the strict Content-Security-Policy would refuse any script anyway); tag and attribute names
//! are the app's own constants.

/// Escapes `text` for an element's content or a double-quoted attribute value, onto the end of
/// `out`: the runs between the characters to replace are copied whole (a table of 700 wards
/// escapes some 30 000 values).
fn escape_into(out: &mut String, text: &str) {
    let mut copied = 0;
    for (index, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The bytes replaced are ASCII, so `index` lies between characters.
        out.push_str(&text[copied..index]);
        out.push_str(replacement);
        copied = index + 1;
    }
    out.push_str(&text[copied..]);
}

/// A piece of markup being written.
#[derive(Debug, Default)]
pub struct Markup(String);

impl Markup {
    /// Empty markup.
    pub fn new() -> Markup {
        Markup::default()
    }

    /// Empty markup with room for about `bytes` bytes.
    pub fn with_capacity(bytes: usize) -> Markup {
        Markup(String::with_capacity(bytes))
    }

    /// Writes `piece` (markup written before, so already escaped): for a piece that repeats,
    /// written once and copied.
    pub fn append(&mut self, piece: &Markup) {
        self.0.push_str(&piece.0);
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
                escape_into(&mut self.0, value);
                self.0.push('"');
            }
        }
        self.0.push('>');
    }

    /// Writes `text`, escaped.
    pub fn text(&mut self, text: &str) {
        escape_into(&mut self.0, text);
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

    /// `text` as [`Markup::text`] writes it.
    fn escape(text: &str) -> String {
        let mut markup = Markup::new();
        markup.text(text);
        markup.into_string()
    }

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
        assert_eq!(escape("Đội <1> & “Hai”"), "Đội &lt;1&gt; &amp; “Hai”");
        assert_eq!(escape("&"), "&amp;");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn a_piece_appended_is_written_as_it_was() {
        let mut piece = Markup::new();
        piece.element("td", &[("title", Some("Đạt; \"x\""))], "Đ");
        let mut markup = Markup::with_capacity(64);
        markup.append(&piece);
        markup.append(&piece);
        assert_eq!(
            markup.into_string(),
            "<td title=\"Đạt; &quot;x&quot;\">Đ</td>".repeat(2)
        );
    }
}
