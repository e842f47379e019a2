//! The provincial office's state: which province this office is and who reviews (the office
//! profile), what the dashboard shows (year, basis, filters), the batch import job, the edits the
//! office makes (registry, quotas, catalogues, review verdicts, conflict resolutions), the
//! catalogue it types in (a draft saved on every keystroke, then published) and the files it
//! produces. Domain rules stay in `pkm_core`; these modules combine it with the session.

pub mod catalogue_draft;
pub mod context;
pub mod cycle;
pub mod edits;
pub mod import_container;
pub mod import_job;
pub mod keys;
pub mod outputs;
pub mod profile;
pub mod time;
pub mod years;

pub use context::{ProvinceContext, provide_province_context, use_province};
