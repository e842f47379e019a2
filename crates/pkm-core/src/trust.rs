//! Who may change what (ai được sửa gì): the trust rules an import applies on top of the reader's
//! checks, so that a file can speak only for the unit that signed it.
//!
//! - **Keys.** A bundle speaks for its exporting unit `E` (`header.unit_id`). It must be signed by
//!   the importing device's own key, by a key pinned for `E` or for a unit above it, or by a key a
//!   person confirmed for `E` in this import ([`TrustPolicy::confirmed`], pinned when the file is
//!   imported). No key is ever pinned silently: an unknown key is `unconfirmed-key` (or
//!   `key-mismatch` when another key is pinned), and a key revoked for `E` or a unit above it is
//!   `revoked-key`, pinned or not. An unsigned file is refused unless a person accepted that
//!   unit's unsigned file for this import ([`TrustPolicy::unsigned_allowed`]).
//! - **Sender.** `E` must be known: in the store's registry, a new ward whose parent is, the
//!   province of a config whose key the person confirms (a ward's first config file), or anything
//!   when the store holds no unit at all and the file carries its sender's record (its first
//!   file: a fresh province, a new laptop restoring its last export). Otherwise `unknown-sender`.
//! - **Scope.** `E`'s scope is `E` and every unit below it (by the store's registry; by the file's
//!   records for units new to the store). A ward's assessment (track, catalogue, criteria, actions,
//!   requests) belongs to the ward; review verdicts to the province above it; a unit's record to
//!   its parent (a top unit's to itself); quotas and catalogue choices to their province; pins and
//!   revocations to their unit. A record outside `E`'s scope may travel only as a reference: if
//!   importing it would change the store, the file is refused (`out-of-scope`). A new ward may
//!   create its own record.
//! - **Clocks.** Values dated more than [`MAX_CLOCK_AHEAD_MS`] after the importer's clock, and new
//!   to it, refuse the file (`future-timestamp`) unless a person accepts them for this import; even
//!   then they never move the importer's clock ([`crate::store::Store::latest_timestamp_until`]).
//!   Version counters above [`MAX_COUNTER`] are refused by the reader (`counter-too-large`), and
//!   a new entry that gives the importing device a counter above the one it wrote itself is
//!   forged (`forged-counter`): its next edits would count on from there.
//!
//! A refused file changes nothing: no value, no pin, no revocation, no clock.

use std::collections::{BTreeMap, BTreeSet};

use crate::assessment::AssessmentKey;
use crate::bundle::signature::KeyFingerprint;
use crate::bundle::{Bundle, BundleKind, Problem, ProblemKind, SignatureStatus};
use crate::date::Date;
use crate::ids::{DeviceId, UnitId};
use crate::register::MvReg;
use crate::store::{AssessmentDoc, Store};
use crate::version::{Hlc, VersionVector};

/// How far ahead of the importing device's clock a new value may be dated: one day, more than
/// any time zone or a laptop's drift explains.
pub const MAX_CLOCK_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;

/// The largest version vector counter a file may carry (2^32): a counter counts one device's
/// edits of one value, and counting on from there stays far below the format's 2^53.
pub const MAX_COUNTER: u64 = 1 << 32;

/// What the person importing decided, and the importer's clock: the context of the trust rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustPolicy {
    /// The importing device's own signing keys: a file it signed itself is taken back whatever
    /// the pins say (never pinned).
    pub own_keys: Vec<KeyFingerprint>,
    /// Keys a person confirmed for a unit in this import, after checking them by phone: pinned
    /// for the unit when one of its files is imported.
    pub confirmed: BTreeSet<(UnitId, KeyFingerprint)>,
    /// Units whose unsigned files a person accepted for this import (an explicit exception, named
    /// in the report).
    pub unsigned_allowed: BTreeSet<UnitId>,
    /// Units whose files' values dated ahead of the clock a person accepted for this import.
    pub future_allowed: BTreeSet<UnitId>,
    /// The importing device's wall clock (ms since 1970); `None` skips the clock rule (a tool
    /// that has no trustworthy clock must say so).
    pub now_ms: Option<u64>,
    /// The importing device: a file whose version vector gives it a counter above what it wrote
    /// itself is forged (only a device counts its own edits), and would push its next edits
    /// past the counter limit. `None` (a tool that edits nothing) skips the rule.
    pub device: Option<DeviceId>,
}

