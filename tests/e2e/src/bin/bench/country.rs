//! `bench --country <dist> <out> <country-dir>`: the whole country in the app (issue 28, item
//! 3). The files are those `scripts/bench.sh --country` generates (`crates/pkm-core/examples/
//! country.rs`): the Ministry's registry, then the 34 provinces' merged bundles. Each run opens a
//! fresh profile on the import screen, chooses all 35 files at once (the registry first: its key
//! is confirmed when the app asks, as a person would after reading it back by phone), times the
//! preview and the import with the app's own measures, the longest main-thread task, the peak JS
//! heap and wasm memory, then the dashboard's first render (the whole country: a line per province, the totals of
//! 3,321 units). Results go to
//! `<out>/country-browser.json` and are printed; the document is written by hand from them.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use pkm_e2e::webdriver::{Session, WdResult};

use super::{import_through_screen, on_import_screen, round, say};

/// Runs of the whole import (each in a fresh browser profile).
const RUNS: usize = 5;

/// The country's files in import order: the registry, then the provinces' bundles by number.
fn country_files(dir: &Path) -> Vec<PathBuf> {
    let mut provinces: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the country's folder")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "json")
                && path
                    .file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    provinces.sort();
    let mut files = vec![dir.join("registry.json")];
    files.extend(provinces);
    files
}

/// The lines of the country's table.
const COUNTRY_ROWS: &str = "[data-testid=country-provinces] tbody tr[data-province]";

/// Clicks the dashboard's link and times until the frame with the country's table of 34
/// provinces is painted.
fn time_country_render(s: &Session) -> WdResult<f64> {
    let script = format!(
        r#"
const done = arguments[arguments.length - 1];
const count = () => document.querySelectorAll("{COUNTRY_ROWS}").length;
const started = performance.now();
document.querySelector("[data-testid=province-nav] a[href='/tinh']").click();
const painted = () => requestAnimationFrame(() => setTimeout(() => done(performance.now() - started), 0));
if (count() === 34) {{ painted(); }} else {{
  const observer = new MutationObserver(() => {{ if (count() === 34) {{ observer.disconnect(); painted(); }} }});
  observer.observe(document.body, {{ childList: true, subtree: true }});
}}"#
    );
    let value = s.execute_async(&script, vec![])?;
    Ok(value.as_f64().unwrap_or(f64::NAN))
}

/// The provinces' lines shown and the units assessed they add up to (the table's total row).
fn country_shown(s: &Session) -> (u64, u64) {
    let rows = s
        .execute(
            &format!("return document.querySelectorAll(\"{COUNTRY_ROWS}\").length;"),
            vec![],
        )
        .ok()
        .and_then(|value| value.as_u64())
        .unwrap_or(0);
    let assessed = s
        .execute(
            "const cell = document.querySelector('[data-testid=country-provinces] tfoot td');
             return cell ? Number(cell.textContent.replace(/\\D/g, '')) : 0;",
            vec![],
        )
        .ok()
        .and_then(|value| value.as_u64())
        .unwrap_or(0);
    (rows, assessed)
}

/// The median and the range of some figures.
fn spread(mut values: Vec<f64>) -> Value {
    values.sort_by(f64::total_cmp);
    json!({
        "median": values.get(values.len() / 2).copied().map(round),
        "min": values.first().copied().map(round),
        "max": values.last().copied().map(round),
        "runs": values.iter().copied().map(round).collect::<Vec<_>>(),
    })
}

/// The country mode's entry: `args` are `<dist> <out> <country-dir>`.
pub fn main(args: &[String]) {
    let [dist, out, dir] = args else {
        eprintln!("usage: bench --country <dist> <out> <country-dir>");
        std::process::exit(2);
    };
    let files = country_files(Path::new(dir));
    let bytes: u64 = files
        .iter()
        .map(|file| std::fs::metadata(file).map_or(0, |meta| meta.len()))
        .sum();
    say(&format!(
        "The whole country in the app: {} files, {bytes} bytes",
        files.len()
    ));
    let server = pkm_e2e::server::StaticServer::start(PathBuf::from(dist));
    if std::env::var_os("PKM_BENCH_PROFILE").is_some() {
        // One import under the CPU profiler (a build keeping the wasm's names: where the
        // longest tasks go).
        let (browser, _, _) = on_import_screen(&server);
        let s = browser.session();
        super::profile::start(s);
        import_through_screen(s, &files);
        let file = Path::new(out).join("country.cpuprofile");
        std::fs::create_dir_all(out).expect("the output folder");
        println!(
            "{}",
            super::profile::stop(s, &file, "the whole country's import")
        );
        return;
    }
    let mut runs = Vec::new();
    for run in 0..RUNS {
        println!("  run {} of {RUNS}", run + 1);
        let (browser, _, _) = on_import_screen(&server);
        let s = browser.session();
        let mut result = import_through_screen(s, &files);
        // The whole country's dashboard (the level above the provinces): from the click to the
        // frame painted with a line per province.
        let first = time_country_render(s).unwrap_or(f64::NAN);
        let (rows, assessed) = country_shown(s);
        println!("  dashboard first render: {first:.0} ms, {rows} provinces, {assessed} units");
        if let Some(object) = result.as_object_mut() {
            object.insert("dashboard_first_render_ms".into(), json!(round(first)));
            object.insert("dashboard_rows".into(), json!(rows));
            object.insert("dashboard_units".into(), json!(assessed));
        }
        runs.push(result);
    }
    let figure = |name: &str| -> Vec<f64> {
        runs.iter()
            .map(|run| run[name].as_f64().unwrap_or(f64::NAN))
            .collect()
    };
    let totals: Vec<f64> = runs
        .iter()
        .map(|run| {
            run["preview_ms"].as_f64().unwrap_or(f64::NAN)
                + run["commit_ms"].as_f64().unwrap_or(f64::NAN)
        })
        .collect();
    let memory: Vec<f64> = runs
        .iter()
        .map(|run| {
            run["peak_js_heap"].as_f64().unwrap_or(f64::NAN)
                + run["wasm_memory"].as_f64().unwrap_or(f64::NAN)
        })
        .collect();
    let summary = json!({
        "files": files.len(),
        "bytes": bytes,
        "preview_ms": spread(figure("preview_ms")),
        "commit_ms": spread(figure("commit_ms")),
        "preview_plus_import_ms": spread(totals),
        "longest_app_task_ms": spread(figure("longest_app_task_ms")),
        "choosing_task_ms": spread(figure("choosing_task_ms")),
        "dashboard_first_render_ms": spread(figure("dashboard_first_render_ms")),
        "peak_js_heap": spread(figure("peak_js_heap")),
        "wasm_memory": spread(figure("wasm_memory")),
        "peak_memory_over_data": spread(
            memory.iter().map(|total| total / bytes as f64).collect()
        ),
        "runs": runs,
    });
    let text = serde_json::to_string_pretty(&summary).expect("JSON");
    std::fs::create_dir_all(out).expect("the output folder");
    std::fs::write(Path::new(out).join("country-browser.json"), &text).expect("written");
    let mut brief = summary.clone();
    if let Some(object) = brief.as_object_mut() {
        object.remove("runs");
    }
    println!("\n{}", serde_json::to_string_pretty(&brief).expect("JSON"));
}
