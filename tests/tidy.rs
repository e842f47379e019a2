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
