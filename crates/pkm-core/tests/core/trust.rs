//! Who may change what, attacked: the three forgeries of issue 22 are refused with their
//! Vietnamese messages and change nothing, and the genuine file still goes in after them; a
//! revocation beats a pin and travels in the config; values dated ahead of the importer's clock
//! are refused, or accepted once without moving its clock, and a laptop whose clock ran a year
//! ahead is not locked out; and a property test forges random files (other units' records,
//! review verdicts, pins, keys, senders, timestamps) and checks the two rules: a file not signed
//! by a key pinned or confirmed for its unit (or a unit above it) is refused, and an accepted
//! file changed nothing outside its unit's scope; a refused file changed nothing at all.

use pkm_core::bundle::{ReadOptions, read_bundle_with};
use pkm_core::trust::MAX_CLOCK_AHEAD_MS;
use pkm_core::{DeviceId, HlcClock, KeyFingerprint, Store, TrustPolicy, UnitId};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::{
    EXAMPLES_NOW_MS, bundles_dir, examples, province_options, sign, sign_with, signed_context,
    strict_trust, test_key,
};

fn id(text: &str) -> UnitId {
    UnitId::new(text).unwrap()
}

fn dong_vinh_key() -> KeyFingerprint {
    test_key("na-vinh-dong-vinh").public_key().fingerprint()
}

/// Reads and imports `bytes` for `store` under `policy`: the report, or the problems' codes and
/// Vietnamese messages; a refused file must leave the store exactly as it was.
fn import(
    store: &mut Store,
    bytes: &[u8],
    policy: &TrustPolicy,
) -> Result<pkm_core::ImportReport, Vec<(&'static str, String)>> {
    let before = store.clone();
    let options = ReadOptions {
        trust: Some(policy.clone()),
        ..province_options()
    };
    let outcome = read_bundle_with(bytes, &options, store)
        .and_then(|bundle| store.import_bundle(&bundle, policy));
    outcome.map_err(|problems| {
        assert_eq!(*store, before, "a refused file changed the store");
        problems
            .iter()
            .map(|problem| (problem.code(), problem.message_vi()))
            .collect()
    })
}

fn bad(code: &str) -> Vec<u8> {
    std::fs::read(bundles_dir().join(format!("bad/{code}.json"))).unwrap()
}

#[test]
fn the_three_forgeries_are_refused_change_nothing_and_do_not_lock_the_ward_out() {
    let mut store = signed_context();
    // Even a person who confirms every key and accepts every exception cannot let them in.
    let lenient = strict_trust()
        .confirming(
            id("tinh-gia"),
            test_key("tinh-gia").public_key().fingerprint(),
        )
        .allowing_unsigned(id("tinh-gia"));
    let forged_province = import(&mut store, &bad("unknown-sender"), &lenient).unwrap_err();
    assert!(
        forged_province
            .iter()
            .any(|(code, message)| *code == "unknown-sender"
                && message.contains("không có trong danh sách đơn vị")),
        "{forged_province:?}"
    );
    // Not even as a fresh store's first file: it does not carry its sender's record.
    let mut fresh = Store::new();
    let first = import(&mut fresh, &bad("unknown-sender"), &lenient).unwrap_err();
    assert!(
        first.iter().any(|(code, _)| *code == "unknown-sender"),
        "{first:?}"
    );
    let renamed = import(&mut store, &bad("out-of-scope"), &strict_trust()).unwrap_err();
    assert_eq!(renamed.len(), 1, "{renamed:?}");
    assert_eq!(renamed[0].0, "out-of-scope");
    assert!(
        renamed[0]
            .1
            .contains("không có quyền thay đổi thông tin đơn vị “na”"),
        "{renamed:?}"
    );
    let dated_2090 = import(&mut store, &bad("future-timestamp"), &strict_trust()).unwrap_err();
    assert_eq!(dated_2090.len(), 1, "{dated_2090:?}");
    assert_eq!(dated_2090[0].0, "future-timestamp");
    assert!(dated_2090[0].1.contains("2090-01-01"), "{dated_2090:?}");
    assert_eq!(
        store.unit(&id("na")).unwrap().name_vi,
        "Công an tỉnh Nghệ An"
    );
    assert!(
        store
            .pinned_keys(&id("na-vinh-dong-vinh"))
            .is_some_and(|keys| keys.len() == 1 && keys.contains(&dong_vinh_key())),
        "no forged pin"
    );
    // The ward's genuine file still goes in.
    let genuine = examples().ward_signed;
    assert!(import(&mut store, genuine.as_bytes(), &strict_trust()).is_ok());
}

