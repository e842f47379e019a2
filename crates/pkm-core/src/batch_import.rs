//! The preview of importing many bundle files at once (xem trước khi nhập): what each file would
//! add, update and put in conflict, or why it would be refused, and the totals, before anything
//! is committed.
//!
//! Files are previewed one by one, in the order they will be imported, against a working copy of
//! the store that takes in every file that passes, so the preview is exactly what importing the
//! files in that order would do: a second copy of a file shows as already imported, a ward bundle
//! that relies on units of an earlier file in the batch passes. The caller may yield to the event
//! loop between files ([`BatchPreview::add`] handles one file).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::bundle::{
    Bundle, BundleKind, KeyFingerprint, Limits, Problem, ProblemKind, ReadOptions, SteppedRead,
};
use crate::ids::UnitId;
use crate::merge::MergeReport;
use crate::store::Store;
use crate::trust::TrustPolicy;

/// What importing one file would do.
#[derive(Debug, Clone, PartialEq)]
pub enum PreviewOutcome {
    /// It would be merged in, with these changes.
    WouldImport {
        /// The bundle's kind.
        kind: BundleKind,
        /// The exporting unit.
        unit: UnitId,
        /// The exporting unit's name, when known.
        unit_name: String,
        /// What it would change.
        report: MergeReport,
    },
    /// It was imported before (or is a copy of an earlier file of this batch); nothing would
    /// change.
    AlreadyImported {
        /// The bundle's kind.
        kind: BundleKind,
        /// The exporting unit.
        unit: UnitId,
        /// The exporting unit's name, when known.
        unit_name: String,
    },
    /// It would be refused; nothing would change.
    Rejected(Vec<Problem>),
    /// It could not even be read (too large, unreadable); the message comes from the caller.
    Unreadable {
        /// Why, in Vietnamese.
        message_vi: String,
        /// Why, in English.
        message_en: String,
    },
}

/// One file of the preview.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewLine {
    /// The file's name as picked.
    pub file_name: String,
    /// What importing it would do.
    pub outcome: PreviewOutcome,
}

impl PreviewLine {
    /// The line's text in Vietnamese (without the file name): the changes, "đã nhập trước đây",
    /// or every reason for refusal.
    pub fn detail_vi(&self) -> Vec<String> {
        match &self.outcome {
            PreviewOutcome::WouldImport { report, .. } => vec![report.summary_vi()],
            PreviewOutcome::AlreadyImported { .. } => {
                vec!["Đã nhập trước đây; không có gì thay đổi.".to_string()]
            }
            PreviewOutcome::Rejected(problems) => {
                problems.iter().map(Problem::message_vi).collect()
            }
            PreviewOutcome::Unreadable { message_vi, .. } => vec![message_vi.clone()],
        }
    }

    /// The same in English.
    pub fn detail_en(&self) -> Vec<String> {
        match &self.outcome {
            PreviewOutcome::WouldImport { report, .. } => vec![report.summary_en()],
            PreviewOutcome::AlreadyImported { .. } => {
                vec!["Already imported; nothing changes.".to_string()]
            }
            PreviewOutcome::Rejected(problems) => {
                problems.iter().map(Problem::message_en).collect()
            }
            PreviewOutcome::Unreadable { message_en, .. } => vec![message_en.clone()],
        }
    }
}

/// The totals of a preview.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PreviewTotals {
    /// Files previewed.
    pub files: usize,
    /// Files that would be merged in.
    pub would_import: usize,
    /// Files imported before.
    pub already_imported: usize,
    /// Files that would be refused (or could not be read).
    pub rejected: usize,
    /// The sum of what the files would change.
    pub changes: MergeReport,
}

impl PreviewTotals {
    /// One paragraph in Vietnamese.
    pub fn summary_vi(&self) -> String {
        let changes = &self.changes;
        format!(
            "{} tệp: {} tệp sẽ được nhập, {} tệp đã nhập trước đây, {} tệp bị từ chối. Sẽ thêm {} đơn vị, {} bản đánh giá và {} giá trị; cập nhật {} giá trị; phát sinh {} xung đột mới.",
            self.files,
            self.would_import,
            self.already_imported,
            self.rejected,
            changes.units_added,
            changes.assessments_added,
            changes.values_added,
            changes.values_updated,
            changes.conflicts_created
        )
    }

