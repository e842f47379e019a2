//! Signing with the browser's own WebCrypto: the device key is made once, not extractable, and
//! survives a reload; bundles it signs verify in the core; and the trust rules hold through the
//! session (no key is taken before a person confirms it; a confirmed key is pinned and the pin is
//! stored; another key or no signature for a pinned ward is refused and changes no record; this
//! device's own files are always accepted);
//! and WebCrypto's verdict on a signature, which the import screen uses, is the core's.

use leptos::prelude::Owner;
use phuong_kieu_mau::platform::device::DeviceInfo;
use phuong_kieu_mau::platform::signing::{ensure_device_key, verify};
use phuong_kieu_mau::state::session::{ImportResult, Session, load_store};
use phuong_kieu_mau::storage::{Db, StoreName};
use pkm_core::bundle::problems::ProblemKind;
use pkm_core::bundle::signature::{base64_decode, base64_encode};
use pkm_core::fixtures::nghe_an_2024;
use pkm_core::{
    BundleKind, Limits, Problem, ReadOptions, SecretKey, SignatureStatus, SteppedRead, Store,
    TrustPolicy, read_bundle,
};
use wasm_bindgen_test::wasm_bindgen_test;

#[allow(clippy::disallowed_methods)] // A random name per test keeps tests apart.
fn db_name(test: &str) -> String {
    format!("pkm-test-{test}-{}", js_sys::Math::random().to_bits())
}

async fn open_session(name: &str, device: &str) -> Session {
    let db = Db::open(name).await.expect("opens");
    Session::open(
        db,
        DeviceInfo {
            device_id: device.into(),
            created_ms: 0,
        },
    )
    .await
    .expect("session opens")
}

/// The fixture's first ward bundle, signed by `session`'s device key.
async fn signed_by(session: &Session, json: &str) -> String {
    let mut bundle = read_bundle(json.as_bytes(), &Limits::default()).expect("reads");
    session.sign(&mut bundle).await.expect("signs");
    bundle.to_json().expect("writes")
}

const ANY: [BundleKind; 3] = [BundleKind::Config, BundleKind::Ward, BundleKind::Province];

#[wasm_bindgen_test]
async fn the_device_key_is_made_once_not_extractable_and_kept() {
    let name = db_name("device-key");
    let db = Db::open(&name).await.expect("opens");
    let key = ensure_device_key(&db).await.expect("a key");
    assert!(
        !key.private_key_extractable(),
        "the private key never leaves WebCrypto"
    );
    assert_eq!(key.public_key().raw().len(), 65);
    let again = ensure_device_key(&db).await.expect("the same key");
    assert_eq!(again.fingerprint(), key.fingerprint());
    db.close();
    let reopened = Db::open(&name).await.expect("reopens");
    let after_reload = ensure_device_key(&reopened).await.expect("still there");
    assert_eq!(after_reload.fingerprint(), key.fingerprint());
    assert_eq!(reopened.count(StoreName::Keys).await.expect("count"), 1);
    reopened.close();
    Db::delete_database(&name).await.expect("deletes");
}

#[wasm_bindgen_test]
async fn a_bundle_signed_by_webcrypto_verifies_in_the_core() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("webcrypto");
    let session = open_session(&name, "dev-phuong").await;
    let fixture = nghe_an_2024(21).expect("fixture");
    let text = signed_by(&session, &fixture.ward_bundles[0].json).await;
    let bundle = read_bundle(text.as_bytes(), &Limits::default()).expect("the core verifies");
    let fingerprint = session.device_key().expect("a key").fingerprint();
    assert_eq!(
        bundle
            .signature()
            .map(pkm_core::BundleSignature::fingerprint),
        Some(fingerprint)
    );
    let unsigned =
        read_bundle(fixture.ward_bundles[0].json.as_bytes(), &Limits::default()).expect("reads");
    assert_eq!(bundle.digest, unsigned.digest, "signing keeps the digest");
    Db::delete_database(&name).await.ok();
}

