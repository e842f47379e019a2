//! The limits on evidence files, set by the province: the largest file and the most bytes of files
//! one ward may carry (defaults 20 MB and 300 MB; KoboToolbox allows 10 MB per file and 100 MB
//! per submission, and a ward's evidence for a year is tens of documents and photos). The
//! container reader also applies the expansion limits that stop an archive bomb.

use std::ops::RangeInclusive;

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

/// The longest side of a stored photo, in pixels, unless the province sets another.
pub const DEFAULT_LONGEST_SIDE: u32 = 2_000;

/// The largest file a province may allow: 1 MB to 100 MB (the form's range and the reader's).
pub const PER_FILE_RANGE: RangeInclusive<u64> = MB..=100 * MB;

/// The most a province may allow per ward: 10,000 MB (and never less than its limit per file).
pub const PER_WARD_MAX: u64 = 10_000 * MB;

/// The longest side a province may set for a stored photo: 320 to 10,000 pixels.
pub const LONGEST_SIDE_RANGE: RangeInclusive<u32> = 320..=10_000;

/// The province's settings for evidence files: the limits per file and per ward and the longest
/// side of a stored photo (defaults 20 MB, 300 MB and 2,000 px). Set on the province's own unit
/// record, so the config file carries them to its wards, whose pickers and downscaling use them,
/// and the province's import enforces them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceSettings {
    /// The largest file, in bytes.
    pub per_file: u64,
    /// The most bytes of distinct files one ward may carry.
    pub per_ward: u64,
    /// The longest side of a stored photo, in pixels.
    pub longest_side: u32,
}

impl Default for EvidenceSettings {
    fn default() -> EvidenceSettings {
        let limits = AttachmentLimits::default();
        EvidenceSettings {
            per_file: limits.per_file,
            per_ward: limits.per_ward,
            longest_side: DEFAULT_LONGEST_SIDE,
        }
    }
}

impl EvidenceSettings {
    /// The settings typed in whole megabytes and pixels, if within the ranges a province may set
    /// ([`EvidenceSettings::within_ranges`]).
    pub fn from_megabytes(
        per_file_mb: u64,
        per_ward_mb: u64,
        longest_side: u32,
    ) -> Option<EvidenceSettings> {
        let settings = EvidenceSettings {
            per_file: per_file_mb.checked_mul(MB)?,
            per_ward: per_ward_mb.checked_mul(MB)?,
            longest_side,
        };
        settings.within_ranges().then_some(settings)
    }

    /// Whether these settings are within the ranges a province may set: 1 to 100 MB per file,
    /// from that to 10,000 MB per ward, a photo's longest side from 320 to 10,000 pixels. The
    /// province's form offers no other, and the reader refuses a file carrying others
    /// (`attachment-limits-out-of-range`): a forged config could otherwise set a longest side of
    /// one pixel on every ward laptop, or a limit of zero bytes.
    pub fn within_ranges(&self) -> bool {
        PER_FILE_RANGE.contains(&self.per_file)
            && (self.per_file..=PER_WARD_MAX).contains(&self.per_ward)
            && LONGEST_SIDE_RANGE.contains(&self.longest_side)
    }

    /// The limits per file and per ward.
    pub fn limits(&self) -> AttachmentLimits {
        AttachmentLimits {
            per_file: self.per_file,
            per_ward: self.per_ward,
        }
    }

    /// The settings of the province `unit` belongs to (the top of its chain of parents in
    /// `store`'s registry), or the defaults when it sets none.
    pub fn for_unit(store: &crate::store::Store, unit: &crate::ids::UnitId) -> EvidenceSettings {
        let mut current = store.unit(unit);
        let mut steps = 0;
        while let Some(found) = current {
            if let Some(settings) = found.attachment_limits {
                return settings;
            }
            // A registry is a tree (the reader refuses cycles); the bound is a guard only.
            steps += 1;
            current = match &found.parent {
                Some(parent) if steps < 16 => store.unit(parent),
                _ => None,
            };
        }
        EvidenceSettings::default()
    }
}