impl TrustPolicy {
    /// No own key, nothing confirmed, no exception, no clock.
    pub fn new() -> TrustPolicy {
        TrustPolicy::default()
    }

    /// With the importing device's own keys.
    pub fn with_own_keys(mut self, keys: impl IntoIterator<Item = KeyFingerprint>) -> TrustPolicy {
        self.own_keys.extend(keys);
        self
    }

    /// With a key confirmed for a unit.
    pub fn confirming(mut self, unit: UnitId, key: KeyFingerprint) -> TrustPolicy {
        self.confirmed.insert((unit, key));
        self
    }

    /// Accepting a unit's unsigned files.
    pub fn allowing_unsigned(mut self, unit: UnitId) -> TrustPolicy {
        self.unsigned_allowed.insert(unit);
        self
    }

    /// Accepting a unit's values dated ahead of the clock.
    pub fn allowing_future(mut self, unit: UnitId) -> TrustPolicy {
        self.future_allowed.insert(unit);
        self
    }

    /// With the importing device's wall clock.
    pub fn at(mut self, now_ms: u64) -> TrustPolicy {
        self.now_ms = Some(now_ms);
        self
    }

    /// For the importing device `device`.
    pub fn for_device(mut self, device: DeviceId) -> TrustPolicy {
        self.device = Some(device);
        self
    }

    /// The latest wall time a value new to the store may have (`None`: no clock).
    pub fn clock_limit(&self) -> Option<u64> {
        self.now_ms
            .map(|now| now.saturating_add(MAX_CLOCK_AHEAD_MS))
    }
}

/// The parents of `unit`: from the store's register when it knows the unit (every version's
/// parent), else from the bundle's.
fn parents(store: &Store, bundle: Option<&Store>, unit: &UnitId) -> Vec<UnitId> {
    let register = store
        .units
        .get(unit)
        .filter(|register| {
            register
                .siblings()
                .iter()
                .any(|entry| entry.value.is_some())
        })
        .or_else(|| bundle.and_then(|content| content.units.get(unit)));
    let mut found: Vec<UnitId> = register
        .into_iter()
        .flat_map(|register| register.siblings())
        .filter_map(|entry| entry.value.as_ref()?.parent.clone())
        .collect();
    found.sort();
    found.dedup();
    found
}

/// `unit` and every unit above it (through every parent any version names), nearest first.
pub(crate) fn chain_of(store: &Store, bundle: Option<&Store>, unit: &UnitId) -> Vec<UnitId> {
    let mut chain = vec![unit.clone()];
    let mut seen = BTreeSet::from([unit.clone()]);
    let mut next = 0;
    while next < chain.len() {
        for parent in parents(store, bundle, &chain[next]) {
            if seen.insert(parent.clone()) {
                chain.push(parent);
            }
        }
        next += 1;
    }
    chain
}

/// The units at the top of `unit`'s chain (those without a parent): its province.
fn tops(store: &Store, bundle: Option<&Store>, unit: &UnitId) -> Vec<UnitId> {
    chain_of(store, bundle, unit)
        .into_iter()
        .filter(|link| parents(store, bundle, link).is_empty())
        .collect()
}

