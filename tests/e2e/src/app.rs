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