    /// One paragraph in English.
    pub fn summary_en(&self) -> String {
        let changes = &self.changes;
        format!(
            "{} files: {} to import, {} already imported, {} refused. Adds {} units, {} assessments and {} values; updates {} values; creates {} new conflicts.",
            self.files,
            self.would_import,
            self.already_imported,
            self.rejected,
            changes.units_added,
            changes.assessments_added,
            changes.values_added,
            changes.values_updated,
            changes.conflicts_created
        )
    }
}

/// A preview being built, file by file.
#[derive(Debug, Clone)]
pub struct BatchPreview {
    working: Store,
    policy: TrustPolicy,
    options: ReadOptions,
    lines: Vec<PreviewLine>,
    /// The names of the exporting units of files the trust rules refused, from the files.
    names: BTreeMap<UnitId, String>,
}

impl BatchPreview {
    /// Starts a preview against `store` (copied; the store itself never changes), accepting
    /// bundles of the `accept` kinds (all kinds when empty) under the trust context `policy`
    /// (the device's own keys, the keys and exceptions a person confirmed, the clock; as
    /// [`Store::import_bundle`]).
    pub fn new(store: &Store, accept: &[BundleKind], policy: &TrustPolicy) -> BatchPreview {
        BatchPreview {
            working: store.clone(),
            policy: policy.clone(),
            // The reader checks the file and its references; the trust rules run at the import
            // into the working store, which keeps the bundle of a file they refuse (its unit's
            // name, for the person's questions).
            // Evidence files are read under the widest limits a province of the store sets,
            // then checked against their own province's (issue 23).
            options: ReadOptions {
                limits: Limits {
                    attachments: crate::attachment::enforce::widest_limits(store),
                    ..Limits::default()
                },
                accept: accept.to_vec(),
                ..ReadOptions::default()
            },
            lines: Vec::new(),
            names: BTreeMap::new(),
        }
    }

    /// Previews the next file.
    pub fn add(&mut self, file_name: &str, bytes: &[u8]) -> &PreviewLine {
        self.add_keeping(file_name, bytes).0
    }

    /// Previews the next file, and gives back the bundle read from it when it could be read and
    /// checked (it would be imported, or is already imported), so the import itself need not
    /// read, check and verify the signature of the file a second time: it merges the kept
    /// bundle with [`Store::import_bundle`], which re-checks only what depends on the store.
    pub fn add_keeping(&mut self, file_name: &str, bytes: &[u8]) -> (&PreviewLine, Option<Bundle>) {
        let read = self.reading(bytes);
        self.add_read(file_name, read)
    }

    /// The limits this preview reads files under (a container's entries too).
    pub fn limits(&self) -> &Limits {
        &self.options.limits
    }

