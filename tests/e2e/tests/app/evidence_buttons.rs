//! The ward's buttons for evidence files (issue 23), as an officer uses them: they read in
//! Vietnamese ("Chọn tệp …", "Chụp ảnh") instead of the browser's "Choose Files", are reached and
//! pressed with the keyboard, and open the hidden file inputs; and when one choice holds a file
//! that is refused and files that are stored, the refusal stays on screen after the others are
//! stored, one line per refused file.

use std::time::Duration;

use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::{Session, keys};
use pkm_e2e::{app, axe, ward};
use pkm_e2e::{dist_dir, workspace_root};
use serde_json::json;

const ITEM: &str = "[data-testid=criterion-C06] [data-testid=evidence]";

/// Focuses the button `button` of the item and presses `key` on it; returns how many times its
/// file input `input` was asked to open (the dialog itself is stopped: it would wait for a person).
fn press_opens(s: &Session, button: &str, input: &str, key: &str) -> u64 {
    s.execute(
        r#"const input = document.querySelector(arguments[0]);
           window.__opened = 0;
           input.addEventListener('click', (event) => { window.__opened += 1; event.preventDefault(); });
           document.querySelector(arguments[1]).focus();"#,
        vec![
            json!(format!("{ITEM} [data-testid={input}]")),
            json!(format!("{ITEM} [data-testid={button}]")),
        ],
    )
    .unwrap();
    s.press(&[key]).unwrap();
    s.execute("return window.__opened;", vec![])
        .unwrap()
        .as_u64()
        .unwrap_or(0)
}

#[test]
fn the_file_buttons_speak_vietnamese_open_from_the_keyboard_and_every_refusal_stays() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, true).unwrap();
    ward::add_evidence(
        s,
        "C06",
        "12/BB-CAP",
        "12/03/2026",
        "Công an phường",
        "Ảnh trụ sở",
    )
    .unwrap();

    // Buttons in Vietnamese; the browser's inputs are hidden.
    let pick = app::text_of(s, &format!("{ITEM} [data-testid=attach-pick]")).unwrap();
    assert_eq!(pick, "Chọn tệp (PDF, ảnh, DOCX, XLSX, ODT)");
    let camera = app::text_of(s, &format!("{ITEM} [data-testid=attach-take-photo]")).unwrap();
    assert_eq!(camera, "Chụp ảnh");
    let hidden = s
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map((input) => input.hidden && input.offsetParent === null);",
            vec![json!(format!("{ITEM} input[type=file]"))],
        )
        .unwrap();
    assert_eq!(hidden, json!([true, true]));
    // Enter and Space on the focused buttons open their inputs.
    assert_eq!(
        press_opens(s, "attach-pick", "attach-files", keys::ENTER),
        1
    );
    assert_eq!(
        press_opens(s, "attach-take-photo", "attach-camera", keys::SPACE),
        1
    );
    axe::assert_clean(s, "the evidence item's file buttons");

    // One choice: a program renamed .pdf, then a photo and a PDF. The photo and the PDF are
    // stored; the refusal is still shown after they are.
    let folder = app::temp_folder("evidence-batch");
    let program = folder.join("ke-hoach.pdf");
    std::fs::write(
        &program,
        b"MZ\x90\x00\x03\x00 This program cannot be run in DOS mode.",
    )
    .unwrap();
    let other = folder.join("danh-sach.txt");
    std::fs::write(&other, "Danh sách cán bộ\n").unwrap();
    let files = workspace_root().join("tests/bundles/files");
    app::upload(
        s,
        &format!("{ITEM} [data-testid=attach-files]"),
        &[
            program,
            files.join("premises-12mp.jpg"),
            other,
            files.join("minutes.pdf"),
        ],
    )
    .unwrap();
    s.wait_until(Duration::from_secs(30), "both good files stored", || {
        let rows = s.find_all(&format!("{ITEM} [data-testid=attachment-sizes]"))?;
        let busy = s.execute(
            "return document.querySelector(arguments[0]).dataset.busy;",
            vec![json!(format!("{ITEM} [data-testid=attach-busy]"))],
        )?;
        Ok((rows.len() == 2 && busy == "0").then_some(()))
    })
    .unwrap();
    ward::wait_all_saved(s).unwrap();
    let refusals: Vec<String> = s
        .find_all(&format!("{ITEM} [data-testid=attach-error]"))
        .unwrap()
        .iter()
        .map(|line| s.text(line).unwrap())
        .collect();
    assert_eq!(refusals.len(), 2, "{refusals:?}");
    assert!(
        refusals.iter().any(|line| line.contains("“ke-hoach.pdf”")),
        "{refusals:?}"
    );
    assert!(
        refusals.iter().any(|line| line.contains("“danh-sach.txt”")),
        "{refusals:?}"
    );
    axe::assert_clean(s, "two refusals beside two stored files");
    let list = s
        .wait_for(&format!("{ITEM} [data-testid=attachments]"))
        .unwrap();
    s.execute(
        "arguments[0].scrollIntoView({block: 'center'});",
        vec![list.as_arg()],
    )
    .unwrap();
    let shot = app::screenshot(s, "ward-evidence-batch-refusals").unwrap();
    std::fs::copy(
        shot,
        workspace_root().join("docs/screenshots/ward-evidence-batch-refusals.png"),
    )
    .unwrap();

    // The next choice starts a new list: a good file alone clears the old refusals.
    app::upload(
        s,
        &format!("{ITEM} [data-testid=attach-files]"),
        &[files.join("photo.jpg")],
    )
    .unwrap();
    s.wait_until(Duration::from_secs(30), "the refusals cleared", || {
        let lines = s.find_all(&format!("{ITEM} [data-testid=attach-error]"))?;
        Ok(lines.is_empty().then_some(()))
    })
    .unwrap();
}
