//! A strict JSON parser front for untrusted bundles: builds a `serde_json::Value` while refusing
//! nesting deeper than the limit and recording every object member name that appears twice in the
//! same object (which plain parsers silently collapse to the last one), with its JSON path.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use pieces::Cut;
pub use pieces::PiecewiseParse;

mod pieces;

/// serde_json stops at 128 levels on its own; our limit must stay below it to be the one reported.
pub const PARSER_DEPTH_CEILING: usize = 120;

/// The length of the path of a bundle's records (`$.content.assessments[3]`, `$.content.units.x`):
/// a large file's read plans the containers above them and handles the records a few at a time
/// (see [`PiecewiseParse`], and the reader's digest and walk).
pub const RECORD_DEPTH: usize = 3;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// The value at `steps` below `root`.
pub fn value_at<'v>(root: &'v Value, steps: &[PathStep]) -> Option<&'v Value> {
    steps.iter().try_fold(root, |value, step| match step {
        PathStep::Key(name) => value.get(name),
        PathStep::Index(position) => value.get(position),
    })
}

/// The value at `steps` below `root`, to change.
pub fn value_at_mut<'v>(root: &'v mut Value, steps: &[PathStep]) -> Option<&'v mut Value> {
    steps.iter().try_fold(root, |value, step| match step {
        PathStep::Key(name) => value.get_mut(name),
        PathStep::Index(position) => value.get_mut(position),
    })
}

/// Formats a JSON path: `$`, `$.content.units`, `$.content.assessments[3]`, `$["odd key"]`.
pub fn format_path(steps: &[PathStep]) -> String {
    let mut path = String::from("$");
    for step in steps {
        push_step(&mut path, step);
    }
    path
}

/// Appends one step to a formatted path.
pub fn push_step(path: &mut String, step: &PathStep) {
    match step {
        PathStep::Index(index) => push_index(path, *index),
        PathStep::Key(key) => push_key(path, key),
    }
}

/// Appends an object member's name to a formatted path: `.name`, or `["odd name"]`.
pub fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-'))
        && !key.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&serde_json::Value::String(key.to_string()).to_string());
        path.push(']');
    }
}

/// Appends an array position to a formatted path: `[3]`.
pub fn push_index(path: &mut String, position: usize) {
    path.push('[');
    path.push_str(itoa::Buffer::new().format(position));
    path.push(']');
}

/// Appends a member name to a formatted path.
pub fn child(path: &str, key: &str) -> String {
    let mut extended = path.to_string();
    push_key(&mut extended, key);
    extended
}

/// Appends an array index to a formatted path.
pub fn index(path: &str, position: usize) -> String {
    format!("{path}[{position}]")
}

/// How parsing failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseFailure {
    /// Nesting deeper than the limit.
    TooDeep,
    /// The text ends in the middle of a value.
    Truncated {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Any other syntax error.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        detail: String,
    },
}

/// The parsed value and the duplicate member names found (path of the object, name).
#[derive(Debug)]
pub struct Parsed {
    /// The value (for a duplicate name, the last member wins).
    pub value: Value,
    /// Every duplicate: the path of the repeated member.
    pub duplicates: Vec<(String, String)>,
}

struct Context<'p> {
    max_depth: usize,
    too_deep: RefCell<bool>,
    /// When the parse leaves the values below the records' depth as raw text (see [`pieces`]).
    cut: Option<RefCell<Cut<'p>>>,
    /// Every duplicate found so far: the steps of its path, innermost first (each enclosing
    /// object or array adds its own step on the way back up, so no path is kept for the members
    /// that are not repeated), and the repeated name.
    duplicates: RefCell<Vec<(Vec<PathStep>, String)>>,
}

