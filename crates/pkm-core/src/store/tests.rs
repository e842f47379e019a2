//! Unit tests of store edits, their validation and errors, conflicts, merge reports and imports.

use super::*;
use crate::assessment::{
    ActionItem, ActionStatus, CriterionStatus, Evidence, Request, RequestCategory, Verdict,
};
use crate::bundle::{ExportedAt, HeaderInput, Limits, Selection, build_bundle, read_bundle};
use crate::fixtures::ImportAccepting;
use crate::ids::{BundleId, DeviceId};
use crate::version::HlcClock;

struct Device {
    clock: HlcClock,
    now: u64,
    author: &'static str,
}

impl Device {
    fn new(name: &str, author: &'static str) -> Device {
        Device {
            clock: HlcClock::new(DeviceId::new(name).unwrap()),
            now: 1_730_000_000_000,
            author,
        }
    }

    fn edit(&mut self) -> EditContext {
        self.now += 1_000;
        EditContext::new(self.clock.tick(self.now), self.author)
    }
}

fn id(text: &str) -> UnitId {
    UnitId::new(text).unwrap()
}

fn cid(text: &str) -> CriterionId {
    CriterionId::new(text).unwrap()
}

fn item(text: &str) -> ItemId {
    ItemId::new(text).unwrap()
}

fn unit(name: &str, kind: UnitKind, parent: Option<&str>) -> Unit {
    Unit {
        id: id(name),
        code: None,
        name_vi: format!("Công an {name}"),
        kind,
        parent: parent.map(id),
        attachment_limits: None,
    }
}

/// A store with a province, a middle unit, a ward and the draft catalogue, plus a started 2024
/// assessment of the ward.
fn setup() -> (Store, Device, AssessmentKey, CatalogueId) {
    let mut store = Store::with_builtin_catalogue().unwrap();
    let catalogue = store.catalogues().keys().next().unwrap().clone();
    let mut device = Device::new("may-a", "Đ/c Hùng");
    store
        .upsert_unit(&device.edit(), unit("na", UnitKind::Province, None))
        .unwrap();
    store
        .upsert_unit(&device.edit(), unit("vinh", UnitKind::Middle, Some("na")))
        .unwrap();
    store
        .upsert_unit(&device.edit(), unit("le-mao", UnitKind::Ward, Some("vinh")))
        .unwrap();
    let key = store
        .start_assessment(
            &device.edit(),
            &id("le-mao"),
            2024,
            &catalogue,
            Track::Maintain { since_year: 2023 },
        )
        .unwrap();
    (store, device, key, catalogue)
}

fn action(name: &str) -> ActionItem {
    ActionItem {
        id: item(name),
        criterion: Some(cid("C06")),
        task: "Sửa chữa trụ sở".to_string(),
        owner: "Đ/c Nam".to_string(),
        deadline: Date::new(2024, 11, 30).ok(),
        status: ActionStatus::Open,
    }
}

fn request(name: &str) -> Request {
    Request {
        id: item(name),
        category: RequestCategory::Staffing,
        description: "Bổ sung 2 cán bộ".to_string(),
        quantity: Some(2.0),
        unit_label: "người".to_string(),
    }
}

#[test]
fn starting_an_assessment_sets_track_and_catalogue() {
    let (store, _, key, catalogue) = setup();
    let doc = store.assessment(&key).unwrap();
    assert_eq!(
        doc.track_value(),
        Some(&Track::Maintain { since_year: 2023 })
    );
    assert_eq!(doc.catalogue_id(), Some(&catalogue));
    assert_eq!(
        store.catalogue_of(&key).map(|found| found.criteria_count()),
        Some(20)
    );
}

#[test]
fn start_assessment_refuses_unknown_units_catalogues_years_and_repeats() {
    let (mut store, mut device, key, catalogue) = setup();
    let context = device.edit();
    assert_eq!(
        store.start_assessment(&context, &id("nowhere"), 2024, &catalogue, Track::New),
        Err(EditError::UnknownUnit(id("nowhere")))
    );
    assert_eq!(
        store.start_assessment(&context, &id("le-mao"), 2024, &catalogue, Track::New),
        Err(EditError::AssessmentExists(key))
    );
    assert_eq!(
        store.start_assessment(&context, &id("le-mao"), 1999, &catalogue, Track::New),
        Err(EditError::YearOutOfRange(1999))
    );
    let unknown = CatalogueId::new("khac").unwrap();
    assert_eq!(
        store.start_assessment(&context, &id("le-mao"), 2025, &unknown, Track::New),
        Err(EditError::UnknownCatalogue(unknown))
    );
    assert_eq!(
        store.start_assessment(
            &context,
            &id("le-mao"),
            2025,
            &catalogue,
            Track::Maintain { since_year: 2025 }
        ),
        Err(EditError::InvalidSinceYear {
            since_year: 2025,
            year: 2025
        })
    );
    assert!(
        store
            .assessment(&AssessmentKey::new(id("le-mao"), 2025))
            .is_none(),
        "a refused edit changes nothing"
    );
}

