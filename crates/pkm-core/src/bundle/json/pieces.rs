//! A large text parsed a piece at a time, so that a page can paint between the pieces (a
//! province's bundle of 15 MB takes over a tenth of a second to parse in the browser).
//!
//! A first pass checks the whole text's syntax and builds the containers down to the records'
//! depth, leaving each member of those containers (a record) as its raw text; it does a fifth of
//! the work of a whole parse. Each step then parses records worth about a budget of bytes into
//! their place. Wherever the first pass or a record finds anything wrong (a syntax error, a
//! repeated name, nesting too deep), the text is parsed whole instead, so the value, the failure
//! and the duplicates reported are always those of [`parse`].

use serde_json::Value;

use super::{Context, ParseFailure, Parsed, PathStep, RECORD_DEPTH, parse, run, value_at_mut};

/// The nesting depth of the containers whose members (the records) the first pass leaves as raw
/// text: the parser counts the root as depth 1, so a container at path length `RECORD_DEPTH - 1`
/// is at depth `RECORD_DEPTH`.
pub(super) const CUT_DEPTH: usize = RECORD_DEPTH;

/// What the first pass left as raw text, and the path to the container it is reading.
#[derive(Debug, Default)]
pub(super) struct Cut<'p> {
    /// The path of the container being read, above the cut.
    pub(super) steps: Vec<PathStep>,
    pieces: Vec<RawPiece<'p>>,
}

impl<'p> Cut<'p> {
    /// Leaves a member of the container being read as raw text: an array's element (`name` is
    /// `None`) or an object's member.
    pub(super) fn leave(&mut self, name: Option<String>, raw: &'p str) {
        self.pieces.push(RawPiece {
            container: self.steps.clone(),
            name,
            raw,
        });
    }
}

/// A member left as raw text.
#[derive(Debug)]
struct RawPiece<'p> {
    container: Vec<PathStep>,
    name: Option<String>,
    raw: &'p str,
}

/// A parse of one text, a piece at a time ([`PiecewiseParse::step`]).
#[derive(Debug)]
pub struct PiecewiseParse<'p> {
    text: &'p str,
    max_depth: usize,
    value: Value,
    duplicates: Vec<(String, String)>,
    pieces: Vec<RawPiece<'p>>,
    next: usize,
}

