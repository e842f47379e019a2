//! The six laws of `shared/notes/bundle-and-merge.md` as property tests over random edit histories
//! on three or four devices (each device: its own store and clock; histories interleave edits and
//! syncs between devices):
//!
//! 1. merge(a, a) = a, and importing the same bundle twice changes nothing ("already imported");
//! 2. merge(a, b) = merge(b, a);
//! 3. merge(merge(a, b), c) = merge(a, merge(b, c));
//! 4. export then import into an empty store gives back the same state;
//! 5. an edit made after importing X wins over X without a conflict;
//! 6. concurrent edits of one value give exactly one visible conflict, and its resolution clears it
//!    everywhere the resolution travels (criterion entries; and the province's conclusions and
//!    decisions, two province laptops concluding a ward differently).
//!
//! Criterion edits attach and remove evidence files (their references), so the laws cover them,
//! and removing a file is a new version that an older copy never undoes.
//!
//! Histories also pin signing keys for wards (a grow-only set per unit), so the laws cover pins,
//! and record the province's conclusions and the Minister's decisions (issue 24), so the laws
//! cover the cycle's records.
//! A refused edit must leave the store unchanged; that is checked on every step too.

use pkm_core::assessment::{
    ActionItem, ActionStatus, CriterionEntry, CriterionStatus, Evidence, Request, RequestCategory,
    ReviewVerdict, Track, Verdict,
};
use pkm_core::attachment::{AttachmentCensus, AttachmentRef};
use pkm_core::bundle::{ExportedAt, HeaderInput, Limits, Selection, read_bundle, write_bundle};
use pkm_core::fixtures::ImportAccepting;
use pkm_core::ids::{BundleId, CatalogueId, CriterionId, DeviceId, ItemId, UnitId};
use pkm_core::{
    AssessmentKey, Catalogue, ConflictTarget, EditContext, EditError, HlcClock, Store, Unit,
    UnitKind,
};
use proptest::prelude::*;

const WARDS: [&str; 2] = ["w1", "w2"];
const CRITERIA: [&str; 4] = ["C01", "C02", "C03", "C04"];
const STATUSES: [CriterionStatus; 4] = [
    CriterionStatus::Met,
    CriterionStatus::Expected,
    CriterionStatus::NotMet,
    CriterionStatus::NotAssessed,
];

fn catalogue() -> Catalogue {
    Catalogue::from_json(
        r#"{"catalog_id":"law-1","status":"official","title_vi":"Bộ kiểm thử","groups":[
            {"id":"G1","title_vi":"Nhóm","criteria":[
              {"id":"C01","title_vi":"Một","kind":"boolean"},
              {"id":"C02","title_vi":"Hai","kind":"percent"},
              {"id":"C03","title_vi":"Ba","kind":"count"},
              {"id":"C04","title_vi":"Bốn","kind":"boolean"}]}]}"#,
    )
    .unwrap()
}

fn key(ward: usize) -> AssessmentKey {
    AssessmentKey::new(UnitId::new(WARDS[ward]).unwrap(), 2024)
}

fn criterion(index: usize) -> CriterionId {
    CriterionId::new(CRITERIA[index]).unwrap()
}