#[test]
fn criterion_entries_are_checked_against_the_catalogue() {
    let (mut store, mut device, key, _) = setup();
    let context = device.edit();
    let with_figure = |figure| CriterionEntry {
        figure: Some(figure),
        ..CriterionEntry::with_status(CriterionStatus::Met)
    };
    assert_eq!(
        store.set_criterion(&context, &key, &cid("C99"), CriterionEntry::default()),
        Err(EditError::UnknownCriterion {
            criterion: cid("C99"),
            catalogue: store
                .assessment(&key)
                .unwrap()
                .catalogue_id()
                .unwrap()
                .clone()
        })
    );
    assert_eq!(
        store.set_criterion(&context, &key, &cid("C01"), with_figure(1.0)),
        Err(EditError::FigureNotAllowed(cid("C01")))
    );
    assert_eq!(
        store.set_criterion(&context, &key, &cid("C04"), with_figure(101.0)),
        Err(EditError::FigureOutOfRange {
            criterion: cid("C04"),
            figure: 101.0
        })
    );
    assert_eq!(
        store.set_criterion(&context, &key, &cid("C03"), with_figure(-1.0)),
        Err(EditError::FigureOutOfRange {
            criterion: cid("C03"),
            figure: -1.0
        })
    );
    store
        .set_criterion(&context, &key, &cid("C04"), with_figure(95.5))
        .unwrap();
    assert_eq!(
        store
            .assessment(&key)
            .unwrap()
            .entry(&cid("C04"))
            .and_then(|entry| entry.figure),
        Some(95.5)
    );
    let evidence = Evidence {
        id: item("e1"),
        doc_number: "1/KH".to_string(),
        date: Date::new(1999, 1, 1).ok(),
        issuer: String::new(),
        description: String::new(),
        attachments: Vec::new(),
    };
    let old = CriterionEntry {
        evidence: vec![evidence.clone()],
        ..CriterionEntry::with_status(CriterionStatus::Met)
    };
    assert!(matches!(
        store.set_criterion(&context, &key, &cid("C01"), old),
        Err(EditError::DateOutOfRange(_))
    ));
    let twice = CriterionEntry {
        evidence: vec![evidence.clone(), evidence],
        ..CriterionEntry::default()
    };
    assert_eq!(
        store.set_criterion(&context, &key, &cid("C01"), twice),
        Err(EditError::DuplicateEvidence {
            criterion: cid("C01"),
            evidence: item("e1")
        })
    );
    let long = CriterionEntry {
        note: "x".repeat(MAX_TEXT_CHARS + 1),
        ..CriterionEntry::default()
    };
    assert_eq!(
        store.set_criterion(&context, &key, &cid("C01"), long),
        Err(EditError::TextTooLong {
            field: "note",
            chars: MAX_TEXT_CHARS + 1,
            max: MAX_TEXT_CHARS
        })
    );
    let missing = AssessmentKey::new(id("le-mao"), 2030);
    assert_eq!(
        store.set_criterion(&context, &missing, &cid("C01"), CriterionEntry::default()),
        Err(EditError::UnknownAssessment(missing))
    );
}

#[test]
fn action_items_are_added_edited_and_deleted_with_tombstones() {
    let (mut store, mut device, key, _) = setup();
    store.add_item(&device.edit(), &key, action("a1")).unwrap();
    assert_eq!(
        store.add_item(&device.edit(), &key, action("a1")),
        Err(EditError::DuplicateItem(item("a1")))
    );
    let mut done = action("a1");
    done.status = ActionStatus::Done;
    store.edit_item(&device.edit(), &key, done.clone()).unwrap();
    assert_eq!(
        store.assessment(&key).unwrap().live_actions().next(),
        Some(&done)
    );
    let before_delete = store.clone();
    store
        .delete_item::<ActionItem>(&device.edit(), &key, &item("a1"))
        .unwrap();
    assert_eq!(store.assessment(&key).unwrap().live_actions().count(), 0);
    assert_eq!(
        store.edit_item(&device.edit(), &key, done.clone()),
        Err(EditError::UnknownItem(item("a1")))
    );
    assert_eq!(
        store.delete_item::<ActionItem>(&device.edit(), &key, &item("a1")),
        Err(EditError::UnknownItem(item("a1")))
    );
    assert_eq!(
        store.add_item(&device.edit(), &key, action("a1")),
        Err(EditError::DuplicateItem(item("a1"))),
        "ids are never reused"
    );
    store.merge(&before_delete);
    assert_eq!(
        store.assessment(&key).unwrap().live_actions().count(),
        0,
        "the deleted item does not come back"
    );
    let mut empty_task = action("a2");
    empty_task.task = "  ".to_string();
    assert_eq!(
        store.add_item(&device.edit(), &key, empty_task),
        Err(EditError::EmptyText { field: "task" })
    );
    let mut bad_criterion = action("a3");
    bad_criterion.criterion = Some(cid("C77"));
    assert!(matches!(
        store.add_item(&device.edit(), &key, bad_criterion),
        Err(EditError::UnknownCriterion { .. })
    ));
}

