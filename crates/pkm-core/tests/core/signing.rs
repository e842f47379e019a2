//! Signed bundles and key pinning, case by case: the first signed bundle of an unknown ward is
//! accepted and pins its key; an unsigned bundle of a ward with a pinned key, a bundle signed by
//! another key, and a bundle changed after signing are refused and change nothing; keys listed in a
//! config bundle are pinned ahead of time; a device's own key is always accepted; signing leaves the
//! digest as it was, so files from before signing still read.

use pkm_core::bundle::{ReadOptions, SignatureStatus, read_bundle, read_bundle_with};
use pkm_core::{Limits, ProblemKind, Selection, Store, UnitId};
use serde_json::{Value, json};

use crate::support::{
    self, examples, province_context, province_options, sign, sign_with, signed_context, test_key,
};

fn dong_vinh() -> UnitId {
    UnitId::new("na-vinh-dong-vinh").unwrap()
}

fn ward_signed() -> Vec<u8> {
    examples().ward_signed.into_bytes()
}

fn codes(problems: &[pkm_core::Problem]) -> Vec<&'static str> {
    problems.iter().map(pkm_core::Problem::code).collect()
}

/// Imports `bytes` the way the app does (read in the store's context, then join), checking that a
/// refused file leaves the store exactly as it was.
fn import(
    store: &mut Store,
    bytes: &[u8],
) -> Result<pkm_core::merge::ImportReport, Vec<&'static str>> {
    let before = store.clone();
    let outcome = read_bundle_with(bytes, &province_options(), store)
        .and_then(|bundle| store.import_bundle(&bundle));
    match outcome {
        Ok(report) => Ok(report),
        Err(problems) => {
            assert_eq!(*store, before, "a refused file changed the store");
            Err(codes(&problems))
        }
    }
}

#[test]
fn the_first_signed_bundle_of_an_unknown_ward_is_accepted_and_pins_its_key() {
    let mut store = province_context();
    assert!(store.pinned_keys(&dong_vinh()).is_none());
    let report = import(&mut store, &ward_signed()).unwrap();
    let fingerprint = test_key("na-vinh-dong-vinh").public_key().fingerprint();
    assert_eq!(
        report.signature,
        SignatureStatus::FirstSeen {
            fingerprint: fingerprint.clone()
        }
    );
    assert_eq!(report.merge.keys_pinned, 1);
    assert!(
        store
            .pinned_keys(&dong_vinh())
            .is_some_and(|keys| keys.len() == 1 && keys.contains(&fingerprint))
    );
    let message = report.signature.message_vi(&report.unit);
    assert!(message.contains(&fingerprint.short()), "{message}");
    assert!(message.contains("gọi điện"), "{message}");
    assert!(
        report
            .merge
            .summary_vi()
            .ends_with("1 khóa ký số được ghi nhận.")
    );

    // The same file again: already imported, nothing changes; its key is now the pinned one.
    let again = import(&mut store, &ward_signed()).unwrap();
    assert!(again.already_imported);
    assert_eq!(again.signature, SignatureStatus::Pinned { fingerprint });
}

#[test]
fn an_unsigned_bundle_of_a_ward_with_a_pinned_key_is_refused() {
    let mut store = province_context();
    import(&mut store, &ward_signed()).unwrap();
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    value["integrity"]
        .as_object_mut()
        .unwrap()
        .remove("signature");
    // A later round of edits, not signed (the same content would only be "already imported").
    value["header"]["bundle_id"] = json!("chua-ky-2");
    let unsigned = sign(value);
    assert_eq!(
        import(&mut store, unsigned.as_bytes()).unwrap_err(),
        ["unsigned-bundle"]
    );
    let problems = read_bundle_with(unsigned.as_bytes(), &province_options(), &store).unwrap_err();
    let message = problems[0].message_vi();
    let pinned = test_key("na-vinh-dong-vinh")
        .public_key()
        .fingerprint()
        .short();
    assert!(
        message.contains("không có chữ ký số") && message.contains(&pinned),
        "{message}"
    );
}