#[test]
fn a_revocation_beats_a_pin_and_travels_in_the_config() {
    let store = signed_context();
    let old = crate::support::old_laptop_key();
    assert!(store.is_revoked(&id("na-vinh-dong-vinh"), &old.public_key().fingerprint()));
    // Even pinned and confirmed, a revoked key is refused.
    let mut pinned = store.clone();
    pinned.pin_key(&id("na-vinh-dong-vinh"), old.public_key().fingerprint());
    let confirmed =
        strict_trust().confirming(id("na-vinh-dong-vinh"), old.public_key().fingerprint());
    let problems = import(&mut pinned, &bad("revoked-key"), &confirmed).unwrap_err();
    assert_eq!(
        problems.iter().map(|(code, _)| *code).collect::<Vec<_>>(),
        ["revoked-key"]
    );
    // A revocation of the province's key covers every unit under it.
    let mut whole = store.clone();
    whole.revoke_key(&id("na"), dong_vinh_key());
    let genuine = examples().ward_signed;
    let problems = import(&mut whole, genuine.as_bytes(), &strict_trust()).unwrap_err();
    assert_eq!(problems[0].0, "revoked-key");
    // Revocations join as a grow-only set.
    let mut merged = Store::new();
    merged.merge(&whole);
    merged.merge(&store);
    assert_eq!(merged.key_revocations(), whole.key_revocations());
}

/// Đông Vĩnh's signed file with one criterion entry rewritten at `wall_ms`.
fn dated(wall_ms: u64, note: &str) -> String {
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    let entry = &mut value["content"]["assessments"][0]["criteria"]["C02"][0];
    entry["at"]["wall_ms"] = json!(wall_ms);
    entry["value"]["note"] = json!(note);
    value["header"]["bundle_id"] = json!(format!("dated-{wall_ms}"));
    sign_with(value, &test_key("na-vinh-dong-vinh"))
}

#[test]
fn values_dated_ahead_are_refused_or_accepted_once_without_moving_the_clock() {
    let mut store = signed_context();
    let year_ahead = EXAMPLES_NOW_MS + 365 * 86_400_000;
    let text = dated(year_ahead, "Đồng hồ máy chạy nhanh một năm.");
    let problems = import(&mut store, text.as_bytes(), &strict_trust()).unwrap_err();
    assert_eq!(problems[0].0, "future-timestamp");
    // Just under a day ahead is a clock's ordinary error.
    let mut near = store.clone();
    let within = EXAMPLES_NOW_MS + MAX_CLOCK_AHEAD_MS - 60_000;
    assert!(
        import(
            &mut near,
            dated(within, "Lệch vài giờ.").as_bytes(),
            &strict_trust()
        )
        .is_ok()
    );

    // The person checks with the ward and accepts it once.
    let once = strict_trust().allowing_future(id("na-vinh-dong-vinh"));
    let report = import(&mut store, text.as_bytes(), &once).unwrap();
    assert_eq!(report.future_ms, Some(year_ahead));
    let latest = report.latest.expect("a latest timestamp");
    assert!(latest.wall_ms <= EXAMPLES_NOW_MS + MAX_CLOCK_AHEAD_MS);
    // Neither the import nor a restart moves the importer's clock there.
    let mut clock = HlcClock::new(DeviceId::new("tinh-na").unwrap());
    if let Some(seen) = store.latest_timestamp_until(EXAMPLES_NOW_MS + MAX_CLOCK_AHEAD_MS) {
        clock.observe(&seen);
    }
    assert!(clock.tick(EXAMPLES_NOW_MS).wall_ms < EXAMPLES_NOW_MS + MAX_CLOCK_AHEAD_MS);
    assert_eq!(store.latest_timestamp().unwrap().wall_ms, year_ahead);

    // The ward's laptop sets its clock right; its next file carries the old entry (already
    // here) and new edits dated by the restarted clock: it goes in without a question.
    let mut ward_clock = HlcClock::new(DeviceId::new("may-na-vinh-dong-vinh").unwrap());
    ward_clock.observe(&pkm_core::Hlc {
        wall_ms: year_ahead,
        logical: 0,
        device: DeviceId::new("may-na-vinh-dong-vinh").unwrap(),
    });
    let fixed = ward_clock.tick(EXAMPLES_NOW_MS);
    assert_eq!(fixed.wall_ms, EXAMPLES_NOW_MS);
    let mut value: Value = serde_json::from_str(&text).unwrap();
    let c03 = &mut value["content"]["assessments"][0]["criteria"]["C03"][0];
    c03["at"]["wall_ms"] = json!(fixed.wall_ms);
    c03["value"]["note"] = json!("Sửa sau khi chỉnh đồng hồ.");
    let counter = c03["vv"]["may-na-vinh-dong-vinh"].as_u64().unwrap_or(0) + 1;
    c03["vv"]["may-na-vinh-dong-vinh"] = json!(counter);
    c03["at"]["device"] = json!("may-na-vinh-dong-vinh");
    value["header"]["bundle_id"] = json!("after-the-fix");
    let after = sign_with(value, &test_key("na-vinh-dong-vinh"));
    assert!(import(&mut store, after.as_bytes(), &strict_trust()).is_ok());
}

