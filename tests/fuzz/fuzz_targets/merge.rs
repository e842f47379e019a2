//! Fuzz target `merge`: the fuzzer's bytes, read through `arbitrary`, become an edit history on two
//! to four devices (each with its own store and clock) that start from one base store: criterion
//! entries with any figure and text, tracks, assessments started concurrently, catalogue switches
//! and clashing catalogues, action items and requests with tombstones, review verdicts, quotas,
//! year catalogues, new and renamed units, key pins, the province's conclusions and the Minister's
//! decisions (issue 24), conflict resolutions, clocks jumping back and forth, and syncs between
//! devices. The ideas are those of the merge-law property tests
//! (`crates/pkm-core/tests/core/merge_laws.rs`); here coverage guides the search.
//!
//! Every step: a refused edit leaves its store unchanged. At the end, over the devices' stores
//! (valid stores, as the app makes them) the join laws must hold: idempotent (and reported as a
//! no-op), the empty store as identity, commutative, associative, absorbing; a merge reports "no
//! change" exactly when nothing changed; and the join of all exports, reads back and imports into an
//! empty store with nothing lost, retired entries included (issue #7: values for criteria the
//! assessment's catalogue no longer defines, which catalogue switches and resolved catalogue
//! conflicts leave), as does each ward's bundle of it.

#![no_main]

use std::collections::BTreeSet;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pkm_core::assessment::{
    ActionItem, ActionStatus, CriterionEntry, CriterionStatus, Evidence, Request, RequestCategory,
    ReviewVerdict, Track, Verdict,
};
use pkm_core::bundle::{ExportedAt, HeaderInput, Limits, Selection, read_bundle, write_bundle};
use pkm_core::ids::{BundleId, CatalogueId, CriterionId, DeviceId, ItemId, UnitId};
use pkm_core::{
    AssessmentKey, Catalogue, EditContext, EditError, HlcClock, KeyFingerprint, SecretKey, Store,
    Unit, UnitKind,
};

const WARDS: [&str; 4] = ["w1", "w2", "w3", "w4"];
/// Wards in the base store; the others are added by the history.
const BASE_WARDS: usize = 2;
const YEARS: [u16; 2] = [2024, 2025];
const CRITERIA: [&str; 5] = ["C01", "C02", "C03", "C04", "C05"];
const CATALOGUES: [&str; 2] = ["law-1", "law-2"];
/// The longest text the history writes (characters), to keep runs fast.
const TEXT_CHARS: usize = 40;

/// Two catalogues: `law-2` lacks `C04` and gives `C05`, so switching an assessment's catalogue
/// leaves entries the new catalogue does not know (retired entries, which bundles must carry).
fn catalogue(id: &str) -> Catalogue {
    let last = if id == "law-1" {
        r#"{"id":"C04","title_vi":"Bốn","kind":"boolean"}"#
    } else {
        r#"{"id":"C05","title_vi":"Năm","kind":"count","target":3}"#
    };
    Catalogue::from_json(&format!(
        r#"{{"catalog_id":"{id}","status":"official","title_vi":"Bộ kiểm thử {id}","groups":[
            {{"id":"G1","title_vi":"Nhóm","criteria":[
              {{"id":"C01","title_vi":"Một","kind":"boolean"}},
              {{"id":"C02","title_vi":"Hai","kind":"percent","target":80}},
              {{"id":"C03","title_vi":"Ba","kind":"count"}},
              {last}]}}]}}"#
    ))
    .expect("the test catalogues load")
}

/// A catalogue every device may add in its own version: the same id, different titles (a clash).
fn extra_catalogue(variant: u8) -> Catalogue {
    Catalogue::from_json(&format!(
        r#"{{"catalog_id":"extra","status":"draft","title_vi":"Bộ thêm, bản {variant}","groups":[
            {{"id":"G1","title_vi":"Nhóm","criteria":[{{"id":"C01","title_vi":"Một","kind":"boolean"}}]}}]}}"#,
        variant = variant % 3
    ))
    .expect("the extra catalogue loads")
}

fn unit_id(text: &str) -> UnitId {
    UnitId::new(text).expect("a valid unit id")
}

