//! The accepted types of evidence files and how a file's type is recognised from its first bytes
//! (and, for the office formats, the names inside their ZIP), never from its name alone: PDF,
//! the images every browser decodes (JPEG, PNG, WebP), and office documents (DOCX, XLSX, ODT).

use std::io::Cursor;

/// An accepted type of evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MediaType {
    /// PDF (`application/pdf`).
    Pdf,
    /// JPEG photo (`image/jpeg`).
    Jpeg,
    /// PNG image (`image/png`).
    Png,
    /// WebP image (`image/webp`).
    Webp,
    /// Word document (Office Open XML).
    Docx,
    /// Excel workbook (Office Open XML).
    Xlsx,
    /// OpenDocument text.
    Odt,
}

impl MediaType {
    /// Every accepted type.
    pub const ALL: [MediaType; 7] = [
        MediaType::Pdf,
        MediaType::Jpeg,
        MediaType::Png,
        MediaType::Webp,
        MediaType::Docx,
        MediaType::Xlsx,
        MediaType::Odt,
    ];

    /// The media type as written in a reference.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Webp => "image/webp",
            MediaType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            MediaType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            MediaType::Odt => "application/vnd.oasis.opendocument.text",
        }
    }

    /// The type a media type string names, if it is accepted.
    pub fn from_mime(mime: &str) -> Option<MediaType> {
        MediaType::ALL.into_iter().find(|kind| kind.mime() == mime)
    }

    /// Whether the browser can show it as an image (and the app downscale it).
    pub fn is_image(self) -> bool {
        matches!(self, MediaType::Jpeg | MediaType::Png | MediaType::Webp)
    }

    /// A short label for people: "PDF", "JPEG", "DOCX"...
    pub fn label(self) -> &'static str {
        match self {
            MediaType::Pdf => "PDF",
            MediaType::Jpeg => "JPEG",
            MediaType::Png => "PNG",
            MediaType::Webp => "WebP",
            MediaType::Docx => "DOCX",
            MediaType::Xlsx => "XLSX",
            MediaType::Odt => "ODT",
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const ZIP_SIGNATURE: &[u8] = b"PK\x03\x04";
/// An OpenDocument file starts with its uncompressed `mimetype` entry (ODF 1.2, part 3, 3.3):
/// the local header's name at byte 30, the content right after it.
const ODT_MIMETYPE: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.text";

/// The accepted type of a file, recognised from its content; `None` for anything else (an
/// executable, a text file, an archive, a PDF renamed `.jpg` is a PDF).
pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
    if bytes.starts_with(b"\xff\xd8\xff") {
        return Some(MediaType::Jpeg);
    }
    if bytes.starts_with(PNG_SIGNATURE) {
        return Some(MediaType::Png);
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Some(MediaType::Webp);
    }
    // PDF readers accept the header within the first 1024 bytes (PDF 32000-1, annex H.3).
    if bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|window| window == b"%PDF-")
    {
        return Some(MediaType::Pdf);
    }
    if bytes.starts_with(ZIP_SIGNATURE) {
        return office_type(bytes);
    }
    None
}

/// DOCX, XLSX or ODT, told apart by the entries of their ZIP (only the central directory is
/// read: nothing is decompressed).
fn office_type(bytes: &[u8]) -> Option<MediaType> {
    if bytes.get(30..30 + ODT_MIMETYPE.len()) == Some(ODT_MIMETYPE)
        && bytes.get(30 + ODT_MIMETYPE.len()) != Some(&b'-')
    {
        return Some(MediaType::Odt);
    }
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let names: Vec<&str> = archive.file_names().collect();
    let has = |name: &str| names.contains(&name);
    if !has("[Content_Types].xml") {
        return None;
    }
    if has("word/document.xml") {
        Some(MediaType::Docx)
    } else if has("xl/workbook.xml") {
        Some(MediaType::Xlsx)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, content) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(content).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn types_are_recognised_by_content() {
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some(MediaType::Jpeg));
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(MediaType::Png)
        );
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Some(MediaType::Webp));
        assert_eq!(sniff(b"%PDF-1.4\n"), Some(MediaType::Pdf));
        assert_eq!(sniff(b"\r\n%PDF-1.4\n"), Some(MediaType::Pdf));
        let docx = zip_of(&[
            ("[Content_Types].xml", b"<x/>"),
            ("word/document.xml", b"<w/>"),
        ]);
        assert_eq!(sniff(&docx), Some(MediaType::Docx));
        let xlsx = zip_of(&[
            ("[Content_Types].xml", b"<x/>"),
            ("xl/workbook.xml", b"<w/>"),
        ]);
        assert_eq!(sniff(&xlsx), Some(MediaType::Xlsx));
        let odt = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<x/>"),
        ]);
        assert_eq!(sniff(&odt), Some(MediaType::Odt));
        let template = zip_of(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.text-template",
        )]);
        assert_eq!(sniff(&template), None);
        for refused in [
            &b"MZ\x90\0"[..],
            b"<html><script>",
            b"GIF89a",
            b"",
            b"PK\x03\x04broken",
            &zip_of(&[("a.txt", b"hello")]),
        ] {
            assert_eq!(sniff(refused), None, "{refused:?}");
        }
        for kind in MediaType::ALL {
            assert_eq!(MediaType::from_mime(kind.mime()), Some(kind));
        }
        assert_eq!(MediaType::from_mime("application/x-msdownload"), None);
    }
}