impl<'p> PiecewiseParse<'p> {
    /// Runs the first pass over `text` (or, where it finds anything wrong, the whole parse):
    /// the parse so far, or how the text fails to parse.
    pub fn start(text: &'p str, max_depth: usize) -> Result<PiecewiseParse<'p>, ParseFailure> {
        let context = Context::new(max_depth, true);
        match run(text, &context) {
            Ok(value) if context.found() == 0 => Ok(PiecewiseParse {
                text,
                max_depth,
                value,
                duplicates: Vec::new(),
                pieces: context
                    .cut
                    .map(|cut| cut.into_inner().pieces)
                    .unwrap_or_default(),
                next: 0,
            }),
            _ => PiecewiseParse::whole(text, max_depth),
        }
    }

    /// The text parsed whole, with nothing left to do.
    fn whole(text: &'p str, max_depth: usize) -> Result<PiecewiseParse<'p>, ParseFailure> {
        let parsed = parse(text, max_depth)?;
        Ok(PiecewiseParse {
            text,
            max_depth,
            value: parsed.value,
            duplicates: parsed.duplicates,
            pieces: Vec::new(),
            next: 0,
        })
    }

    /// Parses the next records, about `budget` bytes of text: whether any is left, or how the
    /// text fails to parse.
    pub fn step(&mut self, budget: usize) -> Result<bool, ParseFailure> {
        let mut done = 0;
        let depth_left = self.max_depth.saturating_sub(CUT_DEPTH);
        while done < budget {
            let Some(piece) = self.pieces.get(self.next) else {
                break;
            };
            if !place(&mut self.value, piece, depth_left) {
                *self = PiecewiseParse::whole(self.text, self.max_depth)?;
                break;
            }
            done += piece.raw.len();
            self.next += 1;
        }
        Ok(self.next < self.pieces.len())
    }

    /// Parses what is left: the value and the duplicate names, as [`parse`] gives them.
    pub fn finish(mut self) -> Result<Parsed, ParseFailure> {
        while self.step(usize::MAX)? {}
        Ok(Parsed {
            value: self.value,
            duplicates: self.duplicates,
        })
    }
}

/// Parses a record and puts it in its container: false when it has a problem (the whole parse
/// reports it) or its name is already in the container.
fn place(root: &mut Value, piece: &RawPiece<'_>, max_depth: usize) -> bool {
    let Ok(parsed) = parse(piece.raw, max_depth) else {
        return false;
    };
    if !parsed.duplicates.is_empty() {
        return false;
    }
    match (value_at_mut(root, &piece.container), &piece.name) {
        (Some(Value::Array(items)), None) => {
            items.push(parsed.value);
            true
        }
        (Some(Value::Object(members)), Some(name)) if !members.contains_key(name) => {
            members.insert(name.clone(), parsed.value);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses in pieces of `budget` bytes: the number of steps and the result.
    fn stepped(
        text: &str,
        max_depth: usize,
        budget: usize,
    ) -> (usize, Result<Parsed, ParseFailure>) {
        let mut parse = match PiecewiseParse::start(text, max_depth) {
            Ok(parse) => parse,
            Err(failure) => return (0, Err(failure)),
        };
        let mut steps = 1;
        loop {
            match parse.step(budget) {
                Ok(true) => steps += 1,
                Ok(false) => return (steps, parse.finish()),
                Err(failure) => return (steps, Err(failure)),
            }
        }
    }

    fn same(left: &Result<Parsed, ParseFailure>, right: &Result<Parsed, ParseFailure>) -> bool {
        match (left, right) {
            (Ok(left), Ok(right)) => {
                left.value == right.value && left.duplicates == right.duplicates
            }
            (Err(left), Err(right)) => left == right,
            _ => false,
        }
    }

    #[test]
    fn a_bundle_parses_in_pieces_to_the_same_value() {
        let fixture = crate::fixtures::every_ward_assessed(7, 12).unwrap();
        let text = &crate::fixtures::province_bundle(&fixture).unwrap();
        let whole = parse(text, 64);
        for budget in [1, 500, 10_000, usize::MAX] {
            let (steps, pieces) = stepped(text, 64, budget);
            assert!(same(&pieces, &whole), "budget {budget}");
            if budget == 1 {
                assert!(steps > 20, "{steps} steps");
            }
        }
    }

    #[test]
    fn anything_wrong_is_reported_as_the_whole_parse_reports_it() {
        let texts = [
            // Repeated names above, at and below the cut.
            r#"{"a":{"b":[1]},"a":{"b":[2]}}"#,
            r#"{"a":{"b":{"x":1,"x":2}}}"#,
            r#"{"a":{"b":[{"y":1,"y":2}],"c":{"z":[{"w":1,"w":2}]}}}"#,
            // Syntax errors and a truncated text, above and below the cut.
            r#"{"a":{"b":[1,2,]}}"#,
            r#"{"a":{"b":[{"c":tru}]}}"#,
            r#"{"a":{"b":[{"c":1}"#,
            r#"{"a":{"b":[]}} x"#,
            // Nesting, around the cut and the limit.
            r#"{"a":{"b":[[[[1]]]]}}"#,
            r#"{"a":{"b":[[1]]}}"#,
            "[[[[]]]]",
            // Values that are not containers where the cut would be.
            r#"{"a":{"b":1,"c":"s"},"d":[true,null,{"e":[]}]}"#,
            "3",
            "",
        ];
        for text in texts {
            for max_depth in [1, 2, 3, 4, 5, 8] {
                let whole = parse(text, max_depth);
                for budget in [1, usize::MAX] {
                    let (_, pieces) = stepped(text, max_depth, budget);
                    assert!(
                        same(&pieces, &whole),
                        "{text} at depth {max_depth}: {pieces:?} and {whole:?}"
                    );
                }
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_parses_in_pieces_as_it_parses_whole(
            text in proptest::string::string_regex(
                r#"\{("[a-c]":(\[[0-9,{}\[\]":a-c]{0,12}\]|\{"[a-c]":[\[\]{}0-9,":a-c]{0,12}\}|1),){0,4}"e":0\}"#
            ).unwrap(),
            max_depth in 1usize..8,
            budget in 1usize..40,
        ) {
            let whole = parse(&text, max_depth);
            let (_, pieces) = stepped(&text, max_depth, budget);
            proptest::prop_assert!(same(&pieces, &whole), "{:?} and {:?}", pieces, whole);
        }
    }
}
