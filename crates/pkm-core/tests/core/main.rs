//! Integration tests of pkm-core (one test binary, several modules): the committed bundle files
//! (examples, bad files, golden vectors, the JSON Schema), the merge laws as property tests, signed
//! bundles and key pinning, and the Nghệ An 2024 fixture.
//!
//! Set `PKM_BLESS=1` to rewrite the committed files under `tests/bundles/` from the generators in
//! [`support`] (then review the diff); without it, tests fail when a file differs.
//!
//! Native only: the tests read files and use OS randomness (proptest).

#![cfg(not(target_arch = "wasm32"))]

mod attachments;
mod bad_corpus;
mod bundle_files;
mod catalogue_editor;
mod catalogue_xlsx;
mod container_stream;
mod cycle;
mod documents;
mod export;
mod limit_ranges;
mod merge_laws;
mod nghe_an;
mod pieces;
mod signing;
mod support;
mod tidy;
mod trust;
mod years;
