//! The limits on evidence files, set by the province: the largest file and the most bytes of files
//! one ward may carry (defaults 20 MB and 300 MB; KoboToolbox allows 10 MB per file and 100 MB
//! per submission, and a ward's evidence for a year is tens of documents and photos). The
//! container reader also applies the expansion limits that stop an archive bomb.

use serde::{Deserialize, Serialize};

/// One megabyte as the limits count it (10^6 bytes, as file managers show sizes).
pub const MB: u64 = 1_000_000;

/// The limits on evidence files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentLimits {
    /// The largest file, in bytes (default 20 MB).
    pub per_file: u64,
    /// The most bytes of distinct files one ward's assessments refer to (default 300 MB).
    pub per_ward: u64,
}

impl Default for AttachmentLimits {
    fn default() -> AttachmentLimits {
        AttachmentLimits {
            per_file: 20 * MB,
            per_ward: 300 * MB,
        }
    }
}

/// The most entries a container may hold: the bundle and, at most, one file per evidence item
/// the limits allow (a million empty entries would cost memory before any size check).
pub const MAX_CONTAINER_ENTRIES: usize = 100_000;

/// The largest expansion of a compressed entry: an entry that inflates more than this many times
/// its stored size is an archive bomb. Photos, PDFs and office files are already compressed (a
/// ratio near 1); the bundle's JSON deflates about 10 times.
pub const MAX_EXPANSION_RATIO: u64 = 200;
