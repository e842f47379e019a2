//! Bundle format v2 (gói dữ liệu): the only thing that travels between a ward's laptop, the
//! provincial office and the Ministry. The contract is documented in `docs/bundle-format.md` and
//! `docs/bundle.schema.json`. Version 2 is version 1 with evidence files' references; a bundle
//! without any is still written as version 1 ([`Bundle::format_version`]).
//!
//! Envelope: `{"format": "pkm-bundle", "format_version": 1|2, "kind": "ward"|"province"|"config",
//! "header": {...}, "content": {...}, "integrity": {"algorithm": "sha256-jcs", "digest": hex,
//! "signature"?: {...}}}`. `content` has the serialised shape of a [`Store`] (without imported
//! digests); the digest is SHA-256 over the RFC 8785 canonical form of the bundle object without
//! `integrity`; the optional signature (see [`signature`]) is an ECDSA P-256 signature of those
//! same canonical bytes by the exporting device, checked against the keys the store pinned for the
//! exporting unit.
//!
//! - Writing: [`build_bundle`] selects what a [`Selection`] covers and [`Bundle::to_json`] writes
//!   it; [`write_bundle`] does both.
//! - Reading: [`read_bundle`] checks a file on its own (it must then be self-contained: every unit,
//!   parent and catalogue it refers to is inside); [`read_bundle_with`] checks it in the context of
//!   a store (references may point into the store) and of the kinds accepted. Both collect every
//!   problem, with its JSON path, before deciding; see [`problems`] and [`limits`].
//! - Importing: [`Store::import_bundle`] re-checks the bundle against the store and joins it in.

pub mod canonical;
mod digesting;
pub mod json;
pub mod limits;
pub mod problems;
mod reader;
mod references;
pub mod signature;
mod text_writer;
mod walk_plan;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use limits::Limits;
pub use problems::{Problem, ProblemKind};
pub use reader::{
    LARGE_FILE_BYTES, PendingSignature, ReadOptions, RunRead, SteppedRead, read_bundle,
    read_bundle_with,
};
pub use references::check_references;
pub use signature::{
    BundleSignature, KeyFingerprint, PublicKey, SecretKey, SignatureError, SignatureStatus,
};

use crate::assessment::AssessmentKey;
use crate::catalogue::{Catalogue, CatalogueStatus};
use crate::ids::{BundleId, CatalogueId, DeviceId, UnitId};
use crate::register::MvReg;
use crate::store::{AssessmentDoc, ProvinceYear, Store};
use crate::trust::TrustPolicy;
use crate::unit::{Unit, UnitKind, UnitRegistry};
use crate::version::Hlc;

/// The value of the `format` member.
pub const FORMAT_NAME: &str = "pkm-bundle";
/// The newest format version this app reads, and the one it writes for a bundle whose evidence
/// refers to files (docs/bundle-format.md, section 6: a v1 reader would drop the references).
pub const FORMAT_VERSION: u64 = 2;
/// The format version written for a bundle without evidence files: every older app reads it.
pub const FORMAT_VERSION_WITHOUT_ATTACHMENTS: u64 = 1;
/// The value of `integrity.algorithm`.
pub const DIGEST_ALGORITHM: &str = "sha256-jcs";

/// The order of the envelope's members in written files.
pub const ENVELOPE_ORDER: [&str; 6] = [
    "format",
    "format_version",
    "kind",
    "header",
    "content",
    "integrity",
];

/// What a bundle holds and who sends it to whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    /// From a ward police to the province: its unit chain, its assessments and the catalogues they
    /// use ("gói của Công an phường").
    Ward,
    /// A whole province (or a whole store): units, quotas, catalogue choices, assessments
    /// ("gói tổng hợp của Công an tỉnh").
    Province,
    /// From the province down to its wards: catalogues, the unit registry, quotas and catalogue
    /// choices per year, no assessments ("gói cấu hình").
    Config,
    /// From the province back to a ward (or to all of them) after the review: the province's
    /// verdicts per criterion and its conclusion, never the ward's own values ("gói ý kiến thẩm
    /// định"; see [`crate::cycle`]).
    Feedback,
}