fn key(ward: u8, year: u8) -> AssessmentKey {
    AssessmentKey::new(
        unit_id(WARDS[usize::from(ward) % WARDS.len()]),
        YEARS[usize::from(year) % YEARS.len()],
    )
}

fn criterion(index: u8) -> CriterionId {
    CriterionId::new(CRITERIA[usize::from(index) % CRITERIA.len()]).expect("a valid criterion id")
}

fn catalogue_id(index: u8) -> CatalogueId {
    CatalogueId::new(CATALOGUES[usize::from(index) % CATALOGUES.len()])
        .expect("a valid catalogue id")
}

fn item(prefix: &str, ward: u8, slot: u8) -> ItemId {
    ItemId::new(format!("{prefix}-{}-{}", ward % 4, slot % 3)).expect("a valid item id")
}

fn text(raw: &str) -> String {
    raw.chars().take(TEXT_CHARS).collect()
}

fn ward_unit(index: usize, suffix: &str) -> Unit {
    Unit {
        id: unit_id(WARDS[index]),
        code: None,
        name_vi: format!("Công an phường {index} {suffix}"),
        kind: UnitKind::Ward,
        parent: Some(unit_id("p")),
        attachment_limits: None,
    }
}

/// The state every device starts from: a province, two wards, both catalogues and the wards' 2024
/// assessments (built once).
fn base() -> &'static Store {
    static BASE: std::sync::OnceLock<Store> = std::sync::OnceLock::new();
    BASE.get_or_init(build_base)
}

fn build_base() -> Store {
    let mut store = Store::new();
    for id in CATALOGUES {
        store.add_catalogue(catalogue(id)).expect("no clash");
    }
    let mut clock = HlcClock::new(DeviceId::new("setup").expect("a valid device id"));
    let mut now = 1_700_000_000_000;
    let mut context = || {
        now += 1;
        EditContext::new(clock.tick(now), "Quản trị")
    };
    let province = Unit {
        id: unit_id("p"),
        code: Some("P".to_string()),
        name_vi: "Công an tỉnh".to_string(),
        kind: UnitKind::Province,
        parent: None,
        attachment_limits: None,
    };
    store
        .upsert_unit(&context(), province)
        .expect("the province");
    for (index, ward) in WARDS.iter().enumerate().take(BASE_WARDS) {
        store
            .upsert_unit(&context(), ward_unit(index, ""))
            .expect("a ward");
        store
            .start_assessment(
                &context(),
                &unit_id(ward),
                2024,
                &catalogue_id(0),
                Track::New,
            )
            .expect("an assessment");
    }
    store
}

/// Three signing keys' fingerprints (derived once: key derivation is slow).
fn pin_keys() -> &'static [KeyFingerprint] {
    static KEYS: std::sync::OnceLock<Vec<KeyFingerprint>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        (0..3)
            .map(|key| {
                SecretKey::for_tests(&format!("khoa-{key}"))
                    .public_key()
                    .fingerprint()
            })
            .collect()
    })
}