#[test]
fn requests_are_added_edited_and_deleted() {
    let (mut store, mut device, key, _) = setup();
    store.add_item(&device.edit(), &key, request("r1")).unwrap();
    let mut negative = request("r1");
    negative.quantity = Some(-2.0);
    assert_eq!(
        store.edit_item(&device.edit(), &key, negative),
        Err(EditError::QuantityOutOfRange(-2.0))
    );
    let mut more = request("r1");
    more.quantity = Some(3.0);
    store.edit_item(&device.edit(), &key, more.clone()).unwrap();
    assert_eq!(
        store.assessment(&key).unwrap().live_requests().next(),
        Some(&more)
    );
    store
        .delete_item::<Request>(&device.edit(), &key, &item("r1"))
        .unwrap();
    assert_eq!(store.assessment(&key).unwrap().live_requests().count(), 0);
    let mut nameless = request("r2");
    nameless.description = String::new();
    assert_eq!(
        store.add_item(&device.edit(), &key, nameless),
        Err(EditError::EmptyText {
            field: "description"
        })
    );
}

#[test]
fn review_verdicts_are_set_and_withdrawn() {
    let (mut store, mut device, key, _) = setup();
    let verdict = ReviewVerdict {
        verdict: Verdict::Disagree,
        comment: "Chưa đủ hồ sơ".to_string(),
        reviewer: "Đ/c Bình".to_string(),
    };
    store
        .set_review(&device.edit(), &key, &cid("C06"), Some(verdict.clone()))
        .unwrap();
    assert_eq!(
        store.assessment(&key).unwrap().review(&cid("C06")),
        Some(&verdict)
    );
    store
        .set_review(&device.edit(), &key, &cid("C06"), None)
        .unwrap();
    assert_eq!(store.assessment(&key).unwrap().review(&cid("C06")), None);
    store
        .set_review(&device.edit(), &key, &cid("C07"), None)
        .unwrap();
    assert!(
        !store
            .assessment(&key)
            .unwrap()
            .reviews()
            .contains_key(&cid("C07")),
        "withdrawing nothing writes nothing"
    );
    assert!(matches!(
        store.set_review(&device.edit(), &key, &cid("C42"), Some(verdict)),
        Err(EditError::UnknownCriterion { .. })
    ));
}

#[test]
fn units_need_a_known_parent_and_no_cycle() {
    let (mut store, mut device, _, _) = setup();
    assert_eq!(
        store.upsert_unit(&device.edit(), unit("x", UnitKind::Ward, Some("ghost"))),
        Err(EditError::InvalidUnit(UnitError::MissingParent {
            unit: id("x"),
            parent: id("ghost")
        }))
    );
    assert_eq!(
        store.upsert_unit(
            &device.edit(),
            unit("vinh", UnitKind::Middle, Some("le-mao"))
        ),
        Err(EditError::InvalidUnit(UnitError::Cycle {
            unit: id("vinh")
        }))
    );
    let mut nameless = unit("y", UnitKind::Ward, Some("vinh"));
    nameless.name_vi = String::new();
    assert_eq!(
        store.upsert_unit(&device.edit(), nameless),
        Err(EditError::EmptyText {
            field: "unit.name_vi"
        })
    );
    let mut renamed = unit("le-mao", UnitKind::Ward, Some("vinh"));
    renamed.name_vi = "Công an phường Lê Mao (mới)".to_string();
    store.upsert_unit(&device.edit(), renamed.clone()).unwrap();
    assert_eq!(store.unit(&id("le-mao")), Some(&renamed));
    assert_eq!(
        store
            .registry()
            .province_of(&id("le-mao"))
            .map(|found| found.id.clone()),
        Some(id("na"))
    );
}

#[test]
fn quotas_and_year_catalogues_belong_to_provinces() {
    let (mut store, mut device, _, catalogue) = setup();
    store.set_quota(&device.edit(), &id("na"), 2024, 4).unwrap();
    assert_eq!(store.quota(&id("na"), 2024), Some(4));
    assert_eq!(store.quotas().len(), 1);
    assert_eq!(
        store.set_quota(&device.edit(), &id("vinh"), 2024, 4),
        Err(EditError::NotAProvince(id("vinh")))
    );
    assert_eq!(
        store.set_quota(&device.edit(), &id("hn"), 2024, 4),
        Err(EditError::UnknownUnit(id("hn")))
    );
    assert_eq!(
        store.set_quota(&device.edit(), &id("na"), 2200, 4),
        Err(EditError::YearOutOfRange(2200))
    );
    store
        .set_year_catalogue(&device.edit(), &id("na"), 2024, &catalogue)
        .unwrap();
    assert_eq!(store.year_catalogue(&id("na"), 2024), Some(&catalogue));
    let unknown = CatalogueId::new("x").unwrap();
    assert_eq!(
        store.set_year_catalogue(&device.edit(), &id("na"), 2024, &unknown),
        Err(EditError::UnknownCatalogue(unknown))
    );
}

