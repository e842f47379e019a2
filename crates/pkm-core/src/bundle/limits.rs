//! Limits on untrusted bundles: file size, nesting depth, string lengths and counts. The defaults
//! are generous for the whole country (a merged bundle of 34 provinces, 3,321 units) and tight
//! enough that a hostile or broken file is refused before it costs memory. Edits through the store (and the catalogue loader) obey the same text and
//! number limits, so everything the app writes can be read back.

use serde::{Deserialize, Serialize};

use crate::attachment::AttachmentLimits;

/// The longest text (in characters) of one string: notes, descriptions, names, titles.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The largest number a bundle carries: 2^53, the largest integer every JSON reader keeps exact.
/// The reader refuses larger ones; figures, quantities and targets above it are refused when edited
/// or loaded.
pub const MAX_NUMBER: u64 = 1 << 53;

/// Whether a figure, quantity or target is a number a bundle can carry: from 0 to [`MAX_NUMBER`]
/// (finite, not negative).
pub fn number_in_range(number: f64) -> bool {
    (0.0..=MAX_NUMBER as f64).contains(&number)
}

/// The largest file the reader opens: 128 MiB, set from measured sizes (issue 28, 2026-12-07,
/// `scripts/bench.sh --country`): the whole country's merged bundle for one year with full
/// entries (3,321 units, every criterion with evidence and a note, action items, requests) is
/// 84,409,859 bytes (80.5 MiB), so 128 MiB leaves a margin of 1.59x; the largest province's
/// (168 units) is 4.3 MB. A second year of the whole country in one file would not fit: the
/// limit stays where a browser tab can still hold the file and its records (about 12x the
/// file natively today, docs/benchmarks.md, "The whole country"). Was 40 MiB, which the
/// country's bundle exceeded.
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;

/// Limits applied by the bundle reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// The largest file, in bytes, checked before parsing (default [`MAX_FILE_BYTES`], 128 MiB).
    pub max_file_bytes: usize,
    /// The deepest nesting of arrays and objects (default 32).
    pub max_depth: usize,
    /// The longest string, in characters (default [`MAX_TEXT_CHARS`]).
    pub max_string_chars: usize,
    /// The most units (default 20,000).
    pub max_units: usize,
    /// The most assessments (default 50,000).
    pub max_assessments: usize,
    /// The most quota and year-catalogue records, each (default 10,000).
    pub max_province_records: usize,
    /// The most catalogues (default 64).
    pub max_catalogues: usize,
    /// The most criteria in one catalogue (default 500).
    pub max_criteria_per_catalogue: usize,
    /// The most action items, requests, criterion entries or review verdicts in one assessment,
    /// each (default 2,000).
    pub max_items_per_assessment: usize,
    /// The most concurrent entries in one register (default 64).
    pub max_entries_per_register: usize,
    /// The most evidence items in one criterion entry (default 200).
    pub max_evidence_per_entry: usize,
    /// The most devices in one version vector (default 1,000).
    pub max_devices_per_version: usize,
    /// The limits on evidence files, set by the province (default 20 MB per file, 300 MB per
    /// ward; [`AttachmentLimits`]).
    #[serde(default)]
    pub attachments: AttachmentLimits,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: MAX_FILE_BYTES,
            max_depth: 32,
            max_string_chars: MAX_TEXT_CHARS,
            max_units: 20_000,
            max_assessments: 50_000,
            max_province_records: 10_000,
            max_catalogues: 64,
            max_criteria_per_catalogue: 500,
            max_items_per_assessment: 2_000,
            max_entries_per_register: 64,
            max_evidence_per_entry: 200,
            max_devices_per_version: 1_000,
            attachments: AttachmentLimits::default(),
        }
    }
}
