//! `bench`: the benchmark driver behind `scripts/bench.sh` (not a test; the tests never run it).
//!
//! Generates a province of 700 wards with the core (every ward's bundle: all 20 criteria with
//! evidence, action items and requests; the config bundle; one merged province bundle), then
//! measures the release build in headless Chromium through the e2e harness: shipped size (gzip
//! and brotli), cold and warm offline start, autosave latency, the batch import of the 700 files
//! and of the one province bundle (time, peak memory, longest main-thread task, the progress bar),
//! the dashboard's first render and a filter change. In the same browser it runs the baselines
//! page (`tests/bench/baselines.html`: PouchDB, Dexie, raw IndexedDB) on the same files. The
//! results go to `<out>/results.json` and, as a table, into `docs/benchmarks.md` between its
//! `bench:begin`/`bench:end` markers.
//!
//! Usage: `bench <dist> <out> <baselines-folder> [native-results.txt]` (see scripts/bench.sh).
//! `bench --first-visit <out> <label>=<dist>...` times instead the first visit of several builds
//! on a slow network (`first_visit.rs`; `scripts/bench.sh --first-visit`).
//! `bench --country <dist> <out> <country-dir>` imports the whole country in the app
//! (`country.rs`; `scripts/bench.sh --country`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pkm_core::fixtures::{self, ProvinceFixture};
use pkm_core::{Limits, SecretKey, read_bundle};
use pkm_e2e::app;
use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::ward;
use pkm_e2e::webdriver::{Session, WdResult};
use serde_json::{Value, json};

mod country;
mod evidence;
mod evidence_import;
mod first_visit;
mod profile;

/// The number of wards: every ward in the country since 2025.
const WARDS: usize = 700;
/// The seed of the generated details.
const SEED: u64 = 2025;
/// Criterion edits timed for the autosave figures.
const EDITS: usize = 500;
/// Offline starts timed (the median is reported).
const WARM_STARTS: usize = 5;
/// Files per write in the baselines: what the app commits per transaction at most
/// (`FILES_PER_WRITE` in src/state/province/import_job.rs), so the 701 files go in one write.
const BASELINE_CHUNK: usize = 1024;
/// Chromium flags of the benchmark: exact heap figures.
const FLAGS: [&str; 1] = ["--enable-precise-memory-info"];

/// Records, before any page script runs, when each part of the app first appears, and keeps the
/// wasm module's memory once the loader (scripts/build-wasm.sh) announces it (for the memory figures).
const WATCH: &str = r#"
(() => {
  const wanted = {
    home: '.pkm-cards',
    ward: '#first-province-name, [data-testid=ward-unit]',
    province: '[data-testid=province-nav]',
    matrix: '[data-testid=matrix] tbody tr[data-ward]',
  };
  window.__pkmSeen = {};
  const look = () => {
    for (const [name, selector] of Object.entries(wanted)) {
      if (!(name in window.__pkmSeen) && document.querySelector(selector)) {
        window.__pkmSeen[name] = performance.now();
      }
    }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
  addEventListener('pkm:started', (event) => {
    window.__pkmWasm = event.detail && event.detail.wasm;
  });
})();
"#;

/// Installed in the import page before an import: long tasks, the long animation frames (with
/// the callbacks that ran in them, to tell script from rendering), peak memory, progress texts.
/// Memory is sampled every 50 ms: with precise memory info, reading it every 10 ms and every
/// frame cost the page about 3% of the import (seen in a CPU profile).
const IMPORT_PROBES: &str = r#"
window.__bench = { longtasks: [], frames: [], heap: 0, wasm: 0, progress: [], changeAt: null };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
  }
}).observe({ type: 'longtask' });
// When the page hears of the chosen files: the task that ends with this event is the browser
// taking the files (building the list of 701 of them), before any of the app's code runs.
document.addEventListener('change', () => {
  if (window.__bench.changeAt === null) window.__bench.changeAt = performance.now();
}, true);
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.duration < 50) continue;
    window.__bench.frames.push({
      at: Math.round(entry.startTime),
      duration: Math.round(entry.duration),
      render: Math.round(entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0),
      layout: Math.round(entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0),
      scripts: entry.scripts.map((script) => ({
        invoker: script.invoker,
        duration: Math.round(script.duration),
        forced_layout: Math.round(script.forcedStyleAndLayoutDuration),
      })),
    });
  }
}).observe({ type: 'long-animation-frame' });
const memory = () => {
  const b = window.__bench;
  if (performance.memory) b.heap = Math.max(b.heap, performance.memory.usedJSHeapSize);
  const wasm = window.__pkmWasm && window.__pkmWasm.memory;
  if (wasm) b.wasm = Math.max(b.wasm, wasm.buffer.byteLength);
};
const progress = () => {
  const b = window.__bench;
  const text = document.querySelector('[data-testid=import-progress-text]');
  if (text && b.progress[b.progress.length - 1] !== text.textContent) b.progress.push(text.textContent);
};
window.__benchMemory = memory;
window.__benchTimer = setInterval(memory, 50);
const frame = () => { progress(); requestAnimationFrame(frame); };
requestAnimationFrame(frame);
"#;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--first-visit") {
        first_visit::main(&args[2..]);
        return;
    }
    if args.get(1).map(String::as_str) == Some("--evidence") {
        evidence::main(&args[2..]);
        return;
    }
    if args.get(1).map(String::as_str) == Some("--country") {
        country::main(&args[2..]);
        return;
    }
    if args.len() < 4 {
        eprintln!("usage: bench <dist> <out> <baselines-folder> [native-results.txt]");
        std::process::exit(2);
    }
    let dist = PathBuf::from(&args[1]);
    let out = PathBuf::from(&args[2]);
    let baselines_dir = PathBuf::from(&args[3]);
    let native = args.get(4).map(PathBuf::from);
    let started = Instant::now();
    std::fs::create_dir_all(&out).expect("the output folder can be created");

    let mut results = BTreeMap::<String, Value>::new();
    say("Shipped size (gzip -9, brotli -q 11)");
    let sizes = sizes(&dist);
    results.insert("sizes".into(), sizes.clone());

    say(&format!("Generating {WARDS} wards with the core"));
    let data = Data::generate(&out, &baselines_dir);
    results.insert("data".into(), data.describe());

    let server = StaticServer::start(dist.clone());
    if std::env::var_os("PKM_BENCH_PROFILE").is_some() {
        profile_import(&server, &data, &out);
        return;
    }
    let baselines = StaticServer::start(baselines_dir.clone());

    say("Cold start and warm offline start (ward workspace)");
    results.insert("start".into(), start_and_autosave(&server));

    say(&format!(
        "Importing {} files (config + {WARDS} wards)",
        data.ward_files.len() + 1
    ));
    results.insert("import_wards".into(), median_run(&server, &data));

    say("Importing the one merged province bundle");
    results.insert("import_province".into(), import_province(&server, &data));

    say("Baselines: PouchDB, Dexie, raw IndexedDB on the same files");
    results.insert("baselines".into(), run_baselines(&baselines, &data));

    if let Some(native) = native {
        let text = std::fs::read_to_string(&native).unwrap_or_default();
        results.insert("native".into(), parse_divan(&text));
    }
    results.insert("machine".into(), machine());
    results.insert(
        "bench_seconds".into(),
        json!(started.elapsed().as_secs_f64().round()),
    );
    let results = Value::Object(results.into_iter().collect());
    let pretty = serde_json::to_string_pretty(&results).expect("JSON");
    std::fs::write(out.join("results.json"), &pretty).expect("results.json can be written");
    let table = report(&results);
    std::fs::write(out.join("results.md"), &table).expect("results.md can be written");
    update_doc(&table);
    println!("\n{table}");
    println!("Results: {}", out.join("results.json").display());
}

