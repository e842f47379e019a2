//! Unit tests of bundle selection, writing and the reader's stages.

use super::*;
use crate::fixtures;
use crate::fixtures::ImportAccepting;
use crate::ids::DeviceId;

fn nghe_an_store() -> (fixtures::ProvinceFixture, Store) {
    let fixture = fixtures::nghe_an_2024(3).unwrap();
    let store = fixtures::merged_store(&fixture).unwrap();
    (fixture, store)
}

fn header(unit: &str) -> HeaderInput {
    let device = DeviceId::new("tinh-na").unwrap();
    HeaderInput {
        app_version: "test".to_string(),
        bundle_id: BundleId::new("b-1").unwrap(),
        exported_at: ExportedAt {
            text: "2024-12-18T08:00:00+07:00".to_string(),
            hlc: Hlc {
                wall_ms: 1_734_483_600_000,
                logical: 0,
                device: device.clone(),
            },
        },
        device_id: device,
        unit_id: UnitId::new(unit).unwrap(),
    }
}

fn id(text: &str) -> UnitId {
    UnitId::new(text).unwrap()
}

#[test]
fn writing_gives_the_text_of_the_built_bundle_and_reads_back_with_its_digest() {
    let (_, store) = nghe_an_store();
    for (selection, unit) in [
        (Selection::All, "na"),
        (Selection::Province(id("na")), "na"),
        (Selection::Config(id("na")), "na"),
        (Selection::Ward(id("na-vinh-le-mao")), "na-vinh-le-mao"),
    ] {
        let built = build_bundle(&store, &selection, &header(unit)).unwrap();
        let written = write_bundle(&store, &selection, &header(unit)).unwrap();
        assert_eq!(written, built.to_json().unwrap(), "{selection:?}");
        let read = read_bundle(written.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(read.digest, built.digest, "{selection:?}");
    }
}

#[test]
fn a_ward_selection_holds_its_chain_its_assessments_and_their_catalogue() {
    let (_, store) = nghe_an_store();
    let bundle = build_bundle(
        &store,
        &Selection::Ward(id("na-vinh-le-mao")),
        &header("na-vinh-le-mao"),
    )
    .unwrap();
    assert_eq!(bundle.kind, BundleKind::Ward);
    let units: Vec<&str> = bundle
        .content
        .unit_registers()
        .keys()
        .map(UnitId::as_str)
        .collect();
    assert_eq!(units, ["na", "na-vinh", "na-vinh-le-mao"]);
    assert_eq!(bundle.content.assessments().len(), 1);
    assert_eq!(bundle.content.catalogues().len(), 1);
    assert!(bundle.content.quota_registers().is_empty());
    assert_eq!(bundle.header.catalogues.len(), 1);
    assert_eq!(bundle.header.catalogues[0].criteria, 20);
}

#[test]
fn a_config_selection_has_no_assessments_and_every_catalogue() {
    let (_, store) = nghe_an_store();
    let bundle = build_bundle(&store, &Selection::Config(id("na")), &header("na")).unwrap();
    assert_eq!(bundle.kind, BundleKind::Config);
    assert!(bundle.content.assessments().is_empty());
    assert_eq!(bundle.content.unit_registers().len(), 1 + 4 + 24);
    assert_eq!(bundle.content.quota(&id("na"), 2024), Some(4));
    assert!(bundle.content.year_catalogue(&id("na"), 2024).is_some());
    assert_eq!(
        build_bundle(&store, &Selection::Config(id("na-vinh")), &header("na")).err(),
        Some(WriteError::NotAProvince(id("na-vinh")))
    );
    let error = build_bundle(&store, &Selection::Province(id("hn")), &header("na")).unwrap_err();
    assert_eq!(
        error.message_vi(),
        "Không tìm thấy đơn vị “hn” để xuất dữ liệu."
    );
}

#[test]
fn a_province_selection_equals_the_whole_store_for_a_single_province() {
    let (_, store) = nghe_an_store();
    let province = build_bundle(&store, &Selection::Province(id("na")), &header("na")).unwrap();
    let all = build_bundle(&store, &Selection::All, &header("na")).unwrap();
    assert!(province.content.same_content(&all.content));
    assert_eq!(province.digest, all.digest);
}

#[test]
fn writing_then_reading_gives_the_same_bundle() {
    let (_, store) = nghe_an_store();
    let bundle = build_bundle(&store, &Selection::Province(id("na")), &header("na")).unwrap();
    let text = bundle.to_json().unwrap();
    let read = read_bundle(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(read.digest, bundle.digest);
    assert_eq!(read.header, bundle.header);
    assert!(read.content.same_content(&bundle.content));
    assert!(text.starts_with(
        "{\n  \"format\": \"pkm-bundle\",\n  \"format_version\": 1,\n  \"kind\": \"province\","
    ));
}

#[test]
fn the_reader_keeps_going_after_a_bom_and_reports_the_rest() {
    let (fixture, _) = nghe_an_store();
    let mut value: Value = serde_json::from_str(&fixture.ward_bundles[0].json).unwrap();
    value["kind"] = Value::from("region");
    let text = format!("\u{feff}{}", canonical::pretty_string(&value));
    let problems = read_bundle(text.as_bytes(), &Limits::default()).unwrap_err();
    let codes: Vec<&str> = problems.iter().map(Problem::code).collect();
    assert_eq!(codes, ["bom", "unknown-kind", "wrong-digest"]);
    assert_eq!(
        problems[1].message_vi(),
        "Loại gói “region” không xác định; chỉ có ward (Công an phường), province (Công an tỉnh), config (cấu hình) hoặc feedback (ý kiến thẩm định). (vị trí: $.kind)"
    );
    assert_eq!(
        problems[0].message_en(),
        "The file starts with a byte order mark; bundles are UTF-8 without BOM (do not open and re-save them in an editor)."
    );
}

#[test]
fn kinds_are_checked_against_the_context() {
    let (fixture, store) = nghe_an_store();
    let options = ReadOptions {
        limits: Limits::default(),
        accept: vec![BundleKind::Config],
        ..ReadOptions::default()
    };
    let problems =
        read_bundle_with(fixture.ward_bundles[0].json.as_bytes(), &options, &store).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].kind,
        ProblemKind::WrongKind {
            found: BundleKind::Ward,
            expected: vec![BundleKind::Config]
        }
    );
    assert_eq!(
        problems[0].kind.message_vi(),
        "Đây là gói của Công an phường, không dùng được ở đây; cần gói cấu hình."
    );
    assert!(read_bundle_with(fixture.config_bundle.as_bytes(), &options, &store).is_ok());
}

