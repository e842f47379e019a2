//! Page-object helpers for the ward workspace (`/phuong`): selectors live here only.

use std::time::Duration;

use crate::app;
use crate::webdriver::{Session, WdResult};

/// The units a test ward is set up with.
#[derive(Clone, Debug)]
pub struct WardSetup {
    /// Province name.
    pub province: &'static str,
    /// Province code.
    pub province_code: &'static str,
    /// Ward name.
    pub ward: &'static str,
    /// Ward code.
    pub ward_code: &'static str,
    /// Officer.
    pub officer: &'static str,
}

/// A ward of Nghệ An, as a test default.
pub const HUNG_DUNG: WardSetup = WardSetup {
    province: "Công an tỉnh Nghệ An",
    province_code: "40",
    ward: "Công an phường Hưng Dũng",
    ward_code: "16678",
    officer: "Nguyễn Thị Hồng",
};

/// On the first-run page, types the units in by hand and saves.
pub fn set_up_by_hand(s: &Session, setup: &WardSetup) -> WdResult<()> {
    s.wait_for_text(app::PAGE_TITLE, "Bắt đầu: khai báo đơn vị")?;
    app::fill(s, "first-province-name", setup.province)?;
    app::fill(s, "first-province-code", setup.province_code)?;
    app::fill(s, "first-ward-name", setup.ward)?;
    app::fill(s, "first-ward-code", setup.ward_code)?;
    app::fill(s, "first-officer", setup.officer)?;
    s.click(&s.wait_for("[data-testid=first-run-save]")?)?;
    s.wait_until(Duration::from_secs(20), "the ward line", || {
        let Some(line) = s.find("[data-testid=ward-unit]")? else {
            return Ok(None);
        };
        Ok(s.text(&line)?.starts_with(setup.ward).then_some(()))
    })
}

/// Starts the year's assessment on the "new" track (or "maintain").
pub fn start_assessment(s: &Session, maintain: bool) -> WdResult<()> {
    let track = if maintain {
        "#track-maintain"
    } else {
        "#track-new"
    };
    s.click(&s.wait_for(track)?)?;
    s.click(&s.wait_for("[data-testid=start-assessment]")?)?;
    s.wait_for("[data-testid=criterion-C20]").map(drop)
}

/// Chooses a status of a criterion: `met`, `expected`, `not-met` or `not-assessed`.
pub fn set_status(s: &Session, criterion: &str, status: &str) -> WdResult<()> {
    s.click(&s.wait_for(&format!("#status-{criterion}-{status}"))?)?;
    s.wait_for_attribute(
        &format!("[data-testid=criterion-{criterion}]"),
        "data-status",
        status,
    )
    .map(drop)
}

/// Types into a criterion's note.
pub fn type_note(s: &Session, criterion: &str, text: &str) -> WdResult<()> {
    app::fill(s, &format!("note-{criterion}"), text).map(drop)
}

/// The save state of one criterion (`saved`, `saving`, `failed`, `idle`).
pub fn criterion_save_state(s: &Session, criterion: &str) -> WdResult<String> {
    let indicator = s.wait_for(&format!(
        "[data-testid=criterion-{criterion}] [data-testid=save-status]"
    ))?;
    Ok(s.attribute(&indicator, "data-state")?.unwrap_or_default())
}

/// Waits until a criterion says "Đã lưu".
pub fn wait_criterion_saved(s: &Session, criterion: &str) -> WdResult<()> {
    s.wait_for_attribute(
        &format!("[data-testid=criterion-{criterion}] [data-testid=save-status]"),
        "data-state",
        "saved",
    )
    .map(drop)
}

/// Waits until no save indicator on the page is saving or failed.
pub fn wait_all_saved(s: &Session) -> WdResult<()> {
    s.wait_until(Duration::from_secs(20), "every change saved", || {
        let busy = s.execute(
            "return document.querySelectorAll('[data-testid=save-status][data-state=saving],[data-testid=save-status][data-state=failed]').length;",
            vec![],
        )?;
        Ok((busy.as_u64() == Some(0)).then_some(()))
    })
}