impl BundleKind {
    /// The Vietnamese label.
    pub fn label_vi(&self) -> &'static str {
        match self {
            BundleKind::Ward => "Gói của Công an phường",
            BundleKind::Province => "Gói tổng hợp của Công an tỉnh",
            BundleKind::Config => "Gói cấu hình",
            BundleKind::Feedback => "Gói ý kiến thẩm định",
        }
    }

    /// The English label.
    pub fn label_en(&self) -> &'static str {
        match self {
            BundleKind::Ward => "Ward bundle",
            BundleKind::Province => "Province bundle",
            BundleKind::Config => "Config bundle",
            BundleKind::Feedback => "Feedback bundle",
        }
    }
}

/// When a bundle was exported: a timestamp for ordering and the caller's text for people (for
/// example `2024-12-18T09:30:00+07:00`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAt {
    /// The exporting device's clock.
    pub hlc: Hlc,
    /// The wall time as text, as the caller formatted it.
    pub text: String,
}

/// A catalogue a bundle refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueRef {
    /// Its id.
    pub id: CatalogueId,
    /// Draft or official.
    pub status: CatalogueStatus,
    /// How many criteria it has.
    pub criteria: u32,
}

/// A bundle's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleHeader {
    /// The version of the app that wrote it.
    pub app_version: String,
    /// The bundle's id, chosen by the exporter.
    pub bundle_id: BundleId,
    /// When it was exported.
    pub exported_at: ExportedAt,
    /// The exporting device.
    pub device_id: DeviceId,
    /// The exporting unit.
    pub unit_id: UnitId,
    /// The catalogues the content refers to (informative; the content carries them).
    pub catalogues: Vec<CatalogueRef>,
}

/// What the caller supplies for a header (the catalogue list is derived from the content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderInput {
    /// The version of the app that writes.
    pub app_version: String,
    /// The new bundle's id (for example a UUID).
    pub bundle_id: BundleId,
    /// When (the caller's clock).
    pub exported_at: ExportedAt,
    /// The exporting device.
    pub device_id: DeviceId,
    /// The exporting unit.
    pub unit_id: UnitId,
}

/// What to put in a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Everything in the store, as a province bundle.
    All,
    /// One province: its units (and their ancestors), quotas, catalogue choices, the assessments
    /// of its units and the catalogues they use; a province bundle.
    Province(UnitId),
    /// One ward: its unit chain, its assessments (every year) and the catalogues they use; a ward
    /// bundle.
    Ward(UnitId),
    /// A province's configuration for its wards: its units (and their ancestors), quotas,
    /// catalogue choices, the Minister's decisions and every catalogue in the store; a config
    /// bundle.
    Config(UnitId),
    /// The province's feedback after the review (see [`crate::cycle`]): for one ward of the
    /// province (`Some`) or all of them (`None`), for one year: the wards' unit chains, their
    /// assessments of the year reduced to the province's review verdicts, the province's
    /// conclusions and the catalogues the verdicts refer to; a feedback bundle.
    Feedback {
        /// The province exporting.
        province: UnitId,
        /// One ward, or every ward of the province.
        ward: Option<UnitId>,
        /// The year reviewed.
        year: u16,
    },
}

/// The content's file positions, for JSON paths in problems found after decoding.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct SourceIndex {
    pub(crate) catalogues: BTreeMap<CatalogueId, usize>,
    pub(crate) quotas: BTreeMap<ProvinceYear, usize>,
    pub(crate) year_catalogues: BTreeMap<ProvinceYear, usize>,
    pub(crate) assessments: BTreeMap<AssessmentKey, usize>,
    pub(crate) conclusions: BTreeMap<AssessmentKey, usize>,
    pub(crate) decisions: BTreeMap<ProvinceYear, usize>,
    /// Units and catalogues whose records failed to decode (not reported again as unknown).
    pub(crate) broken_units: BTreeSet<UnitId>,
    pub(crate) broken_catalogues: BTreeSet<String>,
}

/// A decoded (or built) bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    /// Its kind.
    pub kind: BundleKind,
    /// Its header.
    pub header: BundleHeader,
    /// Its content, as a store (merging a bundle is merging this store).
    pub content: Store,
    /// The SHA-256 digest of its canonical form (lowercase hex).
    pub digest: String,
    /// The signature, verified against `digest` (only [`Bundle::attach_signature`],
    /// [`Bundle::sign_with`] and the reader set it).
    pub(crate) signature: Option<BundleSignature>,
    pub(crate) index: SourceIndex,
}

/// Why a bundle could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// The selected unit is not in the store.
    #[error("unknown unit {0}")]
    UnknownUnit(UnitId),
    /// The selected unit is not a province.
    #[error("unit {0} is not a province")]
    NotAProvince(UnitId),
    /// Serialisation failed (should not happen).
    #[error("serialisation failed: {0}")]
    Serialisation(String),
    /// The content changed after the bundle was signed: the signature no longer fits.
    #[error("the content changed after signing")]
    ChangedAfterSigning,
}