/// How a bundle's signature stands against the store's pins and revocations and the person's
/// decisions; the rule is in this module's documentation. A signature that does not verify
/// never gets here: the reader refuses it (`bad-signature`).
pub fn signature_status(
    bundle: &Bundle,
    store: &Store,
    policy: &TrustPolicy,
) -> Result<SignatureStatus, Problem> {
    let unit = &bundle.header.unit_id;
    let chain = chain_of(store, Some(&bundle.content), unit);
    let own_pins: Vec<KeyFingerprint> = store
        .keys
        .get(unit)
        .map(|keys| keys.iter().cloned().collect())
        .unwrap_or_default();
    let pinned: Vec<KeyFingerprint> = chain
        .iter()
        .filter_map(|link| store.keys.get(link))
        .flatten()
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let Some(signature) = bundle.signature() else {
        return if policy.unsigned_allowed.contains(unit) {
            Ok(SignatureStatus::Unsigned)
        } else {
            Err(Problem::new(
                ProblemKind::UnsignedBundle {
                    unit: unit.to_string(),
                    pinned: own_pins,
                },
                "$.integrity",
            ))
        };
    };
    let fingerprint = signature.fingerprint();
    let key_path = "$.integrity.signature.public_key";
    if chain.iter().any(|link| {
        store
            .revoked
            .get(link)
            .is_some_and(|keys| keys.contains(&fingerprint))
    }) {
        return Err(Problem::new(
            ProblemKind::RevokedKey {
                unit: unit.to_string(),
                found: fingerprint,
            },
            key_path,
        ));
    }
    if policy.own_keys.contains(&fingerprint) {
        Ok(SignatureStatus::Own { fingerprint })
    } else if pinned.contains(&fingerprint) {
        Ok(SignatureStatus::Pinned { fingerprint })
    } else if policy
        .confirmed
        .contains(&(unit.clone(), fingerprint.clone()))
    {
        Ok(SignatureStatus::FirstSeen { fingerprint })
    } else if own_pins.is_empty() {
        Err(Problem::new(
            ProblemKind::UnconfirmedKey {
                unit: unit.to_string(),
                found: fingerprint,
            },
            key_path,
        ))
    } else {
        Err(Problem::new(
            ProblemKind::KeyMismatch {
                unit: unit.to_string(),
                found: fingerprint,
                pinned: own_pins,
            },
            key_path,
        ))
    }
}

/// Whether the bundle's exporting unit is one this store may hear from (see the module's
/// documentation); the problem when it is not.
fn sender_problem(bundle: &Bundle, store: &Store, policy: &TrustPolicy) -> Option<Problem> {
    let unit = &bundle.header.unit_id;
    // A fresh store takes its first file's registry, which must hold the sender itself: then the
    // same file imports again as "already imported".
    let first_file = store.units.is_empty() && bundle.content.units.contains_key(unit);
    if first_file || store.units.contains_key(unit) {
        return None;
    }
    let known_parent = parents(store, Some(&bundle.content), unit)
        .iter()
        .any(|parent| store.units.contains_key(parent));
    let new_ward = bundle.kind == BundleKind::Ward && known_parent;
    // A signed config of a unit the store does not know yet (a ward's first config, after it
    // typed units by hand): the key's question decides. Until the person confirms the key, the
    // file is refused for the key alone (`unconfirmed-key`), so that the question is asked.
    let config_key_asked = bundle.kind == BundleKind::Config
        && bundle.signature().is_some_and(|signature| {
            policy
                .confirmed
                .contains(&(unit.clone(), signature.fingerprint()))
                || signature_status(bundle, store, policy).is_err()
        });
    if new_ward || config_key_asked {
        None
    } else {
        Some(Problem::new(
            ProblemKind::UnknownSender {
                unit: unit.to_string(),
            },
            "$.header.unit_id",
        ))
    }
}

/// Whether joining `incoming` into `known` (absent: empty) would change what it holds: a value
/// (or deletion) it does not hold, or the loss of one it does. A reference that only brings
/// another version of the same value (two laptops of a ward that typed the same units by hand,
/// a file written before the province's last edit of an equal value) changes nothing a person
/// sees, and passes: its counters are checked on their own ([`own_counter_problem`]), its
/// timestamp by the clock rule.
fn would_change<T: Clone + PartialEq + serde::Serialize>(
    known: Option<&MvReg<T>>,
    incoming: &MvReg<T>,
) -> bool {
    if incoming.is_empty() {
        return false;
    }
    let Some(known) = known else {
        return true;
    };
    let mut joined = known.clone();
    joined.merge(incoming);
    let values = |register: &MvReg<T>| -> Vec<Option<T>> {
        let mut found: Vec<Option<T>> = Vec::new();
        for entry in register.siblings() {
            if !found.contains(&entry.value) {
                found.push(entry.value.clone());
            }
        }
        found
    };
    let (before, after) = (values(known), values(&joined));
    before.len() != after.len() || after.iter().any(|value| !before.contains(value))
}

