//! Tidy checks over the source tree: every Rust file opens with a `//!` doc saying what it
//! owns, the pure core never names a browser crate, nothing outside `ui` names `ui`, the app
//! pins no key by itself, and the deploy guide quotes the nginx rules the release ships.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn workspace_files(folders: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for folder in folders {
        rust_files(&root.join(folder), &mut files);
    }
    assert!(!files.is_empty(), "the tree was found");
    files
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let missing: Vec<_> = workspace_files(&["src", "crates", "tests"])
        .into_iter()
        .filter(|file| {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .collect();
    assert!(missing.is_empty(), "files without a //! doc: {missing:#?}");
}

#[test]
fn the_core_names_no_browser_crate() {
    const BROWSER: [&str; 6] = [
        "leptos",
        "web_sys",
        "js_sys",
        "wasm_bindgen",
        "gloo",
        "indexed_db_futures",
    ];
    for file in workspace_files(&["crates/pkm-core/src"]) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for name in BROWSER {
            assert!(
                !text.contains(&format!("{name}::")) && !text.contains(&format!("use {name}")),
                "{} names {name}",
                file.display()
            );
        }
    }
}

#[test]
fn nothing_outside_the_components_names_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in workspace_files(&["src"]) {
        let relative = file.strip_prefix(&root).unwrap_or(&file);
        // The components themselves, and the crate root that re-exports `App` to `main`.
        if relative.starts_with("ui")
            || relative == Path::new("ui.rs")
            || relative == Path::new("lib.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            !text.contains("crate::ui") && !text.contains("use ui::"),
            "{} names the components (ui), which nothing may depend on",
            file.display()
        );
    }
}

/// "No key is pinned silently" (ARCHITECTURE.md): the app never pins or revokes a key itself.
/// Keys are pinned by the core's import, for a key a person confirmed on the import screen (a
/// `TrustPolicy`), or come pinned in a trusted config or province file; a revocation is a
/// person's act on the keys screen. Only the state module of that screen may call the core's
/// `pin_key` or `revoke_key`.
#[test]
fn the_app_pins_no_key_by_itself() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed = [Path::new("state/province/keys.rs")];
    for file in workspace_files(&["src"]) {
        let relative = file.strip_prefix(&root).unwrap_or(&file);
        if allowed.contains(&relative) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for call in [".pin_key(", ".revoke_key("] {
            assert!(
                !text.contains(call),
                "{} calls {call}: keys are pinned only on a person's confirmation",
                file.display()
            );
        }
    }
}

/// docs/deploy.md quotes the nginx rules that scripts/release.sh ships (with their placeholders)
/// in full: the guide the IT staff read is the configuration scripts/test-release.sh tests.
#[test]
fn the_deploy_guide_quotes_the_shipped_nginx_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("docs/deploy.md")).expect("docs/deploy.md");
    let rules =
        std::fs::read_to_string(root.join("deploy/phuong-kieu-mau.conf")).expect("the rules");
    assert!(
        guide.contains(&format!("```nginx\n{rules}```\n")),
        "docs/deploy.md does not quote deploy/phuong-kieu-mau.conf as it is: copy it again"
    );
}

/// "`ui` calls `state` and the core's pure functions, never `storage` directly"
/// (ARCHITECTURE.md, Boundaries): no component names the storage module, its paths or its
/// store names. The error storage reports reaches the UI as `state::StorageError`.
#[test]
fn ui_never_names_storage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = workspace_files(&["src/ui"]);
    files.push(root.join("src/ui.rs"));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for name in ["storage::", "use crate::storage", "StoreName"] {
            assert!(
                !text.contains(name),
                "{} names `{name}`: the UI reaches storage only through `state`",
                file.display()
            );
        }
    }
}

/// The text of `file` before its test module (`#[cfg(test)]` at the start of a line: test
/// modules close our files, and their sample data may be Vietnamese).
fn product_text(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    match text.find("\n#[cfg(test)]") {
        Some(end) => text[..end].to_owned(),
        None => text,
    }
}

/// The string literals of `text` (normal and raw), with the line each starts on; comments and
/// character literals are skipped.
fn string_literals(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let (mut found, mut line, mut i) = (Vec::new(), 1, 0);
    while i < chars.len() {
        let c = chars[i];
        let previous_is_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '\n' {
            line += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        } else if c == '\'' {
            // A character literal ('"', '\'', 'x'), or a lifetime (skipped as one character).
            if chars.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 2;
            }
        } else if c == 'r' && !previous_is_word && matches!(chars.get(i + 1), Some('"' | '#')) {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) == Some(&'"') {
                let start = i + 2 + hashes;
                let closing: String = std::iter::once('"')
                    .chain((0..hashes).map(|_| '#'))
                    .collect();
                let rest: String = chars[start..].iter().collect();
                let length = rest.find(&closing).unwrap_or(rest.len());
                let literal: String = rest.chars().take(length).collect();
                let count = literal.chars().count();
                found.push((line, literal.clone()));
                line += literal.matches('\n').count();
                i = start + count + hashes + 1;
            }
        } else if c == '"' {
            let mut literal = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    literal.push(chars[i]);
                    i += 1;
                }
                if chars[i] == '\n' {
                    line += 1;
                }
                literal.push(chars[i]);
                i += 1;
            }
            found.push((line, literal));
        }
        i += 1;
    }
    found
}