    /// A read of the next file's `bytes` with this preview's options, for a caller that runs
    /// its stages itself ([`SteppedRead::step`]) before handing it to [`BatchPreview::add_read`].
    pub fn reading<'a>(&self, bytes: &'a [u8]) -> SteppedRead<'a> {
        SteppedRead::new(bytes, self.options.clone())
    }

    /// Previews the next file from its read (any stage left is run here), as
    /// [`BatchPreview::add_keeping`] does.
    pub fn add_read(
        &mut self,
        file_name: &str,
        read: SteppedRead<'_>,
    ) -> (&PreviewLine, Option<Bundle>) {
        let checked = self.finish_read(read);
        self.add_checked(file_name, checked)
    }

    /// Runs what is left of a read and checks the bundle in the context of the preview so far
    /// (the first half of [`BatchPreview::add_read`], for a caller that lets the page paint
    /// between the halves of a large file).
    pub fn finish_read(&self, read: SteppedRead<'_>) -> Result<Bundle, Vec<Problem>> {
        read.finish(&self.working)
    }

    /// Previews the next file from its finished read ([`BatchPreview::finish_read`]): the
    /// second half of [`BatchPreview::add_read`].
    pub fn add_checked(
        &mut self,
        file_name: &str,
        checked: Result<Bundle, Vec<Problem>>,
    ) -> (&PreviewLine, Option<Bundle>) {
        let checked = checked.and_then(|bundle| {
            let over =
                crate::attachment::enforce::over_province_limits(&bundle.content, &self.working);
            if over.is_empty() {
                Ok(bundle)
            } else {
                Err(over)
            }
        });
        let (outcome, kept) = match checked {
            Err(problems) => (PreviewOutcome::Rejected(problems), None),
            Ok(bundle) => {
                let unit = bundle.header.unit_id.clone();
                let unit_name = bundle
                    .content
                    .unit(&unit)
                    .or_else(|| self.working.unit(&unit))
                    .map(|found| found.name_vi.clone())
                    .unwrap_or_default();
                match self.working.import_bundle(&bundle, &self.policy) {
                    Err(problems) => {
                        if !unit_name.is_empty() {
                            self.names.insert(unit.clone(), unit_name);
                        }
                        (PreviewOutcome::Rejected(problems), None)
                    }
                    Ok(report) if report.already_imported => (
                        PreviewOutcome::AlreadyImported {
                            kind: bundle.kind,
                            unit,
                            unit_name,
                        },
                        Some(bundle),
                    ),
                    Ok(report) => (
                        PreviewOutcome::WouldImport {
                            kind: bundle.kind,
                            unit,
                            unit_name,
                            report: report.merge,
                        },
                        Some(bundle),
                    ),
                }
            }
        };
        (self.push(file_name, outcome), kept)
    }

    /// Records a file the caller could not read (its message in both languages).
    pub fn add_unreadable(
        &mut self,
        file_name: &str,
        message_vi: String,
        message_en: String,
    ) -> &PreviewLine {
        self.push(
            file_name,
            PreviewOutcome::Unreadable {
                message_vi,
                message_en,
            },
        )
    }

    fn push(&mut self, file_name: &str, outcome: PreviewOutcome) -> &PreviewLine {
        self.lines.push(PreviewLine {
            file_name: file_name.to_string(),
            outcome,
        });
        let last = self.lines.len() - 1;
        &self.lines[last]
    }

    /// The lines so far, in file order.
    pub fn lines(&self) -> &[PreviewLine] {
        &self.lines
    }

    /// The totals so far.
    pub fn totals(&self) -> PreviewTotals {
        let mut totals = PreviewTotals {
            files: self.lines.len(),
            ..PreviewTotals::default()
        };
        for line in &self.lines {
            match &line.outcome {
                PreviewOutcome::WouldImport { report, .. } => {
                    totals.would_import += 1;
                    let changes = &mut totals.changes;
                    changes.units_added += report.units_added;
                    changes.assessments_added += report.assessments_added;
                    changes.catalogues_added += report.catalogues_added;
                    changes.values_added += report.values_added;
                    changes.values_updated += report.values_updated;
                    changes.unchanged += report.unchanged;
                    changes.conflicts_created += report.conflicts_created;
                    changes
                        .catalogue_clashes
                        .extend(report.catalogue_clashes.iter().cloned());
                }
                PreviewOutcome::AlreadyImported { .. } => totals.already_imported += 1,
                PreviewOutcome::Rejected(_) | PreviewOutcome::Unreadable { .. } => {
                    totals.rejected += 1;
                }
            }
        }
        totals
    }

    /// The working store the preview joined every passing file into (the store it started
    /// from, with them), for a caller that frees it a piece at a time.
    pub fn into_store(self) -> Store {
        self.working
    }

    /// How many values would be in conflict after the import (all conflicts of the result).
    pub fn conflicts_after(&self) -> usize {
        self.working.conflicts().len()
    }

    /// The store as it would be after importing every file that passes.
    pub fn result(&self) -> &Store {
        &self.working
    }

    /// The decisions the refused files wait for (keys to confirm, unsigned files or clocks to
    /// accept), by unit, in file order: what the import screen asks the person before the files
    /// can go in. A file refused for another reason too is not asked about: a "yes" would not
    /// let it in.
    pub fn decisions(&self) -> Vec<Decision> {
        let mut decisions: Vec<Decision> = Vec::new();
        for line in &self.lines {
            let PreviewOutcome::Rejected(problems) = &line.outcome else {
                continue;
            };
            if !problems.iter().all(|problem| is_question(&problem.kind)) {
                continue;
            }
            for problem in problems {
                let (unit, ask) = match &problem.kind {
                    ProblemKind::UnconfirmedKey { unit, found } => (
                        unit,
                        Ask::Key {
                            fingerprint: found.clone(),
                            replaces: Vec::new(),
                        },
                    ),
                    ProblemKind::KeyMismatch {
                        unit,
                        found,
                        pinned,
                    } => (
                        unit,
                        Ask::Key {
                            fingerprint: found.clone(),
                            replaces: pinned.clone(),
                        },
                    ),
                    ProblemKind::UnsignedBundle { unit, .. } => (unit, Ask::Unsigned),
                    ProblemKind::FutureTimestamp {
                        unit, furthest_ms, ..
                    } => (
                        unit,
                        Ask::Future {
                            furthest_ms: *furthest_ms,
                        },
                    ),
                    _ => continue,
                };
                let Ok(unit) = UnitId::new(unit.as_str()) else {
                    continue;
                };
                match decisions
                    .iter_mut()
                    .find(|decision| decision.unit == unit && same_ask(&decision.ask, &ask))
                {
                    Some(decision) => decision.files.push(line.file_name.clone()),
                    None => decisions.push(Decision {
                        unit_name: self
                            .working
                            .unit(&unit)
                            .map(|found| found.name_vi.clone())
                            .or_else(|| self.names.get(&unit).cloned())
                            .unwrap_or_default(),
                        unit,
                        ask,
                        files: vec![line.file_name.clone()],
                        rival_keys: 0,
                    }),
                }
            }
        }
        let mut keys_per_unit: BTreeMap<UnitId, BTreeSet<KeyFingerprint>> = BTreeMap::new();
        for decision in &decisions {
            if let Ask::Key { fingerprint, .. } = &decision.ask {
                keys_per_unit
                    .entry(decision.unit.clone())
                    .or_default()
                    .insert(fingerprint.clone());
            }
        }
        for decision in &mut decisions {
            decision.rival_keys = keys_per_unit
                .get(&decision.unit)
                .map_or(0, |keys| keys.len().saturating_sub(1));
        }
        decisions
    }
}

