//! The release served as docs/deploy.md says: Debian's nginx with the shipped
//! `deploy/phuong-kieu-mau.conf` (and the brotli_static module of
//! libnginx-mod-http-brotli-static). Checks each header the guide names, then runs the app in
//! Chromium through it, and offline once nginx is stopped.

use pkm_e2e::browser::Browser;
use pkm_e2e::http::fetch;
use pkm_e2e::nginx::Nginx;
use pkm_e2e::{app, release_dir, ward};

use crate::{IMMUTABLE, assert_security_headers, hashed_css, main_wasm, meta_policy, site_file};

fn start_nginx() -> Nginx {
    let release = release_dir();
    Nginx::start(
        &release.join("site"),
        &release.join("deploy/phuong-kieu-mau.conf"),
    )
}

/// The example site the release ships, as the guide says to install it: `nginx -t` accepts it
/// (checked by `Nginx::start_example_site`), HTTPS serves the app with its headers, and plain
/// HTTP only sends people to HTTPS.
#[test]
fn the_shipped_example_site_passes_nginx_t_serves_https_and_redirects_http() {
    let release = release_dir();
    let nginx = Nginx::start_example_site(&release);
    let policy = meta_policy(&release);
    let index = nginx.fetch_tls("/phuong");
    assert_eq!(index.status, 200, "{:?}", index.headers);
    assert_eq!(index.header("Cache-Control"), Some("no-cache"));
    assert_security_headers(&index, &policy, "/phuong over HTTPS");
    assert_eq!(
        index.body,
        std::fs::read(site_file(&release, "/index.html")).unwrap(),
        "the shell over HTTPS"
    );
    let sw = nginx.fetch_tls("/sw.js");
    assert_eq!(sw.status, 200);
    assert_eq!(sw.header("Cache-Control"), Some("no-cache"));
    let plain = fetch(nginx.port(), "GET", "/phuong/khac-phuc", &[]).expect("plain HTTP");
    assert_eq!(plain.status, 301);
    assert_eq!(
        plain.header("Location"),
        Some("https://127.0.0.1/phuong/khac-phuc"),
        "to the same path over HTTPS"
    );
}

#[test]
fn nginx_with_the_shipped_rules_sends_the_headers_that_matter() {
    let release = release_dir();
    let nginx = start_nginx();
    let policy = meta_policy(&release);
    let get = |path: &str, headers: &[(&str, &str)]| {
        fetch(nginx.port(), "GET", path, headers)
            .unwrap_or_else(|error| panic!("GET {path} through nginx: {error}"))
    };
    let index = std::fs::read(site_file(&release, "/index.html")).unwrap();

    // The shell and the app's routes: index.html, revalidated on every load.
    for path in ["/", "/index.html", "/phuong/khac-phuc", "/tinh"] {
        let response = get(path, &[]);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.header("Content-Type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert_eq!(response.header("Cache-Control"), Some("no-cache"), "{path}");
        assert_security_headers(&response, &policy, path);
        assert_eq!(response.body, index, "{path} is the shell");
    }
    let sw = get("/sw.js", &[]);
    assert_eq!(sw.status, 200);
    assert!(
        sw.header("Content-Type")
            .is_some_and(|kind| kind.contains("javascript")),
        "{:?}",
        sw.header("Content-Type")
    );
    assert_eq!(sw.header("Cache-Control"), Some("no-cache"));
    assert_security_headers(&sw, &policy, "/sw.js");
    let manifest = get("/manifest.webmanifest", &[]);
    assert_eq!(
        manifest.header("Content-Type"),
        Some("application/manifest+json")
    );
    assert_eq!(manifest.header("Cache-Control"), Some("no-cache"));
    assert_security_headers(&manifest, &policy, "/manifest.webmanifest");

    // The main module: application/wasm, kept for a year, and its precompressed copies sent
    // as they are to browsers that accept them.
    let wasm = main_wasm(&release);
    let plain = get(&wasm, &[]);
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("Content-Type"), Some("application/wasm"));
    assert_eq!(plain.header("Cache-Control"), Some(IMMUTABLE));
    assert_eq!(plain.header("Content-Encoding"), None);
    assert_eq!(
        plain.body,
        std::fs::read(site_file(&release, &wasm)).unwrap()
    );
    assert_security_headers(&plain, &policy, &wasm);
    let brotli = get(&wasm, &[("Accept-Encoding", "gzip, deflate, br")]);
    assert_eq!(brotli.header("Content-Encoding"), Some("br"));
    assert_eq!(brotli.header("Content-Type"), Some("application/wasm"));
    assert_eq!(brotli.header("Cache-Control"), Some(IMMUTABLE));
    assert!(
        brotli
            .header("Vary")
            .is_some_and(|vary| vary.contains("Accept-Encoding")),
        "Vary: {:?}",
        brotli.header("Vary")
    );
    assert_eq!(
        brotli.body,
        std::fs::read(site_file(&release, &format!("{wasm}.br"))).unwrap()
    );
    assert!(brotli.body.len() * 2 < plain.body.len(), "brotli halves it");
    assert_security_headers(&brotli, &policy, &format!("{wasm} (br)"));
    let gzip = get(&wasm, &[("Accept-Encoding", "gzip")]);
    assert_eq!(gzip.header("Content-Encoding"), Some("gzip"));
    assert_eq!(
        gzip.body,
        std::fs::read(site_file(&release, &format!("{wasm}.gz"))).unwrap()
    );
    // The shell, compressed too, keeps its own rules.
    let shell = get("/", &[("Accept-Encoding", "br")]);
    assert_eq!(shell.header("Content-Encoding"), Some("br"));
    assert_eq!(shell.header("Cache-Control"), Some("no-cache"));
    assert_security_headers(&shell, &policy, "/ (br)");

    // The stylesheet named by its hash: kept for a year.
    let css_path = hashed_css(&release);
    let css = get(&css_path, &[]);
    assert_eq!(css.status, 200);
    assert!(
        css.header("Content-Type")
            .is_some_and(|kind| kind.starts_with("text/css")),
        "{:?}",
        css.header("Content-Type")
    );
    assert_eq!(css.header("Cache-Control"), Some(IMMUTABLE));
    assert_security_headers(&css, &policy, &css_path);

    // A module that is not there is an error, not the shell.
    let missing = get("/pkg/0000000000000000/nothing.wasm", &[]);
    assert_eq!(missing.status, 404);
    assert_security_headers(&missing, &policy, "a missing module");
    assert!(
        !nginx.error_log().contains("[emerg]"),
        "{}",
        nginx.error_log()
    );
}

