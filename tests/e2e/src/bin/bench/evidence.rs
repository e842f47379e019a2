//! Evidence files (issue 23): a 12-megapixel phone photo attached at the ward, from the picker to
//! the stored, downscaled file on screen (read, type recognised in wasm, decoded, drawn at
//! 2,000 px and encoded as JPEG by the browser, hashed, stored in IndexedDB): the whole attach,
//! so the downscale alone takes less. Each run attaches a different photo, made in the page by
//! the browser (4,000 × 3,000, a gradient with noise so the JPEG is several MB, as a phone's is)
//! and given to the evidence item's file input, as a picked file is; the time is the page's own
//! (`performance.now()` from the input's change to the new row, seen by a mutation observer).
//! Then photos up to 100 on the item (less noise: about 340 KB each once downscaled) and the
//! ward's export, five times in the same page, with the peak JS heap and wasm memory sampled
//! every 50 ms. Then the province's import of 24 such wards (`evidence_import.rs`).
//!
//! `bench --evidence <dist> <out> [runs]`: writes `<out>/evidence.json`; `PKM_BENCH_EVIDENCE`
//! `=ward` or `=province` runs one half only.

use std::path::Path;
use std::time::Duration;

use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::ward;
use pkm_e2e::webdriver::Session;
use serde_json::{Value, json};

const ITEM: &str = "[data-testid=criterion-C06] [data-testid=evidence]";

fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// The median and the range of some figures.
pub(crate) fn spread(mut values: Vec<f64>) -> Value {
    values.sort_by(f64::total_cmp);
    json!({
        "median": values.get(values.len() / 2).copied().map(round),
        "min": values.first().copied().map(round),
        "max": values.last().copied().map(round),
        "runs": values.iter().copied().map(round).collect::<Vec<_>>(),
    })
}

/// Makes photo `index` in the page, gives it to the item's file input and returns the time from
/// the input's change to its row on screen, in ms, and the photo's size in bytes.
fn attach_one(s: &Session, index: usize, noise: u32) -> (f64, f64) {
    let script = r#"
        const done = arguments[arguments.length - 1];
        const [selector, rows, index, amplitude] = [arguments[0], arguments[1], arguments[2], arguments[3]];
        const canvas = new OffscreenCanvas(4000, 3000);
        const context = canvas.getContext('2d');
        const gradient = context.createLinearGradient(0, 0, 4000, 3000);
        gradient.addColorStop(0, `hsl(${index * 47 % 360} 60% 40%)`);
        gradient.addColorStop(1, `hsl(${(index * 47 + 120) % 360} 70% 60%)`);
        context.fillStyle = gradient;
        context.fillRect(0, 0, 4000, 3000);
        const noise = context.getImageData(0, 0, 4000, 3000);
        let seed = 1 + index;
        for (let i = 0; i < noise.data.length; i += 4) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          const n = (seed >>> 24) % (2 * amplitude + 1) - amplitude;
          noise.data[i] += n; noise.data[i + 1] += n; noise.data[i + 2] += n;
        }
        context.putImageData(noise, 0, 0);
        canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 }).then((blob) => {
          const input = document.querySelector(selector);
          const before = document.querySelectorAll(rows).length;
          const file = new File([blob], `anh-${index}.jpg`, { type: 'image/jpeg' });
          const transfer = new DataTransfer();
          transfer.items.add(file);
          let started = 0;
          const observer = new MutationObserver(() => {
            if (document.querySelectorAll(rows).length > before) {
              observer.disconnect();
              done([performance.now() - started, file.size]);
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
          input.files = transfer.files;
          started = performance.now();
          input.dispatchEvent(new Event('change', { bubbles: true }));
        }, (error) => done(String(error)));
    "#;
    let value = s
        .execute_async(
            script,
            vec![
                json!(format!("{ITEM} [data-testid=attach-files]")),
                json!(format!("{ITEM} [data-testid=attachment-sizes]")),
                json!(index),
                json!(noise),
            ],
        )
        .expect("the photo is attached");
    let ms = value[0].as_f64().unwrap_or_else(|| panic!("{value}"));
    (ms, value[1].as_f64().unwrap_or(0.0))
}

/// Attaches photos up to 100 on the item (lighter noise: about 400 KB each once downscaled),
/// then exports the ward's container, sampling the JS heap and the wasm memory every 50 ms
/// from before the click to the download; returns the figures.
fn export_hundred(browser: &Browser, s: &Session, attached: usize) -> Value {
    for index in attached..100 {
        attach_one(s, index, 14);
    }
    ward::wait_all_saved(s).expect("saved");
    let stored = s
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).reduce((sum, row) => sum + Number(row.dataset.size || 0), 0);",
            vec![json!(format!("{ITEM} [data-testid=attachment]"))],
        )
        .unwrap_or(Value::Null);
    let exports: Vec<Value> = (0..EXPORTS)
        .map(|_| export_once(browser, s, &stored))
        .collect();
    let figure = |name: &str| -> Vec<f64> {
        exports
            .iter()
            .filter_map(|export| export[name].as_f64())
            .collect()
    };
    json!({
        "photos": 100,
        "stored_bytes": stored,
        "container_bytes": exports[0]["container_bytes"],
        "export_wall_ms": spread(figure("export_wall_ms")),
        "peak_js_heap_bytes": spread(figure("peak_js_heap_bytes")),
        "peak_wasm_memory_bytes": spread(figure("peak_wasm_memory_bytes")),
        "runs": exports,
    })
}