#[test]
fn counters_near_the_limit_are_refused_by_the_reader() {
    let problems =
        pkm_core::read_bundle(&bad("counter-too-large"), &Default::default()).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|problem| problem.code() == "counter-too-large")
    );
}

/// What a forger may do to Đông Vĩnh's file.
#[derive(Debug, Clone)]
enum Forgery {
    RenameUnit(usize),
    Review,
    Pin,
    Revoke,
    Sender(usize),
    Future,
    OtherWardRecord,
}

fn forgery() -> impl Strategy<Value = Forgery> {
    prop_oneof![
        (0usize..3).prop_map(Forgery::RenameUnit),
        Just(Forgery::Review),
        Just(Forgery::Pin),
        Just(Forgery::Revoke),
        (0usize..3).prop_map(Forgery::Sender),
        Just(Forgery::Future),
        Just(Forgery::OtherWardRecord),
    ]
}

const SIGNERS: [&str; 4] = ["na-vinh-dong-vinh", "na", "ke-gia-mao", "-"];
const UNITS: [&str; 3] = ["na", "na-vinh", "na-vinh-dong-vinh"];
const SENDERS: [&str; 3] = ["na-vinh-dong-vinh", "na-vinh-le-mao", "tinh-gia"];

fn forge(forgeries: &[Forgery], signer: usize, kind_province: bool) -> String {
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    for (step, forgery) in forgeries.iter().enumerate() {
        match forgery {
            Forgery::RenameUnit(unit) => {
                value["content"]["units"][UNITS[*unit]][0]["value"]["name_vi"] =
                    json!(format!("Giả mạo {step}"));
            }
            Forgery::Review => {
                value["content"]["assessments"][0]["reviews"]["C01"] = json!([{
                    "vv": {"ke-gia": 1},
                    "at": {"wall_ms": EXAMPLES_NOW_MS - 1000, "logical": 0, "device": "ke-gia"},
                    "author": "Kẻ giả",
                    "value": {"verdict": "disagree", "comment": "giả", "reviewer": "giả"}
                }]);
            }
            Forgery::Pin | Forgery::Revoke => {
                let member = if matches!(forgery, Forgery::Pin) {
                    "keys"
                } else {
                    "revoked"
                };
                value["content"][member] = json!({
                    "na-vinh-le-mao": [test_key("ke-gia-mao").public_key().fingerprint().as_str()]
                });
            }
            Forgery::Sender(sender) => value["header"]["unit_id"] = json!(SENDERS[*sender]),
            Forgery::Future => {
                value["content"]["assessments"][0]["criteria"]["C04"][0]["at"]["wall_ms"] =
                    json!(EXAMPLES_NOW_MS + 40 * 86_400_000);
            }
            Forgery::OtherWardRecord => {
                value["content"]["units"]["na-vinh-le-mao"] = json!([{
                    "vv": {"ke-gia": 1},
                    "at": {"wall_ms": EXAMPLES_NOW_MS - 1000, "logical": 0, "device": "ke-gia"},
                    "author": "Kẻ giả",
                    "value": {"id": "na-vinh-le-mao", "code": null, "name_vi": "Phường giả",
                              "kind": "ward", "parent": "na-vinh"}
                }]);
            }
        }
    }
    if kind_province {
        value["kind"] = json!("province");
    }
    let named: String = format!("{forgeries:?}")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    value["header"]["bundle_id"] = json!(format!("forged-{named}-{signer}"));
    match SIGNERS[signer] {
        "-" => {
            value["integrity"]
                .as_object_mut()
                .unwrap()
                .remove("signature");
            sign(value)
        }
        name => sign_with(value, &test_key(name)),
    }
}

