//! RFC 8785 JSON Canonicalization Scheme (JCS) and the bundle digest.
//!
//! Canonical form: no whitespace; object members sorted by their names compared as arrays of UTF-16
//! code units; strings escaped as ECMAScript `JSON.stringify` does (`\"`, `\\`, `\b`, `\f`, `\n`,
//! `\r`, `\t`, other control characters as `\u00xx` with lowercase hex, everything else as is);
//! numbers as IEEE-754 doubles printed by ECMAScript `Number.prototype.toString` (via `ryu-js`):
//! integers beyond 2^53 therefore lose precision, which is why the bundle reader refuses them.
//!
//! The digest of a bundle is the lowercase hex SHA-256 of the UTF-8 bytes of the canonical form of
//! the bundle object without its `integrity` member. [`pretty_string`] writes the same member order
//! and number forms with indentation, for files people may open.

use std::cmp::Ordering;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The canonical (RFC 8785) text of a JSON value.
pub fn canonical_string(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, None, 0);
    out
}

/// The same member order, string escaping and number forms as [`canonical_string`], indented by two
/// spaces, with a final newline.
pub fn pretty_string(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, Some(2), 0);
    out.push('\n');
    out
}

/// Like [`pretty_string`], but the top-level members named in `first` come first, in that order
/// (the bundle writer puts the envelope before the content so people see `format` first; the
/// digest does not depend on member order).
pub fn pretty_string_ordered(value: &Value, first: &[&str]) -> String {
    let Value::Object(members) = value else {
        return pretty_string(value);
    };
    let mut sorted: Vec<(&String, &Value)> = members.iter().collect();
    sorted.sort_by(|(left, _), (right, _)| {
        let rank = |name: &str| {
            first
                .iter()
                .position(|candidate| *candidate == name)
                .unwrap_or(first.len())
        };
        rank(left)
            .cmp(&rank(right))
            .then_with(|| utf16_order(left, right))
    });
    let mut out = String::new();
    write_members(&mut out, sorted, Some(2), 0);
    out.push('\n');
    out
}

/// Lowercase hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    lower_hex(&Sha256::digest(bytes))
}

/// Lowercase hex of a digest's bytes (`base16ct`, constant time).
pub(super) fn lower_hex(digest: &[u8]) -> String {
    base16ct::lower::encode_string(digest)
}

/// The digest of a bundle object: SHA-256 of the canonical form without its `integrity` member.
pub fn bundle_digest(bundle: &Value) -> String {
    sha256_hex(digested_form(bundle).as_bytes())
}

/// What a bundle's digest is the hash of: its canonical form without its `integrity` member.
pub fn digested_form(bundle: &Value) -> String {
    digested_form_within(bundle, 0)
}

/// [`digested_form`], written into a buffer made `capacity` bytes large at once: the length of
/// the file it was read from, which its compact form rarely passes, spares growing it by copies.
pub fn digested_form_within(bundle: &Value, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    match bundle {
        // The member is skipped while writing: the bundle is not copied to drop it.
        Value::Object(members) => write_object(&mut out, members, None, 0, Some("integrity")),
        other => write_value(&mut out, other, None, 0),
    }
    out
}

/// ECMAScript `Number.prototype.toString` of a JSON number.
pub fn number_string(number: &serde_json::Number) -> String {
    let mut out = String::new();
    write_number(&mut out, number);
    out
}

/// ECMAScript `Number.prototype.toString` of a finite double (`-0` prints as `0`).
pub fn double_string(double: f64) -> String {
    let mut out = String::new();
    write_double(&mut out, double);
    out
}

fn write_number(out: &mut String, number: &serde_json::Number) {
    // An integer up to 2^53 is its own double, which prints as its digits.
    if let Some(unsigned) = number.as_u64().filter(|value| *value <= EXACT_INTEGER) {
        out.push_str(itoa::Buffer::new().format(unsigned));
        return;
    }
    let double = if let Some(unsigned) = number.as_u64() {
        unsigned as f64
    } else if let Some(signed) = number.as_i64() {
        signed as f64
    } else {
        number.as_f64().unwrap_or(0.0)
    };
    write_double(out, double);
}

/// 2^53: up to it, every integer is a double of its own.
const EXACT_INTEGER: u64 = 1 << 53;

pub(super) fn write_double(out: &mut String, double: f64) {
    if double == 0.0 {
        out.push('0');
    } else {
        out.push_str(ryu_js::Buffer::new().format(double));
    }
}