/// Whether a problem is a question to a person (a key to confirm, an unsigned file or values
/// dated ahead to accept) rather than a fault of the file.
fn is_question(kind: &ProblemKind) -> bool {
    matches!(
        kind,
        ProblemKind::UnconfirmedKey { .. }
            | ProblemKind::KeyMismatch { .. }
            | ProblemKind::UnsignedBundle { .. }
            | ProblemKind::FutureTimestamp { .. }
    )
}

/// What a person is asked about one unit before its refused files can be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Confirm a new key (after checking its short fingerprint by phone) or refuse it.
    Key {
        /// The new key.
        fingerprint: KeyFingerprint,
        /// The keys already pinned for the unit that it would join (a new laptop, a second
        /// laptop); empty for a unit's first key.
        replaces: Vec<KeyFingerprint>,
    },
    /// Accept the unit's unsigned files once, or refuse them.
    Unsigned,
    /// Accept the unit's values dated ahead of this device's clock once, or refuse them.
    Future {
        /// The furthest wall time found (ms since 1970).
        furthest_ms: u64,
    },
}

fn same_ask(left: &Ask, right: &Ask) -> bool {
    match (left, right) {
        (Ask::Key { fingerprint: a, .. }, Ask::Key { fingerprint: b, .. }) => a == b,
        (Ask::Unsigned, Ask::Unsigned) => true,
        (Ask::Future { .. }, Ask::Future { .. }) => true,
        _ => false,
    }
}

/// One decision a preview waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The unit.
    pub unit: UnitId,
    /// Its name, when known.
    pub unit_name: String,
    /// What is asked.
    pub ask: Ask,
    /// The files that wait for it.
    pub files: Vec<String>,
    /// For a key: how many other new keys the same unit's files in this batch are signed with
    /// (two laptops, or a forgery): the person must choose; none is pinned by itself.
    pub rival_keys: usize,
}

impl Decision {
    /// Whether two decisions ask the same question: the same unit, and for a key the same key
    /// (whatever it would replace: a preview run again after another answer may say so).
    pub fn same_question(&self, other: &Decision) -> bool {
        self.unit == other.unit && same_ask(&self.ask, &other.ask)
    }