/// The exporting unit's scope, memoised per unit asked about.
struct Scope<'a> {
    store: &'a Store,
    content: &'a Store,
    sender: &'a UnitId,
    /// A feedback file (province → ward): it carries the province's records only, so a ward's
    /// own part of an assessment is outside its scope whoever sends it.
    feedback: bool,
    memo: BTreeMap<UnitId, bool>,
    problems: Vec<Problem>,
}

impl<'a> Scope<'a> {
    /// The scope of `bundle`'s exporting unit in `store`.
    fn of(bundle: &'a Bundle, store: &'a Store) -> Scope<'a> {
        Scope {
            store,
            content: &bundle.content,
            sender: &bundle.header.unit_id,
            feedback: bundle.kind == BundleKind::Feedback,
            memo: BTreeMap::new(),
            problems: Vec::new(),
        }
    }

    fn contains(&mut self, unit: &UnitId) -> bool {
        if let Some(known) = self.memo.get(unit) {
            return *known;
        }
        let inside = chain_of(self.store, Some(self.content), unit).contains(self.sender);
        self.memo.insert(unit.clone(), inside);
        inside
    }

    /// Checks one record owned by `owners` (all of which must be in scope), which importing
    /// would change when `changes`.
    fn check(
        &mut self,
        owners: &[UnitId],
        changes: impl FnOnce() -> bool,
        record: (String, String),
        path: String,
    ) {
        let outside = owners.iter().find(|owner| !self.contains(owner)).cloned();
        self.check_outside(outside, changes, record, path);
    }

    /// Records a problem when `outside` names an owner outside the scope and importing would
    /// change the record.
    fn check_outside(
        &mut self,
        outside: Option<UnitId>,
        changes: impl FnOnce() -> bool,
        record: (String, String),
        path: String,
    ) {
        if let Some(owner) = outside
            && changes()
        {
            self.problems.push(Problem::new(
                ProblemKind::OutOfScope {
                    unit: self.sender.to_string(),
                    record_vi: record.0,
                    record_en: record.1,
                    owner: owner.to_string(),
                },
                path,
            ));
        }
    }
}

/// Every record of the bundle outside its exporting unit's scope that importing would change.
fn scope_problems(bundle: &Bundle, store: &Store) -> Vec<Problem> {
    if store.units.is_empty() {
        // The store's first file defines its registry (its key was confirmed or its unsigned
        // file accepted by a person): nothing is there to protect yet.
        return Vec::new();
    }
    let mut scope = Scope::of(bundle, store);
    scope.units();
    scope.province_records(bundle);
    scope.cycle_records(bundle);
    for (position, (key, doc)) in bundle.content.assessments.iter().enumerate() {
        let at = bundle
            .index
            .assessments
            .get(key)
            .copied()
            .unwrap_or(position);
        scope.assessment(key, doc, &format!("$.content.assessments[{at}]"));
    }
    scope.key_sets();
    scope.problems
}