/// Writes `text` as a JSON string, escaped as `JSON.stringify` does. The characters to escape
/// are all ASCII, so the runs between them are copied whole.
pub(super) fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut run = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[run..at]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        } else {
            out.push_str(escape);
        }
        run = at + 1;
    }
    out.push_str(&text[run..]);
    out.push('"');
}

/// Orders member names as RFC 8785 does: as arrays of UTF-16 code units.
///
/// UTF-8 byte order is code point order, which is UTF-16 order except where a code point above
/// U+FFFF meets one from U+E000 to U+FFFF; the UTF-8 of both starts with a byte from 0xEE up. So
/// the bytes decide unless the first byte that differs is one of those.
pub(super) fn utf16_order(left: &str, right: &str) -> Ordering {
    let (a, b) = (left.as_bytes(), right.as_bytes());
    match a.iter().zip(b).position(|(x, y)| x != y) {
        None => a.len().cmp(&b.len()),
        Some(at) if a[at] < 0xee && b[at] < 0xee => a[at].cmp(&b[at]),
        Some(_) => left.encode_utf16().cmp(right.encode_utf16()),
    }
}

fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(width) = indent {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', width * level));
    }
}

pub(super) fn write_value(out: &mut String, value: &Value, indent: Option<usize>, level: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => write_number(out, number),
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_value(out, item, indent, level + 1);
            }
            newline(out, indent, level);
            out.push(']');
        }
        Value::Object(members) => write_object(out, members, indent, level, None),
    }
}

/// Writes an object with its members in canonical order, leaving out the member named `skip`.
fn write_object(
    out: &mut String,
    members: &Map<String, Value>,
    indent: Option<usize>,
    level: usize,
    skip: Option<&str>,
) {
    write_members(out, ordered_members(members, skip), indent, level);
}

/// An object's members in canonical order, without the member named `skip`.
pub(super) fn ordered_members<'v>(
    members: &'v Map<String, Value>,
    skip: Option<&str>,
) -> Vec<(&'v String, &'v Value)> {
    let mut sorted: Vec<(&String, &Value)> = members
        .iter()
        .filter(|(name, _)| Some(name.as_str()) != skip)
        .collect();
    sorted.sort_by(|(left, _), (right, _)| utf16_order(left, right));
    sorted
}

