//! axe-core, the accessibility rules engine, run in the page under test: the serious and
//! critical violations of a screen against WCAG 2.x A/AA and axe's best practices.
//!
//! `scripts/setup.sh --browser` installs axe-core (pinned) from npm into the tools folder; the
//! script is injected through WebDriver, which is not bound by the page's Content-Security-Policy.

use std::path::PathBuf;

use crate::webdriver::{Session, WdResult};

/// The rule sets run: WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe has no rule of its own at
/// 2.2 A), and axe's best practices.
const TAGS: [&str; 6] = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

/// Where axe-core's script is: `$PKM_AXE_JS`, else `axe.min.js` in the tools folder
/// (`$PKM_TOOLS`, default `~/.cache/pkm-tools`), where `scripts/setup.sh --browser` puts it.
pub fn script_path() -> PathBuf {
    if let Some(path) = std::env::var_os("PKM_AXE_JS") {
        return PathBuf::from(path);
    }
    let tools = std::env::var_os("PKM_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cache/pkm-tools")
        });
    tools.join("node_modules/axe-core/axe.min.js")
}

/// One violation: the rule, its impact, what it asks, and the first elements that break it.
#[derive(Debug, Clone)]
pub struct Violation {
    /// The rule's id, such as `color-contrast`.
    pub rule: String,
    /// `serious` or `critical`.
    pub impact: String,
    /// What the rule asks, in axe's words.
    pub help: String,
    /// CSS selectors of up to five elements that break it.
    pub targets: Vec<String>,
}

/// Runs axe-core on the page as it is now and returns its serious and critical violations
/// (injecting the script first when the page does not have it yet).
pub fn serious_violations(s: &Session) -> WdResult<Vec<Violation>> {
    let loaded = s.execute("return typeof window.axe === 'object';", vec![])?;
    if loaded != serde_json::Value::Bool(true) {
        let path = script_path();
        let source = std::fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!(
                "axe-core is not at {} ({error}): run scripts/setup.sh --browser",
                path.display()
            )
        });
        s.execute(&source, vec![])?;
    }
    let found = s.execute_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {
           runOnly: { type: 'tag', values: arguments[0] },
           resultTypes: ['violations'],
         }).then((result) => done(result.violations
             .filter((v) => v.impact === 'serious' || v.impact === 'critical')
             .map((v) => ({
               rule: v.id,
               impact: v.impact,
               help: v.help,
               targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
             }))),
           (error) => done({ error: String(error) }));",
        vec![serde_json::json!(TAGS)],
    )?;
    if let Some(error) = found.get("error") {
        panic!("axe-core failed: {error}");
    }
    Ok(found
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| Violation {
            rule: v["rule"].as_str().unwrap_or_default().to_owned(),
            impact: v["impact"].as_str().unwrap_or_default().to_owned(),
            help: v["help"].as_str().unwrap_or_default().to_owned(),
            targets: v["targets"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
        })
        .collect())
}

/// Runs axe on the screen shown now and fails the test, naming `screen` and each rule broken,
/// when it finds a serious or critical violation.
pub fn assert_clean(s: &Session, screen: &str) {
    let found: Vec<String> = serious_violations(s)
        .expect("axe runs")
        .into_iter()
        .map(|v| {
            format!(
                "{} ({}) {}: {}",
                v.rule,
                v.impact,
                v.help,
                v.targets.join(" | ")
            )
        })
        .collect();
    assert!(found.is_empty(), "{screen}: {found:#?}");
}
