//! A first screen's modules are fetched beside the app shell, not after it (issue 28: on a poor
//! line they came in a wave of their own once the shell ran): the loader script of index.html
//! preloads, by the page's path, the modules of the split points that page needs first
//! (scripts/build-wasm.sh, `PKM_PRELOAD`). Checked as the browser does it, so that a renamed
//! module, a changed loader or a preload the loader does not take cannot pass unseen:
//! - what each page preloads is exactly the modules wasm-split's loader (`__wasm_split.js`, read
//!   here on its own) fetches for that page's split points, and each is a file of the build;
//! - each preloaded module is requested once from the server and appears once in the page's
//!   resource timing: the loader's own `fetch` took the preloaded response (a preload it does
//!   not take is fetched again, which the last test shows the same count catches).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Duration;

use pkm_e2e::app;
use pkm_e2e::browser::Browser;
use pkm_e2e::dist_dir;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;

/// Each page timed by the first-visit bench, the split points it needs before its first screen,
/// and the element that shows that screen usable.
const PAGES: [(&str, &[&str], &str); 3] = [
    (
        "/phuong",
        &["session", "ward_start"],
        "#first-province-name",
    ),
    (
        "/tinh/nhap",
        &["session", "province"],
        "[data-testid=import-files]",
    ),
    ("/", &["session"], "[data-testid=status-device] code"),
];

/// The build's module folder, `dist/pkg/<build id>/`.
fn pkg_dir(dist: &std::path::Path) -> PathBuf {
    std::fs::read_dir(dist.join("pkg"))
        .expect("dist/pkg")
        .next()
        .expect("one build folder in pkg/")
        .expect("a directory entry")
        .path()
}

/// What wasm-split's loader fetches for each split point and shared chunk: its own file and
/// the names of the loaders it runs first. Read from the generated `__wasm_split.js`, whose
/// loaders are `const __chunk_N = makeLoad(...)` or `export const __wasm_split_load_NAME =
/// wrapAsyncCb(makeLoad(...))`, each with one `fetch(new URL("./FILE", ...))` and a closing
/// `, [__dep, ...]` line.
fn loader_modules(loader_js: &str) -> BTreeMap<String, (String, Vec<String>)> {
    let mut loaders = BTreeMap::new();
    let mut name = String::new();
    let mut file = String::new();
    for line in loader_js.lines() {
        if let Some(rest) = line.strip_prefix("const __") {
            if rest.contains("= makeLoad") {
                name = rest
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
            }
        } else if let Some(rest) = line.strip_prefix("export const __wasm_split_load_") {
            name = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned();
        } else if let Some(start) = line.find("fetch(new URL(\"./") {
            let rest = &line[start + "fetch(new URL(\"./".len()..];
            file = rest.split('"').next().unwrap_or_default().to_owned();
        } else if let Some(rest) = line.strip_prefix(", [") {
            let deps = rest
                .split(']')
                .next()
                .unwrap_or_default()
                .split(',')
                .map(|dep| dep.trim().trim_start_matches("__").to_owned())
                .filter(|dep| !dep.is_empty())
                .collect();
            loaders.insert(name.clone(), (file.clone(), deps));
        }
    }
    loaders
}

/// The files the loader fetches for `splits`: each split point's module and its chunks.
fn modules_of(
    loaders: &BTreeMap<String, (String, Vec<String>)>,
    splits: &[&str],
) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for split in splits {
        let (file, deps) = loaders
            .get(*split)
            .unwrap_or_else(|| panic!("__wasm_split.js loads no split point {split}"));
        files.insert(file.clone());
        for dep in deps {
            files.insert(loaders[dep].0.clone());
        }
    }
    files
}

/// The page's resource timing entries of `path` (same origin): one per fetch the browser made
/// or served from its HTTP cache, none for a fetch that took a preloaded response.
fn timing_entries(s: &Session, path: &str) -> u64 {
    s.execute(
        "return performance.getEntriesByName(new URL(arguments[0], location.href).href).length;",
        vec![path.into()],
    )
    .expect("the resource timing")
    .as_u64()
    .expect("a count")
}

