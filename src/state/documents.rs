//! The documents' side of the state: the fields a person fills in, remembered per unit and kind
//! of document (one record each in the `meta` store), and the Word file of a document, written
//! through the documents' split point — `docx-rs` is fetched only the first time a `.docx` is
//! made — then offered as a download.

use pkm_core::UnitId;
use pkm_core::documents::{Document, DocumentFields, DocumentKind, docx};

use crate::i18n::Lang;
use crate::i18n::Text;
use crate::i18n::document_fields::{self, DocumentMsg};
use crate::platform::files;
use crate::split::{SplitLoaderError, enter};
use crate::storage::{Db, StorageError, StoreName};

/// The MIME type of `.docx` files.
pub const DOCX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The `meta` key of a unit's fields for a kind of document.
pub fn fields_key(unit: &UnitId, kind: DocumentKind) -> String {
    format!("document_fields:{}:{unit}", kind.code())
}

/// The fields last filled in for `unit` and `kind`, empty the first time.
pub async fn load_fields(
    db: &Db,
    unit: &UnitId,
    kind: DocumentKind,
) -> Result<DocumentFields, StorageError> {
    Ok(db
        .get::<DocumentFields>(StoreName::Meta, &fields_key(unit, kind))
        .await?
        .unwrap_or_default())
}

/// Remembers the fields of `unit` and `kind`; returns after commit.
pub async fn save_fields(
    db: &Db,
    unit: &UnitId,
    kind: DocumentKind,
    fields: &DocumentFields,
) -> Result<(), StorageError> {
    db.put(StoreName::Meta, &fields_key(unit, kind), fields)
        .await
}

/// Why a Word file was not made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentError {
    /// The module that writes Word files could not be fetched.
    NotLoaded,
    /// The writer or the browser refused, with its detail.
    Failed(String),
}

impl DocumentError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DocumentError::NotLoaded => DocumentMsg::NotLoaded.text(lang).to_owned(),
            DocumentError::Failed(detail) => document_fields::failed(detail, lang),
        }
    }
}

/// The documents' split point: writes the `.docx` (the only caller of `docx-rs`).
#[cfg_attr(
    pkm_split,
    leptos::wasm_split::wasm_split(documents, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn write_docx(document: Document) -> Result<Result<Vec<u8>, String>, SplitLoaderError> {
    Ok(docx::to_docx(&document).map_err(|error| error.to_string()))
}

/// Writes `document` as a Word file and offers it as the download `file_name`.
pub async fn download_docx(document: Document, file_name: &str) -> Result<(), DocumentError> {
    let bytes = enter!(write_docx(document))
        .map_err(|_| DocumentError::NotLoaded)?
        .map_err(DocumentError::Failed)?;
    files::download(file_name, DOCX_MIME, &bytes).map_err(DocumentError::Failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_unit_and_kind_has_its_own_record() {
        let ward = UnitId::new("16678").unwrap();
        let other = UnitId::new("16679").unwrap();
        let keys = [
            fields_key(&ward, DocumentKind::WardReport),
            fields_key(&other, DocumentKind::WardReport),
            fields_key(&ward, DocumentKind::ReviewMinutes),
        ];
        assert_eq!(keys[0], "document_fields:bao-cao-tu-danh-gia:16678");
        assert!(keys[0] != keys[1] && keys[0] != keys[2] && keys[1] != keys[2]);
    }
}