#[test]
fn a_bundle_signed_by_another_key_for_a_known_ward_is_refused_naming_both_keys() {
    let mut store = province_context();
    import(&mut store, &ward_signed()).unwrap();
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    value["header"]["device_id"] = json!("may-thu-hai");
    let other = test_key("may-thu-hai");
    let forged = sign_with(value, &other);
    assert_eq!(
        import(&mut store, forged.as_bytes()).unwrap_err(),
        ["key-mismatch"]
    );
    let problems = read_bundle_with(forged.as_bytes(), &province_options(), &store).unwrap_err();
    let message = problems[0].message_vi();
    let found = other.public_key().fingerprint().short();
    let pinned = test_key("na-vinh-dong-vinh")
        .public_key()
        .fingerprint()
        .short();
    assert!(
        message.contains(&found) && message.contains(&pinned) && message.contains("gọi điện"),
        "{message}"
    );
    assert!(problems[0].message_en().contains(&found));
}

#[test]
fn a_bundle_changed_after_signing_is_refused() {
    let mut store = province_context();
    // A byte edited in a text: the digest no longer matches.
    let text = examples().ward_signed;
    let edited = text.replacen("Đông Vĩnh", "Đông Vịnh", 1);
    assert_ne!(edited, text);
    assert_eq!(
        import(&mut store, edited.as_bytes()).unwrap_err(),
        ["wrong-digest"]
    );
    // The same edit with the digest recomputed by hand: the signature no longer matches.
    let mut value: Value = serde_json::from_str(&edited).unwrap();
    let signature = value["integrity"]["signature"].clone();
    value = serde_json::from_str(&sign(value)).unwrap();
    value["integrity"]["signature"] = signature;
    let redigested = serde_json::to_vec(&value).unwrap();
    assert_eq!(
        import(&mut store, &redigested).unwrap_err(),
        ["bad-signature"]
    );
    // A signature value with one bit flipped.
    let mut value: Value = serde_json::from_str(&text).unwrap();
    let original = value["integrity"]["signature"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    // One character in the middle of `s` (bytes 32..64): still a valid scalar, a wrong signature.
    let mut characters: Vec<char> = original.chars().collect();
    characters[60] = if characters[60] == 'A' { 'B' } else { 'A' };
    value["integrity"]["signature"]["value"] = json!(characters.into_iter().collect::<String>());
    assert_eq!(
        import(&mut store, &serde_json::to_vec(&value).unwrap()).unwrap_err(),
        ["bad-signature"]
    );
    assert!(
        store.pinned_keys(&dong_vinh()).is_none(),
        "nothing was pinned"
    );
}

#[test]
fn keys_listed_in_a_config_bundle_are_pinned_ahead_of_time() {
    let mut store = signed_context();
    let expected = test_key("na-vinh-dong-vinh").public_key().fingerprint();
    assert!(
        store
            .pinned_keys(&dong_vinh())
            .is_some_and(|keys| keys.contains(&expected))
    );
    assert!(
        store
            .pinned_keys(&UnitId::new("na").unwrap())
            .is_some_and(|keys| keys.contains(&test_key("na").public_key().fingerprint())),
        "the province's own key was pinned on first import of its signed config"
    );
    // Đông Vĩnh's very first bundle here is signed by another key: refused, though never seen.
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    value["header"]["bundle_id"] = json!("gia-mao-1");
    let forged = sign_with(value, &test_key("ke-gia-mao"));
    assert_eq!(
        import(&mut store, forged.as_bytes()).unwrap_err(),
        ["key-mismatch"]
    );
    let report = import(&mut store, &ward_signed()).unwrap();
    assert_eq!(
        report.signature,
        SignatureStatus::Pinned {
            fingerprint: expected
        }
    );
    assert_eq!(report.merge.keys_pinned, 0);
}

#[test]
fn a_device_always_accepts_what_it_signed_itself() {
    let mut store = signed_context();
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    value["header"]["bundle_id"] = json!("may-nay-1");
    let own = test_key("may-nay");
    let text = sign_with(value, &own);
    let options = ReadOptions {
        trusted_keys: vec![own.public_key().fingerprint()],
        ..province_options()
    };
    let bundle = read_bundle_with(text.as_bytes(), &options, &store).unwrap();
    let report = store
        .import_bundle_trusting(&bundle, &options.trusted_keys)
        .unwrap();
    assert_eq!(
        report.signature,
        SignatureStatus::Own {
            fingerprint: own.public_key().fingerprint()
        }
    );
    assert!(
        !store
            .pinned_keys(&dong_vinh())
            .is_some_and(|keys| keys.contains(&own.public_key().fingerprint())),
        "a device's own key is never pinned"
    );
    // Without the trust, the same file is another key for a known ward.
    assert!(store.import_bundle(&bundle).is_err());
}

#[test]
fn signing_leaves_the_digest_unchanged_and_unsigned_files_still_read() {
    let fixture = examples();
    let signed = read_bundle(fixture.ward_signed.as_bytes(), &Limits::default()).unwrap();
    let signature = signed.signature().expect("signed");
    assert_eq!(
        signature.fingerprint(),
        test_key("na-vinh-dong-vinh").public_key().fingerprint()
    );
    let mut value: Value = serde_json::from_str(&fixture.ward_signed).unwrap();
    value["integrity"]
        .as_object_mut()
        .unwrap()
        .remove("signature");
    let unsigned_text = serde_json::to_vec(&value).unwrap();
    let unsigned = read_bundle(&unsigned_text, &Limits::default()).unwrap();
    assert_eq!(unsigned.digest, signed.digest);
    assert!(unsigned.signature().is_none());
    let mut store = Store::new();
    let report = store.import_bundle(&unsigned).unwrap();
    assert_eq!(report.signature, SignatureStatus::Unsigned);
    assert!(store.key_pins().is_empty());
    // The signature signs exactly the canonical bytes, as WebCrypto would: attach verifies.
    let mut rebuilt = unsigned.clone();
    let bytes = rebuilt.signing_bytes().unwrap();
    assert_eq!(
        pkm_core::bundle::canonical::sha256_hex(&bytes),
        rebuilt.digest
    );
    rebuilt
        .attach_signature(signature.public_key().raw(), signature.value())
        .unwrap();
    assert_eq!(rebuilt.to_json().unwrap(), fixture.ward_signed);
    let mut wrong = unsigned.clone();
    let other = test_key("khac").sign_digest(&unsigned.digest).unwrap();
    assert!(
        wrong
            .attach_signature(signature.public_key().raw(), other.value())
            .is_err()
    );
    assert!(
        wrong.signature().is_none(),
        "a refused signature is not attached"
    );
}

#[test]
fn content_changed_after_signing_cannot_be_written() {
    let mut bundle = read_bundle(examples().ward_signed.as_bytes(), &Limits::default()).unwrap();
    bundle.content = Store::new();
    assert_eq!(
        bundle.to_json(),
        Err(pkm_core::bundle::WriteError::ChangedAfterSigning)
    );
}

#[test]
fn config_and_province_bundles_list_keys_and_ward_bundles_do_not() {
    let store = signed_context();
    let header = |unit: &str| pkm_core::HeaderInput {
        app_version: "test".into(),
        bundle_id: pkm_core::BundleId::new("b-1").unwrap(),
        exported_at: pkm_core::ExportedAt {
            hlc: store.latest_timestamp().unwrap(),
            text: String::new(),
        },
        device_id: pkm_core::DeviceId::new("tinh-na").unwrap(),
        unit_id: UnitId::new(unit).unwrap(),
    };
    let na = UnitId::new("na").unwrap();
    for selection in [
        Selection::Config(na.clone()),
        Selection::Province(na.clone()),
    ] {
        let bundle = pkm_core::bundle::build_bundle(&store, &selection, &header("na")).unwrap();
        assert_eq!(
            bundle.content.key_pins().get(&dong_vinh()),
            store.pinned_keys(&dong_vinh()),
            "{selection:?}"
        );
    }
    let ward = pkm_core::bundle::build_bundle(
        &store,
        &Selection::Ward(dong_vinh()),
        &header(dong_vinh().as_str()),
    )
    .unwrap();
    assert!(ward.content.key_pins().is_empty());
    assert!(!ward.to_json().unwrap().contains("\"keys\""));
}

#[test]
fn a_ward_bundle_listing_keys_and_malformed_key_lists_are_refused() {
    let bad = support::bad_files(&examples());
    let (_, bytes, _) = bad
        .iter()
        .find(|(code, _, _)| *code == "keys-in-ward-bundle")
        .unwrap();
    let problems = read_bundle(bytes, &Limits::default()).unwrap_err();
    assert_eq!(codes(&problems), ["keys-in-ward-bundle"]);

    let mut value: Value = serde_json::from_str(&examples().config_signed).unwrap();
    value["content"]["keys"]["na-vinh-dong-vinh"] = json!(["ABC", "abc"]);
    value["content"]["keys"]["không-hợp-lệ"] = json!([]);
    value["content"]["keys"]["na-khong-co"] =
        json!([test_key("x").public_key().fingerprint().as_str()]);
    let text = sign_with(value, &test_key("na"));
    let problems = read_bundle(text.as_bytes(), &Limits::default()).unwrap_err();
    let found = codes(&problems);
    for code in ["invalid-record", "invalid-id", "unknown-unit"] {
        assert!(found.contains(&code), "{code} missing from {found:?}");
    }
    assert_eq!(
        problems
            .iter()
            .find(|problem| problem.code() == "unknown-unit")
            .unwrap()
            .path,
        "$.content.keys.na-khong-co"
    );
}

#[test]
fn every_signature_problem_has_distinct_messages() {
    let key = test_key("a").public_key().fingerprint();
    let kinds = [
        ProblemKind::MalformedSignature { detail: "x".into() },
        ProblemKind::UnknownSignatureAlgorithm { found: "x".into() },
        ProblemKind::BadSignature,
        ProblemKind::UnsignedBundle {
            unit: "u".into(),
            pinned: vec![key.clone()],
        },
        ProblemKind::KeyMismatch {
            unit: "u".into(),
            found: test_key("b").public_key().fingerprint(),
            pinned: vec![key],
        },
        ProblemKind::KeysInWardBundle,
    ];
    let mut seen = std::collections::BTreeSet::new();
    for kind in &kinds {
        assert!(seen.insert(kind.message_vi()), "{kind:?}");
        assert_ne!(kind.message_vi(), kind.message_en());
        assert!(ProblemKind::CODES.contains(&kind.code()));
    }
}

#[test]
fn checking_an_import_changes_nothing_and_joining_it_is_the_import() {
    let store = province_context();
    let bundle = read_bundle_with(&ward_signed(), &province_options(), &store).unwrap();
    let mut whole = store.clone();
    let imported = whole.import_bundle(&bundle).unwrap();

    let mut halves = store.clone();
    let checked = halves.check_import(&bundle, &[]).unwrap();
    assert_eq!(halves, store, "a check changes nothing");
    let joined = halves.join_checked(checked);
    assert_eq!(joined, imported);
    assert_eq!(joined.merge.keys_pinned, 1, "the key is pinned by the join");
    assert_eq!(halves, whole);

    // Checked again on the store it was imported into, the bundle joins as already imported.
    let again = halves.check_import(&bundle, &[]).unwrap();
    assert!(halves.join_checked(again).already_imported);
    assert_eq!(halves, whole);
    // A bundle signed by another key, read without the store's context, is refused by the
    // check, which changes nothing.
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    value["header"]["device_id"] = json!("may-thu-hai");
    let forged = sign_with(value, &test_key("may-thu-hai"));
    let forged = read_bundle(forged.as_bytes(), &Limits::default()).unwrap();
    let problems = halves.check_import(&forged, &[]).unwrap_err();
    assert_eq!(codes(&problems), ["key-mismatch"]);
    assert_eq!(halves, whole);
}
