//! Page-object helpers: the app's screens as the tests see them (selectors live here only).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use crate::webdriver::{Element, Session, WdResult};

/// The heading of the current page.
pub const PAGE_TITLE: &str = "[data-testid=page-title]";
/// The language switch button.
pub const LANG_SWITCH: &str = "[data-testid=lang-switch]";
/// The save indicator.
pub const SAVE_STATUS: &str = "[data-testid=save-status]";
/// The "new version" banner.
pub const UPDATE_BANNER: &str = "[data-testid=update-banner]";
/// The online/offline item of the status bar.
pub const STATUS_ONLINE: &str = "[data-testid=status-online]";

/// The `lang` attribute of `<html>`.
pub fn document_lang(session: &Session) -> WdResult<String> {
    Ok(session
        .execute("return document.documentElement.lang;", vec![])?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// Waits until a service worker controls the page and its shell cache is complete.
pub fn wait_until_offline_ready(session: &Session) -> WdResult<()> {
    session.wait_until(Duration::from_secs(30), "a controlling service worker", || {
        let ready = session.execute_async(
            "const done = arguments[arguments.length - 1];
             if (!navigator.serviceWorker || !navigator.serviceWorker.controller) { done(false); return; }
             caches.keys().then(keys => done(keys.some(k => k.startsWith('pkm-shell-'))));",
            vec![],
        )?;
        Ok((ready == Value::Bool(true)).then_some(()))
    })
}

/// The names of the app's shell caches.
pub fn shell_caches(session: &Session) -> WdResult<Vec<String>> {
    let keys = session.execute_async(
        "const done = arguments[arguments.length - 1];
         caches.keys().then(keys => done(keys.filter(k => k.startsWith('pkm-shell-'))));",
        vec![],
    )?;
    Ok(keys
        .as_array()
        .map(|keys| {
            keys.iter()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

/// Types `text` into the input labelled by `label_for` (its id), replacing what was there.
pub fn fill(session: &Session, input_id: &str, text: &str) -> WdResult<Element> {
    let input = session.wait_for(&format!("#{input_id}"))?;
    session.clear(&input)?;
    session.send_keys(&input, text)?;
    Ok(input)
}

/// The current value of the input with id `input_id`.
pub fn input_value(session: &Session, input_id: &str) -> WdResult<String> {
    let input = session.wait_for(&format!("#{input_id}"))?;
    Ok(session
        .property(&input, "value")?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// Waits until the save indicator says the last change is committed.
pub fn wait_saved(session: &Session) -> WdResult<()> {
    session
        .wait_for_attribute(SAVE_STATUS, "data-state", "saved")
        .map(drop)
}

/// Saves a screenshot under `target/e2e/` and returns its path.
pub fn screenshot(session: &Session, name: &str) -> WdResult<PathBuf> {
    let png = session.screenshot()?;
    let path = crate::artefact_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).expect("the screenshot can be written");
    Ok(path)
}

/// Saves a screenshot of the whole page (beyond the viewport) under `target/e2e/`.
pub fn full_page_screenshot(session: &Session, name: &str) -> WdResult<PathBuf> {
    let shot = session.cdp(
        "Page.captureScreenshot",
        serde_json::json!({ "format": "png", "captureBeyondViewport": true }),
    )?;
    let png = crate::webdriver::decode_base64(shot["data"].as_str().unwrap_or_default())?;
    let path = crate::artefact_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).expect("the screenshot can be written");
    Ok(path)
}

/// Copies a build folder (to make a "newer version" of it in tests).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("the copy folder can be created");
    for entry in std::fs::read_dir(from).expect("the build folder is readable") {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a file copies");
        }
    }
}

/// Chooses `files` in the file input matching `selector` (as a person picking them would).
pub fn upload(session: &Session, selector: &str, files: &[PathBuf]) -> WdResult<()> {
    let input = session.wait_for(selector)?;
    let paths: Vec<String> = files
        .iter()
        .map(|path| {
            path.canonicalize()
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string()
        })
        .collect();
    session.send_keys(&input, &paths.join("\n"))
}

// ----- The provincial workspace -----------------------------------------------------------------

/// The provincial import screen's file input.
pub const PROVINCE_IMPORT_INPUT: &str = "[data-testid=import-files]";

/// One line of the provincial import results: the file name, its state (`imported`, `already`,
/// `rejected`) and its visible text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportLine {
    /// The file name.
    pub file: String,
    /// `imported`, `already` or `rejected`.
    pub state: String,
    /// The line's text as shown.
    pub text: String,
}

/// A fresh folder under the system's temporary folder, for generated files.
pub fn temp_folder(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "pkm-{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder can be created");
    dir
}

/// The visible text of the first element matching `selector` (waiting for it).
pub fn text_of(session: &Session, selector: &str) -> WdResult<String> {
    let element = session.wait_for(selector)?;
    session.text(&element)
}

/// Clicks the first element matching `selector` (waiting for it).
pub fn click(session: &Session, selector: &str) -> WdResult<()> {
    let element = session.wait_for(selector)?;
    session.click(&element)
}

/// Waits, up to `limit`, until the provincial import screen has imported all `count` files (its
/// progress reads `count/count` and it offers another import).
pub fn wait_until_imported(session: &Session, count: usize, limit: Duration) -> WdResult<()> {
    let expected = format!("{count}/{count}");
    session.wait_until(limit, "every file imported", || {
        let done = session.find("[data-testid=import-again]")?.is_some();
        let progress = match session.find("[data-testid=import-progress-text]")? {
            Some(element) => session.text(&element).unwrap_or_default(),
            None => String::new(),
        };
        Ok((done && progress == expected).then_some(()))
    })
}

/// Chooses `files` on the provincial import screen (which must be open), waits for the preview,
/// returns the preview's summary, confirms, and waits until every file is done; returns one line
/// per file, in order.
pub fn province_import(
    session: &Session,
    files: &[PathBuf],
) -> WdResult<(String, Vec<ImportLine>)> {
    upload(session, PROVINCE_IMPORT_INPUT, files)?;
    let confirm = session.wait_for("[data-testid=import-confirm]")?;
    let summary = text_of(session, "[data-testid=preview-summary]")?;
    session.click(&confirm)?;
    wait_until_imported(session, files.len(), Duration::from_secs(60))?;
    Ok((summary, file_lines(session, IMPORT_RESULTS)?))
}

/// As [`province_import`], answering "yes" first to the questions about each unit of `confirm`
/// (the fixture's province, whose config comes to a fresh store: its key, read back by phone in
/// real life).
pub fn province_import_confirming(
    session: &Session,
    files: &[PathBuf],
    confirm: &[&str],
) -> WdResult<(String, Vec<ImportLine>)> {
    upload(session, PROVINCE_IMPORT_INPUT, files)?;
    for unit in confirm {
        answer(session, unit, None, true)?;
    }
    let confirm = session.wait_for("[data-testid=import-confirm]")?;
    let summary = text_of(session, "[data-testid=preview-summary]")?;
    session.click(&confirm)?;
    wait_until_imported(session, files.len(), Duration::from_secs(60))?;
    Ok((summary, file_lines(session, IMPORT_RESULTS)?))
}

/// One question of the trust panel ("Cần xác nhận trước khi nhập"), as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The unit asked about.
    pub unit: String,
    /// `key`, `unsigned` or `future`.
    pub ask: String,
    /// For a key, its full fingerprint (64 hex digits); empty otherwise.
    pub fingerprint: String,
    /// The question's text as shown.
    pub text: String,
}

/// The selector of every question of the trust panel.
const QUESTIONS: &str = "[data-testid=trust-questions] li.pkm-trust__question";

fn question_of(session: &Session, element: &Element) -> WdResult<Question> {
    let id = session
        .attribute(element, "data-testid")?
        .unwrap_or_default();
    Ok(Question {
        unit: id.trim_start_matches("decision-").to_owned(),
        ask: session.attribute(element, "data-ask")?.unwrap_or_default(),
        fingerprint: session
            .attribute(element, "data-fingerprint")?
            .unwrap_or_default(),
        text: session.text(element)?,
    })
}

/// The questions of the trust panel shown now (none when there is no panel).
pub fn questions(session: &Session) -> WdResult<Vec<Question>> {
    let mut found = Vec::new();
    for element in session.find_all(QUESTIONS)? {
        found.push(question_of(session, &element)?);
    }
    Ok(found)
}

/// The first question of the trust panel, if any (one look, however many are asked).
pub fn first_question(session: &Session) -> WdResult<Option<Question>> {
    match session.find(QUESTIONS)? {
        Some(element) => question_of(session, &element).map(Some),
        None => Ok(None),
    }
}

/// On the provincial import screen, once the preview is ready, says "yes" to every question it
/// asks, one after the other (each answer previews the files again; the answers to the first
/// may settle the others, as a config does for its wards' keys); returns how many were
/// answered.
pub fn confirm_every_question(session: &Session) -> WdResult<usize> {
    session.wait_until(Duration::from_secs(1800), "the preview", || {
        let Some(preview) = session.find("[data-testid=import-preview]")? else {
            return Ok(None);
        };
        let phase = session.attribute(&preview, "data-phase")?;
        Ok((phase.as_deref() == Some("previewed")).then_some(()))
    })?;
    let mut answered = 0;
    while let Some(question) = first_question(session)? {
        let key = (!question.fingerprint.is_empty()).then_some(question.fingerprint.as_str());
        answer(session, &question.unit, key, true)?;
        answered += 1;
    }
    Ok(answered)
}

/// Waits until the trust panel asks about `unit` (its key `fingerprint`, when given) and returns
/// the questions then shown.
pub fn wait_for_question(
    session: &Session,
    unit: &str,
    fingerprint: Option<&str>,
) -> WdResult<Vec<Question>> {
    session.wait_until(
        Duration::from_secs(60),
        &format!("the question about {unit}"),
        || {
            let shown = match questions(session) {
                Ok(shown) => shown,
                Err(error) if error.0.contains("stale element") => return Ok(None),
                Err(error) => return Err(error),
            };
            let asked = shown.iter().any(|question| {
                question.unit == unit && fingerprint.is_none_or(|key| question.fingerprint == key)
            });
            Ok(asked.then_some(shown))
        },
    )
}

/// The selector of the question about `unit` (its key `fingerprint`, when given).
fn question_selector(unit: &str, fingerprint: Option<&str>) -> String {
    match fingerprint {
        Some(key) => format!("[data-testid='decision-{unit}'][data-fingerprint='{key}']"),
        None => format!("[data-testid='decision-{unit}']"),
    }
}

/// On the provincial import screen, answers the question about `unit` (its key `fingerprint`,
/// when given) by its accept or refuse button, and waits until the preview is ready again (after
/// a "yes", previewed anew with the decision; after a "no", without the question).
pub fn answer(
    session: &Session,
    unit: &str,
    fingerprint: Option<&str>,
    accept: bool,
) -> WdResult<()> {
    wait_for_question(session, unit, fingerprint)?;
    let preview = session.wait_for("[data-testid=import-preview]")?;
    let run = session.attribute(&preview, "data-run")?.unwrap_or_default();
    let asked = session
        .find_all(&question_selector(unit, fingerprint))?
        .len();
    let button = if accept { "accept" } else { "refuse" };
    let selector = format!(
        "{} [data-testid='decision-{button}-{unit}']",
        question_selector(unit, fingerprint)
    );
    click(session, &selector)?;
    if accept {
        session.wait_until(Duration::from_secs(60), "the preview run again", || {
            let Some(preview) = session.find("[data-testid=import-preview]")? else {
                return Ok(None);
            };
            let now = session.attribute(&preview, "data-run")?.unwrap_or_default();
            let phase = session
                .attribute(&preview, "data-phase")?
                .unwrap_or_default();
            Ok((now != run && phase == "previewed").then_some(()))
        })
    } else {
        let shown = question_selector(unit, fingerprint);
        session.wait_until(Duration::from_secs(10), "the question hidden", || {
            Ok((session.find_all(&shown)?.len() < asked).then_some(()))
        })
    }
}

/// The provincial import screen's list of preview lines.
pub const PREVIEW_LINES: &str = "[data-testid=preview-lines]";

/// The provincial import screen's list of result lines.
pub const IMPORT_RESULTS: &str = "[data-testid=import-results]";

/// The lines of a list of file lines (`list` is [`PREVIEW_LINES`] or [`IMPORT_RESULTS`]), in
/// order.
pub fn file_lines(session: &Session, list: &str) -> WdResult<Vec<ImportLine>> {
    let mut lines = Vec::new();
    for element in session.find_all(&format!("{list} > li"))? {
        lines.push(ImportLine {
            file: session
                .attribute(&element, "data-file")?
                .unwrap_or_default(),
            state: session
                .attribute(&element, "data-state")?
                .unwrap_or_default(),
            text: session.text(&element)?,
        });
    }
    Ok(lines)
}

/// Saves a screenshot of the whole page (not only the viewport) under `target/e2e/`, optionally
/// as the page prints (print media), and returns its path.
pub fn page_screenshot(session: &Session, name: &str, print: bool) -> WdResult<PathBuf> {
    if print {
        session.cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "media": "print" }),
        )?;
    }
    // Printing lays the page out on A4 paper: 210 mm less the margins is about 700 CSS pixels.
    let (width, scale) = if print { (720, 2) } else { (1280, 1) };
    let metrics = |height: u64| {
        session.cdp(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({
                "width": width, "height": height, "deviceScaleFactor": scale, "mobile": false
            }),
        )
    };
    metrics(900)?;
    std::thread::sleep(Duration::from_millis(200));
    let height = session
        .execute(
            "return Math.ceil(document.documentElement.scrollHeight);",
            vec![],
        )?
        .as_u64()
        .unwrap_or(900)
        .clamp(600, 12_000);
    metrics(height)?;
    std::thread::sleep(Duration::from_millis(300));
    let path = screenshot(session, name);
    session.cdp(
        "Emulation.clearDeviceMetricsOverride",
        serde_json::json!({}),
    )?;
    if print {
        session.cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "media": "" }),
        )?;
    }
    path
}