impl<'p> Context<'p> {
    fn new(max_depth: usize, cut: bool) -> Context<'p> {
        Context {
            max_depth: max_depth.min(PARSER_DEPTH_CEILING),
            too_deep: RefCell::new(false),
            cut: cut.then(|| RefCell::new(Cut::default())),
            duplicates: RefCell::new(Vec::new()),
        }
    }

    /// The duplicates found, each with its formatted path.
    fn into_duplicates(self) -> Vec<(String, String)> {
        self.duplicates
            .into_inner()
            .into_iter()
            .map(|(mut steps, name)| {
                steps.reverse();
                (format_path(&steps), name)
            })
            .collect()
    }

    /// The parse's cut, when a container at `depth` is one whose members are left as raw text.
    fn cut_at(&self, depth: usize) -> Option<&RefCell<Cut<'p>>> {
        self.cut.as_ref().filter(|_| depth == pieces::CUT_DEPTH)
    }

    /// Runs `inside` with `step` added to the path of the containers above the cut.
    fn within<T>(
        &self,
        depth: usize,
        step: impl Fn() -> PathStep,
        inside: impl FnOnce() -> T,
    ) -> T {
        match self.cut.as_ref().filter(|_| depth < pieces::CUT_DEPTH) {
            Some(cut) => {
                cut.borrow_mut().steps.push(step());
                let result = inside();
                cut.borrow_mut().steps.pop();
                result
            }
            None => inside(),
        }
    }

    /// The number of duplicates found so far.
    fn found(&self) -> usize {
        self.duplicates.borrow().len()
    }

    /// Adds `step` to the paths of the duplicates found since `mark` (inside the value at
    /// `step`).
    fn prefix_since(&self, mark: usize, step: impl Fn() -> PathStep) {
        let mut duplicates = self.duplicates.borrow_mut();
        for (steps, _) in duplicates.iter_mut().skip(mark) {
            steps.push(step());
        }
    }
}

struct ValueSeed<'a, 'p> {
    context: &'a Context<'p>,
    depth: usize,
}

/// Parses JSON text with a nesting limit (capped at [`PARSER_DEPTH_CEILING`]).
pub fn parse(text: &str, max_depth: usize) -> Result<Parsed, ParseFailure> {
    let context = Context::new(max_depth, false);
    let result = run(text, &context);
    match result {
        Ok(value) => Ok(Parsed {
            value,
            duplicates: context.into_duplicates(),
        }),
        Err(error) => Err(failure(&context, error)),
    }
}

/// Parses `text` in `context`.
fn run<'p>(text: &'p str, context: &Context<'p>) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    ValueSeed { context, depth: 0 }
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
}