#[test]
fn catalogues_are_immutable_per_id() {
    let (mut store, _, _, catalogue_id) = setup();
    let catalogue = store.catalogue(&catalogue_id).unwrap().clone();
    assert_eq!(store.add_catalogue(catalogue.clone()), Ok(false));
    let mut changed = catalogue;
    changed.title_vi = "Khác".to_string();
    assert_eq!(
        store.add_catalogue(changed),
        Err(EditError::CatalogueClash(catalogue_id))
    );
}

#[test]
fn edit_context_device_must_match_its_clock() {
    let (mut store, mut device, key, _) = setup();
    let mut context = device.edit();
    context.device = DeviceId::new("may-khac").unwrap();
    assert!(matches!(
        store.set_track(&context, &key, Track::New),
        Err(EditError::DeviceMismatch { .. })
    ));
}

#[test]
fn concurrent_edits_are_listed_as_conflicts_and_resolved_by_picking() {
    let (store, _, key, _) = setup();
    let mut on_a = store.clone();
    let mut on_b = store.clone();
    let mut device_a = Device::new("may-a", "Đ/c Hùng");
    device_a.now += 10_000_000;
    let mut device_b = Device::new("may-b", "Đ/c Lan");
    device_b.now += 20_000_000;
    on_a.set_criterion(
        &device_a.edit(),
        &key,
        &cid("C06"),
        CriterionEntry::with_status(CriterionStatus::Met),
    )
    .unwrap();
    on_b.set_criterion(
        &device_b.edit(),
        &key,
        &cid("C06"),
        CriterionEntry::with_status(CriterionStatus::NotMet),
    )
    .unwrap();
    let report = on_a.merge(&on_b);
    assert_eq!(report.conflicts_created, 1);
    let conflicts = on_a.conflicts();
    assert_eq!(conflicts.len(), 1);
    let conflict = &conflicts[0];
    assert_eq!(
        conflict.target,
        ConflictTarget::Criterion {
            key: key.clone(),
            criterion: cid("C06")
        }
    );
    assert_eq!(conflict.siblings.len(), 2);
    assert_eq!(conflict.siblings[0].author, "Đ/c Hùng");
    assert!(conflict.siblings[1].is_provisional_winner);
    assert_eq!(
        conflict.siblings[1].value,
        ConflictValue::Criterion(Some(CriterionEntry::with_status(CriterionStatus::NotMet)))
    );
    assert_eq!(on_a.conflicts_in(&key).len(), 1);
    assert_eq!(
        conflict.target.describe_vi(),
        "Tiêu chí “C06” năm 2024 của “le-mao”"
    );
    assert_eq!(
        on_a.resolve_conflict(&device_a.edit(), &conflict.target, 5),
        Err(EditError::NoSuchSibling { pick: 5, count: 2 })
    );
    on_a.resolve_conflict(&device_a.edit(), &conflict.target, 0)
        .unwrap();
    assert!(on_a.conflicts().is_empty());
    assert_eq!(
        on_a.assessment(&key)
            .unwrap()
            .entry(&cid("C06"))
            .map(|entry| entry.status),
        Some(CriterionStatus::Met)
    );
    assert_eq!(
        on_a.resolve_conflict(&device_a.edit(), &conflict.target, 0),
        Err(EditError::NoConflict)
    );
    on_b.merge(&on_a);
    assert!(
        on_b.conflicts().is_empty(),
        "the resolution clears the conflict where it travels"
    );
}

#[test]
fn merge_reports_what_changed() {
    let (store, mut device, key, _) = setup();
    let mut fresh = Store::new();
    let report = fresh.merge(&store);
    assert_eq!(report.units_added, 3);
    assert_eq!(report.assessments_added, 1);
    assert_eq!(report.catalogues_added, 1);
    assert_eq!(
        report.values_added, 2,
        "track and catalogue of the new assessment"
    );
    let again = fresh.merge(&store);
    assert!(again.is_noop());
    assert_eq!(again.unchanged, 3 + 2 + 1);
    let mut edited = store.clone();
    edited.set_track(&device.edit(), &key, Track::New).unwrap();
    edited.add_item(&device.edit(), &key, action("a1")).unwrap();
    let update = fresh.merge(&edited);
    assert_eq!(
        (
            update.values_updated,
            update.values_added,
            update.conflicts_created
        ),
        (1, 1, 0)
    );
    assert!(update.summary_vi().contains("1 giá trị được cập nhật"));
    assert!(fresh.same_content(&edited));
}

