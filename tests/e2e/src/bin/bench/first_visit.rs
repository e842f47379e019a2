//! First visit on a slow network (issue 27 item 3, issue 28 item 1): two or more builds of the
//! app (the one cut into modules and the one module, `PKM_NO_SPLIT=1` in scripts/build-wasm.sh)
//! opened for the first time, each run in a fresh browser profile (empty HTTP cache, no service
//! worker), on an emulated slow link; the time from navigation start to the first usable screen
//! and the bytes fetched to get there.
//!
//! - The usable screen: on `/phuong`, the ward's first-run form with its first input
//!   (`#first-province-name`) present and enabled; on `/tinh/nhap`, the import screen's file
//!   input (`[data-testid=import-files]`) present and enabled. Timed in the page
//!   (`performance.now()`, whose origin is the navigation's start) by a mutation observer
//!   installed before any page script.
//! - The link: Chromium's network emulation (CDP `Network.emulateNetworkConditions`: throughput
//!   in bytes/s, latency in ms added to every request), which applies to the page's requests.
//!   The service worker, which precaches every file on install, fetches outside the page's
//!   emulation; the mode `link` shapes the link at the server instead (one link of the same
//!   throughput shared by every connection, the latency before every response), so the service
//!   worker's downloads compete with the page's as on a real line; `link-sw-later` is the same
//!   link with the service worker's registration held until the screen is usable (the page's
//!   `register` wrapped), to see what registering it later would change.
//! - The server: the build's files from memory, compressed with `brotli -q 11` (as the release
//!   serves them; `PKM_BENCH_ENCODING=gzip`: `gzip -9`), else `gzip -9`, when the browser
//!   accepts it (Chromium does), as any static host would; the shared harness server
//!   (`pkm_e2e::server`) serves them uncompressed. Both builds are served the same way.
//! - The bytes: the page's resource timing when the screen is usable (`transferSize`, compressed
//!   bytes plus headers, of the document and every file), and the bytes the server sent by then
//!   (the service worker's too).
//!
//! The builds are alternated within each run, the pages and profiles too, and each figure is
//! the median of the runs with its minimum and maximum.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pkm_e2e::browser::Browser;
use pkm_e2e::webdriver::Session;
use serde_json::{Value, json};

/// A network profile: download and upload throughput in kbit/s, round trip in ms.
struct Profile {
    name: &'static str,
    down_kbit: f64,
    up_kbit: f64,
    rtt_ms: f64,
}

/// The profiles of issue 28: "poor" (400 kbit/s, 400 ms) and about 3G (1.6 Mbit/s, 150 ms).
const PROFILES: [Profile; 2] = [
    Profile {
        name: "poor",
        down_kbit: 400.0,
        up_kbit: 400.0,
        rtt_ms: 400.0,
    },
    Profile {
        name: "3G-ish",
        down_kbit: 1600.0,
        up_kbit: 750.0,
        rtt_ms: 150.0,
    },
];

/// The pages timed: path, name, and the element that makes the screen usable once enabled.
const PAGES: [(&str, &str, &str); 2] = [
    ("/phuong", "ward", "#first-province-name"),
    ("/tinh/nhap", "province", "[data-testid=import-files]"),
];

/// Runs per build, page and profile, unless `PKM_BENCH_RUNS` says otherwise.
const RUNS: usize = 5;

/// Records, before any page script runs, when each usable element is first present and enabled.
const USABLE: &str = r#"
(() => {
  const wanted = __WANTED__;
  window.__pkmUsable = {};
  const look = () => {
    for (const [name, selector] of Object.entries(wanted)) {
      if (name in window.__pkmUsable) continue;
      const element = document.querySelector(selector);
      if (element && element.matches(':enabled')) window.__pkmUsable[name] = performance.now();
    }
  };
  new MutationObserver(look).observe(document, {
    childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'],
  });
  // The mode `link-sw-later`: the service worker registers once the screen is usable.
  if (__SW_LATER__) {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args) {
      return new Promise((resolve, reject) => {
        const wait = () => Object.keys(window.__pkmUsable).length
          ? register.apply(this, args).then(resolve, reject)
          : setTimeout(wait, 50);
        wait();
      });
    };
  }
})();
"#;