impl Scope<'_> {
    /// Unit records belong to the units above them (a unit with none, to itself); a new ward
    /// creates its own record.
    fn units(&mut self) {
        let (store, content) = (self.store, self.content);
        for (id, register) in &content.units {
            if id == self.sender && !store.units.contains_key(id) {
                continue;
            }
            let owners = unit_owners(store, content, id);
            self.check(
                &owners,
                || would_change(store.units.get(id), register),
                (
                    format!("thông tin đơn vị “{id}”"),
                    format!("the record of unit “{id}”"),
                ),
                format!("$.content.units.{id}"),
            );
        }
    }

    /// A province's quotas and catalogue choices belong to it.
    fn province_records(&mut self, bundle: &Bundle) {
        let (store, content) = (self.store, self.content);
        for (position, (key, register)) in content.quotas.iter().enumerate() {
            let at = bundle.index.quotas.get(key).copied().unwrap_or(position);
            self.check(
                std::slice::from_ref(&key.0),
                || would_change(store.quotas.get(key), register),
                (
                    format!("chỉ tiêu năm {} của “{}”", key.1, key.0),
                    format!("the {} quota of “{}”", key.1, key.0),
                ),
                format!("$.content.quotas[{at}]"),
            );
        }
        for (position, (key, register)) in content.year_catalogues.iter().enumerate() {
            let at = bundle
                .index
                .year_catalogues
                .get(key)
                .copied()
                .unwrap_or(position);
            self.check(
                std::slice::from_ref(&key.0),
                || would_change(store.year_catalogues.get(key), register),
                (
                    format!("bộ tiêu chí năm {} của “{}”", key.1, key.0),
                    format!("the {} catalogue choice of “{}”", key.1, key.0),
                ),
                format!("$.content.year_catalogues[{at}]"),
            );
        }
    }

    /// An assessment's own part belongs to its ward; its review verdicts to the province above.
    fn assessment(&mut self, key: &AssessmentKey, doc: &AssessmentDoc, base: &str) {
        let (store, content) = (self.store, self.content);
        let known = store.assessments.get(key);
        let ward_outside = (self.feedback || !self.contains(&key.unit)).then(|| key.unit.clone());
        self.check_outside(
            ward_outside,
            || assessment_would_change(known, doc),
            (
                format!("bản đánh giá năm {} của “{}”", key.year, key.unit),
                format!("the {} assessment of “{}”", key.year, key.unit),
            ),
            base.to_string(),
        );
        let province = tops(store, Some(content), &key.unit);
        for (criterion, register) in doc.reviews() {
            self.check(
                &province,
                || would_change(known.and_then(|doc| doc.reviews().get(criterion)), register),
                (
                    format!(
                        "ý kiến thẩm định tiêu chí {criterion} của “{}” năm {}",
                        key.unit, key.year
                    ),
                    format!(
                        "the review verdict on {criterion} of “{}” for {}",
                        key.unit, key.year
                    ),
                ),
                format!("{base}.reviews.{criterion}"),
            );
        }
    }

    /// A ward's conclusion belongs to the province above it; a decision to its province.
    fn cycle_records(&mut self, bundle: &Bundle) {
        let (store, content) = (self.store, self.content);
        for (position, (key, register)) in content.conclusions.iter().enumerate() {
            let at = bundle
                .index
                .conclusions
                .get(key)
                .copied()
                .unwrap_or(position);
            let province = tops(store, Some(content), &key.unit);
            self.check(
                &province,
                || would_change(store.conclusions.get(key), register),
                (
                    format!("kết luận năm {} về “{}”", key.year, key.unit),
                    format!("the {} conclusion on “{}”", key.year, key.unit),
                ),
                format!("$.content.conclusions[{at}]"),
            );
        }
        for (position, (key, register)) in content.decisions.iter().enumerate() {
            let at = bundle.index.decisions.get(key).copied().unwrap_or(position);
            self.check(
                std::slice::from_ref(&key.0),
                || would_change(store.decisions.get(key), register),
                (
                    format!("quyết định công nhận năm {} của “{}”", key.1, key.0),
                    format!("the {} recognition decision of “{}”", key.1, key.0),
                ),
                format!("$.content.decisions[{at}]"),
            );
        }
    }

    /// The keys pinned and revoked for a unit belong to that unit's scope.
    fn key_sets(&mut self) {
        let (store, content) = (self.store, self.content);
        for (member, sets, known_sets) in [
            ("keys", &content.keys, &store.keys),
            ("revoked", &content.revoked, &store.revoked),
        ] {
            for (unit, keys) in sets {
                let known = known_sets.get(unit);
                let (vi, en) = if member == "keys" {
                    ("khóa ký số được ghi nhận", "the signing keys pinned")
                } else {
                    ("khóa ký số bị thu hồi", "the signing keys revoked")
                };
                self.check(
                    std::slice::from_ref(unit),
                    || {
                        !keys
                            .iter()
                            .all(|key| known.is_some_and(|set| set.contains(key)))
                    },
                    (format!("{vi} của “{unit}”"), format!("{en} for “{unit}”")),
                    format!("$.content.{member}.{unit}"),
                );
            }
        }
    }
}