fn say(what: &str) {
    println!("\n==> {what}");
}

// ----- Sizes ------------------------------------------------------------------------------------

fn compressed(command: &str, args: &[&str], file: &Path) -> u64 {
    let output = Command::new(command)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|error| panic!("{command} runs ({error}): scripts/bench.sh installs it"));
    assert!(
        output.status.success(),
        "{command} failed on {}",
        file.display()
    );
    output.stdout.len() as u64
}

/// Raw, gzip and brotli size of every wasm, js and css file of the build, in its folders (the
/// modules sit in `pkg/<build id>/`; they are named by file alone, which is unique in a build).
fn sizes(dist: &Path) -> Value {
    let mut files = Vec::new();
    let mut entries = Vec::new();
    let mut folders = vec![dist.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)
            .expect("the build folder is readable")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "wasm" | "js" | "css"))
            {
                entries.push(path);
            }
        }
    }
    entries.sort_by_key(|path| file_name(path));
    for path in entries {
        let name = file_name(&path);
        let raw = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let gzip = compressed("gzip", &["-9", "-c"], &path);
        let brotli = compressed("brotli", &["-q", "11", "-c"], &path);
        println!("  {name:<48} {raw:>9} raw {gzip:>8} gzip {brotli:>8} brotli");
        files.push(json!({ "file": name, "raw": raw, "gzip": gzip, "brotli": brotli }));
    }
    json!(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned()
}

// ----- Data -------------------------------------------------------------------------------------

struct Data {
    fixture: ProvinceFixture,
    config_file: PathBuf,
    ward_files: Vec<PathBuf>,
    province_file: PathBuf,
    bytes: u64,
    province_bytes: u64,
}

impl Data {
    fn generate(out: &Path, baselines: &Path) -> Data {
        let fixture =
            fixtures::every_ward_assessed(SEED, WARDS).expect("the benchmark province generates");
        let dir = out.join("data");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the data folder can be created");
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::write(&path, text).expect("a data file can be written");
            std::fs::write(baselines.join(name), text).expect("a baseline data file");
            path
        };
        let config_file = write("cau-hinh.json", &fixture.config_bundle);
        // Every ward's laptop signs its export with its own key, so the import checks 700
        // signatures, as at the provincial office.
        let ward_files: Vec<PathBuf> = fixture
            .ward_bundles
            .iter()
            .map(|ward| {
                let mut bundle = read_bundle(ward.json.as_bytes(), &Limits::default())
                    .expect("the generated ward bundle reads");
                bundle
                    .sign_with(&SecretKey::for_tests(ward.ward.as_str()))
                    .expect("the ward bundle signs");
                let json = bundle.to_json().expect("the signed bundle writes");
                write(&format!("{}-2024.json", ward.ward), &json)
            })
            .collect();
        let province =
            fixtures::province_bundle(&fixture).expect("the merged province bundle writes");
        let province_file = write("tinh.json", &province);
        let bytes = ward_files
            .iter()
            .chain([&config_file])
            .map(|file| std::fs::metadata(file).map_or(0, |meta| meta.len()))
            .sum::<u64>();
        Data {
            fixture,
            config_file,
            ward_files,
            province_file,
            bytes,
            province_bytes: province.len() as u64,
        }
    }

    fn describe(&self) -> Value {
        json!({
            "wards": self.fixture.ward_bundles.len(),
            "files": self.ward_files.len() + 1,
            "bytes": self.bytes,
            "province_bundle_bytes": self.province_bytes,
        })
    }

    /// Every file of the ward import: the config bundle, then the wards'.
    fn import_files(&self) -> Vec<PathBuf> {
        std::iter::once(self.config_file.clone())
            .chain(self.ward_files.iter().cloned())
            .collect()
    }

    fn names(&self) -> Vec<String> {
        self.import_files()
            .iter()
            .map(|path| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    }
}