#[test]
fn references_may_point_into_the_store_when_reading_in_context() {
    let (fixture, _) = nghe_an_store();
    let mut value: Value = serde_json::from_str(&fixture.ward_bundles[0].json).unwrap();
    value["content"]["catalogues"] = Value::Array(Vec::new());
    value.as_object_mut().unwrap().remove("integrity");
    let digest = canonical::bundle_digest(&value);
    value["integrity"] = serde_json::json!({"algorithm": DIGEST_ALGORITHM, "digest": digest});
    let text = canonical::pretty_string(&value);
    let alone = read_bundle(text.as_bytes(), &Limits::default()).unwrap_err();
    assert_eq!(
        alone.iter().map(Problem::code).collect::<Vec<_>>(),
        ["unknown-catalogue"]
    );
    let configured = {
        let mut store = Store::new();
        store
            .import_accepting(
                &read_bundle(fixture.config_bundle.as_bytes(), &Limits::default()).unwrap(),
            )
            .unwrap();
        store
    };
    let bundle = read_bundle_with(text.as_bytes(), &ReadOptions::default(), &configured).unwrap();
    let mut province = configured.clone();
    assert_eq!(
        province
            .import_accepting(&bundle)
            .map(|report| report.merge.assessments_added),
        Ok(1)
    );
    assert_eq!(
        Store::new()
            .import_accepting(&bundle)
            .map_err(|problems| problems.len()),
        Err(1),
        "import re-checks the context"
    );
}