/// Writes an object's members in the order given.
fn write_members(
    out: &mut String,
    members: Vec<(&String, &Value)>,
    indent: Option<usize>,
    level: usize,
) {
    if members.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (index, (name, member)) in members.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        newline(out, indent, level + 1);
        write_string(out, name);
        out.push(':');
        if indent.is_some() {
            out.push(' ');
        }
        write_value(out, member, indent, level + 1);
    }
    newline(out, indent, level);
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc8785_number_vectors() {
        // RFC 8785, Appendix B: IEEE-754 bit patterns and their canonical text.
        let vectors: [(u64, &str); 24] = [
            (0x0000000000000000, "0"),
            (0x8000000000000000, "0"),
            (0x0000000000000001, "5e-324"),
            (0x8000000000000001, "-5e-324"),
            (0x7fefffffffffffff, "1.7976931348623157e+308"),
            (0xffefffffffffffff, "-1.7976931348623157e+308"),
            (0x4340000000000000, "9007199254740992"),
            (0xc340000000000000, "-9007199254740992"),
            (0x4430000000000000, "295147905179352830000"),
            (0x44b52d02c7e14af5, "9.999999999999997e+22"),
            (0x44b52d02c7e14af6, "1e+23"),
            (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
            (0x444b1ae4d6e2ef4e, "999999999999999700000"),
            (0x444b1ae4d6e2ef4f, "999999999999999900000"),
            (0x444b1ae4d6e2ef50, "1e+21"),
            (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
            (0x3eb0c6f7a0b5ed8d, "0.000001"),
            (0x41b3de4355555553, "333333333.3333332"),
            (0x41b3de4355555554, "333333333.33333325"),
            (0x41b3de4355555555, "333333333.3333333"),
            (0x41b3de4355555556, "333333333.3333334"),
            (0x41b3de4355555557, "333333333.33333343"),
            (0xbecbf647612f3696, "-0.0000033333333333333333"),
            (0x43143ff3c1cb0959, "1424953923781206.2"),
        ];
        for (bits, expected) in vectors {
            assert_eq!(
                double_string(f64::from_bits(bits)),
                expected,
                "bits {bits:#018x}"
            );
        }
    }

    #[test]
    fn rfc8785_section_3_2_2_example() {
        let input = r#"{
            "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
            "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
            "literals": [null, true, false]
        }"#;
        let value: Value = serde_json::from_str(input).unwrap();
        assert_eq!(
            canonical_string(&value),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    #[test]
    fn rfc8785_section_3_2_3_sorting_by_utf16_code_units() {
        let input = r#"{
            "\u20ac": "Euro Sign",
            "\r": "Carriage Return",
            "\ufb33": "Hebrew Letter Dalet With Dagesh",
            "1": "One",
            "\ud83d\ude00": "Emoji: Grinning Face",
            "\u0080": "Control",
            "\u00f6": "Latin Small Letter O With Diaeresis"
        }"#;
        let value: Value = serde_json::from_str(input).unwrap();
        let expected = concat!(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",",
            "\"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",",
            "\"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        );
        assert_eq!(canonical_string(&value), expected);
    }

    #[test]
    fn integers_print_as_doubles() {
        let value: Value =
            serde_json::from_str("[1, -3, 1.0, 100.50, 1734480000000, 0.1]").unwrap();
        assert_eq!(canonical_string(&value), "[1,-3,1,100.5,1734480000000,0.1]");
    }

    #[test]
    fn escapes_like_json_stringify() {
        let value = Value::String("a\u{1}\u{1f}\u{7f}\u{2028}é\t".to_string());
        assert_eq!(
            canonical_string(&value),
            "\"a\\u0001\\u001f\u{7f}\u{2028}é\\t\""
        );
    }

    #[test]
    fn pretty_form_parses_to_the_same_canonical_form() {
        let value: Value =
            serde_json::from_str(r#"{"b":[1,{"d":null,"c":"x"}],"a":{},"e":[]}"#).unwrap();
        let pretty = pretty_string(&value);
        assert_eq!(
            pretty,
            "{\n  \"a\": {},\n  \"b\": [\n    1,\n    {\n      \"c\": \"x\",\n      \"d\": null\n    }\n  ],\n  \"e\": []\n}\n"
        );
        let back: Value = serde_json::from_str(&pretty).unwrap();
        assert_eq!(canonical_string(&back), canonical_string(&value));
    }

    #[test]
    fn ordered_pretty_form_puts_named_members_first() {
        let value: Value =
            serde_json::from_str(r#"{"content":{"b":1,"a":[]},"format":"x","kind":"k","extra":0}"#)
                .unwrap();
        let text = pretty_string_ordered(&value, &["format", "kind", "content"]);
        assert_eq!(
            text,
            "{\n  \"format\": \"x\",\n  \"kind\": \"k\",\n  \"content\": {\n    \"a\": [],\n    \"b\": 1\n  },\n  \"extra\": 0\n}\n"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    /// The escaping of RFC 8785, one character at a time: what [`write_string`] must equal.
    fn escaped_by_characters(text: &str) -> String {
        let mut out = String::from('"');
        for character in text.chars() {
            match character {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                control if u32::from(control) < 0x20 => {
                    out.push_str(&format!("\\u{:04x}", u32::from(control)));
                }
                other => out.push(other),
            }
        }
        out.push('"');
        out
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn strings_escape_as_character_by_character(text in "(?s).{0,40}") {
            let mut out = String::new();
            write_string(&mut out, &text);
            proptest::prop_assert_eq!(out, escaped_by_characters(&text));
        }

        #[test]
        fn names_order_as_utf16_code_units(
            left in "[a\u{7f}\u{e9}\u{d7ff}\u{e000}\u{fb33}\u{ffff}\u{10000}\u{1f600}]{0,4}",
            right in "[a\u{7f}\u{e9}\u{d7ff}\u{e000}\u{fb33}\u{ffff}\u{10000}\u{1f600}]{0,4}",
        ) {
            proptest::prop_assert_eq!(
                utf16_order(&left, &right),
                left.encode_utf16().cmp(right.encode_utf16())
            );
        }
    }

    #[test]
    fn every_control_character_escapes_as_character_by_character() {
        for code in 0u32..0x80 {
            let text = format!("x{}y", char::from_u32(code).unwrap());
            let mut out = String::new();
            write_string(&mut out, &text);
            assert_eq!(out, escaped_by_characters(&text), "U+{code:04X}");
        }
    }

    #[test]
    fn digest_ignores_the_integrity_member() {
        let with: Value = serde_json::from_str(r#"{"a":1,"integrity":{"digest":"x"}}"#).unwrap();
        let without: Value = serde_json::from_str(r#"{"a":1}"#).unwrap();
        assert_eq!(bundle_digest(&with), bundle_digest(&without));
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