// ----- Browser helpers --------------------------------------------------------------------------

fn launch() -> Browser {
    let browser = Browser::launch_with_args(&FLAGS.map(str::to_owned));
    let s = browser.session();
    s.set_timeouts(Duration::from_secs(1800), Duration::from_secs(300))
        .expect("timeouts can be set");
    s.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": WATCH }),
    )
    .expect("the watcher is installed");
    browser
}

/// Waits until the watcher saw `part`, and returns when (ms after navigation start).
fn seen(s: &Session, part: &str) -> f64 {
    s.wait_until(
        Duration::from_secs(120),
        &format!("{part} to appear"),
        || {
            let value = s.execute(
                "return window.__pkmSeen ? window.__pkmSeen[arguments[0]] : undefined;",
                vec![part.into()],
            )?;
            Ok(value.as_f64())
        },
    )
    .expect("the page part appears")
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn percentile(values: &[f64], fraction: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((fraction * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Warm offline starts of `path`: the network off, the server unplugged, `part` timed.
fn warm_starts(s: &Session, server: &StaticServer, path: &str, part: &str) -> Vec<f64> {
    app::wait_until_offline_ready(s).expect("the service worker takes over");
    s.set_offline(true).expect("offline");
    server.set_unplugged(true);
    let mut times = Vec::new();
    for _ in 0..WARM_STARTS {
        s.goto(&server.url(path)).expect("the page opens offline");
        times.push(seen(s, part));
    }
    server.set_unplugged(false);
    s.set_offline(false).expect("online");
    times
}

// ----- Start and autosave -----------------------------------------------------------------------

/// Cold start (first visit) and warm offline start of the ward workspace, then 500 criterion
/// edits, each timed from the write's start to its committed transaction.
fn start_and_autosave(server: &StaticServer) -> Value {
    let browser = launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).expect("the first visit");
    let cold = seen(s, "ward");
    let cold_files = app::fetched_files(s).expect("the resource timing entries");
    println!(
        "  cold start /phuong: {cold:.0} ms, fetching {}",
        cold_files.join(" ")
    );
    let mut warm = warm_starts(s, server, "/phuong", "ward");
    let warm_median = median(&mut warm);
    println!("  warm offline start /phuong: {warm_median:.0} ms (median of {WARM_STARTS})");

    s.goto(&server.url("/phuong")).expect("the ward workspace");
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).expect("the ward is set up");
    ward::start_assessment(s, true).expect("the assessment starts");
    let edits = s
        .execute_async(
            r#"
const [edits, done] = [arguments[0], arguments[arguments.length - 1]];
const statuses = ['met', 'expected', 'not-met'];
(async () => {
  performance.clearMeasures('pkm:autosave');
  for (let i = 0; i < edits; i++) {
    const criterion = 'C' + String(1 + (i % 20)).padStart(2, '0');
    const status = statuses[Math.floor(i / 20) % 3];
    document.getElementById(`status-${criterion}-${status}`).click();
    while (performance.getEntriesByName('pkm:autosave').length <= i) {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  done(performance.getEntriesByName('pkm:autosave').map((m) => m.duration));
})().catch((error) => done('failed: ' + error));
"#,
            vec![EDITS.into()],
        )
        .expect("the edits run");
    let times: Vec<f64> = edits
        .as_array()
        .unwrap_or_else(|| panic!("autosave measures: {edits}"))
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    assert_eq!(times.len(), EDITS, "one measure per edit");
    let (p50, p95) = (percentile(&times, 0.5), percentile(&times, 0.95));
    println!("  autosave over {EDITS} edits: p50 {p50:.1} ms, p95 {p95:.1} ms");
    json!({
        "cold_ms": round(cold),
        "cold_files": cold_files,
        "home_files": home_files(server),
        "warm_offline_ms": round(warm_median),
        "warm_offline_all_ms": warm.iter().map(|t| round(*t)).collect::<Vec<_>>(),
        "autosave_p50_ms": round(p50),
        "autosave_p95_ms": round(p95),
        "autosave_max_ms": round(percentile(&times, 1.0)),
    })
}

// ----- Import -----------------------------------------------------------------------------------

/// The 700 wards' import (and the dashboard after it) is run this many times, each in a fresh
/// browser, and the run with the median preview + import time is reported: on this machine one
/// run's time varies by a tenth or more from the next.
const IMPORT_RUNS: usize = 5;

/// The run of [`import_wards`] with the median preview + import time, with every run's time
/// (`runs_total_ms`, sorted).
fn median_run(server: &StaticServer, data: &Data) -> Value {
    let total = |run: &Value| {
        run["preview_ms"].as_f64().unwrap_or(f64::NAN)
            + run["commit_ms"].as_f64().unwrap_or(f64::NAN)
    };
    let mut runs: Vec<Value> = (0..IMPORT_RUNS)
        .map(|run| {
            println!("  run {} of {IMPORT_RUNS}", run + 1);
            import_wards(server, data)
        })
        .collect();
    runs.sort_by(|a, b| total(a).total_cmp(&total(b)));
    let totals: Vec<f64> = runs.iter().map(|run| round(total(run))).collect();
    let mut median = runs.swap_remove(IMPORT_RUNS / 2);
    median["runs_total_ms"] = json!(totals);
    median
}

/// The measures of one import through the screen `/tinh/nhap`.
fn import_through_screen(s: &Session, files: &[PathBuf]) -> Value {
    s.execute(IMPORT_PROBES, vec![])
        .expect("the probes install");
    let mut clock = Instant::now();
    app::upload(s, app::PROVINCE_IMPORT_INPUT, files).expect("the files are chosen");
    s.wait_until(Duration::from_secs(1800), "the preview", || {
        s.find("[data-testid=import-confirm]")
    })
    .expect("the preview is ready");
    // A fresh office asks for the province's key first (read back by phone in real life; its
    // config then pins the wards'): answered at once. The preview measured is the one run after
    // the answer, of the same files.
    if app::first_question(s).expect("the questions").is_some() {
        clock = Instant::now();
        let answered = app::confirm_every_question(s).expect("the questions answered");
        println!("  {answered} question(s) answered before the import");
    }
    let confirm = s
        .wait_until(Duration::from_secs(1800), "the preview", || {
            s.find("[data-testid=import-confirm]")
        })
        .expect("the preview is ready");
    let preview_wall = clock.elapsed().as_secs_f64() * 1000.0;
    s.click(&confirm).expect("the import starts");
    app::wait_until_imported(s, files.len(), Duration::from_secs(1800))
        .expect("the import finishes");
    let total_wall = clock.elapsed().as_secs_f64() * 1000.0;
    let probes = s
        .execute(
            r#"
clearInterval(window.__benchTimer);
window.__benchMemory();
const measure = (name) => {
  const all = performance.getEntriesByName(name);
  return all.length ? all[all.length - 1].duration : null;
};
const results = document.querySelectorAll('[data-testid=import-results] > li');
const states = {};
for (const line of results) states[line.dataset.state] = (states[line.dataset.state] || 0) + 1;
// The task in which the browser took the chosen files: the one the page's `change` ended.
const changeAt = window.__bench.changeAt;
const isChoosing = (task) =>
  changeAt !== null && task.start <= changeAt && changeAt <= task.start + task.duration;
return {
  preview_ms: measure('pkm:import:preview'),
  commit_ms: measure('pkm:import:commit'),
  longest_task_ms: Math.max(0, ...window.__bench.longtasks.map((task) => task.duration)),
  // The task in which the browser took the chosen files and the page heard of them, and the
  // longest of the others, from then to the import's end.
  choosing_task_ms: Math.max(0, ...window.__bench.longtasks
    .filter(isChoosing)
    .map((task) => task.duration)),
  longest_app_task_ms: Math.max(0, ...window.__bench.longtasks
    .filter((task) => !isChoosing(task))
    .map((task) => task.duration)),
  long_tasks: window.__bench.longtasks.length,
  long_frames: window.__bench.frames,
  // The long animation frame whose callbacks ran longest: how much of the longest work was the
  // app's own script, and what started it.
  most_script_frame: window.__bench.frames
    .map((frame) => ({ ...frame, script: frame.scripts.reduce((sum, s) => sum + s.duration, 0) }))
    .reduce((most, frame) => (!most || frame.script > most.script ? frame : most), null),
  peak_js_heap: window.__bench.heap,
  wasm_memory: window.__bench.wasm,
  progress_values_seen: window.__bench.progress.length,
  states,
};"#,
            vec![],
        )
        .expect("the probes answer");
    let mut result = probes.as_object().cloned().unwrap_or_default();
    result.insert("preview_wall_ms".into(), json!(round(preview_wall)));
    result.insert("total_wall_ms".into(), json!(round(total_wall)));
    println!("  {}", Value::Object(result.clone()));
    Value::Object(result)
}

/// Times a client-side navigation or change: from `action` to the frame painted after the
/// matrix shows `rows` rows (any number when `None`).
fn time_render(s: &Session, action: &str, rows: Option<usize>) -> WdResult<f64> {
    let script = format!(
        r#"
const [rows, done] = [arguments[0], arguments[arguments.length - 1]];
const count = () => document.querySelectorAll('[data-testid=matrix] tbody tr[data-ward]').length;
const started = performance.now();
{action}
const painted = () => requestAnimationFrame(() => setTimeout(() => done(performance.now() - started), 0));
const ready = () => rows === null ? count() > 0 : count() === rows;
if (ready()) {{ painted(); }} else {{
  const observer = new MutationObserver(() => {{ if (ready()) {{ observer.disconnect(); painted(); }} }});
  observer.observe(document.body, {{ childList: true, subtree: true }});
}}"#
    );
    let value = s.execute_async(&script, vec![rows.map_or(Value::Null, Value::from)])?;
    Ok(value.as_f64().unwrap_or(f64::NAN))
}

/// The 700 wards' files through the import screen, then the dashboard, a filter change and a
/// warm offline start of the province workspace holding them.
fn import_wards(server: &StaticServer, data: &Data) -> Value {
    let (browser, cold, cold_files) = on_import_screen(server);
    let s = browser.session();
    let mut result = import_through_screen(s, &data.import_files());
    let wards = data.fixture.ward_bundles.len();
    let first = time_render(
        s,
        "document.querySelector(\"[data-testid=province-nav] a[href='/tinh']\").click();",
        Some(wards),
    )
    .expect("the dashboard renders");
    println!("  dashboard first render ({wards} wards): {first:.0} ms");
    // The matrix lies below the first screen and is laid out only when it comes near it
    // (`content-visibility: auto`): the cost of that moment, scrolled to at once.
    let scrolled = s
        .execute_async(
            r#"
const done = arguments[arguments.length - 1];
const started = performance.now();
document.querySelector('[data-testid=matrix]').scrollIntoView();
requestAnimationFrame(() => setTimeout(() => done(performance.now() - started), 0));"#,
            vec![],
        )
        .ok()
        .and_then(|value| value.as_f64())
        .unwrap_or(f64::NAN);
    println!("  matrix scrolled into view: {scrolled:.0} ms");
    s.execute("window.scrollTo(0, 0);", vec![])
        .expect("back to the top");
    let new_wards = s
        .execute(
            "return document.querySelectorAll('[data-testid=matrix] tbody tr[data-ward]').length;",
            vec![],
        )
        .expect("rows");
    assert_eq!(new_wards.as_u64(), Some(wards as u64), "one row per ward");
    let change = |value: &str| {
        format!(
            "const select = document.getElementById('choice-track'); select.value = '{value}'; select.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        )
    };
    let filtered = time_render(s, &change("new"), None).expect("the filter applies");
    let shown = s
        .execute(
            "return document.querySelectorAll('[data-testid=matrix] tbody tr[data-ward]').length;",
            vec![],
        )
        .expect("rows")
        .as_u64()
        .unwrap_or(0);
    let back = time_render(s, &change("all"), Some(wards)).expect("the filter clears");
    println!("  filter to new wards ({shown} rows): {filtered:.0} ms; back to all: {back:.0} ms");
    let mut warm = warm_starts(s, server, "/tinh", "matrix");
    let warm_median = median(&mut warm);
    println!("  warm offline start of /tinh with {wards} wards: {warm_median:.0} ms");
    if let Some(object) = result.as_object_mut() {
        object.insert("cold_start_province_ms".into(), json!(round(cold)));
        object.insert("cold_start_province_files".into(), json!(cold_files));
        object.insert("dashboard_first_render_ms".into(), json!(round(first)));
        object.insert("dashboard_filter_ms".into(), json!(round(filtered)));
        object.insert("dashboard_filter_rows".into(), json!(shown));
        object.insert("dashboard_unfilter_ms".into(), json!(round(back)));
        object.insert("matrix_into_view_ms".into(), json!(round(scrolled)));
        object.insert(
            "warm_offline_dashboard_ms".into(),
            json!(round(warm_median)),
        );
    }
    result
}

/// A browser with a fresh profile on the province workspace's import screen, the time from
/// opening it to interactive (a cold start), and the files it fetched to get there.
fn on_import_screen(server: &StaticServer) -> (Browser, f64, Vec<String>) {
    let browser = launch();
    let s = browser.session();
    s.goto(&server.url("/tinh/nhap"))
        .expect("the import screen");
    let cold = seen(s, "province");
    let files = app::fetched_files(s).expect("the resource timing entries");
    (browser, cold, files)
}

/// The files a first visit to the start page fetches until its cards are shown.
fn home_files(server: &StaticServer) -> Vec<String> {
    let browser = launch();
    let s = browser.session();
    s.goto(&server.url("/")).expect("the start page");
    seen(s, "home");
    app::fetched_files(s).expect("the resource timing entries")
}

/// The profile mode: the 700 wards' import, then the dashboard's first render, then the merged
/// province bundle's import in a fresh profile, each under the CPU profiler; the profiles and
/// their summaries go to `out`, and nothing to the document.
fn profile_import(server: &StaticServer, data: &Data, out: &Path) {
    say("Importing the wards' files under the CPU profiler");
    let (browser, _, _) = on_import_screen(server);
    let s = browser.session();
    profile::start(s);
    import_through_screen(s, &data.import_files());
    profiled(s, out, "import", "the wards' import");
    say("The dashboard's first render under the CPU profiler");
    profile::start(s);
    time_render(
        s,
        "document.querySelector(\"[data-testid=province-nav] a[href='/tinh']\").click();",
        Some(data.fixture.ward_bundles.len()),
    )
    .expect("the dashboard renders");
    profiled(s, out, "dashboard", "the dashboard's first render");
    drop(browser);
    say("The merged province bundle's import under the CPU profiler");
    let (browser, _, _) = on_import_screen(server);
    let s = browser.session();
    profile::start(s);
    import_through_screen(s, std::slice::from_ref(&data.province_file));
    profiled(s, out, "province", "the province bundle's import");
}

/// Stops the profiler and writes `<name>.cpuprofile` and `<name>-profile.txt` into `out`.
fn profiled(s: &Session, out: &Path, name: &str, what: &str) {
    let file = out.join(format!("{name}.cpuprofile"));
    let summary = profile::stop(s, &file, what);
    std::fs::write(out.join(format!("{name}-profile.txt")), &summary)
        .expect("the summary can be written");
    println!("\n{summary}");
    println!("Profile: {} (opens in Chromium's DevTools)", file.display());
}

/// The one merged province bundle (all 700 wards) in a fresh profile.
fn import_province(server: &StaticServer, data: &Data) -> Value {
    let (browser, _, _) = on_import_screen(server);
    let s = browser.session();
    import_through_screen(s, std::slice::from_ref(&data.province_file))
}

// ----- Baselines --------------------------------------------------------------------------------

fn run_baselines(server: &StaticServer, data: &Data) -> Value {
    let browser = launch();
    let s = browser.session();
    s.goto(&server.url("/baselines.html"))
        .expect("the baselines page");
    let call = |script: &str, args: Vec<Value>| -> Value {
        let wrapped = format!(
            "const done = arguments[arguments.length - 1]; const args = Array.from(arguments).slice(0, -1);
             ({script})(...args).then(done, (error) => done('failed: ' + error));"
        );
        let value = s.execute_async(&wrapped, args).expect("the baseline runs");
        assert!(!value.is_string(), "baseline failed: {value}");
        value
    };
    let mut result = serde_json::Map::new();
    let names: Vec<Value> = data.names().into_iter().map(Value::from).collect();
    call(
        "(names) => pkmBaselines.load(names)",
        vec![Value::Array(names)],
    );
    // The same files chosen in the page's file input: each import reads them within its clock.
    let choose = |files: &[PathBuf]| {
        s.execute("document.getElementById('files').value = '';", vec![])
            .expect("the input clears");
        app::upload(s, "#files", files).expect("the files are chosen");
        call("() => pkmBaselines.choose()", vec![]);
    };
    choose(&data.import_files());
    for engine in ["pouchdb", "dexie", "raw"] {
        let import = call(
            "(engine, chunk) => pkmBaselines.import(engine, chunk)",
            vec![engine.into(), BASELINE_CHUNK.into()],
        );
        println!("  {engine} import of the wards' files: {import}");
        let edits = call(
            "(engine, edits) => pkmBaselines.autosave(engine, edits)",
            vec![engine.into(), EDITS.into()],
        );
        let times: Vec<f64> = edits
            .as_array()
            .map(|all| all.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        let (p50, p95) = (percentile(&times, 0.5), percentile(&times, 0.95));
        println!("  {engine} edits: p50 {p50:.1} ms, p95 {p95:.1} ms");
        result.insert(
            engine.into(),
            json!({ "import": import, "autosave_p50_ms": round(p50), "autosave_p95_ms": round(p95) }),
        );
    }
    choose(std::slice::from_ref(&data.province_file));
    for engine in ["pouchdb", "dexie", "raw"] {
        let import = call(
            "(engine, chunk) => pkmBaselines.import(engine, chunk)",
            vec![engine.into(), 1.into()],
        );
        println!("  {engine} import of the province bundle: {import}");
        if let Some(entry) = result.get_mut(engine).and_then(Value::as_object_mut) {
            entry.insert("import_province".into(), import);
        }
    }
    Value::Object(result)
}

// ----- Native, machine, report ------------------------------------------------------------------

/// The median column of divan's table, per benchmark (name with its argument). Columns are
/// found by their character positions in the header line (the tree's own `│` would fool a split).
fn parse_divan(text: &str) -> Value {
    let mut found = serde_json::Map::new();
    let mut lines = text.lines().map(|line| line.chars().collect::<Vec<char>>());
    let header = lines.by_ref().find(|line| {
        let line: String = line.iter().collect();
        line.contains("fastest") && line.contains("median")
    });
    let Some(header) = header else {
        return Value::Object(found);
    };
    let text_of = |chars: &[char]| chars.iter().collect::<String>();
    let header_text = text_of(&header);
    let fastest_at = header_text
        .find("fastest")
        .map_or(0, |byte| header_text[..byte].chars().count());
    let separators: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '│')
        .map(|(at, _)| at)
        .collect();
    if separators.len() < 3 {
        return Value::Object(found);
    }
    let mut group = String::new();
    for line in lines {
        if line.len() <= separators[2] {
            continue;
        }
        let name = text_of(&line[..fastest_at.min(line.len())]);
        let name = name.trim_matches(|c: char| "├╰─│ ".contains(c)).to_owned();
        if name.is_empty() {
            continue;
        }
        let median = text_of(&line[separators[1] + 1..separators[2]])
            .trim()
            .to_owned();
        if median.is_empty() {
            group = name;
            continue;
        }
        let key = if name.chars().all(|c| c.is_ascii_digit()) {
            format!("{group} ({name} units)")
        } else {
            name
        };
        found.insert(key, Value::from(median));
    }
    Value::Object(found)
}

fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find(|line| line.starts_with("model name"))
        .and_then(|line| line.split(':').nth(1))
        .map(|name| name.trim().to_owned())
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let chromium = Command::new(std::env::var("CHROME_BIN").unwrap_or_else(|_| "chromium".into()))
        .arg("--version")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_default();
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find(|line| line.starts_with("MemTotal"))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024 / 1024);
    json!({ "cpu": cpu, "cores": cores, "chromium": chromium, "memory_gb": memory })
}

fn kb(bytes: f64) -> String {
    format!("{:.0} KB", bytes / 1024.0)
}

/// A longest task: the Long Tasks API reports only tasks of 50 ms or more, so 0 means none.
fn longest(value: &Value) -> String {
    if value.as_f64() == Some(0.0) {
        "none of 50 ms or more".into()
    } else {
        ms(value)
    }
}

fn ms(value: &Value) -> String {
    value
        .as_f64()
        .map_or_else(|| "—".into(), |v| format!("{v:.0} ms"))
}

fn ms1(value: &Value) -> String {
    value
        .as_f64()
        .map_or_else(|| "—".into(), |v| format!("{v:.1} ms"))
}

fn ratio(ours: &Value, theirs: &Value) -> String {
    match (ours.as_f64(), theirs.as_f64()) {
        (Some(ours), Some(theirs)) if ours > 0.0 => format!("{:.2}×", theirs / ours),
        _ => "—".into(),
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}

/// The Markdown table of one run.
fn report(results: &Value) -> String {
    let mut out = String::new();
    let machine = &results["machine"];
    out.push_str(&format!(
        "Run of `scripts/bench.sh` on {} ({} cores, {} GB), {}; {} s in all.\n\n",
        machine["cpu"].as_str().unwrap_or("?"),
        machine["cores"],
        machine["memory_gb"],
        machine["chromium"].as_str().unwrap_or("?"),
        results["bench_seconds"]
    ));
    let data = &results["data"];
    out.push_str(&format!(
        "Data: {} ward bundles + the config bundle ({} files, {:.1} MB), and one merged province bundle ({:.1} MB).\n\n",
        data["wards"],
        data["files"],
        data["bytes"].as_f64().unwrap_or(0.0) / 1_048_576.0,
        data["province_bundle_bytes"].as_f64().unwrap_or(0.0) / 1_048_576.0
    ));

    out.push_str("### Shipped size\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n");
    let mut totals = BTreeMap::<String, (f64, f64, f64)>::new();
    for file in results["sizes"].as_array().into_iter().flatten() {
        let name = file["file"].as_str().unwrap_or_default();
        let (raw, gzip, brotli) = (
            file["raw"].as_f64().unwrap_or(0.0),
            file["gzip"].as_f64().unwrap_or(0.0),
            file["brotli"].as_f64().unwrap_or(0.0),
        );
        out.push_str(&format!(
            "| {name} | {} | {} | {} |\n",
            kb(raw),
            kb(gzip),
            kb(brotli)
        ));
        let entry = entry_of(name);
        for key in entry {
            let total = totals.entry(key).or_default();
            total.0 += raw;
            total.1 += gzip;
            total.2 += brotli;
        }
    }
    for (key, (raw, gzip, brotli)) in &totals {
        out.push_str(&format!(
            "| **{key}** | {} | **{}** | {} |\n",
            kb(*raw),
            kb(*gzip),
            kb(*brotli)
        ));
    }
    out.push('\n');

    let start = &results["start"];
    let wards = &results["import_wards"];
    let province = &results["import_province"];
    let base = &results["baselines"];
    out.push_str("### Browser\n\n| measure | ours | target |\n|---|---:|---|\n");
    let shell_gzip = totals
        .iter()
        .filter(|(key, _)| key.starts_with("app shell"))
        .map(|(_, (_, gzip, _))| *gzip)
        .sum::<f64>();
    out.push_str(&format!(
        "| app shell (wasm + js + css, gzip) | {} | ≤ 250 KB: {} |\n",
        kb(shell_gzip),
        verdict(shell_gzip <= 250.0 * 1024.0)
    ));
    for (page, files) in [
        ("the start page `/`", &start["home_files"]),
        ("`/phuong`", &start["cold_files"]),
        ("`/tinh/nhap`", &wards["cold_start_province_files"]),
    ] {
        let count = files.as_array().map_or(0, Vec::len);
        out.push_str(&format!(
            "| first visit to {page}: fetched before interactive (gzip, {count} files) | {} | — |\n",
            kb(gzip_of(results, files)),
        ));
    }
    out.push_str(&format!(
        "| cold start to interactive, `/phuong` (first visit) | {} | — |\n",
        ms(&start["cold_ms"])
    ));
    out.push_str(&format!(
        "| warm offline start to interactive, `/phuong` (median of {WARM_STARTS}) | {} | ≤ 300 ms: {} |\n",
        ms(&start["warm_offline_ms"]),
        verdict(start["warm_offline_ms"].as_f64().is_some_and(|v| v <= 300.0))
    ));
    out.push_str(&format!(
        "| warm offline start, `/tinh` with {} wards (matrix shown) | {} | — |\n",
        data["wards"],
        ms(&wards["warm_offline_dashboard_ms"])
    ));
    out.push_str(&format!(
        "| autosave, edit to committed transaction, p50 / p95 ({EDITS} edits) | {} / {} | p95 ≤ 16 ms: {} |\n",
        ms1(&start["autosave_p50_ms"]),
        ms1(&start["autosave_p95_ms"]),
        verdict(start["autosave_p95_ms"].as_f64().is_some_and(|v| v <= 16.0))
    ));
    let commit = &wards["commit_ms"];
    out.push_str(&format!(
        "| import of {} files: preview (read + validate every file) | {} | — |\n",
        data["files"],
        ms(&wards["preview_ms"])
    ));
    out.push_str(&format!(
        "| import of {} files: import (merge the checked bundles + write) | {} | — |\n",
        data["files"],
        ms(commit)
    ));
    // The files are read and validated once, in the preview; the target is judged on both.
    let both = wards["preview_ms"]
        .as_f64()
        .zip(commit.as_f64())
        .map(|(preview, commit)| preview + commit);
    let runs: Vec<String> = wards["runs_total_ms"]
        .as_array()
        .into_iter()
        .flatten()
        .map(ms)
        .collect();
    out.push_str(&format!(
        "| import of {} files: preview + import (read + validate + merge + write); the median of {} runs in fresh browsers ({}) | {} | ≤ 2 s: {} |\n",
        data["files"],
        runs.len(),
        runs.join(", "),
        ms(&json!(both)),
        verdict(both.is_some_and(|v| v <= 2000.0))
    ));
    out.push_str(&format!(
        "| the browser taking the {} chosen files: the one task before the page hears of them | {} | — |\n",
        data["files"],
        longest(&wards["choosing_task_ms"]),
    ));
    out.push_str(&format!(
        "| longest main-thread task from the page hearing of the files to the import's end | {} | ≤ 100 ms: {} |\n",
        longest(&wards["longest_app_task_ms"]),
        verdict(
            wards["longest_app_task_ms"]
                .as_f64()
                .is_some_and(|v| v <= 100.0)
        )
    ));
    let most = &wards["most_script_frame"];
    let invokers: Vec<&str> = most["scripts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|script| script["invoker"].as_str())
        .collect();
    out.push_str(&format!(
        "| the frame with the most script time (long animation frames): script / frame, started by | {} / {} ({}) | — |\n",
        ms(&most["script"]),
        ms(&most["duration"]),
        if invokers.is_empty() { "—".to_string() } else { invokers.join(", ") }
    ));
    out.push_str(&format!(
        "| progress values seen moving during the import | {} | moving |\n",
        wards["progress_values_seen"]
    ));
    out.push_str(&format!(
        "| peak JS heap / wasm memory, ward import | {} / {} | — |\n",
        kb(wards["peak_js_heap"].as_f64().unwrap_or(0.0)),
        kb(wards["wasm_memory"].as_f64().unwrap_or(0.0))
    ));
    out.push_str(&format!(
        "| merged province bundle: preview / import | {} / {} | — |\n",
        ms(&province["preview_ms"]),
        ms(&province["commit_ms"])
    ));
    out.push_str(&format!(
        "| merged province bundle: longest task; peak JS heap / wasm memory | {}; {} / {} | task ≤ 100 ms: {} |\n",
        longest(&province["longest_task_ms"]),
        kb(province["peak_js_heap"].as_f64().unwrap_or(0.0)),
        kb(province["wasm_memory"].as_f64().unwrap_or(0.0)),
        verdict(
            province["longest_task_ms"]
                .as_f64()
                .is_some_and(|v| v <= 100.0)
        )
    ));
    out.push_str(&format!(
        "| dashboard first render, {} wards | {} | ≤ 200 ms: {} |\n",
        data["wards"],
        ms(&wards["dashboard_first_render_ms"]),
        verdict(
            wards["dashboard_first_render_ms"]
                .as_f64()
                .is_some_and(|v| v <= 200.0)
        )
    ));
    out.push_str(&format!(
        "| dashboard after a filter change (to {} new wards) / back to all | {} / {} | — |\n",
        wards["dashboard_filter_rows"],
        ms(&wards["dashboard_filter_ms"]),
        ms(&wards["dashboard_unfilter_ms"])
    ));
    out.push_str(&format!(
        "| the matrix scrolled into view at once (laid out then) | {} | — |\n",
        ms(&wards["matrix_into_view_ms"])
    ));
    out.push('\n');

    out.push_str(&format!(
        "### Baselines, same browser, same files\n\nOur preview + import of the {} files ({}: read, validate, verify signatures, merge, write) against each baseline reading the same chosen files from the disk, parsing them and writing their records ({BASELINE_CHUNK} files per write), then reading them back. A ratio is their time divided by ours: above 1 ours is faster, below 1 slower.\n\n",
        data["files"],
        ms(&json!(both))
    ));
    let ours_wards = json!(both);
    let ours_province = json!(
        province["preview_ms"]
            .as_f64()
            .zip(province["commit_ms"].as_f64())
            .map(|(preview, commit)| preview + commit)
    );
    out.push_str("| baseline | import + read back | their time ÷ ours | province bundle | their time ÷ ours | edit p50 / p95 | their p95 ÷ ours | peak JS heap |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    let version = |name: &str| std::env::var(name).unwrap_or_else(|_| "?".into());
    for (engine, label) in [
        (
            "pouchdb",
            format!(
                "PouchDB {} (bulkDocs, read back, resolve revisions)",
                version("PKM_BENCH_POUCHDB")
            ),
        ),
        (
            "dexie",
            format!("Dexie {} (bulkPut)", version("PKM_BENCH_DEXIE")),
        ),
        ("raw", "raw IndexedDB puts (floor)".to_owned()),
    ] {
        let entry = &base[engine];
        out.push_str(&format!(
            "| {label} | {} | {} | {} | {} | {} / {} | {} | {} |\n",
            ms(&entry["import"]["total_ms"]),
            ratio(&ours_wards, &entry["import"]["total_ms"]),
            ms(&entry["import_province"]["total_ms"]),
            ratio(&ours_province, &entry["import_province"]["total_ms"]),
            ms1(&entry["autosave_p50_ms"]),
            ms1(&entry["autosave_p95_ms"]),
            ratio(&start["autosave_p95_ms"], &entry["autosave_p95_ms"]),
            kb(entry["import"]["peak_heap"].as_f64().unwrap_or(0.0)),
        ));
    }
    let pouch = base["pouchdb"]["import"]["total_ms"]
        .as_f64()
        .unwrap_or(0.0);
    let ours = both.unwrap_or(f64::INFINITY);
    out.push_str(&format!(
        "\nImport ≥ 5× faster than PouchDB: {}.\n",
        verdict(pouch >= 5.0 * ours)
    ));

    if let Some(native) = results["native"].as_object().filter(|n| !n.is_empty()) {
        out.push_str("\n### Native (divan, median)\n\n| benchmark | median |\n|---|---:|\n");
        for (name, median) in native {
            out.push_str(&format!(
                "| {name} | {} |\n",
                median.as_str().unwrap_or_default()
            ));
        }
    }
    out
}

/// Which totals a shipped file counts in: every file in "all files"; in the app shell, what every
/// page loads first: all but the service worker (fetched apart, and not needed to start) and the
/// modules the split points fetch on demand (`split_*.wasm`, and `chunk_*.wasm`, code that
/// several split points share).
fn entry_of(name: &str) -> Vec<String> {
    let mut keys = vec!["all files".to_owned()];
    if name != "sw.js" && !is_split_module(name) {
        keys.push("app shell (wasm + js + css)".to_owned());
    }
    keys
}

fn is_split_module(name: &str) -> bool {
    name.ends_with(".wasm") && (name.starts_with("split_") || name.starts_with("chunk_"))
}

/// The gzip size of the named files, from the size table.
fn gzip_of(results: &Value, names: &Value) -> f64 {
    let wanted: Vec<&str> = names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    results["sizes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|file| wanted.contains(&file["file"].as_str().unwrap_or_default()))
        .filter_map(|file| file["gzip"].as_f64())
        .sum()
}

/// Replaces the table in docs/benchmarks.md (between the markers) with this run's.
fn update_doc(table: &str) {
    let doc = pkm_e2e::workspace_root().join("docs/benchmarks.md");
    let Ok(text) = std::fs::read_to_string(&doc) else {
        return;
    };
    let (begin, end) = ("<!-- bench:begin -->", "<!-- bench:end -->");
    if let (Some(from), Some(to)) = (text.find(begin), text.find(end)) {
        let updated = format!("{}{begin}\n{table}\n{}", &text[..from], &text[to..]);
        std::fs::write(&doc, updated).expect("docs/benchmarks.md can be written");
        println!("Updated {}", doc.display());
    }
}
