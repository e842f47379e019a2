//! Evidence files on the ward laptop (issue 23), as an officer attaches them: a 12-megapixel
//! photo and a PDF picked for one evidence item; the photo is downscaled in the browser (the
//! screen shows the original and the stored size); both survive a reload and going offline;
//! files of other types are refused with their Vietnamese message and change nothing.

use std::time::Duration;

use pkm_core::Store;
use pkm_core::attachment::sha256_hex;
use pkm_core::bundle::ReadOptions;
use pkm_core::container::read_container;
use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;
use pkm_e2e::{app, axe};
use pkm_e2e::{dist_dir, ward, workspace_root};

const ITEM: &str = "[data-testid=criterion-C06] [data-testid=evidence]";

fn file(name: &str) -> std::path::PathBuf {
    workspace_root().join("tests/bundles/files").join(name)
}

/// The attachment rows of C06's evidence item: (name, size attribute, sizes text or "missing").
fn rows(s: &Session) -> Vec<(String, String, String)> {
    s.find_all(&format!("{ITEM} [data-testid=attachment]"))
        .unwrap()
        .iter()
        .map(|row| {
            let name = s.attribute(row, "data-name").unwrap().unwrap_or_default();
            let size = s.attribute(row, "data-size").unwrap().unwrap_or_default();
            let text = s.text(row).unwrap();
            (name, size, text)
        })
        .collect()
}

/// Scrolls C06's files into the middle of the screen and saves a screenshot under
/// `docs/screenshots/<name>.png`, where it is looked at.
fn shoot(s: &Session, name: &str) {
    let files = s
        .wait_for(&format!("{ITEM} [data-testid=attachments]"))
        .unwrap();
    s.execute(
        "arguments[0].scrollIntoView({block: 'center'});",
        vec![files.as_arg()],
    )
    .unwrap();
    let shot = app::screenshot(s, name).unwrap();
    let docs = workspace_root().join(format!("docs/screenshots/{name}.png"));
    std::fs::copy(shot, docs).unwrap();
}

fn wait_for_rows(s: &Session, count: usize) {
    s.wait_until(Duration::from_secs(30), "the attached files", || {
        let found = rows(s);
        let shown = found.len() == count
            && s.find_all(&format!("{ITEM} [data-testid=attachment-sizes]"))?
                .len()
                == count;
        Ok(shown.then_some(()))
    })
    .unwrap();
}

fn check_both_files(s: &Session) {
    wait_for_rows(s, 2);
    let found = rows(s);
    let photo = found
        .iter()
        .find(|row| row.0 == "premises-12mp.jpg")
        .expect("the photo");
    assert!(
        photo.2.contains("gốc 158 KB"),
        "the original size is shown: {}",
        photo.2
    );
    assert!(photo.2.contains("đã thu nhỏ"), "{}", photo.2);
    assert_ne!(photo.1, "157761", "the stored photo is the downscaled one");
    let pdf = found
        .iter()
        .find(|row| row.0 == "minutes.pdf")
        .expect("the PDF");
    assert_eq!(pdf.1, "10716");
    assert!(
        pdf.2.contains("PDF") && pdf.2.contains("11 KB"),
        "{}",
        pdf.2
    );
}

#[test]
fn a_photo_and_a_pdf_are_attached_downscaled_kept_offline_and_bad_files_refused() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, true).unwrap();
    ward::set_status(s, "C06", "met").unwrap();
    ward::add_evidence(
        s,
        "C06",
        "12/BB-CAP",
        "12/03/2026",
        "Công an phường",
        "Biên bản kiểm tra trụ sở",
    )
    .unwrap();
    app::upload(
        s,
        &format!("{ITEM} [data-testid=attach-files]"),
        &[file("premises-12mp.jpg"), file("minutes.pdf")],
    )
    .unwrap();
    check_both_files(s);
    ward::wait_all_saved(s).unwrap();
    shoot(s, "ward-evidence-files");

    // A program renamed .pdf, and a text file: refused by content, with the message; nothing added.
    let folder = app::temp_folder("evidence-bad");
    let program = folder.join("ke-hoach.pdf");
    std::fs::write(
        &program,
        b"MZ\x90\x00\x03\x00 This program cannot be run in DOS mode.",
    )
    .unwrap();
    app::upload(s, &format!("{ITEM} [data-testid=attach-files]"), &[program]).unwrap();
    let message = s
        .text(
            &s.wait_for(&format!("{ITEM} [data-testid=attach-error]"))
                .unwrap(),
        )
        .unwrap();
    assert!(
        message.contains("“ke-hoach.pdf” không thuộc loại được chấp nhận"),
        "{message}"
    );
    shoot(s, "ward-evidence-refused");
    assert_eq!(rows(s).len(), 2, "a refused file adds nothing");
    // The files, the inputs and the refusal pass axe (no serious or critical violation).
    let violations = axe::serious_violations(s).expect("axe runs");
    assert!(violations.is_empty(), "{violations:#?}");

    s.refresh().unwrap();
    check_both_files(s);

    app::wait_until_offline_ready(s).unwrap();
    server.set_unplugged(true);
    s.set_offline(true).unwrap();
    s.refresh().unwrap();
    check_both_files(s);

    // Export (offline): a container holding the bundle and both files, read back by the core.
    let path = ward::export_bundle(&browser, s, ward::HUNG_DUNG.ward_code).unwrap();
    assert!(
        path.to_string_lossy().ends_with(".pkmz"),
        "{}",
        path.display()
    );
    let bytes = std::fs::read(&path).unwrap();
    let read = read_container(&bytes, &ReadOptions::default(), &Store::new())
        .unwrap_or_else(|problems| panic!("the exported container is refused: {problems:?}"));
    assert!(read.missing.is_empty());
    assert_eq!(read.bundle.format_version(), 2);
    let minutes = std::fs::read(file("minutes.pdf")).unwrap();
    assert_eq!(read.files.get(&sha256_hex(&minutes)), Some(&minutes));
    let photo = read
        .files
        .values()
        .find(|bytes| bytes.starts_with(b"\xff\xd8\xff"))
        .expect("the stored photo travels");
    assert!(
        photo.len() != 157_761,
        "the downscaled photo travels, not the original"
    );
    s.click(&s.wait_for("a[href='/phuong']").unwrap()).unwrap();
    check_both_files(s);

    // Removing a file (offline too) is saved; the other stays.
    let remove = s
        .find_all(&format!("{ITEM} [data-testid=attachment] button"))
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    s.click(&remove).unwrap();
    ward::wait_all_saved(s).unwrap();
    s.refresh().unwrap();
    wait_for_rows(s, 1);
}
