//! The pure core of Phường Kiểu Mẫu: criteria catalogue, unit registry, assessments, versions,
//! multi-value registers, the mergeable store, the bundle format, merge and the review-meeting figures.
//!
//! Invariants, checked by the compiler and by tests:
//! - No I/O, no clock, no randomness, no threads: the caller injects wall time, device ids, item ids
//!   and "today". The crate builds for `wasm32-unknown-unknown` and natively.
//! - Deterministic: only `BTreeMap`/`BTreeSet`; every merge is a lattice join (idempotent,
//!   commutative, associative).
//! - Untrusted input (bundles, catalogues) goes through one door that collects every problem with its
//!   JSON path before anything is applied; every message exists in Vietnamese and English.
//!
//! Module map:
//! - [`ids`], [`date`], [`format`](mod@format): small value types and Vietnamese formatting.
//! - [`catalogue`], [`unit`](mod@unit), [`assessment`]: the domain values; [`catalogue_draft`]
//!   and [`catalogue_sheet`]: a catalogue typed in at the province (edits, problems, publish) and
//!   its spreadsheet import and template; [`csv_read`]: CSV typed in a spreadsheet.
//! - [`version`], [`register`]: version vectors, hybrid logical clocks, multi-value registers.
//! - [`store`], [`merge`]: the mergeable state, its edits, conflicts and joins.
//! - [`trust`]: who may change what: keys, senders, scopes and clocks of imported bundles;
//!   [`key_ledger`]: the province's view of its units' keys.
//! - [`attachment`], [`container`]: evidence files (references by SHA-256, accepted types by
//!   content, names, limits) and the `.pkmz` container carrying them beside the bundle.
//! - [`bundle`]: format v2 (envelope, canonical JSON, digest, signature and key pinning, reader,
//!   writer, problems, limits).
//! - [`cycle`]: the year's cycle after the review meeting: the province's conclusions, the
//!   Minister's decisions and the track a ward starts the next year on.
//! - [`figures`]: per-assessment and per-province figures and the meeting's summary paragraph,
//!   and the whole country's (a line per province, [`figures::country`]);
//!   [`years`]: a province's years side by side; [`chart`]: the dashboard's charts' geometry.
//! - [`documents`]: the four documents in the layout of Nghị định 30/2020 (the ward's report,
//!   the meeting report, the review's minutes, the proposal for recognition) and their `.docx`.
//! - `fixtures` (only with the `test-support` feature, never in the app): deterministic generated
//!   provinces (the 2024 Nghệ An figures and larger ones), hostile inputs and test keys, for the
//!   tests of every layer, the fuzz targets and the benchmarks.

#![forbid(unsafe_code)]

pub mod ascii_text;
pub mod assessment;
pub mod attachment;
pub mod batch_import;
pub mod bundle;
pub mod catalogue;
pub mod catalogue_diff;
pub mod catalogue_draft;
pub mod catalogue_sheet;
pub mod chart;
pub mod conflict_rewrite;
pub mod container;
pub mod csv_read;
pub mod cycle;
pub mod dashboard;
pub mod date;
pub mod documents;
pub mod export;
pub mod figures;
#[cfg(any(test, feature = "test-support"))]
pub mod fixtures;
pub mod format;
pub mod ids;
pub mod key_ledger;
pub mod merge;
pub mod register;
pub mod registry_import;
pub mod review_sheet;
pub mod store;
pub mod trust;
pub mod unit;
pub mod version;
pub mod years;

pub use assessment::{
    ActionItem, ActionStatus, AssessmentKey, CriterionEntry, CriterionStatus, Evidence, Label,
    Request, RequestCategory, ReviewVerdict, Track, Verdict,
};
pub use bundle::{
    Bundle, BundleHeader, BundleKind, BundleSignature, ExportedAt, HeaderInput, KeyFingerprint,
    LARGE_FILE_BYTES, Limits, Problem, ProblemKind, PublicKey, ReadOptions, RunRead, SecretKey,
    Selection, SignatureError, SignatureStatus, SteppedRead, read_bundle, read_bundle_with,
    write_bundle,
};
pub use catalogue::{
    Catalogue, CatalogueError, CatalogueStatus, Criterion, CriterionGroup, CriterionKind,
};
pub use date::Date;
pub use figures::{
    AssessmentFigures, Basis, ProvinceFigures, summary_paragraph_en, summary_paragraph_vi,
};
pub use ids::{BundleId, CatalogueId, CriterionId, DeviceId, IdError, ItemId, UnitId};
pub use merge::{CheckedBundle, CheckedImport, ImportReport, MergeReport};
pub use register::{EditContext, MvReg, Versioned};
pub use store::{AssessmentDoc, Conflict, ConflictTarget, ConflictValue, EditError, Store};
pub use trust::TrustPolicy;
pub use unit::{Quota, Unit, UnitError, UnitKind, UnitRegistry};
pub use version::{Causality, Hlc, HlcClock, VersionVector};