#[test]
fn serde_round_trips_the_store_and_assessment_documents() {
    let (mut store, mut device, key, _) = setup();
    store.add_item(&device.edit(), &key, action("a1")).unwrap();
    store.add_item(&device.edit(), &key, request("r1")).unwrap();
    store.set_quota(&device.edit(), &id("na"), 2024, 4).unwrap();
    let text = serde_json::to_string(&store).unwrap();
    let back: Store = serde_json::from_str(&text).unwrap();
    assert_eq!(back, store);
    let doc = store.assessment(&key).unwrap();
    let doc_text = serde_json::to_string(doc).unwrap();
    let doc_back: AssessmentDoc = serde_json::from_str(&doc_text).unwrap();
    assert_eq!(&doc_back, doc);
    let mut rebuilt = store.without_assessments();
    assert!(rebuilt.assessments().is_empty());
    rebuilt.merge_assessment_doc(&doc_back);
    assert!(rebuilt.same_content(&store));
}

#[test]
fn importing_twice_is_reported_and_changes_nothing() {
    let (store, mut device, _, _) = setup();
    let at = device.edit().at;
    let header = HeaderInput {
        app_version: "test".to_string(),
        bundle_id: BundleId::new("b1").unwrap(),
        exported_at: ExportedAt {
            text: "2024-11-01T00:00:00Z".to_string(),
            hlc: at,
        },
        device_id: DeviceId::new("may-a").unwrap(),
        unit_id: id("le-mao"),
    };
    let text = build_bundle(&store, &Selection::Ward(id("le-mao")), &header)
        .unwrap()
        .to_json()
        .unwrap();
    let bundle = read_bundle(text.as_bytes(), &Limits::default()).unwrap();
    let mut province = Store::new();
    let preview = province
        .preview_import(&bundle, &crate::fixtures::accepting(&bundle))
        .unwrap();
    assert!(
        province.assessments().is_empty(),
        "a preview changes nothing"
    );
    let first = province.import_accepting(&bundle).unwrap();
    assert_eq!(preview, first);
    assert!(!first.already_imported);
    assert_eq!(first.merge.assessments_added, 1);
    assert!(province.imported().contains(&bundle.digest));
    let snapshot = province.clone();
    let second = province.import_accepting(&bundle).unwrap();
    assert!(second.already_imported);
    assert!(second.merge.is_noop());
    assert_eq!(province, snapshot);
    assert!(first.latest.is_some());
}

#[test]
fn error_messages_exist_in_both_languages() {
    let errors = [
        EditError::EmptyText { field: "task" },
        EditError::FigureNotAllowed(cid("C01")),
        EditError::UnknownAssessment(AssessmentKey::new(id("le-mao"), 2024)),
        EditError::NoSuchSibling { pick: 2, count: 2 },
        EditError::InvalidUnit(UnitError::Cycle { unit: id("x") }),
    ];
    let vietnamese: Vec<String> = errors.iter().map(EditError::message_vi).collect();
    assert_eq!(
        vietnamese,
        [
            "Chưa nhập nội dung nhiệm vụ.",
            "Tiêu chí “C01” chỉ đánh giá đạt/không đạt, không nhập số liệu.",
            "Chưa có bản đánh giá năm 2024 của đơn vị “le-mao”.",
            "Không có phương án số 3 (chỉ có 2 phương án).",
            "Đơn vị “x” nằm trong một vòng lặp cấp trên – cấp dưới.",
        ]
    );
    assert_eq!(errors[0].message_en(), "The task is empty.");
    assert_eq!(
        EditError::TextTooLong {
            field: "note",
            chars: 10_001,
            max: 10_000
        }
        .message_vi(),
        "Ghi chú dài 10001 ký tự, vượt quá giới hạn 10000 ký tự."
    );
}

/// The browser imports through a fragment (validate, persist the fragment, merge it back); that
/// route must end in exactly the store a direct import gives, with the same reports.
#[test]
fn importing_through_a_fragment_equals_importing_directly() {
    let fixture = crate::fixtures::nghe_an_2024(7).expect("fixture");
    let mut files = vec![fixture.config_bundle.clone()];
    files.extend(fixture.ward_bundles.iter().map(|ward| ward.json.clone()));
    // Every file twice: the second time is "already imported" on both routes.
    files.extend(files.clone());
    let mut direct = Store::new();
    let mut fragmented = Store::new();
    for json in &files {
        let bundle = read_bundle(json.as_bytes(), &Limits::default()).expect("valid bundle");
        let direct_report = direct.import_accepting(&bundle).expect("imports");
        let preview = fragmented
            .preview_import(&bundle, &crate::fixtures::accepting(&bundle))
            .expect("previews");
        let mut fragment = fragmented.fragment_for(&bundle.content);
        let fragment_report = fragment.import_accepting(&bundle).expect("imports");
        fragmented.merge(&fragment);
        assert_eq!(direct_report, fragment_report);
        assert_eq!(preview, fragment_report);
    }
    assert_eq!(direct, fragmented);
    assert_eq!(direct.settings_part().imported(), direct.imported());
}