#[test]
fn the_app_works_through_nginx_and_then_with_nginx_stopped() {
    let release = release_dir();
    let mut nginx = start_nginx();
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&nginx.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, true).unwrap();
    ward::set_status(s, "C02", "met").unwrap();
    ward::type_note(s, "C02", "Phục vụ qua nginx").unwrap();
    ward::wait_all_saved(s).unwrap();

    // Chromium received the main module brotli-compressed: its transfer is the .br copy's size.
    let wasm = main_wasm(&release);
    let sizes = s
        .execute(
            "return performance.getEntriesByType('resource')
               .filter(e => e.name.endsWith(arguments[0]))
               .map(e => [e.encodedBodySize, e.decodedBodySize]);",
            vec![serde_json::Value::String(wasm.clone())],
        )
        .unwrap();
    let br_size = std::fs::metadata(site_file(&release, &format!("{wasm}.br")))
        .unwrap()
        .len();
    let wasm_size = std::fs::metadata(site_file(&release, &wasm)).unwrap().len();
    assert!(
        sizes
            .as_array()
            .into_iter()
            .flatten()
            .any(|pair| pair[0].as_u64() == Some(br_size) && pair[1].as_u64() == Some(wasm_size)),
        "the main module came as its .br copy ({br_size} of {wasm_size} bytes): {sizes}"
    );

    s.refresh().unwrap();
    s.wait_for_attribute("[data-testid=criterion-C02]", "data-status", "met")
        .unwrap();
    assert_eq!(
        app::input_value(s, "note-C02").unwrap(),
        "Phục vụ qua nginx"
    );
    let reports: Vec<String> = s
        .browser_log()
        .unwrap()
        .iter()
        .filter_map(|entry| entry["message"].as_str().map(str::to_owned))
        .filter(|message| message.contains("Content Security Policy"))
        .collect();
    assert!(
        reports.is_empty(),
        "the header and the meta policy let the app run: {reports:#?}"
    );

    // With nginx stopped, the service worker opens the app and its data.
    app::wait_until_offline_ready(s).unwrap();
    nginx.stop();
    s.refresh().unwrap();
    s.wait_for_attribute("[data-testid=criterion-C02]", "data-status", "met")
        .unwrap();
    assert_eq!(
        app::input_value(s, "note-C02").unwrap(),
        "Phục vụ qua nginx"
    );
}
