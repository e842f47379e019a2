//! The profile mode of the benchmark driver (`scripts/bench.sh --profile`): the 700 wards' import,
//! the dashboard's first render and the merged province bundle's import, each under Chromium's
//! sampling CPU profiler, and a summary of where the main thread spent its time:
//! the functions with the most self time over the whole work, and, for every stretch of work
//! longer than 50 ms without a pause (a long task), the app's and the core's functions it spent
//! its time in. Needs a build whose wasm keeps its function names (the script builds one).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use pkm_e2e::webdriver::Session;
use serde_json::{Value, json};

/// The sampling interval, in microseconds.
const INTERVAL_US: u64 = 250;
/// A stretch of work at least this long is reported (the long-task threshold).
const LONG_MS: f64 = 50.0;
/// Functions listed per table.
const TOP: usize = 12;

/// Starts the sampling profiler on the page.
pub fn start(s: &Session) {
    s.cdp("Profiler.enable", json!({})).expect("the profiler");
    s.cdp(
        "Profiler.setSamplingInterval",
        json!({ "interval": INTERVAL_US }),
    )
    .expect("the sampling interval");
    s.cdp("Profiler.start", json!({}))
        .expect("the profiler starts");
}

/// Stops the profiler, writes the profile to `file` (Chromium's `.cpuprofile`, which DevTools
/// opens) and returns the summary of `what` (the work profiled) as text.
pub fn stop(s: &Session, file: &Path, what: &str) -> String {
    let answer = s
        .cdp("Profiler.stop", json!({}))
        .expect("the profiler stops");
    let profile = answer.get("profile").cloned().unwrap_or(Value::Null);
    std::fs::write(file, profile.to_string()).expect("the profile can be written");
    Profile::from_json(&profile).summary(what)
}

/// One node of the call tree: its function and its caller.
struct Node {
    name: String,
    parent: Option<u64>,
}

/// A sampled profile: the call tree and, in order, each sample's node and duration.
struct Profile {
    nodes: BTreeMap<u64, Node>,
    samples: Vec<(u64, f64)>,
}

impl Profile {
    fn from_json(profile: &Value) -> Profile {
        let mut nodes = BTreeMap::new();
        let list = profile["nodes"].as_array().cloned().unwrap_or_default();
        for node in &list {
            let id = node["id"].as_u64().unwrap_or(0);
            let frame = &node["callFrame"];
            let mut name = frame["functionName"].as_str().unwrap_or("").to_owned();
            if name.is_empty() {
                name = format!("(anonymous {})", frame["url"].as_str().unwrap_or(""));
            }
            nodes.entry(id).or_insert(Node { name, parent: None });
        }
        for node in &list {
            let id = node["id"].as_u64().unwrap_or(0);
            for child in node["children"].as_array().into_iter().flatten() {
                if let Some(child) = child.as_u64().and_then(|c| nodes.get_mut(&c)) {
                    child.parent = Some(id);
                }
            }
        }
        let ids = profile["samples"].as_array().cloned().unwrap_or_default();
        let deltas = profile["timeDeltas"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        // A sample's time is the gap to the next one.
        let mut samples = Vec::with_capacity(ids.len());
        for (index, id) in ids.iter().enumerate() {
            let next = deltas.get(index + 1).and_then(Value::as_f64).unwrap_or(0.0);
            samples.push((id.as_u64().unwrap_or(0), next / 1000.0));
        }
        Profile { nodes, samples }
    }

    fn name(&self, id: u64) -> &str {
        self.nodes.get(&id).map_or("?", |node| node.name.as_str())
    }

    /// The names on the stack of `id`, innermost first.
    fn stack(&self, id: u64) -> Vec<&str> {
        let mut names = Vec::new();
        let mut at = Some(id);
        while let Some(id) = at {
            let Some(node) = self.nodes.get(&id) else {
                break;
            };
            names.push(node.name.as_str());
            at = node.parent;
        }
        names
    }

    fn summary(&self, what: &str) -> String {
        let mut out = String::new();
        let total: f64 = self.samples.iter().map(|(_, ms)| ms).sum();
        let idle: f64 = self
            .samples
            .iter()
            .filter(|(id, _)| self.name(*id) == "(idle)")
            .map(|(_, ms)| ms)
            .sum();
        out.push_str(&format!(
            "profile of {what}: {total:.0} ms sampled, {idle:.0} ms idle\n\nself time, all of it:\n"
        ));
        out.push_str(&self.table(&self.samples, false));
        for (start, stretch) in self.stretches() {
            let length: f64 = stretch.iter().map(|(_, ms)| ms).sum();
            out.push_str(&format!(
                "\nstretch of {length:.0} ms without a pause, at {start:.0} ms:\n  self time:\n"
            ));
            out.push_str(&self.table(stretch, false));
            out.push_str("  time inside (the app's and the core's functions):\n");
            out.push_str(&self.table(stretch, true));
        }
        out
    }

    /// Runs of samples with no idle sample between them, at least [`LONG_MS`] long, with their
    /// start (ms from the profile's start).
    fn stretches(&self) -> Vec<(f64, &[(u64, f64)])> {
        let idle = |(id, _): &(u64, f64)| self.name(*id) == "(idle)";
        let mut found = Vec::new();
        let mut clock = 0.0;
        // Each chunk ends with its idle sample, but the last may not.
        for chunk in self.samples.split_inclusive(idle) {
            let stretch = match chunk.split_last() {
                Some((last, rest)) if idle(last) => rest,
                _ => chunk,
            };
            if stretch.iter().map(|(_, ms)| ms).sum::<f64>() >= LONG_MS {
                found.push((clock, stretch));
            }
            clock += chunk.iter().map(|(_, ms)| ms).sum::<f64>();
        }
        found
    }

    /// The top functions of `samples`: by self time, or by time inside (each function counted
    /// once per sample), only the app's and the core's.
    fn table(&self, samples: &[(u64, f64)], inside: bool) -> String {
        let mut times = BTreeMap::<&str, f64>::new();
        for (id, ms) in samples {
            if inside {
                let mut seen = BTreeSet::new();
                for name in self.stack(*id) {
                    let ours = name.contains("phuong_kieu_mau::") || name.contains("pkm_core::");
                    if ours && seen.insert(name) {
                        *times.entry(name).or_default() += ms;
                    }
                }
            } else {
                *times.entry(self.name(*id)).or_default() += ms;
            }
        }
        let mut sorted: Vec<(&str, f64)> = times.into_iter().collect();
        sorted.sort_by(|a, b| b.1.total_cmp(&a.1));
        sorted
            .iter()
            .take(TOP)
            .map(|(name, ms)| format!("  {ms:8.1} ms  {}\n", short(name)))
            .collect()
    }
}

/// A function name without its hash and cut to a line.
fn short(name: &str) -> String {
    let name = match name.rfind("::h") {
        Some(at) if name.len() - at == 19 => &name[..at],
        _ => name,
    };
    name.chars().take(150).collect()
}