/// One step of the history.
#[derive(Debug, Arbitrary)]
enum Op {
    Criterion {
        device: u8,
        ward: u8,
        year: u8,
        criterion: u8,
        status: u8,
        figure: Option<f64>,
        note: String,
        evidence: Option<(u8, String)>,
    },
    Track {
        device: u8,
        ward: u8,
        year: u8,
        track: u8,
    },
    Start {
        device: u8,
        ward: u8,
        year: u8,
        catalogue: u8,
    },
    SwitchCatalogue {
        device: u8,
        ward: u8,
        year: u8,
        catalogue: u8,
    },
    AddAction {
        device: u8,
        ward: u8,
        year: u8,
        slot: u8,
        criterion: Option<u8>,
        task: String,
    },
    EditAction {
        device: u8,
        ward: u8,
        year: u8,
        slot: u8,
        done: bool,
        deadline: Option<(u8, u8)>,
    },
    DeleteAction {
        device: u8,
        ward: u8,
        year: u8,
        slot: u8,
    },
    Request {
        device: u8,
        ward: u8,
        year: u8,
        slot: u8,
        edit: bool,
        category: u8,
        quantity: Option<f64>,
        description: String,
    },
    DeleteRequest {
        device: u8,
        ward: u8,
        year: u8,
        slot: u8,
    },
    Review {
        device: u8,
        ward: u8,
        year: u8,
        criterion: u8,
        verdict: Option<bool>,
        comment: String,
    },
    Quota {
        device: u8,
        year: u8,
        quota: u32,
    },
    Conclude {
        device: u8,
        ward: u8,
        year: u8,
        proposed: Option<bool>,
        reason: String,
    },
    Decide {
        device: u8,
        year: u8,
        wards: u8,
        number: String,
        day: u8,
    },
    YearCatalogue {
        device: u8,
        year: u8,
        catalogue: u8,
    },
    Unit {
        device: u8,
        ward: u8,
        name: String,
    },
    Pin {
        device: u8,
        ward: u8,
        key: u8,
    },
    ExtraCatalogue {
        device: u8,
        variant: u8,
    },
    Resolve {
        device: u8,
        which: u8,
        pick: u8,
    },
    Clock {
        device: u8,
        jump_seconds: i16,
    },
    Sync {
        from: u8,
        to: u8,
    },
}

/// A fuzzed history: how many devices and what they do.
#[derive(Debug, Arbitrary)]
struct History {
    devices: u8,
    ops: Vec<Op>,
}

struct Device {
    store: Store,
    clock: HlcClock,
    now: u64,
    name: String,
}

impl Device {
    fn new(index: usize, base: &Store) -> Device {
        let name = format!("dev-{index}");
        Device {
            store: base.clone(),
            clock: HlcClock::new(DeviceId::new(name.clone()).expect("a valid device id")),
            now: 1_710_000_000_000,
            name,
        }
    }

    fn context(&mut self) -> EditContext {
        self.now += 1000;
        EditContext::new(
            self.clock.tick(self.now),
            format!("Người dùng {}", self.name),
        )
    }

    fn receive(&mut self, other: &Store) {
        self.store.merge(other);
        if let Some(latest) = other.latest_timestamp() {
            self.clock.observe(&latest);
        }
    }
}