/// "Everything shown to people goes through `i18n`" (ARCHITECTURE.md, Boundaries), checked two
/// ways over both workspaces' screens (`src/ui`) and the glue that writes texts people read
/// (`src/state`: audit summaries, errors): no component branches on the language itself, and no
/// string literal outside `src/i18n.rs` and `src/i18n/` holds a letter beyond ASCII (every
/// Vietnamese text has one). Test modules are not checked: their sample data is Vietnamese.
#[test]
fn no_text_for_people_lives_outside_i18n() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Files that must keep such literals, each with the reason.
    let allowed: [(&str, &str); 1] = [(
        "src/state/ward/slug.rs",
        "the slug table folds Vietnamese letters to ASCII ids (data, not text for people)",
    )];
    let mut files = workspace_files(&["src/ui", "src/state"]);
    files.push(root.join("src/ui.rs"));
    files.push(root.join("src/state.rs"));
    let mut found = Vec::new();
    for file in files {
        let relative = file.strip_prefix(root).unwrap_or(&file);
        let name = relative.to_string_lossy().replace('\\', "/");
        let text = product_text(&file);
        if name.starts_with("src/ui") {
            for (number, line) in text.lines().enumerate() {
                let arm = ["Lang::Vi", "Lang::En"].iter().any(|tag| {
                    line.contains(tag) && line[line.find(tag).unwrap_or(0)..].contains("=>")
                });
                let compared = line.contains("== Lang::") || line.contains("!= Lang::");
                if arm || compared {
                    found.push(format!(
                        "{name}:{}: branches on the language: {}",
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
        if allowed.iter().any(|(path, _)| *path == name) {
            continue;
        }
        for (line, literal) in string_literals(&text) {
            if literal.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
                found.push(format!("{name}:{line}: text outside i18n: {literal:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "move these into src/i18n:\n{}",
        found.join("\n")
    );
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "tidy/function_length.rs"]
mod function_length;

/// No function of the core, the command-line tool or the app is longer than about 100 lines
/// (`tests/tidy/function_length.rs` says how it measures, and which few may be longer and why).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn no_function_is_longer_than_a_hundred_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let long = function_length::long_functions(
        root,
        &["crates/pkm-core/src", "crates/pkm-cli/src", "src"],
    );
    assert!(long.is_empty(), "split these by what they do: {long:#?}");
}

/// The core ships no test-only code: its fixtures (generated provinces, hostile inputs) and test
/// keys exist only with its `test-support` feature, which the app and the command-line tool
/// never enable; tests, fuzz targets and the e2e crate do.
#[test]
fn the_core_ships_no_test_only_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gate = "#[cfg(any(test, feature = \"test-support\"))]";
    for (file, item) in [
        ("crates/pkm-core/src/lib.rs", "pub mod fixtures;"),
        (
            "crates/pkm-core/src/bundle/signature.rs",
            "pub fn for_tests(",
        ),
        (
            "crates/pkm-core/src/date.rs",
            "pub(crate) const fn literal(",
        ),
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let at = lines
            .iter()
            .position(|line| line.starts_with(item))
            .unwrap_or_else(|| panic!("{file} has no `{item}`"));
        assert_eq!(
            lines.get(at.wrapping_sub(1)).copied(),
            Some(gate),
            "{file}: `{item}` must be behind {gate}"
        );
    }
    // Any other public module or item of the core named for tests must be gated as well.
    for file in workspace_files(&["crates/pkm-core/src"]) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for (at, line) in lines.iter().enumerate() {
            let names_tests = line.starts_with("pub ")
                && (line.contains("for_tests")
                    || line.contains("fixture")
                    || line.contains("hostile"));
            let gated = at > 0 && lines[at - 1].contains("feature = \"test-support\"");
            let inside_fixtures = file.to_string_lossy().contains("fixtures");
            assert!(
                !names_tests || gated || inside_fixtures,
                "{}:{}: `{line}` is test-only code outside the test-support feature",
                file.display(),
                at + 1
            );
        }
    }
    // The product's own manifests never turn the feature on.
    for manifest in ["Cargo.toml", "crates/pkm-cli/Cargo.toml"] {
        let text = std::fs::read_to_string(root.join(manifest)).unwrap_or_default();
        let dependencies = text
            .split("\n[")
            .find(|section| section.starts_with("dependencies]"))
            .unwrap_or_else(|| panic!("{manifest} has a [dependencies] section"));
        assert!(
            !dependencies.contains("test-support"),
            "{manifest} enables test-support for the product"
        );
    }
}