/// What the page fetched by now, from its resource timing.
const FETCHED: &str = r#"
const nav = performance.getEntriesByType('navigation')[0];
const files = performance.getEntriesByType('resource');
const all = [nav, ...files];
const sum = (key) => all.reduce((total, entry) => total + (entry[key] || 0), 0);
return {
  transfer: sum('transferSize'),
  encoded: sum('encodedBodySize'),
  decoded: sum('decodedBodySize'),
  files: files.map((e) => new URL(e.name).pathname.split('/').pop()),
};
"#;

/// `bench --first-visit <out> <label>=<dist> <label>=<dist> ...`: writes
/// `<out>/first-visit.json` and `<out>/first-visit.md`. `PKM_BENCH_RUNS` (5),
/// `PKM_BENCH_LINK` (`cdp`, `link`, `link-sw-later`, or several: `cdp,link`) and `PKM_BENCH_PROFILES` (`poor`,
/// `3G-ish`, or both, the default) change the runs, the link's emulation and the profiles.
pub fn main(args: &[String]) {
    let Some((out, builds)) = args.split_first() else {
        eprintln!("usage: bench --first-visit <out> <label>=<dist> [<label>=<dist> ...]");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).expect("the output folder can be created");
    let builds: Vec<(String, PathBuf)> = builds
        .iter()
        .map(|arg| {
            let (label, dist) = arg.split_once('=').expect("each build is <label>=<dist>");
            (label.to_owned(), PathBuf::from(dist))
        })
        .collect();
    let runs = std::env::var("PKM_BENCH_RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(RUNS);
    let modes: Vec<String> = std::env::var("PKM_BENCH_LINK")
        .unwrap_or_else(|_| "cdp".into())
        .split(',')
        .map(str::to_owned)
        .collect();
    let wanted_profiles = std::env::var("PKM_BENCH_PROFILES").ok();
    let profiles: Vec<&Profile> = PROFILES
        .iter()
        .filter(|profile| {
            wanted_profiles
                .as_deref()
                .is_none_or(|names| names.split(',').any(|name| name == profile.name))
        })
        .collect();
    let servers: Vec<SlowServer> = builds
        .iter()
        .map(|(label, dist)| {
            let server = SlowServer::start(dist);
            println!(
                "  {label}: {} files from {} ({} gzip-compressed)",
                server.shared.files.len(),
                dist.display(),
                server
                    .shared
                    .files
                    .values()
                    .filter(|f| f.gzip.is_some())
                    .count()
            );
            server
        })
        .collect();

    let mut results = Vec::new();
    for mode in &modes {
        for profile in profiles.iter().copied() {
            for (path, page, selector) in PAGES {
                let mut by_build: Vec<Vec<Value>> = vec![Vec::new(); builds.len()];
                for run in 0..runs {
                    // Alternate which build goes first, so a drift of the machine's load
                    // falls on both.
                    let mut order: Vec<usize> = (0..builds.len()).collect();
                    if run % 2 == 1 {
                        order.reverse();
                    }
                    for index in order {
                        let measure = visit(&servers[index], mode, profile, path, page, selector);
                        println!(
                            "  {mode} {} {path} {} run {}: {:.0} ms, {:.0} KB on the page, {:.0} KB from the server",
                            profile.name,
                            builds[index].0,
                            run + 1,
                            measure["usable_ms"].as_f64().unwrap_or(f64::NAN),
                            measure["page_transfer"].as_f64().unwrap_or(f64::NAN) / 1000.0,
                            measure["server_bytes"].as_f64().unwrap_or(f64::NAN) / 1000.0,
                        );
                        by_build[index].push(measure);
                    }
                }
                for (index, measures) in by_build.into_iter().enumerate() {
                    results.push(json!({
                        "mode": mode,
                        "profile": profile.name,
                        "down_kbit": profile.down_kbit,
                        "up_kbit": profile.up_kbit,
                        "rtt_ms": profile.rtt_ms,
                        "page": path,
                        "build": builds[index].0,
                        "usable_ms": spread(&measures, "usable_ms"),
                        "page_transfer": spread(&measures, "page_transfer"),
                        "server_bytes": spread(&measures, "server_bytes"),
                        "runs": measures,
                    }));
                }
            }
        }
    }
    let json_name = if modes.len() == 1 && profiles.len() == 1 {
        format!("first-visit-{}-{}", modes[0], profiles[0].name)
    } else {
        "first-visit".to_owned()
    };
    let results = json!({
        "builds": builds.iter().map(|(label, dist)| json!({ "label": label, "dist": dist })).collect::<Vec<_>>(),
        "runs": runs,
        "served": if gzip_only() { "gzip -9 when accepted (wasm, js, css, html, json, svg, webmanifest)" } else { "brotli -q 11 when accepted, else gzip -9 (wasm, js, css, html, json, svg, webmanifest)" },
        "results": results,
    });
    let json_path = out.join(format!("{json_name}.json"));
    std::fs::write(
        &json_path,
        serde_json::to_string_pretty(&results).expect("JSON"),
    )
    .expect("the results can be written");
    let table = table(&results);
    std::fs::write(out.join(format!("{json_name}.md")), &table).expect("the table can be written");
    println!("\n{table}");
    println!("Results: {}", json_path.display());
}

/// One first visit of `path` in a fresh browser: the usable time, the bytes, what was fetched.
fn visit(
    server: &SlowServer,
    mode: &str,
    profile: &Profile,
    path: &str,
    page: &str,
    selector: &str,
) -> Value {
    let browser = Browser::launch();
    let s = browser.session();
    s.set_timeouts(Duration::from_secs(300), Duration::from_secs(300))
        .expect("timeouts can be set");
    let wanted = json!({ page: selector }).to_string();
    s.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({
            "source": USABLE
                .replace("__WANTED__", &wanted)
                .replace("__SW_LATER__", &(mode == "link-sw-later").to_string())
        }),
    )
    .expect("the watcher is installed");
    let bytes_per_s = |kbit: f64| kbit * 1000.0 / 8.0;
    match mode {
        "cdp" => {
            s.cdp("Network.enable", json!({})).expect("Network.enable");
            s.cdp(
                "Network.emulateNetworkConditions",
                json!({
                    "offline": false,
                    "latency": profile.rtt_ms,
                    "downloadThroughput": bytes_per_s(profile.down_kbit),
                    "uploadThroughput": bytes_per_s(profile.up_kbit),
                }),
            )
            .expect("the network is emulated");
            server.set_link(None);
        }
        "link" | "link-sw-later" => server.set_link(Some(Link {
            bytes_per_s: bytes_per_s(profile.down_kbit),
            latency: Duration::from_secs_f64(profile.rtt_ms / 1000.0),
            free_at: Instant::now(),
        })),
        other => panic!("unknown PKM_BENCH_LINK mode {other}: cdp, link or link-sw-later"),
    }
    server.reset_log();
    s.goto(&server.url(path)).expect("the first visit");
    let usable = usable_at(s, page);
    let server_bytes = server.bytes_sent();
    let fetched = s.execute(FETCHED, vec![]).expect("the resource timing");
    let log = server.log();
    server.set_link(None);
    json!({
        "usable_ms": (usable * 10.0).round() / 10.0,
        "page_transfer": fetched["transfer"],
        "page_encoded": fetched["encoded"],
        "page_decoded": fetched["decoded"],
        "server_bytes": server_bytes,
        "files": fetched["files"],
        "server_log": log,
    })
}