/// Applies one step; returns the device whose store it touched and the edit's result.
fn apply(fleet: &mut [Device], op: &Op) -> (usize, Result<(), EditError>) {
    let count = fleet.len();
    let pick = |device: &u8| usize::from(*device) % count;
    match op {
        Op::Sync { from, to } => {
            let (from, to) = (pick(from), pick(to));
            if from != to {
                let source = fleet[from].store.clone();
                fleet[to].receive(&source);
            }
            (to, Ok(()))
        }
        Op::Clock {
            device,
            jump_seconds,
        } => {
            let device = pick(device);
            let jump = i64::from(*jump_seconds) * 1000;
            fleet[device].now = fleet[device].now.saturating_add_signed(jump);
            (device, Ok(()))
        }
        Op::Pin { device, ward, key } => {
            let device = pick(device);
            let fingerprint = pin_keys()[usize::from(*key) % 3].clone();
            let unit = unit_id(WARDS[usize::from(*ward) % BASE_WARDS]);
            fleet[device].store.pin_key(&unit, fingerprint);
            (device, Ok(()))
        }
        Op::ExtraCatalogue { device, variant } => {
            let device = pick(device);
            let result = fleet[device]
                .store
                .add_catalogue(extra_catalogue(*variant))
                .map(|_| ());
            (device, result)
        }
        Op::Resolve {
            device,
            which,
            pick: choice,
        } => {
            let device = pick(device);
            let conflicts = fleet[device].store.conflicts();
            if conflicts.is_empty() {
                return (device, Ok(()));
            }
            let conflict = &conflicts[usize::from(*which) % conflicts.len()];
            let target = conflict.target.clone();
            // Sometimes out of range on purpose: that must be refused without a change.
            let choice = usize::from(*choice) % (conflict.siblings.len() + 1);
            let context = fleet[device].context();
            let result = fleet[device]
                .store
                .resolve_conflict(&context, &target, choice);
            (device, result)
        }
        Op::Unit { device, ward, name } => {
            let device = pick(device);
            let context = fleet[device].context();
            let unit = ward_unit(usize::from(*ward) % WARDS.len(), &text(name));
            (device, fleet[device].store.upsert_unit(&context, unit))
        }
        Op::Conclude {
            device,
            ward,
            year,
            proposed,
            reason,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let conclusion = proposed.map(|proposed| pkm_core::cycle::Conclusion {
                proposed,
                reason: text(reason),
            });
            let result =
                fleet[device]
                    .store
                    .set_conclusion(&context, &key(*ward, *year), conclusion);
            (device, result)
        }
        Op::Decide {
            device,
            year,
            wards,
            number,
            day,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            // Bit i picks ward i (a ward the history has not added yet is refused); bit 4 adds
            // the province itself, which is refused too.
            let mut chosen: BTreeSet<UnitId> = WARDS
                .iter()
                .enumerate()
                .filter(|(index, _)| wards & (1 << index) != 0)
                .map(|(_, ward)| unit_id(ward))
                .collect();
            if wards & 16 != 0 {
                chosen.insert(unit_id("p"));
            }
            let decision = pkm_core::cycle::Decision {
                number: text(number),
                date: pkm_core::Date::new(2025, 4, u32::from(day % 28) + 1).expect("a valid day"),
                signer: "Bộ trưởng".to_string(),
                wards: chosen,
            };
            let year = YEARS[usize::from(*year) % YEARS.len()];
            let result =
                fleet[device]
                    .store
                    .record_decision(&context, &unit_id("p"), year, decision);
            (device, result)
        }
        Op::Quota {
            device,
            year,
            quota,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let year = YEARS[usize::from(*year) % YEARS.len()];
            let result = fleet[device]
                .store
                .set_quota(&context, &unit_id("p"), year, *quota);
            (device, result)
        }
        Op::YearCatalogue {
            device,
            year,
            catalogue,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let year = YEARS[usize::from(*year) % YEARS.len()];
            let result = fleet[device].store.set_year_catalogue(
                &context,
                &unit_id("p"),
                year,
                &catalogue_id(*catalogue),
            );
            (device, result)
        }
        Op::Start {
            device,
            ward,
            year,
            catalogue,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let key = key(*ward, *year);
            let track = if catalogue % 2 == 0 {
                Track::New
            } else {
                Track::Maintain { since_year: 2022 }
            };
            let result = fleet[device]
                .store
                .start_assessment(
                    &context,
                    &key.unit,
                    key.year,
                    &catalogue_id(*catalogue),
                    track,
                )
                .map(|_| ());
            (device, result)
        }
        Op::SwitchCatalogue {
            device,
            ward,
            year,
            catalogue,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let result = fleet[device].store.set_assessment_catalogue(
                &context,
                &key(*ward, *year),
                &catalogue_id(*catalogue),
            );
            (device, result)
        }
        Op::Track {
            device,
            ward,
            year,
            track,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let track = match track % 3 {
                0 => Track::New,
                1 => Track::Maintain {
                    since_year: 2000 + u16::from(*track),
                },
                _ => Track::None,
            };
            let result = fleet[device]
                .store
                .set_track(&context, &key(*ward, *year), track);
            (device, result)
        }
        Op::Criterion {
            device,
            ward,
            year,
            criterion: index,
            status,
            figure,
            note,
            evidence,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let evidence = evidence
                .iter()
                .map(|(slot, doc_number)| Evidence {
                    id: item("e", *slot, 0),
                    doc_number: text(doc_number),
                    date: None,
                    issuer: String::new(),
                    description: String::new(),
                    attachments: Vec::new(),
                })
                .collect();
            let entry = CriterionEntry {
                status: CriterionStatus::ALL[usize::from(*status) % CriterionStatus::ALL.len()],
                figure: *figure,
                evidence,
                note: text(note),
            };
            let result = fleet[device].store.set_criterion(
                &context,
                &key(*ward, *year),
                &criterion(*index),
                entry,
            );
            (device, result)
        }
        Op::AddAction {
            device,
            ward,
            year,
            slot,
            criterion: about,
            task,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let action = ActionItem {
                id: item("a", *ward, *slot),
                criterion: about.map(criterion),
                task: text(task),
                owner: "Đ/c A".to_string(),
                deadline: None,
                status: ActionStatus::Open,
            };
            let result = fleet[device]
                .store
                .add_item(&context, &key(*ward, *year), action);
            (device, result)
        }
        Op::EditAction {
            device,
            ward,
            year,
            slot,
            done,
            deadline,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let deadline = deadline.and_then(|(month, day)| {
                pkm_core::Date::new(2025, u32::from(month % 14), u32::from(day % 33)).ok()
            });
            let action = ActionItem {
                id: item("a", *ward, *slot),
                criterion: None,
                task: "Việc đã sửa".to_string(),
                owner: "Đ/c B".to_string(),
                deadline,
                status: if *done {
                    ActionStatus::Done
                } else {
                    ActionStatus::Open
                },
            };
            let result = fleet[device]
                .store
                .edit_item(&context, &key(*ward, *year), action);
            (device, result)
        }
        Op::DeleteAction {
            device,
            ward,
            year,
            slot,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let result = fleet[device].store.delete_item::<pkm_core::ActionItem>(
                &context,
                &key(*ward, *year),
                &item("a", *ward, *slot),
            );
            (device, result)
        }
        Op::Request {
            device,
            ward,
            year,
            slot,
            edit,
            category,
            quantity,
            description,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let request = Request {
                id: item("r", *ward, *slot),
                category: RequestCategory::ALL[usize::from(*category) % RequestCategory::ALL.len()],
                description: text(description),
                quantity: *quantity,
                unit_label: "người".to_string(),
            };
            let store = &mut fleet[device].store;
            let result = if *edit {
                store.edit_item(&context, &key(*ward, *year), request)
            } else {
                store.add_item(&context, &key(*ward, *year), request)
            };
            (device, result)
        }
        Op::DeleteRequest {
            device,
            ward,
            year,
            slot,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let result = fleet[device].store.delete_item::<pkm_core::Request>(
                &context,
                &key(*ward, *year),
                &item("r", *ward, *slot),
            );
            (device, result)
        }
        Op::Review {
            device,
            ward,
            year,
            criterion: index,
            verdict,
            comment,
        } => {
            let device = pick(device);
            let context = fleet[device].context();
            let verdict = verdict.map(|agree| ReviewVerdict {
                verdict: if agree {
                    Verdict::Agree
                } else {
                    Verdict::Disagree
                },
                comment: text(comment),
                reviewer: "Tổ thẩm định".to_string(),
            });
            let result = fleet[device].store.set_review(
                &context,
                &key(*ward, *year),
                &criterion(*index),
                verdict,
            );
            (device, result)
        }
    }
}