impl WriteError {
    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            WriteError::UnknownUnit(unit) => {
                format!("Không tìm thấy đơn vị “{unit}” để xuất dữ liệu.")
            }
            WriteError::NotAProvince(unit) => {
                format!("Đơn vị “{unit}” không phải là Công an tỉnh, thành phố.")
            }
            WriteError::Serialisation(detail) => {
                format!("Lỗi nội bộ khi ghi gói dữ liệu: {detail}.")
            }
            WriteError::ChangedAfterSigning => {
                "Nội dung gói đã thay đổi sau khi ký; hãy xuất lại.".to_string()
            }
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            WriteError::UnknownUnit(unit) => format!("Unit “{unit}” not found; nothing to export."),
            WriteError::NotAProvince(unit) => format!("Unit “{unit}” is not a provincial police."),
            WriteError::Serialisation(detail) => {
                format!("Internal error while writing the bundle: {detail}.")
            }
            WriteError::ChangedAfterSigning => {
                "The bundle's content changed after it was signed; export again.".to_string()
            }
        }
    }
}

impl Bundle {
    /// Assembles a bundle and computes its digest.
    pub fn new(
        kind: BundleKind,
        header: BundleHeader,
        content: Store,
    ) -> Result<Bundle, WriteError> {
        let mut bundle = Bundle {
            kind,
            header,
            content,
            digest: String::new(),
            signature: None,
            index: SourceIndex::default(),
        };
        let value = bundle.unsigned_value()?;
        bundle.digest = canonical::bundle_digest(&value);
        Ok(bundle)
    }

    fn unsigned_value(&self) -> Result<Value, WriteError> {
        let serialisation = |error: serde_json::Error| WriteError::Serialisation(error.to_string());
        let mut content = serde_json::to_value(&self.content).map_err(serialisation)?;
        if let Value::Object(members) = &mut content {
            members.remove("imported");
        }
        Ok(serde_json::json!({
            "format": FORMAT_NAME,
            "format_version": self.format_version(),
            "kind": self.kind,
            "header": serde_json::to_value(&self.header).map_err(serialisation)?,
            "content": content,
        }))
    }

    /// The format version the bundle is written in: [`FORMAT_VERSION`] (2) when its evidence
    /// refers to files, which a v1 reader would silently drop, else
    /// [`FORMAT_VERSION_WITHOUT_ATTACHMENTS`] (1), so that every app already in use reads it.
    pub fn format_version(&self) -> u64 {
        format_version_of(&self.content)
    }

    /// The bytes a signature covers: the UTF-8 canonical form of the bundle without
    /// `integrity`, whose SHA-256 is the digest. WebCrypto's ECDSA with SHA-256 signs exactly these.
    pub fn signing_bytes(&self) -> Result<Vec<u8>, WriteError> {
        Ok(canonical::canonical_string(&self.unsigned_value()?).into_bytes())
    }

    /// The signature, if the bundle is signed (always verified against the digest).
    pub fn signature(&self) -> Option<&BundleSignature> {
        self.signature.as_ref()
    }

    /// Attaches a signature made elsewhere (by WebCrypto) of [`Bundle::signing_bytes`]: the raw
    /// public key (65 bytes, uncompressed) and the raw signature (64 bytes, `r ‖ s`). It is
    /// verified first; a signature that does not fit is refused and nothing changes.
    pub fn attach_signature(
        &mut self,
        public_key: &[u8],
        value: &[u8],
    ) -> Result<&BundleSignature, SignatureError> {
        let key = PublicKey::from_raw(public_key)?;
        let signature = BundleSignature::verified(key, value, &self.digest)?;
        Ok(self.signature.insert(signature))
    }

    /// Signs the bundle with a key held in memory (tests, fixtures, the command line).
    pub fn sign_with(&mut self, key: &SecretKey) -> Result<&BundleSignature, SignatureError> {
        let signature = key.sign_digest(&self.digest)?;
        Ok(self.signature.insert(signature))
    }

