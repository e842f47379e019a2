//! The year's cycle across two laptops and two years (issue 24): the province reviews a ward,
//! concludes and sends the feedback file back; the ward sees the verdicts and the conclusion
//! beside its own values, which the file never changes; the Minister's decision reaches the ward
//! through the config file and the ward starts the next year on the maintain track. And the
//! forgeries: a ward's file that carries a conclusion or a decision, a feedback file that
//! rewrites a ward's value, each refused `out-of-scope` and changing nothing.

use std::collections::BTreeSet;

use pkm_core::assessment::{CriterionEntry, CriterionStatus, ReviewVerdict, Track, Verdict};
use pkm_core::bundle::{
    BundleKind, ExportedAt, HeaderInput, Limits, Selection, build_bundle, read_bundle,
};
use pkm_core::cycle::{Conclusion, Decision};
use pkm_core::ids::{BundleId, CatalogueId, CriterionId, DeviceId, UnitId};
use pkm_core::{
    AssessmentKey, Bundle, Catalogue, Date, EditContext, EditError, HlcClock, SecretKey, Store,
    TrustPolicy, Unit, UnitKind,
};
use serde_json::{Value, json};

fn id(text: &str) -> UnitId {
    UnitId::new(text).unwrap()
}

fn criterion(text: &str) -> CriterionId {
    CriterionId::new(text).unwrap()
}

fn catalogue() -> Catalogue {
    Catalogue::from_json(
        r#"{"catalog_id":"chu-ky","status":"official","title_vi":"Bộ kiểm thử","groups":[
            {"id":"G1","title_vi":"Nhóm","criteria":[
              {"id":"C01","title_vi":"Một","kind":"boolean"},
              {"id":"C02","title_vi":"Hai","kind":"boolean"}]}]}"#,
    )
    .unwrap()
}

/// One laptop: its store, clock, key and unit.
struct Laptop {
    store: Store,
    clock: HlcClock,
    now: u64,
    key: SecretKey,
    unit: UnitId,
    device: DeviceId,
}

impl Laptop {
    fn new(device: &str, unit: &str) -> Laptop {
        Laptop {
            store: Store::new(),
            clock: HlcClock::new(DeviceId::new(device).unwrap()),
            now: 1_734_000_000_000,
            key: SecretKey::for_tests(device),
            unit: id(unit),
            device: DeviceId::new(device).unwrap(),
        }
    }

    fn edit(&mut self) -> EditContext {
        self.now += 1_000;
        EditContext::new(self.clock.tick(self.now), "Cán bộ")
    }

    /// Exports a selection, signed, as the file's text.
    fn export(&mut self, selection: &Selection) -> String {
        self.now += 1_000;
        let header = HeaderInput {
            app_version: "test".into(),
            bundle_id: BundleId::new(format!("b-{}", self.now)).unwrap(),
            exported_at: ExportedAt {
                hlc: self.clock.tick(self.now),
                text: String::new(),
            },
            device_id: self.device.clone(),
            unit_id: self.unit.clone(),
        };
        let mut bundle = build_bundle(&self.store, selection, &header).unwrap();
        bundle.sign_with(&self.key).unwrap();
        bundle.to_json().unwrap()
    }

    /// Reads a file and imports it, confirming the sender's key when asked.
    fn import(&mut self, text: &str, sender: &Laptop) -> Result<(), Vec<String>> {
        let bundle = read(text)?;
        let policy = TrustPolicy::new()
            .confirming(sender.unit.clone(), sender.key.public_key().fingerprint())
            .with_own_keys([self.key.public_key().fingerprint()])
            .for_device(self.device.clone());
        self.store
            .import_bundle(&bundle, &policy)
            .map(|report| {
                if let Some(latest) = report.latest {
                    self.clock.observe(&latest);
                }
            })
            .map_err(|problems| problems.iter().map(|p| p.code().to_owned()).collect())
    }
}