/// The state every device starts from: a province, two wards and their 2024 assessments.
fn base() -> Store {
    let mut store = Store::new();
    store.add_catalogue(catalogue()).unwrap();
    let device = DeviceId::new("setup").unwrap();
    let mut clock = HlcClock::new(device);
    let mut now = 1_700_000_000_000;
    let mut context = || {
        now += 1;
        EditContext::new(clock.tick(now), "Quản trị")
    };
    let unit = |id: &str, kind, parent: Option<&str>| Unit {
        id: UnitId::new(id).unwrap(),
        code: None,
        name_vi: format!("Đơn vị {id}"),
        kind,
        parent: parent.map(|parent| UnitId::new(parent).unwrap()),
        attachment_limits: None,
    };
    store
        .upsert_unit(&context(), unit("p", UnitKind::Province, None))
        .unwrap();
    for ward in WARDS {
        store
            .upsert_unit(&context(), unit(ward, UnitKind::Ward, Some("p")))
            .unwrap();
        store
            .start_assessment(
                &context(),
                &UnitId::new(ward).unwrap(),
                2024,
                &CatalogueId::new("law-1").unwrap(),
                Track::New,
            )
            .unwrap();
    }
    store
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
            clock: HlcClock::new(DeviceId::new(name.clone()).unwrap()),
            now: 1_710_000_000_000,
            name,
        }
    }

    fn context(&mut self, step: u64) -> EditContext {
        self.now += step;
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

#[derive(Debug, Clone)]
enum Op {
    Criterion {
        device: usize,
        ward: usize,
        criterion: usize,
        status: usize,
        figure: u8,
        note: u8,
    },
    Track {
        device: usize,
        ward: usize,
        maintain: bool,
    },
    AddAction {
        device: usize,
        ward: usize,
        slot: u8,
    },
    EditAction {
        device: usize,
        ward: usize,
        slot: u8,
        done: bool,
    },
    DeleteAction {
        device: usize,
        ward: usize,
        slot: u8,
    },
    AddRequest {
        device: usize,
        ward: usize,
        slot: u8,
        quantity: u8,
    },
    DeleteRequest {
        device: usize,
        ward: usize,
        slot: u8,
    },
    Review {
        device: usize,
        ward: usize,
        criterion: usize,
        agree: bool,
    },
    Quota {
        device: usize,
        quota: u8,
    },
    Rename {
        device: usize,
        ward: usize,
        suffix: u8,
    },
    Pin {
        device: usize,
        ward: usize,
        key: u8,
    },
    Conclude {
        device: usize,
        ward: usize,
        proposed: Option<bool>,
    },
    Decide {
        device: usize,
        wards: u8,
        number: u8,
    },
    Sync {
        from: usize,
        to: usize,
    },
}

fn op(devices: usize) -> impl Strategy<Value = Op> {
    let device = 0..devices;
    let ward = 0..WARDS.len();
    prop_oneof![
        4 => (device.clone(), ward.clone(), 0..CRITERIA.len(), 0..STATUSES.len(), 0u8..=100, 0u8..4)
            .prop_map(|(device, ward, criterion, status, figure, note)| Op::Criterion { device, ward, criterion, status, figure, note }),
        1 => (device.clone(), ward.clone(), any::<bool>()).prop_map(|(device, ward, maintain)| Op::Track { device, ward, maintain }),
        2 => (device.clone(), ward.clone(), 0u8..3).prop_map(|(device, ward, slot)| Op::AddAction { device, ward, slot }),
        1 => (device.clone(), ward.clone(), 0u8..3, any::<bool>()).prop_map(|(device, ward, slot, done)| Op::EditAction { device, ward, slot, done }),
        1 => (device.clone(), ward.clone(), 0u8..3).prop_map(|(device, ward, slot)| Op::DeleteAction { device, ward, slot }),
        1 => (device.clone(), ward.clone(), 0u8..2, 0u8..20).prop_map(|(device, ward, slot, quantity)| Op::AddRequest { device, ward, slot, quantity }),
        1 => (device.clone(), ward.clone(), 0u8..2).prop_map(|(device, ward, slot)| Op::DeleteRequest { device, ward, slot }),
        1 => (device.clone(), ward.clone(), 0..CRITERIA.len(), any::<bool>()).prop_map(|(device, ward, criterion, agree)| Op::Review { device, ward, criterion, agree }),
        1 => (device.clone(), 0u8..10).prop_map(|(device, quota)| Op::Quota { device, quota }),
        1 => (device.clone(), ward.clone(), 0u8..3).prop_map(|(device, ward, suffix)| Op::Rename { device, ward, suffix }),
        1 => (device.clone(), ward.clone(), 0u8..3).prop_map(|(device, ward, key)| Op::Pin { device, ward, key }),
        1 => (device.clone(), ward.clone(), prop::option::of(any::<bool>())).prop_map(|(device, ward, proposed)| Op::Conclude { device, ward, proposed }),
        1 => (device.clone(), 0u8..4, 0u8..3).prop_map(|(device, wards, number)| Op::Decide { device, wards, number }),
        3 => (device.clone(), device).prop_map(|(from, to)| Op::Sync { from, to }),
    ]
}

/// Three signing keys' fingerprints (computed once: key derivation is slow in debug builds).
fn pin_keys() -> &'static [pkm_core::KeyFingerprint] {
    static KEYS: std::sync::OnceLock<Vec<pkm_core::KeyFingerprint>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        (0..3)
            .map(|key| {
                pkm_core::SecretKey::for_tests(&format!("khoa-{key}"))
                    .public_key()
                    .fingerprint()
            })
            .collect()
    })
}