#[test]
fn limits_on_counts_and_strings_are_enforced() {
    let (fixture, _) = nghe_an_store();
    let text = fixture.config_bundle.as_bytes();
    let tight = Limits {
        max_units: 10,
        ..Limits::default()
    };
    let problems = read_bundle(text, &tight).unwrap_err();
    assert_eq!(
        problems[0].kind,
        ProblemKind::TooMany {
            what: "units".to_string(),
            count: 29,
            max: 10
        }
    );
    assert_eq!(
        problems[0].message_vi(),
        "Quá nhiều đơn vị: 29 (giới hạn 10). (vị trí: $.content.units)"
    );
    let short = Limits {
        max_string_chars: 20,
        ..Limits::default()
    };
    let problems = read_bundle(text, &short).unwrap_err();
    assert!(
        problems
            .iter()
            .all(|problem| problem.code() == "string-too-long")
    );
    assert!(problems.len() > 5, "every long string is reported");
    let shallow = Limits {
        max_depth: 3,
        ..Limits::default()
    };
    assert_eq!(
        read_bundle(text, &shallow).unwrap_err()[0].kind,
        ProblemKind::TooDeep { max: 3 }
    );
    let small = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    assert_eq!(
        read_bundle(text, &small).unwrap_err()[0].code(),
        "too-large"
    );
}

#[test]
fn unsorted_or_redundant_register_entries_are_normalised_on_reading() {
    let (fixture, _) = nghe_an_store();
    let mut value: Value = serde_json::from_str(&fixture.ward_bundles[0].json).unwrap();
    let register = value["content"]["assessments"][0]["track"].clone();
    let mut newer = register[0].clone();
    newer["vv"] = serde_json::json!({newer["at"]["device"].as_str().unwrap(): 5});
    newer["at"]["wall_ms"] = Value::from(newer["at"]["wall_ms"].as_u64().unwrap() + 1_000);
    value["content"]["assessments"][0]["track"] =
        Value::Array(vec![register[0].clone(), register[0].clone(), newer]);
    value.as_object_mut().unwrap().remove("integrity");
    let digest = canonical::bundle_digest(&value);
    value["integrity"] = serde_json::json!({"algorithm": DIGEST_ALGORITHM, "digest": digest});
    let bundle = read_bundle(
        canonical::pretty_string(&value).as_bytes(),
        &Limits::default(),
    )
    .unwrap();
    let doc = bundle.content.assessments().values().next().unwrap();
    assert_eq!(doc.track().siblings().len(), 1);
    assert_eq!(
        doc.track().siblings()[0]
            .vv
            .iter()
            .map(|(_, counter)| counter)
            .collect::<Vec<_>>(),
        [5]
    );
}

#[test]
fn kind_labels_exist_in_both_languages() {
    assert_eq!(BundleKind::Config.label_vi(), "Gói cấu hình");
    assert_eq!(BundleKind::Province.label_en(), "Province bundle");
}

/// Runs a stepped read to its end: how many stages ran, and the result in the context of `store`.
fn stepped(bytes: &[u8], store: &Store) -> (usize, Result<Bundle, Vec<Problem>>) {
    let mut read = SteppedRead::new(bytes, ReadOptions::default());
    let mut stages = 1;
    while read.step() {
        stages += 1;
    }
    (stages, read.finish(store))
}