/// How many times the ward is exported, one after the other in the same page.
const EXPORTS: usize = 5;

/// One export of the ward's container, sampling the JS heap and the wasm memory every 50 ms
/// from before the click to the download (the wasm memory never shrinks: the first export's
/// growth is the one that tells).
fn export_once(browser: &Browser, s: &Session, stored: &Value) -> Value {
    s.execute(
        r#"const sample = () => {
             const b = window.__evidenceBench;
             if (performance.memory) b.heap = Math.max(b.heap, performance.memory.usedJSHeapSize);
             const wasm = window.__pkmWasm && window.__pkmWasm.memory;
             if (wasm) b.wasm = Math.max(b.wasm, wasm.buffer.byteLength);
           };
           window.__evidenceBench = { heap: 0, wasm: 0, before: null };
           sample();
           window.__evidenceBench.before = { ...window.__evidenceBench };
           window.__evidenceBench.timer = setInterval(sample, 50);"#,
        vec![],
    )
    .expect("the sampler");
    let clock = std::time::Instant::now();
    let path = ward::export_bundle(browser, s, ward::HUNG_DUNG.ward_code).expect("exported");
    let wall_ms = clock.elapsed().as_secs_f64() * 1000.0;
    let peaks = s
        .execute(
            "clearInterval(window.__evidenceBench.timer); const b = window.__evidenceBench; return [b.heap, b.wasm, b.before.heap, b.before.wasm];",
            vec![],
        )
        .unwrap_or(Value::Null);
    let container = std::fs::metadata(&path).map_or(0, |meta| meta.len());
    let _ = std::fs::remove_file(&path);
    let result = json!({
        "stored_bytes": stored,
        "container_bytes": container,
        "export_wall_ms": round(wall_ms),
        "peak_js_heap_bytes": peaks[0],
        "peak_wasm_memory_bytes": peaks[1],
        "js_heap_before_bytes": peaks[2],
        "wasm_memory_before_bytes": peaks[3],
    });
    println!("export: {result}");
    result
}

/// The evidence mode's entry: `args` are `<dist> <out> [runs]`.
pub fn main(args: &[String]) {
    let (dist, out) = match args {
        [dist, out, ..] => (dist, out),
        _ => {
            eprintln!("usage: bench --evidence <dist> <out> [runs]");
            std::process::exit(2);
        }
    };
    let runs: usize = args.get(2).and_then(|runs| runs.parse().ok()).unwrap_or(5);
    // `PKM_BENCH_EVIDENCE=ward` or `=province` runs one half only.
    let parts = std::env::var("PKM_BENCH_EVIDENCE").unwrap_or_default();
    let mut result = if parts == "province" {
        json!({})
    } else {
        ward_side(dist, runs)
    };
    if parts != "ward" {
        let cache = Path::new(out).parent().unwrap_or(Path::new(out));
        result["import_24_wards"] = super::evidence_import::measure(Path::new(dist), cache, runs);
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&result).unwrap_or_default()
    );
    std::fs::create_dir_all(out).expect("the output folder");
    std::fs::write(
        Path::new(out).join("evidence.json"),
        serde_json::to_string_pretty(&result).unwrap_or_default(),
    )
    .expect("written");
}

/// The ward's half: the 12-MP photos attached, then 100 photos exported; the figures.
fn ward_side(dist: &str, runs: usize) -> Value {
    let server = StaticServer::start(Path::new(dist).to_path_buf());
    let browser = Browser::launch_with_args(&["--enable-precise-memory-info".to_owned()]);
    let s = browser.session();
    s.set_timeouts(Duration::from_secs(120), Duration::from_secs(60))
        .expect("timeouts");
    // The app announces its wasm instance at start: its memory is sampled during the export.
    s.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "addEventListener('pkm:started', (event) => { window.__pkmWasm = event.detail && event.detail.wasm; });" }),
    )
    .expect("the watcher is installed");
    s.goto(&server.url("/phuong")).expect("the ward");
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).expect("set up");
    ward::start_assessment(s, true).expect("started");
    ward::set_status(s, "C06", "met").expect("a status");
    ward::add_evidence(
        s,
        "C06",
        "1/BB",
        "12/03/2026",
        "Công an phường",
        "Ảnh trụ sở",
    )
    .expect("an evidence item");
    // Run 0 fetches the attachments' module and warms the decoder: not counted.
    let mut times = Vec::new();
    let mut sizes = Vec::new();
    for index in 0..=runs {
        let (ms, bytes) = attach_one(s, index, 24);
        println!("run {index}: {ms:.0} ms for a {:.1} MB photo", bytes / 1e6);
        if index > 0 {
            times.push(ms);
            sizes.push(bytes / 1e6);
        }
    }
    let export = export_hundred(&browser, s, runs + 1);
    let memory = s
        .execute(
            "return [performance.memory ? performance.memory.usedJSHeapSize : null,
                     performance.memory ? performance.memory.totalJSHeapSize : null];",
            vec![],
        )
        .unwrap_or(Value::Null);
    let machine = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    json!({
        "attach_12mp_ms": spread(times),
        "photo_mb": spread(sizes),
        "js_heap_used_bytes": memory[0],
        "js_heap_total_bytes": memory[1],
        "export_100_photos": export,
        "load_average": machine.trim(),
        "cores": std::thread::available_parallelism().map_or(0, usize::from),
    })
}