fn entry(criterion_index: usize, status: usize, figure: u8, note: u8) -> CriterionEntry {
    let figure = match criterion_index {
        1 => Some(f64::from(figure)),
        2 => Some(f64::from(figure / 3)),
        _ => None,
    };
    CriterionEntry {
        status: STATUSES[status],
        figure,
        evidence: evidence_with_files(note),
        note: format!("ghi chú {note}"),
    }
}

/// One evidence item carrying the files of the bits of `files` (0: no evidence, 1: a photo, 2: a
/// PDF, 3: both), so that edits attach and remove files.
fn evidence_with_files(files: u8) -> Vec<Evidence> {
    if files.is_multiple_of(4) {
        return Vec::new();
    }
    let photo = AttachmentRef::for_bytes("Ảnh trụ sở.jpg", b"\xff\xd8\xff\xe0 photo").unwrap();
    let pdf = AttachmentRef::for_bytes("Biên bản.pdf", b"%PDF-1.7 minutes").unwrap();
    let attachments = [(1, photo), (2, pdf)]
        .into_iter()
        .filter(|(bit, _)| files & bit != 0)
        .map(|(_, file)| file)
        .collect();
    vec![Evidence {
        id: ItemId::new("e1").unwrap(),
        doc_number: "12/BB".to_string(),
        date: None,
        issuer: String::new(),
        description: String::new(),
        attachments,
    }]
}

fn action(ward: usize, slot: u8, done: bool) -> ActionItem {
    ActionItem {
        id: ItemId::new(format!("a-{ward}-{slot}")).unwrap(),
        criterion: Some(criterion(usize::from(slot) % CRITERIA.len())),
        task: format!("Việc {slot}"),
        owner: "Đ/c A".to_string(),
        deadline: None,
        status: if done {
            ActionStatus::Done
        } else {
            ActionStatus::Open
        },
    }
}