/// Drops a file named `name` holding `text` on the element matching `selector`, as a person
/// dragging it from the file manager would (a `dragover`, then a `drop` with a `DataTransfer`).
pub fn drop_file(session: &Session, selector: &str, name: &str, text: &str) -> WdResult<()> {
    session.wait_for(selector)?;
    session
        .execute(
            "const [selector, name, text] = arguments;
             const transfer = new DataTransfer();
             transfer.items.add(new File([text], name, { type: 'application/json' }));
             const zone = document.querySelector(selector);
             const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
             zone.dispatchEvent(new DragEvent('dragover', init));
             zone.dispatchEvent(new DragEvent('drop', init));",
            vec![selector.into(), name.into(), text.into()],
        )
        .map(drop)
}

/// The form controls of the page that have no accessible name (no `<label for>`, no wrapping
/// label, no `aria-label`/`aria-labelledby`), described by tag and id.
pub fn unlabelled_controls(session: &Session) -> WdResult<Vec<String>> {
    let found = session.execute(
        "return Array.from(document.querySelectorAll('input, select, textarea'))
            .filter(el => el.type !== 'hidden')
            .filter(el => !(el.labels && el.labels.length)
                && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
            .map(el => el.tagName.toLowerCase() + '#' + (el.id || '?'));",
        vec![],
    )?;
    Ok(found
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

/// The id of the focused element.
pub fn focused_id(session: &Session) -> WdResult<String> {
    Ok(session
        .execute(
            "return document.activeElement ? document.activeElement.id : '';",
            vec![],
        )?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// The names of the build's files (wasm, js, css) the page fetched so far, sorted, once each:
/// what a visit loaded to get where it is (its resource timing).
pub fn fetched_files(session: &Session) -> WdResult<Vec<String>> {
    let names = session.execute(
        "return performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()).filter((n) => /\\.(wasm|js|css)$/.test(n));",
        vec![],
    )?;
    let mut names: Vec<String> = names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|name| name.as_str().map(str::to_owned))
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}