#[test]
fn a_store_rebuilt_record_by_record_equals_the_original() {
    let fixture = crate::fixtures::nghe_an_2024(3).expect("fixture");
    let original = crate::fixtures::merged_store(&fixture).expect("merges");
    let mut rebuilt = original.settings_part();
    for (id, register) in original.unit_registers() {
        rebuilt.merge_unit_register(id, register);
    }
    for catalogue in original.catalogues().values() {
        rebuilt.add_catalogue(catalogue.clone()).expect("adds");
    }
    for doc in original.assessments().values() {
        rebuilt.merge_assessment_doc(doc);
    }
    assert_eq!(rebuilt, original);
}

/// Found by fuzzing (tests/fuzz, target `merge`): a count figure of 1.7e98 was accepted by the
/// store, and then its own export was refused ("number too large"). Figures, quantities and targets
/// now stop at 2^53, the largest number a bundle carries.
#[test]
fn numbers_a_bundle_cannot_carry_are_refused_when_edited() {
    let (mut store, mut device, key, _) = setup();
    let with_figure = |figure| CriterionEntry {
        figure: Some(figure),
        ..CriterionEntry::with_status(CriterionStatus::Met)
    };
    let huge = 1.736_835_477_270_245_7e98;
    let before = store.clone();
    assert_eq!(
        store.set_criterion(&device.edit(), &key, &cid("C03"), with_figure(huge)),
        Err(EditError::FigureOutOfRange {
            criterion: cid("C03"),
            figure: huge
        })
    );
    let mut too_many = request("r1");
    too_many.quantity = Some(1e300);
    assert_eq!(
        store.add_item(&device.edit(), &key, too_many),
        Err(EditError::QuantityOutOfRange(1e300))
    );
    assert_eq!(store, before, "refused edits change nothing");

    let largest = crate::bundle::limits::MAX_NUMBER as f64;
    store
        .set_criterion(&device.edit(), &key, &cid("C03"), with_figure(largest))
        .unwrap();
    let mut most = request("r1");
    most.quantity = Some(largest);
    store.add_item(&device.edit(), &key, most).unwrap();
    let header = HeaderInput {
        app_version: "test".to_string(),
        bundle_id: BundleId::new("b-lon").unwrap(),
        exported_at: ExportedAt {
            text: String::new(),
            hlc: device.edit().at,
        },
        device_id: DeviceId::new("may-a").unwrap(),
        unit_id: id("le-mao"),
    };
    let text = build_bundle(&store, &Selection::Ward(id("le-mao")), &header)
        .unwrap()
        .to_json()
        .unwrap();
    let bundle = read_bundle(text.as_bytes(), &Limits::default()).unwrap();
    assert!(bundle.content.assessment(&key) == store.assessment(&key));
}

// ----- Retired values: criteria the assessment's catalogue no longer defines ----------------------

/// The draft catalogue under the id `bo-2025`, without C06 and with a C21 (a percent criterion, a
/// copy of C04): moving an assessment from one to the other retires C21 or C06.
fn catalogue_2025(draft: &Catalogue) -> Catalogue {
    let mut other = draft.clone();
    other.id = CatalogueId::new("bo-2025").unwrap();
    for group in &mut other.groups {
        group
            .criteria
            .retain(|criterion| criterion.id != cid("C06"));
    }
    let mut c21 = draft.criterion(&cid("C04")).unwrap().clone();
    c21.id = cid("C21");
    other.groups[1].criteria.push(c21);
    other
}

fn verdict() -> ReviewVerdict {
    ReviewVerdict {
        verdict: Verdict::Disagree,
        comment: "Chưa đủ hồ sơ".to_string(),
        reviewer: "Đ/c Bình".to_string(),
    }
}

#[test]
fn retired_criteria_are_the_live_values_the_catalogues_do_not_define() {
    let (mut store, mut device, key, draft) = setup();
    let newer = catalogue_2025(store.catalogue(&draft).unwrap());
    store.add_catalogue(newer.clone()).unwrap();
    store
        .set_criterion(
            &device.edit(),
            &key,
            &cid("C06"),
            CriterionEntry::with_status(CriterionStatus::Met),
        )
        .unwrap();
    assert!(store.retired_criteria(&key).is_empty());
    store
        .set_assessment_catalogue(&device.edit(), &key, &newer.id)
        .unwrap();
    store
        .set_review(&device.edit(), &key, &cid("C21"), Some(verdict()))
        .unwrap();
    let mut about_c21 = action("a-21");
    about_c21.criterion = Some(cid("C21"));
    store.add_item(&device.edit(), &key, about_c21).unwrap();
    assert_eq!(store.retired_criteria(&key), [cid("C06")]);
    store
        .set_assessment_catalogue(&device.edit(), &key, &draft)
        .unwrap();
    assert_eq!(
        store.retired_criteria(&key),
        [cid("C21")],
        "a verdict and an action item"
    );
    // Withdrawn verdicts and deleted action items are not live.
    store
        .set_assessment_catalogue(&device.edit(), &key, &newer.id)
        .unwrap();
    store
        .set_review(&device.edit(), &key, &cid("C21"), None)
        .unwrap();
    store
        .delete_item::<ActionItem>(&device.edit(), &key, &item("a-21"))
        .unwrap();
    store
        .set_assessment_catalogue(&device.edit(), &key, &draft)
        .unwrap();
    assert!(store.retired_criteria(&key).is_empty());
    assert!(
        store
            .retired_criteria(&AssessmentKey::new(id("le-mao"), 2030))
            .is_empty()
    );
}