/// The store with everything outside `unit`'s scope (as the store's registry says) only: what an
/// accepted file of `unit` must leave as it was.
fn outside_scope(store: &Store, unit: &UnitId) -> Value {
    let registry = store.registry();
    let inside = |other: &UnitId| other == unit || registry.is_within(other, unit);
    let mut value = serde_json::to_value(store).unwrap();
    let content = value.as_object_mut().unwrap();
    content.remove("imported");
    // Units: a unit's record belongs to its parent; a top unit's to itself.
    if let Some(units) = content.get_mut("units").and_then(Value::as_object_mut) {
        units.retain(|id, _| {
            let id = UnitId::new(id.as_str()).unwrap();
            let owner = registry
                .get(&id)
                .and_then(|found| found.parent.clone())
                .unwrap_or(id);
            !inside(&owner)
        });
    }
    // Assessments: the unit's own part is inside; reviews belong to the province.
    if let Some(assessments) = content.get_mut("assessments").and_then(Value::as_array_mut) {
        for doc in assessments.iter_mut() {
            let owner = UnitId::new(doc["unit"].as_str().unwrap()).unwrap();
            if inside(&owner) {
                let object = doc.as_object_mut().unwrap();
                for member in ["track", "catalogue", "criteria", "actions", "requests"] {
                    object.remove(member);
                }
            }
        }
        // A document of the unit's with no review verdict is wholly its own.
        assessments.retain(|doc| {
            doc.get("track").is_some() || doc["reviews"].as_object().is_some_and(|r| !r.is_empty())
        });
    }
    for member in ["keys", "revoked"] {
        if let Some(sets) = content.get_mut(member).and_then(Value::as_object_mut) {
            sets.retain(|id, _| !inside(&UnitId::new(id.as_str()).unwrap()));
        }
    }
    value
}

/// The rules of the property test for one forged file; whether it was accepted.
fn check_rules(forgeries: &[Forgery], signer: usize, kind_province: bool, confirm: bool) -> bool {
    let store = signed_context();
    let text = forge(forgeries, signer, kind_province);
    // A person who confirms whatever key the file shows, or nobody.
    let mut policy = strict_trust();
    let parsed: Value = serde_json::from_str(&text).unwrap();
    let sender = UnitId::new(parsed["header"]["unit_id"].as_str().unwrap()).unwrap();
    let key = test_key(SIGNERS[signer]).public_key().fingerprint();
    if confirm && SIGNERS[signer] != "-" {
        policy = policy.confirming(sender.clone(), key.clone());
    }
    let mut after = store.clone();
    match import(&mut after, text.as_bytes(), &policy) {
        Err(_) => {
            assert_eq!(after, store);
            false
        }
        Ok(_) => {
            // Signed by a key pinned for the sender or a unit above it, or confirmed.
            let registry = store.registry();
            let mut chain = vec![sender.clone()];
            chain.extend(
                registry
                    .ancestors(&sender)
                    .into_iter()
                    .map(|unit| unit.id.clone()),
            );
            let pinned = chain.iter().any(|unit| {
                store
                    .pinned_keys(unit)
                    .is_some_and(|keys| keys.contains(&key))
            });
            assert!(
                SIGNERS[signer] != "-",
                "an unsigned file got in: {forgeries:?}"
            );
            assert!(
                pinned || (confirm && registry.get(&sender).is_some()),
                "{forgeries:?} {signer}"
            );
            assert_eq!(
                outside_scope(&after, &sender),
                outside_scope(&store, &sender),
                "{forgeries:?} signed by {} changed records outside its scope",
                SIGNERS[signer]
            );
            true
        }
    }
}

