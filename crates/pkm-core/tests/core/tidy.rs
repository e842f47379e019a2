//! Tidy checks on the core's sources: every file opens with a `//!` doc saying what it owns, and
//! the library reaches for no clock, randomness, threads, filesystem, hashing collections or
//! browser crates (the compiler and clippy.toml enforce most of it; this keeps the rule visible).

use std::path::{Path, PathBuf};

fn rust_files(directory: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

fn sources(relative: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    rust_files(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative),
        &mut found,
    );
    found.sort();
    found
}

#[test]
fn every_file_starts_with_a_module_doc() {
    let mut files = sources("src");
    files.extend(sources("tests"));
    files.extend(sources("../pkm-cli/src"));
    files.extend(sources("../pkm-cli/tests"));
    assert!(files.len() > 20);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} does not start with a //! doc",
            file.display()
        );
    }
}

#[test]
fn the_library_stays_pure() {
    let forbidden = [
        "std::time",
        "SystemTime",
        "Instant::now",
        "std::fs",
        "std::thread",
        "std::net",
        "HashMap",
        "HashSet",
        "rand::",
        "leptos",
        "web_sys",
        "js_sys",
        "wasm_bindgen",
        "gloo",
        "indexed_db_futures",
    ];
    for file in sources("src") {
        let text = std::fs::read_to_string(&file).unwrap();
        for word in forbidden {
            assert!(!text.contains(word), "{} mentions {word}", file.display());
        }
    }
}
