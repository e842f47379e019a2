//! Files in and out: reading picked or dropped files (with a size limit checked while reading)
//! and offering bytes or a `Blob` as a download.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Lang;
use crate::platform::turns::Turns;

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// The file is larger than the limit; it was not read.
    #[error("{name} is {size} bytes, more than {limit}")]
    TooLarge {
        /// The file name.
        name: String,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The browser could not read it (removed, no permission, a broken USB stick).
    #[error("{name} could not be read: {detail}")]
    Unreadable {
        /// The file name.
        name: String,
        /// What the browser said.
        detail: String,
    },
}

impl FileError {
    /// The message for people, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FileError::TooLarge { name, size, limit }, Lang::Vi) => format!(
                "Tệp “{name}” quá lớn ({} MiB, tối đa {} MiB) nên không được mở.",
                mebibytes(*size, Lang::Vi),
                mebibytes(*limit, Lang::Vi)
            ),
            (FileError::TooLarge { name, size, limit }, Lang::En) => format!(
                "File “{name}” is too large ({} MiB, at most {} MiB), so it was not opened.",
                mebibytes(*size, Lang::En),
                mebibytes(*limit, Lang::En)
            ),
            (FileError::Unreadable { name, detail }, Lang::Vi) => {
                format!("Không đọc được tệp “{name}” ({detail}). Hãy chép lại tệp rồi thử lại.")
            }
            (FileError::Unreadable { name, detail }, Lang::En) => {
                format!("File “{name}” could not be read ({detail}). Copy it again and retry.")
            }
        }
    }
}

/// Mebibytes with at most one decimal, as the core's size messages write them.
fn mebibytes(bytes: u64, lang: Lang) -> String {
    crate::i18n::format::decimal(lang, bytes as f64 / 1_048_576.0, 1)
}

/// How long reading a file may hold the page's thread before the page gets its turn, in ms.
const READ_SLICE_MS: f64 = 25.0;

/// Reads the whole of `file`, refusing it as soon as more than `limit` bytes have come.
///
/// The file is read as a stream rather than sized first: Chromium answers `File.size` for a
/// picked file with a synchronous call to the browser process, about 0.7 ms per file, which was
/// half a second of the preview of 700 files (docs/benchmarks.md). The size is asked only to say
/// how large a refused file is.
pub async fn read_bytes(file: &web_sys::File, limit: u64) -> Result<Vec<u8>, FileError> {
    let name = file.name();
    let unreadable = |error: JsValue| FileError::Unreadable {
        name: name.clone(),
        detail: format!("{error:?}"),
    };
    // A stream's default reader, called through its typed bindings: looking each method up by
    // name was a tenth of the time the page spent reading 700 files.
    let reader: web_sys::ReadableStreamDefaultReader = file.stream().get_reader().unchecked_into();
    let mut bytes = Vec::new();
    let mut turns = Turns::new(READ_SLICE_MS);
    loop {
        // The chunks of a file already read resolve one after the other without the page
        // getting its turn: a 15 MB file was one task of a tenth of a second.
        turns.give_if_due().await;
        let chunk: web_sys::ReadableStreamReadResult = JsFuture::from(reader.read())
            .await
            .map_err(unreadable)?
            .unchecked_into();
        if chunk.get_done() == Some(true) {
            return Ok(bytes);
        }
        let value = chunk
            .get_value()
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(unreadable)?;
        let start = bytes.len();
        let length = value.length() as usize;
        if (start + length) as u64 > limit {
            // Nothing more is read; the reader's answer to cancelling does not matter.
            let _ = reader.cancel();
            // File sizes are whole numbers of bytes well below 2^53.
            let size = file.size() as u64;
            return Err(FileError::TooLarge { name, size, limit });
        }
        bytes.resize(start + length, 0);
        value.copy_to(&mut bytes[start..]);
    }
}

/// The files of a file list (an `<input type=file>` or a drop), in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.get(index))
        .collect()
}

/// What a download holds: bytes in the wasm memory, or a `Blob` the browser holds (a container
/// written a file at a time, never whole in the wasm memory).
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// Bytes, copied into a `Blob` when offered.
    Bytes(Vec<u8>),
    /// A `Blob` already made.
    Blob(web_sys::Blob),
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        Body::Bytes(bytes)
    }
}

/// Offers `bytes` as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|error| format!("{error:?}"))?;
    download_blob(file_name, &blob)
}

/// Offers `body` as a download named `file_name`, of type `mime` when it is bytes.
pub fn download_body(file_name: &str, mime: &str, body: &Body) -> Result<(), String> {
    match body {
        Body::Bytes(bytes) => download(file_name, mime, bytes),
        Body::Blob(blob) => download_blob(file_name, blob),
    }
}

/// Offers `blob` as a download named `file_name`.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|e| format!("{e:?}"))?;
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|error| format!("{error:?}"))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(|e| format!("{e:?}"))?;
    anchor.click();
    anchor.remove();
    // The click has handed the blob to the download; the URL is not needed any more.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_sized_in_mebibytes_as_the_core_does() {
        let error = FileError::TooLarge {
            name: "goi.json".into(),
            size: 50 * 1024 * 1024,
            limit: 40 * 1024 * 1024,
        };
        assert_eq!(
            error.message(Lang::Vi),
            "Tệp “goi.json” quá lớn (50 MiB, tối đa 40 MiB) nên không được mở."
        );
        let odd = FileError::TooLarge {
            name: "b.json".into(),
            size: 42_500_000,
            limit: 40 * 1024 * 1024,
        };
        assert_eq!(
            odd.message(Lang::En),
            "File “b.json” is too large (40.5 MiB, at most 40 MiB), so it was not opened."
        );
    }
}