    /// The bundle as a JSON value, with its integrity member (and its signature, when signed).
    pub fn to_value(&self) -> Result<Value, WriteError> {
        let mut value = self.unsigned_value()?;
        let digest = canonical::bundle_digest(&value);
        let mut integrity = serde_json::json!({"algorithm": DIGEST_ALGORITHM, "digest": digest});
        if let Some(signature) = &self.signature {
            if digest != self.digest {
                return Err(WriteError::ChangedAfterSigning);
            }
            integrity["signature"] = signature.to_value();
        }
        if let Value::Object(members) = &mut value {
            members.insert("integrity".to_string(), integrity);
        }
        Ok(value)
    }

    /// The bundle file's text: indented JSON, the envelope members first (`format`,
    /// `format_version`, `kind`, `header`, `content`, `integrity`), every nested object's members in
    /// canonical order.
    pub fn to_json(&self) -> Result<String, WriteError> {
        Ok(canonical::pretty_string_ordered(
            &self.to_value()?,
            &ENVELOPE_ORDER,
        ))
    }

    /// The units of the content, as a registry.
    pub fn registry(&self) -> UnitRegistry {
        self.content.registry()
    }
}

/// Builds the bundle a selection covers.
pub fn build_bundle(
    store: &Store,
    selection: &Selection,
    header: &HeaderInput,
) -> Result<Bundle, WriteError> {
    let mut bundle = undigested(store, selection, header)?;
    bundle.digest = canonical::bundle_digest(&bundle.unsigned_value()?);
    Ok(bundle)
}

/// The bundle a selection covers, its digest not computed yet.
fn undigested(
    store: &Store,
    selection: &Selection,
    header: &HeaderInput,
) -> Result<Bundle, WriteError> {
    let (kind, content) = select(store, selection)?;
    let mut content = content.into_owned();
    content.imported.clear();
    let header = bundle_header(&content, header);
    Ok(Bundle {
        kind,
        header,
        content,
        digest: String::new(),
        signature: None,
        index: SourceIndex::default(),
    })
}

/// The header of a bundle of `content`: what the caller gave, and the catalogues it carries.
fn bundle_header(content: &Store, header: &HeaderInput) -> BundleHeader {
    let mut catalogues: Vec<CatalogueRef> = content
        .catalogues()
        .values()
        .map(|catalogue| CatalogueRef {
            id: catalogue.id.clone(),
            status: catalogue.status,
            criteria: u32::try_from(catalogue.criteria_count()).unwrap_or(u32::MAX),
        })
        .collect();
    catalogues.sort_by(|left, right| left.id.cmp(&right.id));
    BundleHeader {
        app_version: header.app_version.clone(),
        bundle_id: header.bundle_id.clone(),
        exported_at: header.exported_at.clone(),
        device_id: header.device_id.clone(),
        unit_id: header.unit_id.clone(),
        catalogues,
    }
}

/// Builds and writes the bundle a selection covers: the same text as
/// [`build_bundle`]`(…)?.`[`to_json`](Bundle::to_json)`()`, written straight from the store
/// (no `serde_json::Value` tree, no copy of the store for [`Selection::All`]), its digest hashed
/// from that text without its indentation. For the whole country's 80 MiB that is most of
/// `pkm merge`'s time and memory.
pub fn write_bundle(
    store: &Store,
    selection: &Selection,
    header: &HeaderInput,
) -> Result<String, WriteError> {
    let serialisation =
        |error: text_writer::TextError| WriteError::Serialisation(error.to_string());
    let (kind, content) = select(store, selection)?;
    let header = bundle_header(&content, header);
    let mut out = String::from("{");
    // The envelope's members in the file's order, each as `"name": value` at level 1; where
    // each value's text lies, for the digest.
    let mut spans: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
    for name in ENVELOPE_ORDER.iter().take(5) {
        if !spans.is_empty() {
            out.push(',');
        }
        out.push_str("\n  ");
        canonical::write_string(&mut out, name);
        out.push_str(": ");
        let start = out.len();
        match *name {
            "format" => text_writer::write_pretty(&mut out, FORMAT_NAME, 1, None),
            "format_version" => {
                text_writer::write_pretty(&mut out, &format_version_of(&content), 1, None)
            }
            "kind" => text_writer::write_pretty(&mut out, &kind, 1, None),
            "header" => text_writer::write_pretty(&mut out, &header, 1, None),
            _ => text_writer::write_pretty(&mut out, &*content, 1, Some("imported")),
        }
        .map_err(serialisation)?;
        spans.push((name, start..out.len()));
    }
    // The digest is over the canonical form without `integrity`: the members sorted, no
    // whitespace.
    spans.sort_by(|(left, _), (right, _)| canonical::utf16_order(left, right));
    let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
    for (index, (name, span)) in spans.iter().enumerate() {
        let mut member = String::from(if index == 0 { "{" } else { "," });
        canonical::write_string(&mut member, name);
        member.push(':');
        sha2::Digest::update(&mut hasher, member.as_bytes());
        text_writer::hash_compact(&mut hasher, &out[span.clone()]);
    }
    sha2::Digest::update(&mut hasher, b"}");
    let digest = canonical::lower_hex(&sha2::Digest::finalize(hasher));
    let integrity = serde_json::json!({"algorithm": DIGEST_ALGORITHM, "digest": digest});
    out.push_str(",\n  \"integrity\": ");
    text_writer::write_pretty(&mut out, &integrity, 1, None).map_err(serialisation)?;
    out.push_str("\n}\n");
    Ok(out)
}