/// Waits until the watcher saw `page` usable, and returns when (ms after navigation start).
fn usable_at(s: &Session, page: &str) -> f64 {
    s.wait_until(
        Duration::from_secs(300),
        &format!("{page} to be usable"),
        || {
            let value = s.execute(
                "return window.__pkmUsable ? window.__pkmUsable[arguments[0]] : undefined;",
                vec![page.into()],
            )?;
            Ok(value.as_f64())
        },
    )
    .expect("the page becomes usable")
}

/// Median, minimum and maximum of `key` over the runs.
fn spread(runs: &[Value], key: &str) -> Value {
    let mut values: Vec<f64> = runs.iter().filter_map(|run| run[key].as_f64()).collect();
    values.sort_by(f64::total_cmp);
    if values.is_empty() {
        return Value::Null;
    }
    json!({
        "median": values[values.len() / 2],
        "min": values[0],
        "max": values[values.len() - 1],
    })
}

/// The results as a Markdown table: one row per link, profile and page; per build the usable
/// time (median, min–max) and the page's bytes (median).
fn table(results: &Value) -> String {
    let labels: Vec<String> = results["builds"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|build| build["label"].as_str().map(str::to_owned))
        .collect();
    let mut text = String::from("| link | profile | page |");
    for label in &labels {
        text.push_str(&format!(" {label}: usable, ms | {label}: KB |"));
    }
    text.push('\n');
    text.push_str("|---|---|---|");
    for _ in &labels {
        text.push_str("---:|---:|");
    }
    text.push('\n');
    let rows = results["results"].as_array().cloned().unwrap_or_default();
    let mut keys: Vec<(String, String, String)> = Vec::new();
    for row in &rows {
        let key = (
            row["mode"].as_str().unwrap_or_default().to_owned(),
            row["profile"].as_str().unwrap_or_default().to_owned(),
            row["page"].as_str().unwrap_or_default().to_owned(),
        );
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    for (mode, profile, page) in keys {
        text.push_str(&format!("| {mode} | {profile} | `{page}` |"));
        for label in &labels {
            let row = rows.iter().find(|row| {
                row["mode"] == mode.as_str()
                    && row["profile"] == profile.as_str()
                    && row["page"] == page.as_str()
                    && row["build"] == label.as_str()
            });
            match row {
                Some(row) => {
                    let time = &row["usable_ms"];
                    let kb = |value: &Value| value.as_f64().unwrap_or(f64::NAN) / 1000.0;
                    text.push_str(&format!(
                        " {:.0} ({:.0}–{:.0}) | {:.0} |",
                        time["median"].as_f64().unwrap_or(f64::NAN),
                        time["min"].as_f64().unwrap_or(f64::NAN),
                        time["max"].as_f64().unwrap_or(f64::NAN),
                        kb(&row["page_transfer"]["median"]),
                    ));
                }
                None => text.push_str(" — | — |"),
            }
        }
        text.push('\n');
    }
    text
}

// ----- A static server with gzip and an optional slow link ----------------------------------

/// A file of the build, in memory.
struct File {
    raw: Vec<u8>,
    /// `gzip -9` of `raw`, for the types a host compresses.
    gzip: Option<Vec<u8>>,
    /// `brotli -q 11` of `raw`, for the same types (what the release serves, precompressed).
    brotli: Option<Vec<u8>>,
    mime: &'static str,
    cache: &'static str,
}

/// The slow link of the mode `link`: every connection's bytes go through it one chunk at a
/// time, at its throughput; every response waits its latency first.
struct Link {
    bytes_per_s: f64,
    latency: Duration,
    free_at: Instant,
}

struct Shared {
    files: BTreeMap<String, File>,
    link: Mutex<Option<Link>>,
    started: Mutex<Instant>,
    /// Per response: ms since the last reset when its last byte was written, path, bytes, gzip.
    log: Mutex<Vec<(f64, String, usize, bool)>>,
    stopping: AtomicBool,
}

/// A static server of one build on `127.0.0.1`, like `pkm_e2e::server::StaticServer` (the
/// files, `index.html` for the app's routes, the same MIME types and cache headers) but with
/// gzip and the slow link.
struct SlowServer {
    port: u16,
    shared: Arc<Shared>,
}

/// The bytes sent at a time through the slow link.
const CHUNK: usize = 4096;

impl SlowServer {
    fn start(dist: &Path) -> SlowServer {
        let mut files = BTreeMap::new();
        let mut folders = vec![dist.to_path_buf()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder)
                .expect("the build folder is readable")
                .flatten()
            {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let relative = path.strip_prefix(dist).expect("inside the build");
                let url = format!("/{}", relative.to_string_lossy());
                let mime = mime(&path);
                let raw = std::fs::read(&path).expect("a build file is readable");
                let gzip = (!matches!(mime, "image/png" | "application/octet-stream")).then(|| {
                    let output = Command::new("gzip")
                        .args(["-9", "-n", "-c"])
                        .arg(&path)
                        .output()
                        .expect("gzip runs");
                    assert!(output.status.success(), "gzip {}", path.display());
                    output.stdout
                });
                let brotli = gzip.is_some().then(|| {
                    let output = Command::new("brotli")
                        .args(["-q", "11", "-c"])
                        .arg(&path)
                        .output()
                        .expect("brotli runs");
                    assert!(output.status.success(), "brotli {}", path.display());
                    output.stdout
                });
                let name = relative.file_name().and_then(|n| n.to_str());
                let cache = if matches!(name, Some("sw.js" | "index.html")) {
                    "no-cache"
                } else {
                    "max-age=31536000, immutable"
                };
                files.insert(
                    url,
                    File {
                        raw,
                        gzip,
                        brotli,
                        mime,
                        cache,
                    },
                );
            }
        }
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a loopback port is free");
        let port = listener.local_addr().expect("bound").port();
        let shared = Arc::new(Shared {
            files,
            link: Mutex::new(None),
            started: Mutex::new(Instant::now()),
            log: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
        });
        let accept = shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accept.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = accept.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &shared);
                });
            }
        });
        SlowServer { port, shared }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn set_link(&self, link: Option<Link>) {
        *self.shared.link.lock().expect("link lock") = link;
    }

    fn reset_log(&self) {
        self.shared.log.lock().expect("log lock").clear();
        *self.shared.started.lock().expect("clock lock") = Instant::now();
    }

    fn bytes_sent(&self) -> usize {
        let log = self.shared.log.lock().expect("log lock");
        log.iter().map(|(_, _, bytes, _)| bytes).sum()
    }

    fn log(&self) -> Value {
        let log = self.shared.log.lock().expect("log lock");
        log.iter()
            .map(|(at, path, bytes, gzip)| {
                json!({ "at_ms": (at * 10.0).round() / 10.0, "path": path, "bytes": bytes, "gzip": gzip })
            })
            .collect()
    }
}