#[test]
fn each_first_screen_fetches_its_modules_preloaded_and_once() {
    // A copy of the build without its service worker: its precache, which starts once the first
    // screen is usable, fetches every module again, which is not what is counted here.
    let dist = app::temp_folder("preload");
    app::copy_dir(&dist_dir(), &dist);
    std::fs::remove_file(dist.join("sw.js")).expect("the build has a service worker");
    let pkg = pkg_dir(&dist);
    let pkg_url = format!(
        "/pkg/{}/",
        pkg.file_name()
            .and_then(|n| n.to_str())
            .expect("a build id")
    );
    let loaders = loader_modules(
        &std::fs::read_to_string(pkg.join("__wasm_split.js")).expect("the split loader"),
    );
    for (path, splits, usable) in PAGES {
        // A server of its own per page, so its log is that first visit's requests only.
        let server = StaticServer::start(dist.clone());
        let browser = Browser::launch();
        let s = browser.session();
        s.goto(&server.url(path)).expect("the page");
        s.wait_for(usable).expect("the first screen");
        // What follows the first screen (the ward's screens' module) has come too.
        std::thread::sleep(Duration::from_secs(2));
        let preloaded = s
            .execute(
                "return [...document.querySelectorAll('link[rel=preload][data-pkm-first]')]\
                 .map((l) => new URL(l.href).pathname);",
                vec![],
            )
            .expect("the preload links");
        let preloaded: BTreeSet<String> = preloaded
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| p.as_str().expect("a path").to_owned())
            .collect();
        let expected: BTreeSet<String> = modules_of(&loaders, splits)
            .into_iter()
            .map(|file| format!("{pkg_url}{file}"))
            .collect();
        assert_eq!(
            preloaded, expected,
            "{path} preloads exactly the modules of {splits:?}"
        );
        let log = server.log();
        for module in &preloaded {
            let file = module.rsplit('/').next().expect("a file name");
            assert!(pkg.join(file).is_file(), "{module} is a file of the build");
            let requests = log
                .iter()
                .filter(|line| line.starts_with(&format!("GET {module} ")))
                .collect::<Vec<_>>();
            assert_eq!(
                requests,
                [&format!("GET {module} -> 200")],
                "{path}: {module} is requested once: {log:#?}"
            );
            assert_eq!(
                timing_entries(s, module),
                1,
                "{path}: the loader took the preloaded {module} instead of fetching it again"
            );
        }
        if path == "/phuong" {
            app::screenshot(s, "first-run-preloaded").expect("a screenshot");
        }
    }
}

/// The count the test above relies on can fail: a preload the page's `fetch` matches appears
/// once in the resource timing, one it does not match (no `crossorigin`, so another credentials
/// mode) twice, though the second comes from the HTTP cache.
#[test]
fn a_preload_the_fetch_does_not_take_counts_twice() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/")).expect("the start page");
    s.wait_for("[data-testid=status-device] code")
        .expect("the start page");
    let counts = s
        .execute_async(
            r#"
const done = arguments[arguments.length - 1];
const preload = (url, cors) => new Promise((loaded) => {
  const link = document.createElement('link');
  Object.assign(link, { rel: 'preload', as: 'fetch', href: url, onload: loaded, onerror: loaded });
  if (cors) link.crossOrigin = 'anonymous';
  document.head.append(link);
});
(async () => {
  const counts = [];
  for (const [query, cors] of [['taken', true], ['not-taken', false]]) {
    const url = new URL('/icons/icon-192.png?' + query, location.href).href;
    await preload(url, cors);
    await (await fetch(url)).arrayBuffer();
    counts.push(performance.getEntriesByName(url).length);
  }
  done(counts);
})();
"#,
            vec![],
        )
        .expect("the preloads and fetches");
    assert_eq!(counts, serde_json::json!([1, 2]));
}
