//! Build script of the launcher: embeds the built app (the folder `trunk build --release`
//! wrote, without precompressed copies) in the program.
//!
//! `scripts/release.sh` sets `PKM_LAUNCHER_DIST` to that folder. Without it (lints, unit tests)
//! a one-page placeholder is embedded instead, and the program says it carries no app. The
//! generated `site.rs` lists every file in sorted order with `include_bytes!`, so the same
//! folder gives the same program, and cargo rebuilds when any file of the folder changes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The placeholder page of a build without the app: the same Content-Security-Policy meta
/// element as the real `index.html`, so the headers can be tested without a release build.
const PLACEHOLDER: &str = r#"<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'" />
    <title>Phường Kiểu Mẫu</title>
  </head>
  <body>
    <p>Bản dựng này không mang ứng dụng: hãy tạo bản phát hành bằng scripts/release.sh.</p>
    <p>This build carries no app: make a release with scripts/release.sh.</p>
  </body>
</html>
"#;

fn main() {
    println!("cargo:rerun-if-env-changed=PKM_LAUNCHER_DIST");
    println!("cargo:rerun-if-env-changed=PKM_VERSION");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (root, carries_app) = match std::env::var_os("PKM_LAUNCHER_DIST") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(
                dir.join("index.html").is_file(),
                "PKM_LAUNCHER_DIST={} holds no index.html",
                dir.display()
            );
            (dir, true)
        }
        None => {
            let dir = out.join("placeholder");
            std::fs::create_dir_all(&dir).expect("the placeholder folder can be created");
            std::fs::write(dir.join("index.html"), PLACEHOLDER).expect("the placeholder");
            (dir, false)
        }
    };
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut code =
        String::from("/// Every file of the app, by path below the site's root, sorted.\n");
    code.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for relative in &files {
        let absolute = root.join(relative);
        writeln!(
            code,
            "    ({relative:?}, include_bytes!({:?})),",
            absolute.display().to_string()
        )
        .expect("writing to a String");
    }
    code.push_str("];\n");
    writeln!(
        code,
        "/// Whether this program carries the app (`false`: the placeholder page).\npub const CARRIES_APP: bool = {carries_app};"
    )
    .expect("writing to a String");
    std::fs::write(out.join("site.rs"), code).expect("site.rs can be written");
}

/// Every file below `dir`, as paths relative to `root` with `/` between folders. Precompressed
/// copies (`.br`, `.gz`) are left out: on loopback the launcher sends files as they are.
fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("the app's folder is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if !path
            .extension()
            .is_some_and(|extension| extension == "br" || extension == "gz")
        {
            let relative = path.strip_prefix(root).expect("below the root");
            let parts: Vec<String> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(parts.join("/"));
        }
    }
}