fn unit_register_within(register: &MvReg<Unit>, registry: &UnitRegistry, root: &UnitId) -> bool {
    register
        .siblings()
        .iter()
        .filter_map(|entry| entry.value.as_ref())
        .any(|unit| {
            registry.is_within(&unit.id, root)
                || unit
                    .parent
                    .as_ref()
                    .is_some_and(|parent| registry.is_within(parent, root))
        })
}

fn select<'s>(
    store: &'s Store,
    selection: &Selection,
) -> Result<(BundleKind, Cow<'s, Store>), WriteError> {
    let from = Source {
        store,
        registry: store.registry(),
    };
    let mut content = Store::new();
    match selection {
        // The whole store, not copied: the writers leave out what it imported.
        Selection::All => Ok((BundleKind::Province, Cow::Borrowed(store))),
        Selection::Ward(ward) => {
            if from.registry.get(ward).is_none() {
                return Err(WriteError::UnknownUnit(ward.clone()));
            }
            from.copy_chain(&mut content, ward);
            for (key, doc) in &store.assessments {
                if &key.unit == ward {
                    content.assessments.insert(key.clone(), doc.clone());
                }
            }
            crate::cycle::copy_conclusions(store, &mut content, |unit| unit == ward);
            from.copy_referenced_catalogues(&mut content);
            Ok((BundleKind::Ward, Cow::Owned(content)))
        }
        Selection::Province(province) => {
            from.check_province(province)?;
            from.copy_province_setup(&mut content, province);
            copy_keys(store, &mut content);
            for (key, doc) in &store.assessments {
                if content.units.contains_key(&key.unit)
                    && from.registry.is_within(&key.unit, province)
                {
                    content.assessments.insert(key.clone(), doc.clone());
                }
            }
            crate::cycle::copy_conclusions(store, &mut content, |unit| {
                from.registry.is_within(unit, province)
            });
            crate::cycle::copy_decisions(store, &mut content, province);
            from.copy_referenced_catalogues(&mut content);
            Ok((BundleKind::Province, Cow::Owned(content)))
        }
        Selection::Config(province) => {
            from.check_province(province)?;
            from.copy_province_setup(&mut content, province);
            copy_keys(store, &mut content);
            content.catalogues = store.catalogues.clone();
            crate::cycle::copy_decisions(store, &mut content, province);
            Ok((BundleKind::Config, Cow::Owned(content)))
        }
        Selection::Feedback {
            province,
            ward,
            year,
        } => {
            from.check_province(province)?;
            crate::cycle::feedback(&from, &mut content, province, ward.as_ref(), *year)?;
            from.copy_referenced_catalogues(&mut content);
            Ok((BundleKind::Feedback, Cow::Owned(content)))
        }
    }
}

/// The format version a bundle holding `content` is written in (see [`Bundle::format_version`]).
pub fn format_version_of(content: &Store) -> u64 {
    // A v1 reader would keep a province's record without its settings for evidence files
    // under the same version vector: a misread, as for references to files.
    let settings = content.unit_registers().values().any(|register| {
        register.siblings().iter().any(|entry| {
            entry
                .value
                .as_ref()
                .is_some_and(|unit| unit.attachment_limits.is_some())
        })
    });
    if !settings && crate::attachment::AttachmentCensus::of(content).is_empty() {
        FORMAT_VERSION_WITHOUT_ATTACHMENTS
    } else {
        FORMAT_VERSION
    }
}

/// The store a bundle's content is selected from, and its unit registry.
pub(crate) struct Source<'a> {
    pub(crate) store: &'a Store,
    pub(crate) registry: UnitRegistry,
}