fn apply(devices: &mut [Device], op: &Op) -> (usize, Result<(), EditError>) {
    let step = 1 + (devices.len() as u64);
    match op {
        Op::Pin { device, ward, key } => {
            let fingerprint = pin_keys()[usize::from(*key)].clone();
            devices[*device]
                .store
                .pin_key(&UnitId::new(WARDS[*ward]).unwrap(), fingerprint);
            (*device, Ok(()))
        }
        Op::Conclude {
            device,
            ward,
            proposed,
        } => {
            let context = devices[*device].context(step);
            let conclusion = proposed.map(|proposed| pkm_core::cycle::Conclusion {
                proposed,
                reason: format!("lý do {proposed}"),
            });
            (
                *device,
                devices[*device]
                    .store
                    .set_conclusion(&context, &key(*ward), conclusion),
            )
        }
        Op::Decide {
            device,
            wards,
            number,
        } => {
            let context = devices[*device].context(step);
            // `wards` picks a subset of the wards (bit i: ward i); 3 adds the province itself,
            // which the edit refuses.
            let mut chosen: std::collections::BTreeSet<UnitId> = WARDS
                .iter()
                .enumerate()
                .filter(|(index, _)| wards & (1 << index) != 0)
                .map(|(_, ward)| UnitId::new(*ward).unwrap())
                .collect();
            if *wards == 3 {
                chosen.insert(UnitId::new("p").unwrap());
            }
            let decision = pkm_core::cycle::Decision {
                number: format!("{number}/QĐ-BCA"),
                date: pkm_core::Date::new(2025, 4, 22).unwrap(),
                signer: "Bộ trưởng".to_string(),
                wards: chosen,
            };
            (
                *device,
                devices[*device].store.record_decision(
                    &context,
                    &UnitId::new("p").unwrap(),
                    2024,
                    decision,
                ),
            )
        }
        Op::Sync { from, to } => {
            if from != to {
                let source = devices[*from].store.clone();
                devices[*to].receive(&source);
            }
            (*to, Ok(()))
        }
        Op::Criterion {
            device,
            ward,
            criterion: index,
            status,
            figure,
            note,
        } => {
            let context = devices[*device].context(step);
            (
                *device,
                devices[*device].store.set_criterion(
                    &context,
                    &key(*ward),
                    &criterion(*index),
                    entry(*index, *status, *figure, *note),
                ),
            )
        }
        Op::Track {
            device,
            ward,
            maintain,
        } => {
            let context = devices[*device].context(step);
            let track = if *maintain {
                Track::Maintain { since_year: 2022 }
            } else {
                Track::New
            };
            (
                *device,
                devices[*device]
                    .store
                    .set_track(&context, &key(*ward), track),
            )
        }
        Op::AddAction { device, ward, slot } => {
            let context = devices[*device].context(step);
            (
                *device,
                devices[*device]
                    .store
                    .add_item(&context, &key(*ward), action(*ward, *slot, false)),
            )
        }
        Op::EditAction {
            device,
            ward,
            slot,
            done,
        } => {
            let context = devices[*device].context(step);
            (
                *device,
                devices[*device].store.edit_item(
                    &context,
                    &key(*ward),
                    action(*ward, *slot, *done),
                ),
            )
        }
        Op::DeleteAction { device, ward, slot } => {
            let context = devices[*device].context(step);
            let id = ItemId::new(format!("a-{ward}-{slot}")).unwrap();
            (
                *device,
                devices[*device].store.delete_item::<pkm_core::ActionItem>(
                    &context,
                    &key(*ward),
                    &id,
                ),
            )
        }
        Op::AddRequest {
            device,
            ward,
            slot,
            quantity,
        } => {
            let context = devices[*device].context(step);
            let request = Request {
                id: ItemId::new(format!("r-{ward}-{slot}")).unwrap(),
                category: RequestCategory::ALL[usize::from(*slot)],
                description: "Đề xuất".to_string(),
                quantity: Some(f64::from(*quantity)),
                unit_label: "người".to_string(),
            };
            (
                *device,
                devices[*device]
                    .store
                    .add_item(&context, &key(*ward), request),
            )
        }
        Op::DeleteRequest { device, ward, slot } => {
            let context = devices[*device].context(step);
            let id = ItemId::new(format!("r-{ward}-{slot}")).unwrap();
            (
                *device,
                devices[*device]
                    .store
                    .delete_item::<pkm_core::Request>(&context, &key(*ward), &id),
            )
        }
        Op::Review {
            device,
            ward,
            criterion: index,
            agree,
        } => {
            let context = devices[*device].context(step);
            let verdict = ReviewVerdict {
                verdict: if *agree {
                    Verdict::Agree
                } else {
                    Verdict::Disagree
                },
                comment: String::new(),
                reviewer: "Tổ thẩm định".to_string(),
            };
            (
                *device,
                devices[*device].store.set_review(
                    &context,
                    &key(*ward),
                    &criterion(*index),
                    Some(verdict),
                ),
            )
        }
        Op::Quota { device, quota } => {
            let context = devices[*device].context(step);
            (
                *device,
                devices[*device].store.set_quota(
                    &context,
                    &UnitId::new("p").unwrap(),
                    2024,
                    u32::from(*quota),
                ),
            )
        }
        Op::Rename {
            device,
            ward,
            suffix,
        } => {
            let context = devices[*device].context(step);
            let unit = Unit {
                id: UnitId::new(WARDS[*ward]).unwrap(),
                code: None,
                name_vi: format!("Công an phường {ward} ({suffix})"),
                kind: UnitKind::Ward,
                parent: Some(UnitId::new("p").unwrap()),
                attachment_limits: None,
            };
            (*device, devices[*device].store.upsert_unit(&context, unit))
        }
    }
}

