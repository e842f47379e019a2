//! The only module that touches IndexedDB (through `indexed_db_futures` 0.6).
//!
//! One database per browser profile, a versioned schema with one upgrade step per version
//! (`schema`), and a small typed API (`db::Db`) whose writes resolve only after their
//! transaction committed. Every failure becomes a [`StorageError`] with a Vietnamese message.
//! Values are stored as JSON text: the same `serde` shapes the core uses, cheap to compare and
//! to dump, and independent of how the browser clones objects; the two exceptions are the
//! device's WebCrypto keys and the evidence files (`Blob`s), stored as structured clones.

mod db;
pub mod error;
pub mod schema;

pub use db::{Db, WriteBatch, idb_error as map_error};
pub use error::StorageError;
pub use schema::{DB_NAME, SCHEMA_VERSION, StoreName};
