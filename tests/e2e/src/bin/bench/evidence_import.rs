//! Evidence files at the province (issue 23): 24 wards' containers (`.pkmz`), each its bundle
//! and 100 photos of about 400 KB (about 40 MB), chosen at once on `/tinh/nhap` of a province
//! whose config is already imported; the time from the choice to every file imported (the
//! preview, the confirmation clicked at once, the import), and how the progress bar moves: its
//! value sampled at every animation frame, with the page's clock.
//!
//! The containers are written once into the bench cache by the core's own writer, from the
//! core's generated province (every ward signed by its own test key, pinned by the config). Each
//! photo is the example JPEG (tests/bundles/files/photo.jpg) followed by its own pseudo-random
//! bytes after the image's end, so every file has its own hash and the size of a downscaled
//! phone photo; the import hashes, checks and stores bytes, it does not decode them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pkm_core::attachment::{AttachmentRef, sha256_hex};
use pkm_core::bundle::ENVELOPE_ORDER;
use pkm_core::bundle::canonical::{bundle_digest, pretty_string_ordered};
use pkm_core::container::write_container;
use pkm_core::{SecretKey, fixtures};
use pkm_e2e::app;
use pkm_e2e::server::StaticServer;
use serde_json::{Value, json};

const WARDS: usize = 24;
const PHOTOS: usize = 100;
const PHOTO_BYTES: usize = 400_000;
const SEED: u64 = 2025;

/// The files of the benchmark: the province's config and the wards' containers.
struct Data {
    config: PathBuf,
    containers: Vec<PathBuf>,
    bytes: u64,
}

/// Photo `index` of ward `ward`: the example JPEG with its own bytes after its end.
fn photo(base: &[u8], ward: usize, index: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(PHOTO_BYTES);
    bytes.extend_from_slice(base);
    let mut seed = (ward as u64 + 1) * 1_000_003 + index as u64 + 1;
    while bytes.len() < PHOTO_BYTES {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        bytes.extend_from_slice(&seed.to_le_bytes());
    }
    bytes.truncate(PHOTO_BYTES);
    bytes
}

/// The ward's bundle `json` with `refs` on its first evidence item, in format version 2, signed
/// again by the ward's test key.
fn with_attachments(json: &str, ward: &str, refs: Vec<Value>) -> String {
    let mut value: Value = serde_json::from_str(json).expect("the ward bundle parses");
    value["format_version"] = json!(2);
    let criteria = value["content"]["assessments"][0]["criteria"]
        .as_object_mut()
        .expect("the ward's criteria");
    let item = criteria
        .values_mut()
        .filter_map(|entries| entries.get_mut(0))
        .filter_map(|entry| entry["value"]["evidence"].get_mut(0))
        .next()
        .expect("an evidence item");
    item["attachments"] = Value::Array(refs);
    let digest = bundle_digest(&value);
    let signature = SecretKey::for_tests(ward)
        .sign_digest(&digest)
        .expect("it signs");
    value["integrity"] = json!({
        "algorithm": "sha256-jcs",
        "digest": digest,
        "signature": signature.to_value(),
    });
    pretty_string_ordered(&value, &ENVELOPE_ORDER)
}

/// Writes the files into `dir`, or finds them there from an earlier run.
fn generate(dir: &Path) -> Data {
    let fixture = fixtures::every_ward_assessed(SEED, WARDS).expect("the province generates");
    std::fs::create_dir_all(dir).expect("the data folder");
    let config = dir.join("cau-hinh.json");
    std::fs::write(&config, &fixture.config_bundle).expect("the config is written");
    let base =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../bundles/files/photo.jpg"))
            .expect("the example photo");
    let mut containers = Vec::new();
    for (number, ward) in fixture.ward_bundles.iter().enumerate() {
        let path = dir.join(format!("{}-2024.pkmz", ward.ward));
        containers.push(path.clone());
        if path.exists() {
            continue;
        }
        let files: BTreeMap<String, Vec<u8>> = (0..PHOTOS)
            .map(|index| photo(&base, number, index))
            .map(|bytes| (sha256_hex(&bytes), bytes))
            .collect();
        let refs = files
            .values()
            .enumerate()
            .map(|(index, bytes)| {
                let reference = AttachmentRef::for_bytes(&format!("anh-{index}.jpg"), bytes)
                    .expect("a photo's reference");
                serde_json::to_value(reference).expect("it serialises")
            })
            .collect();
        let json = with_attachments(&ward.json, ward.ward.as_str(), refs);
        let container = write_container(json.as_bytes(), &files).expect("the container");
        let partial = path.with_extension("part");
        std::fs::write(&partial, container).expect("the container is written");
        std::fs::rename(&partial, &path).expect("the container is in place");
    }
    let bytes = containers
        .iter()
        .map(|file| std::fs::metadata(file).map_or(0, |meta| meta.len()))
        .sum();
    Data {
        config,
        containers,
        bytes,
    }
}