fn merged(left: &Store, right: &Store) -> Store {
    let mut result = left.clone();
    result.merge(right);
    result
}

fn export(store: &Store, selection: &Selection, unit: &UnitId) -> String {
    let device = DeviceId::new("xuat").expect("a valid device id");
    let mut clock = HlcClock::new(device.clone());
    if let Some(latest) = store.latest_timestamp() {
        clock.observe(&latest);
    }
    let header = HeaderInput {
        app_version: "fuzz".to_string(),
        bundle_id: BundleId::new("b-fuzz").expect("a valid bundle id"),
        exported_at: ExportedAt {
            text: String::new(),
            hlc: clock.tick(1_800_000_000_000),
        },
        device_id: device,
        unit_id: unit.clone(),
    };
    write_bundle(store, selection, &header).expect("a store can be exported")
}

/// The join laws over the fleet's stores.
fn check_laws(stores: &[&Store]) {
    let empty = Store::new();
    for &a in stores {
        let mut again = a.clone();
        let report = again.merge(a);
        assert_eq!(&again, a, "merge(a, a) = a");
        assert!(report.is_noop(), "merging a store into itself is a no-op");
        assert_eq!(&merged(a, &empty), a, "merge(a, ∅) = a");
        assert_eq!(&merged(&empty, a), a, "merge(∅, a) = a");
        for &b in stores {
            let ab = merged(a, b);
            assert_eq!(ab, merged(b, a), "merge(a, b) = merge(b, a)");
            assert_eq!(merged(a, &ab), ab, "merge(a, merge(a, b)) = merge(a, b)");
            let mut into = a.clone();
            let report = into.merge(b);
            if report.catalogue_clashes.is_empty() {
                assert_eq!(
                    report.is_noop(),
                    &into == a,
                    "a merge reports no change exactly when nothing changed"
                );
            } else if &into == a {
                assert!(report.is_noop());
            }
            for &c in stores {
                assert_eq!(
                    merged(&ab, c),
                    merged(a, &merged(b, c)),
                    "merge(merge(a, b), c) = merge(a, merge(b, c))"
                );
            }
        }
        let _ = a.conflicts();
    }
}