/// Reads `bytes` step by step as the import screen does, WebCrypto verifying the signature.
async fn read_with_webcrypto(bytes: &[u8]) -> (usize, Result<pkm_core::Bundle, Vec<Problem>>) {
    let mut read = SteppedRead::new(bytes, ReadOptions::default());
    let mut verdicts = 0;
    loop {
        if let Some(pending) = read.pending_signature() {
            let verified = verify(pending.public_key, pending.value, pending.signed_text)
                .await
                .expect("WebCrypto verifies");
            read.signature_verified(verified);
            verdicts += 1;
        }
        if !read.step() {
            break;
        }
    }
    (verdicts, read.finish(&Store::new()))
}

#[wasm_bindgen_test]
async fn webcrypto_verifies_signatures_as_the_core_does() {
    let owner = Owner::new();
    owner.set();
    let name = db_name("webcrypto-verify");
    let session = open_session(&name, "dev-verify").await;
    let fixture = nghe_an_2024(23).expect("fixture");
    let by_webcrypto = signed_by(&session, &fixture.ward_bundles[0].json).await;
    let mut by_core =
        read_bundle(fixture.ward_bundles[1].json.as_bytes(), &Limits::default()).expect("reads");
    by_core
        .sign_with(&SecretKey::for_tests("phuong"))
        .expect("signs");
    let by_core = by_core.to_json().expect("writes");

    // r ‖ s with the last byte of s changed: still a signature's shape, but not this one.
    let tampered = |text: &str| {
        let mut value: serde_json::Value = serde_json::from_str(text).expect("JSON");
        let signature = value["integrity"]["signature"]["value"]
            .as_str()
            .expect("signed")
            .to_string();
        let mut bytes = base64_decode(&signature).expect("base64");
        bytes[63] ^= 1;
        value["integrity"]["signature"]["value"] = base64_encode(&bytes).into();
        serde_json::to_string(&value).expect("writes")
    };
    let mut files = Vec::new();
    for text in [&by_webcrypto, &by_core] {
        files.push((text.clone(), true));
        files.push((tampered(text), false));
    }
    // The other file's signature on this file's text.
    let mut swapped: serde_json::Value = serde_json::from_str(&by_core).expect("JSON");
    let other: serde_json::Value = serde_json::from_str(&by_webcrypto).expect("JSON");
    swapped["integrity"]["signature"] = other["integrity"]["signature"].clone();
    files.push((serde_json::to_string(&swapped).expect("writes"), false));

    for (text, good) in files {
        let (verdicts, read) = read_with_webcrypto(text.as_bytes()).await;
        assert_eq!(verdicts, 1, "WebCrypto gave the verdict");
        assert_eq!(read.is_ok(), good, "{:?}", read.as_ref().err());
        assert_eq!(read, read_bundle(text.as_bytes(), &Limits::default()));
        if !good {
            let problems = read.unwrap_err();
            assert!(
                problems
                    .iter()
                    .any(|problem| problem.kind == ProblemKind::BadSignature),
                "{problems:?}"
            );
        }
    }
    Db::delete_database(&name).await.ok();
}