/// Who owns a unit's record: the units above it; a top unit owns its own.
fn unit_owners(store: &Store, content: &Store, id: &UnitId) -> Vec<UnitId> {
    let owners = parents(store, Some(content), id);
    if owners.is_empty() {
        vec![id.clone()]
    } else {
        owners
    }
}

/// What importing `bundle` into `store` joins in: its content without the records outside its
/// exporting unit's scope, or `None` when nothing is outside. Such records passed the scope
/// check only because joining them would change no value (the copies of its parent units'
/// records a ward's file refers to, a file written before the province's last edit of an equal
/// value); leaving them out keeps even their version vectors away from the store, so that a
/// file changes nothing outside its unit's scope. The store's first file defines its registry
/// and is joined whole.
pub fn in_scope_content(bundle: &Bundle, store: &Store) -> Option<Store> {
    if store.units.is_empty() {
        return None;
    }
    let content = &bundle.content;
    let mut scope = Scope::of(bundle, store);
    let feedback = scope.feedback;
    let mut outside = |owners: &[UnitId]| owners.iter().any(|owner| !scope.contains(owner));
    let units: Vec<UnitId> = content
        .units
        .keys()
        .filter(|id| {
            let new_sender = *id == &bundle.header.unit_id && !store.units.contains_key(*id);
            !new_sender && outside(&unit_owners(store, content, id))
        })
        .cloned()
        .collect();
    let quotas: Vec<_> = content
        .quotas
        .keys()
        .filter(|key| outside(std::slice::from_ref(&key.0)))
        .cloned()
        .collect();
    let choices: Vec<_> = content
        .year_catalogues
        .keys()
        .filter(|key| outside(std::slice::from_ref(&key.0)))
        .cloned()
        .collect();
    let assessments: Vec<_> = content
        .assessments
        .keys()
        .filter(|key| outside(std::slice::from_ref(&key.unit)))
        .cloned()
        .collect();
    let (conclusions, decisions) = cycle_outside(store, content, &mut outside);
    let reviews: Vec<_> = content
        .assessments
        .iter()
        .filter(|(key, doc)| {
            !doc.reviews().is_empty() && outside(&tops(store, Some(content), &key.unit))
        })
        .map(|(key, _)| key.clone())
        .collect();
    let keys: Vec<_> = content
        .keys
        .keys()
        .filter(|unit| outside(std::slice::from_ref(*unit)))
        .cloned()
        .collect();
    let revoked: Vec<_> = content
        .revoked
        .keys()
        .filter(|unit| outside(std::slice::from_ref(*unit)))
        .cloned()
        .collect();
    if units.is_empty()
        && quotas.is_empty()
        && choices.is_empty()
        && assessments.is_empty()
        && reviews.is_empty()
        && keys.is_empty()
        && revoked.is_empty()
        && conclusions.is_empty()
        && decisions.is_empty()
        && (!feedback || content.assessments.is_empty())
    {
        return None;
    }
    let mut kept = content.clone();
    keep_cycle_in_scope(&mut kept, feedback, &conclusions, &decisions);
    for id in &units {
        kept.units.remove(id);
    }
    for key in &quotas {
        kept.quotas.remove(key);
    }
    for key in &choices {
        kept.year_catalogues.remove(key);
    }
    for key in &reviews {
        if let Some(doc) = kept.assessments.get_mut(key) {
            doc.reviews_mut().clear();
        }
    }
    for key in &assessments {
        kept.assessments.remove(key);
    }
    for unit in &keys {
        kept.keys.remove(unit);
    }
    for unit in &revoked {
        kept.revoked.remove(unit);
    }
    Some(kept)
}

