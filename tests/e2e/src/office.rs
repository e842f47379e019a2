//! Opens a downloaded Word file the way an office would, with LibreOffice headless (Debian's
//! `libreoffice-writer-nogui`, installed by `scripts/setup.sh --browser`): converts it to PDF,
//! then renders its first page to PNG with poppler's `pdftoppm`, so a test can keep it and a
//! person can look at it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Converts `docx` to PDF in `out_dir` with a LibreOffice profile of its own (tests run in
/// parallel), and returns the PDF's path. Panics with LibreOffice's output when it fails.
pub fn docx_to_pdf(docx: &Path, out_dir: &Path) -> PathBuf {
    std::fs::create_dir_all(out_dir).expect("the output folder");
    let profile = out_dir.join("lo-profile");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out_dir)
        .arg(docx)
        .output()
        .expect("soffice runs (scripts/setup.sh --browser installs it)");
    let stem = docx.file_stem().expect("a file name");
    let pdf = out_dir.join(stem).with_extension("pdf");
    assert!(
        output.status.success() && pdf.is_file(),
        "LibreOffice could not convert {}: {}{}",
        docx.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    pdf
}

/// The number of pages of a PDF (poppler's `pdfinfo`).
pub fn pdf_pages(pdf: &Path) -> usize {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or(0)
}

/// The text of a PDF's first page (poppler's `pdftotext`), to check what LibreOffice laid out.
pub fn first_page_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Renders the first page of `pdf` as `png` (at 80 dots per inch: an A4 page of about 660 ×
/// 935 pixels).
pub fn first_page_png(pdf: &Path, png: &Path) {
    let stem = png.with_extension("");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("pdftoppm runs");
    assert!(
        status.success() && png.is_file(),
        "pdftoppm made {}",
        png.display()
    );
}