#[wasm_bindgen_test]
async fn the_session_pins_a_confirmed_key_and_refuses_others_changing_nothing() {
    let owner = Owner::new();
    owner.set();
    let fixture = nghe_an_2024(22).expect("fixture");
    let ward = &fixture.ward_bundles[0];
    let names = [db_name("laptop"), db_name("other"), db_name("tinh")];
    let laptop = open_session(&names[0], "dev-laptop").await;
    let other_laptop = open_session(&names[1], "dev-other").await;
    let province = open_session(&names[2], "dev-tinh").await;
    let nothing = TrustPolicy::new();

    // The province's key is not taken silently, even by a fresh store.
    let empty = dump(province.db()).await;
    match province
        .import_file(
            "config.json",
            fixture.config_bundle.as_bytes(),
            &ANY,
            &nothing,
        )
        .await
    {
        ImportResult::Rejected(problems) => {
            assert_eq!(problems[0].code(), "unconfirmed-key", "{problems:?}");
            let message = problems[0].message_vi();
            assert!(message.contains(&fixture.province_key.short()), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        dump(province.db()).await,
        empty,
        "the refusal changed no record"
    );
    let trust = pkm_core::fixtures::trust(&fixture);
    let result = province
        .import_file(
            "config.json",
            fixture.config_bundle.as_bytes(),
            &ANY,
            &trust,
        )
        .await;
    assert!(matches!(result, ImportResult::Imported(_)), "{result:?}");

    // A new laptop of a ward whose (test) key the config pinned: refused until a person
    // confirms it, then pinned beside the old one.
    let first = signed_by(&laptop, &ward.json).await;
    let laptop_key = laptop.device_key().expect("a key").fingerprint();
    match province
        .import_file("phuong.json", first.as_bytes(), &ANY, &nothing)
        .await
    {
        ImportResult::Rejected(problems) => {
            assert_eq!(problems[0].code(), "key-mismatch", "{problems:?}")
        }
        other => panic!("{other:?}"),
    }
    let confirmed = TrustPolicy::new().confirming(ward.ward.clone(), laptop_key.clone());
    match province
        .import_file("phuong.json", first.as_bytes(), &ANY, &confirmed)
        .await
    {
        ImportResult::Imported(report) => {
            assert_eq!(
                report.signature,
                SignatureStatus::FirstSeen {
                    fingerprint: laptop_key.clone()
                }
            );
            let line = report.signature.message_vi(&report.unit);
            assert!(line.contains(&laptop_key.short()), "{line}");
        }
        other => panic!("{other:?}"),
    }
    let stored = load_store(province.db()).await.expect("loads");
    assert!(
        stored
            .pinned_keys(&ward.ward)
            .is_some_and(|keys| keys.contains(&laptop_key)),
        "the pin is stored"
    );

    let before = dump(province.db()).await;
    let forged = signed_by(&other_laptop, &ward.json).await;
    match province
        .import_file("may-khac.json", forged.as_bytes(), &ANY, &nothing)
        .await
    {
        ImportResult::Rejected(problems) => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].code(), "key-mismatch");
            let message = problems[0].message_vi();
            let other_key = other_laptop.device_key().expect("a key").fingerprint();
            assert!(message.contains(&other_key.short()), "{message}");
            assert!(message.contains(&laptop_key.short()), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let unsigned = {
        let mut value: serde_json::Value = serde_json::from_str(&ward.json).expect("JSON");
        value["integrity"]
            .as_object_mut()
            .expect("integrity")
            .remove("signature");
        value.to_string()
    };
    match province
        .import_file("chua-ky.json", unsigned.as_bytes(), &ANY, &nothing)
        .await
    {
        ImportResult::Rejected(problems) => assert_eq!(problems[0].code(), "unsigned-bundle"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        dump(province.db()).await,
        before,
        "refusals changed no record"
    );

    // The province's own signature is always accepted by the province, and never pinned.
    let own = signed_by(&province, &ward.json).await;
    match province
        .import_file("cua-tinh.json", own.as_bytes(), &ANY, &nothing)
        .await
    {
        ImportResult::Imported(report) => {
            assert!(matches!(report.signature, SignatureStatus::Own { .. }))
        }
        other => panic!("{other:?}"),
    }
    for session in [laptop, other_laptop, province] {
        session.db().clone().close();
    }
    for name in names {
        Db::delete_database(&name).await.ok();
    }
}

async fn dump(db: &Db) -> Vec<Vec<(String, serde_json::Value)>> {
    let mut all = Vec::new();
    for store in [
        StoreName::Meta,
        StoreName::Units,
        StoreName::Assessments,
        StoreName::Catalogues,
    ] {
        all.push(db.all::<serde_json::Value>(store).await.expect("reads"));
    }
    all
}