fn read(text: &str) -> Result<Bundle, Vec<String>> {
    read_bundle(text.as_bytes(), &Limits::default())
        .map_err(|problems| problems.iter().map(|p| p.code().to_owned()).collect())
}

/// Re-signs a file's value after a forgery, with `key`.
fn resign(value: Value, key: &SecretKey) -> String {
    let mut value = value;
    if let Value::Object(members) = &mut value {
        members.remove("integrity");
    }
    crate::support::sign_with(value, key)
}

/// The province with two wards and the 2024 catalogue; the ward Lê Mao's laptop after the
/// province's config file; Lê Mao's 2024 assessment imported at the province.
fn world() -> (Laptop, Laptop) {
    let mut province = Laptop::new("may-tinh", "p");
    province.store.add_catalogue(catalogue()).unwrap();
    let unit = |name: &str, kind, parent: Option<&str>| Unit {
        id: id(name),
        code: None,
        name_vi: format!("Công an {name}"),
        kind,
        parent: parent.map(id),
        attachment_limits: None,
    };
    for (name, kind, parent) in [
        ("p", UnitKind::Province, None),
        ("le-mao", UnitKind::Ward, Some("p")),
        ("hung-binh", UnitKind::Ward, Some("p")),
    ] {
        let context = province.edit();
        province
            .store
            .upsert_unit(&context, unit(name, kind, parent))
            .unwrap();
    }
    let context = province.edit();
    province
        .store
        .set_year_catalogue(
            &context,
            &id("p"),
            2024,
            &CatalogueId::new("chu-ky").unwrap(),
        )
        .unwrap();
    let mut ward = Laptop::new("may-le-mao", "le-mao");
    let config = province.export(&Selection::Config(id("p")));
    ward.import(&config, &province).unwrap();
    let context = ward.edit();
    ward.store
        .start_assessment(
            &context,
            &id("le-mao"),
            2024,
            &CatalogueId::new("chu-ky").unwrap(),
            Track::New,
        )
        .unwrap();
    for (name, status) in [("C01", CriterionStatus::Met), ("C02", CriterionStatus::Met)] {
        let context = ward.edit();
        ward.store
            .set_criterion(
                &context,
                &key(2024),
                &criterion(name),
                CriterionEntry {
                    status,
                    figure: None,
                    evidence: Vec::new(),
                    note: format!("ghi chú {name}"),
                },
            )
            .unwrap();
    }
    let file = ward.export(&Selection::Ward(id("le-mao")));
    province.import(&file, &ward).unwrap();
    (province, ward)
}

fn key(year: u16) -> AssessmentKey {
    AssessmentKey::new(id("le-mao"), year)
}

/// The province reviews Lê Mao's 2024: agrees on C01, disagrees on C02, proposes it.
fn review(province: &mut Laptop) {
    for (name, verdict, comment) in [
        ("C01", Verdict::Agree, ""),
        ("C02", Verdict::Disagree, "Thiếu biên bản kiểm tra"),
    ] {
        let context = province.edit();
        province
            .store
            .set_review(
                &context,
                &key(2024),
                &criterion(name),
                Some(ReviewVerdict {
                    verdict,
                    comment: comment.into(),
                    reviewer: "Tổ thẩm định".into(),
                }),
            )
            .unwrap();
    }
    let context = province.edit();
    province
        .store
        .set_conclusion(
            &context,
            &key(2024),
            Some(Conclusion {
                proposed: true,
                reason: "Đạt 20/20 tiêu chí".into(),
            }),
        )
        .unwrap();
}

fn feedback_selection(ward: Option<&str>) -> Selection {
    Selection::Feedback {
        province: id("p"),
        ward: ward.map(id),
        year: 2024,
    }
}