/// The progress bar's value at every animation frame, with the page's clock, from the choice on.
const PROGRESS_PROBE: &str = r#"
window.__progress = { samples: [], chosenAt: null, heap: 0, wasm: 0 };
document.addEventListener('change', () => {
  if (window.__progress.chosenAt === null) window.__progress.chosenAt = performance.now();
}, true);
const sample = () => {
  const p = window.__progress;
  const bar = document.getElementById('import-progress-bar');
  const text = document.querySelector('[data-testid=import-progress-text]');
  const label = document.querySelector('label[for=import-progress-bar]');
  const now = bar ? `${label ? label.textContent : ''} ${text ? text.textContent : ''}` : '';
  const last = p.samples[p.samples.length - 1];
  if (bar && (!last || last.value !== now)) p.samples.push({ at: performance.now(), value: now });
  if (performance.memory) p.heap = Math.max(p.heap, performance.memory.usedJSHeapSize);
  const wasm = window.__pkmWasm && window.__pkmWasm.memory;
  if (wasm) p.wasm = Math.max(p.wasm, wasm.buffer.byteLength);
  requestAnimationFrame(sample);
};
requestAnimationFrame(sample);
"#;

/// One run in a fresh profile: the config imported first (its key confirmed), then the 24
/// containers chosen at once; the figures.
fn run(server: &StaticServer, data: &Data) -> Value {
    let (browser, _, _) = super::on_import_screen(server);
    let s = browser.session();
    app::upload(
        s,
        app::PROVINCE_IMPORT_INPUT,
        std::slice::from_ref(&data.config),
    )
    .expect("the config is chosen");
    app::confirm_every_question(s).expect("the province's key confirmed");
    let confirm = s.wait_for("[data-testid=import-confirm]").expect("preview");
    s.click(&confirm).expect("the config's import");
    app::wait_until_imported(s, 1, Duration::from_secs(300)).expect("the config is imported");
    s.goto(&server.url("/tinh/nhap"))
        .expect("the import screen");
    s.wait_for(app::PROVINCE_IMPORT_INPUT).expect("the picker");
    s.execute(PROGRESS_PROBE, vec![]).expect("the probe");
    let clock = Instant::now();
    app::upload(s, app::PROVINCE_IMPORT_INPUT, &data.containers).expect("the files are chosen");
    let confirm = s
        .wait_until(Duration::from_secs(1800), "the preview", || {
            s.find("[data-testid=import-confirm]")
        })
        .expect("the preview");
    let preview_wall = clock.elapsed().as_secs_f64() * 1000.0;
    s.click(&confirm).expect("the import starts");
    app::wait_until_imported(s, WARDS, Duration::from_secs(1800)).expect("every ward imported");
    let wall = clock.elapsed().as_secs_f64() * 1000.0;
    let probe = s
        .execute(
            r#"const p = window.__progress;
               const end = performance.now();
               const times = p.samples.map((sample) => sample.at);
               let longest = 0;
               for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
               return { page_ms: end - p.chosenAt, values: p.samples.map((s) => s.value),
                        distinct: new Set(p.samples.map((s) => s.value)).size,
                        longest_gap_ms: longest, heap: p.heap, wasm: p.wasm };"#,
            vec![],
        )
        .expect("the probe answers");
    let states = app::file_lines(s, app::IMPORT_RESULTS)
        .map(|lines| lines.iter().filter(|line| line.state == "imported").count())
        .unwrap_or(0);
    // Every ward's 100 files are in the store (the attachments' object store, by hash).
    let stored = s
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const open = indexedDB.open('phuong-kieu-mau');
               open.onsuccess = () => {
                 const count = open.result.transaction('attachments').objectStore('attachments').count();
                 count.onsuccess = () => { done(count.result); open.result.close(); };
                 count.onerror = () => done(String(count.error));
               };
               open.onerror = () => done(String(open.error));"#,
            vec![],
        )
        .unwrap_or(Value::Null);
    let result = json!({
        "files_stored": stored,
        "wall_ms": super::round(wall),
        "preview_wall_ms": super::round(preview_wall),
        "page_ms": probe["page_ms"].as_f64().map(super::round),
        "imported": states,
        "progress_distinct_values": probe["distinct"],
        "progress_longest_gap_ms": probe["longest_gap_ms"].as_f64().map(super::round),
        "progress_values": probe["values"],
        "peak_js_heap_bytes": probe["heap"],
        "peak_wasm_memory_bytes": probe["wasm"],
    });
    println!("  {result}");
    result
}

/// The import of 24 wards' containers, `runs` times, each in a fresh profile; the figures.
pub fn measure(dist: &Path, cache: &Path, runs: usize) -> Value {
    let data = generate(&cache.join("evidence-wards"));
    println!(
        "24 wards' containers: {:.1} MB in all",
        data.bytes as f64 / 1e6
    );
    let server = StaticServer::start(dist.to_path_buf());
    let runs: Vec<Value> = (0..runs)
        .map(|run_number| {
            println!("  run {} of the 24 wards' import", run_number + 1);
            run(&server, &data)
        })
        .collect();
    let figure =
        |name: &str| -> Vec<f64> { runs.iter().filter_map(|run| run[name].as_f64()).collect() };
    json!({
        "wards": WARDS,
        "photos_per_ward": PHOTOS,
        "bytes": data.bytes,
        "wall_ms": super::evidence::spread(figure("wall_ms")),
        "preview_wall_ms": super::evidence::spread(figure("preview_wall_ms")),
        "progress_distinct_values": super::evidence::spread(figure("progress_distinct_values")),
        "progress_longest_gap_ms": super::evidence::spread(figure("progress_longest_gap_ms")),
        "peak_wasm_memory_bytes": super::evidence::spread(figure("peak_wasm_memory_bytes")),
        "peak_js_heap_bytes": super::evidence::spread(figure("peak_js_heap_bytes")),
        "runs": runs,
        "load_average": std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim(),
    })
}
