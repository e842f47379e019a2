//! A bundle's digest computed piece by piece: the same SHA-256 of the same canonical text as
//! [`super::canonical::bundle_digest`], but written and hashed a budget of text at a time, so
//! that a page can paint between the pieces of a large file (a province's bundle of 15 MB takes a
//! quarter of a second to write and hash in the browser) and the text is never held whole.
//!
//! The text is planned first: the punctuation and member names of the containers near the root,
//! and the values below them, each written whole when its turn comes. The plan holds paths, not
//! references, so it lives beside the value it describes.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::canonical::{lower_hex, ordered_members, write_string, write_value};
use super::json::{PathStep, RECORD_DEPTH, value_at};

/// One piece of the canonical text.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// Punctuation and member names, written as they are.
    Text(String),
    /// The value at this path, written whole.
    Value(Vec<PathStep>),
}

/// The digest of one bundle value, computed a piece at a time by [`PiecewiseDigest::step`].
#[derive(Debug, Clone)]
pub struct PiecewiseDigest {
    plan: Vec<Piece>,
    next: usize,
    hasher: Sha256,
    buffer: String,
}

impl PiecewiseDigest {
    /// Plans the digest of `bundle` (its canonical form without its `integrity` member).
    pub fn new(bundle: &Value) -> PiecewiseDigest {
        let mut planner = Planner::default();
        planner.value(bundle, &mut Vec::new(), Some("integrity"));
        PiecewiseDigest {
            plan: planner.pieces,
            next: 0,
            hasher: Sha256::new(),
            buffer: String::new(),
        }
    }

    /// Writes and hashes the next pieces of `bundle` (the value given to [`Self::new`]), about
    /// `budget` bytes of text; false once the whole text is hashed.
    pub fn step(&mut self, bundle: &Value, budget: usize) -> bool {
        while self.next < self.plan.len() && self.buffer.len() < budget {
            match &self.plan[self.next] {
                Piece::Text(text) => self.buffer.push_str(text),
                Piece::Value(path) => {
                    if let Some(value) = value_at(bundle, path) {
                        write_value(&mut self.buffer, value, None, 0);
                    }
                }
            }
            self.next += 1;
        }
        self.hasher.update(self.buffer.as_bytes());
        self.buffer.clear();
        self.next < self.plan.len()
    }

    /// The lowercase hex digest, once every piece is hashed (the pieces left are written first).
    pub fn finish(mut self, bundle: &Value) -> String {
        while self.step(bundle, usize::MAX) {}
        lower_hex(&self.hasher.finalize())
    }
}

#[derive(Default)]
struct Planner {
    pieces: Vec<Piece>,
}

impl Planner {
    /// Adds text to the plan, joined to the text before it.
    fn text(&mut self, text: &str) {
        match self.pieces.last_mut() {
            Some(Piece::Text(last)) => last.push_str(text),
            _ => self.pieces.push(Piece::Text(text.to_string())),
        }
    }

    fn value(&mut self, value: &Value, path: &mut Vec<PathStep>, skip: Option<&str>) {
        match value {
            Value::Array(items) if path.len() < RECORD_DEPTH && !items.is_empty() => {
                self.text("[");
                for (position, item) in items.iter().enumerate() {
                    if position > 0 {
                        self.text(",");
                    }
                    path.push(PathStep::Index(position));
                    self.value(item, path, None);
                    path.pop();
                }
                self.text("]");
            }
            Value::Object(members) if path.len() < RECORD_DEPTH || skip.is_some() => {
                self.text("{");
                for (position, (name, member)) in
                    ordered_members(members, skip).into_iter().enumerate()
                {
                    let mut label = String::new();
                    if position > 0 {
                        label.push(',');
                    }
                    write_string(&mut label, name);
                    label.push(':');
                    self.text(&label);
                    path.push(PathStep::Key(name.clone()));
                    self.value(member, path, None);
                    path.pop();
                }
                self.text("}");
            }
            _ => self.pieces.push(Piece::Value(path.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::canonical::{bundle_digest, digested_form};

    fn stepped(value: &Value, budget: usize) -> (usize, String) {
        let mut digest = PiecewiseDigest::new(value);
        let mut steps = 1;
        while digest.step(value, budget) {
            steps += 1;
        }
        (steps, digest.finish(value))
    }

    #[test]
    fn the_pieces_hash_to_the_digest_of_the_whole_text() {
        let fixture = crate::fixtures::every_ward_assessed(7, 12).unwrap();
        let text = crate::fixtures::province_bundle(&fixture).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let whole = bundle_digest(&value);
        for budget in [1, 100, 4096, usize::MAX] {
            assert_eq!(stepped(&value, budget).1, whole, "budget {budget}");
        }
        // A small budget takes many steps; a large one takes one.
        assert!(stepped(&value, 100).0 > 10);
        assert_eq!(stepped(&value, usize::MAX).0, 1);
        // `finish` writes what is left.
        assert_eq!(PiecewiseDigest::new(&value).finish(&value), whole);
    }

    #[test]
    fn the_plan_writes_the_canonical_text() {
        let value: Value = serde_json::from_str(
            r#"{"integrity":{"digest":"x"},"b":[],"a":{"z":[1,{"q":2,"p":[3]}],"y":{}},
                "\ue000":1,"😀":2,"c":[[1,[2]],"s"]}"#,
        )
        .unwrap();
        let planner = {
            let mut planner = Planner::default();
            planner.value(&value, &mut Vec::new(), Some("integrity"));
            planner
        };
        let mut text = String::new();
        for piece in &planner.pieces {
            match piece {
                Piece::Text(part) => text.push_str(part),
                Piece::Value(path) => {
                    write_value(&mut text, value_at(&value, path).unwrap(), None, 0)
                }
            }
        }
        assert_eq!(text, digested_form(&value));
        assert!(!text.contains("integrity"));
        // Values deeper than the planned depth are single pieces.
        assert!(planner.pieces.contains(&Piece::Value(vec![
            PathStep::Key("a".into()),
            PathStep::Key("z".into()),
            PathStep::Index(1),
        ])));
        // A value that is not an object is digested as it is.
        let scalar = Value::from(3);
        assert_eq!(stepped(&scalar, 1).1, bundle_digest(&scalar));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_json_value_digests_the_same_in_pieces(
            text in proptest::string::string_regex(
                r#"\{("[a-z\u{e000}😀]{0,3}":(\[[0-9,]{0,5}\]|\{"[a-c]":\[1,\{"d":2\}\]\}|"x"|1),){0,6}"e":0\}"#
            ).unwrap(),
            budget in 1usize..64,
        ) {
            // Texts the pattern makes that are not JSON (a stray comma) are skipped.
            if let Ok(value) = serde_json::from_str::<Value>(&text) {
                proptest::prop_assert_eq!(stepped(&value, budget).1, bundle_digest(&value));
            }
        }
    }
}