#[test]
fn every_single_forgery_by_every_signer_keeps_the_rules() {
    let singles = [
        Forgery::RenameUnit(0),
        Forgery::RenameUnit(1),
        Forgery::RenameUnit(2),
        Forgery::Review,
        Forgery::Pin,
        Forgery::Revoke,
        Forgery::Sender(0),
        Forgery::Sender(1),
        Forgery::Sender(2),
        Forgery::Future,
        Forgery::OtherWardRecord,
    ];
    let (mut accepted, mut refused) = (0, 0);
    for forgery in singles
        .iter()
        .map(|one| vec![one.clone()])
        .chain([Vec::new()])
    {
        for signer in 0..SIGNERS.len() {
            for kind_province in [false, true] {
                for confirm in [false, true] {
                    if check_rules(&forgery, signer, kind_province, confirm) {
                        accepted += 1;
                    } else {
                        refused += 1;
                    }
                }
            }
        }
    }
    // Both sides are exercised: the genuine file by its own or its province's key, a rename of
    // the ward's own record by the province's key; every other forgery is refused.
    assert_eq!(accepted + refused, 12 * 16);
    eprintln!("{accepted} forged files accepted, {refused} refused");
    assert!(accepted >= 6, "only {accepted} accepted");
    assert!(refused >= 150, "only {refused} refused");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn forged_files_change_nothing_outside_their_signers_scope(
        forgeries in prop::collection::vec(forgery(), 0..4),
        signer in 0..SIGNERS.len(),
        kind_province in any::<bool>(),
        confirm in any::<bool>(),
    ) {
        check_rules(&forgeries, signer, kind_province, confirm);
    }
}

#[test]
fn another_version_of_an_equal_value_passes_and_a_forged_own_counter_does_not() {
    // Two laptops that typed the same province by hand: another version, the same value.
    let mut store = signed_context();
    let mut value: Value = serde_json::from_str(&examples().ward_signed).unwrap();
    let entry = &mut value["content"]["units"]["na"][0];
    entry["vv"] = json!({"may-na-vinh-dong-vinh": 1});
    entry["at"]["device"] = json!("may-na-vinh-dong-vinh");
    entry["author"] = json!("Đ/c Trần Thị Lan");
    value["header"]["bundle_id"] = json!("go-tay");
    let typed = sign_with(value, &test_key("na-vinh-dong-vinh"));
    let report = import(&mut store, typed.as_bytes(), &strict_trust()).unwrap();
    assert_eq!(report.merge.conflicts_created, 0);
    assert_eq!(
        store.unit(&id("na")).unwrap().name_vi,
        "Công an tỉnh Nghệ An"
    );

    // The province's own device named with a counter it never reached: refused, and only for
    // the device it names (another device's import is not concerned).
    let mut store = signed_context();
    let problems = import(&mut store, &bad("forged-counter"), &strict_trust()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "forged-counter");
    assert!(problems[0].1.contains("1000000 lần"), "{problems:?}");
    let elsewhere = strict_trust().for_device(DeviceId::new("may-khac").unwrap());
    assert!(import(&mut store, &bad("forged-counter"), &elsewhere).is_ok());
}

#[test]
fn a_ward_that_typed_its_units_by_hand_is_asked_only_for_the_province_key() {
    // A ward laptop that typed other ids for its units, before the province's config arrived.
    let mut store = Store::new();
    let mut clock = HlcClock::new(DeviceId::new("may-go-tay").unwrap());
    let context = pkm_core::EditContext::new(clock.tick(EXAMPLES_NOW_MS - 86_400_000), "Cán bộ");
    store
        .upsert_unit(
            &context,
            pkm_core::Unit {
                id: id("tinh-tu-go"),
                code: None,
                name_vi: "Công an tỉnh (gõ tay)".into(),
                kind: pkm_core::UnitKind::Province,
                parent: None,
                attachment_limits: None,
            },
        )
        .unwrap();
    let config = examples().config;
    let ward_trust = strict_trust().for_device(DeviceId::new("may-go-tay").unwrap());
    let options = ReadOptions {
        trust: Some(ward_trust.clone()),
        accept: vec![pkm_core::BundleKind::Config],
        ..province_options()
    };
    let problems = read_bundle_with(config.as_bytes(), &options, &store).unwrap_err();
    let codes: Vec<&str> = problems.iter().map(pkm_core::Problem::code).collect();
    assert_eq!(
        codes,
        ["unconfirmed-key"],
        "only the key's question: {problems:?}"
    );
    let confirmed = ward_trust.confirming(id("na"), test_key("na").public_key().fingerprint());
    let bundle = pkm_core::read_bundle(config.as_bytes(), &Default::default()).unwrap();
    store.import_bundle(&bundle, &confirmed).unwrap();
    assert!(store.unit(&id("na")).is_some());
}