/// Adds one evidence item to a criterion and fills it.
pub fn add_evidence(
    s: &Session,
    criterion: &str,
    number: &str,
    date_ddmmyyyy: &str,
    issuer: &str,
    description: &str,
) -> WdResult<()> {
    let before = s
        .find_all(&format!(
            "[data-testid=criterion-{criterion}] [data-testid=evidence]"
        ))?
        .len();
    s.click(&s.wait_for(&format!("[data-testid=add-evidence-{criterion}]"))?)?;
    s.wait_until(Duration::from_secs(10), "a new evidence row", || {
        let rows = s.find_all(&format!(
            "[data-testid=criterion-{criterion}] [data-testid=evidence]"
        ))?;
        Ok((rows.len() > before).then_some(()))
    })?;
    let prefix = format!(
        "[data-testid=criterion-{criterion}] [data-testid=evidence]:nth-of-type({})",
        before + 1
    );
    let input = |suffix: &str| -> WdResult<crate::webdriver::Element> {
        s.wait_for(&format!("{prefix} input[id$='-{suffix}']"))
    };
    s.send_keys(&input("number")?, number)?;
    // Date inputs take the digits of the local format (dd/mm/yyyy in Vietnamese Chromium
    // settings, mm/dd/yyyy otherwise); setting the value through the page avoids locale guesses.
    let date = input("date")?;
    let parts: Vec<&str> = date_ddmmyyyy.split('/').collect();
    let iso = format!("{}-{}-{}", parts[2], parts[1], parts[0]);
    s.execute(
        "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![date.as_arg(), serde_json::Value::String(iso)],
    )?;
    s.send_keys(&input("issuer")?, issuer)?;
    s.send_keys(&input("description")?, description)?;
    Ok(())
}

/// On the exchange page, clicks "export" and returns the downloaded ward bundle (the newest file
/// named `pkm-{ward_code}-…` that arrived after the click).
#[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
pub fn export_bundle(
    browser: &crate::browser::Browser,
    s: &Session,
    ward_code: &str,
) -> WdResult<std::path::PathBuf> {
    s.click(&s.wait_for("a[href='/phuong/trao-doi']")?)?;
    let clicked = std::time::SystemTime::now();
    s.click(&s.wait_for("[data-testid=export-button]")?)?;
    s.wait_for_attribute("[data-testid=unexported-count]", "data-count", "0")?;
    let prefix = format!("pkm-{ward_code}-");
    Ok(browser.wait_for_download_since(clicked, |name| name.starts_with(&prefix)))
}

/// On the exchange page, imports `file` through the ward import and returns the line the page
/// shows for it, once it names that file.
pub fn import_file(s: &Session, file: &std::path::Path) -> WdResult<String> {
    if s.find("#import-file")?.is_none() {
        s.click(&s.wait_for("a[href='/phuong/trao-doi']")?)?;
    }
    let name = file
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default()
        .to_owned();
    app::upload(s, "#import-file", &[file.to_path_buf()])?;
    s.wait_until(
        Duration::from_secs(60),
        &format!("the import result of {name}"),
        || {
            let Some(line) = s.find("[data-testid=import-file-results] li")? else {
                return Ok(None);
            };
            match s.text(&line) {
                Ok(text) if text.starts_with(&format!("{name}: ")) => Ok(Some(text)),
                Ok(_) => Ok(None),
                Err(error) if error.0.contains("stale element") => Ok(None),
                Err(error) => Err(error),
            }
        },
    )
}

/// In a ward import box whose file is waiting, answers "yes" to the question about `unit` (its
/// key, read back by phone; or its unsigned file) and waits until the question is answered (the
/// file imported again with the decision).
pub fn confirm_question(s: &Session, unit: &str) -> WdResult<()> {
    let question = format!("[data-testid='decision-{unit}']");
    s.wait_for(&question)?;
    let asked = s.find_all(&question)?.len();
    s.click(&s.wait_for(&format!(
        "{question} [data-testid='decision-accept-{unit}']"
    ))?)?;
    s.wait_until(Duration::from_secs(60), "the question answered", || {
        Ok((s.find_all(&question)?.len() < asked).then_some(()))
    })
}

/// As [`import_file`], for a file that waits for a question about `unit` (another laptop's key
/// this laptop does not know yet): confirms it and returns the file's line once it no longer
/// says refused.
pub fn import_confirming(s: &Session, file: &std::path::Path, unit: &str) -> WdResult<String> {
    import_file(s, file)?;
    confirm_question(s, unit)?;
    let name = file
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default()
        .to_owned();
    s.wait_until(
        Duration::from_secs(60),
        &format!("the import of {name}"),
        || {
            for line in s.find_all("[data-testid=import-file-results] li")? {
                match s.text(&line) {
                    Ok(text) if text.starts_with(&format!("{name}: ")) => {
                        return Ok((!text.contains("bị từ chối")).then_some(text));
                    }
                    Ok(_) => {}
                    Err(error) if error.0.contains("stale element") => return Ok(None),
                    Err(error) => return Err(error),
                }
            }
            Ok(None)
        },
    )
}