#[test]
fn the_ward_sees_the_verdicts_and_the_conclusion_and_keeps_its_own_values() {
    let (mut province, mut ward) = world();
    review(&mut province);
    let before = ward.store.assessment(&key(2024)).unwrap().clone();
    let file = province.export(&feedback_selection(Some("le-mao")));
    let bundle = read(&file).unwrap();
    assert_eq!(bundle.kind, BundleKind::Feedback);
    let carried = &bundle.content.assessments()[&key(2024)];
    assert!(
        carried.ward_part_is_empty(),
        "the file carries verdicts only"
    );
    ward.import(&file, &province).unwrap();
    let doc = ward.store.assessment(&key(2024)).unwrap();
    let verdict = doc.reviews()[&criterion("C02")].value().unwrap();
    assert_eq!(verdict.verdict, Verdict::Disagree);
    assert_eq!(verdict.comment, "Thiếu biên bản kiểm tra");
    assert_eq!(
        ward.store.conclusion(&key(2024)).map(|c| c.proposed),
        Some(true)
    );
    assert_eq!(doc.criteria(), before.criteria());
    assert_eq!(doc.track(), before.track());
    // The ward's next export carries the verdicts and conclusion back as references: the
    // province takes it without a question.
    let back = ward.export(&Selection::Ward(id("le-mao")));
    province.import(&back, &ward).unwrap();
    // A file for every ward carries Lê Mao's (Hưng Bình has no assessment and no conclusion).
    let all = read(&province.export(&feedback_selection(None))).unwrap();
    assert_eq!(all.content.assessments().len(), 1);
    assert_eq!(all.content.conclusion_registers().len(), 1);
}

#[test]
fn a_feedback_file_that_rewrites_a_ward_value_is_refused_and_changes_nothing() {
    let (mut province, mut ward) = world();
    review(&mut province);
    // The province's laptop forges a feedback file carrying a ward value of its own making:
    // C01 "not met", written by the province's device as a newer version.
    let mut forged_store = province.store.clone();
    let context = province.edit();
    forged_store
        .set_criterion(
            &context,
            &key(2024),
            &criterion("C01"),
            CriterionEntry {
                status: CriterionStatus::NotMet,
                figure: None,
                evidence: Vec::new(),
                note: "sửa hộ".into(),
            },
        )
        .unwrap();
    let honest = province.export(&feedback_selection(Some("le-mao")));
    let mut value: Value = serde_json::from_str(&honest).unwrap();
    let entry = serde_json::to_value(
        &forged_store.assessment(&key(2024)).unwrap().criteria()[&criterion("C01")],
    )
    .unwrap();
    value["content"]["assessments"][0]["criteria"] = json!({ "C01": entry });
    let forged = resign(value, &province.key);
    let before = ward.store.clone();
    let problems = ward.import(&forged, &province).unwrap_err();
    assert!(
        problems.contains(&"out-of-scope".to_owned()),
        "{problems:?}"
    );
    assert_eq!(ward.store, before, "a refused file changes nothing");
    // The honest file passes.
    ward.import(&honest, &province).unwrap();
}

#[test]
fn a_ward_file_carrying_a_conclusion_or_a_decision_is_refused_out_of_scope() {
    let (mut province, mut ward) = world();
    let honest = ward.export(&Selection::Ward(id("le-mao")));
    // The ward's own laptop writes a conclusion and a decision in its store, then exports.
    let context = ward.edit();
    ward.store
        .set_conclusion(
            &context,
            &key(2024),
            Some(Conclusion {
                proposed: true,
                reason: "Tự đề nghị".into(),
            }),
        )
        .unwrap();
    let context = ward.edit();
    let decision = Decision {
        number: "1/QĐ-GIA".into(),
        date: Date::new(2025, 4, 22).unwrap(),
        signer: "Không ai".into(),
        wards: BTreeSet::from([id("le-mao")]),
    };
    ward.store
        .record_decision(&context, &id("p"), 2024, decision.clone())
        .unwrap();
    let with_conclusion = ward.export(&Selection::Ward(id("le-mao")));
    let mut value: Value = serde_json::from_str(&with_conclusion).unwrap();
    assert!(value["content"]["conclusions"].is_array());
    let before = province.store.clone();
    let problems = province.import(&with_conclusion, &ward).unwrap_err();
    assert_eq!(problems, ["out-of-scope"]);
    assert_eq!(province.store, before);
    // The decision: carried in the ward's file by hand.
    let decisions = serde_json::to_value(&ward.store).unwrap()["decisions"].clone();
    value["content"]["decisions"] = decisions;
    value["content"]
        .as_object_mut()
        .unwrap()
        .remove("conclusions");
    let with_decision = resign(value, &ward.key);
    let problems = province.import(&with_decision, &ward).unwrap_err();
    assert_eq!(problems, ["out-of-scope"]);
    assert_eq!(province.store, before);
    province.import(&honest, &ward).unwrap();
}