fuzz_target!(|history: History| {
    let devices = 2 + usize::from(history.devices % 3);
    let base = base();
    let mut fleet: Vec<Device> = (0..devices).map(|index| Device::new(index, base)).collect();
    // At most 64 steps, to keep each run short.
    for op in history.ops.iter().take(64) {
        let before: Vec<Store> = fleet.iter().map(|device| device.store.clone()).collect();
        let (index, result) = apply(&mut fleet, op);
        if result.is_err() {
            assert_eq!(
                fleet[index].store, before[index],
                "a refused edit changed the store"
            );
        }
    }
    let stores: Vec<&Store> = fleet.iter().map(|device| &device.store).collect();
    check_laws(&stores);

    // Export then import into an empty store gives back the same state, for the join of all:
    // retired entries included (values for criteria the assessment's catalogue no longer defines,
    // left by a catalogue switch or a resolved catalogue conflict; see docs/bundle-format.md).
    let all = stores
        .iter()
        .fold(Store::new(), |state, store| merged(&state, store));
    for key in all.assessments().keys() {
        for criterion in all.retired_criteria(key) {
            assert!(
                all.catalogues()
                    .values()
                    .any(|catalogue| catalogue.criterion(&criterion).is_some()),
                "a retired criterion is one some catalogue of the store defines"
            );
        }
    }
    let whole = read_back(&export(&all, &Selection::All, &unit_id("p")));
    assert!(whole.same_content(&all), "export then import loses nothing");

    // The province's feedback for each year reads back and carries its verdicts and
    // conclusions, and never a ward's own value.
    for year in YEARS {
        let selection = Selection::Feedback {
            province: unit_id("p"),
            ward: None,
            year,
        };
        let feedback = read_back(&export(&all, &selection, &unit_id("p")));
        for (key, doc) in feedback.assessments() {
            assert!(doc.ward_part_is_empty(), "a feedback carries verdicts only");
            assert_eq!(
                Some(doc.reviews()),
                all.assessment(key).map(|doc| doc.reviews())
            );
        }
        for (key, register) in feedback.conclusion_registers() {
            assert_eq!(key.year, year);
            assert_eq!(all.conclusion_registers().get(key), Some(register));
        }
    }

    // So does each ward's bundle, which carries only the catalogues its assessments need.
    let wards: BTreeSet<&UnitId> = all.assessments().keys().map(|key| &key.unit).collect();
    for ward in wards {
        let alone = read_back(&export(&all, &Selection::Ward(ward.clone()), ward));
        for (key, doc) in all.assessments() {
            if &key.unit == ward {
                assert_eq!(
                    alone.assessment(key),
                    Some(doc),
                    "a ward bundle loses nothing"
                );
            }
        }
    }
});

/// Reads an export on its own and imports it into an empty store; both must succeed.
fn read_back(text: &str) -> Store {
    let bundle = read_bundle(text.as_bytes(), &Limits::default())
        .unwrap_or_else(|problems| panic!("an export is refused: {problems:?}"));
    let mut empty = Store::new();
    empty
        .import_bundle(&bundle, &pkm_core::fixtures::accepting(&bundle))
        .unwrap_or_else(|problems| panic!("an export does not import: {problems:?}"));
    empty
}
