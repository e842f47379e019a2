//! Writes a container: the bundle's JSON first (deflated), then each file its references name,
//! stored under `files/<sha256>`, in hash order. Deterministic: every entry carries the ZIP's
//! earliest date (1980-01-01), so the same bundle and files give the same bytes.

use std::collections::BTreeMap;
use std::io::{Cursor, Seek, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{BUNDLE_ENTRY, file_entry};
use crate::attachment::{is_sha256_hex, sha256_hex};

/// Why a container could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ContainerWriteError {
    /// A file's hash is not 64 lowercase hex digits, or not the hash of its bytes.
    #[error("the file {0} does not have that hash")]
    WrongHash(String),
    /// A file added to a [`super::ContainerWriter`] does not come after the one before it in hash
    /// order (or comes twice).
    #[error("the file {0} comes out of hash order")]
    OutOfOrder(String),
    /// The ZIP writer failed (the sink refused bytes).
    #[error("the archive could not be written: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// The sink refused bytes.
    #[error("the archive could not be written: {0}")]
    Io(#[from] std::io::Error),
}

/// The options of every entry: `method`, the ZIP's earliest date, no ZIP64.
pub(super) fn options(method: CompressionMethod) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(DateTime::DEFAULT)
        .large_file(false)
}

/// Writes a container of `bundle_json` and `files` (hash → bytes) into `sink`; every file's hash
/// is checked against its bytes first.
pub fn write_container_into<W: Write + Seek>(
    sink: W,
    bundle_json: &[u8],
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<W, ContainerWriteError> {
    for (hash, bytes) in files {
        if !is_sha256_hex(hash) || sha256_hex(bytes) != *hash {
            return Err(ContainerWriteError::WrongHash(hash.clone()));
        }
    }
    let mut writer = ZipWriter::new(sink);
    writer.start_file(BUNDLE_ENTRY, options(CompressionMethod::Deflated))?;
    writer.write_all(bundle_json)?;
    for (hash, bytes) in files {
        writer.start_file(file_entry(hash), options(CompressionMethod::Stored))?;
        writer.write_all(bytes)?;
    }
    Ok(writer.finish()?)
}

/// The container of `bundle_json` and `files` (hash → bytes), in memory.
pub fn write_container(
    bundle_json: &[u8],
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<Vec<u8>, ContainerWriteError> {
    Ok(write_container_into(Cursor::new(Vec::new()), bundle_json, files)?.into_inner())
}