impl Drop for SlowServer {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// `PKM_BENCH_ENCODING=gzip`: serve `gzip -9` even where the browser accepts brotli (the
/// figures before the release served brotli).
fn gzip_only() -> bool {
    std::env::var("PKM_BENCH_ENCODING").is_ok_and(|value| value == "gzip")
}

fn serve(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut accepts_gzip = false;
    let mut accepts_brotli = false;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        let lower = header.to_ascii_lowercase();
        if lower.starts_with("accept-encoding:") && lower.contains("gzip") {
            accepts_gzip = true;
        }
        if lower.starts_with("accept-encoding:")
            && lower
                .split(|c: char| c == ',' || c == ':' || c.is_whitespace())
                .any(|token| token == "br")
        {
            accepts_brotli = true;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();
    let file = shared.files.get(&path).or_else(|| {
        // Paths without an extension are routes of the single-page app.
        let last = path.rsplit('/').next().unwrap_or_default();
        (!last.contains('.'))
            .then(|| shared.files.get("/index.html"))
            .flatten()
    });
    let mut stream = stream;
    let latency = shared
        .link
        .lock()
        .expect("link lock")
        .as_ref()
        .map(|link| link.latency);
    if let Some(latency) = latency {
        std::thread::sleep(latency);
    }
    let Some(file) = file else {
        let head = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        stream.write_all(head.as_bytes())?;
        return stream.shutdown(Shutdown::Both);
    };
    // A request that does not accept gzip (one for `/` in a run, likely the service worker's)
    // gets the file as it is; the log says which. Brotli where the browser accepts it (Chromium
    // does on loopback as on HTTPS), as the release serves it, unless PKM_BENCH_ENCODING=gzip.
    let brotli = file.brotli.is_some() && accepts_brotli && !gzip_only();
    let gzip = !brotli && file.gzip.is_some() && accepts_gzip;
    let body = match (&file.brotli, &file.gzip) {
        (Some(compressed), _) if brotli => compressed,
        (_, Some(compressed)) if gzip => compressed,
        _ => &file.raw,
    };
    let encoding = if brotli {
        "Content-Encoding: br\r\n"
    } else if gzip {
        "Content-Encoding: gzip\r\n"
    } else {
        ""
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {}\r\n{encoding}Content-Length: {}\r\nCache-Control: {}\r\nConnection: close\r\n\r\n",
        file.mime,
        body.len(),
        file.cache
    );
    let mut bytes = head.into_bytes();
    if method != "HEAD" {
        bytes.extend_from_slice(body);
    }
    for chunk in bytes.chunks(CHUNK) {
        let until = {
            let mut link = shared.link.lock().expect("link lock");
            link.as_mut().map(|link| {
                let start = link.free_at.max(Instant::now());
                link.free_at =
                    start + Duration::from_secs_f64(chunk.len() as f64 / link.bytes_per_s);
                link.free_at
            })
        };
        if let Some(until) = until {
            std::thread::sleep(until.saturating_duration_since(Instant::now()));
        }
        stream.write_all(chunk)?;
    }
    stream.flush()?;
    let at = shared.started.lock().expect("clock lock").elapsed();
    shared.log.lock().expect("log lock").push((
        at.as_secs_f64() * 1000.0,
        path,
        bytes.len(),
        gzip || brotli,
    ));
    Ok(())
}

fn mime(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}