impl Source<'_> {
    /// Copies the catalogues the selected assessments and year choices refer to.
    fn copy_referenced_catalogues(&self, content: &mut Store) {
        let mut ids: BTreeSet<CatalogueId> = BTreeSet::new();
        for doc in content.assessments.values() {
            ids.extend(catalogues_needed(doc, self.store));
        }
        for register in content.year_catalogues.values() {
            ids.extend(
                register
                    .siblings()
                    .iter()
                    .filter_map(|entry| entry.value.clone()),
            );
        }
        for id in ids {
            if let Some(catalogue) = self.store.catalogues.get(&id) {
                content.catalogues.insert(id, catalogue.clone());
            }
        }
    }

    /// Copies a unit's record and those of the units above it.
    pub(crate) fn copy_chain(&self, content: &mut Store, unit: &UnitId) {
        for found in self.registry.chain(unit) {
            if let Some(register) = self.store.units.get(&found.id) {
                content.units.insert(found.id.clone(), register.clone());
            }
        }
    }

    /// The unit exists and is a province.
    fn check_province(&self, province: &UnitId) -> Result<(), WriteError> {
        match self.registry.get(province) {
            None => Err(WriteError::UnknownUnit(province.clone())),
            Some(unit) if unit.kind != UnitKind::Province => {
                Err(WriteError::NotAProvince(province.clone()))
            }
            Some(_) => Ok(()),
        }
    }

    /// Copies a province's setup: the units within it (and above it), its quotas and its
    /// catalogue choices.
    fn copy_province_setup(&self, content: &mut Store, province: &UnitId) {
        self.copy_chain(content, province);
        for (id, register) in &self.store.units {
            if unit_register_within(register, &self.registry, province) {
                content.units.insert(id.clone(), register.clone());
            }
        }
        for (key, register) in &self.store.quotas {
            if &key.0 == province {
                content.quotas.insert(key.clone(), register.clone());
            }
        }
        for (key, register) in &self.store.year_catalogues {
            if &key.0 == province {
                content
                    .year_catalogues
                    .insert(key.clone(), register.clone());
            }
        }
    }
}

/// The catalogues a bundle carries for an assessment: those its catalogue register names and, for
/// each criterion it refers to that none of them defines (a retired value, see
/// [`AssessmentDoc::retired_criteria`]), every catalogue of the store that defines it, which the
/// reader checks that value against.
fn catalogues_needed(doc: &AssessmentDoc, store: &Store) -> BTreeSet<CatalogueId> {
    let mut ids: BTreeSet<CatalogueId> = doc.catalogue_ids().into_iter().cloned().collect();
    let own: Vec<&Catalogue> = ids.iter().filter_map(|id| store.catalogue(id)).collect();
    for criterion in doc.referenced_criteria() {
        if own
            .iter()
            .all(|catalogue| catalogue.criterion(criterion).is_none())
        {
            ids.extend(
                store
                    .catalogues()
                    .values()
                    .filter(|catalogue| catalogue.criterion(criterion).is_some())
                    .map(|catalogue| catalogue.id.clone()),
            );
        }
    }
    ids
}

/// The keys pinned and revoked for the units of `content` (a province lists its units' keys in its config and
/// province bundles; ward bundles carry none).
fn copy_keys(store: &Store, content: &mut Store) {
    for (unit, keys) in &store.keys {
        if content.units.contains_key(unit) && !keys.is_empty() {
            content.keys.insert(unit.clone(), keys.clone());
        }
    }
    for (unit, keys) in &store.revoked {
        if content.units.contains_key(unit) && !keys.is_empty() {
            content.revoked.insert(unit.clone(), keys.clone());
        }
    }
}

/// Checks a decoded bundle against a store and the importing person's decisions: the trust rules
/// of [`crate::trust`] (signature, sender, scope, clock), clashing catalogues, references to units and catalogues
/// that are neither in the bundle nor in the store, criteria and figures that do not fit the
/// catalogue. A criterion the assessment's catalogues lack is accepted as retired when another
/// catalogue the bundle carries defines it (and its figures fit one of the catalogues that do);
/// only an id no catalogue defines is an unknown criterion. An empty list means the bundle can be
/// imported.
pub fn check_bundle(bundle: &Bundle, store: &Store, policy: &TrustPolicy) -> Vec<Problem> {
    let mut problems = crate::trust::trust_problems(bundle, store, policy);
    problems.extend(check_references(bundle, store));
    problems
}

#[cfg(test)]
mod tests;
