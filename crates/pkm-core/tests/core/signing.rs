//! Signed bundles and key pinning, case by case: a new key waits for a person's confirmation and
//! is pinned once confirmed; an unsigned file is refused unless accepted once; a new laptop's key
//! is refused naming both keys until confirmed; a bundle changed after signing is refused; refused
//! files change nothing; keys listed in a config bundle are pinned ahead of time; a device's own
//! key is always accepted; signing leaves the digest as it was, so files from before signing
//! still read.

use pkm_core::bundle::{ReadOptions, SignatureStatus, read_bundle, read_bundle_with};
use pkm_core::fixtures::ImportAccepting;
use pkm_core::{Limits, ProblemKind, Selection, Store, TrustPolicy, UnitId};
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

/// The province before it knows any ward's key: the example config with its key list taken
/// out (and re-digested: the example config is not signed).
fn unpinned_context() -> Store {
    let mut value: Value = serde_json::from_str(&examples().config).unwrap();
    value["content"].as_object_mut().unwrap().remove("keys");
    value["integrity"]
        .as_object_mut()
        .unwrap()
        .remove("signature");
    let text = sign(value);
    let bundle = read_bundle(text.as_bytes(), &Limits::default()).unwrap();
    let mut store = Store::new();
    store.import_accepting(&bundle).unwrap();
    assert!(store.key_pins().is_empty());
    store
}

fn dong_vinh_key() -> pkm_core::KeyFingerprint {
    test_key("na-vinh-dong-vinh").public_key().fingerprint()
}

/// Imports `bytes` the way the app does (read in the store's context under `policy`, then
/// join), checking that a refused file leaves the store exactly as it was, pins included.
fn import(
    store: &mut Store,
    bytes: &[u8],
    policy: &TrustPolicy,
) -> Result<pkm_core::merge::ImportReport, Vec<&'static str>> {
    let before = store.clone();
    let options = ReadOptions {
        trust: Some(policy.clone()),
        ..province_options()
    };
    let outcome = read_bundle_with(bytes, &options, store)
        .and_then(|bundle| store.import_bundle(&bundle, policy));
    match outcome {
        Ok(report) => Ok(report),
        Err(problems) => {
            assert_eq!(*store, before, "a refused file changed the store");
            Err(codes(&problems))
        }
    }
}

#[test]
fn a_new_key_waits_for_a_person_and_is_pinned_once_confirmed() {
    let mut store = unpinned_context();
    // Nobody has confirmed it: refused, and nothing is pinned.
    assert_eq!(
        import(&mut store, &ward_signed(), &TrustPolicy::new()).unwrap_err(),
        ["unconfirmed-key"]
    );
    assert!(store.pinned_keys(&dong_vinh()).is_none());
    let problems = read_bundle_with(
        &ward_signed(),
        &ReadOptions {
            trust: Some(TrustPolicy::new()),
            ..province_options()
        },
        &store,
    )
    .unwrap_err();
    let message = problems[0].message_vi();
    assert!(message.contains(&dong_vinh_key().short()), "{message}");
    assert!(message.contains("gọi điện"), "{message}");

    // The person called the ward and confirmed the digits.
    let confirmed = TrustPolicy::new().confirming(dong_vinh(), dong_vinh_key());
    let report = import(&mut store, &ward_signed(), &confirmed).unwrap();
    assert_eq!(
        report.signature,
        SignatureStatus::FirstSeen {
            fingerprint: dong_vinh_key()
        }
    );
    assert_eq!(report.merge.keys_pinned, 1);
    assert!(
        store
            .pinned_keys(&dong_vinh())
            .is_some_and(|keys| keys.len() == 1 && keys.contains(&dong_vinh_key()))
    );
    assert!(
        report
            .merge
            .summary_vi()
            .ends_with("1 khóa ký số được ghi nhận.")
    );
    // The same file again: already imported, nothing changes; its key is now the pinned one.
    let again = import(&mut store, &ward_signed(), &TrustPolicy::new()).unwrap();
    assert!(again.already_imported);
    assert_eq!(
        again.signature,
        SignatureStatus::Pinned {
            fingerprint: dong_vinh_key()
        }
    );
}

#[test]
fn an_unsigned_file_is_refused_unless_a_person_accepts_it_once() {
    let mut store = unpinned_context();
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    value["integrity"]
        .as_object_mut()
        .unwrap()
        .remove("signature");
    let unsigned = sign(value);
    assert_eq!(
        import(&mut store, unsigned.as_bytes(), &TrustPolicy::new()).unwrap_err(),
        ["unsigned-bundle"]
    );
    let once = TrustPolicy::new().allowing_unsigned(dong_vinh());
    let report = import(&mut store, unsigned.as_bytes(), &once).unwrap();
    assert_eq!(report.signature, SignatureStatus::Unsigned);
    assert!(
        report
            .signature
            .message_vi(&report.unit)
            .contains("một lần")
    );
    assert!(
        store.key_pins().is_empty(),
        "nothing pinned by an unsigned file"
    );
    // An exception for another unit does not cover it.
    let mut other = unpinned_context();
    let elsewhere = TrustPolicy::new().allowing_unsigned(UnitId::new("na-vinh-le-mao").unwrap());
    assert_eq!(
        import(&mut other, unsigned.as_bytes(), &elsewhere).unwrap_err(),
        ["unsigned-bundle"]
    );
}

