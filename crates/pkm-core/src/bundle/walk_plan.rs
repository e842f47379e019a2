//! The walk over every value of a bundle cut into pieces, so that a large file's walk can run a
//! step at a time: the containers near the root are planned member by member, in the order the
//! walk visits them, and each value below them is one piece, walked whole when its turn comes.
//! The plan holds paths, not references, so it lives beside the value it describes.

use serde_json::Value;

use super::json::{PathStep, RECORD_DEPTH, push_index, push_key};

/// One piece of the walk.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum WalkPiece {
    /// A member's name, to check, at the member's formatted path.
    Name {
        /// The member's formatted path.
        path: String,
        /// Its name.
        name: String,
    },
    /// A value to walk whole.
    Value {
        /// Where it is.
        steps: Vec<PathStep>,
        /// The same, formatted.
        path: String,
        /// The name of the member it is the value of, if any.
        key: Option<String>,
    },
}

/// The pieces of the walk over a value, in the order the walk visits them.
pub(super) fn walk_plan(root: &Value) -> Vec<WalkPiece> {
    let mut pieces = Vec::new();
    plan(
        root,
        &mut Vec::new(),
        &mut String::from("$"),
        None,
        &mut pieces,
    );
    pieces
}

fn plan(
    value: &Value,
    steps: &mut Vec<PathStep>,
    path: &mut String,
    key: Option<&str>,
    pieces: &mut Vec<WalkPiece>,
) {
    match value {
        Value::Array(items) if steps.len() < RECORD_DEPTH => {
            for (position, item) in items.iter().enumerate() {
                let length = path.len();
                push_index(path, position);
                steps.push(PathStep::Index(position));
                plan(item, steps, path, None, pieces);
                steps.pop();
                path.truncate(length);
            }
        }
        Value::Object(members) if steps.len() < RECORD_DEPTH => {
            for (name, member) in members {
                let length = path.len();
                push_key(path, name);
                pieces.push(WalkPiece::Name {
                    path: path.clone(),
                    name: name.clone(),
                });
                steps.push(PathStep::Key(name.clone()));
                plan(member, steps, path, Some(name), pieces);
                steps.pop();
                path.truncate(length);
            }
        }
        _ => pieces.push(WalkPiece::Value {
            steps: steps.clone(),
            path: path.clone(),
            key: key.map(str::to_string),
        }),
    }
}
