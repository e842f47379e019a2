//! The container (tệp `.pkmz`): a ZIP holding a bundle and the evidence files its references name
//! (docs/bundle-format.md, section 13). `bundle.json` is the bundle exactly as a `.json` file would
//! hold it (deflated); each file is `files/<sha256>`, stored as it is (photos, PDFs and office
//! files are compressed already). Nothing else: no folders, no other entries. The ZIP itself is
//! read and written by the `zip` crate; this module decides what an entry may be and checks every
//! byte against the bundle's references ([`read`]), and writes containers, whole ([`write`]) or a file at a time ([`stream`]).

pub mod read;
pub mod stream;
pub mod write;

pub use read::{ContainerRead, container_bundle, container_files, read_container};
pub use stream::ContainerWriter;
pub use write::{ContainerWriteError, write_container};

/// The name of the bundle's entry.
pub const BUNDLE_ENTRY: &str = "bundle.json";
/// The folder of the files' entries: `files/<64 lowercase hex>`.
pub const FILES_PREFIX: &str = "files/";
/// The file name extension of a container.
pub const EXTENSION: &str = "pkmz";

/// The first bytes of every ZIP (a local file header): how the import screens tell a container
/// from a `.json` bundle, whatever the file's name.
pub fn is_container(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The entry name of the file with hash `sha256`.
pub fn file_entry(sha256: &str) -> String {
    format!("{FILES_PREFIX}{sha256}")
}