/// Applies a history, checking on every refused edit that the store did not change.
fn run(devices: usize, history: &[Op]) -> Vec<Device> {
    let base = base();
    let mut fleet: Vec<Device> = (0..devices)
        .map(|index| Device::new(index, &base))
        .collect();
    for step in history {
        let before: Vec<Store> = fleet.iter().map(|device| device.store.clone()).collect();
        let (index, result) = apply(&mut fleet, step);
        if result.is_err() {
            assert_eq!(
                fleet[index].store, before[index],
                "a refused edit changed the store"
            );
        }
    }
    fleet
}

fn merged(left: &Store, right: &Store) -> Store {
    let mut result = left.clone();
    result.merge(right);
    result
}

fn export(store: &Store, device: &str, now: u64) -> String {
    let mut clock = HlcClock::new(DeviceId::new(device).unwrap());
    if let Some(latest) = store.latest_timestamp() {
        clock.observe(&latest);
    }
    let header = HeaderInput {
        app_version: "test".to_string(),
        bundle_id: BundleId::new(format!("b-{device}-{now}")).unwrap(),
        exported_at: ExportedAt {
            text: String::new(),
            hlc: clock.tick(now),
        },
        device_id: DeviceId::new(device).unwrap(),
        unit_id: UnitId::new("p").unwrap(),
    };
    write_bundle(store, &Selection::All, &header).unwrap()
}