/// The conclusions and decisions of `content` whose owner is outside the sender's scope.
fn cycle_outside(
    store: &Store,
    content: &Store,
    outside: &mut dyn FnMut(&[UnitId]) -> bool,
) -> (Vec<AssessmentKey>, Vec<crate::store::ProvinceYear>) {
    let conclusions = content
        .conclusions
        .keys()
        .filter(|key| outside(&tops(store, Some(content), &key.unit)))
        .cloned()
        .collect();
    let decisions = content
        .decisions
        .keys()
        .filter(|key| outside(std::slice::from_ref(&key.0)))
        .cloned()
        .collect();
    (conclusions, decisions)
}

/// Leaves out of `kept` the cycle's records outside the sender's scope and, for a feedback
/// file, every ward's own part of its assessments: it brings the province's verdicts, never a
/// ward's own values.
fn keep_cycle_in_scope(
    kept: &mut Store,
    feedback: bool,
    conclusions: &[AssessmentKey],
    decisions: &[crate::store::ProvinceYear],
) {
    if feedback {
        for doc in kept.assessments.values_mut() {
            *doc = doc.reviews_only();
        }
    }
    for key in conclusions {
        kept.conclusions.remove(key);
    }
    for key in decisions {
        kept.decisions.remove(key);
    }
}

/// Whether joining `incoming` would change the ward's own part of an assessment (everything but
/// the review verdicts).
fn assessment_would_change(known: Option<&AssessmentDoc>, incoming: &AssessmentDoc) -> bool {
    let Some(known) = known else {
        // A document the store lacks: only a ward's own value changes its part (a feedback
        // file's document carries the province's verdicts alone).
        return !incoming.ward_part_is_empty();
    };
    fn map_changes<K: Ord, T: Clone + PartialEq + serde::Serialize>(
        known: &BTreeMap<K, MvReg<T>>,
        incoming: &BTreeMap<K, MvReg<T>>,
    ) -> bool {
        incoming
            .iter()
            .any(|(key, register)| would_change(known.get(key), register))
    }
    would_change(Some(known.track()), incoming.track())
        || would_change(Some(known.catalogue()), incoming.catalogue())
        || map_changes(known.criteria(), incoming.criteria())
        || map_changes(known.actions(), incoming.actions())
        || map_changes(known.requests(), incoming.requests())
}

/// Calls `visit` with every entry of `content` that `store` does not hold as it is: its version
/// vector, its timestamp, and the counter `device` has in the store's register of the same key
/// (0 without a device or a register).
fn each_new_entry(
    content: &Store,
    store: &Store,
    device: Option<&DeviceId>,
    visit: &mut dyn FnMut(&VersionVector, &Hlc, u64),
) {
    fn register<T: Clone + PartialEq + serde::Serialize>(
        incoming: &MvReg<T>,
        known: Option<&MvReg<T>>,
        device: Option<&DeviceId>,
        visit: &mut dyn FnMut(&VersionVector, &Hlc, u64),
    ) {
        let own = match (known, device) {
            (Some(known), Some(device)) => known
                .siblings()
                .iter()
                .map(|entry| entry.vv.get(device))
                .max()
                .unwrap_or(0),
            _ => 0,
        };
        for entry in incoming.siblings() {
            if !known.is_some_and(|known| known.siblings().contains(entry)) {
                visit(&entry.vv, &entry.at, own);
            }
        }
    }
    fn map<K: Ord, T: Clone + PartialEq + serde::Serialize>(
        incoming: &BTreeMap<K, MvReg<T>>,
        known: Option<&BTreeMap<K, MvReg<T>>>,
        device: Option<&DeviceId>,
        visit: &mut dyn FnMut(&VersionVector, &Hlc, u64),
    ) {
        for (key, reg) in incoming {
            register(reg, known.and_then(|known| known.get(key)), device, visit);
        }
    }
    map(&content.units, Some(&store.units), device, visit);
    map(&content.quotas, Some(&store.quotas), device, visit);
    map(
        &content.year_catalogues,
        Some(&store.year_catalogues),
        device,
        visit,
    );
    map(
        &content.conclusions,
        Some(&store.conclusions),
        device,
        visit,
    );
    map(&content.decisions, Some(&store.decisions), device, visit);
    for (key, doc) in &content.assessments {
        let known = store.assessments.get(key);
        register(doc.track(), known.map(AssessmentDoc::track), device, visit);
        register(
            doc.catalogue(),
            known.map(AssessmentDoc::catalogue),
            device,
            visit,
        );
        map(
            doc.criteria(),
            known.map(AssessmentDoc::criteria),
            device,
            visit,
        );
        map(
            doc.actions(),
            known.map(AssessmentDoc::actions),
            device,
            visit,
        );
        map(
            doc.requests(),
            known.map(AssessmentDoc::requests),
            device,
            visit,
        );
        map(
            doc.reviews(),
            known.map(AssessmentDoc::reviews),
            device,
            visit,
        );
    }
}