/// The text of a bundle of `selection` (of the ward `le-mao`'s store).
fn export(store: &Store, selection: &Selection) -> String {
    let device = DeviceId::new("may-xuat").unwrap();
    let mut clock = HlcClock::new(device.clone());
    clock.observe(&store.latest_timestamp().unwrap());
    let header = HeaderInput {
        app_version: "test".to_string(),
        bundle_id: BundleId::new("b-retired").unwrap(),
        exported_at: ExportedAt {
            text: "2024-11-01T00:00:00Z".to_string(),
            hlc: clock.tick(1_740_000_000_000),
        },
        device_id: device,
        unit_id: id("le-mao"),
    };
    build_bundle(store, selection, &header)
        .unwrap()
        .to_json()
        .unwrap()
}

/// Reads a bundle text on its own and imports it into an empty store.
fn read_into_empty(text: &str) -> Result<Store, Vec<crate::bundle::Problem>> {
    let bundle = read_bundle(text.as_bytes(), &Limits::default())?;
    let mut empty = Store::new();
    empty.import_accepting(&bundle)?;
    Ok(empty)
}

#[test]
fn an_entry_retired_by_a_catalogue_switch_is_exported_and_read_back() {
    let (mut store, mut device, key, draft) = setup();
    let newer = catalogue_2025(store.catalogue(&draft).unwrap());
    store.add_catalogue(newer.clone()).unwrap();
    store
        .set_criterion(
            &device.edit(),
            &key,
            &cid("C06"),
            CriterionEntry::with_status(CriterionStatus::Met),
        )
        .unwrap();
    store
        .set_review(&device.edit(), &key, &cid("C06"), Some(verdict()))
        .unwrap();
    store.add_item(&device.edit(), &key, action("a-6")).unwrap();
    store
        .set_assessment_catalogue(&device.edit(), &key, &newer.id)
        .unwrap();
    assert_eq!(store.retired_criteria(&key), [cid("C06")]);

    let whole = read_into_empty(&export(&store, &Selection::All)).unwrap();
    assert!(
        whole.same_content(&store),
        "export then import loses nothing"
    );
    // A ward bundle carries the catalogues its assessments use, and the one defining C06.
    let ward = read_bundle(
        export(&store, &Selection::Ward(id("le-mao"))).as_bytes(),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        ward.content.catalogues().keys().collect::<Vec<_>>(),
        [&draft, &newer.id]
    );
    let mut province = Store::new();
    province.import_accepting(&ward).unwrap();
    assert!(province.same_content(&store));
    assert_eq!(province.retired_criteria(&key), [cid("C06")]);
}

#[test]
fn entries_left_by_a_resolved_catalogue_conflict_are_exported_and_read_back() {
    let (base, _, _, draft) = setup();
    let newer = catalogue_2025(base.catalogue(&draft).unwrap());
    let mut on_a = base.clone();
    on_a.add_catalogue(newer.clone()).unwrap();
    // A third catalogue, first in id order, where C21 is a yes/no criterion: the retired C21
    // below (a percent figure, written under `bo-2025`) must still fit.
    let mut first = base.catalogue(&draft).unwrap().clone();
    first.id = CatalogueId::new("a-first").unwrap();
    let mut yes_no = first.criterion(&cid("C06")).unwrap().clone();
    yes_no.id = cid("C21");
    first.groups[1].criteria.push(yes_no);
    on_a.add_catalogue(first).unwrap();
    let mut on_b = on_a.clone();
    let mut device_a = Device::new("may-a", "Đ/c Hùng");
    device_a.now += 10_000_000;
    let mut device_b = Device::new("may-b", "Đ/c Lan");
    device_b.now += 20_000_000;
    let key = AssessmentKey::new(id("le-mao"), 2025);
    on_a.start_assessment(&device_a.edit(), &key.unit, 2025, &draft, Track::New)
        .unwrap();
    on_a.set_criterion(
        &device_a.edit(),
        &key,
        &cid("C06"),
        CriterionEntry::with_status(CriterionStatus::Met),
    )
    .unwrap();
    on_b.start_assessment(&device_b.edit(), &key.unit, 2025, &newer.id, Track::New)
        .unwrap();
    let mut figure = CriterionEntry::with_status(CriterionStatus::Expected);
    figure.figure = Some(75.0);
    on_b.set_criterion(&device_b.edit(), &key, &cid("C21"), figure)
        .unwrap();
    on_b.set_review(&device_b.edit(), &key, &cid("C21"), Some(verdict()))
        .unwrap();
    let mut about_c21 = action("a-21");
    about_c21.criterion = Some(cid("C21"));
    on_b.add_item(&device_b.edit(), &key, about_c21).unwrap();

    on_a.merge(&on_b);
    assert!(
        on_a.retired_criteria(&key).is_empty(),
        "while the catalogue is in conflict, both catalogues hold"
    );
    let target = ConflictTarget::Catalogue { key: key.clone() };
    let conflict = on_a
        .conflicts()
        .into_iter()
        .find(|conflict| conflict.target == target)
        .unwrap();
    let pick = conflict
        .siblings
        .iter()
        .position(|sibling| sibling.value == ConflictValue::Catalogue(Some(draft.clone())))
        .unwrap();
    on_a.resolve_conflict(&device_a.edit(), &target, pick)
        .unwrap();
    assert_eq!(on_a.catalogue_of(&key).map(|found| &found.id), Some(&draft));
    assert_eq!(on_a.retired_criteria(&key), [cid("C21")]);

    let back = read_into_empty(&export(&on_a, &Selection::All)).unwrap();
    assert!(back.same_content(&on_a), "export then import loses nothing");
    let ward = read_into_empty(&export(&on_a, &Selection::Ward(id("le-mao")))).unwrap();
    assert!(ward.same_content(&on_a));
}

