//! A container (`.pkmz`: a ward's bundle with its evidence files) in the province's batch
//! import: its entries are checked and its bundle inflated behind the attachments' split point,
//! the bundle is read like any `.json` file (step by step, in the preview's context), then its
//! files are checked against the bundle's references and kept as records ready to store. Any
//! problem refuses the whole file: neither the bundle nor any of its files is written. A
//! container whose bundle refers to files it does not carry imports; their evidence shows "tệp
//! đính kèm chưa nhận" until another container brings them.

use pkm_core::batch_import::BatchPreview;
use pkm_core::bundle::{Bundle, Problem};
use wasm_bindgen::JsValue;

use crate::i18n::Lang;
use crate::platform::files::FileError;
use crate::state::attachments;

/// What reading a container gave: the bundle (or every reason it is refused) and the records of
/// the files it carries, by hash.
pub type ContainerRead = (Result<Bundle, Vec<Problem>>, Vec<(String, JsValue)>);

/// Reads a picked file for `preview`, a container or a `.json` bundle: its size, the bundle or
/// every reason it is refused, and the records of the files it carries.
pub async fn read_any(
    preview: &BatchPreview,
    name: &str,
    read: Result<Vec<u8>, FileError>,
) -> Result<(usize, Result<Bundle, Vec<Problem>>, Vec<(String, JsValue)>), FileError> {
    let bytes = read?;
    let size = bytes.len();
    if pkm_core::container::is_container(&bytes) {
        let (checked, files) = self::read(preview, name, bytes).await?;
        Ok((size, checked, files))
    } else {
        let checked = super::import_job::checked_read(preview, &bytes).await;
        Ok((size, checked, Vec::new()))
    }
}

/// Reads the container `bytes` (named `name`) for `preview`. Fails only when the attachment code
/// could not be fetched or a file could not be handed to the browser.
pub async fn read(
    preview: &BatchPreview,
    name: &str,
    bytes: Vec<u8>,
) -> Result<ContainerRead, FileError> {
    let failed = |error: attachments::AttachError| FileError::Unreadable {
        name: name.to_owned(),
        detail: error.message(Lang::Vi),
    };
    let limits = preview.limits().clone();
    let (bytes, opened) = attachments::open_container(bytes, limits.clone())
        .await
        .map_err(failed)?;
    let (json, mut problems) = match opened {
        Ok(opened) => opened,
        Err(problems) => return Ok((Err(problems), Vec::new())),
    };
    let bundle = match super::import_job::checked_read(preview, &json).await {
        Ok(bundle) => bundle,
        Err(mut found) => {
            problems.append(&mut found);
            return Ok((Err(problems), Vec::new()));
        }
    };
    drop(json);
    if !problems.is_empty() {
        return Ok((Err(problems), Vec::new()));
    }
    let (bundle, records) = attachments::container_files(bytes, Box::new(bundle), limits)
        .await
        .map_err(failed)?;
    Ok(match records {
        Ok(records) => (Ok(*bundle), records),
        Err(problems) => (Err(problems), Vec::new()),
    })
}
