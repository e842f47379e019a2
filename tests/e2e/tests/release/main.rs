//! End-to-end tests of the release archive (`scripts/release.sh`), unpacked at `$PKM_RELEASE`:
//! the site served by Debian's nginx with the shipped configuration (docs/deploy.md, section 2),
//! and the launcher for laptops that are never online (section 3). Run by
//! `scripts/test-release.sh`, which builds the archive, unpacks it and sets `PKM_RELEASE`.

mod launcher;
mod nginx;

use std::path::{Path, PathBuf};

use pkm_e2e::http::Response;

/// The Content-Security-Policy of the meta element of `site/index.html`.
pub fn meta_policy(release: &Path) -> String {
    let html = std::fs::read_to_string(release.join("site/index.html")).expect("index.html");
    let marker = r#"http-equiv="Content-Security-Policy" content=""#;
    let start = html.find(marker).expect("a CSP meta element") + marker.len();
    let end = start + html[start..].find('"').expect("the end of the policy");
    html[start..end].to_owned()
}

/// The app's main module, `site/pkg/<build id>/phuong-kieu-mau_bg.wasm`, as a URL path.
pub fn main_wasm(release: &Path) -> String {
    let pkg = release.join("site/pkg");
    let build = std::fs::read_dir(&pkg)
        .expect("site/pkg")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .next()
        .expect("one build folder");
    format!("/pkg/{build}/phuong-kieu-mau_bg.wasm")
}

/// The stylesheet Trunk named by its hash (`main-<hash>.css`), as a URL path.
pub fn hashed_css(release: &Path) -> String {
    std::fs::read_dir(release.join("site"))
        .expect("site/")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("main-") && name.ends_with(".css"))
        .map(|name| format!("/{name}"))
        .expect("a hashed main stylesheet")
}

/// The file of the site behind a URL path.
pub fn site_file(release: &Path, path: &str) -> PathBuf {
    release.join("site").join(path.trim_start_matches('/'))
}

/// Checks the headers every answer carries: the policy (the meta element's, with
/// frame-ancestors) and the other security headers.
pub fn assert_security_headers(response: &Response, policy: &str, what: &str) {
    let expected = format!("{policy}; frame-ancestors 'none'");
    assert_eq!(
        response.header("Content-Security-Policy"),
        Some(expected.as_str()),
        "{what}: the CSP header is the meta element's policy with frame-ancestors 'none'"
    );
    assert_eq!(
        response.header("X-Content-Type-Options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(response.header("X-Frame-Options"), Some("DENY"), "{what}");
    assert_eq!(
        response.header("Referrer-Policy"),
        Some("no-referrer"),
        "{what}"
    );
}

/// The cache policy of files named by their content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
