//! The end-to-end harness: a static server for the release build (`dist/`), a minimal WebDriver
//! client, and the browsers' processes (Chromium through ChromeDriver, Firefox ESR through
//! geckodriver), so tests can drive the real app in Debian's browsers the way a person would;
//! and, for the release archive (`scripts/release.sh`), Debian's nginx with the shipped
//! configuration.
//!
//! Everything is plain `std` (blocking HTTP/1.1 on loopback), so the tests need no async runtime.

pub mod app;
pub mod axe;
pub mod browser;
pub mod corpus;
pub mod http;
pub mod netlog;
pub mod nginx;
pub mod office;
pub mod processes;
pub mod server;
pub mod store_dump;
pub mod ward;
pub mod webdriver;

use std::path::PathBuf;

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists")
}

/// The release build the tests serve: `$PKM_DIST` or `<root>/dist`.
///
/// Panics with a clear message when it is missing: run `scripts/test.sh`, which builds it.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("PKM_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    assert!(
        dir.join("index.html").is_file() && dir.join("sw.js").is_file(),
        "no release build at {}: run scripts/test.sh (it builds with `trunk build --release`)",
        dir.display()
    );
    dir
}

/// Where tests write screenshots and other artefacts: `<root>/target/e2e`.
pub fn artefact_dir() -> PathBuf {
    let dir = workspace_root().join("target/e2e");
    std::fs::create_dir_all(&dir).expect("target/e2e can be created");
    dir
}

/// The unpacked release archive the release tests serve: `$PKM_RELEASE`, the folder holding
/// `VERSION`, `site/`, `deploy/` and `launcher/`.
///
/// Panics with a clear message when it is not set: run `scripts/test-release.sh`, which builds
/// the archive (twice), unpacks it and sets it.
pub fn release_dir() -> PathBuf {
    let dir = std::env::var_os("PKM_RELEASE").map(PathBuf::from).expect(
        "PKM_RELEASE is not set: run scripts/test-release.sh (it builds and unpacks the release)",
    );
    assert!(
        dir.join("VERSION").is_file() && dir.join("site/index.html").is_file(),
        "no unpacked release at {}: run scripts/test-release.sh",
        dir.display()
    );
    dir
}

/// A free port of `127.0.0.1` (free when asked; a server started right after gets it).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a loopback port is free")
}