#[test]
fn a_stepped_read_runs_its_stages_one_at_a_time_and_ends_early_on_an_unreadable_file() {
    let (fixture, store) = nghe_an_store();
    let text = fixture.ward_bundles[0].json.as_bytes();
    // Parse, the digest and envelope, the signature's verification (the fixtures are signed),
    // planning the walk, the walk, the first records, the assessments.
    let (stages, read) = stepped(text, &Store::new());
    assert_eq!(stages, 7);
    assert_eq!(read, read_bundle(text, &Limits::default()));
    assert!(read.is_ok());

    // A truncated file stops at the parse; a wrong digest is found at the envelope and the
    // read goes on, reporting what the later stages find as well.
    let (stages, read) = stepped(&text[..text.len() / 2], &store);
    assert_eq!(stages, 1);
    assert_eq!(
        read,
        read_bundle_with(&text[..text.len() / 2], &ReadOptions::default(), &store)
    );
    let mut value: Value = serde_json::from_slice(text).unwrap();
    value["integrity"]["digest"] = Value::from("0".repeat(64));
    value["header"]["unit_id"] = Value::from(7);
    let forged = serde_json::to_vec(&value).unwrap();
    let (stages, read) = stepped(&forged, &store);
    assert_eq!(stages, 6);
    let problems = read.unwrap_err();
    assert_eq!(
        Err(problems.clone()),
        read_bundle_with(&forged, &ReadOptions::default(), &store)
    );
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"$.integrity.digest"), "{paths:?}");
    assert!(
        paths.iter().any(|path| path.starts_with("$.header")),
        "{paths:?}"
    );

    // Stepping past the end changes nothing.
    let mut read = SteppedRead::new(text, ReadOptions::default());
    while read.step() {}
    assert!(!read.step());
    assert!(read.finish(&Store::new()).is_ok());
}

#[test]
fn a_signature_waits_for_a_verdict_from_elsewhere_or_is_verified_at_the_next_step() {
    let fixture = fixtures::nghe_an_2024(3).unwrap();
    let mut bundle =
        read_bundle(fixture.ward_bundles[0].json.as_bytes(), &Limits::default()).expect("reads");
    let signing_bytes = bundle.signing_bytes().unwrap();
    let key = SecretKey::for_tests("phuong");
    bundle.sign_with(&key).unwrap();
    let text = bundle.to_json().unwrap();
    let bytes = text.as_bytes();

    /// Steps until a signature is pending: the read, and whether one was.
    fn until_pending(bytes: &[u8]) -> SteppedRead<'_> {
        let mut read = SteppedRead::new(bytes, ReadOptions::default());
        while read.pending_signature().is_none() {
            assert!(read.step(), "the read ends before its signature");
        }
        read
    }

    // What is pending is what WebCrypto needs: the key, r ‖ s, and the text the digest hashes.
    let read = until_pending(bytes);
    let pending = read.pending_signature().unwrap();
    assert_eq!(pending.public_key, key.public_key().raw());
    assert_eq!(pending.value, bundle.signature().unwrap().value());
    assert_eq!(pending.signed_text, signing_bytes.as_slice());
    let whole = read.finish(&Store::new());
    assert_eq!(whole, read_bundle(bytes, &Limits::default()));
    assert!(whole.is_ok());

    // A verdict handed in is the check's: a yes reads as verifying here does, a no as a bad
    // signature does.
    let mut read = until_pending(bytes);
    read.signature_verified(true);
    assert!(
        read.pending_signature().is_none(),
        "one verdict per signature"
    );
    assert_eq!(read.finish(&Store::new()), whole);
    let mut read = until_pending(bytes);
    read.signature_verified(false);
    let problems = read.finish(&Store::new()).unwrap_err();
    let mut tampered: Value = serde_json::from_str(&text).unwrap();
    let signature = tampered["integrity"]["signature"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    let flipped = if signature.starts_with('A') { "B" } else { "A" };
    tampered["integrity"]["signature"]["value"] =
        Value::from(format!("{flipped}{}", &signature[1..]));
    let tampered = serde_json::to_vec(&tampered).unwrap();
    assert_eq!(
        Err(problems.clone()),
        read_bundle(&tampered, &Limits::default()),
        "refused as a tampered signature is"
    );
    assert!(
        problems
            .iter()
            .any(|problem| problem.kind == ProblemKind::BadSignature)
    );

    // A file read in pieces keeps no text: nothing is pending and the read verifies it itself.
    let options = ReadOptions {
        pieces_from_bytes: 0,
        ..ReadOptions::default()
    };
    let mut read = SteppedRead::new(bytes, options);
    while read.step() {
        assert!(read.pending_signature().is_none());
        read.signature_verified(false);
    }
    assert_eq!(read.finish(&Store::new()), whole);
}