#[test]
fn a_new_laptop_is_refused_naming_both_keys_until_a_person_confirms_it() {
    // The province's config pinned Đông Vĩnh's key; its laptop was replaced.
    let mut store = province_context();
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    value["header"]["device_id"] = json!("may-moi");
    let new_laptop = test_key("may-moi");
    let text = sign_with(value, &new_laptop);
    assert_eq!(
        import(&mut store, text.as_bytes(), &TrustPolicy::new()).unwrap_err(),
        ["key-mismatch"]
    );
    let options = ReadOptions {
        trust: Some(TrustPolicy::new()),
        ..province_options()
    };
    let problems = read_bundle_with(text.as_bytes(), &options, &store).unwrap_err();
    let message = problems[0].message_vi();
    let found = new_laptop.public_key().fingerprint();
    assert!(
        message.contains(&found.short())
            && message.contains(&dong_vinh_key().short())
            && message.contains("gọi điện"),
        "{message}"
    );
    // One confirm step after the phone call, and the ward is back in; both keys stay pinned
    // (a second laptop keeps working).
    let confirmed = TrustPolicy::new().confirming(dong_vinh(), found.clone());
    let report = import(&mut store, text.as_bytes(), &confirmed).unwrap();
    assert_eq!(report.merge.keys_pinned, 1);
    let pins = store.pinned_keys(&dong_vinh()).unwrap();
    assert!(pins.contains(&found) && pins.contains(&dong_vinh_key()));
    assert!(import(&mut store, &ward_signed(), &TrustPolicy::new()).is_ok());
}

#[test]
fn a_bundle_changed_after_signing_is_refused() {
    let mut store = unpinned_context();
    let trust = TrustPolicy::new().confirming(dong_vinh(), dong_vinh_key());
    // A byte edited in a text: the digest no longer matches.
    let text = examples().ward_signed;
    let edited = text.replacen("Đông Vĩnh", "Đông Vịnh", 1);
    assert_ne!(edited, text);
    assert_eq!(
        import(&mut store, edited.as_bytes(), &trust).unwrap_err(),
        ["wrong-digest"]
    );
    // The same edit with the digest recomputed by hand: the signature no longer matches.
    let mut value: Value = serde_json::from_str(&edited).unwrap();
    let signature = value["integrity"]["signature"].clone();
    value = serde_json::from_str(&sign(value)).unwrap();
    value["integrity"]["signature"] = signature;
    let redigested = serde_json::to_vec(&value).unwrap();
    assert_eq!(
        import(&mut store, &redigested, &trust).unwrap_err(),
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
        import(&mut store, &serde_json::to_vec(&value).unwrap(), &trust).unwrap_err(),
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
    assert!(
        store
            .pinned_keys(&dong_vinh())
            .is_some_and(|keys| keys.contains(&dong_vinh_key()))
    );
    assert!(
        store
            .pinned_keys(&UnitId::new("na").unwrap())
            .is_some_and(|keys| keys.contains(&test_key("na").public_key().fingerprint())),
        "the province's own key was pinned on the confirmed first import of its signed config"
    );
    // Đông Vĩnh's very first bundle here is signed by another key: refused, though never seen.
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    value["header"]["bundle_id"] = json!("gia-mao-1");
    let forged = sign_with(value, &test_key("ke-gia-mao"));
    assert_eq!(
        import(&mut store, forged.as_bytes(), &TrustPolicy::new()).unwrap_err(),
        ["key-mismatch"]
    );
    let report = import(&mut store, &ward_signed(), &TrustPolicy::new()).unwrap();
    assert_eq!(
        report.signature,
        SignatureStatus::Pinned {
            fingerprint: dong_vinh_key()
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
    let policy = TrustPolicy::new().with_own_keys([own.public_key().fingerprint()]);
    let options = ReadOptions {
        trust: Some(policy.clone()),
        ..province_options()
    };
    let bundle = read_bundle_with(text.as_bytes(), &options, &store).unwrap();
    let report = store.import_bundle(&bundle, &policy).unwrap();
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
    assert!(store.import_bundle(&bundle, &TrustPolicy::new()).is_err());
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
    let report = store.import_accepting(&unsigned).unwrap();
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
    let store = unpinned_context();
    let bundle = read_bundle_with(&ward_signed(), &province_options(), &store).unwrap();
    let mut whole = store.clone();
    let imported = whole.import_accepting(&bundle).unwrap();

    let mut halves = store.clone();
    let checked = halves
        .check_import(&bundle, &pkm_core::fixtures::accepting(&bundle))
        .unwrap();
    assert_eq!(halves, store, "a check changes nothing");
    let joined = halves.join_checked(checked);
    assert_eq!(joined, imported);
    assert_eq!(joined.merge.keys_pinned, 1, "the key is pinned by the join");
    assert_eq!(halves, whole);

    // Checked again on the store it was imported into, the bundle joins as already imported.
    let again = halves
        .check_import(&bundle, &pkm_core::fixtures::accepting(&bundle))
        .unwrap();
    assert!(halves.join_checked(again).already_imported);
    assert_eq!(halves, whole);
    // A bundle signed by another key, read without the store's context, is refused by the
    // check, which changes nothing.
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    value["header"]["device_id"] = json!("may-thu-hai");
    let forged = sign_with(value, &test_key("may-thu-hai"));
    let forged = read_bundle(forged.as_bytes(), &Limits::default()).unwrap();
    let problems = halves
        .check_import(&forged, &TrustPolicy::new())
        .unwrap_err();
    assert_eq!(codes(&problems), ["key-mismatch"]);
    assert_eq!(halves, whole);
}

#[test]
fn a_fingerprint_reads_out_in_groups_of_four_the_short_form_first() {
    let key = pkm_core::KeyFingerprint::new("0123456789abcdef".repeat(4)).unwrap();
    assert_eq!(key.short(), "0123 4567 89AB CDEF");
    let grouped = key.grouped();
    assert_eq!(grouped.split(' ').count(), 16);
    assert!(grouped.starts_with(&key.short()), "{grouped}");
    assert_eq!(grouped.replace(' ', "").to_lowercase(), key.as_str());
}