#[test]
fn a_criterion_no_carried_catalogue_defines_is_still_refused() {
    use crate::bundle::{DIGEST_ALGORITHM, canonical};
    use serde_json::{Value, json};

    let (mut store, mut device, key, draft) = setup();
    let newer = catalogue_2025(store.catalogue(&draft).unwrap());
    store.add_catalogue(newer.clone()).unwrap();
    store
        .set_criterion(
            &device.edit(),
            &key,
            &cid("C06"),
            CriterionEntry::with_status(CriterionStatus::Met),
        )
        .unwrap();
    store
        .set_assessment_catalogue(&device.edit(), &key, &newer.id)
        .unwrap();
    let text = export(&store, &Selection::All);
    let edited = |change: &dyn Fn(&mut Value)| {
        let mut value: Value = serde_json::from_str(&text).unwrap();
        change(&mut value);
        value.as_object_mut().unwrap().remove("integrity");
        let digest = canonical::bundle_digest(&value);
        value["integrity"] = json!({"algorithm": DIGEST_ALGORITHM, "digest": digest});
        canonical::pretty_string(&value)
    };
    let refused = |text: String| -> Vec<(&'static str, String)> {
        read_bundle(text.as_bytes(), &Limits::default())
            .unwrap_err()
            .iter()
            .map(|problem| (problem.code(), problem.path.clone()))
            .collect()
    };

    let criteria = "$.content.assessments[0].criteria";
    let unknown = edited(&|value| {
        let criteria = &mut value["content"]["assessments"][0]["criteria"];
        criteria["C99"] = criteria["C06"].clone();
    });
    assert_eq!(
        refused(unknown),
        [("unknown-criterion", format!("{criteria}.C99"))]
    );
    // A retired entry's figure is checked against the catalogue that defines it (C06: yes/no).
    let figure = edited(&|value| {
        value["content"]["assessments"][0]["criteria"]["C06"][0]["value"]["figure"] = json!(5)
    });
    assert_eq!(
        refused(figure),
        [(
            "figure-not-allowed",
            format!("{criteria}.C06[0].value.figure")
        )]
    );
}

#[test]
fn an_import_of_bundles_held_whole_moves_their_assessments_and_changes_nothing_else() {
    // A batch import joins the wards' bundles into a fragment, then the fragment into the
    // session's store. Held whole, their documents are in joined form and are moved, not
    // copied, both times: the same stores and the same reports as copying them.
    let fixture = crate::fixtures::every_ward_assessed(4, 24).unwrap();
    let files: Vec<crate::bundle::Bundle> = std::iter::once(&fixture.config_bundle)
        .chain(fixture.ward_bundles.iter().map(|ward| &ward.json))
        .map(|json| read_bundle(json.as_bytes(), &Limits::default()).unwrap())
        .collect();
    let (mut copied, mut taken) = (Store::new(), Store::new());
    for bundle in &files {
        assert!(
            bundle
                .content
                .assessments()
                .values()
                .all(AssessmentDoc::is_joined_form)
        );
        let copied_report = copied.import_accepting(bundle).unwrap();
        let checked = taken
            .check_import_whole(bundle.clone(), &crate::fixtures::accepting(bundle))
            .unwrap();
        assert_eq!(taken.join_checked_whole(checked), copied_report);
        assert_eq!(taken, copied);
    }
    assert_eq!(taken.assessments().len(), 24);
    // Again: already imported, nothing changes.
    let checked = taken
        .check_import_whole(files[3].clone(), &crate::fixtures::accepting(&files[3]))
        .unwrap();
    assert!(taken.join_checked_whole(checked).already_imported);
    assert_eq!(taken, copied);

    let mut store = Store::new();
    let copied_report = store.clone().merge(&copied);
    assert_eq!(store.merge_from(taken), copied_report);
    assert_eq!(store, copied);
}