fn history() -> impl Strategy<Value = (usize, Vec<Op>)> {
    (3usize..=4).prop_flat_map(|devices| (Just(devices), prop::collection::vec(op(devices), 0..40)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn law_1_merge_is_idempotent_and_reimport_changes_nothing((devices, ops) in history()) {
        let fleet = run(devices, &ops);
        for device in &fleet {
            let mut again = device.store.clone();
            let report = again.merge(&device.store);
            prop_assert_eq!(&again, &device.store);
            prop_assert!(report.is_noop());
            prop_assert_eq!(report.conflicts_created, 0);
        }
        let text = export(&fleet[0].store, "xuat", 1_800_000_000_000);
        let bundle = read_bundle(text.as_bytes(), &Limits::default()).unwrap();
        let mut receiver = fleet[1].store.clone();
        let first = receiver.import_accepting(&bundle).unwrap();
        prop_assert!(!first.already_imported);
        let snapshot = receiver.clone();
        let second = receiver.import_accepting(&bundle).unwrap();
        prop_assert!(second.already_imported);
        prop_assert_eq!(receiver, snapshot);
    }

    #[test]
    fn law_2_merge_is_commutative((devices, ops) in history()) {
        let fleet = run(devices, &ops);
        for left in &fleet {
            for right in &fleet {
                prop_assert_eq!(merged(&left.store, &right.store), merged(&right.store, &left.store));
            }
        }
    }

    #[test]
    fn merging_a_store_taken_whole_is_merging_a_copy((devices, ops) in history()) {
        let fleet = run(devices, &ops);
        for left in &fleet {
            for right in &fleet {
                // Into a store holding some of its assessments, and into an empty one (every
                // assessment is then one it lacks): the same store, the same report.
                for base in [&left.store, &Store::new()] {
                    let mut copied = base.clone();
                    let copied_report = copied.merge(&right.store);
                    let mut taken = base.clone();
                    let taken_report = taken.merge_from(right.store.clone());
                    prop_assert_eq!(&taken, &copied);
                    prop_assert_eq!(taken_report, copied_report);
                }
            }
        }
    }

    #[test]
    fn an_export_reads_back_as_it_was_and_importing_it_whole_is_importing_it(
        (devices, ops) in history(),
    ) {
        let fleet = run(devices, &ops);
        for (index, sender) in fleet.iter().enumerate() {
            let text = export(&sender.store, &format!("xuat-{index}"), 1_800_000_000_000);
            let bundle = read_bundle(text.as_bytes(), &Limits::default()).unwrap();
            // The reader keeps a document in joined form as decoded instead of joining it
            // again: every document read from an export is the one exported, register for
            // register.
            prop_assert_eq!(bundle.content.assessments(), sender.store.assessments());
            for receiver in &fleet {
                let mut copied = receiver.store.clone();
                let copied_report = copied.import_accepting(&bundle);
                let mut taken = receiver.store.clone();
                let taken_report = taken
                    .check_import_whole(bundle.clone(), &pkm_core::fixtures::accepting(&bundle))
                    .map(|checked| taken.join_checked_whole(checked));
                prop_assert_eq!(&taken, &copied);
                prop_assert_eq!(taken_report, copied_report);
            }
        }
    }

    #[test]
    fn law_3_merge_is_associative((devices, ops) in history()) {
        let fleet = run(devices, &ops);
        let (a, b, c) = (&fleet[0].store, &fleet[1].store, &fleet[2].store);
        prop_assert_eq!(merged(&merged(a, b), c), merged(a, &merged(b, c)));
        let last = &fleet[devices - 1].store;
        prop_assert_eq!(merged(&merged(c, last), a), merged(c, &merged(last, a)));
    }

    #[test]
    fn law_4_export_then_import_into_an_empty_store_gives_the_same_state((devices, ops) in history()) {
        let fleet = run(devices, &ops);
        let all = fleet.iter().fold(Store::new(), |state, device| merged(&state, &device.store));
        for store in [&fleet[0].store, &all] {
            let text = export(store, "xuat", 1_800_000_000_000);
            let bundle = read_bundle(text.as_bytes(), &Limits::default()).unwrap();
            let mut empty = Store::new();
            empty.import_accepting(&bundle).unwrap();
            prop_assert!(empty.same_content(store));
        }
    }

    #[test]
    fn law_5_an_edit_after_importing_wins_without_conflict(
        (devices, ops) in history(),
        ward in 0..WARDS.len(),
        index in 0..CRITERIA.len(),
        status in 0..STATUSES.len(),
    ) {
        let mut fleet = run(devices, &ops);
        let text = export(&fleet[1].store, "dev-1", 1_800_000_000_000);
        let bundle = read_bundle(text.as_bytes(), &Limits::default()).unwrap();
        let receiver = &mut fleet[0];
        receiver.store.import_accepting(&bundle).unwrap();
        receiver.clock.observe(&bundle.content.latest_timestamp().unwrap());
        let value = CriterionEntry { note: "sửa sau khi nhập".to_string(), ..entry(index, status, 50, 0) };
        let context = receiver.context(1);
        receiver.store.set_criterion(&context, &key(ward), &criterion(index), value.clone()).unwrap();
        let register = &receiver.store.assessment(&key(ward)).unwrap().criteria()[&criterion(index)];
        prop_assert!(!register.is_conflict());
        prop_assert_eq!(register.value(), Some(&value));
        prop_assert!(receiver.store.import_accepting(&bundle).unwrap().already_imported);
        let edited = receiver.store.clone();
        let mut again = edited.clone();
        again.merge(&fleet[1].store);
        prop_assert_eq!(again.assessment(&key(ward)).unwrap().entry(&criterion(index)), Some(&value));
        let mut sender = fleet[1].store.clone();
        sender.merge(&edited);
        let seen = &sender.assessment(&key(ward)).unwrap().criteria()[&criterion(index)];
        prop_assert!(!seen.is_conflict());
        prop_assert_eq!(seen.value(), Some(&value));
    }

    #[test]
    fn law_6_concurrent_edits_give_one_conflict_and_its_resolution_clears_it(
        (devices, ops) in history(),
        ward in 0..WARDS.len(),
        index in 0..CRITERIA.len(),
        pick in 0usize..2,
    ) {
        let mut fleet = run(devices, &ops);
        let common = merged(&fleet[0].store, &fleet[1].store);
        fleet[0].receive(&common);
        fleet[1].receive(&common);
        let target = ConflictTarget::Criterion { key: key(ward), criterion: criterion(index) };
        let others_before: Vec<_> = common.conflicts().into_iter().filter(|conflict| conflict.target != target).collect();
        for (device, note) in [(0usize, "bên A"), (1, "bên B")] {
            let value = CriterionEntry { note: note.to_string(), ..entry(index, 0, 10, 0) };
            let context = fleet[device].context(1);
            fleet[device].store.set_criterion(&context, &key(ward), &criterion(index), value).unwrap();
        }
        let both = merged(&fleet[0].store, &fleet[1].store);
        let conflicts = both.conflicts();
        let on_target: Vec<_> = conflicts.iter().filter(|conflict| conflict.target == target).collect();
        prop_assert_eq!(on_target.len(), 1);
        prop_assert_eq!(on_target[0].siblings.len(), 2);
        let others_after: Vec<_> = conflicts.into_iter().filter(|conflict| conflict.target != target).collect();
        prop_assert_eq!(others_after, others_before);
        // A third device receives both sides and resolves; the resolution travels back.
        fleet[2].receive(&both);
        let chosen = fleet[2].store.assessment(&key(ward)).unwrap().criteria()[&criterion(index)].siblings()[pick].value.clone();
        let context = fleet[2].context(1);
        fleet[2].store.resolve_conflict(&context, &target, pick).unwrap();
        let resolution = fleet[2].store.clone();
        prop_assert!(!resolution.conflicts().iter().any(|conflict| conflict.target == target));
        for device in fleet.iter_mut().take(2) {
            device.receive(&resolution);
            prop_assert!(!device.store.conflicts().iter().any(|conflict| conflict.target == target));
        }
        let everywhere = merged(&merged(&fleet[0].store, &fleet[1].store), &resolution);
        prop_assert!(!everywhere.conflicts().iter().any(|conflict| conflict.target == target));
        prop_assert_eq!(everywhere.assessment(&key(ward)).unwrap().entry(&criterion(index)), chosen.as_ref());
    }

    #[test]
    fn law_6_holds_for_conclusions_and_decisions(
        (devices, ops) in history(),
        ward in 0..WARDS.len(),
        proposed in any::<[bool; 2]>(),
        numbers in (0u16..3, 3u16..6),
        pick in 0usize..2,
    ) {
        let mut fleet = run(devices, &ops);
        let common = merged(&fleet[0].store, &fleet[1].store);
        fleet[0].receive(&common);
        fleet[1].receive(&common);
        let province = UnitId::new("p").unwrap();
        let conclusion = ConflictTarget::Conclusion { key: key(ward) };
        let decision = ConflictTarget::Decision { province: province.clone(), year: 2024 };
        let ours = |conflict: &pkm_core::Conflict| conflict.target == conclusion || conflict.target == decision;
        let others_before: Vec<_> = common.conflicts().into_iter().filter(|conflict| !ours(conflict)).collect();
        // Two province laptops conclude the same ward differently and record two decisions.
        for (device, number) in [(0usize, numbers.0), (1, numbers.1)] {
            let context = fleet[device].context(1);
            let value = pkm_core::cycle::Conclusion { proposed: proposed[device], reason: format!("máy {device}") };
            fleet[device].store.set_conclusion(&context, &key(ward), Some(value)).unwrap();
            let context = fleet[device].context(1);
            let value = pkm_core::cycle::Decision {
                number: format!("{number}/QĐ-BCA"),
                date: pkm_core::Date::new(2025, 4, 22).unwrap(),
                signer: "Bộ trưởng".to_string(),
                wards: [UnitId::new(WARDS[ward]).unwrap()].into_iter().collect(),
            };
            fleet[device].store.record_decision(&context, &province, 2024, value).unwrap();
        }
        let both = merged(&fleet[0].store, &fleet[1].store);
        let conflicts = both.conflicts();
        for target in [&conclusion, &decision] {
            let on_target: Vec<_> = conflicts.iter().filter(|conflict| &conflict.target == target).collect();
            prop_assert_eq!(on_target.len(), 1, "{:?}", target);
            prop_assert_eq!(on_target[0].siblings.len(), 2);
            prop_assert!(on_target[0].siblings.last().unwrap().is_provisional_winner);
        }
        let others_after: Vec<_> = conflicts.into_iter().filter(|conflict| !ours(conflict)).collect();
        prop_assert_eq!(others_after, others_before);
        // A third laptop receives both sides and resolves both; the resolutions travel back.
        fleet[2].receive(&both);
        let chosen_conclusion = fleet[2].store.conclusion_registers()[&key(ward)].siblings()[pick].value.clone();
        let chosen_decision = fleet[2].store.decision_registers()[&(province.clone(), 2024)].siblings()[1 - pick].value.clone();
        let context = fleet[2].context(1);
        fleet[2].store.resolve_conflict(&context, &conclusion, pick).unwrap();
        let context = fleet[2].context(1);
        fleet[2].store.resolve_conflict(&context, &decision, 1 - pick).unwrap();
        let context = fleet[2].context(1);
        prop_assert!(matches!(
            fleet[2].store.resolve_conflict(&context, &decision, 0),
            Err(EditError::NoConflict)
        ), "a resolved value is no conflict any more");
        let resolution = fleet[2].store.clone();
        for device in fleet.iter_mut().take(2) {
            device.receive(&resolution);
            prop_assert!(!device.store.conflicts().iter().any(ours));
        }
        let everywhere = merged(&merged(&fleet[0].store, &fleet[1].store), &resolution);
        prop_assert!(!everywhere.conflicts().iter().any(ours));
        prop_assert_eq!(everywhere.conclusion(&key(ward)), chosen_conclusion.as_ref());
        prop_assert_eq!(everywhere.decision(&province, 2024), chosen_decision.as_ref());
    }

    #[test]
    fn a_removed_attachment_does_not_come_back_from_an_older_copy(
        (devices, ops) in history(),
        remover in 0usize..3,
        ward in 0..WARDS.len(),
        which in 0..CRITERIA.len(),
        status in 0..STATUSES.len(),
    ) {
        let mut fleet = run(devices, &ops);
        let older: Vec<Store> = fleet.iter().map(|device| device.store.clone()).collect();
        for copy in &older {
            fleet[remover].receive(copy);
        }
        // The remover has seen every copy; it attaches both files, then removes them.
        let context = fleet[remover].context(1);
        fleet[remover].store.set_criterion(&context, &key(ward), &criterion(which), entry(which, status, 50, 3)).unwrap();
        let context = fleet[remover].context(1);
        fleet[remover].store.set_criterion(&context, &key(ward), &criterion(which), entry(which, status, 50, 0)).unwrap();
        let removed = fleet[remover].store.clone();
        let has_files = |store: &Store| {
            store.assessment(&key(ward)).unwrap().criteria()[&criterion(which)]
                .siblings()
                .iter()
                .any(|sibling| sibling.value.as_ref().is_some_and(|value| !value.evidence.is_empty()))
        };
        prop_assert!(!has_files(&removed));
        let mut forward = removed.clone();
        for copy in &older {
            forward.merge(copy);
        }
        let mut backward = Store::new();
        for copy in older.iter().rev() {
            backward.merge(copy);
        }
        backward.merge(&removed);
        prop_assert!(!has_files(&forward));
        prop_assert_eq!(&forward, &backward);
        // Through a bundle too (format version 2 while any file is referenced).
        let text = export(&forward, "xuat", 1_800_000_000_000);
        let bundle = read_bundle(text.as_bytes(), &Limits::default()).unwrap();
        let expected = if AttachmentCensus::of(&forward).is_empty() { 1 } else { 2 };
        prop_assert_eq!(bundle.format_version(), expected);
        let mut receiver = Store::new();
        for copy in &older {
            receiver.merge(copy);
        }
        receiver.import_accepting(&bundle).unwrap();
        prop_assert!(!has_files(&receiver));
    }
}