#[test]
fn the_decision_reaches_the_ward_through_the_config_and_next_year_is_maintain() {
    let (mut province, mut ward) = world();
    review(&mut province);
    let context = province.edit();
    let decision = Decision {
        number: "2878/QĐ-BCA".into(),
        date: Date::new(2025, 4, 22).unwrap(),
        signer: "Bộ trưởng".into(),
        wards: BTreeSet::from([id("le-mao")]),
    };
    province
        .store
        .record_decision(&context, &id("p"), 2024, decision.clone())
        .unwrap();
    assert_eq!(
        province.store.next_track(&id("le-mao"), 2025),
        Some(Track::Maintain { since_year: 2024 })
    );
    assert_eq!(province.store.next_track(&id("hung-binh"), 2025), None);
    let context = province.edit();
    province
        .store
        .set_quota(&context, &id("p"), 2024, 1)
        .unwrap();
    let counts = pkm_core::cycle::CycleCounts::of(&province.store, &id("p"), 2024);
    assert_eq!(
        (
            counts.concluded,
            counts.proposed,
            counts.proposed_new,
            counts.recognised
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(
        counts.summary_vi(),
        "Đã kết luận 1 Công an phường; đề nghị công nhận: 1 (xây dựng mới: 1, chỉ tiêu Bộ giao 1); được công nhận: 1 (Quyết định số 2878/QĐ-BCA ngày 22/04/2025)."
    );
    assert_eq!(
        province
            .store
            .cycle_tracks(&id("p"), 2025)
            .into_iter()
            .collect::<Vec<_>>(),
        [(id("le-mao"), Track::Maintain { since_year: 2024 })]
    );
    let config = province.export(&Selection::Config(id("p")));
    ward.import(&config, &province).unwrap();
    assert_eq!(ward.store.decision(&id("p"), 2024), Some(&decision));
    assert_eq!(
        ward.store.next_track(&id("le-mao"), 2025),
        Some(Track::Maintain { since_year: 2024 })
    );
}

#[test]
fn a_ward_that_fails_to_maintain_loses_the_title() {
    let (mut province, _) = world();
    let context = province.edit();
    province
        .store
        .set_track(&context, &key(2024), Track::Maintain { since_year: 2022 })
        .unwrap();
    assert_eq!(province.store.next_track(&id("le-mao"), 2025), None);
    for (proposed, expected) in [
        (true, Track::Maintain { since_year: 2022 }),
        (false, Track::None),
    ] {
        let context = province.edit();
        province
            .store
            .set_conclusion(
                &context,
                &key(2024),
                Some(Conclusion {
                    proposed,
                    reason: String::new(),
                }),
            )
            .unwrap();
        assert_eq!(
            province.store.next_track(&id("le-mao"), 2025),
            Some(expected)
        );
    }
}

#[test]
fn refused_cycle_edits_change_nothing() {
    let (mut province, _) = world();
    let before = province.store.clone();
    let decision = |wards: &[&str], number: &str| Decision {
        number: number.into(),
        date: Date::new(2025, 4, 22).unwrap(),
        signer: String::new(),
        wards: wards.iter().map(|ward| id(ward)).collect(),
    };
    let context = province.edit();
    let cases: Vec<Result<(), EditError>> = vec![
        province
            .store
            .record_decision(&context, &id("p"), 2024, decision(&["khong-co"], "1")),
        province
            .store
            .record_decision(&context, &id("p"), 2024, decision(&["p"], "1")),
        province
            .store
            .record_decision(&context, &id("le-mao"), 2024, decision(&[], "1")),
        province
            .store
            .record_decision(&context, &id("p"), 2024, decision(&[], " ")),
        province
            .store
            .record_decision(&context, &id("p"), 1999, decision(&[], "1")),
        province.store.set_conclusion(
            &context,
            &AssessmentKey::new(id("khong-co"), 2024),
            Some(Conclusion {
                proposed: false,
                reason: String::new(),
            }),
        ),
        province.store.set_conclusion(
            &context,
            &key(2024),
            Some(Conclusion {
                proposed: false,
                reason: "x".repeat(10_001),
            }),
        ),
    ];
    for result in cases {
        let error = result.unwrap_err();
        assert!(!error.message_vi().is_empty());
    }
    assert_eq!(province.store, before);
}

#[test]
fn the_records_read_back_as_written_and_a_foreign_ward_in_a_decision_is_unknown() {
    let (mut province, _) = world();
    review(&mut province);
    let context = province.edit();
    province
        .store
        .record_decision(
            &context,
            &id("p"),
            2024,
            Decision {
                number: "2878/QĐ-BCA".into(),
                date: Date::new(2025, 4, 22).unwrap(),
                signer: "Bộ trưởng".into(),
                wards: BTreeSet::from([id("le-mao")]),
            },
        )
        .unwrap();
    let text = province.export(&Selection::Province(id("p")));
    let bundle = read(&text).unwrap();
    assert_eq!(bundle.to_json().unwrap(), text);
    assert_eq!(
        bundle.content.conclusion_registers(),
        province.store.conclusion_registers()
    );
    assert_eq!(
        bundle.content.decision_registers(),
        province.store.decision_registers()
    );
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["content"]["decisions"][0]["versions"][0]["value"]["wards"] = json!(["phuong-la"]);
    let problems = read(&resign(value, &province.key)).unwrap_err();
    assert_eq!(problems, ["unknown-unit"]);
}

#[test]
fn the_committed_forgeries_are_refused_out_of_scope_at_their_record_and_change_nothing() {
    use crate::support::{self, bundles_dir};
    let examples = support::examples();
    let store = support::signed_context();
    let options = support::options_for("out-of-scope");
    for (name, _, path) in support::bad_files(&examples) {
        if !name.starts_with("out-of-scope.") {
            continue;
        }
        let bytes = std::fs::read(bundles_dir().join(format!("bad/{name}.json"))).unwrap();
        let problems = pkm_core::bundle::read_bundle_with(&bytes, &options, &store).unwrap_err();
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|problem| (problem.code(), problem.path.as_str()))
            .collect();
        assert_eq!(found, [("out-of-scope", path)], "{name}");
        // Without the forged record the same file is Đông Vĩnh's honest one, which imports.
        let mut value: Value = serde_json::from_slice(&bytes).unwrap();
        let content = value["content"].as_object_mut().unwrap();
        content.remove("conclusions");
        content.remove("decisions");
        if let Some(province) = content
            .get_mut("units")
            .and_then(|units| units["na"][0]["value"].as_object_mut())
        {
            province.remove("attachment_limits");
        }
        let honest = support::sign_with(value, &support::test_key("na-vinh-dong-vinh"));
        let mut importing = store.clone();
        let bundle =
            pkm_core::bundle::read_bundle_with(honest.as_bytes(), &options, &importing).unwrap();
        importing
            .import_bundle(&bundle, &support::strict_trust())
            .unwrap();
    }
}

#[test]
fn a_new_year_starts_from_last_years_evidence_and_notes_not_its_statuses() {
    let (_, mut ward) = world();
    let context = ward.edit();
    ward.store
        .start_assessment(
            &context,
            &id("le-mao"),
            2025,
            &CatalogueId::new("chu-ky").unwrap(),
            Track::Maintain { since_year: 2024 },
        )
        .unwrap();
    let context = ward.edit();
    assert_eq!(ward.store.copy_forward(&context, &key(2025)), Ok(2));
    let doc = ward.store.assessment(&key(2025)).unwrap();
    let entry = doc.entry(&criterion("C02")).unwrap();
    assert_eq!(entry.status, CriterionStatus::NotAssessed);
    assert_eq!(entry.note, "ghi chú C02");
    // Again: every criterion holds a value now, nothing more is copied.
    let context = ward.edit();
    assert_eq!(ward.store.copy_forward(&context, &key(2025)), Ok(0));
    // Last year's statuses stay where they were.
    let last = ward.store.assessment(&key(2024)).unwrap();
    assert_eq!(
        last.entry(&criterion("C02")).unwrap().status,
        CriterionStatus::Met
    );
}

#[test]
fn a_feedback_with_nothing_to_say_still_carries_its_sender_and_reads_into_an_empty_store() {
    // Regression (fuzz target `merge`): a feedback of a year nobody reviewed carried no unit,
    // and an empty store refused it as from an unknown sender.
    let (mut province, _) = world();
    let text = province.export(&Selection::Feedback {
        province: id("p"),
        ward: None,
        year: 2030,
    });
    let bundle = read(&text).unwrap();
    assert!(bundle.content.assessments().is_empty());
    let mut empty = Store::new();
    empty
        .import_bundle(&bundle, &pkm_core::fixtures::accepting(&bundle))
        .unwrap();
    assert!(empty.unit(&id("p")).is_some());
}

/// Issue 23: the province's settings for evidence files (limits per file and per ward, the
/// longest side of a stored photo) sit on its own unit record, so the config file carries them
/// to its wards (written in format version 2, which every reader that keeps them knows); a
/// ward without them uses the defaults. A ward's file that sets them is refused `out-of-scope`
/// (`bad/out-of-scope.attachment-limits.json`, above).
#[test]
fn the_provinces_settings_for_evidence_files_reach_its_wards_through_the_config_file() {
    use pkm_core::attachment::EvidenceSettings;
    use pkm_core::attachment::limits::MB;
    let (mut province, mut ward) = world();
    assert_eq!(
        EvidenceSettings::for_unit(&ward.store, &id("le-mao")),
        EvidenceSettings::default()
    );
    let settings = EvidenceSettings {
        per_file: 5 * MB,
        per_ward: 50 * MB,
        longest_side: 1_600,
    };
    let mut unit = province.store.unit(&id("p")).unwrap().clone();
    unit.attachment_limits = Some(settings);
    let context = province.edit();
    province.store.upsert_unit(&context, unit).unwrap();
    let config = province.export(&Selection::Config(id("p")));
    let value: Value = serde_json::from_str(&config).unwrap();
    assert_eq!(value["format_version"], json!(2));
    ward.import(&config, &province).unwrap();
    assert_eq!(
        EvidenceSettings::for_unit(&ward.store, &id("le-mao")),
        settings
    );
    assert_eq!(settings.limits().per_file, 5 * MB);
}

/// The province's import enforces its own settings: a ward's file referring to a 6 MB photo is
/// refused `attachment-too-large` once the province allows 5 MB per file, and previews as an
/// import under the defaults (20 MB).
#[test]
fn the_provinces_import_refuses_files_above_its_own_limits() {
    use pkm_core::attachment::EvidenceSettings;
    use pkm_core::attachment::limits::MB;
    use pkm_core::batch_import::{BatchPreview, PreviewOutcome};
    let (mut province, mut ward) = world();
    attach_photo(&mut ward, "a".repeat(64), 6 * MB);
    let file = ward.export(&Selection::Ward(id("le-mao")));
    let policy = TrustPolicy::new()
        .confirming(ward.unit.clone(), ward.key.public_key().fingerprint())
        .for_device(province.device.clone());
    let outcome = |store: &Store| {
        let mut preview = BatchPreview::new(store, &[], &policy);
        preview.add("le-mao.json", file.as_bytes()).outcome.clone()
    };
    assert!(
        matches!(outcome(&province.store), PreviewOutcome::WouldImport { .. }),
        "{:?}",
        outcome(&province.store)
    );
    let mut unit = province.store.unit(&id("p")).unwrap().clone();
    unit.attachment_limits = Some(EvidenceSettings {
        per_file: 5 * MB,
        ..EvidenceSettings::default()
    });
    let context = province.edit();
    province.store.upsert_unit(&context, unit).unwrap();
    match outcome(&province.store) {
        PreviewOutcome::Rejected(problems) => assert_eq!(
            problems.iter().map(|p| p.code()).collect::<Vec<_>>(),
            ["attachment-too-large"]
        ),
        other => panic!("{other:?}"),
    }
}

/// Issue 23: the ward's laptop checks the per-ward limit its province carried before it stores a
/// file, as the province's import would: a new file that would take the ward's files past it is
/// refused `attachments-too-large`, a file the ward already refers to takes no more room, and a
/// batch is counted as a whole.
#[test]
fn the_ward_checks_its_provinces_per_ward_limit_before_attaching() {
    use pkm_core::attachment::enforce::WardRoom;
    use pkm_core::attachment::limits::MB;
    use pkm_core::attachment::{AttachmentProblem, EvidenceSettings};
    let (mut province, mut ward) = world();
    let held = "a".repeat(64);
    attach_photo(&mut ward, held.clone(), 6 * MB);
    // Under the defaults (300 MB per ward) a 5 MB file fits.
    let mut room = WardRoom::of(&ward.store, &id("le-mao"));
    assert_eq!(room.admit(&"b".repeat(64), 5 * MB), Ok(()));
    // The province allows 10 MB per ward; its config file carries it.
    let mut unit = province.store.unit(&id("p")).unwrap().clone();
    unit.attachment_limits = Some(EvidenceSettings {
        per_file: 10 * MB,
        per_ward: 10 * MB,
        ..EvidenceSettings::default()
    });
    let context = province.edit();
    province.store.upsert_unit(&context, unit).unwrap();
    ward.import(&province.export(&Selection::Config(id("p"))), &province)
        .unwrap();
    let mut room = WardRoom::of(&ward.store, &id("le-mao"));
    assert_eq!(
        room.admit(&"b".repeat(64), 5 * MB),
        Err(AttachmentProblem::WardTooLarge {
            // Named as people know the ward, not by its id.
            unit: "Công an le-mao".into(),
            bytes: 11 * MB,
            max: 10 * MB,
        })
    );
    // The file already attached, attached again to another item, takes no more room.
    assert_eq!(room.admit(&held, 6 * MB), Ok(()));
    // Two files of one batch: the first fits, the second no longer does.
    assert_eq!(room.admit(&"c".repeat(64), 3 * MB), Ok(()));
    assert!(room.admit(&"d".repeat(64), 2 * MB).is_err());
    assert_eq!(room.admit(&"e".repeat(64), MB), Ok(()));
}

/// Adds to le-mao's 2024 entry for C01 an evidence item referring to one photo of `size` bytes.
fn attach_photo(ward: &mut Laptop, sha256: String, size: u64) {
    let context = ward.edit();
    let mut entry = ward
        .store
        .assessment(&key(2024))
        .unwrap()
        .entry(&criterion("C01"))
        .unwrap()
        .clone();
    entry.evidence.push(pkm_core::assessment::Evidence {
        id: pkm_core::ItemId::new("anh-tru-so").unwrap(),
        doc_number: String::new(),
        date: None,
        issuer: String::new(),
        description: "Ảnh trụ sở".into(),
        attachments: vec![pkm_core::attachment::AttachmentRef {
            sha256,
            name: "tru-so.jpg".into(),
            media_type: "image/jpeg".into(),
            size,
        }],
    });
    ward.store
        .set_criterion(&context, &key(2024), &criterion("C01"), entry)
        .unwrap();
}
