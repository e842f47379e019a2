//! A large file read in pieces (a province's merged bundle over a megabyte, as the import screen
//! reads it, a step at a time) gives exactly what it gives read whole: the same bundle, or the
//! same problems at the same paths in the same order, wherever in the file they are.

use pkm_core::bundle::{Bundle, Limits, Problem, ReadOptions, SteppedRead};
use pkm_core::{LARGE_FILE_BYTES, Store, fixtures};
use serde_json::Value;

use crate::support::sign;

/// Reads `bytes` step by step, cut in pieces or not: the number of steps and the result.
fn read(bytes: &[u8], in_pieces: bool) -> (usize, Result<Bundle, Vec<Problem>>) {
    let options = ReadOptions {
        limits: Limits {
            max_file_bytes: 64 << 20,
            ..Limits::default()
        },
        pieces_from_bytes: if in_pieces { 0 } else { usize::MAX },
        ..ReadOptions::default()
    };
    let mut read = SteppedRead::new(bytes, options);
    assert_eq!(read.in_pieces(), in_pieces);
    let mut steps = 1;
    while read.step() {
        steps += 1;
    }
    (steps, read.finish(&Store::new()))
}

/// Replaces the first occurrence of `from` after `after` in `text`.
fn replace_after(text: &str, after: &str, from: &str, to: &str) -> String {
    let start = text.find(after).expect("the marker is in the text");
    let at = start
        + text[start..]
            .find(from)
            .expect("the text to replace is there");
    format!("{}{}{}", &text[..at], to, &text[at + from.len()..])
}

#[test]
fn a_large_province_bundle_reads_the_same_in_pieces_as_whole() {
    let fixture = fixtures::every_ward_assessed(2025, 80).unwrap();
    let text = fixtures::province_bundle(&fixture).unwrap();
    assert!(text.len() > LARGE_FILE_BYTES, "{} bytes", text.len());

    let (whole_steps, whole) = read(text.as_bytes(), false);
    let (steps, pieces) = read(text.as_bytes(), true);
    assert_eq!(pieces, whole);
    let bundle = pieces.expect("the bundle reads");
    assert_eq!(bundle.content.assessments().len(), 80);
    // Read whole, each stage is one step; in pieces, the stages take more.
    assert!(
        steps > whole_steps,
        "{steps} steps in pieces, {whole_steps} whole"
    );

    // The same problems, found by the same stages, wherever they are in the file.
    let mut value: Value = serde_json::from_str(&text).unwrap();
    let last = value["content"]["assessments"].as_array().unwrap().len() - 1;
    value["content"]["assessments"][last]["unit"] = Value::from(-3);
    value["content"]["assessments"][1]["year"] = Value::from("2024");
    value["header"]["bundle_id"] = Value::from(" ");
    let forged_records = sign(value.clone());
    let forged: Vec<(&str, String)> = vec![
        ("records deep in the file", forged_records.clone()),
        (
            "a name repeated in a record",
            replace_after(
                &text,
                "\"units\"",
                "\"name_vi\":",
                "\"name_vi\": \"x\", \"name_vi\":",
            ),
        ),
        (
            "a repeated record",
            replace_after(&text, "\"assessments\": [", "\n", "\n{\"unit\": 1},\n"),
        ),
        (
            "a syntax error at the end",
            format!("{}}}", text.trim_end()),
        ),
        ("a truncated file", text[..text.len() - 10].to_string()),
        (
            "a wrong digest",
            replace_after(&forged_records, "\"digest\"", "\"", "\"0"),
        ),
    ];
    for (what, bytes) in forged {
        let (_, whole) = read(bytes.as_bytes(), false);
        let (_, pieces) = read(bytes.as_bytes(), true);
        let problems = whole.clone().expect_err(what);
        assert!(!problems.is_empty(), "{what}");
        assert_eq!(pieces, whole, "{what}");
    }
}