    /// Applies "yes" to this decision in a policy: the key confirmed, or the exception granted.
    pub fn accept_into(&self, policy: &mut TrustPolicy) {
        match &self.ask {
            Ask::Key { fingerprint, .. } => {
                policy
                    .confirmed
                    .insert((self.unit.clone(), fingerprint.clone()));
            }
            Ask::Unsigned => {
                policy.unsigned_allowed.insert(self.unit.clone());
            }
            Ask::Future { .. } => {
                policy.future_allowed.insert(self.unit.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn a_batch_preview_matches_importing_and_changes_nothing() {
        let fixture = fixtures::nghe_an_2024(3).unwrap();
        let store = Store::new();
        let mut preview = BatchPreview::new(&store, &[], &fixtures::trust(&fixture));
        preview.add("cau-hinh.json", fixture.config_bundle.as_bytes());
        for ward in &fixture.ward_bundles {
            preview.add(&format!("{}.json", ward.ward), ward.json.as_bytes());
        }
        // A copy of the first ward bundle, and a broken file.
        preview.add("copy.json", fixture.ward_bundles[0].json.as_bytes());
        let line = preview.add("hong.json", b"{ not json");
        assert!(matches!(line.outcome, PreviewOutcome::Rejected(_)));
        assert!(line.detail_vi()[0].starts_with("Tệp không phải JSON hợp lệ"));
        assert_eq!(store, Store::new(), "the store itself is untouched");
        let totals = preview.totals();
        assert_eq!(totals.files, 27);
        assert_eq!(totals.would_import, 25);
        assert_eq!(totals.already_imported, 1);
        assert_eq!(totals.rejected, 1);
        assert_eq!(totals.changes.assessments_added, 24);
        assert_eq!(totals.changes.conflicts_created, 0);
        assert_eq!(preview.conflicts_after(), 0);
        let merged = fixtures::merged_store(&fixture).unwrap();
        assert!(preview.result().same_content(&merged));
        // The working store given back (to be freed a piece at a time) is the result's; its
        // assessments taken out leave none.
        let mut working = preview.clone().into_store();
        assert!(working.same_content(&merged));
        assert_eq!(working.take_assessments().len(), 24);
        assert!(working.assessments().is_empty());
        assert_eq!(
            preview.lines()[25].detail_vi(),
            ["Đã nhập trước đây; không có gì thay đổi."]
        );
        match &preview.lines()[1].outcome {
            PreviewOutcome::WouldImport {
                kind, unit_name, ..
            } => {
                assert_eq!(*kind, BundleKind::Ward);
                assert!(unit_name.starts_with("Công an phường "));
            }
            other => panic!("expected an import, got {other:?}"),
        }
        assert!(totals.summary_vi().starts_with(
            "27 tệp: 25 tệp sẽ được nhập, 1 tệp đã nhập trước đây, 1 tệp bị từ chối. Sẽ thêm "
        ));
    }

    #[test]
    fn a_read_stepped_by_the_caller_previews_as_the_one_call_does() {
        let fixture = fixtures::nghe_an_2024(3).unwrap();
        let store = Store::new();
        let mut whole = BatchPreview::new(&store, &[], &fixtures::trust(&fixture));
        let mut stepped = BatchPreview::new(&store, &[], &fixtures::trust(&fixture));
        let mut halves = BatchPreview::new(&store, &[], &fixtures::trust(&fixture));
        let mut files: Vec<&[u8]> = vec![fixture.config_bundle.as_bytes()];
        files.extend(fixture.ward_bundles.iter().map(|ward| ward.json.as_bytes()));
        files.push(fixture.ward_bundles[0].json.as_bytes());
        files.push(b"{ not json");
        for bytes in files {
            let (line, kept) = whole.add_keeping("f.json", bytes);
            let (line, kept) = (line.clone(), kept);
            let mut read = stepped.reading(bytes);
            // Part of the stages here, the rest in add_read.
            read.step();
            let (stepped_line, stepped_kept) = stepped.add_read("f.json", read);
            assert_eq!(*stepped_line, line);
            assert_eq!(stepped_kept, kept);
            // Every stage here, then the check and the merge preview apart.
            let mut read = halves.reading(bytes);
            while read.step() {}
            let checked = halves.finish_read(read);
            let (halves_line, halves_kept) = halves.add_checked("f.json", checked);
            assert_eq!(*halves_line, line);
            assert_eq!(halves_kept, kept);
        }
        assert_eq!(whole.totals(), stepped.totals());
        assert_eq!(whole.totals(), halves.totals());
        assert!(whole.result().same_content(stepped.result()));
        assert!(whole.result().same_content(halves.result()));
    }

    #[test]
    fn files_already_in_the_store_preview_as_already_imported() {
        let fixture = fixtures::nghe_an_2024(3).unwrap();
        let merged = fixtures::merged_store(&fixture).unwrap();
        let mut preview =
            BatchPreview::new(&merged, &[BundleKind::Ward], &fixtures::trust(&fixture));
        let line = preview.add("a.json", fixture.ward_bundles[2].json.as_bytes());
        assert!(matches!(
            line.outcome,
            PreviewOutcome::AlreadyImported { .. }
        ));
        // A config bundle is not accepted here.
        let line = preview.add("cfg.json", fixture.config_bundle.as_bytes());
        assert!(matches!(line.outcome, PreviewOutcome::Rejected(_)));
        let line = preview.add_unreadable("big.json", "Quá lớn".into(), "Too large".into());
        assert_eq!(line.detail_en(), ["Too large"]);
        let totals = preview.totals();
        assert_eq!((totals.already_imported, totals.rejected), (1, 2));
    }

    #[test]
    fn kept_bundles_imported_in_one_fragment_give_the_previewed_store() {
        let fixture = fixtures::nghe_an_2024(3).unwrap();
        let store = Store::new();
        let mut preview = BatchPreview::new(&store, &[], &fixtures::trust(&fixture));
        let mut kept = Vec::new();
        let (_, bundle) = preview.add_keeping("cau-hinh.json", fixture.config_bundle.as_bytes());
        kept.extend(bundle);
        for ward in &fixture.ward_bundles {
            let (line, bundle) = preview.add_keeping("ward.json", ward.json.as_bytes());
            assert!(matches!(line.outcome, PreviewOutcome::WouldImport { .. }));
            kept.extend(bundle);
        }
        let (line, bundle) = preview.add_keeping("hong.json", b"[]");
        assert!(matches!(line.outcome, PreviewOutcome::Rejected(_)));
        assert!(bundle.is_none(), "nothing is kept of a refused file");
        assert_eq!(kept.len(), 25);

        // The import: one fragment for the whole batch, each kept bundle merged in turn (the
        // checks that depend on the store run again), then the fragment merged back.
        let contents: Vec<&Store> = kept.iter().map(|bundle| &bundle.content).collect();
        let mut fragment = store.fragment_for_all(&contents);
        for bundle in &kept {
            let report = fragment
                .import_bundle(bundle, &fixtures::trust(&fixture))
                .unwrap();
            assert!(!report.already_imported);
        }
        let mut imported = store.clone();
        imported.merge(&fragment);
        assert!(imported.same_content(preview.result()));
        // A second pass over the same kept bundles finds them all imported.
        let mut again = imported.fragment_for_all(&contents);
        for bundle in &kept {
            assert!(
                again
                    .import_bundle(bundle, &fixtures::trust(&fixture))
                    .unwrap()
                    .already_imported
            );
        }
    }

    /// A store that knows the fixture's registry but none of its keys: its config, its key
    /// list taken out.
    fn unpinned(fixture: &fixtures::ProvinceFixture) -> Store {
        let config = crate::read_bundle(fixture.config_bundle.as_bytes(), &Limits::default())
            .expect("the config reads");
        let mut content = config.content.clone();
        content.keys.clear();
        let mut store = Store::new();
        store.merge(&content);
        store
    }

    /// A fixture ward's file signed by another key (another laptop).
    fn resigned(json: &str, laptop: &str) -> String {
        let mut bundle =
            crate::read_bundle(json.as_bytes(), &Limits::default()).expect("the ward file reads");
        bundle
            .sign_with(&crate::SecretKey::for_tests(laptop))
            .expect("signs");
        bundle.to_json().expect("writes")
    }

    #[test]
    fn two_new_keys_for_one_ward_wait_for_a_person_and_neither_is_pinned_by_itself() {
        let fixture = fixtures::nghe_an_2024(3).unwrap();
        let store = unpinned(&fixture);
        let ward = &fixture.ward_bundles[0];
        let second = resigned(&ward.json, "may-thu-hai");
        let files = [
            ("may-mot.json", ward.json.as_str()),
            ("may-hai.json", second.as_str()),
        ];
        let preview = |policy: &TrustPolicy| {
            let mut preview = BatchPreview::new(&store, &[], policy);
            for (name, json) in files {
                preview.add(name, json.as_bytes());
            }
            preview
        };
        let asked = preview(&TrustPolicy::new());
        assert_eq!(asked.totals().rejected, 2);
        let decisions = asked.decisions();
        assert_eq!(decisions.len(), 2, "{decisions:?}");
        for decision in &decisions {
            assert_eq!(decision.unit, ward.ward);
            assert_eq!(decision.rival_keys, 1, "each shows the other");
            assert!(matches!(&decision.ask, Ask::Key { replaces, .. } if replaces.is_empty()));
        }
        assert!(
            asked.result().key_pins().is_empty(),
            "nothing pinned by itself"
        );
        assert_eq!(decisions[0].unit_name, ward.name_vi);
        // In a fresh store the name comes from the file itself.
        let mut fresh = BatchPreview::new(&Store::new(), &[], &TrustPolicy::new());
        fresh.add("may-mot.json", ward.json.as_bytes());
        assert_eq!(fresh.decisions()[0].unit_name, ward.name_vi);
        // A file refused for another reason too is not asked about.
        let mut foreign = BatchPreview::new(&store, &[BundleKind::Config], &TrustPolicy::new());
        foreign.add("may-mot.json", ward.json.as_bytes());
        assert_eq!(foreign.totals().rejected, 1);
        assert!(foreign.decisions().is_empty());
        // The person confirms the first laptop's key and refuses the other's.
        let mut policy = TrustPolicy::new();
        decisions[0].accept_into(&mut policy);
        let chosen = preview(&policy);
        assert_eq!(
            (chosen.totals().would_import, chosen.totals().rejected),
            (1, 1)
        );
        let pinned = chosen.result().pinned_keys(&ward.ward).unwrap();
        assert_eq!(pinned.len(), 1);
        // The second laptop's file is now a key replacement question.
        let left = chosen.decisions();
        assert_eq!(left.len(), 1);
        assert!(matches!(&left[0].ask, Ask::Key { replaces, .. } if replaces.len() == 1));
        assert_eq!(left[0].rival_keys, 0);
        assert_eq!(left[0].files, ["may-hai.json"]);
    }

    #[test]
    fn unsigned_files_and_values_dated_ahead_ask_once_per_unit() {
        let fixture = fixtures::nghe_an_2024(3).unwrap();
        // The registry only: the ward's values are new here.
        let store = unpinned(&fixture);
        let ward = &fixture.ward_bundles[1];
        let read = crate::read_bundle(ward.json.as_bytes(), &Limits::default()).unwrap();
        let mut header = read.header.clone();
        header.bundle_id = crate::BundleId::new("chua-ky").unwrap();
        let unsigned = Bundle::new(read.kind, header, read.content.clone())
            .and_then(|bundle| bundle.to_json())
            .unwrap();
        let mut preview = BatchPreview::new(&store, &[], &TrustPolicy::new().at(0));
        preview.add("chua-ky.json", unsigned.as_bytes());
        let decisions = preview.decisions();
        assert_eq!(decisions.len(), 2, "{decisions:?}");
        assert_eq!(decisions[0].ask, Ask::Unsigned);
        // Its values are years after a clock at 1970: dated ahead.
        assert!(matches!(decisions[1].ask, Ask::Future { .. }));
        let mut policy = TrustPolicy::new().at(0);
        for decision in &decisions {
            decision.accept_into(&mut policy);
        }
        let mut accepted = BatchPreview::new(&store, &[], &policy);
        let line = accepted.add("chua-ky.json", unsigned.as_bytes());
        assert!(
            matches!(line.outcome, PreviewOutcome::WouldImport { .. }),
            "{line:?}"
        );
    }
}