/// How a parse in `context` failed with `error`.
fn failure(context: &Context<'_>, error: serde_json::Error) -> ParseFailure {
    match error {
        _ if *context.too_deep.borrow() => ParseFailure::TooDeep,
        error if error.is_eof() => ParseFailure::Truncated {
            line: error.line(),
            column: error.column(),
        },
        error => ParseFailure::Syntax {
            line: error.line(),
            column: error.column(),
            detail: error.to_string(),
        },
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, 'de> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl ValueSeed<'_, '_> {
    fn deeper<E: serde::de::Error>(&self) -> Result<usize, E> {
        let depth = self.depth + 1;
        if depth > self.context.max_depth {
            *self.context.too_deep.borrow_mut() = true;
            return Err(E::custom("nesting too deep"));
        }
        Ok(depth)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, 'de> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_string()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let depth = self.deeper()?;
        if let Some(cut) = self.context.cut_at(depth) {
            while let Some(raw) = access.next_element::<&'de RawValue>()? {
                cut.borrow_mut().leave(None, raw.get());
            }
            return Ok(Value::Array(Vec::new()));
        }
        let mut items = Vec::new();
        loop {
            let mark = self.context.found();
            let position = items.len();
            let next = self.context.within(
                depth,
                || PathStep::Index(position),
                || {
                    access.next_element_seed(ValueSeed {
                        context: self.context,
                        depth,
                    })
                },
            )?;
            self.context
                .prefix_since(mark, || PathStep::Index(position));
            match next {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let depth = self.deeper()?;
        if let Some(cut) = self.context.cut_at(depth) {
            while let Some(name) = access.next_key::<String>()? {
                let raw = access.next_value::<&'de RawValue>()?;
                cut.borrow_mut().leave(Some(name), raw.get());
            }
            return Ok(Value::Object(Map::new()));
        }
        let mut members = Map::new();
        while let Some(name) = access.next_key::<String>()? {
            let mark = self.context.found();
            if members.contains_key(&name) {
                self.context
                    .duplicates
                    .borrow_mut()
                    .push((Vec::new(), name.clone()));
            }
            let member = self.context.within(
                depth,
                || PathStep::Key(name.clone()),
                || {
                    access.next_value_seed(ValueSeed {
                        context: self.context,
                        depth,
                    })
                },
            )?;
            self.context
                .prefix_since(mark, || PathStep::Key(name.clone()));
            members.insert(name, member);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ordinary_json() {
        let parsed = parse(r#"{"a":[1,2.5,-3,"x",null,true]}"#, 8).unwrap();
        assert_eq!(
            parsed.value,
            serde_json::json!({"a":[1,2.5,-3,"x",null,true]})
        );
        assert!(parsed.duplicates.is_empty());
    }

    #[test]
    fn records_duplicate_names_with_their_path() {
        let parsed = parse(r#"{"a":{"b":1,"b":2},"c":[{"d":1,"d":2}]}"#, 8).unwrap();
        assert_eq!(
            parsed.duplicates,
            vec![
                ("$.a.b".to_string(), "b".to_string()),
                ("$.c[0].d".to_string(), "d".to_string())
            ]
        );
        assert_eq!(parsed.value["a"]["b"], 2);
    }

    #[test]
    fn names_duplicates_inside_duplicates_and_arrays_in_document_order() {
        let text = r#"{"a":[{"x":1},{"x":1,"x":{"y":1,"y":[{"z":1,"z":2}]}}],"a":0,"odd key":{"k":1,"k":2}}"#;
        let parsed = parse(text, 16).unwrap();
        assert_eq!(
            parsed.duplicates,
            vec![
                ("$.a[1].x".to_string(), "x".to_string()),
                ("$.a[1].x.y".to_string(), "y".to_string()),
                ("$.a[1].x.y[0].z".to_string(), "z".to_string()),
                ("$.a".to_string(), "a".to_string()),
                (r#"$["odd key"].k"#.to_string(), "k".to_string()),
            ]
        );
        assert_eq!(parsed.value["a"], 0);
    }

    #[test]
    fn refuses_deep_nesting() {
        let deep = format!("{}{}", "[".repeat(10), "]".repeat(10));
        assert!(parse(&deep, 10).is_ok());
        assert_eq!(parse(&deep, 9).err(), Some(ParseFailure::TooDeep));
        let very_deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&very_deep, 32).err(), Some(ParseFailure::TooDeep));
    }

    #[test]
    fn tells_truncation_from_other_syntax_errors() {
        assert!(matches!(
            parse(r#"{"a":[1,2"#, 8),
            Err(ParseFailure::Truncated { .. })
        ));
        assert!(matches!(
            parse(r#"{"a":}"#, 8),
            Err(ParseFailure::Syntax { .. })
        ));
        assert!(matches!(
            parse(r#"{"a":1} x"#, 8),
            Err(ParseFailure::Syntax { .. })
        ));
        assert!(matches!(parse("", 8), Err(ParseFailure::Truncated { .. })));
    }

    #[test]
    fn formats_paths() {
        let steps = [
            PathStep::Key("content".to_string()),
            PathStep::Key("a b".to_string()),
            PathStep::Index(2),
        ];
        assert_eq!(format_path(&steps), r#"$.content["a b"][2]"#);
        assert_eq!(child("$", "C01"), "$.C01");
        assert_eq!(child("$", "0x"), r#"$["0x"]"#);
        assert_eq!(index("$.a", 4), "$.a[4]");
    }
}