/// Calls `visit` with every timestamp in the store.
pub(crate) fn each_timestamp(store: &Store, visit: &mut dyn FnMut(&Hlc)) {
    each_new_entry(store, &Store::default(), None, &mut |_, at, _| visit(at));
}

/// An entry new to the store whose version vector gives the importing device a counter above
/// the one it has in its own register of that value: forged, since only a device counts its own
/// edits (a laptop restored from a file, or with its data cleared, is a new device).
fn own_counter_problem(bundle: &Bundle, store: &Store, policy: &TrustPolicy) -> Option<Problem> {
    let device = policy.device.as_ref()?;
    let mut worst: Option<(u64, u64)> = None;
    each_new_entry(&bundle.content, store, Some(device), &mut |vv, _, own| {
        let counter = vv.get(device);
        if counter > own && worst.is_none_or(|(seen, _)| counter > seen) {
            worst = Some((counter, own));
        }
    });
    worst.map(|(counter, known)| {
        Problem::new(
            ProblemKind::ForgedCounter {
                unit: bundle.header.unit_id.to_string(),
                device: device.to_string(),
                counter,
                known,
            },
            "$.content",
        )
    })
}

/// The furthest wall time among the bundle's values new to the store that are dated after the
/// policy's clock limit, if any.
pub fn future_values(bundle: &Bundle, store: &Store, policy: &TrustPolicy) -> Option<u64> {
    let limit = policy.clock_limit()?;
    if bundle
        .content
        .latest_timestamp()
        .is_none_or(|latest| latest.wall_ms <= limit)
    {
        return None;
    }
    let mut furthest: Option<u64> = None;
    each_new_entry(&bundle.content, store, None, &mut |_, at, _| {
        if at.wall_ms > limit {
            furthest = Some(furthest.map_or(at.wall_ms, |seen| seen.max(at.wall_ms)));
        }
    });
    furthest
}

/// Every trust problem of a bundle against a store: its signature, its sender, its records'
/// scope and its clock. Empty: the rules let it in.
pub fn trust_problems(bundle: &Bundle, store: &Store, policy: &TrustPolicy) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Err(problem) = signature_status(bundle, store, policy) {
        problems.push(problem);
    }
    if let Some(problem) = sender_problem(bundle, store, policy) {
        problems.push(problem);
    } else {
        problems.extend(scope_problems(bundle, store));
    }
    problems.extend(own_counter_problem(bundle, store, policy));
    let unit = &bundle.header.unit_id;
    if !policy.future_allowed.contains(unit)
        && let (Some(furthest_ms), Some(now_ms)) =
            (future_values(bundle, store, policy), policy.now_ms)
    {
        problems.push(Problem::new(
            ProblemKind::FutureTimestamp {
                unit: unit.to_string(),
                furthest_ms,
                now_ms,
            },
            "$.content",
        ));
    }
    problems
}

/// A wall time as `YYYY-MM-DD HH:MM` in UTC, for messages.
pub fn utc_text(ms: u64) -> String {
    let minutes = (ms / 60_000) % (24 * 60);
    match Date::from_unix_ms(ms) {
        Some(date) => format!("{} {:02}:{:02}", date.to_iso(), minutes / 60, minutes % 60),
        None => format!("{ms} ms"),
    }
}

#[cfg(test)]
mod tests;
